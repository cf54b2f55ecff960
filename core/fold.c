/*
 * core/fold.c: folded text, the one definition shared by the host (token
 * keys) and the bundled plugins (nerl_fold).
 *
 * Folding runs once per token on recognition paths, so ASCII takes a fast
 * path that never reaches utf8proc.
 */
#include <string.h>

#include <utf8proc.h>

#include "fold.h"

/* The code point at s[*i] (i < len), advancing *i past it; an invalid
 * byte is U+FFFD and advances one byte. */
static int32_t
next_cp(const char *s, size_t len, size_t *i)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t n = utf8proc_iterate(
	    (const utf8proc_uint8_t *) s + *i, (utf8proc_ssize_t) (len - *i),
	    &cp);

	if (n <= 0) {
		*i += 1;
		return (0xFFFD);
	}
	*i += (size_t) n;
	return (cp);
}

static int
is_upper(int32_t cp)
{
	utf8proc_category_t cat = utf8proc_category(cp);

	return (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT);
}

/* Letters that carry their "diacritic" in the base form, so Unicode
 * decomposition leaves them alone; folded by hand as readers would. */
static int32_t
fold_special(int32_t cp)
{
	switch (cp) {
	case 0x2018: /* left single quote */
	case 0x2019: /* right single quote */
	case 0x02BC: /* modifier letter apostrophe */
	case 0x2032: /* prime */
		return ('\'');
	case 0x2010: /* hyphen */
	case 0x2011: /* non-breaking hyphen */
		return ('-');
	case 0x0131: /* dotless i */
		return ('i');
	case 0x0141: /* L with stroke */
	case 0x0142:
		return ('l');
	case 0x00D8: /* O with stroke */
	case 0x00F8:
		return ('o');
	case 0x0110: /* D with stroke */
	case 0x0111:
	case 0x00D0: /* eth */
	case 0x00F0:
		return ('d');
	case 0x0126: /* H with stroke */
	case 0x0127:
		return ('h');
	default:
		return (-1);
	}
}

static size_t
put_utf8(int32_t cp, char* buf)
{
	return ((size_t) utf8proc_encode_char(cp, (utf8proc_uint8_t*) buf));
}

/* Appends the UTF-8 of cps[0..n) to out if all of it fits before the
 * terminating NUL; returns the new length, or (size_t) -1 when it does not
 * fit. */
static size_t
append_cps(const int32_t* cps, size_t n, char* out, size_t o, size_t cap)
{
	char   tmp[4 * 8];
	size_t t = 0;

	for (size_t k = 0; k < n && t + 4 <= sizeof(tmp); k++) {
		t += put_utf8(cps[k], tmp + t);
	}
	if (o + t + 1 > cap) {
		return ((size_t) -1);
	}
	memcpy(out + o, tmp, t);
	return (o + t);
}

static size_t
fold_general(const char* s, size_t len, char* out, size_t cap, int lower)
{
	size_t i = 0;
	size_t o = 0;
	int opts = UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_STRIPMARK;

	if (lower) {
		opts |= UTF8PROC_CASEFOLD;
	}
	while (i < len) {
		unsigned char c = (unsigned char) s[i];
		int32_t       cps[8];
		size_t        ncp;
		size_t        next;

		if (c < 0x80) {
			if (o + 2 > cap) {
				break;
			}
			out[o++]
			    = (char) ((lower && c >= 'A' && c <= 'Z') ? c + 32
			                                              : c);
			i++;
			continue;
		}
		int32_t cp = next_cp(s, len, &i);
		int32_t sp = fold_special(cp);
		if (sp >= 0) {
			/* Stroked capitals keep their case unless folding. */
			if (!lower && sp != '\'' && sp != '-'
			    && is_upper(cp)) {
				sp -= 32;
			}
			cps[0] = sp;
			ncp    = 1;
		} else {
			int              last = 0;
			utf8proc_ssize_t r    = utf8proc_decompose_char(cp,
			       (utf8proc_int32_t*) cps, 8,
			       (utf8proc_option_t) opts, &last);
			if (r < 0 || r > 8) {
				cps[0] = cp;
				r      = 1;
			}
			ncp = (size_t) r;
		}
		next = append_cps(cps, ncp, out, o, cap);
		if (next == (size_t) -1) {
			break;
		}
		o = next;
	}
	if (cap > 0) {
		out[o] = '\0';
	}
	return (o);
}

size_t
neri_fold(const char* s, size_t len, char* out, size_t cap)
{
	size_t o = 0;
	size_t i;

	if (cap == 0) {
		return (0);
	}
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char) s[i];
		if (c >= 0x80) {
			break;
		}
		if (o + 1 >= cap) {
			out[o] = '\0';
			return (o);
		}
		out[o++] = (char) ((c >= 'A' && c <= 'Z') ? c + 32 : c);
	}
	if (i == len) {
		out[o] = '\0';
		return (o);
	}
	return (o + fold_general(s + i, len - i, out + o, cap - o, 1));
}

size_t
neri_strip_marks(const char* s, size_t len, char* out, size_t cap)
{
	if (cap == 0) {
		return (0);
	}
	return (fold_general(s, len, out, cap, 0));
}
