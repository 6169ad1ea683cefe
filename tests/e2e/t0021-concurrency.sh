# A database shared by several runs, and databases that are not what they
# should be (issue 13, items 1 and 2):
# - a report reads one snapshot: an import that commits while the report
#   is between its reads waits for it, and the report shows the data as
#   they were (its provenance and as-of included);
# - a database held by another run is waited for ([databas] vanta), then
#   exit 1 with a Swedish message, for import and report alike, and the
#   import stores nothing and counts nothing as new;
# - damaged, empty, foreign and newer databases each get their own Swedish
#   message, and an empty file is never initialised.
. "$(dirname "$0")/lib.sh"
cd "$T"
: "${UPPFOLJ_TRUTH:?set UPPFOLJ_TRUTH to the test build (make build/tests/uppfolj-truth)}"

run --db uppfolj.db --quiet init
run --db uppfolj.db --quiet import "$SAMPLE"/*.csv
expect_rc 0 "import av exempeldata"
cp uppfolj.db old.db
cp uppfolj.db.key old.db.key
printf 'person;date;measure;value\n%s;2026-11-20;vald;1\n' \
    "$(sed -n 2p "$SAMPLE/persons.csv" | cut -d';' -f1)" > later.csv

# ---- 1. a report and an import at the same time
# the test build pauses 3 s after the population (inside the report's
# read transaction); the import starts 1 s into the pause and must wait
UPPFOLJ_TEST_PAUSE=3 "$UPPFOLJ_TRUTH" --db uppfolj.db --quiet report utfall --by sex \
    --program SIG --format json -o during >report.out 2>&1 &
rpid=$!
sleep 1
run --db uppfolj.db --quiet import later.csv
irc=$RC
wait $rpid
expect_eq "$?" "0" "rapporten under importen lyckas"
expect_eq "$irc" "0" "importen väntar tills rapporten har läst klart och sparas sedan"
expect_eq "$(sql uppfolj.db "SELECT count(*) FROM import_run WHERE outcome = 'ok'")" "2" \
    "båda importkörningarna finns"
"$UPPFOLJ" --db old.db --quiet report utfall --by sex --program SIG --format json -o before \
    >/dev/null 2>&1
expect_eq "$(python3 -c 'import json,sys; print(json.load(open("during/utfall.json"))["as_of"])')" \
    "2026-10-31" "rapporten har uttagsdatum från data före importen"
expect_lacks "$(cat during/utfall.json)" "importkörning 2" \
    "rapportens proveniens nämner inte importen som kom under tiden"
if cmp -s during/utfall.json before/utfall.json; then
    ok "rapporten är densamma som på databasen före importen"
else
    fail "rapporten under importen skiljer sig från rapporten före importen"
fi

# ---- 2. a database held by another run
printf '[databas]\nvanta = 1\n' > uppfolj.conf
cp old.db busy.db
cp old.db.key busy.db.key
cp uppfolj.conf busy.conf
python3 -c '
import sqlite3, sys, time
c = sqlite3.connect("busy.db", isolation_level=None)
c.execute("BEGIN EXCLUSIVE")
open("locked", "w").close()
time.sleep(6)
' &
lpid=$!
for i in 1 2 3 4 5 6 7 8 9 10; do [ -e locked ] && break; sleep 0.2; done
start=$(date +%s)
run --db busy.db --config busy.conf import later.csv
took=$(( $(date +%s) - start ))
expect_rc 1 "import mot en låst databas"
expect_contains "$ERR" "används av en annan körning av uppfolj" "importen säger att databasen används"
expect_lacks "$ERR$OUT" "database is locked" "inget engelskt SQLite-meddelande"
expect_lacks "$OUT" "nya" "importen räknar inga rader som nya när inget sparades"
[ "$took" -le 4 ] && ok "importen väntade omkring vanta = 1 s ($took s)" ||
    fail "importen väntade $took s, inte omkring 1 s"
run --db busy.db --config busy.conf report utfall --by sex --program SIG -o busy
expect_rc 1 "rapport mot en låst databas"
expect_contains "$ERR" "används av en annan körning av uppfolj" "rapporten säger att databasen används"
wait $lpid
expect_eq "$(sql busy.db "SELECT count(*) FROM import_run")" "1" "ingen importkörning sparades"
printf '[databas]\nvanta = en stund\n' > bad.conf
run --db busy.db --config bad.conf report utfall --by sex --program SIG -o busy
expect_rc 2 "ogiltigt värde för vanta"
expect_contains "$ERR" "vanta" "felet nämner vanta"

# ---- 3. databases that are not what they should be
: > empty.db
run --db empty.db report utfall --by sex --program SIG -o x
expect_rc 2 "tom fil som databas"
expect_contains "$ERR" "ingen uppfolj-databas" "tom fil: ingen uppfolj-databas"
expect_contains "$ERR" "uppfolj init" "tom fil: säger hur man skapar en databas"
expect_eq "$(wc -c < empty.db | tr -d ' ')" "0" "den tomma filen lämnas tom (ingen ny databas)"
cp "$SAMPLE/persons.csv" text.db
run --db text.db report utfall --by sex --program SIG -o x
expect_rc 2 "textfil som databas"
expect_contains "$ERR" "ingen uppfolj-databas" "textfil: ingen uppfolj-databas"
sqlite3 other.db "CREATE TABLE kunder (namn TEXT)"
run --db other.db report utfall --by sex --program SIG -o x
expect_rc 2 "annan SQLite-databas"
expect_contains "$ERR" "ingen uppfolj-databas" "annan databas: ingen uppfolj-databas"
cp old.db newer.db
sqlite3 newer.db "PRAGMA user_version = 99"
run --db newer.db report utfall --by sex --program SIG -o x
expect_rc 2 "databas från en nyare version"
expect_contains "$ERR" "nyare version av uppfolj" "nyare databas: säger det"
cp old.db broken.db
# overwrite the first 16 pages of the outcomes table (dbstat says where)
page=$(sql broken.db "SELECT min(pageno) FROM dbstat WHERE name = 'outcomes' AND pagetype = 'leaf'")
python3 -c "
f = open('broken.db', 'r+b'); f.seek(($page - 1) * 4096); f.write(b'\xa5' * 65536); f.close()"
run --db broken.db report utfall --by sex --program SIG -o x
expect_rc 1 "skadad databas"
expect_contains "$ERR" "skadad" "skadad databas: säger det"
expect_contains "$ERR" "säkerhetskopia" "skadad databas: säger vad man gör"
head -c 65536 old.db > cut.db
run --db cut.db report utfall --by sex --program SIG -o x
expect_rc 1 "avkortad databas"
expect_contains "$ERR" "skadad" "avkortad databas: säger att den är skadad"
expect_lacks "$ERR" "malformed" "avkortad databas: inget engelskt SQLite-meddelande"
run --db missing.db report utfall --by sex --program SIG -o x
expect_rc 2 "databas som saknas"
expect_contains "$ERR" "uppfolj init" "saknad databas: säger hur man skapar den"
[ ! -e missing.db ] && ok "ingen databas skapades" || fail "missing.db skapades"
finish
