/* SPDX-License-Identifier: ISC */
/*
 * Images in: decoding through gdk-pixbuf's incremental loader (one code
 * path for files and memory, so the fuzz target runs what the command
 * runs), the EXIF orientation applied, and the size checked before the
 * pixels are allocated (a 60-byte PNG can claim a gigapixel).
 * Owns struct ul_image; knows nothing of what the pixels show.
 * JPEG out goes through gdk-pixbuf too: one image library.
 */
#include <errno.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "image.h"
#include "util.h"

struct prep {
	bool too_large;
	int w, h;
};

/*
 * Whether a JPEG stream reaches its end (EOI) through its segments and
 * entropy-coded scans. gdk-pixbuf's loader decodes a truncated file
 * without a word, greying what is missing: a photo cut short by a full
 * card or a broken transfer must be an error, not a card half read.
 * Inside a scan, 0xFF is followed by 0x00 (stuffing) or a restart marker,
 * so the first other marker ends it.
 */
static bool
jpeg_complete(const unsigned char *p, size_t n)
{
	size_t i = 2;

	while (i + 4 <= n) {
		if (p[i] != 0xFF)
			return false;
		unsigned m = p[i + 1];
		if (m == 0xFF) {		/* fill bytes */
			i++;
			continue;
		}
		if (m == 0xD9)
			return true;
		if (m == 0x01 || (m >= 0xD0 && m <= 0xD7)) {
			i += 2;
			continue;
		}
		size_t len = (size_t)p[i + 2] << 8 | p[i + 3];
		if (len < 2 || i + 2 + len > n)
			return false;
		i += 2 + len;
		if (m != 0xDA)
			continue;
		/* the scan's data, up to the next marker */
		while (i + 1 < n && !(p[i] == 0xFF && p[i + 1] != 0x00 &&
				      !(p[i + 1] >= 0xD0 && p[i + 1] <= 0xD7)))
			i++;
		if (i + 1 >= n)
			return false;
	}
	return i + 2 <= n && p[i] == 0xFF && p[i + 1] == 0xD9;
}

/*
 * The size a PNG (IHDR) or a JPEG (its first SOFn) says it has, read from
 * the bytes before any decoder sees them: gdk-pixbuf's PNG loader
 * allocates the claimed size whatever size-prepared answers. Returns
 * whether a size was found.
 */
static bool
header_size(const unsigned char *p, size_t n, unsigned long *w, unsigned long *h)
{
	if (n >= 24 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0 &&
	    memcmp(p + 12, "IHDR", 4) == 0) {
		*w = (unsigned long)p[16] << 24 | p[17] << 16 | p[18] << 8 | p[19];
		*h = (unsigned long)p[20] << 24 | p[21] << 16 | p[22] << 8 | p[23];
		return true;
	}
	if (n < 4 || p[0] != 0xFF || p[1] != 0xD8)
		return false;
	for (size_t i = 2; i + 9 < n;) {
		if (p[i] != 0xFF)
			return false;
		unsigned m = p[i + 1];
		if (m == 0xFF) {
			i++;
			continue;
		}
		size_t seg = (size_t)p[i + 2] << 8 | p[i + 3];
		/* SOF0…SOF15 but DHT (C4), JPG (C8) and DAC (CC) */
		if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
			*h = (unsigned long)p[i + 5] << 8 | p[i + 6];
			*w = (unsigned long)p[i + 7] << 8 | p[i + 8];
			return true;
		}
		if (m == 0xD9 || m == 0xDA || seg < 2)
			return false;
		i += 2 + seg;
	}
	return false;
}

/*
 * Called once the header is read: refusing here costs nothing, where a
 * refusal after decoding would have allocated the claimed size first.
 */
static void
size_prepared(GdkPixbufLoader *loader, int w, int h, gpointer data)
{
	struct prep *p = data;

	p->w = w;
	p->h = h;
	if (w <= 0 || h <= 0 ||
	    (size_t)w * (size_t)h > UL_IMAGE_MAX_PIXELS) {
		p->too_large = true;
		gdk_pixbuf_loader_set_size(loader, 1, 1);
	}
}

static int
from_pixbuf(struct ul_image *im, GdkPixbuf *pb)
{
	int w = gdk_pixbuf_get_width(pb), h = gdk_pixbuf_get_height(pb);
	int nc = gdk_pixbuf_get_n_channels(pb);
	int stride = gdk_pixbuf_get_rowstride(pb);
	bool alpha = gdk_pixbuf_get_has_alpha(pb);
	const guchar *px = gdk_pixbuf_read_pixels(pb);

	if (gdk_pixbuf_get_colorspace(pb) != GDK_COLORSPACE_RGB ||
	    gdk_pixbuf_get_bits_per_sample(pb) != 8 || nc < 3)
		return -1;
	im->w = w;
	im->h = h;
	im->rgb = ul_xmalloc((size_t)w * h * 3);
	im->grey = ul_xmalloc((size_t)w * h);
	for (int y = 0; y < h; y++) {
		const guchar *s = px + (size_t)y * stride;
		unsigned char *d = im->rgb + (size_t)y * w * 3;
		unsigned char *g = im->grey + (size_t)y * w;
		for (int x = 0; x < w; x++, s += nc, d += 3) {
			unsigned r = s[0], gg = s[1], b = s[2];
			if (alpha) {
				/* on white paper */
				unsigned a = s[3];
				r = (r * a + 255 * (255 - a) + 127) / 255;
				gg = (gg * a + 255 * (255 - a) + 127) / 255;
				b = (b * a + 255 * (255 - a) + 127) / 255;
			}
			d[0] = (unsigned char)r;
			d[1] = (unsigned char)gg;
			d[2] = (unsigned char)b;
			g[x] = (unsigned char)((77 * r + 150 * gg + 29 * b + 128) >> 8);
		}
	}
	return 0;
}

int
ul_image_load_mem(struct ul_image *im, const char *name, const void *data,
		  size_t len, struct ul_diags *d)
{
	GdkPixbufLoader *loader;
	GdkPixbuf *pb, *up = NULL;
	GError *err = NULL;
	struct prep prep = { false, 0, 0 };
	const guchar *p = data, *start = data;
	size_t len0 = len;
	int rc = -1;
	bool closed;

	memset(im, 0, sizeof(*im));
	if (len == 0)
		return ul_error(d, name, 0, 0, "empty file: not an image");
	unsigned long hw, hh;
	bool sized = header_size(data, len, &hw, &hh);
	if (sized && (hw == 0 || hh == 0))
		return ul_error(d, name, 0, 0, "image of %lu × %lu pixels: nothing "
				"to read", hw, hh);
	if (sized && hw > UL_IMAGE_MAX_PIXELS / hh)
		return ul_error(d, name, 0, 0, "image of %lu × %lu pixels is larger "
				"than the %zu megapixels read", hw, hh,
				UL_IMAGE_MAX_PIXELS / 1000000);
	loader = gdk_pixbuf_loader_new();
	g_signal_connect(loader, "size-prepared", G_CALLBACK(size_prepared),
			 &prep);
	/* In slices: a loader may stop early on a corrupt stream. */
	while (len > 0) {
		size_t n = len > (1 << 20) ? (1 << 20) : len;
		if (!gdk_pixbuf_loader_write(loader, p, n, &err) ||
		    prep.too_large)
			break;
		p += n;
		len -= n;
	}
	closed = !err && !prep.too_large;
	if (closed && !gdk_pixbuf_loader_close(loader, &err) && !err)
		err = g_error_new_literal(GDK_PIXBUF_ERROR,
					  GDK_PIXBUF_ERROR_CORRUPT_IMAGE,
					  "cannot decode");
	if (prep.too_large) {
		ul_error(d, name, 0, 0, "image of %d × %d pixels is larger than "
			 "the %zu megapixels read", prep.w, prep.h,
			 UL_IMAGE_MAX_PIXELS / 1000000);
		goto out;
	}
	if (err) {
		/* gdk-pixbuf's messages end in a full stop; ours do not */
		size_t n = strlen(err->message);
		while (n && (err->message[n - 1] == '.' ||
			     err->message[n - 1] == '\n'))
			n--;
		ul_error(d, name, 0, 0, "cannot read the image: %.*s", (int)n,
			 err->message);
		goto out;
	}
	pb = gdk_pixbuf_loader_get_pixbuf(loader);
	if (!pb) {
		ul_error(d, name, 0, 0, "cannot read the image: no picture in it");
		goto out;
	}
	if (len0 >= 3 && start[0] == 0xFF && start[1] == 0xD8 &&
	    start[2] == 0xFF && !jpeg_complete(start, len0)) {
		ul_error(d, name, 0, 0, "cannot read the image: the JPEG data "
			 "ends before the picture does (a truncated file)");
		goto out;
	}
	/* Phones store the sensor's orientation and a tag to turn it. */
	up = gdk_pixbuf_apply_embedded_orientation(pb);
	if (!up || from_pixbuf(im, up) != 0) {
		ul_error(d, name, 0, 0, "cannot read the image: unsupported "
			 "pixel format");
		ul_image_release(im);
		goto out;
	}
	rc = 0;
out:
	if (up)
		g_object_unref(up);
	if (err)
		g_error_free(err);
	if (!closed)	/* a loader must be closed, even after a failure */
		(void)gdk_pixbuf_loader_close(loader, NULL);
	g_object_unref(loader);
	return rc;
}

/*
 * Whether gdk-pixbuf has a loader for what starts with these bytes: 16
 * are enough for the signature of every raster format it reads (JPEG,
 * PNG, HEIF, WebP, TIFF, GIF, BMP…) and too few for any header's picture
 * size, so nothing is allocated for a picture. An input that is no image
 * (/dev/zero, a text) is refused after its first block, not read whole.
 */
#define SNIFF_BYTES 16

static int
known_format(const void *head, size_t n, void *unused)
{
	GdkPixbufLoader *loader = gdk_pixbuf_loader_new();
	GError *err = NULL;
	bool unknown;

	(void)unused;
	if (n == 0)
		return 0;	/* "empty file", said by ul_image_load_mem */
	if (gdk_pixbuf_loader_write(loader, head, n, &err))
		(void)gdk_pixbuf_loader_close(loader, &err);
	else
		(void)gdk_pixbuf_loader_close(loader, NULL);
	unknown = err && g_error_matches(err, GDK_PIXBUF_ERROR,
					 GDK_PIXBUF_ERROR_UNKNOWN_TYPE);
	if (err)
		g_error_free(err);
	g_object_unref(loader);
	return unknown ? ENOEXEC : 0;
}

int
ul_image_load(struct ul_image *im, const char *path, struct ul_diags *d)
{
	char *data = NULL;
	size_t len = 0;
	const char *name = ul_diag_input_name(path);
	int rc;

	memset(im, 0, sizeof(*im));
	if (ul_read_file_head(path, UL_IMAGE_MAX_BYTES, SNIFF_BYTES,
			      known_format, NULL, &data, &len) != 0) {
		if (errno == ENOEXEC)
			return ul_error(d, name, 0, 0, "cannot read the image: "
					"not a format gdk-pixbuf reads");
		if (errno == EFBIG)
			return ul_error(d, name, 0, 0, "file larger than %zu MiB: "
					"not read", UL_IMAGE_MAX_BYTES >> 20);
		return ul_diag_add(d, UL_ERROR, UL_ENOINPUT, name, 0, 0,
				   "cannot read: %s", strerror(errno));
	}
	rc = ul_image_load_mem(im, name, data, len, d);
	free(data);
	return rc;
}

void
ul_image_release(struct ul_image *im)
{
	free(im->rgb);
	free(im->grey);
	memset(im, 0, sizeof(*im));
}

void
ul_image_reduce(const struct ul_image *im, int f, struct ul_image *out)
{
	int w = im->w / f, h = im->h / f;

	memset(out, 0, sizeof(*out));
	if (w < 1 || h < 1 || f < 1) {
		w = h = 0;
		return;
	}
	out->w = w;
	out->h = h;
	out->grey = ul_xmalloc((size_t)w * h);
	unsigned *acc = ul_xcalloc((size_t)w, sizeof(*acc));
	for (int y = 0; y < h; y++) {
		memset(acc, 0, (size_t)w * sizeof(*acc));
		for (int k = 0; k < f; k++) {
			const unsigned char *s = im->grey + (size_t)(y * f + k) * im->w;
			for (int x = 0; x < w; x++) {
				unsigned sum = 0;
				for (int j = 0; j < f; j++)
					sum += s[x * f + j];
				acc[x] += sum;
			}
		}
		for (int x = 0; x < w; x++)
			out->grey[(size_t)y * w + x] =
				(unsigned char)((acc[x] + f * f / 2) / (f * f));
	}
	free(acc);
}

/*
 * The RGB pixels saved by gdk-pixbuf as type, with the one option key at
 * value, which must lie in [lo, hi].
 */
static int
save_rgb(const unsigned char *rgb, int w, int h, int stride, const char *type,
	 const char *key, int value, int lo, int hi, unsigned char **out,
	 size_t *len)
{
	GdkPixbuf *pb;
	gchar *buf = NULL;
	gsize n = 0;
	gboolean ok;
	char v[12];

	*out = NULL;
	*len = 0;
	if (w <= 0 || h <= 0 || value < lo || value > hi)
		return -1;
	snprintf(v, sizeof(v), "%d", value);
	/* the pixels are the caller's: borrowed, never freed here */
	pb = gdk_pixbuf_new_from_data(rgb, GDK_COLORSPACE_RGB, FALSE, 8, w, h,
				      stride, NULL, NULL);
	if (!pb)
		return -1;
	ok = gdk_pixbuf_save_to_buffer(pb, &buf, &n, type, NULL, key, v, NULL);
	g_object_unref(pb);
	if (!ok) {
		g_free(buf);
		return -1;
	}
	*out = (unsigned char *)buf;
	*len = n;
	return 0;
}

int
ul_image_jpeg(const unsigned char *rgb, int w, int h, int stride, int quality,
	      unsigned char **out, size_t *len)
{
	return save_rgb(rgb, w, h, stride, "jpeg", "quality", quality, 1, 100,
			out, len);
}

int
ul_image_png(const unsigned char *rgb, int w, int h, int stride, int level,
	     unsigned char **out, size_t *len)
{
	return save_rgb(rgb, w, h, stride, "png", "compression", level, 0, 9,
			out, len);
}

bool
ul_png_size(const void *data, size_t len, uint32_t *w, uint32_t *h)
{
	static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n',
					     0x1a, '\n'};
	const unsigned char *d = data;

	if (len < 24 || memcmp(d, sig, 8) != 0 || memcmp(d + 12, "IHDR", 4) != 0)
		return false;
	*w = (uint32_t)d[16] << 24 | (uint32_t)d[17] << 16 |
	     (uint32_t)d[18] << 8 | d[19];
	*h = (uint32_t)d[20] << 24 | (uint32_t)d[21] << 16 |
	     (uint32_t)d[22] << 8 | d[23];
	return true;
}

/* cairo's PNG reader takes a stream: this one reads from memory. */
struct membuf {
	const unsigned char *p;
	size_t left;
};

static cairo_status_t
mem_read(void *closure, unsigned char *data, unsigned int len)
{
	struct membuf *m = closure;

	if (len > m->left)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, m->p, len);
	m->p += len;
	m->left -= len;
	return CAIRO_STATUS_SUCCESS;
}

cairo_surface_t *
ul_png_surface(const void *data, size_t len)
{
	struct membuf m = { data, len };

	return cairo_image_surface_create_from_png_stream(mem_read, &m);
}
