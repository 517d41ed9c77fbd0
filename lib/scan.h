/* SPDX-License-Identifier: ISC */
/*
 * Reading filled write-in cards back from photos and scans: finds every
 * card's QR code (libzbar), maps the card's layout (lib/card, the code that
 * drew it) onto the image with a homography refined against the blank
 * card's own rendering, and reads the scales' and tick boxes' marks by
 * comparing the ink inside each circle or box with the blank card, so that
 * printed circles, boxes and digits never count. Gives each card's
 * deskewed crop to the caller.
 * Owns struct ul_scan and struct ul_scan_card; draws nothing itself (the
 * blank is drawn by lib/card), writes no file, knows nothing of argv.
 */
#ifndef UL_SCAN_H
#define UL_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "image.h"
#include "render.h"
#include "workshop.h"

#define UL_SCAN_DPI 200		/* resolution of the crops */

/*
 * What a scale's circles, or a field's tick boxes, show. For tick boxes
 * of a field where any number may be ticked, ONE means every mark is
 * clear (none at all is NONE), FAINT that some box holds a faint mark;
 * with 'choose: one' they mean what they mean for a scale.
 */
enum ul_mark {
	UL_MARK_NONE,		/* no ink in any circle or box */
	UL_MARK_ONE,		/* one circle marked, clearly (ticks: each mark clear) */
	UL_MARK_FAINT,		/* a faint mark: a person must look */
	UL_MARK_SEVERAL,	/* two circles or more marked (choose: one, two boxes) */
	UL_MARK_HIDDEN,		/* the circles or boxes are partly outside the image */
};

/* A scale or tick-box field as read. */
struct ul_scan_field {
	int field;		/* index in the deck's fields */
	bool ticks;		/* a tick-box field, else a scale */
	enum ul_mark mark;
	int value;		/* scale, UL_MARK_ONE and _FAINT: the number; else 0 */
	int second;		/* scale, UL_MARK_SEVERAL: the other number marked */
	unsigned ticked;	/* ticks: bit k set when box k + 1 holds a clear mark */
	unsigned faint;		/* ticks: bit k set when box k + 1 holds a faint one */
	double ink[10];		/* ink found in each circle or box, mm² */
};

/* A part of the crop: a field's label and lines, in crop pixels. */
struct ul_scan_rect {
	int field;
	int x, y, w, h;
};

struct ul_scan_card {
	const struct ul_deck *deck;
	int number;
	char serial[32];
	char version[16];	/* from the QR code; "" when it carries none */
	bool stale;		/* version differs from the workshop's deck */
	char current[8];	/* the workshop's stamp of the deck */
	struct ul_scan_field *fields;
	size_t nfields;
	double residual;	/* registration error after refinement, mm */
	double match;		/* correlation with the blank card, 0..1 */
	/*
	 * The deskewed card, trim only, at UL_SCAN_DPI: RGB, w × h × 3;
	 * NULL after ul_scan_keep_crops(s, false).
	 */
	int crop_w, crop_h;
	unsigned char *crop;
	struct ul_scan_rect *parts;	/* each written field's area */
	size_t nparts;
	double qr_x, qr_y;	/* the QR's centre in the image, pixels */
	double corners[8];	/* the trim's corners in the image (TL TR BR BL) */
};

struct ul_scan;

/*
 * A scanner for the workshop r->ws; r (its text engine) draws the blank
 * cards. Decks whose QR template has no {serial} cannot be told apart:
 * a warning each. Returns NULL with an error when no write-in deck of the
 * workshop has a QR code to find.
 */
struct ul_scan *ul_scan_new(struct ul_render *r, struct ul_diags *);
void ul_scan_free(struct ul_scan *);

/*
 * Whether each card's crop is made (it is, unless told otherwise): a
 * caller that writes no crop saves a warp of the whole card, a tenth of
 * a card's reading.
 */
void ul_scan_keep_crops(struct ul_scan *, bool keep);

/* Called for each card found; return 0 to go on, -1 to stop. */
typedef int (*ul_scan_fn)(void *ctx, const struct ul_scan_card *);

/*
 * Find and read every card of the workshop in one image (named file in
 * messages). QR codes of another workshop, or of nothing utilab printed,
 * are errors naming what they hold, and skipped. Returns the number of
 * cards handed to fn, or -1 (an error: no card at all, or fn stopped).
 */
int ul_scan_image(struct ul_scan *, const struct ul_image *, const char *file,
		  ul_scan_fn fn, void *ctx, struct ul_diags *);

/* A results type for the cards of a deck: "friction", "idea"… */
const char *ul_scan_deck_type(const struct ul_deck *);

#endif
