/* SPDX-License-Identifier: ISC */
/*
 * Arena: many small allocations freed in one call. The YAML tree and the
 * workshop model built from one file live in one arena.
 */
#ifndef UL_ARENA_H
#define UL_ARENA_H

#include <stddef.h>

struct ul_arena_chunk;
struct ul_arena {
	struct ul_arena_chunk *head;
	size_t used;		/* total bytes handed out, for limits */
};

void ul_arena_init(struct ul_arena *);
void ul_arena_release(struct ul_arena *);
void *ul_arena_alloc(struct ul_arena *, size_t);	/* zeroed, aligned */
char *ul_arena_strndup(struct ul_arena *, const char *, size_t);
char *ul_arena_strdup(struct ul_arena *, const char *);

#endif
