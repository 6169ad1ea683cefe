# The key belongs to its database (issue 13, item 4): init stores the key's
# fingerprint (never the key), an import with another database's key is
# refused and stores nothing, and a key file that others may read is
# refused with the chmod that mends it.
. "$(dirname "$0")/lib.sh"
cd "$T"
run --db a.db --quiet init
expect_rc 0 "init a.db"
fp=$(sql a.db "SELECT fingerprint FROM key_check")
case "$fp" in kf????????????????????????????????) ok "fingeravtrycket sparas ($fp)" ;;
              *) fail "fingeravtryck: '$fp'" ;; esac
key=$(cut -d' ' -f2 a.db.key)
[ -n "$key" ] && expect_lacks "$(sqlite3 a.db .dump)" "$key" "nyckeln själv finns inte i databasen"
run --db a.db --quiet import "$SAMPLE/persons.csv"
expect_rc 0 "import med databasens egen nyckel"
persons=$(sql a.db "SELECT count(*) FROM persons")

run --db b.db --quiet init
cp a.db.key a.db.key.own
cp b.db.key a.db.key
run --db a.db import "$SAMPLE/persons.csv"
expect_rc 2 "import med en annan databas nyckel"
expect_contains "$ERR" "hör inte till databasen" "felet säger att nyckeln inte hör till databasen"
expect_lacks "$OUT" "nya" "inga rader räknas som nya"
expect_eq "$(sql a.db "SELECT count(*) FROM persons")" "$persons" "inga nya personer (inga dubbletter)"
expect_eq "$(sql a.db "SELECT count(*) FROM import_run")" "1" "ingen importkörning loggas"
cp a.db.key.own a.db.key
chmod 600 a.db.key

chmod 644 a.db.key
run --db a.db import "$SAMPLE/persons.csv"
expect_rc 2 "nyckelfil som andra kan läsa"
expect_contains "$ERR" "chmod 600 a.db.key" "felet säger hur man rättar"
chmod 600 a.db.key
run --db a.db --quiet import "$SAMPLE/persons.csv"
expect_rc 0 "import när rättigheterna är rättade"
expect_eq "$(sql a.db "SELECT count(*) FROM persons")" "$persons" "samma personer känns igen"
finish
