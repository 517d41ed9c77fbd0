/* SPDX-License-Identifier: ISC */
/*
 * QR finder patterns (lib/qrfinder): drawn at a known place, size and
 * angle, they are found there, grouped as one code with its corner first
 * and its neighbours in the printed order; stripes with a finder's
 * profile across, flat paper and images too small hold none.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "qrfinder.h"
#include "tap.h"
#include "util.h"

#define W 400
#define H 400

/*
 * The three finders of a code N modules wide, m pixels a module, its
 * top-left corner at (ox, oy), turned by a radians: dark where the
 * Chebyshev distance from a centre is within 1.5 or 2.5–3.5 modules.
 */
static void
draw_code(unsigned char *g, int N, double m, double ox, double oy, double a,
	  double cx[3], double cy[3])
{
	double mu[3] = { 3.5, N - 3.5, 3.5 }, mv[3] = { 3.5, 3.5, N - 3.5 };
	double ca = cos(a), sa = sin(a);

	memset(g, 235, (size_t)W * H);
	for (int k = 0; k < 3; k++) {
		cx[k] = ox + m * (ca * mu[k] - sa * mv[k]);
		cy[k] = oy + m * (sa * mu[k] + ca * mv[k]);
	}
	for (int y = 0; y < H; y++)
		for (int x = 0; x < W; x++) {
			/* image → module coordinates */
			double dx = x + 0.5 - ox, dy = y + 0.5 - oy;
			double u = (ca * dx + sa * dy) / m, v = (-sa * dx + ca * dy) / m;
			for (int k = 0; k < 3; k++) {
				double d = fmax(fabs(u - mu[k]), fabs(v - mv[k]));
				if (d <= 1.5 || (d > 2.5 && d <= 3.5))
					g[(size_t)y * W + x] = 30;
			}
		}
}

/* Index of the finder found nearest (x, y), within r pixels, or -1. */
static int
near(const struct ul_finder *f, size_t n, double x, double y, double r)
{
	for (size_t i = 0; i < n; i++)
		if (hypot(f[i].x - x, f[i].y - y) <= r)
			return (int)i;
	return -1;
}

static void
one_code(const char *what, int N, double m, double ox, double oy, double a)
{
	unsigned char *g = ul_xmalloc((size_t)W * H);
	struct ul_finder *f;
	struct ul_finder_triple *t;
	double cx[3], cy[3];
	int idx[3];

	draw_code(g, N, m, ox, oy, a, cx, cy);
	size_t n = ul_finders_find(g, W, H, 0, 0, W, H, &f);
	ok(n == 3, what);
	for (int k = 0; k < 3; k++) {
		idx[k] = near(f, n, cx[k], cy[k], 0.6 * m);
		ok(idx[k] >= 0, "  each finder found within 0.6 module of its centre");
		if (idx[k] >= 0)
			ok(fabs(f[idx[k]].module - m) < 0.3 * m, "  with its module size");
	}
	size_t nt = ul_finders_group(f, n, 8, &t);
	ok(nt == 1, "  one group of three");
	if (nt == 1 && idx[0] >= 0 && idx[1] >= 0 && idx[2] >= 0) {
		ok(t[0].c == idx[0], "  the corner is the top-left finder");
		ok(t[0].p == idx[1] && t[0].q == idx[2],
		   "  then the one to its right, then the one below");
	}
	free(t);
	free(f);
	free(g);
}

int
main(void)
{
	one_code("a code upright, 4 px a module: three finders", 25, 4, 100, 100, 0);
	one_code("turned 30 degrees, 3 px a module", 29, 3, 180, 60, M_PI / 6);
	one_code("upside down, 2.5 px a module", 33, 2.5, 300, 300, M_PI);
	one_code("turned 250 degrees, 2 px a module", 29, 2, 150, 250,
		 250 * M_PI / 180);

	/* stripes with the profile across them: nothing down them */
	unsigned char *g = ul_xmalloc((size_t)W * H);
	static const int prof[] = { 1, 1, 3, 1, 1, 2 };
	for (int x = 0, k = 0, left = 4; x < W; x++) {
		for (int y = 0; y < H; y++)
			g[(size_t)y * W + x] = k % 2 == 0 && k != 5 ? 30 : 235;
		if (--left == 0) {
			k = (k + 1) % 6;
			left = 4 * prof[k];
		}
	}
	struct ul_finder *f;
	ok(ul_finders_find(g, W, H, 0, 0, W, H, &f) == 0 && !f,
	   "stripes: no finder");
	memset(g, 128, (size_t)W * H);
	ok(ul_finders_find(g, W, H, 0, 0, W, H, &f) == 0 && !f,
	   "flat grey: no finder");
	ok(ul_finders_find(g, 6, 6, 0, 0, 6, 6, &f) == 0 && !f,
	   "an image too small: none");
	struct ul_finder_triple *t;
	ok(ul_finders_group(NULL, 0, 8, &t) == 0 && !t, "no finders: no group");
	free(g);
	return done_testing();
}
