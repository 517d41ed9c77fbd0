/* SPDX-License-Identifier: ISC */
/*
 * Results readers, entry points: which reader for which input (the YAML
 * by its name or its first line, CSV otherwise), and what is learned of
 * each input (struct ul_rsource). The readers themselves have one file
 * each (see lib/results-int.h for the module's map).
 * Knows nothing of workshops (validation is lib/validate.c's) nor of output.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "encoding.h"
#include "input.h"
#include "results-int.h"
#include "spreadsheet.h"
#include "yamlload.h"
#include "zippkg.h"

/* How a zip (.xlsx, .ods) starts: the one binary input, never a text. */
#define ZIP_MAGIC "PK\x03\x04"

/* The largest spreadsheet read (it is read whole: a zip is read from its end). */
#define SHEET_MAX_BYTES ((size_t)256 << 20)

/* entry points */

static bool
ends_with(const char *s, const char *suffix)
{
	size_t l = strlen(s), k = strlen(suffix);
	return l >= k && strcasecmp(s + l - k, suffix) == 0;
}

/* Whether text looks like results YAML: "utilab-results:" first. */
static bool
looks_yaml(const char *data, size_t len)
{
	size_t i = 0;

	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len) {
		size_t e = i;
		while (e < len && data[e] != '\n')
			e++;
		const char *l = data + i;
		size_t ll = e - i;
		while (ll && (*l == ' ' || *l == '\t'))
			l++, ll--;
		if (ll == 0 || *l == '#' || (ll >= 3 && memcmp(l, "---", 3) == 0) ||
		    (ll >= 5 && memcmp(l, "%YAML", 5) == 0)) {
			i = e + 1;
			continue;
		}
		return ll >= 15 && memcmp(l, "utilab-results:", 15) == 0;
	}
	return false;
}

/* Whether text is JSON: '[' or '{' first (Decidim's JSON export). */
static bool
looks_json(const char *data, size_t len)
{
	size_t i = len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;

	while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' ||
			   data[i] == '\n'))
		i++;
	return i < len && (data[i] == '[' || data[i] == '{');
}

static void
src_init(struct ul_rsource *src, const char *file)
{
	memset(src, 0, sizeof(*src));
	src->file = ul_xstrdup(file);
	src->format = ul_xstrdup("csv");
}

/*
 * A CSV stream as UTF-8: read as it is when it is UTF-8 (or mostly: the
 * rows with invalid bytes are quarantined one by one), converted when it
 * is Windows-1252, ISO-8859-1 or UTF-16, said in a warning naming the
 * encoding. A stream that cannot seek is copied first (detection reads it
 * to the end). Returns the stream to read (fp or a temporary one, *owned
 * then set), or NULL with an error.
 */
static FILE *
utf8_stream(FILE *fp, const char *file, FILE **owned, struct ul_diags *diags)
{
	struct ul_text_scan nul;
	enum ul_enc enc;

	*owned = NULL;
	if (fseek(fp, 0, SEEK_SET) != 0) {
		FILE *copy = tmpfile();
		char buf[1 << 16];
		size_t n;
		if (!copy) {
			ul_input_error(diags, file, errno, UL_INPUT_MAX_STREAM);
			return NULL;
		}
		/* A NUL ends the copy at once: an endless pipe of them too. */
		ul_text_scan_init(&nul);
		while ((n = fread(buf, 1, sizeof(buf), fp)) > 0) {
			if (!ul_text_scan(&nul, buf, n)) {
				ul_text_error(diags, file, &nul);
				fclose(copy);
				return NULL;
			}
			if (fwrite(buf, 1, n, copy) != n)
				break;
		}
		if (ferror(fp) || ferror(copy) || fseek(copy, 0, SEEK_SET) != 0) {
			ul_input_error(diags, file, ferror(fp) ? errno : EIO, UL_INPUT_MAX_STREAM);
			fclose(copy);
			return NULL;
		}
		*owned = fp = copy;
	}
	if (ul_enc_detect_stream(fp, &enc, &nul) < 0 || fseek(fp, 0, SEEK_SET) != 0) {
		ul_text_input_error(diags, file, errno, UL_INPUT_MAX_STREAM, &nul);
		goto fail;
	}
	if (enc == UL_ENC_UTF8)
		return fp;
	if (enc == UL_ENC_MIXED) {
		ul_warning(diags, file, 0, 0, "not all UTF-8: the rows holding other bytes "
			   "are quarantined");
		return fp;
	}
	FILE *conv = ul_enc_convert(fp, enc);
	if (!conv) {
		ul_error(diags, file, 0, 0, "not UTF-8, and not %s either: %s",
			 ul_enc_name(enc), strerror(errno));
		goto fail;
	}
	ul_warning(diags, file, 0, 0, "not UTF-8: read as %s, converted to UTF-8",
		   ul_enc_name(enc));
	if (*owned)
		fclose(*owned);
	*owned = conv;
	return conv;
fail:
	if (*owned)
		fclose(*owned);
	*owned = NULL;
	return NULL;
}

/* Read a CSV stream whatever its encoding (see utf8_stream). */
static int
read_csv_any(FILE *fp, const struct ul_ropts *opts, ul_record_fn fn, void *ctx,
	     struct ul_rsource *src, struct ul_diags *diags)
{
	FILE *owned, *in = utf8_stream(fp, src->file, &owned, diags);
	int r;

	if (!in)
		return -1;
	r = results_read_csv(in, opts, fn, ctx, src, diags);
	if (owned)
		fclose(owned);
	return r;
}

int
ul_results_read_mem(const char *file, const char *data, size_t len,
		    const struct ul_ropts *opts, ul_record_fn fn, void *ctx,
		    struct ul_rsource *src, struct ul_diags *diags)
{
	src_init(src, file);
	if (ends_with(file, ".yaml") || ends_with(file, ".yml") ||
	    looks_yaml(data, len))
		return results_read_yaml(data, len, fn, ctx, src, diags);
	if (ul_zpkg_sniff(data, len))
		return results_read_sheet(data, len, NULL, opts, fn, ctx, src, diags);
	if (looks_json(data, len))
		return results_read_json(data, len, opts, fn, ctx, src, diags);
	if (len == 0) {
		ul_error(diags, src->file, 0, 0, "empty file: no header line");
		return -1;
	}
	FILE *fp = fmemopen((void *)data, len, "rb");
	if (!fp) {
		ul_diag_add(diags, UL_ERROR, UL_ESOFTWARE, src->file, 0, 0,
			    "cannot read: %s", strerror(errno));
		return -1;
	}
	int r = read_csv_any(fp, opts, fn, ctx, src, diags);
	fclose(fp);
	return r;
}

/* A spreadsheet or a JSON file, read whole; sheet: the one named, or NULL. */
static int
read_whole(const char *path, const char *sheet, const struct ul_ropts *opts,
	   ul_record_fn fn, void *ctx, struct ul_rsource *src, struct ul_diags *diags)
{
	struct ul_text_scan nul;
	char *data;
	size_t len;
	int r;

	if (ul_read_text(path, SHEET_MAX_BYTES, ZIP_MAGIC, &data, &len, &nul) < 0)
		return ul_text_input_error(diags, src->file, errno, SHEET_MAX_BYTES, &nul);
	if (ul_zpkg_sniff(data, len))
		r = results_read_sheet(data, len, sheet, opts, fn, ctx, src, diags);
	else if (sheet) {
		ul_error(diags, src->file, 0, 0,
			 "not a spreadsheet: only an .xlsx or .ods file has sheets to name");
		r = -1;
	} else
		r = results_read_json(data, len, opts, fn, ctx, src, diags);
	free(data);
	return r;
}

/*
 * "t2.xlsx:Feuil1" when no file has that name: the sheet Feuil1 of t2.xlsx.
 * The diagnostics name the file as given, sheet included.
 */
static int
read_named_sheet(const char *path, const char *colon, const struct ul_ropts *opts,
		 ul_record_fn fn, void *ctx, struct ul_rsource *src,
		 struct ul_diags *diags)
{
	char *file = ul_xstrndup(path, (size_t)(colon - path));
	int r;

	if (access(file, F_OK) != 0) {
		free(file);
		return ul_input_error(diags, src->file, ENOENT, SHEET_MAX_BYTES);
	}
	free(src->file);
	src->file = ul_xstrdup(file);
	r = read_whole(file, colon + 1, opts, fn, ctx, src, diags);
	free(file);
	return r;
}

int
ul_results_read(const char *path, const struct ul_ropts *opts,
		ul_record_fn fn, void *ctx, struct ul_rsource *src,
		struct ul_diags *diags)
{
	const char *file = ul_diag_input_name(path);
	char head[4096];
	size_t n;
	FILE *fp;
	int r;

	/*
	 * A pipe (standard input, /dev/stdin, a shell's <(…)) is read whole
	 * first: its first bytes, once read to tell the format, could not be
	 * read again, and it may be anything, a spreadsheet included.
	 */
	struct stat st;
	bool piped = strcmp(path, "-") == 0 ||
		     (stat(path, &st) == 0 && !S_ISREG(st.st_mode) &&
		      !S_ISDIR(st.st_mode));
	if (piped || ends_with(path, ".yaml") || ends_with(path, ".yml")) {
		struct ul_text_scan nul;
		char *data;
		size_t len;
		src_init(src, file);
		if (ul_read_text(path, ul_ylimits_results.max_bytes,
				 piped ? ZIP_MAGIC : NULL, &data, &len, &nul) < 0)
			return ul_text_input_error(diags, src->file, errno,
						   ul_ylimits_results.max_bytes, &nul);
		ul_rsource_release(src);
		r = ul_results_read_mem(file, data, len, opts, fn, ctx, src, diags);
		free(data);
		return r;
	}
	src_init(src, file);
	if (!(fp = ul_input_fopen(path, UL_INPUT_MAX_STREAM))) {
		int e = errno;
		const char *colon = strrchr(path, ':');
		if (e == ENOENT && colon && colon[1] && colon > path)
			return read_named_sheet(path, colon, opts, fn, ctx, src, diags);
		return ul_input_error(diags, src->file, e, UL_INPUT_MAX_STREAM);
	}
	n = fread(head, 1, sizeof(head), fp);
	if (ul_zpkg_sniff(head, n) || looks_json(head, n)) {
		fclose(fp);
		return read_whole(path, NULL, opts, fn, ctx, src, diags);
	}
	if (looks_yaml(head, n)) {
		struct ul_text_scan nul;
		char *data;
		size_t len;
		fclose(fp);
		if (ul_read_text(path, ul_ylimits_results.max_bytes, NULL, &data,
				 &len, &nul) < 0)
			return ul_text_input_error(diags, src->file, errno,
						   ul_ylimits_results.max_bytes, &nul);
		r = results_read_yaml(data, len, fn, ctx, src, diags);
		free(data);
		return r;
	}
	if (n == 0) {
		fclose(fp);
		ul_error(diags, src->file, 0, 0, "empty file: no header line");
		return -1;
	}
	r = read_csv_any(fp, opts, fn, ctx, src, diags);
	fclose(fp);
	return r;
}

void
ul_rsource_release(struct ul_rsource *src)
{
	free(src->file);
	free(src->format);
	for (size_t i = 0; i < src->ndropped; i++)
		free(src->dropped[i]);
	free(src->dropped);
	for (size_t i = 0; i < src->nignored; i++)
		free(src->ignored[i]);
	free(src->ignored);
	memset(src, 0, sizeof(*src));
}

static const char *const rattr_names[UL_RA_N] = {
	[UL_RA_TITLE] = "title", [UL_RA_POSTER] = "poster",
	[UL_RA_ITEM] = "item", [UL_RA_VERDICT] = "verdict",
	[UL_RA_SERVICE] = "service", [UL_RA_FOR] = "for",
	[UL_RA_ROLES] = "roles", [UL_RA_NEEDS] = "needs",
	[UL_RA_COST] = "cost", [UL_RA_TEST] = "test",
};

const char *
ul_rattr_name(enum ul_rattr a)
{
	return (unsigned)a < UL_RA_N ? rattr_names[a] : "?";
}

int
ul_rattr_lookup(const char *s)
{
	for (int a = 0; a < UL_RA_N; a++)
		if (strcmp(s, rattr_names[a]) == 0)
			return a;
	return -1;
}

bool
ul_rattr_is_list(enum ul_rattr a)
{
	return a == UL_RA_ROLES || a == UL_RA_NEEDS;
}
