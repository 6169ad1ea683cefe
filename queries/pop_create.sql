-- The cases of one report or export run (population.c fills it).
CREATE TEMP TABLE IF NOT EXISTS population (id INTEGER PRIMARY KEY)
