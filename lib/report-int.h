/* SPDX-License-Identifier: ISC */
/*
 * The report writers' private parts, shared by lib/report.c (the
 * sections every report has) and lib/report-later.c (the field, the
 * votes on posters, the services): each format's escaping, so that every
 * text reaching a report is escaped by one function per format.
 * Nothing outside these files may include it.
 */
#ifndef UL_REPORT_INT_H
#define UL_REPORT_INT_H

#include <stdbool.h>
#include <stdio.h>

#include "lang.h"
#include "merge.h"

/* Inline Markdown text, pandoc's markup characters escaped. */
void report_md_text(FILE *, const char *);
/* A JSON string (null for NULL). */
void report_json_str(FILE *, const char *);
/* A JSON list of strings. */
void report_json_strs(FILE *, const char *const *, size_t);
/* HTML text, escaped for an element's content or a quoted attribute. */
void report_html_text(FILE *, const char *);
/* A CSV list cell: values separated by '|'. */
void report_csv_list(FILE *, const char *const *, size_t);
/* A CSV list cell of the items' ids (ul_item_id). */
void report_csv_ids(FILE *, struct ul_item *const *, size_t);

/* The report's language. */
const struct ul_lang *report_lang(const struct ul_merge *);

/* lib/report-later.c: hooks the writers call. */
/* Under an item of any list: its field evidence, its services, its box. */
void report_later_md_item(FILE *, const struct ul_merge *, const struct ul_item *,
			  const char *indent);
/* The sections: what the field verified, votes on posters, services. */
void report_later_md(FILE *, const struct ul_merge *);
/* An item's keys and links (", \"title\": …"), nothing when it has none. */
void report_later_json_item(FILE *, const struct ul_item *);
/* The top-level lists (",\n  \"observations\": …"). */
void report_later_json(FILE *, const struct ul_merge *,
		       void (*items)(FILE *, struct ul_item *const *, size_t,
				     const char *));
void report_later_html_item(FILE *, const struct ul_merge *, const struct ul_item *);
void report_later_html(FILE *, const struct ul_merge *);
/*
 * CSV: whether the extra columns are wanted (some item has later keys),
 * their names, and one row's cells (each after a sep).
 */
bool report_later_csv_wanted(const struct ul_merge *);
void report_later_csv_header(FILE *, char sep);
void report_later_csv_row(FILE *, const struct ul_item *, char sep);
/*
 * The quarantine CSV: columns for the attributes some record has (the
 * mask returned), so a fixed quarantine reads back with all it held.
 */
unsigned report_later_quarantine_header(FILE *, const struct ul_merge *);
void report_later_quarantine_row(FILE *, unsigned mask, const struct ul_record *);

#endif
