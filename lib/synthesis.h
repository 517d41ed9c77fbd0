/* SPDX-License-Identifier: ISC */
/*
 * Synthesis: what a merge found, for people to look at. The charts (votes
 * per friction, frictions per life sequence × journey stage, ideas per
 * friction, tags) are filled from the merge here, once, for the PDF and
 * the HTML report alike; the typeset synthesis (a first page with the
 * workshop, territory, date, counts and the three most voted frictions,
 * the charts, the frictions grouped with the ideas that answer them, and
 * the sources as an appendix) is added to a book, for utilab-collect -T pdf
 * and for the results parts of a guide.
 * Owns struct ul_synthesis (what the book's figures draw from); knows
 * nothing of inputs, files or argv.
 */
#ifndef UL_SYNTHESIS_H
#define UL_SYNTHESIS_H

#include <stdbool.h>
#include <stddef.h>

#include "book.h"
#include "chart.h"
#include "merge.h"
#include "pdfout.h"

/* The charts, in this order; a chart with nothing to show has n == 0. */
enum { UL_CHART_VOTES, UL_CHART_STAGES, UL_CHART_IDEAS, UL_CHART_TAGS,
       UL_NCHARTS };

/* At most this many bars in a chart: the most voted (or the biggest). */
#define UL_CHART_MAX_BARS 12

/*
 * Fill the four charts from the merge (in the workshop's colours when the
 * merge has one): initialised here, released by the caller.
 * Votes: frictions with at least one vote, most voted first (ties by id),
 * at most UL_CHART_MAX_BARS, each labelled "ID · text".
 */
void ul_synthesis_charts(const struct ul_merge *, struct ul_chart charts[UL_NCHARTS]);

/* The frictions of the merge, most voted first (ties by id); caller frees. */
struct ul_item **ul_synthesis_by_votes(const struct ul_merge *, size_t *n);

struct ul_synthesis;

/*
 * Add the synthesis of m to the book. With part_title, it is a part of a
 * guide (an opener, then chapters); without, it is the whole document (a
 * title and an overview on its first page). The returned object holds what
 * the figures draw: free it after ul_book_render.
 */
struct ul_synthesis *ul_synthesis_add(struct ul_book *, struct ul_text *,
				      const struct ul_merge *,
				      const char *part_title);
void ul_synthesis_free(struct ul_synthesis *);

/*
 * The synthesis as a document of its own (utilab-collect -T pdf): pages of
 * w × h mm, in the workshop's theme (its font, from fontdir, and its
 * colours) when the merge has a workshop, drawn onto out. Returns 0, or
 * -1 with a diagnostic.
 */
int ul_synthesis_pdf(const struct ul_merge *, struct ul_out *, double w,
		     double h, const char *fontdir, struct ul_diags *);

#endif
