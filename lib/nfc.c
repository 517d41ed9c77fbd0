/* SPDX-License-Identifier: ISC */
/*
 * NFC through glib's g_utf8_normalize, behind a quick test that lets the
 * common case (ASCII, Latin-1, French punctuation) through untouched.
 * Owns nothing; knows nothing of formats.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "nfc.h"
#include "util.h"

bool
ul_nfc_quick(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str, *e = s + len;

	while (s < e) {
		/* ASCII eight bytes at a time: most of any text. */
		while (s + 8 <= e) {
			uint64_t w;
			memcpy(&w, s, 8);
			if (w & 0x8080808080808080ull)
				break;
			s += 8;
		}
		if (s >= e)
			break;
		if (*s < 0xcc) {	/* below U+0300 (lead bytes up to 0xcb) */
			s += *s < 0x80 ? 1 : 2;
			continue;
		}
		const char *p = (const char *)s;
		uint32_t cp = ul_utf8_next(&p);
		/*
		 * Ranges with no combining mark and no canonical decomposition
		 * (dashes, quotes, ellipsis, per mille, currency, pictographs):
		 * U+2000 and U+2001 are left out, NFC maps them to others.
		 */
		if (!((cp >= 0x2010 && cp <= 0x2027) || (cp >= 0x2030 && cp <= 0x205e) ||
		      (cp >= 0x20a0 && cp <= 0x20bf) || (cp >= 0x1f300 && cp <= 0x1faff)))
			return false;
		s = (const unsigned char *)p;
	}
	return true;
}

size_t
ul_nfc(const char *s, size_t len, char *out, size_t size)
{
	if (ul_utf8_invalid(s, len) != (size_t)-1)
		return (size_t)-1;
	if (ul_nfc_quick(s, len)) {
		if (len < size) {
			memmove(out, s, len);
			out[len] = '\0';
		}
		return len;
	}
	gchar *n = g_utf8_normalize(s, (gssize)len, G_NORMALIZE_NFC);
	if (!n)
		return (size_t)-1;
	size_t nl = strlen(n);
	if (nl < size) {
		memcpy(out, n, nl);
		out[nl] = '\0';
	}
	g_free(n);
	return nl;
}

char *
ul_nfc_dup(const char *s)
{
	size_t len = strlen(s);

	if (ul_utf8_invalid(s, len) != (size_t)-1)
		return NULL;
	if (ul_nfc_quick(s, len))
		return ul_xstrdup(s);
	gchar *n = g_utf8_normalize(s, (gssize)len, G_NORMALIZE_NFC);
	if (!n)
		return NULL;
	char *r = ul_xstrdup(n);
	g_free(n);
	return r;
}

int
ul_nfc_casecmp(const char *a, const char *b)
{
	if (strcmp(a, b) == 0)
		return 0;
	if (!g_utf8_validate(a, -1, NULL) || !g_utf8_validate(b, -1, NULL))
		return strcmp(a, b);
	gchar *na = g_utf8_normalize(a, -1, G_NORMALIZE_NFC);
	gchar *nb = g_utf8_normalize(b, -1, G_NORMALIZE_NFC);
	gchar *fa = g_utf8_casefold(na, -1), *fb = g_utf8_casefold(nb, -1);
	int rc = strcmp(fa, fb);

	g_free(na);
	g_free(nb);
	g_free(fa);
	g_free(fb);
	return rc;
}
