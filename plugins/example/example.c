/*
 * example.c: a complete nerd recognizer plugin, built out of tree.
 *
 * It provides one kind, "greeting": phrases listed in
 * <data_dir>/greetings.txt (one per line, '#' starts a comment), matched
 * token by token and ignoring ASCII case.  It shows the whole contract:
 * everything is loaded in init() and only read afterwards, recognize() is
 * reentrant and keeps nothing, entities go out through host->emit, and
 * phrases are split with host->tokenize so they match documents exactly.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nerd/plugin.h>

#define MAX_PHRASE_TOKENS 8

typedef struct phrase {
	char  *text;                     /* the line, as the entity value */
	size_t n;                        /* tokens */
	char  *words[MAX_PHRASE_TOKENS]; /* each token's text */
} phrase;

typedef struct example_state {
	const nerp_host *host;
	phrase          *phrases;
	size_t           n;
} example_state;

static const char *const provides[] = { "greeting", NULL };

static void
example_destroy(void *arg)
{
	example_state *s = arg;
	size_t         i, k;

	if (s == NULL) {
		return;
	}
	for (i = 0; i < s->n; i++) {
		for (k = 0; k < s->phrases[i].n; k++) {
			free(s->phrases[i].words[k]);
		}
		free(s->phrases[i].text);
	}
	free(s->phrases);
	free(s);
}

/* Splits one lexicon line into tokens and appends it as a phrase. */
static int
add_phrase(example_state *s, const char *line, size_t len)
{
	nerp_token tok[MAX_PHRASE_TOKENS];
	size_t     n = s->host->tokenize(line, len, tok, MAX_PHRASE_TOKENS);
	phrase    *grown;
	phrase    *p;
	size_t     k;

	if (n == 0 || n > MAX_PHRASE_TOKENS) {
		return (NERP_EINVAL);
	}
	grown = realloc(s->phrases, (s->n + 1) * sizeof(*grown));
	if (grown == NULL) {
		return (NERP_ENOMEM);
	}
	s->phrases = grown;
	p          = &s->phrases[s->n];
	memset(p, 0, sizeof(*p));
	s->n++;
	p->text = strndup(line, len);
	if (p->text == NULL) {
		return (NERP_ENOMEM);
	}
	for (k = 0; k < n; k++) {
		p->words[k]
		    = strndup(line + tok[k].start, tok[k].end - tok[k].start);
		if (p->words[k] == NULL) {
			return (NERP_ENOMEM);
		}
		p->n = k + 1;
	}
	return (NERP_OK);
}

static int
example_init(const nerp_host *host, const nerp_config *cfg, void **state,
    char *err, size_t errlen)
{
	example_state *s;
	const char    *dir = host->config(cfg, "data_dir");
	char           path[4096];
	char           line[512];
	FILE          *f;
	int            rc = NERP_OK;

	s = calloc(1, sizeof(*s));
	if (s == NULL) {
		(void) snprintf(err, errlen, "out of memory");
		return (NERP_ENOMEM);
	}
	s->host = host;
	(void) snprintf(path, sizeof(path), "%s/greetings.txt", dir);
	f = fopen(path, "r");
	if (f == NULL) {
		(void) snprintf(err, errlen, "%s: %s", path, strerror(errno));
		example_destroy(s);
		return (NERP_ENOENT);
	}
	while (rc == NERP_OK && fgets(line, sizeof(line), f) != NULL) {
		size_t len = strcspn(line, "#\r\n");

		while (len > 0
		    && (line[len - 1] == ' ' || line[len - 1] == '\t')) {
			len--;
		}
		if (len > 0) {
			rc = add_phrase(s, line, len);
		}
	}
	(void) fclose(f);
	if (rc != NERP_OK) {
		(void) snprintf(
		    err, errlen, "%s: bad or oversized line", path);
		example_destroy(s);
		return (rc);
	}
	host->log(NULL, NERP_LOG_INFO, "%zu greetings from %s", s->n, path);
	*state = s;
	return (NERP_OK);
}

static int
same_word(const char *text, const nerp_token *t, const char *word)
{
	size_t len = t->end - t->start;
	size_t i;

	if (strlen(word) != len) {
		return (0);
	}
	for (i = 0; i < len; i++) {
		char a = text[t->start + i];
		char b = word[i];

		if (a >= 'A' && a <= 'Z') {
			a = (char) (a - 'A' + 'a');
		}
		if (b >= 'A' && b <= 'Z') {
			b = (char) (b - 'A' + 'a');
		}
		if (a != b) {
			return (0);
		}
	}
	return (1);
}

static int
example_recognize(const void *arg, nerp_call *call, const nerp_doc *doc)
{
	const example_state *s = arg;
	const nerp_token    *t;
	size_t               n = s->host->tokens(call, &t);
	size_t               i, j, k;
	nerp_entity          e;
	int                  rc;

	for (i = 0; i < n; i++) {
		if (s->host->cancelled(call)) {
			return (NERP_ECANCELED);
		}
		for (j = 0; j < s->n; j++) {
			const phrase *p = &s->phrases[j];

			if (i + p->n > n) {
				continue;
			}
			for (k = 0; k < p->n; k++) {
				if (!same_word(
				        doc->text, &t[i + k], p->words[k])) {
					break;
				}
			}
			if (k < p->n) {
				continue;
			}
			memset(&e, 0, sizeof(e));
			e.start = t[i].start;
			e.end   = t[i + p->n - 1].end;
			e.kind  = "greeting";
			e.value = p->text;
			e.score = 1.0f;
			rc      = s->host->emit(call, &e);
			if (rc == NERP_ENOMEM) {
				return (rc);
			}
		}
	}
	return (NERP_OK);
}

static const nerp_plugin example = {
	.magic       = NERP_MAGIC,
	.abi         = NERP_ABI,
	.size        = sizeof(nerp_plugin),
	.flags       = NERP_F_REENTRANT | NERP_F_DETERMINISTIC,
	.name        = "example",
	.version     = "1.0.0",
	.description = "greetings from an editable phrase list",
	.provides    = provides,
	.consumes    = NULL,
	.init        = example_init,
	.recognize   = example_recognize,
	.destroy     = example_destroy,
};

NERP_EXPORT(example)
