/*
 * server/config.h: the server's settings, from defaults, a config file
 * (`key = value` lines, `[plugin.NAME]` sections) and command-line flags.
 * The main section's keys are the long flag names without "--":
 *
 *   # listen and plugins are repeatable
 *   listen = tcp://127.0.0.1:7411
 *   plugins = /usr/lib/nerd/plugins
 *   workers = 4
 *   [plugin.dates]
 *   # handed to the plugin as-is
 *   data_dir = /etc/nerd/dates
 *
 * Comments are whole lines starting with '#' or ';': after a value, '#'
 * is part of the value.  A UTF-8 byte order mark before the first line
 * is skipped; a line with a NUL byte is an error.  A key given twice:
 * the last wins (listen and plugins append); flags override the file.
 *
 * Not thread-safe; filled once by main before the server starts and
 * read-only after.
 */
#ifndef NERD_SERVER_CONFIG_H
#define NERD_SERVER_CONFIG_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "neri.h"

#define NSRV_DEFAULT_LISTEN "tcp://127.0.0.1:7411"
#define NSRV_DEFAULT_MAX_MESSAGE ((size_t) 4 * 1024 * 1024)
#define NSRV_DEFAULT_INLINE_MAX ((size_t) 16 * 1024)

typedef struct nsrv_config {
	char        **listen; /* URLs, n_listen of them */
	size_t        n_listen;
	char        **plugin_dirs;
	size_t        n_plugin_dirs;
	unsigned      workers;     /* worker threads; 0 = one per core */
	unsigned      contexts;    /* REP contexts = calls received at once */
	unsigned      queue_depth; /* calls waiting for a worker; 0 = auto */
	size_t        inline_max;  /* envelopes up to this run in the NNG
	                            * callback; 0 = every call on a worker */
	size_t        max_message; /* largest payload accepted, bytes */
	size_t        max_reply;   /* largest reply payload; 0: see finish */
	uint32_t      default_timeout_ms; /* when the envelope says 0; 0:
	                                   * max_timeout_ms */
	int           default_timeout_given; /* set, not the built-in */
	uint32_t      max_timeout_ms; /* deadlines are clamped to this; 0:
	                               * no limit */
	uint32_t      drain_timeout_ms;   /* how long shutdown waits */
	int           log_level;          /* enum nerp_log_level */
	char         *tls_cert;
	char         *tls_key;
	char         *tls_ca;      /* set: client certificates are required */
	char         *auth_tokens; /* file of bearer tokens; set: auth is on */
	char         *admin_tokens;
	int           probe_plugins; /* probe inits in a child, refuse crashes */
	int           check_plugins; /* load the plugins once, report, exit */
	int           check_owner;   /* refuse unsafe plugin files (1) */
	neri_setting *settings;      /* [plugin.NAME] key = value lines */
	size_t        n_settings;
} nsrv_config;

/* Fills cfg with the defaults (no listen URLs or plugin folders yet: see
 * nsrv_config_finish). */
void nsrv_config_init(nsrv_config *cfg);

/* Frees everything cfg owns. */
void nsrv_config_fini(nsrv_config *cfg);

/* Applies one main-section setting (key as the long flag name, value as
 * text).  "listen" and "plugins" append.  Returns 0, or -1 with a reason
 * written to err (errlen bytes) for an unknown key or a bad value. */
int nsrv_config_set(nsrv_config *cfg, const char *key, const char *value,
    char *err, size_t errlen);

/* Empties the list a repeatable key ("listen", "plugins") appends to, so
 * that command-line flags replace what a config file gave. */
void nsrv_config_clear_list(nsrv_config *cfg, const char *key);

/* Reads a config file: main-section lines go through nsrv_config_set,
 * [plugin.NAME] lines become neri_settings.  Returns 0, or -1 with the
 * file, line and reason in err. */
int nsrv_config_load_file(
    nsrv_config *cfg, const char *path, char *err, size_t errlen);

/* Opens path read-only for a file the server reads at start-up (config,
 * tokens, TLS files), refusing anything but a regular file: a folder
 * would read as empty, a device may never end, and a FIFO is refused
 * without blocking (the open is O_NONBLOCK, so it does not wait for a
 * writer).  flags adds open(2) flags (O_NOFOLLOW; 0 for none); O_CLOEXEC
 * is always set.  Returns the descriptor, owned by the caller (still
 * O_NONBLOCK, which reads of a regular file ignore), with its fstat in
 * *st; or -1 with "PATH: <strerror>" or "PATH: not a regular file" in
 * err (errlen bytes at most).  Thread-safe. */
int nsrv_open_regular(
    const char *path, int flags, struct stat *st, char *err, size_t errlen);

/* Fills in what is still unset: the default listen URL, the default
 * plugin folder (default_dir), the worker count (cores) and the queue
 * depth; the built-in default timeout follows a smaller max-timeout.
 * Returns 0, or -1 with err when out of memory or when a default-timeout
 * given is above max-timeout. */
int nsrv_config_finish(
    nsrv_config *cfg, const char *default_dir, char *err, size_t errlen);

/* Parses a duration: "250ms", "30s", "2m", "1h" or a plain number of
 * milliseconds.  Returns 0, or -1. */
int nsrv_parse_duration_ms(const char *text, uint32_t *ms);

/* Parses a size: "4194304", "64k", "64KiB", "4M", "4MiB".  Returns 0, or
 * -1. */
int nsrv_parse_size(const char *text, size_t *bytes);

#endif /* NERD_SERVER_CONFIG_H */
