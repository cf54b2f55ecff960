/*
 * server/auth.h: bearer tokens.  A token file holds one token per line
 * (blank lines and lines starting with '#' ignored) and must not be
 * readable or writable by group or others.
 *
 * Threads: a token set is read-only once loaded; checks may run from any
 * thread, NNG callbacks included.
 */
#ifndef NERD_SERVER_AUTH_H
#define NERD_SERVER_AUTH_H

#include <stddef.h>

typedef struct nsrv_tokens nsrv_tokens;

/* Loads the tokens of path into *out.  Returns 0, or -1 with the reason in
 * err: the file cannot be read, is group/world accessible, is not a
 * regular file, or holds no token. */
int nsrv_tokens_load(
    nsrv_tokens **out, const char *path, char *err, size_t errlen);

void nsrv_tokens_free(nsrv_tokens *t);

/* Nonzero when value (an "authorization" metadata value, borrowed) is
 * "Bearer <token>" for a token in t.  The comparison takes the same time
 * whichever byte differs.  t may be NULL (nothing matches). */
int nsrv_tokens_match(const nsrv_tokens *t, const char *value);

#endif /* NERD_SERVER_AUTH_H */
