# A report defined only by an INI file and a query, in the folder
# rapporter/ beside the database, runs through `uppfolj report` with no
# C change (issue 9): it is listed in --help, takes the options of a
# definition report and no others, sees only its population, and a bad
# definition or a query that writes is refused.
. "$(dirname "$0")/lib.sh"
cd "$T"
run init
run import "$SAMPLE"/*.csv
expect_rc 0 "import"
q() { sqlite3 uppfolj.db "$1"; }
mkdir rapporter
cat > rapporter/malgrupp_test.ini <<'INI'
[rapport]
titel = Testrapport: startade per målgrupp
beskrivning = startade ärenden per enhet och målgrupp (test)
metod = Startade = ärenden med startdatum under perioden.

[tabell startade]
avsnitt = Start
titel = Startade ärenden
fråga = test_startade
form = enheter
kolumn = startade | Startade | antal
kolumn = avhopp | Varav målgrupp avhopp | antal
kolumn = dagar | Median dagar aktualisering–start | median
INI
cat > rapporter/test_startade.sql <<'SQL'
-- One row per case started in [?1, ?2): its unit, 1, whether its target
-- group is avhopp, and the days from referral to start.
SELECT coalesce(c.unit, p.unit) AS unit, 1 AS startade,
       c.target_group = 'avhopp' AS avhopp,
       julianday(c.start_date) - julianday(c.referral_date) AS dagar
FROM cases c JOIN persons p ON p.id = c.person_id
WHERE c.start_date >= ?1 AND c.start_date < ?2
SQL
run report --help
expect_contains "$OUT" "malgrupp_test" "report --help listar den egna rapporten"
run report malgrupp_test --period 2025 --program SIG --format csv,json,pdf,xlsx -o r
expect_rc 0 "report malgrupp_test --period 2025 --program SIG"
n=$(q "SELECT count(*) FROM cases WHERE programme = 'SIG' AND start_date BETWEEN '2025-01-01' AND '2025-12-31'")
a=$(q "SELECT count(*) FROM cases WHERE programme = 'SIG' AND target_group = 'avhopp'
       AND start_date BETWEEN '2025-01-01' AND '2025-12-31'")
expect_eq "$(grep '^"Totalt"' r/malgrupp_test_startade.csv | cut -d, -f2)" "$n" "startade 2025, bara SIG ($n)"
expect_eq "$(grep '^"Totalt"' r/malgrupp_test_startade.csv | cut -d, -f3)" "$a" "varav avhopp ($a)"
med=$(q "SELECT julianday(start_date) - julianday(referral_date) FROM cases WHERE programme = 'SIG'
         AND start_date BETWEEN '2025-01-01' AND '2025-12-31' ORDER BY 1" |
      awk '{ v[NR] = $1 } END { h = (NR + 1) / 2; lo = int(h); hi = (lo < NR) ? lo + 1 : lo; printf "%g", v[lo] + (h - lo) * (v[hi] - v[lo]) }')
expect_eq "$(grep '^"Totalt"' r/malgrupp_test_startade.csv | cut -d, -f4)" "$med" "median dagar ($med)"
expect_eq "$(python3 -c "import json; print(json.load(open('r/malgrupp_test.json'))['title'])")" \
    "Testrapport: startade per målgrupp" "titeln kommer från definitionen"
check_xlsx r malgrupp_test
check_pdf r malgrupp_test
check_disclosure r/malgrupp_test.json
run report malgrupp_test --program SIG -o r
expect_rc 2 "utan --period"
expect_contains "$ERR" "malgrupp_test behöver en period" "felet säger att perioden saknas"
run report malgrupp_test --period 2025 --program SIG --by sex -o r
expect_rc 2 "--by till en definitionsrapport"
run report malgrupp_test --period 2025 -o r
expect_rc 2 "utan --program i en databas med två program"

# a query that writes is refused, and nothing is changed
cat > rapporter/test_startade.sql <<'SQL'
DELETE FROM outcomes
SQL
before=$(q "SELECT count(*) FROM outcomes")
run report malgrupp_test --period 2025 --program SIG -o w
expect_rc 2 "en fråga som skriver"
expect_contains "$ERR" "får bara läsa" "felet säger att frågan bara får läsa"
expect_eq "$(q "SELECT count(*) FROM outcomes")" "$before" "inget raderades"

# a query that does not exist is named
printf '[rapport]\ntitel = Saknas\n[tabell t]\ntitel = T\nfråga = finns_inte\nkolumn = a | A | antal\n' \
    > rapporter/saknas.ini
run report saknas --period 2025 --program SIG -o w
expect_rc 2 "en definition vars fråga inte finns"
expect_contains "$ERR" "frågan finns_inte finns inte" "felet namnger frågan"
rm rapporter/saknas.ini

# a definition with an unknown key is refused whole, naming the key
printf '[rapport]\ntitel = Fel\n[tabell t]\ntitel = T\nfråga = verk_flode\nkolumm = a | A | antal\n' \
    > rapporter/fel.ini
run report verksamhet --period 2025 --program SIG -o w
expect_rc 2 "en felaktig definition i mappen"
expect_contains "$ERR" "[tabell t] kolumm: okänd nyckel" "felet namnger nyckeln"
rm rapporter/fel.ini
printf '[rapport]\ntitel = Dubblett\n[tabell t]\ntitel = T\nfråga = verk_flode\nkolumn = a | A | antal\n' \
    > rapporter/verksamhet.ini
run report verksamhet --period 2025 --program SIG -o w
expect_rc 2 "en definition med ett namn som redan finns"
expect_contains "$ERR" "rapporten verksamhet finns redan" "felet säger att namnet är taget"
finish
