-- The worklist's guard (reports with rules, --lista): 1 when ?1 is the
-- case_id of a case of the report's population whose unit is ?2, and the
-- row's date ?3 (NULL: none) is no more than 5 years before the case's
-- first date: a rule's query may name no other value (never a pseudonym)
-- and no date that is not the case's (a birth date).  The case is found
-- by its id (the index of main.cases) and then must be in the population's
-- view `cases`: looked up through the view by case_id, SQLite walks the
-- whole population for every row.
SELECT EXISTS (SELECT 1 FROM cases c JOIN persons p ON p.id = c.person_id
               WHERE c.id = (SELECT k.id FROM main.cases k WHERE k.case_id = ?1)
                 AND coalesce(c.unit, p.unit) IS ?2
                 AND (?3 IS NULL
                      OR ?3 >= date(coalesce(c.referral_date, c.consent_date, c.start_date,
                                             c.end_date, '1905-01-01'), '-5 years')))
