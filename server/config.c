/* server/config.c: settings from defaults, a file and flags (config.h). */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"

void
nsrv_config_init(nsrv_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->contexts           = 256;
	cfg->max_message        = NSRV_DEFAULT_MAX_MESSAGE;
	cfg->inline_max         = NSRV_DEFAULT_INLINE_MAX;
	cfg->default_timeout_ms = 30000;
	cfg->max_timeout_ms     = 300000;
	cfg->drain_timeout_ms   = 10000;
	cfg->log_level          = NERP_LOG_INFO;
	cfg->check_owner        = 1;
}

static void
free_list(char ***list, size_t *n)
{
	for (size_t i = 0; i < *n; i++) {
		free((*list)[i]);
	}
	free(*list);
	*list = NULL;
	*n    = 0;
}

void
nsrv_config_fini(nsrv_config *cfg)
{
	free_list(&cfg->listen, &cfg->n_listen);
	free_list(&cfg->plugin_dirs, &cfg->n_plugin_dirs);
	free(cfg->tls_cert);
	free(cfg->tls_key);
	free(cfg->tls_ca);
	free(cfg->auth_tokens);
	free(cfg->admin_tokens);
	for (size_t i = 0; i < cfg->n_settings; i++) {
		free((char *) cfg->settings[i].plugin);
		free((char *) cfg->settings[i].key);
		free((char *) cfg->settings[i].value);
	}
	free(cfg->settings);
	memset(cfg, 0, sizeof(*cfg));
}

static int
list_append(char ***list, size_t *n, const char *value)
{
	char **grown = realloc(*list, (*n + 1) * sizeof(char *));
	char  *copy;

	if (grown == NULL) {
		return (-1);
	}
	*list = grown;
	copy  = strdup(value);
	if (copy == NULL) {
		return (-1);
	}
	grown[(*n)++] = copy;
	return (0);
}

static int
set_string(char **slot, const char *value)
{
	char *copy = strdup(value);

	if (copy == NULL) {
		return (-1);
	}
	free(*slot);
	*slot = copy;
	return (0);
}

static int
parse_uint(const char *text, unsigned long long max, unsigned long long *out)
{
	char              *end;
	unsigned long long v;

	if (!isdigit((unsigned char) text[0])) {
		return (-1);
	}
	errno = 0;
	v     = strtoull(text, &end, 10);
	if (errno != 0 || *end != '\0' || v > max) {
		return (-1);
	}
	*out = v;
	return (0);
}

int
nsrv_parse_duration_ms(const char *text, uint32_t *ms)
{
	char              *end;
	unsigned long long v;
	unsigned long long mult;

	if (!isdigit((unsigned char) text[0])) {
		return (-1);
	}
	errno = 0;
	v     = strtoull(text, &end, 10);
	if (errno != 0) {
		return (-1);
	}
	if (*end == '\0' || strcmp(end, "ms") == 0) {
		mult = 1;
	} else if (strcmp(end, "s") == 0) {
		mult = 1000;
	} else if (strcmp(end, "m") == 0) {
		mult = 60000;
	} else if (strcmp(end, "h") == 0) {
		mult = 3600000;
	} else {
		return (-1);
	}
	if (v > UINT32_MAX / mult) {
		return (-1);
	}
	*ms = (uint32_t) (v * mult);
	return (0);
}

int
nsrv_parse_size(const char *text, size_t *bytes)
{
	static const struct {
		const char        *suffix;
		unsigned long long mult;
	} units[] = {
		{ "", 1 },
		{ "b", 1 },
		{ "k", 1024 },
		{ "kib", 1024 },
		{ "kb", 1000 },
		{ "m", 1024ull * 1024 },
		{ "mib", 1024ull * 1024 },
		{ "mb", 1000ull * 1000 },
		{ "g", 1024ull * 1024 * 1024 },
		{ "gib", 1024ull * 1024 * 1024 },
	};
	char              *end;
	unsigned long long v;
	char               unit[8];
	size_t             i;

	if (!isdigit((unsigned char) text[0])) {
		return (-1);
	}
	errno = 0;
	v     = strtoull(text, &end, 10);
	if (errno != 0 || strlen(end) >= sizeof(unit)) {
		return (-1);
	}
	for (i = 0; end[i] != '\0'; i++) {
		unit[i] = (char) tolower((unsigned char) end[i]);
	}
	unit[i] = '\0';
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (strcmp(unit, units[i].suffix) == 0) {
			if (v > SIZE_MAX / units[i].mult) {
				return (-1);
			}
			*bytes = (size_t) (v * units[i].mult);
			return (0);
		}
	}
	return (-1);
}

static int
parse_bool(const char *text, int *out)
{
	if (strcmp(text, "1") == 0 || strcmp(text, "true") == 0
	    || strcmp(text, "yes") == 0 || strcmp(text, "on") == 0) {
		*out = 1;
		return (0);
	}
	if (strcmp(text, "0") == 0 || strcmp(text, "false") == 0
	    || strcmp(text, "no") == 0 || strcmp(text, "off") == 0) {
		*out = 0;
		return (0);
	}
	return (-1);
}

void
nsrv_config_clear_list(nsrv_config *cfg, const char *key)
{
	if (strcmp(key, "listen") == 0) {
		free_list(&cfg->listen, &cfg->n_listen);
	} else if (strcmp(key, "plugins") == 0) {
		free_list(&cfg->plugin_dirs, &cfg->n_plugin_dirs);
	}
}

static int
set_count(unsigned *slot, const char *value, unsigned long long min,
    unsigned long long max)
{
	unsigned long long v;

	if (parse_uint(value, max, &v) != 0 || v < min) {
		return (-1);
	}
	*slot = (unsigned) v;
	return (0);
}

int
nsrv_config_set(nsrv_config *cfg, const char *key, const char *value,
    char *err, size_t errlen)
{
	int rv = -1;

	if (strcmp(key, "listen") == 0) {
		rv = list_append(&cfg->listen, &cfg->n_listen, value);
	} else if (strcmp(key, "plugins") == 0) {
		rv = list_append(
		    &cfg->plugin_dirs, &cfg->n_plugin_dirs, value);
	} else if (strcmp(key, "workers") == 0) {
		rv = set_count(&cfg->workers, value, 1, 1024);
	} else if (strcmp(key, "contexts") == 0) {
		rv = set_count(&cfg->contexts, value, 1, 65536);
	} else if (strcmp(key, "queue-depth") == 0) {
		rv = set_count(&cfg->queue_depth, value, 1, 1u << 20);
	} else if (strcmp(key, "inline-max") == 0) {
		rv = nsrv_parse_size(value, &cfg->inline_max);
		if (rv == 0 && cfg->inline_max > (size_t) 1 << 30) {
			rv = -1;
		}
	} else if (strcmp(key, "max-message") == 0) {
		rv = nsrv_parse_size(value, &cfg->max_message);
		if (rv == 0
		    && (cfg->max_message == 0
		        || cfg->max_message > (size_t) 1 << 30)) {
			rv = -1;
		}
	} else if (strcmp(key, "max-reply") == 0) {
		rv = nsrv_parse_size(value, &cfg->max_reply);
		if (rv == 0
		    && (cfg->max_reply == 0
		        || cfg->max_reply > (size_t) 1 << 31)) {
			rv = -1;
		}
	} else if (strcmp(key, "default-timeout") == 0) {
		rv = nsrv_parse_duration_ms(value, &cfg->default_timeout_ms);
		cfg->default_timeout_given = rv == 0;
	} else if (strcmp(key, "max-timeout") == 0) {
		rv = nsrv_parse_duration_ms(value, &cfg->max_timeout_ms);
	} else if (strcmp(key, "drain-timeout") == 0) {
		rv = nsrv_parse_duration_ms(value, &cfg->drain_timeout_ms);
	} else if (strcmp(key, "log-level") == 0) {
		rv = nsrv_log_parse_level(value, &cfg->log_level);
	} else if (strcmp(key, "tls-cert") == 0) {
		rv = set_string(&cfg->tls_cert, value);
	} else if (strcmp(key, "tls-key") == 0) {
		rv = set_string(&cfg->tls_key, value);
	} else if (strcmp(key, "tls-ca") == 0) {
		rv = set_string(&cfg->tls_ca, value);
	} else if (strcmp(key, "auth-tokens") == 0) {
		rv = set_string(&cfg->auth_tokens, value);
	} else if (strcmp(key, "admin-tokens") == 0) {
		rv = set_string(&cfg->admin_tokens, value);
	} else if (strcmp(key, "probe-plugins") == 0) {
		rv = parse_bool(value, &cfg->probe_plugins);
	} else if (strcmp(key, "check-plugins") == 0) {
		rv = parse_bool(value, &cfg->check_plugins);
	} else if (strcmp(key, "check-owner") == 0) {
		rv = parse_bool(value, &cfg->check_owner);
	} else {
		snprintf(err, errlen, "unknown setting \"%s\"", key);
		return (-1);
	}
	if (rv != 0) {
		snprintf(err, errlen, "bad value \"%s\" for %s", value, key);
	}
	return (rv);
}

static int
add_setting(
    nsrv_config *cfg, const char *plugin, const char *key, const char *value)
{
	neri_setting *grown;
	neri_setting  s;
	char         *p;
	char         *k;
	char         *v;

	grown = realloc(cfg->settings, (cfg->n_settings + 1) * sizeof(*grown));
	if (grown == NULL) {
		return (-1);
	}
	cfg->settings = grown;
	p             = strdup(plugin);
	k             = strdup(key);
	v             = strdup(value);
	if (p == NULL || k == NULL || v == NULL) {
		free(p);
		free(k);
		free(v);
		return (-1);
	}
	s.plugin = p;
	s.key    = k;
	s.value  = v;
	cfg->settings[cfg->n_settings++] = s;
	return (0);
}

/* Strips leading and trailing blanks in place. */
static char *
trim(char *s)
{
	size_t n;

	while (isspace((unsigned char) *s)) {
		s++;
	}
	n = strlen(s);
	while (n > 0 && isspace((unsigned char) s[n - 1])) {
		s[--n] = '\0';
	}
	return (s);
}

int
nsrv_open_regular(
    const char *path, int flags, struct stat *st, char *err, size_t errlen)
{
	int fd;

	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | flags);
	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return (-1);
	}
	if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode)) {
		snprintf(err, errlen, "%s: not a regular file", path);
		close(fd);
		return (-1);
	}
	return (fd);
}

int
nsrv_config_load_file(
    nsrv_config *cfg, const char *path, char *err, size_t errlen)
{
	FILE       *f;
	struct stat st;
	char       *line = NULL;
	size_t      cap  = 0;
	char        section[128];
	char        why[256];
	int         fd;
	int         lineno = 0;
	int         rv     = -1;
	ssize_t     got;

	section[0] = '\0';
	fd         = nsrv_open_regular(path, 0, &st, err, errlen);
	if (fd < 0) {
		return (-1);
	}
	f = fdopen(fd, "r");
	if (f == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		close(fd);
		return (-1);
	}
	for (;;) {
		char *s;
		char *eq;
		char *key;
		char *value;

		got = getline(&line, &cap, f);
		if (got < 0) {
			break;
		}
		s = line;
		lineno++;
		/* Everything after a NUL would be dropped unseen. */
		if (strlen(line) != (size_t) got) {
			snprintf(err, errlen, "%s:%d: NUL byte", path, lineno);
			goto out;
		}
		/* A UTF-8 byte order mark, as some editors write. */
		if (lineno == 1 && strncmp(s, "\xef\xbb\xbf", 3) == 0) {
			s += 3;
		}
		s = trim(s);
		if (s[0] == '\0' || s[0] == '#' || s[0] == ';') {
			continue;
		}
		if (s[0] == '[') {
			size_t n = strlen(s);
			if (s[n - 1] != ']') {
				snprintf(err, errlen,
				    "%s:%d: unclosed section", path, lineno);
				goto out;
			}
			s[n - 1] = '\0';
			s        = trim(s + 1);
			if (strncmp(s, "plugin.", 7) != 0 || s[7] == '\0'
			    || strlen(s + 7) >= sizeof(section)) {
				snprintf(err, errlen,
				    "%s:%d: unknown section [%s] (want "
				    "[plugin.NAME])",
				    path, lineno, s);
				goto out;
			}
			snprintf(section, sizeof(section), "%s", s + 7);
			continue;
		}
		eq = strchr(s, '=');
		if (eq == NULL) {
			snprintf(err, errlen, "%s:%d: expected key = value",
			    path, lineno);
			goto out;
		}
		*eq   = '\0';
		key   = trim(s);
		value = trim(eq + 1);
		if (key[0] == '\0') {
			snprintf(
			    err, errlen, "%s:%d: empty key", path, lineno);
			goto out;
		}
		if (section[0] != '\0') {
			if (add_setting(cfg, section, key, value) != 0) {
				snprintf(err, errlen, "%s:%d: out of memory",
				    path, lineno);
				goto out;
			}
		} else if (strcmp(key, "config") == 0) {
			snprintf(err, errlen,
			    "%s:%d: config files do not nest", path, lineno);
			goto out;
		} else if (nsrv_config_set(cfg, key, value, why, sizeof(why))
		    != 0) {
			snprintf(err, errlen, "%s:%d: %s", path, lineno, why);
			goto out;
		}
	}
	if (ferror(f)) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		goto out;
	}
	rv = 0;
out:
	free(line);
	fclose(f);
	return (rv);
}

int
nsrv_config_finish(
    nsrv_config *cfg, const char *default_dir, char *err, size_t errlen)
{
	if (cfg->n_listen == 0
	    && list_append(&cfg->listen, &cfg->n_listen, NSRV_DEFAULT_LISTEN)
	        != 0) {
		goto nomem;
	}
	if (cfg->n_plugin_dirs == 0 && default_dir != NULL
	    && list_append(&cfg->plugin_dirs, &cfg->n_plugin_dirs, default_dir)
	        != 0) {
		goto nomem;
	}
	if (cfg->workers == 0) {
		long n       = sysconf(_SC_NPROCESSORS_ONLN);
		cfg->workers = n > 0 ? (unsigned) n : 1;
	}
	if (cfg->queue_depth == 0) {
		/* Enough to keep every worker busy; past that a caller is
		 * better told at once than left waiting. */
		cfg->queue_depth = cfg->workers * 64;
		if (cfg->queue_depth > cfg->contexts) {
			cfg->queue_depth = cfg->contexts;
		}
	}
	if (cfg->max_reply == 0) {
		/* What the client library accepts by default. */
		cfg->max_reply = 4 * cfg->max_message + (size_t) 64 * 1024;
	}
	if (cfg->max_timeout_ms != 0
	    && cfg->default_timeout_ms > cfg->max_timeout_ms) {
		if (cfg->default_timeout_given) {
			snprintf(err, errlen,
			    "default-timeout %u ms is above max-timeout %u ms",
			    (unsigned) cfg->default_timeout_ms,
			    (unsigned) cfg->max_timeout_ms);
			return (-1);
		}
		/* The built-in default follows a smaller maximum. */
		cfg->default_timeout_ms = cfg->max_timeout_ms;
	}
	return (0);
nomem:
	snprintf(err, errlen, "out of memory");
	return (-1);
}
