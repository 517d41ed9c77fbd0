/* SPDX-License-Identifier: ISC */
/*
 * Framaforms and Drupal 7 Webform (7.x-3.x and 7.x-4.x) exports, delimited
 * (comma, semicolon or tab: TSV) or through a spreadsheet. Three header
 * rows (the form's title; "Submission Details"; the labels) are
 * lib/results-csv.c's; here, the submission's own columns, under their
 * labels (7.x-3.x: Serial, SID, Time, Draft, IP Address, UID, Username;
 * 7.x-4.x: Submitted Time, Completed Time, Modified Time besides), their
 * form keys (webform_sid, webform_time… when the export is asked for
 * "Form Key" headers) or Framaforms' French interface labels. The
 * submission time is the session; a draft is quarantined; the
 * submitter's IP, UID and user name are personal. The form's components
 * follow, under their labels or form keys.
 * The French labels are Webform's own translation (its translations/fr.po,
 * drupalprojects/webform at 6fd7f97e: Séquentiel, SID, Heure, Adresse IP,
 * UID, Nom d'utilisateur; "Détails de la soumission"), those Framaforms
 * shows, and the plain French a facilitator types when redoing a header.
 */
#include <stdlib.h>
#include <string.h>

#include "results-int.h"

/* Folded labels of the submission columns, in English, French and form keys. */
static const struct {
	const char *folded;
	enum role role;
} info[] = {
	{ "serial", RO_SILENT }, { "webform serial", RO_SILENT },
	{ "sequentiel", RO_SILENT }, { "numero de serie", RO_SILENT }, { "serie", RO_SILENT },
	{ "sid", RO_SOURCEID }, { "webform sid", RO_SOURCEID },
	{ "identifiant de soumission", RO_SOURCEID }, { "id de soumission", RO_SOURCEID },
	{ "time", RO_DATE }, { "submitted time", RO_DATE }, { "webform time", RO_DATE },
	{ "heure", RO_DATE }, { "date", RO_DATE }, { "heure de soumission", RO_DATE },
	{ "date de soumission", RO_DATE }, { "soumis le", RO_DATE },
	{ "completed time", RO_SILENT }, { "webform completed time", RO_SILENT },
	{ "heure de fin", RO_SILENT }, { "date de fin", RO_SILENT },
	{ "modified time", RO_SILENT }, { "webform modified time", RO_SILENT },
	{ "heure de modification", RO_SILENT }, { "date de modification", RO_SILENT },
	{ "draft", RO_DRAFT }, { "webform draft", RO_DRAFT }, { "brouillon", RO_DRAFT },
	{ "ip address", RO_DROP }, { "webform ip address", RO_DROP },
	{ "adresse ip", RO_DROP },
	{ "uid", RO_DROP }, { "webform uid", RO_DROP }, { "identifiant utilisateur", RO_DROP },
	{ "username", RO_DROP }, { "webform username", RO_DROP },
	{ "nom d utilisateur", RO_DROP }, { "utilisateur", RO_DROP },
};

static enum role
info_role(const char *h)
{
	char *f = ul_fold(h);
	enum role r = RO_NROLES;

	for (size_t k = 0; k < UL_NELEM(info) && r == RO_NROLES; k++)
		if (strcmp(f, info[k].folded) == 0)
			r = info[k].role;
	free(f);
	return r;
}

static bool
recognise(char **h, size_t n)
{
	return (dialect_has_col(h, n, "SID") && (dialect_has_col(h, n, "Serial") ||
						  dialect_has_col(h, n, "Séquentiel") ||
						  dialect_has_col(h, n, "Numéro de série"))) ||
	    (dialect_has_col(h, n, "webform_sid") && dialect_has_col(h, n, "webform_serial"));
}

static void
prepare(struct dialect_header *h)
{
	/* Drupal's default short date is m/d/Y; a French interface writes d/m/Y. */
	h->month_first = dialect_has_col(h->names, h->n, "Submitted Time") ||
	    dialect_has_col(h->names, h->n, "Time");
}

static void
column(const struct dialect_header *hd, size_t i, struct col *c)
{
	const char *h = hd->names[i];
	enum role r = info_role(h);

	/* The submission's columns come first; a later "Date" is a question. */
	if (r != RO_NROLES && i < 9) {
		c->role = r;
		return;
	}
	col_generic(h, c, NULL, hd->opts);
	/* An option of a multiple-choice tags question ("Thèmes"): X when chosen. */
	if (c->role == RO_IGNORE && hd->groups && hd->groups[i]) {
		char *g = ul_fold(hd->groups[i]);
		if (col_alias_role(g) == RO_TAGS) {
			c->role = RO_TAGCHOICE;
			c->arg = h;
		}
		free(g);
	}
}

const struct dialect ul_dialect_framaforms_def = {
	.id = UL_DIALECT_FRAMAFORMS,
	.name = "framaforms",
	.recognise = recognise,
	.prepare = prepare,
	.column = column,
	.default_type = "friction",
	.table_is_name = true,
	.slash_dates = true,
};
