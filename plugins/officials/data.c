/*
 * plugins/officials/data.c: loading the plugin's data files into an
 * offi_state.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "offi.h"

/* The one-word-per-line files and the class each gives its words. */
static const struct {
	const char *file;
	uint32_t    cls;
} word_files[] = {
	{ "heads.txt", OFFI_W_HEAD },
	{ "modifiers.txt", OFFI_W_MOD },
	{ "institutions.txt", OFFI_W_INST },
	{ "honorifics.txt", OFFI_W_HONOR },
	{ "given_names.txt", OFFI_W_GIVEN },
	{ "particles.txt", OFFI_W_PARTICLE },
	{ "stopwords.txt", OFFI_W_STOP },
	{ "cues.txt", OFFI_W_CUE },
	{ "occupations.txt", OFFI_W_OCCUP },
	{ "nonperson.txt", OFFI_W_NONPER },
	{ "orgnouns.txt", OFFI_W_ORGNOUN },
};

/* Grammar words the rules rely on: not data a user would edit. */
static const struct {
	const char *word;
	uint32_t    cls;
} builtin_words[] = {
	{ "of", OFFI_W_CONN },
	{ "for", OFFI_W_CONN },
	{ "to", OFFI_W_TO },
	{ "and", OFFI_W_CONN },
	{ "the", OFFI_W_CONN | OFFI_W_DET },
	{ "a", OFFI_W_DET },
	{ "an", OFFI_W_DET },
	{ "his", OFFI_W_DET },
	{ "her", OFFI_W_DET },
	{ "its", OFFI_W_DET },
	{ "their", OFFI_W_DET },
	{ "counterpart", OFFI_W_COUNTERPART | OFFI_W_HEAD },
	{ "counterparts", OFFI_W_COUNTERPART | OFFI_W_HEAD },
	{ "whose", OFFI_W_WHOSE },
	{ "II", OFFI_W_ROMAN },
	{ "III", OFFI_W_ROMAN },
	{ "IV", OFFI_W_ROMAN },
	{ "VI", OFFI_W_ROMAN },
	{ "VII", OFFI_W_ROMAN },
	{ "VIII", OFFI_W_ROMAN },
	{ "XVI", OFFI_W_ROMAN },
};

/* Marks the first token of phrase with cls, so that a phrase matcher is
 * only consulted at words that may start one of its phrases. */
static int
mark_first(offi_state *st, const char *phrase, uint32_t cls)
{
	nerp_token tk[4];
	size_t     n;

	n = st->host->tokenize(phrase, strlen(phrase), tk, 4);
	if (n == 0) {
		return (0);
	}
	return (offi_lex_add(
	    st->lex, phrase + tk[0].start, tk[0].end - tk[0].start, cls));
}

/* Records phrase of orgs.tsv in st->org_alone (one token) or
 * st->org_next (its second token), tokenised as the phrase matcher does. */
static void
mark_org_phrase(offi_state *st, const char *phrase)
{
	nerp_token tk[4];
	size_t     n;
	uint64_t  *set;
	uint64_t   b;

	n = st->host->tokenize(phrase, strlen(phrase), tk, 4);
	if (n == 0) {
		return;
	}
	set = n == 1 ? st->org_alone : st->org_next;
	b = st->host->key(
	        phrase + tk[n > 1].start, tk[n > 1].end - tk[n > 1].start)
	    >> 52;
	set[b >> 6] |= (uint64_t) 1 << (b & 63);
}

/* Records a one-word alternative of countries.tsv row r: the best form
 * (name, then demonym, then capital), then the earliest row, wins. */
static int
add_country1(offi_state *st, const char *word, size_t len, const char *iso2,
    int form, size_t r, size_t *cap)
{
	uint32_t       have = offi_lex_country(st->lex, word, len);
	offi_country1 *c;

	if (have != 0) {
		c = &st->country1[have - 1];
		if (c->form < form || (c->form == form && c->line <= r)) {
			return (0);
		}
	} else {
		if (st->n_country1 == *cap) {
			size_t         ncap = *cap ? *cap * 2 : 256;
			offi_country1 *nc
			    = realloc(st->country1, ncap * sizeof(*nc));
			if (nc == NULL) {
				return (NERP_ENOMEM);
			}
			st->country1 = nc;
			*cap         = ncap;
		}
		if (st->n_country1 + 1 > UINT16_MAX) {
			return (NERP_ENOMEM);
		}
		c = &st->country1[st->n_country1++];
		if (offi_lex_set_country(st->lex, word, len,
		        (uint32_t) st->n_country1)
		    != 0) {
			return (NERP_ENOMEM);
		}
	}
	memcpy(c->iso2, iso2, 2);
	c->iso2[2] = '\0';
	c->form    = (uint8_t) form;
	c->line    = (uint32_t) r;
	return (0);
}

/* Records the first two tokens of a phrase in st->ctry_pair. */
static void
add_ctry_pair(offi_state *st, const char *alt, const nerp_token *tk)
{
	offi_key_fn key = st->host->key;
	uint64_t    b;

	b = OFFI_PAIR_BIT(key(alt + tk[0].start, tk[0].end - tk[0].start),
	    key(alt + tk[1].start, tk[1].end - tk[1].start));
	st->ctry_pair[b >> 6] |= (uint64_t) 1 << (b & 63);
}

/* Records the first two tokens of s[0..len) in st->ctry_pair when it has
 * two or more, and again with curly apostrophes, which may split
 * otherwise. */
static void
add_ctry_spelling(offi_state *st, const char *s, size_t len)
{
	char       curly[1024];
	nerp_token tk[4];
	size_t     i, o = 0;

	if (st->host->tokenize(s, len, tk, 4) > 1) {
		add_ctry_pair(st, s, tk);
	}
	if (memchr(s, '\'', len) == NULL || len * 3 >= sizeof(curly)) {
		return;
	}
	for (i = 0; i < len; i++) {
		if (s[i] == '\'') {
			memcpy(curly + o, "\xE2\x80\x99", 3);
			o += 3;
		} else {
			curly[o++] = s[i];
		}
	}
	curly[o] = '\0';
	if (st->host->tokenize(curly, o, tk, 4) > 1) {
		add_ctry_pair(st, curly, tk);
	}
}

/* Records the first two tokens of the phrase alt in st->ctry_pair as the
 * gazetteer spells it: as written and in capitals, each also with curly
 * apostrophes (capitals may split otherwise: "'S"). */
static void
add_ctry_phrase(offi_state *st, const char *alt, size_t len)
{
	char   upper[512];
	size_t i;

	add_ctry_spelling(st, alt, len);
	if (len >= sizeof(upper)) {
		return;
	}
	for (i = 0; i < len; i++) {
		char c   = alt[i];
		upper[i] = (c >= 'a' && c <= 'z') ? (char) (c - 32) : c;
	}
	upper[len] = '\0';
	add_ctry_spelling(st, upper, len);
}

/* The words of the countries gazetteer (columns 2-4 of countries.tsv,
 * alternatives split by '|'): one-word alternatives go to st->country1; the
 * first words of longer ones get OFFI_W_CTRY1, which sends the recogniser
 * to the gazetteer's phrase matcher. */
static int
load_country_words(
    offi_state *st, const char *common_dir, char *err, size_t errlen)
{
	char       path[4096], alt[512];
	nerl_tsv  *tsv = NULL;
	nerp_token tk[4];
	size_t     r, col, cap = 0;
	int        rv;

	rv = nerl_path_join(path, sizeof(path), common_dir, "countries.tsv");
	if (rv == 0) {
		rv = nerl_tsv_load(path, &tsv, err, errlen);
	}
	for (r = 0; rv == 0 && r < nerl_tsv_rows(tsv); r++) {
		const char *iso2 = nerl_tsv_field(tsv, r, 0);
		if (strlen(iso2) != 2) {
			continue;
		}
		for (col = 1; rv == 0 && col < 4; col++) {
			const char *f = nerl_tsv_field(tsv, r, col);
			while (rv == 0 && *f != '\0') {
				size_t len = strcspn(f, "|"), nt;
				if (len > 0 && len < sizeof(alt)) {
					memcpy(alt, f, len);
					alt[len] = '\0';
					nt       = st->host->tokenize(
					          alt, len, tk, 4);
					if (nt == 1) {
						rv = add_country1(st,
						    alt + tk[0].start,
						    tk[0].end - tk[0].start,
						    iso2, (int) col, r, &cap);
					} else if (nt > 1) {
						rv = offi_lex_add(st->lex,
						    alt + tk[0].start,
						    tk[0].end - tk[0].start,
						    OFFI_W_CTRY1);
						add_ctry_phrase(st, alt, len);
					}
				}
				f += len;
				if (*f == '|') {
					f++;
				}
			}
		}
	}
	nerl_tsv_free(tsv);
	return (rv);
}

static int
load_words(offi_state *st, const char *dir, const char *file, uint32_t cls,
    char *err, size_t errlen)
{
	char      path[4096];
	nerl_tsv *tsv = NULL;
	size_t    r;
	int       rv;

	rv = nerl_path_join(path, sizeof(path), dir, file);
	if (rv != 0) {
		snprintf(err, errlen, "officials: path too long for %s", file);
		return (rv);
	}
	rv = nerl_tsv_load(path, &tsv, err, errlen);
	if (rv != 0) {
		return (rv);
	}
	for (r = 0; r < nerl_tsv_rows(tsv); r++) {
		const char *w = nerl_tsv_field(tsv, r, 0);

		if (nerl_tsv_cols(tsv, r) != 1) {
			snprintf(err, errlen,
			    "%s:%zu: a TAB (one word a line)", path,
			    nerl_tsv_line(tsv, r));
			rv = NERP_EINVAL;
			goto out;
		}
		rv = offi_lex_add(st->lex, w, strlen(w), cls);
		if (rv != 0) {
			snprintf(err, errlen, "%s:%zu: bad word \"%s\"", path,
			    nerl_tsv_line(tsv, r), w);
			goto out;
		}
	}
out:
	nerl_tsv_free(tsv);
	return (rv);
}

/* "2024-06" -> 202406; "-" or "" -> 0; anything else -> -1. */
static int
parse_month(const char *s)
{
	int y, m;

	if (s[0] == '\0' || strcmp(s, "-") == 0) {
		return (0);
	}
	/* Exactly YYYY-MM. */
	if (strlen(s) != 7 || s[4] != '-') {
		return (-1);
	}
	for (int i = 0; i < 7; i++) {
		if (i != 4 && (s[i] < '0' || s[i] > '9')) {
			return (-1);
		}
	}
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10
	    + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	if (m < 1 || m > 12) {
		return (-1);
	}
	return (y * 100 + m);
}

static int
copy_iso(char dst[3], const char *src)
{
	if (strcmp(src, "-") == 0) {
		dst[0] = '\0';
		return (0);
	}
	if (!nerl_iso2_shape(src)) {
		return (NERP_EINVAL);
	}
	memcpy(dst, src, 3);
	return (0);
}

static int
load_orgs(offi_state *st, const char *dir, char *err, size_t errlen)
{
	char      path[4096];
	nerl_tsv *tsv = NULL;
	size_t    r, n;
	int       rv;

	rv = nerl_path_join(path, sizeof(path), dir, "orgs.tsv");
	if (rv == 0) {
		rv = nerl_tsv_load(path, &tsv, err, errlen);
	}
	if (rv != 0) {
		return (rv);
	}
	n       = nerl_tsv_rows(tsv);
	st->org = calloc(n + 1, sizeof(offi_org));
	if (st->org == NULL) {
		rv = NERP_ENOMEM;
		goto out;
	}
	rv = nerl_phrases_alloc(&st->orgs, st->host, 0);
	for (r = 0; rv == 0 && r < n; r++) {
		offi_org *o = &st->org[st->n_org];
		if (nerl_tsv_cols(tsv, r) != 3
		    || copy_iso(o->iso2, nerl_tsv_field(tsv, r, 1)) != 0
		    || nerl_tsv_field(tsv, r, 2)[0] == '\0') {
			snprintf(err, errlen,
			    "%s:%zu: want phrase, ISO code or "
			    "-, name",
			    path, nerl_tsv_line(tsv, r));
			rv = NERP_EINVAL;
			break;
		}
		if (st->n_org >= INT16_MAX) {
			snprintf(err, errlen, "%s: more than %d bodies", path,
			    INT16_MAX);
			rv = NERP_EINVAL;
			break;
		}
		o->name = strdup(nerl_tsv_field(tsv, r, 2));
		if (o->name == NULL) {
			rv = NERP_ENOMEM;
			break;
		}
		st->n_org++;
		rv = nerl_phrases_add(st->orgs, nerl_tsv_field(tsv, r, 0),
		    (int) (st->n_org - 1));
		if (rv == 0) {
			rv = mark_first(
			    st, nerl_tsv_field(tsv, r, 0), OFFI_W_ORG1);
		}
		if (rv == 0) {
			mark_org_phrase(st, nerl_tsv_field(tsv, r, 0));
		}
		if (rv != 0) {
			snprintf(err, errlen, "%s:%zu: bad phrase", path,
			    nerl_tsv_line(tsv, r));
		}
	}
out:
	nerl_tsv_free(tsv);
	return (rv);
}

/* "Putin said": the last word of a holder's name matches alone when it
 * is distinctive: a name of two or more words without particles, a last
 * word of four bytes or more that is not itself a given name or a common
 * word. */
static int
add_surname(offi_state *st, const char *name, int value)
{
	nerp_token  tk[8];
	size_t      n, i;
	const char *w;
	size_t      len;

	n = st->host->tokenize(name, strlen(name), tk, 8);
	if (n < 2 || n > 8) {
		return (0);
	}
	for (i = 0; i < n; i++) {
		if (offi_lex_get(
		        st->lex, name + tk[i].start, tk[i].end - tk[i].start)
		    & OFFI_W_PARTICLE) {
			return (0);
		}
	}
	w   = name + tk[n - 1].start;
	len = tk[n - 1].end - tk[n - 1].start;
	if (len < 4 || (tk[n - 1].flags & NERP_TF_ABBREV)
	    || (offi_lex_get(st->lex, w, len)
	        & (OFFI_W_GIVEN | OFFI_W_STOP | OFFI_W_HEAD | OFFI_W_MOD
	            | OFFI_W_INST | OFFI_W_NONPER))) {
		return (0);
	}
	{
		char word[64];
		if (len >= sizeof(word)) {
			return (0);
		}
		memcpy(word, w, len);
		word[len] = '\0';
		if (nerl_phrases_add(st->holders, word, value) != 0) {
			return (NERP_ENOMEM);
		}
		return (offi_lex_add(st->lex, word, len, OFFI_W_HOLD1));
	}
}

static int
load_offices(offi_state *st, const char *dir, char *err, size_t errlen)
{
	char      path[4096];
	nerl_tsv *tsv = NULL;
	size_t    r, n;
	int       rv;

	rv = nerl_path_join(path, sizeof(path), dir, "offices.tsv");
	if (rv == 0) {
		rv = nerl_tsv_load(path, &tsv, err, errlen);
	}
	if (rv == 0) {
		rv = offi_lex_alloc(&st->offices, st->host->key);
	}
	if (rv != 0) {
		nerl_tsv_free(tsv);
		return (rv);
	}
	n              = nerl_tsv_rows(tsv);
	st->office_iso = calloc(n + 1, sizeof(*st->office_iso));
	if (st->office_iso == NULL) {
		rv = NERP_ENOMEM;
	}
	for (r = 0; rv == 0 && r < n; r++) {
		const char *role = nerl_tsv_field(tsv, r, 0);
		if (nerl_tsv_cols(tsv, r) != 2
		    || copy_iso(st->office_iso[st->n_office],
		           nerl_tsv_field(tsv, r, 1))
		        != 0
		    || st->office_iso[st->n_office][0] == '\0') {
			snprintf(err, errlen, "%s:%zu: want role, ISO code",
			    path, nerl_tsv_line(tsv, r));
			rv = NERP_EINVAL;
			break;
		}
		if (offi_lex_get(st->offices, role, strlen(role)) != 0) {
			/* the lexicon ORs values: two indices would mix */
			snprintf(err, errlen,
			    "%s:%zu: role \"%s\" listed twice (case aside)",
			    path, nerl_tsv_line(tsv, r), role);
			rv = NERP_EINVAL;
			break;
		}
		st->n_office++;
		rv = offi_lex_add(
		    st->offices, role, strlen(role), (uint32_t) st->n_office);
		if (rv != 0) {
			snprintf(err, errlen, "%s:%zu: bad role", path,
			    nerl_tsv_line(tsv, r));
		}
	}
	nerl_tsv_free(tsv);
	return (rv);
}

const char *
offi_office_country(const offi_state *st, const char *role)
{
	uint32_t v = offi_lex_get(st->offices, role, strlen(role));

	return (v != 0 ? st->office_iso[v - 1] : NULL);
}

static int
load_holders(offi_state *st, const char *dir, char *err, size_t errlen)
{
	char      path[4096];
	nerl_tsv *tsv = NULL;
	size_t    r, n;
	int       rv;

	rv = nerl_path_join(path, sizeof(path), dir, "holders.tsv");
	if (rv == 0) {
		rv = nerl_tsv_load(path, &tsv, err, errlen);
	}
	if (rv != 0) {
		return (rv);
	}
	n          = nerl_tsv_rows(tsv);
	st->holder = calloc(n + 1, sizeof(offi_holder));
	if (st->holder == NULL) {
		rv = NERP_ENOMEM;
		goto out;
	}
	rv = nerl_phrases_alloc(&st->holders, st->host, NERL_CASE_FOLD);
	for (r = 0; rv == 0 && r < n; r++) {
		offi_holder *h = &st->holder[st->n_holder];
		const char  *org;
		h->from = parse_month(nerl_tsv_field(tsv, r, 4));
		h->to   = parse_month(nerl_tsv_field(tsv, r, 5));
		if (nerl_tsv_cols(tsv, r) != 6
		    || nerl_tsv_field(tsv, r, 1)[0] == '\0'
		    || copy_iso(h->iso2, nerl_tsv_field(tsv, r, 2)) != 0
		    || h->from < 0 || h->to < 0
		    || (h->from != 0 && h->to != 0 && h->from > h->to)) {
			snprintf(err, errlen,
			    "%s:%zu: want name, role, ISO code "
			    "or -, organization or -, YYYY-MM or -, YYYY-MM "
			    "(not before the first) or -",
			    path, nerl_tsv_line(tsv, r));
			rv = NERP_EINVAL;
			break;
		}
		h->role = strdup(nerl_tsv_field(tsv, r, 1));
		org     = nerl_tsv_field(tsv, r, 3);
		h->org  = strcmp(org, "-") == 0 ? NULL : strdup(org);
		if (h->role == NULL
		    || (strcmp(org, "-") != 0 && h->org == NULL)) {
			free(h->role);
			free(h->org);
			rv = NERP_ENOMEM;
			break;
		}
		st->n_holder++;
		rv = nerl_phrases_add(st->holders, nerl_tsv_field(tsv, r, 0),
		    (int) (st->n_holder - 1));
		if (rv == 0) {
			rv = mark_first(
			    st, nerl_tsv_field(tsv, r, 0), OFFI_W_HOLD1);
		}
		if (rv == 0) {
			rv = add_surname(st, nerl_tsv_field(tsv, r, 0),
			    (int) (st->n_holder - 1));
		}
		if (rv != 0) {
			snprintf(err, errlen, "%s:%zu: bad name", path,
			    nerl_tsv_line(tsv, r));
		}
	}
out:
	nerl_tsv_free(tsv);
	return (rv);
}

int
offi_state_load(offi_state **out, const nerp_host *host, const char *data_dir,
    const char *common_dir, char *err, size_t errlen)
{
	offi_state *st;
	size_t      i;
	int         rv;

	if (host == NULL || !NERP_HOST_HAS(host, token_keys)
	    || host->tokenize == NULL || host->key == NULL || data_dir == NULL
	    || common_dir == NULL) {
		snprintf(err, errlen,
		    "officials: missing data folders, or a host without "
		    "token keys");
		return (NERP_EINVAL);
	}
	st = calloc(1, sizeof(*st));
	if (st == NULL) {
		return (NERP_ENOMEM);
	}
	st->host = host;
	rv       = offi_lex_alloc(&st->lex, host->key);
	for (i = 0; rv == 0 && i < sizeof(word_files) / sizeof(word_files[0]);
	     i++) {
		rv = load_words(st, data_dir, word_files[i].file,
		    word_files[i].cls, err, errlen);
	}
	for (i = 0;
	     rv == 0 && i < sizeof(builtin_words) / sizeof(builtin_words[0]);
	     i++) {
		rv = offi_lex_add(st->lex, builtin_words[i].word,
		    strlen(builtin_words[i].word), builtin_words[i].cls);
	}
	if (rv == 0) {
		rv = load_orgs(st, data_dir, err, errlen);
	}
	if (rv == 0) {
		rv = load_holders(st, data_dir, err, errlen);
	}
	if (rv == 0) {
		rv = load_offices(st, data_dir, err, errlen);
	}
	if (rv == 0) {
		rv = nerl_countries_load(
		    &st->countries, host, common_dir, err, errlen);
	}
	if (rv == 0) {
		rv = load_country_words(st, common_dir, err, errlen);
	}
	if (rv != 0) {
		offi_state_free(st);
		return (rv);
	}
	*out = st;
	return (0);
}

void
offi_state_free(offi_state *st)
{
	size_t i;

	if (st == NULL) {
		return;
	}
	offi_lex_free(st->lex);
	offi_lex_free(st->offices);
	free(st->office_iso);
	free(st->country1);
	nerl_countries_free(st->countries);
	nerl_phrases_free(st->orgs);
	nerl_phrases_free(st->holders);
	for (i = 0; i < st->n_org; i++) {
		free(st->org[i].name);
	}
	free(st->org);
	for (i = 0; i < st->n_holder; i++) {
		free(st->holder[i].role);
		free(st->holder[i].org);
	}
	free(st->holder);
	free(st);
}
