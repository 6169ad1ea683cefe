# init: creates database and key file, mode 0600, never overwrites.
. "$(dirname "$0")/lib.sh"
cd "$T"

run import "$SAMPLE/persons.csv"
expect_rc 2 "import utan databas"
expect_contains "$ERR" "kör uppfolj init först" "import utan databas säger vad man ska göra"

run init
expect_rc 0 "init"
expect_eq "$(stat -c %a uppfolj.db)" "600" "databasen har läge 0600"
expect_eq "$(stat -c %a uppfolj.db.key)" "600" "nyckelfilen har läge 0600"
expect_eq "$(sql uppfolj.db 'PRAGMA user_version')" "6" "schemaversion 6"

key_before=$(sha256sum uppfolj.db.key)
db_before=$(sha256sum uppfolj.db)
run init
expect_rc 2 "andra init vägras"
expect_contains "$ERR" "finns redan" "andra init säger att filen finns"
expect_eq "$(sha256sum uppfolj.db.key)" "$key_before" "nyckeln är orörd"
expect_eq "$(sha256sum uppfolj.db)" "$db_before" "databasen är orörd"

rm uppfolj.db
run init
expect_rc 2 "init vägrar när bara nyckeln finns kvar"
expect_eq "$(sha256sum uppfolj.db.key)" "$key_before" "nyckeln är fortfarande orörd"
[ ! -e uppfolj.db ] && ok "ingen halv databas skapades" || fail "en databas skapades utan nyckel"

run --db annan.db init
expect_rc 0 "init med --db"
[ -f annan.db ] && [ -f annan.db.key ] && ok "--db styr båda filernas namn" || fail "--db"
finish
