# Every report covers one stated population (SPEC §9, issue 9): --program
# is required when the database holds several programmes, filters match as
# the importer reads values, a value, period or option a report cannot use
# is exit 2 with a Swedish message, and a period past the data is cut.
# Expected values come from sqlite3 on the imported rows.
. "$(dirname "$0")/lib.sh"
cd "$T"
run init
run import "$SAMPLE"/*.csv
expect_rc 0 "import"
q() { sqlite3 uppfolj.db "$1"; }
nsig=$(q "SELECT count(*) FROM cases WHERE programme = 'SIG'")
nord=$(q "SELECT count(*) FROM cases WHERE programme = 'ordinarie'")

# --- several programmes: the choice is required
run report arsrapport --year 2025 -o a
expect_rc 2 "arsrapport utan --program i en databas med två program"
expect_contains "$ERR" "SIG ($nsig ärenden)" "felet listar SIG med antal ärenden ($nsig)"
expect_contains "$ERR" "ordinarie ($nord ärenden)" "felet listar ordinarie med antal ärenden ($nord)"
[ ! -e a/arsrapport.pdf ] && ok "ingen rapport skrevs" || fail "en rapport skrevs ändå"
for r in "verksamhet --period 2025" "utfall"; do
    run report $r -o a
    expect_rc 2 "report $r utan --program"
done
run export --cohort 'F:sex=F' -o e
expect_rc 2 "export med en kohort utan program"

# --- arsrapport --program SIG counts only SIG (independent SQL, the
# definition of the key figures on the method page: a person active in
# the year = a case started before the year's end and not ended before it
# began, each person once)
run report arsrapport --year 2025 --program SIG --format csv,json,pdf -o a
expect_rc 0 "arsrapport --year 2025 --program SIG"
active=$(q "SELECT count(DISTINCT person_id) FROM cases WHERE programme = 'SIG'
            AND start_date <= '2025-12-31' AND (end_date IS NULL OR end_date >= '2025-01-01')")
all=$(q "SELECT count(DISTINCT person_id) FROM cases
         WHERE start_date <= '2025-12-31' AND (end_date IS NULL OR end_date >= '2025-01-01')")
expect_eq "$(grep '^"Unga i programmet under året"' a/arsrapport_nyckeltal.csv | cut -d, -f2)" \
    "$active" "unga i programmet 2025 = bara SIG ($active, alla program: $all)"
for k in "Startade ärenden:start_date" "Avslutade ärenden:end_date"; do
    label=${k%%:*}; col=${k#*:}
    # (ended: started cases that ended, as verksamhet counts them)
    n=$(q "SELECT count(*) FROM cases WHERE programme = 'SIG' AND start_date IS NOT NULL
           AND $col BETWEEN '2025-01-01' AND '2025-12-31'")
    expect_eq "$(grep "^\"$label\"" a/arsrapport_nyckeltal.csv | cut -d, -f2)" "$n" "$label 2025 = $n (bara SIG)"
done
pop=$(python3 -c "import json; print(json.load(open('a/arsrapport.json'))['population'])")
expect_eq "$pop" "program SIG ($nsig ärenden)" "JSON anger populationen i ord"
python3 -c "import json,sys; d=json.load(open('a/arsrapport.json')); sys.exit(0 if any(m.startswith('Population: rapporten omfattar program SIG') for m in d['method']) else 1)" \
    && ok "metoddelen anger populationen" || fail "metoddelen anger inte populationen"
front=$(pdftotext -f 1 -l 1 a/arsrapport.pdf - 2>/dev/null)
expect_contains "$front" "program SIG ($nsig ärenden)" "framsidan i PDF:en anger populationen"

# police participation in verksamhet 2025: SIG alone, by independent SQL
run report verksamhet --period 2025 --program SIG --format csv -o v
expect_rc 0 "verksamhet --period 2025 --program SIG"
pol=$(q "SELECT printf('%.6f', 100.0 * avg(EXISTS (SELECT 1 FROM meetings m WHERE m.case_id = c.id
          AND m.date BETWEEN '2025-01-01' AND '2025-12-31' AND m.participants LIKE '%polis%')))
        FROM cases c WHERE c.programme = 'SIG' AND c.start_date <= '2025-12-31'
          AND (c.end_date IS NULL OR c.end_date >= '2025-01-01')")
expect_eq "$(printf '%.6f' "$(grep '^"Totalt"' v/verksamhet_moten.csv | cut -d, -f4)")" "$pol" \
    "andel SIG-ärenden där polisen deltog ($pol %)"

# --- the default programme of uppfolj.conf, and a breakdown by programme
printf '[rapporter]\nprogram = SIG\n' > uppfolj.conf
run report arsrapport --year 2025 --format csv -o c
expect_rc 0 "program = SIG i uppfolj.conf räcker"
expect_eq "$(grep '^"Unga i programmet under året"' c/arsrapport_nyckeltal.csv | cut -d, -f2)" \
    "$active" "samma siffra med programmet från uppfolj.conf"
rm uppfolj.conf
run report utfall --by programme --format csv -o b
expect_rc 0 "utfall --by programme behöver inget --program"

# --- filters match as the importer does
run report verksamhet --period 2025 --program sig --unit söderdal --format json -o l
expect_rc 0 "--program sig --unit söderdal (små bokstäver)"
expect_eq "$(python3 -c "import json; print(json.load(open('l/verksamhet.json'))['unit'])")" \
    "Söderdal" "enheten visas som den är lagrad"
run report verksamhet --period 2025 --program SIG --unit Sdal -o x
expect_rc 2 "--unit Sdal"
expect_contains "$ERR" "enheten Sdal finns inte bland ärendena (finns: Norrstaden, Söderdal, Västervik)" \
    "felet listar enheterna som finns"
run report utfall --cohort 'X:programme=SIGX' -o x
expect_rc 2 "--cohort med ett program som inte finns"
expect_contains "$ERR" "finns: ordinarie, SIG" "felet listar programmen (i svensk ordning)"
run report kohort --cohort 'A:programme=sig' --cohort 'B:programme=ORDINARIE' --format json -o k
expect_rc 0 "kohort med program i andra bokstäver"
run report utfall --cohort 'F:programme=SIG,sex=F' --format csv -o f
expect_rc 0 "utfall med en --cohort som population"
nf=$(q "SELECT count(*) FROM cases c JOIN persons p ON p.id = c.person_id
        WHERE c.programme = 'SIG' AND p.sex = 'F' AND c.start_date <= '2026-10-31'")
expect_contains "$(cat f/utfall_urval.csv 2>/dev/null)" "$nf" "urvalet har $nf ärenden (SIG, flickor)"

# --- periods and years outside the data
first=$(q "SELECT min(d) FROM (SELECT referral_date d FROM cases WHERE programme = 'SIG'
           UNION ALL SELECT consent_date FROM cases WHERE programme = 'SIG'
           UNION ALL SELECT start_date FROM cases WHERE programme = 'SIG')")
run report arsrapport --year 2015 --program SIG -o x
expect_rc 2 "--year 2015 (före datat)"
expect_contains "$ERR" "datum från $first" "felet anger var datat börjar ($first)"
run report verksamhet --period 2030-Q1 --program SIG -o x
expect_rc 2 "--period 2030-Q1 (efter datat)"
expect_contains "$ERR" "datumet för uttaget är 2026-10-31" "felet anger datumet för uttaget"
run report verksamhet --period 2026 --program SIG --format csv,json -o p
expect_rc 0 "--period 2026 går förbi uttaget"
expect_contains "$(python3 -c "import json; print(json.load(open('p/verksamhet.json'))['period'])")" \
    "2026-01-01 – 2026-10-31 (avkortad vid datumet för uttaget)" "perioden är avkortad på framsidan"
ong=$(q "SELECT count(*) FROM cases WHERE programme = 'SIG' AND start_date <= '2026-10-31'
         AND (end_date IS NULL OR end_date > '2026-10-31')")
expect_eq "$(grep '^"Totalt"' p/verksamhet_flode.csv | cut -d, -f5)" "$ong" \
    "pågående vid periodens slut = vid uttaget ($ong)"

run report utfall --program SIG --as-of 2099-01-01 -o x
expect_rc 2 "--as-of efter dagens datum"
expect_contains "$ERR" "--as-of 2099-01-01 ligger efter dagens datum" "felet säger varför"

# --- options each report takes
run report utfall --period 2025 --program SIG -o x
expect_rc 2 "utfall --period"
expect_contains "$ERR" "rapporten utfall tar inte --period" "felet nämner rapporten och flaggan"
run report verksamhet --period 2025 --by nonsens --program SIG -o x
expect_rc 2 "verksamhet --by"
expect_contains "$ERR" "rapporten verksamhet tar inte --by" "verksamhet tar inte --by"
run report kohort --year 2025 --cohort 'A:programme=SIG' --cohort 'B:programme=ordinarie' -o x
expect_rc 2 "kohort --year"
run report arsrapport --year 2025 --program SIG --cohort 'A:sex=F' --cohort 'B:sex=M' -o x
expect_rc 2 "arsrapport med två --cohort"
run report utfall --program SIG --by nonsens -o x
expect_rc 2 "utfall --by nonsens"

# --- export: the same population rules
run export --program SIG --cohort 'F:sex=F' -o e
expect_rc 0 "export --program SIG --cohort F:sex=F"
expect_eq "$(rows e/export.csv)" "$nf" "exporten har SIG-flickornas ärenden ($nf)"
run export --cohort 'S:programme=sig' -o e2
expect_rc 0 "export med programmet i kohorten"
finish
