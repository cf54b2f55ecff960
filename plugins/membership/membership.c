/*
 * plugins/membership/membership.c: the "membership" plugin.  Reads the
 * organisations, officials and dates earlier plugins found and emits one
 * "membership" entity per (member, organisation, status) the document
 * asserts, spanning its evidence.  Works, with less reach, when those
 * kinds are empty.  See mb.h for the stages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mb.h"

typedef struct mstate {
	const nerp_host *host;
	mb_lexicon      *lex;
} mstate;

typedef struct scratch_ctx {
	const nerp_host *host;
	nerp_call       *call;
} scratch_ctx;

static void *
scratch_alloc(void *ctx, size_t size)
{
	scratch_ctx *s = ctx;

	return (s->host->scratch(s->call, size));
}

/* Asks the host for the consumed kinds (it merges each on first ask). */
static void
fetch_upstream(void *arg, mb_upstream *up)
{
	scratch_ctx *s = arg;

	up->norgs = s->host->upstream(s->call, "organization", &up->orgs);
}

static void
fetch_officials(void *arg, mb_upstream *up)
{
	scratch_ctx *s = arg;

	up->nofficials
	    = s->host->upstream(s->call, "official", &up->officials);
}

static void
fetch_dates(void *arg, mb_upstream *up)
{
	scratch_ctx *s = arg;

	up->ndates = s->host->upstream(s->call, "date", &up->dates);
}

static int
membership_init(const nerp_host *host, const nerp_config *cfg, void **state,
    char *err, size_t errlen)
{
	const char *data_dir   = host->config(cfg, "data_dir");
	const char *common_dir = host->config(cfg, "common_dir");
	mstate     *st;
	int         rv;

	if (!NERP_HOST_HAS(host, token_keys)) {
		snprintf(
		    err, errlen, "membership: the host gives no token keys");
		return (NERP_EINVAL);
	}
	if (data_dir == NULL || common_dir == NULL) {
		snprintf(
		    err, errlen, "membership: data_dir or common_dir unset");
		return (NERP_ENOENT);
	}
	st = calloc(1, sizeof(*st));
	if (st == NULL) {
		snprintf(err, errlen, "membership: out of memory");
		return (NERP_ENOMEM);
	}
	st->host = host;
	rv       = mb_lexicon_load(
	          &st->lex, host, data_dir, common_dir, err, errlen);
	if (rv != 0) {
		free(st);
		return (rv);
	}
	*state = st;
	return (NERP_OK);
}

static int
membership_recognize(const void *state, nerp_call *call, const nerp_doc *doc)
{
	const mstate     *st    = state;
	const nerp_host  *host  = st->host;
	scratch_ctx       sc    = { host, call };
	mb_arena          arena = { scratch_alloc, &sc };
	const nerp_token *toks;
	const uint64_t   *keys;
	size_t            ntok;
	mb_upstream       up;
	mb_triple        *tr;
	size_t            n;
	int               rv;

	if (host->cancelled(call)) {
		return (NERP_ECANCELED);
	}
	ntok = host->tokens(call, &toks);
	keys = NULL;
	if (ntok > 0 && host->token_keys(call, &keys) != ntok) {
		return (NERP_ENOMEM);
	}
	memset(&up, 0, sizeof(up));
	up.fetch           = fetch_upstream;
	up.fetch_officials = fetch_officials;
	up.fetch_dates     = fetch_dates;
	up.fetch_arg       = &sc;
	rv = mb_analyze(st->lex, doc->text, doc->len, toks, keys, ntok, &up,
	    doc->dct, &arena, &tr, &n);
	if (rv != 0) {
		return (rv);
	}
	for (size_t i = 0; i < n; i++) {
		nerp_attr   attrs[4];
		nerp_entity e;
		size_t      na = 0;

		attrs[na++] = (nerp_attr) { "member", tr[i].member };
		attrs[na++] = (nerp_attr) { "organization", tr[i].org };
		attrs[na++]
		    = (nerp_attr) { "status", mb_status_name(tr[i].status) };
		if (tr[i].since != NULL) {
			attrs[na++] = (nerp_attr) { "since", tr[i].since };
		}
		memset(&e, 0, sizeof(e));
		e.start   = tr[i].start;
		e.end     = tr[i].end;
		e.kind    = "membership";
		e.value   = NULL;
		e.score   = -1.0f;
		e.attrs   = attrs;
		e.n_attrs = na;
		rv        = host->emit(call, &e);
		if (rv == NERP_ENOMEM) {
			break;
		}
	}
	return (NERP_OK);
}

static void
membership_destroy(void *state)
{
	mstate *st = state;

	if (st != NULL) {
		mb_lexicon_free(st->lex);
		free(st);
	}
}

static const char *const provides[] = { "membership", NULL };
static const char *const consumes[]
    = { "organization", "official", "date", NULL };

static const nerp_plugin membership_plugin = {
	.magic       = NERP_MAGIC,
	.abi         = NERP_ABI,
	.size        = sizeof(nerp_plugin),
	.flags       = NERP_F_REENTRANT | NERP_F_DETERMINISTIC,
	.name        = "membership",
	.version     = "0.1.0",
	.description = "states' standings in multilateral organisations",
	.provides    = provides,
	.consumes    = consumes,
	.init        = membership_init,
	.recognize   = membership_recognize,
	.destroy     = membership_destroy,
};

NERP_EXPORT(membership_plugin)
