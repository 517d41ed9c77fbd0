/* SPDX-License-Identifier: ISC */
/*
 * KoboToolbox (kpi, through formpack) and ODK CSV exports: the form's
 * questions under their labels or XML names, in groups joined by the
 * export's group separator ("/" by default, "%" or any other the export
 * was asked for, "::" in formpack's own tests), multiple-choice columns
 * GROUP/tags/CHOICE holding 0 or 1, and the tool's own columns (_id,
 * _uuid, _submission_time, meta/…), of which the device's and the
 * submitter's are personal. The HXL hashtag row kpi writes under the
 * header is lib/results-table.c's (a header line, not a record).
 * Recognised by any of kpi's own columns, a geopoint's four columns, or an
 * HXL row; an export with none of them (formpack's default, questions
 * only) is read with -F kobo.
 */
#include <stdlib.h>
#include <string.h>

#include "results-int.h"

/* Columns only kpi, formpack or ODK write. */
static const char *const own[] = {
	"_uuid", "_submission_time", "__version__", "_validation_status",
	"_submitted_by", "meta/instanceID", "meta/rootUuid", "meta/deprecatedID",
	"_xform_id_string", "_attachments", "_geolocation", "formhub/uuid",
};

/* A geopoint question Q exports _Q_latitude and _Q_longitude beside it. */
static bool
has_geopoint(char **h, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(h[i]);
		if (h[i][0] != '_' || l < 10 || strcmp(h[i] + l - 9, "_latitude") != 0)
			continue;
		char *lon = ul_xasprintf("%.*s_longitude", (int)(l - 9), h[i]);
		bool both = dialect_has_col(h, n, lon);
		free(lon);
		if (both)
			return true;
	}
	return false;
}

static bool
recognise(char **h, size_t n)
{
	for (size_t k = 0; k < UL_NELEM(own); k++)
		if (dialect_has_col(h, n, own[k]))
			return true;
	return has_geopoint(h, n);
}

/*
 * The group separator: the candidate that joins most headers to another
 * header's name or to a prefix two headers share ("Q" and "Q%choice";
 * "g1/q1" and "g1/q2"), "/" when none does.
 */
static const char *
find_group_sep(char **h, size_t n)
{
	static const char *const cand[] = { "/", "%", "::", ":", "." };
	const char *best = "/";
	size_t best_hits = 0;

	for (size_t k = 0; k < UL_NELEM(cand); k++) {
		size_t sl = strlen(cand[k]), hits = 0;
		for (size_t i = 0; i < n; i++) {
			const char *p = h[i][0] == '_' ? NULL : strstr(h[i], cand[k]);
			if (!p || p == h[i] || !p[sl])
				continue;
			size_t pl = (size_t)(p - h[i]);
			bool joined = false;
			for (size_t j = 0; j < n && !joined; j++)
				joined = j != i && (
				    (strlen(h[j]) == pl && strncmp(h[j], h[i], pl) == 0) ||
				    (strncmp(h[j], h[i], pl + sl) == 0 && h[j][pl + sl]));
			hits += joined;
		}
		if (hits > best_hits) {
			best_hits = hits;
			best = cand[k];
		}
	}
	return best;
}

static void
prepare(struct dialect_header *h)
{
	h->has_uuid = dialect_has_col(h->names, h->n, "_uuid");
	h->group_sep = find_group_sep(h->names, h->n);
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
		col_generic(h, c, hd->group_sep, hd->opts);
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
