/* SPDX-License-Identifier: ISC */
/*
 * The C side of the libqpdf bridge (qpdfbridge.cc): opening PDFs without
 * interpreting their content, reading their boxes, labels and document
 * information, and writing a new PDF whose pages place input pages by
 * reference, as Form XObjects. The output is written as it is made (a
 * form when it is made, a sheet when the next begins), so memory does not
 * grow with the output. Knows nothing of sheets, cards or marks: callers
 * give it rectangles and matrices.
 *
 * Boxes are in the page's default user space, in points. Every function
 * that can fail returns -1 or NULL and sets *err to a malloc'd message
 * (qpdf's own, shortened); the bridge never prints.
 */
#ifndef UL_QPDFBRIDGE_H
#define UL_QPDFBRIDGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

struct ul_qpdf_box {
	double x0, y0, x1, y1;	/* normalised: x0 < x1, y0 < y1 */
};

struct ul_qpdf_page {
	struct ul_qpdf_box media, crop, bleed, trim;
	bool has_crop, has_bleed, has_trim;	/* given by the page */
	int rotate;		/* 0, 90, 180 or 270, clockwise */
	double user_unit;	/* points per unit: 1 unless /UserUnit */
	bool annots;		/* the page has annotations that print */
};

enum ul_qpdf_fail {
	UL_QPDF_DAMAGED,	/* not readable as a PDF */
	UL_QPDF_PASSWORD	/* encrypted, and the empty password fails */
};

struct ul_qpdf_in;

/*
 * Read a PDF from the len bytes at data (kept by the caller until the
 * input is closed: a mapped file costs no heap); name is for messages. An
 * encrypted PDF that opens with the empty password is decrypted as it is
 * read. Every page's boxes are read at once, and each page dictionary
 * then forgotten: what placing needs is kept, not qpdf's objects (7 KB a
 * page). Annotations and filled form fields are made part of the pages'
 * content, as they print (appearance streams, generated first where the
 * form asks for it). Returns NULL with *why and *err on failure.
 */
struct ul_qpdf_in *ul_qpdf_open(const void *data, size_t len,
				const char *name, enum ul_qpdf_fail *why,
				char **err);
void ul_qpdf_close(struct ul_qpdf_in *);

int ul_qpdf_npages(struct ul_qpdf_in *);
/* Page i's boxes; -1 with *err when there is no page i. */
int ul_qpdf_page(struct ul_qpdf_in *, int i, struct ul_qpdf_page *,
		 char **err);
/* The document information's key ("Title", "Keywords") in UTF-8, or NULL. */
char *ul_qpdf_info(struct ul_qpdf_in *, const char *key);
/* Page i's label as a viewer shows it, or NULL when it has none. */
char *ul_qpdf_label(struct ul_qpdf_in *, int i);
/* The labels are all read: let go of them (a label a page, parsed). */
void ul_qpdf_labels_done(struct ul_qpdf_in *);

/* output */

struct ul_qpdf_out;

struct ul_qpdf_meta {
	const char *title;	/* UTF-8, or NULL */
	const char *creator;
	const char *producer;
	const char *date;	/* "D:YYYYMMDDHHmmSSZ": creation and modification */
};

/*
 * Begin writing a PDF to fp (the caller owns it, and writes nothing else
 * to it): its version is the highest of the n inputs ins that it will
 * place, at least 1.4. Write errors show at ul_qpdf_out_finish.
 */
struct ul_qpdf_out *ul_qpdf_out_new(FILE *fp, struct ul_qpdf_in *const *ins,
				    size_t n);
void ul_qpdf_out_free(struct ul_qpdf_out *);

/*
 * The Form XObject that shows region box of input page i, made once per
 * page and region however often it is placed. Its space is the region
 * upright (the page's /Rotate and /UserUnit applied), in points, with the
 * region's lower left corner at the origin. Returns its handle (>= 0), or
 * -1 with *err. The form and what it uses (fonts, images) are written at
 * once; a resource two pages share is written once.
 */
int ul_qpdf_out_form(struct ul_qpdf_out *, struct ul_qpdf_in *, int i,
		     const struct ul_qpdf_box *box, char **err);
/* Begin the next sheet, w x h points (the previous one is written). */
void ul_qpdf_out_sheet(struct ul_qpdf_out *, double w, double h);
/*
 * Place form on the current sheet with matrix m (a b c d e f, from the
 * form's space to the sheet's, PDF axes: y up), clipped to the sheet
 * rectangle clip (x, y, w, h) unless clip is NULL.
 */
void ul_qpdf_out_place(struct ul_qpdf_out *, int form, const double m[6],
		       const double *clip);
/*
 * Draw input page i of in over the current sheet, after what was placed,
 * as it is (its MediaBox on the sheet's origin): for a layer made to be
 * laid over, such as the marks, whose page is the sheet's size. It is a
 * form too. Returns 0, or -1 with *err.
 */
int ul_qpdf_out_overlay(struct ul_qpdf_out *, struct ul_qpdf_in *, int i,
			char **err);
/*
 * Write the last sheet, the page tree, the document information and the
 * cross-reference table, and flush fp. Returns 0, or -1 with *err and
 * errno set when writing failed (the file is then incomplete: the caller
 * removes it).
 */
int ul_qpdf_out_finish(struct ul_qpdf_out *, const struct ul_qpdf_meta *,
		       char **err);

#ifdef __cplusplus
}
#endif

#endif
