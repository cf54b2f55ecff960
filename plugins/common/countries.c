/*
 * plugins/common/countries.c: the countries gazetteer.
 *
 * Every name, demonym and capital goes into one case-sensitive phrase
 * matcher whose value encodes (row, form).  Each alternative is also added
 * without diacritics and with a curly apostrophe, as news text writes
 * "Cote d’Ivoire" as often as "Côte d'Ivoire".
 *
 * Lookups go by token keys (host->key): the matcher rejects a token that
 * starts no name by one bit of its first-token filter, and compares the
 * exact text only for keys that agree, so matching stays case-sensitive.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "nerl.h"

#define COUNTRIES_FILE "countries.tsv"
#define NOT_COUNTRIES_FILE "not_countries.txt"
#define MAX_BLOCK_BACK 8 /* tokens a blocking phrase may start before */
#define COL_ISO 0
#define COL_NAMES 1
#define COL_DEMONYMS 2
#define COL_CAPITALS 3
#define MAX_ALT 512

struct nerl_countries {
	nerl_tsv          *tsv;
	nerl_phrases      *phrases;
	const nerl_keyset *starts;       /* of phrases */
	const nerl_keyset *block_starts; /* of blocks, when there are blocks */
	const nerl_keyset *block_tokens; /* of blocks: keys of all tokens */
	nerl_phrases      *blocks;       /* "South America": no country here */
	size_t             block_back;
	char             **short_names; /* per row, the first name */
	size_t             nrows;
	uint16_t           by_iso[26 * 26]; /* row + 1, or 0 */
};

static int
iso_index(const char *iso2)
{
	if (iso2 == NULL || iso2[0] < 'A' || iso2[0] > 'Z' || iso2[1] < 'A'
	    || iso2[1] > 'Z' || iso2[2] != '\0') {
		return (-1);
	}
	return ((iso2[0] - 'A') * 26 + (iso2[1] - 'A'));
}

/* Replaces each straight apostrophe of s by U+2019 into out; returns 1 when
 * there was one to replace and the result fits. */
static int
curl_apostrophes(const char *s, char *out, size_t cap)
{
	size_t o     = 0;
	int    found = 0;

	for (; *s != '\0'; s++) {
		if (o + 4 > cap) {
			return (0);
		}
		if (*s == '\'') {
			memcpy(out + o, "\xE2\x80\x99", 3);
			o += 3;
			found = 1;
		} else {
			out[o++] = *s;
		}
	}
	out[o] = '\0';
	return (found);
}

/* Writes s in capitals into out; returns 1 when that differs from s and
 * fits. */
static int
capitalise(const char *s, char *out, size_t cap)
{
	size_t len = strlen(s);
	size_t i   = 0;
	size_t o   = 0;

	while (i < len) {
		int32_t cp = utf8proc_toupper(nerl_utf8_next(s, len, &i));

		if (o + 5 > cap) {
			return (0);
		}
		o += (size_t) utf8proc_encode_char(
		    cp, (utf8proc_uint8_t *) out + o);
	}
	out[o] = '\0';
	return (strcmp(out, s) != 0);
}

/* Adds one spelling, plus the same without diacritics and with curly
 * apostrophes. */
static int
add_spellings(nerl_phrases *p, const char *alt, int value)
{
	char stripped[MAX_ALT];
	char curly[MAX_ALT * 2];
	int  rv;

	rv = nerl_phrases_add(p, alt, value);
	if (rv != 0) {
		return (rv);
	}
	if (curl_apostrophes(alt, curly, sizeof(curly))) {
		rv = nerl_phrases_add(p, curly, value);
		if (rv != 0) {
			return (rv);
		}
	}
	nerl_strip_marks(alt, strlen(alt), stripped, sizeof(stripped));
	if (strcmp(stripped, alt) != 0) {
		rv = nerl_phrases_add(p, stripped, value);
		if (rv == 0
		    && curl_apostrophes(stripped, curly, sizeof(curly))) {
			rv = nerl_phrases_add(p, curly, value);
		}
	}
	return (rv);
}

/* Adds one alternative as written and in capitals (datelines and
 * headlines: "MOSCOW, April 26"), each with its spellings. */
static int
add_alternative(nerl_phrases *p, const char *alt, int value)
{
	char upper[MAX_ALT * 2];
	int  rv;

	rv = add_spellings(p, alt, value);
	if (rv == 0 && capitalise(alt, upper, sizeof(upper))) {
		rv = add_spellings(p, upper, value);
	}
	return (rv);
}

/* Adds the '|'-separated alternatives of field for row in form. */
static int
add_field(nerl_phrases *p, const char *field, size_t row, int form)
{
	char        alt[MAX_ALT];
	const char *a;
	size_t      len;

	while (nerl_alt_next(&field, &a, &len)) {
		int rv;

		if (len >= sizeof(alt)) {
			return (NERP_EINVAL);
		}
		if (len > 0) {
			memcpy(alt, a, len);
			alt[len] = '\0';
			rv       = add_alternative(
			          p, alt, (int) (row * 4 + (size_t) form));
			if (rv != 0) {
				return (rv);
			}
		}
	}
	return (0);
}

/* Loads the optional list of phrases that contain a country's name but do
 * not name it ("Gulf of Mexico", "Indian Ocean"). */
static int
load_blocks(nerl_countries *c, const nerp_host *host, const char *common_dir,
    char *err, size_t errlen)
{
	char      path[4096];
	nerl_tsv *t = NULL;
	int       rv;

	if (nerl_path_join(path, sizeof(path), common_dir, NOT_COUNTRIES_FILE)
	    != 0) {
		snprintf(err, errlen, "countries: bad common_dir");
		return (NERP_EINVAL);
	}
	rv = nerl_tsv_load(path, &t, err, errlen);
	if (rv == NERP_ENOENT) {
		return (0);
	}
	if (rv != 0) {
		return (rv);
	}
	rv = nerl_phrases_alloc(&c->blocks, host, 0);
	for (size_t r = 0; rv == 0 && r < nerl_tsv_rows(t); r++) {
		const char *phrase = nerl_tsv_field(t, r, 0);
		nerp_token  toks[NERL_PHRASE_MAX_TOKENS];
		size_t      n;

		n = host->tokenize(
		    phrase, strlen(phrase), toks, NERL_PHRASE_MAX_TOKENS);
		if (n > MAX_BLOCK_BACK + 1 || nerl_tsv_cols(t, r) != 1) {
			rv = NERP_EINVAL;
		} else {
			rv = add_alternative(c->blocks, phrase, 0);
		}
		if (n > 0 && n - 1 > c->block_back) {
			c->block_back = n - 1;
		}
		if (rv != 0) {
			snprintf(err, errlen, "%s:%zu: %s", path,
			    nerl_tsv_line(t, r),
			    rv == NERP_ENOMEM ? "out of memory"
			                      : "bad or too long phrase, or a "
			                        "TAB (one phrase a line)");
		}
	}
	nerl_tsv_free(t);
	return (rv);
}

int
nerl_countries_load(nerl_countries **out, const nerp_host *host,
    const char *common_dir, char *err, size_t errlen)
{
	nerl_countries *c;
	char            path[4096];
	size_t          nrows;
	int             rv;

	*out = NULL;
	if (common_dir == NULL
	    || nerl_path_join(path, sizeof(path), common_dir, COUNTRIES_FILE)
	        != 0) {
		snprintf(err, errlen, "countries: bad common_dir");
		return (NERP_EINVAL);
	}
	c = calloc(1, sizeof(*c));
	if (c == NULL) {
		snprintf(err, errlen, "countries: out of memory");
		return (NERP_ENOMEM);
	}
	rv = nerl_tsv_load(path, &c->tsv, err, errlen);
	if (rv != 0) {
		goto fail;
	}
	rv = nerl_phrases_alloc(&c->phrases, host, 0);
	if (rv != 0) {
		snprintf(err, errlen, "%s: cannot create matcher", path);
		goto fail;
	}
	nrows = nerl_tsv_rows(c->tsv);
	if (nrows >= UINT16_MAX) {
		snprintf(err, errlen, "%s: too many rows", path);
		rv = NERP_EINVAL;
		goto fail;
	}
	c->nrows       = nrows;
	c->short_names = calloc(nrows + 1, sizeof(char *));
	if (c->short_names == NULL) {
		snprintf(err, errlen, "countries: out of memory");
		rv = NERP_ENOMEM;
		goto fail;
	}
	for (size_t r = 0; r < nrows; r++) {
		const char *names = nerl_tsv_field(c->tsv, r, COL_NAMES);
		const char *iso   = nerl_tsv_field(c->tsv, r, COL_ISO);
		int         k     = iso_index(iso);
		const char *rest  = names;
		const char *first = names;
		size_t      len   = 0;

		/* the short name: the first name, as add_field takes it */
		nerl_alt_next(&rest, &first, &len);
		if (k < 0 || len == 0) {
			snprintf(err, errlen,
			    "%s:%zu: want ISO alpha-2 code and names", path,
			    nerl_tsv_line(c->tsv, r));
			rv = NERP_EINVAL;
			goto fail;
		}
		if (nerl_tsv_cols(c->tsv, r) > COL_CAPITALS + 1) {
			snprintf(err, errlen,
			    "%s:%zu: more than %d columns (alternatives are "
			    "separated by '|')",
			    path, nerl_tsv_line(c->tsv, r), COL_CAPITALS + 1);
			rv = NERP_EINVAL;
			goto fail;
		}
		if (c->by_iso[k] != 0) {
			snprintf(err, errlen, "%s:%zu: duplicate code %s",
			    path, nerl_tsv_line(c->tsv, r), iso);
			rv = NERP_EINVAL;
			goto fail;
		}
		c->by_iso[k]      = (uint16_t) (r + 1);
		c->short_names[r] = strndup(first, len);
		if (c->short_names[r] == NULL) {
			snprintf(err, errlen, "countries: out of memory");
			rv = NERP_ENOMEM;
			goto fail;
		}
		for (int col = COL_NAMES; col <= COL_CAPITALS; col++) {
			rv = add_field(c->phrases,
			    nerl_tsv_field(c->tsv, r, (size_t) col), r, col);
			if (rv != 0) {
				snprintf(err, errlen, "%s:%zu: %s", path,
				    nerl_tsv_line(c->tsv, r),
				    rv == NERP_ENOMEM ? "out of memory"
				                      : "bad name");
				goto fail;
			}
		}
	}
	rv = load_blocks(c, host, common_dir, err, errlen);
	if (rv != 0) {
		goto fail;
	}
	c->starts = nerl_phrases_starts(c->phrases);
	if (c->blocks != NULL) {
		c->block_starts = nerl_phrases_starts(c->blocks);
		c->block_tokens = nerl_phrases_tokens(c->blocks);
	}
	*out = c;
	return (0);
fail:
	nerl_countries_free(c);
	return (rv);
}

void
nerl_countries_free(nerl_countries *c)
{
	if (c == NULL) {
		return;
	}
	if (c->short_names != NULL) {
		for (size_t r = 0; r < c->nrows; r++) {
			free(c->short_names[r]);
		}
		free(c->short_names);
	}
	nerl_phrases_free(c->phrases);
	nerl_phrases_free(c->blocks);
	nerl_tsv_free(c->tsv);
	free(c);
}

/* Whether a blocking phrase covers token i: one starting before i and
 * reaching it, or one starting at i at least ntok tokens long.  Such a
 * phrase holds token i, so a key no block's token has rules them all out
 * with one test. */
static int
blocked(const nerl_countries *c, const char *text, const nerp_token *toks,
    const uint64_t *keys, size_t n, size_t i, size_t ntok)
{
	size_t j = i > c->block_back ? i - c->block_back : 0;

	if (c->blocks == NULL
	    || (keys != NULL && !nerl_keyset_has(c->block_tokens, keys[i]))) {
		return (0);
	}
	for (; j <= i; j++) {
		nerl_match m;

		if (keys != NULL
		    && !nerl_keyset_has(c->block_starts, keys[j])) {
			continue;
		}
		if (nerl_phrases_at_keyed(
		        c->blocks, text, toks, keys, n, j, &m, 1)
		    == 0) {
			continue;
		}
		if ((j < i && j + m.ntok > i) || (j == i && m.ntok >= ntok)) {
			return (1);
		}
	}
	return (0);
}

/* The best of k matches found, longest first: among the longest, a name
 * beats a demonym beats a capital of the same text, then the earlier row
 * wins. */
static void
pick(const nerl_countries *c, const nerl_match *found, size_t k, size_t *ntok,
    const char **iso2, int *form)
{
	int best = found[0].value;

	for (size_t j = 1; j < k && found[j].ntok == found[0].ntok; j++) {
		int v = found[j].value;
		if (v % 4 < best % 4 || (v % 4 == best % 4 && v < best)) {
			best = v;
		}
	}
	*ntok = found[0].ntok;
	*iso2 = nerl_tsv_field(c->tsv, (size_t) (best / 4), COL_ISO);
	switch (best % 4) {
	case COL_NAMES:
		*form = NERL_COUNTRY_NAME;
		break;
	case COL_DEMONYMS:
		*form = NERL_COUNTRY_DEMONYM;
		break;
	default:
		*form = NERL_COUNTRY_CAPITAL;
		break;
	}
}

/* The match at token i once the first-token filter let it through (keys
 * may be NULL). */
static int
match_at(const nerl_countries *c, const char *text, const nerp_token *toks,
    const uint64_t *keys, size_t n, size_t i, nerl_country_match *m)
{
	nerl_match found[16];
	size_t     k;

	k = nerl_phrases_at_keyed(
	    c->phrases, text, toks, keys, n, i, found, 16);
	if (k == 0 || blocked(c, text, toks, keys, n, i, found[0].ntok)) {
		return (0);
	}
	pick(c, found, k, &m->ntok, &m->iso2, &m->form);
	return (1);
}

int
nerl_countries_at_keyed(const nerl_countries *c, const char *text,
    const nerp_token *toks, const uint64_t *keys, size_t n, size_t i,
    nerl_country_match *m)
{
	/* Most tokens start no name: rejected before any frame is set up. */
	if (keys != NULL && (i >= n || !nerl_keyset_has(c->starts, keys[i]))) {
		return (0);
	}
	return (match_at(c, text, toks, keys, n, i, m));
}

const nerl_keyset *
nerl_countries_starts(const nerl_countries *c)
{
	return (c->starts);
}

int
nerl_countries_at(const nerl_countries *c, const char *text,
    const nerp_token *toks, size_t n, size_t i, nerl_country_match *m)
{
	return (match_at(c, text, toks, NULL, n, i, m));
}

size_t
nerl_countries_in_word(const nerl_countries *c, const char *text,
    const nerp_token *tok, nerl_country_part *out, size_t cap)
{
	uint32_t
	    cut[NERL_WORD_MAX_PARTS + 1]; /* part a is [cut[a], cut[a+1]-1) */
	size_t nparts = 0;
	size_t w      = 0;

	if (tok->kind != NERP_TOK_WORD) {
		return (0);
	}
	cut[nparts] = tok->start;
	for (uint32_t b = tok->start; b < tok->end; b++) {
		if (text[b] != '-') {
			continue;
		}
		if (nparts + 1 == NERL_WORD_MAX_PARTS) {
			break;
		}
		cut[++nparts] = b + 1;
	}
	cut[++nparts] = tok->end + 1;
	if (nparts < 2) {
		return (0);
	}
	for (size_t a = 0; a < nparts && w < cap;) {
		size_t b;

		/* The longest run of parts a..b that is one name. */
		for (b = nparts; b > a; b--) {
			nerp_token part = *tok;
			nerl_match found[16];
			size_t     k;
			size_t     ntok;

			part.start = cut[a];
			part.end   = cut[b] - 1;
			if (part.end <= part.start) {
				continue;
			}
			k = nerl_phrases_at(
			    c->phrases, text, &part, 1, 0, found, 16);
			if (k == 0) {
				continue;
			}
			out[w].start = part.start;
			out[w].end   = part.end;
			pick(c, found, k, &ntok, &out[w].iso2, &out[w].form);
			w++;
			break;
		}
		a = b > a ? b : a + 1;
	}
	return (w);
}

const char *
nerl_country_name(const nerl_countries *c, const char *iso2)
{
	int    k = iso_index(iso2);
	size_t r;

	if (k < 0 || c->by_iso[k] == 0) {
		return (NULL);
	}
	r = c->by_iso[k] - 1u;
	return (c->short_names[r]);
}

int
nerl_iso2_shape(const char *s)
{
	return (iso_index(s) >= 0);
}
