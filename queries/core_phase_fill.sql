-- The phases of every case started by as-of ?1 (SPEC §5):
--   before = [start - ?2 months, start)
--   during = [start, end), or [start, as-of) while ongoing
--   after  = [end, end + ?3 months), or [start, start + ?3 months) when
--            ?4 = 1 (follow-up anchored at the start)
-- An end after as-of counts as ongoing.  follow_to = end + ?3 months
-- bounds an assessment follow-up after the end.  span_* cover all windows
-- plus the baseline windows (start - ?5 days: the longer of the state
-- and assessment baselines, core.h) and stop at
-- as-of, so nothing after the data cut-off is read.
INSERT INTO temp.phase (case_id, person_id, start, end, before_from, during_to,
                       after_from, after_to, follow_to, span_from, span_to)
SELECT id, person_id, start_date, e, bf, coalesce(e, ?1), af, at,
       date(e, '+' || ?3 || ' months'),
       min(bf, date(start_date, '-' || ?5 || ' days')),
       date(min(max(coalesce(e, ?1), coalesce(at, ''),
                    coalesce(date(e, '+' || ?3 || ' months'), '')), ?1), '+1 day')
FROM (
    SELECT c.id, c.person_id, c.start_date,
           CASE WHEN c.end_date <= ?1 THEN c.end_date END AS e,
           date(c.start_date, '-' || ?2 || ' months') AS bf,
           CASE WHEN ?4 = 1 THEN c.start_date
                WHEN c.end_date <= ?1 THEN c.end_date END AS af,
           date(CASE WHEN ?4 = 1 THEN c.start_date
                     WHEN c.end_date <= ?1 THEN c.end_date END,
                '+' || ?3 || ' months') AS at
    FROM cases c
    WHERE c.start_date IS NOT NULL AND c.start_date <= ?1
)
