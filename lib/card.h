/* SPDX-License-Identifier: ISC */
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

#include "layout.h"
#include "render.h"
#include "workshop.h"

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
};

/*
 * Draw a front. Every element is laid out as a box (layout.h); on a face
 * that reports, boxes that overlap, leave the safe zone or hold ink that
 * runs out of them are errors too. Returns 0, or -1 when an error was
 * reported.
 */
int ul_card_front(struct ul_render *, const struct ul_card_face *, cairo_t *);

/*
 * Draw the back of a card whose deck prints the second language on the
 * back (ul_deck_back_faces): the front's layout with the card's texts,
 * headings and footer in that language (right to left when it is
 * written so), and no QR code. Checked as a front is. Returns 0, or -1.
 */
int ul_card_back_face(struct ul_render *, const struct ul_card_face *,
		      cairo_t *);

/*
 * Lay a front out without drawing or reporting, and give its boxes (in mm
 * from the trim's top-left corner): what ul_kit_face_layout serves to the
 * scanner. l is initialised here; release it. Returns what drawing would.
 */
int ul_card_layout(struct ul_render *, const struct ul_card_face *,
		   struct ul_layout *);

/*
 * The deck's version stamp: 6 hex digits of a hash of everything its cards
 * print (workshop title and theme, the deck's title, size, colour, serial
 * prefix, fields, cards, QR template, language). Printed in every card's
 * footer and given to QR templates as {version}, so that a scanned card
 * from another printing is told apart. buf: at least 8 bytes.
 */
void ul_card_deck_version(const struct ul_workshop *, const struct ul_deck *,
			  char *buf, size_t size);

/*
 * A deck's back, laid out and checked once, then replayed onto every back
 * page from a recording: the PDF holds it once, however many cards.
 */
struct ul_card_back;
/* NULL (with diagnostics) when it cannot be drawn. */
struct ul_card_back *ul_card_back_new(struct ul_render *, const struct ul_deck *);
void ul_card_back_draw(const struct ul_card_back *, cairo_t *);
void ul_card_back_free(struct ul_card_back *);

/* Free the pictograms recorded for cards (call once, at exit). */
void ul_card_cache_release(void);

/* The page size of a deck's cards, in mm (trim + 2 × bleed). */
void ul_card_page_size(const struct ul_render *, const struct ul_deck *,
		       double *w, double *h);

#endif
