-- The import run that stored outcome row (?1 person, ?2 date, ?3 measure,
-- ?4 value): tells a repeated row within one run from a re-import.
SELECT run_id FROM outcomes
WHERE person_id = ?1 AND date = ?2 AND measure = ?3 AND value = ?4
