-- Version 3 (issue 12): the latest date of the three large event tables
-- (outcomes, meetings, goal follow-ups) kept apart in data_state, so that
-- an import need not scan their 8 million rows to know the latest date
-- in the data: their rows are never changed or removed by an import, only
-- added, so the latest of them is the latest before the import or one
-- the import brought (data_latest.sql).  The tables whose dates an import
-- can change (cases, interventions, assessments) are small and still
-- read whole.
ALTER TABLE data_state ADD COLUMN event_latest TEXT;  -- db.c fills it (data_rescan.sql)
