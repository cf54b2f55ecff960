/*
 * plugins/membership/supersede.c: one triple per standing, and only the
 * standings that still hold.
 *
 * data/supersession.tsv lists which status replaces which for the same
 * (member, organisation) pair: applied then joined is "member"; a founding
 * member that withdraws is "withdrawn".  Pairs it does not list are
 * concurrent (member and chair).  When both triples carry a date, the
 * later one wins whatever the table says ("suspended in 2016, readmitted
 * in 2020").
 */
#include <string.h>

#include "mb.h"

static int
same_pair(const mb_triple *a, const mb_triple *b)
{
	return (
	    strcmp(a->member, b->member) == 0 && strcmp(a->org, b->org) == 0);
}

void
mb_supersede(const mb_lexicon *lex, mb_triple *tr, size_t *n)
{
	size_t        count = *n;
	unsigned char drop[512];
	size_t        w = 0;

	if (count > sizeof(drop)) {
		count = sizeof(drop);
	}
	memset(drop, 0, count);
	for (size_t i = 0; i < count; i++) {
		for (size_t j = i + 1; j < count && !drop[i]; j++) {
			const mb_triple *a = &tr[i], *b = &tr[j];
			int              a_wins, b_wins;

			if (drop[j] || !same_pair(a, b)) {
				continue;
			}
			if (a->status == b->status) {
				if (tr[i].since == NULL) {
					tr[i].since = b->since;
				}
				drop[j] = 1;
				continue;
			}
			a_wins = (lex->supersedes[a->status] >> b->status) & 1;
			b_wins = (lex->supersedes[b->status] >> a->status) & 1;
			if (!a_wins && !b_wins) {
				continue;
			}
			/* Dated standings: the later one wins, whatever the
			 * table says. */
			if (a->since != NULL && b->since != NULL
			    && strcmp(a->since, b->since) != 0) {
				a_wins = strcmp(a->since, b->since) > 0;
			}
			if (a_wins) {
				drop[j] = 1;
			} else {
				drop[i] = 1;
			}
		}
	}
	for (size_t i = 0; i < count; i++) {
		if (!drop[i]) {
			tr[w++] = tr[i];
		}
	}
	*n = w;
}
