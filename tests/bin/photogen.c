/* SPDX-License-Identifier: ISC */
/*
 * photogen: make test photos of filled write-in cards, with their ground
 * truth, for utilab-scan's tests and bench. Cards are drawn by lib/card
 * (the printed blank), marked in pen-like strokes (rings around a number,
 * crosses, scribbles, faint rings, two marks, none; in tick boxes check
 * marks, crosses, boxes filled in, faint ticks), handwriting is
 * scribbled on their lines, and they are laid on a textured table at any
 * rotation, seen through a camera tilted up to 25° (every output pixel
 * mapped back through the homography), with a shadow, uneven light, blur,
 * noise and JPEG compression; -k K bends it through a lens (radial
 * distortion K r², r 1 at the corners: -0.05 is a cheap camera's barrel,
 * which no homography undoes). -m scan lays them flat and straight-ish on
 * white at the scanner's resolution instead. -m rescan -i PAGE.png takes a
 * page rendered from a printed PDF (pdftoppm) as what lies on the glass,
 * and scans it: turned by up to two degrees, blurred a little, with noise.
 *
 *   photogen -w WS.yaml -s SEED -n CARDS [-m photo|scan] [-W w -H h | -r dpi]
 *            [-q quality] [-f first] [-T tilt] [-k lens] -o OUT.jpg|png -t TRUTH
 *   photogen -m rescan -i PAGE.png -s SEED [-q quality] -o OUT.jpg|png
 *
 * TRUTH gets one line per scale: SERIAL FIELD VALUE KIND, where VALUE is
 * the number meant (0: none) and KIND is clear, faint, two or none; and
 * one per tick-box field, VALUE the options ticked (spaces as '_', joined
 * by '|', "-" for none) and KIND as for a scale (clear: every tick clear,
 * none at all included where any number may be ticked). The scanner must
 * read clear marks and flag the others.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "card.h"
#include "datadir.h"
#include "icon.h"
#include "text.h"
#include "util.h"
#include "workshop.h"

#define SRC_PX_PER_MM 10.0

static uint64_t rng_state;

static double
rnd(void)
{
	/* splitmix64: the same photos from the same seed everywhere */
	uint64_t z = (rng_state += UINT64_C(0x9E3779B97F4A7C15));
	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	z ^= z >> 31;
	return (double)(z >> 11) / 9007199254740992.0;
}

static double
urange(double a, double b)
{
	return a + (b - a) * rnd();
}

/* About normal (Irwin–Hall, 4 uniforms): cheap enough for every pixel. */
static double
gauss(void)
{
	return (rnd() + rnd() + rnd() + rnd() - 2) * 1.7320508;
}

struct card_img {
	int w, h;
	unsigned char *rgb;
	double wmm, hmm;
};

static void
pen(cairo_t *cr, bool faint)
{
	double k = rnd();
	if (faint)
		cairo_set_source_rgba(cr, 0.35, 0.35, 0.4, urange(0.35, 0.5));
	else if (k < 0.5)
		cairo_set_source_rgb(cr, 0.05, 0.1, urange(0.45, 0.7));	/* blue ballpoint */
	else if (k < 0.85)
		cairo_set_source_rgb(cr, 0.08, 0.08, 0.1);	/* black felt */
	else
		cairo_set_source_rgb(cr, 0.1, 0.35, 0.15);	/* green */
	cairo_set_line_width(cr, faint ? urange(0.25, 0.35) : urange(0.45, 0.8));
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
}

/* A hand-drawn ring around (cx, cy): an uneven, not quite closed loop. */
static void
ring(cairo_t *cr, double cx, double cy, double r, bool faint)
{
	double a0 = urange(0, 2 * M_PI), span = urange(1.9, 2.15) * M_PI;
	double rx = r * urange(1.05, 1.35), ry = r * urange(1.0, 1.3);
	double tilt = urange(-0.5, 0.5), wob = urange(0, 0.12);
	pen(cr, faint);
	cairo_new_path(cr);
	for (int i = 0; i <= 60; i++) {
		double a = a0 + span * i / 60;
		double k = 1 + wob * sin(3 * a + a0) + 0.04 * i / 60;
		double x = rx * k * cos(a), y = ry * k * sin(a);
		double X = cx + x * cos(tilt) - y * sin(tilt);
		double Y = cy + x * sin(tilt) + y * cos(tilt);
		if (i == 0)
			cairo_move_to(cr, X, Y);
		else
			cairo_line_to(cr, X, Y);
	}
	cairo_stroke(cr);
}

static void
cross(cairo_t *cr, double cx, double cy, double r)
{
	pen(cr, false);
	for (int k = 0; k < 2; k++) {
		double a = (k ? -1 : 1) * M_PI / 4 + urange(-0.3, 0.3);
		double l = r * urange(0.8, 1.25);
		cairo_move_to(cr, cx - l * cos(a) + urange(-0.5, 0.5),
			      cy - l * sin(a) + urange(-0.5, 0.5));
		cairo_line_to(cr, cx + l * cos(a), cy + l * sin(a));
		cairo_stroke(cr);
	}
}

static void
scribble(cairo_t *cr, double cx, double cy, double r)
{
	pen(cr, false);
	cairo_new_path(cr);
	int n = 8 + (int)(rnd() * 6);
	for (int i = 0; i < n; i++) {
		double y = cy - r * 0.8 + 1.6 * r * i / (n - 1);
		double x = cx + (i % 2 ? 1 : -1) * r * urange(0.6, 0.9);
		if (i == 0)
			cairo_move_to(cr, x, y);
		else
			cairo_line_to(cr, x, y);
	}
	cairo_stroke(cr);
}

/* A check mark in the box at (x, y), side s: its tail runs past the box. */
static void
check(cairo_t *cr, double x, double y, double s, bool faint)
{
	pen(cr, faint);
	/*
	 * A faint check mark is short: as light as a faint ring, it would
	 * vanish under the photos' glare, where no person could see it.
	 */
	if (faint)
		cairo_set_source_rgba(cr, 0.35, 0.35, 0.4, urange(0.5, 0.65));
	cairo_new_path(cr);
	cairo_move_to(cr, x + s * urange(0.1, 0.25), y + s * urange(0.45, 0.6));
	cairo_line_to(cr, x + s * urange(0.35, 0.5), y + s * urange(0.8, 0.95));
	cairo_line_to(cr, x + s * urange(0.9, 1.15), y - s * urange(-0.05, 0.2));
	cairo_stroke(cr);
}

/* The box filled in: back and forth strokes, as people black a box out. */
static void
fill_box(cairo_t *cr, double x, double y, double s)
{
	pen(cr, false);
	cairo_new_path(cr);
	int n = 6 + (int)(rnd() * 4);
	for (int i = 0; i < n; i++) {
		double yy = y + s * (0.12 + 0.76 * i / (n - 1)) + urange(-0.2, 0.2);
		double xx = x + (i % 2 ? s * urange(0.8, 0.95) : s * urange(0.05, 0.2));
		if (i == 0)
			cairo_move_to(cr, xx, yy);
		else
			cairo_line_to(cr, xx, yy);
	}
	cairo_stroke(cr);
}

/* One box ticked in one of the ways people do, or faintly. */
static void
tick(cairo_t *cr, const struct ul_box *b, bool faint)
{
	double k = rnd();
	if (faint)
		check(cr, b->x, b->y, b->w, true);
	else if (k < 0.45)
		check(cr, b->x, b->y, b->w, false);
	else if (k < 0.8)
		cross(cr, b->x + b->w / 2, b->y + b->h / 2, b->w / 2);
	else
		fill_box(cr, b->x, b->y, b->w);
}

/*
 * Tick a field's boxes and write its truth: the options ticked, their
 * spaces as '_', joined by '|' ("-" for none). Where any number may be
 * ticked, each box is ticked or not, now and then one faintly; with
 * choose: one, one box mostly, sometimes none, two, or a faint one.
 */
static void
ticks(cairo_t *cr, const struct ul_layout *lay, const struct ul_field *fd,
      int f, const char *serial, FILE *truth)
{
	const struct ul_box *box[UL_TICKS_MAX];
	size_t n = 0;
	bool on[UL_TICKS_MAX] = { 0 };
	const char *kind = "clear";

	for (size_t i = 0; i < lay->n && n < UL_TICKS_MAX; i++)
		if (lay->v[i].kind == UL_BOX_TICK && lay->v[i].field == f)
			box[n++] = &lay->v[i];
	if (n == 0)
		return;
	if (!fd->choose_one) {
		int faint = rnd() < 0.1 ? (int)(rnd() * n) : -1;
		for (size_t k = 0; k < n; k++)
			if ((on[k] = rnd() < 0.4 || (int)k == faint))
				tick(cr, box[k], (int)k == faint);
		if (faint >= 0)
			kind = "faint";
	} else {
		double k = rnd();
		size_t v = (size_t)(rnd() * n), v2 = (v + 1 + (size_t)(rnd() * (n - 1))) % n;
		if (k < 0.8) {
			tick(cr, box[v], false);
			on[v] = true;
		} else if (k < 0.87) {
			kind = "none";
		} else if (k < 0.94) {
			kind = "two";
			tick(cr, box[v], false);
			tick(cr, box[v2], false);
			on[v] = on[v2] = true;
		} else {
			kind = "faint";
			tick(cr, box[v], true);
			on[v] = true;
		}
	}
	fprintf(truth, "%s %s ", serial, fd->id);
	bool any = false;
	for (size_t k = 0; k < n && k < fd->ticks.n; k++) {
		if (!on[k])
			continue;
		if (any)
			fputc('|', truth);
		for (const char *p = fd->ticks.v[k]; *p; p++)
			fputc(*p == ' ' ? '_' : *p, truth);
		any = true;
	}
	fprintf(truth, "%s %s\n", any ? "" : "-", kind);
}

/* Handwriting-like strokes along a ruled line. */
static void
writing(cairo_t *cr, double x, double y, double w)
{
	double end = x + w * urange(0.3, 0.95);
	pen(cr, false);
	cairo_set_line_width(cr, 0.35);
	while (x < end) {
		double lw = urange(3, 12);
		cairo_new_path(cr);
		cairo_move_to(cr, x, y - 1);
		for (double t = 0; t < lw; t += 0.6)
			cairo_line_to(cr, x + t, y - 1 - fabs(sin(t * urange(1.5, 3))) *
						 urange(1.5, 3.5));
		cairo_stroke(cr);
		x += lw + urange(1.5, 3);
	}
}

/*
 * Draw one filled card; write its truth. Returns the card's image (trim
 * only, SRC_PX_PER_MM).
 */
static int
make_card(struct ul_render *r, const struct ul_deck *d, int number,
	  FILE *truth, struct card_img *ci)
{
	struct ul_layout lay;
	struct ul_card_face face = { d, NULL, number, false };
	double pw, ph;
	char serial[32];

	ul_card_page_size(r, d, &pw, &ph);
	ci->wmm = pw - 2 * r->bleed;
	ci->hmm = ph - 2 * r->bleed;
	ci->w = (int)lround(ci->wmm * SRC_PX_PER_MM);
	ci->h = (int)lround(ci->hmm * SRC_PX_PER_MM);
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
							ci->w, ci->h);
	cairo_t *cr = cairo_create(s);
	cairo_scale(cr, SRC_PX_PER_MM, SRC_PX_PER_MM);
	cairo_translate(cr, -r->bleed, -r->bleed);
	ul_card_front(r, &face, cr);
	(void)ul_card_layout(r, &face, &lay);
	/* the layout's boxes are in trim mm: draw the marks from the trim */
	cairo_translate(cr, r->bleed, r->bleed);
	ul_serial(d, number, serial, sizeof(serial));

	for (size_t f = 0; f < d->nfields; f++) {
		const struct ul_field *fd = &d->fields[f];
		if (fd->ticks.n > 0) {
			ticks(cr, &lay, fd, (int)f, serial, truth);
			continue;
		}
		if (fd->scale <= 0) {
			for (size_t i = 0; i < lay.n; i++)
				if (lay.v[i].kind == UL_BOX_LINE &&
				    lay.v[i].field == (int)f && rnd() < 0.75) {
					const struct ul_box *b = &lay.v[i];
					writing(cr, b->x, b->y + b->h, b->w * 0.8);
				}
			continue;
		}
		double cx[10], cy[10], rad = 3;
		int n = 0;
		for (size_t i = 0; i < lay.n && n < 10; i++)
			if (lay.v[i].kind == UL_BOX_CIRCLE &&
			    lay.v[i].field == (int)f) {
				cx[n] = lay.v[i].x + lay.v[i].w / 2;
				cy[n] = lay.v[i].y + lay.v[i].h / 2;
				rad = lay.v[i].w / 2;
				n++;
			}
		int v = 1 + (int)(rnd() * n), v2;
		double k = rnd();
		const char *kind = "clear";
		if (k < 0.5) {
			ring(cr, cx[v - 1], cy[v - 1], rad, false);
		} else if (k < 0.7) {
			cross(cr, cx[v - 1], cy[v - 1], rad);
		} else if (k < 0.82) {
			scribble(cr, cx[v - 1], cy[v - 1], rad);
		} else if (k < 0.88) {
			kind = "none";
			v = 0;
		} else if (k < 0.94) {
			kind = "two";
			do
				v2 = 1 + (int)(rnd() * n);
			while (v2 == v);
			ring(cr, cx[v - 1], cy[v - 1], rad, false);
			if (rnd() < 0.5)
				ring(cr, cx[v2 - 1], cy[v2 - 1], rad, false);
			else
				cross(cr, cx[v2 - 1], cy[v2 - 1], rad);
		} else {
			kind = "faint";
			ring(cr, cx[v - 1], cy[v - 1], rad, true);
		}
		fprintf(truth, "%s %s %d %s\n", serial, fd->id, v, kind);
	}
	cairo_destroy(cr);
	cairo_surface_flush(s);
	ci->rgb = ul_xmalloc((size_t)ci->w * ci->h * 3);
	const unsigned char *px = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);
	for (int y = 0; y < ci->h; y++)
		for (int x = 0; x < ci->w; x++) {
			uint32_t p = ((const uint32_t *)(px + (size_t)y * stride))[x];
			unsigned char *o = ci->rgb + ((size_t)y * ci->w + x) * 3;
			o[0] = p >> 16 & 255;
			o[1] = p >> 8 & 255;
			o[2] = p & 255;
		}
	cairo_surface_destroy(s);
	ul_layout_release(&lay);
	return 0;
}

/* Where a card lies on the table: table px = A · card px + t. */
struct place {
	double a, b, c, d, tx, ty;	/* forward */
	double ia, ib, ic, id;		/* inverse linear part */
	double x0, y0, x1, y1;		/* bounds on the table */
};

static void
place_set(struct place *p, double cx, double cy, double ang, double sc,
	  const struct card_img *ci)
{
	p->a = sc * cos(ang);
	p->b = -sc * sin(ang);
	p->c = sc * sin(ang);
	p->d = sc * cos(ang);
	p->tx = cx - (p->a * ci->w / 2 + p->b * ci->h / 2);
	p->ty = cy - (p->c * ci->w / 2 + p->d * ci->h / 2);
	double det = p->a * p->d - p->b * p->c;
	p->ia = p->d / det;
	p->ib = -p->b / det;
	p->ic = -p->c / det;
	p->id = p->a / det;
	p->x0 = p->y0 = 1e9;
	p->x1 = p->y1 = -1e9;
	for (int k = 0; k < 4; k++) {
		double u = (k & 1) ? ci->w : 0, v = (k & 2) ? ci->h : 0;
		double x = p->a * u + p->b * v + p->tx, y = p->c * u + p->d * v + p->ty;
		p->x0 = fmin(p->x0, x);
		p->x1 = fmax(p->x1, x);
		p->y0 = fmin(p->y0, y);
		p->y1 = fmax(p->y1, y);
	}
}

/* 3×3 inverse */
static void
inv3(const double m[9], double o[9])
{
	double det = m[0] * (m[4] * m[8] - m[5] * m[7]) -
		     m[1] * (m[3] * m[8] - m[5] * m[6]) +
		     m[2] * (m[3] * m[7] - m[4] * m[6]);
	o[0] = (m[4] * m[8] - m[5] * m[7]) / det;
	o[1] = (m[2] * m[7] - m[1] * m[8]) / det;
	o[2] = (m[1] * m[5] - m[2] * m[4]) / det;
	o[3] = (m[5] * m[6] - m[3] * m[8]) / det;
	o[4] = (m[0] * m[8] - m[2] * m[6]) / det;
	o[5] = (m[2] * m[3] - m[0] * m[5]) / det;
	o[6] = (m[3] * m[7] - m[4] * m[6]) / det;
	o[7] = (m[1] * m[6] - m[0] * m[7]) / det;
	o[8] = (m[0] * m[4] - m[1] * m[3]) / det;
}

static void
mul3(const double a[9], const double b[9], double o[9])
{
	for (int i = 0; i < 3; i++)
		for (int j = 0; j < 3; j++) {
			o[i * 3 + j] = 0;
			for (int k = 0; k < 3; k++)
				o[i * 3 + j] += a[i * 3 + k] * b[k * 3 + j];
		}
}

static int
save(GdkPixbuf *pb, const char *out, int quality)
{
	GError *gerr = NULL;
	size_t ol = strlen(out);
	bool png = ol > 4 && strcmp(out + ol - 4, ".png") == 0;
	char q[16];
	snprintf(q, sizeof(q), "%d", quality);
	gboolean ok = png ? gdk_pixbuf_save(pb, out, "png", &gerr, NULL) :
			    gdk_pixbuf_save(pb, out, "jpeg", &gerr, "quality", q, NULL);
	if (!ok) {
		fprintf(stderr, "photogen: %s\n", gerr->message);
		g_error_free(gerr);
		return 74;
	}
	return 0;
}

/*
 * A printed page on a flatbed scanner: turned by up to 2 degrees, the
 * lid's white where the page does not reach, paper never quite white,
 * the sensor's noise.
 */
static int
rescan(const char *in, const char *out, int quality)
{
	GError *gerr = NULL;
	GdkPixbuf *src = gdk_pixbuf_new_from_file(in, &gerr);
	if (!src) {
		fprintf(stderr, "photogen: %s\n", gerr->message);
		g_error_free(gerr);
		return 66;
	}
	int W = gdk_pixbuf_get_width(src), H = gdk_pixbuf_get_height(src);
	int ss = gdk_pixbuf_get_rowstride(src), nc = gdk_pixbuf_get_n_channels(src);
	const guchar *sp = gdk_pixbuf_read_pixels(src);
	double a = urange(-2, 2) * M_PI / 180, ca = cos(a), sa = sin(a);
	double dx = urange(-0.01, 0.01) * W, dy = urange(-0.01, 0.01) * H;
	GdkPixbuf *pb = gdk_pixbuf_new(GDK_COLORSPACE_RGB, FALSE, 8, W, H);
	guchar *px = gdk_pixbuf_get_pixels(pb);
	int stride = gdk_pixbuf_get_rowstride(pb);
	for (int y = 0; y < H; y++)
		for (int x = 0; x < W; x++) {
			/* output → page: the inverse rotation about the centre */
			double u = ca * (x - W / 2.0) + sa * (y - H / 2.0) + W / 2.0 + dx;
			double v = -sa * (x - W / 2.0) + ca * (y - H / 2.0) + H / 2.0 + dy;
			double n = 2 * gauss();
			for (int k = 0; k < 3; k++) {
				double val = 248;
				if (u >= 0 && v >= 0 && u < W - 1 && v < H - 1) {
					int u0 = (int)u, v0 = (int)v;
					double fu = u - u0, fv = v - v0;
					const guchar *p0 = sp + (size_t)v0 * ss + (size_t)u0 * nc + k;
					const guchar *p1 = p0 + ss;
					val = (p0[0] * (1 - fu) + p0[nc] * fu) * (1 - fv) +
					      (p1[0] * (1 - fu) + p1[nc] * fu) * fv;
					val = 6 + val * 0.95;
				}
				val += n;
				px[(size_t)y * stride + (size_t)x * 3 + k] =
					(guchar)(val < 0 ? 0 : val > 255 ? 255 : val + 0.5);
			}
		}
	g_object_unref(src);
	int rc = save(pb, out, quality);
	g_object_unref(pb);
	return rc;
}

static int
usage(void)
{
	fprintf(stderr, "usage: photogen -w WS.yaml -s SEED -n CARDS [-m photo|scan] "
		"[-W w -H h] [-r dpi] [-q quality] [-f first] [-T tilt] [-k lens]\n"
		"                -o OUT -t TRUTH\n"
		"       photogen -m rescan -i PAGE.png -s SEED [-q quality] -o OUT\n");
	return 64;
}

int
main(int argc, char **argv)
{
	const char *wsfile = NULL, *out = NULL, *truthf = NULL, *mode = "photo";
	const char *page = NULL;
	int ncards = 6, W = 2400, H = 1800, quality = 70, first = 1, c;
	double dpi = 0, maxtilt = 25, lens = 0;
	unsigned long seed = 1;

	while ((c = getopt(argc, argv, "f:H:i:k:m:n:o:q:r:s:t:T:w:W:")) != -1) {
		switch (c) {
		case 'f': first = atoi(optarg); break;
		case 'H': H = atoi(optarg); break;
		case 'i': page = optarg; break;
		case 'k': lens = atof(optarg); break;
		case 'm': mode = optarg; break;
		case 'n': ncards = atoi(optarg); break;
		case 'o': out = optarg; break;
		case 'q': quality = atoi(optarg); break;
		case 'r': dpi = atof(optarg); break;
		case 's': seed = strtoul(optarg, NULL, 10); break;
		case 't': truthf = optarg; break;
		case 'T': maxtilt = atof(optarg); break;
		case 'w': wsfile = optarg; break;
		case 'W': W = atoi(optarg); break;
		default: return usage();
		}
	}
	rng_state = seed * UINT64_C(0x2545F4914F6CDD1D) + 1;
	if (strcmp(mode, "rescan") == 0)
		return page && out ? rescan(page, out, quality) : usage();
	if (!wsfile || !out || !truthf || ncards < 1 || ncards > 16)
		return usage();
	bool scan = strcmp(mode, "scan") == 0;

	struct ul_diags diags;
	struct ul_workshop ws;
	char *err = NULL, *fontdir = ul_datadir_path("fonts");
	ul_diags_init(&diags);
	if (ul_workshop_load(&ws, wsfile, &diags) != 0) {
		ul_diags_print(&diags, stderr, "photogen");
		return 65;
	}
	struct ul_render r = { 0 };
	r.text = ul_text_new(fontdir, ws.theme.font, ws.lang, &err);
	if (!r.text) {
		fprintf(stderr, "photogen: %s\n", err);
		return 70;
	}
	r.ws = &ws;
	r.bleed = 3;
	r.diags = &diags;
	r.file = ws.file;
	r.lang = ws.lang ? ws.lang : "fr";
	const struct ul_deck *deck = NULL;
	for (size_t i = 0; i < ws.ndecks && !deck; i++)
		if (ws.decks[i].kind == UL_DECK_WRITEIN &&
		    ul_qr_template(&ws, &ws.decks[i].qr))
			deck = &ws.decks[i];
	if (!deck) {
		fprintf(stderr, "photogen: no write-in deck with a QR code\n");
		return 65;
	}
	FILE *truth = fopen(truthf, "w");
	if (!truth)
		return 73;

	struct card_img cards[16];
	for (int i = 0; i < ncards; i++)
		make_card(&r, deck, first + i, truth, &cards[i]);
	fclose(truth);

	/* the table or the scanner's glass */
	int cols = ncards <= 4 ? 2 : 3, rows = (ncards + cols - 1) / cols;
	if (scan) {
		double mm = dpi > 0 ? dpi / 25.4 : 150 / 25.4;
		W = (int)lround(210 * mm);
		H = (int)lround(297 * mm);
		cols = 2;
		rows = (ncards + 1) / 2;
	} else if (W < H) {
		int t = cols;
		cols = rows;
		rows = t;
	}
	struct place pl[16];
	for (int i = 0; i < ncards; i++) {
		double cw = (double)W / cols, ch = (double)H / rows;
		double cx = cw * (i % cols + 0.5), cy = ch * (i / cols + 0.5);
		double ang, sc;
		if (scan) {
			ang = urange(-0.03, 0.03);
			sc = dpi > 0 ? dpi / 25.4 / SRC_PX_PER_MM : 150 / 25.4 / SRC_PX_PER_MM;
			cx += urange(-5, 5);
			cy += urange(-5, 5);
		} else {
			ang = urange(0, 2 * M_PI);
			/* as large as the cell allows, turned, with a margin */
			double diag = hypot(cards[i].w, cards[i].h);
			sc = fmin(cw, ch) / diag * urange(0.92, 1.05);
			cx += urange(-0.06, 0.06) * cw;
			cy += urange(-0.06, 0.06) * ch;
		}
		place_set(&pl[i], cx, cy, ang, sc, &cards[i]);
	}

	/* camera: a rotation of up to maxtilt° about an axis in the image plane */
	double Hm[9] = { 1, 0, 0, 0, 1, 0, 0, 0, 1 }, Hi[9];
	if (!scan) {
		double f = 0.9 * (W > H ? W : H), tilt = urange(0.6, 1) * maxtilt * M_PI / 180;
		double ax = urange(0, 2 * M_PI), ux = cos(ax), uy = sin(ax);
		double ct = cos(tilt), st = sin(tilt);
		/* Rodrigues for an axis (ux, uy, 0) */
		double R[9] = {
			ct + ux * ux * (1 - ct), ux * uy * (1 - ct), uy * st,
			uy * ux * (1 - ct), ct + uy * uy * (1 - ct), -ux * st,
			-uy * st, ux * st, ct,
		};
		double K[9] = { f, 0, W / 2.0, 0, f, H / 2.0, 0, 0, 1 }, Ki[9], t[9];
		inv3(K, Ki);
		mul3(R, Ki, t);
		mul3(K, t, Hm);
		/* keep the table's centre at the photo's centre, and fill it */
		double cx = W / 2.0, cy = H / 2.0;
		double w0 = Hm[6] * cx + Hm[7] * cy + Hm[8];
		double px = (Hm[0] * cx + Hm[1] * cy + Hm[2]) / w0;
		double py = (Hm[3] * cx + Hm[4] * cy + Hm[5]) / w0;
		double T[9] = { 1, 0, cx - px, 0, 1, cy - py, 0, 0, 1 };
		mul3(T, Hm, t);
		memcpy(Hm, t, sizeof(t));
		/* every card whole in the photo: step back until they are */
		for (int iter = 0; iter < 20; iter++) {
			bool out = false;
			for (int i = 0; i < ncards && !out; i++)
				for (int k = 0; k < 4; k++) {
					double u = (k & 1) ? cards[i].w : 0;
					double v = (k & 2) ? cards[i].h : 0;
					double X = pl[i].a * u + pl[i].b * v + pl[i].tx;
					double Y = pl[i].c * u + pl[i].d * v + pl[i].ty;
					double w = Hm[6] * X + Hm[7] * Y + Hm[8];
					double x = (Hm[0] * X + Hm[1] * Y + Hm[2]) / w;
					double y = (Hm[3] * X + Hm[4] * Y + Hm[5]) / w;
					out |= x < 2 || y < 2 || x > W - 3 || y > H - 3;
				}
			if (!out)
				break;
			double S[9] = { 0.95, 0, cx * 0.05, 0, 0.95, cy * 0.05, 0, 0, 1 };
			mul3(S, Hm, t);
			memcpy(Hm, t, sizeof(t));
		}
	}
	inv3(Hm, Hi);	/* photo → table */

	/* shadow: a soft-edged half-plane; light: a gentle gradient */
	double sa = urange(0, 2 * M_PI), so = urange(-0.2, 0.3) * W;
	double sdark = scan ? 1 : urange(0.55, 0.75);
	double gx = urange(-0.25, 0.25) / W, gy = urange(-0.25, 0.25) / H;
	float *img = ul_xmalloc((size_t)W * H * 3 * sizeof(float));
	/* a table's grain: a few random waves */
	double wf[6][3];
	for (int k = 0; k < 6; k++) {
		wf[k][0] = urange(0.002, 0.05);
		wf[k][1] = urange(0, 2 * M_PI);
		wf[k][2] = urange(0, 2 * M_PI);
	}
	double base[3] = { urange(90, 170), urange(70, 130), urange(40, 100) };
	/*
	 * The waves' and the shadow's directions, once: per pixel they were
	 * a quarter of a photo's time (the same values, so the same photos).
	 */
	double wcos[6], wsin[6], csa = cos(sa), ssa = sin(sa);
	for (int k = 0; k < 6; k++) {
		wcos[k] = cos(wf[k][1]);
		wsin[k] = sin(wf[k][1]);
	}
	double hd = hypot(W / 2.0, H / 2.0);
	for (int y = 0; y < H; y++)
		for (int x = 0; x < W; x++) {
			/* a lens that bends lines: k r², r 1 at the corners */
			double lx = x, ly = y;
			if (lens != 0) {
				double ux = (x - W / 2.0) / hd, uy = (y - H / 2.0) / hd;
				double f = 1 + lens * (ux * ux + uy * uy);
				lx = W / 2.0 + ux * hd * f;
				ly = H / 2.0 + uy * hd * f;
			}
			double w = Hi[6] * lx + Hi[7] * ly + Hi[8];
			double tx = (Hi[0] * lx + Hi[1] * ly + Hi[2]) / w;
			double ty = (Hi[3] * lx + Hi[4] * ly + Hi[5]) / w;
			double rgb[3];
			bool hit = false;
			for (int i = ncards - 1; i >= 0 && !hit; i--) {
				const struct place *p = &pl[i];
				if (tx < p->x0 || tx > p->x1 || ty < p->y0 || ty > p->y1)
					continue;
				double u = p->ia * (tx - p->tx) + p->ib * (ty - p->ty);
				double v = p->ic * (tx - p->tx) + p->id * (ty - p->ty);
				const struct card_img *ci = &cards[i];
				if (u < 0 || v < 0 || u > ci->w - 1 || v > ci->h - 1)
					continue;
				int u0 = (int)u, v0 = (int)v;
				int u1 = u0 + 1 < ci->w ? u0 + 1 : u0;
				int v1 = v0 + 1 < ci->h ? v0 + 1 : v0;
				double fu = u - u0, fv = v - v0;
				for (int k = 0; k < 3; k++) {
					double a = ci->rgb[((size_t)v0 * ci->w + u0) * 3 + k];
					double b = ci->rgb[((size_t)v0 * ci->w + u1) * 3 + k];
					double cc = ci->rgb[((size_t)v1 * ci->w + u0) * 3 + k];
					double d = ci->rgb[((size_t)v1 * ci->w + u1) * 3 + k];
					rgb[k] = (a + (b - a) * fu) * (1 - fv) +
						 (cc + (d - cc) * fu) * fv;
				}
				hit = true;
			}
			if (!hit) {
				if (scan) {
					rgb[0] = rgb[1] = rgb[2] = 250;
				} else {
					double g = 0;
					for (int k = 0; k < 6; k++)
						g += sin(tx * wf[k][0] * wcos[k] +
							 ty * wf[k][0] * wsin[k] * 0.2 +
							 wf[k][2]);
					for (int k = 0; k < 3; k++)
						rgb[k] = base[k] * (1 + 0.12 * g / 6 * 3);
				}
			}
			double light = 1 + gx * (x - W / 2.0) + gy * (y - H / 2.0);
			double dist = x * csa + y * ssa - W / 2.0 - so;
			double sh = 1 - (1 - sdark) / (1 + exp(-dist / (0.01 * W)));
			for (int k = 0; k < 3; k++)
				img[((size_t)y * W + x) * 3 + k] = (float)(rgb[k] * light * sh);
		}

	/* blur (a 3-tap binomial, once or twice), noise, 8 bits */
	int passes = scan ? 1 : 1 + (int)(rnd() * 2);
	float *tmp = ul_xmalloc((size_t)W * H * 3 * sizeof(float));
	for (int p = 0; p < passes; p++) {
		for (int y = 0; y < H; y++)
			for (int x = 0; x < W; x++)
				for (int k = 0; k < 3; k++) {
					int xa = x > 0 ? x - 1 : x, xb = x < W - 1 ? x + 1 : x;
					tmp[((size_t)y * W + x) * 3 + k] =
						0.25f * img[((size_t)y * W + xa) * 3 + k] +
						0.5f * img[((size_t)y * W + x) * 3 + k] +
						0.25f * img[((size_t)y * W + xb) * 3 + k];
				}
		for (int y = 0; y < H; y++)
			for (int x = 0; x < W; x++)
				for (int k = 0; k < 3; k++) {
					int ya = y > 0 ? y - 1 : y, yb = y < H - 1 ? y + 1 : y;
					img[((size_t)y * W + x) * 3 + k] =
						0.25f * tmp[((size_t)ya * W + x) * 3 + k] +
						0.5f * tmp[((size_t)y * W + x) * 3 + k] +
						0.25f * tmp[((size_t)yb * W + x) * 3 + k];
				}
	}
	free(tmp);
	GdkPixbuf *pb = gdk_pixbuf_new(GDK_COLORSPACE_RGB, FALSE, 8, W, H);
	guchar *px = gdk_pixbuf_get_pixels(pb);
	int stride = gdk_pixbuf_get_rowstride(pb);
	double sigma = scan ? 2 : urange(3, 7);
	for (int y = 0; y < H; y++)
		for (int x = 0; x < W; x++) {
			double n = sigma * gauss();
			for (int k = 0; k < 3; k++) {
				double v = img[((size_t)y * W + x) * 3 + k] + n;
				px[(size_t)y * stride + x * 3 + k] =
					(guchar)(v < 0 ? 0 : v > 255 ? 255 : v + 0.5);
			}
		}
	free(img);
	if (save(pb, out, quality) != 0)
		return 74;
	g_object_unref(pb);
	for (int i = 0; i < ncards; i++)
		free(cards[i].rgb);
	ul_workshop_release(&ws);
	ul_text_free(r.text);
	free(fontdir);
	ul_card_cache_release();
	ul_icon_cache_release();
	ul_diags_release(&diags);
	ul_text_shutdown();
	return 0;
}
