# report datakvalitet and its worklist (issue 15, items 1 and 2): on a copy
# of sample-data/ with one planted fault per rule (tests/e2e/plant_faults.py
# picks a case that passes the rule by its own reading of the rule, and
# prints the worklist row the fault must add), the report counts exactly one
# more failing case per rule than on the sample data, the same cases
# checked (one more for mal_uppfyllda, whose fault changes an end reason
# into it), and the worklist gains exactly the planted rows.  The worklist
# is internal: never a personnummer or pseudonym (scanned), private files
# that say so, logged as intern; a rule that names anything but a case_id of
# its unit is refused.
. "$(dirname "$0")/lib.sh"
cd "$T"
SIG="--program SIG"

# --- the sample data as it is ----------------------------------------------
run --db c.db --quiet init
run --db c.db --quiet import "$TOP"/sample-data/*.csv
run --db c.db report datakvalitet $SIG --mottagare intern --format json,csv -o c
expect_rc 0 "datakvalitet på exempeldata"
asof=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["as_of"])' c/datakvalitet.json)
expect_contains "$asof" "20" "datumet för uttaget ($asof)"
run --db c.db report datakvalitet $SIG --as-of "$asof" --lista -o cl
expect_rc 0 "arbetslistan på exempeldata"

# --- planted faults -------------------------------------------------------------
mkdir planted
python3 "$TOP/tests/e2e/plant_faults.py" "$TOP/sample-data" planted "$asof" > planted.txt
expect_eq "$(wc -l < planted.txt | tr -d ' ')" "11" "ett planterat fel per regel (11 regler)"
run --db p.db --quiet init
run --db p.db --quiet import planted/*.csv
expect_rc 0 "importen av de planterade felen"
run --db p.db report datakvalitet $SIG --as-of "$asof" --mottagare intern --format json,csv -o p
expect_rc 0 "datakvalitet med planterade fel"
run --db p.db report datakvalitet $SIG --as-of "$asof" --lista -o pl
expect_rc 0 "arbetslistan med planterade fel"

# Per rule: failing and checked cases (Totalt of its table), before and after.
totals() { # DIR: "rule checked failed" per rule table
    for f in "$1"/datakvalitet_*.csv; do
        r=${f##*/datakvalitet_}; r=${r%.csv}
        [ "$r" = oversikt ] && continue
        echo "$r $(grep '^"Totalt"' "$f" | cut -d, -f2,3 | tr , ' ')"
    done
}
totals c > c.tot
totals p > p.tot
expect_eq "$(wc -l < c.tot | tr -d ' ')" "11" "en tabell per regel"
while read -r rule checked failed; do
    set -- $(grep "^$rule " p.tot)
    want_checked=$checked
    [ "$rule" = mal_uppfyllda ] && want_checked=$((checked + 1))
    expect_eq "$2 $3" "$want_checked $((failed + 1))" \
        "$rule: ett fel till ($failed → $((failed + 1))), kontrollerade $checked → $want_checked"
done < c.tot
# The overview is the rule tables' totals.
expect_eq "$(tail -n +3 p/datakvalitet_oversikt.csv | cut -d, -f2,3 | tr , ' ' | sort)" \
    "$(cut -d' ' -f2,3 p.tot | sort)" "översikten har regeltabellernas totaler"

# The worklist gains exactly the planted rows (rule;case_id;date[;unit]).
rows() { # FILE: rule;case_id;date[;unit] of each row (the month rule with its unit)
    python3 - "$1" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
head = rows[1]
for r in rows[2:]:
    x = dict(zip(head, r))
    tail = f";{x['enhet']}" if not x["arende_id"] else ""
    print(f"{x['regel']};{x['arende_id']};{x['datum']}{tail}")
PY
}
rows cl/datakvalitet_lista.csv | sort > c.rows
rows pl/datakvalitet_lista.csv | sort > p.rows
expect_eq "$(comm -13 c.rows p.rows)" "$(sort planted.txt)" "arbetslistan får precis de planterade raderna"
expect_eq "$(comm -23 c.rows p.rows | wc -l | tr -d ' ')" "0" "och förlorar inga"
n=$(tail -n +3 pl/datakvalitet_lista.csv | wc -l | tr -d ' ')
expect_eq "$n" "$(awk '{ s += $3 } END { print s }' p.tot)" \
    "arbetslistan har en rad per fel i rapporten ($n)"

# --- the worklist is internal -------------------------------------------------
expect_eq "$(head -n 1 pl/datakvalitet_lista.csv)" \
    '"Internt arbetsmaterial — kan omfattas av sekretess (OSL 26 kap.)"' "CSV:n börjar med märkningen"
expect_eq "$(stat -c %a pl/datakvalitet_lista.csv) $(stat -c %a pl/datakvalitet_lista.xlsx)" "600 600" \
    "bara ägaren kan läsa arbetslistan"
ls pl > files
expect_eq "$(tr '\n' ' ' < files)" "datakvalitet_lista.csv datakvalitet_lista.xlsx " "bara CSV och XLSX"
out=$(/usr/bin/python3 - pl/datakvalitet_lista.xlsx <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
bad = [ws.title for ws in wb.worksheets
       if ws["A1"].value != "Internt arbetsmaterial — kan omfattas av sekretess (OSL 26 kap.)"
       or "Internt arbetsmaterial" not in (ws.oddHeader.center.text or "")]
print("sheets", len(wb.worksheets), "unmarked", ",".join(bad) or "-")
PY
)
expect_eq "$out" "sheets 4 unmarked -" "varje blad är märkt, i cellen A1 och i sidhuvudet"
# no personnummer, no pseudonym: in the CSV and in every part of the XLSX
mkdir x && (cd x && unzip -q ../pl/datakvalitet_lista.xlsx)
cat pl/datakvalitet_lista.csv x/xl/*.xml x/xl/worksheets/*.xml > all.txt
expect_eq "$(grep -cE '(19|20)[0-9]{6}[-+]?[0-9]{4}|[^0-9][0-9]{6}[-+][0-9]{4}' all.txt)" "0" \
    "inget personnummer i arbetslistan"
sqlite3 p.db "SELECT pseudonym FROM persons" > pseud
expect_eq "$(wc -l < pseud | tr -d ' ')" "300" "300 pseudonymer att leta efter"
expect_eq "$(grep -cFf pseud all.txt)" "0" "ingen pseudonym i arbetslistan"
months=$(awk '$1 == "utfall" { print $3 }' p.tot)
expect_eq "$(grep -c '^"A0[0-9]*",' pl/datakvalitet_lista.csv)" "$((n - months))" \
    "varje rad har ett ärende-id, utom de $months enhetsmånaderna"

# --- the log ---------------------------------------------------------------------
run --db p.db report datakvalitet $SIG --as-of "$asof" --format csv -o e
run --db p.db logg
expect_contains "$OUT" "arbetslista datakvalitet" "loggen visar arbetslistan"
expect_eq "$(echo "$OUT" | grep 'arbetslista datakvalitet' | grep -c ' intern ')" "1" "arbetslistan loggas som intern"
what() { echo "$OUT" | grep -E "^[^ ]+ +$1 "; }
expect_eq "$(what 'report datakvalitet' | grep -c ' intern ')" "1" "rapporten med --mottagare intern loggas som intern"
expect_eq "$(what 'report datakvalitet' | grep -c ' extern ')" "1" "rapporten utan --mottagare loggas som extern"

# --- usage -----------------------------------------------------------------------
run --db p.db report datakvalitet $SIG --lista --format pdf -o x2
expect_rc 2 "arbetslistan som PDF vägras"
expect_contains "$ERR" "bara som csv och xlsx" "och säger varför"
run --db p.db report datakvalitet $SIG --lista --mottagare extern -o x2
expect_rc 2 "en extern arbetslista vägras"
run --db p.db report verksamhet $SIG --period 2025 --lista -o x2
expect_rc 2 "verksamhet tar inte --lista"
expect_eq "$([ -e x2 ] && echo finns || echo saknas)" "saknas" "inget skrivet"

# A municipality's own rule that puts the pseudonym in arende: refused,
# nothing written.
mkdir rapporter
cat > rapporter/egen.ini <<'EOF'
[rapport]
titel = Egen kontroll
[regel smyg]
titel = Smyger ut pseudonymen
fråga = smyg
EOF
cat > rapporter/smyg.sql <<'EOF'
SELECT c.unit AS unit, p.pseudonym AS arende, 1 AS fel, c.start_date AS datum
FROM cases c JOIN persons p ON p.id = c.person_id WHERE c.start_date < ?2 AND ?1 IS NOT NULL
EOF
run --db p.db report egen $SIG --lista -o smyg
expect_rc 2 "en regel som ger något annat än ärende-id vägras"
expect_contains "$ERR" "inte är ärende-id" "och säger varför"
expect_eq "$([ -e smyg ] && ls smyg | wc -l || echo 0)" "0" "ingen arbetslista skrivs"
run --db p.db report egen $SIG --mottagare intern --format csv -o egen
expect_rc 0 "samma regel i rapporten (bara antal) går bra"
expect_eq "$(cat egen/*.csv | grep -cFf pseud)" "0" "utan pseudonymer"
# the first column is printed as a unit's name: a pseudonym there is
# refused in the report too, in a rule and in a table of one's own
cat > rapporter/enhet.ini <<'EOF'
[rapport]
titel = Egen enhet
[regel smyg]
titel = Pseudonymen som enhet
fråga = smyg_enhet
EOF
cat > rapporter/tabell.ini <<'EOF'
[rapport]
titel = Egen tabell
[tabell t]
titel = Pseudonymen som enhet
fråga = smyg_enhet
kolumn = fel | Fel | antal
EOF
cat > rapporter/smyg_enhet.sql <<'EOF'
SELECT p.pseudonym AS unit, c.case_id AS arende, 1 AS fel, c.start_date AS datum
FROM cases c JOIN persons p ON p.id = c.person_id WHERE c.start_date < ?2 AND ?1 IS NOT NULL
EOF
for r in enhet tabell; do
    run --db p.db report $r $SIG --period 2025 --mottagare intern --format csv -o smyg-$r
    expect_rc 2 "report $r: en pseudonym i enhetskolumnen vägras"
    expect_contains "$ERR" "inte är en enhet" "och felet säger varför"
    expect_eq "$([ -e smyg-$r ] && ls smyg-$r | wc -l || echo 0)" "0" "report $r: inget skrivs"
done
# a date that is not the case's (a birth date) is refused in the worklist
cat > rapporter/fodd.ini <<'EOF'
[rapport]
titel = Födelsedatum
[regel f]
titel = Födelsedatum bredvid ärendet
fråga = fodd
EOF
cat > rapporter/fodd.sql <<'EOF'
SELECT c.unit AS unit, c.case_id AS arende, 1 AS fel, p.birth_date AS datum
FROM cases c JOIN persons p ON p.id = c.person_id
WHERE p.birth_date IS NOT NULL AND c.start_date < ?2 AND ?1 IS NOT NULL
EOF
run --db p.db report fodd $SIG --lista -o fodd
expect_rc 2 "ett födelsedatum i arbetslistan vägras"
expect_contains "$ERR" "mer än 5 år före ärendets början" "och felet säger varför"
finish
