/* SPDX-License-Identifier: ISC */
/*
 * Results readers (utilab-results(5)): the results YAML, the utilab CSV
 * layout, the exports of common form tools (KoboToolbox, Framaforms,
 * Decidim, Miro) and user column mappings (-m MAP.yaml). Each record read
 * is handed to a callback, one at a time, so a CSV of any size streams.
 * Personal columns (names, e-mail, phone, IP, device ids, geolocation) are
 * recognised from the header and never read.
 * Owns struct ul_record (valid during the callback only), struct ul_rmap
 * and struct ul_rsource; knows nothing of workshops, merging or reports.
 */
#ifndef UL_RESULTS_H
#define UL_RESULTS_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

struct ul_rfield {
	const char *name, *value;
};

/*
 * The keys the later workshops need (utilab-results(5)): a title (an
 * idea's or a service's name), where a card sits (poster, item: the
 * numbered box of a vote poster), the field's verdict on a friction, the
 * service a blueprint step belongs to, and a service's own keys (for whom,
 * roles, what it needs, its cost, its first test). roles and needs are
 * lists: one text, values separated by '|'.
 */
enum ul_rattr {
	UL_RA_TITLE, UL_RA_POSTER, UL_RA_ITEM, UL_RA_VERDICT, UL_RA_SERVICE,
	UL_RA_FOR, UL_RA_ROLES, UL_RA_NEEDS, UL_RA_COST, UL_RA_TEST,
	UL_RA_N
};
/* The key of an attribute ("title", "poster"…), as written in results. */
const char *ul_rattr_name(enum ul_rattr);
/* The attribute named s, or -1. */
int ul_rattr_lookup(const char *s);
/* Whether the attribute is a list (roles, needs). */
bool ul_rattr_is_list(enum ul_rattr);

/*
 * One record as read: every string trimmed, NULL when absent or empty.
 * Nothing is validated here beyond what the format itself requires; when
 * the record cannot be read (a ragged CSV row, an unknown YAML key…),
 * reject says why and the merge quarantines it.
 */
struct ul_record {
	const char *file;	/* as given ("<stdin>" for -) */
	int line;		/* where the record starts */
	const char *source_id;	/* a form's own row id (Kobo _uuid…), or NULL */
	const char *workshop, *session, *table;
	const char *type, *serial, *sequence, *stage, *text;
	/*
	 * utilab-scan's columns: the card's crop (a path, relative to the
	 * results file), and the deck version stamp its QR code carried.
	 */
	const char *image, *version;
	const char *votes;	/* as written */
	const char **tags;
	size_t ntags;
	const char **answers;
	size_t nanswers;
	struct ul_rfield *fields;
	size_t nfields;
	const char *attr[UL_RA_N];	/* enum ul_rattr; NULL when absent */
	const char *reject;	/* why it could not be read, or NULL */
	/*
	 * "FILE:LINE" where the record was first read, when this input is a
	 * fixed quarantine (its source column), or NULL: the record stands
	 * for, and replaces, the one read there.
	 */
	const char *origin;
};

enum ul_dialect {
	UL_DIALECT_AUTO,	/* recognise the export from its header */
	UL_DIALECT_UTILAB,
	UL_DIALECT_KOBO,
	UL_DIALECT_FRAMAFORMS,
	UL_DIALECT_DECIDIM,
	UL_DIALECT_MIRO,
	UL_DIALECT_WEBFORM,	/* Drupal 8+ Webform */
};

/* Parse "utilab", "kobo"… Returns 0, or -1 when unknown. */
int ul_dialect_parse(const char *, enum ul_dialect *);
/* The dialects' names, "auto" first, into names (room for max); how many. */
size_t ul_dialect_names(const char **names, size_t max);
const char *ul_dialect_name(enum ul_dialect);

/* A column mapping (-m MAP.yaml), see utilab-results(5). */
struct ul_rmap;
/* Returns the mapping, or NULL with errors in diags. */
struct ul_rmap *ul_rmap_load(const char *path, struct ul_diags *);
/* The file it was loaded from, as given. */
const char *ul_rmap_file(const struct ul_rmap *);
void ul_rmap_free(struct ul_rmap *);

struct ul_ropts {
	enum ul_dialect dialect;	/* for CSV inputs */
	const struct ul_rmap *map;	/* laid over every CSV's dialect, or NULL */
	const char *lang;		/* for Decidim's title/<lang>; NULL: "fr" */
	/* Names of fields (the workshop's): a column so named is that field. */
	const char *const *fields;
	size_t nfields;
	/*
	 * Mappings laid over the CSVs whose header they fit (when map is
	 * NULL): each names columns, and fits a header that holds them all
	 * (at its header row); a mapping that names none fits every header.
	 * The one naming most columns wins, the first given on a tie.
	 */
	const struct ul_rmap *const *maps;
	size_t nmaps;
	/*
	 * The fields' labels, as the cards print them (NULL, or nfields of
	 * them, each may be NULL): a column so labelled is that field, so
	 * that a form made from a write-in deck reads with no mapping.
	 */
	const char *const *field_labels;
	/*
	 * Write-in decks' serial prefixes and the type of their cards: a
	 * record with no type whose serial has one of them gets that type.
	 */
	const char *const *prefixes, *const *prefix_types;
	size_t nprefixes;
};

/* What was learned about one input, for the report's sources section. */
struct ul_rsource {
	char *file;		/* as given ("<stdin>" for -) */
	char *format;		/* "yaml", "csv", "kobo", "framaforms"… */
	char **dropped;		/* personal columns dropped (header names) */
	size_t ndropped;
	char **ignored;		/* other columns not used */
	size_t nignored;
	size_t records;		/* records handed to the callback */
	size_t header_rows;	/* rows read as header lines, not records:
				   title rows, the header, an HXL row */
};
void ul_rsource_release(struct ul_rsource *);

/* Return 0 to go on, -1 to stop reading (the read then fails). */
typedef int (*ul_record_fn)(void *ctx, const struct ul_record *);

/*
 * Read one input ("-": standard input): YAML when the name ends in .yaml
 * or .yml or the text starts with "utilab-results:", CSV otherwise.
 * Calls fn for every record, in file order. Returns 0, or -1 when the input
 * cannot be read at all (UL_ENOINPUT when missing, UL_EDATA when not
 * results), with diagnostics. Warnings and notes (unknown or personal
 * columns) go to diags too. src is filled either way; release it.
 */
int ul_results_read(const char *path, const struct ul_ropts *,
		    ul_record_fn fn, void *ctx, struct ul_rsource *src,
		    struct ul_diags *);
/* The same from memory (file names it in messages). */
int ul_results_read_mem(const char *file, const char *data, size_t len,
			const struct ul_ropts *, ul_record_fn fn, void *ctx,
			struct ul_rsource *src, struct ul_diags *);

/*
 * Fold a label for matching: lower case, Latin accents removed, every run
 * of other characters made one space, trimmed ("Numéro de carte" and
 * "numero-de-carte" both give "numero de carte"). Returns a new string.
 */
char *ul_fold(const char *);

#endif
