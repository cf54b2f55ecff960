/*
 * tests/plugins/hard_slow.c: a recognizer for the hardening tests that
 * works until its call is cancelled (deadline passed or server draining),
 * then reports it with NERP_ECANCELED, as a well-behaved slow plugin
 * does.  It emits one "slow" entity over the first word first, which the
 * reply must keep.  Named zz_slow so that it runs after the other plugins
 * of its folder (pipeline ties go by name).
 */
#include <string.h>
#include <time.h>

#include "nerd/plugin.h"

static const char *const provides[] = { "slow", NULL };

static int
slow_init(const nerp_host *host, const nerp_config *cfg, void **state,
    char *err, size_t errlen)
{
	(void) cfg;
	(void) err;
	(void) errlen;
	*state = (void *) host;
	return (NERP_OK);
}

static int
slow_recognize(const void *state, nerp_call *call, const nerp_doc *doc)
{
	const nerp_host *host = state;
	struct timespec  tick = { 0, 1000000L };
	nerp_entity      e;
	const char      *sp = memchr(doc->text, ' ', doc->len);

	memset(&e, 0, sizeof(e));
	e.start = 0;
	e.end = (uint32_t) (sp != NULL ? (size_t) (sp - doc->text) : doc->len);
	e.kind  = "slow";
	e.score = 1.0f;
	(void) host->emit(call, &e);
	/* Polls as a plugin polls between sentences; gives up after 20 s
	 * so a call without a deadline still ends. */
	for (int i = 0; i < 20000; i++) {
		if (host->cancelled(call)) {
			return (NERP_ECANCELED);
		}
		nanosleep(&tick, NULL);
	}
	return (NERP_OK);
}

static void
slow_destroy(void *state)
{
	(void) state;
}

static const nerp_plugin zz_slow = {
	.magic       = NERP_MAGIC,
	.abi         = NERP_ABI,
	.size        = sizeof(nerp_plugin),
	.flags       = NERP_F_REENTRANT,
	.name        = "zz_slow",
	.version     = "1.0.0",
	.description = "runs until cancelled, for the hardening tests",
	.provides    = provides,
	.init        = slow_init,
	.recognize   = slow_recognize,
	.destroy     = slow_destroy,
};

NERP_EXPORT(zz_slow)
