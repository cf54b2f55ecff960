/*
 * plugins/officials/find.h: the working state of one offi_find call,
 * shared by link.c, evidence.c and country.c.  Private to the plugin.
 * Everything here lives in per-call memory and is used by one thread.
 */
#ifndef NERD_PLUGINS_OFFICIALS_FIND_H
#define NERD_PLUGINS_OFFICIALS_FIND_H

#include "offi.h"

#define ROLE_MAX 256

typedef struct cand {
	size_t s, e;     /* name tokens [s, e) */
	int    anchor;   /* enum offi_kind when it anchors a person, else 0 */
	int    title;    /* its title: index into find_ctx.titles, or -1 */
	int    holder;   /* holders.tsv line matching the whole name, or -1 */
	int    ent;      /* person index, or -1 */
	int    modifier; /* "the Bongo family": named as a modifier */
} cand;

typedef struct ent {
	int    kind;
	size_t best;      /* candidate with the fullest name */
	int    role_cand; /* candidate whose title gives the role, or -1 */
	size_t role_len;
	int    holder;
	const char *iso2;
	int         intergov;
	int32_t     org;
	char       *role;
	size_t      first; /* first candidate */
} ent;

typedef struct find_ctx {
	offi_work w;
	cand     *c;
	size_t    nc;
	/* The titles found, apart from the candidates, most of which have
	 * none. */
	offi_title *titles;
	size_t      nt;
	/* The candidates with a title, in text order. */
	uint32_t *titled;
	size_t    n_titled;
	ent      *e;
	size_t    ne;
	int       dct_month; /* YYYYMM or 0 */
	/* Index of the fullest names of the people anchors start (group's
	 * search): the hash of each run of their words, and of the whole
	 * name -> people, so that a mention is compared only with people
	 * whose name contains it, or is contained in it.  Postings are
	 * added in the order of the candidates that add them (their
	 * time), each slot's newest first: a search for the person named
	 * nearest before stops early. */
	uint32_t *ix_head; /* slot -> 1 + first posting, 0 = none */
	size_t    ix_cap;  /* slots, a power of two */
	uint32_t *ix_next; /* posting -> 1 + next posting of its slot */
	uint32_t *ix_ent;  /* posting -> person */
	uint32_t *ix_time; /* posting -> candidate that added it */
	uint64_t *ix_hash; /* posting -> hash of its run of words */
	size_t    ix_n, ix_max;
} find_ctx;

/* Country codes come from the gazetteer or from the plugin's own table:
 * compare their letters, not their addresses. */
static inline int
offi_same_iso(const char *a, const char *b)
{
	return (a != NULL && b != NULL && a[0] == b[0] && a[1] == b[1]);
}

/* The title of candidate c, which has one. */
static inline const offi_title *
cand_title(const find_ctx *x, const cand *c)
{
	return (&x->titles[c->title]);
}

/* Nonzero when the untitled name c has evidence of being a person (a
 * form of address, a given name before a surname, a reporting verb, a
 * results list, a line-up, an apposition, an occupation before it). */
int offi_person_evidence(const find_ctx *x, const cand *c);

/* Nonzero when token i ends like an English agent or nationality noun
 * ("Hairdresser", "Welshman"). */
int offi_noun_suffix(const offi_work *w, size_t i);

/* The state the document names most (names and demonyms), NULL on a
 * tie or when it names none. */
const char *offi_doc_country(const find_ctx *x);

/* The state of a dateline city ("MOSCOW, March 21.") in the first lines,
 * or NULL. */
const char *offi_dateline_country(const find_ctx *x);

/* The state an office with no marker belongs to, from the sentence of
 * candidate ci and the one before (self: the person, skipped), or NULL. */
const char *offi_sentence_country(const find_ctx *x, int ci, int self);

/* "President Emmanuel Macron of France": the state after the name, or
 * NULL. */
const char *offi_of_state(const find_ctx *x, const cand *c);

#endif /* NERD_PLUGINS_OFFICIALS_FIND_H */
