/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for lib/lang.c: the one BCP 47 rule, and tables that are
 * complete (every string in every kit language, every face string in
 * every language) with the same printf conversions as their French.
 */
#include <stdio.h>
#include <string.h>

#include "lang.h"
#include "tap.h"

/* The printf conversions of s, in order: "%d%s" for "%d jeux, %s". */
static void
conversions(const char *s, char *out, size_t size)
{
	size_t o = 0;

	for (; *s && o + 8 < size; s++) {
		if (*s != '%')
			continue;
		if (s[1] == '%') {
			s++;
			continue;
		}
		out[o++] = *s++;
		while (*s && strchr("0123456789.-+ #lhz", *s))
			out[o++] = *s++;
		if (*s)
			out[o++] = *s;
		else
			break;
	}
	out[o] = '\0';
}

int
main(void)
{
	const struct ul_lang *fr = ul_lang_fr();

	/* The rule. */
	ok(ul_lang_find("fr", true) == fr, "fr");
	ok(ul_lang_find("FR", true) == fr, "FR: case-insensitive");
	ok(ul_lang_find("fr-FR", true) == fr, "fr-FR is French");
	ok(ul_lang_find("fr_BE", true) == fr, "fr_BE (POSIX) is French");
	ok(ul_lang_find("fr-Latn-CH", true) == fr, "script and region subtags");
	ok(ul_lang_find("en-GB", true) != NULL &&
	   strcmp(ul_lang_find("en-GB", true)->tag, "en") == 0, "en-GB is English");
	ok(ul_lang_find("de", false) == NULL, "de unsupported");
	ok(ul_lang_find("fra", false) == NULL, "three letters: not fr");
	ok(ul_lang_find("f", false) == NULL, "too short");
	ok(ul_lang_find("fr-", false) == NULL, "empty subtag");
	ok(ul_lang_find("fr-abcdefghi", false) == NULL, "subtag too long");
	ok(ul_lang_find("fr FR", false) == NULL, "space");
	ok(ul_lang_find("ar", false) && ul_lang_find("ar", false)->rtl,
	   "ar: right to left");
	ok(ul_lang_find("ar-MA", true) == NULL, "ar is not a kit language");
	ok(ul_lang_get("de") == fr && ul_lang_get(NULL) == fr,
	   "readers that cannot refuse fall back to French");
	is_str(ul_lang_list(true), "fr or en", "kit languages listed");

	/* The tables. */
	is_str(ul_lang_text(ul_lang_find("en", true), "Objectifs"), "Goals",
	       "lookup by French text");
	is_str(ul_lang_text(fr, "colonne|Quarantaine"), "Quarantaine",
	       "a context before | is not printed");
	for (size_t i = 0; ul_langs[i]; i++) {
		const struct ul_lang *l = ul_langs[i];
		size_t missing = 0, badfmt = 0, unknown = 0;
		char msg[128];

		for (size_t k = 0; ul_lang_msgids[k].fr; k++) {
			const char *id = ul_lang_msgids[k].fr;
			const char *t = ul_lang_text(l, id);
			char a[64], b[64];

			if (l != fr && (l->kit || ul_lang_msgids[k].face) &&
			    t == id && !strchr(id, '|')) {
				/* the same text, but said in the table */
				bool listed = false;
				for (unsigned j = 0; j < l->n; j++)
					listed |= strcmp(l->table[j].fr, id) == 0;
				missing += !listed;
			}
			conversions(id, a, sizeof(a));
			conversions(t, b, sizeof(b));
			badfmt += strcmp(a, b) != 0;
		}
		for (unsigned j = 0; j < l->n; j++) {
			bool known = false;
			for (size_t k = 0; ul_lang_msgids[k].fr; k++)
				known |= strcmp(ul_lang_msgids[k].fr,
						l->table[j].fr) == 0;
			unknown += !known;
		}
		snprintf(msg, sizeof(msg), "%s: every string it must have", l->tag);
		is_int((int)missing, 0, msg);
		snprintf(msg, sizeof(msg), "%s: same conversions as French", l->tag);
		is_int((int)badfmt, 0, msg);
		snprintf(msg, sizeof(msg), "%s: no string that is not a msgid",
			 l->tag);
		is_int((int)unknown, 0, msg);
	}
	return done_testing();
}
