/*
 * clients/nerbench/report.h: prints a run's results (ghz-style summary,
 * JSON or CSV) and checks the thresholds.
 */
#ifndef NERD_CLIENTS_NERBENCH_REPORT_H
#define NERD_CLIENTS_NERBENCH_REPORT_H

#include <stdio.h>

#include "engine.h"
#include "options.h"

/* gRPC's name of a status code ("DEADLINE_EXCEEDED"). */
const char *nerb_status_name(int code);

/* Writes the results in opts->format to f. */
void nerb_report(FILE *f, const nerb_options *opts, const nerb_results *r);

/* Checks --max-p99-ms and --max-error-rate.  Returns 0 when every
 * threshold holds, else 1 with one line per breach written to f. */
int nerb_check_thresholds(FILE *f, const nerb_options *opts,
    const nerb_results *r);

#endif /* NERD_CLIENTS_NERBENCH_REPORT_H */
