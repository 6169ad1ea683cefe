/*
 * sha256.c - the SHA-256 of a whole file (csvin.h, uf_file_sha256), with
 * OpenSSL: a workbook's in the import log, each output's in the log of
 * what left the database.  (A CSV file's is taken in uf_csv_scan's own
 * pass.)
 */
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include "uppfolj/csvin.h"

#define CHUNK (256 * 1024)

bool uf_file_sha256(const char *path, char out[65], unsigned long long *size)
{
    FILE *f = fopen(path, "rb");
    EVP_MD_CTX *sha = EVP_MD_CTX_new();
    unsigned char *buf = malloc(CHUNK);
    bool ok = f && sha && buf && EVP_DigestInit_ex(sha, EVP_sha256(), NULL) == 1;
    unsigned long long total = 0;
    size_t n;
    while (ok && (n = fread(buf, 1, CHUNK, f)) > 0) {
        ok = EVP_DigestUpdate(sha, buf, n) == 1;
        total += n;
    }
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned dl = 0;
    ok = ok && !ferror(f) && EVP_DigestFinal_ex(sha, d, &dl) == 1;
    for (unsigned i = 0; ok && i < dl && i < 32; i++)
        snprintf(out + 2 * i, 3, "%02x", d[i]);
    if (ok && size)
        *size = total;
    free(buf);
    EVP_MD_CTX_free(sha);
    if (f)
        fclose(f);
    return ok;
}
