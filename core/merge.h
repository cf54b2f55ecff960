/*
 * core/merge.h: merging the entities of several plugins (DESIGN §4), a
 * pure function over one request's mentions.
 *
 * Rules, in order:
 *  1. Mentions with the same (start, end, kind) from several plugins
 *     become one entity.  Its sources are the distinct plugins that
 *     emitted it (best rank first), its score the highest of theirs, its
 *     value and attributes those of the best-ranked mention (lowest rank,
 *     then plugin name, then higher score, then the one emitted first).
 *     One plugin's mentions of a span collapse only when their value and
 *     attributes are equal too: different payloads on one span are
 *     different facts (two memberships stated by one clause).
 *  2. Within a kind that several plugins emitted in this request,
 *     overlapping (or nested) entities compete and the winner is picked
 *     in appelt order: the longest span, then the best plugin rank, then
 *     the higher score, then the earlier start, then the plugin name.
 *     Each winner removes every entity of its kind that overlaps it (but
 *     not the separate facts of rule 1 on its own span).  A
 *     kind from a single plugin is kept as that plugin emitted it: the
 *     plugin has already resolved its own output, and relation-like kinds
 *     (membership) overlap by nature.
 *  3. Entities of different kinds never compete: overlap and nesting are
 *     kept.
 *  4. Output in UIMA order: start ascending, end descending, then kind
 *     name.
 */
#ifndef NERD_CORE_MERGE_H
#define NERD_CORE_MERGE_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "nerd/plugin.h"

/* One entity as one plugin emitted it. */
typedef struct neri_mention {
	uint32_t         start, end;
	const char      *kind;
	const char      *value; /* NULL when none */
	float            score; /* negative: unscored */
	const nerp_attr *attrs;
	size_t           n_attrs;
	const char      *plugin; /* the emitting plugin's name */
	uint32_t         rank;   /* the plugin's rank: lower wins */
	uint32_t         seq;    /* emission order within the request */
} neri_mention;

/* One merged entity: pointers into the mentions given to neri_merge.
 * The sources of an entity of one mention are its best pointer (sources
 * points at best): read them where the merge left the entity. */
typedef struct neri_merged {
	const neri_mention  *best;    /* value, attrs, span and kind */
	float                score;   /* highest score of the sources */
	const neri_mention **sources; /* one per distinct plugin */
	size_t               n_sources;
} neri_merged;

/* Merges n mentions by the rules above.  On success sets *out to an array
 * of *n_out entities in UIMA order (one malloc'ed block: free(*out); it
 * points into m, which must outlive it) and returns 0.  Returns
 * NERD_STATUS_RESOURCE_EXHAUSTED when out of memory.  Pure; thread-safe. */
int neri_merge(
    const neri_mention *m, size_t n, neri_merged **out, size_t *n_out);

/* Flags of neri_merge_in. */
enum neri_merge_flags {
	/* The caller knows that every kind's mentions come from one plugin
	 * (no two plugins of its registry provide a kind), so rule 2 cannot
	 * apply: the merge does not look for such kinds.  Wrong results
	 * when that is not so. */
	NERI_MERGE_KINDS_APART = 1u << 0,
};

/* neri_merge with *out and the working memory allocated from the arena a
 * (nothing to free: they go with the arena; the working memory too, so
 * use an arena that is reset per request), and flags (enum
 * neri_merge_flags, or 0).  Same results.  Returns
 * NERD_STATUS_RESOURCE_EXHAUSTED when the arena cannot grow.  Not
 * thread-safe on one arena. */
int neri_merge_in(neri_arena *a, const neri_mention *m, size_t n,
    unsigned flags, neri_merged **out, size_t *n_out);

#endif /* NERD_CORE_MERGE_H */
