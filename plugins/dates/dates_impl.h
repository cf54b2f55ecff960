/*
 * plugins/dates/dates_impl.h: the structures shared by the files of the
 * dates plugin (lexicon, token classes, grammar, builders).  Not used by
 * anything outside plugins/dates and its tests.
 */
#ifndef NERD_PLUGINS_DATES_DATES_IMPL_H
#define NERD_PLUGINS_DATES_DATES_IMPL_H

#include <string.h>

#include "dates.h"

/* Pseudo classes: the word is a literal of some grammar rule; of the
 * first element of one. */
#define DC_LIT DC_COUNT
#define DC_LITFIRST (DC_COUNT + 1)
#define DC_ANY (DC_COUNT + 2) /* set in dates_lead.next: any token */
/* Punctuation in dates_lead.next: a comma, a period, any other. */
#define DC_COMMA (DC_COUNT + 3)
#define DC_PERIOD (DC_COUNT + 4)
#define DC_PUNCTX (DC_COUNT + 5)
_Static_assert(DC_PUNCTX < 64, "token classes must fit in 64 bits");

#define DATES_WORD_MAX 31  /* longest lexicon word, bytes */
#define DATES_ELEM_MAX 12  /* longest rule, elements */
#define DATES_RULE_MAX 128 /* rules in grammar.tsv */

/* Symbolic values of the lexicon files. */
enum dates_sym {
	DS_START        = 1,
	DS_MID          = 2,
	DS_END          = 3, /* MOD, PRE */
	DS_PRESENT_REF  = 1,
	DS_PAST_REF     = 2,
	DS_FUTURE_REF   = 3, /* REF */
	DS_MO           = 1,
	DS_AF           = 2,
	DS_EV           = 3,
	DS_NI           = 4, /* DAYPART */
	DS_SP           = 1,
	DS_SU           = 2,
	DS_FA           = 3,
	DS_WI           = 4, /* SEASON */
	DS_D            = 1,
	DS_W            = 2,
	DS_M            = 3,
	DS_Q            = 4,
	DS_Y            = 5,
	DS_E            = 6,
	DS_WE           = 7,
	DS_H            = 8,
	DS_C            = 9, /* UNIT, PART */
	DS_EASTER       = -1,
	DS_THANKSGIVING = -2,
	DS_ELECTION     = -3, /* HOLIDAY */
};

/* The classes only words of the lexicon have: a token of none of the
 * others (numbers, punctuation, capitals, hyphenated forms, the pseudo
 * classes of dates_lead.next) is a word whose key is in the lexicon. */
#define DATES_WORD_CLASSES                                                    \
	(DC_BIT(DC_MONTH) | DC_BIT(DC_MONTHX) | DC_BIT(DC_WEEKDAY)            \
	    | DC_BIT(DC_UNIT) | DC_BIT(DC_REL) | DC_BIT(DC_MOD)               \
	    | DC_BIT(DC_PRE) | DC_BIT(DC_PART) | DC_BIT(DC_QADJ)              \
	    | DC_BIT(DC_YAGO) | DC_BIT(DC_DEICTIC) | DC_BIT(DC_REF)           \
	    | DC_BIT(DC_REFN) | DC_BIT(DC_AMPM) | DC_BIT(DC_ZONE)             \
	    | DC_BIT(DC_TIMEWORD) | DC_BIT(DC_DAYPART) | DC_BIT(DC_SEASON)    \
	    | DC_BIT(DC_HOLIDAY) | DC_BIT(DC_HOLIDAYD) | DC_BIT(DC_TENSE)     \
	    | DC_BIT(DC_PREP) | DC_BIT(DC_BLOCK) | DC_BIT(DC_BLOCKNEXT)       \
	    | DC_BIT(DC_LIT) | DC_BIT(DC_LITFIRST))

typedef struct dates_entry {
	/* what a lookup reads first */
	uint64_t key; /* the host's key of word */
	uint64_t cls; /* DC_BIT of each class, and DC_LIT */
	uint8_t  len;
	uint8_t  next_word; /* a match starting at this word goes on with a
	                     * word of the lexicon */
	char    word[DATES_WORD_MAX + 1];
	int16_t val[DC_COUNT]; /* value per class */
} dates_entry;

/* What one token is to the grammar. */
typedef struct dates_tok {
	uint64_t cls;               /* classes (DC_BIT); a punctuation mark
	                             * has its dates_punct_class() too */
	const dates_entry *ent;     /* lexicon entry of a word, or NULL */
	int32_t            a, b, c; /* numbers read from the token */
	int16_t            h, mi;   /* clock time in the token, or -1 */
} dates_tok;

/* Fields a match fills in. */
enum dates_field {
	F_MONTH,
	F_WDAY,
	F_DAY,
	F_DAY2,
	F_YEAR,
	F_YEAR2,
	F_DECADE,
	F_NUM,
	F_UNIT,
	F_REL,
	F_MOD,
	F_PRE,
	F_ORD,
	F_PART,
	F_DEICTIC,
	F_REF,
	F_HOUR,
	F_MIN,
	F_AMPM,
	F_ZONE,
	F_TIMEWORD,
	F_DAYPART,
	F_SEASON,
	F_MONTHX,
	F_HOLIDAY,
	F_COUNT
};

#define F_HAS(f, x) (((f)->set >> (x)) & 1u)

typedef struct dates_fields {
	int      v[F_COUNT];
	uint32_t set;           /* bit per field present */
	uint32_t first, last;   /* tokens of the first span (inclusive) */
	uint32_t first2, last2; /* tokens of the second span, if any */
	int      nseg;          /* 1 or 2 */
	uint32_t mfirst, mlast; /* every token the rule consumed */
} dates_fields;

enum dates_elem_kind { EK_CLASS = 1, EK_WORD = 2, EK_PUNCT = 3 };
enum dates_elem_flag { EF_OPT = 1, EF_EXCL = 2, EF_SPLIT = 4 };

typedef struct dates_elem {
	/* classes a token must have to match (a superset: DC_LIT for a
	 * word, the punctuation class of a mark) */
	uint64_t need;
	uint8_t  kind;
	uint8_t  cls;   /* EK_CLASS: enum dates_class */
	uint8_t  field; /* EK_CLASS: enum dates_field it fills */
	uint8_t  flags;
	uint8_t  wlen;
	uint32_t ent;      /* EK_WORD: index of its lexicon entry */
	char     word[16]; /* EK_WORD (lowercase) or EK_PUNCT */
} dates_elem;

typedef struct dates_ctx dates_ctx;

/* Builds the matches of one rule; returns how many it wrote to out (at
 * most 2), 0 to reject the match. */
typedef int (*dates_build_fn)(
    const dates_ctx *c, const dates_fields *f, dates_match *out);

/* An element a match can start with: the classes its token needs, and
 * the classes the next token may have (DC_COMMA, DC_PERIOD, DC_PUNCTX
 * for punctuation; all bits, DC_ANY among them, when the rule's end may
 * follow), and those the token after that may have (next2, likewise). */
typedef struct dates_lead {
	uint64_t first, next, next2;
} dates_lead;

typedef struct dates_rule {
	/* what a match reads first, next to the first elements */
	dates_build_fn build;
	int            n;
	/* the word the token before a match must be ("<the": lowercase,
	 * any case in the text; not part of the match), or behind_len 0 */
	uint8_t    behind_len;
	char       behind[16];
	dates_elem elem[DATES_ELEM_MAX];
	dates_lead lead[DATES_ELEM_MAX]; /* the elements a match can
	                                  * start with */
	int  n_lead;
	char name[32];
} dates_rule;

/* A rule that can start at a token of some class, and the classes the
 * token after it and the one after that may have then (all bits when the
 * match may end before them). */
typedef struct dates_start {
	uint64_t next, next2;
	uint32_t rule;
} dates_start;

/* What a key may be a key of, by its low DATES_KEYMAP_LOG2 bits: a byte
 * of dates_keykind bits per slot.  A key whose slot lacks a bit is surely
 * not a key of that kind (a few per cent of other keys share a slot).
 * (The low bits: the top bits of the keys of short words are far from
 * uniform.) */
#define DATES_KEYMAP_LOG2 16
#define DATES_KEYMAP_SIZE ((size_t) 1 << DATES_KEYMAP_LOG2)
enum dates_keykind {
	DK_WORD  = 1, /* a word of the lexicon */
	DK_TENSE = 2, /* a TENSE word */
	DK_FREE  = 4, /* a word that can start a rule whose match may go on
	               * with a token that is no word of the lexicon (see
	               * dates_entry.next_word) */
};
typedef uint8_t dates_keymap[DATES_KEYMAP_SIZE];

/* The keys of the words that can start a rule: a bitset of 2^14 bits
 * (2 KB), a key's bit picked by its bits 8-15 (the word) and 0-5 (the
 * bit), which one byte load gives.  A scan tests it at every token: it
 * stays in the L1 cache through a document, where the key map's 64 KB
 * come in line by line, a miss for most new words.  A key whose bit is
 * clear is surely no start word's (about one other key in a hundred
 * shares a bit with one). */
#define DATES_STARTSET_WORDS 256
typedef uint64_t dates_startset[DATES_STARTSET_WORDS];

struct dates_lexicon {
	dates_key_fn key; /* the host's key function */
	dates_entry *ent;
	size_t       n_ent, cap_ent;
	uint32_t    *slot;   /* open addressing by key: entry + 1, 0 =
	                      * empty */
	size_t       n_slot; /* power of two */
	dates_keymap keymap; /* the kinds of the keys of all words */
	dates_rule  *rule;
	size_t       n_rule;
	/* the keys of the words that can start a rule (dates_start_may()) */
	dates_startset starts;
	/* The rules a token of class c can start a match of, in grammar
	 * order: start[start_at[c] .. start_at[c + 1]) (a literal word of
	 * a rule's start counts as class DC_LITFIRST) */
	dates_start *start;
	size_t       start_at[DC_COUNT + 3];
	/* next_of[c]: the union of the next classes of start[] for class c
	 * (0 when no rule starts at a token of class c) */
	uint64_t next_of[DC_PUNCTX + 1];
	/* next_tight[c]: the union of the next classes of the rules of
	 * start[] for class c whose third token is not free (next2 not all
	 * bits): a next token of none of them needs no look at the third */
	uint64_t next_tight[DC_PUNCTX + 1];
	/* the classes c with rules in start[]: those a first token of a
	 * match may have */
	uint64_t lead_first;
	/* Prefixes of "mid-2023", "late-November": bit n of mod_lens set when
	 * a MOD word has n bytes, bit k of mod_initials when one starts with
	 * 'a' + k. */
	uint32_t mod_lens, mod_initials;
};

struct dates_ctx {
	const dates_lexicon *lex;
	const char          *text;
	size_t               len;
	const nerp_token    *toks;
	const uint64_t      *keys; /* key of each token */
	dates_tok           *info; /* classified on demand */
	uint8_t             *done; /* nonzero once info[i] is filled */
	size_t               ntok;
	dates_ymd            dct;
	long                 dct_days; /* dates_days(dct), once per scan */
	int                  dct_wday; /* dates_weekday(dct) */
};

/* lexicon.c: the entry of word s[0..len) (lowercase), or NULL. */
const dates_entry *dates_lookup(
    const dates_lexicon *lex, const char *s, size_t len);

/* lexicon.c: the entry of word s[0..len), any case of its ASCII letters,
 * given key, its key by the lexicon's key function; or NULL. */
const dates_entry *dates_lookup_key(
    const dates_lexicon *lex, uint64_t key, const char *s, size_t len);

/* Nonzero when s[0..len) with its ASCII capitals lowercased is
 * word[0..len) (lowercase), byte by byte. */
static inline int
dates_same_word(const char *s, const char *word, size_t len)
{
	for (size_t k = 0; k < len; k++) {
		char ch = s[k];

		if (ch >= 'A' && ch <= 'Z') {
			ch = (char) (ch - 'A' + 'a');
		}
		if (ch != word[k]) {
			return (0);
		}
	}
	return (1);
}

/* Nonzero when token i - 1 of c exists and is word[0..len) (lowercase,
 * any case in the text). */
static inline int
dates_prev_word_is(
    const dates_ctx *c, size_t i, const char *word, size_t len)
{
	const nerp_token *tk;

	if (i == 0) {
		return (0);
	}
	tk = &c->toks[i - 1];
	return (tk->kind == NERP_TOK_WORD && tk->end - tk->start == len
	    && dates_same_word(c->text + tk->start, word, len));
}

/* dates_same_word() of a word of at most 8 bytes with 8 bytes readable
 * at s, and word zero-padded to 8 bytes: all of it in one 8-byte load
 * (the bytes past len masked off) whose ASCII capitals are lowercased
 * at once.  A byte b below 0x80 is a capital when b + 0x3f reaches 0x80
 * ('A' and up) and b + 0x25 does not ('Z' and down); no sum carries into
 * the next byte, and bytes from 0x80 (UTF-8) stay as they are. */
static inline int
dates_same_word8(const char *s, const char *word, size_t len)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	/* keep[len]: the low len bytes */
	static const uint64_t keep[9] = { 0, 0xff, 0xffff, 0xffffff,
		0xffffffffu, 0xffffffffffu, 0xffffffffffffu,
		0xffffffffffffffu, 0xffffffffffffffffu };
	const uint64_t        ones = 0x0101010101010101u;
	uint64_t              x, w, low, cap;

	memcpy(&x, s, 8);
	memcpy(&w, word, 8);
	x &= keep[len];
	low = x & (0x7f * ones);
	cap = (low + 0x3f * ones) & ~(low + 0x25 * ones) & ~x & (0x80 * ones);
	return ((x | (cap >> 2)) == w);
#else
	return (dates_same_word(s, word, len));
#endif
}

/* The entry of word s[0..len), any case of its ASCII letters, whose
 * key is key, or NULL: lex->slot probed by key.  Words whose folded
 * forms are equal ("dia", "d\u00eda") share a key: every entry of the
 * key is compared byte by byte, ASCII case aside.  wide: nonzero when 8
 * bytes from s may be read (a short word is then compared at once). */
static inline const dates_entry *
dates_find_entry(const dates_lexicon *lex, uint64_t key, const char *s,
    size_t len, int wide)
{
	size_t mask = lex->n_slot - 1;

	for (size_t i = (size_t) key & mask; lex->slot[i] != 0;
	     i        = (i + 1) & mask) {
		const dates_entry *e = &lex->ent[lex->slot[i] - 1];

		if (e->key != key || e->len != len) {
			continue;
		}
		if (wide && len <= 8 ? dates_same_word8(s, e->word, len)
		                     : dates_same_word(s, e->word, len)) {
			return (e);
		}
	}
	return (NULL);
}

/* classify.c: fills *t with the classes of token tk of text, whose key
 * (by the lexicon's key function) is key. */
void dates_classify(const dates_lexicon *lex, const char *text,
    const nerp_token *tk, uint64_t key, dates_tok *t);

/* classify.c: zero when dates_classify() surely gives word token tk of
 * text, whose key is key, no class but DC_CAP: it is no word of the
 * lexicon by its key, no quarter ("Q3") and no hyphenated word whose
 * prefix may be a MOD word ("mid-2023").  Nonzero when it may have
 * others. */
int dates_word_may_classify(const dates_lexicon *lex, const char *text,
    const nerp_token *tk, uint64_t key);

/* Adds key to set.  At load only: a lexicon's set is read-only once
 * dates_lexicon_load() has returned. */
static inline void
dates_start_mark(dates_startset set, uint64_t key)
{
	set[(key >> 8) % DATES_STARTSET_WORDS] |= (uint64_t) 1 << (key % 64);
}

/* Nonzero when key may be in set; zero says it surely is not.  Only
 * reads set: any number of scans may test a loaded lexicon's at once. */
static inline int
dates_start_may(const dates_startset set, uint64_t key)
{
	return ((set[(key >> 8) % DATES_STARTSET_WORDS] >> (key % 64)) & 1u);
}

/* Adds kinds (dates_keykind bits) to the slot of key in map. */
static inline void
dates_key_mark(dates_keymap map, uint64_t key, unsigned kinds)
{
	map[key & (DATES_KEYMAP_SIZE - 1)] |= (uint8_t) kinds;
}

/* The dates_keykind bits of the slot of key in map: a bit not set says
 * key is surely not of that kind. */
static inline unsigned
dates_key_kinds(const dates_keymap map, uint64_t key)
{
	return (map[key & (DATES_KEYMAP_SIZE - 1)]);
}

/* classify.c: classifies token i of a scan into c->info[i] and marks it
 * done; returns c->info[i]. */
const dates_tok *dates_fill(const dates_ctx *c, size_t i);

/* The classes of token i of a scan, classified on first use. */
static inline const dates_tok *
dates_info(const dates_ctx *c, size_t i)
{
	if (c->done[i]) {
		return (&c->info[i]);
	}
	return (dates_fill(c, i));
}

/* The class of punctuation s[0..len) in dates_lead.next. */
static inline int
dates_punct_class(const char *s, size_t len)
{
	if (len == 1 && s[0] == ',') {
		return (DC_COMMA);
	}
	if (len == 1 && s[0] == '.') {
		return (DC_PERIOD);
	}
	return (DC_PUNCTX);
}

/* The union of by_class[c] over the classes c in cls (a table of the
 * lexicon's by class, such as next_of[]; no bit of cls above DC_PUNCTX).
 * Pure: reads only its arguments. */
static inline uint64_t
dates_classes_union(const uint64_t *by_class, uint64_t cls)
{
	uint64_t all = 0;

	for (; cls != 0; cls &= cls - 1) {
		all |= by_class[__builtin_ctzll(cls)];
	}
	return (all);
}

/* The classes of punctuation mark s[0..len): its dates_punct_class(),
 * and CONJ for "-", en and em dashes, which join two days. */
static inline uint64_t
dates_punct_classes(const char *s, size_t len)
{
	uint64_t cls = DC_BIT(dates_punct_class(s, len));

	if ((len == 1 && s[0] == '-')
	    || (len == 3 && (uint8_t) s[0] == 0xe2 && (uint8_t) s[1] == 0x80
	        && ((uint8_t) s[2] == 0x93 || (uint8_t) s[2] == 0x94))) {
		cls |= DC_BIT(DC_CONJ);
	}
	return (cls);
}

/* build.c: the builder named name, or NULL. */
dates_build_fn dates_builder(const char *name);

/* resolve.c: the document date as a day count. */
long dates_dct_days(const dates_ctx *c);

/* resolve.c: the year of a month and day (0 = none) written without one,
 * from the document date and the tense of the match's sentence. */
int dates_infer_year(
    const dates_ctx *c, const dates_fields *f, int month, int day);

/* resolve.c: *y, *m = the document's month shifted by n months. */
void dates_shift_month(const dates_ctx *c, int n, int *y, int *m);

/* resolve.c: the day count of weekday wd (1 = Monday): with has_rel, rel
 * < 0 the last one before the document date, > 0 the one of next week, 0
 * this week's; without, by the tense of the match's sentence. */
long dates_weekday_days(
    const dates_ctx *c, const dates_fields *f, int wd, int has_rel, int rel);

/* resolve.c: the season (DS_SP ...) month m falls in. */
int dates_season_of_month(int m);

/* resolve.c: the date of holiday code h (MMDD or DS_EASTER, ...) in y. */
dates_ymd dates_holiday_in(int h, int y);

/* tense.c: the tense of the sentence around tokens first..last. */
int dates_tense(const dates_ctx *c, uint32_t first, uint32_t last);

#endif /* NERD_PLUGINS_DATES_DATES_IMPL_H */
