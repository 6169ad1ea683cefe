-- Kohort report, time to event: the date of each case's first registered
-- suspicion of a crime (misstanke_brott with a value above 0) strictly
-- after the case's start date and at or before the as-of date (?1, ISO
-- text); one row per case that has one, in case order.
SELECT c.id, min(o.date)
FROM cases c
JOIN outcomes o ON o.person_id = c.person_id
WHERE c.start_date IS NOT NULL
  AND o.measure = 'misstanke_brott' AND o.value > 0
  AND o.date > c.start_date AND o.date <= ?1
GROUP BY c.id
ORDER BY c.id
