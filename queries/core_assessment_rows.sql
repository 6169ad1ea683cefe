-- Every assessment of each case's person inside the case's span, in case
-- and date order.
SELECT p.case_id, a.instrument, a.date, a.total_score, a.risk_level
FROM temp.phase p
JOIN assessments a ON a.person_id = p.person_id
                  AND a.date >= p.span_from AND a.date < p.span_to
ORDER BY p.case_id, a.date
