/*
 * KoboToolbox (and ODK) CSV exports: the form's questions under their
 * names or GROUP/NAME paths, multiple-choice columns GROUP/tags/CHOICE
 * holding 0 or 1, and the tool's own columns (_uuid, _submission_time,
 * meta/…), of which the device's and the submitter's are personal.
 */
#include <string.h>

#include "results-int.h"

static bool
recognise(char **h, size_t n)
{
	return dialect_has_col(h, n, "_uuid") || dialect_has_col(h, n, "_submission_time") ||
	    dialect_has_col(h, n, "__version__");
}

static void
prepare(struct dialect_header *h)
{
	h->has_uuid = dialect_has_col(h->names, h->n, "_uuid");
}

static bool
personal(const char *h)
{
	static const char *const drop[] = {
		"start", "end", "today", "username", "deviceid", "phonenumber",
		"simserial", "subscriberid", "_submitted_by", "audit",
	};
	static const char *const geo[] = {
		"_latitude", "_longitude", "_altitude", "_precision",
	};
	size_t l = strlen(h);

	for (size_t k = 0; k < UL_NELEM(drop); k++)
		if (strcmp(h, drop[k]) == 0)
			return true;
	for (size_t k = 0; k < UL_NELEM(geo); k++) {
		size_t g = strlen(geo[k]);
		if (l > g && strcmp(h + l - g, geo[k]) == 0)
			return true;
	}
	return false;
}

static void
column(const struct dialect_header *hd, size_t i, struct col *c)
{
	const char *h = hd->names[i];

	if (personal(h))
		c->role = RO_DROP;
	else if (strcmp(h, "_uuid") == 0)
		c->role = RO_SOURCEID;
	else if (strcmp(h, "_id") == 0)
		c->role = hd->has_uuid ? RO_SILENT : RO_SOURCEID;
	else if (strcmp(h, "_submission_time") == 0)
		c->role = RO_DATE;
	else if (h[0] == '_' || strncmp(h, "meta/", 5) == 0)
		c->role = RO_SILENT;
	else
		col_generic(h, c, true, hd->opts);
}

const struct dialect ul_dialect_kobo_def = {
	.id = UL_DIALECT_KOBO,
	.name = "kobo",
	.recognise = recognise,
	.prepare = prepare,
	.column = column,
	.default_type = "friction",
	.table_is_name = true,
	.space_lists = true,
};
