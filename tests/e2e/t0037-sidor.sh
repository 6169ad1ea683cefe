# Every report as a reader gets it (issue 18): on sample-data/ and on a
# 25-youth data set, every report of every kind (extern and intern):
#   - no table shows nothing: each has a statistic shown, a count beside
#     the statistics that is not 0 (not an "n" column), or, in a table of
#     counts, some count shown (the rule written out here from the issue,
#     independently of model_prune.c);
#   - no bar chart has a category with a bar missing, or a series with no
#     bar; no line chart has a series of zeros only;
#   - every table the report had before disclosure control (the truth
#     binary's model) is either in the report or named in its section's
#     line "För få ärenden för att visa: ...";
#   - one meaning per symbol: each symbol a table shows is explained by a
#     footnote of that table;
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
            # shellcheck disable=SC2086
            run --db "$db" --quiet report $r $prog --mottagare $who --format json,pdf,xlsx -o "$out"
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
        out=$("$PY" - "$json" "$truth" <<'PY'
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
        if ch["kind"] == "bar":
            for k, cat in enumerate(ch["categories"]):
                if any(se["values"][k] is None for se in ch["series"]):
                    fails.append("diagrammet %s: %s saknar en stapel" % (ch["id"], cat))
            for se in ch["series"]:
                if all(v is None for v in se["values"]):
                    fails.append("diagrammet %s: serien %s har inga staplar" % (ch["id"], se["label"]))
        if ch["kind"] == "line":
            for se in ch["series"]:
                if all(v in (None, 0) for v in se["values"]):
                    fails.append("diagrammet %s: serien %s är bara nollor" % (ch["id"], se["label"]))
if sys.argv[2] != "-":
    tru = json.load(open(sys.argv[2]))
    shown = {t["id"] for s in d["sections"] for t in s["tables"]}
    for st in tru["sections"]:
        pars = [p for s in d["sections"] if s["title"] == st["title"] for p in s["paragraphs"]]
        named = " ".join(p for p in pars if p.startswith("För få ärenden för att visa:"))
        for t in st["tables"]:
            if t["id"] not in shown and t["title"] not in named:
                fails.append("tabellen %s saknas utan att nämnas" % t["id"])
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
