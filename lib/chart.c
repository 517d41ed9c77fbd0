/* SPDX-License-Identifier: ISC */
/*
 * Charts: lays bars and heat maps out into shapes, then draws those shapes
 * with cairo or writes them as SVG. One layout, two writers: what the PDF
 * shows and what the HTML shows are the same rectangles.
 * Owns the chart geometry; knows nothing of merges, pages or reports.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "render.h"
#include "text.h"
#include "util.h"

void
ul_chart_init(struct ul_chart *c, enum ul_chart_kind kind, const char *id,
	      const char *title)
{
	static const struct ul_color accent = { 0.894, 0.0, 0.227, "#E4003A" };
	static const struct ul_color ink = { 0.114, 0.114, 0.106, "#1D1D1B" };
	static const struct ul_color paper = { 1, 1, 1, "#FFFFFF" };

	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->id = id;
	c->title = ul_xstrdup(title ? title : "");
	c->color = accent;
	c->ink = ink;
	c->paper = paper;
}

static void
clear_shapes(struct ul_chart *c)
{
	for (size_t i = 0; i < c->nshapes; i++)
		free(c->shapes[i].text);
	c->nshapes = 0;
}

void
ul_chart_release(struct ul_chart *c)
{
	clear_shapes(c);
	free(c->shapes);
	for (size_t i = 0; i < c->n; i++)
		free(c->labels[i]);
	free(c->labels);
	for (size_t i = 0; i < c->ncols; i++)
		free(c->cols[i]);
	free(c->cols);
	free(c->values);
	free(c->title);
	memset(c, 0, sizeof(*c));
}

void
ul_chart_add_bar(struct ul_chart *c, const char *label, double value)
{
	c->labels = ul_xreallocarray(c->labels, c->n + 1, sizeof(*c->labels));
	c->values = ul_xreallocarray(c->values, c->n + 1, sizeof(*c->values));
	/* a label is one line: a text's line breaks become spaces */
	c->labels[c->n] = ul_xstrdup(label ? label : "");
	for (char *p = c->labels[c->n]; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	c->values[c->n++] = value;
}

void
ul_chart_heat_axes(struct ul_chart *c, const char *const *rows, size_t nrows,
		   const char *const *cols, size_t ncols)
{
	c->labels = ul_xcalloc(nrows ? nrows : 1, sizeof(*c->labels));
	c->cols = ul_xcalloc(ncols ? ncols : 1, sizeof(*c->cols));
	for (size_t i = 0; i < nrows; i++)
		c->labels[i] = ul_xstrdup(rows[i]);
	for (size_t i = 0; i < ncols; i++)
		c->cols[i] = ul_xstrdup(cols[i]);
	c->n = nrows;
	c->ncols = ncols;
	c->values = ul_xcalloc(nrows * ncols + 1, sizeof(double));
}

double *
ul_chart_cell(struct ul_chart *c, size_t row, size_t col)
{
	return &c->values[row * c->ncols + col];
}

/* ---- layout ------------------------------------------------------------ */

static struct ul_chart_shape *
shape(struct ul_chart *c, enum ul_shape_kind k, const char *cls, double x,
      double y, double w, double h)
{
	if (c->nshapes == c->capshapes) {
		c->capshapes = c->capshapes ? 2 * c->capshapes : 64;
		c->shapes = ul_xreallocarray(c->shapes, c->capshapes,
					     sizeof(*c->shapes));
	}
	struct ul_chart_shape *s = &c->shapes[c->nshapes++];
	memset(s, 0, sizeof(*s));
	s->kind = k;
	s->cls = cls;
	s->x = x, s->y = y, s->w = w, s->h = h;
	return s;
}

/*
 * s cut to what fits in w mm at size pt, with an ellipsis. Atkinson
 * Hyperlegible averages about half an em per character in French text;
 * the estimate keeps the layout free of any font, so SVG and PDF agree.
 */
static char *
shorten(const char *s, double w, double pt)
{
	size_t max = (size_t)(w / (0.5 * pt * UL_MM_PER_PT));
	size_t n = ul_utf8_len(s);
	const char *p = s;

	if (n <= max)
		return ul_xstrdup(s);
	if (max < 2)
		return ul_xstrdup("…");
	for (size_t i = 0; i + 1 < max; i++)
		ul_utf8_next(&p);
	/* end on a word when one is near */
	const char *cut = p;
	for (const char *q = p; q > s && p - q < 12; q--)
		if (*q == ' ') {
			cut = q;
			break;
		}
	struct ul_buf b;
	ul_buf_init(&b);
	ul_buf_add(&b, s, (size_t)(cut - s));
	while (b.len && b.s[b.len - 1] == ' ')
		b.s[--b.len] = '\0';
	ul_buf_adds(&b, "…");
	return ul_buf_detach(&b);
}

static struct ul_chart_shape *
text(struct ul_chart *c, const char *cls, const char *s, double x, double y,
     double w, double pt, int bold, enum ul_shape_align al,
     const struct ul_color *fill)
{
	struct ul_chart_shape *sh = shape(c, UL_SHAPE_TEXT, cls, x, y, w,
					  pt * UL_MM_PER_PT * 1.25);
	sh->text = shorten(s, w, pt);
	sh->size = pt;
	sh->bold = bold;
	sh->align = al;
	sh->fill = *fill;
	return sh;
}

static struct ul_color
mix(const struct ul_color *a, const struct ul_color *b, double t)
{
	struct ul_color c = { a->r + (b->r - a->r) * t, a->g + (b->g - a->g) * t,
			      a->b + (b->b - a->b) * t, NULL };
	return c;
}

static void
fmt_value(char *buf, size_t n, double v)
{
	if (v == floor(v) && fabs(v) < 1e15)
		snprintf(buf, n, "%.0f", v);
	else
		snprintf(buf, n, "%.1f", v);
}

static void
layout_bars(struct ul_chart *c, double W, double pt)
{
	double max = 0, y = 0, lh = pt * UL_MM_PER_PT * 1.25;
	double bar = pt * UL_MM_PER_PT * 1.1, valw = pt * UL_MM_PER_PT * 6;
	struct ul_color track = mix(&c->paper, &c->ink, 0.08);

	for (size_t i = 0; i < c->n; i++)
		if (c->values[i] > max)
			max = c->values[i];
	for (size_t i = 0; i < c->n; i++) {
		char num[64], v[32];
		double span = W - valw - 1.5;
		double bw = max > 0 ? span * c->values[i] / max : 0;

		text(c, "label", c->labels[i], 0, y, W, pt, 0, UL_SHAPE_START,
		     &c->ink);
		y += lh;
		struct ul_chart_shape *t = shape(c, UL_SHAPE_RECT, "track", 0, y,
						 span, bar);
		t->fill = track;
		struct ul_chart_shape *b = shape(c, UL_SHAPE_RECT, "bar", 0, y,
						 bw > 0.4 ? bw : 0.4, bar);
		b->fill = c->color;
		b->label = c->labels[i];
		b->value = c->values[i];
		fmt_value(v, sizeof(v), c->values[i]);
		snprintf(num, sizeof(num), "%s%s%s", v, c->unit1 ? " " : "",
			 c->unit1 ? (c->values[i] <= 1 ? c->unit1 :
				     c->unitn ? c->unitn : c->unit1) : "");
		text(c, "value", num, span + 1.5, y + (bar - lh) / 2, valw, pt,
		     1, UL_SHAPE_START, &c->ink);
		y += bar + lh * 0.6;
	}
	c->height = y;
}

static void
layout_heat(struct ul_chart *c, double W, double pt)
{
	double lh = pt * UL_MM_PER_PT * 1.25, small = pt * 0.85;
	double labw = c->ncols ? W * 0.34 : W;
	double cw = c->ncols ? (W - labw) / (double)c->ncols : 0;
	double ch = lh * 1.6, y = 0, max = 0;
	struct ul_color empty = mix(&c->paper, &c->ink, 0.05);
	struct ul_color white = { 1, 1, 1, "#FFFFFF" };

	for (size_t i = 0; i < c->n * c->ncols; i++)
		if (c->values[i] > max)
			max = c->values[i];
	/*
	 * Column heads on two lines where a label has two words or more, so
	 * "Sur le trajet" stays readable in a narrow column.
	 */
	for (size_t k = 0; k < c->ncols; k++) {
		const char *s = c->cols[k], *sp = NULL;
		size_t len = strlen(s);
		for (const char *p = s; *p; p++)
			if (*p == ' ' && (!sp || labs((long)(p - s) - (long)len / 2) <
						 labs((long)(sp - s) - (long)len / 2)))
				sp = p;
		double x = labw + cw * (double)k;
		if (sp && ul_utf8_len(s) * 0.5 * small * UL_MM_PER_PT > cw - 1) {
			char *a = ul_xstrndup(s, (size_t)(sp - s));
			text(c, "col", a, x, y, cw, small, 1, UL_SHAPE_MIDDLE, &c->ink);
			text(c, "col", sp + 1, x, y + small * UL_MM_PER_PT * 1.2, cw,
			     small, 1, UL_SHAPE_MIDDLE, &c->ink);
			free(a);
		} else {
			text(c, "col", s, x, y + small * UL_MM_PER_PT * 1.2, cw, small,
			     1, UL_SHAPE_MIDDLE, &c->ink);
		}
	}
	y += small * UL_MM_PER_PT * 2.6;
	for (size_t r = 0; r < c->n; r++) {
		text(c, "label", c->labels[r], 0, y + (ch - lh) / 2, labw - 1.5, pt,
		     0, UL_SHAPE_START, &c->ink);
		for (size_t k = 0; k < c->ncols; k++) {
			double v = c->values[r * c->ncols + k];
			double t = max > 0 ? 0.15 + 0.85 * v / max : 0;
			struct ul_chart_shape *s = shape(c, UL_SHAPE_RECT, "cell",
							 labw + cw * (double)k + 0.4,
							 y + 0.4, cw - 0.8, ch - 0.8);
			s->fill = v > 0 ? mix(&c->paper, &c->color, t) : empty;
			s->label = c->labels[r];
			s->value = v;
			if (v > 0) {
				char num[32];
				fmt_value(num, sizeof(num), v);
				struct ul_color fg = ul_contrast_ratio(&s->fill, &white) >
						     ul_contrast_ratio(&s->fill, &c->ink) ?
						     white : c->ink;
				text(c, "value", num, labw + cw * (double)k,
				     y + (ch - lh) / 2, cw, pt, 1, UL_SHAPE_MIDDLE, &fg);
			}
		}
		y += ch;
	}
	c->height = y;
}

void
ul_chart_layout(struct ul_chart *c, double width, double base_pt)
{
	clear_shapes(c);
	c->width = width;
	if (c->kind == UL_CHART_BARS)
		layout_bars(c, width, base_pt);
	else
		layout_heat(c, width, base_pt);
}

/* ---- writers ----------------------------------------------------------- */

void
ul_chart_draw(const struct ul_chart *c, struct ul_text *t, cairo_t *cr,
	      double x, double y)
{
	for (size_t i = 0; i < c->nshapes; i++) {
		const struct ul_chart_shape *s = &c->shapes[i];
		ul_render_set_color(cr, &s->fill);
		if (s->kind == UL_SHAPE_RECT) {
			cairo_rectangle(cr, x + s->x, y + s->y, s->w, s->h);
			cairo_fill(cr);
			continue;
		}
		struct ul_text_style st = { 0 };
		st.size = s->size;
		st.bold = s->bold;
		st.align = s->align == UL_SHAPE_START ? UL_ALIGN_LEFT :
			   s->align == UL_SHAPE_MIDDLE ? UL_ALIGN_CENTER :
			   UL_ALIGN_RIGHT;
		ul_text_draw(t, cr, s->text, &st, s->size, x + s->x, y + s->y, s->w);
	}
}

static void
svg_text(FILE *fp, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': fputs("&lt;", fp); break;
		case '>': fputs("&gt;", fp); break;
		case '&': fputs("&amp;", fp); break;
		case '"': fputs("&quot;", fp); break;
		default: fputc(*s, fp);
		}
	}
}

static void
svg_color(FILE *fp, const struct ul_color *c)
{
	fprintf(fp, "#%02X%02X%02X", (int)lround(c->r * 255), (int)lround(c->g * 255),
		(int)lround(c->b * 255));
}

void
ul_chart_write_svg(const struct ul_chart *c, FILE *fp, const char *font)
{
	fprintf(fp, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-%s\" "
		"role=\"img\" viewBox=\"0 0 %.2f %.2f\" width=\"%.2fmm\" height=\"%.2fmm\" "
		"font-family=\"", c->id, c->width, c->height, c->width, c->height);
	svg_text(fp, font ? font : "Atkinson Hyperlegible");
	fputs(", sans-serif\">\n<title>", fp);
	svg_text(fp, c->title);
	fputs("</title>\n", fp);
	for (size_t i = 0; i < c->nshapes; i++) {
		const struct ul_chart_shape *s = &c->shapes[i];
		if (s->kind == UL_SHAPE_RECT) {
			fprintf(fp, "<rect class=\"%s\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" "
				"height=\"%.2f\" fill=\"", s->cls, s->x, s->y, s->w, s->h);
			svg_color(fp, &s->fill);
			fputc('"', fp);
			if (s->label) {
				char v[32];
				fmt_value(v, sizeof(v), s->value);
				fputs(" data-label=\"", fp);
				svg_text(fp, s->label);
				fprintf(fp, "\" data-value=\"%s\"", v);
			}
			fputs("/>\n", fp);
			continue;
		}
		double mm = s->size * UL_MM_PER_PT;
		double tx = s->align == UL_SHAPE_START ? s->x :
			    s->align == UL_SHAPE_MIDDLE ? s->x + s->w / 2 : s->x + s->w;
		fprintf(fp, "<text class=\"%s\" x=\"%.2f\" y=\"%.2f\" font-size=\"%.2f\"%s%s "
			"fill=\"", s->cls, tx, s->y + mm * 0.95, mm,
			s->bold ? " font-weight=\"bold\"" : "",
			s->align == UL_SHAPE_MIDDLE ? " text-anchor=\"middle\"" :
			s->align == UL_SHAPE_END ? " text-anchor=\"end\"" : "");
		svg_color(fp, &s->fill);
		fputs("\">", fp);
		svg_text(fp, s->text);
		fputs("</text>\n", fp);
	}
	fputs("</svg>\n", fp);
}
