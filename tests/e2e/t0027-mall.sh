# The entry template (issue 14): `uppfolj mall` writes a workbook with a
# sheet per entity, Swedish headers, drop-down lists for every coded
# column, date and number validation and a frozen header row; filled with
# sample-data (codes as in the CSV files, dates as Excel dates), it
# imports to exactly the rows of the CSV files.  --csv writes the headers
# as CSV files, which import too.
. "$(dirname "$0")/lib.sh"
cd "$T"
PY=/usr/bin/python3
run --db csv.db --quiet init
run --db csv.db --quiet import "$SAMPLE"/*.csv
want=$(data_rows csv.db)

run mall -o mall.xlsx
expect_rc 0 "uppfolj mall"
run mall -o mall.xlsx
expect_rc 2 "mallen skrivs inte över"
$PY - <<'PY' && ok "bladen, rubrikerna, listorna, datumkontrollen och den låsta rubrikraden finns" || fail "mallens innehåll"
import openpyxl, sys
wb = openpyxl.load_workbook("mall.xlsx")
assert wb.sheetnames == ["Instruktioner", "Personer", "Ärenden", "Insatser", "Bedömningar",
                         "Utfall", "Mål", "Möten", "Åtgärder", "Koder"], wb.sheetnames
ws = wb["Ärenden"]
head = [c.value for c in ws[1]]
assert head[:3] == ["ärende", "personnummer", "program"], head
assert ws.freeze_panes == "A2", ws.freeze_panes
kinds = {}
for dv in ws.data_validations.dataValidation:
    for rng in str(dv.sqref).split():
        kinds[rng.split(":")[0]] = (dv.type, dv.formula1)
assert kinds["E2"][0] == "list" and "Koder" in kinds["E2"][1], kinds   # målgrupp
assert kinds["J2"][0] == "date", kinds                                # startdatum
codes = [c.value for c in wb["Koder"]["A"] if c.value]
assert len(codes) > 2, codes
PY
# filled as a user would: dates as dates (the lists offer labels, which import too: t0019)
$PY - "$SAMPLE" <<'PY'
import csv, datetime, sys, openpyxl
sys.path.insert(0, "/dev/null")
wb = openpyxl.load_workbook("mall.xlsx")
files = ["persons", "cases", "interventions", "assessments", "outcomes", "goals", "meetings",
         "actions"]
# the CSV columns (SPEC §3 names) and the template's Swedish headers
swedish = {"person": "personnummer", "birth_date": "födelsedatum", "sex": "kön", "unit": "enhet",
           "case_id": "ärende", "programme": "program", "target_group": "målgrupp",
           "referred_by": "aktualiserad_av", "referral_date": "aktualiseringsdatum",
           "consent_date": "samtyckesdatum", "plan_date": "åtgärdsplan_datum",
           "start_date": "startdatum", "end_date": "slutdatum", "end_reason": "avslutsorsak",
           "form": "insatsform", "followup_consent": "uppföljning_samtycke", "insats": "insatstyp",
           "provider": "utförare", "assessment_id": "bedömning", "instrument": "instrument",
           "date": "datum", "total_score": "poäng", "risk_level": "risknivå", "measure": "mått",
           "value": "värde", "domain": "område", "set_date": "satt_datum",
           "followup_date": "uppföljningsdatum", "status": "status", "type": "mötestyp",
           "participants": "deltagare", "action_id": "åtgärd", "actor": "ansvarig",
           "planned_date": "planerat datum", "due_date": "klart senast",
           "done_date": "genomförd datum", "assessed_date": "bedömt datum",
           "offer": "erbjudande", "offer_reason": "skäl", "consent_by": "samtycke av",
           "consent_actors": "samtycke för", "consent_declined_date": "samtycke nekat datum",
           "consent_withdrawn_date": "samtycke återkallat datum"}
for name, sheet in zip(files, wb.sheetnames[1:9]):
    ws = wb[sheet]
    heads = [c.value for c in ws[1]]
    rows = list(csv.reader(open(f"{sys.argv[1]}/{name}.csv", encoding="utf-8"), delimiter=";"))
    cols = rows[0]
    at = [heads.index(swedish[c]) for c in cols]
    for r, row in enumerate(rows[1:], start=2):
        for c, v in enumerate(row):
            if v == "":
                continue
            cell = ws.cell(row=r, column=at[c] + 1)
            if cols[c].endswith("date") or cols[c] == "date":
                cell.value = datetime.date.fromisoformat(v)
                cell.number_format = "yyyy-mm-dd"
            else:
                cell.value = v
wb.save("ifylld.xlsx")
PY
run --db book.db --quiet init
cp csv.db.key book.db.key
sqlite3 book.db "UPDATE key_check SET fingerprint = '$(sql csv.db "SELECT fingerprint FROM key_check")'"
run --db book.db import ifylld.xlsx
expect_rc 0 "den ifyllda mallen"
expect_lacks "$ERR" "varning" "mallens egna blad (Instruktioner, Koder) läses utan varningar"
expect_eq "$(data_rows book.db)" "$want" "den ifyllda mallen ger samma rader och pseudonymer som CSV-filerna"

run mall --csv -o mallcsv
expect_rc 0 "uppfolj mall --csv"
expect_eq "$(ls mallcsv | tr '\n' ' ')" "arenden.csv atgarder.csv bedomningar.csv insatser.csv mal.csv moten.csv personer.csv utfall.csv " \
    "en CSV-fil per sort"
run --db tom.db --quiet init
run --db tom.db import mallcsv/*.csv
expect_rc 0 "CSV-mallen läses in (bara rubriker)"
expect_contains "$OUT" "ärenden" "rubrikerna känns igen"
finish
