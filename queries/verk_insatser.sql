-- Verksamhet: each insats given in the period [?1, ?2) to an active case,
-- once per case and insats (a case may have several insatser).  An
-- intervention belongs to the case of its case_id; one without case_id
-- (imported with person only) to each case of the person whose active
-- interval [start, end] it overlaps.
SELECT unit, insats FROM (
    SELECT DISTINCT c.id, coalesce(c.unit, p.unit) AS unit, i.insats
    FROM cases c
    JOIN persons p ON p.id = c.person_id
    JOIN interventions i ON i.person_id = c.person_id
    WHERE c.start_date < ?2 AND (c.end_date IS NULL OR c.end_date >= ?1)
      AND i.start_date < ?2 AND (i.end_date IS NULL OR i.end_date >= ?1)
      AND (i.case_id = c.id
           OR (i.case_id IS NULL AND (c.end_date IS NULL OR i.start_date <= c.end_date)
               AND (i.end_date IS NULL OR i.end_date >= c.start_date)))
)
