-- Re-import of case ?1 (the id; parameters as case_insert.sql), only if
-- something changed.
UPDATE cases SET person_id = ?2, programme = ?3, unit = COALESCE(?4, (SELECT unit FROM persons WHERE id = ?2)), target_group = ?5,
       referred_by = ?6, referral_date = ?7, consent_date = ?8, plan_date = ?9,
       start_date = ?10, end_date = ?11, end_reason = ?12, form = ?13,
       followup_consent = ?14, run_id = ?15, assessed_date = ?16, offer = ?17,
       offer_reason = ?18, consent_by = ?19, consent_actors = ?20,
       consent_declined_date = ?21, consent_withdrawn_date = ?22
WHERE id = ?1
  AND (person_id IS NOT ?2 OR programme IS NOT ?3 OR unit IS NOT COALESCE(?4, (SELECT unit FROM persons WHERE id = ?2))
       OR target_group IS NOT ?5 OR referred_by IS NOT ?6
       OR referral_date IS NOT ?7 OR consent_date IS NOT ?8
       OR plan_date IS NOT ?9 OR start_date IS NOT ?10 OR end_date IS NOT ?11
       OR end_reason IS NOT ?12 OR form IS NOT ?13 OR followup_consent IS NOT ?14
       OR assessed_date IS NOT ?16 OR offer IS NOT ?17 OR offer_reason IS NOT ?18
       OR consent_by IS NOT ?19 OR consent_actors IS NOT ?20
       OR consent_declined_date IS NOT ?21 OR consent_withdrawn_date IS NOT ?22)
