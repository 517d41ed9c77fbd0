/* SPDX-License-Identifier: ISC */
/*
 * Miro board CSV exports (through the REST API's item fields): sticky
 * notes with data/content in HTML, their colour as the type when the
 * mapping gives none, their frame (parent/id) as the table; the author
 * columns are personal, other item kinds are rejected row by row.
 */
#include <string.h>

#include "results-int.h"

static bool
recognise(char **h, size_t n)
{
	return dialect_has_col(h, n, "data/content");
}

static void
column(const struct dialect_header *hd, size_t i, struct col *c)
{
	const char *h = hd->names[i];

	if (strncmp(h, "createdBy/", 10) == 0 || strncmp(h, "modifiedBy/", 11) == 0)
		c->role = RO_DROP;
	else if (strcmp(h, "id") == 0)
		c->role = RO_SOURCEID;
	else if (strcmp(h, "type") == 0)
		c->role = RO_MIROTYPE;
	else if (strcmp(h, "data/content") == 0) {
		c->role = RO_TEXT;
		c->html = true;
	} else if (strcmp(h, "style/fillColor") == 0)
		c->role = RO_COLOR;
	else if (strcmp(h, "parent/id") == 0)
		c->role = RO_TABLE;
	else if (strcmp(h, "tags") == 0)
		c->role = RO_TAGS;
	else if (strcmp(h, "createdAt") == 0)
		c->role = RO_DATE;
	else
		c->role = RO_SILENT;
}

const struct dialect ul_dialect_miro_def = {
	.id = UL_DIALECT_MIRO,
	.name = "miro",
	.recognise = recognise,
	.column = column,
	.table_is_name = true,
};
