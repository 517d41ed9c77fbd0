/* SPDX-License-Identifier: ISC */
/*
 * The commands' options: one table per command drives both the parser
 * (getopt_long's strings are built from it) and --help (the synopsis and
 * the option list are printed from it), so the two cannot drift. Also
 * what every main() shares: usage errors (exit 64), --help and --version
 * (exit 74 when standard output cannot be written), -q.
 * Lives in bin/: it knows argv and exit codes, which lib/ must not.
 */
#ifndef UL_OPTS_H
#define UL_OPTS_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "diag.h"
#include "intl.h"
#include "progress.h"		/* help texts are N_(), translated when printed */

/* cli_opt.flags */
enum {
	CLI_REPEAT = 1,		/* may be given several times: "[-d ID]..." */
	CLI_REQUIRED = 2,	/* the synopsis shows it without brackets */
	CLI_OPEN = 4,		/* values are the named ones; others may be too */
	CLI_NOSYNOPSIS = 8	/* in the option list only (--help, --version) */
};

/* Long-only options take keys from CLI_LONG_ONLY + 1 up (--version has it). */
#define CLI_LONG_ONLY 256

struct cli_opt {
	int key;		/* the short letter, or CLI_LONG_ONLY + n */
	const char *name;	/* the long name, or NULL */
	const char *arg;	/* the argument's name in --help; NULL: a flag */
	const char *help;	/* one sentence, no full stop (N_()) */
	const char *what;	/* for a list of values: "format" in
				   "unknown format 'gif'" (N_()) */
	const char *const *values;	/* the words the argument may be,
					   NULL-terminated, or NULL */
	/* Or a function that lists them (a table of lib/): how many. */
	size_t (*list)(const char **names, size_t max);
	const char *def;	/* the default among values, or NULL */
	unsigned flags;		/* CLI_* */
};

/* One entry: the four fields every option has, then any of the others. */
#define CLI_OPT(k, n, a, h, ...) \
	{ .key = (k), .name = (n), .arg = (a), .help = (h), __VA_ARGS__ }

/* What every command has; -q where its letter is free. */
#define CLI_OPT_HELP CLI_OPT('h', "help", NULL, \
	N_("show this help and exit"), .flags = CLI_NOSYNOPSIS)
#define CLI_OPT_VERSION CLI_OPT(CLI_LONG_ONLY, "version", NULL, \
	N_("show the version and exit"), .flags = CLI_NOSYNOPSIS)
#define CLI_OPT_QUIET CLI_OPT('q', "quiet", NULL, \
	N_("no progress line and no notes; warnings and errors still print"))

struct cli_cmd {
	const char *prog;	/* "utilab-cards" */
	const char *operands;	/* after the options in the synopsis */
	const char *const *forms;	/* other synopsis lines, NULL-ended */
	const struct cli_opt *opts;	/* ends with a zero key */
	const char *footer;	/* printed after the option list, or NULL */
};

#define CLI_MAX_OPTS 32

/* What the parser keeps between calls: no allocation, nothing to free. */
struct cli_parser {
	const struct cli_cmd *cmd;
	struct option longopts[CLI_MAX_OPTS + 1];
	char shortopts[3 * CLI_MAX_OPTS + 2];
	const struct cli_opt *opt;	/* the option cli_next returned */
	int value;		/* its argument's index in the values, or -1 */
	int status;		/* the exit status, when cli_next says CLI_EXIT */
};

/* cli_next's answer when the command must return p->status now. */
#define CLI_EXIT (-2)

void cli_parser_init(struct cli_parser *, const struct cli_cmd *);

/*
 * The next option's key (its argument in optarg), -1 past the last one
 * (operands from optind). Handles --help and --version itself, and
 * refuses an unknown option or an argument that is not one of the
 * option's values (unless CLI_OPEN): it then returns CLI_EXIT with
 * p->status set (0, 64 or 74).
 */
int cli_next(struct cli_parser *, int argc, char **argv);

/* The option's values as "a, b or c", into buf; returns buf. */
const char *cli_value_list(const struct cli_opt *, char *buf, size_t size);

/* The synopsis ("usage: ..." and the other forms). */
void cli_synopsis(const struct cli_cmd *, FILE *);

/* The synopsis, then every option with its help, then the footer. */
void cli_help_text(const struct cli_cmd *, FILE *);

/* "prog: message", then the synopsis, on stderr; returns 64. */
int cli_usage_error(const struct cli_cmd *, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Standard output was written to (--help, --version, a list): a full disk
 * or a closed pipe must not pass for success, as sbase's tools see to it.
 * Returns 0, or 74 (EX_IOERR) after saying why.
 */
int cli_stdout_status(const char *prog);

/* --help, --version: the text on standard output, and the status. */
int cli_help(const struct cli_cmd *);
int cli_version(const char *prog);

/*
 * Show p's line on standard error when it is a terminal and -q was not
 * given: one line, rewritten in place, cleared at the end. Nothing when
 * stderr is a file or a pipe (a log must not fill with progress).
 * UTILAB_PROGRESS_DELAY (seconds) replaces the one-second delay: 0 for
 * the tests, a large value for whoever never wants it.
 */
void cli_progress(struct ul_progress *p, bool quiet);

#endif
