/* tests/merge_test.c: the merge rules of core/merge.h, one by one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "core/merge.h"
#include "nerd/status.h"

static neri_mention
mk(uint32_t start, uint32_t end, const char *kind, const char *plugin,
    uint32_t rank, float score, const char *value)
{
	static uint32_t seq;
	neri_mention    m;

	memset(&m, 0, sizeof(m));
	m.start  = start;
	m.end    = end;
	m.kind   = kind;
	m.plugin = plugin;
	m.rank   = rank;
	m.score  = score;
	m.value  = value;
	m.seq    = seq++;
	return (m);
}

static neri_merged *
run(const neri_mention *m, size_t n, size_t *nout)
{
	neri_merged *out = NULL;

	cr_assert_eq(neri_merge(m, n, &out, nout), 0);
	return (out);
}

Test(merge, no_mentions_give_no_entities)
{
	neri_merged *out = (neri_merged *) 1;
	size_t       n   = 7;

	cr_assert_eq(neri_merge(NULL, 0, &out, &n), 0);
	cr_assert_null(out);
	cr_assert_eq(n, 0);
}

Test(merge, identical_spans_become_one_entity_with_all_sources)
{
	neri_mention m[] = {
		mk(0, 6, "organization", "orgs", 1, 0.5f, "NATO-1"),
		mk(0, 6, "organization", "acronyms", 0, 0.9f, "NATO-0"),
		mk(0, 6, "organization", "gazetteer", 2, -1.0f, NULL),
	};
	size_t       n;
	neri_merged *out = run(m, 3, &n);

	cr_assert_eq(n, 1);
	cr_assert_eq(out[0].n_sources, 3);
	cr_assert_str_eq(out[0].sources[0]->plugin, "acronyms");
	cr_assert_str_eq(out[0].sources[1]->plugin, "orgs");
	cr_assert_str_eq(out[0].sources[2]->plugin, "gazetteer");
	free(out);
}

Test(merge, identical_spans_keep_the_highest_score)
{
	neri_mention m[] = {
		mk(0, 6, "org", "a", 0, 0.2f, NULL),
		mk(0, 6, "org", "b", 1, 0.8f, NULL),
	};
	size_t       n;
	neri_merged *out = run(m, 2, &n);

	cr_assert_eq(n, 1);
	cr_assert_float_eq(out[0].score, 0.8f, 1e-6);
	free(out);
}

Test(merge, identical_spans_take_value_from_the_better_ranked_plugin)
{
	neri_mention m[] = {
		mk(3, 9, "date", "late", 5, 0.9f, "2024-01-01"),
		mk(3, 9, "date", "early", 1, 0.1f, "2024-04-26"),
	};
	size_t       n;
	neri_merged *out = run(m, 2, &n);

	cr_assert_str_eq(out[0].best->value, "2024-04-26");
	cr_assert_str_eq(out[0].best->plugin, "early");
	free(out);
}

Test(merge, a_plugin_repeating_a_span_and_payload_is_one_source)
{
	neri_mention m[] = {
		mk(0, 4, "org", "a", 0, 0.3f, "same"),
		mk(0, 4, "org", "a", 0, 0.7f, "same"),
	};
	size_t       n;
	neri_merged *out = run(m, 2, &n);

	cr_assert_eq(n, 1);
	cr_assert_eq(out[0].n_sources, 1);
	cr_assert_float_eq(out[0].score, 0.7f, 1e-6);
	free(out);
}

Test(merge, one_plugin_stating_two_facts_on_one_span_keeps_both)
{
	static const nerp_attr chair[]  = { { "status", "chair" } };
	static const nerp_attr member[] = { { "status", "member" } };
	neri_mention           m[]      = {
		               mk(0, 40, "membership", "membership", 0, -1, NULL),
		               mk(0, 40, "membership", "membership", 0, -1, NULL),
		               mk(0, 40, "membership", "other", 1, -1, NULL),
	};
	size_t       n;
	neri_merged *out;

	m[0].attrs   = chair;
	m[0].n_attrs = 1;
	m[1].attrs   = member;
	m[1].n_attrs = 1;
	out          = run(m, 3, &n);
	cr_assert_eq(n, 2);
	/* Another plugin's mention of the span joins the first entity. */
	cr_assert_eq(out[0].n_sources + out[1].n_sources, 3);
	free(out);
}

Test(merge, a_kind_from_one_plugin_keeps_its_overlaps)
{
	neri_mention m[] = {
		mk(0, 40, "membership", "membership", 0, -1, "BO/BRICS"),
		mk(10, 60, "membership", "membership", 0, -1, "RU/BRICS"),
		mk(0, 10, "date", "dates", 1, -1, "2024"),
		mk(5, 9, "date", "other-dates", 2, -1, "2023"),
	};
	size_t       n;
	neri_merged *out = run(m, 4, &n);

	/* Both memberships stay; the dates of two plugins compete. */
	cr_assert_eq(n, 3);
	free(out);
}

Test(merge, longest_span_wins_within_a_kind)
{
	neri_mention m[] = {
		mk(0, 7, "org", "a", 0, 1.0f, "short"),
		mk(0, 18, "org", "b", 9, 0.1f, "long"),
		mk(10, 18, "org", "a", 0, 1.0f, "inner"),
	};
	size_t       n;
	neri_merged *out = run(m, 3, &n);

	cr_assert_eq(n, 1);
	cr_assert_str_eq(out[0].best->value, "long");
	free(out);
}

Test(merge, equal_length_overlap_goes_to_the_better_rank)
{
	neri_mention m[] = {
		mk(0, 10, "org", "b", 2, 0.9f, "ranked-2"),
		mk(5, 15, "org", "a", 1, 0.1f, "ranked-1"),
	};
	size_t       n;
	neri_merged *out = run(m, 2, &n);

	cr_assert_eq(n, 1);
	cr_assert_str_eq(out[0].best->value, "ranked-1");
	free(out);
}

Test(merge, equal_length_and_rank_goes_to_the_higher_score)
{
	neri_mention m[] = {
		mk(0, 10, "org", "a", 1, 0.4f, "low"),
		mk(5, 15, "org", "b", 1, 0.6f, "high"),
	};
	size_t       n;
	neri_merged *out = run(m, 2, &n);

	cr_assert_eq(n, 1);
	cr_assert_str_eq(out[0].best->value, "high");
	free(out);
}

Test(merge, full_tie_goes_to_the_earliest_start)
{
	neri_mention m[] = {
		mk(5, 15, "org", "a", 1, 0.5f, "later"),
		mk(0, 10, "org", "b", 1, 0.5f, "earlier"),
	};
	size_t       n;
	neri_merged *out = run(m, 2, &n);

	cr_assert_eq(n, 1);
	cr_assert_str_eq(out[0].best->value, "earlier");
	free(out);
}

Test(merge, last_tie_break_is_the_plugin_name)
{
	/* Same span from two plugins of equal rank: one entity, whose
	 * value comes from the plugin whose name sorts first. */
	neri_mention m[] = {
		mk(0, 10, "org", "zulu", 1, 0.5f, "z"),
		mk(0, 10, "org", "alpha", 1, 0.5f, "a"),
	};
	size_t       n;
	neri_merged *out = run(m, 2, &n);

	cr_assert_eq(n, 1);
	cr_assert_str_eq(out[0].best->value, "a");
	free(out);
}

Test(merge, non_overlapping_spans_of_a_kind_all_stay)
{
	neri_mention m[] = {
		mk(10, 14, "org", "a", 0, 1, NULL),
		mk(0, 4, "org", "a", 0, 1, NULL),
		mk(4, 10, "org", "b", 1, 1, NULL), /* touches both */
	};
	size_t       n;
	neri_merged *out = run(m, 3, &n);

	cr_assert_eq(n, 3);
	free(out);
}

Test(merge, different_kinds_may_overlap_and_nest)
{
	neri_mention m[] = {
		mk(0, 30, "official", "officials", 0, 1, NULL),
		mk(10, 28, "organization", "orgs", 1, 1, NULL),
		mk(5, 15, "date", "dates", 2, 1, NULL),
	};
	size_t       n;
	neri_merged *out = run(m, 3, &n);

	cr_assert_eq(n, 3);
	free(out);
}

Test(merge, output_is_in_uima_order)
{
	neri_mention m[] = {
		mk(10, 12, "b", "p", 0, 1, NULL),
		mk(0, 5, "b", "p", 0, 1, NULL),
		mk(0, 9, "c", "p", 0, 1, NULL),
		mk(0, 5, "a", "p", 0, 1, NULL),
	};
	size_t       n;
	neri_merged *out = run(m, 4, &n);

	cr_assert_eq(n, 4);
	cr_assert_eq(out[0].best->end, 9);
	cr_assert_str_eq(out[1].best->kind, "a");
	cr_assert_str_eq(out[2].best->kind, "b");
	cr_assert_eq(out[2].best->end, 5);
	cr_assert_eq(out[3].best->start, 10);
	free(out);
}

/* Entities of one span come in kind name order, whether the kinds are few
 * or many (20 here, given in reverse name order, each name at its own
 * address), and spans in start then longest-first order. */
Test(merge, one_span_of_many_kinds_is_in_kind_name_order)
{
	char         names[20][8];
	neri_mention m[21];
	size_t       n, i;
	neri_merged *out;

	for (i = 0; i < 20; i++) {
		(void) snprintf(names[i], sizeof(names[i]), "k%02zu", 19 - i);
		m[i] = mk(3, 7, names[i], "p", 0, 1, NULL);
	}
	m[20] = mk(3, 9, names[0], "p", 0, 1, NULL);
	out   = run(m, 21, &n);
	cr_assert_eq(n, 21);
	cr_assert_eq(out[0].best->end, 9);
	for (i = 1; i < 21; i++) {
		char want[8];

		(void) snprintf(want, sizeof(want), "k%02zu", i - 1);
		cr_assert_eq(out[i].best->end, 7);
		cr_assert_str_eq(out[i].best->kind, want);
	}
	free(out);
}

Test(merge, result_does_not_depend_on_input_order)
{
	neri_mention m[] = {
		mk(0, 10, "org", "a", 1, 0.5f, "x"),
		mk(5, 15, "org", "b", 1, 0.5f, "y"),
		mk(12, 20, "org", "c", 0, 0.2f, "z"),
		mk(0, 10, "org", "c", 0, 0.3f, "w"),
	};
	neri_mention r[4];
	size_t       n1, n2, i;
	neri_merged *o1, *o2;

	for (i = 0; i < 4; i++) {
		r[i]     = m[3 - i];
		r[i].seq = m[i].seq;
	}
	o1 = run(m, 4, &n1);
	o2 = run(r, 4, &n2);
	cr_assert_eq(n1, n2);
	for (i = 0; i < n1; i++) {
		cr_assert_str_eq(o1[i].best->value, o2[i].best->value);
		cr_assert_eq(o1[i].n_sources, o2[i].n_sources);
	}
	free(o1);
	free(o2);
}

/* neri_merge_in gives what neri_merge gives, from an arena: the
 * entities, their order, scores and sources. */
Test(merge, merging_in_an_arena_gives_the_same_entities)
{
	neri_mention m[] = {
		mk(0, 10, "org", "a", 1, 0.5f, "x"),
		mk(5, 15, "org", "b", 1, 0.5f, "y"),
		mk(12, 20, "org", "c", 0, 0.2f, "z"),
		mk(0, 10, "org", "c", 0, 0.3f, "w"),
		mk(3, 4, "date", "d", 2, -1.0f, NULL),
		mk(0, 10, "person", "a", 1, 0.7f, NULL),
	};
	neri_arena   a;
	neri_merged *o1, *o2 = NULL;
	size_t       n1, n2  = 0, i, k;

	neri_arena_init(&a, 0);
	o1 = run(m, 6, &n1);
	cr_assert_eq(neri_merge_in(&a, m, 6, 0, &o2, &n2), 0);
	cr_assert_eq(n1, n2);
	cr_assert_eq(n1, 4);
	for (i = 0; i < n1; i++) {
		cr_assert_eq(o1[i].best, o2[i].best);
		cr_assert_eq(o1[i].score, o2[i].score);
		cr_assert_eq(o1[i].n_sources, o2[i].n_sources);
		for (k = 0; k < o1[i].n_sources; k++) {
			cr_assert_eq(o1[i].sources[k], o2[i].sources[k]);
		}
	}
	free(o1);
	/* Nothing to merge: no entities, and nothing taken from the arena. */
	cr_assert_eq(neri_merge_in(&a, m, 0, 0, &o2, &n2), 0);
	cr_assert_null(o2);
	cr_assert_eq(n2, 0);
	neri_arena_fini(&a);
}

Test(merge, merging_in_an_arena_over_its_limit_fails)
{
	neri_mention m[] = {
		mk(0, 10, "org", "a", 1, 0.5f, "x"),
		mk(5, 15, "org", "b", 1, 0.5f, "y"),
	};
	neri_arena   a;
	neri_merged *o = NULL;
	size_t       n = 0;

	neri_arena_init(&a, 64);
	cr_assert_eq(
	    neri_merge_in(&a, m, 2, 0, &o, &n), NERD_STATUS_RESOURCE_EXHAUSTED);
	neri_arena_fini(&a);
}

/* Overlap resolution works kind by kind also past the few kinds merge
 * tells apart at a glance (20 kinds here, two plugins each), and a kind
 * named at two addresses is one kind. */
Test(merge, many_shared_kinds_each_resolve_their_own_overlaps)
{
	char         names[20][8];
	char         again[8];
	neri_mention m[41];
	size_t       n, i;
	neri_merged *out;

	for (i = 0; i < 20; i++) {
		(void) snprintf(names[i], sizeof(names[i]), "k%02zu", i);
		m[2 * i]     = mk(0, 10, names[i], "a", 0, 0.5f, "long");
		m[2 * i + 1] = mk(5, 8, names[i], "b", 1, 0.9f, "short");
	}
	/* k03 again, at another address: it overlaps k03's winner. */
	(void) snprintf(again, sizeof(again), "k%02d", 3);
	m[40] = mk(9, 12, again, "b", 1, 1.0f, "late");
	out   = run(m, 41, &n);
	cr_assert_eq(n, 20);
	for (i = 0; i < n; i++) {
		cr_assert_str_eq(out[i].best->value, "long");
		cr_assert_str_eq(out[i].best->kind, names[i]);
	}
	free(out);
}

/* A kind from a single plugin keeps every overlap while another kind
 * of the same mentions' spans, from two plugins, competes. */
Test(merge, only_the_shared_kind_competes)
{
	neri_mention m[] = {
		mk(0, 10, "org", "a", 0, 0.5f, "x"),
		mk(2, 12, "org", "a", 0, 0.5f, "y"),
		mk(0, 10, "date", "a", 0, 0.5f, "d1"),
		mk(2, 14, "date", "b", 1, 0.5f, "d2"),
	};
	size_t       n;
	neri_merged *out = run(m, 4, &n);

	cr_assert_eq(n, 3);
	cr_assert_str_eq(out[0].best->value, "x");
	cr_assert_str_eq(out[1].best->value, "d2");
	cr_assert_str_eq(out[2].best->value, "y");
	free(out);
}

/* Told that no kind comes from two plugins, the merge gives what it
 * finds out by itself: one plugin's overlaps and identical spans. */
Test(merge, kinds_apart_gives_the_same_entities)
{
	neri_mention m[] = {
		mk(12, 20, "org", "a", 0, 0.2f, "z"),
		mk(0, 10, "org", "a", 0, 0.5f, "x"),
		mk(5, 15, "org", "a", 0, 0.5f, "y"),
		mk(0, 10, "org", "a", 0, 0.5f, "w"),
		mk(3, 4, "date", "d", 2, -1.0f, NULL),
		mk(0, 10, "person", "b", 1, 0.7f, NULL),
	};
	neri_arena   a;
	neri_merged *o1, *o2 = NULL;
	size_t       n1, n2  = 0, i;

	neri_arena_init(&a, 0);
	o1 = run(m, 6, &n1);
	cr_assert_eq(
	    neri_merge_in(&a, m, 6, NERI_MERGE_KINDS_APART, &o2, &n2), 0);
	cr_assert_eq(n1, 6);
	cr_assert_eq(n2, n1);
	for (i = 0; i < n1; i++) {
		cr_assert_eq(o1[i].best, o2[i].best);
		cr_assert_eq(o1[i].n_sources, o2[i].n_sources);
	}
	free(o1);
	neri_arena_fini(&a);
}
