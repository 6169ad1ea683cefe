/*
 * testutil.h - small helpers shared by the unit tests: a private temporary
 * folder under /tmp, files written into it, and its removal.  Header-only
 * (static inline) so that every test binary stays one .c file.
 *
 * A test's folder is flat: tu_rmtree() removes the files in it and then the
 * folder, nothing deeper.
 */
#ifndef UPPFOLJ_TESTUTIL_H
#define UPPFOLJ_TESTUTIL_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TU_PATH 512

/* Make a fresh folder /tmp/uppfolj-test-XXXXXX into dir; 0 on success. */
static inline int tu_mkdtemp(char dir[TU_PATH])
{
    snprintf(dir, TU_PATH, "/tmp/uppfolj-test-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

/* out = dir/name; aborts when that does not fit (test paths are short). */
static inline void tu_path(char out[TU_PATH], const char *dir, const char *name)
{
    int n = snprintf(out, TU_PATH, "%s/%s", dir, name);
    if (n < 0 || n >= TU_PATH)
        abort();
}

/* Write len bytes to dir/name (created or truncated); the path goes to out
 * when out is not NULL.  0 on success. */
static inline int tu_write_bytes(const char *dir, const char *name, const void *data, size_t len,
                                 char *out)
{
    char path[TU_PATH];
    tu_path(path, dir, name);
    if (out)
        memcpy(out, path, sizeof path);
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    size_t w = len ? fwrite(data, 1, len, f) : 0;
    return (fclose(f) == 0 && w == len) ? 0 : -1;
}

/* Write the NUL-terminated text to dir/name; see tu_write_bytes. */
static inline int tu_write(const char *dir, const char *name, const char *text, char *out)
{
    return tu_write_bytes(dir, name, text, strlen(text), out);
}

/* The whole content of path, NUL-terminated, in a malloc'ed buffer (caller
 * frees); *len gets its size.  NULL when it cannot be read. */
static inline char *tu_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0, got;
    char *buf = malloc(cap + 1);
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *p = realloc(buf, cap * 2 + 1);
            if (!p) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = p;
            cap *= 2;
        }
    }
    fclose(f);
    if (buf) {
        buf[n] = '\0';
        if (len)
            *len = n;
    }
    return buf;
}

/* Is needle (nlen bytes) anywhere in hay (hlen bytes)? */
static inline int tu_contains(const char *hay, size_t hlen, const char *needle, size_t nlen)
{
    for (size_t i = 0; nlen <= hlen && i <= hlen - nlen; i++)
        if (memcmp(hay + i, needle, nlen) == 0)
            return 1;
    return 0;
}

/* Remove every file in dir, then dir.  0 on success. */
static inline int tu_rmtree(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char path[TU_PATH];
        tu_path(path, dir, e->d_name);
        if (unlink(path) != 0)
            rc = -1;
    }
    closedir(d);
    return rmdir(dir) == 0 ? rc : -1;
}

/* cmocka fixture: a fresh temporary folder per test in *state. */
static inline int tu_setup_dir(void **state)
{
    char *dir = malloc(TU_PATH);
    if (!dir || tu_mkdtemp(dir) != 0) {
        free(dir);
        return -1;
    }
    *state = dir;
    return 0;
}

/* cmocka fixture: remove the folder of tu_setup_dir. */
static inline int tu_teardown_dir(void **state)
{
    char *dir = *state;
    int rc = tu_rmtree(dir);
    free(dir);
    return rc;
}

#endif
