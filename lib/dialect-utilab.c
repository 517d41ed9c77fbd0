/* SPDX-License-Identifier: ISC */
/*
 * The utilab layout (utilab-results(5)): a header of role names, English
 * or French, and field names; any CSV no other dialect claims.
 */
#include "results-int.h"

static void
column(const struct dialect_header *h, size_t i, struct col *c)
{
	col_generic(h->names[i], c, NULL, h->opts);
}

const struct dialect ul_dialect_utilab_def = {
	.id = UL_DIALECT_UTILAB,
	.name = "utilab",
	.column = column,
};
