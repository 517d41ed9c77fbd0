/* SPDX-License-Identifier: ISC */
/*
 * The YAML loader: the tree it builds, and every limit and policy refusal
 * with its position (line:col, column in characters) and message.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "util.h"
#include "yamlload.h"

static struct ul_diags diags;
static struct ul_ydoc doc;
static char first[512];

/*
 * Parse len bytes under lim; returns the parse result and leaves the first
 * diagnostic (after sorting) in first as "line:col: message".
 */
static int
parse_lim(const char *data, size_t len, const struct ul_ylimits *lim)
{
	int r;

	ul_ydoc_release(&doc);
	ul_diags_release(&diags);
	ul_diags_init(&diags);
	r = ul_yaml_parse(&doc, "t.yaml", data, len, lim, &diags);
	ul_diags_sort(&diags);
	first[0] = '\0';
	if (diags.n)
		snprintf(first, sizeof(first), "%d:%d: %s", diags.v[0].line,
			 diags.v[0].col, diags.v[0].msg);
	return r;
}

static int
parse(const char *s)
{
	return parse_lim(s, strlen(s), &ul_ylimits_definition);
}

/* The input is refused with exactly this first error, code 65. */
static void
refused(const char *yaml, size_t len, const char *want, const char *name)
{
	int r = parse_lim(yaml, len, &ul_ylimits_definition);

	ok(r == -1 && doc.root == NULL, name);
	is_str(first, want, name);
	is_int(ul_diags_exit_code(&diags), 65, name);
}

#define REFUSED(lit, want, name) refused(lit, sizeof(lit) - 1, want, name)

static char *
repeat(const char *head, const char *unit, size_t times, const char *tail)
{
	struct ul_buf b;

	ul_buf_init(&b);
	ul_buf_adds(&b, head);
	for (size_t i = 0; i < times; i++)
		ul_buf_adds(&b, unit);
	ul_buf_adds(&b, tail);
	return ul_buf_detach(&b);
}

/* The same, appending to head, which it frees. */
static char *
more(char *head, const char *unit, size_t times, const char *tail)
{
	char *s = repeat(head, unit, times, tail);

	free(head);
	return s;
}

static void
test_tree(void)
{
	const char *y =
		"titre: « Faire ses courses »\n"
		"durée: 90\n"
		"vide:\n"
		"liste:\n"
		"  - un\n"
		"  - 'deux'\n"
		"  - {a: 1, b: [x, y]}\n";
	struct ul_ynode *n, *m;

	is_int(parse(y), 0, "a plain definition loads");
	is_int((int)diags.n, 0, "without diagnostics");
	ok(doc.root && doc.root->kind == UL_YMAP && doc.root->n == 4,
	   "root is a mapping of four pairs");
	n = ul_ymap_get(doc.root, "titre");
	ok(n && n->kind == UL_YSCALAR, "titre is text");
	is_str(n ? n->str : NULL, "« Faire ses courses »", "titre's value");
	is_int(n ? n->line : 0, 1, "titre's value line");
	is_int(n ? n->col : 0, 8, "titre's value column");
	n = ul_ymap_get(doc.root, "durée");
	ok(n && n->plain && strcmp(n->str, "90") == 0, "a plain number");
	is_int(n ? n->col : 0, 8, "column after é counts characters");
	ok(ul_ynode_is_null(ul_ymap_get(doc.root, "vide")), "empty is null");
	ok(ul_ymap_get(doc.root, "absent") == NULL, "missing key is NULL");
	n = ul_ymap_get(doc.root, "liste");
	ok(n && n->kind == UL_YSEQ && n->n == 3, "a list of three");
	if (n && n->n == 3) {
		ok(!n->items[1]->plain, "quoted text is not plain");
		ok(!ul_ynode_is_null(n->items[1]), "quoted is never null");
		m = n->items[2];
		is_int(m->line, 7, "flow mapping line");
		is_int(m->col, 5, "flow mapping column");
		m = ul_ymap_get(m, "b");
		ok(m && m->kind == UL_YSEQ && m->n == 2, "nested flow list");
		is_int(m ? m->items[1]->col : 0, 19, "nested item column");
	}
	is_str(ul_ykind_name(UL_YSCALAR), "text", "kind name text");
	is_str(ul_ykind_name(UL_YSEQ), "list", "kind name list");
	is_str(ul_ykind_name(UL_YMAP), "mapping", "kind name mapping");

	is_int(parse("\"a\\0b\": 1\n'<<': 2\n\"\": 3\n"), -1,
	       "NUL in a key is refused");
	is_int(parse("'<<': 1\n\"\": 2\n"), 0,
	       "a quoted '<<' and an empty key are ordinary keys");
	is_int(parse("a: ~\nb: null\nc: Null\nd: NULL\ne: \"\"\n"), 0,
	       "null forms load");
	ok(ul_ynode_is_null(ul_ymap_get(doc.root, "a")) &&
	   ul_ynode_is_null(ul_ymap_get(doc.root, "d")) &&
	   !ul_ynode_is_null(ul_ymap_get(doc.root, "e")), "null forms");
}

static void
test_position(void)
{
	int line, col;
	const char *s = "ab\né«…x\r\ny\rz\xc2\x85w\xe2\x80\xa8v";

	ul_yaml_position(s, strlen(s), 0, &line, &col);
	ok(line == 1 && col == 1, "offset 0 is 1:1");
	ul_yaml_position(s, strlen(s), 10, &line, &col);
	ok(line == 2 && col == 4, "x after é « … (2+2+3 bytes) is 2:4");
	ul_yaml_position(s, strlen(s), 13, &line, &col);
	ok(line == 3 && col == 1, "CR LF is one line end");
	ul_yaml_position(s, strlen(s), 15, &line, &col);
	ok(line == 4 && col == 1, "a lone CR ends a line");
	ul_yaml_position(s, strlen(s), 18, &line, &col);
	ok(line == 5 && col == 1, "NEL ends a line (as in libyaml)");
	ul_yaml_position(s, strlen(s), 22, &line, &col);
	ok(line == 6 && col == 1, "LS ends a line (as in libyaml)");
	ul_yaml_position(s, strlen(s), 1000, &line, &col);
	ok(line == 6 && col == 2, "past the end clamps to the end");
	ul_yaml_position("\xef\xbb\xbf" "ab", 5, 4, &line, &col);
	ok(line == 1 && col == 2, "a byte order mark is no column");
}

static void
test_limits(void)
{
	struct ul_ylimits small = ul_ylimits_definition;
	char *s;

	/* Nesting depth: 32 levels load, the 33rd is refused where it opens. */
	s = repeat("", "[", 32, "");
	s = more(s, "]", 32, "");
	is_int(parse(s), 0, "32 nested lists load");
	free(s);
	s = repeat("", "[", 33, "");
	refused(s, strlen(s), "1:33: nested too deeply (limit 32 levels)",
		"33 nested lists");
	free(s);
	s = repeat("", "[", 100000, "");
	refused(s, strlen(s), "1:33: nested too deeply (limit 32 levels)",
		"100,000 nested lists");
	free(s);
	s = repeat("", "- ", 40, "x\n");
	refused(s, strlen(s), "1:65: nested too deeply (limit 32 levels)",
		"block lists nested on one line");
	free(s);
	small.max_depth = 3;
	is_int(parse_lim("a:\n b:\n  c:\n   d:\n    e: 1\n", 27, &small), -1,
	       "a depth limit of 3");
	is_str(first, "4:4: nested too deeply (limit 3 levels)",
	       "deep mapping refused at the fourth level");

	/* File size: exactly the limit loads, one byte more does not. */
	s = repeat("k: ", "v", 1000, "\n");
	s = more(s, "#", (1 << 20) - strlen(s) - 1, "\n");
	is_int((int)strlen(s), 1 << 20, "a file of exactly 1 MiB");
	is_int(parse(s), 0, "1 MiB loads");
	s[strlen(s) - 1] = '#';
	s = more(s, "", 0, "\n");
	refused(s, strlen(s),
		"1:1: file too large (1048577 bytes, limit 1048576)",
		"1 MiB + 1 byte");
	free(s);
	small = ul_ylimits_definition;
	small.max_bytes = 10;
	is_int(parse_lim("a: 1234567\n", 11, &small), -1,
	       "the size limit is a parameter");
	is_str(first, "1:1: file too large (11 bytes, limit 10)",
	       "size limit message");

	/* Scalar length: 64 KiB loads, one more byte does not. */
	s = repeat("a: b\nc: ", "x", 64 << 10, "\n");
	is_int(parse(s), 0, "a 64 KiB text loads");
	free(s);
	s = repeat("a: b\nc: ", "é", 32 << 10, "x\n");
	refused(s, strlen(s), "2:4: text too long (65537 bytes, limit 65536)",
		"a text one byte too long");
	free(s);
	s = repeat("a: |\n", "  ligne de texte assez longue\n", 3000, "");
	refused(s, strlen(s), "1:4: text too long (84000 bytes, limit 65536)",
		"a long block text is measured once folded");
	free(s);

	/* Node count. */
	small = ul_ylimits_definition;
	small.max_nodes = 5;
	is_int(parse_lim("[1, 2, 3, 4]", 12, &small), 0, "5 nodes load");
	is_int(parse_lim("[1, 2, 3, 4, 5]", 15, &small), -1, "6 do not");
	is_str(first, "1:14: too many nodes (limit 5)", "node limit message");
}

static void
test_policy(void)
{
	char *s;

	REFUSED("a: &x 1\n", "1:4: anchors are not supported ('&x'): "
		"repeat the content instead", "an anchor");
	REFUSED("a: 1\nb: *x\n", "2:4: aliases are not supported ('*x'): "
		"repeat the content instead", "an alias");
	REFUSED("- &liste [1]\n", "1:3: anchors are not supported ('&liste'): "
		"repeat the content instead", "an anchor on a list");
	parse("a: &x 1\nb: *x\nc: *x\n*x : 2\n");
	is_int((int)diags.errors, 4, "every anchor and alias is reported, "
	       "alias keys are no duplicates");
	parse("*x : 1\n\"\": 2\n? [a]\n: 3\n\"\": 4\n");
	is_int((int)diags.errors, 3, "an alias, a complex key, one duplicate");
	is_str(diags.n == 3 ? diags.v[2].msg : NULL, "duplicate key '' "
	       "(first at line 2)", "placeholders are never the first");
	REFUSED("a: 1\n<<: {b: 2}\n", "2:1: merge keys ('<<') are not "
		"supported: write the keys out", "a merge key");
	REFUSED("a: !!str 1\n", "1:4: tags are not supported "
		"('tag:yaml.org,2002:str')", "a tag");
	REFUSED("a: !local 1\n", "1:4: tags are not supported ('!local')",
		"a local tag");
	REFUSED("--- !!map\na: 1\n", "1:5: tags are not supported "
		"('tag:yaml.org,2002:map')", "a tag on the root");
	REFUSED("? [a, b]\n: c\n", "1:3: a key must be plain text, not a list",
		"a complex key");
	REFUSED("{[a]: 1, {b: 2}: 3}\n",
		"1:2: a key must be plain text, not a list",
		"complex keys in a flow mapping");
	is_int((int)diags.errors, 2, "both complex keys, no duplicate");

	REFUSED("titre: a\ndurée: 1\ntitre: b\n",
		"3:1: duplicate key 'titre' (first at line 1)",
		"a duplicate key names both lines");
	parse("a: 1\nb: 2\na: 3\nc: {x: 1, x: 2}\na: 4\n");
	is_int((int)diags.errors, 3, "each duplicate reported once");
	is_str(diags.v[1].msg, "duplicate key 'x' (first at line 4)",
	       "a duplicate in a flow mapping");
	is_int(diags.v[1].col, 11, "its column");
	s = repeat("? \"", "très long ", 20, "\"\n: 1\n");
	s = more(s, "", 0, strchr(s, '?'));
	refused(s, strlen(s), "3:3: duplicate key 'très long très long "
		"très long très long très long très…' (first at line 1)",
		"a long duplicate key is shortened");
	free(s);

	REFUSED("a: \"x\\0y\"\n", "1:4: text contains a NUL character",
		"NUL written \\0");
	REFUSED("a: \"x\\u0000y\"\n", "1:4: text contains a NUL character",
		"NUL written \\u0000");
	REFUSED("- ok\n- \"\\x00\"\n", "2:3: text contains a NUL character",
		"NUL written \\x00");
	REFUSED("a: \"\\e[31m\"\n", "1:4: text contains control character "
		"U+001B", "ESC written \\e");
	REFUSED("a: \"\\x85\\x80\"\n", "1:4: text contains control character "
		"U+0080", "a C1 control written \\x80");
	is_int(parse("a: \"tab\\tline\\nnel\\N\"\n"), 0,
	       "tab, line feed and NEL escapes are text");

	REFUSED("a: 1\n---\nb: 2\n", "2:1: several documents in one file "
		"(only one is allowed)", "two documents");
	REFUSED("a: 1\n...\n---\nb: 2\n", "3:1: several documents in one file "
		"(only one is allowed)", "two documents after an end marker");
	is_int(parse("%YAML 1.1\n---\na: 1\n...\n"), 0,
	       "one explicit document loads");

	REFUSED("", "1:1: empty document", "an empty file");
	REFUSED("# rien\n# encore rien\n", "3:1: empty document",
		"only comments");
	REFUSED("---\n", "2:1: empty document", "only a document marker");
	REFUSED("~\n", "2:1: empty document", "only a null");
	is_int(parse("\"\"\n"), 0, "an empty quoted text is a document");
}

static void
test_bytes(void)
{
	REFUSED("a: \xff\n", "1:4: invalid UTF-8 byte 0xff (save the file "
		"as UTF-8)", "an invalid byte");
	REFUSED("titre: « été »\nnote: \xe9t\xe9\n", "2:7: invalid UTF-8 "
		"byte 0xe9 (save the file as UTF-8)", "Latin-1 after UTF-8");
	REFUSED("a: \xc3\n", "1:4: invalid UTF-8 byte 0xc3 (save the file "
		"as UTF-8)", "a truncated sequence");
	REFUSED("a: \xc0\xaf\n", "1:4: invalid UTF-8 byte 0xc0 (save the "
		"file as UTF-8)", "an overlong form");
	REFUSED("a: \xed\xa0\x80\n", "1:4: invalid UTF-8 byte 0xed (save the "
		"file as UTF-8)", "a surrogate");
	REFUSED("a: é\xf4\x90\x80\x80\n", "1:5: invalid UTF-8 byte 0xf4 "
		"(save the file as UTF-8)", "past U+10FFFF");
	REFUSED("\xff\xfe" "a\0:\0", "1:1: invalid UTF-8 byte 0xff (save the "
		"file as UTF-8)", "UTF-16");
	REFUSED("a: x\0y\n", "1:5: control character U+0000 is not allowed",
		"a raw NUL byte");
	REFUSED("titre: « Ça coince… »\x01\n", "1:22: control character "
		"U+0001 is not allowed", "column after « … » counts characters");
	REFUSED("a: 1\r\nb: 2\r\n\x1b", "3:1: control character U+001B is not "
		"allowed", "lines end with CR LF");
	REFUSED("a: \x7f\n", "1:4: control character U+007F is not allowed",
		"DEL");
	REFUSED("a: é\xc2\x80\n", "1:5: control character U+0080 is not "
		"allowed", "a C1 control");
	REFUSED("a: \xef\xbf\xbe\n", "1:4: control character U+FFFE is not "
		"allowed", "a non-character");
	is_int(parse("a: \"x\ty\"\nb: \xc2\xa0\xef\xbb\xbf\n"), 0,
	       "tab, no-break space and a stray BOM are text");
	is_int(parse("\xef\xbb\xbf" "a: 1\n"), 0, "a leading BOM loads");
	REFUSED("\xef\xbb\xbf" "a: [1,\n", "2:1: did not find expected node "
		"content while parsing a flow node (started at line 2)",
		"positions after a BOM");
	REFUSED("\xef\xbb\xbf" "a: b: c\n", "1:5: mapping values are not "
		"allowed in this context", "a BOM is no column");
}

static void
test_syntax(void)
{
	REFUSED("a: [1, 2\nb: 3\n", "2:2: did not find expected ',' or ']' "
		"while parsing a flow sequence (started at line 1)",
		"an unclosed flow list");
	REFUSED("a: 'x\n", "2:1: found unexpected end of stream while "
		"scanning a quoted scalar (started at line 1)",
		"an unclosed quote");
	REFUSED("a:\n  b: 1\n c: 2\n", "3:2: did not find expected key while "
		"parsing a block mapping (started at line 1)",
		"a bad indentation");
	REFUSED("é: « x »: y\n", "1:9: mapping values are not allowed in this "
		"context", "a column after French text");
	REFUSED("a:\tb\n\tc: d\n", "2:1: found a tab character that "
		"violates indentation while scanning a plain scalar (started "
		"at line 1)", "a tab indentation");
	REFUSED("- a\nb: c\n", "2:1: did not find expected '-' indicator "
		"while parsing a block collection (started at line 1)",
		"a list then a key");
	REFUSED("a: \"\\q\"\n", "1:5: found unknown escape character while "
		"parsing a quoted scalar (started at line 1)",
		"an unknown escape");
}

static void
test_many(void)
{
	const char *y =
		"a: &x 1\n"
		"b: *x\n"
		"a: 2\n"
		"c: !!int 3\n"
		"<<: {d: 4}\n"
		"e: \"\\0\"\n";

	is_int(parse(y), -1, "a file with six problems");
	is_int((int)diags.errors, 6, "six errors in one run");
	if (diags.n == 6) {
		for (int i = 0; i < 6; i++)
			is_int(diags.v[i].line, i + 1, "sorted by line");
	}
}

static void
test_load(void)
{
	char path[] = "/tmp/t-yamlload.XXXXXX";
	int fd = mkstemp(path);
	char *big;
	int r;

	ok(fd >= 0, "a scratch file");
	if (fd < 0)
		return;
	big = repeat("a: ", "b", (1 << 20) + 100000, "\n");
	if (write(fd, big, strlen(big)) != (ssize_t)strlen(big))
		ok(0, "write the scratch file");
	close(fd);
	ul_diags_release(&diags);
	ul_diags_init(&diags);
	r = ul_yaml_load(&doc, path, &ul_ylimits_definition, &diags);
	ok(r == -1 && diags.n == 1, "a file past the limit is refused");
	if (diags.n) {
		is_str(diags.v[0].msg, "file too large: over the limit of "
		       "1 MiB", "too large, from a file");
		ok(diags.v[0].line == 0 && diags.v[0].col == 0,
		   "a fault of the whole file: no position");
		is_str(diags.v[0].file, path, "naming the file");
	}
	ul_ydoc_release(&doc);
	unlink(path);
	free(big);

	ul_diags_release(&diags);
	ul_diags_init(&diags);
	r = ul_yaml_load(&doc, path, &ul_ylimits_definition, &diags);
	ok(r == -1 && diags.n == 1, "a missing file is refused");
	is_int(ul_diags_exit_code(&diags), 66, "with code 66");
	ul_ydoc_release(&doc);

	/* Results files have room for more. */
	big = repeat("a: ", "b", (1 << 20) - 10, "\n");
	is_int(parse_lim(big, strlen(big), &ul_ylimits_results), 0,
	       "a 1 MiB text loads as results");
	free(big);
}

int
main(void)
{
	ul_diags_init(&diags);
	ul_arena_init(&doc.arena);
	test_tree();
	test_position();
	test_limits();
	test_policy();
	test_bytes();
	test_syntax();
	test_many();
	test_load();
	ul_ydoc_release(&doc);
	ul_diags_release(&diags);
	return done_testing();
}
