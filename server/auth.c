/* server/auth.c: bearer token files and constant-time checks (auth.h). */
#include "auth.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"

struct nsrv_tokens {
	char  **tokens;
	size_t *lens;
	size_t  n;
};

void
nsrv_tokens_free(nsrv_tokens *t)
{
	if (t == NULL) {
		return;
	}
	for (size_t i = 0; i < t->n; i++) {
		/* Tokens are secrets: do not leave them in freed memory. */
		volatile char *p = t->tokens[i];
		for (size_t j = 0; j < t->lens[i]; j++) {
			p[j] = 0;
		}
		free(t->tokens[i]);
	}
	free(t->tokens);
	free(t->lens);
	free(t);
}

static int
tokens_add(nsrv_tokens *t, const char *tok, size_t len)
{
	char  **tokens = realloc(t->tokens, (t->n + 1) * sizeof(char *));
	size_t *lens;
	char   *copy;

	if (tokens == NULL) {
		return (-1);
	}
	t->tokens = tokens;
	lens      = realloc(t->lens, (t->n + 1) * sizeof(size_t));
	if (lens == NULL) {
		return (-1);
	}
	t->lens = lens;
	copy    = malloc(len + 1);
	if (copy == NULL) {
		return (-1);
	}
	memcpy(copy, tok, len);
	copy[len]       = '\0';
	t->tokens[t->n] = copy;
	t->lens[t->n]   = len;
	t->n++;
	return (0);
}

int
nsrv_tokens_load(nsrv_tokens **out, const char *path, char *err, size_t errlen)
{
	nsrv_tokens *t    = NULL;
	FILE        *f    = NULL;
	char        *line = NULL;
	size_t       cap  = 0;
	struct stat  st;
	int          fd;
	int          lineno = 0;
	int          rv     = -1;

	fd = nsrv_open_regular(path, O_NOFOLLOW, &st, err, errlen);
	if (fd < 0) {
		return (-1);
	}
	if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
		snprintf(err, errlen,
		    "%s: refused: readable or writable by group or others "
		    "(mode %03o; chmod 600 it)",
		    path, (unsigned) (st.st_mode & 0777));
		close(fd);
		return (-1);
	}
	f = fdopen(fd, "r");
	if (f == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		close(fd);
		return (-1);
	}
	t = calloc(1, sizeof(*t));
	if (t == NULL) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	for (;;) {
		ssize_t got = getline(&line, &cap, f);
		char   *s   = line;
		size_t  n;

		if (got < 0) {
			break;
		}
		lineno++;
		/* The token would end at the NUL, shorter than written. */
		if (strlen(line) != (size_t) got) {
			snprintf(err, errlen, "%s:%d: NUL byte", path, lineno);
			goto out;
		}
		while (isspace((unsigned char) *s)) {
			s++;
		}
		n = strlen(s);
		while (n > 0 && isspace((unsigned char) s[n - 1])) {
			n--;
		}
		if (n == 0 || s[0] == '#') {
			continue;
		}
		if (tokens_add(t, s, n) != 0) {
			snprintf(err, errlen, "out of memory");
			goto out;
		}
	}
	if (ferror(f)) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (t->n == 0) {
		snprintf(err, errlen, "%s: holds no token", path);
		goto out;
	}
	*out = t;
	t    = NULL;
	rv   = 0;
out:
	if (line != NULL) {
		memset(line, 0, cap);
		free(line);
	}
	fclose(f);
	nsrv_tokens_free(t);
	return (rv);
}

/* Compares in time that depends on the lengths only, never on where the
 * first difference lies. */
static int
same_secret(const char *a, size_t alen, const char *b, size_t blen)
{
	volatile unsigned char diff = (unsigned char) (alen != blen);
	size_t                 n    = alen < blen ? alen : blen;

	for (size_t i = 0; i < n; i++) {
		diff |= (unsigned char) (a[i] ^ b[i]);
	}
	return (diff == 0);
}

int
nsrv_tokens_match(const nsrv_tokens *t, const char *value)
{
	const char *tok;
	size_t      len;
	int         found = 0;

	if (t == NULL || value == NULL
	    || strncasecmp(value, "Bearer ", 7) != 0) {
		return (0);
	}
	tok = value + 7;
	while (*tok == ' ') {
		tok++;
	}
	len = strlen(tok);
	/* Check every token, so the time does not tell which one matched. */
	for (size_t i = 0; i < t->n; i++) {
		found |= same_secret(tok, len, t->tokens[i], t->lens[i]);
	}
	return (found);
}
