/* SPDX-License-Identifier: ISC */
/*
 * Watching files for a preview (utilab-cards --watch): wait until one of
 * them is saved, however the editor saves it, or until the user asks to
 * stop. Owns the inotify and signal descriptors; knows nothing of what
 * the files hold or of what is done when they change. Linux (inotify,
 * signalfd).
 */
#ifndef UL_WATCH_H
#define UL_WATCH_H

#include <stddef.h>

struct cli_watch;

/*
 * A watcher; NULL with errno set when inotify is not available. From now
 * on SIGINT, SIGTERM and SIGHUP are held for cli_watch_wait to see, so
 * that a run in progress finishes (or is abandoned) cleanly, its
 * temporary files removed, before the program stops.
 */
struct cli_watch *cli_watch_new(void);

/*
 * Watch these files from now on (in place of the previous ones). The
 * directories are what is watched, and names matched in them: an editor
 * that saves by writing a new file and renaming it over the old one
 * (vim, emacs, most IDEs) is seen as well as one that writes in place.
 * A file that does not exist yet is watched for its creation. Returns
 * the number of directories watched, or -1 with errno set.
 */
int cli_watch_set(struct cli_watch *, const char *const *paths, size_t n);

/*
 * Wait for a change, then for the files to be quiet for a moment (an
 * editor saving several files, or writing one in several steps, gives one
 * render). Returns 1 when a file changed, 0 when a signal asked to stop,
 * -1 with errno set on an error.
 */
int cli_watch_wait(struct cli_watch *);

/* The name of the last file seen changing (for the note), or NULL. */
const char *cli_watch_changed(const struct cli_watch *);

void cli_watch_free(struct cli_watch *);

#endif
