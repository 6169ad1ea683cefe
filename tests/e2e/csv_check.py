"""csv_check.py DIR REPORT.json - every CSV file in DIR equals its table in
the JSON of the same report: the same cells shown (numbers to 1e-9) and
the same cells hidden and named in `suppressed`.  Prints "csv: N celler,
fel: M"."""
import csv, json, sys
d = json.load(open(sys.argv[2], encoding="utf-8"))
bad = n = 0
for sec in d["sections"]:
    for tab in sec["tables"]:
        rows = list(csv.DictReader(open("%s/%s.csv" % (sys.argv[1], tab["id"]), encoding="utf-8")))
        if len(rows) != len(tab["rows"]):
            print(tab["id"], "rows differ"); bad += 1; continue
        for r, jr in zip(rows, tab["rows"]):
            hidden = set(filter(None, r["suppressed"].split("|")))
            for col, cell in zip(tab["columns"], jr["cells"]):
                n += 1
                v, c = cell.get("value"), r[col["id"]]
                if cell.get("suppressed"):
                    ok = c == "" and col["id"] in hidden
                elif isinstance(v, (int, float)):
                    ok = c != "" and abs(float(c) - v) <= 1e-9 * max(1, abs(v))
                else:
                    ok = c == ("" if v is None else v)
                if not ok:
                    print(tab["id"], col["id"], repr(c), repr(cell)); bad += 1
print("csv: %d celler, fel: %d" % (n, bad))
