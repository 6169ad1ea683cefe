-- Verksamhet: the started cases that ended in the period [?1, ?2), by end
-- reason (as verk_flode.sql counts them).
SELECT coalesce(c.unit, p.unit) AS unit, c.end_reason
FROM cases c JOIN persons p ON p.id = c.person_id
WHERE c.start_date IS NOT NULL AND c.end_date >= ?1 AND c.end_date < ?2
