/* SPDX-License-Identifier: ISC */
/*
 * Progress (progress.h): the counting, the timing of the line and its
 * wording. Shows nothing by itself: the line goes to the command's show().
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "intl.h"
#include "progress.h"

/* Updates a person can follow without the terminal flickering. */
#define INTERVAL 0.2

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void
ul_progress_init(struct ul_progress *p)
{
	memset(p, 0, sizeof(*p));
	p->delay = 1;
}

void
ul_progress_start(struct ul_progress *p, const char *what, size_t total)
{
	if (!p)
		return;
	p->what = what;
	p->done = 0;
	p->total = total;
	if (!p->show)
		return;
	p->start = now();
	p->next = p->start + p->delay;
}

static void
draw(struct ul_progress *p)
{
	char line[160];

	if (p->total)
		/* TRANSLATORS: "cards: 412/1000"; French puts a space before ':' */
		snprintf(line, sizeof(line), _("%s: %zu/%zu"), _(p->what),
			 p->done, p->total);
	else
		snprintf(line, sizeof(line), _("%s: %zu"), _(p->what), p->done);
	p->show(p->ctx, line);
	p->shown = true;
}

void
ul_progress_add(struct ul_progress *p, size_t n)
{
	if (!p)
		return;
	p->done += n;
	if (!p->show)
		return;
	double t = now();
	if (t < p->next)
		return;
	p->next = t + INTERVAL;
	draw(p);
}

void
ul_progress_end(struct ul_progress *p)
{
	if (!p || !p->shown)
		return;
	p->show(p->ctx, "");
	p->shown = false;
}
