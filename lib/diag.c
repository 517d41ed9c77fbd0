/* SPDX-License-Identifier: ISC */
/*
 * Diagnostics: collection, ordering and the single printer.
 * Knows nothing of argv or exit(): bin/ decides what a code means.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "intl.h"
#include "util.h"

void
ul_diags_init(struct ul_diags *d)
{
	memset(d, 0, sizeof(*d));
}

void
ul_diags_release(struct ul_diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->v[i].msg);
	free(d->v);
	for (size_t i = 0; i < d->nkept; i++)
		free(d->kept[i]);
	free(d->kept);
	ul_diags_init(d);
}

const char *
ul_diag_input_name(const char *path)
{
	return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

const char *
ul_diag_output_name(const char *path)
{
	return strcmp(path, "-") == 0 ? "<stdout>" : path;
}

const char *
ul_diags_keep(struct ul_diags *d, char *s)
{
	d->kept = ul_xreallocarray(d->kept, d->nkept + 1, sizeof(*d->kept));
	d->kept[d->nkept++] = s;
	return s;
}

int
ul_diag_vadd(struct ul_diags *d, enum ul_level level, enum ul_code code,
	     const char *file, int line, int col, const char *fmt, va_list ap)
{
	if (level == UL_ERROR)
		d->errors++;
	else if (level == UL_WARNING)
		d->warnings++;
	if (ul_diags_full(d, level)) {
		d->dropped++;
		return -1;
	}
	d->recorded[level]++;
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->v = ul_xreallocarray(d->v, d->cap, sizeof(*d->v));
	}
	struct ul_diag *g = &d->v[d->n];
	g->file = file;
	g->line = line;
	g->col = col;
	g->level = level;
	g->code = code;
	/*
	 * Callers give the English format, a literal the compiler checks;
	 * xgettext collects it through the keywords these functions are
	 * (Makefile XGETTEXT_KEYWORDS), and it is translated here, once.
	 */
	g->msg = ul_xvasprintf(_(fmt), ap);
	g->seq = d->n++;
	return -1;
}

bool
ul_diags_full(const struct ul_diags *d, enum ul_level level)
{
	return d->recorded[level] >= (d->max ? d->max : 1000);
}

int
ul_diag_add(struct ul_diags *d, enum ul_level level, enum ul_code code,
	    const char *file, int line, int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ul_diag_vadd(d, level, code, file, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

int
ul_error(struct ul_diags *d, const char *file, int line, int col,
	 const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ul_diag_vadd(d, UL_ERROR, UL_EDATA, file, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

void
ul_warning(struct ul_diags *d, const char *file, int line, int col,
	   const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ul_diag_vadd(d, UL_WARNING, UL_EDATA, file, line, col, fmt, ap);
	va_end(ap);
}

/*
 * Files are ordered by their first appearance, not by name, so that the
 * diagnostics of one input stay together in the order inputs were given.
 * The rank is computed once per diagnostic before sorting: a run names
 * few files, and comparisons stay cheap whatever the number of problems.
 */
static bool
same_file(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static void
rank_files(struct ul_diags *d)
{
	const char **seen = ul_xreallocarray(NULL, d->n, sizeof(*seen));
	size_t nseen = 0;

	for (size_t i = 0; i < d->n; i++) {
		size_t r = 0;
		while (r < nseen && !same_file(seen[r], d->v[i].file))
			r++;
		if (r == nseen)
			seen[nseen++] = d->v[i].file;
		d->v[i].file_rank = r;
	}
	free(seen);
}

static int
cmp_diag(const void *pa, const void *pb)
{
	const struct ul_diag *a = pa, *b = pb;

	if (a->file_rank != b->file_rank)
		return a->file_rank < b->file_rank ? -1 : 1;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void
ul_diags_sort(struct ul_diags *d)
{
	if (d->n < 2)
		return;
	rank_files(d);
	qsort(d->v, d->n, sizeof(*d->v), cmp_diag);
}

/*
 * The severity word is translated, as gcc does ("erreur : " in French),
 * colon and spacing included since French typography puts a space before
 * it. The "file:line:col: " prefix never changes: editors find positions
 * by it in any language. Scripts that match the English words run with
 * LC_ALL=C (the test suite does).
 */
static const char *
level_label(enum ul_level l)
{
	switch (l) {
	case UL_ERROR:
		return _("error: ");
	case UL_WARNING:
		return _("warning: ");
	default:
		return _("note: ");
	}
}

static void
print_one(const struct ul_diag *g, FILE *fp, const char *prog)
{
	if (g->file) {
		fputs(g->file, fp);
		if (g->line > 0) {
			fprintf(fp, ":%d", g->line);
			if (g->col > 0)
				fprintf(fp, ":%d", g->col);
		}
	} else
		fputs(prog, fp);
	fprintf(fp, ": %s%s\n", level_label(g->level), g->msg);
}

/*
 * Errors are all shown (up to what was recorded): each one stops the
 * output and the user fixes them all. Warnings and notes past the first
 * UL_DIAGS_SHOWN of their level are counted instead, and a closing count
 * says how many problems there were.
 */
void
ul_diags_report(const struct ul_diags *d, FILE *fp, const char *prog,
		unsigned flags)
{
	size_t shown[3] = { 0 }, total[3] = { 0 };
	bool all = flags & UL_DIAGS_ALL, quiet = flags & UL_DIAGS_QUIET;

	for (size_t i = 0; i < d->n; i++)
		total[d->v[i].level]++;
	/* the counter also saw what was not recorded */
	total[UL_WARNING] = d->warnings;
	for (size_t i = 0; i < d->n; i++) {
		const struct ul_diag *g = &d->v[i];
		if (g->level == UL_NOTE && quiet)
			continue;
		if (!all && g->level != UL_ERROR &&
		    shown[g->level] >= UL_DIAGS_SHOWN)
			continue;
		shown[g->level]++;
		print_one(g, fp, prog);
	}
	if (d->dropped) {
		fprintf(fp, "%s: %s", prog, level_label(UL_NOTE));
		fprintf(fp, P_("%zu more diagnostic not shown\n",
			       "%zu more diagnostics not shown\n", d->dropped),
			d->dropped);
	}
	if (all)
		return;
	if (total[UL_WARNING] > shown[UL_WARNING]) {
		size_t more = total[UL_WARNING] - shown[UL_WARNING];
		fprintf(fp, "%s: %s", prog, level_label(UL_NOTE));
		fprintf(fp, P_("... and %zu more warning (%zu in all)\n",
			       "... and %zu more warnings (%zu in all)\n", more),
			more, total[UL_WARNING]);
	}
	if (!quiet && total[UL_NOTE] > shown[UL_NOTE]) {
		size_t more = total[UL_NOTE] - shown[UL_NOTE];
		fprintf(fp, "%s: %s", prog, level_label(UL_NOTE));
		fprintf(fp, P_("... and %zu more note\n",
			       "... and %zu more notes\n", more), more);
	}
	if (d->errors + d->warnings > UL_DIAGS_SHOWN) {
		/* two plurals: one sentence per count keeps each translatable */
		fprintf(fp, "%s: ", prog);
		fprintf(fp, P_("%zu error", "%zu errors", d->errors), d->errors);
		fputs(_(" and "), fp);
		fprintf(fp, P_("%zu warning\n", "%zu warnings\n", d->warnings),
			d->warnings);
	}
}

void
ul_diags_print(const struct ul_diags *d, FILE *fp, const char *prog)
{
	ul_diags_report(d, fp, prog, 0);
}

int
ul_diags_exit_code(const struct ul_diags *d)
{
	int code = 0;

	if (!d->errors)
		return 0;
	for (size_t i = 0; i < d->n; i++) {
		const struct ul_diag *g = &d->v[i];
		if (g->level != UL_ERROR)
			continue;
		/*
		 * Output and I/O failures outrank data errors: the user must
		 * fix the disk before the data matters.
		 */
		if (code == 0 || (int)g->code > code)
			code = g->code;
	}
	return code ? code : UL_EDATA;
}
