/*
 * tests/fuzz/pipeline_fuzz.c: arbitrary bytes through the whole recognition
 * pipeline (every bundled plugin, loaded from the build tree as the server
 * loads them).  The first byte picks which kinds to ask for, so each plugin
 * is also fuzzed alone; the rest is the document.  Invalid UTF-8 must be
 * refused with INVALID_ARGUMENT; for valid text every entity must lie inside
 * the text, on UTF-8 boundaries, with start < end.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "neri.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static neri_registry *reg;

static const char *const kinds_by_bit[] = { "date", "official", "person",
	"organization", "membership" };
#define N_KINDS (sizeof(kinds_by_bit) / sizeof(kinds_by_bit[0]))

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char          *dir = getenv("NERD_FUZZ_PLUGIN_DIR");
	neri_registry_config cfg;

	(void) argc;
	(void) argv;
	if (dir == NULL) {
		dir = NERD_TEST_PLUGIN_DIR;
	}
	memset(&cfg, 0, sizeof(cfg));
	cfg.dirs        = &dir;
	cfg.n_dirs      = 1;
	cfg.check_owner = 1;
	if (neri_registry_load(&reg, &cfg, NULL, NULL) != 0) {
		fprintf(stderr, "pipeline_fuzz: cannot load plugins from %s\n",
		    dir);
		abort();
	}
	/* Fuzzing an empty pipeline would pass and prove nothing. */
	if (neri_registry_count(reg) < 4) { /* the four bundled plugins */
		fprintf(stderr, "pipeline_fuzz: only %zu plugins in %s\n",
		    neri_registry_count(reg), dir);
		abort();
	}
	return (0);
}

static int
is_continuation(unsigned char c)
{
	return ((c & 0xC0) == 0x80);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char  *wanted[N_KINDS];
	neri_request req;
	neri_result *res = NULL;
	char        *text;
	size_t       i;
	int          rv;

	if (size == 0) {
		return (0);
	}
	memset(&req, 0, sizeof(req));
	for (i = 0; i < N_KINDS; i++) {
		if (data[0] & (1u << i)) {
			wanted[req.n_kinds++] = kinds_by_bit[i];
		}
	}
	req.kinds = wanted;
	req.dct   = (data[0] & 0x80) ? "2024-04-26" : "";
	/* A NUL-terminated copy: the host promises plugins a terminator. */
	text = malloc(size);
	if (text == NULL) {
		return (0);
	}
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	req.text       = text;
	req.len        = size - 1;

	rv = neri_recognize(reg, &req, &res);
	if (!neri_utf8_valid(text, req.len)) {
		if (rv != NERD_STATUS_INVALID_ARGUMENT) {
			abort();
		}
	} else if (rv == 0) {
		for (i = 0; i < res->n_entities; i++) {
			const neri_entity *e = &res->entities[i];

			if (e->start >= e->end || e->end > req.len ||
			    is_continuation((unsigned char) text[e->start]) ||
			    (e->end < req.len &&
			        is_continuation((unsigned char) text[e->end]))) {
				abort();
			}
		}
	} else if (rv != NERD_STATUS_INVALID_ARGUMENT) {
		/* Valid UTF-8 is refused only when empty or of unknown kinds. */
		abort();
	}
	if (res != NULL) {
		neri_result_free(res);
	}
	free(text);
	return (0);
}
