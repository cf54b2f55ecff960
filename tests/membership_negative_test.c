/*
 * tests/membership_negative_test.c: what asserts no standing: modals and
 * futures, expectations and plans, refusals, negation, conditions,
 * speculation, guests, and verbs whose object is not an organisation.
 */
#include "membership_test.h"

TestSuite(membership_negative, .init = mt_load, .fini = mt_unload);

Test(membership_negative, modals_and_futures)
{
	MT_NOTHING("Serbia could join the EU by 2030.", NULL);
	MT_NOTHING("Georgia would join NATO if asked.", NULL);
	MT_NOTHING("Vietnam may apply to join BRICS.", NULL);
	MT_NOTHING("Thailand might become a member of the OECD.", NULL);
	MT_NOTHING("Kenya will take over the AU chairmanship in 2026.", NULL);
	MT_NOTHING(
	    "After the summit, the chairmanship will pass to Chile.", NULL);
}

Test(membership_negative, expectations_and_plans)
{
	MT_NOTHING(
	    "Armenia is expected to join the EAEU at the summit.", NULL);
	MT_NOTHING("Moldova plans to join the EU.", NULL);
	MT_NOTHING("Angola could leave OPEC, analysts said.", NULL);
	MT_NOTHING("Angola said it would not leave OPEC.", NULL);
	MT_NOTHING("Egypt is set to join BRICS next year.", NULL);
	MT_NOTHING("Algeria could be offered partner status in BRICS.", NULL);
}

Test(membership_negative, refusals)
{
	MT_NOTHING("Argentina declined the invitation to join BRICS.", NULL);
	MT_NOTHING("Norway was invited to join but refused.", NULL);
	MT_NOTHING("Indonesia rejected an invitation to join BRICS.", NULL);
}

Test(membership_negative, negation)
{
	MT_NOTHING("Kazakhstan has not applied to join BRICS.", NULL);
	MT_NOTHING("Switzerland never joined the EU.", NULL);
	MT_NOTHING("Serbia is not a member of NATO.", NULL);
}

Test(membership_negative, conditions)
{
	MT_NOTHING("If Iceland joins the EU, fishing rules change.", NULL);
	MT_NOTHING(
	    "Once Ukraine becomes a member of NATO, Article 5 applies.", NULL);
}

Test(membership_negative, speculation_and_analysts)
{
	MT_NOTHING("Despite speculation, Mexico applied to join BRICS.", NULL);
	MT_NOTHING("Analysts say Turkey applied to join the SCO.", NULL);
}

Test(membership_negative, guests_and_hosts)
{
	MT_NOTHING("Egypt was invited to the G7 summit as a guest.", NULL);
	MT_NOTHING("Brazil hosted the BRICS summit in Rio.", NULL);
}

Test(membership_negative, objects_that_are_not_organisations)
{
	MT_NOTHING("Lavrov joined the talks on the BRICS agenda.", NULL);
	MT_NOTHING("Russia left the meeting of the G20 early.", NULL);
	MT_NOTHING("Argentina rejoined Mercosur talks.", NULL);
	MT_NOTHING(
	    "Israel's withdrawal from the zone was urged by the UN.", NULL);
}

Test(membership_negative, modal_in_a_main_clause_spares_a_relative_clause)
{
	MT_EXPECT("Lula is expected to attend the G20 summit in India, which "
	          "holds that forum's presidency.",
	    NULL, "IN/G20/chair");
}

Test(membership_negative, negation_after_but_spares_the_first_clause)
{
	MT_EXPECT("Nigeria was invited to join BRICS but has not replied.",
	    NULL, "NG/BRICS/invited");
}

Test(membership_negative, chairmanships_held_before)
{
	mt_up       u    = { 0 };
	const char *text = "Russia chaired BRICS. Russia's BRICS presidency "
	                   "last year was busy.";

	MT_NOTHING("South Africa held the BRICS chairmanship in 2023.", NULL);
	MT_NOTHING("The former chair of ASEAN, Laos, spoke.", NULL);
	/* a presidency of an earlier year than the document's */
	mt_date(&u, text, "last year", "2023");
	mt_dct = "2024-05-01";
	MT_NOTHING(text, &u);
	mt_dct = "2023-05-01";
	MT_EXPECT(text, &u, "RU/BRICS/chair");
	mt_dct = NULL;
}
