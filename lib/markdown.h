/* SPDX-License-Identifier: ISC */
/*
 * Markdown: CommonMark text (parsed by libcmark) set as a part of a book.
 * The part's title is the one given, else the document's first level-1
 * heading; the shallowest level of the headings left makes the chapters
 * (in the contents and the bookmarks), deeper ones are section headings.
 * Paragraphs, lists (nested, numbered or not), block quotes, code blocks
 * and thematic breaks are set with the book's type; emphasis, strong,
 * inline code and links inline (a link's address is printed after its
 * text, since paper has no links). Images and raw HTML cannot be typeset:
 * they are left out with a warning at their position.
 * Owns nothing past a call; knows nothing of workshops or argv.
 */
#ifndef UL_MARKDOWN_H
#define UL_MARKDOWN_H

#include <stddef.h>

#include "book.h"
#include "diag.h"

/*
 * Add data[0..len) (UTF-8; file names it in diagnostics) to the book as
 * one part. kicker is the part's kicker (may be NULL). Returns 0, or -1
 * with a positioned error (text that is not UTF-8, a document with no
 * title when none is given).
 */
int ul_markdown_part(struct ul_book *, const char *file, const char *data,
		     size_t len, const char *title, const char *kicker,
		     struct ul_diags *);

#endif
