/* SPDX-License-Identifier: ISC */
/*
 * utilab-scan: read photos and scans of filled write-in cards into a
 * utilab results CSV, one row per card, with each card's deskewed crop.
 * Thin: options, the bookkeeping of cards seen in several images, the
 * crop files and the CSV. Finding and reading cards is lib/scan.c.
 *
 * A card's crops take as long to deflate into PNG as the card takes to
 * read: they are encoded on a second thread while the next card is read,
 * and written here, on this thread, as they come back (the diagnostics
 * are not shared). At most CROPS_IN_FLIGHT cards' pixels wait.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "atomic.h"
#include "card.h"
#include "intl.h"
#include "opts.h"
#include "datadir.h"
#include "diag.h"
#include "icon.h"
#include "image.h"
#include "intl.h"
#include "lang.h"
#include "report.h"
#include "scan.h"
#include "text.h"
#include "util.h"
#include "workshop.h"

static const char prog[] = "utilab-scan";

static const struct cli_opt options[] = {
	CLI_OPT('w', "workshop", "FILE", N_("the workshop the cards were printed "
	  "from (required)"), .flags = CLI_REQUIRED),
	CLI_OPT('d', "crops", "DIR", N_("write each card's deskewed crop (SERIAL.png) "
	  "and its written fields (SERIAL-FIELD.png) into DIR")),
	CLI_OPT('o', "output", "FILE", N_("the results CSV; default standard output")),
	CLI_OPT_QUIET,
	CLI_OPT_HELP,
	CLI_OPT_VERSION,
	{ 0 }
};

static const struct cli_cmd cmd = {
	prog, N_("image..."), NULL, options, NULL
};

#define usage_error(...) cli_usage_error(&cmd, __VA_ARGS__)

/* One card, however many images it was seen in. */
struct row {
	const struct ul_deck *deck;
	int number;
	char serial[32];
	char version[16];
	bool stale;
	char current[8];
	struct ul_scan_field *fields;
	size_t nfields;
	bool conflict[16];	/* per field: two sightings disagree */
	char *image;		/* the crop, as the CSV names it */
	char *photo;		/* the first image it was seen in */
	struct ul_buf also;	/* other sightings, for the check column */
	double residual;
};

struct run {
	struct ul_scan *scan;
	const char *crops;	/* NULL: no crops */
	char *crops_ref;	/* the crops directory as the CSV names it */
	const char *output;
	char *const *inputs;
	int ninputs;
	const char *photo;	/* the image being read */
	const char *wsfile;
	const struct ul_lang *lang;	/* the workshop's: the check column's words */
	struct row *rows;
	size_t nrows;
	struct ul_diags *diags;
	GThreadPool *encoder;	/* NULL: crops are encoded here */
	GAsyncQueue *encoded;	/* crop_jobs back from the encoder */
	int in_flight;		/* crop_jobs given to it, not yet back */
};

#define CROPS_IN_FLIGHT 2
/* Deflate level of the crops: 1 is 4 times as fast as 6, 15% larger. */
#define CROP_PNG_LEVEL 1

/* One card's crop files: the whole card, then each written field. */
struct crop_job {
	size_t row;		/* in run->rows */
	char *image;		/* the card's crop as the CSV names it */
	unsigned char *rgb;	/* a copy of the card's crop */
	int w;
	size_t n;
	struct crop_file {
		char *path;
		int x, y, cw, ch;	/* the rectangle of the crop */
		unsigned char *png;	/* NULL: could not be encoded */
		size_t len;
	} *files;
};

static void
crop_encode(void *data, void *encoded)
{
	struct crop_job *j = data;

	for (size_t i = 0; i < j->n; i++) {
		struct crop_file *f = &j->files[i];
		ul_image_png(j->rgb + ((size_t)f->y * j->w + f->x) * 3, f->cw,
			     f->ch, j->w * 3, CROP_PNG_LEVEL, &f->png, &f->len);
	}
	if (encoded)
		g_async_queue_push(encoded, j);
}

/* Write the bytes of an encoded crop, atomically. 0 or -1. */
static int
write_crop(struct run *run, const struct crop_file *f)
{
	struct ul_atomic a;

	for (int i = 0; i < run->ninputs; i++)
		if (ul_same_file(f->path, run->inputs[i]))
			return ul_diag_add(run->diags, UL_ERROR, UL_ECANTCREAT,
					   NULL, 0, 0, "refusing to overwrite the "
					   "input '%s'", f->path);
	if (!f->png)
		return ul_diag_add(run->diags, UL_ERROR, UL_ESOFTWARE, NULL, 0, 0,
				   "cannot encode '%s' as PNG", f->path);
	if (ul_atomic_open(&a, f->path, true, run->diags) != 0)
		return -1;
	if (fwrite(f->png, 1, f->len, a.fp) != f->len) {
		ul_atomic_abort(&a);
		return ul_diag_add(run->diags, UL_ERROR, UL_EIO, NULL, 0, 0,
				   "cannot write '%s'", f->path);
	}
	return ul_atomic_commit(&a, run->diags);
}

/* A card's crops are back from the encoder: write them, free the job. */
static void
crop_finish(struct run *run, struct crop_job *j)
{
	for (size_t i = 0; i < j->n; i++) {
		struct crop_file *f = &j->files[i];
		if (write_crop(run, f) == 0 && i == 0) {
			run->rows[j->row].image = j->image;
			j->image = NULL;
		}
		free(f->path);
		g_free(f->png);
	}
	free(j->image);
	free(j->files);
	free(j->rgb);
	free(j);
}

/*
 * Write the crops the encoder has given back, then wait for it until at
 * most keep cards are in flight.
 */
static void
crops_collect(struct run *run, int keep)
{
	struct crop_job *j;

	while (run->in_flight > 0 &&
	       (j = run->in_flight > keep ? g_async_queue_pop(run->encoded) :
					    g_async_queue_try_pop(run->encoded))) {
		run->in_flight--;
		crop_finish(run, j);
	}
}

/* Have the crops of card c (row row) encoded, then written. */
static void
crops_queue(struct run *run, const struct ul_scan_card *c, size_t row)
{
	struct crop_job *j = ul_xcalloc(1, sizeof(*j));
	size_t bytes = (size_t)c->crop_w * c->crop_h * 3;

	j->row = row;
	j->image = ul_xasprintf("%s%s.png", run->crops_ref, c->serial);
	j->w = c->crop_w;
	j->rgb = ul_xmalloc(bytes);
	memcpy(j->rgb, c->crop, bytes);
	j->n = 1 + c->nparts;
	j->files = ul_xcalloc(j->n, sizeof(*j->files));
	j->files[0] = (struct crop_file){
		ul_xasprintf("%s/%s.png", run->crops, c->serial),
		0, 0, c->crop_w, c->crop_h, NULL, 0 };
	for (size_t i = 0; i < c->nparts; i++) {
		const struct ul_scan_rect *p = &c->parts[i];
		j->files[1 + i] = (struct crop_file){
			ul_xasprintf("%s/%s-%s.png", run->crops, c->serial,
				     c->deck->fields[p->field].id),
			p->x, p->y, p->w, p->h, NULL, 0 };
	}
	if (!run->encoder || !g_thread_pool_push(run->encoder, j, NULL)) {
		crop_encode(j, NULL);
		crop_finish(run, j);
		return;
	}
	run->in_flight++;
	crops_collect(run, CROPS_IN_FLIGHT - 1);
}

static struct row *
row_for(struct run *run, const struct ul_scan_card *c, bool *fresh)
{
	for (size_t i = 0; i < run->nrows; i++)
		if (run->rows[i].deck == c->deck && run->rows[i].number == c->number) {
			*fresh = false;
			return &run->rows[i];
		}
	run->rows = ul_xreallocarray(run->rows, run->nrows + 1, sizeof(*run->rows));
	struct row *r = &run->rows[run->nrows++];
	memset(r, 0, sizeof(*r));
	ul_buf_init(&r->also);
	*fresh = true;
	return r;
}

static bool
same_reading(const struct ul_scan_field *a, const struct ul_scan_field *b)
{
	if (a->ticks)
		return a->mark == b->mark && a->ticked == b->ticked &&
		       a->faint == b->faint;
	return a->mark == b->mark && a->value == b->value &&
	       (a->mark != UL_MARK_SEVERAL || a->second == b->second);
}

static int
on_card(void *ctx, const struct ul_scan_card *c)
{
	struct run *run = ctx;
	bool fresh;
	struct row *r = row_for(run, c, &fresh);

	if (!fresh) {
		/* a second photo of the same card: one row, disagreements said */
		bool differ = false;
		for (size_t i = 0; i < c->nfields && i < r->nfields; i++)
			if (!same_reading(&c->fields[i], &r->fields[i])) {
				differ = true;
				if (i < UL_NELEM(r->conflict))
					r->conflict[i] = true;
			}
		if (differ)
		{
			const struct ul_lang *l = run->lang;
			if (r->also.len)
				ul_buf_adds(&r->also, "; ");
			ul_buf_addf(&r->also, ul_lang_text(l, "revue dans « %s » "
							   "avec d'autres marques"),
				    run->photo);
		}
		return 0;
	}
	r->deck = c->deck;
	r->number = c->number;
	snprintf(r->serial, sizeof(r->serial), "%s", c->serial);
	snprintf(r->version, sizeof(r->version), "%s", c->version);
	snprintf(r->current, sizeof(r->current), "%s", c->current);
	r->stale = c->stale;
	r->residual = c->residual;
	r->nfields = c->nfields;
	r->fields = ul_xreallocarray(NULL, c->nfields ? c->nfields : 1,
				     sizeof(*r->fields));
	memcpy(r->fields, c->fields, c->nfields * sizeof(*r->fields));
	r->photo = ul_xstrdup(run->photo);
	if (c->stale)
		ul_warning(run->diags, run->photo, 0, 0, "card %s was printed from "
			   "version %s of deck '%s'; '%s' prints version %s",
			   c->serial, c->version, c->deck->id, run->wsfile,
			   c->current);
	if (run->crops)
		crops_queue(run, c, (size_t)(r - run->rows));
	return 0;
}

/*
 * How the CSV names the crops: relative to the CSV's own directory, so
 * that the pair can be moved together, or as given when the CSV goes to
 * standard output.
 */
static char *
crops_ref(const char *crops, const char *output)
{
	char cr[PATH_MAX], od[PATH_MAX];
	char *dir, *slash;

	if (!crops)
		return NULL;
	if (!output || strcmp(output, "-") == 0 || crops[0] == '/')
		return ul_xasprintf("%s/", crops);
	dir = ul_xstrdup(output);
	slash = strrchr(dir, '/');
	if (slash)
		*slash = 0;
	else
		strcpy(dir, ".");
	if (!realpath(crops, cr) || !realpath(*dir ? dir : "/", od)) {
		free(dir);
		return ul_xasprintf("%s/", crops);
	}
	free(dir);
	/* common leading components, then one ../ per component left */
	size_t i = 0, last = 0;
	while (cr[i] && od[i] && cr[i] == od[i]) {
		if (cr[i] == '/')
			last = i;
		i++;
	}
	if (!od[i] && (cr[i] == '/' || !cr[i]))
		last = i;
	struct ul_buf b;
	ul_buf_init(&b);
	for (const char *p = od + last; *p; p++)
		if (*p == '/')
			ul_buf_adds(&b, "../");
	if (cr[last] == '/')
		last++;
	if (cr[last])
		ul_buf_addf(&b, "%s/", cr + last);
	if (!b.len)
		ul_buf_adds(&b, "./");
	return ul_buf_detach(&b);
}

static const char *
field_id(const struct row *r, size_t i)
{
	return r->deck->fields[r->fields[i].field].id;
}

static const struct ul_field *
field_def(const struct row *r, size_t i)
{
	return &r->deck->fields[r->fields[i].field];
}

/*
 * Whether field i of a row needs a person: anything but one clear mark;
 * a tick-box field where any number may be ticked is also clean with no
 * box ticked (none applies).
 */
static bool
needs_look(const struct row *r, size_t i)
{
	const struct ul_scan_field *s = &r->fields[i];

	if (i < UL_NELEM(r->conflict) && r->conflict[i])
		return true;
	if (s->ticks && !field_def(r, i)->choose_one && s->mark == UL_MARK_NONE)
		return false;
	return s->mark != UL_MARK_ONE;
}

/* The options of the boxes in bits, « a », « b », for the check column. */
static void
add_options(struct ul_buf *b, const struct ul_field *fd, unsigned bits,
	    const struct ul_lang *l)
{
	bool first = true;

	for (size_t k = 0; k < fd->ticks.n; k++)
		if (bits & 1u << k) {
			if (!first)
				ul_buf_adds(b, ", ");
			ul_buf_addf(b, ul_lang_text(l, "« %s »"), fd->ticks.v[k]);
			first = false;
		}
}

/*
 * The value of a tick-box field: the options ticked, clear or faint, in
 * the field's order, separated by " | " (options hold no '|'), as
 * utilab-collect reads a list cell; empty when a person must choose.
 */
static void
tick_value(FILE *fp, const struct ul_field *fd, const struct ul_scan_field *sc)
{
	struct ul_buf b;
	unsigned bits = sc->ticked | sc->faint;

	if (sc->mark == UL_MARK_SEVERAL || sc->mark == UL_MARK_HIDDEN)
		return;
	/* one expected: the box the mark is in, not a lighter smudge beside */
	if (fd->choose_one)
		bits = sc->value > 0 ? 1u << (sc->value - 1) : 0;
	ul_buf_init(&b);
	for (size_t k = 0; k < fd->ticks.n; k++)
		if (bits & 1u << k)
			ul_buf_addf(&b, "%s%s", b.len ? " | " : "", fd->ticks.v[k]);
	if (b.len)
		ul_report_csv_cell(fp, b.s);
	ul_buf_release(&b);
}

/* The check column's words for a tick-box field, into t (empty before). */
static void
check_ticks(struct ul_buf *t, const struct row *r, size_t i,
	    const struct ul_lang *l)
{
	const struct ul_scan_field *s = &r->fields[i];
	const struct ul_field *fd = field_def(r, i);
	const char *id = field_id(r, i);

	switch (s->mark) {
	case UL_MARK_NONE:
		if (fd->choose_one)
			ul_buf_addf(t, ul_lang_text(l, "%s : aucune case cochée"), id);
		break;
	case UL_MARK_FAINT:
		ul_buf_addf(t, ul_lang_text(l, "%s : marque pâle dans "), id);
		add_options(t, fd, s->faint, l);
		break;
	case UL_MARK_SEVERAL:
		ul_buf_addf(t, ul_lang_text(l, "%s : plusieurs cases cochées, "
					     "une attendue : "), id);
		add_options(t, fd, s->ticked | s->faint, l);
		break;
	case UL_MARK_HIDDEN:
		ul_buf_addf(t, ul_lang_text(l, "%s : cases hors de l'image"), id);
		break;
	case UL_MARK_ONE:
		break;
	}
}

/* The check column's words for a scale field, into t (empty before). */
static void
check_scale(struct ul_buf *t, const struct ul_scan_field *s, const char *id,
	    const struct ul_lang *l)
{
	switch (s->mark) {
	case UL_MARK_NONE:
		ul_buf_addf(t, ul_lang_text(l, "%s : aucune marque"), id);
		break;
	case UL_MARK_FAINT:
		ul_buf_addf(t, ul_lang_text(l, "%s : marque pâle sur %d"), id,
			    s->value);
		break;
	case UL_MARK_SEVERAL:
		ul_buf_addf(t, ul_lang_text(l, "%s : deux marques (%d et %d)"), id,
			    s->value < s->second ? s->value : s->second,
			    s->value < s->second ? s->second : s->value);
		break;
	case UL_MARK_HIDDEN:
		ul_buf_addf(t, ul_lang_text(l, "%s : cercles hors de l'image"), id);
		break;
	case UL_MARK_ONE:
		break;
	}
}

/*
 * What a person must look at, in the workshop's language (the results
 * are the workshop's: its reports speak it too).
 */
static void
write_check(FILE *fp, const struct row *r, const struct ul_lang *l)
{
	struct ul_buf b, t;

	ul_buf_init(&b);
	ul_buf_init(&t);
	for (size_t i = 0; i < r->nfields; i++) {
		const struct ul_scan_field *s = &r->fields[i];
		const char *id = field_id(r, i);
		ul_buf_reset(&t);
		if (s->ticks)
			check_ticks(&t, r, i, l);
		else
			check_scale(&t, s, id, l);
		if (i < UL_NELEM(r->conflict) && r->conflict[i]) {
			if (t.len)
				ul_buf_adds(&t, "; ");
			ul_buf_addf(&t, ul_lang_text(l, "%s : lue autrement sur deux "
						     "images"), id);
		}
		if (t.len)
			ul_buf_addf(&b, "%s%s", b.len ? "; " : "", t.s);
	}
	ul_buf_release(&t);
	if (r->also.len)
		ul_buf_addf(&b, "%s%s", b.len ? "; " : "", r->also.s);
	if (r->stale) {
		if (b.len)
			ul_buf_adds(&b, "; ");
		ul_buf_addf(&b, ul_lang_text(l, "imprimée d'après la version %s du "
					     "paquet « %s », pas %s"),
			    r->version, r->deck->id, r->current);
	}
	if (r->residual > 0.6) {
		if (b.len)
			ul_buf_adds(&b, "; ");
		ul_buf_addf(&b, ul_lang_text(l, "carte difficile à recaler (%.1f mm) : "
					     "vérifier chaque champ"), r->residual);
	}
	ul_report_csv_cell(fp, b.len ? b.s : "");
	ul_buf_release(&b);
}

static int
cmp_rows(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	if (x->deck != y->deck)
		return x->deck < y->deck ? -1 : 1;
	return (x->number > y->number) - (x->number < y->number);
}

/*
 * The CSV: type, serial, a column per scale or tick-box field, text,
 * image, version, check.
 */
static int
write_csv(struct run *run, const struct ul_workshop *ws)
{
	struct ul_atomic a;
	const char **cols = NULL;
	size_t ncols = 0;

	for (size_t d = 0; d < ws->ndecks; d++)
		for (size_t f = 0; f < ws->decks[d].nfields; f++) {
			const struct ul_field *fd = &ws->decks[d].fields[f];
			bool have = false;
			if ((fd->scale <= 0 && !fd->ticks.n) ||
			    ws->decks[d].kind != UL_DECK_WRITEIN)
				continue;
			for (size_t k = 0; k < ncols && !have; k++)
				have = strcmp(cols[k], fd->id) == 0;
			if (!have) {
				cols = ul_xreallocarray(cols, ncols + 1, sizeof(*cols));
				cols[ncols++] = fd->id;
			}
		}
	if (ul_atomic_open(&a, run->output, true, run->diags) != 0) {
		free(cols);
		return -1;
	}
	if (run->nrows)	/* qsort may not be given a NULL base */
		qsort(run->rows, run->nrows, sizeof(*run->rows), cmp_rows);
	fputs("type,serial", a.fp);
	for (size_t k = 0; k < ncols; k++) {
		char *h = ul_xasprintf("field:%s", cols[k]);
		fputc(',', a.fp);
		ul_report_csv_cell(a.fp, h);
		free(h);
	}
	fputs(",text,image,version,check\n", a.fp);
	for (size_t i = 0; i < run->nrows; i++) {
		const struct row *r = &run->rows[i];
		fprintf(a.fp, "%s,", ul_scan_deck_type(r->deck));
		ul_report_csv_cell(a.fp, r->serial);
		for (size_t k = 0; k < ncols; k++) {
			fputc(',', a.fp);
			for (size_t s = 0; s < r->nfields; s++) {
				const struct ul_scan_field *sc = &r->fields[s];
				bool conflict = s < UL_NELEM(r->conflict) &&
						r->conflict[s];
				if (strcmp(field_id(r, s), cols[k]) != 0)
					continue;
				if (sc->ticks) {
					if (!conflict)
						tick_value(a.fp, field_def(r, s), sc);
					continue;
				}
				/* a value only where one circle holds the mark */
				if (!conflict && (sc->mark == UL_MARK_ONE ||
						  sc->mark == UL_MARK_FAINT))
					fprintf(a.fp, "%d", sc->value);
			}
		}
		fputs(",,", a.fp);
		ul_report_csv_cell(a.fp, r->image ? r->image : "");
		fputc(',', a.fp);
		ul_report_csv_cell(a.fp, r->version);
		fputc(',', a.fp);
		write_check(a.fp, r, run->lang);
		fputc('\n', a.fp);
	}
	free(cols);
	return ul_atomic_commit(&a, run->diags);
}

int
main(int argc, char **argv)
{
	ul_intl_init();	/* before anything prints */
	const char *wsfile = NULL, *crops = NULL, *output = "-";
	struct ul_diags diags;
	struct ul_workshop ws;
	struct ul_render r = { 0 };
	struct run run = { 0 };
	char *fontdir = NULL, *err = NULL;
	struct cli_parser opts;
	bool quiet = false;
	int c, status;

	cli_parser_init(&opts, &cmd);
	while ((c = cli_next(&opts, argc, argv)) != -1) {
		switch (c) {
		case 'd':
			crops = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case 'w':
			wsfile = optarg;
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
	if (!wsfile)
		return usage_error("no workshop given: use -w workshop.yaml");
	if (argc == 0)
		return usage_error("no image given");
	for (int i = 0; i < argc; i++)
		if (strcmp(output, "-") != 0 && ul_same_file(output, argv[i])) {
			fprintf(stderr, _("%s: refusing to overwrite the input '%s'\n"),
				prog, argv[i]);
			return UL_ECANTCREAT;
		}
	if (crops) {
		struct stat st;
		if (stat(crops, &st) != 0 && mkdir(crops, 0777) != 0) {
			fprintf(stderr, _("%s: cannot create '%s': %s\n"), prog, crops,
				strerror(errno));
			return UL_ECANTCREAT;
		}
		if (stat(crops, &st) != 0 || !S_ISDIR(st.st_mode)) {
			fprintf(stderr, _("%s: '%s' is not a directory\n"), prog, crops);
			return UL_ECANTCREAT;
		}
	}

	ul_diags_init(&diags);
	memset(&ws, 0, sizeof(ws));
	if (ul_workshop_load(&ws, wsfile, &diags) != 0)
		goto done;
	fontdir = ul_datadir_path("fonts");
	r.text = ul_text_new(fontdir, ws.theme.font, ws.lang, &err);
	if (!r.text) {
		ul_error(&diags, ws.file, ws.theme.pos.line, ws.theme.pos.col,
			 "%s", err);
		goto done;
	}
	r.ws = &ws;
	r.bleed = 3;
	r.diags = &diags;
	r.file = ws.file;
	r.lang = ws.lang ? ws.lang : "fr";
	run.scan = ul_scan_new(&r, &diags);
	if (!run.scan)
		goto done;
	ul_scan_keep_crops(run.scan, crops != NULL);
	if (crops) {
		run.encoded = g_async_queue_new();
		/* none (NULL): crops_queue encodes on this thread */
		run.encoder = g_thread_pool_new(crop_encode, run.encoded, 1,
						FALSE, NULL);
	}
	run.crops = crops;
	run.wsfile = wsfile;
	run.lang = ul_lang_get(ws.lang);
	run.crops_ref = crops_ref(crops, output);
	run.output = output;
	run.inputs = argv;
	run.ninputs = argc;
	run.diags = &diags;

	/* one image at a time: memory does not grow with their number */
	struct ul_progress progress;
	cli_progress(&progress, quiet);
	ul_progress_start(&progress, N_("images"), (size_t)argc);
	for (int i = 0; i < argc; i++) {
		struct ul_image im;
		ul_progress_add(&progress, 1);
		if (ul_image_load(&im, argv[i], &diags) != 0)
			continue;
		run.photo = argv[i];
		ul_scan_image(run.scan, &im, argv[i], on_card, &run, &diags);
		ul_image_release(&im);
	}
	crops_collect(&run, 0);
	ul_progress_end(&progress);
	/*
	 * What was read is written, even when some images failed (each
	 * failure is named above, and the exit status says so). When no card
	 * was read at all, every image failed: a CSV of a header alone would
	 * pass for an empty pile, so none is written, and an older file of
	 * that name is left as it was.
	 */
	if (run.nrows == 0 && diags.errors > 0)
		ul_diag_add(&diags, UL_NOTE, 0, NULL, 0, 0, "no card read: "
			    "no results written");
	else
		write_csv(&run, &ws);
	if (run.nrows > 0) {
		size_t flagged = 0;
		for (size_t i = 0; i < run.nrows; i++) {
			const struct row *rw = &run.rows[i];
			bool f = rw->stale || rw->also.len || rw->residual > 0.6;
			for (size_t k = 0; k < rw->nfields; k++)
				f |= needs_look(rw, k);
			flagged += f;
		}
		/* TRANSLATORS: the images' count follows, as "from %d image(s)" */
		char from[80];
		snprintf(from, sizeof(from), P_("from %d image", "from %d images", argc), argc);
		ul_diag_add(&diags, UL_NOTE, 0, NULL, 0, 0,
			    P_("%zu card read %s, %zu to check",
			       "%zu cards read %s, %zu to check", run.nrows),
			    run.nrows, from, flagged);
	}

done:
	ul_diags_sort(&diags);
	ul_diags_report(&diags, stderr, prog, quiet ? UL_DIAGS_QUIET : 0);
	status = ul_diags_exit_code(&diags);
	ul_diags_release(&diags);
	for (size_t i = 0; i < run.nrows; i++) {
		free(run.rows[i].fields);
		free(run.rows[i].image);
		free(run.rows[i].photo);
		ul_buf_release(&run.rows[i].also);
	}
	free(run.rows);
	free(run.crops_ref);
	if (run.encoder)
		g_thread_pool_free(run.encoder, FALSE, TRUE);
	if (run.encoded)
		g_async_queue_unref(run.encoded);
	ul_scan_free(run.scan);
	ul_workshop_release(&ws);
	ul_text_free(r.text);
	free(fontdir);
	free(err);
	ul_card_cache_release();
	ul_icon_cache_release();
	ul_text_shutdown();
	return status;
}
