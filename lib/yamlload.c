/*
 * YAML loader: libyaml events into a positioned tree, under limits.
 * libyaml 0.2.5's document loader has no depth limit and is quadratic on
 * hostile input, so we never use it: events are checked one by one and the
 * tree is built here, where every limit can stop the parse at once.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "util.h"
#include "yamlload.h"

const struct ul_ylimits ul_ylimits_definition = {
	.max_bytes = 1 << 20,
	.max_depth = 32,
	.max_scalar = 64 << 10,
	.max_nodes = 200000,
};

const struct ul_ylimits ul_ylimits_results = {
	.max_bytes = (size_t)256 << 20,
	.max_depth = 32,
	.max_scalar = 1 << 20,
	.max_nodes = 20000000,
};

/* An open collection while its children are being read. */
struct level {
	struct ul_ynode *node;
	struct ul_ynode **kids;	/* for a mapping: key, value, key, value… */
	size_t n, cap;
};

struct loader {
	struct ul_ydoc *doc;
	const struct ul_ylimits *lim;
	struct ul_diags *diags;
	const char *file;
	const char *data;
	size_t len;
	struct level *stack;
	size_t depth;
	size_t nodes;
	int errors;
	bool fatal;
};

static void
pos(const yaml_mark_t *m, int *line, int *col)
{
	*line = (int)m->line + 1;
	*col = (int)m->column + 1;
}

static int
err_at(struct loader *l, const yaml_mark_t *m, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
err_at(struct loader *l, const yaml_mark_t *m, const char *fmt, ...)
{
	va_list ap;
	int line, col;

	pos(m, &line, &col);
	va_start(ap, fmt);
	ul_diag_vadd(l->diags, UL_ERROR, UL_EDATA, l->file, line, col, fmt, ap);
	va_end(ap);
	l->errors++;
	return -1;
}

void
ul_yaml_position(const char *data, size_t len, size_t offset, int *line,
		 int *col)
{
	int ln = 1, c = 1;

	if (offset > len)
		offset = len;
	for (size_t i = 0; i < offset; i++) {
		unsigned char ch = (unsigned char)data[i];
		if (ch == '\n') {
			ln++;
			c = 1;
		} else if ((ch & 0xc0) != 0x80)
			c++;
	}
	*line = ln;
	*col = c;
}

/*
 * libyaml reports encoding errors with a raw byte offset and control bytes
 * with a terse message; checking first gives a line:col a person can use.
 */
static int
check_bytes(struct loader *l, const char *data, size_t len)
{
	size_t start = 0, bad;
	int line, col;

	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		start = 3;
	bad = ul_utf8_invalid(data + start, len - start);
	if (bad != (size_t)-1) {
		ul_yaml_position(data, len, start + bad, &line, &col);
		ul_error(l->diags, l->file, line, col,
			 "invalid UTF-8 byte 0x%02x (save the file as UTF-8)",
			 (unsigned char)data[start + bad]);
		return -1;
	}
	for (size_t i = start; i < len; i++) {
		unsigned char ch = (unsigned char)data[i];
		bool ctl = (ch < 0x20 && ch != '\t' && ch != '\n' &&
			    ch != '\r') || ch == 0x7f;
		/* C1 controls, U+0080..U+009F except NEL, encode as C2 80..9F. */
		if (ch == 0xc2 && i + 1 < len &&
		    (unsigned char)data[i + 1] >= 0x80 &&
		    (unsigned char)data[i + 1] <= 0x9f &&
		    (unsigned char)data[i + 1] != 0x85)
			ctl = true, ch = (unsigned char)data[i + 1];
		if (ctl) {
			ul_yaml_position(data, len, i, &line, &col);
			ul_error(l->diags, l->file, line, col,
				 "control character 0x%02x is not allowed",
				 ch);
			return -1;
		}
	}
	return 0;
}

static struct ul_ynode *
new_node(struct loader *l, enum ul_ykind kind, const yaml_mark_t *m)
{
	struct ul_ynode *n;

	if (++l->nodes > l->lim->max_nodes) {
		err_at(l, m, "too many nodes (limit %zu)", l->lim->max_nodes);
		l->fatal = true;
		return NULL;
	}
	n = ul_arena_alloc(&l->doc->arena, sizeof(*n));
	n->kind = kind;
	pos(m, &n->line, &n->col);
	return n;
}

static int
cmp_pair_key(const void *pa, const void *pb)
{
	const struct ul_ypair *a = pa, *b = pb;
	int c = strcmp(a->key->str, b->key->str);

	if (c)
		return c;
	if (a->key->line != b->key->line)
		return a->key->line < b->key->line ? -1 : 1;
	return a->key->col < b->key->col ? -1 : a->key->col > b->key->col;
}

/*
 * Duplicate keys: sort a copy of the pairs by key, then position, so each
 * later duplicate is reported once, naming the first, in O(n log n).
 */
static void
check_duplicates(struct loader *l, const struct ul_ynode *map)
{
	struct ul_ypair *sorted;

	if (map->n < 2)
		return;
	sorted = ul_xreallocarray(NULL, map->n, sizeof(*sorted));
	memcpy(sorted, map->pairs, map->n * sizeof(*sorted));
	qsort(sorted, map->n, sizeof(*sorted), cmp_pair_key);
	for (size_t i = 1, first = 0; i < map->n; i++) {
		if (strcmp(sorted[i].key->str, sorted[first].key->str) != 0) {
			first = i;
			continue;
		}
		ul_error(l->diags, l->file, sorted[i].key->line,
			 sorted[i].key->col,
			 "duplicate key '%s' (first at line %d)",
			 sorted[i].key->str, sorted[first].key->line);
		l->errors++;
	}
	free(sorted);
}

static void
finish_collection(struct loader *l, struct level *lv)
{
	struct ul_ynode *n = lv->node;

	if (n->kind == UL_YSEQ) {
		n->n = lv->n;
		n->items = ul_arena_alloc(&l->doc->arena,
					  lv->n * sizeof(*n->items));
		if (lv->n)
			memcpy(n->items, lv->kids, lv->n * sizeof(*n->items));
	} else {
		n->n = lv->n / 2;
		n->pairs = ul_arena_alloc(&l->doc->arena,
					  n->n * sizeof(*n->pairs));
		for (size_t i = 0; i < n->n; i++) {
			n->pairs[i].key = lv->kids[2 * i];
			n->pairs[i].value = lv->kids[2 * i + 1];
		}
		check_duplicates(l, n);
	}
	free(lv->kids);
	lv->kids = NULL;
}

static void
attach(struct loader *l, struct ul_ynode *n, const yaml_mark_t *m)
{
	struct level *parent;

	if (l->depth == 0) {
		l->doc->root = n;
		return;
	}
	parent = &l->stack[l->depth - 1];
	if (parent->node->kind == UL_YMAP && parent->n % 2 == 0) {
		if (n->kind != UL_YSCALAR) {
			err_at(l, m, "a key must be plain text, not a %s",
			       ul_ykind_name(n->kind));
			/* Keep the tree well-formed: a placeholder key. */
			struct ul_ynode *k = new_node(l, UL_YSCALAR, m);
			if (!k)
				return;
			k->str = ul_arena_strdup(&l->doc->arena, "?");
			n = k;
		} else if (n->plain && strcmp(n->str, "<<") == 0)
			err_at(l, m, "merge keys ('<<') are not supported: "
			       "write the keys out");
	}
	if (parent->n == parent->cap) {
		parent->cap = parent->cap ? parent->cap * 2 : 8;
		parent->kids = ul_xreallocarray(parent->kids, parent->cap,
						sizeof(*parent->kids));
	}
	parent->kids[parent->n++] = n;
}

/* Anchors and tags are refused by policy; the node is still built. */
static void
check_props(struct loader *l, const yaml_char_t *anchor, const yaml_char_t *tag,
	    const yaml_mark_t *m)
{
	if (anchor)
		err_at(l, m, "anchors are not supported ('&%s'): "
		       "repeat the content instead", (const char *)anchor);
	if (tag)
		err_at(l, m, "tags are not supported ('%s')",
		       (const char *)tag);
}

static void
on_scalar(struct loader *l, yaml_event_t *ev)
{
	const yaml_mark_t *m = &ev->start_mark;
	size_t len = ev->data.scalar.length;
	struct ul_ynode *n;

	check_props(l, ev->data.scalar.anchor, ev->data.scalar.tag, m);
	if (len > l->lim->max_scalar) {
		err_at(l, m, "text too long (%zu bytes, limit %zu)", len,
		       l->lim->max_scalar);
		l->fatal = true;
		return;
	}
	if (memchr(ev->data.scalar.value, '\0', len))
		err_at(l, m, "text contains a NUL character");
	n = new_node(l, UL_YSCALAR, m);
	if (!n)
		return;
	n->str = ul_arena_strndup(&l->doc->arena,
				  (const char *)ev->data.scalar.value, len);
	n->len = strlen(n->str);
	n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	attach(l, n, m);
}

static void
on_start(struct loader *l, yaml_event_t *ev, enum ul_ykind kind)
{
	const yaml_mark_t *m = &ev->start_mark;
	struct ul_ynode *n;

	if (kind == UL_YSEQ)
		check_props(l, ev->data.sequence_start.anchor,
			    ev->data.sequence_start.tag, m);
	else
		check_props(l, ev->data.mapping_start.anchor,
			    ev->data.mapping_start.tag, m);
	if (l->depth >= l->lim->max_depth) {
		err_at(l, m, "nested too deeply (limit %zu levels)",
		       l->lim->max_depth);
		l->fatal = true;
		return;
	}
	n = new_node(l, kind, m);
	if (!n)
		return;
	memset(&l->stack[l->depth], 0, sizeof(l->stack[l->depth]));
	l->stack[l->depth++].node = n;
}

static void
on_end(struct loader *l, yaml_event_t *ev)
{
	struct level *lv = &l->stack[--l->depth];

	finish_collection(l, lv);
	attach(l, lv->node, &ev->start_mark);
}

static void
syntax_error(struct loader *l, yaml_parser_t *p)
{
	yaml_mark_t m = p->problem_mark;
	const char *problem = p->problem ? p->problem : "syntax error";

	if (p->error == YAML_READER_ERROR) {
		/* Encoding trouble that check_bytes did not catch. */
		int line, col;
		ul_yaml_position(l->data, l->len, p->problem_offset, &line,
				 &col);
		ul_error(l->diags, l->file, line, col, "%s", problem);
		l->errors++;
		return;
	}
	if (p->context)
		err_at(l, &m, "%s %s (line %zu)", problem, p->context,
		       (size_t)p->context_mark.line + 1);
	else
		err_at(l, &m, "%s", problem);
}

int
ul_yaml_parse(struct ul_ydoc *doc, const char *file, const char *data,
	      size_t len, const struct ul_ylimits *lim, struct ul_diags *diags)
{
	struct loader l = {
		.doc = doc, .lim = lim, .diags = diags, .file = file,
		.data = data, .len = len,
	};
	yaml_parser_t parser;
	yaml_event_t ev;
	int docs = 0;
	bool done = false;

	memset(doc, 0, sizeof(*doc));
	doc->file = file;
	ul_arena_init(&doc->arena);
	if (len > lim->max_bytes) {
		ul_error(diags, file, 0, 0,
			 "file too large (%zu bytes, limit %zu)", len,
			 lim->max_bytes);
		return -1;
	}
	if (check_bytes(&l, data, len) < 0)
		return -1;

	l.stack = ul_xcalloc(lim->max_depth + 1, sizeof(*l.stack));
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	while (!done && !l.fatal) {
		if (!yaml_parser_parse(&parser, &ev)) {
			syntax_error(&l, &parser);
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1) {
				err_at(&l, &ev.start_mark,
				       "several documents in one file "
				       "(only one is allowed)");
				l.fatal = true;
			}
			break;
		case YAML_ALIAS_EVENT:
			err_at(&l, &ev.start_mark,
			       "aliases are not supported ('*%s'): "
			       "repeat the content instead",
			       (const char *)ev.data.alias.anchor);
			/* A placeholder keeps mappings paired. */
			{
				struct ul_ynode *n = new_node(&l, UL_YSCALAR,
							      &ev.start_mark);
				if (n) {
					n->str = ul_arena_strdup(&doc->arena, "");
					n->plain = true;
					attach(&l, n, &ev.start_mark);
				}
			}
			break;
		case YAML_SCALAR_EVENT:
			on_scalar(&l, &ev);
			break;
		case YAML_SEQUENCE_START_EVENT:
			on_start(&l, &ev, UL_YSEQ);
			break;
		case YAML_MAPPING_START_EVENT:
			on_start(&l, &ev, UL_YMAP);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			on_end(&l, &ev);
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	while (l.depth > 0)
		free(l.stack[--l.depth].kids);
	free(l.stack);

	if (!l.errors && (!doc->root || ul_ynode_is_null(doc->root))) {
		int line, col;
		ul_yaml_position(data, len, len, &line, &col);
		ul_error(diags, file, line, col, "empty document");
		l.errors++;
	}
	if (l.errors) {
		ul_ydoc_release(doc);
		doc->file = file;
		return -1;
	}
	return 0;
}

int
ul_yaml_load(struct ul_ydoc *doc, const char *path,
	     const struct ul_ylimits *lim, struct ul_diags *diags)
{
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	char *data;
	size_t len;
	int r;

	memset(doc, 0, sizeof(*doc));
	doc->file = name;
	if (ul_read_file(path, lim->max_bytes, &data, &len) < 0) {
		if (errno == EFBIG)
			ul_error(diags, name, 0, 0,
				 "file too large (limit %zu bytes)",
				 lim->max_bytes);
		else
			ul_diag_add(diags, UL_ERROR, UL_ENOINPUT, name, 0, 0,
				    "cannot read: %s", strerror(errno));
		return -1;
	}
	r = ul_yaml_parse(doc, name, data, len, lim, diags);
	free(data);
	return r;
}

void
ul_ydoc_release(struct ul_ydoc *doc)
{
	ul_arena_release(&doc->arena);
	doc->root = NULL;
}

struct ul_ynode *
ul_ymap_get(const struct ul_ynode *map, const char *key)
{
	if (!map || map->kind != UL_YMAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++)
		if (strcmp(map->pairs[i].key->str, key) == 0)
			return map->pairs[i].value;
	return NULL;
}

bool
ul_ynode_is_null(const struct ul_ynode *n)
{
	if (!n || n->kind != UL_YSCALAR || !n->plain)
		return false;
	return n->len == 0 || strcmp(n->str, "~") == 0 ||
	       strcmp(n->str, "null") == 0 || strcmp(n->str, "Null") == 0 ||
	       strcmp(n->str, "NULL") == 0;
}

const char *
ul_ykind_name(enum ul_ykind k)
{
	switch (k) {
	case UL_YSEQ:
		return "list";
	case UL_YMAP:
		return "mapping";
	default:
		return "text";
	}
}
