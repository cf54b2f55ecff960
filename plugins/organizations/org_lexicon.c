/*
 * org_lexicon.c: loads the organisation gazetteer and the word lists of
 * data_dir into one read-only org_lexicon.
 *
 * organizations.tsv columns: name, aliases, acronyms, canonical, country,
 * flags.  Alternatives are separated by '|'; "-" or an empty field means
 * none.  Flags: "metonym" (a building standing for an administration,
 * recognised only when not used as a venue), "nostart" (a common word,
 * skipped at a sentence start), "afterthe" (only right after a lowercase
 * "the": "the House voted").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "org.h"
#include "org_words.h"

/* The word lists: file name and the classes its words get. */
static const struct {
	const char *file;
	unsigned    bits;
} org_word_files[] = {
	{ "heads.txt", ORG_W_HEAD },
	{ "standalone.txt", ORG_W_HEAD | ORG_W_ALONE },
	{ "heads_modified.txt", ORG_W_HEAD | ORG_W_NEEDMOD },
	{ "heads_complemented.txt", ORG_W_HEAD | ORG_W_NEEDCOMP },
	{ "suffixes.txt", ORG_W_SUFFIX },
	{ "suffixes_period.txt", ORG_W_SUFFIX | ORG_W_ABBR },
	{ "titles.txt", ORG_W_TITLE },
	{ "stopwords.txt", ORG_W_STOP },
	{ "connectors.txt", ORG_W_CONNECT },
	{ "venue_words.txt", ORG_W_PLACE },
	{ "speech_verbs.txt", ORG_W_SPEECH },
	{ "sports.txt", ORG_W_SPORT },
	{ "table_words.txt", ORG_W_NOTEAM },
	{ "event_words.txt", ORG_W_EVENT },
};

static int
org_field_empty(const char *f)
{
	return (f[0] == '\0' || strcmp(f, "-") == 0);
}

/* Sets the bit of how a phrase of nt tokens, the first two in tok, starts
 * (see org_starts_may). */
static void
org_starts_add(org_lexicon *lex, const nerp_host *host, const char *phrase,
    const nerp_token *tok, size_t nt)
{
	uint64_t first
	    = host->key(phrase + tok[0].start, tok[0].end - tok[0].start);
	uint64_t second = 0;
	uint32_t b;

	if (nt > 1) {
		second = host->key(
		    phrase + tok[1].start, tok[1].end - tok[1].start);
	}
	b = org_starts_bit(first, second);
	lex->starts[b / 64] |= 1ull << (b % 64);
}

/* Adds every '|'-separated alternative of field as a phrase with value,
 * and marks each one's first token as ORG_W_FIRST. */
static int
org_add_alternatives(
    org_lexicon *lex, const nerp_host *host, const char *field, int value)
{
	char        buf[256];
	const char *p = field;
	const char *alt;
	size_t      len;
	nerp_token  tok[2];
	size_t      nt;
	int         rv;

	if (org_field_empty(field)) {
		return (0);
	}
	while (nerl_alt_next(&p, &alt, &len)) {
		if (len >= sizeof(buf)) {
			return (NERP_EINVAL);
		}
		if (len > 0) {
			memcpy(buf, alt, len);
			buf[len] = '\0';
			rv = nerl_phrases_add(lex->gazetteer, buf, value);
			if (rv != 0) {
				return (rv);
			}
			nt = host->tokenize(buf, len, tok, 2);
			if (nt > 0) {
				rv = org_words_add(lex->words,
				    buf + tok[0].start,
				    tok[0].end - tok[0].start, ORG_W_FIRST);
				if (rv != 0) {
					/* a first word over ORG_WORD_MAX
					 * bytes: never a lead, never found */
					return (rv);
				}
				org_starts_add(lex, host, buf, tok, nt);
			}
		}
	}
	return (0);
}

/* The ORG_E_ flags of a gazetteer row's flags column ("-", or names
 * separated by commas) into *flags; -1 with the unknown name in *bad
 * (bad_len bytes) when one is not known. */
static int
org_parse_flags(
    const char *s, unsigned *flags, const char **bad, size_t *bad_len)
{
	static const struct {
		const char *name;
		unsigned    flag;
	} known[] = {
		{ "metonym", ORG_E_METONYM },
		{ "nostart", ORG_E_NOSTART },
		{ "afterthe", ORG_E_AFTERTHE },
	};

	*flags = 0;
	if (org_field_empty(s)) {
		return (0);
	}
	for (;;) {
		size_t len = strcspn(s, ",");
		size_t k;

		for (k = 0; k < sizeof(known) / sizeof(known[0]); k++) {
			if (strlen(known[k].name) == len
			    && memcmp(known[k].name, s, len) == 0) {
				break;
			}
		}
		if (k == sizeof(known) / sizeof(known[0])) {
			*bad     = s;
			*bad_len = len;
			return (-1);
		}
		*flags |= known[k].flag;
		if (s[len] == '\0') {
			return (0);
		}
		s += len + 1;
	}
}

/* Nonzero for "-", "" or an ISO 3166-1 alpha-2 code's shape. */
static int
org_country_ok(const char *s)
{
	return (org_field_empty(s) || nerl_iso2_shape(s));
}

/* A copy of the first alternative of field without the spaces before
 * its '|' ("" when none), or NULL when out of memory. */
static char *
org_first_alternative(const char *field)
{
	const char *first = field;
	size_t      len   = 0;

	if (org_field_empty(field)) {
		return (strdup(""));
	}
	nerl_alt_next(&field, &first, &len);
	return (strndup(first, len));
}

/* teams.txt: one team name a line, matched ignoring case, only in sports
 * reports. */
static int
org_load_teams(org_lexicon *lex, const nerp_host *host, const char *data_dir,
    char *err, size_t errlen)
{
	char       path[1024];
	nerl_tsv  *t = NULL;
	nerp_token tok;
	size_t     r;
	int        rv;

	rv = nerl_path_join(path, sizeof(path), data_dir, "teams.txt");
	if (rv == 0) {
		rv = nerl_tsv_load(path, &t, err, errlen);
	}
	if (rv != 0) {
		return (rv);
	}
	for (r = 0; r < nerl_tsv_rows(t) && rv == 0; r++) {
		const char *name = nerl_tsv_field(t, r, 0);
		size_t      len  = strlen(name);

		if (nerl_tsv_cols(t, r) != 1) {
			snprintf(err, errlen,
			    "%s:%zu: a TAB (one team a line)", path,
			    nerl_tsv_line(t, r));
			rv = NERP_EINVAL;
			break;
		}
		rv = nerl_phrases_add(lex->teams, name, (int) r);
		if (rv == 0 && host->tokenize(name, len, &tok, 1) > 0) {
			rv = org_words_add(lex->words, name + tok.start,
			    tok.end - tok.start, ORG_W_TEAM1);
		}
		if (rv != 0) {
			snprintf(err, errlen, "%s:%zu: cannot add team", path,
			    nerl_tsv_line(t, r));
		}
	}
	nerl_tsv_free(t);
	return (rv);
}

/* Checks the shape of gazetteer row r of t (from path): six columns, a
 * country code or "-", known flags, which go to *flags.  Returns 0, or
 * NERP_EINVAL with err naming the line. */
static int
org_check_row(const nerl_tsv *t, size_t r, const char *path, unsigned *flags,
    char *err, size_t errlen)
{
	const char *bad  = "";
	size_t      blen = 0;

	if (nerl_tsv_cols(t, r) != 6) {
		snprintf(err, errlen,
		    "%s:%zu: %zu columns, want 6 (name, aliases, acronyms, "
		    "canonical, country, flags; \"-\" for none)",
		    path, nerl_tsv_line(t, r), nerl_tsv_cols(t, r));
		return (NERP_EINVAL);
	}
	if (!org_country_ok(nerl_tsv_field(t, r, 4))) {
		snprintf(err, errlen,
		    "%s:%zu: country \"%s\" is not an ISO 3166-1 alpha-2 "
		    "code or -",
		    path, nerl_tsv_line(t, r), nerl_tsv_field(t, r, 4));
		return (NERP_EINVAL);
	}
	if (org_parse_flags(nerl_tsv_field(t, r, 5), flags, &bad, &blen)
	    != 0) {
		snprintf(err, errlen,
		    "%s:%zu: unknown flag \"%.*s\" (metonym, nostart, "
		    "afterthe, or -)",
		    path, nerl_tsv_line(t, r), (int) blen, bad);
		return (NERP_EINVAL);
	}
	return (0);
}

static int
org_load_gazetteer(org_lexicon *lex, const nerp_host *host,
    const char *data_dir, char *err, size_t errlen)
{
	char   path[1024];
	size_t rows, r;
	int    rv;

	rv = nerl_path_join(path, sizeof(path), data_dir, "organizations.tsv");
	if (rv != 0) {
		snprintf(err, errlen, "data_dir too long");
		return (rv);
	}
	rv = nerl_tsv_load(path, &lex->table, err, errlen);
	if (rv != 0) {
		return (rv);
	}
	rows         = nerl_tsv_rows(lex->table);
	lex->entries = calloc(rows + 1, sizeof(org_entry));
	if (lex->entries == NULL) {
		return (NERP_ENOMEM);
	}
	lex->n_entries = rows;
	for (r = 0; r < rows; r++) {
		const nerl_tsv *t    = lex->table;
		org_entry      *e    = &lex->entries[r];
		int             full = (int) (r * 2 + ORG_FORM_FULL);
		int             acr  = (int) (r * 2 + ORG_FORM_ACRONYM);

		rv = org_check_row(t, r, path, &e->flags, err, errlen);
		if (rv != 0) {
			return (rv);
		}
		if (org_field_empty(nerl_tsv_field(t, r, 0))) {
			snprintf(err, errlen, "%s:%zu: empty name", path,
			    nerl_tsv_line(t, r));
			return (NERP_EINVAL);
		}
		rv = org_add_alternatives(
		    lex, host, nerl_tsv_field(t, r, 0), full);
		if (rv == 0) {
			rv = org_add_alternatives(
			    lex, host, nerl_tsv_field(t, r, 1), full);
		}
		if (rv == 0) {
			rv = org_add_alternatives(
			    lex, host, nerl_tsv_field(t, r, 2), acr);
		}
		if (rv != 0) {
			snprintf(err, errlen,
			    "%s:%zu: cannot add phrase (out of memory, or not "
			    "1-%d tokens in 255 bytes, the first in %d)",
			    path, nerl_tsv_line(t, r), NERL_PHRASE_MAX_TOKENS,
			    ORG_WORD_MAX);
			return (rv);
		}
		e->name      = org_first_alternative(nerl_tsv_field(t, r, 0));
		e->acronym   = org_first_alternative(nerl_tsv_field(t, r, 2));
		e->canonical = org_first_alternative(nerl_tsv_field(t, r, 3));
		e->country   = org_first_alternative(nerl_tsv_field(t, r, 4));
		if (e->name == NULL || e->acronym == NULL
		    || e->canonical == NULL || e->country == NULL) {
			snprintf(err, errlen, "out of memory");
			return (NERP_ENOMEM);
		}
	}
	return (0);
}

int
org_lexicon_load(org_lexicon **out, const nerp_host *host,
    const char *data_dir, const char *common_dir, char *err, size_t errlen)
{
	org_lexicon *lex;
	char         path[1024];
	size_t       i;
	int          rv;

	lex = calloc(1, sizeof(*lex));
	if (lex == NULL) {
		snprintf(err, errlen, "out of memory");
		return (NERP_ENOMEM);
	}
	if (!NERP_HOST_HAS(host, key) || host->key == NULL) {
		snprintf(err, errlen, "the host does not key words");
		rv = NERP_EINVAL;
		goto fail;
	}
	lex->starts = calloc(ORG_STARTS_WORDS, sizeof(uint64_t));
	if (lex->starts == NULL) {
		snprintf(err, errlen, "out of memory");
		rv = NERP_ENOMEM;
		goto fail;
	}
	lex->dot_key    = host->key(".", 1);
	lex->digest_key = host->key("digest", 6);
	rv              = org_words_alloc(&lex->words, host->key);
	if (rv == 0) {
		rv = nerl_phrases_alloc(&lex->gazetteer, host, 0);
	}
	if (rv == 0) {
		rv = nerl_phrases_alloc(&lex->teams, host, NERL_CASE_FOLD);
	}
	if (rv != 0) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	for (i = 0; i < sizeof(org_word_files) / sizeof(org_word_files[0]);
	     i++) {
		rv = nerl_path_join(
		    path, sizeof(path), data_dir, org_word_files[i].file);
		if (rv != 0) {
			snprintf(err, errlen, "data_dir too long");
			goto fail;
		}
		rv = org_words_load(
		    lex->words, path, org_word_files[i].bits, err, errlen);
		if (rv != 0) {
			goto fail;
		}
	}
	lex->event_keys.bits  = lex->event_bits;
	lex->event_keys.shift = 64 - ORG_EVENT_KEY_LOG2;
	org_words_key_set(
	    lex->words, ORG_W_EVENT, lex->event_bits, &lex->event_keys);
	lex->head_keys.bits  = lex->head_bits;
	lex->head_keys.shift = 64 - ORG_HEAD_KEY_LOG2;
	org_words_key_set(lex->words, ORG_W_HEAD | ORG_W_SUFFIX, lex->head_bits,
	    &lex->head_keys);
	rv = org_load_gazetteer(lex, host, data_dir, err, errlen);
	if (rv == 0) {
		rv = org_load_teams(lex, host, data_dir, err, errlen);
	}
	if (rv != 0) {
		goto fail;
	}
	if (common_dir != NULL) {
		rv = nerl_countries_load(
		    &lex->countries, host, common_dir, err, errlen);
		if (rv != 0) {
			goto fail;
		}
		lex->country_starts = nerl_countries_starts(lex->countries);
	}
	*out = lex;
	return (0);

fail:
	org_lexicon_free(lex);
	return (rv);
}

void
org_lexicon_free(org_lexicon *lex)
{
	size_t i;

	if (lex == NULL) {
		return;
	}
	if (lex->gazetteer != NULL) {
		nerl_phrases_free(lex->gazetteer);
	}
	if (lex->teams != NULL) {
		nerl_phrases_free(lex->teams);
	}
	if (lex->table != NULL) {
		nerl_tsv_free(lex->table);
	}
	if (lex->countries != NULL) {
		nerl_countries_free(lex->countries);
	}
	org_words_free(lex->words);
	for (i = 0; lex->entries != NULL && i < lex->n_entries; i++) {
		free((char *) lex->entries[i].name);
		free((char *) lex->entries[i].acronym);
		free((char *) lex->entries[i].canonical);
		free((char *) lex->entries[i].country);
	}
	free(lex->entries);
	free(lex->starts);
	free(lex);
}
