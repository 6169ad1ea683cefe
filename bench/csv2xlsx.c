/*
 * csv2xlsx.c - bench/import's helper: the seven import files of a data set
 * as one Excel workbook, written once with libxlsxwriter (constant memory:
 * inline strings, rows streamed).  A table longer than Excel's sheet
 * (1 048 576 rows) goes on over further sheets with the same header
 * ("Mål", "Mål 2", ...); uppfolj knows them all by their headers.
 *
 *   cc -O2 -o csv2xlsx bench/csv2xlsx.c $(pkg-config --cflags --libs xlsxwriter)
 *   csv2xlsx DATA-FOLDER OUT.xlsx
 *
 * The files are uppfolj sample's: ';'-separated, no quoted fields.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#define ROWS_PER_SHEET 1000000

int main(int argc, char **argv)
{
    static const char *const files[] = { "persons", "cases", "interventions", "assessments",
                                         "outcomes", "goals",  "meetings" };
    static const char *const sheets[] = { "Personer", "Ärenden", "Insatser", "Bedömningar",
                                          "Utfall",   "Mål",     "Möten" };
    if (argc != 3) {
        fprintf(stderr, "usage: csv2xlsx DATA-FOLDER OUT.xlsx\n");
        return 2;
    }
    lxw_workbook_options o = { .constant_memory = LXW_TRUE };
    lxw_workbook *wb = workbook_new_opt(argv[2], &o);
    if (!wb)
        return 1;
    char line[8192], header[8192];
    for (size_t k = 0; k < sizeof files / sizeof *files; k++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s.csv", argv[1], files[k]);
        FILE *f = fopen(path, "r");
        if (!f || !fgets(header, sizeof header, f)) {
            fprintf(stderr, "csv2xlsx: %s\n", path);
            return 1;
        }
        header[strcspn(header, "\r\n")] = '\0';
        lxw_worksheet *ws = NULL;
        long r = ROWS_PER_SHEET, part = 0;
        while (fgets(line, sizeof line, f)) {
            if (r == ROWS_PER_SHEET) { /* a new sheet with the header */
                char name[64], copy[8192];
                part++;
                if (part == 1)
                    snprintf(name, sizeof name, "%s", sheets[k]);
                else
                    snprintf(name, sizeof name, "%s %ld", sheets[k], part);
                ws = workbook_add_worksheet(wb, name);
                strcpy(copy, header);
                int c = 0;
                for (char *t = strtok(copy, ";"); t; t = strtok(NULL, ";"))
                    worksheet_write_string(ws, 0, (lxw_col_t)c++, t, NULL);
                r = 0;
            }
            line[strcspn(line, "\r\n")] = '\0';
            r++;
            int c = 0;
            char *s = line;
            for (;;) {
                char *semi = strchr(s, ';');
                if (semi)
                    *semi = '\0';
                if (*s)
                    worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, s, NULL);
                c++;
                if (!semi)
                    break;
                s = semi + 1;
            }
        }
        fclose(f);
    }
    return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}
