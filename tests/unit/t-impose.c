/* SPDX-License-Identifier: ISC */
/*
 * Imposition geometry (TAP when run bare), and two helpers for the CLI
 * tests of utilab-print (tests/cli/t3*.sh), so that those need nothing
 * but this binary and poppler-utils:
 *
 *   t-impose.t gen OUT.pdf [--utilab] [--bleed MM] [--lang LL]
 *                          [--title T] ITEM...
 *       writes a test PDF, its keywords and labels written by the
 *       contract's writer (lib/contract.h) as utilab-cards writes them;
 *       ITEM is cards:DECK:N:WxH (fronts and backs,
 *       labelled front:DECK:cK / back:DECK:cK), fronts:DECK:N:WxH,
 *       poster:ID:WxH (content on its left half only, so that tiles on
 *       the right are empty), sheet:run:WxH, pages:N:WxH (unlabelled pages
 *       numbered P1..PN). Card fronts are mid grey in the trim and light
 *       grey in the bleed, backs the same, each labelled Fk / Bk at its
 *       centre in a monospace font.
 *
 *   t-impose.t scan FILE.pgm row|col N
 *       prints the runs of one pixel row (or column) of a binary PGM as
 *       "CLASS FIRST LAST", CLASS being W (white), L (light), M (mid) or
 *       D (dark).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>

#include "contract.h"
#include "impose.h"
#include "tap.h"

static double bleed_mm = 0;

static void
label(cairo_t *cr, double cx, double cy, const char *s, double size)
{
	cairo_text_extents_t e;

	cairo_select_font_face(cr, "monospace", CAIRO_FONT_SLANT_NORMAL,
			       CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, size);
	cairo_text_extents(cr, s, &e);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_move_to(cr, cx - e.x_advance / 2, cy + size * 0.35);
	cairo_show_text(cr, s);
}

static void
card_face(cairo_surface_t *surf, cairo_t *cr, double w, double h,
	  const char *text, const char *pagelabel)
{
	double b = UL_MM(bleed_mm);

	cairo_pdf_surface_set_size(surf, w + 2 * b, h + 2 * b);
	if (pagelabel)
		cairo_pdf_surface_set_page_label(surf, pagelabel);
	/* A rectangle, not cairo_paint: that misses the page's last 0.3 mm. */
	cairo_set_source_rgb(cr, 0.75, 0.75, 0.75);
	cairo_rectangle(cr, 0, 0, w + 2 * b, h + 2 * b);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0.5, 0.5, 0.5);
	cairo_rectangle(cr, b, b, w, h);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_rectangle(cr, b + w / 2 - 20, b + h / 2 - 10, 40, 20);
	cairo_fill(cr);
	label(cr, b + w / 2, b + h / 2, text, 10);
	cairo_show_page(cr);
}

static int
gen(int argc, char **argv)
{
	const char *out = argv[0], *lang = NULL, *title = NULL;
	int utilab = 0, i;

	for (i = 1; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
		if (strcmp(argv[i], "--utilab") == 0)
			utilab = 1;
		else if (strcmp(argv[i], "--bleed") == 0 && i + 1 < argc)
			bleed_mm = atof(argv[++i]);
		else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			lang = argv[++i];
		else if (strcmp(argv[i], "--title") == 0 && i + 1 < argc)
			title = argv[++i];
		else
			return fprintf(stderr, "gen: bad %s\n", argv[i]), 2;
	}
	cairo_surface_t *surf = cairo_pdf_surface_create(out, 100, 100);
	cairo_t *cr = cairo_create(surf);
	if (utilab) {
		/* written by the contract's own writer, as utilab-cards does */
		char *kw = ul_contract_keywords(bleed_mm, lang ? lang : "fr");
		cairo_pdf_surface_set_metadata(surf,
					       CAIRO_PDF_METADATA_KEYWORDS, kw);
		free(kw);
	}
	if (title)
		cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE,
					       title);
	for (; i < argc; i++) {
		char kind[16], id[64];
		int n = 0;
		double w, h;
		char buf[128], card[32], *lab;
		if (sscanf(argv[i], "%15[a-z]:%63[^:]:%d:%lfx%lf", kind, id,
			   &n, &w, &h) == 5 &&
		    (strcmp(kind, "cards") == 0 ||
		     strcmp(kind, "fronts") == 0)) {
			for (int k = 1; k <= n; k++) {
				snprintf(buf, sizeof(buf), "F%d", k);
				snprintf(card, sizeof(card), "c%d", k);
				lab = ul_contract_label(UL_ROLE_FRONT, id, card);
				card_face(surf, cr, UL_MM(w), UL_MM(h), buf,
					  utilab ? lab : NULL);
				free(lab);
				if (kind[0] == 'f')
					continue;
				snprintf(buf, sizeof(buf), "B%d", k);
				lab = ul_contract_label(UL_ROLE_BACK, id, card);
				card_face(surf, cr, UL_MM(w), UL_MM(h), buf,
					  utilab ? lab : NULL);
				free(lab);
			}
		} else if (sscanf(argv[i], "pages:%d:%lfx%lf", &n, &w,
				  &h) == 3) {
			for (int k = 1; k <= n; k++) {
				cairo_pdf_surface_set_size(surf, UL_MM(w),
							   UL_MM(h));
				snprintf(buf, sizeof(buf), "P%d", k);
				label(cr, UL_MM(w) / 2, UL_MM(h) / 2, buf, 24);
				cairo_show_page(cr);
			}
		} else if (sscanf(argv[i], "%15[a-z]:%63[^:]:%lfx%lf", kind,
				  id, &w, &h) == 4) {
			double b = UL_MM(bleed_mm);
			w = UL_MM(w);
			h = UL_MM(h);
			cairo_pdf_surface_set_size(surf, w + 2 * b, h + 2 * b);
			lab = ul_contract_label(strcmp(kind, "poster") == 0 ?
						UL_ROLE_POSTER : UL_ROLE_SHEET,
						id, NULL);
			if (utilab)
				cairo_pdf_surface_set_page_label(surf, lab);
			free(lab);
			if (strcmp(kind, "poster") == 0) {
				/* A 50 mm grid on the left half only. */
				cairo_set_source_rgb(cr, 0.2, 0.3, 0.8);
				cairo_set_line_width(cr, 2);
				for (double x = 0; x <= w / 2 + 0.1;
				     x += UL_MM(50)) {
					cairo_move_to(cr, b + x, b);
					cairo_line_to(cr, b + x, b + h);
				}
				for (double y = 0; y <= h + 0.1; y += UL_MM(50)) {
					cairo_move_to(cr, b, b + y);
					cairo_line_to(cr, b + w / 2, b + y);
				}
				cairo_stroke(cr);
				for (int r = 0; r * UL_MM(50) < h; r++)
					for (int c = 0; c * UL_MM(50) < w / 2;
					     c++) {
						snprintf(buf, sizeof(buf),
							 "R%dC%d", r, c);
						label(cr, b + c * UL_MM(50) +
						      UL_MM(25), b + r *
						      UL_MM(50) + UL_MM(25),
						      buf, 12);
					}
			} else {
				label(cr, b + w / 2, b + UL_MM(20), "RUN SHEET",
				      20);
			}
			cairo_show_page(cr);
		} else {
			fprintf(stderr, "gen: bad item '%s'\n", argv[i]);
			return 2;
		}
	}
	cairo_destroy(cr);
	cairo_surface_finish(surf);
	int st = cairo_surface_status(surf);
	cairo_surface_destroy(surf);
	cairo_debug_reset_static_data();
	FcFini();
	return st ? 1 : 0;
}

static int
scan(const char *path, const char *axis, int n)
{
	FILE *fp = fopen(path, "rb");
	int w, h, max;

	if (!fp || fscanf(fp, "P5 %d %d %d", &w, &h, &max) != 3)
		return fprintf(stderr, "scan: cannot read %s\n", path), 2;
	fgetc(fp);
	unsigned char *px = malloc((size_t)w * h);
	if (fread(px, 1, (size_t)w * h, fp) != (size_t)w * h)
		return fprintf(stderr, "scan: short %s\n", path), 2;
	fclose(fp);
	int row = axis[0] == 'r', len = row ? w : h;
	char prev = 0;
	int start = 0;
	for (int i = 0; i <= len; i++) {
		char cls = 0;
		if (i < len) {
			int v = row ? px[(size_t)n * w + i] : px[(size_t)i * w + n];
			cls = v >= 230 ? 'W' : v >= 150 ? 'L' : v >= 80 ? 'M' : 'D';
		}
		if (cls != prev) {
			if (prev)
				printf("%c %d %d\n", prev, start, i - 1);
			prev = cls;
			start = i;
		}
	}
	free(px);
	return 0;
}

static void
unit(void)
{
	struct ul_grid g;
	double w, h, x, y;
	int order[12];

	/* Poker on A4 within 5 mm and above the band: 9-up, butted-ish. */
	is_int(ul_impose_grid(UL_MM(5), UL_MM(5), UL_MM(200), UL_MM(277),
			      UL_MM(63), UL_MM(88), UL_MM(3), true, &g), 9,
	       "poker cards: 9 on A4");
	ok(!g.rotated, "poker cards upright");
	ok(g.keep < UL_MM(1) && g.keep >= 0, "9-up keeps under 1 mm bleed");
	ok(g.x0 - g.keep - g.mark_gap - g.mark_len >= UL_MM(5) - 0.01,
	   "crop marks inside the printable area");
	/* Tarot 70x120: 2 upright, but 4 turned? 120x70 in 200: 1 col. */
	is_int(ul_impose_grid(UL_MM(5), UL_MM(5), UL_MM(200), UL_MM(277),
			      UL_MM(70), UL_MM(120), UL_MM(3), true, &g), 4,
	       "tarot cards: 4 on A4");
	/* A7 74x105: upright 2x2 = 4; turned 105x74: 1x3; keeps upright... */
	is_int(ul_impose_grid(UL_MM(5), UL_MM(5), UL_MM(200), UL_MM(277),
			      UL_MM(74), UL_MM(105), UL_MM(3), true, &g), 4,
	       "a7: 4 on A4");
	/* Landscape cards 88x63 turn to fit 9. */
	is_int(ul_impose_grid(UL_MM(5), UL_MM(5), UL_MM(200), UL_MM(277),
			      UL_MM(88), UL_MM(63), 0, true, &g), 9,
	       "landscape poker cards: 9, turned");
	ok(g.rotated, "landscape poker cards turned");
	/* Bleed kept whole when there is room: 4 A7 cards on A4. */
	ul_impose_grid(UL_MM(5), UL_MM(5), UL_MM(200), UL_MM(277),
		       UL_MM(74), UL_MM(105), UL_MM(3), true, &g);
	ok(g.keep > UL_MM(3) - 0.01, "A7 on A4 keeps the whole bleed");
	ok(g.mark_len > UL_MM(5) - 0.01, "and long crop marks");
	is_int(ul_impose_grid(0, 0, UL_MM(50), UL_MM(50), UL_MM(63),
			      UL_MM(88), 0, true, &g), 0, "too large: 0");

	is_int(ul_impose_booklet_order(10, order), 3, "10 pages: 3 sheets");
	int want[12] = { -1, 0, 1, -1, 9, 2, 3, 8, 7, 4, 5, 6 };
	ok(memcmp(order, want, sizeof(want)) == 0, "10 pages: saddle order");
	is_int(ul_impose_booklet_order(4, order), 1, "4 pages: 1 sheet");
	ok(order[0] == 3 && order[1] == 0 && order[2] == 1 && order[3] == 2,
	   "4 pages: 4,1 / 2,3");

	ok(ul_impose_parse_sheet("a4", &w, &h) == 0 &&
	   w > 595 && w < 596 && h > 841 && h < 842, "a4");
	ok(ul_impose_parse_sheet("100x150mm", &w, &h) == 0 &&
	   h > 425 && h < 426, "WxHmm");
	ok(ul_impose_parse_sheet("a9", &w, &h) != 0, "a9 refused");
	ok(ul_impose_parse_sheet("10x10mm", &w, &h) != 0, "tiny refused");
	ok(ul_impose_parse_sheet("100x", &w, &h) != 0, "half refused");
	ok(ul_impose_parse_offset("1.5,-2", &x, &y) == 0 && x > 4.25 &&
	   x < 4.26 && y < -5.66 && y > -5.67, "offset");
	ok(ul_impose_parse_offset("1.5", &x, &y) != 0, "offset needs Y");
	ok(ul_impose_parse_offset("80,0", &x, &y) != 0, "offset too far");
	ok(ul_impose_parse_offset("1,2,3", &x, &y) != 0, "offset: 3 values");
}

int
main(int argc, char **argv)
{
	if (argc > 2 && strcmp(argv[1], "gen") == 0)
		return gen(argc - 2, argv + 2);
	if (argc == 5 && strcmp(argv[1], "scan") == 0)
		return scan(argv[2], argv[3], atoi(argv[4]));
	unit();
	return done_testing();
}
