/* SPDX-License-Identifier: ISC */
/*
 * Results in CSV: reads the rows with lib/csv.c, finds the header (after
 * a title row, such as Framaforms' "Submission Details", or at the row a
 * mapping names) and hands every row to lib/results-table.c. Streams: one
 * row in memory at a time. A row the CSV reader could not read whole
 * (unterminated quote, invalid UTF-8, too long) is handed on with the
 * reason, to be quarantined, never dropped.
 * Part of the results readers (lib/results-int.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "input.h"
#include "intl.h"
#include "results-int.h"

static int
next_or_fail(struct ul_csv *c, struct ul_diags *diags)
{
	int got = ul_csv_next(c);

	if (got < 0)
		ul_input_error(diags, c->file, errno, UL_INPUT_MAX_STREAM);
	return got;
}

/*
 * Read up to the header row; 0 with *dialect set (Framaforms when its
 * title rows were seen), or -1 with an error.
 */
static int
find_header(struct ul_csv *c, const struct ul_ropts *opts, enum ul_dialect *dialect,
	    struct rtable *t, struct ul_diags *diags)
{
	int got, want_row = rmap_header_row(opts->map) > 1 ? rmap_header_row(opts->map) : 1;

	*dialect = opts->dialect;
	if ((got = next_or_fail(c, diags)) < 0)
		return -1;
	if (got == 0) {
		ul_error(diags, c->file, 0, 0, "empty file: no header line");
		return -1;
	}
	/* Framaforms: a title row, "Submission Details", then the labels. */
	if (want_row == 1 && !c->problem && rtable_title_row(c->field, c->len, c->n, opts)) {
		int tl = c->line;
		if ((got = next_or_fail(c, diags)) < 0)
			return -1;
		if (got == 1 && !c->problem && rtable_details_row(c->field, c->n)) {
			want_row = 3;
			if (t)
				rtable_keep_groups(t, c->field, c->n);
			if (*dialect == UL_DIALECT_AUTO)
				*dialect = UL_DIALECT_FRAMAFORMS;
		} else {
			ul_error(diags, c->file, tl, 0,
				 "the first line holds one name only: a title, not a header");
			return -1;
		}
	}
	while (c->recno < want_row) {
		if ((got = next_or_fail(c, diags)) < 0)
			return -1;
		if (got == 0) {
			ul_error(diags, c->file, 0, 0, "no header at row %d", want_row);
			return -1;
		}
	}
	if (c->problem) {
		ul_error(diags, c->file, c->problem_line, 0, "header: %s",
			 ul_csv_problem_name(c->problem));
		return -1;
	}
	if (t)
		t->src->header_rows += (size_t)c->recno;
	return 0;
}

/* Hand one CSV row on, with the reason when it could not be read whole. */
static int
emit(struct rtable *t, const struct ul_csv *c, ul_record_fn fn, void *ctx)
{
	char reason[160];

	switch (c->problem) {
	case UL_CSV_OK:
		return rtable_row(t, c->field, c->len, c->n, c->line, NULL, fn, ctx);
	case UL_CSV_UNTERMINATED:
		snprintf(reason, sizeof(reason),
			 _("unterminated quoted field (opened at line %d)"), c->problem_line);
		return rtable_row(t, c->field, c->len, c->n, c->line, reason, fn, ctx);
	case UL_CSV_BADUTF8:
		snprintf(reason, sizeof(reason), _("invalid UTF-8 in column '%.*s'"),
			 UL_CUT(c->problem_field < t->nh ? t->hdr[c->problem_field] : "?", 80));
		/* Nothing of it can be trusted as text. */
		return rtable_row(t, NULL, NULL, 0, c->line, reason, fn, ctx);
	default:
		return rtable_row(t, NULL, NULL, 0, c->line,
				  ul_csv_problem_name(c->problem), fn, ctx);
	}
}

struct fitctx {
	FILE *fp;
	const char *file;
	const struct ul_ropts *opts;
};

/* How well map fits the header of fp (read from the start): see rmap_fit. */
static int
fit(void *arg, const struct ul_rmap *map, const char **missing)
{
	struct fitctx *f = arg;
	struct ul_ropts o = *f->opts;
	struct ul_csv c;
	struct ul_diags quiet;
	enum ul_dialect d;
	int n = -1;

	o.map = map;
	*missing = NULL;
	memset(&c, 0, sizeof(c));
	ul_diags_init(&quiet);
	if (fseek(f->fp, 0, SEEK_SET) == 0 && ul_csv_open(&c, f->file, f->fp, 0) == 0 &&
	    find_header(&c, &o, &d, NULL, &quiet) == 0)
		n = rmap_fit(map, c.field, c.n, missing);
	ul_csv_release(&c);
	ul_diags_release(&quiet);
	return n;
}

int
results_read_csv(FILE *fp, const struct ul_ropts *opts, ul_record_fn fn, void *ctx,
		 struct ul_rsource *src, struct ul_diags *diags)
{
	struct rtable t;
	struct ul_csv csv;
	enum ul_dialect dialect;
	struct ul_ropts chosen;
	int got, ret = -1;

	if (!opts->map && opts->nmaps) {
		struct fitctx f = { fp, src->file, opts };
		chosen = *opts;
		chosen.map = rtable_choose_map(opts, src->file, fit, &f, diags);
		fseek(fp, 0, SEEK_SET);
		opts = &chosen;
	}
	rtable_init(&t, opts, src, diags);
	memset(&csv, 0, sizeof(csv));
	if (ul_csv_open(&csv, src->file, fp, 0) < 0) {
		ul_input_error(diags, src->file, errno, UL_INPUT_MAX_STREAM);
		goto done;
	}
	if (find_header(&csv, opts, &dialect, &t, diags) < 0)
		goto done;
	rtable_keep_header(&t, csv.field, csv.n, csv.line);
	/* The row under the header first: an HXL row is a header line. */
	if ((got = next_or_fail(&csv, diags)) == 1 && !csv.problem &&
	    rtable_skip_row(&t, csv.field, csv.len, csv.n, csv.line))
		got = next_or_fail(&csv, diags);
	if (rtable_header(&t, NULL, 0, 0, dialect) < 0)
		goto done;
	for (; got == 1; got = next_or_fail(&csv, diags)) {
		t.nrows++;
		if (emit(&t, &csv, fn, ctx) < 0)
			goto done;
	}
	if (got == 0)
		ret = 0;
done:
	rtable_release(&t);
	ul_csv_release(&csv);
	return ret;
}
