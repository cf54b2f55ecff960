/*
 * bench/pipeline_bench.c: in-process throughput of the recognition pipeline,
 * single thread, on the development texts: each plugin's MB/s (from the
 * per-plugin times the core reports), the whole pipeline's MB/s and docs/s,
 * the tokenizer's MB/s alone and with the token keys, and how cost grows with
 * document size (µs per KB from 1 KB to 1 MB: it must stay flat).
 *
 * usage: pipeline_bench --plugins DIR --eval DIR [--seconds S]
 *                       [--rounds N] [--kinds A,B]
 *                       [--write-docs FILE --doc-size BYTES]
 * --rounds N makes exactly N timed passes over the corpus after the
 * untimed warm-up pass every run makes (so N + 1 in all, which counts when
 * profiling), N tokenizer passes, and skips the scaling part: a fixed
 * amount of work, for counting instructions with perf stat on a noisy
 * machine.  With
 * --one-size BYTES it runs one document of about BYTES N times instead
 * (to profile how cost grows with size).
 * Prints a table on stderr and one JSON object on stdout; its "best"
 * object gives the same stages with every document at its fastest of the
 * timed passes (what scripts/compare.sh compares).
 */
#include <errno.h>
#include <glob.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "neri.h"

#define MAX_PLUGINS 64
/* Documents per size in the scaling part. */
#define SCALE_VARIANTS 64

typedef struct doc {
	char  *text;
	size_t len;
	char  *dct;
} doc;

typedef struct corpus {
	doc   *docs;
	size_t n;
	size_t bytes;
} corpus;

typedef struct plugin_time {
	const char *name;
	uint64_t    ns;
} plugin_time;

/* One document's least time over the timed passes: of the whole pipeline
 * (CLOCK_MONOTONIC) and of each plugin (the core's elapsed_ns, in the order
 * of times[]).  The core times plugins by the wall clock, so a pass the
 * scheduler interrupted counts the wait; on a busy machine the sums of
 * these minima move far less from run to run than whole-pass times. */
typedef struct doc_best {
	uint64_t pipeline_ns;
	uint64_t tokens_keys_ns; /* neri_tokenize_keys alone */
	uint64_t plugin_ns[MAX_PLUGINS];
} doc_best;

/* Kinds to ask for (--kinds), all when n_kinds is 0. */
static const char *kinds[16];
static size_t      n_kinds;

/* Thread CPU time: the benchmark is single-threaded, and CPU time keeps
 * the figures meaningful on a machine that is busy with other work. */
static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ((double) ts.tv_sec + (double) ts.tv_nsec / 1e9);
}

static int
corpus_add(corpus *c, const char *text, size_t len, const char *dct)
{
	doc *grown = realloc(c->docs, (c->n + 1) * sizeof(*grown));

	if (grown == NULL) {
		return (ENOMEM);
	}
	c->docs            = grown;
	c->docs[c->n].text = strndup(text, len);
	c->docs[c->n].len  = len;
	c->docs[c->n].dct  = strdup(dct != NULL ? dct : "");
	if (c->docs[c->n].text == NULL || c->docs[c->n].dct == NULL) {
		return (ENOMEM);
	}
	c->n++;
	c->bytes += len;
	return (0);
}

static int
load_jsonl(corpus *c, const char *path)
{
	FILE  *f    = fopen(path, "r");
	char  *line = NULL;
	size_t cap  = 0;
	int    rv   = 0;

	if (f == NULL) {
		return (errno);
	}
	while (rv == 0 && getline(&line, &cap, f) != -1) {
		json_error_t err;
		json_t      *o = json_loads(line, 0, &err);
		json_t      *t = json_object_get(o, "text");
		json_t      *d = json_object_get(o, "dct");

		if (json_is_string(t)) {
			rv = corpus_add(c, json_string_value(t),
			    json_string_length(t),
			    json_is_string(d) ? json_string_value(d) : "");
		}
		json_decref(o);
	}
	free(line);
	fclose(f);
	return (rv);
}

static void
corpus_fini(corpus *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->docs[i].text);
		free(c->docs[i].dct);
	}
	free(c->docs);
	memset(c, 0, sizeof(*c));
}

static uint64_t
mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((uint64_t) ts.tv_sec * 1000000000ull + (uint64_t) ts.tv_nsec);
}

/* Runs one document; adds each plugin's time to times[] (new plugins
 * appended, *n_times counting them) and lowers *best's minima.  times and
 * best may be NULL. */
static int
run_doc(neri_registry *reg, const char *text, size_t len, const char *dct,
    plugin_time *times, size_t *n_times, doc_best *best)
{
	neri_request req;
	neri_result *res;
	size_t       i;
	size_t       j;
	uint64_t     t0;
	uint64_t     dt;
	int          rv;

	memset(&req, 0, sizeof(req));
	req.text    = text;
	req.len     = len;
	req.dct     = dct;
	req.kinds   = kinds;
	req.n_kinds = n_kinds;
	t0          = mono_ns();
	rv          = neri_recognize(reg, &req, &res);
	dt          = mono_ns() - t0;
	if (rv != 0) {
		return (rv);
	}
	if (best != NULL && dt < best->pipeline_ns) {
		best->pipeline_ns = dt;
	}
	for (i = 0; times != NULL && i < res->n_plugins; i++) {
		for (j = 0; j < *n_times; j++) {
			if (strcmp(times[j].name, res->plugins[i].name) == 0) {
				break;
			}
		}
		if (j == *n_times && *n_times < MAX_PLUGINS) {
			times[j].name = res->plugins[i].name;
			times[j].ns   = 0;
			(*n_times)++;
		}
		if (j < MAX_PLUGINS) {
			times[j].ns += res->plugins[i].elapsed_ns;
			if (best != NULL
			    && res->plugins[i].elapsed_ns < best->plugin_ns[j]) {
				best->plugin_ns[j] = res->plugins[i].elapsed_ns;
			}
		}
	}
	neri_result_free(res);
	return (0);
}

/* The "best" object of the JSON: MB/s of one pass over the corpus taken
 * at each document's least time (doc_best), for the pipeline, tokens +
 * keys and each plugin.  scripts/compare.sh reads it. */
static void
print_best(const corpus *c, const doc_best *best, const plugin_time *times,
    size_t n_times)
{
	double mb     = (double) c->bytes / 1e6;
	double s_pipe = 0;
	double s_keys = 0;
	double s;
	size_t i;
	size_t j;

	for (i = 0; i < c->n; i++) {
		s_pipe += (double) best[i].pipeline_ns / 1e9;
		s_keys += (double) best[i].tokens_keys_ns / 1e9;
	}
	printf("\"best\":{\"pipeline_mb_s\":%.2f,\"tokens_keys_mb_s\":%.2f,"
	       "\"plugins\":{",
	    s_pipe > 0 ? mb / s_pipe : 0.0, s_keys > 0 ? mb / s_keys : 0.0);
	for (j = 0; j < n_times; j++) {
		s = 0;
		for (i = 0; i < c->n; i++) {
			if (best[i].plugin_ns[j] != UINT64_MAX) {
				s += (double) best[i].plugin_ns[j] / 1e9;
			}
		}
		printf("%s\"%s\":{\"mb_s\":%.2f}", j ? "," : "",
		    times[j].name, s > 0 ? mb / s : 0.0);
	}
	printf("}},");
}

/* A document of about size bytes made of the corpus' texts, cut after a
 * whitespace byte so that it stays valid UTF-8. */
static char *
make_doc(const corpus *c, size_t size, size_t first, size_t *len)
{
	char  *buf  = malloc(size + 1);
	size_t have = 0;
	size_t i    = first;

	if (buf == NULL) {
		return (NULL);
	}
	while (have < size && c->n > 0) {
		const doc *d    = &c->docs[i++ % c->n];
		size_t     take = d->len;

		if (have + take + 2 > size) {
			take = size - have;
			while (take > 0 && d->text[take - 1] != ' '
			    && d->text[take - 1] != '\n') {
				take--;
			}
			if (take == 0) {
				break;
			}
		}
		memcpy(buf + have, d->text, take);
		have += take;
		if (have + 2 <= size) {
			buf[have++] = '\n';
			buf[have++] = '\n';
		} else {
			break;
		}
	}
	buf[have] = '\0';
	*len      = have;
	return (buf);
}

static int
write_docs(const corpus *c, const char *path, size_t size)
{
	FILE  *f = fopen(path, "w");
	size_t i;
	size_t made = 0;

	if (f == NULL) {
		return (errno);
	}
	/* Consecutive slices of the concatenated texts, each about size
	 * bytes: one JSONL document per slice. */
	for (i = 0; i < c->n && made < 256;) {
		char    buf[65536];
		size_t  have = 0;
		json_t *o;
		char   *line;

		if (size >= sizeof(buf)) {
			fclose(f);
			return (EINVAL);
		}
		while (i < c->n && have + c->docs[i].len + 2 <= size) {
			memcpy(buf + have, c->docs[i].text, c->docs[i].len);
			have += c->docs[i].len;
			buf[have++] = '\n';
			buf[have++] = '\n';
			i++;
		}
		if (have == 0) {
			i++; /* one text alone is larger: skip it */
			continue;
		}
		o = json_pack("{s:s%, s:s}", "text", buf, have, "id", "bench");
		line = json_dumps(o, JSON_COMPACT);
		if (line != NULL) {
			fprintf(f, "%s\n", line);
			free(line);
			made++;
		}
		json_decref(o);
	}
	fclose(f);
	return (made > 0 ? 0 : EINVAL);
}

int
main(int argc, char **argv)
{
	const char          *plugin_dir = NULL;
	const char          *eval_dir   = "../shared/eval";
	const char          *write_path = NULL;
	size_t               doc_size   = 3000;
	size_t               one_size   = 0; /* --one-size */
	double               seconds    = 3.0;
	corpus               c;
	neri_registry_config cfg;
	neri_registry       *reg;
	plugin_time          times[MAX_PLUGINS];
	size_t               n_times = 0;
	doc_best            *best    = NULL;
	char                 pattern[4096];
	glob_t               g;
	double               t0;
	double               wall;
	size_t               rounds = 0;
	size_t               fixed  = 0; /* --rounds */
	size_t               i;
	int                  a;
	int                  rv;
	static const size_t  sizes[]
	    = { 1024, 4096, 16384, 65536, 262144, 1048576 };

	for (a = 1; a + 1 < argc; a += 2) {
		if (strcmp(argv[a], "--plugins") == 0) {
			plugin_dir = argv[a + 1];
		} else if (strcmp(argv[a], "--eval") == 0) {
			eval_dir = argv[a + 1];
		} else if (strcmp(argv[a], "--seconds") == 0) {
			seconds = strtod(argv[a + 1], NULL);
		} else if (strcmp(argv[a], "--write-docs") == 0) {
			write_path = argv[a + 1];
		} else if (strcmp(argv[a], "--kinds") == 0) {
			char *save = NULL;
			char *k;

			for (k = strtok_r(argv[a + 1], ",", &save);
			     k != NULL && n_kinds < 16;
			     k = strtok_r(NULL, ",", &save)) {
				kinds[n_kinds++] = k;
			}
		} else if (strcmp(argv[a], "--rounds") == 0) {
			fixed = (size_t) strtoul(argv[a + 1], NULL, 10);
		} else if (strcmp(argv[a], "--one-size") == 0) {
			one_size = (size_t) strtoul(argv[a + 1], NULL, 10);
		} else if (strcmp(argv[a], "--doc-size") == 0) {
			doc_size = (size_t) strtoul(argv[a + 1], NULL, 10);
		} else {
			break;
		}
	}
	if (plugin_dir == NULL || a < argc) {
		fprintf(stderr,
		    "usage: pipeline_bench --plugins DIR [--eval DIR] "
		    "[--seconds S] [--rounds N [--one-size B]] [--kinds A,B] "
		    "[--write-docs FILE --doc-size N]\n");
		return (2);
	}

	memset(&c, 0, sizeof(c));
	snprintf(pattern, sizeof(pattern), "%s/*/dev.jsonl", eval_dir);
	if (glob(pattern, 0, NULL, &g) != 0) {
		fprintf(stderr, "pipeline_bench: no %s\n", pattern);
		return (1);
	}
	for (i = 0; i < g.gl_pathc; i++) {
		rv = load_jsonl(&c, g.gl_pathv[i]);
		if (rv != 0) {
			fprintf(stderr, "pipeline_bench: %s: %s\n",
			    g.gl_pathv[i], strerror(rv));
			globfree(&g);
			corpus_fini(&c);
			return (1);
		}
	}
	globfree(&g);
	if (write_path != NULL) {
		rv = write_docs(&c, write_path, doc_size);
		if (rv != 0) {
			fprintf(stderr, "pipeline_bench: %s: %s\n", write_path,
			    strerror(rv));
		}
		corpus_fini(&c);
		return (rv == 0 ? 0 : 1);
	}

	memset(&cfg, 0, sizeof(cfg));
	cfg.dirs        = &plugin_dir;
	cfg.n_dirs      = 1;
	cfg.check_owner = 1;
	rv              = neri_registry_load(&reg, &cfg, NULL, NULL);
	if (rv != 0) {
		fprintf(stderr, "pipeline_bench: cannot load %s: %s\n",
		    plugin_dir, nerd_status_name(rv));
		corpus_fini(&c);
		return (1);
	}

	if (fixed > 0 && one_size > 0) {
		/* --rounds N --one-size BYTES: N runs of one document of about
		 * BYTES, for profiling how cost grows with size. */
		size_t len;
		char  *text = make_doc(&c, one_size, 0, &len);

		for (i = 0; text != NULL && i < fixed; i++) {
			run_doc(reg, text, len, "", NULL, NULL, NULL);
		}
		free(text);
		neri_registry_rele(reg);
		corpus_fini(&c);
		return (0);
	}

	/* Warm-up pass, then whole passes over the corpus for `seconds`. */
	for (i = 0; i < c.n; i++) {
		run_doc(reg, c.docs[i].text, c.docs[i].len, c.docs[i].dct,
		    NULL, NULL, NULL);
	}
	/* All ones: no minimum yet. */
	best = malloc((c.n > 0 ? c.n : 1) * sizeof(*best));
	if (best == NULL) {
		fprintf(stderr, "pipeline_bench: out of memory\n");
		goto fail;
	}
	memset(best, 0xff, (c.n > 0 ? c.n : 1) * sizeof(*best));
	t0 = now_s();
	do {
		for (i = 0; i < c.n; i++) {
			rv = run_doc(reg, c.docs[i].text, c.docs[i].len,
			    c.docs[i].dct, times, &n_times, &best[i]);
			if (rv != 0) {
				fprintf(stderr, "pipeline_bench: %s\n",
				    nerd_status_name(rv));
				goto fail;
			}
		}
		rounds++;
	} while (fixed > 0 ? rounds < fixed : now_s() - t0 < seconds);
	wall = now_s() - t0;

	{
		double total_mb = (double) c.bytes * (double) rounds / 1e6;
		nerp_token *toks;
		uint64_t   *keys;
		size_t      cap = 1u << 20;
		double      tok_s;
		size_t      tok_rounds = 0;

		fprintf(
		    stderr, "%-16s %10s %12s\n", "stage", "MB/s", "docs/s");
		printf("{\"docs\":%zu,\"bytes\":%zu,\"rounds\":%zu,", c.n,
		    c.bytes, rounds);
		printf("\"pipeline_mb_s\":%.2f,\"pipeline_docs_s\":%.1f,",
		    total_mb / wall, (double) (c.n * rounds) / wall);
		fprintf(stderr, "%-16s %10.2f %12.1f\n", "pipeline",
		    total_mb / wall, (double) (c.n * rounds) / wall);
		printf("\"plugins\":{");
		for (i = 0; i < n_times; i++) {
			double s = (double) times[i].ns / 1e9;

			printf("%s\"%s\":{\"mb_s\":%.2f,\"docs_s\":%.1f}",
			    i ? "," : "", times[i].name,
			    s > 0 ? total_mb / s : 0.0,
			    s > 0 ? (double) (c.n * rounds) / s : 0.0);
			fprintf(stderr, "%-16s %10.2f %12.1f\n", times[i].name,
			    s > 0 ? total_mb / s : 0.0,
			    s > 0 ? (double) (c.n * rounds) / s : 0.0);
		}
		printf("},");

		toks = malloc(cap * sizeof(*toks));
		t0   = now_s();
		do {
			for (i = 0; toks != NULL && i < c.n; i++) {
				neri_tokenize(
				    c.docs[i].text, c.docs[i].len, toks, cap);
			}
			tok_rounds++;
		} while (fixed > 0 ? tok_rounds < fixed : now_s() - t0 < 1.0);
		tok_s = now_s() - t0;
		printf("\"tokenizer_mb_s\":%.2f,",
		    (double) c.bytes * (double) tok_rounds / 1e6 / tok_s);
		fprintf(stderr, "%-16s %10.2f\n", "tokenizer",
		    (double) c.bytes * (double) tok_rounds / 1e6 / tok_s);

		/* The tokens and their keys, as host->token_keys makes them
		 * for a document. */
		keys       = malloc(cap * sizeof(*keys));
		t0         = now_s();
		tok_rounds = 0;
		do {
			for (i = 0; toks != NULL && keys != NULL && i < c.n;
			     i++) {
				uint64_t t = mono_ns();

				neri_tokenize_keys(c.docs[i].text,
				    c.docs[i].len, toks, keys, cap);
				t = mono_ns() - t;
				if (t < best[i].tokens_keys_ns) {
					best[i].tokens_keys_ns = t;
				}
			}
			tok_rounds++;
		} while (fixed > 0 ? tok_rounds < fixed : now_s() - t0 < 1.0);
		tok_s = now_s() - t0;
		free(toks);
		free(keys);
		printf("\"tokens_keys_mb_s\":%.2f,",
		    (double) c.bytes * (double) tok_rounds / 1e6 / tok_s);
		print_best(&c, best, times, n_times);
		fprintf(stderr, "%-16s %10.2f\n", "tokens+keys",
		    (double) c.bytes * (double) tok_rounds / 1e6 / tok_s);
	}

	/* Scaling with document size: µs per KB should stay flat. */
	fprintf(stderr, "\n%-10s %12s\n", "doc size", "us per KB");
	printf("\"scaling_us_per_kb\":{");
	for (i = 0; fixed == 0 && i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		/* Several documents of the size, made from different parts of
		 * the corpus and taken in turn: one small document repeated
		 * thousands of times is learnt by the branch predictor and
		 * flatters the small sizes. */
		char  *text[SCALE_VARIANTS];
		size_t len[SCALE_VARIANTS];
		size_t reps  = (8u << 20) / sizes[i] + 1;
		size_t nvar  = reps < SCALE_VARIANTS ? reps : SCALE_VARIANTS;
		size_t bytes = 0;
		size_t r, v;
		double dt;

		for (v = 0; v < nvar; v++) {
			text[v] = make_doc(
			    &c, sizes[i], v * (c.n / nvar), &len[v]);
			if (text[v] == NULL) {
				while (v-- > 0) {
					free(text[v]);
				}
				goto fail;
			}
			run_doc(reg, text[v], len[v], "", NULL, NULL, NULL);
		}
		t0 = now_s();
		for (r = 0; r < reps; r++) {
			run_doc(reg, text[r % nvar], len[r % nvar], "", NULL, NULL,
			    NULL);
			bytes += len[r % nvar];
		}
		dt = now_s() - t0;
		printf("%s\"%zu\":%.3f", i ? "," : "", sizes[i],
		    dt * 1e6 / ((double) bytes / 1024.0));
		fprintf(stderr, "%-10zu %12.3f\n", sizes[i],
		    dt * 1e6 / ((double) bytes / 1024.0));
		for (v = 0; v < nvar; v++) {
			free(text[v]);
		}
	}
	printf("}}\n");
	free(best);
	neri_registry_rele(reg);
	corpus_fini(&c);
	return (0);
fail:
	free(best);
	neri_registry_rele(reg);
	corpus_fini(&c);
	return (1);
}
