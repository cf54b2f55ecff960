/*
 * core/host.c: the host function table handed to plugins (nerd/plugin.h).
 * emit() validates and copies, into the result's own arena so that the
 * result points at those copies instead of copying them again; upstream()
 * merges one consumed kind once per request; tokens() tokenises once per
 * request.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "host.h"

/* Attributes per entity beyond which emit() refuses it. */
#define NERI_MAX_ATTRS 64
/* Bad entities a call logs before it goes quiet. */
#define NERI_LOG_REJECTS 3

static _Thread_local const reg_plugin *init_plugin;

void
neri_host_set_init_plugin(const reg_plugin *p)
{
	init_plugin = p;
}

uint64_t
neri_now_ns(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
		return (0);
	}
	return ((uint64_t) ts.tv_sec * 1000000000u + (uint64_t) ts.tv_nsec);
}

int
neri_rq_expired(const neri_rq *rq)
{
	if (rq->req->cancel != NULL
	    && atomic_load_explicit(rq->req->cancel, memory_order_relaxed)
	        != 0) {
		return (1);
	}
	return (rq->req->deadline_ns != 0
	    && neri_now_ns() >= rq->req->deadline_ns);
}

static void
host_vlog(nerp_call *call, int level, const char *fmt, va_list ap)
{
	const reg_plugin *p = call != NULL ? call->plugin : init_plugin;
	char              msg[512];

	/* clang-analyzer's va_list tracking misfires across TUs:
	 * NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized) */
	(void) vsnprintf(msg, sizeof(msg), fmt, ap);
	/* One log line, and maybe the plugin's result message in a reply:
	 * no line breaks, nothing that is not UTF-8 (a cut character too). */
	neri_text_clean(msg);
	if (call != NULL && level <= NERP_LOG_WARN) {
		(void) snprintf(
		    call->last_error, sizeof(call->last_error), "%s", msg);
	}
	if (p == NULL) {
		return;
	}
	neri_logf(p->reg, level, p->desc->name, "%s", msg);
}

static void host_log(nerp_call *call, int level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
host_log(nerp_call *call, int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	host_vlog(call, level, fmt, ap);
	va_end(ap);
}

/* The registry's copy of the kind k names (registry.h), or NULL when it
 * is not in the plugin's provides[].  Plugins mostly hand back one
 * pointer of provides[] entity after entity: the last one found is kept
 * in call (provides[] lives as long as the plugin, so the pointer keeps
 * its text; a kind matched by name may be in a buffer the plugin
 * reuses, so it is not kept). */
static const char *
call_kind(nerp_call *call, const char *k)
{
	const char *const *pv = call->plugin->desc->provides;
	ptrdiff_t          i;

	if (k == call->kind_given) {
		return (call->kind);
	}
	i = neri_kind_index(pv, k);
	if (i < 0) {
		return (NULL);
	}
	if (pv[i] == k) {
		call->kind_given = k;
		call->kind       = call->plugin->kinds[i];
	}
	return (call->plugin->kinds[i]);
}

/* Why an entity cannot be accepted, or NULL, before its attributes and
 * texts are seen (host_emit and emit_texts check them); *kind gets the
 * registry's copy of the kind. */
static const char *
check_entity(nerp_call *call, const nerp_entity *e, const char **kind)
{
	const nerp_doc      *doc = &call->rq->doc;
	const unsigned char *t   = (const unsigned char *) doc->text;

	if (e == NULL || e->kind == NULL) {
		return ("no entity or no kind");
	}
	*kind = call_kind(call, e->kind);
	if (*kind == NULL) {
		return ("kind not in provides[]");
	}
	if (e->start >= e->end || e->end > doc->len) {
		return ("span out of range");
	}
	/* A span ends on a boundary at the end of the text too: text[len]
	 * is its NUL. */
	if ((t[e->start] & 0xC0) == 0x80 || (t[e->end] & 0xC0) == 0x80) {
		return ("span not on UTF-8 boundaries");
	}
	/* 0..1, or negative when unscored: NaN and +inf fail too. */
	if (!(e->score <= 1.0f)) {
		return ("score is NaN or above 1");
	}
	if (e->n_attrs > NERI_MAX_ATTRS
	    || (e->n_attrs > 0 && e->attrs == NULL)) {
		return ("bad attribute count");
	}
	return (NULL);
}

/* Copies the text s[0..n) and a NUL to d, and returns nonzero when it is
 * UTF-8.  Short texts (most values and attributes) go without a call:
 * four overlapping 8-byte loads within s see every byte of one of 8 to
 * 32 bytes (the middle two the same as the first for one up to 16, so
 * that both lengths take one path), two 4-byte loads one of 4 to 7, and
 * only text with a byte from 0x80 goes to the validator. */
static inline __attribute__((always_inline)) int
copy_text(char *d, const char *s, size_t n)
{
	uint64_t w1, w2, w3, w4;
	uint32_t h1, h2;
	size_t   o2, o3;
	unsigned b = 0;
	size_t   i;

	d[n] = '\0';
	if (n >= 8 && n <= 32) {
		o2 = n > 16 ? 8 : 0;
		o3 = n > 16 ? n - 16 : 0;
		memcpy(&w1, s, 8);
		memcpy(&w2, s + o2, 8);
		memcpy(&w3, s + o3, 8);
		memcpy(&w4, s + n - 8, 8);
		memcpy(d, &w1, 8);
		memcpy(d + o2, &w2, 8);
		memcpy(d + o3, &w3, 8);
		memcpy(d + n - 8, &w4, 8);
		return (((w1 | w2 | w3 | w4) & 0x8080808080808080ull) == 0
		    || neri_utf8_valid(s, n));
	}
	if (n >= 4 && n < 8) {
		memcpy(&h1, s, 4);
		memcpy(&h2, s + n - 4, 4);
		memcpy(d, &h1, 4);
		memcpy(d + n - 4, &h2, 4);
		return (
		    ((h1 | h2) & 0x80808080u) == 0 || neri_utf8_valid(s, n));
	}
	if (n < 4) {
		for (i = 0; i < n; i++) {
			d[i] = s[i];
			b |= (unsigned char) s[i];
		}
		return (b < 0x80 || neri_utf8_valid(s, n));
	}
	memcpy(d, s, n);
	return (neri_utf8_valid(s, n));
}

/* Copies e's value and attributes into the block at text, each text
 * NUL-terminated, with its attribute records at attrs; lens[] has the
 * texts' lengths (the value's first, then each attribute's key and
 * value).  Returns why they cannot be accepted, or NULL. */
static const char *
emit_texts(const nerp_entity *e, const size_t *lens, nerp_attr *attrs,
    char *text, const char **value)
{
	size_t i;

	*value = NULL;
	if (e->value != NULL) {
		if (!copy_text(text, e->value, lens[0])) {
			return ("value is not UTF-8");
		}
		*value = text;
		text += lens[0] + 1;
	}
	for (i = 0; i < e->n_attrs; i++) {
		if (lens[1 + 2 * i] == 0) {
			return ("attribute key is empty");
		}
		if (!copy_text(text, e->attrs[i].key, lens[1 + 2 * i])) {
			return ("attribute key is not UTF-8");
		}
		attrs[i].key = text;
		text += lens[1 + 2 * i] + 1;
		if (!copy_text(text, e->attrs[i].value, lens[2 + 2 * i])) {
			return ("attribute value is not UTF-8");
		}
		attrs[i].value = text;
		text += lens[2 + 2 * i] + 1;
	}
	return (NULL);
}

/* Room for one more mention in rq: 0, or -1 when out of memory. */
static int
mention_room(neri_rq *rq)
{
	size_t        ncap;
	neri_mention *grown;

	if (rq->n_mentions < rq->cap_mentions) {
		return (0);
	}
	ncap  = rq->cap_mentions == 0 ? 64 : rq->cap_mentions * 2;
	grown = realloc(rq->mentions, ncap * sizeof(*grown));
	if (grown == NULL) {
		return (-1);
	}
	rq->mentions     = grown;
	rq->cap_mentions = ncap;
	return (0);
}

/* Logs (the first few of a call) and refuses an entity emit() cannot
 * accept for the reason why.  Out of line: emit()'s common path keeps
 * its registers. */
static __attribute__((noinline)) int
emit_refuse(nerp_call *call, const nerp_entity *e, const char *why)
{
	if (call->rejected++ < NERI_LOG_REJECTS) {
		neri_logf(call->rq->reg, NERP_LOG_WARN,
		    call->plugin->desc->name,
		    "entity dropped: %s (kind %s, span %u..%u)%s", why,
		    e != NULL && e->kind != NULL ? e->kind : "-",
		    e != NULL ? (unsigned) e->start : 0,
		    e != NULL ? (unsigned) e->end : 0,
		    call->rejected == NERI_LOG_REJECTS
		        ? "; any further drops of this call go unlogged"
		        : "");
	}
	return (NERP_EINVAL);
}

static int
host_emit(nerp_call *call, const nerp_entity *e)
{
	neri_rq      *rq = call->rq;
	neri_mention *m;
	nerp_attr    *attrs = NULL;
	const char   *kind  = NULL;
	const char   *value = NULL;
	const char   *why;
	size_t        lens[1 + 2 * NERI_MAX_ATTRS];
	size_t        i, total = 0;
	char         *block;

	if ((size_t) call->emitted >= rq->reg->max_per_call) {
		return (NERP_ENOMEM);
	}
	why = check_entity(call, e, &kind);
	if (why != NULL) {
		return (emit_refuse(call, e, why));
	}
	if (mention_room(rq) != 0) {
		return (NERP_ENOMEM);
	}
	/* One block in the result's arena: the attribute records, then
	 * the texts, each with a NUL (at most 129 texts in memory: the sum
	 * cannot wrap). */
	if (e->value != NULL) {
		lens[0] = strlen(e->value);
		total   = lens[0] + 1;
	}
	for (i = 0; i < e->n_attrs; i++) {
		if (e->attrs[i].key == NULL || e->attrs[i].value == NULL) {
			return (emit_refuse(
			    call, e, "attribute key or value missing"));
		}
		lens[1 + 2 * i] = strlen(e->attrs[i].key);
		lens[2 + 2 * i] = strlen(e->attrs[i].value);
		total += lens[1 + 2 * i] + lens[2 + 2 * i] + 2;
	}
	if (total > 0) {
		block = neri_arena_alloc(
		    rq->keep, e->n_attrs * sizeof(*attrs) + total);
		if (block == NULL) {
			return (NERP_ENOMEM);
		}
		attrs = e->n_attrs > 0 ? (nerp_attr *) (void *) block : NULL;
		why   = emit_texts(e, lens, attrs,
		      block + e->n_attrs * sizeof(*attrs), &value);
		if (why != NULL) {
			return (emit_refuse(call, e, why));
		}
	}
	m          = &rq->mentions[rq->n_mentions];
	m->start   = e->start;
	m->end     = e->end;
	m->kind    = kind;
	m->value   = value;
	m->score   = e->score;
	m->attrs   = attrs;
	m->n_attrs = e->n_attrs;
	m->plugin  = call->plugin->name;
	m->rank    = call->plugin->rank;
	m->seq     = (uint32_t) rq->n_mentions;
	rq->n_mentions++;
	call->emitted++;
	return (NERP_OK);
}

/* Merges the mentions of kind k (the registry's: see registry.h, so
 * compared as pointers) so far into an upstream cache entry. */
static int
build_upstream(neri_rq *rq, const char *k, neri_upstream *up)
{
	neri_mention *sel;
	neri_merged  *merged = NULL;
	size_t        n = 0, nm = 0, i;

	up->kind = k;
	up->ents = NULL;
	up->n    = 0;
	for (i = 0; i < rq->n_mentions; i++) {
		n += rq->mentions[i].kind == k;
	}
	if (n == 0) {
		return (0);
	}
	sel = neri_arena_alloc(rq->arena, n * sizeof(*sel));
	if (sel == NULL) {
		return (-1);
	}
	n = 0;
	for (i = 0; i < rq->n_mentions; i++) {
		if (rq->mentions[i].kind == k) {
			sel[n++] = rq->mentions[i];
		}
	}
	if (neri_merge_in(
	        rq->arena, sel, n, neri_merge_flags(rq->reg), &merged, &nm)
	    != 0) {
		return (-1);
	}
	up->ents = neri_arena_alloc(
	    rq->arena, (nm == 0 ? 1 : nm) * sizeof(*up->ents));
	if (up->ents == NULL) {
		return (-1);
	}
	for (i = 0; i < nm; i++) {
		nerp_entity *e = &up->ents[i];

		e->start   = merged[i].best->start;
		e->end     = merged[i].best->end;
		e->kind    = merged[i].best->kind;
		e->value   = merged[i].best->value;
		e->score   = merged[i].score;
		e->attrs   = merged[i].best->attrs;
		e->n_attrs = merged[i].best->n_attrs;
	}
	up->n = nm;
	return (0);
}

static size_t
host_upstream(nerp_call *call, const char *kind, const nerp_entity **out)
{
	neri_rq       *rq = call->rq;
	neri_upstream *grown;
	const char    *k;
	size_t         i;

	*out = NULL;
	k    = kind != NULL ? neri_plugin_consumed(call->plugin, kind) : NULL;
	if (k == NULL) {
		return (0);
	}
	for (i = 0; i < rq->n_up; i++) {
		if (rq->up[i].kind == k) {
			*out = rq->up[i].n > 0 ? rq->up[i].ents : NULL;
			return (rq->up[i].n);
		}
	}
	if (rq->n_up == rq->cap_up) {
		grown = realloc(rq->up, (rq->cap_up + 4) * sizeof(*grown));
		if (grown == NULL) {
			return (0);
		}
		rq->up = grown;
		rq->cap_up += 4;
	}
	if (build_upstream(rq, k, &rq->up[rq->n_up]) != 0) {
		return (0);
	}
	i    = rq->n_up++;
	*out = rq->up[i].n > 0 ? rq->up[i].ents : NULL;
	return (rq->up[i].n);
}

/* Makes room for cap tokens and as many keys; 0, or -1 when out of
 * memory (the keys may then be missing: keys_done stays 0). */
static int
token_room(neri_rq *rq, size_t cap)
{
	if (rq->cap_tokens < cap) {
		/* Nothing in the buffers to keep: no realloc copy. */
		free(rq->tokens);
		rq->tokens     = malloc(cap * sizeof(*rq->tokens));
		rq->cap_tokens = rq->tokens != NULL ? cap : 0;
	}
	if (rq->cap_keys < cap) {
		free(rq->keys);
		rq->keys     = malloc(cap * sizeof(*rq->keys));
		rq->cap_keys = rq->keys != NULL ? cap : 0;
	}
	return (rq->cap_tokens >= cap ? 0 : -1);
}

/* Tokenises the document, keying the tokens on the way (the bundled
 * plugins all ask for the keys, and keying a token as it is made is
 * cheaper than a second pass).  Once per request: host_tokens' first
 * call. */
static void
tokens_make(neri_rq *rq)
{
	size_t n, cap;

	rq->tokens_done = 1;
	/* About one token per five bytes of news: room for that first, so
	 * that one pass mostly suffices. */
	cap = rq->doc.len / 4 + 16;
	if (cap < rq->cap_tokens) {
		cap = rq->cap_tokens;
	}
	n = 0;
	if (token_room(rq, cap) == 0) {
		n = neri_tokenize_keys(rq->doc.text, rq->doc.len, rq->tokens,
		    rq->cap_keys >= cap ? rq->keys : NULL, cap);
	}
	if (n > cap) {
		/* Room for a little more, so that a thread's buffers settle
		 * after a few documents. */
		cap = n + n / 4 + 64;
		if (token_room(rq, cap) == 0) {
			(void) neri_tokenize_keys(rq->doc.text, rq->doc.len,
			    rq->tokens, rq->cap_keys >= cap ? rq->keys : NULL,
			    cap);
		} else {
			n = 0;
		}
	}
	rq->n_tokens  = n;
	rq->keys_done = n > 0 && rq->cap_keys >= cap;
}

/* Keys the tokens when they came without (no memory for the keys
 * then).  Once per request at most. */
static void
keys_make(neri_rq *rq)
{
	size_t n = rq->n_tokens;

	rq->keys_done = 1;
	if (rq->cap_keys < n) {
		free(rq->keys);
		rq->keys     = malloc(n * sizeof(*rq->keys));
		rq->cap_keys = rq->keys != NULL ? n : 0;
	}
	if (rq->keys != NULL) {
		neri_keys_in(
		    rq->doc.text, rq->doc.len, rq->tokens, n, rq->keys);
	}
}

/* Every plugin asks: the work is done on the first call only, out of
 * line, so that the others cost a test. */
static size_t
host_tokens(nerp_call *call, const nerp_token **out)
{
	neri_rq *rq = call->rq;

	if (!rq->tokens_done) {
		tokens_make(rq);
	}
	*out = rq->n_tokens > 0 ? rq->tokens : NULL;
	return (rq->n_tokens);
}

static size_t
host_token_keys(nerp_call *call, const uint64_t **out)
{
	neri_rq *rq = call->rq;

	if (!rq->tokens_done) {
		tokens_make(rq);
	}
	if (!rq->keys_done && rq->n_tokens > 0) {
		keys_make(rq);
	}
	if (rq->n_tokens == 0 || rq->keys == NULL
	    || rq->cap_keys < rq->n_tokens) {
		*out = NULL;
		return (0);
	}
	*out = rq->keys;
	return (rq->n_tokens);
}

static int
host_cancelled(nerp_call *call)
{
	return (neri_rq_expired(call->rq));
}

static void *
host_scratch(nerp_call *call, size_t size)
{
	return (neri_arena_alloc(call->rq->scratch, size));
}

static const char *
host_config(const nerp_config *cfg, const char *key)
{
	const char *v = NULL;
	size_t      i;

	if (cfg == NULL || key == NULL) {
		return (NULL);
	}
	for (i = 0; i < cfg->n_settings; i++) {
		if (strcmp(cfg->settings[i].plugin, cfg->plugin->desc->name)
		        == 0
		    && strcmp(cfg->settings[i].key, key) == 0) {
			v = cfg->settings[i].value;
		}
	}
	if (v == NULL && strcmp(key, "data_dir") == 0) {
		v = cfg->plugin->data_dir;
	}
	if (v == NULL && strcmp(key, "common_dir") == 0) {
		v = cfg->plugin->common_dir;
	}
	return (v);
}

const nerp_host neri_host_table = {
	.size       = sizeof(nerp_host),
	.abi        = NERP_ABI,
	.emit       = host_emit,
	.upstream   = host_upstream,
	.tokens     = host_tokens,
	.cancelled  = host_cancelled,
	.scratch    = host_scratch,
	.log        = host_log,
	.config     = host_config,
	.tokenize   = neri_tokenize,
	.key        = neri_key,
	.token_keys = host_token_keys,
};
