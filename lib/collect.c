/*
 * Collect: reads inputs into a merge, passing the workshop's field names
 * to the readers. Owns nothing but struct ul_collect; knows nothing of
 * argv, reports or pages.
 */
#include <stdlib.h>
#include <string.h>

#include "collect.h"
#include "util.h"

/* Every field id of the workshop's decks, each once, in deck order. */
static void
workshop_fields(struct ul_collect *c, const struct ul_workshop *ws)
{
	for (size_t d = 0; ws && d < ws->ndecks; d++)
		for (size_t f = 0; f < ws->decks[d].nfields; f++) {
			const char *id = ws->decks[d].fields[f].id;
			bool seen = false;
			for (size_t k = 0; k < c->nfields; k++)
				seen |= strcmp(c->fields[k], id) == 0;
			if (seen)
				continue;
			c->fields = ul_xreallocarray(c->fields, c->nfields + 1,
						     sizeof(*c->fields));
			c->fields[c->nfields++] = id;
		}
}

size_t
ul_collect_read(struct ul_collect *c, const struct ul_merge_opts *mopts,
		const struct ul_ropts *ropts, const char *const *paths, size_t n,
		struct ul_diags *diags)
{
	struct ul_ropts ro;
	size_t unreadable = 0;

	memset(c, 0, sizeof(*c));
	memset(&ro, 0, sizeof(ro));
	ro.dialect = UL_DIALECT_AUTO;
	if (ropts)
		ro = *ropts;
	workshop_fields(c, mopts->ws);
	if (mopts->ws) {
		ro.lang = mopts->ws->lang;
		ro.fields = c->fields;
		ro.nfields = c->nfields;
	}
	c->srcs = ul_xcalloc(n + 1, sizeof(*c->srcs));
	c->nsrcs = n;
	ul_merge_init(&c->merge, mopts);
	for (size_t i = 0; i < n; i++) {
		ul_merge_source(&c->merge, strcmp(paths[i], "-") == 0 ? "<stdin>" :
				paths[i], &c->srcs[i]);
		if (ul_results_read(paths[i], &ro, ul_merge_add, &c->merge,
				    &c->srcs[i], diags) < 0)
			unreadable++;
	}
	if (!unreadable)
		ul_merge_finish(&c->merge, diags);
	return unreadable;
}

void
ul_collect_release(struct ul_collect *c)
{
	ul_merge_release(&c->merge);
	for (size_t i = 0; i < c->nsrcs; i++)
		ul_rsource_release(&c->srcs[i]);
	free(c->srcs);
	free(c->fields);
	memset(c, 0, sizeof(*c));
}
