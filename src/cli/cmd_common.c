/*
 * cmd_common.c - what every command shares: common options, messages,
 * exit codes and the progress bar.
 */
#include <dirent.h>
#include <errno.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "cli.h"
#include <stdlib.h>
#include "uppfolj/config.h"
#include "uppfolj/csvin.h"
#include "uppfolj/db.h"
#include "uppfolj/core.h"
#include "uppfolj/parse.h"
#include "uppfolj/population.h"

int cli_bad_option(char **argv, int c)
{
    /* getopt_long with opterr 0 leaves the option as typed just before
     * optind; a short one in a cluster ("-qx") is named by optopt */
    const char *typed = optind > 0 ? argv[optind - 1] : "";
    char one[3] = { '-', (char)optopt, '\0' };
    const char *name = optopt > 0 && optopt < 128 && strncmp(typed, "--", 2) != 0 ? one : typed;
    char what[128];
    snprintf(what, sizeof what, "%s", name);
    what[strcspn(what, "=")] = '\0'; /* --flagga=värde: the flag */
    if (c == ':')
        cli_error("flaggan %s behöver ett värde (se uppfolj %s --help)", what, argv[0]);
    else
        cli_error("okänd flagga %s (se uppfolj %s --help)", what, argv[0]);
    return EXIT_INPUT;
}

bool cli_common_opt(cli_common *co, int c, const char *arg)
{
    switch (c) {
    case OPT_DB: co->db = arg; return true;
    case OPT_CONFIG: co->config = arg; return true;
    case 'q': co->quiet = true; return true;
    default: return false;
    }
}

int cli_phase_opt(cli_phase *p, int c, const char *arg)
{
    switch (c) {
    case 'a':
        if (uf_date_parse(arg, &p->as_of) != 0) {
            cli_error("--as-of %s är inget giltigt datum (ÅÅÅÅ-MM-DD)", arg);
            return -1;
        }
        if (p->as_of > cli_today()) {
            cli_error("--as-of %s ligger efter dagens datum: data kan inte finnas för dagar "
                      "som inte har varit",
                      arg);
            return -1;
        }
        return 1;
    case 'B':
    case 'A':
        if (uf_parse_months(arg, c == 'B' ? &p->before : &p->after) == 0)
            return 1;
        cli_error("%s %s: ange antal månader, t.ex. 6m eller 12m",
                  c == 'B' ? "--window-before" : "--window-after", arg);
        return -1;
    case 'n':
        if (strcmp(arg, "start") == 0)
            p->anchor = UF_ANCHOR_START;
        else if (strcmp(arg, "slut") == 0 || strcmp(arg, "end") == 0)
            p->anchor = UF_ANCHOR_END;
        else {
            cli_error("--anchor ska vara slut eller start");
            return -1;
        }
        return 1;
    default: return 0;
    }
}

void cli_phase_params(const cli_phase *p, const uf_config *cfg, uf_core_params *out)
{
    memset(out, 0, sizeof *out);
    out->as_of = p->as_of;
    out->cfg = cfg;
    out->months_before = p->before ? p->before : cfg->months_before;
    out->months_after = p->after ? p->after : cfg->months_after;
    out->anchor = p->anchor >= 0 ? (uf_anchor)p->anchor : cfg->anchor;
}

int cli_load_config(const cli_common *co, uf_config *cfg)
{
    char *path = co->config ? strdup(co->config) : uf_config_path(co->db);
    if (!path) {
        uf_config_defaults(cfg);
        return EXIT_FAIL;
    }
    uf_diag d;
    uf_diag_init(&d);
    uf_error err = uf_config_load(path, co->config != NULL, cfg, &d);
    uf_diag_print(&d, stderr);
    uf_diag_release(&d);
    if (err == UF_ERR_MISSING)
        cli_error("konfigurationsfilen %s finns inte", path);
    else if (err != UF_OK)
        cli_error("konfigurationsfilen %s har fel", path);
    free(path);
    return err == UF_OK ? -1 : cli_exit_code(err);
}

int cli_named_config(const cli_common *co)
{
    if (co->config && access(co->config, R_OK) != 0) {
        cli_error("konfigurationsfilen %s finns inte eller kan inte läsas", co->config);
        return EXIT_INPUT;
    }
    return -1;
}

/* mkdir(dir) unless it is a folder already: true when it is one now. */
static bool make_one(const char *dir, mode_t mode)
{
    struct stat sb;
    if (mkdir(dir, mode) == 0)
        return true;
    int e = errno;
    if (stat(dir, &sb) == 0) {
        if (S_ISDIR(sb.st_mode))
            return true;
        e = ENOTDIR;
    }
    errno = e;
    return false;
}

bool cli_make_dir(const char *dir, mode_t mode)
{
    char path[4096];
    size_t n = strlen(dir);
    if (n == 0 || n >= sizeof path) {
        cli_error("kunde inte skapa mappen %s: %s", dir, uf_strerrno(n ? ENAMETOOLONG : ENOENT));
        return false;
    }
    memcpy(path, dir, n + 1);
    /* each parent in turn ("a", "a/b"), then the folder itself; a parent
     * made here gets the folder's mode, so that a private export's path
     * is not readable by others either */
    for (size_t i = 1; i <= n; i++) {
        if (i < n && (path[i] != '/' || path[i - 1] == '/'))
            continue;
        char keep = path[i];
        path[i] = '\0';
        bool ok = make_one(path, mode);
        int e = errno;
        path[i] = keep;
        if (!ok) {
            path[i] = '\0';
            if (e == ENOTDIR)
                cli_error("kunde inte skapa mappen %s: %s finns men är ingen mapp", dir, path);
            else
                cli_error("kunde inte skapa mappen %s: %s (%s)", dir, uf_strerrno(e), path);
            return false;
        }
    }
    return true;
}

int cli_only_common(int argc, char **argv, cli_common *co, const char *usage)
{
    static const struct option opts[] = { CLI_COMMON_OPTIONS, { 0, 0, 0, 0 } };
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":qh", opts, NULL)) != -1) {
        if (c == 'h') {
            fputs(usage, stdout);
            return EXIT_OK;
        }
        if (!cli_common_opt(co, c, optarg))
            return cli_bad_option(argv, c);
    }
    if (optind != argc) {
        cli_error("%s tar inga argument (se uppfolj %s --help)", argv[0], argv[0]);
        return EXIT_INPUT;
    }
    return cli_named_config(co);
}

int cli_population(sqlite3 *db, uf_population_req *q, char *words, size_t n)
{
    uf_diag d;
    uf_diag_init(&d);
    uf_error err = uf_population_choose(db, q, words, n, &d);
    uf_diag_print(&d, stderr);
    uf_diag_release(&d);
    if (err == UF_ERR_DB)
        cli_error("kunde inte läsa data: %s", sqlite3_errmsg(db));
    else if (err == UF_ERR_NOMEM)
        cli_error("minnet räckte inte");
    return err == UF_OK ? -1 : cli_exit_code(err);
}

void cli_error(const char *fmt, ...)
{
    char msg[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    /* names of units and the like come from data: no control characters
     * reach the terminal */
    fprintf(stderr, "uppfolj: %s\n", uf_defang(msg));
}

void cli_say(const cli_common *co, const char *fmt, ...)
{
    if (co->quiet)
        return;
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
}

int cli_exit_code(uf_error err)
{
    switch (err) {
    case UF_OK: return EXIT_OK;
    case UF_ERR_INPUT:
    case UF_ERR_USAGE:
    case UF_ERR_EXISTS:
    case UF_ERR_MISSING:
    case UF_ERR_FOREIGN:
    case UF_ERR_KEY:
    case UF_ERR_KEYPERM:
    case UF_ERR_VERSION: return EXIT_INPUT;
    case UF_ERR_NOMEM:
    case UF_ERR_IO:
    case UF_ERR_DB:
    case UF_ERR_BUSY:
    case UF_ERR_CORRUPT:
    case UF_ERR_READONLY:
    case UF_ERR_CRYPTO: return EXIT_FAIL;
    }
    return EXIT_FAIL;
}

int cli_db_failed(const char *path, sqlite3 *db, uf_error err, const char *doing)
{
    if (err == UF_ERR_DB && db)
        err = uf_db_error(db);
    switch (err) {
    case UF_ERR_BUSY:
        cli_error("%s: databasen %s används av en annan körning av uppfolj (en import eller en "
                  "rapport); försök igen när den är klar, eller låt uppfolj vänta längre med "
                  "vanta = SEKUNDER under [databas] i uppfolj.conf",
                  doing, path);
        break;
    case UF_ERR_CORRUPT:
        cli_error("%s: databasen %s är skadad; ta fram den senaste säkerhetskopian (uppfolj "
                  "check --db %s visar vad som är fel)",
                  doing, path, path);
        break;
    case UF_ERR_READONLY:
        cli_error("%s: databasen %s är skrivskyddad; ge dig skrivrätt till filen och dess mapp "
                  "(chmod u+w %s) eller kör som den som äger den",
                  doing, path, path);
        break;
    case UF_ERR_FOREIGN:
        cli_error("%s: %s är ingen uppfolj-databas (filen är tom eller något annat); ange rätt "
                  "fil med --db, eller skapa en ny databas med uppfolj init --db NY-FIL",
                  doing, path);
        break;
    case UF_ERR_MISSING:
        cli_error("%s: databasen %s finns inte; skapa den med uppfolj init --db %s", doing, path,
                  path);
        break;
    case UF_ERR_VERSION:
        cli_error("%s: databasen %s är skapad av en nyare version av uppfolj; använd den "
                  "versionen (den här är %s)",
                  doing, path, UF_VERSION);
        break;
    case UF_ERR_DB: {
        const char *why = db && sqlite3_errcode(db) != SQLITE_OK ? sqlite3_errmsg(db) : "";
        cli_error("%s: databasfel i %s%s%s%s; kör uppfolj check --db %s", doing, path,
                  *why ? " (SQLite: " : "", why, *why ? ")" : "", path);
        break;
    }
    default: cli_error("%s: %s: %s", doing, path, uf_strerror(err)); break;
    }
    return cli_exit_code(err);
}

void cli_join_args(int argc, char **argv, char *out, size_t n)
{
    size_t o = 0;
    out[0] = '\0';
    for (int i = 0; i < argc && o + 1 < n; i++)
        o += (size_t)snprintf(out + o, n - o, "%s%s", i ? " " : "", argv[i]);
    uf_defang(out);
}

const char *cli_user(void)
{
    const char *u = getenv("USER");
    if (u && *u)
        return u;
    struct passwd *pw = getpwuid(getuid());
    return pw ? pw->pw_name : "okänd";
}

static bool newer(const struct timespec *a, const struct timespec *b)
{
    return a->tv_sec > b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec >= b->tv_nsec);
}

int cli_log_output(const cli_common *co, sqlite3 *db, const char *command, const char *params,
                   const char *population, const char *audience, const char *dir,
                   const struct timespec *since)
{
    enum { MAX_FILES = 512 };
    char *files[MAX_FILES], *sums[MAX_FILES];
    size_t n = 0;
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL && n < MAX_FILES) {
        char path[4096], sum[65];
        struct stat sb;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (e->d_name[0] == '.' || lstat(path, &sb) != 0 || !S_ISREG(sb.st_mode) ||
            !newer(&sb.st_mtim, since) || !uf_file_sha256(path, sum, NULL))
            continue;
        files[n] = strdup(path);
        sums[n] = strdup(sum);
        if (!files[n] || !sums[n]) {
            free(files[n]);
            free(sums[n]);
            break;
        }
        n++;
    }
    if (d)
        closedir(d);
    char at[32];
    time_t t = time(NULL);
    strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
    uf_output_log l = { .at = at,
                        .user = cli_user(),
                        .version = UF_VERSION,
                        .command = command,
                        .parameters = params,
                        .population = population,
                        .audience = audience,
                        .files = (const char *const *)files,
                        .sha256 = (const char *const *)sums,
                        .nfiles = n };
    uf_error err = uf_db_log_output(db, &l);
    for (size_t i = 0; i < n; i++) {
        free(files[i]);
        free(sums[i]);
    }
    if (err == UF_OK)
        return -1;
    return cli_db_failed(co->db, db, err, "filerna skrevs men kunde inte loggas i databasen");
}

int cli_open_db(const cli_common *co, const struct uf_config *cfg, sqlite3 **db)
{
    uf_error err = uf_db_open_wait(co->db, cfg ? cfg->db_wait : UF_DB_WAIT, db);
    return err == UF_OK ? -1 : cli_db_failed(co->db, NULL, err, "kunde inte öppna databasen");
}

void cli_pad(FILE *out, const char *s, int width)
{
    int cols = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        cols += (*p & 0xC0) != 0x80;
    fputs(s, out);
    for (; cols < width; cols++)
        fputc(' ', out);
}

int cli_today(void)
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    return uf_days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void cli_progress_start(cli_progress *p, const cli_common *co, const char *label)
{
    memset(p, 0, sizeof *p);
    p->label = label;
    p->on = !co->quiet && isatty(STDERR_FILENO);
    p->last_pct = -1;
}

void cli_progress_update(cli_progress *p, unsigned long long done, unsigned long long total)
{
    if (!p->on || total == 0)
        return;
    int pct = done >= total ? 100 : (int)(done * 100 / total); /* never past the bar */
    long long ms = now_ms();
    if (pct == p->last_pct || (ms - p->last_ms < 100 && pct < 100))
        return;
    p->last_pct = pct;
    p->last_ms = ms;
    char bar[31];
    int fill = pct * 30 / 100;
    memset(bar, '#', (size_t)fill);
    memset(bar + fill, '.', (size_t)(30 - fill));
    bar[30] = '\0';
    fprintf(stderr, "\r%s [%s] %3d %%", p->label, bar, pct);
    fflush(stderr);
}

void cli_progress_end(cli_progress *p)
{
    if (p->on && p->last_pct >= 0)
        fputs("\r\033[K", stderr);
    p->on = false;
}
