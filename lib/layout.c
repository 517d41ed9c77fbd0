/* SPDX-License-Identifier: ISC */
/*
 * Face layouts: the boxes a face was drawn in, and the checks between
 * them (layout.h). Owns struct ul_layout; knows nothing of cairo, of
 * workshops or of argv.
 *
 * A face has a few dozen boxes at most, so every pair is compared: the
 * check is quadratic in a number that does not grow with the deck.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "util.h"

/* Slack for rounding and for boxes that merely touch. */
#define EPS 0.05
/* How far ink may stray from its box: italic overhang, a diacritic. */
#define INK_SLACK 0.6

void
ul_layout_init(struct ul_layout *l, double w, double h, double bleed,
	       double safe)
{
	memset(l, 0, sizeof(*l));
	l->w = w;
	l->h = h;
	l->ox = l->oy = bleed;
	l->safe = safe;
}

void
ul_layout_release(struct ul_layout *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

void
ul_layout_reset(struct ul_layout *l)
{
	l->n = 0;
}

struct ul_box *
ul_layout_add(struct ul_layout *l, enum ul_box_kind kind, double x, double y,
	      double w, double h, int field, int number)
{
	struct ul_box *b;

	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 32;
		l->v = ul_xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	b = &l->v[l->n++];
	*b = (struct ul_box){ kind, x - l->ox, y - l->oy, w, h, field, number,
			      false, 0, 0, 0, 0 };
	return b;
}

void
ul_layout_ink(struct ul_layout *l, struct ul_box *b, double x, double y,
	      double ink_x, double ink_y, double ink_w, double ink_h)
{
	b->has_ink = ink_w > 0 && ink_h > 0;
	b->ix = x - l->ox + ink_x;
	b->iy = y - l->oy + ink_y;
	b->iw = ink_w;
	b->ih = ink_h;
}

const struct ul_box *
ul_layout_find(const struct ul_layout *l, enum ul_box_kind kind, int field,
	       int number)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].kind == kind && (field < 0 || l->v[i].field == field) &&
		    (number < 0 || l->v[i].number == number))
			return &l->v[i];
	return NULL;
}

const char *
ul_box_kind_name(enum ul_box_kind k)
{
	static const char *const names[UL_BOX_NKINDS] = {
		"the colour band", "the title", "the serial", "the pictogram",
		"the text", "the label", "a writing line", "the scale",
		"a scale circle", "the QR code", "the QR code's quiet zone",
		"the footer", "a tick box", "a tick box's option",
	};
	return (size_t)k < UL_BOX_NKINDS ? names[k] : "?";
}

/* How close to the top edge what sits on the band may come, mm. */
#define BAND_SAFE 2.0

static bool
on_band(const struct ul_box *b)
{
	return b->kind == UL_BOX_TITLE || b->kind == UL_BOX_SERIAL ||
	       b->kind == UL_BOX_ICON;
}

/* Whether one box holds the other, so that they may overlap. */
static bool
holds(const struct ul_box *a, const struct ul_box *b)
{
	if (a->kind == UL_BOX_BAND)
		return on_band(b);
	if (a->kind == UL_BOX_SCALE)
		return b->kind == UL_BOX_CIRCLE && b->field == a->field;
	if (a->kind == UL_BOX_QR_QUIET)
		return b->kind == UL_BOX_QR;
	return false;
}

static bool
overlap(const struct ul_box *a, const struct ul_box *b)
{
	return a->x + a->w > b->x + EPS && b->x + b->w > a->x + EPS &&
	       a->y + a->h > b->y + EPS && b->y + b->h > a->y + EPS;
}

/* "the label of field 'moment'", "scale circle 3 of field 'gravite'". */
static void
describe(char *buf, size_t size, const struct ul_box *b,
	 const char *const *field_names)
{
	char fb[96] = "";

	if (b->field >= 0) {
		if (field_names && field_names[b->field])
			snprintf(fb, sizeof(fb), " of field '%s'",
				 field_names[b->field]);
		else
			snprintf(fb, sizeof(fb), " of field %d", b->field + 1);
	}
	switch (b->kind) {
	case UL_BOX_LINE:
		snprintf(buf, size, "writing line %d%s", b->number, fb);
		break;
	case UL_BOX_CIRCLE:
		snprintf(buf, size, "scale circle %d%s", b->number, fb);
		break;
	case UL_BOX_TICK:
		snprintf(buf, size, "tick box %d%s", b->number, fb);
		break;
	case UL_BOX_OPTION:
		snprintf(buf, size, "option %d%s", b->number, fb);
		break;
	default:
		snprintf(buf, size, "%s%s", ul_box_kind_name(b->kind), fb);
		break;
	}
}

int
ul_layout_check(const struct ul_layout *l, struct ul_diags *d,
		const char *file, int line, int col, const char *what,
		const char *const *field_names)
{
	char an[128], bn[128];
	int rc = 0;
	double s = l->safe;

	for (size_t i = 0; i < l->n; i++) {
		const struct ul_box *a = &l->v[i];

		/* The scale is checked through its circles. */
		if (a->kind == UL_BOX_SCALE)
			continue;
		for (size_t j = i + 1; j < l->n; j++) {
			const struct ul_box *b = &l->v[j];
			if (b->kind == UL_BOX_SCALE || holds(a, b) || holds(b, a) ||
			    !overlap(a, b))
				continue;
			describe(an, sizeof(an), a, field_names);
			describe(bn, sizeof(bn), b, field_names);
			rc = ul_error(d, file, line, col, "%s: %s overlaps %s "
				      "by %.1f × %.1f mm", what, an, bn,
				      fmin(a->x + a->w, b->x + b->w) -
				      fmax(a->x, b->x),
				      fmin(a->y + a->h, b->y + b->h) -
				      fmax(a->y, b->y));
		}
		/* A text's box may be roomier than the text: its ink counts. */
		double x0 = a->has_ink ? a->ix : a->x, y0 = a->has_ink ? a->iy : a->y;
		double x1 = a->has_ink ? a->ix + a->iw : a->x + a->w;
		double y1 = a->has_ink ? a->iy + a->ih : a->y + a->h;
		/*
		 * What sits on the band is on colour that runs past the cut:
		 * a cut off by a millimetre still leaves it whole, so the band
		 * keeps only 2 mm of the safe zone for it.
		 */
		double sb = on_band(a) ? fmin(s, BAND_SAFE) : s;
		if (a->kind != UL_BOX_BAND && a->kind != UL_BOX_QR_QUIET &&
		    (x0 < s - EPS || y0 < sb - EPS || x1 > l->w - s + EPS ||
		     y1 > l->h - s + EPS)) {
			describe(an, sizeof(an), a, field_names);
			rc = ul_error(d, file, line, col, "%s: %s leaves the "
				      "safe zone by %.1f mm (%g mm inside the "
				      "trim)", what, an,
				      fmax(fmax(s - x0, sb - y0),
					   fmax(x1 - l->w + s, y1 - l->h + s)),
				      s);
		}
		if (a->has_ink &&
		    (a->ix < a->x - INK_SLACK || a->iy < a->y - INK_SLACK ||
		     a->ix + a->iw > a->x + a->w + INK_SLACK ||
		     a->iy + a->ih > a->y + a->h + INK_SLACK)) {
			double out = fmax(fmax(a->x - a->ix, a->y - a->iy),
					   fmax(a->ix + a->iw - a->x - a->w,
						 a->iy + a->ih - a->y - a->h));
			describe(an, sizeof(an), a, field_names);
			rc = ul_error(d, file, line, col, "%s: the ink of %s "
				      "runs %.1f mm out of its box (stacked "
				      "accents or a character too tall?)",
				      what, an, out);
		}
	}
	return rc;
}
