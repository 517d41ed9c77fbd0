/* SPDX-License-Identifier: ISC */
/*
 * OpenDocument spreadsheets (.ods, ODF 1.2 and 1.3), read for their cell
 * values from content.xml: one table:table per sheet, rows and cells that
 * repeat (table:number-rows-repeated, table:number-columns-repeated: a
 * sheet's trailing emptiness is one element repeated a million times, and
 * is never expanded), paragraphs of text (text:p, with spans, links, runs
 * of spaces, tabs and line breaks), and typed values: a float's
 * office:value, a date's office:date-value, a time's office:time-value, a
 * boolean's office:boolean-value. Comments (office:annotation) are not
 * values. A cell LibreOffice marks as an error (calcext:value-type="error")
 * makes its row a problem.
 * Owns nothing visible: rows go out through lib/spreadsheet.c's builder.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/xmlreader.h>

#include "spreadsheet.h"
#include "util.h"
#include "zippkg.h"

#define NS_TABLE "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define NS_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define NS_TEXT "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define NS_CALCEXT "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"

struct ul_sheet_impl {
	struct ul_zpkg zip;
	char *xml;
	size_t xml_len;
	void *rd;
	int depth;		/* of the table:table read */
	int next_row;		/* 1-based number of the next row element */
	long repeat_left;	/* copies of the last row still to hand out */
	bool done;
	struct ul_buf cell;
	char err[240];
};

static xmlTextReaderPtr
R(void *rd)
{
	return *(xmlTextReaderPtr *)rd;
}

static bool
is_el(void *rd, int type, const char *ns, const char *name)
{
	const xmlChar *l, *u;

	if (xmlTextReaderNodeType(R(rd)) != type)
		return false;
	l = xmlTextReaderConstLocalName(R(rd));
	u = xmlTextReaderConstNamespaceUri(R(rd));
	return l && u && strcmp((const char *)l, name) == 0 &&
	    strcmp((const char *)u, ns) == 0;
}

static char *
nsattr(void *rd, const char *ns, const char *name)
{
	xmlChar *v = xmlTextReaderGetAttributeNs(R(rd), (const xmlChar *)name,
						 (const xmlChar *)ns);
	char *s = v ? ul_xstrdup((const char *)v) : NULL;
	xmlFree(v);
	return s;
}

/* A repeat count attribute: 1 when absent or nonsense. */
static long
repeats(void *rd, const char *name)
{
	char *v = nsattr(rd, NS_TABLE, name), *end;
	long n = v ? strtol(v, &end, 10) : 1;

	if (!v || *end || n < 1)
		n = 1;
	free(v);
	return n;
}

static void
impl_free(struct ul_sheet_impl *x)
{
	if (!x)
		return;
	ul_zpkg_xml_close(x->rd);
	ul_zpkg_close(&x->zip);
	free(x->xml);
	ul_buf_release(&x->cell);
	free(x);
}

static struct ul_sheet_impl *
ods_open(struct ul_spreadsheet *s, const char *data, size_t len, const char *want)
{
	struct ul_sheet_impl *x = ul_xcalloc(1, sizeof(*x));
	struct ul_buf names;
	int r, count = 0;
	bool found = false;

	ul_buf_init(&x->cell);
	ul_buf_init(&names);
	ul_buf_adds(&names, "");
	x->next_row = 1;
	if (ul_zpkg_open(&x->zip, data, len) < 0) {
		snprintf(x->err, sizeof(x->err), "%s", x->zip.err);
		goto fail;
	}
	if ((r = ul_zpkg_read(&x->zip, "content.xml", &x->xml, &x->xml_len)) != 0) {
		snprintf(x->err, sizeof(x->err), "%s",
			 r < 0 ? x->zip.err : "the spreadsheet has no 'content.xml'");
		goto fail;
	}
	if (!(x->rd = ul_zpkg_xml_open(x->xml, x->xml_len, "content.xml"))) {
		snprintf(x->err, sizeof(x->err), "cannot parse 'content.xml'");
		goto fail;
	}
	/* Find the sheet: the first, or the one named; skip the others whole. */
	r = ul_zpkg_xml_next(x->rd, x->err, sizeof(x->err));
	while (r == 1) {
		if (!is_el(x->rd, XML_READER_TYPE_ELEMENT, NS_TABLE, "table")) {
			r = ul_zpkg_xml_next(x->rd, x->err, sizeof(x->err));
			continue;
		}
		char *name = nsattr(x->rd, NS_TABLE, "name");
		if (!name)
			name = ul_xasprintf("Sheet%d", count + 1);
		if (count < 20)
			ul_buf_addf(&names, "%s'%s'", count ? ", " : "", name);
		count++;
		if (!want || strcmp(name, want) == 0 || strcasecmp(name, want) == 0) {
			s->sheet = name;
			found = true;
			break;
		}
		free(name);
		r = ul_zpkg_xml_skip(x->rd, x->err, sizeof(x->err));
	}
	if (r < 0) {
		if (!x->err[0])
			snprintf(x->err, sizeof(x->err), "malformed 'content.xml'");
		goto fail;
	}
	if (!found) {
		if (count == 0)
			snprintf(x->err, sizeof(x->err), "the spreadsheet has no sheet");
		else
			snprintf(x->err, sizeof(x->err), "no sheet named '%s' (sheets: %s)",
				 want, names.s);
		goto fail;
	}
	x->depth = xmlTextReaderDepth(R(x->rd));
	if (xmlTextReaderIsEmptyElement(R(x->rd)))
		x->done = true;
	ul_buf_release(&names);
	return x;
fail:
	ul_sheet_error(s, 0, 0, "%s", x->err);
	ul_buf_release(&names);
	impl_free(x);
	return NULL;
}

/* "PT10H30M00S" (an ODF duration) as "10:30:00". */
static bool
ods_time(const char *v, char *buf, size_t size)
{
	double h = 0, m = 0, sec = 0, days = 0;
	const char *p = v;
	char *end;

	if (*p++ != 'P')
		return false;
	while (*p && *p != 'T') {
		double n = strtod(p, &end);
		if (end == p || *end != 'D')
			return false;
		days = n;
		p = end + 1;
	}
	if (*p == 'T')
		p++;
	while (*p) {
		double n = strtod(p, &end);
		if (end == p)
			return false;
		if (*end == 'H')
			h = n;
		else if (*end == 'M')
			m = n;
		else if (*end == 'S')
			sec = n;
		else
			return false;
		p = end + 1;
	}
	long total = (long)(((days * 24 + h) * 60 + m) * 60 + sec + 0.5);
	snprintf(buf, size, "%02ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
	return true;
}

/*
 * The text of a cell: its paragraphs joined by line breaks. The reader is
 * on the cell's start tag; it is left on its end tag.
 */
static int
cell_text(struct ul_sheet_impl *x, struct ul_buf *b)
{
	int depth = xmlTextReaderDepth(R(x->rd)), skip = -1, paras = 0, r;

	while ((r = ul_zpkg_xml_next(x->rd, x->err, sizeof(x->err))) == 1) {
		int type = xmlTextReaderNodeType(R(x->rd));
		int d = xmlTextReaderDepth(R(x->rd));
		if (type == XML_READER_TYPE_END_ELEMENT && d == depth)
			return 0;
		if (skip >= 0) {
			if (type == XML_READER_TYPE_END_ELEMENT && d == skip)
				skip = -1;
			continue;
		}
		if (type == XML_READER_TYPE_ELEMENT) {
			bool empty = xmlTextReaderIsEmptyElement(R(x->rd));
			if (is_el(x->rd, type, NS_OFFICE, "annotation") ||
			    is_el(x->rd, type, NS_TABLE, "table") ||
			    is_el(x->rd, type, NS_TEXT, "note")) {
				if (!empty)
					skip = d;
			} else if (is_el(x->rd, type, NS_TEXT, "p") ||
				   is_el(x->rd, type, NS_TEXT, "h")) {
				if (paras++)
					ul_buf_addc(b, '\n');
			} else if (is_el(x->rd, type, NS_TEXT, "s")) {
				char *c = nsattr(x->rd, NS_TEXT, "c");
				long n = c ? strtol(c, NULL, 10) : 1;
				free(c);
				if (n < 1)
					n = 1;
				if (n > 1000)
					n = 1000;
				while (n--)
					ul_buf_addc(b, ' ');
			} else if (is_el(x->rd, type, NS_TEXT, "tab"))
				ul_buf_addc(b, '\t');
			else if (is_el(x->rd, type, NS_TEXT, "line-break"))
				ul_buf_addc(b, '\n');
		} else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
			   type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
			const xmlChar *v = xmlTextReaderConstValue(R(x->rd));
			if (v)
				ul_buf_adds(b, (const char *)v);
		}
		if (b->len > UL_SHEET_MAX_ROWBYTES) {
			snprintf(x->err, sizeof(x->err), "a cell longer than %zu MiB",
				 UL_SHEET_MAX_ROWBYTES >> 20);
			return -1;
		}
	}
	if (r == 0)
		snprintf(x->err, sizeof(x->err), "'content.xml' ends inside a cell");
	return -1;
}

/* One cell's value into x->cell (the reader on its start tag). */
static int
read_cell(struct ul_spreadsheet *s, struct ul_sheet_impl *x, size_t col)
{
	char *type = nsattr(x->rd, NS_OFFICE, "value-type");
	char *ext = nsattr(x->rd, NS_CALCEXT, "value-type");
	char *val = NULL;
	struct ul_buf text;
	bool empty = xmlTextReaderIsEmptyElement(R(x->rd));
	int r = 0;

	ul_buf_init(&text);
	ul_buf_adds(&text, "");
	ul_buf_reset(&x->cell);
	if (type && (strcmp(type, "float") == 0 || strcmp(type, "percentage") == 0 ||
		     strcmp(type, "currency") == 0))
		val = nsattr(x->rd, NS_OFFICE, "value");
	else if (type && strcmp(type, "date") == 0)
		val = nsattr(x->rd, NS_OFFICE, "date-value");
	else if (type && strcmp(type, "time") == 0)
		val = nsattr(x->rd, NS_OFFICE, "time-value");
	else if (type && strcmp(type, "boolean") == 0)
		val = nsattr(x->rd, NS_OFFICE, "boolean-value");
	else if (type && strcmp(type, "string") == 0)
		val = nsattr(x->rd, NS_OFFICE, "string-value");
	if (!empty)
		r = cell_text(x, &text);
	if (r == 0) {
		if (ext && strcmp(ext, "error") == 0)
			ul_sheet_row_problem(s, col, "a formula error (such as #DIV/0! or #REF!)");
		else if (val && strcmp(type, "date") == 0) {
			size_t l = strlen(val);
			char *dot = strchr(val, '.');
			if (dot)	/* fractions of a second are not what people wrote */
				l = (size_t)(dot - val);
			if (l >= 19 && strncmp(val + 10, "T00:00:00", 9) == 0)
				l = 10;
			ul_buf_add(&x->cell, val, l);
		} else if (val && strcmp(type, "time") == 0) {
			char t[32];
			ul_buf_adds(&x->cell, ods_time(val, t, sizeof(t)) ? t : text.s);
		} else if (val && strcmp(type, "boolean") == 0)
			ul_buf_adds(&x->cell, strcasecmp(val, "true") == 0 ? "TRUE" : "FALSE");
		else if (val && strcmp(type, "string") == 0)
			ul_buf_adds(&x->cell, val);
		else if (val)
			ul_sheet_number_text(val, &x->cell);
		else
			ul_buf_adds(&x->cell, text.s);
	}
	ul_buf_release(&text);
	free(type);
	free(ext);
	free(val);
	return r;
}

/* Read one row element's cells (the reader on its start tag). */
static int
read_row(struct ul_spreadsheet *s, struct ul_sheet_impl *x)
{
	int depth = xmlTextReaderDepth(R(x->rd)), r;
	size_t col = 0;

	if (xmlTextReaderIsEmptyElement(R(x->rd)))
		return 0;
	while ((r = ul_zpkg_xml_next(x->rd, x->err, sizeof(x->err))) == 1) {
		int type = xmlTextReaderNodeType(R(x->rd));
		if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(R(x->rd)) == depth)
			return 0;
		if (!is_el(x->rd, XML_READER_TYPE_ELEMENT, NS_TABLE, "table-cell") &&
		    !is_el(x->rd, XML_READER_TYPE_ELEMENT, NS_TABLE, "covered-table-cell"))
			continue;
		long rep = repeats(x->rd, "number-columns-repeated");
		if (read_cell(s, x, col) < 0)
			return -1;
		if (x->cell.len == 0 || col >= UL_SHEET_MAX_COLS) {
			/* Empty cells only move on; the limit is checked by the builder. */
			if (x->cell.len && ul_sheet_row_set(s, col, x->cell.s, x->cell.len) < 0)
				return -1;
			col = (size_t)rep > SIZE_MAX - col ? SIZE_MAX / 2 : col + (size_t)rep;
			continue;
		}
		for (long k = 0; k < rep; k++, col++) {
			if (ul_sheet_row_set(s, col, x->cell.s, x->cell.len) < 0)
				return -1;
			if (col >= UL_SHEET_MAX_COLS)
				break;
		}
	}
	if (r == 0)
		snprintf(x->err, sizeof(x->err), "'content.xml' ends inside a row");
	return -1;
}

static int
ods_next(struct ul_spreadsheet *s, struct ul_sheet_impl *x)
{
	int r;

	if (x->repeat_left > 0) {
		/* The same row again: the builder still holds it. */
		x->repeat_left--;
		s->row.row++;
		s->cells += s->row.n;
		if (s->cells > UL_SHEET_MAX_CELLS)
			return ul_sheet_error(s, (size_t)-1, s->row.row,
					      "more than %zu cells: refused (a spreadsheet bomb?)",
					      UL_SHEET_MAX_CELLS);
		return 1;
	}
	if (x->done)
		return 0;
	while ((r = ul_zpkg_xml_next(x->rd, x->err, sizeof(x->err))) == 1) {
		int type = xmlTextReaderNodeType(R(x->rd));
		if (type == XML_READER_TYPE_END_ELEMENT &&
		    xmlTextReaderDepth(R(x->rd)) == x->depth) {
			x->done = true;
			return 0;
		}
		if (!is_el(x->rd, XML_READER_TYPE_ELEMENT, NS_TABLE, "table-row"))
			continue;
		long rep = repeats(x->rd, "number-rows-repeated");
		if (x->next_row > UL_SHEET_MAX_ROWS)
			return ul_sheet_error(s, (size_t)-1, x->next_row,
					      "more than %d rows", UL_SHEET_MAX_ROWS);
		ul_sheet_row_begin(s, x->next_row);
		if (read_row(s, x) < 0)
			break;
		ul_sheet_row_end(s);
		if (rep > UL_SHEET_MAX_ROWS)
			rep = UL_SHEET_MAX_ROWS;
		/* Empty rows repeated (the sheet's tail) are only counted. */
		if ((s->row.n > 0 || s->row.problem) && rep > UL_SHEET_MAX_REPEAT)
			return ul_sheet_error(s, (size_t)-1, x->next_row,
					      "a row repeated %ld times, more than the %d allowed "
					      "(a spreadsheet bomb?)", rep, UL_SHEET_MAX_REPEAT);
		if (s->row.n > 0 || s->row.problem)
			x->repeat_left = rep - 1;
		x->next_row += (int)rep;
		return 1;
	}
	if (r == 0) {
		x->done = true;
		return 0;
	}
	return ul_sheet_error(s, (size_t)-1, x->next_row > 1 ? x->next_row - 1 : 0, "%s",
			      x->err[0] ? x->err : "malformed 'content.xml'");
}

const struct ul_sheet_ops ul_ods_ops = {
	"ods", ods_open, ods_next, impl_free,
};
