# Windows-1252 and BOM files, ',' delimiters, CRLF and decimal comma.
. "$(dirname "$0")/lib.sh"
cd "$T"
run init
# persons in Windows-1252 with CRLF line ends and ';'
printf 'person;kön;enhet\r\nEXT-1;pojke;Söderdal\r\nEXT-2;flicka;Västerås\r\n' | iconv -f UTF-8 -t WINDOWS-1252 > p1252.csv
# a BOM, ',' delimiter and quoted fields
printf '\357\273\277case_id,person,programme,referral_date,start_date\n"K,1",EXT-1,SIG,2024-01-10,20240201\n' > cases.csv
# decimal comma in a ';' file, quoted
printf 'assessment_id;case_id;instrument;date;total_score;risk_level;item:impulsivitet\nB1;K,1;ESTER;2024-02-02;17,5;hög;2,5\n' > ass.csv
run import p1252.csv cases.csv ass.csv
expect_rc 0 "import av blandade kodningar"
expect_contains "$OUT" "Windows-1252" "Windows-1252 upptäcks"
expect_contains "$OUT" "UTF-8 med BOM" "BOM upptäcks"
expect_eq "$(sql uppfolj.db "SELECT unit FROM persons WHERE pseudonym = 'EXT-2'")" "Västerås" "å ä ö blir UTF-8"
expect_eq "$(sql uppfolj.db "SELECT start_date FROM cases WHERE case_id = 'K,1'")" "2024-02-01" "ÅÅÅÅMMDD blir ISO-datum"
expect_eq "$(sql uppfolj.db "SELECT total_score || '/' || risk_level FROM assessments")" "17.5/hog" "decimalkomma och hög"
expect_eq "$(sql uppfolj.db "SELECT value FROM assessment_items WHERE name = 'impulsivitet'")" "2.5" "item-kolumn sparas"
expect_eq "$(sql uppfolj.db "SELECT unit FROM cases WHERE case_id = 'K,1'")" "Söderdal" "ärendet ärver personens enhet"
finish
