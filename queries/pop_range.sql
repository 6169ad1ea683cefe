-- The first and the last date of the population's cases (referral,
-- consent, start or end): the span a report period must touch.
SELECT min(d), max(d) FROM (
    SELECT referral_date AS d FROM cases
    UNION ALL SELECT consent_date FROM cases
    UNION ALL SELECT start_date FROM cases
    UNION ALL SELECT end_date FROM cases
)
