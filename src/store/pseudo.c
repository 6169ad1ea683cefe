/*
 * pseudo.c - the pseudonymisation key and keyed hashing (see pseudo.h).
 * Hashing runs once per person reference at import; the key is read once
 * per run.
 */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "uppfolj/pseudo.h"

/* Key file: a versioned line, then the key in hex. */
#define KEY_MAGIC "uppfolj-key-1 "

uf_error uf_crypto_init(void)
{
    return sodium_init() < 0 ? UF_ERR_CRYPTO : UF_OK;
}

uf_error uf_key_create(const char *path)
{
    if (uf_crypto_init() != UF_OK)
        return UF_ERR_CRYPTO;
    unsigned char key[UF_KEY_BYTES];
    char line[sizeof KEY_MAGIC + 2 * UF_KEY_BYTES + 2];
    randombytes_buf(key, sizeof key);
    strcpy(line, KEY_MAGIC);
    sodium_bin2hex(line + strlen(KEY_MAGIC), 2 * UF_KEY_BYTES + 1, key, sizeof key);
    strcat(line, "\n");
    sodium_memzero(key, sizeof key);

    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0) {
        sodium_memzero(line, sizeof line);
        return errno == EEXIST ? UF_ERR_EXISTS : UF_ERR_IO;
    }
    size_t len = strlen(line);
    ssize_t w = write(fd, line, len);
    int saved = errno;
    sodium_memzero(line, sizeof line);
    if (w != (ssize_t)len || fsync(fd) != 0) {
        close(fd);
        unlink(path);
        errno = saved;
        return UF_ERR_IO;
    }
    return close(fd) == 0 ? UF_OK : UF_ERR_IO;
}

uf_error uf_key_load(const char *path, uf_key *key)
{
    if (uf_crypto_init() != UF_OK)
        return UF_ERR_CRYPTO;
    FILE *f = fopen(path, "r");
    if (!f)
        return errno == ENOENT ? UF_ERR_MISSING : UF_ERR_IO;
    struct stat sb;
    uf_error perm = fstat(fileno(f), &sb) != 0 ? UF_ERR_IO
                    : (sb.st_mode & 077)       ? UF_ERR_KEYPERM
                                               : UF_OK;
    if (perm != UF_OK) {
        fclose(f);
        return perm;
    }
    char line[256];
    uf_error rc = UF_ERR_INPUT;
    size_t bin_len = 0;
    const size_t magic = strlen(KEY_MAGIC);
    if (fgets(line, sizeof line, f) && strncmp(line, KEY_MAGIC, magic) == 0 &&
        sodium_hex2bin(key->bytes, sizeof key->bytes, line + magic, strlen(line + magic), "\r\n",
                       &bin_len, NULL) == 0 &&
        bin_len == UF_KEY_BYTES)
        rc = UF_OK;
    sodium_memzero(line, sizeof line);
    fclose(f);
    return rc;
}

void uf_key_wipe(uf_key *key)
{
    sodium_memzero(key, sizeof *key);
}

void uf_pseudonym(const uf_key *key, const char digits[12], char out[UF_PSEUDONYM_BUF])
{
    unsigned char h[16];
    crypto_generichash(h, sizeof h, (const unsigned char *)digits, 12, key->bytes,
                       sizeof key->bytes);
    out[0] = 'p';
    out[1] = 's';
    sodium_bin2hex(out + 2, UF_PSEUDONYM_BUF - 2, h, sizeof h);
}

void uf_key_fingerprint(const uf_key *key, char out[UF_FINGERPRINT_BUF])
{
    static const char text[] = "uppfolj: nyckelns fingeravtryck, version 1";
    unsigned char h[16];
    crypto_generichash(h, sizeof h, (const unsigned char *)text, sizeof text - 1, key->bytes,
                       sizeof key->bytes);
    out[0] = 'k';
    out[1] = 'f';
    sodium_bin2hex(out + 2, UF_FINGERPRINT_BUF - 2, h, sizeof h);
}

char *uf_key_path(const char *db)
{
    size_t len = strlen(db);
    char *p = malloc(len + 5);
    if (p) {
        memcpy(p, db, len);
        memcpy(p + len, ".key", 5);
    }
    return p;
}
