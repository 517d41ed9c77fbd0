/*
 * Decidim proposal CSV exports: title/<lang> and body/<lang> in HTML (the
 * reader's language, else the first), votes or supports, categories as
 * tags; the authors, endorsements and addresses are personal.
 */
#include <stdlib.h>
#include <string.h>

#include "results-int.h"

static bool
recognise(char **h, size_t n)
{
	return dialect_has_prefix_col(h, n, "title/") || dialect_has_col(h, n, "author/id") ||
	    dialect_has_col(h, n, "participatory_space/id");
}

/* title/<lang> (body/<lang>): the reader's language, else the first. */
static const char *
pick_lang(char **h, size_t n, const char *stem, const char *lang)
{
	char *want = ul_xasprintf("%s/%s", stem, lang);
	const char *first = NULL;

	for (size_t i = 0; i < n; i++) {
		if (strcmp(h[i], want) == 0) {
			free(want);
			return h[i];
		}
		if (!first && strncmp(h[i], stem, strlen(stem)) == 0 &&
		    h[i][strlen(stem)] == '/' && !strchr(h[i] + strlen(stem) + 1, '/'))
			first = h[i];
	}
	free(want);
	return first;
}

static void
prepare(struct dialect_header *h)
{
	const char *lang = h->opts->lang ? h->opts->lang : "fr";

	h->title = pick_lang(h->names, h->n, "title", lang);
	h->body = pick_lang(h->names, h->n, "body", lang);
}

static bool
personal(const char *h)
{
	static const char *const drop[] = {
		"author/", "likes/user_endorsements", "endorsements/user_endorsements",
		"address", "latitude", "longitude", "coauthorships",
	};
	for (size_t k = 0; k < UL_NELEM(drop); k++)
		if (strncmp(h, drop[k], strlen(drop[k])) == 0)
			return true;
	return false;
}

/* Other columns: personal by their label, else ignored. */
static enum role
other(const char *h)
{
	char *f = ul_fold(h);
	enum role r = col_is_personal(f) ? RO_DROP : RO_IGNORE;
	free(f);
	return r;
}

static void
column(const struct dialect_header *hd, size_t i, struct col *c)
{
	const char *h = hd->names[i];

	if (personal(h))
		c->role = RO_DROP;
	else if (strcmp(h, "id") == 0)
		c->role = RO_SOURCEID;
	else if (hd->title && strcmp(h, hd->title) == 0) {
		c->role = RO_TEXT;
		c->html = true;
	} else if (hd->body && strcmp(h, hd->body) == 0) {
		c->role = RO_BODY;
		c->html = true;
	} else if (strcmp(h, "votes") == 0 || strcmp(h, "supports") == 0 ||
		   strcmp(h, "proposal_votes_count") == 0)
		c->role = RO_VOTES;
	else if (strncmp(h, "category/name/", 14) == 0 ||
		 strncmp(h, "taxonomies/name/", 16) == 0)
		c->role = RO_TAGS;
	else if (strcmp(h, "created_at") == 0)
		c->role = RO_DATE;
	else
		c->role = other(h);
}

const struct dialect ul_dialect_decidim_def = {
	.id = UL_DIALECT_DECIDIM,
	.name = "decidim",
	.recognise = recognise,
	.prepare = prepare,
	.column = column,
	.default_type = "idea",
	.table_is_name = true,
};
