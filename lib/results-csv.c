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
			 "unterminated quoted field (opened at line %d)", c->problem_line);
		return rtable_row(t, c->field, c->len, c->n, c->line, reason, fn, ctx);
	case UL_CSV_BADUTF8:
		snprintf(reason, sizeof(reason), "invalid UTF-8 in column '%.*s'",
			 UL_CUT(c->problem_field < t->nh ? t->hdr[c->problem_field] : "?", 80));
		/* Nothing of it can be trusted as text. */
		return rtable_row(t, NULL, NULL, 0, c->line, reason, fn, ctx);
	default:
		return rtable_row(t, NULL, NULL, 0, c->line,
				  ul_csv_problem_name(c->problem), fn, ctx);
	}
}

/* How well map fits the header of fp (read from the start): see rmap_fit. */
static int
fit(FILE *fp, const char *file, const struct ul_ropts *opts, const struct ul_rmap *map,
    const char **missing)
{
	struct ul_ropts o = *opts;
	struct ul_csv c;
	struct ul_diags quiet;
	enum ul_dialect d;
	int n = -1;

	o.map = map;
	*missing = NULL;
	memset(&c, 0, sizeof(c));
	ul_diags_init(&quiet);
	if (fseek(fp, 0, SEEK_SET) == 0 && ul_csv_open(&c, file, fp, 0) == 0 &&
	    find_header(&c, &o, &d, NULL, &quiet) == 0)
		n = rmap_fit(map, c.field, c.n, missing);
	ul_csv_release(&c);
	ul_diags_release(&quiet);
	return n;
}

/*
 * The mapping for this input among several: the one that fits its header
 * and names most of its columns (the first on a tie), or none, said in a
 * note for each that does not fit. fp is left at its start.
 */
static const struct ul_rmap *
choose_map(FILE *fp, const char *file, const struct ul_ropts *opts,
	   struct ul_diags *diags)
{
	const struct ul_rmap *best = NULL;
	const char **missing = ul_xcalloc(opts->nmaps, sizeof(*missing));
	int bestn = -1;

	for (size_t k = 0; k < opts->nmaps; k++) {
		int n = fit(fp, file, opts, opts->maps[k], &missing[k]);
		if (n > bestn) {
			bestn = n;
			best = opts->maps[k];
		}
	}
	for (size_t k = 0; !best && k < opts->nmaps; k++)
		ul_diag_add(diags, UL_NOTE, UL_EDATA, file, 0, 0,
			    "mapping '%s' does not fit: %s%s%s", ul_rmap_file(opts->maps[k]),
			    missing[k] ? "no column '" : "no header found",
			    missing[k] ? missing[k] : "", missing[k] ? "'" : "");
	free(missing);
	fseek(fp, 0, SEEK_SET);
	return best;
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
		chosen = *opts;
		chosen.map = choose_map(fp, src->file, opts, diags);
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
