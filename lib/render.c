/* SPDX-License-Identifier: ISC */
/*
 * Render helpers shared by cards, posters and the run sheet: colours and
 * the WCAG contrast check. Owns nothing; knows nothing of PDF files.
 */
#include <math.h>

#include "render.h"

void
ul_render_set_color(cairo_t *cr, const struct ul_color *c)
{
	cairo_set_source_rgb(cr, c->r, c->g, c->b);
}

static double
channel(double v)
{
	return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

double
ul_color_luminance(const struct ul_color *c)
{
	return 0.2126 * channel(c->r) + 0.7152 * channel(c->g) +
	       0.0722 * channel(c->b);
}

double
ul_contrast_ratio(const struct ul_color *a, const struct ul_color *b)
{
	double la = ul_color_luminance(a), lb = ul_color_luminance(b);

	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

int
ul_render_check_contrast(struct ul_render *r, const struct ul_color *fg,
			 const struct ul_color *bg, struct ul_pos pos,
			 const char *what)
{
	return ul_render_check_contrast_text(r, fg, bg, 0, false, pos, what);
}

int
ul_render_check_contrast_text(struct ul_render *r, const struct ul_color *fg,
			      const struct ul_color *bg, double pt, bool bold,
			      struct ul_pos pos, const char *what)
{
	bool large = pt >= (bold ? 14 : 18) - 0.01;
	double k = ul_contrast_ratio(fg, bg);
	/* Truncate, so that a reported 4.4:1 is never rounded up to pass. */
	double shown = floor(k * 10) / 10;

	if (k < 4.5)
		return ul_error(r->diags, r->file, pos.line, pos.col,
				"%s: contrast %.1f:1 of '%s' on '%s' is under 4.5:1",
				what, shown, fg->text ? fg->text : "?",
				bg->text ? bg->text : "?");
	if (k < 7 && !large)
		ul_warning(r->diags, r->file, pos.line, pos.col,
			   "%s: contrast %.1f:1 of '%s' on '%s' is under 7:1 (AAA)",
			   what, shown, fg->text ? fg->text : "?",
			   bg->text ? bg->text : "?");
	return 0;
}

static struct ul_color
palette(const struct ul_color *c, const char *def)
{
	struct ul_color out;

	if (c && c->text)
		return *c;
	ul_color_parse(def, &out);
	return out;
}

struct ul_color
ul_render_accent(const struct ul_render *r, const struct ul_color *own)
{
	if (own && own->text)
		return *own;
	return palette(&r->ws->theme.color, UL_PALETTE_ACCENT);
}

struct ul_color
ul_render_ink(const struct ul_render *r)
{
	return palette(&r->ws->theme.ink, UL_PALETTE_INK);
}

struct ul_color
ul_render_paper(const struct ul_render *r)
{
	return palette(&r->ws->theme.paper, UL_PALETTE_PAPER);
}

struct ul_color
ul_render_ink_on(const struct ul_render *r, const struct ul_color *bg)
{
	static const struct ul_color white = { 1, 1, 1, "#FFFFFF" };
	struct ul_color ink = ul_render_ink(r);

	return ul_contrast_ratio(&white, bg) >= ul_contrast_ratio(&ink, bg) ?
	       white : ink;
}
