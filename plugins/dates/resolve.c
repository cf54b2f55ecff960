/*
 * resolve.c: what the text leaves open, resolved against the document
 * date: the year of "April 26", the week of "Friday", a shifted month, the
 * date of a movable feast.
 */
#include "dates_impl.h"

long
dates_dct_days(const dates_ctx *c)
{
	return (c->dct_days);
}

/* Of the years dct.y - 1 .. dct.y + 1 whose dates are k[0..2] (day
 * counts), the nearest to d0, where one on the wrong side of d0 for the
 * tense counts at three times its distance; the first of equals. */
static int
nearest_year(int y0, const long *k, long d0, int tense)
{
	long bestdist = -1;
	int  besty    = y0 + 1;

	for (int j = 0; j < 3; j++) {
		long dist = k[j] > d0 ? k[j] - d0 : d0 - k[j];

		if ((tense == DATES_TENSE_PAST && k[j] > d0)
		    || (tense == DATES_TENSE_FUTURE && k[j] < d0)) {
			dist *= 3;
		}
		if (bestdist < 0 || dist < bestdist) {
			bestdist = dist;
			besty    = y0 + j;
		}
	}
	return (besty);
}

/* The year of a month (and day, 0 when none) written without one: the
 * nearest of the years around the document's, where a date on the wrong
 * side of the document date for the sentence's tense counts at three times
 * its distance ("said on Jan. 14" a week before it is still this year's).
 * The tense is read only when it can change the year.
 */
int
dates_infer_year(const dates_ctx *c, const dates_fields *f, int month, int day)
{
	long d0 = dates_dct_days(c), k[3];
	int  y0 = c->dct.y - 1, past, future;

	for (int j = 0; j < 3; j++) {
		dates_ymd cand = { y0 + j, month, day == 0 ? 15 : day };

		if (cand.d > dates_month_days(cand.y, month)) {
			cand.d = dates_month_days(cand.y, month);
		}
		k[j] = dates_days(cand);
	}
	past   = nearest_year(y0, k, d0, DATES_TENSE_PAST);
	future = nearest_year(y0, k, d0, DATES_TENSE_FUTURE);
	/* A year both tenses pick is the nearest without a tense too (its
	 * distance, tripled or not, is the least of all). */
	if (past == future) {
		return (past);
	}
	return (nearest_year(y0, k, d0, dates_tense(c, f->mfirst, f->mlast)));
}

/* Shifts the dct month by n months; *y, *m receive the result. */
void
dates_shift_month(const dates_ctx *c, int n, int *y, int *m)
{
	int k = c->dct.y * 12 + (c->dct.m - 1) + n;

	*y = k / 12;
	*m = k % 12 + 1;
}

/* The date of weekday wd: rel < 0 the last one before dct, rel > 0 the one
 * of next week, rel == 0 this week's; without rel, by tense. */
long
dates_weekday_days(
    const dates_ctx *c, const dates_fields *f, int wd, int has_rel, int rel)
{
	long d0   = dates_dct_days(c);
	int  dw   = c->dct_wday;
	int  back = (dw - wd + 7) % 7, fwd = (wd - dw + 7) % 7;
	int  tense;

	if (has_rel) {
		if (rel < 0) {
			return (d0 - (back == 0 ? 7 : back));
		}
		return (d0 - (dw - 1) + (rel > 0 ? 7 : 0) + (wd - 1));
	}
	if (wd == dw) {
		return (d0);
	}
	tense = dates_tense(c, f->mfirst, f->mlast);
	if (tense == DATES_TENSE_FUTURE) {
		return (d0 + fwd);
	}
	if (tense == DATES_TENSE_PRESENT || tense == DATES_TENSE_NONE) {
		return (fwd <= back ? d0 + fwd : d0 - back);
	}
	return (d0 - back);
}

int
dates_season_of_month(int m)
{
	return (m == 12 || m <= 2 ? DS_WI
	        : m <= 5          ? DS_SP
	        : m <= 8          ? DS_SU
	                          : DS_FA);
}

/* Easter Sunday of year y (the Gregorian computus). */
static dates_ymd
easter(int y)
{
	int       a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
	int       f = (b + 8) / 25, g = (b - f + 1) / 3;
	int       h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4;
	int       l = (32 + 2 * e + 2 * i - h - k) % 7;
	int       m = (a + 11 * h + 22 * l) / 451;
	dates_ymd r = { y, (h + l - 7 * m + 114) / 31,
		(h + l - 7 * m + 114) % 31 + 1 };

	return (r);
}

/* The n-th weekday wd (1 = Monday) of month m of year y. */
static dates_ymd
nth_weekday(int y, int m, int wd, int n)
{
	dates_ymd first = { y, m, 1 };
	int       shift = (wd - dates_weekday(first) + 7) % 7;
	dates_ymd r     = { y, m, 1 + shift + 7 * (n - 1) };

	return (r);
}

/* The date of holiday code h (MMDD or a movable feast) in year y. */
dates_ymd
dates_holiday_in(int h, int y)
{
	dates_ymd r = { y, h / 100, h % 100 };

	switch (h) {
	case DS_EASTER:
		return (easter(y));
	case DS_THANKSGIVING:
		return (nth_weekday(y, 11, 4, 4));
	case DS_ELECTION:
		/* the Tuesday after the first Monday of November */
		r = nth_weekday(y, 11, 1, 1);
		r.d++;
		return (r);
	default:
		return (r);
	}
}
