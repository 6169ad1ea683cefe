# One code book (issue 11): whatever a report prints is accepted on
# import (labels, in any case, with or without å ä ö), the old spellings
# still are, an unknown value is refused with the list of codes, a report
# definition names a code list (kodlista) instead of repeating labels, and
# the XLSX workbook's company is the organisation of uppfolj.conf.
. "$(dirname "$0")/lib.sh"
cd "$T"
q() { sqlite3 uppfolj.db "$1"; }

# ---- 1. labels as the reports print them
{ echo "person;birth_date;sex;unit"
  echo "P001;2008-01-01;Flickor;Norr"
  echo "P002;2008-02-01;pojke;Norr"
  echo "P003;2008-03-01;Annat kön;Norr"
} > persons.csv
{ echo "case_id;person;programme;unit;target_group;referred_by;consent_date;start_date;end_date;end_reason;followup_consent"
  echo "A001;P001;SIG;Norr;Avhoppare;Skolan;2024-01-01;2024-01-01;2024-06-30;Målen uppfyllda;Ja"
  echo "A002;P002;SIG;Norr;riskzon;fritidsverksamhet;2024-01-01;2024-01-01;2024-06-30;FORTSATT BROTTSLIGHET;1"
  echo "A003;P003;SIG;Norr;Riskzon;Egen ansökan;2024-01-01;2024-01-01;;;nej"
} > cases.csv
{ echo "case_id;insats;provider;start_date;end_date"
  echo "A001;Särskilt kvalificerad kontaktperson;Socialtjänsten;2024-01-10;2024-03-01"
  echo "A002;mst;socialtjanst;2024-01-10;2024-03-01"
} > interventions.csv
{ echo "assessment_id;case_id;instrument;date;total_score;risk_level"
  echo "B001;A001;YLS/CMI;2024-01-05;20;Hög"
} > assessments.csv
{ echo "case_id;domain;set_date;followup_date;status"
  echo "A001;Sysselsättning;2024-01-15;2024-03-01;Delvis uppnått"
} > goals.csv
run init
run import persons.csv cases.csv interventions.csv assessments.csv goals.csv
expect_rc 0 "import med etiketterna som rapporterna skriver"
expect_eq "$(q "SELECT group_concat(sex, ',') FROM (SELECT sex FROM persons ORDER BY sex)")" "F,M,X" \
    "kön sparas som koderna F, M, X"
expect_eq "$(q "SELECT group_concat(target_group || '/' || referred_by || '/' || coalesce(end_reason, '-') || '/' || followup_consent, ' ') FROM (SELECT * FROM cases ORDER BY case_id)")" \
    "avhopp/skola/mal_uppfyllda/1 riskzon/fritid/fortsatt_brottslighet/1 riskzon/egen/-/0" \
    "målgrupp, aktualiserad av, avslutsorsak och samtycke sparas som koder"
expect_eq "$(q "SELECT insats || '/' || provider FROM interventions ORDER BY insats LIMIT 1")" "mst/socialtjanst" "insats och utförare (kod)"
expect_eq "$(q "SELECT count(*) FROM interventions WHERE insats = 'skk' AND provider = 'socialtjanst'")" "1" \
    "insats och utförare (etikett) sparas som koder"
expect_eq "$(q "SELECT instrument || '/' || risk_level FROM assessments")" "yls_cmi/hog" "instrument och risknivå som koder"
expect_eq "$(q "SELECT domain || '/' || status FROM goal_followups")" "sysselsattning/delvis" "område och målstatus som koder"

# ---- 2. an unknown value is refused, naming the codes
{ echo "person;birth_date;sex;unit"; echo "P009;2008-01-01;Okänt;Norr"; } > bad.csv
run import bad.csv
expect_rc 2 "okänt kön"
expect_contains "$ERR" "okänt värde 'Okänt' för kön (tillåtet: F, M, X)" "felet listar koderna"

# ---- 3. the round trip: the labels of a report's CSV import back
run report verksamhet --period 2024 --program SIG --format csv -o v
expect_rc 0 "verksamhet 2024"
{ echo "case_id;person;programme;unit;consent_date;start_date;end_date;end_reason"
  i=10
  sed 1d v/verksamhet_avslut.csv | cut -d, -f1 | tr -d '"' | grep -v '^Totalt$' | while read -r label; do
      echo "A0$i;P001;SIG;Norr;2024-01-01;2024-01-01;2024-06-30;$label"; i=$((i + 1))
  done
} > roundtrip.csv
expect_eq "$(sed 1d roundtrip.csv | wc -l)" "6" "verksamhetens avslutsorsaker: sex etiketter"
run import roundtrip.csv
expect_rc 0 "etiketterna ur rapporten läses in igen"
expect_eq "$(q "SELECT count(DISTINCT end_reason) FROM cases WHERE case_id LIKE 'A0%' AND case_id >= 'A010'")" "6" \
    "sex olika avslutsorsaker"

# ---- 4. a report definition names a code list
mkdir rapporter
cat > rapporter/kodtest.ini <<'INI'
[rapport]
titel = Kodtest
beskrivning = test av kodlista

[tabell avslut]
avsnitt = Avslut
titel = Avslutade efter orsak
fråga = kodtest_avslut
form = kategorier
kodlista = avslutsorsak
INI
cat > rapporter/kodtest_avslut.sql <<'SQL'
SELECT c.unit, c.end_reason FROM cases c WHERE c.end_date >= ?1 AND c.end_date < ?2
SQL
run report kodtest --period 2024 --program SIG --format csv -o k
expect_rc 0 "rapport med kodlista = avslutsorsak"
expect_eq "$(cut -d, -f1 k/kodtest_avslut.csv | tr -d '"' | tr '\n' '|')" \
    "category|Målen uppfyllda|Avhopp|Fortsatt brottslighet|Placering|Flytt|Annan orsak|Totalt|" \
    "kategorierna är kodbokens etiketter i dess ordning"
sed -i 's/kodlista = avslutsorsak/kodlista = avslutsorsaker/' rapporter/kodtest.ini
run report kodtest --period 2024 --program SIG --format csv -o k2
expect_rc 2 "okänd kodlista"
expect_contains "$ERR" "okänd kodlista 'avslutsorsaker' (finns: kon, malgrupp" "felet listar kodlistorna"

# ---- 5. the workbook's company is the organisation
rm -r rapporter
printf '[organisation]\nnamn = Provkommunen\n' > uppfolj.conf
run report verksamhet --period 2024 --program SIG --format xlsx -o x
expect_rc 0 "verksamhet som XLSX"
expect_eq "$(python3 -c '
import re, sys, zipfile
app = zipfile.ZipFile("x/verksamhet.xlsx").read("docProps/app.xml").decode()
print(re.search("<Company>(.*)</Company>", app).group(1))')" "Provkommunen" "XLSX: företag = organisationen i uppfolj.conf"
# ---- 6. a unit named "Totalt" is a unit, not the total (its counts are a
# figure of their own for disclosure control): the report is written and
# its Totalt row still adds up over the units
mkdir tot && cd tot
sed 's/;Norrstaden/;Totalt/' "$SAMPLE/persons.csv" > persons.csv
sed 's/;Norrstaden;/;Totalt;/' "$SAMPLE/cases.csv" > cases.csv
for f in interventions assessments outcomes goals meetings; do cp "$SAMPLE/$f.csv" .; done
run init
run import persons.csv cases.csv interventions.csv assessments.csv outcomes.csv goals.csv meetings.csv
expect_rc 0 "import med en enhet som heter Totalt"
run report verksamhet --period 2025 --program SIG --format csv,json -o v
expect_rc 0 "verksamhet med en enhet som heter Totalt"
expect_contains "$(head -n 1 v/verksamhet_kon.csv)" "unit_Totalt" "enheten Totalt har sin kolumn"
check_disclosure v/verksamhet.json
cd ..
finish
