/* SPDX-License-Identifier: ISC */
/*
 * Office Open XML workbooks (.xlsx, ECMA-376), read for their cell values:
 * the package's relationships lead to the workbook, its sheets, the shared
 * strings and the styles (which say which numbers are dates). Inline
 * strings, formula results, booleans, ISO dates (t="d") and the 1904 date
 * system are understood; formulas are never evaluated (their cached value
 * is what the file holds); a cell holding an error (#DIV/0!) makes its row
 * a problem, for the caller to quarantine. Elements are matched by local
 * name, so the transitional and strict namespaces and any prefix all read.
 * Owns nothing visible: rows go out through lib/spreadsheet.c's builder.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/xmlreader.h>

#include "spreadsheet.h"
#include "util.h"
#include "zippkg.h"

#define NS_REL_T "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_REL_S "http://purl.oclc.org/ooxml/officeDocument/relationships"

enum numkind { NK_NUMBER, NK_DATE, NK_TIME };

struct ul_sheet_impl {
	struct ul_zpkg zip;
	bool date1904;
	/* shared strings: one buffer, offsets */
	char *sst;
	size_t *sst_off;
	size_t nsst;
	/* cellXfs index -> what its number format makes of a number */
	unsigned char *xf_kind;
	size_t nxf;
	/* the sheet */
	char *part;		/* its name in the archive */
	char *xml;
	size_t xml_len;
	void *rd;
	int last_row;
	bool done;
	struct ul_buf cell;	/* one cell's text */
	char err[240];
};

static xmlTextReaderPtr
R(void *rd)
{
	/* lib/zippkg.c's reader starts with the libxml2 reader. */
	return *(xmlTextReaderPtr *)rd;
}

static const char *
lname(void *rd)
{
	const xmlChar *n = xmlTextReaderConstLocalName(R(rd));
	return n ? (const char *)n : "";
}

static bool
is_start(void *rd, const char *name)
{
	return xmlTextReaderNodeType(R(rd)) == XML_READER_TYPE_ELEMENT &&
	    strcmp(lname(rd), name) == 0;
}

static bool
is_end(void *rd, const char *name)
{
	return xmlTextReaderNodeType(R(rd)) == XML_READER_TYPE_END_ELEMENT &&
	    strcmp(lname(rd), name) == 0;
}

/* An attribute without namespace, or NULL; caller frees with free(). */
static char *
attr(void *rd, const char *name)
{
	xmlChar *v = xmlTextReaderGetAttribute(R(rd), (const xmlChar *)name);
	char *s = v ? ul_xstrdup((const char *)v) : NULL;
	xmlFree(v);
	return s;
}

static char *
rel_id(void *rd)
{
	xmlChar *v = xmlTextReaderGetAttributeNs(R(rd), (const xmlChar *)"id",
						 (const xmlChar *)NS_REL_T);
	if (!v)
		v = xmlTextReaderGetAttributeNs(R(rd), (const xmlChar *)"id",
						(const xmlChar *)NS_REL_S);
	char *s = v ? ul_xstrdup((const char *)v) : NULL;
	xmlFree(v);
	return s;
}

/*
 * Append the text inside the current element (the reader is on its start
 * tag) to b, up to its end tag; phonetic runs (<rPh>, a reading guide for
 * Japanese) are not part of the value.
 */
static int
text_of(struct ul_sheet_impl *x, void *rd, struct ul_buf *b)
{
	int depth = xmlTextReaderDepth(R(rd)), skip = -1, r;
	size_t start = b->len;	/* the cap is on this text, not on b */

	if (xmlTextReaderIsEmptyElement(R(rd)))
		return 0;
	while ((r = ul_zpkg_xml_next(rd, x->err, sizeof(x->err))) == 1) {
		int type = xmlTextReaderNodeType(R(rd));
		int d = xmlTextReaderDepth(R(rd));
		if (type == XML_READER_TYPE_END_ELEMENT && d == depth)
			return 0;
		if (skip >= 0) {
			if (type == XML_READER_TYPE_END_ELEMENT && d == skip)
				skip = -1;
			continue;
		}
		if (type == XML_READER_TYPE_ELEMENT && strcmp(lname(rd), "rPh") == 0 &&
		    !xmlTextReaderIsEmptyElement(R(rd)))
			skip = d;
		else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
			 type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
			 type == XML_READER_TYPE_WHITESPACE) {
			const xmlChar *v = xmlTextReaderConstValue(R(rd));
			if (v) {
				if (b->len - start + strlen((const char *)v) > UL_SHEET_MAX_ROWBYTES) {
					snprintf(x->err, sizeof(x->err), "a text longer than %zu MiB",
						 UL_SHEET_MAX_ROWBYTES >> 20);
					return -1;
				}
				ul_buf_adds(b, (const char *)v);
			}
		}
	}
	if (r == 0)
		snprintf(x->err, sizeof(x->err), "'%s' ends inside an element", x->part ? x->part : "xml");
	return -1;
}

/* Read a member whole and open a reader on it; NULL with x->err set. */
static void *
open_part(struct ul_sheet_impl *x, const char *name, char **buf, size_t *len,
	  bool required)
{
	int r = ul_zpkg_read(&x->zip, name, buf, len);
	void *rd;

	if (r < 0) {
		snprintf(x->err, sizeof(x->err), "%s", x->zip.err);
		return NULL;
	}
	if (r == 1) {
		if (required)
			snprintf(x->err, sizeof(x->err), "the workbook has no '%s'", name);
		return NULL;
	}
	if (!(rd = ul_zpkg_xml_open(*buf, *len, name)))
		snprintf(x->err, sizeof(x->err), "cannot parse '%s'", name);
	return rd;
}

struct rel {
	char *id, *type, *target;
};

static void
rels_free(struct rel *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].id);
		free(v[i].type);
		free(v[i].target);
	}
	free(v);
}

/* The relationships of a part ("xl/workbook.xml" -> "xl/_rels/workbook.xml.rels"). */
static int
read_rels(struct ul_sheet_impl *x, const char *part, struct rel **out, size_t *n)
{
	const char *slash = strrchr(part, '/');
	char *name = slash ?
	    ul_xasprintf("%.*s/_rels/%s.rels", (int)(slash - part), part, slash + 1) :
	    ul_xasprintf("_rels/%s.rels", part);
	char *buf = NULL;
	size_t len, cap = 0;
	void *rd = open_part(x, name, &buf, &len, false);
	int r = 0;

	*out = NULL;
	*n = 0;
	if (!rd) {
		free(name);
		free(buf);
		return x->err[0] ? -1 : 0;	/* no rels at all: nothing to follow */
	}
	while ((r = ul_zpkg_xml_next(rd, x->err, sizeof(x->err))) == 1) {
		if (!is_start(rd, "Relationship"))
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*out = ul_xreallocarray(*out, cap, sizeof(**out));
		}
		struct rel *e = &(*out)[(*n)++];
		e->id = attr(rd, "Id");
		e->type = attr(rd, "Type");
		e->target = attr(rd, "Target");
		if (!e->id || !e->type || !e->target || *n > UL_ZPKG_MAX_ENTRIES) {
			snprintf(x->err, sizeof(x->err), "'%s': a relationship without Id, Type or Target", name);
			r = -1;
			break;
		}
	}
	ul_zpkg_xml_close(rd);
	free(buf);
	free(name);
	return r < 0 ? -1 : 0;
}

static const struct rel *
rel_by_type(const struct rel *v, size_t n, const char *suffix)
{
	size_t sl = strlen(suffix);
	for (size_t i = 0; i < n; i++) {
		size_t tl = strlen(v[i].type);
		if (tl >= sl && strcmp(v[i].type + tl - sl, suffix) == 0)
			return &v[i];
	}
	return NULL;
}

/* shared strings */

static int
read_sst(struct ul_sheet_impl *x, const char *name)
{
	char *buf = NULL;
	size_t len, cap = 0;
	struct ul_buf all;
	void *rd = open_part(x, name, &buf, &len, false);
	int r;

	if (!rd) {
		free(buf);
		return x->err[0] ? -1 : 0;
	}
	ul_buf_init(&all);
	ul_buf_adds(&all, "");
	while ((r = ul_zpkg_xml_next(rd, x->err, sizeof(x->err))) == 1) {
		if (!is_start(rd, "si"))
			continue;
		if (x->nsst == cap) {
			if (x->nsst >= UL_SHEET_MAX_STRINGS) {
				snprintf(x->err, sizeof(x->err),
					 "more than %zu shared strings", UL_SHEET_MAX_STRINGS);
				r = -1;
				break;
			}
			cap = cap ? cap * 2 : 256;
			x->sst_off = ul_xreallocarray(x->sst_off, cap, sizeof(*x->sst_off));
		}
		x->sst_off[x->nsst++] = all.len;
		if (text_of(x, rd, &all) < 0) {
			r = -1;
			break;
		}
		ul_buf_addc(&all, '\0');
	}
	ul_zpkg_xml_close(rd);
	free(buf);
	x->sst = ul_buf_detach(&all);
	return r < 0 ? -1 : 0;
}

/* styles: which cellXfs make a number a date */

/* A number format code shows a date when it has d, m, y, h or s outside quotes. */
static enum numkind
code_kind(const char *code)
{
	bool date = false, time = false, quoted = false;

	for (const char *p = code; *p; p++) {
		if (*p == '"') {
			quoted = !quoted;
			continue;
		}
		if (quoted)
			continue;
		if (*p == '\\' || *p == '_' || *p == '*') {
			if (p[1])
				p++;
			continue;
		}
		if (*p == '[') {
			/* [Red], [$-40C]: not date parts; [h]:mm is elapsed time. */
			const char *e = strchr(p, ']');
			if (!e)
				break;
			if (p[1] == 'h' || p[1] == 'H' || p[1] == 'm' || p[1] == 's')
				time = true;
			p = e;
			continue;
		}
		switch (*p) {
		case 'd': case 'D': case 'y': case 'Y':
			date = true;
			break;
		case 'h': case 'H': case 's': case 'S':
			time = true;
			break;
		}
	}
	if (date)
		return NK_DATE;
	if (time)
		return NK_TIME;
	return NK_NUMBER;
}

static enum numkind
builtin_kind(long id)
{
	if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 31) ||
	    (id >= 34 && id <= 36) || (id >= 50 && id <= 58))
		return NK_DATE;
	if ((id >= 18 && id <= 21) || id == 32 || id == 33 || (id >= 45 && id <= 47))
		return NK_TIME;
	return NK_NUMBER;
}

static int
read_styles(struct ul_sheet_impl *x, const char *name)
{
	char *buf = NULL;
	size_t len, cap = 0;
	void *rd = open_part(x, name, &buf, &len, false);
	struct { long id; enum numkind kind; } *fmts = NULL;
	size_t nfmts = 0, fcap = 0;
	bool in_xfs = false;
	int r;

	if (!rd) {
		free(buf);
		return x->err[0] ? -1 : 0;
	}
	while ((r = ul_zpkg_xml_next(rd, x->err, sizeof(x->err))) == 1) {
		if (is_start(rd, "numFmt")) {
			char *id = attr(rd, "numFmtId"), *code = attr(rd, "formatCode");
			if (id && code && nfmts < 10000) {
				if (nfmts == fcap) {
					fcap = fcap ? fcap * 2 : 16;
					fmts = ul_xreallocarray(fmts, fcap, sizeof(*fmts));
				}
				fmts[nfmts].id = strtol(id, NULL, 10);
				fmts[nfmts++].kind = code_kind(code);
			}
			free(id);
			free(code);
		} else if (is_start(rd, "cellXfs"))
			in_xfs = !xmlTextReaderIsEmptyElement(R(rd));
		else if (is_end(rd, "cellXfs"))
			in_xfs = false;
		else if (in_xfs && is_start(rd, "xf")) {
			char *id = attr(rd, "numFmtId");
			long n = id ? strtol(id, NULL, 10) : 0;
			enum numkind k = builtin_kind(n);
			for (size_t i = 0; i < nfmts; i++)
				if (fmts[i].id == n)
					k = fmts[i].kind;
			free(id);
			if (x->nxf == cap) {
				if (x->nxf >= 65536)
					break;
				cap = cap ? cap * 2 : 32;
				x->xf_kind = ul_xreallocarray(x->xf_kind, cap, 1);
			}
			x->xf_kind[x->nxf++] = (unsigned char)k;
		}
	}
	ul_zpkg_xml_close(rd);
	free(buf);
	free(fmts);
	return r < 0 ? -1 : 0;
}

/* the workbook */

struct sheetref {
	char *name, *rid;
};

static int
read_workbook(struct ul_sheet_impl *x, const char *part, struct sheetref **sheets,
	      size_t *n)
{
	char *buf = NULL;
	size_t len, cap = 0;
	void *rd = open_part(x, part, &buf, &len, true);
	int r;

	*sheets = NULL;
	*n = 0;
	if (!rd) {
		free(buf);
		return -1;
	}
	while ((r = ul_zpkg_xml_next(rd, x->err, sizeof(x->err))) == 1) {
		if (is_start(rd, "workbookPr")) {
			char *v = attr(rd, "date1904");
			x->date1904 = v && (strcmp(v, "1") == 0 || strcasecmp(v, "true") == 0);
			free(v);
		} else if (is_start(rd, "sheet")) {
			if (*n == cap) {
				if (*n >= 10000)
					break;
				cap = cap ? cap * 2 : 8;
				*sheets = ul_xreallocarray(*sheets, cap, sizeof(**sheets));
			}
			(*sheets)[*n].name = attr(rd, "name");
			(*sheets)[*n].rid = rel_id(rd);
			if (!(*sheets)[*n].name)
				(*sheets)[*n].name = ul_xstrdup("");
			(*n)++;
		}
	}
	ul_zpkg_xml_close(rd);
	free(buf);
	return r < 0 ? -1 : 0;
}

static void
impl_free(struct ul_sheet_impl *x)
{
	if (!x)
		return;
	ul_zpkg_xml_close(x->rd);
	ul_zpkg_close(&x->zip);
	free(x->sst);
	free(x->sst_off);
	free(x->xf_kind);
	free(x->part);
	free(x->xml);
	ul_buf_release(&x->cell);
	free(x);
}

/* The sheet list, for "no sheet 'X' (sheets: 'A', 'B')". */
static char *
list_sheets(const struct sheetref *s, size_t n)
{
	struct ul_buf b;

	ul_buf_init(&b);
	ul_buf_adds(&b, "");
	for (size_t i = 0; i < n && i < 20; i++)
		ul_buf_addf(&b, "%s'%s'", i ? ", " : "", s[i].name);
	if (n > 20)
		ul_buf_adds(&b, ", …");
	return ul_buf_detach(&b);
}

static struct ul_sheet_impl *
xlsx_open(struct ul_spreadsheet *s, const char *data, size_t len, const char *want)
{
	struct ul_sheet_impl *x = ul_xcalloc(1, sizeof(*x));
	struct rel *top = NULL, *wrels = NULL;
	size_t ntop = 0, nw = 0, nsheets = 0, pick = 0;
	struct sheetref *sheets = NULL;
	char *wb = NULL;
	const struct rel *e;
	bool ok = false;

	ul_buf_init(&x->cell);
	if (ul_zpkg_open(&x->zip, data, len) < 0) {
		snprintf(x->err, sizeof(x->err), "%s", x->zip.err);
		goto out;
	}
	if (read_rels(x, "", &top, &ntop) < 0)
		goto out;
	e = rel_by_type(top, ntop, "/officeDocument");
	wb = e ? ul_zpkg_resolve("", e->target) : ul_xstrdup("xl/workbook.xml");
	if (read_workbook(x, wb, &sheets, &nsheets) < 0 || read_rels(x, wb, &wrels, &nw) < 0)
		goto out;
	if (nsheets == 0) {
		snprintf(x->err, sizeof(x->err), "the workbook has no sheet");
		goto out;
	}
	if (want) {
		for (pick = 0; pick < nsheets && strcmp(sheets[pick].name, want) != 0; pick++)
			;
		if (pick == nsheets)
			for (pick = 0; pick < nsheets && strcasecmp(sheets[pick].name, want) != 0; pick++)
				;
		if (pick == nsheets) {
			char *l = list_sheets(sheets, nsheets);
			snprintf(x->err, sizeof(x->err), "no sheet named '%s' (sheets: %s)", want, l);
			free(l);
			goto out;
		}
	}
	s->sheet = ul_xstrdup(sheets[pick].name);
	for (size_t i = 0; i < nw && !x->part; i++)
		if (sheets[pick].rid && strcmp(wrels[i].id, sheets[pick].rid) == 0)
			x->part = ul_zpkg_resolve(wb, wrels[i].target);
	if (!x->part) {
		/* No relationship: the usual name of the n-th sheet. */
		x->part = ul_xasprintf("xl/worksheets/sheet%zu.xml", pick + 1);
	}
	if ((e = rel_by_type(wrels, nw, "/sharedStrings"))) {
		char *p = ul_zpkg_resolve(wb, e->target);
		int r = read_sst(x, p);
		free(p);
		if (r < 0)
			goto out;
	}
	if ((e = rel_by_type(wrels, nw, "/styles"))) {
		char *p = ul_zpkg_resolve(wb, e->target);
		int r = read_styles(x, p);
		free(p);
		if (r < 0)
			goto out;
	}
	if (!(x->rd = open_part(x, x->part, &x->xml, &x->xml_len, true)))
		goto out;
	ok = true;
out:
	if (!ok)
		ul_sheet_error(s, 0, 0, "%s", x->err[0] ? x->err : "cannot read the workbook");
	rels_free(top, ntop);
	rels_free(wrels, nw);
	for (size_t i = 0; i < nsheets; i++) {
		free(sheets[i].name);
		free(sheets[i].rid);
	}
	free(sheets);
	free(wb);
	if (!ok) {
		impl_free(x);
		return NULL;
	}
	return x;
}

/* One <c>: its value into x->cell; the column it sits in. */
static int
read_cell(struct ul_spreadsheet *s, struct ul_sheet_impl *x, size_t *col)
{
	char *ref = attr(x->rd, "r"), *t = attr(x->rd, "t"), *st = attr(x->rd, "s");
	struct ul_buf v, is;
	int row, r = 0;
	bool has_v = false, has_is = false;
	size_t c;

	ul_buf_init(&v);
	ul_buf_init(&is);
	ul_buf_reset(&x->cell);
	if (ref && ul_sheet_cellref(ref, &c, &row) == 0)
		*col = c;
	if (!xmlTextReaderIsEmptyElement(R(x->rd))) {
		int depth = xmlTextReaderDepth(R(x->rd));
		while ((r = ul_zpkg_xml_next(x->rd, x->err, sizeof(x->err))) == 1) {
			if (xmlTextReaderNodeType(R(x->rd)) == XML_READER_TYPE_END_ELEMENT &&
			    xmlTextReaderDepth(R(x->rd)) == depth)
				break;
			if (is_start(x->rd, "v")) {
				has_v = true;
				if ((r = text_of(x, x->rd, &v)) < 0)
					break;
			} else if (is_start(x->rd, "is")) {
				has_is = true;
				if ((r = text_of(x, x->rd, &is)) < 0)
					break;
			}
		}
		if (r == 0) {
			snprintf(x->err, sizeof(x->err), "'%s' ends inside a cell", x->part);
			r = -1;
		}
		if (r == 1)
			r = 0;
	}
	if (r == 0) {
		const char *tv = v.s ? v.s : "";
		if (t && strcmp(t, "s") == 0) {
			char *end;
			unsigned long i = has_v ? strtoul(tv, &end, 10) : 0;
			if (!has_v || *end || i >= x->nsst)
				ul_sheet_row_problem(s, *col, "a shared string that the workbook lacks");
			else
				ul_buf_adds(&x->cell, x->sst + x->sst_off[i]);
		} else if (t && strcmp(t, "inlineStr") == 0)
			ul_buf_adds(&x->cell, has_is ? is.s : tv);
		else if (t && strcmp(t, "str") == 0)
			ul_buf_adds(&x->cell, tv);
		else if (t && strcmp(t, "b") == 0) {
			if (has_v)
				ul_buf_adds(&x->cell, strcmp(tv, "0") == 0 ? "FALSE" : "TRUE");
		} else if (t && strcmp(t, "e") == 0)
			ul_sheet_row_problem(s, *col, "a formula error (such as #DIV/0! or #REF!)");
		else if (t && strcmp(t, "d") == 0) {
			/* An ISO date; midnight is a plain date, as the numbers give. */
			size_t l = strlen(tv);
			if (l >= 19 && strncmp(tv + 10, "T00:00:00", 9) == 0)
				ul_buf_add(&x->cell, tv, 10);
			else
				ul_buf_add(&x->cell, tv, l && tv[l - 1] == 'Z' ? l - 1 : l);
		} else if (has_v && tv[0]) {
			unsigned long xf = st ? strtoul(st, NULL, 10) : 0;
			enum numkind k = xf < x->nxf ? (enum numkind)x->xf_kind[xf] : NK_NUMBER;
			char date[40];
			char *end;
			double d = strtod(tv, &end);
			if (k != NK_NUMBER && !*end &&
			    ul_sheet_serial_date(d, x->date1904, k == NK_TIME,
						 date, sizeof(date)))
				ul_buf_adds(&x->cell, date);
			else
				ul_sheet_number_text(tv, &x->cell);
		} else if (has_is)
			ul_buf_adds(&x->cell, is.s);
	}
	ul_buf_release(&v);
	ul_buf_release(&is);
	free(ref);
	free(t);
	free(st);
	return r;
}

static int
xlsx_next(struct ul_spreadsheet *s, struct ul_sheet_impl *x)
{
	int r;

	if (x->done)
		return 0;
	while ((r = ul_zpkg_xml_next(x->rd, x->err, sizeof(x->err))) == 1) {
		if (!is_start(x->rd, "row"))
			continue;
		char *rs = attr(x->rd, "r");
		long row = rs ? strtol(rs, NULL, 10) : x->last_row + 1;
		free(rs);
		if (row < 1 || row > UL_SHEET_MAX_ROWS || row <= x->last_row)
			row = x->last_row + 1;
		if (row > UL_SHEET_MAX_ROWS)
			return ul_sheet_error(s, (size_t)-1, (int)row, "more than %d rows",
					      UL_SHEET_MAX_ROWS);
		x->last_row = (int)row;
		ul_sheet_row_begin(s, (int)row);
		if (xmlTextReaderIsEmptyElement(R(x->rd))) {
			ul_sheet_row_end(s);
			return 1;
		}
		int depth = xmlTextReaderDepth(R(x->rd));
		size_t col = 0;
		while ((r = ul_zpkg_xml_next(x->rd, x->err, sizeof(x->err))) == 1) {
			if (xmlTextReaderNodeType(R(x->rd)) == XML_READER_TYPE_END_ELEMENT &&
			    xmlTextReaderDepth(R(x->rd)) == depth)
				break;
			if (!is_start(x->rd, "c"))
				continue;
			if (read_cell(s, x, &col) < 0) {
				r = -1;
				break;
			}
			if (ul_sheet_row_set(s, col, x->cell.s ? x->cell.s : "", x->cell.len) < 0)
				return -1;
			col++;
		}
		if (r < 0)
			break;
		if (r == 0) {
			snprintf(x->err, sizeof(x->err), "'%s' ends inside a row", x->part);
			break;
		}
		ul_sheet_row_end(s);
		return 1;
	}
	if (r == 0) {
		x->done = true;
		return 0;
	}
	return ul_sheet_error(s, (size_t)-1, x->last_row > 0 ? x->last_row : 0, "%s",
			      x->err[0] ? x->err : "malformed worksheet");
}

const struct ul_sheet_ops ul_xlsx_ops = {
	"xlsx", xlsx_open, xlsx_next, impl_free,
};
