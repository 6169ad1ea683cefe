# The analysis export carries every measure (issue 17, item 6): every
# instrument, days per insats code in each window, goals per domain by
# status, meetings and the actors who took part, process times, every
# event and state, the form.  PSPP (Debian pspp) runs load.sps and reads
# the file with its variable and value labels; R runs load.R.  The sums
# over the SIG cohort are computed here in Python from the sample's CSV
# files (not from uppfolj's database or queries).
. "$(dirname "$0")/lib.sh"
cd "$T"
run --quiet init
run --quiet import "$SAMPLE"/*.csv
expect_rc 0 "exempeldata importerade"
ASOF=2026-06-30
run export --cohort 'SIG:programme=SIG' --cohort 'ordinarie:programme=ordinarie' --as-of $ASOF -o ex
expect_rc 0 "export av två kohorter"
head -n 1 ex/export.csv | tr ',' '\n' > cols.txt
ncol=$(wc -l < cols.txt)
for c in form days_referral_to_start days_consent_to_start years_at_risk_before \
    convictions_during any_concern_report_after employment_baseline drug_free_after \
    stable_housing_baseline d_mst_d d_sis_b savry_followup yls_cmi_risk_followup \
    goals_skola_uppnatt meetings_during meetings_per_month met_polis; do
    grep -qx "$c" cols.txt && ok "kolumnen $c finns" || fail "kolumnen $c saknas"
done
long=$(awk 'length($0) > 32' cols.txt | wc -l)
expect_eq "$long" "0" "inget kolumnnamn är längre än 32 tecken (Stata)"

# ---- independent sums over the SIG cohort, from the CSV files -------------
python3 - "$SAMPLE" "$ASOF" > want.txt <<'PY'
import csv, datetime, sys
d = lambda s: datetime.date.fromisoformat(s) if s else None
src, asof = sys.argv[1], d(sys.argv[2])
one = datetime.timedelta(days=1)
rd = lambda n: list(csv.DictReader(open(f"{src}/{n}.csv", encoding="utf-8"), delimiter=";"))
cases = [c for c in rd("cases") if c["programme"] == "SIG" and c["start_date"]
         and d(c["start_date"]) <= asof]
ivs = rd("interventions")
case_person = {c["case_id"]: c["person"] for c in rd("cases")}
out = {}
def add(k, v):
    out[k] = out.get(k, 0) + v
for c in cases:
    s = d(c["start_date"])
    e = d(c["end_date"]) if c["end_date"] and d(c["end_date"]) <= asof else None
    wd = d(c["consent_withdrawn_date"])
    consent = c["followup_consent"] == "ja"
    if c["referral_date"]:
        add("days_referral_to_start", (s - d(c["referral_date"])).days)
        add("n_referral", 1)
    add("form_" + (c["form"] or "-"), 1)
    if not consent:
        continue
    # the during window [start, end) or [start, as-of]; days per insats
    # code: the person's interventions of that code, overlapping days once
    to = e if e else asof + one
    days = {}
    for x in ivs:
        p = x.get("person") or case_person.get(x["case_id"])
        if p != c["person"] or not x["start_date"] or d(x["start_date"]) > asof:
            continue
        xe = d(x["end_date"])
        end = asof + one if not xe or xe > asof else xe + one
        lo, hi = max(d(x["start_date"]), s), min(end, to)
        day = lo
        while day < hi:
            days.setdefault(x["insats"], set()).add(day)
            day += one
    for code, ds in days.items():
        add("d_%s_d" % code, len(ds))
for k in sorted(out):
    print(k, out[k])
PY
python3 - > got.txt <<'PY'
import csv
rows = [r for r in csv.DictReader(open("ex/export.csv", encoding="utf-8")) if r["cohort"] == "SIG"]
out = {}
for r in rows:
    for k, v in r.items():
        if k.startswith("d_") and k.endswith("_d") and v not in ("", "0"):
            out[k] = out.get(k, 0) + float(v)
    if r["days_referral_to_start"]:
        out["days_referral_to_start"] = out.get("days_referral_to_start", 0) + int(r["days_referral_to_start"])
        out["n_referral"] = out.get("n_referral", 0) + 1
    out["form_" + (r["form"] or "-")] = out.get("form_" + (r["form"] or "-"), 0) + 1
for k in sorted(out):
    v = out[k]
    print(k, int(v) if v == int(v) else v)
PY
expect_eq "$(cat got.txt)" "$(cat want.txt)" \
    "SIG: dagar per insats under insatsen, dagar från aktualisering till start och insatsform = Python på CSV-filerna ($(wc -l < want.txt) summor)"

# ---- PSPP runs load.sps: labels and values ----------------------------------
if command -v pspp >/dev/null 2>&1; then
    cat > ex/check.sps <<'EOF'
INCLUDE FILE='load.sps'.
DISPLAY DICTIONARY /VARIABLES=sex form met_polis ester_risk_baseline d_mst_d.
FREQUENCIES /VARIABLES=sex form ester_risk_baseline.
DESCRIPTIVES /VARIABLES=suspicions_before d_mst_d meetings_during /STATISTICS=MEAN SUM.
EOF
    (cd ex && pspp -O format=csv -o pspp.csv check.sps > pspp.err 2>&1)
    expect_eq "$?" "0" "PSPP kör load.sps utan fel"
    out=$(cat ex/pspp.csv)
    expect_lacks "$(cat ex/pspp.err)" "error" "PSPP skriver inga fel"
    expect_contains "$out" "sex,5,Kön,Nominal" "PSPP: variabeln sex med sin etikett"
    expect_contains "$out" "d_mst_d," "PSPP: dagar med MST under insatsen"
    expect_contains "$out" "Dagar med insatsen MST under insatsen" "PSPP: variabeletiketten"
    expect_contains "$out" ",F,Flicka" "PSPP: värdeetiketten Flicka"
    expect_contains "$out" ",bistand,Bistånd" "PSPP: värdeetiketten Bistånd för insatsform"
    expect_contains "$out" "Polisen deltog i något möte under insatsen,0,Nej" "PSPP: ja/nej-etiketterna"
    want=$(python3 -c "
import csv
rows = list(csv.DictReader(open('ex/export.csv', encoding='utf-8')))
print(sum(r['sex'] == 'M' for r in rows), sum(r['ester_risk_baseline'] == '' for r in rows))")
    set -- $want
    expect_contains "$out" ",Pojke,$1," "PSPP: $1 pojkar, som i CSV-filen"
    expect_contains "$out" "Missing,,$2," "PSPP: $2 utan ESTER vid start räknas som saknade, inte som en kategori"
    sum=$(python3 -c "
import csv
rows = list(csv.DictReader(open('ex/export.csv', encoding='utf-8')))
print('%.2f' % sum(float(r['meetings_during']) for r in rows if r['meetings_during']))")
    expect_contains "$out" "$sum" "PSPP: summan av möten under insatsen ($sum) som i CSV-filen"
else
    fail "pspp saknas (apt-get install pspp)"
fi

# ---- R runs load.R ----------------------------------------------------------
if command -v Rscript >/dev/null 2>&1; then
    got=$(cd ex && Rscript -e 'source("load.R")
cat(ncol(uppfolj), "|", levels(uppfolj$form), "|", levels(uppfolj$ester_risk_baseline), "|",
    is.numeric(uppfolj$d_mst_d), "|", attr(uppfolj, "variable.labels")[["met_polis"]], "\n")' 2>&1)
    expect_eq "$got" "$ncol | Bistånd Service | Låg Medel Hög | TRUE | Polisen deltog i något möte under insatsen " \
        "R: load.R läser alla $ncol kolumner, faktorer med kodbokens etiketter, variabeletiketter"
else
    fail "Rscript saknas"
fi

# ---- Stata: the syntax load.do relies on (docs/export.md) -------------------
do=ex/load.do
for cmd in "import delimited" "label define" "generate byte" "label values" "label variable" "rename" "order"; do
    grep -q "^$cmd" $do && ok "load.do använder $cmd (dokumenterat)" || fail "load.do saknar $cmd"
done
grep -q "import delimited" "$TOP/docs/export.md" && ok "docs/export.md beskriver Stata-syntaxen" ||
    fail "docs/export.md saknar Stata-syntaxen"
finish
