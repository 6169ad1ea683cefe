-- Plausibility at import (issue 15): another placement (hvb, sis,
-- familjehem, tfco) of person ?1 that shares a day with [?2, ?3] (?3 NULL:
-- still going on) and is not the row itself (insats ?4 from ?2): its
-- insats and start date, the first one.
SELECT insats, start_date FROM interventions
WHERE person_id = ?1
  AND (insats = 'hvb' OR insats = 'sis' OR insats = 'familjehem' OR insats = 'tfco')
  AND NOT (insats = ?4 AND start_date = ?2)
  AND start_date <= coalesce(?3, '9999-12-31')
  AND (end_date IS NULL OR end_date >= ?2)
ORDER BY start_date
LIMIT 1
