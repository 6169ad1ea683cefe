-- Every outcome row of each case's person inside the case's span, in case
-- and date order (the latest state value in a window is the last row seen):
-- the core assigns them to windows.
SELECT p.case_id, o.measure, o.date, o.value
FROM temp.phase p
JOIN outcomes o ON o.person_id = p.person_id
               AND o.date >= p.span_from AND o.date < p.span_to
ORDER BY p.case_id, o.date
