# report verksamhet: periods, values against an independent SQL count on
# the imported rows, disclosure control.
. "$(dirname "$0")/lib.sh"
cd "$T"
run init
run import "$SAMPLE"/*.csv
expect_rc 0 "import"
run report verksamhet --program SIG --period 2025 --format csv,json -o v
expect_rc 0 "report verksamhet --period 2025"
for t in flode avslut kapacitet kon alder malgrupp aktualiserad insatser processtider moten plan kvalitet; do
    [ -f v/verksamhet_$t.csv ] && ok "tabell $t finns" || fail "tabell $t saknas"
done
expect_eq "$(head -n 1 v/verksamhet_flode.csv)" \
    "unit,aktualiserade,samtycken,startade,pagaende,avslutade,aktiva,suppressed" "flödestabellens kolumner"

# independent counts for 2025 (SIG cases), written from SPEC §9.1 with the sqlite3 CLI
q() { sqlite3 uppfolj.db "$1"; }
tot=$(grep '^"Totalt"' v/verksamhet_flode.csv)
expect_eq "$(echo "$tot" | cut -d, -f2)" \
    "$(q "SELECT count(*) FROM cases WHERE programme = 'SIG' AND referral_date BETWEEN '2025-01-01' AND '2025-12-31'")" \
    "aktualiserade 2025"
expect_eq "$(echo "$tot" | cut -d, -f4)" \
    "$(q "SELECT count(*) FROM cases WHERE programme = 'SIG' AND start_date BETWEEN '2025-01-01' AND '2025-12-31'")" \
    "startade 2025"
expect_eq "$(echo "$tot" | cut -d, -f5)" \
    "$(q "SELECT count(*) FROM cases WHERE programme = 'SIG' AND start_date <= '2025-12-31' AND (end_date IS NULL OR end_date > '2025-12-31')")" \
    "pågående vid årets slut"
expect_eq "$(echo "$tot" | cut -d, -f6)" \
    "$(q "SELECT count(*) FROM cases WHERE programme = 'SIG' AND start_date IS NOT NULL AND end_date BETWEEN '2025-01-01' AND '2025-12-31'")" \
    "avslutade 2025"
n=$(q "SELECT count(*) FROM cases WHERE programme = 'SIG' AND unit = 'Norrstaden' AND start_date <= '2025-12-31' AND (end_date IS NULL OR end_date >= '2025-01-01')")
expect_eq "$(grep '^"Norrstaden"' v/verksamhet_plan.csv | cut -d, -f2)" "$n" "aktiva ärenden i Norrstaden ($n)"
# median days consent -> start for cases started in 2025 (type 7 median by hand in awk)
med=$(q "SELECT julianday(start_date) - julianday(consent_date) FROM cases WHERE programme = 'SIG' AND start_date BETWEEN '2025-01-01' AND '2025-12-31' ORDER BY 1" |
      awk '{ v[NR] = $1 } END { h = (NR + 1) / 2; lo = int(h); hi = (lo < NR) ? lo + 1 : lo; m = v[lo] + (h - lo) * (v[hi] - v[lo]); printf "%g", m }')
expect_eq "$(grep '^"Totalt"' v/verksamhet_processtider.csv | cut -d, -f4)" "$med" "median samtycke→start ($med dagar)"

# share of the active cases with a 2025 meeting where the police took part
pol=$(q "SELECT printf('%.6f', 100.0 * avg(EXISTS (SELECT 1 FROM meetings m WHERE m.case_id = c.id
          AND m.date BETWEEN '2025-01-01' AND '2025-12-31' AND m.participants LIKE '%polis%')))
        FROM cases c WHERE c.programme = 'SIG' AND c.start_date <= '2025-12-31' AND (c.end_date IS NULL OR c.end_date >= '2025-01-01')")
expect_eq "$(printf '%.6f' "$(grep '^"Totalt"' v/verksamhet_moten.csv | cut -d, -f4)")" "$pol" \
    "andel ärenden där polisen deltog ($pol %)"

check_disclosure v/verksamhet.json

for p in 2025-Q3 2025-T2 2025-05; do
    run report verksamhet --program SIG --period $p --format csv -o "p$p"
    expect_rc 0 "period $p"
done
run report verksamhet --program SIG --period 2025-Q5 -o x
expect_rc 2 "period 2025-Q5 vägras"
run report verksamhet --program SIG -o x
expect_rc 2 "verksamhet utan period vägras"
run report verksamhet --program SIG --period 2025 --unit Söderdal --format csv -o s
expect_rc 0 "--unit Söderdal"
expect_eq "$(cut -d, -f1 s/verksamhet_flode.csv | tr '\n' ' ')" 'unit "Söderdal" "Totalt" ' "bara Söderdal och totalen"

# pooled and rolling periods (issue 15): 2024..2025 counts the cases of
# both years; 12m the twelve months up to the cut-off (2026-10-31 here:
# the latest date of sample-data)
run report verksamhet --program SIG --period 2024..2025 --format csv,json -o pool
expect_rc 0 "--period 2024..2025"
expect_eq "$(grep '^"Totalt"' pool/verksamhet_flode.csv | cut -d, -f4)" \
    "$(q "SELECT count(*) FROM cases WHERE programme = 'SIG' AND start_date BETWEEN '2024-01-01' AND '2025-12-31'")" \
    "startade 2024–2025"
expect_contains "$(cat pool/verksamhet.json)" '"2024–2025: 2024-01-01 – 2025-12-31"' "perioden heter 2024–2025"
run report verksamhet --program SIG --period 12m --format csv,json -o roll
expect_rc 0 "--period 12m"
expect_eq "$(grep '^"Totalt"' roll/verksamhet_flode.csv | cut -d, -f4)" \
    "$(q "SELECT count(*) FROM cases WHERE programme = 'SIG' AND start_date BETWEEN '2025-11-01' AND '2026-10-31'")" \
    "startade under de 12 månaderna till och med 2026-10-31"
run report verksamhet --program SIG --period 2025-Q3..2025-Q1 -o x
expect_rc 2 "en sammanslagen period baklänges vägras"

# capacity use with the example configuration: ongoing / capacity
cp "$TOP/docs/uppfolj.conf.example" uppfolj.conf
run report verksamhet --program SIG --period 2025 --format csv -o k
ong=$(q "SELECT count(*) FROM cases WHERE programme = 'SIG' AND unit = 'Norrstaden' AND start_date <= '2025-12-31' AND (end_date IS NULL OR end_date > '2025-12-31')")
expect_eq "$(grep '^"Norrstaden"' k/verksamhet_kapacitet.csv | cut -d, -f3)" "70" "kapacitet från uppfolj.conf"
expect_eq "$(printf '%.6f' "$(grep '^"Norrstaden"' k/verksamhet_kapacitet.csv | cut -d, -f4)")" \
    "$(awk -v o="$ong" 'BEGIN { printf "%.6f", 100 * o / 70 }')" "kapacitetsutnyttjande = pågående / kapacitet"
finish
