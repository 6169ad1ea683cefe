-- Version 6 (issue 16): the actions of the åtgärdsplan, who is
-- responsible for each and when it is due and done (SPEC §3 atgarder),
-- one row per (case, action_id).
CREATE TABLE actions (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES cases(id),
    action_id    TEXT NOT NULL,
    domain       TEXT,
    actor        TEXT NOT NULL,
    planned_date TEXT,
    due_date     TEXT,
    done_date    TEXT,
    status       TEXT NOT NULL CHECK (status = 'genomford' OR status = 'pagaende'
                                      OR status = 'ej_genomford' OR status = 'avbruten'),
    run_id       INTEGER REFERENCES import_run(id),
    UNIQUE (case_id, action_id)
);
