"""plant_faults.py SAMPLE OUT AS_OF - copy the sample data (SAMPLE/*.csv) to
OUT with one planted fault per data-quality rule of reports/datakvalitet.ini,
and print the worklist rows the faults must add, one per line:
"rule;case_id;date" (case_id empty and "rule;;date;unit" for the month rule).

Each fault is planted on a SIG case (the report's programme) that passes
the rule in the sample data, by this script's own reading of the rule (not
uppfolj's queries), and touches nothing another rule looks at.  AS_OF is the
report's date of the extract (its period is all the data up to it), so that
the windows are the same before and after.  Deterministic: the first case
that qualifies, in case_id order.
"""
import csv
import datetime as dt
import sys

SAMPLE, OUT, AS_OF = sys.argv[1], sys.argv[2], dt.date.fromisoformat(sys.argv[3])
NEXT = AS_OF + dt.timedelta(days=1)        # the period's end (exclusive)
PLACEMENTS = {"hvb", "sis", "familjehem", "tfco"}


def read(name):
    with open(f"{SAMPLE}/{name}.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    return rows[0], [dict(zip(rows[0], r)) for r in rows[1:]]


def write(name, head, rows):
    with open(f"{OUT}/{name}.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\n")
        w.writerow(head)
        for r in rows:
            w.writerow([r[h] for h in head])


def d(s):
    return dt.date.fromisoformat(s) if s else None


def days(n):
    return dt.timedelta(days=n)


files = {n: read(n) for n in ("persons", "cases", "assessments", "interventions", "goals",
                              "meetings", "outcomes")}
persons = {p["person"]: p for p in files["persons"][1]}
cases = sorted(files["cases"][1], key=lambda c: c["case_id"])
ncases = {}
for c in cases:
    ncases[c["person"]] = ncases.get(c["person"], 0) + 1
sig = [c for c in cases if c["programme"] == "SIG" and c["start_date"] and ncases[c["person"]] == 1]
used = set()
expect = []


def pick(test):
    for c in sig:
        if c["case_id"] not in used and test(c):
            used.add(c["case_id"])
            return c
    sys.exit("plant_faults: inget ärende passar")


def start(c):
    return d(c["start_date"])


def end(c):
    return d(c["end_date"])


def is_open(c):                             # open at the period's end
    return end(c) is None or end(c) >= NEXT


def of_case(name, c):
    return [r for r in files[name][1] if r["case_id"] == c["case_id"]]


def drop(name, rows):
    ids = {id(r) for r in rows}
    files[name] = (files[name][0], [r for r in files[name][1] if id(r) not in ids])


# baslinje: an assessment from 180 days before to 30 after the start; the
# window over before the period's end.  Drop the ones in the window only.
def baseline(c):
    return [a for a in of_case("assessments", c) if start(c) - days(180) <= d(a["date"]) <= start(c) + days(30)]


c = pick(lambda c: start(c) + days(30) < NEXT and baseline(c))
drop("assessments", baseline(c))
expect.append(f"baslinje;{c['case_id']};{c['start_date']}")


# uppfoljande: an ended case with an assessment after start + 30 days, up
# to 12 months after the end (uppfolj.conf's default window after) and
# before the period's end: drop every assessment after start + 30 days (the
# baseline stays).
def add_months(x, n):
    y, m = divmod(x.month - 1 + n, 12)
    y, m = x.year + y, m + 1
    last = (dt.date(y + (m == 12), m % 12 + 1, 1) - days(1)).day
    return dt.date(y, m, min(x.day, last))


def later(c):
    return [a for a in of_case("assessments", c) if start(c) + days(30) < d(a["date"]) < NEXT]


def follow_up(c):
    return [a for a in later(c) if d(a["date"]) <= add_months(end(c), 12)]


c = pick(lambda c: end(c) and end(c) < NEXT and follow_up(c) and baseline(c))
drop("assessments", later(c))
expect.append(f"uppfoljande;{c['case_id']};{c['end_date']}")

# plan: a case open on its 60th day with a plan by then: remove the plan date.
c = pick(lambda c: start(c) + days(60) < NEXT and (end(c) is None or end(c) >= start(c) + days(60))
         and c["plan_date"] and d(c["plan_date"]) <= start(c) + days(60))
c["plan_date"] = ""
expect.append(f"plan;{c['case_id']};{start(c) + days(60)}")


# malfoljning: an open case started over 42 days before the end with a goal
# follow-up in the last 42 days: drop those follow-ups.
def recent(name, c, n, col):
    return [g for g in of_case(name, c) if g[col] and NEXT - days(n) <= d(g[col]) < NEXT]


c = pick(lambda c: is_open(c) and start(c) < NEXT - days(42) and recent("goals", c, 42, "followup_date"))
drop("goals", recent("goals", c, 42, "followup_date"))
left = [d(g["followup_date"]) for g in of_case("goals", c) if g["followup_date"] and d(g["followup_date"]) < NEXT]
expect.append(f"malfoljning;{c['case_id']};{max(left) if left else c['start_date']}")

# moten: an open case started over 90 days before the end with a meeting in
# the last 90 days: drop those meetings.
c = pick(lambda c: is_open(c) and start(c) < NEXT - days(90) and recent("meetings", c, 90, "date"))
drop("meetings", recent("meetings", c, 90, "date"))
left = [d(m["date"]) for m in of_case("meetings", c) if d(m["date"]) < NEXT]
expect.append(f"moten;{c['case_id']};{max(left) if left else c['start_date']}")

# avslutsorsak: an ended case with a reason other than mal_uppfyllda: blank it.
c = pick(lambda c: end(c) and end(c) < NEXT and c["end_reason"] not in ("", "mal_uppfyllda"))
c["end_reason"] = ""
expect.append(f"avslutsorsak;{c['case_id']};{c['end_date']}")


# mal_uppfyllda: an ended case with another reason whose goals have no
# final status (the latest follow-up's) uppnatt: make the reason
# mal_uppfyllda.
def achieved(c):
    final = {}
    for g in of_case("goals", c):
        k = (g["domain"], g["set_date"])
        if k not in final or (g["followup_date"] or "") >= final[k][0]:
            final[k] = (g["followup_date"] or "", g["status"])
    return any(s == "uppnatt" for _, s in final.values())


c = pick(lambda c: end(c) and end(c) < NEXT and c["end_reason"] not in ("", "mal_uppfyllda") and not achieved(c))
c["end_reason"] = "mal_uppfyllda"
expect.append(f"mal_uppfyllda;{c['case_id']};{c['end_date']}")

# insats: an insats of an ended case that starts 10 days after the end.
c = pick(lambda c: end(c) and end(c) + days(40) < NEXT)
files["interventions"][1].append({"case_id": c["case_id"], "insats": "mi", "provider": "socialtjanst",
                                  "start_date": str(end(c) + days(10)), "end_date": str(end(c) + days(40))})
expect.append(f"insats;{c['case_id']};{end(c) + days(10)}")


# placeringar: two placements of a person with none, sharing days 100-120
# after the start, inside a case that lasted over 250 days.
def placed(c):
    return any(i["insats"] in PLACEMENTS for i in of_case("interventions", c))


c = pick(lambda c: end(c) and end(c) - start(c) > days(250) and end(c) < NEXT and not placed(c))
for ins, a, b in (("hvb", 30, 120), ("familjehem", 100, 200)):
    files["interventions"][1].append({"case_id": c["case_id"], "insats": ins, "provider": "socialtjanst",
                                      "start_date": str(start(c) + days(a)), "end_date": str(start(c) + days(b))})
expect.append(f"placeringar;{c['case_id']};{start(c) + days(100)}")


# alder: a person with a birth date, 8 years old at the start.
def born_8_years_before(s):
    y = s.year - 8
    return dt.date(y, s.month, 28 if (s.month, s.day) == (2, 29) else s.day) - days(10)


c = pick(lambda c: persons[c["person"]]["birth_date"] != "")
persons[c["person"]]["birth_date"] = str(born_8_years_before(start(c)))
expect.append(f"alder;{c['case_id']};{c['start_date']}")


# utfall: a whole month in which Västervik had open cases whose persons had
# outcome data: drop that month's outcome rows of those persons (who have no
# case elsewhere, so no other unit's month changes).
def open_in(c, m0, m1):
    return start(c) < m1 and (end(c) is None or end(c) >= m0)


units = {}
for c in cases:
    units.setdefault(c["person"], set()).add(c["unit"] or persons[c["person"]]["unit"])
month = None
for y, mo in ((2024, 5), (2024, 6), (2024, 9), (2024, 10)):
    m0 = dt.date(y, mo, 1)
    m1 = dt.date(y + (mo == 12), mo % 12 + 1, 1)
    who = {c["person"] for c in cases if c["unit"] == "Västervik" and c["start_date"] and open_in(c, m0, m1)}
    if not who or any(units[p] != {"Västervik"} for p in who):
        continue
    rows = [o for o in files["outcomes"][1] if o["person"] in who and m0 <= d(o["date"]) < m1]
    if rows:
        drop("outcomes", rows)
        month = m0
        break
if month is None:
    sys.exit("plant_faults: ingen månad för utfallsregeln")
expect.append(f"utfall;;{month};Västervik")

files["persons"] = (files["persons"][0], list(persons.values()))
for name, (head, rows) in files.items():
    write(name, head, rows)
print("\n".join(expect))
