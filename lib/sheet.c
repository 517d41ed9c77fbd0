/* SPDX-License-Identifier: ISC */
/*
 * The facilitator's run sheet: lays out the workshop's details, the phases
 * on a running clock and the materials list as blocks flowing down A4
 * pages. The same flow runs to count pages and to draw one of them, so the
 * two can never disagree; diagnostics come only from the pass that draws
 * the page a text is on, so each is reported once.
 * Owns the run sheet layout; the quantities in its materials list are the
 * kit plan's (lib/kit.h), so the list and the kit always agree. Knows
 * nothing of PDF files or argv.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kit.h"
#include "lang.h"
#include "sheet.h"
#include "sizes.h"
#include "text.h"
#include "util.h"

#define LEFT 18.0
#define RIGHT (UL_SHEET_WIDTH - 18.0)
#define TOP 16.0
#define BOTTOM (UL_SHEET_HEIGHT - 20.0)
#define WIDTH (RIGHT - LEFT)
#define TIMECOL 26.0		/* the clock column of the phases */

struct flow {
	struct ul_render *r;
	cairo_t *cr;		/* NULL: counting pages */
	int want;		/* the page to draw, -1 when counting */
	int page;		/* the page the flow is on */
	double y;
	int rc;
	const struct ul_lang *lang;
	/* set by ul_sheet_materials: lines go there instead of the page */
	ul_materials_fn emit;
	void *ctx;
};

static const struct ul_color black = {0.07, 0.07, 0.07, "#121212"};
static const struct ul_color grey = {0.35, 0.35, 0.35, "#595959"};
static const struct ul_color light = {0.75, 0.75, 0.75, "#BFBFBF"};

/* A built-in string in the kit's language (lib/lang: by its French text). */
static const char *L(const struct flow *f, const char *fr)
	__attribute__((format_arg(2)));

static const char *
L(const struct flow *f, const char *fr)
{
	return ul_lang_text(f->lang, fr);
}

static bool
drawing(const struct flow *f)
{
	return f->cr && f->page == f->want;
}

static void
newpage(struct flow *f)
{
	f->page++;
	f->y = TOP + 10;	/* under the running head of later pages */
}

/* Make room for h mm, starting a new page when it does not fit. */
static void
need(struct flow *f, double h)
{
	if (f->y + h > BOTTOM && f->y > TOP + 10.01)
		newpage(f);
}

enum tkind { BODY, SMALL, LABEL, H1, H2, TITLE, QUESTION, CLOCK };

static struct ul_text_style
style(enum tkind k)
{
	struct ul_text_style st = {0};

	st.size = 10.5;
	st.spacing = 1.25;
	st.inline_markup = true;
	switch (k) {
	case BODY:
		break;
	case SMALL:
		st.size = 9;
		break;
	case LABEL:
		st.size = 8;
		st.bold = true;
		st.letter_spacing = 0.6;
		break;
	case H1:
		st.size = 13;
		st.bold = true;
		break;
	case H2:
		st.size = 11.5;
		st.bold = true;
		break;
	case TITLE:
		st.size = 22;
		st.min_size = 14;
		st.bold = true;
		st.spacing = 1.05;
		break;
	case QUESTION:
		st.size = 13;
		st.italic = true;
		break;
	case CLOCK:
		st.size = 12;
		st.bold = true;
		st.raw = true;
		break;
	}
	return st;
}

/*
 * Lay s out at (x, f->y + dy) in width w; draw it when on the page being
 * drawn. Returns its height in mm.
 */
static double
put(struct flow *f, const char *s, enum tkind k, const struct ul_color *fg,
    double x, double dy, double w, struct ul_pos pos, const char *part)
{
	struct ul_text_style st = style(k);
	struct ul_text_fit fit;
	int rc;

	if (!s || !*s)
		return 0;
	rc = ul_text_fit(f->r->text, s, &st, w, 0, &fit);
	if (!drawing(f))
		return fit.height;
	if (rc < 0)
		f->rc = ul_error(f->r->diags, f->r->file, pos.line, pos.col,
				 "run sheet: %s does not fit: a word is %.1f "
				 "mm too wide", part, fit.overflow);
	{
		/* it would print as an empty box: an error, drawn or not */
		uint32_t first;
		if (ul_text_missing(f->r->text, s, &first))
			f->rc = ul_error(f->r->diags, f->r->file, pos.line,
					 pos.col, "run sheet: %s: no bundled font "
					 "has U+%04X", part, (unsigned)first);
	}
	cairo_set_source_rgb(f->cr, fg->r, fg->g, fg->b);
	ul_text_draw(f->r->text, f->cr, s, &st, fit.size, x, f->y + dy, w);
	return fit.height;
}

/* The height s would take, without drawing or reporting anything. */
static double
measure(struct flow *f, const char *s, enum tkind k, double w)
{
	struct ul_text_style st = style(k);
	struct ul_text_fit fit;

	if (!s || !*s)
		return 0;
	ul_text_fit(f->r->text, s, &st, w, 0, &fit);
	return fit.height;
}

static void
rule(struct flow *f, double y, double x0, double x1, double width,
     const struct ul_color *c)
{
	if (!drawing(f))
		return;
	cairo_set_source_rgb(f->cr, c->r, c->g, c->b);
	cairo_set_line_width(f->cr, width);
	cairo_move_to(f->cr, x0, y);
	cairo_line_to(f->cr, x1, y);
	cairo_stroke(f->cr);
}

/* A tick box, its top aligned with a line of text at y. */
static void
tickbox(struct flow *f, double x, double y)
{
	if (!drawing(f))
		return;
	cairo_set_source_rgb(f->cr, black.r, black.g, black.b);
	cairo_set_line_width(f->cr, 0.3);
	cairo_rectangle(f->cr, x, y + 0.9, 2.8, 2.8);
	cairo_stroke(f->cr);
}

static void
clockstr(char *buf, size_t n, int minutes)
{
	snprintf(buf, n, "%02d:%02d", minutes / 60 % 100, minutes % 60);
}

static char *
duration(int min)
{
	if (min < 60)
		return ul_xasprintf("%d min", min);
	if (min % 60 == 0)
		return ul_xasprintf("%d h", min / 60);
	return ul_xasprintf("%d h %02d", min / 60, min % 60);
}

/* "2023-05-12" → "vendredi 12 mai 2023"; anything else as written. */
static char *
long_date(const struct flow *f, const char *date)
{
	static const char *const mfr[] = {"janvier", "février", "mars",
		"avril", "mai", "juin", "juillet", "août", "septembre",
		"octobre", "novembre", "décembre"};
	static const char *const men[] = {"January", "February", "March",
		"April", "May", "June", "July", "August", "September",
		"October", "November", "December"};
	static const char *const dfr[] = {"dimanche", "lundi", "mardi",
		"mercredi", "jeudi", "vendredi", "samedi"};
	static const char *const den[] = {"Sunday", "Monday", "Tuesday",
		"Wednesday", "Thursday", "Friday", "Saturday"};
	static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
	int y, m, d;
	char tail;

	if (sscanf(date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 ||
	    m > 12 || d < 1 || d > 31)
		return ul_xstrdup(date);
	/* Sakamoto's day of the week. */
	int yy = m < 3 ? y - 1 : y;
	int wd = (yy + yy / 4 - yy / 100 + yy / 400 + t[m - 1] + d) % 7;
	if (f->lang == ul_lang_fr())
		return ul_xasprintf("%s %d%s %s %d", dfr[wd], d,
				    d == 1 ? "er" : "", mfr[m - 1], y);
	return ul_xasprintf("%s %d %s %d", den[wd], d, men[m - 1], y);
}

/* ---- blocks ------------------------------------------------------------ */

/* The details: audience, place, date, duration, partners, the team. */
struct row {
	const char *label;
	char *value;
};

static size_t
detail_rows(struct flow *f, struct row rows[8])
{
	const struct ul_workshop *ws = f->r->ws;
	size_t n = 0;
	struct ul_buf b;

	ul_buf_init(&b);
	if (ws->audience.who || ws->audience.expected) {
		if (ws->audience.who)
			ul_buf_adds(&b, ws->audience.who);
		if (ws->audience.expected)
			ul_buf_addf(&b, "%s%d %s", b.len ? " · " : "",
				    ws->audience.expected,
				    L(f, "personnes"));
		if (ws->audience.tables)
			ul_buf_addf(&b, " · %d %s", ws->audience.tables,
				    ws->audience.tables > 1 ?
				    L(f, "tables") :
				    L(f, "table"));
		rows[n].label = L(f, "Public");
		rows[n++].value = ul_buf_detach(&b);
	}
	if (ws->territory) {
		rows[n].label = L(f, "Territoire");
		rows[n++].value = ul_xstrdup(ws->territory);
	}
	if (ws->date) {
		rows[n].label = L(f, "Date");
		rows[n++].value = long_date(f, ws->date);
	}
	int total = ul_workshop_minutes(ws);
	if (total > 0) {
		rows[n].label = L(f, "Durée");
		rows[n].value = duration(total);
		if (ws->duration && ws->duration != total) {
			char *d = duration(ws->duration);
			char *v = ul_xasprintf("%s (%s %s)", rows[n].value,
					       L(f, "annoncée :"),
					       d);
			free(d);
			free(rows[n].value);
			rows[n].value = v;
		}
		n++;
	}
	if (ws->partners.n) {
		for (size_t i = 0; i < ws->partners.n; i++)
			ul_buf_addf(&b, "%s%s", i ? ", " : "",
				    ws->partners.v[i]);
		rows[n].label = L(f, "Partenaires");
		rows[n++].value = ul_buf_detach(&b);
	}
	/* The team METHOD.md describes: a lead, a host per table, notes. */
	if (ws->audience.tables)
		rows[n].value = ul_xasprintf(L(f, "1 animateur ou animatrice, "
					       "%d %s de table, 1 personne "
					       "pour les notes"),
					     ws->audience.tables,
					     ws->audience.tables > 1 ?
					     L(f, "hôtes") :
					     L(f, "hôte"));
	else
		rows[n].value = ul_xstrdup(L(f, "1 animateur ou animatrice, "
					     "1 hôte par table, 1 personne "
					     "pour les notes"));
	rows[n++].label = L(f, "Équipe");

	ul_buf_release(&b);
	return n;
}

static void
header(struct flow *f)
{
	const struct ul_workshop *ws = f->r->ws;
	struct ul_pos p0 = {0, 0};
	double h;

	f->y = TOP;
	f->y += put(f, L(f, "FICHE D'ANIMATION"),
		    LABEL, &grey, LEFT, 0, WIDTH, p0, "the heading");
	f->y += 1;
	f->y += put(f, ws->title, TITLE, &black, LEFT, 0, WIDTH, p0,
		    "the title");
	f->y += 2;
	if (ws->question) {
		char *q = ul_xasprintf(f->lang == ul_lang_fr() ? "« %s »" : "“%s”",
				       ws->question);
		f->y += put(f, q, QUESTION, &black, LEFT, 0, WIDTH, p0,
			    "the question") + 3;
		free(q);
	}

	/* Details as label / value rows. */
	struct row rows[8];
	size_t n = detail_rows(f, rows);

	rule(f, f->y, LEFT, RIGHT, 0.3, &light);
	f->y += 2.5;
	for (size_t i = 0; i < n; i++) {
		h = put(f, rows[i].value, BODY, &black, LEFT + 28, 0,
			WIDTH - 28, p0, rows[i].label);
		put(f, rows[i].label, SMALL, &grey, LEFT, 0.5, 27, p0,
		    "a label");
		f->y += h + 1.2;
		free(rows[i].value);
	}
	rule(f, f->y + 1, LEFT, RIGHT, 0.3, &light);
	f->y += 7;
}

static void
section(struct flow *f, const char *title)
{
	struct ul_pos p0 = {0, 0};
	double h = measure(f, title, H1, WIDTH);

	f->y += 3;
	need(f, h + 16);	/* never a heading alone at a page's foot */
	h = put(f, title, H1, &black, LEFT, 0, WIDTH, p0, title);
	f->y += h + 1;
	rule(f, f->y, LEFT, RIGHT, 0.6, &black);
	f->y += 3;
}

/* The title of a deck or poster id, for "uses" lines. */
static const char *
use_title(const struct ul_workshop *ws, const char *id)
{
	const struct ul_deck *d = ul_workshop_deck(ws, id);
	const struct ul_poster *p;

	if (d)
		return d->title ? d->title : d->id;
	if ((p = ul_workshop_poster(ws, id)))
		return p->title ? p->title : p->id;
	return id;
}

static void
phases(struct flow *f)
{
	const struct ul_workshop *ws = f->r->ws;
	int t = 0;
	char a[16], b[16], buf[64];
	double x = LEFT + TIMECOL, w = WIDTH - TIMECOL;

	section(f, L(f, "Déroulé"));
	for (size_t k = 0; k < ws->nphases; k++) {
		const struct ul_phase *ph = &ws->phases[k];
		double th, h;

		/* The heading and the first step stay together. */
		th = measure(f, ph->title, H2, w);
		h = th + (ph->steps.n ? measure(f, ph->steps.v[0], BODY, w - 5)
				      : 0);
		need(f, fmax(h, 14) + 4);
		double y0 = f->y;
		int p0 = f->page;
		clockstr(a, sizeof(a), t);
		clockstr(b, sizeof(b), t + ph->minutes);
		put(f, a, CLOCK, &black, LEFT, 0, TIMECOL, ph->pos, "a time");
		snprintf(buf, sizeof(buf), "– %s\n%d min", b, ph->minutes);
		put(f, buf, SMALL, &grey, LEFT, 5.2, TIMECOL, ph->pos,
		    "a time");
		f->y += put(f, ph->title, H2, &black, x, 0, w, ph->pos,
			    "a phase title") + 1.2;
		for (size_t i = 0; i < ph->steps.n; i++) {
			h = measure(f, ph->steps.v[i], BODY, w - 5);
			need(f, h);
			tickbox(f, x, f->y);
			put(f, ph->steps.v[i], BODY, &black, x + 5, 0, w - 5,
			    ph->steps.pos[i], "a step");
			f->y += h + 0.8;
		}
		if (ph->uses.n) {
			struct ul_buf u;
			ul_buf_init(&u);
			ul_buf_adds(&u, L(f, "*Matériel :* "));
			for (size_t i = 0; i < ph->uses.n; i++)
				ul_buf_addf(&u, "%s%s", i ? ", " : "",
					    use_title(ws, ph->uses.v[i]));
			need(f, measure(f, u.s, SMALL, w) + 0.6);
			f->y += put(f, u.s, SMALL, &grey, x, 0.6, w, ph->pos,
				    "a materials line") + 0.6;
			ul_buf_release(&u);
		}
		/* The clock column (3 lines) may be taller than the phase. */
		if (f->page == p0 && f->y < y0 + 14)
			f->y = y0 + 14;
		f->y += 2;
		rule(f, f->y, LEFT, RIGHT, 0.2, &light);
		f->y += 2.5;
		t += ph->minutes;
	}
	snprintf(buf, sizeof(buf), "%s", L(f, "Fin"));
	clockstr(a, sizeof(a), t);
	need(f, 8);
	put(f, a, CLOCK, &black, LEFT, 0, TIMECOL, (struct ul_pos){0, 0},
	    "a time");
	f->y += put(f, buf, H2, &black, x, 0, w, (struct ul_pos){0, 0},
		    "the end") + 6;
}

static bool
used(const struct ul_workshop *ws, const char *id)
{
	for (size_t k = 0; k < ws->nphases; k++)
		for (size_t i = 0; i < ws->phases[k].uses.n; i++)
			if (strcmp(ws->phases[k].uses.v[i], id) == 0)
				return true;
	return false;
}

static bool
any_vote(const struct ul_workshop *ws)
{
	for (size_t i = 0; i < ws->nposters; i++)
		if (ws->posters[i].kind == UL_POSTER_VOTE &&
		    used(ws, ws->posters[i].id))
			return true;
	return false;
}

/* A small heading inside the materials list, kept with its first line. */
static void
subhead(struct flow *f, const char *s)
{
	if (f->emit) {
		f->emit(f->ctx, UL_MAT_HEADING, s, (struct ul_pos){0, 0});
		return;
	}
	double h = measure(f, s, LABEL, WIDTH);

	f->y += 1.5;
	need(f, h + 8);
	f->y += put(f, s, LABEL, &grey, LEFT, 0, WIDTH, (struct ul_pos){0, 0},
		    "a heading") + 1.2;
}

/* One tick-box line of the materials list. */
static void
item(struct flow *f, const char *s, struct ul_pos pos)
{
	if (f->emit) {
		f->emit(f->ctx, UL_MAT_ITEM, s, pos);
		return;
	}
	double h = measure(f, s, BODY, WIDTH - 5);

	need(f, h);
	tickbox(f, LEFT, f->y);
	put(f, s, BODY, &black, LEFT + 5, 0, WIDTH - 5, pos,
	    "a materials line");
	f->y += h + 1.2;
}

/* "A1 (841 × 594 mm)", "poker (63 × 88 mm)", "500 × 700 mm". */
static char *
size_text(const struct ul_size *s, double w, double h)
{
	if (!s->name || strchr(s->name, 'x'))
		return ul_xasprintf("%g × %g mm", w, h);
	char *name = ul_xstrdup(s->name);
	if (ul_size_is_a(name))
		name[0] = 'A';
	char *r = ul_xasprintf("%s (%g × %g mm)", name, w, h);
	free(name);
	return r;
}

/* "one set per table, 4 sets", from the kit's quantities. */
static void
sets_text(struct flow *f, const struct ul_kit_part *p, bool poster,
	  struct ul_buf *b)
{
	enum ul_per per = p->deck ? p->deck->sets.per : p->poster->sets.per;
	int copies = p->deck ? p->deck->sets.copies : p->poster->sets.copies;

	if (p->sets <= 1 && copies == 0 && per == UL_PER_WORKSHOP)
		return;
	if (copies > 0)
		ul_buf_addf(b, poster ? L(f, " : %d exemplaires") :
			    L(f, " : %d jeux"), p->sets);
	else if (per == UL_PER_TABLE)
		ul_buf_addf(b, poster ? L(f, " : une par table, %d") :
			    L(f, " : un jeu par table, %d jeux"), p->sets);
	else if (per == UL_PER_PERSON)
		ul_buf_addf(b, poster ? L(f, " : une par personne, %d") :
			    L(f, " : un jeu par personne, %d jeux"), p->sets);
	if (!poster && p->sets > 1)
		ul_buf_addf(b, L(f, ", %d cartes"), p->fronts);
}

static void
deck_line(struct flow *f, const struct ul_kit_part *p, struct ul_buf *b)
{
	const struct ul_deck *d = p->deck;
	int n = p->per_set;
	char *sz = size_text(&d->size, d->size.w, d->size.h);
	char first[32], last[32];
	int a, z;

	ul_buf_addf(b, "**%s** — %d %s, %s", d->title ? d->title : d->id, n,
		    d->kind == UL_DECK_WRITEIN ? L(f, "cartes à remplir")
		    : n > 1 ? L(f, "cartes") : L(f, "carte"),
		    sz);
	free(sz);
	if (d->kind == UL_DECK_WRITEIN && n > 0) {
		ul_kit_serial_range(p, &a, &z);
		ul_serial(d, a, first, sizeof(first));
		ul_serial(d, z, last, sizeof(last));
		ul_buf_addf(b, L(f, ", numérotées %s à %s"),
			    first, last);
		if (d->sets.per == UL_PER_TABLE && p->units > 1)
			ul_buf_addf(b, L(f, " : %d par table"),
				    d->count);
		else if (d->sets.per == UL_PER_PERSON && p->units > 1)
			ul_buf_addf(b, L(f, " : %d par personne"), d->count);
		else if (f->r->ws->audience.tables > 1)
			ul_buf_addf(b, L(f, " : environ %d par table"),
				    n / f->r->ws->audience.tables);
	} else {
		sets_text(f, p, false, b);
	}
}

/* A used deck of consent cards: its id or title starts with "consent". */
static bool
has_consent_deck(const struct ul_workshop *ws)
{
	for (size_t i = 0; i < ws->ndecks; i++) {
		const struct ul_deck *d = &ws->decks[i];
		if (used(ws, d->id) &&
		    (strncasecmp(d->id, "consent", 7) == 0 ||
		     (d->title && strncasecmp(d->title, "consent", 7) == 0)))
			return true;
	}
	return false;
}

static void
materials(struct flow *f)
{
	const struct ul_workshop *ws = f->r->ws;
	struct ul_buf b;
	int people = ws->audience.expected, tables = ws->audience.tables;
	bool any_unused = false;

	ul_buf_init(&b);
	if (!f->emit)
		section(f, L(f, "Matériel"));
	bool head = false;
	const struct ul_kit *kit = f->r->kit;
	for (size_t i = 0; i < kit->nparts; i++) {
		const struct ul_kit_part *p = &kit->parts[i];
		if (!p->deck)
			continue;
		if (!p->used) {
			any_unused = true;
			continue;
		}
		if (!head)
			subhead(f, L(f, "CARTES"));
		head = true;
		deck_line(f, p, &b);
		item(f, b.s, p->deck->pos);
		ul_buf_reset(&b);
	}
	head = false;
	for (size_t i = 0; i < kit->nparts; i++) {
		const struct ul_kit_part *kp = &kit->parts[i];
		const struct ul_poster *p = kp->poster;
		if (!p)
			continue;
		if (!kp->used) {
			any_unused = true;
			continue;
		}
		if (!head)
			subhead(f, L(f, "AFFICHES"));
		head = true;
		char *sz = size_text(&p->size, kp->w, kp->h);
		ul_buf_addf(&b, L(f, "**%s** — affiche %s, %s"),
			    p->title ? p->title : p->id, sz,
			    kp->w > kp->h ? L(f, "paysage") :
			    L(f, "portrait"));
		free(sz);
		sets_text(f, kp, true, &b);
		item(f, b.s, p->pos);
		ul_buf_reset(&b);
	}

	/* Supplies, from the audience and the posters. */
	subhead(f, L(f, "FOURNITURES"));
	for (size_t i = 0; i < ws->nposters; i++) {
		const struct ul_poster *p = &ws->posters[i];
		if (p->kind != UL_POSTER_VOTE || !used(ws, p->id))
			continue;
		size_t opts = p->items.n;
		/* About one dot per 4–5 options (METHOD.md). */
		int per = p->dots > 0 ? p->dots : (int)lround(opts / 4.5);
		if (per < 1)
			per = 1;
		ul_buf_addf(&b, L(f, "Gommettes : %d par personne pour « %s » "
				  "(%zu options)"),
			    per, p->title ? p->title : p->id, opts);
		if (people)
			ul_buf_addf(&b, L(f, ", %d en tout"),
				    per * people);
		item(f, b.s, p->pos);
		ul_buf_reset(&b);
	}
	if (!b.len && !any_vote(ws))
		item(f, L(f, "Gommettes pour voter : environ 1 par personne "
			  "pour 4 à 5 options"),
		     (struct ul_pos){0, 0});
	if (people)
		ul_buf_addf(&b, L(f, "Feutres noirs à pointe moyenne : 1 par "
				  "personne, %d"), people);
	else
		ul_buf_adds(&b, L(f, "Feutres noirs à pointe moyenne : 1 par "
				  "personne"));
	item(f, b.s, (struct ul_pos){0, 0});
	ul_buf_reset(&b);
	if (tables)
		ul_buf_addf(&b, L(f, "Post-it 76 × 76 mm : %d blocs (2 par "
				  "table)"), 2 * tables);
	else
		ul_buf_adds(&b, L(f, "Post-it 76 × 76 mm : 2 blocs par table"));
	item(f, b.s, (struct ul_pos){0, 0});
	ul_buf_reset(&b);
	/* A kit that prints its own consent cards needs no other forms. */
	if (!has_consent_deck(ws)) {
		if (people)
			ul_buf_addf(&b, L(f, "Formulaires de consentement : "
					  "%d, et quelques-uns en plus"),
				    people);
		else
			ul_buf_adds(&b, L(f, "Formulaires de consentement : "
					  "1 par personne"));
		item(f, b.s, (struct ul_pos){0, 0});
		ul_buf_reset(&b);
	}
	if (ws->nposters)
		item(f, L(f, "Pâte adhésive ou ruban de masquage pour les "
			  "affiches"), (struct ul_pos){0, 0});

	if (any_unused) {
		ul_buf_adds(&b, L(f, "*Aussi dans le kit, mais dans aucune "
				  "phase :* "));
		bool first = true;
		for (size_t i = 0; i < ws->ndecks; i++)
			if (!used(ws, ws->decks[i].id)) {
				ul_buf_addf(&b, "%s%s", first ? "" : ", ",
					    ws->decks[i].title ?
					    ws->decks[i].title :
					    ws->decks[i].id);
				first = false;
			}
		for (size_t i = 0; i < ws->nposters; i++)
			if (!used(ws, ws->posters[i].id)) {
				ul_buf_addf(&b, "%s%s", first ? "" : ", ",
					    ws->posters[i].title ?
					    ws->posters[i].title :
					    ws->posters[i].id);
				first = false;
			}
		if (f->emit) {
			f->emit(f->ctx, UL_MAT_NOTE, b.s, (struct ul_pos){0, 0});
		} else {
			f->y += 2;
			need(f, measure(f, b.s, SMALL, WIDTH));
			f->y += put(f, b.s, SMALL, &grey, LEFT, 0, WIDTH,
				    (struct ul_pos){0, 0}, "the unused list");
		}
	}
	ul_buf_release(&b);
}

/* ---- entry points ------------------------------------------------------ */

void
ul_sheet_facts(struct ul_render *r, ul_fact_fn emit, void *ctx)
{
	struct flow f = {0};
	struct row rows[8];

	f.r = r;
	f.lang = r->ws->language;
	size_t n = detail_rows(&f, rows);
	for (size_t i = 0; i < n; i++) {
		emit(ctx, rows[i].label, rows[i].value);
		free(rows[i].value);
	}
}

void
ul_sheet_materials(struct ul_render *r, ul_materials_fn emit, void *ctx)
{
	struct flow f = {0};

	f.r = r;
	f.lang = r->ws->language;
	f.emit = emit;
	f.ctx = ctx;
	materials(&f);
}

static int
run(struct ul_render *r, int want, cairo_t *cr)
{
	struct flow f = {0};

	f.r = r;
	f.cr = cr;
	f.want = want;
	f.lang = r->ws->language;
	header(&f);
	phases(&f);
	materials(&f);
	return want >= 0 ? f.rc : f.page + 1;
}

int
ul_sheet_pages(struct ul_render *r)
{
	return run(r, -1, NULL);
}

int
ul_sheet_draw_page(struct ul_render *r, int page, cairo_t *cr)
{
	const struct ul_workshop *ws = r->ws;
	int pages = ul_sheet_pages(r), rc;
	struct flow f = {0};
	char *s;

	if (page < 0 || page >= pages)
		return -1;
	cairo_save(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	rc = run(r, page, cr);

	/* Running head on later pages, footer on all. */
	f.r = r;
	f.cr = cr;
	f.want = page;
	f.page = page;
	f.lang = r->ws->language;
	if (page > 0) {
		f.y = TOP;
		s = ul_xasprintf("%s — %s", ws->title ? ws->title : ws->id,
				 L(&f, "fiche d'animation (suite)"));
		put(&f, s, SMALL, &grey, LEFT, 0, WIDTH, (struct ul_pos){0, 0},
		    "the running head");
		free(s);
		rule(&f, TOP + 6, LEFT, RIGHT, 0.3, &light);
	}
	f.y = BOTTOM + 7;
	rule(&f, BOTTOM + 5, LEFT, RIGHT, 0.3, &light);
	char *commons = ul_commons_line(ws, " · ");
	s = ul_xasprintf("%s · %s%s", ws->title ? ws->title : ws->id,
			 L(&f, "fiche d'animation"), commons ? commons : "");
	free(commons);
	put(&f, s, SMALL, &grey, LEFT, 0, WIDTH - 30, (struct ul_pos){0, 0},
	    "the footer");
	free(s);
	s = ul_xasprintf("%d / %d", page + 1, pages);
	struct ul_text_style st = style(SMALL);
	st.align = UL_ALIGN_RIGHT;
	st.raw = true;
	cairo_set_source_rgb(cr, grey.r, grey.g, grey.b);
	ul_text_draw(r->text, cr, s, &st, st.size, RIGHT - 30, f.y, 30);
	free(s);
	cairo_restore(cr);
	return rc;
}
