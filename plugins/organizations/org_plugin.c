/*
 * org_plugin.c: the organizations plugin's descriptor and entry points.
 * Provides "organization" entities with attrs name (fullest form in the
 * document), acronym, canonical (short name used for memberships) and
 * country (ISO alpha-2 of a state body) where known.
 */
#include <stdio.h>
#include <stdlib.h>

#include "nerd/plugin.h"
#include "org.h"

typedef struct org_state {
	const nerp_host *host;
	org_lexicon     *lex;
} org_state;

static const char *const org_provides[] = { "organization", NULL };
static const char *const org_consumes[] = { NULL };

static int
org_init(const nerp_host *host, const nerp_config *cfg, void **state,
    char *err, size_t errlen)
{
	const char *data_dir   = host->config(cfg, "data_dir");
	const char *common_dir = host->config(cfg, "common_dir");
	org_state  *st;
	int         rv;

	if (!NERP_HOST_HAS(host, token_keys) || host->token_keys == NULL) {
		snprintf(err, errlen, "the host gives no token keys");
		return (NERP_EINVAL);
	}
	if (data_dir == NULL) {
		snprintf(err, errlen, "config key data_dir is not set");
		return (NERP_ENOENT);
	}
	st = calloc(1, sizeof(*st));
	if (st == NULL) {
		snprintf(err, errlen, "out of memory");
		return (NERP_ENOMEM);
	}
	st->host = host;
	rv       = org_lexicon_load(
	          &st->lex, host, data_dir, common_dir, err, errlen);
	if (rv != 0) {
		free(st);
		return (rv);
	}
	*state = st;
	return (NERP_OK);
}

typedef struct org_call_arena {
	const nerp_host *host;
	nerp_call       *call;
} org_call_arena;

static void *
org_call_alloc(void *arg, size_t size)
{
	org_call_arena *a = arg;

	return (a->host->scratch(a->call, size));
}

static int
org_recognize_doc(const void *state, nerp_call *call, const nerp_doc *doc)
{
	const org_state  *st    = state;
	const nerp_host  *host  = st->host;
	org_call_arena    ca    = { host, call };
	org_arena         arena = { org_call_alloc, &ca };
	const nerp_token *toks;
	const uint64_t   *keys = NULL;
	org_mention      *m;
	size_t            n, nm, k;
	int               rv;

	n = host->tokens(call, &toks);
	if (n > 0 && host->token_keys(call, &keys) != n) {
		return (NERP_ENOMEM);
	}
	rv = org_recognize(
	    st->lex, doc->text, doc->len, toks, keys, n, &arena, &m, &nm);
	if (rv != 0) {
		return (rv);
	}
	if (host->cancelled(call)) {
		return (NERP_ECANCELED);
	}
	for (k = 0; k < nm; k++) {
		nerp_attr   attrs[4];
		nerp_entity ent = { 0 };
		size_t      na  = 0;

		attrs[na].key     = "name";
		attrs[na++].value = m[k].name;
		if (m[k].acronym[0] != '\0') {
			attrs[na].key     = "acronym";
			attrs[na++].value = m[k].acronym;
		}
		if (m[k].canonical[0] != '\0') {
			attrs[na].key     = "canonical";
			attrs[na++].value = m[k].canonical;
		}
		if (m[k].country[0] != '\0') {
			attrs[na].key     = "country";
			attrs[na++].value = m[k].country;
		}
		ent.start   = m[k].start;
		ent.end     = m[k].end;
		ent.kind    = "organization";
		ent.score   = m[k].source == ORG_SRC_GAZETTEER ? 0.9f : 0.7f;
		ent.attrs   = attrs;
		ent.n_attrs = na;
		rv          = host->emit(call, &ent);
		if (rv == NERP_ENOMEM) {
			return (rv);
		}
	}
	return (NERP_OK);
}

static void
org_destroy(void *state)
{
	org_state *st = state;

	if (st != NULL) {
		org_lexicon_free(st->lex);
		free(st);
	}
}

static const nerp_plugin org_plugin = {
	.magic       = NERP_MAGIC,
	.abi         = NERP_ABI,
	.size        = sizeof(nerp_plugin),
	.flags       = NERP_F_REENTRANT | NERP_F_DETERMINISTIC,
	.name        = "organizations",
	.version     = "1.0.0",
	.description = "organisations: blocs, state bodies, agencies, "
	               "companies, clubs",
	.provides    = org_provides,
	.consumes    = org_consumes,
	.init        = org_init,
	.recognize   = org_recognize_doc,
	.destroy     = org_destroy,
};

NERP_EXPORT(org_plugin)
