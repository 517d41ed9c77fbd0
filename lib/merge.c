/*
 * Merge: records in, a structured and deterministic collection out.
 * Owns struct ul_merge; every string it keeps lives in its arena, strings
 * that repeat (sessions, tables, sequences, stages, tags, field names) are
 * interned, so a million records cost their text and little more.
 * Knows the workshop model (for validation) but no file format and no
 * output format. Determinism: every list is sorted with a total order on
 * content and provenance before anyone sees it, never on arrival order.
 */
#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "merge.h"
#include "util.h"

/* a string pool: packed bytes, no per-string alignment */

struct pool {
	char *p;
	size_t left;
};

static const char *
pool_dup(struct ul_arena *a, struct pool *pl, const char *s, size_t len)
{
	if (len + 1 > pl->left) {
		size_t size = len + 1 > 1 << 20 ? len + 1 : 1 << 20;
		pl->p = ul_arena_alloc(a, size);
		pl->left = size;
	}
	char *r = pl->p;
	memcpy(r, s, len);
	r[len] = '\0';
	pl->p += len + 1;
	pl->left -= len + 1;
	return r;
}

static uint32_t
hash_str(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* qsort, which must not be given a NULL base even for no elements. */
static void
sortv(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

/* open-addressing sets */

struct strset {
	const char **v;
	size_t cap, n;
};

struct itemset {
	struct ul_item **v;
	size_t cap, n;
};

struct source {
	const struct ul_rsource *rs;
	char *file;		/* owned copy: items point to it */
	size_t in, kept, dups, quar;
	size_t idx;
};

struct priv {
	struct pool pool;
	struct strset strings;
	struct itemset items;	/* by key; variants chained */
	struct source *src;
	size_t nsrc;
	struct ul_quarantined *quar;
	size_t qcap;
	const char *ws_seen;	/* the records' workshop id, if one */
	bool ws_mixed;
	/* workshop lookups */
	const char **seq_ids, **seq_titles;
	size_t nseq;
	const char **stages;
	size_t nstages;
	size_t total_items;
};

static const char *
intern(struct ul_merge *m, const char *s)
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
				size_t h = hash_str(t->v[i]) & (cap - 1);
				while (v[h])
					h = (h + 1) & (cap - 1);
				v[h] = t->v[i];
			}
		free(t->v);
		t->v = v;
		t->cap = cap;
	}
	size_t h = hash_str(s) & (t->cap - 1);
	while (t->v[h]) {
		if (strcmp(t->v[h], s) == 0)
			return t->v[h];
		h = (h + 1) & (t->cap - 1);
	}
	t->n++;
	return t->v[h] = pool_dup(&m->arena, &p->pool, s, strlen(s));
}

static const char *
keep(struct ul_merge *m, const char *s)
{
	struct priv *p = m->priv;
	return s ? pool_dup(&m->arena, &p->pool, s, strlen(s)) : NULL;
}

static struct ul_item **
item_slot(struct itemset *t, const char *key, uint32_t h)
{
	size_t i = h & (t->cap - 1);
	while (t->v[i]) {
		if (t->v[i]->hash == h && strcmp(t->v[i]->key, key) == 0)
			return &t->v[i];
		i = (i + 1) & (t->cap - 1);
	}
	return &t->v[i];
}

static void
items_grow(struct itemset *t)
{
	if (t->n * 2 < t->cap)
		return;
	size_t cap = t->cap ? t->cap * 2 : 1024;
	struct itemset nt = { ul_xcalloc(cap, sizeof(*nt.v)), cap, t->n };
	for (size_t i = 0; i < t->cap; i++)
		if (t->v[i])
			*item_slot(&nt, t->v[i]->key, t->v[i]->hash) = t->v[i];
	free(t->v);
	*t = nt;
}

static struct ul_item *
item_find(struct ul_merge *m, const char *key)
{
	struct priv *p = m->priv;
	if (!p->items.cap)
		return NULL;
	return *item_slot(&p->items, key, hash_str(key));
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
	}
	return "?";
}

int
ul_serial_normalise(const char *in, char *buf, size_t size, int *number)
{
	char tmp[64];
	size_t n = 0, cut;
	const char *p = in;
	long num = 0;

	while (isspace((unsigned char)*p))
		p++;
	for (; *p && n < sizeof(tmp) - 1; p++)
		tmp[n++] = (char)toupper((unsigned char)*p);
	if (*p)
		return -1;
	while (n > 0 && isspace((unsigned char)tmp[n - 1]))
		n--;
	tmp[n] = '\0';
	/* The number: trailing digits. */
	cut = n;
	while (cut > 0 && isdigit((unsigned char)tmp[cut - 1]))
		cut--;
	if (cut == n || n - cut > 9 || cut == 0)
		return -1;
	for (size_t i = cut; i < n; i++)
		num = num * 10 + (tmp[i] - '0');
	/* One separator at most: "-", " ", "_", "." or none. */
	size_t pe = cut;
	if (strchr("- _.", tmp[pe - 1]))
		pe--;
	if (pe == 0)
		return -1;
	for (size_t i = 0; i < pe; i++)
		if (!isupper((unsigned char)tmp[i]) && !isdigit((unsigned char)tmp[i]))
			return -1;
	/* Without a separator the prefix must end in a letter (FRI7). */
	if (pe == cut && !isupper((unsigned char)tmp[pe - 1]))
		return -1;
	tmp[pe] = '\0';
	snprintf(buf, size, "%s-%03ld", tmp, num);
	if (number)
		*number = (int)num;
	return 0;
}

static bool
email_at(const char *s, size_t at, size_t *start, size_t *end)
{
	size_t b = at, e = at + 1;
	while (b > 0 && (isalnum((unsigned char)s[b - 1]) || strchr("._%+-", s[b - 1])))
		b--;
	if (b == at)
		return false;
	bool dot = false;
	size_t lastdot = 0;
	while (s[e] && (isalnum((unsigned char)s[e]) || s[e] == '.' || s[e] == '-')) {
		if (s[e] == '.') {
			dot = true;
			lastdot = e;
		}
		e++;
	}
	while (e > at + 1 && (s[e - 1] == '.' || s[e - 1] == '-'))
		e--;
	if (!dot || lastdot >= e - 2 || lastdot == at + 1)
		return false;
	*start = b;
	*end = e;
	return true;
}

/* A phone number: + or 0, then 9 to 14 more digits with single separators. */
static bool
phone_at(const char *s, size_t i, size_t *end)
{
	size_t digits = 0, k = i;
	if (i > 0 && (isalnum((unsigned char)s[i - 1])))
		return false;
	if (s[k] == '+')
		k++;
	else if (s[k] != '0')
		return false;
	size_t last = k;
	while (s[k]) {
		if (isdigit((unsigned char)s[k])) {
			digits++;
			k++;
			last = k;
		} else if (strchr(" .-", s[k]) && isdigit((unsigned char)s[k + 1]) &&
			   k > i && isdigit((unsigned char)s[k - 1]))
			k++;
		else if (s[k] == '(' || s[k] == ')')
			k++;
		else
			break;
	}
	if (isalpha((unsigned char)s[last]))
		return false;
	if (digits < 10 || digits > 15)
		return false;
	*end = last;
	return true;
}

/* Scan, and with out != NULL write the text with the finds masked. */
static unsigned
privacy(const char *s, struct ul_buf *out, const char *mail_mask,
	const char *phone_mask)
{
	unsigned flags = 0;
	size_t i = 0, copied = 0, a, b;

	for (i = 0; s[i]; i++) {
		if (s[i] == '@' && email_at(s, i, &a, &b)) {
			flags |= UL_PRIV_EMAIL;
			if (out && a >= copied) {
				ul_buf_add(out, s + copied, a - copied);
				ul_buf_adds(out, mail_mask);
				copied = b;
			}
			i = b - 1;
		} else if ((s[i] == '+' || s[i] == '0') && phone_at(s, i, &b)) {
			flags |= UL_PRIV_PHONE;
			if (out && i >= copied) {
				ul_buf_add(out, s + copied, i - copied);
				ul_buf_adds(out, phone_mask);
				copied = b;
			}
			i = b - 1;
		}
	}
	if (out)
		ul_buf_adds(out, s + copied);
	return flags;
}

unsigned
ul_privacy_scan(const char *s)
{
	return s ? privacy(s, NULL, NULL, NULL) : 0;
}

/* Check, and mask when redacting; returns the text to keep. */
static const char *
private_text(struct ul_merge *m, const char *s, unsigned *flags)
{
	unsigned f;
	bool fr = ul_lang_get(m->lang) == ul_lang_fr();

	if (!s)
		return NULL;
	f = privacy(s, NULL, NULL, NULL);
	*flags |= f;
	if (!f || !m->opts.redact)
		return keep(m, s);
	struct ul_buf b;
	ul_buf_init(&b);
	privacy(s, &b, fr ? "[courriel masqué]" : "[e-mail removed]",
		fr ? "[téléphone masqué]" : "[phone removed]");
	const char *r = keep(m, b.s);
	ul_buf_release(&b);
	return r;
}

/* lifecycle */

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
	for (size_t d = 0; d < ws->ndecks; d++) {
		const struct ul_deck *dk = &ws->decks[d];
		if (dk->kind != UL_DECK_PROMPT)
			continue;
		for (size_t c = 0; c < dk->ncards; c++) {
			p->seq_ids = ul_xreallocarray(p->seq_ids, p->nseq + 1, sizeof(char *));
			p->seq_titles = ul_xreallocarray(p->seq_titles, p->nseq + 1, sizeof(char *));
			p->seq_ids[p->nseq] = dk->cards[c].id;
			p->seq_titles[p->nseq++] = dk->cards[c].title;
		}
	}
	for (size_t k = 0; k < ws->nposters; k++) {
		const struct ul_poster *po = &ws->posters[k];
		if (po->kind != UL_POSTER_JOURNEY)
			continue;
		for (size_t c = 0; c < po->columns.n; c++) {
			bool seen = false;
			for (size_t s = 0; s < p->nstages; s++)
				seen |= strcmp(p->stages[s], po->columns.v[c]) == 0;
			if (seen)
				continue;
			p->stages = ul_xreallocarray(p->stages, p->nstages + 1, sizeof(char *));
			p->stages[p->nstages++] = po->columns.v[c];
		}
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

/* validation */

static void
quarantine(struct ul_merge *m, const struct ul_record *r, const char *why)
{
	struct priv *p = m->priv;
	struct ul_quarantined *q;
	unsigned flags = 0;

	if (m->nquar == p->qcap) {
		p->qcap = p->qcap ? p->qcap * 2 : 64;
		p->quar = ul_xreallocarray(p->quar, p->qcap, sizeof(*p->quar));
		m->quar = p->quar;
	}
	q = &p->quar[m->nquar++];
	memset(q, 0, sizeof(*q));
	q->file = p->nsrc ? p->src[p->nsrc - 1].file : intern(m, r->file);
	q->line = r->line;
	q->reason = keep(m, why);
	q->rec.file = q->file;
	q->rec.line = r->line;
	q->rec.workshop = intern(m, r->workshop);
	q->rec.session = intern(m, r->session);
	q->rec.table = intern(m, r->table);
	q->rec.type = intern(m, r->type);
	q->rec.serial = keep(m, r->serial);
	q->rec.sequence = intern(m, r->sequence);
	q->rec.stage = intern(m, r->stage);
	q->rec.text = private_text(m, r->text, &flags);
	q->rec.votes = keep(m, r->votes);
	q->rec.source_id = keep(m, r->source_id);
	if (r->ntags) {
		const char **t = ul_arena_alloc(&m->arena, r->ntags * sizeof(*t));
		for (size_t i = 0; i < r->ntags; i++)
			t[i] = intern(m, r->tags[i]);
		q->rec.tags = t;
		q->rec.ntags = r->ntags;
	}
	if (r->nanswers) {
		const char **t = ul_arena_alloc(&m->arena, r->nanswers * sizeof(*t));
		for (size_t i = 0; i < r->nanswers; i++)
			t[i] = keep(m, r->answers[i]);
		q->rec.answers = t;
		q->rec.nanswers = r->nanswers;
	}
	if (r->nfields) {
		struct ul_rfield *f = ul_arena_alloc(&m->arena, r->nfields * sizeof(*f));
		for (size_t i = 0; i < r->nfields; i++) {
			f[i].name = intern(m, r->fields[i].name);
			f[i].value = private_text(m, r->fields[i].value, &flags);
		}
		q->rec.fields = f;
		q->rec.nfields = r->nfields;
	}
	q->privacy = flags;
	m->quarantined++;
	if (p->nsrc)
		p->src[p->nsrc - 1].quar++;
}

static int
type_parse(const char *s, enum ul_itype *t)
{
	static const char *const exact[] = { "friction", "idea", "vote", "note" };
	for (size_t k = 0; k < UL_NELEM(exact); k++)
		if (strcmp(s, exact[k]) == 0) {
			*t = (enum ul_itype)k;
			return 0;
		}
	char *f = ul_fold(s);
	static const struct { const char *n; enum ul_itype t; } names[] = {
		{ "friction", UL_IT_FRICTION }, { "frictions", UL_IT_FRICTION },
		{ "idea", UL_IT_IDEA }, { "idee", UL_IT_IDEA }, { "ideas", UL_IT_IDEA },
		{ "idees", UL_IT_IDEA }, { "vote", UL_IT_VOTE }, { "votes", UL_IT_VOTE },
		{ "note", UL_IT_NOTE }, { "notes", UL_IT_NOTE },
	};
	int r = -1;
	for (size_t k = 0; k < UL_NELEM(names); k++)
		if (strcmp(f, names[k].n) == 0) {
			*t = names[k].t;
			r = 0;
		}
	free(f);
	return r;
}

/* The canonical name among cands (ids, then titles) for a messy one. */
static const char *
lookup(const char *s, const char *const *ids, const char *const *titles, size_t n)
{
	char *f;
	const char *hit = NULL;

	for (size_t i = 0; i < n; i++)
		if (strcmp(s, ids[i]) == 0)
			return ids[i];
	f = ul_fold(s);
	for (size_t i = 0; i < n && !hit; i++) {
		char *a = ul_fold(ids[i]);
		char *b = titles && titles[i] ? ul_fold(titles[i]) : NULL;
		if (strcmp(f, a) == 0 || (b && strcmp(f, b) == 0))
			hit = ids[i];
		free(a);
		free(b);
	}
	free(f);
	return hit;
}

static const struct ul_deck *
deck_by_prefix(const struct ul_workshop *ws, const char *serial)
{
	const char *dash = strrchr(serial, '-');
	size_t pl = dash ? (size_t)(dash - serial) : 0;

	for (size_t d = 0; d < ws->ndecks; d++) {
		const struct ul_deck *dk = &ws->decks[d];
		if (dk->kind == UL_DECK_WRITEIN && dk->prefix &&
		    strlen(dk->prefix) == pl && strncmp(dk->prefix, serial, pl) == 0)
			return dk;
	}
	return NULL;
}

/* Check a serial against the workshop; NULL when fine, else why not. */
static const char *
serial_check(const struct ul_workshop *ws, const char *serial, int num,
	     char *why, size_t size, const struct ul_deck **deck)
{
	const struct ul_deck *dk = deck_by_prefix(ws, serial);

	*deck = dk;
	if (!dk) {
		const char *pre[64];
		size_t n = 0;
		for (size_t d = 0; d < ws->ndecks && n < 64; d++)
			if (ws->decks[d].kind == UL_DECK_WRITEIN && ws->decks[d].prefix)
				pre[n++] = ws->decks[d].prefix;
		char pfx[64];
		snprintf(pfx, sizeof(pfx), "%.*s", (int)(strrchr(serial, '-') - serial), serial);
		char hb[128];
		const char *s = ul_suggest_hint(pfx, pre, n, hb, sizeof(hb));
		snprintf(why, size, "serial '%s': no write-in deck has the prefix '%s'%s",
			 serial, pfx, s);
		return why;
	}
	int first = dk->first, last = dk->first + dk->count - 1;
	if (num < first || num > last) {
		char a[64], b[64];
		ul_serial(dk, first, a, sizeof(a));
		ul_serial(dk, last, b, sizeof(b));
		snprintf(why, size, "serial '%s' is out of range (%s to %s)", serial, a, b);
		return why;
	}
	return NULL;
}

static const char *
parse_votes(const char *s, uint32_t *v)
{
	unsigned long n = 0;

	*v = 0;
	if (!s)
		return NULL;
	for (const char *p = s; *p; p++) {
		if (!isdigit((unsigned char)*p))
			return "is not a non-negative integer";
		n = n * 10 + (unsigned long)(*p - '0');
		if (n > 1000000000ul)
			return "is too large";
	}
	*v = (uint32_t)n;
	return NULL;
}

static bool
severity_name(const char *name)
{
	char *f = ul_fold(name);
	bool r = strcmp(f, "gravite") == 0 || strcmp(f, "severite") == 0 ||
	    strcmp(f, "severity") == 0;
	free(f);
	return r;
}

static int
cmp_field(const void *a, const void *b)
{
	return strcmp(((const struct ul_rfield *)a)->name,
		      ((const struct ul_rfield *)b)->name);
}

static int
cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Compare two sources: file name, then line, then input position. */
static int
src_cmp(const struct ul_src *a, const struct ul_src *b)
{
	int c = strcmp(a->file, b->file);
	if (c)
		return c;
	return a->line < b->line ? -1 : a->line > b->line;
}

static bool
same_content(const struct ul_item *a, const struct ul_item *b)
{
	return a->type == b->type && strcmp(a->text ? a->text : "",
					     b->text ? b->text : "") == 0 &&
	    (!a->sequence || !b->sequence || a->sequence == b->sequence) &&
	    (!a->stage || !b->stage || a->stage == b->stage);
}

int
ul_merge_add(void *ctx, const struct ul_record *r)
{
	struct ul_merge *m = ctx;
	struct priv *p = m->priv;
	const struct ul_workshop *ws = m->opts.ws;
	struct source *cur = p->nsrc ? &p->src[p->nsrc - 1] : NULL;
	enum ul_itype type = UL_IT_NOTE;
	char why[256], serial[64], key[512];
	const struct ul_deck *deck = NULL;
	const char *sequence = r->sequence, *stage = r->stage, *e;
	uint32_t votes;
	int num = 0;

	m->in++;
	if (cur)
		cur->in++;
	if (r->reject) {
		quarantine(m, r, r->reject);
		return 0;
	}
	if (!r->type) {
		quarantine(m, r, "missing type (friction, idea, vote or note)");
		return 0;
	}
	if (type_parse(r->type, &type) < 0) {
		snprintf(why, sizeof(why), "unknown type '%.60s' (friction, idea, vote or note)",
			 r->type);
		quarantine(m, r, why);
		return 0;
	}
	if ((e = parse_votes(r->votes, &votes))) {
		snprintf(why, sizeof(why), "votes '%.60s' %s", r->votes, e);
		quarantine(m, r, why);
		return 0;
	}
	if (r->ntags > 1000 || r->nanswers > 256 || r->nfields > 1000) {
		quarantine(m, r, "too many tags, answers or fields");
		return 0;
	}
	if (!r->text && type != UL_IT_VOTE) {
		quarantine(m, r, "missing text");
		return 0;
	}
	if (r->serial) {
		if (ul_serial_normalise(r->serial, serial, sizeof(serial), &num) < 0) {
			snprintf(why, sizeof(why),
				 "bad serial '%.60s' (expected PREFIX-NUMBER, such as FRI-007)",
				 r->serial);
			quarantine(m, r, why);
			return 0;
		}
		if (ws && serial_check(ws, serial, num, why, sizeof(why), &deck)) {
			quarantine(m, r, why);
			return 0;
		}
	}
	if (r->workshop) {
		if (ws && strcmp(r->workshop, ws->id) != 0) {
			snprintf(why, sizeof(why), "results of workshop '%.60s', not '%.60s'",
				 r->workshop, ws->id);
			quarantine(m, r, why);
			return 0;
		}
		if (!p->ws_seen)
			p->ws_seen = intern(m, r->workshop);
		else if (strcmp(p->ws_seen, r->workshop) != 0)
			p->ws_mixed = true;
	}
	if (ws && sequence) {
		const char *c = lookup(sequence, p->seq_ids, p->seq_titles, p->nseq);
		if (!c) {
			char hb[128];
			const char *s = ul_suggest_hint(sequence, p->seq_ids, p->nseq, hb, sizeof(hb));
			snprintf(why, sizeof(why), "unknown sequence '%.60s'%s", sequence,
				 s);
			quarantine(m, r, why);
			return 0;
		}
		sequence = c;
	}
	if (ws && stage) {
		const char *c = lookup(stage, p->stages, NULL, p->nstages);
		if (!c) {
			char hb[128];
			const char *s = ul_suggest_hint(stage, p->stages, p->nstages, hb, sizeof(hb));
			snprintf(why, sizeof(why), "unknown stage '%.60s'%s", stage,
				 s);
			quarantine(m, r, why);
			return 0;
		}
		stage = c;
	}
	int severity = 0;
	for (size_t i = 0; i < r->nfields; i++) {
		const struct ul_field *fd = NULL;
		if (ws) {
			for (size_t d = 0; d < ws->ndecks && !fd; d++) {
				const struct ul_deck *dk = &ws->decks[d];
				if (dk->kind != UL_DECK_WRITEIN || (deck && dk != deck))
					continue;
				for (size_t f = 0; f < dk->nfields && !fd; f++)
					if (strcmp(dk->fields[f].id, r->fields[i].name) == 0)
						fd = &dk->fields[f];
			}
			if (!fd) {
				snprintf(why, sizeof(why), "unknown field '%.60s'%s%.20s",
					 r->fields[i].name, deck ? " on deck " : "",
					 deck ? deck->id : "");
				quarantine(m, r, why);
				return 0;
			}
		}
		const char *v = r->fields[i].value;
		char *end;
		long n = strtol(v, &end, 10);
		bool numeric = *v && !*end;
		if (fd && fd->scale && (!numeric || n < 1 || n > fd->scale)) {
			snprintf(why, sizeof(why), "field '%.60s' is '%.60s', not a number from 1 to %d",
				 r->fields[i].name, v, fd->scale);
			quarantine(m, r, why);
			return 0;
		}
		if (numeric && n > 0 && n < 1000 && (severity_name(r->fields[i].name) ||
		    (fd && fd->scale && !severity)))
			severity = (int)n;
	}
	const char *answers[256];
	size_t nanswers = 0;
	for (size_t i = 0; i < r->nanswers && nanswers < UL_NELEM(answers); i++) {
		char a[64];
		int an;
		if (ul_serial_normalise(r->answers[i], a, sizeof(a), &an) == 0) {
			const struct ul_deck *dk;
			if (ws && serial_check(ws, a, an, why, sizeof(why), &dk)) {
				char w2[300];
				snprintf(w2, sizeof(w2), "answers: %s", why);
				quarantine(m, r, w2);
				return 0;
			}
			answers[nanswers++] = intern(m, a);
		} else
			answers[nanswers++] = intern(m, r->answers[i]);
	}

	/* The item. */
	struct ul_item *it = ul_arena_alloc(&m->arena, sizeof(*it));
	const char *file = cur ? cur->file : intern(m, r->file);
	it->type = (uint8_t)type;
	it->votes = votes;
	it->severity = (int16_t)severity;
	it->serial = r->serial ? intern(m, serial) : NULL;
	it->session = intern(m, r->session);
	it->table = intern(m, r->table);
	it->sequence = intern(m, sequence);
	it->stage = intern(m, stage);
	unsigned pflags = 0;
	it->text = private_text(m, r->text, &pflags);
	it->src.file = file;
	it->src.line = r->line;
	it->nsrc = 1;
	if (r->ntags) {
		const char **t = ul_arena_alloc(&m->arena, r->ntags * sizeof(*t));
		size_t n = 0;
		for (size_t i = 0; i < r->ntags; i++) {
			const char *s = intern(m, r->tags[i]);
			bool dup = false;
			for (size_t k = 0; k < n; k++)
				dup |= t[k] == s;
			if (!dup)
				t[n++] = s;
		}
		sortv(t, n, sizeof(*t), cmp_cstr);
		it->tags = t;
		it->ntags = (uint16_t)n;
	}
	if (nanswers) {
		const char **t = ul_arena_alloc(&m->arena, nanswers * sizeof(*t));
		memcpy(t, answers, nanswers * sizeof(*t));
		it->answers = t;
		it->nanswers = (uint16_t)nanswers;
	}
	if (r->nfields) {
		struct ul_rfield *f = ul_arena_alloc(&m->arena, r->nfields * sizeof(*f));
		for (size_t i = 0; i < r->nfields; i++) {
			f[i].name = intern(m, r->fields[i].name);
			f[i].value = private_text(m, r->fields[i].value, &pflags);
		}
		sortv(f, r->nfields, sizeof(*f), cmp_field);
		it->fields = f;
		it->nfields = (uint16_t)r->nfields;
	}
	it->privacy = (uint8_t)pflags;
	if (it->serial)
		snprintf(key, sizeof(key), "%s", it->serial);
	else if (r->source_id)
		snprintf(key, sizeof(key), "%s:%.400s",
			 cur && cur->rs->format ? cur->rs->format : "form", r->source_id);
	else {
		const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
		snprintf(key, sizeof(key), "%.400s:%d", base, r->line);
		it->idline = r->line;
	}

	items_grow(&p->items);
	uint32_t h = hash_str(key);
	struct ul_item **slot = item_slot(&p->items, key, h);
	struct ul_item *v;
	for (v = *slot; v; v = v->next_variant)
		if (same_content(v, it))
			break;
	if (!v) {
		it->key = keep(m, key);
		it->id = it->key;
		it->hash = h;
		if (*slot) {
			it->next_variant = (*slot)->next_variant;
			(*slot)->next_variant = it;
		} else {
			*slot = it;
			p->items.n++;
		}
		p->total_items++;
		return 0;
	}
	/* A duplicate: one item, both sources. */
	struct ul_src *s = ul_arena_alloc(&m->arena, sizeof(*s));
	*s = it->src;
	if (src_cmp(&it->src, &v->src) < 0) {
		/* The new one comes first: it speaks for the item. */
		struct ul_src old = v->src;
		*s = old;
		v->src.file = it->src.file;
		v->src.line = it->src.line;
		v->session = it->session;
		v->table = it->table;
		/* Swap lists so the union below starts from the first source. */
		const char **ot = v->tags;
		uint16_t ont = v->ntags;
		struct ul_rfield *of = v->fields;
		uint16_t onf = v->nfields;
		v->tags = it->tags;
		v->ntags = it->ntags;
		v->fields = it->fields;
		v->nfields = it->nfields;
		it->tags = ot;
		it->ntags = ont;
		it->fields = of;
		it->nfields = onf;
		v->answers = it->answers;
		v->nanswers = it->nanswers;
		v->severity = it->severity;
		v->privacy = it->privacy;
		v->text = it->text;
	}
	/* Tags and fields: the union (the first source's value wins). */
	if (it->ntags) {
		const char **t = ul_arena_alloc(&m->arena, (v->ntags + it->ntags) * sizeof(*t));
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
		sortv(t, nt, sizeof(*t), cmp_cstr);
		v->tags = t;
		v->ntags = (uint16_t)nt;
	}
	if (it->nfields && v->fields != it->fields) {
		struct ul_rfield *f = ul_arena_alloc(&m->arena,
						     (v->nfields + it->nfields) * sizeof(*f));
		size_t nf = 0;
		for (size_t i = 0; i < v->nfields; i++)
			f[nf++] = v->fields[i];
		for (size_t i = 0; i < it->nfields; i++) {
			bool dup = false;
			for (size_t k = 0; k < v->nfields; k++)
				dup |= v->fields[k].name == it->fields[i].name;
			if (!dup)
				f[nf++] = it->fields[i];
		}
		sortv(f, nf, sizeof(*f), cmp_field);
		v->fields = f;
		v->nfields = (uint16_t)nf;
	}
	if (!v->sequence)
		v->sequence = it->sequence;
	if (!v->stage)
		v->stage = it->stage;
	if (it->votes > v->votes)
		v->votes = it->votes;
	s->next = v->src.next;
	v->src.next = s;
	v->nsrc++;
	return 0;
}

/* finishing */

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
 * Give each item the rank of its (interned) string at offset soff, stored
 * at roff: distinct strings are found with a pointer set, sorted once.
 */
static void
rank_all(struct ul_item **all, size_t n, const char *const *ws, size_t nws,
	 size_t soff, size_t roff)
{
	size_t cap = 64, nd = 0;
	const char **set = ul_xcalloc(cap, sizeof(*set));
	uint32_t *rank = ul_xcalloc(cap, sizeof(*rank));

	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < n; i++) {
			const char *s = *(const char **)((char *)all[i] + soff);
			uint32_t *dst = (uint32_t *)((char *)all[i] + roff);
			if (!s) {
				*dst = UINT32_MAX;
				continue;
			}
			size_t h = ((uintptr_t)s >> 3) * 2654435761u & (cap - 1);
			while (set[h] && set[h] != s)
				h = (h + 1) & (cap - 1);
			if (pass == 1) {
				*dst = rank[h];
				continue;
			}
			if (set[h])
				continue;
			set[h] = s;
			if (++nd * 2 < cap)
				continue;
			/* Grow and rehash. */
			size_t ncap = cap * 2;
			const char **nset = ul_xcalloc(ncap, sizeof(*nset));
			for (size_t k = 0; k < cap; k++) {
				if (!set[k])
					continue;
				size_t g = ((uintptr_t)set[k] >> 3) * 2654435761u & (ncap - 1);
				while (nset[g])
					g = (g + 1) & (ncap - 1);
				nset[g] = set[k];
			}
			free(set);
			free(rank);
			set = nset;
			rank = ul_xcalloc(ncap, sizeof(*rank));
			cap = ncap;
		}
		if (pass == 1)
			break;
		struct ranked *r = ul_xcalloc(nd + 1, sizeof(*r));
		size_t k = 0;
		for (size_t i = 0; i < cap; i++)
			if (set[i]) {
				r[k].s = set[i];
				r[k++].wsrank = rank_of(set[i], ws, nws);
			}
		sortv(r, k, sizeof(*r), cmp_ranked);
		for (size_t j = 0; j < k; j++) {
			size_t h = ((uintptr_t)r[j].s >> 3) * 2654435761u & (cap - 1);
			while (set[h] != r[j].s)
				h = (h + 1) & (cap - 1);
			rank[h] = (uint32_t)j;
		}
		free(r);
	}
	free(set);
	free(rank);
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
	return src_cmp(&a->src, &b->src);
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
	if (a->idline && b->idline && a->src.file == b->src.file && a->nsrc == 1 &&
	    b->nsrc == 1 && a->id == a->key && b->id == b->key)
		c = a->idline < b->idline ? -1 : a->idline > b->idline;
	else
		c = natcmp(a->id, b->id);
	return c ? c : content_cmp(a, b);
}

struct skey {
	uint32_t seq, stage, votes;
	int16_t severity;
	uint8_t type;
	int idline;		/* with idfile: the id is idfile's line */
	const char *idfile;
	struct ul_item *it;
};

/* The order of cmp_report, on keys. */
static int
cmp_skey(const void *pa, const void *pb)
{
	const struct skey *a = pa, *b = pb;

	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	if (a->seq != b->seq)
		return a->seq < b->seq ? -1 : 1;
	if (a->stage != b->stage)
		return a->stage < b->stage ? -1 : 1;
	if (a->votes != b->votes)
		return a->votes > b->votes ? -1 : 1;
	if (a->severity != b->severity)
		return a->severity > b->severity ? -1 : 1;
	if (a->idfile && a->idfile == b->idfile && a->idline != b->idline)
		return a->idline < b->idline ? -1 : 1;
	return id_cmp(a->it, b->it);
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
	return src_cmp(*(const struct ul_src *const *)pa, *(const struct ul_src *const *)pb);
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

struct pair {
	const char *a, *b, *c;
};

static int
cmp_table(const void *pa, const void *pb)
{
	const struct ul_table_count *x = pa, *y = pb;
	int c = nullcmp(x->session, y->session);
	return c ? c : nullcmp(x->table, y->table);
}

/* Grouping only: interned strings are equal when their pointers are. */
static int
cmp_ptrpair(const void *pa, const void *pb)
{
	const struct pair *x = pa, *y = pb;
	if (x->a != y->a)
		return (uintptr_t)x->a < (uintptr_t)y->a ? -1 : 1;
	if (x->b != y->b)
		return (uintptr_t)x->b < (uintptr_t)y->b ? -1 : 1;
	return (uintptr_t)x->c < (uintptr_t)y->c ? -1 : (uintptr_t)x->c > (uintptr_t)y->c;
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

/* The source record of an item's source (to count per input). */
static struct source *
source_of(struct priv *p, const struct ul_src *s)
{
	for (size_t i = 0; i < p->nsrc; i++)
		if (p->src[i].file == s->file)
			return &p->src[i];
	return NULL;
}

static const char *
where(const struct ul_src *s, char *buf, size_t size)
{
	snprintf(buf, size, "%s:%d", s->file, s->line);
	return buf;
}

void
ul_merge_finish(struct ul_merge *m, struct ul_diags *diags)
{
	struct priv *p = m->priv;
	struct ul_item **all = ul_xcalloc(p->total_items + 1, sizeof(*all));
	size_t n = 0;
	char b1[512];

	/* Every item, variants included; sources sorted; conflicts named. */
	for (size_t i = 0; i < p->items.cap; i++) {
		struct ul_item *head = p->items.v[i];
		if (!head)
			continue;
		size_t nv = 0, first = n;
		for (struct ul_item *v = head; v; v = v->next_variant) {
			if (v->nsrc > 1) {
				struct ul_src **ss = ul_xcalloc(v->nsrc, sizeof(*ss));
				struct ul_src *s = &v->src;
				size_t k = 0;
				ss[k++] = &v->src;
				for (s = v->src.next; s; s = s->next)
					ss[k++] = s;
				/* Copy the values: the head lives in the item. */
				struct ul_src *vals = ul_xcalloc(k, sizeof(*vals));
				for (size_t j = 0; j < k; j++)
					vals[j] = *ss[j];
				struct ul_src **vp = ul_xcalloc(k, sizeof(*vp));
				for (size_t j = 0; j < k; j++)
					vp[j] = &vals[j];
				sortv(vp, k, sizeof(*vp), cmp_srcp);
				for (size_t j = 0; j < k; j++) {
					ss[j]->file = vp[j]->file;
					ss[j]->line = vp[j]->line;
				}
				free(vp);
				free(vals);
				free(ss);
			}
			all[n++] = v;
			nv++;
		}
		if (nv > 1) {
			sortv(all + first, nv, sizeof(*all), cmp_variant);
			for (size_t k = 0; k < nv; k++) {
				struct ul_item *v = all[first + k];
				v->conflict = true;
				if (k > 0) {
					snprintf(b1, sizeof(b1), "%s~%zu", v->key, k + 1);
					v->id = keep(m, b1);
				}
			}
			m->conflicts += nv - 1;
			for (size_t k = 1; k < nv; k++) {
				char w[512];
				ul_warning(diags, all[first + k]->src.file, all[first + k]->src.line, 0,
					   "conflicting duplicate '%s': other text than at %s (both kept, flagged)",
					   all[first]->key, where(&all[first]->src, w, sizeof(w)));
			}
		}
	}
	/* Counts per input: an item's first source keeps it, the others are duplicates. */
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

	/* Votes cast by vote records. */
	for (size_t i = 0; i < n; i++) {
		struct ul_item *it = all[i];
		if (it->type != UL_IT_VOTE)
			continue;
		for (size_t a = 0; a < it->nanswers; a++)
			for (struct ul_item *t = item_find(m, it->answers[a]); t; t = t->next_variant)
				if (t->type != UL_IT_VOTE)
					t->votes += it->votes;
	}

	/* Report order: a rank for every distinct sequence and stage (the
	 * workshop's order, then the others by name), so that sorting a
	 * million items compares integers. */
	rank_all(all, n, p->seq_ids, p->nseq, offsetof(struct ul_item, sequence),
		 offsetof(struct ul_item, seq_rank));
	rank_all(all, n, p->stages, p->nstages, offsetof(struct ul_item, stage),
		 offsetof(struct ul_item, stage_rank));
	{
		/* Sort compact keys, not pointers: a million comparisons then
		 * read contiguous memory instead of chasing items. */
		struct skey *k = ul_xcalloc(n + 1, sizeof(*k));
		for (size_t i = 0; i < n; i++) {
			const struct ul_item *it = all[i];
			k[i].type = it->type;
			k[i].votes = it->type == UL_IT_NOTE || it->type == UL_IT_VOTE ? 0 : it->votes;
			k[i].severity = it->type == UL_IT_NOTE || it->type == UL_IT_VOTE ? 0 : it->severity;
			k[i].seq = it->type == UL_IT_FRICTION ? it->seq_rank : 0;
			k[i].stage = it->type == UL_IT_FRICTION ? it->stage_rank : 0;
			k[i].it = all[i];
			if (it->idline && it->nsrc == 1 && it->id == it->key) {
				k[i].idline = it->idline;
				k[i].idfile = it->src.file;
			}
		}
		sortv(k, n, sizeof(*k), cmp_skey);
		for (size_t i = 0; i < n; i++)
			all[i] = k[i].it;
		free(k);
	}
	m->items = all;
	m->nitems = n;

	/* Groups of frictions: by sequence, then stage. */
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

	/* Ideas under the frictions they answer. */
	for (size_t i = 0; i < n; i++) {
		struct ul_item *it = all[i];
		if (it->type == UL_IT_IDEA) {
			m->ideas = ul_xreallocarray(m->ideas, m->nideas + 1, sizeof(*m->ideas));
			m->ideas[m->nideas++] = it;
		} else if (it->type != UL_IT_FRICTION) {
			m->notes = ul_xreallocarray(m->notes, m->nnotes + 1, sizeof(*m->notes));
			m->notes[m->nnotes++] = it;
		}
	}
	for (size_t i = 0; i < m->nideas; i++) {
		struct ul_item *idea = m->ideas[i];
		for (size_t a = 0; a < idea->nanswers; a++)
			for (struct ul_item *t = item_find(m, idea->answers[a]); t; t = t->next_variant) {
				if (t->type != UL_IT_FRICTION)
					continue;
				bool dup = false;
				for (size_t k = 0; k < t->nideas; k++)
					dup |= t->ideas[k] == idea;
				if (dup)
					continue;
				t->ideas = ul_xreallocarray(t->ideas, t->nideas + 1, sizeof(*t->ideas));
				t->ideas[t->nideas++] = idea;
				idea->answers_found = true;
			}
		if (!idea->answers_found) {
			m->orphans = ul_xreallocarray(m->orphans, m->norphans + 1, sizeof(*m->orphans));
			m->orphans[m->norphans++] = idea;
		}
	}

	/*
	 * One pass over the items for everything that needs each of them
	 * (a pass over a million items costs a cache miss each): ideas in
	 * vote order, tag and table pairs, privacy warnings, field names.
	 */
	size_t np = 0, pcap = n + 16, nn = 0;
	struct pair *pairs = ul_xcalloc(pcap, sizeof(*pairs));
	struct pair *tp = ul_xcalloc(n + 1, sizeof(*tp));
	const char **names = NULL;
	for (size_t i = 0; i < n; i++) {
		struct ul_item *it = all[i];
		if (it->nideas > 1)
			sortv(it->ideas, it->nideas, sizeof(*it->ideas), cmp_by_votes);
		for (size_t t = 0; t < it->ntags; t++) {
			if (np == pcap) {
				pcap *= 2;
				pairs = ul_xreallocarray(pairs, pcap, sizeof(*pairs));
			}
			pairs[np].a = it->tags[t];
			pairs[np].b = it->session;
			pairs[np++].c = it->table;
		}
		tp[i].a = it->session;
		tp[i].b = it->table;
		tp[i].c = (const char *)it;	/* carried, not compared */
		if (it->privacy) {
			m->flagged++;
			ul_warning(diags, it->src.file, it->src.line, 0,
				   "'%s' holds %s%s%s: %s", it->id,
				   it->privacy & UL_PRIV_EMAIL ? "an e-mail address" : "",
				   it->privacy == (UL_PRIV_EMAIL | UL_PRIV_PHONE) ? " and " : "",
				   it->privacy & UL_PRIV_PHONE ? "a phone number" : "",
				   m->opts.redact ? "masked" : "flagged for review (--redact masks it)");
		}
		for (size_t k = 0; k < it->nfields; k++) {
			bool seen = false;
			for (size_t j = 0; j < nn && !seen; j++)
				seen = names[j] == it->fields[k].name;
			if (!seen && nn < 256) {
				names = ul_xreallocarray(names, nn + 1, sizeof(*names));
				names[nn++] = it->fields[k].name;
			}
		}
	}
	sortv(names, nn, sizeof(*names), cmp_cstr);
	m->field_names = names;
	m->nfield_names = nn;

	/* Tags across tables. */
	sortv(pairs, np, sizeof(*pairs), cmp_ptrpair);
	for (size_t i = 0; i < np;) {
		size_t j = i, tables = 0;
		while (j < np && pairs[j].a == pairs[i].a) {
			if (j == i || pairs[j].b != pairs[j - 1].b || pairs[j].c != pairs[j - 1].c)
				tables++;
			j++;
		}
		m->tags = ul_xreallocarray(m->tags, m->ntags + 1, sizeof(*m->tags));
		m->tags[m->ntags].tag = pairs[i].a;
		m->tags[m->ntags].items = j - i;
		m->tags[m->ntags++].tables = tables;
		i = j;
	}
	free(pairs);
	sortv(m->tags, m->ntags, sizeof(*m->tags), cmp_tagcount);

	/* Counts per session and table: sort the items' pairs, count runs. */
	sortv(tp, n, sizeof(*tp), cmp_ptrpair);
	for (size_t i = 0; i < n;) {
		size_t j = i;
		m->tables = ul_xreallocarray(m->tables, m->ntables + 1, sizeof(*m->tables));
		struct ul_table_count *tc = &m->tables[m->ntables++];
		memset(tc, 0, sizeof(*tc));
		tc->session = tp[i].a;
		tc->table = tp[i].b;
		for (; j < n && tp[j].a == tp[i].a && tp[j].b == tp[i].b; j++) {
			const struct ul_item *it = (const struct ul_item *)tp[j].c;
			tc->items++;
			tc->frictions += it->type == UL_IT_FRICTION;
			tc->ideas += it->type == UL_IT_IDEA;
			tc->votes += it->type == UL_IT_VOTE;
			tc->notes += it->type == UL_IT_NOTE;
		}
		i = j;
	}
	free(tp);
	sortv(m->tables, m->ntables, sizeof(*m->tables), cmp_table);

	/* Sources. */
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
	sortv(m->sources, m->nsources, sizeof(*m->sources), cmp_source);

	/* The quarantine, and one warning for each record in it. */
	sortv(m->quar, m->nquar, sizeof(*m->quar), cmp_quar);
	for (size_t i = 0; i < m->nquar; i++)
		ul_warning(diags, m->quar[i].file, m->quar[i].line, 0,
			   "quarantined: %s", m->quar[i].reason);

	/* Field names of the quarantine, for its CSV columns. */
	for (int q = 1; q < 2; q++) {
		const char **names = NULL;
		size_t nn = 0;
		size_t count = m->nquar;
		for (size_t i = 0; i < count; i++) {
			const struct ul_rfield *f = m->quar[i].rec.fields;
			size_t nf = m->quar[i].rec.nfields;
			for (size_t k = 0; k < nf; k++) {
				bool seen = false;
				for (size_t j = 0; j < nn && !seen; j++)
					seen = names[j] == f[k].name;
				if (!seen && nn < 256) {
					names = ul_xreallocarray(names, nn + 1, sizeof(*names));
					names[nn++] = f[k].name;
				}
			}
		}
		sortv(names, nn, sizeof(*names), cmp_cstr);
		m->qfield_names = names;
		m->nqfield_names = nn;
	}

	if (!m->workshop_id && p->ws_seen && !p->ws_mixed)
		m->workshop_id = p->ws_seen;
}

void
ul_merge_release(struct ul_merge *m)
{
	struct priv *p = m->priv;

	if (p) {
		for (size_t i = 0; i < m->nitems; i++)
			free(m->items[i]->ideas);
		free(p->strings.v);
		free(p->items.v);
		for (size_t i = 0; i < p->nsrc; i++)
			free(p->src[i].file);
		free(p->src);
		free(p->quar);
		free(p->seq_ids);
		free(p->seq_titles);
		free(p->stages);
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
