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
	seen[nseen].path = ul_xstrdup(ul_diag_input_name(path));
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

void
ul_text_scan_init(struct ul_text_scan *t)
{
	memset(t, 0, sizeof(*t));
	t->line = t->col = 1;
	t->unit = 1;
}

/* A UTF-16 unit, once both its bytes are seen. */
static bool
scan_unit(struct ul_text_scan *t, unsigned u)
{
	if (u == 0)
		return !(t->nul = true);
	if (u == '\n') {
		t->line++;
		t->col = 1;
	} else if (u < 0xdc00 || u > 0xdfff)	/* a low surrogate ends a character */
		t->col++;
	return true;
}

/* Scan bytes once the byte order mark question is settled. */
static bool
scan_decided(struct ul_text_scan *t, const unsigned char *p, size_t n)
{
	if (t->unit == 1) {
		for (size_t i = 0; i < n; i++) {
			if (p[i] == 0) {
				t->nul = true;
				t->off += i;
				return false;
			}
			if (p[i] == '\n') {
				t->line++;
				t->col = 1;
			} else if ((p[i] & 0xc0) != 0x80)
				t->col++;
		}
		t->off += n;
		return true;
	}
	for (size_t i = 0; i < n; i++) {
		size_t at = t->off + i;
		if (at % 2 == 0) {
			t->held = p[i];
			continue;
		}
		unsigned u = t->big_endian ? (unsigned)t->held << 8 | p[i] :
			     (unsigned)p[i] << 8 | t->held;
		if (!scan_unit(t, u)) {
			t->off = at - 1;
			return false;
		}
	}
	t->off += n;
	return true;
}

/* Whether the first bytes (n of them) may still become a byte order mark. */
static bool
bom_prefix(const unsigned char *h, size_t n)
{
	static const char *const boms[] = { "\xff\xfe", "\xfe\xff", "\xef\xbb\xbf" };
	for (size_t k = 0; k < UL_NELEM(boms); k++)
		if (n <= strlen(boms[k]) && memcmp(h, boms[k], n) == 0)
			return true;
	return false;
}

bool
ul_text_scan(struct ul_text_scan *t, const void *buf, size_t n)
{
	const unsigned char *p = buf;

	if (t->nul)
		return false;
	/* The first bytes, kept until they are or are not a byte order mark. */
	while (!t->decided && n > 0) {
		t->head[t->nhead++] = *p++;
		n--;
		if (t->nhead == 2 && (memcmp(t->head, "\xff\xfe", 2) == 0 ||
				      memcmp(t->head, "\xfe\xff", 2) == 0)) {
			t->unit = 2;
			t->big_endian = t->head[0] == 0xfe;
			t->off = 2;
			t->decided = true;
		} else if (t->nhead == 3 && memcmp(t->head, "\xef\xbb\xbf", 3) == 0) {
			t->off = 3;
			t->decided = true;
		} else if (!bom_prefix(t->head, t->nhead)) {
			t->decided = true;
			if (!scan_decided(t, t->head, t->nhead))
				return false;
		}
	}
	return n == 0 || scan_decided(t, p, n);
}

int
ul_text_error(struct ul_diags *d, const char *file, const struct ul_text_scan *t)
{
	return ul_diag_add(d, UL_ERROR, UL_EDATA, ul_diag_input_name(file),
			   t->line, t->col,
			   "NUL byte: not a text file");
}

int
ul_text_input_error(struct ul_diags *d, const char *file, int err, size_t max,
		    const struct ul_text_scan *scan)
{
	if (err == EILSEQ && scan && scan->nul)
		return ul_text_error(d, file, scan);
	return ul_input_error(d, file, err, max);
}

/*
 * Called after each read with everything read so far (eof: the last
 * call): 0 to go on, or the errno value that ends the read.
 */
typedef int (*read_check)(void *ctx, const char *data, size_t len, bool eof);

static int
read_input(const char *path, size_t max, read_check check, void *ctx,
	   char **data, size_t *len)
{
	int fd, saved;
	struct ul_buf b;
	ssize_t n;
	int refused;

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
		b.len += (size_t)n;
		if (check && (refused = check(ctx, b.s, b.len, n == 0)) != 0) {
			errno = refused;
			goto fail;
		}
		if (n == 0)
			break;
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

int
ul_read_file(const char *path, size_t max, char **data, size_t *len)
{
	return read_input(path, max, NULL, NULL, data, len);
}

struct text_check {
	struct ul_text_scan *scan;
	const char *magic;
	size_t mlen, scanned;
	bool binary;
};

static int
text_check(void *ctx, const char *data, size_t len, bool eof)
{
	struct text_check *t = ctx;

	/* The magic needs its bytes: a pipe may give fewer at first. */
	if (t->binary || (len < t->mlen && !eof))
		return 0;
	if (t->scanned == 0 && t->mlen && len >= t->mlen &&
	    memcmp(data, t->magic, t->mlen) == 0) {
		t->binary = true;
		return 0;
	}
	if (!ul_text_scan(t->scan, data + t->scanned, len - t->scanned))
		return EILSEQ;
	t->scanned = len;
	return 0;
}

int
ul_read_text(const char *path, size_t max, const char *binary_magic,
	     char **data, size_t *len, struct ul_text_scan *scan)
{
	struct ul_text_scan own;
	struct text_check t = {
		.scan = scan ? scan : &own, .magic = binary_magic,
		.mlen = binary_magic ? strlen(binary_magic) : 0,
	};

	ul_text_scan_init(t.scan);
	return read_input(path, max, text_check, &t, data, len);
}

struct head_check {
	size_t head;
	int (*accept)(const void *, size_t, void *);
	void *ctx;
	bool done;
};

static int
head_check(void *ctx, const char *data, size_t len, bool eof)
{
	struct head_check *h = ctx;

	if (h->done || (len < h->head && !eof))
		return 0;
	h->done = true;
	return h->accept(data, len < h->head ? len : h->head, h->ctx);
}

int
ul_read_file_head(const char *path, size_t max, size_t head,
		  int (*accept)(const void *data, size_t len, void *ctx),
		  void *ctx, char **data, size_t *len)
{
	struct head_check h = { head, accept, ctx, false };

	return read_input(path, max, head_check, &h, data, len);
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

	file = ul_diag_input_name(file);
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
	case ENOMEM:
		/*
		 * The C library's own allocation (fopen's buffer, the
		 * cookie): the run is out of memory, as when ours fails
		 * (70), not an input that cannot be read (74).
		 */
		return ul_diag_add(d, UL_ERROR, UL_ESOFTWARE, file, 0, 0,
				   "cannot read: out of memory");
	default:
		return ul_diag_add(d, UL_ERROR, UL_EIO, file, 0, 0,
				   "cannot read: %s", strerror(err));
	}
}
