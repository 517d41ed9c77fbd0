/*
 * utilab-collect: merge results files and form exports into one report.
 * Thin: options, the order of the steps, diagnostics and exit codes; the
 * work is lib/results.c (reading), lib/merge.c and lib/report.c.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "cli.h"
#include "collect.h"
#include "datadir.h"
#include "diag.h"
#include "merge.h"
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

static const char *prog = "utilab-collect";

static void
usage(FILE *fp)
{
	fprintf(fp,
		"usage: %s [--no-redact] [-w WORKSHOP.yaml]... [-T FORMAT] [-F DIALECT]\n"
		"                      [-m MAP.yaml]... [-q QUARANTINE.csv] [-o OUT] RESULTS...\n"
		"  -w, --workshop FILE    validate against this workshop definition (repeat:\n"
		"                         one per workshop of the method, the first names it)\n"
		"  -T, --to FORMAT        report format: md (default), json, csv, html,\n"
		"                         csv-excel (';' and a BOM, for Excel in French),\n"
		"                         pdf (the synthesis typeset, with its charts)\n"
		"  -s, --size SIZE        -T pdf page size: a4 (default) or a5\n"
		"  -F, --from DIALECT     table inputs: auto (default), utilab, kobo,\n"
		"                         framaforms, webform, decidim, miro\n"
		"  -m, --map FILE         column mapping, for the table inputs whose header\n"
		"                         holds its columns (repeat for several)\n"
		"  -q, --quarantine FILE  also write the quarantined records there (CSV)\n"
		"  -o, --output FILE      write the report there (default: standard output)\n"
		"      --no-redact        keep e-mail addresses and phone numbers in texts\n"
		"                         (masked by default; -r, --redact is the default)\n"
		"  -h, --help             show this help\n"
		"      --version          show the version\n"
		"RESULTS: YAML, CSV or TSV, .xlsx or .ods (FILE:SHEET for a sheet other\n"
		"than the first), a JSON list of records (Decidim), or - for stdin\n"
		"exit status: 0 all kept, 3 some records quarantined, 4 all quarantined,\n"
		"  64 usage, 65 bad input, 66 missing input, 73/74 cannot write\n",
		prog);
}

#define usage_error(...) cli_usage_error(prog, usage, __VA_ARGS__)

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
	enum { OPT_VERSION = 256, OPT_NO_REDACT };
	static const struct option longopts[] = {
		{ "workshop", required_argument, NULL, 'w' },
		{ "to", required_argument, NULL, 'T' },
		{ "from", required_argument, NULL, 'F' },
		{ "map", required_argument, NULL, 'm' },
		{ "quarantine", required_argument, NULL, 'q' },
		{ "output", required_argument, NULL, 'o' },
		{ "size", required_argument, NULL, 's' },
		{ "redact", no_argument, NULL, 'r' },
		{ "no-redact", no_argument, NULL, OPT_NO_REDACT },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "F:hm:o:q:rs:T:w:", longopts, NULL)) != -1) {
		switch (c) {
		case 'F':
			if (ul_dialect_parse(optarg, &a->ropts.dialect) < 0)
				return usage_error("unknown input format '%s' (auto, utilab, "
						 "kobo, framaforms, webform, decidim, miro)", optarg);
			break;
		case 'h':
			return cli_help(prog, usage);
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
			if (strcmp(optarg, "a4") == 0 || strcmp(optarg, "A4") == 0)
				a->page_w = 210, a->page_h = 297;
			else if (strcmp(optarg, "a5") == 0 || strcmp(optarg, "A5") == 0)
				a->page_w = 148, a->page_h = 210;
			else
				return usage_error("unknown page size '%s' (a4, a5)", optarg);
			break;
		case 'T':
			a->pdf = strcmp(optarg, "pdf") == 0;
			if (!a->pdf && ul_report_format_parse(optarg, &a->format) < 0)
				return usage_error("unknown report format '%s' (md, json, csv, "
						 "csv-excel, html, pdf)", optarg);
			break;
		case 'w':
			a->wpaths = ul_xreallocarray(a->wpaths, a->nws + 1,
						     sizeof(*a->wpaths));
			a->wpaths[a->nws++] = optarg;
			break;
		case OPT_VERSION:
			return cli_version(prog);
		default:
			usage(stderr);
			return UL_EUSAGE;
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
static int
read_all(struct args *a, struct ul_merge *m, struct ul_rsource *srcs,
	 struct ul_diags *diags)
{
	int unreadable = 0;

	for (int i = 0; i < a->nin; i++) {
		const char *in = a->inputs[i];
		ul_merge_source(m, strcmp(in, "-") == 0 ? "<stdin>" : in, &srcs[i]);
		if (ul_results_read(in, &a->ropts, ul_merge_add, m, &srcs[i], diags) < 0)
			unreadable++;
	}
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
	ul_diags_print(diags, stderr, prog);
	if (unreadable) {
		code = ul_diags_exit_code(diags);
		if (!code)
			code = UL_EDATA;
		goto out;
	}
	/* TRANSLATORS: the conservation of records: in = kept + duplicates + quarantined */
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
		ul_diags_print(diags, stderr, prog);
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
	ul_diags_print(&diags, stderr, prog);
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
