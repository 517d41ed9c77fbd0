/* SPDX-License-Identifier: ISC */
/*
 * Links of the later workshops: what the field said of each friction
 * (observations and their verdicts), the services that answer frictions
 * and ideas, each service's blueprint steps, and the dots counted on the
 * numbered boxes of vote posters. Every link is made both ways, so a need
 * can be followed from its friction through the field, the ideas and the
 * votes to its service, and back.
 * Part of the merge module (lib/merge-int.h); runs once the items are
 * ordered; knows nothing of file formats nor of output.
 */
#include <stdlib.h>
#include <string.h>

#include "merge-int.h"
#include "util.h"

const char *
ul_verdict_name(enum ul_verdict v)
{
	switch (v) {
	case UL_VERDICT_CONFIRMS: return "confirms";
	case UL_VERDICT_NUANCES: return "nuances";
	case UL_VERDICT_CONTRADICTS: return "contradicts";
	case UL_VERDICT_NONE: break;
	}
	return "none";
}

int
ul_verdict_parse(const char *s, enum ul_verdict *v)
{
	static const struct { const char *n; enum ul_verdict v; } names[] = {
		{ "confirms", UL_VERDICT_CONFIRMS }, { "confirm", UL_VERDICT_CONFIRMS },
		{ "confirmed", UL_VERDICT_CONFIRMS }, { "confirme", UL_VERDICT_CONFIRMS },
		{ "confirmee", UL_VERDICT_CONFIRMS }, { "oui", UL_VERDICT_CONFIRMS },
		{ "nuances", UL_VERDICT_NUANCES }, { "nuance", UL_VERDICT_NUANCES },
		{ "nuanced", UL_VERDICT_NUANCES }, { "nuancee", UL_VERDICT_NUANCES },
		{ "en partie", UL_VERDICT_NUANCES },
		{ "contradicts", UL_VERDICT_CONTRADICTS },
		{ "contradict", UL_VERDICT_CONTRADICTS },
		{ "contradicted", UL_VERDICT_CONTRADICTS },
		{ "contredit", UL_VERDICT_CONTRADICTS },
		{ "contredite", UL_VERDICT_CONTRADICTS }, { "non", UL_VERDICT_CONTRADICTS },
	};
	char *f = ul_fold(s);
	int r = -1;

	for (size_t k = 0; k < UL_NELEM(names) && r < 0; k++)
		if (strcmp(f, names[k].n) == 0) {
			*v = names[k].v;
			r = 0;
		}
	free(f);
	return r;
}

/* A list attribute ("a | b", or "a, b" when there is no '|'), interned. */
static const char **
split_list(struct ul_merge *m, const char *s, uint16_t *count)
{
	char sep = strchr(s, '|') ? '|' : ',';
	size_t n = 1;

	for (const char *p = s; *p; p++)
		n += *p == sep;
	const char **v = ul_arena_alloc(&m->arena, n * sizeof(*v));
	size_t k = 0;
	for (const char *p = s;;) {
		const char *e = strchr(p, sep);
		size_t len = e ? (size_t)(e - p) : strlen(p);
		while (len && (*p == ' ' || *p == '\t'))
			p++, len--;
		while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			len--;
		if (len) {
			char *one = ul_xstrndup(p, len);
			v[k++] = merge_intern(m, one);
			free(one);
		}
		if (!e)
			break;
		p = e + 1;
	}
	*count = (uint16_t)k;
	return v;
}

struct ul_item_later *
merge_later(struct ul_merge *m, const struct ul_record *r, const struct checked *ck,
	    unsigned *privacy)
{
	bool any = ck->poster || ck->verdict;
	unsigned flags = 0;

	for (int a = 0; a < UL_RA_N && !any; a++)
		any = r->attr[a] != NULL;
	if (!any && ck->type != UL_IT_OBSERVATION && ck->type != UL_IT_SERVICE &&
	    ck->type != UL_IT_STEP)
		return NULL;
	struct ul_item_later *l = ul_arena_alloc(&m->arena, sizeof(*l));
	/* Free text of the later workshops is checked like any other. */
	l->title = merge_private_text(m, r->attr[UL_RA_TITLE], &flags);
	l->poster = merge_intern(m, ck->poster);
	l->item = ck->item;
	l->item_label = merge_intern(m, ck->item_label);
	l->verdict = ck->verdict;
	l->service = merge_intern(m, r->attr[UL_RA_SERVICE]);
	l->for_whom = merge_private_text(m, r->attr[UL_RA_FOR], &flags);
	l->cost = merge_private_text(m, r->attr[UL_RA_COST], &flags);
	l->test = merge_private_text(m, r->attr[UL_RA_TEST], &flags);
	if (r->attr[UL_RA_ROLES])
		l->roles = split_list(m, merge_private_text(m, r->attr[UL_RA_ROLES], &flags),
				      &l->nroles);
	if (r->attr[UL_RA_NEEDS])
		l->needs = split_list(m, merge_private_text(m, r->attr[UL_RA_NEEDS], &flags),
				      &l->nneeds);
	*privacy |= flags;
	return l;
}

static void
push_item(struct ul_item ***v, uint32_t *n, struct ul_item *it)
{
	for (uint32_t k = 0; k < *n; k++)
		if ((*v)[k] == it)
			return;
	*v = ul_xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = it;
}

static void
list_add(struct ul_item ***v, size_t *n, struct ul_item *it)
{
	*v = ul_xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = it;
}

static struct ul_item_later *
later_of(struct ul_merge *m, struct ul_item *it)
{
	if (!it->rare->later)
		merge_rare(m, it)->later = ul_arena_alloc(&m->arena, sizeof(*it->rare->later));
	return it->rare->later;
}

/* What an observation or a service answers: frictions (and, for services, ideas). */
static void
link_answers(struct ul_merge *m, struct ul_item *it)
{
	struct ul_item_later *l = later_of(m, it);

	for (size_t a = 0; a < it->rare->nanswers; a++)
		for (struct ul_item *t = merge_find(m, it->rare->answers[a]); t; t = t->rare->next_variant) {
			if (t->type == UL_IT_FRICTION && it->type == UL_IT_OBSERVATION) {
				struct ul_item_later *tl = later_of(m, t);
				push_item(&tl->observations, &tl->nobservations, it);
				tl->verdicts[l->verdict]++;
			} else if ((t->type == UL_IT_FRICTION || t->type == UL_IT_IDEA) &&
				   it->type == UL_IT_SERVICE) {
				struct ul_item_later *tl = later_of(m, t);
				push_item(&tl->services, &tl->nservices, it);
			} else
				continue;
			push_item(&l->about, &l->nabout, t);
		}
}

/* A step's service: by id (or serial), else by its title, folded. */
static struct ul_item *
find_service(struct ul_merge *m, const char *name)
{
	struct ul_item *s = merge_find(m, name);
	char *f;

	for (; s; s = s->rare->next_variant)
		if (s->type == UL_IT_SERVICE)
			return s;
	f = ul_fold(name);
	for (size_t i = 0; i < m->nservices && !s; i++) {
		struct ul_item *c = m->services[i];
		char *t = c->rare->later->title ? ul_fold(c->rare->later->title) : NULL;
		char *x = c->text ? ul_fold(c->text) : NULL;
		if ((t && strcmp(t, f) == 0) || (x && strcmp(x, f) == 0))
			s = c;
		free(t);
		free(x);
	}
	free(f);
	return s;
}

/* The boxes of a poster's tally, made the first time one is counted. */
static struct ul_poster_box *
box_of(struct ul_merge *m, const struct ul_item_later *l)
{
	struct ul_poster_tally *t = NULL;
	const struct ul_workshop *ws = m->opts.ws;

	for (size_t k = 0; k < m->nposters && !t; k++)
		if (m->posters[k].poster == l->poster)
			t = &m->posters[k];
	if (!t) {
		m->posters = ul_xreallocarray(m->posters, m->nposters + 1, sizeof(*m->posters));
		t = &m->posters[m->nposters++];
		memset(t, 0, sizeof(*t));
		t->poster = l->poster;
		t->title = l->poster;
		for (size_t w = 0; ws && w <= m->opts.nmore; w++) {
			const struct ul_workshop *x = w ? m->opts.more[w - 1] : ws;
			for (size_t k = 0; k < x->nposters; k++)
				if (strcmp(x->posters[k].id, l->poster) == 0 &&
				    x->posters[k].title)
					t->title = x->posters[k].title;
		}
	}
	for (size_t b = 0; b < t->nboxes; b++)
		if (t->boxes[b].number == l->item)
			return &t->boxes[b];
	t->boxes = ul_xreallocarray(t->boxes, t->nboxes + 1, sizeof(*t->boxes));
	struct ul_poster_box *b = &t->boxes[t->nboxes++];
	memset(b, 0, sizeof(*b));
	b->number = l->item;
	b->label = l->item_label;
	return b;
}

static int
cmp_box(const void *pa, const void *pb)
{
	const struct ul_poster_box *a = pa, *b = pb;

	if (a->votes != b->votes)
		return a->votes > b->votes ? -1 : 1;
	return (a->number > b->number) - (a->number < b->number);
}

static int
cmp_tally(const void *pa, const void *pb)
{
	const struct ul_poster_tally *a = pa, *b = pb;

	return strcmp(a->poster, b->poster);
}

static int
cmp_service(const void *pa, const void *pb)
{
	char idb[UL_ITEM_ID_MAX], idb2[UL_ITEM_ID_MAX];
	const struct ul_item *a = *(struct ul_item *const *)pa;
	const struct ul_item *b = *(struct ul_item *const *)pb;

	if (a->votes != b->votes)
		return a->votes > b->votes ? -1 : 1;
	return strcmp(ul_item_id(a, idb, sizeof(idb)), ul_item_id(b, idb2, sizeof(idb2)));
}

/* Steps in the order of the blueprint's columns, then by id. */
static int
cmp_step(const void *pa, const void *pb)
{
	char idb[UL_ITEM_ID_MAX], idb2[UL_ITEM_ID_MAX];
	const struct ul_item *a = *(struct ul_item *const *)pa;
	const struct ul_item *b = *(struct ul_item *const *)pb;

	if (a->rare->later->stage_rank != b->rare->later->stage_rank)
		return a->rare->later->stage_rank < b->rare->later->stage_rank ? -1 : 1;
	return strcmp(ul_item_id(a, idb, sizeof(idb)), ul_item_id(b, idb2, sizeof(idb2)));
}

static void
link_steps(struct ul_merge *m, struct ul_diags *diags)
{
	char idb[UL_ITEM_ID_MAX];
	for (size_t i = 0; i < m->nsteps; i++) {
		struct ul_item *it = m->steps[i];
		struct ul_item *s = find_service(m, it->rare->later->service);
		if (!s) {
			list_add(&m->loose_steps, &m->nloose_steps, it);
			ul_warning(diags, it->src.file, it->src.line, 0,
				   "step '%s' belongs to service '%s', which was not "
				   "collected: it is listed on its own", ul_item_id(it, idb, sizeof(idb)),
				   it->rare->later->service);
			continue;
		}
		it->rare->later->of_service = s;
		struct ul_item_later *sl = later_of(m, s);
		push_item(&sl->steps, &sl->nsteps, it);
	}
	for (size_t i = 0; i < m->nservices; i++) {
		struct ul_item_later *sl = m->services[i]->rare->later;
		merge_sort(sl->steps, sl->nsteps, sizeof(*sl->steps), cmp_step);
	}
}

static bool
in_box(const struct ul_item *it)
{
	return it->rare->later && it->rare->later->poster && it->rare->later->item;
}

static bool
same_box(const struct ul_item *a, const struct ul_item *b)
{
	return a->rare->later->poster == b->rare->later->poster && a->rare->later->item == b->rare->later->item;
}

/*
 * Dots on a poster box stand for what is in the box. A vote record that
 * says what it votes for (answers) was cast on that already; one that
 * does not gives its dots to the idea card glued in the box, when there
 * is exactly one. Before ordering, so the ideas sort by their true votes.
 */
void
merge_cast_box_votes(struct ul_item **all, size_t n)
{
	struct ul_item **ideas = NULL;
	size_t nideas = 0;

	for (size_t i = 0; i < n; i++)
		if (all[i]->type == UL_IT_IDEA && in_box(all[i]))
			list_add(&ideas, &nideas, all[i]);
	for (size_t i = 0; i < n && nideas; i++) {
		struct ul_item *v = all[i];
		if (v->type != UL_IT_VOTE || !in_box(v) || v->rare->nanswers)
			continue;
		struct ul_item *only = NULL;
		size_t count = 0;
		for (size_t k = 0; k < nideas; k++)
			if (same_box(ideas[k], v)) {
				only = ideas[k];
				count++;
			}
		if (count == 1) {
			only->votes += v->votes;
			push_item(&v->rare->later->about, &v->rare->later->nabout, only);
		}
	}
	free(ideas);
}

/* Dots counted on poster boxes, and the idea cards in each box. */
static void
tally_posters(struct ul_merge *m)
{
	for (size_t i = 0; i < m->nitems; i++) {
		struct ul_item *it = m->items[i];
		if (!in_box(it))
			continue;
		struct ul_poster_box *b = box_of(m, it->rare->later);
		if (it->type == UL_IT_IDEA) {
			b->ideas = ul_xreallocarray(b->ideas, b->nideas + 1, sizeof(*b->ideas));
			b->ideas[b->nideas++] = it;
		} else if (it->type == UL_IT_VOTE)
			b->votes += it->votes;
	}
	for (size_t k = 0; k < m->nposters; k++) {
		struct ul_poster_tally *t = &m->posters[k];
		merge_sort(t->boxes, t->nboxes, sizeof(*t->boxes), cmp_box);
		for (size_t b = 0; b < t->nboxes; b++)
			t->votes += t->boxes[b].votes;
	}
	merge_sort(m->posters, m->nposters, sizeof(*m->posters), cmp_tally);
}

void
merge_link(struct ul_merge *m, struct ul_diags *diags)
{
	for (size_t i = 0; i < m->nitems; i++) {
		struct ul_item *it = m->items[i];
		if (it->type == UL_IT_OBSERVATION)
			list_add(&m->observations, &m->nobservations, it);
		else if (it->type == UL_IT_SERVICE)
			list_add(&m->services, &m->nservices, it);
		else if (it->type == UL_IT_STEP)
			list_add(&m->steps, &m->nsteps, it);
	}
	tally_posters(m);
	for (size_t i = 0; i < m->nobservations; i++)
		link_answers(m, m->observations[i]);
	for (size_t i = 0; i < m->nservices; i++)
		link_answers(m, m->services[i]);
	merge_sort(m->services, m->nservices, sizeof(*m->services), cmp_service);
	merge_sort(m->steps, m->nsteps, sizeof(*m->steps), cmp_step);
	link_steps(m, diags);
}

void
merge_link_release(struct ul_merge *m)
{
	for (size_t i = 0; i < m->nitems; i++) {
		struct ul_item_later *l = m->items[i]->rare->later;
		if (!l)
			continue;
		free(l->observations);
		free(l->services);
		free(l->steps);
		free(l->about);
	}
	for (size_t k = 0; k < m->nposters; k++) {
		for (size_t b = 0; b < m->posters[k].nboxes; b++)
			free(m->posters[k].boxes[b].ideas);
		free(m->posters[k].boxes);
	}
	free(m->posters);
	free(m->observations);
	free(m->services);
	free(m->steps);
	free(m->loose_steps);
}

const char *
ul_merge_field_label(const struct ul_merge *m, const char *name)
{
	for (size_t w = 0; m->opts.ws && w <= m->opts.nmore; w++) {
		const struct ul_workshop *ws = w ? m->opts.more[w - 1] : m->opts.ws;
		for (size_t d = 0; d < ws->ndecks; d++)
			for (size_t f = 0; f < ws->decks[d].nfields; f++)
				if (strcmp(ws->decks[d].fields[f].id, name) == 0 &&
				    ws->decks[d].fields[f].label)
					return ws->decks[d].fields[f].label;
	}
	return name;
}
