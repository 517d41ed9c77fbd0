/* SPDX-License-Identifier: ISC */
/*
 * Output surfaces: owns the cairo surfaces of a run (PDF, PNG and SVG
 * pages, or a throwaway surface for checks), the PDF metadata, the page
 * labels and the TrimBox/BleedBox post-pass. Knows nothing of workshops,
 * cards or text.
 *
 * The post-pass: cairo writes the PDF through our write function, which
 * watches the byte stream line by line and keeps a copy of every page
 * object's dictionary and of the trailer. Once cairo is done, an
 * incremental update is appended (PDF 32000 §7.5.6): new versions of the
 * page objects with /TrimBox and /BleedBox, a cross-reference section for
 * them and a trailer pointing back (/Prev) at cairo's. It works on a pipe
 * as well as on a file, since nothing is read back.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "units.h"
#include "atomic.h"
#include "pdfout.h"
#include "render.h"
#include "util.h"

struct page_rec {
	long obj;		/* the page object's number */
	size_t dict, dictlen;	/* its dictionary, in out->dicts */
	double bleed;		/* pt */
};

struct ul_out {
	enum ul_out_format fmt;
	struct ul_diags *diags;
	double dpi;
	int pages;
	bool failed;

	/* PDF */
	struct ul_atomic file;
	cairo_surface_t *surface;
	cairo_t *cr;
	double cur_bleed;		/* mm, of the page being drawn */
	long offset;			/* bytes written so far */
	int write_errno;

	/* the line scanner */
	char line[256];
	size_t linelen;
	bool line_long;		/* the current line did not fit: not ours */
	enum { SCAN_TOP, SCAN_OBJ, SCAN_PAGE, SCAN_INFO, SCAN_STREAM,
	       SCAN_TRAILER, SCAN_STARTXREF } scan;
	struct ul_buf info_dict;	/* the document information, as written */
	long info_obj;
	bool fix_dates;		/* cairo 1.16 wrote our dates without "D:" */
	long obj;		/* number from the last "N 0 obj" line */
	long objects;		/* how many "N 0 obj" cairo wrote */
	struct ul_buf dicts;	/* page dictionaries, one after another */
	size_t dict_start;
	struct page_rec *recs;
	size_t nrecs, caprecs;
	long size, root, info, startxref;

	/* PNG and SVG: pages go into a set, moved into place at the end */
	struct ul_atomic_set set;
	FILE *page_fp;
	cairo_surface_t *page_surface;
};

int
ul_out_pages(const struct ul_out *o)
{
	return o->pages;
}

int
ul_out_outline(struct ul_out *o, int parent, const char *title, int page,
	       double y, bool open)
{
	if (o->fmt != UL_OUT_PDF)
		return 0;
	char *link = ul_xasprintf("page=%d pos=[0 %.2f]", page, y * UL_PT_PER_MM);
	int id = cairo_pdf_surface_add_outline(o->surface, parent, title, link,
					       open ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
	free(link);
	return id;
}

/* The line scanner: sees every line cairo writes, keeps what we need. */
static void
scan_line(struct ul_out *o, const char *l, size_t n)
{
	long a, b;

	switch (o->scan) {
	case SCAN_TOP:
	case SCAN_OBJ:
		if (n == 6 && memcmp(l, "stream", 6) == 0) {
			o->scan = SCAN_STREAM;
		} else if (sscanf(l, "%ld %ld obj", &a, &b) == 2 && b == 0 &&
			   n > 6 && memcmp(l + n - 4, " obj", 4) == 0) {
			o->obj = a;
			o->objects++;
			o->scan = SCAN_OBJ;
		} else if (o->scan == SCAN_OBJ && n >= 16 &&
			   memcmp(l, "<< /Type /Page ", 15) == 0) {
			o->scan = SCAN_PAGE;
			o->dict_start = o->dicts.len;
			/* drop cairo's "% N" comment: the copy is on one line */
			ul_buf_adds(&o->dicts, "<</Type/Page");
		} else if (o->scan == SCAN_OBJ && o->fix_dates && n >= 12 &&
			   memcmp(l, "<< /Producer", 12) == 0) {
			o->scan = SCAN_INFO;
			o->info_obj = o->obj;
			ul_buf_reset(&o->info_dict);
			ul_buf_add(&o->info_dict, l, n);
			ul_buf_addc(&o->info_dict, '\n');
		} else if (n == 7 && memcmp(l, "trailer", 7) == 0) {
			o->scan = SCAN_TRAILER;
		} else {
			o->scan = SCAN_TOP;
		}
		break;
	case SCAN_PAGE:
		if (n == 6 && memcmp(l, "endobj", 6) == 0) {
			if (o->nrecs == o->caprecs) {
				o->caprecs = o->caprecs ? 2 * o->caprecs : 64;
				o->recs = ul_xreallocarray(o->recs, o->caprecs,
							   sizeof(*o->recs));
			}
			/* cairo writes a page's object once the page is done */
			o->recs[o->nrecs++] = (struct page_rec){
				o->obj, o->dict_start, o->dicts.len - o->dict_start,
				o->cur_bleed * UL_PT_PER_MM };
			o->scan = SCAN_TOP;
		} else {
			/*
			 * Compact: the copy is written once more per page. A
			 * space next to a delimiter is never needed (page
			 * dictionaries hold no strings).
			 */
			ul_buf_addc(&o->dicts, ' ');
			for (size_t i = 0; i < n; i++) {
				char c = l[i], prev = o->dicts.s[o->dicts.len - 1];
				if (c == ' ' && (strchr("/[]<> ", prev) ||
						 (i + 1 < n && strchr("/[]<>", l[i + 1]))))
					continue;
				if (strchr("/[]<>", c) && prev == ' ')
					o->dicts.s[--o->dicts.len] = '\0';
				ul_buf_addc(&o->dicts, c);
			}
		}
		break;
	case SCAN_INFO:
		if (n == 6 && memcmp(l, "endobj", 6) == 0) {
			o->scan = SCAN_TOP;
		} else if (n > 16 && (memcmp(l, "   /CreationDate (", 18) == 0 ||
				      memcmp(l, "   /ModDate (", 13) == 0) &&
			   memchr(l, '(', n) && ((const char *)memchr(l, '(', n))[1] != 'D') {
			/* PDF dates are "D:YYYYMMDDHHmmSS..." */
			const char *p = memchr(l, '(', n);
			ul_buf_add(&o->info_dict, l, (size_t)(p + 1 - l));
			ul_buf_adds(&o->info_dict, "D:");
			ul_buf_add(&o->info_dict, p + 1, (size_t)(l + n - p - 1));
			ul_buf_addc(&o->info_dict, '\n');
		} else {
			ul_buf_add(&o->info_dict, l, n);
			ul_buf_addc(&o->info_dict, '\n');
		}
		break;
	case SCAN_STREAM:
		if (n == 9 && memcmp(l, "endstream", 9) == 0)
			o->scan = SCAN_TOP;
		break;
	case SCAN_TRAILER:
		if (sscanf(l, "<< /Size %ld", &a) == 1)
			o->size = a;
		else if (sscanf(l, " /Root %ld 0 R", &a) == 1)
			o->root = a;
		else if (sscanf(l, " /Info %ld 0 R", &a) == 1)
			o->info = a;
		else if (n == 9 && memcmp(l, "startxref", 9) == 0)
			o->scan = SCAN_STARTXREF;
		break;
	case SCAN_STARTXREF:
		if (sscanf(l, "%ld", &a) == 1)
			o->startxref = a;
		o->scan = SCAN_TOP;
		break;
	}
}

static cairo_status_t
pdf_write(void *closure, const unsigned char *data, unsigned int len)
{
	struct ul_out *o = closure;
	const unsigned char *p = data, *end = data + len;

	if (fwrite(data, 1, len, o->file.fp) != len) {
		o->write_errno = errno ? errno : EIO;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	o->offset += len;
	/* Stream contents are skipped wholesale; only text lines are kept. */
	while (p < end) {
		const unsigned char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((nl ? nl : end) - p);

		if (o->scan == SCAN_STREAM && !(o->linelen == 0 && n == 9) &&
		    o->linelen + n > 9) {
			/* inside a stream: only "endstream" matters */
			o->line_long = true;
		} else if (!o->line_long && o->linelen + n < sizeof(o->line)) {
			memcpy(o->line + o->linelen, p, n);
			o->linelen += n;
		} else {
			/*
			 * A long title, author or subject (a workshop's licence
			 * and authors) in the information dictionary we rewrite
			 * for its dates: kept whole, as cairo wrote it, or the
			 * rewritten dictionary would lose it.
			 */
			if (o->scan == SCAN_INFO) {
				if (!o->line_long)
					ul_buf_add(&o->info_dict, o->line, o->linelen);
				ul_buf_add(&o->info_dict, (const char *)p, n);
			}
			o->line_long = true;
		}
		if (!nl)
			break;
		if (!o->line_long) {
			o->line[o->linelen] = '\0';	/* sscanf must stop here */
			scan_line(o, o->line, o->linelen);
		} else if (o->scan == SCAN_INFO) {
			ul_buf_addc(&o->info_dict, '\n');
		}
		o->linelen = 0;
		o->line_long = false;
		p = nl + 1;
	}
	return CAIRO_STATUS_SUCCESS;
}

static void
fmt_num(struct ul_buf *b, double v)
{
	char s[32];
	int n = snprintf(s, sizeof(s), "%.3f", v);

	while (n > 0 && s[n - 1] == '0')
		s[--n] = '\0';
	if (n > 0 && s[n - 1] == '.')
		s[--n] = '\0';
	ul_buf_adds(b, strcmp(s, "-0") == 0 ? "0" : s);
}

/* Append the incremental update that gives every page its boxes. */
static int
write_boxes(struct ul_out *o)
{
	struct ul_buf u, x;
	long base = o->offset;

	if (o->nrecs == 0 || o->size <= 0 || o->root <= 0 || o->startxref <= 0)
		return -1;	/* not the PDF we expected cairo to write */
	ul_buf_init(&u);
	ul_buf_init(&x);
	ul_buf_adds(&x, "xref\n");
	for (size_t i = 0; i < o->nrecs; i++) {
		const struct page_rec *r = &o->recs[i];
		const char *d = o->dicts.s + r->dict;
		const char *close = d + r->dictlen;
		const char *mb = strstr(d, "/MediaBox[");
		const char *mbe = mb ? strchr(mb, ']') : NULL;
		double x0, y0, x1, y1, bl = r->bleed;

		if (!mb || !mbe || mbe >= close ||
		    sscanf(mb, "/MediaBox[%lf %lf %lf %lf]", &x0, &y0, &x1,
			   &y1) != 4)
			goto fail;
		/* The dictionary ends with ">>": the boxes go before. */
		if (close - d < 2 || memcmp(close - 2, ">>", 2) != 0)
			goto fail;
		close -= 2;
		ul_buf_addf(&x, "%ld 1\n%010ld 00000 n \n", r->obj,
			    base + (long)u.len);
		ul_buf_addf(&u, "%ld 0 obj\n", r->obj);
		ul_buf_add(&u, d, (size_t)(close - d));
		ul_buf_adds(&u, "/TrimBox[");
		fmt_num(&u, x0 + bl); ul_buf_addc(&u, ' ');
		fmt_num(&u, y0 + bl); ul_buf_addc(&u, ' ');
		fmt_num(&u, x1 - bl); ul_buf_addc(&u, ' ');
		fmt_num(&u, y1 - bl);
		/* the bleed box is the media box, written as cairo wrote it */
		ul_buf_adds(&u, "]/BleedBox");
		ul_buf_add(&u, mb + 9, (size_t)(mbe + 1 - (mb + 9)));	/* "[...]" */
		ul_buf_adds(&u, ">>\nendobj\n");
	}
	if (o->fix_dates && o->info_obj > 0 && o->info_obj == o->info &&
	    o->info_dict.len) {
		ul_buf_addf(&x, "%ld 1\n%010ld 00000 n \n", o->info_obj,
			    base + (long)u.len);
		ul_buf_addf(&u, "%ld 0 obj\n%sendobj\n", o->info_obj,
			    o->info_dict.s);
	}
	ul_buf_addf(&x, "trailer\n<< /Size %ld\n   /Root %ld 0 R\n", o->size,
		    o->root);
	if (o->info > 0)
		ul_buf_addf(&x, "   /Info %ld 0 R\n", o->info);
	ul_buf_addf(&x, "   /Prev %ld\n>>\nstartxref\n%ld\n%%%%EOF\n",
		    o->startxref, base + (long)u.len);
	if (fwrite(u.s, 1, u.len, o->file.fp) != u.len ||
	    fwrite(x.s, 1, x.len, o->file.fp) != x.len)
		o->write_errno = errno ? errno : EIO;
	ul_buf_release(&u);
	ul_buf_release(&x);
	return 0;
fail:
	ul_buf_release(&u);
	ul_buf_release(&x);
	return -1;
}

/* "2023-11-14T22:13:20Z" from SOURCE_DATE_EPOCH, or NULL when unset/bad. */
static bool
source_date(char *buf, size_t size)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;
	time_t t;
	struct tm tm;

	if (!e || !*e)
		return false;
	errno = 0;
	v = strtoll(e, &end, 10);
	if (errno || *end || v < 0)
		return false;
	t = (time_t)v;
	if (!gmtime_r(&t, &tm))
		return false;
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return true;
}

void
ul_pdf_date(char *buf, size_t size)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v = -1;
	struct tm tm;

	if (e && *e) {
		errno = 0;
		v = strtoll(e, &end, 10);
		if (errno || *end)
			v = -1;
	}
	time_t t = v >= 0 ? (time_t)v : time(NULL);
	if (!gmtime_r(&t, &tm))
		memset(&tm, 0, sizeof(tm));
	strftime(buf, size, "D:%Y%m%d%H%M%SZ", &tm);
}

struct ul_out *
ul_out_new(enum ul_out_format fmt, const char *target, double dpi,
	   const struct ul_out_meta *meta, struct ul_diags *d)
{
	struct ul_out *o = ul_xcalloc(1, sizeof(*o));
	char date[64];

	o->fmt = fmt;
	o->diags = d;
	o->dpi = dpi > 0 ? dpi : 150;
	ul_buf_init(&o->dicts);
	ul_buf_init(&o->info_dict);
	switch (fmt) {
	case UL_OUT_PDF:
		if (ul_atomic_open(&o->file, target, true, d) != 0) {
			free(o);
			return NULL;
		}
		/* The size is set again for every page. */
		o->surface = cairo_pdf_surface_create_for_stream(pdf_write, o,
								 100, 100);
		cairo_pdf_surface_restrict_to_version(o->surface,
						      CAIRO_PDF_VERSION_1_5);
		if (meta->title)
			cairo_pdf_surface_set_metadata(o->surface,
				CAIRO_PDF_METADATA_TITLE, meta->title);
		if (meta->author)
			cairo_pdf_surface_set_metadata(o->surface,
				CAIRO_PDF_METADATA_AUTHOR, meta->author);
		if (meta->subject)
			cairo_pdf_surface_set_metadata(o->surface,
				CAIRO_PDF_METADATA_SUBJECT, meta->subject);
		if (meta->keywords)
			cairo_pdf_surface_set_metadata(o->surface,
				CAIRO_PDF_METADATA_KEYWORDS, meta->keywords);
		if (meta->creator)
			cairo_pdf_surface_set_metadata(o->surface,
				CAIRO_PDF_METADATA_CREATOR, meta->creator);
		if (source_date(date, sizeof(date))) {
			o->fix_dates = true;
			cairo_pdf_surface_set_metadata(o->surface,
				CAIRO_PDF_METADATA_CREATE_DATE, date);
			cairo_pdf_surface_set_metadata(o->surface,
				CAIRO_PDF_METADATA_MOD_DATE, date);
		}
		o->cr = cairo_create(o->surface);
		break;
	case UL_OUT_PNG:
	case UL_OUT_SVG:
		if (ul_atomic_set_open(&o->set, target, d) != 0) {
			free(o);
			return NULL;
		}
		break;
	case UL_OUT_NONE:
		/* Drawing still happens (checks live in the draw code); a
		 * one-pixel surface makes it nearly free. */
		o->surface = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
		o->cr = cairo_create(o->surface);
		break;
	}
	return o;
}

static char *
safe_name(const char *name)
{
	char *s = ul_xstrdup(name && *name ? name : "page");

	for (char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' ||
		      *p == '-'))
			*p = '_';
	if (s[0] == '.')
		s[0] = '_';
	return s;
}

static cairo_status_t
file_write(void *closure, const unsigned char *data, unsigned int len)
{
	FILE *fp = closure;

	return fwrite(data, 1, len, fp) == len ? CAIRO_STATUS_SUCCESS :
	       CAIRO_STATUS_WRITE_ERROR;
}

cairo_t *
ul_out_begin(struct ul_out *o, double w, double h, double bleed,
	     const char *label, const char *name)
{
	double k = UL_PT_PER_MM;

	switch (o->fmt) {
	case UL_OUT_PDF:
		cairo_pdf_surface_set_size(o->surface, w * k, h * k);
		if (label)
			cairo_pdf_surface_set_page_label(o->surface, label);
		o->cur_bleed = bleed;
		break;
	case UL_OUT_NONE:
		break;
	case UL_OUT_PNG:
	case UL_OUT_SVG: {
		char *stem = safe_name(name);
		char *file = ul_xasprintf("%s.%s", stem,
					  o->fmt == UL_OUT_PNG ? "png" : "svg");
		free(stem);
		o->page_fp = o->failed ? NULL :
			     ul_atomic_set_add(&o->set, file, o->diags);
		free(file);
		if (!o->page_fp) {
			o->failed = true;
			/* draw into the void; the error is reported */
			o->page_surface = cairo_image_surface_create(
				CAIRO_FORMAT_A8, 1, 1);
		} else if (o->fmt == UL_OUT_PNG) {
			k = UL_PX_PER_MM(o->dpi);
			o->page_surface = cairo_image_surface_create(
				CAIRO_FORMAT_RGB24, (int)lround(w * k),
				(int)lround(h * k));
		} else {
			o->page_surface = cairo_svg_surface_create_for_stream(
				file_write, o->page_fp, w * k, h * k);
		}
		o->cr = cairo_create(o->page_surface);
		break;
	}
	}
	cairo_save(o->cr);
	cairo_scale(o->cr, k, k);
	if (o->fmt == UL_OUT_PNG) {
		cairo_set_source_rgb(o->cr, 1, 1, 1);
		cairo_paint(o->cr);
	}
	cairo_set_source_rgb(o->cr, 0, 0, 0);
	return o->cr;
}

int
ul_out_end(struct ul_out *o)
{
	int rc = 0;

	cairo_restore(o->cr);
	switch (o->fmt) {
	case UL_OUT_PDF:
		cairo_show_page(o->cr);
		if (o->write_errno) {
			if (!o->failed)
				ul_diag_add(o->diags, UL_ERROR, UL_EIO, NULL, 0, 0,
					    "cannot write '%s': %s",
					    ul_diag_output_name(o->file.path),
					    strerror(o->write_errno));
			o->failed = true;
			rc = -1;
		}
		break;
	case UL_OUT_NONE:
		break;
	case UL_OUT_PNG:
	case UL_OUT_SVG:
		cairo_destroy(o->cr);
		o->cr = NULL;
		if (!o->page_fp) {
			/*
			 * Finished before it is destroyed: a recording (a
			 * pictogram) painted on it keeps a snapshot that refers
			 * back to it, a cycle that destroying alone never frees.
			 */
			cairo_surface_finish(o->page_surface);
			cairo_surface_destroy(o->page_surface);
			rc = -1;
		} else {
			cairo_status_t st = CAIRO_STATUS_SUCCESS;
			if (o->fmt == UL_OUT_PNG)
				st = cairo_surface_write_to_png_stream(
					o->page_surface, file_write,
					o->page_fp);
			cairo_surface_finish(o->page_surface);
			if (st == CAIRO_STATUS_SUCCESS)
				st = cairo_surface_status(o->page_surface);
			cairo_surface_destroy(o->page_surface);
			if (ul_atomic_set_end(&o->set, o->page_fp, o->diags) != 0) {
				rc = -1;
			} else if (st != CAIRO_STATUS_SUCCESS) {
				ul_diag_add(o->diags, UL_ERROR, UL_EIO, NULL, 0, 0,
					    "cannot write into '%s': %s",
					    o->set.dir, cairo_status_to_string(st));
				rc = -1;
			}
		}
		o->page_fp = NULL;
		o->page_surface = NULL;
		if (rc)
			o->failed = true;
		break;
	}
	o->pages++;
	return rc;
}

static void
release(struct ul_out *o)
{
	if (o->cr)
		cairo_destroy(o->cr);
	if (o->surface)
		cairo_surface_destroy(o->surface);
	ul_buf_release(&o->dicts);
	ul_buf_release(&o->info_dict);
	free(o->recs);
	free(o);
}

int
ul_out_finish(struct ul_out *o)
{
	int rc = 0;

	if (o->fmt == UL_OUT_PDF) {
		cairo_destroy(o->cr);
		o->cr = NULL;
		cairo_surface_finish(o->surface);
		if (!o->write_errno &&
		    cairo_surface_status(o->surface) != CAIRO_STATUS_SUCCESS) {
			ul_diag_add(o->diags, UL_ERROR, UL_ESOFTWARE, NULL, 0, 0,
				    "cairo: %s", cairo_status_to_string(
					    cairo_surface_status(o->surface)));
			rc = -1;
		}
		/*
		 * cairo 1.16 can lose an allocation failure while it finishes
		 * (in its font subsetting), and then writes a PDF whose
		 * cross-reference table names objects it never wrote, with a
		 * success status (found by t6050's fault sweep). Every object
		 * number below the trailer's /Size must have been written.
		 */
		if (!rc && !o->write_errno && o->size > 0 &&
		    o->objects != o->size - 1) {
			ul_diag_add(o->diags, UL_ERROR, UL_ESOFTWARE, NULL, 0, 0,
				    "cairo wrote an incomplete PDF: %ld of its %ld "
				    "objects missing (out of memory?)",
				    o->size - 1 - o->objects, o->size - 1);
			rc = -1;
		}
		if (!rc && !o->write_errno && write_boxes(o) != 0) {
			ul_diag_add(o->diags, UL_ERROR, UL_ESOFTWARE, NULL, 0, 0,
				    "cannot add page boxes: unexpected PDF from cairo");
			rc = -1;
		}
		if (o->write_errno && !o->failed) {
			ul_diag_add(o->diags, UL_ERROR, UL_EIO, NULL, 0, 0,
				    "cannot write '%s': %s",
				    ul_diag_output_name(o->file.path),
				    strerror(o->write_errno));
		}
		if (o->write_errno)
			rc = -1;
		if (rc)
			ul_atomic_abort(&o->file);
		else if (ul_atomic_commit(&o->file, o->diags) != 0)
			rc = -1;
	} else if (o->fmt == UL_OUT_PNG || o->fmt == UL_OUT_SVG) {
		if (o->failed) {
			ul_atomic_set_abort(&o->set);
			rc = -1;
		} else if (ul_atomic_set_commit(&o->set, o->diags) != 0) {
			rc = -1;
		}
	}
	release(o);
	return rc;
}

void
ul_out_abort(struct ul_out *o)
{
	if (o->fmt == UL_OUT_PDF) {
		cairo_destroy(o->cr);
		o->cr = NULL;
		cairo_surface_finish(o->surface);
		ul_atomic_abort(&o->file);
	}
	if (o->page_surface) {
		cairo_destroy(o->cr);
		o->cr = NULL;
		cairo_surface_finish(o->page_surface);
		cairo_surface_destroy(o->page_surface);
		if (o->page_fp)
			fclose(o->page_fp);
	}
	if (o->fmt == UL_OUT_PNG || o->fmt == UL_OUT_SVG)
		ul_atomic_set_abort(&o->set);
	release(o);
}
