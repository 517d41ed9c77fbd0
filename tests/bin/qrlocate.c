/* SPDX-License-Identifier: ISC */
/*
 * qrlocate: decode the QR codes of a PNG with libzbar and print, for each,
 * where it is: "X0 Y0 X1 Y1 PAYLOAD", the bounding box of the corners
 * libzbar located, in pixels, then the payload. The zbarimg of Debian 12
 * prints payloads only; the tests need the corners, to check that no text
 * crosses a code.
 *
 * usage: qrlocate FILE.png   (exit 0: printed; 1: no code found; 2: error)
 */
#include <stdio.h>
#include <stdlib.h>

#include <cairo.h>
#include <zbar.h>

int
main(int argc, char **argv)
{
	cairo_surface_t *png;
	unsigned char *gray, *px;
	int w, h, stride, found = 0;
	zbar_image_scanner_t *sc;
	zbar_image_t *img;

	if (argc != 2) {
		fprintf(stderr, "usage: qrlocate FILE.png\n");
		return 2;
	}
	png = cairo_image_surface_create_from_png(argv[1]);
	if (cairo_surface_status(png) != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "qrlocate: cannot read '%s'\n", argv[1]);
		return 2;
	}
	cairo_surface_flush(png);
	w = cairo_image_surface_get_width(png);
	h = cairo_image_surface_get_height(png);
	stride = cairo_image_surface_get_stride(png);
	px = cairo_image_surface_get_data(png);
	gray = malloc((size_t)w * h);
	if (!gray)
		return 2;
	/* RGB24 or ARGB32: native-endian 32-bit pixels; luma of the three. */
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			unsigned v = *(unsigned *)(px + (size_t)y * stride + 4 * x);
			unsigned r = v >> 16 & 255, g = v >> 8 & 255, b = v & 255;
			gray[(size_t)y * w + x] = (unsigned char)((r * 299 + g * 587 +
								   b * 114) / 1000);
		}
	cairo_surface_destroy(png);

	sc = zbar_image_scanner_create();
	zbar_image_scanner_set_config(sc, 0, ZBAR_CFG_ENABLE, 0);
	zbar_image_scanner_set_config(sc, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
	img = zbar_image_create();
	zbar_image_set_format(img, zbar_fourcc('Y', '8', '0', '0'));
	zbar_image_set_size(img, (unsigned)w, (unsigned)h);
	zbar_image_set_data(img, gray, (unsigned long)w * h, NULL);
	zbar_scan_image(sc, img);
	for (const zbar_symbol_t *s = zbar_image_first_symbol(img); s;
	     s = zbar_symbol_next(s)) {
		unsigned n = zbar_symbol_get_loc_size(s);
		int x0 = w, y0 = h, x1 = 0, y1 = 0;
		for (unsigned i = 0; i < n; i++) {
			int x = zbar_symbol_get_loc_x(s, i), y = zbar_symbol_get_loc_y(s, i);
			x0 = x < x0 ? x : x0;
			y0 = y < y0 ? y : y0;
			x1 = x > x1 ? x : x1;
			y1 = y > y1 ? y : y1;
		}
		printf("%d %d %d %d %s\n", x0, y0, x1, y1, zbar_symbol_get_data(s));
		found++;
	}
	zbar_image_destroy(img);
	zbar_image_scanner_destroy(sc);
	free(gray);
	return found ? 0 : 1;
}
