/*
 * plugins/officials/officials.c: the "officials" plugin: people named in a
 * public role (kind "official", with name, role, country, organization)
 * and other named people (kind "person", with name).  The work is done by
 * offi_find (link.c); this file adapts it to the plugin ABI.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nerd/plugin.h"
#include "offi.h"

static const char *const officials_provides[] = { "official", "person", NULL };
static const char *const officials_consumes[] = { NULL };

typedef struct officials_state {
	const nerp_host *host;
	offi_state      *st;
} officials_state;

typedef struct scratch_arg {
	const nerp_host *host;
	nerp_call       *call;
} scratch_arg;

static void *
officials_scratch(void *arg, size_t size)
{
	scratch_arg *a = arg;

	return (a->host->scratch(a->call, size));
}

static int
officials_init(const nerp_host *host, const nerp_config *cfg, void **state,
    char *err, size_t errlen)
{
	officials_state *s;
	const char      *data_dir, *common_dir;
	int              rv;

	data_dir   = host->config(cfg, "data_dir");
	common_dir = host->config(cfg, "common_dir");
	if (data_dir == NULL || common_dir == NULL) {
		snprintf(
		    err, errlen, "officials: data_dir or common_dir unset");
		return (NERP_ENOENT);
	}
	s = calloc(1, sizeof(*s));
	if (s == NULL) {
		return (NERP_ENOMEM);
	}
	s->host = host;
	rv = offi_state_load(&s->st, host, data_dir, common_dir, err, errlen);
	if (rv != 0) {
		free(s);
		return (rv);
	}
	*state = s;
	return (NERP_OK);
}

static int
officials_recognize(const void *state, nerp_call *call, const nerp_doc *doc)
{
	const officials_state *s    = state;
	const nerp_host       *host = s->host;
	const nerp_token      *toks;
	const uint64_t        *keys = NULL;
	size_t                 n, i;
	scratch_arg            sa = { host, call };
	offi_doc               d  = { doc->text, doc->len, doc->dct };
	offi_result            res;
	int                    rv;

	if (host->cancelled(call)) {
		return (NERP_ECANCELED);
	}
	n = host->tokens(call, &toks);
	if (NERP_HOST_HAS(host, token_keys) && host->token_keys != NULL
	    && host->token_keys(call, &keys) != n) {
		/* Out of memory there: offi_find keys the tokens itself. */
		keys = NULL;
	}
	rv = offi_find(s->st, &d, toks, keys, n, officials_scratch, &sa, &res);
	if (rv != 0) {
		return (rv);
	}
	for (i = 0; i < res.n_mentions; i++) {
		const offi_mention *m = &res.mentions[i];
		const offi_person  *p = &res.people[m->person];
		nerp_attr           attrs[4];
		nerp_entity         e;
		size_t              na = 0;

		attrs[na].key     = "name";
		attrs[na++].value = p->name;
		if (m->kind == OFFI_OFFICIAL) {
			attrs[na].key     = "role";
			attrs[na++].value = p->role;
			if (p->country != NULL) {
				attrs[na].key     = "country";
				attrs[na++].value = p->country;
			}
			if (p->org != NULL) {
				attrs[na].key     = "organization";
				attrs[na++].value = p->org;
			}
		}
		memset(&e, 0, sizeof(e));
		e.start   = m->start;
		e.end     = m->end;
		e.kind    = m->kind == OFFI_OFFICIAL ? "official" : "person";
		e.score   = -1.0f;
		e.attrs   = attrs;
		e.n_attrs = na;
		rv        = host->emit(call, &e);
		if (rv == NERP_ENOMEM) {
			return (rv);
		}
	}
	return (NERP_OK);
}

static void
officials_destroy(void *state)
{
	officials_state *s = state;

	if (s != NULL) {
		offi_state_free(s->st);
		free(s);
	}
}

static const nerp_plugin officials_plugin = {
	.magic       = NERP_MAGIC,
	.abi         = NERP_ABI,
	.size        = sizeof(nerp_plugin),
	.flags       = NERP_F_REENTRANT | NERP_F_DETERMINISTIC,
	.name        = "officials",
	.version     = "1.0.0",
	.description = "people in public roles (role, country) and other "
	               "named people",
	.provides    = officials_provides,
	.consumes    = officials_consumes,
	.init        = officials_init,
	.recognize   = officials_recognize,
	.destroy     = officials_destroy,
};

NERP_EXPORT(officials_plugin)
