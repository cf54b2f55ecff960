/*
 * tests/membership_plugin_test.c: the built membership.so through its ABI
 * with a hand-made host: descriptor, init errors, emitted entities and
 * attributes, with empty and with filled upstream kinds, the seed article.
 */
#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>

#include "membership_test.h"

struct nerp_call {
	const char  *text;
	nerp_token   toks[4096];
	uint64_t     keys[4096];
	int          no_keys; /* token_keys() runs out of memory */
	size_t       ntok;
	const mt_up *up;
	nerp_entity  got[64];
	nerp_attr    attrs[64][5];
	char         strs[64][5][128];
	size_t       ngot;
	int          asked; /* upstream() calls */
};

struct nerp_config {
	const char *data_dir;
	const char *common_dir;
};

static int
h_emit(nerp_call *c, const nerp_entity *e)
{
	cr_assert_lt(c->ngot, 64);
	cr_assert_str_eq(e->kind, "membership");
	cr_assert_lt(e->start, e->end);
	cr_assert_leq(e->end, strlen(c->text));
	c->got[c->ngot] = *e;
	for (size_t i = 0; i < e->n_attrs && i < 5; i++) {
		snprintf(c->strs[c->ngot][i], 128, "%s=%s", e->attrs[i].key,
		    e->attrs[i].value);
	}
	c->got[c->ngot].n_attrs = e->n_attrs;
	c->ngot++;
	return (NERP_OK);
}

static size_t
h_upstream(nerp_call *c, const char *kind, const nerp_entity **out)
{
	*out = NULL;
	c->asked++;
	if (c->up == NULL) {
		return (0);
	}
	if (strcmp(kind, "organization") == 0 && c->up->norgs > 0) {
		*out = c->up->orgs;
		return (c->up->norgs);
	}
	if (strcmp(kind, "official") == 0 && c->up->nofficials > 0) {
		*out = c->up->officials;
		return (c->up->nofficials);
	}
	if (strcmp(kind, "date") == 0 && c->up->ndates > 0) {
		*out = c->up->dates;
		return (c->up->ndates);
	}
	return (0);
}

static size_t
h_tokens(nerp_call *c, const nerp_token **out)
{
	*out = c->toks;
	return (c->ntok);
}

static size_t
h_token_keys(nerp_call *c, const uint64_t **out)
{
	if (c->no_keys || c->ntok == 0) {
		*out = NULL;
		return (0);
	}
	*out = c->keys;
	return (c->ntok);
}

static int
h_cancelled(nerp_call *c)
{
	(void) c;
	return (0);
}

static void *
h_scratch(nerp_call *c, size_t size)
{
	(void) c;
	return (mt_alloc(NULL, size));
}

static void
h_log(nerp_call *c, int level, const char *fmt, ...)
{
	(void) c;
	(void) level;
	(void) fmt;
}

static const char *
h_config(const nerp_config *cfg, const char *key)
{
	if (strcmp(key, "data_dir") == 0) {
		return (cfg->data_dir);
	}
	if (strcmp(key, "common_dir") == 0) {
		return (cfg->common_dir);
	}
	return (NULL);
}

static const nerp_host host = {
	.size       = sizeof(nerp_host),
	.abi        = NERP_ABI,
	.emit       = h_emit,
	.upstream   = h_upstream,
	.tokens     = h_tokens,
	.cancelled  = h_cancelled,
	.scratch    = h_scratch,
	.log        = h_log,
	.config     = h_config,
	.tokenize   = neri_tokenize,
	.key        = neri_key,
	.token_keys = h_token_keys,
};

static void              *so;
static const nerp_plugin *plugin;
static void              *state;

static void
open_plugin(void)
{
	nerp_entry_fn      entry;
	struct nerp_config cfg      = { MT_DATA, MT_COMMON };
	char               err[256] = "";

	so = dlopen(NERD_TEST_PLUGIN_DIR "/membership.so", RTLD_NOW);
	cr_assert_not_null(so, "%s", dlerror());
	entry = (nerp_entry_fn) (uintptr_t) dlsym(so, NERP_ENTRY_SYMBOL);
	cr_assert_not_null(entry);
	plugin = entry(NERP_ABI);
	cr_assert_eq(plugin->init(&host, &cfg, &state, err, sizeof(err)),
	    NERP_OK, "%s", err);
}

static void
close_plugin(void)
{
	plugin->destroy(state);
	dlclose(so);
}

TestSuite(membership_plugin, .init = open_plugin, .fini = close_plugin);

static nerp_call *
recognize(const char *text, const mt_up *up)
{
	static nerp_call call;
	nerp_doc         doc = { .text = text,
		        .len           = strlen(text),
		        .id            = "t",
		        .dct           = "",
		        .lang          = "en",
		        .today         = "2024-06-01" };

	memset(&call, 0, sizeof(call));
	call.text = text;
	call.up   = up;
	call.ntok = neri_tokenize(text, strlen(text), call.toks, 4096);
	neri_keys(text, call.toks, call.ntok, call.keys);
	mt_used = 0;
	cr_assert_eq(plugin->recognize(state, &call, &doc), NERP_OK);
	return (&call);
}

/* Nonzero when entity i carries attribute "key=value". */
static int
has_attr(const nerp_call *c, size_t i, const char *kv)
{
	for (size_t k = 0; k < c->got[i].n_attrs && k < 5; k++) {
		if (strcmp(c->strs[i][k], kv) == 0) {
			return (1);
		}
	}
	return (0);
}

Test(membership_plugin, descriptor_names_kinds)
{
	cr_expect_eq(plugin->magic, NERP_MAGIC);
	cr_expect_eq(plugin->abi, NERP_ABI);
	cr_expect_str_eq(plugin->name, "membership");
	cr_expect_str_eq(plugin->provides[0], "membership");
	cr_expect_null(plugin->provides[1]);
	cr_expect_str_eq(plugin->consumes[0], "organization");
	cr_expect_str_eq(plugin->consumes[1], "official");
	cr_expect_str_eq(plugin->consumes[2], "date");
	cr_expect(plugin->flags & NERP_F_REENTRANT);
}

Test(membership_plugin, init_without_data_dir_fails_with_a_message)
{
	struct nerp_config cfg      = { NULL, MT_COMMON };
	void              *st       = NULL;
	char               err[256] = "";

	cr_expect_neq(
	    plugin->init(&host, &cfg, &st, err, sizeof(err)), NERP_OK);
	cr_expect_neq(err[0], '\0');
	cfg.data_dir = "/nonexistent";
	cr_expect_eq(
	    plugin->init(&host, &cfg, &st, err, sizeof(err)), NERP_ENOENT);
}

Test(membership_plugin, init_refuses_a_host_without_token_keys)
{
	struct nerp_config cfg      = { MT_DATA, MT_COMMON };
	nerp_host          old      = host;
	void              *st       = NULL;
	char               err[256] = "";

	/* a host of the first ABI 1 release ends before key() */
	old.size = (uint32_t) offsetof(nerp_host, key);
	cr_expect_eq(
	    plugin->init(&old, &cfg, &st, err, sizeof(err)), NERP_EINVAL);
	cr_expect_neq(err[0], '\0');
	cr_expect_null(st);
}

Test(membership_plugin, token_keys_out_of_memory_fails_the_call)
{
	static nerp_call call;
	const char      *text = "Egypt joined BRICS.";
	nerp_doc         doc  = { .text = text,
		         .len           = strlen(text),
		         .id            = "t",
		         .dct           = "",
		         .lang          = "en",
		         .today         = "2024-06-01" };

	memset(&call, 0, sizeof(call));
	call.text    = text;
	call.ntok    = neri_tokenize(text, strlen(text), call.toks, 4096);
	call.no_keys = 1;
	mt_used      = 0;
	cr_expect_eq(plugin->recognize(state, &call, &doc), NERP_ENOMEM);
	cr_expect_eq(call.ngot, 0);
}

Test(membership_plugin, empty_upstream_still_emits_attributes)
{
	nerp_call *c = recognize("Egypt and Iran joined BRICS in 2024.", NULL);

	cr_assert_eq(c->ngot, 2);
	for (size_t i = 0; i < 2; i++) {
		cr_expect(has_attr(c, i, "organization=BRICS"));
		cr_expect(has_attr(c, i, "status=member"));
		/* The span is the evidence clause, shared by both. */
		cr_expect_eq(c->got[i].start, 0);
		cr_expect_eq(
		    c->got[i].end, strlen("Egypt and Iran joined BRICS"));
	}
	cr_expect(has_attr(c, 0, "member=EG") || has_attr(c, 1, "member=EG"));
	cr_expect(has_attr(c, 0, "member=IR") || has_attr(c, 1, "member=IR"));
}

Test(membership_plugin, upstream_date_gives_since)
{
	const char *text = "Egypt joined BRICS on January 1, 2024.";
	mt_up       u    = { 0 };
	nerp_call  *c;

	mt_date(&u, text, "January 1, 2024", "2024-01-01");
	mt_org(&u, text, "BRICS", "BRICS");
	c = recognize(text, &u);
	cr_assert_eq(c->ngot, 1);
	cr_expect(has_attr(c, 0, "since=2024-01-01"));
	cr_expect(has_attr(c, 0, "member=EG"));
}

static char *
read_seed(void)
{
	FILE  *f = popen("cat " NERD_TEST_SOURCE_DIR "/../shared/seeds/*.txt "
	                  "2>/dev/null",
	     "r");
	char  *buf = calloc(1, 1 << 16);
	size_t n;

	cr_assert_not_null(f);
	n = fread(buf, 1, (1 << 16) - 1, f);
	pclose(f);
	buf[n] = '\0';
	return (buf);
}

Test(membership_plugin, seed_article_gives_exactly_its_two_triples)
{
	char      *text = read_seed();
	mt_up      u    = { 0 };
	nerp_call *c;

	if (text[0] == '\0') {
		free(text);
		cr_skip_test("seed article not present");
	}
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1) {
			mt_official(&u, text, "Luis Arce", "BO");
			mt_official(&u, text, "Sergey Lavrov", "RU");
			mt_org(&u, text, "BRICS", "BRICS");
			mt_org(&u, text, "G20", "G20");
			mt_org(&u, text, "TASS", "TASS");
		}
		c = recognize(text, pass ? &u : NULL);
		cr_expect_eq(
		    c->ngot, 2, "pass %d: %zu entities", pass, c->ngot);
		for (size_t i = 0; i < c->ngot; i++) {
			int bo = has_attr(c, i, "member=BO")
			    && has_attr(c, i, "status=applicant");
			int ru = has_attr(c, i, "member=RU")
			    && has_attr(c, i, "status=chair");

			cr_expect(bo || ru, "pass %d: unexpected %s %s", pass,
			    c->strs[i][0], c->strs[i][2]);
			cr_expect(has_attr(c, i, "organization=BRICS"));
		}
	}
	free(text);
}

Test(membership_plugin, document_without_cues_never_asks_for_upstream)
{
	nerp_call *c
	    = recognize("The weather in Lima was mild on Monday.", NULL);

	cr_expect_eq(c->ngot, 0);
	cr_expect_eq(c->asked, 0);
	c = recognize("Peru joined APEC in 1998.", NULL);
	cr_expect_eq(c->ngot, 1);
	cr_expect_eq(c->asked, 3);
}

Test(membership_plugin, dates_are_asked_for_only_when_a_triple_is_made)
{
	/* a cue that asserts a status, but "the talks" is no organisation:
	 * the organisations asked for, the officials and dates not */
	nerp_call *c = recognize("Chile joined the talks on Monday.", NULL);

	cr_expect_eq(c->ngot, 0);
	cr_expect_eq(c->asked, 1);
	/* an organisation, but the cue gives no triple ("the country" has
	 * nothing to point to): officials too, the dates not */
	c = recognize("The country joined APEC on Monday.", NULL);
	cr_expect_eq(c->ngot, 0);
	cr_expect_eq(c->asked, 2);
}

Test(membership_plugin, cue_word_without_a_cue_never_asks_for_upstream)
{
	/* "members" is a cue's head word, but no cue matches around it */
	nerp_call *c = recognize("The members met in Lima on Monday.", NULL);

	cr_expect_eq(c->ngot, 0);
	cr_expect_eq(c->asked, 0);
}
