#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>

#include "options.h"

static int
parse(nerb_options *o, char *err, size_t errlen, int argc, char **argv)
{
	return (nerb_options_parse(o, argc, argv, err, errlen));
}

Test(nerbench_options, durations_take_units)
{
	uint64_t ns;

	cr_assert_eq(nerb_parse_duration("500ms", &ns), 0);
	cr_assert_eq(ns, 500000000ull);
	cr_assert_eq(nerb_parse_duration("5s", &ns), 0);
	cr_assert_eq(ns, 5000000000ull);
	cr_assert_eq(nerb_parse_duration("2m", &ns), 0);
	cr_assert_eq(ns, 120000000000ull);
	cr_assert_eq(nerb_parse_duration("250us", &ns), 0);
	cr_assert_eq(ns, 250000ull);
	cr_assert_eq(nerb_parse_duration("1.5", &ns), 0);
	cr_assert_eq(ns, 1500000000ull);
}

Test(nerbench_options, bad_durations_are_refused)
{
	uint64_t ns;

	cr_assert_eq(nerb_parse_duration("", &ns), EINVAL);
	cr_assert_eq(nerb_parse_duration("5 parsecs", &ns), EINVAL);
	cr_assert_eq(nerb_parse_duration("-3s", &ns), EINVAL);
	cr_assert_eq(nerb_parse_duration("ms", &ns), EINVAL);
}

Test(nerbench_options, defaults_are_a_closed_model_of_200_calls)
{
	nerb_options o;
	char         err[256];
	char        *argv[] = { "nerbench" };

	cr_assert_eq(parse(&o, err, sizeof(err), 1, argv), 0);
	cr_assert_eq(o.concurrency, 50);
	cr_assert_eq(o.total, 200);
	cr_assert_float_eq(o.rate, 0.0, 1e-9);
	cr_assert_eq(o.n_urls, 1);
	cr_assert_str_eq(o.method, "/nerd.v1.Recognizer/Recognize");
}

Test(nerbench_options, every_option_is_read)
{
	nerb_options o;
	char         err[256];
	char        *argv[] = { "nerbench", "-c", "64", "-z", "30s", "-r",
		       "1000", "--connect", "ipc:///a", "--connect", "tcp://b:1",
		       "--connections", "4", "--warmup", "2s", "-t", "500ms",
		       "--data", "d.jsonl", "-O", "json", "--max-p99-ms", "20",
		       "--max-error-rate", "0.01", "--no-progress" };

	cr_assert_eq(parse(&o, err, sizeof(err),
	                 sizeof(argv) / sizeof(argv[0]), argv),
	    0, "%s", err);
	cr_assert_eq(o.concurrency, 64);
	cr_assert_eq(o.duration_ns, 30000000000ull);
	cr_assert_eq(o.total, 0);
	cr_assert_float_eq(o.rate, 1000.0, 1e-9);
	cr_assert_eq(o.n_urls, 2);
	cr_assert_str_eq(o.urls[1], "tcp://b:1");
	cr_assert_eq(o.connections, 4);
	cr_assert_eq(o.warmup_ns, 2000000000ull);
	cr_assert_eq(o.timeout_ns, 500000000ull);
	cr_assert_str_eq(o.data, "d.jsonl");
	cr_assert_eq(o.format, NERB_FORMAT_JSON);
	cr_assert_float_eq(o.max_p99_ms, 20.0, 1e-9);
	cr_assert_float_eq(o.max_error_rate, 0.01, 1e-9);
	cr_assert_eq(o.progress, 0);
}

Test(nerbench_options, warmup_counts_calls_or_time)
{
	nerb_options o;
	char         err[256];
	char        *argv[] = { "nerbench", "--warmup", "100" };

	cr_assert_eq(parse(&o, err, sizeof(err), 3, argv), 0);
	cr_assert_eq(o.warmup_calls, 100);
	cr_assert_eq(o.warmup_ns, 0);
}

Test(nerbench_options, usage_errors_name_the_option)
{
	nerb_options o;
	char         err[256];
	char        *bad_c[]  = { "nerbench", "-c", "0" };
	char        *both[]   = { "nerbench", "-n", "5", "-z", "1s" };
	char        *format[] = { "nerbench", "-O", "xml" };
	char        *extra[]  = { "nerbench", "stray" };

	cr_assert_eq(parse(&o, err, sizeof(err), 3, bad_c), EINVAL);
	cr_assert(strstr(err, "--concurrency") != NULL, "%s", err);
	cr_assert_eq(parse(&o, err, sizeof(err), 5, both), EINVAL);
	cr_assert_eq(parse(&o, err, sizeof(err), 3, format), EINVAL);
	cr_assert(strstr(err, "--output") != NULL, "%s", err);
	cr_assert_eq(parse(&o, err, sizeof(err), 2, extra), EINVAL);
}

Test(nerbench_options, non_finite_numbers_are_refused)
{
	nerb_options o;
	uint64_t     ns;
	char         err[256];
	char        *rate[]  = { "nerbench", "-r", "nan" };
	char        *inf[]   = { "nerbench", "-r", "inf" };
	char        *p99[]   = { "nerbench", "--max-p99-ms", "nan" };
	char        *erate[] = { "nerbench", "--max-error-rate", "nan" };
	char        *warm[]  = { "nerbench", "--warmup", "nan" };

	cr_assert_eq(nerb_parse_duration("nan", &ns), EINVAL);
	cr_assert_eq(nerb_parse_duration("nanms", &ns), EINVAL);
	cr_assert_eq(nerb_parse_duration("inf", &ns), EINVAL);
	cr_assert_eq(parse(&o, err, sizeof(err), 3, rate), EINVAL);
	cr_assert(strstr(err, "--rate") != NULL, "%s", err);
	cr_assert_eq(parse(&o, err, sizeof(err), 3, inf), EINVAL);
	cr_assert_eq(parse(&o, err, sizeof(err), 3, p99), EINVAL);
	cr_assert_eq(parse(&o, err, sizeof(err), 3, erate), EINVAL);
	cr_assert_eq(parse(&o, err, sizeof(err), 3, warm), EINVAL);
}

Test(nerbench_options, counts_are_plain_digits)
{
	nerb_options o;
	char         err[256];
	char        *neg[]   = { "nerbench", "-n", " -1" };
	char        *space[] = { "nerbench", "--warmup", " -5" };

	cr_assert_eq(parse(&o, err, sizeof(err), 3, neg), EINVAL);
	cr_assert(strstr(err, "--total") != NULL, "%s", err);
	cr_assert_eq(parse(&o, err, sizeof(err), 3, space), EINVAL);
}

Test(nerbench_options, deadlines_and_rates_beyond_the_clocks_are_refused)
{
	nerb_options o;
	char         err[256];
	char        *day[]     = { "nerbench", "-t", "24h" };
	char        *long_t[]  = { "nerbench", "-t", "1000h" };
	char        *slow_r[]  = { "nerbench", "-r", "1e-300" };
	char        *slowest[] = { "nerbench", "-r", "1e-9" };

	cr_assert_eq(parse(&o, err, sizeof(err), 3, day), 0, "%s", err);
	cr_assert_eq(o.timeout_ns, 24ull * 3600 * 1000000000ull);
	cr_assert_eq(parse(&o, err, sizeof(err), 3, long_t), EINVAL);
	cr_assert(strstr(err, "--timeout") != NULL, "%s", err);
	cr_assert_eq(parse(&o, err, sizeof(err), 3, slow_r), EINVAL);
	cr_assert(strstr(err, "--rate") != NULL, "%s", err);
	cr_assert_eq(parse(&o, err, sizeof(err), 3, slowest), 0, "%s", err);
}
