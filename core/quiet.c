/*
 * core/quiet.c: the tokenizer's fast path (see core/tokens.c for the
 * rules): the middle of sentences of running ASCII text, a token at a
 * time from one 16-byte load, a word's key the XXH3 of that load
 * lowercased by one OR (key_word).  What it cannot take it leaves to the
 * general loop in tokens.c.
 */
#include <pthread.h>
#include <string.h>

#include "tokstate.h"

#ifdef __SSE2__
_Static_assert(NERP_TF_UPPER_INITIAL == 1 && NERP_TF_PARA_START == 1 << 6,
    "quiet_run computes the initial and paragraph flags in these bits");

/*
 * The key of a word or number lowercased in low[0..n), 1 <= n <= 16: the
 * XXH3 of those bytes, as xxh3_short gives it, without its test for
 * n == 0.  (Each byte of a word but the capitals has bit 0x20 set
 * already, so one OR over its 16 bytes lowercases a copy.)
 */
static inline __attribute__((always_inline)) uint64_t
key_word(const uint8_t *low, size_t n)
{
	uint64_t short_key, mid_key, pick;

	if (n > 8) {
		return (XXH3_len_9to16_64b(low, n, XXH3_kSecret, 0));
	}
	/* Words of 1-3 and of 4-8 bytes are both common and come in no
	 * order a predictor can learn: both hashes are computed, each with
	 * its length clamped into its own range (the bytes it then reads
	 * are still in low's 16), and a mask keeps the right one.  The
	 * extra instructions run in parallel; a mispredicted branch
	 * between them cost more (tokens + keys ~10% faster by the clock,
	 * although callgrind's estimate, which counts every instruction,
	 * says otherwise). */
	short_key = XXH3_len_1to3_64b(low, n < 4 ? n : 3, XXH3_kSecret, 0);
	mid_key   = XXH3_len_4to8_64b(low, n < 4 ? 4 : n, XXH3_kSecret, 0);
	pick      = 0 - (uint64_t) (n >= 4);
	return ((mid_key & pick) | (short_key & ~pick));
}

/* The key of each ASCII byte alone, which is the key of a punctuation
 * token of one byte (ASCII punctuation folds to itself): made once by
 * byte_keys_make, read-only after; a load instead of a hash for one
 * token in eight. */
static uint64_t       byte_keys[128];
static pthread_once_t byte_keys_once = PTHREAD_ONCE_INIT;

static void
byte_keys_make(void)
{
	unsigned c;
	uint8_t  b;

	for (c = 0; c < 128; c++) {
		b            = (uint8_t) c;
		byte_keys[c] = xxh3_short(&b, 1);
	}
}

/* What quiet_run does with an ASCII byte; 0 (Q_EXIT) for everything it
 * leaves to the general loop: line breaks other than '\n' and bytes from
 * 0x80. */
enum qact {
	Q_EXIT = 0,
	Q_SPACE,   /* ' ', '\t' */
	Q_NEWLINE, /* '\n' */
	Q_LETTER,  /* A-Z, a-z */
	Q_DIGIT,   /* 0-9 */
	Q_PUNCT,   /* any other ASCII byte: a PUNCT token */
};

static const uint8_t qact[256] = {
	[0x00 ... 0x08] = Q_PUNCT,
	['\t']           = Q_SPACE,
	['\n']           = Q_NEWLINE,
	[0x0E ... 0x1F] = Q_PUNCT,
	[' ']           = Q_SPACE,
	['!' ... '/']   = Q_PUNCT,
	['0' ... '9']   = Q_DIGIT,
	[':' ... '@']   = Q_PUNCT,
	['A' ... 'Z']   = Q_LETTER,
	['[' ... '`']   = Q_PUNCT,
	['a' ... 'z']   = Q_LETTER,
	['{' ... 0x7F]  = Q_PUNCT,
};

/* The sentence roles of an ASCII punctuation byte. */
enum qpunct {
	P_TERM  = 1, /* . ! ? end a sentence */
	P_CLOSE = 2, /* " ' ) ] } after a terminator belong to its ending */
	P_OPEN  = 4, /* " ' after the ending start the next sentence */
};

_Static_assert(P_TERM == 1, "quiet_run shifts P_TERM to Q_TERMINATED");
static const uint8_t qpunct[128] = {
	['.'] = P_TERM,
	['!'] = P_TERM,
	['?'] = P_TERM,
	['"'] = P_CLOSE | P_OPEN,
	['\''] = P_CLOSE | P_OPEN,
	[')'] = P_CLOSE,
	[']'] = P_CLOSE,
	['}'] = P_CLOSE,
};

/*
 * The length of an ASCII number at the start of v whose letters and
 * digits are the bits of alnum (digits: digit): the runs joined by a
 * separator (, . : / -) with a digit after it, as scan_number joins them
 * (15 or 16 when the window cannot tell where it ends).
 */
static inline __attribute__((always_inline)) unsigned
number_len(__m128i v, unsigned alnum, unsigned digit)
{
	__m128i  s = _mm_or_si128(
	     _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(',')),
	         _mm_cmpeq_epi8(v, _mm_set1_epi8('.'))),
	     _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(':')),
	         _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('/')),
	             _mm_cmpeq_epi8(v, _mm_set1_epi8('-')))));
	unsigned sep = (unsigned) _mm_movemask_epi8(s);

	return ((unsigned) __builtin_ctz(
	    ~(alnum | (sep & (digit >> 1))) | 0x10000u));
}

/*
 * The length of an ASCII word at the start of v whose letters and digits
 * are the bits of alnum and whose first run ends on an apostrophe or a
 * hyphen: the parts joined by an apostrophe or hyphen with a letter or
 * digit after it, as scan_word joins them (16 when the window holds no
 * end).  *hyph gets 1 when a hyphen joins, 2 when the word is a
 * possessive (its last joiner an apostrophe with one 's' or 'S' after
 * it, which scan_word splits off).
 */
static inline __attribute__((always_inline)) unsigned
joined_len(__m128i v, unsigned alnum, unsigned *hyph)
{
	unsigned apos = (unsigned) _mm_movemask_epi8(
	    _mm_cmpeq_epi8(v, _mm_set1_epi8('\'')));
	unsigned minus = (unsigned) _mm_movemask_epi8(
	    _mm_cmpeq_epi8(v, _mm_set1_epi8('-')));
	unsigned word = alnum | ((apos | minus) & (alnum >> 1));
	unsigned k    = (unsigned) __builtin_ctz(~word | 0x10000u);
	unsigned run  = (1u << k) - 1;
	unsigned last;

	*hyph = (minus & run) != 0;
	if ((apos & run) != 0 && k < 16) {
		last = 31u - (unsigned) __builtin_clz(apos & run);
		if (last + 2 == k) {
			*hyph |= 2; /* the caller checks the 's' */
		}
	}
	return (k);
}

/* quiet_run's state bit for a terminator pending, above the token flags
 * it keeps beside it. */
#define Q_TERM_SHIFT 16
#define Q_TERMINATED (1u << Q_TERM_SHIFT)
/* ... and for an abbreviation just made, which ends a sentence when a
 * line break follows it. */
#define Q_ABBREV_SHIFT 17
#define Q_ABBREV (1u << Q_ABBREV_SHIFT)
/* quiet_word's mark of a possessive "'s" to split off. */
#define Q_SPLIT (1u << 18)
_Static_assert(NERP_TF_HYPHENATED < 1u << 16,
    "the 16-bit token flags hold no mark of quiet_run's");
_Static_assert(NERP_TF_LINE_START == 1u << 7 && NERP_TF_ABBREV == 1u << 10,
    "q_ended reads LINE_START as bit 7, quiet_run moves ABBREV by 7");

/* 1 when the state st may end a sentence before the next token (a
 * terminator, or an abbreviation and a line break), else 0; tok_push's
 * test. */
static inline unsigned
q_ended(unsigned st)
{
	return (((st >> Q_TERM_SHIFT) | ((st >> Q_ABBREV_SHIFT) & (st >> 7)))
	    & 1u);
}

/*
 * The length of an ASCII abbreviation at the start of the 16 bytes at s
 * (a letter and a period) with NERP_TF_ABBREV or'ed in, as abbrev_len
 * finds it: single letters each followed by a period, two or more of
 * them, or one capital.  1 when it is one small letter (a word of its
 * own); 0 when the general loop must take it (a byte from 0x80 where a
 * letter may be, or no end within the 16 bytes).
 */
static __attribute__((noinline)) unsigned
quiet_abbrev(const uint8_t *s)
{
	unsigned i, c;

	for (i = 0; i < 16; i += 2) {
		c = s[i];
		if (c >= 0x80) {
			return (0);
		}
		if (((c | 0x20) < 'a' || (c | 0x20) > 'z') || s[i + 1] != '.') {
			break;
		}
	}
	if (i == 16) {
		return (0);
	}
	if (i == 2 && s[0] >= 'a') {
		return (1);
	}
	return (i | NERP_TF_ABBREV);
}

/* What ends a word or number in quiet_run, by the byte after its run of
 * letters and digits: 0 for most bytes, which end it plainly. */
enum qend {
	E_HIGH = 1, /* from 0x80: maybe a word character */
	E_JOIN = 2, /* ' or -: may join a word's parts */
	E_SEP  = 4, /* , . : / -: may join a number's parts */
	E_DOT  = 8, /* .: after a single letter, an abbreviation */
	E_LONG = 16, /* a letter or digit: after 16 of them, a long word */
};

static const uint8_t qend[256] = {
	['\''] = E_JOIN,
	['-']  = E_JOIN | E_SEP,
	[',']  = E_SEP,
	['.']  = E_SEP | E_DOT,
	[':']  = E_SEP,
	['/']  = E_SEP,
	['0' ... '9'] = E_LONG,
	['A' ... 'Z'] = E_LONG,
	['a' ... 'z'] = E_LONG,
	[0x80 ... 0xFF] = E_HIGH,
};

/*
 * The length of the word at the start of the 17 bytes at s whose first
 * run of letters and digits (k bytes, the bits of alnum) ends on a byte
 * that may go on with it (from 0x80, or a letter or digit after 16),
 * join more parts (an apostrophe or hyphen) or make an abbreviation (a
 * period after one letter: then quiet_abbrev's result), with
 * NERP_TF_HYPHENATED or'ed in when a hyphen joins its parts and Q_SPLIT
 * when its last two bytes are a possessive "'s" to be split off; or 0
 * when the general loop must take it.
 */
static __attribute__((noinline)) unsigned
quiet_word(const uint8_t *s, unsigned k, unsigned alnum)
{
	unsigned c = s[k];
	unsigned hyph;

	if (qend[c] & (E_HIGH | E_LONG)) {
		return (0); /* maybe a word character, or a long word */
	}
	if (k == 1 && c == '.') {
		return (quiet_abbrev(s));
	}
	if (c != '\'' && c != '-') {
		return (k);
	}
	k = joined_len(_mm_loadu_si128((const __m128i *) (const void *) s),
	    alnum, &hyph);
	if (k >= 15) {
		return (0);
	}
	c = s[k];
	/* A byte from 0x80 may go on with the word. */
	if (c >= 0x80 || ((c == '\'' || c == '-') && s[k + 1] >= 0x80)) {
		return (0);
	}
	/* A possessive ("Russia's"): its last joiner an apostrophe with one
	 * 's' or 'S' after it. */
	if ((hyph & 2) != 0 && (s[k - 1] | 0x20) == 's') {
		k |= Q_SPLIT;
	}
	return (k | ((hyph & 1) != 0 ? NERP_TF_HYPHENATED : 0));
}

/*
 * The length of the number at the start of the 16 bytes at s (its first
 * byte a digit; bit k of up, lo, dg: s[k] is a capital, small letter,
 * digit): the runs of letters and digits joined by a separator
 * (, . : / -) with a digit after it, with its case and digit flags
 * shifted left by 8 or'ed in; or 0 when the general loop must take it.
 */
static __attribute__((noinline)) unsigned
quiet_number(const uint8_t *s, unsigned up, unsigned lo, unsigned dg)
{
	__m128i  v     = _mm_loadu_si128((const __m128i *) (const void *) s);
	unsigned alnum = up | lo | dg;
	unsigned k     = (unsigned) __builtin_ctz(~alnum | 0x10000u);
	unsigned run, lt, flags;

	if (k == 16 || s[k] >= 0x80) {
		return (0); /* long, or maybe a word character */
	}
	if (qend[s[k]] & E_SEP) {
		k = number_len(v, alnum, dg);
		if (k >= 15 || s[k] >= 0x80) {
			return (0); /* may go on */
		}
	}
	run   = (1u << k) - 1;
	flags = NERP_TF_HAS_DIGIT;
	lt    = (up | lo) & run;
	if (lt != 0) {
		/* "1990s": case flags of the letters, the first letter's
		 * for the initial. */
		flags |= ((lo & run) == 0 ? NERP_TF_ALL_UPPER : 0)
		    | ((up & run) == 0 ? NERP_TF_ALL_LOWER : 0)
		    | ((up & lt & (0u - lt)) != 0 ? NERP_TF_UPPER_INITIAL : 0);
	}
	return (k | flags << 8);
}

/* 1 when x (below 2^16) is not 0, else 0, without a branch: x + 0xFFFF
 * carries into bit 16 unless x is 0. */
static inline unsigned
nonzero16(unsigned x)
{
	return ((x + 0xFFFFu) >> 16);
}

/* The case and digit flags of a word by whether it has small letters
 * (bit 0), capitals (bit 1) and digits (bit 2); a word has a letter, so
 * never 0 or 4. */
static const uint16_t word_flags[8] = {
	[1] = NERP_TF_ALL_LOWER,
	[2] = NERP_TF_ALL_UPPER,
	[3] = 0,
	[5] = NERP_TF_ALL_LOWER | NERP_TF_HAS_DIGIT,
	[6] = NERP_TF_ALL_UPPER | NERP_TF_HAS_DIGIT,
	[7] = NERP_TF_HAS_DIGIT,
};

/* The case and digit flags of a word whose bytes are the bits of run,
 * the first a letter, and whose letters, capitals and digits are among
 * the bits of lt, up and dg.  No branch for the common all-small word:
 * which words have capitals follows no pattern a predictor can learn
 * (with the change to quiet_run's test of a period, tokens + keys ~4%
 * faster by the clock). */
static inline unsigned
word_case(unsigned run, unsigned lt, unsigned up, unsigned dg)
{
	return (word_flags[nonzero16(lt & ~up & run) | nonzero16(up & run) << 1
	           | nonzero16(dg & run) << 2]
	    | (up & 1u)); /* NERP_TF_UPPER_INITIAL */
}

/* NERP_TF_SENT_START, marking the token before out with
 * NERP_TF_SENT_END, when a word at out starts a sentence in the state st
 * (which has a blank line, a terminator or an abbreviation), bit 0 of up
 * set when its first letter is a capital: after a blank line, or a
 * capital after a terminator; else 0.  A token came before out. */
static inline unsigned
word_sentence(nerp_token *out, unsigned st, unsigned up)
{
	if ((st & NERP_TF_PARA_START) != 0 || (q_ended(st) & up) != 0) {
		out[-1].flags |= NERP_TF_SENT_END;
		return (NERP_TF_SENT_START);
	}
	return (0);
}

/* Writes the token [start, end) of kind and flags (their low 16 bits) at
 * out. */
static inline void
q_put(nerp_token *out, size_t start, size_t end, unsigned kind,
    unsigned flags)
{
	out->start = (uint32_t) start;
	out->end   = (uint32_t) end;
	out->kind  = (uint16_t) kind;
	out->flags = (uint16_t) flags;
}

/*
 * Running ASCII text: words (joined by inner hyphens and apostrophes,
 * a possessive "'s" split off), numbers, punctuation, spaces and '\n'
 * line breaks, where tok_push's rules come down to a few flags: the space
 * before, line and paragraph starts, and the sentence marks after a
 * terminator ('.', '!', '?', with the closers right after it) or a blank
 * line.  Runs while 17 bytes are left to read from pos, the output has
 * room and the tokens are of that kind, with the state in registers.  Each
 * token starts with one 16-byte load whose compares give a word's end
 * and case flags without a branch per byte; its key is hashed from the
 * same register.  Called only with ts->n > 0 and no line break,
 * terminator or abbreviation pending; leaves ts->space, ts->newlines and
 * ts->term as tok_push would, and returns where it stopped, on the first
 * byte it leaves to the general loop (other line breaks, bytes from
 * 0x80, long words, a full output).  Reads p[0..len), whose tokens are
 * those of the text from base (their offsets base + pos), while
 * pos < tlim, where 17 bytes can be read from pos.
 */
static inline __attribute__((always_inline)) size_t
quiet_run(tok_state *ts, const uint8_t *p, size_t len, size_t tlim,
    size_t base, size_t pos, int with_keys)
{
	nerp_token *out  = ts->out + ts->n; /* the next token */
	nerp_token *stop = ts->out + ts->cap;
	uint64_t   *keys = with_keys ? ts->keys + ts->n : NULL;
	/* The space before, the line and paragraph starts pending (their
	 * flag bits, which go into the next token's), Q_TERMINATED and
	 * Q_ABBREV (above the 16 bits of token flags). */
	unsigned st = ts->space ? NERP_TF_SPACE_BEFORE : 0;
	unsigned sent, nterm, lt, up, dg, an, k, c, run, flags, kind, sp;
	uint64_t key = 0; /* set and used only with_keys */
	size_t   end;
	size_t   room, lim;
	uint8_t  lower[16];
	__m128i  v, low;

	/* Each token takes at least one byte of text (a possessive's two
	 * take three): stopping where the bytes from pos outnumber the room
	 * left, the inner loop never finds the output full at its top, and
	 * tests only pos; there the outer one looks at the room again.
	 * (Where it is full, the general loop goes on.) */
next:
	room = (size_t) (stop - out);
	lim  = tlim;
	if (pos < lim && lim - pos > room) {
		lim = pos + room;
	}
	while (pos < lim) {
		/* One load classifies the 16 bytes from pos: bit j of lt,
		 * up is whether byte pos + j is a letter, a capital; low is
		 * the load with bit 0x20 set in every byte, which is a word
		 * lowercased.  The digits (dg) are looked for only where a
		 * token may have some: few words do. */
		v   = _mm_loadu_si128((const __m128i *) (const void *) (p + pos));
		low = _mm_or_si128(v, _mm_set1_epi8(0x20));
		lt  = (unsigned) range16(low, 'a', 'z');
		up  = (unsigned) range16(v, 'A', 'Z');
		if ((lt & 1) == 0) {
			goto other;
		}
		if (with_keys) {
			_mm_storeu_si128((__m128i *) (void *) lower, low);
		}
		/* Most tokens are words, made here without the sentence
		 * rules of other tokens.  k: the run of letters and digits
		 * (16 when it fills the window); of letters only until a
		 * digit ends it (then parts looks again). */
		dg = 0;
		an = lt;
		k  = (unsigned) __builtin_ctz(~an | 0x10000u);
		/* The byte after the run may go on with the word (a digit, a
		 * letter after 16, a byte from 0x80), join an apostrophe or
		 * hyphen part or, after one letter, make an abbreviation (a
		 * period after more ends the word, most often a sentence's
		 * last, as a space would). */
		c = p[pos + k];
		if (qend[c]
		    & (E_HIGH | E_JOIN | E_LONG | (k == 1 ? E_DOT : 0))) {
			goto parts;
		}
		/* A word of one run.  run: its bits and the one after it,
		 * which is no letter or digit (x ^ (x + 1) sets the lowest
		 * run of ones in x and the zero above it). */
plain:
		run   = an ^ (an + 1);
		/* A blank line, a terminator or an abbreviation before it
		 * may make the word start a sentence. */
		flags = 0;
		if (st & (NERP_TF_PARA_START | Q_TERMINATED | Q_ABBREV)) {
			flags = word_sentence(out, st, up);
		}
		flags |= word_case(run, lt, up, dg);
		q_put(out++, base + pos, base + pos + k, NERP_TOK_WORD,
		    flags | st);
		if (with_keys) {
			*keys++ = key_word(lower, k);
		}
		/* The word ended on c, one of the 17 bytes readable: most
		 * often a space, taken here; else often punctuation, which
		 * needs no load of the window (while pos < lim, the output
		 * has room for it). */
		pos += k;
		st = 0;
		if (c == ' ') {
			st = NERP_TF_SPACE_BEFORE;
			pos++;
		} else if (qact[c] == Q_PUNCT && pos < lim) {
			goto punct;
		}
		continue;
parts:
		/* The run again with the digits, which a word of letters and
		 * digits ("G20") or parts ("COVID-19") may have. */
		dg = (unsigned) range16(v, '0', '9');
		an = lt | dg;
		k  = (unsigned) __builtin_ctz(~an | 0x10000u);
		c  = p[pos + k];
		if ((qend[c] & (E_HIGH | E_JOIN | E_DOT | E_LONG)) == 0) {
			goto plain;
		}
		/* A word of more parts, an abbreviation, or a possessive;
		 * or a word with digits ended by a period ("G20."), which
		 * ends it as a space would (a word of letters only comes
		 * here with a period only after one letter). */
		if (c == '.' && k > 1) {
			goto plain;
		}
		k = quiet_word(p + pos, k, an);
		if (k == 0) {
			goto done;
		}
		flags = k & (NERP_TF_HYPHENATED | NERP_TF_ABBREV | Q_SPLIT);
		k &= 0xFFu;
		if (flags & Q_SPLIT) {
			/* Two tokens: the word, then "'s". */
			if (stop - out < 2) {
				goto done;
			}
			k -= 2;
		}
		run = (1u << k) - 1; /* k from 1 to 16 */
		flags |= word_case(run, lt, up, dg);
		if (st & (NERP_TF_PARA_START | Q_TERMINATED | Q_ABBREV)) {
			flags |= word_sentence(out, st, up);
		}
		q_put(out++, base + pos, base + pos + k, NERP_TOK_WORD,
		    flags | st);
		if (with_keys) {
			*keys++ = key_word(lower, k);
		}
		pos += k;
		if (flags & Q_SPLIT) {
			/* The "'s" right after the word. */
			q_put(out++, base + pos, base + pos + 2, NERP_TOK_WORD,
			    NERP_TF_POSSESSIVE
			        | (p[pos + 1] == 'S' ? NERP_TF_ALL_UPPER
			                    | NERP_TF_UPPER_INITIAL
			                             : NERP_TF_ALL_LOWER));
			if (with_keys) {
				/* "'s" or "'S", folded. */
				*keys++ = xxh3_short((const uint8_t *) "'s", 2);
			}
			pos += 2;
		}
		sp = p[pos] == ' ';
		st = (flags & NERP_TF_ABBREV) << (Q_ABBREV_SHIFT - 10)
		    | sp << 8; /* NERP_TF_SPACE_BEFORE */
		pos += sp;
		continue;
other:
		c = p[pos];
		if (qact[c] == Q_PUNCT) {
			/* Punctuation, one byte or a run of it. */
punct:
			end = pos + 1;
			while (end < len && p[end] == c) {
				end++;
			}
			kind  = NERP_TOK_PUNCT;
			flags = 0;
			/* A terminator ends the sentence (and one after a
			 * terminator starts nothing). */
			sent  = 0;
			nterm = (qpunct[c] & P_TERM) << Q_TERM_SHIFT;
			if ((qpunct[c] & (P_CLOSE | P_OPEN)) == 0) {
				/* most punctuation */
			} else if ((st & (Q_TERMINATED | NERP_TF_SPACE_BEFORE))
			        == Q_TERMINATED
			    && (qpunct[c] & P_CLOSE) != 0) {
				/* A closer right after the terminator is part
				 * of the ending: the sentence ends after
				 * it. */
				nterm = Q_TERMINATED;
			} else if (q_ended(st)) {
				/* An opening quote starts the next
				 * sentence. */
				sent = (qpunct[c] & P_OPEN) != 0;
			}
			/* ASCII punctuation folds to itself. */
			if (!with_keys) {
				/* tokens only */
			} else if (end - pos == 1) {
				key = byte_keys[c];
			} else if (end - pos <= 16) {
				key = xxh3_short(p + pos, end - pos);
			} else {
				key = neri_key((const char *) p + pos, end - pos);
			}
		} else if (qact[c] == Q_DIGIT) {
			dg = (unsigned) range16(v, '0', '9');
			k  = quiet_number(p + pos, up, lt & ~up, dg);
			if (k == 0) {
				goto done;
			}
			flags = k >> 8;
			k &= 0xFFu;
			kind = NERP_TOK_NUMBER;
			end  = pos + k;
			if (with_keys) {
				_mm_storeu_si128((__m128i *) (void *) lower, low);
				key = key_word(lower, k);
			}
			/* After a terminator a digit starts a sentence. */
			sent  = q_ended(st);
			nterm = 0;
		} else if (qact[c] == Q_SPACE) {
			st |= NERP_TF_SPACE_BEFORE;
			pos++;
			continue;
		} else if (qact[c] == Q_NEWLINE) {
			/* A second line break makes a blank line. */
			st |= NERP_TF_SPACE_BEFORE | NERP_TF_LINE_START
			    | (st & NERP_TF_LINE_START) >> 1;
			pos++;
			continue;
		} else {
			goto done;
		}
		/* A blank line starts a paragraph and a sentence. */
		sent |= (st & NERP_TF_PARA_START) >> 6;
		if (sent) {
			/* A token came before this one (ts->n > 0). */
			flags |= NERP_TF_SENT_START;
			out[-1].flags |= NERP_TF_SENT_END;
		}
		q_put(out++, base + pos, base + end, kind, flags | st);
		if (with_keys) {
			*keys++ = key;
		}
		/* Most tokens are followed by one space: take it here
		 * (end < len: the byte at end is in the text). */
		sp  = end < len && p[end] == ' ';
		st  = nterm | sp << 8; /* NERP_TF_SPACE_BEFORE */
		pos = end + sp;
	}
	if (pos < tlim && out < stop) {
		goto next;
	}
done:
	ts->n          = (size_t) (out - ts->out);
	ts->space      = (st & NERP_TF_SPACE_BEFORE) != 0;
	ts->term       = (st & Q_TERMINATED) != 0;
	ts->abbrev_end = (st & Q_ABBREV) != 0;
	ts->newlines   = (st & NERP_TF_PARA_START) ? 2
	      : (st & NERP_TF_LINE_START)          ? 1
	                                           : 0;
	return (pos);
}

/* quiet_run over the text while 17 bytes are left from pos (made twice,
 * so that plain tokenising tests no keys pointer). */
size_t
neri_quiet_tokens(tok_state *ts, size_t pos)
{
	return (quiet_run(ts, ts->p, ts->len, ts->len - 16, 0, pos, 0));
}

size_t
neri_quiet_tokens_keys(tok_state *ts, size_t pos)
{
	(void) pthread_once(&byte_keys_once, byte_keys_make);
	return (quiet_run(ts, ts->p, ts->len, ts->len - 16, 0, pos, 1));
}

/* quiet_run over the end of the text, 16 bytes or fewer from pos: on a
 * copy with zeros after it, so that its 17-byte reads stay in bounds (a
 * zero is no letter, digit or space, and the copy's end stops the scan
 * of a punctuation run). */
size_t
neri_quiet_tail(tok_state *ts, size_t pos)
{
	uint8_t buf[32];
	size_t  n = ts->len - pos;

	memset(buf, 0, sizeof(buf));
	memcpy(buf, ts->p + pos, n);
	if (ts->keys != NULL) {
		(void) pthread_once(&byte_keys_once, byte_keys_make);
	}
	return (pos
	    + quiet_run(ts, buf, n, n, pos, 0, ts->keys != NULL));
}
#endif
