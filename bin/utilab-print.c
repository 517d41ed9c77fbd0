/*
 * utilab-print: impose PDFs for the printer at hand. Options, usage and
 * exit codes only; the work is in lib/pdfin.c (reading, through
 * lib/qpdfbridge.cc) and lib/impose.c (the plan, the marks, the output).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>

#include "atomic.h"
#include "cli.h"
#include "diag.h"
#include "impose.h"
#include "lang.h"
#include "pdfin.h"
#include "text.h"
#include "util.h"

static const char *prog = "utilab-print";

static void
usage(FILE *fp)
{
	fprintf(fp,
"usage: utilab-print [-BCfMt] [-b BLEED] [-D long|short|none] [-O X,Y]\n"
"                    [-o OUT] [-s SHEET] [FILE.pdf ...]\n"
"  -s, --sheet SHEET     a4 (default), a3, a5, letter, legal, or WxHmm\n"
"  -D, --duplex FLIP     long (default with backs), short or none\n"
"  -O, --offset X,Y      shift backs X mm right and Y mm up (see -C)\n"
"  -C, --calibrate       print a duplex calibration sheet instead\n"
"  -b, --bleed MM        bleed of a PDF that gives none (no TrimBox) (0)\n"
"  -t, --tile            tile every page larger than the printable area,\n"
"                        at 100 %% (else letter on A4 is reduced to fit)\n"
"  -B, --booklet         saddle-stitched booklet, 2 pages a side\n"
"  -M, --no-marks        no crop, glue or fidelity marks\n"
"      --margin MM       the printer's unprintable margin (5)\n"
"      --overlap MM      overlap between poster tiles (10)\n"
"      --lang LANG       language of the marks (fr, en; default: the input's)\n"
"  -o, --output OUT      write OUT instead of standard output\n"
"  -f, --force           overwrite OUT if it exists\n"
"  -h, --help            this help\n"
"      --version         the version\n");
}

#define usage_error(...) cli_usage_error(prog, usage, __VA_ARGS__)

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
	enum { OPT_MARGIN = 256, OPT_OVERLAP, OPT_LANG, OPT_VERSION };
	static const struct option longopts[] = {
		{ "booklet", no_argument, NULL, 'B' },
		{ "bleed", required_argument, NULL, 'b' },
		{ "calibrate", no_argument, NULL, 'C' },
		{ "duplex", required_argument, NULL, 'D' },
		{ "force", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "lang", required_argument, NULL, OPT_LANG },
		{ "margin", required_argument, NULL, OPT_MARGIN },
		{ "no-marks", no_argument, NULL, 'M' },
		{ "offset", required_argument, NULL, 'O' },
		{ "output", required_argument, NULL, 'o' },
		{ "overlap", required_argument, NULL, OPT_OVERLAP },
		{ "sheet", required_argument, NULL, 's' },
		{ "tile", no_argument, NULL, 't' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	struct ul_impose_opts o;
	const char *out = "-";
	double bleed = 0;
	bool force = false, calibrate = false;
	int c;

	ul_impose_opts_init(&o);
	while ((c = getopt_long(argc, argv, "BCD:MO:b:fho:s:t", longopts,
				NULL)) != -1) {
		switch (c) {
		case 'B':
			o.booklet = true;
			break;
		case 'C':
			calibrate = true;
			break;
		case 'D':
			if (strcmp(optarg, "long") == 0)
				o.flip = UL_FLIP_LONG;
			else if (strcmp(optarg, "short") == 0)
				o.flip = UL_FLIP_SHORT;
			else if (strcmp(optarg, "none") == 0)
				o.flip = UL_FLIP_NONE;
			else
				return usage_error("bad duplex flip '%s' (long, "
						 "short or none)", optarg);
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
		case 'h':
			return cli_help(prog, usage);
		case 'o':
			out = optarg;
			break;
		case 's':
			if (ul_impose_parse_sheet(optarg, &o.sheet_w,
						  &o.sheet_h) != 0)
				return usage_error("bad sheet '%s' (a4, a3, a5, "
						 "letter, legal or WxHmm)",
						 optarg);
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
		case OPT_VERSION:
			return cli_version(prog);
		default:
			usage(stderr);
			return UL_EUSAGE;
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
	o.output = strcmp(out, "-") == 0 ? "standard output" : out;
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
	ul_diags_print(&d, stderr, prog);
	status = ul_diags_exit_code(&d);
	for (int i = 0; i < n; i++)
		ul_pdfin_release(&docs[i]);
	free(docs);
	ul_diags_release(&d);
	/* Let leak checkers see only our own leaks. */
	ul_text_shutdown();
	return status;
}
