/*
 * Card faces: the fronts of the three deck kinds (prompt, persona,
 * write-in) and the deck back, laid out on the deck's trim size plus the
 * render context's bleed. Every problem found while laying out (text past
 * its floor, low contrast, a QR that would not scan, a missing pictogram or
 * glyph, long sentences) goes to the render context's diagnostics.
 *
 * cr is in millimetres with its origin at the page's top-left corner: the
 * page is (trim w + 2 bleed) × (trim h + 2 bleed) (render.h).
 */
#ifndef UL_CARD_H
#define UL_CARD_H

#include <stdbool.h>

#include <cairo.h>

#include "render.h"
#include "workshop.h"

/*
 * Where a write-in card's parts are, in mm in page coordinates (the page
 * includes the bleed), as the very code that draws the card placed them:
 * what the scanner (lib/scan) reads marks from. One owner for the
 * geometry: nothing else may compute these boxes.
 */
enum ul_card_box_kind {
	UL_BOX_QR,		/* the symbol proper: its dark modules' square */
	UL_BOX_LABEL,		/* a field's label */
	UL_BOX_LINES,		/* a field's writing lines, the space above them */
	UL_BOX_CIRCLE,		/* one numbered circle of a scale (a square box) */
};
struct ul_card_box {
	enum ul_card_box_kind kind;
	int field;		/* index in the deck's fields; -1 for the QR */
	int value;		/* UL_BOX_CIRCLE: the number printed in it */
	double x, y, w, h;
};
struct ul_card_layout {
	double pw, ph;			/* the page */
	double x0, y0, x1, y1;		/* the trim */
	struct ul_card_box *boxes;	/* owned */
	size_t nboxes;
};
void ul_card_layout_release(struct ul_card_layout *);

/* Which face: a card of a prompt or persona deck, or a write-in blank. */
struct ul_card_face {
	const struct ul_deck *deck;
	const struct ul_card *card;	/* NULL for a write-in blank */
	int number;			/* write-in: the serial's number */
	/*
	 * Whether this face reports problems: the driver sets it for the
	 * first copy of a card and the first blank of a write-in deck, so a
	 * problem is reported once, not once per copy.
	 */
	bool report;
	/* When not NULL, receives the face's boxes (write-in cards only). */
	struct ul_card_layout *layout;
};

/* Draw a front. Returns 0, or -1 when an error was reported. */
int ul_card_front(struct ul_render *, const struct ul_card_face *, cairo_t *);

/*
 * A deck's back, laid out and checked once, then replayed onto every back
 * page from a recording: the PDF holds it once, however many cards.
 */
struct ul_card_back;
/* NULL (with diagnostics) when it cannot be drawn. */
struct ul_card_back *ul_card_back_new(struct ul_render *, const struct ul_deck *);
void ul_card_back_draw(const struct ul_card_back *, cairo_t *);
void ul_card_back_free(struct ul_card_back *);

/*
 * The deck's version stamp: 6 hex digits of a hash of everything its cards
 * print (workshop title and theme, the deck's title, size, colour, serial
 * prefix, fields, QR template and language). Printed in write-in cards'
 * footers and given to QR templates as {version}, so that a scanned card
 * from an older printing can be told apart. buf: at least 8 bytes.
 */
void ul_card_deck_version(const struct ul_workshop *, const struct ul_deck *,
			  char *buf, size_t size);

/* Free the pictograms recorded for cards (call once, at exit). */
void ul_card_cache_release(void);

/* The page size of a deck's cards, in mm (trim + 2 × bleed). */
void ul_card_page_size(const struct ul_render *, const struct ul_deck *,
		       double *w, double *h);

#endif
