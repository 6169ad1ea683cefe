# report utfall: the SPEC §13 columns, values checked against an
# independent SQL computation on the imported raw data, disclosure control.
. "$(dirname "$0")/lib.sh"
cd "$T"
run init
run import "$SAMPLE"/*.csv
expect_rc 0 "import"
ASOF=2026-10-31
run report utfall --program SIG --by sex --as-of $ASOF --format csv,json -o rapp
expect_rc 0 "report utfall --format csv,json"
[ -f rapp/utfall.json ] && ok "utfall.json skrevs" || fail "utfall.json saknas"
python3 -m json.tool rapp/utfall.json > /dev/null && ok "JSON är giltig" || fail "ogiltig JSON"

expect_eq "$(head -n 1 rapp/utfall_misstankar_per_ar.csv)" \
  "group,n_cases,n_paired,before_mean,after_mean,change_mean,change_ci_low,change_ci_high,wilcoxon_v,wilcoxon_p,t_p,n_unpaired,before_sd,after_sd,change_sd,wilcoxon_p_holm,t_p_holm,before_rate,before_rate_ci_low,before_rate_ci_high,after_rate,after_rate_ci_low,after_rate_ci_high,suppressed" \
  "händelser per år: SPEC §13:s kolumner, sedan SD, Holm och Poisson-intervall (nya kolumner sist, README)"
expect_eq "$(head -n 1 rapp/utfall_skolfranvaro.csv)" \
  "group,n_cases,n_paired,before_mean,after_mean,change_mean,change_ci_low,change_ci_high,wilcoxon_v,wilcoxon_p,t_p,n_unpaired,before_sd,after_sd,change_sd,wilcoxon_p_holm,t_p_holm,suppressed" \
  "kontinuerligt mått: SPEC §13:s kolumner, sedan SD och Holm"
expect_eq "$(head -n 1 rapp/utfall_misstanke_nagon.csv)" \
  "group,n_cases,n_paired,before_any,after_any,before_pct,after_pct,mcnemar_p,n_unpaired,before_ci_low,before_ci_high,after_ci_low,after_ci_high,mcnemar_p_holm,suppressed" \
  "ja/nej-mått: SPEC §13:s kolumner, sedan Wilson-intervall och Holm"

# Independent computation (sqlite3 on the imported rows, written here from
# SPEC §5, not with uppfolj's queries): SIG cases started and ended by as-of,
# with follow-up consent and a complete 12-month after window; suspicions
# in [start - 12 months, start) and [end, end + 12 months), per year at
# risk: the window less its distinct days in SiS (locked care, SPEC §6),
# counted day by day so overlapping placements count once.  A withdrawn
# consent ends the follow-up on its day: the after window must be over by
# then (the sample's drop-outs who withdraw do so on their end date).
cat > ind.sql <<SQL
WITH RECURSIVE k AS (
  SELECT c.id, c.person_id, c.start_date AS s, c.end_date AS e,
         date(c.start_date, '-12 months') AS bf, date(c.end_date, '+12 months') AS at
  FROM cases c
  WHERE c.programme = 'SIG' AND c.start_date <= '$ASOF' AND c.end_date <= '$ASOF' AND c.followup_consent = 1
    AND date(c.end_date, '+12 months') <= date('$ASOF', '+1 day')
    AND (c.consent_withdrawn_date IS NULL OR c.consent_withdrawn_date > '$ASOF'
         OR date(c.end_date, '+12 months') <= c.consent_withdrawn_date)
), w AS (
  SELECT id, person_id, 'b' AS ph, bf AS f, date(s, '-1 day') AS l FROM k
  UNION ALL SELECT id, person_id, 'a', e, date(at, '-1 day') FROM k
), sis(id, ph, d, l) AS (
  SELECT w.id, w.ph, max(i.start_date, w.f), min(coalesce(i.end_date, '$ASOF'), w.l)
  FROM w JOIN interventions i ON i.person_id = w.person_id AND i.insats = 'sis'
  WHERE max(i.start_date, w.f) <= min(coalesce(i.end_date, '$ASOF'), w.l)
  UNION ALL SELECT id, ph, date(d, '+1 day'), l FROM sis WHERE d < l
), locked AS (
  SELECT id, sum(ph = 'b') AS lb, sum(ph = 'a') AS la
  FROM (SELECT DISTINCT id, ph, d FROM sis) GROUP BY id
), m AS (
  SELECT k.id, k.s, k.e, k.bf, k.at,
    julianday(k.s) - julianday(k.bf) - coalesce(l.lb, 0) AS rb,
    julianday(k.at) - julianday(k.e) - coalesce(l.la, 0) AS ra,
    (SELECT coalesce(sum(value), 0) FROM outcomes o WHERE o.person_id = k.person_id
       AND o.measure = 'misstanke_brott' AND o.date >= k.bf AND o.date < k.s) AS nb,
    (SELECT coalesce(sum(value), 0) FROM outcomes o WHERE o.person_id = k.person_id
       AND o.measure = 'misstanke_brott' AND o.date >= k.e AND o.date < k.at) AS na
  FROM k LEFT JOIN locked l ON l.id = k.id
)
SELECT count(*), sum(nb > 0), sum(na > 0),
       printf('%.6f', avg(CASE WHEN rb > 0 AND ra > 0 THEN nb / (rb / 365.25) END)),
       printf('%.6f', avg(CASE WHEN rb > 0 AND ra > 0 THEN na / (ra / 365.25) END)),
       sum(CASE WHEN rb > 0 AND ra > 0 THEN nb END), printf('%.17g', sum(CASE WHEN rb > 0 AND ra > 0 THEN rb END) / 365.25),
       sum(CASE WHEN rb > 0 AND ra > 0 THEN na END), printf('%.17g', sum(CASE WHEN rb > 0 AND ra > 0 THEN ra END) / 365.25)
FROM m;
SQL
ind=$(sqlite3 -separator ' ' uppfolj.db < ind.sql)
set -- $ind
n=$1; nb=$2; na=$3; rb=$4; ra=$5; xb=$6; tb=$7; xa=$8; ta=$9
expect_eq "$(csv_col rapp/utfall_misstanke_nagon.csv Totalt n_paired)" "$n" "n_paired (totalt) = oberoende beräkning ($n)"
expect_eq "$(csv_col rapp/utfall_misstanke_nagon.csv Totalt before_any)" "$nb" "före: minst en misstanke = oberoende beräkning ($nb)"
expect_eq "$(csv_col rapp/utfall_misstanke_nagon.csv Totalt after_any)" "$na" "efter: minst en misstanke = oberoende beräkning ($na)"
expect_eq "$(printf '%.6f' "$(csv_col rapp/utfall_misstankar_per_ar.csv Totalt before_mean)")" "$rb" "misstankar per år före, medel ($rb)"
expect_eq "$(printf '%.6f' "$(csv_col rapp/utfall_misstankar_per_ar.csv Totalt after_mean)")" "$ra" "misstankar per år efter, medel ($ra)"
# The share's Wilson interval from R's prop.test on the independent counts.
ci=$(csv_col rapp/utfall_misstanke_nagon.csv Totalt before_ci_low before_ci_high after_ci_low after_ci_high)
want=$(Rscript -e "b <- prop.test($nb, $n, correct = FALSE)\$conf.int; a <- prop.test($na, $n, correct = FALSE)\$conf.int
cat(sprintf('%.9f', 100 * c(b, a)), sep = ',')")
expect_eq "$(echo "$ci" | awk -F, '{ printf "%.9f,%.9f,%.9f,%.9f", $1, $2, $3, $4 }')" "$want" \
    "andelarnas 95 % KI = R:s prop.test(correct = FALSE) på de oberoende antalen"
# The group's rate over all its time at risk, with R's exact interval.
got=$(csv_col rapp/utfall_misstankar_per_ar.csv Totalt before_rate before_rate_ci_low before_rate_ci_high after_rate after_rate_ci_low after_rate_ci_high)
want=$(Rscript -e "b <- poisson.test($xb, $tb); a <- poisson.test($xa, $ta)
cat(sprintf('%.9f', c(b\$estimate, b\$conf.int, a\$estimate, a\$conf.int)), sep = ',')")
expect_eq "$(echo "$got" | awk -F, '{ printf "%.9f,%.9f,%.9f,%.9f,%.9f,%.9f", $1, $2, $3, $4, $5, $6 }')" "$want" \
    "misstankar per år i risk, alla: $xb och $xa misstankar; R:s poisson.test på oberoende summor"
# Goal attainment (the goals of the consenting cases, each by its latest
# follow-up before the follow-up stopped), independent SQL.
goals=$(sqlite3 -separator ',' uppfolj.db "
WITH k AS (
  SELECT id, CASE WHEN consent_withdrawn_date <= '$ASOF' THEN consent_withdrawn_date
                  ELSE date('$ASOF', '+1 day') END AS stop
  FROM cases WHERE programme = 'SIG' AND followup_consent = 1 AND start_date <= '$ASOF'
), f AS (
  SELECT g.case_id, g.status, row_number() OVER (PARTITION BY g.case_id, g.domain, g.set_date
                                                  ORDER BY g.followup_date DESC) AS rn
  FROM goal_followups g JOIN k ON k.id = g.case_id WHERE g.followup_date < k.stop
)
SELECT count(DISTINCT case_id), count(*), sum(status = 'uppnatt'), sum(status = 'delvis'),
       sum(status = 'ej_uppnatt'), sum(status = 'pagaende') FROM f WHERE rn = 1")
expect_eq "$(csv_col rapp/utfall_mal.csv Totalt n_with_goals goals uppnatt delvis ej_uppnatt pagaende)" "$goals" \
    "målen per status (ärenden med mål, mål, uppnådda, delvis, ej, pågående) = oberoende SQL ($goals)"
[ "$n" -gt 20 ] && ok "jämförelsen bygger på $n ärenden" || fail "för få ärenden ($n)"
# The cases whose follow-up consent was withdrawn before their after window
# was over, in the selection table (independent SQL; the sample's
# withdrawals fall on the end date, so every one of them).
wd=$(sqlite3 uppfolj.db "SELECT count(*) FROM cases WHERE programme = 'SIG' AND followup_consent = 1
    AND start_date <= '$ASOF' AND consent_withdrawn_date <= '$ASOF'
    AND NOT coalesce(date(end_date, '+12 months') <= consent_withdrawn_date, 0)")
expect_eq "$(grep '^"Samtycket till uppföljning återkallat' rapp/utfall_urval.csv | cut -d, -f2)" "$wd" \
    "urvalet: $wd med samtycket återkallat"
[ "$wd" -ge 5 ] && ok "urvalet visar återkallade samtycken ($wd)" || fail "för få återkallade ($wd)"

# Disclosure control on every table (python3 reads the CSV files):
# no count of 1-4, no statistic over fewer than 5, hidden cells named.
cat > audit.py <<'PY'
import csv, glob, sys
bad = 0
for path in glob.glob("rapp/*.csv"):
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    for r in rows:
        hidden = set(filter(None, r["suppressed"].split("|")))
        for k, v in r.items():
            if k in ("group", "group2", "suppressed", "baseline") or v in ("", None):
                continue
            if k in hidden:
                print(path, k, "hidden but has a value"); bad += 1
            if k.startswith("n_") or k.endswith("_any") or k.startswith("followup_") or k in ("total", "n"):
                if 1 <= float(v) <= 4:
                    print(path, k, "shows a count of", v); bad += 1
        npaired = r.get("n_paired")
        if npaired not in (None, "") and float(npaired) < 5:
            for k in ("before_mean", "after_mean", "change_mean", "wilcoxon_p", "t_p",
                      "before_pct", "after_pct", "mcnemar_p"):
                if r.get(k):
                    print(path, k, "shown over", npaired); bad += 1
print("fel:", bad)
sys.exit(1 if bad else 0)
PY
out=$(python3 audit.py)
expect_eq "$(echo "$out" | tail -n 1)" "fel: 0" "inga små antal eller statistik över färre än 5 syns"

# No hidden count can be recovered from a total: in every line (a count
# column down the group rows to the total row, or the parts of a row to its
# row total) the hidden cells are none or at least two, and the hidden sum
# (total minus the shown cells) does not pin them down given that a "<5"
# cell lies in 1..4.  Read from the JSON model (it knows the column types
# and whether groups overlap).
check_disclosure rapp/utfall.json

run report utfall --program SIG --by sex,age --as-of $ASOF --format csv,json -o two
expect_rc 0 "tvåvägsuppdelning"
check_disclosure two/utfall.json
expect_eq "$(head -n 1 two/utfall_misstanke_nagon.csv | cut -d, -f1-3)" "group,group2,n_cases" "två gruppkolumner"
run report utfall --program SIG --by insats --as-of $ASOF --format csv -o ins
expect_rc 0 "uppdelning på insats"
grep -q '"Totalt"' ins/utfall_misstanke_nagon.csv && ok "totalrad finns" || fail "totalrad saknas"
run report utfall --program SIG --by nonsens -o x
expect_rc 2 "okänd uppdelning"
run report okand
expect_rc 2 "okänd rapport"

run report utfall --program SIG --by sex --as-of $ASOF --format json -o again
cmp -s rapp/utfall.json again/utfall.json && ok "samma data ger samma JSON byte för byte" || fail "JSON skiljer sig mellan körningar"
finish
