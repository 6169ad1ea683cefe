#!/usr/bin/python3
"""xlsx_check.py REPORT.xlsx REPORT.json

Reads an uppfolj workbook with openpyxl (Debian's python3-openpyxl) and
checks it against the JSON of the same report (uppfolj's JSON renderer):

  - the sheets: "Rapport" first, "Innehåll" second, one per table in
    report order, "Metod" last; names of at most 31 characters, unique
    (ignoring case), without []:*?/\\, and none numbered " (2)" to be
    unique: each says what it holds;
  - "Innehåll" links every table's sheet, in order, beside its title;
  - print setup on every sheet: A4, fit to the page's width (or, for a
    table too wide for that, a few pages across with its label columns
    repeated), as many pages down as it takes, the footer with the title
    and "sida &P av &N"; a table sheet repeats its title and header rows
    and is landscape when its columns are wider than a portrait page;
  - every row with wrapped text (front, contents, method, the notes) has
    a height of at least 15 points a line of its text;
  - the front sheet shows the title, unit, period, as-of, version, the
    disclosure threshold, every parameter and every snapshot line;
  - each table sheet: the title in A1, the column labels in row 2 (bold),
    panes frozen below row 2, an autofilter from A2 over all columns;
    every cell of the JSON rows from row 3: text equal, a shown number a
    number (to 1e-9) with the Excel format of its column type, a hidden
    cell the text "<T" (small count), "x" (any count), "\u2013" (no test),
    "." (no value) or ".." (hidden to protect) and no number, the total rows
    bold; the notes below the table;
  - the charts of each table sheet: as many as the JSON has for the table,
    below the table, of the right type, with its title, axis title and
    series; every point read from the sheet: a number equal to the JSON
    value (a percent as its fraction), or an empty cell (a gap) where the
    JSON value is null; a survival curve ("step") is a scatter chart of
    straight lines on 0..1 whose points make the steps: month 0, then for
    each later month its value before the step and after it;
  - the "Metod" sheet holds the method paragraphs in order.

The expected number formats are written out here (see src/render_xlsx.c):
count #,##0; number #,##0 with the column's decimals; percent 0.0" "% on
the fraction 0..1 (12,5 % is 0.125); p-value [<0.001]"< 0,001";0.000 (the
spaces U+00A0).

Prints the failures, then "xlsx: N passed, N failed"; exits 1 on failure,
2 on bad usage or a file that cannot be read.
"""
import json
import math
import re
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
# an internal report's sheets carry its mark on row 1: everything else is
# one row lower (OFF), and its front page states the test minimum instead
OFF = 0
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
        return "0" + fraction(decimals) + '"' + NB + '"%'
    if ctype == "pvalue":
        return '[<0.001]"<' + NB + '0,001";0.000'
    return None


def stored(ctype, v):
    """The number a cell holds for the JSON value v: a percent's fraction."""
    return v / 100.0 if ctype == "percent" and v is not None else v


def same_number(got, want):
    return (isinstance(got, (int, float)) and not isinstance(got, bool)
            and math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-9))


def texts(ws):
    """Every string value of a sheet."""
    return [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def check_names(wb, tables, front):
    names = wb.sheetnames
    first = ["Rapport"] + ["Sammanfattning"] * front + ["Innehåll"]
    check(len(names) == len(tables) + len(first) + 1,
          "%d blad, väntade %d (%s, en per tabell, Metod)"
          % (len(names), len(tables) + len(first) + 1, ", ".join(first)))
    check(names[:len(first)] == first, "första bladen heter %s: %r" % (first, names[:len(first)]))
    check(names[-1:] == ["Metod"], "sista bladet heter Metod: %r" % names[-1:])
    folded = [n.casefold() for n in names]
    check(len(set(folded)) == len(names), "bladnamnen är unika: %r" % names)
    for n in names:
        check(0 < len(n) <= 31 and not (FORBIDDEN & set(n)) and n[0] != "'" and n[-1] != "'",
              "giltigt bladnamn: %r" % n)
        check(not re.search(r" \(\d+\)$", n), "bladnamnet säger vad det är, inget löpnummer: %r" % n)


def lines_needed(text, width, bold=False):
    """At least how many lines text takes wrapped in width characters (its
    longest word on a line of its own; a generous estimate from below)."""
    room = max(width - 1.5, 1.5) / (1.1 if bold else 1.0)
    return max(1, math.ceil(len(text) / (room * 1.25)))


def check_height(ws, row, text, width, what, bold=False):
    """A row with wrapped text is tall enough for it (15 points a line)."""
    h = ws.row_dimensions[row].height or 15
    need = 15 * lines_needed(text, width, bold)
    check(h >= min(need, 409), "%s: rad %d är %r punkter hög, texten behöver %d"
          % (what, row, h, need))


def check_print(ws, title, table=None, wide=0):
    """Print setup: A4, fit to width, footer; a table's rows repeated."""
    name = ws.title
    ps = ws.page_setup
    check(str(ps.paperSize) == "9", "%s: A4 (%r)" % (name, ps.paperSize))
    check(bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
          "%s: anpassas till sidan" % name)
    across = int(ps.fitToWidth) if ps.fitToWidth is not None else 1
    check(str(ps.fitToHeight) == "0", "%s: så många sidor nedåt som behövs (%r)"
          % (name, ps.fitToHeight))
    check("sida &P av &N" in (ws.oddFooter.right.text or ""),
          "%s: sidfoten numrerar sidorna: %r" % (name, ws.oddFooter.right.text))
    check((ws.oddFooter.left.text or "").replace("&&", "&") == title,
          "%s: sidfoten har rapportens titel: %r" % (name, ws.oddFooter.left.text))
    if table is not None:
        check(ws.print_title_rows == "$1:$%d" % (2 + OFF),
              "%s: rubrik- och kolumnrad upprepas på varje sida: %r" % (name, ws.print_title_rows))
        # Excel stores a width with up to 0.72 of padding that uppfolj's own
        # sum leaves out: either sum may decide
        lo = wide - 0.72 * len(table["columns"])
        check(ps.orientation in {"landscape" if w > 95 else "portrait" for w in (lo, wide)},
              "%s: %s (%d tecken bred)" % (name, ps.orientation, wide))
        # one page across unless that would print under 55 %
        check(across in {max(1, math.ceil(w / (140 / 0.55))) for w in (lo, wide)},
              "%s: %d sidor i bredd för %d tecken" % (name, across, wide))
        if across > 1:
            check(ws.print_title_cols is not None and ws.print_title_cols.startswith("$A:"),
                  "%s: etikettkolumnen upprepas på varje sida i bredd: %r"
                  % (name, ws.print_title_cols))
        # the charts' data blocks are not printed: the repeated header rows
        # would stand over them as if they were the table's
        data = [c.row for c in ws["A"] if isinstance(c.value, str)
                and c.value.startswith("Underlag för diagrammet")]
        if data:
            area = ws.print_area or ""
            area = area[0] if isinstance(area, list) and area else area  # openpyxl 3.0: a list
            last = re.findall(r"\$?(\d+)$", str(area))
            check(bool(last) and int(last[0]) < min(data),
                  "%s: utskriftsområdet slutar före diagrammens underlag (%r, underlag rad %d)"
                  % (name, area, min(data)))


def check_summary(ws, wb, sec):
    """The summary's sentences, wrapped in rows tall enough, and a link to
    the sheet of each of its charts' tables."""
    width = ws.column_dimensions["A"].width
    paras = [ws.cell(row=3 + OFF + i, column=1).value for i in range(len(sec["paragraphs"]))]
    check(paras == sec["paragraphs"], "Sammanfattning: meningarna i ordning")
    for i, p in enumerate(sec["paragraphs"]):
        check_height(ws, 3 + OFF + i, p, width, "Sammanfattning")
    links = [c.hyperlink.location for row in ws.iter_rows() for c in row if c.hyperlink]
    check(len(links) == len(sec["charts"]), "Sammanfattning: en länk per diagram (%d)" % len(links))


def check_contents(ws, wb, tables, front):
    """Every table's sheet linked, in order, with its title beside it."""
    links = []
    for row in ws.iter_rows(min_row=3 + OFF):
        c = row[0]
        if c.hyperlink is not None:
            links.append((c.hyperlink.location or c.hyperlink.target or "", c.value,
                          row[1].value if len(row) > 1 else None, c.row))
    want = [("Sammanfattning", None)] * front + \
        [(n, t["title"]) for n, t in zip(wb.sheetnames[2 + front:-1], tables)] + [("Metod", None)]
    got = [(v, t) for _, v, t, _ in links]
    check([g[0] for g in got] == [w[0] for w in want],
          "Innehåll länkar till varje blad i ordning: %r" % [g[0] for g in got][:6])
    for (loc, v, t, r), (n, title) in zip(links, want):
        check(loc.replace("'", "").split("!")[0] == n, "Innehåll: länken %r går till bladet %r"
              % (v, loc))
        if title is not None:
            check(t == title, "Innehåll: %r står bredvid bladet %r" % (t, n))
            check_height(ws, r, title, 80, "Innehåll")


def check_front(ws, d):
    all_text = "\n".join(texts(ws))
    for key in ("title", "unit", "period", "as_of", "created", "version"):
        if d.get(key):
            check(d[key] in all_text, "framsidan visar %s %r" % (key, d[key]))
    rule = ("minst %d personer" if OFF else "färre än %d personer") % d["threshold"]
    check(rule in all_text, "framsidan anger tröskeln %d" % d["threshold"])
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
        want = {"small": "<%d" % threshold, "any": "x", "notest": "\u2013",
                "missing": "."}.get(why, "..")
        check(cell.value == want and cell.data_type == "s",
              "%s: dold cell visar %r, väntade texten %r" % (where, cell.value, want))
    elif value is None:
        check(cell.value in (None, "."), "%s: tom cell har %r" % (where, cell.value))
    elif isinstance(value, str):
        # an empty text is an empty cell in Excel
        check(cell.value == (value or None), "%s: %r, väntade %r" % (where, cell.value, value))
    else:
        if check(same_number(cell.value, stored(column["type"], value)),
                 "%s: %r, väntade talet %r" % (where, cell.value, stored(column["type"], value))):
            want = number_format(column["type"], column["decimals"])
            check(cell.number_format == want,
                  "%s: talformat %r, väntade %r" % (where, cell.number_format, want))
    if total and cell.value is not None:
        check(bool(cell.font.b), "%s: summaraden är fet" % where)


def check_grid(ws, t, threshold):
    name = ws.title
    cols, rows = t["columns"], t["rows"]
    title = ws.cell(row=1 + OFF, column=1).value
    check(title == t["title"], "%s: A%d är tabellens rubrik: %r" % (name, 1 + OFF, title))
    check(ws.freeze_panes == "A%d" % (3 + OFF),
          "%s: rubrikraden är låst (A%d): %r" % (name, 3 + OFF, ws.freeze_panes))
    labels = [ws.cell(row=2 + OFF, column=j + 1).value for j in range(len(cols))]
    check(labels == [c["label"] for c in cols], "%s: rubrikraden %r" % (name, labels))
    check(all(ws.cell(row=2 + OFF, column=j + 1).font.b for j in range(len(cols))),
          "%s: rubrikraden är fet" % name)
    ref = ws.auto_filter.ref or ""
    last = get_column_letter(len(cols))
    check(ref.startswith("A%d:%s" % (2 + OFF, last)),
          "%s: autofilter A%d:%s..., fick %r" % (name, 2 + OFF, last, ref))
    for i, r in enumerate(rows):
        for j, jc in enumerate(r["cells"]):
            where = "%s!%s%d" % (name, get_column_letter(j + 1), 3 + OFF + i)
            check_cell(ws, 3 + OFF + i, j + 1, jc, cols[j], r["total"], threshold, where)
    below = [ws.cell(row=k, column=1).value for k in range(3 + OFF + len(rows), ws.max_row + 1)]
    for note in t["notes"]:
        if check(note in below, "%s: fotnoten %r finns under tabellen" % (name, note)):
            r = 3 + OFF + len(rows) + below.index(note)
            wide = sum(ws.column_dimensions[get_column_letter(j + 1)].width or 8.43
                       for j in range(len(cols)))
            check_height(ws, r, note, wide, name + " fotnot")
    head = max(cols, key=lambda c: len(c["label"]) / (ws.column_dimensions[
        get_column_letter(cols.index(c) + 1)].width or 8.43))
    j = cols.index(head)
    check_height(ws, 2 + OFF, head["label"], ws.column_dimensions[get_column_letter(j + 1)].width or 8.43,
                 name + " rubrikrad", bold=True)


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


def check_chart(wb, ws, ch, jch, nrows, ctype):
    where = "%s: diagram %s" % (ws.title, jch["id"])
    want_type = {"line": "LineChart", "step": "ScatterChart"}.get(jch["kind"], "BarChart")
    got_type = type(ch).__name__
    check(got_type == want_type, "%s: typ %s, väntade %s" % (where, got_type, want_type))
    if want_type == "BarChart":
        check(ch.type == "col", "%s: stående staplar (%r)" % (where, ch.type))
        want_grouping = "stacked" if jch["kind"] == "stacked" else "clustered"
        check(ch.grouping == want_grouping, "%s: %s staplar (%r)" % (where, want_grouping, ch.grouping))
    check(rich_text(ch.title) == jch["title"], "%s: rubrik %r" % (where, rich_text(ch.title)))
    check(rich_text(ch.y_axis.title) == jch["y_label"],
          "%s: axelrubrik %r" % (where, rich_text(ch.y_axis.title)))
    row = ch.anchor._from.row
    check(row >= 2 + OFF + nrows, "%s: ligger under tabellen (rad %d)" % (where, row + 1))
    check(len(ch.series) == len(jch["series"]), "%s: %d serier" % (where, len(ch.series)))
    step = jch["kind"] == "step"
    if step:
        check(ch.y_axis.scaling.min == 0 and ch.y_axis.scaling.max == 1,
              "%s: y-axeln 0-1 (%r-%r)" % (where, ch.y_axis.scaling.min, ch.y_axis.scaling.max))
    for s, js in zip(ch.series, jch["series"]):
        check(s.tx is not None and s.tx.v == js["label"],
              "%s: serien heter %r" % (where, js["label"]))
        values = [stored(ctype, v) for v in js["values"]]
        if step:
            # month 0, then each later month twice: before the step, after it
            xs = [c.value for c in resolve(wb, s.xVal.numRef.f)]
            months = [float(m) for m in jch["categories"]]
            want_x = months[:1] + [m for m in months[1:] for _ in (0, 1)]
            check(xs == want_x, "%s: x-värdena %r" % (where, xs[:6]))
            points = resolve(wb, s.yVal.numRef.f)
            before = [values[0]]
            for k in range(1, len(values)):
                both = values[k - 1] is not None and values[k] is not None
                before += [values[k - 1] if both else None, values[k]]
            values = before
        else:
            cat = s.cat.strRef or s.cat.numRef
            labels = [c.value for c in resolve(wb, cat.f)]
            check(labels == jch["categories"], "%s: kategorier %r" % (where, labels))
            points = resolve(wb, s.val.numRef.f)
        check(len(points) == len(values), "%s: %d punkter" % (where, len(points)))
        for k, (cell, want) in enumerate(zip(points, values)):
            if want is None:
                check(cell.value is None, "%s, %s punkt %d: dolt värde ritas inte, fick %r"
                      % (where, js["label"], k, cell.value))
            else:
                check(same_number(cell.value, want),
                      "%s, %s punkt %d: %r, väntade %r" % (where, js["label"], k, cell.value, want))


def check_method(ws, d):
    check(ws.cell(row=1 + OFF, column=1).value == "Metod", "Metod: rubriken överst")
    paras = [ws.cell(row=3 + OFF + i, column=1).value for i in range(len(d["method"]))]
    check(paras == d["method"], "Metod: metodtexterna i ordning")
    check(all(ws.cell(row=3 + OFF + i, column=1).alignment.wrap_text
              for i in range(len(d["method"]))),
          "Metod: texten radbryts")
    width = ws.column_dimensions["A"].width
    for i, p in enumerate(d["method"]):
        check_height(ws, 3 + OFF + i, p, width, "Metod")


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
    global OFF
    OFF = 1 if d.get("audience") == "intern" else 0
    tables = [t for s in d["sections"] for t in s["tables"]]
    # a summary's charts are its tables' again: on their sheets only once
    charts = [c for s in d["sections"] if not s.get("front")
              for c in s["charts"] if c["categories"] and c["series"]]
    fronts = [s for s in d["sections"] if s.get("front")]
    front = len(fronts)
    check_names(wb, tables, front)
    title = d.get("title") or ""
    if "Rapport" in wb.sheetnames:
        check_front(wb["Rapport"], d)
        check_print(wb["Rapport"], title)
    if front and "Sammanfattning" in wb.sheetnames:
        check_summary(wb["Sammanfattning"], wb, fronts[0])
        check_print(wb["Sammanfattning"], title)
    if "Innehåll" in wb.sheetnames:
        check_contents(wb["Innehåll"], wb, tables, front)
        check_print(wb["Innehåll"], title)
    for i, t in enumerate(tables):
        if i + 2 + front >= len(wb.worksheets) - 1:
            check(False, "inget blad för tabellen %s" % t["id"])
            continue
        ws = wb.worksheets[i + 2 + front]
        check_grid(ws, t, d["threshold"])
        wide = sum(ws.column_dimensions[get_column_letter(j + 1)].width or 8.43
                   for j in range(len(t["columns"])))
        check_print(ws, title, t, wide)
        mine = [c for c in charts if c["table"] == t["id"]]
        check(len(ws._charts) == len(mine),
              "%s: %d diagram, väntade %d" % (ws.title, len(ws._charts), len(mine)))
        for ch, jch in zip(ws._charts, mine):
            ctype = next((c["type"] for c in t["columns"]
                          if c["id"] == jch["series"][0]["column"]), "number")
            check_chart(wb, ws, ch, jch, len(t["rows"]), ctype)
    if "Metod" in wb.sheetnames:
        check_method(wb["Metod"], d)
        check_print(wb["Metod"], title)
    if FAIL > SHOWN_FAILS:
        print("... och %d fel till" % (FAIL - SHOWN_FAILS))
    print("xlsx: %d passed, %d failed" % (PASS, FAIL))
    return 1 if FAIL else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
