/* SPDX-License-Identifier: ISC */
/*
 * Report writers: Markdown (pandoc-ready, YAML metadata block), JSON (the
 * schema of utilab-results(5)), CSV (one row per kept item, formula cells
 * neutralised) and HTML (one self-contained, printable page); and the
 * quarantine as CSV, in the utilab layout so that it can be fixed and
 * collected again. The output depends on the merge only: same merge, same
 * bytes (no clock, no locale, no addresses).
 * Owns nothing; knows nothing of inputs or argv.
 */
#ifndef UL_REPORT_H
#define UL_REPORT_H

#include <stdio.h>

#include "merge.h"

enum ul_report_format {
	UL_REPORT_MD, UL_REPORT_JSON, UL_REPORT_CSV, UL_REPORT_HTML,
	UL_REPORT_CSV_EXCEL,	/* CSV with a BOM and ';', for Excel in French */
};

/* "md" (or "markdown"), "json", "csv", "csv-excel", "html". Returns 0, or -1. */
int ul_report_format_parse(const char *, enum ul_report_format *);

/* Write the report; write errors are left on fp for the caller to see. */
void ul_report_write(FILE *, enum ul_report_format, const struct ul_merge *);
void ul_report_write_quarantine(FILE *, const struct ul_merge *);

/*
 * A CSV cell, quoted when needed, with a leading = + - @ tab or CR
 * neutralised by a leading apostrophe, so a spreadsheet shows it as text.
 */
void ul_report_csv_cell(FILE *, const char *);

#endif
