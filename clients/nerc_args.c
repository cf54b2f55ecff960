/*
 * clients/nerc_args.c: parsing of nerc's option values.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "nerc.h"

#define DIGITS "0123456789"

int
nerc_parse_duration(const char *s, uint32_t *ms)
{
	static const struct {
		const char *unit;
		double ms;
	} units[] = { { "ms", 1.0 }, { "s", 1000.0 }, { "m", 60000.0 },
		{ "h", 3600000.0 }, { "", 1000.0 } };
	char *end;
	double v;
	size_t i, n;

	/* Decimal digits with at most one fraction: strtod alone would also
	 * take hexadecimal, exponents, "nan", signs and spaces. */
	n = s != NULL ? strspn(s, DIGITS) : 0;
	if (n == 0) {
		return (-1);
	}
	if (s[n] == '.') {
		i = strspn(s + n + 1, DIGITS);
		if (i == 0) {
			return (-1);
		}
		n += 1 + i;
	}
	v = strtod(s, &end);
	if (end != s + n) {
		return (-1);
	}
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (strcmp(end, units[i].unit) == 0) {
			v = ceil(v * units[i].ms);
			/* 0 would mean the default deadline. */
			if (!(v > 0) || v > (double) UINT32_MAX) {
				return (-1);
			}
			*ms = (uint32_t) v;
			return (0);
		}
	}
	return (-1);
}

/* The number written by the n digits at s. */
static int
digits_value(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		v = v * 10 + (s[i] - '0');
	}
	return (v);
}

int
nerc_check_date(const char *s)
{
	static const int days[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };
	int y, m, d;

	if (s == NULL || strlen(s) != 10 || strspn(s, DIGITS) != 4 ||
	    s[4] != '-' || strspn(s + 5, DIGITS) != 2 || s[7] != '-' ||
	    strspn(s + 8, DIGITS) != 2) {
		return (-1);
	}
	y = digits_value(s, 4);
	m = digits_value(s + 5, 2);
	d = digits_value(s + 8, 2);
	if (m < 1 || m > 12 || d < 1 || d > days[m - 1]) {
		return (-1);
	}
	if (m == 2 && d == 29 &&
	    (y % 4 != 0 || (y % 100 == 0 && y % 400 != 0))) {
		return (-1);
	}
	return (0);
}

char *
nerc_utf8_fix(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *) s;
	size_t len = strlen(s);
	char *out = malloc(3 * len + 1); /* 1 byte -> 3 at most */
	size_t i = 0, o = 0;

	if (out == NULL) {
		return (NULL);
	}
	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(p + i,
		    (utf8proc_ssize_t) (len - i), &cp);
		if (n <= 0) {
			memcpy(out + o, "\xef\xbf\xbd", 3); /* U+FFFD */
			o += 3;
			i++;
			continue;
		}
		memcpy(out + o, s + i, (size_t) n);
		o += (size_t) n;
		i += (size_t) n;
	}
	out[o] = '\0';
	return (out);
}
