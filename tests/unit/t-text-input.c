/* SPDX-License-Identifier: ISC */
/*
 * Text inputs (lib/input's NUL scan, ul_read_text, ul_read_file_head)
 * and encodings (lib/encoding): where a NUL is found, in UTF-8 and in
 * UTF-16 either way round and across reads; a zip read as it is; a binary
 * format refused after its first bytes; each encoding told and converted,
 * and a file that is not the encoding it seemed refused.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "encoding.h"
#include "input.h"
#include "tap.h"
#include "util.h"

/* Scan len bytes in reads of step bytes; "L:C" of the NUL, or "none". */
static char *
nul_at(const char *data, size_t len, size_t step)
{
	struct ul_text_scan t;
	bool found = false;

	ul_text_scan_init(&t);
	for (size_t i = 0; i < len && !found; i += step)
		found = !ul_text_scan(&t, data + i, len - i < step ? len - i : step);
	return found ? ul_xasprintf("%d:%d", t.line, t.col) : ul_xstrdup("none");
}

static void
nul(const char *data, size_t len, const char *want, const char *name)
{
	/* The same answer whole and in reads of 1, 2 and 3 bytes. */
	size_t steps[] = { len ? len : 1, 1, 2, 3 };
	for (size_t k = 0; k < UL_NELEM(steps); k++) {
		char *got = nul_at(data, len, steps[k]);
		char label[160];
		snprintf(label, sizeof(label), "%s (reads of %zu)", name, steps[k]);
		is_str(got, want, label);
		free(got);
	}
}

static char *
write_file(const char *dir, const char *name, const void *data, size_t len)
{
	char *path = ul_xasprintf("%s/%s", dir, name);
	FILE *fp = fopen(path, "wb");
	fwrite(data, 1, len, fp);
	fclose(fp);
	return path;
}

static int
refuse_zeros(const void *head, size_t n, void *ctx)
{
	size_t *seen = ctx;
	*seen = n;
	return n && ((const char *)head)[0] == 0 ? ENOEXEC : 0;
}

/* Convert data from enc through a stream; the result, or NULL (errno). */
static char *
convert(const char *data, size_t len, enum ul_enc enc)
{
	FILE *in = fmemopen((void *)data, len, "rb"), *out;
	char buf[256];
	size_t n;

	if (!(out = ul_enc_convert(in, enc))) {
		int e = errno;
		fclose(in);
		errno = e;
		return NULL;
	}
	n = fread(buf, 1, sizeof(buf) - 1, out);
	buf[n] = '\0';
	fclose(out);
	fclose(in);
	return ul_xstrdup(buf);
}

int
main(void)
{
	char tmpl[] = "/tmp/t-text-input.XXXXXX";
	char *dir = mkdtemp(tmpl), *path, *data, *got;
	struct ul_text_scan t;
	struct ul_diags d;
	size_t len, seen;
	enum ul_enc enc;

	/* Where the NUL is */
	nul("abc", 3, "none", "no NUL");
	nul("", 0, "none", "nothing at all");
	nul("\0", 1, "1:1", "a NUL first");
	nul("ab\ncd\0e", 7, "2:3", "line and column of a NUL");
	nul("\xc3\xa9t\xc3\xa9\0", 6, "1:4", "columns count characters, not bytes");
	nul("\xef\xbb\xbf" "ab\0", 6, "1:3", "a UTF-8 byte order mark is not a column");
	nul("\xff\xfe" "a\0b\0\n\0c\0\0\0", 12, "2:2", "UTF-16LE: a zero unit, after a newline");
	nul("\xfe\xff\0a\0b\0\0", 8, "1:3", "UTF-16BE: a zero unit");
	nul("\xff\xfe" "a\0b\0", 6, "none", "UTF-16LE: zero bytes inside units are not NULs");
	nul("\xff\xfe" "=\xd8\0\xde" "a\0\0\0", 10, "1:3",
	    "UTF-16LE: a surrogate pair is one column");
	nul("a\0b\0", 4, "1:2", "UTF-16 without its byte order mark is refused");

	/* The scan stops counting once it has found one. */
	ul_text_scan_init(&t);
	ok(!ul_text_scan(&t, "x\0", 2) && !ul_text_scan(&t, "\n\n", 2) &&
	   t.line == 1 && t.col == 2, "after a NUL, later reads change nothing");

	/* Its diagnostic */
	ul_diags_init(&d);
	is_int(ul_text_error(&d, "-", &t), -1, "text_error returns -1");
	ok(d.n == 1 && d.v[0].code == UL_EDATA && d.v[0].line == 1 && d.v[0].col == 2 &&
	   strcmp(d.v[0].file, "<stdin>") == 0 &&
	   strcmp(d.v[0].msg, "NUL byte: not a text file") == 0,
	   "<stdin>:1:2: NUL byte: not a text file, status 65");
	ul_diags_release(&d);

	/* ul_read_text */
	ok(dir != NULL, "scratch directory");
	path = write_file(dir, "t.csv", "type,text\nidea,a\0b\n", 19);
	errno = 0;
	ok(ul_read_text(path, 1 << 20, NULL, &data, &len, &t) == -1 && errno == EILSEQ &&
	   t.line == 2 && t.col == 7, "read_text: EILSEQ at 2:7");
	ul_diags_init(&d);
	ul_text_input_error(&d, path, EILSEQ, 1 << 20, &t);
	ok(d.n == 1 && d.v[0].line == 2 && d.v[0].col == 7,
	   "text_input_error: the NUL's position");
	ul_diags_release(&d);
	ul_diags_init(&d);
	ul_text_input_error(&d, path, EFBIG, 1 << 20, &t);
	ok(d.n == 1 && strcmp(d.v[0].msg, "file too large: over the limit of 1 MiB") == 0,
	   "text_input_error: another error is ul_input_error's");
	ul_diags_release(&d);
	free(path);

	path = write_file(dir, "t.xlsx", "PK\3\4\0\0\0binary", 14);
	ok(ul_read_text(path, 1 << 20, "PK\3\4", &data, &len, NULL) == 0 && len == 14,
	   "read_text: a file starting with the binary magic is read as it is");
	free(data);
	errno = 0;
	ok(ul_read_text(path, 1 << 20, NULL, &data, &len, NULL) == -1 && errno == EILSEQ,
	   "…and refused without it");
	free(path);
	path = write_file(dir, "short", "PK", 2);
	ok(ul_read_text(path, 1 << 20, "PK\3\4", &data, &len, NULL) == 0 && len == 2,
	   "read_text: a file shorter than the magic is scanned as text");
	free(data);
	free(path);

	/* /dev/zero: refused at the first block, whatever the limit. */
	errno = 0;
	ok(ul_read_text("/dev/zero", (size_t)1 << 30, NULL, &data, &len, &t) == -1 &&
	   errno == EILSEQ && t.off == 0, "read_text: /dev/zero refused at byte 0");

	/* ul_read_file_head */
	seen = 0;
	errno = 0;
	ok(ul_read_file_head("/dev/zero", (size_t)1 << 30, 16, refuse_zeros, &seen,
			     &data, &len) == -1 && errno == ENOEXEC && seen == 16,
	   "read_file_head: the first 16 bytes judged, the rest never read");
	path = write_file(dir, "img", "\x89PNG", 4);
	seen = 0;
	ok(ul_read_file_head(path, 1 << 20, 16, refuse_zeros, &seen, &data, &len) == 0 &&
	   len == 4 && seen == 4, "…a shorter file judged on what it has, then read");
	free(data);
	free(path);

	/* Encodings told apart */
	is_int(ul_enc_detect("abc", 3), UL_ENC_UTF8, "ASCII is UTF-8");
	is_int(ul_enc_detect("\xc3\xa9t\xc3\xa9", 5), UL_ENC_UTF8, "UTF-8");
	is_int(ul_enc_detect("\xe9t\xe9 \x80", 5), UL_ENC_CP1252, "Windows-1252 (é, €)");
	is_int(ul_enc_detect("\xe9t\xe9 \x81", 5), UL_ENC_LATIN1,
	       "0x81 is not Windows-1252: Latin-1");
	is_int(ul_enc_detect("\xc3\xa9 et \xe9", 7), UL_ENC_MIXED, "UTF-8 with a stray byte");
	is_int(ul_enc_detect("\xc3", 1), UL_ENC_CP1252, "a UTF-8 sequence cut short");
	is_int(ul_enc_detect("\xff\xfe" "a\0", 4), UL_ENC_UTF16LE, "UTF-16LE by its mark");
	is_int(ul_enc_detect("\xfe\xff\0a", 4), UL_ENC_UTF16BE, "UTF-16BE by its mark");
	is_str(ul_enc_name(UL_ENC_UTF8), NULL, "UTF-8 needs no conversion");
	is_str(ul_enc_name(UL_ENC_MIXED), NULL, "nor does mixed UTF-8");
	is_str(ul_enc_name(UL_ENC_CP1252), "WINDOWS-1252", "iconv's names");
	is_str(ul_enc_name(UL_ENC_LATIN1), "ISO-8859-1", "…");
	is_str(ul_enc_name(UL_ENC_UTF16LE), "UTF-16LE", "…");
	is_str(ul_enc_name(UL_ENC_UTF16BE), "UTF-16BE", "…");

	/* A stream: detection with the NUL scan */
	FILE *fp = fmemopen("a,b\n\xe9\n", 6, "rb");
	ok(ul_enc_detect_stream(fp, &enc, &t) == 0 && enc == UL_ENC_CP1252,
	   "detect_stream: Windows-1252");
	fclose(fp);
	fp = fmemopen("a,b\n\0\n", 6, "rb");
	errno = 0;
	ok(ul_enc_detect_stream(fp, &enc, &t) == -1 && errno == EILSEQ && t.line == 2 &&
	   t.col == 1, "detect_stream: a NUL at 2:1 ends it");
	fclose(fp);
	fp = fmemopen("a,b\n\0\n", 6, "rb");
	ok(ul_enc_detect_stream(fp, &enc, NULL) == 0, "…unless no scan is asked for");
	fclose(fp);

	/* Conversion */
	got = convert("\xe9t\xe9 \x80", 5, UL_ENC_CP1252);
	is_str(got, "\xc3\xa9t\xc3\xa9 \xe2\x82\xac", "Windows-1252 to UTF-8 (é, €)");
	free(got);
	got = convert("\xff\xfe" "a\0\xe9\0", 6, UL_ENC_UTF16LE);
	is_str(got, "a\xc3\xa9", "UTF-16LE to UTF-8, the mark dropped");
	free(got);
	got = convert("\xfe\xff\0a\0\xe9", 6, UL_ENC_UTF16BE);
	is_str(got, "a\xc3\xa9", "UTF-16BE to UTF-8");
	free(got);
	errno = 0;
	ok(convert("\xff\xfe" "a\0b", 5, UL_ENC_UTF16LE) == NULL && errno == EILSEQ,
	   "UTF-16 cut in the middle of a unit: EILSEQ");
	errno = 0;
	ok(convert("\xff\xfe" "=\xd8", 4, UL_ENC_UTF16LE) == NULL && errno == EILSEQ,
	   "UTF-16 ending on half a surrogate pair: EILSEQ");
	errno = 0;
	ok(convert("\xff", 1, UL_ENC_UTF16LE) == NULL && errno == EILSEQ,
	   "UTF-16 shorter than its mark: EILSEQ");
	errno = 0;
	ok(convert("abc", 3, UL_ENC_UTF8) == NULL && errno == EINVAL,
	   "nothing to convert from UTF-8: EINVAL");

	rmdir(dir);
	return done_testing();
}
