# Figures worked out by hand or by an independent sqlite3 query on small
# crafted data sets (one programme, SIG): state values kept as doubles,
# interventions counted for their own case, days placed as the union of
# overlapping placements, no limit on the number of groups, and one
# rounding rule for what PDF and XLSX display.
. "$(dirname "$0")/lib.sh"
cd "$T"

# persons N: persons.csv with P001..PNNN, boys born 2008, unit U001..UNNN
# when $2 = units, else all in Norr.
persons() {
    echo "person;birth_date;sex;unit"
    i=1
    while [ "$i" -le "$1" ]; do
        u=Norr; [ "${2:-}" = units ] && u=$(printf 'U%03d' "$i")
        printf 'P%03d;2008-01-01;M;%s\n' "$i" "$u"
        i=$((i + 1))
    done
}

# ---- 1. a state value 33,3 stays 33.3 (it was a float: 33.29999923706055)
mkdir s && cd s
persons 6 > persons.csv
{ echo "case_id;person;programme;unit;consent_date;start_date;end_date;end_reason"
  for i in 1 2 3 4 5 6; do echo "A00$i;P00$i;SIG;Norr;2023-01-0$i;2023-01-0$i;2023-06-30;mal_uppfyllda"; done
} > cases.csv
# baseline on the start day and one value in the after window [2023-06-30,
# 2024-06-30): six values 33,3 before and after, so both means are 33.3
{ echo "person;date;measure;value"
  for i in 1 2 3 4 5 6; do echo "P00$i;2023-01-0$i;skolfranvaro_pct;33,3"; echo "P00$i;2024-01-15;skolfranvaro_pct;33,3"; done
} > outcomes.csv
run init
run import persons.csv cases.csv outcomes.csv
expect_rc 0 "import: sex ärenden med skolfrånvaro 33,3"
run report utfall --as-of 2025-06-30 --format json,csv -o u
expect_rc 0 "report utfall"
expect_eq "$(csv_col u/utfall_skolfranvaro.csv Totalt n_cases n_paired before_mean after_mean)" "6,6,33.3,33.3" \
    "CSV: n 6, före och efter medel 33.3"
expect_eq "$(python3 -c '
import json, sys
r = json.load(open("u/utfall.json"))
for s in r["sections"]:
    for t in s.get("tables", []):
        if t["id"] == "utfall_skolfranvaro":
            ids = [c["id"] for c in t["columns"]]
            cells = t["rows"][-1]["cells"]
            print(" ".join(repr(cells[ids.index(k)].get("value")) for k in ("before_mean", "after_mean")))
')" "33.3 33.3" "JSON: medelvärdena läses som exakt talet 33.3"
cd ..

# ---- 2. an intervention counts for its own case, not the person's others
# Six persons, each with case A (2024-01-01..2024-03-31) and later case B
# (from 2024-06-01, ongoing).  Of A by case_id: mst 2024-01-15..03-15 and
# mentor 2024-02-01..07-31 (runs on into B's time); by person only: kbt
# 2024-07-01..08-01, which overlaps B's [start, end] only.  By hand, in
# 2024: mst 6 cases (all A), mentor 6 (A), kbt 6 (B), never 12.
mkdir i && cd i
persons 6 > persons.csv
{ echo "case_id;person;programme;unit;consent_date;start_date;end_date;end_reason"
  for i in 1 2 3 4 5 6; do
      echo "A00$i;P00$i;SIG;Norr;2024-01-01;2024-01-01;2024-03-31;mal_uppfyllda"
      echo "B00$i;P00$i;SIG;Norr;2024-06-01;2024-06-01;;"
  done
} > cases.csv
{ echo "case_id;insats;provider;start_date;end_date"
  for i in 1 2 3 4 5 6; do
      echo "A00$i;mst;socialtjanst;2024-01-15;2024-03-15"
      echo "A00$i;mentor;socialtjanst;2024-02-01;2024-07-31"
  done
} > insatser_arende.csv
{ echo "person;insats;provider;start_date;end_date"
  for i in 1 2 3 4 5 6; do echo "P00$i;kbt;socialtjanst;2024-07-01;2024-08-01"; done
} > insatser_person.csv
run init
run import persons.csv cases.csv insatser_arende.csv insatser_person.csv
expect_rc 0 "import: två ärenden per person, insatser per ärende och per person"
run report verksamhet --period 2024 --format csv -o v
expect_rc 0 "report verksamhet --period 2024"
# independent: an intervention belongs to the case of its case_id, else to
# the person's cases whose [start, end] it overlaps; cases active in 2024
indep() {
    sqlite3 uppfolj.db "SELECT count(DISTINCT c.id) FROM cases c JOIN interventions i
        ON (i.case_id = c.id OR (i.case_id IS NULL AND i.person_id = c.person_id
            AND i.start_date <= coalesce(c.end_date, '9999') AND coalesce(i.end_date, '9999') >= c.start_date))
        WHERE i.insats = '$1' AND c.start_date <= '2024-12-31' AND coalesce(c.end_date, '9999') >= '2024-01-01'
          AND i.start_date <= '2024-12-31' AND coalesce(i.end_date, '9999') >= '2024-01-01'"
}
for k in MST:mst Mentor:mentor KBT:kbt; do
    got=$(grep "^\"${k%%:*}\"" v/verksamhet_insatser.csv | cut -d, -f2)
    expect_eq "$got" "6" "verksamhet: ${k%%:*} för 6 ärenden (för hand)"
    expect_eq "$got" "$(indep "${k#*:}")" "verksamhet: ${k%%:*} som oberoende SQL"
done
run report utfall --by insats --as-of 2025-06-30 --format csv -o u
expect_rc 0 "report utfall --by insats"
# the core: a case is in an insats group when its own intervention
# overlaps its during phase: mentor only A (6), kbt only B (6)
expect_eq "$(grep '^"Mentor"' u/utfall_misstankar_per_ar.csv | cut -d, -f2)" "6" "utfall: Mentor-gruppen har A:s 6 ärenden"
expect_eq "$(grep '^"KBT"' u/utfall_misstankar_per_ar.csv | cut -d, -f2)" "6" "utfall: KBT-gruppen har B:s 6 ärenden"
cd ..

# ---- 3. days placed are the union of overlapping placements
# Six cases 2023-01-01..2023-12-31, after window [2023-12-31, 2024-12-31)
# = 366 days.  In it: hvb 2024-01-01..2024-03-01 = 31 + 29 + 1 = 61 days,
# familjehem 2024-02-14..2024-04-01 = 16 + 31 + 1 = 48 days; they share
# 2024-02-14..2024-03-01 = 16 + 1 = 17 days: 61 + 48 - 17 = 92 days
# placed (the sum, 109, counted the 17 days twice).  Per year of the
# window: 92 / (366 / 365.25) = 91.8114754...
mkdir p && cd p
persons 6 > persons.csv
{ echo "case_id;person;programme;unit;consent_date;start_date;end_date;end_reason"
  for i in 1 2 3 4 5 6; do echo "A00$i;P00$i;SIG;Norr;2023-01-01;2023-01-01;2023-12-31;mal_uppfyllda"; done
} > cases.csv
{ echo "case_id;insats;provider;start_date;end_date"
  for i in 1 2 3 4 5 6; do
      echo "A00$i;hvb;socialtjanst;2024-01-01;2024-03-01"
      echo "A00$i;familjehem;socialtjanst;2024-02-14;2024-04-01"
  done
} > interventions.csv
run init
run import persons.csv cases.csv interventions.csv
expect_rc 0 "import: hvb och familjehem som överlappar 17 dagar"
run export --cohort SIG:programme=SIG --as-of 2025-06-30 -o x
expect_rc 0 "export"
col=$(head -n 1 x/export.csv | tr ',' '\n' | grep -n '^days_placed_after$' | cut -d: -f1)
expect_eq "$(tail -n +2 x/export.csv | cut -d, -f"$col" | sort -u | tr '\n' ' ')" "92 " \
    "export: 92 dagar placerad efter (för hand), inte 109"
run report utfall --as-of 2025-06-30 --format csv -o u
expect_rc 0 "report utfall"
got=$(csv_col u/utfall_dagar_placerad.csv Totalt after_mean)
expect_eq "$(awk -v g="$got" 'BEGIN { d = g - 92 * 365.25 / 366; print (d < 1e-9 && d > -1e-9) ? "ja" : g }')" "ja" \
    "utfall: dagar placerad per år efter = 92 / (366 / 365.25) ($got)"
cd ..

# ---- 4. no limit on the number of groups: 70 units, one case each (with
# consent to follow-up, so that the total has values and the tables are
# shown: a table with nothing to show is left out)
mkdir g && cd g
persons 70 units > persons.csv
{ echo "case_id;person;programme;unit;consent_date;start_date;end_date;end_reason;followup_consent"
  i=1
  while [ "$i" -le 70 ]; do
      printf 'A%03d;P%03d;SIG;U%03d;2023-01-01;2023-01-01;2023-12-31;mal_uppfyllda;ja\n' "$i" "$i" "$i"
      i=$((i + 1))
  done
} > cases.csv
run init
run import persons.csv cases.csv
expect_rc 0 "import: 70 enheter"
# (an internal report: in an extern one 70 groups of one case hide even
# the totals, and a table with nothing to show is left out)
run report utfall --by unit --as-of 2025-06-30 --format csv --mottagare intern -o u
expect_rc 0 "report utfall --by unit"
units=$(sqlite3 uppfolj.db "SELECT count(DISTINCT unit) FROM cases")
sed 1d u/utfall_misstankar_per_ar.csv >u/utan_markning.csv # the internal mark
f=u/utan_markning.csv
expect_eq "$(grep -vc '^group\|^"Totalt"' "$f")" "$units" "70 grupprader, en per enhet (sqlite3: $units)"
expect_eq "$(tail -n +2 "$f" | cut -d, -f1 | sort -u | wc -l)" "$((units + 1))" "alla rader olika, plus Totalt"
expect_eq "$(tail -n 1 "$f" | cut -d, -f1)" '"Totalt"' "Totalt sist"
expect_eq "$(sed -n '71p' "$f" | cut -d, -f1)" '"U070"' "den 70:e enheten finns (U070)"
run report utfall --by unit,sex --as-of 2025-06-30 --format csv --mottagare intern -o u2
expect_rc 0 "report utfall --by unit,sex"
expect_eq "$(sed 1d u2/utfall_misstankar_per_ar.csv | grep -vc '^group\|^"Totalt"')" "$units" "tvåvägs: 70 rader enhet × Pojkar"
# verksamhet: one row per unit, none merged into the 64th.  Each unit had
# one case, started in 2023: its startade is 1, shown as "<5" (an empty
# CSV cell named in `suppressed`); had units 65-70 been added into the
# 64th row as before, that row would show 7.
run report verksamhet --period 2023 --format csv -o v70
expect_rc 0 "report verksamhet med 70 enheter"
f=v70/verksamhet_flode.csv
expect_eq "$(grep -vc '^unit\|^"Totalt"' "$f")" "$units" "verksamhet: 70 enhetsrader (sqlite3: $units)"
expect_eq "$(tail -n +2 "$f" | cut -d, -f1 | sort -u | wc -l)" "$((units + 1))" "verksamhet: alla enheter olika, plus Totalt"
for u in U064 U065 U070; do
    expect_eq "$(grep "^\"$u\"" "$f" | cut -d, -f4)|$(grep "^\"$u\"" "$f" | cut -d, -f8)" \
        "|samtycken|startade|avslutade|aktiva" "$u: startade dold som 1–4 (ett ärende), inte 7"
done

# a file with more item columns than the importer keeps is refused (it
# used to drop the 65th and later with "okänd kolumn")
{ printf 'assessment_id;case_id;instrument;date;total_score'
  i=1; while [ "$i" -le 65 ]; do printf ';item:q%d' "$i"; i=$((i + 1)); done; echo
  printf 'B001;A001;ester;2023-02-01;10'
  i=1; while [ "$i" -le 65 ]; do printf ';1'; i=$((i + 1)); done; echo
} > bedomningar.csv
run import bedomningar.csv
expect_rc 2 "65 kolumner item: vägras"
expect_contains "$ERR" "högst 64 kolumner item:<namn>" "felet säger gränsen"
cd ..

# ---- 5. one rounding rule: PDF text as Excel displays the XLSX value
# Six cases with consent 2023-09-01 and starts 2025-01-03 .. 2025-01-08:
# 490 .. 495 days consent -> start; median (type 7, n = 6) = (492 +
# 493) / 2 = 492.5, shown with 0 decimals.  Excel displays 493 (half away
# from zero); printf("%.0f") gave 492 (half to even).  CSV and JSON keep
# 492.5, the XLSX stores 492.5 with the format #,##0, the PDF prints 493.
mkdir r && cd r
persons 6 > persons.csv
{ echo "case_id;person;programme;unit;referral_date;consent_date;start_date"
  for i in 1 2 3 4 5 6; do echo "A00$i;P00$i;SIG;Norr;2023-09-01;2023-09-01;2025-01-0$((i + 2))"; done
} > cases.csv
run init
run import persons.csv cases.csv
expect_rc 0 "import: sex ärenden, 490–495 dagar samtycke→start"
expect_eq "$(sqlite3 uppfolj.db "SELECT group_concat(julianday(start_date) - julianday(consent_date), ' ') FROM (SELECT * FROM cases ORDER BY start_date)")" \
    "490.0 491.0 492.0 493.0 494.0 495.0" "dagarna enligt sqlite3"
run report verksamhet --period 2025 --format pdf,xlsx,csv,json -o v
expect_rc 0 "report verksamhet --period 2025 --format pdf,xlsx,csv,json"
expect_eq "$(grep '^"Totalt"' v/verksamhet_processtider.csv | cut -d, -f4)" "492.5" "CSV: medianen 492.5 exakt"
# openpyxl is Debian's (python3-openpyxl): /usr/bin/python3 when there
py=python3; [ -x /usr/bin/python3 ] && py=/usr/bin/python3
expect_eq "$($py - <<'PY'
import decimal, openpyxl
wb = openpyxl.load_workbook("v/verksamhet.xlsx")
for ws in wb.worksheets:
    for row in ws.iter_rows():
        if row[0].value == "Totalt" and len(row) > 3 and row[3].value == 492.5:
            c = row[3]
            decs = len(c.number_format.split(".")[1]) if "." in c.number_format else 0
            # Excel's display: 15 significant digits, then half away from zero
            d = decimal.Decimal("%.14e" % c.value).quantize(decimal.Decimal(1).scaleb(-decs),
                                                           rounding=decimal.ROUND_HALF_UP)
            print(ws.title, c.value, c.number_format, d)
PY
)" "Processtider 492.5 #,##0 493" "XLSX: värdet 492.5 med formatet #,##0, som Excel visar som 493"
pdftotext -layout v/verksamhet.pdf v.txt 2>/dev/null
expect_eq "$(grep -A4 'Dagar mellan stegen' v.txt | grep '^ *Totalt' | awk '{ print $NF }')" "493" \
    "PDF: medianen visas som 493, som i Excel"
check_pdf v verksamhet
check_xlsx v verksamhet
cd ..

# ---- 6. an exact test that cannot give p below 0,05 is not shown
# N persons (cases 2023-01-01..2023-06-30): one suspicion each in the year
# before and none after, so all N pairs are discordant, and school absence
# 10*i before and 11*i after, so the changes 1..N are distinct and nonzero
# (Wilcoxon exact).  By hand: the smallest exact p is 2 x 0,5^N, 0,0625 for
# N = 5 (never below 0,05: no test, "..") and 0,03125 for N = 6 (R:
# binom.test(6, 6)$p.value and wilcox.test(11*(1:6), 10*(1:6), paired =
# TRUE)$p.value both give 0.03125).
exact_set() {
    mkdir "e$1" && cd "e$1"
    persons "$1" > persons.csv
    { echo "case_id;person;programme;unit;consent_date;start_date;end_date;end_reason"
      i=1; while [ "$i" -le "$1" ]; do
          printf 'A%03d;P%03d;SIG;Norr;2023-01-01;2023-01-01;2023-06-30;mal_uppfyllda\n' "$i" "$i"
          i=$((i + 1)); done
    } > cases.csv
    { echo "person;date;measure;value"
      i=1; while [ "$i" -le "$1" ]; do
          printf 'P%03d;2022-06-01;misstanke_brott;1\n' "$i"
          printf 'P%03d;2022-12-15;skolfranvaro_pct;%d\n' "$i" $((10 * i))
          printf 'P%03d;2024-01-15;skolfranvaro_pct;%d\n' "$i" $((11 * i))
          i=$((i + 1)); done
    } > outcomes.csv
    run init
    run import persons.csv cases.csv outcomes.csv
    expect_rc 0 "import: $1 ärenden med en misstanke före och ökad frånvaro"
    run report utfall --as-of 2025-06-30 --format csv -o u
    expect_rc 0 "report utfall ($1 ärenden)"
    cd ..
}
# the Totalt row's value of a column (10 significant digits) and whether it is marked as hidden
total_cell() {
    python3 -c '
import csv, sys
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    if r["group"] == "Totalt":
        v = r[sys.argv[2]]
        print(("%.10g" % float(v)) if v else "tom", "dold" if sys.argv[2] in r["suppressed"].split("|") else "visad")
' "$1" "$2"
}
exact_set 5
expect_eq "$(total_cell e5/u/utfall_misstanke_nagon.csv n_paired)" "5 visad" "5 par med före och efter"
expect_eq "$(total_cell e5/u/utfall_misstanke_nagon.csv mcnemar_p)" "tom dold" \
    "McNemar med 5 ändrade ärenden (minsta p 0,0625) visas inte"
expect_eq "$(total_cell e5/u/utfall_skolfranvaro.csv wilcoxon_p)" "tom dold" \
    "Wilcoxons exakta test med 5 par (minsta p 0,0625) visas inte"
expect_eq "$(total_cell e5/u/utfall_skolfranvaro.csv t_p | cut -d' ' -f2)" "visad" \
    "t-testet (inte exakt) visas med 5 par"
exact_set 6
expect_eq "$(total_cell e6/u/utfall_misstanke_nagon.csv mcnemar_p)" "0.03125 visad" \
    "McNemar med 6 ändrade ärenden: p 0,03125 (R: binom.test(6, 6))"
expect_eq "$(total_cell e6/u/utfall_skolfranvaro.csv wilcoxon_p)" "0.03125 visad" \
    "Wilcoxon med 6 par: p 0,03125 (R: wilcox.test)"

finish
