/* tests/plugin_load.c: see plugin_load.h. */
#include "plugin_load.h"

#include <string.h>

#include <criterion/criterion.h>

const neri_plugin_info *
tpl_load(neri_registry **reg, const char *name)
{
	const char             *dir   = NERD_TEST_PLUGIN_DIR;
	const neri_plugin_info *found = NULL;
	neri_registry_config    cfg;
	char                  **refused   = NULL;
	size_t                  n_refused = 0;

	memset(&cfg, 0, sizeof(cfg));
	cfg.dirs        = &dir;
	cfg.n_dirs      = 1;
	cfg.check_owner = 0;
	cr_assert_eq(neri_registry_load(reg, &cfg, &refused, &n_refused), 0);
	for (size_t i = 0; i < n_refused; i++) {
		cr_assert(strstr(refused[i], name) == NULL, "%s", refused[i]);
	}
	neri_strings_free(refused, n_refused);
	for (size_t i = 0; i < neri_registry_count(*reg); i++) {
		const neri_plugin_info *p = neri_registry_plugin(*reg, i);

		if (strcmp(p->name, name) == 0) {
			found = p;
		}
	}
	cr_assert_not_null(found, "%s plugin not loaded", name);
	return (found);
}
