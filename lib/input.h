/* SPDX-License-Identifier: ISC */
/*
 * Inputs: every file a run reads is opened here, so that every reader
 * meets the same faults with the same answer, and so that no output is
 * ever written over an input.
 *
 *   - a directory is refused when opened (EISDIR: 66, "is a directory");
 *   - a byte limit is enforced while reading, never after: /dev/zero or an
 *     endless pipe stop one read past the limit (EFBIG: 65);
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
