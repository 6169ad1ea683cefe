-- The worklist's guard (reports with rules, --lista): 1 when ?1 is the
-- case_id of a case of the report's population whose unit is ?2, or (?1
-- NULL) when some such case has unit ?2: a rule's query may name no
-- other value (never a pseudonym).
SELECT EXISTS (SELECT 1 FROM cases c JOIN persons p ON p.id = c.person_id
               WHERE (?1 IS NULL OR c.case_id = ?1) AND coalesce(c.unit, p.unit) IS ?2)
