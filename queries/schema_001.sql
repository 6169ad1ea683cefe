-- Schema version 1: every entity of SPEC §3 and the import log.
-- Persons are known only by pseudonym (SPEC §4); child rows refer to
-- persons and cases by integer id, which keeps indexes small and makes
-- inserts from files sorted by person nearly sequential.
-- Dates are ISO text 'YYYY-MM-DD'; missing values are NULL.
-- Code checks are written as OR chains, not IN lists: an IN list makes
-- SQLite build a temporary table on every insert, which at millions of
-- rows costs more than the insert itself.

CREATE TABLE import_run (
    id          INTEGER PRIMARY KEY,
    started_at  TEXT NOT NULL,          -- UTC, ISO 8601
    finished_at TEXT,
    user        TEXT NOT NULL,
    version     TEXT NOT NULL,          -- uppfolj version
    outcome     TEXT NOT NULL CHECK (outcome = 'pågår' OR outcome = 'ok' OR outcome = 'fel'),
    errors      INTEGER NOT NULL DEFAULT 0,
    warnings    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE import_file (
    run_id      INTEGER NOT NULL REFERENCES import_run(id),
    seq         INTEGER NOT NULL,       -- order given on the command line
    path        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    kind        TEXT,                   -- entity, NULL when not recognised
    encoding    TEXT,
    rows        INTEGER NOT NULL DEFAULT 0,
    inserted    INTEGER NOT NULL DEFAULT 0,
    updated     INTEGER NOT NULL DEFAULT 0,
    unchanged   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (run_id, seq)
);

CREATE TABLE persons (
    id          INTEGER PRIMARY KEY,
    pseudonym   TEXT NOT NULL UNIQUE,
    birth_date  TEXT,
    sex         TEXT CHECK (sex = 'F' OR sex = 'M' OR sex = 'X'),
    unit        TEXT,
    run_id      INTEGER REFERENCES import_run(id)
);

CREATE TABLE cases (
    id               INTEGER PRIMARY KEY,
    case_id          TEXT NOT NULL UNIQUE,
    person_id        INTEGER NOT NULL REFERENCES persons(id),
    programme        TEXT NOT NULL,
    unit             TEXT,
    target_group     TEXT CHECK (target_group = 'riskzon' OR target_group = 'avhopp'),
    referred_by      TEXT,
    referral_date    TEXT,
    consent_date     TEXT,
    plan_date        TEXT,
    start_date       TEXT,
    end_date         TEXT,
    end_reason       TEXT,
    form             TEXT CHECK (form = 'bistand' OR form = 'service'),
    followup_consent INTEGER NOT NULL DEFAULT 1 CHECK (followup_consent = 0 OR followup_consent = 1),
    run_id           INTEGER REFERENCES import_run(id),
    CHECK (end_reason IS NULL OR end_date IS NOT NULL)
);
CREATE INDEX cases_person ON cases(person_id);

CREATE TABLE interventions (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER REFERENCES cases(id),
    person_id   INTEGER NOT NULL REFERENCES persons(id),
    insats      TEXT NOT NULL,
    provider    TEXT,
    start_date  TEXT NOT NULL,
    end_date    TEXT,
    run_id      INTEGER REFERENCES import_run(id)
);
CREATE INDEX interventions_case ON interventions(case_id);
CREATE INDEX interventions_person ON interventions(person_id, insats, start_date);

CREATE TABLE assessments (
    id            INTEGER PRIMARY KEY,
    assessment_id TEXT NOT NULL UNIQUE,
    person_id     INTEGER NOT NULL REFERENCES persons(id),
    case_id       INTEGER REFERENCES cases(id),
    instrument    TEXT NOT NULL,
    date          TEXT NOT NULL,
    total_score   REAL,
    risk_level    TEXT CHECK (risk_level = 'lag' OR risk_level = 'medel' OR risk_level = 'hog'),
    run_id        INTEGER REFERENCES import_run(id)
);
CREATE INDEX assessments_person ON assessments(person_id, date);

CREATE TABLE assessment_items (
    assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    value         REAL NOT NULL,
    PRIMARY KEY (assessment_id, name)
) WITHOUT ROWID;

-- One row per event (value = count) or per state reading.  The full row is
-- the key (SPEC §3): re-importing the same row never doubles a count.
CREATE TABLE outcomes (
    person_id   INTEGER NOT NULL REFERENCES persons(id),
    date        TEXT NOT NULL,
    measure     TEXT NOT NULL,
    value       REAL NOT NULL,
    run_id      INTEGER REFERENCES import_run(id),
    PRIMARY KEY (person_id, date, measure, value)
) WITHOUT ROWID;

-- A goal of an action plan, and its follow-ups (one goals-file row each).
-- goals.status is the status given on a row without a follow-up date
-- (usually pagaende), NULL when the goal only has follow-ups.
CREATE TABLE goals (
    case_id       INTEGER NOT NULL REFERENCES cases(id),
    domain        TEXT NOT NULL,
    set_date      TEXT NOT NULL,
    status        TEXT CHECK (status = 'uppnatt' OR status = 'delvis' OR status = 'ej_uppnatt' OR status = 'pagaende'),
    run_id        INTEGER REFERENCES import_run(id),
    PRIMARY KEY (case_id, domain, set_date)
) WITHOUT ROWID;

CREATE TABLE goal_followups (
    case_id       INTEGER NOT NULL,
    domain        TEXT NOT NULL,
    set_date      TEXT NOT NULL,
    followup_date TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status = 'uppnatt' OR status = 'delvis' OR status = 'ej_uppnatt' OR status = 'pagaende'),
    run_id        INTEGER REFERENCES import_run(id),
    PRIMARY KEY (case_id, domain, set_date, followup_date),
    FOREIGN KEY (case_id, domain, set_date) REFERENCES goals(case_id, domain, set_date)
) WITHOUT ROWID;

-- One row per meeting; the full row is the key (SPEC §3).
-- participants: the actor codes in kodbok order, '|'-separated ('' for none).
CREATE TABLE meetings (
    case_id      INTEGER NOT NULL REFERENCES cases(id),
    date         TEXT NOT NULL,
    type         TEXT NOT NULL CHECK (type = 'natverksmote' OR type = 'uppfoljning' OR type = 'beredning'),
    participants TEXT NOT NULL DEFAULT '',
    run_id       INTEGER REFERENCES import_run(id),
    PRIMARY KEY (case_id, date, type, participants)
) WITHOUT ROWID;
