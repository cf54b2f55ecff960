/*
 * nerd/plugin.h: the recognizer plugin ABI.  This is the only header a
 * plugin author needs; plugins never link against the server.
 *
 * A plugin is a shared object that exports one function, nerp_entry(),
 * returning a pointer to a constant descriptor (nerp_plugin).  The host:
 *
 *   1. opens the file (only from configured folders, refusing files or
 *      folders that are group/world writable or owned by someone else),
 *   2. calls nerp_entry(NERP_ABI) and checks magic, abi and size before it
 *      reads anything else, refusing a mismatch with a message naming the
 *      file and both versions,
 *   3. checks the name is unique and builds the pipeline from every
 *      plugin's provides/consumes (a cycle or an unmet need is refused),
 *   4. calls init() once, with the host function table and the plugin's
 *      configuration,
 *   5. calls recognize() once per document, from many threads at once on
 *      the same state,
 *   6. calls destroy() when the registry holding the plugin is released
 *      (after a reload, once the last request using it has finished).
 *
 * Threads and state.  recognize() must be reentrant: it runs concurrently
 * on one state, so everything a plugin needs is loaded in init() and only
 * read afterwards.  No global mutable state.  Per-call memory comes from
 * the stack or from host->scratch().  Plugins of one request run one after
 * another on one thread, in pipeline order.
 *
 * Ownership.  Everything the host hands a plugin is borrowed and valid
 * until the function it was handed to returns, unless stated otherwise.
 * emit() copies what it is given, so a plugin keeps nothing after
 * recognize() returns.
 *
 * Growth.  Structs are append-only and carry their size.  A plugin reads a
 * host function added after ABI 1 only if host->size says it is there
 * (NERP_HOST_HAS(host, field)).
 *
 * A minimal plugin:
 *
 *   static const char *const provides[] = { "greeting", NULL };
 *   static int hello_recognize(const void *state, nerp_call *call,
 *                              const nerp_doc *doc) { ... host->emit ... }
 *   static const nerp_plugin hello = {
 *       .magic = NERP_MAGIC, .abi = NERP_ABI, .size = sizeof(nerp_plugin),
 *       .name = "hello", .version = "1.0.0", .provides = provides,
 *       .flags = NERP_F_REENTRANT, .init = hello_init,
 *       .recognize = hello_recognize, .destroy = hello_destroy,
 *   };
 *   NERP_EXPORT(hello)
 *
 * See plugins/example/ for a complete one built out of tree.
 */
#ifndef NERD_PLUGIN_H
#define NERD_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define NERP_MAGIC 0x4E455250u /* "NERP" */
#define NERP_ABI 1u            /* bumped on any incompatible change */

/* Results of init(), recognize() and host functions.  The host maps them to
 * RPC status codes for the per-plugin report of a reply. */
enum nerp_error {
	NERP_OK = 0,
	NERP_EINVAL = 1,     /* bad argument or input: INVALID_ARGUMENT */
	NERP_ENOMEM = 2,     /* out of memory or over a cap: RESOURCE_EXHAUSTED */
	NERP_ECANCELED = 3,  /* deadline passed or server draining: DEADLINE_EXCEEDED */
	NERP_EDEPS = 4,      /* an upstream kind is missing: FAILED_PRECONDITION */
	NERP_EINTERNAL = 5,  /* a bug or broken data: INTERNAL */
	NERP_ENOENT = 6,     /* a file or config key is missing: NOT_FOUND */
};

/* Descriptor flags. */
enum nerp_flags {
	NERP_F_REENTRANT = 1u << 0,     /* required: recognize() may run concurrently */
	NERP_F_DETERMINISTIC = 1u << 1, /* same input, same output */
};

/* Log levels for host->log(). */
enum nerp_log_level {
	NERP_LOG_ERROR = 0,
	NERP_LOG_WARN = 1,
	NERP_LOG_INFO = 2,
	NERP_LOG_DEBUG = 3,
};

/* ---------------------------------------------------------------- tokens
 *
 * The host tokenises each document once and shares the tokens with every
 * plugin of the request.  The same tokenizer is offered at init time
 * (host->tokenize) so that lexicon phrases are split exactly as documents
 * are.  Rules:
 *
 *  - Whitespace (Unicode White_Space) separates tokens and is not a token.
 *  - A WORD is a maximal run of letters, marks and digits that starts with
 *    a letter, with inner apostrophes (’ or ') and hyphens joining parts:
 *    "Lavrov", "co-chairs", "O'Neill", "mid-2023" (starts with a letter).
 *    A trailing possessive "'s"/"’s" is split off as its own WORD token
 *    ("Russia’s" -> "Russia", "’s") with NERP_TF_POSSESSIVE on it.
 *  - Abbreviations with inner periods are one WORD with their periods:
 *    "U.S.", "U.N.", "p.m.", "a.m.", "S." (one capital letter and a
 *    period).  A period that ends a sentence is not part of the word,
 *    except after such an abbreviation where the host cannot tell; then
 *    the token keeps it and NERP_TF_SENT_END marks it.
 *  - A NUMBER is a maximal run starting with a digit of digits, letters
 *    and the inner separators , . : / - when a digit follows them:
 *    "2024", "2,024", "10:00", "26/04/2024", "2024-04-26", "2023-24",
 *    "1990s", "21st", "3.5".
 *  - Every other character is a PUNCT token of its own (one code point),
 *    except that runs of the same character ("...", "--") are one token.
 *  - Sentence boundaries: a token gets NERP_TF_SENT_START when it is the
 *    first token, or follows a PUNCT ".", "!" or "?" (optionally followed by
 *    closing quotes or brackets) and starts with an uppercase letter, a
 *    digit or an opening quote, or follows a blank line.
 */
enum nerp_token_kind {
	NERP_TOK_WORD = 1,
	NERP_TOK_NUMBER = 2,
	NERP_TOK_PUNCT = 3,
};

enum nerp_token_flags {
	NERP_TF_UPPER_INITIAL = 1u << 0, /* first letter is uppercase ("Lavrov", "BRICS") */
	NERP_TF_ALL_UPPER = 1u << 1,     /* every letter uppercase, at least one ("BRICS", "U.S.") */
	NERP_TF_ALL_LOWER = 1u << 2,     /* every letter lowercase ("said") */
	NERP_TF_HAS_DIGIT = 1u << 3,
	NERP_TF_SENT_START = 1u << 4,    /* first token of a sentence */
	NERP_TF_SENT_END = 1u << 5,      /* last token of a sentence */
	NERP_TF_PARA_START = 1u << 6,    /* first token after a blank line, or first */
	NERP_TF_LINE_START = 1u << 7,    /* first token of a line */
	NERP_TF_SPACE_BEFORE = 1u << 8,  /* whitespace precedes it */
	NERP_TF_POSSESSIVE = 1u << 9,    /* the split-off "'s" */
	NERP_TF_ABBREV = 1u << 10,       /* a word with inner periods ("U.S.") */
	NERP_TF_HYPHENATED = 1u << 11,   /* a word joined by hyphens */
};

typedef struct nerp_token {
	uint32_t start;  /* byte offset of the first byte */
	uint32_t end;    /* byte offset past the last byte */
	uint16_t kind;   /* enum nerp_token_kind */
	uint16_t flags;  /* enum nerp_token_flags */
} nerp_token;

/* ---------------------------------------------------------------- entities */

typedef struct nerp_attr {
	const char *key;   /* "name", "role", "country", "mod", ... */
	const char *value; /* UTF-8, NUL-terminated */
} nerp_attr;

typedef struct nerp_entity {
	uint32_t start;          /* UTF-8 byte offset, inclusive */
	uint32_t end;            /* UTF-8 byte offset, exclusive; start < end */
	const char *kind;        /* one of the plugin's provides[] */
	const char *value;       /* normalised value ("2024-04-26"), or NULL */
	float score;             /* 0..1, or negative when unscored */
	const nerp_attr *attrs;  /* n_attrs attributes, or NULL */
	size_t n_attrs;
} nerp_entity;

/* ---------------------------------------------------------------- documents */

typedef struct nerp_doc {
	const char *text;     /* UTF-8, validated by the host, NUL-terminated */
	size_t len;           /* bytes, without the terminating NUL */
	const char *id;       /* never NULL; may be "" */
	const char *dct;      /* "YYYY-MM-DD" from the request, or "" */
	const char *lang;     /* BCP 47, never NULL; "en" when not given */
	const char *today;    /* "YYYY-MM-DD", UTC date the request arrived */
} nerp_doc;

/* ---------------------------------------------------------------- host table */

typedef struct nerp_call nerp_call;     /* opaque, one per (request, plugin) */
typedef struct nerp_config nerp_config; /* opaque, valid during init only */

typedef struct nerp_host {
	uint32_t size; /* sizeof(nerp_host) as the host knows it */
	uint32_t abi;  /* NERP_ABI of the host */

	/* Adds an entity to this call's results.  The host copies the entity,
	 * its strings and attributes.  It checks start < end <= doc->len, that
	 * both fall on UTF-8 boundaries, that kind is in provides[], that the
	 * score is at most 1 (not NaN), and that strings are UTF-8.
	 * Returns NERP_OK, NERP_EINVAL for a bad entity (dropped, logged), or
	 * NERP_ENOMEM when the per-call cap is reached: stop emitting. */
	int (*emit)(nerp_call *call, const nerp_entity *entity);

	/* The merged entities of one consumed kind produced by earlier plugins
	 * of this request, sorted by start ascending, end descending.  Sets
	 * *out (borrowed; valid until recognize() returns) and returns their
	 * count; 0 with *out = NULL when there are none or kind is not in the
	 * plugin's consumes[]. */
	size_t (*upstream)(nerp_call *call, const char *kind,
	    const nerp_entity **out);

	/* The document's tokens (see above), computed once per document.
	 * Sets *out (borrowed; valid until recognize() returns) and returns
	 * their count. */
	size_t (*tokens)(nerp_call *call, const nerp_token **out);

	/* Nonzero once the call's deadline has passed or the server is
	 * draining: return NERP_ECANCELED soon.  Cheap; poll it per sentence
	 * or so. */
	int (*cancelled)(nerp_call *call);

	/* size bytes of per-call memory, aligned for any type, freed by the
	 * host after recognize() returns.  NULL when out of memory. */
	void *(*scratch)(nerp_call *call, size_t size);

	/* Logs one line under the plugin's name.  call may be NULL (during
	 * init).  printf-style format. */
	void (*log)(nerp_call *call, int level, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

	/* A configuration value for this plugin, or NULL when unset.  Valid
	 * during init only: copy what you keep.  The host always sets
	 * "data_dir": the folder of this plugin's data files (by default the
	 * folder named after the plugin next to its .so), and "common_dir":
	 * the folder of data shared by all plugins (countries, demonyms; by
	 * default "common" next to the .so). */
	const char *(*config)(const nerp_config *cfg, const char *key);

	/* Tokenises any UTF-8 text by the rules above (usable in init, to
	 * split lexicon phrases exactly as documents are).  Writes at most cap
	 * tokens to out and returns how many the text has (which may be more
	 * than cap). */
	size_t (*tokenize)(const char *text, size_t len, nerp_token *out,
	    size_t cap);

	/* Added after the first release of ABI 1: read them only when
	 * NERP_HOST_HAS(host, token_keys). */

	/* The key of any UTF-8 text: a 64-bit hash (XXH3-64, seed 0) of its
	 * folded form, that is lowercase, diacritics stripped, curly
	 * apostrophes and Unicode hyphens made plain ("Erdoğan" and
	 * "ERDOGAN" share a key).  Keys of different folded texts collide
	 * with odds of about 2^-64 a pair, so a plugin may treat equal keys
	 * as equal words, as spaCy does with its string hashes.  Pure and
	 * usable in init, to key lexicon entries. */
	uint64_t (*key)(const char *text, size_t len);

	/* The keys of the document's tokens: (*out)[i] is key() of token i's
	 * text.  Computed once per document, so plugins look words up
	 * without folding or hashing them again.  Sets *out (borrowed;
	 * valid until recognize() returns) and returns the token count; 0
	 * with *out = NULL when out of memory or there are no tokens. */
	size_t (*token_keys)(nerp_call *call, const uint64_t **out);
} nerp_host;

/* True when the host table has the given member. */
#define NERP_HOST_HAS(host, member)                                      \
	((host)->size >= offsetof(nerp_host, member) + sizeof((host)->member))

/* ---------------------------------------------------------------- descriptor */

typedef struct nerp_plugin {
	uint32_t magic; /* NERP_MAGIC */
	uint32_t abi;   /* NERP_ABI the plugin was built with */
	uint32_t size;  /* sizeof(nerp_plugin) the plugin was built with */
	uint32_t flags; /* enum nerp_flags; NERP_F_REENTRANT is required */

	const char *name;        /* unique, [a-z0-9_-]+ */
	const char *version;     /* semver: [0-9A-Za-z.+-]{1,64} */
	const char *description; /* one line of UTF-8 (at most 256 bytes),
	                          * may be NULL */

	const char *const *provides; /* NULL-terminated entity kinds emitted */
	const char *const *consumes; /* NULL-terminated kinds read via upstream() */

	/* Loads everything the plugin needs.  host is valid for the plugin's
	 * whole life; cfg only during this call.  On success sets *state (may
	 * be NULL) and returns NERP_OK.  On failure writes a message of at
	 * most errlen bytes to err, frees what it allocated and returns an
	 * error: the host refuses the plugin and logs the message. */
	int (*init)(const nerp_host *host, const nerp_config *cfg, void **state,
	    char *err, size_t errlen);

	/* Recognises one document, emitting entities through host->emit.  Runs
	 * concurrently with itself on the same state.  Returns NERP_OK, or an
	 * error reported for this plugin only (what it emitted is kept). */
	int (*recognize)(const void *state, nerp_call *call, const nerp_doc *doc);

	/* Frees the state.  Called once, when no recognize() is running. */
	void (*destroy)(void *state);

	void *reserved[4]; /* must be NULL */
} nerp_plugin;

/* The one exported symbol.  Must have no side effects: the host may call it
 * just to read the descriptor. */
typedef const nerp_plugin *(*nerp_entry_fn)(uint32_t host_abi);

#define NERP_ENTRY_SYMBOL "nerp_entry"

#define NERP_EXPORT(descriptor)                                          \
	__attribute__((visibility("default"))) const nerp_plugin *       \
	nerp_entry(uint32_t host_abi);                                   \
	__attribute__((visibility("default"))) const nerp_plugin *       \
	nerp_entry(uint32_t host_abi)                                    \
	{                                                                \
		(void) host_abi;                                         \
		return &(descriptor);                                    \
	}

#ifdef __cplusplus
}
#endif

#endif /* NERD_PLUGIN_H */
