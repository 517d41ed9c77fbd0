/* SPDX-License-Identifier: ISC */
/*
 * Replays fuzz corpora without libFuzzer: each argument is a file, or a
 * directory of files, fed once to LLVMFuzzerTestOneInput. Linked with each
 * fuzz-*.c so that make check runs every corpus under the build's
 * sanitizers, on any compiler.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
run_file(const char *path)
{
	char *data;
	size_t len;

	if (ul_read_file(path, (size_t)64 << 20, &data, &len) < 0) {
		perror(path);
		return 1;
	}
	LLVMFuzzerTestOneInput((const uint8_t *)data, len);
	free(data);
	return 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(int argc, char **argv)
{
	size_t total = 0;
	int bad = 0;

	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) != 0) {
			perror(argv[i]);
			return 1;
		}
		if (!S_ISDIR(st.st_mode)) {
			bad |= run_file(argv[i]);
			total++;
			continue;
		}
		DIR *dir = opendir(argv[i]);
		struct dirent *de;
		char **names = NULL;
		size_t n = 0;
		while (dir && (de = readdir(dir))) {
			if (de->d_name[0] == '.')
				continue;
			/*
			 * A corpus is flat: a directory inside (the catalogue's
			 * example results and texts) holds no input of this target.
			 */
			char *path = ul_xasprintf("%s/%s", argv[i], de->d_name);
			struct stat sub;
			if (stat(path, &sub) == 0 && S_ISDIR(sub.st_mode)) {
				free(path);
				continue;
			}
			names = ul_xreallocarray(names, n + 1, sizeof(*names));
			names[n++] = path;
		}
		if (dir)
			closedir(dir);
		qsort(names, n, sizeof(*names), cmp_str);
		for (size_t k = 0; k < n; k++) {
			/* a corpus is its files: a directory inside (the
			 * catalogue's example results) is not an input */
			struct stat sub;
			if (stat(names[k], &sub) == 0 && S_ISDIR(sub.st_mode)) {
				free(names[k]);
				continue;
			}
			bad |= run_file(names[k]);
			total++;
			free(names[k]);
		}
		free(names);
	}
	printf("replayed %zu inputs\n", total);
	return bad;
}
