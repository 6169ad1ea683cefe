-- Data-quality rule (reports/datakvalitet.ini): the cases active in the
-- period [?1, ?2); fel = two placements (hvb, sis, familjehem, tfco) of the
-- case's person share a day within the case's period (from its start to
-- its end, or to the period's end while open); datum = the first such
-- shared day.
SELECT coalesce(c.unit, p.unit) AS unit, c.case_id AS arende,
       x.first IS NOT NULL AS fel, x.first AS datum
FROM cases c JOIN persons p ON p.id = c.person_id
LEFT JOIN (SELECT k.id AS id,
                  min(max(a.start_date, b.start_date, k.start_date)) AS first
           FROM cases k
           JOIN interventions a ON a.person_id = k.person_id
           JOIN interventions b ON b.person_id = k.person_id AND b.id > a.id
           WHERE a.insats IN ('hvb', 'sis', 'familjehem', 'tfco')
             AND b.insats IN ('hvb', 'sis', 'familjehem', 'tfco')
             AND a.start_date <= coalesce(b.end_date, '9999-12-31')
             AND b.start_date <= coalesce(a.end_date, '9999-12-31')
             AND max(a.start_date, b.start_date) <= coalesce(k.end_date, date(?2, '-1 day'))
             AND min(coalesce(a.end_date, '9999-12-31'), coalesce(b.end_date, '9999-12-31'))
                 >= k.start_date
           GROUP BY k.id) x ON x.id = c.id
WHERE c.start_date < ?2 AND (c.end_date IS NULL OR c.end_date >= ?1)
