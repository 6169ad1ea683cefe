-- The cases started by as-of ?1 (SPEC §5), in case order, with what the
-- core needs of them: person, sex, birth date, unit (the case's own, else
-- its person's), programme, target group, end reason, follow-up consent,
-- start, end, the day the follow-up consent was withdrawn, referral and
-- consent.  The phase windows are computed from the dates in C
-- (core.c), with the month arithmetic of uf_add_months.
SELECT c.id, c.person_id, ps.sex, ps.birth_date, coalesce(c.unit, ps.unit), c.programme,
       c.target_group, c.end_reason, c.followup_consent, c.start_date, c.end_date,
       c.consent_withdrawn_date, c.referral_date, c.consent_date
FROM cases c
JOIN persons ps ON ps.id = c.person_id
WHERE c.start_date IS NOT NULL AND c.start_date <= ?1
ORDER BY c.id
