/* SPDX-License-Identifier: ISC */
/*
 * CSV reader: a byte state machine over a refillable buffer, so memory is
 * one record whatever the input size. Owns the record storage; knows
 * nothing of headers' meaning nor of diagnostics (the caller words them).
 *
 * Departures from RFC 4180, chosen to read what spreadsheets and form tools
 * really write: a quote inside an unquoted field is an ordinary character
 * (csv-spectrum's location_coordinates has 37.8"N); bytes after a closing
 * quote are kept (`"a"b` reads as `ab`); a lone CR ends a line like CRLF;
 * blank lines are skipped; the last line may lack its line end.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "util.h"

#define CSV_BUFSIZE 65536

enum { S_START, S_PLAIN, S_QUOTED, S_QUOTE };

static int
refill(struct ul_csv *c)
{
	size_t n;

	if (c->eof)
		return 0;
	if (c->pos > 0 && c->pos < c->end)
		memmove(c->buf, c->buf + c->pos, c->end - c->pos);
	c->end -= c->pos;
	c->pos = 0;
	if (c->end == c->cap) {
		c->cap *= 2;
		c->buf = ul_xreallocarray(c->buf, c->cap, 1);
	}
	n = fread(c->buf + c->end, 1, c->cap - c->end, c->fp);
	c->end += n;
	if (n == 0) {
		if (ferror(c->fp)) {
			if (!errno)
				errno = EIO;
			return -1;
		}
		c->eof = true;
		return 0;
	}
	return 1;
}

/* The delimiter found most often outside quotes in the first line holding any. */
static char
sniff(const char *s, size_t len)
{
	static const char cand[] = { ',', ';', '\t' };
	size_t count[3] = { 0, 0, 0 };
	bool quoted = false;

	for (size_t i = 0; i < len; i++) {
		char ch = s[i];
		if (ch == '"') {
			quoted = !quoted;
			continue;
		}
		if (quoted)
			continue;
		if (ch == '\n' || ch == '\r') {
			if (count[0] + count[1] + count[2] > 0)
				break;
			continue;
		}
		for (size_t k = 0; k < 3; k++)
			if (ch == cand[k])
				count[k]++;
	}
	size_t best = 0;
	for (size_t k = 1; k < 3; k++)
		if (count[k] > count[best])
			best = k;
	return cand[best];
}

int
ul_csv_open(struct ul_csv *c, const char *file, FILE *fp, char sep)
{
	memset(c, 0, sizeof(*c));
	c->file = file;
	c->fp = fp;
	c->cap = CSV_BUFSIZE;
	c->buf = ul_xmalloc(c->cap);
	c->next_line = 1;
	if (refill(c) < 0)
		return -1;
	/* A BOM may come in a short first read (a pipe): insist on 3 bytes. */
	while (c->end < 3 && !c->eof)
		if (refill(c) < 0)
			return -1;
	if (c->end >= 3 && memcmp(c->buf, "\xef\xbb\xbf", 3) == 0)
		c->pos = 3;
	if (sep) {
		c->sep = sep;
		return 0;
	}
	/* Enough of the start to see a first line with a delimiter. */
	while (!c->eof && c->end - c->pos < CSV_BUFSIZE &&
	       !memchr(c->buf + c->pos, '\n', c->end - c->pos))
		if (refill(c) < 0)
			return -1;
	c->sep = sniff(c->buf + c->pos, c->end - c->pos);
	return 0;
}

static void
add_byte(struct ul_csv *c, char ch)
{
	if (c->dlen + 2 > c->dcap) {
		if (c->dlen + 2 > UL_CSV_MAX_RECORD) {
			if (!c->problem)
				c->problem = UL_CSV_TOOLONG;
			return;
		}
		c->dcap = c->dcap ? c->dcap * 2 : 256;
		c->data = ul_xreallocarray(c->data, c->dcap, 1);
	}
	c->data[c->dlen++] = ch;
}

static void
add_run(struct ul_csv *c, const char *p, size_t n)
{
	if (c->dlen + n + 2 > c->dcap) {
		if (c->dlen + n + 2 > UL_CSV_MAX_RECORD) {
			while (n--)
				add_byte(c, *p++);
			return;
		}
		while (c->dlen + n + 2 > c->dcap)
			c->dcap = c->dcap ? c->dcap * 2 : 256;
		c->data = ul_xreallocarray(c->data, c->dcap, 1);
	}
	memcpy(c->data + c->dlen, p, n);
	c->dlen += n;
}

static void
end_field(struct ul_csv *c, size_t start)
{
	if (c->n >= UL_CSV_MAX_FIELDS) {
		if (!c->problem)
			c->problem = UL_CSV_TOOLONG;
		c->dlen = start;	/* drop the bytes: they have no field */
		return;
	}
	if (c->dlen + 1 > c->dcap) {
		c->dcap = c->dcap ? c->dcap * 2 : 256;
		c->data = ul_xreallocarray(c->data, c->dcap, 1);
	}
	c->data[c->dlen++] = '\0';
	if (c->n == c->fcap) {
		c->fcap = c->fcap ? c->fcap * 2 : 16;
		c->offs = ul_xreallocarray(c->offs, c->fcap, sizeof(*c->offs));
		c->len = ul_xreallocarray(c->len, c->fcap, sizeof(*c->len));
		c->field = ul_xreallocarray(c->field, c->fcap, sizeof(*c->field));
	}
	c->offs[c->n] = start;
	c->len[c->n] = c->dlen - 1 - start;
	c->n++;
}

static void
finish(struct ul_csv *c)
{
	for (size_t i = 0; i < c->n; i++)
		c->field[i] = c->data + c->offs[i];
	if (c->problem) {
		if (!c->problem_line)
			c->problem_line = c->line;
		return;
	}
	for (size_t i = 0; i < c->n; i++) {
		if (ul_utf8_invalid(c->field[i], c->len[i]) != (size_t)-1 ||
		    memchr(c->field[i], '\0', c->len[i])) {
			c->problem = UL_CSV_BADUTF8;
			c->problem_field = i;
			c->problem_line = c->line;
			return;
		}
	}
}

int
ul_csv_next(struct ul_csv *c)
{
	int state = S_START;
	bool any = false;	/* a byte of this record was seen */
	size_t start = 0;
	int quote_line = 0;
	const char sep = c->sep;

	c->n = 0;
	c->dlen = 0;
	c->problem = UL_CSV_OK;
	c->problem_line = 0;
	c->problem_field = 0;
	c->line = c->next_line;
	for (;;) {
		if (c->pos == c->end) {
			int r = refill(c);
			if (r < 0)
				return -1;
			if (r == 0)
				break;
		}
		/* Fast path: a run of ordinary bytes. */
		if (state == S_PLAIN || state == S_QUOTED) {
			const char *p = c->buf + c->pos, *e = c->buf + c->end, *q = p;
			if (state == S_PLAIN)
				while (q < e && *q != sep && *q != '\n' && *q != '\r')
					q++;
			else
				while (q < e && *q != '"' && *q != '\n' && *q != '\r')
					q++;
			if (q > p) {
				c->skip_lf = false;
				add_run(c, p, (size_t)(q - p));
				c->pos += (size_t)(q - p);
				continue;
			}
		}
		char ch = c->buf[c->pos++];
		if (c->skip_lf) {
			c->skip_lf = false;
			if (ch == '\n') {
				if (state == S_QUOTED)
					add_byte(c, ch);
				continue;
			}
		}
		if (ch == '\n' || ch == '\r') {
			c->next_line++;
			c->skip_lf = ch == '\r';
			if (state == S_QUOTED) {
				add_byte(c, ch);
				continue;
			}
			if (!any) {	/* a blank line */
				c->line = c->next_line;
				continue;
			}
			end_field(c, start);
			finish(c);
			c->recno++;
			return 1;
		}
		any = true;
		switch (state) {
		case S_START:
			if (ch == '"') {
				state = S_QUOTED;
				quote_line = c->next_line;
				break;
			}
			state = S_PLAIN;
			/* FALLTHROUGH */
		case S_PLAIN:
			if (ch == sep) {
				end_field(c, start);
				start = c->dlen;
				state = S_START;
			} else
				add_byte(c, ch);
			break;
		case S_QUOTED:
			if (ch == '"')
				state = S_QUOTE;
			else
				add_byte(c, ch);
			break;
		case S_QUOTE:
			if (ch == '"') {
				add_byte(c, ch);
				state = S_QUOTED;
			} else if (ch == sep) {
				end_field(c, start);
				start = c->dlen;
				state = S_START;
			} else {
				add_byte(c, ch);
				state = S_PLAIN;
			}
			break;
		}
	}
	if (!any)
		return 0;
	end_field(c, start);
	if (state == S_QUOTED) {
		c->problem = UL_CSV_UNTERMINATED;
		c->problem_line = quote_line;
	}
	finish(c);
	c->recno++;
	return 1;
}

void
ul_csv_release(struct ul_csv *c)
{
	free(c->buf);
	free(c->data);
	free(c->offs);
	free(c->len);
	free(c->field);
	memset(c, 0, sizeof(*c));
}

const char *
ul_csv_problem_name(enum ul_csv_problem p)
{
	switch (p) {
	case UL_CSV_OK:
		return "no problem";
	case UL_CSV_UNTERMINATED:
		return "unterminated quoted field";
	case UL_CSV_BADUTF8:
		return "invalid UTF-8";
	case UL_CSV_TOOLONG:
		return "record too long";
	}
	return "?";
}
