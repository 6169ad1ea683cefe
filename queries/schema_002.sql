-- Version 2 (issue 12): the latest date anywhere in the data, the default
-- as-of of every report (SPEC §5), kept by each import in the same
-- transaction (data_latest.sql), so that a report does not scan the
-- largest tables for it.  db.c fills it from the rows already stored
-- (data_latest.sql) in the migration's transaction.
-- And a person's interventions in start order (the core reads them so;
-- the importer's key lookup of intervention_find.sql still uses it).
CREATE TABLE data_state (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    latest_date TEXT
);
INSERT INTO data_state (id, latest_date) VALUES (1, NULL);  -- db.c fills it
DROP INDEX interventions_person;
CREATE INDEX interventions_person ON interventions(person_id, start_date, insats);
