-- Verksamhet: active cases in the period [?1, ?2) by age at start (whole
-- years; NULL without a birth date).
SELECT coalesce(c.unit, p.unit) AS unit,
       (strftime('%Y', c.start_date) - strftime('%Y', p.birth_date))
         - (strftime('%m-%d', c.start_date) < strftime('%m-%d', p.birth_date)) AS age
FROM cases c JOIN persons p ON p.id = c.person_id
WHERE c.start_date < ?2 AND (c.end_date IS NULL OR c.end_date >= ?1)
