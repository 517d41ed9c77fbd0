/* SPDX-License-Identifier: ISC */
/*
 * YAML loader: reads libyaml *events* into a small tree that keeps every
 * node's position, enforcing limits as it builds (size, depth, scalar
 * length, node count), so hostile input is refused early and cheaply.
 * Refused by policy: anchors and aliases, tags, non-scalar keys, merge keys
 * (<<), duplicate keys, NUL in scalars, several documents, empty documents.
 * Owns struct ul_ydoc and its nodes (one arena); knows nothing of what the
 * documents mean.
 */
#ifndef UL_YAMLLOAD_H
#define UL_YAMLLOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"

enum ul_ykind { UL_YSCALAR, UL_YSEQ, UL_YMAP };

struct ul_ynode;
struct ul_ypair {
	struct ul_ynode *key;	/* always a scalar */
	struct ul_ynode *value;
};

struct ul_ynode {
	enum ul_ykind kind;
	int line, col;		/* 1-based, columns in characters */
	/* UL_YSCALAR */
	char *str;		/* NUL-terminated, never contains NUL */
	size_t len;
	bool plain;		/* unquoted: may mean null, a number, a bool */
	/* UL_YSEQ: items; UL_YMAP: pairs in document order */
	struct ul_ynode **items;
	struct ul_ypair *pairs;
	size_t n;
};

struct ul_ylimits {
	size_t max_bytes;	/* whole file */
	size_t max_depth;	/* nested collections */
	size_t max_scalar;	/* bytes in one scalar */
	size_t max_nodes;	/* nodes in the tree */
};

/* Definitions: 1 MiB, depth 32, 64 KiB scalars, 200,000 nodes. */
extern const struct ul_ylimits ul_ylimits_definition;
/* Results files: 256 MiB, depth 32, 1 MiB scalars, 1,000,000 nodes. */
extern const struct ul_ylimits ul_ylimits_results;

struct ul_ydoc {
	const char *file;	/* borrowed, for diagnostics */
	struct ul_ynode *root;
	struct ul_arena arena;
};

/*
 * Parse data[0..len) (need not be NUL-terminated). file names it in
 * diagnostics and must outlive them. Returns 0, or -1 with at least one
 * positioned error (UL_EDATA) in diags; the doc is then empty but must
 * still be released.
 */
int ul_yaml_parse(struct ul_ydoc *, const char *file, const char *data,
		  size_t len, const struct ul_ylimits *, struct ul_diags *);
/* Read path ("-": standard input) and parse it. UL_ENOINPUT if unreadable. */
int ul_yaml_load(struct ul_ydoc *, const char *path,
		 const struct ul_ylimits *, struct ul_diags *);
/*
 * The same, handing the bytes read back in *source (NUL-terminated past
 * len; the caller frees it, whatever the result) for checks that need the
 * text as written, such as what follows a key whose value came out empty.
 * Unreadable input leaves *source untouched.
 */
int ul_yaml_load_source(struct ul_ydoc *, const char *path,
			const struct ul_ylimits *, struct ul_diags *,
			char **source, size_t *source_len);
void ul_ydoc_release(struct ul_ydoc *);

/* The value under key in a mapping, or NULL. */
struct ul_ynode *ul_ymap_get(const struct ul_ynode *map, const char *key);
/* A plain null scalar: empty, "~", "null", "Null", "NULL". */
bool ul_ynode_is_null(const struct ul_ynode *);
const char *ul_ykind_name(enum ul_ykind);	/* "text", "list", "mapping" */

/*
 * Line and column (1-based, column in characters) of a byte offset,
 * for errors found outside libyaml.
 */
void ul_yaml_position(const char *data, size_t len, size_t offset,
		      int *line, int *col);

#endif
