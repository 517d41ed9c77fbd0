/*
 * Safe output files: temporary file + rename, in place for non-regular
 * targets. Owns struct ul_atomic.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "util.h"

static const char *
display(const char *path)
{
	return strcmp(path, "-") == 0 ? "standard output" : path;
}

int
ul_atomic_open(struct ul_atomic *a, const char *path, bool overwrite,
	       struct ul_diags *d)
{
	struct stat st;
	int fd;

	memset(a, 0, sizeof(*a));
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
	fd = mkstemp(a->tmp);
	if (fd < 0) {
		free(a->tmp);
		a->tmp = NULL;
		goto cantcreat;
	}
	/* mkstemp makes 0600; outputs are ordinary documents. */
	mode_t um = umask(0);
	umask(um);
	fchmod(fd, 0666 & ~um);
	a->fp = fdopen(fd, "w");
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
	if (!err && a->tmp && fsync(fileno(a->fp)) != 0 && errno != EINVAL)
		err = errno;
	if (a->fp != stdout) {
		if (fclose(a->fp) != 0 && !err)
			err = errno;
	}
	a->fp = NULL;
	if (!err && a->tmp && rename(a->tmp, a->path) != 0)
		err = errno;
	if (err) {
		ul_diag_add(d, UL_ERROR, UL_EIO, NULL, 0, 0,
			    "cannot write '%s': %s", display(a->path),
			    strerror(err));
		ul_atomic_abort(a);
		return -1;
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
		free(a->tmp);
		a->tmp = NULL;
	}
	free(a->path);
	a->path = NULL;
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
