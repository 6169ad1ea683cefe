-- Every outcome row up to as-of ?1, in person and date order: the order
-- of the table's key, so the rows are read once and never sorted.  The
-- core hands each row to the cases of its person, which assign it to
-- their windows (the latest state value in a window is the last row seen).
SELECT person_id, measure, date, value
FROM outcomes
WHERE date <= ?1
ORDER BY person_id, date
