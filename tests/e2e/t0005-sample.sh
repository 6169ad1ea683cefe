# sample: deterministic, and sample-data/ is exactly its output.
. "$(dirname "$0")/lib.sh"
cd "$T"
run sample --youths 300 --seed 1 --end 2026-10-31 -o a
expect_rc 0 "sample"
run sample --youths 300 --seed 1 --end 2026-10-31 -o b
for f in persons cases interventions assessments outcomes goals meetings actions; do
    cmp -s "a/$f.csv" "b/$f.csv" && ok "$f.csv byte för byte lika" || fail "$f.csv skiljer sig"
    cmp -s "a/$f.csv" "$SAMPLE/$f.csv" && ok "sample-data/$f.csv är generatorns utdata" \
        || fail "sample-data/$f.csv är inte generatorns utdata"
done
run sample --youths 300 --seed 2 --end 2026-10-31 -o c
cmp -s a/outcomes.csv c/outcomes.csv && fail "annat frö gav samma data" || ok "annat frö ger andra data"
expect_eq "$(rows a/persons.csv)" "300" "300 personer"
last=$(cat a/*.csv | grep -o '20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]' | sort | tail -n 1)
[ "$last" \< "2026-10-31" ] || [ "$last" = "2026-10-31" ] && ok "inget datum efter slutdatum ($last)" || fail "datum efter slutdatum: $last"
run sample --youths 0 -o d
expect_rc 2 "--youths 0 vägras"
run sample --end 2026-02-30 -o d
expect_rc 2 "ogiltigt slutdatum vägras"
expect_contains "$ERR" "inget giltigt datum" "felet förklaras"
finish
