# Plausibility warnings at import (issue 15, item 3): what one row shows
# that is hardly right is imported with a warning that names the row: an
# age at start outside 10-29, an insats wholly outside its case's period,
# a placement that shares days with another placement of the person.
. "$(dirname "$0")/lib.sh"
cd "$T"
run --db u.db --quiet init
{ echo "person;födelsedatum;kön;enhet"
  echo "EXT-1;2019-05-01;pojke;Norr"      # 5 years old at start
  echo "EXT-2;1990-05-01;flicka;Norr"     # 34
  echo "EXT-3;2009-05-01;pojke;Norr"      # 15: fine
} > p.csv
{ echo "case_id;person;programme;consent_date;start_date;end_date;end_reason"
  echo "K1;EXT-1;SIG;2024-05-20;2024-06-01;;"
  echo "K2;EXT-2;SIG;2024-05-20;2024-06-01;;"
  echo "K3;EXT-3;SIG;2024-05-20;2024-06-01;2025-03-31;flytt"
} > c.csv
{ echo "case_id;insats;provider;start_date;end_date"
  echo "K3;mst;socialtjanst;2024-01-10;2024-04-30"      # ended before the case began
  echo "K3;kontaktperson;socialtjanst;2024-07-01;"     # fine
  echo "K3;hvb;socialtjanst;2024-08-01;2024-10-31"
  echo "K3;sis;sis;2024-10-15;2024-12-31"               # shares 15-31 Oct with hvb
  echo "K3;familjehem;socialtjanst;2025-01-01;2025-03-31" # after the sis stay: fine
} > i.csv
run --db u.db import p.csv c.csv i.csv
expect_rc 0 "importen lyckas trots varningarna"
expect_eq "$(echo "$ERR" | grep -c varning)" "4" "fyra varningar, en per planterat fel"
expect_contains "$ERR" "c.csv:2: varning: start_date: ungdomen är 5 år vid start" "5 år vid start"
expect_contains "$ERR" "c.csv:3: varning: start_date: ungdomen är 34 år vid start" "34 år vid start"
expect_contains "$ERR" "i.csv:2: varning: start_date: insatsen (2024-01-10 – 2024-04-30) ligger helt utanför ärendets tid (2024-06-01 – 2025-03-31)" "insats utanför ärendet"
expect_contains "$ERR" "i.csv:5: varning: start_date: placeringen överlappar en annan placering av samma person (hvb från 2024-08-01)" "överlappande placeringar"
expect_eq "$(sql u.db "SELECT count(*) FROM interventions")" "5" "alla rader sparas"
finish
