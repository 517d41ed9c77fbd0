/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target for the YAML loader: any input is parsed twice, under
 * the definition limits and under tiny ones (so that every limit is hit
 * often), and whatever tree comes out is walked to check the header's
 * promises: scalars NUL-terminated with the stated length and no NUL
 * inside, keys always text, positions 1-based. A broken promise aborts,
 * which the fuzzer reports as a crash.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yamlload.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const struct ul_ylimits tiny = {
	.max_bytes = 4096,
	.max_depth = 4,
	.max_scalar = 64,
	.max_nodes = 64,
};

static void
check(int cond)
{
	if (!cond)
		abort();
}

static size_t
walk(const struct ul_ynode *n, size_t depth, const struct ul_ylimits *lim)
{
	size_t count = 1;

	check(n != NULL && n->line >= 1 && n->col >= 1);
	check(depth <= lim->max_depth);
	switch (n->kind) {
	case UL_YSCALAR:
		check(n->str != NULL && strlen(n->str) == n->len);
		check(n->len <= lim->max_scalar);
		break;
	case UL_YSEQ:
		for (size_t i = 0; i < n->n; i++)
			count += walk(n->items[i], depth + 1, lim);
		break;
	case UL_YMAP:
		for (size_t i = 0; i < n->n; i++) {
			check(n->pairs[i].key->kind == UL_YSCALAR);
			count += walk(n->pairs[i].key, depth + 1, lim);
			count += walk(n->pairs[i].value, depth + 1, lim);
			/* Keys are unique: the first match is this pair. */
			check(ul_ymap_get(n, n->pairs[i].key->str) ==
			      n->pairs[i].value);
		}
		break;
	default:
		check(0);
	}
	return count;
}

static void
run(const char *data, size_t size, const struct ul_ylimits *lim)
{
	static FILE *sink;
	struct ul_diags diags;
	struct ul_ydoc doc;
	int r;

	if (!sink)
		sink = fopen("/dev/null", "w");
	ul_diags_init(&diags);
	r = ul_yaml_parse(&doc, "fuzz.yaml", data, size, lim, &diags);
	if (r == 0) {
		check(diags.errors == 0 && doc.root != NULL);
		check(walk(doc.root, 0, lim) <= lim->max_nodes);
	} else {
		/* A refusal always says why, and where. */
		check(diags.errors > 0 && doc.root == NULL);
		check(ul_diags_exit_code(&diags) == UL_EDATA);
		for (size_t i = 0; i < diags.n; i++)
			check(diags.v[i].line >= 1 && diags.v[i].col >= 1);
	}
	ul_diags_sort(&diags);
	if (sink)
		ul_diags_print(&diags, sink, "fuzz");
	ul_ydoc_release(&doc);
	ul_diags_release(&diags);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int line, col;

	run((const char *)data, size, &ul_ylimits_definition);
	run((const char *)data, size, &tiny);
	ul_yaml_position((const char *)data, size, size / 2, &line, &col);
	check(line >= 1 && col >= 1);
	return 0;
}
