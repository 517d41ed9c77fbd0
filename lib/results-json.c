/* SPDX-License-Identifier: ISC */
/*
 * Results in JSON: a list of objects, one record each, such as Decidim's
 * JSON export of proposals. Every object is flattened the way Decidim's
 * own CSV exporter flattens it (nested keys joined with '/', lists of
 * values joined with ", "), so that a JSON export reads exactly as the CSV
 * export of the same proposals: the union of the keys is the header, in
 * the order they first appear, and each object is a row handed to
 * lib/results-table.c. An object at the top is read for its "data" list
 * (the answer of Miro's REST API, and of many others). Anything else
 * (bare values, an object without such a list, malformed JSON) is refused
 * whole, with its line and column.
 * Part of the results readers (lib/results-int.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "results-int.h"

#define JSON_MAX_DEPTH 64
#define JSON_MAX_KEYS 4096

struct jparse {
	const char *s, *end, *p;
	const char *file;
	struct ul_diags *diags;
	int depth;
	bool failed;
	/* the header: every flattened key, first-seen order */
	char **keys;
	size_t nkeys, kcap;
	/* the object being flattened: (key index, value) pairs */
	size_t *pk;
	char **pv;
	size_t np, pcap;
	struct ul_buf path;	/* the current key path */
};

static void
position(const struct jparse *j, const char *at, int *line, int *col)
{
	*line = 1;
	*col = 1;
	for (const char *q = j->s; q < at && q < j->end; q++) {
		if (*q == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)*q & 0xc0) != 0x80)
			(*col)++;
	}
}

static int
fail(struct jparse *j, const char *what)
{
	int line, col;

	if (j->failed)
		return -1;
	j->failed = true;
	position(j, j->p, &line, &col);
	ul_error(j->diags, j->file, line, col, "JSON: %s", what);
	return -1;
}

static void
ws(struct jparse *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' ||
				 *j->p == '\r'))
		j->p++;
}

static void
put_utf8(struct ul_buf *b, unsigned long cp)
{
	if (cp < 0x80)
		ul_buf_addc(b, (int)cp);
	else if (cp < 0x800) {
		ul_buf_addc(b, (int)(0xc0 | (cp >> 6)));
		ul_buf_addc(b, (int)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		ul_buf_addc(b, (int)(0xe0 | (cp >> 12)));
		ul_buf_addc(b, (int)(0x80 | ((cp >> 6) & 0x3f)));
		ul_buf_addc(b, (int)(0x80 | (cp & 0x3f)));
	} else {
		ul_buf_addc(b, (int)(0xf0 | (cp >> 18)));
		ul_buf_addc(b, (int)(0x80 | ((cp >> 12) & 0x3f)));
		ul_buf_addc(b, (int)(0x80 | ((cp >> 6) & 0x3f)));
		ul_buf_addc(b, (int)(0x80 | (cp & 0x3f)));
	}
}

static int
hex4(struct jparse *j, unsigned long *v)
{
	*v = 0;
	for (int k = 0; k < 4; k++, j->p++) {
		char c = j->p < j->end ? *j->p : 0;
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
		    c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			return fail(j, "bad \\u escape");
		*v = *v * 16 + (unsigned long)d;
	}
	return 0;
}

/* A string (j->p on its opening quote) appended to b. */
static int
string(struct jparse *j, struct ul_buf *b)
{
	const char *start;

	j->p++;
	for (;;) {
		start = j->p;
		while (j->p < j->end && *j->p != '"' && *j->p != '\\' &&
		       (unsigned char)*j->p >= 0x20)
			j->p++;
		ul_buf_add(b, start, (size_t)(j->p - start));
		if (j->p >= j->end)
			return fail(j, "unterminated string");
		if (*j->p == '"') {
			j->p++;
			return 0;
		}
		if ((unsigned char)*j->p < 0x20)
			return fail(j, "control character in a string");
		j->p++;	/* backslash */
		char e = j->p < j->end ? *j->p++ : 0;
		unsigned long cp, lo;
		switch (e) {
		case '"': case '\\': case '/': ul_buf_addc(b, e); break;
		case 'b': ul_buf_addc(b, '\b'); break;
		case 'f': ul_buf_addc(b, '\f'); break;
		case 'n': ul_buf_addc(b, '\n'); break;
		case 'r': ul_buf_addc(b, '\r'); break;
		case 't': ul_buf_addc(b, '\t'); break;
		case 'u':
			if (hex4(j, &cp) < 0)
				return -1;
			if (cp >= 0xd800 && cp < 0xdc00) {
				if (j->end - j->p < 6 || j->p[0] != '\\' || j->p[1] != 'u')
					return fail(j, "lone surrogate in a \\u escape");
				j->p += 2;
				if (hex4(j, &lo) < 0)
					return -1;
				if (lo < 0xdc00 || lo > 0xdfff)
					return fail(j, "lone surrogate in a \\u escape");
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			} else if (cp >= 0xdc00 && cp < 0xe000)
				return fail(j, "lone surrogate in a \\u escape");
			if (cp == 0)
				return fail(j, "NUL in a string");
			put_utf8(b, cp);
			break;
		default:
			return fail(j, "bad escape in a string");
		}
	}
}

static size_t
key_index(struct jparse *j, const char *key)
{
	for (size_t i = 0; i < j->nkeys; i++)
		if (strcmp(j->keys[i], key) == 0)
			return i;
	if (j->nkeys == j->kcap) {
		j->kcap = j->kcap ? j->kcap * 2 : 32;
		j->keys = ul_xreallocarray(j->keys, j->kcap, sizeof(*j->keys));
	}
	j->keys[j->nkeys] = ul_xstrdup(key);
	return j->nkeys++;
}

static void
pair(struct jparse *j, const char *value)
{
	if (j->np == j->pcap) {
		j->pcap = j->pcap ? j->pcap * 2 : 32;
		j->pk = ul_xreallocarray(j->pk, j->pcap, sizeof(*j->pk));
		j->pv = ul_xreallocarray(j->pv, j->pcap, sizeof(*j->pv));
	}
	j->pk[j->np] = key_index(j, j->path.s);
	j->pv[j->np++] = ul_xstrdup(value);
}

static int value(struct jparse *, struct ul_buf *scalar, bool in_list);

/* A scalar's text into b: strings as they are, numbers as written, true, false; null is empty. */
static int
scalar(struct jparse *j, struct ul_buf *b)
{
	const char *start = j->p;

	if (*j->p == '"')
		return string(j, b);
	if (j->end - j->p >= 4 && memcmp(j->p, "true", 4) == 0) {
		j->p += 4;
		ul_buf_adds(b, "true");
		return 0;
	}
	if (j->end - j->p >= 5 && memcmp(j->p, "false", 5) == 0) {
		j->p += 5;
		ul_buf_adds(b, "false");
		return 0;
	}
	if (j->end - j->p >= 4 && memcmp(j->p, "null", 4) == 0) {
		j->p += 4;
		return 0;
	}
	while (j->p < j->end && (strchr("+-.eE", *j->p) || (*j->p >= '0' && *j->p <= '9')))
		j->p++;
	if (j->p == start)
		return fail(j, "expected a value");
	ul_buf_add(b, start, (size_t)(j->p - start));
	return 0;
}

/* An object's members under the current path. */
static int
object(struct jparse *j)
{
	size_t base = j->path.len;

	if (++j->depth > JSON_MAX_DEPTH)
		return fail(j, "nested too deep");
	j->p++;
	ws(j);
	if (j->p < j->end && *j->p == '}') {
		j->p++;
		j->depth--;
		return 0;
	}
	for (;;) {
		struct ul_buf key;
		ws(j);
		if (j->p >= j->end || *j->p != '"')
			return fail(j, "expected a key in quotes");
		ul_buf_init(&key);
		ul_buf_adds(&key, "");
		if (string(j, &key) < 0) {
			ul_buf_release(&key);
			return -1;
		}
		j->path.len = base;
		j->path.s[base] = '\0';
		if (base)
			ul_buf_addc(&j->path, '/');
		ul_buf_adds(&j->path, key.s);
		ul_buf_release(&key);
		ws(j);
		if (j->p >= j->end || *j->p != ':')
			return fail(j, "expected ':' after a key");
		j->p++;
		ws(j);
		if (value(j, NULL, false) < 0)
			return -1;
		ws(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			continue;
		}
		if (j->p < j->end && *j->p == '}') {
			j->p++;
			break;
		}
		return fail(j, "expected ',' or '}'");
	}
	j->path.len = base;
	j->path.s[base] = '\0';
	j->depth--;
	return 0;
}

/* A list under the current path: its values joined with ", " (nulls left out). */
static int
list(struct jparse *j, struct ul_buf *joined)
{
	if (++j->depth > JSON_MAX_DEPTH)
		return fail(j, "nested too deep");
	j->p++;
	ws(j);
	if (j->p < j->end && *j->p == ']') {
		j->p++;
		j->depth--;
		return 0;
	}
	for (;;) {
		struct ul_buf one;
		ul_buf_init(&one);
		ul_buf_adds(&one, "");
		ws(j);
		if (value(j, &one, true) < 0) {
			ul_buf_release(&one);
			return -1;
		}
		if (one.len) {
			if (joined->len)
				ul_buf_adds(joined, ", ");
			ul_buf_add(joined, one.s, one.len);
		}
		ul_buf_release(&one);
		ws(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			continue;
		}
		if (j->p < j->end && *j->p == ']') {
			j->p++;
			break;
		}
		return fail(j, "expected ',' or ']'");
	}
	j->depth--;
	return 0;
}

/*
 * A value at the current path: an object's members become pairs of their
 * own; a list or a scalar becomes one pair (or, inside a list, text for
 * the list to join).
 */
static int
value(struct jparse *j, struct ul_buf *into, bool in_list)
{
	struct ul_buf b;
	int r;

	if (j->p >= j->end)
		return fail(j, "unexpected end of input");
	if (*j->p == '{') {
		if (in_list) {
			/* Objects in lists: Decidim never exports them; keep them out. */
			size_t save = j->np;
			r = object(j);
			while (j->np > save)
				free(j->pv[--j->np]);
			return r;
		}
		return object(j);
	}
	ul_buf_init(&b);
	ul_buf_adds(&b, "");
	r = *j->p == '[' ? list(j, &b) : scalar(j, &b);
	if (r == 0) {
		if (into)
			ul_buf_add(into, b.s, b.len);
		else
			pair(j, b.s);
	}
	ul_buf_release(&b);
	return r;
}

struct jrow {
	int line;
	size_t n, *k;
	char **v;
};

static void
rows_free(struct jrow *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < rows[i].n; k++)
			free(rows[i].v[k]);
		free(rows[i].k);
		free(rows[i].v);
	}
	free(rows);
}

/* Skip one value (j->p on its first byte), checking only its nesting. */
static int
skip_value(struct jparse *j)
{
	int depth = 0;

	do {
		ws(j);
		if (j->p >= j->end)
			return fail(j, "unexpected end of input");
		char c = *j->p;
		if (c == '"') {
			struct ul_buf b;
			ul_buf_init(&b);
			ul_buf_adds(&b, "");
			int r = string(j, &b);
			ul_buf_release(&b);
			if (r < 0)
				return -1;
		} else if (c == '[' || c == '{') {
			if (++depth > JSON_MAX_DEPTH)
				return fail(j, "nested too deep");
			j->p++;
		} else if (c == ']' || c == '}') {
			if (--depth < 0)
				return fail(j, "unbalanced brackets");
			j->p++;
		} else if (c == ',' || c == ':') {
			if (depth == 0)
				return fail(j, "expected a value");
			j->p++;
		} else {
			/* A number or a literal: up to what ends it. */
			while (j->p < j->end && !strchr(",:]}\" \t\r\n", *j->p))
				j->p++;
		}
	} while (depth > 0);
	return 0;
}

/*
 * In a top-level object, move to the value of its "data" key (a list),
 * skipping the other members; fails when there is none.
 */
static int
data_list(struct jparse *j)
{
	j->p++;
	for (;;) {
		struct ul_buf key;
		ws(j);
		if (j->p >= j->end || *j->p != '"')
			return fail(j, "an object without a \"data\" list of records");
		ul_buf_init(&key);
		ul_buf_adds(&key, "");
		if (string(j, &key) < 0) {
			ul_buf_release(&key);
			return -1;
		}
		ws(j);
		if (j->p >= j->end || *j->p != ':') {
			ul_buf_release(&key);
			return fail(j, "expected ':' after a key");
		}
		j->p++;
		ws(j);
		bool data = strcmp(key.s, "data") == 0 && j->p < j->end && *j->p == '[';
		ul_buf_release(&key);
		if (data)
			return 0;
		if (skip_value(j) < 0)
			return -1;
		ws(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			continue;
		}
		return fail(j, "an object without a \"data\" list of records");
	}
}

/* The rest of the top-level object, after its "data" list. */
static int
end_object(struct jparse *j)
{
	for (;;) {
		ws(j);
		if (j->p < j->end && *j->p == '}') {
			j->p++;
			return 0;
		}
		if (j->p >= j->end || *j->p != ',')
			return fail(j, "expected ',' or '}'");
		j->p++;
		ws(j);
		if (j->p >= j->end || *j->p != '"')
			return fail(j, "expected a key in quotes");
		if (skip_value(j) < 0)	/* the key */
			return -1;
		ws(j);
		if (j->p >= j->end || *j->p != ':')
			return fail(j, "expected ':' after a key");
		j->p++;
		if (skip_value(j) < 0)
			return -1;
	}
}

/* A list of objects (j->p on '['), each flattened into a row. */
static int
read_records(struct jparse *j, struct jrow **rows, size_t *nrows, size_t *rcap)
{
	j->p++;
	ws(j);
	while (j->p < j->end && *j->p != ']') {
		int line, col;
		ws(j);
		if (j->p >= j->end || *j->p != '{')
			return fail(j, "a list item that is not an object");
		position(j, j->p, &line, &col);
		if (object(j) < 0)
			return -1;
		if (*nrows == *rcap) {
			*rcap = *rcap ? *rcap * 2 : 64;
			*rows = ul_xreallocarray(*rows, *rcap, sizeof(**rows));
		}
		(*rows)[*nrows].line = line;
		(*rows)[*nrows].n = j->np;
		(*rows)[*nrows].k = j->pk;
		(*rows)[*nrows].v = j->pv;
		(*nrows)++;
		j->pk = NULL;
		j->pv = NULL;
		j->np = j->pcap = 0;
		if (j->nkeys > JSON_MAX_KEYS)
			return fail(j, "more than 4096 distinct keys");
		ws(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			ws(j);
			continue;
		}
		if (j->p >= j->end || *j->p != ']')
			return fail(j, "expected ',' or ']'");
	}
	if (j->p >= j->end)
		return fail(j, "unexpected end of input");
	j->p++;
	return 0;
}

/* How well map fits the keys (as a header). */
static int
fit(void *arg, const struct ul_rmap *map, const char **missing)
{
	struct jparse *j = arg;

	return rmap_fit(map, j->keys, j->nkeys, missing);
}

int
results_read_json(const char *data, size_t len, const struct ul_ropts *opts,
		  ul_record_fn fn, void *ctx, struct ul_rsource *src,
		  struct ul_diags *diags)
{
	struct jparse j;
	struct jrow *rows = NULL;
	size_t nrows = 0, rcap = 0;
	struct rtable t;
	int ret = -1;

	memset(&j, 0, sizeof(j));
	j.s = data;
	j.end = data + len;
	j.p = data;
	j.file = src->file;
	j.diags = diags;
	ul_buf_init(&j.path);
	ul_buf_adds(&j.path, "");
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		j.p += 3;
	if (ul_utf8_invalid(data, len) != (size_t)-1) {
		j.p = data + ul_utf8_invalid(data, len);
		fail(&j, "invalid UTF-8");
		goto out;
	}
	ws(&j);
	if (j.p < j.end && *j.p == '{') {
		/* Miro's REST API answers {"data": [items…], "cursor": …}. */
		if (data_list(&j) < 0 || read_records(&j, &rows, &nrows, &rcap) < 0 ||
		    end_object(&j) < 0)
			goto out;
	} else if (j.p < j.end && *j.p == '[') {
		if (read_records(&j, &rows, &nrows, &rcap) < 0)
			goto out;
	} else {
		fail(&j, "an object or a value, not a list of records "
		     "(utilab reads a list of objects, as Decidim exports proposals)");
		goto out;
	}
	ws(&j);
	if (j.p < j.end) {
		fail(&j, "text after the list");
		goto out;
	}
	if (j.nkeys == 0) {
		ul_error(diags, src->file, 0, 0, "JSON: no record with any key");
		goto out;
	}
	/* The mapping that fits the keys, among several. */
	struct ul_ropts chosen;
	if (!opts->map && opts->nmaps) {
		chosen = *opts;
		chosen.map = rtable_choose_map(opts, src->file, fit, &j, diags);
		opts = &chosen;
	}
	/* The header, then each object as a row in its order. */
	rtable_init(&t, opts, src, diags);
	if (rtable_header(&t, j.keys, j.nkeys, 1, opts->dialect) == 0) {
		char **cells = ul_xcalloc(j.nkeys, sizeof(*cells));
		size_t *lens = ul_xcalloc(j.nkeys, sizeof(*lens));
		ret = 0;
		for (size_t i = 0; i < nrows && ret == 0; i++) {
			for (size_t k = 0; k < j.nkeys; k++) {
				cells[k] = "";
				lens[k] = 0;
			}
			for (size_t k = 0; k < rows[i].n; k++) {
				cells[rows[i].k[k]] = rows[i].v[k];
				lens[rows[i].k[k]] = strlen(rows[i].v[k]);
			}
			if (rtable_row(&t, cells, lens, j.nkeys, rows[i].line, NULL, fn, ctx) < 0)
				ret = -1;
		}
		free(cells);
		free(lens);
	}
	rtable_release(&t);
out:
	rows_free(rows, nrows);
	for (size_t i = 0; i < j.np; i++)
		free(j.pv[i]);
	free(j.pk);
	free(j.pv);
	for (size_t i = 0; i < j.nkeys; i++)
		free(j.keys[i]);
	free(j.keys);
	ul_buf_release(&j.path);
	return ret;
}
