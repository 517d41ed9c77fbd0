/* SPDX-License-Identifier: ISC */
/*
 * Card faces: owns the layout of every card (where the band, title, text,
 * lists, pictogram, QR code and footer go) and the checks that come with
 * it. Knows nothing of output formats, page labels or argv: it draws on
 * the cairo_t it is given, in millimetres (render.h).
 *
 * The grid, for a poker card (63 × 88 mm) and scaled with the card:
 * a colour band across the top that runs into the bleed, 5 mm margins
 * inside the trim, the body in between, and a footer strip at the bottom
 * holding the workshop/deck/card line and, when the deck has one, the QR
 * code in the bottom-right corner.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "card.h"
#include "icon.h"
#include "intl.h"
#include "layout.h"
#include "lang.h"
#include "qr.h"
#include "text.h"
#include "util.h"

/* Geometry of one face, in mm from the page's top-left corner. */
struct grid {
	double u;		/* scale of the card against a poker card */
	double fs;		/* scale of type sizes */
	double pw, ph;		/* page */
	double x0, y0, x1, y1;	/* trim */
	double m;		/* margin inside the trim */
	double band;		/* band bottom */
	double floor;		/* body text floor, pt */
};

static double
floor_q(double v)
{
	return floor(v * 4 + 1e-9) / 4;
}

static void
grid_for(const struct ul_render *r, const struct ul_deck *d, struct grid *g)
{
	double w = d->size.w > 0 ? d->size.w : 63;
	double h = d->size.h > 0 ? d->size.h : 88;

	g->u = fmin(w / 63, h / 88);
	if (g->u < 0.85)
		g->u = 0.85;
	g->fs = g->u < 1 ? 1 : sqrt(g->u);
	/* Margins and bands grow with the card, but not in proportion. */
	if (g->u > 1.3)
		g->u = 1.3;
	g->pw = w + 2 * r->bleed;
	g->ph = h + 2 * r->bleed;
	g->x0 = r->bleed;
	g->y0 = r->bleed;
	g->x1 = r->bleed + w;
	g->y1 = r->bleed + h;
	g->m = 5 * g->u;
	g->band = g->y0 + 17 * g->u;
	/* 10 pt on poker cards, larger on larger cards. */
	g->floor = round(10 * g->fs * 2) / 2;
}

void
ul_card_page_size(const struct ul_render *r, const struct ul_deck *d,
		  double *w, double *h)
{
	struct grid g;

	grid_for(r, d, &g);
	*w = g.pw;
	*h = g.ph;
}

static struct ul_color
deck_color(const struct ul_render *r, const struct ul_deck *d)
{
	return ul_render_accent(r, &d->color);
}

static struct ul_color
ink(const struct ul_render *r)
{
	return ul_render_ink(r);
}

static struct ul_color
paper(const struct ul_render *r)
{
	return ul_render_paper(r);
}

static struct ul_pos
pos_or(struct ul_pos a, struct ul_pos b)
{
	return a.line ? a : b;
}

/*
 * Which languages the face about to be drawn prints (r->face_lang,
 * r->face_second): a front or a deck's back prints the model's texts,
 * with the second language of 'langs' under them when the deck says
 * 'under' (a write-in deck also when it says 'back': people write on the
 * front, so its labels must be read there); a card's own back
 * ('bilingual: back') prints the second language alone.
 */
static void
face_langs(struct ul_render *r, const struct ul_deck *d, bool back)
{
	enum ul_bilingual m = ul_deck_bilingual(r->ws, d);

	r->face_lang = back ? 1 : 0;
	r->face_second = !back && (m == UL_BILINGUAL_UNDER ||
		(m == UL_BILINGUAL_BACK && d->kind == UL_DECK_WRITEIN)) ? 1 : -1;
}

/* A text of the model in the face's language. */
static const char *
first(const struct ul_render *r, const char *s)
{
	return s && r->face_lang > 0 ?
	       ul_workshop_text(r->ws, s, (size_t)r->face_lang) : s;
}

/*
 * The same text in the language printed under it; NULL when the face is
 * in one language, or when s was written once for every language.
 */
static const char *
second(const struct ul_render *r, const char *s)
{
	const char *t;

	if (!s || r->face_second < 0)
		return NULL;
	t = ul_workshop_text(r->ws, s, (size_t)r->face_second);
	return t == s || strcmp(t, s) == 0 ? NULL : t;
}

/* A style for a text in language l: its direction, no French typography. */
static struct ul_text_style
lang_style(const struct ul_lang *l, struct ul_text_style st)
{
	st.rtl = l && l->rtl;
	/* Arabic fonts are tall: their own line height is generous enough */
	if (st.rtl)
		st.spacing = 0.85;
	st.raw = true;
	st.italic = false;	/* Arabic has no italic: keep the upright face */
	return st;
}

static struct ul_text_style
second_style(const struct ul_render *r, struct ul_text_style st)
{
	return lang_style(r->ws->languages[r->face_second > 0 ?
					   r->face_second : 1], st);
}

/* The face's own style: the kit language's, or its language's on a back. */
static struct ul_text_style
face_style(const struct ul_render *r, struct ul_text_style st)
{
	return r->face_lang > 0 ?
	       lang_style(r->ws->languages[r->face_lang], st) : st;
}

/* Checks on one piece of user text: glyphs and FALC sentence length. */
static int
check_text(struct ul_render *r, const char *s, struct ul_pos pos,
	   const char *what)
{
	int rc = 0;

	uint32_t first = 0;
	size_t n = ul_text_missing(r->text, s, &first);

	if (n) {
		char u[5] = { 0 };
		char *q = u;
		/* encode the character for the message */
		if (first < 0x80) {
			*q = (char)first;
		} else if (first < 0x800) {
			q[0] = (char)(0xC0 | first >> 6);
			q[1] = (char)(0x80 | (first & 0x3F));
		} else if (first < 0x10000) {
			q[0] = (char)(0xE0 | first >> 12);
			q[1] = (char)(0x80 | (first >> 6 & 0x3F));
			q[2] = (char)(0x80 | (first & 0x3F));
		} else {
			q[0] = (char)(0xF0 | first >> 18);
			q[1] = (char)(0x80 | (first >> 12 & 0x3F));
			q[2] = (char)(0x80 | (first >> 6 & 0x3F));
			q[3] = (char)(0x80 | (first & 0x3F));
		}
		/* it would print as an empty box: never a silent exit 0 */
		if (n == 1)
			rc = ul_error(r->diags, r->file, pos.line, pos.col,
				      "%s: no bundled font has U+%04X '%s'",
				      what, (unsigned)first, u);
		else
			rc = ul_error(r->diags, r->file, pos.line, pos.col,
				      "%s: no bundled font has U+%04X '%s' "
				      "nor %zu other characters", what,
				      (unsigned)first, u, n - 1);
	}

	/* FALC (easy to read): sentences of at most 15 words. */
	int words = 0, longest = 0;
	bool inword = false;
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == ' ' || c == '\n' || c == '\t') {
			inword = false;
		} else if (c == '.' || c == '!' || c == '?' || c == ';') {
			if (words > longest)
				longest = words;
			words = 0;
			inword = false;
		} else if (!inword && c != '*' && c != '-' && c != ':' &&
			   c != ',') {
			inword = true;
			words++;
		}
	}
	if (words > longest)
		longest = words;
	if (longest > 15)
		ul_diag_add(r->diags, UL_NOTE, UL_EDATA, r->file, pos.line,
			    pos.col, "%s: a sentence of %d words (easy-to-read "
			    "FALC guidelines: at most 15)", what, longest);
	return rc;
}

/* check_text on s and on its second language, if any. */
static int
check_texts(struct ul_render *r, const char *s, struct ul_pos pos,
	    const char *what)
{
	const char *t = second(r, s);
	int rc = check_text(r, s, pos, what);

	if (t && check_text(r, t, pos, what) != 0)
		rc = -1;
	return rc;
}

/* Report a text that did not fit, or that had to shrink a lot. */
static int
report_fit(struct ul_render *r, int rc, const struct ul_text_fit *fit,
	   double floor, struct ul_pos pos, const char *what)
{
	if (rc != 0)
		return ul_error(r->diags, r->file, pos.line, pos.col,
				"%s does not fit: it overflows by %.1f mm even at "
				"the %g pt floor", what, fit->overflow, floor);
	if (fit->shrunk && fit->size < 12)
		ul_warning(r->diags, r->file, pos.line, pos.col,
			   "%s: text shrunk to %g pt to fit, under 12 pt: too "
			   "small for many readers", what, fit->size);
	return 0;
}

static void
band(cairo_t *cr, const struct grid *g, const struct ul_color *c)
{
	/* From the page's top edge: the colour runs off the trim. */
	ul_render_set_color(cr, c);
	cairo_rectangle(cr, 0, 0, g->pw, g->band);
	cairo_fill(cr);
}

/* FNV-1a over a string and its NUL, so that fields never run together. */
static uint64_t
fnv(uint64_t h, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	do {
		h ^= *p;
		h *= UINT64_C(0x100000001b3);
	} while (*p++);
	return h;
}

static uint64_t
fnv_num(uint64_t h, double v)
{
	char b[32];
	snprintf(b, sizeof(b), "%.3f", v);
	return fnv(h, b);
}

void
ul_card_deck_version(const struct ul_workshop *ws, const struct ul_deck *d,
		     char *buf, size_t size)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);

	/* What the cards print, and nothing that does not change them. */
	h = fnv(h, ws->title);
	h = fnv(h, ws->lang);
	h = fnv(h, ws->theme.font);
	h = fnv(h, ws->theme.color.text);
	h = fnv(h, ws->theme.ink.text);
	h = fnv(h, ws->theme.paper.text);
	h = fnv(h, d->id);
	h = fnv(h, d->title);
	h = fnv(h, ul_deck_kind_name(d->kind));
	h = fnv_num(h, d->size.w);
	h = fnv_num(h, d->size.h);
	h = fnv(h, d->color.text);
	h = fnv(h, d->prefix);
	h = fnv(h, ul_qr_template(ws, &d->qr));
	/* a deck with its own backs prints otherwise (not hashed else: stable) */
	if (ul_deck_back_faces(ws, d))
		h = fnv(h, "bilingual: back");
	for (size_t i = 0; i < d->nfields; i++) {
		h = fnv(h, d->fields[i].id);
		h = fnv(h, d->fields[i].label);
		h = fnv_num(h, d->fields[i].lines);
		h = fnv_num(h, d->fields[i].scale);
		/* absent from decks without ticks, whose stamps stay as they were */
		for (size_t k = 0; k < d->fields[i].ticks.n; k++)
			h = fnv(h, d->fields[i].ticks.v[k]);
		if (d->fields[i].choose_one)
			h = fnv_num(h, 1);
	}
	for (size_t i = 0; i < d->ncards; i++) {
		const struct ul_card *c = &d->cards[i];
		h = fnv(h, c->id);
		h = fnv(h, c->title);
		h = fnv(h, c->text);
		h = fnv(h, c->icon);
		for (size_t k = 0; k < c->questions.n; k++)
			h = fnv(h, c->questions.v[k]);
		for (size_t k = 0; k < c->goals.n; k++)
			h = fnv(h, c->goals.v[k]);
		for (size_t k = 0; k < c->frustrations.n; k++)
			h = fnv(h, c->frustrations.v[k]);
	}
	snprintf(buf, size, "%06x", (unsigned)((h ^ (h >> 32)) & 0xffffff));
}

/* The ink softened towards the paper, for small print: solid, so no transparency. */
static struct ul_color
soft_ink(const struct ul_render *r, char hex[8])
{
	struct ul_color in = ink(r), pa = paper(r);
	struct ul_color soft = { pa.r + (in.r - pa.r) * 0.78,
				 pa.g + (in.g - pa.g) * 0.78,
				 pa.b + (in.b - pa.b) * 0.78, hex };

	snprintf(hex, 8, "#%02X%02X%02X", (int)lround(soft.r * 255),
		 (int)lround(soft.g * 255), (int)lround(soft.b * 255));
	return soft;
}

/*
 * The commons line (authors, licence, source, version) of a card's own
 * back, small, in the room between the body and the footer, as the deck's
 * one back has it. Returns the room it takes (0 when the workshop gives
 * none of those).
 */
static double
commons_line(struct ul_render *r, cairo_t *cr, const struct grid *g,
	     double foot, bool report, struct ul_pos pos, const char *what, int *rc,
	     struct ul_layout *l)
{
	struct ul_text_style cs = face_style(r, (struct ul_text_style){
		.size = 5.5 * g->fs, .min_size = 4.5 * g->fs, .raw = true });
	struct ul_text_fit fit;
	struct ul_color pa = paper(r), soft;
	char *s = ul_commons_line(r->ws, NULL), hex[8];
	double x = g->x0 + g->m, w = g->x1 - g->m - x, y;

	if (!s)
		return 0;
	/* one line if it can, down to 4.5 pt; else it wraps */
	for (;;) {
		ul_text_fit(r->text, s, &cs, w, 0, &fit);
		if (fit.lines <= 1 || cs.size - 0.25 < cs.min_size)
			break;
		cs.size -= 0.25;
	}
	/* its bottom 0.4 mm above the footer's line */
	y = foot - 0.4 - fit.height;
	if (l) {
		struct ul_box *b = ul_layout_add(l, UL_BOX_FOOTER, x, y, w,
						 fit.height, -1, 0);
		ul_layout_ink(l, b, x, y, fit.ink_x, fit.ink_y, fit.ink_w,
			      fit.ink_h);
	}
	soft = soft_ink(r, hex);
	if (report) {
		*rc |= check_text(r, s, pos, what);
		*rc |= ul_render_check_contrast_text(r, &soft, &pa, fit.size,
						     false, pos, what);
	}
	ul_render_set_color(cr, &soft);
	ul_text_draw(r->text, cr, s, &cs, fit.size, x, y, w);
	free(s);
	return fit.height + 0.4;
}

/*
 * The footer line: "Workshop · Deck · id · vSTAMP", small, left of the
 * QR, on one line; the stamp (ul_card_deck_version) tells a card of this
 * printing from one of another. When even its floor size wraps, the
 * workshop goes, then the deck: the card's id and stamp always stay, and
 * never alone on a second line. Returns the top of the line.
 */
static double
footer(struct ul_render *r, cairo_t *cr, const struct grid *g,
       const struct ul_deck *d, const char *id, double right, bool report,
       int *rc, struct ul_layout *l)
{
	struct ul_text_style st = face_style(r, (struct ul_text_style){
		.size = 6.5 * g->fs, .raw = false });
	struct ul_text_fit fit;
	const char *dt = d->title ? first(r, d->title) : d->id;
	const char *wt = first(r, r->ws->title);
	char *cand[3];
	int nc = 0;
	double w = right - (g->x0 + g->m);
	double y;
	char *s = NULL;

	char version[8];
	ul_card_deck_version(r->ws, d, version, sizeof(version));
	/* the deck often bears the workshop's name: say it once */
	if (wt && strcmp(wt, dt) != 0)
		cand[nc++] = ul_xasprintf("%s · %s · %s · v%s", wt, dt, id,
					  version);
	cand[nc++] = ul_xasprintf("%s · %s · v%s", dt, id, version);
	cand[nc++] = ul_xasprintf("%s · v%s", id, version);
	st.min_size = 5 * g->fs;
	for (int i = 0; i < nc && !s; i++) {
		struct ul_text_style t = st;
		t.min_size = 0;
		ul_text_fit(r->text, cand[i], &t, w, 0, &fit);
		if (fit.lines > 1 || fit.overflow > 0.01) {
			/* the largest size that keeps it on one line */
			double lo = st.min_size, hi = st.size;
			t.size = lo;
			ul_text_fit(r->text, cand[i], &t, w, 0, &fit);
			if ((fit.lines > 1 || fit.overflow > 0.01) && i + 1 < nc)
				continue;
			while (hi - lo > 0.25) {
				double mid = (lo + hi) / 2;
				t.size = mid;
				ul_text_fit(r->text, cand[i], &t, w, 0, &fit);
				if (fit.lines > 1 || fit.overflow > 0.01)
					hi = mid;
				else
					lo = mid;
			}
			st.size = lo;
			t.size = lo;
			ul_text_fit(r->text, cand[i], &t, w, 0, &fit);
		}
		s = cand[i];
	}
	/* fit holds the layout of s at st.size: ul_text_draw reuses it */
	st.min_size = 0;
	y = g->y1 - g->m * 0.8 - fit.height;
	if (l) {
		/* the whole line: right-to-left text ends at its right */
		struct ul_box *b = ul_layout_add(l, UL_BOX_FOOTER, g->x0 + g->m, y,
						 w, fit.height, -1, 0);
		ul_layout_ink(l, b, g->x0 + g->m, y, fit.ink_x, fit.ink_y,
			      fit.ink_w, fit.ink_h);
	}
	{
		struct ul_color pa = paper(r);
		char hex[8];
		struct ul_color soft = soft_ink(r, hex);
		if (report)
			*rc |= ul_render_check_contrast_text(r, &soft, &pa,
				fit.size, false, d->pos, "card footer");
		ul_render_set_color(cr, &soft);
	}
	ul_text_draw(r->text, cr, s, &st, fit.size, g->x0 + g->m, y, w);
	for (int i = 0; i < nc; i++)
		free(cand[i]);
	return y;
}

/*
 * How long a prefix of url still fits the room: what the error can tell
 * the user to cut. Only on the error path, so a binary search of encodes
 * costs nothing that matters.
 */
static size_t
longest_fitting(const char *url, enum ul_qr_ecc ecc, double size, double room)
{
	size_t lo = 0, hi = strlen(url);
	char *buf = ul_xstrdup(url);

	while (lo < hi) {
		size_t mid = (lo + hi + 1) / 2;
		struct ul_qr_fit f;
		char c = buf[mid];
		buf[mid] = '\0';
		int ok = ul_qr_fit(buf, ecc, size, 0, room, &f) == 0;
		ul_qr_code_release(&f.code);
		buf[mid] = c;
		if (ok)
			lo = mid;
		else
			hi = mid - 1;
	}
	free(buf);
	return lo;
}

/*
 * The QR code in the bottom-right corner, sized from its payload
 * (ul_qr_fit): 21 mm on a poker card, larger when its modules would be
 * under 0.5 mm, up to `room` mm; the text then flows around it. Returns
 * the x where the footer must stop (the QR's blank area's left edge), or
 * the trim's right margin when there is no QR; *top is the blank area's
 * top edge.
 */
static double
qr_corner(struct ul_render *r, cairo_t *cr, const struct grid *g,
	  const struct ul_deck *d, const char *card, const char *serial,
	  bool report, struct ul_pos pos, const char *what, int *rc,
	  double *top, double room, struct ul_layout *l)
{
	const char *tmpl = ul_qr_template(r->ws, &d->qr);
	/* A write-in card's card is its serial: {card} works on every deck. */
	/* {lang}: the language the face is printed in (-L), else the kit's */
	char version[8];
	struct ul_qr_vars v = { r->ws->id, d->id, card ? card : serial, serial,
				r->ws->view ? r->ws->langs[r->ws->view] :
				r->lang, version };
	const char *why = NULL;
	char *url;
	double want = 21 * g->u, side;
	struct ul_color in = ink(r);
	struct ul_qr_fit fit;
	struct ul_qr_geom geom;
	struct ul_pos qp = d->qr.pos.line ? d->qr.pos : pos;
	int frc;

	*top = g->y1 - g->m * 1.6;
	if (!tmpl)
		return g->x1 - g->m;
	ul_card_deck_version(r->ws, d, version, sizeof(version));
	url = ul_qr_expand(tmpl, &v, &why);
	if (!url) {
		if (report)
			*rc = ul_error(r->diags, r->file, pos.line, pos.col,
				       "%s: QR code URL: %s", what, why);
		return g->x1 - g->m;
	}
	frc = ul_qr_fit(url, d->qr.ecc, d->qr.size, want, room, &fit);
	if (frc == -1) {
		if (report)
			*rc = ul_error(r->diags, r->file, qp.line, qp.col,
				       "QR payload of %s is too long (%zu bytes; "
				       "a code holds at most %d): shorten the "
				       "URL template", what, strlen(url),
				       UL_QR_MAX_BYTES);
		free(url);
		return g->x1 - g->m;
	}
	if (frc == -2) {
		if (report) {
			size_t len = strlen(url);
			/* about 1.3 bytes per module row gained, version to version */
			if (d->qr.size > 0 && fit.module < UL_QR_MIN_MODULE)
				*rc = ul_error(r->diags, r->file, qp.line, qp.col,
					"QR code of %s: at 'size: %gmm' its %d "
					"modules are %.2f mm, under the %.1f mm "
					"that scans: give it at least %.1f mm, "
					"or shorten the URL (%zu characters)",
					what, d->qr.size, fit.code.width,
					fit.module, UL_QR_MIN_MODULE,
					fit.code.width * UL_QR_MIN_MODULE, len);
			else if (d->qr.size > 0)
				/*
				 * The size asked for is too large for the
				 * card: the URL is not the cause, and the
				 * modules are not the smallest that scan.
				 */
				*rc = ul_error(r->diags, r->file, qp.line, qp.col,
					"QR code of %s does not fit: at 'size: "
					"%gmm' it needs %.1f mm with the quiet "
					"zone and the card has room for %.1f mm: "
					"give a smaller 'size', or choose a larger "
					"card 'size'", what, d->qr.size, fit.side,
					room);
			else {
				char by[48] = "";
				size_t fits = longest_fitting(url, d->qr.ecc,
							      d->qr.size, room);
				if (fits > 0 && fits < len)
					snprintf(by, sizeof(by), " by %zu "
						 "characters", len - fits);
				*rc = ul_error(r->diags, r->file, qp.line, qp.col,
					"QR code of %s does not fit: its URL (%zu "
					"characters) needs %.1f mm with the quiet "
					"zone (version %d, error correction %s, "
					"%.1f mm modules) and the card has room "
					"for %.1f mm: shorten the URL%s%s, choose "
					"a larger card 'size', or set 'qr: false'",
					what, len, d->qr.size > 0 ? fit.side :
					fit.need, fit.code.version,
					ul_qr_ecc_name(fit.code.ecc),
					UL_QR_MIN_MODULE, room, by,
					d->qr.ecc != UL_QR_ECC_AUTO &&
					d->qr.ecc != UL_QR_ECC_L ?
					", set 'qr: {ecc: L}'" : "");
			}
		}
		ul_qr_code_release(&fit.code);
		free(url);
		return g->x1 - g->m;
	}
	side = fit.side;
	/* The blank area: 1 mm (scaled) from the trim, the quiet zone within. */
	double fx = g->x1 - side - 1 * g->u, fy = g->y1 - side - 1 * g->u;
	geom.size = fit.module * fit.code.width;
	geom.x = fx + UL_QR_QUIET * fit.module;
	geom.y = fy + UL_QR_QUIET * fit.module;
	geom.fx = fx;
	geom.fy = fy;
	geom.fw = geom.fh = side;
	if (report && ul_qr_check(&fit.code, &geom, r->diags, r->file, qp, what) != 0)
		*rc = -1;
	else if (!r->check)
		ul_qr_draw(cr, &fit.code, &geom, &in);
	if (l) {
		ul_layout_add(l, UL_BOX_QR_QUIET, fx, fy, side, side, -1, 0);
		ul_layout_add(l, UL_BOX_QR, geom.x, geom.y, geom.size, geom.size,
			      -1, 0);
	}
	ul_qr_code_release(&fit.code);
	free(url);
	*top = fy;
	return fx - 1.5 * g->u;
}

/*
 * Pictograms drawn on cards are recorded once per name, colour and size,
 * then replayed: cairo's PDF surface writes a recorded source once, as a
 * form, so a deck of a thousand cards holds each pictogram's paths once.
 */
struct icon_rec {
	char *name;
	double r, g, b, size;
	cairo_surface_t *rec;	/* NULL: the pictogram could not be drawn */
};
static struct icon_rec *icon_recs;
static size_t nicon_recs;

void
ul_card_cache_release(void)
{
	for (size_t i = 0; i < nicon_recs; i++) {
		free(icon_recs[i].name);
		if (icon_recs[i].rec) {
			/*
			 * Finished first: a recording painted onto an image
			 * surface keeps a snapshot that refers back to it, a
			 * cycle that destroying alone never frees.
			 */
			cairo_surface_finish(icon_recs[i].rec);
			cairo_surface_destroy(icon_recs[i].rec);
		}
	}
	free(icon_recs);
	icon_recs = NULL;
	nicon_recs = 0;
}

static int
icon(struct ul_render *r, cairo_t *cr, const char *name, double x, double y,
     double size, const struct ul_color *c, bool report, struct ul_pos pos)
{
	struct ul_diags scratch;
	struct icon_rec *ir = NULL;
	int rc;

	if (!name)
		return 0;
	if (r->check || report) {
		/* checks (and the first use) go through the real thing */
		ul_diags_init(&scratch);
		rc = ul_icon_draw(NULL, name, r->ws->dir, 0, 0, size, c,
				  report ? r->diags : &scratch, r->file, pos);
		ul_diags_release(&scratch);
		if (rc != 0 || r->check)
			return rc;
	}
	/*
	 * cairo 1.16's SVG surface keeps a reference to a recording painted
	 * on it that nothing ever drops (LeakSanitizer sees it): an SVG page
	 * gets the pictogram drawn as it is, from the icon module's parsed
	 * handle, which costs little since SVG pages are written one by one.
	 */
	if (cairo_surface_get_type(cairo_get_target(cr)) == CAIRO_SURFACE_TYPE_SVG) {
		ul_diags_init(&scratch);
		rc = ul_icon_draw(cr, name, r->ws->dir, x, y, size, c, &scratch,
				  r->file, pos);
		ul_diags_release(&scratch);
		return rc;
	}
	for (size_t i = 0; i < nicon_recs && !ir; i++)
		if (strcmp(icon_recs[i].name, name) == 0 && icon_recs[i].r == c->r &&
		    icon_recs[i].g == c->g && icon_recs[i].b == c->b &&
		    icon_recs[i].size == size)
			ir = &icon_recs[i];
	if (!ir) {
		cairo_rectangle_t ext = { 0, 0, size, size };
		cairo_t *rc2;

		icon_recs = ul_xreallocarray(icon_recs, nicon_recs + 1,
					     sizeof(*icon_recs));
		ir = &icon_recs[nicon_recs++];
		*ir = (struct icon_rec){ ul_xstrdup(name), c->r, c->g, c->b, size,
					 NULL };
		ir->rec = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA,
							 &ext);
		rc2 = cairo_create(ir->rec);
		ul_diags_init(&scratch);
		if (ul_icon_draw(rc2, name, r->ws->dir, 0, 0, size, c, &scratch,
				 r->file, pos) != 0) {
			cairo_surface_destroy(ir->rec);
			ir->rec = NULL;
		}
		ul_diags_release(&scratch);
		cairo_destroy(rc2);
	}
	if (!ir->rec)
		return -1;
	cairo_save(cr);
	cairo_set_source_surface(cr, ir->rec, x, y);
	cairo_paint(cr);
	cairo_restore(cr);
	return 0;
}

/*
 * The band's title, left of the pictogram, vertically centred, on at most
 * two lines.
 */
static int
band_title(struct ul_render *r, cairo_t *cr, const struct grid *g,
	   const char *title, double left, double right,
	   const struct ul_color *fg,
	   const struct ul_color *bg, bool report, struct ul_pos pos,
	   const char *what, struct ul_layout *l)
{
	struct ul_text_style st = face_style(r, (struct ul_text_style){
		.size = 14 * g->fs, .min_size = 9 * g->fs, .bold = true,
		.spacing = 0.95 });
	struct ul_text_fit fit, fit2 = {0};
	double x = left, w = right - x;
	/* 3 mm from the trim: the safe zone; the same 12 mm as ever */
	double top = g->y0 + 3 * g->u, h = g->band - top - 2 * g->u;
	const char *title2 = second(r, title);
	struct ul_text_style st2 = second_style(r, st);
	int rc;

	if (title2) {
		/* one line each: the kit's language bold, the other under it */
		st.size = 12.5 * g->fs;
		st.min_size = 8 * g->fs;
		st2.bold = false;
		st2.size = 11.5 * g->fs;
		st2.min_size = 7.5 * g->fs;
		rc = ul_text_fit(r->text, title, &st, w, h * 0.52, &fit);
		if (ul_text_fit(r->text, title2, &st2, w, h - fit.height,
				&fit2) != 0) {
			rc = -1;
			fit.overflow = fmax(fit.overflow, fit2.overflow);
		}
		if (report && ul_render_check_contrast_text(r, fg, bg,
				fit2.size, false, pos, what) != 0)
			rc = -1;
	} else
		rc = ul_text_fit(r->text, title, &st, w, h, &fit);
	double y = top + (h - fit.height - fit2.height) / 2;

	if (report && rc != 0)
		ul_error(r->diags, r->file, pos.line, pos.col,
			 "%s: title does not fit the band: it overflows by "
			 "%.1f mm even at %g pt", what, fit.overflow,
			 st.min_size);
	if (report) {
		char tw[200];
		snprintf(tw, sizeof(tw), _("%s, title"), what);
		if (ul_render_check_contrast_text(r, fg, bg, fit.size, true, pos,
						  tw) != 0)
			rc = -1;
	}
	if (l) {
		struct ul_box *b = ul_layout_add(l, UL_BOX_TITLE, x, top, w, h,
						 -1, 0);
		ul_layout_ink(l, b, x, y, fit.ink_x, fit.ink_y, fit.ink_w,
			      fit.ink_h);
	}
	ul_render_set_color(cr, fg);
	if (title2) {
		double y2 = y + ul_text_draw(r->text, cr, title, &st, fit.size, x,
					     y, w);
		ul_text_draw(r->text, cr, title2, &st2, fit2.size, x, y2, w);
		return rc;
	}
	ul_text_draw(r->text, cr, title, &st, fit.size, x, y, w);
	return rc;
}

/*
 * A body: a paragraph, then any number of lists (each with an optional
 * heading), all at one size, shrunk together to fit the box.
 */
struct list {
	const char *heading;	/* may be NULL */
	const char *heading2;	/* in the second language, may be NULL */
	const struct ul_strlist *items;
};

struct body {
	const char *text;	/* may be NULL */
	bool italic;
	struct list lists[2];
	int nlists;
};

/*
 * Where the body must narrow: from y = top (mm, page coordinates) down,
 * it is only w2 wide (the QR code sits beside it). No notch: top = +inf.
 */
struct notch {
	double top, w2;
};

/* Lay the body out at size; its height in mm (draws when cr). */
static double
body_at(struct ul_render *r, cairo_t *cr, const struct body *b, double size,
	double x, double y, double w, const struct notch *n,
	const struct ul_color *accent, const struct ul_color *fg,
	double *overflow_w)
{
	struct ul_text_style st = face_style(r, (struct ul_text_style){
		.size = size, .inline_markup = true, .italic = b->italic,
		.spacing = 1.05 });
	struct ul_text_style hd = face_style(r, (struct ul_text_style){
		.size = size * 0.8, .bold = true, .letter_spacing = 0.4 });
	struct ul_text_fit fit;
	double gap = size * UL_MM_PER_PT * 0.6, y0 = y;
	double bullet = size * UL_MM_PER_PT * 1.1;

	struct ul_text_style st2 = second_style(r, st);
	const char *text2 = second(r, b->text);

	*overflow_w = 0;
	if (b->text && *b->text) {
		if (cr) {
			/* laid out at this size by body_fit already */
			ul_render_set_color(cr, fg);
			y += ul_text_draw_notched(r->text, cr, b->text, &st, size,
						  x, y, w, n->top - y, n->w2) + gap;
		} else {
			ul_text_fit_notched(r->text, b->text, &st, w, n->top - y,
					    n->w2, 1e6, &fit);
			if (fit.overflow > *overflow_w)
				*overflow_w = fit.overflow;
			y += fit.height + gap;
		}
	}
	if (text2) {
		/* the same text in the second language, under a fine rule */
		if (cr) {
			cairo_save(cr);
			ul_render_set_color(cr, accent);
			cairo_set_line_width(cr, 0.25);
			cairo_move_to(cr, x, y - gap * 0.5);
			cairo_line_to(cr, x + fmin(w, 12), y - gap * 0.5);
			if (st2.rtl) {
				cairo_new_path(cr);
				cairo_move_to(cr, x + (y > n->top ? n->w2 : w) -
					      fmin(w, 12), y - gap * 0.5);
				cairo_line_to(cr, x + (y > n->top ? n->w2 : w),
					      y - gap * 0.5);
			}
			cairo_stroke(cr);
			cairo_restore(cr);
			ul_render_set_color(cr, fg);
			y += ul_text_draw_notched(r->text, cr, text2, &st2, size,
						  x, y, w, n->top - y, n->w2) + gap;
		} else {
			ul_text_fit_notched(r->text, text2, &st2, w, n->top - y,
					    n->w2, 1e6, &fit);
			if (fit.overflow > *overflow_w)
				*overflow_w = fit.overflow;
			y += fit.height + gap;
		}
	}
	st.italic = false;
	for (int l = 0; l < b->nlists; l++) {
		const struct list *li = &b->lists[l];
		if (!li->items || li->items->n == 0)
			continue;
		if (li->heading) {
			const char *h2 = li->heading2;
			char *up1 = g_utf8_strup(li->heading, -1);
			char *up = h2 ? g_strdup_printf("%s · %s", up1, h2) :
				   g_strdup(up1);
			g_free(up1);
			/*
			 * Letter spacing would break the joins of Arabic
			 * letters (and the words a PDF reader finds).
			 */
			hd.letter_spacing = h2 || r->face_lang > 0 ? 0 : 0.4;
			double hw = y + 4 > n->top ? n->w2 : w;
			ul_text_fit(r->text, up, &hd, hw, 0, &fit);
			if (cr) {
				ul_render_set_color(cr, accent);
				ul_text_draw(r->text, cr, up, &hd, hd.size, x, y, hw);
			}
			g_free(up);
			y += fit.height + gap * 0.3;
		}
		for (size_t i = 0; i < li->items->n; i++) {
			const char *q = first(r, li->items->v[i]);
			double iw = w - bullet;

			ul_text_fit(r->text, q, &st, iw, 0, &fit);
			if (y + fit.height > n->top) {
				iw = n->w2 - bullet;
				ul_text_fit(r->text, q, &st, iw, 0, &fit);
			}
			if (fit.overflow > *overflow_w)
				*overflow_w = fit.overflow;
			if (cr) {
				/* A round bullet in the deck's colour, on the
				 * first line's x-height. */
				double lh = fit.height / (fit.lines ? fit.lines : 1);
				/* right to left: the bullet leads on the right */
				double bx = st.rtl ? x + iw + bullet * 0.7 :
					    x + bullet * 0.3;
				ul_render_set_color(cr, accent);
				cairo_arc(cr, bx, y + lh * 0.55,
					  size * UL_MM_PER_PT * 0.17, 0, 2 * M_PI);
				cairo_fill(cr);
				ul_render_set_color(cr, fg);
				ul_text_draw(r->text, cr, q, &st, size,
					     st.rtl ? x : x + bullet, y, iw);
			}
			y += fit.height;
			const char *q2 = second(r, q);
			if (q2) {
				/* the item again in the second language */
				iw = y + 2 > n->top ? n->w2 - bullet : w - bullet;
				ul_text_fit(r->text, q2, &st2, iw, 0, &fit);
				if (fit.overflow > *overflow_w)
					*overflow_w = fit.overflow;
				if (cr) {
					ul_render_set_color(cr, fg);
					ul_text_draw(r->text, cr, q2, &st2, size,
						     x + bullet, y, iw);
				}
				y += fit.height;
			}
			y += gap * 0.35;
		}
		y += gap * 0.6;
	}
	return y - y0 - (y > y0 ? gap * 0.6 : 0);
}

/*
 * Fit the body in w×h at one shared size: the largest quarter point that
 * fits, estimated from the first try (area grows with the square of the
 * size), then found in quarter-point steps: each try lays out every text
 * of the body again, so few tries is most of the speed of a deck.
 */
static int
body_fit(struct ul_render *r, const struct body *b, double start, double floor,
	 double x, double y, double w, double h, const struct notch *n,
	 double *size, double *overflow)
{
	double ow, hh = body_at(r, NULL, b, start, x, y, w, n, NULL, NULL, &ow);
	double s;

	*size = start;
	*overflow = 0;
	if (hh <= h + 0.01 && ow <= 0.01)
		return 0;
	s = start * sqrt(h / (hh + 0.01));
	s = fmax(floor, fmin(start - 0.25, floor_q(s)));
	hh = body_at(r, NULL, b, s, x, y, w, n, NULL, NULL, &ow);
	if (hh <= h + 0.01 && ow <= 0.01) {
		/*
		 * The estimate errs small by a quarter point at most, mostly:
		 * not trying one size up saves a layout of every text, and
		 * leaves the layouts at the size they are drawn at.
		 */
		*size = s;
		return 0;
	}
	while (s > floor + 0.01) {
		s = fmax(floor, s - 0.25);
		hh = body_at(r, NULL, b, s, x, y, w, n, NULL, NULL, &ow);
		if (hh <= h + 0.01 && ow <= 0.01) {
			*size = s;
			return 0;
		}
	}
	*size = floor;
	*overflow = fmax(hh - h, ow);
	return -1;
}

/*
 * A built-in label in the kit's language; second() finds it in the
 * second language, as the tables' strings are looked up by their text.
 */
static const char *
label(const struct ul_render *r, const char *msgid)
{
	return ul_lang_text(r->face_lang > 0 ?
			    r->ws->languages[r->face_lang] : r->ws->language,
			    msgid);
}

static const char *
label2(const struct ul_render *r, const char *msgid)
{
	if (r->face_second < 0 ||
	    r->ws->languages[r->face_second] == r->ws->language)
		return NULL;
	return ul_lang_text(r->ws->languages[r->face_second], msgid);
}

/* The body's boxes: full width above the notch, narrower beside the QR. */
static void
body_boxes(struct ul_layout *l, double x, double y, double w, double height,
	   const struct notch *n)
{
	if (!l || height <= 0)
		return;
	if (y + height <= n->top) {
		ul_layout_add(l, UL_BOX_TEXT, x, y, w, height, -1, 0);
		return;
	}
	if (n->top > y)
		ul_layout_add(l, UL_BOX_TEXT, x, y, w, n->top - y, -1, 0);
	ul_layout_add(l, UL_BOX_TEXT, x, fmax(y, n->top), n->w2,
		      y + height - fmax(y, n->top), -1, 1);
}

static int
prompt_or_persona(struct ul_render *r, const struct ul_card_face *f,
		  bool back, cairo_t *cr, struct ul_layout *l)
{
	const struct ul_deck *d = f->deck;
	const struct ul_card *c = f->card;
	struct grid g;
	struct ul_color col = deck_color(r, d), in = ink(r), pa = paper(r);
	struct ul_color on = ul_render_ink_on(r, &col);
	char what[160];
	int rc = 0;
	double left, right, qtop, isz, size, over;
	struct body b = { 0 };
	bool rep = f->report;

	grid_for(r, d, &g);
	snprintf(what, sizeof(what), back ? _("card '%s' (back)") :
		 _("card '%s'"), c->id);
	if (rep) {
		if (c->title)
			rc |= check_texts(r, first(r, c->title),
					  pos_or(c->title_pos, c->pos), what);
		if (c->text)
			rc |= check_texts(r, first(r, c->text),
					  pos_or(c->text_pos, c->pos), what);
		for (size_t i = 0; i < c->questions.n; i++)
			rc |= check_texts(r, first(r, c->questions.v[i]),
					  c->questions.pos[i], what);
		for (size_t i = 0; i < c->goals.n; i++)
			rc |= check_texts(r, first(r, c->goals.v[i]),
					  c->goals.pos[i], what);
		for (size_t i = 0; i < c->frustrations.n; i++)
			rc |= check_texts(r, first(r, c->frustrations.v[i]),
					  c->frustrations.pos[i], what);
	}

	/* paper, band, pictogram, title */
	ul_render_set_color(cr, &pa);
	cairo_paint(cr);
	band(cr, &g, &col);
	ul_layout_add(l, UL_BOX_BAND, 0, 0, g.pw, g.band, -1, 0);
	isz = 11 * g.u;
	left = g.x0 + g.m;
	right = g.x1 - g.m;
	/* a right-to-left face mirrors the band: the pictogram on the left */
	bool mirror = face_style(r, (struct ul_text_style){ 0 }).rtl;
	if (c->icon) {
		double ix = mirror ? left : right - isz;
		double iy = g.y0 + (g.band - g.y0 - isz) / 2;
		if (icon(r, cr, c->icon, ix, iy, isz, &on, rep,
			 pos_or(c->icon_pos, c->pos)) != 0)
			rc = -1;
		ul_layout_add(l, UL_BOX_ICON, ix, iy, isz, isz, -1, 0);
		if (mirror)
			left += isz + 3 * g.u;
		else
			right -= isz + 3 * g.u;
	}
	if (band_title(r, cr, &g, c->title ? first(r, c->title) : c->id, left,
		       right, &on, &col, rep, pos_or(c->title_pos, c->pos), what,
		       l) != 0)
		rc = -1;

	/*
	 * Footer and QR code: the code may take up to a little over half the
	 * card's width, and leaves the body at least 14 mm of height.
	 */
	double bx = g.x0 + g.m, by = g.band + 4.5 * g.u, bw = g.x1 - g.m - bx;
	double room = fmin(0.55 * (g.x1 - g.x0),
			   g.y1 - 1 * g.u - by - 14 * g.u);
	/* the back says the front again in another language: one code */
	double fr = g.x1 - g.m;
	qtop = g.y1;
	if (!back)
		fr = qr_corner(r, cr, &g, d, c->id, NULL, rep, c->pos, what,
			       &rc, &qtop, room, l);
	double foot = footer(r, cr, &g, d, c->id, fr, rep, &rc, l);

	/* body */
	b.text = first(r, c->text);
	if (d->kind == UL_DECK_PERSONA) {
		b.italic = false;
		b.lists[0] = (struct list){ label(r, "Objectifs"),
					    label2(r, "Objectifs"), &c->goals };
		b.lists[1] = (struct list){ label(r, "Frustrations"),
					    label2(r, "Frustrations"),
					    &c->frustrations };
		b.nlists = 2;
	} else {
		b.lists[0] = (struct list){ NULL, NULL, &c->questions };
		b.nlists = 1;
	}
	/* The body runs down to the footer, beside the QR code if any. */
	struct notch n = { 1e6, bw };
	double bh = g.y1 - g.m * 1.6 - 2 * g.u - by;
	if (back)
		bh -= commons_line(r, cr, &g, foot, rep, r->ws->theme.pos, what,
				   &rc, l);
	if (fr < g.x1 - g.m - 0.01) {
		n.top = qtop - 2 * g.u;
		n.w2 = fr - 1.5 * g.u - bx;
	}
	int fit = body_fit(r, &b, 12 * g.fs, g.floor, bx, by, bw, bh, &n, &size,
			   &over);
	if (rep) {
		struct ul_text_fit tf = { .size = size, .overflow = over,
					  .shrunk = size < 12 * g.fs };
		if (report_fit(r, fit, &tf, g.floor, pos_or(c->text_pos, c->pos),
			       what) != 0)
			rc = -1;
	}
	/*
	 * The list headings are drawn in the deck's colour on the paper: a
	 * pale colour that is fine for the band's white text can be
	 * unreadable there (2.35:1), so they are checked like any text.
	 */
	if (rep && d->kind == UL_DECK_PERSONA &&
	    (c->goals.n || c->frustrations.n)) {
		char hw[200];
		snprintf(hw, sizeof(hw), "%s, the list headings in the deck's "
			 "colour", what);
		if (ul_render_check_contrast_text(r, &col, &pa, size * 0.8, true,
						  pos_or(d->color.text ?
						  d->pos : r->ws->theme.pos,
						  c->pos), hw) != 0)
			rc = -1;
	}
	double used = body_at(r, cr, &b, size, bx, by, bw, &n, &col, &in, &over);
	/* Past its floor the body is already an error: its boxes would repeat it. */
	if (fit == 0)
		body_boxes(l, bx, by, bw, used, &n);
	return rc;
}

/* Lay n options out in nc columns: each column's left edge; the width. */
static double
tick_grid(const double *need, size_t n, size_t nc, double sep, double *colx)
{
	double x = 0;

	for (size_t j = 0; j < nc; j++) {
		double cw = 0;
		for (size_t k = j; k < n; k += nc)
			cw = fmax(cw, need[k]);
		colx[j] = x;
		x += cw + sep;
	}
	return x - sep;
}

/*
 * How many columns a field's tick boxes take in avail mm: the most whose
 * columns, each as wide as its widest option, fit side by side, then as
 * few as keep that number of rows (2 × 2 rather than 3 + 1); at least
 * one. colx[] receives each column's left edge, from 0.
 */
static size_t
tick_columns(const double *need, size_t n, double sep, double avail,
	     double *colx)
{
	size_t nc = n;

	while (nc > 1 && tick_grid(need, n, nc, sep, colx) > avail)
		nc--;
	if (nc > 1) {
		size_t rows = (n + nc - 1) / nc;
		nc = (n + rows - 1) / rows;
	}
	tick_grid(need, n, nc, sep, colx);
	return nc;
}

/*
 * A field's tick boxes from y down: each box with its option to its
 * right, in aligned columns, as many as fit the width (x to x + w, or to
 * qx when the boxes come down beside the QR code); an option too long for
 * a row wraps. Each box sits on its option's first line. Returns the
 * bottom; draws when cr; records each box and option in l when l.
 */
static double
ticks_at(struct ul_render *r, cairo_t *cr, const struct grid *g,
	 const struct ul_field *fd, int field, double x, double y, double w,
	 double qx, double qtop, const struct ul_color *col,
	 const struct ul_color *in, struct ul_layout *l)
{
	struct ul_text_style os = { .size = 8 * g->fs, .min_size = 6.5 * g->fs };
	/* a box a pen tick fits in; the options far enough apart to tell */
	double side = 4.2 * g->fs, pad = 1.5 * g->fs, sep = 4 * g->fs;
	double need[UL_TICKS_MAX], colx[UL_TICKS_MAX], avail = w, top = y;
	size_t n = fd->ticks.n < UL_TICKS_MAX ? fd->ticks.n : UL_TICKS_MAX;

	for (size_t k = 0; k < n; k++) {
		struct ul_text_fit of;
		ul_text_fit(r->text, fd->ticks.v[k], &os, w, 0, &of);
		need[k] = side + pad + of.width;
	}
	/* twice at most: full width, then narrower if it reaches the code */
	for (int pass = 0; pass < 2; pass++) {
		size_t nc = tick_columns(need, n, sep, avail, colx);
		y = top;
		for (size_t k = 0; k < n;) {
			double rowh = 0;
			for (size_t j = 0; j < nc && k < n; j++, k++) {
				const char *opt = fd->ticks.v[k];
				struct ul_text_fit of;
				double cx = x + colx[j], tx = cx + side + pad;
				double tw = fmax(1, x + avail - tx);

				ul_text_fit(r->text, opt, &os, tw, 0, &of);
				double lh = of.height / (of.lines > 0 ? of.lines : 1);
				double by = y + fmax(0, (lh - side) / 2);
				double ty = y + fmax(0, (side - lh) / 2);
				rowh = fmax(rowh, fmax(by + side, ty + of.height) - y);
				if (pass == 0 || (!cr && !l))
					continue;
				if (l) {
					ul_layout_add(l, UL_BOX_TICK, cx, by, side, side,
						      field, (int)k + 1);
					struct ul_box *b = ul_layout_add(l, UL_BOX_OPTION,
									 tx, ty, fmin(tw, of.width + 0.5),
									 of.height, field, (int)k + 1);
					ul_layout_ink(l, b, tx, ty, of.ink_x, of.ink_y,
						      of.ink_w, of.ink_h);
				}
				if (cr) {
					cairo_new_path(cr);
					cairo_rectangle(cr, cx, by, side, side);
					ul_render_set_color(cr, col);
					cairo_set_line_width(cr, 0.35);
					cairo_stroke(cr);
					ul_render_set_color(cr, in);
					ul_text_draw(r->text, cr, opt, &os, of.size, tx,
						     ty, tw);
				}
			}
			y += rowh + (k < n ? 1.2 : 0);
		}
		if (pass == 0 && y + 1 > qtop)
			avail = fmin(w, qx - x);
	}
	return y;
}

/*
 * The fields of a write-in card from y down, with ruled lines pitch mm
 * apart. What comes down beside the QR code (from y = qtop) narrows to
 * stop at x = qx: labels, lines, and a scale's circles, which get smaller
 * there rather than run into the code. Returns the bottom; draws when cr;
 * records every element in l when l.
 */
static double
fields_at(struct ul_render *r, cairo_t *cr, const struct grid *g,
	  const struct ul_deck *d, double y, double pitch, double qx,
	  double qtop, const struct ul_color *col, const struct ul_color *in,
	  struct ul_layout *l)
{
	struct ul_text_style ls = { .size = 8.5 * g->fs, .min_size = 7 * g->fs,
				    .bold = true };
	struct ul_text_style ns = { .size = 8 * g->fs, .raw = true,
				    .align = UL_ALIGN_CENTER };
	double x = g->x0 + g->m, w = g->x1 - g->m - x;
	double gap = pitch * 0.45;

	for (size_t i = 0; i < d->nfields; i++) {
		const struct ul_field *fd = &d->fields[i];
		struct ul_text_fit ft;
		const char *lab = fd->label ? fd->label : fd->id;
		double lw = w;

		const char *lab2 = second(r, lab);
		ul_text_fit(r->text, lab, &ls, lw, 0, &ft);
		if (y + ft.height > qtop) {
			lw = qx - x;
			ul_text_fit(r->text, lab, &ls, lw, 0, &ft);
		}
		if (l) {
			struct ul_box *b = ul_layout_add(l, UL_BOX_LABEL, x, y, lw,
							 ft.height, (int)i, 0);
			ul_layout_ink(l, b, x, y, ft.ink_x, ft.ink_y, ft.ink_w,
				      ft.ink_h);
		}
		if (cr) {
			ul_render_set_color(cr, in);
			ul_text_draw(r->text, cr, lab, &ls, ft.size, x, y, lw);
		}
		y += ft.height;
		if (lab2) {
			struct ul_text_style l2 = second_style(r, ls);
			l2.bold = false;
			lw = y + 5 > qtop ? qx - x : w;
			ul_text_fit(r->text, lab2, &l2, lw, 0, &ft);
			if (cr)
				ul_text_draw(r->text, cr, lab2, &l2, ft.size, x,
					     y, lw);
			y += ft.height;
		}
		if (fd->scale > 0) {
			/* numbered circles to ring with a pen, on their own row */
			int n = fd->scale;
			double dia = fmin(6.5 * g->fs, (w - (n - 1) * 1.2) / n);
			double avail = w;

			y += 1.2;
			if (y + dia > qtop) {
				avail = qx - x;
				dia = fmin(dia, (avail - (n - 1) * 1.2) / n);
			}
			double step = n > 1 ? (avail - dia) / (n - 1) : 0;
			if (step > dia * 1.8)
				step = dia * 1.8;
			if (l)
				ul_layout_add(l, UL_BOX_SCALE, x, y,
					      dia + (n - 1) * step, dia, (int)i, 0);
			for (int k = 0; k < n; k++) {
				char num[16];
				struct ul_text_fit nf;
				double cx = x + dia / 2 + k * step, cy = y + dia / 2;

				if (l)
					ul_layout_add(l, UL_BOX_CIRCLE, cx - dia / 2,
						      y, dia, dia, (int)i, k + 1);
				if (!cr)
					continue;
				snprintf(num, sizeof(num), "%d", k + 1);
				cairo_new_path(cr);
				cairo_arc(cr, cx, cy, dia / 2, 0, 2 * M_PI);
				ul_render_set_color(cr, col);
				cairo_set_line_width(cr, 0.35);
				cairo_stroke(cr);
				ul_text_fit(r->text, num, &ns, dia, 0, &nf);
				ul_render_set_color(cr, in);
				ul_text_draw(r->text, cr, num, &ns, nf.size,
					     cx - dia / 2, cy - nf.height / 2, dia);
			}
			y += dia + gap;
		} else if (fd->ticks.n > 0) {
			if (fd->choose_one) {
				/* say it: people tick every box that is true otherwise */
				struct ul_text_style hs = { .size = 7.5 * g->fs,
							    .min_size = 6.5 * g->fs,
							    .italic = true };
				const char *hint = label(r, "cochez une seule case");
				lw = y + 4 > qtop ? qx - x : w;
				ul_text_fit(r->text, hint, &hs, lw, 0, &ft);
				if (l) {
					struct ul_box *b = ul_layout_add(l, UL_BOX_LABEL, x, y,
									 lw, ft.height,
									 (int)i, 1);
					ul_layout_ink(l, b, x, y, ft.ink_x, ft.ink_y,
						      ft.ink_w, ft.ink_h);
				}
				if (cr) {
					ul_render_set_color(cr, in);
					ul_text_draw(r->text, cr, hint, &hs, ft.size, x, y, lw);
				}
				y += ft.height;
			}
			y = ticks_at(r, cr, g, fd, (int)i, x, y + 1.2, w, qx, qtop,
				     col, in, l) + gap;
		} else {
			int lines = fd->lines > 0 ? fd->lines : 1;

			if (cr) {
				cairo_save(cr);
				cairo_set_source_rgba(cr, in->r, in->g, in->b, 0.5);
				cairo_set_line_width(cr, 0.2);
			}
			for (int k = 0; k < lines; k++) {
				double end = y + pitch > qtop - 1 ? qx : x + w;
				if (l)
					ul_layout_add(l, UL_BOX_LINE, x, y,
						      end - x, pitch, (int)i,
						      k + 1);
				y += pitch;
				if (cr) {
					cairo_move_to(cr, x, y);
					cairo_line_to(cr, end, y);
				}
			}
			if (cr) {
				cairo_stroke(cr);
				cairo_restore(cr);
			}
			y += gap;
		}
	}
	return y - gap;
}

/* A write-in blank: serial, fields with ruled lines and scales, QR. */
static int
write_in(struct ul_render *r, const struct ul_card_face *f, cairo_t *cr,
	 struct ul_layout *l)
{
	const struct ul_deck *d = f->deck;
	struct grid g;
	struct ul_color col = deck_color(r, d), in = ink(r), pa = paper(r);
	struct ul_color on = ul_render_ink_on(r, &col);
	char serial[32], what[160];
	int rc = 0;
	double qtop, y, w, pitch, bottom, limit;
	bool rep = f->report;

	grid_for(r, d, &g);
	ul_serial(d, f->number, serial, sizeof(serial));
	snprintf(what, sizeof(what), _("deck '%s'"), d->id);
	if (rep)
		for (size_t i = 0; i < d->nfields; i++)
			rc |= check_texts(r, d->fields[i].label ?
					  d->fields[i].label : d->fields[i].id,
					  d->fields[i].pos, what);

	ul_render_set_color(cr, &pa);
	cairo_paint(cr);
	/* A slimmer band: the card is for writing. */
	g.band = g.y0 + 12 * g.fs;
	band(cr, &g, &col);
	ul_layout_add(l, UL_BOX_BAND, 0, 0, g.pw, g.band, -1, 0);
	{
		struct ul_text_style ss = { .size = 14 * g.fs, .bold = true,
					    .raw = true, .align = UL_ALIGN_RIGHT,
					    .letter_spacing = 0.3 };
		struct ul_text_style ts = { .size = 14 * g.fs, .min_size = 7 * g.fs,
					    .bold = true };
		struct ul_text_fit fs, ft;
		/* the band's text keeps 2 mm from the cut (layout.c) */
		double sw = 26 * g.fs, top = g.y0 + 2, bh = g.band - top - 1.5;
		double sx = g.x1 - g.m - sw, sy, ty;
		struct ul_box *b;

		ul_text_fit(r->text, serial, &ss, sw, 0, &fs);
		/* the title gets what the serial leaves */
		sw = fmin(sw, fs.width + 1);
		sx = g.x1 - g.m - sw;
		ul_text_fit(r->text, serial, &ss, sw, 0, &fs);
		sy = g.y0 + (g.band - g.y0 - fs.height) / 2;
		ul_render_set_color(cr, &on);
		ul_text_draw(r->text, cr, serial, &ss, fs.size, sx, sy, sw);
		b = ul_layout_add(l, UL_BOX_SERIAL, sx, top, sw, bh, -1, 0);
		ul_layout_ink(l, b, sx, sy, fs.ink_x, fs.ink_y, fs.ink_w,
			      fs.ink_h);
		w = sx - 2 - (g.x0 + g.m);
		const char *t1 = d->title ? d->title : d->id, *t2 = second(r, t1);
		if (t2) {
			/* one line each, the second language under the first */
			struct ul_text_style t2s = second_style(r, ts);
			struct ul_text_fit f2;
			ts.size = 10.5 * g.fs;
			ts.min_size = 7 * g.fs;
			t2s.bold = false;
			t2s.size = 9.5 * g.fs;
			t2s.min_size = 6.5 * g.fs;
			ul_text_fit(r->text, t1, &ts, w, bh / 2, &ft);
			ul_text_fit(r->text, t2, &t2s, w, bh - ft.height, &f2);
			ty = top + (bh - ft.height - f2.height) / 2;
			double y2 = ty + ul_text_draw(r->text, cr, t1, &ts, ft.size,
						      g.x0 + g.m, ty, w);
			ul_text_draw(r->text, cr, t2, &t2s, f2.size, g.x0 + g.m, y2,
				     w);
			/* one title box: the ink of both lines together */
			double x0 = fmin(ft.ink_x, f2.ink_x);
			double x1 = fmax(ft.ink_x + ft.ink_w, f2.ink_x + f2.ink_w);
			double y1 = fmax(ft.ink_y + ft.ink_h,
					 y2 - ty + f2.ink_y + f2.ink_h);
			double yy0 = fmin(ft.ink_y, y2 - ty + f2.ink_y);
			b = ul_layout_add(l, UL_BOX_TITLE, g.x0 + g.m, top, w, bh,
					  -1, 0);
			ul_layout_ink(l, b, g.x0 + g.m, ty, x0, yy0, x1 - x0,
				      y1 - yy0);
			ft.size = fmin(ft.size, f2.size);
		} else {
			ul_text_fit(r->text, t1, &ts, w, bh, &ft);
			ty = top + (bh - ft.height) / 2;
			ul_text_draw(r->text, cr, t1, &ts, ft.size, g.x0 + g.m, ty,
				     w);
			b = ul_layout_add(l, UL_BOX_TITLE, g.x0 + g.m, top, w, bh,
					  -1, 0);
			ul_layout_ink(l, b, g.x0 + g.m, ty, ft.ink_x, ft.ink_y,
				      ft.ink_w, ft.ink_h);
		}
		if (rep && ul_render_check_contrast_text(r, &on, &col,
				fmin(ft.size, fs.size), true, d->pos, what) != 0)
			rc = -1;
	}

	/* The code may take half the card's width. */
	double room = fmin(0.5 * (g.x1 - g.x0), g.y1 - g.band - 6);
	double fr = qr_corner(r, cr, &g, d, NULL, serial, rep, d->pos, what,
			      &rc, &qtop, room, l);
	footer(r, cr, &g, d, serial, fr, rep, &rc, l);

	/*
	 * Ruled lines 8 mm apart, closer (down to 6 mm, still room for
	 * handwriting) when the fields would not fit otherwise.
	 */
	y = g.band + 4;
	limit = g.y1 - g.m * 1.6 - 2;
	pitch = 8;
	bottom = fields_at(r, NULL, &g, d, y, pitch, fr, qtop, &col, &in, NULL);
	for (int iter = 0; bottom > limit && pitch > 6 && iter < 4; iter++) {
		int nl = 0;
		for (size_t i = 0; i < d->nfields; i++)
			nl += d->fields[i].scale > 0 || d->fields[i].ticks.n ? 0 :
			      d->fields[i].lines > 0 ? d->fields[i].lines : 1;
		/* the gaps scale with the pitch too: 0.45 per field */
		double k = nl + 0.45 * (double)d->nfields;
		pitch = fmax(6, pitch - (bottom - limit) / (k > 0 ? k : 1) - 0.02);
		bottom = fields_at(r, NULL, &g, d, y, pitch, fr, qtop, &col, &in,
				   NULL);
	}
	fields_at(r, cr, &g, d, y, pitch, fr, qtop, &col, &in,
		  bottom > limit + 0.01 ? NULL : l);
	if (rep && bottom > limit + 0.01)
		rc = ul_error(r->diags, r->file, d->pos.line, d->pos.col,
			      "%s: the fields do not fit the card: they overflow "
			      "by %.1f mm with lines 6 mm apart (fewer lines, or "
			      "a larger size)", what, bottom - limit);
	return rc;
}

/* The safe zone: nothing that matters closer than this to the trim. */
#define SAFE_MM 3.0

/* A card's front, or with back its own back ('bilingual: back'). */
static int
face(struct ul_render *r, const struct ul_card_face *f, bool back,
     cairo_t *cr, struct ul_layout *l)
{
	const struct ul_deck *d = f->deck;
	double w = d->size.w > 0 ? d->size.w : 63;
	double h = d->size.h > 0 ? d->size.h : 88;
	int rc;

	ul_layout_init(l, w, h, r->bleed, SAFE_MM);
	face_langs(r, d, back);
	rc = d->kind == UL_DECK_WRITEIN ? write_in(r, f, cr, l) :
	     prompt_or_persona(r, f, back, cr, l);
	return rc;
}

static int
draw_face(struct ul_render *r, const struct ul_card_face *f, bool back,
	  cairo_t *cr)
{
	struct ul_layout l;
	int rc = face(r, f, back, cr, &l);

	if (f->report) {
		const struct ul_deck *d = f->deck;
		const char **names = NULL;
		char what[160];
		struct ul_pos pos = f->card ? f->card->pos : d->pos;

		if (f->card)
			snprintf(what, sizeof(what), back ? _("card '%s' (back)") :
				 _("card '%s'"), f->card->id);
		else
			snprintf(what, sizeof(what), _("deck '%s'"), d->id);
		if (d->nfields) {
			names = ul_xreallocarray(NULL, d->nfields, sizeof(*names));
			for (size_t i = 0; i < d->nfields; i++)
				names[i] = d->fields[i].id;
		}
		if (ul_layout_check(&l, r->diags, r->file, pos.line, pos.col, what,
				    names) != 0)
			rc = -1;
		free(names);
	}
	ul_layout_release(&l);
	return rc;
}

int
ul_card_front(struct ul_render *r, const struct ul_card_face *f, cairo_t *cr)
{
	return draw_face(r, f, false, cr);
}

int
ul_card_back_face(struct ul_render *r, const struct ul_card_face *f,
		  cairo_t *cr)
{
	/* only a card of a prompt or persona deck has a back of its own */
	if (!f->card || !ul_deck_back_faces(r->ws, f->deck))
		return -1;
	return draw_face(r, f, true, cr);
}

int
ul_card_layout(struct ul_render *r, const struct ul_card_face *f,
	       struct ul_layout *l)
{
	struct ul_render quiet = *r;
	struct ul_diags scratch;
	struct ul_card_face one = *f;
	cairo_surface_t *s = cairo_recording_surface_create(CAIRO_CONTENT_COLOR,
							    NULL);
	cairo_t *cr = cairo_create(s);
	int rc;

	ul_diags_init(&scratch);
	quiet.diags = &scratch;
	quiet.check = true;	/* lay out, draw no code */
	one.report = false;
	rc = face(&quiet, &one, false, cr, l);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	ul_diags_release(&scratch);
	return rc;
}

/* Backs */

struct ul_card_back {
	cairo_surface_t *rec;
};

static int
draw_back(struct ul_render *r, const struct ul_deck *d, cairo_t *cr)
{
	struct grid g;
	struct ul_color col = deck_color(r, d);
	struct ul_color on = ul_render_ink_on(r, &col);
	const struct ul_back *bk = &d->back;
	const char *title = bk->title ? bk->title : d->title ? d->title : d->id;
	char what[160];
	int rc = 0;
	struct ul_pos pos = pos_or(bk->pos, d->pos);
	double isz, x, w, y;
	struct ul_text_style ts = { .bold = true, .align = UL_ALIGN_CENTER,
				    .spacing = 0.95 };
	struct ul_text_style bs = { .inline_markup = true, .bold = true,
				    .align = UL_ALIGN_CENTER };
	struct ul_text_style ws = { .align = UL_ALIGN_CENTER,
				    .letter_spacing = 0.3 };
	struct ul_text_fit tf, bf, wf;

	grid_for(r, d, &g);
	face_langs(r, d, false);
	ts.size = 17 * g.fs;
	ts.min_size = 11 * g.fs;
	bs.size = 14 * g.fs;
	bs.min_size = g.floor;
	ws.size = 7 * g.fs;
	ws.min_size = 5.5 * g.fs;
	snprintf(what, sizeof(what), _("back of deck '%s'"), d->id);
	rc |= check_texts(r, title, pos, what);
	if (bk->text)
		rc |= check_texts(r, bk->text, pos, what);
	const char *title2 = second(r, title), *text2 = second(r, bk->text);
	struct ul_text_style ts2 = second_style(r, ts), bs2 = second_style(r, bs);
	struct ul_text_fit tf2 = {0}, bf2 = {0};

	/* full bleed colour, a fine frame inside the safe zone */
	ul_render_set_color(cr, &col);
	cairo_paint(cr);
	cairo_save(cr);
	cairo_set_source_rgba(cr, on.r, on.g, on.b, 0.55);
	cairo_set_line_width(cr, 0.35 * g.u);
	{
		double in = 3.5 * g.u, rad = 2.5 * g.u;
		double x0 = g.x0 + in, y0 = g.y0 + in, x1 = g.x1 - in, y1 = g.y1 - in;
		cairo_new_sub_path(cr);
		cairo_arc(cr, x1 - rad, y0 + rad, rad, -M_PI / 2, 0);
		cairo_arc(cr, x1 - rad, y1 - rad, rad, 0, M_PI / 2);
		cairo_arc(cr, x0 + rad, y1 - rad, rad, M_PI / 2, M_PI);
		cairo_arc(cr, x0 + rad, y0 + rad, rad, M_PI, 1.5 * M_PI);
		cairo_close_path(cr);
		cairo_stroke(cr);
	}
	cairo_restore(cr);

	x = g.x0 + g.m + 2 * g.u;
	w = g.x1 - g.m - 2 * g.u - x;
	isz = bk->icon ? 22 * g.u : 0;
	int trc = ul_text_fit(r->text, title, &ts, w, 24 * g.u, &tf);
	int brc = 0;
	if (bk->text)
		brc = ul_text_fit(r->text, bk->text, &bs, w, 22 * g.u, &bf);
	if (title2) {
		ts2.size = ts.size * 0.8;
		ts2.min_size = ts.min_size * 0.8;
		ts2.bold = false;
		trc |= ul_text_fit(r->text, title2, &ts2, w, 20 * g.u, &tf2);
	}
	if (text2) {
		bs2.bold = false;
		brc |= ul_text_fit(r->text, text2, &bs2, w, 18 * g.u, &bf2);
	}
	double total = isz + (isz ? 6 * g.u : 0) + tf.height +
		       (title2 ? 1 * g.u + tf2.height : 0) +
		       (bk->text ? 3 * g.u + bf.height : 0) +
		       (text2 ? 1.5 * g.u + bf2.height : 0);
	y = g.y0 + (g.y1 - g.y0 - total) / 2 - 2 * g.u;
	if (bk->icon) {
		if (icon(r, cr, bk->icon, (g.pw - isz) / 2, y, isz, &on, true,
			 pos) != 0)
			rc = -1;
		y += isz + 6 * g.u;
	}
	ul_render_set_color(cr, &on);
	ul_text_draw(r->text, cr, title, &ts, tf.size, x, y, w);
	y += tf.height;
	if (title2) {
		y += 1 * g.u;
		ul_text_draw(r->text, cr, title2, &ts2, tf2.size, x, y, w);
		y += tf2.height;
	}
	if (bk->text) {
		y += 3 * g.u;
		ul_text_draw(r->text, cr, bk->text, &bs, bf.size, x, y, w);
		y += bf.height;
	}
	if (text2) {
		y += 1.5 * g.u;
		ul_text_draw(r->text, cr, text2, &bs2, bf2.size, x, y, w);
	}
	/* the workshop, and under it who made it and under what licence */
	char *commons = ul_commons_line(r->ws, NULL);
	double by = g.y1 - 3.5 * g.u - 3 * g.u;
	if (commons) {
		struct ul_text_style cs = ws;
		struct ul_text_fit cf;
		cs.size = 5.5 * g.fs;
		cs.min_size = 4.5 * g.fs;
		cs.letter_spacing = 0;
		cs.raw = true;
		ul_text_fit(r->text, commons, &cs, w, 0, &cf);
		by -= cf.height;
		ul_render_set_color(cr, &on);
		ul_text_draw(r->text, cr, commons, &cs, cf.size, x, by, w);
		by -= 0.8 * g.u;
		rc |= check_text(r, commons, r->ws->theme.pos, what);
		free(commons);
	}
	if (r->ws->title) {
		ul_text_fit(r->text, r->ws->title, &ws, w, 0, &wf);
		cairo_save(cr);
		cairo_set_source_rgba(cr, on.r, on.g, on.b, 0.9);
		ul_text_draw(r->text, cr, r->ws->title, &ws, wf.size, x,
			     by - wf.height, w);
		cairo_restore(cr);
	}
	if (trc != 0)
		rc = ul_error(r->diags, r->file, pos.line, pos.col,
			      "%s: title does not fit: it overflows by %.1f mm "
			      "even at %g pt", what, tf.overflow, ts.min_size);
	if (brc != 0)
		rc = ul_error(r->diags, r->file, pos.line, pos.col,
			      "%s: text does not fit: it overflows by %.1f mm "
			      "even at the %g pt floor", what, bf.overflow,
			      bs.min_size);
	if (ul_render_check_contrast_text(r, &on, &col, tf.size, true, pos,
					  what) != 0 ||
	    (bk->text && ul_render_check_contrast_text(r, &on, &col, bf.size,
					  true, pos, what) != 0))
		rc = -1;
	return rc;
}

struct ul_card_back *
ul_card_back_new(struct ul_render *r, const struct ul_deck *d)
{
	struct ul_card_back *b = ul_xcalloc(1, sizeof(*b));
	cairo_rectangle_t ext;
	cairo_t *cr;
	double w, h;
	int rc;

	ul_card_page_size(r, d, &w, &h);
	ext = (cairo_rectangle_t){ 0, 0, w, h };
	/*
	 * Recorded in mm; replayed as one source pattern, which cairo's PDF
	 * surface writes once as a form and references from every back.
	 */
	b->rec = cairo_recording_surface_create(CAIRO_CONTENT_COLOR, &ext);
	cr = cairo_create(b->rec);
	rc = draw_back(r, d, cr);
	cairo_destroy(cr);
	if (rc != 0) {
		ul_card_back_free(b);
		return NULL;
	}
	return b;
}

void
ul_card_back_draw(const struct ul_card_back *b, cairo_t *cr)
{
	cairo_save(cr);
	cairo_set_source_surface(cr, b->rec, 0, 0);
	cairo_paint(cr);
	cairo_restore(cr);
}

void
ul_card_back_free(struct ul_card_back *b)
{
	if (!b)
		return;
	cairo_surface_destroy(b->rec);
	free(b);
}
