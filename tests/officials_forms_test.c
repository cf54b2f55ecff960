/*
 * tests/officials_forms_test.c: every form of issue 4 through offi_find,
 * with the plugin's own data files and the core tokenizer, on sentences
 * written for these tests.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "core/neri.h"
#include "offi.h"

static offi_state *st;
static nerp_host   host;

/* Every block one offi_find call allocates, freed after each test. */
static void  *blocks[4096];
static size_t n_blocks;

static void *
forms_alloc(void *arg, size_t size)
{
	void *p;

	(void) arg;
	if (n_blocks == sizeof(blocks) / sizeof(blocks[0])) {
		return (NULL);
	}
	p = malloc(size);
	if (p != NULL) {
		blocks[n_blocks++] = p;
	}
	return (p);
}

static void
forms_setup(void)
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
}

static void
forms_teardown(void)
{
	while (n_blocks > 0) {
		free(blocks[--n_blocks]);
	}
	offi_state_free(st);
	st = NULL;
}

TestSuite(officials_forms, .init = forms_setup, .fini = forms_teardown);

static const char *doc_text;

static offi_result
run_dct(const char *text, const char *dct)
{
	size_t      len = strlen(text), n;
	nerp_token *toks;
	uint64_t   *keys;
	offi_doc    doc = { text, len, dct };
	offi_result r;

	n    = neri_tokenize(text, len, NULL, 0);
	toks = forms_alloc(NULL, (n + 1) * sizeof(*toks));
	cr_assert_not_null(toks);
	cr_assert_eq(neri_tokenize(text, len, toks, n), n);
	keys = forms_alloc(NULL, (n + 1) * sizeof(*keys));
	cr_assert_not_null(keys);
	neri_keys(text, toks, n, keys);
	cr_assert_eq(
	    offi_find(st, &doc, toks, keys, n, forms_alloc, NULL, &r), 0);
	doc_text = text;
	return (r);
}

static offi_result
run(const char *text)
{
	return (run_dct(text, ""));
}

/* offi_find on text without the host's keys (it keys the tokens). */
static offi_result
run_unkeyed(const char *text)
{
	size_t      len = strlen(text), n;
	nerp_token *toks;
	offi_doc    doc = { text, len, "" };
	offi_result r;

	n    = neri_tokenize(text, len, NULL, 0);
	toks = forms_alloc(NULL, (n + 1) * sizeof(*toks));
	cr_assert_not_null(toks);
	cr_assert_eq(neri_tokenize(text, len, toks, n), n);
	cr_assert_eq(
	    offi_find(st, &doc, toks, NULL, n, forms_alloc, NULL, &r), 0);
	doc_text = text;
	return (r);
}

/* The nth mention (0-based) whose text is exactly span. */
static const offi_mention *
mention(const offi_result *r, const char *span, int nth)
{
	size_t i, len = strlen(span);

	for (i = 0; i < r->n_mentions; i++) {
		const offi_mention *m = &r->mentions[i];
		if (m->end - m->start == len
		    && memcmp(doc_text + m->start, span, len) == 0
		    && nth-- == 0) {
			return (m);
		}
	}
	cr_assert_fail("no mention \"%s\"", span);
	return (NULL);
}

static void
expect_official(const offi_result *r, const char *span, const char *name,
    const char *role, const char *country)
{
	const offi_mention *m = mention(r, span, 0);
	const offi_person  *p = &r->people[m->person];

	cr_assert_eq(m->kind, OFFI_OFFICIAL, "%s is not an official", span);
	cr_assert_str_eq(p->name, name);
	cr_assert_not_null(p->role);
	cr_assert_str_eq(p->role, role);
	if (country == NULL) {
		cr_assert_null(
		    p->country, "%s has country %s", span, p->country);
	} else {
		cr_assert_not_null(p->country, "%s has no country", span);
		cr_assert_str_eq(p->country, country);
	}
}

static void
expect_person(const offi_result *r, const char *span, const char *name)
{
	const offi_mention *m = mention(r, span, 0);

	cr_assert_eq(m->kind, OFFI_PERSON, "%s is not a person", span);
	cr_assert_str_eq(r->people[m->person].name, name);
}

Test(officials_forms, demonym_title_before_name)
{
	offi_result r = run("Russian Foreign Minister Sergey Lavrov flew to "
	                    "Ankara on Monday.");

	expect_official(
	    &r, "Sergey Lavrov", "Sergey Lavrov", "Foreign Minister", "RU");
	cr_assert_eq(r.n_mentions, 1);
}

Test(officials_forms, apposition_with_country_possessive)
{
	offi_result r = run("Sergey Lavrov, Russia's foreign minister, said "
	                    "the talks had been useful.");

	expect_official(
	    &r, "Sergey Lavrov", "Sergey Lavrov", "foreign minister", "RU");
}

Test(officials_forms, title_of_country_with_initial)
{
	offi_result r = run("Foreign Minister of India S. Jaishankar arrived "
	                    "in Tokyo late on Sunday.");

	expect_official(
	    &r, "S. Jaishankar", "S. Jaishankar", "Foreign Minister", "IN");
}

Test(officials_forms, chinese_president)
{
	offi_result r = run("Chinese President Xi Jinping will visit three "
	                    "European capitals next month.");

	expect_official(&r, "Xi Jinping", "Xi Jinping", "President", "CN");
}

Test(officials_forms, kremlin_spokesman_is_russian)
{
	offi_result r = run("Kremlin spokesman Dmitry Peskov declined to "
	                    "comment on the reports.");
	const offi_mention *m;

	expect_official(
	    &r, "Dmitry Peskov", "Dmitry Peskov", "Kremlin spokesman", "RU");
	m = mention(&r, "Dmitry Peskov", 0);
	cr_assert_str_eq(r.people[m->person].org, "Kremlin");
}

Test(officials_forms, eu_office_has_no_country)
{
	offi_result r = run("EU foreign policy chief Josep Borrell urged the "
	                    "ministers to agree.");

	expect_official(&r, "Josep Borrell", "Josep Borrell",
	    "EU foreign policy chief", NULL);
}

Test(officials_forms, us_secretary_of_state)
{
	offi_result r = run("U.S. Secretary of State Antony Blinken landed in "
	                    "Cairo.");

	expect_official(&r, "Antony Blinken", "Antony Blinken",
	    "Secretary of State", "US");
}

Test(officials_forms, nato_secretary_general)
{
	offi_result r
	    = run("The alliance met in Vilnius, where NATO "
	          "Secretary General Jens Stoltenberg opened the session.");
	const offi_mention *m;

	expect_official(&r, "Jens Stoltenberg", "Jens Stoltenberg",
	    "NATO Secretary General", NULL);
	m = mention(&r, "Jens Stoltenberg", 0);
	cr_assert_str_eq(r.people[m->person].org, "NATO");
}

Test(officials_forms, federation_council_speaker)
{
	offi_result r = run("Federation Council Speaker Valentina Matviyenko "
	                    "received the delegation.");

	expect_official(&r, "Valentina Matviyenko", "Valentina Matviyenko",
	    "Federation Council Speaker", "RU");
}

Test(officials_forms, ministry_spokeswoman_in_apposition)
{
	offi_result r = run(
	    "The Russian Foreign Ministry's official "
	    "spokeswoman, Maria Zakharova, told a briefing that no date was "
	    "set.");

	expect_official(&r, "Maria Zakharova", "Maria Zakharova",
	    "official spokeswoman", "RU");
}

Test(officials_forms, counterpart_takes_the_other_office)
{
	offi_result r = run("Chinese President Xi Jinping spoke by phone with "
	                    "his Bolivian counterpart Luis Arce on Tuesday.");

	expect_official(&r, "Luis Arce", "Luis Arce", "President", "BO");
}

Test(officials_forms, later_mentions_link_to_first)
{
	offi_result r = run(
	    "Russian Foreign Minister Sergey Lavrov arrived on "
	    "Monday. Lavrov's visit will last two days.\n\n\"We are ready to "
	    "listen,\" Lavrov told reporters. \"Lavrov\" was trending too.");
	const offi_mention *a = mention(&r, "Lavrov", 0);
	const offi_mention *b = mention(&r, "Lavrov", 1);
	const offi_mention *c = mention(&r, "Lavrov", 2);

	cr_assert_eq(r.n_mentions, 4);
	cr_assert_eq(a->person, b->person);
	cr_assert_eq(b->person, c->person);
	expect_official(
	    &r, "Lavrov", "Sergey Lavrov", "Foreign Minister", "RU");
	/* The possessive stays out of the span. */
	cr_assert_eq(doc_text[a->end], '\'');
}

Test(officials_forms, mononym_links_to_full_name)
{
	offi_result r = run("Brazilian President Luiz Inácio Lula da Silva "
	                    "opened the summit. Lula then met the press.");

	expect_official(&r, "Luiz Inácio Lula da Silva",
	    "Luiz Inácio Lula da Silva", "President", "BR");
	expect_official(
	    &r, "Lula", "Luiz Inácio Lula da Silva", "President", "BR");
}

Test(officials_forms, names_keep_diacritics)
{
	offi_result r = run(
	    "Turkish President Recep Tayyip Erdoğan met "
	    "Council of Europe Secretary General Marija Pejčinović Burić in "
	    "Strasbourg.");

	expect_official(&r, "Recep Tayyip Erdoğan", "Recep Tayyip Erdoğan",
	    "President", "TR");
	expect_official(&r, "Marija Pejčinović Burić",
	    "Marija Pejčinović Burić", "Council of Europe Secretary General",
	    NULL);
}

Test(officials_forms, surname_without_diacritics_links)
{
	offi_result r = run("Turkish President Recep Tayyip Erdoğan spoke "
	                    "first. Erdogan then left.");

	expect_official(
	    &r, "Erdogan", "Recep Tayyip Erdoğan", "President", "TR");
}

Test(officials_forms, particles_stay_in_name)
{
	offi_result r = run("Saudi Crown Prince Mohammed bin Salman received "
	                    "the envoy in Riyadh.");

	expect_official(&r, "Mohammed bin Salman", "Mohammed bin Salman",
	    "Crown Prince", "SA");
}

Test(officials_forms, honorifics_stay_out_of_span)
{
	offi_result r = run("External Affairs Minister Dr. S. Jaishankar and "
	                    "Mr. Arjun Mehta, a banker, spoke in Mumbai.");

	expect_official(&r, "S. Jaishankar", "S. Jaishankar",
	    "External Affairs Minister", "IN");
	expect_person(&r, "Arjun Mehta", "Arjun Mehta");
}

Test(officials_forms, former_holder_with_former_title)
{
	offi_result r = run("Former President Alberto Fernández of Argentina "
	                    "attended the ceremony.");

	expect_official(&r, "Alberto Fernández", "Alberto Fernández",
	    "Former President", "AR");
}

Test(officials_forms, institution_in_title_gives_country)
{
	offi_result r = run("State Duma Deputy Speaker Pyotr Tolstoy said the "
	                    "vote would take place.");

	expect_official(&r, "Pyotr Tolstoy", "Pyotr Tolstoy",
	    "State Duma Deputy Speaker", "RU");
}

Test(officials_forms, country_before_whose)
{
	offi_result r = run("Among the applicants is Kenya, whose President "
	                    "William Ruto spoke on Friday.");

	expect_official(&r, "William Ruto", "William Ruto", "President", "KE");
}

Test(officials_forms, untitled_country_comes_from_the_sentence)
{
	offi_result r = run_dct("Peru withdrew its bid after President Dina "
	                        "Boluarte took office.",
	    "2023-05-01");

	expect_official(
	    &r, "Dina Boluarte", "Dina Boluarte", "President", "PE");
}

Test(officials_forms, analyst_is_a_person_not_an_official)
{
	offi_result r = run("\"The vote changes little,\" said Tomas Varga, a "
	                    "political analyst at a Vienna consultancy.");

	expect_person(&r, "Tomas Varga", "Tomas Varga");
}

Test(officials_forms, journalist_is_a_person)
{
	offi_result r = run("Paola Ricci, a correspondent for a Rome daily, "
	                    "covered the summit.");

	expect_person(&r, "Paola Ricci", "Paola Ricci");
}

Test(officials_forms, bare_titles_give_nothing)
{
	offi_result r = run(
	    "The spokesman said the foreign minister and the "
	    "President would attend. The head of state did not comment.");

	cr_assert_eq(r.n_mentions, 0);
}

Test(officials_forms, results_list_names_are_people)
{
	offi_result r = run("1. Marek Dvorak ( Slovakia ) 20.11\n2. Tiago "
	                    "Bragança ( Portugal ) 20.15");

	expect_person(&r, "Marek Dvorak", "Marek Dvorak");
	expect_person(&r, "Tiago Bragança", "Tiago Bragança");
}

Test(officials_forms, places_and_bodies_are_not_people)
{
	offi_result r
	    = run("Delegates from Brazil met at the Kazan Expo "
	          "Centre while the Federation Council debated in Moscow.");

	cr_assert_eq(r.n_mentions, 0);
}

Test(officials_forms, holder_list_fills_a_missing_title)
{
	offi_result r
	    = run_dct("Allies praised the outgoing chief. Rutte will "
	              "succeed Jens Stoltenberg on Tuesday.",
	        "2024-06-24");

	expect_official(&r, "Jens Stoltenberg", "Jens Stoltenberg",
	    "Secretary General", NULL);
}

Test(officials_forms, dateline_gives_country_when_text_names_none)
{
	offi_result r = run("MOSCOW, May 3. Presidential aide Yury Ushakov "
	                    "briefed reporters.");

	expect_official(
	    &r, "Yury Ushakov", "Yury Ushakov", "Presidential aide", "RU");
}

Test(officials_forms, spans_are_inside_the_text_and_ordered)
{
	const char *text = "Minister Ana Lopes said Lopes would call Mr. "
	                   "Ivo Sá, who told Sá's aides.";
	offi_result r    = run(text);
	size_t      i;

	cr_assert_gt(r.n_mentions, 0);
	for (i = 0; i < r.n_mentions; i++) {
		cr_assert_lt(r.mentions[i].start, r.mentions[i].end);
		cr_assert_leq(r.mentions[i].end, strlen(text));
		cr_assert_lt(r.mentions[i].person, r.n_people);
		if (i > 0) {
			cr_assert_leq(
			    r.mentions[i - 1].end, r.mentions[i].start);
		}
	}
}

Test(officials_forms, empty_document_gives_nothing)
{
	offi_result r = run("");

	cr_assert_eq(r.n_mentions, 0);
	cr_assert_eq(r.n_people, 0);
}

Test(officials_forms, arabic_particle_joined_by_hyphen)
{
	offi_result r = run("Egyptian President Abdel Fattah al-Sisi received "
	                    "the delegation.");

	expect_official(&r, "Abdel Fattah al-Sisi", "Abdel Fattah al-Sisi",
	    "President", "EG");
}

Test(officials_forms, state_after_the_name)
{
	offi_result r = run("Talks began when President Jorge Almada of "
	                    "Uruguay arrived.");

	expect_official(&r, "Jorge Almada", "Jorge Almada", "President", "UY");
}

Test(officials_forms, ambassador_to_a_host_state)
{
	offi_result r = run("Russian Ambassador to the United States Anatoly "
	                    "Antonov was summoned.");

	expect_official(
	    &r, "Anatoly Antonov", "Anatoly Antonov", "Ambassador", "RU");
}

Test(officials_forms, handing_over_to_an_official_keeps_his_state)
{
	offi_result r
	    = run("Chilean President Ana Soto handed the rotating "
	          "presidency to Peruvian President Luis Vera on Monday.");

	expect_official(&r, "Luis Vera", "Luis Vera", "President", "PE");
}

Test(officials_forms, body_name_stays_in_the_title)
{
	offi_result r
	    = run("Head of the Russian Direct Investment Fund Kirill "
	          "Dmitriev said investment would grow.");

	expect_official(&r, "Kirill Dmitriev", "Kirill Dmitriev",
	    "Head of the Direct Investment Fund", "RU");
	cr_assert_eq(r.n_mentions, 1);
}

Test(officials_forms, known_holder_named_by_surname_alone)
{
	offi_result r = run_dct("The aide added that Putin would attend the "
	                        "summit.",
	    "2024-07-04");

	expect_official(&r, "Putin", "Putin", "President", "RU");
}

Test(officials_forms, holder_outside_the_term_is_not_an_official)
{
	offi_result r = run_dct("Analysts recalled how Bolsonaro had "
	                        "campaigned.",
	    "2024-07-04");

	cr_assert_eq(r.n_mentions, 0);
}

Test(officials_forms, chain_of_particles_stays_in_name)
{
	offi_result r = run("European Commission President Ursula von der "
	                    "Leyen spoke first. Von der Leyen then left.");

	expect_official(&r, "Ursula von der Leyen", "Ursula von der Leyen",
	    "European Commission President", NULL);
	expect_official(&r, "Von der Leyen", "Ursula von der Leyen",
	    "European Commission President", NULL);
}

Test(officials_forms, plural_title_covers_both_names)
{
	offi_result r = run("Foreign Ministers Anna Lind and Tarja Halonen "
	                    "met in Helsinki.");

	expect_official(
	    &r, "Anna Lind", "Anna Lind", "Foreign Minister", NULL);
	mention(&r, "Tarja Halonen", 0);
	cr_assert_eq(mention(&r, "Tarja Halonen", 0)->kind, OFFI_OFFICIAL);
	cr_assert_str_eq(
	    r.people[mention(&r, "Tarja Halonen", 0)->person].role,
	    "Foreign Minister");
}

Test(officials_forms, scorecard_names_are_people)
{
	offi_result r = run("Ravi Pandit c Tomlin b Okafor 12\nDev Raman not "
	                    "out 40");

	expect_person(&r, "Tomlin", "Tomlin");
	expect_person(&r, "Okafor", "Okafor");
	expect_person(&r, "Dev Raman", "Dev Raman");
}

Test(officials_forms, body_in_title_becomes_the_organization)
{
	offi_result r
	    = run("Iranian Foreign Ministry spokesman Nasser Kanaani "
	          "confirmed the application.");
	const offi_mention *m = mention(&r, "Nasser Kanaani", 0);

	expect_official(&r, "Nasser Kanaani", "Nasser Kanaani",
	    "Foreign Ministry spokesman", "IR");
	cr_assert_not_null(r.people[m->person].org);
	cr_assert_str_eq(r.people[m->person].org, "Foreign Ministry");
}

Test(officials_forms, office_without_a_body_has_no_organization)
{
	offi_result r = run("Indian External Affairs Minister Subrahmanyam "
	                    "Jaishankar spoke.");
	const offi_mention *m = mention(&r, "Subrahmanyam Jaishankar", 0);

	cr_assert_null(r.people[m->person].org);
}

Test(officials_forms, office_of_one_state_keeps_its_state)
{
	offi_result r
	    = run("Kenya and Kenyan officials welcomed Secretary of "
	          "State Madeline Ruiz in Nairobi. Kenya hopes for aid.");

	expect_official(
	    &r, "Madeline Ruiz", "Madeline Ruiz", "Secretary of State", "US");
}

Test(officials_forms, dateline_with_agency_in_brackets)
{
	offi_result r = run("HAVANA (AP) -- President Raul Fuentes spoke on "
	                    "television.");

	expect_official(&r, "Raul Fuentes", "Raul Fuentes", "President", "CU");
}

Test(officials_forms, tokens_without_keys_give_the_same_people)
{
	const char *text = "Russian Foreign Minister Sergey Lavrov met "
	                   "Chinese President Xi Jinping.  Lavrov said Mr. "
	                   "Xi was right.";
	offi_result a    = run(text);
	offi_result b    = run_unkeyed(text);
	size_t      i;

	cr_assert_eq(a.n_mentions, 4);
	cr_assert_eq(b.n_mentions, a.n_mentions);
	cr_assert_eq(b.n_people, a.n_people);
	for (i = 0; i < a.n_mentions; i++) {
		const offi_person *pa = &a.people[a.mentions[i].person];
		const offi_person *pb = &b.people[b.mentions[i].person];
		cr_assert_eq(b.mentions[i].start, a.mentions[i].start);
		cr_assert_eq(b.mentions[i].end, a.mentions[i].end);
		cr_assert_eq(b.mentions[i].kind, a.mentions[i].kind);
		cr_assert_str_eq(pb->name, pa->name);
		cr_assert_eq(pb->role == NULL, pa->role == NULL);
		if (pa->role != NULL) {
			cr_assert_str_eq(pb->role, pa->role);
		}
	}
}

Test(officials_forms, name_listed_between_two_people_is_a_person)
{
	offi_result r = run("The squad: Mr. Andrew Irwin, Zorbek and Tony "
	                    "Staunton.");

	expect_person(&r, "Andrew Irwin", "Andrew Irwin");
	expect_person(&r, "Zorbek", "Zorbek");
	expect_person(&r, "Tony Staunton", "Tony Staunton");
}

Test(officials_forms, lone_word_outside_a_list_is_no_person)
{
	offi_result r = run("The squad: Mr. Andrew Irwin, Zorbek said.");
	size_t      i;

	for (i = 0; i < r.n_mentions; i++) {
		cr_assert_neq(r.mentions[i].end - r.mentions[i].start, 5,
		    "Zorbek was found");
	}
}

Test(officials_forms, given_name_alone_links_to_the_nearest_of_many)
{
	/* Many people sharing a given name, each followed by that name
	 * alone: the lone name is the person named nearest before it,
	 * however many of them there are. */
	enum { PEOPLE = 300 };
	static char text[PEOPLE * 64];
	size_t      len = 0, i, k = 0;
	offi_result r;

	for (i = 0; i < PEOPLE; i++) {
		len += (size_t) snprintf(text + len, sizeof(text) - len,
		    "Foreign Minister Anna Zub%c%c arrived. Anna spoke.\n\n",
		    'a' + (int) (i / 26), 'a' + (int) (i % 26));
	}
	r = run(text);
	cr_assert_eq(r.n_people, PEOPLE);
	cr_assert_eq(r.n_mentions, 2 * PEOPLE);
	for (i = 0; i + 1 < r.n_mentions; i += 2, k++) {
		const offi_mention *full = &r.mentions[i];
		const offi_mention *lone = &r.mentions[i + 1];
		cr_assert_eq(lone->end - lone->start, 4);
		cr_assert_eq(lone->person, full->person,
		    "the Anna of person %zu is another", k);
		cr_assert_eq(full->person, k);
	}
}
