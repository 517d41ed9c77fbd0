/* SPDX-License-Identifier: ISC */
/*
 * Imposition: plans printer sheets from the pages of input PDFs, then draws
 * them onto one cairo PDF surface. Owns the layout geometry (card grids,
 * duplex mirroring, tiling, booklet order), the marks, and the output PDF's
 * metadata. Knows nothing of argv; reads inputs only through pdfin.h.
 *
 * Two passes: the plan is a small array of sheets (a few numbers per card,
 * never a page's content), so that "page n of N" can be printed; drawing
 * then fetches each input page when its sheet is drawn and lets go of it
 * once the sheet is done, so memory stays flat in the page count.
 *
 * Input pages are placed by reference (lib/qpdfbridge): each becomes a Form
 * XObject once, its content and resources untouched, and each sheet places
 * it with a matrix and, for cards and tiles, a clip. Nothing of an input's
 * content is interpreted, except a utilab poster's, rendered small once to
 * find its empty tiles. The marks (crop, glue, fold, the fidelity band, the
 * assembly map's grid, the calibration sheet) are drawn with cairo into a
 * separate PDF, one page per sheet, whose content is then laid over each
 * sheet as it is: one PDF writer, the bridge's, for the whole output,
 * which it writes sheet by sheet.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <cairo.h>
#include <cairo-pdf.h>

#include "intl.h"
#include "units.h"
#include "lang.h"
#include "datadir.h"
#include "impose.h"
#include "intl.h"
#include "sizes.h"
#include "pdfout.h"
#include "qpdfbridge.h"
#include "text.h"
#include "util.h"

#define EPS 0.01		/* points: sizes closer than this are equal */
#define BAND UL_MM(10)		/* fidelity marks' band at the sheet's foot */
#define MARK_GAP UL_MM(1)	/* crop marks start this far past the bleed */
#define MARK_MIN UL_MM(3)
#define MARK_MAX UL_MM(5)
#define TILE_MARKS UL_MM(5)	/* room around a tile for its marks */
/*
 * A tile with less ink than this is skipped: only specks. A journey poster's
 * empty cells still have their thin borders, and those must be printed.
 */
#define INK_SKIP 0.0002
/*
 * A page larger than the sheet but no more than this much (letter on A4,
 * A4 on letter, legal on A4) is reduced to fit, not tiled.
 */
#define FIT_MIN 0.80
/*
 * Points a page may exceed the sheet by and still be printed at 100 %:
 * A4 written as 595 x 842 pt (Quartz, many office suites) is A4, and the
 * tenth of a point it loses at the paper's edge is no reduction.
 */
#define SHEET_SLACK 1.0

void
ul_impose_opts_init(struct ul_impose_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->sheet_w = UL_MM(210);
	o->sheet_h = UL_MM(297);
	o->flip = UL_FLIP_AUTO;
	o->margin = UL_MM(5);
	o->overlap = UL_MM(10);
	o->marks = true;
}

int
ul_impose_parse_sheet(const char *s, double *w, double *h)
{
	const struct ul_named_size *named = ul_size_named(s, UL_SIZE_SHEET);

	if (named) {
		*w = UL_MM(named->w);
		*h = UL_MM(named->h);
		return 0;
	}
	char *end;
	double a = strtod(s, &end);
	if (end == s || (*end != 'x' && *end != 'X'))
		return -1;
	const char *p = end + 1;
	double b = strtod(p, &end);
	if (end == p || (*end && strcmp(end, "mm") != 0))
		return -1;
	/* From a business card to a plotter roll. */
	if (!(a >= 50 && b >= 50 && a <= 2000 && b <= 2000))
		return -1;
	*w = UL_MM(a);
	*h = UL_MM(b);
	return 0;
}

int
ul_impose_parse_offset(const char *s, double *x, double *y)
{
	char *end;
	double a = strtod(s, &end);
	if (end == s || *end != ',')
		return -1;
	const char *p = end + 1;
	double b = strtod(p, &end);
	if (end == p || (*end && strcmp(end, "mm") != 0))
		return -1;
	if (!(fabs(a) <= 50 && fabs(b) <= 50))
		return -1;
	*x = UL_MM(a);
	*y = UL_MM(b);
	return 0;
}

/* grid */

static int
fit(double avail, double cell)
{
	return avail + EPS < cell ? 0 : (int)floor((avail + EPS) / cell);
}

int
ul_impose_grid(double ax, double ay, double aw, double ah, double tw,
	       double th, double b, bool marks, struct ul_grid *g)
{
	double zone = marks ? MARK_GAP + MARK_MIN : 0;
	int best = 0;

	memset(g, 0, sizeof(*g));
	for (int rot = 0; rot < 2; rot++) {
		double cw = rot ? th : tw, ch = rot ? tw : th;
		int cols = fit(aw - 2 * zone, cw), rows = fit(ah - 2 * zone, ch);
		/* A tie keeps cards upright. */
		if (cols * rows > best) {
			best = cols * rows;
			g->cols = cols;
			g->rows = rows;
			g->rotated = rot;
			g->cw = cw;
			g->ch = ch;
		}
	}
	if (!best)
		return 0;
	/* Keep as much bleed around every card as the slack allows. */
	double sw = aw - 2 * zone - g->cols * g->cw;
	double sh = ah - 2 * zone - g->rows * g->ch;
	if (sw < 0)
		sw = 0;
	if (sh < 0)
		sh = 0;
	g->keep = fmin(b, fmin(sw / (2 * g->cols), sh / (2 * g->rows)));
	g->gap = 2 * g->keep;
	/* What is left lengthens the crop marks, to survive the first cut. */
	double rest = fmin(sw - 2 * g->keep * g->cols,
			   sh - 2 * g->keep * g->rows);
	if (marks) {
		g->mark_gap = MARK_GAP;
		g->mark_len = MARK_MIN + fmin(MARK_MAX - MARK_MIN,
					      fmax(0, rest / 2));
	}
	double gw = g->cols * g->cw + (g->cols - 1) * g->gap;
	double gh = g->rows * g->ch + (g->rows - 1) * g->gap;
	g->x0 = ax + (aw - gw) / 2;
	g->y0 = ay + (ah - gh) / 2;
	return best;
}

int
ul_impose_booklet_order(int n, int *order)
{
	int m = (n + 3) / 4 * 4, sheets = m / 4;

	for (int s = 0; s < sheets; s++) {
		int v[4] = { m - 1 - 2 * s, 2 * s, 2 * s + 1, m - 2 - 2 * s };
		for (int k = 0; k < 4; k++)
			order[4 * s + k] = v[k] < n ? v[k] : -1;
	}
	return sheets;
}

/* the plan */

struct card {
	int doc, front, back;	/* back -1 when none */
	const char *deck;	/* borrowed from the pdfin page, or NULL */
};

struct group {
	double tw, th, bleed;	/* trim and bleed of every card */
	struct ul_grid grid;
	int per_sheet;
	struct card *cards;
	size_t n, cap;
	bool planned;
};

struct tiling {
	int doc, page;
	double bleed;		/* of the page: tiles show the trim only */
	double pw, ph;		/* the trim */
	double sw, sh;		/* the tile sheets, perhaps landscape */
	int cols, rows;
	double tw, th;		/* a tile's content, overlap included */
	double cx, cy;		/* where a tile's content sits on its sheet */
	unsigned char *skip;	/* rows * cols: a mostly empty tile */
	int printed;
};

enum sheet_kind {
	SK_FRONTS, SK_BACKS, SK_FULL, SK_MAP, SK_TILE, SK_BLANK, SK_BOOKLET
};

struct sheet {
	enum sheet_kind kind;
	double w, h;
	int group;		/* fronts, backs */
	size_t first, count;	/* fronts, backs: cards of the group */
	int doc, page;		/* full */
	int tiling, r, c;	/* map, tile */
	int slot[2];		/* booklet: global page indexes, -1 blank */
	bool back;		/* booklet back side */
	int nth, of;		/* fronts: sheet nth of a group of "of" */
	double scale;		/* full: reduced to fit the sheet, else 1 */
};

/* An input page placed on a sheet, in PDF space (y up), for qpdf. */
struct placement {
	size_t sheet;
	int doc, page;
	double m[6];		/* the form's space to the sheet's */
	double clip[4];		/* x, y, w, h */
	bool clipped;
};

struct plan {
	const struct ul_impose_opts *o;
	struct ul_pdfin *docs;
	size_t ndocs;
	const char *lang;
	bool en;
	const char *title;
	enum ul_flip flip;	/* resolved */
	struct group *groups;
	size_t ngroups;
	struct tiling *tilings;
	size_t ntilings;
	struct sheet *sheets;
	size_t nsheets, cap;
	bool duplex;		/* some sheet has backs */
	int *reduced, *reduced_pct;	/* per document: pages fitted, least % */
	struct placement *placed;
	size_t nplaced, capplaced;
	size_t cur;		/* the sheet being drawn */
	/* The reading order: a group where its first card was, or singles. */
	struct step {
		int group;	/* -1: sheets [first, first + n) of the singles */
		size_t first, n;
	} *steps;
	size_t nsteps;
};

static void
add_step(struct plan *p, int group, size_t first, size_t n)
{
	p->steps = ul_xreallocarray(p->steps, p->nsteps + 1, sizeof(*p->steps));
	p->steps[p->nsteps++] = (struct step){ group, first, n };
}

static struct sheet *
add_sheet(struct plan *p, enum sheet_kind kind, double w, double h)
{
	if (p->nsheets == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 64;
		p->sheets = ul_xreallocarray(p->sheets, p->cap,
					     sizeof(*p->sheets));
	}
	struct sheet *s = &p->sheets[p->nsheets++];
	memset(s, 0, sizeof(*s));
	s->kind = kind;
	s->w = w;
	s->h = h;
	s->slot[0] = s->slot[1] = -1;
	s->scale = 1;
	return s;
}

static int
find_group(struct plan *p, double tw, double th, double b)
{
	for (size_t i = 0; i < p->ngroups; i++) {
		struct group *g = &p->groups[i];
		if (fabs(g->tw - tw) < EPS && fabs(g->th - th) < EPS &&
		    fabs(g->bleed - b) < EPS)
			return (int)i;
	}
	p->groups = ul_xreallocarray(p->groups, p->ngroups + 1,
				     sizeof(*p->groups));
	struct group *g = &p->groups[p->ngroups];
	memset(g, 0, sizeof(*g));
	g->tw = tw;
	g->th = th;
	g->bleed = b;
	add_step(p, (int)p->ngroups, 0, 0);
	return (int)p->ngroups++;
}

static void
group_add(struct group *g, int doc, int front, int back, const char *deck)
{
	if (g->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 16;
		g->cards = ul_xreallocarray(g->cards, g->cap, sizeof(*g->cards));
	}
	g->cards[g->n++] = (struct card){ doc, front, back, deck };
}

/* The printable area of a sheet, above the fidelity band. */
static void
printable(const struct plan *p, double w, double h, double *ax, double *ay,
	  double *aw, double *ah)
{
	double m = p->o->margin;
	*ax = m;
	*ay = m;
	*aw = w - 2 * m;
	*ah = h - 2 * m - (p->o->marks ? BAND : 0);
}

static void
plan_group(struct plan *p, int gi)
{
	struct group *g = &p->groups[gi];
	bool backs = false;

	g->planned = true;
	for (size_t i = 0; i < g->n; i++)
		if (g->cards[i].back >= 0)
			backs = true;
	int of = (int)((g->n + g->per_sheet - 1) / g->per_sheet);
	for (size_t first = 0, k = 0; first < g->n; first += g->per_sheet,
	     k++) {
		size_t count = g->n - first;
		if (count > (size_t)g->per_sheet)
			count = g->per_sheet;
		struct sheet *s = add_sheet(p, SK_FRONTS, p->o->sheet_w,
					    p->o->sheet_h);
		s->group = gi;
		s->first = first;
		s->count = count;
		s->nth = (int)k + 1;
		s->of = of;
		bool any = false;
		for (size_t i = first; i < first + count; i++)
			if (g->cards[i].back >= 0)
				any = true;
		if (backs && any && p->flip != UL_FLIP_NONE) {
			struct sheet *b = add_sheet(p, SK_BACKS, p->o->sheet_w,
						    p->o->sheet_h);
			b->group = gi;
			b->first = first;
			b->count = count;
			b->nth = (int)k + 1;
			b->of = of;
			p->duplex = true;
		}
	}
}

static int
tiles_for(const struct plan *p, double pw, double ph, double sw, double sh,
	  struct tiling *t)
{
	double ax, ay, aw, ah, z = p->o->marks ? TILE_MARKS : 0;
	double o = p->o->overlap;

	printable(p, sw, sh, &ax, &ay, &aw, &ah);
	aw -= 2 * z;
	ah -= 2 * z;
	if (aw <= 2 * o || ah <= 2 * o)
		return 0;
	t->sw = sw;
	t->sh = sh;
	t->cols = pw <= aw + EPS ? 1 : (int)ceil((pw - o) / (aw - o) - 1e-9);
	t->rows = ph <= ah + EPS ? 1 : (int)ceil((ph - o) / (ah - o) - 1e-9);
	/* Share the poster evenly: no tile is mostly margin. */
	t->tw = (pw + (t->cols - 1) * o) / t->cols;
	t->th = (ph + (t->rows - 1) * o) / t->rows;
	t->cx = ax + z + (aw - t->tw) / 2;
	t->cy = ay + z + (ah - t->th) / 2;
	return t->cols * t->rows;
}

/*
 * Which tiles are mostly empty: the poster is rendered small (about a pixel
 * a millimetre) and its ink counted under each tile. Only utilab's own
 * posters (a journey's empty cells): a foreign PDF's content is never
 * interpreted, so all its tiles are printed.
 */
static void
find_empty_tiles(struct plan *p, struct tiling *t)
{
	struct ul_pdfin *in = &p->docs[t->doc];
	double scale = 2 * UL_MM_PER_PT;	/* px per pt: 2 a millimetre */
	double pxw = t->pw * scale, pxh = t->ph * scale;

	t->skip = ul_xcalloc((size_t)t->rows * t->cols, 1);
	t->printed = t->rows * t->cols;
	const struct ul_pdfin_page *pp = &in->pages[t->page];
	PopplerDocument *doc;
	if (t->rows * t->cols < 2 || !in->utilab || pp->role != UL_ROLE_POSTER ||
	    !(doc = ul_pdfin_poppler(in)))
		return;
	if (pxw * pxh > 4e6)
		scale *= sqrt(4e6 / (pxw * pxh));
	int iw = (int)ceil(t->pw * scale), ih = (int)ceil(t->ph * scale);
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
							  iw, ih);
	cairo_t *cr = cairo_create(img);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, scale, scale);
	cairo_translate(cr, -t->bleed, -t->bleed);
	PopplerPage *pg = poppler_document_get_page(doc, t->page);
	if (pg) {
		poppler_page_render_for_printing(pg, cr);
		g_object_unref(pg);
	}
	cairo_destroy(cr);
	cairo_surface_flush(img);
	const unsigned char *data = cairo_image_surface_get_data(img);
	int stride = cairo_image_surface_get_stride(img);
	int printed = 0;
	for (int r = 0; r < t->rows; r++)
		for (int c = 0; c < t->cols; c++) {
			double o = p->o->overlap;
			int x0 = (int)floor(c * (t->tw - o) * scale);
			int y0 = (int)floor(r * (t->th - o) * scale);
			int x1 = (int)ceil((c * (t->tw - o) + t->tw) * scale);
			int y1 = (int)ceil((r * (t->th - o) + t->th) * scale);
			long ink = 0, all = 0;
			for (int y = y0; y < y1 && y < ih; y++) {
				const uint32_t *row = (const uint32_t *)
					(data + (size_t)y * stride);
				for (int x = x0; x < x1 && x < iw; x++) {
					uint32_t v = row[x];
					all++;
					/* Faint: a hairline at 0.5 mm a pixel. */
					if (((v >> 16) & 255) < 250 ||
					    ((v >> 8) & 255) < 250 ||
					    (v & 255) < 250)
						ink++;
				}
			}
			bool empty = all > 0 && ink < INK_SKIP * all;
			t->skip[r * t->cols + c] = empty;
			printed += !empty;
		}
	cairo_surface_destroy(img);
	/* A blank poster is still printed whole: skipping all would lose it. */
	if (!printed) {
		memset(t->skip, 0, (size_t)t->rows * t->cols);
		printed = t->rows * t->cols;
	}
	t->printed = printed;
}

static void
plan_tiling(struct plan *p, int doc, int page, double bleed)
{
	const struct ul_pdfin_page *pg = &p->docs[doc].pages[page];
	struct tiling a = { 0 }, b = { 0 };
	double pw = pg->w - 2 * bleed, ph = pg->h - 2 * bleed;
	double w = fmin(p->o->sheet_w, p->o->sheet_h);
	double h = fmax(p->o->sheet_w, p->o->sheet_h);

	int na = tiles_for(p, pw, ph, w, h, &a);
	int nb = tiles_for(p, pw, ph, h, w, &b);
	struct tiling *t;
	p->tilings = ul_xreallocarray(p->tilings, p->ntilings + 1,
				      sizeof(*p->tilings));
	t = &p->tilings[p->ntilings];
	*t = (nb && (!na || nb < na)) ? b : a;
	t->doc = doc;
	t->page = page;
	t->bleed = bleed;
	t->pw = pw;
	t->ph = ph;
	find_empty_tiles(p, t);
	int ti = (int)p->ntilings++;

	/* The map, in whichever orientation shows the poster larger. */
	double mw = pw / ph >= 1 ? h : w, mh = pw / ph >= 1 ? w : h;
	struct sheet *s = add_sheet(p, SK_MAP, mw, mh);
	s->tiling = ti;
	for (int r = 0; r < t->rows; r++)
		for (int c = 0; c < t->cols; c++) {
			if (t->skip[r * t->cols + c])
				continue;
			s = add_sheet(p, SK_TILE, t->sw, t->sh);
			s->tiling = ti;
			s->r = r;
			s->c = c;
		}
}

/* Place one page that is not a card: 1-up, full page, or tiles. */
static int
plan_single(struct plan *p, int doc, int page, struct ul_diags *d)
{
	struct ul_pdfin *in = &p->docs[doc];
	const struct ul_pdfin_page *pg = &in->pages[page];
	double ax, ay, aw, ah;
	double b = pg->bleed;
	double W = p->o->sheet_w, H = p->o->sheet_h;

	printable(p, W, H, &ax, &ay, &aw, &ah);
	if (b * 2 >= fmin(pg->w, pg->h))
		b = 0;
	double tw = pg->w - 2 * b, th = pg->h - 2 * b;
	struct ul_grid g;
	if (ul_impose_grid(ax, ay, aw, ah, tw, th, b, p->o->marks, &g)) {
		/* Fits the printable area: a group of its own size. */
		int gi = find_group(p, tw, th, b);
		struct group *gr = &p->groups[gi];
		gr->grid = g;
		gr->per_sheet = g.cols * g.rows;
		group_add(gr, doc, page, -1, pg->deck);
		return gi;
	}
	/* The trim on the sheet at 100 %; its bleed falls off the paper. */
	bool upright = tw <= W + SHEET_SLACK && th <= H + SHEET_SLACK;
	bool fits_sheet = upright ||
		(th <= W + SHEET_SLACK && tw <= H + SHEET_SLACK);
	if (fits_sheet && !p->o->tile) {
		struct sheet *s = add_sheet(p, SK_FULL, upright ? W : H,
					    upright ? H : W);
		s->doc = doc;
		s->page = page;
		return -1;
	}
	/*
	 * A little too large (letter on A4): reduced by the few percent it
	 * takes, a whole percent so that the band tells the truth. Posters
	 * are made to be tiled, and -t asks for tiles.
	 */
	double ku = fmin(W / tw, H / th), kr = fmin(H / tw, W / th);
	double k = floor(fmax(ku, kr) * 100 + 1e-9) / 100;
	if (!p->o->tile && pg->role != UL_ROLE_POSTER && k >= FIT_MIN) {
		upright = ku >= kr;
		struct sheet *s = add_sheet(p, SK_FULL, upright ? W : H,
					    upright ? H : W);
		s->doc = doc;
		s->page = page;
		s->scale = k;
		int pct = (int)lround(k * 100);
		if (!p->reduced[doc] || pct < p->reduced_pct[doc])
			p->reduced_pct[doc] = pct;
		p->reduced[doc]++;
		return -1;
	}
	size_t before = p->ntilings;
	plan_tiling(p, doc, page, b);
	if (p->ntilings == before || !p->tilings[before].cols) {
		ul_diag_add(d, UL_ERROR, UL_EUSAGE, NULL, 0, 0,
			    "the sheet is too small to tile page %d of '%s'",
			    page + 1, ul_pdfin_display(in->name));
		return -2;
	}
	return -1;
}

static int
plan_all(struct plan *p, struct ul_diags *d)
{
	double ax, ay, aw, ah;
	printable(p, p->o->sheet_w, p->o->sheet_h, &ax, &ay, &aw, &ah);
	if (aw < UL_MM(20) || ah < UL_MM(20))
		return ul_diag_add(d, UL_ERROR, UL_EUSAGE, NULL, 0, 0,
				   "the sheet leaves no printable area");

	/*
	 * Cards first gather into groups of one size; a group's sheets go out
	 * where its first card was met, so a kit keeps its order: decks,
	 * posters, run sheet.
	 */
	for (size_t di = 0; di < p->ndocs; di++) {
		struct ul_pdfin *in = &p->docs[di];
		for (int i = 0; i < in->npages; i++) {
			const struct ul_pdfin_page *pg = &in->pages[i];
			bool paired = pg->role == UL_ROLE_FRONT &&
				i + 1 < in->npages &&
				in->pages[i + 1].role == UL_ROLE_BACK &&
				ul_streq(in->pages[i + 1].deck, pg->deck) &&
				ul_streq(in->pages[i + 1].card, pg->card);
			bool card = pg->role == UL_ROLE_FRONT ||
				pg->role == UL_ROLE_BACK ||
				pg->role == UL_ROLE_PAGE;
			if (card) {
				double b = pg->bleed;
				if (b * 2 >= fmin(pg->w, pg->h))
					b = 0;
				double tw = pg->w - 2 * b, th = pg->h - 2 * b;
				struct ul_grid g;
				if (ul_impose_grid(ax, ay, aw, ah, tw, th, b,
						   p->o->marks, &g)) {
					int gi = find_group(p, tw, th, b);
					struct group *gr = &p->groups[gi];
					gr->grid = g;
					gr->per_sheet = g.cols * g.rows;
					group_add(gr, (int)di, i,
						  paired ? i + 1 : -1,
						  pg->deck);
					if (paired)
						i++;
					continue;
				}
			}
			/* Posters, run sheets and pages too large for n-up. */
			size_t before = p->nsheets;
			if (plan_single(p, (int)di, i, d) == -2)
				return -1;
			if (paired) {
				/* A back too large for n-up follows its front. */
				if (plan_single(p, (int)di, i + 1, d) == -2)
					return -1;
				i++;
			}
			if (p->nsheets > before)
				add_step(p, -1, before, p->nsheets - before);
		}
	}
	return 0;
}

/* A page of a run sheet (sheet:NAME[:N]) placed whole on a sheet. */
static bool
is_sheet_page(const struct plan *p, const struct sheet *s)
{
	return s->kind == SK_FULL &&
		p->docs[s->doc].pages[s->page].role == UL_ROLE_SHEET;
}

/* Whether b is the page after a in the same sheet (its ids share NAME). */
static bool
sheet_continues(const struct plan *p, const struct sheet *a,
		const struct sheet *b)
{
	if (!is_sheet_page(p, a) || !is_sheet_page(p, b) ||
	    a->doc != b->doc || b->page != a->page + 1 ||
	    a->w != b->w || a->h != b->h || a->scale != b->scale)
		return false;
	const char *x = p->docs[a->doc].pages[a->page].deck;
	const char *y = p->docs[b->doc].pages[b->page].deck;
	if (!x || !y)
		return false;
	size_t nx = strcspn(x, ":"), ny = strcspn(y, ":");
	return nx == ny && memcmp(x, y, nx) == 0;
}

/*
 * Singles were planned as they came, groups only gathered: lay the sheets
 * out in reading order, each group where its first card was (a kit reads
 * run sheet, decks, posters, as utilab-cards wrote it).
 */
static void
plan_groups(struct plan *p)
{
	size_t singles = p->nsheets;
	struct sheet *saved = NULL;

	if (singles) {
		saved = ul_xreallocarray(NULL, singles, sizeof(*saved));
		memcpy(saved, p->sheets, singles * sizeof(*saved));
	}
	p->nsheets = 0;
	if (p->flip != UL_FLIP_NONE)
		for (size_t gi = 0; gi < p->ngroups; gi++)
			for (size_t k = 0; k < p->groups[gi].n; k++)
				if (p->groups[gi].cards[k].back >= 0)
					p->duplex = true;
	/*
	 * Single-sided sheets in a duplex kit get a blank back, so that the
	 * whole file prints in one duplex run; the run sheet's pages, a
	 * document read in order, go two to a sheet instead (recto, verso).
	 * "pending" is a recto still waiting for its verso.
	 */
	ssize_t pending = -1;
	for (size_t si = 0; si < p->nsteps; si++) {
		const struct step *st = &p->steps[si];
		if (st->group >= 0) {
			if (pending >= 0)
				add_sheet(p, SK_BLANK, p->sheets[pending].w,
					  p->sheets[pending].h);
			pending = -1;
			plan_group(p, st->group);
			continue;
		}
		for (size_t i = st->first; i < st->first + st->n; i++) {
			if (pending >= 0 &&
			    sheet_continues(p, &p->sheets[pending], &saved[i])) {
				struct sheet *s = add_sheet(p, saved[i].kind,
							    saved[i].w,
							    saved[i].h);
				*s = saved[i];
				s->back = true;
				pending = -1;
				continue;
			}
			if (pending >= 0)
				add_sheet(p, SK_BLANK, p->sheets[pending].w,
					  p->sheets[pending].h);
			pending = -1;
			struct sheet *s = add_sheet(p, saved[i].kind,
						    saved[i].w, saved[i].h);
			*s = saved[i];
			if (!p->duplex)
				continue;
			if (is_sheet_page(p, s))
				pending = (ssize_t)(p->nsheets - 1);
			else
				add_sheet(p, SK_BLANK, s->w, s->h);
		}
	}
	if (pending >= 0)
		add_sheet(p, SK_BLANK, p->sheets[pending].w,
			  p->sheets[pending].h);
	free(saved);
}

static void
plan_booklet(struct plan *p)
{
	int n = 0;
	for (size_t di = 0; di < p->ndocs; di++)
		n += p->docs[di].npages;
	int *order = ul_xreallocarray(NULL, (size_t)(n + 3) / 4 * 4,
				      sizeof(int));
	int sheets = ul_impose_booklet_order(n, order);
	double w = fmax(p->o->sheet_w, p->o->sheet_h);
	double h = fmin(p->o->sheet_w, p->o->sheet_h);
	for (int s = 0; s < 2 * sheets; s++) {
		struct sheet *sh = add_sheet(p, SK_BOOKLET, w, h);
		sh->slot[0] = order[2 * s];
		sh->slot[1] = order[2 * s + 1];
		sh->back = s % 2;
		sh->nth = s / 2 + 1;
		sh->of = sheets;
	}
	free(order);
	p->duplex = true;
}

/* drawing */

struct words {
	const char *print100, *front, *back, *page, *cards, *poster, *tile,
		*map, *blank, *sheet, *tiles_note, *booklet, *calib, *reduced;
};

static const struct words fr = {
	"Imprimer à 100\u00a0% (taille réelle)", "recto", "verso", "page",
	"cartes", "affiche", "tuile", "plan d'assemblage", "vide",
	"feuille", "coupez aux traits, collez sur la zone hachurée",
	"livret", "étalonnage recto verso", "réduit à",
};
static const struct words en = {
	"Print at 100% (actual size)", "front", "back", "page", "cards",
	"poster", "tile", "assembly map", "empty", "sheet",
	"cut at the marks, glue onto the hatched strip", "booklet",
	"duplex calibration", "reduced to",
};

static const struct words *
W(const struct plan *p)
{
	return p->en ? &en : &fr;
}

/*
 * The marks' text goes through lib/text (the bundled font, French
 * typography), found on the cairo context so that every drawing helper
 * can reach it.
 */
static const cairo_user_data_key_t text_key;

/*
 * Show one line at x, baseline y (points), shrunk down to 5 pt to fit
 * maxw; align < 0 centres on x, > 0 ends at x.
 */
static void
show_fit(cairo_t *cr, double x, double y, const char *s, double size,
	 bool bold, double maxw, int align)
{
	struct ul_text *t = cairo_get_user_data(cr, &text_key);
	struct ul_text_style st = {
		.size = size, .min_size = fmin(size, 5), .bold = bold,
		.align = align < 0 ? UL_ALIGN_CENTER : align > 0 ?
			UL_ALIGN_RIGHT : UL_ALIGN_LEFT,
	};
	struct ul_text_fit fit;
	double x0 = align < 0 ? x - maxw / 2 : align > 0 ? x - maxw : x;
	const double mm = UL_MM_PER_PT;

	if (!t)
		return;
	/* lib/text works in millimetres. */
	cairo_save(cr);
	cairo_scale(cr, 1 / mm, 1 / mm);
	ul_text_show(t, cr, s, &st, x0 * mm, (y - size * 0.93) * mm,
		     maxw * mm, size * 1.3 * mm, &fit);
	cairo_restore(cr);
}

static int
text_start(cairo_t *cr, const char *lang, struct ul_diags *d)
{
	char *dir = ul_datadir_path("fonts"), *err = NULL;
	struct ul_text *t = ul_text_new(dir, NULL, lang, &err);

	free(dir);
	if (!t) {
		ul_diag_add(d, UL_ERROR, UL_ESOFTWARE, NULL, 0, 0, "%s", err);
		free(err);
		return -1;
	}
	cairo_set_user_data(cr, &text_key, t, (cairo_destroy_func_t)ul_text_free);
	return 0;
}

/*
 * The fidelity band: a 50 mm scale bar (a solid bar, so that its length can
 * be measured), "print at 100 %", and what the sheet holds.
 */
static void
draw_band(const struct plan *p, cairo_t *cr, double w, double h,
	  const char *what, const char *big, int pageno, int npages,
	  bool knockout)
{
	double m = p->o->margin, top = h - m - BAND;
	char *num;

	if (!p->o->marks)
		return;
	cairo_save(cr);
	if (knockout) {
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_rectangle(cr, m, top, w - 2 * m, BAND);
		cairo_fill(cr);
	}
	cairo_set_source_rgb(cr, 0, 0, 0);
	double bx = m + UL_MM(2), by = top + UL_MM(5.5);
	cairo_rectangle(cr, bx, by, UL_MM(50), UL_MM(1.2));
	cairo_fill(cr);
	cairo_set_line_width(cr, 0.4);
	for (int i = 0; i <= 50; i += 5) {
		double x = bx + UL_MM(i);
		cairo_move_to(cr, x, by);
		cairo_line_to(cr, x, by - UL_MM(i % 10 ? 1.2 : 2.2));
	}
	cairo_stroke(cr);
	show_fit(cr, bx, by + UL_MM(3.6), "0", 6, false, UL_MM(10), 0);
	show_fit(cr, bx + UL_MM(50), by + UL_MM(3.6), "50 mm", 6, false,
		 UL_MM(15), 1);
	double tx = bx + UL_MM(56), tw = w - m - tx - UL_MM(2);
	num = ul_xasprintf("%s %d/%d", W(p)->page, pageno, npages);
	show_fit(cr, w - m - UL_MM(2), top + UL_MM(4), num, 7, true,
		 UL_MM(25), 1);
	if (big) {
		/* A tile's name, large, where it cannot be missed. */
		show_fit(cr, w - m - UL_MM(2), top + UL_MM(9.5), big, 14,
			 true, UL_MM(20), 1);
		tw -= UL_MM(16);
	}
	show_fit(cr, tx, top + UL_MM(4), W(p)->print100, 8, true,
		 tw - UL_MM(26), 0);
	show_fit(cr, tx, top + UL_MM(8), what, 7, false, tw, 0);
	free(num);
	cairo_restore(cr);
}

static void
line(cairo_t *cr, double x0, double y0, double x1, double y1)
{
	cairo_move_to(cr, x0, y0);
	cairo_line_to(cr, x1, y1);
}

/*
 * Draw input page pg so that its rectangle (bleed included) of pw x ph
 * fills the sheet rectangle at x,y turned rot quarters clockwise.
 */
static void
place(cairo_t *cr, double x, double y, double pw, double ph, int rot)
{
	switch (rot & 3) {
	case 0:
		cairo_translate(cr, x, y);
		break;
	case 1:
		cairo_translate(cr, x + ph, y);
		break;
	case 2:
		cairo_translate(cr, x + pw, y + ph);
		break;
	case 3:
		cairo_translate(cr, x, y + pw);
		break;
	}
	cairo_rotate(cr, (rot & 3) * M_PI / 2);
}

/*
 * The rectangle x, y, w, h of the current user space as a clip on the
 * sheet, in PDF space (y up). Rotations are quarter turns: the rectangle
 * stays a rectangle.
 */
static void
clip_rect(cairo_t *cr, double H, double x, double y, double w, double h,
	  double clip[4])
{
	double xs[4] = { x, x + w, x, x + w }, ys[4] = { y, y, y + h, y + h };
	double x0 = HUGE_VAL, y0 = HUGE_VAL, x1 = -HUGE_VAL, y1 = -HUGE_VAL;

	for (int i = 0; i < 4; i++) {
		cairo_user_to_device(cr, &xs[i], &ys[i]);
		x0 = fmin(x0, xs[i]);
		y0 = fmin(y0, ys[i]);
		x1 = fmax(x1, xs[i]);
		y1 = fmax(y1, ys[i]);
	}
	clip[0] = x0;
	clip[1] = H - y1;
	clip[2] = x1 - x0;
	clip[3] = y1 - y0;
}

/*
 * Place input page (doc, page) on the current sheet as cairo's current
 * matrix says: the page's region (bleed included) with its top left corner
 * at the user space's origin, one unit a point, as poppler drew it on the
 * marks' context before. clip is from clip_rect, or NULL.
 */
static void
place_page(struct plan *p, cairo_t *cr, int doc, int page, const double *clip)
{
	const struct ul_pdfin_page *pg = &p->docs[doc].pages[page];
	double H = p->sheets[p->cur].h;
	cairo_matrix_t ctm, up, flip, t;

	/* form (y up) -> page (y down) -> sheet (y down) -> PDF (y up) */
	cairo_get_matrix(cr, &ctm);
	cairo_matrix_init(&up, 1, 0, 0, -1, 0, pg->h);
	cairo_matrix_init(&flip, 1, 0, 0, -1, 0, H);
	cairo_matrix_multiply(&t, &up, &ctm);
	cairo_matrix_multiply(&t, &t, &flip);
	if (p->nplaced == p->capplaced) {
		p->capplaced = p->capplaced ? 2 * p->capplaced : 256;
		p->placed = ul_xreallocarray(p->placed, p->capplaced,
					     sizeof(*p->placed));
	}
	struct placement *pl = &p->placed[p->nplaced++];
	*pl = (struct placement){
		.sheet = p->cur, .doc = doc, .page = page,
		.m = { t.xx, t.yx, t.xy, t.yy, t.x0, t.y0 },
		.clipped = clip != NULL,
	};
	if (clip)
		memcpy(pl->clip, clip, sizeof(pl->clip));
}

/*
 * Whether backs mirror across the vertical axis: the sheet turns over
 * its long edge and that edge is vertical, or over its short edge and
 * that is vertical.
 */
static bool
mirror_x(enum ul_flip flip, double w, double h)
{
	bool long_vertical = h >= w;
	return flip == UL_FLIP_SHORT ? !long_vertical : long_vertical;
}

static void
append_deck(struct ul_buf *b, const char *deck, int *n)
{
	if (!deck)
		return;
	if (*n == 3) {
		ul_buf_adds(b, ", …");
		(*n)++;
		return;
	}
	if (*n > 3)
		return;
	ul_buf_adds(b, *n ? ", " : " ");
	ul_buf_adds(b, deck);
	(*n)++;
}

static void
draw_cards(struct plan *p, cairo_t *cr, const struct sheet *s, int pageno,
	   int npages)
{
	const struct group *g = &p->groups[s->group];
	const struct ul_grid *gr = &g->grid;
	bool back = s->kind == SK_BACKS;
	bool mx = mirror_x(p->flip, s->w, s->h);
	double pw = g->tw + 2 * g->bleed, ph = g->th + 2 * g->bleed;

	for (size_t i = 0; i < s->count; i++) {
		const struct card *c = &g->cards[s->first + i];
		int r = (int)i / gr->cols, col = (int)i % gr->cols;
		double x = gr->x0 + col * (gr->cw + gr->gap);
		double y = gr->y0 + r * (gr->ch + gr->gap);
		int rot = gr->rotated ? 1 : 0;
		int page = c->front;
		if (back) {
			if (c->back < 0)
				continue;
			page = c->back;
			if (mx)
				x = s->w - x - gr->cw;
			else
				y = s->h - y - gr->ch;
			/*
			 * A card is turned over its own vertical axis: when the
			 * sheet turns over the card's horizontal one, its back
			 * goes upside down to come out right.
			 */
			if (mx == gr->rotated)
				rot += 2;
			x += p->o->off_x;
			y -= p->o->off_y;
		}
		double clip[4];
		cairo_save(cr);
		clip_rect(cr, s->h, x - gr->keep, y - gr->keep,
			  gr->cw + 2 * gr->keep, gr->ch + 2 * gr->keep, clip);
		place(cr, x - g->bleed, y - g->bleed, pw, ph, rot);
		place_page(p, cr, c->doc, page, clip);
		cairo_restore(cr);
	}

	/* Crop marks outside the grid, on every trim line. */
	if (p->o->marks && !back) {
		int rows = (int)(s->count + gr->cols - 1) / gr->cols;
		int cols = s->count < (size_t)gr->cols ? (int)s->count :
			gr->cols;
		double x1 = gr->x0 + cols * gr->cw + (cols - 1) * gr->gap;
		double y1 = gr->y0 + rows * gr->ch + (rows - 1) * gr->gap;
		double near = gr->keep + gr->mark_gap, far = near + gr->mark_len;
		cairo_save(cr);
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_set_line_width(cr, 0.5);
		for (int c = 0; c < cols; c++)
			for (int e = 0; e < 2; e++) {
				if (e == 0 && c > 0 && gr->gap < EPS)
					continue;
				double x = gr->x0 + c * (gr->cw + gr->gap) +
					e * gr->cw;
				line(cr, x, gr->y0 - near, x, gr->y0 - far);
				line(cr, x, y1 + near, x, y1 + far);
			}
		for (int r = 0; r < rows; r++)
			for (int e = 0; e < 2; e++) {
				if (e == 0 && r > 0 && gr->gap < EPS)
					continue;
				double y = gr->y0 + r * (gr->ch + gr->gap) +
					e * gr->ch;
				line(cr, gr->x0 - near, y, gr->x0 - far, y);
				line(cr, x1 + near, y, x1 + far, y);
			}
		cairo_stroke(cr);
		cairo_restore(cr);
	}

	struct ul_buf b;
	int n = 0;
	ul_buf_init(&b);
	if (p->title)
		ul_buf_addf(&b, "%s · ", p->title);
	ul_buf_adds(&b, W(p)->cards);
	for (size_t i = 0; i < s->count; i++) {
		const char *deck = g->cards[s->first + i].deck;
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = ul_streq(g->cards[s->first + j].deck, deck);
		if (!seen)
			append_deck(&b, deck, &n);
	}
	ul_buf_addf(&b, " %.0f×%.0f mm · %s · %s %d/%d",
		    UL_PT_TO_MM(g->tw), UL_PT_TO_MM(g->th),
		    back ? W(p)->back : W(p)->front, W(p)->sheet, s->nth,
		    s->of);
	draw_band(p, cr, s->w, s->h, b.s, NULL, pageno, npages, false);
	ul_buf_release(&b);
}

static void
draw_full(struct plan *p, cairo_t *cr, const struct sheet *s, int pageno,
	  int npages)
{
	const struct ul_pdfin_page *pg = &p->docs[s->doc].pages[s->page];
	double k = s->scale;
	cairo_save(cr);
	/* A verso turned over the long edge must be upside down, as a
	 * booklet's. */
	if (s->back && !mirror_x(p->flip, s->w, s->h)) {
		cairo_translate(cr, s->w, s->h);
		cairo_rotate(cr, M_PI);
	}
	cairo_save(cr);
	cairo_translate(cr, (s->w - pg->w * k) / 2, (s->h - pg->h * k) / 2);
	cairo_scale(cr, k, k);
	place_page(p, cr, s->doc, s->page, NULL);
	cairo_restore(cr);
	struct ul_buf b;
	ul_buf_init(&b);
	if (p->title)
		ul_buf_adds(&b, p->title);
	if (pg->deck)
		ul_buf_addf(&b, "%s%s", b.len ? " · " : "", pg->deck);
	if (k < 1)
		ul_buf_addf(&b, "%s%s %d%s", b.len ? " · " : "", W(p)->reduced,
			    (int)lround(k * 100), p->en ? "%" : "\u00a0%");
	char *what = ul_buf_detach(&b);
	draw_band(p, cr, s->w, s->h, what, NULL, pageno, npages, true);
	cairo_restore(cr);
	free(what);
}

static char *
tile_name(int r, int c)
{
	/* A..Z, then AA.. for posters taller than 26 tiles. */
	char rows[8];
	int n = 0, v = r;
	do {
		rows[n++] = 'A' + v % 26;
		v = v / 26 - 1;
	} while (v >= 0 && n < 7);
	char out[8];
	for (int i = 0; i < n; i++)
		out[i] = rows[n - 1 - i];
	out[n] = '\0';
	return ul_xasprintf("%s%d", out, c + 1);
}

static void
hatch(cairo_t *cr, double x, double y, double w, double h)
{
	cairo_save(cr);
	cairo_rectangle(cr, x, y, w, h);
	cairo_clip_preserve(cr);
	cairo_set_line_width(cr, 0.4);
	cairo_stroke(cr);
	for (double d = -h; d < w; d += UL_MM(1.5))
		line(cr, x + d, y + h, x + d + h, y);
	cairo_stroke(cr);
	cairo_restore(cr);
}

static void
draw_tile(struct plan *p, cairo_t *cr, const struct sheet *s, int pageno,
	  int npages)
{
	const struct tiling *t = &p->tilings[s->tiling];
	const struct ul_pdfin_page *pg = &p->docs[t->doc].pages[t->page];
	double o = p->o->overlap;
	double sx = s->c * (t->tw - o), sy = s->r * (t->th - o);

	double clip[4];
	cairo_save(cr);
	clip_rect(cr, s->h, t->cx, t->cy, t->tw, t->th, clip);
	cairo_translate(cr, t->cx - sx - t->bleed, t->cy - sy - t->bleed);
	place_page(p, cr, t->doc, t->page, clip);
	cairo_restore(cr);

	if (p->o->marks) {
		double x0 = t->cx, y0 = t->cy, x1 = t->cx + t->tw,
		       y1 = t->cy + t->th;
		double n = MARK_GAP, f = TILE_MARKS - UL_MM(0.5);
		cairo_save(cr);
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_set_line_width(cr, 0.5);
		double xs[2] = { x0, x1 }, ys[2] = { y0, y1 };
		for (int i = 0; i < 2; i++) {
			line(cr, xs[i], y0 - n, xs[i], y0 - f);
			line(cr, xs[i], y1 + n, xs[i], y1 + f);
			line(cr, x0 - n, ys[i], x0 - f, ys[i]);
			line(cr, x1 + n, ys[i], x1 + f, ys[i]);
		}
		cairo_stroke(cr);
		/* Glue strips: where the next tile's trimmed edge goes. */
		double gw = TILE_MARKS - MARK_GAP - UL_MM(1);
		if (s->c < t->cols - 1) {
			hatch(cr, x1 - o, y0 - n - gw, o, gw);
			hatch(cr, x1 - o, y1 + n, o, gw);
		}
		if (s->r < t->rows - 1) {
			hatch(cr, x0 - n - gw, y1 - o, gw, o);
			hatch(cr, x1 + n, y1 - o, gw, o);
		}
		cairo_restore(cr);
	}
	char *name = tile_name(s->r, s->c);
	int k = 0;
	for (int i = 0; i < s->r * t->cols + s->c; i++)
		k += !t->skip[i];
	char *what = ul_xasprintf("%s %s · %s%s%s · %s %d/%d · %s",
				  W(p)->tile, name, W(p)->poster,
				  pg->deck ? " " : "", pg->deck ? pg->deck : "",
				  W(p)->tile, k + 1, t->printed,
				  W(p)->tiles_note);
	draw_band(p, cr, s->w, s->h, what, name, pageno, npages, false);
	free(what);
	free(name);
}

static void
draw_map(struct plan *p, cairo_t *cr, const struct sheet *s, int pageno,
	 int npages)
{
	const struct tiling *t = &p->tilings[s->tiling];
	const struct ul_pdfin_page *pg = &p->docs[t->doc].pages[t->page];
	double ax, ay, aw, ah, o = p->o->overlap;

	printable(p, s->w, s->h, &ax, &ay, &aw, &ah);
	ay += UL_MM(12);	/* a heading */
	ah -= UL_MM(12);
	double k = fmin(aw / t->pw, ah / t->ph);
	double x0 = ax + (aw - t->pw * k) / 2, y0 = ay + (ah - t->ph * k) / 2;

	double clip[4];
	cairo_save(cr);
	cairo_translate(cr, x0, y0);
	cairo_scale(cr, k, k);
	clip_rect(cr, s->h, 0, 0, t->pw, t->ph, clip);
	cairo_translate(cr, -t->bleed, -t->bleed);
	place_page(p, cr, t->doc, t->page, clip);
	cairo_restore(cr);

	cairo_save(cr);
	cairo_set_line_width(cr, 0.8);
	for (int r = 0; r < t->rows; r++)
		for (int c = 0; c < t->cols; c++) {
			/* Each tile's own part, overlap given to its neighbour. */
			double x = x0 + c * (t->tw - o) * k;
			double y = y0 + r * (t->th - o) * k;
			double w = (c == t->cols - 1 ? t->tw : t->tw - o) * k;
			double h = (r == t->rows - 1 ? t->th : t->th - o) * k;
			bool skip = t->skip[r * t->cols + c];
			if (skip) {
				cairo_set_source_rgba(cr, 0.5, 0.5, 0.5, 0.35);
				cairo_rectangle(cr, x, y, w, h);
				cairo_fill(cr);
			}
			cairo_set_source_rgb(cr, 0.85, 0, 0.2);
			cairo_rectangle(cr, x, y, w, h);
			cairo_stroke(cr);
			char *name = tile_name(r, c);
			char *lab = skip ? ul_xasprintf("%s (%s)", name,
							W(p)->blank) :
				ul_xstrdup(name);
			show_fit(cr, x + w / 2, y + h / 2 + 6, lab, 18, true,
				 w * 0.9, -1);
			free(lab);
			free(name);
		}
	cairo_restore(cr);

	char *head = ul_xasprintf("%s · %s%s%s · %d × %d %s, %d %s",
				  W(p)->map, W(p)->poster,
				  pg->deck ? " " : "", pg->deck ? pg->deck : "",
				  t->cols, t->rows, p->en ? "tiles" : "tuiles",
				  t->printed, p->en ? "printed" : "imprimées");
	cairo_save(cr);
	show_fit(cr, ax, ay - UL_MM(6), head, 12, true, aw, 0);
	cairo_restore(cr);
	free(head);
	char *what = ul_xasprintf("%s%s%.0f × %.0f mm, %s %.0f mm",
				  p->title ? p->title : "",
				  p->title ? " · " : "",
				  UL_PT_TO_MM(t->pw), UL_PT_TO_MM(t->ph),
				  p->en ? "overlap" : "recouvrement",
				  UL_PT_TO_MM(o));
	draw_band(p, cr, s->w, s->h, what, NULL, pageno, npages, false);
	free(what);
}

/* Find global page g across the documents. */
static bool
locate(const struct plan *p, int g, int *doc, int *page)
{
	for (size_t d = 0; d < p->ndocs; d++) {
		if (g < p->docs[d].npages) {
			*doc = (int)d;
			*page = g;
			return true;
		}
		g -= p->docs[d].npages;
	}
	return false;
}

static void
draw_booklet(struct plan *p, cairo_t *cr, const struct sheet *s)
{
	double hw = s->w / 2;

	cairo_save(cr);
	/* Turned over the long edge, a back must be upside down. */
	if (s->back && !mirror_x(p->flip, s->w, s->h)) {
		cairo_translate(cr, s->w, s->h);
		cairo_rotate(cr, M_PI);
	}
	for (int k = 0; k < 2; k++) {
		int doc, page;
		if (s->slot[k] < 0 || !locate(p, s->slot[k], &doc, &page))
			continue;
		const struct ul_pdfin_page *pg = &p->docs[doc].pages[page];
		double sc = fmin(1, fmin(hw / pg->w, s->h / pg->h));
		double clip[4];
		cairo_save(cr);
		clip_rect(cr, s->h, k * hw, 0, hw, s->h, clip);
		cairo_translate(cr, k * hw + (hw - pg->w * sc) / 2,
				(s->h - pg->h * sc) / 2);
		cairo_scale(cr, sc, sc);
		place_page(p, cr, doc, page, clip);
		cairo_restore(cr);
	}
	if (p->o->marks) {
		/* Fold marks at the spine, in the unprintable margin's edge. */
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_set_line_width(cr, 0.5);
		line(cr, hw, 0, hw, UL_MM(4));
		line(cr, hw, s->h, hw, s->h - UL_MM(4));
		cairo_stroke(cr);
	}
	cairo_restore(cr);
}

/*
 * Finish the marks' PDF (one page per sheet, in memory) and write the
 * output through the bridge, sheet by sheet: each sheet places its input
 * pages, then its marks page over them. Returns 0, or -1 with a
 * diagnostic.
 */
static int
assemble(struct plan *p, cairo_surface_t *surf, struct ul_buf *marks,
	 FILE *out, const char *title, struct ul_diags *d)
{
	struct ul_qpdf_out *q = NULL;
	struct ul_qpdf_in *mk = NULL, **ins = NULL;
	enum ul_qpdf_fail why;
	char *err = NULL, date[32];
	int ret = -1;

	cairo_surface_finish(surf);
	cairo_status_t st = cairo_surface_status(surf);
	cairo_surface_destroy(surf);
	if (st != CAIRO_STATUS_SUCCESS) {
		ul_diag_add(d, UL_ERROR, UL_ESOFTWARE, NULL, 0, 0,
			    "cannot draw the marks: %s",
			    cairo_status_to_string(st));
		return -1;
	}
	mk = ul_qpdf_open(marks->s, marks->len, "marks", &why, &err);
	if (!mk || ul_qpdf_npages(mk) != (int)p->nsheets) {
		ul_diag_add(d, UL_ERROR, UL_ESOFTWARE, NULL, 0, 0,
			    "cannot read back the marks: %s",
			    err ? err : "pages missing");
		goto out;
	}
	ins = ul_xcalloc(p->ndocs + 1, sizeof(*ins));
	for (size_t i = 0; i < p->ndocs; i++)
		ins[i] = p->docs[i].q;
	ins[p->ndocs] = mk;
	q = ul_qpdf_out_new(out, ins, p->ndocs + 1);
	size_t k = 0;
	for (size_t i = 0; i < p->nsheets; i++) {
		const struct sheet *s = &p->sheets[i];
		ul_qpdf_out_sheet(q, s->w, s->h);
		for (; k < p->nplaced && p->placed[k].sheet == i; k++) {
			const struct placement *pl = &p->placed[k];
			struct ul_pdfin *in = &p->docs[pl->doc];
			int f = ul_qpdf_out_form(q, in->q, pl->page,
						 &in->pages[pl->page].box, &err);
			if (f < 0) {
				ul_diag_add(d, UL_ERROR, UL_EDATA,
					    ul_pdfin_display(in->name), 0, 0,
					    "page %d cannot be placed: %s",
					    pl->page + 1, err);
				goto out;
			}
			ul_qpdf_out_place(q, f, pl->m, pl->clipped ? pl->clip :
					  NULL);
		}
		if (ul_qpdf_out_overlay(q, mk, (int)i, &err) != 0) {
			ul_diag_add(d, UL_ERROR, UL_ESOFTWARE, NULL, 0, 0,
				    "cannot lay the marks over: %s", err);
			goto out;
		}
	}
	ul_pdf_date(date, sizeof(date));
	struct ul_qpdf_meta meta = {
		.title = title, .creator = "utilab-print " UL_VERSION,
		.producer = "utilab-print " UL_VERSION " (libqpdf)",
		.date = date,
	};
	if (ul_qpdf_out_finish(q, &meta, &err) != 0) {
		ul_diag_add(d, UL_ERROR, UL_EIO, NULL, 0, 0,
			    "cannot write '%s': %s", p->o->output, err);
		goto out;
	}
	ret = 0;
out:
	free(err);
	free(ins);
	ul_qpdf_out_free(q);
	ul_qpdf_close(mk);
	return ret;
}

static cairo_status_t
write_buf(void *closure, const unsigned char *data, unsigned int len)
{
	ul_buf_add(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* The marks' PDF: a cairo surface writing into memory (a few KB a sheet). */
static cairo_surface_t *
marks_surface(struct ul_buf *b, double w, double h)
{
	ul_buf_init(b);
	return cairo_pdf_surface_create_for_stream(write_buf, b, w, h);
}

static void
plan_release(struct plan *p)
{
	for (size_t i = 0; i < p->ngroups; i++)
		free(p->groups[i].cards);
	free(p->groups);
	for (size_t i = 0; i < p->ntilings; i++)
		free(p->tilings[i].skip);
	free(p->tilings);
	free(p->sheets);
	free(p->steps);
	free(p->placed);
	free(p->reduced);
	free(p->reduced_pct);
}

static const char *
pick_lang(const struct ul_impose_opts *o, struct ul_pdfin *docs, size_t n)
{
	if (o->lang)
		return o->lang;
	for (size_t i = 0; i < n; i++)
		if (docs[i].lang)
			return docs[i].lang;
	return "fr";
}

int
ul_impose_write(struct ul_pdfin *docs, size_t ndocs,
		const struct ul_impose_opts *o, FILE *out, struct ul_diags *d)
{
	struct plan p = { .o = o, .docs = docs, .ndocs = ndocs };
	bool backs = false;
	int ret = -1;

	p.reduced = ul_xcalloc(ndocs ? ndocs : 1, sizeof(int));
	p.reduced_pct = ul_xcalloc(ndocs ? ndocs : 1, sizeof(int));

	p.lang = pick_lang(o, docs, ndocs);
	p.en = ul_lang_get(p.lang) != ul_lang_fr();
	for (size_t i = 0; i < ndocs && !p.title; i++)
		p.title = docs[i].title;
	for (size_t i = 0; i < ndocs; i++)
		for (int k = 0; k < docs[i].npages; k++)
			if (docs[i].pages[k].role == UL_ROLE_BACK)
				backs = true;
	p.flip = o->flip;
	if (p.flip == UL_FLIP_AUTO)
		p.flip = o->booklet ? UL_FLIP_SHORT :
			backs ? UL_FLIP_LONG : UL_FLIP_NONE;

	if (backs && p.flip == UL_FLIP_NONE && !o->booklet)
		ul_diag_add(d, UL_WARNING, UL_EDATA, NULL, 0, 0,
			    "single-sided (-D none): the cards' backs are "
			    "left out");
	if (o->booklet)
		plan_booklet(&p);
	else if (plan_all(&p, d) != 0)
		goto out;
	else
		plan_groups(&p);
	if (!p.nsheets) {
		ul_diag_add(d, UL_ERROR, UL_EDATA, NULL, 0, 0,
			    "nothing to print");
		goto out;
	}

	for (size_t i = 0; i < ndocs; i++)
		if (p.reduced[i])
			ul_diag_add(d, UL_WARNING, UL_EDATA,
				    ul_pdfin_display(docs[i].name), 0, 0,
				    P_("%d page larger than the sheet reduced to "
				       "%d %% to fit (-t tiles it at 100 %%)",
				       "%d pages larger than the sheet reduced to "
				       "%d %% to fit (-t tiles them at 100 %%)",
				       p.reduced[i]),
				    p.reduced[i], p.reduced_pct[i]);

	struct ul_buf marks;
	cairo_surface_t *surf = marks_surface(&marks, p.sheets[0].w,
					      p.sheets[0].h);
	cairo_t *cr = cairo_create(surf);
	if (text_start(cr, p.lang, d) != 0) {
		cairo_destroy(cr);
		cairo_surface_destroy(surf);
		ul_buf_release(&marks);
		goto out;
	}
	int npages = (int)p.nsheets;
	ul_progress_start(o->progress, N_("sheets"), p.nsheets);
	for (size_t i = 0; i < p.nsheets; i++) {
		const struct sheet *s = &p.sheets[i];
		ul_progress_add(o->progress, 1);
		p.cur = i;
		cairo_pdf_surface_set_size(surf, s->w, s->h);
		switch (s->kind) {
		case SK_FRONTS:
		case SK_BACKS:
			draw_cards(&p, cr, s, (int)i + 1, npages);
			break;
		case SK_FULL:
			draw_full(&p, cr, s, (int)i + 1, npages);
			break;
		case SK_MAP:
			draw_map(&p, cr, s, (int)i + 1, npages);
			break;
		case SK_TILE:
			draw_tile(&p, cr, s, (int)i + 1, npages);
			break;
		case SK_BOOKLET:
			draw_booklet(&p, cr, s);
			break;
		case SK_BLANK:
			break;
		}
		cairo_show_page(cr);
	}
	cairo_destroy(cr);
	ret = assemble(&p, surf, &marks, out, p.title, d);
	ul_buf_release(&marks);
out:
	ul_progress_end(o->progress);
	plan_release(&p);
	return ret;
}

/* calibration */

static const double calib_pts[][2] = {	/* fractions of the sheet */
	{ 0.5, 0.5 }, { 0.25, 0.22 }, { 0.75, 0.22 }, { 0.25, 0.78 },
	{ 0.75, 0.78 },
};

static void
rule(cairo_t *cr, double x, double y, bool vertical, bool up)
{
	/* -10..+10 mm; on the vertical rule, + is up. */
	cairo_set_line_width(cr, 0.3);
	for (int i = -10; i <= 10; i++) {
		double len = UL_MM(i % 5 ? 1.5 : i ? 3 : 4.5);
		double v = UL_MM(i);
		if (vertical)
			line(cr, x, y - (up ? v : -v), x + len,
			     y - (up ? v : -v));
		else
			line(cr, x + v, y, x + v, y + len);
	}
	cairo_stroke(cr);
	for (int i = -10; i <= 10; i += 5) {
		char buf[8];
		snprintf(buf, sizeof(buf), "%+d", i);
		if (!i)
			strcpy(buf, "0");
		double v = UL_MM(i);
		if (vertical)
			show_fit(cr, x + UL_MM(5.2), y - v + 2, buf, 5.5,
				 false, UL_MM(8), 0);
		else
			show_fit(cr, x + v, y + UL_MM(6.5), buf, 5.5, false,
				 UL_MM(8), -1);
	}
}

static void
calib_text(cairo_t *cr, double x, double y, double maxw, const char *const *l,
	   size_t n)
{
	for (size_t i = 0; i < n; i++)
		show_fit(cr, x, y + i * 13, l[i], i ? 9 : 14, i == 0, maxw, 0);
}

int
ul_impose_calibration(const struct ul_impose_opts *o, FILE *out,
		      struct ul_diags *d)
{
	double w = o->sheet_w, h = o->sheet_h, m = o->margin;
	struct plan p = { .o = o };
	enum ul_flip flip = o->flip == UL_FLIP_SHORT ? UL_FLIP_SHORT :
		UL_FLIP_LONG;
	bool mx = mirror_x(flip, w, h);
	char off[64];

	p.lang = o->lang ? o->lang : "fr";
	p.en = ul_lang_get(p.lang) != ul_lang_fr();
	p.flip = flip;
	snprintf(off, sizeof(off), "-O %.1f,%.1f", UL_PT_TO_MM(o->off_x),
		 UL_PT_TO_MM(o->off_y));
	struct ul_buf marks;
	/* The plan of two blank sheets, which the marks fill. */
	add_sheet(&p, SK_BLANK, w, h);
	add_sheet(&p, SK_BLANK, w, h);
	cairo_surface_t *surf = marks_surface(&marks, w, h);
	cairo_t *cr = cairo_create(surf);
	if (text_start(cr, p.lang, d) != 0) {
		cairo_destroy(cr);
		cairo_surface_destroy(surf);
		ul_buf_release(&marks);
		plan_release(&p);
		return -1;
	}

	/* front: targets */
	const char *fr_front[] = {
		"Étalonnage recto verso",
		flip == UL_FLIP_LONG ?
			"1. Imprimez les 2 pages en recto verso, bord long, à 100 %." :
			"1. Imprimez les 2 pages en recto verso, bord court, à 100 %.",
		"2. Regardez la feuille à contre-jour : chaque croix du recto",
		"    tombe sur les règles du verso. Lisez X (horizontale) et Y (verticale).",
		"3. Imprimez ensuite avec utilab-print -O X,Y ; ré-imprimez ceci",
		"    avec le même -O pour vérifier : les croix tombent sur 0.",
	};
	const char *en_front[] = {
		"Duplex calibration",
		flip == UL_FLIP_LONG ?
			"1. Print both pages duplex, flip on long edge, at 100%." :
			"1. Print both pages duplex, flip on short edge, at 100%.",
		"2. Hold the sheet against the light: each cross on the front",
		"    falls on the rules of the back. Read X (horizontal) and Y (vertical).",
		"3. Then print with utilab-print -O X,Y; print this again with",
		"    the same -O to check: the crosses fall on 0.",
	};
	cairo_set_source_rgb(cr, 0, 0, 0);
	calib_text(cr, m + UL_MM(5), m + UL_MM(10), w - 2 * m - UL_MM(10),
		   p.en ? en_front : fr_front, UL_NELEM(fr_front));
	for (size_t i = 0; i < UL_NELEM(calib_pts); i++) {
		double x = w * calib_pts[i][0], y = h * calib_pts[i][1];
		cairo_set_line_width(cr, 0.4);
		line(cr, x - UL_MM(15), y, x + UL_MM(15), y);
		line(cr, x, y - UL_MM(15), x, y + UL_MM(15));
		cairo_stroke(cr);
		cairo_arc(cr, x, y, UL_MM(3), 0, 2 * M_PI);
		cairo_stroke(cr);
		char lab[8];
		snprintf(lab, sizeof(lab), "T%zu", i + 1);
		show_fit(cr, x, y - UL_MM(17), lab, 8, true, UL_MM(10), -1);
	}
	draw_band(&p, cr, w, h, p.en ? "duplex calibration · front" :
		  "étalonnage recto verso · recto", NULL, 1, 2, false);
	cairo_show_page(cr);

	/* back: rules behind the targets, shifted like every back */
	for (size_t i = 0; i < UL_NELEM(calib_pts); i++) {
		double x = w * calib_pts[i][0], y = h * calib_pts[i][1];
		if (mx)
			x = w - x;
		else
			y = h - y;
		x += o->off_x;
		y -= o->off_y;
		cairo_set_source_rgb(cr, 0, 0, 0);
		/*
		 * Clear of each other, and within the reach of the front's
		 * 15 mm cross arms.
		 */
		rule(cr, x, y + UL_MM(12), false, false);
		rule(cr, x + UL_MM(12), y, true, true);
		show_fit(cr, x - UL_MM(12), y + UL_MM(15), "X", 8, true,
			 UL_MM(5), 1);
		show_fit(cr, x + UL_MM(12), y - UL_MM(12.5), "Y", 8, true,
			 UL_MM(5), -1);
	}
	char *what = ul_xasprintf("%s · %s · %s", p.en ?
				  "duplex calibration" :
				  "étalonnage recto verso",
				  p.en ? "back" : "verso", off);
	draw_band(&p, cr, w, h, what, NULL, 2, 2, false);
	free(what);
	cairo_show_page(cr);
	cairo_destroy(cr);
	int ret = assemble(&p, surf, &marks, out, p.en ?
			   "utilab-print duplex calibration" :
			   "utilab-print : étalonnage recto verso", d);
	ul_buf_release(&marks);
	plan_release(&p);
	return ret;
}
