/*
 * tests/fuzz/membership_fuzz.c: the membership recognizer on arbitrary
 * bytes.  The input is split at the first NUL: the text before it (kept
 * only when valid UTF-8, as the host refuses others), and after it a
 * stream that builds arbitrary upstream entities: offsets anywhere (also
 * outside the text, reversed, mid code point), kinds mixed, attribute
 * values taken from the stream or from a small list of real ones
 * ("BRICS", "RU").  Every triple must have a span inside the text, on its
 * evidence, with a member, an organisation and a known status.  The text
 * is copied to a buffer of its exact size (plus the NUL the ABI promises)
 * so ASan catches any read past it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/neri.h"
#include "mb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static mb_lexicon *lex;

static unsigned char *block;
static size_t         block_used;
#define BLOCK_SIZE (64u << 20)

static void *
bump(void *ctx, size_t size)
{
	size_t off = (block_used + 15) & ~(size_t) 15;

	(void) ctx;
	if (off + size > BLOCK_SIZE) {
		return (NULL);
	}
	block_used = off + size;
	return (block + off);
}

/* A little reader over the entity stream. */
typedef struct stream {
	const uint8_t *p;
	size_t         n;
} stream;

static unsigned
take(stream *s)
{
	if (s->n == 0) {
		return (0);
	}
	s->n--;
	return (*s->p++);
}

static const char *const real[] = { "BRICS", "RU", "BO", "AU", "G20", "",
	"Russia", "2024-01-01", "PRESENT_REF", "EU", "xx", "NATO" };

#define MAX_ENT 48

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const nerp_host host  = { .size = sizeof(nerp_host),
		 .abi                          = NERP_ABI,
		 .tokenize                     = neri_tokenize,
		 .key                          = neri_key };
	const mb_arena         arena = { bump, NULL };
	const uint8_t         *nul   = memchr(data, 0, size);
	size_t                 len   = nul ? (size_t) (nul - data) : size;
	stream s = { nul ? nul + 1 : data + size, nul ? size - len - 1 : 0 };
	nerp_entity ents[3][MAX_ENT];
	nerp_attr   attrs[3][MAX_ENT][3];
	char        strs[3][MAX_ENT][3][8];
	size_t      counts[3] = { 0, 0, 0 };
	mb_upstream up        = { 0 };
	nerp_token *toks;
	uint64_t   *keys;
	size_t      ntok;
	char       *text;
	mb_triple  *tr;
	size_t      n;
	char        err[256];

	if (lex == NULL) {
		if (mb_lexicon_load(&lex, &host, MB_FUZZ_DATA, MB_FUZZ_COMMON,
		        err, sizeof(err))
		    != 0) {
			fprintf(stderr, "%s\n", err);
			abort();
		}
		block = malloc(BLOCK_SIZE);
	}
	if (!neri_utf8_valid((const char *) data, len)) {
		return (0);
	}
	text = malloc(len + 1);
	memcpy(text, data, len);
	text[len] = '\0';
	toks      = malloc((len + 1) * sizeof(nerp_token));
	ntok      = neri_tokenize(text, len, toks, len + 1);
	keys      = malloc((ntok + 1) * sizeof(uint64_t));
	neri_keys(text, toks, ntok, keys);

	while (s.n >= 4) {
		unsigned     kind = take(&s) % 3;
		nerp_entity *e;
		size_t       k = counts[kind];

		if (k >= MAX_ENT) {
			break;
		}
		e        = &ents[kind][k];
		e->start = (uint32_t) (take(&s) * (len + 1) / 256);
		e->end   = (uint32_t) (take(&s) * (len + 2) / 256);
		e->kind  = kind == 0 ? "organization"
		     : kind == 1     ? "official"
		                     : "date";
		e->score = -1.0f;
		for (size_t a = 0; a < 3; a++) {
			unsigned    pick = take(&s);
			const char *v;

			if (pick & 0x80) {
				size_t l = pick & 7;

				for (size_t c = 0; c < l; c++) {
					strs[kind][k][a][c]
					    = (char) (take(&s) % 95 + 32);
				}
				strs[kind][k][a][l] = '\0';
				v                   = strs[kind][k][a];
			} else {
				v = real[pick
				    % (sizeof(real) / sizeof(real[0]))];
			}
			attrs[kind][k][a].key   = a == 0
			      ? (kind == 1 ? "country" : "canonical")
			      : a == 1 ? "name"
			               : "acronym";
			attrs[kind][k][a].value = v;
		}
		e->attrs   = attrs[kind][k];
		e->n_attrs = take(&s) % 4;
		e->value   = (take(&s) & 1) ? attrs[kind][k][1].value : NULL;
		counts[kind]++;
	}
	up.orgs       = ents[0];
	up.norgs      = counts[0];
	up.officials  = ents[1];
	up.nofficials = counts[1];
	up.dates      = ents[2];
	up.ndates     = counts[2];

	block_used = 0;
	if (mb_analyze(lex, text, len, toks, keys, ntok, &up,
	        (size & 1) ? "2024-06-01" : NULL, &arena, &tr, &n)
	    != 0) {
		n = 0;
	}
	for (size_t i = 0; i < n; i++) {
		if (tr[i].start >= tr[i].end || tr[i].end > len
		    || tr[i].start < tr[i].ev_start || tr[i].end > tr[i].ev_end
		    || tr[i].ev_end > len || tr[i].member == NULL
		    || tr[i].org == NULL || tr[i].status < 0
		    || tr[i].status >= MB_NSTATUS) {
			fprintf(stderr, "bad triple %zu: %u-%u of %zu\n", i,
			    tr[i].start, tr[i].end, len);
			abort();
		}
	}
	free(toks);
	free(keys);
	free(text);
	return (0);
}
