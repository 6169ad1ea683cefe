-- The programmes of the database with their number of cases, for the
-- message that asks which one a report covers.
SELECT programme, count(*) FROM main.cases GROUP BY programme ORDER BY programme
