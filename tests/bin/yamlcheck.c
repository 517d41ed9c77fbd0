/* SPDX-License-Identifier: ISC */
/*
 * yamlcheck: the loader (and the workshop validator) alone, for CLI tests
 * and benches; not installed. Diagnostics through the one printer, exit
 * codes as the commands map them.
 *
 *   yamlcheck [-r] [-t] FILE...   load with the definition (-r: results)
 *                                 limits; -t prints the tree with positions
 *   yamlcheck -w FILE...          load and validate as workshop definitions
 *   yamlcheck -b N [-e|-r|-w] FILE  time N loads in process (no
 *                                 diagnostics): prints the fastest and the
 *                                 median in ms; -e: libyaml's events alone,
 *                                 the floor under the loader
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <yaml.h>

#include "diag.h"
#include "util.h"
#include "workshop.h"
#include "yamlload.h"

static void
usage(void)
{
	fputs("usage: yamlcheck [-r] [-t] FILE...\n"
	      "       yamlcheck -w FILE...\n"
	      "       yamlcheck -b N [-e | -r | -w] FILE\n", stderr);
	exit(UL_EUSAGE);
}

/* One line per node: position, kind, and the text of scalars. */
static void
dump(const struct ul_ynode *n, int depth)
{
	printf("%d:%d %*s", n->line, n->col, depth * 2, "");
	switch (n->kind) {
	case UL_YSCALAR:
		printf("%s \"", n->plain ? "plain" : "text");
		for (const char *s = n->str; *s; s++) {
			if (*s == '\n')
				fputs("\\n", stdout);
			else
				putchar(*s);
		}
		puts("\"");
		break;
	case UL_YSEQ:
		printf("list of %zu\n", n->n);
		for (size_t i = 0; i < n->n; i++)
			dump(n->items[i], depth + 1);
		break;
	case UL_YMAP:
		printf("mapping of %zu\n", n->n);
		for (size_t i = 0; i < n->n; i++) {
			dump(n->pairs[i].key, depth + 1);
			dump(n->pairs[i].value, depth + 2);
		}
		break;
	}
}

/* What libyaml costs alone: read the file, parse every event, keep none. */
static int
events(const char *path)
{
	yaml_parser_t p;
	yaml_event_t ev;
	char *data;
	size_t len;
	int r = -1;

	if (ul_read_file(path, (size_t)1 << 30, &data, &len) < 0)
		return -1;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
	while (yaml_parser_parse(&p, &ev)) {
		yaml_event_type_t t = ev.type;
		yaml_event_delete(&ev);
		if (t == YAML_STREAM_END_EVENT) {
			r = 0;
			break;
		}
	}
	yaml_parser_delete(&p);
	free(data);
	return r;
}

static bool events_only;

static int
load(const char *path, const struct ul_ylimits *lim, bool workshop,
     struct ul_diags *diags)
{
	int r;

	if (events_only)
		return events(path);
	if (workshop) {
		struct ul_workshop ws;
		r = ul_workshop_load(&ws, path, diags);
		ul_workshop_release(&ws);
	} else {
		struct ul_ydoc doc;
		r = ul_yaml_load(&doc, path, lim, diags);
		ul_ydoc_release(&doc);
	}
	return r;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Reading the file is part of the time, as in the commands. */
static int
bench(int runs, const char *path, const struct ul_ylimits *lim,
      bool workshop)
{
	double *ms = calloc((size_t)runs, sizeof(*ms));
	int r = 0;

	for (int i = 0; i < runs; i++) {
		struct ul_diags diags;
		struct timespec t0, t1;

		ul_diags_init(&diags);
		clock_gettime(CLOCK_MONOTONIC, &t0);
		r |= load(path, lim, workshop, &diags);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		ms[i] = (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
			(double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
		ul_diags_release(&diags);
	}
	qsort(ms, (size_t)runs, sizeof(*ms), cmp_double);
	printf("%.1f %.1f\n", ms[0], ms[runs / 2]);
	free(ms);
	return r ? UL_EDATA : 0;
}

int
main(int argc, char **argv)
{
	const struct ul_ylimits *lim = &ul_ylimits_definition;
	bool tree = false, workshop = false;
	struct ul_diags diags;
	int c, code, runs = 0;

	while ((c = getopt(argc, argv, "b:ertw")) != -1) {
		switch (c) {
		case 'e':
			events_only = true;
			break;
		case 'b':
			runs = atoi(optarg);
			if (runs < 1)
				usage();
			break;
		case 'r':
			lim = &ul_ylimits_results;
			break;
		case 't':
			tree = true;
			break;
		case 'w':
			workshop = true;
			break;
		default:
			usage();
		}
	}
	if (optind == argc || (runs && optind + 1 != argc) ||
	    (events_only && !runs))
		usage();
	if (runs)
		return bench(runs, argv[optind], lim, workshop);
	ul_diags_init(&diags);
	for (int i = optind; i < argc; i++) {
		if (workshop || !tree) {
			load(argv[i], lim, workshop, &diags);
		} else {
			struct ul_ydoc doc;
			if (ul_yaml_load(&doc, argv[i], lim, &diags) == 0)
				dump(doc.root, 0);
			ul_ydoc_release(&doc);
		}
	}
	ul_diags_sort(&diags);
	ul_diags_print(&diags, stderr, "yamlcheck");
	code = ul_diags_exit_code(&diags);
	ul_diags_release(&diags);
	return code;
}
