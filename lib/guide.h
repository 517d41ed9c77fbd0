/* SPDX-License-Identifier: ISC */
/*
 * The guide definition (utilab-guide(5)) and the book made from it: a
 * cover, the contents, then one part per entry of `parts` (Markdown text,
 * a workshop fiche, or a synthesis of results), in one page size.
 * Paths in the definition are relative to the definition's directory.
 * Owns struct ul_guide (one arena and the YAML tree, for positions);
 * knows nothing of argv.
 */
#ifndef UL_GUIDE_H
#define UL_GUIDE_H

#include <stddef.h>

#include "diag.h"
#include "pdfout.h"
#include "workshop.h"
#include "yamlload.h"

#define UL_GUIDE_VERSION 1

enum ul_guide_part_kind { UL_PART_MARKDOWN, UL_PART_WORKSHOP, UL_PART_RESULTS };

struct ul_guide_part {
	enum ul_guide_part_kind kind;
	const char *title;	/* NULL: from the text, workshop or results */
	const char *path;	/* markdown or workshop file, resolved */
	const char **files;	/* results: inputs, resolved */
	struct ul_pos *file_pos;
	size_t nfiles;
	/* results: the other workshops ('workshop' given as a list), resolved */
	const char **more;
	struct ul_pos *more_pos;
	size_t nmore;
	struct ul_pos pos, path_pos;
};

struct ul_guide {
	const char *file;	/* as given */
	const char *dir;	/* where relative paths start */
	const char *title, *subtitle, *license, *date, *lang;
	const char **authors;
	size_t nauthors;
	struct ul_color color;	/* accent; text NULL when not given */
	struct ul_guide_part *parts;
	size_t nparts;
	struct ul_ydoc doc;
	struct ul_arena arena;
};

/*
 * Load and validate (every problem reported, positioned; unknown keys with
 * a suggestion). Returns 0, or -1; release the guide either way.
 */
int ul_guide_load(struct ul_guide *, const char *path, struct ul_diags *);
void ul_guide_release(struct ul_guide *);

/* Every file the guide reads (definition, texts, workshops, results). */
size_t ul_guide_inputs(const struct ul_guide *, const char ***paths);

/*
 * Typeset the guide onto out in pages of w × h mm, with the bundled fonts
 * of fontdir. Problems in the parts (a workshop that does not load, results
 * that cannot be read, Markdown that is not text) are reported positioned,
 * all of them; returns 0, or -1 when there was an error (the output should
 * then be abandoned). pages, when not NULL, receives the page count.
 */
int ul_guide_render(const struct ul_guide *, struct ul_out *, double w,
		    double h, const char *fontdir, int *pages, struct ul_diags *);

#endif
