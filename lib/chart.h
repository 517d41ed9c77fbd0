/* SPDX-License-Identifier: ISC */
/*
 * Charts of a synthesis: horizontal bars (votes per friction, ideas per
 * friction, tags) and a heat map (frictions per life sequence × journey
 * stage). A chart is first laid out into a list of shapes (rectangles and
 * texts, in millimetres, each with a class and, for bars and cells, the
 * label and value it stands for); the same shapes are then drawn with
 * cairo into a PDF page or written as SVG for the HTML report, so the two
 * can never disagree.
 * Owns struct ul_chart and its shapes; knows nothing of merges, pages or
 * files (ul_chart_from_merge in synthesis.h fills one from a merge).
 */
#ifndef UL_CHART_H
#define UL_CHART_H

#include <stdio.h>

#include <cairo.h>

#include "workshop.h"

struct ul_text;

enum ul_chart_kind { UL_CHART_BARS, UL_CHART_HEAT };

struct ul_chart {
	enum ul_chart_kind kind;
	const char *id;		/* "votes", "heat", "ideas", "tags": SVG file stems */
	char *title;		/* owned */
	struct ul_color color, ink, paper;
	/* bars: n labels and values, drawn in the order given */
	char **labels;		/* owned; heat: the row labels */
	double *values;		/* bars: n; heat: nrows × ncols, row major */
	size_t n;
	char **cols;		/* heat: column labels (owned) */
	size_t ncols;
	const char *unit1, *unitn;	/* "vote", "votes": after a bar's value */

	/* after ul_chart_layout */
	struct ul_chart_shape *shapes;
	size_t nshapes, capshapes;
	double width, height;	/* mm */
};

enum ul_shape_kind { UL_SHAPE_RECT, UL_SHAPE_TEXT };
enum ul_shape_align { UL_SHAPE_START, UL_SHAPE_MIDDLE, UL_SHAPE_END };

struct ul_chart_shape {
	enum ul_shape_kind kind;
	const char *cls;	/* "bar", "cell", "label", "value", "axis"… */
	double x, y, w, h;	/* mm; a text's box: top-left, width, line height */
	struct ul_color fill;
	/* texts: the string (owned), size in pt, bold, alignment in the box */
	char *text;
	double size;
	int bold;
	enum ul_shape_align align;
	/* bars and cells: what they stand for (label borrowed, or NULL) */
	const char *label;
	double value;
};

void ul_chart_init(struct ul_chart *, enum ul_chart_kind, const char *id,
		   const char *title);
void ul_chart_release(struct ul_chart *);
/* Append one bar (label copied). */
void ul_chart_add_bar(struct ul_chart *, const char *label, double value);
/*
 * Give the heat map its rows and columns (copied) and zeroed cells;
 * ul_chart_cell() then addresses a cell.
 */
void ul_chart_heat_axes(struct ul_chart *, const char *const *rows, size_t nrows,
			const char *const *cols, size_t ncols);
double *ul_chart_cell(struct ul_chart *, size_t row, size_t col);

/*
 * Lay the chart out at width mm with type of base size pt (labels are
 * shortened with an ellipsis to fit: the layout measures nothing, so the
 * SVG needs no font). Sets width, height and the shapes.
 */
void ul_chart_layout(struct ul_chart *, double width, double base_pt);

/* Draw the shapes with cairo, their origin at (x, y) mm on cr. */
void ul_chart_draw(const struct ul_chart *, struct ul_text *, cairo_t *,
		   double x, double y);

/*
 * Write the shapes as one standalone <svg> element (no external resource,
 * no XML declaration, so it can be inlined in HTML or saved as a file).
 * Bars and cells carry class, data-label and data-value attributes.
 */
void ul_chart_write_svg(const struct ul_chart *, FILE *, const char *font);

#endif
