/* SPDX-License-Identifier: ISC */
/*
 * Named paper sizes: the one table of playing-card, ISO A and North
 * American sizes, for workshop definitions (card and poster trims) and for
 * utilab-print's sheets. Owns the table; knows nothing of workshops,
 * sheets or argv. Sizes are in millimetres, portrait.
 */
#ifndef UL_SIZES_H
#define UL_SIZES_H

#include <stdbool.h>
#include <stddef.h>

/* Where a name may be used. */
enum {
	UL_SIZE_TRIM = 1,	/* a card's or poster's size in a workshop */
	UL_SIZE_SHEET = 2	/* a sheet to print on (utilab-print -s) */
};

struct ul_named_size {
	const char *name;	/* lower case */
	double w, h;		/* mm, portrait */
	unsigned use;		/* UL_SIZE_* */
};

/* The size called name (any case) that may serve as use, or NULL. */
const struct ul_named_size *ul_size_named(const char *name, unsigned use);

/*
 * The names that may serve as use, in table order, into names (room for
 * max); returns how many there are. For suggestions and messages.
 */
size_t ul_size_names(unsigned use, const char **names, size_t max);

/* Whether name is an ISO A size ("a0" to "a7", any case). */
bool ul_size_is_a(const char *name);

/* The ISO A sizes from A3 up to A0, smallest first, for suggestions. */
const struct ul_named_size *ul_size_a(size_t i);	/* NULL past the last */

#endif
