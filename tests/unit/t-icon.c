/* SPDX-License-Identifier: ISC */
/* Pictograms: the built-in set agrees with share/utilab/icons, names are
 * resolved with suggestions, user paths cannot leave their directory, and
 * strokes take the ink colour. */
#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "icon.h"
#include "tap.h"
#include "util.h"

/* The source tree's data: this binary is TOP/tests/unit/t-icon.t. */
static void
use_source_datadir(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (n <= 0)
		return;
	exe[n] = '\0';
	for (int up = 0; up < 3; up++)
		*strrchr(exe, '/') = '\0';
	char *dir = ul_xasprintf("%s/share/utilab", exe);
	setenv("UTILAB_DATADIR", dir, 0);
	free(dir);
}

static const char *
first_error(struct ul_diags *d)
{
	return d->n ? d->v[0].msg : "";
}

static int
write_file(const char *path, const char *s)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	fputs(s, f);
	return fclose(f);
}

int
main(void)
{
	static const char *const required[] = {
		"courses", "enfants", "ecole", "logement", "ascenseur",
		"dechets", "sante", "transport", "emploi", "argent",
		"demarches", "numerique", "telephone", "voisinage",
		"alimentation", "energie", "idee", "vote", "question", "main",
	};
	struct ul_pos pos = {3, 9};
	struct ul_diags d;
	size_t i, nfiles = 0;
	bool all = true, sorted = true, files_known = true;

	use_source_datadir();

	/* The set */
	ok(ul_icon_count() >= 40, "at least 40 built-in pictograms");
	for (i = 0; i < UL_NELEM(required); i++)
		if (!ul_icon_known(required[i])) {
			printf("# missing '%s'\n", required[i]);
			all = false;
		}
	ok(all, "every name the issue requires is built in");
	for (i = 1; i < ul_icon_count(); i++)
		if (strcmp(ul_icon_name(i - 1), ul_icon_name(i)) >= 0)
			sorted = false;
	ok(sorted, "names are sorted and unique");
	ok(ul_icon_name(ul_icon_count()) == NULL, "past the end is NULL");

	char *dirpath = ul_xasprintf("%s/icons", getenv("UTILAB_DATADIR"));
	DIR *dir = opendir(dirpath);
	ok(dir != NULL, "icons directory exists");
	struct dirent *de;
	while (dir && (de = readdir(dir))) {
		size_t n = strlen(de->d_name);
		if (n < 5 || strcmp(de->d_name + n - 4, ".svg") != 0)
			continue;
		char *name = ul_xstrndup(de->d_name, n - 4);
		if (!ul_icon_known(name)) {
			printf("# '%s' is not in the built-in list\n", name);
			files_known = false;
		}
		free(name);
		nfiles++;
	}
	if (dir)
		closedir(dir);
	ok(files_known, "every SVG file is a built-in name");
	is_int(nfiles, ul_icon_count(), "one SVG file per built-in name");
	is_str(ul_icon_source("argent"), "lucide-static@1.62.0 ISC: euro",
	       "SOURCES says where a pictogram comes from");
	is_str(ul_icon_source("ascenseur"), "@tabler/icons@3.52.0 MIT: elevator",
	       "…including the ones from the second set");

	/* Names */
	ok(!ul_icon_is_path("courses"), "a bare word is a name");
	ok(ul_icon_is_path("img/x.svg") && ul_icon_is_path("x.PNG"),
	   "a slash or an image suffix makes a path");

	ul_diags_init(&d);
	is_int(ul_icon_draw(NULL, "courss", NULL, 0, 0, 10, NULL, &d, "ws.yaml",
			    pos), -1, "unknown name fails");
	is_str(first_error(&d),
	       "unknown pictogram 'courss' (did you mean 'courses'?)",
	       "unknown name gets a suggestion");
	is_int(d.v[0].line * 100 + d.v[0].col, 309, "at the given position");
	ul_diags_release(&d);

	ul_diags_init(&d);
	for (i = 0; i < ul_icon_count(); i++)
		ul_icon_draw(NULL, ul_icon_name(i), NULL, 0, 0, 10, NULL, &d,
			     "ws.yaml", pos);
	is_int(d.n, 0, "every built-in pictogram loads");
	ul_diags_release(&d);

	/* Paths beside the workshop */
	char tmpl[] = "/tmp/t-icon.XXXXXX";
	char *top = mkdtemp(tmpl);
	char *ws = ul_xasprintf("%s/ws", top);
	char *p;
	mkdir(ws, 0700);
	p = ul_xasprintf("%s/ok.svg", ws);
	write_file(p, "<svg xmlns='http://www.w3.org/2000/svg' width='10' "
		      "height='10'><rect width='10' height='10' "
		      "fill='currentColor'/></svg>");
	free(p);
	p = ul_xasprintf("%s/out.svg", top);
	write_file(p, "<svg xmlns='http://www.w3.org/2000/svg'/>");
	free(p);
	p = ul_xasprintf("%s/link.svg", ws);
	ok(symlink("../out.svg", p) == 0, "made a symlink leading out");
	free(p);
	p = ul_xasprintf("%s/bad.svg", ws);
	write_file(p, "this is not svg");
	free(p);

	struct { const char *path; const char *msg; } bad[] = {
		{"/etc/passwd.svg", "pictogram path '/etc/passwd.svg' is "
		 "absolute: give a path relative to the workshop"},
		{"../out.svg", "pictogram path '../out.svg' leaves the "
		 "workshop's directory"},
		{"a/../../out.svg", "pictogram path 'a/../../out.svg' leaves "
		 "the workshop's directory"},
		{"link.svg", "pictogram path 'link.svg' leads out of the "
		 "workshop's directory"},
		{"missing.svg", "pictogram path 'missing.svg' cannot be opened: No such file or "
		 "directory"},
		{"dir/x.txt", "pictogram path 'dir/x.txt' is neither .svg nor "
		 ".png"},
	};
	for (i = 0; i < UL_NELEM(bad); i++) {
		ul_diags_init(&d);
		ul_icon_draw(NULL, bad[i].path, ws, 0, 0, 10, NULL, &d, "w",
			     pos);
		is_str(first_error(&d), bad[i].msg, bad[i].path);
		ul_diags_release(&d);
	}
	ul_diags_init(&d);
	is_int(ul_icon_draw(NULL, "bad.svg", ws, 0, 0, 10, NULL, &d, "w", pos),
	       -1, "an invalid SVG is an error");
	ok(strncmp(first_error(&d), "pictogram 'bad.svg' is not a valid SVG",
		   38) == 0, "…saying so");
	ul_diags_release(&d);

	/*
	 * Limits, checked before parsing, each error naming the file: a
	 * 4 MiB SVG (cost: 54 s a card before), one of 10001 elements under
	 * the byte limit, a PNG whose header claims 5000×5000 pixels.
	 */
	{
		struct ul_buf b;
		FILE *f;

		ul_buf_init(&b);
		ul_buf_adds(&b, "<svg xmlns='http://www.w3.org/2000/svg' "
			    "viewBox='0 0 100 100'>");
		while (b.len < (4u << 20))
			ul_buf_adds(&b, "<path d='M1 1L99 99L1 99Z' "
				    "stroke='currentColor'/>\n");
		ul_buf_adds(&b, "</svg>");
		p = ul_xasprintf("%s/huge.svg", ws);
		write_file(p, b.s);
		free(p);
		ul_buf_reset(&b);
		ul_buf_adds(&b, "<svg xmlns='http://www.w3.org/2000/svg'>");
		for (i = 0; i < UL_ICON_MAX_ELEMENTS; i++)
			ul_buf_adds(&b, "<g/>");
		ul_buf_adds(&b, "</svg>");
		p = ul_xasprintf("%s/complex.svg", ws);
		write_file(p, b.s);
		free(p);
		ul_buf_release(&b);
		static const unsigned char png[] = {
			0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
			0, 0, 0, 13, 'I', 'H', 'D', 'R',
			0, 0, 0x13, 0x88, 0, 0, 0x13, 0x88, 8, 6, 0, 0, 0,
			0, 0, 0, 0,
		};
		p = ul_xasprintf("%s/wide.png", ws);
		f = fopen(p, "wb");
		fwrite(png, 1, sizeof(png), f);
		fclose(f);
		free(p);
	}
	struct { const char *path; const char *msg; } limits[] = {
		{"huge.svg", "pictogram 'huge.svg' is too large: over the "
		 "limit of 1 MiB"},
		{"complex.svg", "pictogram 'complex.svg' is too complex: 10001 "
		 "elements, over the limit of 10000"},
		{"wide.png", "pictogram 'wide.png' is too large: 5000×5000 "
		 "pixels, over the limit of 4096 on a side"},
	};
	for (i = 0; i < UL_NELEM(limits); i++) {
		ul_diags_init(&d);
		is_int(ul_icon_draw(NULL, limits[i].path, ws, 0, 0, 10, NULL,
				    &d, "w", pos), -1, limits[i].path);
		is_str(first_error(&d), limits[i].msg, "…refused, saying why");
		ul_diags_release(&d);
	}
	/* A refused file is read once: making it valid changes nothing. */
	p = ul_xasprintf("%s/huge.svg", ws);
	write_file(p, "<svg xmlns='http://www.w3.org/2000/svg'/>");
	free(p);
	ul_diags_init(&d);
	ul_icon_draw(NULL, "huge.svg", ws, 0, 0, 10, NULL, &d, "w", pos);
	is_str(first_error(&d), limits[0].msg,
	       "a refused pictogram is not read again");
	ul_diags_release(&d);
	ul_diags_init(&d);
	is_int(ul_icon_try("<svg xmlns='http://www.w3.org/2000/svg'/>", 41,
			   false, "mem.svg", &d), 0, "ul_icon_try: an SVG in memory");
	is_int(ul_icon_try("\x89PNG", 4, true, "mem.png", &d), -1,
	       "ul_icon_try: a truncated PNG is refused");
	is_str(first_error(&d), "mem.png: pictogram 'mem.png' is not a "
	       "readable PNG: no PNG header" + 9, "…saying why");
	ul_diags_release(&d);

	/* Drawing: currentColor takes the ink */
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 20,
							20);
	cairo_t *cr = cairo_create(s);
	struct ul_color red = {1, 0, 0, "#FF0000"};
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	ul_diags_init(&d);
	is_int(ul_icon_draw(cr, "ok.svg", ws, 5, 5, 10, &red, &d, "w", pos), 0,
	       "a user SVG draws");
	cairo_surface_flush(s);
	uint32_t px = ((uint32_t *)cairo_image_surface_get_data(s))
		[10 * cairo_image_surface_get_stride(s) / 4 + 10];
	is_int(px & 0xffffff, 0xff0000, "currentColor became the ink colour");
	px = ((uint32_t *)cairo_image_surface_get_data(s))[1];
	is_int(px & 0xffffff, 0xffffff, "nothing drawn outside the box");
	is_int(ul_icon_draw(cr, "courses", NULL, 0, 0, 20, &red, &d, "w", pos),
	       0, "a built-in pictogram draws");
	is_int(d.n, 0, "without diagnostics");
	ul_diags_release(&d);
	cairo_destroy(cr);
	cairo_surface_destroy(s);

	p = ul_xasprintf("rm -rf '%s'", top);
	if (system(p) != 0)
		printf("# could not remove %s\n", top);
	free(p);
	free(ws);
	free(dirpath);
	ul_icon_cache_release();
	return done_testing();
}
