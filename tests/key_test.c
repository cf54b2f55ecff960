/* tests/key_test.c: keys of folded text (core/key.c, core/fold.c). */
#include <string.h>

#include <criterion/criterion.h>

#include "core/fold.h"
#include "core/neri.h"

static uint64_t
key_of(const char *s)
{
	return (neri_key(s, strlen(s)));
}

Test(key, case_diacritics_and_apostrophes_share_a_key)
{
	cr_assert_eq(key_of("Erdo\u011fan"), key_of("erdogan"));
	cr_assert_eq(key_of("ERDOGAN"), key_of("erdogan"));
	cr_assert_eq(key_of("O\u2019Neill"), key_of("o'neill"));
	cr_assert_eq(key_of("Pej\u010dinovi\u0107"), key_of("PEJCINOVIC"));
}

Test(key, different_words_get_different_keys)
{
	cr_assert_neq(key_of("Lavrov"), key_of("Lavrova"));
	cr_assert_neq(key_of("a"), key_of("b"));
	cr_assert_neq(key_of(""), key_of(" "));
}

Test(key, a_key_is_the_hash_of_the_folded_text_however_long)
{
	char   text[2048];
	char   folded[2048 * NERI_FOLD_GROWTH];
	size_t len = 0;
	size_t n;

	/* Two-byte letters across the 128-byte pieces the key folds in. */
	while (len + 3 < sizeof(text) - 1) {
		memcpy(text + len, "\u00c9a", 3);
		len += 3;
	}
	text[len] = '\0';
	n         = neri_fold(text, len, folded, sizeof(folded));
	cr_assert_eq(n, len / 3 * 2);
	cr_assert_eq(neri_key(text, len), neri_key(folded, n));
	cr_assert_neq(neri_key(text, len), neri_key(text, len - 3));
}

Test(key, keys_of_tokens_are_the_keys_of_their_texts)
{
	const char *text = "Russia\u2019s Foreign Minister LAVROV.";
	nerp_token  tokens[16];
	uint64_t    keys[16];
	size_t      n = neri_tokenize(text, strlen(text), tokens, 16);
	size_t      i;

	cr_assert_eq(n, 6);
	neri_keys(text, tokens, n, keys);
	for (i = 0; i < n; i++) {
		cr_assert_eq(keys[i],
		    neri_key(text + tokens[i].start,
		        tokens[i].end - tokens[i].start));
	}
	cr_assert_eq(keys[1], key_of("'s"));
	cr_assert_eq(keys[4], key_of("lavrov"));
}

Test(key, fold_keeps_case_only_when_stripping_marks)
{
	const char *name = "C\u00f4te d\u2019Ivoire";
	char        out[64];

	cr_assert_eq(neri_strip_marks(name, strlen(name), out, sizeof(out)),
	    13);
	cr_assert_str_eq(out, "Cote d'Ivoire");
	cr_assert_eq(neri_fold(name, strlen(name), out, sizeof(out)), 13);
	cr_assert_str_eq(out, "cote d'ivoire");
}
