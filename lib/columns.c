/*
 * Columns: what a header means. The utilab roles under their English and
 * French labels, the generic rule every dialect falls back on, and the
 * words that make a column personal (its cells are then never read).
 * Part of the results readers (lib/results-int.h); knows nothing of any
 * one system's export (lib/dialect-*.c) nor of rows.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "results-int.h"

static const struct {
	const char *name;
	enum role role;
} role_names[] = {
	{ "type", RO_TYPE }, { "serial", RO_SERIAL }, { "session", RO_SESSION },
	{ "table", RO_TABLE }, { "sequence", RO_SEQUENCE }, { "stage", RO_STAGE },
	{ "text", RO_TEXT }, { "votes", RO_VOTES }, { "tags", RO_TAGS },
	{ "answers", RO_ANSWERS }, { "workshop", RO_WORKSHOP },
	{ "id", RO_SOURCEID }, { "date", RO_DATE }, { "drop", RO_DROP },
	{ "ignore", RO_SILENT },
};

/* Folded header names of the utilab roles, French labels included. */
static const struct {
	const char *folded;
	enum role role;
} aliases[] = {
	{ "type", RO_TYPE }, { "type de carte", RO_TYPE }, { "kind", RO_TYPE },
	{ "serial", RO_SERIAL }, { "numero", RO_SERIAL },
	{ "numero de carte", RO_SERIAL }, { "numero de la carte", RO_SERIAL },
	{ "n de carte", RO_SERIAL }, { "carte", RO_SERIAL },
	{ "card", RO_SERIAL }, { "code carte", RO_SERIAL },
	{ "card serial", RO_SERIAL },
	{ "session", RO_SESSION }, { "table", RO_TABLE }, { "groupe", RO_TABLE },
	{ "sequence", RO_SEQUENCE }, { "sequence de vie", RO_SEQUENCE },
	{ "life sequence", RO_SEQUENCE },
	{ "stage", RO_STAGE }, { "etape", RO_STAGE },
	{ "etape du parcours", RO_STAGE }, { "journey stage", RO_STAGE },
	{ "text", RO_TEXT }, { "texte", RO_TEXT }, { "description", RO_TEXT },
	{ "contenu", RO_TEXT }, { "content", RO_TEXT },
	{ "qu est ce qui coince", RO_TEXT }, { "ce qui coince", RO_TEXT },
	{ "votre idee", RO_TEXT }, { "friction", RO_TEXT }, { "idee", RO_TEXT },
	{ "votes", RO_VOTES }, { "vote", RO_VOTES },
	{ "nombre de votes", RO_VOTES }, { "gommettes", RO_VOTES },
	{ "supports", RO_VOTES },
	{ "tags", RO_TAGS }, { "tag", RO_TAGS }, { "etiquettes", RO_TAGS },
	{ "themes", RO_TAGS }, { "mots cles", RO_TAGS },
	{ "answers", RO_ANSWERS }, { "repond a", RO_ANSWERS },
	{ "en reponse a", RO_ANSWERS },
	{ "workshop", RO_WORKSHOP }, { "atelier", RO_WORKSHOP },
	/* The quarantine file's own columns: a fixed quarantine reads back. */
	{ "source", RO_SILENT }, { "reason", RO_SILENT },
};

/* Words and joined forms that make a column personal. */
static const char *const personal_words[] = {
	"nom", "prenom", "name", "names", "firstname", "lastname", "fullname",
	"username", "pseudo", "email", "mail", "courriel", "phone",
	"telephone", "tel", "portable", "mobile", "ip", "uid", "deviceid",
	"device", "imei", "imsi", "simserial", "subscriberid", "latitude",
	"longitude", "altitude", "precision", "geolocation",
	"geolocalisation", "geopoint", "gps", "localisation", "location",
	"address", "adresse", "author", "auteur", "auteure", "user",
	"phonenumber", "signature",
};
static const char *const personal_joined[] = {
	"submittedby", "createdby", "modifiedby", "deviceid", "phonenumber",
	"ipaddress", "adresseip", "username", "userendorsements",
};

bool
col_is_personal(const char *folded)
{
	char *copy = ul_xstrdup(folded), *save = NULL, *w;
	char *joined = ul_xmalloc(strlen(folded) + 1), *j = joined;
	bool hit = false;

	for (const char *p = folded; *p; p++)
		if (*p != ' ')
			*j++ = *p;
	*j = '\0';
	for (size_t k = 0; k < UL_NELEM(personal_joined) && !hit; k++)
		hit = strstr(joined, personal_joined[k]) != NULL;
	for (w = strtok_r(copy, " ", &save); w && !hit;
	     w = strtok_r(NULL, " ", &save))
		for (size_t k = 0; k < UL_NELEM(personal_words) && !hit; k++)
			hit = strcmp(w, personal_words[k]) == 0;
	free(copy);
	free(joined);
	return hit;
}

enum role
col_alias_role(const char *folded)
{
	for (size_t k = 0; k < UL_NELEM(aliases); k++)
		if (strcmp(folded, aliases[k].folded) == 0)
			return aliases[k].role;
	return RO_IGNORE;
}

/* "field:NAME", "field/NAME" or "champ:NAME": the field's name, or NULL. */
const char *
col_field_name(const char *h)
{
	static const char *const pre[] = { "field:", "field/", "champ:", "fields/" };
	for (size_t k = 0; k < UL_NELEM(pre); k++) {
		size_t l = strlen(pre[k]);
		if (strncasecmp(h, pre[k], l) == 0 && h[l])
			return h + l;
	}
	return NULL;
}

int
col_role_parse(const char *s, enum role *r, const char **arg)
{
	const char *f = col_field_name(s);

	*arg = NULL;
	if (f) {
		*r = RO_FIELD;
		*arg = f;
		return 0;
	}
	for (size_t k = 0; k < UL_NELEM(role_names); k++)
		if (strcmp(s, role_names[k].name) == 0) {
			*r = role_names[k].role;
			return 0;
		}
	return -1;
}

/* The generic rule: a utilab role by name, else personal, else ignored. */
void
col_generic(const char *h, struct col *c, bool group_paths,
	const struct ul_ropts *o)
{
	const char *f = col_field_name(h);
	const char *leaf = h;
	char *folded;

	if (f) {
		c->role = RO_FIELD;
		c->arg = f;
		return;
	}
	if (group_paths && strrchr(h, '/'))
		leaf = strrchr(h, '/') + 1;
	folded = ul_fold(leaf);
	c->role = col_alias_role(folded);
	for (size_t k = 0; c->role == RO_IGNORE && k < o->nfields; k++) {
		char *ff = ul_fold(o->fields[k]);
		if (strcmp(ff, folded) == 0) {
			c->role = RO_FIELD;
			c->arg = o->fields[k];
		}
		free(ff);
	}
	if (c->role == RO_IGNORE && group_paths && leaf != h) {
		/* A multiple-choice column: GROUP/tags/CHOICE with 0 or 1. */
		char *parent = ul_xstrndup(h, (size_t)(leaf - 1 - h));
		const char *pl = strrchr(parent, '/') ? strrchr(parent, '/') + 1 : parent;
		char *pf = ul_fold(pl);
		if (col_alias_role(pf) == RO_TAGS) {
			c->role = RO_TAGCHOICE;
			c->arg = leaf;
		}
		free(pf);
		free(parent);
	}
	if (c->role == RO_IGNORE) {
		char *all = ul_fold(h);
		if (col_is_personal(folded) || col_is_personal(all))
			c->role = RO_DROP;
		free(all);
	}
	free(folded);
}

