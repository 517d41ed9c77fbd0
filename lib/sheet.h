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

#endif
