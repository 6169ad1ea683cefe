#!/bin/sh
# Run every end-to-end test script and print "e2e: N passed, N failed".
cd "$(dirname "$0")" || exit 1
pass=0; fail=0
for t in t[0-9]*.sh; do
    echo "== $t"
    out=$(sh "$t" 2>&1); rc=$?
    echo "$out"
    line=$(printf '%s\n' "$out" | sed -n 's/^# \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' | tail -n 1)
    p=${line% *}; f=${line#* }
    [ -n "$line" ] || { p=0; f=1; echo "$t: avslutades utan sammanfattning"; }
    [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
    pass=$((pass + p)); fail=$((fail + f))
done
echo "e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
