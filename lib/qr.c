/* SPDX-License-Identifier: ISC */
/*
 * QR codes: template expansion with percent-encoding, encoding through
 * libqrencode at level M, quiet-zone and module-size checks from the
 * geometry, and drawing on cairo.
 * Owns struct ul_qr_code; knows nothing of cards, posters, files or argv.
 *
 * Drawing, measured here: one 68-byte URL code (version 5, 37 modules) per
 * poker-card PDF page, encode + draw + cairo_show_page, per code:
 *
 *   method                      instructions   PDF bytes   wall, 1000 codes
 *   1-bit image mask, nearest      1.37 M        1.13 KB      0.57 s
 *   runs as butt-capped strokes    8.74 M        3.16 KB      1.95 s
 *   runs as filled rectangles     15.2 M         5.06 KB      6.86 s
 *
 * (callgrind over 200 codes; wall times ±30% on this machine.) With the
 * mask, two thirds of what is left is libqrencode choosing its mask
 * pattern. The mask is a PDF stencil (/ImageMask true, /Interpolate
 * false): sharp-edged squares at any resolution, and zbarimg reads it at
 * 300 dpi, so it is the default; the vector variants stay for measuring.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

#include "intl.h"
#include "qr.h"

/* ---- templating ------------------------------------------------------ */

void
ul_qr_percent_encode(struct ul_buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned char c = *p;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_' || c == '~') {
			ul_buf_addc(b, c);
		} else {
			ul_buf_addc(b, '%');
			ul_buf_addc(b, hex[c >> 4]);
			ul_buf_addc(b, hex[c & 15]);
		}
	}
}

char *
ul_qr_expand(const char *tmpl, const struct ul_qr_vars *vars,
	     const char **why)
{
	/* in the order of ul_qr_placeholders (workshop.h) */
	const char *const vals[] = {
		vars->workshop, vars->deck, vars->card, vars->serial, vars->lang,
		vars->version,
	};
	const char *const *names = ul_qr_placeholders;
	static char msg[96];
	struct ul_buf b;
	const char *p = tmpl;

	ul_buf_init(&b);
	while (*p) {
		if (*p == '}') {
			*why = _("unbalanced '}' in the URL template");
			goto fail;
		}
		if (*p != '{') {
			ul_buf_addc(&b, *p++);
			continue;
		}
		const char *end = strchr(p + 1, '}');
		const char *open = strchr(p + 1, '{');
		if (!end || (open && open < end)) {
			*why = _("unbalanced '{' in the URL template");
			goto fail;
		}
		size_t n = end - p - 1, i;
		for (i = 0; names[i] && i < UL_NELEM(vals); i++)
			if (strlen(names[i]) == n && memcmp(names[i], p + 1, n) == 0)
				break;
		if (!names[i] || i == UL_NELEM(vals)) {
			snprintf(msg, sizeof(msg),
				 "unknown placeholder '{%.*s}' in the URL "
				 "template", (int)(n > 40 ? 40 : n), p + 1);
			*why = msg;
			goto fail;
		}
		const char *val = vals[i];
		if (!val) {
			snprintf(msg, sizeof(msg),
				 "placeholder '{%s}' has no value here",
				 names[i]);
			*why = msg;
			goto fail;
		}
		ul_qr_percent_encode(&b, val);
		p = end + 1;
	}
	return ul_buf_detach(&b);
fail:
	ul_buf_release(&b);
	return NULL;
}

/* ---- encoding -------------------------------------------------------- */

int
ul_qr_encode(const char *payload, struct ul_qr_code *code)
{
	return ul_qr_encode_level(payload, UL_QR_ECC_M, code);
}

int
ul_qr_encode_level(const char *payload, enum ul_qr_ecc ecc,
		   struct ul_qr_code *code)
{
	static const QRecLevel levels[] = {
		[UL_QR_ECC_AUTO] = QR_ECLEVEL_M, [UL_QR_ECC_L] = QR_ECLEVEL_L,
		[UL_QR_ECC_M] = QR_ECLEVEL_M, [UL_QR_ECC_Q] = QR_ECLEVEL_Q,
	};
	QRcode *q;

	memset(code, 0, sizeof(*code));
	if (!payload || !*payload) {
		errno = EINVAL;
		return -1;
	}
	if (strlen(payload) > 5596) {
		/* Spare libqrencode the work: not even digits fit more. */
		errno = ERANGE;
		return -1;
	}
	/*
	 * Case-sensitive, with mode optimisation: digit and upper-case runs
	 * (serials, percent escapes) take fewer bits than 8-bit mode.
	 */
	q = QRcode_encodeString(payload, 0, levels[ecc], QR_MODE_8, 1);
	if (!q)
		return -1;	/* ERANGE when too long: libqrencode sets it */
	code->width = q->width;
	code->version = q->version;
	code->ecc = ecc == UL_QR_ECC_AUTO ? UL_QR_ECC_M : ecc;
	code->dark = ul_xmalloc((size_t)q->width * q->width);
	for (int i = 0; i < q->width * q->width; i++)
		code->dark[i] = q->data[i] & 1;
	QRcode_free(q);
	return 0;
}

void
ul_qr_code_release(struct ul_qr_code *code)
{
	free(code->dark);
	memset(code, 0, sizeof(*code));
}

/* ---- geometry -------------------------------------------------------- */

const char *
ul_qr_ecc_name(enum ul_qr_ecc e)
{
	static const char *const names[] = {"M", "L", "M", "Q"};
	return (size_t)e < UL_NELEM(names) ? names[e] : "?";
}

int
ul_qr_fit(const char *payload, enum ul_qr_ecc ecc, double size, double want,
	  double room, struct ul_qr_fit *fit)
{
	int quiet2 = 2 * UL_QR_QUIET;

	memset(fit, 0, sizeof(*fit));
	for (int pass = 0; pass < 2; pass++) {
		enum ul_qr_ecc level = ecc;
		if (ecc == UL_QR_ECC_AUTO)
			level = pass == 0 ? UL_QR_ECC_M : UL_QR_ECC_L;
		else if (pass > 0)
			break;
		ul_qr_code_release(&fit->code);
		if (ul_qr_encode_level(payload, level, &fit->code) < 0)
			return -1;
		int n = fit->code.width;
		if (size > 0) {
			/* The code's side is given: the quiet zone goes around it. */
			fit->module = size / n;
			fit->side = size + quiet2 * fit->module;
			fit->need = (n + quiet2) * UL_QR_MIN_MODULE;
			if (fit->module + 1e-9 < UL_QR_MIN_MODULE ||
			    fit->side > room + 1e-9) {
				if (ecc == UL_QR_ECC_AUTO && pass == 0)
					continue;
				return -2;
			}
			return 0;
		}
		fit->need = (n + quiet2) * UL_QR_MIN_MODULE;
		fit->side = want > fit->need ? want : fit->need;
		if (fit->side > room + 1e-9) {
			if (ecc == UL_QR_ECC_AUTO && pass == 0)
				continue;
			return -2;
		}
		fit->module = fit->side / (n + quiet2);
		return 0;
	}
	return -2;
}

void
ul_qr_place(int width, double fx, double fy, double fw, double fh,
	    struct ul_qr_geom *g)
{
	double side = fw < fh ? fw : fh;
	double module = side / (width + 2 * UL_QR_QUIET);

	g->size = module * width;
	g->x = fx + (fw - g->size) / 2;
	g->y = fy + (fh - g->size) / 2;
	g->fx = fx;
	g->fy = fy;
	g->fw = fw;
	g->fh = fh;
}

int
ul_qr_check(const struct ul_qr_code *code, const struct ul_qr_geom *g,
	    struct ul_diags *d, const char *file, struct ul_pos pos,
	    const char *what)
{
	/* Slack for rounding: a layout computed to be exact must pass. */
	const double eps = 1e-6;
	double module = g->size / code->width;
	double side[4] = {
		g->x - g->fx, g->y - g->fy,
		g->fx + g->fw - (g->x + g->size),
		g->fy + g->fh - (g->y + g->size),
	};
	static const char *const names[4] = {
		N_("left"), N_("top"), N_("right"), N_("bottom")
	};
	int rc = 0;

	if (module + eps < UL_QR_MIN_MODULE)
		rc = ul_error(d, file, pos.line, pos.col,
			      "QR code of %s would have %.3f mm modules "
			      "(version %d, %d modules in %.1f mm), under the "
			      "%.1f mm that scans reliably: shorten the URL "
			      "or give the code more room", what, module,
			      code->version, code->width, g->size,
			      UL_QR_MIN_MODULE);
	for (int i = 0; i < 4; i++)
		if (side[i] + eps < UL_QR_QUIET * module) {
			rc = ul_error(d, file, pos.line, pos.col,
				      "QR code of %s has a quiet zone of %.1f "
				      "modules on the %s, under the %d it "
				      "needs", what,
				      side[i] < 0 ? 0 : side[i] / module,
				      _(names[i]), UL_QR_QUIET);
			break;
		}
	return rc;
}

/* ---- drawing --------------------------------------------------------- */

/* The cheapest by measurement (see the top of this file). */
enum ul_qr_method ul_qr_method = UL_QR_MASK;

static void
draw_mask(cairo_t *cr, const struct ul_qr_code *c)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A1,
							c->width, c->width);
	unsigned char *data;
	int stride;
	cairo_pattern_t *pat;

	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		return;
	}
	cairo_surface_flush(s);
	data = cairo_image_surface_get_data(s);
	stride = cairo_image_surface_get_stride(s);
	memset(data, 0, (size_t)stride * c->width);
	for (int y = 0; y < c->width; y++) {
		uint32_t *row = (uint32_t *)(data + (size_t)y * stride);
		for (int x = 0; x < c->width; x++) {
			if (!c->dark[y * c->width + x])
				continue;
			/* A1 packs pixels into native-endian 32-bit words. */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			row[x >> 5] |= UINT32_C(1) << (x & 31);
#else
			row[x >> 5] |= UINT32_C(1) << (31 - (x & 31));
#endif
		}
	}
	cairo_surface_mark_dirty(s);
	pat = cairo_pattern_create_for_surface(s);
	cairo_pattern_set_filter(pat, CAIRO_FILTER_NEAREST);
	cairo_mask(cr, pat);
	cairo_pattern_destroy(pat);
	cairo_surface_destroy(s);
}

/* Runs as rectangles (fill) or as lines one module thick (stroke). */
static void
draw_runs(cairo_t *cr, const struct ul_qr_code *c, bool stroke)
{
	for (int y = 0; y < c->width; y++) {
		const unsigned char *row = c->dark + (size_t)y * c->width;
		for (int x = 0; x < c->width; ) {
			if (!row[x]) {
				x++;
				continue;
			}
			int x0 = x;
			while (x < c->width && row[x])
				x++;
			if (stroke) {
				cairo_move_to(cr, x0, y + 0.5);
				cairo_line_to(cr, x, y + 0.5);
			} else {
				cairo_rectangle(cr, x0, y, x - x0, 1);
			}
		}
	}
	if (stroke) {
		cairo_set_line_width(cr, 1);
		cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
		cairo_stroke(cr);
	} else {
		cairo_fill(cr);
	}
}

void
ul_qr_draw(cairo_t *cr, const struct ul_qr_code *c, const struct ul_qr_geom *g,
	   const struct ul_color *ink)
{
	double module = g->size / c->width;

	cairo_save(cr);
	if (ink)
		cairo_set_source_rgb(cr, ink->r, ink->g, ink->b);
	else
		cairo_set_source_rgb(cr, 0, 0, 0);
	/*
	 * Draw in module units: the PDF then carries small integers, which
	 * cairo writes faster and shorter than millimetre fractions.
	 */
	cairo_translate(cr, g->x, g->y);
	cairo_scale(cr, module, module);
	cairo_new_path(cr);
	switch (ul_qr_method) {
	case UL_QR_MASK:
		draw_mask(cr, c);
		break;
	case UL_QR_RUNS_FILL:
		draw_runs(cr, c, false);
		break;
	case UL_QR_RUNS_STROKE:
		draw_runs(cr, c, true);
		break;
	}
	cairo_restore(cr);
}

int
ul_qr_render(cairo_t *cr, const char *payload, double fx, double fy,
	     double fw, double fh, const struct ul_color *ink,
	     struct ul_diags *d, const char *file, struct ul_pos pos,
	     const char *what, struct ul_qr_geom *geom)
{
	struct ul_qr_code code;
	struct ul_qr_geom g;
	int rc;

	if (!payload || !*payload)
		return ul_error(d, file, pos.line, pos.col,
				"QR payload of %s is empty", what);
	if (ul_qr_encode(payload, &code) < 0) {
		if (errno == ERANGE)
			return ul_error(d, file, pos.line, pos.col,
					"QR payload of %s is too long (%zu "
					"bytes; a code at error correction M "
					"holds at most %d)", what,
					strlen(payload), UL_QR_MAX_BYTES);
		return ul_diag_add(d, UL_ERROR, UL_ESOFTWARE, file, pos.line,
				   pos.col, "cannot encode the QR code of %s: "
				   "%s", what, strerror(errno));
	}
	ul_qr_place(code.width, fx, fy, fw, fh, &g);
	rc = ul_qr_check(&code, &g, d, file, pos, what);
	if (rc == 0 && cr)
		ul_qr_draw(cr, &code, &g, ink);
	if (geom)
		*geom = g;
	ul_qr_code_release(&code);
	return rc;
}
