/*
 * plugins/membership/lexicon.c: loads the plugin's data files into an
 * mb_lexicon (read-only afterwards).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mb.h"

static const char *const status_names[MB_NSTATUS] = {
	"member",
	"founding_member",
	"chair",
	"applicant",
	"candidate",
	"invited",
	"partner",
	"observer",
	"suspended",
	"withdrawn",
	"former_member",
};

const char *
mb_status_name(int status)
{
	if (status < 0 || status >= MB_NSTATUS) {
		return ("");
	}
	return (status_names[status]);
}

int
mb_status_parse(const char *name)
{
	for (int i = 0; i < MB_NSTATUS; i++) {
		if (strcmp(status_names[i], name) == 0) {
			return (i);
		}
	}
	return (-1);
}

typedef struct name_map {
	const char *word;
	unsigned    value;
} name_map;

static const name_map sides[] = {
	{ "before", MB_SIDE_BEFORE },
	{ "after", MB_SIDE_AFTER },
	{ "either", MB_SIDE_EITHER },
	{ "gap", MB_SIDE_GAP },
	{ NULL, 0 },
};

static const name_map fallbacks[] = {
	{ "none", MB_FB_NONE },
	{ "sentence", MB_FB_SENTENCE },
	{ "discourse", MB_FB_DISCOURSE },
	{ NULL, 0 },
};

static const name_map cue_flags[] = {
	{ "obj", MB_CF_OBJ },
	{ "noinf", MB_CF_NOINF },
	{ "secondary", MB_CF_SECONDARY },
	{ "title", MB_CF_TITLE },
	{ "near", MB_CF_NEAR },
	{ "by", MB_CF_BY },
	{ "adj", MB_CF_ADJ },
	{ "-", 0 },
	{ NULL, 0 },
};

static const name_map word_classes[] = {
	{ "clause", MB_W_CLAUSE },
	{ "scope", MB_W_SCOPE },
	{ "report", MB_W_REPORT },
	{ "sep", MB_W_SEP },
	{ "ellipsis", MB_W_ELLIPSIS },
	{ "be", MB_W_BE },
	{ "by", MB_W_BY },
	{ "orghead", MB_W_ORGHEAD },
	{ "organ", MB_W_ORGAN },
	{ NULL, 0 },
};

static const name_map blocker_scopes[] = {
	{ "before", MB_B_BEFORE },
	{ "sentence", MB_B_SENTENCE },
	{ "pastchair", MB_B_PAST_CHAIR },
	{ NULL, 0 },
};

static const name_map anaphor_kinds[] = {
	{ "org", MB_A_ORG },
	{ "country", MB_A_COUNTRY },
	{ "poss", MB_A_POSS },
	{ "it", MB_A_IT },
	{ "plural", MB_A_PLURAL },
	{ "they", MB_A_THEY },
	{ "relative", MB_A_RELATIVE },
	{ NULL, 0 },
};

/* One word of map, or -1. */
static int
map_one(const name_map *map, const char *word)
{
	for (size_t i = 0; map[i].word != NULL; i++) {
		if (strcmp(map[i].word, word) == 0) {
			return ((int) map[i].value);
		}
	}
	return (-1);
}

/* The OR of a comma-separated list of map words, or -1. */
static int
map_list(const name_map *map, const char *list)
{
	char   word[64];
	int    bits = 0;
	size_t w    = 0;

	for (const char *s = list;; s++) {
		if (*s == ',' || *s == '\0') {
			int v;

			word[w] = '\0';
			if (w > 0) {
				v = map_one(map, word);
				if (v < 0) {
					return (-1);
				}
				bits |= v;
			}
			w = 0;
			if (*s == '\0') {
				break;
			}
		} else if (w + 1 < sizeof(word)) {
			word[w++] = *s;
		} else {
			return (-1);
		}
	}
	return (bits);
}

typedef struct loader {
	const char *dir;
	const char *file;
	nerl_tsv   *tsv;
	char       *err;
	size_t      errlen;
} loader;

static int
open_file(loader *l)
{
	char path[1024];
	int  rv;

	rv = nerl_path_join(path, sizeof(path), l->dir, l->file);
	if (rv != 0) {
		snprintf(l->err, l->errlen, "membership: path too long: %s/%s",
		    l->dir, l->file);
		return (rv);
	}
	rv = nerl_tsv_load(path, &l->tsv, l->err, l->errlen);
	if (rv == NERP_ENOENT) {
		snprintf(
		    l->err, l->errlen, "membership: cannot open %s", path);
	}
	return (rv);
}

static int
bad_row(loader *l, size_t row, const char *what)
{
	snprintf(l->err, l->errlen, "membership: %s line %zu: %s", l->file,
	    nerl_tsv_line(l->tsv, row), what);
	return (NERP_EINVAL);
}

/* Refuses a row of l->tsv of other than want columns (a TAB typed for
 * ',' or '|' would drop what follows it unseen). */
static int
check_columns(const loader *l, size_t want)
{
	for (size_t r = 0; r < nerl_tsv_rows(l->tsv); r++) {
		size_t n = nerl_tsv_cols(l->tsv, r);

		if (n != want) {
			snprintf(l->err, l->errlen,
			    "membership: %s line %zu: %zu columns, want %zu",
			    l->file, nerl_tsv_line(l->tsv, r), n, want);
			return (NERP_EINVAL);
		}
	}
	return (0);
}

static int
load_cues(mb_lexicon *lex, loader *l)
{
	size_t n = nerl_tsv_rows(l->tsv);
	int    rv;

	lex->cues = calloc(n + 1, sizeof(mb_cue));
	if (lex->cues == NULL) {
		return (NERP_ENOMEM);
	}
	for (size_t r = 0; r < n; r++) {
		mb_cue *c = &lex->cues[lex->ncues];
		int     fl;

		/* "none": a phrase that asserts nothing and keeps shorter cues
		 * inside it from matching ("held the chairmanship") */
		c->status   = strcmp(nerl_tsv_field(l->tsv, r, 1), "none") == 0
		      ? MB_NONE
		      : mb_status_parse(nerl_tsv_field(l->tsv, r, 1));
		c->member   = map_one(sides, nerl_tsv_field(l->tsv, r, 2));
		c->org      = map_one(sides, nerl_tsv_field(l->tsv, r, 3));
		c->fallback = map_one(fallbacks, nerl_tsv_field(l->tsv, r, 4));
		fl = map_list(cue_flags, nerl_tsv_field(l->tsv, r, 5));
		if ((c->status < 0 && c->status != MB_NONE) || c->member < 0
		    || c->org < 0 || c->org == MB_SIDE_GAP || c->fallback < 0
		    || fl < 0) {
			return (bad_row(
			    l, r, "bad status, side, fallback or flag"));
		}
		c->flags = (unsigned) fl;
		rv       = mb_patterns_add(lex->cue_patterns,
		          nerl_tsv_field(l->tsv, r, 0), (int) lex->ncues);
		if (rv != 0) {
			return (rv == NERP_EINVAL
			        ? bad_row(l, r, "bad pattern")
			        : rv);
		}
		lex->ncues++;
	}
	return (0);
}

/* Rows of "pattern <tab> words of map": the OR of the words is the value. */
static int
load_classed(mb_patterns *p, const name_map *map, int list, loader *l)
{
	size_t n = nerl_tsv_rows(l->tsv);

	for (size_t r = 0; r < n; r++) {
		const char *f = nerl_tsv_field(l->tsv, r, 1);
		int         v = list ? map_list(map, f) : map_one(map, f);
		int         rv;

		if (v <= 0) {
			return (bad_row(l, r, "unknown class"));
		}
		rv = mb_patterns_add(p, nerl_tsv_field(l->tsv, r, 0), v);
		if (rv != 0) {
			return (rv == NERP_EINVAL
			        ? bad_row(l, r, "bad pattern")
			        : rv);
		}
	}
	return (0);
}

static int
cmp_name(const void *a, const void *b)
{
	const mb_name *x = a, *y = b;

	return (x->hash < y->hash ? -1 : x->hash > y->hash);
}

static int
load_orgs(mb_lexicon *lex, loader *l)
{
	size_t n    = nerl_tsv_rows(l->tsv);
	size_t pool = 0;

	size_t nnames = 0;

	for (size_t r = 0; r < n; r++) {
		const char *a = nerl_tsv_field(l->tsv, r, 1);

		pool += strlen(nerl_tsv_field(l->tsv, r, 0)) + strlen(a) + 2;
		nnames += 2;
		for (; *a != '\0'; a++) {
			nnames += *a == '|';
		}
	}
	lex->orgs  = calloc(n + 1, sizeof(mb_org));
	lex->pool  = malloc(pool + 1);
	lex->names = calloc(nnames + 1, sizeof(mb_name));
	if (lex->orgs == NULL || lex->pool == NULL || lex->names == NULL) {
		return (NERP_ENOMEM);
	}
	pool = 0;
	for (size_t r = 0; r < n; r++) {
		const char *canon   = nerl_tsv_field(l->tsv, r, 0);
		const char *aliases = nerl_tsv_field(l->tsv, r, 1);
		const char *flags   = nerl_tsv_field(l->tsv, r, 2);
		mb_org     *o       = &lex->orgs[lex->norgs];
		const char *alias;
		size_t      a;
		int         rv;

		if (canon[0] == '\0') {
			return (bad_row(l, r, "empty canonical name"));
		}
		o->canonical = lex->pool + pool;
		strcpy(lex->pool + pool, canon);
		pool += strlen(canon) + 1;
		lex->names[lex->nnames].name = o->canonical;
		lex->names[lex->nnames].hash
		    = mb_hash_raw(canon, strlen(canon));
		lex->names[lex->nnames].org = (int) lex->norgs;
		lex->nnames++;
		if (strcmp(flags, "member") != 0 && strcmp(flags, "-") != 0) {
			return (bad_row(l, r, "want \"member\" or \"-\""));
		}
		o->can_member = strcmp(flags, "member") == 0;
		rv = mb_patterns_add(lex->aliases, canon, (int) lex->norgs);
		if (rv != 0) {
			return (rv == NERP_EINVAL ? bad_row(l, r, "bad name")
			                          : rv);
		}
		while (nerl_alt_next(&aliases, &alias, &a)) {
			mb_name *nm;

			if (a == 0) {
				continue;
			}
			if (a > 255) {
				return (bad_row(l, r, "alias too long"));
			}
			nm       = &lex->names[lex->nnames++];
			nm->name = lex->pool + pool;
			nm->hash = mb_hash_raw(alias, a);
			nm->org  = (int) lex->norgs;
			memcpy(lex->pool + pool, alias, a);
			lex->pool[pool + a] = '\0';
			pool += a + 1;
			rv = mb_patterns_add(
			    lex->aliases, nm->name, (int) lex->norgs);
			if (rv != 0) {
				return (rv == NERP_EINVAL
				        ? bad_row(l, r, "bad alias")
				        : rv);
			}
		}
		lex->norgs++;
	}
	/* sorted by hash for mb_lexicon_org's binary search */
	qsort(lex->names, lex->nnames, sizeof(mb_name), cmp_name);
	for (size_t k = 0; k < lex->nnames; k++) {
		const char *nm  = lex->names[k].name;
		size_t      len = strlen(nm);

		lex->name_shape[(unsigned char) nm[0]] |= 1ull
		    << (len < 63 ? len : 63);
	}
	return (0);
}

static int
load_supersession(mb_lexicon *lex, loader *l)
{
	size_t n = nerl_tsv_rows(l->tsv);

	for (size_t r = 0; r < n; r++) {
		int         w = mb_status_parse(nerl_tsv_field(l->tsv, r, 0));
		const char *losers = nerl_tsv_field(l->tsv, r, 1);
		char        word[64];
		size_t      k = 0;

		if (w < 0) {
			return (bad_row(l, r, "unknown status"));
		}
		for (const char *s = losers;; s++) {
			if (*s == '|' || *s == '\0') {
				int lo;

				word[k] = '\0';
				lo      = mb_status_parse(word);
				if (lo < 0 || lo == w) {
					return (
					    bad_row(l, r, "unknown status"));
				}
				lex->supersedes[w] |= 1u << lo;
				k = 0;
				if (*s == '\0') {
					break;
				}
			} else if (k + 1 < sizeof(word)) {
				word[k++] = *s;
			} else {
				return (bad_row(l, r, "unknown status"));
			}
		}
	}
	return (0);
}

typedef struct first_builder {
	mb_lexicon *lex;
	unsigned    bit;
	int         single_flags; /* fold one-token patterns into flags */
	uint64_t   *starts; /* a 1 KiB filter of first words also set, or NULL */
	int         failed;
} first_builder;

/* No slot: the table is full (b->failed is set). */
#define FIRST_NONE SIZE_MAX

/* The index of hash's slot in the table being built, taken when new (its
 * first_bits bit set too), or FIRST_NONE. */
static size_t
first_slot(first_builder *b, uint32_t hash)
{
	mb_lexicon *lex    = b->lex;
	uint32_t    k      = hash & lex->first_mask;
	size_t      probes = 0;

	while (lex->first[k].bits != 0 && lex->first[k].hash != hash) {
		k = (k + 1) & lex->first_mask;
		if (++probes > lex->first_mask) {
			b->failed = 1;
			return (FIRST_NONE);
		}
	}
	lex->first[k].bits |= MB_S_USED;
	lex->first[k].hash           = hash;
	mb_bits_set(lex->first_bits, MB_FIRST_BITS_LOG, hash);
	return (k);
}

/* The first word of a pattern: its slot, and its bit of b->starts. */
static void
first_pattern(void *arg, uint32_t hash, const char *lit, int value, int single)
{
	first_builder *b = arg;
	size_t         k = first_slot(b, hash);

	if (b->starts != NULL) {
		mb_bits_set(b->starts, MB_CUE_BITS_LOG, hash);
	}
	if (k == FIRST_NONE) {
		return;
	}
	if (b->single_flags && single
	    && (b->lex->first_lit[k] == NULL
	        || strcmp(b->lex->first_lit[k], lit) == 0)) {
		/* a one-token word: its flags live in the table */
		b->lex->first_lit[k] = lit;
		b->lex->first_len[k] = (uint16_t) strlen(lit);
		b->lex->first[k].flags |= (uint16_t) value;
		return;
	}
	b->lex->first[k].bits |= (uint16_t) b->bit;
}

static void
first_add(first_builder *b, uint32_t hash)
{
	size_t k = first_slot(b, hash);

	if (k != FIRST_NONE) {
		b->lex->first[k].bits |= (uint16_t) b->bit;
	}
}

static void
first_literal(void *arg, uint32_t hash, const char *lit)
{
	(void) lit;
	first_add(arg, hash);
}

/* The second element of a longer word or blocker pattern. */
static void
first_second(void *arg, uint32_t hash, uint64_t next)
{
	first_builder *b = arg;
	size_t         k = first_slot(b, hash);

	if (k != FIRST_NONE) {
		b->lex->first_next[k] |= next;
	}
}

/* A cue head's reach: its slot keeps the longest. */
static void
first_reach(void *arg, uint32_t hash, size_t reach)
{
	first_builder *b = arg;
	size_t         k = first_slot(b, hash);

	if (k == FIRST_NONE) {
		return;
	}
	if (reach > 255) {
		reach = 255;
	}
	if (b->lex->first_reach[k] < reach) {
		b->lex->first_reach[k] = (uint8_t) reach;
	}
}

/* A cue head: its slot keeps the word, for mb_lexicon_exact. */
static void
first_head(void *arg, uint32_t hash, const char *lit)
{
	first_builder *b = arg;
	size_t         k = first_slot(b, hash);

	if (k == FIRST_NONE) {
		return;
	}
	b->lex->first[k].bits |= (uint16_t) b->bit;
	if (b->lex->first_lit[k] == NULL) {
		b->lex->first_lit[k] = lit;
	}
	mb_bits_set(b->lex->cue_bits, MB_CUE_BITS_LOG, hash);
}

/* Places the entries of the building table (wrapping linear probes) into
 * a table of size + MB_FIRST_WINDOW slots by linear probes without
 * wrapping, each within MB_FIRST_WINDOW - 1 slots of hash & (size - 1).
 * Returns 0 when they all fit. */
static int
first_place(const mb_lexicon *lex, uint32_t size, mb_first *nf,
    const char **nl, uint16_t *nn, uint64_t *nx, uint8_t *nr)
{
	for (uint32_t k = 0; k <= lex->first_mask; k++) {
		uint32_t home, j;

		if (lex->first[k].bits == 0) {
			continue;
		}
		home = lex->first[k].hash & (size - 1);
		/* slot home + MB_FIRST_WINDOW - 1 stays empty: lookups from
		 * home stop there at the latest */
		for (j = home;
		     j < home + MB_FIRST_WINDOW - 1 && nf[j].bits != 0; j++) {
		}
		if (j == home + MB_FIRST_WINDOW - 1) {
			return (-1);
		}
		nf[j] = lex->first[k];
		nl[j] = lex->first_lit[k];
		nn[j] = lex->first_len[k];
		nx[j] = lex->first_next[k];
		nr[j] = lex->first_reach[k];
	}
	return (0);
}

/* Moves the table into the smallest power of two at most 40% full (plus
 * the window past its end) whose entries all lie within the window of
 * their home slot: the lookup of every token of every document then
 * probes without wrapping or masking, and stays in a few cache lines. */
static int
first_pack(mb_lexicon *lex)
{
	uint32_t used = 0, size = 64;

	for (uint32_t k = 0; k <= lex->first_mask; k++) {
		used += lex->first[k].bits != 0;
	}
	while ((uint64_t) used * 5 > (uint64_t) size * 2) {
		size *= 2;
	}
	for (;; size *= 2) {
		size_t       slots = (size_t) size + MB_FIRST_WINDOW;
		mb_first    *nf    = calloc(slots, sizeof(*nf));
		const char **nl    = calloc(slots, sizeof(*nl));
		uint16_t    *nn    = calloc(slots, sizeof(*nn));
		uint64_t    *nx    = calloc(slots, sizeof(*nx));
		uint8_t     *nr    = calloc(slots, sizeof(*nr));
		int none = nf == NULL || nl == NULL || nn == NULL || nx == NULL
		    || nr == NULL;

		if (none || first_place(lex, size, nf, nl, nn, nx, nr) != 0) {
			free(nf);
			free(nl);
			free(nn);
			free(nx);
			free(nr);
			if (none || size > (1u << 24)) {
				return (NERP_ENOMEM);
			}
			continue;
		}
		free(lex->first);
		free(lex->first_lit);
		free(lex->first_len);
		free(lex->first_next);
		free(lex->first_reach);
		lex->first       = nf;
		lex->first_lit   = nl;
		lex->first_len   = nn;
		lex->first_next  = nx;
		lex->first_reach = nr;
		lex->first_mask  = size - 1;
		return (0);
	}
}

/* The first token of every name, demonym and capital of countries.tsv, as
 * written and folded (the gazetteer also matches them without diacritics). */
static int
country_firsts(first_builder *b, const nerp_host *host, const char *common_dir,
    char *err, size_t errlen)
{
	char      path[1024];
	nerl_tsv *tsv;
	int       rv;

	rv = nerl_path_join(path, sizeof(path), common_dir, "countries.tsv");
	if (rv == 0) {
		rv = nerl_tsv_load(path, &tsv, err, errlen);
	}
	if (rv != 0) {
		return (rv);
	}
	for (size_t r = 0; r < nerl_tsv_rows(tsv); r++) {
		for (size_t c = 1; c <= 3; c++) {
			const char *f = nerl_tsv_field(tsv, r, c);

			while (*f != '\0') {
				const char *e = strchr(f, '|');
				size_t len = e ? (size_t) (e - f) : strlen(f);
				char   folded[512];
				nerp_token tok;

				/* the key folds case and diacritics: one entry
				 * for the word as written and folded */
				if (len > 0
				    && host->tokenize(f, len, &tok, 1) > 0) {
					first_add(b,
					    mb_key32(host->key(f + tok.start,
					        tok.end - tok.start)));
				}
				/* and the first token of the folded name,
				 * should folding split it otherwise */
				if (len > 0 && len < sizeof(folded)) {
					size_t fl = nerl_fold(
					    f, len, folded, sizeof(folded));

					if (host->tokenize(folded, fl, &tok, 1)
					    > 0) {
						first_add(b,
						    mb_key32(host->key(
						        folded + tok.start,
						        tok.end - tok.start)));
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
	return (0);
}

static int
build_firsts(mb_lexicon *lex, const nerp_host *host, const char *common_dir,
    char *err, size_t errlen)
{
	first_builder b = { .lex = lex };
	int           rv;

	lex->first_mask = (1u << 13) - 1;
	lex->first = calloc((size_t) lex->first_mask + 1, sizeof(mb_first));
	lex->first_lit = calloc((size_t) lex->first_mask + 1, sizeof(char *));
	lex->first_len
	    = calloc((size_t) lex->first_mask + 1, sizeof(uint16_t));
	lex->first_next
	    = calloc((size_t) lex->first_mask + 1, sizeof(uint64_t));
	lex->first_reach = calloc((size_t) lex->first_mask + 1, 1);
	if (lex->first == NULL || lex->first_lit == NULL
	    || lex->first_len == NULL || lex->first_next == NULL
	    || lex->first_reach == NULL) {
		return (NERP_ENOMEM);
	}
	b.bit    = MB_S_CUE;
	b.starts = lex->cue_start_bits;
	mb_patterns_firsts(lex->cue_patterns, first_pattern, &b);
	b.starts       = NULL;
	b.bit          = MB_S_WORD;
	b.single_flags = 1;
	mb_patterns_firsts(lex->words, first_pattern, &b);
	b.bit = MB_S_BLOCKER;
	mb_patterns_firsts(lex->blockers, first_pattern, &b);
	b.single_flags = 0;
	b.bit          = MB_S_ANAPHOR;
	mb_patterns_firsts(lex->anaphors, first_pattern, &b);
	b.bit    = MB_S_ALIAS;
	b.starts = lex->alias_bits;
	mb_patterns_firsts(lex->aliases, first_pattern, &b);
	b.starts = NULL;
	b.bit    = MB_S_LITERAL;
	mb_patterns_literals(lex->cue_patterns, first_literal, &b);
	mb_patterns_literals(lex->words, first_literal, &b);
	mb_patterns_literals(lex->blockers, first_literal, &b);
	mb_patterns_literals(lex->anaphors, first_literal, &b);
	mb_patterns_literals(lex->aliases, first_literal, &b);
	mb_patterns_seconds(lex->words, first_second, &b);
	mb_patterns_seconds(lex->blockers, first_second, &b);
	b.bit = MB_S_CUEHEAD;
	mb_patterns_heads(lex->cue_patterns, first_head, &b);
	mb_patterns_heads_reach(lex->cue_patterns, first_reach, &b);
	b.bit = MB_S_ANAHEAD;
	mb_patterns_heads(lex->anaphors, first_literal, &b);
	b.bit = MB_S_COUNTRY;
	rv    = country_firsts(&b, host, common_dir, err, errlen);
	if (rv == 0 && b.failed) {
		snprintf(err, errlen, "membership: too many first tokens");
		rv = NERP_ENOMEM;
	}
	if (rv == 0 && first_pack(lex) != 0) {
		snprintf(err, errlen, "membership: out of memory");
		rv = NERP_ENOMEM;
	}
	return (rv);
}

int
mb_lexicon_load(mb_lexicon **out, const nerp_host *host, const char *data_dir,
    const char *common_dir, char *err, size_t errlen)
{
	mb_lexicon *lex;
	loader      l  = { .dir = data_dir, .err = err, .errlen = errlen };
	int         rv = NERP_ENOMEM;

	lex = calloc(1, sizeof(*lex));
	if (lex == NULL) {
		snprintf(err, errlen, "membership: out of memory");
		return (NERP_ENOMEM);
	}
	if (!NERP_HOST_HAS(host, key) || host->key == NULL) {
		snprintf(err, errlen, "membership: the host has no key()");
		rv = NERP_EINVAL;
		goto fail;
	}
	lex->key = host->key;
	if (mb_patterns_alloc(&lex->cue_patterns, 0, host->key) != 0
	    || mb_patterns_alloc(&lex->words, 0, host->key) != 0
	    || mb_patterns_alloc(&lex->blockers, 0, host->key) != 0
	    || mb_patterns_alloc(&lex->anaphors, 0, host->key) != 0
	    || mb_patterns_alloc(&lex->aliases, 1, host->key) != 0) {
		goto fail;
	}
	static const struct {
		const char *file;
		int         kind;
		size_t      ncols;
	} files[] = {
		{ "cues.tsv", 0, 6 },
		{ "words.tsv", 1, 2 },
		{ "blockers.tsv", 2, 2 },
		{ "anaphors.tsv", 3, 2 },
		{ "organizations.tsv", 4, 3 },
		{ "supersession.tsv", 5, 2 },
	};
	for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		l.file = files[f].file;
		l.tsv  = NULL;
		rv     = open_file(&l);
		if (rv == 0) {
			rv = check_columns(&l, files[f].ncols);
		}
		if (rv != 0) {
			nerl_tsv_free(l.tsv);
			goto fail;
		}
		switch (files[f].kind) {
		case 0:
			rv = load_cues(lex, &l);
			break;
		case 1:
			rv = load_classed(lex->words, word_classes, 1, &l);
			break;
		case 2:
			rv = load_classed(
			    lex->blockers, blocker_scopes, 0, &l);
			break;
		case 3:
			rv = load_classed(lex->anaphors, anaphor_kinds, 0, &l);
			break;
		case 4:
			rv = load_orgs(lex, &l);
			break;
		default:
			rv = load_supersession(lex, &l);
			break;
		}
		nerl_tsv_free(l.tsv);
		if (rv != 0) {
			if (rv == NERP_ENOMEM) {
				snprintf(
				    err, errlen, "membership: out of memory");
			}
			goto fail;
		}
	}
	rv = nerl_countries_load(
	    &lex->countries, host, common_dir, err, errlen);
	if (rv != 0) {
		goto fail;
	}
	rv = build_firsts(lex, host, common_dir, err, errlen);
	if (rv != 0) {
		goto fail;
	}
	lex->cue_span = mb_patterns_span(lex->cue_patterns);
	*out          = lex;
	return (0);

fail:
	if (rv == NERP_ENOMEM && err[0] == '\0') {
		snprintf(err, errlen, "membership: out of memory");
	}
	mb_lexicon_free(lex);
	return (rv);
}

void
mb_lexicon_free(mb_lexicon *lex)
{
	if (lex == NULL) {
		return;
	}
	nerl_countries_free(lex->countries);
	mb_patterns_free(lex->cue_patterns);
	mb_patterns_free(lex->words);
	mb_patterns_free(lex->blockers);
	mb_patterns_free(lex->anaphors);
	mb_patterns_free(lex->aliases);
	free(lex->cues);
	free(lex->first);
	free(lex->first_lit);
	free(lex->first_len);
	free(lex->first_reach);
	free(lex->first_next);
	free(lex->orgs);
	free(lex->names);
	free(lex->pool);
	free(lex);
}

int
mb_lexicon_exact(const mb_text *t, size_t i, const char *lit)
{
	if (mb_tok_ascii(t, i)) {
		return (1); /* ASCII: equal keys, equal lowercase words */
	}
	return (lit != NULL && mb_tok_equals(t, i, lit));
}

int
mb_lexicon_org(const mb_lexicon *lex, const char *name)
{
	uint32_t h;
	size_t   lo = 0, hi = lex->nnames;

	size_t len;

	if (name == NULL || name[0] == '\0') {
		return (-1);
	}
	/* most names asked for are none of the lexicon's: the first byte
	 * and the length tell most of them before any hash */
	len = strlen(name);
	if (((lex->name_shape[(unsigned char) name[0]]
	         >> (len < 63 ? len : 63))
	        & 1)
	    == 0) {
		return (-1);
	}
	h = mb_hash_raw(name, len);
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (lex->names[mid].hash < h) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	for (size_t i = lo; i < lex->nnames && lex->names[i].hash == h; i++) {
		if (strcmp(lex->names[i].name, name) == 0) {
			return (lex->names[i].org);
		}
	}
	return (-1);
}
