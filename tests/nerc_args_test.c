/*
 * tests/nerc_args_test.c: nerc's option value parsing.
 */
#include <criterion/criterion.h>

#include "nerc.h"

Test(nerc_args, durations_take_ms_s_m_h_units)
{
	uint32_t ms = 0;

	cr_assert_eq(nerc_parse_duration("500ms", &ms), 0);
	cr_assert_eq(ms, 500);
	cr_assert_eq(nerc_parse_duration("5s", &ms), 0);
	cr_assert_eq(ms, 5000);
	cr_assert_eq(nerc_parse_duration("1.5s", &ms), 0);
	cr_assert_eq(ms, 1500);
	cr_assert_eq(nerc_parse_duration("2m", &ms), 0);
	cr_assert_eq(ms, 120000);
	cr_assert_eq(nerc_parse_duration("1h", &ms), 0);
	cr_assert_eq(ms, 3600000);
}

Test(nerc_args, bare_numbers_are_seconds)
{
	uint32_t ms = 0;

	cr_assert_eq(nerc_parse_duration("3", &ms), 0);
	cr_assert_eq(ms, 3000);
}

Test(nerc_args, junk_and_negative_durations_are_refused)
{
	uint32_t ms = 42;

	cr_assert_eq(nerc_parse_duration("soon", &ms), -1);
	cr_assert_eq(nerc_parse_duration("-5s", &ms), -1);
	cr_assert_eq(nerc_parse_duration("5 s", &ms), -1);
	cr_assert_eq(nerc_parse_duration("5sec", &ms), -1);
	cr_assert_eq(nerc_parse_duration("9999999h", &ms), -1);
	cr_assert_eq(nerc_parse_duration("", &ms), -1);
	cr_assert_eq(ms, 42, "left alone on failure");
}

Test(nerc_args, zero_and_non_decimal_durations_are_refused)
{
	uint32_t ms = 42;

	/* 0 would silently mean the default deadline (30 s). */
	cr_assert_eq(nerc_parse_duration("0", &ms), -1);
	cr_assert_eq(nerc_parse_duration("0s", &ms), -1);
	cr_assert_eq(nerc_parse_duration("0.0ms", &ms), -1);
	/* strtod's other forms: hexadecimal, exponents, signs, spaces. */
	cr_assert_eq(nerc_parse_duration("0x10", &ms), -1);
	cr_assert_eq(nerc_parse_duration("1e3", &ms), -1);
	cr_assert_eq(nerc_parse_duration("1e-9s", &ms), -1);
	cr_assert_eq(nerc_parse_duration("nan", &ms), -1);
	cr_assert_eq(nerc_parse_duration("inf", &ms), -1);
	cr_assert_eq(nerc_parse_duration(" 5s", &ms), -1);
	cr_assert_eq(nerc_parse_duration("5.s", &ms), -1);
	cr_assert_eq(nerc_parse_duration("1.5.5s", &ms), -1);
	cr_assert_eq(ms, 42, "left alone on failure");
	/* The largest: 2^32 - 1 ms; a fraction of a ms rounds up. */
	cr_assert_eq(nerc_parse_duration("4294967295ms", &ms), 0);
	cr_assert_eq(ms, UINT32_MAX);
	cr_assert_eq(nerc_parse_duration("4294967296ms", &ms), -1);
	cr_assert_eq(nerc_parse_duration("0.0001s", &ms), 0);
	cr_assert_eq(ms, 1);
}

Test(nerc_args, dates_must_be_real_calendar_days)
{
	cr_assert_eq(nerc_check_date("2024-04-26"), 0);
	cr_assert_eq(nerc_check_date("2024-02-29"), 0, "leap year");
	cr_assert_eq(nerc_check_date("2000-02-29"), 0, "leap century");
	cr_assert_eq(nerc_check_date("1900-02-29"), -1);
	cr_assert_eq(nerc_check_date("2023-02-29"), -1);
	cr_assert_eq(nerc_check_date("2024-13-01"), -1);
	cr_assert_eq(nerc_check_date("2024-00-10"), -1);
	cr_assert_eq(nerc_check_date("2024-04-31"), -1);
	cr_assert_eq(nerc_check_date("2024-04-00"), -1);
	cr_assert_eq(nerc_check_date("2024-4-26"), -1);
	cr_assert_eq(nerc_check_date("2024-04-26 "), -1);
	cr_assert_eq(nerc_check_date("2024/04/26"), -1);
	cr_assert_eq(nerc_check_date("yesterday"), -1);
	cr_assert_eq(nerc_check_date(""), -1);
	cr_assert_eq(nerc_check_date(NULL), -1);
}

Test(nerc_args, utf8_fix_replaces_only_the_bytes_that_are_not_utf8)
{
	char *s;

	s = nerc_utf8_fix("caf\xe9.txt");
	cr_assert_str_eq(s, "caf\xef\xbf\xbd.txt");
	free(s);
	s = nerc_utf8_fix("Gr\xc3\xbc\xc3\x9f" "e \xff\xfe \xe2\x82");
	cr_assert_str_eq(s, "Gr\xc3\xbc\xc3\x9f" "e \xef\xbf\xbd\xef\xbf\xbd "
	                    "\xef\xbf\xbd\xef\xbf\xbd");
	free(s);
	s = nerc_utf8_fix("");
	cr_assert_str_eq(s, "");
	free(s);
}
