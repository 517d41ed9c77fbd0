/* SPDX-License-Identifier: ISC */
/*
 * Translated messages (gettext, text domain "utilab"): the marking macros
 * every user-visible string goes through, and the one set-up call that a
 * command's main() makes first. Owns nothing else: which language a
 * *report* is written in is lib/lang's (the workshop's `lang`); which
 * language the *messages* speak is the user's locale (LC_ALL, LC_MESSAGES,
 * LANG, and GNU's LANGUAGE list).
 *
 *   _("text")           translated now (a literal: -Wformat checks it, and
 *                       the translation, through gettext's format_arg)
 *   N_("text")          marked for xgettext only, translated where used
 *   P_("one", "many", n) the plural form for n (ngettext rules)
 *
 * The library translates but never calls setlocale(): until a command has
 * called ul_intl_init(), every message is the English msgid.
 * Diagnostics need no _(): the format given to ul_error(), ul_warning(),
 * ul_diag_add() and the readers' err()/warn() helpers is translated by
 * lib/diag when recorded, and xgettext knows these functions as keywords
 * (see the Makefile's XGETTEXT_KEYWORDS).
 */
#ifndef UL_INTL_H
#define UL_INTL_H

#include <libintl.h>

#define UL_TEXTDOMAIN "utilab"

#define _(s)		dgettext(UL_TEXTDOMAIN, s)
#define N_(s)		(s)
#define P_(s, p, n)	dngettext(UL_TEXTDOMAIN, s, p, n)

/*
 * For main(), before anything prints: the locale from the environment
 * (LC_NUMERIC stays "C": numbers in files and on the command line are
 * written with a point whatever the language), and the message catalogue
 * bound to the installed $PREFIX/share/locale, or to the build tree's
 * share/locale beside bin/ for an uninstalled build (as lib/datadir finds
 * the data). Never fails: without a catalogue, messages stay English.
 */
void ul_intl_init(void);

/* The directory the catalogue is read from (for --version and tests). */
const char *ul_localedir(void);

#endif
