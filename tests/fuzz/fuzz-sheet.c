/*
 * libFuzzer target for the spreadsheet readers: any input is opened as a
 * spreadsheet (lib/zippkg, lib/xlsx, lib/ods), every row of its first
 * sheet read, then read again through the results pipeline as a workbook
 * (the table of roles, the merge and every report to /dev/null). The
 * first byte, when the input is not a zip, picks a sheet name to ask for.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "merge.h"
#include "report.h"
#include "results.h"
#include "spreadsheet.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
rows(const uint8_t *data, size_t size, const char *sheet)
{
	struct ul_diags diags;
	struct ul_spreadsheet *s;
	const struct ul_sheetrow *row;
	size_t total = 0;

	ul_diags_init(&diags);
	if ((s = ul_spreadsheet_open("fuzz.xlsx", (const char *)data, size, sheet, &diags))) {
		while (ul_spreadsheet_next(s, &row) == 1)
			for (size_t i = 0; i < row->n; i++)
				total += row->len[i] + (row->cell[i][row->len[i]] == '\0');
		ul_spreadsheet_free(s);
	}
	ul_diags_release(&diags);
	(void)total;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const fields[] = { "gravite", "moment" };
	struct ul_ropts ro = { .dialect = UL_DIALECT_AUTO, .lang = "fr", .fields = fields,
			       .nfields = 2 };
	struct ul_merge_opts mo = { NULL, false };
	struct ul_rsource src;
	struct ul_diags diags;
	struct ul_merge m;
	FILE *null;

	rows(data, size, NULL);
	rows(data, size, "Feuil1");
	ul_diags_init(&diags);
	ul_merge_init(&m, &mo);
	ul_merge_source(&m, "fuzz.xlsx", &src);
	if (ul_results_read_mem("fuzz.xlsx", (const char *)data, size, &ro,
				ul_merge_add, &m, &src, &diags) == 0) {
		ul_merge_finish(&m, &diags);
		if ((null = fopen("/dev/null", "w"))) {
			for (int f = UL_REPORT_MD; f <= UL_REPORT_HTML; f++)
				ul_report_write(null, (enum ul_report_format)f, &m);
			fclose(null);
		}
	}
	ul_merge_release(&m);
	ul_rsource_release(&src);
	ul_diags_release(&diags);
	return 0;
}
