# Issue 16, item 3 in verksamhet and the årsrapport: the path from referral
# to start (where the cases referred in the period stand), re-referral
# within 12 months and the actions of the åtgärdsplaner per responsible
# actor, on sample-data/ for 2025.  The expected figures are computed here in Python
# from the sample's CSV files, from the issue's definitions (not with
# uppfolj's database or queries).  The internal audience hides nothing,
# so every cell is compared; the external report must show the same value
# wherever it shows one, and pass the disclosure audit.
. "$(dirname "$0")/lib.sh"
cd "$T"
run --quiet init
run --quiet import "$TOP"/sample-data/*.csv
expect_rc 0 "exempeldata importerade"
run report verksamhet --program SIG --period 2025 --mottagare intern --format csv,json -o i
expect_rc 0 "verksamhet 2025, intern"
run report verksamhet --program SIG --period 2025 --format csv,json,pdf -o e
expect_rc 0 "verksamhet 2025, extern"
run report arsrapport --program SIG --year 2025 --mottagare intern --format csv -o ai
expect_rc 0 "årsrapport 2025, intern"
run report arsrapport --program SIG --year 2025 --format csv,json,pdf -o ae
expect_rc 0 "årsrapport 2025, extern"

out=$(python3 - "$TOP/sample-data" i e ai ae <<'PY'
import csv, datetime, sys
data, intern, extern, ars_intern, ars_extern = sys.argv[1:6]
def rows(name):
    return list(csv.DictReader(open(f"{data}/{name}.csv", encoding="utf-8"), delimiter=";"))
def day(s):
    return datetime.date.fromisoformat(s) if s else None
def table(d, name, report="verksamhet"):
    lines = open(f"{d}/{report}_{name}.csv", encoding="utf-8").read().splitlines()
    if lines[0].startswith('"Internt'):  # the internal report's first line
        lines = lines[1:]
    return {r[next(iter(r))]: r for r in csv.DictReader(lines)}
bad = 0
def check(what, got, want):
    global bad
    ok = got == want
    bad += not ok
    print(("ok   - " if ok else "FAIL - ") + f"{what}: {got}" + ("" if ok else f", väntade {want}"))

cases = [c for c in rows("cases") if c["programme"] == "SIG"]
y0, y1 = datetime.date(2025, 1, 1), datetime.date(2026, 1, 1)
units = sorted({c["unit"] for c in cases})

# The path: the cases referred in 2025, each by the furthest step reached
# (started; consented; declined; assessed as not relevant; closed; open).
def step(c):
    if c["start_date"]: return "Startade"
    if c["consent_date"]: return "Samtycke, inte startat"
    if c["consent_declined_date"]: return "Tackade nej till insatsen"
    if c["offer"] == "ej_aktuell": return "Bedömda som inte aktuella"
    if c["end_date"]: return "Avslutade före erbjudande eller besked"
    return "Ännu inget besked"
referred = [c for c in cases if y0 <= day(c["referral_date"]) < y1]
vag = table(intern, "vag")
for label in ["Startade", "Samtycke, inte startat", "Tackade nej till insatsen",
              "Bedömda som inte aktuella", "Avslutade före erbjudande eller besked", "Ännu inget besked"]:
    want = [sum(1 for c in referred if c["unit"] == u and step(c) == label) for u in units]
    got = [int(vag[label][f"unit_{u}"]) for u in units]
    check(f"vägen: {label} per enhet", got, want)
    check(f"vägen: {label} totalt", int(vag[label]["total"]), sum(want))
check("vägen: totalraden = aktualiserade", int(vag["Totalt"]["total"]), len(referred))
check("vägen: totalraden = flödestabellens aktualiserade", vag["Totalt"]["total"],
      table(intern, "flode")["Totalt"]["aktualiserade"])
left = sum(1 for c in referred if step(c) != "Startade")
check("vägen: några lämnade vägen före start", left >= 5, True)

# Re-referral: started cases ended in 2024 (the period a year back) whose
# person has another SIG case referred after the end, at most 12 months on
# (29 February + 12 months = 1 March, as SQLite counts).
def plus_year(d):
    try: return d.replace(year=d.year + 1)
    except ValueError: return datetime.date(d.year + 1, 3, 1)
ended = [c for c in cases if c["start_date"] and c["end_date"]
         and datetime.date(2024, 1, 1) <= day(c["end_date"]) < y0]
def again(c):
    e = day(c["end_date"])
    return any(o is not c and o["person"] == c["person"] and o["referral_date"]
               and e < day(o["referral_date"]) <= plus_year(e) for o in cases)
ater = table(intern, "ater")
for u in units + ["Totalt"]:
    mine = [c for c in ended if u == "Totalt" or c["unit"] == u]
    check(f"återaktualisering {u}: avslutade 2024", int(ater[u]["avslutade"]), len(mine))
    share = 100 * sum(map(again, mine)) / len(mine)
    check(f"återaktualisering {u}: andel", round(float(ater[u]["ater"]), 9), round(share, 9))
check("återaktualisering: någon aktualiserades igen", any(map(again, ended)), True)

# Actions of the SIG cases, per responsible actor.
case_ids = {c["case_id"] for c in cases}
actions = [a for a in rows("actions") if a["case_id"] in case_ids]
label = {"socialtjanst": "Socialtjänsten", "polis": "Polisen", "skola": "Skolan", "bup": "BUP",
         "fritid": "Fritid", "af": "Arbetsförmedlingen"}
def counts(a):
    pl, due, done = day(a["planned_date"]), day(a["due_date"]), day(a["done_date"])
    in_time = due and done and done <= due
    late = (done and done >= y1) or (not done and a["status"] != "genomford")
    return {"planerade": bool(pl and y0 <= pl < y1),
            "genomforda": bool(done and y0 <= done < y1),
            "forfallna": bool(due and y0 <= due < y1),
            "i_tid": bool(due and y0 <= due < y1 and in_time),
            "inte_i_tid": bool(due and y0 <= due < y1 and not in_time),
            "forsenade": bool(due and due < y1 and late
                              and a["status"] not in ("avbruten", "ej_genomford"))}
atg = table(intern, "atgarder")
cols = ["planerade", "genomforda", "forfallna", "i_tid", "inte_i_tid", "forsenade"]
for code, name in label.items():
    want = [sum(counts(a)[k] for a in actions if a["actor"] == code) for k in cols]
    check(f"åtgärder {name}", [int(atg[name][k]) for k in cols], want)
want = [sum(counts(a)[k] for a in actions) for k in cols]
check("åtgärder totalt", [int(atg["Totalt"][k]) for k in cols], want)
check("åtgärder: polis och skola har försenade eller sena åtgärder",
      int(atg["Polisen"]["inte_i_tid"]) > 0 and int(atg["Skolan"]["inte_i_tid"]) > 0, True)

# The årsrapport's page for the styrgrupp: the same year, the same figures.
avag = table(ars_intern, "vag", "arsrapport")
check("årsrapporten: vägen = verksamhet 2025", avag == vag, True)
aatg = table(ars_intern, "atgarder", "arsrapport")
acols = ["forfallna", "i_tid", "inte_i_tid", "forsenade"]
check("årsrapporten: åtgärderna = verksamhet 2025",
      {k: [r[c] for c in acols] for k, r in aatg.items()}
      == {k: [r[c] for c in acols] for k, r in atg.items()}, True)

# The external report shows the internal value wherever it shows one.
shown = hidden = 0
for di, de, name, rep in [(intern, extern, "vag", "verksamhet"), (intern, extern, "ater", "verksamhet"),
                          (intern, extern, "atgarder", "verksamhet"),
                          (ars_intern, ars_extern, "vag", "arsrapport"),
                          (ars_intern, ars_extern, "atgarder", "arsrapport")]:
    a, b = table(di, name, rep), table(de, name, rep)
    for k, r in b.items():
        for col, v in r.items():
            if col == "suppressed" or col == next(iter(r)):
                continue
            if v == "":
                hidden += 1
            else:
                shown += 1
                if v != a[k][col]:
                    check(f"extern {name} {k} {col}", v, a[k][col])
check(f"extern: {shown} visade celler som i intern, {hidden} dolda", shown > 0 and hidden > 0, True)
print(f"fel: {bad}")
PY
)
echo "$out" | grep -v '^fel:'
PASS=$((PASS + $(echo "$out" | grep -c '^ok'))); FAILED=$((FAILED + $(echo "$out" | grep -c '^FAIL')))
expect_eq "$(echo "$out" | tail -n 1)" "fel: 0" "vägen, återaktualisering och åtgärder = beräkningen från CSV-filerna"
check_disclosure e/verksamhet.json
check_disclosure ae/arsrapport.json
check_pdf e verksamhet
check_pdf ae arsrapport
expect_contains "$(pdftotext e/verksamhet.pdf - 2>/dev/null)" "Samverkansparternas åtaganden" \
    "PDF:en har avsnittet om samverkansparternas åtaganden"
expect_contains "$(pdftotext ae/arsrapport.pdf - 2>/dev/null)" "Samverkansparternas åtaganden" \
    "årsrapporten har sidan om samverkansparternas åtaganden"
finish
