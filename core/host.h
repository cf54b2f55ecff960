/*
 * core/host.h: one request's working state and the per-call object the
 * host table works on.  Private to core/.  A request runs on one thread,
 * so nothing here is locked.
 */
#ifndef NERD_CORE_HOST_H
#define NERD_CORE_HOST_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "merge.h"
#include "registry.h"

/* The merged entities of one kind, computed for upstream() once. */
typedef struct neri_upstream {
	const char  *kind; /* the registry's */
	nerp_entity *ents;
	size_t       n;
} neri_upstream;

typedef struct neri_rq {
	neri_registry      *reg;
	const neri_request *req;
	nerp_doc            doc;
	char                today[16];
	neri_arena         *arena;    /* the request's working memory */
	neri_arena         *keep;     /* the result's: emitted strings, attrs */
	neri_arena         *scratch;  /* host->scratch(), reset after a call;
	                               * also the final merge's */
	char               *names; /* the result's copy of reg->names */
	const char        **wanted; /* reg->kinds wanted, n_wanted of them;
	                             * all when req->n_kinds is 0 */
	size_t              n_wanted;
	neri_mention       *mentions; /* malloc'ed; every emitted entity */
	size_t              n_mentions;
	size_t              cap_mentions;
	nerp_token         *tokens; /* malloc'ed, filled on first use */
	size_t              n_tokens;
	size_t              cap_tokens;
	int                 tokens_done;
	uint64_t           *keys; /* malloc'ed, neri_keys of tokens on first use */
	size_t              cap_keys;
	int                 keys_done;
	neri_upstream      *up; /* malloc'ed cache of upstream() */
	size_t              n_up;
	size_t              cap_up;
} neri_rq;

struct nerp_call {
	neri_rq          *rq;
	const reg_plugin *plugin;
	uint32_t          emitted;  /* accepted by emit() */
	uint32_t          rejected; /* refused by emit() */
	const char       *kind_given; /* a pointer of provides[] emit() saw */
	const char       *kind;       /* the registry's kind for it */
	char              last_error[512]; /* last ERROR/WARN log line */
};

/* Per-call scratch memory cap (host->scratch). */
#define NERI_SCRATCH_LIMIT ((size_t) 256 * 1024 * 1024)

/* Nonzero when the request's deadline has passed or its cancel flag is
 * set. */
int neri_rq_expired(const neri_rq *rq);

/* The neri_merge_in flags for the mentions of a request on reg. */
static inline unsigned
neri_merge_flags(const neri_registry *reg)
{
	return (reg->kinds_shared ? 0 : NERI_MERGE_KINDS_APART);
}

/* CLOCK_MONOTONIC now, in nanoseconds. */
uint64_t neri_now_ns(void);

#endif /* NERD_CORE_HOST_H */
