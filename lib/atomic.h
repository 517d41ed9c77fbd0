/* SPDX-License-Identifier: ISC */
/*
 * Safe output files: everything is written to a temporary file beside the
 * target and renamed over it only once complete (then the directory is
 * fsync'ed, as git does for its lockfiles), so a failure never leaves a
 * partial or clobbered file. Targets that are not regular files (a device
 * such as /dev/full, a FIFO) and standard output ("-") are written in
 * place, since they cannot be replaced.
 *
 * Signals: while a temporary file or directory exists, SIGINT, SIGTERM,
 * SIGHUP and SIGPIPE remove it before the process dies of the signal
 * (a signal the process ignores stays ignored). The handler only calls
 * unlink(2), rmdir(2) and raise(3); the list it reads is changed with
 * those signals blocked.
 *
 * Output = input: no output may be a file the run read (lib/input),
 * directly or through a link: same device and inode. That is checked when
 * an output is opened and again just before its rename (a pictogram may be
 * read after the output was opened), with one error and status 73:
 *     utilab-cards: refusing to overwrite the input 'ws.yaml'
 *
 * Page sets (PNG or SVG, one file per page, in an existing directory):
 * the pages are written into a temporary directory inside the target and
 * renamed into it only when all are complete.
 *
 * Knows nothing of what is written.
 */
#ifndef UL_ATOMIC_H
#define UL_ATOMIC_H

#include <stdbool.h>
#include <stdio.h>

#include "diag.h"

struct ul_atomic {
	char *path;		/* the target ("-" for standard output) */
	char *tmp;		/* the temporary file, NULL when in place */
	FILE *fp;		/* where to write */
	int fd;			/* the temporary file's descriptor */
	bool in_place;
};

/*
 * Open path for writing. With overwrite false, an existing target is an
 * error (UL_ECANTCREAT), as is a target that is an input. Returns 0, or -1
 * with a diagnostic.
 */
int ul_atomic_open(struct ul_atomic *, const char *path, bool overwrite,
		   struct ul_diags *);
/*
 * Flush, fsync and rename into place, then fsync the directory. Any write
 * error seen on the stream is reported here (UL_EIO), a target that has
 * become an input is refused (UL_ECANTCREAT), and the temporary file is
 * then removed. Returns 0 or -1.
 */
int ul_atomic_commit(struct ul_atomic *, struct ul_diags *);
/* Give up: remove the temporary file. Safe after commit and on a zeroed struct. */
void ul_atomic_abort(struct ul_atomic *);

/*
 * Whether path may be written as an output: 0, or -1 with the diagnostic
 * (73) when it is a file this run read (lib/input). "-" checks standard
 * output. Every command's outputs go through this rule.
 */
int ul_atomic_check_target(const char *path, struct ul_diags *);

/* A page set: files NAME in directory dir, all or none. */
struct ul_atomic_set {
	char *dir;		/* the target directory */
	char *tmpdir;		/* dir/.utilab.tmpXXXXXX, where pages go first */
	char **names;		/* the files written into tmpdir */
	size_t n, cap;
	int fd;			/* the file being written */
};

/*
 * Start a set in dir, which must exist. Returns 0, or -1 with a
 * diagnostic (73).
 */
int ul_atomic_set_open(struct ul_atomic_set *, const char *dir,
		       struct ul_diags *);
/*
 * Begin the set's file name (a plain file name, no '/'): a stream to
 * write it, or NULL with a diagnostic (73, or 73 when dir/name is an
 * input). Writing the same name again replaces it.
 */
FILE *ul_atomic_set_add(struct ul_atomic_set *, const char *name,
			struct ul_diags *);
/* End a file begun by ul_atomic_set_add: flush, fsync, close. 0, or -1 (74). */
int ul_atomic_set_end(struct ul_atomic_set *, FILE *, struct ul_diags *);
/*
 * Move every file into dir, once all are checked against the output =
 * input rule, then remove the temporary directory. Returns 0, or -1 with a
 * diagnostic, everything then removed.
 */
int ul_atomic_set_commit(struct ul_atomic_set *, struct ul_diags *);
/* Give up: remove every file written and the temporary directory. */
void ul_atomic_set_abort(struct ul_atomic_set *);

/*
 * Whether two paths name the same existing file (same device and inode).
 */
bool ul_same_file(const char *a, const char *b);

#endif
