/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target for the image path of utilab-scan: any bytes are
 * decoded as an image (gdk-pixbuf, the truncation check, the size
 * limits), and what decodes, when small, is scanned for cards of a small
 * built-in workshop: codes found, payloads matched against its template,
 * cards registered and read.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datadir.h"
#include "image.h"
#include "render.h"
#include "scan.h"
#include "text.h"
#include "workshop.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char ws_yaml[] =
	"utilab: 1\n"
	"id: fuzz\n"
	"title: \"Fuzz\"\n"
	"decks:\n"
	"  - id: frictions\n"
	"    title: \"Ce qui coince\"\n"
	"    kind: write-in\n"
	"    count: 5\n"
	"    prefix: FRI\n"
	"    qr: {url: \"https://example.org/{workshop}/s/{serial}?v={version}\"}\n"
	"    fields:\n"
	"      - {id: texte, label: \"Quoi ?\", lines: 2}\n"
	"      - {id: gravite, label: \"Gravité\", scale: 5}\n"
	"      - {id: qui, label: \"Qui ?\", ticks: [moi, eux]}\n"
	"      - {id: quand, label: \"Quand ?\", choose: one, ticks: [jour, nuit]}\n";

static struct ul_workshop ws;
static struct ul_render r;
static struct ul_scan *scanner;
static struct ul_diags setup_diags;

static int
count(void *ctx, const struct ul_scan_card *c)
{
	(*(size_t *)ctx) += c->nfields + (c->crop_w > 0);
	return 0;
}

static void
setup(void)
{
	char *err = NULL, *fonts;

	ul_diags_init(&setup_diags);
	if (ul_workshop_parse(&ws, "fuzz.yaml", ws_yaml, sizeof(ws_yaml) - 1,
			      &setup_diags) != 0) {
		ul_diags_print(&setup_diags, stderr, "fuzz-scan");
		abort();
	}
	fonts = ul_datadir_path("fonts");
	r.text = ul_text_new(fonts, ws.theme.font, ws.lang, &err);
	free(fonts);
	if (!r.text) {
		fprintf(stderr, "fuzz-scan: %s\n", err);
		abort();
	}
	r.ws = &ws;
	r.bleed = 3;
	r.diags = &setup_diags;
	r.file = ws.file;
	r.lang = "fr";
	scanner = ul_scan_new(&r, &setup_diags);
	if (!scanner)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ul_image im;
	struct ul_diags d;
	size_t seen = 0;

	if (!scanner)
		setup();
	ul_diags_init(&d);
	if (ul_image_load_mem(&im, "fuzz", data, size, &d) == 0) {
		/* scanning is for small images: the fuzzer wants speed */
		if ((size_t)im.w * im.h <= 1500000)
			(void)ul_scan_image(scanner, &im, "fuzz", count, &seen, &d);
		ul_image_release(&im);
	}
	ul_diags_release(&d);
	return seen == (size_t)-1;
}
