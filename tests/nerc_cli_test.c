/*
 * tests/nerc_cli_test.c: the built nerc program, run with --local against
 * the nerc_fixture test plugin (greetings and memberships), and remote
 * against no server.
 */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define NERC NERD_TEST_BINARY_DIR "/clients/nerc"
#define LOCAL NERC " --local --plugins " NERC_TEST_PLUGIN_DIR " "

static char tmpdir[64];

typedef struct run_result {
	char *out;
	char *err;
	int status; /* exit code */
} run_result;

static char *
read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	cr_assert_not_null(f, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = calloc(1, (size_t) n + 1);
	cr_assert_eq(fread(buf, 1, (size_t) n, f), (size_t) n);
	fclose(f);
	return (buf);
}

static void
write_file(const char *name, const char *text, char *path, size_t cap)
{
	FILE *f;

	snprintf(path, cap, "%s/%s", tmpdir, name);
	f = fopen(path, "wb");
	cr_assert_not_null(f);
	fputs(text, f);
	fclose(f);
}

/* Runs a shell command line, capturing stdout and stderr. */
static run_result
run(const char *cmd)
{
	run_result r;
	char line[2048];
	int ws;

	snprintf(line, sizeof(line), "%s >%s/out 2>%s/err", cmd, tmpdir,
	    tmpdir);
	ws = system(line);
	cr_assert(WIFEXITED(ws), "%s did not exit", cmd);
	r.status = WEXITSTATUS(ws);
	snprintf(line, sizeof(line), "%s/out", tmpdir);
	r.out = read_all(line);
	snprintf(line, sizeof(line), "%s/err", tmpdir);
	r.err = read_all(line);
	return (r);
}

static void
run_free(run_result *r)
{
	free(r->out);
	free(r->err);
}

static void
setup(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/nerc-test-XXXXXX");
	cr_assert_not_null(mkdtemp(tmpdir));
}

static void
teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	cr_assert_eq(system(cmd), 0);
}

TestSuite(nerc, .init = setup, .fini = teardown, .timeout = 60);

static json_t *
parse(const char *s)
{
	json_error_t e;
	json_t *j = json_loads(s, 0, &e);

	cr_assert_not_null(j, "bad JSON (%s): %s", e.text, s);
	return (j);
}

Test(nerc, jsonl_writes_entities_and_memberships_as_relations)
{
	char in[256], cmd[512];
	run_result r;
	json_t *doc, *ents, *rels, *e;
	char *nl;

	write_file("in.jsonl",
	    "{\"id\": \"d1\", \"dct\": \"2024-04-26\", \"text\": \"Hello, "
	    "Bolivia joined.\", \"entities\": [{\"type\": \"x\", \"start\": "
	    "0, \"end\": 1}]}\n"
	    "\n"
	    "{\"id\": 7, \"text\": \"Nothing here.\"}\n",
	    in, sizeof(in));
	snprintf(cmd, sizeof(cmd), LOCAL "--jsonl %s", in);
	r = run(cmd);
	cr_assert_eq(r.status, 0, "stderr: %s", r.err);
	nl = strchr(r.out, '\n');
	cr_assert_not_null(nl);
	*nl = '\0';
	doc = parse(r.out);
	cr_assert_str_eq(json_string_value(json_object_get(doc, "id")), "d1");
	cr_assert_str_eq(json_string_value(json_object_get(doc, "dct")),
	    "2024-04-26");
	ents = json_object_get(doc, "entities");
	cr_assert_eq(json_array_size(ents), 1, "only the greeting");
	e = json_array_get(ents, 0);
	cr_assert_str_eq(json_string_value(json_object_get(e, "type")),
	    "greeting");
	cr_assert_eq(json_integer_value(json_object_get(e, "start")), 0);
	cr_assert_eq(json_integer_value(json_object_get(e, "end")), 5);
	cr_assert_str_eq(json_string_value(json_object_get(e, "text")),
	    "Hello");
	cr_assert_str_eq(json_string_value(json_object_get(e, "value")),
	    "hi");
	cr_assert_str_eq(json_string_value(json_object_get(
	                     json_object_get(e, "attrs"), "lang")),
	    "en");
	rels = json_object_get(doc, "relations");
	cr_assert_eq(json_array_size(rels), 1);
	e = json_array_get(rels, 0);
	cr_assert_str_eq(json_string_value(json_object_get(e, "type")),
	    "membership");
	cr_assert_str_eq(json_string_value(json_object_get(e, "member")),
	    "BO");
	cr_assert_str_eq(
	    json_string_value(json_object_get(e, "organization")), "BRICS");
	cr_assert_str_eq(json_string_value(json_object_get(e, "status")),
	    "member");
	json_decref(doc);
	/* The second document keeps its numeric id and has nothing. */
	doc = parse(nl + 1);
	cr_assert_eq(json_integer_value(json_object_get(doc, "id")), 7);
	cr_assert_eq(json_array_size(json_object_get(doc, "entities")), 0);
	json_decref(doc);
	run_free(&r);
}

Test(nerc, jsonl_reports_bad_lines_by_number_and_goes_on)
{
	char in[256], cmd[512];
	run_result r;

	write_file("in.jsonl",
	    "{\"id\": \"a\", \"text\": \"Hello\"}\n"
	    "{\"id\": \"b\", \"text\": \n"
	    "{\"id\": \"c\"}\n"
	    "{\"id\": \"d\", \"text\": \"Hello again\"}\n",
	    in, sizeof(in));
	snprintf(cmd, sizeof(cmd), LOCAL "--jsonl %s", in);
	r = run(cmd);
	cr_assert_neq(r.status, 0);
	cr_assert(strstr(r.err, "in.jsonl:2: INVALID_ARGUMENT: invalid "
	                        "JSON") != NULL,
	    "%s", r.err);
	cr_assert(strstr(r.err, "in.jsonl:3: INVALID_ARGUMENT:") != NULL,
	    "%s", r.err);
	cr_assert(strstr(r.out, "\"id\":\"a\"") != NULL, "%s", r.out);
	cr_assert(strstr(r.out, "\"id\":\"d\"") != NULL, "%s", r.out);
	run_free(&r);
}

Test(nerc, recognize_json_lists_entities_with_sources)
{
	char in[256], cmd[512];
	run_result r;
	json_t *doc, *e;

	write_file("doc.txt", "Grüße! Hello.", in, sizeof(in));
	snprintf(cmd, sizeof(cmd), LOCAL "recognize --json %s", in);
	r = run(cmd);
	cr_assert_eq(r.status, 0, "stderr: %s", r.err);
	doc = parse(r.out);
	cr_assert_eq(json_array_size(json_object_get(doc, "entities")), 2);
	e = json_array_get(json_object_get(doc, "entities"), 0);
	cr_assert_str_eq(json_string_value(json_object_get(e, "text")),
	    "Grüße");
	cr_assert_eq(json_integer_value(json_object_get(e, "end")), 7,
	    "byte offsets");
	cr_assert_str_eq(json_string_value(json_array_get(
	                     json_object_get(e, "sources"), 0)),
	    "nerc_fixture");
	cr_assert_eq(json_array_size(json_object_get(doc, "plugins")), 1);
	json_decref(doc);
	run_free(&r);
}

/* The column of the first occurrence of what in line, in characters. */
static long
column(const char *line, const char *what)
{
	const char *p = strstr(line, what);
	long col = 0;
	const char *q;

	cr_assert_not_null(p, "%s not in %s", what, line);
	for (q = line; q < p; q++) {
		col += ((unsigned char) *q & 0xC0) != 0x80;
	}
	return (col);
}

Test(nerc, recognize_table_aligns_columns_by_characters)
{
	char in[256], cmd[512];
	run_result r;
	char *l0, *l1, *l2;

	write_file("doc.txt", "Grüße! Hello.", in, sizeof(in));
	snprintf(cmd, sizeof(cmd), "cat %s | " LOCAL "recognize -", in);
	r = run(cmd);
	cr_assert_eq(r.status, 0, "stderr: %s", r.err);
	l0 = r.out;
	l1 = strchr(l0, '\n');
	cr_assert_not_null(l1);
	*l1++ = '\0';
	l2 = strchr(l1, '\n');
	cr_assert_not_null(l2);
	*l2++ = '\0';
	cr_assert(strncmp(l0, "KIND", 4) == 0, "%s", l0);
	cr_assert_eq(column(l0, "SPAN"), column(l1, "0-7"));
	cr_assert_eq(column(l0, "TEXT"), column(l1, "Grüße"));
	cr_assert_eq(column(l0, "TEXT"), column(l2, "Hello"));
	cr_assert_eq(column(l0, "VALUE"), column(l2, "hi"));
	cr_assert_eq(column(l0, "ATTRS"), column(l1, "lang=de"));
	run_free(&r);
}

Test(nerc, kinds_option_limits_the_kinds)
{
	char in[256], cmd[512];
	run_result r;

	write_file("doc.txt", "Hello, Bolivia joined.", in, sizeof(in));
	snprintf(cmd, sizeof(cmd), LOCAL "recognize --kinds membership %s",
	    in);
	r = run(cmd);
	cr_assert_eq(r.status, 0, "stderr: %s", r.err);
	cr_assert(strstr(r.out, "membership") != NULL, "%s", r.out);
	cr_assert(strstr(r.out, "greeting") == NULL, "%s", r.out);
	run_free(&r);
}

Test(nerc, list_shows_the_loaded_plugins)
{
	run_result r;
	json_t *j, *p;

	r = run(LOCAL "list");
	cr_assert_eq(r.status, 0, "stderr: %s", r.err);
	cr_assert(strstr(r.out, "NAME") != NULL);
	cr_assert(strstr(r.out, "nerc_fixture") != NULL, "%s", r.out);
	cr_assert(strstr(r.out, "greeting,membership") != NULL, "%s", r.out);
	run_free(&r);
	r = run(LOCAL "list --json");
	cr_assert_eq(r.status, 0, "stderr: %s", r.err);
	j = parse(r.out);
	p = json_array_get(json_object_get(j, "recognizers"), 0);
	cr_assert_str_eq(json_string_value(json_object_get(p, "name")),
	    "nerc_fixture");
	cr_assert_str_eq(json_string_value(json_object_get(p, "version")),
	    "1.0.0");
	json_decref(j);
	run_free(&r);
}

Test(nerc, health_names_the_serving_status)
{
	run_result r;

	r = run(LOCAL "health");
	cr_assert_eq(r.status, 0, "stderr: %s", r.err);
	cr_assert_str_eq(r.out, "SERVING\n");
	run_free(&r);
	r = run(LOCAL "health plugin/nerc_fixture --json");
	cr_assert_eq(r.status, 0, "stderr: %s", r.err);
	cr_assert(strstr(r.out, "\"status\": \"SERVING\"") != NULL, "%s",
	    r.out);
	run_free(&r);
	r = run(LOCAL "health plugin/nope");
	cr_assert_eq(r.status, 1);
	cr_assert(strncmp(r.err, "nerc: NOT_FOUND: ", 17) == 0, "%s", r.err);
	run_free(&r);
}

Test(nerc, reload_reports_the_new_generation)
{
	run_result r;
	json_t *j;

	r = run(LOCAL "reload --json");
	cr_assert_eq(r.status, 0, "stderr: %s", r.err);
	j = parse(r.out);
	cr_assert(json_integer_value(json_object_get(j, "generation")) > 0);
	cr_assert_eq(json_array_size(json_object_get(j, "recognizers")), 1);
	json_decref(j);
	run_free(&r);
}

Test(nerc, no_server_is_unavailable)
{
	char cmd[512];
	run_result r;

	snprintf(cmd, sizeof(cmd), NERC " --connect ipc://%s/none list",
	    tmpdir);
	r = run(cmd);
	cr_assert_eq(r.status, 1);
	cr_assert(strncmp(r.err, "nerc: UNAVAILABLE: ", 19) == 0, "%s",
	    r.err);
	run_free(&r);
}

Test(nerc, bad_usage_exits_2_with_a_hint)
{
	run_result r;

	r = run(NERC " frobnicate");
	cr_assert_eq(r.status, 2);
	cr_assert(strstr(r.err, "nerc: INVALID_ARGUMENT: unknown command "
	                        "frobnicate") != NULL,
	    "%s", r.err);
	run_free(&r);
	r = run(NERC " --timeout soon list");
	cr_assert_eq(r.status, 2);
	run_free(&r);
	r = run(NERC " --help");
	cr_assert_eq(r.status, 0);
	cr_assert(strstr(r.out, "usage: nerc") != NULL);
	run_free(&r);
}

Test(nerc, failing_plugin_is_reported_without_failing_the_document)
{
	char in[256], cmd[512];
	run_result r;

	write_file("in.jsonl", "{\"id\": \"a\", \"text\": \"Hello FAIL\"}\n",
	    in, sizeof(in));
	snprintf(cmd, sizeof(cmd), LOCAL "--jsonl %s", in);
	r = run(cmd);
	cr_assert_eq(r.status, 0, "stderr: %s", r.err);
	cr_assert(strstr(r.err, "in.jsonl:1: plugin nerc_fixture: INTERNAL") !=
	        NULL,
	    "%s", r.err);
	cr_assert(strstr(r.out, "\"text\":\"Hello\"") != NULL, "%s", r.out);
	run_free(&r);
	write_file("doc.txt", "Hello FAIL", in, sizeof(in));
	snprintf(cmd, sizeof(cmd), LOCAL "recognize %s", in);
	r = run(cmd);
	cr_assert_eq(r.status, 0, "stderr: %s", r.err);
	cr_assert(strstr(r.err, "nerc: plugin nerc_fixture: INTERNAL") != NULL,
	    "%s", r.err);
	cr_assert(strstr(r.out, "greeting") != NULL, "%s", r.out);
	run_free(&r);
}

/* Runs cmd with its output going to /dev/full, which refuses every
 * write: the output is lost, and nerc must say so. */
static run_result
run_to_full(const char *cmd)
{
	char line[1024];

	snprintf(line, sizeof(line), "(%s >/dev/full)", cmd);
	return (run(line));
}

Test(nerc, output_that_cannot_be_written_fails_the_run)
{
	char in[256], doc[256], cmd[512];
	run_result r;

	write_file("doc.txt", "Hello.", doc, sizeof(doc));
	write_file("in.jsonl", "{\"id\": \"a\", \"text\": \"Hello\"}\n", in,
	    sizeof(in));
	snprintf(cmd, sizeof(cmd), LOCAL "recognize %s", doc);
	r = run_to_full(cmd);
	cr_assert_eq(r.status, 1, "table lost, stderr: %s", r.err);
	cr_assert(strstr(r.err, "cannot write the output: No space left") !=
	        NULL,
	    "%s", r.err);
	run_free(&r);
	snprintf(cmd, sizeof(cmd), LOCAL "recognize --json %s", doc);
	r = run_to_full(cmd);
	cr_assert_eq(r.status, 1, "JSON lost, stderr: %s", r.err);
	run_free(&r);
	r = run_to_full(LOCAL "list");
	cr_assert_eq(r.status, 1, "list lost, stderr: %s", r.err);
	run_free(&r);
	r = run_to_full(LOCAL "health");
	cr_assert_eq(r.status, 1, "health lost, stderr: %s", r.err);
	run_free(&r);
	snprintf(cmd, sizeof(cmd), LOCAL "--jsonl %s", in);
	r = run_to_full(cmd);
	cr_assert_eq(r.status, 1, "predictions lost, stderr: %s", r.err);
	cr_assert(strstr(r.err, "No space left") != NULL, "%s", r.err);
	run_free(&r);
}

Test(nerc, options_that_would_be_ignored_or_refused_later_are_usage_errors)
{
	static const char *const bad[] = {
		/* A date the server's "invalid document" would not name. */
		"--dct 2024-13-45 recognize -",
		"--dct yesterday recognize -",
		/* No kind at all would mean every kind. */
		"--kinds , recognize -",
		"--kinds '' recognize -",
		/* JSONL documents carry their own dct and id. */
		"--dct 2024-04-26 --jsonl -",
		"--id x --jsonl -",
	};
	char cmd[512];
	run_result r;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(cmd, sizeof(cmd), "echo Hello | " LOCAL "%s", bad[i]);
		r = run(cmd);
		cr_assert_eq(r.status, 2, "%s: exit %d, stderr: %s", bad[i],
		    r.status, r.err);
		cr_assert(strncmp(r.err, "nerc: INVALID_ARGUMENT: ", 24) == 0,
		    "%s: %s", bad[i], r.err);
		run_free(&r);
	}
}

/* --local refuses what the server refuses, naming the reason as it does
 * (it said only "cannot recognise document X", and took an empty text). */
Test(nerc, local_refusals_name_their_reason_as_the_server_does)
{
	static const struct {
		const char *opts;
		const char *text;
		const char *says;
	} cases[] = {
		{ "", "", "INVALID_ARGUMENT: document text is empty" },
		{ "", "Hello \xff", "not valid UTF-8" },
		{ "--kinds greeting,colour ", "Hello",
		    "unknown kind \"colour\"" },
	};
	char in[256], cmd[512];
	run_result r;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		write_file("doc.txt", cases[i].text, in, sizeof(in));
		snprintf(cmd, sizeof(cmd), LOCAL "%srecognize %s",
		    cases[i].opts, in);
		r = run(cmd);
		cr_assert_eq(r.status, 1, "case %zu: stderr: %s", i, r.err);
		cr_assert(strstr(r.err, cases[i].says) != NULL,
		    "case %zu: %s", i, r.err);
		run_free(&r);
	}
	write_file("in.jsonl",
	    "{\"id\": \"a\", \"dct\": \"26.4.2024\", \"text\": \"Hello\"}\n",
	    in, sizeof(in));
	snprintf(cmd, sizeof(cmd), LOCAL "--jsonl %s", in);
	r = run(cmd);
	cr_assert_eq(r.status, 1, "stderr: %s", r.err);
	cr_assert(strstr(r.err, "in.jsonl:1: INVALID_ARGUMENT: document a: "
	                        "dct \"26.4.2024\" is not YYYY-MM-DD") != NULL,
	    "%s", r.err);
	run_free(&r);
}

Test(nerc, unreadable_input_says_why)
{
	char cmd[512];
	run_result r;

	snprintf(cmd, sizeof(cmd), LOCAL "recognize %s", tmpdir);
	r = run(cmd);
	cr_assert_eq(r.status, 1);
	cr_assert(strstr(r.err, "Is a directory") != NULL, "%s", r.err);
	run_free(&r);
	snprintf(cmd, sizeof(cmd), LOCAL "--jsonl %s", tmpdir);
	r = run(cmd);
	cr_assert_eq(r.status, 1);
	cr_assert(strstr(r.err, "Is a directory") != NULL, "%s", r.err);
	run_free(&r);
}

/* Editors on Windows start UTF-8 files with a byte order mark: the first
 * document must not be lost to it ("invalid JSON near '\xef\xbb\xbf'"). */
Test(nerc, jsonl_ignores_a_byte_order_mark_and_crlf)
{
	char in[256], cmd[512];
	run_result r;

	write_file("in.jsonl",
	    "\xef\xbb\xbf{\"id\": \"a\", \"text\": \"Hello\"}\r\n"
	    "\r\n"
	    "{\"id\": \"b\", \"text\": \"Hello \xef\xbb\xbf there\"}\r\n",
	    in, sizeof(in));
	snprintf(cmd, sizeof(cmd), LOCAL "--jsonl %s", in);
	r = run(cmd);
	cr_assert_eq(r.status, 0, "stderr: %s", r.err);
	cr_assert(strstr(r.out, "{\"id\":\"a\"") == r.out, "%s", r.out);
	cr_assert(strstr(r.out, "\n{\"id\":\"b\"") != NULL, "%s", r.out);
	run_free(&r);
}

/* nerc --jsonl reading from a pipe, killed once it has reported line 2:
 * line 1's prediction (2 MB, past stdio's buffer) is then behind it.
 * Predictions went through stdio, which wrote the line's first 4 KiB
 * blocks and kept the rest: a run killed (Ctrl-C, a closed pipe) left a
 * cut line at the end of the output. */
Test(nerc, jsonl_killed_midway_leaves_only_whole_lines)
{
	char out_path[256], buf[1024] = "";
	int in_pipe[2], err_pipe[2];
	size_t i, seen = 0;
	json_t *doc;
	char *out;
	pid_t pid;
	FILE *f;
	int ws;

	snprintf(out_path, sizeof(out_path), "%s/out", tmpdir);
	cr_assert_eq(pipe(in_pipe), 0);
	cr_assert_eq(pipe(err_pipe), 0);
	pid = fork();
	cr_assert_neq(pid, -1);
	if (pid == 0) {
		int fd = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		dup2(in_pipe[0], 0);
		dup2(fd, 1);
		dup2(err_pipe[1], 2);
		close(in_pipe[1]);
		close(err_pipe[0]);
		execl(NERC, NERC, "--local", "--plugins", NERC_TEST_PLUGIN_DIR,
		    "--jsonl", "-", (char *) NULL);
		_exit(127);
	}
	close(in_pipe[0]);
	close(err_pipe[1]);
	/* Line 1: 300 KB of greetings, enough to be recognised at once. */
	f = fdopen(in_pipe[1], "w");
	fputs("{\"id\": \"big\", \"text\": \"", f);
	for (i = 0; i < 50000; i++) {
		fputs("Hello ", f);
	}
	fputs("\"}\nnot JSON\n", f);
	fflush(f);
	/* Line 2's complaint comes after line 1's prediction went out. */
	while (strstr(buf, "stdin:2:") == NULL) {
		ssize_t n = read(err_pipe[0], buf + seen,
		    sizeof(buf) - 1 - seen);
		cr_assert_gt(n, 0, "nerc ended early: %s", buf);
		seen += (size_t) n;
		buf[seen] = '\0';
	}
	kill(pid, SIGKILL);
	cr_assert_eq(waitpid(pid, &ws, 0), pid);
	fclose(f);
	close(err_pipe[0]);
	out = read_all(out_path);
	cr_assert_gt(strlen(out), 2000000, "line 1's prediction");
	cr_assert_eq(out[strlen(out) - 1], '\n', "a cut line");
	doc = parse(out);
	cr_assert_str_eq(json_string_value(json_object_get(doc, "id")), "big");
	json_decref(doc);
	free(out);
}

/* Ids were copied into 256 bytes: a longer one was cut, inside a UTF-8
 * character when one straddled byte 255 (the server then refused the
 * document, "id is not valid UTF-8"; --local said "out of memory"). */
Test(nerc, jsonl_long_ids_are_kept_whole)
{
	char id[400], line[600], in[256], cmd[512];
	run_result r;
	json_t *doc;

	memset(id, 'a', 254);
	snprintf(id + 254, sizeof(id) - 254, "\xc3\xa9-and-more");
	snprintf(line, sizeof(line), "{\"id\": \"%s\", \"text\": \"Hello\"}\n",
	    id);
	write_file("in.jsonl", line, in, sizeof(in));
	snprintf(cmd, sizeof(cmd), LOCAL "--jsonl %s", in);
	r = run(cmd);
	cr_assert_eq(r.status, 0, "stderr: %s", r.err);
	doc = parse(r.out);
	cr_assert_str_eq(json_string_value(json_object_get(doc, "id")), id);
	json_decref(doc);
	run_free(&r);
}

/* The id nerc sends must be UTF-8: a file named in Latin-1 could not be
 * recognised (the server: "field nerd.v1.Document.id is not valid UTF-8";
 * --local --json: "out of memory"), and --id took any bytes. */
Test(nerc, ids_are_utf8_whatever_the_file_name)
{
	char in[256], cmd[512];
	run_result r;
	json_t *doc;

	write_file("caf\xe9.txt", "Hello", in, sizeof(in));
	snprintf(cmd, sizeof(cmd), "cd %s && " LOCAL "--json recognize "
	    "caf\xe9.txt", tmpdir);
	r = run(cmd);
	cr_assert_eq(r.status, 0, "stderr: %s", r.err);
	doc = parse(r.out);
	cr_assert_str_eq(json_string_value(json_object_get(doc, "id")),
	    "caf\xef\xbf\xbd.txt");
	json_decref(doc);
	run_free(&r);
	snprintf(cmd, sizeof(cmd), LOCAL "--id 'x\xff' recognize %s", in);
	r = run(cmd);
	cr_assert_eq(r.status, 2, "stderr: %s", r.err);
	cr_assert(strstr(r.err, "--id is not UTF-8") != NULL, "%s", r.err);
	run_free(&r);
}

/* A mistyped --plugins folder gave a warning, then empty answers and exit
 * 0: a whole data set of empty predictions, as if nothing were found. */
Test(nerc, local_without_any_plugin_is_an_error)
{
	char in[256], cmd[512];
	run_result r;

	write_file("doc.txt", "Hello", in, sizeof(in));
	snprintf(cmd, sizeof(cmd), NERC " --local --plugins %s/nowhere "
	    "recognize %s", tmpdir, in);
	r = run(cmd);
	cr_assert_eq(r.status, 1, "stdout: %s", r.out);
	cr_assert(strstr(r.err, "NOT_FOUND: no plugin loaded from ") != NULL,
	    "%s", r.err);
	cr_assert_str_eq(r.out, "");
	run_free(&r);
}

/* Input was read whole before anything was checked: endless input (a
 * pipe, /dev/zero) grew without bound.  A server takes 4 MiB at most, so
 * reading stops past that. */
Test(nerc, input_past_what_a_server_takes_stops_the_reading)
{
	char cmd[512];
	run_result r;

	snprintf(cmd, sizeof(cmd), "head -c 50000000 /dev/zero | tr '\\0' a"
	    " | " NERC " --connect ipc://%s/none recognize -", tmpdir);
	r = run(cmd);
	cr_assert_eq(r.status, 1);
	cr_assert(strstr(r.err, "RESOURCE_EXHAUSTED: cannot read stdin: "
	                        "larger than the 4 MiB a server takes") !=
	        NULL,
	    "%s", r.err);
	run_free(&r);
}
