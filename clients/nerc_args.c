/*
 * clients/nerc_args.c: parsing of nerc's option values.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nerc.h"

int
nerc_parse_duration(const char *s, uint32_t *ms)
{
	static const struct {
		const char *unit;
		double ms;
	} units[] = { { "ms", 1.0 }, { "s", 1000.0 }, { "m", 60000.0 },
		{ "h", 3600000.0 }, { "", 1000.0 } };
	char *end;
	double v;
	size_t i;

	if (s == NULL || s[0] < '0' || s[0] > '9') {
		return (-1);
	}
	v = strtod(s, &end);
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (strcmp(end, units[i].unit) == 0) {
			v = ceil(v * units[i].ms);
			if (!(v >= 0) || v > (double) UINT32_MAX) {
				return (-1);
			}
			*ms = (uint32_t) v;
			return (0);
		}
	}
	return (-1);
}
