# PDF and XLSX of the reports: read back (pdftotext, openpyxl) and compared
# with the JSON of the same report, the same cells shown and hidden;
# reproducible bytes.
. "$(dirname "$0")/lib.sh"
cd "$T"
run init
run import "$SAMPLE"/*.csv
cp "$TOP/docs/uppfolj.conf.example" uppfolj.conf
for rep in "verksamhet --period 2025" "utfall --by sex --as-of 2026-10-31"; do
    name=${rep%% *}
    run report $rep --program SIG --format pdf,xlsx,json,csv -o a
    expect_rc 0 "report $name i alla format"
    check_xlsx a $name
    check_pdf a $name
    sleep 1
    run report $rep --program SIG --format pdf,xlsx -o b
    cmp -s a/$name.pdf b/$name.pdf && ok "$name.pdf byte för byte lika vid ny körning" || fail "$name.pdf skiljer sig"
    cmp -s a/$name.xlsx b/$name.xlsx && ok "$name.xlsx byte för byte lika vid ny körning" || fail "$name.xlsx skiljer sig"
done
SOURCE_DATE_EPOCH=1700000000 $UPPFOLJ report verksamhet --program SIG --period 2025 --format pdf -o c > /dev/null
expect_contains "$(pdfinfo c/verksamhet.pdf 2>/dev/null)" "2023" "SOURCE_DATE_EPOCH styr PDF:ens datum"
finish
