-- The cases of the phase table with what they are grouped by: sex, birth
-- date, unit (the case's own, else its person's), programme, target group, end reason (only when ended by
-- as-of), follow-up consent, and the phase windows.
SELECT p.case_id, ps.sex, ps.birth_date, coalesce(c.unit, ps.unit), c.programme, c.target_group,
       CASE WHEN p.end IS NOT NULL THEN c.end_reason END,
       c.followup_consent, p.start, p.end, p.before_from, p.during_to,
       p.after_from, p.after_to, p.follow_to
FROM temp.phase p
JOIN cases c ON c.id = p.case_id
JOIN persons ps ON ps.id = p.person_id
ORDER BY p.case_id
