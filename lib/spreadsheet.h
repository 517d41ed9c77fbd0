/* SPDX-License-Identifier: ISC */
/*
 * Spreadsheets (.xlsx, .ods) read as rows of text cells, one row at a time,
 * so that they reach the same record pipeline as a CSV file: a row is what
 * a CSV record is, its cells what the CSV fields are. Numbers come as the
 * file stores them ("4", "2.5"), dates as ISO 8601 ("2023-05-12",
 * "2023-05-12T14:30:00"), times as "14:30:00", booleans as TRUE and FALSE.
 * Owns struct ul_spreadsheet and its rows; the formats themselves are
 * lib/xlsx.c's and lib/ods.c's, the zip and XML plumbing lib/zippkg.c's.
 * Knows nothing of what the columns mean.
 */
#ifndef UL_SPREADSHEET_H
#define UL_SPREADSHEET_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "util.h"

/* Limits (utilab-results(5)); past them the file is refused. */
#define UL_SHEET_MAX_COLS 4096			/* the CSV reader's field cap */
#define UL_SHEET_MAX_ROWS 1048576		/* Excel's and LibreOffice's */
#define UL_SHEET_MAX_CELLS ((size_t)20000000)	/* cells handed out, repeats included */
#define UL_SHEET_MAX_ROWBYTES ((size_t)4 << 20)	/* the CSV reader's record cap */
#define UL_SHEET_MAX_STRINGS ((size_t)4000000)	/* xlsx shared strings */
#define UL_SHEET_MAX_REPEAT 1000		/* copies of one non-empty .ods row */

struct ul_sheetrow {
	char **cell;		/* n cells, NUL-terminated; "" when empty */
	size_t *len;
	size_t n;		/* up to the last non-empty cell */
	int row;		/* 1-based, as the spreadsheet numbers it */
	const char *problem;	/* why a cell cannot be read, or NULL */
	size_t problem_col;	/* 0-based column of the problem */
};

enum ul_sheet_format { UL_SHEET_XLSX, UL_SHEET_ODS };

struct ul_spreadsheet;

/*
 * Which format data is (a zip archive holding a workbook or an OpenDocument
 * spreadsheet): 0 and *fmt set, or -1 when it is not a spreadsheet.
 */
int ul_spreadsheet_sniff(const char *data, size_t len, enum ul_sheet_format *fmt);

/*
 * Open the spreadsheet in data[0..len) (borrowed until freed); file names
 * it in messages. sheet is the name of the sheet to read, or NULL for the
 * first. Returns NULL with an error in diags when the file cannot be read
 * (corrupt, over a limit, no such sheet: the sheets are listed).
 */
struct ul_spreadsheet *ul_spreadsheet_open(const char *file, const char *data,
					   size_t len, const char *sheet,
					   struct ul_diags *);
/* "xlsx" or "ods". */
const char *ul_spreadsheet_format(const struct ul_spreadsheet *);
/* The name of the sheet being read. */
const char *ul_spreadsheet_sheet(const struct ul_spreadsheet *);
/*
 * The next non-empty row: 1 (valid until the next call), 0 at the end, -1
 * when the rest of the file cannot be read (an error in diags, positioned
 * "file:sheet!C7" when a cell is to blame).
 */
int ul_spreadsheet_next(struct ul_spreadsheet *, const struct ul_sheetrow **);
void ul_spreadsheet_free(struct ul_spreadsheet *);

/*
 * A cell's position as a spreadsheet shows it: column 2 (0-based) of row 7
 * is "C7". buf holds at least 16 bytes.
 */
const char *ul_sheet_cellname(size_t col, int row, char *buf, size_t size);
/*
 * Parse "C7" (or "C" with row 0): 0-based column and 1-based row. Returns
 * 0, or -1 when it is not a cell reference.
 */
int ul_sheet_cellref(const char *ref, size_t *col, int *row);

/* A stored number as a spreadsheet shows it: "4", "2.5" (15 significant digits). */
void ul_sheet_number_text(const char *stored, struct ul_buf *out);

/*
 * A spreadsheet date serial (days since 1899-12-30, or since 1904-01-01
 * with the 1904 system) as ISO 8601: a date when there is no time of day,
 * else a date and time; with time_only, the time of day alone. Returns
 * buf, or NULL when the value is out of the years 1900 to 9999.
 */
const char *ul_sheet_serial_date(double serial, bool date1904, bool time_only,
				 char *buf, size_t size);

/* private: the interface both formats implement, and their row builder */
struct ul_sheet_impl;
struct ul_sheet_ops {
	const char *name;
	struct ul_sheet_impl *(*open)(struct ul_spreadsheet *, const char *data,
				      size_t len, const char *sheet);
	int (*next)(struct ul_spreadsheet *, struct ul_sheet_impl *);
	void (*free)(struct ul_sheet_impl *);
};

struct ul_spreadsheet {
	const char *file;
	char *sheet;		/* owned */
	char *where;		/* "file:sheet", owned: messages point into it */
	const struct ul_sheet_ops *ops;
	struct ul_sheet_impl *impl;
	struct ul_diags *diags;
	struct ul_sheetrow row;
	size_t cells;		/* handed out so far */
	/* the row being built */
	char *data;
	size_t dlen, dcap;
	size_t *offs;
	size_t ocap;
};

/* For the readers: build rows, report errors at cells. */
void ul_sheet_row_begin(struct ul_spreadsheet *, int row);
/*
 * Set cell col (0-based, increasing) to s[0..len). A cell past the column
 * or row-size limits makes the row a problem; -1 (an error in diags) only
 * past UL_SHEET_MAX_CELLS, when reading must stop.
 */
int ul_sheet_row_set(struct ul_spreadsheet *, size_t col, const char *s, size_t len);
void ul_sheet_row_problem(struct ul_spreadsheet *, size_t col, const char *why);
/* Fix the cell pointers of the row built; the row is then handed out. */
void ul_sheet_row_end(struct ul_spreadsheet *);
/* An error at a cell (col (size_t)-1: the row; row 0: the file). */
int ul_sheet_error(struct ul_spreadsheet *, size_t col, int row,
		   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

extern const struct ul_sheet_ops ul_xlsx_ops, ul_ods_ops;

#endif
