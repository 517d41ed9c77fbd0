/* SPDX-License-Identifier: ISC */
/*
 * Arena allocator: bump allocation in chunks, one free for everything.
 */
#include <stdint.h>
#include <string.h>
#include <stdlib.h>

#include "arena.h"
#include "util.h"

struct ul_arena_chunk {
	struct ul_arena_chunk *next;
	size_t size, off;
	max_align_t data[];
};

void
ul_arena_init(struct ul_arena *a)
{
	a->head = NULL;
	a->used = 0;
}

void
ul_arena_release(struct ul_arena *a)
{
	struct ul_arena_chunk *c = a->head, *next;

	for (; c; c = next) {
		next = c->next;
		free(c);
	}
	ul_arena_init(a);
}

void *
ul_arena_alloc(struct ul_arena *a, size_t n)
{
	const size_t align = sizeof(max_align_t);
	struct ul_arena_chunk *c = a->head;
	void *p;

	n = (n + align - 1) / align * align;
	if (n == 0)
		n = align;
	if (!c || c->size - c->off < n) {
		size_t size = n > 65536 ? n : 65536;
		c = ul_xmalloc(sizeof(*c) + size);
		c->size = size;
		c->off = 0;
		c->next = a->head;
		a->head = c;
	}
	p = (char *)c->data + c->off;
	c->off += n;
	a->used += n;
	memset(p, 0, n);
	return p;
}

char *
ul_arena_strndup(struct ul_arena *a, const char *s, size_t n)
{
	char *p = ul_arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
ul_arena_strdup(struct ul_arena *a, const char *s)
{
	return ul_arena_strndup(a, s, strlen(s));
}
