/* SPDX-License-Identifier: ISC */
/*
 * Reading PDFs to impose through libqpdf (qpdfbridge.h). Owns struct
 * ul_pdfin: the open document, its pages' regions, bleeds and roles, and
 * what a utilab-cards PDF says about itself. Knows nothing of sheets or
 * output.
 *
 * qpdf reads a file as it needs it: a regular file is opened in place;
 * standard input and other streams (pipes, devices) are first copied into
 * an anonymous temporary file, since qpdf needs to seek. Either way the
 * size is capped (UL_PDFIN_MAX_BYTES) and the header checked in the first
 * kilobyte, so `utilab-print /dev/zero` stops at once with little memory.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "input.h"
#include "intl.h"
#include "pdfin.h"
#include "units.h"
#include "util.h"

#define HEADER_SPAN 1024	/* PDF readers find "%PDF-" in the first KB */

const char *
ul_pdfin_display(const char *path)
{
	return ul_diag_input_name(path);
}

static bool
has_header(const char *data, size_t len)
{
	for (size_t i = 0; i + 5 <= len; i++)
		if (memcmp(data + i, "%PDF-", 5) == 0)
			return true;
	return false;
}

static int
fail(struct ul_pdfin *in, struct ul_diags *d, enum ul_code code,
     const char *file, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static int
fail(struct ul_pdfin *in, struct ul_diags *d, enum ul_code code,
     const char *file, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *m = ul_xvasprintf(_(fmt), ap);	/* English given, translated here */
	va_end(ap);
	ul_diag_add(d, UL_ERROR, code, file, 0, 0, "%s", m);
	free(m);
	ul_pdfin_release(in);
	return -1;
}

/* A failed read, said as every input of the suite says it (lib/input). */
static int
input_fail(struct ul_pdfin *in, struct ul_diags *d, const char *file, int e)
{
	ul_input_error(d, file, e, (size_t)UL_PDFIN_MAX_BYTES);
	ul_pdfin_release(in);
	return -1;
}

/* Read up to n bytes; fewer only at the end of the stream. */
static size_t
read_full(FILE *fp, char *buf, size_t n)
{
	size_t got = 0, r;
	while (got < n && (r = fread(buf + got, 1, n - got, fp)) > 0)
		got += r;
	return got;
}

/*
 * Open the input for qpdf: in->fp, seekable, its header checked. Returns
 * 0, or -1 with a diagnostic.
 */
static int
open_input(struct ul_pdfin *in, const char *path, const char *file,
	   struct ul_diags *d)
{
	bool std = strcmp(path, "-") == 0;
	FILE *src = std ? stdin : fopen(path, "rb");
	struct stat st;
	char head[HEADER_SPAN];

	if (!src)
		return input_fail(in, d, file, errno);
	if (fstat(fileno(src), &st) != 0 || S_ISDIR(st.st_mode)) {
		int e = S_ISDIR(st.st_mode) ? EISDIR : errno;
		if (!std)
			fclose(src);
		return input_fail(in, d, file, e);
	}
	if (S_ISREG(st.st_mode) && st.st_size > UL_PDFIN_MAX_BYTES) {
		if (!std)
			fclose(src);
		return input_fail(in, d, file, EFBIG);
	}
	/* An output may never be this file (lib/atomic asks lib/input). */
	if (!std)
		ul_input_note(path);
	/* Standard input may be a regular file, but not at its start. */
	bool spool = !S_ISREG(st.st_mode) || std;
	size_t n = read_full(src, head, sizeof(head));
	if (ferror(src)) {
		int e = errno;
		if (!std)
			fclose(src);
		return input_fail(in, d, file, e);
	}
	if (n == 0 || !has_header(head, n)) {
		if (!std)
			fclose(src);
		return fail(in, d, UL_EDATA, file, n ? N_("not a PDF file") :
			    N_("empty file, not a PDF"));
	}
	if (!spool) {
		rewind(src);
		in->fp = src;
		return 0;
	}
	FILE *t = tmpfile();
	if (!t) {
		int e = errno;
		if (!std)
			fclose(src);
		return fail(in, d, UL_EIO, file, "cannot spool: %s",
			    strerror(e));
	}
	long long total = (long long)n;
	bool ok = fwrite(head, 1, n, t) == n;
	char buf[65536];
	while (ok && (n = fread(buf, 1, sizeof(buf), src)) > 0) {
		total += (long long)n;
		if (total > UL_PDFIN_MAX_BYTES)
			break;
		ok = fwrite(buf, 1, n, t) == n;
	}
	int e = errno;
	bool rerr = ferror(src);
	if (!std)
		fclose(src);
	if (total > UL_PDFIN_MAX_BYTES) {
		fclose(t);
		return input_fail(in, d, file, EFBIG);
	}
	if (rerr || !ok || fflush(t) != 0) {
		fclose(t);
		return fail(in, d, UL_EIO, file,
			    rerr ? N_("cannot read: %s") : N_("cannot spool: %s"),
			    strerror(e));
	}
	in->fp = t;
	return 0;
}

/* Map the input: qpdf then reads it with no system call per object. */
static int
map_input(struct ul_pdfin *in, const char *file, struct ul_diags *d)
{
	struct stat st;

	if (fstat(fileno(in->fp), &st) != 0 || st.st_size <= 0)
		return fail(in, d, UL_EIO, file, "cannot read: %s",
			    strerror(errno ? errno : EIO));
	void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE,
		       fileno(in->fp), 0);
	if (m == MAP_FAILED)
		return fail(in, d, UL_EIO, file, "cannot map: %s",
			    strerror(errno));
	in->map = m;
	in->len = (size_t)st.st_size;
	return 0;
}

static bool
intersect(struct ul_qpdf_box a, const struct ul_qpdf_box *b,
	  struct ul_qpdf_box *out)
{
	a.x0 = fmax(a.x0, b->x0);
	a.y0 = fmax(a.y0, b->y0);
	a.x1 = fmin(a.x1, b->x1);
	a.y1 = fmin(a.y1, b->y1);
	if (!(a.x1 - a.x0 > 0.01 && a.y1 - a.y0 > 0.01))
		return false;
	*out = a;
	return true;
}

/* The least margin of inner inside outer, on any side. */
static double
inset(const struct ul_qpdf_box *outer, const struct ul_qpdf_box *inner)
{
	return fmax(0, fmin(fmin(inner->x0 - outer->x0, outer->x1 - inner->x1),
			    fmin(inner->y0 - outer->y0, outer->y1 - inner->y1)));
}

/*
 * A page's region: the CropBox (within the MediaBox), or for a foreign
 * PDF with a TrimBox, the trim and as much bleed around it as the crop
 * (and the BleedBox, when given) holds on every side.
 */
static void
page_region(struct ul_pdfin *in, const struct ul_qpdf_page *q,
	    struct ul_pdfin_page *p)
{
	struct ul_qpdf_box crop = q->media, trim, bleed;

	if (q->has_crop)
		intersect(q->crop, &q->media, &crop);
	p->box = crop;
	p->bleed = in->bleed;
	if (!in->utilab && q->has_trim && intersect(q->trim, &crop, &trim)) {
		double b = inset(&crop, &trim);
		if (q->has_bleed && intersect(q->bleed, &crop, &bleed))
			b = fmin(b, inset(&bleed, &trim));
		p->box = (struct ul_qpdf_box){ trim.x0 - b, trim.y0 - b,
					       trim.x1 + b, trim.y1 + b };
		p->bleed = b * q->user_unit;
		in->trimmed++;
	}
	double w = (p->box.x1 - p->box.x0) * q->user_unit;
	double h = (p->box.y1 - p->box.y0) * q->user_unit;
	bool turned = q->rotate == 90 || q->rotate == 270;
	p->w = turned ? h : w;
	p->h = turned ? w : h;
}

int
ul_pdfin_open(struct ul_pdfin *in, const char *path, double bleed,
	      struct ul_diags *d)
{
	const char *file = ul_pdfin_display(path);
	enum ul_qpdf_fail why;
	char *err = NULL;

	memset(in, 0, sizeof(*in));
	in->name = ul_xstrdup(path);
	if (open_input(in, path, file, d) != 0 || map_input(in, file, d) != 0)
		return -1;
	in->q = ul_qpdf_open(in->map, in->len, file, &why, &err);
	if (!in->q) {
		int r;
		if (why == UL_QPDF_PASSWORD)
			r = fail(in, d, UL_EDATA, file, "encrypted PDF (a "
				 "password is needed): decrypt it first, "
				 "e.g. with qpdf --decrypt");
		else
			r = fail(in, d, UL_EDATA, file, "corrupt or unreadable "
				 "PDF: %s", err ? err : "unknown error");
		free(err);
		return r;
	}
	in->npages = ul_qpdf_npages(in->q);
	if (in->npages <= 0)
		return fail(in, d, UL_EDATA, file, "PDF has no pages");

	/* The utilab-cards contract, from the keywords. */
	char *kw = ul_qpdf_info(in->q, "Keywords");
	struct ul_contract_doc cd;
	const char *bad;
	int r = ul_contract_parse_keywords(kw, &cd, &bad);
	free(kw);
	if (r != 0)
		return fail(in, d, UL_EDATA, file, "%s", bad);
	in->bleed = bleed;
	in->utilab = cd.utilab;
	if (cd.has_bleed)
		in->bleed = UL_MM(cd.bleed_mm);
	if (cd.lang[0])
		in->lang = ul_xstrdup(cd.lang);
	in->title = ul_qpdf_info(in->q, "Title");

	in->pages = ul_xcalloc(in->npages, sizeof(*in->pages));
	for (int i = 0; i < in->npages; i++) {
		struct ul_pdfin_page *p = &in->pages[i];
		struct ul_qpdf_page q;
		if (ul_qpdf_page(in->q, i, &q, &err) != 0) {
			r = fail(in, d, UL_EDATA, file, "page %d cannot be "
				 "read: %s", i + 1, err);
			free(err);
			return r;
		}
		page_region(in, &q, p);
		if (in->utilab) {
			char *label = ul_qpdf_label(in->q, i);
			p->role = ul_contract_parse_label(label, &p->deck,
							  &p->card);
			free(label);
		}
		/* 1 mm to 5 m: anything else is a broken MediaBox. */
		if (!(p->w >= 2.8 && p->h >= 2.8 && p->w <= 14400 &&
		      p->h <= 14400))
			return fail(in, d, UL_EDATA, file, "page %d has an "
				    "unusable size (%.1f x %.1f pt)", i + 1,
				    p->w, p->h);
		if (in->utilab && (p->role == UL_ROLE_FRONT ||
				   p->role == UL_ROLE_BACK) &&
		    (p->w <= 2 * p->bleed + 2.8 || p->h <= 2 * p->bleed + 2.8))
			return fail(in, d, UL_EDATA, file, "page %d is smaller "
				    "than its bleed", i + 1);
	}
	ul_qpdf_labels_done(in->q);
	return 0;
}

/* Poppler reports syntax errors through GLib logging: keep them quiet. */
static void
quiet_log(const gchar *domain, GLogLevelFlags level, const gchar *msg,
	  gpointer data)
{
	(void)domain, (void)level, (void)msg, (void)data;
}

PopplerDocument *
ul_pdfin_poppler(struct ul_pdfin *in)
{
	if (in->poppler || !in->map)
		return in->poppler;
	/* The mapping, not a copy: it outlives the document. */
	GBytes *bytes = g_bytes_new_static(in->map, in->len);
	guint h = g_log_set_handler("Poppler", G_LOG_LEVEL_MASK |
				    G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION,
				    quiet_log, NULL);
	in->poppler = poppler_document_new_from_bytes(bytes, NULL, NULL);
	g_log_remove_handler("Poppler", h);
	g_bytes_unref(bytes);
	return in->poppler;
}

void
ul_pdfin_release(struct ul_pdfin *in)
{
	if (in->pages)
		for (int i = 0; i < in->npages; i++) {
			free(in->pages[i].deck);
			free(in->pages[i].card);
		}
	free(in->pages);
	if (in->poppler)
		g_object_unref(in->poppler);
	if (in->q)
		ul_qpdf_close(in->q);
	if (in->map)
		munmap(in->map, in->len);
	if (in->fp)
		fclose(in->fp);
	free(in->name);
	free(in->lang);
	free(in->title);
	memset(in, 0, sizeof(*in));
}
