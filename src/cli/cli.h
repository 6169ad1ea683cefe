/*
 * cli.h - the command layer: the only code that prints to the user or
 * decides exit codes.  One file per command (cmd_NAME.c, cmd_NAME()), with
 * shared option handling and messages in cmd_common.c.
 *
 * Exit codes (SPEC §12): 0 ok, 1 failure, 2 bad input or usage.
 */
#ifndef UPPFOLJ_CLI_H
#define UPPFOLJ_CLI_H

#include <stdbool.h>
#include <getopt.h>
#include <stdio.h>
#include <time.h>
#include <sys/types.h>
#include <sqlite3.h>
#include "uppfolj/error.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_INPUT = 2 };

/* Options every command takes. */
typedef struct cli_common {
    const char *db;     /* --db FILE, default "uppfolj.db" */
    const char *config; /* --config FILE, default uppfolj.conf beside the db */
    bool quiet;         /* --quiet: only errors */
} cli_common;

/* Long options of cli_common, to splice into a command's option table;
 * the values returned by getopt_long for them. */
enum { OPT_DB = 1000, OPT_CONFIG, OPT_QUIET, OPT_HELP, OPT_FIRST_COMMAND };
#define CLI_COMMON_OPTIONS                                                                        \
    { "db", required_argument, NULL, OPT_DB }, { "config", required_argument, NULL, OPT_CONFIG }, \
        { "quiet", no_argument, NULL, 'q' },                                                      \
    {                                                                                             \
        "help", no_argument, NULL, 'h'                                                            \
    }

/* Handle a common option c; true if it was one. */
bool cli_common_opt(cli_common *co, int c, const char *arg);
/* An option getopt_long did not take (c '?': unknown, ':': without its
 * value; opterr is 0), said in Swedish on one line with where the help is
 * (argv[0] is the command); EXIT_INPUT. */
int cli_bad_option(char **argv, int c);
/* A settings file named with --config that cannot be read is an error
 * also for a command that needs no settings: EXIT_INPUT with a message,
 * else -1. */
int cli_named_config(const cli_common *co);

/*
 * Parse the options of a command that takes only the common ones and no
 * arguments.  Returns -1 to go on, or the exit code to return now (after
 * --help, or after printing usage for a bad option or argument).
 */
int cli_only_common(int argc, char **argv, cli_common *co, const char *usage);

/*
 * The phase options that report and export share: --as-of DATE,
 * --window-before N, --window-after N, --anchor slut|start.  Values left
 * at 0 (windows, as-of) or -1 (anchor) come from the configuration (and
 * the data, for as-of).
 */
typedef struct cli_phase {
    int as_of;
    int before, after;
    int anchor;
} cli_phase;
#define CLI_PHASE_INIT                                    \
    {                                                     \
        .as_of = 0, .before = 0, .after = 0, .anchor = -1 \
    }
#define CLI_PHASE_OPTIONS                                                                         \
    { "as-of", required_argument, NULL, 'a' }, { "window-before", required_argument, NULL, 'B' }, \
        { "window-after", required_argument, NULL, 'A' },                                         \
    {                                                                                             \
        "anchor", required_argument, NULL, 'n'                                                    \
    }

/* Handle phase option c: 1 when it was one, 0 when it is not one, -1 when
 * its value is bad (the message is printed). */
int cli_phase_opt(cli_phase *p, int c, const char *arg);

struct uf_config;
struct uf_core_params;
/* The core parameters of p, what p leaves open from cfg. */
void cli_phase_params(const cli_phase *p, const struct uf_config *cfg, struct uf_core_params *out);

/* Load the configuration (--config FILE, or uppfolj.conf beside the
 * database when it exists) and print its messages.  Returns -1 to go on,
 * or the exit code to return now; release cfg in every case. */
int cli_load_config(const cli_common *co, struct uf_config *cfg);

struct uf_population_req;
/* Decide and apply the population of q on db (population.h), printing its
 * messages; words gets it in Swedish.  -1 to go on, else the exit code. */
int cli_population(sqlite3 *db, struct uf_population_req *q, char *words, size_t n);

/* Print "uppfolj: " and a formatted message on stderr. */
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
void cli_error(const char *fmt, ...);

/* Print a message on stdout unless quiet. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void cli_say(const cli_common *co, const char *fmt, ...);

/* The exit code for a library error: EXIT_INPUT for bad input or usage,
 * EXIT_FAIL otherwise. */
int cli_exit_code(uf_error err);

/* argv[0..argc) joined by spaces into out (n bytes), control characters
 * replaced: the parameters of a run as given. */
void cli_join_args(int argc, char **argv, char *out, size_t n);
/* The user name for the logs. */
const char *cli_user(void);
/* Log an output run (schema 5): every regular file in dir written since
 * `since`, with its SHA-256, and the command, parameters, population and
 * audience.  -1 when logged, else the exit code after the message. */
int cli_log_output(const cli_common *co, sqlite3 *db, const char *command, const char *params,
                   const char *population, const char *audience, const char *dir,
                   const struct timespec *since);
/* Open the database of co (uf_db_open) and set how long it waits for
 * another run (cfg's [databas] vanta; cfg may be NULL: the default).  -1
 * when open, else the exit code after the message (cli_db_failed). */
int cli_open_db(const cli_common *co, const struct uf_config *cfg, sqlite3 **db);
/* Print what went wrong with the database at path and what to do about it,
 * in Swedish, and return the exit code: err as returned, refined by
 * uf_db_error(db) when it is UF_ERR_DB (db may be NULL).  doing says what
 * failed ("kunde inte läsa data"). */
int cli_db_failed(const char *path, sqlite3 *db, uf_error err, const char *doing);

/* Create the folder dir and any of its parents that are missing (as
 * `mkdir -p`; those made here get mode too); one that exists already is
 * fine.  false, after a Swedish message naming the part that failed, when
 * it cannot be done (a file in the way, no permission). */
bool cli_make_dir(const char *dir, mode_t mode);

/* Print s left-aligned in width columns (UTF-8 letters count as one). */
void cli_pad(FILE *out, const char *s, int width);

/* Today's local date as a day number (parse.h). */
int cli_today(void);

/* A progress bar on stderr, drawn only when stderr is a terminal. */
typedef struct cli_progress {
    const char *label;
    bool on;
    int last_pct;
    long long last_ms;
} cli_progress;

void cli_progress_start(cli_progress *p, const cli_common *co, const char *label);
void cli_progress_update(cli_progress *p, unsigned long long done, unsigned long long total);
void cli_progress_end(cli_progress *p);

int cmd_init(int argc, char **argv, cli_common *co);
int cmd_import(int argc, char **argv, cli_common *co);
int cmd_check(int argc, char **argv, cli_common *co);
int cmd_sample(int argc, char **argv, cli_common *co);
int cmd_mall(int argc, char **argv, cli_common *co);
int cmd_logg(int argc, char **argv, cli_common *co);
int cmd_report(int argc, char **argv, cli_common *co);
int cmd_export(int argc, char **argv, cli_common *co);

#endif
