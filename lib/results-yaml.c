/* SPDX-License-Identifier: ISC */
/*
 * Results in the utilab-results YAML (utilab-results(5)), parsed through
 * lib/yamlload with the results limits: a header (workshop, session,
 * table) and a list of items, each handed on as a struct ul_record. An
 * item that cannot be read (unknown key, a list where text belongs) is
 * handed on with the reason, to be quarantined.
 * Part of the results readers (lib/results-int.h).
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "intl.h"
#include "nfc.h"
#include "results-int.h"
#include "yamlload.h"
#include "ykeys.h"

static const char *const item_keys[] = {
	"type", "serial", "sequence", "stage", "text", "fields", "votes",
	"tags", "answers", "session", "table",
	/* enum ul_rattr, in its order */
	"title", "poster", "item", "verdict", "service", "for", "roles",
	"needs", "cost", "test",
};
/* Where the attributes start in item_keys. */
#define ATTR_KEYS 11
static const char *const top_keys[] = {
	"utilab-results", "workshop", "session", "table", "items",
};

/* What one item's reading needs beyond the record (lists grow here). */
struct yitem {
	const char **tags, **answers;
	size_t tcap, acap, fcap;
	struct ul_rfield *fields;
	struct ul_arena *arena;
	char reason[200];
};

static const char *
scalar(const struct ul_ynode *n)
{
	if (!n || n->kind != UL_YSCALAR || ul_ynode_is_null(n) || n->len == 0)
		return NULL;
	return n->str;
}

/* s in NFC: itself when it is, else a copy in the document's arena. */
static const char *
nfc(struct ul_arena *a, const char *s)
{
	if (!s || ul_nfc_quick(s, strlen(s)))
		return s;
	char *n = ul_nfc_dup(s);
	if (!n)
		return s;
	const char *r = ul_arena_strdup(a, n);
	free(n);
	return r;
}

/* A text of the document, in NFC. */
static const char *
text(struct ul_arena *a, const struct ul_ynode *n)
{
	return nfc(a, scalar(n));
}

static void
push(const char ***v, size_t *n, size_t *cap, const char *s)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		*v = ul_xreallocarray(*v, *cap, sizeof(**v));
	}
	(*v)[(*n)++] = s;
}

/* One scalar split on '|' or ',', each part trimmed. */
static void
split_scalar(const char *str, const char ***v, size_t *cnt, size_t *cap,
	     struct ul_arena *a)
{
	char sep = strchr(str, '|') ? '|' : ',';
	const char *p = str;

	for (;;) {
		const char *e = strchr(p, sep);
		size_t len = e ? (size_t)(e - p) : strlen(p);
		while (len && isspace((unsigned char)*p))
			p++, len--;
		while (len && isspace((unsigned char)p[len - 1]))
			len--;
		if (len)
			push(v, cnt, cap, nfc(a, ul_arena_strndup(a, p, len)));
		if (!e)
			break;
		p = e + 1;
	}
}

/* A list of scalars, or one scalar split on '|' or ','. */
static const char *
ylist(const struct ul_ynode *n, const char ***v, size_t *cnt, size_t *cap,
      struct ul_arena *a)
{
	*cnt = 0;
	if (!n || ul_ynode_is_null(n))
		return NULL;
	if (n->kind == UL_YMAP)
		return _("is a mapping, not a list");
	if (n->kind == UL_YSCALAR) {
		split_scalar(n->str, v, cnt, cap, a);
		return NULL;
	}
	for (size_t i = 0; i < n->n; i++) {
		const char *s = text(a, n->items[i]);
		if (n->items[i]->kind != UL_YSCALAR)
			return _("holds a list or mapping, not text");
		if (s)
			push(v, cnt, cap, s);
	}
	return NULL;
}

static int
check_top(const struct ul_ynode *root, const char *file, struct ul_diags *diags)
{
	int errs = 0;

	errs += (int)ul_ykeys_check(root, top_keys, UL_NELEM(top_keys), NULL,
				    file, NULL, NULL, diags);
	const struct ul_ynode *v = ul_ymap_get(root, "utilab-results");
	if (!v) {
		ul_error(diags, file, root->line, root->col, "missing 'utilab-results: 1'");
		errs++;
	} else if (!scalar(v) || strcmp(v->str, "1") != 0) {
		ul_error(diags, file, v->line, v->col,
			 "unsupported 'utilab-results' version '%s' (expected 1)",
			 scalar(v) ? v->str : "");
		errs++;
	}
	return errs;
}

/* The header's workshop, session and table, which every item inherits. */
static int
read_heads(const struct ul_ynode *root, const char *file, struct ul_record *base,
	   struct ul_arena *a, struct ul_diags *diags)
{
	static const char *const heads[] = { "workshop", "session", "table" };
	const char **slots[] = { &base->workshop, &base->session, &base->table };
	int errs = 0;

	for (size_t k = 0; k < UL_NELEM(heads); k++) {
		const struct ul_ynode *v = ul_ymap_get(root, heads[k]);
		if (v && v->kind != UL_YSCALAR) {
			ul_error(diags, file, v->line, v->col, "'%s' must be text, not a %s",
				 heads[k], ul_ykind_name(v->kind));
			errs++;
		} else
			*slots[k] = text(a, v);
	}
	return errs;
}

/* Unknown keys, and lists or mappings where text belongs. */
static void
check_item_keys(const struct ul_ynode *it, struct ul_record *rec, struct yitem *y)
{
	for (size_t p = 0; p < it->n && !rec->reject; p++) {
		const struct ul_ynode *k = it->pairs[p].key, *val = it->pairs[p].value;
		size_t t = ul_ykey_index(k->str, item_keys, UL_NELEM(item_keys));
		if (t == UL_NELEM(item_keys)) {
			ul_ykey_message(y->reason, sizeof(y->reason), k->str, NULL,
					item_keys, UL_NELEM(item_keys), true);
			rec->reject = y->reason;
			rec->line = k->line;
		} else if (strcmp(k->str, "fields") != 0 && strcmp(k->str, "tags") != 0 &&
			   strcmp(k->str, "answers") != 0 &&
			   !(t >= ATTR_KEYS && ul_rattr_is_list(t - ATTR_KEYS)) &&
			   val->kind != UL_YSCALAR) {
			snprintf(y->reason, sizeof(y->reason), _("'%s' must be text, not a %s"),
				 k->str, ul_ykind_name(val->kind));
			rec->reject = y->reason;
			rec->line = val->line;
		}
	}
}

/* The record's first reason to be quarantined (fmt: English, translated). */
static void reject_once(struct ul_record *rec, struct yitem *y,
			const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void
reject_once(struct ul_record *rec, struct yitem *y, const char *fmt, ...)
{
	va_list ap;

	if (rec->reject)
		return;
	va_start(ap, fmt);
	vsnprintf(y->reason, sizeof(y->reason), _(fmt), ap);
	va_end(ap);
	rec->reject = y->reason;
}

static void
read_fields(const struct ul_ynode *v, struct ul_record *rec, struct yitem *y)
{
	if (!v || ul_ynode_is_null(v))
		return;
	if (v->kind != UL_YMAP) {
		reject_once(rec, y, "'fields' must be a mapping, not a %s",
			    ul_ykind_name(v->kind));
		return;
	}
	for (size_t p = 0; p < v->n; p++) {
		const struct ul_ynode *fv = v->pairs[p].value;
		if (fv->kind != UL_YSCALAR) {
			char name[64];
			snprintf(name, sizeof(name), "%.*s", UL_CUT(v->pairs[p].key->str, 60));
			reject_once(rec, y, "field '%s' must be text, not a %s",
				    name, ul_ykind_name(fv->kind));
			continue;
		}
		if (!scalar(fv))
			continue;
		if (rec->nfields == y->fcap) {
			y->fcap = y->fcap ? y->fcap * 2 : 8;
			y->fields = ul_xreallocarray(y->fields, y->fcap, sizeof(*y->fields));
		}
		y->fields[rec->nfields].name = nfc(y->arena, v->pairs[p].key->str);
		y->fields[rec->nfields++].value = nfc(y->arena, fv->str);
	}
}

/*
 * The later workshops' keys (enum ul_rattr): text, or for roles and needs
 * a list too, kept as one text with '|' between the values as a CSV cell
 * holds it, so every reader hands the merge the same thing.
 */
static void
read_attrs(const struct ul_ynode *it, struct ul_record *rec, struct yitem *y)
{
	for (int a = 0; a < UL_RA_N; a++) {
		const struct ul_ynode *v = ul_ymap_get(it, ul_rattr_name(a));
		if (!v || ul_ynode_is_null(v))
			continue;
		if (v->kind == UL_YSCALAR) {
			rec->attr[a] = scalar(v);
			continue;
		}
		const char **vals = NULL;
		size_t n = 0, cap = 0, len = 0;
		const char *why = ylist(v, &vals, &n, &cap, y->arena);
		if (why)
			reject_once(rec, y, "'%s' %s", ul_rattr_name(a), why);
		for (size_t i = 0; i < n; i++)
			len += strlen(vals[i]) + 3;
		if (n && !why) {
			char *joined = ul_arena_alloc(y->arena, len + 1), *o = joined;
			for (size_t i = 0; i < n; i++)
				o += sprintf(o, "%s%s", i ? " | " : "", vals[i]);
			rec->attr[a] = joined;
		}
		free(vals);
	}
}

/* One item of the list, as a record (rejected when it cannot be read). */
static void
read_item(const struct ul_ynode *it, struct ul_record *rec, struct yitem *y)
{
	const char *why;

	if (it->kind != UL_YMAP) {
		snprintf(y->reason, sizeof(y->reason), "%s",
			 it->kind == UL_YSEQ ? _("item is a list, not a mapping") :
			 _("item is text, not a mapping"));
		rec->reject = y->reason;
		return;
	}
	check_item_keys(it, rec, y);
	struct ul_arena *a = y->arena;
	rec->type = text(a, ul_ymap_get(it, "type"));
	rec->serial = text(a, ul_ymap_get(it, "serial"));
	rec->sequence = text(a, ul_ymap_get(it, "sequence"));
	rec->stage = text(a, ul_ymap_get(it, "stage"));
	rec->text = text(a, ul_ymap_get(it, "text"));
	rec->votes = text(a, ul_ymap_get(it, "votes"));
	if (scalar(ul_ymap_get(it, "session")))
		rec->session = text(a, ul_ymap_get(it, "session"));
	if (scalar(ul_ymap_get(it, "table")))
		rec->table = text(a, ul_ymap_get(it, "table"));
	if ((why = ylist(ul_ymap_get(it, "tags"), &y->tags, &rec->ntags, &y->tcap, y->arena)))
		reject_once(rec, y, "'tags' %s", why);
	if ((why = ylist(ul_ymap_get(it, "answers"), &y->answers, &rec->nanswers,
			 &y->acap, y->arena)))
		reject_once(rec, y, "'answers' %s", why);
	rec->tags = y->tags;
	rec->answers = y->answers;
	read_fields(ul_ymap_get(it, "fields"), rec, y);
	rec->fields = y->fields;
	read_attrs(it, rec, y);
}

static int
read_items(const struct ul_ynode *items, const struct ul_record *base,
	   struct ul_arena *arena, ul_record_fn fn, void *ctx, struct ul_rsource *src)
{
	struct yitem y;
	int ret = 0;

	memset(&y, 0, sizeof(y));
	y.arena = arena;
	for (size_t i = 0; items && items->kind == UL_YSEQ && i < items->n && !ret; i++) {
		const struct ul_ynode *it = items->items[i];
		struct ul_record rec = *base;
		rec.line = it->line;
		src->records++;
		read_item(it, &rec, &y);
		if (fn(ctx, &rec) < 0)
			ret = -1;
	}
	free(y.tags);
	free(y.answers);
	free(y.fields);
	return ret;
}

int
results_read_yaml(const char *data, size_t len, ul_record_fn fn, void *ctx,
		  struct ul_rsource *src, struct ul_diags *diags)
{
	struct ul_ydoc doc;
	const struct ul_ynode *root, *items;
	struct ul_record base;
	int ret = -1, errs;

	free(src->format);
	src->format = ul_xstrdup("yaml");
	if (ul_yaml_parse(&doc, src->file, data, len, &ul_ylimits_results, diags) < 0) {
		ul_ydoc_release(&doc);
		return -1;
	}
	root = doc.root;
	if (!root || root->kind != UL_YMAP) {
		ul_error(diags, src->file, root ? root->line : 0, root ? root->col : 0,
			 "results must be a mapping with 'utilab-results: 1'");
		goto done;
	}
	memset(&base, 0, sizeof(base));
	base.file = src->file;
	errs = check_top(root, src->file, diags);
	errs += read_heads(root, src->file, &base, &doc.arena, diags);
	items = ul_ymap_get(root, "items");
	if (items && !ul_ynode_is_null(items) && items->kind != UL_YSEQ) {
		ul_error(diags, src->file, items->line, items->col,
			 "'items' must be a list, not a %s", ul_ykind_name(items->kind));
		errs++;
	}
	if (!errs)
		ret = read_items(items, &base, &doc.arena, fn, ctx, src);
done:
	ul_ydoc_release(&doc);
	return ret;
}
