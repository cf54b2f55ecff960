/*
 * plugins/common/utf8.c: UTF-8 decoding, letter classes and folding
 * (folding itself is core/fold.c, shared with the host's token keys).
 *
 * These run once per token on recognition paths, so ASCII takes a fast
 * path that never reaches utf8proc.
 */
#include <string.h>

#include <utf8proc.h>

#include "core/fold.h"
#include "nerl.h"

#define NERL_REPLACEMENT 0xFFFD

int32_t
nerl_utf8_next(const char* s, size_t len, size_t* i)
{
	const unsigned char* p    = (const unsigned char*) s + *i;
	size_t               left = len - *i;
	int32_t              cp;
	size_t               n;
	int32_t              min;

	if (p[0] < 0x80) {
		*i += 1;
		return (p[0]);
	}
	if (p[0] >= 0xC2 && p[0] <= 0xDF) {
		n   = 2;
		cp  = p[0] & 0x1F;
		min = 0x80;
	} else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
		n   = 3;
		cp  = p[0] & 0x0F;
		min = 0x800;
	} else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		n   = 4;
		cp  = p[0] & 0x07;
		min = 0x10000;
	} else {
		*i += 1;
		return (NERL_REPLACEMENT);
	}
	if (left < n) {
		*i += 1;
		return (NERL_REPLACEMENT);
	}
	for (size_t k = 1; k < n; k++) {
		if ((p[k] & 0xC0) != 0x80) {
			*i += 1;
			return (NERL_REPLACEMENT);
		}
		cp = (cp << 6) | (p[k] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
		*i += 1;
		return (NERL_REPLACEMENT);
	}
	*i += n;
	return (cp);
}

int
nerl_utf8_valid(const char* s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t  at = i;
		int32_t cp;

		if ((unsigned char) s[i] < 0x80) {
			i++;
			continue;
		}
		cp = nerl_utf8_next(s, len, &i);
		/* A genuine U+FFFD is three bytes; a replacement for a bad
		 * byte advances only one. */
		if (cp == NERL_REPLACEMENT && i - at != 3) {
			return (0);
		}
	}
	return (1);
}

int
nerl_is_upper(int32_t cp)
{
	utf8proc_category_t cat;

	if (cp < 0x80) {
		return (cp >= 'A' && cp <= 'Z');
	}
	cat = utf8proc_category(cp);
	return (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT);
}

int
nerl_is_lower(int32_t cp)
{
	if (cp < 0x80) {
		return (cp >= 'a' && cp <= 'z');
	}
	return (utf8proc_category(cp) == UTF8PROC_CATEGORY_LL);
}

int
nerl_is_letter(int32_t cp)
{
	utf8proc_category_t cat;

	if (cp < 0x80) {
		return ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'));
	}
	cat = utf8proc_category(cp);
	return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO);
}

size_t
nerl_fold(const char *s, size_t len, char *out, size_t cap)
{
	return (neri_fold(s, len, out, cap));
}

size_t
nerl_strip_marks(const char *s, size_t len, char *out, size_t cap)
{
	return (neri_strip_marks(s, len, out, cap));
}
