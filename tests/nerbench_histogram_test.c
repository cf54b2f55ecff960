#include <criterion/criterion.h>
#include <sys/resource.h>

#include "histogram.h"

static nerb_hist *h;

static void
setup(void)
{
	cr_assert_eq(nerb_hist_alloc(&h), 0);
}

static void
teardown(void)
{
	nerb_hist_free(h);
}

TestSuite(nerbench_histogram, .init = setup, .fini = teardown);

Test(nerbench_histogram, empty_reports_zeroes)
{
	cr_assert_eq(nerb_hist_count(h), 0);
	cr_assert_eq(nerb_hist_min(h), 0);
	cr_assert_eq(nerb_hist_max(h), 0);
	cr_assert_eq(nerb_hist_percentile(h, 99.0), 0);
	cr_assert_float_eq(nerb_hist_mean(h), 0.0, 1e-9);
}

Test(nerbench_histogram, small_values_are_exact)
{
	uint64_t v;

	for (v = 1; v <= 100; v++) {
		nerb_hist_record(h, v);
	}
	cr_assert_eq(nerb_hist_count(h), 100);
	cr_assert_eq(nerb_hist_min(h), 1);
	cr_assert_eq(nerb_hist_max(h), 100);
	cr_assert_eq(nerb_hist_percentile(h, 50.0), 50);
	cr_assert_eq(nerb_hist_percentile(h, 90.0), 90);
	cr_assert_eq(nerb_hist_percentile(h, 100.0), 100);
	cr_assert_float_eq(nerb_hist_mean(h), 50.5, 1e-9);
}

Test(nerbench_histogram, large_values_keep_three_significant_figures)
{
	uint64_t v = 123456789;
	uint64_t p;

	nerb_hist_record(h, v);
	nerb_hist_record(h, v * 2);
	p = nerb_hist_percentile(h, 50.0);
	cr_assert_geq(p, v);
	cr_assert_leq(p, v + v / 1024);
	/* The top percentile never exceeds the exact maximum. */
	cr_assert_eq(nerb_hist_percentile(h, 100.0), v * 2);
}

Test(nerbench_histogram, values_beyond_range_are_clamped_but_max_exact)
{
	uint64_t huge = (1ull << 50) + 7;

	nerb_hist_record(h, huge);
	cr_assert_eq(nerb_hist_count(h), 1);
	cr_assert_eq(nerb_hist_max(h), huge);
	cr_assert_leq(nerb_hist_percentile(h, 100.0), huge);
}

Test(nerbench_histogram, corrected_recording_fills_in_stalled_requests)
{
	/* One 1000 us stall while requests were due every 100 us: the nine
	 * requests that could not be sent saw 900, 800, ..., 100 us. */
	nerb_hist_record_corrected(h, 1000, 100);
	cr_assert_eq(nerb_hist_count(h), 10);
	cr_assert_eq(nerb_hist_min(h), 100);
	cr_assert_eq(nerb_hist_max(h), 1000);
	cr_assert_eq(nerb_hist_percentile(h, 50.0), 500);
}

Test(nerbench_histogram, corrected_recording_of_a_fast_call_adds_nothing)
{
	nerb_hist_record_corrected(h, 50, 100);
	cr_assert_eq(nerb_hist_count(h), 1);
}

Test(nerbench_histogram, merging_adds_counts_and_extremes)
{
	nerb_hist *other;

	cr_assert_eq(nerb_hist_alloc(&other), 0);
	nerb_hist_record(h, 10);
	nerb_hist_record(other, 5000);
	nerb_hist_record(other, 3);
	nerb_hist_add(h, other);
	cr_assert_eq(nerb_hist_count(h), 3);
	cr_assert_eq(nerb_hist_min(h), 3);
	cr_assert_eq(nerb_hist_max(h), 5000);
	nerb_hist_free(other);
}

Test(nerbench_histogram, bins_cover_every_recording)
{
	uint64_t edges[11];
	uint64_t counts[10];
	uint64_t total = 0;
	size_t   i;

	for (i = 0; i < 1000; i++) {
		nerb_hist_record(h, 100 + i * 37);
	}
	nerb_hist_bins(h, 10, edges, counts);
	for (i = 0; i < 10; i++) {
		total += counts[i];
		cr_assert_lt(edges[i], edges[i + 1]);
	}
	cr_assert_eq(total, 1000);
	cr_assert_eq(edges[0], 100);
}

Test(nerbench_histogram, reset_forgets_everything)
{
	nerb_hist_record(h, 42);
	nerb_hist_reset(h);
	cr_assert_eq(nerb_hist_count(h), 0);
	cr_assert_eq(nerb_hist_max(h), 0);
}

/* nerbench keeps one histogram per call in flight (-c) and merges them
 * at the end: neither a new histogram nor merging it may take its memory
 * (256 KiB of buckets) beyond the buckets that hold values, or -c 10000
 * holds 2.5 GiB (and -c 100000 was killed for want of memory).  400
 * histograms with one value each, merged, stay far below their 100 MiB
 * of buckets in resident memory. */
Test(nerbench_histogram, histograms_take_memory_only_as_they_fill)
{
	enum { N = 400 };
	static nerb_hist *many[N];
	struct rusage     before;
	struct rusage     after;
	size_t            i;

	cr_assert_eq(getrusage(RUSAGE_SELF, &before), 0);
	for (i = 0; i < N; i++) {
		cr_assert_eq(nerb_hist_alloc(&many[i]), 0);
		nerb_hist_record(many[i], 1000000 + i);
		if (i > 0) {
			nerb_hist_add(h, many[i]);
		}
	}
	cr_assert_eq(getrusage(RUSAGE_SELF, &after), 0);
	cr_assert_lt(after.ru_maxrss - before.ru_maxrss, 20 * 1024,
	    "%ld KiB resident for %d histograms",
	    after.ru_maxrss - before.ru_maxrss, N);
	cr_assert_eq(nerb_hist_count(h), N - 1);
	cr_assert_eq(nerb_hist_min(h), 1000001);
	cr_assert_eq(nerb_hist_max(h), 1000000 + N - 1);
	cr_assert_eq(nerb_hist_percentile(h, 100), 1000000 + N - 1);
	for (i = 0; i < N; i++) {
		nerb_hist_free(many[i]);
	}
}
