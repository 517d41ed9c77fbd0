/* SPDX-License-Identifier: ISC */
/*
 * Tables of results: what every tabular reader shares, whether its rows
 * come from a CSV (lib/results-csv.c) or a spreadsheet. The header row
 * becomes column roles (the dialect's first, then the user's mapping on
 * top); each row becomes one struct ul_record, its strings carved from one
 * scratch buffer so that a row costs no allocation once the buffers have
 * grown. Personal columns get the role "drop" and their cells are never
 * looked at. Part of the results readers (lib/results-int.h); knows
 * nothing of the bytes of any file format, nor of workshops.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

#include "intl.h"
#include "nfc.h"
#include "results-int.h"

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
keep(struct rtable *r, const char *s, size_t len)
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
	size_t room = r->scratch.cap - r->scratch.len;
	size_t n = ul_nfc_quick(s, len) ? (size_t)-1 : ul_nfc(s, len, p, room);
	if (n >= room) {
		/* Already NFC (or, never, no room): as it is. */
		memcpy(p, s, len);
		n = len;
	}
	p[n] = '\0';
	r->scratch.len += n + 1;
	return p;
}

/* Text of a parsed HTML tree, words separated where blocks are. */
struct htmltext {
	char *out, *o, *end;
};

static void
html_add(struct htmltext *h, const char *s)
{
	for (; *s && h->o < h->end; s++) {
		/* A no-break space (U+00A0) is a space, as blanks are one. */
		bool nbsp = (unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xa0;
		if (nbsp || isspace((unsigned char)*s)) {
			s += nbsp;
			if (h->o > h->out && h->o[-1] != ' ')
				*h->o++ = ' ';
		} else
			*h->o++ = *s;
	}
}

static void
html_walk(struct htmltext *h, xmlNode *n)
{
	static const char *const blocks[] = {
		"p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5",
		"h6", "tr", "td", "th", "blockquote", "pre", "hr", "table",
	};
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			html_add(h, (const char *)n->content);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const char *name = (const char *)n->name;
		if (strcmp(name, "script") == 0 || strcmp(name, "style") == 0)
			continue;
		bool block = false;
		for (size_t k = 0; k < UL_NELEM(blocks) && !block; k++)
			block = strcmp(name, blocks[k]) == 0;
		if (block)
			html_add(h, " ");
		html_walk(h, n->children);
		if (block)
			html_add(h, " ");
	}
}

/*
 * The text of an HTML cell (Decidim, Miro): parsed by libxml2's HTML
 * parser, so that every entity (&rsquo; &eacute; &#233;), tag and comment
 * is read as a browser would; block elements separate words.
 */
static const char *
strip_html(struct rtable *r, const char *s)
{
	size_t len = strlen(s);
	char *out = r->scratch.s + r->scratch.len;
	struct htmltext h = { out, out, out + (r->scratch.cap - r->scratch.len) - 1 };

	if (!strpbrk(s, "<&"))
		html_add(&h, s);	/* no markup: blanks still collapse */
	else {
		htmlDocPtr doc = htmlReadMemory(s, (int)len, NULL, "UTF-8",
						HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
						HTML_PARSE_NONET | HTML_PARSE_NOBLANKS);
		if (doc) {
			html_walk(&h, xmlDocGetRootElement(doc));
			xmlFreeDoc(doc);
		}
	}
	while (h.o > out && h.o[-1] == ' ')
		h.o--;
	*h.o = '\0';
	/* Entities may spell decomposed accents: the text in NFC, after. */
	size_t room = (size_t)(h.end - h.o);
	size_t n = ul_nfc_quick(out, (size_t)(h.o - out)) ? (size_t)-1 :
	    ul_nfc(out, (size_t)(h.o - out), h.o + 1, room);
	if (n < room) {
		memmove(out, h.o + 1, n + 1);
		h.o = out + n;
	}
	r->scratch.len += (size_t)(h.o - out) + 1;
	return h.o == out ? NULL : out;
}

/*
 * Add s to a record's list unless it is there: Kobo writes a multiple
 * choice twice, as a list ("logement mobilite") and as one 0/1 column per
 * choice, and a tag read twice must not be written twice (the quarantine).
 */
static void
push(const char ***v, size_t *n, size_t *cap, const char *s)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*v)[i], s) == 0)
			return;
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		*v = ul_xreallocarray(*v, *cap, sizeof(**v));
	}
	(*v)[(*n)++] = s;
}

/* Split a list cell on '|' (or ',' when there is no '|'; or spaces for Kobo). */
static void
split(struct rtable *r, const char *cell, const char ***v, size_t *n,
      size_t *cap)
{
	/* Drupal 8 Webform joins a multiple choice with ';'. */
	char sep = strchr(cell, '|') ? '|' : strchr(cell, ',') ? ',' :
	    strchr(cell, ';') ? ';' : r->dialect->space_lists ? ' ' : '\0';
	const char *p = cell;

	for (;;) {
		const char *e = sep ? strchr(p, sep) : NULL;
		size_t len = e ? (size_t)(e - p) : strlen(p);
		char *item = keep(r, p, len);
		if (item)
			push(v, n, cap, item);
		if (!e)
			break;
		p = e + 1;
	}
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

const char *
rtable_session_of(const char *s, bool month_first, char buf[11])
{
	int a, b, y, m, d;
	char tail;

	if (iso_date(s)) {
		memcpy(buf, s, 10);
		buf[10] = '\0';
		return buf;
	}
	/* d/m/Y (or m/d/Y), then nothing, a space or " - H:i". */
	if (sscanf(s, "%2d/%2d/%4d%c", &a, &b, &y, &tail) < 3 || y < 1900 || y > 9999)
		return NULL;
	if (strlen(s) > 10 && s[strspn(s, "0123456789/")] != ' ')
		return NULL;
	if (a > 12 || (!month_first && b <= 12)) {
		d = a;
		m = b;
	} else {
		m = a;
		d = b;
	}
	if (m < 1 || m > 12 || d < 1 || d > 31)
		return NULL;
	snprintf(buf, 11, "%04d-%02d-%02d", y, m, d);
	return buf;
}

void
rtable_init(struct rtable *r, const struct ul_ropts *opts, struct ul_rsource *src,
	    struct ul_diags *diags)
{
	memset(r, 0, sizeof(*r));
	r->opts = opts;
	r->src = src;
	r->diags = diags;
	ul_buf_init(&r->scratch);
}

void
rtable_release(struct rtable *r)
{
	for (size_t i = 0; i < r->nh; i++)
		free(r->hdr[i]);
	free(r->hdr);
	free(r->cols);
	free(r->tags);
	free(r->answers);
	free(r->texts);
	free(r->fields);
	for (size_t i = 0; r->groups && i < r->ngroups; i++)
		free(r->groups[i]);
	free(r->groups);
	ul_buf_release(&r->scratch);
}

/* A column no role claimed: listed, and in the utilab layout a warning. */
static void
note_ignored(struct rtable *r, const char *h)
{
	static const char *const known[] = {
		"type", "serial", "session", "table", "sequence", "stage", "text",
		"votes", "tags", "answers", "workshop",
	};
	char hb[128];

	list_add(&r->src->ignored, &r->src->nignored, h);
	if (r->dialect != &ul_dialect_utilab_def || r->opts->map)
		return;
	const char *s = ul_suggest_hint(h, known, UL_NELEM(known), hb, sizeof(hb));
	ul_warning(r->diags, r->src->file, r->hdr_line, 0,
		   "unknown column '%s' ignored%s", h, s);
}

static void
set_roles(struct rtable *r)
{
	char **groups = NULL;

	if (r->groups) {
		/*
		 * As wide as the header: a spreadsheet's row above stops at its
		 * last name, and that question's options run on to the right.
		 */
		groups = ul_xcalloc(r->nh + 1, sizeof(*groups));
		for (size_t i = 0; i < r->nh; i++)
			groups[i] = i < r->ngroups ? r->groups[i] :
			    r->ngroups ? r->groups[r->ngroups - 1] : NULL;
	}
	struct dialect_header dh = { .names = r->hdr, .n = r->nh, .opts = r->opts,
				     .hxl = r->hxl, .groups = groups };

	r->cols = ul_xcalloc(r->nh ? r->nh : 1, sizeof(*r->cols));
	if (r->dialect->prepare)
		r->dialect->prepare(&dh);
	r->month_first = dh.month_first;
	for (size_t i = 0; i < r->nh; i++) {
		const char *h = r->hdr[i];
		struct col *c = &r->cols[i];
		r->dialect->column(&dh, i, c);
		/* The user's mapping has the last word, personal columns included. */
		rmap_column(r->opts->map, h, c);
		if (c->role == RO_DROP) {
			r->personal = true;
			list_add(&r->src->dropped, &r->src->ndropped, h);
			ul_diag_add(r->diags, UL_NOTE, UL_EDATA, r->src->file,
				    r->hdr_line, 0, "personal column '%s' dropped", h);
		} else if (c->role == RO_IGNORE)
			note_ignored(r, h);
	}
	free(groups);	/* the pointers it held are r->groups' */
	/*
	 * The quarantine's own layout (source and reason columns): its
	 * records stand for the ones first read at their source, and its
	 * cells were guarded against spreadsheet formulas.
	 */
	bool origin = false, reason = false;
	for (size_t i = 0; i < r->nh; i++) {
		origin |= r->cols[i].role == RO_ORIGIN;
		reason |= strcmp(r->hdr[i], "reason") == 0;
	}
	r->quarantine = origin && reason;
	for (size_t i = 0; i < r->nh && !r->quarantine; i++)
		if (r->cols[i].role == RO_ORIGIN)
			r->cols[i].role = RO_SILENT;
	r->def_type = r->dialect->default_type;
	if (r->dialect->table_is_name)
		r->def_table = r->dialect->name;
}

const struct ul_rmap *
rtable_choose_map(const struct ul_ropts *opts, const char *file,
		  int (*fit)(void *, const struct ul_rmap *, const char **), void *arg,
		  struct ul_diags *diags)
{
	const struct ul_rmap *best = NULL;
	const char **missing = ul_xcalloc(opts->nmaps + 1, sizeof(*missing));
	int bestn = -1;

	for (size_t k = 0; k < opts->nmaps; k++) {
		int n = fit(arg, opts->maps[k], &missing[k]);
		if (n > bestn) {
			bestn = n;
			best = opts->maps[k];
		}
	}
	for (size_t k = 0; !best && k < opts->nmaps; k++)
		ul_diag_add(diags, UL_NOTE, UL_EDATA, file, 0, 0,
			    missing[k] ? N_("mapping '%s' does not fit: no column '%s'") :
			    N_("mapping '%s' does not fit: no header found%s"),
			    ul_rmap_file(opts->maps[k]), missing[k] ? missing[k] : "");
	free(missing);
	return best;
}

void
rtable_keep_groups(struct rtable *r, char *const *cells, size_t n)
{
	const char *cur = NULL;

	r->groups = ul_xcalloc(n + 1, sizeof(*r->groups));
	/* The first cell is "Submission Details" itself, not a question. */
	for (size_t i = 1; i < n; i++) {
		if (cells[i][0])
			cur = cells[i];
		r->groups[i] = cur ? ul_xstrdup(cur) : NULL;
	}
	r->ngroups = n;
}

void
rtable_keep_header(struct rtable *r, char *const *cells, size_t n, int line)
{
	r->nh = n;
	r->hdr_line = line;
	r->hdr = ul_xcalloc(n ? n : 1, sizeof(*r->hdr));
	for (size_t i = 0; i < n; i++) {
		/* Headers in NFC too, so that a mapping's names match them. */
		char *h = ul_nfc_dup(cells[i]);
		if (!h)
			h = ul_xstrdup(cells[i]);
		size_t l = strlen(h);
		while (l > 0 && isspace((unsigned char)h[l - 1]))
			h[--l] = '\0';
		r->hdr[i] = h;
	}
}

int
rtable_header(struct rtable *r, char *const *cells, size_t n, int line,
	      enum ul_dialect forced)
{
	const struct ul_rmap *m = r->opts->map;

	if (cells)
		rtable_keep_header(r, cells, n, line);
	r->dialect = forced == UL_DIALECT_AUTO ? dialect_recognise(r->hdr, r->nh) :
	    dialect_get(forced);
	/* An HXL row under a header no other system claims: KoboToolbox's. */
	if (forced == UL_DIALECT_AUTO && r->hxl && r->dialect == &ul_dialect_utilab_def)
		r->dialect = &ul_dialect_kobo_def;
	free(r->src->format);
	r->src->format = ul_xstrdup(m ? "map" : r->dialect == &ul_dialect_utilab_def ?
				    "csv" : r->dialect->name);
	set_roles(r);
	if (r->dialect == &ul_dialect_utilab_def && !m) {
		bool text = false;
		for (size_t i = 0; i < r->nh; i++)
			text |= r->cols[i].role == RO_TEXT || r->cols[i].role == RO_TYPE;
		if (!text) {
			ul_error(r->diags, r->src->file, r->hdr_line, 0,
				 "header has neither 'type' nor 'text': not a results CSV "
				 "(a form export? see -F and -m)");
			return -1;
		}
	}
	return 0;
}

bool
rtable_title_row(char *const *cells, const size_t *len, size_t n,
		 const struct ul_ropts *opts)
{
	bool title = n > 0 && len[0] > 0;
	struct col named;

	/* A column the mapping names is a header, however alone. */
	if (title && opts->map && rmap_column(opts->map, cells[0], &named))
		return false;
	for (size_t i = 1; i < n; i++)
		title &= len[i] == 0;
	return title && opts->dialect != UL_DIALECT_UTILAB &&
	    !(n == 1 && opts->dialect == UL_DIALECT_AUTO &&
	      (strcmp(cells[0], "text") == 0 || strcmp(cells[0], "type") == 0));
}

bool
rtable_details_row(char *const *cells, size_t n)
{
	/*
	 * Webform's label, its form key, and its French translation (Webform's
	 * own translations/fr.po: "Détails de la soumission ", a space at the
	 * end), folded: case, accents and spaces aside.
	 */
	static const char *const details[] = {
		"submission details", "details de la soumission", "details de soumission",
	};
	if (n == 0)
		return false;
	char *f = ul_fold(cells[0]);
	bool found = false;
	for (size_t k = 0; k < UL_NELEM(details) && !found; k++)
		found = strcmp(f, details[k]) == 0;
	free(f);
	return found;
}

/* An HXL hashtag with its attributes: #loc+name, #indicator +diet. */
static bool
hxl_tag(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && s[i] == ' ')
		i++;
	if (i >= len || s[i] != '#')
		return false;
	for (;;) {
		i++;	/* past '#' or '+' */
		if (i >= len || !isalpha((unsigned char)s[i]))
			return false;
		while (i < len && (isalnum((unsigned char)s[i]) || s[i] == '_'))
			i++;
		while (i < len && s[i] == ' ')
			i++;
		if (i == len)
			return true;
		if (s[i] != '+')
			return false;
	}
}

bool
rtable_hxl_row(char *const *cells, const size_t *len, size_t n)
{
	size_t tags = 0;

	for (size_t i = 0; i < n; i++) {
		if (len[i] == 0)
			continue;
		if (!hxl_tag(cells[i], len[i]))
			return false;
		tags++;
	}
	return tags > 0;
}

bool
rtable_skip_row(struct rtable *r, char *const *cells, const size_t *len, size_t n,
		int line)
{
	if (!rtable_hxl_row(cells, len, n))
		return false;
	r->hxl = true;
	r->src->header_rows++;
	ul_diag_add(r->diags, UL_NOTE, UL_EDATA, r->src->file, line, 0,
		    "HXL hashtag row skipped: a header line, not a record");
	return true;
}

/* What a row holds beyond the record itself, read once all cells are in. */
struct rowextra {
	const char *date, *color, *body;
	size_t ntext;
	char reason[160];
};

static void
add_field(struct rtable *r, struct ul_record *rec, const char *name, const char *v)
{
	if (rec->nfields == r->fcap) {
		r->fcap = r->fcap ? r->fcap * 2 : 8;
		r->fields = ul_xreallocarray(r->fields, r->fcap, sizeof(*r->fields));
	}
	r->fields[rec->nfields].name = name;
	r->fields[rec->nfields++].value = v;
}

/* A row-level role (draft flag, Miro item kind) that may reject the row. */
static void
row_filter(const struct col *col, const char *v, struct ul_record *rec,
	   struct rowextra *x)
{
	if (rec->reject)
		return;
	if (col->role == RO_DRAFT && strcmp(v, "0") != 0)
		rec->reject = _("draft submission (never submitted)");
	else if (col->role == RO_MIROTYPE && strcmp(v, "sticky_note") != 0) {
		snprintf(x->reason, sizeof(x->reason),
			 _("Miro item of type '%.*s' is not a sticky note"), UL_CUT(v, 60));
		rec->reject = x->reason;
	}
}

static void
assign(struct rtable *r, const struct col *col, const char *v,
       struct ul_record *rec, struct rowextra *x)
{
	switch (col->role) {
	case RO_TYPE: rec->type = v; break;
	case RO_SERIAL: rec->serial = v; break;
	case RO_SESSION: rec->session = v; break;
	case RO_TABLE: rec->table = v; break;
	case RO_SEQUENCE: rec->sequence = v; break;
	case RO_STAGE: rec->stage = v; break;
	case RO_VOTES: rec->votes = v; break;
	case RO_WORKSHOP: rec->workshop = v; break;
	case RO_SOURCEID: rec->source_id = v; break;
	case RO_ORIGIN: rec->origin = v; break;
	case RO_IMAGE: rec->image = v; break;
	case RO_VERSION: rec->version = v; break;
	case RO_DATE: x->date = v; break;
	case RO_COLOR: x->color = v; break;
	case RO_BODY: x->body = v; break;
	case RO_TEXT: push(&r->texts, &x->ntext, &r->xcap, v); break;
	case RO_TAGS: split(r, v, &r->tags, &rec->ntags, &r->tcap); break;
	case RO_ANSWERS: split(r, v, &r->answers, &rec->nanswers, &r->acap); break;
	case RO_FIELD: add_field(r, rec, col->arg, v); break;
	case RO_ATTR: rec->attr[ul_rattr_lookup(col->arg)] = v; break;
	case RO_TAGCHOICE:
		/* Kobo writes 0/1, spreadsheets TRUE, Webform 7 an X. */
		if (strcmp(v, "1") == 0 || strcasecmp(v, "true") == 0 || strcmp(v, "X") == 0)
			push(&r->tags, &rec->ntags, &r->tcap, col->arg);
		break;
	case RO_DRAFT:
	case RO_MIROTYPE:
		row_filter(col, v, rec, x);
		break;
	default:
		break;
	}
}

/* Several text columns (Decidim's title and body): one text. */
static const char *
join_texts(struct rtable *r, size_t n)
{
	char *j = r->scratch.s + r->scratch.len, *o = j;

	for (size_t k = 0; k < n; k++) {
		if (k) {
			memcpy(o, " — ", 5);
			o += 5;
		}
		size_t l = strlen(r->texts[k]);
		memcpy(o, r->texts[k], l);
		o += l;
	}
	*o = '\0';
	r->scratch.len += (size_t)(o - j) + 1;
	return j;
}

/* The type of a write-in deck's cards, from a serial's prefix ("fri 7"), or NULL. */
static const char *
prefix_type(const struct ul_ropts *o, const char *serial)
{
	for (size_t k = 0; k < o->nprefixes; k++) {
		size_t l = strlen(o->prefixes[k]);
		if (strncasecmp(serial, o->prefixes[k], l) == 0 &&
		    !isalpha((unsigned char)serial[l]))
			return o->prefix_types[k];
	}
	return NULL;
}

/* What the row lacks: from the mapping's defaults, then the dialect's. */
static void
fill_defaults(struct rtable *r, struct ul_record *rec, const struct rowextra *x)
{
	const struct ul_rmap *m = r->opts->map;

	if (x->color && !rec->type)
		rec->type = rmap_value(m, RO_TYPE, x->color) != x->color ?
		    rmap_value(m, RO_TYPE, x->color) : miro_type(x->color);
	char day[11];
	if (!rec->session && x->date && (r->dialect->slash_dates || iso_date(x->date)) &&
	    rtable_session_of(x->date, r->month_first, day))
		rec->session = keep(r, day, 10);
	if (!rec->type && rec->serial)
		rec->type = prefix_type(r->opts, rec->serial);
	if (!rec->type)
		rec->type = rmap_default(m, RO_TYPE) ? rmap_default(m, RO_TYPE) : r->def_type;
	if (!rec->table)
		rec->table = rmap_default(m, RO_TABLE) ? rmap_default(m, RO_TABLE) : r->def_table;
	if (!m)
		return;
	static const enum role dr[] = { RO_SESSION, RO_SEQUENCE, RO_STAGE, RO_WORKSHOP };
	const char **slot[] = { &rec->session, &rec->sequence, &rec->stage, &rec->workshop };
	for (size_t k = 0; k < UL_NELEM(dr); k++)
		if (!*slot[k])
			*slot[k] = rmap_default(m, dr[k]);
	rec->type = rmap_value(m, RO_TYPE, rec->type);
	rec->sequence = rmap_value(m, RO_SEQUENCE, rec->sequence);
	rec->stage = rmap_value(m, RO_STAGE, rec->stage);
	rec->table = rmap_value(m, RO_TABLE, rec->table);
	rec->session = rmap_value(m, RO_SESSION, rec->session);
}

int
rtable_row(struct rtable *r, char *const *cells, const size_t *len, size_t n,
	   int line, const char *reject, ul_record_fn fn, void *ctx)
{
	struct ul_record rec;
	struct rowextra x;
	size_t total = 0;

	memset(&rec, 0, sizeof(rec));
	memset(&x, 0, sizeof(x));
	rec.file = r->src->file;
	rec.line = line;
	rec.reject = reject;
	for (size_t i = 0; i < n; i++)
		total += len[i] + 2;
	ul_buf_reset(&r->scratch);
	/*
	 * Every string of the record is carved from the scratch, which must
	 * not move meanwhile: cells are copied once (NFC may triple a text),
	 * stripped of markup once, split once and joined once, so eight times
	 * the record is enough.
	 */
	ul_buf_grow(&r->scratch, 8 * total + 4096);
	if (!reject && n != r->nh) {
		snprintf(x.reason, sizeof(x.reason),
			 _("ragged row: %zu fields where the header has %zu"), n, r->nh);
		rec.reject = x.reason;
	}
	/*
	 * A row that lost its shape (ragged, an unterminated quote that ran
	 * over the next rows) holds cells in other columns than their own:
	 * where a column is personal, none of them can be read safely.
	 */
	if (rec.reject && r->personal)
		n = 0;
	for (size_t i = 0; i < n && i < r->nh; i++) {
		const struct col *col = &r->cols[i];
		if (col->role <= RO_DROP)
			continue;
		const char *v = keep(r, cells[i], len[i]);
		if (v && r->dialect->formula_quoted && v[0] == '\'' && v[1] &&
		    strchr("=+-@", v[1]))
			v++;
		if (v && col->html)
			v = strip_html(r, v);
		/* Undo ul_report_csv_cell's guard: "'=1+1" was "=1+1". */
		if (v && r->quarantine && v[0] == '\'' && v[1] && strchr("=+-@\t\r'", v[1]))
			v++;
		if (v)
			assign(r, col, v, &rec, &x);
	}
	if (x.body)
		push(&r->texts, &x.ntext, &r->xcap, x.body);
	if (x.ntext == 1)
		rec.text = r->texts[0];
	else if (x.ntext > 1)
		rec.text = join_texts(r, x.ntext);
	/* The lists may have moved while growing. */
	rec.tags = r->tags;
	rec.answers = r->answers;
	rec.fields = r->fields;
	if (n || !reject)
		fill_defaults(r, &rec, &x);
	r->src->records++;
	return fn(ctx, &rec);
}
