/* SPDX-License-Identifier: ISC */
/*
 * The utilab PDF contract: the page labels and document keywords that
 * utilab-cards writes and utilab-print reads back (utilab-cards(1)).
 * Owns both sides, the writer and the parser, so that they cannot drift
 * apart. Knows nothing of PDF files, cairo or qpdf: it turns strings into
 * strings and back.
 *
 *   Keywords: "utilab-cards utilab:bleed=MM utilab:lang=LANG" (tokens
 *   separated by spaces, commas or tabs; others are ignored).
 *   Page labels: front:DECK:CARD, back:DECK:CARD, poster:ID, sheet:NAME
 *   or sheet:NAME:N (the run sheet's pages).
 */
#ifndef UL_CONTRACT_H
#define UL_CONTRACT_H

#include <stdbool.h>

/* What a page is for, as its label says (anything else is UL_ROLE_PAGE). */
enum ul_role {
	UL_ROLE_PAGE,		/* a page of a foreign PDF: a front of its own size */
	UL_ROLE_FRONT,		/* front:DECK:CARD */
	UL_ROLE_BACK,		/* back:DECK:CARD, right after its front */
	UL_ROLE_POSTER,		/* poster:ID */
	UL_ROLE_SHEET		/* sheet:NAME[:N], e.g. the run sheet */
};

/* The largest bleed the keywords may give, in mm. */
#define UL_CONTRACT_MAX_BLEED_MM 50.0

/* writer */

/*
 * The label of a page: role FRONT or BACK need id (the deck) and card;
 * POSTER needs id; SHEET needs id and takes card as its page number
 * ("sheet:run:2") or NULL ("sheet:run"). Returns a malloc'd string.
 */
char *ul_contract_label(enum ul_role, const char *id, const char *card);
/* "utilab-cards utilab:bleed=MM utilab:lang=LANG", malloc'd. */
char *ul_contract_keywords(double bleed_mm, const char *lang);

/* parser */

struct ul_contract_doc {
	bool utilab;		/* the keywords carry "utilab-cards" */
	bool has_bleed;
	double bleed_mm;	/* within 0..UL_CONTRACT_MAX_BLEED_MM */
	char lang[36];		/* a BCP 47 tag, or "" */
};

/*
 * Read the keywords (NULL: none). Returns 0, or -1 with *why set to a
 * static message when a utilab keyword is malformed (a bad bleed or
 * language); a foreign PDF's keywords never fail.
 */
int ul_contract_parse_keywords(const char *keywords, struct ul_contract_doc *,
			       const char **why);
/*
 * Split a page label (NULL: none). FRONT and BACK fill *id and *card,
 * POSTER and SHEET fill *id only (a sheet's id keeps its ":N"); both are
 * malloc'd or NULL. A malformed label is UL_ROLE_PAGE.
 */
enum ul_role ul_contract_parse_label(const char *label, char **id,
				     char **card);

#endif
