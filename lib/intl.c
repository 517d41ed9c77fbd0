/* SPDX-License-Identifier: ISC */
/*
 * Message catalogue set-up: the locale from the environment and the
 * catalogue's directory. Called once, from a command's main(); the rest of
 * the library only translates (lib/intl.h's macros) and never sets a locale.
 */
#include <locale.h>
#include <stdlib.h>

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

void
ul_intl_init(void)
{
	setlocale(LC_ALL, "");
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
