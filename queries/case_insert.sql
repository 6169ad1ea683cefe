-- A new case: ?1 case_id, ?2 person id, ?3 programme, ?4 unit (default:
-- the person's), ?5 target group, ?6 referred by, ?7..?11 referral,
-- consent, plan, start and end dates, ?12 end reason, ?13 form, ?14
-- follow-up consent (0/1), ?15 run; the path and consent (version 6): ?16
-- assessed date, ?17 offer, ?18 its reason, ?19 consent by, ?20 the actors
-- the consent covers, ?21 declined, ?22 withdrawn.
INSERT INTO cases (case_id, person_id, programme, unit, target_group,
                   referred_by, referral_date, consent_date, plan_date,
                   start_date, end_date, end_reason, form, followup_consent,
                   run_id, assessed_date, offer, offer_reason, consent_by,
                   consent_actors, consent_declined_date, consent_withdrawn_date)
VALUES (?1, ?2, ?3, COALESCE(?4, (SELECT unit FROM persons WHERE id = ?2)), ?5, ?6, ?7, ?8, ?9,
        ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)
