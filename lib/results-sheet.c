/* SPDX-License-Identifier: ISC */
/*
 * Results in a spreadsheet (.xlsx, .ods): the rows lib/spreadsheet.c
 * reads, up to the header (after the same title rows as a CSV: Framaforms'
 * "Submission Details", the row a mapping names), then every row to
 * lib/results-table.c, as a CSV's rows. A record's line is its row's
 * number, as the spreadsheet shows it; a row is as wide as the header (a
 * spreadsheet does not store trailing empty cells), and a cell that cannot
 * be read (a formula error) or that lies past the header's last column
 * puts its row in the quarantine, with the cell's name.
 * Part of the results readers (lib/results-int.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "intl.h"
#include "results-int.h"
#include "spreadsheet.h"

struct widen {
	char **cells;
	size_t *len;
	size_t cap;
};

/* The next row, -1 on a read error (diagnosed by the reader). */
static int
next(struct ul_spreadsheet *s, const struct ul_sheetrow **row)
{
	return ul_spreadsheet_next(s, row);
}

/* Read up to the header; 0 with *dialect and *row set, or -1. */
static int
find_header(struct ul_spreadsheet *s, const struct ul_ropts *opts,
	    enum ul_dialect *dialect, const struct ul_sheetrow **row,
	    struct rtable *t, struct ul_diags *diags)
{
	int want = rmap_header_row(opts->map), got;

	*dialect = opts->dialect;
	if ((got = next(s, row)) <= 0) {
		if (got == 0)
			ul_error(diags, t->src->file, 0, 0, "sheet '%s' is empty: no header row",
				 ul_spreadsheet_sheet(s));
		return -1;
	}
	if (want > 1) {
		while ((*row)->row < want)
			if ((got = next(s, row)) <= 0) {
				if (got == 0)
					ul_error(diags, t->src->file, 0, 0, "no header at row %d", want);
				return -1;
			}
		return 0;
	}
	if (rtable_title_row((*row)->cell, (*row)->len, (*row)->n, opts)) {
		int tl = (*row)->row;
		if ((got = next(s, row)) < 0)
			return -1;
		if (got == 1 && rtable_details_row((*row)->cell, (*row)->n)) {
			rtable_keep_groups(t, (*row)->cell, (*row)->n);
			if (*dialect == UL_DIALECT_AUTO)
				*dialect = UL_DIALECT_FRAMAFORMS;
			t->src->header_rows += 2;
			if ((got = next(s, row)) <= 0) {
				if (got == 0)
					ul_error(diags, t->src->file, 0, 0, "no header after the title rows");
				return -1;
			}
		} else {
			ul_error(diags, t->src->file, tl, 0,
				 "the first row holds one name only: a title, not a header");
			return -1;
		}
	}
	return 0;
}

/*
 * A row as wide as the header: the empty cells a spreadsheet leaves out
 * at the end are put back; a cell past the header is the row's problem.
 */
static int
emit(struct rtable *t, struct ul_spreadsheet *s, const struct ul_sheetrow *row,
     struct widen *w, ul_record_fn fn, void *ctx)
{
	char reason[200], cell[16];
	const char *problem = row->problem;
	size_t col = row->problem_col, n = row->n;

	if (!problem && n > t->nh) {
		problem = "a value past the header's last column";
		for (col = t->nh; col < n && row->len[col] == 0; col++)
			;
		if (col == n)
			problem = NULL;
		n = t->nh;
	}
	if (w->cap < t->nh) {
		w->cap = t->nh;
		w->cells = ul_xreallocarray(w->cells, w->cap, sizeof(*w->cells));
		w->len = ul_xreallocarray(w->len, w->cap, sizeof(*w->len));
	}
	for (size_t i = 0; i < t->nh; i++) {
		w->cells[i] = i < n ? row->cell[i] : (char *)"";
		w->len[i] = i < n ? row->len[i] : 0;
	}
	if (!problem)
		return rtable_row(t, w->cells, w->len, t->nh, row->row, NULL, fn, ctx);
	snprintf(reason, sizeof(reason), _("cell %s of sheet '%s' holds %s"),
		 ul_sheet_cellname(col, row->row, cell, sizeof(cell)),
		 ul_spreadsheet_sheet(s), problem);
	return rtable_row(t, w->cells, w->len, t->nh, row->row, reason, fn, ctx);
}

struct fitctx {
	const char *file, *data, *sheet;
	size_t len;
	const struct ul_ropts *opts;
	struct ul_diags *diags;	/* keeps the names of missing columns */
};

/* How well map fits the sheet's header (at the map's header row). */
static int
fit(void *arg, const struct ul_rmap *map, const char **missing)
{
	struct fitctx *f = arg;
	struct ul_ropts o = *f->opts;
	struct ul_diags quiet;
	struct ul_rsource scratch;
	struct ul_spreadsheet *s;
	const struct ul_sheetrow *row;
	enum ul_dialect d;
	struct rtable t;
	int n = -1;

	o.map = map;
	*missing = NULL;
	ul_diags_init(&quiet);
	memset(&scratch, 0, sizeof(scratch));
	rtable_init(&t, &o, &scratch, &quiet);
	if ((s = ul_spreadsheet_open(f->file, f->data, f->len, f->sheet, &quiet)) &&
	    find_header(s, &o, &d, &row, &t, &quiet) == 0)
		n = rmap_fit(map, row->cell, row->n, missing);
	/* missing points into the row: keep a copy the diags own. */
	if (*missing)
		*missing = ul_diags_keep(f->diags, ul_xstrdup(*missing));
	ul_spreadsheet_free(s);
	rtable_release(&t);
	ul_rsource_release(&scratch);
	ul_diags_release(&quiet);
	return n;
}

int
results_read_sheet(const char *data, size_t len, const char *sheet,
		   const struct ul_ropts *opts, ul_record_fn fn, void *ctx,
		   struct ul_rsource *src, struct ul_diags *diags)
{
	struct ul_spreadsheet *s;
	const struct ul_sheetrow *row;
	struct rtable t;
	enum ul_dialect dialect;
	struct widen w = { NULL, NULL, 0 };
	int got, ret = -1;

	struct ul_ropts chosen;
	if (!opts->map && opts->nmaps) {
		struct fitctx f = { src->file, data, sheet, len, opts, diags };
		chosen = *opts;
		chosen.map = rtable_choose_map(opts, src->file, fit, &f, diags);
		opts = &chosen;
	}
	if (!(s = ul_spreadsheet_open(src->file, data, len, sheet, diags)))
		return -1;
	rtable_init(&t, opts, src, diags);
	if (find_header(s, opts, &dialect, &row, &t, diags) < 0)
		goto done;
	rtable_keep_header(&t, row->cell, row->n, row->row);
	src->header_rows++;
	/* The row under the header first: an HXL row is a header line. */
	if ((got = next(s, &row)) == 1 && !row->problem &&
	    rtable_skip_row(&t, row->cell, row->len, row->n, row->row))
		got = next(s, &row);
	if (got < 0 || rtable_header(&t, NULL, 0, 0, dialect) < 0)
		goto done;
	for (; got == 1; got = next(s, &row)) {
		t.nrows++;
		if (emit(&t, s, row, &w, fn, ctx) < 0)
			goto done;
	}
	if (got == 0)
		ret = 0;
done:
	free(w.cells);
	free(w.len);
	rtable_release(&t);
	ul_spreadsheet_free(s);
	return ret;
}
