/* SPDX-License-Identifier: ISC */
/*
 * Named paper sizes (sizes.h): the table and its look-ups. Owns the
 * table; knows nothing of workshops, sheets or argv.
 */
#include <strings.h>

#include "sizes.h"
#include "util.h"

#define T UL_SIZE_TRIM
#define S UL_SIZE_SHEET

static const struct ul_named_size table[] = {
	{"poker", 63, 88, T}, {"bridge", 57, 89, T}, {"tarot", 70, 120, T},
	{"a0", 841, 1189, T}, {"a1", 594, 841, T}, {"a2", 420, 594, T},
	{"a3", 297, 420, T | S}, {"a4", 210, 297, T | S},
	{"a5", 148, 210, T | S}, {"a6", 105, 148, T}, {"a7", 74, 105, T},
	{"letter", 215.9, 279.4, T | S}, {"legal", 215.9, 355.6, S},
	{"tabloid", 279.4, 431.8, S},
};

const struct ul_named_size *
ul_size_named(const char *name, unsigned use)
{
	for (size_t i = 0; name && i < UL_NELEM(table); i++)
		if ((table[i].use & use) && strcasecmp(name, table[i].name) == 0)
			return &table[i];
	return NULL;
}

size_t
ul_size_names(unsigned use, const char **names, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < UL_NELEM(table); i++)
		if (table[i].use & use) {
			if (n < max)
				names[n] = table[i].name;
			n++;
		}
	return n;
}

bool
ul_size_is_a(const char *name)
{
	return name && (name[0] == 'a' || name[0] == 'A') && name[1] >= '0' &&
	       name[1] <= '7' && name[2] == '\0';
}

const struct ul_named_size *
ul_size_a(size_t i)
{
	static const char *const up[] = {"a3", "a2", "a1", "a0"};

	return i < UL_NELEM(up) ? ul_size_named(up[i], UL_SIZE_TRIM) : NULL;
}
