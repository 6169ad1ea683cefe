-- Version 2 (issue 12): the latest date anywhere in the data, the default
-- as-of of every report (SPEC §5), kept by each import in the same
-- transaction (data_latest.sql), so that a report does not scan the
-- largest tables for it.  Filled here from the rows already stored.
-- And a person's interventions in start order (the core reads them so;
-- the importer's key lookup of intervention_find.sql still uses it).
CREATE TABLE data_state (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    latest_date TEXT
);
INSERT INTO data_state (id, latest_date)
SELECT 1, max(d) FROM (
    SELECT max(referral_date) AS d FROM main.cases
    UNION ALL SELECT max(consent_date) FROM main.cases
    UNION ALL SELECT max(start_date) FROM main.cases
    UNION ALL SELECT max(end_date) FROM main.cases
    UNION ALL SELECT max(date) FROM outcomes
    UNION ALL SELECT max(date) FROM assessments
    UNION ALL SELECT max(date) FROM meetings
    UNION ALL SELECT max(followup_date) FROM goal_followups
    UNION ALL SELECT max(start_date) FROM interventions
    UNION ALL SELECT max(end_date) FROM interventions
);
DROP INDEX interventions_person;
CREATE INDEX interventions_person ON interventions(person_id, start_date, insats);
