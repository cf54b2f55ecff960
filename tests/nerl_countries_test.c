#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "core/neri.h"
#include "nerl.h"

static const nerp_host host = {
	.size     = sizeof(nerp_host),
	.abi      = NERP_ABI,
	.tokenize = neri_tokenize,
	.key      = neri_key,
};

static nerl_countries *gaz;

static void
load_gazetteer(void)
{
	char err[256] = "";

	cr_assert_eq(
	    nerl_countries_load(&gaz, &host,
	        NERD_TEST_SOURCE_DIR "/plugins/common/data", err, sizeof(err)),
	    0, "%s", err);
}

static void
free_gazetteer(void)
{
	nerl_countries_free(gaz);
	gaz = NULL;
}

TestSuite(nerl_countries, .init = load_gazetteer, .fini = free_gazetteer);

typedef struct found {
	int                matched;
	nerl_country_match m;
} found;

/* The match at the first token starting at byte offset of word in text. */
static found
at(const char *text, const char *word)
{
	nerp_token  toks[128];
	size_t      n = neri_tokenize(text, strlen(text), toks, 128);
	const char *w = strstr(text, word);
	found       f = { 0 };

	cr_assert_not_null(w, "%s not in %s", word, text);
	for (size_t i = 0; i < n; i++) {
		if (toks[i].start == (uint32_t) (w - text)) {
			f.matched
			    = nerl_countries_at(gaz, text, toks, n, i, &f.m);
			return (f);
		}
	}
	cr_assert_fail("no token at %s", word);
	return (f);
}

static void
expect(const char *text, const char *word, const char *iso2, int form,
    size_t ntok)
{
	found f = at(text, word);

	cr_assert(f.matched, "no match at '%s' in '%s'", word, text);
	cr_assert_str_eq(f.m.iso2, iso2, "'%s' in '%s'", word, text);
	cr_assert_eq(f.m.form, form, "'%s' in '%s'", word, text);
	cr_assert_eq(f.m.ntok, ntok, "'%s' in '%s'", word, text);
}

static void
expect_none(const char *text, const char *word)
{
	found f = at(text, word);

	cr_assert_not(f.matched, "'%s' in '%s' matched %s", word, text,
	    f.matched ? f.m.iso2 : "");
}

Test(nerl_countries, names_match)
{
	expect("Talks with Russia resumed.", "Russia", "RU", NERL_COUNTRY_NAME,
	    1);
	expect("He flew to Bolivia on Monday.", "Bolivia", "BO",
	    NERL_COUNTRY_NAME, 1);
	expect("the Russian Federation said", "Russian", "RU",
	    NERL_COUNTRY_NAME, 2);
}

Test(nerl_countries, leading_the_is_not_needed)
{
	expect("Officials in the United States agreed.", "United", "US",
	    NERL_COUNTRY_NAME, 2);
	expect("trade with the Netherlands grew", "Netherlands", "NL",
	    NERL_COUNTRY_NAME, 1);
	expect_none("Officials in the United States agreed.", "the");
}

Test(nerl_countries, abbreviations_match)
{
	expect("The U.S. and Iran met.", "U.S.", "US", NERL_COUNTRY_NAME, 1);
	expect("US officials said", "US", "US", NERL_COUNTRY_NAME, 1);
	expect("a UK minister", "UK", "GB", NERL_COUNTRY_NAME, 1);
	expect("the U.K. said", "U.K.", "GB", NERL_COUNTRY_NAME, 1);
	expect("the UAE hosted", "UAE", "AE", NERL_COUNTRY_NAME, 1);
	expect("the U.A.E. hosted", "U.A.E.", "AE", NERL_COUNTRY_NAME, 1);
	expect("troops in the DRC", "DRC", "CD", NERL_COUNTRY_NAME, 1);
}

Test(nerl_countries, multi_token_names_take_the_longest)
{
	expect("in South Africa today", "South", "ZA", NERL_COUNTRY_NAME, 2);
	expect("the United States of America and", "United", "US",
	    NERL_COUNTRY_NAME, 4);
	expect("the United Arab Emirates said", "United", "AE",
	    NERL_COUNTRY_NAME, 3);
	expect("Papua New Guinea voted", "Papua", "PG", NERL_COUNTRY_NAME, 3);
	expect("Bosnia and Herzegovina joined", "Bosnia", "BA",
	    NERL_COUNTRY_NAME, 3);
	expect("the People's Republic of China", "People", "CN",
	    NERL_COUNTRY_NAME, 5);
	expect(
	    "the Republic of China", "Republic", "TW", NERL_COUNTRY_NAME, 3);
}

Test(nerl_countries, partial_names_do_not_match)
{
	expect_none("They headed South on Friday.", "South");
	expect_none("the United Nations", "United");
	expect_none("the New Guinea highlands", "New");
}

Test(nerl_countries, similar_names_are_told_apart)
{
	expect("Guinea-Bissau held elections", "Guinea-Bissau", "GW",
	    NERL_COUNTRY_NAME, 1);
	expect("Guinea held elections", "Guinea", "GN", NERL_COUNTRY_NAME, 1);
	expect("Equatorial Guinea held elections", "Equatorial", "GQ",
	    NERL_COUNTRY_NAME, 2);
	expect("the Democratic Republic of the Congo", "Democratic", "CD",
	    NERL_COUNTRY_NAME, 5);
	expect("DR Congo and Congo", "DR", "CD", NERL_COUNTRY_NAME, 2);
	expect("DR Congo and Congo border", "Congo border", "CG",
	    NERL_COUNTRY_NAME, 1);
	expect("South Sudan and Sudan", "South", "SS", NERL_COUNTRY_NAME, 2);
	expect("North Korea and South Korea", "North", "KP", NERL_COUNTRY_NAME,
	    2);
	expect("North Korea and South Korea", "South", "KR", NERL_COUNTRY_NAME,
	    2);
}

Test(nerl_countries, demonyms_match)
{
	expect("the Bolivian president", "Bolivian", "BO",
	    NERL_COUNTRY_DEMONYM, 1);
	expect(
	    "an American official", "American", "US", NERL_COUNTRY_DEMONYM, 1);
	expect("British diplomats", "British", "GB", NERL_COUNTRY_DEMONYM, 1);
	expect(
	    "the Emirati minister", "Emirati", "AE", NERL_COUNTRY_DEMONYM, 1);
	expect("Saudi officials", "Saudi", "SA", NERL_COUNTRY_DEMONYM, 1);
	expect("a Chinese firm", "Chinese", "CN", NERL_COUNTRY_DEMONYM, 1);
	expect(
	    "the South African rand", "South", "ZA", NERL_COUNTRY_DEMONYM, 2);
	expect("Saudi Arabian oil", "Saudi", "SA", NERL_COUNTRY_DEMONYM, 2);
}

Test(nerl_countries, plural_demonyms_match)
{
	expect("Russians voted", "Russians", "RU", NERL_COUNTRY_DEMONYM, 1);
	expect("many Bolivians", "Bolivians", "BO", NERL_COUNTRY_DEMONYM, 1);
	expect("two Britons", "Britons", "GB", NERL_COUNTRY_DEMONYM, 1);
}

Test(nerl_countries, no_country_inside_phrases_that_are_not_countries)
{
	expect_none("trade across Latin America grew", "America");
	expect_none("trade across Latin America grew", "Latin");
	expect_none("South American leaders", "American");
	expect_none("storms in the Gulf of Mexico", "Mexico");
	expect_none("islands of the Indian Ocean", "Indian");
	expect_none("he lives in New Mexico", "Mexico");
	expect_none("the Niger Delta region", "Niger");
	expect_none("Vancouver, British Columbia", "British");
	/* The same words elsewhere still match. */
	expect("he visited America", "America", "US", NERL_COUNTRY_NAME, 1);
	expect("an Indian official", "Indian", "IN", NERL_COUNTRY_DEMONYM, 1);
	expect("Mexico and Peru", "Mexico", "MX", NERL_COUNTRY_NAME, 1);
	expect("Papua New Guinea voted", "Papua", "PG", NERL_COUNTRY_NAME, 3);
}

Test(nerl_countries, capitals_match)
{
	expect(
	    "talks in Moscow ended", "Moscow", "RU", NERL_COUNTRY_CAPITAL, 1);
	expect("he landed in La Paz", "La", "BO", NERL_COUNTRY_CAPITAL, 2);
	expect("Sucre is calm", "Sucre", "BO", NERL_COUNTRY_CAPITAL, 1);
	expect("Washington said", "Washington", "US", NERL_COUNTRY_CAPITAL, 1);
	expect("from Beijing", "Beijing", "CN", NERL_COUNTRY_CAPITAL, 1);
	expect("in New Delhi", "New", "IN", NERL_COUNTRY_CAPITAL, 2);
	expect("in Jakarta", "Jakarta", "ID", NERL_COUNTRY_CAPITAL, 1);
	expect("in Brasília", "Bras", "BR", NERL_COUNTRY_CAPITAL, 1);
	expect("in Brasilia", "Bras", "BR", NERL_COUNTRY_CAPITAL, 1);
}

Test(nerl_countries, a_name_beats_a_capital_of_the_same_text)
{
	expect("in Singapore", "Singapore", "SG", NERL_COUNTRY_NAME, 1);
	expect("in Kuwait City", "Kuwait", "KW", NERL_COUNTRY_CAPITAL, 2);
	expect("in Kuwait", "Kuwait", "KW", NERL_COUNTRY_NAME, 1);
}

Test(nerl_countries, diacritics_and_apostrophes_have_variants)
{
	expect("T\xC3\xBCrkiye said", "T", "TR", NERL_COUNTRY_NAME, 1);
	expect("Turkiye said", "Turkiye", "TR", NERL_COUNTRY_NAME, 1);
	expect("Turkey said", "Turkey", "TR", NERL_COUNTRY_NAME, 1);
	expect("C\xC3\xB4te d'Ivoire won", "C", "CI", NERL_COUNTRY_NAME, 2);
	expect("C\xC3\xB4te d\xE2\x80\x99Ivoire won", "C", "CI",
	    NERL_COUNTRY_NAME, 2);
	expect("Cote d\xE2\x80\x99Ivoire won", "Cote", "CI", NERL_COUNTRY_NAME,
	    2);
	expect("Ivory Coast won", "Ivory", "CI", NERL_COUNTRY_NAME, 2);
}

Test(nerl_countries, lowercase_common_words_do_not_match)
{
	static const char *const words[] = { "turkey", "china", "chad",
		"jordan", "guinea", "georgia", "us", "american", "polish",
		"niger", "south", "washington", "america", "india", NULL };
	char                     text[64];

	for (int k = 0; words[k] != NULL; k++) {
		snprintf(text, sizeof(text), "we saw %s here", words[k]);
		expect_none(text, words[k]);
	}
	expect_none("Monday we ate", "Monday");
	expect_none("The report said", "The");
}

Test(nerl_countries, capitals_of_names_match_as_in_datelines)
{
	expect(
	    "MOSCOW, May 3 - Talks", "MOSCOW", "RU", NERL_COUNTRY_CAPITAL, 1);
	expect("NEW DELHI, May 3", "NEW", "IN", NERL_COUNTRY_CAPITAL, 2);
	expect("TALKS IN TURKEY", "TURKEY", "TR", NERL_COUNTRY_NAME, 1);
	expect("T\xC3\x9CRKIYE said", "T", "TR", NERL_COUNTRY_NAME, 1);
	expect_none("LATIN AMERICA TRADE", "AMERICA");
	expect_none("Talks in Turkey", "in");
}

Test(nerl_countries, names_do_not_run_into_a_new_paragraph)
{
	expect("in the Czech\n\nRepublic of", "Czech", "CZ",
	    NERL_COUNTRY_DEMONYM, 1);
	expect(
	    "in the Czech\nRepublic of", "Czech", "CZ", NERL_COUNTRY_NAME, 2);
}

Test(nerl_countries, constituent_countries_belong_to_their_state)
{
	expect("England beat Wales", "England", "GB", NERL_COUNTRY_NAME, 1);
	expect("a Scottish court", "Scottish", "GB", NERL_COUNTRY_DEMONYM, 1);
	expect("in the Gaza Strip", "Gaza", "PS", NERL_COUNTRY_NAME, 2);
	expect("Belfast, Northern Ireland", "Northern", "GB",
	    NERL_COUNTRY_NAME, 2);
	expect_none("Sydney, New South Wales", "Wales");
	cr_assert_str_eq(nerl_country_name(gaz, "GB"), "United Kingdom");
}

Test(nerl_countries, former_states_have_their_codes)
{
	expect("the Soviet Union collapsed", "Soviet", "SU", NERL_COUNTRY_NAME,
	    2);
	expect(
	    "the former Yugoslavia", "Yugoslavia", "YU", NERL_COUNTRY_NAME, 1);
	cr_assert_str_eq(nerl_country_name(gaz, "DD"), "East Germany");
}

Test(nerl_countries, possessive_is_split_off)
{
	expect("Russia's envoy", "Russia", "RU", NERL_COUNTRY_NAME, 1);
	expect(
	    "Russia\xE2\x80\x99s envoy", "Russia", "RU", NERL_COUNTRY_NAME, 1);
}

Test(nerl_countries, observers_and_territories_are_present)
{
	static const char *const codes[]
	    = { "PS", "VA", "XK", "TW", "HK", "EH", NULL };

	for (int k = 0; codes[k] != NULL; k++) {
		cr_assert_not_null(
		    nerl_country_name(gaz, codes[k]), "%s", codes[k]);
	}
	expect("Kosovo and Serbia", "Kosovo", "XK", NERL_COUNTRY_NAME, 1);
	expect("the Holy See", "Holy", "VA", NERL_COUNTRY_NAME, 2);
	expect("in Hong Kong", "Hong", "HK", NERL_COUNTRY_NAME, 2);
}

Test(nerl_countries, every_un_member_and_observer_is_listed)
{
	/* The 193 UN member states, then the observers PS and VA. */
	static const char *const codes[] = { "AD", "AE", "AF", "AG", "AL",
		"AM", "AO", "AR", "AT", "AU", "AZ", "BA", "BB", "BD", "BE",
		"BF", "BG", "BH", "BI", "BJ", "BN", "BO", "BR", "BS", "BT",
		"BW", "BY", "BZ", "CA", "CD", "CF", "CG", "CH", "CI", "CL",
		"CM", "CN", "CO", "CR", "CU", "CV", "CY", "CZ", "DE", "DJ",
		"DK", "DM", "DO", "DZ", "EC", "EE", "EG", "ER", "ES", "ET",
		"FI", "FJ", "FM", "FR", "GA", "GB", "GD", "GE", "GH", "GM",
		"GN", "GQ", "GR", "GT", "GW", "GY", "HN", "HR", "HT", "HU",
		"ID", "IE", "IL", "IN", "IQ", "IR", "IS", "IT", "JM", "JO",
		"JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW",
		"KZ", "LA", "LB", "LC", "LI", "LK", "LR", "LS", "LT", "LU",
		"LV", "LY", "MA", "MC", "MD", "ME", "MG", "MH", "MK", "ML",
		"MM", "MN", "MR", "MT", "MU", "MV", "MW", "MX", "MY", "MZ",
		"NA", "NE", "NG", "NI", "NL", "NO", "NP", "NR", "NZ", "OM",
		"PA", "PE", "PG", "PH", "PK", "PL", "PT", "PW", "PY", "QA",
		"RO", "RS", "RU", "RW", "SA", "SB", "SC", "SD", "SE", "SG",
		"SI", "SK", "SL", "SM", "SN", "SO", "SR", "SS", "ST", "SV",
		"SY", "SZ", "TD", "TG", "TH", "TJ", "TL", "TM", "TN", "TO",
		"TR", "TT", "TV", "TZ", "UA", "UG", "US", "UY", "UZ", "VC",
		"VE", "VN", "VU", "WS", "YE", "ZA", "ZM", "ZW", "PS", "VA",
		NULL };
	size_t                   k;

	for (k = 0; codes[k] != NULL; k++) {
		cr_assert_not_null(
		    nerl_country_name(gaz, codes[k]), "%s", codes[k]);
	}
	cr_assert_eq(k, 195);
}

Test(nerl_countries, name_gives_the_short_english_name)
{
	cr_assert_str_eq(nerl_country_name(gaz, "RU"), "Russia");
	cr_assert_str_eq(nerl_country_name(gaz, "US"), "United States");
	cr_assert_str_eq(nerl_country_name(gaz, "GB"), "United Kingdom");
	cr_assert_str_eq(nerl_country_name(gaz, "CI"), "C\xC3\xB4te d'Ivoire");
	cr_assert_null(nerl_country_name(gaz, "QQ"));
	cr_assert_null(nerl_country_name(gaz, "ru"));
	cr_assert_null(nerl_country_name(gaz, "RUS"));
	cr_assert_null(nerl_country_name(gaz, ""));
}

static void
write_gazetteer(char *dir, const char *content)
{
	char  path[256];
	FILE *f;

	strcpy(dir, "/tmp/nerl_countries_XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	cr_assert_eq(
	    nerl_path_join(path, sizeof(path), dir, "countries.tsv"), 0);
	f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs(content, f);
	fclose(f);
}

static void
remove_gazetteer(const char *dir)
{
	char path[256];

	cr_assert_eq(
	    nerl_path_join(path, sizeof(path), dir, "countries.tsv"), 0);
	unlink(path);
	rmdir(dir);
}

Test(nerl_countries, load_reads_any_common_dir)
{
	char               dir[64];
	char               err[256] = "";
	nerl_countries    *c        = NULL;
	nerp_token         toks[8];
	const char        *text = "Freedonia";
	nerl_country_match m;

	write_gazetteer(dir, "# test\nFD\tFreedonia\tFreedonian\tFredville\n");
	cr_assert_eq(nerl_countries_load(&c, &host, dir, err, sizeof(err)), 0,
	    "%s", err);
	cr_assert_eq(nerl_countries_at(c, text, toks,
	                 neri_tokenize(text, strlen(text), toks, 8), 0, &m),
	    1);
	cr_assert_str_eq(m.iso2, "FD");
	cr_assert_str_eq(nerl_country_name(c, "FD"), "Freedonia");
	nerl_countries_free(c);
	remove_gazetteer(dir);
}

Test(nerl_countries, load_reads_not_countries_when_present)
{
	char               dir[64];
	char               path[256];
	char               err[256] = "";
	nerl_countries    *c        = NULL;
	nerp_token         toks[8];
	const char        *text = "Greater Freedonia";
	nerl_country_match m;
	size_t             n;
	FILE              *f;

	write_gazetteer(dir, "FD\tFreedonia\n");
	cr_assert_eq(
	    nerl_path_join(path, sizeof(path), dir, "not_countries.txt"), 0);
	f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs("# test\nGreater Freedonia\n", f);
	fclose(f);
	cr_assert_eq(nerl_countries_load(&c, &host, dir, err, sizeof(err)), 0,
	    "%s", err);
	n = neri_tokenize(text, strlen(text), toks, 8);
	cr_assert_eq(nerl_countries_at(c, text, toks, n, 1, &m), 0);
	text = "in Freedonia";
	n    = neri_tokenize(text, strlen(text), toks, 8);
	cr_assert_eq(nerl_countries_at(c, text, toks, n, 1, &m), 1);
	nerl_countries_free(c);
	unlink(path);
	remove_gazetteer(dir);
}

Test(nerl_countries, load_refuses_a_not_countries_that_cannot_be_read)
{
	char            dir[64];
	char            path[256];
	char            err[256] = "";
	nerl_countries *c        = NULL;

	/* the file is optional, but one that is there must be read */
	write_gazetteer(dir, "FD\tFreedonia\n");
	cr_assert_eq(
	    nerl_path_join(path, sizeof(path), dir, "not_countries.txt"), 0);
	cr_assert_eq(mkdir(path, 0700), 0);
	cr_assert_eq(nerl_countries_load(&c, &host, dir, err, sizeof(err)),
	    NERP_EINVAL);
	cr_assert_null(c);
	cr_assert_not_null(strstr(err, "not_countries.txt"), "err: %s", err);
	rmdir(path);
	remove_gazetteer(dir);
}

Test(nerl_countries, load_refuses_a_not_countries_line_with_a_tab)
{
	char            dir[64];
	char            path[256];
	char            err[256] = "";
	nerl_countries *c        = NULL;
	FILE           *f;

	/* "Greater Freedonia" was loaded, "Freedonia Bay" dropped unseen */
	write_gazetteer(dir, "FD\tFreedonia\n");
	cr_assert_eq(
	    nerl_path_join(path, sizeof(path), dir, "not_countries.txt"), 0);
	f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs("# test\nGreater Freedonia\tFreedonia Bay\n", f);
	fclose(f);
	cr_assert_eq(nerl_countries_load(&c, &host, dir, err, sizeof(err)),
	    NERP_EINVAL);
	cr_assert_null(c);
	cr_assert_not_null(strstr(err, "not_countries.txt:2"), "err: %s", err);
	unlink(path);
	remove_gazetteer(dir);
}

Test(nerl_countries, load_refuses_bad_codes_with_the_line)
{
	char            dir[64];
	char            err[256] = "";
	nerl_countries *c        = NULL;

	write_gazetteer(dir, "FD\tFreedonia\n\nfd\tSylvania\n");
	cr_assert_eq(nerl_countries_load(&c, &host, dir, err, sizeof(err)),
	    NERP_EINVAL);
	cr_assert_null(c);
	cr_assert_not_null(strstr(err, "countries.tsv:3"), "err: %s", err);
	remove_gazetteer(dir);
}

Test(nerl_countries, load_refuses_a_row_of_more_than_four_columns)
{
	char            dir[64];
	char            err[256] = "";
	nerl_countries *c        = NULL;

	/* a TAB typed for '|' would drop the capital after it unseen */
	write_gazetteer(
	    dir, "FD\tFreedonia\tFreedonian\tFredville\tOldtown\n");
	cr_assert_eq(nerl_countries_load(&c, &host, dir, err, sizeof(err)),
	    NERP_EINVAL);
	cr_assert_null(c);
	cr_assert_not_null(strstr(err, "countries.tsv:1"), "err: %s", err);
	remove_gazetteer(dir);
}

Test(nerl_countries, short_name_is_the_first_name_without_spaces)
{
	char            dir[64];
	char            err[256] = "";
	nerl_countries *c        = NULL;

	write_gazetteer(dir, "FD\t Freedonia |Duchy of Freedonia\n");
	cr_assert_eq(nerl_countries_load(&c, &host, dir, err, sizeof(err)), 0,
	    "%s", err);
	cr_assert_str_eq(nerl_country_name(c, "FD"), "Freedonia");
	nerl_countries_free(c);
	remove_gazetteer(dir);
	/* an empty first name was the short name before */
	write_gazetteer(dir, "FD\t|Freedonia\n");
	cr_assert_eq(nerl_countries_load(&c, &host, dir, err, sizeof(err)),
	    NERP_EINVAL);
	cr_assert_not_null(strstr(err, "countries.tsv:1"), "err: %s", err);
	remove_gazetteer(dir);
}

Test(nerl_countries, load_refuses_duplicate_codes)
{
	char            dir[64];
	char            err[256] = "";
	nerl_countries *c        = NULL;

	write_gazetteer(dir, "FD\tFreedonia\nFD\tSylvania\n");
	cr_assert_eq(nerl_countries_load(&c, &host, dir, err, sizeof(err)),
	    NERP_EINVAL);
	cr_assert_not_null(strstr(err, "duplicate"), "err: %s", err);
	remove_gazetteer(dir);
}

Test(nerl_countries, load_reports_a_missing_file)
{
	char            err[256] = "";
	nerl_countries *c        = NULL;

	cr_assert_eq(nerl_countries_load(
	                 &c, &host, "/nonexistent/common", err, sizeof(err)),
	    NERP_ENOENT);
	cr_assert_null(c);
	cr_assert_not_null(strstr(err, "countries.tsv"), "err: %s", err);
}

/* The parts found in the first token of text. */
static size_t
parts_of(const char *text, nerl_country_part *out, size_t cap)
{
	nerp_token toks[8];

	cr_assert_geq(neri_tokenize(text, strlen(text), toks, 8), 1);
	return (nerl_countries_in_word(gaz, text, &toks[0], out, cap));
}

Test(nerl_countries, in_word_finds_countries_in_hyphenated_words)
{
	nerl_country_part p[4];

	cr_assert_eq(parts_of("Russian-backed forces", p, 4), 1);
	cr_assert_str_eq(p[0].iso2, "RU");
	cr_assert_eq(p[0].form, NERL_COUNTRY_DEMONYM);
	cr_assert_eq(p[0].start, 0);
	cr_assert_eq(p[0].end, 7);

	cr_assert_eq(parts_of("US-China trade", p, 4), 2);
	cr_assert_str_eq(p[0].iso2, "US");
	cr_assert_str_eq(p[1].iso2, "CN");
	cr_assert_eq(p[1].start, 3);
	cr_assert_eq(p[1].end, 8);

	cr_assert_eq(parts_of("pro-Russian rebels", p, 4), 1);
	cr_assert_eq(p[0].start, 4);

	cr_assert_eq(parts_of("Washington-based", p, 4), 1);
	cr_assert_eq(p[0].form, NERL_COUNTRY_CAPITAL);
}

Test(nerl_countries, in_word_prefers_the_longest_run_of_parts)
{
	nerl_country_part p[4];

	cr_assert_eq(parts_of("Guinea-Bissau-based", p, 4), 1);
	cr_assert_str_eq(p[0].iso2, "GW");
	cr_assert_eq(p[0].end, 13);
	cr_assert_eq(parts_of("Port-au-Prince-based", p, 4), 1);
	cr_assert_str_eq(p[0].iso2, "HT");
	cr_assert_eq(p[0].form, NERL_COUNTRY_CAPITAL);
}

Test(nerl_countries, in_word_ignores_plain_and_lowercase_words)
{
	nerl_country_part p[4];

	cr_assert_eq(parts_of("Russia", p, 4), 0);
	cr_assert_eq(parts_of("anti-american", p, 4), 0);
	cr_assert_eq(parts_of("co-chairs", p, 4), 0);
	cr_assert_eq(parts_of("US-China", p, 1), 1);
}

static double
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double) ts.tv_sec * 1e9 + (double) ts.tv_nsec);
}

/* Scans a paragraph token by token as a plugin would; the figure printed
 * is for the report, not asserted. */
Test(nerl_countries, scan_figure)
{
	const char *text
	    = "MOSCOW, May 3 - The foreign ministers of Brazil, Russia, "
	      "India, China and South Africa met on Friday in the Russian "
	      "capital, where the Bolivian envoy said La Paz would apply to "
	      "join, officials from the United States said.";
	nerp_token         toks[128];
	size_t             n = neri_tokenize(text, strlen(text), toks, 128);
	nerl_country_match m;
	size_t             hits   = 0;
	const int          rounds = 20000;
	double             t0, t1;

	t0 = now_ns();
	for (int r = 0; r < rounds; r++) {
		for (size_t i = 0; i < n; i++) {
			if (nerl_countries_at(gaz, text, toks, n, i, &m)) {
				hits++;
				i += m.ntok - 1;
			}
		}
	}
	t1 = now_ns();
	cr_assert_eq(hits, (size_t) rounds * 10);
	printf("nerl_countries: %.1f ns/token over a news paragraph\n",
	    (t1 - t0) / ((double) rounds * (double) n));
}

Test(nerl_countries, iso2_shape_is_two_ascii_capitals)
{
	cr_assert(nerl_iso2_shape("RU"));
	cr_assert(nerl_iso2_shape("XK"));
	cr_assert_not(nerl_iso2_shape("ru"));
	cr_assert_not(nerl_iso2_shape("R"));
	cr_assert_not(nerl_iso2_shape("RUS"));
	cr_assert_not(nerl_iso2_shape(""));
	cr_assert_not(nerl_iso2_shape("-"));
	cr_assert_not(nerl_iso2_shape("\xC3\x9C"));
}
