/* SPDX-License-Identifier: ISC */
/*
 * Images in (lib/image): what a phone or a scanner writes decodes to RGB
 * and grey, transparency on white paper; every input that is no picture,
 * an empty one or one too large to decode is refused before it costs
 * memory, each with its message; reduction averages boxes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "diag.h"
#include "image.h"
#include "tap.h"
#include "util.h"

/* Decode data; "" when it loads, else the first error's message. */
static char *
load(const void *data, size_t len, struct ul_image *im)
{
	struct ul_diags d;
	char *res;

	ul_diags_init(&d);
	if (ul_image_load_mem(im, "x", data, len, &d) == 0)
		res = ul_xstrdup("");
	else
		res = ul_xstrdup(d.n ? d.v[0].msg : "failed without a message");
	ul_diags_release(&d);
	return res;
}

static void
refused(const void *data, size_t len, const char *want, const char *name)
{
	struct ul_image im;
	char *got = load(data, len, &im);

	is_str(got, want, name);
	ok(im.rgb == NULL && im.grey == NULL, "…nothing kept");
	free(got);
	ul_image_release(&im);
}

/* A w × h picture saved in format ("png", "bmp"…) into *out. */
static bool
encode(GdkPixbuf *pb, const char *format, gchar **out, gsize *len)
{
	return gdk_pixbuf_save_to_buffer(pb, out, len, format, NULL, NULL);
}

static void
put_le32(unsigned char *p, unsigned v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
	p[2] = (v >> 16) & 0xff;
	p[3] = v >> 24;
}

int
main(void)
{
	struct ul_image im, small;
	char *got;
	gchar *buf;
	gsize len;

	/* An RGBA picture: red, transparent, half-transparent black, blue. */
	GdkPixbuf *pb = gdk_pixbuf_new(GDK_COLORSPACE_RGB, TRUE, 8, 2, 2);
	guchar *px = gdk_pixbuf_get_pixels(pb);
	int stride = gdk_pixbuf_get_rowstride(pb);
	const guchar pixels[4][4] = {
		{ 255, 0, 0, 255 }, { 0, 255, 0, 0 }, { 0, 0, 0, 128 }, { 0, 0, 255, 255 },
	};
	for (int i = 0; i < 4; i++)
		memcpy(px + (i / 2) * stride + (i % 2) * 4, pixels[i], 4);
	ok(encode(pb, "png", &buf, &len), "an RGBA PNG written");
	got = load(buf, len, &im);
	is_str(got, "", "an RGBA PNG decodes");
	free(got);
	ok(im.w == 2 && im.h == 2, "its size");
	ok(im.rgb[0] == 255 && im.rgb[1] == 0 && im.rgb[2] == 0, "an opaque pixel as it is");
	ok(im.rgb[3] == 255 && im.rgb[4] == 255 && im.rgb[5] == 255,
	   "a transparent pixel is the white of the paper");
	ok(im.rgb[6] >= 126 && im.rgb[6] <= 128 && im.rgb[6] == im.rgb[7],
	   "half-transparent black is mid grey");
	is_int(im.grey[0], (77 * 255 + 128) >> 8, "grey is BT.601 luma (red)");
	is_int(im.grey[1], 255, "…(white)");
	is_int(im.grey[3], (29 * 255 + 128) >> 8, "…(blue)");

	/* Reduction */
	ul_image_reduce(&im, 2, &small);
	ok(small.w == 1 && small.h == 1 && small.rgb == NULL, "reduced by 2: one pixel, grey only");
	is_int(small.grey[0], (im.grey[0] + im.grey[1] + im.grey[2] + im.grey[3] + 2) / 4,
	       "…the average of the four");
	ul_image_release(&small);
	ul_image_reduce(&im, 3, &small);
	ok(small.w == 0 && small.h == 0 && small.grey == NULL,
	   "reduced past its size: nothing");
	ul_image_release(&small);
	ul_image_release(&im);
	g_free(buf);

	/* Another format gdk-pixbuf reads, with no alpha: BMP */
	GdkPixbuf *rgb = gdk_pixbuf_new(GDK_COLORSPACE_RGB, FALSE, 8, 3, 1);
	gdk_pixbuf_fill(rgb, 0x336699ff);
	ok(encode(rgb, "bmp", &buf, &len), "a BMP written");
	got = load(buf, len, &im);
	is_str(got, "", "a BMP decodes");
	ok(im.w == 3 && im.rgb[0] == 0x33 && im.rgb[1] == 0x66 && im.rgb[2] == 0x99,
	   "…its colour");
	free(got);
	ul_image_release(&im);
	g_free(buf);

	/* Refused */
	refused("", 0, "empty file: not an image", "an empty input");
	refused("hello, world", 12, "cannot read the image: Unrecognized image file format",
		"a text");
	/* A PNG header of 0 × 7 pixels. */
	unsigned char png[33] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\0\0\0\0\x07\x08\x02\0\0\0";
	refused(png, sizeof(png), "image of 0 × 7 pixels: nothing to read",
		"a PNG of no pixels, from its header");
	/* A BMP header claiming 20000 × 20000: refused as gdk-pixbuf reads it. */
	unsigned char bmp[58] = { 'B', 'M' };
	put_le32(bmp + 2, sizeof(bmp));
	put_le32(bmp + 10, 54);
	put_le32(bmp + 14, 40);
	put_le32(bmp + 18, 20000);
	put_le32(bmp + 22, 20000);
	bmp[26] = 1;
	bmp[28] = 24;
	refused(bmp, sizeof(bmp), "image of 20000 × 20000 pixels is larger than the "
		"120 megapixels read", "a BMP too large, refused before decoding");

	/* From a file */
	struct ul_diags d;
	ul_diags_init(&d);
	ok(ul_image_load(&im, "/nonexistent/photo.jpg", &d) == -1 && d.n == 1 &&
	   d.v[0].code == UL_ENOINPUT && strncmp(d.v[0].msg, "cannot read: ", 13) == 0,
	   "a missing file: cannot read (66)");
	ul_diags_release(&d);
	ul_diags_init(&d);
	ok(ul_image_load(&im, "/dev/zero", &d) == -1 && d.n == 1 && d.v[0].code == UL_EDATA &&
	   strcmp(d.v[0].msg, "cannot read the image: not a format gdk-pixbuf reads") == 0,
	   "/dev/zero: refused from its first bytes (65)");
	ul_diags_release(&d);

	g_object_unref(pb);
	g_object_unref(rgb);
	return done_testing();
}
