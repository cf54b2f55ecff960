/*
 * bench/dates_bench.c: speed of the dates plugin's recognition alone,
 * single thread, in process, over the texts of JSONL files (FORMAT.md).
 *
 *   dates_bench DATA_DIR FILE.jsonl...        prints MB/s
 *   dates_bench --jsonl DATA_DIR FILE.jsonl   prints predictions as JSONL
 *   dates_bench --rounds N DATA_DIR FILE.jsonl...
 *       N passes of what the plugin does per document (document date,
 *       then the scan) and nothing else: a fixed amount of work for
 *       counting instructions (valgrind --tool=callgrind)
 *
 * Tokenising and keying (neri_tokenize, neri_keys: what the host does once
 * per document) are timed apart from recognition, and the
 * figures are printed side by side; nothing passes or fails on time.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dates.h"
#include "neri.h"

typedef struct doc {
	char       *text;
	size_t      len;
	char       *id;
	dates_ymd   dct;
	nerp_token *toks;
	uint64_t   *keys;
	size_t      ntok;
} doc;

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ((double) ts.tv_sec + (double) ts.tv_nsec / 1e9);
}

static int
load_docs(const char *path, doc **out, size_t *n)
{
	FILE   *f    = fopen(path, "r");
	char   *line = NULL;
	size_t  cap  = 0;
	ssize_t got;

	if (f == NULL) {
		fprintf(stderr, "cannot open %s\n", path);
		return (-1);
	}
	while ((got = getline(&line, &cap, f)) > 0) {
		json_error_t err;
		json_t      *o = json_loadb(line, (size_t) got, 0, &err);
		const char  *text, *dct, *id;
		doc         *d;

		if (o == NULL) {
			continue;
		}
		text = json_string_value(json_object_get(o, "text"));
		dct  = json_string_value(json_object_get(o, "dct"));
		id   = json_string_value(json_object_get(o, "id"));
		if (text != NULL) {
			*out = realloc(*out, (*n + 1) * sizeof(**out));
			d    = &(*out)[(*n)++];
			memset(d, 0, sizeof(*d));
			d->text = strdup(text);
			d->len  = strlen(text);
			d->id   = strdup(id != NULL ? id : "");
			if (dct == NULL
			    || dates_parse_ymd(dct, &d->dct) != 0) {
				d->dct.y = 0;
			}
		}
		json_decref(o);
	}
	free(line);
	fclose(f);
	return (0);
}

static void
tokenize(doc *d)
{
	size_t n = neri_tokenize(d->text, d->len, NULL, 0);

	d->toks = calloc(n + 1, sizeof(*d->toks));
	d->keys = calloc(n + 1, sizeof(*d->keys));
	d->ntok = neri_tokenize(d->text, d->len, d->toks, n);
	neri_keys(d->text, d->toks, d->ntok, d->keys);
}

/* The dates of d as the plugin finds them: against the document's dct,
 * else one its start states, else 2026-01-01.  Returns their count. */
static size_t
recognize(const dates_lexicon *lex, const doc *d, void *work, dates_match *m)
{
	dates_ymd dct = d->dct;

	dates_work_clear(work, d->ntok);
	if (dct.y == 0) {
		dates_ymd today = { 2026, 1, 1 };

		if (!dates_find_dct(lex, d->text, d->len, d->toks, d->keys,
		        d->ntok, today, work, &dct)) {
			dct = today;
		}
	}
	return (dates_scan(lex, d->text, d->len, d->toks, d->keys, d->ntok,
	    dct, work, m, d->ntok + 2));
}

static void
print_jsonl(const dates_lexicon *lex, doc *d, void *work, dates_match *m)
{
	json_t *o = json_object(), *ents = json_array();
	size_t  n = recognize(lex, d, work, m);
	char   *s;

	for (size_t k = 0; k < n; k++) {
		json_t *e = json_object(), *a = json_object();

		json_object_set_new(e, "type", json_string("date"));
		json_object_set_new(e, "start", json_integer(m[k].start));
		json_object_set_new(e, "end", json_integer(m[k].end));
		json_object_set_new(e, "text",
		    json_stringn(d->text + m[k].start, m[k].end - m[k].start));
		json_object_set_new(e, "value", json_string(m[k].value));
		json_object_set_new(a, "timex_type", json_string(m[k].type));
		if (m[k].mod != NULL) {
			json_object_set_new(a, "mod", json_string(m[k].mod));
		}
		json_object_set_new(e, "attrs", a);
		json_array_append_new(ents, e);
	}
	json_object_set_new(o, "id", json_string(d->id));
	json_object_set_new(o, "entities", ents);
	s = json_dumps(o, JSON_COMPACT);
	printf("%s\n", s);
	free(s);
	json_decref(o);
}

int
main(int argc, char **argv)
{
	dates_lexicon *lex   = NULL;
	doc           *docs  = NULL;
	size_t         ndocs = 0, bytes = 0, maxtok = 0, found = 0;
	char           err[256];
	int            jsonl = 0, a = 1, rounds = 0;
	double         t0, t_tok, t_scan, best_tok = 1e9, best_scan = 1e9;
	void          *work;
	dates_match   *m;

	if (argc > 1 && strcmp(argv[1], "--jsonl") == 0) {
		jsonl = 1;
		a++;
	} else if (argc > 2 && strcmp(argv[1], "--rounds") == 0) {
		char *end;
		long  n = strtol(argv[2], &end, 10);

		if (*end != '\0' || n < 1 || n > 1000000) {
			fprintf(stderr, "%s: --rounds wants 1..1000000\n",
			    argv[0]);
			return (2);
		}
		rounds = (int) n;
		a += 2;
	}
	if (argc - a < 2) {
		fprintf(stderr,
		    "usage: %s [--jsonl | --rounds N] DATA_DIR "
		    "FILE.jsonl...\n",
		    argv[0]);
		return (2);
	}
	if (dates_lexicon_load(&lex, argv[a], neri_key, err, sizeof(err))
	    != 0) {
		fprintf(stderr, "%s\n", err);
		return (1);
	}
	for (int k = a + 1; k < argc; k++) {
		if (load_docs(argv[k], &docs, &ndocs) != 0) {
			return (1);
		}
	}
	for (size_t k = 0; k < ndocs; k++) {
		tokenize(&docs[k]);
		bytes += docs[k].len;
		if (docs[k].ntok > maxtok) {
			maxtok = docs[k].ntok;
		}
	}
	work = malloc((maxtok + 1) * dates_tok_size());
	m    = malloc((maxtok + 2) * sizeof(*m));
	if (jsonl) {
		for (size_t k = 0; k < ndocs; k++) {
			print_jsonl(lex, &docs[k], work, m);
		}
		goto done;
	}
	if (rounds > 0) {
		for (int r = 0; r < rounds; r++) {
			found = 0;
			for (size_t k = 0; k < ndocs; k++) {
				found += recognize(lex, &docs[k], work, m);
			}
		}
		printf("dates: %d rounds of %zu docs, %zu bytes, %zu dates\n",
		    rounds, ndocs, bytes, found);
		goto done;
	}
	/* Best of several rounds of about a second in all. */
	for (int round = 0; round < 5; round++) {
		int reps = 0;

		t0 = now_s();
		do {
			for (size_t k = 0; k < ndocs; k++) {
				nerp_token *tk = docs[k].toks;

				neri_tokenize(docs[k].text, docs[k].len, tk,
				    docs[k].ntok);
				neri_keys(docs[k].text, tk, docs[k].ntok,
				    docs[k].keys);
			}
			reps++;
		} while (now_s() - t0 < 0.1);
		t_tok = (now_s() - t0) / reps;
		reps  = 0;
		t0    = now_s();
		do {
			found = 0;
			for (size_t k = 0; k < ndocs; k++) {
				dates_ymd dct = docs[k].dct;

				if (dct.y == 0) {
					dct.y = 2024;
					dct.m = dct.d = 1;
				}
				dates_work_clear(work, docs[k].ntok);
				found += dates_scan(lex, docs[k].text,
				    docs[k].len, docs[k].toks, docs[k].keys,
				    docs[k].ntok, dct, work, m,
				    docs[k].ntok + 2);
			}
			reps++;
		} while (now_s() - t0 < 0.1);
		t_scan = (now_s() - t0) / reps;
		if (t_tok < best_tok) {
			best_tok = t_tok;
		}
		if (t_scan < best_scan) {
			best_scan = t_scan;
		}
	}
	printf("dates: %zu docs, %zu bytes, %zu dates\n", ndocs, bytes, found);
	printf("dates: recognition alone      %8.1f MB/s\n",
	    (double) bytes / best_scan / 1e6);
	printf("dates: tokens + keys (baseline) %6.1f MB/s\n",
	    (double) bytes / best_tok / 1e6);
	printf("dates: tokens, keys, recognition %5.1f MB/s\n",
	    (double) bytes / (best_tok + best_scan) / 1e6);
done:
	for (size_t k = 0; k < ndocs; k++) {
		free(docs[k].text);
		free(docs[k].id);
		free(docs[k].toks);
		free(docs[k].keys);
	}
	free(docs);
	free(work);
	free(m);
	dates_lexicon_free(lex);
	return (0);
}
