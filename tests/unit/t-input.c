/* SPDX-License-Identifier: ISC */
/*
 * Inputs (lib/input): a directory is refused when opened, byte limits
 * stop endless inputs one read past the limit, every file read is
 * remembered by identity, and each failure has one message and status.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input.h"
#include "tap.h"
#include "util.h"

int
main(void)
{
	char tmpl[] = "/tmp/t-input.XXXXXX";
	char *dir = mkdtemp(tmpl), *file, *data = NULL, buf[8192];
	struct ul_diags d;
	struct stat st;
	size_t len, n, total = 0;
	FILE *fp;

	ok(dir != NULL, "scratch directory");
	file = ul_xasprintf("%s/f.csv", dir);
	fp = fopen(file, "w");
	fputs("type,text\nfriction,x\n", fp);
	fclose(fp);

	/* Directories */
	errno = 0;
	is_int(ul_read_file(dir, 100, &data, &len), -1, "read_file: a directory fails");
	is_int(errno, EISDIR, "…with EISDIR");
	ok(ul_input_fopen(dir, 100) == NULL && errno == EISDIR,
	   "input_fopen: a directory fails with EISDIR");

	/* Limits while reading */
	errno = 0;
	is_int(ul_read_file("/dev/zero", 100000, &data, &len), -1,
	       "read_file: /dev/zero stops");
	is_int(errno, EFBIG, "…with EFBIG");
	fp = ul_input_fopen("/dev/zero", 100000);
	ok(fp != NULL, "input_fopen: /dev/zero opens");
	while (fp && (n = fread(buf, 1, sizeof(buf), fp)) > 0)
		total += n;
	ok(fp && ferror(fp) && errno == EFBIG, "…and fails with EFBIG");
	/* The read that crosses the limit fails whole (stdio's buffer). */
	ok(total + 65536 >= 100000 && total <= 100000,
	   "…when the limit is reached, not later");
	if (fp)
		fclose(fp);
	is_int(ul_read_file(file, 21, &data, &len), 0, "a file of exactly the limit reads");
	is_int(len, 21, "…whole");
	free(data);
	ok(ul_read_file(file, 20, &data, &len) == -1 && errno == EFBIG,
	   "one byte over the limit does not");

	/* A stream rewinds (sniffing the head first) */
	fp = ul_input_fopen(file, 1000);
	n = fread(buf, 1, 4, fp);
	rewind(fp);
	n = fread(buf, 1, sizeof(buf), fp);
	is_int(n, 21, "a limited stream rewinds and reads again whole");
	fclose(fp);

	/* Identities */
	ok(stat(file, &st) == 0 && ul_input_seen(&st) != NULL,
	   "a file read is remembered");
	is_str(ul_input_seen(&st), file, "…under the path it was read by");
	ok(stat("/etc/hostname", &st) != 0 || ul_input_seen(&st) == NULL,
	   "a file not read is not");
	ul_input_forget();
	ok(stat(file, &st) == 0 && ul_input_seen(&st) == NULL, "forget");

	/* Messages and codes */
	struct { int err; size_t max; int code; const char *msg; } m[] = {
		{ EFBIG, (size_t)1 << 30, 65, "file too large: over the limit of 1 GiB" },
		{ EFBIG, 1048576, 65, "file too large: over the limit of 1 MiB" },
		{ EFBIG, 1000, 65, "file too large: over the limit of 1000 bytes" },
		{ EISDIR, 0, 66, "cannot read: is a directory" },
		{ ENOENT, 0, 66, "cannot open: No such file or directory" },
		{ EACCES, 0, 66, "cannot open: Permission denied" },
		{ EIO, 0, 74, "cannot read: Input/output error" },
		/* the C library's allocation (t6050 found fopencookie's): 70 */
		{ ENOMEM, 0, 70, "cannot read: out of memory" },
	};
	for (size_t i = 0; i < UL_NELEM(m); i++) {
		ul_diags_init(&d);
		is_int(ul_input_error(&d, "x", m[i].err, m[i].max), -1, "returns -1");
		is_str(d.v[0].msg, m[i].msg, m[i].msg);
		is_int(d.v[0].code, m[i].code, "…its status");
		ul_diags_release(&d);
	}
	ul_diags_init(&d);
	ul_input_error(&d, "-", ENOENT, 0);
	is_str(d.v[0].file, "<stdin>", "standard input is named <stdin>");
	ul_diags_release(&d);

	unlink(file);
	rmdir(dir);
	free(file);
	return done_testing();
}
