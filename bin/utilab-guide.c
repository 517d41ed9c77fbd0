/*
 * utilab-guide: typeset a guide (cover, contents, Markdown text, workshop
 * fiches, syntheses of results) into one PDF of one page size.
 * Thin: options, output checks, diagnostics and exit codes; the work is
 * lib/guide.c and what it calls.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "card.h"
#include "cli.h"
#include "datadir.h"
#include "diag.h"
#include "guide.h"
#include "icon.h"
#include "pdfout.h"
#include "text.h"
#include "util.h"

static const char *prog = "utilab-guide";

static void
usage(FILE *fp)
{
	fprintf(fp,
		"usage: %s [-s a5|a4] [-o guide.pdf] GUIDE.yaml\n"
		"  -o, --output FILE   write the PDF there (default: standard output)\n"
		"  -s, --size SIZE     page size: a5 (default, for a folded A4 booklet) or a4\n"
		"  -h, --help          show this help\n"
		"      --version       show the version\n",
		prog);
}

#define usage_error(...) cli_usage_error(prog, usage, __VA_ARGS__)

int
main(int argc, char **argv)
{
	ul_intl_init();	/* before anything prints */
	enum { OPT_VERSION = 256 };
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "size", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	const char *output = "-", *input;
	double w = 148, h = 210;
	struct ul_guide g;
	struct ul_diags diags;
	struct ul_out *out = NULL;
	char *fontdir = NULL;
	int c, code = 0, pages = 0;

	while ((c = getopt_long(argc, argv, "ho:s:", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			return cli_help(prog, usage);
		case 'o':
			output = optarg;
			break;
		case 's':
			if (strcmp(optarg, "a5") == 0 || strcmp(optarg, "A5") == 0)
				w = 148, h = 210;
			else if (strcmp(optarg, "a4") == 0 || strcmp(optarg, "A4") == 0)
				w = 210, h = 297;
			else
				return usage_error("unknown page size '%s' (a5, a4)", optarg);
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
	if (argc != 1)
		return usage_error(argc ? N_("too many operands") : N_("no guide file given"));
	input = argv[0];
	if (strcmp(output, "-") == 0 && isatty(STDOUT_FILENO))
		return usage_error("refusing to write a PDF to a terminal: use -o or a pipe");

	ul_diags_init(&diags);
	if (ul_guide_load(&g, input, &diags) < 0)
		goto done;

	/* Never write over one of the guide's inputs. */
	if (strcmp(output, "-") != 0) {
		const char **in;
		size_t n = ul_guide_inputs(&g, &in);
		for (size_t i = 0; i < n; i++)
			if (ul_same_file(output, in[i])) {
				ul_diag_add(&diags, UL_ERROR, UL_ECANTCREAT, NULL, 0, 0,
					    "refusing to write over the input '%s'", in[i]);
				break;
			}
		free(in);
		if (diags.errors)
			goto done;
	}

	{
		char *authors = NULL;
		struct ul_buf a;
		ul_buf_init(&a);
		for (size_t i = 0; i < g.nauthors; i++)
			ul_buf_addf(&a, "%s%s", i ? ", " : "", g.authors[i]);
		authors = ul_buf_detach(&a);
		struct ul_out_meta meta = { g.title, g.subtitle, "utilab-guide",
					    "utilab-guide " UL_VERSION, authors };
		out = ul_out_new(UL_OUT_PDF, output, 0, &meta, &diags);
		free(authors);
		if (!out)
			goto done;
	}

	fontdir = ul_datadir_path("fonts");
	if (ul_guide_render(&g, out, w, h, fontdir, &pages, &diags) < 0 || diags.errors)
		ul_out_abort(out);
	else if (ul_out_finish(out) == 0)
		fprintf(stderr, P_("%s: %d page, %s\n", "%s: %d pages, %s\n", pages), prog, pages,
			w < 200 ? "A5" : "A4");
done:
	ul_diags_sort(&diags);
	ul_diags_print(&diags, stderr, prog);
	code = ul_diags_exit_code(&diags);
	ul_diags_release(&diags);
	ul_guide_release(&g);
	free(fontdir);
	ul_card_cache_release();
	ul_icon_cache_release();
	ul_text_shutdown();
	return code;
}
