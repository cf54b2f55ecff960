/*
 * tests/tsan/server_stress.c: the server under concurrent load while its
 * plugins are reloaded (admin call and SIGHUP) and then while it is told
 * to stop.  Built and run in the ThreadSanitizer build, where Criterion
 * cannot run (its forking runner cannot map its arena under TSan), and in
 * the normal build as a fault test.  The server runs as a child process;
 * a data race makes it exit with status 66 (TSAN_OPTIONS exitcode).
 *
 * Passes when: every Recognize call during reloads succeeds; every call
 * made while the server drains gets OK or UNAVAILABLE (none is lost); the
 * server exits 0.  All of it twice: with the small calls run to
 * completion in NNG's callbacks (the default) and with every call on the
 * worker pool (--inline-max 0).  Prints "N passed, N failed".
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "nerd/client.h"

#define CLIENT_THREADS 4
#define CALLS_PER_THREAD 60
#define RELOADS 8

static const char text[] =
    "MOSCOW, April 26. Russian Foreign Minister Sergey Lavrov met his "
    "Bolivian counterpart in Moscow on Friday. Bolivia notified BRICS of "
    "its interest in joining the group in July 2023, the Russian Foreign "
    "Ministry said.";

/* usleep is not in POSIX.1-2008: sleep with nanosleep. */
static void
sleep_us(long us)
{
	struct timespec ts = { us / 1000000, (us % 1000000) * 1000 };

	nanosleep(&ts, NULL);
}

static int passed;
static int failed;

static void
check(int ok, const char *what)
{
	printf("%s: %s\n", ok ? "PASS" : "FAIL", what);
	if (ok) {
		passed++;
	} else {
		failed++;
	}
}

typedef struct load {
	nerd_client *client;
	int          calls;        /* 0 = until stop is set */
	atomic_int  *stop;
	atomic_int   ok;
	atomic_int   unavailable;
	atomic_int   other;
	char         last_error[320];
} load;

static void *
load_run(void *arg)
{
	load                      *l   = arg;
	Nerd__V1__Document         doc = NERD__V1__DOCUMENT__INIT;
	Nerd__V1__RecognizeRequest req = NERD__V1__RECOGNIZE_REQUEST__INIT;
	int                        i;

	doc.text     = (char *) text;
	doc.dct      = "2024-04-26";
	req.document = &doc;
	for (i = 0; l->calls == 0 || i < l->calls; i++) {
		Nerd__V1__RecognizeResponse *res = NULL;
		nerd_client_status           st;
		int                          rv;

		if (l->calls == 0 && atomic_load(l->stop)) {
			break;
		}
		rv = nerd_client_recognize(l->client, &req, &res, 20000, &st);
		if (rv == 0) {
			atomic_fetch_add(&l->ok, 1);
		} else if (rv == NERD_STATUS_UNAVAILABLE) {
			atomic_fetch_add(&l->unavailable, 1);
		} else {
			atomic_fetch_add(&l->other, 1);
			snprintf(l->last_error, sizeof(l->last_error), "%s: %s",
			    nerd_status_name(rv), st.message);
		}
		nerd_client_free(res);
		if (l->calls == 0 && rv == NERD_STATUS_UNAVAILABLE) {
			break; /* the server has stopped taking calls */
		}
	}
	return (NULL);
}

static pid_t
start_server(const char *url, const char *inline_max)
{
	pid_t pid = fork();

	if (pid == 0) {
		setenv("TSAN_OPTIONS", "halt_on_error=1 exitcode=66", 1);
		execl(NERD_SERVER_BIN, "nerd", "--listen", url, "--plugins",
		    NERD_TEST_PLUGIN_DIR, "--log-level", "warn", "--workers",
		    "2", "--drain-timeout", "20s", "--inline-max", inline_max,
		    (char *) NULL);
		_exit(127);
	}
	return (pid);
}

static int
wait_serving(nerd_client *c)
{
	int i;

	for (i = 0; i < 600; i++) {
		Nerd__V1__HealthCheckResponse__ServingStatus s;

		if (nerd_client_health(c, "", &s, 1000, NULL) == 0 &&
		    s == NERD__V1__HEALTH_CHECK_RESPONSE__SERVING_STATUS__SERVING) {
			return (0);
		}
		sleep_us(100000);
	}
	return (-1);
}

static int
wait_exit(pid_t pid, int seconds)
{
	int status;
	int i;

	for (i = 0; i < seconds * 10; i++) {
		pid_t got = waitpid(pid, &status, WNOHANG);

		if (got == pid) {
			return (WIFEXITED(status) ? WEXITSTATUS(status)
			                          : 128 + WTERMSIG(status));
		}
		sleep_us(100000);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	return (-1);
}

/* Both phases against a server started with --inline-max inline_max
 * ("0": every call on the worker pool; the default: these small calls
 * run in NNG's callbacks). */
static void
stress(const char *dir, const char *inline_max)
{
	char               url[256];
	const char        *urls[1];
	nerd_client_config cfg;
	nerd_client       *client;
	nerd_client_status st;
	pthread_t          thr[CLIENT_THREADS];
	load               loads[CLIENT_THREADS];
	atomic_int         stop = 0;
	pid_t              pid;
	int                i;
	int                ok_calls = 0;
	int                reload_ok = 0;
	int                code;

	printf("-- --inline-max %s\n", inline_max);
	snprintf(url, sizeof(url), "ipc://%s/nerd-%s.sock", dir, inline_max);
	pid = start_server(url, inline_max);
	urls[0] = url;
	memset(&cfg, 0, sizeof(cfg));
	cfg.urls   = urls;
	cfg.n_urls = 1;
	if (nerd_client_open(&client, &cfg, &st) != 0) {
		fprintf(stderr, "client: %s\n", st.message);
		check(0, "client opens");
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		return;
	}
	check(wait_serving(client) == 0, "server comes up and serves");

	/* Phase 1: load while the plugins are reloaded again and again. */
	memset(loads, 0, sizeof(loads));
	for (i = 0; i < CLIENT_THREADS; i++) {
		loads[i].client = client;
		loads[i].calls  = CALLS_PER_THREAD;
		loads[i].stop   = &stop;
		pthread_create(&thr[i], NULL, load_run, &loads[i]);
	}
	for (i = 0; i < RELOADS; i++) {
		Nerd__V1__ReloadResponse *rr = NULL;

		if (i % 2 == 0) {
			reload_ok += nerd_client_reload(client, &rr, 20000, &st) ==
			    0;
			nerd_client_free(rr);
		} else {
			reload_ok += kill(pid, SIGHUP) == 0;
		}
		sleep_us(20000);
	}
	for (i = 0; i < CLIENT_THREADS; i++) {
		pthread_join(thr[i], NULL);
		ok_calls += atomic_load(&loads[i].ok);
		if (atomic_load(&loads[i].other) + atomic_load(&loads[i].unavailable)) {
			fprintf(stderr, "phase 1 error: %s\n", loads[i].last_error);
		}
	}
	check(reload_ok == RELOADS, "every reload is accepted");
	check(ok_calls == CLIENT_THREADS * CALLS_PER_THREAD,
	    "no call fails while plugins are reloaded");

	/* Phase 2: stop the server while calls are in flight. */
	memset(loads, 0, sizeof(loads));
	for (i = 0; i < CLIENT_THREADS; i++) {
		loads[i].client = client;
		loads[i].stop   = &stop;
		pthread_create(&thr[i], NULL, load_run, &loads[i]);
	}
	sleep_us(300000);
	kill(pid, SIGTERM);
	{
		int lost = 0;
		int answered = 0;

		for (i = 0; i < CLIENT_THREADS; i++) {
			pthread_join(thr[i], NULL);
			lost += atomic_load(&loads[i].other);
			answered += atomic_load(&loads[i].ok);
			if (atomic_load(&loads[i].other) > 0) {
				fprintf(stderr, "phase 2 error: %s\n",
				    loads[i].last_error);
			}
		}
		check(answered > 0, "calls were in flight when SIGTERM came");
		check(lost == 0, "draining answers every call (OK or UNAVAILABLE)");
	}
	code = wait_exit(pid, 30);
	check(code == 0, "the server exits 0 after draining (66: a data race)");
	if (code != 0) {
		fprintf(stderr, "server exit status %d\n", code);
	}
	nerd_client_close(client);
}

int
main(void)
{
	char dir[] = "/tmp/nerd-stress-XXXXXX";

	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return (1);
	}
	stress(dir, "16k");
	stress(dir, "0");
	rmdir(dir);
	printf("%d passed, %d failed\n", passed, failed);
	return (failed == 0 ? 0 : 1);
}
