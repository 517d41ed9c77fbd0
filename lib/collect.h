/* SPDX-License-Identifier: ISC */
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

/*
 * What a workshop tells the readers: the fields of its write-in decks
 * (ids, each once, and their labels: a column so named or so labelled is
 * that field), and each write-in deck's serial prefix with the type of its
 * cards (ideas, field observations or blueprint steps when the deck says
 * so by its id or title: "idees", "Ce que j'ai vu", "Paroles", "Étape";
 * frictions otherwise, what write-in cards are for in the method), so
 * that a record typed up from a card without a type column gets it from
 * its serial. The arrays borrow the workshops' strings.
 */
struct ul_collect_workshop {
	const char **fields, **labels;
	size_t nfields;
	const char **prefixes, **types;
	size_t nprefixes;
};

/*
 * Fill w from the workshops of mo (ws, then more: -w given several
 * times) and point ro's language, fields and prefixes at it. Nothing when
 * mo has no workshop.
 */
void ul_collect_workshop(struct ul_collect_workshop *w, const struct ul_merge_opts *mo,
			 struct ul_ropts *ro);
void ul_collect_workshop_release(struct ul_collect_workshop *);

struct ul_collect {
	struct ul_merge merge;
	struct ul_rsource *srcs;	/* one per input */
	size_t nsrcs;
	struct ul_collect_workshop w;
};

/*
 * Read every input (paths; "-" is standard input) into c->merge, against
 * mopts->ws when set, then finish the merge. ropts NULL: the defaults
 * (dialects recognised, no mapping) and what mopts->ws tells the readers
 * (above); given: used as it is. Returns the number of inputs that could not be read at
 * all; when it is not 0 the merge is not finished and must not be used.
 * Diagnostics go to diags. Release c either way.
 */
size_t ul_collect_read(struct ul_collect *c, const struct ul_merge_opts *mopts,
		       const struct ul_ropts *ropts, const char *const *paths,
		       size_t n, struct ul_diags *);
void ul_collect_release(struct ul_collect *);

#endif
