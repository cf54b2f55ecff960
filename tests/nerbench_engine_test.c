/* nerbench's engine and report against a small in-test REP server. */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <nng/nng.h>
#include <nng/protocol/reqrep0/rep.h>
#include <nng/supplemental/util/platform.h>

#include "corpus.h"
#include "engine.h"
#include "nerd.pb-c.h"
#include "options.h"
#include "report.h"

/* A synchronous REP server thread answering every call with one status. */
typedef struct fake_server {
	nng_socket sock;
	nng_thread *thr;
	int code;
	char url[256];
	int calls;
	uint64_t recv_ns[64]; /* CLOCK_MONOTONIC arrival of the first calls */
	int stop_at;                /* when not 0: set stop at this call */
	int stop_level;             /* ... to this value (1 unless set) */
	int silent;                 /* when not 0: answer no call */
	atomic_int stop;            /* the run's spec->stop */
} fake_server;

static uint64_t
mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((uint64_t) ts.tv_sec * 1000000000ull + (uint64_t) ts.tv_nsec);
}

static void
fake_serve(void *arg)
{
	fake_server *s = arg;

	for (;;) {
		Nerd__V1__RpcReply reply  = NERD__V1__RPC_REPLY__INIT;
		Nerd__V1__Status   status = NERD__V1__STATUS__INIT;
		nng_msg           *msg;
		nng_msg           *out;

		if (nng_recvmsg(s->sock, &msg, 0) != 0) {
			return;
		}
		nng_msg_free(msg);
		if (s->calls < 64) {
			s->recv_ns[s->calls] = mono_ns();
		}
		s->calls++;
		if (s->stop_at != 0 && s->calls >= s->stop_at) {
			atomic_store(&s->stop, s->stop_level);
		}
		if (s->silent) {
			continue;
		}
		status.code    = s->code;
		status.message = s->code ? "refused by the fake" : "";
		reply.status   = &status;
		if (nng_msg_alloc(&out,
		        nerd__v1__rpc_reply__get_packed_size(&reply)) != 0) {
			return;
		}
		nerd__v1__rpc_reply__pack(&reply, nng_msg_body(out));
		if (nng_sendmsg(s->sock, out, 0) != 0) {
			nng_msg_free(out);
		}
	}
}

/* Starts a fake answering with code; when stop_at is not 0, it sets
 * s->stop on its stop_at-th call. */
static void
fake_start_stop_at(fake_server *s, int code, int stop_at)
{
	memset(s, 0, sizeof(*s));
	atomic_init(&s->stop, 0);
	s->code       = code;
	s->stop_at    = stop_at;
	s->stop_level = 1;
	snprintf(s->url, sizeof(s->url), "ipc:///tmp/nerbench-test-%d-%d.sock",
	    (int) getpid(), code);
	cr_assert_eq(nng_rep0_open(&s->sock), 0);
	cr_assert_eq(nng_listen(s->sock, s->url, NULL, 0), 0);
	cr_assert_eq(nng_thread_create(&s->thr, fake_serve, s), 0);
}

static void
fake_start(fake_server *s, int code)
{
	fake_start_stop_at(s, code, 0);
}

static void
fake_stop(fake_server *s)
{
	nng_close(s->sock);
	nng_thread_destroy(s->thr);
}

/* Runs nerbench's engine with these options; stop as spec->stop. */
static void
run_until(const char *url, char **extra, int n_extra, nerb_options *o,
    nerb_results *r, int keep_rows, atomic_int *stop)
{
	char            *argv[32] = { "nerbench", "--connect", (char *) url,
		           "--no-progress" };
	int              argc     = 4;
	nerb_corpus      c;
	nerb_corpus_spec cs;
	nerb_run_spec    rs;
	char             err[256];
	int              i;

	for (i = 0; i < n_extra; i++) {
		argv[argc++] = extra[i];
	}
	cr_assert_eq(nerb_options_parse(o, argc, argv, err, sizeof(err)), 0,
	    "%s", err);
	memset(&cs, 0, sizeof(cs));
	cs.method     = o->method;
	cs.timeout_ms = 2000;
	cr_assert_eq(nerb_corpus_load(&c, &cs, err, sizeof(err)), 0, "%s", err);
	memset(&rs, 0, sizeof(rs));
	rs.opts      = o;
	rs.corpus    = &c;
	rs.keep_rows = keep_rows;
	rs.stop      = stop;
	cr_assert_eq(nerb_run(&rs, r, err, sizeof(err)), 0, "%s", err);
	nerb_corpus_fini(&c);
}

static void
run(const char *url, char **extra, int n_extra, nerb_options *o,
    nerb_results *r, int keep_rows)
{
	run_until(url, extra, n_extra, o, r, keep_rows, NULL);
}

Test(nerbench_engine, closed_model_makes_exactly_n_calls)
{
	fake_server  s;
	nerb_options o;
	nerb_results r;
	char        *extra[] = { "-n", "300", "-c", "8" };

	fake_start(&s, 0);
	run(s.url, extra, 4, &o, &r, 0);
	cr_assert_eq(r.count, 300);
	cr_assert_eq(r.ok, 300);
	cr_assert_eq(s.calls, 300);
	cr_assert_eq(nerb_hist_count(r.latency_ns), 300);
	cr_assert_gt(r.text_bytes, 0);
	cr_assert_gt(r.duration_s, 0.0);
	/* 300 round trips cost the client some CPU and some switches. */
	cr_assert_gt(r.client_user_s + r.client_sys_s, 0.0);
	cr_assert_gt(r.client_vcs + r.client_nvcs, 0);
	nerb_results_fini(&r);
	fake_stop(&s);
}

Test(nerbench_engine, warmup_calls_are_made_but_not_recorded)
{
	fake_server  s;
	nerb_options o;
	nerb_results r;
	char        *extra[] = { "-n", "50", "-c", "2", "--warmup", "20" };

	fake_start(&s, 0);
	run(s.url, extra, 6, &o, &r, 0);
	cr_assert_eq(r.count, 50);
	cr_assert_eq(r.warmup, 20);
	cr_assert_eq(s.calls, 70);
	nerb_results_fini(&r);
	fake_stop(&s);
}

/* -n and --warmup N add up to the calls made: at -n's largest the sum
 * must not wrap round (to 2 here, both warm-up, nothing recorded).  The
 * fake stops the run at its 10th call. */
Test(nerbench_engine, the_largest_total_with_a_warmup_does_not_wrap)
{
	fake_server  s;
	nerb_options o;
	nerb_results r;
	char        *extra[] = { "-n", "18446744073709551615", "--warmup", "3",
		       "-c", "1" };

	fake_start_stop_at(&s, 0, 10);
	run_until(s.url, extra, 6, &o, &r, 0, &s.stop);
	cr_assert_geq(s.calls, 10);
	cr_assert_eq(r.warmup, 3);
	cr_assert_eq(r.count + r.warmup, (uint64_t) s.calls);
	nerb_results_fini(&r);
	fake_stop(&s);
}

Test(nerbench_engine, statuses_are_counted_by_grpc_name)
{
	fake_server  s;
	nerb_options o;
	nerb_results r;
	char        *extra[] = { "-n", "10", "-c", "2", "-O", "csv" };
	char         buf[4096];
	FILE        *f;

	fake_start(&s, 8);
	run(s.url, extra, 6, &o, &r, 1);
	cr_assert_eq(r.ok, 0);
	cr_assert_eq(r.by_status[8], 10);
	cr_assert_eq(r.n_errors, 1);
	cr_assert_str_eq(r.errors[0].message, "refused by the fake");
	cr_assert_eq(r.n_rows, 10);

	f = fmemopen(buf, sizeof(buf), "w");
	nerb_report(f, &o, &r);
	fclose(f);
	cr_assert(strstr(buf, "duration (ms),status,error\n") == buf);
	cr_assert(strstr(buf, "RESOURCE_EXHAUSTED") != NULL);
	nerb_results_fini(&r);
	fake_stop(&s);
}

/* gRPC takes a status code it does not know for UNKNOWN: so does the
 * report, whose status counts then add up to the calls. */
Test(nerbench_engine, codes_beyond_grpc_count_as_unknown)
{
	fake_server  s;
	nerb_options o;
	nerb_results r;
	char        *extra[] = { "-n", "6", "-c", "2", "-O", "json" };
	char         buf[4096];
	FILE        *f;

	fake_start(&s, 99);
	run(s.url, extra, 6, &o, &r, 1);
	cr_assert_eq(r.count, 6);
	cr_assert_eq(r.ok, 0);
	cr_assert_eq(r.by_status[2], 6); /* UNKNOWN */
	cr_assert_eq(r.n_errors, 1);
	cr_assert_eq(r.errors[0].code, 2);
	cr_assert_eq(r.rows[0].code, 2);
	f = fmemopen(buf, sizeof(buf), "w");
	nerb_report(f, &o, &r);
	fclose(f);
	cr_assert(strstr(buf, "\"errors\":{\"UNKNOWN\":6}") != NULL, "%s", buf);
	nerb_results_fini(&r);
	fake_stop(&s);
}

Test(nerbench_engine, open_model_paces_calls_at_the_rate)
{
	fake_server  s;
	nerb_options o;
	nerb_results r;
	char        *extra[] = { "-n", "40", "-c", "4", "-r", "200" };

	fake_start(&s, 0);
	run(s.url, extra, 6, &o, &r, 0);
	cr_assert_eq(r.count, 40);
	/* 40 calls at 200/s cannot finish in much less than 0.195 s. */
	cr_assert_geq(r.duration_s, 0.15);
	nerb_results_fini(&r);
	fake_stop(&s);
}

Test(nerbench_engine, open_model_never_sends_before_the_intended_time)
{
	fake_server  s;
	nerb_options o;
	nerb_results r;
	char        *extra[] = { "-n", "30", "-c", "4", "-r", "400" };
	uint64_t     before;

	fake_start(&s, 0);
	before = mono_ns();
	run(s.url, extra, 6, &o, &r, 0);
	cr_assert_eq(r.count, 30);
	cr_assert_eq(s.calls, 30);
	/* Call k is due 2.5 ms * k after the run starts (after before), so
	 * the (k+1)th arrival, which has some call j >= k among those before
	 * it, cannot come sooner. */
	for (int k = 0; k < 30; k++) {
		cr_assert_geq(s.recv_ns[k], before + (uint64_t) k * 2500000u,
		    "call %d arrived %.3f ms before it was due", k,
		    (double) (before + (uint64_t) k * 2500000u - s.recv_ns[k])
		        / 1e6);
	}
	nerb_results_fini(&r);
	fake_stop(&s);
}

Test(nerbench_engine, no_server_gives_errors_not_a_failure)
{
	nerb_options o;
	nerb_results r;
	char        *extra[] = { "-n", "2", "-c", "1", "-t", "100ms" };

	run("ipc:///tmp/nerbench-test-nobody.sock", extra, 6, &o, &r, 0);
	cr_assert_eq(r.count, 2);
	cr_assert_eq(r.ok, 0);
	cr_assert_eq(r.by_status[4], 2); /* DEADLINE_EXCEEDED */
	nerb_results_fini(&r);
}

Test(nerbench_engine, open_model_runs_for_the_duration_then_ends)
{
	fake_server  s;
	nerb_options o;
	nerb_results r;
	char        *extra[] = { "-z", "1s", "-c", "3", "-r", "50" };

	fake_start(&s, 0);
	run(s.url, extra, 6, &o, &r, 0);
	/* Call t is due at t * 20 ms and is not sent once 1 s has passed,
	 * so at most 50 calls; the first is due at once.  Every call sent
	 * was answered and recorded before the run returned. */
	cr_assert_geq(r.count + r.warmup, 1);
	cr_assert_leq(r.count + r.warmup, 50);
	cr_assert_eq((uint64_t) s.calls, r.count + r.warmup);
	cr_assert_eq(r.ok, r.count);
	nerb_results_fini(&r);
	fake_stop(&s);
}

/* The next call is due 31 years after the first: the run still ends at
 * its duration (the timeout only guards against the pacer sleeping past
 * it, and is far above the 1 s the run takes). */
Test(nerbench_engine, open_model_ends_at_the_duration_when_calls_are_rarer,
    .timeout = 60)
{
	fake_server  s;
	nerb_options o;
	nerb_results r;
	char        *extra[] = { "-z", "1s", "-c", "1", "-r", "1e-9" };

	fake_start(&s, 0);
	run(s.url, extra, 6, &o, &r, 0);
	cr_assert_eq(r.count, 1);
	cr_assert_eq(s.calls, 1);
	nerb_results_fini(&r);
	fake_stop(&s);
}

/* Nothing is sent after a -z run's end, even a call that was due before
 * it but found no free context: here the only context is held by a call
 * the silent server never answers, until its deadline (-t 1s + grace),
 * long after the run's 500 ms. */
Test(nerbench_engine, open_model_sends_nothing_after_the_duration)
{
	fake_server  s;
	nerb_options o;
	nerb_results r;
	char        *extra[] = { "-z", "500ms", "-c", "1", "-r", "1000", "-t",
		       "1s" };

	fake_start(&s, 0);
	s.silent = 1; /* no call arrives before the run starts */
	run(s.url, extra, 8, &o, &r, 0);
	cr_assert_eq(s.calls, 1);
	cr_assert_eq(r.count, 1);
	cr_assert_eq(r.by_status[4], 1); /* DEADLINE_EXCEEDED */
	nerb_results_fini(&r);
	fake_stop(&s);
}

Test(nerbench_engine, open_model_without_a_server_counts_every_call_failed)
{
	nerb_options o;
	nerb_results r;
	char        *extra[] = { "-n", "5", "-c", "2", "-r", "100", "-t",
		       "100ms" };

	run("ipc:///tmp/nerbench-test-nobody-open.sock", extra, 8, &o, &r, 0);
	cr_assert_eq(r.count, 5);
	cr_assert_eq(r.ok, 0);
	cr_assert_eq(r.by_status[4], 5); /* DEADLINE_EXCEEDED */
	nerb_results_fini(&r);
}

Test(nerbench_engine, open_model_stopped_before_the_start_makes_no_call)
{
	fake_server           s;
	nerb_options          o;
	nerb_results          r;
	atomic_int            stop    = 1;
	char                 *extra[] = { "-n", "100", "-c", "4", "-r", "100" };

	fake_start(&s, 0);
	run_until(s.url, extra, 6, &o, &r, 0, &stop);
	cr_assert_eq(r.count, 0);
	cr_assert_eq(s.calls, 0);
	nerb_results_fini(&r);
	fake_stop(&s);
}

Test(nerbench_engine, open_model_stop_lets_calls_in_flight_finish)
{
	fake_server  s;
	nerb_options o;
	nerb_results r;
	char        *extra[] = { "-n", "1000000", "-c", "4", "-r", "1000" };

	fake_start_stop_at(&s, 0, 10);
	run_until(s.url, extra, 6, &o, &r, 0, &s.stop);
	/* The 10th call and any others in flight were answered and
	 * recorded; no call was left behind. */
	cr_assert_geq(r.count, 10);
	cr_assert_lt(r.count, 1000000);
	cr_assert_eq((uint64_t) s.calls, r.count);
	cr_assert_eq(r.ok, r.count);
	nerb_results_fini(&r);
	fake_stop(&s);
}

/* A second stop request (a second Ctrl-C) abandons the calls in flight:
 * a silent server would hold them to their deadline (-t 3s plus the
 * grace; 20 s by default).  Abandoned calls have no outcome, so they are
 * not recorded. */
Test(nerbench_engine, second_stop_abandons_the_calls_in_flight)
{
	fake_server  s;
	nerb_options o;
	nerb_results r;
	char        *extra[] = { "-n", "100", "-c", "2", "-t", "3s" };

	fake_start_stop_at(&s, 0, 1);
	/* No call arrives before the run starts. */
	s.silent     = 1;
	s.stop_level = 2;
	run_until(s.url, extra, 6, &o, &r, 0, &s.stop);
	cr_assert_geq(s.calls, 1);
	cr_assert_eq(r.count, 0);
	cr_assert_eq(r.by_status[4], 0); /* no DEADLINE_EXCEEDED */
	nerb_results_fini(&r);
	fake_stop(&s);
}

/* Set-up that runs out of memory says so: every call in flight has a
 * 256 KiB histogram, and the address space is cut to 512 MiB above what
 * the test already maps, so -c 20000 (5 GiB of histograms) cannot have
 * them.  (A histogram's ENOMEM went through nng_strerror, which read it
 * as NNG's error 12: "Entry not found".) */
#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1 /* its allocator aborts when the memory runs out */
#else
#define UNDER_ASAN 0
#endif

Test(nerbench_engine, running_out_of_memory_is_reported_as_such,
    .disabled = UNDER_ASAN)
{
	nerb_options     o;
	nerb_results     r;
	nerb_corpus      c;
	nerb_corpus_spec cs;
	nerb_run_spec    rs;
	char             err[256] = "";
	char            *argv[]   = { "nerbench", "--connect",
		       "ipc:///tmp/nerbench-test-nomem.sock", "-c", "20000" };
	struct rlimit    as;
	FILE            *status;
	char             line[256];
	unsigned long    vm_kb = 0;

	cr_assert_eq(nerb_options_parse(&o, 5, argv, err, sizeof(err)), 0);
	memset(&cs, 0, sizeof(cs));
	cs.method = o.method;
	cr_assert_eq(nerb_corpus_load(&c, &cs, err, sizeof(err)), 0);
	status = fopen("/proc/self/status", "r");
	cr_assert_not_null(status);
	while (fgets(line, sizeof(line), status) != NULL) {
		if (sscanf(line, "VmSize: %lu kB", &vm_kb) == 1) {
			break;
		}
	}
	fclose(status);
	cr_assert_gt(vm_kb, 0);
	as.rlim_cur = as.rlim_max = (rlim_t) (vm_kb + 512 * 1024) * 1024;
	cr_assert_eq(setrlimit(RLIMIT_AS, &as), 0);
	memset(&rs, 0, sizeof(rs));
	rs.opts   = &o;
	rs.corpus = &c;
	cr_assert_neq(nerb_run(&rs, &r, err, sizeof(err)), 0);
	cr_assert(strstr(err, "memory") != NULL, "%s", err);
	nerb_corpus_fini(&c);
}

Test(nerbench_report, json_has_the_documented_keys)
{
	fake_server  s;
	nerb_options o;
	nerb_results r;
	char        *extra[] = { "-n", "5", "-c", "1", "-O", "json" };
	char         buf[4096];
	FILE        *f;
	const char  *keys[] = { "\"count\":5", "\"ok\":5", "\"errors\":{}",
		 "\"rps\":", "\"duration_s\":", "\"latency_us\":{", "\"p50\":",
		 "\"p90\":", "\"p99\":", "\"p999\":", "\"max\":",
		 "\"client\":{\"cpu_user_s\":", "\"cpu_us_per_call\":",
		 "\"switches_per_call\":" };
	size_t       i;

	fake_start(&s, 0);
	run(s.url, extra, 6, &o, &r, 0);
	f = fmemopen(buf, sizeof(buf), "w");
	nerb_report(f, &o, &r);
	fclose(f);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		cr_assert(strstr(buf, keys[i]) != NULL, "%s missing in %s",
		    keys[i], buf);
	}
	nerb_results_fini(&r);
	fake_stop(&s);
}

Test(nerbench_report, thresholds_fail_when_breached)
{
	nerb_options o;
	nerb_results r;
	char         err[256];
	char        *argv[] = { "nerbench", "--max-error-rate", "0.1",
		       "--max-p99-ms", "1" };
	FILE        *devnull = fopen("/dev/null", "w");

	cr_assert_eq(nerb_options_parse(&o, 5, argv, err, sizeof(err)), 0);
	memset(&r, 0, sizeof(r));
	cr_assert_eq(nerb_hist_alloc(&r.latency_ns), 0);
	nerb_hist_record(r.latency_ns, 500000); /* 0.5 ms */
	r.count = 10;
	r.ok    = 10;
	cr_assert_eq(nerb_check_thresholds(devnull, &o, &r), 0);
	r.ok = 8; /* 20% errors */
	cr_assert_eq(nerb_check_thresholds(devnull, &o, &r), 1);
	r.ok = 10;
	nerb_hist_record(r.latency_ns, 5000000); /* 5 ms */
	cr_assert_eq(nerb_check_thresholds(devnull, &o, &r), 1);
	fclose(devnull);
	nerb_results_fini(&r);
}

/* Loads --data path and returns nerb_corpus_load's result, err set, and
 * the number of documents in *n (0 on an error). */
static int
load_data(const char *path, size_t *n, char *err, size_t errlen)
{
	nerb_corpus      c;
	nerb_corpus_spec cs;
	int              rv;

	memset(&cs, 0, sizeof(cs));
	cs.data   = path;
	cs.method = "/nerd.v1.Recognizer/Recognize";
	rv        = nerb_corpus_load(&c, &cs, err, errlen);
	*n        = c.n;
	nerb_corpus_fini(&c);
	return (rv);
}

Test(nerbench_corpus, data_that_cannot_be_read_names_the_reason)
{
	char   err[256];
	size_t n;

	cr_assert_eq(load_data("/tmp", &n, err, sizeof(err)), EISDIR);
	cr_assert(strstr(err, "/tmp: Is a directory") != NULL, "%s", err);
}

Test(nerbench_corpus, blank_lines_of_any_ending_are_skipped)
{
	char   path[] = "/tmp/nerbench-test-blank-XXXXXX";
	char   err[256];
	int    fd     = mkstemp(path);
	FILE  *f;
	size_t n;

	cr_assert_geq(fd, 0);
	f = fdopen(fd, "w");
	fputs("{\"text\":\"Vienna\"}\r\n\r\n \t\n\n{\"text\":\"Oslo\"}\r\n", f);
	fclose(f);
	cr_assert_eq(load_data(path, &n, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(n, 2);
	unlink(path);
}

/* Loads --corpus dir, which holds one file, name, of len bytes of text
 * (a sparse file when text is NULL); returns nerb_corpus_load's result. */
static int
load_dir_of_one(const char *name, const char *text, size_t len, char *err,
    size_t errlen)
{
	char             dir[] = "/tmp/nerbench-test-corpus-XXXXXX";
	char             path[256];
	nerb_corpus      c;
	nerb_corpus_spec cs;
	FILE            *f;
	int              rv;

	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	cr_assert_not_null(f);
	if (text != NULL) {
		cr_assert_eq(fwrite(text, 1, len, f), len);
	} else {
		cr_assert_eq(ftruncate(fileno(f), (off_t) len), 0);
	}
	fclose(f);
	memset(&cs, 0, sizeof(cs));
	cs.corpus = dir;
	cs.method = "/nerd.v1.Recognizer/Recognize";
	rv        = nerb_corpus_load(&c, &cs, err, errlen);
	nerb_corpus_fini(&c);
	unlink(path);
	rmdir(dir);
	return (rv);
}

Test(nerbench_corpus, a_file_too_large_says_so)
{
	char err[256];

	cr_assert_eq(load_dir_of_one("big.txt", NULL, (64u << 20) + 1, err,
	                 sizeof(err)),
	    EFBIG);
	cr_assert(strstr(err, "big.txt: File too large") != NULL, "%s", err);
}

/* Text is sent as a C string: a file with a NUL byte (UTF-16, binary)
 * would go out cut at it, and its calls would count as OK on a few bytes. */
Test(nerbench_corpus, a_file_with_a_nul_byte_is_refused)
{
	static const char utf16[] = "V\0i\0e\0n\0n\0a\0";
	char              err[256];

	cr_assert_eq(load_dir_of_one("utf16.txt", utf16, sizeof(utf16) - 1,
	                 err, sizeof(err)),
	    EINVAL);
	cr_assert(strstr(err, "utf16.txt") != NULL, "%s", err);
	cr_assert(strstr(err, "NUL") != NULL, "%s", err);
}

/* Bearer tokens (JWTs) often run past 512 bytes: the envelope carries the
 * whole of one. */
Test(nerbench_corpus, a_long_token_is_sent_whole)
{
	char                  token[1200];
	char                  want[1300];
	char                  err[256];
	nerb_corpus           c;
	nerb_corpus_spec      cs;
	Nerd__V1__RpcRequest *req;

	memset(token, 'k', sizeof(token) - 1);
	token[sizeof(token) - 1] = '\0';
	snprintf(want, sizeof(want), "Bearer %s", token);
	memset(&cs, 0, sizeof(cs));
	cs.method = "/nerd.v1.Recognizer/Recognize";
	cs.token  = token;
	cr_assert_eq(nerb_corpus_load(&c, &cs, err, sizeof(err)), 0, "%s", err);
	req = nerd__v1__rpc_request__unpack(
	    NULL, c.requests[0].len, c.requests[0].bytes);
	cr_assert_not_null(req);
	cr_assert_eq(req->n_metadata, 1);
	cr_assert_str_eq(req->metadata[0]->key, "authorization");
	cr_assert_str_eq(req->metadata[0]->value, want);
	nerd__v1__rpc_request__free_unpacked(req, NULL);
	nerb_corpus_fini(&c);
}

/* MB/s of text counts the text calls carry: a method other than
 * Recognize and RecognizeBatch sends an empty request, so none. */
Test(nerbench_corpus, only_calls_that_carry_the_text_count_its_bytes)
{
	char             err[256];
	nerb_corpus      c;
	nerb_corpus_spec cs;

	memset(&cs, 0, sizeof(cs));
	cs.method = "/nerd.v1.Recognizer/RecognizeBatch";
	cr_assert_eq(nerb_corpus_load(&c, &cs, err, sizeof(err)), 0, "%s", err);
	cr_assert_gt(c.text_bytes, 0);
	cr_assert_eq(c.requests[0].text_bytes, c.text_bytes);
	nerb_corpus_fini(&c);
	cs.method = "/nerd.v1.Health/Check";
	cr_assert_eq(nerb_corpus_load(&c, &cs, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(c.text_bytes, 0);
	cr_assert_eq(c.requests[0].text_bytes, 0);
	nerb_corpus_fini(&c);
}
