/* SPDX-License-Identifier: ISC */
/*
 * Folding labels for matching: lower case, Latin accents removed, other
 * runs made one space (see ul_fold in lib/results.h). Used wherever a
 * label typed by a person is compared with a known one: column headers,
 * types, sequence and stage names.
 * Knows nothing of what the labels mean.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "results.h"
#include "util.h"

static const char *const latin1[64] = {
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e",
	"i", "i", "i", "i", "d", "n", "o", "o", "o", "o", "o", " ",
	"o", "u", "u", "u", "u", "y", "th", "ss",
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e",
	"i", "i", "i", "i", "d", "n", "o", "o", "o", "o", "o", " ",
	"o", "u", "u", "u", "u", "y", "th", "y",
};

char *
ul_fold(const char *s)
{
	struct ul_buf b;
	bool space = true;	/* drop leading spaces */
	size_t len = strlen(s);

	ul_buf_init(&b);
	ul_buf_adds(&b, "");
	if (ul_utf8_invalid(s, len) != (size_t)-1) {
		/* Not text: fold the ASCII only. */
		for (; *s; s++) {
			unsigned char c = (unsigned char)*s;
			if (isalnum(c) && c < 0x80) {
				ul_buf_addc(&b, tolower(c));
				space = false;
			} else if (!space) {
				ul_buf_addc(&b, ' ');
				space = true;
			}
		}
	} else {
		const char *p = s;
		while (*p) {
			const char *start = p;
			uint32_t cp = ul_utf8_next(&p);
			const char *rep = NULL;
			char one[2] = { 0, 0 };
			if (cp < 0x80) {
				if (isalnum((int)cp)) {
					one[0] = (char)tolower((int)cp);
					rep = one;
				}
			} else if (cp >= 0xc0 && cp <= 0xff)
				rep = latin1[cp - 0xc0];
			else if (cp == 0x152 || cp == 0x153)
				rep = "oe";
			else if (cp == 0xa0 || cp == 0x2019 || cp == 0x2018 ||
				 (cp >= 0x2000 && cp <= 0x206f) || cp == 0xab ||
				 cp == 0xbb || cp == 0xb0)
				rep = NULL;
			else {
				/* Other scripts: kept as they are. */
				ul_buf_add(&b, start, (size_t)(p - start));
				space = false;
				continue;
			}
			if (rep && strcmp(rep, " ") != 0) {
				ul_buf_adds(&b, rep);
				space = false;
			} else if (!space) {
				ul_buf_addc(&b, ' ');
				space = true;
			}
		}
	}
	while (b.len > 0 && b.s[b.len - 1] == ' ')
		b.s[--b.len] = '\0';
	return ul_buf_detach(&b);
}

