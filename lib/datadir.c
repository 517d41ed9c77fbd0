/*
 * Data directory resolution, in the order DESIGN §2 fixes:
 * UTILAB_DATADIR, the installed directory, the source tree.
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

/* The source tree: the binary is TOP/bin/utilab-x, data is TOP/share/utilab. */
static char *
source_tree_datadir(void)
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
	char *p = ul_xasprintf("%s/share/utilab", exe);
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
	else if (is_dir(UL_DATADIR))
		datadir = ul_xstrdup(UL_DATADIR);
	else if (!(datadir = source_tree_datadir()))
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
