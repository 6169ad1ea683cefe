-- Version 5 (issue 15): a log of what left the database.  Every report,
-- worklist and export run that wrote files is a row of output_run (when,
-- who, which uppfolj, the command and its parameters as given, the
-- population in words, the audience: extern or intern), and each file it
-- wrote a row of output_file with its SHA-256, so that a figure found in a
-- document can be traced to the run and the data behind it.
CREATE TABLE output_run (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,          -- UTC, ISO 8601
    user        TEXT NOT NULL,
    version     TEXT NOT NULL,
    command     TEXT NOT NULL,          -- report NAME, export
    parameters  TEXT NOT NULL,          -- the arguments as given
    population  TEXT,
    audience    TEXT NOT NULL DEFAULT 'extern'
                CHECK (audience = 'extern' OR audience = 'intern')
);
CREATE TABLE output_file (
    run_id      INTEGER NOT NULL REFERENCES output_run(id),
    path        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    PRIMARY KEY (run_id, path)
) WITHOUT ROWID;
