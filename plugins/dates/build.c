/*
 * build.c: the builders named in data/grammar.tsv.  Each turns the fields
 * of one match into TIMEX3 values, resolving what the text leaves open
 * (the year of "April 26", the week of "Friday") from the document date
 * and the tense of the sentence.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "dates_impl.h"

static const char *const mod_names[]    = { NULL, "START", "MID", "END" };
static const char *const season_codes[] = { "", "SP", "SU", "FA", "WI" };
static const int pow10[10] = { 1, 10, 100, 1000, 10000, 100000, 1000000,
	10000000, 100000000, 1000000000 };

static void set_value(dates_match *m, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Appends c to buf (cap bytes, one kept for the NUL) at *k. */
static void
put(char *buf, size_t cap, size_t *k, char c)
{
	if (*k + 1 < cap) {
		buf[*k] = c;
	}
	(*k)++;
}

/* Writes v as n digits (0 <= v < 10^n) at s, two at a time. */
static void
put_digits(char *s, int v, int n)
{
	static const char pairs[] = "00010203040506070809"
	                            "10111213141516171819"
	                            "20212223242526272829"
	                            "30313233343536373839"
	                            "40414243444546474849"
	                            "50515253545556575859"
	                            "60616263646566676869"
	                            "70717273747576777879"
	                            "80818283848586878889"
	                            "90919293949596979899";

	while (n >= 2) {
		n -= 2;
		memcpy(s + n, &pairs[(size_t) 2 * (size_t) (v % 100)], 2);
		v /= 100;
	}
	if (n == 1) {
		s[0] = (char) ('0' + v);
	}
}

/* Formats what vsnprintf would for the conversions the builders use
 * ("%s", "%c", "%d", "%0Nd"; N one digit), without its cost per call;
 * 0, or -1 for any other conversion (nothing written then). */
static int
format_value(char *buf, size_t cap, const char *fmt, va_list ap)
{
	size_t k = 0;

	for (const char *p = fmt; *p != '\0'; p++) {
		int width = 0;

		if (*p != '%') {
			put(buf, cap, &k, *p);
			continue;
		}
		p++;
		if (*p == '0' && p[1] >= '1' && p[1] <= '9') {
			width = p[1] - '0';
			p += 2;
		}
		if (*p == 's' && width == 0) {
			for (const char *q = va_arg(ap, const char *);
			     *q != '\0'; q++) {
				put(buf, cap, &k, *q);
			}
		} else if (*p == 'c' && width == 0) {
			put(buf, cap, &k, (char) va_arg(ap, int));
		} else if (*p == 'd') {
			int          v = va_arg(ap, int);
			unsigned int u
			    = v < 0 ? 0u - (unsigned int) v : (unsigned int) v;
			char digits[12];
			int  nd = 0;

			if (width > 0 && v >= 0 && v < pow10[width]
			    && k + (size_t) width < cap) {
				/* the usual "%04d", "%02d": just its digits */
				put_digits(buf + k, v, width);
				k += (size_t) width;
				continue;
			}
			do {
				digits[nd++] = (char) ('0' + u % 10);
				u /= 10;
			} while (u != 0);
			if (v < 0) {
				put(buf, cap, &k, '-');
				width--;
			}
			for (int z = nd; z < width; z++) {
				put(buf, cap, &k, '0');
			}
			while (nd > 0) {
				put(buf, cap, &k, digits[--nd]);
			}
		} else {
			return (-1);
		}
	}
	buf[k < cap ? k : cap - 1] = '\0';
	return (0);
}

static void
set_value(dates_match *m, const char *fmt, ...)
{
	va_list ap;
	int     rv;

	va_start(ap, fmt);
	rv = format_value(m->value, sizeof(m->value), fmt, ap);
	va_end(ap);
	if (rv != 0) {
		va_start(ap, fmt);
		vsnprintf(m->value, sizeof(m->value), fmt, ap);
		va_end(ap);
	}
}

static void
set_span(const dates_ctx *c, dates_match *m, uint32_t first, uint32_t last)
{
	m->start     = c->toks[first].start;
	m->end       = c->toks[last].end;
	m->tok_first = first;
	m->tok_last  = last;
}

static void
start_match(const dates_ctx *c, const dates_fields *f, dates_match *m)
{
	/* A copy of a zero match, not memset(): compilers clear a struct
	 * this size with "rep stos", whose start-up costs more than the
	 * stores. */
	static const dates_match no_match;

	*m = no_match;
	set_span(c, m, f->first, f->last);
	m->type = "DATE";
}

static const char *
mod_of(const dates_fields *f)
{
	if (F_HAS(f, F_MOD) && f->v[F_MOD] >= 1 && f->v[F_MOD] <= 3) {
		return (mod_names[f->v[F_MOD]]);
	}
	if (F_HAS(f, F_PRE) && f->v[F_PRE] >= 1 && f->v[F_PRE] <= 3) {
		return (mod_names[f->v[F_PRE]]);
	}
	return (NULL);
}

/* The value "YYYY", "YYYY-MM" or "YYYY-MM-DD" (n fields of y, mo, d) as
 * set_value() writes it with "%04d-%02d-%02d"; fields out of range are
 * left to set_value. */
static void
format_ymd(dates_match *m, int y, int mo, int d, int n)
{
	static const char *const fmt[]
	    = { "%04d", "%04d-%02d", "%04d-%02d-%02d" };

	if (y < 0 || y > 9999 || mo < 0 || mo > 99 || d < 0 || d > 99) {
		set_value(m, fmt[n - 1], y, mo, d);
		return;
	}
	put_digits(m->value, y, 4);
	m->value[4] = '\0';
	if (n >= 2) {
		m->value[4] = '-';
		put_digits(m->value + 5, mo, 2);
		m->value[7] = '\0';
	}
	if (n == 3) {
		m->value[7] = '-';
		put_digits(m->value + 8, d, 2);
		m->value[10] = '\0';
	}
}

static void
format_day(dates_match *m, dates_ymd d)
{
	format_ymd(m, d.y, d.m, d.d, 3);
}

/* The value "YYYY-Qn" or "YYYY-Hn" (code 'Q' or 'H'), as set_value()
 * writes it with "%04d-%c%d"; fields out of range are left to
 * set_value. */
static void
format_part(dates_match *m, int y, char code, int n)
{
	if (y < 0 || y > 9999 || n < 0 || n > 9) {
		set_value(m, "%04d-%c%d", y, code, n);
		return;
	}
	put_digits(m->value, y, 4);
	m->value[4] = '-';
	m->value[5] = code;
	m->value[6] = (char) ('0' + n);
	m->value[7] = '\0';
}

/* The value "YYYY-MM-DDThh:mm" of day d at h:mi, as set_value() writes
 * it with "%04d-%02d-%02dT%02d:%02d"; fields out of range are left to
 * set_value. */
static void
format_time(dates_match *m, dates_ymd d, int h, int mi)
{
	if (d.y < 0 || d.y > 9999 || d.m < 0 || d.m > 99 || d.d < 0 || d.d > 99
	    || h < 0 || h > 99 || mi < 0 || mi > 99) {
		set_value(m, "%04d-%02d-%02dT%02d:%02d", d.y, d.m, d.d, h, mi);
		return;
	}
	format_ymd(m, d.y, d.m, d.d, 3);
	m->value[10] = 'T';
	put_digits(m->value + 11, h, 2);
	m->value[13] = ':';
	put_digits(m->value + 14, mi, 2);
	m->value[16] = '\0';
}

/* The value "YYYY-Www" and suffix ("" or "-WE") of the ISO week of
 * day count days, as set_value() writes it with "%04d-W%02d%s"; a year
 * out of range is left to set_value. */
static void
format_week(dates_match *m, long days, const char *suffix)
{
	int    wy, wn;
	size_t n = strlen(suffix);

	dates_iso_week(dates_from_days(days), &wy, &wn);
	if (wy < 0 || wy > 9999 || n >= sizeof(m->value) - 8) {
		set_value(m, "%04d-W%02d%s", wy, wn, suffix);
		return;
	}
	put_digits(m->value, wy, 4);
	m->value[4] = '-';
	m->value[5] = 'W';
	put_digits(m->value + 6, wn, 2); /* 1 .. 53 */
	memcpy(m->value + 8, suffix, n + 1);
}

static int
token_has(const dates_ctx *c, size_t i, int cls)
{
	return (i < c->ntok && (dates_info(c, i)->cls & DC_BIT(cls)) != 0);
}

static int
punct_is(const dates_ctx *c, size_t i, const char *p)
{
	const nerp_token *tk;

	if (i >= c->ntok || c->toks[i].kind != NERP_TOK_PUNCT) {
		return (0);
	}
	tk = &c->toks[i];
	return (tk->end - tk->start == strlen(p)
	    && memcmp(c->text + tk->start, p, tk->end - tk->start) == 0);
}

/* "80s" is a decade after an apostrophe or "the" ("the '80s", "the early
 * 80s"), an age otherwise ("in her early 50s"). */
static int
decade_ok(const dates_ctx *c, const dates_fields *f)
{
	uint32_t          i  = f->mlast;
	const nerp_token *tk = &c->toks[i];

	if (tk->end - tk->start != 3 || tk->kind != NERP_TOK_NUMBER) {
		return (1);
	}
	if (i > 0
	    && (punct_is(c, i - 1, "'") || punct_is(c, i - 1, "\u2019"))) {
		return (1);
	}
	return (dates_prev_word_is(c, f->mfirst, "the", 3));
}

/* ---------------------------------------------------------------- builders */

static int
build_date(const dates_ctx *c, const dates_fields *f, dates_match *out)
{
	const int *v = f->v;
	int        y;

	start_match(c, f, out);
	out->mod = mod_of(f);
	if (F_HAS(f, F_DECADE) && !decade_ok(c, f)) {
		return (0);
	}
	if (F_HAS(f, F_DECADE)) {
		set_value(out, "%03d", v[F_DECADE]);
		out->explicit_year = 1;
		return (1);
	}
	if (F_HAS(f, F_MONTH)) {
		int day = F_HAS(f, F_DAY) ? v[F_DAY] : 0;

		if (F_HAS(f, F_YEAR)) {
			y                  = v[F_YEAR];
			out->explicit_year = 1;
		} else {
			y = dates_infer_year(c, f, v[F_MONTH], day);
		}
		if (day == 0) {
			format_ymd(out, y, v[F_MONTH], 0, 2);
			return (1);
		}
		if (!dates_valid(y, v[F_MONTH], day)) {
			return (0);
		}
		format_day(out, (dates_ymd) { y, v[F_MONTH], day });
		return (1);
	}
	if (F_HAS(f, F_SEASON) && v[F_SEASON] >= 1 && v[F_SEASON] <= 4) {
		/* the middle month of each season, to place it in a year */
		static const int mid[] = { 0, 4, 7, 10, 1 };

		if (F_HAS(f, F_YEAR)) {
			y                  = v[F_YEAR];
			out->explicit_year = 1;
		} else {
			y = dates_infer_year(c, f, mid[v[F_SEASON]], 0);
		}
		set_value(out, "%04d-%s", y, season_codes[v[F_SEASON]]);
		return (1);
	}
	if (F_HAS(f, F_YEAR)) {
		format_ymd(out, v[F_YEAR], 0, 0, 1);
		out->explicit_year = 1;
		return (1);
	}
	return (0);
}

/* A month without day or year: "May" and "March" (MONTHX) only after a
 * preposition or modifier, or before a possessive. */
static int
build_month(const dates_ctx *c, const dates_fields *f, dates_match *out)
{
	uint32_t i = f->mfirst;

	if (token_has(c, i, DC_MONTHX) && !F_HAS(f, F_MOD)) {
		int ok = (i > 0 && token_has(c, i - 1, DC_PREP))
		    || (i + 1 < c->ntok
		        && (c->toks[i + 1].flags & NERP_TF_POSSESSIVE));

		/* "and" or "or" only in a list of months ("in July and
		 * May"), and a name follows no month ("Jan Kavan"). */
		if (ok && i > 0 && token_has(c, i - 1, DC_CONJ)
		    && (i < 2 || !token_has(c, i - 2, DC_MONTH))) {
			ok = 0;
		}
		if (ok && i + 1 < c->ntok
		    && c->toks[i + 1].kind == NERP_TOK_WORD
		    && (dates_info(c, i + 1)->cls & DC_BIT(DC_CAP))
		    && !(c->toks[i + 1].flags & NERP_TF_SENT_START)) {
			ok = 0;
		}
		if (!ok) {
			return (0);
		}
	}
	return (build_date(c, f, out));
}

/* A year alone: not "Resolution 2231", "$2024", "2024 delegates", and an
 * old year only after a preposition. */
static int
build_year(const dates_ctx *c, const dates_fields *f, dates_match *out)
{
	uint32_t i    = f->mfirst;
	int      year = f->v[F_YEAR];

	if (i > 0) {
		if (token_has(c, i - 1, DC_BLOCK) || punct_is(c, i - 1, "$")
		    || punct_is(c, i - 1, "#") || punct_is(c, i - 1, "№")
		    || c->toks[i - 1].kind == NERP_TOK_NUMBER) {
			return (0);
		}
		/* "ES-10/2024", "No. 2024", "A-2024" */
		if (punct_is(c, i - 1, ".") && i > 1
		    && token_has(c, i - 2, DC_BLOCK)) {
			return (0);
		}
		if ((punct_is(c, i - 1, "/") || punct_is(c, i - 1, "-"))
		    && !(c->toks[i].flags & NERP_TF_SPACE_BEFORE)) {
			return (0);
		}
	}
	/* A year right after a capitalised name is part of it ("Agenda
	 * 2063", "Expo 2020"), unless the name starts the sentence. */
	if (i > 0 && c->toks[i - 1].kind == NERP_TOK_WORD
	    && (dates_info(c, i - 1)->cls & DC_BIT(DC_CAP))
	    && (dates_info(c, i - 1)->cls
	           & (DC_BIT(DC_MONTH) | DC_BIT(DC_PREP) | DC_BIT(DC_TENSE)
	               | DC_BIT(DC_SEASON) | DC_BIT(DC_MOD) | DC_BIT(DC_REL)))
	        == 0
	    && !(c->toks[i - 1].flags
	        & (NERP_TF_SENT_START | NERP_TF_LINE_START
	            | NERP_TF_POSSESSIVE))) {
		return (0);
	}
	if (token_has(c, i + 1, DC_BLOCKNEXT) || punct_is(c, i + 1, "%")) {
		return (0);
	}
	if (year < 1800 || year > 2100) {
		if (i == 0 || !token_has(c, i - 1, DC_PREP)) {
			return (0);
		}
	}
	return (build_date(c, f, out));
}

static int
build_iso(const dates_ctx *c, const dates_fields *f, dates_match *out)
{
	const dates_tok *t = dates_info(c, f->mfirst);

	start_match(c, f, out);
	out->explicit_year = 1;
	if (t->h >= 0) {
		out->type = "TIME";
		format_time(
		    out, (dates_ymd) { t->a, t->b, t->c }, t->h, t->mi);
	} else {
		format_day(out, (dates_ymd) { t->a, t->b, t->c });
	}
	return (1);
}

/* "April 26 and 27", "9 and 10 September": two dates. */
static int
build_list(const dates_ctx *c, const dates_fields *f, dates_match *out)
{
	const int *v = f->v;
	int        y, m = v[F_MONTH];

	if (F_HAS(f, F_YEAR)) {
		y = v[F_YEAR];
	} else {
		y = dates_infer_year(c, f, m, v[F_DAY]);
	}
	if (!dates_valid(y, m, v[F_DAY]) || !dates_valid(y, m, v[F_DAY2])
	    || v[F_DAY2] <= v[F_DAY]) {
		return (0);
	}
	start_match(c, f, &out[0]);
	format_day(&out[0], (dates_ymd) { y, m, v[F_DAY] });
	start_match(c, f, &out[1]);
	set_span(c, &out[1], f->first2, f->last2);
	format_day(&out[1], (dates_ymd) { y, m, v[F_DAY2] });
	out[0].explicit_year = out[1].explicit_year = F_HAS(f, F_YEAR);
	return (2);
}

/* "22-24 August": one span, an interval of days. */
static int
build_drange(const dates_ctx *c, const dates_fields *f, dates_match *out)
{
	const int *v = f->v;
	int        y, m = v[F_MONTH];

	y = F_HAS(f, F_YEAR) ? v[F_YEAR] : dates_infer_year(c, f, m, v[F_DAY]);
	if (!dates_valid(y, m, v[F_DAY]) || !dates_valid(y, m, v[F_DAY2])) {
		return (0);
	}
	start_match(c, f, out);
	set_value(out, "%04d-%02d-%02d/%04d-%02d-%02d", y, m, v[F_DAY], y, m,
	    v[F_DAY2]);
	out->explicit_year = F_HAS(f, F_YEAR);
	return (1);
}

static int
build_yrange(const dates_ctx *c, const dates_fields *f, dates_match *out)
{
	start_match(c, f, out);
	set_value(out, "%04d/%04d", f->v[F_YEAR], f->v[F_YEAR2]);
	out->explicit_year = 1;
	return (1);
}

/* Quarters and halves: "Q3 2024", "third-quarter", "first half of 2025",
 * "the fourth quarter of next year". */
static int
build_part(const dates_ctx *c, const dates_fields *f, dates_match *out)
{
	const int *v    = f->v;
	int        part = F_HAS(f, F_PART) ? v[F_PART] : DS_Q;
	int        n    = v[F_ORD], y;
	char       code = part == DS_H ? 'H' : 'Q';

	if (n < 1 || n > (code == 'H' ? 2 : 4)) {
		return (0);
	}
	start_match(c, f, out);
	if (F_HAS(f, F_YEAR)) {
		y                  = v[F_YEAR];
		out->explicit_year = 1;
	} else if (F_HAS(f, F_REL)) {
		if (!F_HAS(f, F_UNIT) || v[F_UNIT] != DS_Y) {
			return (0);
		}
		y = c->dct.y + v[F_REL];
	} else if (F_HAS(f, F_UNIT)) {
		/* "the second half of the year" */
		if (v[F_UNIT] != DS_Y) {
			return (0);
		}
		y = c->dct.y;
	} else {
		int cur
		    = code == 'H' ? (c->dct.m + 5) / 6 : (c->dct.m + 2) / 3;

		y = c->dct.y;
		if (n > cur
		    && dates_tense(c, f->mfirst, f->mlast)
		        == DATES_TENSE_PAST) {
			y--;
		}
	}
	format_part(out, y, code, n);
	return (1);
}

/* A unit relative to the document date: "last week", "this year",
 * "earlier this month", "early next year", "the end of this week". */
static int
build_rel(const dates_ctx *c, const dates_fields *f, dates_match *out)
{
	const int        *v   = f->v;
	int               rel = v[F_REL], y, m;
	uint32_t          u   = f->mlast;
	const nerp_token *ut  = &c->toks[u];

	/* "the weekend" is this week's (or the last one), "the quarter" of
	 * a report the last one that ended ("the" is the grammar's). */
	if (!F_HAS(f, F_REL) && F_HAS(f, F_MOD)) {
		rel = 0; /* "the end of the year" */
	} else if (!F_HAS(f, F_REL)) {
		if (v[F_UNIT] != DS_WE && v[F_UNIT] != DS_Q) {
			return (0);
		}
		if (v[F_UNIT] == DS_Q) {
			rel = -1;
		}
	}
	/* A title in capitals mid-sentence ("ABC's This Week"). */
	if (F_HAS(f, F_REL) && f->mlast > f->mfirst
	    && (c->toks[f->mfirst].flags & NERP_TF_UPPER_INITIAL)
	    && (c->toks[f->mlast].flags & NERP_TF_UPPER_INITIAL)
	    && !(c->toks[f->mlast].flags & NERP_TF_ALL_UPPER)
	    && !(c->toks[f->mfirst].flags
	        & (NERP_TF_SENT_START | NERP_TF_LINE_START))) {
		return (0);
	}
	/* "past years", "coming months" are vague periods. */
	if (c->text[ut->end - 1] == 's' || c->text[ut->end - 1] == 'S') {
		return (0);
	}
	start_match(c, f, out);
	out->mod = mod_of(f);
	switch (v[F_UNIT]) {
	case DS_Y:
		format_ymd(out, c->dct.y + rel, 0, 0, 1);
		return (1);
	case DS_M:
		dates_shift_month(c, rel, &y, &m);
		format_ymd(out, y, m, 0, 2);
		return (1);
	case DS_W:
		format_week(out, dates_dct_days(c) + 7L * rel, "");
		return (1);
	case DS_WE:
		/* "over the weekend" in a weekday's story is the last one. */
		if (!F_HAS(f, F_REL) && c->dct_wday <= 5
		    && dates_tense(c, f->mfirst, f->mlast)
		        != DATES_TENSE_FUTURE) {
			rel = -1;
		}
		format_week(out, dates_dct_days(c) + 7L * rel, "-WE");
		return (1);
	case DS_D:
		format_day(out, dates_from_days(dates_dct_days(c) + rel));
		return (1);
	case DS_Q: {
		int k = c->dct.y * 4 + (c->dct.m - 1) / 3 + rel;

		format_part(out, k / 4, 'Q', k % 4 + 1);
		return (1);
	}
	case DS_E:
		/* "this decade"; "the past decade" is a duration. */
		if (rel != 0) {
			return (0);
		}
		set_value(out, "%03d", c->dct.y / 10);
		return (1);
	default:
		return (0);
	}
}

/* "April last year", "September next year". */
static int
build_month_rel(const dates_ctx *c, const dates_fields *f, dates_match *out)
{
	const int *v = f->v;
	int        y;

	if (v[F_UNIT] != DS_Y) {
		return (0);
	}
	y = c->dct.y + v[F_REL];
	start_match(c, f, out);
	if (F_HAS(f, F_DAY)) {
		if (!dates_valid(y, v[F_MONTH], v[F_DAY])) {
			return (0);
		}
		format_day(out, (dates_ymd) { y, v[F_MONTH], v[F_DAY] });
	} else {
		format_ymd(out, y, v[F_MONTH], 0, 2);
	}
	return (1);
}

/* "last April", "next Monday", "this summer". */
static int
build_rel_named(const dates_ctx *c, const dates_fields *f, dates_match *out)
{
	const int *v   = f->v;
	int        rel = v[F_REL], y = c->dct.y;

	start_match(c, f, out);
	if (F_HAS(f, F_WDAY)) {
		long d = dates_weekday_days(c, f, v[F_WDAY], 1, rel);

		format_day(out, dates_from_days(d));
		return (1);
	}
	if (F_HAS(f, F_MONTH) && F_HAS(f, F_DAY)) {
		int m = v[F_MONTH], d = v[F_DAY];

		if (rel < 0
		    && (m > c->dct.m || (m == c->dct.m && d >= c->dct.d))) {
			y--;
		} else if (rel > 0
		    && (m < c->dct.m || (m == c->dct.m && d <= c->dct.d))) {
			y++;
		}
		if (!dates_valid(y, m, d)) {
			return (0);
		}
		format_day(out, (dates_ymd) { y, m, d });
		return (1);
	}
	if (F_HAS(f, F_MONTH)) {
		int m = v[F_MONTH];

		if (rel < 0 && m >= c->dct.m) {
			y--;
		} else if (rel > 0 && m <= c->dct.m) {
			y++;
		}
		format_ymd(out, y, m, 0, 2);
		return (1);
	}
	if (F_HAS(f, F_SEASON) && v[F_SEASON] >= 1 && v[F_SEASON] <= 4) {
		int s = v[F_SEASON], cur = dates_season_of_month(c->dct.m);

		/* Winter belongs to the year it starts in. */
		if (cur == DS_WI && c->dct.m <= 2) {
			y--;
		}
		if (rel < 0 && s >= cur) {
			y--;
		} else if (rel > 0 && s <= cur) {
			y++;
		}
		set_value(out, "%04d-%s", y, season_codes[s]);
		return (1);
	}
	return (0);
}

/* "Friday", "Sunday night" (the value is the day, as TimeML
 * annotators mostly wrote it); not a title such as "Monday Briefing". */
static int
build_weekday(const dates_ctx *c, const dates_fields *f, dates_match *out)
{
	const int *v = f->v;
	uint32_t   i = f->mfirst, n = f->mlast + 1;
	long       d;

	if (n < c->ntok && (dates_info(c, n)->cls & DC_BIT(DC_CAP))
	    && (dates_info(c, n)->cls
	           & ~(DC_BIT(DC_CAP) | DC_BIT(DC_LIT) | DC_BIT(DC_LITFIRST)))
	        == 0
	    && !(c->toks[n].flags & NERP_TF_SENT_START)
	    && (i == 0 || !token_has(c, i - 1, DC_PREP))) {
		return (0);
	}
	d = dates_weekday_days(c, f, v[F_WDAY], 0, 0);
	start_match(c, f, out);
	format_day(out, dates_from_days(d));
	return (1);
}

/* "today", "yesterday", "tomorrow morning", "this morning", "last night". */
static int
build_deictic(const dates_ctx *c, const dates_fields *f, dates_match *out)
{
	const int *v   = f->v;
	int        off = F_HAS(f, F_DEICTIC) ? v[F_DEICTIC] : v[F_REL];

	start_match(c, f, out);
	format_day(out, dates_from_days(dates_dct_days(c) + off));
	/* "this morning", "last night" name a part of the day; TimeML
	 * annotators wrote it for these and mostly not after a weekday. */
	if (!F_HAS(f, F_DEICTIC) && F_HAS(f, F_DAYPART) && v[F_DAYPART] >= 1
	    && v[F_DAYPART] <= 4) {
		static const char *const parts[]
		    = { "", "MO", "AF", "EV", "NI" };
		size_t k = strlen(out->value);

		snprintf(out->value + k, sizeof(out->value) - k, "T%s",
		    parts[v[F_DAYPART]]);
	}
	return (1);
}

static int
build_ref(const dates_ctx *c, const dates_fields *f, dates_match *out)
{
	static const char *const refs[]
	    = { NULL, "PRESENT_REF", "PAST_REF", "FUTURE_REF" };
	int r = f->v[F_REF];

	if (r < 1 || r > 3) {
		return (0);
	}
	/* "the past" and "the future" as nouns ("the" is the grammar's):
	 * not "the past two years", "the future of the bloc". */
	if (token_has(c, f->mlast, DC_REFN) && f->mlast + 1 < c->ntok) {
		uint32_t          n  = f->mlast + 1;
		const nerp_token *tk = &c->toks[n];

		if (tk->kind == NERP_TOK_NUMBER || token_has(c, n, DC_NUM)
		    || token_has(c, n, DC_UNIT)
		    || (tk->end - tk->start == 2
		        && memcmp(c->text + tk->start, "of", 2) == 0)
		    || (tk->end - tk->start == 3
		        && memcmp(c->text + tk->start, "few", 3) == 0)) {
			return (0);
		}
	}
	start_match(c, f, out);
	/* 11 bytes at most */
	memcpy(out->value, refs[r], strlen(refs[r]) + 1);
	return (1);
}

/* n units before (sign -1) or after (+1) the document date. */
static int
shift_units(
    const dates_ctx *c, const dates_fields *f, dates_match *out, int sign)
{
	const int *v = f->v;
	int        n = (F_HAS(f, F_NUM) ? v[F_NUM] : 1) * sign, y, m;

	start_match(c, f, out);
	out->year_back = n == -1 && v[F_UNIT] == DS_Y;
	switch (v[F_UNIT]) {
	case DS_Y:
		format_ymd(out, c->dct.y + n, 0, 0, 1);
		return (1);
	case DS_M:
		dates_shift_month(c, n, &y, &m);
		format_ymd(out, y, m, 0, 2);
		return (1);
	case DS_W:
		format_week(out, dates_dct_days(c) + 7L * n, "");
		return (1);
	case DS_D:
		format_day(out, dates_from_days(dates_dct_days(c) + n));
		return (1);
	case DS_E:
		set_value(out, "%03d", c->dct.y / 10 + n);
		return (1);
	default:
		return (0);
	}
}

static int
build_ago(const dates_ctx *c, const dates_fields *f, dates_match *out)
{
	return (shift_units(c, f, out, -1));
}

/* "in three days" ("in" is the grammar's): the date three days after
 * the document date. */
static int
build_later(const dates_ctx *c, const dates_fields *f, dates_match *out)
{
	return (shift_units(c, f, out, 1));
}

/* Clock times: "10:00 Moscow time", "8 p.m. EDT", "noon Thursday",
 * "2023-09-10 21:30 IST". */
static int
build_time(const dates_ctx *c, const dates_fields *f, dates_match *out)
{
	const int *v = f->v;
	int        h, mi = 0;
	dates_ymd  d = c->dct;

	if (F_HAS(f, F_TIMEWORD)) {
		h = v[F_TIMEWORD];
	} else {
		h = v[F_HOUR];
		if (F_HAS(f, F_MIN)) {
			mi = v[F_MIN];
		}
		if (F_HAS(f, F_AMPM)) {
			if (h < 1 || h > 12) {
				return (0);
			}
			if (v[F_AMPM] == 1 && h < 12) {
				h += 12;
			} else if (v[F_AMPM] == 0 && h == 12) {
				h = 0;
			}
		}
	}
	if (h < 0 || h > 24 || mi < 0 || mi > 59) {
		return (0);
	}
	start_match(c, f, out);
	out->type = "TIME";
	if (F_HAS(f, F_MONTH) && F_HAS(f, F_DAY) && F_HAS(f, F_YEAR)) {
		d.y                = v[F_YEAR];
		d.m                = v[F_MONTH];
		d.d                = v[F_DAY];
		out->explicit_year = 1;
	} else if (F_HAS(f, F_WDAY)) {
		d = dates_from_days(dates_weekday_days(c, f, v[F_WDAY], 0, 0));
	} else {
		out->needs_date = 1;
	}
	format_time(out, d, h, mi);
	return (1);
}

/* "the 21st century": TIMEX3 writes its first two digits, "20". */
static int
build_century(const dates_ctx *c, const dates_fields *f, dates_match *out)
{
	const nerp_token *tk   = &c->toks[f->mfirst];
	char              last = c->text[tk->end - 1];

	if (f->v[F_UNIT] != DS_C || f->v[F_DAY] < 1 || f->v[F_DAY] > 30
	    || !((last >= 'a' && last <= 'z')
	        || (last >= 'A' && last <= 'Z'))) {
		return (0);
	}
	start_match(c, f, out);
	set_value(out, "%02d", f->v[F_DAY] - 1);
	return (1);
}

/* "Christmas", "last Thanksgiving", "Victory Day", "Christmas Eve": the
 * year as for a month and day, or the last/next one with REL. */
static int
build_holiday(const dates_ctx *c, const dates_fields *f, dates_match *out)
{
	const nerp_token *tk = &c->toks[f->mlast];
	int               h = f->v[F_HOLIDAY], y = c->dct.y;
	long              d0 = dates_dct_days(c), d;
	dates_ymd         r;

	r = dates_holiday_in(h, y);
	if (!dates_valid(r.y, r.m, r.d)) {
		return (0);
	}
	if (F_HAS(f, F_REL) && f->v[F_REL] != 0) {
		if (f->v[F_REL] < 0 && dates_days(r) >= d0) {
			r = dates_holiday_in(h, y - 1);
		} else if (f->v[F_REL] > 0 && dates_days(r) <= d0) {
			r = dates_holiday_in(h, y + 1);
		}
	} else if (!F_HAS(f, F_REL)) {
		r = dates_holiday_in(h, dates_infer_year(c, f, r.m, r.d));
	}
	d = dates_days(r);
	/* "Christmas Eve", "New Year's Eve": the day before. */
	if (tk->end - tk->start == 3
	    && (c->text[tk->start] == 'E' || c->text[tk->start] == 'e')) {
		d--;
	}
	start_match(c, f, out);
	format_day(out, dates_from_days(d));
	return (1);
}

static const struct {
	const char    *name;
	dates_build_fn fn;
} builders[] = {
	{ "holiday", build_holiday },
	{ "century", build_century },
	{ "date", build_date },
	{ "month", build_month },
	{ "year", build_year },
	{ "iso", build_iso },
	{ "list", build_list },
	{ "drange", build_drange },
	{ "yrange", build_yrange },
	{ "part", build_part },
	{ "rel", build_rel },
	{ "month_rel", build_month_rel },
	{ "rel_named", build_rel_named },
	{ "weekday", build_weekday },
	{ "deictic", build_deictic },
	{ "ref", build_ref },
	{ "ago", build_ago },
	{ "later", build_later },
	{ "time", build_time },
	{ NULL, NULL },
};

dates_build_fn
dates_builder(const char *name)
{
	for (int i = 0; builders[i].name != NULL; i++) {
		if (strcmp(builders[i].name, name) == 0) {
			return (builders[i].fn);
		}
	}
	return (NULL);
}
