/* tests/example_test.c: plugins/example, built out of tree by ctest's
 * example_build, loads and finds its greetings. */
#include <string.h>

#include <criterion/criterion.h>

#include "core/neri.h"

static neri_registry *reg;

static void
setup(void)
{
	const char          *dirs[] = { EXAMPLE_PLUGIN_DIR };
	neri_registry_config cfg;

	memset(&cfg, 0, sizeof(cfg));
	cfg.dirs        = dirs;
	cfg.n_dirs      = 1;
	cfg.check_owner = 1;
	cr_assert_eq(neri_registry_load(&reg, &cfg, NULL, NULL), 0);
}

static void
teardown(void)
{
	neri_registry_rele(reg);
}

TestSuite(example, .init = setup, .fini = teardown);

Test(example, loads_from_its_build_folder)
{
	cr_assert_eq(neri_registry_count(reg), 1);
	cr_assert_str_eq(neri_registry_plugin(reg, 0)->name, "example");
	cr_assert_str_eq(
	    neri_registry_plugin(reg, 0)->provides[0], "greeting");
}

Test(example, finds_greetings_from_its_data_file)
{
	const char  *text = "Good morning, and welcome back to Vienna. Hello!";
	neri_request req;
	neri_result *res;

	memset(&req, 0, sizeof(req));
	req.text = text;
	req.len  = strlen(text);
	cr_assert_eq(neri_recognize(reg, &req, &res), 0);
	cr_assert_eq(res->n_entities, 3);
	cr_assert_eq(res->entities[0].start, 0);
	cr_assert_eq(res->entities[0].end, 12);
	cr_assert_str_eq(res->entities[0].value, "good morning");
	cr_assert_str_eq(res->entities[1].value, "welcome back");
	cr_assert_str_eq(res->entities[2].kind, "greeting");
	cr_assert_str_eq(res->entities[2].sources[0], "example");
	neri_result_free(res);
}
