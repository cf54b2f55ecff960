/* server/result.c: neri_result -> nerd.v1.RecognizeResponse (result.h). */
#include "result.h"

#include <stdint.h>
#include <string.h>

static void *
new_array(nsrv_arena *a, size_t n, size_t size)
{
	if (n == 0 || n > SIZE_MAX / size) {
		return (NULL);
	}
	return (nsrv_arena_alloc(a, n * size));
}

static int
fill_entity(nsrv_arena *a, const neri_entity *e, const char *text,
    size_t len, Nerd__V1__Entity *pe)
{
	nerd__v1__entity__init(pe);
	pe->kind  = e->kind != NULL ? e->kind : "";
	pe->start = e->start;
	pe->end   = e->end;
	pe->value = e->value != NULL ? e->value : "";
	pe->score = e->score;
	if (e->start <= e->end && e->end <= len) {
		pe->text = nsrv_arena_strndup(a, text + e->start,
		    e->end - e->start);
		if (pe->text == NULL) {
			return (-1);
		}
	}
	if (e->n_attrs > 0) {
		Nerd__V1__Attribute  *attrs = new_array(a, e->n_attrs, sizeof(*attrs));
		Nerd__V1__Attribute **ptrs  = new_array(a, e->n_attrs, sizeof(*ptrs));
		if (attrs == NULL || ptrs == NULL) {
			return (-1);
		}
		for (size_t i = 0; i < e->n_attrs; i++) {
			nerd__v1__attribute__init(&attrs[i]);
			attrs[i].key   = e->attrs[i].key;
			attrs[i].value = e->attrs[i].value;
			ptrs[i]        = &attrs[i];
		}
		pe->attrs   = ptrs;
		pe->n_attrs = e->n_attrs;
	}
	pe->sources   = e->sources;
	pe->n_sources = e->n_sources;
	return (0);
}

int
nsrv_result_to_proto(nsrv_arena *a, const neri_result *res,
    const Nerd__V1__Document *doc, Nerd__V1__RecognizeResponse *resp)
{
	size_t ne = res->n_entities;
	size_t np = res->n_plugins;

	resp->document_id = doc->id;
	if (ne > 0) {
		Nerd__V1__Entity  *ents = new_array(a, ne, sizeof(*ents));
		Nerd__V1__Entity **ptrs = new_array(a, ne, sizeof(*ptrs));
		size_t             len  = strlen(doc->text);
		if (ents == NULL || ptrs == NULL) {
			return (-1);
		}
		for (size_t i = 0; i < ne; i++) {
			if (fill_entity(a, &res->entities[i], doc->text, len,
			        &ents[i]) != 0) {
				return (-1);
			}
			ptrs[i] = &ents[i];
		}
		resp->entities   = ptrs;
		resp->n_entities = ne;
	}
	if (np > 0) {
		Nerd__V1__PluginResult  *prs  = new_array(a, np, sizeof(*prs));
		Nerd__V1__PluginResult **ptrs = new_array(a, np, sizeof(*ptrs));
		if (prs == NULL || ptrs == NULL) {
			return (-1);
		}
		for (size_t i = 0; i < np; i++) {
			const neri_plugin_result *pr = &res->plugins[i];
			nerd__v1__plugin_result__init(&prs[i]);
			prs[i].name       = (char *) (pr->name != NULL ? pr->name : "");
			prs[i].code       = pr->code;
			prs[i].message    = pr->message != NULL ? pr->message : "";
			prs[i].elapsed_us = pr->elapsed_us;
			prs[i].entities   = pr->entities;
			ptrs[i]           = &prs[i];
		}
		resp->plugins   = ptrs;
		resp->n_plugins = np;
	}
	return (0);
}
