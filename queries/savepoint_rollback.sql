-- Undo the rows of a batch (they are then written one at a time).
ROLLBACK TO batch
