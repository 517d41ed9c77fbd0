/* SPDX-License-Identifier: ISC */
/*
 * Posters: the page furniture every poster shares (a title band bleeding
 * off the top, instructions, a workshop footer, an optional QR code) and
 * the four bodies: journey grid, canvas zones, vote board, agenda.
 * Owns the poster layout; knows nothing of PDF files, page order or argv.
 *
 * Everything is sized from one factor s, 1 on A1 (594 × 841 mm), the
 * square root of the area ratio, so that type, lines and gaps grow with the
 * sheet and an A3 proof looks like the A0 print, only smaller.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "intl.h"
#include "lang.h"
#include "poster.h"
#include "qr.h"
#include "sizes.h"
#include "text.h"
#include "util.h"

#define A1_AREA (594.0 * 841.0)
#define STICKY_NOTE 76.0	/* mm: the common square sticky note */

struct pctx {
	struct ul_render *r;
	const struct ul_poster *p;
	cairo_t *cr;
	double s;		/* scale: 1 on A1 */
	double W, H, b;		/* trim and bleed */
	double m;		/* margin inside the trim */
	struct ul_color color, on_color, ink, paper, tint, rule;
	char what[160];		/* "poster 'parcours'" */
	bool received;		/* receives_check done */
	bool one_lang;		/* this text in the kit's language only */
	char tint_hex[8];	/* the tint, written for messages */
	unsigned checked;	/* colour pairs whose contrast was checked */
	int rc;
};

/* ---- helpers ---------------------------------------------------------- */

static struct ul_color
rgb(double r, double g, double b)
{
	struct ul_color c = {r, g, b, NULL};
	return c;
}

static struct ul_color
mix(const struct ul_color *a, const struct ul_color *b, double t)
{
	return rgb(a->r + (b->r - a->r) * t, a->g + (b->g - a->g) * t,
		   a->b + (b->b - a->b) * t);
}

static void
set(struct pctx *c, const struct ul_color *col)
{
	cairo_set_source_rgb(c->cr, col->r, col->g, col->b);
}

static void
rounded(cairo_t *cr, double x, double y, double w, double h, double rad)
{
	if (rad > w / 2)
		rad = w / 2;
	if (rad > h / 2)
		rad = h / 2;
	cairo_new_sub_path(cr);
	cairo_arc(cr, x + w - rad, y + rad, rad, -M_PI / 2, 0);
	cairo_arc(cr, x + w - rad, y + h - rad, rad, 0, M_PI / 2);
	cairo_arc(cr, x + rad, y + h - rad, rad, M_PI / 2, M_PI);
	cairo_arc(cr, x + rad, y + rad, rad, M_PI, 3 * M_PI / 2);
	cairo_close_path(cr);
}

enum valign { TOP, MIDDLE, BOTTOM };

struct tstyle {
	double size, floor;	/* pt, before scaling */
	bool bold, italic, inl;
	enum ul_align align;
	enum valign valign;
	double spacing;
};

/*
 * Every text is checked on what it is drawn on: the theme's ink goes on
 * the paper or on the tint of the lanes (the darker of the two is what
 * counts), the colour's ink on the colour. Each pair is checked once per
 * poster for small text and once for large, where WCAG's levels differ.
 */
static void
check_contrast(struct pctx *c, const struct ul_color *fg, double pt, bool bold,
	       const char *part, struct ul_pos pos)
{
	const struct ul_color *bg;
	unsigned bit;
	bool large = pt >= 18 || (bold && pt >= 14);
	char what[240];

	if (fg == &c->on_color) {
		bg = &c->color;
		bit = 1;
	} else if (fg == &c->ink) {
		bg = ul_contrast_ratio(fg, &c->tint) <
		     ul_contrast_ratio(fg, &c->paper) ? &c->tint : &c->paper;
		bit = 4;
	} else
		return;
	bit <<= large;
	if (c->checked & bit)
		return;
	c->checked |= bit;
	snprintf(what, sizeof(what), "%s: %s", c->what, part);
	if (ul_render_check_contrast_text(c->r, fg, bg, pt, bold, pos, what) != 0)
		c->rc = -1;
}

/*
 * Fit and draw s in the box, in fg. Overflow past the floor is an error
 * naming the poster and the part; missing glyphs are warnings (in check
 * mode, where they are looked for). Returns the height used, in mm.
 */
static double
text(struct pctx *c, const char *s, const struct tstyle *ts,
     const struct ul_color *fg, double x, double y, double w, double h,
     const char *part, struct ul_pos pos)
{
	struct ul_text_style st = {0};
	struct ul_text_fit fit;
	double size = ts->size * c->s, floor = ts->floor * c->s;

	if (!s || !*s)
		return 0;
	/* Never below what reads from a metre away on the smallest sheets. */
	if (floor < 7)
		floor = 7;
	if (size < floor)
		size = floor;
	st.size = size;
	st.min_size = floor;
	st.bold = ts->bold;
	st.italic = ts->italic;
	st.inline_markup = ts->inl;
	st.align = ts->align;
	st.spacing = ts->spacing;
	if (!pos.line)
		pos = c->p->pos;
	/*
	 * A bilingual workshop: the second language as a paragraph under
	 * the first (a poster has no back: 'back' prints so too); Pango sets each paragraph's direction from its letters
	 * (Arabic right to left, aligned right), and French typography
	 * leaves right-to-left paragraphs alone.
	 */
	char *both = NULL;
	const struct ul_workshop *ws = c->r->ws;
	if (ws->nlangs > 1 && ws->bilingual != UL_BILINGUAL_SINGLE &&
	    ws->view == 0 && !c->one_lang) {
		const char *s2 = ul_workshop_text(ws, s, 1);
		if (s2 != s && strcmp(s2, s) != 0)
			s = both = ul_xasprintf("%s\n%s", s, s2);
	}
	if (ul_text_fit(c->r->text, s, &st, w, h, &fit) < 0)
		c->rc = ul_error(c->r->diags, c->r->file, pos.line, pos.col,
				 fit.height > h ?
				 N_("%s: %s does not fit: %.1f mm too tall even "
				    "at %.0f pt") :
				 N_("%s: %s does not fit: %.1f mm too wide even "
				    "at %.0f pt"), c->what, part, fit.overflow,
				 fit.size);
	{
		/* it would print as an empty box: an error, drawn or not */
		uint32_t first;
		if (ul_text_missing(c->r->text, s, &first))
			c->rc = ul_error(c->r->diags, c->r->file, pos.line,
					 pos.col, "%s: %s: no bundled font has "
					 "U+%04X", c->what, part, (unsigned)first);
	}
	double dy = 0;
	if (h > 0 && fit.height < h) {
		if (ts->valign == MIDDLE)
			dy = (h - fit.height) / 2;
		else if (ts->valign == BOTTOM)
			dy = h - fit.height;
	}
	check_contrast(c, fg, fit.size, st.bold, part, pos);
	set(c, fg);
	ul_text_draw(c->r->text, c->cr, s, &st, fit.size, x, y + dy, w);
	free(both);
	return fit.height;
}

static const char *label(const struct pctx *c, const char *fr)
	__attribute__((format_arg(2)));

static const char *
label(const struct pctx *c, const char *fr)
{
	return ul_lang_text(c->r->ws->language, fr);
}

/*
 * A poster that receives a deck's cards (receives:) must hold one card in
 * each of its cells, either way round, with a margin to stick it by: the
 * run sheet tells the tables to put them there. w × h is the smallest
 * cell. The error suggests the A size whose cells would hold the card,
 * cells growing with the sheet.
 */
#define RECEIVE_MARGIN 4.0	/* mm around a card stuck in a cell */

static void
receives_check(struct pctx *c, double w, double h, const char *cells)
{
	const struct ul_poster *p = c->p;
	const struct ul_deck *d = p->receives ?
				  ul_workshop_deck(c->r->ws, p->receives) : NULL;
	double cw, ch, need_w, need_h;
	bool fits, turned;
	char hint[64] = "";

	if (!d || c->received)
		return;
	c->received = true;
	cw = d->size.w > 0 ? d->size.w : 63;
	ch = d->size.h > 0 ? d->size.h : 88;
	need_w = cw + 2 * RECEIVE_MARGIN;
	need_h = ch + 2 * RECEIVE_MARGIN;
	fits = (w >= need_w && h >= need_h);
	turned = !fits && w >= need_h && h >= need_w;
	if (fits || turned)
		return;
	const struct ul_named_size *a;
	for (size_t i = 0; (a = ul_size_a(i)); i++) {
		/* the poster's orientation, the A size's area */
		double aw = c->W >= c->H ? a->h : a->w;
		double ah = c->W >= c->H ? a->w : a->h;
		double kw = aw / c->W, kh = ah / c->H;
		if (aw <= c->W + 0.5 && ah <= c->H + 0.5)
			continue;
		if ((w * kw >= need_w && h * kh >= need_h) ||
		    (w * kw >= need_h && h * kh >= need_w)) {
			snprintf(hint, sizeof(hint), "'size: %s', ", a->name);
			break;
		}
	}
	c->rc = ul_error(c->r->diags, c->r->file, p->receives_pos.line,
			 p->receives_pos.col, "%s: its %s are %.0f × %.0f mm and "
			 "receive the cards of deck '%s' (%.0f × %.0f mm, %.0f mm "
			 "more with the margin to stick them): they do not fit; "
			 "use %sfewer columns or rows, or a smaller card size",
			 c->what, cells, w, h, d->id, cw, ch,
			 2 * RECEIVE_MARGIN, hint);
}

/* ---- size and page furniture ------------------------------------------ */


void
ul_poster_trim(const struct ul_poster *p, double *w, double *h)
{
	double pw = p->size.w > 0 ? p->size.w : 594;
	double ph = p->size.h > 0 ? p->size.h : 841;

	if (p->kind == UL_POSTER_JOURNEY && ul_size_is_a(p->size.name) &&
	    ph > pw) {
		double t = pw;
		pw = ph;
		ph = t;
	}
	*w = pw;
	*h = ph;
}

/*
 * Text on the colour band, headers and badges is large (at least 14 pt
 * bold even at its floor): WCAG 2 asks 3:1 of large text (AA) and 4.5:1
 * for AAA, so those are the error and warning thresholds here; body text
 * goes through ul_render_check_contrast's 4.5:1 and 7:1.
 */
static void
large_contrast(struct pctx *c, const struct ul_color *fg,
	       const struct ul_color *bg, const char *part)
{
	double k = ul_contrast_ratio(fg, bg), shown = floor(k * 10) / 10;
	struct ul_pos pos = c->p->pos;

	if (k < 3)
		c->rc = ul_error(c->r->diags, c->r->file, pos.line, pos.col,
				 "%s: %s: contrast %.1f:1 of '%s' on '%s' is "
				 "under 3:1 for large text", c->what, part,
				 shown, fg->text ? fg->text : "?",
				 bg->text ? bg->text : "?");
	else if (k < 4.5)
		ul_warning(c->r->diags, c->r->file, pos.line, pos.col,
			   "%s: %s: contrast %.1f:1 of '%s' on '%s' is under "
			   "4.5:1 for large text (AAA)", c->what, part, shown,
			   fg->text ? fg->text : "?",
			   bg->text ? bg->text : "?");
}

static void
band(struct pctx *c, double *bottom)
{
	const struct ul_workshop *ws = c->r->ws;
	double bh = fmax(84 * c->s, 26);
	double x = c->b + c->m, w = c->W - 2 * c->m;
	static const struct tstyle kicker = {28, 9, true, false, false,
					     UL_ALIGN_LEFT, TOP, 0};
	static const struct tstyle title = {84, 28, true, false, true,
					    UL_ALIGN_LEFT, MIDDLE, 1.0};

	/* The band runs into the bleed on three sides. */
	set(c, &c->color);
	cairo_rectangle(c->cr, 0, 0, c->W + 2 * c->b, c->b + bh);
	cairo_fill(c->cr);

	double top = c->b + bh * 0.14;
	/* the workshop's name above the title: the kit's language only */
	c->one_lang = true;
	double kh = text(c, ws->title, &kicker, &c->on_color, x, top, w,
			 0, "the workshop title", ws->title ? c->p->pos :
			 c->p->pos);
	c->one_lang = false;
	top += kh + 2 * c->s;
	text(c, c->p->title, &title, &c->on_color, x, top, w,
	     c->b + bh * 0.9 - top, "the title", c->p->pos);
	if (c->r->check)
		large_contrast(c, &c->on_color, &c->color, "the title band");
	*bottom = c->b + bh;
}

static void
footer(struct pctx *c, double *top)
{
	const struct ul_workshop *ws = c->r->ws;
	const char *tmpl = c->p->qr.enabled ?
			   ul_qr_template(ws, &c->p->qr) : NULL;
	double qb = tmpl ? fmax(40 * c->s, 26) : 0;
	double fh = fmax(qb, fmax(11 * c->s, 5));
	double y = c->b + c->H - c->m - fh;
	double x = c->b + c->m, w = c->W - 2 * c->m - (qb ? qb + c->m : 0);
	static const struct tstyle ts = {20, 7, false, false, false,
					 UL_ALIGN_LEFT, BOTTOM, 0};
	struct ul_buf b;

	ul_buf_init(&b);
	ul_buf_adds(&b, ws->title ? ws->title : ws->id);
	if (ws->territory)
		ul_buf_addf(&b, " · %s", ws->territory);
	if (ws->date)
		ul_buf_addf(&b, " · %s", ws->date);
	char *commons = ul_commons_line(ws, " · ");
	ul_buf_adds(&b, commons ? commons : "");
	free(commons);
	ul_buf_adds(&b, " · utilab");

	/* A hairline over the footer, the width of the text column. */
	set(c, &c->rule);
	cairo_set_line_width(c->cr, fmax(0.5 * c->s, 0.25));
	cairo_move_to(c->cr, x, y + fh - fmax(11 * c->s, 5) - 2 * c->s);
	cairo_line_to(c->cr, x + w, y + fh - fmax(11 * c->s, 5) - 2 * c->s);
	cairo_stroke(c->cr);
	text(c, b.s, &ts, &c->ink, x, y, w, fh, "the footer", c->p->pos);
	ul_buf_release(&b);

	if (tmpl) {
		struct ul_qr_vars v = {ws->id, "poster", c->p->id, NULL,
				       ws->view ? ws->langs[ws->view] :
				       c->r->lang ? c->r->lang : ws->lang,
				       NULL};
		const char *why;
		char *url = ul_qr_expand(tmpl, &v, &why);
		struct ul_pos qpos = c->p->qr.pos.line ? c->p->qr.pos
						       : c->p->pos;
		if (!url) {
			c->rc = ul_error(c->r->diags, c->r->file, qpos.line,
					 qpos.col, "%s: %s", c->what, why);
		} else {
			if (ul_qr_render(c->cr, url, c->b + c->W - c->m - qb,
					 y + fh - qb, qb, qb, &c->ink,
					 c->r->diags, c->r->file, qpos,
					 c->what, NULL) < 0)
				c->rc = -1;
			free(url);
		}
	}
	*top = y;
}

/* ---- bodies ------------------------------------------------------------ */

static void
journey(struct pctx *c, double x, double y, double w, double h)
{
	const struct ul_poster *p = c->p;
	size_t nc = p->columns.n, nr = p->rows.n;
	double gap = 3 * c->s;
	double lw = fmin(fmax(0.15 * w, 40 * c->s), 130 * c->s);
	double hh = fmax(30 * c->s, 10);
	double notch = hh * 0.28;
	static const struct tstyle head = {36, 11, true, false, false,
					   UL_ALIGN_CENTER, MIDDLE, 1.0};
	static const struct tstyle lane = {32, 10, true, false, false,
					   UL_ALIGN_LEFT, MIDDLE, 1.0};
	char part[96];

	if (nc == 0 || nr == 0)
		return;
	double cw = (w - lw - gap) / nc;
	double ch = (h - hh - gap) / nr;
	receives_check(c, cw - gap, ch - gap, _("cells"));
	if (c->r->check && (cw - gap < STICKY_NOTE || ch - gap < STICKY_NOTE))
		ul_warning(c->r->diags, c->r->file, p->pos.line, p->pos.col,
			   "%s: cells are %.0f × %.0f mm, smaller than a %.0f "
			   "mm sticky note (a larger size or fewer columns "
			   "would help)", c->what, cw - gap, ch - gap,
			   STICKY_NOTE);

	/* Stage headers as chevrons: the journey reads left to right. */
	for (size_t i = 0; i < nc; i++) {
		double cx = x + lw + gap + i * cw, rx = cx + cw - gap;
		cairo_t *cr = c->cr;
		cairo_move_to(cr, cx, y);
		cairo_line_to(cr, rx - notch, y);
		cairo_line_to(cr, rx, y + hh / 2);
		cairo_line_to(cr, rx - notch, y + hh);
		cairo_line_to(cr, cx, y + hh);
		if (i > 0)
			cairo_line_to(cr, cx + notch, y + hh / 2);
		cairo_close_path(cr);
		set(c, &c->color);
		cairo_fill(cr);
		snprintf(part, sizeof(part), "column %zu", i + 1);
		double tx = cx + (i > 0 ? notch : 2 * c->s) + 1.5 * c->s;
		text(c, p->columns.v[i], &head, &c->on_color, tx, y + 1 * c->s,
		     rx - notch - 1.5 * c->s - tx, hh - 2 * c->s, part,
		     p->columns.pos[i]);
	}

	/* Lanes: a tinted label, then one roomy cell per stage. */
	for (size_t j = 0; j < nr; j++) {
		double ry = y + hh + gap + j * ch;
		rounded(c->cr, x, ry, lw, ch - gap, 3 * c->s);
		set(c, &c->tint);
		cairo_fill(c->cr);
		set(c, &c->color);
		cairo_rectangle(c->cr, x, ry, fmax(2.5 * c->s, 1), ch - gap);
		cairo_fill(c->cr);
		snprintf(part, sizeof(part), "row %zu", j + 1);
		text(c, p->rows.v[j], &lane, &c->ink, x + 7 * c->s, ry + 4 * c->s,
		     lw - 11 * c->s, ch - gap - 8 * c->s, part, p->rows.pos[j]);
		for (size_t i = 0; i < nc; i++) {
			double cx = x + lw + gap + i * cw;
			rounded(c->cr, cx, ry, cw - gap, ch - gap, 3 * c->s);
			set(c, &c->rule);
			cairo_set_line_width(c->cr, fmax(0.6 * c->s, 0.25));
			cairo_stroke(c->cr);
		}
	}
}

static void
canvas(struct pctx *c, double x, double y, double w, double h)
{
	const struct ul_poster *p = c->p;
	size_t n = p->nzones;
	double gap = 6 * c->s;
	static const struct tstyle ztitle = {40, 12, true, false, false,
					     UL_ALIGN_LEFT, TOP, 1.0};
	static const struct tstyle zhint = {28, 9, false, true, true,
					    UL_ALIGN_LEFT, TOP, 0};
	char part[96];

	if (n == 0)
		return;
	/* Columns so zones come out roughly square on this sheet. */
	size_t cols = (size_t)lround(sqrt((double)n * w / h));
	if (cols < 1)
		cols = 1;
	if (cols > n)
		cols = n;
	size_t rows = (n + cols - 1) / cols;
	double zh = (h + gap) / rows;

	for (size_t k = 0; k < n; k++) {
		size_t row = k / cols, col = k % cols;
		/* The last row shares the full width among fewer zones. */
		size_t inrow = row == rows - 1 ? n - row * cols : cols;
		double zw = (w + gap) / inrow;
		double zx = x + col * zw, zy = y + row * zh;
		double bw = zw - gap, bh = zh - gap;
		receives_check(c, bw, bh * 0.6, _("zones (below their titles)"));
		double pad = 8 * c->s;
		double badge = fmax(18 * c->s, 6);
		const struct ul_zone *z = &p->zones[k];

		rounded(c->cr, zx, zy, bw, bh, 5 * c->s);
		set(c, &c->color);
		cairo_set_line_width(c->cr, fmax(1.0 * c->s, 0.35));
		cairo_stroke(c->cr);

		/*
		 * A numbered badge, so a room can say "zone 3", unless the
		 * title already starts with a number ("1. Ce qui coince").
		 */
		bool numbered = z->title && z->title[0] >= '0' &&
				z->title[0] <= '9';
		if (!numbered) {
			cairo_arc(c->cr, zx + pad + badge / 2,
				  zy + pad + badge / 2, badge / 2, 0, 2 * M_PI);
			set(c, &c->color);
			cairo_fill(c->cr);
			char num[24];
			snprintf(num, sizeof(num), "%zu", k + 1);
			static const struct tstyle bt = {26, 8, true, false,
							 false, UL_ALIGN_CENTER,
							 MIDDLE, 1.0};
			text(c, num, &bt, &c->on_color, zx + pad, zy + pad,
			     badge, badge, "a zone number", z->pos);
		}
		double tx = zx + pad + (numbered ? 0 : badge + 4 * c->s);
		double tw = bw - (tx - zx) - pad;
		snprintf(part, sizeof(part), "zone %zu's title", k + 1);
		double th = text(c, z->title, &ztitle, &c->ink, tx,
				 zy + pad + 0.3 * c->s, tw, bh * 0.3, part,
				 z->pos);
		if (!numbered && th < badge)
			th = badge;
		snprintf(part, sizeof(part), "zone %zu's hint", k + 1);
		text(c, z->text, &zhint, &c->ink, tx, zy + pad + th + 3 * c->s,
		     tw, bh * 0.35, part, z->pos);
	}
}

static void
vote(struct pctx *c, double x, double y, double w, double h)
{
	const struct ul_poster *p = c->p;
	size_t n = p->items.n;
	static const struct tstyle item = {40, 12, true, false, true,
					   UL_ALIGN_LEFT, MIDDLE, 1.0};
	static const struct tstyle bt = {30, 8, true, false, false,
					 UL_ALIGN_CENTER, MIDDLE, 1.0};
	static const struct tstyle dots = {30, 10, true, false, false,
					   UL_ALIGN_LEFT, MIDDLE, 1.0};
	char part[96];

	if (n == 0)
		return;
	if (p->dots > 0) {
		char *s = p->dots > 1 ?
			  ul_xasprintf(label(c, "%d gommettes par personne : "
					     "collez-les sur ce qui compte le "
					     "plus pour vous"), p->dots) :
			  ul_xstrdup(label(c, "1 gommette par personne : "
					   "collez-la sur ce qui compte le plus "
					   "pour vous"));
		double dh = fmax(16 * c->s, 7);
		double r = dh * 0.28;
		cairo_arc(c->cr, x + r, y + dh / 2, r, 0, 2 * M_PI);
		set(c, &c->color);
		cairo_fill(c->cr);
		text(c, s, &dots, &c->ink, x + 2 * r + 3 * c->s, y,
		     w - 2 * r - 3 * c->s, dh, "the dots line", p->pos);
		free(s);
		y += dh + 6 * c->s;
		h -= dh + 6 * c->s;
	}
	size_t cols = n > 8 ? 2 : 1;
	size_t rows = (n + cols - 1) / cols;
	double gap = 5 * c->s, cgap = 12 * c->s;
	double rh = fmin((h + gap) / rows, 110 * c->s);
	double colw = (w - (cols - 1) * cgap) / cols;

	for (size_t k = 0; k < n; k++) {
		double cx = x + (k / rows) * (colw + cgap);
		double ry = y + (k % rows) * rh, bh = rh - gap;
		double badge = fmin(bh * 0.5, 22 * c->s);
		double tw = colw * (cols > 1 ? 0.34 : 0.4);
		double zx = cx + badge + 6 * c->s + tw + 6 * c->s;
		char num[24];

		cairo_arc(c->cr, cx + badge / 2, ry + bh / 2, badge / 2, 0,
			  2 * M_PI);
		set(c, &c->color);
		cairo_fill(c->cr);
		snprintf(num, sizeof(num), "%zu", k + 1);
		text(c, num, &bt, &c->on_color, cx, ry + bh / 2 - badge / 2,
		     badge, badge, "an item number", p->items.pos[k]);
		snprintf(part, sizeof(part), "item %zu", k + 1);
		text(c, p->items.v[k], &item, &c->ink,
		     cx + badge + 6 * c->s, ry, tw, bh, part, p->items.pos[k]);
		/* The dot zone: tinted, with a dashed edge inviting dots. */
		receives_check(c, cx + colw - zx, bh, _("dot zones"));
		rounded(c->cr, zx, ry, cx + colw - zx, bh, 4 * c->s);
		set(c, &c->tint);
		cairo_fill_preserve(c->cr);
		double dash = 3 * c->s;
		cairo_set_dash(c->cr, &dash, 1, 0);
		set(c, &c->rule);
		cairo_set_line_width(c->cr, fmax(0.6 * c->s, 0.25));
		cairo_stroke(c->cr);
		cairo_set_dash(c->cr, NULL, 0, 0);
	}
}

static void
fmt_clock(char *buf, size_t n, int minutes)
{
	snprintf(buf, n, "%02d:%02d", minutes / 60 % 100, minutes % 60);
}

static void
agenda(struct pctx *c, double x, double y, double w, double h)
{
	const struct ul_workshop *ws = c->r->ws;
	size_t n = ws->nphases;
	static const struct tstyle tt = {40, 12, true, false, false,
					 UL_ALIGN_RIGHT, TOP, 1.0};
	static const struct tstyle mt = {24, 8, false, false, false,
					 UL_ALIGN_RIGHT, TOP, 1.0};
	static const struct tstyle pt = {44, 12, true, false, true,
					 UL_ALIGN_LEFT, TOP, 1.0};
	static const struct tstyle total = {28, 9, true, false, false,
					    UL_ALIGN_RIGHT, TOP, 1.0};
	char part[96], buf[64];
	int t = 0;

	if (n == 0) {
		if (c->r->check)
			ul_warning(c->r->diags, c->r->file, c->p->pos.line,
				   c->p->pos.col, "%s: the workshop has no "
				   "phases to show on an agenda", c->what);
		return;
	}
	double totalh = fmax(18 * c->s, 8);
	double rh = fmin((h - totalh) / n, 64 * c->s);
	double tw = fmax(44 * c->s, 18);
	double lx = x + tw + 10 * c->s;		/* the timeline */
	double px = lx + 12 * c->s, pw = x + w - px;
	double dot = fmax(5 * c->s, 2);

	/* The timeline: one line, a dot per phase. */
	set(c, &c->color);
	cairo_set_line_width(c->cr, fmax(1.2 * c->s, 0.4));
	cairo_move_to(c->cr, lx, y + 8 * c->s);
	cairo_line_to(c->cr, lx, y + (n - 1) * rh + 8 * c->s);
	cairo_stroke(c->cr);
	for (size_t k = 0; k < n; k++) {
		const struct ul_phase *ph = &ws->phases[k];
		double ry = y + k * rh;

		cairo_arc(c->cr, lx, ry + 8 * c->s, dot, 0, 2 * M_PI);
		set(c, &c->color);
		cairo_fill(c->cr);
		fmt_clock(buf, sizeof(buf), t);
		snprintf(part, sizeof(part), "phase %zu's time", k + 1);
		double th = text(c, buf, &tt, &c->ink, x, ry, tw, 0, part,
				 ph->pos);
		snprintf(buf, sizeof(buf), "%d min", ph->minutes);
		text(c, buf, &mt, &c->ink, x, ry + th, tw, 0, part, ph->pos);
		snprintf(part, sizeof(part), "phase %zu's title", k + 1);
		text(c, ph->title, &pt, &c->ink, px, ry, pw, rh - 4 * c->s,
		     part, ph->pos);
		t += ph->minutes;
	}
	char *s = t >= 60 ?
		  ul_xasprintf("%s %d h %02d", label(c, "Durée totale :"),
			       t / 60, t % 60) :
		  ul_xasprintf("%s %d min", label(c, "Durée totale :"), t);
	text(c, s, &total, &c->ink, x, y + n * rh, w, totalh, "the total",
	     c->p->pos);
	free(s);
}

/* ---- entry point ------------------------------------------------------- */


int
ul_poster_draw(struct ul_render *r, const struct ul_poster *p, cairo_t *cr)
{
	struct pctx c = {0};
	double top, bottom, x, w;

	c.r = r;
	c.p = p;
	c.cr = cr;
	c.b = r->bleed;
	ul_poster_trim(p, &c.W, &c.H);
	c.s = sqrt(c.W * c.H / A1_AREA);
	c.m = fmax(18 * c.s, 8);
	snprintf(c.what, sizeof(c.what), _("poster '%s'"), p->id ? p->id : "?");
	c.color = ul_render_accent(r, &p->color);
	c.ink = ul_render_ink(r);
	c.paper = ul_render_paper(r);
	c.on_color = ul_render_ink_on(r, &c.color);
	c.tint = mix(&c.paper, &c.color, 0.10);
	snprintf(c.tint_hex, sizeof(c.tint_hex), "#%02X%02X%02X",
		 (int)lround(c.tint.r * 255), (int)lround(c.tint.g * 255),
		 (int)lround(c.tint.b * 255));
	c.tint.text = c.tint_hex;
	c.rule = mix(&c.paper, &c.ink, 0.35);

	cairo_save(cr);
	set(&c, &c.paper);
	cairo_paint(cr);
	band(&c, &top);
	x = c.b + c.m;
	w = c.W - 2 * c.m;
	top += c.m * 0.8;
	if (p->text && *p->text) {
		static const struct tstyle ins = {36, 14, false, false, true,
						  UL_ALIGN_LEFT, TOP, 0};
		double ih = text(&c, p->text, &ins, &c.ink, x, top, w,
				 fmax(44 * c.s, 16), "the instructions",
				 p->pos);
		top += ih + c.m * 0.8;
	}
	footer(&c, &bottom);
	bottom -= c.m * 0.8;
	if (r->check)
		ul_render_check_contrast(r, &c.ink, &c.paper, p->pos, c.what);
	if (bottom - top < 20 * c.s) {
		c.rc = ul_error(r->diags, r->file, p->pos.line, p->pos.col,
				"%s: no room left for the %s body at %s",
				c.what, ul_poster_kind_name(p->kind),
				p->size.name ? p->size.name : _("this size"));
	} else {
		switch (p->kind) {
		case UL_POSTER_JOURNEY:
			journey(&c, x, top, w, bottom - top);
			break;
		case UL_POSTER_CANVAS:
			canvas(&c, x, top, w, bottom - top);
			break;
		case UL_POSTER_VOTE:
			vote(&c, x, top, w, bottom - top);
			break;
		case UL_POSTER_AGENDA:
			agenda(&c, x, top, w, bottom - top);
			break;
		}
	}
	cairo_restore(cr);
	return c.rc;
}
