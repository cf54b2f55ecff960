/*
 * tests/dates_rules_test.c: every rule of plugins/dates/data/grammar.tsv,
 * each with a sentence of its own that only it matches, and a check that
 * no rule of the grammar is left without one.  The document date is Friday
 * 2024-04-26 (ISO week 17) throughout.
 */
#include "dates_test.h"

#define DCT "2024-04-26"

typedef struct rule_case {
	const char *rule;
	const char *text;
	const char *span;
	const char *value;
	const char *span2; /* a second date of a list rule, or NULL */
	const char *value2;
} rule_case;

static const rule_case cases[] = {
	{ "iso_time", "Posted: 2023-09-10 21:30 IST by staff.",
	    "2023-09-10 21:30 IST", "2023-09-10T21:30", NULL, NULL },
	{ "iso", "The report is dated 2024-03-15 in the archive.",
	    "2024-03-15", "2024-03-15", NULL, NULL },
	{ "slash", "The deal was signed on 26/04/2023 in Minsk.", "26/04/2023",
	    "2023-04-26", NULL, NULL },
	{ "month_day_list", "She visits Moscow on April 29 and 30.",
	    "April 29", "2024-04-29", "30", "2024-04-30" },
	{ "day_list_month", "The summit was held on 9 and 10 September 2023.",
	    "9", "2023-09-09", "10 September 2023", "2023-09-10" },
	{ "month_day_year", "It was signed on May 25, 2023, in Rome.",
	    "May 25, 2023", "2023-05-25", NULL, NULL },
	{ "month_day", "The ministers met on February 21 in Rio.",
	    "February 21", "2024-02-21", NULL, NULL },
	{ "day_month_year", "The bloc was founded on 8 August 1967.",
	    "8 August 1967", "1967-08-08", NULL, NULL },
	{ "day_month", "On 9 September, the leaders met in Delhi.",
	    "9 September", "2023-09-09", NULL, NULL },
	{ "day_of_month", "The vote was held on the 9th of May 2021.",
	    "9th of May 2021", "2021-05-09", NULL, NULL },
	{ "month_dayrange", "The forum will run August 22-24 in Kazan.",
	    "August 22-24", "2024-08-22/2024-08-24", NULL, NULL },
	{ "dayrange_month", "The forum will run 22-24 August in Kazan.",
	    "22-24 August", "2024-08-22/2024-08-24", NULL, NULL },
	{ "month_year", "She was appointed in November 2023.", "November 2023",
	    "2023-11", NULL, NULL },
	{ "month_of_year", "Talks will close at the end of June 2025.",
	    "end of June 2025", "2025-06", NULL, NULL },
	{ "month_rel_year", "The coup happened in April last year.",
	    "April last year", "2023-04", NULL, NULL },
	{ "rel_month_day", "The doctor was shot last Oct. 23 at home.",
	    "last Oct. 23", "2023-10-23", NULL, NULL },
	{ "rel_month", "Prices rose sharply last March.", "last March",
	    "2024-03", NULL, NULL },
	{ "mod_month", "Allied leaders will meet in late June.", "late June",
	    "2024-06", NULL, NULL },
	{ "modmonth", "Results are due by mid-November.", "mid-November",
	    "2024-11", NULL, NULL },
	{ "month", "The summit in October will decide.", "October", "2024-10",
	    NULL, NULL },
	{ "fiscal_year", "Profit fell in fiscal 2023.", "fiscal 2023", "2023",
	    NULL, NULL },
	{ "mod_year", "Elections are expected in early 2025.", "early 2025",
	    "2025", NULL, NULL },
	{ "mod_of_year", "The mission ends by the end of 2026.", "end of 2026",
	    "2026", NULL, NULL },
	{ "modyear", "Growth slowed in mid-2023.", "mid-2023", "2023", NULL,
	    NULL },
	{ "year", "Mercosur was founded in 1991.", "1991", "1991", NULL,
	    NULL },
	{ "decade", "It has not grown since the 1990s.", "1990s", "199", NULL,
	    NULL },
	{ "moddecade", "Reforms began in the mid-1990s.", "mid-1990s", "199",
	    NULL, NULL },
	{ "century", "Borders drawn in the 20th century still hold.",
	    "20th century", "19", NULL, NULL },
	{ "year_range", "Kazakhstan's 2023-24 chairmanship ended.", "2023-24",
	    "2023/2024", NULL, NULL },
	{ "quarter_token", "Output rose in Q3 2024.", "Q3 2024", "2024-Q3",
	    NULL, NULL },
	{ "quarter_adj", "Third-quarter profit fell.", "Third-quarter",
	    "2023-Q3", NULL, NULL },
	{ "part_of_year", "Poland presides in the first half of 2025.",
	    "first half of 2025", "2025-H1", NULL, NULL },
	{ "part_of_rel",
	    "Sales may recover in the second quarter of next "
	    "year.",
	    "second quarter of next year", "2025-Q2", NULL, NULL },
	{ "part_of_the_year",
	    "Growth should pick up in the second half of "
	    "the year.",
	    "second half of the year", "2024-H2", NULL, NULL },
	{ "part", "Sales fell in the fourth quarter.", "fourth quarter",
	    "2023-Q4", NULL, NULL },
	{ "year_part", "It lost money in the 2023 second quarter.",
	    "2023 second quarter", "2023-Q2", NULL, NULL },
	{ "rel_year_part", "Sales for next year's first quarter look weak.",
	    "next year's first quarter", "2025-Q1", NULL, NULL },
	{ "season_year", "The offensive started in summer 2022.",
	    "summer 2022", "2022-SU", NULL, NULL },
	{ "season_of_year", "Talks stalled in the summer of 2023.",
	    "summer of 2023", "2023-SU", NULL, NULL },
	{ "mod_season", "The offensive began in late autumn.", "late autumn",
	    "2023-FA", NULL, NULL },
	{ "rel_season", "Talks resume this autumn.", "this autumn", "2024-FA",
	    NULL, NULL },
	{ "rel_unit", "Prices rose last week.", "last week", "2024-W16", NULL,
	    NULL },
	{ "mod_of_rel", "Results come at the end of this month.",
	    "end of this month", "2024-04", NULL, NULL },
	{ "mod_of_the_unit", "Reforms are due by the end of the year.",
	    "end of the year", "2024", NULL, NULL },
	{ "rel_weekday", "The envoy returns next Monday.", "next Monday",
	    "2024-04-29", NULL, NULL },
	{ "weekday", "The minister said on Tuesday that talks failed.",
	    "Tuesday", "2024-04-23", NULL, NULL },
	{ "deictic", "The council meets today.", "today", "2024-04-26", NULL,
	    NULL },
	{ "this_daypart", "The minister arrived this morning.", "this morning",
	    "2024-04-26TMO", NULL, NULL },
	{ "holiday", "Shops will close on Christmas.", "Christmas",
	    "2024-12-25", NULL, NULL },
	{ "holiday_eve", "The talks ended on Christmas Eve.", "Christmas Eve",
	    "2023-12-24", NULL, NULL },
	{ "holiday_day", "Parades marked Victory Day.", "Victory Day",
	    "2024-05-09", NULL, NULL },
	{ "ref", "The bloc now has ten members.", "now", "PRESENT_REF", NULL,
	    NULL },
	{ "the_ref", "Such talks failed in the past.", "past", "PAST_REF",
	    NULL, NULL },
	{ "the_unit", "Protests continued over the weekend.", "weekend",
	    "2024-W16-WE", NULL, NULL },
	{ "ago", "The treaty was signed two weeks ago.", "two weeks ago",
	    "2024-W15", NULL, NULL },
	{ "earlier", "Profit was lower a year earlier.", "a year earlier",
	    "2023", NULL, NULL },
	{ "year_ago", "Profit beat the year-earlier figure.", "year-earlier",
	    "2023", NULL, NULL },
	{ "in_units", "The delegation arrives in three days.", "three days",
	    "2024-04-29", NULL, NULL },
	{ "clock", "The vote starts at 14:30 GMT.", "14:30 GMT",
	    "2024-04-26T14:30", NULL, NULL },
	{ "clock_city", "The talks begin at 10:00 Moscow time.",
	    "10:00 Moscow time", "2024-04-26T10:00", NULL, NULL },
	{ "clock_local", "Voting ends at 18:00 local time.",
	    "18:00 local time", "2024-04-26T18:00", NULL, NULL },
	{ "hhmm_zone", "The blast came at about 10:35 a.m. (0735 GMT).",
	    "0735 GMT", "2024-04-26T07:35", NULL, NULL },
	{ "hour_ampm_local", "Shops open at 9 a.m. local time.",
	    "9 a.m. local time", "2024-04-26T09:00", NULL, NULL },
	{ "hour_ampm", "Polls close at 8 p.m. EDT across the state.",
	    "8 p.m. EDT", "2024-04-26T20:00", NULL, NULL },
	{ "hour_ampm_city", "The ceremony starts at 9 a.m. Kyiv time.",
	    "9 a.m. Kyiv time", "2024-04-26T09:00", NULL, NULL },
	{ "timeword", "The leaders meet at noon.", "noon", "2024-04-26T12:00",
	    NULL, NULL },
};

#define N_CASES (sizeof(cases) / sizeof(cases[0]))

TestSuite(dates_rules, .init = dates_test_setup, .fini = dates_test_teardown);

Test(dates_rules, each_rule_matches_its_example_with_its_value)
{
	for (size_t i = 0; i < N_CASES; i++) {
		const rule_case   *c = &cases[i];
		const dates_match *m
		    = dates_expect(c->text, DCT, c->span, c->value);

		cr_assert_str_eq(m->rule, c->rule, "\"%s\" matched by %s",
		    c->text, m->rule);
		if (c->span2 != NULL) {
			dates_result       r;
			const dates_match *m2;

			dates_run(c->text, DCT, &r);
			m2 = dates_find(&r, c->span2);
			cr_assert_not_null(
			    m2, "no \"%s\" in \"%s\"", c->span2, c->text);
			cr_assert_str_eq(m2->value, c->value2);
		}
	}
}

Test(dates_rules, every_grammar_rule_has_an_example)
{
	size_t n = dates_rule_count(dates_test_lex);

	cr_assert_gt(n, 0);
	for (size_t r = 0; r < n; r++) {
		const char *name  = dates_rule_name(dates_test_lex, r);
		int         found = 0;

		for (size_t i = 0; i < N_CASES && !found; i++) {
			found = strcmp(cases[i].rule, name) == 0;
		}
		cr_assert(found, "rule %s has no example in this suite", name);
	}
	cr_assert_null(dates_rule_name(dates_test_lex, n));
}

Test(dates_rules, list_rules_give_two_spans_without_the_conjunction)
{
	dates_result r;

	dates_run("Talks are set for April 29 and 30.", DCT, &r);
	cr_assert_eq(r.n, 2);
	cr_assert_not_null(dates_find(&r, "April 29"));
	cr_assert_not_null(dates_find(&r, "30"));
}

Test(dates_rules, longest_match_wins_over_a_shorter_rule)
{
	dates_result r;

	dates_run("The treaty entered into force on May 25, 2023.", DCT, &r);
	cr_assert_eq(r.n, 1);
	cr_assert_str_eq(r.m[0].rule, "month_day_year");
}
