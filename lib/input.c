/* SPDX-License-Identifier: ISC */
/*
 * Inputs: opening with the same faults for every reader, byte limits
 * enforced while reading, and the list of the identities of the files
 * read (for lib/atomic's rule that no output is an input). Owns that list;
 * knows nothing of formats or outputs.
 */
#define _GNU_SOURCE		/* fopencookie */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input.h"
#include "util.h"

struct seen {
	dev_t dev;
	ino_t ino;
	char *path;
};
static struct seen *seen;
static size_t nseen;

static void
remember(const struct stat *st, const char *path)
{
	if (ul_input_seen(st))
		return;
	seen = ul_xreallocarray(seen, nseen + 1, sizeof(*seen));
	seen[nseen].dev = st->st_dev;
	seen[nseen].ino = st->st_ino;
	seen[nseen].path = ul_xstrdup(strcmp(path, "-") ? path :
				      "standard input");
	nseen++;
}

const char *
ul_input_seen(const struct stat *st)
{
	for (size_t i = 0; i < nseen; i++)
		if (seen[i].dev == st->st_dev && seen[i].ino == st->st_ino)
			return seen[i].path;
	return NULL;
}

void
ul_input_note(const char *path)
{
	struct stat st;

	if (strcmp(path, "-") == 0 ? fstat(0, &st) == 0 : stat(path, &st) == 0)
		remember(&st, path);
}

void
ul_input_forget(void)
{
	for (size_t i = 0; i < nseen; i++)
		free(seen[i].path);
	free(seen);
	seen = NULL;
	nseen = 0;
}

/* Open path (or take standard input), refuse a directory, remember it. */
static int
open_input(const char *path)
{
	struct stat st;
	int fd = 0;

	if (strcmp(path, "-") != 0 &&
	    (fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	if (fstat(fd, &st) != 0) {
		int saved = errno;
		if (fd != 0)
			close(fd);
		errno = saved;
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		if (fd != 0)
			close(fd);
		errno = EISDIR;
		return -1;
	}
	remember(&st, path);
	return fd;
}

int
ul_read_file(const char *path, size_t max, char **data, size_t *len)
{
	int fd, saved;
	struct ul_buf b;
	ssize_t n;

	if ((fd = open_input(path)) < 0)
		return -1;
	ul_buf_init(&b);
	for (;;) {
		/* Never more than one byte past the limit in memory. */
		size_t room = max - b.len + 1;
		ul_buf_grow(&b, room < 65536 ? room : 65536);
		n = read(fd, b.s + b.len, b.cap - b.len - 1 < room ?
			 b.cap - b.len - 1 : room);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		if (n == 0)
			break;
		b.len += (size_t)n;
		if (b.len > max) {
			errno = EFBIG;
			goto fail;
		}
	}
	b.s[b.len] = '\0';
	if (fd != 0)
		close(fd);
	*len = b.len;
	*data = b.s;
	return 0;
fail:
	saved = errno;
	if (fd != 0)
		close(fd);
	ul_buf_release(&b);
	errno = saved;
	return -1;
}

/* A stream that counts what it reads. */
struct limited {
	int fd;
	size_t max, got;
};

static ssize_t
limited_read(void *cookie, char *buf, size_t size)
{
	struct limited *l = cookie;
	ssize_t n;

	if (l->got > l->max) {
		errno = EFBIG;
		return -1;
	}
	do
		n = read(l->fd, buf, size);
	while (n < 0 && errno == EINTR);
	if (n > 0 && (l->got += (size_t)n) > l->max) {
		errno = EFBIG;
		return -1;
	}
	return n;
}

/* Seeking (a rewind after sniffing the first bytes) moves the count too. */
static int
limited_seek(void *cookie, off64_t *pos, int whence)
{
	struct limited *l = cookie;
	off_t to = lseek(l->fd, (off_t)*pos, whence);

	if (to < 0)
		return -1;
	*pos = to;
	l->got = (size_t)to;
	return 0;
}

static int
limited_close(void *cookie)
{
	struct limited *l = cookie;
	int r = l->fd != 0 ? close(l->fd) : 0;

	free(l);
	return r;
}

FILE *
ul_input_fopen(const char *path, size_t max)
{
	static const cookie_io_functions_t io = {
		.read = limited_read, .seek = limited_seek,
		.close = limited_close,
	};
	struct limited *l;
	FILE *fp;
	int fd;

	if ((fd = open_input(path)) < 0)
		return NULL;
	l = ul_xcalloc(1, sizeof(*l));
	l->fd = fd;
	l->max = max;
	if (!(fp = fopencookie(l, "rb", io))) {
		int saved = errno;
		limited_close(l);
		errno = saved;
	}
	return fp;
}

/* "1 GiB", "256 MiB", "1048577 bytes": the limit as the man pages say it. */
static void
format_size(char *buf, size_t size, size_t n)
{
	if (n >= (1u << 30) && n % (1u << 30) == 0)
		snprintf(buf, size, "%zu GiB", n >> 30);
	else if (n >= (1u << 20) && n % (1u << 20) == 0)
		snprintf(buf, size, "%zu MiB", n >> 20);
	else if (n >= (1u << 10) && n % (1u << 10) == 0)
		snprintf(buf, size, "%zu KiB", n >> 10);
	else
		snprintf(buf, size, "%zu bytes", n);
}

int
ul_input_error(struct ul_diags *d, const char *file, int err, size_t max)
{
	char lim[32];

	if (strcmp(file, "-") == 0)
		file = "<stdin>";
	switch (err) {
	case EFBIG:
		format_size(lim, sizeof(lim), max);
		return ul_diag_add(d, UL_ERROR, UL_EDATA, file, 0, 0,
				   "file too large: over the limit of %s", lim);
	case EISDIR:
		return ul_diag_add(d, UL_ERROR, UL_ENOINPUT, file, 0, 0,
				   "cannot read: is a directory");
	case ENOENT: case EACCES: case ENOTDIR: case ELOOP: case ENAMETOOLONG:
	case EPERM: case ENXIO: case ENODEV:
		return ul_diag_add(d, UL_ERROR, UL_ENOINPUT, file, 0, 0,
				   "cannot open: %s", strerror(err));
	default:
		return ul_diag_add(d, UL_ERROR, UL_EIO, file, 0, 0,
				   "cannot read: %s", strerror(err));
	}
}
