/*
 * tests/plugins/testplug.c: one source for the core tests' plugins.  The
 * build gives each copy its name, kinds and variant as macros:
 *
 *   TP_NAME "name"          descriptor name
 *   TP_P1, TP_P2            provided kinds (TP_P1 required)
 *   TP_C1                   consumed kind
 *   TP_MODE "mode"          what recognize() does (config "mode" overrides)
 *   TP_WORD "word"          the word "match" mode looks for (config "word")
 *   TP_VALUE "v"            the value "match" mode gives (config "value")
 *   TP_BAD_MAGIC, TP_OTHER_ABI, TP_SHORT, TP_NO_ENTRY, TP_NOT_REENTRANT,
 *   TP_FAIL_INIT, TP_RESERVED, TP_CRASH_INIT   broken variants the loader
 *   must refuse
 *   TP_ENTRY_DATA           nerp_entry is a data object
 *   TP_BAD_VERSION, TP_BAD_DESC   a version with a bad byte, a
 *                           description of two lines
 *   TP_GARBLED_INIT         init fails, filling err with no NUL, a bad
 *                           byte, a line break and cut characters
 *
 * Modes: match (emit each token equal to the word), caps (each capitalised
 * word), derive (one entity per upstream entity of TP_C1, value = how many
 * there were), badspans (try invalid entities, then report how many emit()
 * refused), flood (emit until the cap), cancel (ECANCELED when cancelled),
 * fail (emit one entity, log an error, return EINTERNAL), config (report
 * data_dir and common_dir), scratch (use per-call memory), doc (report the
 * document fields), edges (texts that end where a page ends, before a
 * page that cannot be read), garble (emit a kind with a line break and a
 * bad byte, log an error with a bad byte, a tab and a character cut by
 * the host's 512-byte line, and return 77,
 * which is no nerp_error), scores (scores out of range, then how many
 * emit() refused), byname (with TP_P2: kinds by pointer and by
 * name from one reused buffer, TP_P1, TP_P2, TP_P1, TP_P2 over bytes 0 to
 * 4).
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "nerd/plugin.h"

#ifndef TP_MODE
#define TP_MODE "match"
#endif
#ifndef TP_WORD
#define TP_WORD "Moscow"
#endif

typedef struct tp_state {
	const nerp_host *host;
	char             mode[32];
	char             word[64];
	char             value[64];
	int              has_value;
	float            score;
	char             data_dir[512];
	char             common_dir[512];
} tp_state;

static const char *const provides[] = {
	TP_P1,
#ifdef TP_P2
	TP_P2,
#endif
	NULL,
};

#ifdef TP_C1
static const char *const consumes[] = { TP_C1, NULL };
#define TP_CONSUMES consumes
#else
#define TP_CONSUMES NULL
#endif

static void
copy(char *dst, size_t len, const char *src)
{
	(void) snprintf(dst, len, "%s", src != NULL ? src : "");
}

static int
tp_init(const nerp_host *host, const nerp_config *cfg, void **state, char *err,
    size_t errlen)
{
	tp_state   *s;
	const char *v;

#ifdef TP_CRASH_INIT
	abort();
#endif
#ifdef TP_HANG_INIT
	for (;;) {
		(void) host->config(cfg, "forever");
	}
#endif
#ifdef TP_FAIL_INIT
	(void) snprintf(err, errlen, "cannot open %s/lexicon.tsv",
	    host->config(cfg, "data_dir"));
	return (NERP_ENOENT);
#endif
#ifdef TP_GARBLED_INIT
	/* A bad byte, a line break and a 3-byte character, 15 bytes over
	 * and over, filling all of err with no NUL (with the host's 512
	 * bytes, a NUL at err[511] would cut a character). */
	for (size_t i = 0; i < errlen; i++) {
		err[i] = "bad \xff\nbyte \xe2\x82\xac "[(i + 10) % 15];
	}
	return (NERP_EINVAL);
#endif
	s = calloc(1, sizeof(*s));
	if (s == NULL) {
		(void) snprintf(err, errlen, "out of memory");
		return (NERP_ENOMEM);
	}
	s->host = host;
	v       = host->config(cfg, "mode");
	copy(s->mode, sizeof(s->mode), v != NULL ? v : TP_MODE);
	v = host->config(cfg, "word");
	copy(s->word, sizeof(s->word), v != NULL ? v : TP_WORD);
	v = host->config(cfg, "value");
#ifdef TP_VALUE
	if (v == NULL) {
		v = TP_VALUE;
	}
#endif
	s->has_value = v != NULL;
	copy(s->value, sizeof(s->value), v);
	v        = host->config(cfg, "score");
	s->score = v != NULL ? strtof(v, NULL) : 0.5f;
	copy(s->data_dir, sizeof(s->data_dir), host->config(cfg, "data_dir"));
	copy(s->common_dir, sizeof(s->common_dir),
	    host->config(cfg, "common_dir"));
	host->log(NULL, NERP_LOG_INFO, "loaded in mode %s", s->mode);
	*state = s;
	return (NERP_OK);
}

static int
emit_span(const tp_state *s, nerp_call *call, uint32_t start, uint32_t end,
    const char *value, const nerp_attr *attrs, size_t n_attrs)
{
	nerp_entity e;

	memset(&e, 0, sizeof(e));
	e.start   = start;
	e.end     = end;
	e.kind    = provides[0];
	e.value   = value;
	e.score   = s->score;
	e.attrs   = attrs;
	e.n_attrs = n_attrs;
	return (s->host->emit(call, &e));
}

static int
mode_match(const tp_state *s, nerp_call *call, const nerp_doc *doc, int caps)
{
	const nerp_token *t;
	size_t            n = s->host->tokens(call, &t);
	size_t            i;
	nerp_attr         a = { "by", TP_NAME };
	int               rc;

	for (i = 0; i < n; i++) {
		size_t len = t[i].end - t[i].start;

		if (caps ? (t[i].kind == NERP_TOK_WORD
		        && (t[i].flags & NERP_TF_UPPER_INITIAL))
		         : (len == strlen(s->word)
		             && memcmp(doc->text + t[i].start, s->word, len)
		                 == 0)) {
			rc = emit_span(s, call, t[i].start, t[i].end,
			    s->has_value ? s->value : NULL, &a, 1);
			if (rc != NERP_OK) {
				return (rc);
			}
		}
	}
	return (NERP_OK);
}

static int
mode_derive(const tp_state *s, nerp_call *call)
{
#ifdef TP_C1
	const nerp_entity *up;
	size_t             n = s->host->upstream(call, TP_C1, &up);
	size_t             i;
	char               count[32];
	nerp_attr          a[2];
	int                rc;

	(void) snprintf(count, sizeof(count), "%zu", n);
	for (i = 0; i < n; i++) {
		a[0].key   = "upstream_value";
		a[0].value = up[i].value != NULL ? up[i].value : "";
		a[1].key   = "upstream_kind";
		a[1].value = up[i].kind;
		rc = emit_span(s, call, up[i].start, up[i].end, count, a, 2);
		if (rc != NERP_OK) {
			return (rc);
		}
	}
	/* Not consumed: must read as nothing. */
	if (s->host->upstream(call, "no-such-kind", &up) != 0 || up != NULL) {
		return (NERP_EINTERNAL);
	}
#else
	(void) s;
	(void) call;
#endif
	return (NERP_OK);
}

static int
mode_badspans(const tp_state *s, nerp_call *call, const nerp_doc *doc)
{
	nerp_entity e;
	nerp_attr   bad_attr = { "k", "\xff" };
	int         refused  = 0;
	char        value[16];

	memset(&e, 0, sizeof(e));
	e.kind  = provides[0];
	e.start = 0;
	e.end   = 0; /* empty */
	refused += s->host->emit(call, &e) == NERP_EINVAL;
	e.start = 0;
	e.end   = (uint32_t) doc->len + 1; /* past the end */
	refused += s->host->emit(call, &e) == NERP_EINVAL;
	e.start = 1;
	e.end   = 2; /* inside the 2-byte "é" at 0 */
	refused += s->host->emit(call, &e) == NERP_EINVAL;
	e.start = 0;
	e.end   = 2;
	e.kind  = "not-provided";
	refused += s->host->emit(call, &e) == NERP_EINVAL;
	e.kind  = provides[0];
	e.value = "\xc3"; /* truncated UTF-8 */
	refused += s->host->emit(call, &e) == NERP_EINVAL;
	e.value = "ASCII first, then \xe2\x80"; /* truncated after ASCII */
	refused += s->host->emit(call, &e) == NERP_EINVAL;
	e.value = "abcd\xffz"; /* a bad byte in 4 to 7 bytes */
	refused += s->host->emit(call, &e) == NERP_EINVAL;
	e.value = "abcdefgh\xe2\x80"; /* a bad end in 8 to 16 bytes */
	refused += s->host->emit(call, &e) == NERP_EINVAL;
	e.value   = NULL;
	e.attrs   = &bad_attr;
	e.n_attrs = 1;
	refused += s->host->emit(call, &e) == NERP_EINVAL;
	refused += s->host->emit(call, NULL) == NERP_EINVAL;
	(void) snprintf(value, sizeof(value), "%d", refused);
	return (emit_span(s, call, 0, 2, value, NULL, 0));
}

static int
mode_flood(const tp_state *s, nerp_call *call, const nerp_doc *doc)
{
	int rc;

	for (;;) {
		rc = emit_span(s, call, 0, (uint32_t) doc->len, NULL, NULL, 0);
		if (rc != NERP_OK) {
			return (rc);
		}
	}
}

static int
mode_config(const tp_state *s, nerp_call *call, const nerp_doc *doc)
{
	nerp_attr a = { "common_dir", s->common_dir };

	return (
	    emit_span(s, call, 0, (uint32_t) doc->len, s->data_dir, &a, 1));
}

static int
mode_scratch(const tp_state *s, nerp_call *call, const nerp_doc *doc)
{
	char *big = s->host->scratch(call, 1 << 20);
	char *str = s->host->scratch(call, 8);

	if (big == NULL || str == NULL) {
		return (NERP_ENOMEM);
	}
	memset(big, 'x', 1 << 20);
	memcpy(str, "scratch", 8);
	return (emit_span(s, call, 0, (uint32_t) doc->len, str, NULL, 0));
}

/* Emits every token whose host key equals the key of the configured word,
 * so "NATO", "nato" and "NÀTO" all match the word "Nato". */
static int
mode_keys(const tp_state *s, nerp_call *call)
{
	const nerp_token *t;
	const uint64_t   *keys;
	size_t            n;
	size_t            i;
	uint64_t          want;
	int               rc;

	if (!NERP_HOST_HAS(s->host, token_keys)) {
		return (NERP_EINTERNAL);
	}
	want = s->host->key(s->word, strlen(s->word));
	n    = s->host->token_keys(call, &keys);
	if (n != s->host->tokens(call, &t)) {
		return (NERP_EINTERNAL);
	}
	for (i = 0; i < n; i++) {
		if (keys[i] == want) {
			rc = emit_span(
			    s, call, t[i].start, t[i].end, NULL, NULL, 0);
			if (rc != NERP_OK) {
				return (rc);
			}
		}
	}
	return (NERP_OK);
}

static int
mode_doc(const tp_state *s, nerp_call *call, const nerp_doc *doc)
{
	nerp_attr a[3] = {
		{ "dct", doc->dct },
		{ "lang", doc->lang },
		{ "id", doc->id },
	};

	if (doc->text[doc->len] != '\0') {
		return (NERP_EINTERNAL);
	}
	return (emit_span(s, call, 0, (uint32_t) doc->len, doc->today, a, 3));
}

/* The longest text mode_edges emits. */
#define TP_EDGE_MAX 40

/*
 * One entity on the span 0..2 for each length 1..TP_EDGE_MAX, in that
 * order: its value (and the value of its attribute "text") is that many
 * bytes ending at the end of a page that cannot be read, and a second
 * attribute "tail" holds the same text's last byte.  Its letters are
 * 'a' + length % 26, or, for every third length, "\xc3\xa9" pairs (and
 * the letter last for an odd length), so that for a length that is a
 * multiple of six the tail is a lone continuation byte and emit() must
 * refuse the entity.  emit() must copy such texts without reading past
 * them.
 */
static int
mode_edges(const tp_state *s, nerp_call *call)
{
	long        page = sysconf(_SC_PAGESIZE);
	char       *buf, *v;
	nerp_entity e;
	nerp_attr   a[2];
	size_t      n, i;
	int         rc = NERP_OK;

	buf = mmap(NULL, (size_t) page * 2, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (buf == MAP_FAILED) {
		return (NERP_ENOMEM);
	}
	if (mprotect(buf + page, (size_t) page, PROT_NONE) != 0) {
		(void) munmap(buf, (size_t) page * 2);
		return (NERP_EINTERNAL);
	}
	memset(&e, 0, sizeof(e));
	e.kind    = provides[0];
	e.start   = 0;
	e.end     = 2;
	e.score   = -1.0f;
	e.attrs   = a;
	e.n_attrs = 2;
	for (n = 1; n <= TP_EDGE_MAX && rc == NERP_OK; n++) {
		v = buf + page - (n + 1);
		for (i = 0; i < n; i++) {
			v[i] = (char) ('a' + n % 26);
		}
		if (n % 3 == 0) {
			for (i = 0; i + 1 < n; i += 2) {
				v[i]     = (char) 0xc3;
				v[i + 1] = (char) 0xa9;
			}
		}
		v[n]       = '\0';
		a[0].key   = "text";
		a[0].value = v;
		a[1].key   = "tail";
		a[1].value = v + n - 1;
		e.value    = v;
		rc         = s->host->emit(call, &e);
		if (rc == NERP_EINVAL && n % 6 == 0) {
			rc = NERP_OK; /* refused, as it should be */
		}
	}
	(void) munmap(buf, (size_t) page * 2);
	return (rc);
}

/* Emits scores out of the ABI's range (0..1, or negative when unscored)
 * on span 0..2, then one entity whose value is how many emit() refused. */
static int
mode_scores(const tp_state *s, nerp_call *call)
{
	static const float bad[] = { INFINITY, 1.5f, NAN };
	nerp_entity        e;
	char               value[16];
	size_t             i;
	int                refused = 0;

	memset(&e, 0, sizeof(e));
	e.kind  = provides[0];
	e.start = 0;
	e.end   = 2;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		e.score = bad[i];
		refused += s->host->emit(call, &e) == NERP_EINVAL;
	}
	(void) snprintf(value, sizeof(value), "%d", refused);
	return (emit_span(s, call, 0, 2, value, NULL, 0));
}

static int
mode_garble(const tp_state *s, nerp_call *call)
{
	nerp_entity e;
	char        tail[700];
	size_t      i;

	/* 17 bytes before the "x": the line's 511th byte is the first of
	 * an "é". */
	tail[0] = 'x';
	for (i = 1; i + 2 < sizeof(tail); i += 2) {
		tail[i]     = (char) 0xc3;
		tail[i + 1] = (char) 0xa9;
	}
	tail[i] = '\0';
	memset(&e, 0, sizeof(e));
	e.kind  = "no\nsuch \xff kind";
	e.start = 0;
	e.end   = 1;
	(void) s->host->emit(call, &e);
	s->host->log(call, NERP_LOG_ERROR, "bad \xff\tbyte, then %s", tail);
	return (77);
}

#ifdef TP_P2
/* Emits one entity a byte over bytes 0 to 4 of kinds TP_P1, TP_P2 (by
 * name, from buf), TP_P1 (by name, from the same buf) and TP_P2 (its
 * pointer of provides[]): a host that kept the kind of every pointer it
 * saw, not only those of provides[], would give the third the second's
 * kind. */
static int
mode_byname(const tp_state *s, nerp_call *call)
{
	nerp_entity e;
	char        buf[32];
	int         rc = NERP_OK;

	memset(&e, 0, sizeof(e));
	e.score = s->score;
	e.start = 0;
	e.end   = 1;
	e.kind  = provides[0];
	rc |= s->host->emit(call, &e);
	(void) snprintf(buf, sizeof(buf), "%s", provides[1]);
	e.start = 1;
	e.end   = 2;
	e.kind  = buf;
	rc |= s->host->emit(call, &e);
	(void) snprintf(buf, sizeof(buf), "%s", provides[0]);
	e.start = 2;
	e.end   = 3;
	rc |= s->host->emit(call, &e);
	e.start = 3;
	e.end   = 4;
	e.kind  = provides[1];
	rc |= s->host->emit(call, &e);
	return (rc);
}
#endif

static int
tp_recognize(const void *state, nerp_call *call, const nerp_doc *doc)
{
	const tp_state *s = state;
	int             rc;

	if (doc->len == 0) {
		return (NERP_OK);
	}
	if (strcmp(s->mode, "caps") == 0) {
		return (mode_match(s, call, doc, 1));
	}
	if (strcmp(s->mode, "derive") == 0) {
		return (mode_derive(s, call));
	}
	if (strcmp(s->mode, "badspans") == 0) {
		return (mode_badspans(s, call, doc));
	}
	if (strcmp(s->mode, "flood") == 0) {
		return (mode_flood(s, call, doc));
	}
	if (strcmp(s->mode, "cancel") == 0) {
		if (s->host->cancelled(call)) {
			return (NERP_ECANCELED);
		}
		return (
		    emit_span(s, call, 0, (uint32_t) doc->len, NULL, NULL, 0));
	}
	if (strcmp(s->mode, "fail") == 0) {
		rc = emit_span(s, call, 0, (uint32_t) doc->len, NULL, NULL, 0);
		s->host->log(
		    call, NERP_LOG_ERROR, "broken on purpose (%d)", rc);
		return (NERP_EINTERNAL);
	}
	if (strcmp(s->mode, "config") == 0) {
		return (mode_config(s, call, doc));
	}
	if (strcmp(s->mode, "scratch") == 0) {
		return (mode_scratch(s, call, doc));
	}
	if (strcmp(s->mode, "keys") == 0) {
		return (mode_keys(s, call));
	}
	if (strcmp(s->mode, "doc") == 0) {
		return (mode_doc(s, call, doc));
	}
	if (strcmp(s->mode, "edges") == 0) {
		return (mode_edges(s, call));
	}
	if (strcmp(s->mode, "garble") == 0) {
		return (mode_garble(s, call));
	}
	if (strcmp(s->mode, "scores") == 0) {
		return (mode_scores(s, call));
	}
#ifdef TP_P2
	if (strcmp(s->mode, "byname") == 0) {
		return (mode_byname(s, call));
	}
#endif
	return (mode_match(s, call, doc, 0));
}

static void
tp_destroy(void *state)
{
	free(state);
}

#ifdef TP_SHORT
/* A descriptor from an older, shorter layout: size says so. */
#define TP_SIZE ((uint32_t) offsetof(nerp_plugin, destroy))
#else
#define TP_SIZE ((uint32_t) sizeof(nerp_plugin))
#endif

static const nerp_plugin tp_plugin = {
#ifdef TP_BAD_MAGIC
	.magic = 0x4E455251u,
#else
	.magic = NERP_MAGIC,
#endif
#ifdef TP_OTHER_ABI
	.abi = NERP_ABI + 1,
#else
	.abi   = NERP_ABI,
#endif
	.size = TP_SIZE,
#ifdef TP_NOT_REENTRANT
	.flags = 0,
#else
	.flags = NERP_F_REENTRANT | NERP_F_DETERMINISTIC,
#endif
	.name = TP_NAME,
#ifdef TP_BAD_VERSION
	.version = "1.0.0\xff",
#else
	.version = "1.0.0",
#endif
#ifdef TP_BAD_DESC
	.description = "core test plugin\nof two lines",
#else
	.description = "core test plugin " TP_NAME,
#endif
	.provides    = provides,
	.consumes    = TP_CONSUMES,
	.init        = tp_init,
	.recognize   = tp_recognize,
	.destroy     = tp_destroy,
#ifdef TP_RESERVED
	.reserved = { (void *) &tp_plugin },
#endif
};

#if defined(TP_ENTRY_DATA)
/* Exports nerp_entry as a pointer, not a function: a host that called
 * it would jump into data. */
__attribute__((visibility("default"))) const nerp_plugin *const nerp_entry
    = &tp_plugin;
#elif defined(TP_NO_ENTRY)
/* Exports something, but not nerp_entry. */
__attribute__((visibility("default"))) const nerp_plugin *tp_entry(void);
__attribute__((visibility("default"))) const nerp_plugin *
tp_entry(void)
{
	return (&tp_plugin);
}
#else
NERP_EXPORT(tp_plugin)
#endif
