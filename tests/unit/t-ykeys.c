/* SPDX-License-Identifier: ISC */
/*
 * The one unknown-key check (lib/ykeys): lookup, the message with its
 * suggestion or its list of keys, cuts, the suggestion budget, and the
 * check of a whole mapping with positions and slots.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "util.h"
#include "yamlload.h"
#include "ykeys.h"

static const char *const keys[] = { "id", "title", "text", "icon" };
#define NKEYS (sizeof(keys) / sizeof(keys[0]))

static void
test_message(void)
{
	char buf[256], small[42];

	is_int((int)ul_ykey_index("title", keys, NKEYS), 1, "index of a key");
	is_int((int)ul_ykey_index("Title", keys, NKEYS), (int)NKEYS,
	       "keys are case-sensitive");
	is_str(ul_ykey_message(buf, sizeof(buf), "titel", NULL, keys, NKEYS,
			       true),
	       "unknown key 'titel' (did you mean 'title'?)", "suggestion");
	is_str(ul_ykey_message(buf, sizeof(buf), "zzzzzz", NULL, keys, NKEYS,
			       true),
	       "unknown key 'zzzzzz': expected one of id, title, text, icon",
	       "no close key: the list of keys");
	is_str(ul_ykey_message(buf, sizeof(buf), "titel", "in part 2", keys,
			       NKEYS, true),
	       "unknown key 'titel' in part 2 (did you mean 'title'?)",
	       "where follows the key");
	is_str(ul_ykey_message(buf, sizeof(buf), "titel", NULL, keys, NKEYS,
			       false),
	       "unknown key 'titel': expected one of id, title, text, icon",
	       "no suggestion asked: the list");
	is_str(ul_ykey_message(buf, sizeof(buf), "a\nb", NULL, keys, NKEYS,
			       false),
	       "unknown key 'a\\nb': expected one of id, title, text, icon",
	       "a newline in a key stays on one line");
	is_str(ul_ykey_message(small, sizeof(small), "zzzzzz", NULL, keys,
			       NKEYS, true),
	       "unknown key 'zzzzzz': expected one of…",
	       "a list that does not fit is cut with an ellipsis");
	ul_ykey_message(small, sizeof(small), "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz",
			NULL, keys, NKEYS, true);
	ok(strlen(small) < sizeof(small), "a long key never overruns");
	char mid[52];
	ul_ykey_message(mid, sizeof(mid), "zzzzzz", NULL, keys, NKEYS, true);
	is_str(mid, "unknown key 'zzzzzz': expected one of id, title…",
	       "cut between two keys, never inside one");
}

static void
test_check(void)
{
	static const char yaml[] =
		"id: a\ntitel: b\nzz: c\nicon: d\n";
	struct ul_ydoc doc;
	struct ul_diags d;
	const struct ul_ypair *slots[NKEYS];
	size_t budget = 1000;

	ul_diags_init(&d);
	is_int(ul_yaml_parse(&doc, "m.yaml", yaml, strlen(yaml),
			     &ul_ylimits_definition, &d), 0, "parses");
	is_int((int)ul_ykeys_check(doc.root, keys, NKEYS, slots, "m.yaml",
				   NULL, &budget, &d), 2, "two unknown keys");
	ok(slots[0] && strcmp(slots[0]->value->str, "a") == 0, "slot of id");
	ok(slots[1] == NULL && slots[2] == NULL, "keys not written: NULL");
	ok(slots[3] && slots[3]->key->line == 4, "slot of icon");
	is_int((int)d.errors, 2, "two errors");
	is_int(d.v[0].line, 2, "first at its key's line");
	is_int(d.v[0].col, 1, "and column");
	is_str(d.v[0].msg, "unknown key 'titel' (did you mean 'title'?)",
	       "with its suggestion");
	is_str(d.v[1].msg, "unknown key 'zz': expected one of id, title, "
	       "text, icon", "without one");
	is_int((int)budget, 1000 - 2 * (int)NKEYS, "each suggestion spends n");
	ul_diags_release(&d);

	/* a spent budget: the list, no comparison */
	ul_diags_init(&d);
	budget = NKEYS - 1;
	ul_ykeys_check(doc.root, keys, NKEYS, NULL, "m.yaml", "in x",
		       &budget, &d);
	is_str(d.v[0].msg, "unknown key 'titel' in x: expected one of id, "
	       "title, text, icon", "past the budget: the list");
	is_int((int)budget, (int)NKEYS - 1, "nothing spent past it");
	ul_diags_release(&d);
	ul_ydoc_release(&doc);
}

int
main(void)
{
	test_message();
	test_check();
	return done_testing();
}
