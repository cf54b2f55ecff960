/*
 * core/loader.c: opening plugin files the way sudo and OpenSSH open
 * theirs.  The folder is resolved with realpath and checked with its
 * parents; each file is opened with O_NOFOLLOW relative to the folder,
 * checked with fstat, and the very inode checked is mapped through
 * /proc/self/fd/N, so nothing can be swapped in between check and load.
 */
#define _GNU_SOURCE /* dladdr1 */

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <link.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "loader.h"
#include "nerd/status.h"

/* The longest description a plugin may give. */
#define NERI_DESC_MAX 256

void
neri_refuse(neri_refusals *r, const neri_registry *reg, const char *fmt, ...)
{
	char    line[NERI_LINE_MAX];
	char  **grown;
	char   *copy;
	va_list ap;

	va_start(ap, fmt);
	/* clang-analyzer's va_list tracking misfires across TUs:
	 * NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized) */
	(void) vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	/* Plugins' messages and file names may hold any bytes, and the
	 * line goes to the log and into Reload's reply. */
	neri_text_clean(line);
	neri_logf(reg, NERP_LOG_WARN, "registry", "%s", line);
	if (r->n == r->cap) {
		size_t ncap = r->cap == 0 ? 8 : r->cap * 2;

		grown = realloc(r->lines, ncap * sizeof(*grown));
		if (grown == NULL) {
			r->oom = 1;
			return;
		}
		r->lines = grown;
		r->cap   = ncap;
	}
	copy = strdup(line);
	if (copy == NULL) {
		r->oom = 1;
		return;
	}
	r->lines[r->n++] = copy;
}

static int
owner_ok(const struct stat *st)
{
	return (st->st_uid == 0 || st->st_uid == geteuid());
}

/* Checks the folder's parents: owned by root or us, and writable by
 * others only when sticky (as /tmp is).  Returns NULL or why not. */
static const char *
check_parents(const char *real, char *bad, size_t badlen)
{
	char        path[PATH_MAX];
	char       *slash;
	struct stat st;

	(void) snprintf(path, sizeof(path), "%s", real);
	for (;;) {
		slash = strrchr(path, '/');
		if (slash == NULL) {
			return (NULL);
		}
		if (slash == path) {
			slash[1] = '\0';
		} else {
			slash[0] = '\0';
		}
		if (stat(path, &st) != 0) {
			(void) snprintf(bad, badlen, "%s", path);
			return ("cannot be checked");
		}
		if (!owner_ok(&st)) {
			(void) snprintf(bad, badlen, "%s", path);
			return ("is owned by another user");
		}
		if ((st.st_mode & 022) != 0 && (st.st_mode & S_ISVTX) == 0) {
			(void) snprintf(bad, badlen, "%s", path);
			return ("is group or world writable");
		}
		if (strcmp(path, "/") == 0) {
			return (NULL);
		}
	}
}

static int
cmp_names(const void *a, const void *b)
{
	return (strcmp(*(char *const *) a, *(char *const *) b));
}

static int
wanted_name(const char *name)
{
	size_t len = strlen(name);

	return (name[0] != '.' && len > 3 && len < NAME_MAX
	    && strcmp(name + len - 3, ".so") == 0);
}

/* The sorted names of the *.so entries of an open folder. */
static int
list_dir(int dfd, char ***names, size_t *n)
{
	DIR           *d;
	struct dirent *e;
	char         **v   = NULL;
	size_t         cnt = 0, cap = 0;
	int            fd;
	int            rv = NERD_STATUS_RESOURCE_EXHAUSTED;

	*names = NULL;
	*n     = 0;
	fd     = dup(dfd);
	if (fd < 0) {
		return (NERD_STATUS_INTERNAL);
	}
	d = fdopendir(fd);
	if (d == NULL) {
		(void) close(fd);
		return (NERD_STATUS_INTERNAL);
	}
	for (;;) {
		errno = 0;
		e     = readdir(d);
		if (e == NULL) {
			break;
		}
		if (!wanted_name(e->d_name)) {
			continue;
		}
		if (cnt == cap) {
			size_t ncap  = cap == 0 ? 16 : cap * 2;
			char **grown = realloc(v, ncap * sizeof(*v));

			if (grown == NULL) {
				goto fail;
			}
			v   = grown;
			cap = ncap;
		}
		v[cnt] = strdup(e->d_name);
		if (v[cnt] == NULL) {
			goto fail;
		}
		cnt++;
	}
	(void) closedir(d);
	if (cnt > 0) {
		qsort(v, cnt, sizeof(*v), cmp_names);
	}
	*names = v;
	*n     = cnt;
	return (0);
fail:
	(void) closedir(d);
	neri_strings_free(v, cnt);
	return (rv);
}

static int
valid_name(const char *s, int kind)
{
	size_t i;

	if (s == NULL || s[0] == '\0') {
		return (0);
	}
	for (i = 0; s[i] != '\0'; i++) {
		char c = s[i];

		if (i >= NERI_NAME_MAX) {
			return (0);
		}
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
		    || c == '_' || c == '-' || (kind && c == '.')) {
			continue;
		}
		return (0);
	}
	return (1);
}

/* Nonzero when s is 1 to 64 of semver's characters [0-9A-Za-z.+-]. */
static int
valid_version(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++) {
		char c = s[i];

		if (i >= NERI_NAME_MAX
		    || !((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')
		        || (c >= 'a' && c <= 'z') || c == '.' || c == '+'
		        || c == '-')) {
			return (0);
		}
	}
	return (i > 0);
}

/* Nonzero when s is one line of UTF-8 (no control characters) of at
 * most max bytes. */
static int
valid_line(const char *s, size_t max)
{
	size_t n = strnlen(s, max + 1);
	size_t i;

	for (i = 0; i < n; i++) {
		if ((unsigned char) s[i] < 0x20 || s[i] == 0x7f) {
			return (0);
		}
	}
	return (n <= max && neri_utf8_valid(s, n));
}

/* Why a descriptor is unusable, or NULL when it is sound.  magic, abi and
 * size are checked before anything else is read. */
static const char *
check_desc(const nerp_plugin *d, char *why, size_t whylen)
{
	size_t i;

	if (d == NULL) {
		return ("nerp_entry() returned NULL");
	}
	if (d->magic != NERP_MAGIC) {
		(void) snprintf(why, whylen,
		    "bad magic 0x%08x (expected 0x%08x)", (unsigned) d->magic,
		    (unsigned) NERP_MAGIC);
		return (why);
	}
	if (d->abi != NERP_ABI) {
		(void) snprintf(why, whylen, "plugin ABI %u, host ABI %u",
		    (unsigned) d->abi, (unsigned) NERP_ABI);
		return (why);
	}
	if (d->size < sizeof(nerp_plugin)) {
		(void) snprintf(why, whylen,
		    "descriptor size %u, host ABI %u needs %zu",
		    (unsigned) d->size, (unsigned) NERP_ABI,
		    sizeof(nerp_plugin));
		return (why);
	}
	if (d->name == NULL) {
		return ("name missing");
	}
	if (!valid_name(d->name, 0)) {
		(void) snprintf(why, whylen,
		    "name \"%.64s\" is not [a-z0-9_-]{1,64}", d->name);
		return (why);
	}
	if ((d->flags & NERP_F_REENTRANT) == 0) {
		return ("not marked NERP_F_REENTRANT");
	}
	if (d->version == NULL || d->init == NULL || d->recognize == NULL) {
		return ("version, init or recognize missing");
	}
	if (!valid_version(d->version)) {
		return ("version is not [0-9A-Za-z.+-]{1,64} (semver)");
	}
	if (d->description != NULL
	    && !valid_line(d->description, NERI_DESC_MAX)) {
		return ("description is not one line of UTF-8 of at most 256 "
		        "bytes");
	}
	for (i = 0; i < sizeof(d->reserved) / sizeof(d->reserved[0]); i++) {
		if (d->reserved[i] != NULL) {
			return ("reserved fields are not NULL");
		}
	}
	if (d->provides == NULL || d->provides[0] == NULL) {
		return ("provides no kinds");
	}
	for (i = 0; d->provides[i] != NULL; i++) {
		if (!valid_name(d->provides[i], 1)) {
			(void) snprintf(why, whylen,
			    "provided kind \"%.64s\" is not "
			    "[a-z0-9_.-]{1,64}",
			    d->provides[i]);
			return (why);
		}
	}
	for (i = 0; d->consumes != NULL && d->consumes[i] != NULL; i++) {
		if (!valid_name(d->consumes[i], 1)) {
			(void) snprintf(why, whylen,
			    "consumed kind \"%.64s\" is not "
			    "[a-z0-9_.-]{1,64}",
			    d->consumes[i]);
			return (why);
		}
		if (neri_kind_index(d->provides, d->consumes[i]) >= 0) {
			(void) snprintf(why, whylen,
			    "consumes kind \"%s\" that it provides itself",
			    d->consumes[i]);
			return (why);
		}
	}
	return (NULL);
}

void
neri_plugin_unload(const neri_registry *reg, reg_plugin *p)
{
	if (p->dl != NULL && dlclose(p->dl) != 0) {
		neri_logf(reg, NERP_LOG_WARN, "registry", "dlclose %s: %s",
		    p->path, dlerror());
	}
	p->dl = NULL;
	free(p->path);
	free(p->dir);
	free(p->data_dir);
	free(p->common_dir);
	free(p->deps);
	p->path       = NULL;
	p->dir        = NULL;
	p->data_dir   = NULL;
	p->common_dir = NULL;
	p->deps       = NULL;
}

/*
 * The /proc path dlopen gets for fd.  glibc returns an already loaded
 * object whose name matches the string given, and fd numbers are reused:
 * plain "/proc/self/fd/5" would hand back whatever file once had fd 5.  So
 * each load gets a name no earlier load had, spelling a process-wide
 * counter in 32 path steps that all resolve to the same folder ("/." for
 * a 1 bit, "//" for a 0 bit).
 */
static void
proc_path(char *buf, size_t len, int fd)
{
	static atomic_uint loads;
	unsigned           k = atomic_fetch_add(&loads, 1);
	size_t             at;
	int                i;

	at = (size_t) snprintf(buf, len, "/proc/self/fd");
	for (i = 0; i < 32 && at + 2 < len; i++) {
		buf[at++] = '/';
		buf[at++] = ((k >> i) & 1) != 0 ? '.' : '/';
	}
	(void) snprintf(buf + at, len - at, "/%d", fd);
}

/* dlopen's error without the /proc path the file was opened by, which
 * it names first when the error is the file's own ("...: file too
 * short"); the refusal names the file instead. */
static const char *
dl_reason(const char *err, const char *proc)
{
	size_t n = strlen(proc);

	if (err == NULL) {
		return ("unknown error");
	}
	if (strncmp(err, proc, n) == 0 && err[n] == ':' && err[n + 1] == ' ') {
		return (err + n + 2);
	}
	return (err);
}

/* Nonzero when the symbol at sym is a function (an ELF STT_FUNC or
 * GNU indirect function), not data that a call would jump into. */
static int
is_function(void *sym)
{
	Dl_info info;
	const ElfW(Sym) *es = NULL;
	int type;

	if (dladdr1(sym, &info, (void **) &es, RTLD_DL_SYMENT) == 0
	    || es == NULL) {
		return (0);
	}
	type = ELF64_ST_TYPE(es->st_info); /* ELF32_ST_TYPE is the same */
	return (type == STT_FUNC || type == STT_GNU_IFUNC);
}

/* Checks and maps one file; on success appends it to vec. */
static int
load_file(neri_registry *reg, int dfd, const char *real, const char *name,
    int check_owner, neri_plugin_vec *vec, neri_refusals *ref)
{
	char               path[PATH_MAX + NAME_MAX + 2];
	char               proc[128];
	char               why[160];
	const char        *bad;
	struct stat        st;
	nerp_entry_fn      entry;
	void              *sym;
	void              *dl = NULL;
	const nerp_plugin *desc;
	reg_plugin        *p;
	size_t             i;
	int                fd;
	int                rv = 0;

	(void) snprintf(path, sizeof(path), "%s/%s", real, name);
	/* The path goes into replies (protobuf strings) and the log. */
	if (!valid_line(name, NAME_MAX)) {
		neri_refuse(ref, reg,
		    "plugin %s refused: file name is not UTF-8 or has a "
		    "control character",
		    path);
		return (0);
	}
	fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		neri_refuse(ref, reg, "plugin %s refused: %s", path,
		    errno == ELOOP ? "is a symbolic link" : strerror(errno));
		return (0);
	}
	if (fstat(fd, &st) != 0) {
		neri_refuse(ref, reg, "plugin %s refused: fstat: %s", path,
		    strerror(errno));
		goto done;
	}
	if (!S_ISREG(st.st_mode)) {
		neri_refuse(
		    ref, reg, "plugin %s refused: not a regular file", path);
		goto done;
	}
	if (check_owner && !owner_ok(&st)) {
		neri_refuse(ref, reg,
		    "plugin %s refused: owned by uid %u, not root or the "
		    "server's user",
		    path, (unsigned) st.st_uid);
		goto done;
	}
	if (check_owner && (st.st_mode & 022) != 0) {
		neri_refuse(ref, reg,
		    "plugin %s refused: group or world writable (mode %03o)",
		    path, (unsigned) (st.st_mode & 0777));
		goto done;
	}
	if (check_owner && (st.st_mode & (S_ISUID | S_ISGID)) != 0) {
		neri_refuse(
		    ref, reg, "plugin %s refused: setuid or setgid", path);
		goto done;
	}
	for (i = 0; i < vec->n; i++) {
		if (vec->v[i].dev == st.st_dev && vec->v[i].ino == st.st_ino) {
			neri_refuse(ref, reg,
			    "plugin %s refused: same file as %s", path,
			    vec->v[i].path);
			goto done;
		}
	}
	proc_path(proc, sizeof(proc), fd);
	dl = dlopen(proc, RTLD_NOW | RTLD_LOCAL);
	if (dl == NULL) {
		neri_refuse(ref, reg, "plugin %s refused: dlopen: %s", path,
		    dl_reason(dlerror(), proc));
		goto done;
	}
	sym = dlsym(dl, NERP_ENTRY_SYMBOL);
	if (sym == NULL) {
		neri_refuse(ref, reg, "plugin %s refused: no %s symbol", path,
		    NERP_ENTRY_SYMBOL);
		goto done;
	}
	if (!is_function(sym)) {
		neri_refuse(ref, reg,
		    "plugin %s refused: %s is not a function", path,
		    NERP_ENTRY_SYMBOL);
		goto done;
	}
	memcpy(&entry, &sym, sizeof(entry));
	desc = entry(NERP_ABI);
	bad  = check_desc(desc, why, sizeof(why));
	if (bad != NULL) {
		neri_refuse(ref, reg, "plugin %s refused: %s", path, bad);
		goto done;
	}
	if (vec->n == vec->cap) {
		size_t      ncap  = vec->cap == 0 ? 8 : vec->cap * 2;
		reg_plugin *grown = realloc(vec->v, ncap * sizeof(*grown));

		if (grown == NULL) {
			rv = NERD_STATUS_RESOURCE_EXHAUSTED;
			goto done;
		}
		vec->v   = grown;
		vec->cap = ncap;
	}
	p = &vec->v[vec->n];
	memset(p, 0, sizeof(*p));
	p->path = strdup(path);
	p->dir  = strdup(real);
	if (p->path == NULL || p->dir == NULL) {
		free(p->path);
		free(p->dir);
		rv = NERD_STATUS_RESOURCE_EXHAUSTED;
		goto done;
	}
	p->desc = desc;
	p->dl   = dl;
	p->dev  = st.st_dev;
	p->ino  = st.st_ino;
	p->reg  = reg;
	dl      = NULL;
	vec->n++;
done:
	if (dl != NULL && dlclose(dl) != 0) {
		neri_logf(reg, NERP_LOG_WARN, "registry", "dlclose %s: %s",
		    path, dlerror());
	}
	(void) close(fd);
	return (rv);
}

int
neri_load_dir(neri_registry *reg, const char *dir, int check_owner,
    neri_plugin_vec *vec, neri_refusals *ref)
{
	char        bad[PATH_MAX];
	char       *real  = NULL;
	char      **names = NULL;
	size_t      n     = 0, i;
	const char *why;
	struct stat st;
	int         dfd = -1;
	int         rv  = 0;

	real = realpath(dir, NULL);
	if (real == NULL) {
		neri_refuse(ref, reg, "plugin folder %s refused: %s", dir,
		    strerror(errno));
		return (0);
	}
	if (strlen(real) >= PATH_MAX - 1) {
		neri_refuse(
		    ref, reg, "plugin folder %s refused: path too long", dir);
		goto done;
	}
	if (!valid_line(real, PATH_MAX)) {
		neri_refuse(ref, reg,
		    "plugin folder %s refused: its path is not UTF-8 or has a "
		    "control character",
		    real);
		goto done;
	}
	dfd = open(real, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (dfd < 0 || fstat(dfd, &st) != 0) {
		neri_refuse(ref, reg, "plugin folder %s refused: %s", real,
		    strerror(errno));
		goto done;
	}
	if (check_owner && !owner_ok(&st)) {
		neri_refuse(ref, reg,
		    "plugin folder %s refused: owned by uid %u, not root or "
		    "the server's user",
		    real, (unsigned) st.st_uid);
		goto done;
	}
	if (check_owner && (st.st_mode & 022) != 0) {
		neri_refuse(ref, reg,
		    "plugin folder %s refused: group or world writable "
		    "(mode %03o)",
		    real, (unsigned) (st.st_mode & 0777));
		goto done;
	}
	if (check_owner) {
		why = check_parents(real, bad, sizeof(bad));
		if (why != NULL) {
			neri_refuse(ref, reg,
			    "plugin folder %s refused: its parent %s %s", real,
			    bad, why);
			goto done;
		}
	}
	rv = list_dir(dfd, &names, &n);
	if (rv != 0) {
		neri_refuse(
		    ref, reg, "plugin folder %s refused: cannot list", real);
		rv = rv == NERD_STATUS_RESOURCE_EXHAUSTED ? rv : 0;
		goto done;
	}
	for (i = 0; i < n && rv == 0; i++) {
		rv = load_file(
		    reg, dfd, real, names[i], check_owner, vec, ref);
	}
done:
	neri_strings_free(names, n);
	if (dfd >= 0) {
		(void) close(dfd);
	}
	free(real);
	return (rv);
}
