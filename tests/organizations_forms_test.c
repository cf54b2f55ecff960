/*
 * tests/organizations_forms_test.c: every form of issue 5, with sentences
 * written for these tests, through org_recognize().
 */
#include "organizations_helpers.h"

TestSuite(organizations_forms, .init = orgt_setup, .fini = orgt_teardown);

Test(organizations_forms, gazetteer_blocs_get_canonical_names)
{
	orgt_run *r = orgt_recognize(
	    "Egypt took part in a G20 meeting "
	    "after joining BRICS, and the New Development Bank lent it "
	    "money.");
	const org_mention *m;

	m = orgt_find(r, "BRICS");
	cr_assert_not_null(m);
	cr_assert_str_eq(m->canonical, "BRICS");
	m = orgt_find(r, "G20");
	cr_assert_not_null(m);
	cr_assert_str_eq(m->canonical, "G20");
	m = orgt_find(r, "New Development Bank");
	cr_assert_not_null(m);
	cr_assert_str_eq(m->canonical, "NDB");
	cr_assert_eq(r->nm, 3);
	orgt_free(r);
}

Test(organizations_forms, full_name_and_acronym_give_two_linked_spans)
{
	orgt_run *r = orgt_recognize(
	    "Leaders of the Shanghai Cooperation "
	    "Organisation (SCO) met in Astana; SCO members agreed.");
	const org_mention *full, *acr;

	full = orgt_find(r, "Shanghai Cooperation Organisation");
	acr  = orgt_find(r, "SCO");
	cr_assert_not_null(full);
	cr_assert_not_null(acr);
	cr_assert_eq(r->nm, 3);
	cr_assert_str_eq(acr->name, "Shanghai Cooperation Organisation");
	cr_assert_str_eq(acr->canonical, "SCO");
	cr_assert_str_eq(full->acronym, "SCO");
	orgt_free(r);
}

Test(organizations_forms, unknown_acronym_is_learned_and_reused)
{
	orgt_run *r
	    = orgt_recognize("The Caspian Fisheries Commission (CFC) "
	                     "met on Monday. Later the CFC's experts left.");
	const org_mention *first, *again;

	orgt_assert_span(r, "Caspian Fisheries Commission");
	first = orgt_find(r, "CFC");
	cr_assert_not_null(first);
	cr_assert_str_eq(first->name, "Caspian Fisheries Commission");
	cr_assert_str_eq(first->acronym, "CFC");
	/* The later use, without its possessive. */
	cr_assert_eq(r->nm, 3);
	again = &r->m[2];
	cr_assert_eq(again->end - again->start, 3);
	cr_assert_str_eq(again->name, "Caspian Fisheries Commission");
	orgt_free(r);
}

Test(organizations_forms, organs_of_organisations_are_whole_names)
{
	orgt_run *r = orgt_recognize("The UN Security Council and the ECOWAS "
	                             "Commission both condemned the coup.");

	orgt_assert_span(r, "UN Security Council");
	orgt_assert_span(r, "ECOWAS Commission");
	cr_assert_str_eq(
	    orgt_find(r, "UN Security Council")->canonical, "UNSC");
	cr_assert_eq(r->nm, 2);
	orgt_free(r);
}

Test(organizations_forms, state_bodies_from_a_country_word_get_its_code)
{
	orgt_run *r = orgt_recognize(
	    "The Bolivian Foreign Ministry thanked "
	    "the Russian Foreign Ministry and the Ministry of Foreign Affairs "
	    "of Kazakhstan.");
	const org_mention *m;

	m = orgt_find(r, "Bolivian Foreign Ministry");
	cr_assert_not_null(m);
	cr_assert_str_eq(m->country, "BO");
	m = orgt_find(r, "Russian Foreign Ministry");
	cr_assert_not_null(m);
	cr_assert_str_eq(m->country, "RU");
	m = orgt_find(r, "Ministry of Foreign Affairs of Kazakhstan");
	cr_assert_not_null(m);
	cr_assert_str_eq(m->country, "KZ");
	orgt_free(r);
}

Test(organizations_forms, named_state_bodies_come_from_the_gazetteer)
{
	orgt_run *r = orgt_recognize(
	    "Deputies of the State Duma and "
	    "senators of the Federation Council met officials of Itamaraty "
	    "and the Government of India.");
	const org_mention *m;

	orgt_assert_span(r, "State Duma");
	cr_assert_str_eq(orgt_find(r, "State Duma")->country, "RU");
	orgt_assert_span(r, "Federation Council");
	m = orgt_find(r, "Itamaraty");
	cr_assert_not_null(m);
	cr_assert_str_eq(m->country, "BR");
	m = orgt_find(r, "Government of India");
	cr_assert_not_null(m);
	cr_assert_str_eq(m->country, "IN");
	cr_assert_eq(r->nm, 4);
	orgt_free(r);
}

Test(organizations_forms, pattern_institution_keeps_its_complement)
{
	orgt_run *r = orgt_recognize(
	    "Peru and Chile set up an "
	    "Intergovernmental Commission on Trade and Economic Cooperation, "
	    "which meets yearly.");

	orgt_assert_span(r,
	    "Intergovernmental Commission on Trade and Economic Cooperation");
	cr_assert_eq(r->nm, 1);
	orgt_free(r);
}

Test(organizations_forms, news_agencies_and_companies)
{
	orgt_run *r = orgt_recognize("TASS and Xinhua quoted Gazprom, while "
	                             "Reuters could not reach the company.");

	orgt_assert_span(r, "TASS");
	orgt_assert_span(r, "Xinhua");
	orgt_assert_span(r, "Gazprom");
	orgt_assert_span(r, "Reuters");
	cr_assert_eq(r->nm, 4);
	orgt_free(r);
}

Test(organizations_forms, company_suffix_names_a_company_and_its_short_form)
{
	orgt_run *r = orgt_recognize("Shares of Orlen Vexa Holdings rose. "
	                             "Orlen Vexa said profit doubled.");

	orgt_assert_span(r, "Orlen Vexa Holdings");
	orgt_assert_span(r, "Orlen Vexa");
	cr_assert_str_eq(
	    orgt_find(r, "Orlen Vexa")->name, "Orlen Vexa Holdings");
	orgt_free(r);
}

Test(organizations_forms, speaking_kremlin_is_an_organisation)
{
	orgt_run *r = orgt_recognize("The Kremlin said on Tuesday that the "
	                             "talks had ended.");
	const org_mention *m = orgt_find(r, "Kremlin");

	cr_assert_not_null(m);
	cr_assert_str_eq(m->country, "RU");
	orgt_free(r);
}

Test(organizations_forms, kremlin_view_after_in_is_the_administration)
{
	orgt_run *r = orgt_recognize("In the Kremlin's view, the deal is "
	                             "dead.");

	orgt_assert_span(r, "Kremlin");
	orgt_free(r);
}

Test(organizations_forms, kremlin_as_a_venue_is_not_an_organisation)
{
	orgt_run *r = orgt_recognize(
	    "The two leaders held talks at the "
	    "Kremlin and later dined inside the White House.");

	cr_assert_eq(r->nm, 0);
	orgt_free(r);
}

Test(organizations_forms, spans_drop_article_and_possessive)
{
	orgt_run *r = orgt_recognize("The Russian Foreign Ministry's "
	                             "spokeswoman spoke.");

	orgt_assert_span(r, "Russian Foreign Ministry");
	cr_assert_eq(r->nm, 1);
	orgt_free(r);
}

Test(organizations_forms, names_inside_titles_count)
{
	orgt_run *r = orgt_recognize(
	    "Kremlin spokesman Ivan Petrov, NATO "
	    "Secretary General Anna Berg and Federation Council Speaker Olga "
	    "Orlova attended.");

	orgt_assert_span(r, "Kremlin");
	orgt_assert_span(r, "NATO");
	orgt_assert_span(r, "Federation Council");
	cr_assert_eq(r->nm, 3);
	orgt_free(r);
}

Test(organizations_forms, generic_lowercase_references_are_not_entities)
{
	orgt_run *r = orgt_recognize("The bloc said the ministry and the "
	                             "council would meet the commission.");

	cr_assert_eq(r->nm, 0);
	orgt_free(r);
}

Test(organizations_forms, lone_capitalised_head_is_not_a_name)
{
	orgt_run *r = orgt_recognize("Ministry officials said the Commission "
	                             "would reply.");

	cr_assert_eq(r->nm, 0);
	orgt_free(r);
}

Test(organizations_forms, name_attr_is_the_fullest_form_in_the_document)
{
	orgt_run *r = orgt_recognize("The EU imposed duties. The European "
	                             "Union says they are lawful.");
	const org_mention *m = orgt_find(r, "EU");

	cr_assert_not_null(m);
	cr_assert_str_eq(m->name, "European Union");
	cr_assert_str_eq(m->canonical, "EU");
	orgt_free(r);
}

Test(organizations_forms, shorter_pattern_mention_takes_the_longer_name)
{
	orgt_run *r = orgt_recognize(
	    "The Board of Governors of the Andean "
	    "Reserve Fund met. The Board of Governors approved loans.");
	const org_mention *m = &r->m[r->nm - 1];

	cr_assert_eq(r->nm, 2);
	cr_assert_str_eq(
	    m->name, "Board of Governors of the Andean Reserve Fund");
	orgt_free(r);
}

Test(organizations_forms, person_after_a_country_name_stays_out)
{
	orgt_run *r = orgt_recognize("He met the President of the Union of "
	                             "Comoros Azali Assoumani.");

	cr_assert_eq(r->nm, 0);
	orgt_free(r);
}

Test(organizations_forms, a_venue_centre_is_not_an_organisation)
{
	orgt_run *r = orgt_recognize("Leaders gathered at the Sandton "
	                             "Convention Centre on Tuesday.");

	cr_assert_eq(r->nm, 0);
	orgt_free(r);
}

Test(organizations_forms, clubs_in_a_results_table_are_organisations)
{
	orgt_run *r = orgt_recognize("SOCCER - SCOTTISH RESULTS .\n"
	                             "GLASGOW 1996-09-01\n"
	                             "Results of matches on Saturday :\n"
	                             "Kirkwall Rovers 2 Lerwick 1\n"
	                             "Division two\n"
	                             "Lerwick 4 3 1 0 7 4 10\n");

	orgt_assert_span(r, "Kirkwall Rovers");
	orgt_assert_span(r, "Lerwick");
	cr_assert(!orgt_covers(r, "GLASGOW"));
	cr_assert(!orgt_covers(r, "Division"));
	orgt_free(r);
}

Test(organizations_forms, known_clubs_only_in_sports_reports)
{
	orgt_run *sport
	    = orgt_recognize("CRICKET - CLOSE OF PLAY .\n"
	                     "Essex beat Kent by six wickets at Chelmsford .");
	orgt_run *news = orgt_recognize("Floods hit Essex and Kent on "
	                                "Monday.");

	orgt_assert_span(sport, "Essex");
	orgt_assert_span(sport, "Kent");
	cr_assert_eq(news->nm, 0);
	orgt_free(sport);
	orgt_free(news);
}

Test(organizations_forms, national_sides_stay_places)
{
	orgt_run *r = orgt_recognize("SOCCER - FRIENDLY .\n"
	                             "Portugal 2 Norway 1\n");

	cr_assert_eq(r->nm, 0);
	orgt_free(r);
}

Test(organizations_forms, describing_hyphenated_word_stays_out_of_the_name)
{
	orgt_run *r = orgt_recognize("Ohio-based Pell Freight Corp said "
	                             "sales rose.");

	orgt_assert_span(r, "Pell Freight Corp");
	cr_assert_eq(r->nm, 1);
	orgt_free(r);
}

Test(organizations_forms, company_name_ends_at_its_suffix)
{
	orgt_run *r = orgt_recognize("He sold shares in Larkin Tools Inc of "
	                             "South Korea and in Dern & Vale Co.");

	orgt_assert_span(r, "Larkin Tools Inc");
	orgt_assert_span(r, "Dern & Vale Co.");
	cr_assert_eq(r->nm, 2);
	orgt_free(r);
}

Test(organizations_forms, event_or_index_after_a_name_is_not_an_organisation)
{
	orgt_run *r = orgt_recognize("Her UEFA Cup debut came as the Nikkei "
	                             "index fell.");

	cr_assert_eq(r->nm, 0);
	orgt_free(r);
}

Test(organizations_forms, web_address_names_a_company)
{
	orgt_run *r = orgt_recognize("Investors in Fernwick.com lost money.");

	orgt_assert_span(r, "Fernwick.com");
	orgt_free(r);
}

Test(organizations_forms, gazetteer_word_inside_a_country_name_is_skipped)
{
	orgt_run *r = orgt_recognize("Oman and the United Arab Emirates "
	                             "signed.");

	cr_assert_eq(r->nm, 0);
	orgt_free(r);
}

Test(organizations_forms, place_named_like_a_body_is_not_an_organisation)
{
	orgt_run *r = orgt_recognize("Settlers in the West Bank protested.");

	cr_assert_eq(r->nm, 0);
	orgt_free(r);
}

Test(organizations_forms, prose_after_a_number_is_not_a_table_row)
{
	orgt_run *r
	    = orgt_recognize("SOCCER - FRANCE WIN .\n"
	                     "Halford 96 absentee Jon Brae scored .\n");

	cr_assert(!orgt_covers(r, "Halford"));
	orgt_free(r);
}

Test(organizations_forms, acronym_may_follow_another_word_order)
{
	orgt_run *r = orgt_recognize("The National Council for the Defence "
	                             "of the Republic (CDNR) met.");

	orgt_assert_span(r,
	    "National Council for the Defence of the "
	    "Republic");
	orgt_assert_span(r, "CDNR");
	cr_assert_str_eq(orgt_find(r, "CDNR")->name,
	    "National Council for the Defence of the Republic");
	orgt_free(r);
}

Test(organizations_forms, embassies_are_state_bodies)
{
	orgt_run *r = orgt_recognize("The Russian Embassy in Lima and the "
	                             "Embassy of Peru replied.");

	orgt_assert_span(r, "Russian Embassy");
	cr_assert_str_eq(orgt_find(r, "Russian Embassy")->country, "RU");
	orgt_assert_span(r, "Embassy of Peru");
	cr_assert_str_eq(orgt_find(r, "Embassy of Peru")->country, "PE");
	orgt_free(r);
}

Test(organizations_forms, list_of_bodies_after_a_complement_is_split)
{
	orgt_run *r
	    = orgt_recognize("The Council of the Baltic Sea States "
	                     "and the Nordic Council of Ministers agreed.");

	orgt_assert_span(r, "Council of the Baltic Sea States");
	orgt_assert_span(r, "Nordic Council of Ministers");
	orgt_free(r);
}

Test(organizations_forms, suffix_inside_a_longer_name_is_not_a_company)
{
	orgt_run *r = orgt_recognize("He spoke at the Tallinn International "
	                             "Book Fair.");

	cr_assert_eq(r->nm, 0);
	orgt_free(r);
}

Test(organizations_forms, country_word_in_the_middle_gives_no_country)
{
	orgt_run *r = orgt_recognize(
	    "The Development Bank of Central African "
	    "States lent money; the Peruvian Development Bank did not.");

	orgt_assert_span(r, "Development Bank of Central African States");
	cr_assert_str_eq(
	    orgt_find(r, "Development Bank of Central African States")
	        ->country,
	    "");
	cr_assert_str_eq(
	    orgt_find(r, "Peruvian Development Bank")->country, "PE");
	orgt_free(r);
}

Test(organizations_forms, possessive_country_gives_the_body_its_country)
{
	orgt_run *r
	    = orgt_recognize("Ukraine's Foreign Ministry and the "
	                     "Department of Information and Press replied.");

	orgt_assert_span(r, "Foreign Ministry");
	cr_assert_str_eq(orgt_find(r, "Foreign Ministry")->country, "UA");
	orgt_assert_span(r, "Department of Information and Press");
	orgt_free(r);
}

Test(organizations_forms, newspapers_head_their_stories_in_a_press_digest)
{
	orgt_run *r = orgt_recognize("PRESS DIGEST - Ruritania - May 3 .\n"
	                             "These are the leading stories .\n"
	                             "DAILY STROMBERG\n"
	                             "- Parliament met .\n"
	                             "LE COURRIER\n"
	                             "- Prices rose .\n");

	orgt_assert_span(r, "DAILY STROMBERG");
	orgt_assert_span(r, "LE COURRIER");
	cr_assert(!orgt_covers(r, "PRESS"));
	orgt_free(r);
}

Test(organizations_forms, club_after_the_article_is_still_the_club)
{
	orgt_run *r = orgt_recognize(
	    "BASEBALL - RESULTS .\n"
	    "The Phillies beat Houston 5-3 in Philadelphia .");

	orgt_assert_span(r, "Phillies");
	orgt_assert_span(r, "Houston");
	cr_assert(!orgt_covers(r, "Philadelphia"));
	orgt_free(r);
}

Test(organizations_forms, and_joins_a_name_but_not_two_names)
{
	orgt_run *r = orgt_recognize(
	    "The Immigration and Naturalization "
	    "Service fined Pell Tools Inc and Dern Mills Corp on Friday.");

	orgt_assert_span(r, "Immigration and Naturalization Service");
	orgt_assert_span(r, "Pell Tools Inc");
	orgt_assert_span(r, "Dern Mills Corp");
	orgt_free(r);
}

Test(organizations_forms, capitalised_article_does_not_join_a_complement)
{
	orgt_run *r = orgt_recognize("He works for the Agency for Rural "
	                             "Development on The Mall.");

	orgt_assert_span(r, "Agency for Rural Development");
	orgt_free(r);
}

Test(organizations_forms, house_names_the_chamber_only_after_the)
{
	orgt_run *r = orgt_recognize("The bill passed the House on Friday. "
	                             "House prices rose at the White House.");

	cr_assert_eq(r->nm, 1);
	orgt_assert_span(r, "House");
	cr_assert_eq(r->m[0].start, 20);
	orgt_free(r);
}
