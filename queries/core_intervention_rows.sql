-- Every intervention of each case's person that overlaps the case's span,
-- in case order (an open end runs to as-of).
SELECT p.case_id, i.insats, i.start_date, i.end_date
FROM temp.phase p
JOIN interventions i ON i.person_id = p.person_id
                    AND i.start_date < p.span_to
                    AND (i.end_date IS NULL OR i.end_date >= p.span_from)
ORDER BY p.case_id
