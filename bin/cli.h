/*
 * What the commands' main() functions share: a usage error is the message,
 * then the synopsis, and exit status 64 (EX_USAGE).
 * Header-only because bin/ holds exactly one .c per command.
 */
#ifndef UL_CLI_H
#define UL_CLI_H

#include <stdarg.h>
#include <stdio.h>

#include "diag.h"

static int cli_usage_error(const char *prog, void (*show)(FILE *),
			   const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
cli_usage_error(const char *prog, void (*show)(FILE *), const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	show(stderr);
	return UL_EUSAGE;
}

#endif
