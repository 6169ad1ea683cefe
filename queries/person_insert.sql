-- A new person: pseudonym ?1, birth date ?2, sex ?3, unit ?4, import run ?5.
INSERT INTO persons (pseudonym, birth_date, sex, unit, run_id)
VALUES (?1, ?2, ?3, ?4, ?5)
