# Reports a small unit can use (issue 15, items 4-6): --mottagare intern
# shows every figure, marked as internal working material on every page,
# sheet and file; extern is disclosure control, where a pooled year shows a
# 25-youth unit's flow that its quarter hides; the month-by-month table
# agrees with independent SQL, and an extern report leaves it out when its
# small monthly figures would hide more of the rest.
. "$(dirname "$0")/lib.sh"
cd "$T"
BANNER="Internt arbetsmaterial — kan omfattas av sekretess (OSL 26 kap.)"
run sample -o data --youths 70 --seed 1
run --quiet init
run --quiet import data/*.csv
expect_rc 0 "70 unga genererade och importerade"
U=Norrstaden
expect_eq "$(sql uppfolj.db "SELECT count(DISTINCT person_id) FROM cases
                            WHERE programme = 'SIG' AND unit = '$U'")" "26" "$U har 26 unga i SIG"
V="verksamhet --program SIG --unit $U"

# hidden: the cells disclosure control hid (not "missing", not "notest")
hidden() {
    python3 - "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
n = sum(1 for s in d["sections"] for t in s["tables"] for r in t["rows"] for c in r["cells"]
        if c.get("suppressed") in ("small", "secondary", "few", "any"))
print(n)
PY
}
# flow ROW: the flow table's row of unit U, as a CSV line without the unit
flow() { grep "^\"$U\"" "$1/verksamhet_flode.csv" | cut -d, -f2-; }
# the flow of U in [A, B) by independent SQL, in the columns of the table
sqlflow() {
    sql uppfolj.db "SELECT sum(referral_date >= '$1' AND referral_date < '$2'),
                           sum(consent_date >= '$1' AND consent_date < '$2'),
                           sum(start_date >= '$1' AND start_date < '$2'),
                           sum(start_date < '$2' AND (end_date IS NULL OR end_date >= '$2')),
                           sum(start_date IS NOT NULL AND end_date >= '$1' AND end_date < '$2'),
                           sum(start_date < '$2' AND (end_date IS NULL OR end_date >= '$1'))
                    FROM cases WHERE programme = 'SIG' AND unit = '$U'" | tr '|' ','
}

# --- extern: the quarter hides the flow, the pooled year shows it -----------------
run report $V --period 2025-Q3 --format csv,json,pdf -o eq
expect_rc 0 "extern kvartal"
expect_contains "$(flow eq)" "aktualiserade" "extern: kvartalets flöde för $U är delvis dolt ($(flow eq))"
run report $V --period 2025 --format csv,json,pdf -o ey
expect_rc 0 "extern år"
expect_eq "$(flow ey)" "$(sqlflow 2025-01-01 2026-01-01)," "extern: årets flöde för $U visas helt och stämmer med SQL"
expect_eq "$([ -e ey/verksamhet_manader.csv ] && echo med || echo utan)" "utan" \
    "extern år: månad för månad utelämnas, den skulle dölja mer"
expect_contains "$(pdftotext ey/verksamhet.pdf - 2>/dev/null | tr '\n' ' ')" "Tabellen månad för månad visas inte" \
    "och rapporten säger varför"
expect_contains "$(pdftotext -l 1 eq/verksamhet.pdf - 2>/dev/null)" "Mottagare: extern" "förstasidan säger extern"
expect_lacks "$(pdftotext eq/verksamhet.pdf - 2>/dev/null)" "Internt arbetsmaterial" "en extern rapport är inte märkt intern"
expect_eq "$(stat -c %a eq/verksamhet.pdf)" "644" "en extern rapport är läsbar för andra"

# --- intern: the same quarter shows every figure -------------------------------------
run report $V --period 2025-Q3 --mottagare intern -o iq
expect_rc 0 "intern kvartal"
expect_eq "$(hidden iq/verksamhet.json)" "0" "intern: inget värde dolt (extern: $(hidden eq/verksamhet.json))"
expect_eq "$(grep "^\"$U\"" iq/verksamhet_flode.csv | cut -d, -f2-)" "$(sqlflow 2025-07-01 2025-10-01)," \
    "intern: kvartalets flöde stämmer med SQL"
pages=$(pdfinfo iq/verksamhet.pdf 2>/dev/null | awk '/^Pages:/ { print $2 }')
marked=$(pdftotext iq/verksamhet.pdf - 2>/dev/null |
    awk -v b="$BANNER" 'BEGIN { RS = "\f" } index($0, b) { n++ } END { print n + 0 }')
expect_eq "$marked" "$pages" "varje sida ($pages) är märkt som internt arbetsmaterial"
expect_contains "$(pdftotext -l 1 iq/verksamhet.pdf - 2>/dev/null)" "Mottagare: intern" "förstasidan säger intern"
expect_contains "$(pdftotext iq/verksamhet.pdf - 2>/dev/null | tr '\n' ' ')" "Mottagare: intern. Internt" \
    "metoddelen säger intern"
out=$(/usr/bin/python3 - iq/verksamhet.xlsx "$BANNER" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
bad = [ws.title for ws in wb.worksheets
       if ws["A1"].value != sys.argv[2] or sys.argv[2] not in (ws.oddHeader.center.text or "")]
print(len(wb.worksheets), ",".join(bad) or "-")
PY
)
expect_eq "${out#* }" "-" "varje blad (${out% *}) är märkt i A1 och i sidhuvudet"
expect_eq "$(head -n 1 iq/verksamhet_flode.csv)" "\"$BANNER\"" "CSV-filerna börjar med märkningen"
expect_eq "$(stat -c %a iq/verksamhet.pdf iq/verksamhet.xlsx iq/verksamhet.json iq/verksamhet_flode.csv | sort -u)" \
    "600" "en intern rapports filer kan bara ägaren läsa"
expect_contains "$(cat iq/verksamhet.json)" '"audience": "intern"' "JSON säger intern"

# --- the month-by-month table, intern: against SQL, month by month --------------------
run report $V --period 2025 --mottagare intern --format csv -o iy
bad=0
for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
    a=2025-$m-01; b=$(date -d "$a + 1 month" +%F)
    want=$(sql uppfolj.db "SELECT sum(referral_date >= '$a' AND referral_date < '$b'),
                                  sum(start_date < '$a' AND (end_date IS NULL OR end_date >= '$a')),
                                  sum(start_date >= '$a' AND start_date < '$b'),
                                  sum(start_date < '$b' AND (end_date IS NULL OR end_date >= '$a')),
                                  sum(start_date IS NOT NULL AND end_date >= '$a' AND end_date < '$b'),
                                  sum(start_date < '$b' AND (end_date IS NULL OR end_date >= '$b'))
                           FROM cases WHERE programme = 'SIG' AND unit = '$U'" | tr '|' ',')
    got=$(sed -n "$((${m#0} + 2))p" iy/verksamhet_manader.csv | cut -d, -f2-7)
    [ "$got" = "$want" ] || { bad=$((bad + 1)); echo "# $a: $got, SQL $want"; }
done
expect_eq "$bad" "0" "månad för månad: varje månads sex tal stämmer med SQL"
expect_eq "$(grep '^"Totalt"' iy/verksamhet_manader.csv | cut -d, -f2,4,6)" \
    "$(flow iy | cut -d, -f1,3,5)" "månadernas flöde summerar till årets"
run report $V --period 2025-05 --mottagare intern --format csv -o im
expect_eq "$([ -e im/verksamhet_manader.csv ] && echo med || echo utan)" "utan" "en månad har ingen månadstabell"

# --- the default, and bad values ------------------------------------------------------
printf '[rapporter]\nmottagare = intern\n' > uppfolj.conf
run report $V --period 2025-Q3 --format json -o ci
expect_contains "$(cat ci/verksamhet.json)" '"audience": "intern"' "mottagare = intern i uppfolj.conf gäller"
run report $V --period 2025-Q3 --mottagare extern --format json -o ce
expect_contains "$(cat ce/verksamhet.json)" '"audience": "extern"' "--mottagare extern går före uppfolj.conf"
printf '[rapporter]\nmottagare = styrgrupp\n' > uppfolj.conf
run report $V --period 2025-Q3 -o cx
expect_rc 2 "ett okänt värde i uppfolj.conf vägras"
rm uppfolj.conf
run report $V --period 2025-Q3 --mottagare alla -o cx
expect_rc 2 "--mottagare alla vägras"
expect_contains "$ERR" "ange intern eller extern" "och säger vad som gäller"

# --- tests keep their minimum n --------------------------------------------------------
run report utfall --program SIG --by sex,age --mottagare intern --format json -o u
expect_rc 0 "utfall intern"
out=$(python3 - u/utfall.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
small_shown = notest_ok = notest_bad = 0
for s in d["sections"]:
    for t in s["tables"]:
        for r in t["rows"]:
            for col, c in zip(t["columns"], r["cells"]):
                if col["type"] == "count" and not c.get("suppressed") and c.get("value") in (1, 2, 3, 4):
                    small_shown += 1
                if col["type"] == "pvalue" and c.get("suppressed") == "notest":
                    notest_ok += 1
                if col["type"] == "pvalue" and not c.get("suppressed") and c.get("n", 99) < d["threshold"]:
                    notest_bad += 1
print(small_shown > 0, notest_ok > 0, notest_bad)
PY
)
expect_eq "$out" "True True 0" "intern: små antal visas, men inget test över färre än 5 personer"
finish
