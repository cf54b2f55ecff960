/*
 * tests/plugins/nerc_fixture.c: a tiny recognizer for nerc's tests.  Every
 * "Hello" is a greeting (value "hi", attrs lang=en), every "Grüße" a
 * greeting in German, and every "joined" a membership of BO in BRICS.
 * A text with "FAIL" in it fails (INTERNAL) after emitting all that.
 */
#include <string.h>

#include "nerd/plugin.h"

static const char *const provides[] = { "greeting", "membership", NULL };

static int
fixture_init(const nerp_host *host, const nerp_config *cfg, void **state,
    char *err, size_t errlen)
{
	(void) cfg;
	(void) err;
	(void) errlen;
	/* The host table is the same for every plugin: keeping it is not
	 * mutable state that differs between calls. */
	*state = (void *) host;
	return (NERP_OK);
}

static int
emit_all(const nerp_host *host, nerp_call *call, const nerp_doc *doc,
    const char *word, const char *kind, const char *value,
    const nerp_attr *attrs, size_t n_attrs)
{
	const char *p = doc->text;
	size_t len = strlen(word);
	int rv;

	for (p = strstr(p, word); p != NULL; p = strstr(p + len, word)) {
		nerp_entity e = { 0 };
		e.start = (uint32_t) (p - doc->text);
		e.end = e.start + (uint32_t) len;
		e.kind = kind;
		e.value = value;
		e.score = -1.0f;
		e.attrs = attrs;
		e.n_attrs = n_attrs;
		rv = host->emit(call, &e);
		if (rv != NERP_OK) {
			return (rv);
		}
	}
	return (NERP_OK);
}

static int
fixture_recognize(const void *state, nerp_call *call, const nerp_doc *doc)
{
	const nerp_host *host = state;
	static const nerp_attr en[] = { { "lang", "en" } };
	static const nerp_attr de[] = { { "lang", "de" } };
	static const nerp_attr member[] = { { "member", "BO" },
		{ "organization", "BRICS" }, { "status", "member" } };
	int rv;

	rv = emit_all(host, call, doc, "Hello", "greeting", "hi", en, 1);
	if (rv == NERP_OK) {
		rv = emit_all(host, call, doc, "Grüße", "greeting", "hi", de,
		    1);
	}
	if (rv == NERP_OK) {
		rv = emit_all(host, call, doc, "joined", "membership", NULL,
		    member, 3);
	}
	if (rv == NERP_OK && strstr(doc->text, "FAIL") != NULL) {
		rv = NERP_EINTERNAL;
	}
	return (rv);
}

static void
fixture_destroy(void *state)
{
	(void) state;
}

static const nerp_plugin fixture = {
	.magic = NERP_MAGIC,
	.abi = NERP_ABI,
	.size = sizeof(nerp_plugin),
	.flags = NERP_F_REENTRANT | NERP_F_DETERMINISTIC,
	.name = "nerc_fixture",
	.version = "1.0.0",
	.description = "greetings and memberships for nerc's tests",
	.provides = provides,
	.init = fixture_init,
	.recognize = fixture_recognize,
	.destroy = fixture_destroy,
};

NERP_EXPORT(fixture)
