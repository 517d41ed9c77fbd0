/*
 * Collect: the steps every consumer of results takes, in one place (the
 * utilab-collect command and the results parts of a guide): the field
 * names a workshop's write-in decks define, and reading every input into
 * one merge.
 * Owns struct ul_collect (the merge and what the readers learned of each
 * input); knows nothing of argv, reports or pages.
 */
#ifndef UL_COLLECT_H
#define UL_COLLECT_H

#include <stddef.h>

#include "diag.h"
#include "merge.h"
#include "results.h"
#include "workshop.h"

struct ul_collect {
	struct ul_merge merge;
	struct ul_rsource *srcs;	/* one per input */
	size_t nsrcs;
	const char **fields;		/* the workshop's field names */
	size_t nfields;
};

/*
 * Read every input (paths; "-" is standard input) into c->merge, against
 * mopts->ws when set (its write-in fields are passed to the readers), then
 * finish the merge. ropts may be NULL (defaults: dialects recognised,
 * no mapping). Returns the number of inputs that could not be read at
 * all; when it is not 0 the merge is not finished and must not be used.
 * Diagnostics go to diags. Release c either way.
 */
size_t ul_collect_read(struct ul_collect *c, const struct ul_merge_opts *mopts,
		       const struct ul_ropts *ropts, const char *const *paths,
		       size_t n, struct ul_diags *);
void ul_collect_release(struct ul_collect *);

#endif
