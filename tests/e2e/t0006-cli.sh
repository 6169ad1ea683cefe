# The command line: help, version, unknown commands and options.
. "$(dirname "$0")/lib.sh"
cd "$T"
run --help
expect_rc 0 "--help"
expect_contains "$OUT" "Användning: uppfolj" "hjälptexten på svenska"
for c in init import check sample; do
    run "$c" --help
    expect_rc 0 "$c --help"
    expect_contains "$OUT" "Användning: uppfolj" "$c har hjälptext"
done
run --version
expect_contains "$OUT" "uppfolj " "--version"
run
expect_rc 2 "inget kommando"
run frobnicate
expect_rc 2 "okänt kommando"
expect_contains "$ERR" "okänt kommando 'frobnicate'" "okänt kommando förklaras"
run --bogus init
expect_rc 2 "okänd flagga"
run import
expect_rc 2 "import utan filer"
expect_contains "$ERR" "ange minst en fil" "import utan filer förklaras"

# option errors (issue 18, item 5): one Swedish line that names the option
# and where the help is, never getopt's English message or the whole help
onelines() { # DESCRIPTION WANT: one line on stderr, equal to WANT
    expect_rc 2 "$1"
    expect_eq "$ERR" "$2" "$1: en rad på svenska"
}
run report utfall --progam SIG
onelines "felstavad flagga" "uppfolj: okänd flagga --progam (se uppfolj report --help)"
run report utfall --bogus=3
onelines "okänd flagga med värde" "uppfolj: okänd flagga --bogus (se uppfolj report --help)"
run report utfall -o
onelines "-o utan värde" "uppfolj: flaggan -o behöver ett värde (se uppfolj report --help)"
run import --kind
onelines "--kind utan värde" "uppfolj: flaggan --kind behöver ett värde (se uppfolj import --help)"
run check -x
onelines "okänd kort flagga" "uppfolj: okänd flagga -x (se uppfolj check --help)"
run sample -qz
onelines "okänd flagga i en grupp" "uppfolj: okänd flagga -z (se uppfolj sample --help)"
run --db
onelines "--db utan värde" "uppfolj: flaggan --db behöver ett värde: en fil (se uppfolj --help)"
run --config
onelines "--config utan värde" "uppfolj: flaggan --config behöver ett värde: en fil (se uppfolj --help)"
expect_lacks "$ERR" "unrecognized" "inget engelskt meddelande från getopt"
# a settings file named with --config that does not exist is an error for
# every command, also those that need no settings
for c in "check" "logg" "init" "sample --youths 5 -o s" "mall -o m.xlsx" "report utfall" "export --cohort A:programme=SIG -o x"; do
    run --config "$T/nope.conf" $c
    expect_rc 2 "--config som inte finns: $c"
    expect_contains "$ERR" "konfigurationsfilen $T/nope.conf finns inte" "--config som inte finns: $c säger det"
done
# the top-level help names every built-in report
run --help
for r in utfall arsrapport kohort verksamhet datakvalitet; do
    expect_contains "$OUT" "$r" "uppfolj --help nämner rapporten $r"
done
# -o creates the folders that are missing (the help says the folder is
# made), a private export's with mode 0700 all the way down
run init
expect_rc 0 "init"
run import "$SAMPLE/persons.csv" "$SAMPLE/cases.csv"
expect_rc 0 "import"
run report utfall --program SIG --format csv -o "$T/ny/mapp/rapport"
expect_rc 0 "-o med mappar som saknas"
[ -f "$T/ny/mapp/rapport/utfall_urval.csv" ] && ok "-o skapar föräldramapparna" || fail "-o skapar föräldramapparna"
run export --cohort 'SIG:programme=SIG' -o "$T/hemlig/analys"
expect_rc 0 "export -o med mappar som saknas"
expect_eq "$(stat -c %a "$T/hemlig") $(stat -c %a "$T/hemlig/analys")" "700 700" "exportens nya mappar är privata (0700)"
run sample --youths 5 -o "$T/s1/s2"
expect_rc 0 "sample -o med mappar som saknas"
[ -f "$T/s1/s2/cases.csv" ] && ok "sample skapar föräldramapparna" || fail "sample skapar föräldramapparna"

# system errors in Swedish: a file where a folder should be
: >"$T/fil"
run report utfall --program SIG -o "$T/fil/ut"
expect_rc 1 "-o genom en fil"
expect_eq "$ERR" "uppfolj: kunde inte skapa mappen $T/fil/ut: $T/fil finns men är ingen mapp" "-o genom en fil: en rad på svenska"
run import "$T/fil/cases.csv"
expect_rc 2 "import genom en fil"
expect_contains "$ERR" "cases.csv: filen kunde inte läsas: en del av sökvägen är ingen mapp" "import genom en fil: felet på svenska"
run import "$T/finns-inte.csv"
expect_contains "$ERR" "filen eller mappen finns inte" "en fil som inte finns: felet på svenska"
expect_lacks "$ERR" "No such file" "inget engelskt systemfel"
chmod 0500 "$T/s1"
if [ "$(id -u)" != 0 ]; then
    run sample --youths 5 -o "$T/s1/s3"
    expect_rc 1 "-o i en skrivskyddad mapp"
    expect_contains "$ERR" "behörighet saknas" "skrivskyddad mapp: felet på svenska"
fi
chmod 0700 "$T/s1"

# a failed import says what was read, never "nya": nothing was stored
head -n 2 "$SAMPLE/cases.csv" >"$T/trasig.csv"
sed -n 3p "$SAMPLE/cases.csv" | awk -F';' 'BEGIN { OFS = ";" } { $7 = "2026-13-31"; print }' >>"$T/trasig.csv"
run import "$T/trasig.csv"
expect_rc 2 "import med ett ogiltigt datum"
expect_contains "$OUT" "2 rader lästa" "misslyckad import: raderna lästes"
expect_lacks "$OUT" "nya" "misslyckad import: inga nya rader räknas"
expect_contains "$ERR" "ingenting importerades" "misslyckad import: sägs"
# the manual page: renders without a warning, names every command and
# report of the help, and make install puts it (and the program) in place
if command -v groff >/dev/null; then
    W=$(LC_ALL=C.UTF-8 groff -k -man -Tutf8 -ww -z "$TOP/docs/uppfolj.1" 2>&1)
    expect_eq "$W" "" "man-sidan ger inga varningar i groff"
else
    fail "groff saknas (groff-base)"
fi
# (as man shows it: a command is a tagged paragraph under KOMMANDON)
MAN=$(LC_ALL=C.UTF-8 groff -k -man -Tutf8 -P-cbou "$TOP/docs/uppfolj.1" 2>/dev/null)
CMDS=$(printf '%s\n' "$MAN" | sed -n '/^KOMMANDON/,/^FLAGGOR/p' | awk '/^       [a-z]/ { print $1 }')
run --help
for c in $(printf '%s\n' "$OUT" | sed -n '/^Kommandon:/,/^$/p' | awk 'NR > 1 && /^  [a-z]/ { print $1 }'); do
    expect_contains " $(echo $CMDS) " " $c " "man-sidan beskriver kommandot $c"
done
for r in utfall arsrapport kohort verksamhet datakvalitet; do
    printf '%s\n' "$MAN" | grep -qw "$r" && ok "man-sidan nämner rapporten $r" ||
        fail "man-sidan nämner rapporten $r"
done
make -s -C "$TOP" -o "$UPPFOLJ" BIN="$UPPFOLJ" DESTDIR="$T/inst" PREFIX=/usr install >/dev/null 2>&1
expect_eq "$(stat -c %a "$T/inst/usr/bin/uppfolj" 2>&1) $(stat -c %a "$T/inst/usr/share/man/man1/uppfolj.1" 2>&1)" \
    "755 644" "make install lägger programmet och man-sidan på plats"
"$T/inst/usr/bin/uppfolj" --version >/dev/null 2>&1 && ok "det installerade programmet går att köra" ||
    fail "det installerade programmet går att köra"
make -s -C "$TOP" DESTDIR="$T/inst" PREFIX=/usr uninstall >/dev/null 2>&1
[ ! -e "$T/inst/usr/bin/uppfolj" ] && [ ! -e "$T/inst/usr/share/man/man1/uppfolj.1" ] &&
    ok "make uninstall tar bort båda" || fail "make uninstall tar bort båda"
# the README's first command leaves uppfolj on PATH, as its examples use it
expect_contains "$(sed -n '/^## Kom igång/,/^## Användning/p' "$TOP/README.md")" \
    "sh .ci/install-deps && make demo install" "README:s första kommando installerar uppfolj"
finish
