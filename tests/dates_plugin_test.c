/*
 * tests/dates_plugin_test.c: the built dates.so end to end through the
 * core registry, as the server and nerc --local run it: its descriptor,
 * its data found next to it, the document date taken from the request or
 * from the text, and its attributes after the merge.
 */
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "neri.h"
#include "plugin_load.h"

static neri_registry *reg;

static void
datesp_setup(void)
{
	const neri_plugin_info *p = tpl_load(&reg, "dates");

	cr_assert_str_eq(p->provides[0], "date");
	cr_assert_null(p->provides[1]);
	cr_assert_null(p->consumes[0]);
}

static void
datesp_teardown(void)
{
	neri_registry_rele(reg);
	reg = NULL;
}

TestSuite(dates_plugin, .init = datesp_setup, .fini = datesp_teardown);

static neri_result *
datesp_run(const char *text, const char *dct)
{
	static const char *const kinds[] = { "date" };
	neri_request             req;
	neri_result             *res = NULL;

	memset(&req, 0, sizeof(req));
	req.text    = text;
	req.len     = strlen(text);
	req.dct     = dct;
	req.kinds   = kinds;
	req.n_kinds = 1;
	cr_assert_eq(neri_recognize(reg, &req, &res), 0);
	return (res);
}

static const neri_entity *
datesp_find(const neri_result *res, const char *text, const char *span)
{
	size_t n = strlen(span);

	for (size_t i = 0; i < res->n_entities; i++) {
		const neri_entity *e = &res->entities[i];

		if (e->end - e->start == n
		    && memcmp(text + e->start, span, n) == 0) {
			cr_assert_str_eq(e->kind, "date");
			return (e);
		}
	}
	cr_assert_fail("no date \"%s\"", span);
	return (NULL);
}

static const char *
datesp_attr(const neri_entity *e, const char *key)
{
	for (size_t i = 0; i < e->n_attrs; i++) {
		if (strcmp(e->attrs[i].key, key) == 0) {
			return (e->attrs[i].value);
		}
	}
	return (NULL);
}

Test(dates_plugin, the_dateline_dates_a_document_without_dct)
{
	const char *text
	    = "date 2023-03-10 BAKU, March 10. /Agency/. The "
	      "minister will arrive on Monday and leave in late March.";
	neri_result       *res = datesp_run(text, NULL);
	const neri_entity *e;

	cr_assert_str_eq(
	    datesp_find(res, text, "2023-03-10")->value, "2023-03-10");
	cr_assert_str_eq(
	    datesp_find(res, text, "March 10")->value, "2023-03-10");
	cr_assert_str_eq(
	    datesp_find(res, text, "Monday")->value, "2023-03-13");
	e = datesp_find(res, text, "late March");
	cr_assert_str_eq(e->value, "2023-03");
	cr_assert_str_eq(datesp_attr(e, "mod"), "END");
	cr_assert_str_eq(datesp_attr(e, "timex_type"), "DATE");
	neri_result_free(res);
}

Test(dates_plugin, the_request_dct_wins_over_the_text)
{
	const char  *text = "date 2023-03-10 The council met yesterday.";
	neri_result *res  = datesp_run(text, "2024-06-24");

	cr_assert_str_eq(
	    datesp_find(res, text, "yesterday")->value, "2024-06-23");
	neri_result_free(res);
}

Test(dates_plugin, times_carry_the_time_type)
{
	const char        *text = "Voting ends at 8 p.m. EDT on Tuesday.";
	neri_result       *res  = datesp_run(text, "2024-11-04");
	const neri_entity *e    = datesp_find(res, text, "8 p.m. EDT");

	cr_assert_str_eq(e->value, "2024-11-05T20:00");
	cr_assert_str_eq(datesp_attr(e, "timex_type"), "TIME");
	cr_assert_str_eq(
	    datesp_find(res, text, "Tuesday")->value, "2024-11-05");
	neri_result_free(res);
}

Test(dates_plugin, every_span_lies_on_the_text)
{
	const char *text
	    = "On 9 and 10 September 2023, Q3 and Q4, the "
	      "1990s, mid-2023 and 2023-24 all came up; now it is over.";
	neri_result *res = datesp_run(text, "2024-01-01");

	cr_assert_eq(res->n_entities, 8, "%zu dates", res->n_entities);
	for (size_t i = 0; i < res->n_entities; i++) {
		cr_assert_lt(res->entities[i].start, res->entities[i].end);
		cr_assert_leq(res->entities[i].end, strlen(text));
		cr_assert_neq(res->entities[i].value[0], '\0');
	}
	neri_result_free(res);
}
