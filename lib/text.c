/* SPDX-License-Identifier: ISC */
/*
 * Text: owns the private fontconfig configuration, the Pango font map and
 * context, and one reused PangoLayout; turns user text into safe Pango
 * markup (escaping, inline syntax, French typography) and fits it into
 * boxes. Knows nothing of cards, workshops, diagnostics or files other
 * than the font directory.
 */
#include <dirent.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include "lang.h"
#include "render.h"
#include "text.h"
#include "util.h"

struct ul_text {
	FcConfig *cfg;
	PangoFontMap *fm;
	PangoContext *ctx;
	PangoLayout *layout;
	PangoLayout *rest;	/* the part of a notched text below the notch */
	int rest_start;		/* what rest holds: byte offset, width, size */
	double rest_w, rest_size;
	const void *rest_of;	/* the main layout's text it was cut from */
	PangoFontDescription *desc;
	FcCharSet *cover;	/* what the bundled fonts draw, together */
	char *family;
	bool french;

	/*
	 * What the layout holds now. Setting markup and font again is most of
	 * the cost of a text box, so both are only redone when they change.
	 */
	char *src;		/* the text as given */
	bool src_inline, src_raw;
	double lspacing;	/* letter spacing applied in the markup */
	double size, width, spacing;
	int weight, slant;
	enum ul_align align;
	bool rtl;

	/* Coverage of the BMP, computed lazily: known[] then has[]. */
	uint8_t known[8192], has[8192];
};

PangoContext *
ul_text_context(struct ul_text *t)
{
	return t->ctx;
}

const char *
ul_text_family(const struct ul_text *t)
{
	return t->family;
}

bool
ul_text_french(const struct ul_text *t)
{
	return t->french;
}

/* Whether the font map knows family (case-insensitive); stores its name. */
static bool
find_family(PangoFontMap *fm, const char *family, char **name)
{
	PangoFontFamily **fams = NULL;
	int n = 0;
	bool found = false;

	pango_font_map_list_families(fm, &fams, &n);
	for (int i = 0; i < n && !found; i++) {
		const char *fn = pango_font_family_get_name(fams[i]);
		if (strcasecmp(fn, family) == 0) {
			*name = ul_xstrdup(fn);
			found = true;
		}
	}
	g_free(fams);
	return found;
}

/*
 * Add the font files one by one: FcConfigAppFontAddDir would try to write
 * a directory cache, and a configuration of our own has nowhere to put it
 * (fontconfig then complains on stderr). Four files scan in no time.
 */
static void
add_fonts(FcConfig *cfg, const char *dir)
{
	struct dirent **ents;
	int n = scandir(dir, &ents, NULL, alphasort);

	for (int i = 0; i < n; i++) {
		const char *name = ents[i]->d_name;
		size_t len = strlen(name);

		if (len > 4 && (strcasecmp(name + len - 4, ".ttf") == 0 ||
				strcasecmp(name + len - 4, ".otf") == 0)) {
			char *path = ul_xasprintf("%s/%s", dir, name);
			FcConfigAppFontAddFile(cfg, (const FcChar8 *)path);
			free(path);
		}
		free(ents[i]);
	}
	if (n >= 0)
		free(ents);
}

struct ul_text *
ul_text_new(const char *fontdir, const char *family, const char *lang,
	    char **err)
{
	struct ul_text *t = ul_xcalloc(1, sizeof(*t));
	cairo_font_options_t *fo;
	FcFontSet *set;

	*err = NULL;
	if (!family || !*family)
		family = "Atkinson Hyperlegible";
	if (!lang || !*lang)
		lang = "fr";

	/*
	 * A configuration with nothing but our own fonts: no system fonts,
	 * no cache to read or write, the same layout on every machine.
	 */
	t->cfg = FcConfigCreate();
	add_fonts(t->cfg, fontdir);
	if (!(set = FcConfigGetFonts(t->cfg, FcSetApplication)) ||
	    set->nfont == 0) {
		*err = ul_xasprintf("no usable font in '%s'", fontdir);
		goto fail;
	}
	t->fm = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	if (!t->fm) {
		*err = ul_xstrdup("cairo has no FreeType font support");
		goto fail;
	}
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(t->fm), t->cfg);
	if (!find_family(t->fm, family, &t->family)) {
		*err = ul_xasprintf("font '%s' is not among the bundled fonts in '%s'",
				    family, fontdir);
		goto fail;
	}

	t->ctx = pango_font_map_create_context(t->fm);
	pango_cairo_context_set_resolution(t->ctx, 72);
	pango_context_set_round_glyph_positions(t->ctx, FALSE);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(t->ctx, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_language(t->ctx, pango_language_from_string(lang));
	t->french = ul_lang_find(lang, false) == ul_lang_fr();

	t->desc = pango_font_description_new();
	pango_font_description_set_family(t->desc, t->family);
	pango_font_description_set_size(t->desc, 10 * PANGO_SCALE);
	/*
	 * Pango takes a character the family lacks from the first bundled
	 * font that has it (Noto Sans Arabic for Arabic…): what can be drawn
	 * is what any of them has.
	 */
	t->cover = FcCharSetCreate();
	for (int i = 0; i < set->nfont; i++) {
		FcCharSet *cs;
		if (FcPatternGetCharSet(set->fonts[i], FC_CHARSET, 0, &cs) ==
		    FcResultMatch)
			FcCharSetMerge(t->cover, cs, NULL);
	}

	t->layout = pango_layout_new(t->ctx);
	t->rest = pango_layout_new(t->ctx);
	pango_layout_set_wrap(t->rest, PANGO_WRAP_WORD);
	pango_layout_set_wrap(t->layout, PANGO_WRAP_WORD);
	pango_layout_set_font_description(t->layout, t->desc);
	t->size = 10;
	t->width = -1;
	t->weight = PANGO_WEIGHT_NORMAL;
	t->slant = PANGO_STYLE_NORMAL;
	t->align = UL_ALIGN_LEFT;
	return t;
fail:
	ul_text_free(t);
	return NULL;
}

void
ul_text_free(struct ul_text *t)
{
	if (!t)
		return;
	if (t->layout)
		g_object_unref(t->layout);
	if (t->rest)
		g_object_unref(t->rest);
	if (t->cover)
		FcCharSetDestroy(t->cover);
	if (t->desc)
		pango_font_description_free(t->desc);
	if (t->ctx)
		g_object_unref(t->ctx);
	if (t->fm) {
		/* The font map caches fonts and patterns that refer back to it. */
		pango_fc_font_map_shutdown(PANGO_FC_FONT_MAP(t->fm));
		g_object_unref(t->fm);
	}
	if (t->cfg)
		FcConfigDestroy(t->cfg);
	free(t->family);
	free(t->src);
	free(t);
}

/*
 * Pango 1.50 takes a reference on the configuration it is given and never
 * drops it, at a time that depends on its own initialisation thread
 * (measured with ASan on 1.50.12: a leak of the four fonts' patterns, in
 * some runs only). Dropping it for Pango races with that thread, so the
 * leak is left to LeakSanitizer's suppressions, which the sanitizer
 * runtime reads from this function when it exists.
 */
const char *__lsan_default_suppressions(void);
__attribute__((used)) const char *
__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

/* ... and quietly: golden tests compare standard error. */
const char *__lsan_default_options(void);
__attribute__((used)) const char *
__lsan_default_options(void)
{
	return "print_suppressions=0";
}

void
ul_text_shutdown(void)
{
	/*
	 * No cairo_debug_reset_static_data(): it asserts when a surface
	 * (SVG pages replaying a recorded back) still holds a font, and what
	 * cairo keeps in its static caches stays reachable, which leak
	 * checkers do not count.
	 */
	pango_cairo_font_map_set_default(NULL);
	FcFini();
}

/* French typography */

static void
put_cp(struct ul_buf *b, uint32_t c)
{
	char u[4];
	size_t n;

	if (c < 0x80) {
		u[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		u[0] = (char)(0xC0 | c >> 6);
		u[1] = (char)(0x80 | (c & 0x3F));
		n = 2;
	} else if (c < 0x10000) {
		u[0] = (char)(0xE0 | c >> 12);
		u[1] = (char)(0x80 | (c >> 6 & 0x3F));
		u[2] = (char)(0x80 | (c & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | c >> 18);
		u[1] = (char)(0x80 | (c >> 12 & 0x3F));
		u[2] = (char)(0x80 | (c >> 6 & 0x3F));
		u[3] = (char)(0x80 | (c & 0x3F));
		n = 4;
	}
	ul_buf_add(b, u, n);
}

static bool
is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == 0xA0 || c == 0x202F ||
	       c == 0x2009;
}

static bool
is_plain_space(uint32_t c)
{
	return c == ' ' || c == 0x202F || c == 0x2009;
}

/* What may follow a high punctuation mark for a space to go before it. */
static bool
ends_word(uint32_t c)
{
	return c == 0 || is_space(c) || c == ';' || c == ':' || c == '!' ||
	       c == '?' || c == 0xBB || c == ')' || c == '.' || c == ',' ||
	       c == '"' || c == 0x201D || c == '*' || c == 0x2026;
}

static bool
is_letter(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= 0xC0 && c != 0xD7 && c != 0xF7 && c < 0x2000);
}

/* Whether out[0..m) ends with a whole number: digits, perhaps 1,5 or 2.5. */
static bool
number_ends_at(const uint32_t *out, size_t m)
{
	size_t k = m;

	if (k == 0 || out[k - 1] < '0' || out[k - 1] > '9')
		return false;
	while (k > 0 && ((out[k - 1] >= '0' && out[k - 1] <= '9') ||
			 out[k - 1] == ',' || out[k - 1] == '.'))
		k--;
	return k == 0 || is_space(out[k - 1]) || out[k - 1] == '(' ||
	       out[k - 1] == 0xAB;
}

static char *french_paragraph(const char *s);

/* Whether a paragraph's first letter belongs to a right-to-left script. */
static bool
rtl_paragraph(const char *s)
{
	while (*s) {
		GUnicodeScript sc = g_unichar_get_script(ul_utf8_next(&s));
		if (sc == G_UNICODE_SCRIPT_COMMON ||
		    sc == G_UNICODE_SCRIPT_INHERITED ||
		    sc == G_UNICODE_SCRIPT_UNKNOWN)
			continue;
		return sc == G_UNICODE_SCRIPT_ARABIC ||
		       sc == G_UNICODE_SCRIPT_HEBREW ||
		       sc == G_UNICODE_SCRIPT_SYRIAC ||
		       sc == G_UNICODE_SCRIPT_THAANA ||
		       sc == G_UNICODE_SCRIPT_NKO;
	}
	return false;
}

/*
 * Paragraph by paragraph: one set right to left (Arabic under French on
 * a bilingual face) keeps its own punctuation untouched.
 */
char *
ul_text_french_typography(const char *s)
{
	struct ul_buf b;

	if (!strchr(s, '\n'))
		return rtl_paragraph(s) ? ul_xstrdup(s) : french_paragraph(s);
	ul_buf_init(&b);
	ul_buf_grow(&b, strlen(s) + 16);
	for (const char *p = s;;) {
		size_t n = strcspn(p, "\n");
		char *para = ul_xstrndup(p, n);
		if (rtl_paragraph(para)) {
			ul_buf_adds(&b, para);
		} else {
			char *t = french_paragraph(para);
			ul_buf_adds(&b, t);
			free(t);
		}
		free(para);
		if (!p[n])
			break;
		ul_buf_addc(&b, '\n');
		p += n + 1;
	}
	return ul_buf_detach(&b);
}

static char *
french_paragraph(const char *s)
{
	struct ul_buf b;
	size_t n = ul_utf8_len(s), i = 0;
	uint32_t *cp = ul_xreallocarray(NULL, n + 1, sizeof(*cp));
	uint32_t *out = ul_xreallocarray(NULL, 2 * n + 1, sizeof(*out));
	size_t m = 0;
	const char *p = s;

	while (*p)
		cp[i++] = ul_utf8_next(&p);
	cp[n] = 0;

	for (i = 0; i < n; i++) {
		uint32_t c = cp[i], prev = m ? out[m - 1] : 0;
		uint32_t next = cp[i + 1];

		switch (c) {
		case '\'':
			out[m++] = 0x2019;
			continue;
		case ';': case ':': case '!': case '?':
			if (prev && is_plain_space(prev)) {
				out[m - 1] = 0xA0;
			} else if (prev && prev != 0xA0 && !is_space(prev) &&
				   prev != ';' && prev != ':' && prev != '!' &&
				   prev != '?' && prev != '*' && prev != 0xAB &&
				   prev != '(' && ends_word(next) &&
				   !(c == ':' && next == 0)) {
				/* "Où?" → "Où ?", but not "14:30" nor "https://" */
				out[m++] = 0xA0;
			}
			out[m++] = c;
			continue;
		case 0xAB:	/* « */
			out[m++] = c;
			if (is_plain_space(next)) {
				out[m++] = 0xA0;
				i++;
			} else if (next && !is_space(next)) {
				out[m++] = 0xA0;
			}
			continue;
		case 0xBB:	/* » */
			if (prev && is_plain_space(prev))
				out[m - 1] = 0xA0;
			else if (prev && !is_space(prev))
				out[m++] = 0xA0;
			out[m++] = c;
			continue;
		case ' ':
			/*
			 * FALC wants numbers in digits, and a number alone at
			 * the end of a line ("1 / chose") reads badly: bind it
			 * to the word that follows.
			 */
			if (number_ends_at(out, m) && is_letter(next)) {
				out[m++] = 0xA0;
				continue;
			}
			out[m++] = c;
			continue;
		default:
			out[m++] = c;
		}
	}
	ul_buf_init(&b);
	ul_buf_grow(&b, strlen(s) + 16);
	for (i = 0; i < m; i++)
		put_cp(&b, out[i]);
	free(cp);
	free(out);
	return ul_buf_detach(&b);
}

/* Markup */

static void
escape(struct ul_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '&': ul_buf_adds(b, "&amp;"); break;
		case '<': ul_buf_adds(b, "&lt;"); break;
		case '>': ul_buf_adds(b, "&gt;"); break;
		default: ul_buf_addc(b, (unsigned char)s[i]);
		}
	}
}

/* Where the run opened at s[i] (after a marker of len 1 or 2) closes. */
static size_t
closing(const char *s, size_t i, size_t e, size_t len)
{
	if (i >= e || s[i] == ' ')
		return 0;	/* "3 * 4" is no emphasis */
	for (size_t j = i; j < e; j++) {
		if (s[j] == '\\' && j + 1 < e) {
			j++;
			continue;
		}
		if (s[j] != '*')
			continue;
		bool dbl = j + 1 < e && s[j + 1] == '*';
		if (len == 2 && dbl && s[j - 1] != ' ')
			return j;
		if (len == 1 && !dbl && s[j - 1] != ' ')
			return j;
		if (len == 1 && dbl)
			j++;	/* a strong run inside an emphasis */
	}
	return 0;
}

static void
inline_markup(struct ul_buf *b, const char *s, size_t i, size_t e)
{
	while (i < e) {
		size_t j;

		if (s[i] == '\\' && i + 1 < e && s[i + 1] == '*') {
			ul_buf_addc(b, '*');
			i += 2;
		} else if (s[i] == '*' && i + 1 < e && s[i + 1] == '*' &&
			   (j = closing(s, i + 2, e, 2)) > i + 2) {
			ul_buf_adds(b, "<b>");
			inline_markup(b, s, i + 2, j);
			ul_buf_adds(b, "</b>");
			i = j + 2;
		} else if (s[i] == '*' && (j = closing(s, i + 1, e, 1)) > i + 1) {
			ul_buf_adds(b, "<i>");
			inline_markup(b, s, i + 1, j);
			ul_buf_adds(b, "</i>");
			i = j + 1;
		} else {
			escape(b, s + i, 1);
			i++;
		}
	}
}

char *
ul_text_markup(const struct ul_text *t, const char *s, bool inl, bool raw)
{
	struct ul_buf b;
	char *fr = NULL;

	if (!raw && t->french)
		s = fr = ul_text_french_typography(s);
	ul_buf_init(&b);
	ul_buf_grow(&b, strlen(s) + 32);
	if (inl)
		inline_markup(&b, s, 0, strlen(s));
	else
		escape(&b, s, strlen(s));
	free(fr);
	return ul_buf_detach(&b);
}

/* Layout */

static void
set_text(struct ul_text *t, const char *s, const struct ul_text_style *st)
{
	char *mk;

	if (t->src && t->src_inline == st->inline_markup &&
	    t->src_raw == st->raw && t->lspacing == st->letter_spacing &&
	    strcmp(t->src, s) == 0)
		return;
	free(t->src);
	t->src = ul_xstrdup(s);
	t->rest_of = NULL;
	t->src_inline = st->inline_markup;
	t->src_raw = st->raw;
	t->lspacing = st->letter_spacing;
	mk = ul_text_markup(t, s, st->inline_markup, st->raw);
	if (st->letter_spacing != 0) {
		char *w = ul_xasprintf("<span letter_spacing=\"%d\">%s</span>",
				       (int)lround(st->letter_spacing * PANGO_SCALE),
				       mk);
		free(mk);
		mk = w;
	}
	pango_layout_set_markup(t->layout, mk, -1);
	free(mk);
}

static void
set_geometry(struct ul_text *t, const struct ul_text_style *st, double size,
	     double w)
{
	int weight = st->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL;
	int slant = st->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL;
	double spacing = st->spacing > 0 ? st->spacing : 0;


	if (size != t->size || weight != t->weight || slant != t->slant) {
		pango_font_description_set_size(t->desc,
						(int)lround(size * PANGO_SCALE));
		pango_font_description_set_weight(t->desc, weight);
		pango_font_description_set_style(t->desc, slant);
		pango_layout_set_font_description(t->layout, t->desc);
		t->size = size;
		t->rest_of = NULL;
		t->weight = weight;
		t->slant = slant;
	}
	if (w != t->width) {
		pango_layout_set_width(t->layout,
				       w > 0 ? (int)lround(w * UL_PT_PER_MM * PANGO_SCALE) : -1);
		t->width = w;
		t->rest_of = NULL;
	}
	if (spacing != t->spacing) {
		pango_layout_set_line_spacing(t->layout, (float)spacing);
		t->spacing = spacing;
		t->rest_of = NULL;
	}
	if (st->rtl != t->rtl) {
		/*
		 * With auto-dir off the context's base direction rules every
		 * paragraph, and Pango no longer mirrors the alignment: we do.
		 */
		pango_context_set_base_dir(t->ctx, st->rtl ? PANGO_DIRECTION_RTL :
					   PANGO_DIRECTION_LTR);
		pango_layout_set_auto_dir(t->layout, !st->rtl);
		pango_layout_set_auto_dir(t->rest, !st->rtl);
		pango_layout_context_changed(t->layout);
		pango_layout_context_changed(t->rest);
		t->rtl = st->rtl;
		t->align = (enum ul_align)-1;
		t->rest_of = NULL;
	}
	if (st->align != t->align) {
		enum ul_align a = st->align;
		if (st->rtl && a != UL_ALIGN_CENTER)
			a = a == UL_ALIGN_LEFT ? UL_ALIGN_RIGHT : UL_ALIGN_LEFT;
		pango_layout_set_alignment(t->layout,
			a == UL_ALIGN_CENTER ? PANGO_ALIGN_CENTER :
			a == UL_ALIGN_RIGHT ? PANGO_ALIGN_RIGHT :
			PANGO_ALIGN_LEFT);
		t->align = st->align;
		t->rest_of = NULL;
	}
}

static double
floor_q(double v)
{
	return floor(v * 4 + 1e-9) / 4;
}

/* Lay out at size; store extents; whether it fits in w×h mm. */
static bool
try_size(struct ul_text *t, const struct ul_text_style *st, double size,
	 double w, double h, struct ul_text_fit *fit)
{
	PangoRectangle ink, log;

	set_geometry(t, st, size, w);
	pango_layout_get_extents(t->layout, &ink, &log);
	fit->size = size;
	fit->width = (double)log.width / PANGO_SCALE * UL_MM_PER_PT;
	fit->height = (double)log.height / PANGO_SCALE * UL_MM_PER_PT;
	fit->lines = pango_layout_get_line_count(t->layout);
	fit->ink_x = (double)ink.x / PANGO_SCALE * UL_MM_PER_PT;
	fit->ink_y = (double)ink.y / PANGO_SCALE * UL_MM_PER_PT;
	fit->ink_w = (double)ink.width / PANGO_SCALE * UL_MM_PER_PT;
	fit->ink_h = (double)ink.height / PANGO_SCALE * UL_MM_PER_PT;
	/*
	 * A word longer than the line is not broken (that would mislead the
	 * reader): it sticks out, and that is an overflow too.
	 */
	double over_w = (double)(log.x + log.width) / PANGO_SCALE * UL_MM_PER_PT - w;
	fit->overflow = h > 0 ? fit->height - h : 0;
	if (w > 0 && over_w > 0.01 && over_w > fit->overflow)
		fit->overflow = over_w;
	if (fit->overflow < 0)
		fit->overflow = 0;
	return fit->overflow <= 0.01;
}

/*
 * The largest size on the quarter-point grid in [floor, st->size] for
 * which try() fits, with as few layouts as possible (each one shapes the
 * whole text again): the first try's overflow gives an estimate, as the
 * area of a text grows with the square of its size, then quarter-point
 * steps find the edge. Returns 0 and the fit, or -1 with the floor's.
 */
typedef bool (*try_fn)(struct ul_text *, const struct ul_text_style *, double,
		       const double *, struct ul_text_fit *);

static int
search(struct ul_text *t, const struct ul_text_style *st, try_fn try,
       const double *box, double h, struct ul_text_fit *fit)
{
	double floor = st->min_size > 0 && st->min_size < st->size ?
		       st->min_size : st->size;
	double s, est;
	struct ul_text_fit f;

	if (try(t, st, st->size, box, fit)) {
		fit->shrunk = false;
		return 0;
	}
	if (floor >= st->size)
		return -1;
	est = fit->height > 0 && h > 0 ? st->size * sqrt(h / (fit->height + 0.01)) :
	      floor;
	s = fmax(floor, fmin(st->size - 0.25, floor_q(est)));
	if (try(t, st, s, box, &f)) {
		/* the estimate errs small by a quarter point at most, mostly */
		*fit = f;
	} else {
		while (s > floor + 0.01) {
			s = fmax(floor, s - 0.25);
			if (try(t, st, s, box, &f)) {
				*fit = f;
				fit->shrunk = true;
				return 0;
			}
		}
		*fit = f;
		fit->shrunk = true;
		return -1;
	}
	fit->shrunk = true;
	return 0;
}

static bool
try_plain(struct ul_text *t, const struct ul_text_style *st, double size,
	  const double *box, struct ul_text_fit *fit)
{
	return try_size(t, st, size, box[0], box[1], fit);
}

int
ul_text_fit(struct ul_text *t, const char *s, const struct ul_text_style *st,
	    double w, double h, struct ul_text_fit *fit)
{
	double box[2] = { w, h };

	set_text(t, s, st);
	return search(t, st, try_plain, box, h, fit);
}

double
ul_text_draw(struct ul_text *t, cairo_t *cr, const char *s,
	     const struct ul_text_style *st, double size, double x, double y,
	     double w)
{
	PangoRectangle log;

	set_text(t, s, st);
	set_geometry(t, st, size, w);
	pango_layout_get_extents(t->layout, NULL, &log);
	cairo_save(cr);
	cairo_translate(cr, x, y);
	cairo_scale(cr, UL_MM_PER_PT, UL_MM_PER_PT);
	pango_cairo_show_layout(cr, t->layout);
	cairo_restore(cr);
	return (double)log.height / PANGO_SCALE * UL_MM_PER_PT;
}

int
ul_text_show(struct ul_text *t, cairo_t *cr, const char *s,
	     const struct ul_text_style *st, double x, double y, double w,
	     double h, struct ul_text_fit *fit)
{
	int rc = ul_text_fit(t, s, st, w, h, fit);

	if (cr)
		ul_text_draw(t, cr, s, st, fit->size, x, y, w);
	return rc;
}

/* Notched boxes */

/*
 * With the main layout set at width w: the y (pt) where the first line
 * crossing h1 begins, and set t->rest to the text from there on at w2.
 * Returns false when every line ends above h1 (no rest).
 */
static bool
split_at(struct ul_text *t, double h1, double w2, double *ysplit)
{
	PangoLayoutIter *it = pango_layout_get_iter(t->layout);
	double lim = h1 * UL_PT_PER_MM * PANGO_SCALE;
	bool split = false;

	do {
		PangoRectangle log;
		pango_layout_iter_get_line_extents(it, NULL, &log);
		if (log.y + log.height > lim + 1) {
			PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
			const char *text = pango_layout_get_text(t->layout);
			PangoAttrList *attrs = pango_layout_get_attributes(t->layout);
			PangoAttrList *copy = attrs ? pango_attr_list_copy(attrs) :
						      pango_attr_list_new();
			int start = line->start_index;

			*ysplit = (double)log.y / PANGO_SCALE;
			split = true;
			/* Same cut as last time: rest is already laid out. */
			if (t->rest_of == t->src && start == t->rest_start &&
			    w2 == t->rest_w && t->size == t->rest_size)
				break;
			t->rest_of = t->src;
			t->rest_start = start;
			t->rest_w = w2;
			t->rest_size = t->size;
			/* shift the styles along with the text */
			pango_attr_list_update(copy, 0, start, 0);
			pango_layout_set_text(t->rest, text + start, -1);
			pango_layout_set_attributes(t->rest, copy);
			pango_attr_list_unref(copy);
			pango_layout_set_font_description(t->rest, t->desc);
			pango_layout_set_width(t->rest,
				(int)lround(w2 * UL_PT_PER_MM * PANGO_SCALE));
			pango_layout_set_line_spacing(t->rest,
				pango_layout_get_line_spacing(t->layout));
			pango_layout_set_alignment(t->rest,
				pango_layout_get_alignment(t->layout));
			break;
		}
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	return split;
}

static bool
try_notched(struct ul_text *t, const struct ul_text_style *st, double size,
	    double w, double h1, double w2, double h, struct ul_text_fit *fit)
{
	double ys;

	if (!try_size(t, st, size, w, 0, fit))
		return false;	/* a word wider than the box */
	if (fit->height <= h1 + 0.01 || !split_at(t, h1, w2, &ys)) {
		fit->overflow = fmax(0, fit->height - h);
		return fit->overflow <= 0.01;
	}
	PangoRectangle log;
	pango_layout_get_extents(t->rest, NULL, &log);
	fit->height = ys * UL_MM_PER_PT +
		      (double)log.height / PANGO_SCALE * UL_MM_PER_PT;
	fit->lines += pango_layout_get_line_count(t->rest);
	fit->overflow = fit->height - h;
	double over_w = (double)(log.x + log.width) / PANGO_SCALE * UL_MM_PER_PT - w2;
	if (over_w > fit->overflow)
		fit->overflow = over_w;
	if (fit->overflow < 0)
		fit->overflow = 0;
	return fit->overflow <= 0.01;
}

static bool
try_notched_box(struct ul_text *t, const struct ul_text_style *st, double size,
		const double *box, struct ul_text_fit *fit)
{
	return try_notched(t, st, size, box[0], box[1], box[2], box[3], fit);
}

int
ul_text_fit_notched(struct ul_text *t, const char *s,
		    const struct ul_text_style *st, double w, double h1,
		    double w2, double h, struct ul_text_fit *fit)
{
	double box[4] = { w, h1, w2, h };

	set_text(t, s, st);
	return search(t, st, try_notched_box, box, h, fit);
}

double
ul_text_draw_notched(struct ul_text *t, cairo_t *cr, const char *s,
		     const struct ul_text_style *st, double size, double x,
		     double y, double w, double h1, double w2)
{
	struct ul_text_fit fit;
	double ys;

	set_text(t, s, st);
	try_size(t, st, size, w, 0, &fit);
	if (fit.height <= h1 + 0.01 || !split_at(t, h1, w2, &ys))
		return ul_text_draw(t, cr, s, st, size, x, y, w);
	cairo_save(cr);
	cairo_translate(cr, x, y);
	cairo_scale(cr, UL_MM_PER_PT, UL_MM_PER_PT);
	/* the lines above the notch only */
	cairo_save(cr);
	cairo_rectangle(cr, -1000, -1000, 3000, 1000 + ys);
	cairo_clip(cr);
	pango_cairo_show_layout(cr, t->layout);
	cairo_restore(cr);
	cairo_translate(cr, 0, ys);
	pango_cairo_show_layout(cr, t->rest);
	cairo_restore(cr);
	PangoRectangle log;
	pango_layout_get_extents(t->rest, NULL, &log);
	return ys * UL_MM_PER_PT + (double)log.height / PANGO_SCALE * UL_MM_PER_PT;
}

/* Coverage */

static bool
has_char(struct ul_text *t, uint32_t c)
{
	if (c >= 0x10000 || !t->cover)
		return t->cover && FcCharSetHasChar(t->cover, c);
	if (!(t->known[c >> 3] & (1u << (c & 7)))) {
		t->known[c >> 3] |= (uint8_t)(1u << (c & 7));
		if (FcCharSetHasChar(t->cover, c))
			t->has[c >> 3] |= (uint8_t)(1u << (c & 7));
	}
	return t->has[c >> 3] & (1u << (c & 7));
}

size_t
ul_text_missing(struct ul_text *t, const char *s, uint32_t *first)
{
	char *fr = t->french ? ul_text_french_typography(s) : NULL;
	const char *p = fr ? fr : s;
	uint32_t seen[64];
	size_t n = 0, nseen = 0;

	while (*p) {
		uint32_t c = ul_utf8_next(&p);
		bool dup = false;

		if (c < 0x20 || c == ' ' || (c >= 0x7F && c < 0xA0) ||
		    has_char(t, c))
			continue;
		for (size_t i = 0; i < nseen; i++)
			dup |= seen[i] == c;
		if (dup)
			continue;
		if (nseen < UL_NELEM(seen))
			seen[nseen++] = c;
		if (n++ == 0 && first)
			*first = c;
	}
	free(fr);
	return n;
}
