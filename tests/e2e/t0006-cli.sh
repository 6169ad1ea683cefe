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
finish
