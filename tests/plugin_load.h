/*
 * tests/plugin_load.h: loads the bundled plugins from the build tree as
 * the server and nerc --local do, for the suites that test one plugin end
 * to end.
 */
#ifndef NERD_TESTS_PLUGIN_LOAD_H
#define NERD_TESTS_PLUGIN_LOAD_H

#include "core/neri.h"

/* Loads every plugin of NERD_TEST_PLUGIN_DIR into *reg, asserting that the
 * plugin called name was not refused and is loaded; returns its info
 * (borrowed from *reg).  Fails the calling test otherwise. */
const neri_plugin_info *tpl_load(neri_registry **reg, const char *name);

#endif /* NERD_TESTS_PLUGIN_LOAD_H */
