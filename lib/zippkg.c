/* SPDX-License-Identifier: ISC */
/*
 * Zip packages through libzip, XML members through libxml2's pull reader.
 * Every member is read under a cap checked twice: on the size the archive
 * claims, and on the bytes really inflated (a forged header must not get
 * past). libxml2 is told never to print (its messages go into err) and
 * never to fetch, load or expand anything.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlreader.h>
#include <zip.h>

#include "util.h"
#include "zippkg.h"

bool
ul_zpkg_sniff(const char *data, size_t len)
{
	return len >= 4 && data[0] == 'P' && data[1] == 'K' &&
	    ((data[2] == 3 && data[3] == 4) || (data[2] == 5 && data[3] == 6));
}

int
ul_zpkg_open(struct ul_zpkg *z, const char *data, size_t len)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;

	memset(z, 0, sizeof(*z));
	zip_error_init(&ze);
	if (!(src = zip_source_buffer_create(data, len, 0, &ze))) {
		snprintf(z->err, sizeof(z->err), "cannot read the zip archive: %s",
			 zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return -1;
	}
	if (!(za = zip_open_from_source(src, ZIP_RDONLY, &ze))) {
		snprintf(z->err, sizeof(z->err), "not a readable zip archive: %s",
			 zip_error_strerror(&ze));
		zip_error_fini(&ze);
		zip_source_free(src);
		return -1;
	}
	zip_error_fini(&ze);
	z->zip = za;
	z->source = src;
	if (zip_get_num_entries(za, 0) > UL_ZPKG_MAX_ENTRIES) {
		snprintf(z->err, sizeof(z->err),
			 "zip archive has %lld members, more than the %d allowed",
			 (long long)zip_get_num_entries(za, 0), UL_ZPKG_MAX_ENTRIES);
		ul_zpkg_close(z);
		return -1;
	}
	return 0;
}

void
ul_zpkg_close(struct ul_zpkg *z)
{
	/* zip_close would write; zip_discard frees, and the source with it. */
	if (z->zip)
		zip_discard(z->zip);
	z->zip = NULL;
	z->source = NULL;
}

bool
ul_zpkg_has(struct ul_zpkg *z, const char *name)
{
	return zip_name_locate(z->zip, name, ZIP_FL_NOCASE) >= 0;
}

int
ul_zpkg_read(struct ul_zpkg *z, const char *name, char **out, size_t *len)
{
	zip_int64_t idx = zip_name_locate(z->zip, name, ZIP_FL_NOCASE);
	zip_stat_t st;
	zip_file_t *f;
	char *buf;
	size_t n = 0, cap;

	*out = NULL;
	*len = 0;
	if (idx < 0)
		return 1;
	zip_stat_init(&st);
	if (zip_stat_index(z->zip, (zip_uint64_t)idx, 0, &st) < 0) {
		snprintf(z->err, sizeof(z->err), "'%s': %s", name,
			 zip_strerror(z->zip));
		return -1;
	}
	if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) &&
	    st.encryption_method != ZIP_EM_NONE) {
		snprintf(z->err, sizeof(z->err),
			 "'%s' is encrypted (a password-protected file?)", name);
		return -1;
	}
	if ((st.valid & ZIP_STAT_SIZE) && st.size > UL_ZPKG_MAX_MEMBER) {
		snprintf(z->err, sizeof(z->err),
			 "'%s' inflates to %llu bytes, more than the %zu MiB allowed",
			 name, (unsigned long long)st.size, UL_ZPKG_MAX_MEMBER >> 20);
		return -1;
	}
	if ((st.valid & (ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE)) ==
	    (ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE) && st.size > ((zip_uint64_t)1 << 20) &&
	    st.size / (st.comp_size ? st.comp_size : 1) > UL_ZPKG_MAX_RATIO) {
		snprintf(z->err, sizeof(z->err),
			 "'%s' is compressed %llu times (a zip bomb?), more than the %d allowed",
			 name, (unsigned long long)(st.size / (st.comp_size ? st.comp_size : 1)),
			 UL_ZPKG_MAX_RATIO);
		return -1;
	}
	if (!(f = zip_fopen_index(z->zip, (zip_uint64_t)idx, 0))) {
		snprintf(z->err, sizeof(z->err), "'%s': %s", name,
			 zip_strerror(z->zip));
		return -1;
	}
	cap = (st.valid & ZIP_STAT_SIZE) && st.size < ((zip_uint64_t)64 << 20) ?
	    (size_t)st.size + 1 : (size_t)1 << 20;
	buf = ul_xmalloc(cap + 1);
	for (;;) {
		if (n == cap) {
			if (cap > UL_ZPKG_MAX_MEMBER)
				break;
			cap *= 2;
			buf = ul_xreallocarray(buf, cap + 1, 1);
		}
		zip_int64_t got = zip_fread(f, buf + n, cap - n);
		if (got < 0) {
			snprintf(z->err, sizeof(z->err), "'%s' is corrupt: %s", name,
				 zip_file_strerror(f));
			zip_fclose(f);
			free(buf);
			return -1;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	zip_fclose(f);
	/* The header may lie about the size: count what really came out. */
	if (n > UL_ZPKG_MAX_MEMBER) {
		snprintf(z->err, sizeof(z->err),
			 "'%s' inflates to more than the %zu MiB allowed", name,
			 UL_ZPKG_MAX_MEMBER >> 20);
		free(buf);
		return -1;
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

/* XML */

struct zxml {
	xmlTextReaderPtr r;
	char msg[200];
	const char *name;
};

static void
on_error(void *arg, xmlErrorPtr e)
{
	struct zxml *x = arg;
	size_t l;

	if (x->msg[0] || !e || e->level < XML_ERR_ERROR)
		return;
	snprintf(x->msg, sizeof(x->msg), "'%s':%d: %s", x->name, e->line,
		 e->message ? e->message : "XML error");
	l = strlen(x->msg);
	while (l > 0 && (x->msg[l - 1] == '\n' || x->msg[l - 1] == ' '))
		x->msg[--l] = '\0';
}

/*
 * Some of libxml2's messages (the encoding converters', the I/O layer's)
 * go to its generic error channel, which prints to stderr by default,
 * not to the reader's handler: the library must never print, so around
 * every call into libxml2 the channel is pointed here, and restored
 * after (librsvg, in the same process, has its own use of it).
 */
static void on_generic(void *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
on_generic(void *ctx, const char *fmt, ...)
{
	struct zxml *x = ctx;
	va_list ap;
	size_t l;

	if (!x || x->msg[0])
		return;
	l = (size_t)snprintf(x->msg, sizeof(x->msg), "'%s': ", x->name);
	if (l >= sizeof(x->msg))
		return;
	va_start(ap, fmt);
	vsnprintf(x->msg + l, sizeof(x->msg) - l, fmt, ap);
	va_end(ap);
	l = strlen(x->msg);
	while (l > 0 && (x->msg[l - 1] == '\n' || x->msg[l - 1] == ' '))
		x->msg[--l] = '\0';
}

struct quiet {
	xmlGenericErrorFunc func;
	void *ctx;
};

static struct quiet
hush(struct zxml *x)
{
	struct quiet q = { xmlGenericError, xmlGenericErrorContext };
	xmlSetGenericErrorFunc(x, on_generic);
	return q;
}

static void
unhush(struct quiet q)
{
	xmlSetGenericErrorFunc(q.ctx, q.func);
}

void *
ul_zpkg_xml_open(const char *xml, size_t len, const char *name)
{
	struct zxml *x = ul_xcalloc(1, sizeof(*x));
	struct quiet q;

	x->name = name;
	if (len > (size_t)0x7fffffff)
		len = 0x7fffffff;	/* libxml2 takes an int; past it, truncated XML fails */
	q = hush(x);
	x->r = xmlReaderForMemory(xml, (int)len, name, NULL,
				  XML_PARSE_NONET | XML_PARSE_NOERROR |
				  XML_PARSE_NOWARNING | XML_PARSE_NOCDATA |
				  XML_PARSE_COMPACT);
	unhush(q);
	if (!x->r) {
		free(x);
		return NULL;
	}
	xmlTextReaderSetStructuredErrorHandler(x->r, on_error, x);
	return x;
}

int
ul_zpkg_xml_next(void *reader, char *err, size_t errsize)
{
	struct zxml *x = reader;
	struct quiet q = hush(x);
	int r = xmlTextReaderRead(x->r);

	unhush(q);

	if (r == 1 && xmlTextReaderNodeType(x->r) == XML_READER_TYPE_DOCUMENT_TYPE) {
		snprintf(err, errsize,
			 "'%s' declares a document type, which no spreadsheet needs "
			 "(refused: entities are how XML bombs work)", x->name);
		return -1;
	}
	if (r < 0)
		snprintf(err, errsize, "%s", x->msg[0] ? x->msg : "malformed XML");
	return r;
}

int
ul_zpkg_xml_skip(void *reader, char *err, size_t errsize)
{
	struct zxml *x = reader;
	struct quiet q = hush(x);
	int r = xmlTextReaderNext(x->r);

	unhush(q);
	if (r == 1 && xmlTextReaderNodeType(x->r) == XML_READER_TYPE_DOCUMENT_TYPE) {
		snprintf(err, errsize, "'%s' declares a document type", x->name);
		return -1;
	}
	if (r < 0)
		snprintf(err, errsize, "%s", x->msg[0] ? x->msg : "malformed XML");
	return r;
}

void
ul_zpkg_xml_close(void *reader)
{
	struct zxml *x = reader;

	if (!x)
		return;
	struct quiet q = hush(x);
	xmlFreeTextReader(x->r);
	unhush(q);
	free(x);
}

char *
ul_zpkg_resolve(const char *base_part, const char *target)
{
	struct ul_buf b;
	const char *slash;
	char *path, *save = NULL, *seg;
	char **segs;
	size_t n = 0;

	ul_buf_init(&b);
	if (target[0] != '/' && (slash = strrchr(base_part, '/')))
		ul_buf_add(&b, base_part, (size_t)(slash - base_part + 1));
	ul_buf_adds(&b, target[0] == '/' ? target + 1 : target);
	path = ul_buf_detach(&b);
	segs = ul_xcalloc(strlen(path) + 1, sizeof(*segs));
	for (seg = strtok_r(path, "/", &save); seg; seg = strtok_r(NULL, "/", &save)) {
		if (strcmp(seg, ".") == 0)
			continue;
		if (strcmp(seg, "..") == 0) {
			if (n > 0)
				n--;
			continue;
		}
		segs[n++] = seg;
	}
	ul_buf_init(&b);
	ul_buf_adds(&b, "");
	for (size_t i = 0; i < n; i++) {
		if (i)
			ul_buf_addc(&b, '/');
		ul_buf_adds(&b, segs[i]);
	}
	free(segs);
	free(path);
	return ul_buf_detach(&b);
}
