/*
 * clients/nerbench/histogram.h: a log-linear latency histogram with
 * HdrHistogram's semantics: fixed memory, O(1) recording, values kept to
 * about three significant figures (relative error below 1/1024), exact
 * below 2048, mergeable, and coordinated-omission correction for
 * open-model runs.
 *
 * Threads: a histogram is not synchronised.  Give each thread its own and
 * merge them at the end with nerb_hist_add.
 */
#ifndef NERD_CLIENTS_NERBENCH_HISTOGRAM_H
#define NERD_CLIENTS_NERBENCH_HISTOGRAM_H

#include <stddef.h>
#include <stdint.h>

typedef struct nerb_hist nerb_hist;

/* Allocates an empty histogram recording values in [0, 2^40) (larger
 * values are clamped to the top bucket; the exact maximum is still kept).
 * Returns 0 or ENOMEM. */
int nerb_hist_alloc(nerb_hist **out);
void nerb_hist_free(nerb_hist *h);
void nerb_hist_reset(nerb_hist *h);

/* Records one value. */
void nerb_hist_record(nerb_hist *h, uint64_t value);

/* Records value, and when it exceeds expected_interval (> 0), also the
 * values the stalled requests would have seen: value - interval,
 * value - 2*interval, ... while they are at least interval (wrk2 and
 * HdrHistogram's record_corrected_value). */
void nerb_hist_record_corrected(nerb_hist *h, uint64_t value,
    uint64_t expected_interval);

/* Adds every count of src into dst. */
void nerb_hist_add(nerb_hist *dst, const nerb_hist *src);

uint64_t nerb_hist_count(const nerb_hist *h);
uint64_t nerb_hist_min(const nerb_hist *h); /* 0 when empty */
uint64_t nerb_hist_max(const nerb_hist *h); /* 0 when empty */
double nerb_hist_mean(const nerb_hist *h);  /* 0 when empty */
double nerb_hist_stddev(const nerb_hist *h);

/* The value at percentile p (0..100): the highest value equivalent to the
 * bucket holding the ceil(p% * count)-th smallest recording, never above
 * the recorded maximum.  0 when empty. */
uint64_t nerb_hist_percentile(const nerb_hist *h, double p);

/* Buckets for printing: the number of recordings with values in
 * [lo, hi), for n_bins bins spaced evenly between min and max.  Writes
 * n_bins counts to counts and the bin edges (n_bins + 1) to edges. */
void nerb_hist_bins(const nerb_hist *h, size_t n_bins, uint64_t *edges,
    uint64_t *counts);

#endif /* NERD_CLIENTS_NERBENCH_HISTOGRAM_H */
