# The report as a whole is protected (SPEC §8, issue 10): an attacker that
# reads only a report's JSON (tests/e2e/attack.py, written apart from
# src/model/suppress*.c) tries table equations, means through the total row,
# statistics that pin their n, percentages with their base, the same count
# in several tables, Kaplan–Meier steps and exact tests; the true values come
# from the test-only binary build/tests/uppfolj-truth (REPORT.truth.json) and
# are used only to score.  One check per report: ok when nothing hidden was
# recovered or narrowed below the threshold.  Also prints the share of
# hidden numeric cells per report kind ("# dold andel: ...").
#
# Data sets: 25, 40 and 60 generated youths with seeds 1, 2 and 3, and 60
# with seed 2, which needs an "x" (ATTACK_ALL=1:
# every combination of the three sizes and three seeds).  Runs the truth
# binary directly, also under `make valgrind` (speed).
. "$(dirname "$0")/lib.sh"
if [ -z "${UPPFOLJ_TRUTH:-}" ] || [ ! -x "${UPPFOLJ_TRUTH:-}" ]; then
    echo "# UPPFOLJ_TRUTH saknas (testbinären build/tests/uppfolj-truth): röjandeattacken hoppas över"
    finish
    exit $?
fi
PY=
for p in python3 /usr/bin/python3; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import scipy.optimize, numpy' 2>/dev/null; then
        PY=$p
        break
    fi
done
if [ -z "$PY" ]; then
    echo "# python3 med scipy saknas (python3-scipy): röjandeattacken hoppas över"
    finish
    exit $?
fi
ATTACK=$TOP/tests/e2e/attack.py
TR=$UPPFOLJ_TRUTH
: > "$T/shares"        # kind <TAB> hidden <TAB> numeric
: > "$T/kinds"         # kind <TAB> attack tag <TAB> failures

# attack KIND DIR NAME ARGS...: write report NAME with the truth binary and
# run the attacker on it.
attack() {
    kind=$1; dir=$2; name=$3; shift 3
    if ! "$TR" report "$name" "$@" --format json -o "$dir" >"$T/rout" 2>&1; then
        fail "$kind ($dset): rapporten kunde inte skrivas: $(head -2 "$T/rout")"
        return
    fi
    out=$("$PY" "$ATTACK" "$dir/$name.json" "$dir/$name.truth.json" 2>&1)
    last=$(echo "$out" | tail -n 1)
    echo "$out" | sed -n 's/^dold andel: \([0-9]*\) av \([0-9]*\)$/\1 \2/p' |
        while read -r h n; do printf '%s\t%s\t%s\n' "$kind" "$h" "$n" >> "$T/shares"; done
    echo "$out" | sed -n 's/^# per attack: //p' | tr -d ',' | tr ' ' '\n' |
        while IFS== read -r tag cnt; do
            [ -n "$tag" ] && printf '%s\t%s\t%s\n' "$kind" "$tag" "$cnt" >> "$T/kinds"
        done
    case "$last" in
    "attack: "*" checked, 0 failed")
        ok "$kind ($dset): inget dolt värde kan räknas fram (${last#attack: })" ;;
    "attack: "*)
        fail "$kind ($dset): dolda värden kan räknas fram (${last#attack: })"
        echo "$out" | grep '^FAIL' | head -n 5 | sed 's/^/#   /' ;;
    *)
        fail "$kind ($dset): attack.py avbröts"
        echo "$out" | tail -n 5 | sed 's/^/#   /' ;;
    esac
}

if [ -n "${ATTACK_ALL:-}" ]; then
    SETS="25:1 25:2 25:3 40:1 40:2 40:3 60:1 60:2 60:3"
else
    # 60:2: its verksamhet for 2025 needs a "<5" shown as "x" (any count);
    # shown as ".." a reader taking ".." for 0 or at least 5 reached six
    # true small counts
    SETS="25:1 40:2 60:3 60:2"
fi
for s in $SETS; do
    youths=${s%%:*}; seed=${s#*:}
    dset="$youths unga, frö $seed"
    D=$T/d$youths-$seed
    mkdir -p "$D" && cd "$D" || exit 1
    "$TR" sample -o data --youths "$youths" --seed "$seed" >/dev/null 2>&1 &&
        "$TR" init >/dev/null 2>&1 && "$TR" import data/*.csv >/dev/null 2>&1 ||
        { fail "$dset: generering och import"; continue; }
    for by in sex sex,age insats risk; do
        attack "utfall --by $by" "u-$by" utfall --program SIG --by "$by"
    done
    for q in 1 2 3 4; do
        attack "verksamhet kvartal" "v-q$q" verksamhet --program SIG --period "2025-Q$q"
    done
    sqlite3 uppfolj.db "SELECT DISTINCT unit FROM cases WHERE programme = 'SIG' ORDER BY unit" > units
    while read -r u; do
        attack "verksamhet enhet" "v-$u" verksamhet --program SIG --period 2025 --unit "$u"
    done < units
    attack "verksamhet år" v-2025 verksamhet --program SIG --period 2025
    attack "datakvalitet" dk datakvalitet --program SIG
    attack "arsrapport" a arsrapport --program SIG --year 2025
    # three cohorts: SIG in its two largest units, and ordinarie
    set -- $(sqlite3 uppfolj.db "SELECT unit FROM cases WHERE programme = 'SIG'
                                 GROUP BY unit ORDER BY count(*) DESC, unit LIMIT 2")
    if [ $# -eq 2 ]; then
        attack "kohort" k kohort --cohort "A:programme=SIG,unit=$1" \
            --cohort "B:programme=SIG,unit=$2" --cohort "C:programme=ordinarie"
    else
        attack "kohort" k kohort --cohort "A:programme=SIG" --cohort "C:programme=ordinarie"
    fi
    cd "$T" || exit 1
done

# the price: share of hidden numeric cells per report kind, over all data sets
awk -F '\t' '{ h[$1] += $2; n[$1] += $3; if (!($1 in o)) { o[$1] = ++k; name[k] = $1 } }
    END { for (i = 1; i <= k; i++) printf "# dold andel: %s %.1f %% (%d av %d)\n",
              name[i], n[name[i]] ? 100 * h[name[i]] / n[name[i]] : 0, h[name[i]], n[name[i]] }' "$T/shares"
# what succeeded, per report kind and attack (a..g as in attack.py)
awk -F '\t' '{ c[$1 "\t" $2] += $3; if (!($1 in o)) { o[$1] = ++k; name[k] = $1 } }
    END { split("a b c d e f g shown chart", tags, " ");
          for (i = 1; i <= k; i++) { line = ""; for (j = 1; j <= 9; j++) { x = c[name[i] "\t" tags[j]];
              if (x) line = line " " tags[j] "=" x }
              printf "# lyckade attacker: %s:%s\n", name[i], line } }' "$T/kinds"
finish
