/*
 * tests/plugins/server_probe.c: a recognizer for the server's tests.
 *
 * Emits one "capitalized" entity per word that starts with an uppercase
 * letter.  A document starting with "gate:PATH\n" first opens the FIFO at
 * PATH and reads one byte from it: the test knows the call is running
 * (its own open for writing returns) and decides when it ends (writing
 * the byte), with no timing involved.  The setting "init_gate = PATH"
 * holds init() the same way (a start-up that hangs).
 */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "nerd/plugin.h"

static const char *const provides[] = { "capitalized", NULL };

/* Opens the FIFO at path and reads one byte: blocks until a writer
 * comes and writes it. */
static int
pass_gate(const char *path)
{
	char    byte;
	int     fd = open(path, O_RDONLY);
	ssize_t got;

	if (fd < 0) {
		return (NERP_ENOENT);
	}
	got = read(fd, &byte, 1);
	close(fd);
	return (got == 1 ? NERP_OK : NERP_EINTERNAL);
}

static int
probe_init(const nerp_host *host, const nerp_config *cfg, void **state,
    char *err, size_t errlen)
{
	const char *gate = host->config(cfg, "init_gate");

	(void) err;
	(void) errlen;
	/* The state is the host table: all this plugin needs. */
	*state = (void *) host;
	return (gate != NULL ? pass_gate(gate) : NERP_OK);
}

/* Blocks on the FIFO named after "gate:" until the test writes to it. */
static int
wait_gate(const nerp_doc *doc)
{
	char        path[512];
	const char *nl = memchr(doc->text, '\n', doc->len);
	size_t      n;

	if (nl == NULL) {
		return (NERP_EINVAL);
	}
	n = (size_t) (nl - doc->text) - 5;
	if (n == 0 || n >= sizeof(path)) {
		return (NERP_EINVAL);
	}
	memcpy(path, doc->text + 5, n);
	path[n] = '\0';
	return (pass_gate(path));
}

static int
probe_recognize(const void *state, nerp_call *call, const nerp_doc *doc)
{
	const nerp_host  *host = state;
	const nerp_token *toks;
	size_t            n;

	if (doc->len > 5 && memcmp(doc->text, "gate:", 5) == 0) {
		int rv = wait_gate(doc);
		if (rv != NERP_OK) {
			return (rv);
		}
	}
	n = host->tokens(call, &toks);
	for (size_t i = 0; i < n; i++) {
		nerp_entity e;
		if (toks[i].kind != NERP_TOK_WORD
		    || (toks[i].flags & NERP_TF_UPPER_INITIAL) == 0) {
			continue;
		}
		memset(&e, 0, sizeof(e));
		e.start = toks[i].start;
		e.end   = toks[i].end;
		e.kind  = "capitalized";
		e.score = 1.0f;
		if (host->emit(call, &e) == NERP_ENOMEM) {
			break;
		}
	}
	return (NERP_OK);
}

static void
probe_destroy(void *state)
{
	(void) state;
}

static const nerp_plugin server_probe = {
	.magic       = NERP_MAGIC,
	.abi         = NERP_ABI,
	.size        = sizeof(nerp_plugin),
	.flags       = NERP_F_REENTRANT | NERP_F_DETERMINISTIC,
	.name        = "server_probe",
	.version     = "1.0.0",
	.description = "capitalized words, and a FIFO gate for server tests",
	.provides    = provides,
	.init        = probe_init,
	.recognize   = probe_recognize,
	.destroy     = probe_destroy,
};

NERP_EXPORT(server_probe)
