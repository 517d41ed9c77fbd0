/* SPDX-License-Identifier: ISC */
/* Unit tests for lib/text.c: markup, French typography, fitting, coverage. */
#include <stdlib.h>
#include <string.h>

#include "datadir.h"
#include "render.h"
#include "tap.h"
#include "text.h"

static void
markup(struct ul_text *t, const char *in, bool inl, const char *want)
{
	char *got = ul_text_markup(t, in, inl, false);
	is_str(got, want, in);
	free(got);
}

int
main(void)
{
	char *err = NULL, *dir;

	/* prove runs from the top of the tree. */
	setenv("UTILAB_DATADIR", "share/utilab", 0);
	dir = ul_datadir_path("fonts");
	struct ul_text *t;
	struct ul_text_style st = { .size = 14, .min_size = 10 };
	struct ul_text_fit fit;
	uint32_t first = 0;

	t = ul_text_new(dir, "atkinson hyperlegible", "fr", &err);

	ok(t != NULL, "bundled font loads");
	if (!t) {
		fprintf(stderr, "# %s\n", err);
		return 1;
	}
	is_str(ul_text_family(t), "Atkinson Hyperlegible", "family name");
	ok(ul_text_new(dir, "Comic Sans", "fr", &err) == NULL, "unknown family refused");
	ok(err && strstr(err, "Comic Sans"), "message names the family");
	free(err);

	/* Escaping and inline syntax. */
	markup(t, "a < b & c > d", false, "a &lt; b &amp; c &gt; d");
	markup(t, "<b>x</b>", true, "&lt;b&gt;x&lt;/b&gt;");
	markup(t, "un *mot* et **deux**", true, "un <i>mot</i> et <b>deux</b>");
	markup(t, "*a **b** c*", true, "<i>a <b>b</b> c</i>");
	markup(t, "3 * 4 * 5", true, "3 * 4 * 5");
	markup(t, "\\*pas\\*", true, "*pas*");
	markup(t, "*non fermé", true, "*non fermé");
	/* French typography. */
	markup(t, "Où ? Avec qui?", false, "Où\u00a0? Avec qui\u00a0?");
	markup(t, "Attention : l'eau ; voilà !", false,
	       "Attention\u00a0: l\u2019eau\u00a0; voilà\u00a0!");
	markup(t, "«Bonjour» et « merci »", false,
	       "«\u00a0Bonjour\u00a0» et «\u00a0merci\u00a0»");
	markup(t, "à 14:30 sur https://ex.org/x?a=1", false,
	       "à 14:30 sur https://ex.org/x?a=1");
	markup(t, "Quoi ?!", false, "Quoi\u00a0?!");
	markup(t, "1 carte = 1 chose, 15 min, 2,5 km", false,
	       "1\u00a0carte = 1\u00a0chose, 15\u00a0min, 2,5\u00a0km");
	markup(t, "FRI-007 le 12 mai, 3 4 5", false,
	       "FRI-007 le 12\u00a0mai, 3 4 5");

	/* Fitting. */
	ok(ul_text_fit(t, "Court.", &st, 50, 20, &fit) == 0 && fit.size == 14 &&
	   !fit.shrunk, "short text fits at its size");
	const char *para = "Racontez la dernière fois que vous avez fait les "
		"courses pour toute la famille : où étiez-vous, avec qui, "
		"combien de temps cela a pris, ce qui a été facile et ce qui "
		"a coincé, et ce que vous auriez aimé changer ce jour-là.";
	ok(ul_text_fit(t, para, &st, 50, 40, &fit) == 0 && fit.shrunk &&
	   fit.size < 14 && fit.size >= 10 && fit.height <= 40.01,
	   "long text shrinks into its box");
	double s1 = fit.size;
	ok(ul_text_fit(t, para, &st, 50, 10, &fit) == -1 && fit.size == 10 &&
	   fit.overflow > 5, "past the floor: overflow measured");
	ok(ul_text_fit(t, para, &st, 50, 40, &fit) == 0 && fit.size == s1,
	   "fitting is repeatable");
	ok(ul_text_fit(t, "Anticonstitutionnellementissimes", &st, 20, 0, &fit) == -1,
	   "a word wider than the box overflows");

	/* Coverage. */
	is_int((int)ul_text_missing(t, "Éléphant « œuvre »", &first), 0,
	       "French covered");
	is_int((int)ul_text_missing(t, "Ein 😀 und 中 😀", &first), 2,
	       "missing characters counted once");
	is_int((int)first, 0x1F600, "first missing reported");

	/* Contrast. */
	struct ul_color w = { 1, 1, 1, "#FFFFFF" }, k = { 0, 0, 0, "#000000" };
	ok(ul_contrast_ratio(&w, &k) > 20.9, "black on white is 21:1");

	/* Drawing works on a surface. */
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 100, 100);
	cairo_t *cr = cairo_create(s);
	ok(ul_text_show(t, cr, para, &st, 1, 1, 50, 40, &fit) == 0, "show");
	cairo_destroy(cr);
	cairo_surface_destroy(s);

	ul_text_free(t);
	free(dir);
	ul_text_shutdown();
	return done_testing();
}
