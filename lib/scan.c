/* SPDX-License-Identifier: ISC */
/*
 * Card scanner: QR codes found with libzbar on a reduced grey image first
 * (most of the speed on 12-megapixel photos), each code's four corners
 * giving a first homography from the card (crop pixels at UL_SCAN_DPI) to
 * the image; that first guess is extrapolated from a square a quarter of
 * the card wide, so it is refined by matching small patches of the blank
 * card (drawn by lib/card at the crop's resolution) against the warped
 * photo, coarse then fine, and fitting the homography again to every
 * patch that matched. Marks are then read by optical mark reading: the
 * photo, normalised to its own paper white (shadows, uneven light), is
 * compared with the blank, in grey and in each pixel's lightest channel
 * (where coloured print is nearly paper), and only ink darker than
 * anything printed nearby counts. Codes zbar cannot read where they lie
 * are found by their finder patterns (lib/qrfinder) and read upright, or
 * redrawn module by module on a grid fitted to their fixed patterns.
 * Owns struct ul_scan; knows nothing of files, CSV or argv, and draws
 * nothing: the geometry and the blank come from lib/card.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <zbar.h>

#include "card.h"
#include "kit.h"
#include "layout.h"
#include "qr.h"
#include "qrfinder.h"
#include "scan.h"
#include "util.h"

#define PX_PER_MM (UL_SCAN_DPI / 25.4)

/*
 * Marks, in mm² of ink inside a circle's reach: a ring drawn around a
 * 6.5 mm circle is about 12 mm², a cross 3 to 8 (much of it falls on the
 * printed circle and digit, which never count), a dot 2 mm²; an unmarked
 * circle measures under 0.5 in the test photos. Under the faint level it
 * is noise, a smudge or a stray stroke of a neighbour; a mark with little
 * dark ink (a light pencil, a pen running dry) is faint.
 */
#define MARK_INK 2.0
#define FAINT_INK 0.9
/*
 * A mark in pen: this much of it (mm²) well darker than the paper. A
 * ring drawn over or beside a printed circle, on a far card, has most of
 * its ink masked by the circle's own (in JPEG's coarse colour, the
 * lightest channel does not tell them apart): over 150 sweep photos the
 * clear marks measured from 0 to 40, under 0.5 nine times in 850, under
 * 0.1 three times; the light marks never had any.
 */
#define DARK_INK 0.1
/*
 * Inside a tick box, darkening past LIGHT_FLOOR summed (mm² at full
 * darkness): an empty box measures under 0.07 in clean photos (JPEG and
 * sensor noise), a light grey check mark 0.12 and more; a box must
 * measure LIGHT_TICK and a share of its grain (paper_noise) more.
 */
#define LIGHT_FLOOR 0.05f
/*
 * A colour print's lightest channel in a photo is not the blank's (the
 * camera's white balance, JPEG's coarser colour): up to this much darker
 * is not ink there.
 */
#define VALUE_SLACK 0.15f
#define LIGHT_TICK 0.06
/* The part of a box's grain (paper_noise) a light tick must be past. */
#define GRAIN_SHARE 0.3

/* A write-in deck the scanner can recognise, and its QR template parsed. */
struct tmpl_part {
	char *lit;		/* literal text before the placeholder */
	char *name;		/* placeholder, NULL for the tail */
};
struct sdeck {
	const struct ul_deck *deck;
	struct tmpl_part *parts;
	size_t nparts;
	char version[8];
};

struct ul_scan {
	struct ul_render *r;
	const struct ul_workshop *ws;
	struct ul_kit kit;	/* which serials exist, each face's boxes */
	struct sdeck *decks;
	size_t ndecks;
	zbar_image_scanner_t *zs;
	bool no_crops;		/* ul_scan_keep_crops(s, false) */
};

/* ---- small linear algebra ----------------------------------------- */

/* Solve the n×n system a·x = b in place (partial pivoting). 0 or -1. */
static int
solve(double *a, double *b, int n)
{
	for (int c = 0; c < n; c++) {
		int p = c;
		for (int r = c + 1; r < n; r++)
			if (fabs(a[r * n + c]) > fabs(a[p * n + c]))
				p = r;
		if (fabs(a[p * n + c]) < 1e-12)
			return -1;
		if (p != c) {
			for (int k = 0; k < n; k++) {
				double t = a[c * n + k];
				a[c * n + k] = a[p * n + k];
				a[p * n + k] = t;
			}
			double t = b[c];
			b[c] = b[p];
			b[p] = t;
		}
		for (int r = c + 1; r < n; r++) {
			double f = a[r * n + c] / a[c * n + c];
			for (int k = c; k < n; k++)
				a[r * n + k] -= f * a[c * n + k];
			b[r] -= f * b[c];
		}
	}
	for (int c = n - 1; c >= 0; c--) {
		double s = b[c];
		for (int k = c + 1; k < n; k++)
			s -= a[c * n + k] * b[k];
		b[c] = s / a[c * n + c];
	}
	return 0;
}

static void
hmap(const double h[9], double x, double y, double *ox, double *oy)
{
	double w = h[6] * x + h[7] * y + h[8];
	*ox = (h[0] * x + h[1] * y + h[2]) / w;
	*oy = (h[3] * x + h[4] * y + h[5]) / w;
}

/* Similarity taking points to mean 0, mean distance √2 (Hartley). */
static void
normaliser(const double *p, const double *wt, int n, double t[3])
{
	double mx = 0, my = 0, d = 0, sw = 0;
	for (int i = 0; i < n; i++) {
		mx += wt[i] * p[2 * i];
		my += wt[i] * p[2 * i + 1];
		sw += wt[i];
	}
	mx /= sw;
	my /= sw;
	for (int i = 0; i < n; i++)
		d += wt[i] * hypot(p[2 * i] - mx, p[2 * i + 1] - my);
	d /= sw;
	t[0] = d > 1e-9 ? M_SQRT2 / d : 1;
	t[1] = mx;
	t[2] = my;
}

/*
 * Least-squares homography taking src to dst (n ≥ 4 points, weights wt),
 * with h[8] = 1, in normalised coordinates. Returns 0 or -1.
 */
static int
hfit(const double *src, const double *dst, const double *wt, int n,
     double h[9])
{
	double ts[3], td[3], a[64] = { 0 }, b[8] = { 0 };

	if (n < 4)
		return -1;
	normaliser(src, wt, n, ts);
	normaliser(dst, wt, n, td);
	for (int i = 0; i < n; i++) {
		double x = (src[2 * i] - ts[1]) * ts[0];
		double y = (src[2 * i + 1] - ts[2]) * ts[0];
		double u = (dst[2 * i] - td[1]) * td[0];
		double v = (dst[2 * i + 1] - td[2]) * td[0];
		double r1[8] = { x, y, 1, 0, 0, 0, -u * x, -u * y };
		double r2[8] = { 0, 0, 0, x, y, 1, -v * x, -v * y };
		for (int j = 0; j < 8; j++) {
			for (int k = 0; k < 8; k++)
				a[j * 8 + k] += wt[i] * (r1[j] * r1[k] +
							  r2[j] * r2[k]);
			b[j] += wt[i] * (r1[j] * u + r2[j] * v);
		}
	}
	if (solve(a, b, 8) != 0)
		return -1;
	/* h = Td⁻¹ · Hn · Ts */
	double hn[9] = { b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], 1 };
	double s = ts[0], sx = ts[1], sy = ts[2];
	double tsm[9] = { s, 0, -s * sx, 0, s, -s * sy, 0, 0, 1 };
	double k = td[0];
	double tdi[9] = { 1 / k, 0, td[1], 0, 1 / k, td[2], 0, 0, 1 };
	double m[9] = { 0 }, o[9] = { 0 };
	for (int i = 0; i < 3; i++)
		for (int j = 0; j < 3; j++)
			for (int l = 0; l < 3; l++)
				m[i * 3 + j] += hn[i * 3 + l] * tsm[l * 3 + j];
	for (int i = 0; i < 3; i++)
		for (int j = 0; j < 3; j++)
			for (int l = 0; l < 3; l++)
				o[i * 3 + j] += tdi[i * 3 + l] * m[l * 3 + j];
	if (fabs(o[8]) < 1e-15)
		return -1;
	for (int i = 0; i < 9; i++)
		h[i] = o[i] / o[8];
	return 0;
}

/* Least-squares affine map (as a homography) taking src to dst. */
static int
afit(const double *src, const double *dst, int n, double h[9])
{
	double a[9] = { 0 }, bx[3] = { 0 }, by[3] = { 0 }, a2[9];

	for (int i = 0; i < n; i++) {
		double r[3] = { src[2 * i], src[2 * i + 1], 1 };
		for (int j = 0; j < 3; j++) {
			for (int k = 0; k < 3; k++)
				a[j * 3 + k] += r[j] * r[k];
			bx[j] += r[j] * dst[2 * i];
			by[j] += r[j] * dst[2 * i + 1];
		}
	}
	memcpy(a2, a, sizeof(a));
	if (solve(a, bx, 3) != 0 || solve(a2, by, 3) != 0)
		return -1;
	double o[9] = { bx[0], bx[1], bx[2], by[0], by[1], by[2], 0, 0, 1 };
	memcpy(h, o, sizeof(o));
	return 0;
}

/* ---- sampling ------------------------------------------------------ */

/* The four pixels around (x, y), and where (x, y) lies between them. */
struct cell {
	int x0, y0, x1, y1;
	float fx, fy;
};

static inline bool
cell_at(const struct ul_image *im, double x, double y, struct cell *c)
{
	if (!(x >= 0 && y >= 0 && x <= im->w - 1 && y <= im->h - 1))
		return false;
	c->x0 = (int)x;
	c->y0 = (int)y;
	c->x1 = c->x0 + 1 < im->w ? c->x0 + 1 : c->x0;
	c->y1 = c->y0 + 1 < im->h ? c->y0 + 1 : c->y0;
	c->fx = (float)(x - c->x0);
	c->fy = (float)(y - c->y0);
	return true;
}

static inline float
bilinear(const struct cell *c, float v00, float v10, float v01, float v11)
{
	float a = v00 + (v10 - v00) * c->fx, b = v01 + (v11 - v01) * c->fx;
	return a + (b - a) * c->fy;
}

/* The image's grey in cell c, bilinear. */
static inline float
grey_in(const struct ul_image *im, const struct cell *c)
{
	const unsigned char *r0 = im->grey + (size_t)c->y0 * im->w;
	const unsigned char *r1 = im->grey + (size_t)c->y1 * im->w;
	return bilinear(c, r0[c->x0], r0[c->x1], r1[c->x0], r1[c->x1]);
}

/* Bilinear grey at (x, y) of the image; -1 outside. */
static inline float
grey_at(const struct ul_image *im, double x, double y)
{
	struct cell c;
	return cell_at(im, x, y, &c) ? grey_in(im, &c) : -1;
}

/* The lightest channel of pixel (x, y) of an RGB image. */
static inline float
value_px(const struct ul_image *im, int x, int y)
{
	const unsigned char *p = im->rgb + ((size_t)y * im->w + x) * 3;
	unsigned char m = p[0] > p[1] ? p[0] : p[1];
	return m > p[2] ? m : p[2];
}

/*
 * The image points of a row of crop pixels (x0, y), (x0 + step, y), …:
 * the homography's three linear terms are stepped along the row, not
 * recomputed, leaving one division a pixel.
 */
struct hwalk {
	double nx, ny, nw;	/* h · (x, y, 1) at the current pixel */
	double dx, dy, dw;	/* their change a step */
};

static inline void
hwalk_start(struct hwalk *wk, const double h[9], double x0, double y,
	    double step)
{
	wk->nx = h[0] * x0 + h[1] * y + h[2];
	wk->ny = h[3] * x0 + h[4] * y + h[5];
	wk->nw = h[6] * x0 + h[7] * y + h[8];
	wk->dx = h[0] * step;
	wk->dy = h[3] * step;
	wk->dw = h[6] * step;
}

static inline void
hwalk_next(struct hwalk *wk, double *x, double *y)
{
	double inv = 1 / wk->nw;
	*x = wk->nx * inv;
	*y = wk->ny * inv;
	wk->nx += wk->dx;
	wk->ny += wk->dy;
	wk->nw += wk->dw;
}

/*
 * Warp the image into a w×h grid whose pixel (i, j) sits at card crop
 * coordinates ((i + 0.5)·step − 0.5, …) mapped through h. Outside the
 * image: -1.
 */
static void
warp_grey(const struct ul_image *im, const double h[9], int w, int hh,
	  double step, float *out)
{
	for (int j = 0; j < hh; j++) {
		struct hwalk wk;
		hwalk_start(&wk, h, 0.5 * step - 0.5, (j + 0.5) * step - 0.5, step);
		for (int i = 0; i < w; i++) {
			double x, y;
			hwalk_next(&wk, &x, &y);
			out[(size_t)j * w + i] = grey_at(im, x, y);
		}
	}
}

/*
 * As warp_grey (step 1), and into value (when the image has colour) each
 * pixel's lightest channel, from the same cells.
 */
static void
warp_grey_value(const struct ul_image *im, const double h[9], int w, int hh,
		float *grey, float *value)
{
	for (int j = 0; j < hh; j++) {
		struct hwalk wk;
		hwalk_start(&wk, h, 0, j, 1);
		for (int i = 0; i < w; i++) {
			size_t o = (size_t)j * w + i;
			double x, y;
			struct cell c;
			hwalk_next(&wk, &x, &y);
			if (!cell_at(im, x, y, &c)) {
				grey[o] = -1;
				if (value)
					value[o] = -1;
				continue;
			}
			grey[o] = grey_in(im, &c);
			if (value)
				value[o] = bilinear(&c, value_px(im, c.x0, c.y0),
						    value_px(im, c.x1, c.y0),
						    value_px(im, c.x0, c.y1),
						    value_px(im, c.x1, c.y1));
		}
	}
}

/*
 * As warp_grey (step 1), the colour crop: bilinear in 8-bit fixed point
 * (weights in 256ths), a pixel being at most one level off the exact
 * mix and twice as fast; the crop is looked at, not measured.
 */
static void
warp_rgb(const struct ul_image *im, const double h[9], int w, int hh,
	 unsigned char *out)
{
	for (int j = 0; j < hh; j++) {
		struct hwalk wk;
		hwalk_start(&wk, h, 0, j, 1);
		for (int i = 0; i < w; i++) {
			double x, y;
			unsigned char *o = out + ((size_t)j * w + i) * 3;
			hwalk_next(&wk, &x, &y);
			struct cell c;
			if (!cell_at(im, x, y, &c)) {
				o[0] = o[1] = o[2] = 128;
				continue;
			}
			const unsigned char *p00 = im->rgb + ((size_t)c.y0 * im->w + c.x0) * 3;
			const unsigned char *p10 = im->rgb + ((size_t)c.y0 * im->w + c.x1) * 3;
			const unsigned char *p01 = im->rgb + ((size_t)c.y1 * im->w + c.x0) * 3;
			const unsigned char *p11 = im->rgb + ((size_t)c.y1 * im->w + c.x1) * 3;
			unsigned ax = (unsigned)(c.fx * 256 + 0.5f);
			unsigned ay = (unsigned)(c.fy * 256 + 0.5f);
			for (int k = 0; k < 3; k++) {
				unsigned top = p00[k] * (256 - ax) + p10[k] * ax;
				unsigned bot = p01[k] * (256 - ax) + p11[k] * ax;
				o[k] = (unsigned char)((top * (256 - ay) + bot * ay +
							(1u << 15)) >> 16);
			}
		}
	}
}

/* ---- the blank card ------------------------------------------------- */

struct blank {
	int w, h;		/* crop pixels */
	float *grey;		/* 0..255 */
	float *value;		/* 0..255: each pixel's lightest channel */
	struct ul_layout lay;	/* mm from the trim's top-left corner */
};

/*
 * The blank card, drawn by lib/card at the crop's resolution, and its
 * boxes from the kit plan (the same code, laying the same face out).
 */
static int
blank_draw(struct ul_scan *s, const struct ul_kit_page *pg,
	   const struct ul_deck *d, struct blank *b)
{
	struct ul_render r = *s->r;
	struct ul_diags scratch;
	struct ul_card_face face = { d, NULL, pg->number, false };
	cairo_surface_t *surf;
	cairo_t *cr;

	memset(&b->lay, 0, sizeof(b->lay));
	b->grey = b->value = NULL;
	/* a face with a layout problem still has its boxes: read them */
	(void)ul_kit_face_layout(s->r, &s->kit, pg, &b->lay);
	if (b->lay.n == 0 || b->lay.w <= 0 || b->lay.h <= 0)
		return -1;
	b->w = (int)lround(b->lay.w * PX_PER_MM);
	b->h = (int)lround(b->lay.h * PX_PER_MM);
	surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, b->w, b->h);
	cr = cairo_create(surf);
	cairo_scale(cr, PX_PER_MM, PX_PER_MM);
	cairo_translate(cr, -pg->bleed, -pg->bleed);
	/* What is wrong with the deck was said when it was printed. */
	ul_diags_init(&scratch);
	r.diags = &scratch;
	r.check = false;
	r.bleed = pg->bleed;
	(void)ul_card_front(&r, &face, cr);
	ul_diags_release(&scratch);
	cairo_destroy(cr);
	cairo_surface_flush(surf);
	if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(surf);
		return -1;
	}
	b->grey = ul_xmalloc((size_t)b->w * b->h * sizeof(float));
	b->value = ul_xmalloc((size_t)b->w * b->h * sizeof(float));
	const unsigned char *px = cairo_image_surface_get_data(surf);
	int stride = cairo_image_surface_get_stride(surf);
	for (int y = 0; y < b->h; y++) {
		const uint32_t *row = (const uint32_t *)(px + (size_t)y * stride);
		for (int x = 0; x < b->w; x++) {
			uint32_t p = row[x];
			unsigned r = p >> 16 & 255, g = p >> 8 & 255, bb = p & 255;
			b->grey[(size_t)y * b->w + x] =
				(float)(0.299 * r + 0.587 * g + 0.114 * bb);
			b->value[(size_t)y * b->w + x] =
				(float)(r > g ? (r > bb ? r : bb) : (g > bb ? g : bb));
		}
	}
	cairo_surface_destroy(surf);
	return 0;
}

static void
blank_release(struct blank *b)
{
	free(b->grey);
	free(b->value);
	ul_layout_release(&b->lay);
}

/* A box of the layout in crop pixels. */
static void
box_px(const struct blank *b, const struct ul_box *bx, double *x,
       double *y, double *w, double *h)
{
	(void)b;
	*x = bx->x * PX_PER_MM;
	*y = bx->y * PX_PER_MM;
	*w = bx->w * PX_PER_MM;
	*h = bx->h * PX_PER_MM;
}

/* ---- registration ----------------------------------------------------- */

/* Halve a float plane (2×2 mean); negative (outside) wins. */
static float *
halve(const float *src, int w, int h, int *ow, int *oh)
{
	int w2 = w / 2, h2 = h / 2;
	float *o = ul_xmalloc((size_t)(w2 > 0 ? w2 : 1) * (h2 > 0 ? h2 : 1) *
			      sizeof(float));
	for (int y = 0; y < h2; y++)
		for (int x = 0; x < w2; x++) {
			const float *a = src + (size_t)(2 * y) * w + 2 * x;
			const float *b = a + w;
			if (a[0] < 0 || a[1] < 0 || b[0] < 0 || b[1] < 0)
				o[(size_t)y * w2 + x] = -1;
			else
				o[(size_t)y * w2 + x] = (a[0] + a[1] + b[0] + b[1]) / 4;
		}
	*ow = w2;
	*oh = h2;
	return o;
}

struct match {
	double bx, by;		/* in the blank */
	double wx, wy;		/* where it was found in the warp */
	double score;
};

/*
 * Where the blank's patch centred at (cx, cy), p pixels wide, best
 * matches the warp within ±r pixels: normalised cross-correlation, peak
 * refined to a fraction of a pixel. Returns the score (−1 when none).
 */
static double
ncc_search(const float *bl, const float *wp, int w, int h, int cx, int cy,
	   int p, int r, double *dx, double *dy)
{
	int half = p / 2, n = p * p, side = 2 * r + 1;
	double pm = 0, pv = 0;
	double *sc = ul_xmalloc((size_t)side * side * sizeof(double));
	double best = -2;
	int bi = -1;

	for (int y = -half; y < half; y++)
		for (int x = -half; x < half; x++)
			pm += bl[(size_t)(cy + y) * w + cx + x];
	pm /= n;
	for (int y = -half; y < half; y++)
		for (int x = -half; x < half; x++) {
			double v = bl[(size_t)(cy + y) * w + cx + x] - pm;
			pv += v * v;
		}
	for (int oy = -r; oy <= r; oy++)
		for (int ox = -r; ox <= r; ox++) {
			int k = (oy + r) * side + ox + r;
			double sw = 0, sww = 0, swp = 0;
			bool out = false;
			sc[k] = -2;
			if (cy + oy - half < 0 || cy + oy + half > h ||
			    cx + ox - half < 0 || cx + ox + half > w)
				continue;
			for (int y = -half; y < half && !out; y++) {
				const float *wr = wp + (size_t)(cy + oy + y) * w +
						  cx + ox;
				const float *br = bl + (size_t)(cy + y) * w + cx;
				for (int x = -half; x < half; x++) {
					double v = wr[x];
					if (v < 0) {
						out = true;
						break;
					}
					sw += v;
					sww += v * v;
					swp += v * (br[x] - pm);
				}
			}
			if (out)
				continue;
			double var = sww - sw * sw / n;
			if (var <= 1e-6 || pv <= 1e-6)
				continue;
			sc[k] = swp / sqrt(var * pv);
			if (sc[k] > best) {
				best = sc[k];
				bi = k;
			}
		}
	if (bi < 0) {
		free(sc);
		return -1;
	}
	int by = bi / side, bx = bi % side;
	double fx = 0, fy = 0;
	if (bx > 0 && bx < side - 1 && sc[bi - 1] > -2 && sc[bi + 1] > -2) {
		double a = sc[bi - 1], c = sc[bi + 1], d = a - 2 * best + c;
		if (d < 0)
			fx = 0.5 * (a - c) / d;
	}
	if (by > 0 && by < side - 1 && sc[bi - side] > -2 && sc[bi + side] > -2) {
		double a = sc[bi - side], c = sc[bi + side], d = a - 2 * best + c;
		if (d < 0)
			fy = 0.5 * (a - c) / d;
	}
	*dx = bx - r + fx;
	*dy = by - r + fy;
	free(sc);
	return best;
}

/*
 * Patches worth matching: in each cell of a grid over the card, the
 * window whose weaker gradient direction is strongest (a corner, a
 * letter, a circle: never a lone straight line, which slides along
 * itself).
 */
static size_t
pick_patches(const float *bl, int w, int h, int p, int margin, int cols,
	     int rows, int *xy)
{
	size_t n = 0;
	int half = p / 2, step = p / 4 > 1 ? p / 4 : 1;

	for (int gy = 0; gy < rows; gy++)
		for (int gx = 0; gx < cols; gx++) {
			int x0 = margin + gx * (w - 2 * margin) / cols;
			int x1 = margin + (gx + 1) * (w - 2 * margin) / cols;
			int y0 = margin + gy * (h - 2 * margin) / rows;
			int y1 = margin + (gy + 1) * (h - 2 * margin) / rows;
			double best = 0;
			int bx = -1, by = -1;
			for (int cy = y0; cy < y1; cy += step)
				for (int cx = x0; cx < x1; cx += step) {
					double sxx = 0, syy = 0, sxy = 0;
					for (int y = cy - half + 1; y < cy + half - 1; y += 2)
						for (int x = cx - half + 1; x < cx + half - 1; x += 2) {
							const float *q = bl + (size_t)y * w + x;
							double gx2 = q[1] - q[-1];
							double gy2 = q[w] - q[-w];
							sxx += gx2 * gx2;
							syy += gy2 * gy2;
							sxy += gx2 * gy2;
						}
					double tr = sxx + syy;
					double det = sxx * syy - sxy * sxy;
					double lmin = tr / 2 - sqrt(fmax(0, tr * tr / 4 - det));
					if (lmin > best) {
						best = lmin;
						bx = cx;
						by = cy;
					}
				}
			/* flat paper, or a band of one colour: nothing to hold */
			if (bx >= 0 && best > 2000.0 * p * p / 64) {
				xy[2 * n] = bx;
				xy[2 * n + 1] = by;
				n++;
			}
		}
	return n;
}

/*
 * One refinement level: the blank and the photo warped through h, both
 * at 1/scale of the crop's resolution; patches of p pixels searched
 * within ±r. Adds the correspondences (crop pixels → image pixels) to
 * src/dst. Returns how many.
 */
static int
refine_level(const struct ul_image *im, const struct blank *b, const double h[9],
	     int scale, int p, int r, double *src, double *dst, double *wt,
	     int max, double *score_sum)
{
	int w = b->w, hh = b->h, lw = w, lh = hh;
	float *bl = NULL, *wp;
	int xy[2 * 64];
	int n = 0;

	/* The blank at this level */
	if (scale == 1) {
		bl = ul_xmalloc((size_t)w * hh * sizeof(float));
		memcpy(bl, b->grey, (size_t)w * hh * sizeof(float));
	} else {
		float *cur = b->grey;
		int cw = w, ch = hh;
		for (int s = 1; s < scale; s *= 2) {
			float *nx = halve(cur, cw, ch, &cw, &ch);
			if (cur != b->grey)
				free(cur);
			cur = nx;
		}
		bl = cur;
		lw = cw;
		lh = ch;
	}
	wp = ul_xmalloc((size_t)lw * lh * sizeof(float));
	warp_grey(im, h, lw, lh, scale, wp);
	size_t np = pick_patches(bl, lw, lh, p, r + p / 2 + 1, 6, 8, xy);
	*score_sum = 0;
	for (size_t i = 0; i < np && n < max; i++) {
		double dx, dy;
		double sc = ncc_search(bl, wp, lw, lh, xy[2 * i], xy[2 * i + 1], p,
				       r, &dx, &dy);
		if (sc < 0.5)
			continue;
		double bx = (xy[2 * i] + 0.5) * scale - 0.5;
		double by = (xy[2 * i + 1] + 0.5) * scale - 0.5;
		double fx = (xy[2 * i] + dx + 0.5) * scale - 0.5;
		double fy = (xy[2 * i + 1] + dy + 0.5) * scale - 0.5;
		src[2 * n] = bx;
		src[2 * n + 1] = by;
		hmap(h, fx, fy, &dst[2 * n], &dst[2 * n + 1]);
		wt[n] = sc * sc;
		*score_sum += sc;
		n++;
	}
	free(bl);
	free(wp);
	return n;
}

/*
 * Fit h to the correspondences, dropping those the fit does not explain
 * (a patch that locked onto handwriting or onto a neighbour card).
 * Returns the RMS residual in image pixels of what was kept, or -1.
 */
static double
robust_fit(double *src, double *dst, double *wt, int n, double h[9])
{
	double t[9];
	double rms = -1;

	for (int iter = 0; iter < 4; iter++) {
		int k = 0;
		for (int i = 0; i < n; i++)
			k += wt[i] > 0;
		if (k < 6 || hfit(src, dst, wt, n, t) != 0)
			return rms;
		double res[128], sorted[128], sum = 0;
		int m = 0;
		for (int i = 0; i < n; i++) {
			double x, y;
			hmap(t, src[2 * i], src[2 * i + 1], &x, &y);
			res[i] = hypot(x - dst[2 * i], y - dst[2 * i + 1]);
			if (wt[i] > 0) {
				sorted[m++] = res[i];
				sum += res[i] * res[i];
			}
		}
		for (int i = 1; i < m; i++)
			for (int j = i; j > 0 && sorted[j - 1] > sorted[j]; j--) {
				double s = sorted[j];
				sorted[j] = sorted[j - 1];
				sorted[j - 1] = s;
			}
		memcpy(h, t, sizeof(t));
		rms = sqrt(sum / m);
		double cut = fmax(1.5, 3 * sorted[m / 2]);
		int dropped = 0;
		for (int i = 0; i < n; i++)
			if (wt[i] > 0 && res[i] > cut) {
				wt[i] = 0;
				dropped++;
			}
		if (!dropped)
			break;
	}
	return rms;
}

/* ---- marks ------------------------------------------------------------ */

/*
 * The paper's white around every pixel of the warp: the brightest of
 * smoothed values where the blank is paper, per block of 8 pixels, then
 * the brightest around each block, interpolated. A shadow or a lamp's
 * fall-off changes slowly; ink does not reach across blocks.
 */
#define PAPER_FLAT 8	/* grey levels across a flat 3 × 3 of the blank */
static float *
paper_white(const float *wp, const float *bl, int w, int h)
{
	const int B = 8;
	int bw = (w + B - 1) / B, bh = (h + B - 1) / B;
	float *blk = ul_xcalloc((size_t)bw * bh, sizeof(float));
	float *blk2 = ul_xcalloc((size_t)bw * bh, sizeof(float));
	float *white = ul_xmalloc((size_t)w * h * sizeof(float));

	for (int y = 1; y < h - 1; y++)
		for (int x = 1; x < w - 1; x++) {
			size_t i = (size_t)y * w + x;
			if (bl[i] < 200 || wp[i] < 0)
				continue;
			float s = 0, lo = 255, hi = 0;
			bool out = false;
			for (int k = -1; k <= 1; k++)
				for (int j = -1; j <= 1; j++) {
					size_t o = i + (size_t)(k * w) + j;
					out |= wp[o] < 0;
					s += wp[o];
					lo = bl[o] < lo ? bl[o] : lo;
					hi = bl[o] > hi ? bl[o] : hi;
				}
			/*
			 * Only where the blank is flat: beside a printed edge, a
			 * photo a few pixels off shows paper where the blank is
			 * already grey, and paper would be taken for brighter
			 * than it is.
			 */
			if (out || hi - lo > PAPER_FLAT)
				continue;
			s /= 9 * (bl[i] / 255.0f);
			float *m = &blk[(y / B) * bw + x / B];
			if (s > *m)
				*m = s;
		}
	for (int by = 0; by < bh; by++)
		for (int bx = 0; bx < bw; bx++) {
			float m = 0;
			for (int k = -2; k <= 2; k++)
				for (int j = -2; j <= 2; j++) {
					int yy = by + k, xx = bx + j;
					if (yy >= 0 && yy < bh && xx >= 0 && xx < bw &&
					    blk[yy * bw + xx] > m)
						m = blk[yy * bw + xx];
				}
			blk2[by * bw + bx] = m;
		}
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			double fx = (x + 0.5) / B - 0.5, fy = (y + 0.5) / B - 0.5;
			int x0 = (int)floor(fx), y0 = (int)floor(fy);
			double ax = fx - x0, ay = fy - y0;
			int x1 = x0 + 1, y1 = y0 + 1;
			x0 = x0 < 0 ? 0 : x0 >= bw ? bw - 1 : x0;
			x1 = x1 < 0 ? 0 : x1 >= bw ? bw - 1 : x1;
			y0 = y0 < 0 ? 0 : y0 >= bh ? bh - 1 : y0;
			y1 = y1 < 0 ? 0 : y1 >= bh ? bh - 1 : y1;
			double v = (blk2[y0 * bw + x0] * (1 - ax) + blk2[y0 * bw + x1] * ax) * (1 - ay) +
				   (blk2[y1 * bw + x0] * (1 - ax) + blk2[y1 * bw + x1] * ax) * ay;
			white[(size_t)y * w + x] = (float)(v > 20 ? v : 20);
		}
	free(blk);
	free(blk2);
	return white;
}

/* Box blur of radius r, in place, along rows then columns. */
static void
box_blur(float *v, int w, int h, int r)
{
	float *t = ul_xmalloc((size_t)w * sizeof(float));

	for (int y = 0; y < h; y++) {
		float *row = v + (size_t)y * w;
		for (int x = 0; x < w; x++) {
			float s = 0;
			int n = 0;
			for (int k = x - r; k <= x + r; k++)
				if (k >= 0 && k < w) {
					s += row[k];
					n++;
				}
			t[x] = s / n;
		}
		memcpy(row, t, (size_t)w * sizeof(float));
	}
	free(t);
	/*
	 * Down the columns a row at a time, in memory order (a column's
	 * walk touches a cache line a pixel); the sums are the same, in the
	 * same order.
	 */
	float *out = ul_xmalloc((size_t)w * h * sizeof(float));
	for (int y = 0; y < h; y++) {
		float *o = out + (size_t)y * w;
		int lo = y - r < 0 ? 0 : y - r, hi = y + r >= h ? h - 1 : y + r;
		memcpy(o, v + (size_t)lo * w, (size_t)w * sizeof(float));
		for (int k = lo + 1; k <= hi; k++) {
			const float *row = v + (size_t)k * w;
			for (int x = 0; x < w; x++)
				o[x] += row[x];
		}
		float n = (float)(hi - lo + 1);
		for (int x = 0; x < w; x++)
			o[x] /= n;
	}
	memcpy(v, out, (size_t)w * h * sizeof(float));
	free(out);
}

/*
 * Ink at each pixel: how much darker the photo (relative to its paper)
 * is than the darkest the printed card could look there: the blank,
 * blurred as much as the photo is (a phone's optics, the crop's
 * enlargement: blur radius br), then the darkest within ±t pixels (the
 * registration's error). So printed circles and digits, their blurred
 * halos and a little misregistration never count. 0..1; -1 outside.
 */
static float *
ink_map(const float *wp, const float *bl, const float *white, int w, int h,
	int t, int br)
{
	float *bb = ul_xmalloc((size_t)w * h * sizeof(float));
	float *mn = ul_xmalloc((size_t)w * h * sizeof(float));
	float *row = ul_xmalloc((size_t)w * h * sizeof(float));
	float *ink = ul_xmalloc((size_t)w * h * sizeof(float));

	/*
	 * The darkest of the blank as drawn (sharp strokes, where the photo
	 * is sharp) and blurred (their halos, where it is not).
	 */
	memcpy(bb, bl, (size_t)w * h * sizeof(float));
	box_blur(bb, w, h, br);
	box_blur(bb, w, h, br);
	for (size_t i = 0; i < (size_t)w * h; i++)
		if (bl[i] < bb[i])
			bb[i] = bl[i];
	/* separable minimum filter */
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			float m = 255;
			for (int k = x - t; k <= x + t; k++)
				if (k >= 0 && k < w && bb[(size_t)y * w + k] < m)
					m = bb[(size_t)y * w + k];
			row[(size_t)y * w + x] = m;
		}
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			float m = 255;
			for (int k = y - t; k <= y + t; k++)
				if (k >= 0 && k < h && row[(size_t)k * w + x] < m)
					m = row[(size_t)k * w + x];
			mn[(size_t)y * w + x] = m;
		}
	for (size_t i = 0; i < (size_t)w * h; i++) {
		if (wp[i] < 0) {
			ink[i] = -1;
			continue;
		}
		float v = wp[i] / white[i];
		float d = mn[i] / 255.0f - v;
		ink[i] = d < 0 ? 0 : d > 1 ? 1 : d;
	}
	free(bb);
	free(mn);
	free(row);
	return ink;
}

/*
 * Ink of a pixel: fully past 0.35 of darkening, in part from 0.15; dark
 * counts the pixels fully past. Returns false outside the image.
 */
/*
 * How much a photo's grain alone darkens its blank paper past
 * LIGHT_FLOOR, on average per pixel (ink map w × h, blank bl): marks
 * are a few percent of the paper at most, and move it little.
 */
static float
paper_noise(const float *ink, const float *bl, int w, int h)
{
	double sum = 0;
	size_t n = 0;

	for (size_t i = 0; i < (size_t)w * h; i++)
		if (bl[i] >= 250 && ink[i] >= 0) {
			if (ink[i] > LIGHT_FLOOR)
				sum += ink[i] - LIGHT_FLOOR;
			n++;
		}
	return n ? (float)(sum / n) : 0;
}

static bool
ink_at(const float *ink, int w, int h, int x, int y, double *sum, double *dark)
{
	if (x < 0 || y < 0 || x >= w || y >= h)
		return false;
	float v = ink[(size_t)y * w + x];
	if (v < 0)
		return false;
	if (v >= 0.35f)
		*sum += 1, *dark += 1;
	else if (v > 0.15f)
		*sum += (v - 0.15) / 0.2;
	return true;
}

/* A mark's strength from its ink and dark ink (mm²): 2 clear, 1 faint, 0 none. */
static int
strength(double ink, double dark)
{
	return ink >= MARK_INK && dark >= DARK_INK ? 2 : ink >= FAINT_INK ? 1 : 0;
}

/*
 * What n circles or boxes of which one is expected to be marked show,
 * from the strength st of each and sc->ink: none, one clear, one faint,
 * or several (two marks, or a mark and a lighter one: which was meant?).
 * Sets mark and value (and second) as a scale gives them; for tick boxes
 * their bits too.
 */
static void
one_of(struct ul_scan_field *sc, const int *st, int n, bool hidden)
{
	int nclear = 0, nfaint = 0, a = -1, c = -1;

	for (int k = 0; k < n; k++) {
		nclear += st[k] == 2;
		nfaint += st[k] == 1;
		if (st[k] == 2)
			sc->ticked |= 1u << k;
		else if (st[k] == 1)
			sc->faint |= 1u << k;
		if (a < 0 || sc->ink[k] > sc->ink[a]) {
			c = a;
			a = k;
		} else if (c < 0 || sc->ink[k] > sc->ink[c]) {
			c = k;
		}
	}
	if (hidden) {
		sc->mark = UL_MARK_HIDDEN;
	} else if (nclear + nfaint == 0) {
		sc->mark = UL_MARK_NONE;
	} else if (nclear >= 2 || (nclear == 0 && nfaint >= 2) ||
		   (nclear == 1 && nfaint >= 1 && sc->ink[c] > 0.15 * sc->ink[a])) {
		sc->mark = UL_MARK_SEVERAL;
		sc->value = a + 1;
		sc->second = c + 1;
	} else {
		sc->mark = nclear == 0 ? UL_MARK_FAINT : UL_MARK_ONE;
		sc->value = a + 1;
	}
}

/*
 * Read one scale: the ink within each circle's reach (its radius and a
 * half more, never past half-way to the next circle), in mm² (ink_at).
 */
static void
read_scale(const float *ink, int w, int h, int oy, const struct blank *b,
	   int field, struct ul_scan_field *sc)
{
	double cx[10], cy[10], rad[10], dk[10], step = 1e9;
	int st[10];
	int n = 0;
	bool hidden = false;

	memset(sc, 0, sizeof(*sc));
	sc->field = field;
	for (size_t i = 0; i < b->lay.n && n < 10; i++) {
		const struct ul_box *bx = &b->lay.v[i];
		double x, y, ww, hh;
		if (bx->kind != UL_BOX_CIRCLE || bx->field != field)
			continue;
		box_px(b, bx, &x, &y, &ww, &hh);
		cx[n] = x + ww / 2;
		cy[n] = y + hh / 2 - oy;
		rad[n] = ww / 2;
		if (n > 0 && fabs(cx[n] - cx[n - 1]) < step)
			step = fabs(cx[n] - cx[n - 1]);
		n++;
	}
	for (int k = 0; k < n; k++) {
		double reach = fmin(rad[k] * 1.5, step / 2 - 1);
		double sum = 0, dark = 0;
		int r = (int)ceil(reach);
		for (int y = (int)cy[k] - r; y <= (int)cy[k] + r; y++)
			for (int x = (int)cx[k] - r; x <= (int)cx[k] + r; x++) {
				if (hypot(x - cx[k], y - cy[k]) <= reach &&
				    !ink_at(ink, w, h, x, y, &sum, &dark))
					hidden = true;
			}
		sc->ink[k] = sum / (PX_PER_MM * PX_PER_MM);
		dk[k] = dark / (PX_PER_MM * PX_PER_MM);
	}
	for (int k = 0; k < n; k++)
		st[k] = strength(sc->ink[k], dk[k]);
	one_of(sc, st, n, hidden);
}

/*
 * Read a field's tick boxes: the ink within each box and a margin around
 * it (a tick's strokes run past its box: a third of the side across, but
 * only half the gap to the next row down or up), the box's own outline
 * never counting (the blank has it). Clear and faint marks as for a
 * scale; with choose_one the field reads like a scale, else any number
 * of clear marks is a clean reading.
 */
static void
read_ticks(const float *ink, int w, int h, int oy, const struct blank *b,
	   int field, bool choose_one, float noise, struct ul_scan_field *sc)
{
	double dk[10] = { 0 };
	int st[10] = { 0 };
	bool hidden = false;
	int n = 0;

	memset(sc, 0, sizeof(*sc));
	sc->field = field;
	sc->ticks = true;
	for (size_t i = 0; i < b->lay.n; i++) {
		const struct ul_box *bx = &b->lay.v[i];
		double x, y, ww, hh, sum = 0, dark = 0;
		int k = bx->number - 1;
		if (bx->kind != UL_BOX_TICK || bx->field != field || k < 0 ||
		    k >= (int)UL_NELEM(sc->ink))
			continue;
		box_px(b, bx, &x, &y, &ww, &hh);
		double mx = ww / 3, my = 0.5 * PX_PER_MM;
		for (int py = (int)floor(y - my); py <= (int)ceil(y + hh + my); py++)
			for (int px = (int)floor(x - mx); px <= (int)ceil(x + ww + mx); px++)
				if (!ink_at(ink, w, h, px, py - oy, &sum, &dark))
					hidden = true;
		sc->ink[k] = sum / (PX_PER_MM * PX_PER_MM);
		dk[k] = dark / (PX_PER_MM * PX_PER_MM);
		n = k + 1 > n ? k + 1 : n;
		/*
		 * A light tick (a pen running dry, a pencil) draws little
		 * ink past the levels above: inside the box, away from its
		 * outline, the paper is clean enough to see any darkening.
		 */
		double li = 0, in = 0.4 * PX_PER_MM;
		int npx = 0;
		for (int py = (int)ceil(y + in); py <= (int)floor(y + hh - in); py++)
			for (int px = (int)ceil(x + in); px <= (int)floor(x + ww - in); px++) {
				int yy = py - oy;
				if (px >= 0 && yy >= 0 && px < w && yy < h &&
				    ink[(size_t)yy * w + px] > LIGHT_FLOOR)
					li += ink[(size_t)yy * w + px] - LIGHT_FLOOR;
				npx++;
			}
		st[k] = strength(sc->ink[k], dk[k]);
		/*
		 * A grainy photo darkens an empty box past LIGHT_FLOOR here
		 * and there too, in proportion to its paper's grain
		 * (paper_noise). Over 150 photos of tools/scan-sweep (5,539
		 * empty boxes, 140 light ticks), LIGHT_TICK alone (then 0.09)
		 * flagged 4.1% of the empty boxes and let 2 light ticks by;
		 * a little less and 0.3 of the grain flag 1.7% and let 4 by,
		 * all four no darker than the grain around them.
		 */
		li /= PX_PER_MM * PX_PER_MM;
		double grain = noise * npx / (PX_PER_MM * PX_PER_MM);
		if (st[k] == 0 && li >= LIGHT_TICK + GRAIN_SHARE * grain)
			st[k] = 1;
	}
	if (choose_one) {
		one_of(sc, st, n, hidden);
		return;
	}
	for (int k = 0; k < n; k++) {
		if (st[k] == 2)
			sc->ticked |= 1u << k;
		else if (st[k] == 1)
			sc->faint |= 1u << k;
	}
	sc->mark = hidden ? UL_MARK_HIDDEN :
		   sc->faint ? UL_MARK_FAINT :
		   sc->ticked ? UL_MARK_ONE : UL_MARK_NONE;
}

/* ---- QR payloads -------------------------------------------------------- */

static int
hexval(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
	       c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static char *
pct_decode(const char *s, size_t n)
{
	char *o = ul_xmalloc(n + 1), *q = o;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n &&
		    hexval((unsigned char)s[i + 1]) >= 0 &&
		    hexval((unsigned char)s[i + 2]) >= 0) {
			*q++ = (char)(hexval((unsigned char)s[i + 1]) * 16 +
				      hexval((unsigned char)s[i + 2]));
			i += 2;
		} else {
			*q++ = s[i];
		}
	}
	*q = 0;
	return o;
}

static void
tmpl_parse(const char *t, struct sdeck *sd)
{
	const char *p = t;
	for (;;) {
		const char *o = strchr(p, '{');
		const char *c = o ? strchr(o, '}') : NULL;
		sd->parts = ul_xreallocarray(sd->parts, sd->nparts + 1,
					     sizeof(*sd->parts));
		if (!o || !c) {
			sd->parts[sd->nparts++] = (struct tmpl_part){
				ul_xstrdup(p), NULL };
			return;
		}
		sd->parts[sd->nparts++] = (struct tmpl_part){
			ul_xstrndup(p, (size_t)(o - p)),
			ul_xstrndup(o + 1, (size_t)(c - o - 1)) };
		p = c + 1;
	}
}

/* The values a payload gives the template's placeholders. */
struct qvals {
	char *workshop, *deck, *serial, *version;
};

static void
qvals_release(struct qvals *v)
{
	free(v->workshop);
	free(v->deck);
	free(v->serial);
	free(v->version);
	memset(v, 0, sizeof(*v));
}

/*
 * Match a payload against a parsed template: literals exactly, each
 * placeholder up to where the next literal starts (values are
 * percent-encoded, so they never hold the template's own '/' or '?').
 */
static bool
tmpl_match(const struct sdeck *sd, const char *s, struct qvals *v)
{
	memset(v, 0, sizeof(*v));
	for (size_t i = 0; i < sd->nparts; i++) {
		const struct tmpl_part *tp = &sd->parts[i];
		size_t ll = strlen(tp->lit);
		if (strncmp(s, tp->lit, ll) != 0)
			goto fail;
		s += ll;
		if (!tp->name) {
			if (*s)
				goto fail;
			return true;
		}
		const char *next = i + 1 < sd->nparts ? sd->parts[i + 1].lit : "";
		const char *end = *next ? strstr(s, next) : s + strlen(s);
		if (!end || end == s)
			goto fail;
		char *val = pct_decode(s, (size_t)(end - s));
		char **slot = strcmp(tp->name, "workshop") == 0 ? &v->workshop :
			      strcmp(tp->name, "deck") == 0 ? &v->deck :
			      strcmp(tp->name, "serial") == 0 ? &v->serial :
			      strcmp(tp->name, "version") == 0 ? &v->version : NULL;
		if (slot && !*slot)
			*slot = val;
		else
			free(val);
		s = end;
	}
fail:
	qvals_release(v);
	return false;
}

/* ---- the scanner ---------------------------------------------------------- */

struct ul_scan *
ul_scan_new(struct ul_render *r, struct ul_diags *diags)
{
	struct ul_scan *s = ul_xcalloc(1, sizeof(*s));
	const struct ul_workshop *ws = r->ws;

	s->r = r;
	s->ws = ws;
	for (size_t i = 0; i < ws->ndecks; i++) {
		const struct ul_deck *d = &ws->decks[i];
		const char *t;
		if (d->kind != UL_DECK_WRITEIN || !(t = ul_qr_template(ws, &d->qr)))
			continue;
		if (!strstr(t, "{serial}")) {
			ul_warning(diags, ws->file, d->qr.pos.line ? d->qr.pos.line :
				   d->pos.line, d->qr.pos.line ? d->qr.pos.col :
				   d->pos.col, "deck '%s': its QR template has no "
				   "{serial}: its cards cannot be told apart, "
				   "and are not read", d->id);
			continue;
		}
		s->decks = ul_xreallocarray(s->decks, s->ndecks + 1,
					    sizeof(*s->decks));
		struct sdeck *sd = &s->decks[s->ndecks++];
		memset(sd, 0, sizeof(*sd));
		sd->deck = d;
		tmpl_parse(t, sd);
		ul_card_deck_version(ws, d, sd->version, sizeof(sd->version));
	}
	{
		/* every blank of the decks read, with its serial */
		const char **ids = ul_xreallocarray(NULL, s->ndecks + 1, sizeof(*ids));
		struct ul_kit_selection sel = { false, ids, s->ndecks, NULL, 0 };
		for (size_t i = 0; i < s->ndecks; i++)
			ids[i] = s->decks[i].deck->id;
		ul_kit_plan(&s->kit, ws, r->bleed, NULL);
		ul_kit_pages(&s->kit, &sel, 0);
		free(ids);
	}
	if (!s->ndecks) {
		ul_error(diags, ws->file, 0, 0, "no write-in deck of '%s' has a "
			 "QR code with its serial: there is nothing to scan",
			 ws->id);
		ul_scan_free(s);
		return NULL;
	}
	s->zs = zbar_image_scanner_create();
	zbar_image_scanner_set_config(s->zs, 0, ZBAR_CFG_ENABLE, 0);
	zbar_image_scanner_set_config(s->zs, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
	return s;
}

void
ul_scan_free(struct ul_scan *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->ndecks; i++) {
		for (size_t k = 0; k < s->decks[i].nparts; k++) {
			free(s->decks[i].parts[k].lit);
			free(s->decks[i].parts[k].name);
		}
		free(s->decks[i].parts);
	}
	free(s->decks);
	ul_kit_release(&s->kit);
	if (s->zs)
		zbar_image_scanner_destroy(s->zs);
	free(s);
}

void
ul_scan_keep_crops(struct ul_scan *s, bool keep)
{
	s->no_crops = !keep;
}

const char *
ul_scan_deck_type(const struct ul_deck *d)
{
	const char *names[3] = { d->id, d->prefix, d->title };
	for (int i = 0; i < 3; i++) {
		const char *n = names[i];
		if (!n)
			continue;
		if (strncasecmp(n, "ide", 3) == 0 || strncasecmp(n, "idé", 4) == 0)
			return "idea";
		if (strncasecmp(n, "vot", 3) == 0)
			return "vote";
		if (strncasecmp(n, "not", 3) == 0)
			return "note";
	}
	return "friction";
}

/* One symbol found: its payload and corners in full-resolution pixels. */
struct sym {
	char *data;
	double pt[8];
	double cx, cy;
};

/*
 * zbar over g, whose pixel (x, y) lies at hmap(a, x, y) in the full
 * image. Appends what is new to out.
 */
static size_t
find_symbols_at(struct ul_scan *s, const struct ul_image *g, const double a[9],
		struct sym **out, size_t n)
{
	zbar_image_t *z = zbar_image_create();

	zbar_image_set_format(z, zbar_fourcc('Y', '8', '0', '0'));
	zbar_image_set_size(z, (unsigned)g->w, (unsigned)g->h);
	zbar_image_set_data(z, g->grey, (size_t)g->w * g->h, NULL);
	zbar_scan_image(s->zs, z);
	for (const zbar_symbol_t *y = zbar_image_first_symbol(z); y;
	     y = zbar_symbol_next(y)) {
		if (zbar_symbol_get_type(y) != ZBAR_QRCODE ||
		    zbar_symbol_get_loc_size(y) != 4)
			continue;
		struct sym sy = { 0 };
		for (int k = 0; k < 4; k++) {
			double x = zbar_symbol_get_loc_x(y, (unsigned)k);
			double yy = zbar_symbol_get_loc_y(y, (unsigned)k);
			hmap(a, x, yy, &sy.pt[2 * k], &sy.pt[2 * k + 1]);
			sy.cx += sy.pt[2 * k] / 4;
			sy.cy += sy.pt[2 * k + 1] / 4;
		}
		/* seen already (at another scale)? */
		bool dup = false;
		const char *data = zbar_symbol_get_data(y);
		for (size_t i = 0; i < n && !dup; i++)
			dup = strcmp((*out)[i].data, data) == 0 &&
			      hypot((*out)[i].cx - sy.cx, (*out)[i].cy - sy.cy) <
				      fmax(20, hypot(sy.pt[0] - sy.pt[4],
						     sy.pt[1] - sy.pt[5]));
		if (dup)
			continue;
		sy.data = ul_xstrdup(data);
		*out = ul_xreallocarray(*out, n + 1, sizeof(**out));
		(*out)[n++] = sy;
	}
	zbar_image_destroy(z);
	return n;
}

/*
 * zbar over g; a corner (x, y) of g is at ((x + 0.5)·f − 0.5 + ox, …) in
 * the full image (f: g's pixel size there).
 */
static size_t
find_symbols(struct ul_scan *s, const struct ul_image *g, double f, double ox,
	     double oy, struct sym **out, size_t n)
{
	double a[9] = { f, 0, 0.5 * f - 0.5 + ox, 0, f, 0.5 * f - 0.5 + oy,
			0, 0, 1 };
	return find_symbols_at(s, g, a, out, n);
}

/* g + 0.8·(g − its 3×3 mean), clamped. */
static unsigned char *
sharpen(const unsigned char *g, int w, int h)
{
	unsigned char *o = ul_xmalloc((size_t)w * h);
	unsigned *col = ul_xmalloc((size_t)w * sizeof(*col));

	memcpy(o, g, (size_t)w * h);
	for (int y = 1; y < h - 1; y++) {
		const unsigned char *a = g + (size_t)(y - 1) * w, *b = a + w, *c = b + w;
		for (int x = 0; x < w; x++)
			col[x] = a[x] + b[x] + c[x];
		for (int x = 1; x < w - 1; x++) {
			int sum = (int)(col[x - 1] + col[x] + col[x + 1]);
			int v = b[x] + (4 * (9 * b[x] - sum)) / 45;
			o[(size_t)y * w + x] = (unsigned char)(v < 0 ? 0 : v > 255 ? 255 : v);
		}
	}
	free(col);
	return o;
}

/* Which deck and number a payload names; diagnostics when none of ours. */
static const struct sdeck *
identify(struct ul_scan *s, const char *data, const char *file,
	 const struct ul_kit_page **page, char *version, size_t vsize,
	 struct ul_diags *diags)
{
	const char *other = NULL;
	char *otherbuf = NULL;

	for (size_t i = 0; i < s->ndecks; i++) {
		const struct sdeck *sd = &s->decks[i];
		struct qvals v;
		if (!tmpl_match(sd, data, &v))
			continue;
		if (v.workshop && strcmp(v.workshop, s->ws->id) != 0) {
			if (!otherbuf)
				otherbuf = ul_xasprintf("%s", v.workshop);
			other = otherbuf;
			qvals_release(&v);
			continue;
		}
		if ((v.deck && strcmp(v.deck, sd->deck->id) != 0) || !v.serial) {
			qvals_release(&v);
			continue;
		}
		const struct ul_kit_page *pg = ul_kit_find_serial(&s->kit, v.serial);
		if (!pg || pg->part < 0 || s->kit.parts[pg->part].deck != sd->deck) {
			ul_error(diags, file, 0, 0, "QR code of card '%s' names no "
				 "card of deck '%s' (serials %s…): skipped",
				 v.serial, sd->deck->id, sd->deck->prefix);
			qvals_release(&v);
			free(otherbuf);
			return NULL;
		}
		*page = pg;
		snprintf(version, vsize, "%s", v.version ? v.version : "");
		qvals_release(&v);
		free(otherbuf);
		return sd;
	}
	if (other)
		ul_error(diags, file, 0, 0, "a card of workshop '%s', not '%s' "
			 "(QR code '%.200s'): skipped", other, s->ws->id, data);
	else
		ul_error(diags, file, 0, 0, "QR code '%.200s' is not a card of "
			 "workshop '%s': skipped", data, s->ws->id);
	free(otherbuf);
	return NULL;
}

/* A registration off by more than this, image pixels, is tried again. */
#define REFIT_RMS 1.0

/*
 * Refine h (crop pixels → image pixels) coarse to fine against the
 * blank, each level starting from the last fit, the QR code's corners qc
 * (crop) and pt (image, zbar's) keeping it anchored. Gives the RMS
 * residual of the last fit (-1: none) and its patches' mean correlation.
 */
static void
fit_card(const struct ul_image *im, const struct blank *b, const double qc[8],
	 const double pt[8], double h[9], double *rms, double *score)
{
	static const struct { int scale, p, r; } levels[] = {
		{ 8, 10, 10 }, { 4, 12, 6 }, { 2, 16, 4 },
	};
	double src[2 * 128], dst[2 * 128], wt[128];

	*rms = -1;
	*score = 0;
	for (size_t l = 0; l < UL_NELEM(levels); l++) {
		double ssum;
		int n = refine_level(im, b, h, levels[l].scale, levels[l].p,
				     levels[l].r, src, dst, wt, 120, &ssum);
		for (int k = 0; k < 4 && n < 128; k++, n++) {
			src[2 * n] = qc[2 * k];
			src[2 * n + 1] = qc[2 * k + 1];
			dst[2 * n] = pt[2 * k];
			dst[2 * n + 1] = pt[2 * k + 1];
			wt[n] = 0.5;
		}
		double t[9];
		memcpy(t, h, sizeof(t));
		double r2 = robust_fit(src, dst, wt, n, t);
		if (r2 >= 0) {
			memcpy(h, t, sizeof(t));
			*rms = r2;
			*score = n > 4 ? ssum / (n - 4) : 0;
		}
	}
}

/*
 * The ink of the photo's grey plane wp (and lightest channel vp, or
 * NULL) against the blank's bl (and bv), w × h: the larger of the two,
 * the lightest channel's less VALUE_SLACK. A pen ring drawn over a
 * printed circle, as dark in grey as the circle itself, is ink in the
 * lightest channel, where the deck's colour is nearly paper (red print
 * is light in red); a red pen is seen in grey. Paper is grey: white
 * (the grey plane's paper) serves both.
 */
static float *
marks_ink(const float *wp, const float *vp, const float *bl, const float *bv,
	  const float *white, int w, int h, int t, int br)
{
	float *ink = ink_map(wp, bl, white, w, h, t, br);

	if (vp) {
		float *iv = ink_map(vp, bv, white, w, h, t, br);
		for (size_t i = 0; i < (size_t)w * h; i++)
			if (iv[i] - VALUE_SLACK > ink[i] && ink[i] >= 0)
				ink[i] = iv[i] - VALUE_SLACK;
		free(iv);
	}
	return ink;
}

/*
 * Local alignment of a field's circles or boxes. The card's homography
 * is one plane for the whole card, and a card is not quite one: paper
 * that curls, a lens that bends lines, a fit pulled by far patches.
 * Printed outlines a quarter of a millimetre off are taken for ink (the
 * scales of 30 sweep photos, warped 2 pixels off on purpose, read 54%
 * right, 4 pixels off none), so each field's area is matched to the
 * blank again, by a shift of whole pixels: the photo is read at
 * (x + dx, y + dy) for the blank's (x, y). Warped 2 to 6 pixels off,
 * those photos now read as they do in place (98.8% of the scales).
 */
#define ALIGN_REACH 8		/* pixels searched each way (1 mm) */
#define ALIGN_PAD 40		/* around the boxes: their reach, the filters' */
#define ALIGN_CAP 0.25f		/* a pixel's largest cost: ink is an outlier */

/*
 * Mean truncated difference of the photo (shifted; v: its grey over
 * the paper's white, -1 outside the image) and the blank over rect r,
 * every stride-th pixel.
 */
static double
align_cost(const float *v, const float *bl, int w, int h, const int r[4],
	   int dx, int dy, int stride)
{
	double c = 0;
	size_t n = 0;
	int xa = r[0] + dx < 0 ? -dx : r[0], xb = r[2] + dx > w ? w - dx : r[2];

	for (int y = r[1]; y < r[3]; y += stride) {
		int py = y + dy;
		if (py < 0 || py >= h)
			continue;
		const float *vr = v + (size_t)py * w + dx, *br = bl + (size_t)y * w;
		for (int x = xa; x < xb; x += stride) {
			if (vr[x] < 0)
				continue;
			float d = fabsf(vr[x] - br[x] * (1 / 255.0f));
			c += d < ALIGN_CAP ? d : ALIGN_CAP;
			n++;
		}
	}
	return n ? c / (double)n : 1e9;
}

/*
 * Of the shifts (x, y) for x, y in [lo, hi] by step, the one of least
 * align_cost on every stride-th pixel, in *bx, *by; returns its cost.
 */
static double
least_cost(const float *v, const float *bl, int w, int h, const int r[4],
	   int xlo, int xhi, int ylo, int yhi, int step, int stride, int *bx,
	   int *by)
{
	double best = 1e18;

	for (int y = ylo; y <= yhi; y += step)
		for (int x = xlo; x <= xhi; x += step) {
			double c = align_cost(v, bl, w, h, r, x, y, stride);
			if (c < best) {
				best = c;
				*bx = x;
				*by = y;
			}
		}
	return best;
}

/*
 * The shift of the rect r whose cost is least: every second shift over
 * the whole reach on every second pixel, then each shift around the
 * best on every pixel. Zero unless a shift is clearly better
 * (ALIGN_GAIN of the unshifted cost), so that a card the homography
 * fits is read as it was.
 */
#define ALIGN_GAIN 0.03
static void
align_field(const float *v, const float *bl, int w, int h, const int r[4],
	    int *dx, int *dy)
{
	int cx = 0, cy = 0, bx = 0, by = 0;

	least_cost(v, bl, w, h, r, -ALIGN_REACH, ALIGN_REACH, -ALIGN_REACH,
		   ALIGN_REACH, 2, 2, &cx, &cy);
	double best = least_cost(v, bl, w, h, r, cx - 1, cx + 1, cy - 1, cy + 1,
				 1, 1, &bx, &by);
	double zero = align_cost(v, bl, w, h, r, 0, 0, 1);
	*dx = *dy = 0;
	if (best < zero * (1 - ALIGN_GAIN)) {
		*dx = bx;
		*dy = by;
	}
}

/*
 * The rect (x0, y0, x1, y1, in the band's pixels, ry0 its first crop
 * row) around field f's circles or tick boxes, padded by ALIGN_PAD and
 * cut to the w × h band. False when the field has none there.
 */
static bool
field_rect(const struct blank *b, int f, int ry0, int w, int h, int r[4])
{
	r[0] = w;
	r[1] = h;
	r[2] = r[3] = 0;
	for (size_t k = 0; k < b->lay.n; k++) {
		const struct ul_box *bx = &b->lay.v[k];
		double x, y, ww, hh;
		if (bx->field != f ||
		    (bx->kind != UL_BOX_CIRCLE && bx->kind != UL_BOX_TICK))
			continue;
		box_px(b, bx, &x, &y, &ww, &hh);
		r[0] = (int)fmin(r[0], floor(x) - ALIGN_PAD);
		r[1] = (int)fmin(r[1], floor(y - ry0) - ALIGN_PAD);
		r[2] = (int)fmax(r[2], ceil(x + ww) + ALIGN_PAD);
		r[3] = (int)fmax(r[3], ceil(y + hh - ry0) + ALIGN_PAD);
	}
	r[0] = r[0] < 0 ? 0 : r[0];
	r[1] = r[1] < 0 ? 0 : r[1];
	r[2] = r[2] > w ? w : r[2];
	r[3] = r[3] > h ? h : r[3];
	return r[2] - r[0] > 2 * ALIGN_PAD && r[3] - r[1] > 2 * ALIGN_PAD;
}

/*
 * Measure the ink of rect r again with the photo shifted by (dx, dy),
 * into ink (w × h), all but the rect's outer REINK_EDGE pixels, where
 * the filters lack the pixels past the rect (the boxes are ALIGN_PAD
 * inside it).
 */
#define REINK_EDGE 12
static void
reink_field(const float *wp, const float *vp, const float *bl, const float *bv,
	    int w, int h, const int r[4], int dx, int dy, int t, int br,
	    float *ink)
{
	int rw = r[2] - r[0], rh = r[3] - r[1];
	size_t n = (size_t)rw * rh;
	float *sw = ul_xmalloc(n * sizeof(float));
	float *sv = vp ? ul_xmalloc(n * sizeof(float)) : NULL;
	float *sb = ul_xmalloc(n * sizeof(float));
	float *sbv = vp ? ul_xmalloc(n * sizeof(float)) : NULL;

	for (int y = 0; y < rh; y++)
		for (int x = 0; x < rw; x++) {
			size_t o = (size_t)y * rw + x;
			size_t bi = (size_t)(r[1] + y) * w + r[0] + x;
			int px = r[0] + x + dx, py = r[1] + y + dy;
			bool in = px >= 0 && px < w && py >= 0 && py < h;
			size_t pi = in ? (size_t)py * w + px : bi;
			sw[o] = in ? wp[pi] : -1;
			if (vp) {
				sv[o] = in ? vp[pi] : -1;
				sbv[o] = bv[bi];
			}
			sb[o] = bl[bi];
		}
	/*
	 * The paper's white again, too: measured where the blank is paper
	 * and the photo was not (a printed edge, off by a few pixels), it
	 * was too bright, and the whole field too dark.
	 */
	float *swh = paper_white(sw, sb, rw, rh);
	float *si = marks_ink(sw, sv, sb, sbv, swh, rw, rh, t, br);
	for (int y = REINK_EDGE; y < rh - REINK_EDGE; y++)
		memcpy(ink + (size_t)(r[1] + y) * w + r[0] + REINK_EDGE,
		       si + (size_t)y * rw + REINK_EDGE,
		       (size_t)(rw - 2 * REINK_EDGE) * sizeof(float));
	free(si);
	free(sw);
	free(sv);
	free(sb);
	free(sbv);
	free(swh);
}

/* Read one card whose QR corners are sy->pt. 0, or -1 with a diagnostic. */
static int
read_card(struct ul_scan *s, const struct ul_image *im, const struct sdeck *sd,
	  const struct ul_kit_page *pg, const struct sym *sy, const char *file,
	  struct ul_scan_card *card, struct ul_diags *diags)
{
	int number = pg->number;
	struct blank b;
	double qx = 0, qy = 0, qs = 0, h[9];
	bool have_qr = false;
	int rc = -1;

	if (blank_draw(s, pg, sd->deck, &b) != 0)
		return ul_diag_add(diags, UL_ERROR, UL_ESOFTWARE, file, 0, 0,
				   "cannot draw the blank of card %d of deck '%s'",
				   number, sd->deck->id);
	for (size_t i = 0; i < b.lay.n; i++)
		if (b.lay.v[i].kind == UL_BOX_QR) {
			double w, hh;
			box_px(&b, &b.lay.v[i], &qx, &qy, &w, &hh);
			qs = w;
			have_qr = true;
		}
	if (!have_qr) {
		ul_diag_add(diags, UL_ERROR, UL_ESOFTWARE, file, 0, 0,
			    "the layout of deck '%s' has no QR code", sd->deck->id);
		goto out;
	}

	/*
	 * zbar gives the symbol's corners in its own order: top-left,
	 * bottom-left, bottom-right, top-right, however the card is turned.
	 * The corners are those of the outer modules' edges, so the symbol's
	 * box (in pixel-edge coordinates) maps to them.
	 */
	double qc[8] = { qx - 0.5, qy - 0.5, qx - 0.5, qy + qs - 0.5,
			 qx + qs - 0.5, qy + qs - 0.5, qx + qs - 0.5, qy - 0.5 };
	/*
	 * An affine first guess: four corners a few pixels off make a
	 * homography whose perspective terms are mostly noise, and that
	 * noise grows fast away from the code; the refinement puts the
	 * perspective back from patches all over the card.
	 */
	if (afit(qc, sy->pt, 4, h) != 0) {
		ul_error(diags, file, 0, 0, "QR code of card %s: its corners make "
			 "no quadrilateral", sy->data);
		goto out;
	}
	double rms, score;
	fit_card(im, &b, qc, sy->pt, h, &rms, &score);
	/*
	 * A first guess far off (zbar's corners of a small code under a
	 * strong tilt) can leave the coarsest level on the wrong patches,
	 * and the finer ones cannot undo that: a fit still off by more than
	 * REFIT_RMS is taken down the levels once more from where it got to,
	 * and kept when closer. Of 417 cards on 60 sweep photos one needed
	 * it: 2.66 pixels the first time (two tick boxes and a scale read
	 * wrong), 0.27 the second; the others fit within 0.52.
	 */
	if (rms > REFIT_RMS) {
		double h2[9], rms2, score2;
		memcpy(h2, h, sizeof(h2));
		fit_card(im, &b, qc, sy->pt, h2, &rms2, &score2);
		if (rms2 >= 0 && rms2 < rms) {
			memcpy(h, h2, sizeof(h2));
			rms = rms2;
			score = score2;
		}
	}

	/*
	 * Marks are read on the rows that hold the scales and tick boxes only: the blur,
	 * the paper's white and the ink are most of a card's time otherwise.
	 */
	int ry0 = b.h, ry1 = 0;
	for (size_t i = 0; i < b.lay.n; i++)
		if (b.lay.v[i].kind == UL_BOX_CIRCLE ||
		    b.lay.v[i].kind == UL_BOX_TICK) {
			double x, y, w, hh;
			box_px(&b, &b.lay.v[i], &x, &y, &w, &hh);
			ry0 = (int)fmin(ry0, floor(y - hh - 24));
			ry1 = (int)fmax(ry1, ceil(y + 2 * hh + 24));
		}
	ry0 = ry0 < 0 ? 0 : ry0;
	ry1 = ry1 > b.h ? b.h : ry1;
	int rh = ry1 > ry0 ? ry1 - ry0 : 0;
	float *wp = NULL, *white = NULL, *ink = NULL;
	if (rh > 0) {
		/* image pixels per crop pixel: under 1, the crop enlarges (and blurs) */
		double ppx, x0, y0, x1, y1;
		hmap(h, b.w / 2.0 - 50, b.h / 2.0, &x0, &y0);
		hmap(h, b.w / 2.0 + 50, b.h / 2.0, &x1, &y1);
		ppx = hypot(x1 - x0, y1 - y0) / 100;
		int br = ppx >= 1 ? 1 : (int)ceil(1 / ppx);
		double hr[9], tr[9] = { 1, 0, 0, 0, 1, ry0, 0, 0, 1 };
		for (int i = 0; i < 3; i++)
			for (int j = 0; j < 3; j++) {
				hr[i * 3 + j] = 0;
				for (int k = 0; k < 3; k++)
					hr[i * 3 + j] += h[i * 3 + k] * tr[k * 3 + j];
			}
		wp = ul_xmalloc((size_t)b.w * rh * sizeof(float));
		float *vp = im->rgb ? ul_xmalloc((size_t)b.w * rh * sizeof(float)) : NULL;
		warp_grey_value(im, hr, b.w, rh, wp, vp);
		const float *bl = b.grey + (size_t)ry0 * b.w;
		white = paper_white(wp, bl, b.w, rh);
		const float *bv = vp ? b.value + (size_t)ry0 * b.w : NULL;
		int t = ppx >= 1 ? 2 : 3;
		ink = marks_ink(wp, vp, bl, bv, white, b.w, rh, t, br);
		/* each field's circles or boxes, matched to the blank again */
		float *norm = ul_xmalloc((size_t)b.w * rh * sizeof(float));
		for (size_t i = 0; i < (size_t)b.w * rh; i++)
			norm[i] = wp[i] < 0 ? -1 : wp[i] / white[i];
		for (size_t f = 0; f < sd->deck->nfields; f++) {
			int r[4], dx, dy;
			if (!field_rect(&b, (int)f, ry0, b.w, rh, r))
				continue;
			align_field(norm, bl, b.w, rh, r, &dx, &dy);
			if (dx || dy)
				reink_field(wp, vp, bl, bv, b.w, rh, r, dx, dy, t, br,
					    ink);
		}
		free(norm);
		free(vp);
	}

	float noise = ink ? paper_noise(ink, b.grey + (size_t)ry0 * b.w, b.w, rh) : 0;

	memset(card, 0, sizeof(*card));
	card->deck = sd->deck;
	card->number = number;
	ul_serial(sd->deck, number, card->serial, sizeof(card->serial));
	snprintf(card->current, sizeof(card->current), "%s", sd->version);
	card->residual = rms < 0 ? -1 : rms;
	card->match = score;
	hmap(h, -0.5, -0.5, &card->corners[0], &card->corners[1]);
	hmap(h, b.w - 0.5, -0.5, &card->corners[2], &card->corners[3]);
	hmap(h, b.w - 0.5, b.h - 0.5, &card->corners[4], &card->corners[5]);
	hmap(h, -0.5, b.h - 0.5, &card->corners[6], &card->corners[7]);
	card->qr_x = sy->cx;
	card->qr_y = sy->cy;
	/* pixels of the image per crop pixel, to give the residual in mm */
	{
		double x0, y0, x1, y1;
		hmap(h, 0, 0, &x0, &y0);
		hmap(h, b.w, 0, &x1, &y1);
		double ppx = hypot(x1 - x0, y1 - y0) / b.w;
		if (rms >= 0 && ppx > 0)
			card->residual = rms / ppx / PX_PER_MM;
	}
	for (size_t i = 0; i < sd->deck->nfields; i++) {
		const struct ul_field *fd = &sd->deck->fields[i];
		if (fd->scale > 0) {
			card->fields = ul_xreallocarray(card->fields, card->nfields + 1,
							sizeof(*card->fields));
			read_scale(ink, b.w, rh, ry0, &b, (int)i,
				   &card->fields[card->nfields++]);
		} else if (fd->ticks.n > 0) {
			card->fields = ul_xreallocarray(card->fields, card->nfields + 1,
							sizeof(*card->fields));
			read_ticks(ink, b.w, rh, ry0, &b, (int)i, fd->choose_one, noise,
				   &card->fields[card->nfields++]);
		} else {
			/* the label and the lines under it, as one part */
			double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
			for (size_t k = 0; k < b.lay.n; k++) {
				const struct ul_box *bx = &b.lay.v[k];
				double x, y, w, hh;
				if (bx->field != (int)i)
					continue;
				box_px(&b, bx, &x, &y, &w, &hh);
				x0 = fmin(x0, x);
				y0 = fmin(y0, y);
				x1 = fmax(x1, x + w);
				y1 = fmax(y1, y + hh);
			}
			if (x1 <= x0)
				continue;
			card->parts = ul_xreallocarray(card->parts, card->nparts + 1,
						       sizeof(*card->parts));
			int px0 = (int)fmax(0, floor(x0 - 4)), py0 = (int)fmax(0, floor(y0 - 4));
			int px1 = (int)fmin(b.w, ceil(x1 + 4)), py1 = (int)fmin(b.h, ceil(y1 + 8));
			card->parts[card->nparts++] = (struct ul_scan_rect){
				(int)i, px0, py0, px1 - px0, py1 - py0 };
		}
	}
	card->crop_w = b.w;
	card->crop_h = b.h;
	if (!s->no_crops) {
		card->crop = ul_xmalloc((size_t)b.w * b.h * 3);
		warp_rgb(im, h, b.w, b.h, card->crop);
	}
	free(wp);
	free(white);
	free(ink);
	rc = 0;
out:
	blank_release(&b);
	return rc;
}

static void
card_release(struct ul_scan_card *c)
{
	free(c->fields);
	free(c->crop);
	free(c->parts);
	memset(c, 0, sizeof(*c));
}

static bool
in_quad(const double *q, double x, double y)
{
	int pos = 0, neg = 0;
	for (int k = 0; k < 4; k++) {
		double ax = q[2 * k], ay = q[2 * k + 1];
		double bx = q[(2 * k + 2) % 8], by = q[(2 * k + 3) % 8];
		double c = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
		pos += c > 0;
		neg += c < 0;
	}
	return pos == 0 || neg == 0;
}

struct cand {
	double score, x, y;
};

static int
cmp_cand(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	return (x->score < y->score) - (x->score > y->score);
}

/*
 * Codes zbar missed (a few pixels a module, blurred, foreshortened) are
 * looked for again where the image has a QR code's texture, dense with
 * edges, outside the cards already read: each such place is cut out,
 * enlarged twice and scanned again. side: a code's side seen so far, in
 * pixels (0: none yet). quads: the cards read, four corners each.
 */
static size_t
recover(struct ul_scan *s, const struct ul_image *sh, double side,
	const double *quads, size_t nq, struct sym **syms, size_t n)
{
	int f = (sh->w > sh->h ? sh->w : sh->h) / 1000;
	struct ul_image red;
	struct cand *cands = NULL;
	size_t nc = 0;

	if (f < 1)
		f = 1;
	if (side <= 0)
		side = (sh->w > sh->h ? sh->w : sh->h) / 16.0;
	if (f == 1) {
		red.w = sh->w;
		red.h = sh->h;
		red.grey = ul_xmalloc((size_t)sh->w * sh->h);
		memcpy(red.grey, sh->grey, (size_t)sh->w * sh->h);
		red.rgb = NULL;
	} else {
		ul_image_reduce(sh, f, &red);
	}
	int w = red.w, h = red.h, win = (int)(side / f * 0.8);
	if (win < 6)
		win = 6;
	/* integral image of edges */
	uint32_t *ii = ul_xcalloc((size_t)(w + 1) * (h + 1), sizeof(*ii));
	for (int y = 0; y < h; y++) {
		uint32_t run = 0;
		for (int x = 0; x < w; x++) {
			const unsigned char *p = red.grey + (size_t)y * w + x;
			bool e = (x + 1 < w && abs(p[1] - p[0]) > 28) ||
				 (y + 1 < h && abs(p[w] - p[0]) > 28);
			run += e;
			ii[(size_t)(y + 1) * (w + 1) + x + 1] =
				ii[(size_t)y * (w + 1) + x + 1] + run;
		}
	}
	int step = win / 3 > 1 ? win / 3 : 1;
	for (int y = 0; y + win <= h; y += step)
		for (int x = 0; x + win <= w; x += step) {
			uint32_t e = ii[(size_t)(y + win) * (w + 1) + x + win] -
				     ii[(size_t)y * (w + 1) + x + win] -
				     ii[(size_t)(y + win) * (w + 1) + x] +
				     ii[(size_t)y * (w + 1) + x];
			double d = (double)e / ((double)win * win);
			if (d < 0.3)
				continue;
			double cx = (x + win / 2.0) * f, cy = (y + win / 2.0) * f;
			bool known = false;
			for (size_t q = 0; q < nq && !known; q++)
				known = in_quad(quads + 8 * q, cx, cy);
			for (size_t k = 0; k < n && !known; k++)
				known = hypot((*syms)[k].cx - cx, (*syms)[k].cy - cy) < side;
			if (known)
				continue;
			cands = ul_xreallocarray(cands, nc + 1, sizeof(*cands));
			cands[nc++] = (struct cand){ d, cx, cy };
		}
	free(ii);
	ul_image_release(&red);
	if (nc)	/* qsort may not be given a NULL base, even for nothing */
		qsort(cands, nc, sizeof(*cands), cmp_cand);
	size_t tried = 0;
	double *done = ul_xmalloc(2 * 12 * sizeof(double));
	for (size_t i = 0; i < nc && tried < 12; i++) {
		bool near = false;
		for (size_t k = 0; k < tried && !near; k++)
			near = hypot(done[2 * k] - cands[i].x, done[2 * k + 1] - cands[i].y) <
			       side;
		if (near)
			continue;
		done[2 * tried] = cands[i].x;
		done[2 * tried + 1] = cands[i].y;
		tried++;
		int half = (int)(side * 1.2);
		int x0 = (int)cands[i].x - half, y0 = (int)cands[i].y - half;
		int x1 = (int)cands[i].x + half, y1 = (int)cands[i].y + half;
		x0 = x0 < 0 ? 0 : x0;
		y0 = y0 < 0 ? 0 : y0;
		x1 = x1 > sh->w ? sh->w : x1;
		y1 = y1 > sh->h ? sh->h : y1;
		if (x1 - x0 < 16 || y1 - y0 < 16)
			continue;
		struct ul_image up = { 2 * (x1 - x0), 2 * (y1 - y0), NULL, NULL };
		up.grey = ul_xmalloc((size_t)up.w * up.h);
		for (int y = 0; y < up.h; y++)
			for (int x = 0; x < up.w; x++) {
				double v = grey_at(sh, x0 + (x + 0.5) / 2 - 0.5,
						   y0 + (y + 0.5) / 2 - 0.5);
				up.grey[(size_t)y * up.w + x] =
					(unsigned char)(v < 0 ? 255 : v + 0.5);
			}
		n = find_symbols(s, &up, 0.5, x0, y0, syms, n);
		/* and sharpened once more, at the enlarged size */
		unsigned char *g2 = sharpen(up.grey, up.w, up.h);
		free(up.grey);
		up.grey = g2;
		n = find_symbols(s, &up, 0.5, x0, y0, syms, n);
		free(up.grey);
	}
	free(done);
	free(cands);
	return n;
}

/*
 * A code turned upright and enlarged from three of its finder patterns
 * (c its corner, p and q the others): zbar then reads codes of two or
 * three pixels a module, blurred and foreshortened, that it cannot read
 * in place. Tried as sampled, then against a local threshold (the mean
 * a module around). Returns the symbols now known.
 */
static size_t
read_upright(struct ul_scan *s, const struct ul_image *im,
	     const struct ul_finder *c, const struct ul_finder *p,
	     const struct ul_finder *q, struct sym **syms, size_t n)
{
	double mod = (c->module + p->module + q->module) / 3;
	double span = (hypot(p->x - c->x, p->y - c->y) +
		       hypot(q->x - c->x, q->y - c->y)) / 2 / mod;
	/* ten pixels a module upright, fewer for large codes (zbar's time) */
	double ppm = fmin(10, 320 / span);
	double L = span * ppm, M = 8 * ppm;
	if (span < 8)
		return n;
	int S = (int)ceil(L + 2 * M);
	double a[9] = { (p->x - c->x) / L, (q->x - c->x) / L, 0,
			(p->y - c->y) / L, (q->y - c->y) / L, 0, 0, 0, 1 };
	a[2] = c->x - M * (a[0] + a[1]);
	a[5] = c->y - M * (a[3] + a[4]);
	struct ul_image up = { S, S, NULL, NULL };
	up.grey = ul_xmalloc((size_t)S * S);
	for (int y = 0; y < S; y++)
		for (int x = 0; x < S; x++) {
			float v = grey_at(im, a[0] * x + a[1] * y + a[2],
					  a[3] * x + a[4] * y + a[5]);
			up.grey[(size_t)y * S + x] = (unsigned char)(v < 0 ? 255 : v + 0.5f);
		}
	size_t before = n;
	n = find_symbols_at(s, &up, a, syms, n);
	if (n == before) {
		/* mean of the (2R+1)² around, from an integral image */
		int R = (int)lround(ppm);
		uint32_t *ii = ul_xcalloc((size_t)(S + 1) * (S + 1), sizeof(*ii));
		for (int y = 0; y < S; y++) {
			uint32_t run = 0;
			for (int x = 0; x < S; x++) {
				run += up.grey[(size_t)y * S + x];
				ii[(size_t)(y + 1) * (S + 1) + x + 1] =
					ii[(size_t)y * (S + 1) + x + 1] + run;
			}
		}
		unsigned char *bin = ul_xmalloc((size_t)S * S);
		for (int y = 0; y < S; y++)
			for (int x = 0; x < S; x++) {
				int xa = x - R < 0 ? 0 : x - R, xb = x + R + 1 > S ? S : x + R + 1;
				int ya = y - R < 0 ? 0 : y - R, yb = y + R + 1 > S ? S : y + R + 1;
				uint32_t sum = ii[(size_t)yb * (S + 1) + xb] -
					       ii[(size_t)ya * (S + 1) + xb] -
					       ii[(size_t)yb * (S + 1) + xa] +
					       ii[(size_t)ya * (S + 1) + xa];
				double mean = (double)sum / ((xb - xa) * (yb - ya));
				bin[(size_t)y * S + x] =
					up.grey[(size_t)y * S + x] < mean - 2 ? 0 : 255;
			}
		free(ii);
		free(up.grey);
		up.grey = bin;
		n = find_symbols_at(s, &up, a, syms, n);
	}
	free(up.grey);
	return n;
}

/* The mean grey of the module grid at (u, v) and around, through h. */
static double
module_grey(const struct ul_image *im, const double h[9], double u, double v)
{
	static const double off[5][2] = {
		{ 0, 0 }, { -0.2, 0 }, { 0.2, 0 }, { 0, -0.2 }, { 0, 0.2 } };
	double sum = 0;
	int k = 0;

	for (int i = 0; i < 5; i++) {
		double x, y;
		hmap(h, u + off[i][0], v + off[i][1], &x, &y);
		float g = grey_at(im, x, y);
		if (g >= 0) {
			sum += g;
			k++;
		}
	}
	return k ? sum / k : 255;
}

/*
 * Where the alignment pattern (a dark module in a light ring in a dark
 * ring) is, within two modules of (u, v) on the grid h: the best of a
 * search by quarter modules. Returns its contrast (light ring less the
 * dark parts), with the position in *bu, *bv.
 */
static double
find_alignment(const struct ul_image *im, const double h[9], double u, double v,
	       double *bu, double *bv)
{
	double best = -1e9, u0 = u, v0 = v;

	*bu = u;
	*bv = v;
	/* by half modules, then by quarters around the best */
	for (int pass = 0; pass < 2; pass++) {
	double reach = pass ? 0.5 : 2, step = pass ? 0.25 : 0.5;
	if (pass) {
		u0 = *bu;
		v0 = *bv;
	}
	for (double dv = -reach; dv <= reach; dv += step)
		for (double du = -reach; du <= reach; du += step) {
			double cu = u0 + du, cv = v0 + dv, light = 0, darkr = 0;
			for (int k = 0; k < 8; k++) {
				double a = k * M_PI / 4;
				light += module_grey(im, h, cu + cos(a), cv + sin(a));
				darkr += module_grey(im, h, cu + 2 * cos(a), cv + 2 * sin(a));
			}
			double sc = light / 8 - (darkr / 8 + module_grey(im, h, cu, cv)) / 2;
			if (sc > best) {
				best = sc;
				*bu = cu;
				*bv = cv;
			}
		}
	}
	return best;
}

/*
 * What the function patterns of a code N modules wide (version ver) make
 * of module (u, v), column u and row v: 1 dark, 0 light, -1 data (not
 * known before reading). Finders and their light separators in three
 * corners, the two timing lines, the bottom-right alignment pattern
 * (version 2 and up; later versions have more, not needed here) and the
 * one dark module beside the bottom-left finder.
 */
static int
function_module(int N, int ver, int u, int v)
{
	static const int corner[3][2] = { { 0, 0 }, { 1, 0 }, { 0, 1 } };

	for (int k = 0; k < 3; k++) {
		int cu = corner[k][0] ? N - 4 : 3, cv = corner[k][1] ? N - 4 : 3;
		int d = abs(u - cu) > abs(v - cv) ? abs(u - cu) : abs(v - cv);
		if (d <= 3)
			return d != 2;
		if (d == 4)
			return 0;	/* the separator */
	}
	if (ver >= 2) {
		int d = abs(u - (N - 7)) > abs(v - (N - 7)) ? abs(u - (N - 7)) :
							    abs(v - (N - 7));
		if (d <= 2)
			return d != 1;
	}
	if (u == 8 && v == N - 8)
		return 1;
	if (v == 6 && u > 7 && u < N - 8)
		return u % 2 == 0;
	if (u == 6 && v > 7 && v < N - 8)
		return v % 2 == 0;
	return -1;
}

/* The share of the function patterns' modules that dk tells as they are. */
#define MIN_AGREEMENT 0.85

static double
function_agreement(int N, int ver, const unsigned char *dk)
{
	int agree = 0, known = 0;

	for (int v = 0; v < N; v++)
		for (int u = 0; u < N; u++) {
			int m = function_module(N, ver, u, v);
			if (m >= 0) {
				known++;
				agree += dk[v * N + u] == m;
			}
		}
	return known ? (double)agree / known : 0;
}

/* How well grid h fits the function patterns: light greys less dark ones. */
static double
grid_fit(const struct ul_image *im, const double h[9], const int *known,
	 int nk)
{
	double sum = 0;

	for (int i = 0; i < nk; i++) {
		int u = known[i] >> 16, v = (known[i] >> 1) & 0x7fff;
		double x, y;
		hmap(h, u + 0.5, v + 0.5, &x, &y);
		float g = grey_at(im, x, y);
		if (g < 0)
			g = 255;
		sum += known[i] & 1 ? -g : g;
	}
	return sum;
}

/*
 * The grid h of a code N modules wide moved to where its function
 * patterns are: the centres of three finders are seldom more than half a
 * module off, but across a code of 33 modules that half module and the
 * perspective the three cannot see put the far modules on their
 * neighbours. Four points of the grid (three finder centres and the
 * fourth corner's) are moved, each by a fraction of a module at a time,
 * while the fit of the known modules improves (a hill climb: the first
 * guess is close, the fit smooth in a blurred image).
 */
static void
refine_grid(const struct ul_image *im, int N, int ver, const unsigned char *dk,
	    double h[9])
{
	int *known = ul_xmalloc((size_t)N * N * sizeof(*known)), nk = 0;
	double src[8] = { 3.5, 3.5, N - 3.5, 3.5, 3.5, N - 3.5, N - 3.5, N - 3.5 };
	double dst[8], wt[4] = { 1, 1, 1, 1 }, t[9];

	for (int v = 0; v < N; v++)
		for (int u = 0; u < N; u++) {
			int m = dk ? dk[v * N + u] : function_module(N, ver, u, v);
			if (m >= 0)
				known[nk++] = u << 16 | v << 1 | m;
		}
	for (int i = 0; i < 4; i++)
		hmap(h, src[2 * i], src[2 * i + 1], &dst[2 * i], &dst[2 * i + 1]);
	double x1, y1, x2, y2;
	hmap(h, 0, 0, &x1, &y1);
	hmap(h, N, N, &x2, &y2);
	double mod = hypot(x2 - x1, y2 - y1) / (N * M_SQRT2);
	double best = grid_fit(im, h, known, nk);
	for (double step = 0.5; step > 0.05; step /= 2)
		for (int it = 0, better = 1; better && it < 8; it++) {
			better = 0;
			for (int k = 0; k < 8; k++)
				for (int sgn = -1; sgn <= 1; sgn += 2) {
					dst[k] += sgn * step * mod;
					if (hfit(src, dst, wt, 4, t) == 0) {
						double f = grid_fit(im, t, known, nk);
						if (f > best) {
							best = f;
							memcpy(h, t, sizeof(t));
							better = 1;
							break;
						}
					}
					dst[k] -= sgn * step * mod;
				}
		}
	free(known);
}

/*
 * Each module of a code N wide told dark (1) or light (0) from its grey
 * in val: a dark module between light ones is blurred to a grey, but
 * against its neighbours (an unsharp mask at the module's scale) it is
 * dark again; then the threshold half-way between the two levels' means.
 */
static void
modules_sharpened(const double *val, int N, unsigned char *dk)
{
	const double sharp = 1.2;
	double *sv = ul_xmalloc((size_t)N * N * sizeof(double));
	double lo = 1e9, hi = -1e9;

	for (int y = 0; y < N; y++)
		for (int x = 0; x < N; x++) {
			double sum = 0;
			int cnt = 0;
			for (int j = -1; j <= 1; j++)
				for (int i = -1; i <= 1; i++) {
					int xx = x + i, yy = y + j;
					if ((i || j) && xx >= 0 && yy >= 0 && xx < N &&
					    yy < N) {
						sum += val[yy * N + xx];
						cnt++;
					}
				}
			double v = val[y * N + x];
			sv[y * N + x] = v + sharp * (v - sum / cnt);
			lo = fmin(lo, sv[y * N + x]);
			hi = fmax(hi, sv[y * N + x]);
		}
	double thr = (lo + hi) / 2;
	for (int it = 0; it < 8; it++) {
		double sd = 0, sl = 0;
		int nd = 0, nl = 0;
		for (int i = 0; i < N * N; i++)
			if (sv[i] < thr)
				sd += sv[i], nd++;
			else
				sl += sv[i], nl++;
		if (!nd || !nl)
			break;
		thr = (sd / nd + sl / nl) / 2;
	}
	for (int i = 0; i < N * N; i++)
		dk[i] = sv[i] < thr;
	free(sv);
}

/*
 * The dark modules around (x, y), by ring: the four beside it, the four
 * at its corners, the four two modules away in line, and the twelve
 * others two modules away. Outside the code: light (the quiet zone).
 */
#define BLUR_TERMS 6
static void
dark_around(const unsigned char *dk, int N, int x, int y, double r[BLUR_TERMS])
{
	r[0] = 1;
	r[2] = r[3] = r[4] = r[5] = 0;
	r[1] = dk[y * N + x];
	for (int j = -2; j <= 2; j++)
		for (int i = -2; i <= 2; i++) {
			int xx = x + i, yy = y + j;
			if ((!i && !j) || xx < 0 || yy < 0 || xx >= N || yy >= N ||
			    !dk[yy * N + xx])
				continue;
			int ai = abs(i), aj = abs(j);
			if (ai + aj == 1)
				r[2]++;
			else if (ai == 1 && aj == 1)
				r[3]++;
			else if (ai + aj == 2)
				r[4]++;
			else
				r[5]++;
		}
}

/*
 * The modules told again by a model of the blur learnt from the code
 * itself: a module's grey is taken as a + b·(it is dark) + the dark
 * modules of each ring around it (dark_around), each ring with its own
 * weight, fitted by least squares on the modules whose colour the
 * function patterns give (a few hundred). Each data module then takes,
 * in turn, the colour whose predicted grey is nearer the grey seen, its
 * neighbours as last told; a few sweeps. dk: the first telling
 * (modules_sharpened), told again.
 */
static void
modules_by_blur(const double *val, int N, int ver, unsigned char *dk)
{
	signed char *fn = ul_xmalloc((size_t)N * N);

	for (int y = 0; y < N; y++)
		for (int x = 0; x < N; x++) {
			fn[y * N + x] = (signed char)function_module(N, ver, x, y);
			if (fn[y * N + x] >= 0)
				dk[y * N + x] = (unsigned char)fn[y * N + x];
		}
	for (int sweep = 0; sweep < 4; sweep++) {
		enum { T = BLUR_TERMS };
		double a[T * T] = { 0 }, b[T] = { 0 }, r[T];
		for (int y = 0; y < N; y++)
			for (int x = 0; x < N; x++) {
				if (fn[y * N + x] < 0)
					continue;
				dark_around(dk, N, x, y, r);
				for (int j = 0; j < T; j++) {
					for (int k = 0; k < T; k++)
						a[j * T + k] += r[j] * r[k];
					b[j] += r[j] * val[y * N + x];
				}
			}
		if (solve(a, b, T) != 0 || b[1] >= 0)
			break;	/* no model, or one where dark is not darker */
		int changed = 0;
		for (int y = 0; y < N; y++)
			for (int x = 0; x < N; x++) {
				if (fn[y * N + x] >= 0)
					continue;
				dark_around(dk, N, x, y, r);
				double base = b[0];
				for (int k = 2; k < T; k++)
					base += b[k] * r[k];
				double g = val[y * N + x];
				unsigned char d = fabs(g - base - b[1]) < fabs(g - base);
				changed += d != dk[y * N + x];
				dk[y * N + x] = d;
			}
		if (!changed)
			break;
	}
	free(fn);
}

/*
 * The code whose modules dk tells, drawn clean (four pixels a module in
 * a quiet zone of four) for zbar; h maps modules to the image.
 */
static size_t
read_modules(struct ul_scan *s, const double h[9], int N,
	     const unsigned char *dk, struct sym **syms, size_t n)
{
	const int ppm = 4, quiet = 4;
	int S = (N + 2 * quiet) * ppm;
	struct ul_image img = { S, S, NULL, ul_xmalloc((size_t)S * S) };

	memset(img.grey, 255, (size_t)S * S);
	for (int y = 0; y < N; y++)
		for (int x = 0; x < N; x++) {
			if (!dk[y * N + x])
				continue;
			for (int j = 0; j < ppm; j++)
				memset(img.grey + (size_t)((y + quiet) * ppm + j) * S +
				       (x + quiet) * ppm, 0, ppm);
		}
	/* redrawn pixel (x, y) → module (x / ppm − quiet, …) → image */
	double m2i[9] = { 1.0 / ppm, 0, -quiet, 0, 1.0 / ppm, -quiet, 0, 0, 1 };
	double a[9] = { 0 };
	for (int i = 0; i < 3; i++)
		for (int j = 0; j < 3; j++)
			for (int l = 0; l < 3; l++)
				a[i * 3 + j] += h[i * 3 + l] * m2i[l * 3 + j];
	n = find_symbols_at(s, &img, a, syms, n);
	free(img.grey);
	return n;
}

/*
 * The code redrawn from its modules, for codes too small or blurred to
 * be read even enlarged: the finders' centres are at modules (3.5, 3.5),
 * (N − 3.5, 3.5) and (3.5, N − 3.5) of a code N modules wide (N from
 * their distance, tried three sizes either side), the alignment pattern
 * (versions 2 and up) found where they put it gives the perspective, and
 * each module's centre is told dark or light against the code's own two
 * levels. zbar reads the clean symbol drawn from them (the error
 * correction is still zbar's: a wrong guess of a module or of N reads
 * nothing, never another text).
 */
static size_t
read_redrawn(struct ul_scan *s, const struct ul_image *im,
	     const struct ul_finder *c, const struct ul_finder *p,
	     const struct ul_finder *q, struct sym **syms, size_t n)
{
	double mod = (c->module + p->module + q->module) / 3;
	double span = (hypot(p->x - c->x, p->y - c->y) +
		       hypot(q->x - c->x, q->y - c->y)) / 2 / mod;
	int v0 = (int)lround((span + 7 - 17) / 4);
	size_t before = n;

	/* a blurred finder's runs say its module only roughly: sizes around */
	for (int dv = 0; dv < 7 && n == before; dv++) {
		int ver = v0 + (dv + 1) / 2 * (dv % 2 ? -1 : 1);
		if (ver < 1 || ver > 15)
			continue;
		int N = 17 + 4 * ver;
		double k = N - 7.0;
		/* module (u, v) → image, affine from the three centres */
		double h[9] = { (p->x - c->x) / k, (q->x - c->x) / k, 0,
				(p->y - c->y) / k, (q->y - c->y) / k, 0, 0, 0, 1 };
		h[2] = c->x - 3.5 * (h[0] + h[1]);
		h[5] = c->y - 3.5 * (h[3] + h[4]);
		if (ver >= 2) {
			double au, av, src[8], dst[8], wt[4] = { 1, 1, 1, 1 }, t[9];
			if (find_alignment(im, h, N - 6.5, N - 6.5, &au, &av) > 20) {
				double mx[4] = { 3.5, N - 3.5, 3.5, N - 6.5 };
				double my[4] = { 3.5, 3.5, N - 3.5, N - 6.5 };
				for (int i = 0; i < 4; i++) {
					src[2 * i] = mx[i];
					src[2 * i + 1] = my[i];
				}
				dst[0] = c->x, dst[1] = c->y, dst[2] = p->x, dst[3] = p->y;
				dst[4] = q->x, dst[5] = q->y;
				hmap(h, au, av, &dst[6], &dst[7]);
				if (hfit(src, dst, wt, 4, t) == 0)
					memcpy(h, t, sizeof(t));
			}
		}
		refine_grid(im, N, ver, NULL, h);
		double *val = ul_xmalloc((size_t)N * N * sizeof(double));
		unsigned char *dk = ul_xmalloc((size_t)N * N);
		for (int y = 0; y < N; y++)
			for (int x = 0; x < N; x++)
				val[y * N + x] = module_grey(im, h, x + 0.5, y + 0.5);
		modules_sharpened(val, N, dk);
		/*
		 * A grid that does not fit the function patterns is a wrong
		 * size, or three finders of no one code: over 715 attempts on
		 * five hard photos, every code read agreed on 95% of its
		 * known modules or more, every other attempt on 80% or less.
		 */
		if (function_agreement(N, ver, dk) < MIN_AGREEMENT) {
			free(dk);
			free(val);
			continue;
		}
		n = read_modules(s, h, N, dk, syms, n);
		/*
		 * Then the modules as the blur tells them, and again on the
		 * grid fitted to all of them as told (most are right by then):
		 * over 150 sweep photos the blur model read 21 codes the
		 * unsharp mask did not, the second fit one more.
		 */
		for (int round = 0; round < 2 && n == before; round++) {
			if (round > 0) {
				refine_grid(im, N, ver, dk, h);
				for (int y = 0; y < N; y++)
					for (int x = 0; x < N; x++)
						val[y * N + x] = module_grey(im, h, x + 0.5,
									     y + 0.5);
			}
			modules_by_blur(val, N, ver, dk);
			n = read_modules(s, h, N, dk, syms, n);
		}
		free(dk);
		free(val);
	}
	return n;
}

/* One guess of a code's three finders, read upright, then redrawn. */
static size_t
read_guess(struct ul_scan *s, const struct ul_image *im,
	   const struct ul_finder *c, const struct ul_finder *p,
	   const struct ul_finder *q, struct sym **syms, size_t n)
{
	/* p to the corner's right, q below: the code as printed */
	if ((p->x - c->x) * (q->y - c->y) - (p->y - c->y) * (q->x - c->x) < 0) {
		const struct ul_finder *t = p;
		p = q;
		q = t;
	}
	size_t before = n;
	n = read_upright(s, im, c, p, q, syms, n);
	if (n == before)
		n = read_redrawn(s, im, c, p, q, syms, n);
	return n;
}

/*
 * A code of which two finders were seen: the third where it would be if
 * a and b were the corner and a neighbour (four places), or the two
 * corners opposite (two places).
 */
static size_t
read_pair(struct ul_scan *s, const struct ul_image *im,
	  const struct ul_finder *a, const struct ul_finder *b,
	  struct sym **syms, size_t n)
{
	double dx = b->x - a->x, dy = b->y - a->y, m = (a->module + b->module) / 2;
	struct ul_finder g[6] = {
		{ a->x - dy, a->y + dx, m, 0 }, { a->x + dy, a->y - dx, m, 0 },
		{ b->x - dy, b->y + dx, m, 0 }, { b->x + dy, b->y - dx, m, 0 },
		{ (a->x + b->x - dy) / 2, (a->y + b->y + dx) / 2, m, 0 },
		{ (a->x + b->x + dy) / 2, (a->y + b->y - dx) / 2, m, 0 },
	};
	size_t before = n;

	for (int k = 0; k < 6 && n == before; k++) {
		if (g[k].x < 0 || g[k].y < 0 || g[k].x >= im->w || g[k].y >= im->h)
			continue;
		/* the corner: a (k 0, 1), b (k 2, 3), the guess (k 4, 5) */
		if (k < 2)
			n = read_guess(s, im, a, b, &g[k], syms, n);
		else if (k < 4)
			n = read_guess(s, im, b, a, &g[k], syms, n);
		else
			n = read_guess(s, im, &g[k], a, b, syms, n);
	}
	return n;
}

/*
 * Codes zbar missed where they lie, found by their finder patterns
 * outside the cards already read and the codes already known, and read
 * upright (read_upright), the likeliest groups of three first. *unread:
 * the groups still unread.
 */
static size_t
recover_finders(struct ul_scan *s, const struct ul_image *im,
		const double *quads, size_t nq, struct sym **syms, size_t n,
		size_t *unread)
{
	struct ul_finder *f = NULL;
	struct ul_finder_triple *t = NULL;
	size_t nf = ul_finders_find(im->grey, im->w, im->h, 0, 0, im->w, im->h, &f);
	size_t kept = 0, nt;

	for (size_t i = 0; i < nf; i++) {
		bool known = false;
		for (size_t q = 0; q < nq && !known; q++)
			known = in_quad(quads + 8 * q, f[i].x, f[i].y);
		for (size_t k = 0; k < n && !known; k++)
			known = hypot((*syms)[k].cx - f[i].x, (*syms)[k].cy - f[i].y) <
				0.8 * hypot((*syms)[k].pt[0] - (*syms)[k].pt[4],
					    (*syms)[k].pt[1] - (*syms)[k].pt[5]);
		if (!known)
			f[kept++] = f[i];
	}
	nt = ul_finders_group(f, kept, 48, &t);
	bool *used = ul_xcalloc(kept ? kept : 1, sizeof(*used));
	for (size_t i = 0; i < nt; i++) {
		if (used[t[i].c] || used[t[i].p] || used[t[i].q])
			continue;
		size_t before = n;
		n = read_guess(s, im, &f[t[i].c], &f[t[i].p], &f[t[i].q], syms, n);
		if (n > before)
			used[t[i].c] = used[t[i].p] = used[t[i].q] = true;
	}
	/* groups none of whose finders was read: codes still to find */
	*unread = 0;
	for (size_t i = 0; i < nt; i++)
		*unread += !used[t[i].c] && !used[t[i].p] && !used[t[i].q];
	/*
	 * Two finders of one code, the third lost (on the card's edge, under
	 * a stroke): where it would be if the two were a corner and its
	 * neighbour, or opposite corners.
	 */
	size_t pairs = 0;
	for (size_t i = 0; i < kept && pairs < 12; i++)
		for (size_t j = i + 1; j < kept && pairs < 12; j++) {
			const struct ul_finder *a = &f[i], *b = &f[j];
			double mod = (a->module + b->module) / 2;
			double d = hypot(b->x - a->x, b->y - a->y) / mod;
			if (used[i] || used[j] || d < 9 || d > 75 ||
			    a->hits < 3 || b->hits < 3 ||
			    fmax(a->module, b->module) > 1.8 * fmin(a->module, b->module))
				continue;
			pairs++;
			size_t before = n;
			n = read_pair(s, im, a, b, syms, n);
			if (n > before)
				used[i] = used[j] = true;
		}
	free(used);
	free(t);
	free(f);
	return n;
}

/* Identify and read one code's card; 1 read, 0 not ours or unreadable, -1 stop. */
static int
one_card(struct ul_scan *s, const struct ul_image *im, const struct sym *sy,
	 const char *file, ul_scan_fn fn, void *ctx, double *quad,
	 struct ul_diags *diags)
{
	const struct ul_kit_page *pg = NULL;
	char version[16];
	struct ul_scan_card card;
	const struct sdeck *sd = identify(s, sy->data, file, &pg, version,
					  sizeof(version), diags);

	if (!sd || read_card(s, im, sd, pg, sy, file, &card, diags) != 0)
		return 0;
	snprintf(card.version, sizeof(card.version), "%s", version);
	card.stale = *version && strcmp(version, sd->version) != 0;
	memcpy(quad, card.corners, sizeof(card.corners));
	int stop = fn(ctx, &card);
	card_release(&card);
	return stop != 0 ? -1 : 1;
}

/* What one image's search has found and read so far. */
struct search {
	struct sym *syms;
	size_t n, done;		/* symbols known, and handed to one_card */
	double *quads;		/* the cards read, four corners each */
	size_t nq;
	double side;		/* the largest code's side, pixels */
	int found, bad;		/* cards read; codes not read (or not ours) */
};

/* Read the symbols not read yet; -1 when fn stopped, else 0. */
static int
read_new(struct ul_scan *s, const struct ul_image *im, const char *file,
	 ul_scan_fn fn, void *ctx, struct search *se, struct ul_diags *diags)
{
	for (size_t i = se->done; i < se->n; i++) {
		const struct sym *sy = &se->syms[i];
		se->quads = ul_xreallocarray(se->quads, se->nq + 1, 8 * sizeof(double));
		int rc = one_card(s, im, sy, file, fn, ctx, se->quads + 8 * se->nq,
				  diags);
		if (rc < 0)
			return -1;
		if (rc == 0) {
			se->bad++;
			continue;
		}
		se->nq++;
		se->found++;
		se->side = fmax(se->side, hypot(sy->pt[0] - sy->pt[4],
						sy->pt[1] - sy->pt[5]) / M_SQRT2);
	}
	se->done = se->n;
	return 0;
}

int
ul_scan_image(struct ul_scan *s, const struct ul_image *im, const char *file,
	      ul_scan_fn fn, void *ctx, struct ul_diags *diags)
{
	struct search se = { 0 };
	size_t unread = 0;
	int f = (im->w > im->h ? im->w : im->h) / 2000;
	int rc = 0;

	/*
	 * zbar first where it is cheap: on a reduced image when the photo is
	 * large (a quarter of the pixels for 12 megapixels; noise that
	 * breaks finder patterns at full size is averaged away there), else
	 * sharpened at full size (an unsharp mask gives back the edges a
	 * phone's blur and JPEG took).
	 */
	if (f >= 2) {
		struct ul_image red;
		ul_image_reduce(im, f, &red);
		se.n = find_symbols(s, &red, f, 0, 0, &se.syms, se.n);
		ul_image_release(&red);
	} else {
		struct ul_image sh = { im->w, im->h, NULL, NULL };
		sh.grey = sharpen(im->grey, im->w, im->h);
		se.n = find_symbols(s, &sh, 1, 0, 0, &se.syms, se.n);
		free(sh.grey);
	}
	rc = read_new(s, im, file, fn, ctx, &se, diags);
	/* codes zbar missed, where their finder patterns are */
	if (rc == 0) {
		se.n = recover_finders(s, im, se.quads, se.nq, &se.syms, se.n, &unread);
		rc = read_new(s, im, file, fn, ctx, &se, diags);
	}
	/*
	 * Finders left unread, or nothing at all: the slow ways too, zbar on
	 * the whole sharpened image and on enlarged places dense with edges,
	 * while they find more.
	 */
	if (rc == 0 && (unread > 0 || se.n == 0)) {
		struct ul_image sh = { im->w, im->h, NULL, NULL };
		sh.grey = sharpen(im->grey, im->w, im->h);
		if (f >= 2)
			se.n = find_symbols(s, &sh, 1, 0, 0, &se.syms, se.n);
		for (int pass = 0; pass < 3 && rc == 0; pass++) {
			size_t before = se.n;
			se.n = recover(s, &sh, se.side, se.quads, se.nq, &se.syms, se.n);
			rc = read_new(s, im, file, fn, ctx, &se, diags);
			if (se.n == before && pass > 0)
				break;
		}
		free(sh.grey);
	}
	free(se.quads);
	for (size_t i = 0; i < se.n; i++)
		free(se.syms[i].data);
	free(se.syms);
	if (rc < 0)
		return -1;
	if (se.found == 0 && se.bad == 0)
		return ul_error(diags, file, 0, 0, "no card found: no QR code "
				"could be read in the image");
	return se.found;
}
