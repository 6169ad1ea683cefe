-- The latest date anywhere in the data (all cases, every dated table),
-- written by each import just before it commits (data_state, schema_002).
INSERT OR REPLACE INTO data_state (id, latest_date)
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
)
