/*
 * The facilitator's run sheet: A4 portrait pages with the workshop's
 * question, audience and place, the phases on a running clock with their
 * steps as tick boxes, and the materials to pack, computed from the
 * phases' `uses:` (cards per deck counting copies and write-in blanks,
 * posters and their sizes) plus the usual supplies. Black on white, so it
 * photocopies.
 *
 * Units as in render.h (mm); the page is A4 (210 × 297 mm) with no bleed:
 * it goes to an office printer, not to a print shop.
 */
#ifndef UL_SHEET_H
#define UL_SHEET_H

#include <cairo.h>

#include "render.h"
#include "workshop.h"

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
 * The materials to pack, line by line, as the run sheet lists them (and
 * the guide's workshop fiches): headings (CARDS, POSTERS, SUPPLIES), items
 * with inline *emphasis* and **strong**, and a closing note on what the
 * kit holds that no phase uses. pos is where a line's deck or poster is
 * defined (0 for supplies).
 */
/*
 * The workshop's details as the run sheet shows them, label and value:
 * audience, place, long date, duration (with the announced one when they
 * differ), partners, the team to bring.
 */
typedef void (*ul_fact_fn)(void *ctx, const char *label, const char *value);
void ul_sheet_facts(const struct ul_workshop *, bool french, ul_fact_fn, void *ctx);

enum ul_materials_kind { UL_MAT_HEADING, UL_MAT_ITEM, UL_MAT_NOTE };
typedef void (*ul_materials_fn)(void *ctx, enum ul_materials_kind,
				const char *text, struct ul_pos pos);
void ul_sheet_materials(const struct ul_workshop *, bool french,
			ul_materials_fn, void *ctx);

#endif
