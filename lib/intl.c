/* SPDX-License-Identifier: ISC */
/*
 * Message catalogue set-up: the locale from the environment and the
 * catalogue's directory. Called once, from a command's main(); the rest of
 * the library only translates (lib/intl.h's macros) and never sets a locale.
 */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "datadir.h"
#include "intl.h"
#include "util.h"

#ifndef UL_LOCALEDIR
#define UL_LOCALEDIR "/usr/local/share/locale"
#endif

static char *localedir;

/*
 * BINDIR/../share/locale when that holds our catalogue (an installed
 * utilab, or bin/ of a built source tree whose share/locale make filled),
 * else the directory configured at build time. UTILAB_LOCALEDIR, like
 * UTILAB_DATADIR, overrides both.
 */
const char *
ul_localedir(void)
{
	const char *env;

	if (localedir)
		return localedir;
	env = getenv("UTILAB_LOCALEDIR");
	if (env && *env)
		localedir = ul_xstrdup(env);
	else if (!(localedir = ul_beside_binary("share/locale")))
		localedir = ul_xstrdup(UL_LOCALEDIR);
	return localedir;
}

/*
 * The locale the environment names for messages (LC_ALL, else
 * LC_MESSAGES, else LANG), as glibc reads it.
 */
static const char *
messages_locale(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };

	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return v;
	}
	return NULL;
}

/*
 * LANG=fr_FR.UTF-8 on a machine that has not generated that locale (a
 * minimal or container install: locale -a lists C.UTF-8 alone): glibc
 * then falls back to "C" and would print English. The messages still
 * follow the language asked for: C.UTF-8 (always there, and UTF-8 as our
 * outputs are) with LANGUAGE set to that language, which gettext honours
 * under any locale but "C". A LANGUAGE of the user's own is left alone.
 */
static void
language_without_locale(void)
{
	const char *want = messages_locale(), *lang = getenv("LANGUAGE");
	char buf[64];

	if (!want || strcmp(want, "C") == 0 || strcmp(want, "POSIX") == 0 ||
	    strncmp(want, "C.", 2) == 0)
		return;
	if (!setlocale(LC_ALL, "C.UTF-8"))
		return;
	if (lang && *lang)
		return;
	/* "fr_FR.UTF-8@euro": the language part, "fr_FR" */
	size_t n = strcspn(want, ".@");
	if (n == 0 || n >= sizeof(buf))
		return;
	memcpy(buf, want, n);
	buf[n] = '\0';
	setenv("LANGUAGE", buf, 1);
}

void
ul_intl_init(void)
{
	if (!setlocale(LC_ALL, ""))
		language_without_locale();
	/*
	 * strtod() and printf("%g") read and write the numbers of PDFs, CSV
	 * files and options: a decimal comma there would corrupt them.
	 */
	setlocale(LC_NUMERIC, "C");
	bindtextdomain(UL_TEXTDOMAIN, ul_localedir());
	/* Sources and catalogue are UTF-8; so is every output utilab writes. */
	bind_textdomain_codeset(UL_TEXTDOMAIN, "UTF-8");
	textdomain(UL_TEXTDOMAIN);
}
