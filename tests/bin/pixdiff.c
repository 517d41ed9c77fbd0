/* SPDX-License-Identifier: ISC */
/*
 * pixdiff A.pgm B.pgm: compares two greyscale renderings of the same page
 * (pdftoppm -gray), allowing antialiasing differences only. A pixel of A
 * is a real difference when no pixel of B within one pixel of it is close
 * in value (and the same the other way round), so edges moved by a
 * rounding of a fraction of a pixel pass, while missing or extra ink, a
 * wrong glyph, a shifted or turned page do not. Sizes may differ by one
 * pixel (rounding of the page size); the common part is compared, but
 * for its outermost pixels, where the page's own edge is antialiased.
 * Prints "N of M pixels differ" and exits 0 when N is 0, 1 otherwise,
 * 2 on bad input.
 */
#include <stdio.h>
#include <stdlib.h>

#define CLOSE 48		/* grey levels: antialiasing stays within this */

struct img {
	int w, h;
	unsigned char *px;
};

static int
load(const char *path, struct img *im)
{
	FILE *fp = fopen(path, "rb");
	int max;

	if (!fp || fscanf(fp, "P5 %d %d %d", &im->w, &im->h, &max) != 3 ||
	    max != 255 || im->w <= 0 || im->h <= 0 || fgetc(fp) == EOF) {
		fprintf(stderr, "pixdiff: %s: not a binary 8-bit PGM\n", path);
		return -1;
	}
	im->px = malloc((size_t)im->w * im->h);
	if (!im->px || fread(im->px, 1, (size_t)im->w * im->h, fp) !=
	    (size_t)im->w * im->h) {
		fprintf(stderr, "pixdiff: %s: short\n", path);
		return -1;
	}
	fclose(fp);
	return 0;
}

/* Whether some pixel of b near (x, y) is within CLOSE of v. */
static int
near(const struct img *b, int w, int h, int x, int y, int v)
{
	for (int dy = -1; dy <= 1; dy++)
		for (int dx = -1; dx <= 1; dx++) {
			int xx = x + dx, yy = y + dy;
			if (xx < 0 || yy < 0 || xx >= w || yy >= h)
				continue;
			if (abs(b->px[(size_t)yy * b->w + xx] - v) <= CLOSE)
				return 1;
		}
	return 0;
}

int
main(int argc, char **argv)
{
	struct img a, b;

	if (argc != 3 || load(argv[1], &a) || load(argv[2], &b))
		return 2;
	if (abs(a.w - b.w) > 1 || abs(a.h - b.h) > 1) {
		printf("sizes differ: %dx%d and %dx%d\n", a.w, a.h, b.w, b.h);
		return 1;
	}
	int w = a.w < b.w ? a.w : b.w, h = a.h < b.h ? a.h : b.h;
	long bad = 0;
	for (int y = 1; y + 1 < h; y++)
		for (int x = 1; x + 1 < w; x++) {
			int va = a.px[(size_t)y * a.w + x];
			int vb = b.px[(size_t)y * b.w + x];
			if (abs(va - vb) <= CLOSE)
				continue;
			if (!near(&b, w, h, x, y, va) || !near(&a, w, h, x, y, vb))
				bad++;
		}
	printf("%ld of %ld pixels differ\n", bad, (long)w * h);
	free(a.px);
	free(b.px);
	return bad != 0;
}
