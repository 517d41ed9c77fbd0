/* SPDX-License-Identifier: ISC */
/*
 * QR finder patterns: every scan line through a finder's centre crosses
 * dark, light, dark, light, dark in the ratio 1:1:3:1:1, whatever the
 * code's rotation, shear or scale (the squares are concentric, so any
 * line through their centre cuts them in proportion). Rows are read
 * against a threshold half-way between the darkest and the lightest of
 * the neighbourhood (a shadow or a lamp's fall-off move both), each
 * profile that fits is checked again down its column, and the hits are
 * clustered into centres. Then once more on the image's fine detail
 * (each pixel against the mean of the 7 × 7 around it): a far code's
 * one-module rings, two pixels wide and blurred, are greys that the
 * neighbourhood's mid-grey puts all on one side, while against their
 * own surroundings they are dark and light again.
 * Owns nothing past its results; knows nothing of what the codes hold.
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "qrfinder.h"
#include "util.h"

/* Threshold blocks, and how many around each one its window spans. */
#define BLOCK 16
#define REACH 2
/* Less contrast than this (grey levels) around a block: nothing printed. */
#define MIN_CONTRAST 48
/* A module shorter than this (pixels) on a row or a column: noise. */
#define MIN_MODULE 1.2

struct thr {
	int bw, bh;
	unsigned char *t;	/* per block; 0: nothing to find there */
};

static void
thr_make(const unsigned char *g, int w, int h, struct thr *th)
{
	int bw = (w + BLOCK - 1) / BLOCK, bh = (h + BLOCK - 1) / BLOCK;
	unsigned char *mn = ul_xmalloc((size_t)bw * bh);
	unsigned char *mx = ul_xmalloc((size_t)bw * bh);

	memset(mn, 255, (size_t)bw * bh);
	memset(mx, 0, (size_t)bw * bh);
	for (int y = 0; y < h; y++) {
		const unsigned char *row = g + (size_t)y * w;
		unsigned char *bmn = mn + (size_t)(y / BLOCK) * bw;
		unsigned char *bmx = mx + (size_t)(y / BLOCK) * bw;
		for (int x = 0; x < w; x++) {
			int b = x / BLOCK;
			if (row[x] < bmn[b])
				bmn[b] = row[x];
			if (row[x] > bmx[b])
				bmx[b] = row[x];
		}
	}
	th->bw = bw;
	th->bh = bh;
	th->t = ul_xmalloc((size_t)bw * bh);
	for (int by = 0; by < bh; by++)
		for (int bx = 0; bx < bw; bx++) {
			int lo = 255, hi = 0;
			for (int k = by - REACH; k <= by + REACH; k++)
				for (int j = bx - REACH; j <= bx + REACH; j++) {
					if (k < 0 || k >= bh || j < 0 || j >= bw)
						continue;
					lo = mn[k * bw + j] < lo ? mn[k * bw + j] : lo;
					hi = mx[k * bw + j] > hi ? mx[k * bw + j] : hi;
				}
			th->t[by * bw + bx] = hi - lo < MIN_CONTRAST ? 0 :
					      (unsigned char)((lo + hi + 1) / 2);
		}
	free(mn);
	free(mx);
}

static inline bool
dark(const unsigned char *g, int w, const struct thr *th, int x, int y)
{
	return g[(size_t)y * w + x] < th->t[(y / BLOCK) * th->bw + x / BLOCK];
}

/*
 * Whether five runs are a finder's profile, its module at least least
 * steps along the line; its module size (steps) in *m.
 */
static bool
profile(const int r[5], double least, double *m)
{
	int total = r[0] + r[1] + r[2] + r[3] + r[4];
	double mod = total / 7.0;

	if (mod < least)
		return false;
	for (int k = 0; k < 5; k++) {
		if (k == 2)
			continue;
		if (r[k] < 0.3 * mod || r[k] > 2.0 * mod)
			return false;
	}
	if (r[2] < 1.8 * mod || r[2] > 4.8 * mod)
		return false;
	/* the two sides of one centre are alike */
	if (abs(r[0] - r[4]) > 1.3 * mod || abs(r[1] - r[3]) > 1.3 * mod)
		return false;
	*m = mod;
	return true;
}

/*
 * The five runs along the line through (x, y) in direction (dx, dy), the
 * centre's dark run split by (x, y); each run at most lim pixels. Returns
 * whether the line holds a whole profile; *c: the centre run's middle,
 * as an offset from (x, y) along the line.
 */
static bool
cross(const unsigned char *g, int w, int h, const struct thr *th, int x,
      int y, int dx, int dy, int lim, int r[5], double *c)
{
	int fwd[3] = { 0 }, back[3] = { 0 };

	if (!dark(g, w, th, x, y))
		return false;
	for (int dir = 0; dir < 2; dir++) {
		int *run = dir ? back : fwd, sx = dir ? -dx : dx, sy = dir ? -dy : dy;
		int px = x, py = y, stage = 0;
		/* stage 0: the centre (dark), 1: light, 2: dark, then light */
		for (;;) {
			px += sx;
			py += sy;
			if (px < 0 || py < 0 || px >= w || py >= h)
				return false;
			bool d = dark(g, w, th, px, py);
			bool want = stage != 1;
			if (d != want) {
				if (++stage == 3)
					break;
			}
			if (++run[stage] > lim)
				return false;
		}
		if (run[1] == 0 || run[2] == 0)
			return false;
	}
	r[0] = back[2];
	r[1] = back[1];
	r[2] = back[0] + fwd[0] + 1;
	r[3] = fwd[1];
	r[4] = fwd[2];
	*c = (fwd[0] - back[0]) / 2.0;
	return true;
}

/*
 * Both diagonals through a centre found on a row and a column cross the
 * profile too: stripes, a table's grain or a ruled line do not. A step
 * along a diagonal is √2 pixels: a code turned 45° has its modules that
 * much fewer steps long there than along the rows.
 */
static bool
diagonals(const unsigned char *g, int w, int h, const struct thr *th, int x,
	  int y, double m)
{
	int r[5];
	double c, dm;

	for (int k = 0; k < 2; k++)
		if (!cross(g, w, h, th, x, y, 1, k ? -1 : 1, (int)(7 * m) + 2, r, &c) ||
		    !profile(r, MIN_MODULE / M_SQRT2, &dm))
			return false;
	return true;
}

static void
add_hit(struct ul_finder **f, size_t *n, size_t *cap, double x, double y,
	double m)
{
	for (size_t i = 0; i < *n; i++) {
		struct ul_finder *o = &(*f)[i];
		double r = o->module > m ? o->module / m : m / o->module;
		if (r < 1.7 && hypot(o->x - x, o->y - y) < fmax(2.5 * o->module, 3)) {
			o->x = (o->x * o->hits + x) / (o->hits + 1);
			o->y = (o->y * o->hits + y) / (o->hits + 1);
			o->module = (o->module * o->hits + m) / (o->hits + 1);
			o->hits++;
			return;
		}
	}
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 64;
		*f = ul_xreallocarray(*f, *cap, sizeof(**f));
	}
	(*f)[(*n)++] = (struct ul_finder){ x, y, m, 1 };
}

static int
cmp_hits(const void *a, const void *b)
{
	const struct ul_finder *x = a, *y = b;
	return (x->hits < y->hits) - (x->hits > y->hits);
}

/* The hits of one image's rows, clustered (add_hit) into *f. */
static void
find_pass(const unsigned char *g, int w, int h, const struct thr *th, int x0,
	  int y0, int x1, int y1, struct ul_finder **f, size_t *n, size_t *cap)
{
	for (int y = y0; y < y1; y++) {
		int run[5] = { 0 }, k = 0;	/* k: runs complete so far */
		bool prev = false;
		int len = 0;
		for (int x = x0; x <= x1; x++) {
			bool d = x < x1 && dark(g, w, th, x, y);
			if (x > x0 && d == prev) {
				len++;
				continue;
			}
			if (x > x0 && (prev || k > 0)) {
				/* a run ends: keep the last five, dark first */
				if (k == 5) {
					memmove(run, run + 1, 4 * sizeof(int));
					k = 4;
				}
				run[k++] = len;
				if (k == 5 && prev) {
					double m, cy, cx;
					int v[5];
					int mid = x - run[4] - run[3] - run[2] / 2 - 1;
					if (profile(run, MIN_MODULE, &m) &&
					    cross(g, w, h, th, mid, y, 0, 1,
						  (int)(7 * m) + 2, v, &cy) &&
					    profile(v, MIN_MODULE, &m)) {
						int yc = (int)lround(y + cy);
						int hrun[5];
						/* and across again, through the centre */
						if (cross(g, w, h, th, mid, yc, 1, 0,
							  (int)(7 * m) + 2, hrun, &cx) &&
						    profile(hrun, MIN_MODULE, &m) &&
						    diagonals(g, w, h, th,
							      (int)lround(mid + cx), yc, m))
							add_hit(f, n, cap, mid + cx,
								y + cy, m);
					}
				}
			}
			prev = d;
			len = 1;
		}
	}
}

/*
 * Every row through a finder's centre square (three modules high)
 * crosses its profile; a letter or a printed circle matches on a row or
 * two. Keeps, of f[from] to f[n - 1], those crossed often enough.
 */
static size_t
keep_sure(struct ul_finder *f, size_t from, size_t n)
{
	size_t kept = from;

	for (size_t i = from; i < n; i++)
		if (f[i].hits >= 2 && f[i].hits >= 0.9 * f[i].module)
			f[kept++] = f[i];
	return kept;
}

/* The fine detail: 128 + 3/2 × (pixel − the mean of the 7 × 7 around). */
#define DETAIL_R 3
#define DETAIL_GAIN_NUM 3
#define DETAIL_GAIN_DEN 2
/* Larger modules (pixels) are the first pass's. */
#define DETAIL_MAX_MODULE 3.5

/* Whether the centre square of finder f is dark in g, at five points. */
static bool
dark_centre(const unsigned char *g, int w, int h, const struct thr *th,
	    const struct ul_finder *f)
{
	static const double at[5][2] = { { 0, 0 }, { -0.8, 0 }, { 0.8, 0 },
					 { 0, -0.8 }, { 0, 0.8 } };

	for (int k = 0; k < 5; k++) {
		int x = (int)lround(f->x + at[k][0] * f->module);
		int y = (int)lround(f->y + at[k][1] * f->module);
		if (x < 0 || y < 0 || x >= w || y >= h || !dark(g, w, th, x, y))
			return false;
	}
	return true;
}

static unsigned char *
detail(const unsigned char *g, int w, int h)
{
	unsigned char *u = ul_xmalloc((size_t)w * h);
	/* each column's sum over the window's rows, slid down the image */
	uint32_t *col = ul_xcalloc((size_t)w, sizeof(*col));
	int ya = 0, yb = 0;	/* rows [ya, yb) are in col */

	for (int y = 0; y < h; y++) {
		int lo = y - DETAIL_R < 0 ? 0 : y - DETAIL_R;
		int hi = y + DETAIL_R + 1 > h ? h : y + DETAIL_R + 1;
		for (; yb < hi; yb++)
			for (int x = 0; x < w; x++)
				col[x] += g[(size_t)yb * w + x];
		for (; ya < lo; ya++)
			for (int x = 0; x < w; x++)
				col[x] -= g[(size_t)ya * w + x];
		const unsigned char *row = g + (size_t)y * w;
		unsigned char *out = u + (size_t)y * w;
		int32_t sum = 0;
		int xa = 0, xb = 0;	/* columns [xa, xb) are in sum */
		for (int x = 0; x < w; x++) {
			int l = x - DETAIL_R < 0 ? 0 : x - DETAIL_R;
			int r = x + DETAIL_R + 1 > w ? w : x + DETAIL_R + 1;
			for (; xb < r; xb++)
				sum += (int32_t)col[xb];
			for (; xa < l; xa++)
				sum -= (int32_t)col[xa];
			/* integers: a division by a constant inside the image */
			int32_t area = (xb - xa) * (yb - ya), v;
			int32_t d = area * row[x] - sum;
			if (area == (2 * DETAIL_R + 1) * (2 * DETAIL_R + 1))
				v = 128 + DETAIL_GAIN_NUM * d /
					  (DETAIL_GAIN_DEN * (2 * DETAIL_R + 1) *
					   (2 * DETAIL_R + 1));
			else
				v = 128 + DETAIL_GAIN_NUM * d / (DETAIL_GAIN_DEN * area);
			out[x] = (unsigned char)(v < 0 ? 0 : v > 255 ? 255 : v);
		}
	}
	free(col);
	return u;
}

size_t
ul_finders_find(const unsigned char *g, int w, int h, int x0, int y0, int x1,
		int y1, struct ul_finder **out)
{
	struct ul_finder *f = NULL;
	size_t n = 0, cap = 0;

	*out = NULL;
	x0 = x0 < 0 ? 0 : x0;
	y0 = y0 < 0 ? 0 : y0;
	x1 = x1 > w ? w : x1;
	y1 = y1 > h ? h : y1;
	if (w < 8 || h < 8 || x1 - x0 < 8 || y1 - y0 < 8)
		return 0;
	struct thr th, thd;
	thr_make(g, w, h, &th);
	find_pass(g, w, h, &th, x0, y0, x1, y1, &f, &n, &cap);
	size_t kept = keep_sure(f, 0, n);
	/*
	 * The fine detail's hits are clustered apart. Its finders are of
	 * small codes only (the first pass reads the others' rings), and
	 * their centre square is dark in the image itself too: the fine
	 * detail of a wood grain or a fabric has the profile now and then,
	 * never a centre as dark as ink on paper.
	 */
	struct ul_finder *fd = NULL;
	size_t nd = 0, capd = 0;
	unsigned char *u = detail(g, w, h);
	thr_make(u, w, h, &thd);
	/* where the image itself has no contrast, nothing is printed */
	for (int b = 0; b < th.bw * th.bh; b++)
		if (!th.t[b])
			thd.t[b] = 0;
	find_pass(u, w, h, &thd, x0, y0, x1, y1, &fd, &nd, &capd);
	free(thd.t);
	free(u);
	nd = keep_sure(fd, 0, nd);
	size_t small = 0;
	for (size_t i = 0; i < nd; i++)
		if (fd[i].module <= DETAIL_MAX_MODULE &&
		    dark_centre(g, w, h, &th, &fd[i]))
			fd[small++] = fd[i];
	nd = small;
	free(th.t);
	size_t first = kept;
	for (size_t i = 0; i < nd; i++) {
		bool seen = false;
		for (size_t k = 0; k < first && !seen; k++)
			seen = hypot(f[k].x - fd[i].x, f[k].y - fd[i].y) <
			       fmax(2.5 * f[k].module, 3);
		if (seen)
			continue;
		if (kept == cap) {
			cap = cap ? 2 * cap : 64;
			f = ul_xreallocarray(f, cap, sizeof(*f));
		}
		f[kept++] = fd[i];
	}
	free(fd);
	if (kept)
		qsort(f, kept, sizeof(*f), cmp_hits);
	else {
		free(f);
		f = NULL;
	}
	*out = f;
	return kept;
}

static int
cmp_triple(const void *a, const void *b)
{
	const struct ul_finder_triple *x = a, *y = b;
	return (x->score > y->score) - (x->score < y->score);
}

/*
 * How unlike a code's corner c is with p and q: the two sides alike and
 * at right angles before shear; -1 when no code has them so.
 */
static double
corner_score(const struct ul_finder *c, const struct ul_finder *p,
	     const struct ul_finder *q, double mod)
{
	double ax = p->x - c->x, ay = p->y - c->y;
	double bx = q->x - c->x, by = q->y - c->y;
	double la = hypot(ax, ay) / mod, lb = hypot(bx, by) / mod;

	/* version 1 has its centres 14 modules apart, version 15 has 70 */
	if (la < 9 || lb < 9 || la > 80 || lb > 80)
		return -1;
	double ratio = la > lb ? la / lb : lb / la;
	if (ratio > 2.2)
		return -1;
	double cosang = (ax * bx + ay * by) / (hypot(ax, ay) * hypot(bx, by));
	double ang = acos(fmax(-1, fmin(1, cosang))) * 180 / M_PI;
	if (ang < 35 || ang > 145)
		return -1;
	return fabs(ang - 90) / 45 + log(ratio);
}

size_t
ul_finders_group(const struct ul_finder *f, size_t n, size_t max,
		 struct ul_finder_triple **out)
{
	struct ul_finder_triple *t = NULL;
	size_t nt = 0, cap = 0;

	*out = NULL;
	if (n > 120)	/* the surest come first */
		n = 120;
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			for (size_t k = j + 1; k < n; k++) {
				const struct ul_finder *a = &f[i], *b = &f[j], *c = &f[k];
				double lo = fmin(a->module, fmin(b->module, c->module));
				double hi = fmax(a->module, fmax(b->module, c->module));
				if (hi > 1.8 * lo)
					continue;
				double mod = (a->module + b->module + c->module) / 3;
				int idx[3] = { (int)i, (int)j, (int)k };
				double best = -1;
				int bc = -1;
				for (int r = 0; r < 3; r++) {
					double s = corner_score(&f[idx[r]],
								&f[idx[(r + 1) % 3]],
								&f[idx[(r + 2) % 3]], mod);
					if (s >= 0 && (bc < 0 || s < best)) {
						best = s;
						bc = r;
					}
				}
				if (bc < 0)
					continue;
				if (nt == cap) {
					cap = cap ? 2 * cap : 32;
					t = ul_xreallocarray(t, cap, sizeof(*t));
				}
				/*
				 * p to the corner's right, q below it, as on the
				 * printed code (y grows downwards): a photo is
				 * never mirrored.
				 */
				int ci = idx[bc], pi = idx[(bc + 1) % 3];
				int qi = idx[(bc + 2) % 3];
				double cr = (f[pi].x - f[ci].x) * (f[qi].y - f[ci].y) -
					    (f[pi].y - f[ci].y) * (f[qi].x - f[ci].x);
				if (cr < 0) {
					int tmp = pi;
					pi = qi;
					qi = tmp;
				}
				t[nt++] = (struct ul_finder_triple){
					ci, pi, qi, best + log(hi / lo) };
			}
	if (nt)
		qsort(t, nt, sizeof(*t), cmp_triple);
	if (nt > max)
		nt = max;
	if (!nt) {
		free(t);
		t = NULL;
	}
	*out = t;
	return nt;
}
