"""disclosure_audit.py REPORT.json - check a report's disclosure control
(SPEC §8) from its JSON model: no shown count of 1..t-1, no shown statistic
over fewer than t persons, and no hidden count recoverable from a total:
in every line (a count column down the group rows to the total row, or the
parts of a row to its row total) the hidden cells are none or at least two,
and their sum (total minus the shown cells) does not pin them down given
that a "<t" cell lies in 1..t-1.  Prints the number of lines with hidden
cells, then "fel: N"."""
import json
import sys

d = json.load(open(sys.argv[1], encoding="utf-8"))
t = d["threshold"]
bad = checked = 0


def line_ok(cells, total):
    global bad, checked
    if total.get("value") is None and not total.get("suppressed"):
        return                      # an empty total cell: the column does not add up
    hidden = [c for c in cells + [total] if c.get("suppressed")]
    if not hidden:
        return
    checked += 1
    if len(hidden) == 1:
        print("a single hidden cell in a line")
        bad += 1
        return
    if total.get("suppressed"):
        return                      # the sum itself is unknown
    s = total["value"] - sum(c["value"] for c in cells if not c.get("suppressed"))
    small = [c for c in cells if c.get("suppressed") == "small"]
    other = [c for c in cells if c.get("suppressed") and c.get("suppressed") != "small"]
    lo = len(small)                 # each small cell is at least 1
    hi = (t - 1) * len(small) + (10 ** 9 if other else 0)
    if s == lo or s == hi:
        print("hidden cells pinned by their sum", s)
        bad += 1


for sec in d["sections"]:
    for tab in sec["tables"]:
        cols, rows = tab["columns"], tab["rows"]
        for r in rows:
            for c, cell in zip(cols, r["cells"]):
                v = cell.get("value")
                if cell.get("suppressed") or v is None:
                    continue
                if c["type"] == "count" and 1 <= v < t:
                    print(tab["id"], c["id"], "shows a count of", v)
                    bad += 1
                if c["type"] in ("number", "percent", "pvalue") and "n" in cell and 0 <= cell["n"] < t:
                    print(tab["id"], c["id"], "shows a statistic over", cell["n"])
                    bad += 1
        totals = [r for r in rows if r["total"]]
        groups = [r for r in rows if not r["total"]]
        if totals and not tab["groups_overlap"]:
            for j, c in enumerate(cols):
                if c["type"] == "count":
                    line_ok([r["cells"][j] for r in groups], totals[0]["cells"][j])
        if cols[-1]["id"] == "total":
            for r in rows:
                line_ok([r["cells"][j] for j, c in enumerate(cols[:-1]) if c["type"] == "count"],
                        r["cells"][-1])
print("linjer med dolda värden:", checked)
print("fel:", bad)
