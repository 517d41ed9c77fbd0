/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target for the results readers and everything after them:
 * any input is read (YAML or CSV, the dialect picked by the first byte),
 * merged, and written in every report format to /dev/null.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "merge.h"
#include "report.h"
#include "results.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const fields[] = { "gravite", "moment" };
	struct ul_ropts ro = { .dialect = UL_DIALECT_AUTO, .lang = "fr", .fields = fields,
			       .nfields = 2 };
	struct ul_merge_opts mo = { .ws = NULL };
	struct ul_rsource src;
	struct ul_diags diags;
	struct ul_merge m;
	FILE *null;

	if (size > 0)
		ro.dialect = (enum ul_dialect)(data[0] % (UL_DIALECT_WEBFORM + 1));
	mo.redact = size > 1 && (data[1] & 1);
	ul_diags_init(&diags);
	ul_merge_init(&m, &mo);
	ul_merge_source(&m, "fuzz", &src);
	int r = ul_results_read_mem("fuzz", (const char *)data, size, &ro,
				    ul_merge_add, &m, &src, &diags);
	if (r == 0) {
		ul_merge_finish(&m, &diags);
		if ((null = fopen("/dev/null", "w"))) {
			for (int f = UL_REPORT_MD; f <= UL_REPORT_HTML; f++)
				ul_report_write(null, (enum ul_report_format)f, &m);
			ul_report_write_quarantine(null, &m);
			fclose(null);
		}
	}
	ul_merge_release(&m);
	ul_rsource_release(&src);
	ul_diags_release(&diags);
	return 0;
}
