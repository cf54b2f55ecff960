/* server/wire.c: see wire.h. */
#include "wire.h"

#include <stdio.h>
#include <string.h>

#include "neri.h"

/* Reads a varint at *pos; returns 0, or -1 when it runs past the end or
 * past 10 bytes. */
static int
read_varint(const uint8_t *data, size_t len, size_t *pos, uint64_t *out)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < 10; i++) {
		uint8_t b;
		if (*pos >= len) {
			return (-1);
		}
		b = data[(*pos)++];
		v |= (uint64_t) (b & 0x7f) << (7 * i);
		if ((b & 0x80) == 0) {
			*out = v;
			return (0);
		}
	}
	return (-1);
}

static int
fault(const ProtobufCMessageDescriptor *desc, const char *field,
    const char *what, char *why, size_t whylen)
{
	snprintf(why, whylen, "field %s%s%s %s", desc->name,
	    field != NULL ? "." : "", field != NULL ? field : "", what);
	return (-1);
}

/* Checks one length-delimited field's bytes against its descriptor. */
static int
check_len_field(const ProtobufCMessageDescriptor *desc,
    const ProtobufCFieldDescriptor *fd, const uint8_t *v, size_t n, int depth,
    char *why, size_t whylen)
{
	if (fd->type == PROTOBUF_C_TYPE_STRING) {
		if (memchr(v, '\0', n) != NULL) {
			return (fault(desc, fd->name, "contains a NUL byte",
			    why, whylen));
		}
		if (!neri_utf8_valid((const char *) v, n)) {
			return (fault(desc, fd->name, "is not valid UTF-8",
			    why, whylen));
		}
		return (0);
	}
	if (fd->type == PROTOBUF_C_TYPE_MESSAGE && depth > 0) {
		return (nsrv_wire_check_strings(
		    fd->descriptor, v, n, depth - 1, why, whylen));
	}
	return (0);
}

int
nsrv_wire_check_strings(const ProtobufCMessageDescriptor *desc,
    const uint8_t *data, size_t len, int depth, char *why, size_t whylen)
{
	size_t pos = 0;

	while (pos < len) {
		const ProtobufCFieldDescriptor *fd;
		uint64_t                        tag;
		uint64_t                        n;

		if (read_varint(data, len, &pos, &tag) != 0) {
			return (
			    fault(desc, NULL, "is malformed", why, whylen));
		}
		switch (tag & 7) {
		case 0:
			if (read_varint(data, len, &pos, &n) != 0) {
				return (fault(
				    desc, NULL, "is malformed", why, whylen));
			}
			continue;
		case 1:
		case 5:
			n = (tag & 7) == 1 ? 8 : 4;
			if (len - pos < n) {
				return (fault(
				    desc, NULL, "is malformed", why, whylen));
			}
			pos += (size_t) n;
			continue;
		case 2:
			break;
		default:
			return (
			    fault(desc, NULL, "is malformed", why, whylen));
		}
		if (read_varint(data, len, &pos, &n) != 0 || n > len - pos) {
			return (
			    fault(desc, NULL, "is malformed", why, whylen));
		}
		fd = tag >> 3 <= UINT32_MAX
		    ? protobuf_c_message_descriptor_get_field(
		        desc, (unsigned) (tag >> 3))
		    : NULL;
		if (fd != NULL
		    && check_len_field(desc, fd, data + pos, (size_t) n, depth,
		           why, whylen)
		        != 0) {
			return (-1);
		}
		pos += (size_t) n;
	}
	return (0);
}
