/*
 * tests/fuzz/merge_fuzz.c: the merge on arbitrary mentions.  Each 12-byte
 * record of the input is one mention (start, length, kind, plugin, score).
 * The merged output must be in UIMA order (start ascending, end descending),
 * every merged entity must come from the input, and within a kind that
 * several plugins emitted no two merged entities may overlap unless they
 * share their span (one plugin's separate facts).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "merge.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const kinds[]   = { "date", "official", "organization",
	  "membership" };
static const char *const plugins[] = { "alpha", "beta", "gamma" };

#define RECORD 12
#define MAX_MENTIONS 512

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	neri_mention m[MAX_MENTIONS];
	neri_merged *out   = NULL;
	size_t       n     = size / RECORD;
	size_t       n_out = 0;
	size_t       i;
	size_t       j;

	if (n > MAX_MENTIONS) {
		n = MAX_MENTIONS;
	}
	for (i = 0; i < n; i++) {
		const uint8_t *r = data + i * RECORD;
		uint32_t       start;
		uint32_t       len;

		memcpy(&start, r, 4);
		start %= 4096;
		len = (uint32_t) (r[4] % 64) + 1;
		memset(&m[i], 0, sizeof(m[i]));
		m[i].start  = start;
		m[i].end    = start + len;
		m[i].kind   = kinds[r[5] % 4];
		m[i].plugin = plugins[r[6] % 3];
		m[i].rank   = r[6] % 3;
		m[i].score  = (r[7] % 2) ? -1.0f : (float) r[8] / 255.0f;
		m[i].value  = (r[9] % 2) ? "v" : NULL;
		m[i].seq    = (uint32_t) i;
	}
	if (neri_merge(m, n, &out, &n_out) != 0) {
		return (0);
	}
	if (n_out > n) {
		abort();
	}
	for (i = 0; i < n_out; i++) {
		const neri_mention *b       = out[i].best;
		int                 several = 0;

		for (j = 0; j < n; j++) {
			if (strcmp(m[j].kind, b->kind) == 0 &&
			    strcmp(m[j].plugin, b->plugin) != 0) {
				several = 1;
			}
		}

		if (b < m || b >= m + n || out[i].n_sources == 0) {
			abort();
		}
		if (i > 0) {
			const neri_mention *a = out[i - 1].best;

			if (a->start > b->start ||
			    (a->start == b->start && a->end < b->end)) {
				abort();
			}
		}
		for (j = i + 1; j < n_out; j++) {
			const neri_mention *c = out[j].best;

			if (several && strcmp(b->kind, c->kind) == 0 &&
			    c->start < b->end && b->start < c->end &&
			    !(c->start == b->start && c->end == b->end)) {
				abort();
			}
		}
	}
	free(out);
	return (0);
}
