/*
 * nerd/status.h: RPC status codes, gRPC's numbers and meanings.  Used by the
 * client library, the server and the core; matches nerd.v1.StatusCode.
 */
#ifndef NERD_STATUS_H
#define NERD_STATUS_H

#ifdef __cplusplus
extern "C" {
#endif

enum nerd_status {
	NERD_STATUS_OK = 0,
	NERD_STATUS_CANCELLED = 1,
	NERD_STATUS_UNKNOWN = 2,
	NERD_STATUS_INVALID_ARGUMENT = 3,
	NERD_STATUS_DEADLINE_EXCEEDED = 4,
	NERD_STATUS_NOT_FOUND = 5,
	NERD_STATUS_ALREADY_EXISTS = 6,
	NERD_STATUS_PERMISSION_DENIED = 7,
	NERD_STATUS_RESOURCE_EXHAUSTED = 8,
	NERD_STATUS_FAILED_PRECONDITION = 9,
	NERD_STATUS_ABORTED = 10,
	NERD_STATUS_OUT_OF_RANGE = 11,
	NERD_STATUS_UNIMPLEMENTED = 12,
	NERD_STATUS_INTERNAL = 13,
	NERD_STATUS_UNAVAILABLE = 14,
	NERD_STATUS_DATA_LOSS = 15,
	NERD_STATUS_UNAUTHENTICATED = 16,
};

/* gRPC's name of a code ("DEADLINE_EXCEEDED"); "UNKNOWN" for others.
 * Returns a static string. */
const char *nerd_status_name(int code);

/* The status a plugin error (enum nerp_error) maps to. */
int nerd_status_from_plugin_error(int nerp_error);

#ifdef __cplusplus
}
#endif

#endif /* NERD_STATUS_H */
