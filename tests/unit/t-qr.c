/* SPDX-License-Identifier: ISC */
/* QR codes: percent-encoding, templating, capacity edges (exactly at and
 * one past), geometry checks, and drawn codes that zbarimg decodes. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "units.h"
#include "qr.h"
#include "tap.h"
#include "util.h"

static char *
enc(const char *s)
{
	struct ul_buf b;
	ul_buf_init(&b);
	ul_qr_percent_encode(&b, s);
	return ul_buf_detach(&b);
}

static char *
repeat(char c, size_t n)
{
	char *s = ul_xmalloc(n + 1);
	memset(s, c, n);
	s[n] = '\0';
	return s;
}

/* Render payload at 300 dpi with the given method, decode with zbarimg. */
static char *
roundtrip(const char *payload, enum ul_qr_method m, const char *png)
{
	const double dpmm = UL_PX_PER_MM(300), box = 30;	/* mm */
	int px = (int)(box * dpmm + 0.5);
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
							px, px);
	cairo_t *cr = cairo_create(s);
	struct ul_diags d;
	char cmd[256], out[4096];
	size_t n;
	FILE *f;

	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, dpmm, dpmm);
	ul_diags_init(&d);
	ul_qr_method = m;
	ul_qr_render(cr, payload, 0, 0, box, box, NULL, &d, "t", (struct ul_pos){0, 0},
		     "test", NULL);
	ul_qr_method = UL_QR_MASK;
	ul_diags_release(&d);
	cairo_destroy(cr);
	cairo_surface_write_to_png(s, png);
	cairo_surface_destroy(s);
	snprintf(cmd, sizeof(cmd), "zbarimg --raw -q '%s' 2>/dev/null", png);
	if (!(f = popen(cmd, "r")))
		return NULL;
	n = fread(out, 1, sizeof(out) - 1, f);
	pclose(f);
	out[n] = '\0';
	if (n && out[n - 1] == '\n')
		out[n - 1] = '\0';
	return ul_xstrdup(out);
}

int
main(void)
{
	struct ul_qr_vars v = {"fives-courses", "séquences", "a b/c?d#e",
			       "FRI-007", "fr", NULL};
	struct ul_qr_code code;
	struct ul_qr_geom g;
	struct ul_diags d;
	const char *why = NULL;
	char *s;

	/* Percent-encoding: RFC 3986 unreserved set only */
	s = enc("AZaz09-._~");
	is_str(s, "AZaz09-._~", "unreserved characters stay");
	free(s);
	s = enc(" /?#[]@!$&'()*+,;=%");
	is_str(s, "%20%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%25",
	       "reserved characters and % are escaped");
	free(s);
	s = enc("é€");
	is_str(s, "%C3%A9%E2%82%AC", "UTF-8 is escaped byte by byte, upper-case hex");
	free(s);
	s = enc("");
	is_str(s, "", "empty stays empty");
	free(s);

	/* Templating */
	s = ul_qr_expand("https://ex.org/u/{workshop}/{deck}/{card}?s={serial}&l={lang}",
			 &v, &why);
	is_str(s, "https://ex.org/u/fives-courses/s%C3%A9quences/a%20b%2Fc%3Fd%23e"
		  "?s=FRI-007&l=fr", "every placeholder, values encoded");
	free(s);
	s = ul_qr_expand("https://ex.org/plain", &v, &why);
	is_str(s, "https://ex.org/plain", "no placeholder");
	free(s);
	s = ul_qr_expand("{card}{card}", &v, &why);
	is_str(s, "a%20b%2Fc%3Fd%23ea%20b%2Fc%3Fd%23e", "repeated placeholder");
	free(s);
	ok(!ul_qr_expand("x/{carte}", &v, &why), "unknown placeholder fails");
	is_str(why, "unknown placeholder '{carte}' in the URL template", "…saying which");
	ok(!ul_qr_expand("x/{card", &v, &why), "unclosed brace fails");
	is_str(why, "unbalanced '{' in the URL template", "…saying so");
	ok(!ul_qr_expand("x/{de{ck}", &v, &why), "nested brace fails");
	ok(!ul_qr_expand("x/}", &v, &why), "stray closing brace fails");
	is_str(why, "unbalanced '}' in the URL template", "…saying so");
	v.serial = NULL;
	ok(!ul_qr_expand("x/{serial}", &v, &why), "placeholder without a value fails");
	is_str(why, "placeholder '{serial}' has no value here", "…saying which");

	/* Capacity edges at level M: version 1 holds 14 bytes, 40 holds 2331 */
	s = repeat('a', 14);
	is_int(ul_qr_encode(s, &code), 0, "14 bytes encode");
	is_int(code.version, 1, "…in version 1");
	is_int(code.width, 21, "…21 modules wide");
	ul_qr_code_release(&code);
	free(s);
	s = repeat('a', 15);
	ul_qr_encode(s, &code);
	is_int(code.version, 2, "15 bytes need version 2");
	ul_qr_code_release(&code);
	free(s);
	s = repeat('a', UL_QR_MAX_BYTES);
	is_int(ul_qr_encode(s, &code), 0, "2331 bytes encode");
	is_int(code.version, 40, "…in version 40");
	is_int(code.width, 177, "…177 modules wide");
	ul_qr_code_release(&code);
	free(s);
	s = repeat('a', UL_QR_MAX_BYTES + 1);
	errno = 0;
	is_int(ul_qr_encode(s, &code), -1, "2332 bytes do not");
	is_int(errno, ERANGE, "…with ERANGE");
	ul_diags_init(&d);
	is_int(ul_qr_render(NULL, s, 0, 0, 500, 500, NULL, &d, "ws.yaml",
			    (struct ul_pos){7, 5}, "card 'x'", NULL), -1,
	       "render refuses a payload too long");
	is_str(d.n ? d.v[0].msg : "", "QR payload of card 'x' is too long (2332 "
	       "bytes; a code at error correction M holds at most 2331)",
	       "…naming the card");
	ul_diags_release(&d);
	free(s);
	is_int(ul_qr_encode("", &code), -1, "empty payload fails");

	/* Geometry: version 1 (21 modules) + 8 quiet = 29 modules */
	ul_qr_encode("https://e.org", &code);
	is_int(code.width, 21, "short URL is version 1");
	ul_diags_init(&d);
	ul_qr_place(code.width, 10, 20, 14.5, 30, &g);
	ok(g.size > 10.4999 && g.size < 10.5001, "placed: 0.5 mm modules exactly");
	ok(g.x > 11.9999 && g.x < 12.0001, "…centred across");
	is_int(ul_qr_check(&code, &g, &d, "w", (struct ul_pos){1, 1}, "card 'a'"),
	       0, "module exactly at 0.5 mm passes");
	ul_qr_place(code.width, 10, 20, 14.4, 30, &g);
	is_int(ul_qr_check(&code, &g, &d, "w", (struct ul_pos){1, 1}, "card 'a'"),
	       -1, "just under 0.5 mm fails");
	is_str(d.n ? d.v[0].msg : "", "QR code of card 'a' would have 0.497 mm "
	       "modules (version 1, 21 modules in 10.4 mm), under the 0.5 mm "
	       "that scans reliably: shorten the URL or give the code more room",
	       "…naming the card");
	ul_diags_release(&d);

	ul_diags_init(&d);
	g = (struct ul_qr_geom){4, 4, 21, 0, 0, 29, 29};	/* 1 mm modules */
	is_int(ul_qr_check(&code, &g, &d, "w", (struct ul_pos){1, 1}, "poster 'p'"),
	       0, "quiet zone exactly 4 modules passes");
	g.x = 3.9;
	is_int(ul_qr_check(&code, &g, &d, "w", (struct ul_pos){1, 1}, "poster 'p'"),
	       -1, "3.9 modules on the left fails");
	is_str(d.n ? d.v[0].msg : "", "QR code of poster 'p' has a quiet zone of "
	       "3.9 modules on the left, under the 4 it needs", "…saying where");
	g.x = 4;
	g.fh = 28.5;
	is_int(ul_qr_check(&code, &g, &d, "w", (struct ul_pos){1, 1}, "poster 'p'"),
	       -1, "3.5 modules at the bottom fails");
	ul_diags_release(&d);
	ul_qr_code_release(&code);

	/* Drawn codes decode, with every drawing method */
	if (system("command -v zbarimg >/dev/null 2>&1") != 0) {
		printf("ok %d # skip zbarimg not installed\n", ++tap_n);
	} else {
		static const char *const mname[] = {"mask", "filled runs",
						    "stroked runs"};
		const char *payload = "https://example.org/u/fives-courses/"
				      "s%C3%A9quences/FRI-007";
		char png[] = "/tmp/t-qr.XXXXXX";
		int fd = mkstemp(png);
		for (int m = UL_QR_MASK; m <= UL_QR_RUNS_STROKE; m++) {
			char name[64];
			s = roundtrip(payload, m, png);
			snprintf(name, sizeof(name), "zbarimg decodes the %s",
				 mname[m]);
			is_str(s, payload, name);
			free(s);
		}
		s = roundtrip("Liberté, égalité — 100 % ✓", UL_QR_MASK, png);
		is_str(s, "Liberté, égalité — 100 % ✓", "UTF-8 payload round-trips");
		free(s);
		close(fd);
		unlink(png);
	}
	return done_testing();
}
