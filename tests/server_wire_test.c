/* tests/server_wire_test.c: nsrv_wire_check_strings (server/wire.h). */
#include <criterion/criterion.h>
#include <string.h>

#include "nerd.pb-c.h"
#include "wire.h"

static int
check(const void *data, size_t len, int depth, char *why, size_t whylen)
{
	return (
	    nsrv_wire_check_strings(&nerd__v1__recognize_request__descriptor,
	        data, len, depth, why, whylen));
}

Test(server_wire, clean_strings_pass_at_every_depth)
{
	/* RecognizeRequest{document{id "d", text "Zürich"}, kinds "date"} */
	static const uint8_t ok[]
	    = { 0x0a, 0x0c, 0x0a, 0x01, 'd', 0x12, 0x07, 'Z', 0xc3, 0xbc, 'r',
		      'i', 'c', 'h', 0x12, 0x04, 'd', 'a', 't', 'e' };
	char why[128];

	cr_assert_eq(check(ok, sizeof(ok), 8, why, sizeof(why)), 0);
	cr_assert_eq(check(ok, 0, 8, why, sizeof(why)), 0);
}

Test(server_wire, nul_and_bad_utf8_are_named_by_field)
{
	static const uint8_t nul[] = { 0x0a, 0x05, 0x12, 0x03, 'a', 0, 'b' };
	static const uint8_t bad[] = { 0x12, 0x02, 'a', 0xff };
	char                 why[128];

	cr_assert_eq(check(nul, sizeof(nul), 8, why, sizeof(why)), -1);
	cr_assert_str_eq(
	    why, "field nerd.v1.Document.text contains a NUL byte");
	cr_assert_eq(check(bad, sizeof(bad), 8, why, sizeof(why)), -1);
	cr_assert_str_eq(why,
	    "field nerd.v1.RecognizeRequest.kinds is not "
	    "valid UTF-8");
}

Test(server_wire, depth_0_does_not_look_into_messages)
{
	static const uint8_t nul[] = { 0x0a, 0x05, 0x12, 0x03, 'a', 0, 'b' };
	char                 why[128];

	cr_assert_eq(check(nul, sizeof(nul), 0, why, sizeof(why)), 0);
}

Test(server_wire, malformed_bytes_fail_without_reading_past_the_end)
{
	static const uint8_t cases[][4] = {
		{ 0x0a, 0x7f, 0, 0 },       /* length past the end */
		{ 0x0b, 0, 0, 0 },          /* wire type 3 */
		{ 0x09, 0x01, 0, 0 },       /* fixed64 cut short */
		{ 0x08, 0x80, 0x80, 0x80 }, /* varint cut short */
	};
	static const size_t lens[] = { 2, 1, 2, 4 };
	char                why[128];

	for (size_t i = 0; i < 4; i++) {
		cr_assert_eq(check(cases[i], lens[i], 8, why, sizeof(why)), -1,
		    "case %zu", i);
		cr_assert_not_null(strstr(why, "malformed"), "%s", why);
	}
}

Test(server_wire, unknown_fields_and_scalars_are_skipped)
{
	/* field 9 (unknown, bytes with a NUL), field 10 varint, field 11
	 * fixed32, field 12 fixed64. */
	static const uint8_t ok[] = { 0x4a, 0x01, 0x00, 0x50, 0x05, 0x5d, 1, 2,
		3, 4, 0x61, 1, 2, 3, 4, 5, 6, 7, 8 };
	char                 why[128];

	cr_assert_eq(check(ok, sizeof(ok), 8, why, sizeof(why)), 0, "%s", why);
}
