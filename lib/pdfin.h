/*
 * Reading PDFs to impose: opens a document through poppler-glib, refuses
 * what cannot be printed (not a PDF, empty, corrupt, encrypted) with a
 * diagnostic naming the file, and reads the utilab-cards contract when the
 * document follows it (keywords "utilab-cards utilab:bleed=MM
 * utilab:lang=LL", page labels front:DECK:CARD, back:DECK:CARD, poster:ID,
 * sheet:NAME). Knows nothing of sheets, imposition or output.
 */
#ifndef UL_PDFIN_H
#define UL_PDFIN_H

#include <stdbool.h>
#include <poppler.h>

#include "contract.h"
#include "diag.h"

struct ul_pdfin_page {
	double w, h;		/* page size in points, bleed included */
	enum ul_role role;
	char *deck;		/* deck (front/back), poster or sheet id; owned */
	char *card;		/* card id (front/back); owned, or NULL */
};

struct ul_pdfin {
	char *name;		/* as given, for messages ("-": standard input) */
	PopplerDocument *doc;
	bool utilab;		/* follows the utilab-cards contract */
	double bleed;		/* points, from the keywords or the caller */
	char *lang;		/* the workshop's language, or NULL */
	char *title;		/* document title, or NULL */
	int npages;
	struct ul_pdfin_page *pages;
};

/*
 * Open path ("-": standard input) and read every page's size and role.
 * bleed (points) applies to a foreign PDF; a utilab-cards PDF gives its own.
 * Returns 0, or -1 with a diagnostic: UL_ENOINPUT when the file cannot be
 * read, UL_EDATA when it is not a printable PDF. The struct is then empty
 * and safe to release.
 */
int ul_pdfin_open(struct ul_pdfin *, const char *path, double bleed,
		  struct ul_diags *);
void ul_pdfin_release(struct ul_pdfin *);

/* The name to use in messages: "standard input" for "-". */
const char *ul_pdfin_display(const char *path);

#endif
