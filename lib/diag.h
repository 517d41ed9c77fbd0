/* SPDX-License-Identifier: ISC */
/*
 * Diagnostics: positioned errors and warnings collected during a run.
 * Owns struct ul_diags; the library fills it, only bin/ prints it (through
 * ul_diags_print, the one printer) and maps codes to exit statuses.
 * Positions are 1-based; 0 means "unknown" and is left out when printing.
 */
#ifndef UL_DIAG_H
#define UL_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum ul_level { UL_NOTE, UL_WARNING, UL_ERROR };

/* What kind of failure, so that bin/ can pick a sysexits code. */
enum ul_code {
	UL_EDATA = 65,		/* bad input data */
	UL_ENOINPUT = 66,	/* missing or unreadable input */
	UL_ESOFTWARE = 70,	/* internal error */
	UL_ECANTCREAT = 73,	/* cannot create output */
	UL_EIO = 74,		/* I/O error */
	UL_EUSAGE = 64		/* bad usage (options, arguments) */
};

struct ul_diag {
	const char *file;	/* borrowed: must outlive the diags, or NULL */
	int line, col;		/* 1-based; 0 when unknown */
	enum ul_level level;
	enum ul_code code;
	char *msg;		/* owned */
	size_t seq;		/* order of arrival, to keep sorting stable */
	size_t file_rank;	/* for sorting: the file's first-seen order */
};

struct ul_diags {
	struct ul_diag *v;
	size_t n, cap;
	size_t errors, warnings;
	size_t max;		/* stop recording past this many of a level
				   (0: 1000), so that a flood of warnings
				   never hides an error */
	size_t dropped;		/* how many were not recorded past max */
	size_t recorded[3];	/* how many of each level were recorded */
	char **kept;		/* strings the diags own (ul_diags_keep) */
	size_t nkept;
};

void ul_diags_init(struct ul_diags *);
void ul_diags_release(struct ul_diags *);

/*
 * Record a diagnostic; msg is printf-style, an English literal that is
 * translated here (lib/intl.h): callers do not wrap it in _(). Returns -1
 * for convenience.
 */
int ul_diag_add(struct ul_diags *, enum ul_level, enum ul_code,
		const char *file, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));
int ul_diag_vadd(struct ul_diags *, enum ul_level, enum ul_code,
		 const char *file, int line, int col, const char *fmt, va_list)
	__attribute__((format(printf, 7, 0)));

/*
 * Take ownership of s (malloc'd) until ul_diags_release, and return it: for
 * a position made up on the fly ("t.xlsx:Feuil1!C7") that must outlive
 * the reader that made it.
 */
const char *ul_diags_keep(struct ul_diags *, char *s);

/*
 * The name a diagnostic gives a file: "<stdin>" for the input "-" and
 * "<stdout>" for the output "-" (the convention of compilers and
 * mandoc, so that "<stdin>:3:7: error:" reads as a position), any other
 * path as it is. Every command names the streams through these.
 */
const char *ul_diag_input_name(const char *path);
const char *ul_diag_output_name(const char *path);

/* Whether a diagnostic of level would be dropped (not recorded): past max. */
bool ul_diags_full(const struct ul_diags *, enum ul_level);

/* Shorthands for the common cases (code UL_EDATA). */
int ul_error(struct ul_diags *, const char *file, int line, int col,
	     const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void ul_warning(struct ul_diags *, const char *file, int line, int col,
		const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Sort by file (first-seen order), line, column, then arrival. */
void ul_diags_sort(struct ul_diags *);

/*
 * Print the diagnostics as "file:line:col: level: message" (parts that are
 * unknown are left out; a diagnostic without a file is prefixed with prog).
 * Every error is shown (up to the recorded max); of the warnings and of
 * the notes, the first UL_DIAGS_SHOWN, then how many more there are. A run
 * with more than UL_DIAGS_SHOWN errors and warnings ends with their count,
 * so that the summary is the last line on the screen, not lost in a
 * thousand.
 */
#define UL_DIAGS_SHOWN 20
enum {
	UL_DIAGS_QUIET = 1,	/* leave the notes out (-q) */
	UL_DIAGS_ALL = 2	/* every recorded diagnostic, no counting */
};
void ul_diags_report(const struct ul_diags *, FILE *, const char *prog,
		     unsigned flags);
/* ul_diags_report with no flags. */
void ul_diags_print(const struct ul_diags *, FILE *, const char *prog);

/* The most severe code among the errors, or 0 when there are none. */
int ul_diags_exit_code(const struct ul_diags *);

#endif
