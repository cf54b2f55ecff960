/*
 * tests/server_parts_test.c: the server library's parts on their own:
 * config parsing, tokens, the dispatch table, the arena, the worker pool,
 * address classification and log levels.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "auth.h"
#include "call.h"
#include "config.h"
#include "dispatch.h"
#include "log.h"
#include "transport.h"
#include "workers.h"

/* A temporary file holding the n bytes of data (NUL bytes included). */
static void
temp_bytes(char *path, size_t len, const void *data, size_t n, mode_t mode)
{
	int fd;

	snprintf(path, len, "/tmp/nerd-parts-XXXXXX");
	fd = mkstemp(path);
	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, data, n), (ssize_t) n);
	cr_assert_eq(fchmod(fd, mode), 0);
	close(fd);
}

static void
temp_file(char *path, size_t len, const char *text, mode_t mode)
{
	temp_bytes(path, len, text, strlen(text), mode);
}

/* A FIFO with mode 600 at a fresh temporary path: opening it to read
 * blocks until a writer comes, which none does. */
static void
temp_fifo(char *path, size_t len)
{
	snprintf(path, len, "/tmp/nerd-parts-XXXXXX");
	cr_assert_not_null(mkdtemp(path));
	strncat(path, "/fifo", len - strlen(path) - 1);
	cr_assert_eq(mkfifo(path, 0600), 0);
}

static void
remove_fifo(char *path)
{
	unlink(path);
	*strrchr(path, '/') = '\0';
	rmdir(path);
}

/* ---------------------------------------------------------------- config */

Test(server_config, durations_take_units)
{
	uint32_t ms = 0;

	cr_assert_eq(nsrv_parse_duration_ms("250", &ms), 0);
	cr_assert_eq(ms, 250);
	cr_assert_eq(nsrv_parse_duration_ms("250ms", &ms), 0);
	cr_assert_eq(ms, 250);
	cr_assert_eq(nsrv_parse_duration_ms("30s", &ms), 0);
	cr_assert_eq(ms, 30000);
	cr_assert_eq(nsrv_parse_duration_ms("2m", &ms), 0);
	cr_assert_eq(ms, 120000);
	cr_assert_eq(nsrv_parse_duration_ms("1h", &ms), 0);
	cr_assert_eq(ms, 3600000);
	cr_assert_eq(nsrv_parse_duration_ms("5 s", &ms), -1);
	cr_assert_eq(nsrv_parse_duration_ms("-5", &ms), -1);
	cr_assert_eq(nsrv_parse_duration_ms("99999999h", &ms), -1);
}

Test(server_config, sizes_take_binary_and_decimal_units)
{
	size_t n = 0;

	cr_assert_eq(nsrv_parse_size("4194304", &n), 0);
	cr_assert_eq(n, 4194304);
	cr_assert_eq(nsrv_parse_size("64KiB", &n), 0);
	cr_assert_eq(n, 65536);
	cr_assert_eq(nsrv_parse_size("4M", &n), 0);
	cr_assert_eq(n, 4u * 1024 * 1024);
	cr_assert_eq(nsrv_parse_size("2kb", &n), 0);
	cr_assert_eq(n, 2000);
	cr_assert_eq(nsrv_parse_size("4 parsecs", &n), -1);
	cr_assert_eq(nsrv_parse_size("", &n), -1);
}

Test(server_config, defaults_are_loopback_and_four_mebibytes)
{
	nsrv_config cfg;
	char        err[128];

	nsrv_config_init(&cfg);
	cr_assert_eq(
	    nsrv_config_finish(&cfg, "/plugins", err, sizeof(err)), 0);
	cr_assert_eq(cfg.n_listen, 1);
	cr_assert_str_eq(cfg.listen[0], "tcp://127.0.0.1:7411");
	cr_assert_eq(cfg.n_plugin_dirs, 1);
	cr_assert_str_eq(cfg.plugin_dirs[0], "/plugins");
	cr_assert_eq(cfg.max_message, 4u * 1024 * 1024);
	cr_assert_geq(cfg.workers, 1);
	cr_assert_leq(cfg.queue_depth, cfg.contexts);
	cr_assert_eq(cfg.inline_max, 16u * 1024);
	nsrv_config_fini(&cfg);
}

Test(server_config, inline_max_takes_a_size_and_zero_means_every_call_queued)
{
	nsrv_config cfg;
	char        err[128];

	nsrv_config_init(&cfg);
	cr_assert_eq(
	    nsrv_config_set(&cfg, "inline-max", "64k", err, sizeof(err)), 0);
	cr_assert_eq(cfg.inline_max, 64u * 1024);
	cr_assert_eq(
	    nsrv_config_set(&cfg, "inline-max", "0", err, sizeof(err)), 0);
	cr_assert_eq(cfg.inline_max, 0);
	cr_assert_neq(
	    nsrv_config_set(&cfg, "inline-max", "-1", err, sizeof(err)), 0);
	cr_assert_neq(
	    nsrv_config_set(&cfg, "inline-max", "2g", err, sizeof(err)), 0);
	nsrv_config_fini(&cfg);
}

Test(server_config, set_appends_lists_and_rejects_unknown_keys)
{
	nsrv_config cfg;
	char        err[128];

	nsrv_config_init(&cfg);
	cr_assert_eq(
	    nsrv_config_set(&cfg, "listen", "ipc:///a", err, sizeof(err)), 0);
	cr_assert_eq(nsrv_config_set(&cfg, "listen", "ws://127.0.0.1:1/x", err,
	                 sizeof(err)),
	    0);
	cr_assert_eq(cfg.n_listen, 2);
	nsrv_config_clear_list(&cfg, "listen");
	cr_assert_eq(cfg.n_listen, 0);
	cr_assert_eq(
	    nsrv_config_set(&cfg, "workers", "0", err, sizeof(err)), -1);
	cr_assert_not_null(strstr(err, "workers"));
	cr_assert_eq(
	    nsrv_config_set(&cfg, "colour", "red", err, sizeof(err)), -1);
	cr_assert_not_null(strstr(err, "unknown setting"));
	cr_assert_eq(
	    nsrv_config_set(&cfg, "log-level", "debug", err, sizeof(err)), 0);
	cr_assert_eq(cfg.log_level, NERP_LOG_DEBUG);
	nsrv_config_fini(&cfg);
}

Test(server_config, file_sections_become_plugin_settings)
{
	nsrv_config cfg;
	char        path[64];
	char        err[256];

	temp_file(path, sizeof(path),
	    "# main\nworkers = 3\nmax-message = 1M\n\n[plugin.dates]\n"
	    "data_dir = /srv/dates\n[plugin.people]\nstrict = yes\n",
	    0600);
	nsrv_config_init(&cfg);
	cr_assert_eq(
	    nsrv_config_load_file(&cfg, path, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(cfg.workers, 3);
	cr_assert_eq(cfg.max_message, 1024 * 1024);
	cr_assert_eq(cfg.n_settings, 2);
	cr_assert_str_eq(cfg.settings[0].plugin, "dates");
	cr_assert_str_eq(cfg.settings[0].key, "data_dir");
	cr_assert_str_eq(cfg.settings[0].value, "/srv/dates");
	cr_assert_str_eq(cfg.settings[1].plugin, "people");
	nsrv_config_fini(&cfg);
	unlink(path);
}

Test(server_config, file_errors_name_the_line)
{
	nsrv_config cfg;
	char        path[64];
	char        err[256];

	temp_file(path, sizeof(path), "workers = 2\n[server]\n", 0600);
	nsrv_config_init(&cfg);
	cr_assert_eq(nsrv_config_load_file(&cfg, path, err, sizeof(err)), -1);
	cr_assert_not_null(strstr(err, ":2: unknown section"), "%s", err);
	nsrv_config_fini(&cfg);
	unlink(path);
}

Test(server_config, a_default_timeout_above_the_maximum_is_refused)
{
	nsrv_config cfg;
	char        err[256];

	/* Given both, the default used to be cut to the maximum unsaid. */
	nsrv_config_init(&cfg);
	cr_assert_eq(
	    nsrv_config_set(&cfg, "default-timeout", "10m", err, sizeof(err)),
	    0);
	cr_assert_eq(
	    nsrv_config_set(&cfg, "max-timeout", "1m", err, sizeof(err)), 0);
	cr_assert_eq(nsrv_config_finish(&cfg, NULL, err, sizeof(err)), -1);
	cr_assert_not_null(
	    strstr(
	        err, "default-timeout 600000 ms is above max-timeout 60000"),
	    "%s", err);
	nsrv_config_fini(&cfg);
	/* The built-in default (30 s) still follows a smaller maximum. */
	nsrv_config_init(&cfg);
	cr_assert_eq(
	    nsrv_config_set(&cfg, "max-timeout", "10s", err, sizeof(err)), 0);
	cr_assert_eq(nsrv_config_finish(&cfg, NULL, err, sizeof(err)), 0);
	cr_assert_eq(cfg.default_timeout_ms, 10000);
	nsrv_config_fini(&cfg);
}

Test(
    server_config, a_file_that_is_not_a_regular_file_is_refused, .timeout = 10)
{
	nsrv_config cfg;
	char        path[64];
	char        err[256];

	/* A folder used to read as an empty file: the server started with
	 * none of the settings.  A FIFO blocked start-up for good. */
	nsrv_config_init(&cfg);
	cr_assert_eq(
	    nsrv_config_load_file(&cfg, "/tmp", err, sizeof(err)), -1);
	cr_assert_not_null(strstr(err, "/tmp: not a regular file"), "%s", err);
	temp_fifo(path, sizeof(path));
	cr_assert_eq(nsrv_config_load_file(&cfg, path, err, sizeof(err)), -1);
	cr_assert_not_null(strstr(err, "not a regular file"), "%s", err);
	remove_fifo(path);
	nsrv_config_fini(&cfg);
}

Test(server_config, open_regular_opens_only_regular_files, .timeout = 10)
{
	struct stat st;
	char        path[64];
	char        err[256];
	int         fd;

	/* The check the config, token and TLS files share: a regular file
	 * opens with its fstat; a folder, a FIFO (without blocking), a
	 * missing file and, with O_NOFOLLOW, a symlink are refused. */
	temp_file(path, sizeof(path), "abc\n", 0600);
	fd = nsrv_open_regular(path, 0, &st, err, sizeof(err));
	cr_assert_geq(fd, 0, "%s", err);
	cr_assert_eq(st.st_size, 4);
	close(fd);
	unlink(path);
	cr_assert_eq(nsrv_open_regular(path, 0, &st, err, sizeof(err)), -1);
	cr_assert_not_null(strstr(err, "No such file"), "%s", err);
	cr_assert_eq(nsrv_open_regular("/tmp", 0, &st, err, sizeof(err)), -1);
	cr_assert_str_eq(err, "/tmp: not a regular file");
	temp_fifo(path, sizeof(path));
	cr_assert_eq(nsrv_open_regular(path, 0, &st, err, sizeof(err)), -1);
	cr_assert_not_null(strstr(err, "not a regular file"), "%s", err);
	cr_assert_eq(unlink(path), 0);
	cr_assert_eq(symlink("/tmp/nerd-parts-none", path), 0);
	cr_assert_eq(
	    nsrv_open_regular(path, O_NOFOLLOW, &st, err, sizeof(err)), -1);
	cr_assert_not_null(strstr(err, strerror(ELOOP)), "%s", err);
	remove_fifo(path);
}

Test(server_config, a_line_with_a_nul_byte_is_refused)
{
	static const char text[] = "log-level = debug\nworkers = 2\0junk\n";
	nsrv_config       cfg;
	char              path[64];
	char              err[256];

	/* The line used to end at the NUL: workers = 2 and no word of the
	 * rest. */
	temp_bytes(path, sizeof(path), text, sizeof(text) - 1, 0600);
	nsrv_config_init(&cfg);
	cr_assert_eq(nsrv_config_load_file(&cfg, path, err, sizeof(err)), -1);
	cr_assert_not_null(strstr(err, ":2: NUL byte"), "%s", err);
	nsrv_config_fini(&cfg);
	unlink(path);
}

Test(server_config, a_byte_order_mark_before_the_first_line_is_skipped)
{
	nsrv_config cfg;
	char        path[64];
	char        err[256];

	/* Some editors start UTF-8 files with one; it used to be read as
	 * part of the first key ("unknown setting" with an invisible
	 * prefix). */
	temp_file(path, sizeof(path), "\xef\xbb\xbfworkers = 3\n", 0600);
	nsrv_config_init(&cfg);
	cr_assert_eq(
	    nsrv_config_load_file(&cfg, path, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(cfg.workers, 3);
	nsrv_config_fini(&cfg);
	unlink(path);
}

/* ---------------------------------------------------------------- tokens */

Test(server_auth, tokens_match_only_bearer_and_exact_token)
{
	nsrv_tokens *t = NULL;
	char         path[64];
	char         err[256];

	temp_file(
	    path, sizeof(path), "# comment\n  first  \n\nsecond\n", 0600);
	cr_assert_eq(
	    nsrv_tokens_load(&t, path, err, sizeof(err)), 0, "%s", err);
	cr_assert(nsrv_tokens_match(t, "Bearer first"));
	cr_assert(nsrv_tokens_match(t, "bearer second"));
	cr_assert_not(nsrv_tokens_match(t, "first"));
	cr_assert_not(nsrv_tokens_match(t, "Bearer firs"));
	cr_assert_not(nsrv_tokens_match(t, "Bearer firstx"));
	cr_assert_not(nsrv_tokens_match(t, "Bearer "));
	cr_assert_not(nsrv_tokens_match(t, NULL));
	cr_assert_not(nsrv_tokens_match(NULL, "Bearer first"));
	nsrv_tokens_free(t);
	unlink(path);
}

Test(server_auth, token_files_open_to_others_or_empty_are_refused)
{
	nsrv_tokens *t = NULL;
	char         path[64];
	char         err[256];

	temp_file(path, sizeof(path), "token\n", 0644);
	cr_assert_eq(nsrv_tokens_load(&t, path, err, sizeof(err)), -1);
	cr_assert_not_null(strstr(err, "group or others"));
	unlink(path);
	temp_file(path, sizeof(path), "# nothing\n", 0600);
	cr_assert_eq(nsrv_tokens_load(&t, path, err, sizeof(err)), -1);
	cr_assert_not_null(strstr(err, "no token"));
	unlink(path);
}

Test(server_auth, a_token_line_with_a_nul_byte_is_refused)
{
	static const char text[] = "good\nsec\0ret\n";
	nsrv_tokens      *t      = NULL;
	char              path[64];
	char              err[256];

	/* The token used to end at the NUL: "Bearer sec" passed. */
	temp_bytes(path, sizeof(path), text, sizeof(text) - 1, 0600);
	cr_assert_eq(nsrv_tokens_load(&t, path, err, sizeof(err)), -1);
	cr_assert_null(t);
	cr_assert_not_null(strstr(err, ":2: NUL byte"), "%s", err);
	unlink(path);
}

Test(server_auth, a_token_file_that_is_a_fifo_is_refused_without_blocking,
    .timeout = 10)
{
	nsrv_tokens *t = NULL;
	char         path[64];
	char         err[256];

	/* open() used to wait for a writer before the file type was
	 * checked, with SIGTERM blocked: a start-up that never ended. */
	temp_fifo(path, sizeof(path));
	cr_assert_eq(nsrv_tokens_load(&t, path, err, sizeof(err)), -1);
	cr_assert_not_null(strstr(err, "not a regular file"), "%s", err);
	remove_fifo(path);
}

/* ---------------------------------------------------------------- dispatch */

Test(server_dispatch, every_method_of_the_proto_has_a_path_and_handler)
{
	nsrv_dispatch     *d;
	char               err[256];
	const nsrv_method *m;
	size_t             total = 0;

	cr_assert_eq(nsrv_dispatch_alloc(&d, nsrv_services, nsrv_n_services,
	                 nsrv_handlers, nsrv_n_handlers, err, sizeof(err)),
	    0, "%s", err);
	for (size_t i = 0; i < nsrv_n_services; i++) {
		total += nsrv_services[i]->n_methods;
	}
	cr_assert_eq(nsrv_dispatch_count(d), total);
	m = nsrv_dispatch_find(d, "/nerd.v1.Recognizer/Recognize", 29);
	cr_assert_not_null(m);
	cr_assert_eq(m->desc->input, &nerd__v1__recognize_request__descriptor);
	cr_assert_eq(
	    m->desc->output, &nerd__v1__recognize_response__descriptor);
	m = nsrv_dispatch_find(d, "/nerd.v1.Health/Check", 21);
	cr_assert_not_null(m);
	cr_assert(m->flags & NSRV_M_NO_AUTH);
	cr_assert_null(nsrv_dispatch_find(d, "/nerd.v1.Health/Watch", 21));
	cr_assert_str_eq(
	    nsrv_dispatch_method(d, 0)->path, "/nerd.v1.Recognizer/Recognize");
	cr_assert_null(nsrv_dispatch_method(d, total));
	nsrv_dispatch_free(d);
}

static int
no_handler(nsrv_call *call, const ProtobufCMessage *in, ProtobufCMessage **out,
    char *msg, size_t msglen)
{
	(void) call;
	(void) in;
	(void) out;
	snprintf(msg, msglen, "unused");
	return (13);
}

Test(server_dispatch, a_method_without_handler_fails_the_table)
{
	const nsrv_handler only[] = {
		{ "nerd.v1.Health", "Check", no_handler, 0 },
	};
	nsrv_dispatch *d = NULL;
	char           err[256];

	cr_assert_eq(nsrv_dispatch_alloc(&d, nsrv_services, nsrv_n_services,
	                 only, 1, err, sizeof(err)),
	    -1);
	cr_assert_not_null(
	    strstr(err, "/nerd.v1.Recognizer/Recognize"), "%s", err);
}

Test(server_dispatch, a_handler_without_method_fails_the_table)
{
	const ProtobufCServiceDescriptor *health[]
	    = { &nerd__v1__health__descriptor };
	const nsrv_handler extra[] = {
		{ "nerd.v1.Health", "Check", no_handler, 0 },
		{ "nerd.v1.Health", "Watch", no_handler, 0 },
	};
	nsrv_dispatch *d = NULL;
	char           err[256];

	cr_assert_eq(
	    nsrv_dispatch_alloc(&d, health, 1, extra, 2, err, sizeof(err)),
	    -1);
	cr_assert_not_null(strstr(err, "/nerd.v1.Health/Watch"), "%s", err);
}

/* ---------------------------------------------------------------- arena */

Test(server_arena, allocations_are_aligned_and_reset_reuses)
{
	nsrv_arena a;
	char      *s;
	void      *big;

	nsrv_arena_init(&a, 0);
	for (int i = 1; i < 100; i++) {
		void *p = nsrv_arena_alloc(&a, (size_t) i);
		cr_assert_not_null(p);
		cr_assert_eq((uintptr_t) p % _Alignof(max_align_t), 0);
	}
	big = nsrv_arena_alloc(&a, 100000);
	cr_assert_not_null(big);
	memset(big, 1, 100000);
	s = nsrv_arena_strndup(&a, "abcdef", 3);
	cr_assert_str_eq(s, "abc");
	nsrv_arena_reset(&a);
	cr_assert_leq(a.total, 100000 + 16384);
	cr_assert_not_null(nsrv_arena_alloc(&a, 10));
	nsrv_arena_fini(&a);
}

Test(server_arena, limit_refuses_growth)
{
	nsrv_arena a;

	nsrv_arena_init(&a, 20000);
	cr_assert_not_null(nsrv_arena_alloc(&a, 1000));
	cr_assert_null(nsrv_arena_alloc(&a, 50000));
	nsrv_arena_fini(&a);
}

Test(server_arena, protobuf_unpacks_into_the_arena)
{
	Nerd__V1__Document  doc = NERD__V1__DOCUMENT__INIT;
	uint8_t             buf[64];
	size_t              n;
	nsrv_arena          a;
	Nerd__V1__Document *got;

	doc.id   = "x";
	doc.text = "Arena Text";
	n        = nerd__v1__document__pack(&doc, buf);
	nsrv_arena_init(&a, 0);
	got = nerd__v1__document__unpack(&a.pb, n, buf);
	cr_assert_not_null(got);
	cr_assert_str_eq(got->text, "Arena Text");
	cr_assert_gt(a.total, 0);
	nsrv_arena_fini(&a);
}

/* ---------------------------------------------------------------- workers */

typedef struct gate_job {
	sem_t *entered;
	sem_t *release;
	sem_t *done;
} gate_job;

static void
run_gate_job(void *arg)
{
	gate_job *j = arg;

	if (j->entered != NULL) {
		sem_post(j->entered);
	}
	if (j->release != NULL) {
		sem_wait(j->release);
	}
	sem_post(j->done);
}

Test(server_workers, full_queue_refuses_at_once_and_drains_on_free)
{
	nsrv_pool *pool;
	sem_t      entered, release, done;
	gate_job   held   = { &entered, &release, &done };
	gate_job   queued = { NULL, NULL, &done };

	sem_init(&entered, 0, 0);
	sem_init(&release, 0, 0);
	sem_init(&done, 0, 0);
	cr_assert_eq(nsrv_pool_alloc(&pool, 1, 1, run_gate_job), 0);
	cr_assert_eq(nsrv_pool_submit(pool, &held), 0);
	sem_wait(&entered);
	cr_assert_eq(nsrv_pool_submit(pool, &queued), 0);
	cr_assert_eq(nsrv_pool_waiting(pool), 1);
	cr_assert_eq(nsrv_pool_submit(pool, &queued), -1);
	sem_post(&release);
	nsrv_pool_free(pool);
	/* Both ran before free returned. */
	cr_assert_eq(sem_trywait(&done), 0);
	cr_assert_eq(sem_trywait(&done), 0);
}

Test(server_workers, bad_arguments_are_refused)
{
	nsrv_pool *pool = NULL;

	cr_assert_neq(nsrv_pool_alloc(&pool, 0, 1, run_gate_job), 0);
	cr_assert_neq(nsrv_pool_alloc(&pool, 1, 0, run_gate_job), 0);
}

/* ---------------------------------------------------------------- misc */

Test(server_transport, loopback_and_local_urls_are_recognised)
{
	cr_assert(nsrv_url_is_local("ipc:///tmp/x"));
	cr_assert(nsrv_url_is_local("tcp://127.0.0.1:7411"));
	cr_assert(nsrv_url_is_local("tcp://localhost:7411"));
	cr_assert(nsrv_url_is_local("ws://[::1]:80/x"));
	cr_assert_not(nsrv_url_is_local("tcp://0.0.0.0:7411"));
	cr_assert_not(nsrv_url_is_local("tcp://10.1.2.3:7411"));
	cr_assert_not(nsrv_url_is_local("tcp://[::]:7411"));
	cr_assert_not(nsrv_url_is_local("tcp://localhost.evil:1"));
}

Test(server_log, levels_parse_by_name)
{
	int level = -1;

	cr_assert_eq(nsrv_log_parse_level("debug", &level), 0);
	cr_assert_eq(level, NERP_LOG_DEBUG);
	cr_assert_eq(nsrv_log_parse_level("error", &level), 0);
	cr_assert_eq(level, NERP_LOG_ERROR);
	cr_assert_eq(nsrv_log_parse_level("loud", &level), -1);
	nsrv_log_set_level(NERP_LOG_WARN);
	cr_assert(nsrv_log_enabled(NERP_LOG_ERROR));
	cr_assert_not(nsrv_log_enabled(NERP_LOG_INFO));
}

Test(server_log, lines_are_structured_and_quoted)
{
	char  path[64];
	FILE *f;
	char  line[512];
	int   saved = dup(2);
	int   fd;

	temp_file(path, sizeof(path), "", 0600);
	fd = open(path, O_WRONLY);
	dup2(fd, 2);
	nsrv_log_set_level(NERP_LOG_INFO);
	nsrv_log(NERP_LOG_INFO, "say \"hi\"", "method=%s code=%d", "/a/B", 3);
	nsrv_log(NERP_LOG_DEBUG, "hidden", NULL);
	dup2(saved, 2);
	close(fd);
	f = fopen(path, "r");
	cr_assert_not_null(fgets(line, sizeof(line), f));
	cr_assert_eq(strncmp(line, "ts=", 3), 0);
	cr_assert_not_null(strstr(line,
	                       " level=info msg=\"say \\\"hi\\\"\" "
	                       "method=/a/B code=3\n"),
	    "%s", line);
	cr_assert_null(fgets(line, sizeof(line), f));
	fclose(f);
	unlink(path);
}

Test(server_log, a_limit_passes_one_event_an_interval_and_counts_the_rest)
{
	nsrv_log_limit lim;
	const uint64_t sec        = 1000000000u;
	unsigned       suppressed = 99;

	nsrv_log_limit_init(&lim);
	cr_assert(nsrv_log_limit_take(&lim, 5 * sec, sec, &suppressed));
	cr_assert_eq(suppressed, 0);
	cr_assert_not(
	    nsrv_log_limit_take(&lim, 5 * sec + 1, sec, &suppressed));
	cr_assert_not(
	    nsrv_log_limit_take(&lim, 6 * sec - 1, sec, &suppressed));
	/* A second after the last line: the next line, with the count of
	 * those left out. */
	cr_assert(nsrv_log_limit_take(&lim, 6 * sec, sec, &suppressed));
	cr_assert_eq(suppressed, 2);
	cr_assert(nsrv_log_limit_take(&lim, 9 * sec, sec, &suppressed));
	cr_assert_eq(suppressed, 0);
}
