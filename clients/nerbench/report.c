/* clients/nerbench/report.c: summary, JSON and CSV output (see report.h). */
#include "report.h"

#include <string.h>

#include "nerd/status.h"

#define N_BINS 10


static const double percentiles[] = { 50, 75, 90, 95, 99, 99.9, 99.99 };
#define N_PERCENTILES (sizeof(percentiles) / sizeof(percentiles[0]))

const char *
nerb_status_name(int code)
{
	return (nerd_status_name(code));
}

static double
us(uint64_t ns)
{
	return ((double) ns / 1000.0);
}

static double
rps(const nerb_results *r)
{
	return (r->duration_s > 0 ? (double) r->count / r->duration_s : 0.0);
}

static double
mb_s(const nerb_results *r)
{
	return (r->duration_s > 0
	        ? (double) r->text_bytes / 1e6 / r->duration_s
	        : 0.0);
}

static void
print_ms(FILE *f, const char *label, uint64_t ns)
{
	fprintf(f, "  %-14s %10.3f ms\n", label, (double) ns / 1e6);
}

/* Calls made, recorded or not (the client's cost covers the warm-up). */
static double
calls_made(const nerb_results *r)
{
	uint64_t n = r->count + r->warmup;

	return (n > 0 ? (double) n : 1.0);
}

static double
client_us_per_call(const nerb_results *r)
{
	return ((r->client_user_s + r->client_sys_s) * 1e6 / calls_made(r));
}

static double
switches_per_call(const nerb_results *r)
{
	return ((double) (r->client_vcs + r->client_nvcs) / calls_made(r));
}

static void
report_summary(FILE *f, const nerb_results *r)
{
	const nerb_hist *h = r->latency_ns;
	uint64_t         edges[N_BINS + 1];
	uint64_t         counts[N_BINS];
	uint64_t         most = 1;
	size_t           i;

	fprintf(f, "\nSummary:\n");
	fprintf(f, "  %-14s %10llu\n", "Count:", (unsigned long long) r->count);
	fprintf(f, "  %-14s %10.3f s\n", "Total:", r->duration_s);
	print_ms(f, "Slowest:", nerb_hist_max(h));
	print_ms(f, "Fastest:", nerb_hist_min(h));
	print_ms(f, "Average:", (uint64_t) nerb_hist_mean(h));
	fprintf(f, "  %-14s %10.2f\n", "Requests/sec:", rps(r));
	fprintf(f, "  %-14s %10.2f\n", "MB/s of text:", mb_s(r));
	if (r->warmup > 0) {
		fprintf(f, "  %-14s %10llu (not recorded)\n", "Warm-up:",
		    (unsigned long long) r->warmup);
	}
	fprintf(f, "  %-14s %10.1f us per call (%.1f user), %.2f context "
	           "switches per call\n",
	    "Client CPU:", client_us_per_call(r),
	    r->client_user_s * 1e6 / calls_made(r), switches_per_call(r));

	fprintf(f, "\nResponse time histogram:\n");
	nerb_hist_bins(h, N_BINS, edges, counts);
	for (i = 0; i < N_BINS; i++) {
		if (counts[i] > most) {
			most = counts[i];
		}
	}
	for (i = 0; i < N_BINS && nerb_hist_count(h) > 0; i++) {
		char   bar[41];
		size_t len = (size_t) (counts[i] * 40 / most);

		memset(bar, '#', len);
		bar[len] = '\0';
		fprintf(f, "  %10.3f [%llu]\t|%s\n", (double) edges[i + 1] / 1e6,
		    (unsigned long long) counts[i], bar);
	}

	fprintf(f, "\nLatency distribution:\n");
	for (i = 0; i < N_PERCENTILES; i++) {
		fprintf(f, "  %6g %% in %.3f ms\n", percentiles[i],
		    (double) nerb_hist_percentile(h, percentiles[i]) / 1e6);
	}
	fprintf(f, "  %6s    in %.3f ms\n", "max", (double) nerb_hist_max(h) / 1e6);

	fprintf(f, "\nStatus code distribution:\n");
	for (i = 0; i < NERB_N_STATUS; i++) {
		if (r->by_status[i] > 0) {
			fprintf(f, "  [%s]\t%llu responses\n", nerd_status_name((int) i),
			    (unsigned long long) r->by_status[i]);
		}
	}
	if (r->n_errors > 0) {
		fprintf(f, "\nError distribution:\n");
		for (i = 0; i < r->n_errors; i++) {
			fprintf(f, "  [%llu]\t%s: %s\n",
			    (unsigned long long) r->errors[i].count,
			    nerb_status_name(r->errors[i].code),
			    r->errors[i].message);
		}
	}
	fprintf(f, "\n");
}

static void
json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char) *s;

		if (c == '"' || c == '\\') {
			fprintf(f, "\\%c", c);
		} else if (c < 0x20) {
			fprintf(f, "\\u%04x", c);
		} else {
			fputc(c, f);
		}
	}
	fputc('"', f);
}

static void
report_json(FILE *f, const nerb_results *r)
{
	const nerb_hist *h      = r->latency_ns;
	uint64_t         errors = r->count - r->ok;
	size_t           i;
	int              first;

	fprintf(f, "{\"count\":%llu,\"ok\":%llu,\"warmup\":%llu,",
	    (unsigned long long) r->count, (unsigned long long) r->ok,
	    (unsigned long long) r->warmup);
	fprintf(f, "\"error_rate\":%.6f,",
	    r->count > 0 ? (double) errors / (double) r->count : 0.0);
	fprintf(f, "\"errors\":{");
	first = 1;
	for (i = 1; i < NERB_N_STATUS; i++) {
		if (r->by_status[i] == 0) {
			continue;
		}
		fprintf(f, "%s\"%s\":%llu", first ? "" : ",", nerd_status_name((int) i),
		    (unsigned long long) r->by_status[i]);
		first = 0;
	}
	fprintf(f, "},\"error_messages\":[");
	for (i = 0; i < r->n_errors; i++) {
		fprintf(f, "%s{\"status\":\"%s\",\"count\":%llu,\"message\":",
		    i ? "," : "", nerb_status_name(r->errors[i].code),
		    (unsigned long long) r->errors[i].count);
		json_string(f, r->errors[i].message);
		fputc('}', f);
	}
	fprintf(f, "],\"rps\":%.3f,\"mb_s\":%.3f,\"duration_s\":%.6f,", rps(r),
	    mb_s(r), r->duration_s);
	fprintf(f,
	    "\"latency_us\":{\"min\":%.1f,\"mean\":%.1f,\"stddev\":%.1f,"
	    "\"p50\":%.1f,\"p75\":%.1f,\"p90\":%.1f,\"p95\":%.1f,"
	    "\"p99\":%.1f,\"p999\":%.1f,\"p9999\":%.1f,\"max\":%.1f}",
	    us(nerb_hist_min(h)), nerb_hist_mean(h) / 1000.0,
	    nerb_hist_stddev(h) / 1000.0, us(nerb_hist_percentile(h, 50)),
	    us(nerb_hist_percentile(h, 75)), us(nerb_hist_percentile(h, 90)),
	    us(nerb_hist_percentile(h, 95)), us(nerb_hist_percentile(h, 99)),
	    us(nerb_hist_percentile(h, 99.9)),
	    us(nerb_hist_percentile(h, 99.99)), us(nerb_hist_max(h)));
	fprintf(f,
	    ",\"client\":{\"cpu_user_s\":%.3f,\"cpu_sys_s\":%.3f,"
	    "\"cpu_us_per_call\":%.1f,\"switches_per_call\":%.3f}}\n",
	    r->client_user_s, r->client_sys_s, client_us_per_call(r),
	    switches_per_call(r));
}

static void
report_csv(FILE *f, const nerb_results *r)
{
	size_t i;

	fprintf(f, "duration (ms),status,error\n");
	for (i = 0; i < r->n_rows; i++) {
		const nerb_row *row = &r->rows[i];

		fprintf(f, "%.3f,%s,%s\n", (double) row->latency_us / 1000.0,
		    row->code == 0 ? "OK" : "ERROR",
		    row->code == 0 ? "" : nerb_status_name(row->code));
	}
}

void
nerb_report(FILE *f, const nerb_options *opts, const nerb_results *r)
{
	switch (opts->format) {
	case NERB_FORMAT_JSON:
		report_json(f, r);
		break;
	case NERB_FORMAT_CSV:
		report_csv(f, r);
		break;
	default:
		report_summary(f, r);
		break;
	}
}

int
nerb_check_thresholds(FILE *f, const nerb_options *opts,
    const nerb_results *r)
{
	int    breached = 0;
	double p99_ms   = (double) nerb_hist_percentile(r->latency_ns, 99) / 1e6;
	double err_rate = r->count > 0
	    ? (double) (r->count - r->ok) / (double) r->count
	    : 0.0;

	if (opts->max_p99_ms > 0 && p99_ms > opts->max_p99_ms) {
		fprintf(f, "nerbench: threshold breached: p99 %.3f ms > %.3f ms\n",
		    p99_ms, opts->max_p99_ms);
		breached = 1;
	}
	if (opts->max_error_rate >= 0 && err_rate > opts->max_error_rate) {
		fprintf(f,
		    "nerbench: threshold breached: error rate %.4f > %.4f\n",
		    err_rate, opts->max_error_rate);
		breached = 1;
	}
	if (opts->max_error_rate >= 0 && r->count == 0) {
		fprintf(f, "nerbench: threshold breached: no call completed\n");
		breached = 1;
	}
	return (breached);
}
