/* SPDX-License-Identifier: ISC */
/*
 * Zip packages (the containers of .xlsx and .ods spreadsheets): opening an
 * archive held in memory, reading one member whole under a size cap, and
 * opening an XML member with libxml2's pull reader with every network and
 * entity feature off. The caps are what keeps a zip bomb or a hostile XML
 * document from eating the machine; they are the same for every reader.
 * Owns struct ul_zpkg; knows nothing of spreadsheets (lib/xlsx.c and
 * lib/ods.c do) nor of records.
 */
#ifndef UL_ZIPPKG_H
#define UL_ZIPPKG_H

#include <stdbool.h>
#include <stddef.h>

/* Limits, documented in utilab-results(5) with the errors they give. */
#define UL_ZPKG_MAX_ENTRIES 10000		/* members of the archive */
#define UL_ZPKG_MAX_MEMBER ((size_t)256 << 20)	/* one member, uncompressed */
#define UL_ZPKG_MAX_RATIO 1000			/* uncompressed / compressed */

struct ul_zpkg {
	void *zip;		/* zip_t */
	void *source;		/* zip_source_t */
	char err[160];		/* why the last call failed */
};

/*
 * Whether data starts like a zip archive ("PK\3\4", or "PK\5\6" for an
 * empty one): spreadsheets are recognised by content, not by name.
 */
bool ul_zpkg_sniff(const char *data, size_t len);

/*
 * Open the archive in data[0..len), borrowed until ul_zpkg_close.
 * Returns 0, or -1 with err set (not a zip, too many members).
 */
int ul_zpkg_open(struct ul_zpkg *, const char *data, size_t len);
void ul_zpkg_close(struct ul_zpkg *);

/* Whether the archive has a member of that name. */
bool ul_zpkg_has(struct ul_zpkg *, const char *name);

/*
 * Read a member whole into *out (NUL-terminated, caller frees). Returns 0,
 * 1 when there is no such member (*out NULL), or -1 with err set: larger
 * than UL_ZPKG_MAX_MEMBER, compressed more than UL_ZPKG_MAX_RATIO times
 * (a zip bomb), encrypted, or corrupt.
 */
int ul_zpkg_read(struct ul_zpkg *, const char *name, char **out, size_t *len);

/*
 * A pull reader (xmlTextReaderPtr) over xml[0..len), borrowed. No network,
 * no external entities, no DTD: ul_zpkg_xml_next refuses a document type
 * declaration outright (entity expansion is the XML bomb).
 */
void *ul_zpkg_xml_open(const char *xml, size_t len, const char *name);
/*
 * The next node, like xmlTextReaderRead: 1, 0 at the end, -1 on an error,
 * with the message in err (the member's name and the line).
 */
int ul_zpkg_xml_next(void *reader, char *err, size_t errsize);
/* The node after the current one's subtree, like xmlTextReaderNext. */
int ul_zpkg_xml_skip(void *reader, char *err, size_t errsize);
void ul_zpkg_xml_close(void *reader);

/*
 * Resolve a relationship target (an OOXML rels Target) against the folder
 * of the part that holds it: ("xl/workbook.xml", "worksheets/sheet1.xml")
 * gives "xl/worksheets/sheet1.xml"; an absolute "/xl/x.xml" gives
 * "xl/x.xml"; "." and ".." are folded. Returns a new string.
 */
char *ul_zpkg_resolve(const char *base_part, const char *target);

#endif
