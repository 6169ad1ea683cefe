# A run with errors stores nothing, lists every error with file, line and
# column, exits 2, and is logged as failed.
. "$(dirname "$0")/lib.sh"
cd "$T"
run init
run import "$SAMPLE"/persons.csv "$SAMPLE"/cases.csv
expect_rc 0 "grundimport"
snap() { sqlite3 uppfolj.db "SELECT * FROM persons; SELECT * FROM cases; SELECT * FROM outcomes;" | sha256sum; }
before=$(snap)

mkdir bad
cp "$SAMPLE"/*.csv bad/
# line 5 of cases.csv gets an impossible end date (column 11 = end_date),
# line 7 an unknown target group (column 5)
awk -F';' -v OFS=';' 'NR == 5 { $11 = "2024-02-30"; $12 = "avhopp" } NR == 7 { $5 = "okand" } { print }' \
    "$SAMPLE/cases.csv" > bad/cases.csv
run import bad/*.csv
expect_rc 2 "fel i en fil ger status 2"
expect_contains "$ERR" "cases.csv:5: end_date: slutdatum 2024-02-30 är inget giltigt datum" "felet anger fil, rad och kolumn"
expect_contains "$ERR" "cases.csv:7: target_group: okänt värde 'okand'" "alla fel listas, inte bara det första"
expect_contains "$ERR" "ingenting importerades" "säger att inget importerades"
expect_eq "$(snap)" "$before" "databasen är oförändrad"
expect_eq "$(sql uppfolj.db "SELECT outcome FROM import_run ORDER BY id DESC LIMIT 1")" "fel" "körningen loggas som misslyckad"
expect_eq "$(sql uppfolj.db "SELECT count(*) FROM outcomes")" "0" "inga utfall från den misslyckade körningen"

# Swedish headers: the message uses the column name as the file has it
printf 'arende;person;aktualiseringsdatum;samtyckesdatum\nX1;EXT-9;2024-03-01;2024-02-01\n' > sv.csv
printf 'person;kon\nEXT-9;pojke\n' > p.csv
run import p.csv sv.csv
expect_rc 2 "datum i fel ordning"
expect_contains "$ERR" "sv.csv:2: samtyckesdatum: samtyckesdatum 2024-02-01 ligger före aktualiseringsdatum 2024-03-01" "datumordning med svensk kolumn"

# a bad personnummer: the message never shows the number
printf 'person;kon\n20090315-9801;M\n' > pnr.csv
run import pnr.csv
expect_rc 2 "fel kontrollsiffra"
expect_contains "$ERR" "pnr.csv:2: person: personnumret har fel kontrollsiffra" "felet beskrivs"
expect_lacks "$ERR$OUT" "0315" "numret syns inte i utskriften"

# a case whose person is missing
printf 'case_id;person\nZ9;EXT-404\n' > orphan.csv
run import orphan.csv
expect_rc 2 "ärende utan person"
expect_contains "$ERR" "orphan.csv:2: person: personen finns inte" "referensfel"

# an unknown column is a warning only
printf 'person;kon;favoritfarg\nEXT-77;flicka;blå\n' > warn.csv
run import warn.csv
expect_rc 0 "okänd kolumn stoppar inte"
expect_contains "$ERR" "favoritfarg: okänd kolumn" "okänd kolumn varnas"
expect_eq "$(sql uppfolj.db "SELECT sex FROM persons WHERE pseudonym = 'EXT-77'")" "F" "flicka blir F"

# unreadable header and missing files
printf 'foo;bar\n1;2\n' > what.csv
run import what.csv
expect_rc 2 "okänd filsort"
expect_contains "$ERR" "ange --kind" "ber om --kind"
run import finnsinte.csv
expect_rc 2 "fil som saknas"
expect_contains "$ERR" "finnsinte.csv: filen kunde inte läsas" "saknad fil nämns"
run import --kind nonsens p.csv
expect_rc 2 "okänd --kind"
finish
