-- One case of the population.
INSERT INTO temp.population (id) VALUES (?1)
