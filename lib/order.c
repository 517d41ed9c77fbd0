/* SPDX-License-Identifier: ISC */
/*
 * Ordering and grouping: once every record is in, sorts the items into
 * report order (a total order on content and provenance, never on arrival),
 * groups frictions by life sequence then journey stage, attaches ideas to
 * the frictions they answer, and counts tags, tables and sources. Part of
 * the merge module (lib/merge-int.h); knows nothing of validation rules,
 * file formats or output.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "intl.h"
#include "merge-int.h"
#include "util.h"

int
merge_src_cmp(const struct ul_src *a, const struct ul_src *b)
{
	int c = strcmp(a->file, b->file);
	if (c)
		return c;
	return a->line < b->line ? -1 : a->line > b->line;
}

static uint32_t
rank_of(const char *s, const char *const *v, size_t n)
{
	if (!s)
		return UINT32_MAX;
	for (size_t i = 0; i < n; i++)
		if (v[i] == s || strcmp(v[i], s) == 0)
			return (uint32_t)i;
	return (uint32_t)n;	/* unknown to the workshop: after the known, by name */
}

struct ranked {
	const char *s;
	uint32_t wsrank;
};

static int
cmp_ranked(const void *pa, const void *pb)
{
	const struct ranked *a = pa, *b = pb;
	if (a->wsrank != b->wsrank)
		return a->wsrank < b->wsrank ? -1 : 1;
	return strcmp(a->s, b->s);
}

/*
 * The rank of each distinct (interned) string at offset soff of the items:
 * the workshop's order, then the others by name. Found with a pointer set,
 * sorted once; looked up as the sort's keys are made (a million items
 * do not each keep two ranks).
 */
struct rankmap {
	const char **set;
	uint32_t *rank;
	size_t cap;
};

static size_t
rank_slot(const struct rankmap *rm, const char *s)
{
	size_t h = ((uintptr_t)s >> 3) * 2654435761u & (rm->cap - 1);
	while (rm->set[h] && rm->set[h] != s)
		h = (h + 1) & (rm->cap - 1);
	return h;
}

static void
rank_build(struct rankmap *rm, struct ul_item *const *all, size_t n,
	   const char *const *ws, size_t nws, size_t soff)
{
	size_t nd = 0;

	rm->cap = 64;
	rm->set = ul_xcalloc(rm->cap, sizeof(*rm->set));
	for (size_t i = 0; i < n; i++) {
		const char *s = *(const char *const *)((const char *)all[i] + soff);
		size_t h;
		if (!s || rm->set[h = rank_slot(rm, s)])
			continue;
		rm->set[h] = s;
		if (++nd * 2 < rm->cap)
			continue;
		/* Grow and rehash. */
		struct rankmap g = { ul_xcalloc(rm->cap * 2, sizeof(*g.set)), NULL, rm->cap * 2 };
		for (size_t k = 0; k < rm->cap; k++)
			if (rm->set[k])
				g.set[rank_slot(&g, rm->set[k])] = rm->set[k];
		free(rm->set);
		*rm = g;
	}
	rm->rank = ul_xcalloc(rm->cap, sizeof(*rm->rank));
	struct ranked *r = ul_xcalloc(nd + 1, sizeof(*r));
	size_t k = 0;
	for (size_t i = 0; i < rm->cap; i++)
		if (rm->set[i]) {
			r[k].s = rm->set[i];
			r[k++].wsrank = rank_of(rm->set[i], ws, nws);
		}
	merge_sort(r, k, sizeof(*r), cmp_ranked);
	for (size_t j = 0; j < k; j++)
		rm->rank[rank_slot(rm, r[j].s)] = (uint32_t)j;
	free(r);
}

/* s's rank; UINT32_MAX for none. */
static uint32_t
rank_get(const struct rankmap *rm, const char *s)
{
	return s ? rm->rank[rank_slot(rm, s)] : UINT32_MAX;
}

static void
rank_release(struct rankmap *rm)
{
	free(rm->set);
	free(rm->rank);
}

static int
nullcmp(const char *a, const char *b)
{
	if (!a || !b)
		return a ? -1 : b ? 1 : 0;	/* absent last */
	return a == b ? 0 : strcmp(a, b);
}

static int
content_cmp(const struct ul_item *a, const struct ul_item *b)
{
	int c;
	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	if ((c = nullcmp(a->text, b->text)))
		return c;
	if ((c = nullcmp(a->sequence, b->sequence)))
		return c;
	if ((c = nullcmp(a->stage, b->stage)))
		return c;
	return merge_src_cmp(&a->src, &b->src);
}

static int
cmp_variant(const void *pa, const void *pb)
{
	return content_cmp(*(struct ul_item *const *)pa, *(struct ul_item *const *)pb);
}

/* Digits compare as numbers: FRI-999 before FRI-1000, t1.csv:9 before :10. */
static int
natcmp(const char *a, const char *b)
{
	while (*a && *a == *b && !(*a >= '0' && *a <= '9')) {
		a++;
		b++;
	}
	for (;;) {
		if ((*a >= '0' && *a <= '9') && (*b >= '0' && *b <= '9')) {
			const char *x = a, *y = b;
			while (*x == '0')
				x++;
			while (*y == '0')
				y++;
			size_t lx = strspn(x, "0123456789"), ly = strspn(y, "0123456789");
			if (lx != ly)
				return lx < ly ? -1 : 1;
			int c = strncmp(x, y, lx);
			if (c)
				return c;
			a = x + lx;
			b = y + ly;
			continue;
		}
		if (*a != *b || !*a)
			return (unsigned char)*a - (unsigned char)*b;
		a++;
		b++;
	}
}

static int
id_cmp(const struct ul_item *a, const struct ul_item *b)
{
	int c;

	/* Ids made of file:line: the file's name, then the line as a number. */
	if (a->place_id && b->place_id && a->src.file == b->src.file && a->nsrc == 1 &&
	    b->nsrc == 1 && !a->renamed && !b->renamed)
		c = a->src.line < b->src.line ? -1 : a->src.line > b->src.line;
	else {
		char ba[UL_ITEM_ID_MAX], bb[UL_ITEM_ID_MAX];
		c = natcmp(ul_item_id(a, ba, sizeof(ba)), ul_item_id(b, bb, sizeof(bb)));
	}
	return c ? c : content_cmp(a, b);
}

/*
 * The report order of an item as two integers (type, sequence rank, stage
 * rank; then votes and severity, most first), so that sorting a million
 * items mostly compares integers in contiguous memory. 24 bytes, sorted in
 * place (qsort would want as much again): the low 16 bits of k2 number the
 * file of an id made of file:line (0: none), whose line is then line, so
 * that such ids compare without reading the items.
 */
struct skey {
	uint64_t k1, k2;
	uint32_t line;
	uint32_t idx;		/* in the items sorted */
};

static int
cmp_skey(const struct skey *a, const struct skey *b, struct ul_item *const *all)
{
	if (a->k1 != b->k1)
		return a->k1 < b->k1 ? -1 : 1;
	if ((a->k2 ^ b->k2) >> 16)
		return a->k2 >> 16 < b->k2 >> 16 ? -1 : 1;
	unsigned fa = a->k2 & 0xffff, fb = b->k2 & 0xffff;
	if (fa && fa == fb && a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return id_cmp(all[a->idx], all[b->idx]);
}

static void
skey_swap(struct skey *a, struct skey *b)
{
	struct skey t = *a;
	*a = *b;
	*b = t;
}

static void
skey_sift(struct skey *k, size_t i, size_t n, struct ul_item *const *all)
{
	for (size_t c; (c = 2 * i + 1) < n; i = c) {
		if (c + 1 < n && cmp_skey(&k[c], &k[c + 1], all) < 0)
			c++;
		if (cmp_skey(&k[i], &k[c], all) >= 0)
			return;
		skey_swap(&k[i], &k[c]);
	}
}

/*
 * Introsort: quicksort on the median of three, heapsort past a depth of
 * 2 log n (no quadratic input), insertion sort for short runs. The order
 * is total (ids are unique), so the result is the one any sort gives.
 */
static void
skey_sort(struct skey *k, size_t n, struct ul_item *const *all, unsigned depth)
{
	while (n > 16) {
		if (depth-- == 0) {
			for (size_t i = n / 2; i-- > 0;)
				skey_sift(k, i, n, all);
			for (size_t e = n - 1; e > 0; e--) {
				skey_swap(&k[0], &k[e]);
				skey_sift(k, 0, e, all);
			}
			return;
		}
		size_t mid = (n - 1) / 2;
		if (cmp_skey(&k[mid], &k[0], all) < 0)
			skey_swap(&k[mid], &k[0]);
		if (cmp_skey(&k[n - 1], &k[mid], all) < 0) {
			skey_swap(&k[n - 1], &k[mid]);
			if (cmp_skey(&k[mid], &k[0], all) < 0)
				skey_swap(&k[mid], &k[0]);
		}
		struct skey pv = k[mid];
		size_t i = 0, j = n - 1;
		for (;;) {	/* Hoare: [0, j] <= pv <= [j + 1, n) */
			while (cmp_skey(&k[i], &pv, all) < 0)
				i++;
			while (cmp_skey(&pv, &k[j], all) < 0)
				j--;
			if (i >= j)
				break;
			skey_swap(&k[i++], &k[j--]);
		}
		/* The shorter side by recursion, the longer by the loop. */
		if (j + 1 < n - j - 1) {
			skey_sort(k, j + 1, all, depth);
			k += j + 1;
			n -= j + 1;
		} else {
			skey_sort(k + j + 1, n - j - 1, all, depth);
			n = j + 1;
		}
	}
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && cmp_skey(&k[j], &k[j - 1], all) < 0; j--)
			skey_swap(&k[j], &k[j - 1]);
}

/* Numbers for the files of ids made of file:line (interned: by pointer). */
struct filenos {
	const char *v[1 << 17];
	uint16_t no[1 << 17];
	unsigned n;
};

/* file's number, 1 to 65535, or 0 when there are more files than that. */
static unsigned
file_number(struct filenos *f, const char *file)
{
	size_t h = ((uintptr_t)file >> 3) * 2654435761u & ((1 << 17) - 1);

	while (f->v[h] && f->v[h] != file)
		h = (h + 1) & ((1 << 17) - 1);
	if (f->v[h])
		return f->no[h];
	if (f->n == 0xffff)
		return 0;
	f->v[h] = file;
	return f->no[h] = (uint16_t)++f->n;
}

static int
cmp_by_votes(const void *pa, const void *pb)
{
	const struct ul_item *a = *(struct ul_item *const *)pa;
	const struct ul_item *b = *(struct ul_item *const *)pb;
	if (a->votes != b->votes)
		return a->votes > b->votes ? -1 : 1;
	return id_cmp(a, b);
}

static int
cmp_srcp(const void *pa, const void *pb)
{
	return merge_src_cmp(*(const struct ul_src *const *)pa, *(const struct ul_src *const *)pb);
}

static int
cmp_quar(const void *pa, const void *pb)
{
	const struct ul_quarantined *a = pa, *b = pb;
	int c = strcmp(a->file, b->file);
	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if ((c = strcmp(a->reason, b->reason)))
		return c;
	return nullcmp(a->rec.text, b->rec.text);
}

static int
cmp_table(const void *pa, const void *pb)
{
	const struct ul_table_count *x = pa, *y = pb;
	int c = nullcmp(x->session, y->session);
	return c ? c : nullcmp(x->table, y->table);
}

static int
cmp_tagcount(const void *pa, const void *pb)
{
	const struct ul_tag_count *a = pa, *b = pb;
	if (a->items != b->items)
		return a->items > b->items ? -1 : 1;
	return strcmp(a->tag, b->tag);
}

static int
cmp_source(const void *pa, const void *pb)
{
	const struct ul_source_count *a = pa, *b = pb;
	int c = strcmp(a->file, b->file);
	if (c)
		return c;
	if ((c = strcmp(a->format, b->format)))
		return c;
	if (a->kept != b->kept)
		return a->kept < b->kept ? -1 : 1;
	return a->duplicates < b->duplicates ? -1 : a->duplicates > b->duplicates;
}

/* The input an item's source was read from (to count per input). */
static struct source *
source_of(struct priv *p, const struct ul_src *s)
{
	return s->input < p->nsrc ? &p->src[s->input] : NULL;
}

static const char *
where(const struct ul_src *s, char *buf, size_t size)
{
	snprintf(buf, size, "%s:%d", s->file, s->line);
	return buf;
}

/* An item's sources in order: the first speaks for it. */
static void
sort_sources(struct ul_item *v)
{
	struct ul_src **ss = ul_xcalloc(v->nsrc, sizeof(*ss));
	size_t k = 0;

	for (struct ul_src *s = &v->src; s; s = s->next)
		ss[k++] = s;
	/* Copy the values: the head lives in the item. */
	struct ul_src *vals = ul_xcalloc(k, sizeof(*vals));
	for (size_t j = 0; j < k; j++)
		vals[j] = *ss[j];
	struct ul_src **vp = ul_xcalloc(k, sizeof(*vp));
	for (size_t j = 0; j < k; j++)
		vp[j] = &vals[j];
	merge_sort(vp, k, sizeof(*vp), cmp_srcp);
	for (size_t j = 0; j < k; j++) {
		ss[j]->file = vp[j]->file;
		ss[j]->line = vp[j]->line;
		ss[j]->input = vp[j]->input;
	}
	free(vp);
	free(vals);
	free(ss);
}

/* Variants of one id (same id, other text): all kept, flagged, renamed. */
static void
name_conflicts(struct ul_merge *m, struct ul_item **v, size_t nv,
	       struct ul_diags *diags)
{
	char b[512], w[512];

	merge_sort(v, nv, sizeof(*v), cmp_variant);
	/* The variants share one id, the key: the first keeps it. */
	merge_name_places(m, v[0]);
	const char *key = v[0]->id;
	for (size_t k = 0; k < nv; k++) {
		v[k]->conflict = true;
		merge_rare(m, v[k])->next_variant = k + 1 < nv ? v[k + 1] : NULL;
		if (k > 0) {
			snprintf(b, sizeof(b), "%s~%zu", key, k + 1);
			v[k]->id = merge_keep(m, b);
			v[k]->renamed = true;
		}
	}
	m->conflicts += nv - 1;
	for (size_t k = 1; k < nv; k++)
		ul_warning(diags, v[k]->src.file, v[k]->src.line, 0,
			   "conflicting duplicate '%s': other text than at %s (both kept, flagged)",
			   key, where(&v[0]->src, w, sizeof(w)));
}

/*
 * Every item, variants included; sources sorted; conflicts named, the
 * first variant heading its chain.
 */
static struct ul_item **
all_items(struct ul_merge *m, size_t *count, struct ul_diags *diags)
{
	struct priv *p = m->priv;
	struct ul_item **all = ul_xcalloc(p->total_items + 1, sizeof(*all));
	size_t n = 0;

	merge_items_release(&p->variants);
	for (size_t i = 0; i < p->items.cap; i++) {
		size_t first = n;
		for (struct ul_item *v = p->items.v[i]; v; v = v->rare->next_variant) {
			if (v->nsrc > 1)
				sort_sources(v);
			all[n++] = v;
		}
		if (n - first > 1) {
			name_conflicts(m, all + first, n - first, diags);
			p->items.v[i] = all[first];
		}
	}
	*count = n;
	return all;
}


/* Counts per input: an item's first source keeps it, the others are duplicates. */
static void
count_per_source(struct ul_merge *m, struct ul_item **all, size_t n)
{
	struct priv *p = m->priv;

	for (size_t i = 0; i < n; i++) {
		struct ul_item *it = all[i];
		struct source *s = source_of(p, &it->src);
		if (s)
			s->kept++;
		for (struct ul_src *d = it->src.next; d; d = d->next)
			if ((s = source_of(p, d)))
				s->dups++;
		m->duplicates += it->nsrc - 1;
	}
	m->kept = n;
}

/* Votes cast by vote records. */
static void
cast_votes(struct ul_merge *m, struct ul_item **all, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct ul_item *it = all[i];
		if (it->type != UL_IT_VOTE)
			continue;
		for (size_t a = 0; a < it->rare->nanswers; a++)
			for (struct ul_item *t = merge_find(m, it->rare->answers[a]); t; t = t->rare->next_variant)
				if (t->type != UL_IT_VOTE)
					t->votes += it->votes;
	}
}

/*
 * Report order: a rank for every distinct sequence and stage (the
 * workshop's order, then the others by name), so that sorting a million
 * items compares integers; and compact keys sorted, not pointers, so that
 * a million comparisons read contiguous memory instead of chasing items.
 */
static void
sort_report(struct priv *p, struct ul_item **all, size_t n)
{
	struct rankmap seqs, stages;
	rank_build(&seqs, all, n, p->seq_ids, p->nseq, offsetof(struct ul_item, sequence));
	rank_build(&stages, all, n, p->stages, p->nstages, offsetof(struct ul_item, stage));
	struct skey *k = ul_xcalloc(n + 1, sizeof(*k));
	struct filenos *files = ul_xcalloc(1, sizeof(*files));
	for (size_t i = 0; i < n; i++) {
		const struct ul_item *it = all[i];
		bool ranked = it->type != UL_IT_NOTE && it->type != UL_IT_VOTE;
		bool friction = it->type == UL_IT_FRICTION;
		uint32_t seq_rank = rank_get(&seqs, it->sequence);
		uint32_t stage_rank = rank_get(&stages, it->stage);
		/* A blueprint step's stage orders its service's steps (lib/links.c). */
		if (it->type == UL_IT_STEP && it->rare->later)
			it->rare->later->stage_rank = stage_rank;
		/* Ranks below 2^28 (UINT32_MAX, "none", sorts last as 2^28 - 1). */
		uint64_t seq = friction ? (seq_rank > 0xfffffff ? 0xfffffff : seq_rank) : 0;
		uint64_t stage = friction ? (stage_rank > 0xfffffff ? 0xfffffff : stage_rank) : 0;
		uint32_t votes = ranked ? it->votes : 0;
		int severity = ranked ? it->severity : 0;
		k[i].k1 = (uint64_t)it->type << 56 | seq << 28 | stage;
		k[i].k2 = (uint64_t)(UINT32_MAX - votes) << 32 |
			  (uint64_t)(uint16_t)(32767 - severity) << 16;
		k[i].idx = (uint32_t)i;
		if (it->place_id && it->nsrc == 1 && !it->renamed && it->src.line > 0) {
			k[i].k2 |= file_number(files, it->src.file);
			k[i].line = (uint32_t)it->src.line;
		}
	}
	free(files);
	rank_release(&seqs);
	rank_release(&stages);
	unsigned depth = 0;
	for (size_t m = n; m > 1; m >>= 1)
		depth += 2;
	skey_sort(k, n, all, depth);
	/* The order found, applied in place, cycle by cycle (idx: done). */
	for (size_t i = 0; i < n; i++) {
		if (k[i].idx == UINT32_MAX)
			continue;
		struct ul_item *first = all[i];
		for (size_t j = i;;) {
			size_t from = k[j].idx;
			k[j].idx = UINT32_MAX;
			if (from == i) {
				all[j] = first;
				break;
			}
			all[j] = all[from];
			j = from;
		}
	}
	free(k);
}

/* Groups of frictions (at the head of the items): by sequence, then stage. */
static void
group_frictions(struct ul_merge *m)
{
	struct priv *p = m->priv;
	struct ul_item **all = m->items;
	size_t n = m->nitems;

	for (size_t i = 0; i < n && all[i]->type == UL_IT_FRICTION;) {
		size_t j = i;
		while (j < n && all[j]->type == UL_IT_FRICTION &&
		       all[j]->sequence == all[i]->sequence)
			j++;
		m->seqs = ul_xreallocarray(m->seqs, m->nseqs + 1, sizeof(*m->seqs));
		struct ul_seq_group *g = &m->seqs[m->nseqs++];
		memset(g, 0, sizeof(*g));
		g->id = all[i]->sequence;
		g->title = g->id;
		for (size_t k = 0; g->id && k < p->nseq; k++)
			if (strcmp(p->seq_ids[k], g->id) == 0 && p->seq_titles[k])
				g->title = p->seq_titles[k];
		g->nitems = j - i;
		g->is_new = all[i]->new_sequence;
		m->new_sequences += g->is_new;
		for (size_t k = i; k < j;) {
			size_t l = k;
			while (l < j && all[l]->stage == all[k]->stage)
				l++;
			g->stages = ul_xreallocarray(g->stages, g->nstages + 1, sizeof(*g->stages));
			g->stages[g->nstages].stage = all[k]->stage;
			g->stages[g->nstages].items = all + k;
			g->stages[g->nstages++].n = l - k;
			k = l;
		}
		i = j;
	}
}

/*
 * One warning per sequence raised at the table, at its first friction,
 * with a suggestion when it looks like a known one mistyped: it is kept
 * either way.
 */
static void
warn_new_sequences(struct ul_merge *m, struct ul_diags *diags)
{
	struct priv *p = m->priv;

	for (size_t g = 0; g < m->nseqs; g++) {
		const struct ul_seq_group *sg = &m->seqs[g];
		if (!sg->is_new || !sg->nstages || !sg->stages[0].n)
			continue;
		const struct ul_item *first = sg->stages[0].items[0];
		char hb[128];
		ul_warning(diags, first->src.file, first->src.line, 0,
			   P_("sequence '%s' is in no deck: kept as a new "
			      "sequence raised at the table (%zu item)%s",
			      "sequence '%s' is in no deck: kept as a new "
			      "sequence raised at the table (%zu items)%s",
			      sg->nitems), sg->id, sg->nitems,
			   ul_suggest_hint(sg->id, p->seq_ids, p->nseq, hb, sizeof(hb)));
	}
}

static void
attach_idea(struct ul_merge *m, struct ul_item *idea)
{
	for (size_t a = 0; a < idea->rare->nanswers; a++)
		for (struct ul_item *t = merge_find(m, idea->rare->answers[a]); t; t = t->rare->next_variant) {
			if (t->type != UL_IT_FRICTION)
				continue;
			bool dup = false;
			for (size_t k = 0; k < t->rare->nideas; k++)
				dup |= t->rare->ideas[k] == idea;
			if (dup)
				continue;
			struct ul_item_rare *tr = merge_rare(m, t);
			tr->ideas = ul_xreallocarray(tr->ideas, tr->nideas + 1, sizeof(*tr->ideas));
			tr->ideas[tr->nideas++] = idea;
			idea->answers_found = true;
		}
	if (!idea->answers_found) {
		m->orphans = ul_xreallocarray(m->orphans, m->norphans + 1, sizeof(*m->orphans));
		m->orphans[m->norphans++] = idea;
	}
}

/* Ideas under the frictions they answer; notes and votes on their own. */
static void
attach_ideas(struct ul_merge *m)
{
	for (size_t i = 0; i < m->nitems; i++) {
		struct ul_item *it = m->items[i];
		if (it->type == UL_IT_IDEA) {
			m->ideas = ul_xreallocarray(m->ideas, m->nideas + 1, sizeof(*m->ideas));
			m->ideas[m->nideas++] = it;
		} else if (it->type == UL_IT_VOTE || it->type == UL_IT_NOTE) {
			m->notes = ul_xreallocarray(m->notes, m->nnotes + 1, sizeof(*m->notes));
			m->notes[m->nnotes++] = it;
		}
	}
	for (size_t i = 0; i < m->nideas; i++)
		attach_idea(m, m->ideas[i]);
}

/*
 * Distinct field names: interned, so a pointer set finds them; every name
 * is kept (the CSV report has a column for each, as the JSON has a key).
 */
struct nameset {
	const char **v;
	size_t cap, n;
};

static void
nameset_add(struct nameset *s, const char *name)
{
	if (s->n * 2 >= s->cap) {
		struct nameset g = { ul_xcalloc(s->cap ? s->cap * 2 : 64, sizeof(char *)),
				     s->cap ? s->cap * 2 : 64, 0 };
		for (size_t i = 0; i < s->cap; i++)
			if (s->v[i])
				nameset_add(&g, s->v[i]);
		free(s->v);
		*s = g;
	}
	size_t h = ((uintptr_t)name >> 3) * 2654435761u & (s->cap - 1);
	while (s->v[h] && s->v[h] != name)
		h = (h + 1) & (s->cap - 1);
	if (!s->v[h]) {
		s->v[h] = name;
		s->n++;
	}
}

/* The set as a sorted list (the set is released). */
static const char **
nameset_sorted(struct nameset *s, size_t *count)
{
	const char **names = ul_xcalloc(s->n + 1, sizeof(*names));
	size_t k = 0;

	for (size_t i = 0; i < s->cap; i++)
		if (s->v[i])
			names[k++] = s->v[i];
	free(s->v);
	merge_sort(names, k, sizeof(*names), merge_cmp_cstr);
	*count = k;
	return names;
}

/*
 * Counting by interned pointers: a small open-addressing map from a triple
 * of strings (any may be NULL) to counters. Tags across tables and items
 * per table are counted in it as the items go by, with no list of a
 * million pairs to sort.
 */
struct trip {
	const char *a, *b, *c;
	uint32_t n[UL_IT_NTYPES];	/* tags: items, tables; tables: items per type (items < 2^32: lib/order.c sorts them on 32-bit indexes) */
	bool used;
};

struct tripmap {
	struct trip *v;
	size_t cap, n;
};

static size_t
trip_hash(const char *a, const char *b, const char *c)
{
	uint64_t h = (uintptr_t)a * 0x9e3779b97f4a7c15ull;
	h ^= ((uintptr_t)b + (h << 6) + (h >> 2)) * 0xff51afd7ed558ccdull;
	h ^= ((uintptr_t)c + (h << 6) + (h >> 2)) * 0xc4ceb9fe1a85ec53ull;
	return (size_t)(h ^ (h >> 29));
}

/* The counters of (a, b, c); *fresh says whether they were just made. */
static struct trip *
trip_get(struct tripmap *t, const char *a, const char *b, const char *c, bool *fresh)
{
	if (t->n * 2 >= t->cap) {
		struct tripmap g = { ul_xcalloc(t->cap ? t->cap * 2 : 64, sizeof(*g.v)),
				     t->cap ? t->cap * 2 : 64, 0 };
		for (size_t i = 0; i < t->cap; i++)
			if (t->v[i].used) {
				bool f;
				*trip_get(&g, t->v[i].a, t->v[i].b, t->v[i].c, &f) = t->v[i];
			}
		free(t->v);
		*t = g;
	}
	size_t h = trip_hash(a, b, c) & (t->cap - 1);
	while (t->v[h].used && !(t->v[h].a == a && t->v[h].b == b && t->v[h].c == c))
		h = (h + 1) & (t->cap - 1);
	*fresh = !t->v[h].used;
	if (*fresh) {
		memset(&t->v[h], 0, sizeof(t->v[h]));
		t->v[h].a = a;
		t->v[h].b = b;
		t->v[h].c = c;
		t->v[h].used = true;
		t->n++;
	}
	return &t->v[h];
}

struct pass {
	struct tripmap tags;	/* (tag): items, tables */
	struct tripmap seen;	/* (tag, session, table) */
	struct tripmap tables;	/* (session, table): items by type */
	struct nameset names;
};

static void
warn_privacy(struct ul_merge *m, const struct ul_item *it, struct ul_diags *diags)
{
	char idb[UL_ITEM_ID_MAX];
	m->flagged++;
	ul_warning(diags, it->src.file, it->src.line, 0,
		   "'%s' holds %s: %s", ul_item_id(it, idb, sizeof(idb)),
		   it->privacy == (UL_PRIV_EMAIL | UL_PRIV_PHONE) ?
		   _("an e-mail address and a phone number") :
		   it->privacy & UL_PRIV_EMAIL ? _("an e-mail address") :
		   _("a phone number"),
		   m->opts.redact ? _("masked") :
		   _("flagged for review (kept by --no-redact)"));
}

static void
count_item(struct pass *ps, const struct ul_item *it)
{
	bool fresh;

	for (size_t t = 0; t < it->ntags; t++) {
		struct trip *tag = trip_get(&ps->tags, it->tags[t], NULL, NULL, &fresh);
		tag->n[0]++;
		trip_get(&ps->seen, it->tags[t], it->session, it->table, &fresh);
		tag->n[1] += fresh;
	}
	trip_get(&ps->tables, it->session, it->table, NULL, &fresh)->n[it->type]++;
}

/*
 * One pass over the items for everything that needs each of them (a pass
 * over a million items costs a cache miss each): ideas in vote order, tags
 * and tables counted, privacy warnings, field names.
 */
static void
one_pass(struct ul_merge *m, struct pass *ps, struct ul_diags *diags)
{
	for (size_t i = 0; i < m->nitems; i++) {
		struct ul_item *it = m->items[i];
		if (it->rare->nideas > 1)
			merge_sort(it->rare->ideas, it->rare->nideas, sizeof(*it->rare->ideas), cmp_by_votes);
		count_item(ps, it);
		if (it->privacy)
			warn_privacy(m, it, diags);
		for (size_t k = 0; k < it->rare->nfields; k++)
			nameset_add(&ps->names, it->rare->fields[k].name);
	}
}

static void
list_tags(struct ul_merge *m, struct pass *ps)
{
	m->tags = ul_xcalloc(ps->tags.n + 1, sizeof(*m->tags));
	for (size_t i = 0; i < ps->tags.cap; i++) {
		const struct trip *t = &ps->tags.v[i];
		if (!t->used)
			continue;
		m->tags[m->ntags].tag = t->a;
		m->tags[m->ntags].items = t->n[0];
		m->tags[m->ntags++].tables = t->n[1];
	}
	merge_sort(m->tags, m->ntags, sizeof(*m->tags), cmp_tagcount);
}

static void
list_tables(struct ul_merge *m, struct pass *ps)
{
	m->tables = ul_xcalloc(ps->tables.n + 1, sizeof(*m->tables));
	for (size_t i = 0; i < ps->tables.cap; i++) {
		const struct trip *t = &ps->tables.v[i];
		if (!t->used)
			continue;
		struct ul_table_count *tc = &m->tables[m->ntables++];
		tc->session = t->a;
		tc->table = t->b;
		tc->frictions = t->n[UL_IT_FRICTION];
		tc->ideas = t->n[UL_IT_IDEA];
		tc->votes = t->n[UL_IT_VOTE];
		tc->notes = t->n[UL_IT_NOTE];
		tc->observations = t->n[UL_IT_OBSERVATION];
		tc->services = t->n[UL_IT_SERVICE];
		tc->steps = t->n[UL_IT_STEP];
		tc->items = 0;
		for (int k = 0; k < UL_IT_NTYPES; k++)
			tc->items += t->n[k];
	}
	merge_sort(m->tables, m->ntables, sizeof(*m->tables), cmp_table);
}

static void
list_sources(struct ul_merge *m)
{
	struct priv *p = m->priv;

	m->sources = ul_xcalloc(p->nsrc + 1, sizeof(*m->sources));
	for (size_t i = 0; i < p->nsrc; i++) {
		struct ul_source_count *s = &m->sources[m->nsources++];
		s->file = p->src[i].file;
		s->format = p->src[i].rs->format ? p->src[i].rs->format : "?";
		s->dropped = (const char *const *)p->src[i].rs->dropped;
		s->ndropped = p->src[i].rs->ndropped;
		s->in = p->src[i].in;
		s->kept = p->src[i].kept;
		s->duplicates = p->src[i].dups;
		s->quarantined = p->src[i].quar;
	}
	merge_sort(m->sources, m->nsources, sizeof(*m->sources), cmp_source);
}

/* The quarantine in order, one warning for each record, its field names. */
static void
order_quarantine(struct ul_merge *m, struct ul_diags *diags)
{
	struct nameset names = { NULL, 0, 0 };

	merge_sort(m->quar, m->nquar, sizeof(*m->quar), cmp_quar);
	for (size_t i = 0; i < m->nquar; i++) {
		const struct ul_quarantined *q = &m->quar[i];
		/* Where to fix it: the file it was read from (a fixed quarantine). */
		if (q->fixed)
			ul_warning(diags, q->rec.file, q->rec.line, 0,
				   "quarantined: %s (first read at %s:%d)", q->reason,
				   q->file, q->line);
		else
			ul_warning(diags, q->file, q->line, 0, "quarantined: %s", q->reason);
		for (size_t k = 0; k < m->quar[i].rec.nfields; k++)
			nameset_add(&names, m->quar[i].rec.fields[k].name);
	}
	m->qfield_names = nameset_sorted(&names, &m->nqfield_names);
}

void
ul_merge_finish(struct ul_merge *m, struct ul_diags *diags)
{
	struct priv *p = m->priv;
	struct pass ps;
	size_t n;

	memset(&ps, 0, sizeof(ps));
	m->items = all_items(m, &n, diags);
	m->nitems = n;
	count_per_source(m, m->items, n);
	cast_votes(m, m->items, n);
	merge_cast_box_votes(m->items, n);
	/* The sort needs the index's room: it is made again after. */
	merge_items_release(&p->items);
	sort_report(p, m->items, n);
	merge_reindex(m);
	group_frictions(m);
	attach_ideas(m);
	merge_link(m, diags);
	warn_new_sequences(m, diags);
	one_pass(m, &ps, diags);
	m->field_names = nameset_sorted(&ps.names, &m->nfield_names);
	list_tags(m, &ps);
	list_tables(m, &ps);
	free(ps.tags.v);
	free(ps.seen.v);
	free(ps.tables.v);
	merge_replace_fixed(m);
	list_sources(m);
	order_quarantine(m, diags);
	if (!m->workshop_id && p->ws_seen && !p->ws_mixed)
		m->workshop_id = p->ws_seen;
}
