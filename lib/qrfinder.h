/* SPDX-License-Identifier: ISC */
/*
 * Where QR codes are, even when no decoder can read them as they lie:
 * the centres of QR finder patterns (the three nested squares in a
 * code's corners) found by their 1:1:3:1:1 profile against a local
 * threshold (and in the image's fine detail, for small blurred codes),
 * and grouped three by three into the codes they may belong to. A code
 * too small, blurred or foreshortened for libzbar to read in
 * place is read once it has been turned upright and enlarged from these
 * three points (lib/scan does that). Knows nothing of cards, payloads or
 * zbar; allocates only what it returns.
 */
#ifndef UL_QRFINDER_H
#define UL_QRFINDER_H

#include <stddef.h>

struct ul_finder {
	double x, y;		/* centre, image pixels */
	double module;		/* a module's size there, pixels */
	int hits;		/* scan lines that crossed it */
};

/*
 * The finder patterns of the grey image (w × h, row-major) whose centres
 * lie in the rectangle [x0, x1) × [y0, y1). Returns how many, in *out
 * (malloc'd, NULL for none): the surest first.
 */
size_t ul_finders_find(const unsigned char *grey, int w, int h, int x0, int y0,
		       int x1, int y1, struct ul_finder **out);

/* Three finders that may be one code's: c the corner, p and q the others. */
struct ul_finder_triple {
	int c, p, q;		/* indices in the finders */
	double score;		/* lower is likelier */
};

/*
 * The triples of finders that could be one code's (alike modules, as far
 * apart as a code's corners are, at a plausible angle), the likeliest
 * first, at most max. Returns how many, in *out (malloc'd).
 */
size_t ul_finders_group(const struct ul_finder *, size_t n, size_t max,
			struct ul_finder_triple **out);

#endif
