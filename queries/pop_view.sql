-- From here on, on this connection, every query that reads `cases`
-- unqualified reads only the population's cases: a temporary view is
-- found before a table of the main database of the same name.  Queries
-- that must see every case (population.c) say main.cases.
CREATE TEMP VIEW IF NOT EXISTS cases AS
SELECT * FROM main.cases WHERE id IN (SELECT id FROM temp.population)
