/*
 * tests/loader_perms_test.c: the loader's refusals of plugin files and
 * folders that others could change, beyond the cases of registry_test.c:
 * world-writable files, setgid files, group-writable and sticky
 * world-writable plugin folders, folders owned by another user, and
 * parents of the plugin folder that others can write or own (a sticky
 * parent, as /tmp, is fine).
 */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/neri.h"

#define GOOD_SO CORE_TP_DIR "/refuse/good_a.so"

static char           top[64];     /* the temporary folder */
static char           plugdir[96]; /* top/plugins, the plugin folder */
static neri_registry *reg;
static char         **refused;
static size_t         n_refused;

static void
setup(void)
{
	snprintf(top, sizeof(top), "/tmp/nerd-perms-XXXXXX");
	cr_assert_not_null(mkdtemp(top));
	cr_assert_eq(chmod(top, 0755), 0);
	snprintf(plugdir, sizeof(plugdir), "%s/plugins", top);
	cr_assert_eq(mkdir(plugdir, 0755), 0);
}

static void
teardown(void)
{
	char cmd[128];

	if (reg != NULL) {
		neri_registry_rele(reg);
		reg = NULL;
	}
	neri_strings_free(refused, n_refused);
	refused   = NULL;
	n_refused = 0;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", top);
	if (system(cmd) != 0) {
		cr_log_warn("cannot remove %s", top);
	}
}

TestSuite(loader_perms, .init = setup, .fini = teardown);

/* Copies the good test plugin into the plugin folder with mode. */
static void
put_plugin(mode_t mode)
{
	char    buf[65536];
	char    to[160];
	ssize_t n;
	int     in;
	int     out;

	snprintf(to, sizeof(to), "%s/good_a.so", plugdir);
	in  = open(GOOD_SO, O_RDONLY);
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	cr_assert_geq(in, 0, "open %s", GOOD_SO);
	cr_assert_geq(out, 0, "open %s", to);
	while ((n = read(in, buf, sizeof(buf))) > 0) {
		cr_assert_eq(write(out, buf, (size_t) n), n);
	}
	cr_assert_eq(n, 0);
	close(in);
	close(out);
	cr_assert_eq(chmod(to, mode), 0);
}

/* Loads plugdir with the ownership checks on; the load itself succeeds. */
static void
load(void)
{
	const char          *dirs[] = { plugdir };
	neri_registry_config cfg;

	memset(&cfg, 0, sizeof(cfg));
	cfg.dirs        = dirs;
	cfg.n_dirs      = 1;
	cfg.check_owner = 1;
	cr_assert_eq(neri_registry_load(&reg, &cfg, &refused, &n_refused), 0);
}

/* Asserts nothing loaded and one refusal line holds both needles. */
static void
refused_with(const char *a, const char *b)
{
	cr_assert_eq(neri_registry_count(reg), 0, "the plugin loaded");
	for (size_t i = 0; i < n_refused; i++) {
		if (strstr(refused[i], a) != NULL
		    && strstr(refused[i], b) != NULL) {
			return;
		}
	}
	cr_assert_fail("no refusal naming \"%s\" and \"%s\" (%zu lines%s%s)",
	    a, b, n_refused, n_refused > 0 ? ": " : "",
	    n_refused > 0 ? refused[0] : "");
}

static void
need_root(void)
{
	if (geteuid() != 0) {
		cr_skip_test("needs root to give a file away");
	}
}

Test(loader_perms, the_safe_layout_loads)
{
	put_plugin(0755);
	load();
	cr_assert_eq(neri_registry_count(reg), 1);
	cr_assert_eq(n_refused, 0);
}

Test(loader_perms, world_writable_file_is_refused)
{
	put_plugin(0757);
	load();
	refused_with("good_a.so", "group or world writable (mode 757)");
}

Test(loader_perms, setgid_file_is_refused)
{
	put_plugin(02755);
	load();
	refused_with("good_a.so", "setuid or setgid");
}

Test(loader_perms, group_writable_folder_is_refused)
{
	put_plugin(0755);
	cr_assert_eq(chmod(plugdir, 0775), 0);
	load();
	refused_with(plugdir, "group or world writable (mode 775)");
}

Test(loader_perms, sticky_world_writable_plugin_folder_is_refused)
{
	/* Sticky excuses a parent such as /tmp, not the plugin folder: any
	 * user could add a plugin to it. */
	put_plugin(0755);
	cr_assert_eq(chmod(plugdir, 01777), 0);
	load();
	refused_with(plugdir, "group or world writable");
}

Test(loader_perms, folder_owned_by_another_user_is_refused)
{
	need_root();
	put_plugin(0755);
	cr_assert_eq(chown(plugdir, 65534, 65534), 0);
	load();
	refused_with(plugdir, "owned by uid 65534");
}

Test(loader_perms, writable_parent_folder_is_refused)
{
	/* Whoever can write the parent can swap the plugin folder. */
	put_plugin(0755);
	cr_assert_eq(chmod(top, 0777), 0);
	load();
	refused_with(top, "is group or world writable");
}

Test(loader_perms, parent_owned_by_another_user_is_refused)
{
	need_root();
	put_plugin(0755);
	cr_assert_eq(chown(top, 65534, 65534), 0);
	load();
	refused_with(top, "is owned by another user");
}

Test(loader_perms, sticky_world_writable_parent_is_accepted)
{
	put_plugin(0755);
	cr_assert_eq(chmod(top, 01777), 0);
	load();
	cr_assert_eq(neri_registry_count(reg), 1);
	cr_assert_eq(n_refused, 0);
}
