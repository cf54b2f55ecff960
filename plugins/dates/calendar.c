/*
 * calendar.c: proleptic Gregorian date arithmetic for the dates plugin.
 * Day counts use eras of 400 years (Neri and Schneider's method), so
 * no table and no time zone is involved.
 */
#include <stdint.h>

#include "dates.h"

int
dates_valid(int y, int m, int d)
{
	return (y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1
	    && d <= dates_month_days(y, m));
}

int
dates_month_days(int y, int m)
{
	static const int days[]
	    = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap;

	if (m < 1 || m > 12) {
		return (0);
	}
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return (m == 2 && leap ? 29 : days[m - 1]);
}

int
dates_parse_ymd(const char *s, dates_ymd *out)
{
	/* the shape of "2024-04-26", read byte by byte up to the first
	 * that differs (a shorter string ends there at its NUL) */
	static const char shape[] = "dddd-dd-dd";
	int               y, m, d;

	if (s == NULL) {
		return (-1);
	}
	for (int p = 0; p < 10; p++) {
		if (shape[p] == 'd' ? s[p] < '0' || s[p] > '9' : s[p] != '-') {
			return (-1);
		}
	}
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10
	    + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (s[10] != '\0' || !dates_valid(y, m, d)) {
		return (-1);
	}
	out->y = y;
	out->m = m;
	out->d = d;
	return (0);
}

/* Eras of 400 years (146097 days) added to a date's year or a day count
 * so that the calendar divides only numbers at or above zero: any int
 * year is then one. */
#define SHIFT_ERAS 5368710L

/* The days since 1970-01-01 by the method of Neri and Schneider
 * ("Euclidean affine functions and their application to calendar
 * algorithms", 2022): years start on March 1, so that February ends
 * them; the days before a year are 365 a year, a day every 4 years and
 * none every 100 but 400; those before the 1st of month m (3 .. 14)
 * are (979 m - 2919) / 32. */
long
dates_days(dates_ymd d)
{
	int      jan_feb = d.m <= 2;
	uint64_t y    = (uint64_t) ((long) d.y - jan_feb + 400 * SHIFT_ERAS);
	uint64_t m    = (uint64_t) (jan_feb ? d.m + 12 : d.m);
	uint64_t cent = y / 100;
	uint64_t n    = 1461 * y / 4 - cent + cent / 4 + (979 * m - 2919) / 32
	    + (uint64_t) (d.d - 1);

	return ((long) n - 719468 - 146097 * SHIFT_ERAS);
}

/* The year, month and day of a day count by the same method: from the
 * days since March 1 of year 0, the century, then the year in it (a
 * year of March to February), the day in that year, and month and day
 * from one product whose high half is the month and whose low half
 * holds the day.  No division but by constants. */
dates_ymd
dates_from_days(long days)
{
	uint64_t  n       = (uint64_t) (days + 719468 + 146097 * SHIFT_ERAS);
	uint64_t  nc      = (4 * n + 3) % 146097 / 4; /* day of its century */
	uint64_t  cent    = (4 * n + 3) / 146097;
	uint64_t  yc      = (4 * nc + 3) / 1461;     /* year of the century */
	uint64_t  doy     = (4 * nc + 3) % 1461 / 4; /* from March 1 */
	uint64_t  md      = 2141 * doy + 197913;     /* month 3..14, day */
	int       jan_feb = doy >= 306;
	dates_ymd r;

	r.y = (int) ((long) (100 * cent + yc) - 400 * SHIFT_ERAS + jan_feb);
	r.m = (int) (md >> 16) - (jan_feb ? 12 : 0);
	r.d = (int) ((md & 0xffff) / 2141) + 1;
	return (r);
}

int
dates_weekday_of_days(long days)
{
	/* 1970-01-01 was a Thursday (4). */
	long w = (days + 3) % 7;

	if (w < 0) {
		w += 7;
	}
	return ((int) w + 1);
}

int
dates_weekday(dates_ymd d)
{
	return (dates_weekday_of_days(dates_days(d)));
}

void
dates_iso_week(dates_ymd d, int *wy, int *wn)
{
	long days = dates_days(d);
	/* The Thursday of the same week decides the week-based year. */
	long      thu  = days - dates_weekday_of_days(days) + 4;
	dates_ymd t    = dates_from_days(thu);
	dates_ymd jan1 = { t.y, 1, 1 };

	*wy = t.y;
	*wn = (int) ((thu - dates_days(jan1)) / 7 + 1);
}
