/* SPDX-License-Identifier: ISC */
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

#include "input.h"
#include "intl.h"
#include "util.h"
#include "yamlload.h"

const struct ul_ylimits ul_ylimits_definition = {
	.max_bytes = 1 << 20,
	.max_depth = 32,
	.max_scalar = 64 << 10,
	.max_nodes = 200000,
};

/*
 * A node costs about 100 bytes in the tree: a million of them (some 50000
 * items, far more than a table writes in a workshop) stay near 100 MB.
 */
const struct ul_ylimits ul_ylimits_results = {
	.max_bytes = (size_t)256 << 20,
	.max_depth = 32,
	.max_scalar = 1 << 20,
	.max_nodes = 1000000,
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
	char quote[64];		/* see shorten() */
};

/*
 * Stands in for what was refused (an alias, a non-scalar key) so that the
 * tree stays well-formed while the parse goes on to find more errors.
 * Compared by address: never reported as a duplicate key.
 */
static char placeholder[] = "";

static void
pos(const yaml_mark_t *m, int *line, int *col)
{
	*line = (int)m->line + 1;
	*col = (int)m->column + 1;
}

static int verr(struct loader *l, int line, int col, const char *fmt,
		va_list ap) __attribute__((format(printf, 4, 0)));

static int
verr(struct loader *l, int line, int col, const char *fmt, va_list ap)
{
	ul_diag_vadd(l->diags, UL_ERROR, UL_EDATA, l->file, line, col, fmt, ap);
	l->errors++;
	return -1;
}

static int
err_at(struct loader *l, const yaml_mark_t *m, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int
err_node(struct loader *l, const struct ul_ynode *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
err_at(struct loader *l, const yaml_mark_t *m, const char *fmt, ...)
{
	va_list ap;
	int line, col;

	pos(m, &line, &col);
	va_start(ap, fmt);
	verr(l, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

static int
err_node(struct loader *l, const struct ul_ynode *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verr(l, n->line, n->col, fmt, ap);
	va_end(ap);
	return -1;
}

/*
 * A subject for a message: keys, anchors and tags can be 64 KiB long or
 * hold line breaks, and a diagnostic must stay one short line. The result
 * lives in the loader until the next call.
 */
static const char *
shorten(struct loader *l, const char *s)
{
	size_t n = 0, max = sizeof(l->quote) - sizeof("…");

	while (s[n] && n < max)
		n++;
	if (s[n]) {
		/* Cut on a character boundary. */
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	for (size_t i = 0; i < n; i++)
		l->quote[i] = (unsigned char)s[i] < 0x20 ? ' ' : s[i];
	strcpy(l->quote + n, s[n] ? "…" : "");
	return l->quote;
}

/*
 * Line and column as libyaml counts them, so that positions found here
 * and positions libyaml reports agree: CR LF, CR, LF, NEL, LS and PS end
 * a line, a column is a character, and a leading byte order mark is not
 * part of the first line.
 */
void
ul_yaml_position(const char *data, size_t len, size_t offset, int *line,
		 int *col)
{
	const unsigned char *s = (const unsigned char *)data;
	int ln = 1, c = 1;
	size_t i = 0;

	if (offset > len)
		offset = len;
	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0 && offset >= 3)
		i = 3;
	while (i < offset) {
		unsigned char ch = s[i];
		size_t w = 1;
		bool brk = false;

		if (ch == '\n')
			brk = true;
		else if (ch == '\r')
			brk = !(i + 1 < len && s[i + 1] == '\n');
		else if (ch == 0xc2 && i + 1 < len && s[i + 1] == 0x85)
			brk = true, w = 2;
		else if (ch == 0xe2 && i + 2 < len && s[i + 1] == 0x80 &&
			 (s[i + 2] == 0xa8 || s[i + 2] == 0xa9))
			brk = true, w = 3;
		if (brk) {
			ln++;
			c = 1;
		} else if ((ch & 0xc0) != 0x80)
			c++;
		i += w;
	}
	*line = ln;
	*col = c;
}

/* The characters YAML 1.1 (and so libyaml) accepts in a stream. */
static bool
printable(uint32_t c)
{
	return c == 0x09 || c == 0x0a || c == 0x0d ||
	       (c >= 0x20 && c <= 0x7e) || c == 0x85 ||
	       (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) ||
	       (c >= 0x10000 && c <= 0x10ffff);
}

/*
 * libyaml reports encoding errors with a raw byte offset and control
 * characters with a terse message and no character; checking first gives a
 * line:col and the culprit. The set refused is exactly libyaml's, so that
 * no input reaches libyaml's reader errors.
 */
static int
check_bytes(struct loader *l, const char *data, size_t len)
{
	size_t start = 0, bad;
	const char *p, *end = data + len;
	int line, col;

	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		start = 3;
	bad = ul_utf8_invalid(data + start, len - start);
	if (bad != (size_t)-1) {
		ul_yaml_position(data, len, start + bad, &line, &col);
		ul_error(l->diags, l->file, line, col,
			 "invalid UTF-8 byte 0x%02x (save the file as UTF-8)",
			 (unsigned char)data[start + bad]);
		l->errors++;
		return -1;
	}
	for (p = data + start; p < end;) {
		const char *at = p;
		uint32_t c = (unsigned char)*p;
		/* Most bytes are printable ASCII: one comparison each. */
		if (c >= 0x20 && c < 0x7f) {
			p++;
			continue;
		}
		if (c < 0x80)
			p++;
		else
			c = ul_utf8_next(&p);
		if (printable(c))
			continue;
		ul_yaml_position(data, len, (size_t)(at - data), &line, &col);
		ul_error(l->diags, l->file, line, col,
			 "control character U+%04X is not allowed", (unsigned)c);
		l->errors++;
		return -1;
	}
	return 0;
}

/*
 * Escapes in double-quoted text ("\0", "\e", "\x01") can still put control
 * characters in a value; the first one found, or (uint32_t)-1.
 */
static uint32_t
scalar_control(const char *s, size_t len)
{
	const char *p = s, *end = s + len;

	while (p < end) {
		uint32_t c = (unsigned char)*p < 0x80 ?
			(unsigned char)*p++ : ul_utf8_next(&p);
		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f && c != 0x85))
			return c;
	}
	return (uint32_t)-1;
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
	size_t n = 0;

	if (map->n < 2)
		return;
	sorted = ul_xreallocarray(NULL, map->n, sizeof(*sorted));
	for (size_t i = 0; i < map->n; i++)
		if (map->pairs[i].key->str != placeholder)
			sorted[n++] = map->pairs[i];
	qsort(sorted, n, sizeof(*sorted), cmp_pair_key);
	for (size_t i = 1, first = 0; i < n; i++) {
		if (strcmp(sorted[i].key->str, sorted[first].key->str) != 0) {
			first = i;
			continue;
		}
		err_node(l, sorted[i].key, "duplicate key '%s' (first at line %d)",
			 shorten(l, sorted[i].key->str),
			 sorted[first].key->line);
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

static struct ul_ynode *
new_placeholder(struct loader *l, const struct ul_ynode *at)
{
	struct ul_ynode *k = ul_arena_alloc(&l->doc->arena, sizeof(*k));

	k->kind = UL_YSCALAR;
	k->line = at->line;
	k->col = at->col;
	k->str = placeholder;
	k->plain = true;
	return k;
}

/* Errors are positioned at the node's start, whatever event completed it. */
static void
attach(struct loader *l, struct ul_ynode *n)
{
	struct level *parent;

	if (l->depth == 0) {
		l->doc->root = n;
		return;
	}
	parent = &l->stack[l->depth - 1];
	if (parent->node->kind == UL_YMAP && parent->n % 2 == 0) {
		if (n->kind != UL_YSCALAR) {
			err_node(l, n, "a key must be plain text, not a %s",
				 ul_ykind_name(n->kind));
			n = new_placeholder(l, n);
		} else if (n->plain && strcmp(n->str, "<<") == 0)
			err_node(l, n, "merge keys ('<<') are not supported: "
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
		       "repeat the content instead",
		       shorten(l, (const char *)anchor));
	if (tag)
		err_at(l, m, "tags are not supported ('%s')",
		       shorten(l, (const char *)tag));
}

static void
on_scalar(struct loader *l, yaml_event_t *ev)
{
	const yaml_mark_t *m = &ev->start_mark;
	const char *value = (const char *)ev->data.scalar.value;
	size_t len = ev->data.scalar.length;
	struct ul_ynode *n;
	uint32_t c;

	check_props(l, ev->data.scalar.anchor, ev->data.scalar.tag, m);
	if (len > l->lim->max_scalar) {
		err_at(l, m, "text too long (%zu bytes, limit %zu)", len,
		       l->lim->max_scalar);
		l->fatal = true;
		return;
	}
	/*
	 * Raw control characters were refused before parsing: only escapes,
	 * so only double-quoted text, can hold one now.
	 */
	c = ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE ?
		scalar_control(value, len) : (uint32_t)-1;
	if (c == 0)
		err_at(l, m, "text contains a NUL character");
	else if (c != (uint32_t)-1)
		err_at(l, m, "text contains control character U+%04X",
		       (unsigned)c);
	n = new_node(l, UL_YSCALAR, m);
	if (!n)
		return;
	n->str = ul_arena_strndup(&l->doc->arena, value, len);
	n->len = strlen(n->str);
	n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	attach(l, n);
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
on_end(struct loader *l)
{
	struct level *lv = &l->stack[--l->depth];

	finish_collection(l, lv);
	attach(l, lv->node);
}

static void
on_alias(struct loader *l, yaml_event_t *ev)
{
	struct ul_ynode *n;

	err_at(l, &ev->start_mark, "aliases are not supported ('*%s'): "
	       "repeat the content instead",
	       shorten(l, (const char *)ev->data.alias.anchor));
	n = new_node(l, UL_YSCALAR, &ev->start_mark);
	if (!n)
		return;
	n->str = placeholder;
	n->plain = true;
	attach(l, n);
}

/*
 * libyaml's own messages (its scanner's and parser's "problem" and
 * "context" strings, as of libyaml 0.2.5), listed only for xgettext: they
 * are translated where printed, and one not listed prints as libyaml
 * wrote it.
 */
static const char *const libyaml_messages[] __attribute__((unused)) = {
	N_("block sequence entries are not allowed in this context"),
	N_("control characters are not allowed"),
	N_("could not find expected ':'"),
	N_("did not find expected ',' or ']'"),
	N_("did not find expected ',' or '}'"),
	N_("did not find expected '-' indicator"),
	N_("did not find expected <document start>"),
	N_("did not find expected alphabetic or numeric character"),
	N_("did not find expected comment or line break"),
	N_("did not find expected hexdecimal number"),
	N_("did not find expected key"),
	N_("did not find expected node content"),
	N_("did not find expected whitespace or line break"),
	N_("found a tab character that violates indentation"),
	N_("found a tab character where an indentation space is expected"),
	N_("found an incorrect leading UTF-8 octet"),
	N_("found an incorrect trailing UTF-8 octet"),
	N_("found character that cannot start any token"),
	N_("found invalid Unicode character escape code"),
	N_("found undefined alias"),
	N_("found undefined tag handle"),
	N_("found unexpected ':'"),
	N_("found unexpected document indicator"),
	N_("found unexpected end of stream"),
	N_("found unknown escape character"),
	N_("invalid leading UTF-8 octet"),
	N_("invalid trailing UTF-8 octet"),
	N_("invalid Unicode character"),
	N_("mapping values are not allowed in this context"),
	N_("while parsing a block collection"),
	N_("while parsing a block mapping"),
	N_("while parsing a block node"),
	N_("while parsing a flow mapping"),
	N_("while parsing a flow node"),
	N_("while parsing a flow sequence"),
	N_("while parsing a node"),
	N_("while scanning a block scalar"),
	N_("while scanning a plain scalar"),
	N_("while scanning a quoted scalar"),
	N_("while scanning a simple key"),
	N_("while scanning an alias"),
	N_("while scanning an anchor"),
	N_("while scanning a tag"),
	N_("while scanning for the next token"),
};

static void
syntax_error(struct loader *l, yaml_parser_t *p)
{
	const char *problem = p->problem ? _(p->problem) : _("syntax error");

	if (p->error == YAML_READER_ERROR) {
		/* Encoding trouble that check_bytes did not catch. */
		int line, col;
		ul_yaml_position(l->data, l->len, p->problem_offset, &line,
				 &col);
		ul_error(l->diags, l->file, line, col, "%s", problem);
		l->errors++;
		return;
	}
	/* Not the file's fault: the run stops as it does for our own allocations. */
	if (p->error == YAML_MEMORY_ERROR)
		ul_oom();
	/* "did not find expected key while parsing a block mapping …" */
	if (p->context)
		err_at(l, &p->problem_mark, "%s %s (started at line %zu)",
		       problem, _(p->context), (size_t)p->context_mark.line + 1);
	else
		err_at(l, &p->problem_mark, "%s", problem);
}

/*
 * libyaml builds a whole scalar before it returns its event, so a 200 MB
 * text would cost its size (and more) before on_scalar() could refuse it.
 * The parser is therefore fed in small pieces, and the bytes fed since the
 * last event are counted: more than a scalar at its limit can take
 * written out (escapes, indentation: 8 bytes a byte) plus a margin, and
 * the parse stops there, with memory still small.
 */
struct feed {
	const unsigned char *data;
	size_t len, pos;
	size_t since_event, max_gap;
	bool tripped;
};

#define FEED_CHUNK 65536

static int
feed_read(void *closure, unsigned char *buf, size_t size, size_t *got)
{
	struct feed *f = closure;
	size_t n = f->len - f->pos;

	if (f->since_event > f->max_gap) {
		f->tripped = true;
		return 0;
	}
	if (n > size)
		n = size;
	if (n > FEED_CHUNK)
		n = FEED_CHUNK;
	memcpy(buf, f->data + f->pos, n);
	f->pos += n;
	f->since_event += n;
	*got = n;
	return 1;
}

int
ul_yaml_parse(struct ul_ydoc *doc, const char *file, const char *data,
	      size_t len, const struct ul_ylimits *lim, struct ul_diags *diags)
{
	struct feed feed = {
		.data = (const unsigned char *)data, .len = len,
		.max_gap = 8 * lim->max_scalar + (1u << 20),
	};
	yaml_mark_t last_end = { 0, 0, 0 };
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
		ul_error(diags, file, 1, 1,
			 "file too large (%zu bytes, limit %zu)", len,
			 lim->max_bytes);
		return -1;
	}
	if (check_bytes(&l, data, len) < 0)
		return -1;

	l.stack = ul_xcalloc(lim->max_depth + 1, sizeof(*l.stack));
	/* It fails only when its buffers cannot be allocated. */
	if (!yaml_parser_initialize(&parser))
		ul_oom();
	/*
	 * No yaml_parser_set_encoding(): left to detect the encoding, libyaml
	 * skips a UTF-8 byte order mark without counting it as a column.
	 * check_bytes has already refused anything that is not UTF-8.
	 */
	yaml_parser_set_input(&parser, feed_read, &feed);
	while (!done && !l.fatal) {
		if (!yaml_parser_parse(&parser, &ev)) {
			if (feed.tripped)
				err_at(&l, &last_end, "text too long (over "
				       "%zu bytes without an end, limit %zu "
				       "for a text)", feed.max_gap,
				       lim->max_scalar);
			else
				syntax_error(&l, &parser);
			break;
		}
		feed.since_event = 0;
		last_end = ev.end_mark;
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
			on_alias(&l, &ev);
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
			on_end(&l);
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
	return ul_yaml_load_source(doc, path, lim, diags, NULL, NULL);
}

int
ul_yaml_load_source(struct ul_ydoc *doc, const char *path,
		    const struct ul_ylimits *lim, struct ul_diags *diags,
		    char **source, size_t *source_len)
{
	const char *name = ul_diag_input_name(path);
	struct ul_text_scan nul;
	char *data;
	size_t len;
	int r;

	memset(doc, 0, sizeof(*doc));
	doc->file = name;
	if (ul_read_text(path, lim->max_bytes, NULL, &data, &len, &nul) < 0)
		return ul_text_input_error(diags, name, errno, lim->max_bytes, &nul);
	r = ul_yaml_parse(doc, name, data, len, lim, diags);
	if (source) {
		*source = data;
		*source_len = len;
	} else
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
	/*
	 * TRANSLATORS: a YAML node's kind, in "'x' must be text, not a %s":
	 * translate with the article the sentence needs ("une liste").
	 */
	switch (k) {
	case UL_YSEQ:
		return _("list");
	case UL_YMAP:
		return _("mapping");
	default:
		return _("text");
	}
}
