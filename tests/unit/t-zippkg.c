/* SPDX-License-Identifier: ISC */
/*
 * Zip packages (lib/zippkg), the containers of .xlsx and .ods: archives
 * written here with libzip, then read back through the module's limits.
 * A hostile spreadsheet is refused by these, each with its message: not
 * a zip, too many members, a zip bomb, a password, a corrupt member, an
 * XML document type (the entity bomb).
 */
#define _GNU_SOURCE		/* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zip.h>

#include "input.h"
#include "tap.h"
#include "util.h"
#include "zippkg.h"

static char dir[] = "/tmp/t-zippkg.XXXXXX";

/* A new archive at dir/name; members are added by the caller. */
static zip_t *
create(const char *name, char **path)
{
	int err;

	*path = ul_xasprintf("%s/%s", dir, name);
	return zip_open(*path, ZIP_CREATE | ZIP_TRUNCATE, &err);
}

static zip_int64_t
add(zip_t *za, const char *name, const void *data, size_t len)
{
	zip_source_t *s = zip_source_buffer(za, data, len, 0);
	return zip_file_add(za, name, s, ZIP_FL_OVERWRITE);
}

/* Open path (read whole) as a package; the error, or "" when it opens. */
static const char *
open_pkg(struct ul_zpkg *z, const char *path, char **data)
{
	size_t len;

	if (ul_read_file(path, (size_t)64 << 20, data, &len) < 0)
		return "cannot read";
	if (ul_zpkg_open(z, *data, len) < 0)
		return z->err;
	return "";
}

/* The error reading member name of the package at path ("" when read). */
static char *
read_member(const char *path, const char *name, int *rc)
{
	struct ul_zpkg z;
	char *data, *out = NULL, *res;
	size_t len;
	const char *e = open_pkg(&z, path, &data);

	if (*e) {
		*rc = -2;
		res = ul_xstrdup(e);
	} else {
		*rc = ul_zpkg_read(&z, name, &out, &len);
		res = ul_xstrdup(*rc < 0 ? z.err : *rc == 0 ? out : "(none)");
		ul_zpkg_close(&z);
	}
	free(out);
	free(data);
	return res;
}

/* Pull every node of xml; the error, or "" at a clean end. */
static char *
pull(const char *xml, bool skip)
{
	void *r = ul_zpkg_xml_open(xml, strlen(xml), "x.xml");
	char err[200] = "";
	int k;

	if (!r)
		return ul_xstrdup("cannot open");
	while ((k = skip ? ul_zpkg_xml_skip(r, err, sizeof(err)) :
		    ul_zpkg_xml_next(r, err, sizeof(err))) == 1)
		;
	ul_zpkg_xml_close(r);
	return ul_xstrdup(k < 0 ? err : "");
}

int
main(void)
{
	struct ul_zpkg z;
	char *path, *data, *got;
	zip_t *za;
	int rc;

	ok(mkdtemp(dir) != NULL, "scratch directory");

	/* Sniffing */
	ok(ul_zpkg_sniff("PK\3\4rest", 8), "a local file header is a zip");
	ok(ul_zpkg_sniff("PK\5\6", 4), "so is an empty archive's end record");
	ok(!ul_zpkg_sniff("PK", 2), "two bytes are not");
	ok(!ul_zpkg_sniff("type,text", 9), "a CSV is not");

	/* A good package */
	za = create("good.zip", &path);
	add(za, "xl/workbook.xml", "<workbook/>", 11);
	add(za, "mimetype", "application/x", 13);
	ok(zip_close(za) == 0, "a package written");
	got = read_member(path, "XL/Workbook.xml", &rc);
	ok(rc == 0 && strcmp(got, "<workbook/>") == 0, "a member read, its name in any case");
	free(got);
	got = read_member(path, "xl/styles.xml", &rc);
	is_int(rc, 1, "a member that is not there: 1");
	free(got);
	is_str(open_pkg(&z, path, &data), "", "open");
	ok(ul_zpkg_has(&z, "mimetype") && !ul_zpkg_has(&z, "content.xml"), "has");
	ul_zpkg_close(&z);
	free(data);
	free(path);

	/* Not a zip at all */
	path = ul_xasprintf("%s/not.zip", dir);
	FILE *fp = fopen(path, "w");
	fputs("PK\3\4 but nothing of a zip after it", fp);
	fclose(fp);
	ok(strncmp(open_pkg(&z, path, &data), "not a readable zip archive: ", 28) == 0,
	   "a file that only starts like a zip: not a readable zip archive");
	free(data);
	free(path);

	/* Too many members */
	za = create("many.zip", &path);
	for (int i = 0; i <= UL_ZPKG_MAX_ENTRIES; i++) {
		char name[32];
		snprintf(name, sizeof(name), "m%d", i);
		add(za, name, "", 0);
	}
	zip_close(za);
	is_str(open_pkg(&z, path, &data), "zip archive has 10001 members, more than the "
	       "10000 allowed", "10001 members: refused when opened");
	free(data);
	free(path);

	/* A zip bomb: 4 MiB of zeros deflate about a thousand times. */
	size_t big = (size_t)4 << 20;
	char *zeros = ul_xcalloc(big, 1);
	za = create("bomb.zip", &path);
	zip_int64_t i = add(za, "sheet.xml", zeros, big);
	zip_set_file_compression(za, (zip_uint64_t)i, ZIP_CM_DEFLATE, 9);
	zip_close(za);
	got = read_member(path, "sheet.xml", &rc);
	ok(rc == -1 && strstr(got, "'sheet.xml' is compressed ") &&
	   strstr(got, " times (a zip bomb?), more than the 1000 allowed"),
	   "a member compressed over 1000 times: a zip bomb");
	if (rc != -1)
		printf("# got '%s'\n", got);
	free(got);
	free(path);
	free(zeros);

	/* Encrypted */
	za = create("secret.zip", &path);
	i = add(za, "content.xml", "<x/>", 4);
	if (zip_file_set_encryption(za, (zip_uint64_t)i, ZIP_EM_AES_256, "mot de passe") == 0 &&
	    zip_close(za) == 0) {
		got = read_member(path, "content.xml", &rc);
		ok(rc == -1 && strcmp(got, "'content.xml' is encrypted (a password-protected "
				      "file?)") == 0, "an encrypted member: refused, saying why");
		free(got);
	} else {
		zip_discard(za);
		ok(1, "# skip libzip without AES");
	}
	free(path);

	/* A corrupt member: its stored bytes changed after the CRC was written. */
	za = create("corrupt.zip", &path);
	i = add(za, "content.xml", "<office:document-content/>", 26);
	zip_set_file_compression(za, (zip_uint64_t)i, ZIP_CM_STORE, 0);
	zip_close(za);
	size_t len;
	ul_read_file(path, 1 << 20, &data, &len);
	char *hit = memmem(data, len, "document-content", 16);
	if (hit)
		*hit = 'D';
	fp = fopen(path, "wb");
	fwrite(data, 1, len, fp);
	fclose(fp);
	free(data);
	got = read_member(path, "content.xml", &rc);
	ok(rc == -1 && strncmp(got, "'content.xml' is corrupt: ", 26) == 0,
	   "a member that fails its CRC: corrupt");
	if (rc != -1)
		printf("# got '%s'\n", got);
	free(got);
	free(path);

	/* XML */
	got = pull("<a><b>x</b><c/></a>", false);
	is_str(got, "", "well-formed XML pulls to its end");
	free(got);
	got = pull("<a><b>x</b><c/></a>", true);
	is_str(got, "", "…and skips to its end");
	free(got);
	got = pull("<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY e \"lol\">]><a>&e;</a>",
		   false);
	is_str(got, "'x.xml' declares a document type, which no spreadsheet needs "
	       "(refused: entities are how XML bombs work)", "a DTD: refused (the entity bomb)");
	free(got);
	got = pull("<!DOCTYPE a><a/>", true);
	is_str(got, "'x.xml' declares a document type", "…when skipping too");
	free(got);
	got = pull("<a><b></a>", false);
	is_str(got, "'x.xml':1: Opening and ending tag mismatch: b line 1 and a",
	       "malformed XML: libxml2's message, with the member's name and line");
	free(got);
	got = pull("<a><b></a>", true);
	ok(*got != '\0', "…when skipping too");
	free(got);

	/* Relationship targets */
	got = ul_zpkg_resolve("xl/workbook.xml", "worksheets/sheet1.xml");
	is_str(got, "xl/worksheets/sheet1.xml", "resolve: relative to the part's folder");
	free(got);
	got = ul_zpkg_resolve("xl/worksheets/sheet1.xml", "../media/../drawings/./d1.xml");
	is_str(got, "xl/drawings/d1.xml", "resolve: . and .. folded");
	free(got);
	got = ul_zpkg_resolve("xl/workbook.xml", "/xl/styles.xml");
	is_str(got, "xl/styles.xml", "resolve: an absolute target");
	free(got);

	char *cmd = ul_xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		ok(0, "cleanup");
	free(cmd);
	return done_testing();
}
