/* SPDX-License-Identifier: ISC */
/*
 * A tiny TAP producer for unit tests: ok(), is_int(), is_str(), done().
 * Header-only so every test is one file.
 */
#ifndef UL_TAP_H
#define UL_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

static int
tap_ok(int cond, const char *file, int line, const char *name)
{
	tap_n++;
	printf("%sok %d - %s\n", cond ? "" : "not ", tap_n, name);
	if (!cond) {
		tap_failed++;
		printf("#   Failed test at %s line %d\n", file, line);
	}
	return cond;
}

#define ok(cond, name) tap_ok(!!(cond), __FILE__, __LINE__, (name))

#define is_int(got, want, name)                                        \
	do {                                                           \
		long long g_ = (long long)(got), w_ = (long long)(want);  \
		if (!ok(g_ == w_, name))                               \
			printf("#   got %lld, expected %lld\n", g_, w_);  \
	} while (0)

#define is_str(got, want, name)                                        \
	do {                                                           \
		const char *g_ = (got), *w_ = (want);                  \
		int same_ = g_ && w_ ? strcmp(g_, w_) == 0 : g_ == w_;   \
		if (!ok(same_, name))                                  \
			printf("#   got '%s', expected '%s'\n",          \
			       g_ ? g_ : "(null)", w_ ? w_ : "(null)");  \
	} while (0)

static int
done_testing(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
