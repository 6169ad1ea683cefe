-- The guard of a report definition's queries (report_def_query.c): 1 when
-- ?1 is the unit (coalesce of the case's and the person's; NULL: none) of
-- some case of the report's population.  The first column of a query is
-- printed as a unit's name, so it may hold nothing else (never a pseudonym).
SELECT EXISTS (SELECT 1 FROM cases c JOIN persons p ON p.id = c.person_id
               WHERE coalesce(c.unit, p.unit) IS ?1)
