/*
 * core/registry.c: loading a registry (files, pipeline, init), reference
 * counting and the read-only queries of neri.h.
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "loader.h"
#include "nerd/status.h"
#include "registry.h"

/* Every successful load takes the next generation number. */
static atomic_uint_fast64_t registry_generation;

static const char *const no_kinds[] = { NULL };

void
neri_strings_free(char **lines, size_t n)
{
	size_t i;

	if (lines == NULL) {
		return;
	}
	for (i = 0; i < n; i++) {
		free(lines[i]);
	}
	free(lines);
}

void
neri_logf(const neri_registry *reg, int level, const char *source,
    const char *fmt, ...)
{
	char    msg[NERI_LINE_MAX];
	va_list ap;

	if (reg == NULL || reg->log == NULL) {
		return;
	}
	va_start(ap, fmt);
	/* clang-analyzer's va_list tracking misfires across TUs:
	 * NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized) */
	(void) vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* Lines often quote what plugins hand over (kinds, messages). */
	neri_text_clean(msg);
	reg->log(reg->log_arg, level, source, msg);
}

void
neri_text_clean(char *s)
{
	unsigned char *u = (unsigned char *) s;
	size_t         i = 0, n;

	while (u[i] != '\0') {
		if (u[i] < 0x20 || u[i] == 0x7f) {
			u[i++] = ' ';
			continue;
		}
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		n = u[i] >= 0xF0 ? 4 : u[i] >= 0xE0 ? 3 : 2;
		if (strnlen(s + i, n) == n && neri_utf8_valid(s + i, n)) {
			i += n;
		} else {
			u[i++] = '?';
		}
	}
}

int
neri_plugin_provides(const reg_plugin *p, const char *kind)
{
	return (neri_kind_index(p->desc->provides, kind) >= 0);
}

const char *
neri_plugin_consumed(const reg_plugin *p, const char *kind)
{
	ptrdiff_t i = neri_kind_index(p->desc->consumes, kind);

	return (i >= 0 ? p->consumed[i] : NULL);
}

/* The setting key of plugin name, or NULL (the last one given wins). */
static const char *
setting(const neri_registry *reg, const char *name, const char *key)
{
	const char *v = NULL;
	size_t      i;

	for (i = 0; i < reg->n_settings; i++) {
		if (strcmp(reg->settings[i].plugin, name) == 0
		    && strcmp(reg->settings[i].key, key) == 0) {
			v = reg->settings[i].value;
		}
	}
	return (v);
}

static void
registry_free(neri_registry *reg)
{
	size_t i;

	/* Consumers first, so a plugin outlives those that read it. */
	for (i = reg->n; i > 0; i--) {
		reg_plugin *p = &reg->plugins[i - 1];

		if (p->live && p->desc->destroy != NULL) {
			p->desc->destroy(p->state);
		}
		p->live = 0;
	}
	for (i = 0; i < reg->n; i++) {
		neri_plugin_unload(reg, &reg->plugins[i]);
	}
	free(reg->plugins);
	for (i = 0; i < reg->n_settings; i++) {
		free((char *) reg->settings[i].plugin);
		free((char *) reg->settings[i].key);
		free((char *) reg->settings[i].value);
	}
	free(reg->settings);
	free(reg->names);
	free(reg->kinds);
	free(reg->slots);
	free(reg);
}

static int
copy_settings(neri_registry *reg, const neri_registry_config *cfg)
{
	size_t i;

	if (cfg->n_settings == 0) {
		return (0);
	}
	if (cfg->settings == NULL) {
		return (NERD_STATUS_INVALID_ARGUMENT);
	}
	reg->settings = calloc(cfg->n_settings, sizeof(*reg->settings));
	if (reg->settings == NULL) {
		return (NERD_STATUS_RESOURCE_EXHAUSTED);
	}
	for (i = 0; i < cfg->n_settings; i++) {
		const neri_setting *s = &cfg->settings[i];
		neri_setting       *d = &reg->settings[i];

		if (s->plugin == NULL || s->key == NULL || s->value == NULL) {
			return (NERD_STATUS_INVALID_ARGUMENT);
		}
		reg->n_settings = i + 1;
		d->plugin       = strdup(s->plugin);
		d->key          = strdup(s->key);
		d->value        = strdup(s->value);
		if (d->plugin == NULL || d->key == NULL || d->value == NULL) {
			return (NERD_STATUS_RESOURCE_EXHAUSTED);
		}
	}
	return (0);
}

/* Refuses plugins whose name an earlier file already took. */
static void
refuse_duplicates(neri_registry *reg, neri_plugin_vec *vec, neri_refusals *ref)
{
	size_t i, j, k = 0;

	for (i = 0; i < vec->n; i++) {
		reg_plugin *p   = &vec->v[i];
		int         dup = 0;

		for (j = 0; j < k; j++) {
			if (strcmp(vec->v[j].desc->name, p->desc->name) == 0) {
				neri_refuse(ref, reg,
				    "plugin %s refused: name \"%s\" is "
				    "already "
				    "loaded from %s",
				    p->path, p->desc->name, vec->v[j].path);
				dup = 1;
				break;
			}
		}
		if (dup) {
			neri_plugin_unload(reg, p);
		} else {
			vec->v[k++] = *p;
		}
	}
	vec->n = k;
}

/* Warns once for each plugin name the settings give that no loaded
 * plugin has (a typo, or a plugin refused): its settings are unused. */
static void
warn_unused_settings(const neri_registry *reg)
{
	size_t i, j;

	for (i = 0; i < reg->n_settings; i++) {
		const char *s = reg->settings[i].plugin;

		for (j = 0; j < reg->n && strcmp(reg->plugins[j].name, s) != 0;
		     j++) { }
		if (j < reg->n) {
			continue;
		}
		for (j = 0; j < i && strcmp(reg->settings[j].plugin, s) != 0;
		     j++) { }
		if (j < i) {
			continue; /* warned already */
		}
		/* The name cut at NERI_NAME_MAX; neri_logf cleans the line
		 * (a cut character too). */
		neri_logf(reg, NERP_LOG_WARN, "registry",
		    "settings for plugin \"%.*s\" are unused: it is not "
		    "loaded",
		    (int) NERI_NAME_MAX, s);
	}
}

/* Appends to buf (NUL-terminated, size cap) without overflowing. */
static void
append(char *buf, size_t cap, const char *fmt, ...)
{
	size_t  len = strlen(buf);
	va_list ap;

	if (len + 1 >= cap) {
		return;
	}
	va_start(ap, fmt);
	/* clang-analyzer's va_list tracking misfires across TUs:
	 * NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized) */
	(void) vsnprintf(buf + len, cap - len, fmt, ap);
	va_end(ap);
}

/* Nonzero when plugin from provides a kind plugin to consumes. */
static int
feeds(const reg_plugin *from, const reg_plugin *to)
{
	const char *const *c = to->desc->consumes;
	size_t             k;

	for (k = 0; c != NULL && c[k] != NULL; k++) {
		if (neri_plugin_provides(from, c[k])) {
			return (1);
		}
	}
	return (0);
}

/* Where order_pipeline has put each plugin. */
enum { PL_LEFT, PL_PLACED, PL_GONE, PL_BEHIND };

/* Nonzero when a plugin left (PL_LEFT) provides kind. */
static int
provided(const neri_plugin_vec *vec, const char *state, const char *kind)
{
	size_t j;

	for (j = 0; j < vec->n; j++) {
		if (state[j] == PL_LEFT
		    && neri_plugin_provides(&vec->v[j], kind)) {
			return (1);
		}
	}
	return (0);
}

/* Refuses (marks PL_GONE) each plugin left that consumes a kind no
 * plugin left provides, until every need left is met. */
static void
refuse_unmet(neri_registry *reg, const neri_plugin_vec *vec, char *state,
    neri_refusals *ref)
{
	const char *const *c;
	size_t             i, k;
	int                changed;

	do {
		changed = 0;
		for (i = 0; i < vec->n; i++) {
			c = vec->v[i].desc->consumes;
			for (k = 0; state[i] == PL_LEFT && c != NULL && c[k];
			     k++) {
				if (provided(vec, state, c[k])) {
					continue;
				}
				neri_refuse(ref, reg,
				    "plugin %s refused: no loaded plugin "
				    "provides \"%s\" that it consumes",
				    vec->v[i].path, c[k]);
				state[i] = PL_GONE;
				changed  = 1;
			}
		}
	} while (changed);
}

/*
 * Refuses the plugins the ordering left (PL_LEFT): those on a cycle of
 * provides/consumes, and those behind one (found by peeling off, again
 * and again, the plugins that feed none of the others left).  Marks them
 * PL_GONE.
 */
static void
refuse_cycles(neri_registry *reg, const neri_plugin_vec *vec, char *state,
    neri_refusals *ref)
{
	char   names[1024];
	size_t i, j, n = vec->n;
	int    changed;

	do {
		changed = 0;
		for (i = 0; i < n; i++) {
			int feeds_one = 0;

			for (j = 0; j < n && state[i] == PL_LEFT && !feeds_one;
			     j++) {
				feeds_one = state[j] == PL_LEFT
				    && feeds(&vec->v[i], &vec->v[j]);
			}
			if (state[i] == PL_LEFT && !feeds_one) {
				state[i] = PL_BEHIND;
				changed  = 1;
			}
		}
	} while (changed);
	names[0] = '\0';
	for (i = 0; i < n; i++) {
		if (state[i] == PL_LEFT) {
			append(names, sizeof(names), "%s%s",
			    names[0] == '\0' ? "" : ", ",
			    vec->v[i].desc->name);
		}
	}
	for (i = 0; i < n; i++) {
		if (state[i] == PL_LEFT) {
			neri_refuse(ref, reg,
			    "plugin %s refused: a cycle of provides/consumes "
			    "among plugins %s",
			    vec->v[i].path, names);
		} else if (state[i] == PL_BEHIND) {
			neri_refuse(ref, reg,
			    "plugin %s refused: it consumes kinds of plugins "
			    "refused for a cycle (%s)",
			    vec->v[i].path, names);
		} else {
			continue;
		}
		state[i] = PL_GONE;
	}
}

/*
 * Orders the plugins so each comes after every provider of what it
 * consumes (Kahn's algorithm, ready plugins taken in name order), and
 * refuses those it cannot place: a plugin that consumes a kind no other
 * plugin left provides, and those on or behind a cycle.  Each refusal
 * is a line naming the plugin and the kind or the cycle's plugins; the
 * others still load.  Returns 0 or NERD_STATUS_RESOURCE_EXHAUSTED.
 */
static int
order_pipeline(neri_registry *reg, neri_plugin_vec *vec, neri_refusals *ref)
{
	size_t      n      = vec->n;
	size_t     *indeg  = NULL;
	char       *state  = NULL; /* PL_* of each plugin */
	reg_plugin *sorted = NULL;
	size_t      i, j, done = 0;

	if (n == 0) {
		return (0);
	}
	indeg  = calloc(n, sizeof(*indeg));
	state  = calloc(n, 1);
	sorted = malloc(n * sizeof(*sorted));
	if (indeg == NULL || state == NULL || sorted == NULL) {
		free(indeg);
		free(state);
		free(sorted);
		return (NERD_STATUS_RESOURCE_EXHAUSTED);
	}
	refuse_unmet(reg, vec, state, ref);
	/* indeg[i]: plugins left that feed i (edges j -> i, j = i too). */
	for (i = 0; i < n; i++) {
		for (j = 0; j < n && state[i] == PL_LEFT; j++) {
			indeg[i] += state[j] == PL_LEFT
			    && feeds(&vec->v[j], &vec->v[i]);
		}
	}
	for (;;) {
		size_t best = n;

		for (i = 0; i < n; i++) {
			if (state[i] == PL_LEFT && indeg[i] == 0
			    && (best == n
			        || strcmp(vec->v[i].desc->name,
			               vec->v[best].desc->name)
			            < 0)) {
				best = i;
			}
		}
		if (best == n) {
			break;
		}
		state[best]    = PL_PLACED;
		sorted[done++] = vec->v[best];
		for (i = 0; i < n; i++) {
			if (state[i] == PL_LEFT
			    && feeds(&vec->v[best], &vec->v[i])) {
				indeg[i]--;
			}
		}
	}
	refuse_cycles(reg, vec, state, ref);
	for (i = 0; i < n; i++) {
		if (state[i] == PL_GONE) {
			neri_plugin_unload(reg, &vec->v[i]);
		}
	}
	memcpy(vec->v, sorted, done * sizeof(*sorted));
	vec->n = done;
	free(indeg);
	free(state);
	free(sorted);
	return (0);
}

static char *
join_path(const char *dir, const char *name)
{
	size_t len = strlen(dir) + strlen(name) + 2;
	char  *s   = malloc(len);

	if (s != NULL) {
		(void) snprintf(s, len, "%s/%s", dir, name);
	}
	return (s);
}

/* Nonzero when every kind p consumes has a live provider before it. */
static int
needs_met(const neri_plugin_vec *vec, size_t at, const char **missing)
{
	const char *const *c = vec->v[at].desc->consumes;
	size_t             i, k;

	for (k = 0; c != NULL && c[k] != NULL; k++) {
		int found = 0;

		for (i = 0; i < at && !found; i++) {
			found = vec->v[i].live
			    && neri_plugin_provides(&vec->v[i], c[k]);
		}
		if (!found) {
			*missing = c[k];
			return (0);
		}
	}
	return (1);
}

/* How long a probed init() may take, and how often the parent looks. */
#define PROBE_TIMEOUT_MS 30000
#define PROBE_POLL_MS 5
/* Exit status of a probe child whose init() returned an error: not a
 * crash, the real init() will report it. */
#define PROBE_INIT_FAILED 3

/*
 * Runs p's init() (and destroy()) in a forked child first.  Returns NULL
 * when it returned, or why the plugin must be refused (crash, hang).  The
 * child logs nothing (the sink may hold locks another thread had at fork
 * time) and leaves with _exit.
 */
static const char *
probe_init(neri_registry *reg, const reg_plugin *p, struct nerp_config *cfg,
    char *why, size_t whylen)
{
	struct timespec tick = { 0, PROBE_POLL_MS * 1000000L };
	int             status;
	int             waited;
	pid_t           pid;
	pid_t           r;

	pid = fork();
	if (pid < 0) {
		(void) snprintf(why, whylen, "cannot fork the init probe: %s",
		    strerror(errno));
		return (why);
	}
	if (pid == 0) {
		void *state = NULL;
		char  err[256];
		int   rc;

		reg->log = NULL;
		rc       = p->desc->init(
		          &neri_host_table, cfg, &state, err, sizeof(err));
		if (rc == NERP_OK && p->desc->destroy != NULL) {
			p->desc->destroy(state);
		}
		_exit(rc == NERP_OK ? 0 : PROBE_INIT_FAILED);
	}
	for (waited = 0;; waited += PROBE_POLL_MS) {
		r = waitpid(pid, &status, WNOHANG);
		if (r == pid) {
			break;
		}
		if (r < 0 && errno != EINTR) {
			(void) snprintf(why, whylen, "init probe lost: %s",
			    strerror(errno));
			return (why);
		}
		if (waited >= PROBE_TIMEOUT_MS) {
			(void) kill(pid, SIGKILL);
			(void) waitpid(pid, &status, 0);
			(void) snprintf(why, whylen,
			    "init did not return within %d ms in the probe",
			    PROBE_TIMEOUT_MS);
			return (why);
		}
		(void) nanosleep(&tick, NULL);
	}
	if (WIFSIGNALED(status)) {
		(void) snprintf(why, whylen,
		    "init crashed in the probe (signal %d)", WTERMSIG(status));
		return (why);
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) != 0
	    && WEXITSTATUS(status) != PROBE_INIT_FAILED) {
		(void) snprintf(why, whylen,
		    "init crashed in the probe (exit status %d)",
		    WEXITSTATUS(status));
		return (why);
	}
	return (NULL);
}

/* Runs init() in pipeline order; refuses plugins that fail and those left
 * without a provider. */
static int
init_plugins(neri_registry *reg, neri_plugin_vec *vec, neri_refusals *ref)
{
	size_t i;

	for (i = 0; i < vec->n; i++) {
		reg_plugin        *p = &vec->v[i];
		struct nerp_config cfg;
		const char        *missing = NULL;
		char               err[512];
		int                rc;

		p->data_dir   = join_path(p->dir, p->desc->name);
		p->common_dir = join_path(p->dir, "common");
		if (p->data_dir == NULL || p->common_dir == NULL) {
			return (NERD_STATUS_RESOURCE_EXHAUSTED);
		}
		if (!needs_met(vec, i, &missing)) {
			neri_refuse(ref, reg,
			    "plugin %s refused: no loaded plugin provides "
			    "\"%s\" that it consumes",
			    p->path, missing);
			continue;
		}
		cfg.plugin     = p;
		cfg.settings   = reg->settings;
		cfg.n_settings = reg->n_settings;
		err[0]         = '\0';
		p->reg         = reg;
		if (reg->probe_init) {
			const char *why
			    = probe_init(reg, p, &cfg, err, sizeof(err));

			if (why != NULL) {
				neri_refuse(ref, reg, "plugin %s refused: %s",
				    p->path, why);
				continue;
			}
		}
		neri_host_set_init_plugin(p);
		rc = p->desc->init(
		    &neri_host_table, &cfg, &p->state, err, sizeof(err));
		neri_host_set_init_plugin(NULL);
		err[sizeof(err) - 1] = '\0';
		if (rc != NERP_OK) {
			neri_refuse(ref, reg,
			    "plugin %s refused: init failed (%s): %s", p->path,
			    nerd_status_name(
			        nerd_status_from_plugin_error(rc)),
			    err[0] != '\0' ? err : "no message");
			continue;
		}
		p->live = 1;
	}
	return (0);
}

/* Drops the plugins that did not initialise; fills in info, rank, deps. */
static int
finish_pipeline(neri_registry *reg, neri_plugin_vec *vec)
{
	size_t i, j, k, n = 0;

	for (i = 0; i < vec->n; i++) {
		if (vec->v[i].live) {
			vec->v[n++] = vec->v[i];
		} else {
			neri_plugin_unload(reg, &vec->v[i]);
		}
	}
	vec->n = n;
	for (i = 0; i < n; i++) {
		reg_plugin        *p = &vec->v[i];
		const char        *r = setting(reg, p->desc->name, "rank");
		const char *const *c = p->desc->consumes;
		char              *end;
		unsigned long      v;

		p->rank = (uint32_t) i;
		if (r != NULL) {
			errno = 0;
			v     = strtoul(r, &end, 10);
			if (errno == 0 && end != r && *end == '\0'
			    && v <= UINT32_MAX) {
				p->rank = (uint32_t) v;
			} else {
				neri_logf(reg, NERP_LOG_WARN, "registry",
				    "plugin %s: rank \"%s\" is not a number; "
				    "using %zu",
				    p->desc->name, r, i);
			}
		}
		p->info.name        = p->desc->name;
		p->info.version     = p->desc->version;
		p->info.description = p->desc->description;
		p->info.path        = p->path;
		p->info.provides    = p->desc->provides;
		p->info.consumes    = c != NULL ? c : no_kinds;
		p->deps             = calloc(n == 0 ? 1 : n, sizeof(*p->deps));
		if (p->deps == NULL) {
			return (NERD_STATUS_RESOURCE_EXHAUSTED);
		}
		for (j = 0; j < i; j++) {
			for (k = 0; c != NULL && c[k] != NULL; k++) {
				if (neri_plugin_provides(&vec->v[j], c[k])) {
					p->deps[p->n_deps++] = j;
					break;
				}
			}
		}
	}
	return (0);
}

/* The copy of s in names[0..*end), or a new one added at *end (room
 * there is the caller's). */
static const char *
add_name(char *names, char **end, const char *s)
{
	char  *c;
	size_t n;

	for (c = names; c < *end; c += strlen(c) + 1) {
		if (strcmp(c, s) == 0) {
			return (c);
		}
	}
	n = strlen(s) + 1;
	c = *end;
	memcpy(c, s, n);
	*end += n;
	return (c);
}

/* Builds reg->names (registry.h) and points each plugin's name and
 * kinds into it, and its consumed kinds at the registry's.  Returns 0
 * or NERD_STATUS_RESOURCE_EXHAUSTED. */
static int
build_names(neri_registry *reg)
{
	size_t       len = 1, nk = 0, nc = 0, i, k, j;
	const char **slot;
	char        *end;

	for (i = 0; i < reg->n; i++) {
		const char *const *pv = reg->plugins[i].desc->provides;
		const char *const *c  = reg->plugins[i].desc->consumes;

		len += strlen(reg->plugins[i].desc->name) + 1;
		for (k = 0; pv[k] != NULL; k++) {
			len += strlen(pv[k]) + 1;
			nk++;
		}
		for (k = 0; c != NULL && c[k] != NULL; k++) {
			nc++;
		}
	}
	reg->names = malloc(len);
	reg->kinds = calloc(nk + 1, sizeof(*reg->kinds));
	reg->slots = calloc(nk + nc + 1, sizeof(*reg->slots));
	if (reg->names == NULL || reg->kinds == NULL || reg->slots == NULL) {
		return (NERD_STATUS_RESOURCE_EXHAUSTED);
	}
	/* The "" first: past it, names holds only what was added. */
	reg->names[0] = '\0';
	end           = reg->names + 1;
	slot          = reg->slots;
	for (i = 0; i < reg->n; i++) {
		reg_plugin        *p  = &reg->plugins[i];
		const char *const *pv = p->desc->provides;

		p->name  = add_name(reg->names + 1, &end, p->desc->name);
		p->kinds = slot;
		for (k = 0; pv[k] != NULL; k++, slot++) {
			*slot = add_name(reg->names + 1, &end, pv[k]);
			for (j = 0; j < reg->n_kinds && reg->kinds[j] != *slot;
			     j++) { }
			if (j == reg->n_kinds) {
				reg->kinds[reg->n_kinds++] = *slot;
				continue;
			}
			/* Seen: another plugin's kind too, unless this
			 * one listed it already. */
			for (j = 0; j < k && p->kinds[j] != *slot; j++) { }
			if (j == k) {
				reg->kinds_shared = 1;
			}
		}
	}
	/* Every kind a plugin consumes has a provider (the loader refused
	 * those without). */
	for (i = 0; i < reg->n; i++) {
		reg_plugin        *p = &reg->plugins[i];
		const char *const *c = p->desc->consumes;

		p->consumed = slot;
		for (k = 0; c != NULL && c[k] != NULL; k++, slot++) {
			*slot = neri_registry_kind(reg, c[k]);
		}
	}
	reg->names_len = (size_t) (end - reg->names);
	return (0);
}

const char *
neri_registry_kind(const neri_registry *reg, const char *kind)
{
	size_t i;

	for (i = 0; i < reg->n_kinds; i++) {
		if (reg->kinds[i] == kind
		    || strcmp(reg->kinds[i], kind) == 0) {
			return (reg->kinds[i]);
		}
	}
	return (NULL);
}

int
neri_registry_load(neri_registry **out, const neri_registry_config *cfg,
    char ***refused, size_t *n_refused)
{
	neri_registry  *reg = NULL;
	neri_plugin_vec vec = { NULL, 0, 0 };
	neri_refusals   ref = { NULL, 0, 0, 0 };
	size_t          i;
	int             rv;

	if (refused != NULL) {
		*refused = NULL;
	}
	if (n_refused != NULL) {
		*n_refused = 0;
	}
	if (out == NULL || cfg == NULL
	    || (cfg->n_dirs > 0 && cfg->dirs == NULL)) {
		return (NERD_STATUS_INVALID_ARGUMENT);
	}
	*out = NULL;
	reg  = calloc(1, sizeof(*reg));
	if (reg == NULL) {
		return (NERD_STATUS_RESOURCE_EXHAUSTED);
	}
	atomic_init(&reg->refs, 1);
	reg->probe_init   = cfg->probe_init;
	reg->log          = cfg->log;
	reg->log_arg      = cfg->log_arg;
	reg->max_per_call = cfg->max_entities_per_call != 0
	    ? cfg->max_entities_per_call
	    : NERI_DEFAULT_MAX_PER_CALL;
	rv                = copy_settings(reg, cfg);
	if (rv != 0) {
		goto fail;
	}
	for (i = 0; i < cfg->n_dirs; i++) {
		if (cfg->dirs[i] == NULL) {
			rv = NERD_STATUS_INVALID_ARGUMENT;
			goto fail;
		}
		rv = neri_load_dir(
		    reg, cfg->dirs[i], cfg->check_owner, &vec, &ref);
		if (rv != 0) {
			goto fail;
		}
	}
	refuse_duplicates(reg, &vec, &ref);
	rv = order_pipeline(reg, &vec, &ref);
	if (rv != 0) {
		goto fail;
	}
	rv = init_plugins(reg, &vec, &ref);
	if (rv == 0) {
		rv = finish_pipeline(reg, &vec);
	}
	reg->plugins = vec.v;
	reg->n       = vec.n;
	vec.v        = NULL;
	vec.n        = 0;
	if (rv == 0) {
		rv = build_names(reg);
	}
	if (rv != 0 || ref.oom) {
		rv = NERD_STATUS_RESOURCE_EXHAUSTED;
		goto fail;
	}
	warn_unused_settings(reg);
	reg->generation = atomic_fetch_add(&registry_generation, 1) + 1;
	*out            = reg;
	reg             = NULL;
fail:
	for (i = 0; i < vec.n; i++) {
		if (vec.v[i].live && vec.v[i].desc->destroy != NULL) {
			vec.v[i].desc->destroy(vec.v[i].state);
		}
		neri_plugin_unload(reg, &vec.v[i]);
	}
	free(vec.v);
	if (reg != NULL) {
		registry_free(reg);
	}
	if (refused != NULL && n_refused != NULL) {
		*refused   = ref.lines;
		*n_refused = ref.n;
	} else {
		neri_strings_free(ref.lines, ref.n);
	}
	return (rv);
}

void
neri_registry_hold(neri_registry *reg)
{
	atomic_fetch_add_explicit(&reg->refs, 1, memory_order_relaxed);
}

void
neri_registry_rele(neri_registry *reg)
{
	if (reg == NULL) {
		return;
	}
	if (atomic_fetch_sub_explicit(&reg->refs, 1, memory_order_acq_rel)
	    == 1) {
		registry_free(reg);
	}
}

size_t
neri_registry_count(const neri_registry *reg)
{
	return (reg == NULL ? 0 : reg->n);
}

const neri_plugin_info *
neri_registry_plugin(const neri_registry *reg, size_t i)
{
	if (reg == NULL || i >= reg->n) {
		return (NULL);
	}
	return (&reg->plugins[i].info);
}

uint64_t
neri_registry_generation(const neri_registry *reg)
{
	return (reg == NULL ? 0 : reg->generation);
}
