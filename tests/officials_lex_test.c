/*
 * tests/officials_lex_test.c: the officials word-class lexicon.
 */
#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>

#include "core/neri.h"
#include "offi.h"

static offi_lex *lex;

static void
lex_setup(void)
{
	cr_assert_eq(offi_lex_alloc(&lex, neri_key), 0);
}

static void
lex_teardown(void)
{
	offi_lex_free(lex);
	lex = NULL;
}

TestSuite(officials_lex, .init = lex_setup, .fini = lex_teardown);

static uint32_t
get(const char *w)
{
	return (offi_lex_get(lex, w, strlen(w)));
}

Test(officials_lex, lookup_ignores_case)
{
	cr_assert_eq(offi_lex_add(lex, "Minister", 8, OFFI_W_HEAD), 0);
	cr_assert_eq(get("minister"), OFFI_W_HEAD);
	cr_assert_eq(get("MINISTER"), OFFI_W_HEAD);
	cr_assert_eq(get("Minister"), OFFI_W_HEAD);
}

Test(officials_lex, lookup_ignores_diacritics)
{
	cr_assert_eq(
	    offi_lex_add(lex, "Doña", strlen("Doña"), OFFI_W_HONOR), 0);
	cr_assert_eq(get("Dona"), OFFI_W_HONOR);
	cr_assert_eq(get("DOÑA"), OFFI_W_HONOR);
}

Test(officials_lex, absent_word_has_no_class)
{
	cr_assert_eq(offi_lex_add(lex, "Minister", 8, OFFI_W_HEAD), 0);
	cr_assert_eq(get("Ministry"), 0);
	cr_assert_eq(get("Ministe"), 0);
	cr_assert_eq(get(""), 0);
}

Test(officials_lex, classes_of_one_word_accumulate)
{
	cr_assert_eq(offi_lex_add(lex, "General", 7, OFFI_W_HEAD), 0);
	cr_assert_eq(offi_lex_add(lex, "general", 7, OFFI_W_HONOR), 0);
	cr_assert_eq(get("General"), OFFI_W_HEAD | OFFI_W_HONOR);
}

Test(officials_lex, empty_or_overlong_word_is_refused)
{
	char longw[100];

	memset(longw, 'a', sizeof(longw));
	cr_assert_eq(offi_lex_add(lex, "", 0, OFFI_W_HEAD), NERP_EINVAL);
	cr_assert_eq(
	    offi_lex_add(lex, longw, sizeof(longw), OFFI_W_HEAD), NERP_EINVAL);
	cr_assert_eq(offi_lex_get(lex, longw, sizeof(longw)), 0);
}

Test(officials_lex, many_words_survive_growth)
{
	char w[16];
	int  i;

	for (i = 0; i < 5000; i++) {
		int n = snprintf(w, sizeof(w), "w%d", i);
		cr_assert_eq(
		    offi_lex_add(lex, w, (size_t) n, OFFI_W_GIVEN), 0);
	}
	for (i = 0; i < 5000; i++) {
		int n = snprintf(w, sizeof(w), "W%d", i);
		cr_assert_eq(offi_lex_get(lex, w, (size_t) n), OFFI_W_GIVEN);
	}
}

Test(officials_lex, lookup_by_key_finds_what_lookup_by_text_finds)
{
	cr_assert_eq(offi_lex_add(lex, "Minister", 8, OFFI_W_HEAD), 0);
	cr_assert_eq(offi_lex_add(lex, "Erdoğan", strlen("Erdoğan"),
	                 OFFI_W_GIVEN),
	    0);
	cr_assert_eq(offi_lex_get_key(lex, neri_key("MINISTER", 8)),
	    OFFI_W_HEAD);
	cr_assert_eq(offi_lex_get_key(lex, neri_key("erdogan", 7)),
	    OFFI_W_GIVEN);
	cr_assert_eq(offi_lex_get_key(lex, neri_key("Ministry", 8)), 0);
}

Test(officials_lex, country_entry_is_kept_beside_the_classes)
{
	const offi_lex_slot *e;

	cr_assert_eq(offi_lex_add(lex, "Georgia", 7, OFFI_W_GIVEN), 0);
	cr_assert_eq(offi_lex_set_country(lex, "Georgia", 7, 12), 0);
	cr_assert_eq(get("georgia"), OFFI_W_GIVEN | OFFI_W_CTRY);
	cr_assert_eq(offi_lex_country(lex, "GEORGIA", 7), 12);
	cr_assert_eq(offi_lex_set_country(lex, "Georgia", 7, 3), 0);
	cr_assert_eq(offi_lex_country(lex, "Georgia", 7), 3);
	e = offi_lex_find_key(lex, neri_key("Georgia", 7));
	cr_assert_not_null(e);
	cr_assert_eq(e->ctry, 3);
	cr_assert_eq(e->cls, OFFI_W_GIVEN | OFFI_W_CTRY);
}

Test(officials_lex, word_without_country_entry_has_none)
{
	cr_assert_eq(offi_lex_add(lex, "Minister", 8, OFFI_W_HEAD), 0);
	cr_assert_eq(offi_lex_country(lex, "Minister", 8), 0);
	cr_assert_eq(offi_lex_country(lex, "Moscow", 6), 0);
	cr_assert_null(offi_lex_find_key(lex, neri_key("Moscow", 6)));
}

Test(officials_lex, country_entry_out_of_range_is_refused)
{
	cr_assert_eq(offi_lex_set_country(lex, "Moscow", 6, 70000), NERP_EINVAL);
	cr_assert_eq(offi_lex_set_country(lex, "", 0, 1), NERP_EINVAL);
	cr_assert_eq(get("Moscow"), 0);
}

Test(officials_lex, alloc_without_key_function_is_refused)
{
	offi_lex *other = NULL;

	cr_assert_eq(offi_lex_alloc(&other, NULL), NERP_EINVAL);
	cr_assert_null(other);
}
