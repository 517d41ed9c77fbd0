/* SPDX-License-Identifier: ISC */
/*
 * The JSON results reader (lib/results-json.c), through the public entry
 * ul_results_read_mem: what a real export holds (escapes, surrogate pairs,
 * nested keys, lists, Miro's {"data": […]} envelope) reads into records,
 * and every malformed input is refused whole at its line and column.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "results.h"
#include "tap.h"
#include "util.h"

/* What the records said, one line each: "type|text|serial|tags". */
static int
collect(void *ctx, const struct ul_record *r)
{
	struct ul_buf *b = ctx;

	ul_buf_addf(b, "%s|%s|%s|", r->type ? r->type : "-",
		    r->text ? r->text : "-", r->serial ? r->serial : "-");
	for (size_t i = 0; i < r->ntags; i++)
		ul_buf_addf(b, "%s%s", i ? "," : "", r->tags[i]);
	if (r->reject)
		ul_buf_addf(b, " (%s)", r->reject);
	ul_buf_addc(b, '\n');
	return 0;
}

/*
 * Read json; returns "ok" and the records, or the first error as
 * "LINE:COL: message" (a malloc'd string).
 */
static char *
read_json(const char *json, size_t len)
{
	struct ul_ropts opts;
	struct ul_rsource src;
	struct ul_diags d;
	struct ul_buf out;
	char *res;

	memset(&opts, 0, sizeof(opts));
	ul_diags_init(&d);
	ul_buf_init(&out);
	ul_buf_adds(&out, "");
	int r = ul_results_read_mem("t.json", json, len, &opts, collect, &out,
				    &src, &d);
	if (r == 0 && d.errors == 0) {
		res = ul_xasprintf("ok\n%s", out.s);
	} else {
		const struct ul_diag *e = NULL;
		for (size_t i = 0; i < d.n && !e; i++)
			if (d.v[i].level == UL_ERROR)
				e = &d.v[i];
		res = e ? ul_xasprintf("%d:%d: %s", e->line, e->col, e->msg) :
			  ul_xstrdup("failed without an error");
		if (r == 0)
			ul_buf_adds(&out, "");
	}
	ul_rsource_release(&src);
	ul_diags_release(&d);
	ul_buf_release(&out);
	return res;
}

static void
reads(const char *json, const char *want, const char *name)
{
	char *got = read_json(json, strlen(json));
	is_str(got, want, name);
	free(got);
}

int
main(void)
{
	/* Good inputs: what they read as. */
	reads("[{\"type\": \"friction\", \"text\": \"Trop loin\"}]",
	      "ok\nfriction|Trop loin|-|\n", "a list of one object");
	reads("\xef\xbb\xbf[{\"type\":\"idea\",\"text\":\"Bus\"}]",
	      "ok\nidea|Bus|-|\n", "a byte order mark is skipped");
	reads("[{\"type\":\"note\",\"text\":\"a\\\"b\\\\c\\/d\\te\\nf\\rg\\bh\\fi\"}]",
	      "ok\nnote|a\"b\\c/d\te\nf\rg\bh\fi|-|\n", "every short escape");
	reads("[{\"type\":\"note\",\"text\":\"\\u0041\\u00e9\\u20ac\\ud83d\\ude00\"}]",
	      "ok\nnote|A\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80|-|\n",
	      "\\u escapes of 1, 2, 3 and 4 bytes (a surrogate pair)");
	reads("[{\"type\":\"note\",\"text\":\"\\u00C9\"}]",
	      "ok\nnote|\xc3\x89|-|\n", "\\u escapes in capitals");
	reads("[{\"type\":\"note\",\"text\":\"x\",\"tags\":[\"a\",null,\"b\",[]]}]",
	      "ok\nnote|x|-|a,b\n", "a list joined, nulls and empty lists left out");
	reads("[{\"type\":\"note\",\"text\":\"x\",\"votes\":3,\"ok\":true,"
	      "\"no\":false,\"none\":null,\"more\":{}}]",
	      "ok\nnote|x|-|\n", "numbers, true, false, null and {} as values");
	reads("{\"cursor\": \"abc\", \"size\": [1, {\"x\": [2]}], \"data\": "
	      "[{\"type\":\"idea\",\"text\":\"Miro\"}], \"total\": 1}",
	      "ok\nidea|Miro|-|\n", "an object's \"data\" list, other members skipped");
	reads("[{\"type\":\"idea\",\"text\":\"A\"},{},{\"type\":\"idea\",\"text\":\"B\","
	      "\"tags\":[{\"x\":1}]}]",
	      "ok\nidea|A|-|\n-|-|-|\nidea|B|-|\n",
	      "an empty object, and objects inside lists left out");

	/* Malformed inputs: refused whole, at their position. */
	reads("", "0:0: empty file: no header line", "empty input");
	reads("[]", "0:0: JSON: no record with any key", "an empty list");
	reads("[{\"text\":\"x\"}] tail", "1:16: JSON: text after the list",
	      "text after the list");
	reads("[{\"text\":\"x\xff\"}]", "1:12: JSON: invalid UTF-8", "invalid UTF-8");
	reads("[{\"text\":\"abc", "1:14: JSON: unterminated string",
	      "an unterminated string");
	reads("[{\"text\":\"a\tb\"}]", "1:12: JSON: control character in a string",
	      "a raw tab in a string");
	reads("[{\"text\":\"\\q\"}]", "1:13: JSON: bad escape in a string",
	      "an unknown escape");
	reads("[{\"text\":\"\\u12G4\"}]", "1:15: JSON: bad \\u escape",
	      "a \\u escape with a non-hex digit");
	reads("[{\"text\":\"\\u12", "1:15: JSON: bad \\u escape",
	      "a \\u escape cut by the end");
	reads("[{\"text\":\"\\ud83d\"}]", "1:17: JSON: lone surrogate in a \\u escape",
	      "a high surrogate alone");
	reads("[{\"text\":\"\\ud83d\\u0041\"}]",
	      "1:23: JSON: lone surrogate in a \\u escape",
	      "a high surrogate before a non-surrogate");
	reads("[{\"text\":\"\\ude00\"}]", "1:17: JSON: lone surrogate in a \\u escape",
	      "a low surrogate alone");
	reads("[{\"text\":\"\\u0000\"}]", "1:17: JSON: NUL in a string",
	      "an escaped NUL");
	reads("[{\"text\": }]", "1:11: JSON: expected a value", "a missing value");
	reads("[{text: 1}]", "1:3: JSON: expected a key in quotes", "a bare key");
	reads("[{\"text\" 1}]", "1:10: JSON: expected ':' after a key", "a missing colon");
	reads("[{\"text\": 1 \"b\": 2}]", "1:13: JSON: expected ',' or '}'",
	      "a missing comma in an object");
	reads("[{\"tags\": [1 2]}]", "1:14: JSON: expected ',' or ']'",
	      "a missing comma in a list");
	reads("[{\"a\":1} {\"b\":2}]", "1:10: JSON: expected ',' or ']'",
	      "a missing comma between records");
	reads("[{\"a\":1},", "1:10: JSON: unexpected end of input",
	      "a list cut after a comma");
	reads("[1, 2]", "1:2: JSON: a list item that is not an object",
	      "a list of values");
	reads("{\"cursor\": 1}", "1:13: JSON: an object without a \"data\" list of records",
	      "an object without a data list");
	reads("{\"data\": [{\"a\": 1}], \"more\": ]}", "1:30: JSON: unbalanced brackets",
	      "a broken member after the data list");
	reads("{\"x\": , \"data\": []}", "1:7: JSON: expected a value",
	      "a missing value before the data list");
	reads("{\"data\": [{\"a\": 1}] ", "1:21: JSON: expected ',' or '}'",
	      "the envelope not closed");

	/* Nesting: 64 levels read, 65 refused (a stack bound, not a crash). */
	struct ul_buf deep;
	ul_buf_init(&deep);
	ul_buf_adds(&deep, "[{\"type\":\"note\",\"a\":");
	for (int i = 0; i < 63; i++)
		ul_buf_adds(&deep, "{\"a\":");
	ul_buf_adds(&deep, "1");
	for (int i = 0; i < 64; i++)
		ul_buf_adds(&deep, "}");
	ul_buf_adds(&deep, "]");
	char *got = read_json(deep.s, deep.len);
	ok(strncmp(got, "ok\n", 3) == 0, "64 nested objects read");
	free(got);
	ul_buf_reset(&deep);
	ul_buf_adds(&deep, "[{\"type\":\"note\",\"a\":");
	for (int i = 0; i < 64; i++)
		ul_buf_adds(&deep, "{\"a\":");
	got = read_json(deep.s, deep.len);
	is_str(got, "1:336: JSON: nested too deep", "65 nested objects refused");
	free(got);
	ul_buf_reset(&deep);
	ul_buf_adds(&deep, "{\"skip\": ");
	for (int i = 0; i < 65; i++)
		ul_buf_adds(&deep, "[");
	got = read_json(deep.s, deep.len);
	is_str(got, "1:74: JSON: nested too deep",
	       "65 nested lists refused in a skipped member");
	free(got);
	ul_buf_release(&deep);

	return done_testing();
}
