/* SPDX-License-Identifier: ISC */
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

/*
 * Headers of the later workshops' keys (enum ul_rattr), folded: the key
 * itself and the French labels a transcription sheet or a form uses.
 */
static const struct {
	const char *folded;
	enum ul_rattr attr;
} attr_aliases[] = {
	{ "title", UL_RA_TITLE }, { "titre", UL_RA_TITLE },
	{ "nom de l idee", UL_RA_TITLE }, { "nom du service", UL_RA_TITLE },
	{ "le nom de l idee", UL_RA_TITLE },
	{ "poster", UL_RA_POSTER }, { "affiche", UL_RA_POSTER },
	{ "item", UL_RA_ITEM }, { "case", UL_RA_ITEM },
	{ "numero de case", UL_RA_ITEM }, { "case de l affiche", UL_RA_ITEM },
	{ "verdict", UL_RA_VERDICT }, { "avis du terrain", UL_RA_VERDICT },
	{ "le terrain", UL_RA_VERDICT },
	{ "service", UL_RA_SERVICE },
	{ "for", UL_RA_FOR }, { "pour qui", UL_RA_FOR },
	{ "roles", UL_RA_ROLES }, { "qui fait quoi", UL_RA_ROLES },
	{ "needs", UL_RA_NEEDS }, { "besoins", UL_RA_NEEDS },
	{ "ce qu il faut", UL_RA_NEEDS },
	{ "cost", UL_RA_COST }, { "cout", UL_RA_COST }, { "prix", UL_RA_COST },
	{ "combien ca coute", UL_RA_COST },
	{ "test", UL_RA_TEST }, { "premier essai", UL_RA_TEST },
	{ "premier test", UL_RA_TEST }, { "comment on commence", UL_RA_TEST },
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
	/* A form tool's timestamp is when the form was sent, not the session. */
	{ "timestamp", RO_SILENT }, { "horodateur", RO_SILENT },
	{ "horodatage", RO_SILENT }, { "marca temporal", RO_SILENT },
	/* The quarantine file's own columns: a fixed quarantine reads back. */
	{ "source", RO_ORIGIN }, { "reason", RO_SILENT },
	/* utilab-scan's: the crop, the deck's stamp, what a person must check */
	{ "image", RO_IMAGE }, { "version", RO_VERSION }, { "check", RO_SILENT },
};

/*
 * Personal columns, by whole words of the folded label, never substrings
 * ("nom du restaurant" is a place, "Nom" a person). A strong word makes
 * the label personal wherever it stands ("Adresse e-mail", "Numéro de
 * téléphone"); a weak word only when the rest of the label says nothing
 * else ("Nom", "Votre nom", "Nom de famille", "Adresse postale",
 * "Contact"), for "nom du lieu" or "adresse du local" name no one.
 * Words are also joined in pairs, for the labels systems write as one
 * ("submitted_by", "createdBy", "ipaddr").
 */
static const char *const strong_words[] = {
	"prenom", "prenoms", "firstname", "lastname", "fullname", "surname",
	"username", "pseudo", "email", "mail", "courriel", "mel", "telephone",
	"phone", "tel", "ip", "ipaddr", "ipaddress", "adresseip", "uid",
	"deviceid", "imei", "imsi", "simserial", "subscriberid", "latitude",
	"longitude", "altitude", "geolocation", "geolocalisation", "geopoint",
	"gps", "signature", "phonenumber", "submittedby", "createdby",
	"modifiedby", "userendorsements", "useragent", "remoteaddr", "courriel",
	"refurl", "token",
};
static const char *const weak_words[] = {
	"nom", "noms", "name", "names", "adresse", "address", "author", "auteur",
	"auteure", "autrice", "user", "utilisateur", "utilisatrice", "location",
	"localisation", "precision", "device", "contact", "contacts", "mobile",
	"portable", "coordonnees", "identite", "age", "naissance", "birth",
	"birthday", "domicile", "respondent", "repondant", "repondante",
};
/* Words that say nothing of their own beside a weak one. */
static const char *const filler_words[] = {
	"votre", "vos", "ton", "ta", "tes", "your", "my", "mon", "ma", "mes",
	"de", "du", "des", "la", "le", "les", "l", "d", "et", "and", "or", "ou",
	"of", "the", "a", "e", "en", "famille", "family", "complet", "complete",
	"full", "first", "last", "given", "postale", "postal", "personnelle",
	"personnel", "personal", "date", "numero", "number", "no", "n", "du",
	"participant", "participante", "participants", "enqueteur",
	"enqueteuse", "enqueteurs", "referent", "referente", "habitant",
	"habitante", "personne", "person", "contributeur", "contributrice",
	"1", "2", "3", "id",
};

static bool
in_list(const char *w, size_t len, const char *const *v, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (strlen(v[k]) == len && strncmp(w, v[k], len) == 0)
			return true;
	return false;
}

bool
col_is_personal(const char *folded)
{
	const char *w[32];
	size_t wl[32], n = 0;
	bool weak = false, other = false;

	for (const char *p = folded; *p && n < UL_NELEM(w);) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		w[n] = p;
		while (*p && *p != ' ')
			p++;
		wl[n] = (size_t)(p - w[n]);
		n++;
	}
	for (size_t i = 0; i < n; i++) {
		if (in_list(w[i], wl[i], strong_words, UL_NELEM(strong_words)))
			return true;
		/* Two words written as one: "submitted by", "ip addr". */
		if (i + 1 < n && wl[i] + wl[i + 1] < 64) {
			char pair[64];
			memcpy(pair, w[i], wl[i]);
			memcpy(pair + wl[i], w[i + 1], wl[i + 1]);
			if (in_list(pair, wl[i] + wl[i + 1], strong_words, UL_NELEM(strong_words)))
				return true;
		}
		if (in_list(w[i], wl[i], weak_words, UL_NELEM(weak_words)))
			weak = true;
		else if (!in_list(w[i], wl[i], filler_words, UL_NELEM(filler_words)))
			other = true;
	}
	return weak && !other;
}

enum role
col_alias_role(const char *folded)
{
	for (size_t k = 0; k < UL_NELEM(aliases); k++)
		if (strcmp(folded, aliases[k].folded) == 0)
			return aliases[k].role;
	return RO_IGNORE;
}

const char *
col_alias_attr(const char *folded)
{
	for (size_t k = 0; k < UL_NELEM(attr_aliases); k++)
		if (strcmp(folded, attr_aliases[k].folded) == 0)
			return ul_rattr_name(attr_aliases[k].attr);
	return NULL;
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
	if (ul_rattr_lookup(s) >= 0) {
		*r = RO_ATTR;
		*arg = ul_rattr_name((enum ul_rattr)ul_rattr_lookup(s));
		return 0;
	}
	return -1;
}

/* The last occurrence of sep in h, or NULL. */
static const char *
last_sep(const char *h, const char *sep)
{
	const char *last = NULL, *p = h;
	size_t l = strlen(sep);

	while ((p = strstr(p, sep))) {
		last = p;
		p += l;
	}
	return last;
}

/* The generic rule: a utilab role by name, else personal, else ignored. */
void
col_generic(const char *h, struct col *c, const char *group_sep,
	const struct ul_ropts *o)
{
	const char *f = col_field_name(h);
	const char *leaf = h, *cut = NULL;
	size_t sl = group_sep ? strlen(group_sep) : 0;
	char *folded;

	if (f) {
		c->role = RO_FIELD;
		c->arg = f;
		return;
	}
	if (group_sep && (cut = last_sep(h, group_sep)) && cut[sl])
		leaf = cut + sl;
	folded = ul_fold(leaf);
	c->role = col_alias_role(folded);
	if (c->role == RO_IGNORE && (c->arg = col_alias_attr(folded)))
		c->role = RO_ATTR;
	/*
	 * Personal before the workshop's fields: a form's "Contact" is a
	 * person's, whatever a deck's field is called.
	 */
	if (c->role == RO_IGNORE && col_is_personal(folded))
		c->role = RO_DROP;
	for (size_t k = 0; c->role == RO_IGNORE && k < o->nfields; k++) {
		char *ff = ul_fold(o->fields[k]);
		if (strcmp(ff, folded) == 0) {
			c->role = RO_FIELD;
			c->arg = o->fields[k];
		}
		free(ff);
	}
	/* A question labelled as a field is printed on the card ("À quel moment ?"). */
	for (size_t k = 0; c->role == RO_IGNORE && o->field_labels && k < o->nfields; k++) {
		if (!o->field_labels[k])
			continue;
		char *fl = ul_fold(o->field_labels[k]);
		if (fl[0] && strcmp(fl, folded) == 0) {
			char *fid = ul_fold(o->fields[k]);
			/* The field that holds what was written is the record's text. */
			c->role = col_alias_role(fid) == RO_TEXT ? RO_TEXT : RO_FIELD;
			c->arg = o->fields[k];
			free(fid);
		}
		free(fl);
	}
	if (c->role == RO_IGNORE && leaf != h) {
		/* A multiple-choice column: GROUP/tags/CHOICE with 0 or 1. */
		char *parent = ul_xstrndup(h, (size_t)(cut - h));
		const char *ps = last_sep(parent, group_sep);
		char *pf = ul_fold(ps ? ps + sl : parent);
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

