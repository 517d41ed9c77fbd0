/* SPDX-License-Identifier: ISC */
/*
 * The kit plan (kit.h): the parts of a kit with their quantities, the
 * pages of a run with their sizes, labels and names, and the geometry of
 * a card front. Owns struct ul_kit; knows nothing of output files or argv,
 * and draws nothing: faces are laid out by lib/card.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "card.h"
#include "contract.h"
#include "intl.h"
#include "kit.h"
#include "poster.h"
#include "sheet.h"
#include "util.h"

/* How many units a `per` counts, warning when the audience is silent. */
static int
units_of(const struct ul_kit *k, const struct ul_quantity *q, const char *what,
	 const char *id, struct ul_diags *d)
{
	const struct ul_workshop *ws = k->ws;

	if (q->copies > 0)
		return q->copies;
	switch (q->per) {
	case UL_PER_TABLE:
		if (k->tables > 0)
			return k->tables;
		/* Said on purpose, it deserves a word; the default does not. */
		if (d && q->given)
			ul_warning(d, ws->file, q->pos.line, q->pos.col,
				   strcmp(what, "deck") == 0 ?
				   N_("deck '%s' is printed per table, but "
				      "'audience' gives no 'tables': the kit "
				      "holds one set") :
				   N_("poster '%s' is printed per table, but "
				      "'audience' gives no 'tables': the kit "
				      "holds one set"), id);
		return 1;
	case UL_PER_PERSON:
		if (k->people > 0)
			return k->people;
		if (d)
			ul_warning(d, ws->file, q->pos.line, q->pos.col,
				   strcmp(what, "deck") == 0 ?
				   N_("deck '%s' is printed per person, but "
				      "'audience' gives no 'expected': the kit "
				      "holds one set") :
				   N_("poster '%s' is printed per person, but "
				      "'audience' gives no 'expected': the kit "
				      "holds one set"), id);
		return 1;
	case UL_PER_WORKSHOP:
		break;
	}
	return 1;
}

void
ul_kit_plan(struct ul_kit *k, const struct ul_workshop *ws, double bleed,
	    struct ul_diags *d)
{
	memset(k, 0, sizeof(*k));
	k->ws = ws;
	k->bleed = bleed;
	k->tables = ws->audience.tables;
	k->people = ws->audience.expected;
	k->parts = ul_xcalloc(ws->ndecks + ws->nposters + 1, sizeof(*k->parts));
	for (size_t i = 0; i < ws->ndecks; i++) {
		const struct ul_deck *dk = &ws->decks[i];
		struct ul_kit_part *p = &k->parts[k->nparts++];

		p->deck = dk;
		p->id = dk->id;
		p->w = dk->size.w > 0 ? dk->size.w : 63;
		p->h = dk->size.h > 0 ? dk->size.h : 88;
		p->units = units_of(k, &dk->sets, "deck", dk->id, d);
		if (dk->kind == UL_DECK_WRITEIN) {
			int count = dk->count > 0 ? dk->count : 1;
			p->sets = 1;
			p->per_set = count * p->units;
			if (d && (long)dk->first + p->per_set - 1 > 999999)
				ul_error(d, ws->file, dk->sets.pos.line,
					 dk->sets.pos.col, "deck '%s': %d "
					 "blanks from %d would number past "
					 "999999", dk->id, p->per_set,
					 dk->first);
		} else {
			p->sets = p->units;
			for (size_t c = 0; c < dk->ncards; c++)
				p->per_set += dk->cards[c].copies > 0 ?
					      dk->cards[c].copies : 1;
		}
		p->fronts = p->sets * p->per_set;
	}
	for (size_t i = 0; i < ws->nposters; i++) {
		const struct ul_poster *po = &ws->posters[i];
		struct ul_kit_part *p = &k->parts[k->nparts++];

		p->poster = po;
		p->id = po->id;
		ul_poster_trim(po, &p->w, &p->h);
		p->units = units_of(k, &po->sets, "poster", po->id, d);
		p->sets = p->units;
		p->per_set = 1;
		p->fronts = p->sets;
	}
	for (size_t i = 0; i < k->nparts; i++)
		for (size_t ph = 0; ph < ws->nphases && !k->parts[i].used; ph++)
			for (size_t u = 0; u < ws->phases[ph].uses.n; u++)
				if (k->parts[i].id &&
				    strcmp(ws->phases[ph].uses.v[u],
					   k->parts[i].id) == 0)
					k->parts[i].used = true;
}

static void
pages_release(struct ul_kit *k)
{
	for (size_t i = 0; i < k->npages; i++) {
		free(k->pages[i].card_id);
		free(k->pages[i].label);
		free(k->pages[i].name);
	}
	free(k->pages);
	k->pages = NULL;
	k->npages = 0;
}

void
ul_kit_release(struct ul_kit *k)
{
	pages_release(k);
	free(k->parts);
	k->parts = NULL;
	k->nparts = 0;
}

static bool
listed(const char *const *v, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (id && strcmp(v[i], id) == 0)
			return true;
	return false;
}

struct plan {
	struct ul_kit *k;
	size_t cap;
};

static struct ul_kit_page *
add(struct plan *pl, enum ul_kit_role role, int part, double w, double h,
    double bleed)
{
	struct ul_kit *k = pl->k;
	struct ul_kit_page *pg;

	if (k->npages == pl->cap) {
		pl->cap = pl->cap ? 2 * pl->cap : 64;
		k->pages = ul_xreallocarray(k->pages, pl->cap, sizeof(*k->pages));
	}
	pg = &k->pages[k->npages++];
	memset(pg, 0, sizeof(*pg));
	pg->role = role;
	pg->part = part;
	pg->w = w;
	pg->h = h;
	pg->bleed = bleed;
	return pg;
}

/*
 * A front and its back. Labels name the card (every set prints the same
 * card); names add the set, so that one file per page stays one file per
 * page.
 */
static void
add_card(struct plan *pl, int part, const struct ul_card *card, int number,
	 int copy, int set, bool report, const char *card_id)
{
	const struct ul_kit_part *p = &pl->k->parts[part];
	double b = pl->k->bleed, w = p->w + 2 * b, h = p->h + 2 * b;
	char setsuf[24] = "";

	if (set > 1)
		snprintf(setsuf, sizeof(setsuf), "-set%d", set);
	for (int side = 0; side < 2; side++) {
		struct ul_kit_page *pg = add(pl, side ? UL_KIT_BACK : UL_KIT_FRONT,
					     part, w, h, b);
		const char *face = side ? "back" : "front";
		pg->card = card;
		pg->number = number;
		pg->copy = copy;
		pg->set = set;
		/* a back is checked when it is the card's own (bilingual) */
		pg->report = report && (!side ||
			     ul_deck_back_faces(pl->k->ws, p->deck));
		pg->card_id = ul_xstrdup(card_id);
		pg->label = ul_contract_label(side ? UL_ROLE_BACK : UL_ROLE_FRONT,
					      p->id, card_id);
		pg->name = ul_xasprintf("%s-%s%s-%s", p->id, card_id, setsuf,
					face);
	}
}

static void
add_deck(struct plan *pl, int part)
{
	const struct ul_kit_part *p = &pl->k->parts[part];
	const struct ul_deck *dk = p->deck;

	if (dk->kind == UL_DECK_WRITEIN) {
		for (int i = 0; i < p->per_set; i++) {
			char serial[32];
			ul_serial(dk, dk->first + i, serial, sizeof(serial));
			add_card(pl, part, NULL, dk->first + i, 0, 1, i == 0,
				 serial);
		}
		return;
	}
	for (int set = 1; set <= p->sets; set++)
		for (size_t c = 0; c < dk->ncards; c++) {
			const struct ul_card *cd = &dk->cards[c];
			int copies = cd->copies > 0 ? cd->copies : 1;
			for (int k = 1; k <= copies; k++) {
				char *id = copies > 1 ?
					ul_xasprintf("%s.%d", cd->id, k) :
					ul_xstrdup(cd->id);
				add_card(pl, part, cd, 0, copies > 1 ? k : 0, set,
					 set == 1 && k == 1, id);
				free(id);
			}
		}
}

static void
add_poster(struct plan *pl, int part)
{
	const struct ul_kit_part *p = &pl->k->parts[part];
	double b = pl->k->bleed;

	for (int set = 1; set <= p->sets; set++) {
		struct ul_kit_page *pg = add(pl, UL_KIT_POSTER, part,
					     p->w + 2 * b, p->h + 2 * b, b);
		pg->set = set;
		pg->report = set == 1;
		pg->label = ul_contract_label(UL_ROLE_POSTER, p->id, NULL);
		pg->name = set > 1 ? ul_xasprintf("poster-%s-set%d", p->id, set) :
				     ul_xasprintf("poster-%s", p->id);
	}
}

void
ul_kit_pages(struct ul_kit *k, const struct ul_kit_selection *sel,
	     int sheet_pages)
{
	struct plan pl = { k, 0 };
	bool all = !sel->sheet && sel->ndecks == 0 && sel->nposters == 0;

	pages_release(k);
	if (all || sel->sheet)
		for (int i = 0; i < sheet_pages; i++) {
			struct ul_kit_page *pg = add(&pl, UL_KIT_SHEET, -1,
						     UL_SHEET_WIDTH,
						     UL_SHEET_HEIGHT, 0);
			pg->number = i;
			pg->set = 1;
			pg->report = true;
			char num[16];
			snprintf(num, sizeof(num), "%d", i + 1);
			pg->label = ul_contract_label(UL_ROLE_SHEET, "run",
						      sheet_pages > 1 ? num : NULL);
			pg->name = sheet_pages > 1 ?
				   ul_xasprintf("sheet-run-%d", i + 1) :
				   ul_xstrdup("sheet-run");
		}
	for (size_t i = 0; i < k->nparts; i++) {
		const struct ul_kit_part *p = &k->parts[i];
		if (p->deck && (all || listed(sel->decks, sel->ndecks, p->id)))
			add_deck(&pl, (int)i);
	}
	for (size_t i = 0; i < k->nparts; i++) {
		const struct ul_kit_part *p = &k->parts[i];
		if (p->poster &&
		    (all || listed(sel->posters, sel->nposters, p->id)))
			add_poster(&pl, (int)i);
	}
}

const struct ul_kit_part *
ul_kit_part(const struct ul_kit *k, const char *id)
{
	for (size_t i = 0; i < k->nparts; i++)
		if (k->parts[i].id && strcmp(k->parts[i].id, id) == 0)
			return &k->parts[i];
	return NULL;
}

void
ul_kit_deck_serials(const struct ul_workshop *ws, const struct ul_deck *dk,
		    int *first, int *last)
{
	struct ul_kit k;

	memset(&k, 0, sizeof(k));
	k.ws = ws;
	k.tables = ws->audience.tables;
	k.people = ws->audience.expected;
	*first = dk->first;
	*last = dk->first + (dk->count > 0 ? dk->count : 1) *
		units_of(&k, &dk->sets, "deck", dk->id, NULL) - 1;
}

void
ul_kit_serial_range(const struct ul_kit_part *p, int *first, int *last)
{
	*first = p->deck ? p->deck->first : 0;
	*last = *first + p->per_set - 1;
}

int
ul_kit_face_layout(struct ul_render *r, const struct ul_kit *k,
		   const struct ul_kit_page *pg, struct ul_layout *l)
{
	const struct ul_kit_part *p;
	struct ul_card_face f;

	if (pg->role != UL_KIT_FRONT || pg->part < 0 ||
	    (size_t)pg->part >= k->nparts)
		return -1;
	p = &k->parts[pg->part];
	f = (struct ul_card_face){ p->deck, pg->card, pg->number, false };
	return ul_card_layout(r, &f, l);
}

const struct ul_kit_page *
ul_kit_find_serial(const struct ul_kit *k, const char *serial)
{
	for (size_t i = 0; i < k->npages; i++) {
		const struct ul_kit_page *pg = &k->pages[i];
		if (pg->role == UL_KIT_FRONT && !pg->card && pg->card_id &&
		    strcmp(pg->card_id, serial) == 0)
			return pg;
	}
	return NULL;
}
