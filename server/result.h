/*
 * server/result.h: a core recognition result as the wire's
 * RecognizeResponse, built in a call's arena.
 */
#ifndef NERD_SERVER_RESULT_H
#define NERD_SERVER_RESULT_H

#include "arena.h"
#include "nerd.pb-c.h"
#include "neri.h"

/* Fills resp (already initialised) from res for document doc.  The
 * response borrows strings from res and doc, which must outlive its
 * packing; everything else comes from a.  Returns 0, or -1 when the arena
 * is out of memory. */
int nsrv_result_to_proto(nsrv_arena *a, const neri_result *res,
    const Nerd__V1__Document *doc, Nerd__V1__RecognizeResponse *resp);

#endif /* NERD_SERVER_RESULT_H */
