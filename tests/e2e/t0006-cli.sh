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
finish
