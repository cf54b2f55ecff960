/*
 * plugins/officials/role.c: office titles next to a name, their wording,
 * and the country an untitled office implies.
 *
 * A title is a run of title words (heads, modifiers, institutions, known
 * bodies, country names and demonyms, "of"/"for"/"the"/"and", possessive
 * "'s") that holds at least one head noun and ends at a head or in an
 * "of"/"for" complement ("President of Brazil").
 */
#include <string.h>

#include "offi.h"

/* Bounds that keep every search local, whatever the text: the longest
 * title, and how far back a sentence is searched for a state. */
#define TITLE_MAX 24
#define LOOK_BACK 256

/* Checks the run [start, end) and fills what the title says.  Returns 1
 * for a title. */
static int
title_fill(const offi_work *w, size_t start, size_t end, offi_title *out)
{
	size_t i, last_head = end, poss = end;
	int    has_head = 0, complement = 0;

	while (start < end
	    && ((offi_cls(w, start) & OFFI_W_CONN)
	        || offi_is_possessive(w, start)
	        || w->toks[start].kind == NERP_TOK_PUNCT)) {
		start++;
	}
	while (end > start
	    && ((offi_cls(w, end - 1) & OFFI_W_CONN)
	        || w->toks[end - 1].kind == NERP_TOK_PUNCT)) {
		end--;
	}
	if (start >= end) {
		return (0);
	}
	memset(out, 0, sizeof(*out));
	out->org = -1;
	for (i = start; i < end; i++) {
		uint32_t cls = offi_cls(w, i);
		if (cls & OFFI_W_HEAD) {
			has_head   = 1;
			last_head  = i;
			complement = 0;
		} else if (has_head
		    && ((cls & OFFI_W_TO)
		        || ((cls & OFFI_W_CONN) && !offi_tok_is(w, i, "the")
		            && !offi_tok_is(w, i, "and")))) {
			complement = 1;
		}
		if (cls & OFFI_W_COUNTERPART) {
			out->counterpart = 1;
		}
		if (offi_is_possessive(w, i)) {
			poss = i;
		}
	}
	if (!has_head || (last_head != end - 1 && !complement)) {
		return (0);
	}
	out->start      = start;
	out->end        = end;
	out->role_start = poss < end ? poss + 1 : start;
	/* A state named before the possessive wins; then one in the title;
	 * then the body the office belongs to. */
	for (i = start; i < end; i++) {
		/* "Ambassador to Russia": the host state is not the
		 * office's. */
		int host = i > start
		    && (offi_tok_is(w, i - 1, "to")
		        || (i > start + 1 && offi_tok_is(w, i - 1, "the")
		            && offi_tok_is(w, i - 2, "to")));
		if (offi_state_marker(w, i) && offi_org1(w, i) == 0
		    && out->iso2 == NULL && !host) {
			out->iso2 = offi_iso2(w, i);
		}
		if (offi_org1(w, i) != 0 && out->org < 0) {
			out->org = (int32_t) offi_org1(w, i) - 1;
		}
	}
	if (out->role_start >= end) {
		return (0);
	}
	if (out->org >= 0) {
		const offi_org *o = &w->st->org[out->org];
		if (out->iso2 == NULL && o->iso2[0] != '\0') {
			out->iso2 = o->iso2;
		}
		out->intergov = (out->iso2 == NULL && o->iso2[0] == '\0');
	}
	/* "Turkey, whose President ...": the state before "whose". */
	if (out->iso2 == NULL && start >= 3
	    && (offi_cls(w, start - 1) & OFFI_W_WHOSE)
	    && offi_tok_is(w, start - 2, ",")
	    && offi_state_marker(w, start - 3)) {
		out->iso2 = offi_iso2(w, start - 3);
	}
	return (1);
}

int
offi_title_before(const offi_work *w, size_t ns, size_t ne, offi_title *out)
{
	size_t   k, end, start;
	uint32_t sent;
	int      comma = 0;

	/* Most names follow no title. */
	if (!offi_title_may_precede(w, ns, ne)) {
		return (0);
	}
	sent = w->t[ns].sent;
	k    = ns;
	/* Honorifics and ranks between title and name: "Dr.", "Prince",
	 * "Colonel Major".  One that is also a head joins the title when a
	 * title word precedes it ("Secretary General", "Crown Prince"). */
	while (k > 0 && ns - k < 8) {
		size_t   p   = k - 1;
		uint32_t cls = offi_cls(w, p);
		if ((cls & OFFI_T_PERIOD) && p > 0
		    && (offi_cls(w, p - 1) & OFFI_W_HONOR)
		    && w->toks[p - 1].end == w->toks[p].start) {
			k = p;
			continue;
		}
		if (!(cls & OFFI_W_HONOR) || w->toks[p].kind != NERP_TOK_WORD) {
			break;
		}
		if ((cls & OFFI_W_HEAD) && p > 0
		    && (offi_cls(w, p - 1)
		        & (OFFI_W_HEAD | OFFI_W_MOD | OFFI_W_INST))) {
			break;
		}
		k = p;
	}
	if (k > 0 && (offi_cls(w, k - 1) & OFFI_T_COMMA)) {
		/* "The ... spokeswoman, Maria Zakharova, said": the name
		 * must close the apposition. */
		size_t after = ne;
		if (after < w->n
		    && !(offi_cls(w, after)
		        & (OFFI_T_COMMA | OFFI_T_PERIOD | OFFI_W_CUE))) {
			return (0);
		}
		comma = 1;
		k--;
	}
	end = k;
	while (k > 0 && end - k < TITLE_MAX && w->t[k - 1].sent == sent
	    && offi_title_word(w, k - 1)) {
		k--;
	}
	start = k;
	if (start == end) {
		return (0);
	}
	/* "Putin and Lavrov": a title never ends in a connector. */
	if (offi_cls(w, end - 1) & OFFI_W_CONN) {
		return (0);
	}
	if (!title_fill(w, start, end, out)) {
		return (0);
	}
	if (comma && out->role_start == out->start
	    && !(offi_cls(w, out->start) & OFFI_W_HEAD) && out->start > 0
	    && !(offi_cls(w, out->start - 1) & OFFI_W_DET)
	    && !(w->toks[out->start].flags & NERP_TF_SENT_START)) {
		/* An apposition after a title must start a noun phrase. */
		return (0);
	}
	return (1);
}

int
offi_title_after(const offi_work *w, size_t ne, offi_title *out)
{
	size_t   k, start, i;
	uint32_t sent;

	if (ne >= w->n || !(offi_cls(w, ne) & OFFI_T_COMMA)) {
		return (0);
	}
	sent = w->t[ne].sent;
	k    = ne + 1;
	if (k < w->n && (offi_cls(w, k) & OFFI_W_DET)
	    && !offi_state_marker(w, k)) {
		k++;
	}
	/* "a political analyst", "a Dakar-based analyst": a private
	 * occupation within the next few words. */
	for (i = k; i < w->n && i < k + 5 && w->toks[i].kind == NERP_TOK_WORD;
	     i++) {
		if (offi_cls(w, i) & OFFI_W_OCCUP) {
			return (-1);
		}
		if (offi_cls(w, i) & OFFI_W_HEAD) {
			break;
		}
	}
	start = k;
	while (k < w->n && k - start < TITLE_MAX && w->t[k].sent == sent
	    && offi_title_word(w, k)) {
		k++;
	}
	if (k == start) {
		return (0);
	}
	/* The apposition closes: "Lavrov, Russia's foreign minister, said";
	 * not "Besides, the Bolivian leader talked". */
	if (k < w->n && !(offi_cls(w, k) & (OFFI_T_COMMA | OFFI_T_PERIOD))
	    && !offi_tok_is(w, k, ";") && !offi_tok_is(w, k, ")")) {
		return (0);
	}
	return (title_fill(w, start, k, out));
}

size_t
offi_role_text(const offi_work *w, const offi_title *t, char *buf, size_t cap)
{
	size_t keep[64];
	size_t nkeep = 0, i, len = 0;
	int    dropped_state_at_end = 0;

	if (cap == 0) {
		return (0);
	}
	for (i = t->role_start; i < t->end && nkeep < 64; i++) {
		if (offi_is_possessive(w, i) || offi_loose_apostrophe(w, i)) {
			continue;
		}
		if (offi_state_marker(w, i) && offi_org1(w, i) == 0) {
			dropped_state_at_end = 1;
			continue;
		}
		dropped_state_at_end = 0;
		keep[nkeep++]        = i;
	}
	/* "President of the Union of Comoros" -> "President". */
	if (dropped_state_at_end) {
		while (nkeep > 0
		    && (offi_cls(w, keep[nkeep - 1])
		        & (OFFI_W_CONN | OFFI_W_INST | OFFI_W_TO))
		    && !(offi_cls(w, keep[nkeep - 1]) & OFFI_W_HEAD)) {
			nkeep--;
		}
	}
	i = 0;
	while (i < nkeep && (offi_cls(w, keep[i]) & (OFFI_W_CONN | OFFI_W_DET))
	    && !(offi_cls(w, keep[i]) & OFFI_W_HEAD)) {
		i++;
	}
	for (; i < nkeep; i++) {
		const nerp_token *k  = &w->toks[keep[i]];
		size_t            wl = k->end - k->start;
		/* "Foreign Ministers Lavrov and Wang": each holds the
		 * singular office. */
		if (i + 1 == nkeep && wl > 3 && w->doc->text[k->end - 1] == 's'
		    && (offi_cls(w, keep[i]) & OFFI_W_HEAD)
		    && (offi_lex_get(
		            w->st->lex, w->doc->text + k->start, wl - 1)
		        & OFFI_W_HEAD)) {
			wl--;
		}
		if (len > 0 && len + 1 < cap) {
			buf[len++] = ' ';
		}
		if (len + wl >= cap) {
			break;
		}
		memcpy(buf + len, w->doc->text + k->start, wl);
		len += wl;
	}
	buf[len] = '\0';
	return (len);
}

const char *
offi_context_country(const offi_work *w, size_t i)
{
	uint32_t sent = w->t[i].sent;
	size_t   k    = i;

	while (k > 0 && i - k < LOOK_BACK && w->t[k - 1].sent == sent) {
		k--;
		if (offi_ctry_head(w, k) && offi_state_marker(w, k)
		    && offi_org1(w, k) == 0) {
			return (offi_iso2(w, k));
		}
	}
	return (NULL);
}
