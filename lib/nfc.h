/* SPDX-License-Identifier: ISC */
/*
 * Unicode normalisation of input text: every text a results reader hands
 * on is in NFC, so that "é" typed on macOS (e + U+0301, NFD) and "é"
 * typed elsewhere are one string, one tag, one header.
 * Owns nothing; knows nothing of formats.
 */
#ifndef UL_NFC_H
#define UL_NFC_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Whether s (len bytes of valid UTF-8) is certainly NFC already: no code
 * point from U+0300 on, but for a few ranges of precomposed-only
 * characters (general punctuation, currency, letterlike). A fast test, so
 * that ASCII and Latin-1 text costs one pass and no allocation.
 */
bool ul_nfc_quick(const char *s, size_t len);

/*
 * s in NFC, written into out (size bytes) when it fits: the length, or
 * the size it needs when it does not (out then untouched), or (size_t)-1
 * when s is not valid UTF-8.
 */
size_t ul_nfc(const char *s, size_t len, char *out, size_t size);

/* s in NFC as a new string (free), or NULL when s is not valid UTF-8. */
char *ul_nfc_dup(const char *s);

/*
 * Whether two texts read the same to a person: 0 when they are equal in
 * NFC once case-folded ("Moi" and "moi", "é" composed or not), else the
 * order of their folded forms. Invalid UTF-8 compares as bytes.
 */
int ul_nfc_casecmp(const char *a, const char *b);

#endif
