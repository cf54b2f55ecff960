/*
 * tests/membership_scale_test.c: what keeps the recognizer's cost linear
 * in the document's size (the stable sort of runs, the searches by
 * token), and a long document of many parts, which must give every part
 * the triples it gives alone.  Nothing here times anything: the sort's
 * work is counted in comparisons.
 */
#include "membership_test.h"

TestSuite(membership_scale, .init = mt_load, .fini = mt_unload);

typedef struct item {
	uint32_t tok; /* the key (first: mb_from_tok reads it) */
	uint32_t seq; /* the position before sorting */
} item;

static size_t comparisons;

static int
cmp_item(const void *a, const void *b)
{
	const item *x = a, *y = b;

	comparisons++;
	return (x->tok < y->tok ? -1 : (x->tok > y->tok));
}

/* k runs in order, one after another, each of n / k items with keys that
 * interleave with the other runs' (and repeat, for the ties). */
static void
make_runs(item *v, size_t n, size_t k)
{
	for (size_t i = 0; i < n; i++) {
		size_t run = i / (n / k), pos = i % (n / k);

		v[i].tok = (uint32_t) ((pos * k + run) / 2);
		v[i].seq = (uint32_t) i;
	}
}

Test(membership_scale, sort_runs_orders_stably_like_an_insertion_sort)
{
	enum { N = 1000 };
	static item v[N], want[N], tmp[N];

	for (size_t k = 1; k <= 7; k++) {
		make_runs(v, N, k);
		memcpy(want, v, sizeof(v));
		for (size_t i = 1; i < N; i++) { /* the reference */
			item   x = want[i];
			size_t j = i;

			while (j > 0 && want[j - 1].tok > x.tok) {
				want[j] = want[j - 1];
				j--;
			}
			want[j] = x;
		}
		mb_sort_runs(v, N, sizeof(v[0]), cmp_item, tmp);
		for (size_t i = 0; i < N; i++) {
			cr_assert(
			    v[i].tok == want[i].tok && v[i].seq == want[i].seq,
			    "%zu runs: item %zu is %u/%u, want %u/%u", k, i,
			    v[i].tok, v[i].seq, want[i].tok, want[i].seq);
		}
	}
}

Test(membership_scale, sort_runs_merges_k_runs_in_about_n_log_k_comparisons)
{
	enum { N = 8192 };
	static item v[N], tmp[N];

	/* four runs: two passes of at most 2n comparisons each, where an
	 * insertion sort would make some 3n * n / 8 (each item passes the
	 * items of the runs before it that are larger) */
	make_runs(v, N, 4);
	comparisons = 0;
	mb_sort_runs(v, N, sizeof(v[0]), cmp_item, tmp);
	cr_assert_leq(comparisons, (size_t) N * 5,
	    "%zu comparisons for %d items in 4 runs", comparisons, N);
	for (size_t i = 1; i < N; i++) {
		cr_assert_leq(v[i - 1].tok, v[i].tok);
	}
}

Test(membership_scale, sort_runs_leaves_an_ordered_array_and_its_scratch)
{
	enum { N = 100 };
	item v[N], tmp[N];

	make_runs(v, N, 1);
	memset(tmp, 0xAB, sizeof(tmp));
	comparisons = 0;
	mb_sort_runs(v, N, sizeof(v[0]), cmp_item, tmp);
	cr_assert_eq(comparisons, N - 1);
	for (size_t i = 0; i < N; i++) {
		cr_assert_eq(v[i].seq, i);
		cr_assert_eq(((unsigned char *) tmp)[i * sizeof(item)], 0xAB);
	}
	/* nothing to sort: no comparison */
	mb_sort_runs(v, 1, sizeof(v[0]), cmp_item, tmp);
	mb_sort_runs(v, 0, sizeof(v[0]), cmp_item, tmp);
	cr_assert_eq(comparisons, N - 1);
}

Test(membership_scale, from_tok_finds_the_first_element_at_or_after_a_token)
{
	static const item v[] = { { 2, 0 }, { 5, 1 }, { 5, 2 }, { 9, 3 } };
	size_t            n   = sizeof(v) / sizeof(v[0]);

	cr_assert_eq(mb_from_tok(v, n, sizeof(v[0]), 0), 0);
	cr_assert_eq(mb_from_tok(v, n, sizeof(v[0]), 2), 0);
	cr_assert_eq(mb_from_tok(v, n, sizeof(v[0]), 3), 1);
	cr_assert_eq(mb_from_tok(v, n, sizeof(v[0]), 5), 1);
	cr_assert_eq(mb_from_tok(v, n, sizeof(v[0]), 6), 3);
	cr_assert_eq(mb_from_tok(v, n, sizeof(v[0]), 10), 4);
	cr_assert_eq(mb_from_tok(v, 0, sizeof(v[0]), 1), 0);
}

/* ---------------------------------------------------------------- long */

/* One part of the long document: member m, m2 and m3 (countries of
 * their own, so that no part repeats another's triples), organisations
 * named by the plugin's aliases and by upstream, a date, "it" and "the
 * bloc". */
static const char *const part_fmt
    = "%s joined the African Union in 2010, and the bloc welcomed it. "
      "The ministry of %s said on Monday that it became a member of the "
      "Group of 20 later. %s, which applied to join the European "
      "Union, is a candidate; its envoy met ministers. %s and %s "
      "are founding members of the bloc. The talks went on for hours.\n\n";

static const char *const countries[] = { "France", "Germany", "Spain", "Italy",
	"Portugal", "Poland", "Austria", "Hungary", "Greece", "Sweden",
	"Norway", "Finland", "Denmark", "Ireland", "Belgium", "Chile", "Peru",
	"Bolivia", "Colombia", "Ecuador", "Kenya", "Ghana", "Nigeria",
	"Senegal", "Morocco", "Egypt", "Ethiopia", "Iran", "Iraq", "Jordan",
	"India", "Nepal", "Japan", "Vietnam", "Laos", "Cambodia", "Mongolia",
	"Canada", "Mexico", "Cuba", "Brazil", "Argentina" };

#define NPARTS (sizeof(countries) / sizeof(countries[0]) / 3)
#define MAX_TOK 16384
#define MAX_UP 256

typedef struct run_up {
	nerp_entity orgs[MAX_UP], dates[MAX_UP];
	nerp_attr   attrs[MAX_UP][2];
	size_t      norgs, ndates;
} run_up;

/* Upstream entities of text: "European Union" as an organisation and
 * every "2010" as a date, in text order (as the host hands them over). */
static void
find_upstream(const char *text, run_up *u)
{
	memset(u, 0, sizeof(*u));
	for (const char *p = text; (p = strstr(p, "European Union")) != NULL;
	     p++) {
		nerp_entity *e = &u->orgs[u->norgs];

		cr_assert_lt(u->norgs, MAX_UP);
		e->start = (uint32_t) (p - text);
		e->end   = e->start + (uint32_t) strlen("European Union");
		e->kind  = "organization";
		e->score = -1.0f;
		u->attrs[u->norgs][0] = (nerp_attr) { "canonical", "EU" };
		e->attrs              = u->attrs[u->norgs];
		e->n_attrs            = 1;
		u->norgs++;
	}
	for (const char *p = text; (p = strstr(p, "2010")) != NULL; p++) {
		nerp_entity *e = &u->dates[u->ndates++];

		cr_assert_leq(u->ndates, MAX_UP);
		e->start = (uint32_t) (p - text);
		e->end   = e->start + 4;
		e->kind  = "date";
		e->value = "2010";
		e->score = -1.0f;
	}
}

/* The triples of text with its upstream (copied out of the arena). */
static size_t
run_text(const char *text, mb_triple *out, size_t cap)
{
	static nerp_token toks[MAX_TOK];
	static uint64_t   keys[MAX_TOK];
	static run_up     u;
	mb_upstream       up = { 0 };
	size_t            n = neri_tokenize(text, strlen(text), toks, MAX_TOK);
	mb_triple        *tr;
	size_t            ntr;

	cr_assert_lt(n, MAX_TOK);
	neri_keys(text, toks, n, keys);
	find_upstream(text, &u);
	up.orgs   = u.orgs;
	up.norgs  = u.norgs;
	up.dates  = u.dates;
	up.ndates = u.ndates;
	mt_used   = 0;
	cr_assert_eq(mb_analyze(mt_lex, text, strlen(text), toks, keys, n, &up,
	                 "2025-01-06", &mt_arena, &tr, &ntr),
	    0);
	cr_assert_leq(ntr, cap);
	memcpy(out, tr, ntr * sizeof(*tr));
	return (ntr);
}

Test(membership_scale, long_document_gives_every_part_its_own_triples)
{
	static char      doc[NPARTS * 512];
	static mb_triple all[512], one[64];
	size_t           len = 0, nall, found = 0;
	size_t           starts[NPARTS + 1];

	for (size_t i = 0; i < NPARTS; i++) {
		starts[i] = len;
		len += (size_t) snprintf(doc + len, sizeof(doc) - len,
		    part_fmt, countries[3 * i], countries[3 * i + 1],
		    countries[3 * i + 2], countries[3 * i],
		    countries[3 * i + 1]);
		cr_assert_lt(len, sizeof(doc));
	}
	starts[NPARTS] = len;
	nall           = run_text(doc, all, 512);
	for (size_t i = 0; i < NPARTS; i++) {
		char   part[512];
		size_t plen = starts[i + 1] - starts[i], n, k = 0;

		memcpy(part, doc + starts[i], plen);
		part[plen] = '\0';
		n          = run_text(part, one, 64);
		cr_assert_geq(n, 4, "part %zu gives %zu triples alone", i, n);
		/* the long document's triples of this part, in order */
		for (size_t j = 0; j < nall; j++) {
			const mb_triple *a = &all[j], *b = &one[k];

			if (a->start < starts[i]
			    || a->start >= starts[i + 1]) {
				continue;
			}
			cr_assert_lt(k, n, "part %zu: extra %s/%s", i,
			    a->member, a->org);
			cr_assert(strcmp(a->member, b->member) == 0
			        && strcmp(a->org, b->org) == 0
			        && a->status == b->status
			        && (a->since == NULL) == (b->since == NULL)
			        && a->start - starts[i] == b->start
			        && a->end - starts[i] == b->end,
			    "part %zu, triple %zu: %s/%s/%s at %u, alone "
			    "%s/%s/%s at %u",
			    i, k, a->member, a->org, mb_status_name(a->status),
			    a->start - (uint32_t) starts[i], b->member, b->org,
			    mb_status_name(b->status), b->start);
			k++;
		}
		cr_assert_eq(
		    k, n, "part %zu: %zu of its %zu triples", i, k, n);
		found += k;
	}
	cr_assert_eq(found, nall);
}

/* ---------------------------------------------------------------- long
 * sentences: what is looked for in a sentence is found from its start,
 * however many mentions or cues it holds */

Test(membership_scale, the_country_in_a_long_sentence_is_its_first_country)
{
	static char text[8192];
	size_t      len = 0;

	len += (size_t) snprintf(text + len, sizeof(text) - len,
	    "Chile hosted talks with officials from Peru");
	for (size_t i = 0; i < 30; i++) {
		len += (size_t) snprintf(text + len, sizeof(text) - len,
		    ", then with officials from %s", countries[i]);
	}
	snprintf(text + len, sizeof(text) - len,
	    " and then the country applied to join BRICS.");
	MT_EXPECT(text, NULL, "CL/BRICS/applicant");
}

Test(membership_scale, a_refusal_blocks_the_cues_of_its_own_sentence_only)
{
	/* several cues in the refusing sentence, one in the next */
	MT_EXPECT("Chile refused to say whether Peru joined BRICS, whether "
	          "Bolivia joined BRICS or whether Ecuador joined BRICS. "
	          "Colombia joined BRICS.",
	    NULL, "CO/BRICS/member");
	MT_EXPECT("Colombia joined BRICS. Chile refused to say whether Peru "
	          "joined BRICS.",
	    NULL, "CO/BRICS/member");
}

/* ---------------------------------------------------------------- one
 * sentence of a whole document (a client may send megabytes without a
 * sentence break): each pronoun finds what it stands for without a walk
 * back over all the sentence's mentions */

/* A bump arena over one block of the heap, for documents larger than
 * mt_arena's. */
static unsigned char *big_block;
static size_t         big_used, big_cap;

static void *
big_alloc(void *ctx, size_t size)
{
	size_t off = (big_used + 15) & ~(size_t) 15;

	(void) ctx;
	if (off + size > big_cap) {
		return (NULL);
	}
	big_used = off + size;
	return (big_block + off);
}

/* Runs the recognizer over text[0..len) with upstream up in a heap arena
 * of 256 MB; the triples into *tr, theirs until big_done(). */
static size_t
big_run(const char *text, size_t len, const mb_upstream *up, mb_triple **tr)
{
	const mb_arena arena = { big_alloc, NULL };
	nerp_token    *toks  = malloc(len * sizeof(*toks));
	uint64_t      *keys  = malloc(len * sizeof(*keys));
	size_t         ntok, ntr;

	big_cap   = (size_t) 256 << 20;
	big_block = malloc(big_cap);
	big_used  = 0;
	cr_assert(toks != NULL && keys != NULL && big_block != NULL);
	ntok = neri_tokenize(text, len, toks, len);
	neri_keys(text, toks, ntok, keys);
	cr_assert_eq(mb_analyze(mt_lex, text, len, toks, keys, ntok, up, NULL,
	                 &arena, tr, &ntr),
	    0);
	free(keys);
	free(toks);
	return (ntr);
}

static void
big_done(void)
{
	free(big_block);
	big_block = NULL;
}

Test(membership_scale, pronouns_in_a_sentence_of_a_million_tokens)
{
	/* 60000 parts, 3.4 MB (the server takes 4 MB): each part's "they"
	 * finds no list and "his country" no official, so that walks back
	 * over every mention before them would take some 3.6e9 steps for
	 * each kind of pronoun (30 s where this takes 1).  "His country" is
	 * then the country the text is about: the sentence's first. */
	enum { PARTS = 60000 };
	static const char part[]
	    = "officials from %s said they met, and his country joined "
	      "BRICS, ";
	size_t      cap = PARTS * (sizeof(part) + 12) + 64, len = 0, ntr;
	char       *text = malloc(cap);
	mb_upstream up   = { 0 };
	mb_triple  *tr;

	cr_assert_not_null(text);
	len += (size_t) snprintf(text, cap, "Argentina said ");
	for (size_t i = 0; i < PARTS; i++) {
		len += (size_t) snprintf(
		    text + len, cap - len, part, countries[1 + i % 30]);
	}
	text[len - 2] = '.';
	ntr           = big_run(text, len, &up, &tr);
	cr_assert_eq(ntr, 1, "%zu triples", ntr);
	cr_expect_str_eq(tr[0].member, "AR");
	cr_expect_str_eq(tr[0].org, "BRICS");
	cr_expect_eq(tr[0].status, MB_MEMBER);
	big_done();
	free(text);
}

/* Upstream organisations for every occurrence of name in text from
 * offset from on (to the text's end: a part just written), added to e[*n]
 * on; none of the lexicon's (they stand for no organisation); attr is
 * their one attribute.  (Searched part by part: ASan's strstr measures
 * the whole text at each call.) */
static void
unknown_orgs(const char *text, size_t from, const char *name, nerp_entity *e,
    size_t *n, const nerp_attr *attr)
{
	for (const char *p = text + from; (p = strstr(p, name)) != NULL; p++) {
		nerp_entity *x = &e[(*n)++];

		memset(x, 0, sizeof(*x));
		x->start   = (uint32_t) (p - text);
		x->end     = x->start + (uint32_t) strlen(name);
		x->kind    = "organization";
		x->score   = -1.0f;
		x->attrs   = attr;
		x->n_attrs = 1;
	}
}

static int
cmp_entity(const void *a, const void *b)
{
	const nerp_entity *x = a, *y = b;

	return (x->start < y->start ? -1 : (x->start > y->start));
}

/* The triples of PARTS parts of fmt (each with one %s: a country, in
 * turn) after head, in one text, with the upstream organisations
 * "Acme Holdings Corp" and "Zenith Motors Inc" wherever they occur (none
 * of the lexicon's); checks each is a member of BRICS, and returns
 * their count. */
static size_t
brics_members(const char *head, const char *fmt, size_t parts)
{
	static const nerp_attr acme = { "name", "Acme Holdings Corp" };
	static const nerp_attr zen  = { "name", "Zenith Motors Inc" };
	size_t       cap  = parts * (strlen(fmt) + 12) + strlen(head) + 1;
	size_t       len  = 0, ntr;
	char        *text = malloc(cap);
	nerp_entity *orgs = malloc(2 * parts * sizeof(*orgs));
	mb_upstream  up   = { 0 };
	mb_triple   *tr;

	cr_assert(text != NULL && orgs != NULL);
	len += (size_t) snprintf(text, cap, "%s", head);
	for (size_t i = 0; i < parts; i++) {
		size_t at = len;

		len += (size_t) snprintf(
		    text + len, cap - len, fmt, countries[i % 30]);
		unknown_orgs(
		    text, at, "Acme Holdings Corp", orgs, &up.norgs, &acme);
		unknown_orgs(
		    text, at, "Zenith Motors Inc", orgs, &up.norgs, &zen);
	}
	cr_assert_eq(up.norgs, 2 * parts);
	qsort(orgs, up.norgs, sizeof(*orgs), cmp_entity);
	up.orgs = orgs;
	ntr     = big_run(text, len, &up, &tr);
	for (size_t i = 0; i < ntr; i++) {
		cr_expect_str_eq(tr[i].org, "BRICS");
		cr_expect_eq(tr[i].status, MB_MEMBER);
	}
	big_done();
	free(orgs);
	free(text);
	return (ntr);
}

Test(membership_scale, the_organisation_last_named_past_many_unknown_ones)
{
	/* "Chile joined in 2010": the organisation the text was last about
	 * is BRICS, named once at the start, before 120000 organisations
	 * that are none of the lexicon's.  A walk back over all of them for
	 * each cue would take some 3.6e9 steps (5 s where this takes 0.4);
	 * they are passed at once.  Every country of the parts, once. */
	cr_expect_eq(brics_members("BRICS met in Kazan. ",
	                 "Acme Holdings Corp signed a deal with Zenith Motors "
	                 "Inc. %s joined in 2010. ",
	                 60000),
	    30);
}

Test(membership_scale, the_organisation_of_a_sentence_of_a_million_tokens)
{
	/* the same in one sentence: BRICS is the sentence's organisation
	 * for every cue, and the reporting verbs that would cut a member
	 * slot are looked for in the sentence's list of them, not by walks
	 * over it (34 s walking, where this takes 0.4) */
	cr_expect_eq(brics_members("BRICS met in Kazan, ",
	                 "Acme Holdings Corp signed a deal with Zenith Motors "
	                 "Inc, %s joined in 2010, the members met, ",
	                 60000),
	    30);
}
