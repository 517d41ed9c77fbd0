/*
 * Results readers: the utilab-results YAML (through lib/yamlload with the
 * results limits) and CSV in the utilab layout or a form tool's export,
 * turned into struct ul_record one at a time. A CSV header becomes a list
 * of column roles (dialect first, then the user's mapping on top); personal
 * columns get the role "drop" and their cells are never looked at.
 * Knows nothing of workshops (validation is lib/merge.c's) nor of output.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "input.h"
#include "results.h"
#include "util.h"
#include "yamlload.h"

enum role {
	RO_IGNORE,	/* not used; listed in the report's sources */
	RO_SILENT,	/* not used, not worth listing (tool metadata) */
	RO_DROP,	/* personal: never read */
	RO_TYPE, RO_SERIAL, RO_SESSION, RO_TABLE, RO_SEQUENCE, RO_STAGE,
	RO_TEXT, RO_BODY, RO_VOTES, RO_TAGS, RO_TAGCHOICE, RO_ANSWERS,
	RO_FIELD, RO_SOURCEID, RO_WORKSHOP, RO_DATE, RO_DRAFT, RO_MIROTYPE,
	RO_COLOR,
};

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

struct col {
	enum role role;
	const char *arg;	/* field name, tag of a choice column */
	bool html;		/* strip markup from the cell */
};

struct ul_rmap_col {
	char *name;		/* header name as written */
	enum role role;
	char *arg;
};
struct ul_rmap_value {
	enum role role;
	char *from, *to;
};
struct ul_rmap {
	struct ul_rmap_col *cols;
	size_t ncols;
	struct ul_rmap_value *values;
	size_t nvalues;
	char *defaults[RO_COLOR + 1];
	int header_row;		/* 1-based; 0: the dialect's */
};

/* fold */

static const char *const latin1[64] = {
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e",
	"i", "i", "i", "i", "d", "n", "o", "o", "o", "o", "o", " ",
	"o", "u", "u", "u", "u", "y", "th", "ss",
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e",
	"i", "i", "i", "i", "d", "n", "o", "o", "o", "o", "o", " ",
	"o", "u", "u", "u", "u", "y", "th", "y",
};

char *
ul_fold(const char *s)
{
	struct ul_buf b;
	bool space = true;	/* drop leading spaces */
	size_t len = strlen(s);

	ul_buf_init(&b);
	ul_buf_adds(&b, "");
	if (ul_utf8_invalid(s, len) != (size_t)-1) {
		/* Not text: fold the ASCII only. */
		for (; *s; s++) {
			unsigned char c = (unsigned char)*s;
			if (isalnum(c) && c < 0x80) {
				ul_buf_addc(&b, tolower(c));
				space = false;
			} else if (!space) {
				ul_buf_addc(&b, ' ');
				space = true;
			}
		}
	} else {
		const char *p = s;
		while (*p) {
			const char *start = p;
			uint32_t cp = ul_utf8_next(&p);
			const char *rep = NULL;
			char one[2] = { 0, 0 };
			if (cp < 0x80) {
				if (isalnum((int)cp)) {
					one[0] = (char)tolower((int)cp);
					rep = one;
				}
			} else if (cp >= 0xc0 && cp <= 0xff)
				rep = latin1[cp - 0xc0];
			else if (cp == 0x152 || cp == 0x153)
				rep = "oe";
			else if (cp == 0xa0 || cp == 0x2019 || cp == 0x2018 ||
				 (cp >= 0x2000 && cp <= 0x206f) || cp == 0xab ||
				 cp == 0xbb || cp == 0xb0)
				rep = NULL;
			else {
				/* Other scripts: kept as they are. */
				ul_buf_add(&b, start, (size_t)(p - start));
				space = false;
				continue;
			}
			if (rep && strcmp(rep, " ") != 0) {
				ul_buf_adds(&b, rep);
				space = false;
			} else if (!space) {
				ul_buf_addc(&b, ' ');
				space = true;
			}
		}
	}
	while (b.len > 0 && b.s[b.len - 1] == ' ')
		b.s[--b.len] = '\0';
	return ul_buf_detach(&b);
}

static bool
is_personal(const char *folded)
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

static enum role
alias_role(const char *folded)
{
	for (size_t k = 0; k < UL_NELEM(aliases); k++)
		if (strcmp(folded, aliases[k].folded) == 0)
			return aliases[k].role;
	return RO_IGNORE;
}

/* "field:NAME", "field/NAME" or "champ:NAME": the field's name, or NULL. */
static const char *
field_name(const char *h)
{
	static const char *const pre[] = { "field:", "field/", "champ:", "fields/" };
	for (size_t k = 0; k < UL_NELEM(pre); k++) {
		size_t l = strlen(pre[k]);
		if (strncasecmp(h, pre[k], l) == 0 && h[l])
			return h + l;
	}
	return NULL;
}

static int
role_parse(const char *s, enum role *r, const char **arg)
{
	const char *f = field_name(s);

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

/* dialects */

int
ul_dialect_parse(const char *s, enum ul_dialect *d)
{
	for (int k = UL_DIALECT_AUTO; k <= UL_DIALECT_MIRO; k++)
		if (strcmp(s, ul_dialect_name((enum ul_dialect)k)) == 0) {
			*d = (enum ul_dialect)k;
			return 0;
		}
	return -1;
}

const char *
ul_dialect_name(enum ul_dialect d)
{
	switch (d) {
	case UL_DIALECT_AUTO: return "auto";
	case UL_DIALECT_UTILAB: return "utilab";
	case UL_DIALECT_KOBO: return "kobo";
	case UL_DIALECT_FRAMAFORMS: return "framaforms";
	case UL_DIALECT_DECIDIM: return "decidim";
	case UL_DIALECT_MIRO: return "miro";
	}
	return "?";
}

static bool
has_col(char **h, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(h[i], name) == 0)
			return true;
	return false;
}

static bool
has_prefix_col(char **h, size_t n, const char *prefix)
{
	for (size_t i = 0; i < n; i++)
		if (strncmp(h[i], prefix, strlen(prefix)) == 0)
			return true;
	return false;
}

static enum ul_dialect
recognise(char **h, size_t n)
{
	if (has_col(h, n, "_uuid") || has_col(h, n, "_submission_time") ||
	    has_col(h, n, "__version__"))
		return UL_DIALECT_KOBO;
	if (has_col(h, n, "SID") && has_col(h, n, "Serial"))
		return UL_DIALECT_FRAMAFORMS;
	if (has_col(h, n, "data/content"))
		return UL_DIALECT_MIRO;
	if (has_prefix_col(h, n, "title/") || has_col(h, n, "author/id") ||
	    has_col(h, n, "participatory_space/id"))
		return UL_DIALECT_DECIDIM;
	return UL_DIALECT_UTILAB;
}

/* The generic rule: a utilab role by name, else personal, else ignored. */
static void
generic(const char *h, struct col *c, bool group_paths,
	const struct ul_ropts *o)
{
	const char *f = field_name(h);
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
	c->role = alias_role(folded);
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
		if (alias_role(pf) == RO_TAGS) {
			c->role = RO_TAGCHOICE;
			c->arg = leaf;
		}
		free(pf);
		free(parent);
	}
	if (c->role == RO_IGNORE) {
		char *all = ul_fold(h);
		if (is_personal(folded) || is_personal(all))
			c->role = RO_DROP;
		free(all);
	}
	free(folded);
}

static void
kobo_col(const char *h, struct col *c, bool have_uuid, const struct ul_ropts *o)
{
	static const char *const drop[] = {
		"start", "end", "today", "username", "deviceid", "phonenumber",
		"simserial", "subscriberid", "_submitted_by", "audit",
	};
	for (size_t k = 0; k < UL_NELEM(drop); k++)
		if (strcmp(h, drop[k]) == 0) {
			c->role = RO_DROP;
			return;
		}
	if (strcmp(h, "_uuid") == 0) {
		c->role = RO_SOURCEID;
		return;
	}
	if (strcmp(h, "_id") == 0) {
		c->role = have_uuid ? RO_SILENT : RO_SOURCEID;
		return;
	}
	if (strcmp(h, "_submission_time") == 0) {
		c->role = RO_DATE;
		return;
	}
	size_t l = strlen(h);
	static const char *const geo[] = {
		"_latitude", "_longitude", "_altitude", "_precision",
	};
	for (size_t k = 0; k < UL_NELEM(geo); k++) {
		size_t g = strlen(geo[k]);
		if (l > g && strcmp(h + l - g, geo[k]) == 0) {
			c->role = RO_DROP;
			return;
		}
	}
	if (h[0] == '_' || strncmp(h, "meta/", 5) == 0) {
		c->role = RO_SILENT;
		return;
	}
	generic(h, c, true, o);
}

static void
framaforms_col(const char *h, struct col *c, const struct ul_ropts *o)
{
	if (strcmp(h, "SID") == 0)
		c->role = RO_SOURCEID;
	else if (strcmp(h, "Serial") == 0)
		c->role = RO_SILENT;	/* the submission's, not a card's */
	else if (strcmp(h, "Time") == 0)
		c->role = RO_DATE;
	else if (strcmp(h, "Draft") == 0)
		c->role = RO_DRAFT;
	else if (strcmp(h, "IP Address") == 0 || strcmp(h, "UID") == 0 ||
		 strcmp(h, "Username") == 0)
		c->role = RO_DROP;
	else
		generic(h, c, false, o);
}

static void
decidim_col(const char *h, struct col *c, const char *title, const char *body)
{
	static const char *const drop[] = {
		"author/", "likes/user_endorsements", "endorsements/user_endorsements",
		"address", "latitude", "longitude", "coauthorships",
	};
	for (size_t k = 0; k < UL_NELEM(drop); k++)
		if (strncmp(h, drop[k], strlen(drop[k])) == 0) {
			c->role = RO_DROP;
			return;
		}
	if (strcmp(h, "id") == 0)
		c->role = RO_SOURCEID;
	else if (title && strcmp(h, title) == 0) {
		c->role = RO_TEXT;
		c->html = true;
	} else if (body && strcmp(h, body) == 0) {
		c->role = RO_BODY;
		c->html = true;
	} else if (strcmp(h, "votes") == 0 || strcmp(h, "supports") == 0 ||
		   strcmp(h, "proposal_votes_count") == 0)
		c->role = RO_VOTES;
	else if (strncmp(h, "category/name/", 14) == 0 ||
		 strncmp(h, "taxonomies/name/", 16) == 0)
		c->role = RO_TAGS;
	else if (strcmp(h, "created_at") == 0)
		c->role = RO_DATE;
	else {
		c->role = RO_IGNORE;
		char *f = ul_fold(h);
		if (is_personal(f))
			c->role = RO_DROP;
		free(f);
	}
}

static void
miro_col(const char *h, struct col *c)
{
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

/* Decidim's title/<lang> (body/<lang>): the reader's language, else the first. */
static const char *
pick_lang(char **h, size_t n, const char *stem, const char *lang)
{
	char *want = ul_xasprintf("%s/%s", stem, lang);
	const char *first = NULL;

	for (size_t i = 0; i < n; i++) {
		if (strcmp(h[i], want) == 0) {
			free(want);
			return h[i];
		}
		if (!first && strncmp(h[i], stem, strlen(stem)) == 0 &&
		    h[i][strlen(stem)] == '/' && !strchr(h[i] + strlen(stem) + 1, '/'))
			first = h[i];
	}
	free(want);
	return first;
}

/* reading a CSV */

struct csvreader {
	struct ul_csv csv;
	const struct ul_ropts *opts;
	struct ul_rsource *src;
	struct ul_diags *diags;
	enum ul_dialect dialect;
	char **hdr;		/* header names, owned */
	size_t nh;
	int hdr_line;
	struct col *cols;
	const char *def_type, *def_table;
	/* per record */
	struct ul_buf scratch;
	const char **tags, **answers;
	size_t tcap, acap;
	struct ul_rfield *fields;
	size_t fcap;
};

static void
list_add(char ***v, size_t *n, const char *s)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*v)[i], s) == 0)
			return;
	*v = ul_xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = ul_xstrdup(s);
}

/* Copy s[0..len) into the scratch, trimmed; NULL when empty. */
static char *
keep(struct csvreader *r, const char *s, size_t len)
{
	while (len > 0 && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	if (len == 0)
		return NULL;
	/* The scratch was reserved large enough: it never moves. */
	char *p = r->scratch.s + r->scratch.len;
	memcpy(p, s, len);
	p[len] = '\0';
	r->scratch.len += len + 1;
	return p;
}

static const char *
strip_html(struct csvreader *r, const char *s)
{
	static const struct { const char *ent, *rep; } ents[] = {
		{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
		{ "&quot;", "\"" }, { "&#39;", "'" }, { "&apos;", "'" },
		{ "&nbsp;", " " }, { "&#160;", " " },
	};
	char *out = r->scratch.s + r->scratch.len, *o = out;
	bool tag = false;

	for (const char *p = s; *p; p++) {
		if (tag) {
			if (*p == '>')
				tag = false;
			continue;
		}
		if (*p == '<') {
			/* Block elements separate words; inline ones do not. */
			static const char *const blocks[] = {
				"p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3",
				"h4", "tr", "td", "th", "blockquote",
			};
			const char *t = p + 1 + (p[1] == '/');
			size_t tl = strspn(t, "abcdefghijklmnopqrstuvwxyz0123456789");
			tag = true;
			for (size_t k = 0; k < UL_NELEM(blocks); k++)
				if (tl == strlen(blocks[k]) && strncmp(t, blocks[k], tl) == 0 &&
				    o > out && o[-1] != ' ')
					*o++ = ' ';
			continue;
		}
		if (*p == '&') {
			size_t k;
			for (k = 0; k < UL_NELEM(ents); k++)
				if (strncmp(p, ents[k].ent, strlen(ents[k].ent)) == 0)
					break;
			if (k < UL_NELEM(ents)) {
				size_t rl = strlen(ents[k].rep);
				memcpy(o, ents[k].rep, rl);
				o += rl;
				p += strlen(ents[k].ent) - 1;
				continue;
			}
		}
		if (isspace((unsigned char)*p)) {
			if (o > out && o[-1] != ' ')
				*o++ = ' ';
			continue;
		}
		*o++ = *p;
	}
	while (o > out && o[-1] == ' ')
		o--;
	*o = '\0';
	r->scratch.len += (size_t)(o - out) + 1;
	return o == out ? NULL : out;
}

/* Split a list cell on '|' (or ',' when there is no '|'; or spaces for Kobo). */
static void
split(struct csvreader *r, const char *cell, const char ***v, size_t *n,
      size_t *cap)
{
	char sep = strchr(cell, '|') ? '|' : strchr(cell, ',') ? ',' :
	    r->dialect == UL_DIALECT_KOBO ? ' ' : '\0';
	const char *p = cell;

	for (;;) {
		const char *e = sep ? strchr(p, sep) : NULL;
		size_t len = e ? (size_t)(e - p) : strlen(p);
		char *item = keep(r, p, len);
		if (item) {
			if (*n == *cap) {
				*cap = *cap ? *cap * 2 : 8;
				*v = ul_xreallocarray(*v, *cap, sizeof(**v));
			}
			(*v)[(*n)++] = item;
		}
		if (!e)
			break;
		p = e + 1;
	}
}

static const char *
map_value(const struct ul_rmap *m, enum role role, const char *v)
{
	if (!m || !v)
		return v;
	for (size_t k = 0; k < m->nvalues; k++)
		if (m->values[k].role == role && strcmp(m->values[k].from, v) == 0)
			return m->values[k].to;
	return v;
}

static const char *
miro_type(const char *color)
{
	if (!color)
		return NULL;
	if (strstr(color, "yellow"))
		return "friction";
	if (strstr(color, "green"))
		return "idea";
	return "note";
}

static bool
iso_date(const char *s)
{
	return s && strlen(s) >= 10 && isdigit((unsigned char)s[0]) &&
	    isdigit((unsigned char)s[3]) && s[4] == '-' && s[7] == '-' &&
	    isdigit((unsigned char)s[9]);
}

static void
set_header(struct csvreader *r)
{
	const struct ul_rmap *m = r->opts->map;
	const char *lang = r->opts->lang ? r->opts->lang : "fr";
	const char *title = NULL, *body = NULL;
	bool have_uuid = has_col(r->hdr, r->nh, "_uuid");

	r->cols = ul_xcalloc(r->nh ? r->nh : 1, sizeof(*r->cols));
	if (r->dialect == UL_DIALECT_DECIDIM) {
		title = pick_lang(r->hdr, r->nh, "title", lang);
		body = pick_lang(r->hdr, r->nh, "body", lang);
	}
	for (size_t i = 0; i < r->nh; i++) {
		const char *h = r->hdr[i];
		struct col *c = &r->cols[i];
		switch (r->dialect) {
		case UL_DIALECT_KOBO: kobo_col(h, c, have_uuid, r->opts); break;
		case UL_DIALECT_FRAMAFORMS: framaforms_col(h, c, r->opts); break;
		case UL_DIALECT_DECIDIM: decidim_col(h, c, title, body); break;
		case UL_DIALECT_MIRO: miro_col(h, c); break;
		default: generic(h, c, false, r->opts); break;
		}
		/* The user's mapping has the last word, personal columns included. */
		for (size_t k = 0; m && k < m->ncols; k++) {
			if (strcmp(m->cols[k].name, h) != 0)
				continue;
			c->role = m->cols[k].role;
			c->arg = m->cols[k].arg;
		}
		if (c->role == RO_DROP) {
			list_add(&r->src->dropped, &r->src->ndropped, h);
			ul_diag_add(r->diags, UL_NOTE, UL_EDATA, r->src->file,
				    r->hdr_line, 0, "personal column '%s' dropped", h);
		} else if (c->role == RO_IGNORE) {
			list_add(&r->src->ignored, &r->src->nignored, h);
			if (r->dialect == UL_DIALECT_UTILAB && !m) {
				static const char *const known[] = {
					"type", "serial", "session", "table",
					"sequence", "stage", "text", "votes",
					"tags", "answers", "workshop",
				};
				char hb[128];
				const char *s = ul_suggest_hint(h, known, UL_NELEM(known), hb, sizeof(hb));
				ul_warning(r->diags, r->src->file, r->hdr_line, 0,
					   "unknown column '%s' ignored%s", h,
					   s);
			}
		}
	}
	if (r->dialect == UL_DIALECT_KOBO || r->dialect == UL_DIALECT_FRAMAFORMS)
		r->def_type = "friction";
	else if (r->dialect == UL_DIALECT_DECIDIM)
		r->def_type = "idea";
	if (r->dialect != UL_DIALECT_UTILAB)
		r->def_table = ul_dialect_name(r->dialect);
}

static int
emit_row(struct csvreader *r, ul_record_fn fn, void *ctx)
{
	struct ul_csv *c = &r->csv;
	const struct ul_rmap *m = r->opts->map;
	struct ul_record rec;
	char reason[160];
	const char *date = NULL, *color = NULL, *body = NULL;
	const char *text[16];
	size_t total = 0, ntext = 0;

	memset(&rec, 0, sizeof(rec));
	rec.file = r->src->file;
	rec.line = c->line;
	for (size_t i = 0; i < c->n; i++)
		total += c->len[i] + 2;
	ul_buf_reset(&r->scratch);
	/*
	 * Every string of the record is carved from the scratch, which must
	 * not move meanwhile: cells are copied once, stripped of markup once,
	 * split once and joined once, so five times the record is enough.
	 */
	ul_buf_grow(&r->scratch, 5 * total + 4096);
	rec.tags = r->tags;
	rec.answers = r->answers;
	rec.fields = r->fields;
	if (c->problem == UL_CSV_UNTERMINATED) {
		snprintf(reason, sizeof(reason),
			 "unterminated quoted field (opened at line %d)",
			 c->problem_line);
		rec.reject = reason;
	} else if (c->problem == UL_CSV_BADUTF8) {
		snprintf(reason, sizeof(reason), "invalid UTF-8 in column '%.80s'",
			 c->problem_field < r->nh ? r->hdr[c->problem_field] : "?");
		rec.reject = reason;
		/* Nothing of it can be trusted as text. */
		goto out;
	} else if (c->problem) {
		rec.reject = ul_csv_problem_name(c->problem);
		goto out;
	} else if (c->n != r->nh) {
		snprintf(reason, sizeof(reason),
			 "ragged row: %zu fields where the header has %zu",
			 c->n, r->nh);
		rec.reject = reason;
	}
	for (size_t i = 0; i < c->n && i < r->nh; i++) {
		const struct col *col = &r->cols[i];
		if (col->role <= RO_DROP)
			continue;
		const char *v = keep(r, c->field[i], c->len[i]);
		if (v && col->html)
			v = strip_html(r, v);
		if (!v)
			continue;
		switch (col->role) {
		case RO_TYPE: rec.type = v; break;
		case RO_SERIAL: rec.serial = v; break;
		case RO_SESSION: rec.session = v; break;
		case RO_TABLE: rec.table = v; break;
		case RO_SEQUENCE: rec.sequence = v; break;
		case RO_STAGE: rec.stage = v; break;
		case RO_VOTES: rec.votes = v; break;
		case RO_WORKSHOP: rec.workshop = v; break;
		case RO_SOURCEID: rec.source_id = v; break;
		case RO_DATE: date = v; break;
		case RO_COLOR: color = v; break;
		case RO_BODY: body = v; break;
		case RO_TEXT:
			if (ntext < UL_NELEM(text))
				text[ntext++] = v;
			break;
		case RO_TAGS:
			split(r, v, &r->tags, &rec.ntags, &r->tcap);
			break;
		case RO_TAGCHOICE:
			if (strcmp(v, "1") == 0 || strcasecmp(v, "true") == 0) {
				if (rec.ntags == r->tcap) {
					r->tcap = r->tcap ? r->tcap * 2 : 8;
					r->tags = ul_xreallocarray(r->tags, r->tcap,
								   sizeof(*r->tags));
				}
				r->tags[rec.ntags++] = col->arg;
			}
			break;
		case RO_ANSWERS:
			split(r, v, &r->answers, &rec.nanswers, &r->acap);
			break;
		case RO_FIELD:
			if (rec.nfields == r->fcap) {
				r->fcap = r->fcap ? r->fcap * 2 : 8;
				r->fields = ul_xreallocarray(r->fields, r->fcap,
							     sizeof(*r->fields));
			}
			r->fields[rec.nfields].name = col->arg;
			r->fields[rec.nfields++].value = v;
			break;
		case RO_DRAFT:
			if (strcmp(v, "0") != 0 && !rec.reject)
				rec.reject = "draft submission (never submitted)";
			break;
		case RO_MIROTYPE:
			if (strcmp(v, "sticky_note") != 0 && !rec.reject) {
				snprintf(reason, sizeof(reason),
					 "Miro item of type '%.60s' is not a sticky note", v);
				rec.reject = reason;
			}
			break;
		default:
			break;
		}
	}
	/* The lists may have moved while growing. */
	rec.tags = r->tags;
	rec.answers = r->answers;
	rec.fields = r->fields;
	if (body && ntext < UL_NELEM(text))
		text[ntext++] = body;
	if (ntext == 1)
		rec.text = text[0];
	else if (ntext > 1) {
		/* Several text columns (Decidim's title and body): one text. */
		char *j = r->scratch.s + r->scratch.len, *o = j;
		for (size_t k = 0; k < ntext; k++) {
			if (k) {
				memcpy(o, " — ", 5);
				o += 5;
			}
			size_t l = strlen(text[k]);
			memcpy(o, text[k], l);
			o += l;
		}
		*o = '\0';
		r->scratch.len += (size_t)(o - j) + 1;
		rec.text = j;
	}
	if (color && !rec.type)
		rec.type = map_value(m, RO_TYPE, color) != color ?
		    map_value(m, RO_TYPE, color) : miro_type(color);
	if (!rec.session && iso_date(date)) {
		char *d = keep(r, date, 10);
		rec.session = d;
	}
	if (!rec.type)
		rec.type = m && m->defaults[RO_TYPE] ? m->defaults[RO_TYPE] : r->def_type;
	if (!rec.table)
		rec.table = m && m->defaults[RO_TABLE] ? m->defaults[RO_TABLE] : r->def_table;
	if (m) {
		static const enum role dr[] = { RO_SESSION, RO_SEQUENCE, RO_STAGE, RO_WORKSHOP };
		const char **slot[] = { &rec.session, &rec.sequence, &rec.stage, &rec.workshop };
		for (size_t k = 0; k < UL_NELEM(dr); k++)
			if (!*slot[k])
				*slot[k] = m->defaults[dr[k]];
		rec.type = map_value(m, RO_TYPE, rec.type);
		rec.sequence = map_value(m, RO_SEQUENCE, rec.sequence);
		rec.stage = map_value(m, RO_STAGE, rec.stage);
		rec.table = map_value(m, RO_TABLE, rec.table);
		rec.session = map_value(m, RO_SESSION, rec.session);
	}
out:
	r->src->records++;
	return fn(ctx, &rec);
}

static int
next_or_fail(struct csvreader *r)
{
	int got = ul_csv_next(&r->csv);

	if (got < 0)
		ul_input_error(r->diags, r->src->file, errno, UL_INPUT_MAX_STREAM);
	return got;
}

static int
read_csv(FILE *fp, const struct ul_ropts *opts, ul_record_fn fn, void *ctx,
	 struct ul_rsource *src, struct ul_diags *diags)
{
	struct csvreader r;
	int got, ret = -1;
	const struct ul_rmap *m = opts->map;

	memset(&r, 0, sizeof(r));
	r.opts = opts;
	r.src = src;
	r.diags = diags;
	ul_buf_init(&r.scratch);
	if (ul_csv_open(&r.csv, src->file, fp, 0) < 0) {
		ul_input_error(diags, src->file, errno, UL_INPUT_MAX_STREAM);
		goto done;
	}
	if ((got = next_or_fail(&r)) < 0)
		goto done;
	if (got == 0) {
		ul_error(diags, src->file, 0, 0, "empty file: no header line");
		goto done;
	}
	/* Framaforms: a title row, "Submission Details", then the labels. */
	int want_row = m && m->header_row > 1 ? m->header_row : 1;
	bool title_row = r.csv.len[0] > 0 && !r.csv.problem;
	for (size_t i = 1; i < r.csv.n; i++)
		title_row &= r.csv.len[i] == 0;
	if (want_row == 1 && title_row && opts->dialect != UL_DIALECT_UTILAB &&
	    !(r.csv.n == 1 && opts->dialect == UL_DIALECT_AUTO &&
	      (strcmp(r.csv.field[0], "text") == 0 || strcmp(r.csv.field[0], "type") == 0))) {
		int tl = r.csv.line;
		if ((got = next_or_fail(&r)) < 0)
			goto done;
		if (got == 1 && r.csv.n > 0 &&
		    strcmp(r.csv.field[0], "Submission Details") == 0)
			want_row = 3;
		else {
			ul_error(diags, src->file, tl, 0,
				 "the first line holds one name only: a title, not a header");
			goto done;
		}
	}
	while (r.csv.recno < want_row) {
		if ((got = next_or_fail(&r)) < 0)
			goto done;
		if (got == 0) {
			ul_error(diags, src->file, 0, 0, "no header at row %d", want_row);
			goto done;
		}
	}
	if (r.csv.problem) {
		ul_error(diags, src->file, r.csv.problem_line, 0, "header: %s",
			 ul_csv_problem_name(r.csv.problem));
		goto done;
	}
	r.nh = r.csv.n;
	r.hdr_line = r.csv.line;
	r.hdr = ul_xcalloc(r.nh, sizeof(*r.hdr));
	for (size_t i = 0; i < r.nh; i++) {
		char *h = ul_xstrdup(r.csv.field[i]);
		size_t l = strlen(h);
		while (l > 0 && isspace((unsigned char)h[l - 1]))
			h[--l] = '\0';
		r.hdr[i] = h;
	}
	r.dialect = opts->dialect == UL_DIALECT_AUTO ?
	    (want_row == 3 ? UL_DIALECT_FRAMAFORMS : recognise(r.hdr, r.nh)) :
	    opts->dialect;
	free(src->format);
	src->format = ul_xstrdup(m ? "map" : r.dialect == UL_DIALECT_UTILAB ?
				 "csv" : ul_dialect_name(r.dialect));
	set_header(&r);
	if (r.dialect == UL_DIALECT_UTILAB && !m) {
		bool text = false;
		for (size_t i = 0; i < r.nh; i++)
			text |= r.cols[i].role == RO_TEXT || r.cols[i].role == RO_TYPE;
		if (!text) {
			ul_error(diags, src->file, r.hdr_line, 0,
				 "header has neither 'type' nor 'text': not a results CSV "
				 "(a form export? see -F and -m)");
			goto done;
		}
	}
	while ((got = next_or_fail(&r)) == 1)
		if (emit_row(&r, fn, ctx) < 0)
			goto done;
	if (got == 0)
		ret = 0;
done:
	for (size_t i = 0; i < r.nh; i++)
		free(r.hdr[i]);
	free(r.hdr);
	free(r.cols);
	free(r.tags);
	free(r.answers);
	free(r.fields);
	ul_buf_release(&r.scratch);
	ul_csv_release(&r.csv);
	return ret;
}

/* reading YAML */

static const char *const item_keys[] = {
	"type", "serial", "sequence", "stage", "text", "fields", "votes",
	"tags", "answers", "session", "table",
};
static const char *const top_keys[] = {
	"utilab-results", "workshop", "session", "table", "items",
};

static const char *
scalar(const struct ul_ynode *n)
{
	if (!n || n->kind != UL_YSCALAR || ul_ynode_is_null(n) || n->len == 0)
		return NULL;
	return n->str;
}

/* A list of scalars, or one scalar split on '|' or ','. */
static const char *
ylist(const struct ul_ynode *n, const char ***v, size_t *cnt, size_t *cap,
      struct ul_arena *a)
{
	*cnt = 0;
	if (!n || ul_ynode_is_null(n))
		return NULL;
	if (n->kind == UL_YMAP)
		return "is a mapping, not a list";
	if (n->kind == UL_YSCALAR) {
		char sep = strchr(n->str, '|') ? '|' : ',';
		const char *p = n->str;
		for (;;) {
			const char *e = strchr(p, sep);
			size_t len = e ? (size_t)(e - p) : strlen(p);
			while (len && isspace((unsigned char)*p))
				p++, len--;
			while (len && isspace((unsigned char)p[len - 1]))
				len--;
			if (len) {
				if (*cnt == *cap) {
					*cap = *cap ? *cap * 2 : 8;
					*v = ul_xreallocarray(*v, *cap, sizeof(**v));
				}
				(*v)[(*cnt)++] = ul_arena_strndup(a, p, len);
			}
			if (!e)
				break;
			p = e + 1;
		}
		return NULL;
	}
	for (size_t i = 0; i < n->n; i++) {
		const char *s = scalar(n->items[i]);
		if (n->items[i]->kind != UL_YSCALAR)
			return "holds a list or mapping, not text";
		if (!s)
			continue;
		if (*cnt == *cap) {
			*cap = *cap ? *cap * 2 : 8;
			*v = ul_xreallocarray(*v, *cap, sizeof(**v));
		}
		(*v)[(*cnt)++] = s;
	}
	return NULL;
}

static int
read_yaml(const char *data, size_t len, ul_record_fn fn, void *ctx,
	  struct ul_rsource *src, struct ul_diags *diags)
{
	struct ul_ydoc doc;
	const struct ul_ynode *root, *items, *v;
	const char *workshop = NULL, *session = NULL, *table = NULL;
	const char **tags = NULL, **answers = NULL;
	size_t tcap = 0, acap = 0, fcap = 0;
	struct ul_rfield *fields = NULL;
	int ret = -1;
	char reason[200];

	free(src->format);
	src->format = ul_xstrdup("yaml");
	if (ul_yaml_parse(&doc, src->file, data, len, &ul_ylimits_results, diags) < 0) {
		ul_ydoc_release(&doc);
		return -1;
	}
	root = doc.root;
	if (!root || root->kind != UL_YMAP) {
		ul_error(diags, src->file, root ? root->line : 0, root ? root->col : 0,
			 "results must be a mapping with 'utilab-results: 1'");
		goto done;
	}
	int errs = 0;
	for (size_t i = 0; i < root->n; i++) {
		const struct ul_ynode *k = root->pairs[i].key;
		bool known = false;
		for (size_t t = 0; t < UL_NELEM(top_keys); t++)
			known |= strcmp(k->str, top_keys[t]) == 0;
		if (!known) {
			char hb[128];
			const char *s = ul_suggest_hint(k->str, top_keys, UL_NELEM(top_keys), hb, sizeof(hb));
			ul_error(diags, src->file, k->line, k->col,
				 "unknown key '%s'%s", k->str,
				 s);
			errs++;
		}
	}
	v = ul_ymap_get(root, "utilab-results");
	if (!v) {
		ul_error(diags, src->file, root->line, root->col,
			 "missing 'utilab-results: 1'");
		errs++;
	} else if (!scalar(v) || strcmp(v->str, "1") != 0) {
		ul_error(diags, src->file, v->line, v->col,
			 "unsupported 'utilab-results' version '%s' (expected 1)",
			 scalar(v) ? v->str : "");
		errs++;
	}
	static const char *const heads[] = { "workshop", "session", "table" };
	const char **slots[] = { &workshop, &session, &table };
	for (size_t k = 0; k < 3; k++) {
		v = ul_ymap_get(root, heads[k]);
		if (v && v->kind != UL_YSCALAR) {
			ul_error(diags, src->file, v->line, v->col,
				 "'%s' must be text, not a %s", heads[k],
				 ul_ykind_name(v->kind));
			errs++;
		} else
			*slots[k] = scalar(v);
	}
	items = ul_ymap_get(root, "items");
	if (items && !ul_ynode_is_null(items) && items->kind != UL_YSEQ) {
		ul_error(diags, src->file, items->line, items->col,
			 "'items' must be a list, not a %s", ul_ykind_name(items->kind));
		errs++;
	}
	if (errs)
		goto done;
	for (size_t i = 0; items && items->kind == UL_YSEQ && i < items->n; i++) {
		const struct ul_ynode *it = items->items[i];
		struct ul_record rec;
		const char *why;

		memset(&rec, 0, sizeof(rec));
		rec.file = src->file;
		rec.line = it->line;
		rec.workshop = workshop;
		rec.session = session;
		rec.table = table;
		src->records++;
		if (it->kind != UL_YMAP) {
			snprintf(reason, sizeof(reason), "item is %s, not a mapping",
				 it->kind == UL_YSEQ ? "a list" : "text");
			rec.reject = reason;
			if (fn(ctx, &rec) < 0)
				goto done;
			continue;
		}
		for (size_t p = 0; p < it->n && !rec.reject; p++) {
			const struct ul_ynode *k = it->pairs[p].key, *val = it->pairs[p].value;
			size_t t;
			for (t = 0; t < UL_NELEM(item_keys); t++)
				if (strcmp(k->str, item_keys[t]) == 0)
					break;
			if (t == UL_NELEM(item_keys)) {
				char hb[128];
				const char *s = ul_suggest_hint(k->str, item_keys, UL_NELEM(item_keys), hb, sizeof(hb));
				snprintf(reason, sizeof(reason), "unknown key '%.60s'%s",
					 k->str, s);
				rec.reject = reason;
				rec.line = k->line;
			} else if (strcmp(k->str, "fields") != 0 &&
				   strcmp(k->str, "tags") != 0 &&
				   strcmp(k->str, "answers") != 0 &&
				   val->kind != UL_YSCALAR) {
				snprintf(reason, sizeof(reason), "'%s' must be text, not a %s",
					 k->str, ul_ykind_name(val->kind));
				rec.reject = reason;
				rec.line = val->line;
			}
		}
		rec.type = scalar(ul_ymap_get(it, "type"));
		rec.serial = scalar(ul_ymap_get(it, "serial"));
		rec.sequence = scalar(ul_ymap_get(it, "sequence"));
		rec.stage = scalar(ul_ymap_get(it, "stage"));
		rec.text = scalar(ul_ymap_get(it, "text"));
		rec.votes = scalar(ul_ymap_get(it, "votes"));
		if (scalar(ul_ymap_get(it, "session")))
			rec.session = scalar(ul_ymap_get(it, "session"));
		if (scalar(ul_ymap_get(it, "table")))
			rec.table = scalar(ul_ymap_get(it, "table"));
		if ((why = ylist(ul_ymap_get(it, "tags"), &tags, &rec.ntags, &tcap,
				 &doc.arena)) && !rec.reject) {
			snprintf(reason, sizeof(reason), "'tags' %s", why);
			rec.reject = reason;
		}
		if ((why = ylist(ul_ymap_get(it, "answers"), &answers, &rec.nanswers,
				 &acap, &doc.arena)) && !rec.reject) {
			snprintf(reason, sizeof(reason), "'answers' %s", why);
			rec.reject = reason;
		}
		rec.tags = tags;
		rec.answers = answers;
		v = ul_ymap_get(it, "fields");
		if (v && !ul_ynode_is_null(v)) {
			if (v->kind != UL_YMAP) {
				if (!rec.reject) {
					snprintf(reason, sizeof(reason),
						 "'fields' must be a mapping, not a %s",
						 ul_ykind_name(v->kind));
					rec.reject = reason;
				}
			} else {
				for (size_t p = 0; p < v->n; p++) {
					const struct ul_ynode *fv = v->pairs[p].value;
					if (fv->kind != UL_YSCALAR) {
						if (!rec.reject) {
							snprintf(reason, sizeof(reason),
								 "field '%.60s' must be text, not a %s",
								 v->pairs[p].key->str,
								 ul_ykind_name(fv->kind));
							rec.reject = reason;
						}
						continue;
					}
					if (!scalar(fv))
						continue;
					if (rec.nfields == fcap) {
						fcap = fcap ? fcap * 2 : 8;
						fields = ul_xreallocarray(fields, fcap, sizeof(*fields));
					}
					fields[rec.nfields].name = v->pairs[p].key->str;
					fields[rec.nfields++].value = fv->str;
				}
			}
		}
		rec.fields = fields;
		if (fn(ctx, &rec) < 0)
			goto done;
	}
	ret = 0;
done:
	free(tags);
	free(answers);
	free(fields);
	ul_ydoc_release(&doc);
	return ret;
}

/* entry points */

static bool
ends_with(const char *s, const char *suffix)
{
	size_t l = strlen(s), k = strlen(suffix);
	return l >= k && strcasecmp(s + l - k, suffix) == 0;
}

/* Whether text looks like results YAML: "utilab-results:" first. */
static bool
looks_yaml(const char *data, size_t len)
{
	size_t i = 0;

	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len) {
		size_t e = i;
		while (e < len && data[e] != '\n')
			e++;
		const char *l = data + i;
		size_t ll = e - i;
		while (ll && (*l == ' ' || *l == '\t'))
			l++, ll--;
		if (ll == 0 || *l == '#' || (ll >= 3 && memcmp(l, "---", 3) == 0) ||
		    (ll >= 5 && memcmp(l, "%YAML", 5) == 0)) {
			i = e + 1;
			continue;
		}
		return ll >= 15 && memcmp(l, "utilab-results:", 15) == 0;
	}
	return false;
}

static void
src_init(struct ul_rsource *src, const char *file)
{
	memset(src, 0, sizeof(*src));
	src->file = ul_xstrdup(file);
	src->format = ul_xstrdup("csv");
}

int
ul_results_read_mem(const char *file, const char *data, size_t len,
		    const struct ul_ropts *opts, ul_record_fn fn, void *ctx,
		    struct ul_rsource *src, struct ul_diags *diags)
{
	src_init(src, file);
	if (ends_with(file, ".yaml") || ends_with(file, ".yml") ||
	    looks_yaml(data, len))
		return read_yaml(data, len, fn, ctx, src, diags);
	if (len == 0) {
		ul_error(diags, src->file, 0, 0, "empty file: no header line");
		return -1;
	}
	FILE *fp = fmemopen((void *)data, len, "rb");
	if (!fp) {
		ul_diag_add(diags, UL_ERROR, UL_ESOFTWARE, src->file, 0, 0,
			    "cannot read: %s", strerror(errno));
		return -1;
	}
	int r = read_csv(fp, opts, fn, ctx, src, diags);
	fclose(fp);
	return r;
}

int
ul_results_read(const char *path, const struct ul_ropts *opts,
		ul_record_fn fn, void *ctx, struct ul_rsource *src,
		struct ul_diags *diags)
{
	const char *file = strcmp(path, "-") == 0 ? "<stdin>" : path;
	char head[4096];
	size_t n;
	FILE *fp;
	int r;

	if (strcmp(path, "-") == 0 || ends_with(path, ".yaml") ||
	    ends_with(path, ".yml")) {
		char *data;
		size_t len;
		src_init(src, file);
		if (ul_read_file(path, ul_ylimits_results.max_bytes, &data, &len) < 0)
			return ul_input_error(diags, src->file, errno,
					      ul_ylimits_results.max_bytes);
		ul_rsource_release(src);
		r = ul_results_read_mem(file, data, len, opts, fn, ctx, src, diags);
		free(data);
		return r;
	}
	src_init(src, file);
	if (!(fp = ul_input_fopen(path, UL_INPUT_MAX_STREAM)))
		return ul_input_error(diags, src->file, errno,
				      UL_INPUT_MAX_STREAM);
	n = fread(head, 1, sizeof(head), fp);
	if (looks_yaml(head, n)) {
		char *data;
		size_t len;
		fclose(fp);
		if (ul_read_file(path, ul_ylimits_results.max_bytes, &data, &len) < 0)
			return ul_input_error(diags, src->file, errno,
					      ul_ylimits_results.max_bytes);
		r = read_yaml(data, len, fn, ctx, src, diags);
		free(data);
		return r;
	}
	if (n == 0) {
		fclose(fp);
		ul_error(diags, src->file, 0, 0, "empty file: no header line");
		return -1;
	}
	rewind(fp);
	r = read_csv(fp, opts, fn, ctx, src, diags);
	fclose(fp);
	return r;
}

void
ul_rsource_release(struct ul_rsource *src)
{
	free(src->file);
	free(src->format);
	for (size_t i = 0; i < src->ndropped; i++)
		free(src->dropped[i]);
	free(src->dropped);
	for (size_t i = 0; i < src->nignored; i++)
		free(src->ignored[i]);
	free(src->ignored);
	memset(src, 0, sizeof(*src));
}

/* column mappings */

struct ul_rmap *
ul_rmap_load(const char *path, struct ul_diags *diags)
{
	static const char *const keys[] = {
		"utilab-map", "header-row", "columns", "defaults", "values",
	};
	struct ul_ydoc doc;
	struct ul_rmap *m = ul_xcalloc(1, sizeof(*m));
	const struct ul_ynode *root, *v;
	int errs = 0;
	const char *file;

	/* Diagnostics outlive the mapping: they name the caller's string. */
	file = strcmp(path, "-") == 0 ? "<stdin>" : path;
	if (ul_yaml_load(&doc, path, &ul_ylimits_definition, diags) < 0) {
		ul_ydoc_release(&doc);
		free(m);
		return NULL;
	}
	root = doc.root;
	if (!root || root->kind != UL_YMAP) {
		ul_error(diags, file, 1, 1, "a column mapping must be a mapping");
		errs++;
		goto done;
	}
	for (size_t i = 0; i < root->n; i++) {
		const struct ul_ynode *k = root->pairs[i].key;
		bool known = false;
		for (size_t t = 0; t < UL_NELEM(keys); t++)
			known |= strcmp(k->str, keys[t]) == 0;
		if (!known) {
			char hb[128];
			const char *s = ul_suggest_hint(k->str, keys, UL_NELEM(keys), hb, sizeof(hb));
			ul_error(diags, file, k->line, k->col, "unknown key '%s'%s",
				 k->str, s);
			errs++;
		}
	}
	v = ul_ymap_get(root, "utilab-map");
	if (!v || !scalar(v) || strcmp(v->str, "1") != 0) {
		ul_error(diags, file, v ? v->line : root->line, v ? v->col : root->col,
			 "expected 'utilab-map: 1'");
		errs++;
	}
	if ((v = ul_ymap_get(root, "header-row"))) {
		char *end;
		long n = scalar(v) ? strtol(v->str, &end, 10) : 0;
		if (!scalar(v) || *end || n < 1 || n > 100) {
			ul_error(diags, file, v->line, v->col,
				 "'header-row' must be a row number from 1 to 100");
			errs++;
		} else
			m->header_row = (int)n;
	}
	if ((v = ul_ymap_get(root, "columns"))) {
		if (v->kind != UL_YMAP) {
			ul_error(diags, file, v->line, v->col, "'columns' must be a mapping");
			errs++;
		}
		for (size_t i = 0; v->kind == UL_YMAP && i < v->n; i++) {
			const struct ul_ynode *k = v->pairs[i].key, *r = v->pairs[i].value;
			enum role role;
			const char *arg;
			if (!scalar(r) || role_parse(r->str, &role, &arg) < 0) {
				ul_error(diags, file, r->line, r->col,
					 "unknown role '%s' for column '%s' (roles: type serial "
					 "session table sequence stage text votes tags answers "
					 "workshop id date field:NAME drop ignore)",
					 scalar(r) ? r->str : "", k->str);
				errs++;
				continue;
			}
			m->cols = ul_xreallocarray(m->cols, m->ncols + 1, sizeof(*m->cols));
			m->cols[m->ncols].name = ul_xstrdup(k->str);
			m->cols[m->ncols].role = role;
			m->cols[m->ncols++].arg = arg ? ul_xstrdup(arg) : NULL;
		}
	}
	if ((v = ul_ymap_get(root, "defaults"))) {
		if (v->kind != UL_YMAP) {
			ul_error(diags, file, v->line, v->col, "'defaults' must be a mapping");
			errs++;
		}
		for (size_t i = 0; v->kind == UL_YMAP && i < v->n; i++) {
			const struct ul_ynode *k = v->pairs[i].key, *d = v->pairs[i].value;
			enum role role;
			const char *arg;
			if (role_parse(k->str, &role, &arg) < 0 ||
			    !(role == RO_TYPE || role == RO_SESSION || role == RO_TABLE ||
			      role == RO_SEQUENCE || role == RO_STAGE || role == RO_WORKSHOP)) {
				ul_error(diags, file, k->line, k->col,
					 "no default for '%s' (type, session, table, sequence, "
					 "stage or workshop)", k->str);
				errs++;
			} else if (!scalar(d)) {
				ul_error(diags, file, d->line, d->col,
					 "default '%s' must be text", k->str);
				errs++;
			} else {
				free(m->defaults[role]);
				m->defaults[role] = ul_xstrdup(d->str);
			}
		}
	}
	if ((v = ul_ymap_get(root, "values"))) {
		if (v->kind != UL_YMAP) {
			ul_error(diags, file, v->line, v->col, "'values' must be a mapping");
			errs++;
		}
		for (size_t i = 0; v->kind == UL_YMAP && i < v->n; i++) {
			const struct ul_ynode *k = v->pairs[i].key, *vm = v->pairs[i].value;
			enum role role;
			const char *arg;
			if (role_parse(k->str, &role, &arg) < 0 || vm->kind != UL_YMAP) {
				ul_error(diags, file, k->line, k->col,
					 "'values' takes a role and a mapping of values ('%s')",
					 k->str);
				errs++;
				continue;
			}
			for (size_t p = 0; p < vm->n; p++) {
				if (!scalar(vm->pairs[p].value)) {
					ul_error(diags, file, vm->pairs[p].value->line,
						 vm->pairs[p].value->col, "a value must be text");
					errs++;
					continue;
				}
				m->values = ul_xreallocarray(m->values, m->nvalues + 1,
							     sizeof(*m->values));
				m->values[m->nvalues].role = role;
				m->values[m->nvalues].from = ul_xstrdup(vm->pairs[p].key->str);
				m->values[m->nvalues++].to = ul_xstrdup(vm->pairs[p].value->str);
			}
		}
	}
done:
	ul_ydoc_release(&doc);
	if (errs) {
		ul_rmap_free(m);
		return NULL;
	}
	return m;
}

void
ul_rmap_free(struct ul_rmap *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->ncols; i++) {
		free(m->cols[i].name);
		free(m->cols[i].arg);
	}
	free(m->cols);
	for (size_t i = 0; i < m->nvalues; i++) {
		free(m->values[i].from);
		free(m->values[i].to);
	}
	free(m->values);
	for (size_t i = 0; i < UL_NELEM(m->defaults); i++)
		free(m->defaults[i]);
	free(m);
}
