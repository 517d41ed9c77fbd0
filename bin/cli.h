/*
 * What the commands' main() functions share: a usage error is the message,
 * then the synopsis, and exit status 64 (EX_USAGE).
 * Header-only because bin/ holds exactly one .c per command.
 */
#ifndef UL_CLI_H
#define UL_CLI_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "intl.h"

static int cli_usage_error(const char *prog, void (*show)(FILE *),
			   const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
cli_usage_error(const char *prog, void (*show)(FILE *), const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, _(fmt), ap);
	va_end(ap);
	fputc('\n', stderr);
	show(stderr);
	return UL_EUSAGE;
}

/*
 * Standard output was written to (--help, --version, a list): a full disk
 * or a closed pipe must not pass for success, as sbase's tools see to it.
 * Returns the exit status: 0, or 74 (EX_IOERR) after saying why.
 */
static int
cli_stdout_status(const char *prog)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	fprintf(stderr, _("%s: cannot write standard output: %s\n"), prog,
		strerror(errno ? errno : EIO));
	return UL_EIO;
}

/* --help: the synopsis on standard output. */
static int
cli_help(const char *prog, void (*show)(FILE *))
{
	show(stdout);
	return cli_stdout_status(prog);
}

/* --version: one line, "utilab-x VERSION". */
static int
cli_version(const char *prog)
{
	printf("%s %s\n", prog, UL_VERSION);
	return cli_stdout_status(prog);
}

#endif
