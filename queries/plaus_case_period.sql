-- Plausibility at import (issue 15): the start and end of case ?1, for an
-- insats that lies wholly outside them.
SELECT start_date, end_date FROM cases WHERE id = ?1
