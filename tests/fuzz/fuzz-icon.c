/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target for the pictogram loader (lib/icon): the limits, then
 * librsvg's or cairo's PNG parser, then one off-screen draw, as for a
 * workshop's own icon file. Inputs that start with the PNG signature are
 * read as PNG, the rest as SVG. Seeds: three built-in pictograms (Lucide,
 * ISC; Tabler, MIT: see share/utilab/icons), a 4×4 PNG and an SVG using
 * filters, gradients, patterns, text, use and an external image.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "diag.h"
#include "icon.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/*
 * An SVG with text makes librsvg load Pango's default font map, whose
 * fontconfig configuration lives until exit by design: not a leak of
 * ours. lib/text.c says the same for the commands, but this binary does
 * not link it.
 */
const char *__lsan_default_suppressions(void);
__attribute__((used)) const char *
__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ul_diags d;
	bool png = size >= 4 && memcmp(data, "\x89PNG", 4) == 0;

	ul_diags_init(&d);
	ul_icon_try((const char *)data, size, png, png ? "fuzz.png" : "fuzz.svg",
		    &d);
	ul_diags_release(&d);
	return 0;
}
