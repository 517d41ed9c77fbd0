/* SPDX-License-Identifier: ISC */
/*
 * Images in: photos and scans decoded by gdk-pixbuf (JPEG and PNG, HEIC
 * and others where a loader is installed), turned upright from their EXIF
 * orientation, kept as 8-bit RGB and as an 8-bit grey plane for the
 * scanner's arithmetic; and out, as JPEG for documents that embed photos
 * and as PNG for the scanner's crops. Knows nothing of cards, QR codes or
 * argv.
 */
#ifndef UL_IMAGE_H
#define UL_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cairo.h>

#include "diag.h"

#define UL_IMAGE_MAX_BYTES ((size_t)256 << 20)	/* a file larger is refused */
#define UL_IMAGE_MAX_PIXELS ((size_t)120000000)	/* 120 MP: larger is refused */

struct ul_image {
	int w, h;
	unsigned char *rgb;	/* w × h × 3, row-major, owned */
	unsigned char *grey;	/* w × h, row-major, owned (BT.601 luma) */
};

/*
 * Decode path (or data from memory, named name in messages). Alpha is
 * composited on white. Returns 0, or -1 with an error naming the file:
 * UL_ENOINPUT when it cannot be opened, UL_EDATA when it is not an image
 * gdk-pixbuf can read, is truncated, or is larger than the limits above.
 */
int ul_image_load(struct ul_image *, const char *path, struct ul_diags *);
int ul_image_load_mem(struct ul_image *, const char *name, const void *data,
		      size_t len, struct ul_diags *);
void ul_image_release(struct ul_image *);

/*
 * A grey plane reduced by an integer factor (box average), for finding
 * codes quickly in large photos. out->rgb is NULL. Release with
 * ul_image_release.
 */
void ul_image_reduce(const struct ul_image *, int factor, struct ul_image *out);

/*
 * The w × h RGB pixels (rows stride bytes apart) as a JPEG of the given
 * quality (1–100), in *out (g_free'd by the caller: the bytes are
 * glib's), *len bytes. Returns 0, or -1 (nothing in *out).
 */
int ul_image_jpeg(const unsigned char *rgb, int w, int h, int stride,
		  int quality, unsigned char **out, size_t *len);
/*
 * The same pixels as a PNG, deflated at level 0–9 (1 is four times as
 * fast as 6 on photos, for a file 15% larger). Safe on any thread.
 */
int ul_image_png(const unsigned char *rgb, int w, int h, int stride,
		 int level, unsigned char **out, size_t *len);

/*
 * A PNG in memory: its size from the IHDR header (false when data holds
 * no PNG header), without decoding; and decoded by cairo into an image
 * surface (check cairo_surface_status: an error surface when unreadable).
 */
bool ul_png_size(const void *data, size_t len, uint32_t *w, uint32_t *h);
cairo_surface_t *ul_png_surface(const void *data, size_t len);

#endif
