/*
 * core/neri.h: the core library (registry, pipeline, merge, tokenizer) as
 * the server, nerc --local and the tests see it.  Private to this project:
 * plugins see only include/nerd/plugin.h.
 *
 * Threads: a neri_registry is immutable once loaded and reference counted;
 * any number of threads may run neri_recognize() on one registry at once.
 * neri_registry_hold/rele are thread-safe.  Nothing here blocks on I/O
 * except neri_registry_load (reads and dlopens files), and nothing may be
 * called from an NNG callback except hold/rele.
 */
#ifndef NERD_CORE_NERI_H
#define NERD_CORE_NERI_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "nerd/plugin.h"
#include "nerd/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- logging */

/* A log sink: level is enum nerp_log_level, msg one line without newline.
 * Called from any thread; must be thread-safe. */
typedef void (*neri_log_fn)(void *arg, int level, const char *source,
    const char *msg);

/* ---------------------------------------------------------------- tokenizer */

/* Tokenises text by the rules in nerd/plugin.h.  Writes at most cap tokens
 * to out and returns how many the text has.  Pure; thread-safe. */
size_t neri_tokenize(const char *text, size_t len, nerp_token *out,
    size_t cap);

/* The key of text[0..len): the XXH3-64 (seed 0) of its folded form (see
 * core/fold.h), so texts that differ only in case, diacritics or the kind
 * of apostrophe share a key.  This is host->key of nerd/plugin.h.  Pure;
 * thread-safe. */
uint64_t neri_key(const char *text, size_t len);

/* Writes neri_key of each of the n tokens of text to out[0..n). */
void neri_keys(const char *text, const nerp_token *tokens, size_t n,
    uint64_t *out);

/* neri_keys for tokens of text[0..len) (made by neri_tokenize of that
 * text): the same keys, faster, for it may read ahead up to 16 bytes
 * within text[0..len). */
void neri_keys_in(const char *text, size_t len, const nerp_token *tokens,
    size_t n, uint64_t *out);

/* neri_tokenize, and the key of each token written to out: keys[i] is
 * neri_key of token i's text for i < min(returned count, cap).  keys has
 * room for cap keys (NULL: tokens only).  Reads text[0..len) only.  Pure;
 * thread-safe. */
size_t neri_tokenize_keys(const char *text, size_t len, nerp_token *out,
    uint64_t *keys, size_t cap);

/* Nonzero when text[0..len) is valid UTF-8 (no overlong forms, no
 * surrogates, nothing above U+10FFFF). */
int neri_utf8_valid(const char *text, size_t len);

/* ---------------------------------------------------------------- registry */

/* One plugin's key = value setting from the config file.  Plugins read
 * them with host->config() during init (the last setting of a key wins).
 * The core itself reads two keys: "data_dir" and "common_dir" override
 * the folders handed to the plugin (defaults: <folder of the .so>/<name>
 * and <folder of the .so>/common), and "rank" (a number, lower wins) sets
 * the plugin's merge rank, which otherwise is its pipeline position. */
typedef struct neri_setting {
	const char *plugin; /* plugin name */
	const char *key;
	const char *value;
} neri_setting;

typedef struct neri_registry_config {
	const char *const *dirs;   /* plugin folders, n_dirs of them */
	size_t n_dirs;
	const neri_setting *settings; /* per-plugin settings, n_settings */
	size_t n_settings;
	/* 1: refuse files and folders not owned by root or the euid, group
	 * or world writable, or setuid (folders' parents likewise, sticky
	 * ones excepted).  0 skips those checks only: symlinks, non-regular
	 * files and bad descriptors are always refused.  Set it to 1 unless
	 * testing. */
	int check_owner;
	neri_log_fn log;  /* may be NULL */
	void *log_arg;
	size_t max_entities_per_call; /* 0 = default (100000) */
	/* 1: run each plugin's init() once first in a forked child (as
	 * GStreamer's plugin scanner does) and refuse a plugin whose init
	 * crashes or does not return within 30 s there, instead of taking
	 * the process down.  Costs one fork per plugin per load. */
	int probe_init;
} neri_registry_config;

/* What the registry knows of one loaded plugin (borrowed from it).
 * description may be NULL; consumes is never NULL (maybe empty). */
typedef struct neri_plugin_info {
	const char *name;
	const char *version;
	const char *description;
	const char *path;
	const char *const *provides;
	const char *const *consumes;
} neri_plugin_info;

typedef struct neri_registry neri_registry;

/* Loads every *.so in the configured folders, refusing unsafe or broken
 * files (each refusal logged as one line naming the file and the reason;
 * the others still load), builds the pipeline and calls each init().
 * On success *out holds one reference.  refused, when not NULL, receives
 * a malloc'ed array of malloc'ed lines (caller frees with
 * neri_strings_free) and *n_refused their count, also when the load
 * fails.  Files are taken folder by folder in name order; of two plugins
 * with one name the first wins.  A plugin whose init() fails is refused,
 * and so is one left without a provider for a kind it consumes, and one
 * on or behind a cycle of provides/consumes (its line names the cycle's
 * plugins); the others still load.  Pipeline order: every plugin after
 * all providers of the kinds it consumes, ties by name.  Returns 0,
 * NERD_STATUS_INVALID_ARGUMENT for a bad config, or
 * NERD_STATUS_RESOURCE_EXHAUSTED out of memory.  Blocks (file I/O, the
 * plugins' init); call it off the NNG callbacks. */
int neri_registry_load(neri_registry **out, const neri_registry_config *cfg,
    char ***refused, size_t *n_refused);

void neri_registry_hold(neri_registry *reg);
/* Drops a reference; the last one destroys every plugin state and closes
 * the shared objects. */
void neri_registry_rele(neri_registry *reg);

size_t neri_registry_count(const neri_registry *reg);
/* Plugins in pipeline order; i < neri_registry_count(). */
const neri_plugin_info *neri_registry_plugin(const neri_registry *reg,
    size_t i);
uint64_t neri_registry_generation(const neri_registry *reg);
/* The registry's copy of kind (the same string for every spelling), or
 * NULL when no plugin provides it.  Any thread. */
const char *neri_registry_kind(const neri_registry *reg, const char *kind);

void neri_strings_free(char **lines, size_t n);

/* ---------------------------------------------------------------- recognise */

/* An attribute of a result's entity: the record emit() made of the
 * plugin's (nerd/plugin.h), which the result shares instead of a copy. */
typedef nerp_attr neri_attr;

typedef struct neri_entity {
	uint32_t start, end;
	char *kind;
	char *value;  /* "" when none */
	float score;
	neri_attr *attrs;
	size_t n_attrs;
	char **sources; /* plugin names */
	size_t n_sources;
} neri_entity;

typedef struct neri_plugin_result {
	const char *name; /* borrowed from the registry */
	int code;         /* NERD_STATUS_* */
	char *message;
	uint32_t elapsed_us;
	uint32_t entities;
	uint64_t elapsed_ns; /* the same time in nanoseconds (benchmarks) */
} neri_plugin_result;

typedef struct neri_result {
	neri_entity *entities; /* merged, UIMA order */
	size_t n_entities;
	neri_plugin_result *plugins; /* the plugins that ran, in order */
	size_t n_plugins;
} neri_result;

typedef struct neri_request {
	const char *id;        /* may be NULL */
	const char *text;      /* UTF-8 (checked: INVALID_ARGUMENT otherwise) */
	size_t len;
	const char *dct;       /* "YYYY-MM-DD" or NULL/"" */
	const char *lang;      /* NULL = "en" */
	const char *const *kinds; /* wanted kinds, n_kinds; 0 = all */
	size_t n_kinds;
	uint64_t deadline_ns;  /* CLOCK_MONOTONIC ns; 0 = none */
	const atomic_int *cancel; /* nonzero = give up (draining); may be NULL */
	/* 1: the caller vouches that text is UTF-8 and that text[len] is a
	 * NUL (as the server's wire check and protobuf-c's strings make
	 * sure), so neri_recognize neither checks the text again nor copies
	 * it to NUL-terminate it for the plugins.  0 (a zeroed request): it
	 * does both. */
	int text_checked;
} neri_request;

/* Runs the plugins the wanted kinds need, in pipeline order, and merges
 * their entities (rules in merge.h).  A failing plugin degrades only its
 * part: its code goes in its neri_plugin_result.  Returns 0 with *out set
 * (free with neri_result_free), NERD_STATUS_INVALID_ARGUMENT for text that
 * is not UTF-8, an unknown kind or a dct not shaped YYYY-MM-DD,
 * NERD_STATUS_DEADLINE_EXCEEDED when the deadline passed before any plugin
 * ran.  Only the wanted kinds are returned (all when n_kinds is 0); the
 * plugins they need transitively all run and are reported.  A plugin not
 * started because the deadline passed meanwhile reports
 * DEADLINE_EXCEEDED, one not started because *cancel was set CANCELLED;
 * plugins already running see both through host->cancelled().  The caller
 * holds reg for the call.  Blocks only on the plugins' work. */
int neri_recognize(neri_registry *reg, const neri_request *req,
    neri_result **out);

void neri_result_free(neri_result *res);

/* ---------------------------------------------------------------- convert */

struct Nerd__V1__RecognizeResponse; /* see nerd.pb-c.h (generated) */

/* Builds the wire form of a result: a nerd.v1.RecognizeResponse with
 * document_id, every entity (kind, span, text copied from
 * text[start..end), value, score, attributes, sources) and every plugin
 * result.  The messages are one allocation, released with
 * neri_response_free (never protobuf_c_message_free_unpacked; when it is
 * packed inside a RecognizeBatchResponse, free each response this way after
 * packing).  Borrowed: doc_id and every string of res (kinds, values,
 * attributes, sources, plugin names and messages) are pointed at, not
 * copied, so keep res and doc_id until the response is freed; only the
 * entities' text is copied.  doc_id (and any string of res) may be NULL
 * (""). Returns 0, NERD_STATUS_INVALID_ARGUMENT when an entity's span lies
 * outside text[0..len), or NERD_STATUS_RESOURCE_EXHAUSTED.  Thread-safe. */
int neri_result_to_response(const neri_result *res, const char *doc_id,
    const char *text, size_t len, struct Nerd__V1__RecognizeResponse **out);

/* An upper bound of protobuf_c_message_get_packed_size(resp) for a
 * response from neri_result_to_response, summed while it was built, so a
 * caller can size a buffer for protobuf_c_message_pack without the walk
 * get_packed_size makes (the bound is above the real size by at most 11
 * bytes a field).  Only for such responses, unchanged since; 0 for NULL.
 * Thread-safe. */
size_t neri_response_packed_bound(
    const struct Nerd__V1__RecognizeResponse *resp);

/* Frees a response from neri_result_to_response; NULL is ignored. */
void neri_response_free(struct Nerd__V1__RecognizeResponse *resp);

#ifdef __cplusplus
}
#endif

#endif /* NERD_CORE_NERI_H */
