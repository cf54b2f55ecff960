/*
 * server/main.c: the nerd executable: flags and config file, signals, and
 * the server's lifetime.  Everything else lives in the nerd_server
 * library so the tests can drive it the same way.
 */
#include <getopt.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <nng/nng.h>

#include "config.h"
#include "log.h"
#include "server.h"

#ifndef NERD_DEFAULT_PLUGIN_DIR
#error "NERD_DEFAULT_PLUGIN_DIR must be defined by the build"
#endif
#ifndef NERD_INSTALLED_PLUGIN_DIR
#error "NERD_INSTALLED_PLUGIN_DIR must be defined by the build"
#endif
#ifndef NERD_BUILD_ROOT
#error "NERD_BUILD_ROOT must be defined by the build"
#endif

static const char usage_text[]
    = "usage: nerd [options]\n"
      "\n"
      "Serves named-entity recognition over NNG req/rep (nerd.v1 protocol).\n"
      "\n"
      "  --listen URL          listen on URL; repeatable. tcp://, ipc://,\n"
      "                        tls+tcp://, ws://, wss:// "
      "(default " NSRV_DEFAULT_LISTEN ")\n"
      "  --plugins DIR         load recognizer plugins (*.so) from DIR;\n"
      "                        repeatable (default: the build tree's plugin\n"
      "                        folder when run from it, else the installed\n"
      "                        " NERD_INSTALLED_PLUGIN_DIR ")\n"
      "  --config FILE         read settings from FILE: `key = value` lines\n"
      "                        with the long option names as keys, and\n"
      "                        [plugin.NAME] sections whose lines are handed\n"
      "                        to that plugin; flags override the file\n"
      "  --workers N           worker threads (default: one per core)\n"
      "  --contexts N          calls received at once (default 256)\n"
      "  --queue-depth N       calls waiting for a worker before new ones "
      "get\n"
      "                        RESOURCE_EXHAUSTED (default 64 per worker)\n"
      "  --inline-max BYTES    calls whose envelope is at most BYTES run to\n"
      "                        completion in the NNG callback that received\n"
      "                        them, larger ones on a worker (default 16KiB;\n"
      "                        0: every call on a worker)\n"
      "  --max-message BYTES   largest request payload (default 4MiB; k, M\n"
      "                        suffixes); larger gets RESOURCE_EXHAUSTED\n"
      "  --max-reply BYTES     largest reply payload (default 4 x "
      "max-message\n"
      "                        + 64KiB, what the client library accepts);\n"
      "                        a larger reply is replaced by "
      "RESOURCE_EXHAUSTED\n"
      "  --default-timeout D   deadline of calls that set none (default 30s;\n"
      "                        ms, s, m, h suffixes; 0: --max-timeout)\n"
      "  --max-timeout D       deadlines are clamped to this (default 5m;\n"
      "                        0: no limit; a larger --default-timeout is\n"
      "                        an error)\n"
      "  --drain-timeout D     on SIGTERM/SIGINT, how long calls in flight "
      "get\n"
      "                        to finish before they are cancelled (default "
      "10s)\n"
      "  --log-level LEVEL     error, warn, info or debug (one line per "
      "call)\n"
      "                        (default info)\n"
      "  --tls-cert FILE       certificate (PEM) for tls+tcp:// and wss://\n"
      "  --tls-key FILE        its private key (PEM)\n"
      "  --tls-ca FILE         CA (PEM) whose client certificates are "
      "required\n"
      "  --auth-tokens FILE    require \"authorization: Bearer TOKEN\" "
      "metadata\n"
      "                        with a token from FILE (one per line; must "
      "not\n"
      "                        be group/world readable); Health is exempt\n"
      "  --admin-tokens FILE   tokens allowed to call Admin/Reload (others "
      "get\n"
      "                        PERMISSION_DENIED); same file rules.  "
      "Without\n"
      "                        it, Reload is taken only over ipc:// "
      "(or SIGHUP)\n"
      "  --check-owner BOOL    refuse plugin files owned by others or\n"
      "                        writable by group/world (default true)\n"
      "  --probe-plugins       run each plugin's init in a child process\n"
      "                        first and refuse the plugins that crash "
      "there\n"
      "                        (the others load and are served)\n"
      "  --check-plugins       load the plugins, print what loaded and what\n"
      "                        was refused, and exit\n"
      "  --help                show this text\n"
      "\n"
      "Signals: SIGHUP reloads the plugins; SIGTERM and SIGINT drain calls "
      "in\n"
      "flight (health NOT_SERVING, new calls UNAVAILABLE) and exit 0; "
      "during\n"
      "start-up they end the process at once.\n";

enum {
	OPT_HELP   = 'h',
	OPT_CONFIG = 1000,
	OPT_PROBE,
	OPT_CHECK,
	OPT_SETTING, /* any other: handed to nsrv_config_set by name */
};

static const struct option options[] = {
	{ "help", no_argument, NULL, OPT_HELP },
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "probe-plugins", no_argument, NULL, OPT_PROBE },
	{ "check-plugins", no_argument, NULL, OPT_CHECK },
	{ "listen", required_argument, NULL, OPT_SETTING },
	{ "plugins", required_argument, NULL, OPT_SETTING },
	{ "workers", required_argument, NULL, OPT_SETTING },
	{ "contexts", required_argument, NULL, OPT_SETTING },
	{ "queue-depth", required_argument, NULL, OPT_SETTING },
	{ "inline-max", required_argument, NULL, OPT_SETTING },
	{ "max-message", required_argument, NULL, OPT_SETTING },
	{ "max-reply", required_argument, NULL, OPT_SETTING },
	{ "default-timeout", required_argument, NULL, OPT_SETTING },
	{ "max-timeout", required_argument, NULL, OPT_SETTING },
	{ "drain-timeout", required_argument, NULL, OPT_SETTING },
	{ "log-level", required_argument, NULL, OPT_SETTING },
	{ "tls-cert", required_argument, NULL, OPT_SETTING },
	{ "tls-key", required_argument, NULL, OPT_SETTING },
	{ "tls-ca", required_argument, NULL, OPT_SETTING },
	{ "auth-tokens", required_argument, NULL, OPT_SETTING },
	{ "admin-tokens", required_argument, NULL, OPT_SETTING },
	{ "check-owner", required_argument, NULL, OPT_SETTING },
	{ NULL, 0, NULL, 0 },
};

/* The build tree's plugin folder when this binary lives in that build
 * tree and the folder exists, else the installed one. */
static const char *
default_plugin_dir(void)
{
	char        exe[PATH_MAX];
	ssize_t     n    = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	size_t      root = strlen(NERD_BUILD_ROOT);
	struct stat st;

	if (n > 0) {
		exe[n] = '\0';
		if (strncmp(exe, NERD_BUILD_ROOT, root) == 0
		    && exe[root] == '/'
		    && stat(NERD_DEFAULT_PLUGIN_DIR, &st) == 0
		    && S_ISDIR(st.st_mode)) {
			return (NERD_DEFAULT_PLUGIN_DIR);
		}
	}
	return (NERD_INSTALLED_PLUGIN_DIR);
}

/* Reads the flags: a first pass finds --config so that the flags of the
 * second pass override the file.  Returns 0, 1 for --help, -1 on error. */
static int
parse_args(int argc, char **argv, nsrv_config *cfg, int *check)
{
	char err[512];
	int  seen_listen  = 0;
	int  seen_plugins = 0;
	int  idx;
	int  c;

	opterr = 0;
	optind = 1;
	for (;;) {
		c = getopt_long(argc, argv, "h", options, &idx);
		if (c == -1) {
			break;
		}
		if (c == OPT_CONFIG
		    && nsrv_config_load_file(cfg, optarg, err, sizeof(err))
		        != 0) {
			fprintf(stderr, "nerd: %s\n", err);
			return (-1);
		}
	}
	opterr = 1;
	optind = 1;
	for (;;) {
		idx = -1;
		c   = getopt_long(argc, argv, "h", options, &idx);
		if (c == -1) {
			break;
		}
		switch (c) {
		case OPT_HELP:
			fputs(usage_text, stdout);
			return (1);
		case OPT_CONFIG:
			break;
		case OPT_PROBE:
			cfg->probe_plugins = 1;
			break;
		case OPT_CHECK:
			*check = 1;
			break;
		case OPT_SETTING: {
			const char *name = options[idx].name;
			/* Flags replace a list the file gave, not extend it.
			 */
			if (strcmp(name, "listen") == 0 && !seen_listen) {
				nsrv_config_clear_list(cfg, name);
				seen_listen = 1;
			}
			if (strcmp(name, "plugins") == 0 && !seen_plugins) {
				nsrv_config_clear_list(cfg, name);
				seen_plugins = 1;
			}
			if (nsrv_config_set(
			        cfg, name, optarg, err, sizeof(err))
			    != 0) {
				fprintf(stderr, "nerd: %s\n", err);
				return (-1);
			}
			break;
		}
		default:
			fprintf(stderr, "nerd: try --help\n");
			return (-1);
		}
	}
	if (optind < argc) {
		fprintf(stderr, "nerd: unexpected argument \"%s\"\n",
		    argv[optind]);
		return (-1);
	}
	return (0);
}

/* The signal thread's state: the server once it is open (NULL while it
 * starts), and whether SIGTERM or SIGINT asked it to stop. */
typedef struct sig_state {
	sigset_t        set; /* SIGTERM, SIGINT, SIGHUP */
	pthread_mutex_t mtx;
	pthread_cond_t  cv;
	nsrv_server    *srv;
	int             hup;  /* SIGHUP came during start-up */
	int             stop; /* SIGTERM or SIGINT came once open */
} sig_state;

/* SIGTERM or SIGINT before the server is open: nothing is in flight, and
 * start-up may be stuck (a plugin init that hangs), so the process ends
 * at once, by the signal's default action. */
static void
interrupt_startup(int sig)
{
	sigset_t one;

	nsrv_log(NERP_LOG_WARN, "start-up interrupted", "signal=%s",
	    sig == SIGTERM ? "SIGTERM" : "SIGINT");
	signal(sig, SIG_DFL);
	sigemptyset(&one);
	sigaddset(&one, sig);
	pthread_sigmask(SIG_UNBLOCK, &one, NULL);
	raise(sig);
	_exit(128 + sig);
}

/* The only thread that takes SIGTERM, SIGINT and SIGHUP, from start-up
 * on: SIGHUP reloads, SIGTERM and SIGINT stop start-up or wake main to
 * drain. */
static void *
serve_signals(void *arg)
{
	sig_state *st = arg;

	for (;;) {
		nsrv_server *srv;
		int          sig = 0;

		if (sigwait(&st->set, &sig) != 0) {
			continue;
		}
		pthread_mutex_lock(&st->mtx);
		srv = st->srv;
		if (sig != SIGHUP) {
			if (srv == NULL) {
				interrupt_startup(sig);
			}
			nsrv_log(NERP_LOG_INFO, "shutting down", "signal=%s",
			    sig == SIGTERM ? "SIGTERM" : "SIGINT");
			st->stop = 1;
			pthread_cond_signal(&st->cv);
			pthread_mutex_unlock(&st->mtx);
			return (NULL);
		}
		if (srv == NULL) {
			/* Start-up may have read the plugins before the
			 * change the signal announces: main reloads once
			 * the server is open. */
			st->hup = 1;
			pthread_mutex_unlock(&st->mtx);
			continue;
		}
		pthread_mutex_unlock(&st->mtx);
		nsrv_log(NERP_LOG_INFO, "SIGHUP: reloading plugins", NULL);
		(void) nsrv_server_reload(srv, NULL, NULL, NULL);
	}
}

/* One malloc arena for the process unless MALLOC_ARENA_MAX says
 * otherwise; call before any thread exists.  NNG allocates each message
 * on its I/O threads and the call frees it on another thread: with
 * glibc's default (an arena per thread, up to 8 per core) the freed space
 * scatters over the arenas and RSS creeps up under steady load: 16.5 to
 * 18 MB over 60 s at c64 with 3 KB calls, still growing at 90 s.  With
 * one it stays at 14.7-15.1 MB at the same req/s (make bench, part 8).
 * A call makes about three allocations, so one arena's lock is cheap. */
static void
malloc_one_arena(void)
{
#ifdef M_ARENA_MAX
	if (getenv("MALLOC_ARENA_MAX") == NULL) {
		(void) mallopt(M_ARENA_MAX, 1);
	}
#endif
}

int
main(int argc, char **argv)
{
	static sig_state sigs;
	nsrv_config      cfg;
	nsrv_server     *srv = NULL;
	pthread_t        sig_thread;
	char             err[256];
	int              check = 0;
	int              hup;
	int              rv;

	/* Before any thread exists (NNG starts its own), so that every
	 * thread inherits the mask and only sigwait sees these. */
	sigemptyset(&sigs.set);
	sigaddset(&sigs.set, SIGTERM);
	sigaddset(&sigs.set, SIGINT);
	sigaddset(&sigs.set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &sigs.set, NULL);
	signal(SIGPIPE, SIG_IGN);
	malloc_one_arena();
	pthread_mutex_init(&sigs.mtx, NULL);
	pthread_cond_init(&sigs.cv, NULL);
	rv = pthread_create(&sig_thread, NULL, serve_signals, &sigs);
	if (rv != 0) {
		fprintf(stderr, "nerd: cannot start the signal thread: %s\n",
		    strerror(rv));
		return (1);
	}

	nsrv_config_init(&cfg);
	rv = parse_args(argc, argv, &cfg, &check);
	if (rv != 0) {
		nsrv_config_fini(&cfg);
		return (rv > 0 ? 0 : 2);
	}
	if (nsrv_config_finish(&cfg, default_plugin_dir(), err, sizeof(err))
	    != 0) {
		fprintf(stderr, "nerd: %s\n", err);
		nsrv_config_fini(&cfg);
		return (2);
	}
	nsrv_log_set_level(cfg.log_level);
	if (check || cfg.check_plugins) {
		rv = nsrv_check_plugins(&cfg);
		nsrv_config_fini(&cfg);
		return (rv == 0 ? 0 : 1);
	}
	if (nsrv_server_open(&srv, &cfg) != 0) {
		nsrv_config_fini(&cfg);
		nng_fini();
		return (1);
	}
	pthread_mutex_lock(&sigs.mtx);
	sigs.srv = srv;
	hup      = sigs.hup;
	pthread_mutex_unlock(&sigs.mtx);
	if (hup) {
		nsrv_log(
		    NERP_LOG_INFO, "SIGHUP during start-up: reloading", NULL);
		(void) nsrv_server_reload(srv, NULL, NULL, NULL);
	}
	pthread_mutex_lock(&sigs.mtx);
	while (!sigs.stop) {
		pthread_cond_wait(&sigs.cv, &sigs.mtx);
	}
	pthread_mutex_unlock(&sigs.mtx);
	pthread_join(sig_thread, NULL);
	nsrv_server_drain(srv);
	nsrv_server_close(srv);
	nsrv_config_fini(&cfg);
	nng_fini();
	return (0);
}
