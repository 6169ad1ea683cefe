# No personnummer in the database, the logs or any output (SPEC §4).
. "$(dirname "$0")/lib.sh"
cd "$T"
run init
run import "$SAMPLE"/*.csv
expect_rc 0 "import"
printf '%s\n%s\n' "$OUT" "$ERR" > import.log
run check
printf '%s\n%s\n' "$OUT" "$ERR" >> import.log
sqlite3 uppfolj.db .dump > dump.sql

# Every personnummer of the sample, in the forms it could leak in:
# as written, its 10 digits and its 12 digits (derived independently here).
awk -F';' 'NR > 1 && $1 ~ /^[0-9]/ { print $1 }' "$SAMPLE/persons.csv" > pnr.txt
n=$(wc -l < pnr.txt)
[ "$n" -gt 200 ] && ok "sample-data har $n personnummer att leta efter" || fail "för få personnummer ($n)"
: > needles.txt
while read -r p; do
    d=$(printf '%s' "$p" | tr -d -- '-+')
    echo "$p" >> needles.txt
    case ${#d} in
        12) echo "$d" >> needles.txt; echo "${d#??}" >> needles.txt ;;
        10) echo "$d" >> needles.txt ;;
    esac
done < pnr.txt
hits=$(grep -F -c -f needles.txt dump.sql)
expect_eq "$hits" "0" "inget personnummer i databasens .dump"
hits=$(grep -F -c -f needles.txt uppfolj.db)
expect_eq "$hits" "0" "inget personnummer i databasfilens bytes"
hits=$(grep -F -c -f needles.txt import.log)
expect_eq "$hits" "0" "inget personnummer i utskrifterna"
# nor anything shaped like one (YYYYMMDD-NNNN, YYMMDD-NNNN)
hits=$(grep -E -c '(^|[^0-9a-f])(19|20)?[0-9]{6}[-+][0-9]{4}([^0-9]|$)' dump.sql)
expect_eq "$hits" "0" "inget i databasen har personnummerform"

# same person, same pseudonym: a 10-digit form of a 12-digit number
p12=$(grep -m1 -E '^[0-9]{8}-[0-9]{4}$' pnr.txt)
p10=$(printf '%s' "$p12" | cut -c3-)
printf 'person;kon\n%s;M\n' "$p10" > ten.csv
run import ten.csv
expect_rc 0 "10-siffrig form importeras"
expect_contains "$OUT" "rader: 0 nya, " "10-siffrig form känns igen som samma person"

# errors name the line, never the number
bad=$(printf '%s' "$p12" | sed 's/.$/X/; s/X$/0/')
[ "$bad" = "$p12" ] && bad=$(printf '%s' "$p12" | sed 's/.$/1/')
printf 'person;kon\n%s;M\n' "$bad" > bad.csv
run import bad.csv
expect_rc 2 "felaktigt personnummer"
hits=$(printf '%s\n%s\n' "$OUT" "$ERR" | grep -F -c "$(printf '%s' "$bad" | cut -c3-8)")
expect_eq "$hits" "0" "felmeddelandet visar inte numret"
finish
