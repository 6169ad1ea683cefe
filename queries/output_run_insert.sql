-- Log an output run (schema_005): ?1 at (UTC), ?2 user, ?3 version,
-- ?4 command, ?5 parameters, ?6 population, ?7 audience.
INSERT INTO output_run (at, user, version, command, parameters, population, audience)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
