/*
 * tests/organizations_scale_test.c: the organizations recognizer on a
 * large document keeps the results it gives on a small one (the fullest
 * name of a pattern mention is found by its leading words, not by a walk
 * over the earlier names).
 */
#include <stdio.h>

#include "organizations_helpers.h"

TestSuite(organizations_scale, .init = orgt_setup, .fini = orgt_teardown);

#define ORGT_BOARDS 20000

/* A capitalised nonsense word of four letters for number i. */
static void
orgt_word(size_t i, char *w)
{
	w[0] = (char) ('K' + i % 10);
	w[1] = (char) ('a' + (i / 10) % 26);
	w[2] = (char) ('a' + (i / 260) % 26);
	w[3] = (char) ('a' + (i / 6760) % 26);
	w[4] = '\0';
}

Test(organizations_scale, many_boards_keep_their_own_and_the_fullest_names)
{
	size_t    cap = 256 + ORGT_BOARDS * 64, len = 0, i, found = 0;
	char     *text = malloc(cap), w[5];
	orgt_run *r;
	const org_mention *last;

	cr_assert_not_null(text);
	len += (size_t) snprintf(text + len, cap - len,
	    "The Board of Governors of the Andean Reserve Fund and Trust "
	    "met. ");
	for (i = 0; i < ORGT_BOARDS; i++) {
		orgt_word(i, w);
		len += (size_t) snprintf(text + len, cap - len,
		    "The Board of Governors of the %s Reserve Fund met. ", w);
	}
	snprintf(text + len, cap - len,
	    "The Board of Governors approved loans.");
	r = orgt_recognize(text);
	for (i = 0; i < r->nm; i++) {
		const org_mention *m = &r->m[i];
		if (m->end - m->start > 30
		    && strncmp(m->name, r->text + m->start,
		           m->end - m->start) == 0
		    && m->name[m->end - m->start] == '\0') {
			found++;
		}
	}
	/* Each board is its own fullest name; the last, short one takes
	 * the first and longest. */
	cr_assert_eq(found, ORGT_BOARDS + 1);
	last = &r->m[r->nm - 1];
	cr_assert_eq(last->end - last->start, strlen("Board of Governors"));
	cr_assert_str_eq(last->name,
	    "Board of Governors of the Andean Reserve Fund and Trust");
	orgt_free(r);
	free(text);
}
