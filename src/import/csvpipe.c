/*
 * csvpipe.c - the second pass over an import file on two threads.
 *
 * Workload: millions of records per file.  Parsing and checking cells is
 * about a third of an import's work and needs no database, so a reader
 * thread does it (uf_csv_read plus the caller's prep step) while the
 * calling thread writes the previous records.  Records travel in blocks
 * (text, field pointers and per-record scratch) through a small FIFO; a
 * block is reused once the calling thread is done with it, so memory stays
 * at NBLOCKS blocks whatever the file size.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "uppfolj/csvin.h"

#define BLOCK_TEXT (512 * 1024)
#define BLOCK_RECS 2048
#define BLOCK_PTRS (BLOCK_RECS * 8)
#define NBLOCKS 4

typedef struct rec {
    unsigned long line;
    size_t first, n; /* fields ptrs[first .. first + n) */
} rec;

typedef struct block {
    char *text;
    size_t tlen, tcap;
    char **ptrs;
    size_t plen, pcap;
    rec recs[BLOCK_RECS];
    size_t nrec;
    unsigned char *scratch;  /* BLOCK_RECS * scratch_size bytes */
    unsigned long long done; /* file bytes read when the block closed */
} block;

typedef struct pipe {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    block *all[NBLOCKS];
    block *full[NBLOCKS]; /* FIFO of filled blocks */
    int head, count;
    block *spare[NBLOCKS]; /* blocks free for the reader */
    int nspare;
    bool eof, stop;
    uf_error rc;
    unsigned long bad_line;

    /* reader side */
    block *cur;
    unsigned long long done;
    const char *path;
    const uf_csv_info *info;
    const uf_csv_pipe_opts *o;
} pipe;

static void block_free(block *b)
{
    if (!b)
        return;
    free(b->text);
    free(b->ptrs);
    free(b->scratch);
    free(b);
}

static block *block_new(size_t scratch_size)
{
    block *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    b->tcap = BLOCK_TEXT;
    b->pcap = BLOCK_PTRS;
    b->text = malloc(b->tcap);
    b->ptrs = malloc(b->pcap * sizeof *b->ptrs);
    b->scratch = malloc(BLOCK_RECS * (scratch_size ? scratch_size : 1));
    if (!b->text || !b->ptrs || !b->scratch) {
        block_free(b);
        return NULL;
    }
    return b;
}

/* Reader: hand the current block to the calling thread. */
static void push_cur(pipe *p)
{
    if (!p->cur)
        return;
    p->cur->done = p->done;
    pthread_mutex_lock(&p->mu);
    p->full[(p->head + p->count) % NBLOCKS] = p->cur;
    p->count++;
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
    p->cur = NULL;
}

/* Reader: a block with room, waiting for one if all are in use; NULL when
 * the calling thread asked to stop. */
static block *get_block(pipe *p)
{
    pthread_mutex_lock(&p->mu);
    while (p->nspare == 0 && !p->stop)
        pthread_cond_wait(&p->cv, &p->mu);
    block *b = p->stop ? NULL : p->spare[--p->nspare];
    pthread_mutex_unlock(&p->mu);
    if (b)
        b->tlen = b->plen = b->nrec = 0;
    return b;
}

/* Reader: make room in an empty block for a record that is larger than a
 * block; -1 when memory ran out. */
static int grow(block *b, size_t text, size_t n)
{
    if (text > b->tcap) {
        char *t = realloc(b->text, text);
        if (!t)
            return -1;
        b->text = t;
        b->tcap = text;
    }
    if (n > b->pcap) {
        char **q = realloc(b->ptrs, n * sizeof *q);
        if (!q)
            return -1;
        b->ptrs = q;
        b->pcap = n;
    }
    return 0;
}

/* Reader: copy one record into the current block and run prep on it. */
static int reader_row(void *ctx, unsigned long line, char **fields, size_t n)
{
    pipe *p = ctx;
    size_t text = 0;
    for (size_t i = 0; i < n; i++)
        text += strlen(fields[i]) + 1;
    block *b = p->cur;
    if (b && (b->nrec == BLOCK_RECS || b->tlen + text > b->tcap || b->plen + n > b->pcap)) {
        push_cur(p);
        b = NULL;
    }
    if (!b) {
        b = p->cur = get_block(p);
        if (!b)
            return 1;
        if (grow(b, text, n) != 0) {
            p->rc = UF_ERR_NOMEM;
            return 1;
        }
    }
    rec *r = &b->recs[b->nrec];
    r->line = line;
    r->first = b->plen;
    r->n = n;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(fields[i]) + 1;
        memcpy(b->text + b->tlen, fields[i], len);
        b->ptrs[b->plen++] = b->text + b->tlen;
        b->tlen += len;
    }
    void *scratch = b->scratch + b->nrec * p->o->scratch_size;
    b->nrec++;
    return p->o->prep(p->o->prep_ctx, line, b->ptrs + r->first, n, scratch);
}

static void reader_progress(void *ctx, unsigned long long done)
{
    ((pipe *)ctx)->done = done;
}

static void *reader(void *arg)
{
    pipe *p = arg;
    unsigned long bad = 0;
    uf_error rc = uf_csv_read(p->path, p->info, reader_row, reader_progress, p, &bad);
    push_cur(p);
    pthread_mutex_lock(&p->mu);
    if (p->rc == UF_OK)
        p->rc = rc;
    p->bad_line = bad;
    p->eof = true;
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* Calling thread: run take on every record of b, in order. */
static void take_block(pipe *p, block *b, bool *stopped)
{
    for (size_t i = 0; i < b->nrec && !*stopped; i++) {
        rec *r = &b->recs[i];
        void *scratch = b->scratch + i * p->o->scratch_size;
        if (p->o->take(p->o->take_ctx, r->line, b->ptrs + r->first, r->n, scratch))
            *stopped = true;
    }
    if (p->o->progress)
        p->o->progress(p->o->take_ctx, b->done);
}

/* Calling thread: take blocks until the reader is done. */
static void consume(pipe *p)
{
    bool stopped = false;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (p->count == 0 && !p->eof)
            pthread_cond_wait(&p->cv, &p->mu);
        if (p->count == 0)
            break;
        block *b = p->full[p->head];
        p->head = (p->head + 1) % NBLOCKS;
        p->count--;
        pthread_mutex_unlock(&p->mu);
        take_block(p, b, &stopped);
        pthread_mutex_lock(&p->mu);
        p->spare[p->nspare++] = b;
        if (stopped)
            p->stop = true;
        pthread_cond_broadcast(&p->cv);
    }
    pthread_mutex_unlock(&p->mu);
}

uf_error uf_csv_pipe(const char *path, const uf_csv_info *info, const uf_csv_pipe_opts *opts,
                     unsigned long *bad_line)
{
    pipe p = { .path = path, .info = info, .o = opts };
    uf_error rc = UF_ERR_NOMEM;
    for (int i = 0; i < NBLOCKS; i++) {
        p.all[i] = block_new(opts->scratch_size);
        if (!p.all[i])
            goto out;
        p.spare[p.nspare++] = p.all[i];
    }
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.cv, NULL);
    pthread_t t;
    if (pthread_create(&t, NULL, reader, &p) != 0) {
        rc = UF_ERR_NOMEM;
    } else {
        consume(&p);
        pthread_join(t, NULL);
        rc = p.rc;
        *bad_line = p.bad_line;
    }
    pthread_cond_destroy(&p.cv);
    pthread_mutex_destroy(&p.mu);
out:
    for (int i = 0; i < NBLOCKS; i++)
        block_free(p.all[i]);
    return rc;
}
