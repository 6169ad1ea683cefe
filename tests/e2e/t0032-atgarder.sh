# The actions of the åtgärdsplan (issue 16, item 1) and the path and consent
# columns of the cases file (item 2): a new import entity,
# atgarder, keyed by case and action id, with Swedish headers and the code
# book's labels and aliases; every import rule holds (all or nothing, a
# clear Swedish error with file, line and column, warnings that do not
# block, re-import updates instead of doubling).  Expected rows are written
# here by hand.
. "$(dirname "$0")/lib.sh"
cd "$T"
run --quiet init
# the sample data without its actions: the actions here are written by hand
for f in persons cases interventions assessments outcomes goals meetings; do
    set -- "$@" "$TOP/sample-data/$f.csv"
done
run --quiet import "$@"
expect_rc 0 "exempeldata utan åtgärder importerade"

# Swedish headers, labels and aliases; A000002 is ended, A000001 open
cat > atgarder.csv <<'EOF'
ärende;åtgärd;område;ansvarig;planerat datum;klart senast;genomförd datum;status
A000001;1;Skola;Skolan;2025-07-20;2025-08-31;2025-08-25;Genomförd
A000001;2;Kriminalitet;polis;2025-07-20;2025-09-30;;pågående
A000002;1;familj;Socialtjänsten;2023-07-08;2023-08-31;;klar
A000002;2;;bup;2023-07-08;2023-10-31;2023-11-15;ej genomförd
EOF
run import atgarder.csv
expect_rc 0 "åtgärderna importeras"
expect_contains "$OUT" "åtgärder           4 rader: 4 nya" "sammanfattningen räknar fyra nya åtgärder"
expect_contains "$ERR" "atgarder.csv:4: varning: status: åtgärden är genomförd men datum då den genomfördes saknas" \
    "genomförd utan datum ger en varning"
expect_contains "$ERR" "atgarder.csv:5: varning: genomförd datum: datum då åtgärden genomfördes anges men status är inte genomförd" \
    "ett datum utan genomförd ger en varning"
expect_eq "$(sql uppfolj.db "SELECT k.case_id, a.action_id, coalesce(a.domain, '-'), a.actor,
                                    a.planned_date, a.due_date, coalesce(a.done_date, '-'), a.status
                             FROM actions a JOIN cases k ON k.id = a.case_id ORDER BY 1, 2" | tr '\n' ' ')" \
    "A000001|1|skola|skola|2025-07-20|2025-08-31|2025-08-25|genomford A000001|2|kriminalitet|polis|2025-07-20|2025-09-30|-|pagaende A000002|1|familj|socialtjanst|2023-07-08|2023-08-31|-|genomford A000002|2|-|bup|2023-07-08|2023-10-31|2023-11-15|ej_genomford " \
    "koderna lagras som i kodboken"

# Re-import: nothing doubles; a changed status is one update.
run import atgarder.csv
expect_contains "$OUT" "4 rader: 0 nya, 0 ändrade, 4 oförändrade" "samma fil igen ändrar inget"
sed 's/;Kriminalitet;polis;2025-07-20;2025-09-30;;pågående/;Kriminalitet;polis;2025-07-20;2025-09-30;2025-09-12;genomförd/' \
    atgarder.csv > atgarder2.csv
run import atgarder2.csv
expect_contains "$OUT" "4 rader: 0 nya, 1 ändrade, 3 oförändrade" "en ändrad status är en uppdatering"
expect_eq "$(sql uppfolj.db "SELECT count(*), sum(status = 'genomford') FROM actions")" "4|3" \
    "fortfarande fyra åtgärder, nu tre genomförda"

# Errors: all or nothing, each with line and column.
cat > fel.csv <<'EOF'
case_id;action_id;actor;planned_date;due_date;status
A000001;3;polis;2025-08-01;2025-09-01;pagaende
NOSUCH;1;polis;2025-08-01;2025-09-01;pagaende
A000001;4;polis;2025-09-01;2025-08-01;pagaende
A000001;5;grannen;2025-08-01;2025-09-01;pagaende
A000001;6;polis;2025-08-01;2025-09-01;snart
A000001;;polis;2025-08-01;2025-09-01;pagaende
EOF
run import fel.csv
expect_rc 2 "en fil med fel vägras"
expect_contains "$ERR" "fel.csv:3" "okänt ärende anges med rad"
expect_contains "$ERR" "fel.csv:4: due_date: klart senast 2025-08-01 ligger före planerat datum 2025-09-01" \
    "klart senast före planerat datum"
expect_contains "$ERR" "fel.csv:5" "okänd ansvarig aktör"
expect_contains "$ERR" "fel.csv:6" "okänd status"
expect_contains "$ERR" "fel.csv:7" "åtgärd utan id"
expect_eq "$(sql uppfolj.db "SELECT count(*) FROM actions")" "4" "inget av filen sparas (inte heller den riktiga raden)"
printf 'case_id;action_id;status\nA000001;9;pagaende\n' > utan.csv
run import --kind atgarder utan.csv
expect_rc 2 "en fil utan ansvarig vägras"
expect_contains "$ERR" "kolumnen actor saknas" "och felet namnger kolumnen"
printf 'case_id;action_id;actor;status\nA000001;9;polis;20070624-9992\n' > pnr.csv
run import pnr.csv
expect_rc 2 "ett personnummer i en åtgärd vägras"
expect_lacks "$ERR" "20070624" "och upprepas inte i felet"

# --- the path and the consent: optional columns of the cases file ------------------
cat > personer.csv <<'EOF'
person;födelsedatum;kön;enhet
EXT-900001;2009-04-01;pojke;Norrstaden
EXT-900002;2010-05-02;flicka;Norrstaden
EXT-900003;2008-06-03;pojke;Norrstaden
EOF
cat > arenden.csv <<'EOF'
ärende;personnummer;program;aktualiseringsdatum;bedömt datum;erbjudande;skäl;samtyckesdatum;samtycke av;samtycke för;samtycke nekat datum;samtycke återkallat datum;startdatum
K1;EXT-900001;SIG;2025-01-10;2025-01-20;Erbjuden;;2025-01-25;Båda;Polisen|skola|Socialtjänsten|polis;;2025-06-30;2025-02-01
K2;EXT-900002;SIG;2025-01-12;2025-01-22;ej aktuell;bor i annan kommun;;;;;;
K3;EXT-900003;SIG;2025-02-01;2025-02-10;erbjuden;;;;;2025-02-15;;
EOF
run import personer.csv arenden.csv
expect_rc 0 "ärenden med väg och samtycke importeras"
expect_eq "$(sql uppfolj.db "SELECT case_id, assessed_date, coalesce(offer, '-'), coalesce(offer_reason, '-'),
                                    coalesce(consent_by, '-'), coalesce(consent_actors, '-'),
                                    coalesce(consent_declined_date, '-'), coalesce(consent_withdrawn_date, '-')
                             FROM cases WHERE case_id IN ('K1', 'K2', 'K3') ORDER BY 1" | tr '\n' ' ')" \
    "K1|2025-01-20|erbjuden|-|bada|socialtjanst|polis|skola|-|2025-06-30 K2|2025-01-22|ej_aktuell|bor i annan kommun|-|-|-|- K3|2025-02-10|erbjuden|-|-|-|2025-02-15|- " \
    "vägen och samtycket lagras som koder (aktörerna en gång var, i kodbokens ordning)"
cat > arenden_fel.csv <<'EOF'
case_id;person;referral_date;assessed_date;consent_date;consent_withdrawn_date;consent_by;consent_actors;start_date;offer
K4;EXT-900001;2025-03-10;2025-03-01;;;;;;
K5;EXT-900001;2025-03-10;;2025-03-20;2025-03-15;;;;
K6;EXT-900001;2025-03-10;;;;grannen;;;
K7;EXT-900001;2025-03-10;;;;;polis|grannen;;
K8;EXT-900001;2025-03-10;;2025-03-12;;;;2025-03-20;ej_aktuell
EOF
run import arenden_fel.csv
expect_rc 2 "orimlig väg eller samtycke vägras"
expect_contains "$ERR" "arenden_fel.csv:2: assessed_date: bedömningsdatum 2025-03-01 ligger före aktualiseringsdatum 2025-03-10" \
    "bedömd före aktualisering"
expect_contains "$ERR" "arenden_fel.csv:3: consent_withdrawn_date: samtycket återkallades 2025-03-15, före samtyckesdatum 2025-03-20" \
    "återkallat före samtycket"
expect_contains "$ERR" "arenden_fel.csv:4" "okänt värde för samtycke av"
expect_contains "$ERR" "arenden_fel.csv:5: consent_actors: okänd aktör 'grannen' i samtycket gäller" \
    "okänd aktör i samtycket"
expect_contains "$ERR" "arenden_fel.csv:6: varning: offer: insatsen var inte aktuell men ärendet har ett startdatum" \
    "ej aktuell med start är en varning"
expect_eq "$(sql uppfolj.db "SELECT count(*) FROM cases WHERE case_id IN ('K4','K5','K6','K7','K8')")" "0" \
    "inget av filen sparas"
run --quiet import "$TOP"/sample-data/cases.csv
expect_rc 0 "exempeldatans ärenden (utan de nya kolumnerna) går fortfarande att importera"

# check shows them; the template has a sheet for them that imports
run check
expect_contains "$OUT" "åtgärder" "uppfolj check visar åtgärderna"
run mall -o mall.xlsx
/usr/bin/python3 - <<'PY'
import openpyxl
wb = openpyxl.load_workbook("mall.xlsx")
ws = wb["Åtgärder"]
heads = [c.value for c in ws[1]]
row = {"ärende": "A000001", "åtgärd": "7", "ansvarig": "Skolan", "status": "Pågående"}
for h, v in row.items():
    ws.cell(row=2, column=heads.index(h) + 1).value = v
wb.save("ifylld.xlsx")
PY
run import ifylld.xlsx
expect_rc 0 "mallens blad Åtgärder läses in"
expect_eq "$(sql uppfolj.db "SELECT actor || '|' || status FROM actions a JOIN cases k ON k.id = a.case_id
                             WHERE k.case_id = 'A000001' AND a.action_id = '7'")" "skola|pagaende" \
    "raden från mallen finns"
finish
