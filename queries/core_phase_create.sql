-- The phases of the cases of one report run (filled by core_phase_fill.sql).
-- Keyed by the case id, so joins from it run in case order.
CREATE TEMP TABLE IF NOT EXISTS phase (
    case_id     INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL,
    start       TEXT NOT NULL,
    end         TEXT,               -- NULL while ongoing at as-of
    before_from TEXT NOT NULL,
    during_to   TEXT NOT NULL,
    after_from  TEXT,               -- NULL: no after phase (ongoing, end anchor)
    after_to    TEXT,
    follow_to   TEXT,               -- end + the after window, NULL while ongoing
    span_from   TEXT NOT NULL,      -- every window of the case lies in
    span_to     TEXT NOT NULL       -- [span_from, span_to)
)
