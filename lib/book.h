/* SPDX-License-Identifier: ISC */
/*
 * Book: a document of one page size made of parts, chapters, headings,
 * paragraphs, list items, fact tables and figures, laid out onto pages
 * with running heads and folios, a cover, a table of contents whose page
 * numbers are the true ones (everything is laid out before anything is
 * drawn), and the parts and chapters as PDF bookmarks.
 *
 * Paragraphs flow across pages line by line with widow and orphan control
 * (never one line alone at the foot or the head of a page); headings keep
 * with what follows them; figures and fact tables are never split.
 * Text comes as Pango markup (ul_book_markup makes it from user text).
 * Units: millimetres; type sizes in points.
 * Owns struct ul_book; knows nothing of workshops, results or argv.
 */
#ifndef UL_BOOK_H
#define UL_BOOK_H

#include <stdbool.h>

#include <cairo.h>

#include "diag.h"
#include "pdfout.h"
#include "workshop.h"

struct ul_text;
struct ul_book;

struct ul_book_opts {
	double page_w, page_h;	/* mm */
	struct ul_color accent;	/* part openers, chapter titles, rules */
	struct ul_color ink;
	const char *title;	/* running head of left-hand pages */
	bool fr;		/* French labels ("Sommaire", "Partie") */
};

struct ul_book_cover {
	const char *title, *subtitle;
	const char *authors;	/* one line, already joined */
	const char *license;	/* "CC-BY-SA-4.0" */
	const char *date;	/* as written, may be NULL */
	const char *colophon;	/* markup for the back of the cover, may be NULL */
};

enum ul_para_style {
	UL_PARA_BODY, UL_PARA_LEAD, UL_PARA_SMALL, UL_PARA_QUOTE,
	UL_PARA_CODE, UL_PARA_CAPTION
};

/* Draws a figure: cr is translated to its top-left corner, w × h mm. */
typedef void (*ul_book_draw_fn)(void *ctx, cairo_t *cr, double w, double h);

struct ul_book *ul_book_new(struct ul_text *, const struct ul_book_opts *);
void ul_book_free(struct ul_book *);

/* The width of the text block, mm (what a figure may use). */
double ul_book_body_width(const struct ul_book *);
/* The height of the text block, mm (the tallest figure that fits). */
double ul_book_body_height(const struct ul_book *);
/* The body type size, pt. */
double ul_book_body_size(const struct ul_book *);

/*
 * Markup for user text: escaped, French typography when the text context
 * is French, *emphasis* and **strong** when inline. The caller frees it.
 */
char *ul_book_markup(const struct ul_book *, const char *text, bool inline_syntax);

/*
 * A part: an opener page in the accent colour (kicker such as "Atelier",
 * may be NULL; intro markup under the title, may be NULL), a top-level
 * bookmark and a line of the table of contents. Strings are copied.
 */
void ul_book_part(struct ul_book *, const char *title, const char *kicker,
		  const char *intro);
/* A chapter: in the table of contents and the bookmarks, under its part. */
void ul_book_chapter(struct ul_book *, const char *title, bool new_page);
/* A section heading (level 2) or a minor one (3 and deeper): not in the TOC. */
void ul_book_heading(struct ul_book *, int level, const char *title);
void ul_book_para(struct ul_book *, const char *markup, enum ul_para_style);
/* A list item: bullet ("•", "3.", a clock time…) hanging at depth. */
void ul_book_item(struct ul_book *, const char *bullet, const char *markup,
		  int depth);
/* A row of a fact table: a label and its value (markup), kept together. */
void ul_book_fact(struct ul_book *, const char *label, const char *value);
/*
 * A figure w × h mm, centred, with an optional caption (markup), never
 * split across pages; h is cut to the body height. ctx is the caller's
 * and must live until ul_book_render returns.
 */
void ul_book_figure(struct ul_book *, double w, double h, ul_book_draw_fn,
		    void *ctx, const char *caption);
void ul_book_space(struct ul_book *, double mm);
void ul_book_rule(struct ul_book *);
void ul_book_page_break(struct ul_book *);

/*
 * Lay everything out, then draw it onto out: the cover and its back and
 * the table of contents when cover is not NULL, then the content.
 * Returns 0, or -1 with a diagnostic (an output error).
 */
int ul_book_render(struct ul_book *, struct ul_out *,
		   const struct ul_book_cover *cover, struct ul_diags *);

/* After ul_book_render: how many pages were drawn. */
int ul_book_pages(const struct ul_book *);

#endif
