/* tests/tokenizer_test.c: the shared tokenizer, rule by rule. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "core/neri.h"

#define MAXTOK 256

static nerp_token toks[MAXTOK];
static size_t     ntoks;
static char       joined[4096];

/* Tokenises s and joins the token texts with '|' into joined. */
static const char *
split(const char *s)
{
	size_t i, at = 0;

	ntoks = neri_tokenize(s, strlen(s), toks, MAXTOK);
	cr_assert_leq(ntoks, MAXTOK);
	joined[0] = '\0';
	for (i = 0; i < ntoks; i++) {
		int w = snprintf(joined + at, sizeof(joined) - at, "%s%.*s",
		    i == 0 ? "" : "|", (int) (toks[i].end - toks[i].start),
		    s + toks[i].start);
		cr_assert_gt(w, 0);
		at += (size_t) w;
	}
	return (joined);
}

/* Index of the token whose text is t, or -1. */
static int
find(const char *s, const char *t)
{
	size_t i;

	for (i = 0; i < ntoks; i++) {
		if (toks[i].end - toks[i].start == strlen(t)
		    && memcmp(s + toks[i].start, t, strlen(t)) == 0) {
			return ((int) i);
		}
	}
	cr_assert_fail("token %s not found", t);
	return (-1);
}

static int
flag(const char *s, const char *t, unsigned f)
{
	return ((toks[find(s, t)].flags & f) != 0);
}

Test(tokenizer, whitespace_separates_and_is_not_a_token)
{
	cr_assert_str_eq(
	    split("  Lavrov\tsaid\u00a0today\u2003 "), "Lavrov|said|today");
}

Test(tokenizer, empty_text_has_no_tokens)
{
	cr_assert_eq(neri_tokenize("", 0, toks, MAXTOK), 0);
	cr_assert_eq(neri_tokenize(" \n\t", 3, toks, MAXTOK), 0);
}

Test(tokenizer, words_join_inner_apostrophes_and_hyphens)
{
	cr_assert_str_eq(split("co-chairs O'Neill O\u2019Brien mid-2023"),
	    "co-chairs|O'Neill|O\u2019Brien|mid-2023");
	cr_assert_eq(toks[0].kind, NERP_TOK_WORD);
	cr_assert_eq(toks[3].kind, NERP_TOK_WORD);
	cr_assert(toks[0].flags & NERP_TF_HYPHENATED);
	cr_assert_not(toks[1].flags & NERP_TF_HYPHENATED);
}

Test(tokenizer, outer_apostrophes_and_hyphens_are_punct)
{
	cr_assert_str_eq(split("'tis well- known students' -ish"),
	    "'|tis|well|-|known|students|'|-|ish");
	cr_assert_eq(toks[0].kind, NERP_TOK_PUNCT);
	cr_assert_eq(toks[3].kind, NERP_TOK_PUNCT);
}

Test(tokenizer, possessive_is_split_off)
{
	const char *s = "Russia\u2019s envoy and NATO's chief";

	cr_assert_str_eq(split(s), "Russia|\u2019s|envoy|and|NATO|'s|chief");
	cr_assert(flag(s, "\u2019s", NERP_TF_POSSESSIVE));
	cr_assert_eq(toks[1].kind, NERP_TOK_WORD);
	cr_assert(flag(s, "'s", NERP_TF_POSSESSIVE));
	cr_assert_not(flag(s, "Russia", NERP_TF_POSSESSIVE));
	cr_assert(flag(s, "NATO", NERP_TF_ALL_UPPER));
}

/* Possessives in running text (with room after them, where the
 * tokenizer takes its fast way): split the same, with their flags. */
Test(tokenizer, possessives_mid_sentence_are_split_off)
{
	const char *s = "and then the envoy of Russia's ally met NATO'S chief, "
	                "O'Shea's well-known's aide, and it's x's end, today "
	                "with the others";
	int         i;

	cr_assert_str_eq(split(s),
	    "and|then|the|envoy|of|Russia|'s|ally|met|NATO|'S|chief|,|O'Shea"
	    "|'s|well-known|'s|aide|,|and|it|'s|x|'s|end|,|today|with|the|"
	    "others");
	i = find(s, "Russia");
	cr_assert_eq(toks[i].flags & ~NERP_TF_SPACE_BEFORE,
	    NERP_TF_UPPER_INITIAL);
	cr_assert_eq(toks[i + 1].flags,
	    NERP_TF_POSSESSIVE | NERP_TF_ALL_LOWER);
	cr_assert_eq(toks[i + 1].kind, NERP_TOK_WORD);
	i = find(s, "NATO");
	cr_assert_eq(toks[i + 1].flags,
	    NERP_TF_POSSESSIVE | NERP_TF_ALL_UPPER | NERP_TF_UPPER_INITIAL);
	cr_assert(flag(s, "well-known", NERP_TF_HYPHENATED));
	cr_assert_not(flag(s, "O'Shea", NERP_TF_HYPHENATED));
	cr_assert_eq(toks[find(s, "x")].flags & ~NERP_TF_SPACE_BEFORE,
	    NERP_TF_ALL_LOWER);
}

Test(tokenizer, words_with_letters_after_s_are_not_possessive)
{
	cr_assert_str_eq(split("O'Shea's"), "O'Shea|'s");
	cr_assert_str_eq(split("it'sy"), "it'sy");
}

Test(tokenizer, abbreviations_keep_their_periods)
{
	const char *s = "The U.S. and U.N. met at 5 p.m. with S. Lavrov.";

	cr_assert_str_eq(
	    split(s), "The|U.S.|and|U.N.|met|at|5|p.m.|with|S.|Lavrov|.");
	cr_assert(flag(s, "U.S.", NERP_TF_ABBREV));
	cr_assert(flag(s, "U.S.", NERP_TF_ALL_UPPER));
	cr_assert(flag(s, "p.m.", NERP_TF_ALL_LOWER));
	cr_assert(flag(s, "S.", NERP_TF_ABBREV));
	cr_assert_not(flag(s, "Lavrov", NERP_TF_ABBREV));
}

Test(tokenizer, sentence_period_is_not_part_of_a_word)
{
	cr_assert_str_eq(
	    split("He left Moscow. Then"), "He|left|Moscow|.|Then");
	cr_assert_str_eq(split("a. b"), "a|.|b");
}

Test(tokenizer, abbreviation_at_end_of_text_ends_the_sentence)
{
	const char *s = "They met in the U.S.";

	cr_assert_str_eq(split(s), "They|met|in|the|U.S.");
	cr_assert(flag(s, "U.S.", NERP_TF_SENT_END));
}

Test(tokenizer, abbreviation_before_a_line_break_ends_the_sentence)
{
	const char *s = "They met in the U.S.\nTalks follow. U.S. officials";

	split(s);
	cr_assert(toks[4].flags & NERP_TF_SENT_END);
	cr_assert(toks[5].flags & NERP_TF_SENT_START);
	/* "U.S. officials" mid-line: no boundary after the abbreviation */
	cr_assert_not(toks[8].flags & NERP_TF_SENT_END);
	cr_assert(toks[8].flags & NERP_TF_SENT_START);
}

/* The same rules in running text, with room after each abbreviation
 * (where the tokenizer takes its fast way): after a line break a capital,
 * a digit or an opening quote starts a sentence, a small letter does
 * not; mid-line nothing does. */
Test(tokenizer, abbreviations_in_running_text_follow_the_same_rules)
{
	const char *s = "and so the talks went on in the U.S.\nThey met at 5 "
	                "p.m.\nand then the U.N.\n\"We\" said in the e.g. "
	                "U.S.A case, the S. Lavrov and a. b of it in J.\n2024 "
	                "went by as the others";
	int         i;

	cr_assert_str_eq(split(s),
	    "and|so|the|talks|went|on|in|the|U.S.|They|met|at|5|p.m.|and|then"
	    "|the|U.N.|\"|We|\"|said|in|the|e.g.|U.S.|A|case|,|the|S.|Lavrov"
	    "|and|a|.|b|of|it|in|J.|2024|went|by|as|the|others");
	i = find(s, "U.S.");
	cr_assert_eq(toks[i].flags,
	    NERP_TF_ABBREV | NERP_TF_ALL_UPPER | NERP_TF_UPPER_INITIAL
	        | NERP_TF_SPACE_BEFORE | NERP_TF_SENT_END);
	cr_assert(toks[i + 1].flags & NERP_TF_SENT_START);
	i = find(s, "p.m.");
	cr_assert_eq(toks[i].flags,
	    NERP_TF_ABBREV | NERP_TF_ALL_LOWER | NERP_TF_SPACE_BEFORE);
	cr_assert_not(toks[i + 1].flags & NERP_TF_SENT_START);
	i = find(s, "U.N.");
	cr_assert(toks[i].flags & NERP_TF_SENT_END);
	cr_assert(toks[i + 1].flags & NERP_TF_SENT_START); /* the quote */
	i = find(s, "e.g.");
	cr_assert_not(toks[i].flags & NERP_TF_SENT_END);
	cr_assert_not(toks[i + 1].flags & NERP_TF_SENT_START);
	cr_assert_eq(toks[find(s, "S.")].flags,
	    NERP_TF_ABBREV | NERP_TF_ALL_UPPER | NERP_TF_UPPER_INITIAL
	        | NERP_TF_SPACE_BEFORE);
	cr_assert_not(flag(s, "a", NERP_TF_ABBREV));
	i = find(s, "J.");
	cr_assert(toks[i].flags & NERP_TF_SENT_END);
	cr_assert(toks[i + 1].flags & NERP_TF_SENT_START); /* 2024 */
}

/* A period in running text after one letter makes an abbreviation
 * ("U.K.", "J."); after a word of two or more letters it is a token of
 * its own ("ft", "Mr", "in"), which ends a sentence when a capital
 * follows and not when a small letter does. */
Test(tokenizer, periods_after_short_words_in_running_text)
{
	const char *s = "Talks in the U.K. on Monday. He is 6 ft. tall, J. "
	                "Smith said, and Mr. Lee went in. So it goes on for "
	                "a while longer";
	int         i;

	cr_assert_str_eq(split(s),
	    "Talks|in|the|U.K.|on|Monday|.|He|is|6|ft|.|tall|,|J.|Smith|said"
	    "|,|and|Mr|.|Lee|went|in|.|So|it|goes|on|for|a|while|longer");
	i = find(s, "U.K.");
	cr_assert_eq(toks[i].flags,
	    NERP_TF_ABBREV | NERP_TF_ALL_UPPER | NERP_TF_UPPER_INITIAL
	        | NERP_TF_SPACE_BEFORE);
	cr_assert_not(toks[i + 1].flags & NERP_TF_SENT_START); /* on */
	cr_assert(toks[find(s, "Monday") + 1].flags & NERP_TF_SENT_END);
	cr_assert(flag(s, "He", NERP_TF_SENT_START));
	i = find(s, "ft");
	cr_assert_eq(toks[i].flags, NERP_TF_ALL_LOWER | NERP_TF_SPACE_BEFORE);
	cr_assert_eq(toks[i + 1].kind, NERP_TOK_PUNCT);
	cr_assert_not(toks[i + 1].flags & NERP_TF_SENT_END);
	cr_assert_not(flag(s, "tall", NERP_TF_SENT_START));
	i = find(s, "J.");
	cr_assert_eq(toks[i].flags,
	    NERP_TF_ABBREV | NERP_TF_ALL_UPPER | NERP_TF_UPPER_INITIAL
	        | NERP_TF_SPACE_BEFORE);
	cr_assert_not(toks[i + 1].flags & NERP_TF_SENT_START); /* Smith */
	i = find(s, "Mr");
	cr_assert_eq(toks[i].flags,
	    NERP_TF_UPPER_INITIAL | NERP_TF_SPACE_BEFORE);
	cr_assert(toks[i + 1].flags & NERP_TF_SENT_END);
	cr_assert(toks[i + 2].flags & NERP_TF_SENT_START); /* Lee */
	i = find(s, "went");
	cr_assert(toks[i + 2].flags & NERP_TF_SENT_END); /* in. */
	cr_assert(toks[i + 3].flags & NERP_TF_SENT_START); /* So */
}

Test(tokenizer, numbers_take_inner_separators_before_digits)
{
	cr_assert_str_eq(split("2024 2,024 10:00 26/04/2024 2024-04-26 "
	                       "2023-24 1990s 21st 3.5"),
	    "2024|2,024|10:00|26/04/2024|2024-04-26|2023-24|1990s|21st|3.5");
	for (size_t i = 0; i < ntoks; i++) {
		cr_assert_eq(toks[i].kind, NERP_TOK_NUMBER);
		cr_assert(toks[i].flags & NERP_TF_HAS_DIGIT);
	}
}

Test(tokenizer, number_separators_without_a_digit_after_are_punct)
{
	cr_assert_str_eq(
	    split("In 2024, 5-year 10: 3."), "In|2024|,|5|-|year|10|:|3|.");
	cr_assert_eq(toks[1].kind, NERP_TOK_NUMBER);
	cr_assert_eq(toks[2].kind, NERP_TOK_PUNCT);
}

Test(tokenizer, punct_is_one_code_point_or_a_run_of_one)
{
	const char *s = "Wait... no -- \u201cyes\u201d?!";

	cr_assert_str_eq(split(s), "Wait|...|no|--|\u201c|yes|\u201d|?|!");
	cr_assert_eq(toks[1].kind, NERP_TOK_PUNCT);
	cr_assert_eq(toks[4].kind, NERP_TOK_PUNCT);
}

Test(tokenizer, sentence_starts_after_terminator_and_capital)
{
	const char *s
	    = "It rained. Talks went on! 2024 was hot? \u201cNo,\u201d "
	      "he said. and then";

	split(s);
	cr_assert(flag(s, "It", NERP_TF_SENT_START));
	cr_assert(flag(s, "Talks", NERP_TF_SENT_START));
	cr_assert(flag(s, "2024", NERP_TF_SENT_START));
	cr_assert(flag(s, "\u201c", NERP_TF_SENT_START));
	cr_assert_not(flag(s, "and", NERP_TF_SENT_START));
	cr_assert_not(flag(s, "he", NERP_TF_SENT_START));
	cr_assert(flag(s, "rained", 0) == 0);
	cr_assert(toks[2].flags & NERP_TF_SENT_END); /* the "." */
}

Test(tokenizer, closing_quotes_after_terminator_keep_the_boundary)
{
	const char *s = "\"We agree.\" The talks (ended.) Next";

	split(s);
	cr_assert(flag(s, "The", NERP_TF_SENT_START));
	cr_assert(flag(s, "Next", NERP_TF_SENT_START));
	cr_assert_not(toks[4].flags & NERP_TF_SENT_START); /* closing " */
	cr_assert(toks[4].flags & NERP_TF_SENT_END);
}

Test(tokenizer, blank_line_starts_a_paragraph_and_a_sentence)
{
	const char *s = "MOSCOW, April 26\n\nforeign ministers met\nin Moscow";

	split(s);
	cr_assert(flag(s, "MOSCOW", NERP_TF_PARA_START));
	cr_assert(flag(s, "foreign", NERP_TF_PARA_START));
	cr_assert(flag(s, "foreign", NERP_TF_SENT_START));
	cr_assert(flag(s, "26", NERP_TF_SENT_END));
	cr_assert(flag(s, "in", NERP_TF_LINE_START));
	cr_assert_not(flag(s, "in", NERP_TF_PARA_START));
	cr_assert_not(flag(s, "in", NERP_TF_SENT_START));
	cr_assert_not(flag(s, "ministers", NERP_TF_LINE_START));
}

Test(tokenizer, crlf_blank_line_counts_once_per_break)
{
	const char *s = "one\r\ntwo\r\n\r\nthree";

	split(s);
	cr_assert_not(flag(s, "two", NERP_TF_PARA_START));
	cr_assert(flag(s, "two", NERP_TF_LINE_START));
	cr_assert(flag(s, "three", NERP_TF_PARA_START));
}

Test(tokenizer, first_and_last_tokens_bound_the_sentence)
{
	const char *s = "  talks ended";

	split(s);
	cr_assert(toks[0].flags & NERP_TF_SENT_START);
	cr_assert(toks[0].flags & NERP_TF_LINE_START);
	cr_assert(toks[0].flags & NERP_TF_SPACE_BEFORE);
	cr_assert(toks[1].flags & NERP_TF_SENT_END);
	cr_assert(toks[1].flags & NERP_TF_SPACE_BEFORE);
}

Test(tokenizer, case_flags_follow_the_letters)
{
	const char *s = "Lavrov BRICS said iPhone COVID-19 \u00c9lys\u00e9e "
	                "\u6771\u4eac";

	split(s);
	cr_assert(flag(s, "Lavrov", NERP_TF_UPPER_INITIAL));
	cr_assert_not(flag(s, "Lavrov", NERP_TF_ALL_UPPER));
	cr_assert(flag(s, "BRICS", NERP_TF_ALL_UPPER | NERP_TF_UPPER_INITIAL));
	cr_assert(flag(s, "said", NERP_TF_ALL_LOWER));
	cr_assert_not(flag(s, "iPhone", NERP_TF_UPPER_INITIAL));
	cr_assert_not(flag(s, "iPhone", NERP_TF_ALL_LOWER));
	cr_assert(flag(s, "COVID-19", NERP_TF_ALL_UPPER));
	cr_assert(flag(s, "COVID-19", NERP_TF_HAS_DIGIT));
	cr_assert(flag(s, "\u00c9lys\u00e9e", NERP_TF_UPPER_INITIAL));
	cr_assert_eq(toks[find(s, "\u6771\u4eac")].flags
	        & (NERP_TF_ALL_UPPER | NERP_TF_ALL_LOWER
	            | NERP_TF_UPPER_INITIAL),
	    0);
}

Test(tokenizer, unicode_letters_and_marks_form_words)
{
	/* "Zelens'kyj" with a combining acute; Cyrillic; Greek. */
	cr_assert_str_eq(
	    split("Ze\u0301lensky \u041c\u043e\u0441\u043a\u0432\u0430 "
	          "\u0391\u03b8\u03ae\u03bd\u03b1"),
	    "Ze\u0301lensky|\u041c\u043e\u0441\u043a\u0432\u0430|"
	    "\u0391\u03b8\u03ae\u03bd\u03b1");
	cr_assert_eq(ntoks, 3);
}

Test(tokenizer, offsets_are_bytes)
{
	const char *s = "\u00e9t\u00e9 ok";

	split(s);
	cr_assert_eq(toks[0].start, 0);
	cr_assert_eq(toks[0].end, 5);
	cr_assert_eq(toks[1].start, 6);
	cr_assert_eq(toks[1].end, 8);
}

Test(tokenizer, count_is_returned_beyond_the_cap)
{
	nerp_token  two[2];
	const char *s = "one two three four.";

	cr_assert_eq(neri_tokenize(s, strlen(s), two, 2), 5);
	cr_assert_eq(two[1].end, 7);
	cr_assert_eq(neri_tokenize(s, strlen(s), NULL, 0), 5);
}

/* An output of any size gets the first tokens and keys that a full one
 * gets, and the count of them all (running text, where the fast path
 * bounds its run by the room left). */
Test(tokenizer, every_output_size_gets_the_same_first_tokens)
{
	const char *s = "The minister's aides met U.S. envoys in Paris on "
	                "Monday. Talks ran late; a deal (signed 26/04/2024) "
	                "follows.\nNew rules apply from 1 May, officials "
	                "said... \"We agree,\" she added.";
	size_t      len = strlen(s);
	nerp_token  full[128], part[128];
	uint64_t    kfull[128], kpart[128];
	size_t      n, cap, i;

	n = neri_tokenize_keys(s, len, full, kfull, 128);
	cr_assert_gt(n, 30);
	cr_assert_lt(n, 128);
	for (cap = 1; cap <= n; cap++) {
		memset(part, 0xAB, sizeof(part));
		cr_assert_eq(neri_tokenize_keys(s, len, part, kpart, cap), n);
		for (i = 0; i < cap; i++) {
			cr_assert_eq(part[i].start, full[i].start, "cap %zu", cap);
			cr_assert_eq(part[i].end, full[i].end, "cap %zu", cap);
			cr_assert_eq(part[i].kind, full[i].kind, "cap %zu", cap);
			cr_assert_eq(part[i].flags, full[i].flags, "cap %zu", cap);
			cr_assert_eq(kpart[i], kfull[i], "cap %zu", cap);
		}
		/* Past the cap nothing is written. */
		cr_assert_eq(part[cap].start, 0xABABABABu);
	}
}

Test(tokenizer, invalid_utf8_bytes_become_punct)
{
	const char s[] = "ab\xff\xfe cd";

	ntoks = neri_tokenize(s, sizeof(s) - 1, toks, MAXTOK);
	cr_assert_eq(ntoks, 4);
	cr_assert_eq(toks[1].kind, NERP_TOK_PUNCT);
	cr_assert_eq(toks[1].end - toks[1].start, 1);
}

Test(utf8, valid_text_is_accepted)
{
	const char *s = "plain ascii text, \u00e9\u20ac\U0001F600 and more";

	cr_assert(neri_utf8_valid(s, strlen(s)));
	cr_assert(neri_utf8_valid("", 0));
}

Test(utf8, malformed_sequences_are_rejected)
{
	cr_assert_not(neri_utf8_valid("\xc0\xaf", 2));         /* overlong */
	cr_assert_not(neri_utf8_valid("\xe0\x80\xaf", 3));     /* overlong */
	cr_assert_not(neri_utf8_valid("\xed\xa0\x80", 3));     /* surrogate */
	cr_assert_not(neri_utf8_valid("\xf4\x90\x80\x80", 4)); /* > 10FFFF */
	cr_assert_not(neri_utf8_valid("abc\xe2\x82", 5));      /* truncated */
	cr_assert_not(neri_utf8_valid("\x80", 1));             /* stray */
	cr_assert_not(neri_utf8_valid("0123456789\xff", 11));
}

/* Texts glued from tricky pieces by a fixed pseudo-random sequence: the
 * invariants hold for each (spans ordered, inside the text, on UTF-8
 * boundaries; first and last tokens bound a sentence; the count does not
 * depend on the cap). */
Test(tokenizer, invariants_hold_on_generated_texts)
{
	static const char *const pieces[] = { "U.S.", "a.m.", "S.", " ", "\n",
		"\n\n", "'s", "\u2019s", "-", "--", "...", "2024", "3.5", ",",
		".", "!", "?", "\"", "\u201c", "\u201d", "(", ")", "Moscow",
		"o'", "\u00e9", "\u0301", "1990s", "B", ":", "/", "\r\n",
		"\u2028", "\u2029", "x-", "'", "\u200d", "\u6771" };
	static char              text[2048];
	static nerp_token        out[2048];
	uint32_t                 seed = 12345;
	size_t                   n, len, i, k, count;
	int                      round;

	for (round = 0; round < 3000; round++) {
		len = 0;
		n   = 1 + round % 40;
		for (k = 0; k < n; k++) {
			const char *p;

			seed = seed * 1103515245u + 12345u;
			p    = pieces[(seed >> 16)
                            % (sizeof(pieces) / sizeof(pieces[0]))];
			memcpy(text + len, p, strlen(p) + 1);
			len += strlen(p);
		}
		count = neri_tokenize(text, len, out, 2048);
		cr_assert_eq(neri_tokenize(text, len, out, count / 2), count);
		cr_assert_eq(neri_tokenize(text, len, out, 2048), count);
		for (i = 0; i < count; i++) {
			cr_assert_lt(out[i].start, out[i].end);
			cr_assert_leq(out[i].end, len);
			cr_assert(i == 0 || out[i].start >= out[i - 1].end);
			cr_assert_neq(
			    (unsigned char) text[out[i].start] & 0xC0, 0x80);
			cr_assert(out[i].end == len
			    || ((unsigned char) text[out[i].end] & 0xC0)
			        != 0x80);
		}
		if (count > 0) {
			cr_assert(out[0].flags & NERP_TF_SENT_START);
			cr_assert(out[count - 1].flags & NERP_TF_SENT_END);
		}
	}
}

/* Tokens of a text followed by 16 or more spaces are those of the text
 * alone (spaces make no token).  The tokenizer reads the middle of a
 * sentence on a fast path that needs 16 bytes ahead, so this compares
 * that path with the general one at every cut of generated texts. */
Test(tokenizer, text_ahead_does_not_change_the_tokens_before_it)
{
	static const char *const pieces[] = { "U.S.", "e.g.", "S.", " ", " ",
		"  ", "\t", "\n", "'s", "\u2019s", "-", "--", "...", "2024",
		"3.5", "2,024", "10:00", "26/04", "1990s", "21st", "ab12", ",",
		",,", ".", "!", "?", "\"", "(", ")", "Moscow", "said", "ALL",
		"Mr", "I", "x", "o'", "x'y", "a-b", "co-chairs", "@", "[",
		"__", "\u00e9", "\u00c9t\u00e9", "\u2026", "\u201c",
		"Supercalifragilistic", "2023-24", "3-", "5.", "\r\n", "\x01",
		"\xff", "3M", "4x4", "12:30pm", "1.2.3", "9/11-" };
	static char              text[1024];
	static nerp_token        a[1024], b[1024];
	uint32_t                 seed = 777;
	size_t                   len, cut, na, nb, i, k, n;
	int                      round;

	for (round = 0; round < 400; round++) {
		len = 0;
		n   = 4 + round % 30;
		for (k = 0; k < n; k++) {
			const char *p;

			seed = seed * 1103515245u + 12345u;
			p    = pieces[(seed >> 16)
                            % (sizeof(pieces) / sizeof(pieces[0]))];
			memcpy(text + len, p, strlen(p) + 1);
			len += strlen(p);
		}
		for (cut = 0; cut <= len; cut++) {
			char saved[40];

			memcpy(saved, text + cut, sizeof(saved));
			memset(text + cut, ' ', 32);
			na = neri_tokenize(text, cut, a, 1024);
			nb = neri_tokenize(text, cut + 32, b, 1024);
			memcpy(text + cut, saved, sizeof(saved));
			cr_assert_eq(na, nb, "round %d cut %zu", round, cut);
			for (i = 0; i < na; i++) {
				cr_assert(a[i].start == b[i].start
				        && a[i].end == b[i].end
				        && a[i].kind == b[i].kind
				        && a[i].flags == b[i].flags,
				    "round %d cut %zu token %zu", round, cut,
				    i);
			}
		}
	}
}

/* A long sentence of everything the fast path takes and of what it hands
 * back: the rules hold in the middle of a line too. */
Test(tokenizer, mid_sentence_rules_hold_far_from_the_end)
{
	const char *s
	    = "Then the co-chairs of O'Neill's BRICS group met in "
	      "Moscow, at 10:00 on 26/04/2024 (2,024 delegates, 3.5 "
	      "hours, the 1990s, the 21st time) - U.S. and e.g. "
	      "mid-2023 talks__ with Supercalifragilisticexpialidocious "
	      "x @@ y; and so on and so forth for a while longer";

	cr_assert_str_eq(split(s),
	    "Then|the|co-chairs|of|O'Neill|'s|BRICS|group|met|in|Moscow|,|at|"
	    "10:00|on|26/04/2024|(|2,024|delegates|,|3.5|hours|,|the|1990s|,|"
	    "the|21st|time|)|-|U.S.|and|e.g.|mid-2023|talks|__|with|"
	    "Supercalifragilisticexpialidocious|x|@@|y|;|and|so|on|and|so|"
	    "forth|for|a|while|longer");
	cr_assert(flag(s, "BRICS", NERP_TF_ALL_UPPER));
	cr_assert(flag(s, "BRICS", NERP_TF_UPPER_INITIAL));
	cr_assert(flag(s, "Moscow", NERP_TF_UPPER_INITIAL));
	cr_assert(!flag(s, "Moscow", NERP_TF_ALL_UPPER | NERP_TF_ALL_LOWER));
	cr_assert(flag(s, "group", NERP_TF_ALL_LOWER | NERP_TF_SPACE_BEFORE));
	cr_assert(!flag(s, ",", NERP_TF_SPACE_BEFORE));
	cr_assert(flag(s, "21st", NERP_TF_HAS_DIGIT | NERP_TF_ALL_LOWER));
	cr_assert_eq(toks[find(s, "2,024")].kind, NERP_TOK_NUMBER);
	cr_assert_eq(toks[find(s, "2,024")].flags, NERP_TF_HAS_DIGIT);
	cr_assert_eq(toks[find(s, "3.5")].flags,
	    NERP_TF_HAS_DIGIT | NERP_TF_SPACE_BEFORE);
	cr_assert_eq(toks[find(s, "@@")].kind, NERP_TOK_PUNCT);
	cr_assert_eq(toks[find(s, "1990s")].flags,
	    NERP_TF_HAS_DIGIT | NERP_TF_ALL_LOWER | NERP_TF_SPACE_BEFORE);
	cr_assert_eq(toks[find(s, "26/04/2024")].kind, NERP_TOK_NUMBER);
	cr_assert(!flag(s, "met", NERP_TF_SENT_START | NERP_TF_SENT_END));
	cr_assert(flag(s, "longer", NERP_TF_SENT_END));
}

/* Sentence ends in the middle of a long line: a capital or a digit after
 * a terminator starts a sentence, a small letter does not, and a closing
 * quote keeps the boundary after it. */
Test(tokenizer, sentences_end_mid_line_far_from_the_end)
{
	const char *s = "He left at noon. She came! 3 more came? then none. "
	                "Why... \"It rained.\" They stayed and talked for a "
	                "long time afterwards";

	cr_assert_str_eq(split(s),
	    "He|left|at|noon|.|She|came|!|3|more|came|?|then|none|.|Why|...|"
	    "\"|It|rained|.|\"|They|stayed|and|talked|for|a|long|time|"
	    "afterwards");
	cr_assert(flag(s, "noon", NERP_TF_SENT_END) == 0);
	cr_assert(toks[4].flags & NERP_TF_SENT_END); /* . */
	cr_assert(flag(s, "She", NERP_TF_SENT_START));
	cr_assert(toks[7].flags & NERP_TF_SENT_END); /* ! */
	cr_assert(flag(s, "3", NERP_TF_SENT_START));
	cr_assert(!(toks[11].flags & NERP_TF_SENT_END)); /* ? then "then" */
	cr_assert(!flag(s, "then", NERP_TF_SENT_START));
	cr_assert(flag(s, "Why", NERP_TF_SENT_START));
	cr_assert(toks[17].flags & NERP_TF_SENT_START); /* opening " */
	cr_assert(!flag(s, "It", NERP_TF_SENT_START));
	cr_assert(toks[21].flags & NERP_TF_SENT_END); /* closing " */
	cr_assert(flag(s, "They", NERP_TF_SENT_START));
	cr_assert(!flag(s, "stayed", NERP_TF_SENT_START | NERP_TF_SENT_END));
}

/* Line breaks far from the end of the text: one starts a line, two a
 * paragraph and a sentence; a capital after a terminator and a break
 * starts a sentence, a small letter after a bare break does not. */
Test(tokenizer, line_breaks_far_from_the_end)
{
	const char *s
	    = "first line goes on\nsecond line too\n\nA new paragraph "
	      "ends.\nNext sentence and\nmore words follow here for "
	      "a while";

	cr_assert_str_eq(split(s),
	    "first|line|goes|on|second|line|too|A|new|paragraph|ends|.|Next|"
	    "sentence|and|more|words|follow|here|for|a|while");
	cr_assert_eq(toks[4].flags,
	    NERP_TF_ALL_LOWER | NERP_TF_LINE_START | NERP_TF_SPACE_BEFORE);
	cr_assert(!(toks[3].flags & NERP_TF_SENT_END));
	cr_assert(toks[6].flags & NERP_TF_SENT_END);
	cr_assert_eq(toks[7].flags,
	    NERP_TF_UPPER_INITIAL | NERP_TF_ALL_UPPER | NERP_TF_LINE_START
	        | NERP_TF_PARA_START | NERP_TF_SENT_START
	        | NERP_TF_SPACE_BEFORE);
	cr_assert(toks[11].flags & NERP_TF_SENT_END);
	cr_assert(toks[12].flags & NERP_TF_SENT_START);
	cr_assert(toks[12].flags & NERP_TF_LINE_START);
	cr_assert(!(toks[12].flags & NERP_TF_PARA_START));
	cr_assert(toks[15].flags & NERP_TF_LINE_START);
	cr_assert(!(toks[15].flags & NERP_TF_SENT_START));
}

/* Numbers with letters far from the end: case flags of the letters, the
 * initial from the first letter. */
Test(tokenizer, numbers_with_letters_far_from_the_end)
{
	const char *s = "a 3M deal and 4x4 cars at 12:30pm on 9/11, or 2Bn "
	                "and so on for quite a while longer";

	cr_assert_str_eq(split(s),
	    "a|3M|deal|and|4x4|cars|at|12:30pm|on|9/11|,|or|2Bn|and|so|on|"
	    "for|quite|a|while|longer");
	cr_assert_eq(toks[1].kind, NERP_TOK_NUMBER);
	cr_assert_eq(toks[1].flags,
	    NERP_TF_HAS_DIGIT | NERP_TF_ALL_UPPER | NERP_TF_UPPER_INITIAL
	        | NERP_TF_SPACE_BEFORE);
	cr_assert_eq(toks[4].flags,
	    NERP_TF_HAS_DIGIT | NERP_TF_ALL_LOWER | NERP_TF_SPACE_BEFORE);
	cr_assert_eq(toks[7].flags,
	    NERP_TF_HAS_DIGIT | NERP_TF_ALL_LOWER | NERP_TF_SPACE_BEFORE);
	cr_assert_eq(toks[12].flags,
	    NERP_TF_HAS_DIGIT | NERP_TF_UPPER_INITIAL | NERP_TF_SPACE_BEFORE);
}

/* A character from 0x80, valid or not, at every offset of a long ASCII
 * text: the validator's 64- and 16-byte steps find it wherever it is. */
Test(utf8, a_sequence_at_any_offset_is_checked)
{
	char   text[200];
	size_t at;

	for (at = 0; at + 2 <= sizeof(text); at++) {
		memset(text, 'a', sizeof(text));
		text[at]     = (char) 0xC3; /* U+00E9 */
		text[at + 1] = (char) 0xA9;
		cr_assert(neri_utf8_valid(text, sizeof(text)), "at %zu", at);
		text[at + 1] = 'b'; /* a lead byte with no continuation */
		cr_assert_not(neri_utf8_valid(text, sizeof(text)), "at %zu", at);
		cr_assert(neri_utf8_valid(text, at), "before %zu", at);
	}
}

/* Words of 1 to 24 letters, in every case, at every offset of a longer
 * text and ended by a space, a period, a comma or the text's end: each
 * is one token with its case flags and the key of its text, whether the
 * fast path measures it in one 16-byte load or leaves it to the general
 * loop. */
Test(tokenizer, words_of_any_length_get_their_flags_and_keys)
{
	static const char *ends[] = { " tail of the text", ". Tail", ",", "" };
	char               text[128];
	nerp_token         tk[64];
	uint64_t           keys[64];
	size_t             pad, len, e, c, i, n, at;
	uint16_t           want;

	for (pad = 0; pad < 20; pad++) {
		for (len = 1; len <= 24; len++) {
			for (e = 0; e < 4; e++) {
				for (c = 0; c < 3; c++) {
					memset(text, 0, sizeof(text));
					for (i = 0; i < pad; i++) {
						text[i] = (pad - i) % 2 ? ' ' : 'x';
					}
					at = pad;
					for (i = 0; i < len; i++) {
						/* small, capitalised, all capitals */
						text[at + i] = (char) ((c == 2
						        || (c == 1 && i == 0))
						        ? 'A' + (i * 7) % 26
						        : 'a' + (i * 7) % 26);
					}
					strcat(text, ends[e]);
					n = neri_tokenize_keys(
					    text, strlen(text), tk, keys, 64);
					for (i = 0; i < n && tk[i].start != at; i++) {
					}
					cr_assert_lt(i, n, "pad %zu len %zu", pad, len);
					if (len == 1 && c != 0 && e == 1) {
						/* "X." is an abbreviation */
						cr_assert_eq(tk[i].end, at + 2);
						cr_assert(tk[i].flags & NERP_TF_ABBREV);
						cr_assert_eq(keys[i],
						    neri_key(text + at, 2));
						continue;
					}
					cr_assert_eq(tk[i].end, at + len,
					    "pad %zu len %zu end %zu", pad, len, e);
					cr_assert_eq(tk[i].kind, NERP_TOK_WORD);
					want = c == 0 ? NERP_TF_ALL_LOWER
					     : c == 2 ? NERP_TF_ALL_UPPER
					            | NERP_TF_UPPER_INITIAL
					     : len == 1 ? NERP_TF_ALL_UPPER
					            | NERP_TF_UPPER_INITIAL
					              : NERP_TF_UPPER_INITIAL;
					cr_assert_eq(tk[i].flags
					        & (NERP_TF_ALL_LOWER
					            | NERP_TF_ALL_UPPER
					            | NERP_TF_UPPER_INITIAL),
					    want, "pad %zu len %zu case %zu", pad,
					    len, c);
					cr_assert_eq(keys[i], neri_key(text + at, len),
					    "pad %zu len %zu", pad, len);
				}
			}
		}
	}
}

/* Each ASCII byte that is punctuation, alone between words in running
 * text (where the fast path takes it), is one PUNCT token with the key
 * of its one byte. */
Test(tokenizer, ascii_punctuation_gets_the_key_of_its_byte)
{
	char       text[128];
	nerp_token tk[32];
	uint64_t   keys[32];
	size_t     n, i;
	int        c;

	for (c = 1; c < 128; c++) {
		if (isalnum(c) || isspace(c)) {
			continue;
		}
		(void) snprintf(text, sizeof(text),
		    "some words %c and then more words after it", c);
		n = neri_tokenize_keys(text, strlen(text), tk, keys, 32);
		for (i = 0; i < n && tk[i].start != 11; i++) {
		}
		cr_assert_lt(i, n, "byte %d", c);
		cr_assert_eq(tk[i].end, 12, "byte %d", c);
		cr_assert_eq(tk[i].kind, NERP_TOK_PUNCT, "byte %d", c);
		cr_assert_eq(keys[i], neri_key(text + 11, 1), "byte %d", c);
	}
}
