/* SPDX-License-Identifier: ISC */
/*
 * Text: the bundled font loaded privately, Pango layout in boxes given in
 * millimetres, shrink-to-fit down to a floor, the tiny inline syntax
 * (*emphasis*, **strong**) with every other character escaped, French
 * typography, and glyph coverage.
 *
 * The fonts come from one directory (share/utilab/fonts) through a
 * fontconfig configuration of our own, so the output never depends on the
 * fonts the machine has: a character the font lacks is drawn as a visible
 * hex box, and ul_text_missing() lets the caller warn about it.
 * Pango runs at 72 dpi (1 pt = 1 unit), glyph position rounding and
 * metrics hinting off, so PDF and PNG lay out identically.
 */
#ifndef UL_TEXT_H
#define UL_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cairo.h>
#include <pango/pango.h>

struct ul_text;

enum ul_align { UL_ALIGN_LEFT, UL_ALIGN_CENTER, UL_ALIGN_RIGHT };

struct ul_text_style {
	double size;		/* pt: the size wanted */
	double min_size;	/* pt: shrink-to-fit floor; 0 (or >= size): never shrink */
	bool bold, italic;
	bool inline_markup;	/* interpret *emphasis* and **strong** */
	bool raw;		/* no French typography (ids, URLs, serials) */
	enum ul_align align;
	double spacing;		/* line height as a factor of the font's own; 0: 1 */
	double letter_spacing;	/* pt added between letters; 0: none */
	/*
	 * Right-to-left text (Arabic): the paragraphs' base direction is
	 * right to left whatever their first letter, and align is mirrored
	 * (UL_ALIGN_LEFT puts the lines against the right edge). Otherwise
	 * each paragraph takes its direction from its first strong letter.
	 */
	bool rtl;
};

struct ul_text_fit {
	double size;		/* pt: the size used (the floor when it overflows) */
	double width, height;	/* mm: logical extents at that size */
	double overflow;	/* mm: how far past the box's height at the floor */
	int lines;
	bool shrunk;		/* size < style->size */
	/*
	 * mm: where ink actually goes, from the box's top-left corner (what
	 * stacked accents or a tall script add above or below the lines).
	 * ul_text_fit only; the notched variants give the first part's.
	 */
	double ink_x, ink_y, ink_w, ink_h;
};

/*
 * Load the fonts of fontdir (every .ttf/.otf in it) and make a context
 * using family. lang ("fr", "en"…) sets the Pango language and, for
 * French, the typography. Returns NULL with a message in *err (caller
 * frees) when the directory holds no usable font or family is not there.
 */
struct ul_text *ul_text_new(const char *fontdir, const char *family,
			    const char *lang, char **err);
void ul_text_free(struct ul_text *);

/*
 * Release what fontconfig, Pango and cairo keep for the whole process, so
 * that leak checkers see nothing: call once at exit, after every
 * ul_text_free (and after every cairo surface is destroyed).
 */
void ul_text_shutdown(void);

/* The family actually in use, and whether French typography is on. */
const char *ul_text_family(const struct ul_text *);
bool ul_text_french(const struct ul_text *);

/*
 * Lay s out in a box w×h mm, at style->size, shrinking (binary search, to
 * 0.25 pt) down to style->min_size when it does not fit. h <= 0 means no
 * height limit. Returns 0 when it fits, -1 when it overflows even at the
 * floor (fit->overflow says by how much; a word wider than the box counts
 * as overflow too). Draws nothing; the layout is kept for a following
 * ul_text_draw of the same arguments.
 */
int ul_text_fit(struct ul_text *, const char *s, const struct ul_text_style *,
		double w, double h, struct ul_text_fit *);

/*
 * Draw s with its top-left corner at (x, y) mm, wrapped to width w mm, at
 * size pt (typically fit->size), in cr's current source colour. Returns
 * the height drawn in mm.
 */
double ul_text_draw(struct ul_text *, cairo_t *, const char *s,
		    const struct ul_text_style *, double size, double x,
		    double y, double w);

/*
 * Fit then draw (cr may be NULL: measure only). The text is clipped to
 * nothing: on overflow it is drawn at the floor and runs out of the box,
 * as the caller reports the error. Returns what ul_text_fit returned.
 */
int ul_text_show(struct ul_text *, cairo_t *, const char *s,
		 const struct ul_text_style *, double x, double y, double w,
		 double h, struct ul_text_fit *);

/*
 * A box that narrows at its bottom right (room for a QR code): full width
 * w down to h1 mm, then width w2 down to h. Lines are broken at w until
 * the first line that would cross h1; the rest of the text goes on at w2.
 * Like ul_text_fit (shrinking to the floor), and ul_text_draw at a size.
 */
int ul_text_fit_notched(struct ul_text *, const char *s,
			const struct ul_text_style *, double w, double h1,
			double w2, double h, struct ul_text_fit *);
double ul_text_draw_notched(struct ul_text *, cairo_t *, const char *s,
			    const struct ul_text_style *, double size, double x,
			    double y, double w, double h1, double w2);

/*
 * How many distinct characters of s the font lacks (spaces and controls
 * aside); the first one is stored in *first when first is not NULL.
 * Counts what would be drawn, after French typography.
 */
size_t ul_text_missing(struct ul_text *, const char *s, uint32_t *first);

/*
 * The Pango markup ul_text draws for s: escaped, inline syntax turned into
 * <i>/<b> when inline_markup, French typography applied unless raw. The
 * caller frees it.
 */
char *ul_text_markup(const struct ul_text *, const char *s, bool inline_markup,
		     bool raw);

/*
 * French typography on plain text (no markup): U+00A0 before ; : ! ? and
 * inside « », typographic apostrophe. The caller frees the result.
 */
char *ul_text_french_typography(const char *s);

/* The Pango context, for callers that need their own layouts (72 dpi, pt). */
PangoContext *ul_text_context(struct ul_text *);

#endif
