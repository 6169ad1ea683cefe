-- The latest date anywhere in the data: the default as-of date (SPEC §5),
-- of the whole database (main.cases: not narrowed to a report's population).
SELECT max(d) FROM (
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
