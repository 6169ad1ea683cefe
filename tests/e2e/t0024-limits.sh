# Limits that are errors, never silent changes (issue 13, item 5): control
# characters in cells, text longer than 200 characters, scores outside an
# instrument's scale, item scores outside -100..100; and no control
# character from data ever reaches the terminal.
. "$(dirname "$0")/lib.sh"
cd "$T"
run --db u.db --quiet init
esc=$(printf '\033')
printf 'person;kön;enhet\nEXT-1;pojke;Norr%s[2J\n' "$esc" > ctl.csv
run --db u.db import ctl.csv
expect_rc 2 "enhet med ESC-tecken"
expect_contains "$ERR" "kontrolltecken (byte 0x1B)" "felet säger vilket kontrolltecken"
case "$ERR$OUT" in *"$esc"*) fail "ett ESC-tecken nådde terminalen" ;; *) ok "inget ESC-tecken når terminalen" ;; esac
printf 'person;kön;enhet;x%s]0;titel\a\nEXT-1;pojke;Norr;1\n' "$esc" > hdr.csv
run --db u.db import hdr.csv
case "$ERR$OUT" in *"$esc"*) fail "ett ESC-tecken i rubriken nådde terminalen" ;;
                   *) ok "okänd kolumn med ESC visas utan kontrolltecken" ;; esac
printf 'person;kön;enhet\nEXT-1;pojke;"Norr\nstaden"\n' > nl.csv
run --db u.db import nl.csv
expect_rc 2 "radbrytning inne i en cell"
expect_contains "$ERR" "kontrolltecken (byte 0x0A)" "radbrytningen nämns"

long=$(python3 -c 'print("Å" * 201)')
printf 'person;kön;enhet\nEXT-1;pojke;%s\n' "$long" > long.csv
run --db u.db import long.csv
expect_rc 2 "enhetsnamn på 201 tecken"
expect_contains "$ERR" "längre än 200 tecken" "felet säger gränsen"
ok200=$(python3 -c 'print("Å" * 200)')
printf 'person;kön;enhet\nEXT-1;pojke;%s\n' "$ok200" > ok.csv
run --db u.db --quiet import ok.csv
expect_rc 0 "enhetsnamn på 200 tecken (400 byte)"
expect_eq "$(sql u.db "SELECT length(unit) FROM persons WHERE pseudonym = 'EXT-1'")" "200" \
    "hela namnet sparas"

printf 'case_id;person;programme;start_date\nA1;EXT-1;SIG;2024-01-01\n' > cases.csv
run --db u.db --quiet import cases.csv
expect_rc 0 "ett ärende"
big=1$(python3 -c 'print("0" * 50)')
for t in "ESTER;39;ESTER" "SAVRY;49;SAVRY" "YLS/CMI;43;YLS/CMI" "ADAD;$big;ADAD"; do
    ins=${t%%;*}; rest=${t#*;}; score=${rest%%;*}
    printf 'assessment_id;case_id;instrument;date;total_score\nB1;A1;%s;2024-02-01;%s\n' \
        "$ins" "$score" > a.csv
    run --db u.db import a.csv
    expect_rc 2 "$ins med poängen $(echo "$score" | cut -c1-8)"
    expect_contains "$ERR" "högsta möjliga" "$ins: felet säger skalans högsta värde"
done
printf 'assessment_id;case_id;instrument;date;total_score\nB1;A1;ESTER;2024-02-01;38\n' > a.csv
run --db u.db --quiet import a.csv
expect_rc 0 "ESTER 38 (skalans högsta)"
printf 'assessment_id;case_id;instrument;date;total_score;item:x\nB2;A1;SAVRY;2024-02-01;10;101\n' > a.csv
run --db u.db import a.csv
expect_rc 2 "item-poäng 101"
expect_contains "$ERR" "utanför" "item-poängen: felet säger gränserna"
expect_eq "$(sql u.db "SELECT count(*) FROM assessments")" "1" "bara den giltiga bedömningen sparas"
finish
