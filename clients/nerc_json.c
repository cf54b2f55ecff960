/*
 * clients/nerc_json.c: nerc's JSON output.  Documents follow the
 * annotation format of the evaluation sets (entities with "type", and
 * memberships as relations), so predictions score directly.
 */
#include <math.h>
#include <string.h>

#include "nerc.h"

#define MEMBERSHIP_KIND "membership"

static const char *
attr_get(const Nerd__V1__Entity *e, const char *key)
{
	size_t i;

	for (i = 0; i < e->n_attrs; i++) {
		if (strcmp(e->attrs[i]->key, key) == 0) {
			return (e->attrs[i]->value);
		}
	}
	return (NULL);
}

/* Adds a string member; 0 or -1 out of memory. */
static int
set_str(json_t *o, const char *key, const char *s, size_t len)
{
	return (json_object_set_new(o, key, json_stringn(s, len)));
}

static json_t *
strings_json(char **v, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; a != NULL && i < n; i++) {
		if (json_array_append_new(a, json_string(v[i])) != 0) {
			json_decref(a);
			return (NULL);
		}
	}
	return (a);
}

/* text (text_len bytes) is the document, or NULL. */
static json_t *
entity_json(const Nerd__V1__Entity *e, const char *text, size_t text_len,
    int with_details)
{
	json_t *o = json_object();
	json_t *attrs = json_object();
	size_t i;
	int rv = 0;

	if (o == NULL || attrs == NULL) {
		goto fail;
	}
	rv |= set_str(o, "type", e->kind, strlen(e->kind));
	rv |= json_object_set_new(o, "start", json_integer(e->start));
	rv |= json_object_set_new(o, "end", json_integer(e->end));
	/* The document's own bytes, so the span and text always agree. */
	if (text != NULL && e->start < e->end && e->end <= text_len) {
		rv |= set_str(o, "text", text + e->start, e->end - e->start);
	} else {
		rv |= set_str(o, "text", e->text, strlen(e->text));
	}
	if (e->value[0] != '\0') {
		rv |= set_str(o, "value", e->value, strlen(e->value));
	}
	for (i = 0; i < e->n_attrs; i++) {
		rv |= json_object_set_new(attrs, e->attrs[i]->key,
		    json_string(e->attrs[i]->value));
	}
	rv |= json_object_set(o, "attrs", attrs);
	if (with_details) {
		if (e->score >= 0) {
			rv |= json_object_set_new(o, "score",
			    json_real(round(e->score * 1000.0) / 1000.0));
		}
		rv |= json_object_set_new(o, "sources",
		    strings_json(e->sources, e->n_sources));
	}
	json_decref(attrs);
	if (rv != 0) {
		json_decref(o);
		return (NULL);
	}
	return (o);
fail:
	json_decref(attrs);
	json_decref(o);
	return (NULL);
}

/* Appends the membership a membership entity asserts, unless incomplete
 * or already listed. */
static int
relation_add(json_t *rels, const Nerd__V1__Entity *e)
{
	const char *keys[] = { "member", "organization", "status" };
	const char *vals[3];
	json_t *r;
	size_t i, k;

	for (k = 0; k < 3; k++) {
		vals[k] = attr_get(e, keys[k]);
		if (vals[k] == NULL || vals[k][0] == '\0') {
			return (0);
		}
	}
	for (i = 0; i < json_array_size(rels); i++) {
		json_t *o = json_array_get(rels, i);
		for (k = 0; k < 3; k++) {
			const char *v = json_string_value(
			    json_object_get(o, keys[k]));
			if (v == NULL || strcmp(v, vals[k]) != 0) {
				break;
			}
		}
		if (k == 3) {
			return (0);
		}
	}
	r = json_pack("{s:s, s:s, s:s, s:s}", "type", MEMBERSHIP_KIND,
	    "member", vals[0], "organization", vals[1], "status", vals[2]);
	return (json_array_append_new(rels, r));
}

static json_t *
plugins_json(const Nerd__V1__RecognizeResponse *res)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; a != NULL && i < res->n_plugins; i++) {
		const Nerd__V1__PluginResult *p = res->plugins[i];
		json_t *o = json_pack("{s:s, s:s, s:s, s:I, s:I}", "name",
		    p->name, "code", nerd_status_name(p->code), "message",
		    p->message, "elapsed_us", (json_int_t) p->elapsed_us,
		    "entities", (json_int_t) p->entities);
		if (json_array_append_new(a, o) != 0) {
			json_decref(a);
			return (NULL);
		}
	}
	return (a);
}

json_t *
nerc_doc_json(const char *id, const char *dct, const char *text,
    const Nerd__V1__RecognizeResponse *res, int with_details)
{
	json_t *doc = json_object();
	json_t *ents = json_array();
	json_t *rels = json_array();
	size_t text_len = text != NULL ? strlen(text) : 0;
	size_t i;
	int rv = 0;

	if (doc == NULL || ents == NULL || rels == NULL) {
		rv = -1;
		goto out;
	}
	rv |= json_object_set_new(doc, "id", json_string(id ? id : ""));
	if (dct != NULL && dct[0] != '\0') {
		rv |= json_object_set_new(doc, "dct", json_string(dct));
	}
	if (text != NULL) {
		rv |= json_object_set_new(doc, "text", json_string(text));
	}
	for (i = 0; i < res->n_entities; i++) {
		const Nerd__V1__Entity *e = res->entities[i];
		if (strcmp(e->kind, MEMBERSHIP_KIND) == 0) {
			rv |= relation_add(rels, e);
			continue;
		}
		rv |= json_array_append_new(ents,
		    entity_json(e, text, text_len, with_details));
	}
	rv |= json_object_set(doc, "entities", ents);
	rv |= json_object_set(doc, "relations", rels);
	if (with_details) {
		rv |= json_object_set_new(doc, "plugins", plugins_json(res));
	}
out:
	json_decref(ents);
	json_decref(rels);
	if (rv != 0) {
		json_decref(doc);
		return (NULL);
	}
	return (doc);
}

static json_t *
info_json(const Nerd__V1__RecognizerInfo *r)
{
	return (json_pack("{s:s, s:s, s:o, s:o, s:s, s:s}", "name", r->name,
	    "version", r->version, "provides",
	    strings_json(r->provides, r->n_provides), "consumes",
	    strings_json(r->consumes, r->n_consumes), "path", r->path,
	    "description", r->description));
}

static json_t *
infos_json(Nerd__V1__RecognizerInfo **v, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; a != NULL && i < n; i++) {
		if (json_array_append_new(a, info_json(v[i])) != 0) {
			json_decref(a);
			return (NULL);
		}
	}
	return (a);
}

json_t *
nerc_list_json(const Nerd__V1__ListRecognizersResponse *res)
{
	return (json_pack("{s:I, s:o}", "generation",
	    (json_int_t) res->generation, "recognizers",
	    infos_json(res->recognizers, res->n_recognizers)));
}

json_t *
nerc_reload_json(const Nerd__V1__ReloadResponse *res)
{
	return (json_pack("{s:I, s:o, s:o}", "generation",
	    (json_int_t) res->generation, "recognizers",
	    infos_json(res->recognizers, res->n_recognizers), "refused",
	    strings_json(res->refused, res->n_refused)));
}
