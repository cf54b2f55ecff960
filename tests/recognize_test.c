/* tests/recognize_test.c: running a pipeline over documents. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "core/neri.h"

#define PIPE CORE_TP_DIR "/pipe"

static neri_registry *reg;
static neri_result   *res;

static const char *TEXT = "\u00e9 NATO met in Moscow. Lavrov said NATO "
                          "would wait.";

/* Loads reg from the plugins of dir alone. */
static void
load_from(const char *dir, const neri_setting *settings, size_t n,
    size_t max_per_call)
{
	const char          *dirs[] = { dir };
	neri_registry_config cfg;

	memset(&cfg, 0, sizeof(cfg));
	cfg.dirs                  = dirs;
	cfg.n_dirs                = 1;
	cfg.check_owner           = 1;
	cfg.settings              = settings;
	cfg.n_settings            = n;
	cfg.max_entities_per_call = max_per_call;
	cr_assert_eq(neri_registry_load(&reg, &cfg, NULL, NULL), 0);
}

static void
load_with(const neri_setting *settings, size_t n, size_t max_per_call)
{
	load_from(PIPE, settings, n, max_per_call);
}

static void
setup(void)
{
	load_with(NULL, 0, 0);
}

static void
teardown(void)
{
	neri_result_free(res);
	res = NULL;
	neri_registry_rele(reg);
	reg = NULL;
}

static neri_request
request(const char *text, const char *const *kinds, size_t n_kinds)
{
	neri_request r;

	memset(&r, 0, sizeof(r));
	r.text    = text;
	r.len     = strlen(text);
	r.kinds   = kinds;
	r.n_kinds = n_kinds;
	return (r);
}

static int
run(const char *text, const char *const *kinds, size_t n_kinds)
{
	neri_request r = request(text, kinds, n_kinds);

	neri_result_free(res);
	res = NULL;
	return (neri_recognize(reg, &r, &res));
}

static const neri_plugin_result *
plugin(const char *name)
{
	size_t i;

	for (i = 0; i < res->n_plugins; i++) {
		if (strcmp(res->plugins[i].name, name) == 0) {
			return (&res->plugins[i]);
		}
	}
	return (NULL);
}

static size_t
count_kind(const char *kind)
{
	size_t i, n = 0;

	for (i = 0; i < res->n_entities; i++) {
		n += strcmp(res->entities[i].kind, kind) == 0;
	}
	return (n);
}

static const neri_entity *
first_of(const char *kind)
{
	size_t i;

	for (i = 0; i < res->n_entities; i++) {
		if (strcmp(res->entities[i].kind, kind) == 0) {
			return (&res->entities[i]);
		}
	}
	cr_assert_fail("no %s entity", kind);
	return (NULL);
}

static const char *
attr(const neri_entity *e, const char *key)
{
	size_t i;

	for (i = 0; i < e->n_attrs; i++) {
		if (strcmp(e->attrs[i].key, key) == 0) {
			return (e->attrs[i].value);
		}
	}
	return (NULL);
}

TestSuite(recognize, .init = setup, .fini = teardown);

Test(recognize, wanted_kind_runs_only_its_plugin)
{
	const char *kinds[] = { "place" };

	cr_assert_eq(run(TEXT, kinds, 1), 0);
	cr_assert_eq(res->n_plugins, 1);
	cr_assert_str_eq(res->plugins[0].name, "cities");
	cr_assert_eq(res->n_entities, 1);
	cr_assert_str_eq(res->entities[0].kind, "place");
	cr_assert_str_eq(res->entities[0].value, "RU");
	cr_assert_eq(res->entities[0].start, 15);
	cr_assert_eq(res->entities[0].end, 21);
}

Test(recognize, each_plugin_time_is_given_in_us_and_in_ns)
{
	cr_assert_eq(run(TEXT, NULL, 0), 0);
	cr_assert_gt(res->n_plugins, 0);
	for (size_t i = 0; i < res->n_plugins; i++) {
		const neri_plugin_result *p = &res->plugins[i];

		cr_assert_gt(p->elapsed_ns, 0, "%s", p->name);
		cr_assert_eq(p->elapsed_ns / 1000, p->elapsed_us, "%s", p->name);
	}
}

Test(recognize, derived_kind_runs_its_dependencies_and_returns_only_it)
{
	const char *kinds[] = { "report" };

	cr_assert_eq(run(TEXT, kinds, 1), 0);
	cr_assert_eq(res->n_plugins, 4);
	cr_assert_not_null(plugin("orgs_one"));
	cr_assert_not_null(plugin("orgs_two"));
	cr_assert_not_null(plugin("member"));
	cr_assert_not_null(plugin("report"));
	cr_assert_null(plugin("cities"));
	cr_assert_eq(res->n_entities, 2);
	cr_assert_eq(count_kind("report"), 2);
	/* report saw the 2 merged memberships, not 4 raw ones */
	cr_assert_str_eq(res->entities[0].value, "2");
}

Test(recognize, upstream_sees_merged_entities_of_earlier_plugins)
{
	const char        *kinds[] = { "membership" };
	const neri_entity *m;

	cr_assert_eq(run(TEXT, kinds, 1), 0);
	m = first_of("membership");
	/* two org plugins found each NATO: merged, so 2 upstream, not 4 */
	cr_assert_str_eq(m->value, "2");
	cr_assert_str_eq(attr(m, "upstream_value"), "nato-one");
	cr_assert_str_eq(attr(m, "upstream_kind"), "org");
}

Test(recognize, same_span_from_two_plugins_is_one_entity_with_both_sources)
{
	const char        *kinds[] = { "org" };
	const neri_entity *e;

	cr_assert_eq(run(TEXT, kinds, 1), 0);
	cr_assert_eq(res->n_entities, 2);
	e = first_of("org");
	cr_assert_eq(e->n_sources, 2);
	cr_assert_str_eq(e->sources[0], "orgs_one");
	cr_assert_str_eq(e->sources[1], "orgs_two");
	cr_assert_str_eq(e->value, "nato-one");
	cr_assert_str_eq(attr(e, "by"), "orgs_one");
}

Test(recognize, configured_rank_changes_which_value_wins)
{
	const char        *kinds[] = { "org" };
	const neri_setting s[]
	    = { { "orgs_two", "rank", "0" }, { "orgs_one", "rank", "5" } };
	const neri_entity *e;

	teardown();
	load_with(s, 2, 0);
	cr_assert_eq(run(TEXT, kinds, 1), 0);
	e = first_of("org");
	cr_assert_str_eq(e->value, "nato-two");
	cr_assert_str_eq(e->sources[0], "orgs_two");
}

Test(recognize, all_kinds_when_none_are_asked)
{
	cr_assert_eq(run(TEXT, NULL, 0), 0);
	cr_assert_eq(res->n_plugins, neri_registry_count(reg));
	cr_assert_gt(count_kind("name"), 0);
	cr_assert_eq(count_kind("place"), 1);
}

Test(recognize, entities_come_in_uima_order)
{
	size_t i;

	cr_assert_eq(run(TEXT, NULL, 0), 0);
	for (i = 1; i < res->n_entities; i++) {
		const neri_entity *a = &res->entities[i - 1];
		const neri_entity *b = &res->entities[i];

		cr_assert(a->start < b->start
		    || (a->start == b->start && a->end > b->end)
		    || (a->start == b->start && a->end == b->end
		        && strcmp(a->kind, b->kind) < 0));
	}
}

Test(recognize, invalid_utf8_is_invalid_argument)
{
	cr_assert_eq(
	    run("bad \xc3 text", NULL, 0), NERD_STATUS_INVALID_ARGUMENT);
	cr_assert_null(res);
}

Test(recognize, unknown_kind_is_invalid_argument)
{
	const char *kinds[] = { "place", "unicorn" };

	cr_assert_eq(run(TEXT, kinds, 2), NERD_STATUS_INVALID_ARGUMENT);
}

Test(recognize, malformed_dct_is_invalid_argument)
{
	neri_request r = request(TEXT, NULL, 0);

	r.dct = "26/04/2024";
	cr_assert_eq(
	    neri_recognize(reg, &r, &res), NERD_STATUS_INVALID_ARGUMENT);
}

Test(recognize, dct_must_be_digits_and_hyphens_in_place)
{
	static const char *const bad[] = { "2024-04-2", "2024-04-266",
		"2024-04-2x", "2024/04-26", "2024-04/26", "20240-4-26",
		"-024-04-26", "2024--4-26", "2024-04-\xd9\xa1" };
	neri_request             r     = request(TEXT, NULL, 0);
	size_t                   i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		r.dct = bad[i];
		cr_assert_eq(neri_recognize(reg, &r, &res),
		    NERD_STATUS_INVALID_ARGUMENT, "%s", bad[i]);
	}
	r.dct = "2024-04-26";
	cr_assert_eq(neri_recognize(reg, &r, &res), 0);
}

Test(recognize, expired_deadline_runs_nothing)
{
	neri_request r = request(TEXT, NULL, 0);

	r.deadline_ns = 1;
	cr_assert_eq(
	    neri_recognize(reg, &r, &res), NERD_STATUS_DEADLINE_EXCEEDED);
	cr_assert_null(res);
}

Test(recognize, cancel_flag_is_seen_by_plugins)
{
	const char  *kinds[] = { "wait" };
	neri_request r       = request(TEXT, kinds, 1);
	atomic_int   cancel;

	atomic_init(&cancel, 0);
	r.cancel = &cancel;
	cr_assert_eq(neri_recognize(reg, &r, &res), 0);
	cr_assert_eq(res->plugins[0].code, NERD_STATUS_OK);
	cr_assert_eq(res->n_entities, 1);
	neri_result_free(res);
	res = NULL;
	atomic_store(&cancel, 1);
	cr_assert_eq(neri_recognize(reg, &r, &res), 0);
	cr_assert_eq(res->plugins[0].code, NERD_STATUS_CANCELLED);
	cr_assert_eq(res->n_entities, 0);
}

Test(recognize, failing_plugin_degrades_only_its_part)
{
	const char               *kinds[] = { "flaky", "place" };
	const neri_plugin_result *p;

	cr_assert_eq(run(TEXT, kinds, 2), 0);
	p = plugin("flaky");
	cr_assert_eq(p->code, NERD_STATUS_INTERNAL);
	cr_assert_not_null(strstr(p->message, "broken on purpose"));
	cr_assert_eq(p->entities, 1);
	cr_assert_eq(plugin("cities")->code, NERD_STATUS_OK);
	cr_assert_str_eq(plugin("cities")->message, "");
	/* what the failing plugin emitted is kept */
	cr_assert_eq(count_kind("flaky"), 1);
	cr_assert_eq(count_kind("place"), 1);
}

/* A plugin's log line with a bad byte, a tab and a character cut at the
 * host's 512 bytes becomes its result message, which goes into the
 * reply as a protobuf string: it comes out valid UTF-8 on one line; the
 * code it returned, no nerp_error, reads UNKNOWN; the other plugin's
 * work stands. */
Test(recognize, plugin_log_line_becomes_a_clean_message)
{
	const neri_plugin_result *p;
	size_t                    i, n;

	teardown();
	load_from(CORE_TP_DIR "/garble", NULL, 0, 0);
	cr_assert_eq(run(TEXT, NULL, 0), 0);
	p = plugin("garbler");
	cr_assert_eq(p->code, NERD_STATUS_UNKNOWN);
	cr_assert_eq(strncmp(p->message, "bad ? byte, then x\xc3\xa9", 20), 0,
	    "%s", p->message);
	n = strlen(p->message);
	for (i = 0; i < n; i++) {
		cr_assert_geq((unsigned char) p->message[i], 0x20);
	}
	cr_assert(neri_utf8_valid(p->message, n));
	cr_assert_eq(plugin("cities")->code, NERD_STATUS_OK);
	cr_assert_eq(count_kind("place"), 1);
}

/* A score is 0..1, or negative when unscored (nerd/plugin.h): emit()
 * refuses +inf, 1.5 and NaN (an infinite score cannot be written as
 * JSON by nerc), and accepts the plugin's in-range one. */
static char   logged[32][640];
static size_t n_logged;

static void
log_line(void *arg, int level, const char *source, const char *msg)
{
	(void) arg;
	(void) level;
	if (n_logged < 32) {
		(void) snprintf(logged[n_logged++], sizeof(logged[0]), "%s: %s",
		    source, msg);
	}
}

/* What the host logs of a plugin's doings (here the kind of an entity
 * it drops, with a line break and a bad byte) is one line of UTF-8. */
Test(recognize, log_lines_of_a_plugins_doings_are_clean)
{
	const char          *dirs[] = { CORE_TP_DIR "/garble" };
	neri_registry_config cfg;
	size_t               i, j, dropped = 0;

	teardown();
	memset(&cfg, 0, sizeof(cfg));
	cfg.dirs   = dirs;
	cfg.n_dirs = 1;
	cfg.log    = log_line;
	n_logged   = 0;
	cr_assert_eq(neri_registry_load(&reg, &cfg, NULL, NULL), 0);
	cr_assert_eq(run(TEXT, NULL, 0), 0);
	cr_assert_gt(n_logged, 0);
	for (i = 0; i < n_logged; i++) {
		dropped += strstr(logged[i], "garbler: entity dropped") != NULL
		    && strstr(logged[i], "(kind no such ? kind,") != NULL;
		for (j = 0; logged[i][j] != '\0'; j++) {
			cr_assert_geq((unsigned char) logged[i][j], 0x20, "%s",
			    logged[i]);
		}
		cr_assert(neri_utf8_valid(logged[i], j), "%s", logged[i]);
	}
	cr_assert_eq(dropped, 1);
}

/* Of the ten entities the checker has refused, the first three are
 * logged and the third says the rest go unlogged. */
Test(recognize, dropped_entities_past_the_logged_few_are_announced)
{
	const char          *dirs[] = { PIPE };
	const char          *kinds[] = { "check" };
	neri_registry_config cfg;
	size_t               i, dropped = 0;

	teardown();
	memset(&cfg, 0, sizeof(cfg));
	cfg.dirs   = dirs;
	cfg.n_dirs = 1;
	cfg.log    = log_line;
	cr_assert_eq(neri_registry_load(&reg, &cfg, NULL, NULL), 0);
	n_logged = 0;
	cr_assert_eq(run(TEXT, kinds, 1), 0);
	for (i = 0; i < n_logged; i++) {
		if (strstr(logged[i], "checker: entity dropped") != NULL) {
			dropped++;
			cr_assert_eq(strstr(logged[i], "further drops") != NULL,
			    dropped == 3, "%s", logged[i]);
		}
	}
	cr_assert_eq(dropped, 3);
}

Test(recognize, emit_refuses_scores_above_one_and_nan)
{
	const char *kinds[] = { "scored" };

	teardown();
	load_from(CORE_TP_DIR "/garble", NULL, 0, 0);
	cr_assert_eq(run(TEXT, kinds, 1), 0);
	cr_assert_eq(res->n_entities, 1);
	cr_assert_str_eq(res->entities[0].value, "3");
	cr_assert_float_eq(res->entities[0].score, 0.5f, 1e-6f);
}

Test(recognize, emit_refuses_bad_entities)
{
	const char *kinds[] = { "check" };

	cr_assert_eq(run(TEXT, kinds, 1), 0);
	cr_assert_eq(res->n_entities, 1);
	/* empty, past the end, mid-character, unprovided kind, four bad
	 * values (of 1, 6, 10 and 20 bytes), bad attribute, NULL: ten
	 * refusals */
	cr_assert_str_eq(res->entities[0].value, "10");
	cr_assert_eq(plugin("checker")->entities, 1);
}

Test(recognize, emit_copies_texts_that_end_at_an_unreadable_page)
{
	const neri_entity *e;
	size_t             n, i, k = 0;
	char               want[41];

	teardown();
	load_from(CORE_TP_DIR "/edges", NULL, 0, 0);
	cr_assert_eq(run(TEXT, NULL, 0), 0);
	cr_assert_eq(plugin("edges")->code, NERD_STATUS_OK);
	/* lengths 1..40 but the multiples of six (a bad tail) */
	cr_assert_eq(res->n_entities, 34);
	for (n = 1; n <= 40; n++) {
		if (n % 6 == 0) {
			continue;
		}
		for (i = 0; i < n; i++) {
			want[i] = (char) ('a' + n % 26);
		}
		for (i = 0; n % 3 == 0 && i + 1 < n; i += 2) {
			want[i]     = (char) 0xc3;
			want[i + 1] = (char) 0xa9;
		}
		want[n] = '\0';
		e       = &res->entities[k++];
		cr_assert_str_eq(e->value, want, "length %zu", n);
		cr_assert_str_eq(attr(e, "text"), want, "length %zu", n);
		cr_assert_str_eq(
		    attr(e, "tail"), want + n - 1, "length %zu", n);
	}
}

Test(recognize, emit_reads_a_kind_named_from_a_reused_buffer_each_time)
{
	const char *want[] = { "alpha", "beta", "alpha", "beta" };
	size_t      i;

	teardown();
	load_from(CORE_TP_DIR "/byname", NULL, 0, 0);
	cr_assert_eq(run("four ASCII bytes first", NULL, 0), 0);
	cr_assert_eq(plugin("byname")->code, NERD_STATUS_OK);
	cr_assert_eq(plugin("byname")->entities, 4);
	cr_assert_eq(res->n_entities, 4);
	for (i = 0; i < 4; i++) {
		cr_assert_eq(res->entities[i].start, i);
		cr_assert_str_eq(
		    res->entities[i].kind, want[i], "entity %zu", i);
	}
}

Test(recognize, emit_stops_at_the_per_call_cap)
{
	const char *kinds[] = { "flood" };

	teardown();
	load_with(NULL, 0, 25);
	cr_assert_eq(run(TEXT, kinds, 1), 0);
	cr_assert_eq(plugin("flood")->code, NERD_STATUS_RESOURCE_EXHAUSTED);
	cr_assert_eq(plugin("flood")->entities, 25);
	cr_assert_eq(res->n_entities, 1); /* identical spans merge */
}

Test(recognize, document_fields_reach_the_plugin)
{
	const char        *kinds[] = { "docinfo" };
	neri_request       r       = request(TEXT, kinds, 1);
	const neri_entity *e;
	char               today[16];
	time_t             now = time(NULL);
	struct tm          tm;

	r.id  = "doc-7";
	r.dct = "2024-04-26";
	cr_assert_eq(neri_recognize(reg, &r, &res), 0);
	e = first_of("docinfo");
	cr_assert_not_null(gmtime_r(&now, &tm));
	cr_assert_gt(strftime(today, sizeof(today), "%Y-%m-%d", &tm), 0);
	cr_assert_str_eq(e->value, today);
	cr_assert_str_eq(attr(e, "dct"), "2024-04-26");
	cr_assert_str_eq(attr(e, "lang"), "en");
	cr_assert_str_eq(attr(e, "id"), "doc-7");
}

/* A text the caller vouches for (UTF-8, NUL after it) goes to the
 * plugins as it is and gives the entities a checked copy gives. */
Test(recognize, a_text_checked_by_the_caller_gives_the_same_entities)
{
	neri_request r = request(TEXT, NULL, 0);
	neri_result *checked = NULL;
	size_t       i;

	cr_assert_eq(neri_recognize(reg, &r, &res), 0);
	r.text_checked = 1;
	cr_assert_eq(neri_recognize(reg, &r, &checked), 0);
	cr_assert_gt(res->n_entities, 0);
	cr_assert_eq(checked->n_entities, res->n_entities);
	for (i = 0; i < res->n_entities; i++) {
		cr_assert_eq(checked->entities[i].start, res->entities[i].start);
		cr_assert_eq(checked->entities[i].end, res->entities[i].end);
		cr_assert_str_eq(checked->entities[i].kind, res->entities[i].kind);
		cr_assert_str_eq(
		    checked->entities[i].value, res->entities[i].value);
	}
	neri_result_free(checked);
}

Test(recognize, config_defaults_data_dirs_next_to_the_plugin)
{
	const char        *kinds[] = { "conf" };
	const neri_entity *e;

	cr_assert_eq(run(TEXT, kinds, 1), 0);
	e = first_of("conf");
	cr_assert_str_eq(e->value, PIPE "/conf");
	cr_assert_str_eq(attr(e, "common_dir"), PIPE "/common");
}

Test(recognize, config_settings_override_defaults)
{
	const char        *kinds[] = { "conf", "place" };
	const neri_setting s[]     = {
		    { "conf", "data_dir", "/srv/nerd/conf" },
		    { "cities", "word", "Lavrov" },
	};

	teardown();
	load_with(s, 2, 0);
	cr_assert_eq(run(TEXT, kinds, 2), 0);
	cr_assert_str_eq(first_of("conf")->value, "/srv/nerd/conf");
	cr_assert_eq(first_of("place")->start, 23);
}

Test(recognize, scratch_memory_is_usable)
{
	const char *kinds[] = { "scratch" };

	cr_assert_eq(run(TEXT, kinds, 1), 0);
	cr_assert_eq(plugin("scratchy")->code, NERD_STATUS_OK);
	cr_assert_str_eq(first_of("scratch")->value, "scratch");
}

Test(recognize, token_keys_match_the_key_of_the_folded_word)
{
	const char *kinds[] = { "keyed" };

	cr_assert_eq(
	    run("NATO, nato and N\u00c0TO met; Natos did not.", kinds, 1), 0);
	cr_assert_eq(plugin("keyed")->code, NERD_STATUS_OK);
	cr_assert_eq(res->n_entities, 3);
	cr_assert_eq(res->entities[0].start, 0);
	cr_assert_eq(res->entities[1].start, 6);
	cr_assert_eq(res->entities[2].start, 15);
	cr_assert_eq(res->entities[2].end, 20);
}

/* A document with more tokens than the host first makes room for (about
 * one per four bytes) gets every token keyed all the same, and so does a
 * short one after it on the same thread. */
Test(recognize, token_keys_cover_documents_denser_than_expected)
{
	const char *kinds[] = { "keyed" };
	char        text[1300];
	size_t      i;

	for (i = 0; i < 200; i++) {
		memcpy(text + 6 * i, i % 2 ? "NATO,;" : "nato:(", 6);
	}
	text[1200] = '\0';
	cr_assert_eq(run(text, kinds, 1), 0);
	cr_assert_eq(plugin("keyed")->code, NERD_STATUS_OK);
	cr_assert_eq(res->n_entities, 200);
	cr_assert_eq(res->entities[199].start, 6 * 199);
	cr_assert_eq(run("Nato.", kinds, 1), 0);
	cr_assert_eq(res->n_entities, 1);
}

Test(recognize, empty_text_gives_no_entities)
{
	cr_assert_eq(run("", NULL, 0), 0);
	cr_assert_eq(res->n_entities, 0);
	cr_assert_eq(res->n_plugins, neri_registry_count(reg));
}

/* A registry with no plugins at all (an empty folder) still answers. */
Test(recognize, registry_without_plugins_gives_no_entities)
{
	char                 dir[] = "/tmp/nerd-empty-XXXXXX";
	const char          *dirs[1];
	neri_registry_config cfg;
	neri_registry       *empty = NULL;
	neri_request         r     = request(TEXT, NULL, 0);
	neri_result         *out   = NULL;

	cr_assert_not_null(mkdtemp(dir));
	dirs[0] = dir;
	memset(&cfg, 0, sizeof(cfg));
	cfg.dirs   = dirs;
	cfg.n_dirs = 1;
	cr_assert_eq(neri_registry_load(&empty, &cfg, NULL, NULL), 0);
	cr_assert_eq(neri_registry_count(empty), 0);
	cr_assert_eq(neri_recognize(empty, &r, &out), 0);
	cr_assert_eq(out->n_entities, 0);
	cr_assert_eq(out->n_plugins, 0);
	neri_result_free(out);
	neri_registry_rele(empty);
	rmdir(dir);
}

/* ------------------------------------------------------------- threads */

#define THREADS 4
#define ROUNDS 50

static size_t expected_entities;

static void *
worker(void *arg)
{
	const char  *kinds[] = { "name", "place", "org", "report" };
	neri_request r       = request(TEXT, kinds, 4);
	neri_result *mine;
	intptr_t     bad = 0;
	int          i;

	(void) arg;
	for (i = 0; i < ROUNDS; i++) {
		if (neri_recognize(reg, &r, &mine) != 0) {
			bad++;
			continue;
		}
		bad += mine->n_entities != expected_entities;
		neri_result_free(mine);
	}
	return ((void *) bad);
}

Test(recognize, concurrent_requests_share_one_registry)
{
	const char *kinds[] = { "name", "place", "org", "report" };
	pthread_t   th[THREADS];
	void       *bad;
	int         i;

	cr_assert_eq(run(TEXT, kinds, 4), 0);
	expected_entities = res->n_entities;
	cr_assert_gt(expected_entities, 4);
	for (i = 0; i < THREADS; i++) {
		cr_assert_eq(pthread_create(&th[i], NULL, worker, NULL), 0);
	}
	for (i = 0; i < THREADS; i++) {
		cr_assert_eq(pthread_join(th[i], &bad), 0);
		cr_assert_null(bad);
	}
}

Test(recognize, held_registry_outlives_the_loader_reference)
{
	neri_registry *mine = reg;

	neri_registry_hold(mine);
	neri_registry_rele(reg);
	reg = NULL;
	{
		neri_request r = request(TEXT, NULL, 0);

		cr_assert_eq(neri_recognize(mine, &r, &res), 0);
	}
	neri_registry_rele(mine);
}

/* A result keeps its values and attributes after the thread has run
 * other requests (whose working memory reuses the same buffers). */
Test(recognize, a_result_outlives_the_next_requests_on_its_thread)
{
	const char        *kinds[] = { "report" };
	neri_request       r       = request(TEXT, kinds, 1);
	neri_result       *first   = NULL;
	const neri_entity *e;
	int                i;

	cr_assert_eq(neri_recognize(reg, &r, &first), 0);
	for (i = 0; i < 3; i++) {
		cr_assert_eq(run("Moscow and NATO and Lavrov, again and again "
		                 "and again, in Moscow.",
		                 kinds, 1),
		    0);
	}
	cr_assert_eq(first->n_entities, 2);
	e = &first->entities[0];
	cr_assert_str_eq(e->kind, "report");
	cr_assert_str_eq(e->value, "2");
	cr_assert_eq(e->n_attrs, 2);
	cr_assert_str_eq(e->attrs[0].key, "upstream_value");
	cr_assert_str_eq(e->attrs[1].key, "upstream_kind");
	cr_assert_str_eq(e->attrs[1].value, "membership");
	neri_result_free(first);
}
