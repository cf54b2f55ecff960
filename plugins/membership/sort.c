/*
 * plugins/membership/sort.c: arrays in text order.  A stable sort for
 * arrays made of a few runs already in order (mentions of each kind come
 * in text order, one kind after another), and a search by token in such
 * arrays.
 *
 * A pass of the sort merges each pair of neighbouring runs, so k runs take
 * ceil(log2 k) passes of at most 2n comparisons each; an array already in
 * order costs one pass of n - 1 comparisons and no copy.  An insertion
 * sort is linear only while every element lies near its place: runs
 * appended one after another cost it the product of their lengths.
 */
#include <stddef.h>
#include <string.h>

#include "mb.h"

/* The end of the run in order that starts at a, before n. */
static size_t
run_end(const char *base, size_t a, size_t n, size_t size,
    int (*cmp)(const void *, const void *))
{
	size_t b = a + 1;

	while (b < n && cmp(base + (b - 1) * size, base + b * size) <= 0) {
		b++;
	}
	return (b);
}

/* Merges from[a, b) and from[b, c) into to[a, c); ties from the left. */
static void
merge(const char *from, char *to, size_t a, size_t b, size_t c, size_t size,
    int (*cmp)(const void *, const void *))
{
	size_t i = a, j = b, k = a;

	while (i < b && j < c) {
		if (cmp(from + j * size, from + i * size) < 0) {
			memcpy(to + k * size, from + j * size, size);
			j++;
		} else {
			memcpy(to + k * size, from + i * size, size);
			i++;
		}
		k++;
	}
	memcpy(to + k * size, from + i * size, (b - i) * size);
	k += b - i;
	memcpy(to + k * size, from + j * size, (c - j) * size);
}

void
mb_sort_runs(void *base, size_t n, size_t size,
    int (*cmp)(const void *, const void *), void *tmp)
{
	char *from = base, *to = tmp;

	if (n < 2 || run_end(from, 0, n, size, cmp) == n) {
		return;
	}
	for (;;) {
		size_t a = 0, runs = 0;

		while (a < n) {
			size_t b = run_end(from, a, n, size, cmp);
			size_t c = b < n ? run_end(from, b, n, size, cmp) : n;

			merge(from, to, a, b, c, size, cmp);
			runs++;
			a = c;
		}
		from = to;
		to   = from == (char *) base ? tmp : base;
		if (runs == 1) {
			break;
		}
	}
	if (from != (char *) base) {
		memcpy(base, from, n * size);
	}
}

/* mb_from_tok reads each element's token as its first member */
_Static_assert(offsetof(mb_mention, tok) == 0, "mb_mention starts with tok");
_Static_assert(
    offsetof(mb_org_mention, tok) == 0, "mb_org_mention starts with tok");
_Static_assert(offsetof(mb_date, tok) == 0, "mb_date starts with tok");

size_t
mb_from_tok(const void *base, size_t n, size_t size, size_t p)
{
	const char *b  = base;
	size_t      lo = 0;
	uint32_t    tok;

	/* the answer lies in [lo, lo + n]; each step halves n, with a
	 * conditional move rather than a branch that data decides */
	while (n > 1) {
		size_t half = n / 2;

		memcpy(&tok, b + (lo + half - 1) * size, sizeof(tok));
		lo = tok < p ? lo + half : lo;
		n -= half;
	}
	if (n == 1) {
		memcpy(&tok, b + lo * size, sizeof(tok));
		lo += tok < p;
	}
	return (lo);
}
