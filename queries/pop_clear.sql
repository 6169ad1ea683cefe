-- Empty the population before it is filled anew.
DELETE FROM temp.population
