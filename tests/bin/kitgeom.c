/* SPDX-License-Identifier: ISC */
/*
 * kitgeom: print the kit plan of a workshop and the geometry of its card
 * fronts, as lib/kit.h gives them to utilab-scan: one line per page
 * ("page N ROLE LABEL NAME W H"), then, for each front, one line per
 * element ("  KIND FIELD NUMBER X Y W H", mm from the trim's corner).
 * For tests of the kit and of the layout, and to see a face's boxes.
 *
 * usage: kitgeom workshop.yaml [label]   (only that page's boxes)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "card.h"
#include "datadir.h"
#include "kit.h"
#include "render.h"
#include "sheet.h"
#include "text.h"
#include "workshop.h"

static const char *const roles[] = {"sheet", "front", "back", "poster"};

int
main(int argc, char **argv)
{
	struct ul_workshop ws;
	struct ul_diags d;
	struct ul_render r = {0};
	struct ul_kit kit;
	struct ul_kit_selection all = {0};
	char *fontdir, *err = NULL;
	int rc = 0;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: kitgeom workshop.yaml [label]\n");
		return 64;
	}
	ul_diags_init(&d);
	if (ul_workshop_load(&ws, argv[1], &d) != 0) {
		ul_diags_print(&d, stderr, "kitgeom");
		return 65;
	}
	fontdir = ul_datadir_path("fonts");
	r.text = ul_text_new(fontdir, ws.theme.font, ws.lang, &err);
	if (!r.text) {
		fprintf(stderr, "kitgeom: %s\n", err);
		return 70;
	}
	r.ws = &ws;
	r.bleed = 3;
	r.diags = &d;
	r.file = ws.file;
	r.lang = ws.lang ? ws.lang : "fr";
	ul_kit_plan(&kit, &ws, r.bleed, NULL);
	r.kit = &kit;
	ul_kit_pages(&kit, &all, ul_sheet_pages(&r));
	for (size_t i = 0; i < kit.npages; i++) {
		const struct ul_kit_page *pg = &kit.pages[i];
		struct ul_layout l;

		if (argc == 3 && strcmp(pg->label, argv[2]) != 0)
			continue;
		printf("page %zu %s %s %s %.2f %.2f\n", i + 1, roles[pg->role],
		       pg->label, pg->name, pg->w, pg->h);
		if (pg->role != UL_KIT_FRONT)
			continue;
		if (ul_kit_face_layout(&r, &kit, pg, &l) < -1)
			rc = 1;
		for (size_t k = 0; k < l.n; k++) {
			const struct ul_box *b = &l.v[k];
			printf("  %s %d %d %.2f %.2f %.2f %.2f", ul_box_kind_name(b->kind),
			       b->field, b->number, b->x, b->y, b->w, b->h);
			if (b->has_ink)
				printf(" ink %.2f %.2f %.2f %.2f", b->ix, b->iy,
				       b->iw, b->ih);
			printf("\n");
		}
		ul_layout_release(&l);
	}
	ul_kit_release(&kit);
	ul_text_free(r.text);
	ul_workshop_release(&ws);
	ul_diags_release(&d);
	free(fontdir);
	free(err);
	ul_card_cache_release();
	ul_text_shutdown();
	return rc;
}
