/* tests/convert_test.c: a neri_result as a nerd.v1.RecognizeResponse. */
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "core/neri.h"
#include "nerd.pb-c.h"

static const char *TEXT = "NATO met in Moscow.";

/* A hand-built result: two entities, two plugin results. */
static neri_result *
sample(void)
{
	static char     *src_a[] = { "orgs", "acronyms" };
	static char     *src_b[] = { "places" };
	static neri_attr attrs[] = { { "country", "RU" }, { "type", "city" } };
	static neri_entity        ents[2];
	static neri_plugin_result plugins[2];
	static neri_result        res;

	memset(ents, 0, sizeof(ents));
	ents[0].start         = 0;
	ents[0].end           = 4;
	ents[0].kind          = "organization";
	ents[0].value         = "";
	ents[0].score         = 0.75f;
	ents[0].sources       = src_a;
	ents[0].n_sources     = 2;
	ents[1].start         = 12;
	ents[1].end           = 18;
	ents[1].kind          = "place";
	ents[1].value         = "Moscow, RU";
	ents[1].score         = -1.0f;
	ents[1].attrs         = attrs;
	ents[1].n_attrs       = 2;
	ents[1].sources       = src_b;
	ents[1].n_sources     = 1;
	plugins[0].name       = "orgs";
	plugins[0].code       = NERD_STATUS_OK;
	plugins[0].message    = "";
	plugins[0].elapsed_us = 12;
	plugins[0].entities   = 1;
	plugins[1].name       = "places";
	plugins[1].code       = NERD_STATUS_INTERNAL;
	plugins[1].message    = "lexicon broken";
	plugins[1].elapsed_us = 3;
	plugins[1].entities   = 1;
	res.entities          = ents;
	res.n_entities        = 2;
	res.plugins           = plugins;
	res.n_plugins         = 2;
	return (&res);
}

Test(convert, entities_carry_text_value_attrs_and_sources)
{
	Nerd__V1__RecognizeResponse *r;

	cr_assert_eq(
	    neri_result_to_response(sample(), "doc-1", TEXT, strlen(TEXT), &r),
	    0);
	cr_assert_str_eq(r->document_id, "doc-1");
	cr_assert_eq(r->n_entities, 2);
	cr_assert_str_eq(r->entities[0]->kind, "organization");
	cr_assert_str_eq(r->entities[0]->text, "NATO");
	cr_assert_eq(r->entities[0]->n_sources, 2);
	cr_assert_str_eq(r->entities[0]->sources[1], "acronyms");
	cr_assert_float_eq(r->entities[0]->score, 0.75f, 1e-6);
	cr_assert_str_eq(r->entities[1]->text, "Moscow");
	cr_assert_str_eq(r->entities[1]->value, "Moscow, RU");
	cr_assert_eq(r->entities[1]->start, 12);
	cr_assert_eq(r->entities[1]->end, 18);
	cr_assert_eq(r->entities[1]->n_attrs, 2);
	cr_assert_str_eq(r->entities[1]->attrs[0]->key, "country");
	cr_assert_str_eq(r->entities[1]->attrs[1]->value, "city");
	neri_response_free(r);
}

Test(convert, plugin_results_are_carried)
{
	Nerd__V1__RecognizeResponse *r;

	cr_assert_eq(
	    neri_result_to_response(sample(), NULL, TEXT, strlen(TEXT), &r),
	    0);
	cr_assert_str_eq(r->document_id, "");
	cr_assert_eq(r->n_plugins, 2);
	cr_assert_str_eq(r->plugins[1]->name, "places");
	cr_assert_eq(r->plugins[1]->code, NERD_STATUS_INTERNAL);
	cr_assert_str_eq(r->plugins[1]->message, "lexicon broken");
	cr_assert_eq(r->plugins[0]->elapsed_us, 12);
	cr_assert_eq(r->plugins[1]->entities, 1);
	neri_response_free(r);
}

Test(convert, strings_are_borrowed_and_text_is_copied)
{
	Nerd__V1__RecognizeResponse *r;
	const neri_result           *res = sample();
	const char                  *id  = "doc-2";

	cr_assert_eq(
	    neri_result_to_response(res, id, TEXT, strlen(TEXT), &r), 0);
	cr_assert_eq(r->document_id, id);
	cr_assert_eq(r->entities[1]->kind, res->entities[1].kind);
	cr_assert_eq(r->entities[1]->value, res->entities[1].value);
	cr_assert_eq(
	    r->entities[1]->attrs[1]->key, res->entities[1].attrs[1].key);
	cr_assert_eq(r->entities[0]->sources[1], res->entities[0].sources[1]);
	cr_assert_eq(r->plugins[1]->message, res->plugins[1].message);
	/* The text is a slice of the document: a copy ends it with a NUL. */
	cr_assert_neq(r->entities[0]->text, TEXT);
	cr_assert_str_eq(r->entities[0]->text, "NATO");
	neri_response_free(r);
}

Test(convert, null_strings_read_as_empty)
{
	static char                 *srcs[]  = { NULL };
	static neri_attr             attrs[] = { { NULL, NULL } };
	neri_entity                  e;
	neri_plugin_result           p;
	neri_result                  res;
	Nerd__V1__RecognizeResponse *r;

	memset(&e, 0, sizeof(e));
	memset(&p, 0, sizeof(p));
	e.end          = 4;
	e.attrs        = attrs;
	e.n_attrs      = 1;
	e.sources      = srcs;
	e.n_sources    = 1;
	res.entities   = &e;
	res.n_entities = 1;
	res.plugins    = &p;
	res.n_plugins  = 1;
	cr_assert_eq(
	    neri_result_to_response(&res, NULL, TEXT, strlen(TEXT), &r), 0);
	cr_assert_str_eq(r->entities[0]->kind, "");
	cr_assert_str_eq(r->entities[0]->value, "");
	cr_assert_str_eq(r->entities[0]->attrs[0]->key, "");
	cr_assert_str_eq(r->entities[0]->attrs[0]->value, "");
	cr_assert_str_eq(r->entities[0]->sources[0], "");
	cr_assert_str_eq(r->plugins[0]->name, "");
	cr_assert_str_eq(r->plugins[0]->message, "");
	cr_assert_eq(nerd__v1__recognize_response__get_packed_size(r)
	        <= neri_response_packed_bound(r),
	    1);
	neri_response_free(r);
}

Test(convert, response_packs_and_unpacks_unchanged)
{
	Nerd__V1__RecognizeResponse *r, *back;
	uint8_t                     *buf;
	size_t                       n;

	cr_assert_eq(
	    neri_result_to_response(sample(), "d", TEXT, strlen(TEXT), &r), 0);
	n   = nerd__v1__recognize_response__get_packed_size(r);
	buf = malloc(n);
	cr_assert_not_null(buf);
	cr_assert_eq(nerd__v1__recognize_response__pack(r, buf), n);
	back = nerd__v1__recognize_response__unpack(NULL, n, buf);
	cr_assert_not_null(back);
	cr_assert_eq(back->n_entities, 2);
	cr_assert_str_eq(back->entities[1]->attrs[0]->value, "RU");
	cr_assert_str_eq(back->entities[0]->sources[0], "orgs");
	nerd__v1__recognize_response__free_unpacked(back, NULL);
	free(buf);
	neri_response_free(r);
}

Test(convert, span_outside_the_text_is_invalid_argument)
{
	Nerd__V1__RecognizeResponse *r = (void *) 1;

	cr_assert_eq(neri_result_to_response(sample(), "d", TEXT, 10, &r),
	    NERD_STATUS_INVALID_ARGUMENT);
	cr_assert_null(r);
}

Test(convert, recognized_result_converts)
{
	const char                  *dirs[]  = { CORE_TP_DIR "/pipe" };
	const char                  *kinds[] = { "place" };
	neri_registry_config         cfg;
	neri_registry               *reg;
	neri_request                 req;
	neri_result                 *res;
	Nerd__V1__RecognizeResponse *r;

	memset(&cfg, 0, sizeof(cfg));
	cfg.dirs   = dirs;
	cfg.n_dirs = 1;
	cr_assert_eq(neri_registry_load(&reg, &cfg, NULL, NULL), 0);
	memset(&req, 0, sizeof(req));
	req.text    = TEXT;
	req.len     = strlen(TEXT);
	req.kinds   = kinds;
	req.n_kinds = 1;
	cr_assert_eq(neri_recognize(reg, &req, &res), 0);
	cr_assert_eq(
	    neri_result_to_response(res, "x", TEXT, strlen(TEXT), &r), 0);
	cr_assert_eq(r->n_entities, 1);
	cr_assert_str_eq(r->entities[0]->text, "Moscow");
	cr_assert_str_eq(r->entities[0]->sources[0], "cities");
	cr_assert_str_eq(r->plugins[0]->name, "cities");
	neri_response_free(r);
	neri_result_free(res);
	neri_registry_rele(reg);
	neri_response_free(NULL);
}

/* Fields of a response: what the packed-size bound may exceed the real
 * size by, 11 bytes each. */
static size_t
field_count(const Nerd__V1__RecognizeResponse *r)
{
	size_t n = 1; /* document_id */

	for (size_t i = 0; i < r->n_entities; i++) {
		const Nerd__V1__Entity *e = r->entities[i];
		n += 7 + e->n_sources + 3 * e->n_attrs;
	}
	return (n + 6 * r->n_plugins);
}

Test(convert, packed_bound_covers_the_packed_size)
{
	Nerd__V1__RecognizeResponse *r;
	size_t                       n;
	size_t                       bound;

	cr_assert_eq(
	    neri_result_to_response(sample(), "doc-1", TEXT, strlen(TEXT), &r),
	    0);
	n     = nerd__v1__recognize_response__get_packed_size(r);
	bound = neri_response_packed_bound(r);
	cr_assert_geq(bound, n);
	cr_assert_leq(bound, n + 11 * field_count(r));
	neri_response_free(r);
	cr_assert_eq(neri_response_packed_bound(NULL), 0);
}

/* Widest varints (a negative int32 code takes 10 bytes, large uint32s 5),
 * long strings whose lengths take several varint bytes, many attributes
 * and sources with shared names: the bound still holds, and a buffer of
 * its size takes the whole packed response. */
Test(convert, packed_bound_holds_for_wide_fields)
{
	static char *srcs[] = { "a", "bb", "a", "ccc" };
	enum { LONG = 70000, N_ATTRS = 40 };
	char                        *big  = malloc(LONG + 1);
	char                        *text = malloc(LONG + 1);
	neri_attr                    attrs[N_ATTRS];
	neri_entity                  ents[2];
	neri_plugin_result           plugins[1];
	neri_result                  res;
	Nerd__V1__RecognizeResponse *r;
	uint8_t                     *buf;
	size_t                       n;
	size_t                       bound;

	cr_assert_not_null(big);
	cr_assert_not_null(text);
	memset(big, 'v', LONG);
	big[LONG] = '\0';
	memset(text, 'x', LONG);
	text[LONG] = '\0';
	for (int i = 0; i < N_ATTRS; i++) {
		attrs[i].key   = i % 2 == 0 ? "k" : "";
		attrs[i].value = i == 0 ? big : "val";
	}
	memset(ents, 0, sizeof(ents));
	memset(&res, 0, sizeof(res));
	ents[0].start         = 0;
	ents[0].end           = LONG;
	ents[0].kind          = "a-kind";
	ents[0].value         = big;
	ents[0].score         = 1.0f;
	ents[0].attrs         = attrs;
	ents[0].n_attrs       = N_ATTRS;
	ents[0].sources       = srcs;
	ents[0].n_sources     = 4;
	ents[1].start         = LONG - 1;
	ents[1].end           = LONG;
	ents[1].kind          = "a-kind";
	ents[1].value         = "";
	ents[1].sources       = srcs;
	ents[1].n_sources     = 1;
	plugins[0].name       = "p";
	plugins[0].code       = -5;
	plugins[0].message    = big;
	plugins[0].elapsed_us = UINT32_MAX;
	plugins[0].entities   = UINT32_MAX;
	res.entities          = ents;
	res.n_entities        = 2;
	res.plugins           = plugins;
	res.n_plugins         = 1;
	cr_assert_eq(neri_result_to_response(&res, big, text, LONG, &r), 0);
	n     = nerd__v1__recognize_response__get_packed_size(r);
	bound = neri_response_packed_bound(r);
	cr_assert_geq(bound, n);
	cr_assert_leq(bound, n + 11 * field_count(r));
	buf = malloc(bound);
	cr_assert_not_null(buf);
	cr_assert_eq(nerd__v1__recognize_response__pack(r, buf), n);
	free(buf);
	neri_response_free(r);
	free(big);
	free(text);
}
