/* SPDX-License-Identifier: ISC */
/*
 * The facilitator's run sheet: A4 portrait pages with the workshop's
 * question, audience and place, the phases on a running clock with their
 * steps as tick boxes, and the materials to pack: the decks and posters
 * the phases `use`, with the sets and cards the kit plan holds (r->kit,
 * lib/kit.h: it must be set), plus the usual supplies. Black on white, so
 * it photocopies.
 *
 * Units as in render.h (mm); the page is A4 (210 × 297 mm) with no bleed:
 * it goes to an office printer, not to a print shop.
 */
#ifndef UL_SHEET_H
#define UL_SHEET_H

#include <cairo.h>

#include "render.h"

#define UL_SHEET_WIDTH 210.0
#define UL_SHEET_HEIGHT 297.0

/* How many pages the run sheet takes (at least 1). */
int ul_sheet_pages(struct ul_render *);

/*
 * Draw page `page` (0-based) on cr, an A4 page in millimetres. Text that
 * does not fit is reported to r->diags. Returns 0, or -1 when an error was
 * reported or page is out of range.
 */
int ul_sheet_draw_page(struct ul_render *, int page, cairo_t *cr);

/*
 * The run sheet's content for other layouts (the guide's workshop fiches),
 * in the kit's language. Facts: the details as label and value (audience,
 * place, long date, duration with the announced one when they differ,
 * partners, the team to bring). Materials: the list line by line, headings
 * (CARTES, AFFICHES, FOURNITURES), items with inline *emphasis* and
 * **strong**, and a closing note on what the kit holds that no phase
 * uses; pos is where an item's deck or poster is defined (0 for
 * supplies). r->ws and r->kit must be set; nothing is drawn.
 */
typedef void (*ul_fact_fn)(void *ctx, const char *label, const char *value);
void ul_sheet_facts(struct ul_render *, ul_fact_fn, void *ctx);

enum ul_materials_kind { UL_MAT_HEADING, UL_MAT_ITEM, UL_MAT_NOTE };
typedef void (*ul_materials_fn)(void *ctx, enum ul_materials_kind,
				const char *text, struct ul_pos pos);
void ul_sheet_materials(struct ul_render *, ul_materials_fn, void *ctx);

#endif
