/* SPDX-License-Identifier: ISC */
/*
 * Safe output files: temporary file + rename + directory fsync, in place
 * for non-regular targets; page sets through a temporary directory; the
 * registry of live temporary paths and the signal handler that removes
 * them; the output = input rule. Owns struct ul_atomic and struct
 * ul_atomic_set; asks lib/input which files were read.
 */
#define _GNU_SOURCE		/* fopencookie */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "fault.h"
#include "input.h"
#include "util.h"

/* --- live temporary paths, and the signals that remove them -------- */

struct live {
	char *path;
	bool dir;
};
/*
 * Read by the handler at any moment: changed only with the fatal signals
 * blocked, and the array is never shrunk in place while it is read.
 */
static struct live *volatile live;
static volatile size_t nlive;
static size_t caplive;
static const int fatal[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };
/*
 * A crash, ours or a library's (fontconfig asserts and faults when its
 * allocations fail), must not leave a temporary file either. These are
 * taken only where nobody else handles them (ASan does, under SANITIZE=1,
 * and its report matters more), and the signal is raised again with its
 * default action, so the status and a core dump stay what they were.
 */
static const int crash[] = { SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL };
static bool handlers_installed;

/*
 * Remove every live path: files first (newest first), then the directories
 * that held them. Async-signal-safe. Also run at exit (out of memory, say),
 * when nothing else would.
 */
static void
remove_live(void)
{
	for (size_t i = nlive; i-- > 0;)
		if (!live[i].dir)
			unlink(live[i].path);
	for (size_t i = nlive; i-- > 0;)
		if (live[i].dir)
			rmdir(live[i].path);
}

static void
on_fatal_signal(int sig)
{
	int saved = errno;

	remove_live();
	signal(sig, SIG_DFL);
	raise(sig);
	errno = saved;
}

static void
block_fatal(sigset_t *old)
{
	sigset_t set;

	sigemptyset(&set);
	for (size_t i = 0; i < UL_NELEM(fatal); i++)
		sigaddset(&set, fatal[i]);
	sigprocmask(SIG_BLOCK, &set, old);
}

static void
install_handlers(void)
{
	struct sigaction sa, old;

	handlers_installed = true;
	atexit(remove_live);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_fatal_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < UL_NELEM(fatal); i++)
		sigaddset(&sa.sa_mask, fatal[i]);
	for (size_t i = 0; i < UL_NELEM(fatal); i++) {
		/* nohup, or a parent that ignores SIGPIPE: keep it so. */
		if (sigaction(fatal[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_IGN)
			continue;
		sigaction(fatal[i], &sa, NULL);
	}
	for (size_t i = 0; i < UL_NELEM(crash); i++)
		if (sigaction(crash[i], NULL, &old) == 0 &&
		    !(old.sa_flags & SA_SIGINFO) && old.sa_handler == SIG_DFL)
			sigaction(crash[i], &sa, NULL);
}

static void
live_add(const char *path, bool dir)
{
	sigset_t old;
	char *copy = ul_xstrdup(path);

	block_fatal(&old);
	if (!handlers_installed)
		install_handlers();
	if (nlive == caplive) {
		/* A new array, published whole: the handler never sees a half-grown one. */
		size_t cap = caplive ? 2 * caplive : 16;
		struct live *grown = ul_xreallocarray(NULL, cap, sizeof(*grown));
		if (nlive)
			memcpy(grown, (struct live *)live, nlive * sizeof(*grown));
		free((struct live *)live);
		live = grown;
		caplive = cap;
	}
	live[nlive].path = copy;
	live[nlive].dir = dir;
	nlive++;
	sigprocmask(SIG_SETMASK, &old, NULL);
}

/*
 * The last path added now has its final name (mkstemp filled in the
 * XXXXXX: same length). Called with the signals held.
 */
static void
live_rename_last(const char *path)
{
	if (nlive)
		memcpy(live[nlive - 1].path, path, strlen(path));
}

static void
live_remove(const char *path)
{
	sigset_t old;
	char *gone = NULL;

	block_fatal(&old);
	for (size_t i = nlive; i-- > 0;)
		if (strcmp(live[i].path, path) == 0) {
			gone = live[i].path;
			memmove((struct live *)&live[i], (struct live *)&live[i + 1],
				(nlive - i - 1) * sizeof(*live));
			nlive--;
			break;
		}
	sigprocmask(SIG_SETMASK, &old, NULL);
	free(gone);
}

/*
 * The directory holding path, opened (or -1), to fsync once a rename is
 * done so that the rename survives a crash. Opened before the rename:
 * nothing may fail (an allocation) between the rename and the status.
 */
static int
open_dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? ul_xstrndup(path, slash == path ? 1 :
					(size_t)(slash - path)) : ul_xstrdup(".");
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	free(dir);
	return fd;
}

static void
sync_dir(int fd)
{
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

static void
sync_dir_of(const char *path)
{
	sync_dir(open_dir_of(path));
}

/* --- the output stream: every write goes through here --------------- */

static ssize_t
out_write(void *cookie, const char *buf, size_t n)
{
	int fd = (int)(intptr_t)cookie;
	size_t done = 0;

	if (ul_fault(UL_FAULT_WRITE)) {
		errno = ENOSPC;
		return -1;
	}
	while (done < n) {
		ssize_t w = write(fd, buf + done, n - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return done ? (ssize_t)done : -1;
		done += (size_t)w;
	}
	return (ssize_t)done;
}

static int
out_close(void *cookie)
{
	return close((int)(intptr_t)cookie);
}

/* A stdio stream over fd (closed with it); NULL with errno on failure. */
static FILE *
out_stream(int fd)
{
	static const cookie_io_functions_t io = {
		.write = out_write, .close = out_close,
	};
	FILE *fp = fopencookie((void *)(intptr_t)fd, "w", io);

	if (fp)
		setvbuf(fp, NULL, _IOFBF, 65536);
	return fp;
}

static int
sync_fd(int fd)
{
	if (ul_fault(UL_FAULT_FSYNC)) {
		errno = EIO;
		return -1;
	}
	return fsync(fd) != 0 && errno != EINVAL ? -1 : 0;
}

static int
rename_file(const char *from, const char *to)
{
	if (ul_fault(UL_FAULT_RENAME)) {
		errno = EIO;
		return -1;
	}
	return rename(from, to);
}

/* --- output = input ------------------------------------------------ */

int
ul_atomic_check_target(const char *path, struct ul_diags *d)
{
	struct stat st;
	const char *input;

	if (strcmp(path, "-") == 0 ? fstat(1, &st) != 0 : stat(path, &st) != 0)
		return 0;
	if (!S_ISREG(st.st_mode) || !(input = ul_input_seen(&st)))
		return 0;
	if (strcmp(path, input) == 0)
		return ul_diag_add(d, UL_ERROR, UL_ECANTCREAT, NULL, 0, 0,
				   "refusing to overwrite the input '%s'", input);
	return ul_diag_add(d, UL_ERROR, UL_ECANTCREAT, NULL, 0, 0,
			   "refusing to overwrite the input '%s' (as '%s')",
			   input, ul_diag_output_name(path));
}

/* --- single files --------------------------------------------------- */

int
ul_atomic_open(struct ul_atomic *a, const char *path, bool overwrite,
	       struct ul_diags *d)
{
	struct stat st;
	sigset_t old;
	int fd;

	memset(a, 0, sizeof(*a));
	if (ul_atomic_check_target(path, d) != 0)
		return -1;
	a->path = ul_xstrdup(path);
	if (strcmp(path, "-") == 0) {
		a->in_place = true;
		a->fp = stdout;
		return 0;
	}
	if (stat(path, &st) == 0) {
		if (!S_ISREG(st.st_mode)) {
			/* /dev/full, a FIFO, a terminal: write where it is. */
			a->in_place = true;
			a->fp = fopen(path, "w");
			if (!a->fp)
				goto cantcreat;
			return 0;
		}
		if (!overwrite) {
			ul_diag_add(d, UL_ERROR, UL_ECANTCREAT, NULL, 0, 0,
				    "'%s' already exists (use -f to overwrite)",
				    path);
			goto fail;
		}
	}
	a->tmp = ul_xasprintf("%s.tmpXXXXXX", path);
	/*
	 * Registered (every allocation done) before the file exists, renamed
	 * in the registry once mkstemp has chosen its name, with the signals
	 * held: no signal and no failed allocation can fall between.
	 */
	live_add(a->tmp, false);
	block_fatal(&old);
	fd = mkstemp(a->tmp);
	live_rename_last(a->tmp);
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (fd < 0) {
		live_remove(a->tmp);
		free(a->tmp);
		a->tmp = NULL;
		goto cantcreat;
	}
	/* mkstemp makes 0600; outputs are ordinary documents. */
	mode_t um = umask(0);
	umask(um);
	fchmod(fd, 0666 & ~um);
	a->fd = fd;
	a->fp = out_stream(fd);
	if (!a->fp) {
		close(fd);
		goto cantcreat;
	}
	return 0;
cantcreat:
	ul_diag_add(d, UL_ERROR, UL_ECANTCREAT, NULL, 0, 0,
		    "cannot create '%s': %s", path, strerror(errno));
fail:
	ul_atomic_abort(a);
	return -1;
}

int
ul_atomic_commit(struct ul_atomic *a, struct ul_diags *d)
{
	int err = 0;

	if (!a->fp)
		return -1;
	if (fflush(a->fp) != 0 || ferror(a->fp))
		err = errno ? errno : EIO;
	if (!err && a->tmp && sync_fd(a->fd) != 0)
		err = errno;
	if (a->fp != stdout) {
		if (fclose(a->fp) != 0 && !err)
			err = errno;
	}
	a->fp = NULL;
	if (err) {
		ul_diag_add(d, UL_ERROR, UL_EIO, NULL, 0, 0,
			    "cannot write '%s': %s", ul_diag_output_name(a->path),
			    strerror(err));
		ul_atomic_abort(a);
		return -1;
	}
	if (a->tmp && ul_atomic_check_target(a->path, d) != 0) {
		ul_atomic_abort(a);
		return -1;
	}
	int dirfd = a->tmp ? open_dir_of(a->path) : -1;
	if (a->tmp && rename_file(a->tmp, a->path) != 0) {
		int e = errno;
		if (dirfd >= 0)
			close(dirfd);
		ul_diag_add(d, UL_ERROR, UL_ECANTCREAT, NULL, 0, 0,
			    "cannot create '%s': %s", a->path, strerror(e));
		ul_atomic_abort(a);
		return -1;
	}
	if (a->tmp) {
		live_remove(a->tmp);
		sync_dir(dirfd);
	}
	free(a->tmp);
	a->tmp = NULL;
	free(a->path);
	a->path = NULL;
	return 0;
}

void
ul_atomic_abort(struct ul_atomic *a)
{
	if (a->fp && a->fp != stdout)
		fclose(a->fp);
	a->fp = NULL;
	if (a->tmp) {
		unlink(a->tmp);
		live_remove(a->tmp);
		free(a->tmp);
		a->tmp = NULL;
	}
	free(a->path);
	a->path = NULL;
}

/* --- page sets ------------------------------------------------------ */

int
ul_atomic_set_open(struct ul_atomic_set *s, const char *dir,
		   struct ul_diags *d)
{
	sigset_t old;
	bool made;

	memset(s, 0, sizeof(*s));
	s->dir = ul_xstrdup(dir);
	s->tmpdir = ul_xasprintf("%s/.utilab.tmpXXXXXX", dir);
	live_add(s->tmpdir, true);
	block_fatal(&old);
	made = mkdtemp(s->tmpdir) != NULL;
	live_rename_last(s->tmpdir);
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (!made) {
		live_remove(s->tmpdir);
		ul_diag_add(d, UL_ERROR, UL_ECANTCREAT, NULL, 0, 0,
			    "cannot create files in '%s': %s", dir,
			    strerror(errno));
		free(s->tmpdir);
		s->tmpdir = NULL;
		free(s->dir);
		s->dir = NULL;
		return -1;
	}
	return 0;
}

FILE *
ul_atomic_set_add(struct ul_atomic_set *s, const char *name,
		  struct ul_diags *d)
{
	char *target = ul_xasprintf("%s/%s", s->dir, name);
	char *tmp = ul_xasprintf("%s/%s", s->tmpdir, name);
	bool known = false;
	FILE *fp = NULL;
	int fd;

	if (ul_atomic_check_target(target, d) != 0)
		goto done;
	for (size_t i = 0; i < s->n && !known; i++)
		known = strcmp(s->names[i], name) == 0;
	if (!known) {
		if (s->n == s->cap) {
			s->cap = s->cap ? 2 * s->cap : 32;
			s->names = ul_xreallocarray(s->names, s->cap,
						    sizeof(*s->names));
		}
		s->names[s->n++] = ul_xstrdup(name);
		live_add(tmp, false);
	}
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	s->fd = fd;
	if (fd < 0 || !(fp = out_stream(fd))) {
		ul_diag_add(d, UL_ERROR, UL_ECANTCREAT, NULL, 0, 0,
			    "cannot create '%s': %s", target, strerror(errno));
		if (fd >= 0)
			close(fd);
	}
done:
	free(target);
	free(tmp);
	return fp;
}

int
ul_atomic_set_end(struct ul_atomic_set *s, FILE *fp, struct ul_diags *d)
{
	int err = 0;

	if (fflush(fp) != 0 || ferror(fp))
		err = errno ? errno : EIO;
	if (!err && sync_fd(s->fd) != 0)
		err = errno;
	if (fclose(fp) != 0 && !err)
		err = errno;
	if (err)
		return ul_diag_add(d, UL_ERROR, UL_EIO, NULL, 0, 0,
				   "cannot write into '%s': %s", s->dir,
				   strerror(err));
	return 0;
}

int
ul_atomic_set_commit(struct ul_atomic_set *s, struct ul_diags *d)
{
	int rc = 0;

	/* Every target checked before the first is replaced. */
	for (size_t i = 0; i < s->n && rc == 0; i++) {
		char *target = ul_xasprintf("%s/%s", s->dir, s->names[i]);
		struct stat st;
		if (ul_atomic_check_target(target, d) != 0)
			rc = -1;
		else if (lstat(target, &st) == 0 && S_ISDIR(st.st_mode))
			rc = ul_diag_add(d, UL_ERROR, UL_ECANTCREAT, NULL, 0, 0,
					 "cannot create '%s': %s", target,
					 strerror(EISDIR));
		free(target);
	}
	for (size_t i = 0; i < s->n && rc == 0; i++) {
		char *target = ul_xasprintf("%s/%s", s->dir, s->names[i]);
		char *tmp = ul_xasprintf("%s/%s", s->tmpdir, s->names[i]);
		if (rename_file(tmp, target) != 0)
			rc = ul_diag_add(d, UL_ERROR, UL_ECANTCREAT, NULL, 0, 0,
					 "cannot create '%s': %s", target,
					 strerror(errno));
		else
			live_remove(tmp);
		free(target);
		free(tmp);
	}
	if (rc == 0)
		sync_dir_of(s->tmpdir);
	ul_atomic_set_abort(s);
	return rc;
}

void
ul_atomic_set_abort(struct ul_atomic_set *s)
{
	for (size_t i = 0; i < s->n; i++) {
		if (s->tmpdir) {
			char *tmp = ul_xasprintf("%s/%s", s->tmpdir, s->names[i]);
			unlink(tmp);
			live_remove(tmp);
			free(tmp);
		}
		free(s->names[i]);
	}
	free(s->names);
	if (s->tmpdir) {
		rmdir(s->tmpdir);
		live_remove(s->tmpdir);
	}
	free(s->tmpdir);
	free(s->dir);
	memset(s, 0, sizeof(*s));
}

bool
ul_same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	if (strcmp(a, "-") == 0 || strcmp(b, "-") == 0)
		return false;
	if (stat(a, &sa) != 0 || stat(b, &sb) != 0)
		return false;
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}
