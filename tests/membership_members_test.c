/*
 * tests/membership_members_test.c: how members and organisations are
 * found: names, demonyms, capitals, officials' countries through
 * pronouns, plural and relative anaphors, upstream organisations (with
 * their canonical names) and the plugin's own aliases, "the bloc".
 */
#include "membership_test.h"

TestSuite(membership_members, .init = mt_load, .fini = mt_unload);

Test(membership_members, country_name_demonym_and_capital)
{
	MT_EXPECT(
	    "Bolivia applied to join BRICS.", NULL, "BO/BRICS/applicant");
	MT_EXPECT("The Bolivian side applied to join BRICS.", NULL,
	    "BO/BRICS/applicant");
	MT_EXPECT("La Paz applied to join BRICS.", NULL, "BO/BRICS/applicant");
}

Test(membership_members, his_country_is_the_officials_country)
{
	const char *text = "President Gustavo Petro said his country applied "
	                   "to join BRICS.";
	mt_up       u    = { 0 };

	mt_official(&u, text, "Gustavo Petro", "CO");
	MT_EXPECT(text, &u, "CO/BRICS/applicant");
	/* without the official, the pronoun has nothing to point to */
	MT_NOTHING(text, NULL);
}

Test(membership_members, whose_country_points_to_the_official_before)
{
	const char *text
	    = "Prime Minister Anwar Ibrahim, whose country chairs "
	      "ASEAN, spoke.";
	mt_up u = { 0 };

	mt_official(&u, text, "Anwar Ibrahim", "MY");
	MT_EXPECT(text, &u, "MY/ASEAN/chair");
}

Test(membership_members, demonym_and_official_make_one_list_item)
{
	const char *text
	    = "Chilean President Gabriel Boric and Peruvian "
	      "President Dina Boluarte signed the founding charter "
	      "of APEC.";
	mt_up u = { 0 };

	mt_official(&u, text, "Gabriel Boric", "CL");
	mt_official(&u, text, "Dina Boluarte", "PE");
	MT_EXPECT(
	    text, &u, "CL/APEC/founding_member", "PE/APEC/founding_member");
}

Test(membership_members, plural_anaphors_take_the_last_list)
{
	MT_EXPECT(
	    "Chile and Peru signed a deal. The two countries joined APEC "
	    "in 1998.",
	    NULL, "CL/APEC/member", "PE/APEC/member");
	MT_EXPECT("Chile and Peru signed a deal. Both countries joined APEC.",
	    NULL, "CL/APEC/member", "PE/APEC/member");
	MT_EXPECT("Mali, Niger and Chad met. They withdrew from ECOWAS.", NULL,
	    "ML/ECOWAS/withdrawn", "NE/ECOWAS/withdrawn",
	    "TD/ECOWAS/withdrawn");
}

Test(membership_members, numbered_plural_skips_lists_of_other_sizes)
{
	MT_EXPECT("Mali, Niger and Chad met. Later Ghana and Togo spoke. The "
	          "three countries withdrew from ECOWAS.",
	    NULL, "ML/ECOWAS/withdrawn", "NE/ECOWAS/withdrawn",
	    "TD/ECOWAS/withdrawn");
}

Test(membership_members, relative_pronoun_takes_the_mention_before)
{
	MT_EXPECT(
	    "Venezuela, which joined Mercosur in 2012, has been suspended "
	    "since 2016.",
	    NULL, "VE/Mercosur/suspended");
}

Test(membership_members, it_and_the_country_take_the_subject)
{
	MT_EXPECT(
	    "Algeria signed a deal with China. It applied to join BRICS.",
	    NULL, "DZ/BRICS/applicant");
	MT_EXPECT("Angola exports oil. The southern African country withdrew "
	          "from OPEC.",
	    NULL, "AO/OPEC/withdrawn");
	/* "it" after an organisation subject is not a country */
	MT_NOTHING("BRICS met in Kazan. It admitted nobody.", NULL);
}

Test(membership_members, the_bloc_is_the_last_organisation_named)
{
	MT_EXPECT("ASEAN leaders met. Malaysia holds the bloc's rotating "
	          "chairmanship.",
	    NULL, "MY/ASEAN/chair");
}

Test(membership_members, upstream_canonical_name_maps_any_spelling)
{
	const char *text = "Egypt joined the Group of Five Plus in 2024.";
	mt_up       u    = { 0 };

	/* an alias the plugin does not know, mapped by the upstream plugin */
	mt_org(&u, text, "Group of Five Plus", "BRICS");
	MT_EXPECT(text, &u, "EG/BRICS/member");
	MT_NOTHING(text, NULL);
}

Test(membership_members, upstream_state_body_is_not_an_organisation)
{
	const char *text = "Egypt joined the Joint Trade Commission in 2024.";
	mt_up       u    = { 0 };

	mt_org(&u, text, "Joint Trade Commission", NULL);
	MT_NOTHING(text, &u);
}

Test(membership_members, own_aliases_work_without_upstream)
{
	MT_EXPECT("Sweden joined the North Atlantic Treaty Organization.",
	    NULL, "SE/NATO/member");
	MT_EXPECT("Sweden joined the U.N. Security Council as a member. The "
	          "UN Security Council agreed.",
	    NULL, "SE/UNSC/member");
}

Test(membership_members, organisation_named_before_a_noun_cue_is_not_member)
{
	MT_EXPECT("Georgia was granted EU candidate status.", NULL,
	    "GE/EU/candidate");
}

Test(membership_members, organisations_coordinated_after_a_cue)
{
	MT_EXPECT(
	    "Russia is a founding member of the SCO, set up in 2001, and "
	    "of BRICS.",
	    NULL, "RU/SCO/founding_member", "RU/BRICS/founding_member");
}

Test(membership_members, empty_text_and_no_tokens_give_nothing)
{
	MT_NOTHING("", NULL);
	MT_NOTHING("...", NULL);
}

/* d over text, tokenized into toks (cap of them), before any stage; the
 * arena is reused from here (documents built before lose their memory). */
static void
doc_init(mb_doc *d, const char *text, nerp_token *toks, size_t cap)
{
	static uint64_t keys[1024];
	size_t          n = neri_tokenize(text, strlen(text), toks, cap);

	cr_assert_leq(n, 1024);
	mt_used = 0;
	memset(d, 0, sizeof(*d));
	d->lex   = mt_lex;
	d->arena = &mt_arena;
	neri_keys(text, toks, n, keys);
	mb_text_init(&d->t, text, strlen(text), toks, keys, n);
}

/* The stages one by one, as mb_analyze runs them. */
static void
stages(mb_doc *d, const char *text, nerp_token *toks, size_t cap)
{
	mb_upstream up = { 0 };

	doc_init(d, text, toks, cap);
	cr_assert_eq(mb_words_scan(d), 0);
	d->dates = mt_alloc(NULL, sizeof(mb_date));
	cr_assert_eq(mb_orgs_find(d, &up), 0);
	cr_assert_eq(mb_members_find(d, &up), 0);
}

Test(membership_members, orgs_find_resolves_the_bloc_and_skips_unknown)
{
	static nerp_token toks[128];
	mb_doc            d;

	/* 0 ASEAN 1 met 2 . 3 The 4 bloc 5 joined ... */
	stages(&d,
	    "ASEAN met. The bloc welcomed Laos, the country that "
	    "joined the bloc.",
	    toks, 128);
	cr_assert_geq(d.norgs, 2);
	cr_expect_eq(d.orgs[0].tok, 0);
	cr_expect_str_eq(mt_lex->orgs[d.orgs[0].org].canonical, "ASEAN");
	cr_expect(d.orgs[1].anaphor);
	cr_expect_eq(d.orgs[1].org, d.orgs[0].org);
}

Test(membership_members, members_find_resolves_anaphors_to_lists)
{
	static nerp_token toks[128];
	mb_doc            d;
	int               found = 0;

	stages(
	    &d, "Chile and Peru met. Both countries joined later.", toks, 128);
	for (size_t i = 0; i < d.nments; i++) {
		if (d.ments[i].kind == MB_M_ANAPHOR && d.ments[i].n == 2) {
			found = 1;
			cr_expect_str_eq(d.ments[i].members[0], "CL");
			cr_expect_str_eq(d.ments[i].members[1], "PE");
		}
	}
	cr_expect(found);
}

Test(membership_members, cues_scan_appends_candidates_before_supersession)
{
	static nerp_token toks[128];
	mb_doc            d;
	mb_triple extra = { .member = "XX", .org = "EU", .status = MB_MEMBER };

	stages(
	    &d, "Chile applied to join APEC. Chile joined APEC.", toks, 128);
	cr_assert_eq(mb_cues_scan(&d), 0);
	cr_assert_eq(d.ntriples, 2);
	cr_expect_eq(d.triples[0].status, MB_APPLICANT);
	cr_expect_eq(d.triples[1].status, MB_MEMBER);
	cr_assert_eq(mb_triple_add(&d, &extra), 0);
	cr_expect_eq(d.ntriples, 3);
	mb_supersede(mt_lex, d.triples, &d.ntriples);
	cr_expect_eq(d.ntriples, 2);
}

Test(membership_members,
    the_group_after_an_organisation_member_is_the_one_before)
{
	MT_EXPECT("Leaders of the G20 met under Brazil's presidency, with the "
	          "African Union attending as a full member of the group.",
	    NULL, "BR/G20/chair", "AU/G20/member");
}

Test(membership_members, far_possessive_is_not_the_subject)
{
	MT_EXPECT(
	    "Ukraine applied days after Russia's invasion in 2022 and was "
	    "granted EU candidate status.",
	    NULL, "UA/EU/candidate");
}

Test(membership_members, their_takes_the_last_list)
{
	MT_EXPECT(
	    "Mali, Niger and Chad said they would leave ECOWAS, and their "
	    "exit took effect in 2025.",
	    NULL, "ML/ECOWAS/withdrawn", "NE/ECOWAS/withdrawn",
	    "TD/ECOWAS/withdrawn");
}

Test(membership_members, opec_plus_is_not_opec)
{
	MT_EXPECT("OPEC+ includes Russia and other producers.", NULL,
	    "RU/OPEC+/member");
}

Test(membership_members, capital_inside_an_organisation_name_is_no_member)
{
	MT_NOTHING(
	    "NATO agreed to include the former Warsaw Pact nations.", NULL);
}

Test(membership_members, cues_find_lists_matches_and_counts_assertions)
{
	static nerp_token toks[128];
	mb_doc            d;

	/* 0 Chile 1 joined 2 APEC 3 . 4 Peru 5 held 6 the 7 chair */
	stages(&d, "Chile joined APEC. Peru held the chair.", toks, 128);
	cr_expect_eq(mb_cues_find(&d), 1);
	cr_assert_eq(d.nhits, 2);
	cr_expect_eq(d.hits[0].tok, 1);
	cr_expect_eq(d.hits[0].hit.ntok, 1);
	cr_expect_eq(d.hits[1].tok, 5);
	cr_expect_eq(mt_lex->cues[d.hits[1].hit.value].status, MB_NONE);
	/* a cue's head word alone asserts nothing */
	stages(&d, "The members met in Lima.", toks, 128);
	cr_expect_eq(mb_cues_find(&d), 0);
}

static int dates_fetched;

static void
fetch_no_dates(void *arg, mb_upstream *up)
{
	(void) arg;
	dates_fetched++;
	up->dates  = NULL;
	up->ndates = 0;
}

Test(membership_members, dates_find_fetches_once_and_maps_to_tokens)
{
	static nerp_token toks[128];
	const char       *text = "Chile joined APEC in 1994.";
	mb_doc            d;
	mb_upstream       up = { 0 };
	mt_up             u  = { 0 };

	stages(&d, text, toks, 128);
	mt_date(&u, text, "1994", "1994");
	up.dates  = u.dates;
	up.ndates = u.ndates;
	d.up      = &up;
	d.dates   = NULL;
	cr_assert_eq(mb_dates_find(&d), 0);
	cr_assert_eq(d.ndates, 1);
	cr_expect_eq(d.dates[0].tok, 4);
	cr_expect_eq(d.dates[0].end, 5);
	cr_expect_str_eq(d.dates[0].value, "1994");
	/* a second call keeps what the first found */
	cr_assert_eq(mb_dates_find(&d), 0);
	cr_expect_eq(d.ndates, 1);
	/* the fetch runs once, when the dates are first needed */
	dates_fetched  = 0;
	up.fetch_dates = fetch_no_dates;
	d.dates        = NULL;
	cr_assert_eq(mb_dates_find(&d), 0);
	d.dates = NULL;
	cr_assert_eq(mb_dates_find(&d), 0);
	cr_expect_eq(dates_fetched, 1);
	cr_expect_eq(d.ndates, 0);
}

/* mb_orgs_possible after the first pass over text, with upstream u. */
static int
orgs_possible(const char *text, const mt_up *u)
{
	static nerp_token toks[128];
	mb_upstream       up = { 0 };
	mb_doc            d;

	doc_init(&d, text, toks, 128);
	cr_assert_lt(d.t.n, 128);
	cr_assert_eq(mb_sentences_scan(&d), 0);
	if (u != NULL) {
		up.orgs  = u->orgs;
		up.norgs = u->norgs;
	}
	return (mb_orgs_possible(&d, &up));
}

Test(membership_members, orgs_possible_needs_an_alias_near_a_cue_or_upstream)
{
	const char *renamed = "Chile joined the Pacific Club.";
	mt_up       u       = { 0 };
	mt_up       other   = { 0 };

	cr_expect(orgs_possible("Chile joined APEC.", NULL));
	cr_expect(orgs_possible("APEC met. Chile joined in 1994.", NULL));
	cr_expect_not(orgs_possible("Chile joined the talks.", NULL));
	/* after the cue's sentence: no cue looks there */
	cr_expect_not(
	    orgs_possible("Chile joined the talks. APEC met.", NULL));
	/* six sentences before the cue's are near it, seven are not */
	cr_expect(orgs_possible("APEC met. It rained. It rained. It rained. "
	                        "It rained. It rained. Chile joined in 1994.",
	    NULL));
	cr_expect_not(orgs_possible("APEC met. It rained. It rained. It "
	                            "rained. It rained. It rained. It rained. "
	                            "Chile joined in 1994.",
	    NULL));
	/* aliases are case-sensitive: "apec" names nothing */
	cr_expect_not(orgs_possible("Chile joined apec.", NULL));
	mt_org(&u, renamed, "Pacific Club", "APEC");
	cr_expect(orgs_possible(renamed, &u));
	mt_org(&other, renamed, "Pacific Club", NULL);
	cr_expect_not(orgs_possible(renamed, &other));
}

Test(membership_members, cues_find_after_the_first_pass_alone_finds_the_same)
{
	static nerp_token toks[128];
	/* 0 Chile 1 is 2 now 3 a 4 full 5 member 6 of 7 APEC 8 . 9 Peru
	 * 10 joined 11 it 12 . */
	const char *text = "Chile is now a full member of APEC. Peru joined "
	                   "it.";
	mb_doc      a, b;
	mb_cue_hit  want[4];
	size_t      nwant;

	stages(&a, text, toks, 128);
	cr_expect_eq(mb_cues_find(&a), 2);
	cr_assert_leq(a.nhits, 4);
	nwant = a.nhits;
	memcpy(want, a.hits, nwant * sizeof(*want));
	doc_init(&b, text, toks, 128); /* a's arena memory is reused */
	cr_assert_eq(mb_sentences_scan(&b), 0);
	cr_assert_eq(b.nheads, 2); /* "member", "joined" */
	cr_expect_eq(mb_cues_find(&b), 2);
	cr_assert_eq(b.nhits, nwant);
	for (size_t h = 0; h < nwant; h++) {
		cr_expect_eq(b.hits[h].tok, want[h].tok);
		cr_expect_eq(b.hits[h].hit.ntok, want[h].hit.ntok);
		cr_expect_eq(b.hits[h].hit.value, want[h].hit.value);
	}
	/* "is ... member of" starts four tokens before its head */
	cr_expect_eq(b.hits[0].tok, 1);
	cr_expect_eq(b.hits[1].tok, 10);
}

static int orgs_fetched, officials_fetched;

static void
fetch_count_orgs(void *arg, mb_upstream *up)
{
	(void) arg;
	orgs_fetched++;
	up->norgs = 0;
}

static void
fetch_count_officials(void *arg, mb_upstream *up)
{
	(void) arg;
	officials_fetched++;
	up->nofficials = 0;
}

/* Runs mb_analyze over text with counting fetches; the triple count. */
static size_t
analyze_counting(const char *text)
{
	static nerp_token toks[128];
	static uint64_t   keys[128];
	mb_upstream       up = { 0 };
	mb_triple        *tr;
	size_t            nt = 0;
	size_t            n  = neri_tokenize(text, strlen(text), toks, 128);

	neri_keys(text, toks, n, keys);
	up.fetch           = fetch_count_orgs;
	up.fetch_officials = fetch_count_officials;
	orgs_fetched = officials_fetched = 0;
	mt_used                          = 0;
	cr_assert_eq(mb_analyze(mt_lex, text, strlen(text), toks, keys, n, &up,
	                 NULL, &mt_arena, &tr, &nt),
	    0);
	return (nt);
}

Test(membership_members, officials_are_fetched_only_when_an_org_may_be_named)
{
	/* no cue: nothing is fetched */
	cr_expect_eq(analyze_counting("Chile met Peru."), 0);
	cr_expect_eq(orgs_fetched, 0);
	cr_expect_eq(officials_fetched, 0);
	/* a cue but no organisation: the organisations only */
	cr_expect_eq(analyze_counting("Chile joined the talks."), 0);
	cr_expect_eq(orgs_fetched, 1);
	cr_expect_eq(officials_fetched, 0);
	/* a cue and an alias: both, once */
	cr_expect_eq(analyze_counting("Chile joined APEC."), 1);
	cr_expect_eq(orgs_fetched, 1);
	cr_expect_eq(officials_fetched, 1);
}
