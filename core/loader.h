/*
 * core/loader.h: finding, checking and opening plugin files.  Private to
 * core/.  Runs during neri_registry_load only (one thread).
 */
#ifndef NERD_CORE_LOADER_H
#define NERD_CORE_LOADER_H

#include <stddef.h>

#include "registry.h"

/* Lines explaining why files or plugins were refused. */
typedef struct neri_refusals {
	char **lines;
	size_t n;
	size_t cap;
	int    oom; /* a line could not be stored */
} neri_refusals;

/* Records and logs (WARN, source "registry") one refusal line, cut at
 * NERI_LINE_MAX - 1 bytes and cleaned by neri_text_clean. */
void neri_refuse(neri_refusals *r, const neri_registry *reg, const char *fmt,
    ...) __attribute__((format(printf, 3, 4)));

/* A growable array of plugins being loaded. */
typedef struct neri_plugin_vec {
	reg_plugin *v;
	size_t      n;
	size_t      cap;
} neri_plugin_vec;

/*
 * Opens every *.so in dir that passes the safety checks (see
 * include/nerd/plugin.h and DESIGN §3) and whose descriptor is sound, and
 * appends it to vec (dl, desc, path, dir, dev, ino set; not initialised).
 * Files are taken in name order.  Each refused file, or the whole folder
 * when it is unsafe, adds one line to ref.  With check_owner 0 ownership
 * and permission bits are not checked (symlinks are still refused).
 * Returns 0, or NERD_STATUS_RESOURCE_EXHAUSTED out of memory.
 */
int neri_load_dir(neri_registry *reg, const char *dir, int check_owner,
    neri_plugin_vec *vec, neri_refusals *ref);

/* Closes the shared object of a plugin that was never initialised and
 * frees its strings. */
void neri_plugin_unload(const neri_registry *reg, reg_plugin *p);

#endif /* NERD_CORE_LOADER_H */
