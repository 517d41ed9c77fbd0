/* SPDX-License-Identifier: ISC */
/*
 * CSV reader (RFC 4180, and the ways real exports depart from it): quoted
 * fields, "" for a quote, newlines inside quotes, CRLF, LF or lone CR line
 * ends, a UTF-8 byte order mark stripped, the delimiter (',' ';' or tab)
 * sniffed from the first line. It streams: one record in memory at a time,
 * whatever the size of the input.
 * Owns struct ul_csv; knows nothing of what the columns mean (lib/results.c
 * does) and never decides whether a problem is fatal: each record carries
 * its problem, if any, for the caller to report or quarantine.
 */
#ifndef UL_CSV_H
#define UL_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* What is wrong with the record just read (the first problem found). */
enum ul_csv_problem {
	UL_CSV_OK,
	UL_CSV_UNTERMINATED,	/* a quoted field runs to the end of input */
	UL_CSV_BADUTF8,		/* a field is not valid UTF-8 (or holds NUL) */
	UL_CSV_TOOLONG,		/* past UL_CSV_MAX_RECORD bytes or fields */
};

/* Bounds that keep one hostile record from eating the memory. */
#define UL_CSV_MAX_RECORD ((size_t)4 << 20)	/* bytes */
#define UL_CSV_MAX_FIELDS 4096

struct ul_csv {
	const char *file;	/* borrowed, for messages */
	FILE *fp;		/* borrowed */
	char sep;		/* the delimiter in use */

	/* The current record: n fields, each NUL-terminated. */
	char **field;
	size_t *len;
	size_t n;
	int line;		/* line where the record starts, 1-based */
	long recno;		/* 1 for the first record (the header) */
	enum ul_csv_problem problem;
	int problem_line;	/* where: the opening quote, or the record */
	size_t problem_field;	/* 0-based field, for BADUTF8 */

	/* private */
	char *buf;
	size_t pos, end, cap;
	bool eof, skip_lf;
	int next_line;
	char *data;		/* field bytes, NUL-separated */
	size_t dlen, dcap;
	size_t *offs;
	size_t fcap;
};

/*
 * Start reading fp (not closed by the reader). sep is ',', ';' or '\t' to
 * force a delimiter, or 0 to sniff it: the candidate found most often,
 * outside quotes, in the first line that holds any (',' wins ties).
 * Returns 0, or -1 on a read error (errno set).
 */
int ul_csv_open(struct ul_csv *, const char *file, FILE *fp, char sep);
/*
 * Read the next record: 1 when there is one (check ->problem), 0 at the
 * end of input, -1 on a read error (errno set). Blank lines are skipped.
 * Fields stay valid until the next call.
 */
int ul_csv_next(struct ul_csv *);
void ul_csv_release(struct ul_csv *);

/* The problem as a message ("unterminated quoted field", …). */
const char *ul_csv_problem_name(enum ul_csv_problem);

#endif
