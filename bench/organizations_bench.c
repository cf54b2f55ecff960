/*
 * organizations_bench: single-thread throughput of the organizations
 * recognizer, with the shared tokenizer measured in the same run as the
 * baseline.  Figures only; it never passes or fails on time.  Times are
 * the thread's CPU time, so other work on the machine does not count.
 *
 *   organizations_bench [--data DIR] [--common DIR] [--seconds S] FILE.jsonl
 *       prints MB/s of tokenizing and of recognising the documents' text
 *   organizations_bench --predict FILE.jsonl
 *       prints one JSON line per document with its organization entities
 *       (the eval format), for checking the recognizer without a server
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "neri.h"
#include "org.h"

#ifndef ORG_BENCH_DATA
#define ORG_BENCH_DATA "plugins/organizations/data"
#endif
#ifndef ORG_BENCH_COMMON
#define ORG_BENCH_COMMON "plugins/common/data"
#endif

typedef struct bench_doc {
	char       *id;
	char       *text;
	size_t      len;
	nerp_token *toks;
	uint64_t   *keys;
	size_t      n;
} bench_doc;

/* A bump arena over one buffer, reset per document. */
typedef struct bench_arena {
	char  *buf;
	size_t cap, used;
} bench_arena;

static void *
bench_alloc(void *arg, size_t size)
{
	bench_arena *a    = arg;
	size_t       need = (size + 15) & ~(size_t) 15;
	void        *p;

	if (a->used + need > a->cap) {
		return (NULL);
	}
	p = a->buf + a->used;
	a->used += need;
	return (p);
}

static double
bench_now(void)
{
	struct timespec ts;

	/* CPU time of this thread: the figure is single-thread throughput,
	 * not what a shared, loaded machine leaves of the wall clock. */
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ((double) ts.tv_sec + (double) ts.tv_nsec / 1e9);
}

static int
bench_tokenize(bench_doc *d)
{
	size_t n = neri_tokenize(d->text, d->len, NULL, 0);

	d->toks = malloc((n + 1) * sizeof(nerp_token));
	if (d->toks == NULL) {
		return (-1);
	}
	d->n    = neri_tokenize(d->text, d->len, d->toks, n);
	d->keys = malloc((d->n + 1) * sizeof(uint64_t));
	if (d->keys == NULL) {
		return (-1);
	}
	neri_keys(d->text, d->toks, d->n, d->keys);
	return (0);
}

static size_t
bench_load(const char *path, bench_doc **out)
{
	FILE      *f    = fopen(path, "r");
	bench_doc *docs = NULL;
	size_t     n = 0, cap = 0;
	char      *line = NULL;
	size_t     lcap = 0;

	if (f == NULL) {
		perror(path);
		exit(1);
	}
	while (getline(&line, &lcap, f) > 0) {
		json_error_t jerr;
		json_t      *o = json_loads(line, 0, &jerr);
		const char  *text, *id;
		if (o == NULL) {
			continue;
		}
		text = json_string_value(json_object_get(o, "text"));
		id   = json_string_value(json_object_get(o, "id"));
		if (text != NULL) {
			if (n == cap) {
				cap  = cap ? cap * 2 : 64;
				docs = realloc(docs, cap * sizeof(*docs));
				if (docs == NULL) {
					exit(1);
				}
			}
			docs[n].id   = strdup(id != NULL ? id : "");
			docs[n].text = strdup(text);
			docs[n].len  = strlen(text);
			if (docs[n].id == NULL || docs[n].text == NULL
			    || bench_tokenize(&docs[n]) != 0) {
				exit(1);
			}
			n++;
		}
		json_decref(o);
	}
	free(line);
	fclose(f);
	*out = docs;
	return (n);
}

static void
bench_predict(
    const org_lexicon *lex, bench_doc *docs, size_t nd, bench_arena *arena)
{
	org_arena oa = { bench_alloc, arena };
	size_t    d, k;

	for (d = 0; d < nd; d++) {
		json_t      *o = json_object(), *ents = json_array();
		org_mention *m;
		size_t       nm;
		char        *s;

		arena->used = 0;
		if (org_recognize(lex, docs[d].text, docs[d].len, docs[d].toks,
		        docs[d].keys, docs[d].n, &oa, &m, &nm)
		    != 0) {
			fprintf(stderr, "%s: out of arena\n", docs[d].id);
			nm = 0;
		}
		for (k = 0; k < nm; k++) {
			json_t *e = json_object(), *at = json_object();
			json_object_set_new(
			    e, "type", json_string("organization"));
			json_object_set_new(
			    e, "start", json_integer(m[k].start));
			json_object_set_new(e, "end", json_integer(m[k].end));
			json_object_set_new(e, "text",
			    json_stringn(docs[d].text + m[k].start,
			        m[k].end - m[k].start));
			json_object_set_new(
			    at, "name", json_string(m[k].name));
			if (m[k].acronym[0] != '\0') {
				json_object_set_new(
				    at, "acronym", json_string(m[k].acronym));
			}
			if (m[k].canonical[0] != '\0') {
				json_object_set_new(at, "canonical",
				    json_string(m[k].canonical));
			}
			if (m[k].country[0] != '\0') {
				json_object_set_new(
				    at, "country", json_string(m[k].country));
			}
			json_object_set_new(e, "attrs", at);
			json_array_append_new(ents, e);
		}
		json_object_set_new(o, "id", json_string(docs[d].id));
		json_object_set_new(o, "entities", ents);
		s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
		if (s != NULL) {
			puts(s);
			free(s);
		}
		json_decref(o);
	}
}

static void
bench_run(const org_lexicon *lex, bench_doc *docs, size_t nd,
    bench_arena *arena, double seconds)
{
	org_arena   oa    = { bench_alloc, arena };
	size_t      bytes = 0, d, rounds = 0, found = 0, sink = 0;
	double      t0, tok_s, org_s;
	nerp_token *tmp;
	size_t      maxn = 0;

	for (d = 0; d < nd; d++) {
		bytes += docs[d].len;
		maxn = docs[d].n > maxn ? docs[d].n : maxn;
	}
	if (bytes == 0) {
		return;
	}
	tmp = malloc((maxn + 1) * sizeof(nerp_token));
	if (tmp == NULL) {
		return;
	}
	/* Baseline: the shared tokenizer over the same text.  Each figure
	 * is the fastest pass of many, the least disturbed by other work. */
	tok_s = org_s = 1e9;
	t0            = bench_now();
	do {
		double r0 = bench_now(), dt;
		for (d = 0; d < nd; d++) {
			sink += neri_tokenize(
			    docs[d].text, docs[d].len, tmp, maxn);
		}
		dt    = bench_now() - r0;
		tok_s = dt < tok_s ? dt : tok_s;
	} while (bench_now() - t0 < seconds / 2);

	t0 = bench_now();
	do {
		double r0 = bench_now(), dt;
		found     = 0;
		for (d = 0; d < nd; d++) {
			org_mention *m;
			size_t       nm = 0;
			arena->used     = 0;
			if (org_recognize(lex, docs[d].text, docs[d].len,
			        docs[d].toks, docs[d].keys, docs[d].n, &oa, &m,
			        &nm)
			    == 0) {
				found += nm;
			}
		}
		dt    = bench_now() - r0;
		org_s = dt < org_s ? dt : org_s;
		rounds++;
	} while (bench_now() - t0 < seconds / 2);

	printf("documents          %zu (%zu bytes, %zu organizations)\n", nd,
	    bytes, found);
	printf("tokenizer          %8.1f MB/s (baseline)\n",
	    (double) bytes / tok_s / 1e6);
	printf("organizations      %8.1f MB/s (tokens, keys given; %.2fx the "
	       "tokenizer's speed)\n",
	    (double) bytes / org_s / 1e6, tok_s / org_s);
	printf("tokenize+organize  %8.1f MB/s\n",
	    (double) bytes / (tok_s + org_s) / 1e6);
	(void) sink;
	free(tmp);
}

int
main(int argc, char **argv)
{
	const char  *data = ORG_BENCH_DATA, *common = ORG_BENCH_COMMON;
	const char  *file    = NULL;
	double       seconds = 2.0;
	int          predict = 0, i, rc = 0;
	nerp_host    host = { 0 };
	org_lexicon *lex;
	bench_arena  arena;
	bench_doc   *docs;
	char         err[512];
	size_t       nd, maxlen = 0, d;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--predict") == 0) {
			predict = 1;
		} else if (strcmp(argv[i], "--data") == 0 && i + 1 < argc) {
			data = argv[++i];
		} else if (strcmp(argv[i], "--common") == 0 && i + 1 < argc) {
			common = argv[++i];
		} else if (strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) {
			seconds = strtod(argv[++i], NULL);
		} else {
			file = argv[i];
		}
	}
	if (file == NULL) {
		fprintf(stderr,
		    "usage: %s [--predict] [--data DIR] "
		    "[--common DIR] [--seconds S] FILE.jsonl\n",
		    argv[0]);
		return (2);
	}
	host.size     = sizeof(host);
	host.abi      = NERP_ABI;
	host.tokenize = neri_tokenize;
	host.key      = neri_key;
	if (org_lexicon_load(&lex, &host, data, common, err, sizeof(err))
	    != 0) {
		fprintf(stderr, "%s\n", err);
		return (1);
	}
	nd = bench_load(file, &docs);
	for (d = 0; d < nd; d++) {
		maxlen = docs[d].n > maxlen ? docs[d].n : maxlen;
	}
	arena.cap  = (size_t) 1024 * 1024 + maxlen * 256;
	arena.used = 0;
	arena.buf  = malloc(arena.cap);
	if (arena.buf == NULL) {
		fprintf(stderr, "out of memory\n");
		rc = 1;
	} else if (predict) {
		bench_predict(lex, docs, nd, &arena);
	} else {
		bench_run(lex, docs, nd, &arena, seconds);
	}
	for (d = 0; d < nd; d++) {
		free(docs[d].id);
		free(docs[d].text);
		free(docs[d].toks);
		free(docs[d].keys);
	}
	free(docs);
	free(arena.buf);
	org_lexicon_free(lex);
	return (rc);
}
