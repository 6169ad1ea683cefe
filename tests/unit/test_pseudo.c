/*
 * test_pseudo.c - the pseudonymisation key file and the keyed hash
 * (pseudo.h, SPEC §4).
 *
 * The known pseudonym below was computed outside the program, with Python:
 *   hashlib.blake2b(b"200903159804", digest_size=16,
 *                   key=bytes(range(32))).hexdigest()
 * which is the same function as libsodium's crypto_generichash with a
 * 16-byte output and a 32-byte key.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "uppfolj/pseudo.h"
#include "testutil.h"

/* Key bytes 00 01 02 ... 1f, as a key file. */
#define KEY_0_31                                     \
    "uppfolj-key-1 000102030405060708090a0b0c0d0e0f" \
    "101112131415161718191a1b1c1d1e1f\n"

static int setup(void **state)
{
    return uf_crypto_init() == UF_OK ? tu_setup_dir(state) : -1;
}

static void test_pseudo__key_create_makes_private_file(void **state)
{
    const char *dir = *state;
    char path[TU_PATH];
    tu_path(path, dir, "db.key");
    assert_int_equal(uf_key_create(path), UF_OK);
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    /* "uppfolj-key-1 " (14) + 64 hex digits + "\n" = 79 bytes */
    size_t len = 0;
    char *text = tu_read(path, &len);
    assert_non_null(text);
    assert_int_equal(len, 79);
    assert_memory_equal(text, "uppfolj-key-1 ", 14);
    for (size_t i = 14; i < 78; i++)
        assert_non_null(strchr("0123456789abcdef", text[i]));
    assert_int_equal(text[78], '\n');
    free(text);

    uf_key k;
    assert_int_equal(uf_key_load(path, &k), UF_OK);
}

static void test_pseudo__key_create_never_overwrites(void **state)
{
    const char *dir = *state;
    char path[TU_PATH];
    assert_int_equal(tu_write(dir, "db.key", "keep me\n", path), 0);
    assert_int_equal(uf_key_create(path), UF_ERR_EXISTS);
    char *text = tu_read(path, NULL);
    assert_non_null(text);
    assert_string_equal(text, "keep me\n");
    free(text);

    /* a real key is not replaced either */
    tu_path(path, dir, "real.key");
    assert_int_equal(uf_key_create(path), UF_OK);
    char *before = tu_read(path, NULL);
    assert_non_null(before);
    assert_int_equal(uf_key_create(path), UF_ERR_EXISTS);
    char *after = tu_read(path, NULL);
    assert_non_null(after);
    assert_string_equal(before, after);
    free(before);
    free(after);
}

static void test_pseudo__key_create_in_missing_folder_is_io_error(void **state)
{
    const char *dir = *state;
    char path[TU_PATH];
    tu_path(path, dir, "nope/db.key");
    assert_int_equal(uf_key_create(path), UF_ERR_IO);
}

/* Write a key file as uppfolj init does: readable by its owner only. */
static int write_key(const char *dir, const char *name, const char *text, char *path)
{
    return tu_write(dir, name, text, path) == 0 ? chmod(path, 0600) : -1;
}

static void test_pseudo__key_load_round_trip(void **state)
{
    const char *dir = *state;
    char path[TU_PATH];
    assert_int_equal(write_key(dir, "k.key", KEY_0_31, path), 0);
    uf_key k;
    memset(&k, 0xAA, sizeof k);
    assert_int_equal(uf_key_load(path, &k), UF_OK);
    for (int i = 0; i < UF_KEY_BYTES; i++)
        assert_int_equal(k.bytes[i], i);

    /* two created keys differ; each loads the same way twice */
    char p1[TU_PATH], p2[TU_PATH];
    tu_path(p1, dir, "a.key");
    tu_path(p2, dir, "b.key");
    assert_int_equal(uf_key_create(p1), UF_OK);
    assert_int_equal(uf_key_create(p2), UF_OK);
    uf_key a, a2, b;
    assert_int_equal(uf_key_load(p1, &a), UF_OK);
    assert_int_equal(uf_key_load(p1, &a2), UF_OK);
    assert_int_equal(uf_key_load(p2, &b), UF_OK);
    assert_memory_equal(a.bytes, a2.bytes, UF_KEY_BYTES);
    assert_memory_not_equal(a.bytes, b.bytes, UF_KEY_BYTES);
}

static void test_pseudo__key_load_rejects_bad_files(void **state)
{
    const char *dir = *state;
    static const char *const bad[] = {
        "",                                              /* empty */
        "uppfolj-key-1 \n",                              /* no key */
        "uppfolj-key-2 000102030405060708090a0b0c0d0e0f" /* version */
        "101112131415161718191a1b1c1d1e1f\n",
        "000102030405060708090a0b0c0d0e0f" /* no magic */
        "101112131415161718191a1b1c1d1e1f\n",
        "uppfolj-key-1 000102030405060708090a0b0c0d0e0f" /* 31 bytes */
        "101112131415161718191a1b1c1d1e\n",
        "uppfolj-key-1 000102030405060708090a0b0c0d0e0f" /* 33 bytes */
        "101112131415161718191a1b1c1d1e1f20\n",
        "uppfolj-key-1 000102030405060708090a0b0c0d0e0f" /* not hex */
        "101112131415161718191a1b1c1d1ezz\n",
        "uppfolj-key-1 000102030405060708090a0b0c0d0e0f" /* odd digits */
        "101112131415161718191a1b1c1d1e1\n",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char path[TU_PATH];
        assert_int_equal(write_key(dir, "bad.key", bad[i], path), 0);
        uf_key k;
        uf_error rc = uf_key_load(path, &k);
        if (rc != UF_ERR_INPUT)
            fail_msg("bad key file %zu gave %d, expected UF_ERR_INPUT", i, (int)rc);
    }
}

static void test_pseudo__key_load_missing(void **state)
{
    const char *dir = *state;
    char path[TU_PATH];
    tu_path(path, dir, "saknas.key");
    uf_key k;
    assert_int_equal(uf_key_load(path, &k), UF_ERR_MISSING);
}

static void test_pseudo__key_path_and_wipe(void **state)
{
    (void)state;
    char *p = uf_key_path("/data/uppfolj.db");
    assert_non_null(p);
    assert_string_equal(p, "/data/uppfolj.db.key");
    free(p);
    uf_key k;
    memset(&k, 0x5A, sizeof k);
    uf_key_wipe(&k);
    for (int i = 0; i < UF_KEY_BYTES; i++)
        assert_int_equal(k.bytes[i], 0);
}

/* Load the 00..1f key of KEY_0_31. */
static void load_known_key(const char *dir, uf_key *k)
{
    char path[TU_PATH];
    assert_int_equal(write_key(dir, "known.key", KEY_0_31, path), 0);
    assert_int_equal(uf_key_load(path, k), UF_OK);
}

static void test_pseudo__pseudonym_known_value(void **state)
{
    uf_key k;
    load_known_key(*state, &k);
    char out[UF_PSEUDONYM_BUF];
    uf_pseudonym(&k, "200903159804", out);
    assert_string_equal(out, "psbe3c5acf3fe7838b969967994d76c4fc");
    /* Python: same key, b"198112189876" */
    uf_pseudonym(&k, "198112189876", out);
    assert_string_equal(out, "ps125adb94a1c593ecf32e2fd21839a057");
}

static void test_pseudo__pseudonym_form_and_stability(void **state)
{
    const char *dir = *state;
    char p1[TU_PATH], p2[TU_PATH];
    tu_path(p1, dir, "a.key");
    tu_path(p2, dir, "b.key");
    assert_int_equal(uf_key_create(p1), UF_OK);
    assert_int_equal(uf_key_create(p2), UF_OK);
    uf_key a, b;
    assert_int_equal(uf_key_load(p1, &a), UF_OK);
    assert_int_equal(uf_key_load(p2, &b), UF_OK);

    /* 20090315-9804: see test_import.c for its check digit */
    const char *digits = "200903159804";
    char x[UF_PSEUDONYM_BUF], y[UF_PSEUDONYM_BUF], z[UF_PSEUDONYM_BUF], w[UF_PSEUDONYM_BUF];
    uf_pseudonym(&a, digits, x);
    uf_pseudonym(&a, digits, y);
    uf_pseudonym(&b, digits, z);
    uf_pseudonym(&a, "201005229826", w);
    assert_string_equal(x, y);     /* same key, same digits */
    assert_string_not_equal(x, z); /* another key */
    assert_string_not_equal(x, w); /* other digits */

    /* "ps" + 32 lower-case hex digits */
    const char *all[] = { x, z, w };
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(strlen(all[i]), 34);
        assert_memory_equal(all[i], "ps", 2);
        for (size_t j = 2; j < 34; j++)
            assert_non_null(strchr("0123456789abcdef", all[i][j]));
        /* never the number itself, nor its 10-digit form */
        assert_null(strstr(all[i], "200903159804"));
        assert_null(strstr(all[i], "0903159804"));
    }

    /* only the 12 digits are hashed: bytes after them do not matter */
    char longer[16] = "200903159804XYZ";
    uf_pseudonym(&a, longer, y);
    assert_string_equal(x, y);
}

/* A key file that group or others may read is refused, as ssh refuses a
 * loose private key (issue 13); 0600 and 0400 are fine. */
static void test_pseudo__key_load_refuses_loose_files(void **state)
{
    const char *dir = *state;
    char path[TU_PATH];
    uf_key k;
    assert_int_equal(write_key(dir, "k.key", KEY_0_31, path), 0);
    static const mode_t loose[] = { 0644, 0640, 0604, 0660, 0606 };
    for (size_t i = 0; i < sizeof loose / sizeof *loose; i++) {
        assert_int_equal(chmod(path, loose[i]), 0);
        assert_int_equal(uf_key_load(path, &k), UF_ERR_KEYPERM);
    }
    assert_int_equal(chmod(path, 0400), 0);
    assert_int_equal(uf_key_load(path, &k), UF_OK);
}

/* The fingerprint: BLAKE2b-128 of the fixed text under the key, here
 * against Python's hashlib for the key 00..1f:
 *   hashlib.blake2b("uppfolj: nyckelns fingeravtryck, version 1".encode(),
 *                   key=bytes(range(32)), digest_size=16).hexdigest()
 * Two keys have different fingerprints, and the fingerprint is not the
 * key. */
static void test_pseudo__fingerprint_known_value(void **state)
{
    uf_key k, other;
    load_known_key(*state, &k);
    char fp[UF_FINGERPRINT_BUF], fp2[UF_FINGERPRINT_BUF];
    uf_key_fingerprint(&k, fp);
    assert_string_equal(fp, "kfa387f73dec2d5c14166d0c1b84fbbcf0");
    memcpy(&other, &k, sizeof k);
    other.bytes[31] ^= 1;
    uf_key_fingerprint(&other, fp2);
    assert_string_not_equal(fp, fp2);
    assert_null(strstr(fp, "000102030405"));
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, tu_teardown_dir)
    const struct CMUnitTest tests[] = {
        T(test_pseudo__key_create_makes_private_file),
        T(test_pseudo__key_create_never_overwrites),
        T(test_pseudo__key_create_in_missing_folder_is_io_error),
        T(test_pseudo__key_load_round_trip),
        T(test_pseudo__key_load_rejects_bad_files),
        T(test_pseudo__key_load_missing),
        T(test_pseudo__key_load_refuses_loose_files),
        T(test_pseudo__fingerprint_known_value),
        T(test_pseudo__key_path_and_wipe),
        T(test_pseudo__pseudonym_known_value),
        T(test_pseudo__pseudonym_form_and_stability),
    };
    return cmocka_run_group_tests_name("pseudo", tests, NULL, NULL);
}
