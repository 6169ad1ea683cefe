-- The latest date anywhere in the data (all cases, every dated table),
-- written by each import just before it commits (data_state, schema_002
-- and schema_003).  ?1: the latest date of the outcome, meeting and goal
-- follow-up rows of this import (NULL when it had none): rows of those
-- tables are only ever added, so their latest date is the one kept or
-- ?1.  The small tables whose dates an import may change are read whole.
WITH ev(e) AS (
    SELECT CASE WHEN ?1 IS NOT NULL AND (event_latest IS NULL OR ?1 > event_latest)
                THEN ?1 ELSE event_latest END
    FROM data_state WHERE id = 1
)
INSERT OR REPLACE INTO data_state (id, event_latest, latest_date)
SELECT 1, (SELECT e FROM ev), max(d) FROM (
    SELECT max(referral_date) AS d FROM main.cases
    UNION ALL SELECT max(consent_date) FROM main.cases
    UNION ALL SELECT max(start_date) FROM main.cases
    UNION ALL SELECT max(end_date) FROM main.cases
    UNION ALL SELECT max(date) FROM assessments
    UNION ALL SELECT max(start_date) FROM interventions
    UNION ALL SELECT max(end_date) FROM interventions
    UNION ALL SELECT e FROM ev
)
