-- Verksamhet, meetings of the cases active in the period [?1, ?2): the case's
-- months in the period (days / 30.4375), its meetings in the period, and
-- whether police, school and BUP took part in any of them (1/0).
SELECT coalesce(c.unit, p.unit) AS unit,
       (julianday(min(coalesce(date(c.end_date, '+1 day'), ?2), ?2))
          - julianday(max(c.start_date, ?1))) / 30.4375 AS arendemanader,
       (SELECT count(*) FROM meetings m
         WHERE m.case_id = c.id AND m.date >= ?1 AND m.date < ?2) AS moten,
       EXISTS (SELECT 1 FROM meetings m WHERE m.case_id = c.id AND m.date >= ?1
                 AND m.date < ?2 AND instr('|' || m.participants || '|', '|polis|') > 0) AS polis,
       EXISTS (SELECT 1 FROM meetings m WHERE m.case_id = c.id AND m.date >= ?1
                 AND m.date < ?2 AND instr('|' || m.participants || '|', '|skola|') > 0) AS skola,
       EXISTS (SELECT 1 FROM meetings m WHERE m.case_id = c.id AND m.date >= ?1
                 AND m.date < ?2 AND instr('|' || m.participants || '|', '|bup|') > 0) AS bup
FROM cases c JOIN persons p ON p.id = c.person_id
WHERE c.start_date < ?2 AND (c.end_date IS NULL OR c.end_date >= ?1)
