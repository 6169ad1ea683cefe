/*
 * outfile.c - output files written whole or not at all, never through a
 * link (see outfile.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "uppfolj/outfile.h"

static void release(uf_outfile *o)
{
    free(o->path);
    free(o->tmp);
    memset(o, 0, sizeof *o);
    o->fd = -1;
}

uf_error uf_out_open(uf_outfile *o, const char *path, mode_t mode)
{
    memset(o, 0, sizeof *o);
    o->fd = -1;
    const char *slash = strrchr(path, '/');
    size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
    o->path = strdup(path);
    o->tmp = malloc(strlen(path) + 16);
    if (!o->path || !o->tmp) {
        release(o);
        errno = ENOMEM;
        return UF_ERR_NOMEM;
    }
    /* ".NAME.XXXXXX" in the target's folder */
    memcpy(o->tmp, path, dir);
    snprintf(o->tmp + dir, strlen(path) + 16 - dir, ".%s.XXXXXX", path + dir);
    o->fd = mkstemp(o->tmp);
    if (o->fd < 0) {
        int e = errno;
        release(o);
        errno = e;
        return UF_ERR_IO;
    }
    if (mode != UF_OUT_PRIVATE) {
        mode_t mask = umask(0);
        umask(mask);
        mode &= ~mask;
    }
    if (fchmod(o->fd, mode) != 0) {
        uf_out_abort(o);
        return UF_ERR_IO;
    }
    return UF_OK;
}

FILE *uf_out_stream(uf_outfile *o)
{
    if (!o->f && o->fd >= 0)
        o->f = fdopen(o->fd, "wb");
    return o->f;
}

uf_error uf_out_commit(uf_outfile *o)
{
    int bad = 0;
    /* on the disk before it takes the target's name: after a power cut
     * the target is the old file or the new one, never an empty one */
    if (o->f) {
        int err = ferror(o->f);
        int flushed = fflush(o->f);
        int synced = fsync(fileno(o->f));
        int closed = fclose(o->f);
        bad = err || flushed != 0 || synced != 0 || closed != 0;
        o->f = NULL;
        o->fd = -1;
    } else if (o->fd >= 0) {
        int synced = fsync(o->fd);
        int closed = close(o->fd);
        bad = synced != 0 || closed != 0;
        o->fd = -1;
    } else { /* written by name (libxlsxwriter) */
        int fd = open(o->tmp, O_RDONLY);
        bad = fd < 0 || fsync(fd) != 0;
        if (fd >= 0)
            close(fd);
    }
    if (bad || rename(o->tmp, o->path) != 0) {
        int e = bad && !errno ? EIO : errno;
        uf_out_abort(o);
        errno = e;
        return UF_ERR_IO;
    }
    release(o);
    return UF_OK;
}

void uf_out_abort(uf_outfile *o)
{
    if (!o)
        return;
    int e = errno;
    if (o->f)
        fclose(o->f);
    else if (o->fd >= 0)
        close(o->fd);
    if (o->tmp)
        unlink(o->tmp);
    release(o);
    errno = e;
}

bool uf_csv_formula_like(const char *s)
{
    return s && (*s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r');
}

const char *uf_csv_guard(const char *s, char **owned)
{
    *owned = NULL;
    if (!uf_csv_formula_like(s))
        return s;
    size_t len = strlen(s);
    if (!(*owned = malloc(len + 2)))
        return "'";
    (*owned)[0] = '\'';
    memcpy(*owned + 1, s, len + 1);
    return *owned;
}
