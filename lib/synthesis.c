/* SPDX-License-Identifier: ISC */
/*
 * Synthesis: fills the charts from a merge and sets the synthesis into a
 * book. The groups, counts and order are the merge's (lib/merge.c): this
 * file only chooses what to show first and how to say it.
 * Owns the synthesis' wording and the charts' data; knows nothing of
 * inputs, output files or argv.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <glib.h>

#include "image.h"
#include "synthesis.h"
#include "text.h"
#include "util.h"

struct fig {
	struct ul_chart *chart;
	struct ul_text *t;
};

struct ul_synthesis {
	struct ul_chart charts[UL_NCHARTS];
	struct fig figs[UL_NCHARTS];
};

static bool
french(const struct ul_merge *m)
{
	return !m->lang || strncmp(m->lang, "fr", 2) == 0;
}

#define L(fr, en) (french(m) ? (fr) : (en))

static int
by_votes(const void *a, const void *b)
{
	char idb[UL_ITEM_ID_MAX], idb2[UL_ITEM_ID_MAX];
	const struct ul_item *x = *(struct ul_item *const *)a;
	const struct ul_item *y = *(struct ul_item *const *)b;

	if (x->votes != y->votes)
		return x->votes < y->votes ? 1 : -1;
	return strcmp(ul_item_id(x, idb, sizeof(idb)), ul_item_id(y, idb2, sizeof(idb2)));
}

struct ul_item **
ul_synthesis_by_votes(const struct ul_merge *m, size_t *n)
{
	struct ul_item **v = ul_xcalloc(m->nitems + 1, sizeof(*v));

	*n = 0;
	for (size_t i = 0; i < m->nitems; i++)
		if (m->items[i]->type == UL_IT_FRICTION)
			v[(*n)++] = m->items[i];
	qsort(v, *n, sizeof(*v), by_votes);
	return v;
}

static char *
bar_label(const struct ul_item *it)
{
	char idb[UL_ITEM_ID_MAX];
	return ul_xasprintf("%s · %s", ul_item_id(it, idb, sizeof(idb)), it->text ? it->text : "");
}

static int
by_ideas(const void *a, const void *b)
{
	char idb[UL_ITEM_ID_MAX], idb2[UL_ITEM_ID_MAX];
	const struct ul_item *x = *(struct ul_item *const *)a;
	const struct ul_item *y = *(struct ul_item *const *)b;

	if (x->rare->nideas != y->rare->nideas)
		return x->rare->nideas < y->rare->nideas ? 1 : -1;
	return strcmp(ul_item_id(x, idb, sizeof(idb)), ul_item_id(y, idb2, sizeof(idb2)));
}

static void
theme(const struct ul_merge *m, struct ul_chart *c)
{
	const struct ul_workshop *ws = m->opts.ws;

	if (!ws)
		return;
	if (ws->theme.color.text)
		c->color = ws->theme.color;
	if (ws->theme.ink.text)
		c->ink = ws->theme.ink;
	if (ws->theme.paper.text)
		c->paper = ws->theme.paper;
}

/* The stages in the journey's column order, then any other seen. */
static const char **
stage_order(const struct ul_merge *m, size_t *n, bool *none)
{
	const char **v = NULL;
	const struct ul_workshop *ws = m->opts.ws;

	*n = 0;
	*none = false;
#define ADD(S)                                                               \
	do {                                                                 \
		bool seen = false;                                           \
		for (size_t k = 0; k < *n; k++)                              \
			seen |= strcmp(v[k], (S)) == 0;                      \
		if (!seen) {                                                 \
			v = ul_xreallocarray(v, *n + 1, sizeof(*v));         \
			v[(*n)++] = (S);                                     \
		}                                                            \
	} while (0)
	for (size_t p = 0; ws && p < ws->nposters; p++)
		if (ws->posters[p].kind == UL_POSTER_JOURNEY)
			for (size_t c = 0; c < ws->posters[p].columns.n; c++)
				ADD(ws->posters[p].columns.v[c]);
	for (size_t g = 0; g < m->nseqs; g++)
		for (size_t s = 0; s < m->seqs[g].nstages; s++) {
			const char *st = m->seqs[g].stages[s].stage;
			if (st)
				ADD(st);
			else
				*none = true;
		}
#undef ADD
	return v;
}

void
ul_synthesis_charts(const struct ul_merge *m, struct ul_chart c[UL_NCHARTS])
{
	size_t n;
	struct ul_item **fr = ul_synthesis_by_votes(m, &n);

	/* votes */
	ul_chart_init(&c[UL_CHART_VOTES], UL_CHART_BARS, "votes",
		      L("Votes par friction", "Votes per friction"));
	c[UL_CHART_VOTES].unit1 = L("vote", "vote");
	c[UL_CHART_VOTES].unitn = L("votes", "votes");
	for (size_t i = 0; i < n && c[UL_CHART_VOTES].n < UL_CHART_MAX_BARS; i++) {
		if (!fr[i]->votes)
			break;
		char *l = bar_label(fr[i]);
		ul_chart_add_bar(&c[UL_CHART_VOTES], l, fr[i]->votes);
		free(l);
	}

	/* frictions per sequence × stage */
	{
		size_t ns;
		bool none;
		const char **stages = stage_order(m, &ns, &none);
		const char **cols = ul_xcalloc(ns + 2, sizeof(*cols));
		const char **rows = ul_xcalloc(m->nseqs + 1, sizeof(*rows));
		size_t nc = ns;
		if (ns)	/* memcpy may not be given a NULL source, even for nothing */
			memcpy(cols, stages, ns * sizeof(*cols));
		if (none)
			cols[nc++] = L("sans étape", "no stage");
		for (size_t g = 0; g < m->nseqs; g++)
			rows[g] = m->seqs[g].title ? m->seqs[g].title :
				  L("Sans séquence", "No sequence");
		ul_chart_init(&c[UL_CHART_STAGES], UL_CHART_HEAT, "stages",
			      L("Frictions par séquence de vie et étape du parcours",
				"Frictions per life sequence and journey stage"));
		if (nc)
			ul_chart_heat_axes(&c[UL_CHART_STAGES], rows, m->nseqs, cols, nc);
		for (size_t g = 0; g < m->nseqs && nc; g++)
			for (size_t s = 0; s < m->seqs[g].nstages; s++) {
				const struct ul_stage_group *sg = &m->seqs[g].stages[s];
				size_t col = nc - 1;
				for (size_t k = 0; k < ns; k++)
					if (sg->stage && strcmp(sg->stage, stages[k]) == 0)
						col = k;
				for (size_t i = 0; i < sg->n; i++)
					if (sg->items[i]->type == UL_IT_FRICTION)
						*ul_chart_cell(&c[UL_CHART_STAGES], g, col) += 1;
			}
		free(stages);
		free(cols);
		free(rows);
	}

	/* ideas per friction */
	ul_chart_init(&c[UL_CHART_IDEAS], UL_CHART_BARS, "ideas",
		      L("Idées par friction", "Ideas per friction"));
	c[UL_CHART_IDEAS].unit1 = L("idée", "idea");
	c[UL_CHART_IDEAS].unitn = L("idées", "ideas");
	qsort(fr, n, sizeof(*fr), by_ideas);
	for (size_t i = 0; i < n && c[UL_CHART_IDEAS].n < UL_CHART_MAX_BARS; i++) {
		if (!fr[i]->rare->nideas)
			break;
		char *l = bar_label(fr[i]);
		ul_chart_add_bar(&c[UL_CHART_IDEAS], l, fr[i]->rare->nideas);
		free(l);
	}
	free(fr);

	/* tags, as the merge orders them */
	ul_chart_init(&c[UL_CHART_TAGS], UL_CHART_BARS, "tags",
		      L("Thèmes (étiquettes)", "Tags"));
	c[UL_CHART_TAGS].unit1 = L("contribution", "item");
	c[UL_CHART_TAGS].unitn = L("contributions", "items");
	for (size_t i = 0; i < m->ntags && c[UL_CHART_TAGS].n < UL_CHART_MAX_BARS; i++)
		ul_chart_add_bar(&c[UL_CHART_TAGS], m->tags[i].tag, m->tags[i].items);
	for (int k = 0; k < UL_NCHARTS; k++)
		theme(m, &c[k]);
}

/* ---- the typeset synthesis ------------------------------------------- */

static void
draw_chart(void *ctx, cairo_t *cr, double w, double h)
{
	struct fig *f = ctx;
	(void)w, (void)h;
	ul_chart_draw(f->chart, f->t, cr, 0, 0);
}

static void
para(struct ul_book *b, const char *text, enum ul_para_style st)
{
	char *mk = ul_book_markup(b, text, false);
	ul_book_para(b, mk, st);
	free(mk);
}

static void
fact(struct ul_book *b, const char *label, const char *value)
{
	char *mk = ul_book_markup(b, value, false);
	ul_book_fact(b, label, mk);
	free(mk);
}

static const char *
plural(const struct ul_merge *m, size_t n, const char *one, const char *many)
{
	(void)m;
	return n > 1 ? many : one;
}

/*
 * A scanned card's crop under its transcription, so that whoever reads
 * the synthesis sees the handwriting beside what was typed of it. The
 * crop is a path from a results file (utilab-scan's image column): read
 * as the HTML report reads it (a PNG, at most 8 MiB), and named instead
 * when it cannot be, so that nothing points nowhere silently.
 */
#define CROP_MAX_BYTES ((size_t)8 << 20)
#define CROP_W 38.0		/* mm */
#define CROP_DPI 150		/* the crop as drawn: enough for handwriting */

/* A crop's size from its PNG header; false when it is no usable PNG. */
static bool
crop_size(const char *data, size_t len, int *w, int *h)
{
	uint32_t pw, ph;

	if (!ul_png_size(data, len, &pw, &ph) || pw == 0 || ph == 0 ||
	    pw > 8000 || ph > 8000)
		return false;
	*w = (int)pw;
	*h = (int)ph;
	return true;
}

/*
 * A photo's noise defeats the PDF's lossless compression (200 kB a crop):
 * the surface is given its JPEG too, which cairo's PDF output embeds as
 * is (about 20 kB).
 */
static void
embed_as_jpeg(cairo_surface_t *img)
{
	int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
	int stride = cairo_image_surface_get_stride(img);
	unsigned char *rgb = ul_xmalloc((size_t)w * h * 3), *jpeg;
	size_t len;

	cairo_surface_flush(img);
	const unsigned char *px = cairo_image_surface_get_data(img);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			uint32_t p = ((const uint32_t *)(px + (size_t)y * stride))[x];
			unsigned char *o = rgb + ((size_t)y * w + x) * 3;
			o[0] = p >> 16 & 255;
			o[1] = p >> 8 & 255;
			o[2] = p & 255;
		}
	if (ul_image_jpeg(rgb, w, h, w * 3, 80, &jpeg, &len) == 0 &&
	    cairo_surface_set_mime_data(img, CAIRO_MIME_TYPE_JPEG, jpeg, len,
					g_free, jpeg) != CAIRO_STATUS_SUCCESS)
		g_free(jpeg);
	free(rgb);
}

/* Draws the crop named by ctx into w × h mm, reduced to CROP_DPI first. */
static void
draw_crop(void *ctx, cairo_t *cr, double w, double h)
{
	char *data = NULL;
	size_t len = 0;
	int pw, ph;
	double indent = 6, cw = CROP_W;

	(void)w;
	if (ul_read_file(ctx, CROP_MAX_BYTES, &data, &len) != 0 ||
	    !crop_size(data, len, &pw, &ph)) {
		free(data);
		return;
	}
	cairo_surface_t *src = ul_png_surface(data, len);
	free(data);
	if (cairo_surface_status(src) == CAIRO_STATUS_SUCCESS) {
		double ch = h - 1;
		int tw = (int)lround(cw / 25.4 * CROP_DPI), th = (int)lround(ch / 25.4 * CROP_DPI);
		cairo_surface_t *small = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
								    tw, th);
		cairo_t *sc = cairo_create(small);
		cairo_scale(sc, (double)tw / pw, (double)th / ph);
		cairo_set_source_surface(sc, src, 0, 0);
		cairo_pattern_set_filter(cairo_get_source(sc), CAIRO_FILTER_GOOD);
		cairo_paint(sc);
		cairo_destroy(sc);
		embed_as_jpeg(small);
		cairo_save(cr);
		cairo_translate(cr, indent, 0);
		cairo_scale(cr, cw / tw, ch / th);
		cairo_set_source_surface(cr, small, 0, 0);
		cairo_paint(cr);
		cairo_restore(cr);
		cairo_surface_destroy(small);
		cairo_set_source_rgb(cr, 0.8, 0.8, 0.8);
		cairo_set_line_width(cr, 0.2);
		cairo_rectangle(cr, indent, 0, cw, ch);
		cairo_stroke(cr);
	}
	cairo_surface_destroy(src);
}

static void
crop(const struct ul_merge *m, struct ul_book *b, const struct ul_item *it)
{
	char *data = NULL;
	size_t len = 0;
	int pw, ph;

	if (!it->rare->image)
		return;
	if (ul_read_file(it->rare->image, CROP_MAX_BYTES, &data, &len) == 0 &&
	    crop_size(data, len, &pw, &ph)) {
		/* the whole body's width: the crop sits under the item's text */
		ul_book_figure(b, ul_book_body_width(b), CROP_W * ph / pw + 1,
			       draw_crop, (void *)it->rare->image, NULL);
	} else {
		char *s = ul_xasprintf(L("(image illisible : %s)",
					 "(unreadable image: %s)"), it->rare->image);
		char *mk = ul_book_markup(b, s, false);
		ul_book_para(b, mk, UL_PARA_SMALL);
		free(mk);
		free(s);
	}
	free(data);
}

/* "12 votes · gravité 4 · FRI-007" in small type, markup. */
static void
item_meta(const struct ul_merge *m, struct ul_book *b, const struct ul_item *it,
	  struct ul_buf *out)
{
	char idb[UL_ITEM_ID_MAX];
	struct ul_buf s;
	char *mk;

	ul_buf_init(&s);
	ul_buf_addf(&s, "%u %s", it->votes, it->votes > 1 ? "votes" : "vote");
	if (it->severity)
		ul_buf_addf(&s, L(" · gravité %d", " · severity %d"), it->severity);
	for (size_t t = 0; t < it->ntags; t++)
		ul_buf_addf(&s, "%s%s", t ? ", " : " · ", it->tags[t]);
	if (it->table)
		ul_buf_addf(&s, " · %s", it->table);
	/* a card's number says where it came from; a file:line is for the appendix */
	if (it->serial)
		ul_buf_addf(&s, " · %s", ul_item_id(it, idb, sizeof(idb)));
	if (it->nsrc > 1)
		ul_buf_addf(&s, " (%u sources)", it->nsrc);	/* same in both */
	mk = ul_book_markup(b, s.s, false);
	ul_buf_addf(out, "\n<span size=\"smaller\" foreground=\"#5C5C5C\">%s</span>", mk);
	free(mk);
	if (it->conflict)
		ul_buf_adds(out, L(" <b>[textes différents sous ce numéro]</b>",
				   " <b>[different texts under this number]</b>"));
	ul_buf_release(&s);
}

/* A friction and its ideas; with_crops: each scanned card's crop too. */
static void
friction(const struct ul_merge *m, struct ul_book *b, const struct ul_item *it,
	 const char *bullet, bool with_crops)
{
	struct ul_buf out;
	char *mk = ul_book_markup(b, it->text, false);

	ul_buf_init(&out);
	ul_buf_adds(&out, mk);
	free(mk);
	item_meta(m, b, it, &out);
	ul_book_item(b, bullet, out.s, 0);
	if (with_crops)
		crop(m, b, it);
	for (size_t i = 0; i < it->rare->nideas; i++) {
		const struct ul_item *id = it->rare->ideas[i];
		ul_buf_reset(&out);
		mk = ul_book_markup(b, id->text, false);
		ul_buf_addf(&out, "<b>%s</b> %s", L("Idée :", "Idea:"), mk);
		free(mk);
		item_meta(m, b, id, &out);
		ul_book_item(b, "–", out.s, 1);
		if (with_crops)
			crop(m, b, id);
	}
	ul_buf_release(&out);
}

static void
overview(struct ul_book *b, const struct ul_merge *m)
{
	const struct ul_workshop *ws = m->opts.ws;
	size_t nf = 0, ni = 0, nv = 0, nt = 0;
	char buf[256];

	for (size_t i = 0; i < m->nitems; i++) {
		nf += m->items[i]->type == UL_IT_FRICTION;
		ni += m->items[i]->type == UL_IT_IDEA;
		nv += m->items[i]->votes;
	}
	for (size_t i = 0; i < m->ntables; i++)
		nt += m->tables[i].table != NULL;
	fact(b, L("Atelier", "Workshop"), m->workshop_title ? m->workshop_title :
	     m->workshop_id ? m->workshop_id : L("non précisé", "not given"));
	if (ws && ws->territory)
		fact(b, L("Territoire", "Territory"), ws->territory);
	{
		/* the sessions as collected, else the workshop's date */
		struct ul_buf d;
		ul_buf_init(&d);
		for (size_t i = 0; i < m->ntables; i++) {
			const char *s = m->tables[i].session;
			if (s && !strstr(d.s ? d.s : "", s))
				ul_buf_addf(&d, "%s%s", d.len ? ", " : "", s);
		}
		if (!d.len && ws && ws->date)
			ul_buf_adds(&d, ws->date);
		if (d.len)
			fact(b, L("Date", "Date"), d.s);
		ul_buf_release(&d);
	}
	snprintf(buf, sizeof(buf), "%zu %s, %zu %s, %zu %s",
		 nf, plural(m, nf, "friction", "frictions"), ni,
		 L(plural(m, ni, "idée", "idées"), plural(m, ni, "idea", "ideas")),
		 nv, plural(m, nv, "vote", "votes"));
	fact(b, L("Contributions", "Contributions"), buf);
	if (nt) {
		snprintf(buf, sizeof(buf), "%zu", nt);
		fact(b, L("Tables", "Tables"), buf);
	}
	snprintf(buf, sizeof(buf),
		 L("%zu reçues = %zu gardées + %zu en double + %zu mises de côté",
		   "%zu in = %zu kept + %zu duplicates + %zu quarantined"),
		 m->in, m->kept, m->duplicates, m->quarantined);
	fact(b, L("Transcriptions", "Records"), buf);
}

static void
top3(struct ul_book *b, const struct ul_merge *m)
{
	size_t n;
	struct ul_item **v = ul_synthesis_by_votes(m, &n);

	ul_book_heading(b, 2, L("Les trois frictions les plus votées",
				"The three most voted frictions"));
	if (!n)
		para(b, L("Aucune friction n'a été recueillie.", "No friction was collected."),
		     UL_PARA_BODY);
	for (size_t i = 0; i < n && i < 3; i++) {
		char bullet[8];
		snprintf(bullet, sizeof(bullet), "%zu.", i + 1);
		friction(m, b, v[i], bullet, false);
	}
	free(v);
}

static void
charts(struct ul_synthesis *s, struct ul_book *b, struct ul_text *t,
       const struct ul_merge *m)
{
	static const char *const why_fr[UL_NCHARTS] = {
		"Chaque barre est une friction ; sa longueur, les votes qu'elle a reçus.",
		"Chaque case compte les frictions racontées pour une séquence de vie, "
		"à une étape du parcours. Plus la case est foncée, plus il y en a.",
		"Les frictions auxquelles les participants ont le plus répondu par des idées.",
		"Les étiquettes posées sur les contributions, sur toutes les tables.",
	};
	static const char *const why_en[UL_NCHARTS] = {
		"Each bar is a friction; its length, the votes it received.",
		"Each cell counts the frictions told for a life sequence at a journey "
		"stage. The darker the cell, the more there are.",
		"The frictions people answered with the most ideas.",
		"The tags put on contributions, across every table.",
	};
	double w = ul_book_body_width(b), pt = ul_book_body_size(b) * 0.82;

	ul_synthesis_charts(m, s->charts);
	for (int k = 0; k < UL_NCHARTS; k++) {
		struct ul_chart *c = &s->charts[k];
		if (!c->n || (c->kind == UL_CHART_HEAT && !c->ncols))
			continue;
		ul_chart_layout(c, w, pt);
		s->figs[k].chart = c;
		s->figs[k].t = t;
		ul_book_heading(b, 2, c->title);
		char *cap = ul_book_markup(b, french(m) ? why_fr[k] : why_en[k], false);
		ul_book_figure(b, w, c->height, draw_chart, &s->figs[k], cap);
		free(cap);
	}
}

static void
groups(struct ul_book *b, const struct ul_merge *m)
{
	for (size_t g = 0; g < m->nseqs; g++) {
		const struct ul_seq_group *sg = &m->seqs[g];
		char buf[64];
		ul_book_heading(b, 2, sg->title ? sg->title : L("Sans séquence de vie",
								 "No life sequence"));
		for (size_t s = 0; s < sg->nstages; s++) {
			const struct ul_stage_group *st = &sg->stages[s];
			if (sg->nstages > 1 || st->stage)
				ul_book_heading(b, 3, st->stage ? st->stage :
						L("Sans étape du parcours", "No journey stage"));
			for (size_t i = 0; i < st->n; i++) {
				if (st->items[i]->type == UL_IT_FRICTION) {
					friction(m, b, st->items[i], "•", true);
				} else {
					struct ul_buf out;
					char *mk = ul_book_markup(b, st->items[i]->text, false);
					ul_buf_init(&out);
					ul_buf_adds(&out, mk);
					free(mk);
					item_meta(m, b, st->items[i], &out);
					ul_book_item(b, "◦", out.s, 0);
					crop(m, b, st->items[i]);
					ul_buf_release(&out);
				}
			}
		}
		(void)buf;
	}
	if (m->norphans) {
		ul_book_heading(b, 2, L("Idées qui ne répondent à aucune friction recueillie",
					"Ideas answering no collected friction"));
		for (size_t i = 0; i < m->norphans; i++) {
			struct ul_buf out;
			char *mk = ul_book_markup(b, m->orphans[i]->text, false);
			ul_buf_init(&out);
			ul_buf_adds(&out, mk);
			free(mk);
			item_meta(m, b, m->orphans[i], &out);
			ul_book_item(b, "–", out.s, 0);
			crop(m, b, m->orphans[i]);
			ul_buf_release(&out);
		}
	}
	if (m->nnotes) {
		ul_book_heading(b, 2, L("Notes", "Notes"));
		for (size_t i = 0; i < m->nnotes; i++) {
			const struct ul_item *it = m->notes[i];
			struct ul_buf s;
			ul_buf_init(&s);
			if (it->type == UL_IT_VOTE) {
				/* a vote counted apart from what it is for */
				ul_buf_addf(&s, "%u %s", it->votes, it->votes > 1 ? "votes" : "vote");
				for (size_t a = 0; a < it->rare->nanswers; a++)
					ul_buf_addf(&s, "%s%s", a ? ", " : L(" pour ", " for "),
						    it->rare->answers[a]);
				if (it->text)
					ul_buf_addf(&s, " : %s", it->text);
			} else {
				ul_buf_adds(&s, it->text ? it->text : "");
			}
			char *mk = ul_book_markup(b, s.s, false);
			ul_buf_release(&s);
			ul_book_item(b, "◦", mk, 0);
			free(mk);
		}
	}
}

static void
sources(struct ul_book *b, const struct ul_merge *m)
{
	char idb[UL_ITEM_ID_MAX];
	para(b, L("Chaque contribution porte un numéro (la carte, ou le fichier et la "
		  "ligne). Voici d'où vient chacune, fichier par fichier.",
		  "Every contribution has an id (its card, or its file and line). "
		  "This is where each came from, file by file."), UL_PARA_SMALL);
	for (size_t f = 0; f < m->nsources; f++) {
		const struct ul_source_count *sc = &m->sources[f];
		struct ul_buf s;
		char *mk, *head;
		bool any = false;

		ul_buf_init(&s);
		for (size_t i = 0; i < m->nitems; i++) {
			const struct ul_item *it = m->items[i];
			for (const struct ul_src *src = &it->src; src; src = src->next)
				if (strcmp(src->file, sc->file) == 0) {
					if (it->serial)
						ul_buf_addf(&s, "%s%s l. %d", any ? " ; " : "",
							    ul_item_id(it, idb, sizeof(idb)), src->line);
					else
						ul_buf_addf(&s, "%sl. %d (%s)", any ? " ; " : "",
							    src->line, it->type == UL_IT_IDEA ?
							    L("idée", "idea") : it->type == UL_IT_VOTE ?
							    "vote" : it->type == UL_IT_NOTE ? "note" :
							    "friction");
					any = true;
				}
		}
		head = ul_xasprintf(L("%s (%s) : %zu reçues, %zu gardées, %zu en double, "
				      "%zu mises de côté",
				      "%s (%s): %zu in, %zu kept, %zu duplicates, %zu quarantined"),
				    sc->file, sc->format ? sc->format : "?", sc->in,
				    sc->kept, sc->duplicates, sc->quarantined);
		ul_book_heading(b, 3, head);
		free(head);
		if (any) {
			mk = ul_book_markup(b, s.s, false);
			ul_book_para(b, mk, UL_PARA_SMALL);
			free(mk);
		}
		if (sc->ndropped) {
			ul_buf_reset(&s);
			ul_buf_adds(&s, L("Colonnes personnelles non lues : ",
					  "Personal columns not read: "));
			for (size_t k = 0; k < sc->ndropped; k++)
				ul_buf_addf(&s, "%s%s", k ? ", " : "", sc->dropped[k]);
			mk = ul_book_markup(b, s.s, false);
			ul_book_para(b, mk, UL_PARA_SMALL);
			free(mk);
		}
		ul_buf_release(&s);
	}
	if (m->nquar) {
		ul_book_heading(b, 3, L("Mises de côté", "Quarantined"));
		for (size_t i = 0; i < m->nquar; i++) {
			char *s = ul_xasprintf("%s:%d — %s", m->quar[i].file, m->quar[i].line,
					       m->quar[i].reason ? m->quar[i].reason : "");
			char *mk = ul_book_markup(b, s, false);
			ul_book_item(b, "•", mk, 0);
			free(mk);
			free(s);
		}
	}
}

/* What the field said of each friction it looked at, then every note. */
static void
field(struct ul_book *b, const struct ul_merge *m)
{
	char idb[UL_ITEM_ID_MAX];
	static const char *const fr[] = { "sans avis", "confirme", "nuance", "contredit" };
	static const char *const en[] = { "no verdict", "confirms", "nuances", "contradicts" };
	struct ul_buf out;

	ul_buf_init(&out);
	for (size_t i = 0; i < m->nitems; i++) {
		const struct ul_item *it = m->items[i];
		const struct ul_item_later *l = it->rare->later;
		if (it->type != UL_IT_FRICTION || !l || !l->nobservations)
			continue;
		char *mk = ul_book_markup(b, it->text, false);
		ul_buf_reset(&out);
		ul_buf_addf(&out, "<b>%s</b> %s\n<span size=\"smaller\" foreground=\"#5C5C5C\">",
			    ul_item_id(it, idb, sizeof(idb)), mk);
		free(mk);
		ul_buf_addf(&out, L("confirmée %u, nuancée %u, contredite %u",
				    "confirmed %u, nuanced %u, contradicted %u"),
			    l->verdicts[UL_VERDICT_CONFIRMS], l->verdicts[UL_VERDICT_NUANCES],
			    l->verdicts[UL_VERDICT_CONTRADICTS]);
		ul_buf_adds(&out, "</span>");
		ul_book_item(b, "•", out.s, 0);
		for (uint32_t k = 0; k < l->nobservations; k++) {
			const struct ul_item *o = l->observations[k];
			mk = ul_book_markup(b, o->text, false);
			ul_buf_reset(&out);
			ul_buf_addf(&out, "<b>%s</b> %s", (french(m) ? fr : en)[o->rare->later->verdict], mk);
			free(mk);
			ul_book_item(b, "–", out.s, 1);
		}
	}
	ul_buf_release(&out);
}

/* The dots counted on each numbered box of the vote posters. */
static void
poster_votes(struct ul_book *b, const struct ul_merge *m)
{
	struct ul_buf out;

	ul_buf_init(&out);
	for (size_t k = 0; k < m->nposters; k++) {
		const struct ul_poster_tally *t = &m->posters[k];
		ul_book_heading(b, 2, t->title);
		for (size_t x = 0; x < t->nboxes; x++) {
			const struct ul_poster_box *box = &t->boxes[x];
			char bullet[16];
			char *mk = ul_book_markup(b, box->label ? box->label : "—", false);
			snprintf(bullet, sizeof(bullet), "%d.", box->number);
			ul_buf_reset(&out);
			ul_buf_addf(&out, "%s — <b>%u %s</b>", mk, box->votes,
				    L(box->votes > 1 ? "gommettes" : "gommette",
				      box->votes == 1 ? "dot" : "dots"));
			free(mk);
			for (size_t i = 0; i < box->nideas; i++) {
				mk = ul_book_markup(b, box->ideas[i]->rare->later &&
						    box->ideas[i]->rare->later->title ?
						    box->ideas[i]->rare->later->title :
						    box->ideas[i]->text, false);
				ul_buf_addf(&out, "%s%s", i ? ", " : " : ", mk);
				free(mk);
			}
			ul_book_item(b, bullet, out.s, 0);
		}
	}
	ul_buf_release(&out);
}

static void
list_fact(struct ul_book *b, const char *label, const char *const *v, size_t n)
{
	struct ul_buf s;

	if (!n)
		return;
	ul_buf_init(&s);
	for (size_t k = 0; k < n; k++)
		ul_buf_addf(&s, "%s%s", k ? " ; " : "", v[k]);
	fact(b, label, s.s);
	ul_buf_release(&s);
}

/* One fiche per service: what it is, what it answers, how it works. */
static void
services(struct ul_book *b, const struct ul_merge *m)
{
	char idb[UL_ITEM_ID_MAX];
	struct ul_buf out;

	ul_buf_init(&out);
	for (size_t i = 0; i < m->nservices; i++) {
		const struct ul_item *s = m->services[i];
		const struct ul_item_later *l = s->rare->later;
		ul_book_heading(b, 2, l->title ? l->title : s->text ? s->text : ul_item_id(s, idb, sizeof(idb)));
		if (l->title && s->text)
			para(b, s->text, UL_PARA_BODY);
		if (l->for_whom)
			fact(b, L("Pour qui", "For whom"), l->for_whom);
		list_fact(b, L("Qui fait quoi", "Who does what"), l->roles, l->nroles);
		list_fact(b, L("Ce qu'il faut", "What it needs"), l->needs, l->nneeds);
		if (l->cost)
			fact(b, L("Combien ça coûte", "What it costs"), l->cost);
		if (l->test)
			fact(b, L("Premier essai", "First test"), l->test);
		if (l->nabout) {
			ul_book_heading(b, 3, L("Ce à quoi il répond", "What it answers"));
			for (uint32_t k = 0; k < l->nabout; k++) {
				const struct ul_item *a = l->about[k];
				char *mk = ul_book_markup(b, a->rare->later && a->rare->later->title ?
							  a->rare->later->title : a->text, false);
				ul_buf_reset(&out);
				ul_buf_addf(&out, "<b>%s</b> %s", ul_item_id(a, idb, sizeof(idb)), mk);
				free(mk);
				ul_book_item(b, "•", out.s, 0);
			}
		}
		if (l->nsteps) {
			ul_book_heading(b, 3, L("Comment ça marche", "How it works"));
			for (uint32_t k = 0; k < l->nsteps; k++) {
				const struct ul_item *st = l->steps[k];
				ul_buf_reset(&out);
				ul_buf_addf(&out, "<b>%s</b>", st->stage ? st->stage : "—");
				if (st->text) {
					char *mk = ul_book_markup(b, st->text, false);
					ul_buf_addf(&out, " %s", mk);
					free(mk);
				}
				ul_book_item(b, "•", out.s, 0);
				for (size_t f = 0; f < st->rare->nfields; f++) {
					char *mk = ul_book_markup(b, st->rare->fields[f].value, false);
					ul_buf_reset(&out);
					char *lb = ul_book_markup(b, ul_merge_field_label(
						m, st->rare->fields[f].name), false);
					ul_buf_addf(&out, "<i>%s</i> %s", lb, mk);
					free(lb);
					free(mk);
					ul_book_item(b, "–", out.s, 1);
				}
			}
		}
	}
	ul_buf_release(&out);
}

struct ul_synthesis *
ul_synthesis_add(struct ul_book *b, struct ul_text *t, const struct ul_merge *m,
		 const char *part_title)
{
	struct ul_synthesis *s = ul_xcalloc(1, sizeof(*s));
	const char *title = m->workshop_title ? m->workshop_title :
			    m->workshop_id ? m->workshop_id : L("Atelier", "Workshop");

	if (part_title) {
		ul_book_part(b, part_title, L("Résultats", "Results"), NULL);
		ul_book_chapter(b, L("En bref", "At a glance"), false);
	} else {
		char *h = ul_xasprintf("%s : %s", L("Synthèse", "Synthesis"), title);
		ul_book_chapter(b, french(m) ? h : title, false);
		free(h);
	}
	overview(b, m);
	top3(b, m);
	ul_book_chapter(b, L("En chiffres", "In figures"), true);
	charts(s, b, t, m);
	ul_book_chapter(b, L("Les frictions, séquence par séquence",
			     "The frictions, sequence by sequence"), true);
	groups(b, m);
	if (m->nobservations) {
		ul_book_chapter(b, L("Ce que le terrain a vérifié",
				     "What the field verified"), true);
		field(b, m);
	}
	if (m->nposters) {
		ul_book_chapter(b, L("Les votes sur les affiches", "Votes on the posters"),
				true);
		poster_votes(b, m);
	}
	if (m->nservices) {
		ul_book_chapter(b, L("Les services", "The services"), true);
		services(b, m);
	}
	ul_book_chapter(b, L("Sources", "Sources"), true);
	sources(b, m);
	return s;
}

void
ul_synthesis_free(struct ul_synthesis *s)
{
	if (!s)
		return;
	for (int k = 0; k < UL_NCHARTS; k++)
		ul_chart_release(&s->charts[k]);
	free(s);
}

int
ul_synthesis_pdf(const struct ul_merge *m, struct ul_out *out, double w, double h,
		 const char *fontdir, struct ul_diags *d)
{
	static const struct ul_color accent = { 0.894, 0.0, 0.227, "#E4003A" };
	static const struct ul_color ink = { 0.114, 0.114, 0.106, "#1D1D1B" };
	const struct ul_workshop *ws = m->opts.ws;
	struct ul_book_opts bo = { w, h, accent, ink, NULL, french(m) };
	struct ul_synthesis *s;
	struct ul_book *b;
	struct ul_text *t;
	char *err = NULL;
	int rc;

	t = ul_text_new(fontdir, ws ? ws->theme.font : NULL, m->lang ? m->lang : "fr",
			&err);
	if (!t) {
		ul_diag_add(d, UL_ERROR, UL_EDATA, ws ? ws->file : NULL,
			    ws ? ws->theme.pos.line : 0, ws ? ws->theme.pos.col : 0,
			    "%s", err);
		free(err);
		return -1;
	}
	if (ws && ws->theme.color.text)
		bo.accent = ws->theme.color;
	if (ws && ws->theme.ink.text)
		bo.ink = ws->theme.ink;
	bo.title = m->workshop_title ? m->workshop_title : m->workshop_id ?
		   m->workshop_id : L("Synthèse", "Synthesis");
	b = ul_book_new(t, &bo);
	s = ul_synthesis_add(b, t, m, NULL);
	rc = ul_book_render(b, out, NULL, d);
	ul_synthesis_free(s);
	ul_book_free(b);
	ul_text_free(t);
	return rc;
}
