/*
 * server/wire.h: checks on the raw protobuf bytes of a request that
 * protobuf-c does not make.  protobuf-c unpacks a string field into a
 * NUL-terminated copy without checking it: a NUL inside silently cuts
 * the string short, and bytes that are not UTF-8 pass through (proto3
 * requires UTF-8; strict clients refuse a reply that echoes them).
 */
#ifndef NERD_SERVER_WIRE_H
#define NERD_SERVER_WIRE_H

#include <stddef.h>
#include <stdint.h>

#include <protobuf-c/protobuf-c.h>

/* Walks data[0..len), a packed desc message, and checks every string
 * field of desc, and of its message fields down to depth levels (0: the
 * top level only), is valid UTF-8 holding no NUL byte.  Fields desc does
 * not know are skipped.  Returns 0, or -1 with why (whylen bytes, always
 * NUL-terminated) naming the field and the fault, also for bytes that
 * are not well-formed protobuf.  Pure; thread-safe; never allocates. */
int nsrv_wire_check_strings(const ProtobufCMessageDescriptor *desc,
    const uint8_t *data, size_t len, int depth, char *why, size_t whylen);

#endif /* NERD_SERVER_WIRE_H */
