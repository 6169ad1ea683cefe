#!/bin/sh
# Run the cmocka unit-test binaries given as arguments (under valgrind when
# VALGRIND=1), then print one closing line "N passed, N failed".
pass=0; fail=0
for t in "$@"; do
    if [ -n "$VALGRIND" ]; then
        run="valgrind -q --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --error-exitcode=99 --suppressions=$(dirname "$0")/valgrind.supp"
    else
        run=""
    fi
    out=$($run "$t" 2>&1); rc=$?
    echo "$out"
    # cmocka prints "[  PASSED  ] N test(s)." and "[  FAILED  ] N test(s)..."
    p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
    f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
    pass=$((pass + ${p:-0})); fail=$((fail + ${f:-0}))
    if [ "$rc" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then
        echo "$t: avslutades med status $rc"; fail=$((fail + 1))
    fi
done
echo "unit: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
