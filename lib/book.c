/* SPDX-License-Identifier: ISC */
/*
 * Book layout: turns a list of blocks into pages. Everything is laid out
 * first (every paragraph broken into lines, every block given its page and
 * place), then drawn, so the table of contents and the bookmarks carry the
 * pages where things really are. The front matter (cover, its back, the
 * contents) is sized from the entries alone, before the content is laid
 * out, so one layout pass is enough.
 * Owns the page grid, the block list and the Pango layouts of the blocks;
 * knows nothing of workshops, results, files or argv.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "book.h"
#include "render.h"
#include "text.h"
#include "util.h"

enum bkind {
	B_PART, B_CHAPTER, B_HEADING, B_PARA, B_ITEM, B_FACT, B_FIGURE,
	B_SPACE, B_RULE, B_BREAK
};

struct lines {
	PangoLayout *lay;
	int n;
	double *top, *base, *x;	/* mm, from the layout's top; x from its left */
	double height;		/* mm */
};

struct block {
	enum bkind kind;
	int level;
	char *a, *b, *c;	/* markup: part title/kicker/intro, fact label/value, bullet */
	enum ul_para_style style;
	int depth;
	bool new_page;
	double w, h, mm;
	ul_book_draw_fn fn;
	void *ctx;

	/* laid out */
	struct lines text, side;	/* side: a fact's value, an item's bullet */
	double height;		/* unsplittable blocks: total height, mm */
	int page;		/* parts and chapters: where they start (content index) */
	double y;
	int part;		/* chapters: the block index of their part */
};

struct placed {
	size_t block;
	int page;
	double y;
	int l0, l1;		/* lines drawn, for paragraphs and items */
};

struct page {
	int part;		/* block index of the part, -1 before any */
	bool opener;
};

struct ul_book {
	struct ul_text *t;
	struct ul_book_opts o;
	double size;		/* body pt */
	double inner, outer, top, bottom, bw;	/* mm */

	struct block *v;
	size_t n, cap;

	struct placed *pl;
	size_t npl, cappl;
	struct page *pages;
	int npages, cappages;
	int front;		/* pages before the content */
	int drawn;
};

static const struct ul_color grey = { 0.38, 0.38, 0.38, "#616161" };
static const struct ul_color white = { 1, 1, 1, "#FFFFFF" };

struct ul_book *
ul_book_new(struct ul_text *t, const struct ul_book_opts *o)
{
	struct ul_book *b = ul_xcalloc(1, sizeof(*b));
	double k = o->page_w / 148.0;

	b->t = t;
	b->o = *o;
	/* A5 sets 9.5 pt; bigger pages a little bigger, never in proportion. */
	b->size = 9.5 * (k > 1.2 ? 1.12 : 1);
	b->inner = 17 * k;
	b->outer = 14 * k;
	b->top = 19 * sqrt(k);
	b->bottom = o->page_h - 19 * sqrt(k);
	b->bw = o->page_w - b->inner - b->outer;
	return b;
}

static void
lines_release(struct lines *l)
{
	if (l->lay)
		g_object_unref(l->lay);
	free(l->top);
	free(l->base);
	free(l->x);
	memset(l, 0, sizeof(*l));
}

void
ul_book_free(struct ul_book *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->n; i++) {
		free(b->v[i].a);
		free(b->v[i].b);
		free(b->v[i].c);
		lines_release(&b->v[i].text);
		lines_release(&b->v[i].side);
	}
	free(b->v);
	free(b->pl);
	free(b->pages);
	free(b);
}

double
ul_book_body_width(const struct ul_book *b)
{
	return b->bw;
}

double
ul_book_body_height(const struct ul_book *b)
{
	return b->bottom - b->top;
}

double
ul_book_body_size(const struct ul_book *b)
{
	return b->size;
}

int
ul_book_pages(const struct ul_book *b)
{
	return b->drawn;
}

char *
ul_book_markup(const struct ul_book *b, const char *s, bool inl)
{
	return ul_text_markup(b->t, s ? s : "", inl, false);
}

static struct block *
add(struct ul_book *b, enum bkind k)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 64;
		b->v = ul_xreallocarray(b->v, b->cap, sizeof(*b->v));
	}
	struct block *bl = &b->v[b->n++];
	memset(bl, 0, sizeof(*bl));
	bl->kind = k;
	bl->part = -1;
	return bl;
}

static char *
dup(const char *s)
{
	return s ? ul_xstrdup(s) : NULL;
}

void
ul_book_part(struct ul_book *b, const char *title, const char *kicker,
	     const char *intro)
{
	struct block *bl = add(b, B_PART);
	bl->a = ul_book_markup(b, title, false);
	bl->b = kicker ? ul_book_markup(b, kicker, false) : NULL;
	bl->c = dup(intro);
}

void
ul_book_chapter(struct ul_book *b, const char *title, bool new_page)
{
	struct block *bl = add(b, B_CHAPTER);
	bl->a = ul_book_markup(b, title, false);
	bl->new_page = new_page;
}

void
ul_book_heading(struct ul_book *b, int level, const char *title)
{
	struct block *bl = add(b, B_HEADING);
	bl->a = ul_book_markup(b, title, false);
	bl->level = level < 2 ? 2 : level;
}

void
ul_book_para(struct ul_book *b, const char *markup, enum ul_para_style st)
{
	struct block *bl = add(b, B_PARA);
	bl->a = dup(markup);
	bl->style = st;
}

void
ul_book_item(struct ul_book *b, const char *bullet, const char *markup, int depth)
{
	struct block *bl = add(b, B_ITEM);
	bl->a = dup(markup);
	bl->c = ul_book_markup(b, bullet ? bullet : "•", false);
	bl->depth = depth < 0 ? 0 : depth;
}

void
ul_book_fact(struct ul_book *b, const char *label, const char *value)
{
	struct block *bl = add(b, B_FACT);
	bl->a = ul_book_markup(b, label, false);
	bl->b = dup(value);
}

void
ul_book_figure(struct ul_book *b, double w, double h, ul_book_draw_fn fn,
	       void *ctx, const char *caption)
{
	struct block *bl = add(b, B_FIGURE);
	bl->w = w > b->bw ? b->bw : w;
	bl->h = h;
	bl->fn = fn;
	bl->ctx = ctx;
	bl->a = dup(caption);
}

void
ul_book_space(struct ul_book *b, double mm)
{
	add(b, B_SPACE)->mm = mm;
}

void
ul_book_rule(struct ul_book *b)
{
	add(b, B_RULE);
}

void
ul_book_page_break(struct ul_book *b)
{
	add(b, B_BREAK);
}

/* ---- type ----------------------------------------------------------------- */

struct tstyle {
	double size, spacing;
	bool bold, italic;
	PangoAlignment align;
};

static void
lay_lines(struct ul_book *b, struct lines *l, const char *markup,
	  const struct tstyle *ts, double width)
{
	PangoFontDescription *fd = pango_font_description_new();
	PangoLayoutIter *it;

	lines_release(l);
	l->lay = pango_layout_new(ul_text_context(b->t));
	pango_font_description_set_family(fd, ul_text_family(b->t));
	pango_font_description_set_size(fd, (int)lround(ts->size * PANGO_SCALE));
	pango_font_description_set_weight(fd, ts->bold ? PANGO_WEIGHT_BOLD :
					      PANGO_WEIGHT_NORMAL);
	pango_font_description_set_style(fd, ts->italic ? PANGO_STYLE_ITALIC :
					     PANGO_STYLE_NORMAL);
	pango_layout_set_font_description(l->lay, fd);
	pango_font_description_free(fd);
	pango_layout_set_wrap(l->lay, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_width(l->lay, (int)lround(width * UL_PT_PER_MM * PANGO_SCALE));
	pango_layout_set_line_spacing(l->lay, (float)ts->spacing);
	pango_layout_set_alignment(l->lay, ts->align);
	pango_layout_set_markup(l->lay, markup ? markup : "", -1);

	l->n = pango_layout_get_line_count(l->lay);
	l->top = ul_xcalloc((size_t)l->n + 1, sizeof(double));
	l->base = ul_xcalloc((size_t)l->n + 1, sizeof(double));
	l->x = ul_xcalloc((size_t)l->n + 1, sizeof(double));
	it = pango_layout_get_iter(l->lay);
	int i = 0;
	do {
		int y0, y1;
		PangoRectangle log;
		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		pango_layout_iter_get_line_extents(it, NULL, &log);
		l->top[i] = (double)y0 / PANGO_SCALE * UL_MM_PER_PT;
		l->base[i] = (double)pango_layout_iter_get_baseline(it) /
			     PANGO_SCALE * UL_MM_PER_PT;
		l->x[i] = (double)log.x / PANGO_SCALE * UL_MM_PER_PT;
		i++;
	} while (i < l->n && pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	PangoRectangle ext;
	pango_layout_get_extents(l->lay, NULL, &ext);
	l->height = (double)ext.height / PANGO_SCALE * UL_MM_PER_PT;
	l->top[l->n] = l->height;
}

/* The height of lines [a, b) when set on their own. */
static double
span(const struct lines *l, int a, int b)
{
	return l->top[b] - l->top[a];
}

static void
draw_lines(cairo_t *cr, const struct lines *l, int a, int b, double x, double y)
{
	cairo_save(cr);
	cairo_scale(cr, UL_MM_PER_PT, UL_MM_PER_PT);
	for (int i = a; i < b; i++) {
		PangoLayoutLine *line = pango_layout_get_line_readonly(l->lay, i);
		cairo_move_to(cr, (x + l->x[i]) * UL_PT_PER_MM,
			      (y + l->base[i] - l->top[a]) * UL_PT_PER_MM);
		pango_cairo_show_layout_line(cr, line);
	}
	cairo_restore(cr);
}

static struct tstyle
para_style(const struct ul_book *b, enum ul_para_style st)
{
	struct tstyle ts = { b->size, 1.32, false, false, PANGO_ALIGN_LEFT };

	switch (st) {
	case UL_PARA_BODY:
		break;
	case UL_PARA_LEAD:
		ts.size = b->size * 1.2;
		ts.spacing = 1.25;
		break;
	case UL_PARA_SMALL:
	case UL_PARA_CODE:
		ts.size = b->size * 0.86;
		break;
	case UL_PARA_QUOTE:
		ts.italic = true;
		break;
	case UL_PARA_CAPTION:
		ts.size = b->size * 0.82;
		ts.italic = true;
		ts.spacing = 1.2;
		break;
	}
	return ts;
}

static double
para_indent(const struct block *bl)
{
	return bl->style == UL_PARA_QUOTE || bl->style == UL_PARA_CODE ? 5 : 0;
}

static double
item_indent(const struct ul_book *b, const struct block *bl)
{
	return (double)bl->depth * 5 + b->size * 0.55;
}

/* Heights and spacing, mm. */
static double
after(const struct ul_book *b, const struct block *bl)
{
	switch (bl->kind) {
	case B_PARA:
		return bl->style == UL_PARA_LEAD ? 3.6 : 2.3;
	case B_ITEM:
		return 1.1;
	case B_CHAPTER:
		return 3.2;
	case B_HEADING:
		return bl->level == 2 ? 1.8 : 1.2;
	case B_FACT:
		return 1.0;
	case B_FIGURE:
		return 4.0;
	default:
		(void)b;
		return 0;
	}
}

static double
before(const struct block *bl)
{
	switch (bl->kind) {
	case B_CHAPTER:
		return 7;
	case B_HEADING:
		return bl->level == 2 ? 4.2 : 2.6;
	case B_FIGURE:
		return 1.5;
	default:
		return 0;
	}
}

static void
prepare(struct ul_book *b, struct block *bl)
{
	struct tstyle ts = para_style(b, UL_PARA_BODY);

	switch (bl->kind) {
	case B_CHAPTER:
		ts.size = b->size * 1.75;
		ts.spacing = 1.05;
		ts.bold = true;
		lay_lines(b, &bl->text, bl->a, &ts, b->bw);
		bl->height = bl->text.height + 2.2;	/* the rule above */
		break;
	case B_HEADING:
		ts.size = bl->level == 2 ? b->size * 1.28 : b->size * 1.06;
		ts.spacing = 1.1;
		ts.bold = true;
		lay_lines(b, &bl->text, bl->a, &ts, b->bw);
		bl->height = bl->text.height;
		break;
	case B_PARA:
		ts = para_style(b, bl->style);
		lay_lines(b, &bl->text, bl->a, &ts, b->bw - para_indent(bl));
		break;
	case B_ITEM:
		lay_lines(b, &bl->text, bl->a, &ts, b->bw - item_indent(b, bl));
		ts.bold = true;
		lay_lines(b, &bl->side, bl->c, &ts, 30);
		if (bl->side.n) {
			PangoRectangle r;
			pango_layout_line_get_extents(
				pango_layout_get_line_readonly(bl->side.lay, 0), NULL, &r);
			bl->w = (double)r.width / PANGO_SCALE * UL_MM_PER_PT;
		}
		break;
	case B_FACT:
		ts.size = b->size * 0.86;
		ts.bold = true;
		lay_lines(b, &bl->side, bl->a, &ts, b->bw * 0.27);
		ts = para_style(b, UL_PARA_BODY);
		lay_lines(b, &bl->text, bl->b, &ts, b->bw * 0.71);
		bl->height = fmax(bl->side.height, bl->text.height) + 1.6;
		break;
	case B_FIGURE:
		if (bl->a) {
			ts = para_style(b, UL_PARA_CAPTION);
			ts.align = PANGO_ALIGN_CENTER;
			lay_lines(b, &bl->text, bl->a, &ts, b->bw);
		}
		if (bl->h > b->bottom - b->top - bl->text.height - 2)
			bl->h = b->bottom - b->top - bl->text.height - 2;
		bl->height = bl->h + (bl->a ? bl->text.height + 1.8 : 0);
		break;
	default:
		break;
	}
}

/* ---- layout ----------------------------------------------------------- */

struct flow {
	struct ul_book *b;
	int page;		/* content index, -1 before the first */
	double y;
	int part;
};

static bool
fresh(const struct flow *f)
{
	return f->page < 0 || f->y <= f->b->top + 0.01;
}

static void
newpage(struct flow *f, bool opener)
{
	struct ul_book *b = f->b;

	if (b->npages == b->cappages) {
		b->cappages = b->cappages ? 2 * b->cappages : 32;
		b->pages = ul_xreallocarray(b->pages, (size_t)b->cappages,
					    sizeof(*b->pages));
	}
	b->pages[b->npages].part = f->part;
	b->pages[b->npages].opener = opener;
	f->page = b->npages++;
	f->y = b->top;
}

static void
place(struct flow *f, size_t i, double y, int l0, int l1)
{
	struct ul_book *b = f->b;

	if (b->npl == b->cappl) {
		b->cappl = b->cappl ? 2 * b->cappl : 256;
		b->pl = ul_xreallocarray(b->pl, b->cappl, sizeof(*b->pl));
	}
	b->pl[b->npl++] = (struct placed){ i, f->page, y, l0, l1 };
}

/* How much of block i must come on the same page as the heading before it. */
static double
keep(const struct ul_book *b, size_t i, int depth)
{
	const struct block *bl;

	if (i >= b->n || depth > 2)
		return 0;
	bl = &b->v[i];
	switch (bl->kind) {
	case B_PARA:
	case B_ITEM: {
		int n = bl->text.n;
		return span(&bl->text, 0, n <= 3 ? n : 2);
	}
	case B_FACT:
	case B_FIGURE:
		return before(bl) + bl->height;
	case B_HEADING:
		return before(bl) + bl->height + after(b, bl) + keep(b, i + 1, depth + 1);
	default:
		return 0;
	}
}

static void
flow_lines(struct flow *f, size_t i, const struct lines *l)
{
	struct ul_book *b = f->b;
	int at = 0;

	if (f->page < 0)
		newpage(f, false);
	while (at < l->n) {
		int rest = l->n - at, k = 0;
		while (k < rest && f->y + span(l, at, at + k + 1) <= b->bottom + 0.01)
			k++;
		if (k < rest) {
			/* widows: never one line alone at the head of the next page */
			if (rest - k < 2)
				k = rest - 2;
			/* orphans: nor one alone at the foot of this one */
			if (k < 2 && !fresh(f)) {
				newpage(f, false);
				continue;
			}
			if (k < 1)
				k = 1;	/* a line taller than the page: place it anyway */
		}
		place(f, i, f->y, at, at + k);
		f->y += span(l, at, at + k);
		at += k;
		if (at < l->n)
			newpage(f, false);
	}
}

static void
layout(struct ul_book *b)
{
	struct flow f = { b, -1, 0, -1 };

	b->npages = 0;
	b->npl = 0;
	for (size_t i = 0; i < b->n; i++) {
		struct block *bl = &b->v[i];
		double gap;

		switch (bl->kind) {
		case B_PART:
			f.part = (int)i;
			newpage(&f, true);
			bl->page = f.page;
			bl->y = 0;
			place(&f, i, 0, 0, 0);
			newpage(&f, false);
			break;
		case B_BREAK:
			if (!fresh(&f))
				newpage(&f, false);
			break;
		case B_CHAPTER:
		case B_HEADING:
			if (f.page < 0 || (bl->kind == B_CHAPTER && bl->new_page && !fresh(&f)))
				newpage(&f, false);
			gap = fresh(&f) ? 0 : before(bl);
			if (f.y + gap + bl->height + after(b, bl) + keep(b, i + 1, 0) >
			    b->bottom && !fresh(&f)) {
				newpage(&f, false);
				gap = 0;
			}
			f.y += gap;
			bl->page = f.page;
			bl->y = f.y;
			bl->part = f.part;
			place(&f, i, f.y, 0, 0);
			f.y += bl->height + after(b, bl);
			break;
		case B_PARA:
		case B_ITEM:
			flow_lines(&f, i, &bl->text);
			f.y += after(b, bl);
			break;
		case B_FACT:
		case B_FIGURE:
			if (f.page < 0)
				newpage(&f, false);
			gap = fresh(&f) ? 0 : before(bl);
			if (f.y + gap + bl->height > b->bottom + 0.01 && !fresh(&f)) {
				newpage(&f, false);
				gap = 0;
			}
			f.y += gap;
			place(&f, i, f.y, 0, 0);
			f.y += bl->height + after(b, bl);
			break;
		case B_SPACE:
			if (!fresh(&f))
				f.y = fmin(f.y + bl->mm, b->bottom);
			break;
		case B_RULE:
			if (f.page < 0)
				newpage(&f, false);
			if (f.y + 4 > b->bottom)
				newpage(&f, false);
			place(&f, i, f.y + 1.5, 0, 0);
			f.y += 4;
			break;
		}
	}
}

/* ---- drawing ---------------------------------------------------------- */

static void
color(cairo_t *cr, const struct ul_color *c)
{
	cairo_set_source_rgb(cr, c->r, c->g, c->b);
}

static double
left(const struct ul_book *b, int abs_page)
{
	/* Odd pages are right-hand pages: their inner margin is on the left. */
	return abs_page % 2 ? b->inner : b->outer;
}

static void
small_text(struct ul_book *b, cairo_t *cr, const char *markup, double size,
	   bool bold, PangoAlignment al, double x, double y, double w)
{
	struct lines l = { 0 };
	struct tstyle ts = { size, 1, bold, false, al };

	lay_lines(b, &l, markup, &ts, w);
	draw_lines(cr, &l, 0, l.n, x, y);
	lines_release(&l);
}

static void
draw_block(struct ul_book *b, cairo_t *cr, const struct placed *p, double x0)
{
	const struct block *bl = &b->v[p->block];
	double y = p->y;

	switch (bl->kind) {
	case B_CHAPTER:
		color(cr, &b->o.accent);
		cairo_rectangle(cr, x0, y, 14, 1.1);
		cairo_fill(cr);
		draw_lines(cr, &bl->text, 0, bl->text.n, x0, y + 2.2);
		break;
	case B_HEADING:
		color(cr, bl->level == 2 ? &b->o.ink : &b->o.accent);
		draw_lines(cr, &bl->text, 0, bl->text.n, x0, y);
		break;
	case B_PARA:
		color(cr, bl->style == UL_PARA_CAPTION || bl->style == UL_PARA_CODE ?
		      &grey : &b->o.ink);
		draw_lines(cr, &bl->text, p->l0, p->l1, x0 + para_indent(bl), y);
		if (bl->style == UL_PARA_QUOTE) {
			color(cr, &b->o.accent);
			cairo_rectangle(cr, x0 + 1, y, 0.8, span(&bl->text, p->l0, p->l1));
			cairo_fill(cr);
		}
		break;
	case B_ITEM: {
		double ind = item_indent(b, bl);
		color(cr, &b->o.ink);
		draw_lines(cr, &bl->text, p->l0, p->l1, x0 + ind, y);
		if (p->l0 == 0) {
			color(cr, &b->o.accent);
			/* the bullet hangs left of the text, on its first baseline */
			draw_lines(cr, &bl->side, 0, 1, x0 + ind - 1.4 - bl->w,
				   y + bl->text.base[0] - bl->side.base[0]);
		}
		break;
	}
	case B_FACT:
		color(cr, &b->o.accent);
		draw_lines(cr, &bl->side, 0, bl->side.n, x0, y + 0.25);
		color(cr, &b->o.ink);
		draw_lines(cr, &bl->text, 0, bl->text.n, x0 + b->bw * 0.29, y);
		cairo_set_source_rgb(cr, 0.82, 0.82, 0.82);
		cairo_rectangle(cr, x0, y + bl->height - 0.8, b->bw, 0.2);
		cairo_fill(cr);
		break;
	case B_FIGURE: {
		double fx = x0 + (b->bw - bl->w) / 2;
		cairo_save(cr);
		cairo_translate(cr, fx, y);
		cairo_rectangle(cr, 0, 0, bl->w, bl->h);
		cairo_clip(cr);
		bl->fn(bl->ctx, cr, bl->w, bl->h);
		cairo_restore(cr);
		if (bl->a) {
			color(cr, &grey);
			draw_lines(cr, &bl->text, 0, bl->text.n, x0, y + bl->h + 1.8);
		}
		break;
	}
	case B_RULE:
		cairo_set_source_rgb(cr, 0.75, 0.75, 0.75);
		cairo_rectangle(cr, x0, y, b->bw, 0.25);
		cairo_fill(cr);
		break;
	default:
		break;
	}
}

static void
draw_opener(struct ul_book *b, cairo_t *cr, const struct block *bl, int nth)
{
	double W = b->o.page_w, H = b->o.page_h, band = H * 0.58;
	double x = b->inner, w = W - b->inner - b->outer;
	char *kick;
	struct ul_color on = ul_contrast_ratio(&b->o.accent, &white) >= 4.5 ?
			     white : b->o.ink;

	color(cr, &b->o.accent);
	cairo_rectangle(cr, 0, 0, W, band);
	cairo_fill(cr);
	/* a fanned deck, drawn faintly: the method's cards */
	cairo_save(cr);
	cairo_translate(cr, W * 0.72, band * 0.36);
	for (int k = 0; k < 4; k++) {
		cairo_save(cr);
		cairo_rotate(cr, (k - 1.5) * 0.16);
		cairo_rectangle(cr, -W * 0.11, -W * 0.16, W * 0.22, W * 0.31);
		cairo_set_source_rgba(cr, on.r, on.g, on.b, 0.10 + 0.05 * k);
		cairo_fill_preserve(cr);
		cairo_set_source_rgba(cr, on.r, on.g, on.b, 0.45);
		cairo_set_line_width(cr, 0.35);
		cairo_stroke(cr);
		cairo_restore(cr);
	}
	cairo_restore(cr);

	kick = bl->b ? ul_xasprintf("%s %d · %s", b->o.fr ? "Partie" : "Part", nth, bl->b)
		     : ul_xasprintf("%s %d", b->o.fr ? "Partie" : "Part", nth);
	{
		struct lines t = { 0 }, k = { 0 };
		struct tstyle ts = { b->size * 2.6, 1.0, true, false, PANGO_ALIGN_LEFT };
		struct tstyle ks = { b->size * 1.05, 1, true, false, PANGO_ALIGN_LEFT };
		lay_lines(b, &t, bl->a, &ts, w);
		lay_lines(b, &k, kick, &ks, w);
		color(cr, &on);
		double ty = band - 10 - t.height;
		draw_lines(cr, &t, 0, t.n, x, ty);
		draw_lines(cr, &k, 0, k.n, x, ty - k.height - 3);
		lines_release(&t);
		lines_release(&k);
	}
	free(kick);
	if (bl->c) {
		struct lines l = { 0 };
		struct tstyle ts = para_style(b, UL_PARA_LEAD);
		lay_lines(b, &l, bl->c, &ts, w);
		int n = l.n;
		while (n > 0 && band + 10 + span(&l, 0, n) > b->bottom)
			n--;
		color(cr, &b->o.ink);
		draw_lines(cr, &l, 0, n, x, band + 10);
		lines_release(&l);
	}
}

/* The last chapter started on or before content page p, in the page's part. */
static const struct block *
chapter_at(const struct ul_book *b, int p)
{
	const struct block *c = NULL;

	for (size_t i = 0; i < b->n; i++) {
		const struct block *bl = &b->v[i];
		if (bl->kind == B_CHAPTER && bl->page <= p && bl->part == b->pages[p].part)
			c = bl;
		if (bl->kind == B_PART && bl->page > p)
			break;
	}
	return c;
}

/* Whether a chapter starts at the top of page p (placements from at on). */
static bool
opens_chapter(const struct ul_book *b, size_t at, int p)
{
	return at < b->npl && b->pl[at].page == p &&
	       b->v[b->pl[at].block].kind == B_CHAPTER &&
	       b->pl[at].y <= b->top + 0.01;
}

/*
 * The running head (none on a page a chapter opens: its title is there,
 * big) and the folio.
 */
static void
furniture(struct ul_book *b, cairo_t *cr, int p, int abs, bool opening)
{
	const struct ul_book_opts *o = &b->o;
	double x = left(b, abs), y = b->top - 9.5, hs = b->size * 0.78;
	const char *head = NULL;
	char *own = NULL, num[16];
	bool recto = abs % 2;

	if (recto) {
		const struct block *c = chapter_at(b, p);
		if (c)
			head = c->a;
		else if (b->pages[p].part >= 0)
			head = b->v[b->pages[p].part].a;
	} else if (b->pages[p].part >= 0) {
		head = b->v[b->pages[p].part].a;
	} else if (o->title) {
		head = own = ul_book_markup(b, o->title, false);
	}
	if (head && !opening) {
		color(cr, &grey);
		small_text(b, cr, head, hs, false, recto ? PANGO_ALIGN_RIGHT :
			   PANGO_ALIGN_LEFT, x, y, b->bw);
		cairo_set_source_rgb(cr, 0.8, 0.8, 0.8);
		cairo_rectangle(cr, x, y + hs * UL_MM_PER_PT * 1.6, b->bw, 0.2);
		cairo_fill(cr);
	}
	free(own);
	snprintf(num, sizeof(num), "%d", abs);
	color(cr, &o->accent);
	small_text(b, cr, num, b->size * 0.95, true, recto ? PANGO_ALIGN_RIGHT :
		   PANGO_ALIGN_LEFT, x, b->bottom + 7, b->bw);
}

/* ---- front matter ------------------------------------------------------- */

struct toc_entry {
	const struct block *bl;
	struct lines text;
	double height;
};

/*
 * Lay the contents out: returns the pages it takes; with cr, draws page
 * `want` (0-based within the contents) with the entries' page numbers.
 */
static int
toc_flow(struct ul_book *b, struct toc_entry *e, size_t n, cairo_t *cr,
	 int want, int abs)
{
	double y = b->top + 16, x = left(b, abs), numw = 9;
	int page = 0;

	if (cr && want == 0) {
		struct lines t = { 0 };
		struct tstyle ts = { b->size * 2.2, 1, true, false, PANGO_ALIGN_LEFT };
		lay_lines(b, &t, b->o.fr ? "Sommaire" : "Contents", &ts, b->bw);
		color(cr, &b->o.accent);
		draw_lines(cr, &t, 0, t.n, x, b->top);
		lines_release(&t);
	}
	for (size_t i = 0; i < n; i++) {
		bool part = e[i].bl->kind == B_PART;
		double gap = part && i ? 3.5 : 1.2;
		if (y + gap + e[i].height > b->bottom) {
			page++;
			y = b->top;
			gap = 0;
		}
		y += gap;
		if (cr && page == want) {
			char num[16];
			int target = b->front + e[i].bl->page + 1;
			double ind = part ? 0 : 5;
			snprintf(num, sizeof(num), "%d", target);
			color(cr, part ? &b->o.accent : &b->o.ink);
			draw_lines(cr, &e[i].text, 0, e[i].text.n, x + ind, y);
			small_text(b, cr, num, part ? b->size * 1.1 : b->size, part,
				   PANGO_ALIGN_RIGHT, x + b->bw - numw,
				   y + e[i].text.base[e[i].text.n - 1] -
				   (part ? b->size * 1.1 : b->size) * UL_MM_PER_PT * 0.93,
				   numw);
			if (part) {
				cairo_set_source_rgb(cr, 0.8, 0.8, 0.8);
				cairo_rectangle(cr, x, y + e[i].height + 0.6, b->bw, 0.2);
				cairo_fill(cr);
			}
		}
		y += e[i].height + (part ? 1.5 : 0);
	}
	return page + 1;
}

static void
draw_cover(struct ul_book *b, cairo_t *cr, const struct ul_book_cover *c)
{
	double W = b->o.page_w, H = b->o.page_h, band = H * 0.64;
	double x = b->inner, w = W - b->inner - b->outer;
	struct ul_color on = ul_contrast_ratio(&b->o.accent, &white) >= 4.5 ?
			     white : b->o.ink;
	struct tstyle ts = { b->size * 3.1, 1.0, true, false, PANGO_ALIGN_LEFT };
	struct tstyle ss = { b->size * 1.35, 1.15, false, false, PANGO_ALIGN_LEFT };
	struct lines t = { 0 }, s = { 0 };
	char *mk;

	color(cr, &b->o.accent);
	cairo_rectangle(cr, 0, 0, W, band);
	cairo_fill(cr);
	/* Cards laid on the table: a grid of rounded tiles, some filled. */
	for (int r = 0; r < 3; r++)
		for (int k = 0; k < 5; k++) {
			double cw = W / 6.2, ch = cw * 1.4;
			double cx = x + k * (cw + 3) - 4 * (r % 2);
			double cy = 12 + r * (ch + 3);
			if (cx + cw > W + 6 || (r + k) % 3 == 1)
				continue;
			cairo_new_sub_path(cr);
			cairo_arc(cr, cx + cw - 2, cy + 2, 2, -M_PI / 2, 0);
			cairo_arc(cr, cx + cw - 2, cy + ch - 2, 2, 0, M_PI / 2);
			cairo_arc(cr, cx + 2, cy + ch - 2, 2, M_PI / 2, M_PI);
			cairo_arc(cr, cx + 2, cy + 2, 2, M_PI, 3 * M_PI / 2);
			cairo_close_path(cr);
			cairo_set_source_rgba(cr, on.r, on.g, on.b, (r + k) % 2 ? 0.16 : 0.07);
			cairo_fill(cr);
		}

	mk = ul_book_markup(b, c->title, false);
	lay_lines(b, &t, mk, &ts, w);
	free(mk);
	mk = ul_book_markup(b, c->subtitle, false);
	lay_lines(b, &s, mk, &ss, w);
	free(mk);
	color(cr, &on);
	double y = band - 9 - s.height;
	if (c->subtitle)
		draw_lines(cr, &s, 0, s.n, x, y);
	draw_lines(cr, &t, 0, t.n, x, y - 4 - t.height);
	lines_release(&t);
	lines_release(&s);

	y = band + 10;
	if (c->authors) {
		mk = ul_book_markup(b, c->authors, false);
		color(cr, &b->o.ink);
		small_text(b, cr, mk, b->size * 1.1, true, PANGO_ALIGN_LEFT, x, y, w);
		free(mk);
		y += 12;
	}
	{
		struct ul_buf line;
		ul_buf_init(&line);
		if (c->date)
			ul_buf_adds(&line, c->date);
		if (c->license) {
			if (line.len)
				ul_buf_adds(&line, " · ");
			ul_buf_adds(&line, c->license);
		}
		mk = ul_book_markup(b, line.s, false);
		color(cr, &grey);
		small_text(b, cr, mk, b->size * 0.9, false, PANGO_ALIGN_LEFT, x, y, w);
		free(mk);
		ul_buf_release(&line);
	}
	color(cr, &b->o.accent);
	cairo_rectangle(cr, x, H - 16, 22, 1.4);
	cairo_fill(cr);
	color(cr, &b->o.ink);
	small_text(b, cr, "utilab", b->size * 1.1, true, PANGO_ALIGN_LEFT, x, H - 13.5, w);
}

static void
draw_colophon(struct ul_book *b, cairo_t *cr, const struct ul_book_cover *c)
{
	struct lines l = { 0 };
	struct tstyle ts = para_style(b, UL_PARA_SMALL);
	double x = left(b, 2);

	if (!c->colophon)
		return;
	lay_lines(b, &l, c->colophon, &ts, b->bw);
	color(cr, &grey);
	draw_lines(cr, &l, 0, l.n, x, b->bottom - l.height);
	lines_release(&l);
}

/* ---- render ------------------------------------------------------------ */

int
ul_book_render(struct ul_book *b, struct ul_out *out,
	       const struct ul_book_cover *cover, struct ul_diags *diags)
{
	double W = b->o.page_w, H = b->o.page_h;
	struct toc_entry *toc = NULL;
	size_t ntoc = 0;
	int toc_pages = 0, rc = 0;

	(void)diags;	/* ul_out reports its own errors */
	for (size_t i = 0; i < b->n; i++)
		prepare(b, &b->v[i]);
	if (cover) {
		struct tstyle ps = { b->size * 1.1, 1.1, true, false, PANGO_ALIGN_LEFT };
		struct tstyle cs = { b->size, 1.15, false, false, PANGO_ALIGN_LEFT };
		for (size_t i = 0; i < b->n; i++) {
			const struct block *bl = &b->v[i];
			if (bl->kind != B_PART && bl->kind != B_CHAPTER)
				continue;
			toc = ul_xreallocarray(toc, ntoc + 1, sizeof(*toc));
			memset(&toc[ntoc], 0, sizeof(*toc));
			toc[ntoc].bl = bl;
			lay_lines(b, &toc[ntoc].text, bl->a, bl->kind == B_PART ? &ps : &cs,
				  b->bw - 12 - (bl->kind == B_PART ? 0 : 5));
			toc[ntoc].height = toc[ntoc].text.height;
			ntoc++;
		}
		toc_pages = toc_flow(b, toc, ntoc, NULL, 0, 3);
		b->front = 2 + toc_pages;
	}
	layout(b);

	int abs = 0;
	if (cover) {
		cairo_t *cr = ul_out_begin(out, W, H, 0, NULL, "page-001");
		draw_cover(b, cr, cover);
		rc |= ul_out_end(out);
		cr = ul_out_begin(out, W, H, 0, NULL, "page-002");
		draw_colophon(b, cr, cover);
		rc |= ul_out_end(out);
		abs = 2;
		for (int p = 0; p < toc_pages && rc == 0; p++) {
			char name[32];
			abs++;
			snprintf(name, sizeof(name), "page-%03d", abs);
			cr = ul_out_begin(out, W, H, 0, NULL, name);
			toc_flow(b, toc, ntoc, cr, p, abs);
			rc |= ul_out_end(out);
		}
	}

	size_t at = 0;
	int part_id = 0, nth_part = 0;
	for (int p = 0; p < b->npages && rc == 0; p++) {
		char name[32];
		abs = b->front + p + 1;
		snprintf(name, sizeof(name), "page-%03d", abs);
		cairo_t *cr = ul_out_begin(out, W, H, 0, NULL, name);
		if (!b->pages[p].opener)
			furniture(b, cr, p, abs, opens_chapter(b, at, p));
		for (; at < b->npl && b->pl[at].page == p; at++) {
			const struct placed *pl = &b->pl[at];
			const struct block *bl = &b->v[pl->block];
			if (bl->kind == B_PART) {
				char *plain = NULL;
				pango_parse_markup(bl->a, -1, 0, NULL, &plain, NULL, NULL);
				part_id = ul_out_outline(out, 0, plain ? plain : "", abs, 0, true);
				g_free(plain);
				draw_opener(b, cr, bl, ++nth_part);
				continue;
			}
			if (bl->kind == B_CHAPTER) {
				char *plain = NULL;
				pango_parse_markup(bl->a, -1, 0, NULL, &plain, NULL, NULL);
				ul_out_outline(out, part_id, plain ? plain : "", abs, pl->y, false);
				g_free(plain);
			}
			draw_block(b, cr, pl, left(b, abs));
		}
		rc |= ul_out_end(out);
	}
	b->drawn = b->front + b->npages;
	for (size_t i = 0; i < ntoc; i++)
		lines_release(&toc[i].text);
	free(toc);
	return rc ? -1 : 0;
}
