/*
 * clients/nerc_table.c: nerc's aligned, human-readable tables.  Widths are
 * counted in terminal columns (utf8proc), so non-ASCII names line up.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "nerc.h"

#define MAX_CELL 40 /* columns; longer text is cut with an ellipsis */
#define N_COLS 5

typedef struct cell {
	char *s;
	size_t width;
} cell;

/* C0, DEL and C1 (U+0080..U+009F: U+009B is a terminal's CSI). */
static int
is_control(utf8proc_int32_t cp)
{
	return (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F));
}

/* A printable copy of s[0..len): control characters become spaces and
 * the text is cut at MAX_CELL columns (limit 0: no cut). */
static int
cell_make(cell *c, const char *s, size_t len, size_t limit)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *) s;
	size_t i = 0;
	size_t o = 0;

	c->s = malloc(len + 4);
	c->width = 0;
	if (c->s == NULL) {
		return (-1);
	}
	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(p + i,
		    (utf8proc_ssize_t) (len - i), &cp);
		int w;
		if (n <= 0) {
			cp = 0xFFFD;
			n = 1;
		}
		w = is_control(cp) ? 1 : utf8proc_charwidth(cp);
		if (w < 0) {
			w = 0;
		}
		if (limit > 0 && c->width + (size_t) w > limit - 1 &&
		    i + (size_t) n < len) {
			memcpy(c->s + o, "\xe2\x80\xa6", 3); /* … */
			o += 3;
			c->width++;
			break;
		}
		if (is_control(cp)) {
			c->s[o++] = ' ';
		} else if (cp == 0xFFFD && n == 1) {
			c->s[o++] = '?';
		} else {
			memcpy(c->s + o, s + i, (size_t) n);
			o += (size_t) n;
		}
		c->width += (size_t) w;
		i += (size_t) n;
	}
	c->s[o] = '\0';
	return (0);
}

static int
cell_str(cell *c, const char *s, size_t limit)
{
	return (cell_make(c, s, strlen(s), limit));
}

/* Prints rows of N_COLS cells, the first row the header, padded to the
 * widest cell of each column (the last column unpadded). */
static int
print_rows(FILE *f, cell *cells, size_t n_rows)
{
	size_t width[N_COLS] = { 0 };
	size_t r, k, pad;

	for (r = 0; r < n_rows; r++) {
		for (k = 0; k < N_COLS; k++) {
			if (cells[r * N_COLS + k].width > width[k]) {
				width[k] = cells[r * N_COLS + k].width;
			}
		}
	}
	for (r = 0; r < n_rows; r++) {
		for (k = 0; k < N_COLS; k++) {
			const cell *c = &cells[r * N_COLS + k];
			fputs(c->s, f);
			if (k + 1 == N_COLS) {
				break;
			}
			for (pad = c->width; pad < width[k] + 2; pad++) {
				fputc(' ', f);
			}
		}
		fputc('\n', f);
	}
	return (ferror(f) ? -1 : 0);
}

static void
cells_free(cell *cells, size_t n)
{
	size_t i;

	for (i = 0; cells != NULL && i < n; i++) {
		free(cells[i].s);
	}
	free(cells);
}

static int
attrs_cell(cell *c, const Nerd__V1__Entity *e)
{
	size_t len = 1;
	size_t i;
	char *s;
	int rv;

	for (i = 0; i < e->n_attrs; i++) {
		len += strlen(e->attrs[i]->key) + strlen(e->attrs[i]->value) +
		    2;
	}
	s = malloc(len);
	if (s == NULL) {
		return (-1);
	}
	s[0] = '\0';
	for (i = 0; i < e->n_attrs; i++) {
		if (i > 0) {
			strcat(s, " ");
		}
		strcat(s, e->attrs[i]->key);
		strcat(s, "=");
		strcat(s, e->attrs[i]->value);
	}
	rv = cell_str(c, s, 0);
	free(s);
	return (rv);
}

int
nerc_table_entities(FILE *f, const Nerd__V1__RecognizeResponse *res)
{
	static const char *const head[N_COLS] = { "KIND", "SPAN", "TEXT",
		"VALUE", "ATTRS" };
	size_t n = (res->n_entities + 1) * N_COLS;
	cell *cells = calloc(n, sizeof(*cells));
	char span[32];
	size_t i, k;
	int rv = 0;

	if (cells == NULL) {
		return (-1);
	}
	for (k = 0; k < N_COLS; k++) {
		rv |= cell_str(&cells[k], head[k], 0);
	}
	for (i = 0; i < res->n_entities; i++) {
		const Nerd__V1__Entity *e = res->entities[i];
		cell *row = &cells[(i + 1) * N_COLS];
		snprintf(span, sizeof(span), "%u-%u", (unsigned) e->start,
		    (unsigned) e->end);
		rv |= cell_str(&row[0], e->kind, 0);
		rv |= cell_str(&row[1], span, 0);
		rv |= cell_str(&row[2], e->text, MAX_CELL);
		rv |= cell_str(&row[3], e->value, MAX_CELL);
		rv |= attrs_cell(&row[4], e);
	}
	if (rv == 0) {
		rv = print_rows(f, cells, res->n_entities + 1);
	}
	cells_free(cells, n);
	return (rv);
}

static void
join(char *buf, size_t cap, char **v, size_t n)
{
	size_t i;

	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		if (i > 0) {
			strncat(buf, ",", cap - strlen(buf) - 1);
		}
		strncat(buf, v[i], cap - strlen(buf) - 1);
	}
}

static int
infos_table(FILE *f, Nerd__V1__RecognizerInfo **v, size_t n_infos)
{
	static const char *const head[N_COLS] = { "NAME", "VERSION",
		"PROVIDES", "CONSUMES", "PATH" };
	size_t n = (n_infos + 1) * N_COLS;
	cell *cells = calloc(n, sizeof(*cells));
	char buf[512];
	size_t i, k;
	int rv = 0;

	if (cells == NULL) {
		return (-1);
	}
	for (k = 0; k < N_COLS; k++) {
		rv |= cell_str(&cells[k], head[k], 0);
	}
	for (i = 0; i < n_infos; i++) {
		cell *row = &cells[(i + 1) * N_COLS];
		rv |= cell_str(&row[0], v[i]->name, 0);
		rv |= cell_str(&row[1], v[i]->version, 0);
		join(buf, sizeof(buf), v[i]->provides, v[i]->n_provides);
		rv |= cell_str(&row[2], buf, 0);
		join(buf, sizeof(buf), v[i]->consumes, v[i]->n_consumes);
		rv |= cell_str(&row[3], buf[0] ? buf : "-", 0);
		rv |= cell_str(&row[4], v[i]->path, 0);
	}
	if (rv == 0) {
		rv = print_rows(f, cells, n_infos + 1);
	}
	cells_free(cells, n);
	return (rv);
}

int
nerc_table_list(FILE *f, const Nerd__V1__ListRecognizersResponse *res)
{
	if (infos_table(f, res->recognizers, res->n_recognizers) != 0) {
		return (-1);
	}
	fprintf(f, "generation %llu\n", (unsigned long long) res->generation);
	return (ferror(f) ? -1 : 0);
}

int
nerc_table_reload(FILE *f, const Nerd__V1__ReloadResponse *res)
{
	size_t i;

	if (infos_table(f, res->recognizers, res->n_recognizers) != 0) {
		return (-1);
	}
	for (i = 0; i < res->n_refused; i++) {
		fprintf(f, "refused: %s\n", res->refused[i]);
	}
	fprintf(f, "generation %llu\n", (unsigned long long) res->generation);
	return (ferror(f) ? -1 : 0);
}
