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

-- The path from referral to start and the consent (issue 16, item 2):
-- optional columns of the cases file.  A withdrawal ends the case's
-- follow-up from that day.
ALTER TABLE cases ADD COLUMN assessed_date TEXT;
ALTER TABLE cases ADD COLUMN offer TEXT CHECK (offer = 'erbjuden' OR offer = 'ej_aktuell');
ALTER TABLE cases ADD COLUMN offer_reason TEXT;
ALTER TABLE cases ADD COLUMN consent_by TEXT
    CHECK (consent_by = 'ungdom' OR consent_by = 'vardnadshavare' OR consent_by = 'bada');
ALTER TABLE cases ADD COLUMN consent_actors TEXT;   -- actor codes, '|'-separated
ALTER TABLE cases ADD COLUMN consent_declined_date TEXT;
ALTER TABLE cases ADD COLUMN consent_withdrawn_date TEXT;
