/*
 * tests/organizations_parts_test.c: the organizations plugin's parts: the
 * word table, the lexicon loader, token classes and overlap selection.
 */
#include <stdio.h>
#include <unistd.h>

#include "organizations_helpers.h"
#include "org_scan.h"
#include "org_words.h"

Test(organizations_words, lookup_ignores_ascii_case_and_ors_classes)
{
	org_words *w;

	cr_assert_eq(org_words_alloc(&w, neri_key), 0);
	cr_assert_eq(org_words_add(w, "Ministry", 8, ORG_W_HEAD), 0);
	cr_assert_eq(org_words_add(w, "MINISTRY", 8, ORG_W_ALONE), 0);
	cr_assert_eq(
	    org_words_get(w, "ministry", 8), ORG_W_HEAD | ORG_W_ALONE);
	cr_assert_eq(org_words_get(w, "Ministr", 7), 0);
	cr_assert_eq(
	    org_words_get(w, "Ministryx", 8), ORG_W_HEAD | ORG_W_ALONE);
	org_words_free(w);
}

Test(organizations_words, keyed_lookup_finds_words_by_their_host_key)
{
	org_words  *w;
	const char *long_word = "Telecommunications-Regulatory";

	cr_assert_eq(org_words_alloc(&w, neri_key), 0);
	cr_assert_eq(org_words_add(w, "Council", 7, ORG_W_HEAD), 0);
	cr_assert_eq(
	    org_words_add(w, long_word, strlen(long_word), ORG_W_SUFFIX), 0);
	cr_assert_eq(
	    org_words_get_keyed(w, neri_key("COUNCIL", 7), "COUNCIL", 7),
	    ORG_W_HEAD);
	cr_assert_eq(
	    org_words_get_keyed(w, neri_key("councils", 8), "councils", 8), 0);
	cr_assert_eq(org_words_get_keyed(w,
	                 neri_key("telecommunications-regulatory", 29),
	                 "telecommunications-regulatory", 29),
	    ORG_W_SUFFIX);
	org_words_free(w);
}

Test(organizations_words, keyed_lookup_keeps_accented_words_apart)
{
	org_words *w;

	/* "Bänk" shares the key of "bank" (folding strips the mark), but
	 * the lists hold plain words: it must not be taken for one. */
	cr_assert_eq(org_words_alloc(&w, neri_key), 0);
	cr_assert_eq(org_words_add(w, "Bank", 4, ORG_W_HEAD), 0);
	cr_assert_eq(neri_key("B\xc3\xa4nk", 5), neri_key("bank", 4));
	cr_assert_eq(org_words_get_keyed(
	                 w, neri_key("B\xc3\xa4nk", 5), "B\xc3\xa4nk", 5),
	    0);
	cr_assert_eq(org_words_get(w, "B\xc3\xa4nk", 5), 0);
	cr_assert_eq(org_words_get(w, "BANK", 4), ORG_W_HEAD);
	org_words_free(w);
}

Test(organizations_words, filter_passes_added_keys_and_stops_others)
{
	org_words      *w;
	const uint64_t *filter;

	cr_assert_eq(org_words_alloc(&w, neri_key), 0);
	cr_assert_eq(org_words_add(w, "Agency", 6, ORG_W_HEAD), 0);
	filter = org_words_filter(w);
	cr_assert(org_filter_has(filter, neri_key("agency", 6)));
	cr_assert(org_filter_has(filter, neri_key("AGENCY", 6)));
	/* One word in a 131,072-bit filter: these land on other bits. */
	cr_assert_not(org_filter_has(filter, neri_key("weather", 7)));
	cr_assert_not(org_filter_has(filter, neri_key("said", 4)));
	org_words_free(w);
}

Test(organizations_words, key_set_holds_the_keys_of_a_class)
{
	org_words  *w;
	uint64_t    set[16] = { 0 };
	nerl_keyset ks      = { set, 64 - 10 }; /* 1024 bits */
	size_t      k, bits = 0;

	cr_assert_eq(org_words_alloc(&w, neri_key), 0);
	cr_assert_eq(org_words_add(w, "Cup", 3, ORG_W_EVENT), 0);
	cr_assert_eq(
	    org_words_add(w, "Index", 5, ORG_W_EVENT | ORG_W_STOP), 0);
	cr_assert_eq(org_words_add(w, "Agency", 6, ORG_W_HEAD), 0);
	org_words_key_set(w, ORG_W_EVENT, set, &ks);
	cr_assert(nerl_keyset_has(&ks, neri_key("CUP", 3)));
	cr_assert(nerl_keyset_has(&ks, neri_key("index", 5)));
	/* Only the two event words' bits are set, not the head's. */
	for (k = 0; k < 16; k++) {
		bits += (size_t) __builtin_popcountll(set[k]);
	}
	cr_assert_leq(bits, 2);
	cr_assert_geq(bits, 1);
	org_words_free(w);
}

Test(organizations_words, alloc_needs_a_key_function)
{
	org_words *w = NULL;

	cr_assert_eq(org_words_alloc(&w, NULL), NERP_EINVAL);
	cr_assert_null(w);
}

Test(organizations_words, grows_past_its_first_table)
{
	org_words *w;
	char       buf[16];
	int        i;

	cr_assert_eq(org_words_alloc(&w, neri_key), 0);
	for (i = 0; i < 2000; i++) {
		int len = snprintf(buf, sizeof(buf), "w%d", i);
		cr_assert_eq(
		    org_words_add(w, buf, (size_t) len, ORG_W_STOP), 0);
	}
	for (i = 0; i < 2000; i++) {
		int len = snprintf(buf, sizeof(buf), "W%d", i);
		cr_assert_eq(org_words_get(w, buf, (size_t) len), ORG_W_STOP);
	}
	cr_assert_eq(org_words_get(w, "w2000", 5), 0);
	org_words_free(w);
}

Test(organizations_words, refuses_empty_and_overlong_words)
{
	org_words *w;
	char       big[64];

	memset(big, 'a', sizeof(big));
	cr_assert_eq(org_words_alloc(&w, neri_key), 0);
	cr_assert_eq(org_words_add(w, "", 0, ORG_W_STOP), NERP_EINVAL);
	cr_assert_eq(
	    org_words_add(w, big, sizeof(big), ORG_W_STOP), NERP_EINVAL);
	cr_assert_eq(org_words_get(w, big, sizeof(big)), 0);
	org_words_free(w);
}

Test(organizations_words, load_skips_comments_and_reports_missing_files)
{
	char       path[]   = "/tmp/orgwordsXXXXXX";
	char       err[256] = "";
	org_words *w;
	FILE      *f;
	int        fd;

	fd = mkstemp(path);
	cr_assert_geq(fd, 0);
	f = fdopen(fd, "w");
	fputs("# a comment\n\nCouncil\tignored column\nAgency\n", f);
	fclose(f);
	cr_assert_eq(org_words_alloc(&w, neri_key), 0);
	cr_assert_eq(org_words_load(w, path, ORG_W_HEAD, err, sizeof(err)), 0);
	cr_assert_eq(org_words_get(w, "Council", 7), ORG_W_HEAD);
	cr_assert_eq(org_words_get(w, "Agency", 6), ORG_W_HEAD);
	cr_assert_eq(org_words_get(w, "# a comment", 11), 0);
	unlink(path);
	cr_assert_eq(org_words_load(w, path, ORG_W_HEAD, err, sizeof(err)),
	    NERP_ENOENT);
	cr_assert(strstr(err, path) != NULL);
	org_words_free(w);
}

/* Writes the len bytes of text to a new temporary file, whose name goes
 * to path (a "/tmp/orgwordsXXXXXX" buffer). */
static void
write_words(char *path, const char *text, size_t len)
{
	FILE *f;
	int   fd;

	fd = mkstemp(path);
	cr_assert_geq(fd, 0);
	f = fdopen(fd, "wb");
	cr_assert_not_null(f);
	cr_assert_eq(fwrite(text, 1, len, f), len);
	fclose(f);
}

Test(organizations_words, load_skips_a_byte_order_mark_and_long_comments)
{
	char       path[]   = "/tmp/orgwordsXXXXXX";
	char       err[256] = "";
	char       text[700];
	org_words *w;

	/* a mark was read into the first line; a comment was read in pieces
	 * of 511 bytes, the next piece taken for a word */
	memcpy(text,
	    "\xEF\xBB\xBF"
	    "Agency\n#",
	    11);
	memset(text + 11, 'x', 510);
	memcpy(text + 521, "Tail\nCouncil\n", 13);
	write_words(path, text, 534);
	cr_assert_eq(org_words_alloc(&w, neri_key), 0);
	cr_assert_eq(org_words_load(w, path, ORG_W_HEAD, err, sizeof(err)), 0,
	    "%s", err);
	cr_assert_eq(org_words_get(w, "Agency", 6), ORG_W_HEAD);
	cr_assert_eq(org_words_get(w, "Council", 7), ORG_W_HEAD);
	cr_assert_eq(org_words_get(w, "Tail", 4), 0);
	cr_assert_eq(org_words_get(w, "xTail", 5), 0);
	unlink(path);
	org_words_free(w);
}

Test(organizations_words, load_refuses_unreadable_files_nul_bytes_and_bad_utf8)
{
	static const char nul[]    = "Agency\nCoun\0cil\n";
	static const char badu[]   = "Agency\nCo\xC3uncil\n";
	char              path[]   = "/tmp/orgwordsXXXXXX";
	char              dir[]    = "/tmp/orgwordsXXXXXX";
	char              err[256] = "";
	org_words        *w;

	cr_assert_eq(org_words_alloc(&w, neri_key), 0);
	write_words(path, nul, sizeof(nul) - 1);
	cr_assert_eq(org_words_load(w, path, ORG_W_HEAD, err, sizeof(err)),
	    NERP_EINVAL);
	cr_assert(strstr(err, ":2") != NULL, "err: %s", err);
	unlink(path);
	strcpy(path, "/tmp/orgwordsXXXXXX");
	write_words(path, badu, sizeof(badu) - 1);
	cr_assert_eq(org_words_load(w, path, ORG_W_HEAD, err, sizeof(err)),
	    NERP_EINVAL);
	cr_assert(strstr(err, ":2") != NULL, "err: %s", err);
	unlink(path);
	/* a directory read as an empty file before */
	cr_assert_not_null(mkdtemp(dir));
	cr_assert_eq(
	    org_words_load(w, dir, ORG_W_HEAD, err, sizeof(err)), NERP_EINVAL);
	cr_assert(strstr(err, dir) != NULL, "err: %s", err);
	rmdir(dir);
	org_words_free(w);
}

Test(organizations_lexicon, loads_the_bundled_data)
{
	const org_entry *e = NULL;
	size_t           i;

	orgt_setup();
	cr_assert_gt(orgt_lex->n_entries, 300);
	for (i = 0; i < orgt_lex->n_entries; i++) {
		if (strcmp(orgt_lex->entries[i].name, "Council of Europe")
		    == 0) {
			e = &orgt_lex->entries[i];
		}
	}
	cr_assert_not_null(e);
	cr_assert_str_eq(e->canonical, "CoE");
	cr_assert_str_eq(e->acronym, "CoE");
	cr_assert_not_null(orgt_lex->countries);
	orgt_teardown();
}

Test(organizations_lexicon, missing_data_dir_is_refused_with_a_message)
{
	nerp_host    host     = { 0 };
	org_lexicon *lex      = NULL;
	char         err[512] = "";

	host.size     = sizeof(host);
	host.tokenize = neri_tokenize;
	host.key      = neri_key;
	cr_assert_eq(org_lexicon_load(&lex, &host, "/nonexistent/orgs", NULL,
	                 err, sizeof(err)),
	    NERP_ENOENT);
	cr_assert_null(lex);
	cr_assert(strstr(err, "/nonexistent/orgs") != NULL, "err: %s", err);
}

/* Loads the bundled data with file replaced by contents into *lex (NULL
 * when refused); returns org_lexicon_load's result, its message in err. */
static int
load_with(const char *file, const char *contents, org_lexicon **lex, char *err,
    size_t errlen)
{
	nerp_host host  = { 0 };
	char      dir[] = "/tmp/orggazXXXXXX";
	char      cmd[256], path[128];
	FILE     *f;
	int       rv;

	host.size     = sizeof(host);
	host.tokenize = neri_tokenize;
	host.key      = neri_key;
	cr_assert_not_null(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd), "cp %s/* %s/", ORGT_DATA, dir);
	cr_assert_eq(system(cmd), 0);
	snprintf(path, sizeof(path), "%s/%s", dir, file);
	f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs(contents, f);
	fclose(f);
	*lex = NULL;
	rv   = org_lexicon_load(lex, &host, dir, NULL, err, errlen);
	cr_assert((rv == 0) == (*lex != NULL));
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	cr_assert_eq(system(cmd), 0);
	return (rv);
}

/* load_with for organizations.tsv. */
static int
load_gazetteer(const char *rows, org_lexicon **lex, char *err, size_t errlen)
{
	return (load_with("organizations.tsv", rows, lex, err, errlen));
}

/* load_gazetteer, the lexicon freed at once. */
static int
load_gazetteer_rows(const char *rows, char *err, size_t errlen)
{
	org_lexicon *lex = NULL;
	int          rv  = load_gazetteer(rows, &lex, err, errlen);

	org_lexicon_free(lex);
	return (rv);
}

Test(organizations_lexicon, gazetteer_rows_need_their_six_columns)
{
	char err[512] = "";

	cr_assert_eq(
	    load_gazetteer_rows(
	        "Freedonian Agency\t-\tFA\t-\tFD\t-\n", err, sizeof(err)),
	    0, "%s", err);
	/* a "-" left out: the acronym was read as an alias, and so on */
	cr_assert_eq(
	    load_gazetteer_rows(
	        "# x\nFreedonian Agency\tFA\t-\tFD\t-\n", err, sizeof(err)),
	    NERP_EINVAL);
	cr_assert(strstr(err, "organizations.tsv:2") != NULL, "err: %s", err);
	cr_assert_eq(
	    load_gazetteer_rows(
	        "Freedonian Agency\t-\tFA\t-\tFD\t-\tx\n", err, sizeof(err)),
	    NERP_EINVAL);
	cr_assert(strstr(err, "organizations.tsv:1") != NULL, "err: %s", err);
}

Test(organizations_lexicon, gazetteer_flags_and_countries_must_be_known)
{
	char err[512] = "";

	cr_assert_eq(load_gazetteer_rows(
	                 "Freedonian Agency\t-\tFA\t-\tFD\tnostart,metonym\n",
	                 err, sizeof(err)),
	    0, "%s", err);
	/* a misspelt flag was ignored unseen */
	cr_assert_eq(
	    load_gazetteer_rows("Freedonian Agency\t-\tFA\t-\tFD\tnostrat\n",
	        err, sizeof(err)),
	    NERP_EINVAL);
	cr_assert(strstr(err, "nostrat") != NULL, "err: %s", err);
	/* a name for a code went out as attrs.country */
	cr_assert_eq(
	    load_gazetteer_rows("Freedonian Agency\t-\tFA\t-\tFreedonia\t-\n",
	        err, sizeof(err)),
	    NERP_EINVAL);
	cr_assert(strstr(err, "organizations.tsv:1") != NULL, "err: %s", err);
}

Test(organizations_lexicon, attributes_are_first_alternatives_without_spaces)
{
	org_lexicon *lex      = NULL;
	char         err[512] = "";

	/* kept before: "FA " went out as attrs.acronym */
	cr_assert_eq(load_gazetteer("Freedonian Agency | Agency of Freedonia"
	                            "\t-\tFA | F.A.\tFRA |FA\tFD\t-\n",
	                 &lex, err, sizeof(err)),
	    0, "%s", err);
	cr_assert_str_eq(lex->entries[0].name, "Freedonian Agency");
	cr_assert_str_eq(lex->entries[0].acronym, "FA");
	cr_assert_str_eq(lex->entries[0].canonical, "FRA");
	org_lexicon_free(lex);
}

Test(organizations_lexicon, a_name_with_an_unlistable_first_word_is_refused)
{
	char        err[512] = "";
	const char *row      = "Aaaaaaaaaaaaaaaaaaaaaaaaa"
	                       "aaaaaaaaaaaaaaaaaaaaaaaaa Agency"
	                       "\t-\tAA\t-\tFD\t-\n";

	/* a first word over ORG_WORD_MAX loaded, but the gazetteer starts
	 * names only at listed words: the name was never found */
	cr_assert_eq(load_gazetteer_rows(row, err, sizeof(err)), NERP_EINVAL);
	cr_assert(strstr(err, "organizations.tsv:1") != NULL, "err: %s", err);
}

Test(organizations_lexicon, a_team_line_with_a_tab_is_refused)
{
	org_lexicon *lex      = NULL;
	char         err[512] = "";

	/* only "Arsenal" was loaded before, the rest dropped unseen */
	cr_assert_eq(load_with("teams.txt", "Chelsea\nArsenal\tTottenham\n",
	                 &lex, err, sizeof(err)),
	    NERP_EINVAL);
	cr_assert(strstr(err, "teams.txt:2") != NULL, "err: %s", err);
}

Test(organizations_lexicon, host_without_key_function_is_refused)
{
	nerp_host    host     = { 0 };
	org_lexicon *lex      = NULL;
	char         err[512] = "";

	host.size     = sizeof(host);
	host.tokenize = neri_tokenize;
	cr_assert_eq(org_lexicon_load(&lex, &host, ORGT_DATA, ORGT_COMMON, err,
	                 sizeof(err)),
	    NERP_EINVAL);
	cr_assert_null(lex);
	cr_assert(strstr(err, "key") != NULL, "err: %s", err);
}

Test(organizations_lexicon, starts_of_gazetteer_phrases_by_their_first_keys)
{
	const char *text
	    = "NATO and the European Union , not European weather";
	nerp_token toks[16];
	uint64_t   keys[16];
	size_t     n;

	orgt_setup();
	n = neri_tokenize(text, strlen(text), toks, 16);
	cr_assert_eq(n, 9);
	neri_keys(text, toks, n, keys);
	cr_assert(org_starts_may(orgt_lex, keys, n, 0)); /* NATO alone */
	cr_assert(org_starts_may(orgt_lex, keys, n, 3)); /* European Union */
	cr_assert_not(org_starts_may(orgt_lex, keys, n, 7));
	cr_assert_not(org_starts_may(orgt_lex, keys, n, 8)); /* the last */
	orgt_teardown();
}

/* The candidate scan passes a capitalised word whose key is not in
 * head_keys without looking up its class: every head's and suffix's key
 * must be there, or a pattern would silently lose its head. */
Test(organizations_lexicon, head_key_set_holds_every_head_and_suffix)
{
	const org_words *w;
	size_t           i, heads = 0;

	orgt_setup();
	w = orgt_lex->words;
	for (i = 0; i < w->cap; i++) {
		const org_slot *sl = &w->slots[i];

		if (sl->len != 0
		    && (sl->bits & (ORG_W_HEAD | ORG_W_SUFFIX)) != 0) {
			cr_assert(
			    nerl_keyset_has(&orgt_lex->head_keys, sl->key),
			    "%.*s", (int) sl->len, w->pool + sl->off);
			heads++;
		}
	}
	cr_assert_gt(heads, 20);
	orgt_teardown();
}

Test(organizations_classify, tokens_get_their_word_classes)
{
	const char *text = "the Foreign Ministry spokesman said";
	nerp_token  toks[8];
	uint64_t    keys[8];
	uint16_t    cls[ORG_FIRST_LINE_TOKENS];
	uint32_t    caps[8];
	size_t      n;

	orgt_setup();
	n = neri_tokenize(text, strlen(text), toks, 8);
	cr_assert_eq(n, 5);
	neri_keys(text, toks, n, keys);
	cr_assert_eq(
	    org_classify(orgt_lex, text, toks, keys, n, cls, caps), 2);
	cr_assert_eq(caps[0], 1);
	cr_assert_eq(caps[1], 2);
	cr_assert(cls[0] & ORG_W_STOP);
	cr_assert(cls[0] & ORG_W_CONNECT);
	cr_assert_eq(cls[1] & ORG_W_HEAD, 0);
	cr_assert(cls[2] & ORG_W_HEAD);
	cr_assert(cls[3] & ORG_W_TITLE);
	cr_assert(cls[4] & ORG_W_SPEECH);
	orgt_teardown();
}

Test(organizations_classify, numbers_with_a_capital_are_listed_never_named)
{
	/* "3M" is a number with an uppercase initial: it is in caps (the
	 * flag alone decides), but gets no class and starts nothing, not
	 * even a web address. */
	const char *text = "one two three four five six seven eight nine ten "
	                   "eleven twelve : 3M.com and 3M Corp said .";
	nerp_token  toks[32];
	uint64_t    keys[32];
	uint16_t    cls[32];
	uint32_t    caps[32];
	org_mention cand[8];
	size_t      n, ncaps, c, numbers = 0;

	orgt_setup();
	n = neri_tokenize(text, strlen(text), toks, 32);
	neri_keys(text, toks, n, keys);
	ncaps = org_classify(orgt_lex, text, toks, keys, n, cls, caps);
	for (c = 0; c < ncaps; c++) {
		if (toks[caps[c]].kind == NERP_TOK_NUMBER) {
			cr_assert_eq(org_cls_at(orgt_lex, text, toks, keys,
			                 n, cls, caps[c]),
			    0);
			numbers++;
		}
	}
	cr_assert_eq(numbers, 2);
	cr_assert_eq(org_scan_candidates(orgt_lex, text, toks, keys, n, cls,
	                 caps, ncaps, cand, 8),
	    0);
	orgt_teardown();
}

Test(organizations_classify, lowercase_words_are_classed_on_demand_near_names)
{
	/* Past the first line's twelve tokens: "of" after "Ministry" and
	 * "at" two before "Kremlin" count; "said" far from any name does
	 * not, and neither does the lone "of". */
	const char *text = "one two three four five six seven eight nine ten "
	                   "eleven twelve : talks at the Kremlin , the "
	                   "Ministry of Defence , a matter of time as "
	                   "officials said .";
	nerp_token  toks[64];
	uint64_t    keys[64];
	uint16_t    cls[64];
	uint32_t    caps[64];
	size_t      n, i, at = 0, of = 0, said = 0, lone = 0;

	orgt_setup();
	n = neri_tokenize(text, strlen(text), toks, 64);
	neri_keys(text, toks, n, keys);
	cr_assert_eq(
	    org_classify(orgt_lex, text, toks, keys, n, cls, caps), 3);
	for (i = 12; i < n; i++) {
		if (org_tok_is(text, &toks[i], "at")) {
			at = i;
		} else if (org_tok_is(text, &toks[i], "of")) {
			of   = of == 0 ? i : of;
			lone = i;
		} else if (org_tok_is(text, &toks[i], "said")) {
			said = i;
		}
	}
	cr_assert(at > 0 && of > 0 && said > 0 && lone > of);
	cr_assert(
	    org_cls_at(orgt_lex, text, toks, keys, n, cls, at) & ORG_W_PLACE);
	cr_assert(org_cls_at(orgt_lex, text, toks, keys, n, cls, of)
	    & ORG_W_CONNECT);
	cr_assert_eq(org_cls_at(orgt_lex, text, toks, keys, n, cls, said), 0);
	cr_assert_eq(org_cls_at(orgt_lex, text, toks, keys, n, cls, lone), 0);
	/* A capitalised word past the first line is classed when asked
	 * too. */
	cr_assert(org_cls_at(orgt_lex, text, toks, keys, n, cls, caps[1])
	    & ORG_W_HEAD);
	orgt_teardown();
}

Test(organizations_classify,
    an_ampersand_is_classed_on_the_first_line_or_on_demand)
{
	/* "&" is a connector: classed eagerly on the first line, when asked
	 * past it, wherever it stands (even far from a capitalised word). */
	const char *text
	    = "Smith & Wesson\none two three four five six seven "
	      "eight nine ten eleven twelve thirteen & fourteen ,";
	nerp_token toks[32];
	uint64_t   keys[32];
	uint16_t   cls[32];
	uint32_t   caps[32];
	size_t     n, i, first = 0, later = 0;

	orgt_setup();
	n = neri_tokenize(text, strlen(text), toks, 32);
	neri_keys(text, toks, n, keys);
	org_classify(orgt_lex, text, toks, keys, n, cls, caps);
	for (i = 0; i < n; i++) {
		if (org_tok_is(text, &toks[i], "&")) {
			*(first == 0 ? &first : &later) = i;
		}
	}
	cr_assert(first == 1 && later > ORG_FIRST_LINE_TOKENS);
	cr_assert(cls[first] & ORG_W_CONNECT);
	cr_assert(org_cls_at(orgt_lex, text, toks, keys, n, cls, later)
	    & ORG_W_CONNECT);
	/* Other punctuation is in no list. */
	cr_assert(org_tok_is(text, &toks[n - 1], ","));
	cr_assert_eq(org_cls_at(orgt_lex, text, toks, keys, n, cls, n - 1), 0);
	orgt_teardown();
}

static org_mention
orgt_cand(uint32_t tok, uint32_t ntok, int source)
{
	org_mention m;

	memset(&m, 0, sizeof(m));
	m.tok    = tok;
	m.ntok   = ntok;
	m.start  = tok * 10;
	m.end    = (tok + ntok) * 10 - 1;
	m.source = source;
	m.entry  = -1;
	m.link   = -1;
	return (m);
}

/* Orders mentions by start only, so equal starts show stability. */
static int
orgt_start_cmp(const void *a, const void *b)
{
	const org_mention *x = a, *y = b;

	return (x->start < y->start ? -1 : (x->start > y->start ? 1 : 0));
}

Test(organizations_sort, nearly_sorted_mentions_sort_stably)
{
	org_mention m[6];
	uint32_t    starts[6] = { 1, 5, 3, 5, 9, 3 };
	size_t      k;

	memset(m, 0, sizeof(m));
	for (k = 0; k < 6; k++) {
		m[k].start = starts[k];
		m[k].entry = (int) k; /* the original position */
	}
	org_sort(m, 6, orgt_start_cmp);
	cr_assert_eq(m[0].entry, 0);
	cr_assert_eq(m[1].entry, 2); /* 3 before the later 3 */
	cr_assert_eq(m[2].entry, 5);
	cr_assert_eq(m[3].entry, 1); /* 5 before the later 5 */
	cr_assert_eq(m[4].entry, 3);
	cr_assert_eq(m[5].entry, 4);
}

Test(organizations_sort, reversed_mentions_sort_past_the_move_budget)
{
	size_t       n = 500, k;
	org_mention *m = calloc(n, sizeof(*m));

	cr_assert_not_null(m);
	for (k = 0; k < n; k++) {
		m[k].start
		    = (uint32_t) ((n - k) / 2); /* pairs of equal starts */
		m[k].entry = (int) k;
	}
	org_sort(m, n, orgt_start_cmp);
	for (k = 1; k < n; k++) {
		cr_assert_leq(m[k - 1].start, m[k].start);
		if (m[k - 1].start == m[k].start) {
			cr_assert_lt(m[k - 1].entry, m[k].entry);
		}
	}
	free(m);
}

Test(organizations_select, longest_overlapping_candidate_wins)
{
	org_mention m[4];
	size_t      n;

	m[0] = orgt_cand(5, 1, ORG_SRC_GAZETTEER); /* "Council" */
	m[1] = orgt_cand(3, 4, ORG_SRC_PATTERN);   /* the whole name */
	m[2] = orgt_cand(9, 1, ORG_SRC_GAZETTEER); /* apart */
	m[3] = orgt_cand(3, 2, ORG_SRC_GAZETTEER); /* a prefix */
	n    = org_select(m, 4);
	cr_assert_eq(n, 2);
	cr_assert_eq(m[0].tok, 3);
	cr_assert_eq(m[0].ntok, 4);
	cr_assert_eq(m[1].tok, 9);
}

Test(organizations_select, same_span_prefers_the_gazetteer)
{
	org_mention m[2];

	m[0] = orgt_cand(2, 2, ORG_SRC_PATTERN);
	m[1] = orgt_cand(2, 2, ORG_SRC_GAZETTEER);
	cr_assert_eq(org_select(m, 2), 1);
	cr_assert_eq(m[0].source, ORG_SRC_GAZETTEER);
}

Test(organizations_select, later_longer_candidate_replaces_a_shorter_one)
{
	org_mention m[3];
	size_t      n;

	m[0] = orgt_cand(0, 1, ORG_SRC_GAZETTEER);
	m[1] = orgt_cand(2, 1, ORG_SRC_GAZETTEER);
	m[2] = orgt_cand(2, 5, ORG_SRC_PATTERN);
	n    = org_select(m, 3);
	cr_assert_eq(n, 2);
	cr_assert_eq(m[1].ntok, 5);
}

Test(organizations_scan, candidates_come_from_gazetteer_and_patterns)
{
	const char *text = "NATO and the Arctic Fisheries Council met.";
	nerp_token  toks[16];
	uint64_t    keys[16];
	uint16_t    cls[16];
	uint32_t    caps[16];
	org_mention cand[40];
	size_t      n, nc, ncaps;

	orgt_setup();
	n = neri_tokenize(text, strlen(text), toks, 16);
	neri_keys(text, toks, n, keys);
	ncaps = org_classify(orgt_lex, text, toks, keys, n, cls, caps);
	nc    = org_scan_candidates(
	       orgt_lex, text, toks, keys, n, cls, caps, ncaps, cand, 40);
	cr_assert_eq(nc, 2);
	cr_assert_eq(cand[0].source, ORG_SRC_GAZETTEER);
	cr_assert_eq(cand[0].end - cand[0].start, 4);
	cr_assert_eq(cand[1].source, ORG_SRC_PATTERN);
	cr_assert_eq(cand[1].ntok, 3);
	orgt_teardown();
}

/* Past the first line words are classed only when the scan asks: the
 * same names are found there as in the first line. */
Test(organizations_scan, candidates_past_the_first_line_are_found_too)
{
	const char *text
	    = "after many long talks in the old capital on a cold "
	      "day , NATO and the Arctic Fisheries Council met "
	      "Acme Widgets Corp .";
	nerp_token  toks[40];
	uint64_t    keys[40];
	uint16_t    cls[ORG_FIRST_LINE_TOKENS];
	uint32_t    caps[40];
	org_mention cand[40];
	size_t      n, nc, ncaps, nato;

	orgt_setup();
	n = neri_tokenize(text, strlen(text), toks, 40);
	neri_keys(text, toks, n, keys);
	nato = 13;
	cr_assert(org_tok_is(text, &toks[nato], "NATO"));
	cr_assert_gt(nato, ORG_FIRST_LINE_TOKENS);
	ncaps = org_classify(orgt_lex, text, toks, keys, n, cls, caps);
	nc    = org_scan_candidates(
	       orgt_lex, text, toks, keys, n, cls, caps, ncaps, cand, 40);
	cr_assert_eq(nc, 3);
	cr_assert_eq(cand[0].source, ORG_SRC_GAZETTEER);
	cr_assert_eq(cand[0].tok, nato);
	cr_assert_eq(cand[1].source, ORG_SRC_PATTERN);
	cr_assert_eq(cand[1].ntok, 3); /* Arctic Fisheries Council */
	cr_assert_eq(cand[2].source, ORG_SRC_PATTERN);
	cr_assert_eq(cand[2].ntok, 3); /* Acme Widgets Corp */
	orgt_teardown();
}

Test(organizations_scan, candidates_respect_the_cap)
{
	const char *text = "NATO NATO NATO NATO NATO NATO";
	nerp_token  toks[8];
	uint64_t    keys[8];
	uint16_t    cls[ORG_FIRST_LINE_TOKENS];
	uint32_t    caps[8];
	org_mention cand[3];
	size_t      n, ncaps;

	orgt_setup();
	n = neri_tokenize(text, strlen(text), toks, 8);
	neri_keys(text, toks, n, keys);
	ncaps = org_classify(orgt_lex, text, toks, keys, n, cls, caps);
	cr_assert_leq(org_scan_candidates(orgt_lex, text, toks, keys, n, cls,
	                  caps, ncaps, cand, 3),
	    3);
	orgt_teardown();
}

Test(organizations_resolve, links_acronym_and_fills_attributes)
{
	orgt_run *r;

	orgt_setup();
	r = orgt_recognize("The Baltic Grain Council (BGC) met. BGC said "
	                   "yes.");
	cr_assert_eq(r->nm, 3);
	cr_assert_eq(r->m[1].source, ORG_SRC_ACRONYM);
	cr_assert_str_eq(r->m[1].name, "Baltic Grain Council");
	cr_assert_str_eq(r->m[0].acronym, "BGC");
	cr_assert_str_eq(r->m[2].name, "Baltic Grain Council");
	orgt_free(r);
	orgt_teardown();
}

Test(organizations_resolve, bracketed_word_not_matching_is_not_an_acronym)
{
	orgt_run *r;

	orgt_setup();
	r = orgt_recognize("The Baltic Grain Council (Riga) met.");
	cr_assert_eq(r->nm, 1);
	orgt_free(r);
	orgt_teardown();
}

Test(organizations_recognize, empty_document_has_no_mentions)
{
	org_arena    arena = { NULL, NULL };
	org_mention *m     = (org_mention *) 1;
	size_t       nm    = 7;

	orgt_setup();
	cr_assert_eq(
	    org_recognize(orgt_lex, "", 0, NULL, NULL, 0, &arena, &m, &nm), 0);
	cr_assert_eq(nm, 0);
	cr_assert_null(m);
	orgt_teardown();
}

static void *
orgt_fail_alloc(void *arg, size_t size)
{
	(void) arg;
	(void) size;
	return (NULL);
}

Test(organizations_recognize, arena_failure_is_enomem)
{
	const char  *text  = "NATO met.";
	org_arena    arena = { orgt_fail_alloc, NULL };
	nerp_token   toks[4];
	uint64_t     keys[4];
	org_mention *m;
	size_t       n, nm;

	orgt_setup();
	n = neri_tokenize(text, strlen(text), toks, 4);
	neri_keys(text, toks, n, keys);
	cr_assert_eq(org_recognize(orgt_lex, text, strlen(text), toks, keys, n,
	                 &arena, &m, &nm),
	    NERP_ENOMEM);
	orgt_teardown();
}

/* Tokenises text into toks (cap 64) with their keys in keys (room for 64)
 * and classifies it; caps (room for 64)
 * gets the capitalised words, *ncaps their number. */
static size_t
orgt_tokens_caps(const char *text, nerp_token *toks, uint64_t *keys,
    uint16_t *cls, uint32_t *caps, size_t *ncaps)
{
	size_t n = neri_tokenize(text, strlen(text), toks, 64);

	cr_assert_leq(n, 64);
	neri_keys(text, toks, n, keys);
	*ncaps = org_classify(orgt_lex, text, toks, keys, n, cls, caps);
	return (n);
}

/* Tokenises text into toks and keys (cap 64) and classifies it. */
static size_t
orgt_tokens(const char *text, nerp_token *toks, uint64_t *keys, uint16_t *cls)
{
	uint32_t caps[64];
	size_t   ncaps;

	return (orgt_tokens_caps(text, toks, keys, cls, caps, &ncaps));
}

Test(organizations_tokens, a_line_of_55_bytes_was_wrapped_one_of_54_not)
{
	/* 11 words of 4 letters and a space, then one of len - 55 + 4. */
	char       text[128];
	nerp_token toks[64];
	uint64_t   keys[64];
	uint16_t   cls[64];
	size_t     n, len;

	orgt_setup();
	for (len = 54; len <= 55; len++) {
		memset(text, 0, sizeof(text));
		for (n = 0; n < 10; n++) {
			/* Five bytes into the zeroed buffer, no NUL wanted:
			 * NOLINTNEXTLINE(bugprone-not-null-terminated-result) */
			memcpy(text + 5 * n, "word ", 5);
		}
		memset(text + 50, 'z', len - 50);
		memcpy(text + len, "\nNext", 6);
		n = orgt_tokens(text, toks, keys, cls);
		cr_assert_eq(n, 12);
		cr_assert_eq(toks[10].end, len);
		cr_assert_eq(
		    org_joins(text, toks, 11), len == 55, "len %zu", len);
	}
	orgt_teardown();
}

Test(organizations_tokens, joins_wrapped_lines_but_not_headings)
{
	const char *text    = "A short heading\nNext line\n\nAfter a blank";
	const char *wrapped = "This line is long enough to have been wrapped "
	                      "by the wire\nService here";
	nerp_token  toks[64];
	uint64_t    keys[64];
	uint16_t    cls[64];
	size_t      n;

	orgt_setup();
	n = orgt_tokens(text, toks, keys, cls);
	cr_assert_eq(n, 8);
	cr_assert(org_joins(text, toks, 1));
	cr_assert(!org_joins(text, toks, 3)); /* "Next": short line */
	cr_assert(!org_joins(text, toks, 5)); /* "After": blank line */
	cr_assert(!org_joins(text, toks, 0));
	n = orgt_tokens(wrapped, toks, keys, cls);
	cr_assert(org_joins(wrapped, toks, n - 2));
	orgt_teardown();
}

Test(organizations_tokens, capitalised_words_and_exact_text)
{
	const char *text = "NATO's allies";
	nerp_token  toks[64];
	uint64_t    keys[64];
	uint16_t    cls[64];

	orgt_setup();
	cr_assert_eq(orgt_tokens(text, toks, keys, cls), 3);
	cr_assert(org_is_cap(&toks[0]));
	cr_assert(!org_is_cap(&toks[1])); /* the possessive */
	cr_assert(!org_is_cap(&toks[2]));
	cr_assert(org_tok_is(text, &toks[0], "NATO"));
	cr_assert(!org_tok_is(text, &toks[0], "NAT"));
	orgt_teardown();
}

Test(organizations_tokens, span_country_from_leading_word_or_closing_name)
{
	const char *text = "Peruvian Bank of Central African States of Chile";
	nerp_token  toks[64];
	uint64_t    keys[64];
	uint16_t    cls[64];
	size_t      n;

	orgt_setup();
	n = orgt_tokens(text, toks, keys, cls);
	cr_assert_str_eq(
	    org_span_country(orgt_lex, text, toks, keys, n, 0, 2), "PE");
	cr_assert_str_eq(
	    org_span_country(orgt_lex, text, toks, keys, n, 1, 6), "");
	cr_assert_str_eq(
	    org_span_country(orgt_lex, text, toks, keys, n, 1, n), "CL");
	orgt_teardown();
}

Test(organizations_team, clubs_only_in_team_sports_reports)
{
	const char *sport = "CRICKET - TABLE .\nKent 4 1\n";
	const char *golf  = "GOLF - SCORES .\nKent 4 1\n";
	nerp_token  toks[64];
	uint64_t    keys[64];
	uint16_t    cls[64];
	uint32_t    caps[64];
	size_t      ncaps;
	org_mention cand[8];
	size_t      n;

	orgt_setup();
	n = orgt_tokens_caps(sport, toks, keys, cls, caps, &ncaps);
	cr_assert_eq(org_team_candidates(orgt_lex, sport, toks, keys, n, cls,
	                 caps, ncaps, cand, 8),
	    1);
	cr_assert_eq(cand[0].source, ORG_SRC_TEAM);
	cr_assert_eq(cand[0].end - cand[0].start, 4);
	n = orgt_tokens_caps(golf, toks, keys, cls, caps, &ncaps);
	cr_assert_eq(org_team_candidates(orgt_lex, golf, toks, keys, n, cls,
	                 caps, ncaps, cand, 8),
	    0);
	orgt_teardown();
}

Test(organizations_team, first_line_tells_sport_and_digest)
{
	/* Only the first line counts, and "digest" only as DIGEST or
	 * Digest: "digest" in lowercase is a word. */
	const char *texts[] = {
		"SOCCER - ENGLISH TABLE .\nKent 4 1\n",
		"PRESS DIGEST - Tunisia - Aug 31\nLE TEMPS\n",
		"Soccer Digest : round up\n",
		"GOLF - SCORES .\nSOCCER DIGEST\n",
		"a digest of news\n",
	};
	const unsigned want[] = {
		ORG_LINE_SPORT,
		ORG_LINE_DIGEST,
		ORG_LINE_SPORT | ORG_LINE_DIGEST,
		0,
		0,
	};
	nerp_token toks[64];
	uint64_t   keys[64];
	uint16_t   cls[64];
	size_t     n, k;

	orgt_setup();
	for (k = 0; k < sizeof(texts) / sizeof(texts[0]); k++) {
		n = orgt_tokens(texts[k], toks, keys, cls);
		cr_assert_eq(
		    org_first_line(orgt_lex, texts[k], toks, keys, n, cls),
		    want[k], "%s", texts[k]);
	}
	cr_assert_eq(org_first_line(orgt_lex, "", toks, keys, 0, cls), 0);
	orgt_teardown();
}

Test(organizations_team, venue_dateline_and_town_are_not_clubs)
{
	const char *text = "SOCCER - X .\nLEEDS 1996-08-30\nplayed at Leeds "
	                   "and in New York";
	nerp_token  toks[64];
	uint64_t    keys[64];
	uint16_t    cls[64];
	size_t      n, leeds2 = 0, york = 0, i;

	orgt_setup();
	n = orgt_tokens(text, toks, keys, cls);
	for (i = 0; i < n; i++) {
		if (org_tok_is(text, &toks[i], "Leeds")) {
			leeds2 = i;
		}
		if (org_tok_is(text, &toks[i], "York")) {
			york = i;
		}
	}
	cr_assert(!org_team_context(orgt_lex, text, toks, keys, n, cls, 4, 5));
	cr_assert(!org_team_context(
	    orgt_lex, text, toks, keys, n, cls, leeds2, leeds2 + 1));
	cr_assert(!org_team_context(
	    orgt_lex, text, toks, keys, n, cls, york, york + 1));
	n = orgt_tokens("Leeds beat Hull 2-1", toks, keys, cls);
	cr_assert(org_team_context(
	    orgt_lex, "Leeds beat Hull 2-1", toks, keys, n, cls, 2, 3));
	orgt_teardown();
}

Test(organizations_resolve, learned_forms_and_fullest_names_directly)
{
	const char *text = "Tarn Valley Holdings grew. Tarn Valley said so.";
	org_mention m[16];
	nerp_token  toks[64];
	uint64_t    keys[64];
	uint16_t    cls[64];
	uint32_t    caps[64];
	size_t      n, nm, ncaps;
	orgt_run    r;
	org_arena   arena = { orgt_alloc, &r };

	orgt_setup();
	memset(&r, 0, sizeof(r));
	r.cap   = 1 << 16;
	r.arena = malloc(r.cap);
	n       = orgt_tokens_caps(text, toks, keys, cls, caps, &ncaps);
	nm      = org_scan_candidates(
	         orgt_lex, text, toks, keys, n, cls, caps, ncaps, m, 16);
	nm = org_select(m, nm);
	cr_assert_eq(nm, 1);
	nm = org_resolve(orgt_lex, text, toks, keys, n, cls, caps, ncaps, m,
	    nm, 16, &arena);
	cr_assert_eq(nm, 2);
	cr_assert_eq(m[1].source, ORG_SRC_SHORT);
	cr_assert_str_eq(m[1].name, "Tarn Valley Holdings");
	cr_assert_str_eq(m[0].name, "Tarn Valley Holdings");
	free(r.arena);
	orgt_teardown();
}
