# lib.sh - helpers for the end-to-end tests (sourced by each tNNNN-*.sh).
# Each check prints "ok" or "FAIL" with a description; finish() prints the
# counts for run.sh and exits non-zero if any check failed.
set -u
: "${UPPFOLJ:?set UPPFOLJ to the binary under test}"
TOP=$(cd "$(dirname "$0")/../.." && pwd)
SAMPLE=$TOP/sample-data
T=$(mktemp -d /tmp/uppfolj-e2e.XXXXXX)
trap 'rm -rf "$T"' EXIT
# a library's own leak, named in tests/lsan.supp (ASan builds)
export LSAN_OPTIONS="suppressions=$TOP/tests/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
PASS=0
FAILED=0
if [ -n "${VALGRIND:-}" ]; then
    UF="valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99 --suppressions=$TOP/tests/valgrind.supp $UPPFOLJ"
else
    UF=$UPPFOLJ
fi

ok()   { PASS=$((PASS + 1)); echo "ok   - $1"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL - $1"; }

# run CMD...: run uppfolj with the given arguments; sets RC, OUT, ERR.
run() {
    $UF "$@" >"$T/out" 2>"$T/err"
    RC=$?
    OUT=$(cat "$T/out")
    ERR=$(cat "$T/err")
}

expect_rc()       { [ "$RC" -eq "$1" ] && ok "$2 (status $1)" || { fail "$2: status $RC, väntade $1"; echo "$ERR" | head -5; }; }
expect_eq()       { [ "$1" = "$2" ] && ok "$3" || fail "$3: fick '$1', väntade '$2'"; }
expect_contains() { case "$1" in *"$2"*) ok "$3" ;; *) fail "$3: saknar '$2' i: $(echo "$1" | head -3)" ;; esac; }
expect_lacks()    { case "$1" in *"$2"*) fail "$3: innehåller '$2'" ;; *) ok "$3" ;; esac; }

# sql DB QUERY: one value from the database via the sqlite3 CLI.
sql() { sqlite3 "$1" "$2"; }

# data_rows DB: a digest of the rows of every data table, the import run
# column aside: the same data imported another way (a workbook, a
# template) gives the same digest.
data_rows() {
    for t in persons cases interventions assessments assessment_items outcomes goals \
             goal_followups meetings actions data_state; do
        sqlite3 "$1" "SELECT * FROM $t" | sed 's/|[0-9]*$//' | sort
    done | sha256sum | cut -c1-16
}

# csv_cell FILE TEXT: the first cell of CSV file FILE that holds TEXT, as
# a CSV reader gives it.
csv_cell() {
    python3 - "$1" "$2" <<'PY'
import csv, sys
for row in csv.reader(open(sys.argv[1], encoding="utf-8")):
    for cell in row:
        if sys.argv[2] in cell:
            print(cell)
            sys.exit(0)
PY
}

# rows FILE: data rows in a CSV file (lines minus the header), via wc.
rows() { echo $(( $(wc -l < "$1") - 1 )); }

# The other formats of report NAME in DIR against its JSON (DIR/NAME.json):
# the XLSX read with openpyxl, the PDF with pdftotext, every CSV file; and
# the disclosure audit of the JSON.  One check each.
tail_ok() { echo "$1" | tail -n 1 | sed 's/[0-9]* passed/N passed/'; }
check_xlsx() {
    out=$(python3 "$TOP/tests/e2e/xlsx_check.py" "$1/$2.xlsx" "$1/$2.json" 2>&1)
    expect_eq "$(tail_ok "$out")" "xlsx: N passed, 0 failed" \
        "$2.xlsx har samma celler och diagram som JSON ($(echo "$out" | tail -n 1))"
}
check_pdf() {
    out=$(sh "$TOP/tests/e2e/pdf_check.sh" "$1/$2.pdf" "$1/$2.json" 2>&1)
    expect_eq "$(tail_ok "$out")" "pdf: N passed, 0 failed" \
        "$2.pdf visar samma värden som JSON ($(echo "$out" | tail -n 1))"
}
check_csv() {
    out=$(python3 "$TOP/tests/e2e/csv_check.py" "$1" "$1/$2.json")
    expect_contains "$(echo "$out" | tail -n 1)" "fel: 0" \
        "CSV-filerna har samma celler som JSON ($(echo "$out" | tail -n 1))"
}
check_disclosure() {
    out=$(python3 "$TOP/tests/e2e/disclosure_audit.py" "$1")
    expect_eq "$(echo "$out" | tail -n 1)" "fel: 0" \
        "röjandeskydd: inga små antal, inget dolt värde kan räknas fram ($(echo "$out" | head -n 1))"
}

finish() {
    echo "# $PASS passed, $FAILED failed"
    [ "$FAILED" -eq 0 ]
}

# csv_col FILE GROUP COLUMN...: the named columns (comma-separated) of the
# row whose first cell is GROUP in a report CSV (an internal report's
# banner line skipped), as a CSV reader gives them.
csv_col() {
    python3 - "$@" <<'PY'
import csv, sys
f = open(sys.argv[1], encoding="utf-8")
rows = list(csv.reader(f))
if rows and len(rows[0]) == 1 and len(rows) > 1 and len(rows[1]) > 1:
    rows = rows[1:]
head = rows[0]
for row in rows[1:]:
    if row and row[0] == sys.argv[2]:
        print(",".join(row[head.index(c)] for c in sys.argv[3:]))
        break
PY
}
