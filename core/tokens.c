/*
 * core/tokens.c: the shared tokenizer (rules in nerd/plugin.h) and the
 * UTF-8 validator.
 *
 * One pass over the text.  ASCII bytes are classified through a table;
 * other code points are decoded and classified with utf8proc.  A word's
 * run of ASCII letters and digits is measured on bit masks of 64-byte
 * blocks (SSE2 compares where available, the table otherwise) with one
 * count of trailing zeros, instead of a branch per byte.  Flags that
 * depend on the next token (SENT_END) are set on the previous token when
 * the next one is seen, so the scan never looks back more than one token.
 * The middle of a sentence goes faster still, in core/quiet.c, a token at
 * a time from one 16-byte load.  neri_tokenize_keys keys each token as it is
 * made (XXH3 of the folded text, as neri_key).
 *
 * Choices the rules in plugin.h leave open:
 *  - Hyphens are '-', U+2010 and U+2011; apostrophes '\'' and U+2019.  An
 *    en dash is punctuation, in words and numbers alike.
 *  - A possessive is split off only when the word ends in the apostrophe
 *    and one 's' or 'S' ("O'Shea's" -> "O'Shea", "'s").
 *  - Abbreviations: two or more single letters each followed by a period
 *    ("U.S.", "e.g."), or one uppercase letter and a period ("S.").  They
 *    carry NERP_TF_ABBREV.  One that ends a line and is followed by a
 *    token that could start a sentence gets SENT_END (and that token
 *    SENT_START); mid-line ("U.S. officials") the host cannot tell and
 *    keeps the sentence going.
 *  - Terminators are '.', '!', '?' and U+2026, alone or in runs ("...").
 *    Closing quotes and brackets count as part of the ending only when no
 *    whitespace precedes them.  Opening quotes: " ' U+201C U+2018 U+201E
 *    U+201A U+00AB U+2039.
 *  - Line breaks: LF, CR, CRLF (one break), VT, FF, U+0085, U+2028;
 *    U+2029 counts as a blank line.
 *  - Bytes that are not UTF-8 become one-byte PUNCT tokens.
 *  - Case flags count letters only; caseless letters (CJK) make a token
 *    neither ALL_UPPER nor ALL_LOWER.
 */
#include <stdint.h>
#include <string.h>

#include <utf8proc.h>

#include "keyascii.h"
#include "tokstate.h"

/* Character classes. */
enum cclass {
	C_OTHER = 0, /* punctuation, symbols, controls: a PUNCT token */
	C_SPACE,     /* White_Space that does not end a line */
	C_NEWLINE,   /* White_Space that ends a line */
	C_PARA,      /* U+2029: ends a paragraph by itself */
	C_UPPER,     /* Lu, Lt */
	C_LOWER,     /* Ll */
	C_LETTER,    /* Lm, Lo: caseless letters */
	C_MARK,      /* Mn, Mc, Me, ZWJ, ZWNJ */
	C_DIGIT,     /* Nd */
};

#define BIT(c) (1u << (c))
_Static_assert(C_LOWER == C_UPPER + 1 && C_LETTER == C_UPPER + 2,
    "flags_of reads the three letter classes as three adjacent bits");
#define LETTER_BITS (BIT(C_UPPER) | BIT(C_LOWER) | BIT(C_LETTER))
#define WORD_BITS (LETTER_BITS | BIT(C_MARK) | BIT(C_DIGIT))
#define IS_LETTER(c) ((BIT(c) & LETTER_BITS) != 0)
#define IS_WORDCH(c) ((BIT(c) & WORD_BITS) != 0)

static const uint8_t ascii_class[128] = {
	['\t'] = C_SPACE,
	['\n'] = C_NEWLINE,
	['\v'] = C_NEWLINE,
	['\f'] = C_NEWLINE,
	['\r'] = C_NEWLINE,
	[' ']  = C_SPACE,
	['0']  = C_DIGIT,
	['1']  = C_DIGIT,
	['2']  = C_DIGIT,
	['3']  = C_DIGIT,
	['4']  = C_DIGIT,
	['5']  = C_DIGIT,
	['6']  = C_DIGIT,
	['7']  = C_DIGIT,
	['8']  = C_DIGIT,
	['9']  = C_DIGIT,
	['A']  = C_UPPER,
	['B']  = C_UPPER,
	['C']  = C_UPPER,
	['D']  = C_UPPER,
	['E']  = C_UPPER,
	['F']  = C_UPPER,
	['G']  = C_UPPER,
	['H']  = C_UPPER,
	['I']  = C_UPPER,
	['J']  = C_UPPER,
	['K']  = C_UPPER,
	['L']  = C_UPPER,
	['M']  = C_UPPER,
	['N']  = C_UPPER,
	['O']  = C_UPPER,
	['P']  = C_UPPER,
	['Q']  = C_UPPER,
	['R']  = C_UPPER,
	['S']  = C_UPPER,
	['T']  = C_UPPER,
	['U']  = C_UPPER,
	['V']  = C_UPPER,
	['W']  = C_UPPER,
	['X']  = C_UPPER,
	['Y']  = C_UPPER,
	['Z']  = C_UPPER,
	['a']  = C_LOWER,
	['b']  = C_LOWER,
	['c']  = C_LOWER,
	['d']  = C_LOWER,
	['e']  = C_LOWER,
	['f']  = C_LOWER,
	['g']  = C_LOWER,
	['h']  = C_LOWER,
	['i']  = C_LOWER,
	['j']  = C_LOWER,
	['k']  = C_LOWER,
	['l']  = C_LOWER,
	['m']  = C_LOWER,
	['n']  = C_LOWER,
	['o']  = C_LOWER,
	['p']  = C_LOWER,
	['q']  = C_LOWER,
	['r']  = C_LOWER,
	['s']  = C_LOWER,
	['t']  = C_LOWER,
	['u']  = C_LOWER,
	['v']  = C_LOWER,
	['w']  = C_LOWER,
	['x']  = C_LOWER,
	['y']  = C_LOWER,
	['z']  = C_LOWER,
};

/* BIT(class) of the ASCII letters and digits plus the marker bit WORD_ASCII,
 * 0 for every other byte (bytes from 0x80 start code points the slow path
 * classifies): the inner loop of words and numbers.  The marker lets one
 * AND tell that four bytes in a row are all word characters; it is set in
 * no class mask, so it may ride along in a set of classes. */
#define WORD_ASCII 0x8000u
#define WU (BIT(C_UPPER) | WORD_ASCII)
#define WL (BIT(C_LOWER) | WORD_ASCII)
#define WD (BIT(C_DIGIT) | WORD_ASCII)
static const uint16_t word_bits[256] = {
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
	WD, WD, WD, WD, WD, WD, WD, WD, WD, WD,  0,  0,  0,  0,  0,  0,
	 0, WU, WU, WU, WU, WU, WU, WU, WU, WU, WU, WU, WU, WU, WU, WU,
	WU, WU, WU, WU, WU, WU, WU, WU, WU, WU, WU,  0,  0,  0,  0,  0,
	 0, WL, WL, WL, WL, WL, WL, WL, WL, WL, WL, WL, WL, WL, WL, WL,
	WL, WL, WL, WL, WL, WL, WL, WL, WL, WL, WL,  0,  0,  0,  0,  0,
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
};
#undef WU
#undef WL
#undef WD

/* Decodes one code point at p (n > 0 bytes left) into *cp and returns its
 * length.  A malformed sequence decodes as U+FFFD of length 1, so the
 * tokenizer copes with text that was never validated. */
static size_t
utf8_decode(const uint8_t *p, size_t n, int32_t *cp)
{
	uint32_t c = p[0];
	uint32_t v;
	size_t   len;
	size_t   i;

	if (c < 0x80) {
		*cp = (int32_t) c;
		return (1);
	}
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		v   = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		v   = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		v   = c & 0x07;
	} else {
		goto bad;
	}
	if (len > n) {
		goto bad;
	}
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80) {
			goto bad;
		}
		v = (v << 6) | (p[i] & 0x3F);
	}
	if ((len == 3 && v < 0x800) || (len == 4 && v < 0x10000)
	    || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
		goto bad;
	}
	*cp = (int32_t) v;
	return (len);
bad:
	*cp = 0xFFFD;
	return (1);
}

static int
class_of_cp(int32_t cp)
{
	switch (cp) {
	case 0x85:
	case 0x2028:
		return (C_NEWLINE);
	case 0x2029:
		return (C_PARA);
	case 0x200C:
	case 0x200D:
		return (C_MARK);
	default:
		break;
	}
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LT:
		return (C_UPPER);
	case UTF8PROC_CATEGORY_LL:
		return (C_LOWER);
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
		return (C_LETTER);
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
		return (C_MARK);
	case UTF8PROC_CATEGORY_ND:
		return (C_DIGIT);
	case UTF8PROC_CATEGORY_ZS:
		return (C_SPACE);
	case UTF8PROC_CATEGORY_ZL:
		return (C_NEWLINE);
	case UTF8PROC_CATEGORY_ZP:
		return (C_PARA);
	default:
		return (C_OTHER);
	}
}

/* Classifies the code point at p; sets *cp and *len. */
static inline __attribute__((always_inline)) int
class_at(const uint8_t *p, size_t n, int32_t *cp, size_t *len)
{
	if (p[0] < 0x80) {
		*cp  = p[0];
		*len = 1;
		return (ascii_class[p[0]]);
	}
	*len = utf8_decode(p, n, cp);
	return (class_of_cp(*cp));
}

/* Class of the code point at pos, or C_SPACE past the end. */
static int
class_peek(const uint8_t *p, size_t len, size_t pos)
{
	int32_t cp;
	size_t  n;

	if (pos >= len) {
		return (C_SPACE);
	}
	return (class_at(p + pos, len - pos, &cp, &n));
}

static int
is_apostrophe(int32_t cp)
{
	return (cp == '\'' || cp == 0x2019);
}

static int
is_hyphen(int32_t cp)
{
	return (cp == '-' || cp == 0x2010 || cp == 0x2011);
}

static int
is_number_sep(int32_t cp)
{
	return (cp == ',' || cp == '.' || cp == ':' || cp == '/' || cp == '-');
}

static int
is_terminator(int32_t cp)
{
	return (cp == '.' || cp == '!' || cp == '?' || cp == 0x2026);
}

static int
is_opening_quote(int32_t cp)
{
	return (cp == '"' || cp == '\'' || cp == 0x201C || cp == 0x2018
	    || cp == 0x00AB || cp == 0x201E || cp == 0x201A || cp == 0x2039);
}

static int
is_closer(int32_t cp)
{
	return (cp == '"' || cp == '\'' || cp == 0x201D || cp == 0x2019
	    || cp == 0x00BB || cp == 0x203A || cp == ')' || cp == ']'
	    || cp == '}');
}

/* Case and digit flags from the classes seen in a token (a set of
 * BIT(class)) and the class of its first letter. */
static inline uint16_t
flags_of(unsigned seen, int first_letter)
{
	/* By which of upper, lower and caseless letters were seen. */
	static const uint16_t by_letters[8] = {
		[1] = NERP_TF_ALL_UPPER,
		[2] = NERP_TF_ALL_LOWER,
	};
	uint16_t flags = by_letters[(seen >> C_UPPER) & 7u];

	if (first_letter == C_UPPER) {
		flags |= NERP_TF_UPPER_INITIAL;
	}
	if (seen & BIT(C_DIGIT)) {
		flags |= NERP_TF_HAS_DIGIT;
	}
	return (flags);
}

/* Case and digit flags of the letters and digits in [start, end). */
static uint16_t
case_flags(const uint8_t *p, size_t start, size_t end)
{
	unsigned seen  = 0;
	int      first = C_OTHER;
	size_t   i     = start;
	int32_t  cp;
	size_t   n;
	int      c;

	while (i < end) {
		c = class_at(p + i, end - i, &cp, &n);
		i += n;
		if (first == C_OTHER && IS_LETTER(c)) {
			first = c;
		}
		seen |= BIT(c);
	}
	return (flags_of(seen, first));
}

/* Skips word characters from i; adds their classes to *seen and returns
 * the position of the first other character. */
static inline __attribute__((always_inline)) size_t
skip_wordch(const uint8_t *p, size_t len, size_t i, unsigned *seen)
{
	unsigned acc = *seen;
	unsigned bit;
	int32_t  cp;
	size_t   n;

	for (;;) {
		/* The common case: a run of ASCII letters and digits, four
		 * bytes at a time while they last. */
		while (i + 4 <= len) {
			unsigned b0 = word_bits[p[i]];
			unsigned b1 = word_bits[p[i + 1]];
			unsigned b2 = word_bits[p[i + 2]];
			unsigned b3 = word_bits[p[i + 3]];

			if ((b0 & b1 & b2 & b3) == 0) {
				break;
			}
			acc |= b0 | b1 | b2 | b3;
			i += 4;
		}
		while (i < len) {
			bit = word_bits[p[i]];
			if (bit == 0) {
				break;
			}
			acc |= bit;
			i++;
		}
		if (i >= len || p[i] < 0x80) {
			break;
		}
		bit = BIT(class_at(p + i, len - i, &cp, &n));
		if ((bit & WORD_BITS) == 0) {
			break;
		}
		acc |= bit;
		i += n;
	}
	*seen = acc;
	return (i);
}

/*
 * Length of an abbreviation with periods at pos ("U.S.", "p.m.", "S."), or
 * 0: two or more single letters each followed by a period, or one
 * uppercase letter followed by a period.  pos starts a word, so each
 * letter stands alone: a period or a non-word character precedes it.
 */
static size_t
abbrev_len(const uint8_t *p, size_t len, size_t pos)
{
	size_t  i     = pos;
	size_t  parts = 0;
	int     upper = 0;
	int32_t cp;
	size_t  n;
	int     c;

	while (i < len) {
		c = class_at(p + i, len - i, &cp, &n);
		if (!IS_LETTER(c) || i + n >= len || p[i + n] != '.') {
			break;
		}
		if (parts == 0) {
			upper = (c == C_UPPER);
		}
		parts++;
		i += n + 1;
	}
	if (parts == 0 || (parts == 1 && !upper)) {
		return (0);
	}
	return (i - pos);
}

/* Masks of the 64 bytes at b, all readable (bit k: byte b[k] is an ASCII
 * capital, small letter, digit). */
static inline __attribute__((always_inline)) void
masks64(const uint8_t *b, uint64_t *up, uint64_t *lo, uint64_t *dg)
{
	uint64_t u = 0, l = 0, d = 0;
	unsigned k;

#ifdef __SSE2__
	for (k = 0; k < 64; k += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *) (const void *) (b + k));

		u |= range16(v, 'A', 'Z') << k;
		l |= range16(v, 'a', 'z') << k;
		d |= range16(v, '0', '9') << k;
	}
#else
	for (k = 0; k < 64; k++) {
		unsigned bits = word_bits[b[k]];

		u |= (uint64_t) ((bits & BIT(C_UPPER)) != 0) << k;
		l |= (uint64_t) ((bits & BIT(C_LOWER)) != 0) << k;
		d |= (uint64_t) ((bits & BIT(C_DIGIT)) != 0) << k;
	}
#endif
	*up = u;
	*lo = l;
	*dg = d;
}

/* masks64 of the bytes of p[0..len) from base, where fewer than 64 are
 * left: the bytes past len are in no mask. */
static __attribute__((noinline)) void
masks64_tail(const uint8_t *p, size_t len, size_t base, uint64_t *up,
    uint64_t *lo, uint64_t *dg)
{
	uint8_t pad[64];

	memset(pad, 0, sizeof(pad));
	memcpy(pad, p + base, len - base);
	masks64(pad, up, lo, dg);
}

/* Masks of the 64 bytes of p[0..len) at base (bit k: byte base + k is an
 * ASCII capital, small letter, digit); bytes past len are in none. */
static inline __attribute__((always_inline)) void
window_masks(const uint8_t *p, size_t len, size_t base, uint64_t *up,
    uint64_t *lo, uint64_t *dg)
{
	if (base + 64 <= len) {
		masks64(p + base, up, lo, dg);
	} else {
		masks64_tail(p, len, base, up, lo, dg);
	}
}

/* Makes the masks of the 64-byte block at base. */
static void
block_masks(tok_state *ts, size_t base)
{
	ts->mbase = base;
	window_masks(ts->p, ts->len, base, &ts->mupper, &ts->mlower,
	    &ts->mdigit);
}

/* The end of the run of ASCII letters and digits from i, found through
 * the block masks without a branch per byte; adds the classes of the
 * run to *seen. */
static inline size_t
ascii_run(tok_state *ts, size_t i, unsigned *seen)
{
	uint64_t run, word;
	size_t   off, n;

	for (;;) {
		if ((i & ~(size_t) 63) != ts->mbase) {
			block_masks(ts, i & ~(size_t) 63);
		}
		off  = i - ts->mbase;
		word = (ts->mupper | ts->mlower | ts->mdigit) >> off;
		n    = ~word == 0 ? 64 - off : (size_t) __builtin_ctzll(~word);
		if (n > 64 - off) {
			n = 64 - off;
		}
		run = n == 64 ? ~(uint64_t) 0 : (((uint64_t) 1 << n) - 1);
		run <<= off;
		*seen |= ((ts->mupper & run) != 0 ? BIT(C_UPPER) : 0)
		    | ((ts->mlower & run) != 0 ? BIT(C_LOWER) : 0)
		    | ((ts->mdigit & run) != 0 ? BIT(C_DIGIT) : 0);
		i += n;
		if (off + n < 64 || i >= ts->len) {
			return (i);
		}
	}
}

static inline __attribute__((always_inline)) void
tok_push(tok_state *ts, uint32_t start, uint32_t end, uint16_t kind,
    uint16_t flags, int32_t first_cp, int first_class)
{
	int sent = 0;
	int closer_cont;

	closer_cont = ts->term && !ts->space && kind == NERP_TOK_PUNCT
	    && is_closer(first_cp);
	if (ts->n == 0) {
		flags |= NERP_TF_SENT_START | NERP_TF_PARA_START
		    | NERP_TF_LINE_START;
		sent = 1;
	} else {
		if (ts->newlines >= 2) {
			flags |= NERP_TF_PARA_START;
			sent = 1;
		}
		if (ts->newlines >= 1) {
			flags |= NERP_TF_LINE_START;
		}
		if ((ts->term && !closer_cont)
		    || (ts->abbrev_end && ts->newlines >= 1)) {
			if (first_class == C_UPPER || first_class == C_DIGIT
			    || (kind == NERP_TOK_PUNCT
			        && is_opening_quote(first_cp))) {
				sent = 1;
			}
		}
	}
	if (ts->space) {
		flags |= NERP_TF_SPACE_BEFORE;
	}
	if (sent) {
		flags |= NERP_TF_SENT_START;
		if (ts->n > 0 && ts->n - 1 < ts->cap) {
			ts->out[ts->n - 1].flags |= NERP_TF_SENT_END;
		}
	}
	if (ts->n < ts->cap) {
		ts->out[ts->n].start = start;
		ts->out[ts->n].end   = end;
		ts->out[ts->n].kind  = kind;
		ts->out[ts->n].flags = flags;
		if (ts->keys != NULL) {
			ts->keys[ts->n] = neri_key_within(
			    (const char *) ts->p, ts->len, start, end - start);
		}
	}
	ts->n++;
	if (kind == NERP_TOK_PUNCT && is_terminator(first_cp)) {
		ts->term = 1;
	} else if (!closer_cont) {
		ts->term = 0;
	}
	ts->abbrev_end = (flags & NERP_TF_ABBREV) != 0;
	ts->space      = 0;
	ts->newlines   = 0;
}

/* Scans a WORD starting at pos (a letter); returns its end. */
static size_t
scan_word(tok_state *ts, size_t pos, int first_class)
{
	const uint8_t *p       = ts->p;
	size_t         len     = ts->len;
	size_t         i       = pos;
	size_t         apos_at = 0, apos_len = 0;
	unsigned       seen = 0, seen_apos = 0;
	int            hyph = 0;
	int32_t        cp;
	size_t         n;
	uint16_t       flags;

	if (p[pos] < 0x80 && (pos + 1 >= len || p[pos + 1] != '.')) {
		/* An ASCII letter not followed by a period starts no
		 * abbreviation.  Most words are ASCII letters up to a space
		 * or a punctuation mark other than an apostrophe or hyphen:
		 * they end here. */
		i = ascii_run(ts, pos, &seen);
		if (i >= len
		    || (p[i] < 0x80 && p[i] != '\'' && p[i] != '-')) {
			tok_push(ts, (uint32_t) pos, (uint32_t) i,
			    NERP_TOK_WORD, flags_of(seen, first_class), 0,
			    first_class);
			return (i);
		}
	} else {
		n = abbrev_len(p, len, pos);
		if (n > 0) {
			flags = case_flags(p, pos, pos + n) | NERP_TF_ABBREV;
			tok_push(ts, (uint32_t) pos, (uint32_t) (pos + n),
			    NERP_TOK_WORD, flags, 0, first_class);
			return (pos + n);
		}
	}
	for (;;) {
		i = skip_wordch(p, len, i, &seen);
		if (i >= len) {
			break;
		}
		(void) class_at(p + i, len - i, &cp, &n);
		if (!is_apostrophe(cp) && !is_hyphen(cp)) {
			break;
		}
		if (!IS_WORDCH(class_peek(p, len, i + n))) {
			break;
		}
		if (is_apostrophe(cp)) {
			apos_at   = i;
			apos_len  = n;
			seen_apos = seen;
		} else {
			hyph = 1;
		}
		i += n;
	}
	flags = hyph ? NERP_TF_HYPHENATED : 0;
	if (apos_len > 0 && i == apos_at + apos_len + 1
	    && (p[i - 1] == 's' || p[i - 1] == 'S')) {
		/* A possessive: the word, then "'s" as a token of its own. */
		flags |= flags_of(seen_apos, first_class);
		tok_push(ts, (uint32_t) pos, (uint32_t) apos_at, NERP_TOK_WORD,
		    flags, 0, first_class);
		tok_push(ts, (uint32_t) apos_at, (uint32_t) i, NERP_TOK_WORD,
		    case_flags(p, apos_at, i) | NERP_TF_POSSESSIVE, 0,
		    C_OTHER);
		return (i);
	}
	flags |= flags_of(seen, first_class);
	tok_push(ts, (uint32_t) pos, (uint32_t) i, NERP_TOK_WORD, flags, 0,
	    first_class);
	return (i);
}

/* Scans a NUMBER starting at pos (a digit); returns its end. */
static size_t
scan_number(tok_state *ts, size_t pos)
{
	const uint8_t *p    = ts->p;
	size_t         len  = ts->len;
	size_t         i    = pos;
	unsigned       seen = 0;
	uint16_t       flags;

	for (;;) {
		i = skip_wordch(p, len, i, &seen);
		if (i + 1 >= len || !is_number_sep(p[i]) || p[i + 1] < '0'
		    || p[i + 1] > '9') {
			break;
		}
		i++;
	}
	/* Letters in a number ("1990s") are rare: find the first one. */
	if (seen & LETTER_BITS) {
		flags = case_flags(p, pos, i);
	} else {
		flags = flags_of(seen, C_OTHER);
	}
	tok_push(ts, (uint32_t) pos, (uint32_t) i, NERP_TOK_NUMBER, flags, 0,
	    C_DIGIT);
	return (i);
}


/* A PUNCT token of the ASCII byte at pos (or a run of it); returns its
 * end. */
static inline __attribute__((always_inline)) size_t
ascii_punct(tok_state *ts, size_t pos)
{
	const uint8_t *p   = ts->p;
	size_t         end = pos + 1;

	while (end < ts->len && p[end] == p[pos]) {
		end++;
	}
	tok_push(ts, (uint32_t) pos, (uint32_t) end, NERP_TOK_PUNCT, 0, p[pos],
	    C_OTHER);
	return (end);
}

/* neri_tokenize, writing the keys of the tokens to keys when not NULL. */
static size_t
tokenize(const char *text, size_t len, nerp_token *out, uint64_t *keys,
    size_t cap)
{
	tok_state ts;
	size_t    pos = 0;
	int32_t   cp;
	size_t    n;
	size_t    end;
	int       c;

	if (text == NULL) {
		return (0);
	}
	if (len > UINT32_MAX) {
		len = UINT32_MAX; /* offsets are 32-bit */
	}
	memset(&ts, 0, sizeof(ts));
	ts.mbase = SIZE_MAX; /* no block yet */
	ts.p   = (const uint8_t *) text;
	ts.len = len;
	ts.out  = out;
	ts.keys = keys;
	ts.cap  = out == NULL ? 0 : cap;

	while (pos < len) {
		unsigned b = ts.p[pos];

		if (b == ' ') {
			ts.space = 1;
			pos++;
			continue;
		}
#ifdef __SSE2__
		/* Only while the output has room: past it (or counting into
		 * no output) the general loop counts the rest. */
		if (ts.n > 0 && ts.n < ts.cap && ts.newlines == 0 && !ts.term
		    && !ts.abbrev_end) {
			if (pos + 17 > len) {
				end = neri_quiet_tail(&ts, pos);
			} else if (keys != NULL) {
				end = neri_quiet_tokens_keys(&ts, pos);
			} else {
				end = neri_quiet_tokens(&ts, pos);
			}
			if (end != pos) {
				pos = end;
				continue;
			}
		}
#endif
		if (b < 0x80) {
			c = ascii_class[b];
			if (c == C_OTHER) {
				pos = ascii_punct(&ts, pos);
				continue;
			}
		}
		c = class_at(ts.p + pos, len - pos, &cp, &n);
		switch (c) {
		case C_SPACE:
			ts.space = 1;
			pos += n;
			break;
		case C_NEWLINE:
			ts.space = 1;
			ts.newlines++;
			pos += n;
			if (cp == '\r' && pos < len && ts.p[pos] == '\n') {
				pos++;
			}
			break;
		case C_PARA:
			ts.space = 1;
			ts.newlines += 2;
			pos += n;
			break;
		case C_UPPER:
		case C_LOWER:
		case C_LETTER:
			pos = scan_word(&ts, pos, c);
			break;
		case C_DIGIT:
			pos = scan_number(&ts, pos);
			break;
		default:
			/* PUNCT: one code point, or a run of the same one. */
			end = pos + n;
			if (n == 1) {
				while (end < len && ts.p[end] == ts.p[pos]) {
					end++;
				}
			} else {
				while (end + n <= len
				    && memcmp(ts.p + end, ts.p + pos, n)
				        == 0) {
					end += n;
				}
			}
			tok_push(&ts, (uint32_t) pos, (uint32_t) end,
			    NERP_TOK_PUNCT, 0, cp, c);
			pos = end;
			break;
		}
	}
	if (ts.n > 0 && ts.n - 1 < ts.cap) {
		ts.out[ts.n - 1].flags |= NERP_TF_SENT_END;
	}
	return (ts.n);
}

size_t
neri_tokenize(const char *text, size_t len, nerp_token *out, size_t cap)
{
	return (tokenize(text, len, out, NULL, cap));
}

size_t
neri_tokenize_keys(const char *text, size_t len, nerp_token *out,
    uint64_t *keys, size_t cap)
{
	return (tokenize(text, len, out, keys, cap));
}

int
neri_utf8_valid(const char *text, size_t len)
{
	const uint8_t *p = (const uint8_t *) text;
	size_t         i = 0;
	uint64_t       w;
	int32_t        cp;
	size_t         n;

	if (text == NULL) {
		return (len == 0);
	}
	while (i < len) {
#ifdef __SSE2__
		if (i + 64 <= len) {
			/* ASCII runs, 64 bytes a step. */
			const __m128i *q = (const __m128i *) (const void *) (p + i);
			__m128i        o = _mm_or_si128(
			           _mm_or_si128(_mm_loadu_si128(q), _mm_loadu_si128(q + 1)),
			           _mm_or_si128(
			               _mm_loadu_si128(q + 2), _mm_loadu_si128(q + 3)));

			if (_mm_movemask_epi8(o) == 0) {
				i += 64;
				continue;
			}
		}
		if (i + 16 <= len) {
			/* Straight to the first byte from 0x80 of the next
			 * 16. */
			unsigned high = (unsigned) _mm_movemask_epi8(
			    _mm_loadu_si128((const __m128i *) (const void *) (p + i)));

			if (high == 0) {
				i += 16;
				continue;
			}
			i += (unsigned) __builtin_ctz(high);
		}
#endif
		if (i + 32 <= len) {
			/* ASCII runs, 32 bytes a step. */
			uint64_t w1, w2, w3;

			memcpy(&w, p + i, sizeof(w));
			memcpy(&w1, p + i + 8, sizeof(w1));
			memcpy(&w2, p + i + 16, sizeof(w2));
			memcpy(&w3, p + i + 24, sizeof(w3));
			if (((w | w1 | w2 | w3) & 0x8080808080808080ull) == 0) {
				i += 32;
				continue;
			}
		}
		if (i + 8 <= len) {
			memcpy(&w, p + i, sizeof(w));
			if ((w & 0x8080808080808080ull) == 0) {
				i += 8;
				continue;
			}
		}
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		n = utf8_decode(p + i, len - i, &cp);
		if (n == 1) {
			return (0); /* utf8_decode's mark of a bad sequence */
		}
		i += n;
	}
	return (1);
}
