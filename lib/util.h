/* SPDX-License-Identifier: ISC */
/*
 * Small helpers every module needs: allocation that cannot fail silently,
 * a growable byte buffer, string utilities and UTF-8 checks.
 * Allocation failure aborts: a CLI tool has nothing better to do, and it
 * keeps every caller free of unreachable error paths.
 */
#ifndef UL_UTIL_H
#define UL_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UL_NELEM(a) (sizeof(a) / sizeof((a)[0]))

void *ul_xmalloc(size_t);
void *ul_xcalloc(size_t, size_t);
void *ul_xreallocarray(void *, size_t, size_t);
char *ul_xstrdup(const char *);
char *ul_xstrndup(const char *, size_t);
char *ul_xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
char *ul_xvasprintf(const char *, va_list) __attribute__((format(printf, 1, 0)));
/*
 * What the above do when memory runs out, for a library that says so
 * (libyaml's YAML_MEMORY_ERROR, cairo's CAIRO_STATUS_NO_MEMORY): the same
 * "out of memory" and status 70 whoever ran out.
 */
_Noreturn void ul_oom(void);

/* A growable byte buffer, always NUL-terminated. */
struct ul_buf {
	char *s;
	size_t len, cap;
};
void ul_buf_init(struct ul_buf *);
void ul_buf_release(struct ul_buf *);
void ul_buf_reset(struct ul_buf *);	/* keep the memory, drop the bytes */
void ul_buf_grow(struct ul_buf *, size_t extra);
void ul_buf_add(struct ul_buf *, const void *, size_t);
void ul_buf_adds(struct ul_buf *, const char *);
void ul_buf_addc(struct ul_buf *, int);
void ul_buf_addf(struct ul_buf *, const char *, ...)
	__attribute__((format(printf, 2, 3)));
char *ul_buf_detach(struct ul_buf *);	/* caller frees; buffer is reset */

/* ul_read_file, which lives with the other input openers in input.h. */
#include "input.h"

/*
 * Validate UTF-8. Returns the byte offset of the first invalid sequence,
 * or (size_t)-1 when all of s[0..len) is valid.
 */
size_t ul_utf8_invalid(const char *s, size_t len);
/* Decode one code point at *p (valid UTF-8 assumed); advances *p. */
uint32_t ul_utf8_next(const char **p);
/*
 * How many bytes of s to print for at most max, never cutting a UTF-8
 * sequence in half: printf("%.*s", UL_CUT(s, 60)).
 */
int ul_utf8_cut(const char *s, int max);
#define UL_CUT(s, max) ul_utf8_cut((s), (max)), (s)
/* Drop the bytes of a UTF-8 sequence cut short at the end of s (in place). */
void ul_utf8_trim_cut(char *s);
/* Number of code points in a valid UTF-8 string. */
size_t ul_utf8_len(const char *s);

/* Levenshtein distance, for "did you mean" suggestions. */
size_t ul_edit_distance(const char *, const char *);
/* The closest candidate to word, or NULL when none is close enough. */
const char *ul_suggest(const char *word, const char *const *candidates,
		       size_t n);
/*
 * The same, ready for the end of a message: " (did you mean 'x'?)", written
 * into buf, or "" when nothing is close.
 */
const char *ul_suggest_hint(const char *word, const char *const *candidates,
			    size_t n, char *buf, size_t size);
const char *ul_hint(const char *suggestion, char *buf, size_t size);

bool ul_streq(const char *, const char *);	/* NULL-safe */

/*
 * Blanks as typed by hand: a run of spaces and tabs is one space, a line
 * keeps no blank at its ends, CR LF and CR are LF, and more than one empty
 * line in a row is one. No-break spaces (French typography) are kept.
 * ul_blanks_untidy says whether ul_blanks_tidy (in place: the text only
 * shrinks) would change s.
 */
bool ul_blanks_untidy(const char *s);
void ul_blanks_tidy(char *s);

/*
 * User text for a message, into buf: on one line (newlines, tabs and other
 * control characters escaped) and short (cut on a character boundary,
 * marked with "..."). Returns buf.
 */
const char *ul_quoted(char *buf, size_t size, const char *s);

#endif
