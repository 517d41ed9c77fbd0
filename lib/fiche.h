/* SPDX-License-Identifier: ISC */
/*
 * Workshop fiche: a workshop set as a part of a book, with what a
 * facilitator needs to run it from the book alone: its question, kind,
 * details and team (as the run sheet gives them), each phase on a running
 * clock with its steps and supports, the materials to pack (the run
 * sheet's list), and pictures of its decks (a few cards and the back of
 * each) and posters drawn small by the very code that prints them.
 * Owns struct ul_fiche (the render context the pictures draw with); knows
 * nothing of files other than fonts, nor of argv.
 */
#ifndef UL_FICHE_H
#define UL_FICHE_H

#include "book.h"
#include "diag.h"
#include "workshop.h"

struct ul_fiche;

/* What the book says of a workshop beyond its definition. */
struct ul_fiche_opts {
	const char *title;	/* the part's title; NULL: the workshop's */
	const char *license;	/* shown when given */
	const char *authors;	/* shown when given */
	int cards;		/* fronts shown per deck; 0: 3 */
};

/*
 * Add ws to the book as one part. The pictures are drawn with the
 * workshop's own font (from fontdir) and colours. Returns the fiche, to be
 * freed after ul_book_render, or NULL with an error (the theme's font is
 * not among the bundled ones).
 */
struct ul_fiche *ul_fiche_add(struct ul_book *, const struct ul_workshop *ws,
			      const char *fontdir, const struct ul_fiche_opts *,
			      struct ul_diags *);
/*
 * After ul_book_render: pass on the errors the pictures' drawing found (a
 * card whose text does not fit…; warnings are utilab-cards' business) and
 * free the fiche. Returns -1 when there was one.
 */
int ul_fiche_finish(struct ul_fiche *, struct ul_diags *);

#endif
