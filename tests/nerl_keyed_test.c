/*
 * tests/nerl_keyed_test.c: the keyed matchers (nerl_phrases_at_keyed,
 * nerl_countries_at_keyed) give the same results as a plain reference
 * matcher and as the unkeyed functions, over sentences with diacritics,
 * curly apostrophes, capitals, hyphens and paragraph breaks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "core/neri.h"
#include "nerl.h"

#define MAX_TOKS 512

static const nerp_host host = {
	.size     = sizeof(nerp_host),
	.abi      = NERP_ABI,
	.tokenize = neri_tokenize,
	.key      = neri_key,
};

/* A host as plugins built before token keys see it: no key function. */
static const nerp_host old_host = {
	.size     = offsetof(nerp_host, key),
	.abi      = NERP_ABI,
	.tokenize = neri_tokenize,
};

static const char *const phrases[] = {
	"Foreign Ministry",
	"Foreign Ministry of Russia",
	"Foreign",
	"C\xC3\xB4te d'Ivoire",
	"C\xC3\xB4te d\xE2\x80\x99Ivoire",
	"Erdo\xC4\x9F"
	"an",
	"ERDOGAN",
	"Security Council",
	"security council",
	"U.S.",
	"U.S. State Department",
	"Guinea-Bissau",
	"al-Assad",
	"Bashar al-Assad",
	"New York",
	"New York Times",
	"New York",
	"S\xC3\xA3o Tom\xC3\xA9 and Pr\xC3\xADncipe",
	"MOSCOW",
	"Moscow",
	"Kremlin",
	"O'Brien",
	"\xC3\x9C"
	"ber",
	"state department",
	"caf\xC3\xA9 society",
	"\xC3\xA9lan vital",
	"x",
	/* A token longer than a folding piece, with letters to fold. */
	"\xC3\x9Cxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	"xxxxxxxxxxxxxxxxxxx\xC3\xB6xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	"\xC3\xA9nd here",
	NULL,
};

static const char *const sentences[] = {
	"The Foreign Ministry of Russia said on Tuesday.",
	"the foreign ministry of russia said",
	"FOREIGN MINISTRY OF RUSSIA",
	"Foreign\n\nMinistry of Russia",
	"Foreign Ministry\n\nof Russia",
	"Talks in C\xC3\xB4te d'Ivoire and Cote d\xE2\x80\x99Ivoire, "
	"C\xC3\xB4te d\xE2\x80\x99Ivoire and COTE D'IVOIRE.",
	"Erdogan met ERDO\xC4\x9E"
	"AN and erdo\xC4\x9F"
	"an in Ankara.",
	"The Security Council and the security council and the SECURITY "
	"COUNCIL.",
	"U.S. officials and the U.S. State Department; the u.s. state "
	"department.",
	"Guinea-Bissau and Guinea\xE2\x80\x90"
	"Bissau and GUINEA-BISSAU.",
	"Bashar al-Assad, Bashar al\xE2\x80\x91"
	"Assad and al-Assad.",
	"New York Times reporters in New York and new york.",
	"S\xC3\xA3o Tom\xC3\xA9 and Pr\xC3\xADncipe, Sao Tome and Principe.",
	"MOSCOW, May 3 - Moscow said the Kremlin and KREMLIN agreed.",
	"O'Brien and O\xE2\x80\x99"
	"Brien and o'brien.",
	"\xC3\x9C"
	"ber alles, uber, UBER and \xC3\xBC"
	"ber.",
	"The cafe\xCC\x81 society, CAF\xC3\x89 SOCIETY and cafe society; "
	"Elan vital, \xC3\xA9lan vital and ELAN VITAL; x and X.",
	"\xC3\x9Cxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	"xxxxxxxxxxxxxxxxxxx\xC3\xB6xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	"\xC3\xA9nd here and "
	"\xC3\xBCXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"
	"XXXXXXXXXXXXXXXXXXX\xC3\x96XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"
	"\xC3\x89ND HERE.",
	"",
	"Foreign",
	"New",
	"An overlong token "
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	"aaaa ends here.",
	"Bad bytes \xFF\xFE Foreign \xC3 Ministry.",
	NULL,
};

typedef struct doc {
	const char *text;
	nerp_token  toks[MAX_TOKS];
	uint64_t    keys[MAX_TOKS];
	size_t      n;
} doc;

static void
doc_init(doc *d, const char *text)
{
	d->text = text;
	d->n    = neri_tokenize(text, strlen(text), d->toks, MAX_TOKS);
	cr_assert_leq(d->n, MAX_TOKS);
	neri_keys(text, d->toks, d->n, d->keys);
}

/* Whether document token t and phrase token u are the same word for a
 * matcher with flags: the same bytes, or the same folded text. */
static int
same_token(
    const char *a, size_t alen, const char *b, size_t blen, unsigned flags)
{
	char fa[4096];
	char fb[4096];

	if (!(flags & NERL_CASE_FOLD)) {
		return (alen == blen && memcmp(a, b, alen) == 0);
	}
	alen = nerl_fold(a, alen, fa, sizeof(fa));
	blen = nerl_fold(b, blen, fb, sizeof(fb));
	return (alen == blen && memcmp(fa, fb, alen) == 0);
}

/* The reference: every phrase compared token by token at token i, sorted
 * longest first, then in the order added. */
static size_t
reference_at(
    const doc *d, unsigned flags, size_t i, nerl_match *out, size_t cap)
{
	size_t w = 0;

	for (size_t len = NERL_PHRASE_MAX_TOKENS; len > 0; len--) {
		for (int k = 0; phrases[k] != NULL; k++) {
			const char *ph = phrases[k];
			nerp_token  pt[NERL_PHRASE_MAX_TOKENS];
			size_t      pn = neri_tokenize(
			         ph, strlen(ph), pt, NERL_PHRASE_MAX_TOKENS);
			size_t j;

			if (pn != len || i + pn > d->n) {
				continue;
			}
			for (j = 0; j < pn; j++) {
				const nerp_token *t = &d->toks[i + j];

				if (j > 0 && (t->flags & NERP_TF_PARA_START)) {
					break;
				}
				if (!same_token(d->text + t->start,
				        t->end - t->start, ph + pt[j].start,
				        pt[j].end - pt[j].start, flags)) {
					break;
				}
			}
			if (j == pn && w < cap) {
				out[w].ntok  = pn;
				out[w].value = k;
				w++;
			}
		}
	}
	return (w);
}

static nerl_phrases *
make(const nerp_host *h, unsigned flags)
{
	nerl_phrases *p = NULL;

	cr_assert_eq(nerl_phrases_alloc(&p, h, flags), 0);
	for (int k = 0; phrases[k] != NULL; k++) {
		cr_assert_eq(nerl_phrases_add(p, phrases[k], k), 0);
	}
	return (p);
}

static void
check_phrases(unsigned flags)
{
	nerl_phrases *p    = make(&host, flags);
	size_t        hits = 0;

	for (int s = 0; sentences[s] != NULL; s++) {
		doc d;

		doc_init(&d, sentences[s]);
		for (size_t i = 0; i <= d.n; i++) {
			nerl_match want[32], keyed[32], plain[32], nokeys[32];
			size_t     nw = reference_at(&d, flags, i, want, 32);

			cr_assert_eq(nerl_phrases_at_keyed(p, d.text, d.toks,
			                 d.keys, d.n, i, keyed, 32),
			    nw, "'%s' token %zu", d.text, i);
			cr_assert_eq(nerl_phrases_at(
			                 p, d.text, d.toks, d.n, i, plain, 32),
			    nw);
			cr_assert_eq(nerl_phrases_at_keyed(p, d.text, d.toks,
			                 NULL, d.n, i, nokeys, 32),
			    nw);
			for (size_t k = 0; k < nw; k++) {
				cr_assert_eq(keyed[k].ntok, want[k].ntok);
				cr_assert_eq(keyed[k].value, want[k].value,
				    "'%s' token %zu match %zu", d.text, i, k);
				cr_assert_eq(plain[k].value, want[k].value);
				cr_assert_eq(plain[k].ntok, want[k].ntok);
				cr_assert_eq(nokeys[k].value, want[k].value);
			}
			hits += nw;
		}
	}
	/* The sentences do contain matches to compare. */
	cr_assert_gt(hits, 20);
	nerl_phrases_free(p);
}

Test(nerl_keyed, case_sensitive_phrases_match_as_the_reference)
{
	check_phrases(0);
}

Test(nerl_keyed, case_folded_phrases_match_as_the_reference)
{
	check_phrases(NERL_CASE_FOLD);
}

Test(nerl_keyed, keyed_phrase_lookup_past_the_last_token_is_empty)
{
	nerl_phrases *p = make(&host, NERL_CASE_FOLD);
	doc           d;
	nerl_match    m[4];

	doc_init(&d, "Foreign Ministry");
	cr_assert_eq(
	    nerl_phrases_at_keyed(p, d.text, d.toks, d.keys, d.n, 2, m, 4), 0);
	cr_assert_eq(
	    nerl_phrases_at_keyed(p, d.text, d.toks, d.keys, d.n, 0, m, 4), 2);
	cr_assert_eq(
	    nerl_phrases_at_keyed(p, d.text, d.toks, d.keys, d.n, 0, m, 0), 0);
	nerl_phrases_free(p);
}

/* Thousands of first tokens (the filter grows) all stay findable, and
 * words next to them are not. */
Test(nerl_keyed, many_first_tokens_stay_findable)
{
	nerl_phrases *p = NULL;
	char          buf[64];
	doc           d;
	nerl_match    m[2];

	cr_assert_eq(nerl_phrases_alloc(&p, &host, 0), 0);
	for (int k = 0; k < 20000; k++) {
		snprintf(buf, sizeof(buf), "Word%d Tail", k);
		cr_assert_eq(nerl_phrases_add(p, buf, k), 0);
	}
	for (int k = 0; k < 20000; k += 7) {
		snprintf(buf, sizeof(buf), "Word%d Tail word%d Tail", k, k);
		doc_init(&d, buf);
		cr_assert_eq(nerl_phrases_at_keyed(
		                 p, d.text, d.toks, d.keys, d.n, 0, m, 2),
		    1);
		cr_assert_eq(m[0].value, k);
		cr_assert_eq(nerl_phrases_at_keyed(
		                 p, d.text, d.toks, d.keys, d.n, 2, m, 2),
		    0);
	}
	nerl_phrases_free(p);
}

/* ---------------------------------------------------------------- countries
 */

static const char *const news[] = {
	"MOSCOW, May 3 - The foreign ministers of Brazil, Russia, India, "
	"China and South Africa met on Friday in the Russian capital.",
	"The Bolivian envoy said La Paz would apply; officials from the "
	"United States and the U.S. and the US agreed.",
	"Talks in C\xC3\xB4te d'Ivoire, Cote d\xE2\x80\x99Ivoire and "
	"C\xC3\xB4te d\xE2\x80\x99Ivoire, and COTE D'IVOIRE.",
	"Turkey and turkey and TURKEY, T\xC3\xBCrkiye and Turkiye.",
	"S\xC3\xA3o Tom\xC3\xA9 and Pr\xC3\xADncipe and Sao Tome and "
	"Principe.",
	"Russian-backed forces near the US-China border; Washington-based "
	"and Guinea-Bissau and Guinea\xE2\x80\x90"
	"Bissau.",
	"Latin America, South America and the Gulf of Mexico; New Mexico "
	"and Mexico; the Indian Ocean and Indian officials.",
	"North\n\nKorea and South\n\nAfrica and the United\n\nStates.",
	"KYIV and Kyiv and Kiev; BEIJING and Beijing; ABU DHABI and Abu "
	"Dhabi.",
	"Americans, Britons, the French, Germans and a Brazilian.",
	"the democratic republic of the congo and the Democratic Republic "
	"of the Congo.",
	"Bad \xFF bytes Russia\xC3 and Russia.",
	NULL,
};

static nerl_countries *
load(const nerp_host *h)
{
	nerl_countries *c        = NULL;
	char            err[256] = "";

	cr_assert_eq(
	    nerl_countries_load(&c, h,
	        NERD_TEST_SOURCE_DIR "/plugins/common/data", err, sizeof(err)),
	    0, "%s", err);
	return (c);
}

Test(nerl_keyed, keyed_countries_match_as_unkeyed)
{
	nerl_countries *c    = load(&host);
	size_t          hits = 0;

	for (int s = 0; news[s] != NULL; s++) {
		doc d;

		doc_init(&d, news[s]);
		for (size_t i = 0; i <= d.n; i++) {
			nerl_country_match a = { 0 }, b = { 0 };
			int                ka, kb;

			ka = nerl_countries_at_keyed(
			    c, d.text, d.toks, d.keys, d.n, i, &a);
			kb = nerl_countries_at(c, d.text, d.toks, d.n, i, &b);
			cr_assert_eq(ka, kb, "'%s' token %zu", d.text, i);
			if (!ka) {
				continue;
			}
			hits++;
			cr_assert_str_eq(a.iso2, b.iso2);
			cr_assert_eq(a.ntok, b.ntok);
			cr_assert_eq(a.form, b.form);
		}
	}
	cr_assert_gt(hits, 40);
	nerl_countries_free(c);
}

/* The key finds a name whatever its case; the exact text decides. */
Test(nerl_keyed, keyed_countries_stay_case_sensitive)
{
	nerl_countries    *c = load(&host);
	nerl_country_match m;
	doc                d;

	doc_init(&d, "MOSCOW and Moscow and moscow and MoScOw and turkey.");
	cr_assert_eq(
	    nerl_countries_at_keyed(c, d.text, d.toks, d.keys, d.n, 0, &m), 1);
	cr_assert_str_eq(m.iso2, "RU");
	cr_assert_eq(m.form, NERL_COUNTRY_CAPITAL);
	cr_assert_eq(
	    nerl_countries_at_keyed(c, d.text, d.toks, d.keys, d.n, 2, &m), 1);
	for (size_t i = 4; i < d.n; i++) {
		cr_assert_eq(nerl_countries_at_keyed(
		                 c, d.text, d.toks, d.keys, d.n, i, &m),
		    0, "token %zu", i);
	}
	nerl_countries_free(c);
}

/* Matchers key their entries with host->key: a host without it is
 * refused rather than keyed some other way. */
Test(nerl_keyed, countries_refuse_a_host_without_keys)
{
	nerl_countries *c        = NULL;
	char            err[256] = "";

	cr_assert_neq(nerl_countries_load(&c, &old_host,
	                  NERD_TEST_SOURCE_DIR "/plugins/common/data", err,
	                  sizeof(err)),
	    0);
	cr_assert_null(c);
}

/* ---------------------------------------------------------------- key sets */

/* How many of 1000 made-up words ("word0".."word999") ks leaves out. */
static size_t
left_out(const nerl_keyset *ks)
{
	char   buf[32];
	size_t out = 0;

	for (int k = 0; k < 1000; k++) {
		size_t len = (size_t) snprintf(buf, sizeof(buf), "word%d", k);

		out += !nerl_keyset_has(ks, neri_key(buf, len));
	}
	return (out);
}

/* Every token at which a keyed lookup finds something has its key in the
 * set, and most words that start nothing are left out. */
Test(nerl_keyed, phrase_starts_hold_every_first_token)
{
	nerl_phrases      *p  = make(&host, 0);
	const nerl_keyset *ks = nerl_phrases_starts(p);

	for (int s = 0; sentences[s] != NULL; s++) {
		doc d;

		doc_init(&d, sentences[s]);
		for (size_t i = 0; i < d.n; i++) {
			nerl_match m[4];

			if (nerl_phrases_at_keyed(
			        p, d.text, d.toks, d.keys, d.n, i, m, 4)
			    > 0) {
				cr_assert(nerl_keyset_has(ks, d.keys[i]));
			}
		}
	}
	cr_assert_gt(left_out(ks), 900);
	nerl_phrases_free(p);
}

/* Every token inside a match, not only its first, has its key in the set
 * of all tokens' keys, and most words in no phrase are left out. */
Test(nerl_keyed, phrase_tokens_hold_every_token_of_a_match)
{
	nerl_phrases      *p     = make(&host, 0);
	const nerl_keyset *ks    = nerl_phrases_tokens(p);
	size_t             inner = 0;

	for (int s = 0; sentences[s] != NULL; s++) {
		doc d;

		doc_init(&d, sentences[s]);
		for (size_t i = 0; i < d.n; i++) {
			nerl_match m[4];
			size_t     k = nerl_phrases_at_keyed(
			        p, d.text, d.toks, d.keys, d.n, i, m, 4);

			for (size_t j = 0; j < k; j++) {
				for (size_t t = i; t < i + m[j].ntok; t++) {
					cr_assert(
					    nerl_keyset_has(ks, d.keys[t]));
					inner += t > i;
				}
			}
		}
	}
	cr_assert_gt(inner, 0);
	cr_assert_gt(left_out(ks), 900);
	nerl_phrases_free(p);
}

Test(nerl_keyed, country_starts_hold_every_first_token)
{
	nerl_countries    *c  = load(&host);
	const nerl_keyset *ks = nerl_countries_starts(c);

	for (int s = 0; news[s] != NULL; s++) {
		doc d;

		doc_init(&d, news[s]);
		for (size_t i = 0; i < d.n; i++) {
			nerl_country_match m;

			if (nerl_countries_at(c, d.text, d.toks, d.n, i, &m)) {
				cr_assert(nerl_keyset_has(ks, d.keys[i]),
				    "'%s' token %zu", d.text, i);
			}
		}
	}
	cr_assert(nerl_keyset_has(ks, neri_key("moscow", 6)));
	cr_assert_gt(left_out(ks), 900);
	nerl_countries_free(c);
}
