/*
 * plugins/officials/country.c: the state an office belongs to when its
 * title names none: the sentence's other officials and states, the
 * sentence before, the state after the name, the document's most named
 * state, the dateline.
 */
#include <stdio.h>
#include <string.h>

#include "find.h"

/* The slot of a two-letter code in offi_doc_country's table: the low
 * five bits of each letter (an upper- or lowercase letter's place in
 * the alphabet). */
#define ISO_SLOT(iso)                                                         \
	((((unsigned char) (iso)[0] & 31u) << 5)                              \
	    | ((unsigned char) (iso)[1] & 31u))

/* The country the document names most (names and demonyms). */
const char *
offi_doc_country(const find_ctx *x)
{
	const offi_work *w = &x->w;
	const char      *iso[64];
	size_t           cnt[64];
	/* 1 + index into iso of the codes of each slot, 0 = none: one
	 * look-up per mention, not a walk over the countries seen. */
	uint8_t          at[1024];
	size_t           ni = 0, i, j, best = 0;

	memset(at, 0, sizeof(at));
	/* Country matches start on capitalised words only. */
	for (i = 0; i < w->n_caps; i++) {
		size_t      k = w->caps[i];
		const char *code;
		if (!offi_ctry_head(w, k) || offi_org1(w, k) != 0
		    || offi_ctry_form(w, k) == NERL_COUNTRY_CAPITAL) {
			continue;
		}
		code = offi_iso2(w, k);
		j    = at[ISO_SLOT(code)];
		if (j == 0 || !offi_same_iso(iso[j - 1], code)) {
			/* New, or another code of the same slot. */
			j = 0;
			while (j < ni && !offi_same_iso(iso[j], code)) {
				j++;
			}
			if (j == ni) {
				if (ni == 64) {
					continue;
				}
				iso[ni]   = code;
				cnt[ni++] = 0;
			}
			at[ISO_SLOT(code)] = (uint8_t) (j + 1);
		} else {
			j--;
		}
		cnt[j]++;
	}
	if (ni == 0) {
		return (NULL);
	}
	for (j = 1; j < ni; j++) {
		if (cnt[j] > cnt[best]) {
			best = j;
		}
	}
	/* A tie names no country. */
	for (j = 0; j < ni; j++) {
		if (j != best && cnt[j] == cnt[best]) {
			return (NULL);
		}
	}
	return (iso[best]);
}

/* The country of a dateline city ("MOSCOW, March 21.", "New Delhi,") in
 * the first lines of the document. */
static int
dateline_end(const offi_work *w, size_t j)
{
	return (offi_tok_is(w, j, ",") || offi_tok_is(w, j, "("));
}

const char *
offi_dateline_country(const find_ctx *x)
{
	const offi_work *w = &x->w;
	size_t           i;

	for (i = 0; i < w->n && i < 60; i++) {
		const nerp_token  *k = &w->toks[i];
		char               buf[64];
		nerp_token         tk[8];
		size_t             len = 0, j, nt;
		nerl_country_match m;

		if (!(k->flags & NERP_TF_LINE_START)
		    || !(k->flags & NERP_TF_UPPER_INITIAL)) {
			continue;
		}
		/* Title-case the words up to the comma ("MOSCOW, March
		 * 21."), or the bracket ("HAVANA (AP)"). */
		for (j = i; j < w->n && j < i + 4 && !dateline_end(w, j);
		     j++) {
			size_t wl = w->toks[j].end - w->toks[j].start, b;
			if (w->toks[j].kind != NERP_TOK_WORD
			    || len + wl + 2 > sizeof(buf)) {
				break;
			}
			for (b = 0; b < wl; b++) {
				char ch = w->doc->text[w->toks[j].start + b];
				if (b > 0 && ch >= 'A' && ch <= 'Z') {
					ch = (char) (ch + 32);
				}
				buf[len++] = ch;
			}
			buf[len++] = ' ';
		}
		if (j >= w->n || !dateline_end(w, j) || len == 0) {
			continue;
		}
		buf[--len] = '\0';
		nt         = w->st->host->tokenize(buf, len, tk, 8);
		if (nt == 0 || nt > 8) {
			continue;
		}
		if (nerl_countries_at(w->st->countries, buf, tk, nt, 0, &m)
		    && m.ntok == nt) {
			return (m.iso2);
		}
	}
	return (NULL);
}

/* Official whose country is known among candidates [from, to) of
 * sentence sent: the first one, or the last one.  NULL when none. */
static const char *
official_country(
    const find_ctx *x, size_t to, uint32_t sent, int self, int last)
{
	const char *iso = NULL;
	size_t      k;

	for (k = to; k > 0 && to - k < 256; k--) {
		const cand *o  = &x->c[k - 1];
		uint32_t    os = x->w.t[o->s].sent;
		if (os < sent) {
			break;
		}
		if (os != sent || o->ent < 0 || o->ent == self
		    || x->e[o->ent].kind != OFFI_OFFICIAL
		    || x->e[o->ent].iso2 == NULL) {
			continue;
		}
		iso = x->e[o->ent].iso2;
		if (last) {
			break;
		}
	}
	return (iso);
}

/* The one state named in sentence sent, NULL when none or several. */
static const char *
only_state_in(const find_ctx *x, size_t before, uint32_t sent)
{
	const offi_work *w   = &x->w;
	const char      *iso = NULL;
	size_t           k;

	for (k = before; k > 0 && before - k < 256; k--) {
		uint32_t s = w->t[k - 1].sent;
		if (s < sent) {
			break;
		}
		if (s != sent || !offi_ctry_head(w, k - 1)
		    || offi_org1(w, k - 1) != 0
		    || offi_ctry_form(w, k - 1) == NERL_COUNTRY_CAPITAL) {
			continue;
		}
		if (iso != NULL && !offi_same_iso(iso, offi_iso2(w, k - 1))) {
			return (NULL);
		}
		iso = offi_iso2(w, k - 1);
	}
	return (iso);
}

/* The state an office with no marker belongs to, from its sentence and
 * the one before: the sentence's first official, the state named earlier
 * in the sentence, the previous sentence's last official, the previous
 * sentence's only state. */
const char *
offi_sentence_country(const find_ctx *x, int ci, int self)
{
	const cand *c    = &x->c[ci];
	uint32_t    sent = x->w.t[c->s].sent;
	const char *iso;

	iso = official_country(x, (size_t) ci, sent, self, 0);
	if (iso == NULL) {
		iso = offi_context_country(&x->w, cand_title(x, c)->start);
	}
	if (iso == NULL && sent > 0) {
		iso = official_country(x, (size_t) ci, sent - 1, self, 1);
		if (iso == NULL) {
			iso = only_state_in(x, cand_title(x, c)->start, sent - 1);
		}
	}
	return (iso);
}

/* "President Emmanuel Macron of France": the state after the name. */
const char *
offi_of_state(const find_ctx *x, const cand *c)
{
	const offi_work *w = &x->w;
	size_t           k = c->e;

	if (k + 1 >= w->n || !offi_tok_is(w, k, "of")) {
		return (NULL);
	}
	k++;
	if (k + 1 < w->n && offi_tok_is(w, k, "the")) {
		k++;
	}
	if (offi_ctry_head(w, k) && offi_org1(w, k) == 0
	    && offi_ctry_form(w, k) == NERL_COUNTRY_NAME) {
		return (offi_iso2(w, k));
	}
	return (NULL);
}
