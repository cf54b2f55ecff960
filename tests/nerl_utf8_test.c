#include <string.h>

#include <criterion/criterion.h>

#include "nerl.h"

static int32_t
next_at(const char* s, size_t* i)
{
	return (nerl_utf8_next(s, strlen(s), i));
}

Test(nerl_utf8, next_decodes_one_to_four_byte_sequences)
{
	const char* s = "a\xC3\xA9\xE2\x80\x99\xF0\x9F\x98\x80"; /* a é ’ 😀 */
	size_t      i = 0;

	cr_assert_eq(next_at(s, &i), 'a');
	cr_assert_eq(i, 1);
	cr_assert_eq(next_at(s, &i), 0xE9);
	cr_assert_eq(i, 3);
	cr_assert_eq(next_at(s, &i), 0x2019);
	cr_assert_eq(i, 6);
	cr_assert_eq(next_at(s, &i), 0x1F600);
	cr_assert_eq(i, 10);
}

Test(nerl_utf8, next_replaces_invalid_bytes_and_advances_one)
{
	const char* cases[] = {
		"\xFF",             /* never valid */
		"\x80",             /* lone continuation */
		"\xC0\xAF",         /* overlong '/' */
		"\xED\xA0\x80",     /* surrogate */
		"\xE2\x80",         /* truncated */
		"\xF4\x90\x80\x80", /* above U+10FFFF */
	};

	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		size_t i = 0;
		cr_assert_eq(nerl_utf8_next(cases[k], strlen(cases[k]), &i),
		    0xFFFD, "case %zu", k);
		cr_assert_eq(i, 1, "case %zu", k);
	}
}

Test(nerl_utf8, valid_accepts_text_and_refuses_broken_sequences)
{
	cr_assert(nerl_utf8_valid("Erdo\xC4\x9F"
	                          "an",
	    8));
	cr_assert(nerl_utf8_valid("\xEF\xBF\xBD", 3)); /* a real U+FFFD */
	cr_assert(nerl_utf8_valid("", 0));
	cr_assert_not(nerl_utf8_valid("ab\xC3", 3));
	cr_assert_not(nerl_utf8_valid("\xC0\x80", 2));
	cr_assert_not(nerl_utf8_valid("\xED\xBF\xBF", 3));
}

Test(nerl_utf8, letter_classes_cover_any_script)
{
	cr_assert(nerl_is_upper('Q'));
	cr_assert_not(nerl_is_upper('q'));
	cr_assert(nerl_is_upper(0x0416)); /* Ж */
	cr_assert(nerl_is_upper(0x00C9)); /* É */
	cr_assert(nerl_is_lower(0x00E9)); /* é */
	cr_assert(nerl_is_lower(0x03B1)); /* α */
	cr_assert_not(nerl_is_lower('7'));
	cr_assert(nerl_is_letter(0x4E2D)); /* 中: a letter, no case */
	cr_assert_not(nerl_is_upper(0x4E2D));
	cr_assert_not(nerl_is_lower(0x4E2D));
	cr_assert_not(nerl_is_letter('-'));
	cr_assert_not(nerl_is_letter('5'));
	cr_assert(nerl_is_letter('z'));
}

static const char*
fold(const char* s)
{
	static char buf[128];

	nerl_fold(s, strlen(s), buf, sizeof(buf));
	return (buf);
}

Test(nerl_utf8, fold_lowercases_ascii)
{
	cr_assert_str_eq(fold("Foreign MINISTRY"), "foreign ministry");
	cr_assert_str_eq(fold("U.S."), "u.s.");
}

Test(nerl_utf8, fold_strips_diacritics)
{
	cr_assert_str_eq(fold("Erdo\xC4\x9F"
	                      "an"),
	    "erdogan");
	cr_assert_str_eq(fold("C\xC3\xB4te"), "cote");
	cr_assert_str_eq(fold("\xC5\x81\xC3\xB3"
	                      "d\xC5\xBA"),
	    "lodz");                                           /* Łódź */
	cr_assert_str_eq(fold("\xC4\xB0stanbul"), "istanbul"); /* İstanbul */
	cr_assert_str_eq(fold("Z\xC3\xBCrich"), "zurich");
}

Test(nerl_utf8, fold_makes_curly_apostrophes_straight)
{
	cr_assert_str_eq(fold("O\xE2\x80\x99Neill"), "o'neill");
	cr_assert_str_eq(fold("d\xE2\x80\x98Ivoire"), "d'ivoire");
}

Test(nerl_utf8, fold_lowercases_other_scripts)
{
	/* МОСКВА -> москва */
	cr_assert_str_eq(
	    fold("\xD0\x9C\xD0\x9E\xD0\xA1\xD0\x9A\xD0\x92\xD0\x90"),
	    "\xD0\xBC\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0");
}

Test(nerl_utf8, fold_truncates_at_a_code_point_boundary)
{
	char   out[4];
	size_t n;

	n = nerl_fold("ABCDE", 5, out, sizeof(out));
	cr_assert_eq(n, 3);
	cr_assert_str_eq(out, "abc");
	/* "aЖ" folds to "a" + two bytes; only "a" fits before the NUL. */
	n = nerl_fold("a\xD0\x96", 3, out, 3);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(out, "a");
}

Test(nerl_utf8, fold_returns_the_length_written)
{
	char out[32];

	cr_assert_eq(nerl_fold("\xC3\x89"
	                       "cole",
	                 6, out, sizeof(out)),
	    5);
	cr_assert_str_eq(out, "ecole");
	cr_assert_eq(nerl_fold("", 0, out, sizeof(out)), 0);
	cr_assert_str_eq(out, "");
}

Test(nerl_utf8, strip_marks_keeps_case)
{
	char out[64];

	nerl_strip_marks("T\xC3\xBCrkiye", 8, out, sizeof(out));
	cr_assert_str_eq(out, "Turkiye");
	nerl_strip_marks(
	    "C\xC3\xB4te d\xE2\x80\x99Ivoire", 16, out, sizeof(out));
	cr_assert_str_eq(out, "Cote d'Ivoire");
	nerl_strip_marks("\xC5\x81\xC3\xB3"
	                 "d\xC5\xBA",
	    7, out, sizeof(out));
	cr_assert_str_eq(out, "Lodz");
}

/* A small deterministic generator, so failures reproduce. */
static uint32_t
next_rand(uint32_t* state)
{
	*state = *state * 1664525u + 1013904223u;
	return (*state >> 8);
}

Test(nerl_utf8, fold_output_is_valid_utf8_within_cap_for_any_input)
{
	static const char* const pieces[] = { "A", "z", "\xC3\x89", "\xC4\x9F",
		"\xE2\x80\x99", "\xF0\x9F\x98\x80", "\xFF", "\x80", "\xC3",
		"\xE2\x80", "\xC3\x9F", "\xEF\xAC\x81", " ", "'" };
	uint32_t                 seed     = 12345;

	for (int round = 0; round < 2000; round++) {
		char   in[64];
		char   out[48];
		size_t len = 0;
		size_t cap = 1 + next_rand(&seed) % sizeof(out);
		size_t n;

		while (len < 48) {
			const char* p = pieces[next_rand(&seed)
			    % (sizeof(pieces) / sizeof(pieces[0]))];
			if (len + strlen(p) > 48
			    || next_rand(&seed) % 12 == 0) {
				break;
			}
			memcpy(in + len, p, strlen(p));
			len += strlen(p);
		}
		memset(out, 'x', sizeof(out));
		n = nerl_fold(in, len, out, cap);
		cr_assert_lt(n, cap, "round %d", round);
		cr_assert_eq(out[n], '\0', "round %d", round);
		cr_assert(nerl_utf8_valid(out, n), "round %d", round);
		cr_assert_eq(strlen(out), n, "round %d", round);
		n = nerl_strip_marks(in, len, out, cap);
		cr_assert_lt(n, cap, "round %d", round);
		cr_assert(nerl_utf8_valid(out, n), "round %d", round);
	}
}
