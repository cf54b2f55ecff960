/*
 * tests/membership_lexicon_test.c: loading the data files, and errors that
 * name the file and line.
 */
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "membership_test.h"

Test(membership_lexicon, bundled_data_loads)
{
	mt_load();
	cr_expect_gt(mt_lex->ncues, 40);
	cr_expect_gt(mt_lex->norgs, 20);
	cr_expect_geq(mb_lexicon_org(mt_lex, "BRICS"), 0);
	cr_expect_eq(mb_lexicon_org(mt_lex, "African Union"),
	    mb_lexicon_org(mt_lex, "AU"));
	cr_expect_eq(mb_lexicon_org(mt_lex, "Ministry of Magic"), -1);
	cr_expect_eq(mb_lexicon_org(mt_lex, NULL), -1);
	cr_expect(mt_lex->orgs[mb_lexicon_org(mt_lex, "AU")].can_member);
	cr_expect((mt_lex->supersedes[MB_MEMBER] >> MB_APPLICANT) & 1);
	cr_expect_not((mt_lex->supersedes[MB_MEMBER] >> MB_CHAIR) & 1);
	mt_unload();
}

Test(membership_lexicon, missing_folder_is_not_found)
{
	mb_lexicon *lex      = NULL;
	char        err[256] = "";

	cr_expect_eq(mb_lexicon_load(&lex, &mt_host, "/nonexistent/membership",
	                 MT_COMMON, err, sizeof(err)),
	    NERP_ENOENT);
	cr_expect_null(lex);
	cr_expect(strstr(err, "cues.tsv") != NULL, "%s", err);
}

Test(membership_lexicon, host_without_key_is_refused)
{
	nerp_host   old      = mt_host;
	mb_lexicon *lex      = NULL;
	char        err[256] = "";

	old.size = (uint32_t) offsetof(nerp_host, key);
	cr_expect_eq(
	    mb_lexicon_load(&lex, &old, MT_DATA, MT_COMMON, err, sizeof(err)),
	    NERP_EINVAL);
	cr_expect_null(lex);
	cr_expect(strstr(err, "key") != NULL, "%s", err);
}

Test(membership_lexicon, cue_heads_are_in_the_bloom_and_span_is_set)
{
	uint32_t h;

	mt_load();
	h = mb_key32(neri_key("joined", 6));
	cr_expect(mb_lexicon_may_head(mt_lex, h));
	/* "became *5 !membership": at least seven tokens */
	cr_expect_geq(mt_lex->cue_span, 7);
	cr_expect_eq(mt_lex->key, neri_key);
	mt_unload();
}

/* A copy of the data folder in a temporary folder, with file replaced. */
static void
copy_data(char *dir, const char *file, const char *contents)
{
	static const char *const files[]
	    = { "cues.tsv", "words.tsv", "blockers.tsv", "anaphors.tsv",
		      "organizations.tsv", "supersession.tsv" };

	strcpy(dir, "/tmp/mbtestXXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char   src[512], dst[512], buf[4096];
		FILE  *in, *out;
		size_t n;

		snprintf(src, sizeof(src), "%s/%s", MT_DATA, files[i]);
		snprintf(dst, sizeof(dst), "%s/%s", dir, files[i]);
		out = fopen(dst, "w");
		cr_assert_not_null(out);
		if (strcmp(files[i], file) == 0) {
			fputs(contents, out);
		} else {
			in = fopen(src, "r");
			cr_assert_not_null(in);
			while ((n = fread(buf, 1, sizeof(buf), in)) > 0) {
				fwrite(buf, 1, n, out);
			}
			fclose(in);
		}
		fclose(out);
	}
}

static void
remove_data(const char *dir)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
}

Test(membership_lexicon, unknown_status_names_file_and_line)
{
	char        dir[64];
	char        err[256] = "";
	mb_lexicon *lex      = NULL;

	copy_data(dir, "cues.tsv",
	    "# comment\njoined\tmember\tbefore\tafter\t"
	    "discourse\t-\nleft\tgone\tbefore\tafter\tnone\t-\n");
	cr_expect_eq(
	    mb_lexicon_load(&lex, &mt_host, dir, MT_COMMON, err, sizeof(err)),
	    NERP_EINVAL);
	cr_expect(strstr(err, "cues.tsv line 3") != NULL, "%s", err);
	remove_data(dir);
}

Test(membership_lexicon, unknown_flag_and_bad_pattern_are_refused)
{
	char        dir[64];
	char        err[256] = "";
	mb_lexicon *lex      = NULL;

	copy_data(dir, "words.tsv", "but\tclause,sideways\n");
	cr_expect_eq(
	    mb_lexicon_load(&lex, &mt_host, dir, MT_COMMON, err, sizeof(err)),
	    NERP_EINVAL);
	cr_expect(strstr(err, "words.tsv line 1") != NULL, "%s", err);
	remove_data(dir);
	copy_data(dir, "anaphors.tsv", "*2 bloc\torg\n");
	cr_expect_eq(
	    mb_lexicon_load(&lex, &mt_host, dir, MT_COMMON, err, sizeof(err)),
	    NERP_EINVAL);
	cr_expect(strstr(err, "anaphors.tsv line 1") != NULL, "%s", err);
	remove_data(dir);
}

Test(membership_lexicon, supersession_refuses_a_status_replacing_itself)
{
	char        dir[64];
	char        err[256] = "";
	mb_lexicon *lex      = NULL;

	copy_data(dir, "supersession.tsv", "member\tmember\n");
	cr_expect_eq(
	    mb_lexicon_load(&lex, &mt_host, dir, MT_COMMON, err, sizeof(err)),
	    NERP_EINVAL);
	remove_data(dir);
}

/* The result of loading the bundled data with file replaced by contents,
 * the message in err. */
static int
load_with(const char *file, const char *contents, char *err, size_t errlen)
{
	char        dir[64];
	mb_lexicon *lex = NULL;
	int         rv;

	copy_data(dir, file, contents);
	rv = mb_lexicon_load(&lex, &mt_host, dir, MT_COMMON, err, errlen);
	cr_assert((rv == 0) == (lex != NULL));
	mb_lexicon_free(lex);
	remove_data(dir);
	return (rv);
}

Test(membership_lexicon, rows_with_columns_past_the_format_are_refused)
{
	char err[256] = "";

	/* a TAB typed for ',' dropped what followed it unseen */
	cr_expect_eq(
	    load_with("words.tsv", "but\tclause\tscope\n", err, sizeof(err)),
	    NERP_EINVAL);
	cr_expect(strstr(err, "words.tsv line 1") != NULL, "%s", err);
	cr_expect_eq(
	    load_with("cues.tsv",
	        "joined\tmember\tbefore\tafter\tdiscourse\tobj\tnear\n", err,
	        sizeof(err)),
	    NERP_EINVAL);
	cr_expect(strstr(err, "cues.tsv line 1") != NULL, "%s", err);
	cr_expect_eq(load_with("supersession.tsv",
	                 "former_member\tmember\tchair\n", err, sizeof(err)),
	    NERP_EINVAL);
	cr_expect(strstr(err, "supersession.tsv line 1") != NULL, "%s", err);
}

Test(membership_lexicon, organization_member_column_is_member_or_dash)
{
	char err[256] = "";

	cr_expect_eq(load_with("organizations.tsv",
	                 "BRICS\tBRICS\t-\nAU\tAfrican Union\tmember\n", err,
	                 sizeof(err)),
	    0, "%s", err);
	/* anything but "member" read as "-" before */
	cr_expect_eq(load_with("organizations.tsv",
	                 "BRICS\tBRICS\t-\nAU\tAfrican Union\tMember\n", err,
	                 sizeof(err)),
	    NERP_EINVAL);
	cr_expect(strstr(err, "organizations.tsv line 2") != NULL, "%s", err);
	cr_expect_eq(load_with("organizations.tsv", "BRICS\tBRICS\t-\tx\n",
	                 err, sizeof(err)),
	    NERP_EINVAL);
	cr_expect(strstr(err, "organizations.tsv line 1") != NULL, "%s", err);
}

Test(membership_lexicon, spaces_around_aliases_are_dropped)
{
	char        dir[64];
	char        err[256] = "";
	mb_lexicon *lex      = NULL;

	/* kept before: "African Union " was the name looked up */
	copy_data(dir, "organizations.tsv",
	    "BRICS\tBRICS\t-\nAU\tAfrican Union | A.U.\tmember\n");
	cr_assert_eq(
	    mb_lexicon_load(&lex, &mt_host, dir, MT_COMMON, err, sizeof(err)),
	    0, "%s", err);
	cr_expect_eq(mb_lexicon_org(lex, "African Union"), 1);
	cr_expect_eq(mb_lexicon_org(lex, "A.U."), 1);
	mb_lexicon_free(lex);
	remove_data(dir);
}

Test(membership_lexicon, edited_lexicon_changes_what_is_found)
{
	char        dir[64];
	char        err[256] = "";
	mb_lexicon *saved;

	copy_data(dir, "cues.tsv",
	    "signed up to\tmember\tbefore\tafter\t"
	    "discourse\t-\n");
	mt_load();
	saved = mt_lex;
	cr_assert_eq(mb_lexicon_load(
	                 &mt_lex, &mt_host, dir, MT_COMMON, err, sizeof(err)),
	    0, "%s", err);
	MT_EXPECT("Chile signed up to APEC.", NULL, "CL/APEC/member");
	MT_NOTHING("Chile joined APEC.", NULL);
	mb_lexicon_free(mt_lex);
	mt_lex = saved;
	MT_EXPECT("Chile joined APEC.", NULL, "CL/APEC/member");
	mt_unload();
	remove_data(dir);
}

Test(membership_lexicon, may_start_passes_every_first_token_and_none_absent)
{
	static const char *const words[]
	    = { "joined", "the", "bloc", "Brazil", "said", ",", "BRICS" };
	const char *lit;

	mt_load();
	for (size_t w = 0; w < sizeof(words) / sizeof(words[0]); w++) {
		uint32_t h = mb_key32(neri_key(words[w], strlen(words[w])));

		cr_expect_not_null(
		    mb_lexicon_first(mt_lex, h, &lit), "%s", words[w]);
		cr_expect(mb_lexicon_may_start(mt_lex, h), "%s", words[w]);
	}
	/* a hash the bit set turns away has no entry in the table */
	for (uint64_t h = 0; h < (1ull << 32); h += 1000003) {
		if (!mb_lexicon_may_start(mt_lex, (uint32_t) h)) {
			cr_expect_null(
			    mb_lexicon_first(mt_lex, (uint32_t) h, &lit));
		}
	}
	cr_expect_not(mb_lexicon_may_start(
	    mt_lex, mb_key32(neri_key("xylophonist", 11))));
	mt_unload();
}

Test(membership_lexicon, may_alias_passes_first_words_of_aliases_only)
{
	static const char *const firsts[]
	    = { "European", "North", "Shanghai", "U.N.", "Group" };
	const mb_first *f;

	mt_load();
	for (size_t w = 0; w < sizeof(firsts) / sizeof(firsts[0]); w++) {
		uint32_t h = mb_key32(neri_key(firsts[w], strlen(firsts[w])));

		cr_expect(mb_lexicon_may_alias(mt_lex, h), "%s", firsts[w]);
		f = mb_lexicon_first(mt_lex, h, NULL);
		cr_assert_not_null(f, "%s", firsts[w]);
		cr_expect(f->bits & MB_S_ALIAS, "%s", firsts[w]);
	}
	/* words that start no alias (a cue head, a function word) */
	cr_expect_not(
	    mb_lexicon_may_alias(mt_lex, mb_key32(neri_key("joined", 6))));
	cr_expect_not(
	    mb_lexicon_may_alias(mt_lex, mb_key32(neri_key("the", 3))));
	mt_unload();
}

Test(membership_lexicon, may_cue_passes_first_words_of_cues_only)
{
	const mb_first *f;
	uint32_t        h;

	mt_load();
	/* "joined|joins|join *5 as *3 observer|observers" starts a cue */
	h = mb_key32(neri_key("joined", 6));
	cr_expect(mb_lexicon_may_cue(mt_lex, h));
	f = mb_lexicon_first(mt_lex, h, NULL);
	cr_assert_not_null(f);
	cr_expect(f->bits & MB_S_CUE);
	cr_expect_not(
	    mb_lexicon_may_cue(mt_lex, mb_key32(neri_key("xylophonist", 11))));
	mt_unload();
}

Test(membership_lexicon, bits_filter_has_what_was_set_and_little_else)
{
	static uint64_t bits[(1u << MB_CUE_BITS_LOG) / 64];
	size_t          passed = 0;

	memset(bits, 0, sizeof(bits));
	for (uint32_t k = 0; k < 100; k++) {
		mb_bits_set(bits, MB_CUE_BITS_LOG, k * 2654435761u);
	}
	for (uint32_t k = 0; k < 100; k++) {
		cr_expect(mb_bits_has(bits, MB_CUE_BITS_LOG, k * 2654435761u));
	}
	/* 100 of 8192 bits set: most other hashes are turned away */
	for (uint32_t k = 0; k < 1000; k++) {
		passed += mb_bits_has(bits, MB_CUE_BITS_LOG, k * 40503u + 7u);
	}
	cr_expect_lt(passed, 100);
	/* the word is the hash's top bits, the bit its low six */
	memset(bits, 0, sizeof(bits));
	mb_bits_set(bits, MB_CUE_BITS_LOG, 0xfe000005u);
	cr_expect_eq(bits[127], 1ull << 5);
	cr_expect_not(mb_bits_has(bits, MB_CUE_BITS_LOG, 0x00000005u));
}
