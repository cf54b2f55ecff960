/*
 * tests/nerc_remote_test.c: nerc against the real server (server/nerd,
 * started on an ipc:// address with the nerc_fixture plugin): the same
 * answers as --local, and the server's statuses as nerc's errors.
 */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define NERD NERD_TEST_BINARY_DIR "/server/nerd"
#define NERC NERD_TEST_BINARY_DIR "/clients/nerc"
#define LOCAL NERC " --local --plugins " NERC_TEST_PLUGIN_DIR " "

static char tmpdir[64];
static char url[128];
static pid_t server = -1;
static FILE *server_log;

/* Starts the server with extra options and waits for its "serving" log
 * line, which it writes once every listener is open. */
static void
server_start(const char *extra)
{
	char cmd[1024];
	char line[1024];
	int fds[2];

	snprintf(url, sizeof(url), "ipc://%s/nerd", tmpdir);
	snprintf(cmd, sizeof(cmd),
	    "exec " NERD " --listen %s --plugins " NERC_TEST_PLUGIN_DIR
	    " --log-level info %s",
	    url, extra);
	cr_assert_eq(pipe(fds), 0);
	server = fork();
	cr_assert_neq(server, -1);
	if (server == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		dup2(fds[1], 2);
		close(fds[0]);
		close(fds[1]);
		execl("/bin/sh", "sh", "-c", cmd, (char *) NULL);
		_exit(127);
	}
	close(fds[1]);
	server_log = fdopen(fds[0], "r");
	cr_assert_not_null(server_log);
	while (fgets(line, sizeof(line), server_log) != NULL) {
		if (strstr(line, "msg=\"serving\"") != NULL) {
			return;
		}
	}
	cr_assert_fail("the server exited before serving");
}

static void
setup(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/nerc-remote-XXXXXX");
	cr_assert_not_null(mkdtemp(tmpdir));
}

static void
teardown(void)
{
	char cmd[128];
	int ws;

	if (server > 0) {
		kill(server, SIGTERM);
		waitpid(server, &ws, 0);
		fclose(server_log);
	}
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	cr_assert_eq(system(cmd), 0);
}

TestSuite(nerc_remote, .init = setup, .fini = teardown, .timeout = 60);

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

/* Runs nerc with args, output to tmpdir/NAME.out and .err; returns the
 * exit status. */
static int
nerc(const char *name, const char *args)
{
	char line[2048];
	int ws;

	snprintf(line, sizeof(line), "%s >%s/%s.out 2>%s/%s.err", args,
	    tmpdir, name, tmpdir, name);
	ws = system(line);
	cr_assert(WIFEXITED(ws));
	return (WEXITSTATUS(ws));
}

static char *
output(const char *name, const char *ext)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s.%s", tmpdir, name, ext);
	return (read_all(path));
}

static void
write_file(const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	f = fopen(path, "wb");
	cr_assert_not_null(f);
	fputs(text, f);
	fclose(f);
}

Test(nerc_remote, answers_as_local_does)
{
	char cmd[1024];
	char *remote, *local;

	server_start("");
	write_file("doc.txt", "Hello! Bolivia joined. Grüße.");
	write_file("in.jsonl",
	    "{\"id\": \"a\", \"text\": \"Hello, Bolivia joined.\"}\n"
	    "{\"id\": \"b\", \"dct\": \"2024-01-02\", \"text\": \"Grüße\"}\n");

	snprintf(cmd, sizeof(cmd), NERC " --connect %s recognize %s/doc.txt",
	    url, tmpdir);
	cr_assert_eq(nerc("remote", cmd), 0, "%s", output("remote", "err"));
	snprintf(cmd, sizeof(cmd), LOCAL "recognize %s/doc.txt", tmpdir);
	cr_assert_eq(nerc("local", cmd), 0, "%s", output("local", "err"));
	remote = output("remote", "out");
	local = output("local", "out");
	cr_assert(strstr(remote, "membership") != NULL, "%s", remote);
	cr_assert_str_eq(remote, local);
	free(remote);
	free(local);

	snprintf(cmd, sizeof(cmd), NERC " --connect %s --jsonl %s/in.jsonl",
	    url, tmpdir);
	cr_assert_eq(nerc("remote", cmd), 0, "%s", output("remote", "err"));
	snprintf(cmd, sizeof(cmd), LOCAL "--jsonl %s/in.jsonl", tmpdir);
	cr_assert_eq(nerc("local", cmd), 0, "%s", output("local", "err"));
	remote = output("remote", "out");
	local = output("local", "out");
	cr_assert(strstr(remote, "\"relations\":[{") != NULL, "%s", remote);
	cr_assert_str_eq(remote, local);
	free(remote);
	free(local);
}

/* Writes n documents, with two bad lines among them, to tmpdir/name. */
static void
write_many(const char *name, int n, const char *filler)
{
	char path[256];
	FILE *f;
	int i;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	f = fopen(path, "wb");
	cr_assert_not_null(f);
	for (i = 0; i < n; i++) {
		if (i == 5) {
			fputs("{\"id\": \"broken\", \"text\": \n", f);
		} else if (i == 40) {
			fputs("{\"id\": \"notext\"}\n", f);
		} else {
			fprintf(f, "{\"id\": \"d%d\", \"text\": \"Hello %d, Bolivia "
			    "joined. %s\"}\n", i, i, filler);
		}
	}
	fclose(f);
}

/* Stops the server and counts its log lines holding needle. */
static int
server_stop_counting(const char *needle)
{
	char line[4096];
	int ws;
	int count = 0;

	kill(server, SIGTERM);
	while (fgets(line, sizeof(line), server_log) != NULL) {
		count += strstr(line, needle) != NULL;
	}
	waitpid(server, &ws, 0);
	fclose(server_log);
	server = -1;
	return (count);
}

Test(nerc_remote, jsonl_goes_in_batches_and_a_bad_line_costs_only_itself)
{
	char cmd[1024];
	char *remote, *local, *err;

	server_start("--log-level debug");
	write_many("many.jsonl", 70, "");
	snprintf(cmd, sizeof(cmd), NERC " --connect %s --jsonl %s/many.jsonl",
	    url, tmpdir);
	cr_assert_eq(nerc("remote", cmd), 1, "%s", output("remote", "err"));
	snprintf(cmd, sizeof(cmd), LOCAL "--jsonl %s/many.jsonl", tmpdir);
	cr_assert_eq(nerc("local", cmd), 1, "%s", output("local", "err"));
	remote = output("remote", "out");
	local = output("local", "out");
	err = output("remote", "err");
	cr_assert_str_eq(remote, local);
	cr_assert(strstr(remote, "\"id\":\"d69\"") != NULL);
	cr_assert(strstr(err, "many.jsonl:6: INVALID_ARGUMENT") != NULL, "%s",
	    err);
	cr_assert(strstr(err, "many.jsonl:41: INVALID_ARGUMENT") != NULL, "%s",
	    err);
	/* 68 documents: batches of 32, 32 and 4. */
	cr_assert_eq(server_stop_counting(
	                 "method=/nerd.v1.Recognizer/RecognizeBatch"),
	    3);
	free(remote);
	free(local);
	free(err);
}

Test(nerc_remote, jsonl_batch_refused_whole_is_sent_again_one_by_one)
{
	char cmd[1024];
	char filler[401];
	char *remote, *local;

	/* Each document fits the server's 2 KiB limit; 32 of them do not. */
	memset(filler, 'x', sizeof(filler) - 1);
	filler[sizeof(filler) - 1] = '\0';
	server_start("--max-message 2k");
	write_many("big.jsonl", 34, filler);
	snprintf(cmd, sizeof(cmd), NERC " --connect %s --jsonl %s/big.jsonl",
	    url, tmpdir);
	cr_assert_eq(nerc("remote", cmd), 1, "%s", output("remote", "err"));
	snprintf(cmd, sizeof(cmd), LOCAL "--jsonl %s/big.jsonl", tmpdir);
	cr_assert_eq(nerc("local", cmd), 1, "%s", output("local", "err"));
	remote = output("remote", "out");
	local = output("local", "out");
	cr_assert_str_eq(remote, local);
	cr_assert(strstr(remote, "\"id\":\"d33\"") != NULL);
	free(remote);
	free(local);
}

Test(nerc_remote, list_health_and_reload_reach_the_server)
{
	char cmd[512];
	char *out;

	server_start("");
	snprintf(cmd, sizeof(cmd), NERC " --connect %s health", url);
	cr_assert_eq(nerc("health", cmd), 0);
	out = output("health", "out");
	cr_assert_str_eq(out, "SERVING\n");
	free(out);

	snprintf(cmd, sizeof(cmd), NERC " -c %s list", url);
	cr_assert_eq(nerc("list", cmd), 0);
	out = output("list", "out");
	cr_assert(strstr(out, "nerc_fixture") != NULL, "%s", out);
	cr_assert(strstr(out, "generation 1") != NULL, "%s", out);
	free(out);

	snprintf(cmd, sizeof(cmd), NERC " -c %s reload --json", url);
	cr_assert_eq(nerc("reload", cmd), 0, "%s", output("reload", "err"));
	out = output("reload", "out");
	cr_assert(strstr(out, "\"generation\": 2") != NULL, "%s", out);
	free(out);

	snprintf(cmd, sizeof(cmd), NERC " -c %s health plugin/nope", url);
	cr_assert_eq(nerc("nope", cmd), 1);
	out = output("nope", "err");
	cr_assert(strncmp(out, "nerc: NOT_FOUND: ", 17) == 0, "%s", out);
	free(out);
}

Test(nerc_remote, token_is_sent_as_bearer_authorization)
{
	char cmd[512];
	char opt[256];
	char *err;

	write_file("tokens", "t0ken\n");
	snprintf(cmd, sizeof(cmd), "%s/tokens", tmpdir);
	cr_assert_eq(chmod(cmd, 0600), 0);
	snprintf(opt, sizeof(opt), "--auth-tokens %s/tokens", tmpdir);
	server_start(opt);

	snprintf(cmd, sizeof(cmd), NERC " -c %s list", url);
	cr_assert_eq(nerc("anon", cmd), 1);
	err = output("anon", "err");
	cr_assert(strncmp(err, "nerc: UNAUTHENTICATED: ", 23) == 0, "%s",
	    err);
	free(err);

	snprintf(cmd, sizeof(cmd), NERC " -c %s --token t0ken list", url);
	cr_assert_eq(nerc("auth", cmd), 0, "%s", output("auth", "err"));
}
