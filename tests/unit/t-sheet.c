/* SPDX-License-Identifier: ISC */
/*
 * Unit tests of the spreadsheet helpers: cell names both ways at the
 * edges (A, Z, AA, XFD; row 1 and 1048576), date serials in both date
 * systems (the 1900 leap-year bug, times of day, binary noise), numbers as
 * a spreadsheet shows them, relationship targets, and zip sniffing.
 */
#include <stdlib.h>
#include <string.h>

#include "spreadsheet.h"
#include "tap.h"
#include "util.h"
#include "zippkg.h"

static void
cellnames(void)
{
	char b[32];
	size_t col;
	int row;

	is_str(ul_sheet_cellname(0, 1, b, sizeof(b)), "A1", "column 0 is A");
	is_str(ul_sheet_cellname(25, 7, b, sizeof(b)), "Z7", "column 25 is Z");
	is_str(ul_sheet_cellname(26, 7, b, sizeof(b)), "AA7", "column 26 is AA");
	is_str(ul_sheet_cellname(701, 1, b, sizeof(b)), "ZZ1", "column 701 is ZZ");
	is_str(ul_sheet_cellname(702, 1, b, sizeof(b)), "AAA1", "column 702 is AAA");
	is_str(ul_sheet_cellname(16383, 1048576, b, sizeof(b)), "XFD1048576",
	       "the last cell of a sheet");
	ok(ul_sheet_cellref("C7", &col, &row) == 0 && col == 2 && row == 7, "C7 parses");
	ok(ul_sheet_cellref("$AA$10", &col, &row) == 0 && col == 26 && row == 10,
	   "absolute references parse");
	ok(ul_sheet_cellref("xfd1048576", &col, &row) == 0 && col == 16383 && row == 1048576,
	   "lower case, the last cell");
	ok(ul_sheet_cellref("XFE1", &col, &row) < 0, "one column past XFD is refused");
	ok(ul_sheet_cellref("A1048577", &col, &row) < 0, "one row past the sheet is refused");
	ok(ul_sheet_cellref("AAAAA1", &col, &row) < 0, "a column past 16384 is refused");
	ok(ul_sheet_cellref("7C", &col, &row) < 0, "digits first is no reference");
	ok(ul_sheet_cellref("", &col, &row) < 0, "empty is no reference");
	ok(ul_sheet_cellref("C7x", &col, &row) < 0, "trailing bytes are refused");
}

static void
dates(void)
{
	char b[40];

	is_str(ul_sheet_serial_date(45058, false, false, b, sizeof(b)), "2023-05-12",
	       "45058 is 12 May 2023");
	is_str(ul_sheet_serial_date(43596, true, false, b, sizeof(b)), "2023-05-12",
	       "43596 in the 1904 system is the same day");
	is_str(ul_sheet_serial_date(1, false, false, b, sizeof(b)), "1900-01-01",
	       "serial 1 is 1 January 1900");
	is_str(ul_sheet_serial_date(59, false, false, b, sizeof(b)), "1900-02-28",
	       "serial 59 is 28 February 1900");
	is_str(ul_sheet_serial_date(61, false, false, b, sizeof(b)), "1900-03-01",
	       "serial 61 is 1 March 1900 (past Lotus's 29 February)");
	is_str(ul_sheet_serial_date(45059.75, false, false, b, sizeof(b)),
	       "2023-05-13T18:00:00", "a date and time");
	is_str(ul_sheet_serial_date(0.604166666666667, false, true, b, sizeof(b)),
	       "14:30:00", "a time of day, binary noise rounded to the second");
	is_str(ul_sheet_serial_date(45058.99999999, false, false, b, sizeof(b)),
	       "2023-05-13", "a fraction of a second before midnight is the next day");
	ok(ul_sheet_serial_date(-1, false, false, b, sizeof(b)) == NULL, "negative serials refused");
	ok(ul_sheet_serial_date(1e12, false, false, b, sizeof(b)) == NULL, "past year 9999 refused");
}

static void
numbers(void)
{
	static const struct { const char *in, *out; } t[] = {
		{ "4", "4" }, { "4.0", "4" }, { "0.30000000000000004", "0.3" },
		{ "1.5E-3", "0.0015" }, { "-2", "-2" }, { "1e15", "1e+15" },
		{ "12345678901234", "12345678901234" }, { "abc", "abc" }, { "", "" },
		{ "nan", "nan" },
	};
	for (size_t k = 0; k < UL_NELEM(t); k++) {
		struct ul_buf b;
		ul_buf_init(&b);
		ul_buf_adds(&b, "");
		ul_sheet_number_text(t[k].in, &b);
		is_str(b.s, t[k].out, t[k].in[0] ? t[k].in : "(empty)");
		ul_buf_release(&b);
	}
}

static void
resolve(void)
{
	static const struct { const char *base, *target, *want; } t[] = {
		{ "xl/workbook.xml", "worksheets/sheet1.xml", "xl/worksheets/sheet1.xml" },
		{ "xl/workbook.xml", "/xl/worksheets/sheet1.xml", "xl/worksheets/sheet1.xml" },
		{ "book/wb.xml", "../book/worksheets/other.xml", "book/worksheets/other.xml" },
		{ "", "xl/workbook.xml", "xl/workbook.xml" },
		{ "xl/workbook.xml", "../../../etc/passwd", "etc/passwd" },
		{ "xl/workbook.xml", "./a/./b.xml", "xl/a/b.xml" },
	};
	for (size_t k = 0; k < UL_NELEM(t); k++) {
		char *got = ul_zpkg_resolve(t[k].base, t[k].target);
		is_str(got, t[k].want, t[k].target);
		free(got);
	}
}

static void
sniff(void)
{
	enum ul_sheet_format f;

	ok(ul_zpkg_sniff("PK\3\4rest", 8), "a local file header is a zip");
	ok(ul_zpkg_sniff("PK\5\6", 4), "an empty zip is a zip");
	ok(!ul_zpkg_sniff("PK\3", 3), "three bytes are not");
	ok(!ul_zpkg_sniff("type,text\n", 10), "a CSV is not");
	ok(ul_spreadsheet_sniff("PK\3\4garbage", 11, &f) < 0, "a broken zip is no spreadsheet");
}

int
main(void)
{
	cellnames();
	dates();
	numbers();
	resolve();
	sniff();
	return done_testing();
}
