/* SPDX-License-Identifier: ISC */
/*
 * sheetdump: the spreadsheet readers alone, for CLI tests and goldens; not
 * installed. Prints the format, the sheet, then one line per non-empty row:
 * its number, then each cell as a quoted C string (so that tabs, line
 * breaks and spaces show), and the row's problem if any.
 *
 *   sheetdump FILE[:SHEET]
 *
 * Exit status: 0, 65 when the file cannot be read (diagnostics on stderr).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diag.h"
#include "input.h"
#include "spreadsheet.h"
#include "util.h"

static void
quoted(const char *s, size_t len)
{
	putchar('"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c == '\n')
			fputs("\\n", stdout);
		else if (c == '\t')
			fputs("\\t", stdout);
		else if (c < 0x20)
			printf("\\x%02x", c);
		else
			putchar(c);
	}
	putchar('"');
}

int
main(int argc, char **argv)
{
	struct ul_diags diags;
	struct ul_spreadsheet *s;
	const struct ul_sheetrow *row;
	char *path, *sheet = NULL, *data;
	size_t len;
	struct stat st;
	int r, status = 0;

	if (argc != 2) {
		fputs("usage: sheetdump FILE[:SHEET]\n", stderr);
		return 64;
	}
	path = ul_xstrdup(argv[1]);
	if (stat(path, &st) != 0 && strrchr(path, ':')) {
		sheet = strrchr(path, ':');
		*sheet++ = '\0';
	}
	if (ul_read_file(path, (size_t)256 << 20, &data, &len) < 0) {
		perror(path);
		return 66;
	}
	ul_diags_init(&diags);
	if ((s = ul_spreadsheet_open(path, data, len, sheet, &diags))) {
		printf("format %s sheet '%s'\n", ul_spreadsheet_format(s),
		       ul_spreadsheet_sheet(s));
		while ((r = ul_spreadsheet_next(s, &row)) == 1) {
			printf("%d:", row->row);
			for (size_t i = 0; i < row->n; i++) {
				putchar(' ');
				quoted(row->cell[i], row->len[i]);
			}
			if (row->problem) {
				char cell[16];
				printf(" problem %s: %s",
				       ul_sheet_cellname(row->problem_col, row->row, cell,
							 sizeof(cell)), row->problem);
			}
			putchar('\n');
		}
		if (r < 0)
			status = 65;
	} else
		status = 65;
	ul_diags_sort(&diags);
	ul_diags_print(&diags, stderr, "sheetdump");
	ul_spreadsheet_free(s);
	ul_diags_release(&diags);
	free(data);
	free(path);
	return status;
}
