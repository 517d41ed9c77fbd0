/* SPDX-License-Identifier: ISC */
/*
 * QR codes (DESIGN §4): URL templates with percent-encoded values,
 * encoding with libqrencode (error correction M, smallest version that
 * holds the payload), geometry checks (module size, quiet zone) and
 * drawing as vectors on cairo.
 *
 * Units: whatever the cairo_t's user units are; utilab's draw functions
 * work in millimetres (render.h), and the module-size floor below is in mm.
 */
#ifndef UL_QR_H
#define UL_QR_H

#include <stdbool.h>
#include <stddef.h>

#include <cairo.h>

#include "diag.h"
#include "util.h"
#include "workshop.h"

#define UL_QR_QUIET 4		/* quiet zone, in modules, on every side */
#define UL_QR_MIN_MODULE 0.5	/* mm: smaller does not scan reliably */
#define UL_QR_MAX_BYTES 2331	/* 8-bit payload of version 40 at level M */

/*
 * The values a template's placeholders take; NULL: not available here.
 * version is the deck's stamp (ul_card_deck_version), so a scanner can
 * tell a card printed from another version of the workshop.
 */
struct ul_qr_vars {
	const char *workshop, *deck, *card, *serial, *lang, *version;
};

/*
 * Append s to b percent-encoded: every byte outside RFC 3986's unreserved
 * set (ALPHA DIGIT - . _ ~) becomes %XX (upper-case hex), so a value can
 * never add a path segment, a query or a fragment to the URL.
 */
void ul_qr_percent_encode(struct ul_buf *b, const char *s);

/*
 * Expand tmpl's {workshop} {deck} {card} {serial} {lang} {version} with the
 * percent-encoded values of vars. Returns a new string (caller frees), or
 * NULL with *why set (a static message) when a placeholder is unknown,
 * unbalanced, or has no value here.
 */
char *ul_qr_expand(const char *tmpl, const struct ul_qr_vars *vars,
		   const char **why);

/* An encoded symbol: width × width modules, row-major, 1 = dark. */
struct ul_qr_code {
	int width;		/* 21 (version 1) … 177 (version 40) */
	int version;
	enum ul_qr_ecc ecc;	/* the level it was encoded at (never AUTO) */
	unsigned char *dark;	/* owned */
};

/*
 * Encode payload (UTF-8 or any bytes but NUL) at level M, letting
 * libqrencode choose the version and modes. Returns 0, or -1 when the
 * payload is empty (errno EINVAL), longer than a version-40 symbol holds
 * (errno ERANGE: UL_QR_MAX_BYTES in 8-bit mode, more for digits), or on
 * another failure (errno from libqrencode).
 */
int ul_qr_encode(const char *payload, struct ul_qr_code *);
/* The same at a level of error correction (AUTO: M). */
int ul_qr_encode_level(const char *payload, enum ul_qr_ecc,
		       struct ul_qr_code *);
/* "L", "M", "Q" (AUTO: "M"). */
const char *ul_qr_ecc_name(enum ul_qr_ecc);

/*
 * Size a code for its payload: the blank square it takes, quiet zone
 * included (`side`), is `want` mm, or more when modules would be under
 * UL_QR_MIN_MODULE, as long as it stays within `room` mm. With ecc AUTO
 * it tries level M, then L, whose symbols are smaller. size > 0 fixes
 * the symbol's side instead (qr: {size: …}): its modules must still
 * reach the floor and its square fit the room.
 * Returns 0 with fit->code encoded (release it with ul_qr_code_release),
 * -1 when the payload cannot be encoded at all (errno as ul_qr_encode),
 * -2 when it does not fit the room: fit->need is then the side the
 * smallest symbol tried needs, and fit->code that symbol.
 */
struct ul_qr_fit {
	struct ul_qr_code code;
	double side;		/* mm: symbol and quiet zone */
	double module;		/* mm */
	double need;		/* mm: the least side at UL_QR_MIN_MODULE */
};
int ul_qr_fit(const char *payload, enum ul_qr_ecc, double size, double want,
	      double room, struct ul_qr_fit *);
void ul_qr_code_release(struct ul_qr_code *);

/* Where a symbol is drawn, and the blank paper around it. */
struct ul_qr_geom {
	double x, y, size;	/* the symbol proper (dark modules' square) */
	/*
	 * The blank area the caller guarantees around the symbol: nothing
	 * else is drawn there and it lies inside the trim. The quiet zone is
	 * the distance from the symbol to this area's edges.
	 */
	double fx, fy, fw, fh;
};

/*
 * The largest symbol of `width` modules that fits the blank area
 * (fx, fy, fw, fh) with its quiet zone, centred in it.
 */
void ul_qr_place(int width, double fx, double fy, double fw, double fh,
		 struct ul_qr_geom *);

/*
 * Check geometry: modules of at least UL_QR_MIN_MODULE mm and a quiet zone
 * of UL_QR_QUIET modules inside the blank area on every side. Errors name
 * `what` ("card 'courses'") at file:pos. Returns 0 or -1.
 */
int ul_qr_check(const struct ul_qr_code *, const struct ul_qr_geom *,
		struct ul_diags *, const char *file, struct ul_pos pos,
		const char *what);

/* How the dark modules become PDF (see qr.c for the measurements). */
enum ul_qr_method {
	UL_QR_MASK,		/* a 1-bit image mask, nearest-neighbour: the default */
	UL_QR_RUNS_FILL,	/* merged horizontal runs as filled rectangles */
	UL_QR_RUNS_STROKE,	/* merged runs as butt-capped strokes */
};
extern enum ul_qr_method ul_qr_method;

/* Draw the dark modules in ink (NULL: black). Draws nothing else. */
void ul_qr_draw(cairo_t *, const struct ul_qr_code *,
		const struct ul_qr_geom *, const struct ul_color *ink);

/*
 * All in one, what cards and posters call: encode payload, place the
 * symbol in the blank area (fx, fy, fw, fh), check it, and draw it when cr
 * is not NULL (NULL: check only). A payload too long and a geometry too
 * small are errors naming `what` at file:pos. Returns 0 or -1 (nothing is
 * drawn then). geom, when not NULL, receives where the symbol went.
 */
int ul_qr_render(cairo_t *, const char *payload, double fx, double fy,
		 double fw, double fh, const struct ul_color *ink,
		 struct ul_diags *, const char *file, struct ul_pos pos,
		 const char *what, struct ul_qr_geom *geom);

#endif
