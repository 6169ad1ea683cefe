-- A new intervention: ?1 person, ?2 case (or NULL), ?3 insats, ?4 start,
-- ?5 provider, ?6 end, ?7 run.
INSERT INTO interventions (person_id, case_id, insats, start_date, provider,
                           end_date, run_id)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
