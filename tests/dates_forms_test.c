/*
 * tests/dates_forms_test.c: the forms issue 3 lists, in sentences of our
 * own: absolute dates, partial and relative ones resolved by tense, lists
 * and ranges, times, and what is not a date.
 */
#include "dates_test.h"

#define DCT "2024-04-26" /* a Friday */

TestSuite(dates_forms, .init = dates_test_setup, .fini = dates_test_teardown);

Test(dates_forms, absolute_dates_in_every_written_order)
{
	dates_expect(
	    "Filed 2024-04-26 in Geneva.", DCT, "2024-04-26", "2024-04-26");
	dates_expect("It opened April 26, 2024, in Kazan.", DCT,
	    "April 26, 2024", "2024-04-26");
	dates_expect("It opened on 26 April 2024 in Kazan.", DCT,
	    "26 April 2024", "2024-04-26");
	dates_expect(
	    "The vote took place Apr. 26.", DCT, "Apr. 26", "2024-04-26");
	dates_expect("The order was signed 26/04/2024.", DCT, "26/04/2024",
	    "2024-04-26");
	dates_expect("The order was signed 2024/04/26.", DCT, "2024/04/26",
	    "2024-04-26");
	dates_expect("The order was signed 26.04.2024.", DCT, "26.04.2024",
	    "2024-04-26");
	dates_expect(
	    "Exports fell in April 2024.", DCT, "April 2024", "2024-04");
	dates_expect("The rule changed in 2024.", DCT, "2024", "2024");
}

Test(dates_forms, ambiguous_slash_dates_are_left_alone)
{
	dates_expect_none("The form 04/05/2024 was filed.", DCT);
}

Test(dates_forms, periods_decades_quarters_halves_and_modifiers)
{
	const dates_match *m;

	dates_expect("Trade boomed in the 1990s.", DCT, "1990s", "199");
	dates_expect(
	    "Profit rose in fiscal 2023.", DCT, "fiscal 2023", "2023");
	dates_expect("Output grew in Q3 2024.", DCT, "Q3 2024", "2024-Q3");
	dates_expect("Growth returns in the first half of 2025.", DCT,
	    "first half of 2025", "2025-H1");
	m = dates_expect(
	    "Inflation peaked in mid-2023.", DCT, "mid-2023", "2023");
	cr_assert_str_eq(m->mod, "MID");
	m = dates_expect(
	    "Leaders will gather in late June.", DCT, "late June", "2024-06");
	cr_assert_str_eq(m->mod, "END");
	dates_expect(
	    "The 2023-24 season closed.", DCT, "2023-24", "2023/2024");
	dates_expect("Songs of the '80s returned.", DCT, "80s", "198");
	dates_expect_none("The envoy is in her early 50s.", DCT);
}

Test(dates_forms, month_day_without_year_follows_the_tense)
{
	/* Past sentence: a date after the dct is last year's. */
	dates_expect("The minister visited Baku on December 12.", DCT,
	    "December 12", "2023-12-12");
	/* Future sentence: a date before the dct is next year's. */
	dates_expect("The minister will visit Baku on January 12.", DCT,
	    "January 12", "2025-01-12");
	/* Present: the nearest one. */
	dates_expect("The chair passes to Brazil on January 1.", "2024-10-23",
	    "January 1", "2025-01-01");
}

Test(dates_forms, a_month_alone_is_this_years_before_a_future_event)
{
	dates_expect("Officials said they will decide before the summit "
	             "in October.",
	    DCT, "October", "2024-10");
	dates_expect(
	    "The bloc expanded in February.", DCT, "February", "2024-02");
	dates_expect(
	    "The junta seized power in November.", DCT, "November", "2023-11");
}

Test(dates_forms, participles_take_the_tense_of_their_auxiliary)
{
	dates_expect(
	    "The summit will be held in October.", DCT, "October", "2024-10");
	dates_expect(
	    "The summit was held in October.", DCT, "October", "2023-10");
	dates_expect(
	    "The envoy is expected on Monday.", DCT, "Monday", "2024-04-29");
}

Test(dates_forms, weekdays_follow_the_tense)
{
	dates_expect(
	    "Lavrov will meet Sosa on Friday.", DCT, "Friday", "2024-04-26");
	dates_expect("The council said on Monday it would act.", DCT, "Monday",
	    "2024-04-22");
	dates_expect(
	    "The envoy will arrive on Tuesday.", DCT, "Tuesday", "2024-04-30");
}

Test(dates_forms, deictic_and_relative_expressions)
{
	const dates_match *m;

	dates_expect(
	    "The talks ended yesterday.", DCT, "yesterday", "2024-04-25");
	dates_expect(
	    "The talks resume tomorrow.", DCT, "tomorrow", "2024-04-27");
	dates_expect("Sales rose last month.", DCT, "last month", "2024-03");
	dates_expect("Sales rose last year.", DCT, "last year", "2023");
	dates_expect("Inflation fell this year.", DCT, "this year", "2024");
	m = dates_expect("Prices rose earlier this month.", DCT,
	    "earlier this month", "2024-04");
	cr_assert_str_eq(m->mod, "START");
	dates_expect("Brazil hosts the summit later this year.", DCT,
	    "later this year", "2024");
	dates_expect("The deal was signed two weeks ago.", DCT,
	    "two weeks ago", "2024-W15");
	dates_expect(
	    "The fleet sails in three days.", DCT, "three days", "2024-04-29");
	dates_expect("The coup took place in April last year.", DCT,
	    "April last year", "2023-04");
	dates_expect("The ministry is currently reviewing it.", DCT,
	    "currently", "PRESENT_REF");
	dates_expect(
	    "It is over for now, analysts said.", DCT, "now", "PRESENT_REF");
}

Test(dates_forms, movable_holidays_are_computed)
{
	dates_expect(
	    "Pilgrims arrived for Easter.", DCT, "Easter", "2024-03-31");
	dates_expect("Families met last Thanksgiving.", DCT,
	    "last Thanksgiving", "2023-11-23");
	dates_expect("Voters go to the polls on Election Day.", "2024-10-01",
	    "Election Day", "2024-11-05");
	dates_expect_none("The party claimed victory on election day.", DCT);
}

Test(dates_forms, week_expressions_are_iso_weeks)
{
	dates_expect("The bloc met this week.", DCT, "this week", "2024-W17");
	dates_expect(
	    "The bloc meets next week.", DCT, "next week", "2024-W18");
}

Test(dates_forms, lists_and_ranges)
{
	dates_result r;

	dates_expect(
	    "The visit is on April 26 and 27.", DCT, "27", "2024-04-27");
	dates_expect("The forum runs 22-24 August.", DCT, "22-24 August",
	    "2024-08-22/2024-08-24");
	dates_expect("The talks were held on 3-4 April.", DCT, "3-4 April",
	    "2024-04-03/2024-04-04");
	dates_expect(
	    "Talks ran from 22 to 24 August.", DCT, "22", "2023-08-22");
	dates_expect(
	    "Talks ran from 22 to 24 August.", DCT, "24 August", "2023-08-24");
	dates_run("The fair runs from May 1 to May 3.", DCT, &r);
	cr_assert_eq(r.n, 2);
	cr_assert_str_eq(dates_find(&r, "May 1")->value, "2024-05-01");
	cr_assert_str_eq(dates_find(&r, "May 3")->value, "2024-05-03");
}

Test(dates_forms, clock_times_keep_their_zone_and_take_the_day_after_on)
{
	const dates_match *m;

	m = dates_expect("Talks start at 10:00 Moscow time.", DCT,
	    "10:00 Moscow time", "2024-04-26T10:00");
	cr_assert_str_eq(m->type, "TIME");
	dates_expect("Polls close at 8 p.m. EDT.", DCT, "8 p.m. EDT",
	    "2024-04-26T20:00");
	dates_expect("They meet at noon.", DCT, "noon", "2024-04-26T12:00");
	dates_expect("They meet at 3pm.", DCT, "3pm", "2024-04-26T15:00");
	dates_expect("They meet at 10:30am GMT.", DCT, "10:30am GMT",
	    "2024-04-26T10:30");
	dates_expect("Readers will call at 15:30 Brussels time on "
	             "Wednesday.",
	    DCT, "15:30 Brussels time", "2024-05-01T15:30");
	dates_expect("The vote will be held on Tuesday at 10 a.m.", DCT,
	    "10 a.m.", "2024-04-30T10:00");
}

Test(dates_forms, counts_and_numbered_things_are_not_dates)
{
	dates_expect_none("There were 2,024 delegates at the congress.", DCT);
	dates_expect_none("Resolution 2231 was endorsed by the council.", DCT);
	dates_expect_none("See page 1998 and Article 5 of the charter.", DCT);
	dates_expect_none("The army has 2024 soldiers there.", DCT);
	dates_expect_none("It cost $2000 to build.", DCT);
	dates_expect_none(
	    "The leaders backed Agenda 2063 and Vision 2030.", DCT);
}

Test(dates_forms, a_rule_with_a_word_before_it_matches_only_after_that_word)
{
	/* <the UNIT, <the REFN, <in NUM UNIT (grammar.tsv) */
	dates_expect("Protests went on over THE weekend.", DCT, "weekend",
	    "2024-W16-WE");
	dates_expect_none("Weekend protests went on.", DCT);
	dates_expect_none("A weekend of protests went on.", DCT);
	dates_expect_none("Such talks failed before, past or not.", DCT);
	dates_expect("The fleet sails In three days.", DCT, "three days",
	    "2024-04-29");
	dates_expect_none("The fleet sails for three days.", DCT);
	dates_expect_none("Three days passed.", DCT);
}

Test(dates_forms, numbers_turned_away_by_their_shape_never_start_a_date)
{
	/* decimals, thousands, long numbers and short counts */
	dates_expect_none("Prices rose 2.5 percent to 120,000 units.", DCT);
	dates_expect_none("Output was 12.5 and then 1,250,000 barrels.", DCT);
	dates_expect_none("The code 123456 and 15 people were there.", DCT);
	/* two periods, a short number before a month or unit: kept */
	dates_expect("It was signed 2.5.2024 in Kazan.", DCT, "2.5.2024",
	    "2024-05-02");
	dates_expect("It opened 26 April 2024 in Kazan.", DCT,
	    "26 April 2024", "2024-04-26");
	dates_expect("They met 3 days ago in Kazan.", DCT, "3 days ago",
	    "2024-04-23");
}

Test(dates_forms, a_number_is_read_whole_near_the_end_and_past_eight_digits)
{
	/* the digits of a number are counted 8 bytes at a time while 8
	 * are left in the text, then byte by byte */
	dates_expect("It was signed in 2024", DCT, "2024", "2024");
	dates_expect("Signed 26/04/2024", DCT, "26/04/2024", "2024-04-26");
	dates_expect_none("Code 12345678.", DCT);
	dates_expect_none("The serial 1234567890 was read out.", DCT);
	dates_expect_none("Serials 123456789,5 and 12345678.9 were read.", DCT);
	dates_expect("Sales of 1234567 units in 2024 were read.", DCT, "2024",
	    "2024");
}

Test(dates_forms, may_and_march_as_words_or_names_are_not_dates)
{
	dates_expect_none("Theresa May spoke to reporters.", DCT);
	dates_expect_none("Bolivia May Join BRICS Soon", DCT);
	dates_expect_none("Farmers March on the Capital", DCT);
	dates_expect_none("The bloc may march ahead.", DCT);
	dates_expect("The vote is due in May.", DCT, "May", "2024-05");
}

Test(dates_forms, names_and_titles_that_look_like_dates_are_not_dates)
{
	dates_expect_none("Ministers Geremek and Jan Kavan signed.", DCT);
	dates_expect_none(
	    "Baker said on ABC's This Week that talks failed.", DCT);
	dates_expect("This week, Baker said talks failed.", DCT, "This week",
	    "2024-W17");
}

Test(dates_forms, a_weekday_in_a_title_is_not_a_date)
{
	dates_result r;

	dates_run("Monday Briefing returns next Monday.", DCT, &r);
	cr_assert_eq(r.n, 1);
	cr_assert_str_eq(r.m[0].value, "2024-04-29");
}

Test(dates_forms, a_year_ago_after_a_quarter_is_that_quarter_a_year_before)
{
	dates_result r;

	dates_run(
	    "Profit rose in the first quarter from a year ago.", DCT, &r);
	cr_assert_str_eq(dates_find(&r, "first quarter")->value, "2024-Q1");
	cr_assert_str_eq(dates_find(&r, "a year ago")->value, "2023-Q1");
}
