# Every report as a reader gets it (issue 18): on sample-data/ and on a
# 25-youth data set, every report of every kind (extern and intern):
#   - no table shows nothing: each has a statistic shown, a count beside
#     the statistics that is not 0 (not an "n" column), or, in a table of
#     counts, some count shown (the rule written out here from the issue,
#     independently of model_prune.c);
#   - no bar chart has a category with a bar missing, or a series with no
#     bar; no line chart has a series of zeros only; every legend is in
#     its table's column order;
#   - every table the report had before disclosure control (the truth
#     binary's model) is either in the report or named in its section's
#     line "För få ärenden för att visa ...";
#   - one meaning per symbol: each symbol a table shows is explained by a
#     footnote of that table;
#   - the årsrapport and the kohort report open with the summary: 3 to 5
#     findings, at most two charts, and no figure in its sentences that
#     the tables do not show;
#   - the PDF: pdftoppm renders every page without a word on stderr, and
#     qpdf --check passes; the XLSX passes xlsx_check.py.
. "$(dirname "$0")/lib.sh"
cd "$T"
PY=/usr/bin/python3
TR=${UPPFOLJ_TRUTH:-}

reports() { # DB DIR YEAR: every report kind into DIR (json, pdf, xlsx), each
    # named in list.txt as "dir name"
    db=$1 dir=$2 year=$3
    : >list.txt
    set -- "utfall --by sex" "utfall --by insats" "utfall --by sex,age" \
        "arsrapport --year $year" "kohort --cohort SIG:programme=SIG --cohort J:programme=ordinarie" \
        "verksamhet --period $year" "datakvalitet"
    for r in "$@"; do
        name=${r%% *}
        tag=$(echo "$r" | tr -c 'a-z0-9\n' '_' | cut -c1-40)
        for who in extern intern; do
            prog="--program SIG"
            [ "$name" = kohort ] && prog=""
            out="$dir/$tag-$who"
            # (the binary itself, also in the valgrind pass: 28 reports under
            # valgrind would take minutes, and t0010-t0036 run each kind
            # under it; here what is checked is what the reports show)
            # shellcheck disable=SC2086
            "$UPPFOLJ" --db "$db" --quiet report $r $prog --mottagare $who --format json,pdf,xlsx \
                -o "$out" >"$T/out" 2>"$T/err"
            RC=$?
            ERR=$(cat "$T/err")
            expect_rc 0 "$dset: report $r ($who)"
            if [ -n "$TR" ] && [ "$who" = extern ]; then
                # shellcheck disable=SC2086
                "$TR" --db "$db" --quiet report $r $prog --format json -o "$out.truth" >/dev/null 2>&1
            fi
            echo "$out $name" >>list.txt
        done
    done
}

check_all() { # LIST: "dir name" per line
    while read -r dir name; do
        json=$dir/$name.json
        truth=$dir.truth/$name.truth.json
        [ -f "$truth" ] || truth=-
        out=$("$PY" - "$json" "$truth" "$dset" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
fails = []
STAT = ("number", "percent", "pvalue")

def seen(c):
    return not c.get("suppressed") and c.get("value") not in (None, "")

def base(col):
    return col["type"] == "count" and (col["id"] == "n" or col["id"].startswith("n_"))

for s in d["sections"]:
    for t in s["tables"]:
        cols = t["columns"]
        stats = any(c["type"] in STAT for c in cols)
        tests = stats and all(c["type"] in ("pvalue",) for c in cols if c["type"] in STAT)
        counts = any(c["type"] == "count" for c in cols)
        if tests or not (stats or counts):
            continue
        shows = False
        for r in t["rows"]:
            for c, col in zip(r["cells"], cols):
                if not seen(c):
                    continue
                if col["type"] in STAT or (col["type"] == "count" and (
                        not stats or (not base(col) and c["value"] != 0))):
                    shows = True
        if not shows:
            fails.append("tabellen %s visar inget" % t["id"])
        # one meaning per symbol, each explained beside it
        notes = " ".join(t["notes"])
        used = {c.get("suppressed") for r in t["rows"] for c in r["cells"]} - {None}
        expl = {"small": "<", "any": "x:", "notest": "\u2013:", "missing": ".:",
                "few": "..:", "secondary": "..:"}
        for why in used:
            if expl[why] not in notes:
                fails.append("%s: tecknet för %s förklaras inte" % (t["id"], why))
        if ".:" in notes and "..: uppgift saknas" in notes:
            fails.append("%s: .. betyder två saker" % t["id"])
    for ch in s["charts"]:
        # the legend in the table's order
        tab = next(t for s2 in d["sections"] for t in s2["tables"] if t["id"] == ch["table"])
        ids = [c["id"] for c in tab["columns"]]
        order = [ids.index(se["column"]) for se in ch["series"]]
        if order != sorted(order):
            fails.append("diagrammet %s: förklaringen i annan ordning än tabellen" % ch["id"])
        if ch["kind"] == "bar":
            for k, cat in enumerate(ch["categories"]):
                if any(se["values"][k] is None for se in ch["series"]):
                    fails.append("diagrammet %s: %s saknar en stapel" % (ch["id"], cat))
            for se in ch["series"]:
                if all(v is None for v in se["values"]):
                    fails.append("diagrammet %s: serien %s har inga staplar" % (ch["id"], se["label"]))
            if all(v in (None, 0) for se in ch["series"] for v in se["values"]):
                fails.append("diagrammet %s: bara nollor, inga staplar" % ch["id"])
        if ch["kind"] == "line":
            for se in ch["series"]:
                if all(v in (None, 0) for v in se["values"]):
                    fails.append("diagrammet %s: serien %s är bara nollor" % (ch["id"], se["label"]))
if sys.argv[2] != "-":
    tru = json.load(open(sys.argv[2]))
    shown = {t["id"] for s in d["sections"] for t in s["tables"]}
    for st in tru["sections"]:
        pars = [p for s in d["sections"] if s["title"] == st["title"] for p in s["paragraphs"]]
        named = " ".join(p for p in pars if p.startswith("För få ärenden för att visa"))
        for t in st["tables"]:
            if t["id"] not in shown and t["title"] not in named:
                fails.append("tabellen %s saknas utan att nämnas" % t["id"])
# the summary (årsrapport, kohort): first, unnumbered, 3 to 5 findings and
# a closing line, two charts at most, and every figure of its sentences is
# a figure the tables show (written here the Swedish way, as pdf_check.sh
# does): it adds nothing a reader could not read in the tables
import decimal, re
def sv(v, dec):
    dd = decimal.Decimal("%.14e" % abs(v)).quantize(decimal.Decimal(1).scaleb(-max(0, dec)),
                                                    rounding=decimal.ROUND_HALF_UP)
    txt = format(dd, "f").replace(".", ",")
    neg = v < 0 and txt.strip("0,") != ""
    return ("-" if neg else "") + txt
if d["report"] in ("arsrapport", "kohort"):
    first = d["sections"][0]
    if not (first.get("front") and first["title"] == "Sammanfattning"):
        fails.append("rapporten börjar inte med sammanfattningen")
    else:
        finds = first["paragraphs"][:-1]
        # three to five on sample-data; a small data set may give fewer
        least = 3 if sys.argv[3] == "sample-data" else 1
        if not (least <= len(finds) <= 5) and not first["paragraphs"][-1].startswith("För få"):
            fails.append("sammanfattningen har %d fynd" % len(finds))
        if len(first["charts"]) > 2:
            fails.append("sammanfattningen har %d diagram" % len(first["charts"]))
        known = set()
        for s2 in d["sections"][1:]:
            for t in s2["tables"]:
                for c in t["columns"]:
                    known.update(re.findall(r"\d+", c["label"]))
                for r in t["rows"]:
                    for c, col in zip(r["cells"], t["columns"]):
                        v = c.get("value")
                        if not seen(c):
                            continue
                        if isinstance(v, str):
                            known.update(re.findall(r"\d+", v))
                        elif col["type"] == "pvalue":
                            known.add(sv(v, 3) if v >= 0.001 else "0,001")
                        elif col["type"] == "count":
                            known.add(str(int(v)))
                        else:
                            known.add(sv(v, col["decimals"]))
        known.update({"95", "0,1", "12"})  # "95 % KI", "under 0,1", "12 månader"
        known.update({k.lstrip("-") for k in known})  # "en minskning med 3,62" of -3,62
        for p in finds:
            for num in re.findall(r"-?\d+(?:,\d+)?", p.replace("\u00a0", "")):
                if num not in known:
                    fails.append("sammanfattningen: talet %s står inte i någon tabell" % num)
# an extern report writes no small count in its text either (the utfall
# note once said "Dessutom 4 aktualiserade ärenden ...")
if d.get("audience") != "intern":
    texts = [p for s2 in d["sections"] for p in s2["paragraphs"]] + \
            [n for s2 in d["sections"] for t in s2["tables"] for n in t["notes"]]
    for x in texts:
        for m in re.finditer(r"(?<![\d,–<-])([1-4]) (aktualiserade|ärenden|ärende|personer|unga)", x):
            fails.append("ett litet antal i texten: %r" % x[max(0, m.start() - 20):m.end() + 20])
for f in fails[:5]:
    print("FAIL " + f)
print("sidor: %d fel" % len(fails))
PY
)
        expect_eq "$(echo "$out" | tail -n 1)" "sidor: 0 fel" "$dset: $dir/$name: inga tomma tabeller eller diagram, varje tecken förklarat ($(echo "$out" | head -n 3 | tr '\n' ' '))"
        err=$(pdftoppm -r 8 "$dir/$name.pdf" "$dir/p" 2>&1; qpdf --check "$dir/$name.pdf" 2>&1 >/dev/null)
        expect_eq "$err" "" "$dset: $name.pdf: pdftoppm och qpdf säger inget på stderr"
        rm -f "$dir"/p-*.ppm
        check_xlsx "$dir" "$name"
    done
}

dset=sample-data
run --db s.db --quiet init
run --db s.db --quiet import "$SAMPLE"/*.csv
expect_rc 0 "import av sample-data"
reports s.db s 2025
check_all <list.txt

dset="25 unga"
run --quiet sample --youths 25 --seed 1 --end 2026-10-31 -o y
run --db y.db --quiet init
run --db y.db --quiet import y/*.csv
expect_rc 0 "import av 25 unga"
reports y.db y25 2025
check_all <list.txt
finish
