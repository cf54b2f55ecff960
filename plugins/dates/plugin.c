/*
 * plugin.c: the dates plugin's descriptor and its init/recognize/destroy,
 * gluing the host's tokens and document date to dates_scan().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "nerd/plugin.h"

typedef struct dates_state {
	const nerp_host *host;
	dates_lexicon   *lex;
} dates_state;

static const char *const dates_provides[] = { "date", NULL };
static const char *const dates_consumes[] = { NULL };

static int
dates_init(const nerp_host *host, const nerp_config *cfg, void **state,
    char *err, size_t errlen)
{
	dates_state *st;
	const char  *dir;
	int          rv;

	if (!NERP_HOST_HAS(host, token_keys)) {
		snprintf(err, errlen, "dates: the host gives no token keys");
		return (NERP_EINVAL);
	}
	dir = host->config(cfg, "data_dir");
	if (dir == NULL) {
		snprintf(err, errlen, "dates: no data_dir configured");
		return (NERP_ENOENT);
	}
	st = calloc(1, sizeof(*st));
	if (st == NULL) {
		return (NERP_ENOMEM);
	}
	rv = dates_lexicon_load(&st->lex, dir, host->key, err, errlen);
	if (rv != NERP_OK) {
		free(st);
		return (rv);
	}
	st->host = host;
	*state   = st;
	return (NERP_OK);
}

/* The date relative expressions resolve against: the request's dct, else
 * one the text states at its start, else the day the request arrived. */
static dates_ymd
document_date(const dates_state *st, const nerp_doc *doc,
    const nerp_token *toks, const uint64_t *keys, size_t ntok, void *work)
{
	dates_ymd d, today = { 1970, 1, 1 };

	if (doc->dct != NULL && dates_parse_ymd(doc->dct, &d) == 0) {
		return (d);
	}
	if (doc->today != NULL) {
		(void) dates_parse_ymd(doc->today, &today);
	}
	if (dates_find_dct(st->lex, doc->text, doc->len, toks, keys, ntok,
	        today, work, &d)) {
		return (d);
	}
	return (today);
}

static int
dates_recognize(const void *state, nerp_call *call, const nerp_doc *doc)
{
	const dates_state *st   = state;
	const nerp_host   *host = st->host;
	const nerp_token  *toks;
	const uint64_t    *keys;
	size_t             ntok, cap, n;
	dates_match       *m;
	void              *work;
	dates_ymd          dct;

	/* One scan takes a few milliseconds per megabyte: checking the
	 * deadline once before it is enough. */
	if (host->cancelled(call)) {
		return (NERP_ECANCELED);
	}
	ntok = host->tokens(call, &toks);
	if (ntok == 0) {
		return (NERP_OK);
	}
	if (host->token_keys(call, &keys) != ntok) {
		return (NERP_ENOMEM);
	}
	/* At most one date per token, and two for a list rule. */
	cap  = ntok + 2;
	work = host->scratch(call, ntok * dates_tok_size());
	m    = host->scratch(call, cap * sizeof(*m));
	if (work == NULL || m == NULL) {
		return (NERP_ENOMEM);
	}
	dates_work_clear(work, ntok);
	dct = document_date(st, doc, toks, keys, ntok, work);
	n   = dates_scan(
	      st->lex, doc->text, doc->len, toks, keys, ntok, dct, work, m, cap);
	for (size_t k = 0; k < n; k++) {
		nerp_attr   attrs[2];
		nerp_entity e;
		int         rv;

		attrs[0].key   = "timex_type";
		attrs[0].value = m[k].type;
		attrs[1].key   = "mod";
		attrs[1].value = m[k].mod;
		memset(&e, 0, sizeof(e));
		e.start   = m[k].start;
		e.end     = m[k].end;
		e.kind    = "date";
		e.value   = m[k].value;
		e.score   = -1.0f;
		e.attrs   = attrs;
		e.n_attrs = m[k].mod != NULL ? 2 : 1;
		rv        = host->emit(call, &e);
		if (rv == NERP_ENOMEM) {
			return (rv);
		}
	}
	return (NERP_OK);
}

static void
dates_destroy(void *state)
{
	dates_state *st = state;

	if (st != NULL) {
		dates_lexicon_free(st->lex);
		free(st);
	}
}

static const nerp_plugin dates_plugin = {
	.magic       = NERP_MAGIC,
	.abi         = NERP_ABI,
	.size        = sizeof(nerp_plugin),
	.flags       = NERP_F_REENTRANT | NERP_F_DETERMINISTIC,
	.name        = "dates",
	.version     = "1.0.0",
	.description = "dates and times, normalised to TIMEX3 values",
	.provides    = dates_provides,
	.consumes    = dates_consumes,
	.init        = dates_init,
	.recognize   = dates_recognize,
	.destroy     = dates_destroy,
};

NERP_EXPORT(dates_plugin)
