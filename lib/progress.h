/* SPDX-License-Identifier: ISC */
/*
 * Progress of a long run: how many of what are done, and when a line
 * saying so is due (after about a second, then a few times a second).
 * Owns struct ul_progress and the line's wording; knows nothing of argv,
 * terminals or files: the command that enables it gives the function
 * that shows the line (bin/opts.c draws it on a terminal's stderr), and a
 * loop of the library or of a command only counts.
 */
#ifndef UL_PROGRESS_H
#define UL_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

struct ul_progress {
	/*
	 * Set by the command, or left NULL: counting then costs a test and
	 * nothing is shown. line is "" to clear what was shown.
	 */
	void (*show)(void *ctx, const char *line);
	void *ctx;
	double delay;		/* seconds before the first line (1) */

	/* the rest is ul_progress_start's */
	const char *what;	/* "cards" (translated when shown) */
	size_t done, total;	/* total 0: not known in advance */
	double start, next;	/* monotonic seconds */
	bool shown;		/* a line is on the screen */
};

/* Zeroed, with the default delay; nothing shown until enabled. */
void ul_progress_init(struct ul_progress *);

/* A new count of what (N_() text), out of total (0: unknown). */
void ul_progress_start(struct ul_progress *, const char *what, size_t total);

/* n more are done; shows the line when it is due. NULL p is allowed. */
void ul_progress_add(struct ul_progress *, size_t n);

/* Clear the line, if one was shown: the run's own output follows. */
void ul_progress_end(struct ul_progress *);

#endif
