/*
 * tests/tsan/failover.c: two servers, one client dialing both, and one
 * server SIGKILLed in the middle of the run.  Every call must still get
 * an answer: NNG's REQ socket sends the requests lost with the dead
 * server again to the live one.  Runs in the normal build (label faults)
 * and the ThreadSanitizer build (label tsan), where a data race in the
 * surviving server makes it exit 66.
 *
 * To know how many calls needed a resend, server A (the one killed) runs
 * the server_probe plugin, whose "gate:PATH" documents block on a FIFO,
 * while server B runs the bundled plugins, which do not.  A round of gate
 * calls goes out; B answers its share, A holds its share (each held call
 * has the FIFO open, which /proc/A/fd shows).  A is killed with its calls
 * held: exactly those must come back answered by B.  Meanwhile two
 * threads keep calling with plain documents, before, across and after
 * the kill.
 *
 * Prints the figures and "N passed, N failed"; exits 0 when all pass.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "nerd/client.h"

#define GATE_CALLS 8
#define LOAD_THREADS 2
#define ROUNDS 5
#define CALL_MS 20000

static const char plain[] = "President Anna Berg of Finland met NATO "
                            "officials in Brussels on Friday.";

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

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static pid_t
start_server(const char *url, const char *plugins, const char *log)
{
	pid_t pid = fork();

	if (pid == 0) {
		int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd < 0 || dup2(fd, STDERR_FILENO) < 0) {
			_exit(127);
		}
		setenv("TSAN_OPTIONS", "halt_on_error=1 exitcode=66", 1);
		execl(NERD_SERVER_BIN, "nerd", "--listen", url, "--plugins",
		    plugins, "--log-level", "debug", "--workers", "8",
		    "--queue-depth", "64", (char *) NULL);
		_exit(127);
	}
	return (pid);
}

/* Waits until the server at url serves (bounded); 0 or -1. */
static int
wait_serving(const char *url)
{
	const char        *urls[1] = { url };
	nerd_client_config cfg;
	nerd_client       *c;
	int                rv = -1;

	memset(&cfg, 0, sizeof(cfg));
	cfg.urls   = urls;
	cfg.n_urls = 1;
	if (nerd_client_open(&c, &cfg, NULL) != 0) {
		return (-1);
	}
	for (int i = 0; i < 300 && rv != 0; i++) {
		Nerd__V1__HealthCheckResponse__ServingStatus s;
		if (nerd_client_health(c, "", &s, 1000, NULL) == 0
		    && s
		        == NERD__V1__HEALTH_CHECK_RESPONSE__SERVING_STATUS__SERVING) {
			rv = 0;
		} else {
			sleep_ms(100);
		}
	}
	nerd_client_close(c);
	return (rv);
}

static int
server_exit(pid_t pid)
{
	int status = 0;

	if (waitpid(pid, &status, 0) != pid) {
		return (-1);
	}
	return (
	    WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
}

/* How many of pid's descriptors are open on path. */
static int
count_open(pid_t pid, const char *path)
{
	char           dir[64];
	char           link[PATH_MAX + 64];
	char           target[PATH_MAX];
	DIR           *d;
	struct dirent *e;
	int            n = 0;

	snprintf(dir, sizeof(dir), "/proc/%ld/fd", (long) pid);
	d = opendir(dir);
	if (d == NULL) {
		return (0);
	}
	while ((e = readdir(d)) != NULL) {
		ssize_t len;
		snprintf(link, sizeof(link), "%s/%s", dir, e->d_name);
		len = readlink(link, target, sizeof(target) - 1);
		if (len > 0) {
			target[len] = '\0';
			n += strcmp(target, path) == 0;
		}
	}
	closedir(d);
	return (n);
}

typedef struct shared {
	nerd_client    *client;
	atomic_int      stop;
	atomic_int      killed;
	atomic_int      made;
	atomic_int      ok;
	atomic_int      failed;
	atomic_int      across; /* started before the kill, answered after */
	atomic_int      gate_done;
	char            gate_text[600];
	char            last_error[320];
	pthread_mutex_t mtx;
} shared;

static int
one_call(shared *s, const char *text)
{
	Nerd__V1__Document           doc = NERD__V1__DOCUMENT__INIT;
	Nerd__V1__RecognizeRequest   req = NERD__V1__RECOGNIZE_REQUEST__INIT;
	Nerd__V1__RecognizeResponse *res = NULL;
	nerd_client_status           st;
	int                          before = atomic_load(&s->killed);
	int                          rv;

	doc.text     = (char *) text;
	req.document = &doc;
	atomic_fetch_add(&s->made, 1);
	rv = nerd_client_recognize(s->client, &req, &res, CALL_MS, &st);
	nerd_client_free(res);
	if (rv == 0) {
		atomic_fetch_add(&s->ok, 1);
		if (!before && atomic_load(&s->killed)) {
			atomic_fetch_add(&s->across, 1);
		}
	} else {
		atomic_fetch_add(&s->failed, 1);
		pthread_mutex_lock(&s->mtx);
		snprintf(s->last_error, sizeof(s->last_error), "%s: %s",
		    nerd_status_name(rv), st.message);
		pthread_mutex_unlock(&s->mtx);
	}
	return (rv);
}

static void *
load_run(void *arg)
{
	shared *s = arg;

	while (!atomic_load(&s->stop)) {
		(void) one_call(s, plain);
	}
	return (NULL);
}

static void *
gate_run(void *arg)
{
	shared *s = arg;

	(void) one_call(s, s->gate_text);
	atomic_fetch_add(&s->gate_done, 1);
	return (NULL);
}

/* Sends GATE_CALLS gate calls and waits until each is answered (by B)
 * or held inside A.  Returns how many A holds; the threads are in thr. */
static int
gate_round(shared *s, pthread_t *thr, pid_t a, const char *fifo)
{
	int held = 0;

	atomic_store(&s->gate_done, 0);
	for (int i = 0; i < GATE_CALLS; i++) {
		pthread_create(&thr[i], NULL, gate_run, s);
	}
	/* Polls for a state (bounded), not for time to pass. */
	for (int i = 0; i < 2000; i++) {
		held = count_open(a, fifo);
		if (held + atomic_load(&s->gate_done) == GATE_CALLS) {
			break;
		}
		sleep_ms(5);
	}
	return (held);
}

int
main(void)
{
	char               dir[] = "/tmp/nerd-failover-XXXXXX";
	char               url_a[128], url_b[128], log_a[128], log_b[128];
	char               fifo[128];
	const char        *urls[2];
	nerd_client_config cfg;
	nerd_client_status st;
	shared             s;
	pthread_t          load_thr[LOAD_THREADS];
	pthread_t          gate_thr[GATE_CALLS];
	pid_t              a, b;
	int                hold_fd;
	int                held      = 0;
	int                round     = 0;
	int                gate_ok   = 0;
	int                before_ok = 0;
	int                code;

	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return (1);
	}
	snprintf(url_a, sizeof(url_a), "ipc://%s/a.sock", dir);
	snprintf(url_b, sizeof(url_b), "ipc://%s/b.sock", dir);
	snprintf(log_a, sizeof(log_a), "%s/a.log", dir);
	snprintf(log_b, sizeof(log_b), "%s/b.log", dir);
	snprintf(fifo, sizeof(fifo), "%s/gate", dir);
	if (mkfifo(fifo, 0600) != 0) {
		perror("mkfifo");
		return (1);
	}
	/* Read-write: never blocks, and keeps A's readers waiting in read()
	 * with the FIFO open (no byte is ever written). */
	hold_fd = open(fifo, O_RDWR | O_CLOEXEC);
	if (hold_fd < 0) {
		perror("open fifo");
		return (1);
	}
	a = start_server(url_a, FAILOVER_PLUGIN_DIR, log_a);
	b = start_server(url_b, NERD_TEST_PLUGIN_DIR, log_b);
	check(wait_serving(url_a) == 0 && wait_serving(url_b) == 0,
	    "both servers come up");

	memset(&s, 0, sizeof(s));
	pthread_mutex_init(&s.mtx, NULL);
	snprintf(
	    s.gate_text, sizeof(s.gate_text), "gate:%s\nHeld Call Here", fifo);
	urls[0] = url_a;
	urls[1] = url_b;
	memset(&cfg, 0, sizeof(cfg));
	cfg.urls   = urls;
	cfg.n_urls = 2;
	if (nerd_client_open(&s.client, &cfg, &st) != 0) {
		fprintf(stderr, "client: %s\n", st.message);
		return (1);
	}
	for (int i = 0; i < LOAD_THREADS; i++) {
		pthread_create(&load_thr[i], NULL, load_run, &s);
	}
	/* Until A holds some gate calls (REQ spreads them over both). */
	for (round = 0; round < ROUNDS; round++) {
		held = gate_round(&s, gate_thr, a, fifo);
		if (held > 0) {
			break;
		}
		for (int i = 0; i < GATE_CALLS; i++) {
			pthread_join(gate_thr[i], NULL);
		}
	}
	check(held > 0 && held + atomic_load(&s.gate_done) == GATE_CALLS,
	    "the server to be killed holds calls, the other answered the "
	    "rest");
	before_ok = atomic_load(&s.gate_done);
	atomic_store(&s.killed, 1);
	kill(a, SIGKILL);
	code = server_exit(a);
	check(code == 128 + SIGKILL, "server A died of SIGKILL");
	for (int i = 0; i < GATE_CALLS; i++) {
		pthread_join(gate_thr[i], NULL);
	}
	gate_ok = atomic_load(&s.gate_done);
	check(gate_ok == GATE_CALLS && atomic_load(&s.failed) == 0,
	    "every call held by the killed server is answered by the other");
	/* Some more load on the survivor alone. */
	for (int i = 0; i < 50 && atomic_load(&s.failed) == 0; i++) {
		(void) one_call(&s, plain);
	}
	atomic_store(&s.stop, 1);
	for (int i = 0; i < LOAD_THREADS; i++) {
		pthread_join(load_thr[i], NULL);
	}
	check(atomic_load(&s.failed) == 0
	        && atomic_load(&s.ok) == atomic_load(&s.made),
	    "every call gets an answer, none fails");
	if (atomic_load(&s.failed) != 0) {
		fprintf(stderr, "last error: %s\n", s.last_error);
	}
	printf("failover: %d calls made, %d answered OK, %d failed; "
	       "%d held by the killed server and re-sent (%d of %d gate "
	       "calls answered before the kill, round %d); %d calls "
	       "in flight across the kill\n",
	    atomic_load(&s.made), atomic_load(&s.ok), atomic_load(&s.failed),
	    held, before_ok, GATE_CALLS, round + 1, atomic_load(&s.across));
	nerd_client_close(s.client);
	kill(b, SIGTERM);
	code = server_exit(b);
	check(code == 0, "server B exits 0 (66: a data race)");
	if (code != 0) {
		char cmd[300];
		snprintf(cmd, sizeof(cmd), "cat '%s' >&2", log_b);
		(void) system(cmd);
	}
	close(hold_fd);
	{
		char cmd[300];
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		(void) system(cmd);
	}
	printf("%d passed, %d failed\n", passed, failed);
	return (failed == 0 ? 0 : 1);
}
