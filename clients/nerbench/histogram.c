/* clients/nerbench/histogram.c: log-linear histogram (see histogram.h). */
#include "histogram.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Values below 2^SUB_BITS are exact.  Above, each power-of-two range is
 * split into HALF linear sub-buckets, so a bucket is at most 1/HALF of its
 * value wide. */
#define SUB_BITS 11
#define SUB_COUNT (1u << SUB_BITS)
#define HALF (SUB_COUNT / 2)
#define MAX_BITS 40
#define MAX_SHIFT (MAX_BITS - SUB_BITS + 1)
#define N_BUCKETS (SUB_COUNT + MAX_SHIFT * HALF)

struct nerb_hist {
	uint64_t count;
	uint64_t min;
	uint64_t max;
	double   sum;
	double   sum_sq;
	uint64_t buckets[N_BUCKETS];
};

static unsigned
msb(uint64_t v)
{
	return (63u - (unsigned) __builtin_clzll(v));
}

static size_t
bucket_of(uint64_t v)
{
	unsigned shift;

	if (v < SUB_COUNT) {
		return ((size_t) v);
	}
	if (v >= (1ull << MAX_BITS)) {
		return (N_BUCKETS - 1);
	}
	shift = msb(v) - (SUB_BITS - 1);
	return (SUB_COUNT + (size_t) (shift - 1) * HALF +
	    (size_t) ((v >> shift) - HALF));
}

/* The highest value that lands in bucket i. */
static uint64_t
bucket_top(size_t i)
{
	size_t   rel;
	unsigned shift;
	uint64_t base;

	if (i < SUB_COUNT) {
		return ((uint64_t) i);
	}
	rel   = i - SUB_COUNT;
	shift = (unsigned) (rel / HALF) + 1;
	base  = (uint64_t) (HALF + rel % HALF) << shift;
	return (base + (1ull << shift) - 1);
}

int
nerb_hist_alloc(nerb_hist **out)
{
	nerb_hist *h;

	/* calloc's zeroes, not nerb_hist_reset's memset: the buckets' pages
	 * then stay untouched until values land in them. */
	h = calloc(1, sizeof(*h));
	if (h == NULL) {
		return (ENOMEM);
	}
	h->min = UINT64_MAX;
	*out   = h;
	return (0);
}

void
nerb_hist_free(nerb_hist *h)
{
	free(h);
}

void
nerb_hist_reset(nerb_hist *h)
{
	memset(h, 0, sizeof(*h));
	h->min = UINT64_MAX;
}

void
nerb_hist_record(nerb_hist *h, uint64_t value)
{
	h->buckets[bucket_of(value)]++;
	h->count++;
	h->sum += (double) value;
	h->sum_sq += (double) value * (double) value;
	if (value < h->min) {
		h->min = value;
	}
	if (value > h->max) {
		h->max = value;
	}
}

void
nerb_hist_record_corrected(nerb_hist *h, uint64_t value,
    uint64_t expected_interval)
{
	uint64_t missing;

	nerb_hist_record(h, value);
	if (expected_interval == 0 || value <= expected_interval) {
		return;
	}
	for (missing = value - expected_interval; missing >= expected_interval;
	     missing -= expected_interval) {
		nerb_hist_record(h, missing);
	}
}

void
nerb_hist_add(nerb_hist *dst, const nerb_hist *src)
{
	size_t i;
	size_t last;

	if (src->count == 0) {
		return;
	}
	/* Only src's buckets from its minimum's to its maximum's: reading
	 * the others would make their untouched pages resident. */
	last = bucket_of(src->max);
	for (i = bucket_of(src->min); i <= last; i++) {
		dst->buckets[i] += src->buckets[i];
	}
	dst->count += src->count;
	dst->sum += src->sum;
	dst->sum_sq += src->sum_sq;
	if (src->min < dst->min) {
		dst->min = src->min;
	}
	if (src->max > dst->max) {
		dst->max = src->max;
	}
}

uint64_t
nerb_hist_count(const nerb_hist *h)
{
	return (h->count);
}

uint64_t
nerb_hist_min(const nerb_hist *h)
{
	return (h->count == 0 ? 0 : h->min);
}

uint64_t
nerb_hist_max(const nerb_hist *h)
{
	return (h->max);
}

double
nerb_hist_mean(const nerb_hist *h)
{
	return (h->count == 0 ? 0.0 : h->sum / (double) h->count);
}

double
nerb_hist_stddev(const nerb_hist *h)
{
	double mean;
	double var;

	if (h->count == 0) {
		return (0.0);
	}
	mean = h->sum / (double) h->count;
	var  = h->sum_sq / (double) h->count - mean * mean;
	return (var > 0.0 ? sqrt(var) : 0.0);
}

uint64_t
nerb_hist_percentile(const nerb_hist *h, double p)
{
	uint64_t rank;
	uint64_t seen = 0;
	size_t   i;
	uint64_t top;

	if (h->count == 0) {
		return (0);
	}
	if (p < 0.0) {
		p = 0.0;
	}
	if (p > 100.0) {
		p = 100.0;
	}
	rank = (uint64_t) ceil(p / 100.0 * (double) h->count);
	if (rank == 0) {
		rank = 1;
	}
	for (i = 0; i < N_BUCKETS; i++) {
		seen += h->buckets[i];
		if (seen >= rank) {
			top = bucket_top(i);
			return (top < h->max ? top : h->max);
		}
	}
	return (h->max);
}

void
nerb_hist_bins(const nerb_hist *h, size_t n_bins, uint64_t *edges,
    uint64_t *counts)
{
	uint64_t lo = nerb_hist_min(h);
	uint64_t hi = h->max + 1;
	uint64_t width;
	size_t   i;
	size_t   bin;

	if (n_bins == 0) {
		return;
	}
	width = (hi - lo + n_bins - 1) / n_bins;
	if (width == 0) {
		width = 1;
	}
	for (i = 0; i <= n_bins; i++) {
		edges[i] = lo + width * i;
	}
	memset(counts, 0, n_bins * sizeof(*counts));
	if (h->count == 0) {
		return;
	}
	/* Each bucket's count goes to the bin holding the bucket's top value
	 * (clamped to the recorded range). */
	for (i = 0; i < N_BUCKETS; i++) {
		uint64_t v;

		if (h->buckets[i] == 0) {
			continue;
		}
		v = bucket_top(i);
		if (v > h->max) {
			v = h->max;
		}
		if (v < lo) {
			v = lo;
		}
		bin = (size_t) ((v - lo) / width);
		if (bin >= n_bins) {
			bin = n_bins - 1;
		}
		counts[bin] += h->buckets[i];
	}
}
