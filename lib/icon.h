/* SPDX-License-Identifier: ISC */
/*
 * Pictograms: the built-in set (share/utilab/icons, plain ASCII lower-case
 * French names: "courses", "logement"…) and SVG/PNG files beside a
 * workshop, drawn as vectors with librsvg.
 *
 * `icon:` values are built-in names unless they contain a '/' or end in
 * ".svg" or ".png": then they are paths relative to the workshop's
 * directory, which they may not leave (absolute paths, "..", and symlinks
 * resolving outside are refused).
 *
 * Loaded pictograms are cached for the life of the process, per file and
 * ink colour, so a 1000-card deck reads and parses each one once; call
 * ul_icon_cache_release() before exit to free them.
 */
#ifndef UL_ICON_H
#define UL_ICON_H

#include <stdbool.h>
#include <stddef.h>

#include <cairo.h>

#include "diag.h"
#include "workshop.h"

/* True when name is one of the built-in pictograms. */
bool ul_icon_known(const char *name);
/* The built-in names, sorted: for i in [0, ul_icon_count()). */
size_t ul_icon_count(void);
const char *ul_icon_name(size_t i);
/* Where a built-in pictogram comes from ("lucide-static@1.62.0 ISC: euro"),
 * read from icons/SOURCES; NULL when unknown. Static storage. */
const char *ul_icon_source(const char *name);

/* True when value names a file beside the workshop rather than a built-in. */
bool ul_icon_is_path(const char *value);

/*
 * Draw a pictogram centred in the square (x, y, size, size), in cr's user
 * units (millimetres in utilab's draw functions, see render.h), keeping
 * its aspect ratio. name_or_path: a built-in name, or a path relative to
 * basedir (the workshop's directory; NULL means "."). Stroke and fill set
 * to `currentColor` in an SVG take the ink colour (NULL: black); PNGs are
 * drawn as they are. cr may be NULL: then the pictogram is only resolved
 * and loaded, which is what a check (-n) wants.
 * Errors (unknown name with a suggestion, path escaping basedir, unreadable
 * or invalid file) go to diags at file:pos, and return -1; nothing is drawn.
 */
int ul_icon_draw(cairo_t *cr, const char *name_or_path, const char *basedir,
		 double x, double y, double size, const struct ul_color *ink,
		 struct ul_diags *, const char *file, struct ul_pos pos);

/*
 * Limits on a pictogram file, checked before it is parsed (the error names
 * the file): bytes, SVG elements (start tags), PNG pixels on a side.
 */
#define UL_ICON_MAX_BYTES	(1u << 20)
#define UL_ICON_MAX_ELEMENTS	10000u
#define UL_ICON_MAX_PIXELS	4096u

/*
 * Check and parse a pictogram held in memory (an SVG, or a PNG when png is
 * true) as ul_icon_draw does a file, then draw it once off-screen: for the
 * fuzz target. Returns 0, or -1 with a diagnostic at file `what`.
 */
int ul_icon_try(const char *data, size_t len, bool png, const char *what,
		struct ul_diags *);

/* Free every cached pictogram. */
void ul_icon_cache_release(void);

#endif
