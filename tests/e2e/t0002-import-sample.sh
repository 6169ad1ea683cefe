# import of sample-data: every row stored, re-import changes nothing.
. "$(dirname "$0")/lib.sh"
cd "$T"
run init
run import "$SAMPLE"/*.csv
expect_rc 0 "import av sample-data"
expect_contains "$OUT" "Importen sparades" "importen säger att den sparades"

# expected counts come from the files themselves (wc -l), not from uppfolj
for pair in persons:persons cases:cases interventions:interventions \
            assessments:assessments outcomes:outcomes goals:goal_followups meetings:meetings \
            actions:actions; do
    file=${pair%%:*}; table=${pair#*:}
    expect_eq "$(sql uppfolj.db "SELECT count(*) FROM $table")" "$(rows "$SAMPLE/$file.csv")" \
        "$table: lika många rader som i $file.csv"
done
expect_eq "$(sql uppfolj.db "SELECT count(*) FROM cases WHERE end_date IS NULL")" \
    "$(awk -F';' 'NR > 1 && $11 == ""' "$SAMPLE/cases.csv" | wc -l)" "pågående ärenden"
expect_eq "$(sql uppfolj.db "SELECT count(*) FROM persons WHERE sex = 'F'")" \
    "$(awk -F';' 'NR > 1 && ($3 == "F" || $3 == "flicka")' "$SAMPLE/persons.csv" | wc -l)" \
    "flickor (F och flicka)"

before=$(sql uppfolj.db "SELECT (SELECT count(*) FROM persons), (SELECT count(*) FROM cases),
    (SELECT count(*) FROM outcomes), (SELECT count(*) FROM meetings), (SELECT count(*) FROM goal_followups),
    (SELECT count(*) FROM interventions), (SELECT count(*) FROM assessments)")
run import "$SAMPLE"/*.csv
expect_rc 0 "andra importen"
after=$(sql uppfolj.db "SELECT (SELECT count(*) FROM persons), (SELECT count(*) FROM cases),
    (SELECT count(*) FROM outcomes), (SELECT count(*) FROM meetings), (SELECT count(*) FROM goal_followups),
    (SELECT count(*) FROM interventions), (SELECT count(*) FROM assessments)")
expect_eq "$after" "$before" "två importer ger samma antal rader"
expect_contains "$OUT" "rader: 0 nya, 0 ändrade, $(rows "$SAMPLE/outcomes.csv") oförändrade" "utfallen rapporteras som oförändrade"
expect_lacks "$OUT" " 1 nya" "inga nya rader andra gången"

expect_eq "$(sql uppfolj.db "SELECT count(*) FROM import_run WHERE outcome = 'ok'")" "2" "två loggade körningar"
expect_eq "$(sql uppfolj.db "SELECT count(*) FROM import_file WHERE run_id = 1")" "8" "åtta filer i loggen"
expect_eq "$(sql uppfolj.db "SELECT sha256 FROM import_file WHERE run_id = 1 AND kind = 'persons'")" \
    "$(sha256sum "$SAMPLE/persons.csv" | cut -d' ' -f1)" "loggen har filens SHA-256"

run check
expect_rc 0 "check"
expect_contains "$OUT" "inga fel" "check hittar inga fel"

# dry run: nothing stored, nothing logged
runs=$(sql uppfolj.db "SELECT count(*) FROM import_run")
run import --dry-run "$SAMPLE/persons.csv"
expect_rc 0 "--dry-run"
expect_contains "$OUT" "ingenting sparades" "--dry-run säger att inget sparades"
expect_eq "$(sql uppfolj.db "SELECT count(*) FROM import_run")" "$runs" "--dry-run loggar ingen körning"
# The default as-of of every report (issue 12): the latest date anywhere in
# the data, kept by each import; here against the files themselves (every
# ISO date in any column of the seven CSV files, the birth dates aside).
latest=$(for f in cases interventions assessments outcomes goals meetings; do
             sed 1d "$SAMPLE/$f.csv" | grep -o '[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]'
         done | sort | tail -n 1)
expect_eq "$(sql uppfolj.db "SELECT latest_date FROM data_state")" "$latest" \
    "senaste datum i data ($latest) sparat vid importen"
# the event tables' own latest date, kept apart (schema 3): outcome and
# meeting dates, and goal follow-up dates (column 4 of goals.csv)
events=$( (sed 1d "$SAMPLE/outcomes.csv" | cut -d';' -f2; sed 1d "$SAMPLE/meetings.csv" | cut -d';' -f2
           sed 1d "$SAMPLE/goals.csv" | cut -d';' -f4) | grep -x '[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]' |
         sort | tail -n 1)
expect_eq "$(sql uppfolj.db "SELECT event_latest FROM data_state")" "$events" \
    "senaste datum i utfall, möten och måluppföljningar ($events) sparat vid importen"
printf 'person;date;measure;value\n%s;2026-11-20;vald;1\n' \
    "$(sed -n 2p "$SAMPLE/persons.csv" | cut -d';' -f1)" > later.csv
run import later.csv
expect_rc 0 "import av ett senare utfall"
expect_eq "$(sql uppfolj.db "SELECT latest_date || ' ' || event_latest FROM data_state")" \
    "2026-11-20 2026-11-20" "nästa import flyttar fram senaste datum"
finish
