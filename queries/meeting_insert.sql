-- A meeting (?1 case, ?2 date, ?3 type, ?4 sorted participants, ?5 run);
-- the full row is the key.
INSERT INTO meetings (case_id, date, type, participants, run_id)
VALUES (?1, ?2, ?3, ?4, ?5)
ON CONFLICT DO NOTHING
