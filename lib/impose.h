/* SPDX-License-Identifier: ISC */
/*
 * Imposition: places the pages of input PDFs on printer sheets. Cards n-up
 * with crop marks and duplex backs that land behind their fronts, pages
 * larger than the sheet tiled with an assembly map, booklets in
 * saddle-stitch order, a duplex calibration sheet, and the print fidelity
 * marks (50 mm scale bar, "print at 100 %", what the sheet holds) on every
 * sheet. Owns the layout geometry and the output PDF; knows nothing of argv
 * or of how the input was found (see pdfin.h).
 *
 * Lengths are in PostScript points (1/72 in) unless a name says mm.
 */
#ifndef UL_IMPOSE_H
#define UL_IMPOSE_H

#include <stdbool.h>
#include <stdio.h>

#include "units.h"
#include "diag.h"
#include "pdfin.h"
#include "progress.h"


enum ul_flip {
	UL_FLIP_AUTO,		/* long when the input has backs, else none */
	UL_FLIP_LONG,
	UL_FLIP_SHORT,
	UL_FLIP_NONE
};

struct ul_impose_opts {
	double sheet_w, sheet_h;	/* the paper, portrait or as given */
	enum ul_flip flip;
	double off_x, off_y;	/* backs' shift: right and up, seen on the back */
	double margin;		/* the printer's unprintable margin (5 mm) */
	double overlap;		/* between poster tiles (10 mm) */
	bool marks;		/* crop, glue and fidelity marks (-M clears) */
	bool tile;		/* tile every page that misses the printable area */
	bool booklet;
	const char *lang;	/* marks' language; NULL: the input's, else fr */
	const char *output;	/* the output's name, for messages, or NULL */
	struct ul_progress *progress;	/* sheets drawn, or NULL */
};

/* A4, long-edge auto duplex, 5 mm margin, 10 mm overlap, marks on. */
void ul_impose_opts_init(struct ul_impose_opts *);

/*
 * "a4", "a3", "a5", "letter", "legal" or "WxHmm" (also "WxH", decimals
 * allowed). Returns 0 and the size in points, or -1.
 */
int ul_impose_parse_sheet(const char *, double *w, double *h);
/* "X,Y" in mm, each within +-50. Returns 0 and points, or -1. */
int ul_impose_parse_offset(const char *, double *x, double *y);

/*
 * Impose the documents (in order) and write one PDF to out. Returns 0, or
 * -1 with diagnostics (UL_EDATA when a page fits nowhere, UL_EUSAGE when
 * the sheet is too small for anything). Nothing is written on failure
 * before the first byte; the caller's ul_atomic discards a partial file.
 */
int ul_impose_write(struct ul_pdfin *docs, size_t ndocs,
		    const struct ul_impose_opts *, FILE *out,
		    struct ul_diags *);

/* Write the two-page duplex calibration sheet (front targets, back rules). */
int ul_impose_calibration(const struct ul_impose_opts *, FILE *out,
			  struct ul_diags *);

/* The card grid on a sheet, exposed for the unit tests. */
struct ul_grid {
	int cols, rows;
	bool rotated;		/* cards turned a quarter clockwise */
	double cw, ch;		/* a cell's trim size on the sheet */
	double keep;		/* bleed kept on every side of a card */
	double gap;		/* between neighbouring trims (2 * keep) */
	double x0, y0;		/* the first card's trim corner */
	double mark_gap, mark_len;	/* crop marks: distance, length */
};

/*
 * The grid with the most cards of trim tw x th (bleed b) inside the area
 * [ax, ax+aw] x [ay, ay+ah], with room for crop marks when marks is set.
 * Returns the number of cards per sheet (0 when none fits).
 */
int ul_impose_grid(double ax, double ay, double aw, double ah, double tw,
		   double th, double b, bool marks, struct ul_grid *);

/*
 * Saddle-stitch order for n pages: fills order[] (4 * sheets entries, -1
 * for a blank) as front-left, front-right, back-left, back-right of each
 * sheet; returns the number of sheets.
 */
int ul_impose_booklet_order(int n, int *order);

#endif
