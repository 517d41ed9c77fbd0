/*
 * Reading PDFs to impose through poppler-glib. Owns struct ul_pdfin: the
 * open document, its pages' sizes and roles, and what a utilab-cards PDF
 * says about itself. Knows nothing of sheets or output.
 *
 * The whole file is read into memory first (standard input cannot be
 * seeked, and poppler needs random access); poppler's own parse errors
 * are captured rather than printed, since the library never prints.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "units.h"
#include "input.h"
#include "pdfin.h"
#include "util.h"

/* Far beyond any kit; keeps a stray pipe from eating the machine. */
#define MAX_PDF_BYTES ((size_t)1 << 31)

const char *
ul_pdfin_display(const char *path)
{
	return strcmp(path, "-") == 0 ? "standard input" : path;
}

/* Poppler reports syntax errors through GLib logging: keep them quiet. */
static void
quiet_log(const gchar *domain, GLogLevelFlags level, const gchar *msg,
	  gpointer data)
{
	(void)domain, (void)level, (void)msg, (void)data;
}

static bool
has_header(const char *data, size_t len)
{
	size_t lim = len < 1024 ? len : 1024;

	for (size_t i = 0; i + 5 <= lim; i++)
		if (memcmp(data + i, "%PDF-", 5) == 0)
			return true;
	return false;
}

static int
fail(struct ul_pdfin *in, struct ul_diags *d, enum ul_code code,
     const char *path, const char *msg)
{
	ul_diag_add(d, UL_ERROR, code, path, 0, 0, "%s", msg);
	ul_pdfin_release(in);
	return -1;
}

int
ul_pdfin_open(struct ul_pdfin *in, const char *path, double bleed,
	      struct ul_diags *d)
{
	char *data = NULL;
	size_t len = 0;
	GError *err = NULL;
	const char *file = strcmp(path, "-") == 0 ? "standard input" : path;

	memset(in, 0, sizeof(*in));
	in->name = ul_xstrdup(path);
	if (ul_read_file(path, MAX_PDF_BYTES, &data, &len) != 0) {
		ul_input_error(d, file, errno, MAX_PDF_BYTES);
		ul_pdfin_release(in);
		return -1;
	}
	if (len == 0) {
		free(data);
		return fail(in, d, UL_EDATA, file, "empty file, not a PDF");
	}
	/* PDF readers accept the header anywhere in the first kilobyte. */
	if (!has_header(data, len)) {
		free(data);
		return fail(in, d, UL_EDATA, file, "not a PDF file");
	}

	guint h = g_log_set_handler("Poppler", G_LOG_LEVEL_MASK |
				    G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION,
				    quiet_log, NULL);
	GBytes *bytes = g_bytes_new_take(data, len);
	in->doc = poppler_document_new_from_bytes(bytes, NULL, &err);
	g_bytes_unref(bytes);
	g_log_remove_handler("Poppler", h);
	if (!in->doc) {
		const char *why = "corrupt or unreadable PDF";
		if (err && err->domain == POPPLER_ERROR &&
		    err->code == POPPLER_ERROR_ENCRYPTED)
			why = "encrypted PDF (a password is needed): "
			      "decrypt it first, e.g. with qpdf --decrypt";
		g_clear_error(&err);
		return fail(in, d, UL_EDATA, file, why);
	}
	in->npages = poppler_document_get_n_pages(in->doc);
	if (in->npages <= 0)
		return fail(in, d, UL_EDATA, file, "PDF has no pages");

	/* The utilab-cards contract, from the keywords. */
	char *kw = poppler_document_get_keywords(in->doc);
	struct ul_contract_doc cd;
	const char *why;
	in->bleed = bleed;
	if (ul_contract_parse_keywords(kw, &cd, &why) != 0) {
		g_free(kw);
		return fail(in, d, UL_EDATA, file, why);
	}
	in->utilab = cd.utilab;
	if (cd.has_bleed)
		in->bleed = UL_MM(cd.bleed_mm);
	if (cd.lang[0])
		in->lang = ul_xstrdup(cd.lang);
	g_free(kw);
	char *title = poppler_document_get_title(in->doc);
	if (title && *title)
		in->title = ul_xstrdup(title);
	g_free(title);

	in->pages = ul_xcalloc(in->npages, sizeof(*in->pages));
	for (int i = 0; i < in->npages; i++) {
		struct ul_pdfin_page *p = &in->pages[i];
		PopplerPage *pg = poppler_document_get_page(in->doc, i);
		if (!pg) {
			char *m = ul_xasprintf("page %d cannot be read", i + 1);
			fail(in, d, UL_EDATA, file, m);
			free(m);
			return -1;
		}
		poppler_page_get_size(pg, &p->w, &p->h);
		if (in->utilab) {
			char *label = poppler_page_get_label(pg);
			p->role = ul_contract_parse_label(label, &p->deck,
							  &p->card);
			g_free(label);
		}
		g_object_unref(pg);
		/* 1 mm to 5 m: anything else is a broken MediaBox. */
		if (!(p->w >= 2.8 && p->h >= 2.8 && p->w <= 14400 &&
		      p->h <= 14400)) {
			char *m = ul_xasprintf("page %d has an unusable size "
					       "(%.1f x %.1f pt)", i + 1,
					       p->w, p->h);
			fail(in, d, UL_EDATA, file, m);
			free(m);
			return -1;
		}
		if (in->utilab && (p->role == UL_ROLE_FRONT ||
				   p->role == UL_ROLE_BACK) &&
		    (p->w <= 2 * in->bleed + 2.8 ||
		     p->h <= 2 * in->bleed + 2.8)) {
			char *m = ul_xasprintf("page %d is smaller than its "
					       "bleed", i + 1);
			fail(in, d, UL_EDATA, file, m);
			free(m);
			return -1;
		}
	}
	return 0;
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
	if (in->doc)
		g_object_unref(in->doc);
	free(in->name);
	free(in->lang);
	free(in->title);
	memset(in, 0, sizeof(*in));
}
