# No personnummer in any column but person (SPEC §3, §4): a test number in
# case_id, unit, assessment_id or an item:<name> column stops the run with
# exit 2 and a message that names file, line and column; nothing of the run
# is stored, and neither the messages, the database file nor the import log
# hold the number.  The same files without it import cleanly.
. "$(dirname "$0")/lib.sh"
cd "$T"
run init
expect_rc 0 "init"

# luhn YYMMDDNNN: the check digit (weights 2,1,2,...; a product over 9
# counts as its digit sum), computed here, not by uppfolj.
luhn() { printf '%s\n' "$1" | awk '{ s = 0; for (i = 1; i <= 9; i++) { v = substr($0, i, 1) * (i % 2 ? 2 : 1); s += v > 9 ? v - 9 : v } print (10 - s % 10) % 10 }'; }
# Skatteverket's test series (birth numbers 980-999): born 1990-01-01.
c=$(luhn 900101980)
expect_eq "$c" "2" "kontrollsiffran för 900101-980 räknas ut till 2"
P12="19900101980$c"        # YYYYMMDDNNNN
P10="900101-980$c"         # YYMMDD-NNNN
PD="19900101-980$c"        # YYYYMMDD-NNNN
P10N="900101980$c"         # YYMMDDNNNN
# the person of the cases: 20090315-980?, 090315980 -> 4
expect_eq "$(luhn 090315980)" "4" "kontrollsiffran för 090315-980 räknas ut till 4"
PERSON=20090315-9804

# has_number FILE...: how many of the files hold a form of the number
# (grep -a: the database is read as raw bytes).
has_number() { grep -a -l -F -e "$P12" -e "$P10" -e "$PD" -e "$P10N" "$@" 2>/dev/null | wc -l; }
# stored: rows in every data table, and the failed runs of the log
stored() { sql uppfolj.db "SELECT (SELECT count(*) FROM persons) + (SELECT count(*) FROM cases) + (SELECT count(*) FROM assessments) + (SELECT count(*) FROM assessment_items)"; }

printf 'person;kon;enhet\n%s;M;Norrstaden\n' "$PERSON" > personer.csv
good_cases() { printf 'case_id;person;unit\nA-000001;%s;Norrstaden\n%s;%s;%s\n' "$PERSON" "$1" "$PERSON" "$2"; }
good_assess() { printf 'assessment_id;case_id;instrument;date;total_score;item:x\nB-1;A-000001;ester;2024-01-10;20;3\n%s;A-000001;ester;2024-02-10;18;%s\n' "$1" "$2"; }

# check_run NAME FILE LINE COLUMN: the run just made failed on the number
check_run() {
    expect_rc 2 "$1: importen stoppas"
    expect_contains "$ERR" "$2:$3: $4: värdet ser ut som ett personnummer; personnummer får bara stå i kolumnen person" \
        "$1: felet anger fil, rad och kolumn"
    expect_contains "$ERR" "ingenting importerades" "$1: inget importerades"
    expect_eq "$(printf '%s\n%s\n' "$OUT" "$ERR" > out.txt; has_number out.txt)" "0" "$1: numret syns inte i utskriften"
    expect_eq "$(stored)" "0" "$1: databasen har inga rader från körningen"
    expect_eq "$(sql uppfolj.db "SELECT outcome FROM import_run ORDER BY id DESC LIMIT 1")" "fel" \
        "$1: körningen loggas som misslyckad"
    sql uppfolj.db "SELECT * FROM import_run; SELECT * FROM import_file" > log.txt
    expect_eq "$(has_number log.txt)" "0" "$1: numret finns inte i importloggen"
    expect_eq "$(has_number uppfolj.db*)" "0" "$1: numret finns inte i databasfilen"
}

good_cases "$PD" Söderdal > arenden.csv
run import personer.csv arenden.csv
check_run "case_id (ÅÅÅÅMMDD-NNNN)" arenden.csv 3 case_id

good_cases A-000002 "$P10" > arenden.csv
run import personer.csv arenden.csv
check_run "unit (ÅÅMMDD-NNNN)" arenden.csv 3 unit

good_cases A-000002 Söderdal > arenden.csv
good_assess "$P10N" 2 > bedomningar.csv
run import personer.csv arenden.csv bedomningar.csv
check_run "assessment_id (ÅÅMMDDNNNN)" bedomningar.csv 3 assessment_id

good_assess B-2 "$P12" > bedomningar.csv
run import personer.csv arenden.csv bedomningar.csv
check_run "item:x (ÅÅÅÅMMDDNNNN, ett tal)" bedomningar.csv 3 item:x

# the same files without the number
good_assess B-2 2 > bedomningar.csv
run import personer.csv arenden.csv bedomningar.csv
expect_rc 0 "samma filer utan numret importeras"
expect_eq "$(sql uppfolj.db "SELECT count(*) FROM cases")" "2" "två ärenden"
expect_eq "$(sql uppfolj.db "SELECT count(*) FROM assessments")" "2" "två bedömningar"
expect_eq "$(sql uppfolj.db "SELECT count(*) FROM assessment_items")" "2" "två item-poäng"
expect_eq "$(sql uppfolj.db "SELECT count(*) FROM import_run WHERE outcome = 'fel'")" "4" "fyra misslyckade körningar loggade"
expect_eq "$(has_number uppfolj.db*)" "0" "numret finns inte i databasfilen efter allt"
finish
