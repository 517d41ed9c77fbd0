/* SPDX-License-Identifier: ISC */
/*
 * The workshop model: defaults, typed values, and every kind of validation
 * error with its position. Run from the top of the source tree (make check).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "util.h"
#include "workshop.h"

/* The head every focused case shares: a valid workshop to break. */
#define HEAD "utilab: 1\nid: t\ntitle: T\n"

static char out[8192];

/* Parse text and return the diagnostics, one "line:col: level: msg" a line. */
static const char *
check(const char *yaml)
{
	struct ul_workshop ws;
	struct ul_diags d;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;

	ul_diags_init(&d);
	ul_workshop_parse(&ws, "t.yaml", yaml, strlen(yaml), &d);
	ul_diags_sort(&d);
	fp = open_memstream(&buf, &len);
	ul_diags_print(&d, fp, "t");
	fclose(fp);
	snprintf(out, sizeof(out), "%s", buf);
	free(buf);
	ul_workshop_release(&ws);
	ul_diags_release(&d);
	return out;
}

/* Whether the diagnostics of yaml contain want (a substring). */
#define has(yaml, want, name)                                            \
	do {                                                              \
		const char *got_ = check(yaml);                           \
		if (!ok(strstr(got_, want) != NULL, name))                \
			printf("#   wanted '%s' in:\n#   %s\n", want, got_);  \
	} while (0)

#define clean(yaml, name) is_str(check(yaml), "", name)

static void
test_mini(void)
{
	struct ul_workshop ws;
	struct ul_diags d;
	const struct ul_deck *dk;
	const struct ul_poster *po;
	char serial[32];

	ul_diags_init(&d);
	is_int(ul_workshop_load(&ws, "tests/golden/mini.yaml", &d), 0,
	       "mini.yaml loads");
	is_int(d.errors + d.warnings, 0, "without a diagnostic");
	is_str(ws.id, "mini", "id");
	is_str(ws.dir, "tests/golden", "dir is the file's directory");
	is_int(ws.version, 1, "version");
	is_int(ws.kind, UL_WS_BESOINS, "kind");
	is_str(ws.lang, "fr", "lang");
	is_str(ws.date, "2023-05-12", "date");
	is_int(ws.duration, 45, "duration");
	is_int(ul_workshop_minutes(&ws), 45, "phases' total");
	is_int(ws.partners.n, 2, "partners");
	is_str(ws.partners.v[1], "LMH", "partner text");
	is_int(ws.audience.expected, 12, "audience expected");
	is_int(ws.audience.tables, 2, "audience tables");
	is_str(ws.theme.paper.text, "#FFF", "paper as written");
	ok(ws.theme.paper.r == 1 && ws.theme.paper.b == 1, "#FFF is white");
	is_int(ws.nphases, 3, "phases");
	is_int(ws.phases[1].uses.n, 3, "uses");
	is_int(ws.phases[1].steps.pos[1].line, 30, "step position");
	is_int(ws.ndecks, 3, "decks");
	is_int(ws.nposters, 2, "posters");

	dk = ul_workshop_deck(&ws, "sequences");
	ok(dk != NULL, "deck by id");
	is_int(dk->kind, UL_DECK_PROMPT, "prompt deck");
	is_int(dk->ncards, 2, "cards");
	is_str(dk->back.title, "Séquences de vie", "back title defaults to "
	       "the deck's");
	is_int(dk->cards[1].copies, 2, "copies");
	is_int(dk->cards[0].copies, 1, "copies default 1");
	is_int(dk->cards[0].questions.n, 3, "questions");
	is_int(dk->cards[0].pos.line, 45, "card position");
	is_int(dk->cards[0].text_pos.line, 47, "card text position");
	ok(dk->size.w == 63 && dk->size.h == 88, "poker 63x88");
	ok(!dk->qr.enabled, "QR off by default on a prompt deck");
	ok(ul_qr_template(&ws, &dk->qr) == NULL, "so no template");

	dk = ul_workshop_deck(&ws, "habitants");
	ok(dk->size.w == 70 && dk->size.h == 100, "WxHmm size");
	is_str(dk->cards[0].goals.v[0], "Faire les courses une fois par semaine",
	       "persona goals");
	is_int(dk->cards[0].frustrations.n, 1, "persona frustrations");
	is_str(dk->color.text, "#E4003A", "deck colour defaults to theme's");

	dk = ul_workshop_deck(&ws, "frictions");
	is_int(dk->kind, UL_DECK_WRITEIN, "write-in deck");
	is_int(dk->count, 40, "count");
	is_int(dk->first, 1, "first defaults to 1");
	is_int(dk->nfields, 3, "fields");
	is_int(dk->fields[0].lines, 1, "lines default 1");
	is_int(dk->fields[1].lines, 4, "lines");
	is_int(dk->fields[2].scale, 5, "scale");
	ok(dk->qr.enabled, "QR on by default on a write-in deck");
	is_str(ul_qr_template(&ws, &dk->qr),
	       "https://example.org/u/{workshop}/{deck}/{card}{serial}",
	       "the workshop's template applies");
	ul_serial(dk, 7, serial, sizeof(serial));
	is_str(serial, "FRI-007", "serial");
	ul_serial(dk, 1234, serial, sizeof(serial));
	is_str(serial, "FRI-1234", "serial past 999");

	po = ul_workshop_poster(&ws, "parcours");
	is_int(po->kind, UL_POSTER_JOURNEY, "journey poster");
	is_int(po->columns.n, 4, "columns");
	is_int(po->rows.n, 3, "rows");
	ok(po->size.w == 594 && po->size.h == 841, "a1");
	po = ul_workshop_poster(&ws, "priorites");
	is_int(po->items.n, 3, "vote items");
	is_int(po->dots, 3, "dots");
	ok(ul_workshop_poster(&ws, "nope") == NULL, "unknown poster");
	ul_workshop_release(&ws);
	ul_diags_release(&d);
}

static void
test_defaults(void)
{
	struct ul_workshop ws;
	struct ul_diags d;
	const char *y = HEAD
		"decks:\n"
		"  - id: f\n    title: F\n    kind: write-in\n    count: 3\n"
		"    fields: [{id: a, label: A}]\n"
		"posters:\n  - {id: p, title: P, kind: agenda}\n";

	ul_diags_init(&d);
	is_int(ul_workshop_parse(&ws, "x/y/t.yaml", y, strlen(y), &d), 0,
	       "minimal workshop");
	is_str(ws.lang, "fr", "lang defaults to fr");
	is_int(ws.kind, UL_WS_AUTRE, "kind defaults to autre");
	is_str(ws.theme.font, "Atkinson Hyperlegible", "default font");
	is_str(ws.theme.color.text, "#E4003A", "default accent");
	is_str(ws.theme.ink.text, "#1D1D1B", "default ink");
	is_str(ws.dir, "x/y", "dir");
	is_str(ws.decks[0].prefix, "F", "prefix defaults from the id");
	ok(!ws.decks[0].qr.enabled, "no QR on a write-in deck without a URL");
	is_str(ws.posters[0].size.name, "a1", "posters default to a1");
	ok(!ws.posters[0].qr.enabled, "posters: QR off by default");
	is_int(ul_workshop_minutes(&ws), 0, "no phases");
	ul_workshop_release(&ws);
	ul_diags_release(&d);

	ul_diags_init(&d);
	ul_workshop_parse(&ws, "t.yaml", "utilab: 1\n", 10, &d);
	is_str(ws.dir, ".", "dir of a bare name");
	ul_workshop_release(&ws);
	ul_diags_release(&d);
}

static void
test_golden_dozen(void)
{
	struct ul_workshop ws;
	struct ul_diags d;
	char *buf = NULL, *want;
	size_t len = 0, wlen;
	FILE *fp;

	ul_diags_init(&d);
	is_int(ul_workshop_load(&ws, "tests/golden/dozen-mistakes.yaml", &d),
	       -1, "dozen mistakes fail");
	is_int(d.errors, 12, "a dozen errors in one run");
	is_int(d.warnings, 1, "and the duration warning");
	ul_diags_sort(&d);
	fp = open_memstream(&buf, &len);
	ul_diags_print(&d, fp, "t");
	fclose(fp);
	if (ul_read_file("tests/golden/dozen-mistakes.err", 1 << 20, &want,
			 &wlen) == 0) {
		ok(wlen == len && memcmp(want, buf, len) == 0,
		   "diagnostics match dozen-mistakes.err byte for byte");
		if (wlen != len || memcmp(want, buf, len) != 0)
			printf("# got:\n%s", buf);
		free(want);
	} else
		ok(0, "read dozen-mistakes.err");
	free(buf);
	ul_workshop_release(&ws);
	ul_diags_release(&d);
}

static void
test_top(void)
{
	has("id: t\ntitle: T\n", "1:1: error: missing required key 'utilab'",
	    "utilab required");
	has("utilab: 2\nid: t\ntitle: T\n", "1:9: error: unsupported format "
	    "version 2", "version must be 1");
	has("utilab: un\nid: t\ntitle: T\n", "'utilab' must be a whole number",
	    "version typed");
	has("utilab: 1\ntitle: T\n", "missing required key 'id'",
	    "id required");
	has("utilab: 1\nid: t\n", "missing required key 'title'",
	    "title required");
	has("utilab: 1\nid: t\ntitle:\n", "3:7: error: 'title' is empty: "
	    "write a value after the colon, or remove the line",
	    "title: with nothing after it");
	is_int((int)(strstr(check("utilab: 1\nid: t\ntitle:\n"),
			    "must not be empty") != NULL), 0,
	       "a bare required key: one error, not two");
	has("utilab: 1\nid: t\ntitle: ~\n", "3:8: error: 'title' must not be "
	    "empty", "title: ~ (null on purpose) is still required");
	has("utilab: 1\nid: t\ntitle: \"\"\n", "'title' must not be empty",
	    "title not empty (quoted)");
	has("utilab: 1\nid: t\ntitle: [a]\n", "'title' must be text (or a mapping of languages to texts), not a "
	    "list", "title typed");
	has(HEAD "titel: x\n", "4:1: error: unknown key 'titel' (did you mean "
	    "'title'?)", "unknown key with suggestion");
	has(HEAD "zzzzzz: x\n", "4:1: error: unknown key 'zzzzzz': expected "
	    "one of utilab, id, title, summary,", "unknown key without "
	    "suggestion: the keys there are");
	has(HEAD "decks:\n- id: d\n  title: D\n  cards: [{id: a, title: A}]\n"
	    "  zzzzzz: 1\n", "8:3: error: unknown key 'zzzzzz': expected one "
	    "of id, title, kind, size, color,", "a deck's keys in a deck");
	has("- a\n- b\n", "must be a mapping of keys", "root must be a map");
	has("utilab: 1\nid: -t\ntitle: T\n", "bad id '-t'", "id start");
	has("utilab: 1\nid: t_u\ntitle: T\n", "bad id 't_u'", "id chars");
	has("utilab: 1\nid: tÉ\ntitle: T\n", "bad id", "id ASCII");
	clean("utilab: 1\nid: 0-a-b\ntitle: T\n", "digits and hyphens");
	has(HEAD "kind: besoin\n", "unknown workshop kind 'besoin' (did you "
	    "mean 'besoins'?)", "workshop kind");
	has(HEAD "summary: \"a\\nb\"\n", "'summary' must be one line",
	    "summary one line");
	has(HEAD "partners: MEL\n", "'partners' must be a list",
	    "partners typed");
	has(HEAD "partners: [a, [b]]\n", "each item of 'partners' must be text",
	    "list items typed");
	has(HEAD "audience: {who: x, expected: beaucoup}\n",
	    "'expected' must be a whole number, not 'beaucoup'", "audience");
	has(HEAD "audience: {whom: x}\n", "did you mean 'who'?",
	    "audience keys");
	has(HEAD "audience: 12\n", "'audience' must be a mapping",
	    "audience typed");
	has(HEAD "duration: 1h30\n", "'duration' must be a whole number",
	    "duration typed");
	clean(HEAD "duration: \"90\"\n", "quoted digits are a number");
}

static void
test_values(void)
{
	has(HEAD "date: 2023-13-01\n", "'date' must be a date written "
	    "YYYY-MM-DD that exists, not '2023-13-01'", "month 13");
	has(HEAD "date: 2023-02-29\n", "not '2023-02-29'", "not a leap year");
	clean(HEAD "date: 2024-02-29\n", "leap day");
	has(HEAD "date: 12/05/2023\n", "YYYY-MM-DD", "French date");
	has(HEAD "date: \"2023\\n\\tx\"\n", "not '2023\\n\\tx'\n",
	    "control characters escaped in messages");
	has(HEAD "date: \"0123456789012345678901234567890123456789"
	    "0123456789012345678901234567890123456789\"\n",
	    "not '012345678901234567890123456789012345678901234567890123456789...'\n",
	    "long text cut in messages");
	clean(HEAD "lang: fr-BE\n", "region subtag");
	clean(HEAD "lang: en\n", "other language");
	has(HEAD "lang: f\n", "'lang' must be a language tag", "lang short");
	has(HEAD "lang: fr BE\n", "'lang' must be a language tag",
	    "lang space");
	has(HEAD "theme: {color: red}\n", "'color' must be a colour written "
	    "#RGB or #RRGGBB (e.g. '#E4003A'), not 'red'", "colour name");
	has(HEAD "theme: {ink: \"#12345\"}\n", "not '#12345'",
	    "colour length");
	has(HEAD "theme: {paper: \"#GGG\"}\n", "not '#GGG'", "colour hex");
	clean(HEAD "theme: {paper: \"#abc\", ink: \"#AbCdEf\"}\n",
	      "colour case");
	has(HEAD "theme: {fonte: x}\n", "did you mean 'font'?", "theme keys");
	has(HEAD "qr: {url: \"https://x/{workshop}/{id}\"}\n",
	    "unknown placeholder '{id}' in QR template", "QR placeholder");
	has(HEAD "qr: {url: \"https://x/{workshop\"}\n",
	    "unknown placeholder '{workshop'", "QR unclosed brace");
	has(HEAD "qr: {url: \"https://x/}\"}\n", "unbalanced '}'",
	    "QR stray brace");
	has(HEAD "qr: {url: \"\"}\n", "must not be empty", "QR empty");
	clean(HEAD "qr: {url: \"https://x/{workshop}/{deck}/{card}/{serial}"
	      "?l={lang}\"}\n", "every placeholder");
	has(HEAD "qr: true\n", "'qr' must be a mapping with 'url'",
	    "workshop qr typed");

	/* QR targets: web, mail and phone addresses only. */
	static const char *const refused[] = {
		"javascript:alert(1)", "JavaScript:alert(1)",
		"data:text/html,<b>x</b>", "file:///etc/passwd",
		"ftp://example.org/x", "u/{card}", "{workshop}:x",
		"https://", "https:///x", " https://example.org", "httpx://e.org",
		"intent://x#Intent;end", "sms:+33600000000", "vbscript:x",
	};
	for (size_t i = 0; i < UL_NELEM(refused); i++) {
		char *y = ul_xasprintf(HEAD "qr: {url: \"%s\"}\n", refused[i]);
		has(y, "is not allowed: use an https:, http:, mailto: or tel: "
		    "address", refused[i]);
		free(y);
	}
	static const char *const allowed[] = {
		"https://example.org/{card}", "HTTP://example.org/",
		"mailto:atelier@example.org?subject={serial}",
		"tel:+33320000000",
	};
	for (size_t i = 0; i < UL_NELEM(allowed); i++) {
		char *y = ul_xasprintf(HEAD "qr: {url: \"%s\"}\n", allowed[i]);
		clean(y, allowed[i]);
		free(y);
	}
	has(HEAD "qr: {url: \"javascript:x\"}\n", "t.yaml:4:11: error: QR "
	    "target", "positioned at the value");
}

#define DECK HEAD "decks:\n  - id: d\n    title: D\n"
#define CARDS "    cards:\n      - {id: c, title: C}\n"
#define WRITEIN DECK "    kind: write-in\n    count: 10\n" \
	"    fields: [{id: a, label: A}]\n"

static void
test_decks(void)
{
	clean(DECK CARDS, "a prompt deck");
	has(DECK "    kind: promt\n" CARDS, "unknown deck kind 'promt' (did "
	    "you mean 'prompt'?): use prompt, persona or write-in",
	    "deck kind");
	is_str(check(DECK "    kind: writein\n    count: 3\n    fields: [{id: a, "
		     "label: A}]\n"),
	       "t.yaml:7:11: error: unknown deck kind 'writein' (did you mean "
	       "'write-in'?): use prompt, persona or write-in\n",
	       "a mistyped kind: checks go on with the suggested one, no echo");
	is_str(check(DECK "    kind: zzz\n    count: 3\n    fields: [{id: a, "
		     "label: A}]\n"),
	       "t.yaml:7:11: error: unknown deck kind 'zzz': use prompt, "
	       "persona or write-in\n",
	       "an unknown kind with write-in keys: taken for write-in");
	has(DECK, "5:5: error: prompt deck 'd' needs 'cards'",
	    "prompt deck needs cards");
	has(DECK "    kind: persona\n    cards: []\n", "persona deck 'd' needs "
	    "'cards'", "persona deck needs cards");
	has(DECK "    cards: x\n", "'cards' must be a list, not text",
	    "cards typed");
	has(DECK "    cards: [x]\n", "a card must be a mapping of keys, not "
	    "text", "card typed");
	has(DECK "    size: 20x20mm\n" CARDS, "size '20x20mm' is out of "
	    "bounds: each side must be between 30 and 300 mm", "card bounds");
	has(DECK "    size: a0\n" CARDS, "size 'a0' is out of bounds",
	    "named size out of bounds");
	has(DECK "    size: pokr\n" CARDS, "unknown size 'pokr' (did you mean "
	    "'poker'?)", "size typo");
	has(DECK "    size: 10x\n" CARDS, "unknown size '10x'", "size syntax");
	clean(DECK "    size: 63.5x88.9mm\n" CARDS, "decimal sizes");
	clean(DECK "    size: A6\n" CARDS, "named sizes ignore case");
	has(DECK "    color: \"#E4003\"\n" CARDS, "'color' must be a colour",
	    "deck colour");
	has(DECK "    back: {titre: x}\n" CARDS, "did you mean 'title'?",
	    "back keys");
	has(DECK "    qr: yes\n" CARDS, "'qr' must be true, false or a mapping "
	    "with 'url'", "deck qr typed");
	has(DECK "    qr: true\n" CARDS, "'qr' is on but no URL template "
	    "applies", "qr: true needs a template");
	clean(HEAD "qr: {url: \"https://e.org/u/{card}\"}\ndecks:\n  - id: d\n    title: D\n"
	      "    qr: true\n" CARDS, "qr: true with the workshop's template");
	clean(DECK "    qr: {url: \"https://e.org/u/{card}\"}\n" CARDS, "deck template");
	has(DECK "    qr: {url: \"data:x\"}\n" CARDS, "QR target 'data:x' is "
	    "not allowed", "a deck's template is checked too");
	has(DECK "    qr: {url: \"https://e.org/u/{x}\"}\n" CARDS, "unknown placeholder '{x}'",
	    "deck template checked");
	has(DECK "    qr: {}\n" CARDS, "missing required key 'url' in 'qr'",
	    "deck qr url");
	has(DECK "    count: 3\n" CARDS, "'count' only applies to write-in "
	    "decks", "count on a prompt deck");
	has(DECK CARDS "      - {id: c, title: C2}\n", "9:14: error: duplicate "
	    "card id 'c' (first at line 8)", "duplicate card");
	clean(DECK CARDS "  - id: e\n    title: E\n" CARDS,
	      "card ids are scoped by deck");
	has(DECK "    cards:\n      - {id: c}\n", "missing required key "
	    "'title' in card 'c'", "card title required");
	has(DECK "    cards:\n      - {title: C}\n", "missing required key "
	    "'id' in card 1", "card id required");
	has(DECK "    cards:\n      - {id: c, title: C, copies: 0}\n",
	    "'copies' must be between 1 and 100, not 0", "copies bounds");
	has(DECK "    cards:\n      - {id: c, title: C, copies: 101}\n",
	    "'copies' must be between 1 and 100, not 101", "copies bounds");
	has(DECK "    cards:\n      - {id: c, title: C, goals: [x]}\n",
	    "'goals' only applies to persona cards", "goals on a prompt");
	has(DECK "    cards:\n      - {id: c, title: C, questions: \"x\"}\n",
	    "'questions' must be a list", "questions typed");
	has(DECK "    cards:\n      - {id: c, title: C, icon: /etc/x.svg}\n",
	    "icon path '/etc/x.svg' must be relative", "absolute icon");
	has(DECK "    cards:\n      - {id: c, title: C, icon: a/../../x.svg}\n",
	    "must not leave the definition's directory", "icon with ..");
	clean(DECK "    cards:\n      - {id: c, title: C, icon: img/x..y.svg}\n",
	      "dots inside a name are fine");
	clean(DECK "    cards:\n      - {id: c, title: C, icon: nonexistent}\n",
	      "icon names are the cards side's business");
	has(DECK "    back: {icon: ../x.png}\n" CARDS, "must not leave",
	    "back icon checked too");
	has(DECK CARDS "  - id: d\n    title: D2\n" CARDS,
	    "duplicate deck or poster id 'd' (first at line 5)",
	    "duplicate deck");
	has(DECK CARDS "posters:\n  - {id: d, title: P, kind: agenda}\n",
	    "duplicate deck or poster id 'd'", "decks and posters share ids");
	has(HEAD "decks: {id: d}\n", "'decks' must be a list, not a mapping",
	    "decks typed");
}

static void
test_writein(void)
{
	clean(WRITEIN, "a write-in deck");
	has(DECK "    kind: write-in\n    fields: [{id: a, label: A}]\n",
	    "missing required key 'count' in deck 'd'", "count required");
	has(DECK "    kind: write-in\n    count: 0\n    fields: [{id: a, label: "
	    "A}]\n", "'count' must be between 1 and 10000, not 0",
	    "count bounds");
	has(DECK "    kind: write-in\n    count: 10001\n    fields: [{id: a, "
	    "label: A}]\n", "not 10001", "count bounds");
	has(DECK "    kind: write-in\n    count: 10\n", "write-in deck 'd' "
	    "needs 'fields'", "fields required");
	has(DECK "    kind: write-in\n    count: 10\n    fields: []\n",
	    "needs 'fields'", "fields non-empty");
	has(WRITEIN "    prefix: fri\n", "bad prefix 'fri'", "prefix case");
	has(WRITEIN "    prefix: ABCDEFGHI\n", "bad prefix 'ABCDEFGHI'",
	    "prefix length");
	clean(WRITEIN "    prefix: F2\n", "prefix with a digit");
	has(WRITEIN "    first: 999995\n", "serial numbers would go past "
	    "999999", "serial range");
	has(WRITEIN CARDS, "'cards' only applies to prompt and persona decks",
	    "cards on a write-in deck");
	has(DECK "    kind: write-in\n    count: 10\n    fields: [{id: a, label: "
	    "A}, {id: a, label: B}]\n", "duplicate field id 'a'",
	    "duplicate field");
	has(DECK "    kind: write-in\n    count: 10\n    fields: [{id: a}]\n",
	    "missing required key 'label' in field 'a'", "label required");
	has(DECK "    kind: write-in\n    count: 10\n    fields: [{id: a, label: "
	    "A, lines: 13}]\n", "'lines' must be between 1 and 12, not 13",
	    "lines bounds");
	has(DECK "    kind: write-in\n    count: 10\n    fields: [{id: a, label: "
	    "A, scale: 1}]\n", "'scale' must be between 2 and 10, not 1",
	    "scale bounds");
	has(DECK "    kind: write-in\n    count: 10\n    fields: [{id: a, label: "
	    "A, scale: 5, lines: 2}]\n", "'lines' or 'scale', not both",
	    "lines and scale");
	has(DECK "    kind: write-in\n    count: 10\n    fields: [{id: a, label: "
	    "A, line: 2}]\n", "unknown key 'line' (did you mean 'lines'?)",
	    "field keys");
	clean(HEAD "qr: {url: \"https://e.org/u/{serial}\"}\n" "decks:\n  - id: d\n"
	      "    title: D\n    kind: write-in\n    count: 10\n    fields: "
	      "[{id: a, label: A}]\n    qr: false\n", "qr: false");
}

#define POSTER HEAD "posters:\n  - id: p\n    title: P\n"

#define TICKS DECK "    kind: write-in\n    count: 10\n    fields:\n" \
	"      - id: a\n        label: A\n"

/* Tick-box fields: options, 'choose', what they cannot go with. */
static void
test_ticks(void)
{
	struct ul_workshop ws;
	struct ul_diags d;
	const char *y = TICKS "        ticks: [moi, ma famille, \"d'autres\"]\n"
		"      - {id: b, label: B, choose: one, ticks: [oui, non]}\n";

	ul_diags_init(&d);
	is_int(ul_workshop_parse(&ws, "t.yaml", y, strlen(y), &d), 0,
	       "ticks: parses");
	if (ws.ndecks == 1 && ws.decks[0].nfields == 2) {
		const struct ul_field *a = &ws.decks[0].fields[0];
		const struct ul_field *b = &ws.decks[0].fields[1];
		is_int((int)a->ticks.n, 3, "ticks: three options");
		is_str(a->ticks.v[2], "d'autres", "ticks: option text as written");
		is_int(a->ticks.pos[1].line, 12, "ticks: option line");
		is_int(a->ticks.pos[1].col, 22, "ticks: option column");
		ok(!a->choose_one, "ticks: any number by default");
		ok(b->choose_one, "choose: one");
		is_int(a->lines, 0, "ticks: no writing lines");
		is_int(a->scale, 0, "ticks: no scale");
	} else {
		ok(0, "ticks: the deck and its two fields");
	}
	ul_workshop_release(&ws);
	ul_diags_release(&d);

	has(TICKS "        ticks: [moi, Moi]\n", "12:22: error: duplicate option "
	    "'Moi' in 'ticks' (first at line 12)", "ticks: duplicate, case aside");
	has(TICKS "        ticks: [\"\\u00e9t\\u00e9\", \"e\\u0301te\\u0301\"]\n",
	    "duplicate option", "ticks: duplicate, composed or not");
	has(TICKS "        ticks: [moi, \"\"]\n", "12:22: error: empty item in "
	    "'ticks'", "ticks: empty option");
	has(TICKS "        ticks: [moi, ~]\n", "12:22: error: empty item",
	    "ticks: null option");
	has(TICKS "        ticks: []\n", "12:16: error: 'ticks' needs at least one "
	    "option", "ticks: no option");
	has(TICKS "        ticks: moi\n", "'ticks' must be a list",
	    "ticks: not a list");
	has(TICKS "        ticks: [{fr: moi}]\n", "each item of 'ticks' must be "
	    "text", "ticks: a mapping");
	has(TICKS "        ticks: [a, b, c, d, e, f, g, h, i]\n", "12:16: error: "
	    "'ticks' has 9 options: at most 8 fit a card", "ticks: too many");
	clean(TICKS "        ticks: [a, b, c, d, e, f, g, h]\n", "ticks: 8 is the most");
	clean(TICKS "        ticks: [oui]\n", "ticks: one box");
	has(TICKS "        ticks: [\"oui | non\"]\n", "12:17: error: option 'oui | "
	    "non' holds '|'", "ticks: the separator");
	has(TICKS "        ticks: [a, b]\n        lines: 2\n", "12:9: error: a "
	    "field with 'ticks' takes no 'lines'", "ticks and lines");
	has(TICKS "        scale: 5\n        ticks: [a, b]\n", "13:9: error: a "
	    "field with 'ticks' takes no 'scale'", "ticks and scale");
	has(TICKS "        choose: one\n", "12:9: error: 'choose' only applies to "
	    "a field with 'ticks'", "choose without ticks");
	has(TICKS "        ticks: [a, b]\n        choose: two\n", "13:17: error: "
	    "unknown 'choose' 'two'", "choose: a bad word");
	has(TICKS "        ticks: [a, b]\n        choose: oen\n", "(did you mean "
	    "'one'?)", "choose: a suggestion");
	has(TICKS "        ticks: [a]\n        choose: one\n", "'choose: one' needs "
	    "two options or more", "choose: one with one box");
	clean(TICKS "        ticks: [a, b]\n        choose: any\n", "choose: any");
	has(TICKS "        tick: [a, b]\n", "(did you mean 'ticks'?)",
	    "ticks: a typo");
}

static void
test_posters(void)
{
	has(POSTER, "missing required key 'kind' in poster 'p'",
	    "poster kind required");
	has(POSTER "    kind: jouney\n", "did you mean 'journey'?",
	    "poster kind typo");
	has(POSTER "    kind: jouney\n    columns: [a]\n",
	    "missing required key 'rows'", "checks go on with the suggested kind");
	is_str(check(POSTER "    kind: zzz\n    columns: [a]\n"),
	       "t.yaml:7:11: error: unknown poster kind 'zzz': use journey, "
	       "canvas, vote or agenda\n", "no kind, no kind-specific noise");
	has(POSTER "    kind: journey\n", "missing required key 'columns'",
	    "journey needs columns");
	has(POSTER "    kind: journey\n    columns: [a]\n",
	    "missing required key 'rows'", "journey needs rows");
	has(POSTER "    kind: journey\n    columns: []\n    rows: [a]\n",
	    "'columns' must list at least one item", "columns non-empty");
	clean(POSTER "    kind: journey\n    columns: [a]\n    rows: [b]\n",
	      "a journey poster");
	has(POSTER "    kind: canvas\n", "missing required key 'zones'",
	    "canvas needs zones");
	clean(POSTER "    kind: canvas\n    zones: [Qui, {title: Quoi, text: "
	      "t}]\n", "zones as text or mappings");
	has(POSTER "    kind: canvas\n    zones: [{text: t}]\n",
	    "missing required key 'title' in zone 1", "zone title");
	has(POSTER "    kind: canvas\n    zones: []\n",
	    "'zones' must list at least one zone", "zones non-empty");
	has(POSTER "    kind: vote\n", "missing required key 'items'",
	    "vote needs items");
	has(POSTER "    kind: vote\n    items: [a]\n    dots: 0\n",
	    "'dots' must be between 1 and 20", "dots bounds");
	has(POSTER "    kind: agenda\n    columns: [a]\n",
	    "'columns' only applies to journey posters", "columns on agenda");
	has(POSTER "    kind: agenda\n    size: 99x200mm\n",
	    "each side must be between 100 and 1200 mm", "poster bounds");
	clean(POSTER "    kind: agenda\n    size: a0\n", "a0 poster");
	clean(POSTER "    kind: agenda\n    size: 1200x1200mm\n",
	      "poster at the bound");
	has(POSTER "    kind: agenda\n    size: 1200.5x100mm\n",
	    "out of bounds", "poster just past the bound");
	has(POSTER "    kind: agenda\n    qr: true\n", "no URL template",
	    "poster qr needs a template");
}

static void
test_phases(void)
{
	clean(HEAD "phases:\n  - {id: a, title: A, minutes: 10}\n", "a phase");
	has(HEAD "phases:\n  - {id: a, title: A, minutes: dix}\n",
	    "5:32: error: 'minutes' must be a whole number, not 'dix'",
	    "minutes typed, positioned");
	has(HEAD "phases:\n  - {id: a, title: A}\n",
	    "missing required key 'minutes' in phase 'a'", "minutes required");
	has(HEAD "phases:\n  - {id: a, title: A, minutes: 0}\n",
	    "'minutes' must be between 1 and 600", "minutes bounds");
	has(HEAD "phases:\n  - {id: a, title: A, minutes: 5}\n"
	    "  - {id: a, title: B, minutes: 5}\n",
	    "duplicate phase id 'a' (first at line 5)", "duplicate phase");
	has(HEAD "phases:\n  - {id: a, title: A, minutes: 5, uses: [x]}\n",
	    "'uses' names no deck or poster 'x'\n", "broken reference");
	has(DECK CARDS "phases:\n  - {id: a, title: A, minutes: 5, uses: [e]}\n",
	    "'uses' names no deck or poster 'e' (did you mean 'd'?)",
	    "broken reference with suggestion");
	clean(DECK CARDS "posters:\n  - {id: p, title: P, kind: agenda}\n"
	      "phases:\n  - {id: a, title: A, minutes: 5, uses: [d, p]}\n",
	      "references to a deck and a poster");
	has(HEAD "duration: 30\nphases:\n  - {id: a, title: A, minutes: 20}\n",
	    "4:11: warning: the phases add up to 20 minutes but 'duration' "
	    "says 30", "duration mismatch warns");
	clean(HEAD "duration: 20\nphases:\n  - {id: a, title: A, minutes: 20}\n",
	      "duration matches");
	has(HEAD "phases:\n  - {id: a, title: A, minutes: 5, stesp: [x]}\n",
	    "did you mean 'steps'?", "phase keys");
	has(HEAD "phases:\n  - [a]\n", "a phase must be a mapping of keys",
	    "phase typed");
}

static void
test_many_and_helpers(void)
{
	struct ul_size sz;
	struct ul_color col;
	const char *why;
	size_t bad;

	/* Many problems, all reported in one run, sorted by position. */
	is_str(check("utilab: 1\nid: X\ntitle: T\nkind: k\ndate: 2023-1-1\n"),
	       "t.yaml:2:5: error: bad id 'X': use lower-case letters, digits "
	       "and hyphens, starting with a letter or digit (at most 64 "
	       "characters)\n"
	       "t.yaml:4:7: error: unknown workshop kind 'k': use besoins, "
	       "terrain, ideation, service or autre\n"
	       "t.yaml:5:7: error: 'date' must be a date written YYYY-MM-DD "
	       "that exists, not '2023-1-1'\n", "several errors, in order");
	/* YAML-level errors come through with their positions. */
	has("utilab: 1\nid: t\nid: u\ntitle: T\n", "3:1: error: duplicate key "
	    "'id' (first at line 2)", "loader errors pass through");

	is_int(ul_size_parse("tarot", 30, 300, &sz, &why), 0, "tarot");
	ok(sz.w == 70 && sz.h == 120, "tarot 70x120");
	is_int(ul_size_parse("letter", 100, 1200, &sz, &why), 0, "letter");
	is_int(ul_size_parse("100x150", 30, 300, &sz, &why), -1,
	       "unit required");
	is_int(ul_size_parse("x150mm", 30, 300, &sz, &why), -1,
	       "width required");
	is_int(ul_color_parse("#000000", &col), 0, "black");
	ok(col.r == 0 && col.g == 0 && col.b == 0, "black is 0,0,0");
	is_int(ul_color_parse("#", &col), -1, "bare #");
	is_int(ul_qr_template_check("a{deck}b{lang}", &bad), 0, "template ok");
	is_int(ul_qr_template_check("a{deck}b{x}", &bad), -1, "template bad");
	is_int(bad, 8, "offset of the bad placeholder");
	is_str(ul_ws_kind_name(UL_WS_IDEATION), "ideation", "kind name");
	is_str(ul_deck_kind_name(UL_DECK_WRITEIN), "write-in", "deck kind name");
	is_str(ul_poster_kind_name(UL_POSTER_CANVAS), "canvas",
	       "poster kind name");
}

/* A long definition with many broken references stays fast and bounded. */
static void
test_hostile(void)
{
	struct ul_buf b;
	struct ul_workshop ws;
	struct ul_diags d;

	ul_buf_init(&b);
	ul_buf_adds(&b, HEAD "decks:\n");
	for (int i = 0; i < 3000; i++)
		ul_buf_addf(&b, "  - {id: deck-%d, title: D, cards: [{id: c, "
			    "title: C}]}\n", i);
	ul_buf_adds(&b, "phases:\n  - id: p\n    title: P\n    minutes: 1\n"
		    "    uses:\n");
	for (int i = 0; i < 5000; i++)
		ul_buf_addf(&b, "      - dekc-%d\n", i);
	ul_diags_init(&d);
	is_int(ul_workshop_parse(&ws, "big.yaml", b.s, b.len, &d), -1,
	       "broken references in bulk");
	is_int(d.errors, 5000, "each one counted");
	ul_workshop_release(&ws);
	ul_diags_release(&d);
	ul_buf_release(&b);
}

/*
 * A key written with nothing after it is an error with its fix, whatever
 * the key expects; a null written on purpose ("~") is left alone.
 */
static void
test_bare_keys(void)
{
	static const char *const cases[][3] = {
		/* text */
		{ HEAD "summary:\n", "4:9: error: 'summary' is empty", "text" },
		{ HEAD "decks:\n- id: d\n  title: D\n  cards:\n  - id: a\n"
		  "    title: A\n    text:\n", "10:10: error: 'text' is empty",
		  "text of a card" },
		/* colour */
		{ HEAD "theme:\n  color:\n", "5:9: error: 'color' is empty",
		  "colour" },
		{ HEAD "decks:\n- id: d\n  title: D\n  color:\n"
		  "  cards: [{id: a, title: A}]\n", "7:9: error: 'color' is empty",
		  "colour of a deck" },
		/* list */
		{ HEAD "partners:\n", "4:10: error: 'partners' is empty",
		  "list" },
		{ HEAD "decks:\n- id: d\n  title: D\n  cards: [{id: a, title: A, "
		  "questions: }]\n", "'questions' is empty", "list in a flow "
		  "mapping" },
		/* mapping */
		{ HEAD "theme:\n", "4:7: error: 'theme' is empty", "mapping" },
		{ HEAD "audience:\n", "'audience' is empty", "mapping (audience)" },
		{ HEAD "decks:\n- id: d\n  title: D\n  back:\n"
		  "  cards: [{id: a, title: A}]\n", "7:8: error: 'back' is empty",
		  "mapping of a deck" },
		{ HEAD "qr:\n", "'qr' is empty", "qr" },
		/* number and keyword */
		{ HEAD "duration:\n", "'duration' is empty", "number" },
		{ HEAD "kind:\n", "'kind' is empty", "keyword" },
	};
	char name[96];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(name, sizeof(name), "bare key: %s", cases[i][2]);
		has(cases[i][0], cases[i][1], name);
		snprintf(name, sizeof(name), "bare key: %s: the fix", cases[i][2]);
		has(cases[i][0], "is empty: write a value after the colon, or "
		    "remove the line", name);
	}
	clean(HEAD "summary: ~\ntheme: ~\npartners: ~\n",
	      "null written on purpose: no error");
	clean(HEAD "partners: []\nsummary: \"x\"\n", "empty flow list: no error");
}

int
main(void)
{
	test_bare_keys();
	test_mini();
	test_defaults();
	test_golden_dozen();
	test_top();
	test_values();
	test_decks();
	test_writein();
	test_ticks();
	test_posters();
	test_phases();
	test_many_and_helpers();
	test_hostile();
	return done_testing();
}
