/*
 * lexicon.c: loads the word lists (the .tsv files in data/) and the grammar
 * (data/grammar.tsv) of the dates plugin into a read-only hash table and
 * rule table.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates_impl.h"
#include "nerl.h"

static const char *const lexicon_files[] = { "months.tsv", "weekdays.tsv",
	"deictic.tsv", "modifiers.tsv", "units.tsv", "numbers.tsv",
	"zones.tsv", "tense.tsv", "context.tsv", "holidays.tsv", NULL };

static const struct {
	const char *name;
	int         cls;
	int         field;
} class_names[] = {
	{ "MONTH", DC_MONTH, F_MONTH },
	{ "MONTHX", DC_MONTHX, F_MONTHX },
	{ "WEEKDAY", DC_WEEKDAY, F_WDAY },
	{ "DAY", DC_DAY, F_DAY },
	{ "DAY2", DC_DAY, F_DAY2 },
	{ "YEAR", DC_YEAR, F_YEAR },
	{ "YEAR2", DC_YEAR, F_YEAR2 },
	{ "DECADE", DC_DECADE, F_DECADE },
	{ "NUM", DC_NUM, F_NUM },
	{ "UNIT", DC_UNIT, F_UNIT },
	{ "REL", DC_REL, F_REL },
	{ "MOD", DC_MOD, F_MOD },
	{ "PRE", DC_PRE, F_PRE },
	{ "ORD", DC_ORD, F_ORD },
	{ "PART", DC_PART, F_PART },
	{ "QADJ", DC_QADJ, F_ORD },
	{ "QTOK", DC_QTOK, F_ORD },
	{ "YAGO", DC_YAGO, F_NUM },
	{ "DEICTIC", DC_DEICTIC, F_DEICTIC },
	{ "REF", DC_REF, F_REF },
	{ "REFN", DC_REFN, F_REF },
	{ "CLOCK", DC_CLOCK, F_HOUR },
	{ "HHMM", DC_HHMM, F_HOUR },
	{ "HOUR", DC_HOUR, F_HOUR },
	{ "AMPM", DC_AMPM, F_AMPM },
	{ "ZONE", DC_ZONE, F_ZONE },
	{ "TIMEWORD", DC_TIMEWORD, F_TIMEWORD },
	{ "DAYPART", DC_DAYPART, F_DAYPART },
	{ "SEASON", DC_SEASON, F_SEASON },
	{ "ISO", DC_ISO, F_YEAR },
	{ "SLASH", DC_SLASH, F_YEAR },
	{ "YRANGE", DC_YRANGE, F_YEAR },
	{ "DRANGE", DC_DRANGE, F_DAY },
	{ "MODYEAR", DC_MODYEAR, F_YEAR },
	{ "MODDECADE", DC_MODDECADE, F_DECADE },
	{ "MODMONTH", DC_MODMONTH, F_MONTH },
	{ "CAP", DC_CAP, F_COUNT },
	{ "CONJ", DC_CONJ, F_COUNT },
	{ "HOLIDAY", DC_HOLIDAY, F_HOLIDAY },
	{ "HOLIDAYD", DC_HOLIDAYD, F_HOLIDAY },
	{ "TENSE", DC_TENSE, F_COUNT },
	{ "PREP", DC_PREP, F_COUNT },
	{ "BLOCK", DC_BLOCK, F_COUNT },
	{ "BLOCKNEXT", DC_BLOCKNEXT, F_COUNT },
	{ NULL, 0, 0 },
};

static const struct {
	const char *name;
	int         value;
} symbols[] = {
	{ "START", DS_START },
	{ "MID", DS_MID },
	{ "END", DS_END },
	{ "PRESENT_REF", DS_PRESENT_REF },
	{ "PAST_REF", DS_PAST_REF },
	{ "FUTURE_REF", DS_FUTURE_REF },
	{ "MO", DS_MO },
	{ "AF", DS_AF },
	{ "EV", DS_EV },
	{ "NI", DS_NI },
	{ "SP", DS_SP },
	{ "SU", DS_SU },
	{ "FA", DS_FA },
	{ "WI", DS_WI },
	{ "D", DS_D },
	{ "W", DS_W },
	{ "M", DS_M },
	{ "Q", DS_Q },
	{ "Y", DS_Y },
	{ "E", DS_E },
	{ "WE", DS_WE },
	{ "H", DS_H },
	{ "C", DS_C },
	{ "PAST", DATES_TENSE_PAST },
	{ "PRESENT", DATES_TENSE_PRESENT },
	{ "FUTURE", DATES_TENSE_FUTURE },
	{ "EASTER", DS_EASTER },
	{ "THANKSGIVING", DS_THANKSGIVING },
	{ "ELECTION", DS_ELECTION },
	{ NULL, 0 },
};

const dates_entry *
dates_lookup_key(
    const dates_lexicon *lex, uint64_t key, const char *s, size_t len)
{
	if ((dates_key_kinds(lex->keymap, key) & DK_WORD) == 0) {
		return (NULL);
	}
	return (dates_find_entry(lex, key, s, len, 0));
}

const dates_entry *
dates_lookup(const dates_lexicon *lex, const char *s, size_t len)
{
	if (len == 0 || len > DATES_WORD_MAX) {
		return (NULL);
	}
	return (dates_lookup_key(lex, lex->key(s, len), s, len));
}

static void
put_slot(uint32_t *slot, size_t n_slot, uint64_t key, uint32_t value)
{
	size_t i = (size_t) key & (n_slot - 1);

	while (slot[i] != 0) {
		i = (i + 1) & (n_slot - 1);
	}
	slot[i] = value;
}

static int
grow_slots(dates_lexicon *lex)
{
	size_t    n    = lex->n_slot == 0 ? 256 : lex->n_slot * 2;
	uint32_t *slot = calloc(n, sizeof(*slot));

	if (slot == NULL) {
		return (NERP_ENOMEM);
	}
	for (size_t k = 0; k < lex->n_ent; k++) {
		put_slot(slot, n, lex->ent[k].key, (uint32_t) k + 1);
	}
	free(lex->slot);
	lex->slot   = slot;
	lex->n_slot = n;
	return (NERP_OK);
}

/* The entry for word (lowercased), added when new. */
static int
intern(dates_lexicon *lex, const char *word, dates_entry **out)
{
	char               low[DATES_WORD_MAX + 1];
	size_t             len = strlen(word);
	const dates_entry *found;
	dates_entry       *e;
	int                rv;

	if (len == 0 || len > DATES_WORD_MAX) {
		return (NERP_EINVAL);
	}
	for (size_t i = 0; i < len; i++) {
		low[i] = (char) tolower((unsigned char) word[i]);
	}
	low[len] = '\0';
	if (lex->n_slot != 0) {
		found = dates_lookup(lex, low, len);
		if (found != NULL) {
			*out = &lex->ent[found - lex->ent];
			return (NERP_OK);
		}
	}
	if (lex->n_ent == lex->cap_ent) {
		size_t       cap = lex->cap_ent == 0 ? 128 : lex->cap_ent * 2;
		dates_entry *ent = realloc(lex->ent, cap * sizeof(*ent));

		if (ent == NULL) {
			return (NERP_ENOMEM);
		}
		lex->ent     = ent;
		lex->cap_ent = cap;
	}
	e = &lex->ent[lex->n_ent++];
	memset(e, 0, sizeof(*e));
	memcpy(e->word, low, len + 1);
	e->len = (uint8_t) len;
	e->key = lex->key(low, len);
	dates_key_mark(lex->keymap, e->key, DK_WORD);
	if (lex->n_ent * 2 > lex->n_slot) {
		rv = grow_slots(lex);
		if (rv != NERP_OK) {
			return (rv);
		}
	} else {
		put_slot(
		    lex->slot, lex->n_slot, e->key, (uint32_t) lex->n_ent);
	}
	*out = e;
	return (NERP_OK);
}

static int
class_index(const char *name, int *field)
{
	for (int i = 0; class_names[i].name != NULL; i++) {
		if (strcmp(class_names[i].name, name) == 0) {
			if (field != NULL) {
				*field = class_names[i].field;
			}
			return (class_names[i].cls);
		}
	}
	return (-1);
}

static int
parse_value(const char *s, int *out)
{
	char *end;
	long  v;

	for (int i = 0; symbols[i].name != NULL; i++) {
		if (strcmp(symbols[i].name, s) == 0) {
			*out = symbols[i].value;
			return (0);
		}
	}
	errno = 0;
	v     = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < -32768
	    || v > 32767) {
		return (-1);
	}
	*out = (int) v;
	return (0);
}

typedef int (*line_fn)(dates_lexicon *lex, const char **fields, size_t n);

static int
word_line(dates_lexicon *lex, const char **fields, size_t n)
{
	dates_entry *e;
	int          cls, value, rv;

	if (n != 3 || strchr(fields[0], ' ') != NULL) {
		/* a word is matched against one token, which has no space */
		return (NERP_EINVAL);
	}
	cls = class_index(fields[1], NULL);
	if (cls < 0 || cls >= DC_COUNT
	    || parse_value(fields[2], &value) != 0) {
		return (NERP_EINVAL);
	}
	rv = intern(lex, fields[0], &e);
	if (rv != NERP_OK) {
		return (rv);
	}
	if ((e->cls & DC_BIT(cls)) != 0 && e->val[cls] != value) {
		/* one value a class: a second one would replace the first */
		return (NERP_EINVAL);
	}
	e->cls |= DC_BIT(cls);
	e->val[cls] = (int16_t) value;
	return (NERP_OK);
}

static int
parse_elem(dates_lexicon *lex, const char *tok, dates_elem *el)
{
	char         name[32];
	size_t       len = strlen(tok);
	int          field, cls, rv;
	dates_entry *e;

	memset(el, 0, sizeof(*el));
	if (len > 0 && tok[0] == '!') {
		el->flags |= EF_EXCL;
		tok++;
		len--;
	}
	if (len > 1 && tok[len - 1] == '?') {
		el->flags |= EF_OPT;
		len--;
	}
	if (len == 0 || len >= sizeof(name)) {
		return (NERP_EINVAL);
	}
	memcpy(name, tok, len);
	name[len] = '\0';
	if (isupper((unsigned char) name[0])) {
		cls = class_index(name, &field);
		if (cls < 0) {
			return (NERP_EINVAL);
		}
		el->kind  = EK_CLASS;
		el->cls   = (uint8_t) cls;
		el->field = (uint8_t) field;
		return (NERP_OK);
	}
	if (len >= sizeof(el->word)) {
		return (NERP_EINVAL);
	}
	memcpy(el->word, name, len + 1);
	el->wlen = (uint8_t) len;
	if (!isalpha((unsigned char) name[0]) && name[0] != '\'') {
		el->kind = EK_PUNCT;
		return (NERP_OK);
	}
	el->kind = EK_WORD;
	for (size_t i = 0; i < len; i++) {
		el->word[i] = (char) tolower((unsigned char) el->word[i]);
	}
	rv = intern(lex, el->word, &e);
	if (rv != NERP_OK) {
		return (rv);
	}
	e->cls |= DC_BIT(DC_LIT);
	el->ent = (uint32_t) (e - lex->ent);
	return (NERP_OK);
}

/* The classes a token must have to match element el (a superset: a
 * literal word needs DC_LIT, punctuation its dates_punct_class). */
static uint64_t
elem_classes(const dates_elem *el)
{
	if (el->kind == EK_CLASS) {
		return (DC_BIT(el->cls));
	}
	if (el->kind == EK_WORD) {
		return (DC_BIT(DC_LIT));
	}
	return (DC_BIT(dates_punct_class(el->word, el->wlen)));
}

/* The classes the token matched after element k of r may have: those
 * of the elements from k + 1 up to the first one that is not optional,
 * or all bits when the end of the rule may come next. */
static uint64_t
after_classes(const dates_rule *r, int k)
{
	uint64_t next = 0;

	for (int j = k + 1; j < r->n; j++) {
		next |= elem_classes(&r->elem[j]);
		if ((r->elem[j].flags & EF_OPT) == 0) {
			return (next);
		}
	}
	return (~(uint64_t) 0);
}

/* Fills r->lead[]: for each element a match of r can start with, the
 * classes of the first token and those the two tokens after it may have
 * (all bits when the end of the rule may come before), so that a scan
 * can skip r at once. */
static void
lead_classes(dates_rule *r)
{
	r->n_lead = 0;
	for (int k = 0; k < r->n; k++) {
		dates_lead *ld = &r->lead[k];

		ld->first = r->elem[k].kind == EK_PUNCT
		    ? 0
		    : elem_classes(&r->elem[k]);
		ld->next  = after_classes(r, k);
		ld->next2 = 0;
		/* the second token matches one of the elements of next: the
		 * third one of what may follow that element */
		for (int j = k + 1; j < r->n; j++) {
			ld->next2 |= after_classes(r, j);
			if ((r->elem[j].flags & EF_OPT) == 0) {
				break;
			}
		}
		if (ld->next == ~(uint64_t) 0) {
			ld->next2 = ~(uint64_t) 0;
		}
		r->n_lead = k + 1;
		if ((r->elem[k].flags & EF_OPT) == 0) {
			break;
		}
	}
}

/* Sets the word before r's matches from word ("the" of "<the"): the
 * first element of a rule, a word of letters and apostrophes. */
static int
parse_behind(dates_rule *r, const char *word)
{
	size_t len = strlen(word);

	if (r->n != 0 || r->behind_len != 0 || len == 0
	    || len >= sizeof(r->behind)) {
		return (NERP_EINVAL);
	}
	for (size_t i = 0; i < len; i++) {
		if (!isalpha((unsigned char) word[i]) && word[i] != '\'') {
			return (NERP_EINVAL);
		}
		r->behind[i] = (char) tolower((unsigned char) word[i]);
	}
	r->behind_len = (uint8_t) len;
	return (NERP_OK);
}

static int
grammar_line(dates_lexicon *lex, const char **fields, size_t n)
{
	dates_rule  *r;
	dates_entry *e;
	char         tok[64];
	int          split = 0, rv;

	if (n != 3 || strlen(fields[0]) >= sizeof(r->name)
	    || lex->n_rule == DATES_RULE_MAX) {
		return (NERP_EINVAL);
	}
	r = realloc(lex->rule, (lex->n_rule + 1) * sizeof(*r));
	if (r == NULL) {
		return (NERP_ENOMEM);
	}
	lex->rule = r;
	r         = &lex->rule[lex->n_rule];
	memset(r, 0, sizeof(*r));
	strcpy(r->name, fields[0]);
	r->build = dates_builder(fields[1]);
	if (r->build == NULL) {
		return (NERP_EINVAL);
	}
	for (const char *p = fields[2]; *p != '\0';) {
		size_t len = strcspn(p, " ");

		if (len == 0) {
			p++;
			continue;
		}
		if (len >= sizeof(tok)) {
			return (NERP_EINVAL);
		}
		memcpy(tok, p, len);
		tok[len] = '\0';
		p += len;
		if (strcmp(tok, "|") == 0) {
			split = 1;
			continue;
		}
		if (tok[0] == '<') {
			rv = parse_behind(r, tok + 1);
			if (rv != NERP_OK) {
				return (rv);
			}
			continue;
		}
		if (r->n == DATES_ELEM_MAX) {
			return (NERP_EINVAL);
		}
		rv = parse_elem(lex, tok, &r->elem[r->n]);
		if (rv != NERP_OK) {
			return (rv);
		}
		if (split) {
			r->elem[r->n].flags |= EF_SPLIT;
			split = 0;
		}
		r->elem[r->n].need = elem_classes(&r->elem[r->n]);
		r->n++;
	}
	if (r->n == 0) {
		return (NERP_EINVAL);
	}
	/* The elements a first token may match: up to the first one that
	 * is not optional (start_lists() gathers their classes). */
	for (int i = 0; i < r->n; i++) {
		const dates_elem *el = &r->elem[i];

		if (el->kind == EK_WORD) {
			rv = intern(lex, el->word, &e);
			if (rv != NERP_OK) {
				return (rv);
			}
			e->cls |= DC_BIT(DC_LITFIRST);
		} else if (el->kind == EK_PUNCT && (el->flags & EF_OPT) == 0) {
			/* a rule cannot start with punctuation */
			return (NERP_EINVAL);
		}
		if ((el->flags & EF_OPT) == 0) {
			break;
		}
	}
	lead_classes(r);
	lex->n_rule++;
	return (NERP_OK);
}

/* Loads dir/name through nerl_tsv (comments, blank lines, CRLF, a byte
 * order mark; a NUL byte, invalid UTF-8 or an unreadable file refused),
 * handing each row's fields to fn. */
static int
load_file(dates_lexicon *lex, const char *dir, const char *name, line_fn fn,
    char *err, size_t errlen)
{
	char        path[4096];
	const char *fields[3];
	nerl_tsv   *tsv = NULL;
	int         rv;

	if (nerl_path_join(path, sizeof(path), dir, name) != 0) {
		snprintf(err, errlen, "dates: path too long for %s", name);
		return (NERP_EINVAL);
	}
	rv = nerl_tsv_load(path, &tsv, err, errlen);
	if (rv != NERP_OK) {
		return (rv);
	}
	for (size_t r = 0; rv == NERP_OK && r < nerl_tsv_rows(tsv); r++) {
		/* "" past the row's last column: fn checks the count */
		for (size_t c = 0; c < 3; c++) {
			fields[c] = nerl_tsv_field(tsv, r, c);
		}
		rv = fn(lex, fields, nerl_tsv_cols(tsv, r));
		if (rv != NERP_OK) {
			snprintf(err, errlen, "dates: %s:%zu: bad line", path,
			    nerl_tsv_line(tsv, r));
		}
	}
	nerl_tsv_free(tsv);
	return (rv);
}

/* The classes the token after word w may have when a match starts at w
 * (written in any case, so with DC_CAP too): the next_of[] of its
 * classes, a literal word (DC_LIT) counting as DC_LITFIRST.  Needs
 * start_lists(). */
static uint64_t
next_classes(const dates_lexicon *lex, const dates_entry *w)
{
	uint64_t cls = (w->cls | DC_BIT(DC_CAP)) & ~DC_BIT(DC_LITFIRST);

	if (cls & DC_BIT(DC_LIT)) {
		cls = (cls & ~DC_BIT(DC_LIT)) | DC_BIT(DC_LITFIRST);
	}
	return (dates_classes_union(lex->next_of, cls));
}

/* The class a token that starts a match with lead k of r has: the
 * element's class, DC_LITFIRST for a literal word; -1 for punctuation
 * (which starts nothing). */
static int
lead_key(const dates_rule *r, int k)
{
	const dates_elem *el = &r->elem[k];

	if (el->kind == EK_CLASS) {
		return (el->cls);
	}
	return (el->kind == EK_WORD ? DC_LITFIRST : -1);
}

/* The classes the token after a token of class c may have when rule r
 * starts there (0 when r cannot start at class c), and in *next2 those
 * of the token after that. */
static uint64_t
start_next(const dates_rule *r, int c, uint64_t *next2)
{
	uint64_t next = 0;

	*next2 = 0;
	for (int k = 0; k < r->n_lead; k++) {
		if (lead_key(r, k) == c) {
			next |= r->lead[k].next;
			*next2 |= r->lead[k].next2;
		}
	}
	return (next);
}

/* Fills lex->start[], start_at[], next_of[], next_tight[] and
 * lead_first from the rules' leads. */
static int
start_lists(dates_lexicon *lex)
{
	size_t n = 0;

	for (int pass = 0; pass < 2; pass++) {
		n = 0;
		for (int c = 0; c < DC_COUNT + 2; c++) {
			lex->start_at[c] = n;
			for (size_t r = 0; r < lex->n_rule; r++) {
				uint64_t next2;
				uint64_t next
				    = start_next(&lex->rule[r], c, &next2);

				if (next == 0) {
					continue;
				}
				if (pass == 1) {
					lex->start[n].rule  = (uint32_t) r;
					lex->start[n].next  = next;
					lex->start[n].next2 = next2;
					lex->next_of[c] |= next;
					if (next2 != ~(uint64_t) 0) {
						lex->next_tight[c] |= next;
					}
					lex->lead_first |= DC_BIT(c);
				}
				n++;
			}
		}
		lex->start_at[DC_COUNT + 2] = n;
		if (pass == 0) {
			lex->start = calloc(n + 1, sizeof(*lex->start));
			if (lex->start == NULL) {
				return (NERP_ENOMEM);
			}
		}
	}
	return (NERP_OK);
}

int
dates_lexicon_load(dates_lexicon **out, const char *dir, dates_key_fn key,
    char *err, size_t errlen)
{
	dates_lexicon *lex;
	int            rv = NERP_OK;

	lex = calloc(1, sizeof(*lex));
	if (lex == NULL) {
		return (NERP_ENOMEM);
	}
	lex->key = key;
	rv       = grow_slots(lex);
	for (int i = 0; rv == NERP_OK && lexicon_files[i] != NULL; i++) {
		rv = load_file(
		    lex, dir, lexicon_files[i], word_line, err, errlen);
	}
	if (rv == NERP_OK) {
		rv = load_file(
		    lex, dir, "grammar.tsv", grammar_line, err, errlen);
	}
	if (rv == NERP_OK) {
		rv = start_lists(lex);
	}
	if (rv != NERP_OK) {
		dates_lexicon_free(lex);
		return (rv);
	}
	for (size_t k = 0; k < lex->n_ent; k++) {
		dates_entry *w = &lex->ent[k];

		w->next_word
		    = (next_classes(lex, w) & ~DATES_WORD_CLASSES) == 0;
		if (w->cls & lex->lead_first) {
			dates_start_mark(lex->starts, w->key);
			if (!w->next_word) {
				dates_key_mark(lex->keymap, w->key, DK_FREE);
			}
		}
		if (w->cls & DC_BIT(DC_TENSE)) {
			dates_key_mark(lex->keymap, w->key, DK_TENSE);
		}
		if ((w->cls & DC_BIT(DC_MOD)) == 0) {
			continue;
		}
		if (w->word[0] >= 'a' && w->word[0] <= 'z') {
			lex->mod_lens |= (uint32_t) 1 << w->len;
			lex->mod_initials |= (uint32_t) 1
			    << (w->word[0] - 'a');
		} else {
			/* not a letter: no filter by initial */
			lex->mod_initials = UINT32_MAX;
		}
	}
	*out = lex;
	return (NERP_OK);
}

void
dates_lexicon_free(dates_lexicon *lex)
{
	if (lex == NULL) {
		return;
	}
	free(lex->ent);
	free(lex->slot);
	free(lex->rule);
	free(lex->start);
	free(lex);
}

size_t
dates_rule_count(const dates_lexicon *lex)
{
	return (lex->n_rule);
}

const char *
dates_rule_name(const dates_lexicon *lex, size_t i)
{
	return (i < lex->n_rule ? lex->rule[i].name : NULL);
}
