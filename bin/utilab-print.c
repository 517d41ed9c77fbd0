/* SPDX-License-Identifier: ISC */
/*
 * utilab-print: impose PDFs for the printer at hand. Options, usage and
 * exit codes only; the work is in lib/pdfin.c (reading, through
 * lib/qpdfbridge.cc) and lib/impose.c (the plan, the marks, the output).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>

#include "atomic.h"
#include "diag.h"
#include "impose.h"
#include "lang.h"
#include "intl.h"
#include "opts.h"
#include "pdfin.h"
#include "sizes.h"
#include "text.h"
#include "util.h"

static const char prog[] = "utilab-print";

enum { OPT_MARGIN = CLI_LONG_ONLY + 1, OPT_OVERLAP, OPT_LANG };

static const char *const flips[] = { "long", "short", "none", NULL };
static const enum ul_flip flip_of[] = {
	UL_FLIP_LONG, UL_FLIP_SHORT, UL_FLIP_NONE
};

/* The sheet sizes are lib/sizes.c's: --help lists every one it accepts. */
static size_t
sheet_names(const char **names, size_t max)
{
	return ul_size_names(UL_SIZE_SHEET, names, max);
}

/* The languages of the marks, lib/lang.c's. */
static size_t
lang_names(const char **names, size_t max)
{
	return ul_lang_names(true, names, max);
}

static const struct cli_opt options[] = {
	CLI_OPT('s', "sheet", "SHEET", N_("sheet size, a named one or WxHmm"), .what = N_("sheet"), .list = sheet_names, .def = "a4", .flags = CLI_OPEN),
	CLI_OPT('D', "duplex", "FLIP", N_("duplex flip (long by default with "
	  "backs)"), .what = N_("duplex flip"), .values = flips),
	CLI_OPT('O', "offset", "X,Y", N_("shift backs X mm right and Y mm up "
	  "(see -C)")),
	CLI_OPT('C', "calibrate", NULL, N_("print a duplex calibration sheet "
	  "instead")),
	CLI_OPT('b', "bleed", "MM", N_("bleed of a PDF that gives none (no TrimBox) "
	  "(0)")),
	CLI_OPT('t', "tile", NULL, N_("tile every page larger than the printable "
	  "area, at full size (else letter on A4 is reduced to fit)")),
	CLI_OPT('B', "booklet", NULL, N_("saddle-stitched booklet, 2 pages a side")),
	CLI_OPT('M', "no-marks", NULL, N_("no crop, glue or fidelity marks")),
	CLI_OPT(OPT_MARGIN, "margin", "MM", N_("the printer's unprintable margin "
	  "(5)")),
	CLI_OPT(OPT_OVERLAP, "overlap", "MM", N_("overlap between poster tiles "
	  "(10)")),
	CLI_OPT(OPT_LANG, "lang", "LANG", N_("language of the marks (default: the "
	  "input's)"), .what = N_("language"), .list = lang_names, .flags = CLI_OPEN),
	CLI_OPT('o', "output", "OUT", N_("write OUT instead of standard output")),
	CLI_OPT('f', "force", NULL, N_("overwrite OUT if it exists")),
	CLI_OPT_QUIET,
	CLI_OPT_HELP,
	CLI_OPT_VERSION,
	{ 0 }
};

static const struct cli_cmd cmd = {
	prog, N_("[FILE.pdf ...]"), NULL, options, NULL
};

#define usage_error(...) cli_usage_error(&cmd, __VA_ARGS__)

static int
parse_mm(const char *s, double lo, double hi, double *pt)
{
	char *end;
	double v = strtod(s, &end);
	if (end == s || (*end && strcmp(end, "mm") != 0) || !(v >= lo && v <= hi))
		return -1;
	*pt = UL_MM(v);
	return 0;
}

int
main(int argc, char **argv)
{
	ul_intl_init();	/* before anything prints */
	struct ul_impose_opts o;
	const char *out = "-";
	double bleed = 0;
	bool force = false, calibrate = false, quiet = false;
	struct cli_parser opts;
	int c;

	ul_impose_opts_init(&o);
	cli_parser_init(&opts, &cmd);
	while ((c = cli_next(&opts, argc, argv)) != -1) {
		switch (c) {
		case 'B':
			o.booklet = true;
			break;
		case 'C':
			calibrate = true;
			break;
		case 'D':
			o.flip = flip_of[opts.value];
			break;
		case 'M':
			o.marks = false;
			break;
		case 'O':
			if (ul_impose_parse_offset(optarg, &o.off_x,
						   &o.off_y) != 0)
				return usage_error("bad offset '%s' (X,Y in mm, "
						 "each within 50)", optarg);
			break;
		case 'b':
			if (parse_mm(optarg, 0, 50, &bleed) != 0)
				return usage_error("bad bleed '%s' (0 to 50 mm)",
						 optarg);
			break;
		case 'f':
			force = true;
			break;
		case 'o':
			out = optarg;
			break;
		case 's':
			if (ul_impose_parse_sheet(optarg, &o.sheet_w,
						  &o.sheet_h) != 0) {
				char names[256];
				return usage_error("bad sheet '%s' (%s, or WxHmm "
						 "from 50 to 2000 mm)", optarg,
						 cli_value_list(opts.opt, names,
								sizeof(names)));
			}
			break;
		case 't':
			o.tile = true;
			break;
		case OPT_MARGIN:
			if (parse_mm(optarg, 0, 30, &o.margin) != 0)
				return usage_error("bad margin '%s' (0 to 30 mm)",
						 optarg);
			break;
		case OPT_OVERLAP:
			if (parse_mm(optarg, 0, 50, &o.overlap) != 0)
				return usage_error("bad overlap '%s' (0 to 50 mm)",
						 optarg);
			break;
		case OPT_LANG:
			if (!ul_lang_find(optarg, true))
				return usage_error("unsupported language '%s' "
						 "(%s)", optarg,
						 ul_lang_list(true));
			o.lang = optarg;
			break;
		case 'q':
			quiet = true;
			break;
		case CLI_EXIT:
			return opts.status;
		}
	}
	argc -= optind;
	argv += optind;
	if (calibrate && argc > 0)
		return usage_error("-C prints a calibration sheet and "
				 "reads no input");
	if (calibrate && o.booklet)
		return usage_error("-C and -B cannot be combined");
	if (strcmp(out, "-") == 0 && isatty(STDOUT_FILENO))
		return usage_error("refusing to write a PDF to a terminal "
				 "(use -o FILE or a pipe)");
	if (!calibrate && argc == 0 && isatty(STDIN_FILENO))
		return usage_error("no input (name PDF files, or pipe one "
				 "in)");

	struct ul_diags d;
	struct ul_pdfin *docs = NULL;
	int n = calibrate ? 0 : argc ? argc : 1;
	int status = 0;
	ul_diags_init(&d);
	docs = ul_xcalloc(n ? n : 1, sizeof(*docs));
	for (int i = 0; i < n; i++) {
		const char *path = argc ? argv[i] : "-";
		/* An output that is an input: lib/atomic refuses it (73). */
		ul_pdfin_open(&docs[i], path, bleed, &d);
	}
	o.output = ul_diag_output_name(out);
	struct ul_progress progress;
	cli_progress(&progress, quiet);
	o.progress = &progress;
	if (!d.errors) {
		struct ul_atomic a;
		if (ul_atomic_open(&a, out, force, &d) == 0) {
			int r = calibrate ? ul_impose_calibration(&o, a.fp, &d) :
				ul_impose_write(docs, n, &o, a.fp, &d);
			if (r == 0)
				ul_atomic_commit(&a, &d);
			else
				ul_atomic_abort(&a);
		}
	}
	ul_diags_sort(&d);
	ul_diags_report(&d, stderr, prog, quiet ? UL_DIAGS_QUIET : 0);
	status = ul_diags_exit_code(&d);
	for (int i = 0; i < n; i++)
		ul_pdfin_release(&docs[i]);
	free(docs);
	ul_diags_release(&d);
	/* Let leak checkers see only our own leaks. */
	ul_text_shutdown();
	return status;
}
