/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target for the loader and the workshop validator together:
 * any input is loaded and validated; a valid model is then walked the way
 * the commands walk it (decks, cards, serials, posters, QR templates,
 * lookups by id), so that a model the validator lets through can never
 * crash its users. A broken promise aborts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "workshop.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check(int cond)
{
	if (!cond)
		abort();
}

static void
check_strlist(const struct ul_strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		check(l->v[i] != NULL && l->pos[i].line >= 1);
}

static void
walk(const struct ul_workshop *ws)
{
	char serial[64];
	size_t bad;

	check(ws->id && ws->title && ws->lang);
	check(ul_ws_kind_name(ws->kind) != NULL);
	(void)ul_workshop_minutes(ws);
	check_strlist(&ws->partners);
	for (size_t i = 0; i < ws->nphases; i++) {
		const struct ul_phase *p = &ws->phases[i];
		check_strlist(&p->steps);
		check_strlist(&p->uses);
		/* Every use names a deck or a poster: the validator said so. */
		for (size_t k = 0; k < p->uses.n; k++)
			check(ul_workshop_deck(ws, p->uses.v[k]) ||
			      ul_workshop_poster(ws, p->uses.v[k]));
	}
	for (size_t i = 0; i < ws->ndecks; i++) {
		const struct ul_deck *d = &ws->decks[i];
		const char *tmpl = ul_qr_template(ws, &d->qr);
		check(d->id && ul_workshop_deck(ws, d->id) == d);
		check(ul_deck_kind_name(d->kind) != NULL);
		check(d->size.w > 0 && d->size.h > 0);
		if (tmpl)
			check(ul_qr_template_check(tmpl, &bad) == 0);
		for (size_t k = 0; k < d->ncards; k++) {
			check(d->cards[k].id != NULL);
			check_strlist(&d->cards[k].questions);
			check_strlist(&d->cards[k].goals);
			check_strlist(&d->cards[k].frustrations);
		}
		if (d->kind == UL_DECK_WRITEIN && d->count > 0) {
			ul_serial(d, d->first, serial, sizeof(serial));
			ul_serial(d, d->first + d->count - 1, serial,
				  sizeof(serial));
			check(strlen(serial) < sizeof(serial) - 1);
		}
		for (size_t k = 0; k < d->nfields; k++)
			check(d->fields[k].id != NULL);
	}
	for (size_t i = 0; i < ws->nposters; i++) {
		const struct ul_poster *p = &ws->posters[i];
		const char *tmpl = ul_qr_template(ws, &p->qr);
		check(p->id && ul_workshop_poster(ws, p->id) == p);
		check(ul_poster_kind_name(p->kind) != NULL);
		check(p->size.w > 0 && p->size.h > 0);
		if (tmpl)
			check(ul_qr_template_check(tmpl, &bad) == 0);
		check_strlist(&p->columns);
		check_strlist(&p->rows);
		check_strlist(&p->items);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *sink;
	struct ul_workshop ws;
	struct ul_diags diags;

	if (!sink)
		sink = fopen("/dev/null", "w");
	ul_diags_init(&diags);
	if (ul_workshop_parse(&ws, "fuzz.yaml", (const char *)data, size,
			      &diags) == 0) {
		check(diags.errors == 0);
		walk(&ws);
	} else {
		check(diags.errors > 0);
		for (size_t i = 0; i < diags.n; i++)
			check(diags.v[i].msg != NULL);
	}
	ul_diags_sort(&diags);
	if (sink)
		ul_diags_print(&diags, sink, "fuzz");
	ul_workshop_release(&ws);
	ul_diags_release(&diags);
	return 0;
}
