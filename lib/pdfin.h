/* SPDX-License-Identifier: ISC */
/*
 * Reading PDFs to impose: opens a document through libqpdf (qpdfbridge.h)
 * without interpreting its content, refuses what cannot be printed (not a
 * PDF, empty, too large, corrupt, encrypted with a password) with a
 * diagnostic naming the file, finds each page's region to place from its
 * boxes (CropBox, TrimBox, BleedBox, Rotate), and reads the utilab-cards
 * contract (contract.h) when the document follows it. Knows nothing of
 * sheets, imposition or output.
 */
#ifndef UL_PDFIN_H
#define UL_PDFIN_H

#include <stdbool.h>
#include <stdio.h>

#include <poppler.h>

#include "contract.h"
#include "diag.h"
#include "qpdfbridge.h"

/* The largest input read, in bytes (1 GiB): documented in utilab-print(1). */
#define UL_PDFIN_MAX_BYTES ((long long)1 << 30)

struct ul_pdfin_page {
	double w, h;		/* the placed region upright, in points */
	double bleed;		/* points, on every side of the trim */
	struct ul_qpdf_box box;	/* the placed region, default user space */
	enum ul_role role;
	char *deck;		/* deck (front/back), poster or sheet id; owned */
	char *card;		/* card id (front/back); owned, or NULL */
};

struct ul_pdfin {
	char *name;		/* as given, for messages ("-": standard input) */
	FILE *fp;		/* the file, or standard input's spool */
	void *map;		/* fp mapped, as qpdf and poppler read it */
	size_t len;
	struct ul_qpdf_in *q;
	PopplerDocument *poppler;	/* only once asked for */
	bool utilab;		/* follows the utilab-cards contract */
	double bleed;		/* points, from the keywords or the caller */
	int trimmed;		/* pages whose bleed their TrimBox gave */
	char *lang;		/* the workshop's language, or NULL */
	char *title;		/* document title, or NULL */
	int npages;
	struct ul_pdfin_page *pages;
};

/*
 * Open path ("-": standard input) and read every page's region and role.
 * bleed (points) applies to a foreign PDF whose pages have no TrimBox; a
 * utilab-cards PDF gives its own. Annotations and form fields are made
 * part of their pages, as they print. Returns 0, or -1 with a diagnostic:
 * UL_ENOINPUT when the file cannot be opened, UL_EIO when reading fails,
 * UL_EDATA when it is not a printable PDF. The struct is then empty and
 * safe to release.
 */
int ul_pdfin_open(struct ul_pdfin *, const char *path, double bleed,
		  struct ul_diags *);
void ul_pdfin_release(struct ul_pdfin *);

/*
 * The document opened with poppler as well, for the few callers that must
 * see what a page draws (utilab's own posters' empty tiles); NULL when
 * poppler cannot read it. Owned by the struct.
 */
PopplerDocument *ul_pdfin_poppler(struct ul_pdfin *);

/* The name to use in messages: ul_diag_input_name's ("<stdin>" for "-"). */
const char *ul_pdfin_display(const char *path);

#endif
