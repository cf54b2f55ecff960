#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "nerl.h"

static char dir[64];

static void
make_dir(void)
{
	strcpy(dir, "/tmp/nerl_tsv_XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
}

static void
remove_dir(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
}

TestSuite(nerl_tsv, .init = make_dir, .fini = remove_dir);

/* Writes content to dir/name and returns the path (static buffer). */
static const char*
write_file(const char* name, const char* content, size_t len)
{
	static char path[256];
	FILE*       f;

	cr_assert_eq(nerl_path_join(path, sizeof(path), dir, name), 0);
	f = fopen(path, "wb");
	cr_assert_not_null(f);
	cr_assert_eq(fwrite(content, 1, len, f), len);
	fclose(f);
	return (path);
}

static nerl_tsv*
load(const char* content)
{
	char        err[256] = "";
	nerl_tsv*   tsv      = NULL;
	const char* path     = write_file("x.tsv", content, strlen(content));

	cr_assert_eq(
	    nerl_tsv_load(path, &tsv, err, sizeof(err)), 0, "%s", err);
	return (tsv);
}

Test(nerl_tsv, splits_rows_into_tab_separated_fields)
{
	nerl_tsv* tsv = load("RU\tRussia|Russian Federation\tRussian\n"
	                     "BO\tBolivia\tBolivian\tLa Paz|Sucre\n");

	cr_assert_eq(nerl_tsv_rows(tsv), 2);
	cr_assert_eq(nerl_tsv_cols(tsv, 0), 3);
	cr_assert_eq(nerl_tsv_cols(tsv, 1), 4);
	cr_assert_str_eq(nerl_tsv_field(tsv, 0, 0), "RU");
	cr_assert_str_eq(
	    nerl_tsv_field(tsv, 0, 1), "Russia|Russian Federation");
	cr_assert_str_eq(nerl_tsv_field(tsv, 1, 3), "La Paz|Sucre");
	nerl_tsv_free(tsv);
}

Test(nerl_tsv, skips_comments_and_blank_lines)
{
	nerl_tsv* tsv = load("# header\n\n   \nfirst\n#second\n\t\nthird\n");

	cr_assert_eq(nerl_tsv_rows(tsv), 2);
	cr_assert_str_eq(nerl_tsv_field(tsv, 0, 0), "first");
	cr_assert_str_eq(nerl_tsv_field(tsv, 1, 0), "third");
	nerl_tsv_free(tsv);
}

Test(nerl_tsv, reports_line_numbers_of_rows)
{
	nerl_tsv* tsv = load("# c\n\na\tb\n# c\nc\n");

	cr_assert_eq(nerl_tsv_line(tsv, 0), 3);
	cr_assert_eq(nerl_tsv_line(tsv, 1), 5);
	nerl_tsv_free(tsv);
}

Test(nerl_tsv, final_newline_is_optional_and_crlf_is_accepted)
{
	nerl_tsv* tsv = load("a\tb\r\nc\td");

	cr_assert_eq(nerl_tsv_rows(tsv), 2);
	cr_assert_str_eq(nerl_tsv_field(tsv, 0, 1), "b");
	cr_assert_str_eq(nerl_tsv_field(tsv, 1, 1), "d");
	nerl_tsv_free(tsv);
}

Test(nerl_tsv, missing_fields_read_as_empty)
{
	nerl_tsv* tsv = load("a\t\tc\n");

	cr_assert_eq(nerl_tsv_cols(tsv, 0), 3);
	cr_assert_str_eq(nerl_tsv_field(tsv, 0, 1), "");
	cr_assert_str_eq(nerl_tsv_field(tsv, 0, 7), "");
	cr_assert_str_eq(nerl_tsv_field(tsv, 9, 0), "");
	cr_assert_eq(nerl_tsv_cols(tsv, 9), 0);
	nerl_tsv_free(tsv);
}

Test(nerl_tsv, keeps_utf8_and_skips_a_byte_order_mark)
{
	nerl_tsv* tsv = load("\xEF\xBB\xBF"
	                     "TR\tT\xC3\xBCrkiye\n");

	cr_assert_str_eq(nerl_tsv_field(tsv, 0, 0), "TR");
	cr_assert_str_eq(nerl_tsv_field(tsv, 0, 1), "T\xC3\xBCrkiye");
	nerl_tsv_free(tsv);
}

Test(nerl_tsv, empty_file_has_no_rows)
{
	nerl_tsv* tsv = load("");

	cr_assert_eq(nerl_tsv_rows(tsv), 0);
	nerl_tsv_free(tsv);
}

Test(nerl_tsv, invalid_utf8_is_refused_with_its_line_number)
{
	char        err[256] = "";
	nerl_tsv*   tsv      = NULL;
	const char* content  = "ok\n# fine\nbad\xC3(\n";
	const char* path     = write_file("bad.tsv", content, strlen(content));

	cr_assert_eq(nerl_tsv_load(path, &tsv, err, sizeof(err)), NERP_EINVAL);
	cr_assert_null(tsv);
	cr_assert_not_null(strstr(err, "bad.tsv:3"), "err: %s", err);
	cr_assert_not_null(strstr(err, "UTF-8"), "err: %s", err);
}

Test(nerl_tsv, missing_file_is_enoent)
{
	char      err[256] = "";
	nerl_tsv* tsv      = NULL;
	char      path[256];

	cr_assert_eq(nerl_path_join(path, sizeof(path), dir, "none.tsv"), 0);
	cr_assert_eq(nerl_tsv_load(path, &tsv, err, sizeof(err)), NERP_ENOENT);
	cr_assert_null(tsv);
	cr_assert_not_null(strstr(err, "none.tsv"), "err: %s", err);
}

Test(nerl_tsv, error_message_respects_errlen)
{
	char      err[8];
	nerl_tsv* tsv = NULL;

	memset(err, 'x', sizeof(err));
	cr_assert_eq(nerl_tsv_load("/nonexistent/dir/file.tsv", &tsv, err, 4),
	    NERP_ENOENT);
	cr_assert_eq(err[3], '\0');
	cr_assert_eq(err[4], 'x');
}

Test(nerl_tsv, path_join_adds_one_slash)
{
	char out[32];

	cr_assert_eq(nerl_path_join(out, sizeof(out), "/a/b", "c.tsv"), 0);
	cr_assert_str_eq(out, "/a/b/c.tsv");
	cr_assert_eq(nerl_path_join(out, sizeof(out), "/a/b/", "c.tsv"), 0);
	cr_assert_str_eq(out, "/a/b/c.tsv");
	cr_assert_eq(nerl_path_join(out, sizeof(out), "", "c.tsv"), 0);
	cr_assert_str_eq(out, "c.tsv");
}

Test(nerl_tsv, path_join_refuses_what_does_not_fit)
{
	char out[8];

	cr_assert_eq(
	    nerl_path_join(out, sizeof(out), "/abc", "def"), NERP_EINVAL);
	cr_assert_eq(nerl_path_join(out, sizeof(out), "/ab", "def"), 0);
	cr_assert_str_eq(out, "/ab/def");
}

Test(nerl_tsv, a_nul_byte_is_refused_with_its_line_number)
{
	static const char content[] = "ok\nRU\tRus\0sia\tRussian\n";
	char              err[256]  = "";
	nerl_tsv*         tsv       = NULL;
	const char*       path
	    = write_file("nul.tsv", content, sizeof(content) - 1);

	/* split at the NUL, the row would lose its later fields unseen */
	cr_assert_eq(nerl_tsv_load(path, &tsv, err, sizeof(err)), NERP_EINVAL);
	cr_assert_null(tsv);
	cr_assert_not_null(strstr(err, "nul.tsv:2"), "err: %s", err);
	cr_assert_not_null(strstr(err, "NUL"), "err: %s", err);
}

Test(nerl_tsv, a_file_that_cannot_be_read_is_not_taken_for_a_missing_one)
{
	char      err[256] = "";
	nerl_tsv* tsv      = NULL;
	char      path[256];

	cr_assert_eq(nerl_path_join(path, sizeof(path), dir, "sub.tsv"), 0);
	cr_assert_eq(mkdir(path, 0700), 0);
	cr_assert_eq(nerl_tsv_load(path, &tsv, err, sizeof(err)), NERP_EINVAL);
	cr_assert_null(tsv);
	cr_assert_not_null(strstr(err, "sub.tsv"), "err: %s", err);
	cr_assert_not_null(strstr(err, "directory"), "err: %s", err);
}

Test(nerl_tsv, spaces_around_fields_are_dropped)
{
	nerl_tsv* tsv = load(" RU \tRussia|Russian Federation  \t Russian\n");

	/* kept before, they went out in attributes and broke lookups */
	cr_assert_eq(nerl_tsv_cols(tsv, 0), 3);
	cr_assert_str_eq(nerl_tsv_field(tsv, 0, 0), "RU");
	cr_assert_str_eq(nerl_tsv_field(tsv, 0, 1), "Russia|Russian Federation");
	cr_assert_str_eq(nerl_tsv_field(tsv, 0, 2), "Russian");
	nerl_tsv_free(tsv);
}

Test(nerl_tsv, a_control_character_is_refused_with_its_line_number)
{
	static const char content[] = "ok\nold\rmac\rline\rends\n";
	char              err[256]  = "";
	nerl_tsv*         tsv       = NULL;
	const char*       path
	    = write_file("cr.tsv", content, sizeof(content) - 1);

	/* a file of bare CRs was one line, read as one odd word */
	cr_assert_eq(nerl_tsv_load(path, &tsv, err, sizeof(err)), NERP_EINVAL);
	cr_assert_null(tsv);
	cr_assert_not_null(strstr(err, "cr.tsv:2"), "err: %s", err);
	cr_assert_not_null(strstr(err, "0x0D"), "err: %s", err);
}

Test(nerl_tsv, a_fifo_or_device_is_refused_at_once, .timeout = 10)
{
	char      err[256] = "";
	nerl_tsv* tsv      = NULL;
	char      path[256];

	/* a FIFO without a writer blocked init for ever, /dev/zero read
	 * until memory ran out */
	cr_assert_eq(nerl_path_join(path, sizeof(path), dir, "fifo.tsv"), 0);
	cr_assert_eq(mkfifo(path, 0600), 0);
	cr_assert_eq(nerl_tsv_load(path, &tsv, err, sizeof(err)), NERP_EINVAL);
	cr_assert_null(tsv);
	cr_assert_not_null(strstr(err, "fifo.tsv"), "err: %s", err);
	cr_assert_not_null(strstr(err, "regular"), "err: %s", err);
	cr_assert_eq(
	    nerl_tsv_load("/dev/zero", &tsv, err, sizeof(err)), NERP_EINVAL);
	cr_assert_null(tsv);
}

Test(nerl_tsv, alternatives_are_stepped_through_without_their_spaces)
{
	const char* s = "Russia | Russian Federation||  USSR |";
	const char* alt;
	size_t      len;

	cr_assert_eq(nerl_alt_next(&s, &alt, &len), 1);
	cr_assert_eq(len, 6);
	cr_assert_eq(strncmp(alt, "Russia", len), 0);
	cr_assert_eq(nerl_alt_next(&s, &alt, &len), 1);
	cr_assert_eq(len, 18);
	cr_assert_eq(strncmp(alt, "Russian Federation", len), 0);
	cr_assert_eq(nerl_alt_next(&s, &alt, &len), 1);
	cr_assert_eq(len, 0);
	cr_assert_eq(nerl_alt_next(&s, &alt, &len), 1);
	cr_assert_eq(len, 4);
	cr_assert_eq(strncmp(alt, "USSR", len), 0);
	cr_assert_eq(nerl_alt_next(&s, &alt, &len), 0);
	s = "";
	cr_assert_eq(nerl_alt_next(&s, &alt, &len), 0);
}
