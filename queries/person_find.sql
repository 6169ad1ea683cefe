-- The id and last import run of the person with pseudonym ?1.
SELECT id, run_id FROM persons WHERE pseudonym = ?1
