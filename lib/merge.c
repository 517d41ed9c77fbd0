/* SPDX-License-Identifier: ISC */
/*
 * Merge: records in, a structured and deterministic collection out. This
 * file owns the lifecycle of struct ul_merge, its strings (every string it
 * keeps lives in its arena; strings that repeat, such as sessions, tables,
 * sequences, stages, tags and field names, are interned, so a million
 * records cost their text and little more) and the identity of items:
 * what makes two records the same item, and how duplicates are merged.
 * The module's other trades have their own files: lib/validate.c,
 * lib/privacy.c, lib/order.c (see lib/merge-int.h).
 * Knows the workshop model but no file format and no output format.
 */
#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "merge-int.h"
#include "util.h"

/* Room for n more bytes in the pool, a new chunk (1 MB or more) when short. */
static void
pool_reserve(struct ul_arena *a, struct pool *pl, size_t n)
{
	if (n > pl->left) {
		size_t size = n > 1 << 20 ? n : 1 << 20;
		pl->p = ul_arena_alloc(a, size);
		pl->left = size;
	}
}

static const char *
pool_dup(struct ul_arena *a, struct pool *pl, const char *s, size_t len)
{
	pool_reserve(a, pl, len + 1);
	char *r = pl->p;
	memcpy(r, s, len);
	r[len] = '\0';
	pl->p += len + 1;
	pl->left -= len + 1;
	return r;
}

/*
 * n zeroed bytes aligned for pointers, from the pool: items and their
 * lists are packed (the arena aligns every allocation to 16 bytes, which
 * costs 8 bytes on every item and on every list of one tag).
 */
static void *
pool_alloc(struct ul_arena *a, struct pool *pl, size_t n)
{
	const size_t align = sizeof(void *);
	size_t pad = (align - (uintptr_t)pl->p % align) % align;

	if (pad + n > pl->left) {
		pl->left = 0;
		pool_reserve(a, pl, n);
		pad = 0;
	}
	void *r = pl->p + pad;
	memset(r, 0, n);
	pl->p += pad + n;
	pl->left -= pad + n;
	return r;
}

void *
merge_alloc(struct ul_merge *m, size_t n)
{
	struct priv *p = m->priv;
	return pool_alloc(&m->arena, &p->pool, n ? n : 1);
}

const struct ul_item_rare ul_item_plain = { NULL };

struct ul_item_rare *
merge_rare(struct ul_merge *m, struct ul_item *it)
{
	if (it->rare == &ul_item_plain)
		it->rare = merge_alloc(m, sizeof(*it->rare));
	return it->rare;
}

uint32_t
merge_hash(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

void
merge_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

int
merge_cmp_field(const void *a, const void *b)
{
	return strcmp(((const struct ul_rfield *)a)->name,
		      ((const struct ul_rfield *)b)->name);
}

int
merge_cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* strings and items */

const char *
merge_intern(struct ul_merge *m, const char *s)
{
	struct priv *p = m->priv;
	struct strset *t = &p->strings;

	if (!s)
		return NULL;
	if (t->n * 2 >= t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 1024;
		const char **v = ul_xcalloc(cap, sizeof(*v));
		for (size_t i = 0; i < t->cap; i++)
			if (t->v[i]) {
				size_t h = merge_hash(t->v[i]) & (cap - 1);
				while (v[h])
					h = (h + 1) & (cap - 1);
				v[h] = t->v[i];
			}
		free(t->v);
		t->v = v;
		t->cap = cap;
	}
	size_t h = merge_hash(s) & (t->cap - 1);
	while (t->v[h]) {
		if (strcmp(t->v[h], s) == 0)
			return t->v[h];
		h = (h + 1) & (t->cap - 1);
	}
	t->n++;
	return t->v[h] = pool_dup(&m->arena, &p->pool, s, strlen(s));
}

const char *
merge_keep(struct ul_merge *m, const char *s)
{
	struct priv *p = m->priv;
	return s ? pool_dup(&m->arena, &p->pool, s, strlen(s)) : NULL;
}

/*
 * A path as a key: "./t1//r.csv" and "t1/r.csv" name one file. Lexical
 * only (no symbolic links followed: the report names files as given).
 */
static void
clean_path(const char *in, char *out, size_t size)
{
	size_t n = 0;

	while (in[0] == '.' && in[1] == '/')
		for (in += 2; *in == '/'; in++)
			;
	for (; *in && n + 1 < size; in++) {
		if (*in == '/' && (in[1] == '/' || (in[1] == '.' && in[2] == '/')))
			continue;
		out[n++] = *in;
	}
	out[n] = '\0';
}

/*
 * An id made of file:line, written out. A million of them (the whole path
 * each time: 40 bytes and more) are never kept: the report writes each
 * where it prints it (ul_item_id), and the sort compares lines.
 */
static const char *
place_key(const struct ul_item *it, char *buf, size_t size)
{
	char path[4096];

	clean_path(it->src.file, path, sizeof(path));
	snprintf(buf, size, "%s:%d", path, it->src.line);
	return buf;
}

const char *
ul_item_id(const struct ul_item *it, char *buf, size_t size)
{
	return it->id ? it->id : place_key(it, buf, size);
}

static bool
key_is(const struct ul_item *it, const char *key)
{
	char buf[UL_ITEM_ID_MAX];
	return strcmp(ul_item_id(it, buf, sizeof(buf)), key) == 0;
}

/* The slot of key in t (the empty one where it would go when absent). */
static size_t
item_slot(const struct itemset *t, const char *key, uint32_t h)
{
	size_t i = h & (t->cap - 1);
	while (t->v[i] && (t->h[i] != h || !key_is(t->v[i], key)))
		i = (i + 1) & (t->cap - 1);
	return i;
}

/* Grown at three quarters full: the hashes kept make probing cheap. */
static void
items_grow(struct itemset *t)
{
	if (t->cap && t->n * 4 < t->cap * 3)
		return;
	size_t cap = t->cap ? t->cap * 2 : 1024;
	struct itemset nt = { ul_xcalloc(cap, sizeof(*nt.v)), ul_xcalloc(cap, sizeof(*nt.h)),
			      cap, t->n };
	for (size_t i = 0; i < t->cap; i++)
		if (t->v[i]) {
			size_t k = t->h[i] & (cap - 1);
			while (nt.v[k])
				k = (k + 1) & (cap - 1);
			nt.v[k] = t->v[i];
			nt.h[k] = t->h[i];
		}
	free(t->v);
	free(t->h);
	*t = nt;
}

static void
items_put(struct itemset *t, size_t slot, struct ul_item *it, uint32_t h)
{
	t->v[slot] = it;
	t->h[slot] = h;
	t->n++;
}

void
merge_items_release(struct itemset *t)
{
	free(t->v);
	free(t->h);
	memset(t, 0, sizeof(*t));
}

/* Whether key could be an id made of file:line ("t1/r.csv:12"). */
static bool
looks_placed(const char *key)
{
	const char *colon = strrchr(key, ':');
	return colon && colon > key && colon[1] && strspn(colon + 1, "0123456789") == strlen(colon + 1);
}

static void
index_items(struct itemset *t, struct ul_item *const *items, size_t n, bool places)
{
	char buf[UL_ITEM_ID_MAX];

	for (size_t i = 0; i < n; i++) {
		if (items[i]->renamed || items[i]->place_id != places)
			continue;
		items_grow(t);
		const char *id = ul_item_id(items[i], buf, sizeof(buf));
		uint32_t h = merge_hash(id);
		items_put(t, item_slot(t, id, h), items[i], h);
	}
}

struct ul_item *
merge_find(struct ul_merge *m, const char *key)
{
	struct priv *p = m->priv;
	if (!p->items.cap)
		return NULL;
	uint32_t h = merge_hash(key);
	struct ul_item *it = p->items.v[item_slot(&p->items, key, h)];
	if (!it && p->places_apart && looks_placed(key)) {
		/* An answer names an item by its file:line: index those too, once. */
		p->places_apart = false;
		index_items(&p->items, m->items, m->nitems, true);
		it = p->items.v[item_slot(&p->items, key, h)];
	}
	return it;
}

void
merge_reindex(struct ul_merge *m)
{
	struct priv *p = m->priv;
	size_t heads = 0, cap = 1024;

	for (size_t i = 0; i < m->nitems; i++)
		heads += !m->items[i]->renamed && !m->items[i]->place_id;
	/* Sized once (three quarters full at most): no growth, no two tables at once. */
	while (heads * 4 >= cap * 3)
		cap *= 2;
	merge_items_release(&p->items);
	p->items.v = ul_xcalloc(cap, sizeof(*p->items.v));
	p->items.h = ul_xcalloc(cap, sizeof(*p->items.h));
	p->items.cap = cap;
	/*
	 * Items whose id is their file:line are found by it only when an
	 * answer names one so (rare): they are indexed then (merge_find).
	 */
	index_items(&p->items, m->items, m->nitems, false);
	p->places_apart = true;
}

void
merge_name_places(struct ul_merge *m, struct ul_item *it)
{
	char buf[UL_ITEM_ID_MAX];
	if (!it->id)
		it->id = merge_keep(m, place_key(it, buf, sizeof(buf)));
}

/* public helpers */

const char *
ul_itype_name(enum ul_itype t)
{
	switch (t) {
	case UL_IT_FRICTION: return "friction";
	case UL_IT_IDEA: return "idea";
	case UL_IT_VOTE: return "vote";
	case UL_IT_NOTE: return "note";
	case UL_IT_OBSERVATION: return "observation";
	case UL_IT_SERVICE: return "service";
	case UL_IT_STEP: return "step";
	case UL_IT_NTYPES: break;
	}
	return "?";
}

/* lifecycle */

/* Add s to the list v unless it is there. */
static void
names_add(const char ***v, const char ***titles, size_t *n, const char *s,
	  const char *title)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*v)[i], s) == 0)
			return;
	*v = ul_xreallocarray(*v, *n + 1, sizeof(char *));
	if (titles) {
		*titles = ul_xreallocarray(*titles, *n + 1, sizeof(char *));
		(*titles)[*n] = title;
	}
	(*v)[(*n)++] = s;
}

/* A workshop's sequences (prompt cards) and stages (journey columns). */
static void
look_up_workshop(struct wslook *l, const struct ul_workshop *ws)
{
	l->ws = ws;
	for (size_t d = 0; d < ws->ndecks; d++) {
		const struct ul_deck *dk = &ws->decks[d];
		if (dk->kind != UL_DECK_PROMPT)
			continue;
		for (size_t c = 0; c < dk->ncards; c++)
			names_add(&l->seq_ids, &l->seq_titles, &l->nseq,
				  dk->cards[c].id, dk->cards[c].title);
	}
	for (size_t k = 0; k < ws->nposters; k++) {
		const struct ul_poster *po = &ws->posters[k];
		if (po->kind != UL_POSTER_JOURNEY)
			continue;
		for (size_t c = 0; c < po->columns.n; c++)
			names_add(&l->stages, NULL, &l->nstages, po->columns.v[c], NULL);
	}
}

void
ul_merge_init(struct ul_merge *m, const struct ul_merge_opts *o)
{
	struct priv *p;
	const struct ul_workshop *ws = o->ws;

	memset(m, 0, sizeof(*m));
	m->opts = *o;
	ul_arena_init(&m->arena);
	m->priv = p = ul_xcalloc(1, sizeof(*p));
	m->lang = ws && ws->lang ? ws->lang : "fr";
	if (!ws)
		return;
	m->workshop_id = ws->id;
	m->workshop_title = ws->title;
	p->wsl = ul_xcalloc(o->nmore + 1, sizeof(*p->wsl));
	look_up_workshop(&p->wsl[p->nwsl++], ws);
	for (size_t i = 0; i < o->nmore; i++)
		look_up_workshop(&p->wsl[p->nwsl++], o->more[i]);
	/* The report's order: the workshops' names in the order given. */
	for (size_t w = 0; w < p->nwsl; w++) {
		for (size_t i = 0; i < p->wsl[w].nseq; i++)
			names_add(&p->seq_ids, &p->seq_titles, &p->nseq,
				  p->wsl[w].seq_ids[i], p->wsl[w].seq_titles[i]);
		for (size_t i = 0; i < p->wsl[w].nstages; i++)
			names_add(&p->stages, NULL, &p->nstages, p->wsl[w].stages[i], NULL);
	}
}

void
ul_merge_source(struct ul_merge *m, const char *file,
		const struct ul_rsource *rs)
{
	struct priv *p = m->priv;

	p->src = ul_xreallocarray(p->src, p->nsrc + 1, sizeof(*p->src));
	memset(&p->src[p->nsrc], 0, sizeof(*p->src));
	p->src[p->nsrc].rs = rs;
	p->src[p->nsrc].file = ul_xstrdup(file);
	p->src[p->nsrc].idx = p->nsrc;
	p->nsrc++;
}

/* identity and merging */

/* A scanned card not yet typed: the same card as its transcription. */
static bool
is_waiting(const struct ul_item *it)
{
	return !it->text && it->rare->image;
}

static bool
same_content(const struct ul_item *a, const struct ul_item *b)
{
	bool waiting = is_waiting(a) || is_waiting(b);

	return a->type == b->type && (waiting || strcmp(a->text ? a->text : "",
					     b->text ? b->text : "") == 0) &&
	    (!a->sequence || !b->sequence || a->sequence == b->sequence) &&
	    (!a->stage || !b->stage || a->stage == b->stage);
}

static uint32_t
tagset_hash(const char *const *t, size_t n)
{
	uint64_t h = n * 0x9e3779b97f4a7c15ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (uintptr_t)t[i]) * 0xff51afd7ed558ccdull;
	return (uint32_t)(h ^ h >> 32);
}

/*
 * The one copy of a list of tags: a million records carry a few dozen
 * combinations of tags, stored once each. Past TAGSETS_MAX combinations
 * (every record its own), new ones are stored apart, unlooked-for.
 */
#define TAGSETS_MAX 65536

static const char **
tagset_keep(struct ul_merge *m, const char *const *t, size_t n)
{
	struct priv *p = m->priv;
	struct tagsets *ts = &p->tagsets;
	uint32_t h = tagset_hash(t, n);

	if (ts->cap) {
		for (size_t i = h & (ts->cap - 1); ts->v[i].tags; i = (i + 1) & (ts->cap - 1))
			if (ts->v[i].h == h && ts->v[i].n == n &&
			    memcmp(ts->v[i].tags, t, n * sizeof(*t)) == 0)
				return ts->v[i].tags;
	}
	const char **copy = merge_alloc(m, n * sizeof(*copy));
	memcpy(copy, t, n * sizeof(*copy));
	if (ts->n >= TAGSETS_MAX)
		return copy;
	if (ts->n * 2 >= ts->cap) {
		size_t cap = ts->cap ? ts->cap * 2 : 256;
		struct tagset *v = ul_xcalloc(cap, sizeof(*v));
		for (size_t i = 0; i < ts->cap; i++)
			if (ts->v[i].tags) {
				size_t k = ts->v[i].h & (cap - 1);
				while (v[k].tags)
					k = (k + 1) & (cap - 1);
				v[k] = ts->v[i];
			}
		free(ts->v);
		ts->v = v;
		ts->cap = cap;
	}
	size_t i = h & (ts->cap - 1);
	while (ts->v[i].tags)
		i = (i + 1) & (ts->cap - 1);
	ts->v[i] = (struct tagset){ copy, h, (uint16_t)n };
	ts->n++;
	return copy;
}

/* Interned, without repeats, sorted; the list itself stored once (tagset_keep). */
static void
set_tags(struct ul_merge *m, struct ul_item *it, const struct ul_record *r)
{
	const char *local[64];
	const char **t = r->ntags <= UL_NELEM(local) ? local : ul_xcalloc(r->ntags, sizeof(*t));
	size_t n = 0;

	for (size_t i = 0; i < r->ntags; i++) {
		const char *s = merge_intern(m, r->tags[i]);
		bool dup = false;
		for (size_t k = 0; k < n; k++)
			dup |= t[k] == s;
		if (!dup)
			t[n++] = s;
	}
	merge_sort(t, n, sizeof(*t), merge_cmp_cstr);
	it->tags = tagset_keep(m, t, n);
	it->ntags = (uint16_t)n;
	if (t != local)
		free(t);
}

static struct ul_item *
build_item(struct ul_merge *m, const struct ul_record *r, const struct checked *ck)
{
	struct priv *p = m->priv;
	struct ul_item *it = merge_alloc(m, sizeof(*it));
	unsigned pflags = 0;

	/* ul_item_plain is const: a write through it faults, it is not shared silently. */
	it->rare = (struct ul_item_rare *)&ul_item_plain;

	it->type = (uint8_t)ck->type;
	it->votes = ck->votes;
	it->severity = (int16_t)ck->severity;
	it->serial = ck->has_serial ? merge_intern(m, ck->serial) : NULL;
	it->session = merge_intern(m, r->session);
	it->table = merge_intern(m, r->table);
	it->sequence = merge_intern(m, ck->sequence);
	it->stage = merge_intern(m, ck->stage);
	/*
	 * Blanks typed twice, a tab, a Windows line end: the same card
	 * transcribed twice must be one item, and the report reads clean.
	 */
	char *tidy = NULL;
	const char *text = r->text;
	if (text && ul_blanks_untidy(text)) {
		tidy = ul_xstrdup(text);
		ul_blanks_tidy(tidy);
		text = *tidy ? tidy : NULL;
	}
	it->text = merge_private_text(m, text, &pflags);
	free(tidy);
	if (r->image) {
		/* relative to the results file, as utilab-scan writes it */
		const char *slash = strrchr(r->file, '/');
		char *path = r->image[0] == '/' || !slash ? ul_xstrdup(r->image) :
			     ul_xasprintf("%.*s/%s", (int)(slash - r->file),
					  r->file, r->image);
		merge_rare(m, it)->image = merge_keep(m, path);
		free(path);
	}
	merge_origin(m, r, true, &it->src.file, &it->src.line);
	it->src.input = p->nsrc ? (uint32_t)(p->nsrc - 1) : 0;
	it->nsrc = 1;
	if (r->ntags)
		set_tags(m, it, r);
	if (ck->nanswers) {
		const char **t = merge_alloc(m, ck->nanswers * sizeof(*t));
		memcpy(t, ck->answers, ck->nanswers * sizeof(*t));
		merge_rare(m, it)->answers = t;
		it->rare->nanswers = (uint16_t)ck->nanswers;
	}
	if (r->nfields) {
		struct ul_rfield *f = merge_alloc(m, r->nfields * sizeof(*f));
		for (size_t i = 0; i < r->nfields; i++) {
			f[i].name = merge_intern(m, r->fields[i].name);
			f[i].value = merge_private_text(m, i < UL_NELEM(ck->canon) &&
							ck->canon[i] ? ck->canon[i] :
							r->fields[i].value, &pflags);
		}
		merge_sort(f, r->nfields, sizeof(*f), merge_cmp_field);
		merge_rare(m, it)->fields = f;
		it->rare->nfields = (uint16_t)r->nfields;
	}
	it->new_sequence = ck->new_sequence;
	struct ul_item_later *later = merge_later(m, r, ck, &pflags);
	if (later)
		merge_rare(m, it)->later = later;
	it->privacy = (uint8_t)pflags;
	return it;
}

/*
 * A name for an idea or a service without a serial that stays the same
 * from one collection to the next, whatever else is collected and in
 * whatever order, so a guide can cite it: a slug of its title (or first
 * words) and a hash of what makes it this one (its text, title, session
 * and table): "idee-achats-groupes-7f3a2c".
 */
static void
content_id(const struct ul_item *it, char *key, size_t size)
{
	const struct ul_item_later *l = it->rare->later;
	const char *title = l && l->title ? l->title : NULL;
	const char *name = title ? title : it->text ? it->text : "";
	char *slug = ul_fold(name);
	size_t n = 0, words = 0;

	for (char *s = slug; *s && n < 32 && words < 4; s++) {
		if (*s == ' ') {
			words++;
			if (words == 4)
				break;
			slug[n++] = '-';
		} else if (isalnum((unsigned char)*s))
			slug[n++] = *s;
	}
	while (n && slug[n - 1] == '-')
		n--;
	slug[n] = '\0';
	uint32_t h = 2166136261u;
	const char *parts[] = { it->text, title, it->session, it->table };
	for (size_t k = 0; k < UL_NELEM(parts); k++) {
		for (const char *s = parts[k] ? parts[k] : ""; *s; s++)
			h = (h ^ (unsigned char)*s) * 16777619u;
		h = (h ^ 0x1f) * 16777619u;
	}
	snprintf(key, size, "%s%s%s-%06x",
		 it->type == UL_IT_SERVICE ? "service" : "idee", n ? "-" : "",
		 slug, (unsigned)(h & 0xffffff));
	free(slug);
}

/*
 * What makes two records one item: the serial, the form's id (Decidim's
 * proposal 813 is citable as it is), a content id for ideas and services
 * (content_id), or the place.
 */
static void
item_key(struct ul_item *it, const struct ul_record *r, const struct source *cur,
	 char *key, size_t size)
{
	if (it->serial)
		snprintf(key, size, "%s", it->serial);
	else if (!r->source_id && (it->type == UL_IT_IDEA || it->type == UL_IT_SERVICE))
		content_id(it, key, size);
	else if (r->source_id)
		snprintf(key, size, "%s:%.400s",
			 cur && cur->rs->format ? cur->rs->format : "form", r->source_id);
	else {
		/*
		 * The whole path as given: t1/r.csv and t2/r.csv are two tables'
		 * files, and their line 3 two records.
		 */
		place_key(it, key, size);
		it->place_id = true;
	}
}

/* The new source comes first: it speaks for the item. */
static void
take_first_source(struct ul_merge *m, struct ul_item *v, struct ul_item *it)
{
	v->src.file = it->src.file;
	v->src.line = it->src.line;
	v->src.input = it->src.input;
	/*
	 * What the first source leaves out, the other gives: a scanned card
	 * not yet typed has no text, a transcription no image, whichever
	 * order the files come in.
	 */
	if (it->session)
		v->session = it->session;
	if (it->table)
		v->table = it->table;
	/* Swap lists so the union below starts from the first source. */
	const char **ot = v->tags;
	uint16_t ont = v->ntags;
	v->tags = it->tags;
	v->ntags = it->ntags;
	it->tags = ot;
	it->ntags = ont;
	if (v->rare->fields || it->rare->fields) {
		struct ul_item_rare *vr = merge_rare(m, v), *ir = merge_rare(m, it);
		struct ul_rfield *of = vr->fields;
		uint16_t onf = vr->nfields;
		vr->fields = ir->fields;
		vr->nfields = ir->nfields;
		ir->fields = of;
		ir->nfields = onf;
	}
	if (v->rare->answers != it->rare->answers) {
		merge_rare(m, v)->answers = it->rare->answers;
		v->rare->nanswers = it->rare->nanswers;
	}
	if (it->severity)
		v->severity = it->severity;
	if (it->text) {
		v->privacy = it->privacy;
		v->text = it->text;
	}
}

/* Tags and fields: the union (the first source's value wins). */
static void
union_lists(struct ul_merge *m, struct ul_item *v, const struct ul_item *it)
{
	if (it->ntags) {
		const char **t = merge_alloc(m, (v->ntags + it->ntags) * sizeof(*t));
		size_t nt = 0;
		for (size_t i = 0; i < v->ntags; i++)
			t[nt++] = v->tags[i];
		for (size_t i = 0; i < it->ntags; i++) {
			bool dup = false;
			for (size_t k = 0; k < v->ntags; k++)
				dup |= v->tags[k] == it->tags[i];
			if (!dup)
				t[nt++] = it->tags[i];
		}
		merge_sort(t, nt, sizeof(*t), merge_cmp_cstr);
		v->tags = t;
		v->ntags = (uint16_t)nt;
	}
	const struct ul_item_rare *vr = v->rare, *ir = it->rare;
	if (ir->nfields && vr->fields != ir->fields) {
		struct ul_rfield *f = merge_alloc(m, (vr->nfields + ir->nfields) * sizeof(*f));
		size_t nf = 0;
		for (size_t i = 0; i < vr->nfields; i++)
			f[nf++] = vr->fields[i];
		for (size_t i = 0; i < ir->nfields; i++) {
			bool dup = false;
			for (size_t k = 0; k < vr->nfields; k++)
				dup |= vr->fields[k].name == ir->fields[i].name;
			if (!dup)
				f[nf++] = ir->fields[i];
		}
		merge_sort(f, nf, sizeof(*f), merge_cmp_field);
		merge_rare(m, v)->fields = f;
		v->rare->nfields = (uint16_t)nf;
	}
}

/* A duplicate: one item, both sources. */
static void
merge_duplicate(struct ul_merge *m, struct ul_item *v, struct ul_item *it)
{
	struct ul_src *s = merge_alloc(m, sizeof(*s));

	*s = it->src;
	if (merge_src_cmp(&it->src, &v->src) < 0) {
		*s = v->src;
		take_first_source(m, v, it);
	}
	union_lists(m, v, it);
	if (!v->text)
		v->text = it->text;
	if (!v->rare->image && it->rare->image)
		merge_rare(m, v)->image = it->rare->image;
	if (!v->sequence)
		v->sequence = it->sequence;
	if (!v->stage)
		v->stage = it->stage;
	if (it->votes > v->votes)
		v->votes = it->votes;
	s->next = v->src.next;
	v->src.next = s;
	v->nsrc++;
}

/* Where the variants of head's chain with it's content are (type and text; see same_content). */
static uint32_t
content_hash(const struct ul_item *head, const struct ul_item *it)
{
	uint32_t h = merge_hash(it->text ? it->text : "");
	uintptr_t k = (uintptr_t)head;

	h ^= (uint32_t)(k ^ k >> 32) * 2654435761u;
	return (h ^ it->type) * 16777619u;
}

static void
index_variant(struct ul_merge *m, struct ul_item *head, struct ul_item *it)
{
	struct priv *p = m->priv;
	struct itemset *t = &p->variants;

	items_grow(t);
	uint32_t h = content_hash(head, it);
	size_t i = h & (t->cap - 1);
	while (t->v[i])
		i = (i + 1) & (t->cap - 1);
	items_put(t, i, it, h);
}

/*
 * The variant of the chain at head that it duplicates, or NULL. Most keys
 * have one item: one comparison. Keys with more are looked up by content,
 * except when a scanned card not yet typed (which matches any text) is
 * among them: then the chain is walked.
 */
static struct ul_item *
find_variant(struct ul_merge *m, struct ul_item *head, const struct ul_item *it,
	     const char *key)
{
	struct priv *p = m->priv;
	const struct itemset *t = &p->variants;

	if (!head->rare->next_variant || head->any_waiting || is_waiting(it)) {
		for (struct ul_item *v = head; v; v = v->rare->next_variant)
			if (same_content(v, it))
				return v;
		return NULL;
	}
	uint32_t h = content_hash(head, it);
	for (size_t i = h & (t->cap - 1); t->v[i]; i = (i + 1) & (t->cap - 1))
		if (t->h[i] == h && same_content(t->v[i], it) && key_is(t->v[i], key))
			return t->v[i];
	return NULL;
}

/*
 * A new item under key, or a variant (same key, other content) of the
 * chain at head: it shares the head's id until conflicts are named.
 */
static void
insert_item(struct ul_merge *m, size_t slot, struct ul_item *it,
	    const char *key, uint32_t h)
{
	struct priv *p = m->priv;
	struct ul_item *head = p->items.v[slot];

	if (head) {
		it->id = head->id;
		if (!head->rare->next_variant)
			index_variant(m, head, head);
		index_variant(m, head, it);
		merge_rare(m, it)->next_variant = head->rare->next_variant;
		merge_rare(m, head)->next_variant = it;
		head->any_waiting |= is_waiting(it);
	} else {
		/* An id made of file:line is not stored (ul_item_id writes it). */
		it->id = it->place_id ? NULL : merge_keep(m, key);
		it->any_waiting = is_waiting(it);
		items_put(&p->items, slot, it, h);
	}
	p->total_items++;
}

int
ul_merge_add(void *ctx, const struct ul_record *r)
{
	struct ul_merge *m = ctx;
	struct priv *p = m->priv;
	struct source *cur = p->nsrc ? &p->src[p->nsrc - 1] : NULL;
	struct checked ck;
	char why[320], key[4400];	/* a path (PATH_MAX) and a line */
	const char *e;

	m->in++;
	if (cur)
		cur->in++;
	if ((e = merge_validate(m, r, &ck, why, sizeof(why)))) {
		merge_quarantine(m, r, e);
		return 0;
	}
	struct ul_item *it = build_item(m, r, &ck);
	item_key(it, r, cur, key, sizeof(key));

	items_grow(&p->items);
	uint32_t h = merge_hash(key);
	size_t slot = item_slot(&p->items, key, h);
	struct ul_item *v = p->items.v[slot] ? find_variant(m, p->items.v[slot], it, key) : NULL;
	if (v)
		merge_duplicate(m, v, it);
	else
		insert_item(m, slot, it, key, h);
	return 0;
}

void
ul_merge_release(struct ul_merge *m)
{
	struct priv *p = m->priv;

	if (p) {
		for (size_t i = 0; i < m->nitems; i++)
			free(m->items[i]->rare->ideas);
		free(p->strings.v);
		merge_items_release(&p->items);
		merge_items_release(&p->variants);
		free(p->tagsets.v);
		for (size_t i = 0; i < p->nsrc; i++)
			free(p->src[i].file);
		free(p->src);
		free(p->quar);
		free(p->origins);
		free(p->seq_ids);
		free(p->seq_titles);
		free(p->stages);
		for (size_t w = 0; w < p->nwsl; w++) {
			free(p->wsl[w].seq_ids);
			free(p->wsl[w].seq_titles);
			free(p->wsl[w].stages);
		}
		free(p->wsl);
		merge_link_release(m);
		free(p);
	}
	free(m->items);
	for (size_t i = 0; i < m->nseqs; i++)
		free(m->seqs[i].stages);
	free(m->seqs);
	free(m->ideas);
	free(m->orphans);
	free(m->notes);
	free(m->tags);
	free(m->tables);
	free(m->sources);
	free(m->field_names);
	free(m->qfield_names);
	ul_arena_release(&m->arena);
	memset(m, 0, sizeof(*m));
}
