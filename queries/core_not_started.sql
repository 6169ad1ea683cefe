-- Cases referred by as-of ?1 that had not started by then (left out of
-- phase comparisons; they count in flows).
SELECT count(*) FROM cases
WHERE (start_date IS NULL OR start_date > ?1) AND coalesce(referral_date, consent_date) <= ?1
