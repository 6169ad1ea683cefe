-- The latest date of the event tables (outcomes, meetings, goal
-- follow-ups) worked out from every row stored: after a migration, and
-- for data written by other means than an import (data_latest.sql then
-- keeps it up to date).
UPDATE data_state SET event_latest = (
    SELECT max(d) FROM (
        SELECT max(date) AS d FROM outcomes
        UNION ALL SELECT max(date) FROM meetings
        UNION ALL SELECT max(followup_date) FROM goal_followups
    )
) WHERE id = 1
