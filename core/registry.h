/*
 * core/registry.h: the registry's insides, shared by the loader, the
 * host table and recognition.  Private to core/.
 */
#ifndef NERD_CORE_REGISTRY_H
#define NERD_CORE_REGISTRY_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>

#include "neri.h"

#define NERI_DEFAULT_MAX_PER_CALL 100000
#define NERI_NAME_MAX 64
/* A log or refusal line at most: a PATH_MAX path and its reason. */
#define NERI_LINE_MAX 5120

typedef struct neri_registry neri_registry;

/* Configuration handed to one plugin's init(). */
struct nerp_config {
	const struct reg_plugin *plugin;
	const neri_setting      *settings;
	size_t                   n_settings;
};

/* One loaded plugin. */
typedef struct reg_plugin {
	neri_plugin_info   info; /* strings owned by the plugin or below */
	char              *path; /* info.path */
	char              *dir;  /* folder of the .so */
	const nerp_plugin *desc; /* in the shared object */
	void              *dl;   /* dlopen handle */
	dev_t              dev;  /* of the file, for deduplication */
	ino_t              ino;
	void              *state; /* from init() */
	int                live;  /* init() succeeded: destroy() is owed */
	uint32_t           rank;  /* merge rank: lower wins */
	size_t            *deps;  /* indices of the plugins it consumes from */
	size_t             n_deps;
	char              *data_dir;   /* defaults of config "data_dir", */
	char              *common_dir; /* "common_dir" */
	neri_registry     *reg;
	const char        *name;  /* desc->name, in the registry's names */
	const char *const *kinds; /* desc->provides[i], in the names */
	/* The registry's kind of desc->consumes[i] (one of its kinds). */
	const char *const *consumed;
} reg_plugin;

struct neri_registry {
	atomic_uint   refs;
	uint64_t      generation;
	reg_plugin   *plugins; /* pipeline order */
	size_t        n;
	neri_log_fn   log;
	void         *log_arg;
	size_t        max_per_call;
	int           probe_init; /* fork-test each init() first */
	neri_setting *settings;   /* deep copy of the config's */
	size_t        n_settings;
	/* Every plugin's name and every kind provided, each once, after an
	 * empty string: "\0date\0dates\0..." in names[0..names_len).  Each
	 * plugin's name and kinds point here, and so do the mentions
	 * emit() records, so a result copies the block once (one memcpy)
	 * instead of each name, and equal kinds are equal pointers. */
	char        *names;
	size_t       names_len;
	const char **kinds; /* the distinct kinds in names, n_kinds */
	size_t       n_kinds;
	const char **slots; /* storage of the plugins' kinds[] and
	                     * consumed[] arrays */
	int          kinds_shared; /* some kind has two providers */
};

/* The host function table every plugin gets (host.c). */
extern const nerp_host neri_host_table;

/* Logs one formatted line, cleaned by neri_text_clean, through the
 * registry's sink (any thread). */
void neri_logf(const neri_registry *reg, int level, const char *source,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Makes the NUL-terminated s fit for one log line and for a protobuf
 * string, in place: each byte of a malformed or cut UTF-8 sequence
 * becomes '?', each control character a space.  Any thread. */
void neri_text_clean(char *s);

/* Sets the plugin whose init() runs on this thread, so host->log(NULL,
 * ...) can name it; NULL when none. */
void neri_host_set_init_plugin(const reg_plugin *p);

/* The index of kind in list (NULL-ended, or NULL for none), or -1 when
 * it is not there: its own pointer is looked for first (plugins mostly
 * hand back the pointers of their descriptor's lists), then its name. */
static inline ptrdiff_t
neri_kind_index(const char *const *list, const char *kind)
{
	size_t i;

	for (i = 0; list != NULL && list[i] != NULL; i++) {
		if (list[i] == kind) {
			return ((ptrdiff_t) i);
		}
	}
	for (i = 0; list != NULL && list[i] != NULL; i++) {
		if (strcmp(list[i], kind) == 0) {
			return ((ptrdiff_t) i);
		}
	}
	return (-1);
}

/* Nonzero when plugin p lists kind in provides[]. */
int neri_plugin_provides(const reg_plugin *p, const char *kind);

/* The registry's copy of kind (one of reg->kinds) when plugin p lists
 * kind in consumes[] (the plugin's own pointer is found without
 * comparing names), else NULL. */
const char *neri_plugin_consumed(const reg_plugin *p, const char *kind);

#endif /* NERD_CORE_REGISTRY_H */
