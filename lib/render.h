/* SPDX-License-Identifier: ISC */
/*
 * The render context shared by everything that draws a workshop: cards,
 * posters and the run sheet. The driver (bin/utilab-cards.c) fills it once
 * and hands it to every draw function together with a cairo_t.
 *
 * Units: every cairo_t given to a draw function is in MILLIMETRES, with its
 * origin at the top-left corner of the page (the bleed box for cards and
 * posters: the trim box starts at (bleed, bleed)). Font sizes are points.
 * Colours are the model's struct ul_color (0..1 RGB).
 *
 * In check mode (-n) the draw functions are still called, with a cairo_t
 * on a throwaway surface, so that layout problems are found by the very
 * code that draws; they report through diags and must not depend on what
 * was drawn.
 */
#ifndef UL_RENDER_H
#define UL_RENDER_H

#include <stdbool.h>

#include <cairo.h>

#include "units.h"
#include "diag.h"
#include "workshop.h"


struct ul_text;
struct ul_kit;

struct ul_render {
	const struct ul_workshop *ws;
	struct ul_text *text;	/* fonts and layout (text.h) */
	double bleed;		/* mm beyond the trim on every side (cards, posters) */
	bool check;		/* -n: lay out and diagnose; the output is thrown away */
	struct ul_diags *diags;
	const char *file;	/* the workshop's file name, for diagnostics */
	const char *lang;	/* the workshop's language ("fr") */
	const struct ul_kit *kit;	/* the kit plan (kit.h): the run sheet's materials */
	/*
	 * The card face being drawn, set by lib/card.c for each face: the
	 * language its texts are in (an index into the workshop's langs, 0
	 * for the model's own) and the one printed under them, or -1.
	 */
	int face_lang, face_second;
};

/*
 * The colours that apply: a deck's or poster's own accent (own, may be
 * NULL or unset), else the theme's, else the palette's (workshop.h); the
 * theme's ink and paper, else the palette's.
 */
struct ul_color ul_render_accent(const struct ul_render *,
				 const struct ul_color *own);
struct ul_color ul_render_ink(const struct ul_render *);
struct ul_color ul_render_paper(const struct ul_render *);

/* Set cr's source to a model colour. */
void ul_render_set_color(cairo_t *, const struct ul_color *);

/* WCAG 2 relative luminance of a colour, and contrast ratio (1..21). */
double ul_color_luminance(const struct ul_color *);
double ul_contrast_ratio(const struct ul_color *, const struct ul_color *);

/*
 * Check text colour fg against background bg as WCAG requires: an error
 * under 4.5:1, a warning under 7:1, at pos, naming what (e.g. "card
 * 'courses' title"). Returns 0, or -1 when it is an error.
 */
int ul_render_check_contrast(struct ul_render *, const struct ul_color *fg,
			     const struct ul_color *bg, struct ul_pos pos,
			     const char *what);

/*
 * The same for text of a given size: large text (WCAG: at least 14 pt
 * bold or 18 pt) reaches AAA at 4.5:1, so it only gets the error, under
 * 4.5:1; smaller text also gets the warning under 7:1.
 */
int ul_render_check_contrast_text(struct ul_render *, const struct ul_color *fg,
				  const struct ul_color *bg, double pt,
				  bool bold, struct ul_pos pos, const char *what);

/*
 * The colour to write on a band of colour bg: white or the theme's ink,
 * whichever contrasts more.
 */
struct ul_color ul_render_ink_on(const struct ul_render *,
				 const struct ul_color *bg);

#endif
