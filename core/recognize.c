/*
 * core/recognize.c: one request through the pipeline.  Works out which
 * plugins the wanted kinds need, runs them in pipeline order on this
 * thread, then merges the wanted kinds into a result that lives in one
 * arena (so neri_result_free is a single walk of chunks).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "host.h"
#include "nerd/status.h"

typedef struct result_box {
	neri_result res; /* first: neri_result_free casts back */
	neri_arena  arena;
} result_box;

void
neri_result_free(neri_result *res)
{
	result_box *box = (result_box *) res;

	if (box == NULL) {
		return;
	}
	neri_arena_fini(&box->arena);
	free(box);
}

static int
valid_dct(const char *d)
{
	static const char shape[] = "dddd-dd-dd";
	size_t            i;

	for (i = 0; shape[i] != '\0'; i++) {
		if (shape[i] == 'd' ? (d[i] < '0' || d[i] > '9')
		                    : d[i] != '-') {
			return (0);
		}
	}
	return (d[i] == '\0');
}

static int
wanted(const neri_request *req, const char *kind)
{
	size_t i;

	if (req->n_kinds == 0) {
		return (1);
	}
	for (i = 0; i < req->n_kinds; i++) {
		if (strcmp(req->kinds[i], kind) == 0) {
			return (1);
		}
	}
	return (0);
}

/* Marks in need[] the plugins that provide a wanted kind and, through
 * their deps, everything those consume.  Returns the index of an unknown
 * kind plus one, or 0. */
static size_t
plan(const neri_registry *reg, const neri_request *req, char *need)
{
	size_t i, k, j;

	for (k = 0; k < req->n_kinds; k++) {
		int found = 0;

		for (i = 0; i < reg->n; i++) {
			if (neri_plugin_provides(
			        &reg->plugins[i], req->kinds[k])) {
				need[i] = 1;
				found   = 1;
			}
		}
		if (!found) {
			return (k + 1);
		}
	}
	if (req->n_kinds == 0) {
		memset(need, 1, reg->n);
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

static void
run_plugin(
    neri_rq *rq, const reg_plugin *p, neri_plugin_result *pr, neri_arena *ra)
{
	nerp_call call;
	uint64_t  t0, t1;
	char      msg[64];
	int       rc;

	pr->name       = p->desc->name;
	pr->elapsed_us = 0;
	pr->entities   = 0;
	if (rq->req->cancel != NULL
	    && atomic_load_explicit(rq->req->cancel, memory_order_relaxed)
	        != 0) {
		pr->code = NERD_STATUS_CANCELLED;
		plugin_message(ra, pr, "request cancelled before it ran");
		return;
	}
	if (rq->req->deadline_ns != 0
	    && neri_now_ns() >= rq->req->deadline_ns) {
		pr->code = NERD_STATUS_DEADLINE_EXCEEDED;
		plugin_message(ra, pr, "deadline passed before it ran");
		return;
	}
	memset(&call, 0, sizeof(call));
	call.rq     = rq;
	call.plugin = p;
	neri_arena_init(&call.scratch, NERI_SCRATCH_LIMIT);
	t0 = neri_now_ns();
	rc = p->desc->recognize(p->state, &call, &rq->doc);
	t1 = neri_now_ns();
	neri_arena_fini(&call.scratch);
	pr->elapsed_us
	    = (uint32_t) ((t1 - t0) / 1000 > UINT32_MAX ? UINT32_MAX
	                                                : (t1 - t0) / 1000);
	pr->entities = call.emitted;
	pr->code     = nerd_status_from_plugin_error(rc);
	if (rc == NERP_OK) {
		plugin_message(ra, pr, "");
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

/* Deep-copies one merged entity into the result arena. */
static int
copy_entity(neri_arena *a, const neri_merged *g, neri_entity *e)
{
	const neri_mention *b = g->best;
	size_t              i;

	e->start     = b->start;
	e->end       = b->end;
	e->score     = g->score;
	e->kind      = neri_arena_strdup(a, b->kind);
	e->value     = neri_arena_strdup(a, b->value != NULL ? b->value : "");
	e->n_attrs   = b->n_attrs;
	e->attrs     = neri_arena_alloc(a, b->n_attrs * sizeof(*e->attrs));
	e->n_sources = g->n_sources;
	e->sources   = neri_arena_alloc(a, g->n_sources * sizeof(*e->sources));
	if (e->kind == NULL || e->value == NULL || e->attrs == NULL
	    || e->sources == NULL) {
		return (-1);
	}
	for (i = 0; i < b->n_attrs; i++) {
		e->attrs[i].key   = neri_arena_strdup(a, b->attrs[i].key);
		e->attrs[i].value = neri_arena_strdup(a, b->attrs[i].value);
		if (e->attrs[i].key == NULL || e->attrs[i].value == NULL) {
			return (-1);
		}
	}
	for (i = 0; i < g->n_sources; i++) {
		e->sources[i] = neri_arena_strdup(a, g->sources[i]->plugin);
		if (e->sources[i] == NULL) {
			return (-1);
		}
	}
	return (0);
}

/* Merges the wanted kinds' mentions into the result's entities. */
static int
build_entities(neri_rq *rq, result_box *box)
{
	neri_mention *sel    = NULL;
	neri_merged  *merged = NULL;
	size_t        n = 0, nm = 0, i;
	int           rv = NERD_STATUS_RESOURCE_EXHAUSTED;

	if (rq->n_mentions > 0) {
		sel = malloc(rq->n_mentions * sizeof(*sel));
		if (sel == NULL) {
			return (rv);
		}
	}
	for (i = 0; i < rq->n_mentions; i++) {
		if (wanted(rq->req, rq->mentions[i].kind)) {
			sel[n++] = rq->mentions[i];
		}
	}
	if (neri_merge(sel, n, &merged, &nm) != 0) {
		goto done;
	}
	box->res.entities
	    = neri_arena_alloc(&box->arena, nm * sizeof(*box->res.entities));
	if (box->res.entities == NULL) {
		goto done;
	}
	for (i = 0; i < nm; i++) {
		if (copy_entity(&box->arena, &merged[i], &box->res.entities[i])
		    != 0) {
			goto done;
		}
	}
	box->res.n_entities = nm;
	rv                  = 0;
done:
	free(merged);
	free(sel);
	return (rv);
}

static void
utc_today(char *buf, size_t len)
{
	time_t    now = time(NULL);
	struct tm tm;

	if (gmtime_r(&now, &tm) == NULL
	    || strftime(buf, len, "%Y-%m-%d", &tm) == 0) {
		(void) snprintf(buf, len, "1970-01-01");
	}
}

int
neri_recognize(neri_registry *reg, const neri_request *req, neri_result **out)
{
	neri_rq     rq;
	result_box *box  = NULL;
	char       *need = NULL;
	char       *text;
	size_t      i, bad, nrun = 0;
	int         rv;

	if (out == NULL) {
		return (NERD_STATUS_INVALID_ARGUMENT);
	}
	*out = NULL;
	if (reg == NULL || req == NULL || (req->text == NULL && req->len > 0)
	    || (req->n_kinds > 0 && req->kinds == NULL)
	    || req->len >= UINT32_MAX) {
		return (NERD_STATUS_INVALID_ARGUMENT);
	}
	if (!neri_utf8_valid(req->text, req->len)) {
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
	need = calloc(reg->n == 0 ? 1 : reg->n, 1);
	if (need == NULL) {
		return (NERD_STATUS_RESOURCE_EXHAUSTED);
	}
	bad = plan(reg, req, need);
	if (bad != 0) {
		free(need);
		return (NERD_STATUS_INVALID_ARGUMENT);
	}

	memset(&rq, 0, sizeof(rq));
	rq.reg = reg;
	rq.req = req;
	neri_arena_init(&rq.arena, 0);
	rv  = NERD_STATUS_RESOURCE_EXHAUSTED;
	box = calloc(1, sizeof(*box));
	if (box == NULL) {
		goto done;
	}
	neri_arena_init(&box->arena, 0);
	/* The ABI promises plugins a NUL-terminated text. */
	text = neri_arena_strndup(
	    &rq.arena, req->len > 0 ? req->text : "", req->len);
	if (text == NULL) {
		goto done;
	}
	utc_today(rq.today, sizeof(rq.today));
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
	for (i = 0; i < reg->n; i++) {
		if (need[i]) {
			run_plugin(&rq, &reg->plugins[i],
			    &box->res.plugins[box->res.n_plugins++],
			    &box->arena);
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
	free(rq.mentions);
	free(rq.tokens);
	free(rq.up);
	neri_arena_fini(&rq.arena);
	free(need);
	return (rv);
}
