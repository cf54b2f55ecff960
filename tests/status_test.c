#include <criterion/criterion.h>

#include "nerd/plugin.h"
#include "nerd/status.h"

Test(status, names_follow_grpc)
{
	cr_assert_str_eq(nerd_status_name(NERD_STATUS_OK), "OK");
	cr_assert_str_eq(nerd_status_name(NERD_STATUS_DEADLINE_EXCEEDED),
	    "DEADLINE_EXCEEDED");
	cr_assert_str_eq(nerd_status_name(NERD_STATUS_UNAUTHENTICATED),
	    "UNAUTHENTICATED");
}

Test(status, unknown_codes_are_named_unknown)
{
	cr_assert_str_eq(nerd_status_name(-1), "UNKNOWN");
	cr_assert_str_eq(nerd_status_name(17), "UNKNOWN");
}

Test(status, plugin_errors_map_to_statuses)
{
	cr_assert_eq(nerd_status_from_plugin_error(NERP_OK), NERD_STATUS_OK);
	cr_assert_eq(nerd_status_from_plugin_error(NERP_ECANCELED),
	    NERD_STATUS_DEADLINE_EXCEEDED);
	cr_assert_eq(nerd_status_from_plugin_error(NERP_ENOMEM),
	    NERD_STATUS_RESOURCE_EXHAUSTED);
	cr_assert_eq(nerd_status_from_plugin_error(99), NERD_STATUS_UNKNOWN);
}
