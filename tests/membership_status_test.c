/*
 * tests/membership_status_test.c: every status cue of data/cues.tsv family
 * by family, lists, and the "since" date taken from upstream dates.  The
 * sentences are written for these tests; no upstream unless stated.
 */
#include "membership_test.h"

TestSuite(membership_status, .init = mt_load, .fini = mt_unload);

Test(membership_status, joined_list_gives_every_member_with_since)
{
	const char *text = "Egypt, Ethiopia, Iran and the UAE joined BRICS on "
	                   "January 1, 2024.";
	mt_up       u    = { 0 };
	mt_result   r;
	const char *iso[] = { "EG", "ET", "IR", "AE" };

	mt_date(&u, text, "January 1, 2024", "2024-01-01");
	r = mt_run(text, &u);
	cr_assert_eq(r.n, 4);
	for (size_t i = 0; i < 4; i++) {
		const mb_triple *t = mt_find(r, iso[i], "BRICS", "member");

		cr_assert_not_null(t, "%s", iso[i]);
		cr_assert_not_null(t->since);
		cr_expect_str_eq(t->since, "2024-01-01");
	}
}

Test(membership_status, joined_without_date_upstream_has_no_since)
{
	mt_result r = mt_run("Egypt joined BRICS on January 1, 2024.", NULL);

	cr_assert_eq(r.n, 1);
	cr_expect_null(r.t[0].since);
}

Test(membership_status, member_cues)
{
	MT_EXPECT("Croatia became a full member of the EU in 2013.", NULL,
	    "HR/EU/member");
	MT_EXPECT(
	    "Kenya is a member of the African Union.", NULL, "KE/AU/member");
	MT_EXPECT("Norway, a NATO member, hosted the exercise.", NULL,
	    "NO/NATO/member");
	MT_EXPECT("The WTO admitted Liberia in 2016.", NULL, "LR/WTO/member");
	MT_EXPECT("APEC met in Lima. The bloc's member states include Chile "
	          "and Peru.",
	    NULL, "CL/APEC/member", "PE/APEC/member");
	MT_EXPECT(
	    "Russia chairs the CSTO, whose other members are Belarus and "
	    "Armenia.",
	    NULL, "RU/CSTO/chair", "BY/CSTO/member", "AM/CSTO/member");
	MT_EXPECT("The SCO expanded last month to include Belarus.", NULL,
	    "BY/SCO/member");
	MT_EXPECT("Both Chile and Peru are full members of APEC.", NULL,
	    "CL/APEC/member", "PE/APEC/member");
	MT_EXPECT(
	    "The five BRICS members are Brazil, Russia, India, China and "
	    "South Africa.",
	    NULL, "BR/BRICS/member", "RU/BRICS/member", "IN/BRICS/member",
	    "CN/BRICS/member", "ZA/BRICS/member");
	MT_EXPECT("Egypt's accession to BRICS took effect on January 1.", NULL,
	    "EG/BRICS/member");
	MT_EXPECT("The newest member to join the EAC was Somalia.", NULL,
	    "SO/EAC/member");
	MT_EXPECT("The G20 comprises 19 countries plus the European Union and "
	          "the African Union.",
	    NULL, "EU/G20/member", "AU/G20/member");
}

Test(membership_status, founding_member_cues)
{
	MT_EXPECT(
	    "The founding members of Mercosur, Argentina and Brazil, met.",
	    NULL, "AR/Mercosur/founding_member",
	    "BR/Mercosur/founding_member");
	MT_EXPECT("Kenya was among the founding members of the AU.", NULL,
	    "KE/AU/founding_member");
	MT_EXPECT("Brazil and China, original members of BRICS, met.", NULL,
	    "BR/BRICS/founding_member", "CN/BRICS/founding_member");
	MT_EXPECT("OPEC was founded in 1960 by Iran, Iraq and Kuwait.", NULL,
	    "IR/OPEC/founding_member", "IQ/OPEC/founding_member",
	    "KW/OPEC/founding_member");
	MT_EXPECT("Russia and Belarus formed the EAEU with Kazakhstan.", NULL,
	    "RU/EAEU/founding_member", "BY/EAEU/founding_member");
	/* An apposition names the founding standing, not plain membership. */
	MT_EXPECT("Uzbekistan, a founding member of the SCO, hosted talks.",
	    NULL, "UZ/SCO/founding_member");
}

Test(membership_status, founded_without_founders_names_none)
{
	MT_NOTHING("The OSCE, founded in 1975, met in Vienna.", NULL);
	MT_NOTHING("Chile and Peru established a joint commission.", NULL);
}

Test(membership_status, chair_cues)
{
	MT_EXPECT("Laos holds the rotating chairmanship of ASEAN this year.",
	    NULL, "LA/ASEAN/chair");
	MT_EXPECT("The summit was held under Italy's G7 presidency.", NULL,
	    "IT/G7/chair");
	MT_EXPECT("Relations with the SCO, chaired by India, improved.", NULL,
	    "IN/SCO/chair");
	MT_EXPECT("Ghana handed the AU's rotating presidency to Angola.", NULL,
	    "AO/AU/chair");
	MT_EXPECT("Peru chairs APEC this year.", NULL, "PE/APEC/chair");
	MT_EXPECT("The ASEAN summit ended under the chairmanship of Laos.",
	    NULL, "LA/ASEAN/chair");
	MT_EXPECT("ASEAN met. The 10-member bloc, chaired this year by Laos, "
	          "agreed.",
	    NULL, "LA/ASEAN/chair");
	MT_EXPECT(
	    "Spain took over the rotating presidency of the Council of the "
	    "EU.",
	    NULL, "ES/EU/chair");
}

Test(membership_status, chair_title_of_an_organisation_officer_is_no_chair)
{
	mt_up       u    = { 0 };
	const char *text = "AU Commission Chairperson Moussa Faki spoke.";

	mt_official(&u, text, "Moussa Faki", "TD");
	MT_NOTHING(text, &u);
	/* a head of state named as the organisation's chair is one */
	MT_EXPECT(
	    "Angolan President Joao Lourenco, the AU chairperson, spoke.",
	    NULL, "AO/AU/chair");
}

Test(membership_status, applicant_cues)
{
	MT_EXPECT("Colombia has applied to join the OECD.", NULL,
	    "CO/OECD/applicant");
	MT_EXPECT("Uzbekistan submitted its application to the WTO.", NULL,
	    "UZ/WTO/applicant");
	MT_EXPECT("Nigeria expressed interest in joining BRICS.", NULL,
	    "NG/BRICS/applicant");
	MT_EXPECT("Ukraine's bid for NATO membership was discussed.", NULL,
	    "UA/NATO/applicant");
	MT_EXPECT("Sri Lanka wants to join BRICS, its minister said.", NULL,
	    "LK/BRICS/applicant");
	MT_EXPECT("Among those that applied to join BRICS are Cuba and "
	          "Honduras.",
	    NULL, "CU/BRICS/applicant", "HN/BRICS/applicant");
}

Test(membership_status, candidate_cues)
{
	MT_EXPECT("Moldova was granted EU candidate status.", NULL,
	    "MD/EU/candidate");
	MT_EXPECT("EU leaders granted candidate status to Georgia.", NULL,
	    "GE/EU/candidate");
	MT_EXPECT(
	    "ASEAN leaders agreed in principle to admit Papua New Guinea.",
	    NULL, "PG/ASEAN/candidate");
	MT_EXPECT("The EU talks with candidate countries Albania and Serbia.",
	    NULL, "AL/EU/candidate", "RS/EU/candidate");
	MT_EXPECT(
	    "Turkey, a candidate for EU membership since 1999, objected.",
	    NULL, "TR/EU/candidate");
	MT_EXPECT("Iran signed the SCO memorandum of obligations.", NULL,
	    "IR/SCO/candidate");
}

Test(membership_status, invited_cues)
{
	MT_EXPECT(
	    "NATO invited Montenegro and Macedonia to join the alliance.",
	    NULL, "ME/NATO/invited", "MK/NATO/invited");
	MT_EXPECT(
	    "BRICS grew. Nigeria was also invited.", NULL, "NG/BRICS/invited");
	/* invited to speak is no invitation to join; the chair stands */
	MT_EXPECT(
	    "Modi invited the AU chair, President Macky Sall of Senegal, "
	    "to speak.",
	    NULL, "SN/AU/chair");
}

Test(membership_status, partner_observer_cues)
{
	MT_EXPECT(
	    "Uganda accepted BRICS partner status.", NULL, "UG/BRICS/partner");
	MT_EXPECT(
	    "Qatar became an SCO dialogue partner.", NULL, "QA/SCO/partner");
	MT_EXPECT("Palestine has observer status at the UN.", NULL,
	    "PS/UN/observer");
	MT_EXPECT("Mongolia joined the SCO as an observer in 2004.", NULL,
	    "MN/SCO/observer");
	MT_EXPECT("ASEAN met. Timor-Leste, an observer since 2022, attended.",
	    NULL, "TL/ASEAN/observer");
	MT_EXPECT("Belarus joined the SCO as a full member, and Egypt joined "
	          "as a dialogue partner.",
	    NULL, "BY/SCO/member", "EG/SCO/partner");
}

Test(membership_status, suspended_cues)
{
	MT_EXPECT("ECOWAS suspended Guinea after the coup.", NULL,
	    "GN/ECOWAS/suspended");
	MT_EXPECT("Sudan and Mali remain suspended from the AU.", NULL,
	    "SD/AU/suspended", "ML/AU/suspended");
	MT_EXPECT("The UN General Assembly suspended Russia from the Human "
	          "Rights Council.",
	    NULL, "RU/UNHRC/suspended");
	MT_EXPECT("Russia's suspension from the UN Human Rights Council was "
	          "approved.",
	    NULL, "RU/UNHRC/suspended");
	MT_EXPECT("Russia froze its participation in the OSCE.", NULL,
	    "RU/OSCE/suspended");
}

Test(membership_status, withdrawn_and_former_member_cues)
{
	MT_EXPECT(
	    "Qatar withdrew from OPEC in 2019.", NULL, "QA/OPEC/withdrawn");
	MT_EXPECT("Britain left the EU.", NULL, "GB/EU/withdrawn");
	MT_EXPECT("OPEC said Qatar left the group in 2019 and Ecuador quit in "
	          "2020.",
	    NULL, "QA/OPEC/withdrawn", "EC/OPEC/withdrawn");
	/* an announced withdrawal is a withdrawal */
	MT_EXPECT("Angola said on Thursday it would leave OPEC.", NULL,
	    "AO/OPEC/withdrawn");
	MT_EXPECT("Mali and Niger exited ECOWAS in January.", NULL,
	    "ML/ECOWAS/withdrawn", "NE/ECOWAS/withdrawn");
	MT_EXPECT("Russia was excluded from the Council of Europe.", NULL,
	    "RU/CoE/former_member");
	MT_EXPECT("Greece ceased to be a member of the CoE in 1969.", NULL,
	    "GR/CoE/former_member");
	MT_EXPECT("The CIS expelled Georgia.", NULL, "GE/CIS/former_member");
}

Test(membership_status, organisation_as_member)
{
	MT_EXPECT(
	    "The G20 welcomed the African Union as a permanent member of "
	    "the G20.",
	    NULL, "AU/G20/member");
}
