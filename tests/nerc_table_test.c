/*
 * tests/nerc_table_test.c: nerc's tables (nerc_table_entities) built from
 * responses directly.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nerc.h"

/* The table as nerc_table_entities writes it for the one entity e. */
static char *
table_of(Nerd__V1__Entity *e)
{
	Nerd__V1__RecognizeResponse res = NERD__V1__RECOGNIZE_RESPONSE__INIT;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	res.entities = &e;
	res.n_entities = 1;
	f = open_memstream(&buf, &len);
	cr_assert_not_null(f);
	cr_assert_eq(nerc_table_entities(f, &res), 0);
	cr_assert_eq(fclose(f), 0);
	return (buf);
}

/* Text from documents reaches a terminal: C0 controls (ESC) were
 * blanked, but C1 controls such as U+009B (CSI, which terminals take as
 * ESC [) went through. */
Test(nerc_table, control_characters_reach_the_terminal_as_spaces)
{
	Nerd__V1__Entity e = NERD__V1__ENTITY__INIT;
	Nerd__V1__Attribute a = NERD__V1__ATTRIBUTE__INIT;
	Nerd__V1__Attribute *pa = &a;
	char *out;

	e.kind = "organization";
	e.text = "Acme\x1b[31m Red\xc2\x9b" "0m Corp\x7f\xc2\x85";
	e.value = "";
	a.key = "name";
	a.value = "Acme\xc2\x9b" "2J Inc\xc2\xa0Ltd";
	e.attrs = &pa;
	e.n_attrs = 1;
	out = table_of(&e);
	cr_assert(strstr(out, "Acme [31m Red 0m Corp  ") != NULL, "%s", out);
	cr_assert(strstr(out, "name=Acme 2J Inc\xc2\xa0Ltd") != NULL,
	    "no-break space kept: %s", out);
	cr_assert_null(strstr(out, "\xc2\x9b"), "%s", out);
	cr_assert_null(strstr(out, "\xc2\x85"), "%s", out);
	cr_assert_null(strchr(out, '\x1b'), "%s", out);
	free(out);
}
