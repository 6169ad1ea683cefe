-- The analysis export's extra facts per case started by as-of ?1, in case
-- order: the person (to share one fresh export pseudonym between a
-- person's cases; the database id itself is never written), who referred
-- the case, and the date of the first registered suspicion (an outcome
-- misstanke_brott with a value above 0) strictly after the start (as the
-- kohort report's Kaplan–Meier curves count it) and at or
-- before as-of, NULL when none; and the form of the insats (bistand,
-- service).
SELECT c.id, c.person_id, c.referred_by,
       (SELECT min(o.date) FROM outcomes o
        WHERE o.person_id = c.person_id AND o.measure = 'misstanke_brott'
          AND o.value > 0 AND o.date > c.start_date AND o.date <= ?1),
       c.form
FROM cases c
WHERE c.start_date IS NOT NULL AND c.start_date <= ?1
ORDER BY c.id
