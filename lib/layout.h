/* SPDX-License-Identifier: ISC */
/*
 * Face layouts: every element of a card face as a box in millimetres
 * (the title band, titles, texts, field labels, writing lines, scale
 * circles, tick boxes and their options, the QR code and its quiet zone, the pictogram, the footer), and
 * the checks that keep them apart: no two elements overlap, every element
 * stays in the safe zone, and the ink a text draws stays in its box.
 *
 * The boxes are filled by the code that draws the face (lib/card.c), in
 * the same pass, so what is checked, what utilab-scan reads from the kit
 * (lib/kit.h) and what is printed cannot disagree.
 * Owns struct ul_layout; knows nothing of cairo, of workshops or of argv.
 *
 * Coordinates are millimetres from the TRIM's top-left corner (the card as
 * cut, bleed excluded), x to the right, y down.
 */
#ifndef UL_LAYOUT_H
#define UL_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

enum ul_box_kind {
	UL_BOX_BAND,		/* the colour band: title, serial and pictogram sit on it */
	UL_BOX_TITLE,		/* the title on the band */
	UL_BOX_SERIAL,		/* a write-in card's serial, on the band */
	UL_BOX_ICON,		/* the pictogram */
	UL_BOX_TEXT,		/* a prompt or persona card's body */
	UL_BOX_LABEL,		/* a write-in field's label */
	UL_BOX_LINE,		/* a writing line: the room above its rule (the rule is the box's bottom edge) */
	UL_BOX_SCALE,		/* a field's row of circles (holds its UL_BOX_CIRCLEs) */
	UL_BOX_CIRCLE,		/* one circle to ring; number is its value; the box is its bounding square */
	UL_BOX_QR,		/* the QR symbol: the square of its modules */
	UL_BOX_QR_QUIET,	/* the symbol and its quiet zone: blank paper around it */
	UL_BOX_FOOTER,		/* the workshop · deck · card line */
	UL_BOX_TICK,		/* one box to tick; number is its option, 1-based */
	UL_BOX_OPTION,		/* the text of a tick box's option, beside it; number as its box */
	UL_BOX_NKINDS
};

struct ul_box {
	enum ul_box_kind kind;
	double x, y, w, h;	/* mm from the trim's top-left corner */
	int field;		/* index of the write-in field, or -1 */
	int number;		/* CIRCLE: its value; LINE: 1-based line of its field; else 0 */
	/* Text boxes: where ink was drawn (same coordinates); has_ink false otherwise. */
	bool has_ink;
	double ix, iy, iw, ih;
};

struct ul_layout {
	struct ul_box *v;
	size_t n, cap;
	double w, h;		/* the trim, mm */
	double safe;		/* the safe zone: this far inside the trim, mm */
	double ox, oy;		/* where the trim starts on the page (the bleed), mm */
};

void ul_layout_init(struct ul_layout *, double trim_w, double trim_h,
		    double bleed, double safe);
void ul_layout_release(struct ul_layout *);
/* Forget the boxes, keep the trim (a face laid out again). */
void ul_layout_reset(struct ul_layout *);

/*
 * Add a box given in PAGE coordinates (the drawing's, bleed included);
 * it is stored in trim coordinates. Returns it, for setting the ink.
 */
struct ul_box *ul_layout_add(struct ul_layout *, enum ul_box_kind, double x,
			     double y, double w, double h, int field,
			     int number);
/* Record the ink of a text drawn at page position (x, y), from ul_text_fit's ink_*. */
void ul_layout_ink(struct ul_layout *, struct ul_box *, double x, double y,
		   double ink_x, double ink_y, double ink_w, double ink_h);

/* The first box of a kind (and field, and number, when >= 0), or NULL. */
const struct ul_box *ul_layout_find(const struct ul_layout *,
				    enum ul_box_kind, int field, int number);

/* "the title", "the QR code", "the label of field 2"… for messages. */
const char *ul_box_kind_name(enum ul_box_kind);

/*
 * Check the boxes: two elements that overlap (other than an element and
 * the box that holds it: the band and what sits on it, a scale and its
 * circles, the symbol and its quiet zone), an element outside the safe
 * zone (a text by its ink, as its box may be roomier; what sits on the
 * band may come within 2 mm of the top edge, the colour running past the
 * cut; the band and the
 * quiet zone may run to the trim: they carry no ink that matters, and the
 * band runs into the bleed), and ink outside its
 * text box are errors naming `what` ("card 'courses'") and the elements,
 * at file:pos. names, when not NULL, gives the name of a field by index
 * for messages. Returns 0, or -1 when it found a problem.
 */
int ul_layout_check(const struct ul_layout *, struct ul_diags *,
		    const char *file, int line, int col, const char *what,
		    const char *const *field_names);

#endif
