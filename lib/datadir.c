/* SPDX-License-Identifier: ISC */
/*
 * Data directory resolution: UTILAB_DATADIR, else the data beside the
 * running binary (BINDIR/../share/utilab: the installed $PREFIX/share/utilab
 * for an installed utilab, share/utilab for bin/ of a source tree), else
 * the directory configured at build time.
 * Looking beside the binary first means an installed utilab uses its own
 * data even when the source tree it was built from is still there, and a
 * source-tree build never picks up an older installed copy's data.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "datadir.h"
#include "util.h"

#ifndef UL_DATADIR
#define UL_DATADIR "/usr/local/share/utilab"
#endif

static char *datadir, *catalogue;

static int
is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The binary is TOP/bin/utilab-x; TOP/rel when that is a directory. */
char *
ul_beside_binary(const char *rel)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;

	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	for (int up = 0; up < 2; up++) {
		slash = strrchr(exe, '/');
		if (!slash)
			return NULL;
		*slash = '\0';
	}
	char *p = ul_xasprintf("%s/%s", exe, rel);
	if (is_dir(p))
		return p;
	free(p);
	return NULL;
}

const char *
ul_datadir(void)
{
	const char *env;

	if (datadir)
		return datadir;
	env = getenv("UTILAB_DATADIR");
	if (env && *env)
		datadir = ul_xstrdup(env);
	else if (!(datadir = ul_beside_binary("share/utilab")))
		datadir = ul_xstrdup(UL_DATADIR);
	size_t len = strlen(datadir);
	while (len > 1 && datadir[len - 1] == '/')
		datadir[--len] = '\0';
	return datadir;
}

const char *
ul_catalogue_dir(void)
{
	const char *env;

	if (catalogue)
		return catalogue;
	/* Tests and designers with a catalogue of their own point here. */
	env = getenv("UTILAB_CATALOGUE");
	if (env && *env) {
		catalogue = ul_xstrdup(env);
		return catalogue;
	}
	catalogue = ul_datadir_path("workshops");
	if (!is_dir(catalogue)) {
		/* The source tree keeps the catalogue at the top level. */
		char *p = ul_datadir_path("../../workshops");
		if (is_dir(p)) {
			free(catalogue);
			catalogue = p;
		} else
			free(p);
	}
	return catalogue;
}

char *
ul_datadir_path(const char *rel)
{
	return ul_xasprintf("%s/%s", ul_datadir(), rel);
}
