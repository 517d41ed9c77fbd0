/* SPDX-License-Identifier: ISC */
/*
 * The one printer of diagnostics (lib/diag) when there are many: every
 * error, the first UL_DIAGS_SHOWN warnings and notes, what more there
 * is, a closing count; -q leaves the notes out. And lib/progress: when
 * its line is due, what it says, and that it is cleared.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "progress.h"
#include "tap.h"

/* What ul_diags_report printed, in a malloc'd string. */
static char *
report(const struct ul_diags *d, unsigned flags)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	ul_diags_report(d, fp, "t", flags);
	fclose(fp);
	return buf;
}

static size_t
count(const char *s, const char *what)
{
	size_t n = 0;

	for (const char *p = s; (p = strstr(p, what)); p += strlen(what))
		n++;
	return n;
}

static void
test_few(void)
{
	struct ul_diags d;
	char *out;

	ul_diags_init(&d);
	ul_warning(&d, "a.yaml", 2, 3, "first");
	ul_diag_add(&d, UL_NOTE, UL_EDATA, "a.yaml", 4, 0, "a note");
	out = report(&d, 0);
	is_str(out, "a.yaml:2:3: warning: first\na.yaml:4: note: a note\n",
	       "a few: each one, no count");
	free(out);
	out = report(&d, UL_DIAGS_QUIET);
	is_str(out, "a.yaml:2:3: warning: first\n", "-q: no notes");
	free(out);
	ul_diags_release(&d);
}

static void
test_many(void)
{
	struct ul_diags d;
	char *out;

	ul_diags_init(&d);
	for (int i = 1; i <= 1000; i++)
		ul_warning(&d, "deck.yaml", i, 1, "text too long");
	ul_error(&d, "deck.yaml", 1001, 1, "bad colour");
	ul_error(&d, "deck.yaml", 1002, 1, "bad colour");
	for (int i = 0; i < 30; i++)
		ul_diag_add(&d, UL_NOTE, UL_EDATA, NULL, 0, 0, "n");
	ul_diags_sort(&d);
	out = report(&d, 0);
	is_int(count(out, "warning: text too long"), UL_DIAGS_SHOWN,
	       "the first warnings only");
	is_int(count(out, "error: bad colour"), 2, "every error");
	is_int(count(out, "t: note: n\n"), UL_DIAGS_SHOWN, "the first notes");
	ok(strstr(out, "t: note: ... and 980 more warnings (1000 in all)\n"),
	   "how many more warnings");
	ok(strstr(out, "t: note: ... and 10 more notes\n"), "how many more notes");
	size_t len = strlen(out);
	const char *last = "t: 2 errors and 1000 warnings\n";
	ok(len > strlen(last) && strcmp(out + len - strlen(last), last) == 0,
	   "the closing count is the last line");
	free(out);

	out = report(&d, UL_DIAGS_QUIET);
	is_int(count(out, "note: n\n"), 0, "-q: no notes");
	ok(!strstr(out, "more notes"), "-q: nor their count");
	ok(strstr(out, "980 more warnings"), "-q: warnings still counted");
	free(out);

	out = report(&d, UL_DIAGS_ALL);
	is_int(count(out, "warning: text too long"), 1000, "all: every one");
	ok(!strstr(out, "errors and"), "all: no count");
	free(out);
	ul_diags_release(&d);
}

static void
test_capped(void)
{
	struct ul_diags d;
	char *out;

	/* past the recorded maximum the counters still count */
	ul_diags_init(&d);
	d.max = 10;
	for (int i = 0; i < 50; i++)
		ul_warning(&d, "f", i + 1, 0, "w");
	out = report(&d, 0);
	ok(strstr(out, "t: note: 40 more diagnostics not shown\n"),
	   "what was not recorded");
	ok(strstr(out, "... and 40 more warnings (50 in all)"),
	   "the warnings counted past the maximum");
	ok(strstr(out, "t: 0 errors and 50 warnings\n"), "closing count");
	free(out);
	ul_diags_release(&d);
}

struct shown {
	char lines[8][64];
	int n;
};

static void
record(void *ctx, const char *line)
{
	struct shown *s = ctx;

	if (s->n < 8)
		snprintf(s->lines[s->n], sizeof(s->lines[0]), "%s", line);
	s->n++;
}

static void
test_progress(void)
{
	struct ul_progress p;
	struct shown s = { .n = 0 };

	ul_progress_init(&p);
	ul_progress_start(&p, "cards", 3);
	ul_progress_add(&p, 1);
	ul_progress_end(&p);
	ok(p.done == 1, "counting without a display");

	ul_progress_init(&p);
	p.show = record;
	p.ctx = &s;
	ul_progress_start(&p, "cards", 1000);
	ul_progress_add(&p, 412);
	is_int(s.n, 0, "nothing in the first second");
	ul_progress_end(&p);
	is_int(s.n, 0, "nothing to clear when nothing was shown");

	p.delay = 0;
	ul_progress_start(&p, "cards", 1000);
	ul_progress_add(&p, 412);
	is_int(s.n, 1, "once due, a line");
	is_str(s.lines[0], "cards: 412/1000", "what of how many");
	ul_progress_add(&p, 1);
	is_int(s.n, 1, "not again within a fifth of a second");
	ul_progress_end(&p);
	is_int(s.n, 2, "cleared at the end");
	is_str(s.lines[1], "", "cleared with an empty line");

	ul_progress_start(&p, "records", 0);
	ul_progress_add(&p, 7);
	is_str(s.lines[2], "records: 7", "no total: a count");
	ul_progress_end(&p);
	ul_progress_add(NULL, 1);
	ul_progress_end(NULL);
	ok(1, "a NULL progress is nothing");
}

int
main(void)
{
	test_few();
	test_many();
	test_capped();
	test_progress();
	return done_testing();
}
