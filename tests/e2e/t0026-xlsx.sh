# Excel workbooks in (issue 14): sample-data as one workbook of eight
# sheets (openpyxl, Swedish sheet names), and as eight workbooks that
# LibreOffice made from the CSV files (dates become date-formatted serial
# numbers there), import to exactly the rows and pseudonyms of the CSV
# files; bad workbooks get a Swedish reason and change nothing.
. "$(dirname "$0")/lib.sh"
cd "$T"
PY=/usr/bin/python3
fresh() { # fresh DB: a database with the key of csv.db
    rm -f "$1" "$1.key"
    "$UPPFOLJ" --db "$1" --quiet init
    cp csv.db.key "$1.key"
    sqlite3 "$1" "UPDATE key_check SET fingerprint = '$(sql csv.db "SELECT fingerprint FROM key_check")'"
}
run --db csv.db --quiet init
run --db csv.db --quiet import "$SAMPLE"/*.csv
expect_rc 0 "CSV-filerna"
want=$(data_rows csv.db)

$PY - "$SAMPLE" <<'PY'
import csv, sys, openpyxl
wb = openpyxl.Workbook()
wb.remove(wb.active)
names = {"persons": "Personer", "cases": "Ärenden", "interventions": "Insatser",
         "assessments": "Bedömningar", "outcomes": "Utfall", "goals": "Mål", "meetings": "Möten",
         "actions": "Åtgärder"}
wb.create_sheet("Läs först").append(["Det här bladet är inga data"])
for f, n in names.items():
    ws = wb.create_sheet(n)
    for row in csv.reader(open(f"{sys.argv[1]}/{f}.csv", encoding="utf-8"), delimiter=";"):
        ws.append(row)
wb.save("sample.xlsx")
PY
fresh book.db
run --db book.db import sample.xlsx
expect_rc 0 "en arbetsbok med åtta blad (openpyxl)"
expect_contains "$OUT" "sample.xlsx [Ärenden], Excel-arbetsbok" "sammanfattningen nämner blad och format"
expect_contains "$ERR" "[Läs först]: varning: bladet hoppas över" "ett blad utan data hoppas över med en varning"
expect_eq "$(data_rows book.db)" "$want" "samma rader och pseudonymer som från CSV-filerna"

mkdir lo
cp "$SAMPLE"/*.csv lo/
# a profile of its own: a LibreOffice already running (another test, a
# user) would otherwise take the job and this one would write nothing; and
# without VALGRIND=1 of the valgrind pass, which soffice's start script
# takes as the name of a valgrind tool to run itself under
(cd lo && env -u VALGRIND soffice -env:UserInstallation=file://$T/lo-profile --headless \
    --infilter="CSV:59,34,76,1" --convert-to xlsx ./*.csv >"$T/soffice.log" 2>&1) ||
    cat "$T/soffice.log"
expect_eq "$(ls lo/*.xlsx | wc -l)" "8" "LibreOffice gjorde åtta arbetsböcker"
fresh lo.db
run --db lo.db import lo/*.xlsx
expect_rc 0 "LibreOffices arbetsböcker"
expect_eq "$(data_rows lo.db)" "$want" "LibreOffice: samma rader och pseudonymer som från CSV-filerna"

# ---- a row error names file, sheet and Excel row
$PY - <<'PY'
import openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Ärenden"
ws.append(["case_id", "person", "programme", "start_date", "end_date"])
for i in range(2, 14):
    ws.append([f"K{i}", "EXT-1", "SIG", "2024-01-10", None])
ws.append(["K14", "EXT-1", "SIG", "2024-01-10", "2024-02-30"])
wb.save("arenden.xlsx")
PY
fresh bad.db
before=$(data_rows bad.db)
run --db bad.db import arenden.xlsx
expect_rc 2 "ett ogiltigt datum på rad 14"
expect_contains "$ERR" "arenden.xlsx [Ärenden] rad 14: " "felet anger fil, blad och rad"
expect_contains "$ERR" "2024-02-30" "felet visar värdet"

# ---- bad workbooks
printf 'person;kön\nEXT-1;pojke\n' > text.xlsx
printf '\320\317\021\340\241\261\032\341rest of an encrypted workbook' > locked.xlsx
$PY - <<'PY'
import zipfile, openpyxl, datetime
with zipfile.ZipFile("nowb.xlsx", "w") as z:
    z.writestr("hello.txt", "no workbook here")
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "Personer"
ws.append(["person", "kön", "enhet"]); ws["XFD2"] = "x"; ws["A2"] = "EXT-1"
wb.save("wide.xlsx")
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "Personer"
ws.append(["person", "födelsedatum"]); ws.append(["EXT-1", 3000000]); ws["B2"].number_format = "yyyy-mm-dd"
wb.save("range.xlsx")
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "Personer"
ws.append(["person", "", "enhet"]); ws.merge_cells("A1:B1"); ws.append(["EXT-1", "x", "Norr"])
wb.save("merged.xlsx")
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "Personer"
ws.append(["person", "kön", "enhet"]); ws.append(["EXT-1", "pojke", "#N/A"])
wb.save("errorcell.xlsx")
# a shared-strings part of over 256 MB inflated (it packs to little)
with zipfile.ZipFile("wide.xlsx") as src, zipfile.ZipFile("bigsst.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    for n in src.namelist():
        if n != "xl/sharedStrings.xml":
            z.writestr(n, src.read(n))
    with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
        f.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>')
        chunk = b"a" * (1 << 20)
        for _ in range(260):
            f.write(chunk)
        f.write(b"</t></si></sst>")
PY
for t in "text.xlsx:ingen ZIP-fil" "locked.xlsx:lösenordsskyddad" "nowb.xlsx:xl/workbook.xml saknas" \
         "wide.xlsx:efter kolumn 256" "range.xlsx:utanför Excels datumintervall" \
         "merged.xlsx:sammanfogade celler" "errorcell.xlsx:Excel-felet #N/A" \
         "bigsst.xlsx:för stora"; do
    f=${t%%:*}; why=${t#*:}
    run --db bad.db import "$f"
    expect_rc 2 "$f vägras"
    expect_contains "$ERR" "$why" "$f: $why"
done
expect_eq "$(data_rows bad.db)" "$before" "de felaktiga arbetsböckerna ändrade ingenting"

# ---- CSV saved from Excel: rows of only delimiters are skipped, numbers
# may be grouped by a (no-break) space, and a date Excel wrote the wrong
# way gets a message that says how to fix the column
printf 'person;kön;enhet\nEXT-1;pojke;Norr\n;;\n;;\n' > excel-persons.csv
printf 'case_id;person;programme;start_date\nK1;EXT-1;SIG;2024-01-10\n;;;\n' > excel-cases.csv
printf 'assessment_id;case_id;instrument;date;total_score\nB1;K1;annat;2024-02-01;1\302\240000\n;;;;\n' \
    > excel-assess.csv
run --db bad.db --quiet import excel-persons.csv excel-cases.csv excel-assess.csv
expect_rc 0 "CSV från Excel med tomma rader och tusentalsavgränsare"
expect_eq "$(sql bad.db "SELECT total_score FROM assessments WHERE assessment_id = 'B1'")" "1000.0" \
    "1 000 med hårt mellanslag blir 1000"
printf 'case_id;person;programme;start_date\nK2;EXT-1;SIG;2024-3-5\nK3;EXT-1;SIG;05/03/2024\n' > dates.csv
run --db bad.db import dates.csv
expect_rc 2 "datum som Excel skrev fel"
expect_contains "$ERR" "2024-03-05" "2024-3-5: felet visar hur datumet ska se ut"
expect_contains "$ERR" "Formatera celler" "felet säger hur kolumnen rättas i Excel"
expect_contains "$ERR" "dag/månad eller månad/dag" "05/03/2024: felet säger att det kan läsas på två sätt"
finish
