/*
 * tests/membership_supersede_test.c: the latest standing wins, concurrent
 * ones stay, repeated triples collapse, and spans stay disjoint.
 */
#include "membership_test.h"

TestSuite(membership_supersede, .init = mt_load, .fini = mt_unload);

Test(membership_supersede, applied_then_joined_is_member)
{
	MT_EXPECT("Chile applied to join APEC in 1993. Chile joined APEC in "
	          "1994.",
	    NULL, "CL/APEC/member");
}

Test(membership_supersede, founding_member_then_withdrawing_is_withdrawn)
{
	MT_EXPECT("Mali is a founding member of ECOWAS. Mali withdrew from "
	          "ECOWAS.",
	    NULL, "ML/ECOWAS/withdrawn");
}

Test(membership_supersede, member_and_chair_are_concurrent)
{
	MT_EXPECT("Chile joined APEC in 1994 and holds the APEC chairmanship "
	          "this year.",
	    NULL, "CL/APEC/member", "CL/APEC/chair");
}

Test(membership_supersede, observer_and_applicant_are_concurrent)
{
	MT_EXPECT(
	    "Timor-Leste has observer status in ASEAN and has applied to "
	    "join the bloc.",
	    NULL, "TL/ASEAN/observer", "TL/ASEAN/applicant");
}

Test(membership_supersede, repeated_triples_collapse_to_one)
{
	MT_EXPECT(
	    "Chile joined APEC. Chile joined APEC.", NULL, "CL/APEC/member");
}

Test(membership_supersede, later_date_wins_over_the_table)
{
	mb_triple t[2] = {
		{ .member   = "GR",
		    .org    = "CoE",
		    .status = MB_FORMER_MEMBER,
		    .since  = "1969" },
		{ .member   = "GR",
		    .org    = "CoE",
		    .status = MB_MEMBER,
		    .since  = "1974" },
	};
	size_t n = 2;

	mb_supersede(mt_lex, t, &n);
	cr_assert_eq(n, 1);
	cr_expect_eq(t[0].status, MB_MEMBER);
}

Test(membership_supersede, table_decides_without_dates)
{
	mb_triple t[3] = {
		{ .member = "GR", .org = "CoE", .status = MB_MEMBER },
		{ .member = "GR", .org = "CoE", .status = MB_FORMER_MEMBER },
		{ .member = "TR", .org = "CoE", .status = MB_MEMBER },
	};
	size_t n = 3;

	mb_supersede(mt_lex, t, &n);
	cr_assert_eq(n, 2);
	cr_expect_eq(t[0].status, MB_FORMER_MEMBER);
	cr_expect_str_eq(t[1].member, "TR");
}

Test(membership_supersede, spans_are_the_evidence_clauses_inside_the_text)
{
	const char *text = "Egypt, Ethiopia, Iran and the UAE joined BRICS; "
	                   "Egypt also holds the BRICS presidency.";
	mt_result   r    = mt_run(text, NULL);

	cr_assert_eq(r.n, 5);
	for (size_t i = 0; i < r.n; i++) {
		cr_assert_lt(r.t[i].start, r.t[i].end);
		cr_assert_leq(r.t[i].end, strlen(text));
		cr_assert_eq(r.t[i].ev_start, r.t[i].start);
		cr_assert_eq(r.t[i].ev_end, r.t[i].end);
	}
}
