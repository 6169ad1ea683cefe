-- Verksamhet, the actions of the åtgärdsplaner: one row per action of a
-- case of the report, with the case's unit, the responsible actor and
-- (1/0) whether in the period [?1, ?2) it was planned, done or due; of
-- those due, whether done by the due date or not; and whether it was
-- overdue at the period's end: due before the end, not done by then (a
-- later done date, or none and not genomford) and neither cancelled nor
-- given up (avbruten, ej_genomford).
SELECT coalesce(c.unit, p.unit) AS unit, a.actor,
       coalesce(a.planned_date >= ?1 AND a.planned_date < ?2, 0) AS planerade,
       coalesce(a.done_date >= ?1 AND a.done_date < ?2, 0) AS genomforda,
       coalesce(a.due_date >= ?1 AND a.due_date < ?2, 0) AS forfallna,
       coalesce(a.due_date >= ?1 AND a.due_date < ?2 AND a.done_date <= a.due_date, 0) AS i_tid,
       coalesce(a.due_date >= ?1 AND a.due_date < ?2
                AND NOT coalesce(a.done_date <= a.due_date, 0), 0) AS inte_i_tid,
       coalesce(a.due_date < ?2
                AND (a.done_date >= ?2 OR (a.done_date IS NULL AND a.status <> 'genomford'))
                AND a.status NOT IN ('avbruten', 'ej_genomford'), 0) AS forsenade
FROM actions a
JOIN cases c ON c.id = a.case_id
JOIN persons p ON p.id = c.person_id
-- only actions that count in some column (an action done before the
-- period, or due after it and neither planned nor done in it, counts in
-- none): the join is what costs
WHERE (a.planned_date >= ?1 AND a.planned_date < ?2)
   OR (a.done_date >= ?1 AND a.done_date < ?2)
   OR (a.due_date >= ?1 AND a.due_date < ?2)
   OR (a.due_date < ?2 AND (a.done_date IS NULL OR a.done_date >= ?2))
