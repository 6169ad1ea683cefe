-- Verksamhet, the path from referral to start: one row per case referred
-- in the period [?1, ?2), with its unit and where it stood at the date of
-- the extract: startade (started), samtycke (consented, not started),
-- avbojt (declined the offer), ej_aktuell (assessed as not relevant),
-- avslutat (closed before an offer was answered) or pagar (open, no
-- answer yet).  Each case is in one of them, so they add up to the
-- referred cases of verk_flode.sql.
SELECT coalesce(c.unit, p.unit) AS unit,
       CASE WHEN c.start_date IS NOT NULL THEN 'startade'
            WHEN c.consent_date IS NOT NULL THEN 'samtycke'
            WHEN c.consent_declined_date IS NOT NULL THEN 'avbojt'
            WHEN c.offer = 'ej_aktuell' THEN 'ej_aktuell'
            WHEN c.end_date IS NOT NULL THEN 'avslutat'
            ELSE 'pagar' END AS steg
FROM cases c JOIN persons p ON p.id = c.person_id
WHERE c.referral_date >= ?1 AND c.referral_date < ?2
