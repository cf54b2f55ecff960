/* tests/key_test.c: keys of folded text (core/key.c, core/fold.c). */
#include <stdio.h>
#include <stdlib.h>
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

	cr_assert_eq(
	    neri_strip_marks(name, strlen(name), out, sizeof(out)), 13);
	cr_assert_str_eq(out, "Cote d'Ivoire");
	cr_assert_eq(neri_fold(name, strlen(name), out, sizeof(out)), 13);
	cr_assert_str_eq(out, "cote d'ivoire");
}

/* Every token's key from neri_tokenize_keys equals neri_key of its text:
 * short and long words, non-ASCII ones, and tokens in the last 16 bytes
 * (where the key may not read ahead). */
Test(key, tokenize_keys_gives_each_token_the_key_of_its_text)
{
	const char *text
	    = "The U.S. envoy met Erdo\u011fan\u2019s aide on 26/04/2024 -- "
	      "an extraordinarily-long-hyphenated-word, a Supercalifragilistic"
	      "expialidocious one, then \u201cquotes\u201d\u2026 and ZZ9 x";
	size_t     len = strlen(text);
	nerp_token tokens[64];
	uint64_t   keys[64];
	size_t     n = neri_tokenize_keys(text, len, tokens, keys, 64);
	size_t     i;

	cr_assert_eq(n, neri_tokenize(text, len, NULL, 0));
	cr_assert_gt(n, 20);
	for (i = 0; i < n; i++) {
		cr_assert_eq(keys[i],
		    neri_key(text + tokens[i].start,
		        tokens[i].end - tokens[i].start),
		    "token %zu", i);
	}
	cr_assert_eq(keys[1], key_of("u.s."));
	cr_assert_eq(keys[n - 1], key_of("x"));
	cr_assert_eq(keys[n - 2], key_of("zz9"));
}

Test(key, tokenize_keys_writes_at_most_cap_keys)
{
	const char *text = "One two three four";
	nerp_token  tokens[4];
	uint64_t    keys[3] = { 0, 0, 7 };

	cr_assert_eq(
	    neri_tokenize_keys(text, strlen(text), tokens, keys, 2), 4);
	cr_assert_eq(keys[0], key_of("one"));
	cr_assert_eq(keys[1], key_of("two"));
	cr_assert_eq(keys[2], 7);
	/* Without room for keys it still tokenises. */
	cr_assert_eq(
	    neri_tokenize_keys(text, strlen(text), tokens, NULL, 4), 4);
	cr_assert_eq(tokens[3].start, 14);
}

/* The branch-free lowercase of neri_key's ASCII path changes letters
 * only: every printable ASCII byte keys as its folded form. */
Test(key, ascii_path_lowercases_letters_only)
{
	char   upper[96], lower[96];
	size_t i, n = 0;

	for (i = 0x20; i < 0x7F; i++) {
		upper[n] = (char) i;
		lower[n] = (char) (i >= 'A' && i <= 'Z' ? i + 32 : i);
		n++;
	}
	for (i = 0; i + 16 <= n; i++) {
		cr_assert_eq(neri_key(upper + i, 16), neri_key(lower + i, 16));
	}
	cr_assert_neq(neri_key("@", 1), neri_key("`", 1));
	cr_assert_neq(neri_key("[", 1), neri_key("{", 1));
}

Test(key, keys_in_a_text_match_neri_keys)
{
	const char *text = "Mr. O\u2019Neill said: \u00abNon\u00bb, 3.5% of "
	                   "U.N. staff -- a lot.";
	size_t      len  = strlen(text);
	nerp_token  tokens[32];
	uint64_t    fast[32], slow[32];
	size_t      n = neri_tokenize(text, len, tokens, 32);
	size_t      i;

	cr_assert_lt(n, 32);
	neri_keys_in(text, len, tokens, n, fast);
	neri_keys(text, tokens, n, slow);
	for (i = 0; i < n; i++) {
		cr_assert_eq(fast[i], slow[i], "token %zu", i);
	}
}

/* Keys made with the tokens in the middle of a long sentence (words with
 * capitals, numbers, punctuation runs longer than 16 bytes) are those of
 * their texts. */
Test(key, tokenize_keys_mid_sentence_match_neri_key)
{
	const char *text = "and then SAID the Officials of NATO in 2024 that "
	                   "x==================== y ,, z; MiXeD CaSe words "
	                   "follow here with 3 more";
	size_t      len  = strlen(text);
	nerp_token  tokens[64];
	uint64_t    keys[64];
	size_t      n = neri_tokenize_keys(text, len, tokens, keys, 64);
	size_t      i;

	cr_assert_gt(n, 20);
	cr_assert_lt(n, 64);
	for (i = 0; i < n; i++) {
		cr_assert_eq(keys[i],
		    neri_key(text + tokens[i].start,
		        tokens[i].end - tokens[i].start),
		    "token %zu", i);
	}
	cr_assert_eq(keys[2], key_of("said"));
	cr_assert_eq(keys[4], key_of("officials"));
	cr_assert_eq(keys[6], key_of("NATO"));
}

/* Checks that every key neri_tokenize_keys gives for text[0..len) is
 * neri_key of its token's text; the text is copied to a block of exactly
 * len bytes, so that the fast paths cannot lean on bytes past its end. */
static void
check_keys_of(const char *text, size_t len)
{
	char      *copy = malloc(len);
	nerp_token tokens[128];
	uint64_t   keys[128];
	size_t     n, i;

	cr_assert_not_null(copy);
	memcpy(copy, text, len);
	n = neri_tokenize_keys(copy, len, tokens, keys, 128);
	cr_assert_gt(n, 0);
	cr_assert_leq(n, 128);
	for (i = 0; i < n; i++) {
		cr_assert_eq(keys[i],
		    neri_key(copy + tokens[i].start,
		        tokens[i].end - tokens[i].start),
		    "token %zu of \"%.*s\"", i, (int) len, text);
	}
	free(copy);
}

/* Words and numbers of every length from 1 to 17 bytes, mixed case, with
 * digits, apostrophes, hyphens and separators, mid-sentence and at the
 * very end of the text, key as their texts do. */
Test(key, tokenize_keys_of_words_of_every_length_match_neri_key)
{
	static const char *const shapes[] = { "aBcDeFgHiJkLmNoPq",
		"XYZWVUTSRQPONMLKJ", "abcdefghijklmnopq", "G7x2k9Q4w1E8r5T3y",
		"o'br'ie'n'x'y'z'w", "a-b-c-d-e-f-g-h-i", "12345678901234567",
		"1,2.3:4/5-6,7.8:9", "1990s1990s1990s19" };
	char   text[128];
	size_t s, k, len;

	for (s = 0; s < sizeof(shapes) / sizeof(shapes[0]); s++) {
		for (k = 1; k <= 17; k++) {
			len = (size_t) snprintf(text, sizeof(text),
			    "Then the %.*s and 42 more words follow here. ", (int) k,
			    shapes[s]);
			check_keys_of(text, len);
			/* The same word closing the text. */
			len = (size_t) snprintf(
			    text, sizeof(text), "the last: %.*s", (int) k, shapes[s]);
			check_keys_of(text, len);
		}
	}
	/* Non-ASCII beside ASCII words, and punctuation runs. */
	check_keys_of("Caf\u00e9 ERDO\u011eAN\u2019s \u201cquoted\u201d words ?!? "
	              "---- and (brackets) [x] {y} @home `tick` ~tilde_ 3\u00bd",
	    strlen("Caf\u00e9 ERDO\u011eAN\u2019s \u201cquoted\u201d words ?!? "
	           "---- and (brackets) [x] {y} @home `tick` ~tilde_ 3\u00bd"));
}

/* Every ASCII punctuation mark, alone between words and in a run, keys
 * as its text does. */
Test(key, tokenize_keys_of_each_punctuation_mark_match_neri_key)
{
	char   text[96];
	size_t len;
	int    c;

	for (c = 0x21; c < 0x7F; c++) {
		if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')
		    || (c >= 'a' && c <= 'z')) {
			continue;
		}
		len = (size_t) snprintf(text, sizeof(text),
		    "so the word %c then %c%c%c and the rest of it", c, c, c, c);
		check_keys_of(text, len);
	}
}
