/*
 * Framaforms (Drupal Webform) CSV exports: SID, Serial (the submission's,
 * not a card's), Time, Draft, the submitter's IP, UID and Username, then
 * the form's questions under their labels. The title rows before the
 * header are lib/results-csv.c's.
 */
#include <string.h>

#include "results-int.h"

static bool
recognise(char **h, size_t n)
{
	return dialect_has_col(h, n, "SID") && dialect_has_col(h, n, "Serial");
}

static void
column(const struct dialect_header *hd, size_t i, struct col *c)
{
	const char *h = hd->names[i];

	if (strcmp(h, "SID") == 0)
		c->role = RO_SOURCEID;
	else if (strcmp(h, "Serial") == 0)
		c->role = RO_SILENT;
	else if (strcmp(h, "Time") == 0)
		c->role = RO_DATE;
	else if (strcmp(h, "Draft") == 0)
		c->role = RO_DRAFT;
	else if (strcmp(h, "IP Address") == 0 || strcmp(h, "UID") == 0 ||
		 strcmp(h, "Username") == 0)
		c->role = RO_DROP;
	else
		col_generic(h, c, false, hd->opts);
}

const struct dialect ul_dialect_framaforms_def = {
	.id = UL_DIALECT_FRAMAFORMS,
	.name = "framaforms",
	.recognise = recognise,
	.column = column,
	.default_type = "friction",
	.table_is_name = true,
};
