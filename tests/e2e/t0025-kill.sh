# Crashes during an import (issue 13, item 7): an import killed with
# SIGKILL at random moments leaves the database exactly as it was before
# the import or as it is after a finished one, never in between, and
# intact (PRAGMA integrity_check).  KILL_TRIALS trials (default 50; 10 in
# the valgrind pass, whose binary is the same).
. "$(dirname "$0")/lib.sh"
cd "$T"
trials=${KILL_TRIALS:-$([ -n "${VALGRIND:-}" ] && echo 10 || echo 50)}
"$UPPFOLJ" sample --youths 400 --seed 7 --end 2026-10-31 -o more >/dev/null
"$UPPFOLJ" --db base.db --quiet init
# the persons and cases first; the import killed brings the rest
"$UPPFOLJ" --db base.db --quiet import more/persons.csv more/cases.csv || fail "grundimporten"
set -- more/interventions.csv more/assessments.csv more/outcomes.csv more/goals.csv more/meetings.csv
# the state of the data (the import log aside: it holds times)
state() {
    sqlite3 "$1" ".dump persons cases interventions assessments assessment_items outcomes goals goal_followups meetings data_state key_check" |
        sha256sum | cut -c1-16
}
before=$(state base.db)
cp base.db after.db
cp base.db.key after.db.key
start=$(date +%s%N)
"$UPPFOLJ" --db after.db --quiet import "$@" || fail "den hela importen"
took=$(( ($(date +%s%N) - start) / 1000000 ))
after=$(state after.db)
[ "$before" != "$after" ] && ok "importen ändrar databasen (${took} ms)" || fail "importen ändrade inget"
n_before=0 n_after=0 bad=0
i=0
while [ "$i" -lt "$trials" ]; do
    i=$((i + 1))
    cp base.db t.db
    cp base.db.key t.db.key
    rm -f t.db-journal
    # a moment from 0 to 110 % of the import's time
    delay=$(awk -v s="$i" -v t="$took" 'BEGIN { srand(s * 7919); printf "%.3f", rand() * t * 1.1 / 1000 }')
    "$UPPFOLJ" --db t.db --quiet import "$@" >/dev/null 2>&1 &
    pid=$!
    sleep "$delay"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    # the next open rolls a hot journal back, as any later command would
    check=$(sqlite3 t.db "PRAGMA integrity_check")
    s=$(state t.db)
    if [ "$check" != "ok" ]; then
        bad=$((bad + 1)); echo "# försök $i (efter $delay s): integrity_check: $check"
    elif [ "$s" = "$before" ]; then
        n_before=$((n_before + 1))
    elif [ "$s" = "$after" ]; then
        n_after=$((n_after + 1))
    else
        bad=$((bad + 1)); echo "# försök $i (efter $delay s): varken före eller efter"
    fi
done
echo "# $trials försök: $n_before som före, $n_after som efter, $bad delvisa"
expect_eq "$bad" "0" "$trials avbrutna importer lämnade ingen delvis import"
[ "$n_before" -gt 0 ] && ok "några försök avbröt importen innan den sparades ($n_before)" ||
    fail "inget försök avbröt importen i tid"
finish
