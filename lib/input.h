/* SPDX-License-Identifier: ISC */
/*
 * Inputs: every file a run reads is opened here, so that every reader
 * meets the same faults with the same answer, and so that no output is
 * ever written over an input.
 *
 *   - a directory is refused when opened (EISDIR: 66, "is a directory");
 *   - a byte limit is enforced while reading, never after: /dev/zero or an
 *     endless pipe stop one read past the limit (EFBIG: 65);
 *   - a text input stops at its first NUL byte, which no text holds (a
 *     binary file, UTF-16 without its byte order mark, /dev/zero): the
 *     error gives its line and column, after one block read (65);
 *   - the identity (device, inode) of each file read is remembered for the
 *     life of the process; lib/atomic refuses to create an output that is
 *     one of them, directly or through a link (73).
 *
 * "-" is standard input. Knows nothing of formats, diagnostics' meaning
 * beyond the one message per failure, or outputs.
 */
#ifndef UL_INPUT_H
#define UL_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/stat.h>

#include "diag.h"

/*
 * Byte limit of streamed tables (CSV inputs of utilab-collect): memory
 * stays flat whatever the size, so the limit is only there to end an
 * endless input.
 */
#define UL_INPUT_MAX_STREAM ((size_t)1 << 30)

/*
 * Read a whole file into memory (NUL-terminated), refusing more than max
 * bytes. Returns 0, or -1 with errno set: EISDIR for a directory, EFBIG
 * past max, else what open(2) or read(2) said.
 */
int ul_read_file(const char *path, size_t max, char **data, size_t *len);

/*
 * Text: where the first NUL byte of an input is, found block by block as
 * the input is read (blocks of any size, one byte included). A UTF-8 byte
 * order mark is skipped; after a UTF-16 one (FF FE or FE FF) the text is
 * read in 16-bit units, and a NUL is a zero unit. line and col are those of the NUL once found (col counts
 * characters, as every diagnostic does); until then, of the next byte.
 */
struct ul_text_scan {
	int line, col;
	size_t off;		/* bytes scanned */
	int unit;		/* 1, or 2 after a UTF-16 byte order mark */
	bool big_endian;
	unsigned char held;	/* a UTF-16 unit's first byte, off odd */
	bool nul;		/* a NUL was found */
	unsigned char head[3];	/* the first bytes, until they are known to */
	int nhead;		/* be a byte order mark or not */
	bool decided;
};
void ul_text_scan_init(struct ul_text_scan *);
/* Scan n more bytes; returns false at the first NUL (then stops counting). */
bool ul_text_scan(struct ul_text_scan *, const void *buf, size_t n);
/* "file:LINE:COL: error: NUL byte: not a text file", status 65. Returns -1. */
int ul_text_error(struct ul_diags *, const char *file, const struct ul_text_scan *);

/*
 * ul_read_file for a text: the read stops at the block holding the first
 * NUL, with errno EILSEQ and *scan saying where. When binary_magic is not
 * NULL and the file starts with it (a zip's "PK\3\4"), the file is read as
 * it is, unchecked. scan may be NULL.
 */
int ul_read_text(const char *path, size_t max, const char *binary_magic,
		 char **data, size_t *len, struct ul_text_scan *scan);

/*
 * ul_read_file for a binary format: its first head bytes (fewer in a
 * shorter file) are shown to accept before more is read, so that what is
 * not that format is refused after one block, not at the limit. accept
 * returns 0, or an errno value that ends the read (errno then).
 */
int ul_read_file_head(const char *path, size_t max, size_t head,
		      int (*accept)(const void *data, size_t len, void *ctx),
		      void *ctx, char **data, size_t *len);

/*
 * ul_input_error, and the NUL of scan when err is EILSEQ (after
 * ul_read_text).
 */
int ul_text_input_error(struct ul_diags *, const char *file, int err,
			size_t max, const struct ul_text_scan *scan);

/*
 * Open a file for streaming (binary). Reads past max bytes fail with
 * errno EFBIG (ferror on the stream). Returns NULL with errno set as
 * ul_read_file does. Standard input is never closed by fclose.
 */
FILE *ul_input_fopen(const char *path, size_t max);

/*
 * The one diagnostic for a failed read, at file (no position): err is the
 * errno from the calls above, max the limit that was given. Codes: EFBIG
 * 65, an unopenable or missing file or a directory 66, other errors 74.
 * Returns -1.
 */
int ul_input_error(struct ul_diags *, const char *file, int err, size_t max);

/*
 * Note a file read by other means (a library that opens it itself), by
 * path; ignored when it cannot be stat'ed.
 */
void ul_input_note(const char *path);

/*
 * The path under which the file st identifies was read as an input, or
 * NULL when it was not.
 */
const char *ul_input_seen(const struct stat *st);

/*
 * Forget every input: each run of utilab-cards --watch starts afresh
 * (a file saved by rename is a new inode, and the old one's number may be
 * the next output's). Otherwise the list is kept until exit.
 */
void ul_input_forget(void);

#endif
