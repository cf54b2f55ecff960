/*
 * tests/nerc_json_test.c: nerc's JSON documents (nerc_doc_json) built
 * from responses directly.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "nerc.h"

/* A suite timeout far above the linear cost (well under a second) and far
 * below the quadratic one (about a minute). */
TestSuite(nerc_json, .timeout = 30);

#define SENTENCE "Hello there. "
#define N_SENTENCES 5000000 /* 65 MB */
#define N_ENTITIES 25000    /* one every 200 sentences */

/* Entities take their text from the document's bytes; the document's
 * length was measured again for every entity, 1.6 TB of reading here. */
Test(nerc_json, entity_texts_come_from_the_document_in_linear_time)
{
	Nerd__V1__RecognizeResponse res = NERD__V1__RECOGNIZE_RESPONSE__INIT;
	size_t len = strlen(SENTENCE);
	size_t step = N_SENTENCES / N_ENTITIES * len;
	Nerd__V1__Entity *ents;
	Nerd__V1__Entity **pents;
	json_t *doc, *arr, *e;
	char *text;
	size_t i;

	text = malloc(len * N_SENTENCES + 1);
	ents = calloc(N_ENTITIES, sizeof(*ents));
	pents = calloc(N_ENTITIES, sizeof(*pents));
	cr_assert(text != NULL && ents != NULL && pents != NULL);
	for (i = 0; i < N_SENTENCES; i++) {
		memcpy(text + i * len, SENTENCE, len);
	}
	text[len * N_SENTENCES] = '\0';
	for (i = 0; i < N_ENTITIES; i++) {
		nerd__v1__entity__init(&ents[i]);
		ents[i].kind = "greeting";
		ents[i].start = (uint32_t) (i * step);
		ents[i].end = ents[i].start + 5;
		ents[i].text = "not the document's";
		pents[i] = &ents[i];
	}
	/* The last one lies past the text: its own text is kept. */
	ents[N_ENTITIES - 1].start = (uint32_t) (len * N_SENTENCES);
	ents[N_ENTITIES - 1].end = ents[N_ENTITIES - 1].start + 5;
	res.entities = pents;
	res.n_entities = N_ENTITIES;
	doc = nerc_doc_json("d", "", text, &res, 0);
	cr_assert_not_null(doc);
	arr = json_object_get(doc, "entities");
	cr_assert_eq(json_array_size(arr), N_ENTITIES);
	for (i = 0; i + 1 < N_ENTITIES; i++) {
		e = json_array_get(arr, i);
		cr_assert_str_eq(json_string_value(json_object_get(e, "text")),
		    "Hello", "entity %zu", i);
	}
	e = json_array_get(arr, N_ENTITIES - 1);
	cr_assert_str_eq(json_string_value(json_object_get(e, "text")),
	    "not the document's");
	json_decref(doc);
	free(pents);
	free(ents);
	free(text);
}
