-- Verksamhet, process times in days, for the cases whose later step fell in
-- the period [?1, ?2): referral to consent, consent to action plan, consent
-- to start (NULL when the step is not in the period).
SELECT coalesce(c.unit, p.unit) AS unit,
       CASE WHEN c.consent_date >= ?1 AND c.consent_date < ?2
            THEN julianday(c.consent_date) - julianday(c.referral_date) END AS aktualisering_samtycke,
       CASE WHEN c.plan_date >= ?1 AND c.plan_date < ?2
            THEN julianday(c.plan_date) - julianday(c.consent_date) END AS samtycke_plan,
       CASE WHEN c.start_date >= ?1 AND c.start_date < ?2
            THEN julianday(c.start_date) - julianday(c.consent_date) END AS samtycke_start
FROM cases c JOIN persons p ON p.id = c.person_id
