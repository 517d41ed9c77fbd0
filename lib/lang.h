/* SPDX-License-Identifier: ISC */
/*
 * Languages: the one rule that turns a language tag (BCP 47, as written in
 * a workshop's 'lang' and 'langs', a PDF's keywords or an option) into one
 * of the languages utilab speaks, and the one table per language of the
 * built-in strings it prints (labels of cards, posters, the run sheet,
 * the reports).
 * Owns the tables; knows nothing of workshops, files or argv.
 *
 * The rule: the primary subtag decides, case-insensitively; region,
 * script and variant subtags are accepted and do not change the choice
 * ("fr-FR", "FR", "fr-Latn-BE" are French; "en-GB" is English). "_" is
 * taken for "-" (POSIX locales write fr_FR).
 *
 * Strings are looked up by their French text (French is the source
 * language, as a gettext msgid): ul_lang_text(en, "Objectifs") is
 * "Goals". Formats keep their conversions in the same order in every
 * language (the unit test checks it).
 */
#ifndef UL_LANG_H
#define UL_LANG_H

#include <stdbool.h>

struct ul_lang_entry {
	const char *fr, *text;
};

struct ul_lang {
	const char *tag;	/* canonical primary subtag: "fr" */
	const char *name;	/* in itself: "français" */
	bool rtl;		/* written right to left */
	/*
	 * Whether the whole kit (run sheet, posters, print marks, reports)
	 * can be in this language, or only card and poster texts next to a
	 * kit language ('langs'). Arabic is the second kind: the run sheet's
	 * layout is not mirrored for right-to-left reading.
	 */
	bool kit;
	bool zero_singular;	/* 0 takes the singular (French) */
	const struct ul_lang_entry *table;	/* NULL: French itself */
	unsigned n;
};

/* Whether s is well-formed: 2-3 letters, then subtags of 1-8 letters/digits. */
bool ul_lang_tag_valid(const char *s);

/*
 * The language of tag, or NULL when the tag is malformed or names a
 * language utilab does not speak (kit: only the kit languages).
 */
const struct ul_lang *ul_lang_find(const char *tag, bool kit);

/*
 * The language of tag for a reader that cannot refuse (a PDF's keywords):
 * NULL, malformed or unknown tags give French.
 */
const struct ul_lang *ul_lang_get(const char *tag);

/* French, the default. */
const struct ul_lang *ul_lang_fr(void);

/* The languages, for messages: "fr, en or ar" (kit: "fr or en"). */
const char *ul_lang_list(bool kit);

/*
 * The tags of the languages (kit: the kit languages) into names, room for
 * max, in table order; returns how many there are. For --help.
 */
size_t ul_lang_names(bool kit, const char **names, size_t max);

/*
 * The built-in string whose French text is fr, in l. A string missing
 * from l's table comes back in French (the unit test keeps the tables
 * complete for the strings each language must have).
 */
/* format_arg: a format given as fr is checked, and so is what it gives. */
const char *ul_lang_text(const struct ul_lang *l, const char *fr)
	__attribute__((format_arg(2)));

/* Every language, for tests and listings; NULL-terminated. */
extern const struct ul_lang *const ul_langs[];

/* The French source strings, NULL-terminated; face: card and poster labels. */
struct ul_lang_msgid {
	const char *fr;
	bool face;
};
extern const struct ul_lang_msgid ul_lang_msgids[];

#endif
