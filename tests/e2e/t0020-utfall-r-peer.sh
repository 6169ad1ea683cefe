# The utfall table of suspicions per year by sex, computed independently
# by an evaluator's R script (bench/utfall_peer.R: data.table from the CSV
# files of sample-data/, paired t.test and wilcox.test), agrees with
# uppfolj's CSV to 1e-9 on every cell uppfolj shows (issue 12).
. "$(dirname "$0")/lib.sh"
if ! Rscript -e 'suppressMessages(library(data.table))' >/dev/null 2>&1; then
    echo "# R med data.table saknas (r-cran-data.table): jämförelsen hoppas över"
    finish
    exit $?
fi
out=$(python3 "$TOP/bench/utfall" --check --bin "$UPPFOLJ" 2>&1)
expect_eq "$(echo "$out" | tail -n 1)" "sample-data: uppfolj och R ger samma tabell" \
    "utfall per kön: uppfolj och R (data.table) ger samma tabell"
finish
