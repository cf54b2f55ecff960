/*
 * plugins/common/tsv.c: tab-separated lexicon files.
 *
 * The file is read whole into one buffer and split in place, so a loaded
 * lexicon is three allocations however many rows it has.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nerl.h"

typedef struct tsv_row {
	size_t line;  /* 1-based line in the file */
	size_t first; /* index of its first field in fields[] */
	size_t ncols;
} tsv_row;

struct nerl_tsv {
	char*    buf;
	char**   fields;
	tsv_row* rows;
	size_t   nrows;
};

static int
read_file(const char* path, char** out, size_t* len, const char** what)
{
	FILE*       f;
	struct stat st;
	int         fd;
	char*       buf = NULL;
	size_t      cap = 0;
	size_t      n   = 0;
	int         rv  = 0;

	/* O_NONBLOCK: a FIFO without a writer must not block the open */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		int e = errno;

		*what = strerror(e);
		return (
		    e == ENOENT || e == ENOTDIR ? NERP_ENOENT : NERP_EINVAL);
	}
	if (fstat(fd, &st) != 0) {
		*what = strerror(errno);
		close(fd);
		return (NERP_EINVAL);
	}
	if (!S_ISREG(st.st_mode)) {
		/* a directory, a FIFO, a device (/dev/zero never ends) */
		*what = S_ISDIR(st.st_mode) ? strerror(EISDIR)
		                            : "not a regular file";
		close(fd);
		return (NERP_EINVAL);
	}
	f = fdopen(fd, "rb");
	if (f == NULL) {
		*what = strerror(errno);
		close(fd);
		return (NERP_ENOMEM);
	}
	for (;;) {
		size_t got;

		if (cap - n < 4096) {
			size_t ncap = cap ? cap * 2 : 16384;
			char*  nbuf = realloc(buf, ncap + 1);
			if (nbuf == NULL) {
				*what = "out of memory";
				rv    = NERP_ENOMEM;
				goto out;
			}
			buf = nbuf;
			cap = ncap;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0) {
			break;
		}
	}
	if (ferror(f)) {
		/* there but unreadable (an I/O error) */
		*what = strerror(errno);
		rv    = NERP_EINVAL;
		goto out;
	}
	buf[n] = '\0';
	*out   = buf;
	*len   = n;
	buf    = NULL;
out:
	free(buf);
	fclose(f);
	return (rv);
}

static int
is_blank(const char* s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] != ' ' && s[i] != '\t') {
			return (0);
		}
	}
	return (1);
}

/* The first control character of s[0..len) other than TAB, or -1. */
static int
control_char(const char* s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char) s[i];

		if ((c < 0x20 && c != '\t') || c == 0x7F) {
			return (c);
		}
	}
	return (-1);
}

/* The field f without the spaces around it (cut in place). */
static char*
trim_spaces(char* f)
{
	size_t len;

	f += strspn(f, " ");
	len = strlen(f);
	while (len > 0 && f[len - 1] == ' ') {
		f[--len] = '\0';
	}
	return (f);
}

int
nerl_tsv_load(const char* path, nerl_tsv** out, char* err, size_t errlen)
{
	nerl_tsv*   tsv;
	char*       p;
	size_t      len;
	size_t      nfields = 0;
	size_t      nlines  = 0;
	size_t      line;
	int         rv;
	int         ctl;
	const char* what = "";

	*out = NULL;
	tsv  = calloc(1, sizeof(*tsv));
	if (tsv == NULL) {
		snprintf(err, errlen, "%s: out of memory", path);
		return (NERP_ENOMEM);
	}
	rv = read_file(path, &tsv->buf, &len, &what);
	if (rv != 0) {
		snprintf(err, errlen, "%s: %s", path, what);
		goto fail;
	}
	/* Upper bounds: every tab or newline may start a field. */
	for (size_t i = 0; i < len; i++) {
		if (tsv->buf[i] == '\t') {
			nfields++;
		} else if (tsv->buf[i] == '\n') {
			nlines++;
		}
	}
	nlines++;
	nfields += nlines;
	tsv->fields = malloc(nfields * sizeof(char*));
	tsv->rows   = malloc(nlines * sizeof(tsv_row));
	if (tsv->fields == NULL || tsv->rows == NULL) {
		snprintf(err, errlen, "%s: out of memory", path);
		rv = NERP_ENOMEM;
		goto fail;
	}
	p = tsv->buf;
	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
		p += 3; /* a byte order mark */
	}
	nfields = 0;
	for (line = 1; p < tsv->buf + len; line++) {
		char*    eol = memchr(p, '\n', (size_t) (tsv->buf + len - p));
		size_t   n;
		tsv_row* row;

		if (eol == NULL) {
			eol = tsv->buf + len;
		}
		n = (size_t) (eol - p);
		if (n > 0 && p[n - 1] == '\r') {
			n--;
		}
		ctl = control_char(p, n);
		if (ctl >= 0) {
			/* a NUL would end a field unseen (fields are C
			 * strings); bare CRs are old Mac line ends */
			snprintf(err, errlen,
			    "%s:%zu: a control character 0x%02X%s", path, line,
			    (unsigned) ctl, ctl == 0 ? " (a NUL byte)" : "");
			rv = NERP_EINVAL;
			goto fail;
		}
		if (!nerl_utf8_valid(p, n)) {
			snprintf(
			    err, errlen, "%s:%zu: invalid UTF-8", path, line);
			rv = NERP_EINVAL;
			goto fail;
		}
		p[n] = '\0';
		if (p[0] == '#' || is_blank(p, n)) {
			p = eol + 1;
			continue;
		}
		row        = &tsv->rows[tsv->nrows++];
		row->line  = line;
		row->first = nfields;
		row->ncols = 0;
		for (char* f = p;;) {
			char* tab = strchr(f, '\t');

			if (tab != NULL) {
				*tab = '\0';
			}
			tsv->fields[nfields++] = trim_spaces(f);
			row->ncols++;
			if (tab == NULL) {
				break;
			}
			f = tab + 1;
		}
		p = eol + 1;
	}
	*out = tsv;
	return (0);
fail:
	nerl_tsv_free(tsv);
	return (rv);
}

void
nerl_tsv_free(nerl_tsv* tsv)
{
	if (tsv == NULL) {
		return;
	}
	free(tsv->buf);
	free(tsv->fields);
	free(tsv->rows);
	free(tsv);
}

size_t
nerl_tsv_rows(const nerl_tsv* tsv)
{
	return (tsv->nrows);
}

size_t
nerl_tsv_cols(const nerl_tsv* tsv, size_t row)
{
	if (row >= tsv->nrows) {
		return (0);
	}
	return (tsv->rows[row].ncols);
}

const char*
nerl_tsv_field(const nerl_tsv* tsv, size_t row, size_t col)
{
	if (row >= tsv->nrows || col >= tsv->rows[row].ncols) {
		return ("");
	}
	return (tsv->fields[tsv->rows[row].first + col]);
}

size_t
nerl_tsv_line(const nerl_tsv* tsv, size_t row)
{
	if (row >= tsv->nrows) {
		return (0);
	}
	return (tsv->rows[row].line);
}

int
nerl_alt_next(const char** s, const char** alt, size_t* len)
{
	const char* p = *s;
	size_t      n;

	if (*p == '\0') {
		return (0);
	}
	p += strspn(p, " ");
	n  = strcspn(p, "|");
	*s = p[n] == '|' ? p + n + 1 : p + n;
	while (n > 0 && p[n - 1] == ' ') {
		n--;
	}
	*alt = p;
	*len = n;
	return (1);
}

int
nerl_path_join(char* out, size_t cap, const char* dir, const char* name)
{
	size_t dl;
	size_t nl;
	int    slash;

	if (out == NULL || dir == NULL || name == NULL || cap == 0) {
		return (NERP_EINVAL);
	}
	dl    = strlen(dir);
	nl    = strlen(name);
	slash = dl > 0 && dir[dl - 1] != '/';
	if (dl + (size_t) slash + nl + 1 > cap) {
		out[0] = '\0';
		return (NERP_EINVAL);
	}
	memcpy(out, dir, dl);
	if (slash) {
		out[dl++] = '/';
	}
	memcpy(out + dl, name, nl + 1);
	return (0);
}
