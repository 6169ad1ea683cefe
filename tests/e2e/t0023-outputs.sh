# Output files (issue 13, item 6): written to a temporary file and renamed
# into place, never through a planted link; the analysis export is for its
# owner only (0600); a text cell that a spreadsheet would run as a formula
# (here a unit named "=1+2") is written with a leading ' in every CSV, and
# is a string, never a formula, in the workbooks.
. "$(dirname "$0")/lib.sh"
cd "$T"
mkdir data
for f in "$SAMPLE"/*.csv; do
    sed -e 's/Västervik/=1+2/g' -e 's/Söderdal/"Söder, dal"/g' "$f" > "data/$(basename "$f")"
done
run --db uppfolj.db --quiet init
run --db uppfolj.db --quiet import data/*.csv
expect_rc 0 "import med en enhet som heter =1+2"

# ---- a planted link in the report folder
mkdir rapp
echo "annan fil" > victim.txt
ln -s ../victim.txt rapp/verksamhet.json
umask 022
run --db uppfolj.db --quiet report verksamhet --period 2025 --program SIG -o rapp
expect_rc 0 "rapport med en länk i mappen"
expect_eq "$(cat victim.txt)" "annan fil" "filen som länken pekade på är orörd"
[ -f rapp/verksamhet.json ] && [ ! -L rapp/verksamhet.json ] &&
    ok "verksamhet.json är en vanlig fil i stället för länken" ||
    fail "verksamhet.json är fortfarande en länk"
python3 -m json.tool rapp/verksamhet.json >/dev/null && ok "verksamhet.json är hel JSON" ||
    fail "verksamhet.json är inte hel JSON"
expect_eq "$(stat -c %a rapp/verksamhet.pdf)" "644" "rapportfilerna: 0644 med umask 022"
expect_eq "$(ls -A rapp | grep -c '^\.')" "0" "inga temporära filer kvar i rapportmappen"

# ---- CSV injection in report CSVs and in the export
run --db uppfolj.db --quiet report utfall --by unit --program SIG --format csv,xlsx -o rapp
expect_rc 0 "utfall per enhet"
field=$(csv_cell rapp/utfall_misstanke_nagon.csv "1+2")
expect_eq "$field" "'=1+2" "rapportens CSV skriver enheten =1+2 som '=1+2"
expect_lacks "$(cat rapp/*.csv)" ',=1+2' "ingen CSV-cell börjar med ="
python3 - rapp/*.csv <<'PY' && ok "varje rapport-CSV har lika många fält på varje rad som rubriken (enheten 'Söder, dal')" || fail "en rapport-CSV har fel antal fält"
import csv, sys
for p in sys.argv[1:]:
    rows = list(csv.reader(open(p, encoding="utf-8")))
    if any(len(r) != len(rows[0]) for r in rows):
        print(p, file=sys.stderr)
        sys.exit(1)
PY
/usr/bin/python3 - rapp/utfall.xlsx <<'PY' && ok "arbetsboken har =1+2 som text, ingen formel" || fail "arbetsboken har en formel"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
found = 0
for ws in wb.worksheets:
    for row in ws.iter_rows():
        for c in row:
            if c.data_type == "f":
                sys.exit(1)
            if c.value == "=1+2":
                found += 1
sys.exit(0 if found else 1)
PY

# ---- the export: private files
run --db uppfolj.db --quiet export --cohort 'SIG:programme=SIG' -o analys
expect_rc 0 "export"
bad=$(for f in analys/*; do [ "$(stat -c %a "$f")" = 600 ] || echo "$f"; done)
expect_eq "$bad" "" "alla exportfiler har läge 0600"
field=$(csv_cell analys/export.csv "1+2")
expect_eq "$field" "'=1+2" "export.csv skriver enheten =1+2 som '=1+2"
expect_eq "$(ls -A analys | grep -c '^\.')" "0" "inga temporära filer kvar i exportmappen"
finish
