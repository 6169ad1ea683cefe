# export: the de-identified analysis export of SIG and ordinarie from the
# sample data.  Row counts per cohort, the sum of suspicions before start
# and the start months agree with independent sqlite3 queries written here
# from SPEC §5 (not uppfolj's queries); no file holds a database
# pseudonym, a personnummer or a full date; two exports have different ids
# and otherwise the same rows; R loads the export with load.R; the SPSS
# and Stata scripts have the expected shape.
. "$(dirname "$0")/lib.sh"
cd "$T"
run init
run import "$SAMPLE"/*.csv
expect_rc 0 "import"
ASOF=2026-06-30

run export --cohort 'SIG:programme=SIG' --cohort 'ordinarie:programme=ordinarie' \
    --as-of $ASOF -o ex1
expect_rc 0 "export av två kohorter"
OUT1=$OUT
for f in export.csv export.xlsx kodbok.csv load.R load.sps load.do; do
    [ -s ex1/$f ] && ok "$f skrevs" || fail "$f saknas"
done

# rows per cohort: stdout and the file against sqlite3
for p in SIG ordinarie; do
    n=$(sql uppfolj.db "SELECT count(*) FROM cases WHERE programme = '$p'
                        AND start_date IS NOT NULL AND start_date <= '$ASOF'")
    expect_contains "$OUT1" "  $p: $n rader" "stdout: $p har $n rader"
    got=$(python3 -c "import csv,sys; print(sum(1 for r in csv.DictReader(open('ex1/export.csv', encoding='utf-8')) if r['cohort'] == sys.argv[1]))" "$p")
    expect_eq "$got" "$n" "export.csv: $p har $n rader som i databasen"
done

# suspicions in the 12 months before start, cases with follow-up consent
want=$(sql uppfolj.db "SELECT CAST(total(o.value) AS INTEGER) FROM cases c
    JOIN outcomes o ON o.person_id = c.person_id
    WHERE (c.programme = 'SIG' OR c.programme = 'ordinarie') AND c.followup_consent = 1
      AND c.start_date <= '$ASOF' AND o.measure = 'misstanke_brott'
      AND o.date >= date(c.start_date, '-12 months') AND o.date < c.start_date")
want_susp=$want
got=$(python3 -c "import csv; print(int(sum(float(r['suspicions_before'] or 0) for r in csv.DictReader(open('ex1/export.csv', encoding='utf-8')))))")
expect_eq "$got" "$want" "summan av suspicions_before ($got) som i databasen"

want=$(sql uppfolj.db "SELECT m || ' ' || n FROM (SELECT substr(start_date, 1, 7) AS m,
    count(*) AS n FROM cases
    WHERE (programme = 'SIG' OR programme = 'ordinarie') AND start_date <= '$ASOF'
    GROUP BY m)" | sort)
got=$(python3 -c "
import csv, collections
c = collections.Counter(r['start_month'] for r in csv.DictReader(open('ex1/export.csv', encoding='utf-8')))
for k, v in sorted(c.items()): print(k, v)" | sort)
expect_eq "$got" "$want" "start_month fördelas som startdatumen i databasen"

want=$(sql uppfolj.db "SELECT count(*) FROM cases WHERE followup_consent = 0
    AND (programme = 'SIG' OR programme = 'ordinarie') AND start_date <= '$ASOF'")
got=$(python3 -c "
import csv
rows = list(csv.DictReader(open('ex1/export.csv', encoding='utf-8')))
cols = list(rows[0].keys())
m = cols[cols.index('years_before'):]
no = [r for r in rows if r['followup_consent'] == '0']
print(len(no), sum(1 for r in no if any(r[c] for c in m)))")
expect_eq "$got" "$want 0" "utan samtycke: $want rader, alla mått tomma"

# ids: p + 12 hex; a person's cases share one; as many ids as persons
got=$(python3 -c "
import csv, re
rows = list(csv.DictReader(open('ex1/export.csv', encoding='utf-8')))
print(sum(1 for r in rows if not re.fullmatch(r'p[0-9a-f]{12}', r['id'])), len(set(r['id'] for r in rows)))")
want=$(sql uppfolj.db "SELECT count(DISTINCT person_id) FROM cases
    WHERE (programme = 'SIG' OR programme = 'ordinarie') AND start_date <= '$ASOF'")
expect_eq "$got" "0 $want" "alla id har formen p + 12 hex, ett per person ($want)"

# nothing identifying: database pseudonyms, personnummer, full dates
python3 -c "
import zipfile
z = zipfile.ZipFile('ex1/export.xlsx')
open('xlsx.txt', 'w', encoding='utf-8').write(''.join(z.read(n).decode('utf-8') for n in z.namelist() if n.startswith('xl/')))"
sql uppfolj.db "SELECT pseudonym FROM persons" > pseud.txt
awk -F';' 'NR > 1 && $1 ~ /^[0-9]/ { print $1 }' "$SAMPLE/persons.csv" > pnr.txt
: > needles.txt
while read -r p; do
    d=$(printf '%s' "$p" | tr -d -- '-+')
    echo "$p" >> needles.txt
    case ${#d} in
        12) echo "$d" >> needles.txt; echo "${d#??}" >> needles.txt ;;
        10) echo "$d" >> needles.txt ;;
    esac
done < pnr.txt
echo "$OUT1" > stdout.txt
files="ex1/export.csv ex1/kodbok.csv ex1/load.R ex1/load.sps ex1/load.do xlsx.txt stdout.txt"
hits=$(cat $files | grep -F -c -f pseud.txt)
expect_eq "$hits" "0" "ingen databaspseudonym i exporten"
hits=$(cat $files | grep -F -c -f needles.txt)
expect_eq "$hits" "0" "inget personnummer i exporten"
# (stdout names the as-of date, which is no person's)
hits=$(cat ${files% stdout.txt} | grep -E -c '[0-9]{4}-[0-9]{2}-[0-9]{2}')
expect_eq "$hits" "0" "inget fullständigt datum i exportens filer"
case_ids=$(sql uppfolj.db "SELECT case_id FROM cases" | head -50)
hits=$(printf '%s\n' "$case_ids" | grep -F -c -f - ex1/export.csv)
expect_eq "$hits" "0" "inga ärende-id ur databasen"

# a second export: new ids, the same other columns
run export --cohort 'SIG:programme=SIG' --cohort 'ordinarie:programme=ordinarie' \
    --as-of $ASOF -o ex2
expect_rc 0 "andra exporten"
got=$(python3 -c "
import csv
def load(p):
    rows = list(csv.DictReader(open(p, encoding='utf-8')))
    return set(r['id'] for r in rows), sorted(tuple(v for k, v in r.items() if k != 'id') for r in rows)
i1, r1 = load('ex1/export.csv'); i2, r2 = load('ex2/export.csv')
print(len(i1 & i2), r1 == r2)")
expect_eq "$got" "0 True" "ny export: inga gemensamma id, samma övriga kolumner"

# R loads it with the generated script
if command -v Rscript >/dev/null 2>&1; then
    n=$(sql uppfolj.db "SELECT count(*) FROM cases WHERE (programme = 'SIG' OR programme = 'ordinarie')
        AND start_date <= '$ASOF'")
    got=$(cd ex1 && Rscript -e 'source("load.R"); cat(nrow(uppfolj), "|", levels(uppfolj$cohort), "|", levels(uppfolj$sex), "|", is.factor(uppfolj$end_reason), "|", sum(uppfolj$suspicions_before, na.rm = TRUE)); cat("\n")' 2>&1)
    expect_eq "$got" "$n | SIG ordinarie | Flicka Pojke Annat kön | TRUE | $want_susp" "R läser exporten med load.R"
else
    ok "R-testet hoppas över: Rscript saknas"
fi

# SPSS and Stata: the shape of the scripts (they cannot run here)
ncol=$(head -n 1 ex1/export.csv | tr ',' '\n' | wc -l)
sps=ex1/load.sps
expect_eq "$(grep -c '^GET DATA' $sps) $(grep -c "/TYPE=TXT" $sps) $(grep -c "/FILE='export.csv'" $sps)" "1 1 1" "load.sps: GET DATA /TYPE=TXT /FILE"
vars=$(sed -n '/\/VARIABLES=/,/\.$/p' $sps | grep -c -E '^    [a-z_]+ (A[0-9]+|F[0-9]+\.[0-9]+)\.?$')
expect_eq "$vars" "$ncol" "load.sps: en variabel med format per kolumn"
expect_eq "$(grep -c '^VARIABLE LABELS' $sps) $(grep -c '^VALUE LABELS' $sps) $(tail -n 1 $sps)" "1 1 EXECUTE." "load.sps: VARIABLE LABELS, VALUE LABELS, EXECUTE."
expect_contains "$(cat $sps)" "/sex 'F' 'Flicka' 'M' 'Pojke' 'X' 'Annat kön'" "load.sps: värdeetiketter för kön"
do=ex1/load.do
expect_eq "$(grep -c '^import delimited using "export.csv"' $do)" "1" "load.do: import delimited"
expect_eq "$(grep -c '^label variable ' $do)" "$ncol" "load.do: label variable för varje kolumn"
expect_contains "$(cat $do)" 'label define sex_l 1 "Flicka" 2 "Pojke" 3 "Annat kön"' "load.do: label define för kön"
expect_contains "$(cat $do)" "label values sex sex_l" "load.do: label values"
long=$(grep '^label variable' $do | awk -F'"' 'length($2) > 80' | wc -l)
expect_eq "$long" "0" "load.do: variabeletiketter högst 80 byte"
quotes=$(grep -v '^\*' $do | tr -cd '"' | wc -c)
expect_eq "$((quotes % 2))" "0" "load.do: citattecknen går jämnt ut"

# bad usage
run export -o ex3
expect_rc 2 "utan --cohort"
run export --cohort 'SIG' -o ex3
expect_rc 2 "felaktig --cohort"
run export --cohort 'A:programme=SIG' --cohort 'A:programme=ordinarie' -o ex3
expect_rc 2 "samma kohortnamn två gånger"
run export --cohort 'SIG:programme=SIG' --anchor mitten -o ex3
expect_rc 2 "felaktig --anchor"
finish
