/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target for the spreadsheet readers: any input is opened as a
 * spreadsheet (lib/zippkg, lib/xlsx, lib/ods), every row of its first
 * sheet read, then read again through the results pipeline as a workbook
 * (the table of roles, the merge and every report to /dev/null).
 * An input that is not a zip archive is XML for the fuzzer to mutate
 * directly: it is packed (with libzip, in memory) as the worksheet and the
 * shared strings of an .xlsx, and as the content.xml of an .ods, so that
 * the readers see it behind a valid archive whose checksums hold.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

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

/* A zip archive of (name, bytes) members, built in memory; NULL on failure. */
static char *
pack(const char *const *names, const char *const *bodies, const size_t *lens,
     size_t n, size_t *outlen)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	zip_stat_t st;
	char *out = NULL;

	zip_error_init(&ze);
	if (!(src = zip_source_buffer_create(NULL, 0, 0, &ze)))
		return NULL;
	zip_source_keep(src);
	if (!(za = zip_open_from_source(src, ZIP_TRUNCATE, &ze))) {
		zip_source_free(src);
		zip_source_free(src);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		zip_source_t *m = zip_source_buffer(za, bodies[i], lens[i], 0);
		if (!m || zip_file_add(za, names[i], m, ZIP_FL_OVERWRITE) < 0)
			zip_source_free(m);
	}
	if (zip_close(za) < 0) {
		zip_discard(za);
		zip_source_free(src);
		return NULL;
	}
	if (zip_source_stat(src, &st) == 0 && zip_source_open(src) == 0) {
		out = malloc(st.size ? st.size : 1);
		*outlen = out ? (size_t)zip_source_read(src, out, st.size) : 0;
		zip_source_close(src);
	}
	zip_source_free(src);
	return out;
}

static void
one(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const xlsx[] = {
		"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
		"xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml",
		"xl/sharedStrings.xml",
	};
	static const char *const ods[] = { "mimetype", "content.xml" };
	const char *body[6];
	size_t lens[6], n;
	char *zip;

	if (size >= 2 && data[0] == 'P' && data[1] == 'K') {
		one(data, size);
		return 0;
	}
	body[0] = "<Types/>";
	body[1] = "<Relationships xmlns=\"x\"><Relationship Id=\"rId1\" Type=\"x/officeDocument\" "
	    "Target=\"xl/workbook.xml\"/></Relationships>";
	body[2] = "<workbook xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
	    "<sheets><sheet name=\"Feuil1\" r:id=\"rId1\"/></sheets></workbook>";
	body[3] = "<Relationships><Relationship Id=\"rId1\" Type=\"x/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
	    "<Relationship Id=\"rId2\" Type=\"x/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>";
	body[4] = body[5] = (const char *)data;
	for (int i = 0; i < 4; i++)
		lens[i] = strlen(body[i]);
	lens[4] = lens[5] = size;
	if ((zip = pack(xlsx, body, lens, 6, &n))) {
		one((const uint8_t *)zip, n);
		free(zip);
	}
	body[0] = "application/vnd.oasis.opendocument.spreadsheet";
	lens[0] = strlen(body[0]);
	body[1] = (const char *)data;
	lens[1] = size;
	if ((zip = pack(ods, body, lens, 2, &n))) {
		one((const uint8_t *)zip, n);
		free(zip);
	}
	return 0;
}

static void
one(const uint8_t *data, size_t size)
{
	static const char *const fields[] = { "gravite", "moment" };
	struct ul_ropts ro = { .dialect = UL_DIALECT_AUTO, .lang = "fr", .fields = fields,
			       .nfields = 2 };
	struct ul_merge_opts mo = { .ws = NULL };
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
}
