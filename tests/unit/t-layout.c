/* SPDX-License-Identifier: ISC */
/*
 * Face layouts (lib/layout.h): overlaps between elements are errors naming
 * both, an element and the box that holds it are not, the safe zone and
 * ink outside a text's box are checked; coordinates go from the page's to
 * the trim's.
 */
#include <stdbool.h>
#include <string.h>

#include "layout.h"
#include "tap.h"

static int
check(const struct ul_layout *l, struct ul_diags *d)
{
	static const char *const names[] = {"moment", "gravite"};

	ul_diags_release(d);
	ul_diags_init(d);
	return ul_layout_check(l, d, "ws.yaml", 3, 5, "deck 'frictions'", names);
}

static const char *
first(const struct ul_diags *d)
{
	return d->n ? d->v[0].msg : "";
}

static bool
has(const struct ul_diags *d, const char *s)
{
	for (size_t i = 0; i < d->n; i++)
		if (strstr(d->v[i].msg, s))
			return true;
	return false;
}

int
main(void)
{
	struct ul_layout l;
	struct ul_diags d;
	struct ul_box *b;

	ul_diags_init(&d);
	/* a poker card with 3 mm of bleed, 3 mm of safe zone */
	ul_layout_init(&l, 63, 88, 3, 3);
	b = ul_layout_add(&l, UL_BOX_BAND, 0, 0, 69, 15, -1, 0);
	is_int((int)(b->x * 100), -300, "page coordinates become trim coordinates");
	ul_layout_add(&l, UL_BOX_TITLE, 8, 6, 30, 8, -1, 0);
	ul_layout_add(&l, UL_BOX_LABEL, 8, 20, 50, 4, 0, 0);
	ul_layout_add(&l, UL_BOX_LINE, 8, 24, 50, 8, 0, 1);
	ul_layout_add(&l, UL_BOX_SCALE, 8, 60, 40, 6, 1, 0);
	for (int k = 0; k < 5; k++)
		ul_layout_add(&l, UL_BOX_CIRCLE, 8 + 8 * k, 60, 6, 6, 1, k + 1);
	ul_layout_add(&l, UL_BOX_QR_QUIET, 43, 67, 22, 22, -1, 0);
	ul_layout_add(&l, UL_BOX_QR, 45, 69, 18, 18, -1, 0);
	is_int(check(&l, &d), 0, "a clean face passes: containers hold their parts");
	is_int((int)d.n, 0, "and says nothing");

	/* a circle moved onto the QR code's quiet zone */
	l.v[9].y = 64 - 3;	/* trim coordinates: circle 5 */
	l.v[9].x = 45 - 3;
	is_int(check(&l, &d), -1, "a circle on the QR code is an error");
	ok(strstr(first(&d), "deck 'frictions': scale circle 5 of field "
		  "'gravite' overlaps the QR code's quiet zone") != NULL,
	   "it names the card, the circle, its field and the code");
	is_int(d.v[0].line, 3, "at the deck's line");
	l.v[9].x = 8 + 32 - 3;
	l.v[9].y = 60 - 3;
	is_int(check(&l, &d), 0, "moved back, it passes");

	/* a label past the right edge of the safe zone */
	l.v[2].w = 56;
	is_int(check(&l, &d), -1, "an element outside the safe zone is an error");
	ok(strstr(first(&d), "the label of field 'moment' leaves the safe zone "
		  "by 1.0 mm") != NULL, "it says which and by how much");
	l.v[2].w = 50;

	/* ink out of its box: 300 combining accents over a title */
	ul_layout_ink(&l, &l.v[1], 8, 6, 0, -9, 20, 17);
	is_int(check(&l, &d), -1, "ink far above its box is an error");
	ok(has(&d, "deck 'frictions': the ink of the title runs 9.0 mm out of "
	       "its box"),
	   "naming the text whose ink strays");
	ul_layout_ink(&l, &l.v[1], 8, 6, 0, 0.2, 20, 6);
	is_int(check(&l, &d), 0, "ink inside its box passes");

	ok(ul_layout_find(&l, UL_BOX_CIRCLE, 1, 3) == &l.v[7],
	   "find: circle 3 of field 1");
	ok(ul_layout_find(&l, UL_BOX_FOOTER, -1, -1) == NULL,
	   "find: no footer here");
	ul_layout_release(&l);
	ul_diags_release(&d);
	return done_testing();
}
