-- The import run that stored meeting (?1 case, ?2 date, ?3 type,
-- ?4 participants).
SELECT run_id FROM meetings
WHERE case_id = ?1 AND date = ?2 AND type = ?3 AND participants = ?4
