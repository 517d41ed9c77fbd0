/* SPDX-License-Identifier: ISC */
/*
 * utilab-guide: typeset a guide (cover, contents, Markdown text, workshop
 * fiches, syntheses of results) into one PDF of one page size.
 * Thin: options, output checks, diagnostics and exit codes; the work is
 * lib/guide.c and what it calls.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "card.h"
#include "intl.h"
#include "opts.h"
#include "datadir.h"
#include "diag.h"
#include "guide.h"
#include "icon.h"
#include "pdfout.h"
#include "text.h"
#include "util.h"

static const char prog[] = "utilab-guide";

static const char *const page_sizes[] = { "a5", "a4", NULL };

static const struct cli_opt options[] = {
	CLI_OPT('s', "size", "SIZE", N_("page size (a5 for a folded A4 booklet)"), .what = N_("page size"), .values = page_sizes, .def = "a5"),
	CLI_OPT('o', "output", "FILE", N_("write the PDF there (default: standard "
	  "output)")),
	CLI_OPT_QUIET,
	CLI_OPT_HELP,
	CLI_OPT_VERSION,
	{ 0 }
};

static const struct cli_cmd cmd = {
	prog, N_("GUIDE.yaml"), NULL, options, NULL
};

#define usage_error(...) cli_usage_error(&cmd, __VA_ARGS__)

int
main(int argc, char **argv)
{
	ul_intl_init();	/* before anything prints */
	const char *output = "-", *input;
	double w = 148, h = 210;
	struct ul_guide g;
	struct ul_diags diags;
	struct ul_out *out = NULL;
	char *fontdir = NULL;
	struct cli_parser opts;
	bool quiet = false;
	int c, code = 0, pages = 0;

	cli_parser_init(&opts, &cmd);
	while ((c = cli_next(&opts, argc, argv)) != -1) {
		switch (c) {
		case 'o':
			output = optarg;
			break;
		case 's':
			if (opts.value == 0)
				w = 148, h = 210;
			else
				w = 210, h = 297;
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
	ul_diags_report(&diags, stderr, prog, quiet ? UL_DIAGS_QUIET : 0);
	code = ul_diags_exit_code(&diags);
	ul_diags_release(&diags);
	ul_guide_release(&g);
	free(fontdir);
	ul_card_cache_release();
	ul_icon_cache_release();
	ul_text_shutdown();
	return code;
}
