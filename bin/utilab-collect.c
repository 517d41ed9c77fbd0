/* SPDX-License-Identifier: ISC */
/*
 * utilab-collect: merge results files and form exports into one report.
 * Thin: options, the order of the steps, diagnostics and exit codes; the
 * work is lib/results.c (reading), lib/merge.c and lib/report.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "collect.h"
#include "datadir.h"
#include "diag.h"
#include "merge.h"
#include "intl.h"
#include "opts.h"
#include "report.h"
#include "pdfout.h"
#include "results.h"
#include "synthesis.h"
#include "util.h"
#include "workshop.h"

/*
 * The report was written, but records are in the quarantine: some (3) or
 * all of them (4). Below sysexits' range, so that a script tells "look at
 * the quarantine" from a failure.
 */
#define EXIT_QUARANTINED 3
#define EXIT_ALL_QUARANTINED 4

static const char prog[] = "utilab-collect";

enum { OPT_NO_REDACT = CLI_LONG_ONLY + 1, OPT_QUIET };

static const char *const report_formats[] = {
	"md", "json", "csv", "csv-excel", "html", "pdf", NULL
};
static const char *const page_sizes[] = { "a4", "a5", NULL };

static size_t
dialect_names(const char **names, size_t max)
{
	return ul_dialect_names(names, max);
}

static const struct cli_opt options[] = {
	CLI_OPT('w', "workshop", "FILE", N_("validate against this workshop "
	  "definition (repeat: one per workshop of the method, the first "
	  "names it)"), .flags = CLI_REPEAT),
	CLI_OPT('T', "to", "FORMAT", N_("report format; csv-excel has ';' and a BOM, "
	  "for Excel in French; pdf is the synthesis typeset, with its "
	  "charts"), .what = N_("report format"), .values = report_formats, .def = "md", .flags = CLI_OPEN),
	CLI_OPT('s', "size", "SIZE", N_("-T pdf page size"), .what = N_("page size"), .values = page_sizes, .def = "a4"),
	CLI_OPT('F', "from", "DIALECT", N_("the dialect of the table inputs"), .what = N_("input format"), .list = dialect_names, .def = "auto"),
	CLI_OPT('m', "map", "FILE", N_("column mapping, for the table inputs whose "
	  "header holds its columns (repeat for several)"), .flags =
	  CLI_REPEAT),
	CLI_OPT('q', "quarantine", "FILE", N_("also write the quarantined records "
	  "there (CSV)")),
	CLI_OPT('o', "output", "FILE", N_("write the report there (default: "
	  "standard output)")),
	CLI_OPT(OPT_NO_REDACT, "no-redact", NULL, N_("keep e-mail addresses and "
	  "phone numbers in texts (masked by default; -r, --redact is the "
	  "default)")),
	CLI_OPT('r', "redact", NULL, N_("mask e-mail addresses and phone numbers "
	  "(the default)"), .flags = CLI_NOSYNOPSIS),
	/* -q is --quarantine here, as it has always been */
	CLI_OPT(OPT_QUIET, "quiet", NULL, N_("no progress line, no notes and no "
	  "count of the records; warnings and errors still print")),
	CLI_OPT_HELP,
	CLI_OPT_VERSION,
	{ 0 }
};

static const struct cli_cmd cmd = {
	prog, N_("RESULTS..."), NULL, options,
	N_("RESULTS: YAML, CSV or TSV, .xlsx or .ods (FILE:SHEET for a sheet "
	   "other than\nthe first), a JSON list of records (Decidim), or - for "
	   "stdin\n"
	   "exit status: 0 all kept, 3 some records quarantined, 4 all "
	   "quarantined,\n"
	   "  64 usage, 65 bad input, 66 missing input, 73/74 cannot write\n")
};

#define usage_error(...) cli_usage_error(&cmd, __VA_ARGS__)

struct args {
	const char *qpath, *out;
	const char **wpaths;	/* -w, in the order given */
	size_t nws;
	const char **mpaths;
	size_t nmaps;
	enum ul_report_format format;
	bool pdf;		/* -T pdf: typeset (lib/synthesis), not a writer */
	double page_w, page_h;	/* -s */
	struct ul_ropts ropts;
	struct ul_merge_opts mopts;
	char **inputs;
	int nin;
	bool quiet;		/* --quiet */
};

/* Write a report through a temporary file; 0 or -1 with diagnostics. */
static int
write_out(const char *path, int quarantine, enum ul_report_format f,
	  const struct ul_merge *m, struct ul_diags *diags)
{
	struct ul_atomic a;

	memset(&a, 0, sizeof(a));
	if (ul_atomic_open(&a, path, true, diags) < 0)
		return -1;
	setvbuf(a.fp, NULL, _IOFBF, 1 << 20);
	if (quarantine)
		ul_report_write_quarantine(a.fp, m);
	else
		ul_report_write(a.fp, f, m);
	if (ul_atomic_commit(&a, diags) < 0) {
		ul_atomic_abort(&a);
		return -1;
	}
	return 0;
}

/* Options; -1 to go on, else the exit status. */
static int
parse_args(int argc, char **argv, struct args *a)
{
	struct cli_parser opts;
	int c;

	cli_parser_init(&opts, &cmd);
	while ((c = cli_next(&opts, argc, argv)) != -1) {
		switch (c) {
		case 'F':
			/* the table lists lib/dialect.c's names: it is one */
			ul_dialect_parse(optarg, &a->ropts.dialect);
			break;
		case 'm':
			a->mpaths = ul_xreallocarray(a->mpaths, a->nmaps + 1, sizeof(char *));
			a->mpaths[a->nmaps++] = optarg;
			break;
		case 'o':
			a->out = optarg;
			break;
		case 'q':
			a->qpath = optarg;
			break;
		case 'r':
			a->mopts.redact = true;
			break;
		case OPT_NO_REDACT:
			a->mopts.redact = false;
			break;
		case 's':
			if (opts.value == 0)
				a->page_w = 210, a->page_h = 297;
			else
				a->page_w = 148, a->page_h = 210;
			break;
		case 'T':
			/* open: lib/report.c also takes "markdown" */
			a->pdf = strcmp(optarg, "pdf") == 0;
			if (!a->pdf && ul_report_format_parse(optarg, &a->format) < 0) {
				char list[128];
				return usage_error("unknown report format '%s': use %s",
						 optarg, cli_value_list(opts.opt, list,
									sizeof(list)));
			}
			break;
		case 'w':
			a->wpaths = ul_xreallocarray(a->wpaths, a->nws + 1,
						     sizeof(*a->wpaths));
			a->wpaths[a->nws++] = optarg;
			break;
		case OPT_QUIET:
			a->quiet = true;
			break;
		case CLI_EXIT:
			return opts.status;
		}
	}
	a->inputs = argv + optind;
	a->nin = argc - optind;
	if (a->nin < 1)
		return usage_error("no results to collect");
	return -1;
}

/* The typeset synthesis, through lib/pdfout (temporary file, renamed). */
static int
write_pdf(const struct args *a, const struct ul_merge *m, struct ul_diags *diags)
{
	struct ul_out_meta meta = { m->workshop_title ? m->workshop_title :
				    m->workshop_id, "utilab synthesis", "utilab-collect",
				    "utilab-collect " UL_VERSION, NULL };
	struct ul_out *o = ul_out_new(UL_OUT_PDF, a->out, 0, &meta, diags);
	char *fontdir;
	int rc;

	if (!o)
		return -1;
	fontdir = ul_datadir_path("fonts");
	rc = ul_synthesis_pdf(m, o, a->page_w, a->page_h, fontdir, diags);
	free(fontdir);
	if (rc < 0) {
		ul_out_abort(o);
		return -1;
	}
	return ul_out_finish(o);
}

/*
 * Never both outputs to one file; an output that is an input is refused by
 * lib/atomic when it is opened (73), as in every command. -1 when fine.
 */
static int
check_outputs(const struct args *a)
{
	int stdin_uses = 0;

	for (size_t w = 0; w < a->nws; w++)
		stdin_uses += strcmp(a->wpaths[w], "-") == 0;
	for (int i = 0; i < a->nin; i++)
		stdin_uses += strcmp(a->inputs[i], "-") == 0;
	for (size_t k = 0; k < a->nmaps; k++)
		stdin_uses += strcmp(a->mpaths[k], "-") == 0;
	if (stdin_uses > 1)
		return usage_error("standard input ('-') can be read only once");
	if (a->pdf && strcmp(a->out, "-") == 0 && isatty(STDOUT_FILENO))
		return usage_error("refusing to write a PDF to a terminal: use -o or a pipe");
	if (a->qpath && strcmp(a->qpath, "-") == 0 && strcmp(a->out, "-") == 0)
		return usage_error("the report and the quarantine cannot both go to "
				 "standard output");
	if (a->qpath && strcmp(a->out, "-") != 0 &&
	    (strcmp(a->qpath, a->out) == 0 || ul_same_file(a->qpath, a->out)))
		return usage_error("the report and the quarantine are the same file '%s'",
				 a->out);
	return -1;
}

/*
 * The workshops given with -w: the first names the report; a record is
 * checked against the one its results name. Returns 0, or -1 with errors.
 */
static int
load_workshops(const struct args *a, struct ul_workshop *ws,
	       const struct ul_workshop **more, struct ul_diags *diags)
{
	int rc = 0;

	for (size_t w = 0; w < a->nws; w++) {
		if (ul_workshop_load(&ws[w], a->wpaths[w], diags) < 0)
			rc = -1;
		else if (w)
			more[w - 1] = &ws[w];
	}
	for (size_t w = 0; w < a->nws && !rc; w++)
		for (size_t k = 0; k < w; k++)
			if (strcmp(ws[k].id, ws[w].id) == 0) {
				ul_error(diags, ws[w].file, 0, 0, "workshop '%s' is given "
					 "twice (also in '%s')", ws[w].id, ws[k].file);
				rc = -1;
			}
	return rc;
}

/* Read every input into the merge; the number that could not be read. */
/* Each record read goes to the merge, and is counted on the progress line. */
struct counted {
	struct ul_merge *m;
	struct ul_progress progress;
};

static int
add_counted(void *ctx, const struct ul_record *r)
{
	struct counted *c = ctx;

	ul_progress_add(&c->progress, 1);
	return ul_merge_add(c->m, r);
}

static int
read_all(struct args *a, struct ul_merge *m, struct ul_rsource *srcs,
	 struct ul_diags *diags)
{
	int unreadable = 0;

	struct counted c = { m, { 0 } };

	cli_progress(&c.progress, a->quiet);
	ul_progress_start(&c.progress, N_("records"), 0);
	for (int i = 0; i < a->nin; i++) {
		const char *in = a->inputs[i];
		ul_merge_source(m, ul_diag_input_name(in), &srcs[i]);
		if (ul_results_read(in, &a->ropts, add_counted, &c, &srcs[i],
				    diags) < 0)
			unreadable++;
	}
	ul_progress_end(&c.progress);
	return unreadable;
}

/* Merge, report; the exit status. */
static int
collect(struct args *a, struct ul_diags *diags)
{
	struct ul_rsource *srcs = ul_xcalloc((size_t)a->nin, sizeof(*srcs));
	struct ul_merge m;
	int code = 0;

	ul_merge_init(&m, &a->mopts);
	int unreadable = read_all(a, &m, srcs, diags);
	if (!unreadable)
		ul_merge_finish(&m, diags);
	ul_diags_sort(diags);
	ul_diags_report(diags, stderr, prog, a->quiet ? UL_DIAGS_QUIET : 0);
	if (unreadable) {
		code = ul_diags_exit_code(diags);
		if (!code)
			code = UL_EDATA;
		goto out;
	}
	/* TRANSLATORS: the conservation of records: in = kept + duplicates + quarantined */
	if (!a->quiet)
		fprintf(stderr, P_("%s: %zu in = %zu kept + %zu duplicate + %zu quarantined\n",
				   "%s: %zu in = %zu kept + %zu duplicates + %zu quarantined\n",
				   m.duplicates),
			prog, m.in, m.kept, m.duplicates, m.quarantined);
	ul_diags_release(diags);
	ul_diags_init(diags);
	/* Both outputs checked before either is written. */
	if ((a->qpath && ul_atomic_check_target(a->qpath, diags) < 0) ||
	    ul_atomic_check_target(a->out, diags) < 0 ||
	    (a->qpath && write_out(a->qpath, 1, a->format, &m, diags) < 0) ||
	    (a->pdf ? write_pdf(a, &m, diags) : write_out(a->out, 0, a->format, &m,
							  diags)) < 0) {
		ul_diags_report(diags, stderr, prog, a->quiet ? UL_DIAGS_QUIET : 0);
		code = ul_diags_exit_code(diags);
		if (!code)
			code = UL_EIO;
	} else if (m.quarantined)
		code = m.kept || m.duplicates ? EXIT_QUARANTINED : EXIT_ALL_QUARANTINED;
out:
	ul_merge_release(&m);
	for (int i = 0; i < a->nin; i++)
		ul_rsource_release(&srcs[i]);
	free(srcs);
	return code;
}

int
main(int argc, char **argv)
{
	ul_intl_init();	/* before anything prints */
	struct args a = { .out = "-", .format = UL_REPORT_MD, .page_w = 210,
			  .page_h = 297 };
	struct ul_workshop *ws = NULL;
	const struct ul_workshop **more = NULL;
	struct ul_diags diags;
	struct ul_rmap **maps = NULL;
	struct ul_collect_workshop readers = { 0 };
	int code;

	a.ropts.dialect = UL_DIALECT_AUTO;
	a.mopts.redact = true;	/* reports end up in public guides */
	if ((code = parse_args(argc, argv, &a)) >= 0 || (code = check_outputs(&a)) >= 0) {
		free(a.mpaths);
		free(a.wpaths);
		return code;
	}
	code = 0;
	ul_diags_init(&diags);
	if (a.nws) {
		ws = ul_xcalloc(a.nws, sizeof(*ws));
		more = ul_xcalloc(a.nws, sizeof(*more));
		if (load_workshops(&a, ws, more, &diags) < 0)
			goto fail;
		a.mopts.ws = &ws[0];
		a.mopts.more = more;
		a.mopts.nmore = a.nws - 1;
		ul_collect_workshop(&readers, &a.mopts, &a.ropts);
	}
	maps = ul_xcalloc(a.nmaps + 1, sizeof(*maps));
	for (size_t k = 0; k < a.nmaps; k++)
		if (!(maps[k] = ul_rmap_load(a.mpaths[k], &diags)))
			goto fail;
	a.ropts.maps = (const struct ul_rmap *const *)maps;
	a.ropts.nmaps = a.nmaps;
	code = collect(&a, &diags);
	goto out;
fail:
	ul_diags_sort(&diags);
	ul_diags_report(&diags, stderr, prog, a.quiet ? UL_DIAGS_QUIET : 0);
	code = ul_diags_exit_code(&diags);
	if (!code)
		code = UL_EDATA;
out:
	for (size_t k = 0; maps && k < a.nmaps; k++)
		ul_rmap_free(maps[k]);
	free(maps);
	free(a.mpaths);
	ul_collect_workshop_release(&readers);
	for (size_t w = 0; w < a.nws; w++)
		ul_workshop_release(&ws[w]);
	free(ws);
	free(more);
	free(a.wpaths);
	ul_diags_release(&diags);
	return code;
}
