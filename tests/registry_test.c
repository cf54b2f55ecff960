/* tests/registry_test.c: loading plugins, refusing bad ones, the pipeline. */
#define _XOPEN_SOURCE 700 /* mkdtemp, nftw-free cleanup helpers */

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "core/neri.h"
#include "core/registry.h"

#define DIR_OF(set) CORE_TP_DIR "/" set

static neri_registry *reg;
static char         **refused;
static size_t         n_refused;

static void
teardown(void)
{
	neri_registry_rele(reg);
	reg = NULL;
	neri_strings_free(refused, n_refused);
	refused   = NULL;
	n_refused = 0;
}

static int
load(const char *dir, int check_owner)
{
	const char          *dirs[] = { dir };
	neri_registry_config cfg;

	memset(&cfg, 0, sizeof(cfg));
	cfg.dirs        = dirs;
	cfg.n_dirs      = 1;
	cfg.check_owner = check_owner;
	return (neri_registry_load(&reg, &cfg, &refused, &n_refused));
}

/* The refusal line that mentions both needles, or NULL. */
static const char *
refusal(const char *a, const char *b)
{
	size_t i;

	for (i = 0; i < n_refused; i++) {
		if (strstr(refused[i], a) != NULL
		    && strstr(refused[i], b) != NULL) {
			return (refused[i]);
		}
	}
	return (NULL);
}

static int
loaded(const char *name)
{
	size_t i;

	for (i = 0; i < neri_registry_count(reg); i++) {
		if (strcmp(neri_registry_plugin(reg, i)->name, name) == 0) {
			return (1);
		}
	}
	return (0);
}

static size_t
position(const char *name)
{
	size_t i;

	for (i = 0; i < neri_registry_count(reg); i++) {
		if (strcmp(neri_registry_plugin(reg, i)->name, name) == 0) {
			return (i);
		}
	}
	cr_assert_fail("%s not loaded", name);
	return (0);
}

/* Nonzero when s is UTF-8 with no control characters: fit for a log
 * line and for a protobuf string. */
static int
clean_line(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++) {
		if ((unsigned char) s[i] < 0x20 || s[i] == 0x7f) {
			return (0);
		}
	}
	return (neri_utf8_valid(s, i));
}

TestSuite(registry, .fini = teardown);

Test(registry, good_plugins_load_and_bad_ones_are_refused)
{
	cr_assert_eq(load(DIR_OF("refuse"), 1), 0);
	cr_assert(loaded("good_a"));
	cr_assert(loaded("good_b"));
	cr_assert_eq(neri_registry_count(reg), 2);
	/* one line per bad file, naming it and the reason */
	cr_assert_not_null(refusal("bad_magic.so", "bad magic"));
	cr_assert_not_null(
	    refusal("other_abi.so", "plugin ABI 2, host ABI 1"));
	cr_assert_not_null(refusal("short_struct.so", "descriptor size"));
	cr_assert_not_null(refusal("no_entry.so", "no nerp_entry symbol"));
	cr_assert_not_null(refusal("not_reentrant.so", "NERP_F_REENTRANT"));
	cr_assert_not_null(refusal("reserved_set.so", "reserved"));
	cr_assert_not_null(refusal("zz_dup.so", "already loaded"));
	cr_assert_not_null(refusal("failing_init.so", "lexicon.tsv"));
	cr_assert_not_null(refusal("needs_gamma.so", "gamma"));
	cr_assert_eq(n_refused, 9);
}

Test(registry, pipeline_puts_providers_before_consumers)
{
	cr_assert_eq(load(DIR_OF("pipe"), 1), 0);
	cr_assert_lt(position("orgs_one"), position("member"));
	cr_assert_lt(position("orgs_two"), position("member"));
	cr_assert_lt(position("member"), position("report"));
	cr_assert_eq(n_refused, 0);
}

/* Each kind is kept once, by name: every plugin providing it points at
 * the one copy, which neri_registry_kind finds from any spelling of the
 * name; a kind of two providers marks the registry. */
Test(registry, kinds_are_kept_once_by_name)
{
	char        org[] = "org";
	const char *k;
	size_t      i;

	cr_assert_eq(load(DIR_OF("pipe"), 1), 0);
	k = neri_registry_kind(reg, org);
	cr_assert_not_null(k);
	cr_assert_neq(k, org);
	cr_assert_str_eq(k, "org");
	cr_assert_null(neri_registry_kind(reg, "nothing"));
	for (i = 0; i < reg->n; i++) {
		cr_assert_eq(reg->plugins[i].kinds[0],
		    neri_registry_kind(reg, reg->plugins[i].desc->provides[0]));
		cr_assert_str_eq(reg->plugins[i].name, reg->plugins[i].desc->name);
	}
	cr_assert(reg->kinds_shared); /* orgs_one and orgs_two */
	teardown();
	cr_assert_eq(load(DIR_OF("refuse"), 1), 0);
	cr_assert_not(reg->kinds_shared); /* alpha and beta */
	cr_assert_str_eq(neri_registry_kind(reg, "beta"), "beta");
}

Test(registry, plugin_info_describes_each_plugin)
{
	const neri_plugin_info *pi;

	cr_assert_eq(load(DIR_OF("refuse"), 1), 0);
	pi = neri_registry_plugin(reg, position("good_b"));
	cr_assert_str_eq(pi->version, "1.0.0");
	cr_assert_str_eq(pi->provides[0], "beta");
	cr_assert_null(pi->provides[1]);
	cr_assert_str_eq(pi->consumes[0], "alpha");
	cr_assert_not_null(strstr(pi->path, "/refuse/good_b.so"));
	pi = neri_registry_plugin(reg, position("good_a"));
	cr_assert_null(pi->consumes[0]);
	cr_assert_null(neri_registry_plugin(reg, 2));
}

/* Plugins that consume each other's kinds are refused, each on a line
 * naming the cycle, and so is one that consumes from them; the others
 * still load. */
Test(registry, cycle_refuses_its_plugins_naming_them)
{
	cr_assert_eq(load(DIR_OF("cycle"), 1), 0);
	cr_assert(loaded("bystander"));
	cr_assert_eq(neri_registry_count(reg), 1);
	cr_assert_not_null(refusal("cyc_a.so", "cycle"));
	cr_assert_not_null(refusal("cyc_b.so", "among plugins cyc_a, cyc_b"));
	cr_assert_null(refusal("cyc_a.so", "behind_cycle"));
	cr_assert_not_null(refusal("behind_cycle.so", "(cyc_a, cyc_b)"));
	cr_assert_null(refusal("cycle", "bystander"));
	cr_assert_eq(n_refused, 3);
}

/* A plugin that needs a kind no plugin provides is refused, and so is
 * one that needs what a refused plugin would have provided, or only
 * what it provides itself; the others still load. */
Test(registry, unmet_need_refuses_the_plugin_naming_the_kind)
{
	cr_assert_eq(load(DIR_OF("unmet"), 1), 0);
	cr_assert(loaded("bystander"));
	cr_assert_eq(neri_registry_count(reg), 1);
	cr_assert_not_null(refusal("lonely.so", "\"nothing\""));
	cr_assert_not_null(refusal("needs_lonely.so", "\"quiet\""));
	cr_assert_not_null(
	    refusal("selfish.so", "consumes kind \"mirror\" that it provides"));
	cr_assert_eq(n_refused, 3);
}

Test(registry, generation_grows_with_each_load)
{
	neri_registry *first;
	uint64_t       g1;

	cr_assert_eq(load(DIR_OF("refuse"), 1), 0);
	first = reg;
	g1    = neri_registry_generation(first);
	neri_strings_free(refused, n_refused);
	cr_assert_eq(load(DIR_OF("refuse"), 1), 0);
	cr_assert_gt(neri_registry_generation(reg), g1);
	neri_registry_rele(first);
}

Test(registry, hold_keeps_it_alive_until_the_last_rele)
{
	cr_assert_eq(load(DIR_OF("refuse"), 1), 0);
	neri_registry_hold(reg);
	neri_registry_rele(reg);
	/* still one reference: usable */
	cr_assert_eq(neri_registry_count(reg), 2);
}

Test(registry, missing_folder_is_refused_not_fatal)
{
	cr_assert_eq(load("/nonexistent/nerd/plugins", 1), 0);
	cr_assert_eq(neri_registry_count(reg), 0);
	cr_assert_not_null(refusal("/nonexistent/nerd/plugins", "refused"));
}

Test(registry, folder_given_as_a_file_is_refused_not_fatal)
{
	cr_assert_eq(load(DIR_OF("refuse") "/good_a.so", 1), 0);
	cr_assert_eq(neri_registry_count(reg), 0);
	cr_assert_not_null(refusal("good_a.so", "Not a directory"));
}

Test(registry, bad_config_is_invalid_argument)
{
	neri_registry_config cfg;

	memset(&cfg, 0, sizeof(cfg));
	cfg.n_dirs = 1;
	cr_assert_eq(neri_registry_load(&reg, &cfg, NULL, NULL),
	    NERD_STATUS_INVALID_ARGUMENT);
	cr_assert_eq(neri_registry_load(NULL, &cfg, NULL, NULL),
	    NERD_STATUS_INVALID_ARGUMENT);
}

/* ------------------------------------------------- unsafe files, folders */

static char tmpdir[64];

static void
copy_file(const char *from, const char *to, mode_t mode)
{
	char    buf[65536];
	ssize_t n;
	int     in  = open(from, O_RDONLY);
	int     out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	cr_assert_geq(in, 0, "open %s", from);
	cr_assert_geq(out, 0, "open %s", to);
	for (;;) {
		n = read(in, buf, sizeof(buf));
		cr_assert_geq(n, 0);
		if (n == 0) {
			break;
		}
		cr_assert_eq(write(out, buf, (size_t) n), n);
	}
	cr_assert_eq(close(in), 0);
	cr_assert_eq(close(out), 0);
	cr_assert_eq(chmod(to, mode), 0);
}

static void
make_tmpdir(void)
{
	(void) snprintf(tmpdir, sizeof(tmpdir), "/tmp/nerd-core-XXXXXX");
	cr_assert_not_null(mkdtemp(tmpdir));
	cr_assert_eq(chmod(tmpdir, 0755), 0);
}

static void
tmp_path(char *buf, size_t len, const char *name)
{
	(void) snprintf(buf, len, "%s/%s", tmpdir, name);
}

static void
cleanup_tmpdir(void)
{
	const char *names[] = { "good_a.so", "link.so", "hard.so",
		"good_b.so", "caf\xe9.so", "tab\there.so", "d\xff/good_a.so",
		"d\xff", "text.so" };
	char   p[128];
	size_t i;

	teardown();
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		tmp_path(p, sizeof(p), names[i]);
		(void) unlink(p);
		(void) rmdir(p);
	}
	(void) chmod(tmpdir, 0755);
	(void) rmdir(tmpdir);
}

TestSuite(loader, .init = make_tmpdir, .fini = cleanup_tmpdir);

Test(loader, safe_copy_loads)
{
	char p[128];

	tmp_path(p, sizeof(p), "good_a.so");
	copy_file(DIR_OF("refuse") "/good_a.so", p, 0755);
	cr_assert_eq(load(tmpdir, 1), 0);
	cr_assert(loaded("good_a"));
	cr_assert_eq(n_refused, 0);
}

Test(loader, group_writable_file_is_refused)
{
	char p[128];

	tmp_path(p, sizeof(p), "good_a.so");
	copy_file(DIR_OF("refuse") "/good_a.so", p, 0775);
	cr_assert_eq(load(tmpdir, 1), 0);
	cr_assert_eq(neri_registry_count(reg), 0);
	cr_assert_not_null(refusal("good_a.so", "group or world writable"));
}

Test(loader, unchecked_mode_accepts_group_writable_file)
{
	char p[128];

	tmp_path(p, sizeof(p), "good_a.so");
	copy_file(DIR_OF("refuse") "/good_a.so", p, 0775);
	cr_assert_eq(load(tmpdir, 0), 0);
	cr_assert(loaded("good_a"));
}

Test(loader, symlink_is_refused)
{
	char p[128];

	tmp_path(p, sizeof(p), "link.so");
	cr_assert_eq(symlink(DIR_OF("refuse") "/good_a.so", p), 0);
	cr_assert_eq(load(tmpdir, 1), 0);
	cr_assert_eq(neri_registry_count(reg), 0);
	cr_assert_not_null(refusal("link.so", "symbolic link"));
}

Test(loader, world_writable_folder_is_refused)
{
	char p[128];

	tmp_path(p, sizeof(p), "good_a.so");
	copy_file(DIR_OF("refuse") "/good_a.so", p, 0755);
	cr_assert_eq(chmod(tmpdir, 0777), 0);
	cr_assert_eq(load(tmpdir, 1), 0);
	cr_assert_eq(neri_registry_count(reg), 0);
	cr_assert_not_null(refusal(tmpdir, "group or world writable"));
	cr_assert_eq(n_refused, 1);
}

Test(loader, hard_link_to_a_loaded_file_is_refused)
{
	char p[128], h[128];

	tmp_path(p, sizeof(p), "good_a.so");
	tmp_path(h, sizeof(h), "hard.so");
	copy_file(DIR_OF("refuse") "/good_a.so", p, 0755);
	cr_assert_eq(link(p, h), 0);
	cr_assert_eq(load(tmpdir, 1), 0);
	cr_assert_eq(neri_registry_count(reg), 1);
	cr_assert_not_null(refusal("hard.so", "same file as"));
}

/* A plugin's path goes into ListRecognizers' reply (a protobuf string)
 * and the log: a file name that is not UTF-8 or holds a control
 * character is refused, on a clean line; the good plugin loads. */
Test(loader, file_name_that_is_not_clean_utf8_is_refused)
{
	char p[128];

	tmp_path(p, sizeof(p), "good_a.so");
	copy_file(DIR_OF("refuse") "/good_a.so", p, 0755);
	tmp_path(p, sizeof(p), "caf\xe9.so");
	copy_file(DIR_OF("refuse") "/good_b.so", p, 0755);
	tmp_path(p, sizeof(p), "tab\there.so");
	copy_file(DIR_OF("refuse") "/good_b.so", p, 0755);
	cr_assert_eq(load(tmpdir, 1), 0);
	cr_assert_eq(neri_registry_count(reg), 1);
	cr_assert(loaded("good_a"));
	cr_assert_eq(n_refused, 2);
	cr_assert_not_null(refusal("caf?.so", "file name is not"));
	cr_assert_not_null(refusal("tab here.so", "file name is not"));
	cr_assert(clean_line(refused[0]) && clean_line(refused[1]));
}

/* A file that is no shared object is refused with dlopen's reason, said
 * of the file (not of the /proc path the loader opened it by). */
Test(loader, file_that_is_not_a_shared_object_is_refused_with_the_reason)
{
	const char *line;
	char        p[128];
	FILE       *f;

	tmp_path(p, sizeof(p), "good_a.so");
	copy_file(DIR_OF("refuse") "/good_a.so", p, 0755);
	tmp_path(p, sizeof(p), "text.so");
	f = fopen(p, "w");
	cr_assert_not_null(f);
	cr_assert_geq(fputs("not an ELF file\n", f), 0);
	cr_assert_eq(fclose(f), 0);
	cr_assert_eq(load(tmpdir, 1), 0);
	cr_assert(loaded("good_a"));
	line = refusal("text.so", "refused: dlopen: ");
	cr_assert_not_null(line);
	cr_assert_null(strstr(line, "/proc/self/fd"), "%s", line);
}

/* A refusal under a long path (1,200 bytes here; PATH_MAX is 4,096)
 * still ends with its reason. */
Test(loader, refusal_under_a_long_path_keeps_its_reason)
{
	char   d[1400], p[1500], cmd[200];
	size_t at, level;
	FILE  *f;
	int    kept;

	at = (size_t) snprintf(d, sizeof(d), "%s/deep", tmpdir);
	cr_assert_eq(mkdir(d, 0755), 0);
	for (level = 0; level < 5; level++) {
		d[at++] = '/';
		memset(d + at, 'a', 240);
		at += 240;
		d[at] = '\0';
		cr_assert_eq(mkdir(d, 0755), 0);
	}
	(void) snprintf(p, sizeof(p), "%s/text.so", d);
	f = fopen(p, "w");
	cr_assert_not_null(f);
	cr_assert_geq(fputs("not an ELF file\n", f), 0);
	cr_assert_eq(fclose(f), 0);
	cr_assert_eq(load(d, 1), 0);
	kept = n_refused == 1 && strstr(refused[0], "/text.so refused: dlopen: ")
	    != NULL;
	(void) snprintf(cmd, sizeof(cmd), "rm -rf '%s/deep'", tmpdir);
	cr_assert_eq(system(cmd), 0);
	cr_assert(kept, "%s", n_refused > 0 ? refused[0] : "no line");
}

Test(loader, folder_path_that_is_not_utf8_is_refused)
{
	char d[128], p[160];

	tmp_path(d, sizeof(d), "d\xff");
	cr_assert_eq(mkdir(d, 0755), 0);
	(void) snprintf(p, sizeof(p), "%s/good_a.so", d);
	copy_file(DIR_OF("refuse") "/good_a.so", p, 0755);
	cr_assert_eq(load(d, 1), 0);
	cr_assert_eq(neri_registry_count(reg), 0);
	cr_assert_eq(n_refused, 1);
	cr_assert_not_null(refusal("plugin folder", "not UTF-8"));
	cr_assert(clean_line(refused[0]), "%s", refused[0]);
}

Test(loader, file_owned_by_another_user_is_refused)
{
	char p[128];

	if (geteuid() != 0) {
		cr_skip_test("needs root to give a file away");
	}
	tmp_path(p, sizeof(p), "good_a.so");
	copy_file(DIR_OF("refuse") "/good_a.so", p, 0755);
	cr_assert_eq(chown(p, 65534, 65534), 0);
	cr_assert_eq(load(tmpdir, 1), 0);
	cr_assert_eq(neri_registry_count(reg), 0);
	cr_assert_not_null(refusal("good_a.so", "owned by uid 65534"));
}

Test(loader, setuid_file_is_refused)
{
	char p[128];

	tmp_path(p, sizeof(p), "good_a.so");
	copy_file(DIR_OF("refuse") "/good_a.so", p, 04755);
	cr_assert_eq(load(tmpdir, 1), 0);
	cr_assert_eq(neri_registry_count(reg), 0);
	cr_assert_not_null(refusal("good_a.so", "setuid"));
}

Test(registry, second_load_gets_its_own_files_not_reused_fd_names)
{
	neri_registry *first;

	/* glibc matches dlopen names; /proc/self/fd/N names repeat as fd
	 * numbers are reused, so a naive loader would get good_a back. */
	cr_assert_eq(load(DIR_OF("refuse"), 1), 0);
	first = reg;
	neri_strings_free(refused, n_refused);
	cr_assert_eq(load(DIR_OF("pipe"), 1), 0);
	cr_assert(loaded("caps"));
	cr_assert(loaded("cities"));
	cr_assert_not(loaded("good_a"));
	neri_registry_rele(first);
}

Test(registry, probed_init_that_crashes_is_refused_not_fatal)
{
	const char          *dirs[] = { DIR_OF("crash") };
	neri_registry_config cfg;

	memset(&cfg, 0, sizeof(cfg));
	cfg.dirs        = dirs;
	cfg.n_dirs      = 1;
	cfg.check_owner = 1;
	cfg.probe_init  = 1;
	cr_assert_eq(neri_registry_load(&reg, &cfg, &refused, &n_refused), 0);
	cr_assert(loaded("steady"));
	cr_assert_not(loaded("crashing_init"));
	cr_assert_not_null(
	    refusal("crashing_init.so", "crashed in the probe"));
}

Test(registry, probed_init_failure_is_reported_as_by_init)
{
	const char          *dirs[] = { DIR_OF("refuse") };
	neri_registry_config cfg;

	memset(&cfg, 0, sizeof(cfg));
	cfg.dirs        = dirs;
	cfg.n_dirs      = 1;
	cfg.check_owner = 1;
	cfg.probe_init  = 1;
	cr_assert_eq(neri_registry_load(&reg, &cfg, &refused, &n_refused), 0);
	cr_assert_eq(neri_registry_count(reg), 2);
	cr_assert_not_null(refusal("failing_init.so", "lexicon.tsv"));
}

Test(registry, kind_index_finds_a_kind_by_pointer_then_by_name)
{
	static const char *const list[] = { "date", "official", NULL };
	char                     named[] = "official";

	cr_assert_eq(neri_kind_index(list, list[0]), 0);
	cr_assert_eq(neri_kind_index(list, list[1]), 1);
	/* Another buffer with the same name: found by name. */
	cr_assert_eq(neri_kind_index(list, named), 1);
	cr_assert_eq(neri_kind_index(list, "organization"), -1);
	cr_assert_eq(neri_kind_index(NULL, "date"), -1);
}

Test(registry, kind_index_prefers_the_same_pointer_to_an_equal_name)
{
	static const char twin[] = "date";
	const char *const list[] = { "date", twin, NULL };

	cr_assert_eq(neri_kind_index(list, twin), 1);
}

/* init() filled err with a bad byte, line breaks and no NUL: the line
 * still names the plugin and the cause, is valid UTF-8 on one line, and
 * the good plugin of the folder loads. */
Test(registry, garbled_init_message_is_refused_on_one_clean_line)
{
	const char *line;

	cr_assert_eq(load(DIR_OF("malformed"), 1), 0);
	cr_assert(loaded("good_a"));
	line = refusal("garbled_init.so", "init failed (INVALID_ARGUMENT)");
	cr_assert_not_null(line);
	cr_assert_not_null(strstr(line, "bad ? byte \xe2\x82\xac"), "%s", line);
	cr_assert(clean_line(line), "%s", line);
}

Test(registry, text_clean_keeps_utf8_and_masks_bad_bytes_and_controls)
{
	char s[] = "ok \xc3\xa9\t\xff\xc0\xaf \xed\xa0\x80 \x7f end \xe2\x82";

	neri_text_clean(s);
	cr_assert_str_eq(s, "ok \xc3\xa9 ??? ???   end ??");
}

/* Version and description go into ListRecognizers' reply (protobuf
 * strings) and the log: a version of other than semver's characters and
 * a description that is not one line of UTF-8 are refused, naming the
 * file and the field. */
Test(registry, version_and_description_must_be_clean_text)
{
	cr_assert_eq(load(DIR_OF("malformed"), 1), 0);
	cr_assert(loaded("good_a"));
	cr_assert_not(loaded("bad_version"));
	cr_assert_not(loaded("bad_desc"));
	cr_assert_not_null(refusal("bad_version.so", "version"));
	cr_assert_not_null(refusal("bad_desc.so", "description"));
}

/* A nerp_entry that is a data object, not a function, is refused
 * without being called (a call would jump into data and crash the
 * server). */
Test(registry, entry_symbol_that_is_not_a_function_is_refused)
{
	cr_assert_eq(load(DIR_OF("malformed"), 1), 0);
	cr_assert(loaded("good_a"));
	cr_assert_not_null(refusal("entry_data.so", "not a function"));
}

/* Log lines of a load, for the tests that read them. */
static char   logged[16][256];
static size_t n_logged;

static void
log_line(void *arg, int level, const char *source, const char *msg)
{
	(void) arg;
	if (level <= NERP_LOG_WARN && n_logged < 16) {
		(void) snprintf(logged[n_logged++], sizeof(logged[0]), "%s: %s",
		    source, msg);
	}
}

static size_t
count_logged(const char *a, const char *b)
{
	size_t i, n = 0;

	for (i = 0; i < n_logged; i++) {
		n += strstr(logged[i], a) != NULL && strstr(logged[i], b) != NULL;
	}
	return (n);
}

/* Settings for a plugin that is not loaded (a typo, or one refused) are
 * named in one warning per plugin instead of vanishing silently. */
Test(registry, settings_for_a_plugin_not_loaded_are_warned_about)
{
	static const neri_setting settings[] = {
		{ "ghost", "mode", "caps" },
		{ "good_a", "mode", "match" },
		{ "ghost", "word", "Boo" },
		{ "failing_init", "word", "x" },
	};
	const char          *dirs[] = { DIR_OF("refuse") };
	neri_registry_config cfg;

	memset(&cfg, 0, sizeof(cfg));
	cfg.dirs        = dirs;
	cfg.n_dirs      = 1;
	cfg.check_owner = 1;
	cfg.settings    = settings;
	cfg.n_settings  = 4;
	cfg.log         = log_line;
	n_logged        = 0;
	cr_assert_eq(neri_registry_load(&reg, &cfg, &refused, &n_refused), 0);
	cr_assert(loaded("good_a"));
	cr_assert_eq(count_logged("\"ghost\"", "not loaded"), 1);
	cr_assert_eq(count_logged("\"failing_init\"", "not loaded"), 1);
	cr_assert_eq(count_logged("good_a", "not loaded"), 0);
}

/* A refused name or kind is quoted, so the author sees which one. */
Test(registry, bad_name_or_kind_is_quoted_in_the_refusal)
{
	cr_assert_eq(load(DIR_OF("malformed"), 1), 0);
	cr_assert(loaded("good_a"));
	cr_assert_not_null(refusal("upper_kind.so", "kind \"Person\""));
	cr_assert_not_null(refusal("bad_name.so", "name \"Bad_Name\""));
}
