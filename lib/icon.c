/* SPDX-License-Identifier: ISC */
/*
 * Pictograms: resolves `icon:` values (built-in names or files beside the
 * workshop), loads them once per colour with librsvg or cairo's PNG reader,
 * and draws them into a square box.
 * Owns the pictogram cache; knows nothing of cards, posters or argv.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <librsvg/rsvg.h>

#include "datadir.h"
#include "icon.h"
#include "image.h"
#include "input.h"
#include "intl.h"
#include "util.h"


/*
 * The built-in set, sorted (bsearch). share/utilab/icons holds NAME.svg for
 * each; tests/unit/t-icon.c checks that the two agree.
 */
static const char *const builtin[] = {
	"accessibilite", "accord", "alimentation", "annonce", "appel",
	"argent", "ascenseur", "budget", "calendrier", "carte", "chauffage",
	"cles", "colis", "content", "courrier", "courses", "culture",
	"dechets", "demarches", "eau", "ecole", "ecoute", "ecrire", "emploi",
	"energie", "enfants", "entraide", "escalier", "groupe", "horloge",
	"idee", "immeuble", "internet", "lieu", "logement", "main", "mairie",
	"marche", "mecontent", "medecin", "medicament", "nature", "numerique",
	"panier", "parole", "personne", "porte", "postit", "question",
	"recyclage", "repas", "sante", "securite", "telephone", "train",
	"transport", "velo", "voisinage", "voiture", "vote",
};

static int
cmpname(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

bool
ul_icon_known(const char *name)
{
	return name && bsearch(name, builtin, UL_NELEM(builtin),
			       sizeof(builtin[0]), cmpname) != NULL;
}

size_t
ul_icon_count(void)
{
	return UL_NELEM(builtin);
}

const char *
ul_icon_name(size_t i)
{
	return i < UL_NELEM(builtin) ? builtin[i] : NULL;
}

const char *
ul_icon_source(const char *name)
{
	static char line[256];
	char *path, *sp;
	FILE *f;
	size_t n = strlen(name);
	const char *found = NULL;

	if (!ul_icon_known(name))
		return NULL;
	path = ul_datadir_path("icons/SOURCES");
	f = fopen(path, "r");
	free(path);
	if (!f)
		return NULL;
	/* Lines: "ourname upstream package@version licence". */
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, name, n) != 0 || line[n] != ' ')
			continue;
		line[strcspn(line, "\n")] = '\0';
		char *up = line + n + 1;
		if (!(sp = strchr(up, ' ')))
			break;
		*sp = '\0';
		/* Reorder in place into "package licence: upstream". */
		char tmp[256];
		snprintf(tmp, sizeof(tmp), "%s: %s", sp + 1, up);
		snprintf(line, sizeof(line), "%s", tmp);
		found = line;
		break;
	}
	fclose(f);
	return found;
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

bool
ul_icon_is_path(const char *value)
{
	return strchr(value, '/') || ends_with(value, ".svg") ||
	       ends_with(value, ".png");
}

/* The cache: one entry per resolved file and ink colour. */
struct entry {
	char *key;		/* "realpath\n#rrggbb" */
	RsvgHandle *svg;	/* one of these two */
	cairo_surface_t *png;
	char *error;		/* or why it cannot be used: read once, told at each use */
	struct entry *next;
};
static struct entry *cache;

static void
entry_free(struct entry *e)
{
	if (e->svg)
		g_object_unref(e->svg);
	if (e->png)
		cairo_surface_destroy(e->png);
	free(e->error);
	free(e->key);
	free(e);
}

void
ul_icon_cache_release(void)
{
	struct entry *e, *next;

	for (e = cache; e; e = next) {
		next = e->next;
		entry_free(e);
	}
	cache = NULL;
}

static int
clamp255(double v)
{
	return v <= 0 ? 0 : v >= 1 ? 255 : (int)(v * 255 + 0.5);
}

/*
 * Replace every `currentColor` with the ink colour: librsvg has no way to
 * set it from outside, and the icon sets draw their strokes with it.
 */
static char *
recolour(const char *data, size_t len, const char *hex, size_t *outlen)
{
	static const char word[] = "currentColor";
	struct ul_buf b;
	const char *p = data, *end = data + len, *hit;

	ul_buf_init(&b);
	for (hit = p; hit + sizeof(word) - 1 <= end; hit++) {
		if (memcmp(hit, word, sizeof(word) - 1) != 0)
			continue;
		ul_buf_add(&b, p, hit - p);
		ul_buf_adds(&b, hex);
		p = hit + sizeof(word) - 1;
		hit = p - 1;
	}
	ul_buf_add(&b, p, end - p);
	*outlen = b.len;
	return ul_buf_detach(&b);
}

/*
 * Resolve a user path inside basedir: no absolute path, no "..", and the
 * real path (symlinks followed) must stay under the real basedir.
 * Returns a new real path, or NULL with *why set.
 */
static char *
resolve_user_path(const char *value, const char *basedir, const char **why)
{
	char base[PATH_MAX], real[PATH_MAX];
	const char *p;
	char *joined;
	size_t blen;

	if (value[0] == '/') {
		*why = _("is absolute: give a path relative to the workshop");
		return NULL;
	}
	for (p = value; *p; ) {
		size_t n = strcspn(p, "/");
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			*why = _("leaves the workshop's directory");
			return NULL;
		}
		p += n;
		while (*p == '/')
			p++;
	}
	if (!ends_with(value, ".svg") && !ends_with(value, ".png")) {
		*why = _("is neither .svg nor .png");
		return NULL;
	}
	static char reason[160];
	if (!realpath(basedir ? basedir : ".", base)) {
		snprintf(reason, sizeof(reason),
			 _("cannot be resolved: workshop directory: %s"),
			 strerror(errno));
		*why = reason;
		return NULL;
	}
	joined = ul_xasprintf("%s/%s", base, value);
	if (!realpath(joined, real)) {
		snprintf(reason, sizeof(reason), _("cannot be opened: %s"),
			 strerror(errno));
		*why = reason;
		free(joined);
		return NULL;
	}
	free(joined);
	blen = strlen(base);
	if (strcmp(base, "/") != 0 &&
	    (strncmp(real, base, blen) != 0 || real[blen] != '/')) {
		*why = _("leads out of the workshop's directory");
		return NULL;
	}
	return ul_xstrdup(real);
}

static void draw_png(cairo_t *, cairo_surface_t *, double, double, double);

/*
 * Start tags in an SVG ("<" then a letter: no comment, declaration or
 * end tag), counted before librsvg builds anything: the cost of drawing
 * grows with them, and each card, poster and back that shows the
 * pictogram pays it again in the PDF writer.
 */
static size_t
count_elements(const char *data, size_t len)
{
	size_t n = 0;

	for (const char *p = data, *end = data + len;
	     (p = memchr(p, '<', end - p)) && p + 1 < end; p++)
		if ((p[1] >= 'a' && p[1] <= 'z') || (p[1] >= 'A' && p[1] <= 'Z'))
			n++;
	return n;
}

/*
 * Parse a pictogram's bytes into e under the limits of icon.h; on error
 * returns -1 with why set (static storage).
 */
static int
parse(struct entry *e, const char *data, size_t len, bool is_svg,
      const char *hex, const char **why)
{
	static char reason[256];
	size_t n;

	if (len > UL_ICON_MAX_BYTES) {
		snprintf(reason, sizeof(reason), _("is too large: %.1f MiB, "
			 "over the limit of %u MiB"), len / 1048576.0,
			 UL_ICON_MAX_BYTES >> 20);
		*why = reason;
		return -1;
	}
	if (is_svg) {
		GError *err = NULL;
		char *svg;
		size_t svglen;

		if ((n = count_elements(data, len)) > UL_ICON_MAX_ELEMENTS) {
			snprintf(reason, sizeof(reason), _("is too complex: %zu "
				 "elements, over the limit of %u"), n,
				 UL_ICON_MAX_ELEMENTS);
			*why = reason;
			return -1;
		}
		svg = recolour(data, len, hex, &svglen);
		/*
		 * From data, with no base file: librsvg then refuses every
		 * external reference, so an SVG cannot pull in other files.
		 */
		e->svg = rsvg_handle_new_from_data((const guint8 *)svg, svglen,
						   &err);
		free(svg);
		if (!e->svg) {
			snprintf(reason, sizeof(reason), _("is not a valid SVG: %s"),
				 err ? err->message : "unknown error");
			*why = reason;
			if (err)
				g_error_free(err);
			return -1;
		}
	} else {
		uint32_t w, h;

		if (!ul_png_size(data, len, &w, &h)) {
			*why = _("is not a readable PNG: no PNG header");
			return -1;
		}
		if (w > UL_ICON_MAX_PIXELS || h > UL_ICON_MAX_PIXELS) {
			snprintf(reason, sizeof(reason), _("is too large: %" PRIu32
				 "×%" PRIu32 " pixels, over the limit of %u on "
				 "a side"), w, h, UL_ICON_MAX_PIXELS);
			*why = reason;
			return -1;
		}
		e->png = ul_png_surface(data, len);
		if (cairo_surface_status(e->png) != CAIRO_STATUS_SUCCESS) {
			snprintf(reason, sizeof(reason),
				 _("is not a readable PNG: %s"),
				 cairo_status_to_string(
					 cairo_surface_status(e->png)));
			*why = reason;
			cairo_surface_destroy(e->png);
			e->png = NULL;
			return -1;
		}
	}
	return 0;
}

static struct entry *
load(const char *path, bool is_svg, const char *hex, const char *what,
     struct ul_diags *d, const char *file, struct ul_pos pos)
{
	char *key = ul_xasprintf("%s\n%s", path, is_svg ? hex : "");
	struct entry *e;
	char *data = NULL;
	size_t len;
	const char *why;

	for (e = cache; e && strcmp(e->key, key) != 0; e = e->next)
		;
	if (e) {
		free(key);
	} else {
		e = ul_xcalloc(1, sizeof(*e));
		e->key = key;
		if (ul_read_file(path, UL_ICON_MAX_BYTES, &data, &len) < 0)
			e->error = errno == EFBIG ?
				ul_xasprintf("is too large: over the limit of "
					     "%u MiB", UL_ICON_MAX_BYTES >> 20) :
				ul_xasprintf("cannot be read: %s", strerror(errno));
		else if (parse(e, data, len, is_svg, hex, &why) != 0)
			e->error = ul_xstrdup(why);
		free(data);
		e->next = cache;
		cache = e;
	}
	if (e->error) {
		ul_error(d, file, pos.line, pos.col, "pictogram '%s' %s", what,
			 e->error);
		return NULL;
	}
	return e;
}

int
ul_icon_try(const char *data, size_t len, bool png, const char *what,
	    struct ul_diags *d)
{
	struct entry *e = ul_xcalloc(1, sizeof(*e));
	const char *why;
	int rc = 0;

	if (parse(e, data, len, !png, "#000000", &why) != 0) {
		rc = ul_error(d, what, 0, 0, "pictogram '%s' %s", what, why);
	} else {
		/* Drawn as a card would, off-screen and small. */
		cairo_surface_t *s = cairo_image_surface_create(
			CAIRO_FORMAT_ARGB32, 16, 16);
		cairo_t *cr = cairo_create(s);
		if (e->png) {
			draw_png(cr, e->png, 0, 0, 16);
		} else {
			RsvgRectangle vp = {0, 0, 16, 16};
			GError *err = NULL;
			if (!rsvg_handle_render_document(e->svg, cr, &vp, &err)) {
				rc = ul_error(d, what, 0, 0, "cannot draw "
					      "pictogram '%s': %s", what,
					      err ? err->message : "unknown error");
				if (err)
					g_error_free(err);
			}
		}
		cairo_destroy(cr);
		cairo_surface_destroy(s);
	}
	entry_free(e);
	return rc;
}

static void
draw_png(cairo_t *cr, cairo_surface_t *png, double x, double y, double size)
{
	double w = cairo_image_surface_get_width(png);
	double h = cairo_image_surface_get_height(png);
	double s = size / (w > h ? w : h);

	if (w <= 0 || h <= 0)
		return;
	cairo_save(cr);
	cairo_translate(cr, x + (size - w * s) / 2, y + (size - h * s) / 2);
	cairo_scale(cr, s, s);
	cairo_set_source_surface(cr, png, 0, 0);
	cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
	cairo_rectangle(cr, 0, 0, w, h);
	cairo_fill(cr);
	cairo_restore(cr);
}

int
ul_icon_draw(cairo_t *cr, const char *value, const char *basedir, double x,
	     double y, double size, const struct ul_color *ink,
	     struct ul_diags *d, const char *file, struct ul_pos pos)
{
	char hex[8];
	char *path;
	bool is_svg;
	struct entry *e;

	if (!value || !*value)
		return ul_error(d, file, pos.line, pos.col,
				"empty pictogram name");
	snprintf(hex, sizeof(hex), "#%02X%02X%02X",
		 ink ? clamp255(ink->r) : 0, ink ? clamp255(ink->g) : 0,
		 ink ? clamp255(ink->b) : 0);
	if (ul_icon_is_path(value)) {
		const char *why = NULL;
		if (!(path = resolve_user_path(value, basedir, &why)))
			return ul_error(d, file, pos.line, pos.col,
					"pictogram path '%s' %s", value, why);
		is_svg = ends_with(path, ".svg");
	} else if (ul_icon_known(value)) {
		char *rel = ul_xasprintf("icons/%s.svg", value);
		path = ul_datadir_path(rel);
		free(rel);
		is_svg = true;
	} else {
		const char *s = ul_suggest(value, builtin, UL_NELEM(builtin));
		if (s)
			return ul_error(d, file, pos.line, pos.col,
					"unknown pictogram '%s' (did you mean "
					"'%s'?)", value, s);
		return ul_error(d, file, pos.line, pos.col,
				"unknown pictogram '%s' (utilab-cards --icons "
				"lists them)", value);
	}
	e = load(path, is_svg, hex, value, d, file, pos);
	free(path);
	if (!e)
		return -1;
	if (!cr)
		return 0;
	if (e->png) {
		draw_png(cr, e->png, x, y, size);
		return 0;
	}
	RsvgRectangle vp = {x, y, size, size};
	GError *err = NULL;
	cairo_save(cr);
	gboolean okd = rsvg_handle_render_document(e->svg, cr, &vp, &err);
	cairo_restore(cr);
	/*
	 * The pictogram was read and checked when loaded: what fails now is
	 * cairo's memory (librsvg says "cairo error: out of memory"), the
	 * run's fault and not the file's, and callers that already reported
	 * the file's problems may not report this one.
	 */
	if (!okd && cairo_status(cr) == CAIRO_STATUS_NO_MEMORY)
		ul_oom();
	if (!okd) {
		ul_error(d, file, pos.line, pos.col,
			 "cannot draw pictogram '%s': %s", value,
			 err ? err->message : "unknown error");
		if (err)
			g_error_free(err);
		return -1;
	}
	return 0;
}
