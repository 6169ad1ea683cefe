-- Close the savepoint of a batch, keeping its rows.
RELEASE batch
