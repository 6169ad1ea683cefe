-- Verksamhet: each insats given in the period [?1, ?2) to an active case's
-- person, once per case and insats (a case may have several insatser).
SELECT unit, insats FROM (
    SELECT DISTINCT c.id, coalesce(c.unit, p.unit) AS unit, i.insats
    FROM cases c
    JOIN persons p ON p.id = c.person_id
    JOIN interventions i ON i.person_id = c.person_id
    WHERE c.start_date < ?2 AND (c.end_date IS NULL OR c.end_date >= ?1)
      AND i.start_date < ?2 AND (i.end_date IS NULL OR i.end_date >= ?1)
)
