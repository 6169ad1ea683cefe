#!/bin/sh
# pdf_check.sh REPORT.pdf REPORT.json
#
# Reads an uppfolj PDF back with poppler's pdftotext, pdffonts and pdfinfo
# and qpdf, and checks it against the JSON of the same report (uppfolj's
# JSON renderer):
#
#   - every table title and every chart title appears;
#   - every cell of every table appears as a reader sees it: a shown value
#     formatted the Swedish way (written out below, independently of
#     src/render/format.c: decimal comma, a space between thousands, "12,5 %",
#     p-values "0,032" or "< 0,001"), a hidden cell as "<T" (a small count,
#     T the threshold), "x" (any count), "–" (no test), "." (no value) or ".." (hidden); in a table printed whole, each row's cells
#     in order (pdftotext -raw gives the text in drawing order); in a table
#     split into parts ("del 1 av 2"), each value as often as expected
#     between its title and the next table's (in order, a hidden cell is
#     seen to show its symbol in its own place, not a number);
#   - a column the JSON marks "join" is printed inside its host's cell, as
#     documented in model.h: a standard deviation "12,3 (4,5)", a confidence
#     interval "1,2 (0,8; 1,6)", a hidden host only its symbol, an empty
#     joined cell nothing;
#   - the front page names the unit, period and as-of date and states the
#     disclosure rule; every page has "sida X av N";
#   - pdffonts lists DejaVu Sans (regular and bold) embedded;
#   - pdfinfo gives the title and the unit as author; qpdf --check passes;
#   - poppler reads it without a word on stderr: pdftoppm (which renders
#     every page), pdftotext, pdffonts and pdfinfo print no warning or
#     "Syntax Error" (libharu's own ToUnicode CMap made them warn on every
#     page);
#   - the outline (bookmarks), shown when the file is opened, has in order
#     the front page (the title; "Parametrar" and "Dataunderlag
#     (importkörningar)" under it when the JSON has parameters or import
#     runs), "N  title" for every section and "Metod och definitioner" when
#     there is a method part; each entry points at its page, where the first
#     words below the entry's top are its title.
#
# The no-break space of Swedish numbers comes back from pdftotext as a
# plain space; all white space is compared as one space.
#
# Prints "ok"/"FAIL" lines, then "pdf: N passed, N failed"; exits 1 on a
# failure, 2 on bad usage or a missing tool.
if [ $# -ne 2 ] || [ ! -r "$1" ] || [ ! -r "$2" ]; then
    echo "användning: sh pdf_check.sh RAPPORT.pdf RAPPORT.json" >&2
    exit 2
fi
for tool in pdftotext pdftoppm pdffonts pdfinfo qpdf python3; do
    command -v $tool >/dev/null 2>&1 || { echo "pdf_check: $tool saknas" >&2; exit 2; }
done
exec python3 - "$1" "$2" <<'PY'
import decimal, html, json, math, os, re, subprocess, sys, tempfile

pdf, jpath = sys.argv[1], sys.argv[2]
passed = failed = 0
warnings = []           # what the tools print on stderr

def check(ok, what, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("ok   - " + what)
    else:
        failed += 1
        print("FAIL - " + what + (": " + detail if detail else ""))

def tool(*args):
    r = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    for line in r.stderr.decode("utf-8", "replace").splitlines():
        warnings.append("%s: %s" % (args[0], line))
    return r.returncode, r.stdout.decode("utf-8", "replace")

def norm(s):
    return " ".join(s.replace("\u00a0", " ").split())

# ---- Swedish formatting (SPEC §10), written here from the SPEC ----------

def group(digits):
    out = ""
    while len(digits) > 3:
        out = " " + digits[-3:] + out
        digits = digits[:-3]
    return digits + out

# one meaning per symbol (uf_supp_symbol): a small count, any count, no
# test, no value; the rest hidden to protect
SYMBOL = {"small": "<T", "any": "x", "notest": "\u2013", "missing": "."}

def number(v, decimals):
    if v is None or not math.isfinite(v):
        return "."
    # docs/rounding.md (Excel's display rule): 15 significant digits,
    # then half away from zero (decimal's ROUND_HALF_UP)
    d = decimal.Decimal("%.14e" % abs(v))
    s = format(d.quantize(decimal.Decimal(1).scaleb(-max(0, min(decimals, 9))),
                          rounding=decimal.ROUND_HALF_UP), "f")
    whole, _, frac = s.partition(".")
    neg = v < 0 and s.strip("0.") != ""
    return ("-" if neg else "") + group(whole) + ("," + frac if frac else "")

def shown(cell, col, threshold):
    """The text of a cell as the PDF should show it; None: nothing."""
    why = cell.get("suppressed")
    if why:
        return SYMBOL.get(why, "..").replace("T", str(threshold))
    v, t = cell.get("value"), col["type"]
    if t in ("text", "date"):
        return norm(v) if v is not None else None
    if t == "empty" or v is None:
        return None
    if t == "count":
        return number(v, 0)
    if t == "number":
        return number(v, col["decimals"])
    if t == "percent":
        return number(v, col["decimals"]) + " %"
    if t == "pvalue":
        return "< 0,001" if v < 0.001 else number(v, 3)
    return None

# ---- the PDF's text ---------------------------------------------------------

with open(jpath, encoding="utf-8") as f:
    doc = json.load(f)
T = doc.get("threshold") or 5
rc, raw = tool("pdftotext", "-raw", "-enc", "UTF-8", pdf, "-")
check(rc == 0, "pdftotext läser filen")
pages = raw.split("\f")
text = " " + norm(raw) + " "

def find(token, start, end=None):
    """Position of token as whole words in text[start:end], or -1."""
    end = len(text) if end is None else end
    i = text.find(" " + token + " ", start - 1 if start > 0 else 0, end + 1)
    return i + 1 if i >= 0 else -1

def count(token, start, end):
    n, i = 0, start
    while True:
        i = find(token, i, end)
        if i < 0:
            return n
        n += 1
        i += len(token)

# ---- front page and footers -------------------------------------------------

front = " " + norm(pages[0]) + " "
for key in ("title", "unit", "period", "as_of"):
    if doc.get(key):
        check(norm(doc[key]) in front, "framsidan visar %s" % key, doc[key])
check("Värden som bygger på färre än %d personer visas inte" % T in front,
      "framsidan anger röjandeskyddet")
rc, info = tool("pdfinfo", pdf)
fields = dict((l.split(":", 1)[0], l.split(":", 1)[1].strip())
              for l in info.splitlines() if ":" in l)
npages = int(fields.get("Pages", "0"))
missing = [i + 1 for i in range(npages)
           if i >= len(pages) or "sida %d av %d" % (i + 1, npages) not in norm(pages[i])]
check(not missing, "sidfot \"sida X av %d\" på varje sida" % npages,
      "saknas på sida " + ", ".join(map(str, missing[:5])))

# ---- tables and charts --------------------------------------------------------

tables = [t for s in doc["sections"] for t in s["tables"]]
charts = [c for s in doc["sections"] for c in s["charts"]]
def title_at(title, pos):
    """Where the table titled so starts, as its caption "Tabell N. title"
    (a section's text may name a table it left out): not a later part
    ("del 2 av 3") or a continuation ("forts.") of a table of the same
    title."""
    caption = re.compile(r"Tabell \d+\. " + re.escape(title))
    while title:
        m = caption.search(text, pos)
        if not m:
            return -1
        i = m.end() - len(title)
        after = text[i + len(title):i + len(title) + 12]
        if not (after.startswith(" (forts") or
                (after.startswith(" (del ") and not after.startswith(" (del 1 "))):
            return i
        pos = i + 1
    return -1

pos, starts = 0, []
for t in tables:
    at = title_at(norm(t["title"]), pos)
    check(at >= 0, "tabellens rubrik finns: " + t["title"])
    starts.append(at if at >= 0 else pos)
    pos = max(pos, at + 1)
for c in charts:
    check(norm(c["title"]) in text, "diagrammets rubrik finns: " + c["title"])

for k, t in enumerate(tables):
    start = starts[k]
    end = starts[k + 1] if k + 1 < len(tables) else len(text)
    cols = t["columns"]
    split = text.find(norm(t["title"]) + " (del 1 av", start, end) >= 0
    ids = [c["id"] for c in cols]
    def joined(row, j):
        """Cell j of row as printed: with the columns joined into it."""
        cells = row["cells"]
        s = shown(cells[j], cols[j], T)
        if "join" in cols[j]:
            return None                       # printed in its host
        if s is None or cells[j].get("suppressed"):
            return s
        for k, c in enumerate(cols):
            how = c.get("join", {}).get("as")
            if c.get("join", {}).get("into") != ids[j]:
                continue
            v = shown(cells[k], c, T)
            if v is None:                         # an empty cell adds nothing
                continue
            s += {"sd": " (%s)", "ci_low": " (%s", "ci_high": "; %s)"}[how] % v
        return s
    want = [[joined(row, j) for j in range(len(cols))] for row in t["rows"]]
    bad = None
    if not split:       # row by row, cells in order
        at = start
        for r, cells in enumerate(want):
            for j, s in enumerate(cells):
                if s is None:
                    continue
                i = find(s, at, end)
                if i < 0:
                    bad = "rad %d kolumn %s: \"%s\"" % (r + 1, cols[j]["id"], s)
                    break
                at = i + len(s)
            if bad:
                break
    else:               # each value at least as often as it should be
        need = {}
        for cells in want:
            for s in cells:
                if s is not None:
                    need[s] = need.get(s, 0) + 1
        for s, n in need.items():
            got = count(s, start, end)
            if got < n:
                bad = "\"%s\" %d gånger, väntade %d" % (s, got, n)
                break
    nval = sum(s is not None for cells in want for s in cells)
    nhid = sum(1 for row in t["rows"] for c in row["cells"] if c.get("suppressed"))
    check(bad is None, "%s: %d celler (%d dolda) som i JSON%s"
          % (t["id"], nval, nhid, ", i ordning" if not split else ""), bad or "")

# ---- fonts, metadata, structure ---------------------------------------------

rc, fonts = tool("pdffonts", pdf)
emb = {}
for line in fonts.splitlines():
    m = re.match(r"(\S+)\s.*\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", line)
    if m and "DejaVuSans" in m.group(1):
        emb[m.group(1).split("+")[-1]] = m.group(2) == "yes"
check(emb.get("DejaVuSans,Book") is True, "DejaVu Sans är inbäddad", fonts.strip())
check(emb.get("DejaVuSans-Bold,Bold") is True, "DejaVu Sans Bold är inbäddad")
check(bool(emb) and all(emb.values()), "alla typsnitt är inbäddade")

check(fields.get("Title") == doc["title"], "metadata: titeln", fields.get("Title", ""))
if doc.get("unit"):
    check(fields.get("Author") == doc["unit"], "metadata: författare = enheten",
          fields.get("Author", ""))
check("A4" in fields.get("Page size", ""), "sidformat A4", fields.get("Page size", ""))
check(npages > 0 and len(pages) >= npages, "pdfinfo och pdftotext ser %d sidor" % npages)

rc, out = tool("qpdf", "--check", pdf)
check(rc == 0, "qpdf --check", out.strip().splitlines()[-1] if out.strip() else "")

# ---- the outline --------------------------------------------------------------

rc, out = tool("qpdf", "--json", "--json-key=outlines", "--json-key=qpdf", pdf)
j = json.loads(out) if rc == 0 else {}
objs = j.get("qpdf", [{}, {}])[1]
root = objs.get("trailer", {}).get("value", {}).get("/Root", "")
check(objs.get("obj:" + root, {}).get("value", {}).get("/PageMode") == "/UseOutlines",
      "bokmärkena visas när filen öppnas (/PageMode /UseOutlines)")
outline = j.get("outlines", [])

front_kids = (["Parametrar"] if doc.get("parameters") else []) + \
             (["Dataunderlag (importkörningar)"] if doc.get("snapshot") else [])
want = [(doc["title"], front_kids)]
numbered = [s for s in doc["sections"] if not s.get("front")]  # a summary: unnumbered
want += [(s["title"], []) for s in doc["sections"] if s.get("front")]
want += [("%d  %s" % (i + 1, s["title"]), []) for i, s in enumerate(numbered)]
if doc.get("method"):
    want.append(("Metod och definitioner", []))
got = [(norm(o["title"]), [norm(k["title"]) for k in o["kids"]]) for o in outline]
want = [(norm(t), [norm(k) for k in kids]) for t, kids in want]
check(got == want, "bokmärken: framsidan, %d avsnitt%s" % (
          len(doc["sections"]), ", metoddelen" if doc.get("method") else ""),
      "fick %s, väntade %s" % (got, want))

# the words of each page, top down, left to right: (top, left, text)
rc, box = tool("pdftotext", "-bbox", pdf, "-")
word = re.compile(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)"[^>]*>(.*?)</word>')
page_h = [float(m) for m in re.findall(r'<page width="[\d.]+" height="([\d.]+)"', box)]
words = [sorted((float(m.group(2)), float(m.group(1)), html.unescape(m.group(3)))
                for m in word.finditer(pg))
         for pg in box.split("<page ")[1:]]

def entries(items):
    for o in items:
        yield o
        yield from entries(o["kids"])

bad = []
for o in entries(outline):
    n, dest = o.get("destpageposfrom1"), o.get("dest") or []
    title = norm(o["title"]).split()
    if (not n or n > len(words) or len(dest) < 3 or dest[1] != "/FitH" or
            not isinstance(dest[2], (int, float))):
        bad.append("%s: mål %s" % (o["title"], dest))
        continue
    top = page_h[n - 1] - dest[2]       # from the top of the page
    below = [w for y, x, w in words[n - 1] if y >= top - 0.5]
    if below[:len(title)] != title:
        bad.append("%s: sida %d visar under bokmärket \"%s\"" % (
            o["title"], n, " ".join(below[:len(title)])))
check(not bad, "varje bokmärke pekar på sin rubrik (sida och höjd)", "; ".join(bad[:3]))

# ---- poppler reads it without warnings ------------------------------------------

with tempfile.TemporaryDirectory() as tmp:
    rc, out = tool("pdftoppm", "-r", "10", "-png", pdf, os.path.join(tmp, "p"))
    check(rc == 0, "pdftoppm ritar varje sida")
check(not warnings, "inga varningar från poppler och qpdf (stderr)",
      "%d rader, t.ex. %s" % (len(warnings), "; ".join(sorted(set(warnings))[:3])))

print("pdf: %d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PY
