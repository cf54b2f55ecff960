/*
 * tests/organizations_plugin_test.c: the built organizations.so end to end
 * through the core registry, as the server and nerc --local run it: its
 * descriptor, its data found next to it, its entities and attributes after
 * the merge.
 */
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "neri.h"
#include "plugin_load.h"

static neri_registry *reg;

static void
orgp_setup(void)
{
	const neri_plugin_info *p = tpl_load(&reg, "organizations");

	cr_assert_str_eq(p->provides[0], "organization");
	cr_assert_null(p->provides[1]);
	cr_assert_null(p->consumes[0]);
}

static void
orgp_teardown(void)
{
	neri_registry_rele(reg);
	reg = NULL;
}

TestSuite(organizations_plugin, .init = orgp_setup, .fini = orgp_teardown);

static neri_result *
orgp_run(const char *text)
{
	static const char *const kinds[] = { "organization" };
	neri_request             req;
	neri_result             *res = NULL;

	memset(&req, 0, sizeof(req));
	req.text    = text;
	req.len     = strlen(text);
	req.kinds   = kinds;
	req.n_kinds = 1;
	cr_assert_eq(neri_recognize(reg, &req, &res), 0);
	return (res);
}

static const char *
orgp_attr(const neri_entity *e, const char *key)
{
	size_t i;

	for (i = 0; i < e->n_attrs; i++) {
		if (strcmp(e->attrs[i].key, key) == 0) {
			return (e->attrs[i].value);
		}
	}
	return (NULL);
}

Test(organizations_plugin, emits_organizations_with_attributes)
{
	const char *text
	    = "The Kremlin said the Collective Security Treaty "
	      "Organization (CSTO) would meet the Russian Foreign Ministry.";
	neri_result *res = orgp_run(text);
	size_t       i, orgs = 0;
	int          saw_csto = 0, saw_ministry = 0;

	for (i = 0; i < res->n_entities; i++) {
		const neri_entity *e   = &res->entities[i];
		size_t             len = e->end - e->start;
		if (strcmp(e->kind, "organization") != 0) {
			continue;
		}
		orgs++;
		cr_assert_lt(e->start, e->end);
		cr_assert_leq(e->end, strlen(text));
		cr_assert_not_null(orgp_attr(e, "name"));
		if (len == 4 && memcmp(text + e->start, "CSTO", 4) == 0) {
			saw_csto = 1;
			cr_assert_str_eq(orgp_attr(e, "canonical"), "CSTO");
			cr_assert_str_eq(orgp_attr(e, "name"),
			    "Collective Security Treaty Organization");
		}
		if (len == 24
		    && memcmp(text + e->start, "Russian Foreign Ministry", 24)
		        == 0) {
			saw_ministry = 1;
			cr_assert_str_eq(orgp_attr(e, "country"), "RU");
		}
	}
	cr_assert_eq(orgs, 4);
	cr_assert(saw_csto);
	cr_assert(saw_ministry);
	neri_result_free(res);
}

Test(organizations_plugin, text_without_organisations_gives_none)
{
	neri_result *res = orgp_run("The weather was mild in the hills.");
	size_t       i;

	for (i = 0; i < res->n_entities; i++) {
		cr_assert_str_neq(res->entities[i].kind, "organization");
	}
	neri_result_free(res);
}
