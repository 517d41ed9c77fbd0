/*
 * Safe output files: everything is written to a temporary file beside the
 * target and renamed over it only once complete, so a failure never leaves
 * a partial or clobbered file. Targets that are not regular files (a device
 * such as /dev/full, a FIFO) and standard output ("-") are written in place,
 * since they cannot be replaced. Knows nothing of what is written.
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
	bool in_place;
};

/*
 * Open path for writing. With overwrite false, an existing target is an
 * error (UL_ECANTCREAT). Returns 0, or -1 with a diagnostic.
 */
int ul_atomic_open(struct ul_atomic *, const char *path, bool overwrite,
		   struct ul_diags *);
/*
 * Flush, fsync and rename into place. Any write error seen on the stream is
 * reported here (UL_EIO) and the temporary file removed. Returns 0 or -1.
 */
int ul_atomic_commit(struct ul_atomic *, struct ul_diags *);
/* Give up: remove the temporary file. Safe after commit and on a zeroed struct. */
void ul_atomic_abort(struct ul_atomic *);

/*
 * Whether two paths name the same existing file (same device and inode),
 * so that a command can refuse to write over one of its inputs.
 */
bool ul_same_file(const char *a, const char *b);

#endif
