/*
 * core/recognize.c: one request through the pipeline.  Works out which
 * plugins the wanted kinds need, runs them in pipeline order on this
 * thread, then merges the wanted kinds into a result that lives in one
 * arena (so neri_result_free is a single walk of chunks).
 *
 * The working memory of a request (its arena, the plugins' scratch, the
 * mention, token and upstream arrays) stays with the thread for its next
 * request, so that a busy thread stops calling malloc: a thread-specific
 * cache, taken for the length of one request (a request nested on the
 * same thread would start a cache of its own) and freed when the thread
 * exits.  Buffers grown past the KEEP sizes are freed instead of kept.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "host.h"
#include "nerd/status.h"

/* What a thread keeps between requests, at most. */
#define KEEP_ARENA ((size_t) 1024 * 1024)
#define KEEP_MENTIONS ((size_t) 16384)
#define KEEP_TOKENS ((size_t) 65536)
#define KEEP_NEED ((size_t) 4096)
#define KEEP_RESULT ((size_t) 64 * 1024)

typedef struct thread_cache {
	neri_arena     arena;
	neri_arena     scratch;
	neri_mention  *mentions;
	size_t         cap_mentions;
	nerp_token    *tokens;
	size_t         cap_tokens;
	uint64_t      *keys;
	size_t         cap_keys;
	neri_upstream *up;
	size_t         cap_up;
	char          *need;
	size_t         cap_need;
	char           today[16]; /* UTC date at today_at */
	time_t         today_at;
	/* A freed result's arena, emptied, for the thread's next result
	 * (the server frees each result on the thread that made it). */
	neri_arena spare;
	int        has_spare;
} thread_cache;

/* The key only frees a thread's cache when the thread exits; requests
 * find it through slot, which holds it while no request has it (NULL
 * while one does: a request nested on the same thread starts a cache of
 * its own), without a pthread call. */
static pthread_key_t               cache_key;
static pthread_once_t              cache_once = PTHREAD_ONCE_INIT;
static int                         cache_ok;
static _Thread_local thread_cache *slot;
static _Thread_local thread_cache *owned; /* the one the key frees */

static void
cache_free(void *arg)
{
	thread_cache *tc = arg;

	if (tc == NULL) {
		return;
	}
	neri_arena_fini(&tc->arena);
	neri_arena_fini(&tc->scratch);
	if (tc->has_spare) {
		neri_arena_fini(&tc->spare);
	}
	free(tc->mentions);
	free(tc->tokens);
	free(tc->keys);
	free(tc->up);
	free(tc->need);
	free(tc);
}

static void
cache_key_init(void)
{
	cache_ok = pthread_key_create(&cache_key, cache_free) == 0;
}

/* This thread's cache, taken out of its slot for one request, or a new
 * one; NULL when out of memory. */
static thread_cache *
cache_take(void)
{
	thread_cache *tc = slot;

	if (tc != NULL) {
		slot = NULL;
		return (tc);
	}
	tc = calloc(1, sizeof(*tc));
	if (tc != NULL) {
		neri_arena_init(&tc->arena, 0);
		neri_arena_init(&tc->scratch, NERI_SCRATCH_LIMIT);
	}
	return (tc);
}

/* Returns tc to this thread's slot, or frees it when it is not the
 * thread's own or the slot is taken. */
static void
cache_put(thread_cache *tc)
{
	if (slot != NULL || owned != tc) {
		cache_free(tc);
		return;
	}
	slot = tc;
}

/* Puts back what the request grew, trims it to the KEEP sizes and
 * returns the cache to this thread's slot (or frees it when the slot is
 * taken or the thread cannot keep one). */
static void
cache_give(thread_cache *tc, neri_rq *rq)
{
	tc->mentions     = rq->mentions;
	tc->cap_mentions = rq->cap_mentions;
	tc->tokens       = rq->tokens;
	tc->cap_tokens   = rq->cap_tokens;
	tc->keys         = rq->keys;
	tc->cap_keys     = rq->cap_keys;
	tc->up           = rq->up;
	tc->cap_up       = rq->cap_up;
	if (tc->cap_mentions > KEEP_MENTIONS) {
		free(tc->mentions);
		tc->mentions     = NULL;
		tc->cap_mentions = 0;
	}
	if (tc->cap_tokens > KEEP_TOKENS) {
		free(tc->tokens);
		tc->tokens     = NULL;
		tc->cap_tokens = 0;
	}
	if (tc->cap_keys > KEEP_TOKENS) {
		free(tc->keys);
		tc->keys     = NULL;
		tc->cap_keys = 0;
	}
	if (tc->cap_need > KEEP_NEED) {
		free(tc->need);
		tc->need     = NULL;
		tc->cap_need = 0;
	}
	neri_arena_reset(&tc->arena, KEEP_ARENA);
	neri_arena_reset(&tc->scratch, KEEP_ARENA);
	if (owned == NULL) {
		/* The thread's first cache: the key frees it at exit. */
		(void) pthread_once(&cache_once, cache_key_init);
		if (cache_ok && pthread_setspecific(cache_key, tc) == 0) {
			owned = tc;
		}
	}
	cache_put(tc);
}

typedef struct result_box {
	neri_result res; /* first: neri_result_free casts back */
	neri_arena  arena;
} result_box;

/* A result whose box lives in the first chunk of its own arena: one
 * malloc for both, or none when the thread has a freed result's arena
 * to reuse. */
static result_box *
box_alloc(thread_cache *tc)
{
	neri_arena  a;
	result_box *box;

	neri_arena_init(&a, 0);
	if (tc->has_spare) {
		a             = tc->spare;
		tc->has_spare = 0;
	}
	box = neri_arena_alloc(&a, sizeof(*box));
	if (box == NULL) {
		neri_arena_fini(&a);
		return (NULL);
	}
	memset(box, 0, sizeof(*box));
	box->arena = a;
	return (box);
}

void
neri_result_free(neri_result *res)
{
	result_box   *box = (result_box *) res;
	thread_cache *tc;
	neri_arena    a;

	if (box == NULL) {
		return;
	}
	a = box->arena; /* the box goes with the arena's chunks */
	/* This thread's cache, when it has one and no request holds it,
	 * keeps the emptied arena for its next result. */
	tc = slot;
	if (tc != NULL && !tc->has_spare) {
		neri_arena_reset(&a, KEEP_RESULT);
		if (a.head != NULL) {
			tc->spare     = a;
			tc->has_spare = 1;
			return;
		}
	}
	neri_arena_fini(&a);
}

static int
is_digit(char c)
{
	return (c >= '0' && c <= '9');
}

/* Whether d is shaped YYYY-MM-DD. */
static int
valid_dct(const char *d)
{
	return (is_digit(d[0]) && is_digit(d[1]) && is_digit(d[2])
	    && is_digit(d[3]) && d[4] == '-' && is_digit(d[5])
	    && is_digit(d[6]) && d[7] == '-' && is_digit(d[8])
	    && is_digit(d[9]) && d[10] == '\0');
}

/* Nonzero when plugin p provides the registry's kind k (one of
 * reg->kinds: equal kinds are equal pointers). */
static int
provides_kind(const reg_plugin *p, const char *k)
{
	size_t i;

	for (i = 0; p->desc->provides[i] != NULL; i++) {
		if (p->kinds[i] == k) {
			return (1);
		}
	}
	return (0);
}

/* Sets need[i] (reg->n of them) to 1 for the plugins that provide a
 * wanted kind and, through their deps, everything those consume, to 0
 * for the others; rq->wanted (room for reg->n_kinds) gets the
 * registry's copy of each wanted kind, once.  Returns the index of an
 * unknown kind plus one, or 0. */
static size_t
plan(
    const neri_registry *reg, const neri_request *req, neri_rq *rq, char *need)
{
	const char *kind;
	size_t      i, k, j;

	/* Every plugin for every kind (the common request), else none
	 * but those marked below. */
	if (reg->n > 0) {
		memset(need, req->n_kinds == 0, reg->n);
	}
	if (req->n_kinds == 0) {
		return (0);
	}
	for (k = 0; k < req->n_kinds; k++) {
		kind = neri_registry_kind(reg, req->kinds[k]);
		if (kind == NULL) {
			return (k + 1);
		}
		for (j = 0; j < rq->n_wanted && rq->wanted[j] != kind; j++) { }
		if (j < rq->n_wanted) {
			continue;
		}
		rq->wanted[rq->n_wanted++] = kind;
		for (i = 0; i < reg->n; i++) {
			if (provides_kind(&reg->plugins[i], kind)) {
				need[i] = 1;
			}
		}
	}
	/* Pipeline order is topological: walking back reaches every
	 * transitive dependency. */
	for (i = reg->n; i > 0; i--) {
		if (need[i - 1]) {
			for (j = 0; j < reg->plugins[i - 1].n_deps; j++) {
				need[reg->plugins[i - 1].deps[j]] = 1;
			}
		}
	}
	return (0);
}

static void
plugin_message(neri_arena *a, neri_plugin_result *pr, const char *msg)
{
	pr->message = neri_arena_strdup(a, msg);
}

/* Runs plugin p for the request into pr (its strings from ra).  *now is
 * the time (neri_now_ns) it may start at, and becomes the time it
 * finished. */
static void
run_plugin(neri_rq *rq, const reg_plugin *p, neri_plugin_result *pr,
    neri_arena *ra, uint64_t *now)
{
	nerp_call call;
	uint64_t  t0 = *now, t1;
	char      msg[64];
	int       rc;

	pr->name       = p->desc->name;
	pr->elapsed_us = 0;
	pr->elapsed_ns = 0;
	pr->entities   = 0;
	if (rq->req->cancel != NULL
	    && atomic_load_explicit(rq->req->cancel, memory_order_relaxed)
	        != 0) {
		pr->code = NERD_STATUS_CANCELLED;
		plugin_message(ra, pr, "request cancelled before it ran");
		return;
	}
	if (rq->req->deadline_ns != 0 && t0 >= rq->req->deadline_ns) {
		pr->code = NERD_STATUS_DEADLINE_EXCEEDED;
		plugin_message(ra, pr, "deadline passed before it ran");
		return;
	}
	call.rq            = rq;
	call.plugin        = p;
	call.emitted       = 0;
	call.rejected      = 0;
	call.kind_given    = NULL;
	call.kind          = NULL;
	call.last_error[0] = '\0';
	rc                 = p->desc->recognize(p->state, &call, &rq->doc);
	neri_arena_reset(rq->scratch, KEEP_ARENA);
	t1             = neri_now_ns();
	*now           = t1;
	pr->elapsed_ns = t1 - t0;
	pr->elapsed_us = (uint32_t) (pr->elapsed_ns / 1000 > UINT32_MAX
	        ? UINT32_MAX
	        : pr->elapsed_ns / 1000);
	pr->entities   = call.emitted;
	pr->code       = nerd_status_from_plugin_error(rc);
	if (rc == NERP_OK) {
		/* The "" of the names block for every plugin that ran well. */
		pr->message = rq->names;
		return;
	}
	if (call.last_error[0] != '\0') {
		plugin_message(ra, pr, call.last_error);
		return;
	}
	(void) snprintf(msg, sizeof(msg), "recognize failed: %s",
	    nerd_status_name(pr->code));
	plugin_message(ra, pr, msg);
}

/* The result's copy of s, a name in the registry's names block (the
 * kinds and plugin names of mentions all are: see registry.h). */
static inline char *
result_name(const neri_rq *rq, const char *s)
{
	return (rq->names + (s - rq->reg->names));
}

/* One merged entity as the result holds it: kind and source names in
 * the result's names block, value and attributes shared with the
 * mention.  *sources is room for its sources, advanced past them. */
static void
copy_entity(
    const neri_rq *rq, const neri_merged *g, neri_entity *e, char ***sources)
{
	const neri_mention *b = g->best;
	size_t              i;

	/* emit() copied the value and attribute records into this arena
	 * already: the entity points at those. */
	e->start     = b->start;
	e->end       = b->end;
	e->score     = g->score;
	e->kind      = result_name(rq, b->kind);
	e->value     = b->value != NULL ? (char *) b->value : rq->names;
	e->n_attrs   = b->n_attrs;
	e->attrs     = (neri_attr *) b->attrs;
	e->n_sources = g->n_sources;
	e->sources   = *sources;
	*sources += g->n_sources;
	for (i = 0; i < g->n_sources; i++) {
		e->sources[i] = result_name(rq, g->sources[i]->plugin);
	}
}

/* Merges the wanted kinds' mentions into the result's entities. */
static int
build_entities(neri_rq *rq, result_box *box)
{
	const neri_mention *sel    = rq->mentions;
	neri_mention       *picked = NULL;
	neri_merged        *merged = NULL;
	char              **sources;
	size_t              n = 0, nm = 0, i, j;
	int                 rv = NERD_STATUS_RESOURCE_EXHAUSTED;

	/* Every kind wanted (the common request): the mentions as they
	 * are; else a copy of the wanted ones (their kinds and the wanted
	 * ones are the registry's: compared as pointers).  The copy and the
	 * merge's memory come from the plugins' scratch arena, free again
	 * and the start of its chunk still in cache from the last plugin
	 * (the request's arena was last written a request ago). */
	n = rq->n_mentions;
	if (rq->req->n_kinds > 0 && rq->n_mentions > 0) {
		picked = neri_arena_alloc(
		    rq->scratch, rq->n_mentions * sizeof(*picked));
		if (picked == NULL) {
			return (rv);
		}
		n = 0;
		for (i = 0; i < rq->n_mentions; i++) {
			for (j = 0; j < rq->n_wanted
			     && rq->wanted[j] != rq->mentions[i].kind;
			     j++) { }
			if (j < rq->n_wanted) {
				picked[n++] = rq->mentions[i];
			}
		}
		sel = picked;
	}
	if (neri_merge_in(
	        rq->scratch, sel, n, neri_merge_flags(rq->reg), &merged, &nm)
	    != 0) {
		return (rv);
	}
	/* The entities, then all their sources in one block: room for
	 * those of every mention merged (a mention is one entity's source
	 * at most). */
	box->res.entities
	    = neri_arena_alloc(&box->arena, nm * sizeof(*box->res.entities));
	sources = neri_arena_alloc(&box->arena, n * sizeof(*sources));
	if (box->res.entities == NULL || sources == NULL) {
		return (rv);
	}
	for (i = 0; i < nm; i++) {
		copy_entity(rq, &merged[i], &box->res.entities[i], &sources);
	}
	box->res.n_entities = nm;
	return (0);
}

/* Today's UTC date, worked out again only when the second changes. */
static void
utc_today(thread_cache *tc, char *buf, size_t len)
{
	time_t    now = time(NULL);
	struct tm tm;

	if (now != tc->today_at || tc->today[0] == '\0') {
		if (gmtime_r(&now, &tm) == NULL
		    || strftime(tc->today, sizeof(tc->today), "%Y-%m-%d", &tm)
		        == 0) {
			(void) snprintf(
			    tc->today, sizeof(tc->today), "1970-01-01");
		}
		tc->today_at = now;
	}
	memcpy(
	    buf, tc->today, len < sizeof(tc->today) ? len : sizeof(tc->today));
	buf[len - 1] = '\0';
}

int
neri_recognize(neri_registry *reg, const neri_request *req, neri_result **out)
{
	neri_rq       rq;
	result_box   *box = NULL;
	thread_cache *tc;
	char         *need;
	const char   *text;
	uint64_t      now;
	size_t        i, bad, nrun = 0;
	int           rv;

	if (out == NULL) {
		return (NERD_STATUS_INVALID_ARGUMENT);
	}
	*out = NULL;
	if (reg == NULL || req == NULL || (req->text == NULL && req->len > 0)
	    || (req->n_kinds > 0 && req->kinds == NULL)
	    || req->len >= UINT32_MAX) {
		return (NERD_STATUS_INVALID_ARGUMENT);
	}
	if (!req->text_checked && !neri_utf8_valid(req->text, req->len)) {
		return (NERD_STATUS_INVALID_ARGUMENT);
	}
	if (req->dct != NULL && req->dct[0] != '\0' && !valid_dct(req->dct)) {
		return (NERD_STATUS_INVALID_ARGUMENT);
	}
	for (i = 0; i < req->n_kinds; i++) {
		if (req->kinds[i] == NULL) {
			return (NERD_STATUS_INVALID_ARGUMENT);
		}
	}
	if (req->deadline_ns != 0 && neri_now_ns() >= req->deadline_ns) {
		return (NERD_STATUS_DEADLINE_EXCEEDED);
	}
	tc = cache_take();
	if (tc == NULL) {
		return (NERD_STATUS_RESOURCE_EXHAUSTED);
	}
	if (tc->cap_need < reg->n) {
		free(tc->need);
		tc->cap_need = 0;
		tc->need     = malloc(reg->n);
		if (tc->need == NULL) {
			cache_put(tc);
			return (NERD_STATUS_RESOURCE_EXHAUSTED);
		}
		tc->cap_need = reg->n;
	}
	need = tc->need;

	memset(&rq, 0, sizeof(rq));
	rq.reg          = reg;
	rq.req          = req;
	rq.arena        = &tc->arena;
	rq.scratch      = &tc->scratch;
	rq.mentions     = tc->mentions;
	rq.cap_mentions = tc->cap_mentions;
	rq.tokens       = tc->tokens;
	rq.cap_tokens   = tc->cap_tokens;
	rq.keys         = tc->keys;
	rq.cap_keys     = tc->cap_keys;
	rq.up           = tc->up;
	rq.cap_up       = tc->cap_up;
	rv              = NERD_STATUS_RESOURCE_EXHAUSTED;
	if (req->n_kinds > 0) {
		rq.wanted = neri_arena_alloc(
		    rq.arena, (reg->n_kinds + 1) * sizeof(*rq.wanted));
		if (rq.wanted == NULL) {
			goto done;
		}
	}
	bad = plan(reg, req, &rq, need);
	if (bad != 0) {
		rv = NERD_STATUS_INVALID_ARGUMENT;
		goto done;
	}
	box = box_alloc(tc);
	if (box == NULL) {
		goto done;
	}
	rq.keep  = &box->arena;
	rq.names = neri_arena_alloc(&box->arena, reg->names_len);
	if (rq.names == NULL) {
		goto done;
	}
	memcpy(rq.names, reg->names, reg->names_len);
	/* The ABI promises plugins a NUL-terminated text. */
	text = req->len > 0 ? req->text : "";
	if (!req->text_checked) {
		text = neri_arena_strndup(rq.arena, text, req->len);
		if (text == NULL) {
			goto done;
		}
	}
	utc_today(tc, rq.today, sizeof(rq.today));
	rq.doc.text = text;
	rq.doc.len  = req->len;
	rq.doc.id   = req->id != NULL ? req->id : "";
	rq.doc.dct  = req->dct != NULL ? req->dct : "";
	rq.doc.lang
	    = req->lang != NULL && req->lang[0] != '\0' ? req->lang : "en";
	rq.doc.today = rq.today;

	for (i = 0; i < reg->n; i++) {
		nrun += need[i] != 0;
	}
	box->res.plugins
	    = neri_arena_alloc(&box->arena, nrun * sizeof(*box->res.plugins));
	if (box->res.plugins == NULL) {
		goto done;
	}
	/* One clock reading per plugin: the end of one is the start of the
	 * next (and the time its deadline check sees). */
	now = neri_now_ns();
	for (i = 0; i < reg->n; i++) {
		if (need[i]) {
			run_plugin(&rq, &reg->plugins[i],
			    &box->res.plugins[box->res.n_plugins++],
			    &box->arena, &now);
		}
	}
	for (i = 0; i < box->res.n_plugins; i++) {
		if (box->res.plugins[i].message == NULL) {
			goto done;
		}
	}
	rv = build_entities(&rq, box);
	if (rv == 0) {
		*out = &box->res;
		box  = NULL;
	}
done:
	if (box != NULL) {
		neri_result_free(&box->res);
	}
	cache_give(tc, &rq);
	return (rv);
}
