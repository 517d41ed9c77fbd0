/* SPDX-License-Identifier: ISC */
/*
 * Output surfaces: one page after another, into a PDF (with metadata,
 * page labels, reproducible dates and TrimBox/BleedBox), PNG or SVG files
 * (one per page, in a directory), or nowhere (a check).
 *
 * Every page is begun with its full size (trim + 2 × bleed) in mm and its
 * label; the cairo_t returned is in millimetres with its origin at the
 * page's top-left corner (render.h).
 *
 * The PDF contract read back by utilab-print (utilab-cards(1)):
 *   Keywords contain "utilab-cards", "utilab:bleed=MM", "utilab:lang=LANG";
 *   each page has a label (front:DECK:CARD, back:DECK:CARD, poster:ID,
 *   sheet:run…); TrimBox is the MediaBox inset by the page's bleed and
 *   BleedBox the MediaBox, added by an incremental update after cairo has
 *   written the file (cairo has no API for them).
 */
#ifndef UL_PDFOUT_H
#define UL_PDFOUT_H

#include <stdbool.h>
#include <stddef.h>

#include <cairo.h>

#include "diag.h"

enum ul_out_format { UL_OUT_PDF, UL_OUT_PNG, UL_OUT_SVG, UL_OUT_NONE };

struct ul_out_meta {
	const char *title;	/* the workshop's title */
	const char *subject;	/* e.g. "Cartes et affiches" */
	const char *keywords;	/* space separated tokens */
	const char *creator;	/* "utilab-cards 0.1.0" */
	const char *author;	/* the workshop's authors, may be NULL */
};

struct ul_out;

/*
 * Start an output. target: for PDF a file or "-" (standard output); for
 * PNG and SVG an existing directory (pages become DIR/NAME.png, see
 * ul_out_begin); ignored for UL_OUT_NONE. dpi is for PNG. Dates come from
 * SOURCE_DATE_EPOCH when it is set, so that output is reproducible.
 * Returns NULL with a diagnostic (73 cannot create) on failure.
 */
struct ul_out *ul_out_new(enum ul_out_format, const char *target, double dpi,
			  const struct ul_out_meta *, struct ul_diags *);

/*
 * Begin a page w×h mm whose trim is inset by bleed mm, labelled label
 * (PDF page label) and named name (the PNG/SVG file's stem: characters
 * outside [A-Za-z0-9._-] become '_'). The page is blank white.
 * Returns a cairo_t owned by the output, valid until ul_out_end.
 */
cairo_t *ul_out_begin(struct ul_out *, double w, double h, double bleed,
		      const char *label, const char *name);
/*
 * Finish the current page. Returns 0, or -1 with a diagnostic (I/O): the
 * output is then broken and the caller should stop drawing.
 */
int ul_out_end(struct ul_out *);

/*
 * Finish and commit: write the PDF trailer and the box update, rename the
 * temporary files into place. Returns 0, or -1 with a diagnostic (74 on a
 * write error); on failure nothing is left behind. Frees the output.
 */
int ul_out_finish(struct ul_out *);
/* Give up: remove whatever was written. Frees the output. */
void ul_out_abort(struct ul_out *);

/*
 * The date every utilab PDF carries as /CreationDate and /ModDate, in PDF
 * form ("D:YYYYMMDDHHmmSSZ"): SOURCE_DATE_EPOCH when it is set (so that
 * output is reproducible), else now. utilab-cards writes it through
 * cairo, utilab-print through qpdf; both take it from here.
 */
void ul_pdf_date(char *buf, size_t size);

/* The number of pages ended so far. */
int ul_out_pages(const struct ul_out *);

/*
 * A bookmark (PDF outline entry) titled title, pointing at page (1-based)
 * at y mm from its top, under parent (0: top level). Returns its id, for
 * children; 0 and nothing done for outputs other than PDF.
 */
int ul_out_outline(struct ul_out *, int parent, const char *title, int page,
		   double y, bool open);

#endif
