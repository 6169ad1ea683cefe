-- Plausibility at import (issue 15): the birth date of person ?1, for the
-- age at a case's start.
SELECT birth_date FROM persons WHERE id = ?1
