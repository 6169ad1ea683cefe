-- Verksamhet: active cases in the period [?1, ?2) by target group.
SELECT coalesce(c.unit, p.unit) AS unit, c.target_group
FROM cases c JOIN persons p ON p.id = c.person_id
WHERE c.start_date < ?2 AND (c.end_date IS NULL OR c.end_date >= ?1)
