/* SPDX-License-Identifier: ISC */
/*
 * The kit plan: what a workshop's kit holds and in which order. One owner
 * for these facts, read by utilab-cards (which pages to draw, their sizes,
 * labels and file names), by the run sheet's materials list (how many
 * sets of each deck and poster, how many cards), and by utilab-guide and
 * utilab-scan (which write-in card a serial is, and where each element of
 * its face lies: ul_kit_face_layout).
 * Owns struct ul_kit; knows nothing of output files or argv. It draws
 * nothing itself: face geometry comes from lib/card.c, which lays the face
 * out with the very code that prints it.
 *
 * Order of the pages: the run sheet, then each deck in the order of the
 * definition (for each set, for each card, for each of its copies: the
 * front, then its back; a write-in deck: each blank's front and back in
 * serial order), then each poster (its sets one after the other).
 *
 * Quantities (utilab-workshop(5), `per:` and `copies:`): a prompt or
 * persona deck, or a poster, is printed once per table, per person or
 * once for the workshop, or `copies:` times. A write-in deck is never
 * printed twice, since every blank has its own serial: `per:` multiplies
 * its `count` instead (count 10 per table at 4 tables: 40 blanks).
 * A `per` whose number the audience does not give counts 1, with a
 * warning from ul_kit_plan.
 */
#ifndef UL_KIT_H
#define UL_KIT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "layout.h"
#include "workshop.h"

struct ul_render;

enum ul_kit_role {
	UL_KIT_SHEET,		/* a page of the run sheet (A4, no bleed) */
	UL_KIT_FRONT,		/* a card's front */
	UL_KIT_BACK,		/* a card's back, right after its front */
	UL_KIT_POSTER		/* a poster */
};

/* A deck or a poster, and how many of it the workshop needs. */
struct ul_kit_part {
	const struct ul_deck *deck;	/* exactly one of deck and poster */
	const struct ul_poster *poster;
	const char *id;
	double w, h;		/* trim, mm (a journey poster as drawn: landscape) */
	int units;		/* tables, people or 1, as `per` says (1 when unknown) */
	int sets;		/* how many times it is printed; write-in decks: 1 */
	int per_set;		/* fronts in one set: cards and their copies, or blanks */
	int fronts;		/* fronts in the kit: sets × per_set (posters: sets) */
	bool used;		/* some phase `uses` it */
};

struct ul_kit_page {
	enum ul_kit_role role;
	int part;		/* index into parts; -1 for the run sheet */
	const struct ul_card *card;	/* prompt and persona fronts and backs */
	int number;		/* write-in: the serial's number; sheet: the page, 0-based */
	int copy;		/* 1-based copy of a card that has several, else 0 */
	int set;		/* 1-based */
	/*
	 * Whether problems are reported here: on the first of identical
	 * faces (first copy, first set, first blank of a write-in deck), so
	 * each is reported once; utilab-cards -n lays out these pages only.
	 * Backs report only when they are the card's own (ul_deck_back_faces);
	 * a deck's one back is checked once, when it is first drawn.
	 */
	bool report;
	char *card_id;		/* "courses", "ecole.2", "FRI-007"; NULL for sheets and posters */
	char *label;		/* PDF page label (lib/contract.h): front:DECK:CARD, back:DECK:CARD, poster:ID, sheet:run[:N] */
	char *name;		/* file stem for one file per page (-T png|svg), unique in the kit */
	double w, h;		/* page size, mm, bleed included */
	double bleed;		/* mm */
};

struct ul_kit {
	const struct ul_workshop *ws;
	double bleed;		/* mm, around cards and posters */
	struct ul_kit_part *parts;	/* the decks in order, then the posters */
	size_t nparts;
	struct ul_kit_page *pages;	/* filled by ul_kit_pages */
	size_t npages;
	int tables, people;	/* from the audience, 0 when not given */
};

/*
 * Plan the parts of a workshop's kit: every deck and poster with its
 * quantities (the whole kit, whatever a run selects). diags, when not
 * NULL, receives warnings about quantities the audience cannot give (per:
 * table with no `tables`, per: person with no `expected`). The workshop
 * must outlive the kit.
 */
void ul_kit_plan(struct ul_kit *, const struct ul_workshop *, double bleed,
		 struct ul_diags *);
void ul_kit_release(struct ul_kit *);

/* What a run prints: nothing chosen means everything. */
struct ul_kit_selection {
	bool sheet;		/* the run sheet */
	const char *const *decks;	/* deck ids */
	size_t ndecks;
	const char *const *posters;	/* poster ids */
	size_t nposters;
};

/*
 * Lay out the pages of a run: the selected parts, and the run sheet's
 * sheet_pages pages (ul_sheet_pages) when it is selected. Ids that name
 * nothing are ignored here (utilab-cards reports them first). Replaces
 * any pages planned before.
 */
void ul_kit_pages(struct ul_kit *, const struct ul_kit_selection *,
		  int sheet_pages);

/* The part of a deck or poster id, or NULL. */
const struct ul_kit_part *ul_kit_part(const struct ul_kit *, const char *id);

/*
 * The faces a part puts in the kit, for the run sheet's wording: cards of
 * one set, and the serials of a write-in deck (first and last number).
 */
/*
 * The serials a write-in deck's blanks carry, with no plan made: its
 * count times what its `per` counts (what ul_kit_plan gives the deck's
 * part), for readers of results that check a serial exists.
 */
void ul_kit_deck_serials(const struct ul_workshop *, const struct ul_deck *,
			 int *first, int *last);
void ul_kit_serial_range(const struct ul_kit_part *, int *first, int *last);

/*
 * The geometry of a card front: every element of the face as a box in mm
 * from the trim's top-left corner (layout.h), computed by the code that
 * draws it. page is a UL_KIT_FRONT page of this kit; r a render context
 * for the same workshop (fonts). layout is initialised here and must be
 * released. Returns 0, or -1 when the page is not a front. Reports
 * nothing: problems are for utilab-cards -n.
 */
int ul_kit_face_layout(struct ul_render *, const struct ul_kit *,
		       const struct ul_kit_page *, struct ul_layout *);

/* The front page of a write-in card by its serial ("FRI-007"), or NULL. */
const struct ul_kit_page *ul_kit_find_serial(const struct ul_kit *,
					     const char *serial);

#endif
