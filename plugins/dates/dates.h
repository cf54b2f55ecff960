/*
 * plugins/dates/dates.h: the recognition logic of the dates plugin, private
 * to it and to its tests (prefix dates_).
 *
 * The plugin reads the shared tokens of a document, gives each token a set
 * of classes (MONTH, YEAR, WEEKDAY, ...) from the lexicon (the .tsv files
 * of data/) and from the shape of numbers, then matches the grammar of
 * data/grammar.tsv (one rule a line: a sequence of classes and words) at every
 * token that can start a rule, keeping the longest match.  Each rule names a
 * builder that turns the matched fields into a TIMEX3 value, resolved against
 * the document creation date (dct) and the tense of the sentence.
 *
 * Words are found by the host's token keys (the lexicon is keyed with the
 * same function at init) and then compared byte for byte, ASCII case
 * aside, so a key only saves the folding and hashing.  A small set of
 * the keys of the words that can start a rule, and a map of what a key
 * may be (a word, a tense word, a start word that may go on with any
 * token), turn most tokens away before they are classified.
 *
 * Threads: dates_lexicon_load() runs in init() and allocates; the lexicon
 * is read-only afterwards and shared by any number of dates_scan() calls at
 * once.  dates_scan() keeps no state beyond its arguments.
 */
#ifndef NERD_PLUGINS_DATES_DATES_H
#define NERD_PLUGINS_DATES_DATES_H

#include <stddef.h>
#include <stdint.h>

#include "nerd/plugin.h"

/* Token classes.  A token can have several. */
enum dates_class {
	DC_MONTH,     /* January, Jan; value month */
	DC_MONTHX,    /* a month name that is also a word (May, March) */
	DC_WEEKDAY,   /* Monday; value 1-7 */
	DC_DAY,       /* 1-31, 21st */
	DC_YEAR,      /* 1000-2199, four digits */
	DC_DECADE,    /* 1990s */
	DC_NUM,       /* a count: 3, three, a */
	DC_UNIT,      /* day, week, month, quarter, year, decade, weekend */
	DC_REL,       /* last, this, next */
	DC_MOD,       /* early, mid, late */
	DC_PRE,       /* earlier, later */
	DC_ORD,       /* first .. fourth */
	DC_PART,      /* half, quarter */
	DC_QADJ,      /* third-quarter */
	DC_QTOK,      /* Q3, H1 */
	DC_YAGO,      /* year-ago, year-earlier */
	DC_DEICTIC,   /* today, yesterday */
	DC_REF,       /* now, recently */
	DC_REFN,      /* future, past: a REF after "the" */
	DC_CLOCK,     /* 10:00 */
	DC_HHMM,      /* 0735, 1530: a clock time only before a zone */
	DC_HOUR,      /* 1-12 (before a.m./p.m.) */
	DC_AMPM,      /* a.m., p.m. */
	DC_ZONE,      /* EDT, GMT */
	DC_TIMEWORD,  /* noon, midnight */
	DC_DAYPART,   /* morning, night */
	DC_SEASON,    /* summer */
	DC_ISO,       /* 2024-04-26, 2024-04-26T10:00 */
	DC_SLASH,     /* 26/04/2024 (unambiguous only) */
	DC_YRANGE,    /* 2023-24 */
	DC_DRANGE,    /* 22-24 */
	DC_MODYEAR,   /* mid-2023 */
	DC_MODDECADE, /* mid-1990s */
	DC_MODMONTH,  /* mid-November */
	DC_CAP,       /* a capitalised word */
	DC_CONJ,      /* and, to, through, a dash: between two days */
	DC_HOLIDAY,   /* Christmas, Easter: value MMDD or a movable feast */
	DC_HOLIDAYD,  /* Victory, Election: a holiday before "Day" */
	DC_TENSE,     /* will, said; value enum dates_tense */
	DC_PREP,      /* in, since, ... (context of bare months and years) */
	DC_BLOCK,     /* Resolution, page, ... before a number */
	DC_BLOCKNEXT, /* percent, people, ... after a number */
	DC_COUNT
};

#define DC_BIT(c) ((uint64_t) 1 << (c))

enum dates_tense {
	DATES_TENSE_NONE    = 0,
	DATES_TENSE_PAST    = 1,
	DATES_TENSE_PRESENT = 2,
	DATES_TENSE_FUTURE  = 3,
};

/* A calendar date; fields 0 when unknown. */
typedef struct dates_ymd {
	int y, m, d;
} dates_ymd;

/* One recognised expression. */
typedef struct dates_match {
	uint32_t    start, end;          /* byte span */
	uint32_t    tok_first, tok_last; /* token span, inclusive */
	char        value[48];           /* TIMEX3 value, NUL-terminated */
	const char *type; /* "DATE", "TIME", "DURATION" (static) */
	const char *mod;  /* "START", "MID", "END" or NULL (static) */
	const char *rule; /* grammar rule (borrowed from the lexicon) */
	int         explicit_year; /* the year was written out */
	int needs_date; /* a clock time that takes the date that follows */
	int year_back;  /* "a year ago": the named period a year before */
} dates_match;

typedef struct dates_lexicon dates_lexicon;

/* The key of a text: host->key of nerd/plugin.h (64 bits of its folded
 * form).  The lexicon keys its words with it, and the keys of a
 * document's tokens given to dates_scan() must come from the same one. */
typedef uint64_t (*dates_key_fn)(const char *text, size_t len);

/* Loads the lexicon files and data/grammar.tsv from folder dir, keying
 * the words with key (kept by the lexicon; it must stay callable while
 * the lexicon lives).  On success *out owns the lexicon (free with
 * dates_lexicon_free).  The files are read by nerl_tsv_load (comments,
 * blank lines, CRLF and a byte order mark skipped).  Returns NERP_OK,
 * NERP_ENOENT when a file is missing, NERP_EINVAL for a file that cannot
 * be read or a bad line (err, errlen bytes at most, names the file and
 * line), NERP_ENOMEM. */
int dates_lexicon_load(dates_lexicon **out, const char *dir, dates_key_fn key,
    char *err, size_t errlen);

/* Frees a lexicon; NULL is allowed. */
void dates_lexicon_free(dates_lexicon *lex);

/* Number of grammar rules, and the name of rule i (borrowed). */
size_t      dates_rule_count(const dates_lexicon *lex);
const char *dates_rule_name(const dates_lexicon *lex, size_t i);

/* Finds the dates of text[0..len) given its tokens (the rules of
 * nerd/plugin.h) and their keys (keys[i] the key of token i by the
 * lexicon's key function, as host->token_keys gives them).  dct is the
 * date relative expressions resolve against.
 * Writes at most cap matches to out, in text order, and returns how many
 * were written.  work must hold ntok dates_tok_size() bytes (per-call
 * memory; any alignment for 8-byte words), cleared for this document by
 * dates_work_clear(): the scans of one document (dates_find_dct, then
 * dates_scan, with any dct) share the classes of its tokens through it.
 * Reentrant. */
size_t dates_scan(const dates_lexicon *lex, const char *text, size_t len,
    const nerp_token *toks, const uint64_t *keys, size_t ntok, dates_ymd dct,
    void *work, dates_match *out, size_t cap);

/* Bytes of work memory per token dates_scan() needs. */
size_t dates_tok_size(void);

/* Makes work (ntok dates_tok_size() bytes) ready for the scans of a new
 * document of ntok tokens. */
void dates_work_clear(void *work, size_t ntok);

/* Finds the creation date a document states near its start (a header
 * "date 2024-04-26", a dateline "MOSCOW, April 26, 2024", "Posted:
 * 2023-09-10"): the first full date with a written year in its first 400
 * bytes.  today supplies the year for a dateline without one.  Returns 1
 * and sets *out when found, else 0.  keys and work as for dates_scan()
 * (ntok the document's token count, for work). */
int dates_find_dct(const dates_lexicon *lex, const char *text, size_t len,
    const nerp_token *toks, const uint64_t *keys, size_t ntok, dates_ymd today,
    void *work, dates_ymd *out);

/* ---------------------------------------------------------------- calendar */

/* Parses "YYYY-MM-DD" (exactly).  Returns 0 and sets *out, or -1. */
int dates_parse_ymd(const char *s, dates_ymd *out);

/* Days since 1970-01-01 of a valid date, and back. */
long      dates_days(dates_ymd d);
dates_ymd dates_from_days(long days);

/* ISO weekday of a date, Monday = 1 ... Sunday = 7; of a day count. */
int dates_weekday(dates_ymd d);
int dates_weekday_of_days(long days);

/* ISO 8601 week of a date: *wy the week-based year, *wn 1-53. */
void dates_iso_week(dates_ymd d, int *wy, int *wn);

/* Days in month m of year y (0 for a bad month). */
int dates_month_days(int y, int m);

/* Nonzero when y-m-d is a real date. */
int dates_valid(int y, int m, int d);

#endif /* NERD_PLUGINS_DATES_DATES_H */
