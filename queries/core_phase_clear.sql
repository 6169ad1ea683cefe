-- Empty the phase table before a new report run.
DELETE FROM temp.phase
