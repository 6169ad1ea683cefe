-- Every meeting up to as-of ?1, in case order (the table's key):
-- the core counts each case's meetings in its during phase and who took
-- part in them (core.c).
SELECT case_id, date, participants
FROM meetings
WHERE date <= ?1
ORDER BY case_id
