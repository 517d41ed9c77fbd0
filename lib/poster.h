/* SPDX-License-Identifier: ISC */
/*
 * Posters (DESIGN §3–4): journey grids, canvases of named zones, vote
 * boards and agendas, drawn at any size from A4 to A0 or WxHmm with type,
 * lines and spacing scaled to the sheet.
 *
 * A poster page is the trim plus the bleed on every side; its title band
 * runs into the bleed. Units as in render.h: millimetres, origin at the
 * top-left corner of the bleed box.
 */
#ifndef UL_POSTER_H
#define UL_POSTER_H

#include <cairo.h>

#include "render.h"
#include "workshop.h"

/*
 * The trim size the poster is drawn at, in mm. It is the poster's size as
 * written, except that a journey on a named A size is turned landscape
 * (its stages run left to right): the page is this plus 2 × bleed.
 */
void ul_poster_trim(const struct ul_poster *, double *w, double *h);

/*
 * Draw the poster on cr (page = trim + 2 × r->bleed). The QR code, when
 * the poster has one, takes the URL template that applies with {deck} =
 * "poster" and {card} = the poster's id ({serial} has no value). Text that
 * overflows even at its floor, a QR code too small or too long, low
 * contrast and missing glyphs are reported to r->diags, naming the poster
 * at its position. Returns 0, or -1 when an error was reported.
 */
int ul_poster_draw(struct ul_render *, const struct ul_poster *, cairo_t *cr);

#endif
