#!/usr/bin/python3
"""xlsx_check.py REPORT.xlsx REPORT.json

Reads an uppfolj workbook with openpyxl (Debian's python3-openpyxl) and
checks it against the JSON of the same report (uppfolj's JSON renderer):

  - the sheets: "Rapport" first, one per table in report order, "Metod"
    last; names of at most 31 characters, unique (ignoring case), without
    []:*?/\\;
  - the front sheet shows the title, unit, period, as-of, version, the
    disclosure threshold, every parameter and every snapshot line;
  - each table sheet: the title in A1, the column labels in row 2 (bold),
    panes frozen below row 2, an autofilter from A2 over all columns;
    every cell of the JSON rows from row 3: text equal, a shown number a
    number (to 1e-9) with the Excel format of its column type, a hidden
    cell the text "<T" (small count), "x" (any count) or ".." and no number, the total rows
    bold; the notes below the table;
  - the charts of each table sheet: as many as the JSON has for the table,
    beside the table, of the right type, with its title, axis title and
    series; every point read from the sheet: a number equal to the JSON
    value, or an empty cell (a gap) where the JSON value is null;
  - the "Metod" sheet holds the method paragraphs in order.

The expected number formats are written out here (see src/render_xlsx.c):
count #,##0; number #,##0 with the column's decimals; percent 0.0" %" on
the value 0..100; p-value [<0.001]"< 0,001";0.000 (the spaces U+00A0).

Prints the failures, then "xlsx: N passed, N failed"; exits 1 on failure,
2 on bad usage or a file that cannot be read.
"""
import json
import math
import os
import sys

try:
    import openpyxl
    from openpyxl.utils.cell import get_column_letter, range_boundaries
except ImportError:
    # python3 on PATH may be another interpreter than Debian's.
    if os.path.exists("/usr/bin/python3") and not os.environ.get("XLSX_CHECK_REEXEC"):
        os.environ["XLSX_CHECK_REEXEC"] = "1"
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    print("xlsx: openpyxl saknas (apt-get install python3-openpyxl)")
    sys.exit(2)

NB = "\u00a0"
FORBIDDEN = set('[]:*?/\\')
PASS = 0
FAIL = 0
SHOWN_FAILS = 60


def check(cond, what):
    """Count one check; print it when it failed."""
    global PASS, FAIL
    if cond:
        PASS += 1
    else:
        FAIL += 1
        if FAIL <= SHOWN_FAILS:
            print("FAIL - " + what)
    return cond


def fraction(d):
    return "." + "0" * d if d > 0 else ""


def number_format(ctype, decimals):
    """The Excel number format a column type must have."""
    if ctype == "count":
        return "#,##0"
    if ctype == "number":
        return "#,##0" + fraction(decimals)
    if ctype == "percent":
        return "0" + fraction(decimals) + '"' + NB + '%"'
    if ctype == "pvalue":
        return '[<0.001]"<' + NB + '0,001";0.000'
    return None


def same_number(got, want):
    return (isinstance(got, (int, float)) and not isinstance(got, bool)
            and math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-9))


def texts(ws):
    """Every string value of a sheet."""
    return [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def check_names(wb, tables):
    names = wb.sheetnames
    check(len(names) == len(tables) + 2,
          "%d blad, väntade %d (Rapport, en per tabell, Metod)" % (len(names), len(tables) + 2))
    check(names[:1] == ["Rapport"], "första bladet heter Rapport: %r" % names[:1])
    check(names[-1:] == ["Metod"], "sista bladet heter Metod: %r" % names[-1:])
    folded = [n.casefold() for n in names]
    check(len(set(folded)) == len(names), "bladnamnen är unika: %r" % names)
    for n in names:
        check(0 < len(n) <= 31 and not (FORBIDDEN & set(n)) and n[0] != "'" and n[-1] != "'",
              "giltigt bladnamn: %r" % n)


def check_front(ws, d):
    all_text = "\n".join(texts(ws))
    for key in ("title", "unit", "period", "as_of", "created", "version"):
        if d.get(key):
            check(d[key] in all_text, "framsidan visar %s %r" % (key, d[key]))
    check("färre än %d personer" % d["threshold"] in all_text,
          "framsidan anger tröskeln %d" % d["threshold"])
    for p in d["parameters"]:
        check(p["key"] in all_text and (p["value"] or "") in all_text,
              "framsidan visar parametern %s = %s" % (p["key"], p["value"]))
    for line in d["snapshot"]:
        check(line in all_text, "framsidan visar dataunderlaget %r" % line)


def check_cell(ws, row, col, jc, column, total, threshold, where):
    cell = ws.cell(row=row, column=col)
    why = jc.get("suppressed")
    value = jc.get("value")
    if why:
        want = "<%d" % threshold if why == "small" else "x" if why == "any" else ".."
        check(cell.value == want and cell.data_type == "s",
              "%s: dold cell visar %r, väntade texten %r" % (where, cell.value, want))
    elif value is None:
        check(cell.value in (None, ".."), "%s: tom cell har %r" % (where, cell.value))
    elif isinstance(value, str):
        # an empty text is an empty cell in Excel
        check(cell.value == (value or None), "%s: %r, väntade %r" % (where, cell.value, value))
    else:
        if check(same_number(cell.value, value),
                 "%s: %r, väntade talet %r" % (where, cell.value, value)):
            want = number_format(column["type"], column["decimals"])
            check(cell.number_format == want,
                  "%s: talformat %r, väntade %r" % (where, cell.number_format, want))
    if total and cell.value is not None:
        check(bool(cell.font.b), "%s: summaraden är fet" % where)


def check_grid(ws, t, threshold):
    name = ws.title
    cols, rows = t["columns"], t["rows"]
    check(ws["A1"].value == t["title"], "%s: A1 är tabellens rubrik: %r" % (name, ws["A1"].value))
    check(ws.freeze_panes == "A3", "%s: rubrikraden är låst (A3): %r" % (name, ws.freeze_panes))
    labels = [ws.cell(row=2, column=j + 1).value for j in range(len(cols))]
    check(labels == [c["label"] for c in cols], "%s: rubrikraden %r" % (name, labels))
    check(all(ws.cell(row=2, column=j + 1).font.b for j in range(len(cols))),
          "%s: rubrikraden är fet" % name)
    ref = ws.auto_filter.ref or ""
    last = get_column_letter(len(cols))
    check(ref.startswith("A2:" + last), "%s: autofilter A2:%s..., fick %r" % (name, last, ref))
    for i, r in enumerate(rows):
        for j, jc in enumerate(r["cells"]):
            where = "%s!%s%d" % (name, get_column_letter(j + 1), 3 + i)
            check_cell(ws, 3 + i, j + 1, jc, cols[j], r["total"], threshold, where)
    below = [ws.cell(row=k, column=1).value for k in range(3 + len(rows), ws.max_row + 1)]
    for note in t["notes"]:
        check(note in below, "%s: fotnoten %r finns under tabellen" % (name, note))


def resolve(wb, ref):
    """The cells of a range reference "'Blad'!$A$1:$A$3", in order."""
    sheet, _, cells = ref.rpartition("!")
    if sheet.startswith("'"):
        sheet = sheet[1:-1].replace("''", "'")
    c1, r1, c2, r2 = range_boundaries(cells.replace("$", ""))
    ws = wb[sheet]
    return [ws.cell(row=r, column=c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)]


def rich_text(title):
    try:
        return "".join(run.t for p in title.tx.rich.p for run in (p.r or []))
    except AttributeError:
        return None


def check_chart(wb, ws, ch, jch, ncols):
    where = "%s: diagram %s" % (ws.title, jch["id"])
    want_type = "LineChart" if jch["kind"] in ("line", "step") else "BarChart"
    got_type = type(ch).__name__
    check(got_type == want_type, "%s: typ %s, väntade %s" % (where, got_type, want_type))
    if want_type == "BarChart":
        check(ch.type == "col", "%s: stående staplar (%r)" % (where, ch.type))
        want_grouping = "stacked" if jch["kind"] == "stacked" else "clustered"
        check(ch.grouping == want_grouping, "%s: %s staplar (%r)" % (where, want_grouping, ch.grouping))
    check(rich_text(ch.title) == jch["title"], "%s: rubrik %r" % (where, rich_text(ch.title)))
    check(rich_text(ch.y_axis.title) == jch["y_label"],
          "%s: axelrubrik %r" % (where, rich_text(ch.y_axis.title)))
    col = ch.anchor._from.col
    check(col >= ncols, "%s: ligger bredvid tabellen (kolumn %d)" % (where, col))
    check(len(ch.series) == len(jch["series"]), "%s: %d serier" % (where, len(ch.series)))
    for s, js in zip(ch.series, jch["series"]):
        check(s.tx is not None and s.tx.v == js["label"],
              "%s: serien heter %r" % (where, js["label"]))
        cat = s.cat.strRef or s.cat.numRef
        labels = [c.value for c in resolve(wb, cat.f)]
        check(labels == jch["categories"], "%s: kategorier %r" % (where, labels))
        points = resolve(wb, s.val.numRef.f)
        check(len(points) == len(js["values"]), "%s: %d punkter" % (where, len(points)))
        for k, (cell, want) in enumerate(zip(points, js["values"])):
            if want is None:
                check(cell.value is None, "%s, %s punkt %d: dolt värde ritas inte, fick %r"
                      % (where, js["label"], k, cell.value))
            else:
                check(same_number(cell.value, want),
                      "%s, %s punkt %d: %r, väntade %r" % (where, js["label"], k, cell.value, want))


def check_method(ws, d):
    check(ws["A1"].value == "Metod", "Metod: A1 är rubriken")
    paras = [ws.cell(row=3 + i, column=1).value for i in range(len(d["method"]))]
    check(paras == d["method"], "Metod: metodtexterna i ordning")
    check(all(ws.cell(row=3 + i, column=1).alignment.wrap_text for i in range(len(d["method"]))),
          "Metod: texten radbryts")


def main(argv):
    if len(argv) != 3:
        print("användning: xlsx_check.py RAPPORT.xlsx RAPPORT.json")
        return 2
    try:
        wb = openpyxl.load_workbook(argv[1])
        with open(argv[2], encoding="utf-8") as f:
            d = json.load(f)
    except (OSError, ValueError, KeyError) as e:
        print("xlsx: kunde inte läsa: %s" % e)
        return 2
    tables = [t for s in d["sections"] for t in s["tables"]]
    charts = [c for s in d["sections"] for c in s["charts"] if c["categories"] and c["series"]]
    check_names(wb, tables)
    if "Rapport" in wb.sheetnames:
        check_front(wb["Rapport"], d)
    for i, t in enumerate(tables):
        if i + 1 >= len(wb.worksheets) - 1:
            check(False, "inget blad för tabellen %s" % t["id"])
            continue
        ws = wb.worksheets[i + 1]
        check_grid(ws, t, d["threshold"])
        mine = [c for c in charts if c["table"] == t["id"]]
        check(len(ws._charts) == len(mine),
              "%s: %d diagram, väntade %d" % (ws.title, len(ws._charts), len(mine)))
        for ch, jch in zip(ws._charts, mine):
            check_chart(wb, ws, ch, jch, len(t["columns"]))
    if "Metod" in wb.sheetnames:
        check_method(wb["Metod"], d)
    if FAIL > SHOWN_FAILS:
        print("... och %d fel till" % (FAIL - SHOWN_FAILS))
    print("xlsx: %d passed, %d failed" % (PASS, FAIL))
    return 1 if FAIL else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
