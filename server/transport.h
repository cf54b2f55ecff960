/*
 * server/transport.h: the REP socket, its listeners (tcp, ipc, tls+tcp,
 * ws) and the contexts that receive calls, check their envelope and hand
 * them to the workers.
 */
#ifndef NERD_SERVER_TRANSPORT_H
#define NERD_SERVER_TRANSPORT_H

#include <stddef.h>

typedef struct nsrv_server nsrv_server;

/* Opens the REP socket with its receive limit, listens on every
 * configured URL (with TLS on tls+tcp:// and wss://) and starts every
 * context receiving.  Logs each URL (warning about plaintext on
 * non-loopback addresses).  Blocks (bind).  Returns 0, or -1 after
 * logging why; call nsrv_transport_free either way. */
int nsrv_transport_open(nsrv_server *srv);

/* Closes the listeners and the socket: every context's callback then runs
 * with NNG_ECLOSED and stops.  Blocks; main thread only. */
void nsrv_transport_close(nsrv_server *srv);

/* Stops and frees every context's aio (waiting for running callbacks) and
 * the TLS config.  Call after nsrv_transport_close and after the workers
 * are joined; main thread only, never from a callback. */
void nsrv_transport_free(nsrv_server *srv);

/* Nonzero when url's host is a loopback address (127.0.0.0/8, ::1,
 * localhost) or the transport is local (ipc://, inproc://). */
int nsrv_url_is_local(const char *url);

#endif /* NERD_SERVER_TRANSPORT_H */
