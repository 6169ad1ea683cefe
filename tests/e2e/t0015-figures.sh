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
expect_eq "$(grep '^"Totalt"' u/utfall_skolfranvaro.csv | cut -d, -f2-5)" "6,6,33.3,33.3" \
    "CSV: n 6, före och efter medel 33.3"
expect_eq "$(python3 -c '
import json, sys
r = json.load(open("u/utfall.json"))
for s in r["sections"]:
    for t in s.get("tables", []):
        if t["id"] == "utfall_skolfranvaro":
            print(" ".join(repr(c.get("value")) for c in t["rows"][-1]["cells"][3:5]))
')" "33.3 33.3" "JSON: medelvärdena läses som exakt talet 33.3"
cd ..

finish
