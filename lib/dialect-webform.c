/* SPDX-License-Identifier: ISC */
/*
 * Drupal 8 and later Webform (8.x-5.x, 6.x) delimited exports: one header
 * row, the submission's base fields first, under their labels ("Serial
 * number", "Submission ID", "Created", "Is draft", "Remote IP address",
 * "Submitted by: ID"…, the export's default) or their keys (serial, sid,
 * uuid, created, in_draft, remote_addr, uid…), then the elements. The
 * submission UUID (else its ID) is the record's id, completed (else
 * created) its session; a draft is quarantined; the IP address, the
 * submitter, the token (a link that opens the submission) and the
 * administrators' notes are personal.
 */
#include <stdlib.h>
#include <string.h>

#include "results-int.h"

static const struct {
	const char *label, *key;
	enum role role;
} base[] = {
	{ "Serial number", "serial", RO_SILENT },
	{ "Submission ID", "sid", RO_SOURCEID },
	{ "Submission UUID", "uuid", RO_SOURCEID },
	{ "Token", "token", RO_DROP },
	{ "Submission URI", "uri", RO_SILENT },
	{ "Created", "created", RO_DATE },
	{ "Completed", "completed", RO_DATE },
	{ "Changed", "changed", RO_SILENT },
	{ "Is draft", "in_draft", RO_DRAFT },
	{ "Current page", "current_page", RO_SILENT },
	{ "Remote IP address", "remote_addr", RO_DROP },
	{ "Submitted by", "uid", RO_DROP },
	{ "Language", "langcode", RO_SILENT },
	{ "Webform", "webform_id", RO_SILENT },
	{ "Submitted to: Entity type", "entity_type", RO_SILENT },
	{ "Submitted to: Entity ID", "entity_id", RO_SILENT },
	{ "Locked", "locked", RO_SILENT },
	{ "Sticky", "sticky", RO_SILENT },
	{ "Notes", "notes", RO_DROP },
};

/* A base field's role; entity references expand ("Submitted by: ID", "uid__title"). */
static bool
base_role(const char *h, enum role *r)
{
	for (size_t k = 0; k < UL_NELEM(base); k++) {
		size_t ll = strlen(base[k].label), kl = strlen(base[k].key);
		bool whole = strcmp(h, base[k].label) == 0 || strcmp(h, base[k].key) == 0;
		bool part = (strncmp(h, base[k].label, ll) == 0 && h[ll] == ':' &&
			     h[ll + 1] == ' ') ||
		    (strncmp(h, base[k].key, kl) == 0 && h[kl] == '_' && h[kl + 1] == '_');
		if (!whole && !part)
			continue;
		*r = base[k].role;
		/* Only the field itself is an id or a date, not what it refers to. */
		if (part && (*r == RO_SOURCEID || *r == RO_DATE))
			*r = RO_SILENT;
		return true;
	}
	return false;
}

static bool
recognise(char **h, size_t n)
{
	return (dialect_has_col(h, n, "Submission ID") && dialect_has_col(h, n, "Serial number")) ||
	    (dialect_has_col(h, n, "sid") && dialect_has_col(h, n, "serial") &&
	     (dialect_has_col(h, n, "in_draft") || dialect_has_col(h, n, "remote_addr")));
}

static void
prepare(struct dialect_header *h)
{
	h->has_uuid = dialect_has_col(h->names, h->n, "Submission UUID") ||
	    dialect_has_col(h->names, h->n, "uuid");
	h->has_published = dialect_has_col(h->names, h->n, "Completed") ||
	    dialect_has_col(h->names, h->n, "completed");
}

static void
column(const struct dialect_header *hd, size_t i, struct col *c)
{
	const char *h = hd->names[i];
	enum role r;

	if (!base_role(h, &r)) {
		col_generic(h, c, NULL, hd->opts);
		return;
	}
	c->role = r;
	/* The UUID is the id when there is one; the completion the date. */
	if (r == RO_SOURCEID && hd->has_uuid && (strcmp(h, "sid") == 0 ||
						 strcmp(h, "Submission ID") == 0))
		c->role = RO_SILENT;
	if (r == RO_DATE && hd->has_published && (strcmp(h, "created") == 0 ||
						  strcmp(h, "Created") == 0))
		c->role = RO_SILENT;
}

const struct dialect ul_dialect_webform_def = {
	.id = UL_DIALECT_WEBFORM,
	.name = "webform",
	.recognise = recognise,
	.prepare = prepare,
	.column = column,
	.default_type = "friction",
	.table_is_name = true,
};
