-- Open the savepoint around one batch of imported rows (import_batch.c).
SAVEPOINT batch
