/*
 * utilab-collect: merge results files and form exports into one report.
 * Thin: options, the order of the steps, diagnostics and exit codes; the
 * work is lib/results.c (reading), lib/merge.c and lib/report.c.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "cli.h"
#include "diag.h"
#include "merge.h"
#include "report.h"
#include "results.h"
#include "util.h"
#include "workshop.h"

static const char *prog = "utilab-collect";

static void
usage(FILE *fp)
{
	fprintf(fp,
		"usage: %s [-r] [-w WORKSHOP.yaml] [-T md|json|csv|html] [-F FORMAT]\n"
		"                      [-m MAP.yaml] [-q QUARANTINE.csv] [-o OUT] RESULTS...\n"
		"  -w, --workshop FILE    validate against this workshop definition\n"
		"  -T, --to FORMAT        report format: md (default), json, csv, html\n"
		"  -F, --from DIALECT     CSV inputs: auto (default), utilab, kobo,\n"
		"                         framaforms, decidim, miro\n"
		"  -m, --map FILE         column mapping for other CSV exports\n"
		"  -q, --quarantine FILE  also write the quarantined records there (CSV)\n"
		"  -o, --output FILE      write the report there (default: standard output)\n"
		"  -r, --redact           mask e-mail addresses and phone numbers in texts\n"
		"  -h, --help             show this help\n"
		"      --version          show the version\n",
		prog);
}

#define usage_error(...) cli_usage_error(prog, usage, __VA_ARGS__)

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

int
main(int argc, char **argv)
{
	enum { OPT_VERSION = 256 };
	static const struct option longopts[] = {
		{ "workshop", required_argument, NULL, 'w' },
		{ "to", required_argument, NULL, 'T' },
		{ "from", required_argument, NULL, 'F' },
		{ "map", required_argument, NULL, 'm' },
		{ "quarantine", required_argument, NULL, 'q' },
		{ "output", required_argument, NULL, 'o' },
		{ "redact", no_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	const char *wpath = NULL, *mpath = NULL, *qpath = NULL, *out = "-";
	enum ul_report_format format = UL_REPORT_MD;
	struct ul_ropts ropts = { UL_DIALECT_AUTO, NULL, NULL, NULL, 0 };
	struct ul_merge_opts mopts = { NULL, false };
	struct ul_workshop ws;
	bool have_ws = false;
	struct ul_diags diags;
	struct ul_merge m;
	struct ul_rsource *srcs;
	struct ul_rmap *map = NULL;
	int c, code = 0, nin;
	const char **fields = NULL;
	size_t nfields = 0;

	while ((c = getopt_long(argc, argv, "F:hm:o:q:rT:w:", longopts, NULL)) != -1) {
		switch (c) {
		case 'F':
			if (ul_dialect_parse(optarg, &ropts.dialect) < 0)
				return usage_error("unknown input format '%s' (auto, utilab, "
						 "kobo, framaforms, decidim, miro)", optarg);
			break;
		case 'h':
			return cli_help(prog, usage);
		case 'm':
			mpath = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'q':
			qpath = optarg;
			break;
		case 'r':
			mopts.redact = true;
			break;
		case 'T':
			if (ul_report_format_parse(optarg, &format) < 0)
				return usage_error("unknown report format '%s' (md, json, csv, html)",
						 optarg);
			break;
		case 'w':
			wpath = optarg;
			break;
		case OPT_VERSION:
			return cli_version(prog);
		default:
			usage(stderr);
			return UL_EUSAGE;
		}
	}
	argv += optind;
	nin = argc - optind;
	if (nin < 1)
		return usage_error("no results to collect");

	/* Never write over an input, nor both outputs to one file. */
	int stdin_uses = 0;
	for (int i = 0; i < nin; i++)
		stdin_uses += strcmp(argv[i], "-") == 0;
	if (stdin_uses + (wpath && strcmp(wpath, "-") == 0) +
	    (mpath && strcmp(mpath, "-") == 0) > 1)
		return usage_error("standard input ('-') can be read only once");
	const char *outs[] = { out, qpath };
	for (size_t o = 0; o < 2; o++) {
		if (!outs[o] || strcmp(outs[o], "-") == 0)
			continue;
		for (int i = 0; i < nin; i++)
			if (ul_same_file(outs[o], argv[i]))
				return usage_error("refusing to write over input '%s'", argv[i]);
		if ((wpath && ul_same_file(outs[o], wpath)) ||
		    (mpath && ul_same_file(outs[o], mpath)))
			return usage_error("refusing to write over input '%s'", outs[o]);
	}
	if (qpath && strcmp(qpath, "-") == 0 && strcmp(out, "-") == 0)
		return usage_error("the report and the quarantine cannot both go to "
				 "standard output");
	if (qpath && strcmp(out, "-") != 0 &&
	    (strcmp(qpath, out) == 0 || ul_same_file(qpath, out)))
		return usage_error("the report and the quarantine are the same file '%s'", out);

	ul_diags_init(&diags);
	if (wpath) {
		have_ws = true;
		if (ul_workshop_load(&ws, wpath, &diags) < 0) {
			ul_diags_sort(&diags);
			ul_diags_print(&diags, stderr, prog);
			code = ul_diags_exit_code(&diags);
			ul_workshop_release(&ws);
			ul_diags_release(&diags);
			return code ? code : UL_EDATA;
		}
		mopts.ws = &ws;
		ropts.lang = ws.lang;
		for (size_t d = 0; d < ws.ndecks; d++)
			for (size_t f = 0; f < ws.decks[d].nfields; f++) {
				bool seen = false;
				for (size_t k = 0; k < nfields; k++)
					seen |= strcmp(fields[k], ws.decks[d].fields[f].id) == 0;
				if (seen)
					continue;
				fields = ul_xreallocarray(fields, nfields + 1, sizeof(*fields));
				fields[nfields++] = ws.decks[d].fields[f].id;
			}
		ropts.fields = fields;
		ropts.nfields = nfields;
	}
	if (mpath && !(map = ul_rmap_load(mpath, &diags))) {
		ul_diags_print(&diags, stderr, prog);
		code = ul_diags_exit_code(&diags);
		goto out_ws;
	}
	ropts.map = map;

	/* read and merge */
	srcs = ul_xcalloc((size_t)nin, sizeof(*srcs));
	ul_merge_init(&m, &mopts);
	int unreadable = 0;
	for (int i = 0; i < nin; i++) {
		ul_merge_source(&m, strcmp(argv[i], "-") == 0 ? "<stdin>" : argv[i], &srcs[i]);
		if (ul_results_read(argv[i], &ropts, ul_merge_add, &m, &srcs[i], &diags) < 0)
			unreadable++;
	}
	if (!unreadable)
		ul_merge_finish(&m, &diags);
	ul_diags_sort(&diags);
	ul_diags_print(&diags, stderr, prog);
	if (unreadable) {
		code = ul_diags_exit_code(&diags);
		if (!code)
			code = UL_EDATA;
		goto out;
	}
	fprintf(stderr, "%s: %zu in = %zu kept + %zu duplicate%s + %zu quarantined\n",
		prog, m.in, m.kept, m.duplicates, m.duplicates == 1 ? "" : "s",
		m.quarantined);

	/* write */
	ul_diags_release(&diags);
	ul_diags_init(&diags);
	if ((qpath && write_out(qpath, 1, format, &m, &diags) < 0) ||
	    write_out(out, 0, format, &m, &diags) < 0) {
		ul_diags_print(&diags, stderr, prog);
		code = ul_diags_exit_code(&diags);
		if (!code)
			code = UL_EIO;
	}
out:
	ul_merge_release(&m);
	for (int i = 0; i < nin; i++)
		ul_rsource_release(&srcs[i]);
	free(srcs);
	ul_rmap_free(map);
out_ws:
	free(fields);
	if (have_ws)
		ul_workshop_release(&ws);
	ul_diags_release(&diags);
	return code;
}
