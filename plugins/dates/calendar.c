/*
 * calendar.c: proleptic Gregorian date arithmetic for the dates plugin.
 * Day counts use the civil-from-days method (eras of 400 years), so no
 * table and no time zone is involved.
 */
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

long
dates_days(dates_ymd d)
{
	long y   = d.m <= 2 ? d.y - 1 : d.y;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long mp  = d.m > 2 ? d.m - 3 : d.m + 9;
	long doy = (153 * mp + 2) / 5 + d.d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return (era * 146097 + doe - 719468);
}

dates_ymd
dates_from_days(long days)
{
	dates_ymd r;
	long      z   = days + 719468;
	long      era = (z >= 0 ? z : z - 146096) / 146097;
	long      doe = z - era * 146097;
	long      yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long      doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long      mp  = (5 * doy + 2) / 153;

	r.d = (int) (doy - (153 * mp + 2) / 5 + 1);
	r.m = (int) (mp < 10 ? mp + 3 : mp - 9);
	r.y = (int) (yoe + era * 400 + (r.m <= 2 ? 1 : 0));
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
