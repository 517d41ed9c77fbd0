/* SPDX-License-Identifier: ISC */
/*
 * Dialects: the table of form tools whose exports are read, each in its
 * own file (lib/dialect-SYSTEM.c), and how one is recognised from a
 * header. Part of the results readers (lib/results-int.h); a new system
 * is a new file and one line in the table below.
 */
#include <string.h>

#include "results-int.h"

/* In the order they are tried; utilab, the fallback, last. */
static const struct dialect *const dialects[] = {
	&ul_dialect_kobo_def, &ul_dialect_framaforms_def, &ul_dialect_webform_def,
	&ul_dialect_miro_def,
	&ul_dialect_decidim_def, &ul_dialect_utilab_def,
};

int
ul_dialect_parse(const char *s, enum ul_dialect *d)
{
	if (strcmp(s, "auto") == 0) {
		*d = UL_DIALECT_AUTO;
		return 0;
	}
	for (size_t k = 0; k < UL_NELEM(dialects); k++)
		if (strcmp(s, dialects[k]->name) == 0) {
			*d = dialects[k]->id;
			return 0;
		}
	return -1;
}

size_t
ul_dialect_names(const char **names, size_t max)
{
	size_t n = 0;

	if (n < max)
		names[n] = "auto";
	n++;
	for (size_t k = 0; k < UL_NELEM(dialects); k++, n++)
		if (n < max)
			names[n] = dialects[k]->name;
	return n;
}

const char *
ul_dialect_name(enum ul_dialect d)
{
	if (d == UL_DIALECT_AUTO)
		return "auto";
	const struct dialect *dl = dialect_get(d);
	return dl ? dl->name : "?";
}

const struct dialect *
dialect_get(enum ul_dialect d)
{
	for (size_t k = 0; k < UL_NELEM(dialects); k++)
		if (dialects[k]->id == d)
			return dialects[k];
	return NULL;
}

const struct dialect *
dialect_recognise(char **names, size_t n)
{
	for (size_t k = 0; k < UL_NELEM(dialects); k++)
		if (dialects[k]->recognise && dialects[k]->recognise(names, n))
			return dialects[k];
	return &ul_dialect_utilab_def;
}

bool
dialect_has_col(char **h, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(h[i], name) == 0)
			return true;
	return false;
}

bool
dialect_has_prefix_col(char **h, size_t n, const char *prefix)
{
	for (size_t i = 0; i < n; i++)
		if (strncmp(h[i], prefix, strlen(prefix)) == 0)
			return true;
	return false;
}
