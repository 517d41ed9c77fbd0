/* SPDX-License-Identifier: ISC */
/*
 * Collect: reads inputs into a merge, passing the workshop's field names
 * to the readers. Owns nothing but struct ul_collect; knows nothing of
 * argv, reports or pages.
 */
#include <stdlib.h>
#include <string.h>

#include "collect.h"
#include "util.h"

/* The record type a write-in deck's cards make, from its id and title. */
static const char *
deck_record_type(const struct ul_deck *dk)
{
	static const struct { const char *word, *type; } words[] = {
		{ "idee", "idea" }, { "idea", "idea" },
		{ "observ", "observation" }, { "ce que j ai vu", "observation" },
		{ "paroles", "observation" }, { "entretien", "observation" },
		{ "etape", "step" }, { "step", "step" },
	};
	char *id = ul_fold(dk->id), *title = ul_fold(dk->title ? dk->title : "");
	const char *type = "friction";

	for (size_t k = 0; k < UL_NELEM(words); k++)
		if (strstr(id, words[k].word) || strstr(title, words[k].word)) {
			type = words[k].type;
			break;
		}
	free(id);
	free(title);
	return type;
}

static void
add_workshop(struct ul_collect_workshop *w, const struct ul_workshop *ws)
{
	for (size_t d = 0; d < ws->ndecks; d++)
		for (size_t f = 0; f < ws->decks[d].nfields; f++) {
			const struct ul_field *fd = &ws->decks[d].fields[f];
			bool seen = false;
			for (size_t k = 0; k < w->nfields; k++)
				seen |= strcmp(w->fields[k], fd->id) == 0;
			if (seen)
				continue;
			w->fields = ul_xreallocarray(w->fields, w->nfields + 1,
						     sizeof(*w->fields));
			w->labels = ul_xreallocarray(w->labels, w->nfields + 1,
						     sizeof(*w->labels));
			w->labels[w->nfields] = fd->label;
			w->fields[w->nfields++] = fd->id;
		}
	for (size_t d = 0; d < ws->ndecks; d++) {
		const struct ul_deck *dk = &ws->decks[d];
		if (dk->kind != UL_DECK_WRITEIN || !dk->prefix)
			continue;
		w->prefixes = ul_xreallocarray(w->prefixes, w->nprefixes + 1,
					       sizeof(*w->prefixes));
		w->types = ul_xreallocarray(w->types, w->nprefixes + 1, sizeof(*w->types));
		w->prefixes[w->nprefixes] = dk->prefix;
		w->types[w->nprefixes++] = deck_record_type(dk);
	}
}

void
ul_collect_workshop(struct ul_collect_workshop *w, const struct ul_merge_opts *mo,
		    struct ul_ropts *ro)
{
	memset(w, 0, sizeof(*w));
	if (!mo->ws)
		return;
	add_workshop(w, mo->ws);
	for (size_t i = 0; i < mo->nmore; i++)
		add_workshop(w, mo->more[i]);
	ro->lang = mo->ws->lang;
	ro->fields = w->fields;
	ro->field_labels = w->labels;
	ro->nfields = w->nfields;
	ro->prefixes = w->prefixes;
	ro->prefix_types = w->types;
	ro->nprefixes = w->nprefixes;
}

void
ul_collect_workshop_release(struct ul_collect_workshop *w)
{
	free(w->fields);
	free(w->labels);
	free(w->prefixes);
	free(w->types);
	memset(w, 0, sizeof(*w));
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
	else
		ul_collect_workshop(&c->w, mopts, &ro);
	c->srcs = ul_xcalloc(n + 1, sizeof(*c->srcs));
	c->nsrcs = n;
	ul_merge_init(&c->merge, mopts);
	for (size_t i = 0; i < n; i++) {
		ul_merge_source(&c->merge, ul_diag_input_name(paths[i]),
				&c->srcs[i]);
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
	ul_collect_workshop_release(&c->w);
	memset(c, 0, sizeof(*c));
}
