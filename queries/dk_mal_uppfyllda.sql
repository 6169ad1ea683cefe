-- Data-quality rule (reports/datakvalitet.ini): the cases that ended in the
-- period [?1, ?2) with end reason mal_uppfyllda; fel = no goal of the case
-- has uppnatt as its final status (its latest follow-up's, else the goal's
-- own); datum = the end.
SELECT coalesce(c.unit, p.unit) AS unit, c.case_id AS arende,
       NOT EXISTS (SELECT 1 FROM goals g WHERE g.case_id = c.id
                     AND coalesce((SELECT f.status FROM goal_followups f
                                   WHERE f.case_id = g.case_id AND f.domain = g.domain
                                     AND f.set_date = g.set_date
                                   ORDER BY f.followup_date DESC LIMIT 1),
                                  g.status) = 'uppnatt') AS fel,
       c.end_date AS datum
FROM cases c JOIN persons p ON p.id = c.person_id
WHERE c.end_date >= ?1 AND c.end_date < ?2 AND c.end_reason = 'mal_uppfyllda'
