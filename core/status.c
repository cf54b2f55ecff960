/* core/status.c: names of RPC status codes and the plugin-error mapping. */
#include "nerd/status.h"

#include "nerd/plugin.h"

static const char *const status_names[] = {
	"OK",
	"CANCELLED",
	"UNKNOWN",
	"INVALID_ARGUMENT",
	"DEADLINE_EXCEEDED",
	"NOT_FOUND",
	"ALREADY_EXISTS",
	"PERMISSION_DENIED",
	"RESOURCE_EXHAUSTED",
	"FAILED_PRECONDITION",
	"ABORTED",
	"OUT_OF_RANGE",
	"UNIMPLEMENTED",
	"INTERNAL",
	"UNAVAILABLE",
	"DATA_LOSS",
	"UNAUTHENTICATED",
};

const char *
nerd_status_name(int code)
{
	if (code < 0 ||
	    (unsigned) code >= sizeof(status_names) / sizeof(status_names[0])) {
		return ("UNKNOWN");
	}
	return (status_names[code]);
}

int
nerd_status_from_plugin_error(int nerp_error)
{
	switch (nerp_error) {
	case NERP_OK:
		return (NERD_STATUS_OK);
	case NERP_EINVAL:
		return (NERD_STATUS_INVALID_ARGUMENT);
	case NERP_ENOMEM:
		return (NERD_STATUS_RESOURCE_EXHAUSTED);
	case NERP_ECANCELED:
		return (NERD_STATUS_DEADLINE_EXCEEDED);
	case NERP_EDEPS:
		return (NERD_STATUS_FAILED_PRECONDITION);
	case NERP_EINTERNAL:
		return (NERD_STATUS_INTERNAL);
	case NERP_ENOENT:
		return (NERD_STATUS_NOT_FOUND);
	default:
		return (NERD_STATUS_UNKNOWN);
	}
}
