/* SPDX-License-Identifier: ISC */
/*
 * Allocation, buffers, whole-file reading, UTF-8 and suggestions.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fault.h"
#include "intl.h"
#include "util.h"

_Noreturn void
ul_oom(void)
{
	/*
	 * exit, not abort: the status is the documented 70 and lib/atomic's
	 * exit handler removes the temporary files of the run.
	 */
	fputs(_("utilab: out of memory\n"), stderr);
	exit(70);
}

void *
ul_xmalloc(size_t n)
{
	void *p = ul_fault(UL_FAULT_ALLOC) ? NULL : malloc(n ? n : 1);
	if (!p)
		ul_oom();
	return p;
}

void *
ul_xcalloc(size_t n, size_t size)
{
	void *p = ul_fault(UL_FAULT_ALLOC) ? NULL :
		  calloc(n ? n : 1, size ? size : 1);
	if (!p)
		ul_oom();
	return p;
}

void *
ul_xreallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		ul_oom();
	if (ul_fault(UL_FAULT_ALLOC))
		ul_oom();
	p = realloc(p, (n * size) != 0 ? n * size : 1);
	if (!p)
		ul_oom();
	return p;
}

char *
ul_xstrdup(const char *s)
{
	return ul_xstrndup(s, strlen(s));
}

char *
ul_xstrndup(const char *s, size_t n)
{
	char *p = ul_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
ul_xvasprintf(const char *fmt, va_list ap)
{
	va_list aq;
	int n;
	char *p;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		ul_oom();
	p = ul_xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
ul_xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = ul_xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void
ul_buf_init(struct ul_buf *b)
{
	b->s = NULL;
	b->len = b->cap = 0;
}

void
ul_buf_release(struct ul_buf *b)
{
	free(b->s);
	ul_buf_init(b);
}

void
ul_buf_reset(struct ul_buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

void
ul_buf_grow(struct ul_buf *b, size_t extra)
{
	if (extra >= SIZE_MAX - b->len - 1)
		ul_oom();
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + extra + 1)
		cap *= 2;
	b->s = ul_xreallocarray(b->s, cap, 1);
	b->cap = cap;
	b->s[b->len] = '\0';	/* a buffer grown but not written is "" */
}

void
ul_buf_add(struct ul_buf *b, const void *p, size_t n)
{
	ul_buf_grow(b, n);
	memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
ul_buf_adds(struct ul_buf *b, const char *s)
{
	ul_buf_add(b, s, strlen(s));
}

void
ul_buf_addc(struct ul_buf *b, int c)
{
	char ch = (char)c;
	ul_buf_add(b, &ch, 1);
}

void
ul_buf_addf(struct ul_buf *b, const char *fmt, ...)
{
	va_list ap, aq;
	int n;

	va_start(ap, fmt);
	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		ul_oom();
	ul_buf_grow(b, (size_t)n);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	va_end(ap);
}

char *
ul_buf_detach(struct ul_buf *b)
{
	char *s = b->s ? b->s : ul_xstrdup("");
	ul_buf_init(b);
	return s;
}

size_t
ul_utf8_invalid(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < len) {
		unsigned c = s[i];
		size_t n;
		uint32_t cp;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			cp = c & 0x07;
		} else
			return i;
		if (i + n >= len)
			return i;
		for (size_t k = 1; k <= n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		/* Overlong forms, surrogates and values past U+10FFFF. */
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			return i;
		i += n + 1;
	}
	return (size_t)-1;
}

uint32_t
ul_utf8_next(const char **pp)
{
	const unsigned char *p = (const unsigned char *)*pp;
	uint32_t c = *p++;

	if (c >= 0xf0) {
		c = ((c & 0x07) << 18) | ((p[0] & 0x3fu) << 12) |
		    ((p[1] & 0x3fu) << 6) | (p[2] & 0x3fu);
		p += 3;
	} else if (c >= 0xe0) {
		c = ((c & 0x0f) << 12) | ((p[0] & 0x3fu) << 6) | (p[1] & 0x3fu);
		p += 2;
	} else if (c >= 0xc0) {
		c = ((c & 0x1f) << 6) | (p[0] & 0x3fu);
		p += 1;
	}
	*pp = (const char *)p;
	return c;
}

size_t
ul_utf8_len(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/*
 * Optimal string alignment distance: Levenshtein plus the swap of two
 * adjacent letters as one edit, the commonest typo ('titel' for 'title').
 */
/* Up to max code points of s (bytes of invalid UTF-8 count one each). */
static size_t
code_points(const char *s, uint32_t *out, size_t max)
{
	size_t n = 0, len = strlen(s);
	bool valid = ul_utf8_invalid(s, len) == (size_t)-1;

	while (*s && n <= max)
		out[n++] = valid ? ul_utf8_next(&s) : (unsigned char)*s++;
	return n;
}

size_t
ul_edit_distance(const char *sa, const char *sb)
{
	uint32_t a[66], b[66];
	size_t la = code_points(sa, a, 64), lb = code_points(sb, b, 64);
	size_t r0[65], r1[65], r2[65];
	size_t *prev2 = r0, *prev = r1, *row = r2, *t;

	/* Characters, not bytes: "securite" is two edits from "sécurité". */
	if (la > 64 || lb > 64)
		return SIZE_MAX;
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t best = prev[j - 1] + cost;
			if (prev[j] + 1 < best)
				best = prev[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < best)
				best = prev2[j - 2] + 1;
			row[j] = best;
		}
		t = prev2;
		prev2 = prev;
		prev = row;
		row = t;
	}
	return prev[lb];
}

const char *
ul_suggest(const char *word, const char *const *cand, size_t n)
{
	const char *best = NULL;
	size_t bestd = SIZE_MAX;
	size_t len = ul_utf8_invalid(word, strlen(word)) == (size_t)-1 ?
	    ul_utf8_len(word) : strlen(word);
	/* Allow about one edit in three letters, at least one, at most three. */
	size_t limit = len / 3 < 1 ? 1 : (len / 3 > 3 ? 3 : len / 3);

	for (size_t i = 0; i < n; i++) {
		size_t d = ul_edit_distance(word, cand[i]);
		if (d < bestd) {
			bestd = d;
			best = cand[i];
		}
	}
	return bestd <= limit ? best : NULL;
}

const char *
ul_hint(const char *suggestion, char *buf, size_t size)
{
	if (!suggestion)
		return "";
	snprintf(buf, size, _(" (did you mean '%s'?)"), suggestion);
	return buf;
}

const char *
ul_suggest_hint(const char *word, const char *const *cand, size_t n,
		char *buf, size_t size)
{
	return ul_hint(ul_suggest(word, cand, n), buf, size);
}

bool
ul_streq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

bool
ul_blanks_untidy(const char *s)
{
	for (const char *p = s; *p; p++) {
		if (*p == '\t' || *p == '\r')
			return true;
		if (*p == ' ' && (p == s || is_blank(p[1]) || p[1] == '\n' ||
				  p[1] == '\0' || p[-1] == '\n'))
			return true;
		if (*p == '\n' && p[1] == '\n' && p[2] == '\n')
			return true;
		if (*p == '\n' && (p == s || p[1] == '\0'))
			return true;
	}
	return false;
}

void
ul_blanks_tidy(char *s)
{
	char *o = s;
	int newlines = 0;	/* in the run just read */
	bool blank = false;	/* a blank is pending */

	for (const char *p = s; *p; p++) {
		char c = *p;
		if (c == '\r') {
			if (p[1] == '\n')
				continue;
			c = '\n';
		}
		if (is_blank(c)) {
			blank = true;
			continue;
		}
		if (c == '\n') {
			newlines++;
			blank = false;
			continue;
		}
		if (o > s) {
			if (newlines)
				for (int k = 0; k < (newlines > 2 ? 2 : newlines); k++)
					*o++ = '\n';
			else if (blank)
				*o++ = ' ';
		}
		newlines = 0;
		blank = false;
		*o++ = c;
	}
	*o = '\0';
}

int
ul_utf8_cut(const char *s, int max)
{
	size_t len = strnlen(s, (size_t)max + 1);
	int n;

	if (len <= (size_t)max)
		return (int)len;
	/* Back to the start of the sequence the cut falls into. */
	for (n = max; n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80; n--)
		;
	return n;
}

void
ul_utf8_trim_cut(char *s)
{
	size_t len = strlen(s), i = len;

	while (i > 0 && ((unsigned char)s[i - 1] & 0xc0) == 0x80 && len - i < 3)
		i--;
	if (i > 0 && (unsigned char)s[i - 1] >= 0xc0) {
		unsigned char c = (unsigned char)s[i - 1];
		size_t need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
		if (len - (i - 1) < need)
			s[i - 1] = '\0';
	}
}

/*
 * User text for a message: one line (control characters escaped, so a
 * diagnostic stays one line) and short (cut on a character boundary,
 * marked with "...").
 */
const char *
ul_quoted(char *buf, size_t size, const char *s)
{
	size_t o = 0;

	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		size_t need = ch < 0x20 || ch == 0x7f ? 4 : 1;
		/* Stop before a character that would not fit with "...". */
		if (o + need + 4 > size) {
			/* mid-character: drop the bytes of it already copied */
			if ((ch & 0xc0) == 0x80) {
				while (o > 0 &&
				       ((unsigned char)buf[o - 1] & 0xc0) == 0x80)
					o--;
				if (o > 0)
					o--;
			}
			memcpy(buf + o, "...", 4);
			return buf;
		}
		if (ch == '\n' || ch == '\t') {
			buf[o++] = '\\';
			buf[o++] = ch == '\n' ? 'n' : 't';
		} else if (need == 4) {
			snprintf(buf + o, 5, "\\x%02x", ch);
			o += 4;
		} else
			buf[o++] = (char)ch;
	}
	buf[o] = '\0';
	return buf;
}
