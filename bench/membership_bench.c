/*
 * bench/membership_bench.c: speed of the membership recognizer alone,
 * single thread, in process, over the texts of JSONL files (FORMAT.md).
 *
 *   membership_bench DATA_DIR COMMON_DIR FILE.jsonl...
 *
 * The upstream kinds are the files' own organization, official and date
 * entities (what the earlier plugins would hand over), then none at all.
 * MEMBERSHIP_BENCH_MB sets the megabytes read per figure (default 50).
 * Tokenising and keying are timed apart as the baseline of the same run:
 * the host does both once per document for every plugin.  Prints MB/s (CPU time of
 * this thread); nothing passes or fails on time.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mb.h"
#include "neri.h"

#define MAX_ENT 512

typedef struct bdoc {
	char       *text;
	char       *dct;
	size_t      len;
	nerp_token *toks;
	uint64_t   *keys;
	size_t      ntok;
	nerp_entity ents[MAX_ENT];
	nerp_attr   attrs[MAX_ENT][4];
	mb_upstream up;
} bdoc;

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ((double) ts.tv_sec + (double) ts.tv_nsec / 1e9);
}

/* Arena: one block, reset per document. */
static unsigned char *block;
static size_t         block_used;
static const size_t   block_size = 64u << 20;

static void *
bump(void *ctx, size_t size)
{
	size_t off = (block_used + 15) & ~(size_t) 15;

	(void) ctx;
	if (off + size > block_size) {
		return (NULL);
	}
	block_used = off + size;
	return (block + off);
}

static const char *
dup_str(json_t *v)
{
	const char *s = json_string_value(v);

	return (s != NULL ? strdup(s) : NULL);
}

/* Entities of kind from o into d, contiguous; returns their count. */
static size_t
take_kind(bdoc *d, json_t *ents, const char *kind, size_t *used)
{
	size_t  first = *used, i;
	json_t *e;

	json_array_foreach(ents, i, e)
	{
		nerp_entity *x;
		json_t      *attrs, *v;
		const char  *key;
		size_t       na = 0;

		if (*used >= MAX_ENT
		    || strcmp(
		           json_string_value(json_object_get(e, "type")) ?: "",
		           kind)
		        != 0) {
			continue;
		}
		x        = &d->ents[*used];
		x->start = (uint32_t) json_integer_value(
		    json_object_get(e, "start"));
		x->end
		    = (uint32_t) json_integer_value(json_object_get(e, "end"));
		x->kind  = kind;
		x->value = dup_str(json_object_get(e, "value"));
		x->score = -1.0f;
		attrs    = json_object_get(e, "attrs");
		json_object_foreach(attrs, key, v)
		{
			if (na < 4 && json_string_value(v) != NULL) {
				d->attrs[*used][na].key   = strdup(key);
				d->attrs[*used][na].value = dup_str(v);
				na++;
			}
		}
		x->attrs   = NULL; /* set once the documents stop moving */
		x->n_attrs = na;
		(*used)++;
	}
	return (*used - first);
}

static int
load(const char *path, bdoc **docs, size_t *n, size_t *cap)
{
	FILE   *f    = fopen(path, "r");
	char   *line = NULL;
	size_t  lcap = 0;
	ssize_t got;

	if (f == NULL) {
		fprintf(stderr, "cannot open %s\n", path);
		return (-1);
	}
	while ((got = getline(&line, &lcap, f)) > 0) {
		json_t     *o = json_loadb(line, (size_t) got, 0, NULL);
		json_t     *ents;
		const char *text;
		bdoc       *d;
		size_t      used = 0;

		if (o == NULL
		    || (text = json_string_value(json_object_get(o, "text")))
		        == NULL) {
			json_decref(o);
			continue;
		}
		if (*n == *cap) {
			*cap  = *cap ? *cap * 2 : 16;
			*docs = realloc(*docs, *cap * sizeof(bdoc));
		}
		d = &(*docs)[(*n)++];
		memset(d, 0, sizeof(*d));
		d->text = strdup(text);
		d->dct  = json_string_value(json_object_get(o, "dct")) != NULL
		     ? strdup(json_string_value(json_object_get(o, "dct")))
		     : NULL;
		d->len  = strlen(text);
		d->toks = malloc((d->len + 1) * sizeof(nerp_token));
		d->keys = malloc((d->len + 1) * sizeof(uint64_t));
		ents    = json_object_get(o, "entities");
		/* pointers into d->ents are set once the array stops moving */
		d->up.norgs      = take_kind(d, ents, "organization", &used);
		d->up.nofficials = take_kind(d, ents, "official", &used);
		d->up.ndates     = take_kind(d, ents, "date", &used);
		json_decref(o);
	}
	free(line);
	fclose(f);
	return (0);
}

int
main(int argc, char **argv)
{
	static const nerp_host host  = { .size = sizeof(nerp_host),
		 .abi                          = NERP_ABI,
		 .tokenize                     = neri_tokenize,
		 .key                          = neri_key };
	const mb_arena         arena = { bump, NULL };
	mb_lexicon            *lex;
	bdoc                  *docs = NULL;
	size_t                 n = 0, cap = 0, bytes = 0, triples = 0;
	char                   err[256] = "";
	double                 t0, t_tok, t_up, t_none;
	int                    rounds;
	mb_upstream            none = { 0 };

	if (argc < 4) {
		fprintf(stderr,
		    "usage: %s DATA_DIR COMMON_DIR FILE.jsonl...\n", argv[0]);
		return (2);
	}
	if (mb_lexicon_load(&lex, &host, argv[1], argv[2], err, sizeof(err))) {
		fprintf(stderr, "%s\n", err);
		return (1);
	}
	for (int a = 3; a < argc; a++) {
		if (load(argv[a], &docs, &n, &cap) != 0) {
			return (1);
		}
	}
	block = malloc(block_size);
	for (size_t i = 0; i < n; i++) {
		bdoc *d = &docs[i];

		bytes += d->len;
		d->up.orgs      = d->ents;
		d->up.officials = d->ents + d->up.norgs;
		d->up.dates     = d->ents + d->up.norgs + d->up.nofficials;
		/* the attribute arrays moved with the documents too */
		for (size_t k = 0;
		     k < d->up.norgs + d->up.nofficials + d->up.ndates; k++) {
			d->ents[k].attrs = d->attrs[k];
		}
	}
	if (n == 0 || bytes == 0 || block == NULL) {
		fprintf(stderr, "no documents\n");
		return (1);
	}
	/* about 50 MB of text per measurement (MEMBERSHIP_BENCH_MB to
	 * change), at least one round */
	{
		const char *mb     = getenv("MEMBERSHIP_BENCH_MB");
		double      target = mb != NULL ? strtod(mb, NULL) * 1e6 : 50e6;

		rounds = (int) (target / (double) bytes) + 1;
	}

	t0 = now_s();
	for (int r = 0; r < rounds; r++) {
		for (size_t i = 0; i < n; i++) {
			docs[i].ntok = neri_tokenize(docs[i].text, docs[i].len,
			    docs[i].toks, docs[i].len + 1);
			neri_keys(docs[i].text, docs[i].toks, docs[i].ntok,
			    docs[i].keys);
		}
	}
	t_tok = now_s() - t0;

	for (int pass = 0; pass < 2; pass++) {
		t0 = now_s();
		for (int r = 0; r < rounds; r++) {
			for (size_t i = 0; i < n; i++) {
				mb_triple *tr;
				size_t     nt;

				block_used = 0;
				if (mb_analyze(lex, docs[i].text, docs[i].len,
				        docs[i].toks, docs[i].keys, docs[i].ntok,
				        pass == 0 ? &docs[i].up : &none,
				        docs[i].dct, &arena, &tr, &nt)
				    != 0) {
					fprintf(stderr, "analyze failed\n");
					return (1);
				}
				if (r == 0 && pass == 0) {
					triples += nt;
				}
			}
		}
		if (pass == 0) {
			t_up = now_s() - t0;
		} else {
			t_none = now_s() - t0;
		}
	}
	printf("membership_bench: %zu documents, %zu bytes x %d rounds, %zu "
	       "triples per round\n",
	    n, bytes, rounds, triples);
	printf("  tokenizer + keys (baseline) %8.1f MB/s\n",
	    (double) bytes * rounds / 1e6 / t_tok);
	printf("  membership, with upstream   %8.1f MB/s\n",
	    (double) bytes * rounds / 1e6 / t_up);
	printf("  membership, empty upstream  %8.1f MB/s\n",
	    (double) bytes * rounds / 1e6 / t_none);
	mb_lexicon_free(lex);
	return (0);
}
