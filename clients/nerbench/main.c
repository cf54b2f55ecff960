/* clients/nerbench/main.c: nerbench, the load tester for nerd. */
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "corpus.h"
#include "engine.h"
#include "options.h"
#include "report.h"

/* Exit status when a threshold is breached (k6's convention). */
#define EXIT_THRESHOLD 99

/* Counts SIGINT/SIGTERM: the first stops issuing calls, a second
 * abandons those in flight; the load's threads read it (engine.h). */
static atomic_int stop_requested;

_Static_assert(ATOMIC_INT_LOCK_FREE == 2,
    "a signal handler may only set a lock-free atomic");

static void
on_signal(int sig)
{
	static const char hint[] = "\nnerbench: stopping after the calls in "
	                           "flight; interrupt again to abandon them\n";

	(void) sig;
	if (atomic_fetch_add(&stop_requested, 1) == 0) {
		/* write(2) is async-signal-safe; nothing to do if it fails. */
		if (write(2, hint, sizeof(hint) - 1) < 0) {
			return;
		}
	}
}

static void
print_progress(void *arg, uint64_t done, uint64_t errors, double elapsed)
{
	(void) arg;
	fprintf(stderr, "\r[%7.1fs] %llu calls, %.0f/s, %llu errors   ", elapsed,
	    (unsigned long long) done, elapsed > 0 ? (double) done / elapsed : 0,
	    (unsigned long long) errors);
	fflush(stderr);
}

int
main(int argc, char **argv)
{
	nerb_options     opts;
	nerb_corpus      corpus;
	nerb_corpus_spec cspec;
	nerb_run_spec    rspec;
	nerb_results     results;
	struct sigaction sa;
	char             err[512];
	int              rv;
	int              breached;

	rv = nerb_options_parse(&opts, argc, argv, err, sizeof(err));
	if (rv == 1) {
		return (0);
	}
	if (rv != 0) {
		fprintf(stderr, "nerbench: %s (see --help)\n", err);
		return (2);
	}

	memset(&cspec, 0, sizeof(cspec));
	cspec.data       = opts.data;
	cspec.corpus     = opts.corpus;
	cspec.method     = opts.method;
	cspec.timeout_ms = (uint32_t) (opts.timeout_ns / 1000000);
	cspec.token      = opts.token;
	cspec.kinds      = opts.kinds;
	rv = nerb_corpus_load(&corpus, &cspec, err, sizeof(err));
	if (rv != 0) {
		fprintf(stderr, "nerbench: %s\n", err);
		return (2);
	}

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	memset(&rspec, 0, sizeof(rspec));
	rspec.opts      = &opts;
	rspec.corpus    = &corpus;
	rspec.keep_rows = opts.format == NERB_FORMAT_CSV;
	rspec.stop      = &stop_requested;
	if (opts.progress == 1 || (opts.progress == -1 && isatty(2))) {
		rspec.progress = print_progress;
	}
	rv = nerb_run(&rspec, &results, err, sizeof(err));
	if (rspec.progress != NULL) {
		fprintf(stderr, "\n");
	}
	if (rv != 0) {
		fprintf(stderr, "nerbench: %s\n", err);
		nerb_corpus_fini(&corpus);
		return (1);
	}
	nerb_report(stdout, &opts, &results);
	fflush(stdout);
	breached = nerb_check_thresholds(stderr, &opts, &results);
	nerb_results_fini(&results);
	nerb_corpus_fini(&corpus);
	return (breached ? EXIT_THRESHOLD : 0);
}
