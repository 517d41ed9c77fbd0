/* SPDX-License-Identifier: ISC */
/*
 * The results readers' private parts, shared by the files of one module:
 * lib/results.c (entry points: which reader for which input),
 * lib/results-yaml.c (the utilab-results YAML), lib/results-csv.c (CSV
 * rows), lib/results-table.c (a header row to column roles, each row to a
 * record: what every tabular reader, CSV or spreadsheet, shares),
 * lib/columns.c (roles, French and English labels, personal columns),
 * lib/rmap.c (-m column mappings), lib/dialect.c and one
 * lib/dialect-SYSTEM.c per form tool. Nothing outside these files may
 * include it.
 */
#ifndef UL_RESULTS_INT_H
#define UL_RESULTS_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "results.h"
#include "util.h"

/* What a column is for. */
enum role {
	RO_IGNORE,	/* not used; listed in the report's sources */
	RO_SILENT,	/* not used, not worth listing (tool metadata) */
	RO_DROP,	/* personal: never read */
	RO_TYPE, RO_SERIAL, RO_SESSION, RO_TABLE, RO_SEQUENCE, RO_STAGE,
	RO_TEXT, RO_BODY, RO_VOTES, RO_TAGS, RO_TAGCHOICE, RO_ANSWERS,
	RO_FIELD, RO_SOURCEID, RO_WORKSHOP, RO_DATE,
	RO_DRAFT,	/* a draft flag: a row not "0" is rejected */
	RO_MIROTYPE,	/* an item kind: a row not "sticky_note" is rejected */
	RO_COLOR,	/* a colour naming the type when none is given */
	RO_ATTR,	/* a later workshop's key (enum ul_rattr in arg's name) */
	RO_ORIGIN,	/* a fixed quarantine's source: FILE:LINE first read at */
	RO_IMAGE,	/* utilab-scan: the card's crop */
	RO_VERSION,	/* utilab-scan: the deck stamp the card's QR code carried */
	RO_NROLES
};

struct col {
	enum role role;
	const char *arg;	/* field name, tag of a choice column */
	bool html;		/* strip markup from the cell */
};

/* lib/columns.c */
/* The role named s in a mapping ("text", "field:NAME"…); 0, or -1. */
int col_role_parse(const char *s, enum role *, const char **arg);
/* A utilab role from a folded header label, or RO_IGNORE. */
enum role col_alias_role(const char *folded);
/* The attribute (ul_rattr_name) a folded header label names, or NULL. */
const char *col_alias_attr(const char *folded);
/* Whether a folded header label names personal data. */
bool col_is_personal(const char *folded);
/* "field:NAME" and the like: the field's name, or NULL. */
const char *col_field_name(const char *header);
/*
 * The generic rule: a utilab role by name (a field of the workshop
 * included), else personal, else ignored. With a group_sep (KoboToolbox
 * groups: "/", or the "%" or "::" an export may be asked for), a header's
 * last component is its label; NULL: the header is the label.
 */
void col_generic(const char *header, struct col *, const char *group_sep,
		 const struct ul_ropts *);

/* lib/rmap.c */
/* A mapping's column entry for header h, or NULL. */
bool rmap_column(const struct ul_rmap *, const char *h, struct col *);
/* A value as the mapping translates it (or v). */
const char *rmap_value(const struct ul_rmap *, enum role, const char *v);
/* The mapping's default for role, or NULL. */
const char *rmap_default(const struct ul_rmap *, enum role);
/* The header row the mapping names (1-based), or 0. */
int rmap_header_row(const struct ul_rmap *);
/*
 * Whether the mapping fits a header: the number of columns it names, all
 * found among cells, or -1 with the first one missing.
 */
int rmap_fit(const struct ul_rmap *, char *const *cells, size_t n,
	     const char **missing);

/*
 * A dialect: how one system's export names its columns. The header is
 * seen whole first (prepare), then each column gets a role (column).
 */
struct dialect_header {
	char **names;
	size_t n;
	const struct ul_ropts *opts;
	/* Set by prepare, read by column: the columns that hold the text. */
	const char *title, *body;
	bool has_uuid;
	const char *group_sep;	/* Kobo: the separator its groups use */
	bool hxl;		/* an HXL hashtag row follows the header */
	bool month_first;	/* its dates are m/d/Y, not d/m/Y (set by prepare) */
	/* Decidim: the language of the tags read, whether published_at exists. */
	const char *tag_lang, *tax_lang;
	bool has_published;
	/*
	 * Webform 7: the multiple-choice question each column belongs to, from
	 * the row above the labels (its name over the first option, carried
	 * to the right); NULL when there is none.
	 */
	char *const *groups;
};

struct dialect {
	enum ul_dialect id;
	const char *name;
	/* Whether the header is this system's (NULL: never recognised). */
	bool (*recognise)(char **names, size_t n);
	void (*prepare)(struct dialect_header *);	/* or NULL */
	void (*column)(const struct dialect_header *, size_t i, struct col *);
	const char *default_type;	/* when a row has none, or NULL */
	bool table_is_name;		/* rows without a table: the dialect's name */
	bool space_lists;		/* list cells may be split on spaces */
	/* Cells starting '= '+ '- '@ were given an apostrophe: take it off. */
	bool formula_quoted;
	/*
	 * Its dates may be written d/m/Y (m/d/Y with month_first): known for
	 * Drupal; elsewhere only ISO dates make a session, so that a form
	 * tool's ambiguous "5/12/2023" never becomes the wrong day.
	 */
	bool slash_dates;
};

/*
 * The session (YYYY-MM-DD) a date cell gives: ISO 8601 ("2023-05-12",
 * "2023-05-12T14:30:00+02:00"), or d/m/Y and d/m/Y - H:i as Drupal and
 * French spreadsheets write it (m/d/Y with month_first; a day past 12
 * settles it either way). Returns buf, or NULL when it is no date.
 */
const char *rtable_session_of(const char *date, bool month_first, char buf[11]);

/* lib/dialect.c */
const struct dialect *dialect_get(enum ul_dialect);
/* The dialect the header belongs to (utilab when no other). */
const struct dialect *dialect_recognise(char **names, size_t n);
bool dialect_has_col(char **names, size_t n, const char *name);
bool dialect_has_prefix_col(char **names, size_t n, const char *prefix);

extern const struct dialect ul_dialect_utilab_def, ul_dialect_kobo_def,
    ul_dialect_framaforms_def, ul_dialect_decidim_def, ul_dialect_miro_def,
    ul_dialect_webform_def;

/*
 * A table of results (lib/results-table.c): rows of cells, from a CSV or
 * a spreadsheet, turned into records. Give it the header once, then each
 * row; cells are borrowed for the call only.
 */
struct rtable {
	const struct ul_ropts *opts;
	struct ul_rsource *src;
	struct ul_diags *diags;
	const struct dialect *dialect;
	char **hdr;		/* header names, owned */
	size_t nh;
	int hdr_line;
	struct col *cols;
	bool personal;		/* some column is dropped as personal */
	bool quarantine;	/* utilab's own quarantine, read back */
	const char *def_type, *def_table;
	/* per record */
	struct ul_buf scratch;
	const char **tags, **answers, **texts;
	size_t tcap, acap, xcap;
	struct ul_rfield *fields;
	size_t fcap;
	size_t nrows;		/* rows handed on as records so far */
	bool hxl;		/* set before rtable_header: an HXL row follows */
	bool month_first;	/* the dialect's dates are m/d/Y */
	char **groups;		/* owned, or NULL: see dialect_header */
	size_t ngroups;
};

void rtable_init(struct rtable *, const struct ul_ropts *, struct ul_rsource *,
		 struct ul_diags *);
void rtable_release(struct rtable *);
/*
 * The header row: dialect (forced, or recognised when auto), roles, notes
 * on personal columns, warnings on unknown ones. Returns 0, or -1 with an
 * error when the header is no results header.
 */
int rtable_header(struct rtable *, char *const *cells, size_t n, int line,
		  enum ul_dialect forced);
/*
 * The header's cells kept (rtable_header with cells NULL then gives them
 * their roles): for a reader that must look at the row after the header
 * (an HXL row says KoboToolbox) before its cells are gone.
 */
void rtable_keep_header(struct rtable *, char *const *cells, size_t n, int line);
/*
 * The mapping for an input among several (opts->maps): the one that fits
 * its header and names most of its columns (the first on a tie), or none,
 * said in a note for each that does not fit. fit reads the input's header
 * as the mapping would (its header row) and returns rmap_fit's answer.
 */
const struct ul_rmap *rtable_choose_map(const struct ul_ropts *, const char *file,
					int (*fit)(void *, const struct ul_rmap *,
						   const char **missing),
					void *arg, struct ul_diags *);
/*
 * The row above the labels (Webform's "Submission Details" row): the names
 * of its multiple-choice questions, over their first option column.
 */
void rtable_keep_groups(struct rtable *, char *const *cells, size_t n);
/*
 * One row: n cells of len bytes each, or a row that could not be read
 * (reject says why, cells may be partial or NULL with n == 0). Calls fn
 * and returns what it returns.
 */
int rtable_row(struct rtable *, char *const *cells, const size_t *len, size_t n,
	       int line, const char *reject, ul_record_fn fn, void *ctx);

/*
 * Rows before the header, the same in every tabular format: a title row
 * (one name in the first cell, as Framaforms writes the form's title
 * first), and the row under it that Drupal Webform fills with "Submission
 * Details" (or its form key, or the French label).
 */
bool rtable_title_row(char *const *cells, const size_t *len, size_t n,
		      const struct ul_ropts *);
bool rtable_details_row(char *const *cells, size_t n);
/*
 * Whether the first row after the header is one more header line, not a
 * record: KoboToolbox's HXL hashtag row (#loc+name…). When it is, a note
 * says so and the source counts it among its header rows.
 */
bool rtable_skip_row(struct rtable *, char *const *cells, const size_t *len,
		     size_t n, int line);
/* Whether the cells are an HXL hashtag row (without counting it). */
bool rtable_hxl_row(char *const *cells, const size_t *len, size_t n);

/* lib/results-csv.c, lib/results-yaml.c, lib/results-sheet.c */
int results_read_csv(FILE *, const struct ul_ropts *, ul_record_fn, void *ctx,
		     struct ul_rsource *, struct ul_diags *);
int results_read_yaml(const char *data, size_t len, ul_record_fn, void *ctx,
		      struct ul_rsource *, struct ul_diags *);
/*
 * JSON (Decidim's JSON export: a list of proposals): read as the CSV
 * export would flatten it, or refused with a message saying what it is.
 */
int results_read_json(const char *data, size_t len, const struct ul_ropts *,
		      ul_record_fn, void *ctx, struct ul_rsource *, struct ul_diags *);
/* sheet: the sheet's name, or NULL for the first. */
int results_read_sheet(const char *data, size_t len, const char *sheet,
		       const struct ul_ropts *, ul_record_fn, void *ctx,
		       struct ul_rsource *, struct ul_diags *);

#endif
