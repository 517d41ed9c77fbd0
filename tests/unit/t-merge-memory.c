/* SPDX-License-Identifier: ISC */
/*
 * What a collected record costs the merge (a million are kept at once,
 * and the peak must stay under twice the input): the item's size, what
 * its arena grows by per record, the rare parts shared until an item has
 * one, and ids made of file:line written when asked for, never stored.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "merge.h"
#include "tap.h"

static struct ul_record
friction(const char *file, int line, const char *text)
{
	struct ul_record r;

	memset(&r, 0, sizeof(r));
	r.file = file;
	r.line = line;
	r.type = "friction";
	r.session = "2024-03-01";
	r.table = "T1";
	r.text = text;
	r.votes = "2";
	return r;
}

static struct ul_item *
find_text(const struct ul_merge *m, const char *text)
{
	for (size_t i = 0; i < m->nitems; i++)
		if (m->items[i]->text && strcmp(m->items[i]->text, text) == 0)
			return m->items[i];
	return NULL;
}

/* Bytes of arena per record, between n and 2n plain records of a 12-byte text. */
static double
arena_per_record(size_t n)
{
	struct ul_merge m;
	struct ul_merge_opts o = { 0 };
	struct ul_rsource rs = { 0 };
	char text[32];
	size_t at_n = 0;

	ul_merge_init(&m, &o);
	ul_merge_source(&m, "big.csv", &rs);
	for (size_t i = 0; i < 2 * n; i++) {
		snprintf(text, sizeof(text), "texte %06zu", i);
		struct ul_record r = friction("big.csv", (int)i + 2, text);
		ul_merge_add(&m, &r);
		if (i + 1 == n)
			at_n = m.arena.used;
	}
	double per = (double)(m.arena.used - at_n) / (double)n;
	ul_merge_release(&m);
	return per;
}

int
main(void)
{
	struct ul_merge m;
	struct ul_merge_opts o = { 0 };
	struct ul_rsource rs1 = { 0 }, rs2 = { 0 };
	struct ul_diags d;
	char buf[UL_ITEM_ID_MAX];

	/* 9 pointers, the first source (24 bytes), counters and flags. */
	ok(sizeof(struct ul_item) <= 112, "an item is 112 bytes at most");
	ok(ul_item_plain.fields == NULL && ul_item_plain.later == NULL &&
	   ul_item_plain.nideas == 0, "the shared rare parts are empty");

	ul_diags_init(&d);
	ul_merge_init(&m, &o);
	ul_merge_source(&m, "t1/r.csv", &rs1);
	struct ul_record a = friction("t1/r.csv", 3, "L'ascenseur est en panne.");
	struct ul_record b = friction("t1/r.csv", 4, "Le bus ne passe plus.");
	struct ul_rfield fb = { "gravite", "4" };
	b.fields = &fb;
	b.nfields = 1;
	const char *answer = "t1/r.csv:3";
	struct ul_record idea = friction("t1/r.csv", 5, "Réparer l'ascenseur");
	idea.type = "idea";
	idea.answers = &answer;
	idea.nanswers = 1;
	ul_merge_add(&m, &a);
	ul_merge_add(&m, &b);
	ul_merge_add(&m, &idea);
	ul_merge_source(&m, "t2/r.csv", &rs2);
	struct ul_record c = friction("t2/r.csv", 3, "L'ascenseur est en panne.");
	ul_merge_add(&m, &c);
	ul_merge_finish(&m, &d);

	is_int((int)m.nitems, 4, "two tables' line 3 are two items");
	struct ul_item *ia = NULL, *ic = NULL;
	for (size_t i = 0; i < m.nitems; i++)
		if (m.items[i]->type == UL_IT_FRICTION && m.items[i]->src.line == 3)
			*(strcmp(m.items[i]->src.file, "t1/r.csv") == 0 ? &ia : &ic) = m.items[i];
	struct ul_item *ib = find_text(&m, "Le bus ne passe plus.");
	struct ul_item *ii = find_text(&m, "Réparer l'ascenseur");
	ok(ia && ib && ic && ii, "every item found");
	if (!(ia && ib && ic && ii))
		return done_testing();
	ok(ia->id == NULL, "an id made of file:line is not stored");
	is_str(ul_item_id(ia, buf, sizeof(buf)), "t1/r.csv:3", "it is written when asked for");
	is_str(ul_item_id(ic, buf, sizeof(buf)), "t2/r.csv:3", "with its folder");
	ok(ii->id != NULL && ul_item_id(ii, buf, sizeof(buf)) == ii->id,
	   "an idea's content id is stored, and given as it is");
	ok(ic->rare == &ul_item_plain, "an item with no rare part shares the empty one");
	ok(ib->rare != &ul_item_plain && ib->rare->nfields == 1 &&
	   strcmp(ib->rare->fields[0].value, "4") == 0, "an item with a field has its own");
	ok(ia->rare != &ul_item_plain && ia->rare->nideas == 1 && ia->rare->ideas[0] == ii,
	   "an idea answering a file:line is attached to it");
	ok(ii->answers_found, "the idea knows it found its friction");
	ul_merge_release(&m);
	ul_diags_release(&d);

	/*
	 * Flat per record: what the arena grows by for the second 100,000
	 * records, the item and its text (13 bytes) and nothing that grows
	 * with the count (1 MB chunks: a few bytes of rounding).
	 */
	double per = arena_per_record(100000);
	char name[128];
	snprintf(name, sizeof(name), "a record costs the arena %.1f bytes (item %zu + text 13)",
		 per, sizeof(struct ul_item));
	ok(per <= (double)sizeof(struct ul_item) + 13 + 12, name);
	return done_testing();
}
