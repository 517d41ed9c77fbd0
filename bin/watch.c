/* SPDX-License-Identifier: ISC */
/*
 * Watching files (watch.h): inotify on the files' directories, names
 * matched in the events, a signalfd for the signals that stop a watch,
 * and a short quiet period so that one save gives one render.
 */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "util.h"
#include "watch.h"

/* Editors write a file in steps; the render waits for this much quiet. */
#define QUIET_MS 150

struct dir {
	int wd;			/* inotify watch, -1 once removed */
	char *path;
	char **names;		/* the watched files in it */
	size_t nnames;
};

struct cli_watch {
	int ifd, sfd;
	sigset_t held, old;
	struct dir *dirs;
	size_t ndirs;
	char changed[NAME_MAX + 1];
};

static const int stop_signals[] = { SIGINT, SIGTERM, SIGHUP };

struct cli_watch *
cli_watch_new(void)
{
	struct cli_watch *w = ul_xcalloc(1, sizeof(*w));

	w->ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (w->ifd < 0) {
		free(w);
		return NULL;
	}
	sigemptyset(&w->held);
	for (size_t i = 0; i < UL_NELEM(stop_signals); i++)
		sigaddset(&w->held, stop_signals[i]);
	/* held from now on: a render is never cut in the middle */
	sigprocmask(SIG_BLOCK, &w->held, &w->old);
	w->sfd = signalfd(-1, &w->held, SFD_NONBLOCK | SFD_CLOEXEC);
	if (w->sfd < 0) {
		int e = errno;
		sigprocmask(SIG_SETMASK, &w->old, NULL);
		close(w->ifd);
		free(w);
		errno = e;
		return NULL;
	}
	return w;
}

static void
clear_dirs(struct cli_watch *w)
{
	for (size_t i = 0; i < w->ndirs; i++) {
		struct dir *d = &w->dirs[i];
		if (d->wd >= 0)
			inotify_rm_watch(w->ifd, d->wd);
		for (size_t k = 0; k < d->nnames; k++)
			free(d->names[k]);
		free(d->names);
		free(d->path);
	}
	free(w->dirs);
	w->dirs = NULL;
	w->ndirs = 0;
}

/* "dir/name" into its directory ("." for none) and its name. */
static void
split_path(const char *path, char **dir, char **name)
{
	const char *slash = strrchr(path, '/');

	if (!slash) {
		*dir = ul_xstrdup(".");
		*name = ul_xstrdup(path);
	} else if (slash == path) {
		*dir = ul_xstrdup("/");
		*name = ul_xstrdup(slash + 1);
	} else {
		*dir = ul_xstrndup(path, (size_t)(slash - path));
		*name = ul_xstrdup(slash + 1);
	}
}

static struct dir *
find_dir(struct cli_watch *w, const char *path)
{
	for (size_t i = 0; i < w->ndirs; i++)
		if (strcmp(w->dirs[i].path, path) == 0)
			return &w->dirs[i];
	return NULL;
}

int
cli_watch_set(struct cli_watch *w, const char *const *paths, size_t n)
{
	/*
	 * IN_CLOSE_WRITE: written in place; IN_MOVED_TO: renamed over
	 * (the usual safe save); IN_CREATE: made anew after a delete (some
	 * editors, and a file that did not exist yet); IN_DELETE is not a
	 * change to render: the next save comes as one of the others.
	 */
	const uint32_t mask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE |
			      IN_ONLYDIR;

	clear_dirs(w);
	for (size_t i = 0; i < n; i++) {
		char *dir, *name;
		struct dir *d;

		split_path(paths[i], &dir, &name);
		if (!(d = find_dir(w, dir))) {
			int wd = inotify_add_watch(w->ifd, dir, mask);
			if (wd < 0) {
				/* a directory that went away: the others still */
				free(dir);
				free(name);
				continue;
			}
			w->dirs = ul_xreallocarray(w->dirs, w->ndirs + 1,
						   sizeof(*w->dirs));
			d = &w->dirs[w->ndirs++];
			memset(d, 0, sizeof(*d));
			d->wd = wd;
			d->path = dir;
			/* one directory watched twice gives one wd: merged */
			for (size_t k = 0; k + 1 < w->ndirs; k++)
				if (w->dirs[k].wd == wd) {
					w->ndirs--;
					free(dir);
					d = &w->dirs[k];
					break;
				}
		} else
			free(dir);
		d->names = ul_xreallocarray(d->names, d->nnames + 1,
					    sizeof(*d->names));
		d->names[d->nnames++] = name;
	}
	return w->ndirs ? (int)w->ndirs : (errno = ENOENT, -1);
}

static bool
watched(const struct cli_watch *w, int wd, const char *name)
{
	for (size_t i = 0; i < w->ndirs; i++) {
		const struct dir *d = &w->dirs[i];
		if (d->wd != wd)
			continue;
		for (size_t k = 0; k < d->nnames; k++)
			if (strcmp(d->names[k], name) == 0)
				return true;
	}
	return false;
}

/*
 * Read what inotify has; true when one of the watched files changed.
 * A queue overflow means events were lost: one of them may be ours.
 */
static bool
drain(struct cli_watch *w)
{
	char buf[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
	bool hit = false;
	ssize_t len;

	while ((len = read(w->ifd, buf, sizeof(buf))) > 0) {
		for (char *p = buf; p < buf + len;) {
			const struct inotify_event *ev = (const void *)p;
			if (ev->mask & IN_Q_OVERFLOW)
				hit = true;
			else if (ev->len && !(ev->mask & IN_ISDIR) &&
				 watched(w, ev->wd, ev->name)) {
				hit = true;
				snprintf(w->changed, sizeof(w->changed), "%s",
					 ev->name);
			}
			p += sizeof(*ev) + ev->len;
		}
	}
	return hit;
}

/* A stop signal is pending: read it. */
static bool
stopped(struct cli_watch *w)
{
	struct signalfd_siginfo si;

	return read(w->sfd, &si, sizeof(si)) == (ssize_t)sizeof(si);
}

int
cli_watch_wait(struct cli_watch *w)
{
	struct pollfd fds[2] = {
		{ .fd = w->sfd, .events = POLLIN },
		{ .fd = w->ifd, .events = POLLIN },
	};
	bool changed = false;

	w->changed[0] = '\0';
	for (;;) {
		/* once a change is seen, wait for a quiet moment only */
		int r = poll(fds, 2, changed ? QUIET_MS : -1);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (fds[0].revents && stopped(w))
			return 0;
		if (r == 0)
			return 1;	/* quiet after a change */
		if (fds[1].revents && drain(w))
			changed = true;
	}
}

const char *
cli_watch_changed(const struct cli_watch *w)
{
	return w->changed[0] ? w->changed : NULL;
}

void
cli_watch_free(struct cli_watch *w)
{
	if (!w)
		return;
	clear_dirs(w);
	close(w->ifd);
	close(w->sfd);
	sigprocmask(SIG_SETMASK, &w->old, NULL);
	free(w);
}
