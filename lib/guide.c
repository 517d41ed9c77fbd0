/* SPDX-License-Identifier: ISC */
/*
 * The guide: reads the guide definition (utilab-guide(5)) from the YAML
 * tree, then assembles the book: Markdown parts through lib/markdown.c,
 * workshops through lib/fiche.c, results through lib/collect.c and
 * lib/synthesis.c (the very merge utilab-collect makes), and lays it out
 * with lib/book.c.
 * Owns struct ul_guide; knows nothing of argv or of page layout.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book.h"
#include "collect.h"
#include "fiche.h"
#include "guide.h"
#include "intl.h"
#include "markdown.h"
#include "synthesis.h"
#include "text.h"
#include "util.h"
#include "ykeys.h"

#define MAX_TEXT (4u << 20)	/* a Markdown part: 4 MiB is a long book */

struct ctx {
	struct ul_guide *g;
	struct ul_diags *d;
	int rc;
};

static int
err(struct ctx *c, const struct ul_ynode *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
err(struct ctx *c, const struct ul_ynode *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ul_diag_vadd(c->d, UL_ERROR, UL_EDATA, c->g->file, n ? n->line : 0,
		     n ? n->col : 0, fmt, ap);
	va_end(ap);
	c->rc = -1;
	return -1;
}

static struct ul_pos
pos_of(const struct ul_ynode *n)
{
	struct ul_pos p = { n ? n->line : 0, n ? n->col : 0 };
	return p;
}

static const char *
scalar(struct ctx *c, const struct ul_ypair *p)
{
	if (p->value->kind != UL_YSCALAR) {
		err(c, p->value, "'%s' must be text, not a %s", p->key->str,
		    ul_ykind_name(p->value->kind));
		return NULL;
	}
	if (ul_ynode_is_null(p->value) || !*p->value->str) {
		err(c, p->value, "'%s' must not be empty", p->key->str);
		return NULL;
	}
	return p->value->str;
}

/* A path from the definition, relative to the definition's directory. */
static const char *
resolve(struct ctx *c, const char *path)
{
	if (path[0] == '/' || !c->g->dir)
		return ul_arena_strdup(&c->g->arena, path);
	char *s = ul_xasprintf("%s/%s", c->g->dir, path);
	const char *r = ul_arena_strdup(&c->g->arena, s);
	free(s);
	return r;
}

/* Report the keys of map not in keys[], with a suggestion (ykeys.h). */
static void
check_keys(struct ctx *c, const struct ul_ynode *map, const char *const *keys,
	   size_t n, const char *where)
{
	char in[96];

	snprintf(in, sizeof(in), _("in %s"), where);
	if (ul_ykeys_check(map, keys, n, NULL, c->g->file, in, NULL, c->d))
		c->rc = -1;
}

static const struct ul_ypair *
pair(const struct ul_ynode *map, const char *key)
{
	for (size_t i = 0; i < map->n; i++)
		if (strcmp(map->pairs[i].key->str, key) == 0)
			return &map->pairs[i];
	return NULL;
}

/*
 * A list of file names (or one name) under key what: each resolved from
 * the guide's directory. Returns how many, with each one's position.
 */
static size_t
file_list(struct ctx *c, const struct ul_ynode *v, const char *what,
	  const char ***paths, struct ul_pos **pos)
{
	const struct ul_ynode *one[1] = { v };
	const struct ul_ynode *const *items = one;
	size_t n = 1, k = 0;

	*paths = NULL;
	*pos = NULL;
	if (v->kind == UL_YSEQ) {
		items = (const struct ul_ynode *const *)v->items;
		n = v->n;
	} else if (v->kind != UL_YSCALAR) {
		err(c, v, "'%s' must be a file name or a list of them, not a mapping", what);
		return 0;
	}
	if (!n || (v->kind == UL_YSCALAR && ul_ynode_is_null(v))) {
		err(c, v, "'%s' must name at least one file", what);
		return 0;
	}
	*paths = ul_arena_alloc(&c->g->arena, n * sizeof(**paths));
	*pos = ul_arena_alloc(&c->g->arena, n * sizeof(**pos));
	for (size_t i = 0; i < n; i++) {
		if (items[i]->kind != UL_YSCALAR || !*items[i]->str) {
			err(c, items[i], "each of '%s' must be a file name", what);
			continue;
		}
		(*pos)[k] = pos_of(items[i]);
		(*paths)[k++] = resolve(c, items[i]->str);
	}
	return k;
}

static void
files(struct ctx *c, struct ul_guide_part *gp, const struct ul_ypair *p)
{
	const struct ul_ynode *v = p->value;
	const struct ul_ynode *one[1] = { v };
	const struct ul_ynode *const *items = one;
	size_t n = 1;

	if (v->kind == UL_YSEQ) {
		items = (const struct ul_ynode *const *)v->items;
		n = v->n;
	} else if (v->kind != UL_YSCALAR) {
		err(c, v, "'files' must be a list of results files, not a mapping");
		return;
	}
	if (!n || (v->kind == UL_YSCALAR && ul_ynode_is_null(v))) {
		err(c, v, "'files' must name at least one results file");
		return;
	}
	gp->files = ul_arena_alloc(&c->g->arena, n * sizeof(*gp->files));
	gp->file_pos = ul_arena_alloc(&c->g->arena, n * sizeof(*gp->file_pos));
	for (size_t i = 0; i < n; i++) {
		if (items[i]->kind != UL_YSCALAR || !*items[i]->str) {
			err(c, items[i], "each of 'files' must be a file name");
			continue;
		}
		gp->file_pos[gp->nfiles] = pos_of(items[i]);
		gp->files[gp->nfiles++] = resolve(c, items[i]->str);
	}
}

static void
part(struct ctx *c, struct ul_guide_part *gp, const struct ul_ynode *n, size_t i)
{
	static const char *const keys[] = { "markdown", "workshop", "results", "title" };
	static const char *const rkeys[] = { "workshop", "files" };
	const struct ul_ypair *p, *kind = NULL;
	char where[32];
	size_t kinds = 0;

	snprintf(where, sizeof(where), _("part %zu"), i + 1);
	gp->pos = pos_of(n);
	if (n->kind != UL_YMAP) {
		err(c, n, "part %zu must be a mapping with 'markdown', 'workshop' or "
		    "'results', not %s", i + 1, n->kind == UL_YSCALAR ? _("text") : _("a list"));
		return;
	}
	check_keys(c, n, keys, UL_NELEM(keys), where);
	for (size_t k = 0; k < 3; k++)
		if ((p = pair(n, keys[k]))) {
			if (!kind)
				kind = p;
			kinds++;
		}
	if (kinds != 1) {
		err(c, n, kinds ? "part %zu must have only one of 'markdown', 'workshop' "
		    "and 'results'" : "part %zu needs 'markdown', 'workshop' or 'results'",
		    i + 1);
		return;
	}
	if ((p = pair(n, "title")))
		gp->title = scalar(c, p);
	gp->path_pos = pos_of(kind->value);
	if (strcmp(kind->key->str, "results") != 0) {
		const char *s = scalar(c, kind);
		gp->kind = strcmp(kind->key->str, "markdown") == 0 ? UL_PART_MARKDOWN :
			   UL_PART_WORKSHOP;
		if (s)
			gp->path = resolve(c, s);
		return;
	}
	gp->kind = UL_PART_RESULTS;
	if (kind->value->kind != UL_YMAP) {
		err(c, kind->value, "'results' must be a mapping with 'files' (and "
		    "'workshop')");
		return;
	}
	check_keys(c, kind->value, rkeys, UL_NELEM(rkeys), "'results'");
	if ((p = pair(kind->value, "workshop")) && p->value->kind == UL_YSEQ) {
		/*
		 * Several workshops of the method (needs, field, ideation,
		 * service): the first names the synthesis, each results file
		 * is checked against the one it names.
		 */
		const char **paths;
		struct ul_pos *pos;
		size_t n = file_list(c, p->value, "workshop", &paths, &pos);
		if (n) {
			gp->path = paths[0];
			gp->path_pos = pos[0];
			gp->more = paths + 1;
			gp->more_pos = pos + 1;
			gp->nmore = n - 1;
		}
	} else if (p) {
		const char *s = scalar(c, p);
		if (s)
			gp->path = resolve(c, s);
		gp->path_pos = pos_of(p->value);
	}
	if ((p = pair(kind->value, "files")))
		files(c, gp, p);
	else
		err(c, kind->value, "missing required key 'files' in 'results'");
}

static void
build(struct ctx *c)
{
	static const char *const keys[] = {
		"utilab-guide", "title", "subtitle", "authors", "license", "date",
		"lang", "color", "parts"
	};
	struct ul_guide *g = c->g;
	const struct ul_ynode *root = g->doc.root;
	const struct ul_ypair *p;

	if (!root || root->kind != UL_YMAP) {
		err(c, root, "a guide definition is a mapping starting with "
		    "'utilab-guide: 1'");
		return;
	}
	check_keys(c, root, keys, UL_NELEM(keys), _("the guide"));
	if (!(p = pair(root, "utilab-guide")))
		err(c, root, "missing required key 'utilab-guide' (the format version, 1)");
	else if (p->value->kind != UL_YSCALAR || strcmp(p->value->str, "1") != 0)
		err(c, p->value, "unsupported 'utilab-guide' version '%s': this is "
		    "version %d", p->value->kind == UL_YSCALAR ? p->value->str : "?",
		    UL_GUIDE_VERSION);
	if (!(p = pair(root, "title")))
		err(c, root, "missing required key 'title'");
	else
		g->title = scalar(c, p);
	if ((p = pair(root, "subtitle")))
		g->subtitle = scalar(c, p);
	if ((p = pair(root, "license")))
		g->license = scalar(c, p);
	if ((p = pair(root, "date")))
		g->date = scalar(c, p);
	if ((p = pair(root, "lang")))
		g->lang = scalar(c, p);
	if ((p = pair(root, "color"))) {
		const char *s = scalar(c, p);
		if (s && ul_color_parse(s, &g->color) < 0)
			err(c, p->value, "'color' must be '#RGB' or '#RRGGBB', not '%s'", s);
	}
	if ((p = pair(root, "authors"))) {
		const struct ul_ynode *v = p->value;
		if (v->kind == UL_YSCALAR) {
			const char *s = scalar(c, p);
			if (s) {
				g->authors = ul_arena_alloc(&g->arena, sizeof(*g->authors));
				g->authors[g->nauthors++] = s;
			}
		} else if (v->kind == UL_YSEQ) {
			g->authors = ul_arena_alloc(&g->arena, (v->n + 1) * sizeof(*g->authors));
			for (size_t i = 0; i < v->n; i++) {
				if (v->items[i]->kind != UL_YSCALAR || !*v->items[i]->str)
					err(c, v->items[i], "each of 'authors' must be a name");
				else
					g->authors[g->nauthors++] = v->items[i]->str;
			}
		} else {
			err(c, v, "'authors' must be a list of names, not a mapping");
		}
	}
	if (!(p = pair(root, "parts"))) {
		err(c, root, "missing required key 'parts'");
	} else if (p->value->kind != UL_YSEQ || !p->value->n) {
		err(c, p->value, "'parts' must be a list of at least one part");
	} else {
		g->nparts = p->value->n;
		g->parts = ul_arena_alloc(&g->arena, g->nparts * sizeof(*g->parts));
		for (size_t i = 0; i < g->nparts; i++)
			part(c, &g->parts[i], p->value->items[i], i);
	}
}

int
ul_guide_load(struct ul_guide *g, const char *path, struct ul_diags *d)
{
	struct ctx c = { g, d, 0 };

	memset(g, 0, sizeof(*g));
	ul_arena_init(&g->arena);
	g->file = strcmp(path, "-") == 0 ? ul_diag_input_name(path) :
		  ul_arena_strdup(&g->arena, path);
	if (strcmp(path, "-") != 0) {
		const char *slash = strrchr(path, '/');
		if (slash)
			g->dir = ul_arena_strndup(&g->arena, path,
						  slash == path ? 1 : (size_t)(slash - path));
	}
	if (ul_yaml_load(&g->doc, path, &ul_ylimits_definition, d) < 0)
		return -1;
	g->doc.file = g->file;
	build(&c);
	return c.rc;
}

void
ul_guide_release(struct ul_guide *g)
{
	ul_ydoc_release(&g->doc);
	ul_arena_release(&g->arena);
}

size_t
ul_guide_inputs(const struct ul_guide *g, const char ***paths)
{
	size_t n = 0;
	const char **v = ul_xcalloc(1, sizeof(*v));

	v[n++] = g->file;
	for (size_t i = 0; i < g->nparts; i++) {
		const struct ul_guide_part *p = &g->parts[i];
		v = ul_xreallocarray(v, n + 2 + p->nfiles + p->nmore, sizeof(*v));
		if (p->path)
			v[n++] = p->path;
		for (size_t k = 0; k < p->nmore; k++)
			v[n++] = p->more[k];
		for (size_t k = 0; k < p->nfiles; k++)
			v[n++] = p->files[k];
	}
	*paths = v;
	return n;
}

/* ---- the book ---------------------------------------------------------- */

/*
 * Diagnostics of a part move to the caller's list with their file names
 * copied into the guide's arena: the workshops and merges that named them
 * are gone by the time they are printed.
 */
static void
move_diags(struct ul_guide *g, struct ul_diags *from, struct ul_diags *to)
{
	for (size_t i = 0; i < from->n; i++) {
		const struct ul_diag *d = &from->v[i];
		ul_diag_add(to, d->level, d->code,
			    d->file ? ul_arena_strdup(&g->arena, d->file) : NULL,
			    d->line, d->col, "%s", d->msg);
	}
	ul_diags_release(from);
	ul_diags_init(from);
}

struct held {
	struct ul_workshop *ws;		/* one per part (zeroed when unused) */
	struct ul_workshop **more;	/* results parts: the other workshops */
	const struct ul_workshop ***more_ptrs;
	bool *loaded;
	struct ul_fiche **fiches;
	struct ul_synthesis **syn;
	struct ul_collect *col;
};

static char *
join_authors(const struct ul_guide *g)
{
	struct ul_buf b;

	if (!g->nauthors)
		return NULL;
	ul_buf_init(&b);
	for (size_t i = 0; i < g->nauthors; i++)
		ul_buf_addf(&b, "%s%s", i ? (i + 1 == g->nauthors ? " et " : ", ") : "",
			    g->authors[i]);
	return ul_buf_detach(&b);
}

static char *
colophon(const struct ul_book *b, const struct ul_guide *g, const char *authors,
	 size_t nworkshops)
{
	struct ul_buf s;
	char *mk;

	ul_buf_init(&s);
	mk = ul_book_markup(b, g->title, false);
	ul_buf_addf(&s, "<b>%s</b>\n", mk);
	free(mk);
	if (authors) {
		mk = ul_book_markup(b, authors, false);
		ul_buf_addf(&s, "%s\n", mk);
		free(mk);
	}
	ul_buf_adds(&s, "\n");
	if (g->license) {
		char *t = ul_xasprintf("Ce guide est publié sous la licence %s. Vous pouvez "
				       "le copier, le modifier et le diffuser, à condition "
				       "de citer ses auteurs%s.", g->license,
				       strstr(g->license, "SA") ?
				       " et de partager vos versions sous la même licence" : "");
		mk = ul_book_markup(b, t, false);
		ul_buf_addf(&s, "%s\n\n", mk);
		free(mk);
		free(t);
	}
	{
		char *t = ul_xasprintf("Composé avec utilab %s%s%zu %s du catalogue.",
				       UL_VERSION, nworkshops ? ", à partir de " : "",
				       nworkshops, nworkshops > 1 ? "ateliers" : "atelier");
		if (!nworkshops)
			t[strlen(t) - strlen("0 atelier du catalogue.")] = '\0';
		mk = ul_book_markup(b, t, false);
		ul_buf_adds(&s, mk);
		free(mk);
		free(t);
	}
	return ul_buf_detach(&s);
}

int
ul_guide_render(const struct ul_guide *cg, struct ul_out *out, double w, double h,
		const char *fontdir, int *pages, struct ul_diags *diags)
{
	struct ul_guide *g = (struct ul_guide *)cg;	/* its arena keeps file names */
	static const struct ul_color accent = { 0.894, 0.0, 0.227, "#E4003A" };
	static const struct ul_color ink = { 0.114, 0.114, 0.106, "#1D1D1B" };
	struct ul_book_opts bo = { w, h, accent, ink, g->title, true };
	struct ul_diags local;
	struct held hd = { 0 };
	struct ul_book *book = NULL;
	struct ul_text *t;
	char *err = NULL, *authors = join_authors(g), *colo = NULL;
	const char *lang = g->lang ? g->lang : "fr";
	size_t nworkshops = 0;
	int rc = 0;

	ul_diags_init(&local);
	if (!(t = ul_text_new(fontdir, NULL, lang, &err))) {
		ul_diag_add(diags, UL_ERROR, UL_ESOFTWARE, NULL, 0, 0, "%s", err);
		free(err);
		free(authors);
		return -1;
	}
	if (g->color.text)
		bo.accent = g->color;
	bo.fr = ul_text_french(t);
	book = ul_book_new(t, &bo);

	hd.ws = ul_xcalloc(g->nparts + 1, sizeof(*hd.ws));
	hd.loaded = ul_xcalloc(g->nparts + 1, sizeof(*hd.loaded));
	hd.fiches = ul_xcalloc(g->nparts + 1, sizeof(*hd.fiches));
	hd.syn = ul_xcalloc(g->nparts + 1, sizeof(*hd.syn));
	hd.col = ul_xcalloc(g->nparts + 1, sizeof(*hd.col));
	hd.more = ul_xcalloc(g->nparts + 1, sizeof(*hd.more));
	hd.more_ptrs = ul_xcalloc(g->nparts + 1, sizeof(*hd.more_ptrs));
	for (size_t i = 0; i < g->nparts; i++) {
		const struct ul_guide_part *p = &g->parts[i];

		if (p->kind == UL_PART_MARKDOWN && p->path) {
			char *data = NULL;
			size_t len = 0;
			struct ul_text_scan nul;
			int got = ul_read_text(p->path, MAX_TEXT, NULL, &data, &len, &nul);
			if (got < 0 && errno == EILSEQ) {
				ul_text_error(&local, p->path, &nul);
				rc = -1;
			} else if (got < 0) {
				ul_diag_add(&local, UL_ERROR, UL_ENOINPUT, g->file,
					    p->path_pos.line, p->path_pos.col,
					    "cannot read '%s': %s", p->path, strerror(errno));
				rc = -1;
			} else if (ul_markdown_part(book, p->path, data, len, p->title,
						    NULL, &local) < 0) {
				rc = -1;
			}
			free(data);
		} else if (p->path) {
			/* a workshop, or the workshop results are checked against */
			hd.loaded[i] = true;
			if (ul_workshop_load(&hd.ws[i], p->path, &local) < 0) {
				if (!local.errors)
					ul_diag_add(&local, UL_ERROR, UL_ENOINPUT, g->file,
						    p->path_pos.line, p->path_pos.col,
						    "cannot load '%s'", p->path);
				rc = -1;
				move_diags(g, &local, diags);
				continue;
			}
		}
		if (p->kind == UL_PART_WORKSHOP && hd.loaded[i]) {
			struct ul_fiche_opts fo = { p->title, g->license, authors, 0 };
			nworkshops++;
			if (!(hd.fiches[i] = ul_fiche_add(book, &hd.ws[i], fontdir, &fo, &local)))
				rc = -1;
		} else if (p->kind == UL_PART_RESULTS) {
			struct ul_merge_opts mo = { .ws = hd.loaded[i] ? &hd.ws[i] : NULL,
						    .redact = true };
			bool unloaded = false;
			if (p->nmore && hd.loaded[i]) {
				hd.more[i] = ul_xcalloc(p->nmore, sizeof(**hd.more));
				hd.more_ptrs[i] = ul_xcalloc(p->nmore, sizeof(**hd.more_ptrs));
				for (size_t k = 0; k < p->nmore; k++) {
					if (ul_workshop_load(&hd.more[i][k], p->more[k],
							     &local) < 0)
						unloaded = true;
					hd.more_ptrs[i][k] = &hd.more[i][k];
				}
				mo.more = hd.more_ptrs[i];
				mo.nmore = p->nmore;
			}
			if (unloaded) {
				rc = -1;
				move_diags(g, &local, diags);
				continue;
			}
			if (ul_collect_read(&hd.col[i], &mo, NULL, p->files, p->nfiles,
					    &local) > 0) {
				rc = -1;
			} else {
				const struct ul_merge *m = &hd.col[i].merge;
				char *title = p->title ? ul_xstrdup(p->title) :
					ul_xasprintf("%s : %s", bo.fr ? "Résultats" : "Results",
						     m->workshop_title ? m->workshop_title :
						     m->workshop_id ? m->workshop_id :
						     (bo.fr ? "l'atelier" : "the workshop"));
				hd.syn[i] = ul_synthesis_add(book, t, m, title);
				free(title);
			}
		}
		move_diags(g, &local, diags);
	}

	if (rc == 0) {
		struct ul_book_cover cover = { g->title, g->subtitle, authors, g->license,
					       g->date, NULL };
		colo = colophon(book, g, authors, nworkshops);
		cover.colophon = colo;
		if (ul_book_render(book, out, &cover, &local) < 0)
			rc = -1;
		if (pages)
			*pages = ul_book_pages(book);
	}
	for (size_t i = 0; i < g->nparts; i++) {
		if (ul_fiche_finish(hd.fiches[i], &local) < 0)
			rc = -1;
		ul_synthesis_free(hd.syn[i]);
		if (hd.col[i].srcs)
			ul_collect_release(&hd.col[i]);
		move_diags(g, &local, diags);
		if (hd.loaded[i])
			ul_workshop_release(&hd.ws[i]);
		for (size_t k = 0; hd.more[i] && k < g->parts[i].nmore; k++)
			ul_workshop_release(&hd.more[i][k]);
		free(hd.more[i]);
		free(hd.more_ptrs[i]);
	}
	move_diags(g, &local, diags);
	ul_diags_release(&local);
	ul_book_free(book);
	ul_text_free(t);
	free(hd.ws);
	free(hd.loaded);
	free(hd.fiches);
	free(hd.syn);
	free(hd.col);
	free(hd.more);
	free(hd.more_ptrs);
	free(authors);
	free(colo);
	return rc;
}
