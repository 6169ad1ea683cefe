-- Verksamhet, flow: one row per case with its unit and whether, in the
-- period [?1, ?2), it was referred, consented, started, active (started
-- before the end, not ended before the start), ongoing at the period's
-- end, or ended (1/0; NULL dates count as 0).  Ended: a case that had
-- started (one closed without a start never was in the flow), so that
-- active = ongoing + ended.
SELECT coalesce(c.unit, p.unit) AS unit,
       coalesce(c.referral_date >= ?1 AND c.referral_date < ?2, 0) AS aktualiserade,
       coalesce(c.consent_date >= ?1 AND c.consent_date < ?2, 0) AS samtycken,
       coalesce(c.start_date >= ?1 AND c.start_date < ?2, 0) AS startade,
       coalesce(c.start_date < ?2 AND (c.end_date IS NULL OR c.end_date >= ?1), 0) AS aktiva,
       coalesce(c.start_date < ?2 AND (c.end_date IS NULL OR c.end_date >= ?2), 0) AS pagaende,
       coalesce(c.start_date IS NOT NULL AND c.end_date >= ?1 AND c.end_date < ?2, 0) AS avslutade
FROM cases c JOIN persons p ON p.id = c.person_id
