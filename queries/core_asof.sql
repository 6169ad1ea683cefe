-- The latest date anywhere in the data: the default as-of date (SPEC §5),
-- of the whole database, as the last import left it (data_latest.sql).
SELECT latest_date FROM data_state WHERE id = 1
