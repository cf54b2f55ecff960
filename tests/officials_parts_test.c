/*
 * tests/officials_parts_test.c: the officials recogniser's parts one by
 * one (classes, name spans, titles, role wording, states from context,
 * data loading errors), on tokens from the core tokenizer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "core/neri.h"
#include "offi.h"

static offi_state *st;
static nerp_host   host;
static offi_work   w;
static offi_doc    doc;

static void
parts_setup(void)
{
	char err[512] = "";

	memset(&host, 0, sizeof(host));
	host.size     = sizeof(host);
	host.abi      = NERP_ABI;
	host.tokenize = neri_tokenize;
	host.key      = neri_key;
	cr_assert_eq(
	    offi_state_load(&st, &host,
	        NERD_TEST_SOURCE_DIR "/plugins/officials/data",
	        NERD_TEST_SOURCE_DIR "/plugins/common/data", err, sizeof(err)),
	    0, "%s", err);
	memset(&w, 0, sizeof(w));
}

static void
parts_teardown(void)
{
	free((void *) w.toks);
	free((void *) w.keys);
	free(w.t);
	free(w.cover);
	free(w.caps);
	free(w.starts);
	offi_state_free(st);
	st = NULL;
}

TestSuite(officials_parts, .init = parts_setup, .fini = parts_teardown);

/* Tokenises and classifies text into the suite's work set. */
static void
prepare(const char *text)
{
	nerp_token *toks;
	uint64_t   *keys;
	size_t      n, len = strlen(text);

	n    = neri_tokenize(text, len, NULL, 0);
	toks = calloc(n + 1, sizeof(*toks));
	cr_assert_not_null(toks);
	neri_tokenize(text, len, toks, n);
	doc.text = text;
	doc.len  = len;
	doc.dct  = "";
	keys = calloc(n + 1, sizeof(*keys));
	cr_assert_not_null(keys);
	neri_keys(text, toks, n, keys);
	w.st     = st;
	w.doc    = &doc;
	w.toks   = toks;
	w.keys   = keys;
	w.n      = n;
	w.t      = calloc(n + 1, sizeof(offi_tok));
	w.cover  = calloc(n + 1, sizeof(offi_cover));
	/* Exactly n: ASan sees a write past them (offi_classify writes
	 * w.caps[n_caps] at every token). */
	w.caps   = calloc(n + (n == 0), sizeof(uint32_t));
	w.starts = calloc(n + 1, sizeof(uint32_t));
	cr_assert_not_null(w.t);
	cr_assert_not_null(w.cover);
	cr_assert_not_null(w.caps);
	cr_assert_not_null(w.starts);
	offi_classify(&w);
}

/* The index of the first token whose text is s. */
static size_t
tok(const char *s)
{
	size_t i;

	for (i = 0; i < w.n; i++) {
		if (offi_tok_is(&w, i, s)) {
			return (i);
		}
	}
	cr_assert_fail("no token %s", s);
	return (0);
}

Test(officials_parts, classes_come_from_the_word_lists)
{
	prepare("Mr. Lavrov said the Foreign Minister met analysts.");
	cr_assert(offi_cls(&w, tok("Mr")) & OFFI_W_HONOR);
	cr_assert(offi_cls(&w, tok("said")) & OFFI_W_CUE);
	cr_assert(offi_cls(&w, tok("Foreign")) & OFFI_W_MOD);
	cr_assert(offi_cls(&w, tok("Minister")) & OFFI_W_HEAD);
	cr_assert(offi_cls(&w, tok("analysts")) & OFFI_W_OCCUP);
	cr_assert_eq(offi_cls(&w, tok("Lavrov")) & OFFI_W_HEAD, 0);
}

Test(officials_parts, countries_and_bodies_cover_their_words)
{
	prepare("The United States and the Kremlin disagreed in Moscow.");
	cr_assert_str_eq(offi_iso2(&w, tok("United")), "US");
	cr_assert_str_eq(offi_iso2(&w, tok("States")), "US");
	cr_assert_eq(offi_ctry_form(&w, tok("Moscow")), NERL_COUNTRY_CAPITAL);
	cr_assert_gt(offi_org1(&w, tok("Kremlin")), 0);
	cr_assert_str_eq(
	    st->org[offi_org1(&w, tok("Kremlin")) - 1].name, "Kremlin");
	cr_assert_eq(offi_org1(&w, tok("disagreed")), 0);
}

Test(officials_parts, periods_of_abbreviations_do_not_end_sentences)
{
	prepare("Dr. Jaishankar met U.S. President Biden. He left.\n\nNew "
	        "lines. Mr.\n\nParagraph");
	cr_assert_eq(w.t[tok("Jaishankar")].sent, w.t[tok("Dr")].sent);
	cr_assert_eq(w.t[tok("President")].sent, w.t[tok("Dr")].sent);
	cr_assert_eq(w.t[tok("He")].sent, w.t[tok("Dr")].sent + 1);
	cr_assert_eq(w.t[tok("New")].sent, w.t[tok("He")].sent + 1);
	cr_assert_eq(w.t[tok("lines")].sent, w.t[tok("New")].sent);
	cr_assert_eq(w.t[tok("Mr")].sent, w.t[tok("New")].sent + 1);
	/* A paragraph starts a sentence even after "Mr.". */
	cr_assert_eq(w.t[tok("Paragraph")].sent, w.t[tok("Mr")].sent + 1);
}

Test(officials_parts, body_and_country_phrases_cover_every_word)
{
	prepare("He met the Security Council of Russia and South Africa.");
	cr_assert(w.t[tok("Security")].cls & OFFI_T_ORG_HEAD);
	cr_assert_gt(offi_org1(&w, tok("Security")), 0);
	cr_assert_eq(offi_org1(&w, tok("Council")), offi_org1(&w, tok("Security")));
	cr_assert_eq(offi_org1(&w, tok("Russia")), offi_org1(&w, tok("Security")));
	cr_assert_eq(offi_org1(&w, tok("and")), 0);
	cr_assert(offi_ctry_head(&w, tok("South")));
	cr_assert_not(offi_ctry_head(&w, tok("Africa")));
	cr_assert_str_eq(offi_iso2(&w, tok("Africa")), "ZA");
	cr_assert_eq(offi_ctry_form(&w, tok("Africa")), NERL_COUNTRY_NAME);
}

Test(officials_parts, first_two_words_of_country_phrases_are_known)
{
	cr_assert(
	    offi_ctry_pair(st, neri_key("United", 6), neri_key("States", 6)));
	cr_assert(
	    offi_ctry_pair(st, neri_key("SOUTH", 5), neri_key("KOREA", 5)));
	cr_assert_not(offi_ctry_pair(
	    st, neri_key("United", 6), neri_key("minister", 8)));
	cr_assert_not(offi_ctry_pair(
	    st, neri_key("United", 6), neri_key("Airlines", 8)));
	prepare("LAO PEOPLE'S DEMOCRATIC REPUBLIC, the United States and "
	        "United Airlines.");
	cr_assert(offi_ctry_head(&w, tok("LAO")));
	cr_assert_str_eq(offi_iso2(&w, tok("REPUBLIC")), "LA");
	cr_assert_str_eq(offi_iso2(&w, tok("States")), "US");
	cr_assert_null(offi_iso2(&w, tok("Airlines")));
}

Test(officials_parts, body_phrases_are_known_by_their_whole_or_second_word)
{
	cr_assert(offi_org_alone(st, neri_key("Kremlin", 7)));
	cr_assert(offi_org_next(st, neri_key("Duma", 4)));
	cr_assert(offi_org_next(st, neri_key("House", 5)));
	cr_assert_not(offi_org_alone(st, neri_key("minister", 8)));
	cr_assert_not(offi_org_next(st, neri_key("minister", 8)));
	prepare("The State Duma met at the White House; the State of "
	        "Texas and a White Paper did not.");
	cr_assert(w.t[tok("State")].cls & OFFI_T_ORG_HEAD);
	cr_assert_gt(offi_org1(&w, tok("Duma")), 0);
	cr_assert_gt(offi_org1(&w, tok("House")), 0);
	cr_assert_eq(offi_org1(&w, tok("Texas")), 0);
	cr_assert_eq(offi_org1(&w, tok("Paper")), 0);
}

/* Nonzero when token i is listed in w.starts. */
static int
listed_start(size_t i)
{
	size_t k;

	for (k = 0; k < w.n_starts; k++) {
		if (w.starts[k] == i) {
			return (1);
		}
	}
	return (0);
}

Test(officials_parts, words_that_may_start_a_name_are_listed_in_order)
{
	size_t k;

	prepare("The President said Al Saud and Lavrov met in Moscow.");
	cr_assert(listed_start(tok("Al")));
	cr_assert(listed_start(tok("Saud")));
	cr_assert(listed_start(tok("Lavrov")));
	cr_assert_not(listed_start(tok("The")));
	cr_assert_not(listed_start(tok("President")));
	cr_assert_not(listed_start(tok("Moscow")));
	cr_assert(offi_namey(&w, tok("Lavrov")));
	cr_assert(offi_namey(&w, tok("Saud")));
	cr_assert_not(offi_namey(&w, tok("President")));
	cr_assert_not(offi_namey(&w, tok("met")));
	for (k = 1; k < w.n_starts; k++) {
		cr_assert_lt(w.starts[k - 1], w.starts[k]);
	}
}

/* Every token a capitalised word, the last one too (an odd count: the
 * classifying pass takes two a step, then the last alone). */
Test(officials_parts, capitalised_words_are_listed_up_to_the_last_token)
{
	size_t k;

	prepare("Lavrov Met Putin In Moscow");
	cr_assert_eq(w.n, 5);
	cr_assert_eq(w.n_caps, 5);
	for (k = 0; k < w.n; k++) {
		cr_assert_eq(w.caps[k], k);
	}
}

/* Only words: not a number with a capital ("3M"), nor punctuation or
 * small words; the last token (of an even count) is listed. */
Test(officials_parts, only_capitalised_words_are_listed)
{
	prepare("The 3M deal, said Lavrov");
	cr_assert_eq(w.n, 6);
	cr_assert_eq(w.n_caps, 2);
	cr_assert_eq(w.caps[0], tok("The"));
	cr_assert_eq(w.caps[1], tok("Lavrov"));
}

Test(officials_parts, classes_are_looked_up_once_and_marked)
{
	size_t i;

	prepare("Lavrov met envoys, 12 of them.");
	/* Capitalised words at once, the others when first asked for. */
	cr_assert(w.t[tok("Lavrov")].cls & OFFI_CLS_DONE);
	cr_assert_eq(w.t[tok("envoys")].cls, 0);
	cr_assert(offi_cls(&w, tok("of")) & OFFI_W_CONN);
	cr_assert(w.t[tok("of")].cls & OFFI_CLS_DONE);
	/* Punctuation and numbers get no classes; "," and "." their
	 * marks. */
	i = tok(",");
	cr_assert_eq(offi_cls(&w, i), OFFI_CLS_DONE | OFFI_T_COMMA);
	cr_assert_eq(offi_cls(&w, tok("12")), OFFI_CLS_DONE);
	cr_assert_eq(offi_cls(&w, tok(".")), OFFI_CLS_DONE | OFFI_T_PERIOD);
}

Test(officials_parts, one_word_countries_and_longer_phrases_are_both_found)
{
	size_t city;

	prepare("Russian envoys flew from Mexico City to the Gulf of Mexico "
	        "and to Mexico.");
	cr_assert_str_eq(offi_iso2(&w, tok("Russian")), "RU");
	cr_assert_eq(offi_ctry_form(&w, tok("Russian")), NERL_COUNTRY_DEMONYM);
	city = tok("Mexico");
	cr_assert(offi_ctry_head(&w, city));
	cr_assert_str_eq(offi_iso2(&w, city + 1), "MX");
	cr_assert_eq(offi_ctry_form(&w, city + 1), NERL_COUNTRY_CAPITAL);
	/* A single word where no phrase starts: the plugin's own table. */
	cr_assert_str_eq(offi_iso2(&w, w.n - 2), "MX");
	cr_assert_eq(offi_ctry_form(&w, w.n - 2), NERL_COUNTRY_NAME);
	cr_assert(offi_ctry_head(&w, w.n - 2));
}

Test(officials_parts, possessive_is_recognised_in_both_spellings)
{
	prepare("Russia's envoy and Japan 's envoy");
	cr_assert(offi_is_possessive(&w, tok("Russia") + 1));
	cr_assert(offi_is_possessive(&w, tok("Japan") + 2));
	cr_assert_not(offi_is_possessive(&w, tok("envoy")));
}

Test(officials_parts, initials_are_short_capital_abbreviations)
{
	prepare("S. Jaishankar, J.D. Vance, U.S. and USA and U.N.E.S.C.O.");
	cr_assert(offi_is_initial(&w, tok("S.")));
	cr_assert(offi_is_initial(&w, tok("J.D.")));
	cr_assert(offi_is_initial(&w, tok("U.S.")));
	cr_assert_not(offi_is_initial(&w, tok("USA")));
	cr_assert_not(offi_is_initial(&w, tok("Jaishankar")));
	cr_assert_not(offi_is_initial(&w, tok("U.N.E.S.C.O.")));
}

Test(officials_parts, headline_capitals_are_not_initials)
{
	prepare("KLINSMANN TO RETIRE says S. Jaishankar");
	cr_assert(offi_is_caps(&w, tok("KLINSMANN")));
	cr_assert_not(offi_is_caps(&w, tok("S.")));
	cr_assert_not(offi_is_caps(&w, tok("Jaishankar")));
}

Test(officials_parts, name_spans_take_particles_and_initials)
{
	size_t i;

	prepare("Yesterday Luiz Inácio Lula da Silva met S. Jaishankar and "
	        "Foreign Minister Wang Yi.");
	i = tok("Luiz");
	cr_assert_eq(offi_name_end(&w, i), tok("met"));
	i = tok("S.");
	cr_assert_eq(offi_name_end(&w, i), tok("and"));
	cr_assert_eq(offi_name_end(&w, tok("Foreign")), tok("Foreign"));
	cr_assert_eq(offi_name_end(&w, tok("Yesterday")), tok("Yesterday"));
}

Test(officials_parts, a_name_alone_is_told_from_the_next_token)
{
	size_t i;

	prepare("Yesterday Merkel met Luiz Inácio Lula da Silva, S. "
	        "Jaishankar and Blair. Smith");
	cr_assert(offi_name_alone(&w, tok("Merkel")));
	cr_assert(offi_name_alone(&w, tok("Blair")));
	cr_assert(offi_name_alone(&w, tok("Smith")));
	cr_assert_not(offi_name_alone(&w, tok("Luiz")));
	cr_assert_not(offi_name_alone(&w, tok("S.")));
	cr_assert_not(offi_name_alone(&w, tok("Yesterday")));
	/* Wherever it says so, offi_name_end agrees. */
	for (i = 0; i < w.n; i++) {
		if (offi_name_alone(&w, i)) {
			cr_assert_eq(
			    offi_name_end(&w, i), i + 1, "token %zu", i);
		}
	}
}

Test(officials_parts, title_before_a_name_and_its_role)
{
	offi_title t;
	char       role[128];
	size_t     ns;

	prepare("He met Russian Foreign Minister Sergey Lavrov on Monday.");
	ns = tok("Sergey");
	cr_assert(offi_title_before(&w, ns, offi_name_end(&w, ns), &t));
	cr_assert_eq(t.start, tok("Russian"));
	cr_assert_str_eq(t.iso2, "RU");
	offi_role_text(&w, &t, role, sizeof(role));
	cr_assert_str_eq(role, "Foreign Minister");
}

Test(officials_parts, connector_alone_is_no_title)
{
	offi_title t;
	size_t     ns;

	prepare("Putin and Lavrov spoke.");
	ns = tok("Lavrov");
	cr_assert_not(offi_title_before(&w, ns, ns + 1, &t));
}

Test(officials_parts, title_words_and_states_are_told_apart)
{
	prepare("Russia 's foreign minister , the analyst and the envoy to "
	        "Paris handed it to France.");
	cr_assert(offi_state_marker(&w, tok("Russia")));
	cr_assert(offi_state_marker(&w, tok("France")));
	cr_assert_not(offi_state_marker(&w, tok("Paris")));
	cr_assert(offi_loose_apostrophe(&w, tok("'")));
	cr_assert_not(offi_loose_apostrophe(&w, tok(",")));
	cr_assert(offi_title_word(&w, tok("'")));
	cr_assert(offi_title_word(&w, tok("foreign")));
	cr_assert(offi_title_word(&w, tok("minister")));
	cr_assert(offi_title_word(&w, tok("the")));
	cr_assert(offi_title_word(&w, tok("Russia")));
	cr_assert_not(offi_title_word(&w, tok("analyst")));
	cr_assert_not(offi_title_word(&w, tok(",")));
	/* "to" after a head only. */
	cr_assert(offi_title_word(&w, tok("envoy") + 1));
	cr_assert_not(offi_title_word(&w, tok("it") + 1));
}

Test(officials_parts, titles_may_precede_only_after_a_title_word_or_address)
{
	prepare("Minister Lavrov, Dr. Kovac and Mr Wang met analyst Smith "
	        "in Rome. The envoy, Ivanov, said so; Putin and Medvedev "
	        "met, then Xi, Li spoke.");
	cr_assert(
	    offi_title_may_precede(&w, tok("Lavrov"), tok("Lavrov") + 1));
	cr_assert(offi_title_may_precede(&w, tok("Kovac"), tok("Kovac") + 1));
	cr_assert(offi_title_may_precede(&w, tok("Wang"), tok("Wang") + 1));
	cr_assert(
	    offi_title_may_precede(&w, tok("Ivanov"), tok("Ivanov") + 1));
	/* A connector never ends a title; neither does a common word, nor
	 * a period that ends a sentence, nor a comma after a name. */
	cr_assert_not(
	    offi_title_may_precede(&w, tok("Medvedev"), tok("Medvedev") + 1));
	cr_assert_not(
	    offi_title_may_precede(&w, tok("Smith"), tok("Smith") + 1));
	cr_assert_not(offi_title_may_precede(&w, tok("The"), tok("The") + 1));
	cr_assert_not(offi_title_may_precede(&w, tok("Li"), tok("Li") + 1));
	cr_assert_not(offi_title_may_precede(&w, 0, 1));
}

Test(officials_parts, comma_title_needs_the_name_to_close_the_apposition)
{
	size_t ns;

	prepare("The Foreign Minister, Ivanov went home. The Foreign "
	        "Minister, Petrov, went home.");
	ns = tok("Ivanov");
	cr_assert_not(offi_title_may_precede(&w, ns, ns + 1));
	ns = tok("Petrov");
	cr_assert(offi_title_may_precede(&w, ns, ns + 1));
}

Test(officials_parts, apposition_title_and_occupation)
{
	offi_title t;
	char       role[128];

	prepare("Yury Ushakov, a Kremlin foreign policy aide, said so.");
	cr_assert_eq(offi_title_after(&w, tok(","), &t), 1);
	offi_role_text(&w, &t, role, sizeof(role));
	cr_assert_str_eq(role, "Kremlin foreign policy aide");
	cr_assert_str_eq(t.iso2, "RU");
	parts_teardown();
	parts_setup();
	prepare("Ana Ruiz, a political analyst, said so.");
	cr_assert_eq(offi_title_after(&w, tok(","), &t), -1);
}

Test(officials_parts, role_text_drops_states_and_their_forms)
{
	offi_title t;
	char       role[128];
	size_t     ns;

	prepare(
	    "President of the Union of the Comoros Azali Assoumani spoke.");
	ns = tok("Azali");
	cr_assert(offi_title_before(&w, ns, offi_name_end(&w, ns), &t));
	cr_assert_str_eq(t.iso2, "KM");
	offi_role_text(&w, &t, role, sizeof(role));
	cr_assert_str_eq(role, "President");
}

Test(officials_parts, role_text_fits_its_buffer)
{
	offi_title t;
	char       role[8];
	size_t     ns;

	prepare("Deputy Foreign Minister Sergei Ryabkov spoke.");
	ns = tok("Sergei");
	cr_assert(offi_title_before(&w, ns, offi_name_end(&w, ns), &t));
	cr_assert_lt(offi_role_text(&w, &t, role, sizeof(role)), sizeof(role));
	cr_assert_eq(role[strlen(role)], '\0');
}

Test(officials_parts, context_country_is_the_nearest_state_before)
{
	prepare("Argentina declined after President Javier Milei took "
	        "office. Peru agreed.");
	cr_assert_str_eq(offi_context_country(&w, tok("Javier")), "AR");
	cr_assert_null(offi_context_country(&w, tok("Argentina")));
}

Test(officials_parts, missing_data_folder_is_reported)
{
	offi_state *s2       = NULL;
	char        err[512] = "";

	cr_assert_eq(
	    offi_state_load(&s2, &host, "/nonexistent/officials",
	        NERD_TEST_SOURCE_DIR "/plugins/common/data", err, sizeof(err)),
	    NERP_ENOENT);
	cr_assert_null(s2);
	cr_assert(strstr(err, "heads.txt") != NULL, "%s", err);
}

/* Loads the bundled data with file replaced by contents; returns
 * offi_state_load's result (the state in *out, or NULL), its message in
 * err. */
static int
load_with(const char *file, const char *contents, offi_state **out, char *err,
    size_t errlen)
{
	char  dir[] = "/tmp/offidataXXXXXX";
	char  cmd[256], path[128];
	FILE *f;
	int   rv;

	cr_assert_not_null(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd), "cp %s/* %s/",
	    NERD_TEST_SOURCE_DIR "/plugins/officials/data", dir);
	cr_assert_eq(system(cmd), 0);
	snprintf(path, sizeof(path), "%s/%s", dir, file);
	f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs(contents, f);
	fclose(f);
	*out = NULL;
	rv   = offi_state_load(out, &host, dir,
	      NERD_TEST_SOURCE_DIR "/plugins/common/data", err, errlen);
	cr_assert((rv == 0) == (*out != NULL));
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	cr_assert_eq(system(cmd), 0);
	return (rv);
}

Test(officials_parts, spaces_around_a_listed_word_are_dropped)
{
	offi_state *s2       = NULL;
	char        err[512] = "";

	/* "Vizier " was keyed with its space and never matched */
	cr_assert_eq(
	    load_with("heads.txt", "Vizier \n Doyen\n", &s2, err, sizeof(err)),
	    0, "%s", err);
	cr_assert(offi_lex_get(s2->lex, "Vizier", 6) & OFFI_W_HEAD);
	cr_assert(offi_lex_get(s2->lex, "Doyen", 5) & OFFI_W_HEAD);
	offi_state_free(s2);
}

Test(officials_parts, rows_with_columns_past_the_format_are_refused)
{
	offi_state *s2       = NULL;
	char        err[512] = "";

	/* the columns after the format's were dropped unseen */
	cr_assert_eq(load_with("heads.txt", "Minister\n# x\nVizier\tx\n", &s2,
	                 err, sizeof(err)),
	    NERP_EINVAL);
	cr_assert(strstr(err, "heads.txt:3") != NULL, "%s", err);
	cr_assert_eq(load_with("orgs.tsv", "Kremlin\tRU\tKremlin\tx\n", &s2,
	                 err, sizeof(err)),
	    NERP_EINVAL);
	cr_assert(strstr(err, "orgs.tsv:1") != NULL, "%s", err);
	cr_assert_eq(load_with("offices.tsv", "chancellor\tDE\tAT\n", &s2, err,
	                 sizeof(err)),
	    NERP_EINVAL);
	cr_assert(strstr(err, "offices.tsv:1") != NULL, "%s", err);
	cr_assert_eq(
	    load_with("holders.tsv",
	        "Olaf Scholz\tchancellor\tDE\t-\t2021-12\t2025-05\tx\n", &s2,
	        err, sizeof(err)),
	    NERP_EINVAL);
	cr_assert(strstr(err, "holders.tsv:1") != NULL, "%s", err);
}

Test(officials_parts, empty_fields_and_reversed_terms_are_refused)
{
	offi_state *s2       = NULL;
	char        err[512] = "";

	/* each loaded: an empty role or organization went out as the
	 * attribute, a term ending before it began matched no date */
	cr_assert_eq(load_with("holders.tsv",
	                 "Olaf Scholz\tchancellor\tDE\t-\t2021-12\t2025-05\n"
	                 "Jens Stoltenberg\t\t-\tNATO\t2014-10\t2024-09\n",
	                 &s2, err, sizeof(err)),
	    NERP_EINVAL);
	cr_assert(strstr(err, "holders.tsv:2") != NULL, "%s", err);
	cr_assert_eq(load_with("holders.tsv",
	                 "Olaf Scholz\tchancellor\tDE\t-\t2025-05\t2021-12\n",
	                 &s2, err, sizeof(err)),
	    NERP_EINVAL);
	cr_assert(strstr(err, "holders.tsv:1") != NULL, "%s", err);
	cr_assert_eq(
	    load_with("orgs.tsv", "Kremlin\tRU\t\n", &s2, err, sizeof(err)),
	    NERP_EINVAL);
	cr_assert(strstr(err, "orgs.tsv:1") != NULL, "%s", err);
}

Test(officials_parts, a_role_listed_twice_in_offices_is_refused)
{
	offi_state *s2       = NULL;
	char        err[512] = "";

	/* the second line's index was ORed into the first's: 1 | 2 gave
	 * office 3 (a third role's country, or past the table) */
	cr_assert_eq(load_with("offices.tsv",
	                 "chancellor\tDE\nprime minister\tGB\n"
	                 "Chancellor\tAT\n",
	                 &s2, err, sizeof(err)),
	    NERP_EINVAL);
	cr_assert(strstr(err, "offices.tsv:3") != NULL, "%s", err);
}

Test(officials_parts, host_without_tokenizer_is_refused)
{
	offi_state *s2 = NULL;
	nerp_host   bare;
	char        err[512] = "";

	memset(&bare, 0, sizeof(bare));
	cr_assert_eq(
	    offi_state_load(&s2, &bare,
	        NERD_TEST_SOURCE_DIR "/plugins/officials/data",
	        NERD_TEST_SOURCE_DIR "/plugins/common/data", err, sizeof(err)),
	    NERP_EINVAL);
}
