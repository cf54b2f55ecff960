/*
 * bench/officials_bench.c: speed of the officials plugin's recognition
 * alone, single thread, in process, over the texts of JSONL files
 * (FORMAT.md).
 *
 *   officials_bench [--rounds N] [--one-size B] DATA_DIR COMMON_DIR
 *                   FILE.jsonl...                       prints MB/s
 *
 * With --one-size B the texts, in turn and again, each followed by an
 * empty line, make one document of about B bytes (cut at a space)
 * instead: run it at several sizes to see how cost grows with size
 * (instructions per KB, under callgrind with --rounds 1).
 *
 * As in the host, each document is tokenised and its tokens keyed
 * (neri_tokenize, neri_keys_in: timed apart as the baseline every plugin
 * shares) right before recognition (offi_find) runs on it, with a bump
 * arena standing in for host->scratch; rounds over all documents go on
 * for about two seconds of thread CPU time, or N rounds exactly (for
 * instruction counts under callgrind).  Nothing passes or fails on time.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/neri.h"
#include "offi.h"

#define CHUNK 8

typedef struct doc {
	char       *text;
	size_t      len;
	char       *dct;
	nerp_token *toks;
	uint64_t   *keys;
	size_t      ntok;
} doc;

typedef struct arena {
	char  *buf;
	size_t cap;
	size_t used;
} arena;

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ((double) ts.tv_sec + (double) ts.tv_nsec / 1e9);
}

static void *
arena_alloc(void *arg, size_t size)
{
	arena *a  = arg;
	size_t at = (a->used + 15) & ~(size_t) 15;

	if (at + size > a->cap) {
		return (NULL);
	}
	a->used = at + size;
	return (a->buf + at);
}

static int
load_docs(const char *path, doc **docs, size_t *n, size_t *cap)
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
		json_error_t err;
		json_t      *o = json_loadb(line, (size_t) got, 0, &err);
		const char  *text, *dct;
		doc         *d;

		if (o == NULL) {
			continue;
		}
		text = json_string_value(json_object_get(o, "text"));
		dct  = json_string_value(json_object_get(o, "dct"));
		if (text == NULL) {
			json_decref(o);
			continue;
		}
		if (*n == *cap) {
			*cap  = *cap ? *cap * 2 : 64;
			*docs = realloc(*docs, *cap * sizeof(doc));
			if (*docs == NULL) {
				abort();
			}
		}
		d       = &(*docs)[(*n)++];
		d->text = strdup(text);
		d->len  = strlen(text);
		d->dct  = strdup(dct != NULL ? dct : "");
		json_decref(o);
	}
	free(line);
	fclose(f);
	return (0);
}

/* Makes docs[0] one document of about size bytes made of the texts of
 * docs[0..n) in turn (see the top of the file), n > 0, and frees the
 * texts of the others.  Returns 0, or -1 when out of memory (docs are
 * then unchanged). */
static int
one_doc(doc *docs, size_t n, size_t size)
{
	char  *buf  = malloc(size + 1);
	size_t have = 0, i;

	if (buf == NULL) {
		return (-1);
	}
	for (i = 0; have < size; i++) {
		const doc *d    = &docs[i % n];
		size_t     take = d->len;
		if (have + take + 2 > size) {
			/* The last text, cut after a space. */
			take = size - have < take ? size - have : take;
			while (take > 0 && d->text[take - 1] != ' '
			    && d->text[take - 1] != '\n') {
				take--;
			}
		}
		memcpy(buf + have, d->text, take);
		have += take;
		if (take < d->len || have + 2 > size) {
			break;
		}
		buf[have++] = '\n';
		buf[have++] = '\n';
	}
	buf[have] = '\0';
	for (i = 1; i < n; i++) {
		free(docs[i].text);
		free(docs[i].dct);
	}
	free(docs[0].text);
	docs[0].text   = buf;
	docs[0].len    = have;
	docs[0].dct[0] = '\0';
	return (0);
}

int
main(int argc, char **argv)
{
	nerp_host   host;
	offi_state *st       = NULL;
	char        err[512] = "";
	doc        *docs     = NULL;
	size_t      n = 0, cap = 0, i, bytes = 0, rounds = 0, mentions = 0;
	size_t      fixed = 0, one_size = 0;
	arena       a;
	double      t0, t_tok, t_rec;
	int         k, first = 1;

	while (first + 1 < argc && strncmp(argv[first], "--", 2) == 0) {
		if (strcmp(argv[first], "--rounds") == 0) {
			fixed = (size_t) strtoul(argv[first + 1], NULL, 10);
		} else if (strcmp(argv[first], "--one-size") == 0) {
			one_size = (size_t) strtoul(argv[first + 1], NULL, 10);
		} else {
			break;
		}
		first += 2;
	}
	if (argc < first + 3 || strncmp(argv[first], "--", 2) == 0) {
		fprintf(stderr,
		    "usage: %s [--rounds N] [--one-size B] DATA_DIR "
		    "COMMON_DIR FILE.jsonl...\n",
		    argv[0]);
		return (2);
	}
	memset(&host, 0, sizeof(host));
	host.size     = sizeof(host);
	host.abi      = NERP_ABI;
	host.tokenize = neri_tokenize;
	host.key      = neri_key;
	if (offi_state_load(&st, &host, argv[first], argv[first + 1], err,
	        sizeof(err))
	    != 0) {
		fprintf(stderr, "officials: %s\n", err);
		return (1);
	}
	for (k = first + 2; k < argc; k++) {
		if (load_docs(argv[k], &docs, &n, &cap) != 0) {
			return (1);
		}
	}
	if (one_size > 0) {
		if (n == 0 || one_doc(docs, n, one_size) != 0) {
			fprintf(stderr, "officials_bench: no document made\n");
			return (1);
		}
		n = 1;
	}
	for (i = 0; i < n; i++) {
		docs[i].ntok
		    = neri_tokenize(docs[i].text, docs[i].len, NULL, 0);
		docs[i].toks = malloc((docs[i].ntok + 1) * sizeof(nerp_token));
		docs[i].keys = malloc((docs[i].ntok + 1) * sizeof(uint64_t));
		if (docs[i].toks == NULL || docs[i].keys == NULL) {
			abort();
		}
		bytes += docs[i].len;
	}
	a.cap = 64u << 20;
	a.buf = malloc(a.cap);
	if (a.buf == NULL || bytes == 0) {
		fprintf(stderr, "nothing to do\n");
		return (1);
	}
	t_tok = 0;
	t_rec = 0;
	do {
		/* Chunks of documents small enough to stay in cache between
		 * tokenising and recognising, as in the host, with the clock
		 * read per chunk rather than per document. */
		for (i = 0; i < n; i += CHUNK) {
			size_t j, end = i + CHUNK < n ? i + CHUNK : n;
			double t1;
			t0 = now_s();
			for (j = i; j < end; j++) {
				neri_tokenize(docs[j].text, docs[j].len,
				    docs[j].toks, docs[j].ntok);
				neri_keys_in(docs[j].text, docs[j].len,
				    docs[j].toks, docs[j].ntok, docs[j].keys);
			}
			t1 = now_s();
			for (j = i; j < end; j++) {
				offi_doc    d = { docs[j].text, docs[j].len,
					   docs[j].dct };
				offi_result r;
				a.used = 0;
				if (offi_find(st, &d, docs[j].toks,
				        docs[j].keys, docs[j].ntok, arena_alloc,
				        &a, &r)
				    != 0) {
					fprintf(stderr, "offi_find failed\n");
					return (1);
				}
				mentions += r.n_mentions;
			}
			t_rec += now_s() - t1;
			t_tok += t1 - t0;
		}
		rounds++;
	} while (fixed > 0 ? rounds < fixed : t_rec < 2.0);
	printf("officials_bench: %zu docs, %.2f MB, %zu rounds, %zu mentions "
	       "per round\n",
	    n, (double) bytes / 1e6, rounds, mentions / rounds);
	printf("  tokenise, keys      %8.1f MB/s\n",
	    (double) bytes * (double) rounds / 1e6 / t_tok);
	printf("  officials recognise  %8.1f MB/s\n",
	    (double) bytes * (double) rounds / 1e6 / t_rec);
	printf("  both                 %8.1f MB/s\n",
	    (double) bytes * (double) rounds / 1e6 / (t_tok + t_rec));
	for (i = 0; i < n; i++) {
		free(docs[i].text);
		free(docs[i].dct);
		free(docs[i].toks);
		free(docs[i].keys);
	}
	free(docs);
	free(a.buf);
	offi_state_free(st);
	return (0);
}
