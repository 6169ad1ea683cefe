# report kohort: SIG against ordinarie from the sample data in PDF, XLSX,
# JSON and CSV; the PDF, XLSX and CSV show the JSON's cells; no hidden value
# can be recovered; cohort sizes, a baseline value and the end-reason counts
# agree with an independent sqlite3 computation written here from SPEC §5
# and the method notes (not uppfolj's queries); Kaplan-Meier, log-rank and
# the difference in differences agree with R (survival, t.test) on data
# exported here with sqlite3; bad --cohort specs give status 2.
. "$(dirname "$0")/lib.sh"
cd "$T"
run init
run import "$SAMPLE"/*.csv
expect_rc 0 "import"
cp "$TOP/docs/uppfolj.conf.example" uppfolj.conf

C1='SIG:programme=SIG'
C2='Jämförelse:programme=ordinarie'
run report kohort --cohort "$C1" --cohort "$C2" --format pdf,xlsx,json,csv -o a
expect_rc 0 "report kohort i alla format"
for f in kohort.pdf kohort.xlsx kohort.json kohort_urval.csv kohort_balans.csv \
         kohort_did_misstankar_per_ar.csv kohort_did_misstanke_nagon.csv kohort_overlevnad.csv \
         kohort_overlevnad_kurva.csv kohort_logrank.csv kohort_avslutsorsak.csv \
         kohort_avslutsorsak_test.csv; do
    [ -s a/$f ] && ok "$f skrevs" || fail "$f saknas"
done
check_xlsx a kohort
check_pdf a kohort
check_disclosure a/kohort.json
check_csv a kohort

ids=$(python3 -c 'import json; d = json.load(open("a/kohort.json")); print(" ".join(t["id"] for s in d["sections"] for t in s["tables"]))')
bad=0
for id in $ids; do case $id in kohort_*) ;; *) bad=$((bad + 1)) ;; esac; done
expect_eq "$bad" "0" "alla tabell-id börjar med kohort_"
charts=$(python3 -c 'import json; d = json.load(open("a/kohort.json")); print(" ".join(c["id"] for s in d["sections"] for c in s["charts"]))')
expect_contains "$charts" "kohort_overlevnad_diagram" "Kaplan–Meier-diagrammet finns"
meth=$(python3 -c 'import json; print(" ".join(json.load(open("a/kohort.json"))["method"]))')
for w in "t.test" "wilcox.test" "fisher.test" "survival::survfit" "survival::survdiff" "tableone" \
         "färre än 5 personer" "observationsstudie" "randomiserad" "små"; do
    expect_contains "$meth" "$w" "metoddelen nämner $w"
done

# ---- independent computation (sqlite3 on the imported rows) ----
ASOF=$(sqlite3 uppfolj.db "SELECT max(d) FROM (
  SELECT referral_date d FROM cases UNION ALL SELECT consent_date FROM cases
  UNION ALL SELECT start_date FROM cases UNION ALL SELECT end_date FROM cases
  UNION ALL SELECT date FROM outcomes UNION ALL SELECT date FROM assessments
  UNION ALL SELECT date FROM meetings UNION ALL SELECT followup_date FROM goal_followups
  UNION ALL SELECT start_date FROM interventions UNION ALL SELECT end_date FROM interventions)")
expect_eq "$(python3 -c 'import json; print(json.load(open("a/kohort.json"))["as_of"])')" "$ASOF" \
    "datum för uttaget = senaste datum i datat ($ASOF)"

# key FILE LABEL COL: a cell of a CSV (1-based field split at every comma, so a
# label with a comma counts as two), the row found by its label.
key() { grep "^\"$2\"," "$1" | cut -d, -f"$3"; }
for p in SIG ordinarie; do
    name=$([ $p = SIG ] && echo SIG || echo Jämförelse)
    o=$([ $p = SIG ] && echo 0 || echo 4)    # column offset of the cohort in kohort_balans
    W="c.programme = '$p' AND c.start_date IS NOT NULL AND c.start_date <= '$ASOF'"
    all=$(sqlite3 uppfolj.db "SELECT count(*) FROM cases c WHERE $W")
    n=$(sqlite3 uppfolj.db "SELECT count(*) FROM cases c WHERE $W AND c.followup_consent = 1")
    # cases = without consent + analysed: when the cases without consent
    # are 1-4 ("<5"), the number of cases is hidden with them (analysed
    # stands in several tables and stays shown)
    if [ $((all - n)) -ge 1 ] && [ $((all - n)) -le 4 ]; then
        expect_eq "$(key a/kohort_urval.csv "$name" 2)" "" "$name: ärenden dolt (utan samtycke: $((all - n)))"
    else
        expect_eq "$(key a/kohort_urval.csv "$name" 2)" "$all" "$name: ärenden = $all"
    fi
    expect_eq "$(key a/kohort_urval.csv "$name" 4)" "$n" "$name: analyseras = $n"
    expect_eq "$(key a/kohort_balans.csv 'Flickor' $((2 + o)))" "$n" "$name: underlag för andel flickor = $n"
    age=$(sqlite3 uppfolj.db "SELECT printf('%.9f', avg(
        (strftime('%Y', c.start_date) - strftime('%Y', p.birth_date))
        - (strftime('%m-%d', c.start_date) < strftime('%m-%d', p.birth_date))))
      FROM cases c JOIN persons p ON p.id = c.person_id
      WHERE $W AND c.followup_consent = 1 AND p.birth_date IS NOT NULL")
    expect_eq "$(printf '%.9f' "$(key a/kohort_balans.csv 'Ålder vid start, medel' $((5 + o)))")" "$age" \
        "$name: ålder vid start, medel = $age"
    girls=$(sqlite3 uppfolj.db "SELECT count(*) FROM cases c JOIN persons p ON p.id = c.person_id
      WHERE $W AND c.followup_consent = 1 AND p.sex = 'F'")
    expect_eq "$(key a/kohort_balans.csv 'Flickor' $((3 + o)))" "$girls" "$name: flickor = $girls"
    col=$([ $p = SIG ] && echo 2 || echo 3)
    for reason in mal_uppfyllda:'Målen uppfyllda' avhopp:Avhopp fortsatt_brottslighet:'Fortsatt brottslighet'; do
        code=${reason%%:*}; label=${reason#*:}
        cnt=$(sqlite3 uppfolj.db "SELECT count(*) FROM cases c WHERE $W AND c.followup_consent = 1
          AND c.end_date <= '$ASOF' AND c.end_reason = '$code'")
        expect_eq "$(key a/kohort_avslutsorsak.csv "$label" $col)" "$cnt" "$name: avslutade, $label = $cnt"
    done
    ended=$(sqlite3 uppfolj.db "SELECT count(*) FROM cases c WHERE $W AND c.followup_consent = 1
      AND c.end_date <= '$ASOF'")
    expect_eq "$(key a/kohort_avslutsorsak.csv Totalt $col)" "$ended" "$name: avslutade totalt = $ended"
done

# ---- Kaplan-Meier, log-rank and DiD against R ----
# Time to event: days from start to the first suspicion (value > 0) after
# the start date and by as-of, else censored at as-of.  Change scores:
# suspicions per year in [end, end + 12 months) minus [start - 12 months,
# start), for cases whose after window is over by as-of.  A withdrawn
# consent ends the follow-up on its day: time to event is censored the day
# before (stop), and the after window must be over by then.  Time to event
# takes one case per person in each cohort: the first (earliest start,
# then lowest id) of the person's analysed cases there.
sqlite3 -csv uppfolj.db "SELECT c.programme,
    julianday(coalesce(f.d, date(c.stop, '-1 day'))) - julianday(c.start_date), f.d IS NOT NULL
  FROM (SELECT *, CASE WHEN consent_withdrawn_date <= '$ASOF' THEN consent_withdrawn_date
                       ELSE date('$ASOF', '+1 day') END AS stop FROM cases) c LEFT JOIN (
    SELECT c2.id, min(o.date) AS d FROM cases c2 JOIN outcomes o ON o.person_id = c2.person_id
    WHERE o.measure = 'misstanke_brott' AND o.value > 0 AND o.date > c2.start_date
      AND o.date <= '$ASOF' AND o.date < coalesce(c2.consent_withdrawn_date, '9999')
    GROUP BY c2.id) f ON f.id = c.id
  WHERE (c.programme = 'SIG' OR c.programme = 'ordinarie') AND c.followup_consent = 1
    AND c.start_date IS NOT NULL AND c.start_date <= '$ASOF'
    AND NOT EXISTS (SELECT 1 FROM cases e WHERE e.person_id = c.person_id
                      AND e.programme = c.programme AND e.followup_consent = 1
                      AND e.start_date IS NOT NULL AND e.start_date <= '$ASOF'
                      AND (e.start_date < c.start_date OR (e.start_date = c.start_date AND e.id < c.id)))" > km.csv
twice=$(sqlite3 uppfolj.db "SELECT count(*) FROM (SELECT person_id FROM cases WHERE programme = 'SIG'
    AND followup_consent = 1 AND start_date <= '$ASOF' GROUP BY person_id HAVING count(*) > 1)")
[ "$twice" -gt 0 ] && ok "$twice personer har två SIG-ärenden: kurvan tar det första" ||
    fail "ingen person med två ärenden: testet prövar inte regeln"
expect_eq "$(grep -c '^SIG,' km.csv)" "$(grep '^"SIG",' a/kohort_overlevnad.csv | head -n 1 | cut -d, -f3)" \
    "Kaplan–Meier, SIG: en person en gång (n som i SQL)"
# (per year at risk: the window less its distinct days in SiS, SPEC §6)
sqlite3 -csv uppfolj.db "WITH RECURSIVE k AS (
    SELECT c.id, c.programme AS g, c.person_id, c.start_date AS s, c.end_date AS e,
           date(c.start_date, '-12 months') AS bf, date(c.end_date, '+12 months') AS at
    FROM cases c
    WHERE (c.programme = 'SIG' OR c.programme = 'ordinarie') AND c.followup_consent = 1
      AND c.end_date IS NOT NULL AND date(c.end_date, '+12 months') <= date('$ASOF', '+1 day')
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
  ), r AS (
    SELECT k.*, julianday(s) - julianday(bf) - coalesce(lb, 0) AS rb,
           julianday(at) - julianday(e) - coalesce(la, 0) AS ra
    FROM k LEFT JOIN locked USING (id))
  SELECT g,
    (SELECT coalesce(sum(value), 0) FROM outcomes o WHERE o.person_id = r.person_id
       AND o.measure = 'misstanke_brott' AND o.date >= r.e AND o.date < r.at) / (ra / 365.25)
    - (SELECT coalesce(sum(value), 0) FROM outcomes o WHERE o.person_id = r.person_id
       AND o.measure = 'misstanke_brott' AND o.date >= r.bf AND o.date < r.s) / (rb / 365.25)
  FROM r WHERE rb > 0 AND ra > 0" > did.csv
[ "$(wc -l < km.csv)" -gt 100 ] && ok "överlevnadsdata: $(wc -l < km.csv) ärenden" || fail "för få ärenden i km.csv"
if command -v Rscript >/dev/null 2>&1 && Rscript -e 'library(survival)' >/dev/null 2>&1; then
    cat > km.R <<'R'
suppressMessages(library(survival))
d <- read.csv("km.csv", header = FALSE, col.names = c("g", "t", "e"))
d$g <- factor(d$g, levels = c("SIG", "ordinarie"))
# SPEC §8: the report's curves come from events and censorings per whole
# month whose running totals (and the number of cases) are rounded up to
# multiples of 5; here the
# same counts are made from the raw times and given to survfit as
# weights (events before censorings within a month, at its middle)
# (the months 0-5 decide the curve at 6 months; the rest stay at risk)
rounded <- function(x) {
  m <- floor(x$t / 30.4375)
  ev <- tabulate(m[x$e == 1 & m <= 5] + 1, 6)
  ce <- tabulate(m[x$e == 0 & m <= 5] + 1, 6)
  d <- diff(c(0, ceiling(cumsum(ev) / 5) * 5))
  k <- diff(c(0, ceiling(cumsum(ce) / 5) * 5))
  data.frame(g = x$g[1], t = c(0:5 + 0.5, 0:5 + 0.5, 1000), e = c(rep(1, 6), rep(0, 6), 0),
             w = c(d, k, ceiling(nrow(x) / 5) * 5 - sum(d) - sum(k)))
}
r <- rbind(rounded(d[d$g == "SIG", ]), rounded(d[d$g == "ordinarie", ]))
r <- r[r$w > 0, ]
fit <- survfit(Surv(t, e) ~ g, data = r, weights = w, conf.type = "log")
s <- summary(fit, times = 6)
lr <- survdiff(Surv(t, e) ~ g, data = d)
x <- read.csv("did.csv", header = FALSE, col.names = c("g", "ch"))
tt <- t.test(x$ch[x$g == "SIG"], x$ch[x$g == "ordinarie"])
cat(sprintf("%.12f %.12f %.12f %.12f %.12f %.12f %.12f %.12f\n", s$surv[1], s$surv[2],
            s$lower[1], s$upper[2], lr$chisq, tt$estimate[1] - tt$estimate[2], tt$conf.int[1], tt$p.value))
R
    set -- $(Rscript km.R)
    close() { python3 -c "import sys; a, b = float(sys.argv[1]), float(sys.argv[2]); sys.exit(0 if abs(a - b) <= 1e-6 * max(1, abs(b)) else 1)" "$1" "$2"; }
    row6() { grep "^\"$1\",\"6\"," a/kohort_overlevnad.csv | cut -d, -f"$2"; }
    close "$(row6 SIG 5)" "$1" && ok "KM vid 6 månader, SIG = R ($1)" || fail "KM SIG: $(row6 SIG 5), R $1"
    close "$(row6 Jämförelse 5)" "$2" && ok "KM vid 6 månader, Jämförelse = R ($2)" || fail "KM Jämförelse: $(row6 Jämförelse 5), R $2"
    close "$(row6 SIG 6)" "$3" && ok "KM:s nedre KI-gräns, SIG = R ($3)" || fail "KI SIG: $(row6 SIG 6), R $3"
    close "$(row6 Jämförelse 7)" "$4" && ok "KM:s övre KI-gräns, Jämförelse = R ($4)" || fail "KI Jämförelse: $(row6 Jämförelse 7), R $4"
    close "$(key a/kohort_logrank.csv Log-rank 3)" "$5" && ok "log-rank chi-två = R ($5)" || fail "log-rank: $(key a/kohort_logrank.csv Log-rank 3), R $5"
    did() { csv_col a/kohort_did_misstankar_per_ar.csv Jämförelse "$1"; }
    close "$(did did)" "$6" && ok "DiD = R t.test ($6)" || fail "DiD: $(did did), R $6"
    close "$(did did_lo)" "$7" && ok "DiD, nedre KI-gräns = R ($7)" || fail "DiD lo: $(did did_lo), R $7"
    close "$(did did_welch_p)" "$8" && ok "DiD, Welch p = R ($8)" || fail "DiD p: $(did did_welch_p), R $8"
else
    echo "# Rscript med survival saknas: jämförelsen med R hoppas över"
fi

# --from/--to restrict the start dates.
run report kohort --cohort "$C1" --cohort "$C2" --from 2024-01-01 --to 2024-12-31 --format csv -o f
expect_rc 0 "--from och --to"
n=$(sqlite3 uppfolj.db "SELECT count(*) FROM cases WHERE programme = 'SIG' AND start_date LIKE '2024-%'
                        AND followup_consent = 1")
expect_eq "$(key f/kohort_urval.csv SIG 4)" "$n" "--from/--to: analyserade SIG-ärenden som startade 2024 = $n"

# Bad options.
run report kohort --cohort "$C1"
expect_rc 2 "bara en kohort"
expect_contains "$ERR" "minst två kohorter" "felet säger att två kohorter behövs"
run report kohort --cohort 'SIG' --cohort "$C2"
expect_rc 2 "kohort utan villkor"
expect_contains "$ERR" "ska skrivas NAMN:fält=värde" "tolkarens meddelande om formen"
run report kohort --cohort "$C1" --cohort 'X:farg=bla'
expect_rc 2 "okänt fält"
expect_contains "$ERR" "okänt fält 'farg'" "tolkarens meddelande om okänt fält"
run report kohort --cohort "$C1" --cohort 'X:sex=Q'
expect_rc 2 "okänt kön"
run report kohort --cohort "$C1" --cohort 'SIG:programme=ordinarie'
expect_rc 2 "samma kohortnamn två gånger"
expect_contains "$ERR" "finns redan" "felet nämner namnet som redan finns"
run report kohort --cohort "$C1" --cohort "$C2" --from 2025-13-01
expect_rc 2 "ogiltigt --from"

# Three cohorts: Fisher's exact test of end reasons (3 x k) against R's
# fisher.test on the counts sqlite3 gives (cases with follow-up consent,
# started and ended by as-of; a missing reason is its own category).
# (the report hides the p-value when a cell of the table is 1-4, as here;
# the model before disclosure control, from the test-only build, has it)
TRUTHBIN=${UPPFOLJ_TRUTH:-$UPPFOLJ}
$TRUTHBIN report kohort --cohort 'N:programme=SIG,unit=Norrstaden' --cohort 'S:programme=SIG,unit=söderdal' \
    --cohort 'O:programme=ordinarie' --format csv -o k3 >/dev/null 2>&1
RC=$?
expect_rc 0 "kohort med tre kohorter"
counts() {
    sqlite3 uppfolj.db "SELECT count(y.r) FROM (SELECT 'mal_uppfyllda' r UNION ALL SELECT 'avhopp'
        UNION ALL SELECT 'fortsatt_brottslighet' UNION ALL SELECT 'placering' UNION ALL SELECT 'flytt'
        UNION ALL SELECT 'annan' UNION ALL SELECT 'saknas') x
      LEFT JOIN (SELECT coalesce(c.end_reason, 'saknas') AS r FROM cases c JOIN persons p ON p.id = c.person_id
                 WHERE $1 AND c.followup_consent = 1 AND c.start_date <= '$ASOF' AND c.end_date <= '$ASOF') y
      ON y.r = x.r GROUP BY x.r ORDER BY x.r" | paste -sd, -
}
n=$(counts "c.programme = 'SIG' AND coalesce(c.unit, p.unit) = 'Norrstaden'")
s=$(counts "c.programme = 'SIG' AND coalesce(c.unit, p.unit) = 'Söderdal'")
o=$(counts "c.programme = 'ordinarie'")
tot=$(echo "$n,$s,$o" | tr , '\n' | awk '{ t += $1 } END { print t }')
expect_eq "$(sed -n 2p k3/kohort_avslutsorsak_test.csv | cut -d, -f2)" "$tot" "Fisher: n = $tot avslutade"
if command -v Rscript >/dev/null 2>&1 && [ -n "${UPPFOLJ_TRUTH:-}" ]; then
    rp=$(Rscript -e "x <- rbind(c($n), c($s), c($o)); x <- x[, colSums(x) > 0];
                     cat(sprintf('%.12g', fisher.test(x, workspace = 2e7)\$p.value))")
    got=$(python3 -c "
import json, sys
d = json.load(open('k3/kohort.truth.json'))
t = [t for s in d['sections'] for t in s['tables'] if t['id'] == 'kohort_avslutsorsak_test'][0]
print(t['rows'][0]['cells'][2]['value'])" 2>/dev/null)
    shown=$(sed -n 2p k3/kohort_avslutsorsak_test.csv | cut -d, -f3)
    small=$(echo "$n,$s,$o" | tr , '\n' | awk '$1 >= 1 && $1 <= 4' | wc -l)
    if [ "$small" -gt 0 ]; then
        expect_eq "$shown" "" "Fisher 3×k dolt i rapporten: $small celler i tabellen är 1–4"
    fi
    python3 -c "import sys; a, b = float('$got'), float('$rp'); sys.exit(0 if abs(a - b) <= 1e-9 * max(b, 1e-300) else 1)" \
        && ok "Fisher 3×k = R:s fisher.test ($rp)" || fail "Fisher 3×k: $got, R: $rp"
else
    echo "# Rscript eller UPPFOLJ_TRUTH saknas: Fisher 3×k jämförs inte med R"
fi

# Reproducible.
run report kohort --cohort "$C1" --cohort "$C2" --format pdf,xlsx,json -o b
cmp -s a/kohort.json b/kohort.json && ok "samma JSON byte för byte" || fail "JSON skiljer sig"
cmp -s a/kohort.pdf b/kohort.pdf && ok "samma PDF byte för byte" || fail "PDF skiljer sig"
cmp -s a/kohort.xlsx b/kohort.xlsx && ok "samma XLSX byte för byte" || fail "XLSX skiljer sig"
finish
