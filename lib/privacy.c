/* SPDX-License-Identifier: ISC */
/*
 * Privacy in free text: finds e-mail addresses and phone numbers, flags
 * them on the item and masks them when redacting. Part of the merge module
 * (lib/merge-int.h); knows nothing of columns (lib/results.c decides which
 * columns are personal) nor of output.
 */
#include <ctype.h>
#include <string.h>

#include "lang.h"
#include "merge-int.h"
#include "util.h"

static bool
email_at(const char *s, size_t at, size_t *start, size_t *end)
{
	size_t b = at, e = at + 1;
	while (b > 0 && (isalnum((unsigned char)s[b - 1]) || strchr("._%+-", s[b - 1])))
		b--;
	if (b == at)
		return false;
	bool dot = false;
	size_t lastdot = 0;
	while (s[e] && (isalnum((unsigned char)s[e]) || s[e] == '.' || s[e] == '-')) {
		if (s[e] == '.') {
			dot = true;
			lastdot = e;
		}
		e++;
	}
	while (e > at + 1 && (s[e - 1] == '.' || s[e - 1] == '-'))
		e--;
	if (!dot || lastdot >= e - 2 || lastdot == at + 1)
		return false;
	*start = b;
	*end = e;
	return true;
}

/* A phone number: + or 0, then 9 to 14 more digits with single separators. */
static bool
phone_at(const char *s, size_t i, size_t *end)
{
	size_t digits = 0, k = i;
	if (i > 0 && (isalnum((unsigned char)s[i - 1])))
		return false;
	if (s[k] == '+')
		k++;
	else if (s[k] != '0')
		return false;
	size_t last = k;
	while (s[k]) {
		if (isdigit((unsigned char)s[k])) {
			digits++;
			k++;
			last = k;
		} else if (strchr(" .-", s[k]) && isdigit((unsigned char)s[k + 1]) &&
			   k > i && isdigit((unsigned char)s[k - 1]))
			k++;
		else if (s[k] == '(' || s[k] == ')')
			k++;
		else
			break;
	}
	if (isalpha((unsigned char)s[last]))
		return false;
	if (digits < 10 || digits > 15)
		return false;
	*end = last;
	return true;
}

/* Scan, and with out != NULL write the text with the finds masked. */
static unsigned
privacy(const char *s, struct ul_buf *out, const char *mail_mask,
	const char *phone_mask)
{
	unsigned flags = 0;
	size_t i = 0, copied = 0, a, b;

	for (i = 0; s[i]; i++) {
		if (s[i] == '@' && email_at(s, i, &a, &b)) {
			flags |= UL_PRIV_EMAIL;
			if (out && a >= copied) {
				ul_buf_add(out, s + copied, a - copied);
				ul_buf_adds(out, mail_mask);
				copied = b;
			}
			i = b - 1;
		} else if ((s[i] == '+' || s[i] == '0') && phone_at(s, i, &b)) {
			flags |= UL_PRIV_PHONE;
			if (out && i >= copied) {
				ul_buf_add(out, s + copied, i - copied);
				ul_buf_adds(out, phone_mask);
				copied = b;
			}
			i = b - 1;
		}
	}
	if (out)
		ul_buf_adds(out, s + copied);
	return flags;
}

unsigned
ul_privacy_scan(const char *s)
{
	return s ? privacy(s, NULL, NULL, NULL) : 0;
}

/* Check, and mask when redacting; returns the text to keep. */
const char *
merge_private_text(struct ul_merge *m, const char *s, unsigned *flags)
{
	unsigned f;
	const struct ul_lang *l = ul_lang_get(m->lang);

	if (!s)
		return NULL;
	f = privacy(s, NULL, NULL, NULL);
	*flags |= f;
	if (!f || !m->opts.redact)
		return merge_keep(m, s);
	struct ul_buf b;
	ul_buf_init(&b);
	privacy(s, &b, ul_lang_text(l, "[courriel masqué]"),
		ul_lang_text(l, "[téléphone masqué]"));
	const char *r = merge_keep(m, b.s);
	ul_buf_release(&b);
	return r;
}

