/* SPDX-License-Identifier: ISC */
/*
 * utilab-cards: render a workshop definition into card decks, posters and
 * the facilitator's run sheet (PDF, PNG or SVG), or check it (-n).
 * Thin: options, output, exit codes. Which pages exist, in which order,
 * with which size, label and name is the kit plan's (lib/kit.c); the
 * drawing is in lib/card.c, lib/poster.c and lib/sheet.c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "card.h"
#include "contract.h"
#include "datadir.h"
#include "diag.h"
#include "icon.h"
#include "input.h"
#include "kit.h"
#include "intl.h"
#include "opts.h"
#include "watch.h"
#include "pdfout.h"
#include "poster.h"
#include "render.h"
#include "sheet.h"
#include "text.h"
#include "util.h"
#include "workshop.h"


static const char prog[] = "utilab-cards";

enum { OPT_ICONS = CLI_LONG_ONLY + 1, OPT_WATCH };

static const char *const formats[] = { "pdf", "png", "svg", NULL };

static const struct cli_opt options[] = {
	CLI_OPT('n', "check", NULL, N_("lay everything out and report problems; "
	  "write nothing")),
	CLI_OPT('d', "deck", "ID", N_("render this deck (repeatable)"), .flags =
	  CLI_REPEAT),
	CLI_OPT('p', "poster", "ID", N_("render this poster (repeatable)"), .flags =
	  CLI_REPEAT),
	CLI_OPT('S', "sheet", NULL, N_("the facilitator's run sheet: alone, or with "
	  "the -d/-p given (with none of -S, -d, -p: the whole kit)")),
	CLI_OPT('L', "lang", "LANG", N_("the texts in this language of the "
	  "workshop's 'langs' only (one deck per language; default: both, "
	  "under each other or on the backs, as 'bilingual' says)")),
	CLI_OPT('T', "format", "FMT", N_("output format, png and svg one file per "
	  "page"), .what = N_("format"), .values = formats, .def = "pdf"),
	CLI_OPT('r', "resolution", "N", N_("PNG resolution in dpi (default 150)")),
	CLI_OPT('b', "bleed", "MM", N_("bleed around cards and posters (default 3)")),
	CLI_OPT('o', "output", "OUT", N_("PDF file, or a directory for png/svg; "
	  "default standard output")),
	CLI_OPT(OPT_WATCH, "watch", NULL, N_("after the first render, render again each "
	  "time the workshop or a file it uses is saved, until Ctrl-C; errors "
	  "are reported and the last good output kept")),
	CLI_OPT(OPT_ICONS, "icons", NULL, N_("list the built-in pictograms"), .flags = CLI_NOSYNOPSIS),
	CLI_OPT_QUIET,
	CLI_OPT_HELP,
	CLI_OPT_VERSION,
	{ 0 }
};

static const char *const forms[] = { "--icons", NULL };

static const struct cli_cmd cmd = {
	prog, "workshop.yaml", forms, options, NULL
};

#define usage_error(...) cli_usage_error(&cmd, __VA_ARGS__)

struct sel {
	const char **v;
	size_t n;
};

static void
sel_add(struct sel *s, const char *id)
{
	s->v = ul_xreallocarray(s->v, s->n + 1, sizeof(*s->v));
	s->v[s->n++] = id;
}

static bool
parse_num(const char *s, double min, double max, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || !(v >= min && v <= max))
		return false;
	*out = v;
	return true;
}

/* The run: the kit's pages, drawn in order. */
struct run {
	struct ul_render r;
	struct ul_kit kit;
	struct ul_out *out;
	int failed;
	bool broken;		/* the output failed: stop drawing */
	struct ul_progress progress;	/* pages drawn */
};

/*
 * Draw every page of the plan. With -n only the faces that report are
 * laid out (the first of identical ones; lib/kit.h): a deck's one back is
 * laid out and checked once, when it is recorded; a card's own back
 * ('bilingual: back') is a face of its own.
 */
static void
render_pages(struct run *run)
{
	struct ul_render *r = &run->r;
	const struct ul_kit *k = &run->kit;
	struct ul_card_back *back = NULL;
	int back_part = -1;

	ul_progress_start(&run->progress, N_("pages"), k->npages);
	for (size_t i = 0; i < k->npages && !run->broken; i++) {
		const struct ul_kit_page *pg = &k->pages[i];
		ul_progress_add(&run->progress, 1);
		const struct ul_kit_part *p = pg->part >= 0 ? &k->parts[pg->part] :
					      NULL;
		cairo_t *cr;
		int rc = 0;

		bool own_back = p && p->deck && ul_deck_back_faces(r->ws, p->deck);

		if (r->check && !pg->report)
			continue;
		if (p && p->deck && !own_back && pg->part != back_part) {
			ul_card_back_free(back);
			back = ul_card_back_new(r, p->deck);
			back_part = pg->part;
			if (!back)
				run->failed = 1;
		}
		/*
		 * A copy says what its first said: its problems go to a
		 * scratch list, so each is reported once (it still fails).
		 */
		struct ul_diags *keep = r->diags, scratch;
		if (!pg->report) {
			ul_diags_init(&scratch);
			r->diags = &scratch;
		}
		cr = ul_out_begin(run->out, pg->w, pg->h, pg->bleed, pg->label,
				  pg->name);
		switch (pg->role) {
		case UL_KIT_SHEET:
			rc = ul_sheet_draw_page(r, pg->number, cr);
			break;
		case UL_KIT_FRONT: {
			struct ul_card_face f = { p->deck, pg->card, pg->number,
						  pg->report };
			rc = ul_card_front(r, &f, cr);
			break;
		}
		case UL_KIT_BACK:
			if (own_back) {
				struct ul_card_face f = { p->deck, pg->card,
							  pg->number, pg->report };
				rc = ul_card_back_face(r, &f, cr);
			} else if (back)
				ul_card_back_draw(back, cr);
			break;
		case UL_KIT_POSTER:
			rc = ul_poster_draw(r, p->poster, cr);
			break;
		}
		if (!pg->report) {
			r->diags = keep;
			ul_diags_release(&scratch);
		}
		if (rc != 0)
			run->failed = 1;
		if (ul_out_end(run->out) != 0)
			run->failed = 1, run->broken = true;
	}
	ul_card_back_free(back);
	ul_progress_end(&run->progress);
}

static int
list_icons(void)
{
	for (size_t i = 0; i < ul_icon_count(); i++)
		printf("%s\n", ul_icon_name(i));
	return cli_stdout_status(prog);
}

/*
 * Report each selected id that names nothing of its kind ("deck",
 * "poster"), with a suggestion among the ids there are.
 */
static int
check_ids(const struct sel *wanted, const char *kind, const char **ids,
	  size_t n, const char *file, struct ul_diags *d)
{
	int rc = 0;

	for (size_t i = 0; i < wanted->n; i++) {
		size_t k = 0;
		while (k < n && strcmp(ids[k], wanted->v[i]) != 0)
			k++;
		if (k < n)
			continue;
		char hb[128];
		ul_diag_add(d, UL_ERROR, UL_EUSAGE, NULL, 0, 0,
			    strcmp(kind, "deck") == 0 ? N_("no deck '%s' in '%s'%s") :
			    N_("no poster '%s' in '%s'%s"), wanted->v[i], file,
			    ul_suggest_hint(wanted->v[i], ids, n, hb, sizeof(hb)));
		rc = -1;
	}
	return rc;
}

static int
check_selection(const struct ul_workshop *ws, const struct sel *decks,
		const struct sel *posters, struct ul_diags *d)
{
	const char **ids = ul_xreallocarray(NULL, ws->ndecks + ws->nposters + 1,
					    sizeof(*ids));
	const char **poster_ids = ids + ws->ndecks;
	int rc;

	for (size_t k = 0; k < ws->ndecks; k++)
		ids[k] = ws->decks[k].id;
	for (size_t k = 0; k < ws->nposters; k++)
		poster_ids[k] = ws->posters[k].id;
	rc = check_ids(decks, "deck", ids, ws->ndecks, ws->file, d);
	if (check_ids(posters, "poster", poster_ids, ws->nposters, ws->file,
		      d) < 0)
		rc = -1;
	free(ids);
	return rc;
}

/* What the options ask for: one render, or one per save with --watch. */
struct args {
	struct sel decks, posters;
	bool check, sheet, quiet, watch;
	enum ul_out_format fmt;
	double dpi, bleed;
	const char *output, *input, *view;
};

/* The files a render read, for --watch: the workshop, its pictograms. */
struct files {
	char **v;
	size_t n;
};

static void
files_add(void *ctx, const char *path)
{
	struct files *f = ctx;

	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->v[i], path) == 0)
			return;
	f->v = ul_xreallocarray(f->v, f->n + 1, sizeof(*f->v));
	f->v[f->n++] = ul_xstrdup(path);
}

static void
files_release(struct files *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->v[i]);
	free(f->v);
	f->v = NULL;
	f->n = 0;
}

/*
 * Load, lay out, draw and write (or abandon) the output once; print the
 * diagnostics. Returns the exit status. When read is given, the files the
 * run read are added to it.
 */
static int
render(const struct args *a, struct files *read)
{
	struct ul_diags diags;
	struct ul_workshop ws;
	struct run run;
	char *fontdir = NULL, *err = NULL, *keywords = NULL, *subject = NULL;
	char *author = NULL;
	int status = 0;
	bool check = a->check;
	double bleed = a->bleed;
	const char *view = a->view;

	/* load: each render of --watch a new run, its inputs noted anew */
	ul_input_forget();
	ul_diags_init(&diags);
	memset(&run, 0, sizeof(run));
	cli_progress(&run.progress, a->quiet);
	if (read)
		files_add(read, a->input);
	if (ul_workshop_load_view(&ws, a->input, view, &diags) != 0 ||
	    check_selection(&ws, &a->decks, &a->posters, &diags) != 0)
		goto done;

	fontdir = ul_datadir_path("fonts");
	run.r.text = ul_text_new(fontdir, ws.theme.font, ws.lang, &err);
	if (!run.r.text) {
		ul_error(&diags, ws.file, ws.theme.pos.line, ws.theme.pos.col,
			 "%s", err);
		goto done;
	}
	run.r.ws = &ws;
	run.r.bleed = bleed;
	run.r.check = check;
	run.r.diags = &diags;
	run.r.file = ws.file;
	run.r.lang = ws.lang ? ws.lang : "fr";
	ul_kit_plan(&run.kit, &ws, bleed, &diags);
	run.r.kit = &run.kit;

	/* The theme's ink on its paper: every body text on cards and posters. */
	{
		struct ul_color in = ws.theme.ink, pa = ws.theme.paper;
		if (in.text && pa.text)
			ul_render_check_contrast(&run.r, &in, &pa, ws.theme.pos,
						 "theme: text on paper");
	}

	/* draw */
	{
		struct ul_out_meta meta = { 0 };
		keywords = ul_contract_keywords(bleed, run.r.lang);
		{
			/* the licence and authors travel with the file */
			char *commons = ul_commons_line(&ws, " · ");
			subject = ul_xasprintf("utilab workshop kit: %s%s",
					       ws.id ? ws.id : "",
					       commons ? commons : "");
			free(commons);
		}
		author = ws.authors.n ? ul_strlist_join(&ws.authors, ", ") : NULL;
		meta.author = author;
		meta.title = ws.title;
		meta.subject = subject;
		meta.keywords = keywords;
		meta.creator = "utilab-cards " UL_VERSION;
		run.out = ul_out_new(check ? UL_OUT_NONE : a->fmt, a->output,
				     a->dpi, &meta, &diags);
		if (!run.out)
			goto done;
	}
	{
		struct ul_kit_selection want = {
			a->sheet, a->decks.v, a->decks.n, a->posters.v,
			a->posters.n
		};
		bool all = !a->sheet && a->decks.n == 0 && a->posters.n == 0;
		ul_kit_pages(&run.kit, &want,
			     all || a->sheet ? ul_sheet_pages(&run.r) : 0);
	}
	render_pages(&run);

	if (diags.errors || run.failed || check)
		ul_out_abort(run.out);
	else
		ul_out_finish(run.out);

done:
	ul_diags_sort(&diags);
	ul_diags_report(&diags, stderr, prog, a->quiet ? UL_DIAGS_QUIET : 0);
	status = ul_diags_exit_code(&diags);
	if (!status && run.failed)
		status = UL_EDATA;
	/* what was read, asked before the workshop is released */
	if (read && ws.file)
		ul_workshop_each_file(&ws, files_add, read);
	ul_diags_release(&diags);
	ul_kit_release(&run.kit);
	ul_workshop_release(&ws);
	ul_text_free(run.r.text);
	/* a --watch render must see a pictogram saved since: no cache kept */
	ul_card_cache_release();
	ul_icon_cache_release();
	free(fontdir);
	free(err);
	free(keywords);
	free(subject);
	free(author);
	return status;
}

/*
 * --watch: render, then again after each save of a file the last render
 * read, until a signal. A failed render leaves the last good output in
 * place (the output is written beside and renamed, as always) and the
 * watch goes on. Returns 0 when stopped, or 70 if watching fails.
 */
static int
watch(const struct args *a)
{
	struct cli_watch *w = cli_watch_new();
	struct files read = { 0 };
	int r;

	if (!w) {
		fprintf(stderr, _("%s: cannot watch files: %s\n"), prog,
			strerror(errno));
		return UL_ESOFTWARE;
	}
	for (;;) {
		int status = render(a, &read);
		if (cli_watch_set(w, (const char *const *)read.v, read.n) < 0) {
			r = -1;
			break;
		}
		if (!a->quiet) {
			if (a->check)
				fprintf(stderr, _("%s: note: waiting for a "
					"change (Ctrl-C stops)\n"), prog);
			else if (status == 0)
				fprintf(stderr, _("%s: note: '%s' written; "
					"waiting for a change (Ctrl-C stops)\n"),
					prog, a->output);
			else
				fprintf(stderr, _("%s: note: '%s' left as it "
					"was; waiting for a change\n"), prog,
					a->output);
		}
		files_release(&read);
		if ((r = cli_watch_wait(w)) <= 0)
			break;
		if (!a->quiet)
			fprintf(stderr, _("%s: note: '%s' changed: rendering "
				"again\n"), prog, cli_watch_changed(w));
	}
	if (r < 0)
		fprintf(stderr, _("%s: cannot watch '%s': %s\n"), prog,
			a->input, strerror(errno));
	files_release(&read);
	cli_watch_free(w);
	return r < 0 ? UL_ESOFTWARE : 0;
}

int
main(int argc, char **argv)
{
	ul_intl_init();	/* before anything prints */
	struct args a = { .fmt = UL_OUT_PDF, .dpi = 150, .bleed = 3 };
	bool icons = false;
	struct cli_parser opts;
	int c, status;

	cli_parser_init(&opts, &cmd);
	while ((c = cli_next(&opts, argc, argv)) != -1) {
		switch (c) {
		case 'b':
			if (!parse_num(optarg, 0, 20, &a.bleed))
				return usage_error("bad bleed '%s': give millimetres "
						   "from 0 to 20", optarg);
			break;
		case 'd':
			sel_add(&a.decks, optarg);
			break;
		case 'L':
			a.view = optarg;
			break;
		case 'n':
			a.check = true;
			break;
		case 'o':
			a.output = optarg;
			break;
		case 'p':
			sel_add(&a.posters, optarg);
			break;
		case 'r':
			if (!parse_num(optarg, 10, 1200, &a.dpi))
				return usage_error("bad resolution '%s': give dpi "
						   "from 10 to 1200", optarg);
			break;
		case 'S':
			a.sheet = true;
			break;
		case 'T': {
			static const enum ul_out_format f[] = {
				UL_OUT_PDF, UL_OUT_PNG, UL_OUT_SVG
			};
			a.fmt = f[opts.value];
			break;
		}
		case OPT_ICONS:
			icons = true;
			break;
		case 'q':
			a.quiet = true;
			break;
		case OPT_WATCH:
			a.watch = true;
			break;
		case CLI_EXIT:
			return opts.status;
		}
	}
	argc -= optind;
	argv += optind;
	if (icons) {
		if (argc != 0)
			return usage_error("--icons takes no operand");
		return list_icons();
	}
	if (argc != 1)
		return usage_error(argc ? N_("too many operands") :
				   N_("no workshop file given"));
	a.input = argv[0];
	if (a.watch && strcmp(a.input, "-") == 0)
		return usage_error(N_("--watch reads a workshop file again "
				      "on each save: name it, not standard "
				      "input"));

	/* Where the output goes, checked before any work. */
	if (!a.check) {
		if (a.fmt != UL_OUT_PDF) {
			struct stat st;
			if (!a.output)
				return usage_error("-T %s writes one file per page: "
						   "give a directory with -o",
						   a.fmt == UL_OUT_PNG ? "png" : "svg");
			if (stat(a.output, &st) != 0 && mkdir(a.output, 0777) != 0) {
				fprintf(stderr, _("%s: cannot create '%s': %s\n"), prog,
					a.output, strerror(errno));
				return UL_ECANTCREAT;
			}
			if (stat(a.output, &st) != 0 || !S_ISDIR(st.st_mode)) {
				fprintf(stderr, _("%s: '%s' is not a directory\n"),
					prog, a.output);
				return UL_ECANTCREAT;
			}
		} else if (!a.output || strcmp(a.output, "-") == 0) {
			a.output = "-";
			if (a.watch)
				return usage_error("--watch renders again and again: "
						   "give the output file with -o");
			if (isatty(STDOUT_FILENO)) {
				fprintf(stderr, _("%s: refusing to write a PDF to a "
					"terminal: use -o or a pipe\n"), prog);
				return UL_EUSAGE;
			}
		}
		/* An output that is an input: lib/atomic refuses it (73). */
	}

	status = a.watch ? watch(&a) : render(&a, NULL);
	ul_text_shutdown();
	free(a.decks.v);
	free(a.posters.v);
	return status;
}
