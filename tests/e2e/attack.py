"""attack.py REPORT.json REPORT.truth.json - try to recover what a report hides.

The reader model (SPEC §8, /work/shared/DISCLOSURE.md, issue 10)
-----------------------------------------------------------------
The attacker holds REPORT.json - exactly what a reader of the PDF, XLSX or
CSV gets - and nothing else.  They can add and subtract, solve systems of
linear equations with integer unknowns, try every integer that fits, and read
every number at full precision.  They know what a table means: that the
group rows of a table add up to its "Totalt" row (unless the groups overlap),
that a row-total column is the sum of its parts, that a statistic's n is the
number of cases behind it, that the same count printed in two tables is one
number, and how the named tests (paired t, exact McNemar, Fisher) and the
Kaplan-Meier estimate are computed.  A hidden "<t" count ("small") lies in
1..t-1; any other hidden count is 0 or at least t; a shown 0 is known.

REPORT.truth.json (written only by the test binary build/tests/uppfolj-truth)
is the same report model before disclosure control.  It is used ONLY
  * to score: to know the real value of each hidden cell and to judge whether
    the attacker recovered it, and
  * to check the attacker's own assumptions: every equation the attacker
    derives from its reading of a table is evaluated on the true values and
    dropped (with a "# note") if it does not hold, so that a wrong reading of
    a table never produces a false "recovery".
This program was written without reading src/model/suppress*.c.

Scoring (one FAIL line each)
  * a hidden value recovered exactly (but a hidden 0: zero may be shown);
  * a hidden ".." count narrowed into 1..t-1 (shown to be a small count);
  * a hidden "<t" count narrowed to one value.
    What the reader may learn is what the symbols say: a "<t" lies in
    1..t-1, and a ".." hidden to protect it may be narrowed as far as the
    "<t" (boys = 25 - girls, girls "<5": boys 21..24 tells nothing more
    than girls 1..4);
  * a count of 1..t-1 that is not a cell but follows exactly from what is
    shown (a percentage's numerator, Kaplan-Meier events in a month,
    McNemar's discordant pairs);
  * any shown count of 1..t-1 or shown statistic with n < t;
  * a chart value that its table hides.
Output: one line per failure "FAIL table | row | column | attack | value",
"# note" lines, "dold andel: H av N" (disclosure-hidden numeric cells of all
numeric cells), and last "attack: N checked, N failed".

Attack kinds (the tag in each FAIL line and the function that implements it)
  a  table equations (column sums to Totalt, parts to a row total, bounds),
     solved as one integer program per connected set of unknowns:
     attack_table_equations
  b  means through the total row, and change = after - before: attack_means
  c  statistics that pin their n (the n of a shown statistic, a paired-t CI
     with its p, an exact McNemar p): attack_stat_n, attack_ttest_n,
     attack_mcnemar
  d  percentages and their base: attack_percent; a share's Wilson limits
     and its base: attack_wilson; a mean with its SD: attack_sd; a Poisson
     interval: attack_poisson
  e  the same count in several tables: attack_same_figure (table SAME_FIGURE)
  f  Kaplan-Meier steps and at-risk numbers: attack_km
  g  exact tests (Fisher's test over the end-reason table): attack_fisher
The integer program is solved with the equations of a, then a+c, a+c+d, ...
(cumulative), and each failure is attributed to the first stage at which it
appears.  Deterministic: no randomness, sorted iteration everywhere.
"""
import json
import math
import re
import sys
from collections import Counter, defaultdict

import numpy as np
from scipy import stats
from scipy.optimize import Bounds, LinearConstraint, milp

STAT_TYPES = ("number", "percent", "pvalue")
GOAL_COLS = ("goals", "uppnatt", "delvis", "ej_uppnatt", "pagaende", "uppnatt_pct")
NUMERIC_TYPES = ("count",) + STAT_TYPES
STAGES = ["a", "c", "d", "e", "f", "g"]
ATTACK_NAMES = {
    "a": "tabellens ekvationer",
    "b": "medelvärde via totalraden",
    "c": "statistik som röjer sitt n",
    "d": "andel och dess bas",
    "e": "samma antal i flera tabeller",
    "f": "Kaplan–Meier",
    "g": "exakt test",
    "shown": "visat litet antal / statistik över få",
    "chart": "diagram visar dolt värde",
}

# ---------------------------------------------------------------------------
# The semantic matches used by attack e: cells that mean the same count.
# (table id regex, row label regex, column id regex, key).  Named groups of
# the three regexes fill the key.  In the kohort report a column c<K>_... is
# read as <cohort name>_... (the K-th cohort of kohort_urval), and in the
# arsrapport trend table the report year's row is "year" and the one before
# "previous_year" (as the columns of the key-figure tables are called).
# Stat cells take part through their n, as the pseudo column "<col>#n".
# Each match is checked against the truth; a cell whose true value differs
# from its group's is left out of the group (a "# note" says so).
# ---------------------------------------------------------------------------
SAME_FIGURE = [
    # utfall: cases per group are the same in every outcome table; the
    # urval table's total is the cases in the report
    (r"^utfall_urval$", r"^Startade ärenden, totalt$", r"^n$", "utfall:n_cases:Totalt"),
    (r"^utfall_(?!urval$|risk_)", r"^(?P<row>.+)$", r"^n_cases$", "utfall:n_cases:{row}"),
    # arsrapport: Totalt rows of the by-sex, by-age and by-insats tables
    (r"^arsrapport_(kon|alder|insats)_(?!risk)", r"^Totalt$", r"^n_cases$", "ars:n_cases:Totalt"),
    (r"^arsrapport_urval$", r"^Totalt$", r"^n$", "ars:n_cases:Totalt"),
    (r"^arsrapport_(?P<b>kon|alder|insats)_", r"^(?P<row>.+)$", r"^n_cases$", "ars:{b}:n_cases:{row}"),
    (r"^arsrapport_(kon|alder|insats)_(?P<m>.+)$", r"^Totalt$",
     r"^(?P<c>n_paired|before_any|after_any)$", "ars:{m}:{c}:Totalt"),
    # arsrapport: key figures = the trend table's last two years
    (r"^arsrapport_trend$", r"^(?P<y>year|previous_year)$",
     r"^(?P<c>new|active|started|ended|ended_[a-z_]+)$", "ars:trend:{c}:{y}"),
    (r"^arsrapport_nyckeltal$", r"^Unga i programmet", r"^(?P<y>year|previous_year)$", "ars:trend:active:{y}"),
    (r"^arsrapport_nyckeltal$", r"^Nya ", r"^(?P<y>year|previous_year)$", "ars:trend:new:{y}"),
    (r"^arsrapport_nyckeltal$", r"^Startade", r"^(?P<y>year|previous_year)$", "ars:trend:started:{y}"),
    (r"^arsrapport_nyckeltal$", r"^Avslutade", r"^(?P<y>year|previous_year)$", "ars:trend:ended:{y}"),
    (r"^arsrapport_avslutsorsak$", r"^Totalt$", r"^(?P<y>year|previous_year)$", "ars:trend:ended:{y}"),
    (r"^arsrapport_avslutsorsak$", r"^Målen uppfyllda$", r"^(?P<y>year|previous_year)$",
     "ars:trend:ended_mal_uppfyllda:{y}"),
    (r"^arsrapport_avslutsorsak$", r"^Avhopp$", r"^(?P<y>year|previous_year)$", "ars:trend:ended_avhopp:{y}"),
    (r"^arsrapport_avslutsorsak$", r"^Fortsatt brottslighet$", r"^(?P<y>year|previous_year)$",
     "ars:trend:ended_fortsatt_brottslighet:{y}"),
    (r"^arsrapport_avslutsorsak$", r"^Placering$", r"^(?P<y>year|previous_year)$", "ars:trend:ended_placering:{y}"),
    (r"^arsrapport_avslutsorsak$", r"^Flytt$", r"^(?P<y>year|previous_year)$", "ars:trend:ended_flytt:{y}"),
    (r"^arsrapport_avslutsorsak$", r"^Annan orsak$", r"^(?P<y>year|previous_year)$", "ars:trend:ended_annan:{y}"),
    (r"^arsrapport_nyckeltal_andelar$", r"^Mål uppnådda", r"^n$", "ars:mal:goals"),
    (r"^arsrapport_nyckeltal_andelar$", r"^Mål uppnådda", r"^count$", "ars:mal:uppnatt"),
    (r"^arsrapport_mal$", r"^Totalt$", r"^goals$", "ars:mal:goals"),
    (r"^arsrapport_mal$", r"^Totalt$", r"^uppnatt$", "ars:mal:uppnatt"),
    # verksamhet: active cases per unit (Totalt row of the "who" tables,
    # the plan table, the n of the meeting shares), ongoing, ended
    (r"^verksamhet_(kon|alder|malgrupp|aktualiserad)$", r"^Totalt$", r"^unit_(?P<u>.+)$", "verk:aktiva:{u}"),
    (r"^verksamhet_(kon|alder|malgrupp|aktualiserad)$", r"^Totalt$", r"^total$", "verk:aktiva:Totalt"),
    (r"^verksamhet_(plan|flode)$", r"^(?P<u>.+)$", r"^aktiva$", "verk:aktiva:{u}"),
    (r"^verksamhet_moten$", r"^(?P<u>.+)$", r"^[a-z_]+#n$", "verk:aktiva:{u}"),
    (r"^verksamhet_(flode|kapacitet)$", r"^(?P<u>.+)$", r"^pagaende$", "verk:pagaende:{u}"),
    (r"^verksamhet_flode$", r"^Totalt$", r"^avslutade$", "verk:avslutade:Totalt"),
    # verksamhet, month by month: the Totalt row is the period's flow
    (r"^verksamhet_manader$", r"^Totalt$", r"^avslutade$", "verk:avslutade:Totalt"),
    (r"^verksamhet_(flode|manader)$", r"^Totalt$", r"^(?P<c>aktualiserade|startade)$", "verk:{c}:Totalt"),
    (r"^verksamhet_avslut$", r"^Totalt$", r"^total$", "verk:avslutade:Totalt"),
    # verksamhet, the path: the cases referred in the period, by where they stand
    (r"^verksamhet_flode$", r"^(?P<u>.+)$", r"^aktualiserade$", "verk:aktualiserade:{u}"),
    (r"^verksamhet_vag$", r"^Totalt$", r"^unit_(?P<u>.+)$", "verk:aktualiserade:{u}"),
    (r"^verksamhet_vag$", r"^Totalt$", r"^total$", "verk:aktualiserade:Totalt"),
    # kohort: analysed cases per cohort (Tabell 1, the balance table, the
    # KM table and the at-risk row at month 0), at risk per month, cases
    # with before and after
    (r"^kohort_urval$", r"^(?P<k>.+)$", r"^n_analysed$", "koh:analysed:{k}"),
    (r"^kohort_balans$", r"^(Ålder vid start|Flickor|Målgrupp|Misstankar om brott)",
     r"^(?P<k>[^_]+)_n$", "koh:analysed:{k}"),
    # the process: every analysed case has these
    (r"^kohort_process$", r"^(Polisen|Skolan|BUP|Olika insatser|Minst två|Placerad)",
     r"^(?P<k>[^_]+)_n$", "koh:analysed:{k}"),
    # (time to event: one case per person, so its n is the persons')
    (r"^kohort_overlevnad$", r"^(?P<k>.+) / \d+$", r"^n$", "koh:km:{k}"),
    (r"^kohort_overlevnad$", r"^(?P<k>.+) / (?P<m>\d+)$", r"^n_risk$", "koh:risk:{k}:{m}"),
    (r"^kohort_overlevnad_kurva$", r"^0$", r"^(?P<k>[^_]+)_risk$", "koh:km:{k}"),
    (r"^kohort_overlevnad_kurva$", r"^(?P<m>\d+)$", r"^(?P<k>[^_]+)_risk$", "koh:risk:{k}:{m}"),
    (r"^kohort_urval$", r"^(?P<k>.+)$", r"^n_complete$", "koh:complete:{k}"),
    (r"^kohort_did_", r"^(?P<k>.+)$", r"^n$", "koh:complete:{k}"),
]

# Row relations inside a table (attack a): (table regex, total column,
# part columns regex): total = sum of the parts in every row.
PARTS = [
    (r"^verksamhet_", r"^total$", r"^unit_"),
    # active in the period = ongoing at its end + ended in it
    (r"^verksamhet_flode$", r"^aktiva$", r"^(pagaende|avslutade)$"),
    # actions due in the period = done by the due date + not
    (r"^(verksamhet|arsrapport)_atgarder$", r"^forfallna$", r"^(i_tid|inte_i_tid)$"),
    # the årsrapport's path: the units add up to the total
    (r"^arsrapport_vag$", r"^total$", r"^unit_"),
    (r"_risk_", r"^total$", r"^followup_"),
    (r"^kohort_urval$", r"^n_cases$", r"^(n_no_consent|n_analysed)$"),
    (r"^arsrapport_mal$", r"^goals$", r"^(uppnatt|delvis|ej_uppnatt|pagaende)$"),
    (r"^arsrapport_trend$", r"^ended$", r"^ended_"),
]
# (table regex, smaller column, larger column) in every row.
LEQ = [
    (r".", "n_paired", "n_cases"),
    (r".", "before_any", "n_paired"),
    (r".", "after_any", "n_paired"),
    (r"^kohort_urval$", "n_complete", "n_analysed"),
    (r"^arsrapport_nyckeltal_andelar$", "count", "n"),
    (r"^arsrapport_nyckeltal_andelar$", "previous_count", "previous_n"),
    (r"^arsrapport_trend$", "girls", "active"),
    (r"^arsrapport_trend$", "started", "active"),
    (r"^arsrapport_mal$", "uppnatt", "goals"),
    (r"^datakvalitet_", "fel", "kontrollerade"),
]
# Preferred base columns of a statistic's n (attack c), in order.
BASE_PREF = ["n_paired", "n", "aktiva", "goals", "n_risk", "active", "n_cases"]


def close(a, b, rel=1e-7):
    return abs(a - b) <= rel * max(1.0, abs(a), abs(b))


# ---------------------------------------------------------------------------
# The report as cells
# ---------------------------------------------------------------------------
class Cell:
    """One cell of a table: public and true value.  Pseudo cells
    ("<col>#n") stand for the n of a shown statistic."""

    def __init__(self, tid, ri, row, col, ctype, pub, tru, total, decimals=0):
        self.tid, self.ri, self.row, self.col, self.ctype = tid, ri, row, col, ctype
        self.pub, self.tru, self.total, self.decimals = pub, tru, total, decimals
        self.supp = pub.get("suppressed")
        self.value = pub.get("value") if not self.supp else None
        self.true = tru.get("value") if not tru.get("suppressed") else None
        self.hidden = bool(self.supp) and self.true is not None
        self.shown = not self.supp and self.value is not None
        self.ref = (tid, ri, col)

    def where(self):
        return f"{self.tid} | {self.row} | {self.col}"


class Report:
    def __init__(self, pub, tru):
        self.pub, self.t = pub, pub["threshold"]
        self.name = pub["report"]
        self.tables = {}        # tid -> (columns, rows of cells, overlap, has_total)
        self.cells = {}         # ref -> Cell
        self.charts = []
        cohort_names = []
        year0 = None
        # the truth by table id: the report leaves out what shows nothing
        # (uf_report_prune), so its tables are a subset of the truth's
        truth = {t["id"]: t for st in tru["sections"] for t in st["tables"]}
        pairs = [(s, [(tab, truth[tab["id"]]) for tab in s["tables"]]) for s in pub["sections"]]
        for s, tabs in pairs:
            for tab, ttab in tabs:
                if tab["id"] == "kohort_urval":
                    cohort_names = [r["cells"][0]["value"] for r in tab["rows"]]
                if tab["id"] == "arsrapport_trend":
                    year0 = max(int(r["cells"][0]["value"]) for r in tab["rows"])
        self.cohort_names = cohort_names
        for s, tabs in pairs:
            self.charts += s["charts"]
            for tab, ttab in tabs:
                tid = tab["id"]
                cols = [self.col_alias(c["id"], cohort_names) for c in tab["columns"]]
                rows = []
                for ri, (r, tr) in enumerate(zip(tab["rows"], ttab["rows"])):
                    texts = [c.get("value") for c, col in zip(r["cells"], tab["columns"])
                             if col["type"] == "text" and c.get("value") is not None]
                    label = " / ".join(texts) if texts else str(ri)
                    if tid == "arsrapport_trend" and year0 is not None:
                        label = {str(year0): "year", str(year0 - 1): "previous_year"}.get(label, label)
                    row = {}
                    for col, cdef, c, ct in zip(cols, tab["columns"], r["cells"], tr["cells"]):
                        cell = Cell(tid, ri, label, col, cdef["type"], c, ct, r["total"], cdef["decimals"])
                        row[col] = cell
                        self.cells[cell.ref] = cell
                        if cdef["type"] in STAT_TYPES and ("n" in c or "n" in ct):
                            pc = Cell(tid, ri, label, col + "#n", "count",
                                      {"value": c["n"]} if "n" in c else {"value": None, "suppressed": "stat"},
                                      {"value": ct.get("n")}, r["total"])
                            pc.hidden = False            # not a cell of its own: never scored
                            row[col + "#n"] = pc
                            self.cells[pc.ref] = pc
                    rows.append(row)
                self.tables[tid] = {"cols": cols, "defs": tab["columns"], "rows": rows,
                                    "overlap": tab["groups_overlap"],
                                    "label": tab["title"]}

    def col_alias(self, cid, names):
        m = re.match(r"^c(\d+)(_.*)?$", cid)
        if self.name == "kohort" and m and 0 < int(m.group(1)) <= len(names):
            return names[int(m.group(1)) - 1] + (m.group(2) or "")
        return cid

    def numeric_cells(self):
        return [c for c in self.cells.values() if c.ctype in NUMERIC_TYPES and "#" not in c.col
                and c.true is not None]


# ---------------------------------------------------------------------------
# Linear knowledge: terms are (coef, ref) with ref a cell ref or a derived
# name ("d:...").  The attacker folds shown cells in as constants.
# ---------------------------------------------------------------------------
class Knowledge:
    def __init__(self, rep):
        self.rep = rep
        self.cons = []          # (tag, terms, sense, rhs, what)
        self.derived = {}       # name -> (truth value, description, small-if-pinned scored)
        self.notes = Counter()

    def value_pub(self, ref):
        c = self.rep.cells.get(ref)
        if c is None:
            return None
        return c.value if c.shown else None

    def value_true(self, ref):
        if isinstance(ref, str):
            return self.derived[ref][0]
        c = self.rep.cells.get(ref)
        return None if c is None else c.true

    def add(self, tag, terms, sense, rhs, what):
        """Add sum(coef * x) SENSE rhs if it holds on the true values."""
        tv = [self.value_true(r) for _, r in terms]
        if any(v is None for v in tv):
            # a cell without any value (e.g. 'missing' in the truth too) = 0
            tv = [0 if v is None else v for v in tv]
        lhs = sum(c * v for (c, _), v in zip(terms, tv))
        ok = (abs(lhs - rhs) < 1e-6) if sense == "=" else (lhs <= rhs + 1e-6)
        if not ok:
            self.notes[f"{ATTACK_NAMES.get(tag, tag)}: antagandet gäller inte här, används inte: {what}"] += 1
            return
        self.cons.append((tag, terms, sense, rhs, what))


def ref_is_var(rep, ref):
    """True when ref is an unknown of the integer program."""
    if isinstance(ref, str):
        return True
    c = rep.cells[ref]
    return not c.shown and c.true is not None or (not c.shown and c.supp == "stat")


# ---------------------------------------------------------------------------
# a: table equations
# ---------------------------------------------------------------------------
def attack_table_equations(rep, kn):
    """Column sums: in a table with a Totalt row whose groups do not overlap,
    every count column's group rows add up to the total row; where groups
    overlap, every group is at most the total and the total at most their
    sum.  Row parts: a total column is the sum of its part columns (PARTS),
    and the bounds of LEQ.  Hidden cells' domains (1..t-1, or 0 / >= t) are
    added by the solver."""
    for tid, tab in sorted(rep.tables.items()):
        rows = tab["rows"]
        totals = [r for r in rows if next(iter(r.values())).total]
        groups = [r for r in rows if not next(iter(r.values())).total]
        count_cols = [c for c, d in zip(tab["cols"], tab["defs"]) if d["type"] == "count"]
        if len(totals) == 1 and groups:
            tot = totals[0]
            for col in count_cols:
                if tab["overlap"]:
                    for g in groups:
                        kn.add("a", [(1, g[col].ref), (-1, tot[col].ref)], "<=", 0, f"{tid}.{col}: grupp <= totalt")
                    kn.add("a", [(1, tot[col].ref)] + [(-1, g[col].ref) for g in groups], "<=", 0,
                           f"{tid}.{col}: totalt <= summan av grupperna")
                else:
                    kn.add("a", [(1, g[col].ref) for g in groups] + [(-1, tot[col].ref)], "=", 0,
                           f"{tid}.{col}: grupperna summerar till totalt")
        for tre, totc, partre in PARTS:
            if not re.search(tre, tid):
                continue
            tc = [c for c in count_cols if re.search(totc, c)]
            parts = [c for c in count_cols if re.search(partre, c)]
            if len(tc) != 1 or not parts:
                continue
            for r in rows:
                kn.add("a", [(1, r[p].ref) for p in parts] + [(-1, r[tc[0]].ref)], "=", 0,
                       f"{tid}: {'+'.join(parts)} = {tc[0]}")
        for tre, small, big in LEQ:
            if re.search(tre, tid) and small in tab["cols"] and big in tab["cols"]:
                for r in rows:
                    kn.add("a", [(1, r[small].ref), (-1, r[big].ref)], "<=", 0, f"{tid}: {small} <= {big}")
        # verksamhet month by month: each month, active = ongoing at the
        # start + started = ended + ongoing at the end; one month's end is
        # the next one's start; the last month's end is the period's
        if tid == "verksamhet_manader":
            months = groups
            for r in months:
                kn.add("a", [(1, r["pagaende_borjan"].ref), (1, r["startade"].ref), (-1, r["aktiva"].ref)],
                       "=", 0, f"{tid}: början + startade = aktiva")
                kn.add("a", [(1, r["avslutade"].ref), (1, r["pagaende_slut"].ref), (-1, r["aktiva"].ref)],
                       "=", 0, f"{tid}: avslutade + slut = aktiva")
            for r, nxt in zip(months, months[1:]):
                kn.add("a", [(1, r["pagaende_slut"].ref), (-1, nxt["pagaende_borjan"].ref)], "=", 0,
                       f"{tid}: slut = nästa månads början")
            flode = rep.tables.get("verksamhet_flode")
            if flode and months:
                tot = [r for r in flode["rows"] if next(iter(r.values())).total]
                if tot:
                    kn.add("a", [(1, months[-1]["pagaende_slut"].ref), (-1, tot[0]["pagaende"].ref)], "=", 0,
                           f"{tid}: sista månadens slut = pågående vid periodens slut")
        # datakvalitet: the overview's row of a rule is its table's Totalt
        if tid == "datakvalitet_oversikt":
            for other, ot in sorted(rep.tables.items()):
                if not other.startswith("datakvalitet_") or other == tid:
                    continue
                tot = [r for r in ot["rows"] if next(iter(r.values())).total]
                mine = [r for r in rows if r["regel"].row == ot["label"] or
                        r["regel"].row.startswith(ot["label"] + " (")]
                if len(tot) == 1 and len(mine) == 1:
                    for col in ("kontrollerade", "fel"):
                        kn.add("a", [(1, mine[0][col].ref), (-1, tot[0][col].ref)], "=", 0,
                               f"{tid}: {ot['label']} = {other} Totalt")
        # kohort balance table: count <= n per cohort
        if tid == "kohort_balans":
            for col in count_cols:
                if col.endswith("_count") and col[:-6] + "_n" in tab["cols"]:
                    for r in rows:
                        kn.add("a", [(1, r[col].ref), (-1, r[col[:-6] + "_n"].ref)], "<=", 0,
                               f"{tid}: {col} <= n")


# ---------------------------------------------------------------------------
# c: statistics that pin their n
# ---------------------------------------------------------------------------
def base_columns(rep):
    """For each (table, stat column): the count column of the same row that
    its n counts (n_paired, aktiva, ...).  A column qualifies when it equals
    the statistic's n in every row of the truth; BASE_PREF breaks ties."""
    out = {}
    for tid, tab in sorted(rep.tables.items()):
        count_cols = [c for c, d in zip(tab["cols"], tab["defs"]) if d["type"] == "count"]
        for col, d in zip(tab["cols"], tab["defs"]):
            if d["type"] not in STAT_TYPES:
                continue
            cands = []
            for k in count_cols:
                pairs = [(r[col + "#n"].true, r[k].true) for r in tab["rows"]
                         if col + "#n" in r and r[col + "#n"].true is not None and r[k].true is not None]
                if pairs and all(a == b for a, b in pairs) and (len(pairs) >= 2 or k in BASE_PREF):
                    cands.append(k)
            if cands:
                cands.sort(key=lambda k: (BASE_PREF.index(k) if k in BASE_PREF else 99, tab["cols"].index(k)))
                out[(tid, col)] = cands[0]
    return out


def attack_stat_n(rep, kn, bases):
    """A shown statistic carries its n; n is the count in its base column
    of the same row (e.g. n_paired), which may be hidden."""
    for (tid, col), k in sorted(bases.items()):
        for r in rep.tables[tid]["rows"]:
            pc = r.get(col + "#n")
            if pc is not None and pc.shown:
                kn.add("c", [(1, r[k].ref)], "=", pc.value, f"{tid}.{col}: n = {k}")


def ttest_n_candidates(m, lo, hi, p, nmax):
    """n that fit a paired t: CI m +- qt(.975, n-1) se and p = 2 pt(-|m|/se)."""
    out = []
    half = (hi - lo) / 2
    if not (half > 0) or not close((hi + lo) / 2, m, 1e-6):
        return out
    for n in range(2, nmax + 1):
        se = half / stats.t.ppf(0.975, n - 1)
        pp = 2 * stats.t.sf(abs(m) / se, n - 1)
        if close(pp, p, 1e-6):
            out.append(n)
    return out


def attack_ttest_n(rep, kn, bases, nmax):
    """Without reading any n: the mean change, its paired-t 95 % CI and the
    t-test p together fix n (the CI half-width is qt(.975, n-1)*se and
    p = 2*pt(-|mean|/se, n-1)).  The n found equals the row's n_paired."""
    for tid, tab in sorted(rep.tables.items()):
        need = ("change_mean", "change_ci_low", "change_ci_high", "t_p", "n_paired")
        if not all(c in tab["cols"] for c in need):
            continue
        for r in tab["rows"]:
            if not all(r[c].shown for c in need[:4]):
                continue
            ns = ttest_n_candidates(r["change_mean"].value, r["change_ci_low"].value,
                                    r["change_ci_high"].value, r["t_p"].value, nmax)
            if len(ns) == 1:
                kn.add("c", [(1, r["n_paired"].ref)], "=", ns[0], f"{tid}: n från t-testets KI och p")


def mcnemar_candidates(p, nmax):
    """(b + c) that fit an exact McNemar p = min(1, 2 P(X <= min(b, c))),
    X ~ Bin(b + c, 1/2)."""
    out = set()
    for n in range(1, nmax + 1):
        for k in range(0, n // 2 + 1):
            if close(min(1.0, 2 * stats.binom.cdf(k, n, 0.5)), p, 1e-9):
                out.add(n)
    return out


def attack_mcnemar(rep, kn, fails):
    """An exact McNemar p with its n: enumerate the discordant pairs b + c.
    A unique b + c of 1..t-1 is a recovered small count; b - c =
    before_any - after_any then gives b and c once those are known."""
    for tid, tab in sorted(rep.tables.items()):
        if "mcnemar_p" not in tab["cols"]:
            continue
        for r in tab["rows"]:
            pc = r["mcnemar_p"]
            if not pc.shown or pc.value >= 1.0 - 1e-12:
                continue
            nmax = r["mcnemar_p#n"].value if "mcnemar_p#n" in r and r["mcnemar_p#n"].shown else 200
            cand = mcnemar_candidates(pc.value, nmax)
            if len(cand) == 1:
                n = cand.pop()
                name = f"d:mcnemar:{tid}:{r['mcnemar_p'].ri}"
                kn.derived[name] = (n, f"{tid} | {pc.row} | b+c (diskordanta par)", True)
                kn.add("c", [(1, name)], "=", n, f"{tid}: b+c från McNemars p")
                if "n_paired" in tab["cols"]:
                    kn.add("c", [(1, name), (-1, r["n_paired"].ref)], "<=", 0, f"{tid}: b+c <= n_paired")


# ---------------------------------------------------------------------------
# d: percentages and their base
# ---------------------------------------------------------------------------
def percent_like(d):
    lab = (d.get("label") or "").lower()
    return d["type"] == "percent" or (d["type"] == "number" and "andel" in lab and "%" in lab)


def numerator_columns(rep, bases):
    """For each percentage column: the count column of the same row that is
    its numerator (pct * n / 100 equals it in every row of the truth)."""
    out = {}
    for tid, tab in sorted(rep.tables.items()):
        count_cols = [c for c, d in zip(tab["cols"], tab["defs"]) if d["type"] == "count"]
        for col, d in zip(tab["cols"], tab["defs"]):
            if not percent_like(d):
                continue
            for k in count_cols:
                if k == bases.get((tid, col)):
                    continue
                pairs = [(r[col].true * r[col + "#n"].true / 100, r[k].true) for r in tab["rows"]
                         if col + "#n" in r and r[col].true is not None and r[col + "#n"].true is not None
                         and r[k].true is not None]
                if pairs and all(abs(a - b) < 1e-6 for a, b in pairs) and any(b > 0 for _, b in pairs):
                    out[(tid, col)] = k
                    break
    return out


def attack_percent(rep, kn, nums, fails):
    """A shown percentage with its n gives its numerator pct*n/100.  A
    numerator of 1..t-1 is a recovered small count whether or not a table
    shows that count; where the numerator column is known it is pinned."""
    for tid, tab in sorted(rep.tables.items()):
        for col, d in zip(tab["cols"], tab["defs"]):
            if not percent_like(d):
                continue
            for r in tab["rows"]:
                c, pc = r[col], r.get(col + "#n")
                if not c.shown or pc is None or not pc.shown:
                    continue
                k = c.value * pc.value / 100
                if abs(k - round(k)) > 1e-6:
                    continue
                k = int(round(k))
                if 1 <= k < rep.t:
                    fails.append((c.where(), "d", k, f"täljare i {c.value:.4g} % av {pc.value}"))
                if (tid, col) in nums:
                    kn.add("d", [(1, r[nums[(tid, col)]].ref)], "=", k, f"{tid}.{col}: täljare")


def wilson_limits(x, n):
    """prop.test(x, n, correct = FALSE)$conf.int in per cent (Wilson)."""
    z = stats.norm.ppf(0.975)
    p = x / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    lo = 0.0 if x == 0 else centre - half
    hi = 1.0 if x == n else centre + half
    return 100 * lo, 100 * hi


def attack_wilson(rep, kn, nums, fails):
    """A shown Wilson confidence limit of a share with its n gives the
    numerator x: try every x of 0..n.  A unique x of 1..t-1 is a recovered
    small count; where the share's numerator column is known it is pinned."""
    for tid, tab in sorted(rep.tables.items()):
        for col, d in zip(tab["cols"], tab["defs"]):
            how = d.get("join", {}).get("as")
            if d["type"] != "percent" or how not in ("ci_low", "ci_high"):
                continue
            host = d["join"]["into"]
            for r in tab["rows"]:
                c, pc = r[col], r.get(col + "#n")
                if not c.shown or pc is None or not pc.shown or pc.value < 1:
                    continue
                n = int(round(pc.value))
                xs = [x for x in range(n + 1)
                      if close(wilson_limits(x, n)[0 if how == "ci_low" else 1], c.value, 1e-9)]
                if len(xs) != 1:
                    continue
                x = xs[0]
                if 1 <= x < rep.t:
                    fails.append((c.where(), "d", x, f"täljare ur Wilson-intervallet {c.value:.6g} % av {n}"))
                if (tid, host) in nums:
                    kn.add("d", [(1, r[nums[(tid, host)]].ref)], "=", x, f"{tid}.{col}: täljare (Wilson)")


def sd_pairs(tab):
    """(mean column, SD column) of a table: a column NAME_sd beside NAME_mean
    or NAME (kohort's balance: COHORT_sd beside COHORT_mean)."""
    out = []
    for col in tab["cols"]:
        if col.endswith("_sd"):
            base = col[:-3]
            for m in (base + "_mean", base):
                if m in tab["cols"]:
                    out.append((m, col))
                    break
    return out


def attack_sd(rep, fails):
    """A mean, its SD and n give the sum S and the sum of squares Q of the
    values.  Cauchy-Schwarz: S^2 <= k Q for the k values that are not zero,
    with equality when they are equal, so S^2 = Q says exactly one value is
    not zero.  Values of -v, 0 and v (a yes/no change, in kohort 0/100)
    give both counts: (c - b) v = S and (c + b) v^2 = Q."""
    for tid, tab in sorted(rep.tables.items()):
        for mcol, scol in sd_pairs(tab):
            for r in tab["rows"]:
                m, sd = r[mcol], r[scol]
                pn = r.get(scol + "#n") or r.get(mcol + "#n")
                if not (m.shown and sd.shown and pn is not None and pn.shown) or pn.value < 2:
                    continue
                n = pn.value
                S = m.value * n
                Q = (n - 1) * sd.value ** 2 + n * m.value ** 2
                if Q <= 1e-12:
                    continue
                if close(S * S / Q, 1.0, 1e-7):
                    fails.append((sd.where(), "d", 1, f"ett enda värde skilt från noll (S²/Q = 1, n = {n:g})"))
                for v in (100.0, 1.0):
                    d, tot = S / v, Q / (v * v)
                    if abs(d - round(d)) < 1e-6 and abs(tot - round(tot)) < 1e-6 and tot <= n + 1e-9:
                        c, b = (round(tot) + round(d)) / 2, (round(tot) - round(d)) / 2
                        if c == int(c) and b >= 0 and c >= 0 and tid.startswith("kohort_did"):
                            for k in (b, c):
                                if 1 <= k < rep.t:
                                    fails.append((sd.where(), "d", k,
                                                  f"ändrade åt ett håll ur medel och SD av ±{v:g}"))


def attack_poisson(rep, fails):
    """An exact Poisson interval (poisson.test) of a rate: hi / lo =
    qgamma(0.975, x + 1) / qgamma(0.025, x) depends on the count x alone.
    A count of 1..t-1 events bounds the persons with one by it."""
    for tid, tab in sorted(rep.tables.items()):
        for ph in ("before", "after"):
            cols = (f"{ph}_rate", f"{ph}_rate_ci_low", f"{ph}_rate_ci_high")
            if not all(c in tab["cols"] for c in cols):
                continue
            for r in tab["rows"]:
                rate, lo, hi = (r[c] for c in cols)
                if not (rate.shown and lo.shown and hi.shown) or not lo.value > 0:
                    continue
                ratio = hi.value / lo.value
                for x in range(1, rep.t):
                    if close(stats.gamma.ppf(0.975, x + 1) / stats.gamma.ppf(0.025, x), ratio, 1e-6):
                        fails.append((rate.where(), "d", x, f"{x} händelser ur Poisson-intervallet"))


# ---------------------------------------------------------------------------
# e: the same count in several tables
# ---------------------------------------------------------------------------
def attack_same_figure(rep, kn):
    """Cells that SAME_FIGURE says mean the same count are equal; plus the
    test tables' n: log-rank n = the analysed cases of all cohorts, Fisher n
    = the ended cases of all cohorts."""
    groups = defaultdict(list)
    for ref, c in sorted(rep.cells.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2])):
        if c.ctype != "count":
            continue
        for tre, rre, cre, key in SAME_FIGURE:
            mt, mr, mc = re.search(tre, c.tid), re.search(rre, c.row), re.search(cre, c.col)
            if mt and mr and mc:
                gd = {**mt.groupdict(), **mr.groupdict(), **mc.groupdict()}
                groups[key.format(**gd)].append(c)
                break
    for key, cells in sorted(groups.items()):
        if len(cells) < 2:
            continue
        common = Counter(c.true for c in cells if c.true is not None).most_common(1)
        if not common:
            continue
        v = common[0][0]
        keep = [c for c in cells if c.true == v]
        for c in cells:
            if c.true != v:
                kn.notes[f"samma antal: {c.where()} hör inte till {key} här"] += 1
        for c in keep[1:]:
            kn.add("e", [(1, c.ref), (-1, keep[0].ref)], "=", 0, f"samma antal {key}")
    if rep.name == "kohort":
        lr = rep.tables.get("kohort_logrank")
        ur = rep.tables.get("kohort_urval")
        if lr and ur:
            kn.add("e", [(1, lr["rows"][0]["n"].ref)] + [(-1, r["n_analysed"].ref) for r in ur["rows"]], "=", 0,
                   "log-rank n = summan av analyserade")
        ft, av = rep.tables.get("kohort_avslutsorsak_test"), rep.tables.get("kohort_avslutsorsak")
        if ft and av:
            tot = [r for r in av["rows"] if next(iter(r.values())).total]
            if tot:
                kn.add("e", [(1, ft["rows"][0]["n"].ref)] +
                       [(-1, tot[0][c].ref) for c, d in zip(av["cols"], av["defs"]) if d["type"] == "count"],
                       "=", 0, "Fishers n = summan av avslutade")


# ---------------------------------------------------------------------------
# f: Kaplan-Meier
# ---------------------------------------------------------------------------
def attack_km(rep, kn):
    """In the month-by-month KM table, for each cohort: the cases leaving
    the risk set during month m are the events plus the censored:
    risk(m-1) - risk(m) = events(m) + censored(m).  events(m) is a derived
    count (>= 0); where the curve is shown on both sides of a month and does
    not move, events(m) = 0, and where it moves, events(m) >= 1.  A month's
    events pinned to 1..t-1 is a recovered small count."""
    tab = rep.tables.get("kohort_overlevnad_kurva")
    if not tab:
        return
    names = [c[:-5] for c in tab["cols"] if c.endswith("_risk")]
    for k in names:
        rc, cc, sc = k + "_risk", k + "_censored", k + "_surv"
        rows = tab["rows"]
        ev = []
        for m in range(1, len(rows)):
            r0, r1 = rows[m - 1], rows[m]
            tv = [r0[rc].true, r1[rc].true, r1[cc].true]
            if any(v is None for v in tv):
                continue
            e = tv[0] - tv[1] - tv[2]
            ev.append((m, e))
        if any(e < 0 for _, e in ev):
            kn.notes[f"Kaplan–Meier: i risk minskar inte med händelser + censurerade för {k}, används inte"] += 1
            continue
        for m, e in ev:
            r0, r1 = rows[m - 1], rows[m]
            name = f"d:km:{k}:{m}"
            kn.derived[name] = (e, f"kohort_overlevnad_kurva | {m} | {k}: händelser under månaden", True)
            kn.add("f", [(1, r0[rc].ref), (-1, r1[rc].ref), (-1, r1[cc].ref), (-1, name)], "=", 0,
                   f"KM {k}: i risk = händelser + censurerade")
            s0, s1 = r0.get(sc), r1.get(sc)
            if s0 is not None and s1 is not None and s0.shown and s1.shown:
                if close(s0.value, s1.value, 1e-12):
                    kn.add("f", [(1, name)], "=", 0, f"KM {k}: kurvan står still")
                else:
                    kn.add("f", [(-1, name)], "<=", -1, f"KM {k}: kurvan sjunker")


# ---------------------------------------------------------------------------
# g: exact tests
# ---------------------------------------------------------------------------
class TooLarge(Exception):
    pass


_MARGIN_CACHE = {}


def margin_logps(rows, cols, budget):
    """log P of every r x c table with these margins (hypergeometric), as a
    numpy array; cached per margins.  TooLarge past budget tables."""
    key = (tuple(sorted(rows)), tuple(cols))
    if key in _MARGIN_CACHE:
        return _MARGIN_CACHE[key]
    rows = sorted(rows)
    n = sum(rows)
    lg = [math.lgamma(i + 1) for i in range(n + 1)]
    out = []

    def comps(k, rem, j):
        if j == len(rem) - 1:
            if k <= rem[j]:
                yield (k,)
            return
        for v in range(min(k, rem[j]) + 1):
            for rest in comps(k - v, rem, j + 1):
                yield (v,) + rest

    def rec(i, rem, acc):
        if i == len(rows) - 1:
            out.append(acc + sum(lg[x] for x in rem))
            if len(out) > budget:
                raise TooLarge()
            return
        for comp in comps(rows[i], rem, 0):
            rec(i + 1, [a - b for a, b in zip(rem, comp)], acc + sum(lg[x] for x in comp))
    rec(0, list(cols), 0.0)
    const = sum(lg[x] for x in rows) + sum(lg[x] for x in cols) - lg[n]
    _MARGIN_CACHE[key] = const - np.array(out)
    return _MARGIN_CACHE[key]


def fisher_p(table, budget):
    """Fisher's exact test p (r x c) by enumeration, as R's fisher.test
    (tables with probability <= the observed one's times 1 + 1e-7).
    table: list of columns.  None when more than budget tables."""
    cols = [sum(c) for c in table]
    rows = [sum(c[i] for c in table) for i in range(len(table[0]))]
    keep = [i for i, v in enumerate(rows) if v > 0]
    table = [[c[i] for i in keep] for c in table if sum(c) > 0]
    rows = [rows[i] for i in keep]
    cols = [c for c in cols if c > 0]
    n = sum(rows)
    if len(rows) < 2 or len(cols) < 2:
        return 1.0
    obs = (sum(math.lgamma(x + 1) for x in rows) + sum(math.lgamma(x + 1) for x in cols)
           - math.lgamma(n + 1) - sum(math.lgamma(x + 1) for col in table for x in col))
    try:
        lp = margin_logps(rows, cols, budget)
    except TooLarge:
        return None
    return min(1.0, float(np.exp(lp[lp <= obs + 1e-7]).sum()))


def attack_fisher(rep, kn, fails, budget=300000, max_cands=3000):
    """kohort_avslutsorsak_test shows Fisher's p for end reason x cohort.
    Enumerate every table that fits the shown cells, each column's Totalt,
    and the hidden cells' domains; keep those whose Fisher p equals the
    shown p.  If one table is left, its hidden cells are recovered.  Skipped
    (with a note) when there are too many candidate tables."""
    ft, av = rep.tables.get("kohort_avslutsorsak_test"), rep.tables.get("kohort_avslutsorsak")
    if not ft or not av or not ft["rows"][0]["p"].shown:
        return
    p_shown = ft["rows"][0]["p"].value
    cols = [c for c, d in zip(av["cols"], av["defs"]) if d["type"] == "count"]
    body = [r for r in av["rows"] if not next(iter(r.values())).total]
    tot = [r for r in av["rows"] if next(iter(r.values())).total]
    true_table = [[r[c].true for r in body] for c in cols]
    tp = fisher_p(true_table, budget) if all(v is not None for col in true_table for v in col) else None
    if tp is None or not close(tp, ft["rows"][0]["p"].true, 1e-6):
        kn.notes["exakt test: Fishers p kunde inte räknas om (för stort eller annan definition), hoppas över"] += 1
        return
    t = rep.t
    per_col = []
    for c in cols:
        if not tot or not tot[0][c].shown:
            kn.notes["exakt test: en kolumnsumma är dold, hoppas över"] += 1
            return
        fixed = [r[c].value if r[c].shown else None for r in body]
        hid = [i for i, v in enumerate(fixed) if v is None]
        left = tot[0][c].value - sum(v for v in fixed if v is not None)
        opts = []

        def fill(i, left, acc):
            if len(opts) > max_cands:
                return
            if i == len(hid):
                if left == 0:
                    opts.append(list(acc))
                return
            cell = body[hid[i]][c]
            dom = (range(1, t) if cell.supp == "small" else range(0, left + 1) if cell.supp == "any"
                   else [0] + list(range(t, left + 1)))
            for v in dom:
                if v <= left:
                    fill(i + 1, left - v, acc + [v])
        fill(0, left, [])
        per_col.append((c, fixed, hid, opts))
    ncand = 1
    for *_, opts in per_col:
        ncand *= max(1, len(opts))
    if ncand > max_cands:
        kn.notes[f"exakt test: {ncand} möjliga tabeller, för många, hoppas över"] += 1
        return
    import itertools
    found = []
    for combo in itertools.product(*[opts for *_, opts in per_col]):
        table = []
        for (c, fixed, hid, _), vals in zip(per_col, combo):
            col = list(fixed)
            for i, v in zip(hid, vals):
                col[i] = v
            table.append(col)
        pp = fisher_p(table, budget)
        if pp is None:
            kn.notes["exakt test: för stort att räkna igenom, hoppas över"] += 1
            return
        if close(pp, p_shown, 1e-6):
            found.append(table)
    if len(found) == 1:
        for (c, fixed, hid, _), col in zip(per_col, found[0]):
            for i in hid:
                cell = body[i][c]
                if cell.true == col[i]:
                    fails.append((cell.where(), "g", col[i], "den enda tabellen som ger Fishers p"))
                    kn.add("g", [(1, cell.ref)], "=", col[i], "Fisher")


# ---------------------------------------------------------------------------
# The integer program
# ---------------------------------------------------------------------------
def solve_intervals(rep, kn, tags, targets, ub, cache):
    """Feasible integer interval [lo, hi] of each target unknown under the
    constraints whose tag is in tags, solved per connected component with
    scipy's MILP (HiGHS).  Hidden 'small' counts are in 1..t-1, other
    hidden counts are 0 or >= t (a binary switch); an "x" ("any") and
    derived counts are >= 0."""
    t = rep.t
    cons = []
    for cid, (tag, terms, sense, rhs, what) in enumerate(kn.cons):
        if tag not in tags:
            continue
        var, const = [], 0.0
        for coef, ref in terms:
            if ref_is_var(rep, ref):
                var.append((coef, ref))
            else:
                v = rep.cells[ref].value
                const += coef * (v if v is not None else 0)
        if var:
            cons.append((var, sense, rhs - const, cid))
    # components
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for var, _, _, _ in cons:
        for _, r in var:
            find(r)
        for _, r in var[1:]:
            parent[find(var[0][1])] = find(r)
    comp_cons = defaultdict(list)
    for c in cons:
        comp_cons[find(c[0][0][1])].append(c)
    out = {}
    for target in targets:
        if target not in parent:
            out[target] = None
            continue
        root = find(target)
        cc = comp_cons[root]
        vars_ = sorted({r for var, _, _, _ in cc for _, r in var}, key=str)
        out[target] = (root, cc, vars_)
    res = {}
    for target in targets:
        if out[target] is None:
            res[target] = None
            continue
        root, cc, vars_ = out[target]
        key = (tuple(sorted(c[3] for c in cc)), target)
        if key in cache:
            res[target] = cache[key]
            continue
        idx = {r: i for i, r in enumerate(vars_)}
        nv = len(vars_)
        sw = [r for r in vars_ if not isinstance(r, str)
              and rep.cells[r].supp not in ("small", "stat", "any")]
        swi = {r: nv + j for j, r in enumerate(sw)}
        N = nv + len(sw)
        lb, hb = np.zeros(N), np.full(N, float(ub))
        for r in vars_:
            if not isinstance(r, str) and rep.cells[r].supp == "small":
                lb[idx[r]], hb[idx[r]] = 1, t - 1
            if isinstance(r, str) and r.startswith("d:"):
                hb[idx[r]] = ub
        for r in sw:
            hb[swi[r]] = 1
        A, lo_, hi_ = [], [], []
        for var, sense, rhs, _ in cc:
            row = np.zeros(N)
            for coef, r in var:
                row[idx[r]] += coef
            A.append(row)
            lo_.append(rhs if sense == "=" else -np.inf)
            hi_.append(rhs)
        for r in sw:            # t*z <= x <= ub*z
            row = np.zeros(N)
            row[idx[r]], row[swi[r]] = 1, -t
            A.append(row); lo_.append(0); hi_.append(np.inf)
            row = np.zeros(N)
            row[idx[r]], row[swi[r]] = 1, -ub
            A.append(row); lo_.append(-np.inf); hi_.append(0)
        lc = LinearConstraint(np.array(A), lo_, hi_)
        integ = np.ones(N)
        bounds = Bounds(lb, hb)
        rng = []
        for sgn in (1, -1):
            cvec = np.zeros(N)
            cvec[idx[target]] = sgn
            r = milp(cvec, constraints=lc, integrality=integ, bounds=bounds,
                     options={"time_limit": 20})
            if r.status != 0 or r.x is None:
                rng = None
                break
            rng.append(int(round(sgn * r.fun)))
        res[target] = tuple(rng) if rng else None
        cache[key] = res[target]
    return res


# ---------------------------------------------------------------------------
# b: means
# ---------------------------------------------------------------------------
def attack_means(rep, bases, known_n, fails):
    """In a table with a Totalt row whose groups do not overlap, a mean
    times its n is a sum: the total's sum minus the shown groups' sums is
    the hidden groups' sum.  With one hidden group left and its n known
    (shown, or pinned by the integer program), its mean follows.  Within a
    row, change = after - before (paired means over the same cases)."""
    recovered = {}

    def val(c):
        if c.shown:
            return c.value
        return recovered.get(c.ref)
    for tid, tab in sorted(rep.tables.items()):
        rows = tab["rows"]
        totals = [r for r in rows if next(iter(r.values())).total]
        groups = [r for r in rows if not next(iter(r.values())).total]
        mean_cols = [c for c, d in zip(tab["cols"], tab["defs"])
                     if d["type"] == "number" and re.search(r"(^|_)mean$", c) and (tid, c) in bases]
        for _ in range(3):          # iterate: one recovery may open another
            for col in mean_cols:
                if tab["overlap"] or len(totals) != 1 or not groups:
                    continue
                base = bases[(tid, col)]
                T = totals[0]
                # the truth must satisfy sum(groups) = total for this column
                tsum = sum((g[col].true or 0) * (g[base].true or 0) for g in groups)
                if T[col].true is None or not close(tsum, T[col].true * (T[base].true or 0), 1e-6):
                    continue
                nT = known_n(T[base])
                if val(T[col]) is None or nT is None:
                    continue
                rest = val(T[col]) * nT
                unknown = []
                for g in groups:
                    n = known_n(g[base])
                    v = val(g[col])
                    if n == 0:
                        continue
                    if v is not None and n is not None:
                        rest -= v * n
                    else:
                        unknown.append((g, n))
                if len(unknown) == 1 and unknown[0][1]:
                    g, n = unknown[0]
                    est = rest / n
                    c = g[col]
                    if c.hidden and c.ref not in recovered and close(est, c.true, 1e-6):
                        recovered[c.ref] = est
                        fails.append((c.where(), "b", f"{est:.6g}", f"via totalraden, n = {n}"))
            if all(x in tab["cols"] for x in ("before_mean", "after_mean", "change_mean")):
                for r in rows:
                    b, a, ch = (val(r[x]) for x in ("before_mean", "after_mean", "change_mean"))
                    t_ok = all(r[x].true is not None for x in ("before_mean", "after_mean", "change_mean")) and \
                        close(r["after_mean"].true - r["before_mean"].true, r["change_mean"].true, 1e-6)
                    if not t_ok:
                        continue
                    for x, est in (("change_mean", None if a is None or b is None else a - b),
                                   ("after_mean", None if b is None or ch is None else b + ch),
                                   ("before_mean", None if a is None or ch is None else a - ch)):
                        c = r[x]
                        if est is not None and c.hidden and c.ref not in recovered and close(est, c.true, 1e-6):
                            recovered[c.ref] = est
                            fails.append((c.where(), "b", f"{est:.6g}", "förändring = efter − före"))
    return recovered


# ---------------------------------------------------------------------------
def attack_shown(rep, fails):
    """What is printed: a count of 1..t-1, or a statistic over fewer than t;
    a chart value whose table cell is hidden."""
    t = rep.t
    for c in sorted(rep.cells.values(), key=lambda c: c.ref):
        if "#" in c.col or not c.shown:
            continue
        if c.ctype == "count" and 1 <= c.value < t:
            fails.append((c.where(), "shown", c.value, "visat antal under tröskeln"))
        n = c.pub.get("n")
        if c.ctype in STAT_TYPES and n is not None and 0 <= n < t:
            fails.append((c.where(), "shown", c.value, f"statistik över n = {n}"))
        # goals are counted as goals, but rest on the persons who have them
        # (a zero stays shown, as every zero does: SPEC §8)
        if c.tid.endswith("_mal") and c.col in GOAL_COLS and not (c.ctype == "count" and c.value == 0):
            persons = rep.tables[c.tid]["rows"][c.ri].get("n_with_goals")
            if persons is not None and persons.true is not None and 1 <= persons.true < t:
                fails.append((c.where(), "shown", c.value, f"mål för {persons.true:g} personer"))
    for ch in rep.charts:
        tab = rep.tables.get(ch["table"])
        if not tab:
            continue
        for s in ch["series"]:
            for cat, v in zip(ch["categories"], s["values"]):
                if v is None:
                    continue
                for r in tab["rows"]:
                    col = rep.col_alias(s["column"], rep.cohort_names)
                    c = r.get(col)
                    if c is not None and c.hidden and str(cat) in (c.row.split(" / ")):
                        fails.append((c.where(), "chart", v, f"diagrammet {ch['id']}"))


def main():
    pub = json.load(open(sys.argv[1], encoding="utf-8"))
    tru = json.load(open(sys.argv[2], encoding="utf-8"))
    rep = Report(pub, tru)
    t = rep.t
    kn = Knowledge(rep)
    fails = []
    attack_shown(rep, fails)
    bases = base_columns(rep)
    nums = numerator_columns(rep, bases)
    shown_counts = [c.value for c in rep.cells.values() if c.ctype == "count" and c.shown]
    ub = 10 * max(shown_counts + [10]) + 1000
    nmax = max(shown_counts + [10]) + 10
    attack_table_equations(rep, kn)
    attack_stat_n(rep, kn, bases)
    attack_ttest_n(rep, kn, bases, nmax)
    attack_mcnemar(rep, kn, fails)
    attack_percent(rep, kn, nums, fails)
    attack_wilson(rep, kn, nums, fails)
    attack_sd(rep, fails)
    attack_poisson(rep, fails)
    attack_same_figure(rep, kn)
    attack_km(rep, kn)
    attack_fisher(rep, kn, fails)

    hidden_counts = sorted([c for c in rep.cells.values() if c.hidden and c.ctype == "count"],
                           key=lambda c: c.ref)
    targets = [c.ref for c in hidden_counts] + sorted(n for n, d in kn.derived.items() if d[2])
    final = {}
    done = set()
    tags = []
    cache = {}
    for stage in STAGES:
        tags.append(stage)
        res = solve_intervals(rep, kn, set(tags), targets, ub, cache)
        for ref, rng in res.items():
            if rng is None:
                continue
            final[ref] = rng
            if ref in done:
                continue
            lo, hi = rng
            if isinstance(ref, str):
                tv, what, _ = kn.derived[ref]
                if lo == hi and 1 <= lo < t:
                    fails.append((what, stage, lo, "räknat fram exakt"))
                    done.add(ref)
                continue
            c = rep.cells[ref]
            if lo == hi == 0 and c.true == 0:
                continue        # a zero may be shown (SPEC §8): knowing it reveals nothing
            if lo == hi and lo != c.true:
                # a wrong answer is no recovery: the reader's bounds did not
                # hold (a "<t" shown as ".." on purpose, see SPEC §8)
                kn.notes["en härledning gav fel värde (avrundat villkor), räknas inte"] += 1
                continue
            if lo == hi:
                sym = {"small": f"<{t}", "any": "x"}.get(c.supp, "..")
                fails.append((c.where(), stage, lo, f"räknat fram exakt ({sym})"))
                done.add(ref)
            elif c.supp not in ("small", "any") and 1 <= lo and hi < t:
                fails.append((c.where(), stage, c.true, f"intervall {lo}..{hi}: ett litet antal"))
                done.add(ref)

    def known_n(cell):
        if cell.shown:
            return cell.value
        rng = final.get(cell.ref)
        return rng[0] if rng and rng[0] == rng[1] else None
    recovered = attack_means(rep, bases, known_n, fails)
    # hidden percentages whose numerator and base are known
    for (tid, col), k in sorted(nums.items()):
        base = bases.get((tid, col))
        if base is None:
            continue
        for r in rep.tables[tid]["rows"]:
            c = r[col]
            if not c.hidden:
                continue
            kk, nn = known_n(r[k]), known_n(r[base])
            if kk is not None and nn:
                est = 100.0 * kk / nn
                if close(est, c.true, 1e-6):
                    fails.append((c.where(), "d", f"{est:.6g}", f"{kk} av {nn}"))
    for note, cnt in sorted(kn.notes.items()):
        print(f"# note: {note}" + (f" ({cnt} gånger)" if cnt > 1 else ""))
    for where, kind, value, detail in fails:
        print(f"FAIL {where} | {kind}: {ATTACK_NAMES.get(kind, kind)} | {value} ({detail})")
    per = Counter(k for _, k, _, _ in fails)
    print("# per attack: " + ", ".join(f"{k}={per[k]}" for k in ["a", "b", "c", "d", "e", "f", "g", "shown", "chart"]))
    numeric = rep.numeric_cells()
    hid = [c for c in numeric if c.supp]
    print(f"dold andel: {len(hid)} av {len(numeric)}")
    checked = len(hidden_counts) + len([c for c in rep.cells.values() if c.hidden and c.ctype in STAT_TYPES]) + \
        len([n for n, d in kn.derived.items() if d[2]])
    print(f"attack: {checked} checked, {len(fails)} failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
