/*
 * tests/officials_plugin_test.c: the built officials.so end to end through
 * the core registry, as the server and nerc --local run it: its
 * descriptor, its data found next to it, its entities and attributes after
 * the merge.
 */
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "core/neri.h"
#include "plugin_load.h"

static neri_registry *reg;

static void
offp_setup(void)
{
	const neri_plugin_info *p = tpl_load(&reg, "officials");

	cr_assert_str_eq(p->provides[0], "official");
	cr_assert_str_eq(p->provides[1], "person");
	cr_assert_null(p->provides[2]);
	cr_assert_null(p->consumes[0]);
}

static void
offp_teardown(void)
{
	neri_registry_rele(reg);
	reg = NULL;
}

TestSuite(officials_plugin, .init = offp_setup, .fini = offp_teardown);

static neri_result *
offp_run(const char *text, const char *dct)
{
	static const char *const kinds[] = { "official", "person" };
	neri_request             req;
	neri_result             *res = NULL;

	memset(&req, 0, sizeof(req));
	req.text    = text;
	req.len     = strlen(text);
	req.dct     = dct;
	req.kinds   = kinds;
	req.n_kinds = 2;
	cr_assert_eq(neri_recognize(reg, &req, &res), 0);
	return (res);
}

static const char *
offp_attr(const neri_entity *e, const char *key)
{
	size_t i;

	for (i = 0; i < e->n_attrs; i++) {
		if (strcmp(e->attrs[i].key, key) == 0) {
			return (e->attrs[i].value);
		}
	}
	return (NULL);
}

static const neri_entity *
offp_find(const neri_result *res, const char *text, const char *span, int nth)
{
	size_t i, len = strlen(span);

	for (i = 0; i < res->n_entities; i++) {
		const neri_entity *e = &res->entities[i];
		if (e->end - e->start == len
		    && memcmp(text + e->start, span, len) == 0 && nth-- == 0) {
			return (e);
		}
	}
	cr_assert_fail("no entity \"%s\"", span);
	return (NULL);
}

Test(officials_plugin, emits_officials_with_attributes)
{
	const char *text = "MOSCOW, April 26. Russian Foreign Minister Sergey "
	                   "Lavrov will meet his Bolivian counterpart Celinda "
	                   "Sosa. Lavrov's "
	                   "aides prepared the talks.";
	neri_result       *res = offp_run(text, "2024-04-26");
	const neri_entity *e;

	e = offp_find(res, text, "Sergey Lavrov", 0);
	cr_assert_str_eq(e->kind, "official");
	cr_assert_str_eq(offp_attr(e, "name"), "Sergey Lavrov");
	cr_assert_str_eq(offp_attr(e, "role"), "Foreign Minister");
	cr_assert_str_eq(offp_attr(e, "country"), "RU");
	e = offp_find(res, text, "Celinda Sosa", 0);
	cr_assert_str_eq(offp_attr(e, "role"), "Foreign Minister");
	cr_assert_str_eq(offp_attr(e, "country"), "BO");
	e = offp_find(res, text, "Lavrov", 0);
	cr_assert_str_eq(e->kind, "official");
	cr_assert_str_eq(offp_attr(e, "name"), "Sergey Lavrov");
	cr_assert_eq(res->n_entities, 3);
	neri_result_free(res);
}

Test(officials_plugin, intergovernmental_office_has_no_country)
{
	const char *text = "WTO Director-General Ngozi Okonjo-Iweala welcomed "
	                   "the decision.";
	neri_result       *res = offp_run(text, "");
	const neri_entity *e = offp_find(res, text, "Ngozi Okonjo-Iweala", 0);

	cr_assert_str_eq(e->kind, "official");
	cr_assert_null(offp_attr(e, "country"));
	cr_assert_str_eq(offp_attr(e, "organization"), "WTO");
	neri_result_free(res);
}

Test(officials_plugin, private_people_are_persons)
{
	const char *text = "\"It is symbolic,\" said Fatou Ndiaye, a security "
	                   "researcher based in Dakar.";
	neri_result       *res = offp_run(text, "");
	const neri_entity *e   = offp_find(res, text, "Fatou Ndiaye", 0);

	cr_assert_str_eq(e->kind, "person");
	cr_assert_str_eq(offp_attr(e, "name"), "Fatou Ndiaye");
	cr_assert_null(offp_attr(e, "role"));
	neri_result_free(res);
}

Test(officials_plugin, text_without_people_gives_nothing)
{
	neri_result *res = offp_run("The bloc met on Friday in a hall.", "");

	cr_assert_eq(res->n_entities, 0);
	neri_result_free(res);
}
