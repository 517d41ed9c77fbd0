/* SPDX-License-Identifier: ISC */
/*
 * The workshop definition: builds the typed model of utilab-workshop(5)
 * from the positioned YAML tree and validates it in the same pass, so that
 * one run reports every problem it can find, each at its position.
 * Owns struct ul_workshop (strings and arrays in its arena); knows nothing
 * of rendering, of the pictogram set (icon names are checked by the cards
 * side) or of argv.
 *
 * Every check is linear or n log n in the size of the file: scopes of ids
 * are sorted to find duplicates and references are found by binary search,
 * so a 1 MiB definition stays well under the time budget.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <glib.h>

#include "intl.h"
#include "nfc.h"
#include "sizes.h"
#include "util.h"
#include "icon.h"
#include "workshop.h"
#include "yamlload.h"
#include "ykeys.h"

#define ID_MAX 64
#define CARD_MIN_MM 30.0
#define CARD_MAX_MM 300.0
#define POSTER_MIN_MM 100.0
#define POSTER_MAX_MM 1200.0
/*
 * "Did you mean" compares a word with every candidate; on a hostile file
 * with thousands of broken references against thousands of ids that is
 * quadratic, so suggestions stop once this many comparisons were made.
 */
#define SUGGEST_BUDGET 50000
/*
 * Combining marks in a row on one base character: Arabic vowel signs or
 * Vietnamese tones stack two or three; more is the "zalgo" text that
 * draws through the band above it.
 */
#define COMBINING_MAX 4

struct ul_tr {
	const char *key;	/* the model's string (pointer identity) */
	const char *v[UL_LANGS_MAX];
};

static const char *mm(const char *s, double *out);

struct ctx {
	struct ul_workshop *ws;
	struct ul_diags *d;
	const char *file;
	size_t suggest_budget;
	int errors;
	/* the text as written, to tell why a value came out empty */
	const char *src;
	size_t srclen;
	size_t *line_at;	/* byte offset of each line, built on demand */
	size_t nlines;
	size_t trcap;
	const char *want_view;	/* the language to load the texts in */
};

/* One id in a scope, for duplicate and reference checks. */
struct idref {
	const char *id;
	int line, col;
};

struct idset {
	struct idref *v;
	size_t n, cap;
};

static int
err(struct ctx *c, const struct ul_ynode *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
err(struct ctx *c, const struct ul_ynode *at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ul_diag_vadd(c->d, UL_ERROR, UL_EDATA, c->file, at ? at->line : 0,
		     at ? at->col : 0, fmt, ap);
	va_end(ap);
	c->errors++;
	return -1;
}

static void
warn(struct ctx *c, const struct ul_ynode *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
warn(struct ctx *c, const struct ul_ynode *at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ul_diag_vadd(c->d, UL_WARNING, UL_EDATA, c->file, at ? at->line : 0,
		     at ? at->col : 0, fmt, ap);
	va_end(ap);
}

static struct ul_pos
pos_of(const struct ul_ynode *n)
{
	struct ul_pos p = {0, 0};

	if (n) {
		p.line = n->line;
		p.col = n->col;
	}
	return p;
}

/*
 * The closest candidate, within the suggestion budget; words too long to be
 * a typo of a short name are not compared at all.
 */
static const char *
suggest(struct ctx *c, const char *word, const char *const *cand, size_t n)
{
	/* Past the diagnostics' limit the message is dropped anyway. */
	if (strlen(word) > 40 || n > c->suggest_budget ||
	    ul_diags_full(c->d, UL_ERROR))
		return NULL;
	c->suggest_budget -= n;
	return ul_suggest(word, cand, n);
}

/* " (did you mean 'x'?)" or "", for the end of a message. */
static const char *
hint(struct ctx *c, char *buf, size_t size, const char *word,
     const char *const *cand, size_t n)
{
	return ul_hint(suggest(c, word, cand, n), buf, size);
}

/* Where line (1-based) starts in the source, or NULL. */
static const char *
line_start(struct ctx *c, int line)
{
	if (!c->src || line < 1)
		return NULL;
	if (!c->line_at) {
		size_t n = 1;
		for (size_t i = 0; i < c->srclen; i++)
			n += c->src[i] == '\n';
		c->line_at = ul_xreallocarray(NULL, n, sizeof(*c->line_at));
		c->line_at[c->nlines++] = 0;
		for (size_t i = 0; i < c->srclen; i++)
			if (c->src[i] == '\n')
				c->line_at[c->nlines++] = i + 1;
	}
	return (size_t)line <= c->nlines ? c->src + c->line_at[line - 1] : NULL;
}

/*
 * Whether a key was written with a value that YAML read as nothing
 * because of an unquoted '#': "color: #005A9C" is a key and a comment,
 * and the colour would silently vanish. The source after the key's colon
 * says which: a '#' there is the comment; fix gets what to quote. Values
 * written null on purpose ("~", "null") are left alone.
 */
static bool
comment_value(struct ctx *c, const struct ul_ypair *p, char *fix, size_t size)
{
	const struct ul_ynode *v = p->value;
	const char *q, *end = c->src + c->srclen;
	size_t n;

	if (v->kind != UL_YSCALAR || !v->plain || *v->str ||
	    !(q = line_start(c, p->key->line)))
		return false;
	/* to the key's column (in characters), then past the key and ':' */
	for (int col = 1; col < p->key->col && q < end && *q != '\n'; col++)
		for (q++; q < end && ((unsigned char)*q & 0xC0) == 0x80; q++)
			;
	while (q < end && *q != '\n' && *q != ':')
		q++;
	if (q >= end || *q != ':')
		return false;
	for (q++; q < end && (*q == ' ' || *q == '\t'); q++)
		;
	if (q >= end || *q != '#')
		return false;	/* a value on the next lines, or none at all */
	n = strcspn(q, "\r\n");
	while (n > 0 && (q[n - 1] == ' ' || q[n - 1] == '\t'))
		n--;
	snprintf(fix, size, "%.*s", (int)(n < 60 ? n : 60), q);
	return true;
}

/*
 * Whether a key was written with nothing after it ("title:"): YAML reads
 * that as null, and the text, colour, list or mapping the user meant to
 * give would silently not be there. A null written on purpose ("~",
 * "null") is not bare.
 */
static bool
bare_value(const struct ul_ypair *p)
{
	const struct ul_ynode *v = p->value;

	return v->kind == UL_YSCALAR && v->plain && v->len == 0;
}

/* A key written without its value: the error says how to fix it. */
static void
empty_value(struct ctx *c, const struct ul_ypair *p)
{
	char qb[64], fix[80];

	if (comment_value(c, p, fix, sizeof(fix)))
		err(c, p->value, "'%s' is empty: an unquoted '#' starts a YAML "
		    "comment; quote it: '%s'", p->key->str,
		    ul_quoted(qb, sizeof(qb), fix));
	else if (bare_value(p))
		err(c, p->value, "'%s' is empty: write a value after the colon, "
		    "or remove the line", p->key->str);
}

/* Mapping keys: find each known key's pair, report the unknown ones. */
static void
scan_keys(struct ctx *c, const struct ul_ynode *map, const char *const *names,
	  size_t n, const struct ul_ypair **slots)
{
	c->errors += (int)ul_ykeys_check(map, names, n, slots, c->file, NULL,
					 &c->suggest_budget, c->d);
	for (size_t k = 0; k < n; k++)
		if (slots[k])
			empty_value(c, slots[k]);
}

static bool
absent(const struct ul_ypair *p)
{
	return !p || ul_ynode_is_null(p->value);
}

static const char *
dup(struct ctx *c, const char *s)
{
	return ul_arena_strdup(&c->ws->arena, s);
}

/*
 * Characters refused in any text: bidi embeddings, overrides and
 * isolates (U+202A-U+202E, U+2066-U+2069) reorder what follows them
 * ("000 1" printed "1 000"); Pango sets each paragraph's direction from
 * its own letters, so they are never needed. The marks U+200E, U+200F
 * and U+061C stay allowed. Also refused: more than COMBINING_MAX
 * combining marks on one character.
 */
static bool
unicode_ok(struct ctx *c, const struct ul_ynode *at, const char *what,
	   const char *s)
{
	int run = 0;

	while (*s) {
		uint32_t ch = ul_utf8_next(&s);
		GUnicodeType t = g_unichar_type(ch);

		if ((ch >= 0x202A && ch <= 0x202E) ||
		    (ch >= 0x2066 && ch <= 0x2069)) {
			err(c, at, "'%s' holds the invisible direction control "
			    "U+%04X, which reorders the text around it: remove "
			    "it (each paragraph takes its direction from its "
			    "own letters)", what, (unsigned)ch);
			return false;
		}
		if (t == G_UNICODE_NON_SPACING_MARK ||
		    t == G_UNICODE_ENCLOSING_MARK) {
			if (++run > COMBINING_MAX) {
				err(c, at, "'%s' stacks more than %d combining "
				    "marks on one character (U+%04X): they "
				    "would print over the lines around it",
				    what, COMBINING_MAX, (unsigned)ch);
				return false;
			}
		} else
			run = 0;
	}
	return true;
}

/* A scalar as text; NULL (after an error) when its characters are refused. */
static const char *
scalar_text(struct ctx *c, const struct ul_ynode *v, const char *what)
{
	if (!unicode_ok(c, v, what, v->str))
		return NULL;
	return dup(c, v->str);
}

static void
tr_add(struct ctx *c, const char *key, const char *const *v)
{
	struct ul_workshop *ws = c->ws;

	if (ws->ntr == c->trcap) {
		c->trcap = c->trcap ? 2 * c->trcap : 64;
		ws->tr = ul_xreallocarray(ws->tr, c->trcap, sizeof(*ws->tr));
	}
	ws->tr[ws->ntr].key = key;
	memcpy(ws->tr[ws->ntr].v, v, sizeof(ws->tr[ws->ntr].v));
	ws->ntr++;
}

/* The languages of 'langs', for messages: "fr, ar". */
static const char *
langs_list(struct ctx *c, char *buf, size_t size)
{
	buf[0] = '\0';
	for (size_t i = 0; i < c->ws->nlangs; i++) {
		strncat(buf, c->ws->langs[i], size - strlen(buf) - 1);
		if (i + 1 < c->ws->nlangs)
			strncat(buf, ", ", size - strlen(buf) - 1);
	}
	return buf;
}

/*
 * A text in several languages: {fr: "Les courses", ar: "التسوق"}. Keys
 * are languages of 'langs' (under the one rule: "fr-FR" is fr), each
 * once; every language of 'langs' must be there. Returns the text in the
 * language of the view and records the others.
 */
static const char *
multi_text(struct ctx *c, const struct ul_ynode *m, const char *what)
{
	const char *v[UL_LANGS_MAX] = {0};
	char qb[64], lb[64];
	bool bad = false;

	for (size_t i = 0; i < m->n; i++) {
		const struct ul_ypair *p = &m->pairs[i];
		const struct ul_lang *l = ul_lang_find(p->key->str, false);
		size_t k = c->ws->nlangs;

		for (size_t j = 0; l && j < c->ws->nlangs; j++)
			if (c->ws->languages[j] == l)
				k = j;
		if (k == c->ws->nlangs) {
			err(c, p->key, "'%s' is in no language of 'langs' "
			    "(%s): a text in several languages maps each of "
			    "them to its text", ul_quoted(qb, sizeof(qb),
			    p->key->str), langs_list(c, lb, sizeof(lb)));
			bad = true;
			continue;
		}
		if (v[k]) {
			err(c, p->key, "'%s' gives the text in '%s' twice",
			    what, c->ws->langs[k]);
			bad = true;
			continue;
		}
		if (p->value->kind != UL_YSCALAR || ul_ynode_is_null(p->value) ||
		    !*p->value->str) {
			err(c, p->value, "the '%s' text of '%s' must be "
			    "non-empty text", c->ws->langs[k], what);
			bad = true;
			continue;
		}
		if (!(v[k] = scalar_text(c, p->value, what)))
			bad = true;
	}
	for (size_t j = 0; j < c->ws->nlangs && !bad; j++)
		if (!v[j]) {
			err(c, m, "'%s' has no text in '%s' (the workshop's "
			    "'langs' are %s)", what, c->ws->langs[j],
			    langs_list(c, lb, sizeof(lb)));
			bad = true;
		}
	if (bad)
		return NULL;
	if (c->ws->nlangs > 1)
		tr_add(c, v[c->ws->view], v);
	return v[c->ws->view];
}

/*
 * Text: NULL when absent or null, an error when not a scalar. Texts that
 * are shown to people (tr) may be mappings of languages to texts.
 */
static const char *
text_any(struct ctx *c, const struct ul_ypair *p, bool tr)
{
	if (absent(p))
		return NULL;
	if (tr && p->value->kind == UL_YMAP)
		return multi_text(c, p->value, p->key->str);
	if (p->value->kind != UL_YSCALAR) {
		err(c, p->value, "'%s' must be text%s, not a %s", p->key->str,
		    tr ? _(" (or a mapping of languages to texts)") : "",
		    ul_ykind_name(p->value->kind));
		return NULL;
	}
	return scalar_text(c, p->value, p->key->str);
}

/* What people read: a title, a text, a label. */
static const char *
text(struct ctx *c, const struct ul_ypair *p)
{
	return text_any(c, p, true);
}

/* What machines read: ids, colours, sizes, URLs, tags. */
static const char *
scalar(struct ctx *c, const struct ul_ypair *p)
{
	return text_any(c, p, false);
}

/* what: "deck 'x'" and the like, for messages about a missing key. */
static void
missing(struct ctx *c, const struct ul_ynode *map, const char *key,
	const char *what)
{
	if (what)
		err(c, map, "missing required key '%s' in %s", key, what);
	else
		err(c, map, "missing required key '%s'", key);
}

/* Required, non-empty text. */
static const char *
need_text_any(struct ctx *c, const struct ul_ynode *map,
	      const struct ul_ypair *p, const char *key, const char *what,
	      bool tr)
{
	const char *s;

	if (!p) {
		missing(c, map, key, what);
		return NULL;
	}
	if (ul_ynode_is_null(p->value)) {
		/* a bare key was reported already, with its fix */
		if (!bare_value(p))
			err(c, p->value, "'%s' must not be empty", key);
		return NULL;
	}
	s = text_any(c, p, tr);
	if (s && !*s) {
		err(c, p->value, "'%s' must not be empty", key);
		return NULL;
	}
	return s;
}

static const char *
need_text(struct ctx *c, const struct ul_ynode *map, const struct ul_ypair *p,
	  const char *key, const char *what)
{
	return need_text_any(c, map, p, key, what, true);
}

/*
 * A whole number within [min, max]. Returns 0 and sets *out, or -1 after
 * reporting. Quoted digits are accepted: "15" means 15 to a designer.
 */
static int
number(struct ctx *c, const struct ul_ypair *p, long min, long max, int *out)
{
	const struct ul_ynode *v = p->value;
	const char *s;
	char qb[64];
	long val = 0;
	size_t i = 0, digits = 0;
	bool neg = false;

	if (v->kind != UL_YSCALAR)
		return err(c, v, "'%s' must be a whole number, not a %s",
			   p->key->str, ul_ykind_name(v->kind));
	s = v->str;
	if (s[i] == '-' || s[i] == '+')
		neg = s[i++] == '-';
	for (; isdigit((unsigned char)s[i]); i++, digits++)
		if (val < 1000000000L)
			val = val * 10 + (s[i] - '0');
	if (s[i] || digits == 0)
		return err(c, v, "'%s' must be a whole number, not '%s'",
			   p->key->str, ul_quoted(qb, sizeof(qb), s));
	if (neg)
		val = -val;
	if (val < min || val > max)
		return err(c, v, "'%s' must be between %ld and %ld, not %s",
			   p->key->str, min, max, ul_quoted(qb, sizeof(qb), s));
	*out = (int)val;
	return 0;
}

/* true or false, as YAML 1.2 core writes them. */
static int
boolean(const struct ul_ynode *v, bool *out)
{
	if (v->kind != UL_YSCALAR || !v->plain)
		return -1;
	if (!strcmp(v->str, "true") || !strcmp(v->str, "True") ||
	    !strcmp(v->str, "TRUE"))
		*out = true;
	else if (!strcmp(v->str, "false") || !strcmp(v->str, "False") ||
		 !strcmp(v->str, "FALSE"))
		*out = false;
	else
		return -1;
	return 0;
}

/*
 * A list of non-empty texts; a null value is an empty list. Items shown
 * to people (tr) may be mappings of languages to texts.
 */
static void
strlist_any(struct ctx *c, const struct ul_ypair *p, struct ul_strlist *out,
	    bool tr)
{
	const struct ul_ynode *v;

	memset(out, 0, sizeof(*out));
	if (absent(p))
		return;
	v = p->value;
	if (v->kind != UL_YSEQ) {
		err(c, v, "'%s' must be a list (write [\"…\", \"…\"] or one "
		    "'- …' line per item), not %s", p->key->str,
		    v->kind == UL_YSCALAR ? "text" : "a mapping");
		return;
	}
	out->v = ul_arena_alloc(&c->ws->arena, v->n * sizeof(*out->v));
	out->pos = ul_arena_alloc(&c->ws->arena, v->n * sizeof(*out->pos));
	for (size_t i = 0; i < v->n; i++) {
		const struct ul_ynode *it = v->items[i];
		const char *t;
		if (tr && it->kind == UL_YMAP) {
			if ((t = multi_text(c, it, p->key->str))) {
				out->v[out->n] = t;
				out->pos[out->n++] = pos_of(it);
			}
			continue;
		}
		if (it->kind != UL_YSCALAR) {
			err(c, it, "each item of '%s' must be text, not a %s",
			    p->key->str, ul_ykind_name(it->kind));
			continue;
		}
		if (ul_ynode_is_null(it) || !*it->str) {
			err(c, it, "empty item in '%s'", p->key->str);
			continue;
		}
		if (!(t = scalar_text(c, it, p->key->str)))
			continue;
		out->v[out->n] = t;
		out->pos[out->n++] = pos_of(it);
	}
}

static void
strlist(struct ctx *c, const struct ul_ypair *p, struct ul_strlist *out)
{
	strlist_any(c, p, out, true);
}

/* A list whose items are mappings (phases, decks, cards…). */
static const struct ul_ynode *
maplist(struct ctx *c, const struct ul_ypair *p)
{
	if (absent(p))
		return NULL;
	if (p->value->kind != UL_YSEQ) {
		err(c, p->value, "'%s' must be a list, not %s", p->key->str,
		    p->value->kind == UL_YSCALAR ? "text" : "a mapping");
		return NULL;
	}
	return p->value;
}

static bool
is_map(struct ctx *c, const struct ul_ynode *n, const char *what)
{
	if (n->kind == UL_YMAP)
		return true;
	err(c, n, "%s must be a mapping of keys, not %s", what,
	    n->kind == UL_YSCALAR ? _("text") : _("a list"));
	return false;
}

bool
ul_id_valid(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > ID_MAX)
		return false;
	if (!islower((unsigned char)s[0]) && !isdigit((unsigned char)s[0]))
		return false;
	for (size_t i = 1; i < n; i++)
		if (!(s[i] >= 'a' && s[i] <= 'z') &&
		    !(s[i] >= '0' && s[i] <= '9') && s[i] != '-')
			return false;
	return true;
}

/* A required id, checked against [a-z0-9][a-z0-9-]*. */
static const char *
need_id(struct ctx *c, const struct ul_ynode *map, const struct ul_ypair *p,
	const char *what)
{
	const char *s = need_text_any(c, map, p, "id", what, false);
	char qb[64];

	if (s && !ul_id_valid(s)) {
		err(c, p->value, "bad id '%s': use lower-case letters, digits "
		    "and hyphens, starting with a letter or digit (at most %d characters)",
		    ul_quoted(qb, sizeof(qb), s), ID_MAX);
		return NULL;
	}
	return s;
}

static void
idset_add(struct idset *set, const char *id, const struct ul_ynode *at)
{
	if (!id)
		return;
	if (set->n == set->cap) {
		set->cap = set->cap ? set->cap * 2 : 16;
		set->v = ul_xreallocarray(set->v, set->cap, sizeof(*set->v));
	}
	set->v[set->n].id = id;
	set->v[set->n].line = at->line;
	set->v[set->n].col = at->col;
	set->n++;
}

static int
cmp_idref(const void *pa, const void *pb)
{
	const struct idref *a = pa, *b = pb;
	int r = strcmp(a->id, b->id);

	if (r)
		return r;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return a->col < b->col ? -1 : a->col > b->col;
}

/* Sort the scope and report every later use of an id, naming the first. */
static void
idset_check(struct ctx *c, struct idset *set, const char *scope)
{
	if (set->n < 2)
		return;
	qsort(set->v, set->n, sizeof(*set->v), cmp_idref);
	for (size_t i = 1, first = 0; i < set->n; i++) {
		if (strcmp(set->v[i].id, set->v[first].id) != 0) {
			first = i;
			continue;
		}
		ul_error(c->d, c->file, set->v[i].line, set->v[i].col,
			 strcmp(scope, "card") == 0 ?
			 N_("duplicate card id '%s' (first at line %d)") :
			 strcmp(scope, "field") == 0 ?
			 N_("duplicate field id '%s' (first at line %d)") :
			 strcmp(scope, "phase") == 0 ?
			 N_("duplicate phase id '%s' (first at line %d)") :
			 N_("duplicate deck or poster id '%s' (first at line %d)"),
			 set->v[i].id, set->v[first].line);
		c->errors++;
	}
}

static bool
idset_has(const struct idset *set, const char *id)
{
	struct idref key = {.id = id, .line = 0, .col = 0};
	size_t lo = 0, hi = set->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int r = strcmp(set->v[mid].id, key.id);
		if (r == 0)
			return true;
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

static void
idset_release(struct idset *set)
{
	free(set->v);
	memset(set, 0, sizeof(*set));
}

/* A colour key; *out keeps its default when absent or wrong. */
static void
color(struct ctx *c, const struct ul_ypair *p, struct ul_color *out)
{
	const char *s = scalar(c, p);
	char qb[64];

	if (!s)
		return;
	if (ul_color_parse(s, out) < 0)
		err(c, p->value, "'%s' must be a colour written #RGB or #RRGGBB "
		    "(e.g. '#E4003A'), not '%s'", p->key->str,
		    ul_quoted(qb, sizeof(qb), s));
}

static void
size_key(struct ctx *c, const struct ul_ypair *p, double min, double max,
	 struct ul_size *out)
{
	const char *names[24];
	size_t nn = ul_size_names(UL_SIZE_TRIM, names, UL_NELEM(names));
	const char *s = scalar(c, p), *why;
	char hb[96], qb[64];
	struct ul_size sz;

	if (!s)
		return;
	if (ul_size_parse(s, min, max, &sz, &why) == 0) {
		*out = sz;
		return;
	}
	if (strcmp(why, "out of bounds") == 0)
		err(c, p->value, "size '%s' is out of bounds: each side must be "
		    "between %g and %g mm", ul_quoted(qb, sizeof(qb), s), min,
		    max);
	else
		err(c, p->value, "unknown size '%s'%s: use poker, bridge, "
		    "tarot, a0 to a7, letter, or WxHmm such as '100x150mm'",
		    ul_quoted(qb, sizeof(qb), s),
		    hint(c, hb, sizeof(hb), s, names, nn));
}

/*
 * Look a keyword up in names[]; an error with a suggestion otherwise. On
 * error *out is set to the suggested keyword, if any, so that checks that
 * depend on it report real problems rather than echoes of the typo.
 */
static int
keyword(struct ctx *c, const struct ul_ypair *p, const char *const *names,
	size_t n, const char *what, int *out)
{
	const char *s = scalar(c, p), *guess;
	char hb[96] = "", qb[64], list[160] = "";

	if (!s)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (int)i;
			return 0;
		}
	if ((guess = suggest(c, s, names, n))) {
		snprintf(hb, sizeof(hb), _(" (did you mean '%s'?)"), guess);
		for (size_t i = 0; i < n; i++)
			if (names[i] == guess)
				*out = (int)i;
	}
	for (size_t i = 0; i < n; i++) {
		strncat(list, names[i], sizeof(list) - strlen(list) - 1);
		strncat(list, i + 2 < n ? ", " : i + 1 < n ? _(" or ") : "",
			sizeof(list) - strlen(list) - 1);
	}
	return err(c, p->value, "unknown %s '%s'%s: use %s", what,
		   ul_quoted(qb, sizeof(qb), s), hb, list);
}

static void
qr_template(struct ctx *c, const struct ul_ynode *v, const char *tmpl)
{
	size_t bad;
	char qb[64];

	if (!*tmpl) {
		err(c, v, "the QR 'url' template must not be empty");
		return;
	}
	if (ul_qr_scheme_check(tmpl) != 0) {
		err(c, v, "QR target '%s' is not allowed: use an https:, http:, "
		    "mailto: or tel: address", ul_quoted(qb, sizeof(qb), tmpl));
		return;
	}
	if (ul_qr_template_check(tmpl, &bad) == 0)
		return;
	if (tmpl[bad] == '}')
		err(c, v, "unbalanced '}' in QR template '%s'",
		    ul_quoted(qb, sizeof(qb), tmpl));
	else {
		size_t n = strcspn(tmpl + bad, "}");
		char name[48];
		snprintf(name, sizeof(name), "%.*s%s",
			 (int)(n < 40 ? n : 40), tmpl + bad,
			 tmpl[bad + n] == '}' ? "}" : "");
		err(c, v, "unknown placeholder '%s' in QR template: use "
		    "{workshop}, {deck}, {card}, {serial}, {lang} or {version}",
		    name);
	}
}

/* qr: {url: …} at the top of the workshop. */
static void
ws_qr(struct ctx *c, const struct ul_ypair *p)
{
	static const char *const keys[] = {"url"};
	const struct ul_ypair *slot[1];
	const char *url;

	if (absent(p))
		return;
	c->ws->qr.pos = pos_of(p->value);
	if (p->value->kind != UL_YMAP) {
		err(c, p->value, "'qr' must be a mapping with 'url' "
		    "(the default QR target)");
		return;
	}
	scan_keys(c, p->value, keys, 1, slot);
	url = scalar(c, slot[0]);
	if (url)
		qr_template(c, slot[0]->value, url);
	c->ws->qr.url = url;
	c->ws->qr.enabled = url != NULL;
}

/* A length in mm, written "24mm" or "24" (mm understood); -1 when not. */
static double
length_mm(const char *s)
{
	double v;
	const char *p = mm(s, &v);

	if (!p || (*p && strcmp(p, "mm") != 0 && strcmp(p, " mm") != 0))
		return -1;
	return v;
}

/* qr: true | false | {url: …, size: 24mm, ecc: L|M|Q} on a deck or poster. */
static void
item_qr(struct ctx *c, const struct ul_ypair *p, struct ul_qr *qr)
{
	enum { Q_URL, Q_SIZE, Q_ECC, Q_N };
	static const char *const keys[Q_N] = {"url", "size", "ecc"};
	static const char *const eccs[] = {"L", "M", "Q"};
	const struct ul_ypair *slot[Q_N];
	bool b;
	int ecc;

	if (absent(p))
		return;
	qr->pos = pos_of(p->value);
	if (boolean(p->value, &b) == 0) {
		qr->enabled = b;
		return;
	}
	if (p->value->kind != UL_YMAP) {
		err(c, p->value, "'qr' must be true, false or a mapping with "
		    "'url', 'size' or 'ecc'");
		return;
	}
	scan_keys(c, p->value, keys, Q_N, slot);
	if (!slot[Q_URL] && !slot[Q_SIZE] && !slot[Q_ECC]) {
		missing(c, p->value, "url", _("'qr'"));
		return;
	}
	qr->url = scalar(c, slot[Q_URL]);
	if (qr->url)
		qr_template(c, slot[Q_URL]->value, qr->url);
	if (!absent(slot[Q_SIZE])) {
		const char *sz = text(c, slot[Q_SIZE]);
		double v = sz ? length_mm(sz) : -1;
		char qb[64];
		if (sz && !(v >= UL_QR_SIZE_MIN && v <= UL_QR_SIZE_MAX))
			err(c, slot[Q_SIZE]->value, "QR 'size' must be a "
			    "length from %g to %g mm such as '24mm', not '%s'",
			    UL_QR_SIZE_MIN, UL_QR_SIZE_MAX,
			    ul_quoted(qb, sizeof(qb), sz));
		else if (sz)
			qr->size = v;
	}
	if (!absent(slot[Q_ECC]) &&
	    keyword(c, slot[Q_ECC], eccs, UL_NELEM(eccs),
		    _("QR error correction"), &ecc) == 0)
		qr->ecc = (enum ul_qr_ecc)(UL_QR_ECC_L + ecc);
	qr->enabled = true;
}

/*
 * per: table | person | workshop, or copies: N, on a deck or poster; only
 * one of the two.
 */
static void
quantity(struct ctx *c, const struct ul_ypair *per, const struct ul_ypair *copies,
	 struct ul_quantity *q)
{
	static const char *const pers[] = {"workshop", "table", "person"};
	int v;

	if (!absent(per) && !absent(copies)) {
		err(c, copies->key, "'per' and 'copies' both say how many sets "
		    "to print: keep one");
		return;
	}
	if (!absent(per)) {
		q->pos = pos_of(per->value);
		if (keyword(c, per, pers, UL_NELEM(pers), _("'per' value"), &v) == 0) {
			q->per = (enum ul_per)v;
			q->given = true;
		}
	} else if (!absent(copies)) {
		q->pos = pos_of(copies->value);
		if (number(c, copies, 1, 100, &q->copies) == 0) {
			q->per = UL_PER_WORKSHOP;
			q->given = true;
		}
	}
}

const char *
ul_per_name(enum ul_per p)
{
	static const char *const pers[] = {"workshop", "table", "person"};
	return (size_t)p < UL_NELEM(pers) ? pers[p] : "?";
}

/* Whether an icon names a file rather than a built-in pictogram. */
static bool
icon_is_path(const char *s)
{
	return strchr(s, '/') || strchr(s, '.');
}

static const char *
icon(struct ctx *c, const struct ul_ypair *p)
{
	const char *s = scalar(c, p);
	char qb[64];

	if (!s)
		return NULL;
	if (!*s) {
		err(c, p->value, "'icon' must not be empty");
		return NULL;
	}
	if (!icon_is_path(s))
		return s;
	if (s[0] == '/') {
		err(c, p->value, "icon path '%s' must be relative to the "
		    "definition's directory", ul_quoted(qb, sizeof(qb), s));
		return NULL;
	}
	for (const char *q = s; *q;) {
		size_t n = strcspn(q, "/");
		if (n == 2 && q[0] == '.' && q[1] == '.') {
			err(c, p->value, "icon path '%s' must not leave the "
			    "definition's directory ('..')",
			    ul_quoted(qb, sizeof(qb), s));
			return NULL;
		}
		q += n;
		while (*q == '/')
			q++;
	}
	return s;
}

/* What a list item is called in messages: "deck 'x'", or "deck 3". */
enum item_kind { IT_PHASE, IT_CARD, IT_FIELD, IT_DECK, IT_POSTER };

static const char *
what_of(char *buf, size_t size, enum item_kind kind, const char *id, size_t i)
{
	/* whole phrases, so that a translation can order and agree them */
#define WHAT(named, numbered) (id ? snprintf(buf, size, named, id) : \
			       snprintf(buf, size, numbered, i + 1))
	switch (kind) {
	case IT_PHASE: WHAT(_("phase '%s'"), _("phase %zu")); break;
	case IT_CARD: WHAT(_("card '%s'"), _("card %zu")); break;
	case IT_FIELD: WHAT(_("field '%s'"), _("field %zu")); break;
	case IT_DECK: WHAT(_("deck '%s'"), _("deck %zu")); break;
	case IT_POSTER: WHAT(_("poster '%s'"), _("poster %zu")); break;
	}
#undef WHAT
	return buf;
}

/* The id of a list item, for messages, before it is validated. */
static const char *
peek_id(const struct ul_ynode *map)
{
	const struct ul_ynode *v = ul_ymap_get(map, "id");

	if (v && v->kind == UL_YSCALAR && ul_id_valid(v->str))
		return v->str;
	return NULL;
}

/* A key that only some kinds take. */
static void
only_for(struct ctx *c, const struct ul_ypair *p, bool ok, const char *kinds)
{
	if (p && !ok)
		err(c, p->key, "'%s' only applies to %s", p->key->str, kinds);
}

/* phases */

enum { PH_ID, PH_TITLE, PH_MINUTES, PH_STEPS, PH_USES, PH_N };
static const char *const phase_keys[PH_N] = {
	"id", "title", "minutes", "steps", "uses",
};

static void
phase(struct ctx *c, const struct ul_ynode *map, size_t i,
      struct ul_phase *ph, struct idset *ids)
{
	const struct ul_ypair *k[PH_N];
	char wb[96];
	const char *what = what_of(wb, sizeof(wb), IT_PHASE, peek_id(map), i);

	ph->pos = pos_of(map);
	scan_keys(c, map, phase_keys, PH_N, k);
	ph->id = need_id(c, map, k[PH_ID], what);
	if (ph->id)
		idset_add(ids, ph->id, k[PH_ID]->value);
	ph->title = need_text(c, map, k[PH_TITLE], "title", what);
	if (!k[PH_MINUTES])
		missing(c, map, "minutes", what);
	else
		number(c, k[PH_MINUTES], 1, 600, &ph->minutes);
	strlist(c, k[PH_STEPS], &ph->steps);
	strlist_any(c, k[PH_USES], &ph->uses, false);
}

/* decks */

enum {
	CA_ID, CA_TITLE, CA_TEXT, CA_ICON, CA_QUESTIONS, CA_GOALS,
	CA_FRUSTRATIONS, CA_COPIES, CA_N
};
static const char *const card_keys[CA_N] = {
	"id", "title", "text", "icon", "questions", "goals", "frustrations",
	"copies",
};

static void
card(struct ctx *c, const struct ul_ynode *map, size_t i,
     enum ul_deck_kind kind, struct ul_card *cd, struct idset *ids)
{
	const struct ul_ypair *k[CA_N];
	char wb[96];
	const char *what = what_of(wb, sizeof(wb), IT_CARD, peek_id(map), i);

	cd->pos = pos_of(map);
	cd->copies = 1;
	scan_keys(c, map, card_keys, CA_N, k);
	cd->id = need_id(c, map, k[CA_ID], what);
	if (cd->id)
		idset_add(ids, cd->id, k[CA_ID]->value);
	cd->title = need_text(c, map, k[CA_TITLE], "title", what);
	cd->title_pos = pos_of(k[CA_TITLE] ? k[CA_TITLE]->value : NULL);
	cd->text = text(c, k[CA_TEXT]);
	cd->text_pos = pos_of(k[CA_TEXT] ? k[CA_TEXT]->value : NULL);
	cd->icon = icon(c, k[CA_ICON]);
	cd->icon_pos = pos_of(k[CA_ICON] ? k[CA_ICON]->value : NULL);
	strlist(c, k[CA_QUESTIONS], &cd->questions);
	only_for(c, k[CA_GOALS], kind == UL_DECK_PERSONA, _("persona cards"));
	only_for(c, k[CA_FRUSTRATIONS], kind == UL_DECK_PERSONA,
		 _("persona cards"));
	strlist(c, k[CA_GOALS], &cd->goals);
	strlist(c, k[CA_FRUSTRATIONS], &cd->frustrations);
	if (!absent(k[CA_COPIES]))
		number(c, k[CA_COPIES], 1, 100, &cd->copies);
}

enum { FI_ID, FI_LABEL, FI_LINES, FI_SCALE, FI_TICKS, FI_CHOOSE, FI_N };
static const char *const field_keys[FI_N] = {
	"id", "label", "lines", "scale", "ticks", "choose"
};
static const char *const choose_words[] = {"any", "one"};

/*
 * Tick-box options: texts people read beside the boxes and that come
 * back in results, so each must be told apart from the others (case
 * aside: a transcriber types "Moi" for "moi") and hold no '|', the
 * separator of ticked options in a results cell.
 */
static void
tick_options(struct ctx *c, const struct ul_ypair *p, struct ul_field *f)
{
	char qb[64];

	strlist_any(c, p, &f->ticks, false);
	if (p->value->kind == UL_YSEQ && p->value->n == 0)
		err(c, p->value, "'ticks' needs at least one option");
	if (f->ticks.n > UL_TICKS_MAX)
		err(c, p->value, "'ticks' has %zu options: at most %d fit a card "
		    "(split the question in two fields)", f->ticks.n,
		    UL_TICKS_MAX);
	for (size_t i = 0; i < f->ticks.n; i++) {
		const char *o = f->ticks.v[i];
		struct ul_ynode at = { .line = f->ticks.pos[i].line,
				       .col = f->ticks.pos[i].col };
		if (strchr(o, '|'))
			err(c, &at, "option '%s' holds '|', which separates the "
			    "ticked options in results", ul_quoted(qb, sizeof(qb), o));
		for (size_t j = 0; j < i; j++)
			if (ul_nfc_casecmp(o, f->ticks.v[j]) == 0) {
				err(c, &at, "duplicate option '%s' in 'ticks' "
				    "(first at line %d)", ul_quoted(qb, sizeof(qb), o),
				    f->ticks.pos[j].line);
				break;
			}
	}
}

static void
field(struct ctx *c, const struct ul_ynode *map, size_t i, struct ul_field *f,
      struct idset *ids)
{
	const struct ul_ypair *k[FI_N];
	char wb[96];
	const char *what = what_of(wb, sizeof(wb), IT_FIELD, peek_id(map), i);

	f->pos = pos_of(map);
	f->lines = 1;
	scan_keys(c, map, field_keys, FI_N, k);
	f->id = need_id(c, map, k[FI_ID], what);
	if (f->id)
		idset_add(ids, f->id, k[FI_ID]->value);
	f->label = need_text(c, map, k[FI_LABEL], "label", what);
	if (!absent(k[FI_LINES]))
		number(c, k[FI_LINES], 1, 12, &f->lines);
	if (!absent(k[FI_SCALE]))
		number(c, k[FI_SCALE], 2, 10, &f->scale);
	if (!absent(k[FI_LINES]) && !absent(k[FI_SCALE]))
		err(c, k[FI_SCALE]->key, "a field takes 'lines' or 'scale', "
		    "not both");
	if (!absent(k[FI_TICKS])) {
		/* boxes to tick are the whole answer: no lines, no circles */
		if (!absent(k[FI_LINES]) || !absent(k[FI_SCALE]))
			err(c, k[FI_TICKS]->key, "a field with 'ticks' takes "
			    "no '%s': its boxes are the answer",
			    !absent(k[FI_LINES]) ? "lines" : "scale");
		tick_options(c, k[FI_TICKS], f);
		f->lines = 0;
	}
	if (!absent(k[FI_CHOOSE])) {
		int one = 0;
		if (absent(k[FI_TICKS]))
			err(c, k[FI_CHOOSE]->key, "'choose' only applies to a "
			    "field with 'ticks'");
		else if (keyword(c, k[FI_CHOOSE], choose_words,
				 UL_NELEM(choose_words), "'choose'", &one) == 0) {
			f->choose_one = one == 1;
			if (f->choose_one && f->ticks.n == 1)
				err(c, k[FI_CHOOSE]->value, "'choose: one' needs "
				    "two options or more: with one box, "
				    "leave 'choose' out");
		}
	}
}

enum { BA_TITLE, BA_TEXT, BA_ICON, BA_N };
static const char *const back_keys[BA_N] = {"title", "text", "icon"};

static void
back(struct ctx *c, const struct ul_ypair *p, struct ul_back *b)
{
	const struct ul_ypair *k[BA_N];

	if (absent(p))
		return;
	b->pos = pos_of(p->value);
	if (!is_map(c, p->value, _("'back'")))
		return;
	scan_keys(c, p->value, back_keys, BA_N, k);
	b->title = text(c, k[BA_TITLE]);
	b->text = text(c, k[BA_TEXT]);
	b->icon = icon(c, k[BA_ICON]);
}

enum {
	DE_ID, DE_TITLE, DE_KIND, DE_SIZE, DE_COLOR, DE_BACK, DE_QR, DE_CARDS,
	DE_COUNT, DE_PREFIX, DE_FIRST, DE_FIELDS, DE_PER, DE_COPIES,
	DE_BILINGUAL, DE_N
};
static const char *const deck_keys[DE_N] = {
	"id", "title", "kind", "size", "color", "back", "qr", "cards",
	"count", "prefix", "first", "fields", "per", "copies", "bilingual",
};
/* In the order of enum ul_bilingual. */
static const char *const bilingual_modes[] = {"under", "single", "back"};
static const char *const deck_kinds[] = {"prompt", "persona", "write-in"};

static bool
valid_prefix(const char *s)
{
	size_t n = strlen(s);

	if (n < 1 || n > 8)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!(s[i] >= 'A' && s[i] <= 'Z') && !(s[i] >= '0' && s[i] <= '9'))
			return false;
	return true;
}

/* The default prefix: the first three letters or digits of the id. */
static const char *
default_prefix(struct ctx *c, const char *id)
{
	char p[4];
	size_t n = 0;

	for (; *id && n < 3; id++)
		if (isalnum((unsigned char)*id))
			p[n++] = (char)toupper((unsigned char)*id);
	p[n] = '\0';
	return n ? dup(c, p) : NULL;
}

static void
deck(struct ctx *c, const struct ul_ynode *map, size_t i, struct ul_deck *dk,
     struct idset *names)
{
	const struct ul_ypair *k[DE_N];
	const struct ul_ynode *list;
	char wb[96], qb[64];
	const char *what = what_of(wb, sizeof(wb), IT_DECK, peek_id(map), i);
	int kind = UL_DECK_PROMPT, kind2;

	dk->pos = pos_of(map);
	dk->size.w = 63;
	dk->size.h = 88;
	dk->size.name = "poker";
	dk->color = c->ws->theme.color;
	dk->first = 1;
	scan_keys(c, map, deck_keys, DE_N, k);
	dk->id = need_id(c, map, k[DE_ID], what);
	if (dk->id)
		idset_add(names, dk->id, k[DE_ID]->value);
	dk->title = need_text(c, map, k[DE_TITLE], "title", what);
	if (!absent(k[DE_KIND]) &&
	    keyword(c, k[DE_KIND], deck_kinds, UL_NELEM(deck_kinds),
		    _("deck kind"), &kind) < 0 && kind == UL_DECK_PROMPT &&
	    (k[DE_COUNT] || k[DE_FIELDS] || k[DE_PREFIX] || k[DE_FIRST]))
		kind = UL_DECK_WRITEIN;	/* no suggestion: guess from the keys */
	dk->kind = (enum ul_deck_kind)kind;
	size_key(c, k[DE_SIZE], CARD_MIN_MM, CARD_MAX_MM, &dk->size);
	color(c, k[DE_COLOR], &dk->color);
	back(c, k[DE_BACK], &dk->back);
	if (!dk->back.title)
		dk->back.title = dk->title;
	item_qr(c, k[DE_QR], &dk->qr);
	dk->sets.per = dk->kind == UL_DECK_WRITEIN ? UL_PER_WORKSHOP :
		       UL_PER_TABLE;
	quantity(c, k[DE_PER], k[DE_COPIES], &dk->sets);
	if (!absent(k[DE_BILINGUAL]) &&
	    keyword(c, k[DE_BILINGUAL], bilingual_modes,
		    UL_NELEM(bilingual_modes), _("bilingual layout"), &kind2) == 0) {
		dk->bilingual = (enum ul_bilingual)kind2;
		dk->bilingual_given = true;
	}
	if (!absent(k[DE_BACK]) && ul_deck_back_faces(c->ws, dk))
		warn(c, k[DE_BACK]->key, "'back' is not printed: with 'bilingual: "
		     "back' each card's back is the card in '%s'; remove 'back', "
		     "or print the deck 'under'", c->ws->langs[1]);

	bool writein = dk->kind == UL_DECK_WRITEIN;
	only_for(c, k[DE_CARDS], !writein, _("prompt and persona decks"));
	only_for(c, k[DE_COUNT], writein, _("write-in decks"));
	only_for(c, k[DE_PREFIX], writein, _("write-in decks"));
	only_for(c, k[DE_FIRST], writein, _("write-in decks"));
	only_for(c, k[DE_FIELDS], writein, _("write-in decks"));

	if (!writein) {
		struct idset ids = {0};
		list = maplist(c, k[DE_CARDS]);
		if (!list || list->n == 0) {
			if (!k[DE_CARDS] || list)
				err(c, k[DE_CARDS] ? k[DE_CARDS]->value : map,
				    "%s deck '%s' needs 'cards'",
				    deck_kinds[dk->kind],
				    dk->id ? dk->id : "?");
			return;
		}
		dk->cards = ul_arena_alloc(&c->ws->arena,
					   list->n * sizeof(*dk->cards));
		for (size_t j = 0; j < list->n; j++)
			if (is_map(c, list->items[j], _("a card")))
				card(c, list->items[j], j, dk->kind,
				     &dk->cards[dk->ncards++], &ids);
		idset_check(c, &ids, "card");
		idset_release(&ids);
		return;
	}

	/* write-in */
	if (!k[DE_COUNT])
		missing(c, map, "count", what);
	else
		number(c, k[DE_COUNT], 1, 10000, &dk->count);
	if (!absent(k[DE_FIRST]))
		number(c, k[DE_FIRST], 0, 999999, &dk->first);
	if (dk->count && dk->first + dk->count - 1 > 999999)
		err(c, k[DE_FIRST] ? k[DE_FIRST]->value : k[DE_COUNT]->value,
		    "serial numbers would go past 999999");
	dk->prefix = scalar(c, k[DE_PREFIX]);
	if (dk->prefix && !valid_prefix(dk->prefix)) {
		err(c, k[DE_PREFIX]->value, "bad prefix '%s': use 1 to 8 "
		    "capital letters or digits, e.g. 'FRI'",
		    ul_quoted(qb, sizeof(qb), dk->prefix));
		dk->prefix = NULL;
	}
	if (!dk->prefix && !k[DE_PREFIX] && dk->id)
		dk->prefix = default_prefix(c, dk->id);
	list = maplist(c, k[DE_FIELDS]);
	if (!list || list->n == 0) {
		if (!k[DE_FIELDS] || list)
			err(c, k[DE_FIELDS] ? k[DE_FIELDS]->value : map,
			    "write-in deck '%s' needs 'fields' (what people "
			    "write on the card)", dk->id ? dk->id : "?");
	} else {
		struct idset ids = {0};
		dk->fields = ul_arena_alloc(&c->ws->arena,
					    list->n * sizeof(*dk->fields));
		for (size_t j = 0; j < list->n; j++)
			if (is_map(c, list->items[j], _("a field")))
				field(c, list->items[j], j,
				      &dk->fields[dk->nfields++], &ids);
		idset_check(c, &ids, "field");
		idset_release(&ids);
	}
	/* Write-in cards carry their serial in a QR code when a URL applies. */
	if (!k[DE_QR] || ul_ynode_is_null(k[DE_QR]->value))
		dk->qr.enabled = true;
}

/* posters */

enum { ZO_TITLE, ZO_TEXT, ZO_N };
static const char *const zone_keys[ZO_N] = {"title", "text"};

static void
zone(struct ctx *c, const struct ul_ynode *n, size_t i, struct ul_zone *z)
{
	const struct ul_ypair *k[ZO_N];
	char wb[32];

	z->pos = pos_of(n);
	/* A zone can be just its title. */
	if (n->kind == UL_YSCALAR && !ul_ynode_is_null(n) && *n->str) {
		z->title = dup(c, n->str);
		return;
	}
	if (!is_map(c, n, _("a zone")))
		return;
	scan_keys(c, n, zone_keys, ZO_N, k);
	snprintf(wb, sizeof(wb), "zone %zu", i + 1);
	z->title = need_text(c, n, k[ZO_TITLE], "title", wb);
	z->text = text(c, k[ZO_TEXT]);
}

enum {
	PO_ID, PO_TITLE, PO_TEXT, PO_KIND, PO_SIZE, PO_COLOR, PO_QR,
	PO_COLUMNS, PO_ROWS, PO_ZONES, PO_ITEMS, PO_DOTS, PO_RECEIVES,
	PO_PER, PO_COPIES, PO_N
};
static const char *const poster_keys[PO_N] = {
	"id", "title", "text", "kind", "size", "color", "qr", "columns",
	"rows", "zones", "items", "dots", "receives", "per", "copies",
};
static const char *const poster_kinds[] = {
	"journey", "canvas", "vote", "agenda",
};

static void
need_list(struct ctx *c, const struct ul_ynode *map, const struct ul_ypair *p,
	  const struct ul_strlist *l, const char *key, const char *what)
{
	if (!p)
		missing(c, map, key, what);
	else if (l->n == 0 && (ul_ynode_is_null(p->value) ||
			       (p->value->kind == UL_YSEQ && p->value->n == 0)))
		err(c, p->value, "'%s' must list at least one item", key);
}

static void
poster(struct ctx *c, const struct ul_ynode *map, size_t i,
       struct ul_poster *po, struct idset *names)
{
	const struct ul_ypair *k[PO_N];
	char wb[96];
	const char *what = what_of(wb, sizeof(wb), IT_POSTER, peek_id(map), i);
	int kind = -1;

	po->pos = pos_of(map);
	po->size.w = 594;
	po->size.h = 841;
	po->size.name = "a1";
	po->color = c->ws->theme.color;
	scan_keys(c, map, poster_keys, PO_N, k);
	po->id = need_id(c, map, k[PO_ID], what);
	if (po->id)
		idset_add(names, po->id, k[PO_ID]->value);
	po->title = need_text(c, map, k[PO_TITLE], "title", what);
	po->text = text(c, k[PO_TEXT]);
	if (absent(k[PO_KIND]))
		err(c, k[PO_KIND] ? k[PO_KIND]->value : map,
		    "missing required key 'kind' in %s (journey, canvas, vote "
		    "or agenda)", what);
	else
		keyword(c, k[PO_KIND], poster_kinds, UL_NELEM(poster_kinds),
			_("poster kind"), &kind);
	po->kind = kind < 0 ? UL_POSTER_AGENDA : (enum ul_poster_kind)kind;
	size_key(c, k[PO_SIZE], POSTER_MIN_MM, POSTER_MAX_MM, &po->size);
	color(c, k[PO_COLOR], &po->color);
	item_qr(c, k[PO_QR], &po->qr);
	po->sets.per = kind == UL_POSTER_AGENDA ? UL_PER_WORKSHOP : UL_PER_TABLE;
	quantity(c, k[PO_PER], k[PO_COPIES], &po->sets);
	if (!absent(k[PO_RECEIVES])) {
		po->receives = text(c, k[PO_RECEIVES]);
		po->receives_pos = pos_of(k[PO_RECEIVES]->value);
	}
	if (kind < 0)
		return;	/* no kind to check against: it would only add noise */
	only_for(c, k[PO_RECEIVES], kind != UL_POSTER_AGENDA,
		 _("journey, canvas and vote posters"));

	only_for(c, k[PO_COLUMNS], kind == UL_POSTER_JOURNEY, _("journey posters"));
	only_for(c, k[PO_ROWS], kind == UL_POSTER_JOURNEY, _("journey posters"));
	only_for(c, k[PO_ZONES], kind == UL_POSTER_CANVAS, _("canvas posters"));
	only_for(c, k[PO_ITEMS], kind == UL_POSTER_VOTE, _("vote posters"));
	only_for(c, k[PO_DOTS], kind == UL_POSTER_VOTE, _("vote posters"));
	switch (kind) {
	case UL_POSTER_JOURNEY:
		strlist(c, k[PO_COLUMNS], &po->columns);
		strlist(c, k[PO_ROWS], &po->rows);
		need_list(c, map, k[PO_COLUMNS], &po->columns, "columns", what);
		need_list(c, map, k[PO_ROWS], &po->rows, "rows", what);
		break;
	case UL_POSTER_CANVAS: {
		const struct ul_ynode *list = maplist(c, k[PO_ZONES]);
		if (!k[PO_ZONES])
			missing(c, map, "zones", what);
		else if (list && list->n == 0)
			err(c, list, "'zones' must list at least one zone");
		else if (!list && ul_ynode_is_null(k[PO_ZONES]->value))
			err(c, k[PO_ZONES]->value,
			    "'zones' must list at least one zone");
		if (!list)
			break;
		po->zones = ul_arena_alloc(&c->ws->arena,
					   list->n * sizeof(*po->zones));
		for (size_t j = 0; j < list->n; j++)
			zone(c, list->items[j], j, &po->zones[po->nzones++]);
		break;
	}
	case UL_POSTER_VOTE:
		strlist(c, k[PO_ITEMS], &po->items);
		need_list(c, map, k[PO_ITEMS], &po->items, "items", what);
		if (!absent(k[PO_DOTS]))
			number(c, k[PO_DOTS], 1, 20, &po->dots);
		break;
	default:
		break;
	}
}

/* top level */

enum {
	W_UTILAB, W_ID, W_TITLE, W_SUMMARY, W_KIND, W_LANG, W_QUESTION,
	W_TERRITORY, W_PARTNERS, W_AUDIENCE, W_DATE, W_DURATION, W_THEME,
	W_QR, W_PHASES, W_DECKS, W_POSTERS, W_LANGS, W_BILINGUAL, W_LICENSE,
	W_AUTHORS, W_SOURCE, W_VERSION, W_N
};
static const char *const ws_keys[W_N] = {
	"utilab", "id", "title", "summary", "kind", "lang", "question",
	"territory", "partners", "audience", "date", "duration", "theme",
	"qr", "phases", "decks", "posters", "langs", "bilingual", "license",
	"authors", "source", "version",
};
static const char *const ws_kinds[] = {
	"besoins", "terrain", "ideation", "service", "autre",
};

static bool
valid_date(const char *s)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
				    30, 31};
	int y, m, d;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return false;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return false;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return false;
	return true;
}

enum { AU_WHO, AU_EXPECTED, AU_TABLES, AU_N };
static const char *const audience_keys[AU_N] = {"who", "expected", "tables"};
enum { TH_FONT, TH_COLOR, TH_INK, TH_PAPER, TH_N };
static const char *const theme_keys[TH_N] = {"font", "color", "ink", "paper"};

static void
audience(struct ctx *c, const struct ul_ypair *p)
{
	const struct ul_ypair *k[AU_N];
	struct ul_audience *a = &c->ws->audience;

	if (absent(p) || !is_map(c, p->value, _("'audience'")))
		return;
	scan_keys(c, p->value, audience_keys, AU_N, k);
	a->who = text(c, k[AU_WHO]);
	if (!absent(k[AU_EXPECTED]))
		number(c, k[AU_EXPECTED], 1, 10000, &a->expected);
	if (!absent(k[AU_TABLES]))
		number(c, k[AU_TABLES], 1, 500, &a->tables);
}

static void
theme(struct ctx *c, const struct ul_ypair *p)
{
	const struct ul_ypair *k[TH_N];
	struct ul_theme *t = &c->ws->theme;

	if (absent(p))
		return;
	t->pos = pos_of(p->value);
	if (!is_map(c, p->value, _("'theme'")))
		return;
	scan_keys(c, p->value, theme_keys, TH_N, k);
	if (k[TH_FONT]) {
		const char *f = scalar(c, k[TH_FONT]);
		if (f && !*f)
			err(c, k[TH_FONT]->value, "'font' must not be empty");
		else if (f)
			t->font = f;
	}
	color(c, k[TH_COLOR], &t->color);
	color(c, k[TH_INK], &t->ink);
	color(c, k[TH_PAPER], &t->paper);
}

/*
 * lang (the kit's language: run sheet, labels, reports) and langs (the
 * languages of the texts, the kit's first), under the one rule of
 * lib/lang. Read before any text, as texts are checked against langs.
 */
static void
languages(struct ctx *c, const struct ul_ypair *lang,
	  const struct ul_ypair *langs, const struct ul_ypair *bilingual)
{
	struct ul_workshop *ws = c->ws;
	struct ul_strlist ls;
	char qb[64];
	int mode;

	if (!absent(lang)) {
		const char *l = scalar(c, lang);
		const struct ul_lang *found = l ? ul_lang_find(l, true) : NULL;
		if (l && !ul_lang_tag_valid(l))
			err(c, lang->value, "'lang' must be a language tag such "
			    "as 'fr' or 'fr-BE', not '%s'",
			    ul_quoted(qb, sizeof(qb), l));
		else if (l && !found)
			err(c, lang->value, "unsupported language '%s' for "
			    "'lang': utilab prints its kits in %s%s",
			    ul_quoted(qb, sizeof(qb), l), ul_lang_list(true),
			    ul_lang_find(l, false) ? " (this one only in "
			    "'langs', for the texts of cards and posters)" : "");
		else if (l) {
			ws->lang = l;
			ws->language = found;
		}
	}
	ws->langs[0] = ws->lang;
	ws->languages[0] = ws->language;
	ws->nlangs = 1;
	strlist_any(c, langs, &ls, false);
	if (ls.n > UL_LANGS_MAX)
		err(c, langs->value, "'langs' lists %zu languages: at most %d",
		    ls.n, UL_LANGS_MAX);
	for (size_t i = 0; i < ls.n && i < UL_LANGS_MAX; i++) {
		const struct ul_lang *l = ul_lang_find(ls.v[i], false);
		const struct ul_ynode at = {.line = ls.pos[i].line,
					    .col = ls.pos[i].col};
		if (!l) {
			err(c, &at, "unsupported language '%s' in 'langs': use "
			    "%s", ul_quoted(qb, sizeof(qb), ls.v[i]),
			    ul_lang_list(false));
			continue;
		}
		if (i == 0 && l != ws->language && !absent(lang)) {
			err(c, &at, "'langs' must start with the kit's language "
			    "'%s' ('lang')", ws->lang);
			continue;
		}
		if (i == 0) {
			if (!l->kit)
				err(c, &at, "'langs' starts with '%s', but a kit "
				    "prints in %s: put one of those first",
				    ls.v[i], ul_lang_list(true));
			ws->lang = ws->langs[0] = ls.v[0];
			ws->language = ws->languages[0] = l;
			continue;
		}
		for (size_t j = 0; j < ws->nlangs; j++)
			if (ws->languages[j] == l) {
				err(c, &at, "'langs' lists '%s' twice", ls.v[i]);
				l = NULL;
				break;
			}
		if (l) {
			ws->langs[ws->nlangs] = ls.v[i];
			ws->languages[ws->nlangs++] = l;
		}
	}
	if (!absent(bilingual) &&
	    keyword(c, bilingual, bilingual_modes, UL_NELEM(bilingual_modes),
		    _("bilingual layout"), &mode) == 0)
		ws->bilingual = (enum ul_bilingual)mode;
	if (c->want_view) {
		const struct ul_lang *v = ul_lang_find(c->want_view, false);
		size_t i;
		for (i = 0; v && i < ws->nlangs; i++)
			if (ws->languages[i] == v)
				break;
		if (!v || i == ws->nlangs) {
			char lb[64];
			ul_diag_add(c->d, UL_ERROR, UL_EUSAGE, c->file, 0, 0,
				    "language '%s' is not among the workshop's "
				    "'langs' (%s)", c->want_view,
				    langs_list(c, lb, sizeof(lb)));
			c->errors++;
		} else
			ws->view = i;
		/* one language per kit: no deck prints another */
		ws->bilingual = UL_BILINGUAL_SINGLE;
		ws->one_view = true;
	}
}

/*
 * The SPDX ids of the licences workshops are published under, and the
 * common software ones a kit may borrow: a typo in a licence is a claim
 * nobody made, so unknown ids are refused (LicenseRef-… stays open).
 */
static const char *const spdx_ids[] = {
	"0BSD", "AGPL-3.0-only", "AGPL-3.0-or-later", "Apache-2.0",
	"BSD-2-Clause", "BSD-3-Clause", "CC-BY-1.0", "CC-BY-2.0",
	"CC-BY-2.5", "CC-BY-3.0", "CC-BY-4.0", "CC-BY-NC-4.0",
	"CC-BY-NC-ND-4.0", "CC-BY-NC-SA-4.0", "CC-BY-ND-4.0",
	"CC-BY-SA-2.0", "CC-BY-SA-3.0", "CC-BY-SA-4.0", "CC0-1.0",
	"EUPL-1.2", "GFDL-1.3-or-later", "GPL-2.0-only", "GPL-2.0-or-later",
	"GPL-3.0-only", "GPL-3.0-or-later", "LAL-1.3", "LGPL-2.1-or-later",
	"LGPL-3.0-or-later", "MIT", "MPL-2.0", "ODbL-1.0", "ODC-By-1.0",
	"OFL-1.1", "PDDL-1.0", "Unlicense",
};

char *
ul_strlist_join(const struct ul_strlist *l, const char *sep)
{
	struct ul_buf b;

	ul_buf_init(&b);
	ul_buf_adds(&b, "");
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			ul_buf_adds(&b, sep);
		ul_buf_adds(&b, l->v[i]);
	}
	return ul_buf_detach(&b);
}

char *
ul_commons_line(const struct ul_workshop *ws, const char *prefix)
{
	struct ul_buf b;
	bool any = false;

	if (!ws->authors.n && !ws->license && !ws->source && !ws->release)
		return NULL;
	ul_buf_init(&b);
	ul_buf_adds(&b, prefix ? prefix : "");
	for (size_t i = 0; i < ws->authors.n; i++) {
		ul_buf_adds(&b, i ? ", " : "");
		ul_buf_adds(&b, ws->authors.v[i]);
		any = true;
	}
	const char *parts[] = { ws->license, ws->source, ws->release };
	for (size_t i = 0; i < UL_NELEM(parts); i++)
		if (parts[i]) {
			ul_buf_adds(&b, any ? " · " : "");
			ul_buf_adds(&b, parts[i]);
			any = true;
		}
	return ul_buf_detach(&b);
}

bool
ul_spdx_known(const char *s)
{
	for (size_t i = 0; i < UL_NELEM(spdx_ids); i++)
		if (strcmp(s, spdx_ids[i]) == 0)
			return true;
	return strncmp(s, "LicenseRef-", 11) == 0 && s[11] != '\0' &&
	       strspn(s + 11, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		      "0123456789.-") == strlen(s + 11);
}

/* license, authors, source, version: the workshop as a commons. */
static void
commons(struct ctx *c, const struct ul_ypair *license,
	const struct ul_ypair *authors, const struct ul_ypair *source,
	const struct ul_ypair *version)
{
	struct ul_workshop *ws = c->ws;
	char hb[96], qb[64];
	const char *l = scalar(c, license);

	if (l && !ul_spdx_known(l)) {
		size_t n = 0;
		for (size_t i = 0; i < UL_NELEM(spdx_ids); i++)
			if (strcasecmp(l, spdx_ids[i]) == 0)
				n = i + 1;
		err(c, license->value, "unknown licence '%s'%s: write an SPDX "
		    "id such as 'CC-BY-SA-4.0', 'CC-BY-4.0' or 'CC0-1.0' "
		    "(https://spdx.org/licenses/), or 'LicenseRef-NAME'",
		    ul_quoted(qb, sizeof(qb), l),
		    n ? ul_hint(spdx_ids[n - 1], hb, sizeof(hb)) :
		    hint(c, hb, sizeof(hb), l, spdx_ids, UL_NELEM(spdx_ids)));
	} else
		ws->license = l;
	strlist_any(c, authors, &ws->authors, false);
	ws->source = scalar(c, source);
	ws->release = scalar(c, version);
	if (ws->source && strchr(ws->source, '\n'))
		err(c, source->value, "'source' must be one line");
	if (ws->release && strchr(ws->release, '\n'))
		err(c, version->value, "'version' must be one line");
}

static void
defaults(struct ul_workshop *ws)
{
	ws->lang = "fr";
	ws->language = ul_lang_fr();
	ws->langs[0] = "fr";
	ws->languages[0] = ws->language;
	ws->nlangs = 1;
	ws->kind = UL_WS_AUTRE;
	ws->theme.font = "Atkinson Hyperlegible";
	ul_color_parse(UL_PALETTE_ACCENT, &ws->theme.color);
	ul_color_parse(UL_PALETTE_INK, &ws->theme.ink);
	ul_color_parse(UL_PALETTE_PAPER, &ws->theme.paper);
}

/* uses: must name decks and posters; both share one namespace. */
static void
check_uses(struct ctx *c, const struct idset *names)
{
	const char **cand = NULL;
	char hb[96], qb[64];

	for (size_t i = 0; i < c->ws->nphases; i++) {
		const struct ul_strlist *u = &c->ws->phases[i].uses;
		for (size_t j = 0; j < u->n; j++) {
			if (idset_has(names, u->v[j]))
				continue;
			if (!cand) {
				cand = ul_xreallocarray(NULL, names->n + 1,
							sizeof(*cand));
				for (size_t k = 0; k < names->n; k++)
					cand[k] = names->v[k].id;
			}
			ul_error(c->d, c->file, u->pos[j].line, u->pos[j].col,
				 "'uses' names no deck or poster '%s'%s",
				 ul_quoted(qb, sizeof(qb), u->v[j]),
				 hint(c, hb, sizeof(hb), u->v[j], cand,
				      names->n));
			c->errors++;
		}
	}
	free(cand);
}

static void
build(struct ctx *c, const struct ul_ynode *root)
{
	struct ul_workshop *ws = c->ws;
	const struct ul_ypair *k[W_N];
	const struct ul_ynode *list;
	struct idset names = {0}, phase_ids = {0};
	char qb[64];
	int kind;

	if (root->kind != UL_YMAP) {
		err(c, root, "a workshop definition must be a mapping of keys "
		    "(utilab, id, title…), not %s",
		    root->kind == UL_YSCALAR ? "text" : "a list");
		return;
	}
	scan_keys(c, root, ws_keys, W_N, k);

	if (!k[W_UTILAB])
		err(c, root, "missing required key 'utilab' (the format "
		    "version: write 'utilab: 1' first)");
	else if (number(c, k[W_UTILAB], 0, 1000000, &ws->version) == 0 &&
		 ws->version != UL_FORMAT_VERSION)
		err(c, k[W_UTILAB]->value, "unsupported format version %d "
		    "(this utilab reads 'utilab: %d')", ws->version,
		    UL_FORMAT_VERSION);
	ws->id = need_id(c, root, k[W_ID], NULL);
	languages(c, k[W_LANG], k[W_LANGS], k[W_BILINGUAL]);
	commons(c, k[W_LICENSE], k[W_AUTHORS], k[W_SOURCE], k[W_VERSION]);
	ws->title = need_text(c, root, k[W_TITLE], "title", NULL);
	ws->summary = text(c, k[W_SUMMARY]);
	if (ws->summary && strchr(ws->summary, '\n'))
		err(c, k[W_SUMMARY]->value, "'summary' must be one line");
	if (!absent(k[W_KIND]) &&
	    keyword(c, k[W_KIND], ws_kinds, UL_NELEM(ws_kinds),
		    _("workshop kind"), &kind) == 0)
		ws->kind = (enum ul_ws_kind)kind;
	ws->question = text(c, k[W_QUESTION]);
	ws->territory = text(c, k[W_TERRITORY]);
	strlist(c, k[W_PARTNERS], &ws->partners);
	audience(c, k[W_AUDIENCE]);
	ws->date = scalar(c, k[W_DATE]);
	if (ws->date && !valid_date(ws->date)) {
		err(c, k[W_DATE]->value, "'date' must be a date written "
		    "YYYY-MM-DD that exists, not '%s'",
		    ul_quoted(qb, sizeof(qb), ws->date));
		ws->date = NULL;
	}
	if (!absent(k[W_DURATION]))
		number(c, k[W_DURATION], 1, 10080, &ws->duration);
	theme(c, k[W_THEME]);
	ws_qr(c, k[W_QR]);

	if ((list = maplist(c, k[W_PHASES]))) {
		ws->phases = ul_arena_alloc(&ws->arena,
					    list->n * sizeof(*ws->phases));
		for (size_t i = 0; i < list->n; i++)
			if (is_map(c, list->items[i], _("a phase")))
				phase(c, list->items[i], i,
				      &ws->phases[ws->nphases++], &phase_ids);
	}
	if ((list = maplist(c, k[W_DECKS]))) {
		ws->decks = ul_arena_alloc(&ws->arena,
					   list->n * sizeof(*ws->decks));
		for (size_t i = 0; i < list->n; i++)
			if (is_map(c, list->items[i], _("a deck")))
				deck(c, list->items[i], i,
				     &ws->decks[ws->ndecks++], &names);
	}
	if ((list = maplist(c, k[W_POSTERS]))) {
		ws->posters = ul_arena_alloc(&ws->arena,
					     list->n * sizeof(*ws->posters));
		for (size_t i = 0; i < list->n; i++)
			if (is_map(c, list->items[i], _("a poster")))
				poster(c, list->items[i], i,
				       &ws->posters[ws->nposters++], &names);
	}

	idset_check(c, &phase_ids, "phase");
	idset_check(c, &names, "deck or poster");
	check_uses(c, &names);
	for (size_t i = 0; i < ws->nposters; i++) {
		const struct ul_poster *po = &ws->posters[i];
		if (po->receives && !ul_workshop_deck(ws, po->receives))
			ul_error(c->d, c->file, po->receives_pos.line,
				 po->receives_pos.col, "'receives' names no "
				 "deck '%s'", ul_quoted(qb, sizeof(qb),
						     po->receives));
	}
	idset_release(&phase_ids);
	idset_release(&names);

	/* A QR code asked for explicitly needs a URL template to fill. */
	for (size_t i = 0; i < ws->ndecks; i++) {
		struct ul_deck *dk = &ws->decks[i];
		if (dk->qr.enabled && !dk->qr.url && !ws->qr.url) {
			if (dk->kind == UL_DECK_WRITEIN && dk->qr.pos.line == 0)
				dk->qr.enabled = false;	/* default: no URL */
			else
				ul_error(c->d, c->file, dk->qr.pos.line,
					 dk->qr.pos.col, "'qr' is on but no "
					 "URL template applies: add 'qr: {url: "
					 "…}' here or at the top");
		}
	}
	for (size_t i = 0; i < ws->nposters; i++) {
		struct ul_poster *po = &ws->posters[i];
		if (po->qr.enabled && !po->qr.url && !ws->qr.url)
			ul_error(c->d, c->file, po->qr.pos.line,
				 po->qr.pos.col, "'qr' is on but no URL "
				 "template applies: add 'qr: {url: …}' here "
				 "or at the top");
	}

	if (ws->duration && ws->nphases) {
		int total = ul_workshop_minutes(ws);
		if (total != ws->duration)
			warn(c, k[W_DURATION]->value, "the phases add up to %d "
			     "minutes but 'duration' says %d", total,
			     ws->duration);
	}
}

static char *
dirname_of(struct ul_arena *a, const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return ul_arena_strdup(a, ".");
	if (slash == path)
		return ul_arena_strdup(a, "/");
	return ul_arena_strndup(a, path, (size_t)(slash - path));
}

static void
init(struct ul_workshop *ws, const char *file)
{
	memset(ws, 0, sizeof(*ws));
	ul_arena_init(&ws->arena);
	ws->file = file;
	ws->dir = dirname_of(&ws->arena, file);
	defaults(ws);
}

/* Build the model, then let the tree go: every string is in the arena. */
static int
cmp_tr(const void *pa, const void *pb)
{
	uintptr_t a = (uintptr_t)((const struct ul_tr *)pa)->key;
	uintptr_t b = (uintptr_t)((const struct ul_tr *)pb)->key;

	return a < b ? -1 : a > b;
}

static int
finish(struct ul_workshop *ws, struct ul_ydoc *doc, const char *src, size_t len,
       const char *view, struct ul_diags *d)
{
	struct ctx c = {
		.ws = ws, .d = d, .file = ws->file,
		.suggest_budget = SUGGEST_BUDGET, .src = src, .srclen = len,
		.want_view = view,
	};
	size_t before = d->errors;

	build(&c, doc->root);
	ul_ydoc_release(doc);
	free(c.line_at);
	/* looked up by pointer: sorted once, found by binary search */
	if (ws->ntr)
		qsort(ws->tr, ws->ntr, sizeof(*ws->tr), cmp_tr);
	return d->errors > before ? -1 : 0;
}

int
ul_workshop_parse(struct ul_workshop *ws, const char *file, const char *data,
		  size_t len, struct ul_diags *d)
{
	struct ul_ydoc doc;

	init(ws, file);
	if (ul_yaml_parse(&doc, file, data, len, &ul_ylimits_definition,
			  d) < 0)
		return -1;
	return finish(ws, &doc, data, len, NULL, d);
}

int
ul_workshop_load_view(struct ul_workshop *ws, const char *path,
		      const char *view, struct ul_diags *d)
{
	bool in = strcmp(path, "-") == 0;
	char *src = NULL;
	size_t len = 0;
	int rc;
	struct ul_ydoc doc;

	init(ws, ul_diag_input_name(path));
	if (in)
		ws->dir = ".";
	if (ul_yaml_load_source(&doc, path, &ul_ylimits_definition, d,
				&src, &len) < 0) {
		free(src);
		return -1;
	}
	rc = finish(ws, &doc, src, len, view, d);
	free(src);
	return rc;
}

int
ul_workshop_load(struct ul_workshop *ws, const char *path, struct ul_diags *d)
{
	return ul_workshop_load_view(ws, path, NULL, d);
}

const char *
ul_workshop_text(const struct ul_workshop *ws, const char *s, size_t i)
{
	size_t lo = 0, hi = ws->ntr;

	if (!s || i >= ws->nlangs)
		return s;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ws->tr[mid].key == s)
			return ws->tr[mid].v[i];
		if ((uintptr_t)ws->tr[mid].key < (uintptr_t)s)
			lo = mid + 1;
		else
			hi = mid;
	}
	return s;
}

/* A pictogram given as a file (lib/icon's rule), joined to ws->dir. */
static void
icon_file(const struct ul_workshop *ws, const char *icon,
	  void (*fn)(void *, const char *), void *ctx)
{
	if (!icon || !ul_icon_is_path(icon))
		return;
	char *path = icon[0] == '/' || !ws->dir ? ul_xstrdup(icon) :
		     ul_xasprintf("%s/%s", ws->dir, icon);
	fn(ctx, path);
	free(path);
}

void
ul_workshop_each_file(const struct ul_workshop *ws,
		      void (*fn)(void *ctx, const char *path), void *ctx)
{
	if (ws->file)
		fn(ctx, ws->file);
	for (size_t i = 0; i < ws->ndecks; i++) {
		const struct ul_deck *d = &ws->decks[i];
		icon_file(ws, d->back.icon, fn, ctx);
		for (size_t k = 0; k < d->ncards; k++)
			icon_file(ws, d->cards[k].icon, fn, ctx);
	}
}

void
ul_workshop_release(struct ul_workshop *ws)
{
	ul_arena_release(&ws->arena);
	free(ws->tr);
	ws->tr = NULL;
	ws->ntr = 0;
	ws->phases = NULL;
	ws->decks = NULL;
	ws->posters = NULL;
	ws->nphases = ws->ndecks = ws->nposters = 0;
}

const struct ul_deck *
ul_workshop_deck(const struct ul_workshop *ws, const char *id)
{
	for (size_t i = 0; i < ws->ndecks; i++)
		if (ul_streq(ws->decks[i].id, id))
			return &ws->decks[i];
	return NULL;
}

enum ul_bilingual
ul_deck_bilingual(const struct ul_workshop *ws, const struct ul_deck *dk)
{
	if (ws->nlangs < 2 || ws->one_view)
		return UL_BILINGUAL_SINGLE;
	return dk->bilingual_given ? dk->bilingual : ws->bilingual;
}

bool
ul_deck_back_faces(const struct ul_workshop *ws, const struct ul_deck *dk)
{
	return dk->kind != UL_DECK_WRITEIN &&
	       ul_deck_bilingual(ws, dk) == UL_BILINGUAL_BACK;
}

const struct ul_poster *
ul_workshop_poster(const struct ul_workshop *ws, const char *id)
{
	for (size_t i = 0; i < ws->nposters; i++)
		if (ul_streq(ws->posters[i].id, id))
			return &ws->posters[i];
	return NULL;
}

int
ul_workshop_minutes(const struct ul_workshop *ws)
{
	int total = 0;

	for (size_t i = 0; i < ws->nphases; i++)
		total += ws->phases[i].minutes;
	return total;
}

const char *
ul_ws_kind_name(enum ul_ws_kind k)
{
	return (size_t)k < UL_NELEM(ws_kinds) ? ws_kinds[k] : "?";
}

const char *
ul_deck_kind_name(enum ul_deck_kind k)
{
	return (size_t)k < UL_NELEM(deck_kinds) ? deck_kinds[k] : "?";
}

const char *
ul_poster_kind_name(enum ul_poster_kind k)
{
	return (size_t)k < UL_NELEM(poster_kinds) ? poster_kinds[k] : "?";
}

/* A decimal number of millimetres: digits, optionally '.' and digits. */
static const char *
mm(const char *s, double *out)
{
	const char *p = s;
	double v = 0, scale = 1;

	if (!isdigit((unsigned char)*p))
		return NULL;
	for (; isdigit((unsigned char)*p) && p - s < 6; p++)
		v = v * 10 + (*p - '0');
	if (*p == '.' || *p == ',') {
		p++;
		if (!isdigit((unsigned char)*p))
			return NULL;
		for (int n = 0; isdigit((unsigned char)*p); p++, n++)
			if (n < 4)
				v += (*p - '0') * (scale /= 10);
	}
	*out = v;
	return p;
}

int
ul_size_parse(const char *s, double min, double max, struct ul_size *out,
	      const char **why)
{
	const struct ul_named_size *named = ul_size_named(s, UL_SIZE_TRIM);
	double w = 0, h = 0;
	const char *p;

	if (named) {
		w = named->w;
		h = named->h;
	} else {
		if (!(p = mm(s, &w)) || (*p != 'x' && *p != 'X') ||
		    !(p = mm(p + 1, &h)) || strcmp(p, "mm") != 0) {
			*why = "unknown size";
			return -1;
		}
	}
	if (w < min || h < min || w > max || h > max) {
		*why = "out of bounds";
		return -1;
	}
	out->w = w;
	out->h = h;
	out->name = s;
	return 0;
}

static int
hexval(int ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

int
ul_color_parse(const char *s, struct ul_color *out)
{
	size_t n = strlen(s);
	int v[6];

	if (s[0] != '#' || (n != 4 && n != 7))
		return -1;
	for (size_t i = 1; i < n; i++)
		if ((v[i - 1] = hexval((unsigned char)s[i])) < 0)
			return -1;
	if (n == 4) {
		out->r = v[0] * 17 / 255.0;
		out->g = v[1] * 17 / 255.0;
		out->b = v[2] * 17 / 255.0;
	} else {
		out->r = (v[0] * 16 + v[1]) / 255.0;
		out->g = (v[2] * 16 + v[3]) / 255.0;
		out->b = (v[4] * 16 + v[5]) / 255.0;
	}
	out->text = s;
	return 0;
}

const char *
ul_qr_template(const struct ul_workshop *ws, const struct ul_qr *qr)
{
	if (!qr->enabled)
		return NULL;
	return qr->url ? qr->url : ws->qr.url;
}

int
ul_qr_scheme_check(const char *t)
{
	static const char *const ok[] = {
		"https://", "http://", "mailto:", "tel:",
	};

	for (size_t i = 0; i < UL_NELEM(ok); i++) {
		size_t n = strlen(ok[i]);
		if (strncasecmp(t, ok[i], n) != 0)
			continue;
		/* A web address names a host: "https://" alone, or "https:///x", is not one. */
		if (ok[i][n - 1] == '/' && (t[n] == '\0' || t[n] == '/' ||
					     t[n] == '?' || t[n] == '#'))
			return -1;
		return t[n] ? 0 : -1;
	}
	return -1;
}

const char *const ul_qr_placeholders[] = {
	"workshop", "deck", "card", "serial", "lang", "version", NULL
};

int
ul_qr_template_check(const char *t, size_t *bad)
{
	const char *const *names = ul_qr_placeholders;

	for (size_t i = 0; t[i]; i++) {
		if (t[i] == '}') {
			*bad = i;
			return -1;
		}
		if (t[i] != '{')
			continue;
		size_t n = strcspn(t + i + 1, "{}");
		bool known = false;
		if (t[i + 1 + n] == '}')
			for (size_t k = 0; names[k]; k++)
				if (strlen(names[k]) == n &&
				    strncmp(t + i + 1, names[k], n) == 0)
					known = true;
		if (!known) {
			*bad = i;
			return -1;
		}
		i += n + 1;
	}
	return 0;
}

void
ul_serial(const struct ul_deck *dk, int number, char *buf, size_t size)
{
	snprintf(buf, size, "%s-%03d", dk->prefix ? dk->prefix : "", number);
}
