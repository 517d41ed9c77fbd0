/* SPDX-License-Identifier: ISC */
/*
 * Markdown: walks libcmark's tree into book blocks, turning inline nodes
 * into Pango markup through the book's own escaping and typography.
 * Owns the walk; knows nothing of pages (lib/book.c) nor of Markdown
 * syntax (libcmark parses; no Markdown is parsed here).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "book.h"
#include "markdown.h"
#include "util.h"

struct walk {
	struct ul_book *b;
	const char *file;
	struct ul_diags *d;
	int chapter_level;	/* headings at this level are chapters */
	cmark_node *title;	/* the heading used as the part's title */
};

static void inlines(struct walk *, cmark_node *, struct ul_buf *);

static void
text_markup(struct walk *w, const char *s, struct ul_buf *out)
{
	char *mk = ul_book_markup(w->b, s, false);
	ul_buf_adds(out, mk);
	free(mk);
}

/* The plain text of a node's inlines (headings' titles). */
static void
plain(cmark_node *n, struct ul_buf *out)
{
	for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			ul_buf_adds(out, cmark_node_get_literal(c));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			ul_buf_addc(out, ' ');
			break;
		default:
			plain(c, out);
		}
	}
}

static void
warn_at(struct walk *w, cmark_node *n, const char *what)
{
	ul_warning(w->d, w->file, cmark_node_get_start_line(n),
		   cmark_node_get_start_column(n),
		   "%s cannot be typeset in the guide: left out", what);
}

static void
inlines(struct walk *w, cmark_node *n, struct ul_buf *out)
{
	for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
			text_markup(w, cmark_node_get_literal(c), out);
			break;
		case CMARK_NODE_SOFTBREAK:
			ul_buf_addc(out, ' ');
			break;
		case CMARK_NODE_LINEBREAK:
			ul_buf_addc(out, '\n');
			break;
		case CMARK_NODE_CODE: {
			char *mk = ul_book_markup(w->b, cmark_node_get_literal(c), false);
			ul_buf_addf(out, "<span background=\"#EEEEEE\">%s</span>", mk);
			free(mk);
			break;
		}
		case CMARK_NODE_EMPH:
			ul_buf_adds(out, "<i>");
			inlines(w, c, out);
			ul_buf_adds(out, "</i>");
			break;
		case CMARK_NODE_STRONG:
			ul_buf_adds(out, "<b>");
			inlines(w, c, out);
			ul_buf_adds(out, "</b>");
			break;
		case CMARK_NODE_LINK: {
			const char *url = cmark_node_get_url(c);
			struct ul_buf txt;
			ul_buf_init(&txt);
			plain(c, &txt);
			ul_buf_adds(out, "<u>");
			inlines(w, c, out);
			ul_buf_adds(out, "</u>");
			/* on paper, the address must be readable: print it */
			if (url && *url && strcmp(url, txt.s) != 0 &&
			    strncmp(url, "mailto:", 7) != 0 && url[0] != '#') {
				char *mk = ul_book_markup(w->b, url, true);
				ul_buf_addf(out, " <span size=\"smaller\">(%s)</span>", mk);
				free(mk);
			}
			ul_buf_release(&txt);
			break;
		}
		case CMARK_NODE_IMAGE: {
			warn_at(w, c, "an image");
			struct ul_buf alt;
			ul_buf_init(&alt);
			plain(c, &alt);
			if (alt.len) {
				ul_buf_adds(out, "<i>[");
				text_markup(w, alt.s, out);
				ul_buf_adds(out, "]</i>");
			}
			ul_buf_release(&alt);
			break;
		}
		case CMARK_NODE_HTML_INLINE:
			if (strncmp(cmark_node_get_literal(c), "<!--", 4) != 0)
				warn_at(w, c, "raw HTML");
			break;
		default:
			inlines(w, c, out);
		}
	}
}

static void
paragraph(struct walk *w, cmark_node *n, enum ul_para_style st)
{
	struct ul_buf b;

	ul_buf_init(&b);
	inlines(w, n, &b);
	if (b.len)
		ul_book_para(w->b, b.s, st);
	ul_buf_release(&b);
}

static void blocks(struct walk *, cmark_node *, int depth, enum ul_para_style);

static void
list(struct walk *w, cmark_node *n, int depth)
{
	bool ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
	int num = cmark_node_get_list_start(n);
	bool paren = cmark_node_get_list_delim(n) == CMARK_PAREN_DELIM;

	for (cmark_node *it = cmark_node_first_child(n); it; it = cmark_node_next(it)) {
		char bullet[32];
		bool first = true;
		if (ordered)
			snprintf(bullet, sizeof(bullet), "%d%s", num++, paren ? ")" : ".");
		else
			snprintf(bullet, sizeof(bullet), "%s", depth ? "–" : "•");
		for (cmark_node *c = cmark_node_first_child(it); c; c = cmark_node_next(c)) {
			if (cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH) {
				struct ul_buf b;
				ul_buf_init(&b);
				inlines(w, c, &b);
				ul_book_item(w->b, first ? bullet : "", b.s, depth);
				ul_buf_release(&b);
				first = false;
			} else if (cmark_node_get_type(c) == CMARK_NODE_LIST) {
				if (first)
					ul_book_item(w->b, bullet, "", depth);
				list(w, c, depth + 1);
				first = false;
			} else {
				blocks(w, c, depth + 1, UL_PARA_BODY);
				first = false;
			}
		}
		if (first)
			ul_book_item(w->b, bullet, "", depth);
	}
}

static void
block(struct walk *w, cmark_node *n, int depth, enum ul_para_style st)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_PARAGRAPH:
		paragraph(w, n, st);
		break;
	case CMARK_NODE_HEADING: {
		if (n == w->title)
			break;
		struct ul_buf t;
		int level = cmark_node_get_heading_level(n);
		ul_buf_init(&t);
		plain(n, &t);
		if (level <= w->chapter_level)
			ul_book_chapter(w->b, t.s, false);
		else
			ul_book_heading(w->b, level - w->chapter_level + 1, t.s);
		ul_buf_release(&t);
		break;
	}
	case CMARK_NODE_LIST:
		list(w, n, depth);
		break;
	case CMARK_NODE_BLOCK_QUOTE:
		blocks(w, n, depth, UL_PARA_QUOTE);
		break;
	case CMARK_NODE_CODE_BLOCK: {
		const char *lit = cmark_node_get_literal(n);
		char *mk = ul_book_markup(w->b, lit ? lit : "", false);
		size_t l = strlen(mk);
		while (l && mk[l - 1] == '\n')
			mk[--l] = '\0';
		ul_book_para(w->b, mk, UL_PARA_CODE);
		free(mk);
		break;
	}
	case CMARK_NODE_THEMATIC_BREAK:
		ul_book_rule(w->b);
		break;
	case CMARK_NODE_HTML_BLOCK: {
		/* a comment (a licence note, an editor's remark) is not content */
		const char *lit = cmark_node_get_literal(n);
		while (lit && (*lit == ' ' || *lit == '\t'))
			lit++;
		if (!lit || strncmp(lit, "<!--", 4) != 0)
			warn_at(w, n, "raw HTML");
		break;
	}
	default:
		blocks(w, n, depth, st);
	}
}

static void
blocks(struct walk *w, cmark_node *n, int depth, enum ul_para_style st)
{
	for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c))
		block(w, c, depth, st);
}

int
ul_markdown_part(struct ul_book *b, const char *file, const char *data,
		 size_t len, const char *title, const char *kicker,
		 struct ul_diags *d)
{
	struct walk w = { b, file, d, 6, NULL };
	size_t bad = ul_utf8_invalid(data, len);
	cmark_node *doc;
	char *own = NULL;

	if (bad != (size_t)-1) {
		int line = 1, col = 1;
		for (size_t i = 0; i < bad; i++) {
			if (data[i] == '\n')
				line++, col = 1;
			else if (((unsigned char)data[i] & 0xC0) != 0x80)
				col++;
		}
		return ul_error(d, file, line, col, "not valid UTF-8 text");
	}
	if (memchr(data, '\0', len))
		return ul_error(d, file, 0, 0, "not text: it holds a NUL byte");
	doc = cmark_parse_document(data, len, CMARK_OPT_DEFAULT);

	/* the title: given, else the first heading if it is level 1 */
	if (!title) {
		cmark_node *c = cmark_node_first_child(doc);
		/* past comments: a licence note may come before the title */
		while (c && cmark_node_get_type(c) == CMARK_NODE_HTML_BLOCK &&
		       strncmp(cmark_node_get_literal(c), "<!--", 4) == 0)
			c = cmark_node_next(c);
		if (c && cmark_node_get_type(c) == CMARK_NODE_HEADING &&
		    cmark_node_get_heading_level(c) == 1) {
			struct ul_buf t;
			ul_buf_init(&t);
			plain(c, &t);
			own = ul_buf_detach(&t);
			title = own;
			w.title = c;
		}
	}
	if (!title) {
		cmark_node_free(doc);
		return ul_error(d, file, 1, 1, "no title: start the text with a "
				"level-1 heading ('# Title') or give the part a 'title'");
	}
	/* chapters: the shallowest heading level left */
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && n != w.title &&
		    cmark_node_get_type(n) == CMARK_NODE_HEADING &&
		    cmark_node_get_heading_level(n) < w.chapter_level)
			w.chapter_level = cmark_node_get_heading_level(n);
	}
	cmark_iter_free(it);

	ul_book_part(b, title, kicker, NULL);
	blocks(&w, doc, 0, UL_PARA_BODY);
	cmark_node_free(doc);
	free(own);
	return 0;
}
