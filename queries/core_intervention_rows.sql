-- Every intervention of each case's person that overlaps the case's span,
-- in case order and by start date within a case (an open end runs to
-- as-of).  own = 1 when the intervention belongs to this case: its
-- case_id is the case, or it has no case_id (imported with person only)
-- and overlaps the case's active interval [start, end] (ongoing: up to
-- as-of).  Days placed count every placement of the person (an outcome
-- of the person, like suspicions); the insatser of a case only its own.
SELECT p.case_id, i.insats, i.start_date, i.end_date,
       i.case_id = p.case_id
       OR (i.case_id IS NULL AND i.start_date <= p.during_to
           AND (i.end_date IS NULL OR i.end_date >= p.start)) AS own
FROM temp.phase p
JOIN interventions i ON i.person_id = p.person_id
                    AND i.start_date < p.span_to
                    AND (i.end_date IS NULL OR i.end_date >= p.span_from)
ORDER BY p.case_id, i.start_date
