/* SPDX-License-Identifier: ISC */
/*
 * Spreadsheets: recognising the format from the archive's members, the row
 * builder both readers fill, cell names and date serials. The formats'
 * XML is lib/xlsx.c's and lib/ods.c's; this file never parses any.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spreadsheet.h"
#include "util.h"
#include "zippkg.h"

int
ul_spreadsheet_sniff(const char *data, size_t len, enum ul_sheet_format *fmt)
{
	struct ul_zpkg z;
	int r = -1;

	if (!ul_zpkg_sniff(data, len) || ul_zpkg_open(&z, data, len) < 0)
		return -1;
	if (ul_zpkg_has(&z, "xl/workbook.xml") ||
	    (ul_zpkg_has(&z, "[Content_Types].xml") && ul_zpkg_has(&z, "_rels/.rels"))) {
		*fmt = UL_SHEET_XLSX;
		r = 0;
	} else if (ul_zpkg_has(&z, "content.xml")) {
		char *mime;
		size_t ml;
		/* An ODF package names its kind in "mimetype"; a text document is not a table. */
		if (ul_zpkg_read(&z, "mimetype", &mime, &ml) != 0 ||
		    strstr(mime, "opendocument.spreadsheet")) {
			*fmt = UL_SHEET_ODS;
			r = 0;
		}
		free(mime);
	}
	ul_zpkg_close(&z);
	return r;
}

struct ul_spreadsheet *
ul_spreadsheet_open(const char *file, const char *data, size_t len,
		    const char *sheet, struct ul_diags *diags)
{
	enum ul_sheet_format fmt;
	struct ul_spreadsheet *s;

	if (ul_spreadsheet_sniff(data, len, &fmt) < 0) {
		struct ul_zpkg z;
		if (!ul_zpkg_sniff(data, len))
			ul_error(diags, file, 0, 0, "not a spreadsheet (.xlsx or .ods)");
		else if (ul_zpkg_open(&z, data, len) < 0)
			ul_error(diags, file, 0, 0, "%s (a truncated or damaged file?)", z.err);
		else {
			ul_zpkg_close(&z);
			ul_error(diags, file, 0, 0,
				 "a zip archive, but neither an .xlsx workbook nor an .ods spreadsheet");
		}
		return NULL;
	}
	s = ul_xcalloc(1, sizeof(*s));
	s->file = file;
	s->diags = diags;
	s->ops = fmt == UL_SHEET_XLSX ? &ul_xlsx_ops : &ul_ods_ops;
	if (!(s->impl = s->ops->open(s, data, len, sheet))) {
		ul_spreadsheet_free(s);
		return NULL;
	}
	if (!s->sheet)
		s->sheet = ul_xstrdup("");
	s->where = ul_xasprintf("%s:%s", file, s->sheet);
	return s;
}

const char *
ul_spreadsheet_format(const struct ul_spreadsheet *s)
{
	return s->ops->name;
}

const char *
ul_spreadsheet_sheet(const struct ul_spreadsheet *s)
{
	return s->sheet;
}

int
ul_spreadsheet_next(struct ul_spreadsheet *s, const struct ul_sheetrow **row)
{
	for (;;) {
		int r = s->ops->next(s, s->impl);
		if (r <= 0)
			return r;
		/* Rows of empty cells only are skipped, like blank CSV lines. */
		if (s->row.n == 0 && !s->row.problem)
			continue;
		*row = &s->row;
		return 1;
	}
}

void
ul_spreadsheet_free(struct ul_spreadsheet *s)
{
	if (!s)
		return;
	if (s->impl)
		s->ops->free(s->impl);
	free(s->sheet);
	free(s->where);
	free(s->data);
	free(s->offs);
	free(s->row.cell);
	free(s->row.len);
	free(s);
}

/* rows */

void
ul_sheet_row_begin(struct ul_spreadsheet *s, int row)
{
	s->row.n = 0;
	s->row.row = row;
	s->row.problem = NULL;
	s->row.problem_col = 0;
	s->dlen = 0;
}

static void
reserve(struct ul_spreadsheet *s, size_t extra)
{
	if (s->dlen + extra <= s->dcap)
		return;
	while (s->dlen + extra > s->dcap)
		s->dcap = s->dcap ? s->dcap * 2 : 1024;
	s->data = ul_xreallocarray(s->data, s->dcap, 1);
}

static void
grow_cells(struct ul_spreadsheet *s, size_t n)
{
	if (n <= s->ocap)
		return;
	size_t cap = s->ocap ? s->ocap : 16;
	while (cap < n)
		cap *= 2;
	s->offs = ul_xreallocarray(s->offs, cap, sizeof(*s->offs));
	s->row.len = ul_xreallocarray(s->row.len, cap, sizeof(*s->row.len));
	s->row.cell = ul_xreallocarray(s->row.cell, cap, sizeof(*s->row.cell));
	s->ocap = cap;
}

int
ul_sheet_row_set(struct ul_spreadsheet *s, size_t col, const char *p, size_t len)
{
	if (len == 0)
		return 0;
	if (col >= UL_SHEET_MAX_COLS) {
		ul_sheet_row_problem(s, col, "a cell past the column limit");
		return 0;
	}
	if (s->dlen + len + (col + 1) > UL_SHEET_MAX_ROWBYTES) {
		ul_sheet_row_problem(s, col, "row too long");
		return 0;
	}
	if (++s->cells > UL_SHEET_MAX_CELLS)
		return ul_sheet_error(s, col, s->row.row,
				      "more than %zu cells: refused (a spreadsheet bomb?)",
				      UL_SHEET_MAX_CELLS);
	/* Cells come in column order; the ones skipped over are empty. */
	grow_cells(s, col + 1);
	reserve(s, (col + 1 - s->row.n) + len + 1);
	while (s->row.n < col) {
		s->offs[s->row.n] = s->dlen;
		s->row.len[s->row.n++] = 0;
		s->data[s->dlen++] = '\0';
	}
	if (s->row.n > col)
		return 0;	/* a second cell at the same place: the first wins */
	s->offs[s->row.n] = s->dlen;
	s->row.len[s->row.n++] = len;
	memcpy(s->data + s->dlen, p, len);
	s->dlen += len;
	s->data[s->dlen++] = '\0';
	return 0;
}

void
ul_sheet_row_problem(struct ul_spreadsheet *s, size_t col, const char *why)
{
	if (s->row.problem)
		return;
	s->row.problem = why;
	s->row.problem_col = col;
}

void
ul_sheet_row_end(struct ul_spreadsheet *s)
{
	for (size_t i = 0; i < s->row.n; i++)
		s->row.cell[i] = s->data + s->offs[i];
}

int
ul_sheet_error(struct ul_spreadsheet *s, size_t col, int row, const char *fmt, ...)
{
	char cell[32];
	char *loc;
	va_list ap;

	if (row > 0 && col != (size_t)-1)
		loc = ul_xasprintf("%s:%s!%s", s->file, s->sheet ? s->sheet : "",
				   ul_sheet_cellname(col, row, cell, sizeof(cell)));
	else if (row > 0)
		loc = ul_xasprintf("%s:%s!%d", s->file, s->sheet ? s->sheet : "", row);
	else
		loc = ul_xstrdup(s->file);
	ul_diags_keep(s->diags, loc);
	va_start(ap, fmt);
	ul_diag_vadd(s->diags, UL_ERROR, UL_EDATA, loc, 0, 0, fmt, ap);
	va_end(ap);
	return -1;
}

/* cells */

const char *
ul_sheet_cellname(size_t col, int row, char *buf, size_t size)
{
	char letters[8];
	size_t n = 0;

	col++;
	while (col > 0 && n < sizeof(letters)) {
		letters[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	char rev[8];
	for (size_t i = 0; i < n; i++)
		rev[i] = letters[n - 1 - i];
	if (row > 0)
		snprintf(buf, size, "%.*s%d", (int)n, rev, row);
	else
		snprintf(buf, size, "%.*s", (int)n, rev);
	return buf;
}

int
ul_sheet_cellref(const char *ref, size_t *col, int *row)
{
	size_t c = 0;
	long r = 0;
	const char *p = ref;

	while (*p == '$')
		p++;
	if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')))
		return -1;
	for (; (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'); p++) {
		c = c * 26 + (size_t)((*p & ~0x20) - 'A' + 1);
		if (c > 16384)
			return -1;
	}
	while (*p == '$')
		p++;
	for (; *p >= '0' && *p <= '9'; p++) {
		r = r * 10 + (*p - '0');
		if (r > UL_SHEET_MAX_ROWS)
			return -1;
	}
	if (*p)
		return -1;
	*col = c - 1;
	*row = (int)r;
	return 0;
}

/* Days since 1970-01-01 to a civil date (H. Hinnant's algorithm). */
static void
civil(long long z, int *y, unsigned *m, unsigned *d)
{
	z += 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long yy = (long long)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)(yy + (*m <= 2));
}

const char *
ul_sheet_serial_date(double serial, bool date1904, bool time_only, char *buf,
		     size_t size)
{
	if (!isfinite(serial) || serial < 0 || serial > 2958466)
		return NULL;
	/* To the second: serials carry binary noise (0.5 day is 43200 s, exactly). */
	long long secs = llround(serial * 86400.0);
	long long days = secs / 86400;
	long sod = (long)(secs % 86400);
	int y;
	unsigned m, d;

	if (time_only) {
		snprintf(buf, size, "%02ld:%02ld:%02ld", sod / 3600, sod / 60 % 60, sod % 60);
		return buf;
	}
	/*
	 * The 1900 system counts a 29 February 1900 that never was (serial
	 * 60, kept from Lotus 1-2-3): serials before it are one day late.
	 */
	if (date1904)
		days += -24107;
	else if (days < 61)
		days += -25568;
	else
		days += -25569;
	civil(days, &y, &m, &d);
	if (y < 1900 || y > 9999)
		return NULL;
	if (sod == 0)
		snprintf(buf, size, "%04d-%02u-%02u", y, m, d);
	else
		snprintf(buf, size, "%04d-%02u-%02uT%02ld:%02ld:%02ld", y, m, d,
			 sod / 3600, sod / 60 % 60, sod % 60);
	return buf;
}

void
ul_sheet_number_text(const char *v, struct ul_buf *out)
{
	char *end;
	double d = strtod(v, &end);
	char tmp[64];

	while (*end == ' ')
		end++;
	if (!*v || *end || !isfinite(d)) {
		ul_buf_adds(out, v);
		return;
	}
	/* Files store 0.30000000000000004 where the user typed and sees 0.3. */
	if (d == floor(d) && fabs(d) < 1e15)
		snprintf(tmp, sizeof(tmp), "%lld", (long long)d);
	else
		snprintf(tmp, sizeof(tmp), "%.15g", d);
	ul_buf_adds(out, tmp);
}
