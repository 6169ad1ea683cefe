-- bench/core's peer: the same aggregation as `uppfolj report utfall
-- --by sex,age --program SIG` for suspicions, as one plain SQL query for the sqlite3
-- CLI: per case the before and after windows (12 months, anchored at the
-- end), the suspicions in each, then per sex x age band the number of
-- cases, how many had any suspicion before and after, and the mean rates.
WITH asof AS (SELECT '2026-10-31' AS d),
k AS (
  SELECT c.id, c.person_id, p.sex,
         (strftime('%Y', c.start_date) - strftime('%Y', p.birth_date))
           - (strftime('%m-%d', c.start_date) < strftime('%m-%d', p.birth_date)) AS age,
         c.start_date AS s, c.end_date AS e,
         date(c.start_date, '-12 months') AS bf, date(c.end_date, '+12 months') AS at
  FROM cases c JOIN persons p ON p.id = c.person_id, asof
  WHERE c.programme = 'SIG' AND c.start_date <= asof.d AND c.end_date <= asof.d
    AND c.followup_consent = 1
    AND date(c.end_date, '+12 months') <= date(asof.d, '+1 day')
),
m AS (
  SELECT k.sex, CASE WHEN age BETWEEN 12 AND 14 THEN '12-14' WHEN age BETWEEN 15 AND 17 THEN '15-17'
                     WHEN age BETWEEN 18 AND 20 THEN '18-20' WHEN age BETWEEN 21 AND 25 THEN '21-25'
                     ELSE 'annan' END AS band,
         total(CASE WHEN o.date < k.s THEN o.value END) AS nb,
         total(CASE WHEN o.date >= k.e THEN o.value END) AS na,
         (julianday(k.s) - julianday(k.bf)) / 365.25 AS yb,
         (julianday(k.at) - julianday(k.e)) / 365.25 AS ya
  FROM k LEFT JOIN outcomes o ON o.person_id = k.person_id AND o.measure = 'misstanke_brott'
       AND ((o.date >= k.bf AND o.date < k.s) OR (o.date >= k.e AND o.date < k.at))
  GROUP BY k.id
)
SELECT sex, band, count(*), sum(nb > 0), sum(na > 0), avg(nb / yb), avg(na / ya)
FROM m GROUP BY sex, band ORDER BY sex, band;
