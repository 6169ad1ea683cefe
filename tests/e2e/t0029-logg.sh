# A log of what left the database (issue 15, item 7): every report and
# export that wrote files is logged with its command, parameters as given,
# population, audience and each file's SHA-256 (checked here with
# sha256sum); `uppfolj logg` lists imports and outputs, newest first.
. "$(dirname "$0")/lib.sh"
cd "$T"
run --quiet init
run --quiet import "$SAMPLE"/*.csv
run --quiet report utfall --by sex --program SIG --format pdf,csv -o rapp
expect_rc 0 "rapport"
run --quiet export --cohort 'SIG:programme=SIG' -o analys
expect_rc 0 "export"
expect_eq "$(sql uppfolj.db "SELECT command || ' | ' || parameters || ' | ' || audience FROM output_run WHERE id = 1")" \
    "report utfall | report utfall --by sex --program SIG --format pdf,csv -o rapp | extern" \
    "rapporten loggas med parametrarna som de angavs"
expect_eq "$(sql uppfolj.db "SELECT count(*) FROM output_file WHERE run_id = 1")" \
    "$(ls rapp | wc -l | tr -d ' ')" "varje fil rapporten skrev loggas"
bad=0
for f in rapp/* analys/*; do
    want=$(sha256sum "$f" | cut -d' ' -f1)
    got=$(sql uppfolj.db "SELECT sha256 FROM output_file WHERE path = '$f'")
    [ "$want" = "$got" ] || { bad=$((bad + 1)); echo "# $f: $got, sha256sum $want"; }
done
expect_eq "$bad" "0" "filernas SHA-256 i loggen är sha256sum:s"
expect_contains "$(sql uppfolj.db "SELECT population FROM output_run WHERE command = 'export'")" \
    "SIG" "exportens population loggas"
run logg
expect_rc 0 "uppfolj logg"
expect_eq "$(echo "$OUT" | sed -n 2p | awk '{print $2}')" "export" "det senaste först: exporten"
expect_eq "$(echo "$OUT" | sed -n 3p | awk '{print $2, $3}')" "report utfall" "sedan rapporten"
expect_eq "$(echo "$OUT" | sed -n 4p | awk '{print $2}')" "import" "sist importen"
run logg --antal 1
expect_eq "$(echo "$OUT" | wc -l | tr -d ' ')" "2" "--antal 1 ger en rad"
: >blocker # a file where the folder would be: the report cannot be written
run --quiet report utfall --by sex --program SIG --format pdf -o blocker/x
expect_rc 1 "en rapport som inte kan skrivas"
expect_eq "$(sql uppfolj.db "SELECT count(*) FROM output_run")" "2" "en rapport som inte skrevs loggas inte"
finish
