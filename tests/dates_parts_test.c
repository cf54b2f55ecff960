/*
 * tests/dates_parts_test.c: the parts of the dates plugin on their own:
 * calendar arithmetic, lexicon loading and its errors, the document date
 * found in a header or dateline.
 */
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dates_impl.h"
#include "dates_test.h"

Test(dates_calendar, parses_only_exact_valid_dates)
{
	dates_ymd d;

	cr_assert_eq(dates_parse_ymd("2024-02-29", &d), 0);
	cr_assert_eq(d.y, 2024);
	cr_assert_eq(d.m, 2);
	cr_assert_eq(d.d, 29);
	cr_assert_neq(dates_parse_ymd("2023-02-29", &d), 0);
	cr_assert_neq(dates_parse_ymd("2024-4-26", &d), 0);
	cr_assert_neq(dates_parse_ymd("2024-04-26x", &d), 0);
	cr_assert_neq(dates_parse_ymd("2024-04-2", &d), 0);
	cr_assert_neq(dates_parse_ymd("2024/04/26", &d), 0);
	cr_assert_neq(dates_parse_ymd("2024-13-01", &d), 0);
	cr_assert_neq(dates_parse_ymd("", &d), 0);
	cr_assert_neq(dates_parse_ymd(NULL, &d), 0);
}

Test(dates_calendar, day_counts_round_trip_and_know_weekdays)
{
	dates_ymd epoch = { 1970, 1, 1 }, d = { 2024, 4, 26 }, back;

	cr_assert_eq(dates_days(epoch), 0);
	back = dates_from_days(dates_days(d));
	cr_assert_eq(back.y, 2024);
	cr_assert_eq(back.m, 4);
	cr_assert_eq(back.d, 26);
	cr_assert_eq(dates_weekday(d), 5);
	cr_assert_eq(dates_weekday(epoch), 4);
	for (long k = -800000; k < 800000; k += 997) {
		dates_ymd x = dates_from_days(k);

		cr_assert_eq(dates_days(x), k);
		cr_assert(dates_valid(x.y, x.m, x.d) || x.y < 1);
	}
	/* every day of the years 1570 to 2380, one after the other */
	for (long k = -146097, prev = k - 1; k < 146097; prev = k++) {
		dates_ymd x = dates_from_days(k), p = dates_from_days(prev);

		cr_assert_eq(dates_days(x), k);
		cr_assert(x.d == p.d + 1
		    || (x.d == 1 && p.d == dates_month_days(p.y, p.m)));
	}
}

Test(dates_calendar, weekdays_of_day_counts_before_and_after_the_epoch)
{
	cr_assert_eq(dates_weekday_of_days(0), 4);  /* 1970-01-01 */
	cr_assert_eq(dates_weekday_of_days(-1), 3); /* 1969-12-31 */
	cr_assert_eq(dates_weekday_of_days(-4), 7);
	for (long k = -3003; k < 3003; k += 7) { /* Thursdays */
		cr_assert_eq(dates_weekday_of_days(k),
		    dates_weekday(dates_from_days(k)));
		cr_assert_eq(dates_weekday_of_days(k + 3), 7);
	}
}

Test(dates_calendar, iso_weeks_cross_year_ends)
{
	dates_ymd a = { 2024, 4, 26 }, b = { 2021, 1, 3 },
	          c = { 2024, 12, 30 };
	int wy, wn;

	dates_iso_week(a, &wy, &wn);
	cr_assert_eq(wy, 2024);
	cr_assert_eq(wn, 17);
	dates_iso_week(b, &wy, &wn);
	cr_assert_eq(wy, 2020);
	cr_assert_eq(wn, 53);
	dates_iso_week(c, &wy, &wn);
	cr_assert_eq(wy, 2025);
	cr_assert_eq(wn, 1);
}

Test(dates_calendar, month_lengths_know_leap_years)
{
	cr_assert_eq(dates_month_days(2000, 2), 29);
	cr_assert_eq(dates_month_days(1900, 2), 28);
	cr_assert_eq(dates_month_days(2024, 4), 30);
	cr_assert_eq(dates_month_days(2024, 13), 0);
	cr_assert(!dates_valid(2024, 4, 31));
}

/* A copy of the data folder in a temporary directory, with one file
 * replaced by content (or removed when content is NULL). */
static void
copy_data(char *dir, size_t cap, const char *file, const char *content)
{
	char  cmd[1024], path[512];
	FILE *f;

	snprintf(dir, cap, "/tmp/dates_test_XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd), "cp %s/*.tsv %s/", DATES_TEST_DATA, dir);
	cr_assert_eq(system(cmd), 0);
	snprintf(path, sizeof(path), "%s/%s", dir, file);
	if (content == NULL) {
		cr_assert_eq(unlink(path), 0);
		return;
	}
	f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs(content, f);
	fclose(f);
}

static void
remove_dir(const char *dir)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	cr_assert_eq(system(cmd), 0);
}

Test(dates_lexicon, loads_the_shipped_data)
{
	dates_lexicon *lex      = NULL;
	char           err[256] = "";

	cr_assert_eq(
	    dates_lexicon_load(&lex, DATES_TEST_DATA, neri_key, err, sizeof(err)), 0,
	    "%s", err);
	cr_assert_gt(dates_rule_count(lex), 40);
	dates_lexicon_free(lex);
	dates_lexicon_free(NULL);
}

Test(dates_lexicon, a_missing_file_is_not_found_and_named)
{
	dates_lexicon *lex = NULL;
	char           dir[64], err[256] = "";

	copy_data(dir, sizeof(dir), "zones.tsv", NULL);
	cr_assert_eq(
	    dates_lexicon_load(&lex, dir, neri_key, err, sizeof(err)), NERP_ENOENT);
	cr_assert_not_null(strstr(err, "zones.tsv"));
	cr_assert_null(lex);
	remove_dir(dir);
}

/* Asserts that the shipped data with file name replaced by text is
 * refused as invalid, naming where ("file:line"). */
static void
expect_refused(const char *name, const char *text, const char *where)
{
	dates_lexicon *lex = NULL;
	char           dir[64], err[256] = "";

	copy_data(dir, sizeof(dir), name, text);
	cr_assert_eq(
	    dates_lexicon_load(&lex, dir, neri_key, err, sizeof(err)), NERP_EINVAL);
	cr_assert_not_null(strstr(err, where), "%s", err);
	cr_assert_null(lex);
	remove_dir(dir);
}

Test(dates_lexicon, a_bad_line_is_refused_with_file_and_line)
{
	expect_refused("units.tsv",
	    "# units\nday\tUNIT\tD\nweek\tNOSUCHCLASS\tW\n", "units.tsv:3");
}

Test(dates_lexicon, a_word_with_a_space_is_refused)
{
	/* it was loaded with its space, and no token has one (spaces
	 * around a field are dropped by nerl_tsv) */
	expect_refused("weekdays.tsv",
	    "fredag\tWEEKDAY\t5\nlor dag\tWEEKDAY\t6\n", "weekdays.tsv:2");
}

Test(dates_lexicon, a_grammar_rule_with_an_unknown_builder_is_refused)
{
	expect_refused("grammar.tsv",
	    "year\tyear\tYEAR\nodd\tnosuchbuilder\tMONTH DAY\n",
	    "grammar.tsv:2");
}

Test(dates_lexicon, a_word_before_a_rule_is_refused_past_its_first_element)
{
	expect_refused("grammar.tsv",
	    "the_unit\trel\t<the UNIT\nodd\tdate\tMONTH <of YEAR\n",
	    "grammar.tsv:2");
}

/* The lexicon loaded from the shipped data with file name replaced by
 * the len bytes of text (which may hold NUL bytes); NULL when refused,
 * with the message in err. */
static dates_lexicon *
load_with(const char *name, const char *text, size_t len, char *err,
    size_t errlen, int *rv)
{
	dates_lexicon *lex = NULL;
	char           dir[64], path[128];
	FILE          *f;

	copy_data(dir, sizeof(dir), name, "");
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	cr_assert_not_null(f);
	cr_assert_eq(fwrite(text, 1, len, f), len);
	fclose(f);
	*rv = dates_lexicon_load(&lex, dir, neri_key, err, errlen);
	remove_dir(dir);
	return (lex);
}

Test(dates_lexicon, a_byte_order_mark_is_skipped)
{
	static const char text[]   = "\xEF\xBB\xBF"
	                             "fredag\tWEEKDAY\t5\n";
	char              err[256] = "";
	int               rv;
	dates_lexicon    *lex = load_with(
	       "weekdays.tsv", text, sizeof(text) - 1, err, sizeof(err), &rv);

	/* it was read as part of the first word, which never matched */
	cr_assert_eq(rv, 0, "%s", err);
	cr_assert_not_null(dates_lookup(lex, "fredag", 6));
	dates_lexicon_free(lex);
}

Test(dates_lexicon, a_line_of_spaces_is_a_blank_line)
{
	static const char text[]   = "fredag\tWEEKDAY\t5\n"
	                             "  \t \n"
	                             "lordag\tWEEKDAY\t6\n";
	char              err[256] = "";
	int               rv;
	dates_lexicon    *lex = load_with(
	       "weekdays.tsv", text, sizeof(text) - 1, err, sizeof(err), &rv);

	cr_assert_eq(rv, 0, "%s", err);
	cr_assert_not_null(dates_lookup(lex, "lordag", 6));
	dates_lexicon_free(lex);
}

Test(dates_lexicon, a_long_comment_line_is_one_comment)
{
	char           text[3000];
	char           err[256] = "";
	int            rv;
	dates_lexicon *lex;

	/* read in pieces of 1 KiB, its tail was taken for a line */
	memset(text, 'x', sizeof(text));
	text[0] = '#';
	memcpy(text + 2000, "\nfredag\tWEEKDAY\t5\n", 18);
	lex = load_with("weekdays.tsv", text, 2018, err, sizeof(err), &rv);
	cr_assert_eq(rv, 0, "%s", err);
	cr_assert_not_null(dates_lookup(lex, "fredag", 6));
	dates_lexicon_free(lex);
}

Test(dates_lexicon, a_nul_byte_or_invalid_utf8_is_refused_with_file_and_line)
{
	static const char nul[]    = "fredag\tWEEKDAY\t5\n"
	                             "lordag\tWEEKDAY\t6\0x\n";
	static const char badu[]   = "fredag\tWEEKDAY\t5\n"
	                             "l\xF8rdag\tWEEKDAY\t6\n";
	char              err[256] = "";
	int               rv;

	cr_assert_null(load_with(
	    "weekdays.tsv", nul, sizeof(nul) - 1, err, sizeof(err), &rv));
	cr_assert_eq(rv, NERP_EINVAL);
	cr_assert_not_null(strstr(err, "weekdays.tsv:2"), "%s", err);
	cr_assert_null(load_with(
	    "weekdays.tsv", badu, sizeof(badu) - 1, err, sizeof(err), &rv));
	cr_assert_eq(rv, NERP_EINVAL);
	cr_assert_not_null(strstr(err, "weekdays.tsv:2"), "%s", err);
}

Test(dates_lexicon, a_word_given_two_values_of_one_class_is_refused)
{
	static const char text[]   = "fredag\tWEEKDAY\t5\n"
	                             "fredag\tWEEKDAY\t5\n"
	                             "# x\n"
	                             "fredag\tWEEKDAY\t6\n";
	char              err[256] = "";
	int               rv;

	/* the later line won unseen; the same value twice is harmless */
	cr_assert_null(load_with(
	    "weekdays.tsv", text, sizeof(text) - 1, err, sizeof(err), &rv));
	cr_assert_eq(rv, NERP_EINVAL);
	cr_assert_not_null(strstr(err, "weekdays.tsv:4"), "%s", err);
}

Test(dates_lexicon, a_directory_for_a_file_is_refused_and_named)
{
	dates_lexicon *lex = NULL;
	char           dir[64], path[128], err[256] = "";

	/* read as an empty file before: every weekday gone, rv 0 */
	copy_data(dir, sizeof(dir), "weekdays.tsv", NULL);
	snprintf(path, sizeof(path), "%s/weekdays.tsv", dir);
	cr_assert_eq(mkdir(path, 0700), 0);
	cr_assert_eq(dates_lexicon_load(&lex, dir, neri_key, err, sizeof(err)),
	    NERP_EINVAL);
	cr_assert_not_null(strstr(err, "weekdays.tsv"), "%s", err);
	cr_assert_null(lex);
	remove_dir(dir);
}

Test(dates_lexicon, an_edited_word_list_changes_what_is_found)
{
	dates_lexicon *saved;
	char           dir[64], err[256] = "";
	const char    *text = "The talks end on Fredag.";
	size_t         ntok;
	nerp_token     toks[16];
	uint64_t       keys[16];
	char           work[16 * 64];
	dates_match    m[4];
	dates_ymd      dct = { 2024, 4, 26 };

	copy_data(dir, sizeof(dir), "weekdays.tsv", "fredag\tWEEKDAY\t5\n");
	cr_assert_eq(
	    dates_lexicon_load(&saved, dir, neri_key, err, sizeof(err)), 0, "%s", err);
	cr_assert_leq(dates_tok_size(), 64);
	ntok = neri_tokenize(text, strlen(text), toks, 16);
	neri_keys(text, toks, ntok, keys);
	dates_work_clear(work, ntok);
	cr_assert_eq(dates_scan(saved, text, strlen(text), toks, keys, ntok,
	                 dct, work, m, 4),
	    1);
	cr_assert_str_eq(m[0].value, "2024-04-26");
	dates_lexicon_free(saved);
	remove_dir(dir);
}

TestSuite(dates_keys, .init = dates_test_setup, .fini = dates_test_teardown);

Test(dates_keys, a_word_is_found_by_its_key_in_any_ascii_case)
{
	const dates_entry *e;

	e = dates_lookup_key(dates_test_lex, neri_key("MARCH", 5), "MARCH", 5);
	cr_assert_not_null(e);
	cr_assert_str_eq(e->word, "march");
	cr_assert_eq(dates_lookup_key(dates_test_lex, neri_key("March", 5),
	                 "March", 5),
	    e);
	cr_assert_eq(dates_lookup(dates_test_lex, "march", 5), e);
}

Test(dates_keys, a_word_sharing_only_the_folded_key_is_not_found)
{
	/* "máy" folds to "may" (same key), but the lexicon matches ASCII
	 * case only, as the words' lists always did. */
	const char *s = "m\xc3\xa1y";

	cr_assert_not_null(dates_lookup(dates_test_lex, "may", 3));
	cr_assert_eq(neri_key(s, strlen(s)), neri_key("may", 3));
	cr_assert_null(
	    dates_lookup_key(dates_test_lex, neri_key(s, strlen(s)), s,
	        strlen(s)));
	cr_assert_null(dates_lookup(dates_test_lex, s, strlen(s)));
}

Test(dates_keys, a_short_word_compared_at_once_matches_as_byte_by_byte)
{
	/* 8 readable bytes from each word; the entry side zero-padded */
	char        w[9] = "march", pad[16];
	const char *texts[] = { "March of", "MARCH of", "marcH!xx", "March1xx",
		"Marc h  ", "m\xc3\xa1rch ", "[arch   ", "MARCHES ", "marci   " };

	memset(pad, 0, sizeof(pad));
	memcpy(pad, w, 5);
	for (size_t k = 0; k < sizeof(texts) / sizeof(texts[0]); k++) {
		cr_assert_eq(dates_same_word8(texts[k], pad, 5),
		    dates_same_word(texts[k], w, 5), "%s", texts[k]);
	}
	cr_assert(dates_same_word8("MARCH of", pad, 5));
	cr_assert_not(dates_same_word8("[arch   ", pad, 5));
	/* '@' and '[' border the capitals; UTF-8 bytes are left as they are */
	memset(pad, 0, sizeof(pad));
	memcpy(pad, "`{\xe1z", 4);
	cr_assert_not(dates_same_word8("@[\xc1Z....", pad, 4));
	cr_assert(dates_same_word8("`{\xe1Z....", pad, 4));
	memcpy(pad, "12345678", 8);
	cr_assert(dates_same_word8("12345678", pad, 8));
}

Test(dates_keys, words_outside_the_lexicon_are_not_found)
{
	cr_assert_null(dates_lookup_key(
	    dates_test_lex, neri_key("embassy", 7), "embassy", 7));
	cr_assert_null(dates_lookup(dates_test_lex, "", 0));
	cr_assert_null(dates_lookup(dates_test_lex,
	    "abcdefghijklmnopqrstuvwxyzabcdefgh", 34));
}

Test(dates_keys, a_key_map_holds_the_kinds_marked)
{
	static dates_keymap map;
	uint64_t            k = neri_key("friday", 6);

	memset(map, 0, sizeof(map));
	cr_assert_eq(dates_key_kinds(map, k), 0);
	dates_key_mark(map, k, DK_FREE);
	dates_key_mark(map, k, DK_WORD);
	cr_assert_eq(dates_key_kinds(map, k), DK_FREE | DK_WORD);
	cr_assert_eq(
	    dates_key_kinds(dates_test_lex->keymap, k) & (DK_WORD | DK_FREE),
	    DK_WORD | DK_FREE);
}

Test(dates_keys, a_start_set_holds_the_keys_added)
{
	static dates_startset set;
	uint64_t              k = neri_key("friday", 6);

	memset(set, 0, sizeof(set));
	cr_assert_not(dates_start_may(set, k));
	dates_start_mark(set, k);
	cr_assert(dates_start_may(set, k));
	/* the lexicon's: the words that start rules */
	cr_assert(dates_start_may(dates_test_lex->starts, k));
	cr_assert(dates_start_may(dates_test_lex->starts, neri_key("a", 1)));
	cr_assert(
	    dates_start_may(dates_test_lex->starts, neri_key("last", 4)));
}

Test(dates_keys, a_start_word_that_may_go_on_with_any_token_is_free)
{
	const dates_keymap *map = &dates_test_lex->keymap;

	/* "friday" may end a match; "a" and "last" need a lexicon word
	 * next (no other start word shares their slots) */
	cr_assert(dates_key_kinds(*map, neri_key("friday", 6)) & DK_FREE);
	cr_assert_eq(dates_key_kinds(*map, neri_key("a", 1)) & DK_FREE, 0);
	cr_assert_eq(dates_key_kinds(*map, neri_key("last", 4)) & DK_FREE, 0);
}

Test(dates_keys, tense_words_are_marked_in_the_key_map)
{
	cr_assert(dates_key_kinds(dates_test_lex->keymap, neri_key("said", 4))
	    & DK_TENSE);
	cr_assert(dates_key_kinds(dates_test_lex->keymap, neri_key("will", 4))
	    & DK_TENSE);
}

Test(dates_keys, a_rule_start_class_knows_the_classes_that_may_follow)
{
	/* DAY UNIT, DAY MONTH, DAY of MONTH ...: a day goes on with a unit,
	 * a month or "of"; a month may end a match ("month": MONTH) */
	cr_assert(dates_test_lex->next_of[DC_DAY] & DC_BIT(DC_UNIT));
	cr_assert(dates_test_lex->next_of[DC_DAY] & DC_BIT(DC_MONTH));
	cr_assert_eq(dates_test_lex->next_of[DC_DAY] & DC_BIT(DC_ANY), 0);
	cr_assert_eq(dates_test_lex->next_of[DC_MONTH], ~(uint64_t) 0);
	/* no rule starts with a tense word or a comma */
	cr_assert_eq(dates_test_lex->next_of[DC_TENSE], 0);
	cr_assert_eq(dates_test_lex->next_of[DC_COMMA], 0);
	cr_assert(dates_test_lex->lead_first & DC_BIT(DC_DAY));
	cr_assert_eq(dates_test_lex->lead_first & DC_BIT(DC_TENSE), 0);
}

Test(dates_keys, mod_prefixes_are_known_by_length_and_initial)
{
	/* "mid" and "late" are MOD words (modifiers.tsv) */
	cr_assert(dates_test_lex->mod_lens & (1u << 3));
	cr_assert(dates_test_lex->mod_lens & (1u << 4));
	cr_assert(dates_test_lex->mod_initials & (1u << ('m' - 'a')));
	cr_assert(dates_test_lex->mod_initials & (1u << ('l' - 'a')));
	cr_assert_eq(dates_test_lex->mod_initials & (1u << ('q' - 'a')), 0);
}

static const dates_rule *
rule_named(const char *name)
{
	for (size_t r = 0; r < dates_rule_count(dates_test_lex); r++) {
		if (strcmp(dates_rule_name(dates_test_lex, r), name) == 0) {
			return (&dates_test_lex->rule[r]);
		}
	}
	cr_assert_fail("no rule %s", name);
	return (NULL);
}

Test(dates_keys, a_word_knows_when_a_match_needs_a_lexicon_word_next)
{
	/* "a" starts only NUM UNIT ...; "last" only REL UNIT, REL MONTH ... */
	cr_assert(dates_lookup(dates_test_lex, "a", 1)->next_word);
	cr_assert(dates_lookup(dates_test_lex, "last", 4)->next_word);
	/* "fiscal YEAR": a number may follow; "friday" may end a match */
	cr_assert_not(dates_lookup(dates_test_lex, "fiscal", 6)->next_word);
	cr_assert_not(dates_lookup(dates_test_lex, "friday", 6)->next_word);
}

Test(dates_keys, punctuation_has_a_class_per_mark_the_rules_use)
{
	cr_assert_eq(dates_punct_class(",", 1), DC_COMMA);
	cr_assert_eq(dates_punct_class(".", 1), DC_PERIOD);
	cr_assert_eq(dates_punct_class("-", 1), DC_PUNCTX);
	cr_assert_eq(dates_punct_class("...", 3), DC_PUNCTX);
}

Test(dates_keys, dashes_are_punctuation_that_joins_two_days)
{
	cr_assert_eq(dates_punct_classes(",", 1), DC_BIT(DC_COMMA));
	cr_assert_eq(dates_punct_classes("-", 1),
	    DC_BIT(DC_PUNCTX) | DC_BIT(DC_CONJ));
	cr_assert_eq(dates_punct_classes("\u2013", 3),
	    DC_BIT(DC_PUNCTX) | DC_BIT(DC_CONJ));
	cr_assert_eq(dates_punct_classes("\u2014", 3),
	    DC_BIT(DC_PUNCTX) | DC_BIT(DC_CONJ));
	cr_assert_eq(dates_punct_classes("\u2019", 3), DC_BIT(DC_PUNCTX));
}

Test(dates_keys, a_rule_knows_what_its_first_two_tokens_may_be)
{
	const dates_rule *r = rule_named("century"); /* DAY UNIT */

	cr_assert_eq(r->n_lead, 1);
	cr_assert_eq(r->lead[0].first, DC_BIT(DC_DAY));
	cr_assert_eq(r->lead[0].next, DC_BIT(DC_UNIT));
	/* WEEKDAY? ,? MONTH .? DAY: a weekday may be followed by a comma
	 * or a month, a month by a period or a day; the comma starts
	 * nothing */
	r = rule_named("month_day");
	cr_assert_eq(r->n_lead, 3);
	cr_assert_eq(r->lead[0].first, DC_BIT(DC_WEEKDAY));
	cr_assert_eq(r->lead[0].next, DC_BIT(DC_COMMA) | DC_BIT(DC_MONTH));
	cr_assert_eq(r->lead[1].first, 0);
	cr_assert_eq(r->lead[2].first, DC_BIT(DC_MONTH));
	cr_assert_eq(r->lead[2].next, DC_BIT(DC_PERIOD) | DC_BIT(DC_DAY));
	/* MONTH: may end after one token */
	r = rule_named("month");
	cr_assert_eq(r->n_lead, 1);
	cr_assert_eq(r->lead[0].next, ~(uint64_t) 0);
	/* fiscal YEAR: a literal word first */
	r = rule_named("fiscal_year");
	cr_assert_eq(r->lead[0].first, DC_BIT(DC_LIT));
	cr_assert_eq(r->lead[0].next, DC_BIT(DC_YEAR));
}

Test(dates_keys, a_rule_knows_what_its_third_token_may_be)
{
	/* NUM UNIT ago: "ago" (a literal word) third */
	const dates_rule *r = rule_named("ago");

	cr_assert_eq(r->lead[0].next2, DC_BIT(DC_LIT));
	/* WEEKDAY? ,? MONTH .? DAY: after a month, a period then a day or
	 * a day then the end; after a weekday, a comma then a month or a
	 * month then a period or a day */
	r = rule_named("month_day");
	cr_assert_eq(r->lead[2].next2, ~(uint64_t) 0);
	cr_assert_eq(r->lead[0].next2,
	    DC_BIT(DC_MONTH) | DC_BIT(DC_PERIOD) | DC_BIT(DC_DAY));
	/* MONTH .? DAY | !CONJ DAY2 ...: a day then a conjunction */
	r = rule_named("month_day_list");
	cr_assert_eq(r->lead[2].next2, DC_BIT(DC_DAY) | DC_BIT(DC_CONJ));
	/* DAY UNIT: may end after two tokens */
	r = rule_named("century");
	cr_assert_eq(r->lead[0].next2, ~(uint64_t) 0);
	/* MONTH: may end after one token */
	r = rule_named("month");
	cr_assert_eq(r->lead[0].next2, ~(uint64_t) 0);
}

Test(dates_keys, a_start_class_knows_the_next_tokens_whose_third_matters)
{
	/* NUM UNIT ago: after a count and a unit comes "ago"; a weekday
	 * ("WEEKDAY DAYPART?") may end after its part of the day */
	cr_assert(dates_test_lex->next_tight[DC_NUM] & DC_BIT(DC_UNIT));
	cr_assert(
	    dates_test_lex->next_of[DC_WEEKDAY] & DC_BIT(DC_DAYPART));
	cr_assert_eq(
	    dates_test_lex->next_tight[DC_WEEKDAY] & DC_BIT(DC_DAYPART), 0);
}

Test(dates_keys, a_union_of_classes_joins_the_entries_of_each_class)
{
	const uint64_t *next_of = dates_test_lex->next_of;

	cr_assert_eq(dates_classes_union(next_of, 0), 0);
	cr_assert_eq(dates_classes_union(next_of, DC_BIT(DC_NUM)),
	    next_of[DC_NUM]);
	cr_assert_eq(
	    dates_classes_union(next_of, DC_BIT(DC_NUM) | DC_BIT(DC_WEEKDAY)),
	    next_of[DC_NUM] | next_of[DC_WEEKDAY]);
}

Test(dates_keys, classify_reads_the_word_by_its_key)
{
	const char *text = "Friday friday";
	nerp_token  toks[4];
	dates_tok   t;
	size_t      n = neri_tokenize(text, strlen(text), toks, 4);

	cr_assert_eq(n, 2);
	dates_classify(dates_test_lex, text, &toks[0],
	    neri_key(text + toks[0].start, 6), &t);
	cr_assert(t.cls & DC_BIT(DC_WEEKDAY));
	cr_assert_not_null(t.ent);
	/* lowercase: the same entry, but not a weekday name */
	dates_classify(dates_test_lex, text, &toks[1],
	    neri_key(text + toks[1].start, 6), &t);
	cr_assert_not_null(t.ent);
	cr_assert_eq(t.cls & DC_BIT(DC_WEEKDAY), 0);
}

Test(dates_keys, a_word_that_may_classify_is_one_classify_gives_classes)
{
	const char *text = "G7 well-known Q3 mid-2023 late-November Covid-19 "
	                   "year-end H2 x9";
	nerp_token  toks[16];
	size_t      n = neri_tokenize(text, strlen(text), toks, 16);
	/* the words dates_classify() gives more than DC_CAP */
	const int may[] = { 0, 0, 1, 1, 1, 0, 0, 1, 0 };

	cr_assert_eq(n, 9);
	for (size_t k = 0; k < n; k++) {
		const nerp_token *tk  = &toks[k];
		uint64_t          key = neri_key(
                    text + tk->start, tk->end - tk->start);
		dates_tok         t;
		int               got;

		got = dates_word_may_classify(dates_test_lex, text, tk, key);
		dates_classify(dates_test_lex, text, tk, key, &t);
		cr_assert_eq(got != 0, may[k], "token %zu", k);
		/* never zero for a token with classes */
		if (!got) {
			cr_assert_eq(t.cls & ~DC_BIT(DC_CAP), 0, "token %zu", k);
		}
	}
}

TestSuite(dates_dct, .init = dates_test_setup, .fini = dates_test_teardown);

static int
find_dct(const char *text, dates_ymd *out)
{
	size_t len = strlen(text), ntok = neri_tokenize(text, len, NULL, 0);
	nerp_token *toks  = calloc(ntok + 1, sizeof(*toks));
	uint64_t   *keys  = calloc(ntok + 1, sizeof(*keys));
	void       *work  = malloc((ntok + 1) * dates_tok_size());
	dates_ymd   today = { 2026, 1, 15 };
	int         found;

	neri_tokenize(text, len, toks, ntok);
	neri_keys(text, toks, ntok, keys);
	dates_work_clear(work, ntok);
	found = dates_find_dct(
	    dates_test_lex, text, len, toks, keys, ntok, today, work, out);
	free(toks);
	free(keys);
	free(work);
	return (found);
}

Test(dates_dct, a_scan_after_the_document_date_finds_what_a_scan_alone_does)
{
	const char *text = "WASHINGTON, March 3, 2025 - The ministers met on "
	                   "Friday and will meet again next week, two days "
	                   "before the summit of 12 March.";
	size_t      len = strlen(text), ntok = neri_tokenize(text, len, NULL, 0);
	nerp_token *toks = calloc(ntok + 1, sizeof(*toks));
	uint64_t   *keys = calloc(ntok + 1, sizeof(*keys));
	void       *work = malloc((ntok + 1) * dates_tok_size());
	dates_ymd   today = { 2026, 1, 15 }, dct;
	dates_match alone[16], shared[16];
	size_t      n_alone, n_shared;

	neri_tokenize(text, len, toks, ntok);
	neri_keys(text, toks, ntok, keys);
	dates_work_clear(work, ntok);
	cr_assert(dates_find_dct(
	    dates_test_lex, text, len, toks, keys, ntok, today, work, &dct));
	cr_assert_eq(dct.y, 2025);
	n_shared = dates_scan(dates_test_lex, text, len, toks, keys, ntok, dct,
	    work, shared, 16);
	dates_work_clear(work, ntok);
	n_alone = dates_scan(dates_test_lex, text, len, toks, keys, ntok, dct,
	    work, alone, 16);
	cr_assert_geq(n_alone, 4);
	cr_assert_eq(n_shared, n_alone);
	for (size_t k = 0; k < n_alone; k++) {
		cr_assert_eq(shared[k].start, alone[k].start);
		cr_assert_eq(shared[k].end, alone[k].end);
		cr_assert_str_eq(shared[k].value, alone[k].value);
	}
	free(toks);
	free(keys);
	free(work);
}

Test(dates_dct, the_first_date_with_a_year_decides)
{
	dates_ymd d;

	cr_assert(find_dct("Posted on Friday, 2023-09-10. Updated March 3, "
	                   "2024, after the talks of 12 May 2022.",
	    &d));
	cr_assert_eq(d.y, 2023);
	cr_assert_eq(d.m, 9);
	cr_assert_eq(d.d, 10);
	/* a time before the dated day takes that day */
	cr_assert(find_dct("At 10:30 on March 3, 2024 the talks began.", &d));
	cr_assert_eq(d.y, 2024);
	cr_assert_eq(d.m, 3);
	cr_assert_eq(d.d, 3);
}

Test(dates_dct, a_date_header_gives_the_document_date)
{
	dates_ymd d;

	cr_assert(
	    find_dct("date 2023-05-02 KYIV, May 2. Officials said.", &d));
	cr_assert_eq(d.y, 2023);
	cr_assert_eq(d.m, 5);
	cr_assert_eq(d.d, 2);
}

Test(dates_dct, a_dateline_with_a_year_gives_the_document_date)
{
	dates_ymd d;

	cr_assert(find_dct("Press Release Hanoi, 3 March 2021 The ministers "
	                   "met.",
	    &d));
	cr_assert_eq(d.y, 2021);
	cr_assert_eq(d.m, 3);
	cr_assert_eq(d.d, 3);
}

Test(dates_dct, a_text_without_a_date_has_none)
{
	dates_ymd d;

	cr_assert(!find_dct("The ministers met and said little.", &d));
}

Test(dates_keys, a_punctuation_mark_has_its_class_and_elements_need_it)
{
	const char       *text = "May 4, 2024 - 5.";
	nerp_token        toks[8];
	dates_tok         t;
	const dates_rule *r = rule_named("month_day"); /* WEEKDAY? ,? ... */
	size_t            n = neri_tokenize(text, strlen(text), toks, 8);

	cr_assert_eq(n, 7);
	dates_classify(dates_test_lex, text, &toks[2], 0, &t);
	cr_assert_eq(t.cls, DC_BIT(DC_COMMA));
	dates_classify(dates_test_lex, text, &toks[4], 0, &t);
	cr_assert_eq(t.cls, DC_BIT(DC_PUNCTX) | DC_BIT(DC_CONJ));
	dates_classify(dates_test_lex, text, &toks[6], 0, &t);
	cr_assert_eq(t.cls, DC_BIT(DC_PERIOD));
	cr_assert_eq(r->elem[0].need, DC_BIT(DC_WEEKDAY));
	cr_assert_eq(r->elem[1].need, DC_BIT(DC_COMMA));
	r = rule_named("fiscal_year");
	cr_assert_eq(r->elem[0].need, DC_BIT(DC_LIT));
}

Test(dates_keys, the_rules_a_class_starts_are_listed_in_grammar_order)
{
	const dates_lexicon *lex = dates_test_lex;
	size_t               prev = 0, found = 0;

	for (size_t k = lex->start_at[DC_DAY]; k < lex->start_at[DC_DAY + 1];
	     k++) {
		const dates_start *s = &lex->start[k];

		cr_assert(k == lex->start_at[DC_DAY] || s->rule > prev);
		prev = s->rule;
		if (strcmp(dates_rule_name(lex, s->rule), "century") == 0) {
			cr_assert_eq(s->next, DC_BIT(DC_UNIT));
			found = 1;
		}
	}
	cr_assert(found);
	/* "fiscal YEAR" starts at its literal word */
	found = 0;
	for (size_t k = lex->start_at[DC_LITFIRST];
	     k < lex->start_at[DC_LITFIRST + 1]; k++) {
		if (strcmp(dates_rule_name(lex, lex->start[k].rule),
		        "fiscal_year")
		    == 0) {
			cr_assert_eq(lex->start[k].next, DC_BIT(DC_YEAR));
			found = 1;
		}
	}
	cr_assert(found);
	cr_assert_eq(lex->start_at[DC_TENSE], lex->start_at[DC_TENSE + 1]);
}

/* Fills *c for a scan of the n tokens toks of text: keys[] gets their
 * keys, info[] and done[] (zeroed by the caller) are its work. */
static void
test_ctx(dates_ctx *c, const char *text, const nerp_token *toks,
    uint64_t *keys, size_t n, dates_tok *info, uint8_t *done)
{
	neri_keys(text, toks, n, keys);
	memset(c, 0, sizeof(*c));
	c->lex  = dates_test_lex;
	c->text = text;
	c->len  = strlen(text);
	c->toks = toks;
	c->keys = keys;
	c->info = info;
	c->done = done;
	c->ntok = n;
}

Test(dates_keys, filling_a_token_gives_what_classify_gives_and_marks_it_done)
{
	const char *text = "On Friday may 2 the co-chairs met, mid-2023 Q3.";
	nerp_token  toks[16];
	uint64_t    keys[16];
	dates_tok   info[16], t;
	uint8_t     done[16] = { 0 };
	size_t      n = neri_tokenize(text, strlen(text), toks, 16);
	dates_ctx   c;

	cr_assert(n > 10 && n < 16);
	test_ctx(&c, text, toks, keys, n, info, done);
	for (size_t i = 0; i < n; i++) {
		const dates_tok *f = dates_fill(&c, i);

		cr_assert_eq(f, &info[i]);
		cr_assert_eq(done[i], 1);
		dates_classify(dates_test_lex, text, &toks[i], keys[i], &t);
		cr_assert_eq(f->cls, t.cls, "token %zu", i);
		cr_assert_eq(f->ent, t.ent, "token %zu", i);
		cr_assert_eq(f->a, t.a);
		cr_assert_eq(f->h, t.h);
		cr_assert_eq(dates_info(&c, i), f);
	}
	cr_assert(info[1].cls & DC_BIT(DC_WEEKDAY));
	cr_assert_eq(info[2].cls & DC_BIT(DC_MONTHX), 0); /* lowercase may */
}

Test(dates_keys, every_number_token_has_a_digit_flag_the_scan_relies_on)
{
	/* The scan finds numbers by NERP_TF_HAS_DIGIT alone. */
	const char *text = "On 26/04/2024, 10:00 and 3pm, the 1990s, 21st, "
	                   "2023-24, 1,000 and 3.5 (7) 2024-04-26T10:00 0735";
	nerp_token  toks[64];
	size_t      n = neri_tokenize(text, strlen(text), toks, 64), numbers = 0;

	cr_assert(n < 64);
	for (size_t i = 0; i < n; i++) {
		if (toks[i].kind == NERP_TOK_NUMBER) {
			cr_assert(toks[i].flags & NERP_TF_HAS_DIGIT, "token %zu",
			    i);
			numbers++;
		}
	}
	cr_assert_geq(numbers, 10);
}

TestSuite(dates_tense, .init = dates_test_setup, .fini = dates_test_teardown);

/* dates_tense() of the token span [first, last] of text, with work for
 * at most 32 tokens. */
static int
tense_of(const char *text, uint32_t first, uint32_t last)
{
	nerp_token toks[32];
	uint64_t   keys[32];
	dates_tok  info[32];
	uint8_t    done[32] = { 0 };
	size_t     n = neri_tokenize(text, strlen(text), toks, 32);
	dates_ctx  c;

	cr_assert(n < 32 && last < n);
	test_ctx(&c, text, toks, keys, n, info, done);
	return (dates_tense(&c, first, last));
}

Test(dates_tense, the_nearest_tense_word_of_the_sentence_decides)
{
	/* tokens: The(0) talks(1) will(2) resume(3) on(4) Friday(5) */
	cr_assert_eq(tense_of("The talks will resume on Friday.", 5, 5),
	    DATES_TENSE_FUTURE);
	cr_assert_eq(
	    tense_of("They met on Friday.", 3, 3), DATES_TENSE_PAST);
	/* nothing before; "is" right after */
	cr_assert_eq(tense_of("Friday is the day.", 0, 0),
	    DATES_TENSE_PRESENT);
	/* a regular participle: "-ed" */
	cr_assert_eq(tense_of("Talks ended on Friday.", 3, 3),
	    DATES_TENSE_PAST);
	cr_assert_eq(tense_of("The day on Friday.", 3, 3), DATES_TENSE_NONE);
}

Test(dates_tense, one_after_the_date_counts_at_twice_its_distance)
{
	/* He(0) said(1) on(2) Friday(3) it(4) will(5): "said" is 2 back,
	 * "will" 2 on (counts 4) */
	cr_assert_eq(tense_of("He said on Friday it will rain.", 3, 3),
	    DATES_TENSE_PAST);
	/* He(0) said(1) that(2) on(3) Friday(4) it(5) will(6): 3 back
	 * against 2 on (counts 4) */
	cr_assert_eq(tense_of("He said that on Friday it will rain.", 4, 4),
	    DATES_TENSE_PAST);
	/* She(0) said(1) that(2) then(3) on(4) Friday(5) will(6): 4 back,
	 * 1 on (counts 2) */
	cr_assert_eq(
	    tense_of("She said that then on Friday will go.", 5, 5),
	    DATES_TENSE_FUTURE);
	/* a tie (2 back, 1 on counts 2): the one before */
	cr_assert_eq(tense_of("He said on Friday will go.", 3, 3),
	    DATES_TENSE_PAST);
}

Test(dates_tense, the_search_stays_in_the_sentence)
{
	/* He(0) left(1) .(2) On(3) Friday(4) it(5) rains(6) .(7) Talks(8)
	 * will(9) */
	cr_assert_eq(
	    tense_of("He left. On Friday it rains. Talks will go.", 4, 4),
	    DATES_TENSE_NONE);
}
