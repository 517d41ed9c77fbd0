/* SPDX-License-Identifier: ISC */
/*
 * Decidim proposal exports, 0.23 to 0.30, CSV (';' by default) and JSON
 * (flattened by lib/results-json.c the way Decidim's CSV exporter
 * flattens: nested keys joined by '/'). Translated fields come once per
 * language (title/fr, title/en, body/machine_translation/es…): the
 * reader's language is taken, else the first, never all of them. Tags
 * are the categories (category/name/<lang>, before 0.28) or the
 * taxonomies (taxonomies/<id>/<lang>, 0.28 on; taxonomies/ids lists the
 * ids), in the same language. The session is published_at (the day the
 * proposal went public), else created_at. Votes are votes, supports
 * (before 0.24) or proposal_votes_count. The authors, endorsements and
 * likes (names), addresses and coordinates are personal. Decidim prefixes
 * a cell that starts with = + - @ with an apostrophe (against formula
 * injection); the apostrophe is taken off again.
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

/* STEM/<lang> (a translated field's column): the language, or NULL. */
static const char *
lang_of(const char *h, const char *stem)
{
	size_t l = strlen(stem);

	if (strncmp(h, stem, l) != 0 || h[l] != '/' || !h[l + 1] || strchr(h + l + 1, '/'))
		return NULL;
	return h + l + 1;
}

/* The reader's language among a translated field's columns, else the first. */
static const char *
pick_lang(char **h, size_t n, const char *stem, const char *lang)
{
	const char *first = NULL, *l;

	for (size_t i = 0; i < n; i++) {
		if (!(l = lang_of(h[i], stem)))
			continue;
		if (strcmp(l, lang) == 0)
			return l;
		if (!first)
			first = l;
	}
	return first;
}

/* taxonomies/<id>/<lang>: the language, or NULL. */
static const char *
taxonomy_lang(const char *h)
{
	const char *p = h + 11;

	if (strncmp(h, "taxonomies/", 11) != 0 || !(*p >= '0' && *p <= '9'))
		return NULL;
	p += strspn(p, "0123456789");
	return *p == '/' && p[1] && !strchr(p + 1, '/') ? p + 1 : NULL;
}

static void
prepare(struct dialect_header *h)
{
	const char *lang = h->opts->lang ? h->opts->lang : "fr";
	const char *first = NULL;

	h->title = pick_lang(h->names, h->n, "title", lang);
	h->body = pick_lang(h->names, h->n, "body", lang);
	h->tag_lang = pick_lang(h->names, h->n, "category/name", lang);
	if (!h->tag_lang)
		h->tag_lang = pick_lang(h->names, h->n, "taxonomies/name", lang);
	/* Taxonomies: each id has its languages; the reader's if any has it. */
	for (size_t i = 0; i < h->n && !h->tax_lang; i++) {
		const char *l = taxonomy_lang(h->names[i]);
		if (l && strcmp(l, lang) == 0)
			h->tax_lang = l;
		else if (l && !first)
			first = l;
	}
	if (!h->tax_lang)
		h->tax_lang = first;
	h->has_published = dialect_has_col(h->names, h->n, "published_at");
}

static bool
personal(const char *h)
{
	static const char *const drop[] = {
		"author/", "likes/user_endorsements", "likes/user_likes",
		"endorsements/user_endorsements", "address", "latitude", "longitude",
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

static bool
is_lang_col(const char *h, const char *stem, const char *lang)
{
	const char *l = lang_of(h, stem);
	return l && lang && strcmp(l, lang) == 0;
}

static void
column(const struct dialect_header *hd, size_t i, struct col *c)
{
	const char *h = hd->names[i];
	const char *tl;

	if (personal(h))
		c->role = RO_DROP;
	else if (strcmp(h, "id") == 0)
		c->role = RO_SOURCEID;
	else if (is_lang_col(h, "title", hd->title)) {
		c->role = RO_TEXT;
		c->html = true;
	} else if (is_lang_col(h, "body", hd->body)) {
		c->role = RO_BODY;
		c->html = true;
	} else if (strcmp(h, "votes") == 0 || strcmp(h, "supports") == 0 ||
		   strcmp(h, "proposal_votes_count") == 0)
		c->role = RO_VOTES;
	else if (is_lang_col(h, "category/name", hd->tag_lang) ||
		 is_lang_col(h, "taxonomies/name", hd->tag_lang) ||
		 ((tl = taxonomy_lang(h)) && hd->tax_lang && strcmp(tl, hd->tax_lang) == 0))
		c->role = RO_TAGS;
	else if (strcmp(h, "published_at") == 0 ||
		 (strcmp(h, "created_at") == 0 && !hd->has_published))
		c->role = RO_DATE;
	else if (strncmp(h, "title/", 6) == 0 || strncmp(h, "body/", 5) == 0 ||
		 strncmp(h, "category/", 9) == 0 || strncmp(h, "taxonomies/", 11) == 0 ||
		 strncmp(h, "scope/", 6) == 0 || strncmp(h, "answer/", 7) == 0 ||
		 strncmp(h, "original_proposal/", 18) == 0 ||
		 strncmp(h, "cost_report/", 12) == 0 || strncmp(h, "execution_period/", 17) == 0)
		c->role = RO_SILENT;	/* the other languages, ids, the answer */
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
	.formula_quoted = true,
};
