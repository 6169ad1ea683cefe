-- An outcome row (?1 person, ?2 date, ?3 measure, ?4 value, ?5 run); the
-- full row is the key, so an identical row is not stored twice.
INSERT INTO outcomes (person_id, date, measure, value, run_id)
VALUES (?1, ?2, ?3, ?4, ?5)
ON CONFLICT DO NOTHING
