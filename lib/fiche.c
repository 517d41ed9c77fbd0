/* SPDX-License-Identifier: ISC */
/*
 * Workshop fiche: sets a workshop into a book: its summary, details,
 * phases, materials and pictures of its kit. The details and materials
 * come from the run sheet (lib/sheet.c), the pictures from lib/card.c and
 * lib/poster.c drawn scaled into the page, so the guide shows what the
 * kit prints.
 * Owns the fiche's wording and its pictures' geometry; knows nothing of
 * files other than fonts, nor of argv.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "card.h"
#include "fiche.h"
#include "kit.h"
#include "poster.h"
#include "render.h"
#include "sheet.h"
#include "text.h"
#include "util.h"

#define GAP 3.0		/* mm between pictures */

struct deck_fig {
	struct ul_fiche *f;
	const struct ul_deck *d;
	struct ul_card_back *back;
	int nfronts;
	double scale, w, h;	/* card trim, mm */
};

struct poster_fig {
	struct ul_fiche *f;
	const struct ul_poster *p;
	double scale, w, h;
};

struct ul_fiche {
	struct ul_render r;
	struct ul_kit kit;	/* the quantities the materials list gives */
	struct ul_diags diags;	/* what drawing the pictures found */
	struct deck_fig *decks;
	struct poster_fig *posters;
	size_t ndecks, nposters;
	bool fr;
};

/*
 * The fiche's own texts in its language. A macro, not a function, so that a
 * format chosen here stays two literals the compiler checks (-Wformat).
 */
#define L(f, in_fr, in_en) ((f)->fr ? (in_fr) : (in_en))

static void
para(struct ul_book *b, const char *text, bool inl, enum ul_para_style st)
{
	char *mk = ul_book_markup(b, text, inl);
	ul_book_para(b, mk, st);
	free(mk);
}

/* ---- pictures ----------------------------------------------------------- */

static void
outline(cairo_t *cr, double w, double h)
{
	cairo_set_source_rgb(cr, 0.72, 0.72, 0.72);
	cairo_set_line_width(cr, 0.25);
	cairo_rectangle(cr, 0, 0, w, h);
	cairo_stroke(cr);
}

static void
draw_deck(void *ctx, cairo_t *cr, double W, double H)
{
	struct deck_fig *df = ctx;
	const struct ul_deck *d = df->d;
	double x = 0, cw = df->w * df->scale, ch = df->h * df->scale;
	int n = df->nfronts + (df->back ? 1 : 0);
	double total = n * cw + (n - 1) * GAP;

	(void)H;
	x = (W - total) / 2;
	for (int i = 0; i < n; i++, x += cw + GAP) {
		cairo_save(cr);
		cairo_translate(cr, x, 0);
		cairo_save(cr);
		cairo_scale(cr, df->scale, df->scale);
		cairo_rectangle(cr, 0, 0, df->w, df->h);
		cairo_clip(cr);
		/*
		 * Each card in a group of its own: cairo 1.16 names a recorded
		 * pictogram painted twice on one page twice in the page's
		 * resources (a duplicate key qpdf rejects); inside a group each
		 * card has resources of its own.
		 */
		cairo_push_group(cr);
		if (i == df->nfronts) {
			ul_card_back_draw(df->back, cr);
		} else {
			struct ul_card_face face = { d, NULL, 0, true };
			if (d->kind == UL_DECK_WRITEIN)
				face.number = d->first + i;
			else
				face.card = &d->cards[i];
			ul_card_front(&df->f->r, &face, cr);
		}
		cairo_pop_group_to_source(cr);
		cairo_paint(cr);
		cairo_restore(cr);
		outline(cr, cw, ch);
		cairo_restore(cr);
	}
}

static void
draw_poster(void *ctx, cairo_t *cr, double W, double H)
{
	struct poster_fig *pf = ctx;
	double pw = pf->w * pf->scale;

	(void)H;
	cairo_save(cr);
	cairo_translate(cr, (W - pw) / 2, 0);
	cairo_save(cr);
	cairo_scale(cr, pf->scale, pf->scale);
	cairo_rectangle(cr, 0, 0, pf->w, pf->h);
	cairo_clip(cr);
	ul_poster_draw(&pf->f->r, pf->p, cr);
	cairo_restore(cr);
	outline(cr, pw, pf->h * pf->scale);
	cairo_restore(cr);
}

/* ---- text --------------------------------------------------------------- */

static const char *
kind_label(const struct ul_fiche *f, enum ul_ws_kind k)
{
	switch (k) {
	case UL_WS_BESOINS: return L(f, "Repérer les besoins", "Identifying needs");
	case UL_WS_TERRAIN: return L(f, "Sur le terrain", "In the field");
	case UL_WS_IDEATION: return L(f, "Chercher des idées", "Ideation");
	case UL_WS_SERVICE: return L(f, "Définir un service", "Defining a service");
	case UL_WS_AUTRE: break;
	}
	return L(f, "Atelier", "Workshop");
}

/* What each kind is for, in the method's words (METHOD.md). */
static const char *
kind_text(const struct ul_fiche *f, enum ul_ws_kind k)
{
	switch (k) {
	case UL_WS_BESOINS:
		return L(f, "Un atelier *besoins* fait raconter aux habitants des moments "
			 "de leur vie. En racontant, on repère ce qui coince : les frictions. "
			 "Les participants sont les experts de leur propre vie.",
			 "A *needs* workshop has people tell moments of their lives, "
			 "to find what gets in the way: the frictions.");
	case UL_WS_TERRAIN:
		return L(f, "Un atelier *terrain* confronte les besoins repérés à la réalité "
			 "du quartier : balades, observations, courts entretiens avec les "
			 "personnes concernées, là où elles sont.",
			 "A *field* workshop checks the needs against the neighbourhood: "
			 "walks, observation, short interviews where people are.");
	case UL_WS_IDEATION:
		return L(f, "Un atelier *idéation* part des frictions. On les regroupe, on "
			 "les retourne en questions « Comment pourrions-nous… ? », on cherche "
			 "des idées, puis on vote.",
			 "An *ideation* workshop starts from the frictions, turns them into "
			 "“How might we…?” questions, looks for ideas, then votes.");
	case UL_WS_SERVICE:
		return L(f, "Un atelier *service* dit comment un nouveau service marche : "
			 "qui fait quoi, à chaque étape, devant et derrière le guichet. "
			 "On le joue pour voir ce qui coince encore.",
			 "A *service* workshop says how a new service works, step by step, "
			 "front and back stage, and plays it out.");
	case UL_WS_AUTRE:
		break;
	}
	return NULL;
}

struct facts {
	struct ul_book *b;
};

static void
add_fact(void *ctx, const char *label, const char *value)
{
	struct facts *fs = ctx;
	char *mk = ul_book_markup(fs->b, value, false);
	ul_book_fact(fs->b, label, mk);
	free(mk);
}

static void
clock_text(char *buf, size_t n, int minutes)
{
	snprintf(buf, n, "%d:%02d", minutes / 60, minutes % 60);
}

static const char *
use_title(const struct ul_workshop *ws, const char *id)
{
	const struct ul_deck *d = ul_workshop_deck(ws, id);
	const struct ul_poster *p = ul_workshop_poster(ws, id);

	if (d)
		return d->title ? d->title : d->id;
	if (p)
		return p->title ? p->title : p->id;
	return id;
}

static void
phases(struct ul_fiche *f, struct ul_book *b, const struct ul_workshop *ws)
{
	int t = 0;

	ul_book_chapter(b, L(f, "Déroulé", "Running order"), true);
	if (!ws->nphases)
		para(b, L(f, "Cet atelier ne décrit pas ses phases.",
			  "This workshop describes no phases."), false, UL_PARA_BODY);
	for (size_t i = 0; i < ws->nphases; i++) {
		const struct ul_phase *ph = &ws->phases[i];
		char a[16], z[16];
		clock_text(a, sizeof(a), t);
		t += ph->minutes;
		clock_text(z, sizeof(z), t);
		char *h = ul_xasprintf("%s – %s  %s", a, z, ph->title ? ph->title : ph->id);
		ul_book_heading(b, 2, h);
		free(h);
		struct ul_buf s;
		ul_buf_init(&s);
		ul_buf_addf(&s, "%d min", ph->minutes);
		if (ph->uses.n) {
			ul_buf_adds(&s, L(f, " · avec : ", " · with: "));
			for (size_t u = 0; u < ph->uses.n; u++)
				ul_buf_addf(&s, "%s%s", u ? ", " : "",
					    use_title(ws, ph->uses.v[u]));
		}
		para(b, s.s, false, UL_PARA_SMALL);
		ul_buf_release(&s);
		for (size_t k = 0; k < ph->steps.n; k++) {
			char *mk = ul_book_markup(b, ph->steps.v[k], true);
			ul_book_item(b, "•", mk, 0);
			free(mk);
		}
	}
}

struct mat {
	struct ul_book *b;
};

static void
add_material(void *ctx, enum ul_materials_kind k, const char *s, struct ul_pos pos)
{
	struct mat *m = ctx;
	char *mk;

	(void)pos;
	switch (k) {
	case UL_MAT_HEADING: {
		/* the run sheet's capitals read as shouting in a book */
		char *low = g_utf8_strdown(s, -1);
		char *cap = ul_xasprintf("%c%s", g_ascii_toupper(low[0]), low + 1);
		ul_book_heading(m->b, 3, cap);
		free(cap);
		g_free(low);
		break;
	}
	case UL_MAT_ITEM:
		mk = ul_book_markup(m->b, s, true);
		ul_book_item(m->b, "□", mk, 0);
		free(mk);
		break;
	case UL_MAT_NOTE:
		para(m->b, s, true, UL_PARA_SMALL);
		break;
	}
}

static void
pictures(struct ul_fiche *f, struct ul_book *b, const struct ul_workshop *ws,
	 int want)
{
	double bw = ul_book_body_width(b);

	if (!ws->ndecks && !ws->nposters)
		return;
	ul_book_chapter(b, L(f, "Les cartes et les affiches", "Cards and posters"), true);
	para(b, L(f, "Voici le kit tel qu'il s'imprime, en petit. Pour l'imprimer en "
		  "vrai : *utilab-cards* puis *utilab-print*.",
		  "The kit as it prints, small. To print it: *utilab-cards*, then "
		  "*utilab-print*."), true, UL_PARA_SMALL);
	f->decks = ul_xcalloc(ws->ndecks + 1, sizeof(*f->decks));
	f->posters = ul_xcalloc(ws->nposters + 1, sizeof(*f->posters));
	for (size_t i = 0; i < ws->ndecks; i++) {
		const struct ul_deck *d = &ws->decks[i];
		struct deck_fig *df = &f->decks[f->ndecks++];
		int avail = d->kind == UL_DECK_WRITEIN ? 1 : (int)d->ncards;
		int n;
		char *cap;

		df->f = f;
		df->d = d;
		df->nfronts = avail < want ? avail : want;
		if (d->kind == UL_DECK_WRITEIN && want > 1)
			df->nfronts = 1;
		df->back = ul_card_back_new(&f->r, d);
		ul_card_page_size(&f->r, d, &df->w, &df->h);
		n = df->nfronts + (df->back ? 1 : 0);
		/* as large as the row allows, never over 60 % of life size */
		df->scale = fmin(0.6, (bw - GAP * (n - 1)) / (n * df->w));
		if (df->h * df->scale > 70)
			df->scale = 70 / df->h;
		const struct ul_kit_part *kp = ul_kit_part(&f->kit, d->id);
		int cards = kp ? kp->per_set : 0;
		ul_book_heading(b, 2, d->title ? d->title : d->id);
		if (d->kind == UL_DECK_WRITEIN)
			cap = ul_xasprintf(L(f, "%d cartes à remplir, numérotées ; format %s "
					     "(%g × %g mm). Ici la première et le dos.",
					     "%d numbered cards to fill in; %s (%g × %g mm). "
					     "Here the first and the back."),
					   cards, d->size.name ? d->size.name : "",
					   d->size.w, d->size.h);
		else
			cap = ul_xasprintf(L(f, "%d cartes ; format %s (%g × %g mm). "
					     "Ici %d %s et le dos.",
					     "%d cards; %s (%g × %g mm). Here %d %s and the back."),
					   cards, d->size.name ? d->size.name : "",
					   d->size.w, d->size.h, df->nfronts,
					   df->nfronts > 1 ? L(f, "cartes", "cards") :
					   L(f, "carte", "card"));
		char *mk = ul_book_markup(b, cap, false);
		ul_book_figure(b, bw, df->h * df->scale, draw_deck, df, mk);
		free(mk);
		free(cap);
	}
	for (size_t i = 0; i < ws->nposters; i++) {
		const struct ul_poster *p = &ws->posters[i];
		struct poster_fig *pf = &f->posters[f->nposters++];
		char *cap, *mk;

		pf->f = f;
		pf->p = p;
		ul_poster_trim(p, &pf->w, &pf->h);
		pf->scale = bw / pf->w;
		if (pf->h * pf->scale > 110)
			pf->scale = 110 / pf->h;
		ul_book_heading(b, 2, p->title ? p->title : p->id);
		cap = ul_xasprintf(L(f, "Affiche %s, %g × %g mm, à %.0f %%.",
				     "Poster %s, %g × %g mm, at %.0f%%."),
				   p->size.name ? p->size.name : "", pf->w, pf->h,
				   pf->scale * 100);
		for (char *c = cap; *c; c++)
			if (c[0] == 'a' && c[1] >= '0' && c[1] <= '9' && (c == cap || c[-1] == ' '))
				c[0] = 'A';
		mk = ul_book_markup(b, cap, false);
		ul_book_figure(b, bw, pf->h * pf->scale, draw_poster, pf, mk);
		free(mk);
		free(cap);
	}
}

struct ul_fiche *
ul_fiche_add(struct ul_book *b, const struct ul_workshop *ws, const char *fontdir,
	     const struct ul_fiche_opts *o, struct ul_diags *diags)
{
	struct ul_fiche *f = ul_xcalloc(1, sizeof(*f));
	char *err = NULL;
	struct facts fs = { b };
	struct mat mt = { b };

	f->fr = !ws->lang || strncmp(ws->lang, "fr", 2) == 0;
	ul_diags_init(&f->diags);
	f->r.text = ul_text_new(fontdir, ws->theme.font, ws->lang, &err);
	if (!f->r.text) {
		ul_error(diags, ws->file, ws->theme.pos.line, ws->theme.pos.col, "%s", err);
		free(err);
		ul_diags_release(&f->diags);
		free(f);
		return NULL;
	}
	f->r.ws = ws;
	f->r.bleed = 0;
	f->r.diags = &f->diags;
	f->r.file = ws->file;
	f->r.lang = ws->lang ? ws->lang : "fr";
	ul_kit_plan(&f->kit, ws, 0, &f->diags);
	f->r.kit = &f->kit;

	char *intro = NULL;
	if (ws->summary)
		intro = ul_book_markup(b, ws->summary, true);
	ul_book_part(b, o->title ? o->title : ws->title ? ws->title : ws->id,
		     kind_label(f, ws->kind), intro);
	free(intro);

	ul_book_chapter(b, L(f, "L'atelier en bref", "At a glance"), false);
	if (ws->question) {
		char *q = ul_xasprintf(f->fr ? "« %s »" : "“%s”", ws->question);
		para(b, q, false, UL_PARA_LEAD);
		free(q);
	}
	if (kind_text(f, ws->kind))
		para(b, kind_text(f, ws->kind), true, UL_PARA_BODY);
	ul_sheet_facts(&f->r, add_fact, &fs);
	/* The workshop's own licence and authors, else the guide's. */
	if (ws->authors.n) {
		struct ul_buf a;
		ul_buf_init(&a);
		for (size_t i = 0; i < ws->authors.n; i++)
			ul_buf_addf(&a, "%s%s", i ? ", " : "", ws->authors.v[i]);
		add_fact(&fs, L(f, "Auteurs", "Authors"), a.s);
		ul_buf_release(&a);
	} else if (o->authors) {
		add_fact(&fs, L(f, "Auteurs", "Authors"), o->authors);
	}
	if (ws->license || o->license)
		add_fact(&fs, L(f, "Licence", "Licence"), ws->license ? ws->license : o->license);
	if (ws->source)
		add_fact(&fs, L(f, "Source", "Source"), ws->source);
	{
		char *how = ul_xasprintf(L(f, "Pour partir de cet atelier : "
					   "*utilab-new %s mon-atelier*.",
					   "To start from this workshop: "
					   "*utilab-new %s my-workshop*."),
					 ws->id ? ws->id : "");
		ul_book_space(b, 2);
		para(b, how, true, UL_PARA_SMALL);
		free(how);
	}

	phases(f, b, ws);
	ul_book_chapter(b, L(f, "Matériel", "Materials"), false);
	ul_sheet_materials(&f->r, add_material, &mt);
	pictures(f, b, ws, o->cards > 0 ? o->cards : 3);
	return f;
}

int
ul_fiche_finish(struct ul_fiche *f, struct ul_diags *diags)
{
	int rc = 0;

	if (!f)
		return 0;
	for (size_t i = 0; i < f->diags.n; i++) {
		const struct ul_diag *d = &f->diags.v[i];
		if (d->level != UL_ERROR)
			continue;
		ul_diag_add(diags, UL_ERROR, d->code, d->file, d->line, d->col, "%s", d->msg);
		rc = -1;
	}
	for (size_t i = 0; i < f->ndecks; i++)
		ul_card_back_free(f->decks[i].back);
	free(f->decks);
	free(f->posters);
	ul_kit_release(&f->kit);
	ul_text_free(f->r.text);
	ul_diags_release(&f->diags);
	free(f);
	return rc;
}
