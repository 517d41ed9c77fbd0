/* SPDX-License-Identifier: ISC */
/*
 * Encoding detection and conversion to UTF-8. Detection is one pass, eight
 * bytes at a time while they are ASCII; conversion goes through iconv into
 * an unlinked temporary file, so memory stays flat whatever the size.
 * Owns nothing; knows nothing of CSV.
 */
#include <errno.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "encoding.h"

struct scan {
	unsigned need;		/* continuation bytes still expected */
	bool multibyte;		/* a whole UTF-8 sequence was seen */
	bool invalid;		/* a byte that UTF-8 does not allow there */
	bool undefined;		/* 0x81, 0x8d, 0x8f, 0x90 or 0x9d: not Windows-1252 */
	bool first;
	enum ul_enc bom;
};

static void
scan_bytes(struct scan *sc, const unsigned char *s, size_t len)
{
	size_t i = 0;

	if (sc->first && len >= 2) {
		sc->first = false;
		if (s[0] == 0xff && s[1] == 0xfe)
			sc->bom = UL_ENC_UTF16LE;
		else if (s[0] == 0xfe && s[1] == 0xff)
			sc->bom = UL_ENC_UTF16BE;
	}
	while (i < len) {
		if (!sc->need) {
			/* Eight ASCII bytes at a time: most of any CSV. */
			while (i + 8 <= len) {
				uint64_t w;
				memcpy(&w, s + i, 8);
				if (w & 0x8080808080808080ull)
					break;
				i += 8;
			}
			if (i >= len)
				break;
		}
		unsigned c = s[i++];
		if (sc->need) {
			if ((c & 0xc0) == 0x80) {
				if (--sc->need == 0)
					sc->multibyte = true;
				continue;
			}
			sc->invalid = true;
			sc->need = 0;
		}
		if (c < 0x80)
			continue;
		if (c == 0x81 || c == 0x8d || c == 0x8f || c == 0x90 || c == 0x9d)
			sc->undefined = true;
		if (c >= 0xc2 && c <= 0xdf)
			sc->need = 1;
		else if (c >= 0xe0 && c <= 0xef)
			sc->need = 2;
		else if (c >= 0xf0 && c <= 0xf4)
			sc->need = 3;
		else
			sc->invalid = true;
	}
}

static enum ul_enc
verdict(const struct scan *sc)
{
	if (sc->bom != UL_ENC_UTF8)
		return sc->bom;
	if (!sc->invalid && !sc->need)
		return UL_ENC_UTF8;
	if (sc->multibyte)
		return UL_ENC_MIXED;
	return sc->undefined ? UL_ENC_LATIN1 : UL_ENC_CP1252;
}

enum ul_enc
ul_enc_detect(const char *data, size_t len)
{
	struct scan sc = { .first = true };

	scan_bytes(&sc, (const unsigned char *)data, len);
	return verdict(&sc);
}

int
ul_enc_detect_stream(FILE *fp, enum ul_enc *enc)
{
	struct scan sc = { .first = true };
	unsigned char buf[1 << 16];
	size_t n;

	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		scan_bytes(&sc, buf, n);
	if (ferror(fp))
		return -1;
	*enc = verdict(&sc);
	return 0;
}

const char *
ul_enc_name(enum ul_enc e)
{
	switch (e) {
	case UL_ENC_CP1252: return "WINDOWS-1252";
	case UL_ENC_LATIN1: return "ISO-8859-1";
	case UL_ENC_UTF16LE: return "UTF-16LE";
	case UL_ENC_UTF16BE: return "UTF-16BE";
	default: return NULL;
	}
}

FILE *
ul_enc_convert(FILE *in, enum ul_enc enc)
{
	const char *from = ul_enc_name(enc);
	char ibuf[1 << 16], obuf[1 << 17];
	size_t ilen = 0, n;
	FILE *out;
	iconv_t cd;
	int err = 0;

	if (!from) {
		errno = EINVAL;
		return NULL;
	}
	if ((cd = iconv_open("UTF-8", from)) == (iconv_t)-1)
		return NULL;
	if (!(out = tmpfile())) {
		err = errno;
		iconv_close(cd);
		errno = err;
		return NULL;
	}
	/* UTF-16: the byte order mark names the order and is not text. */
	if ((enc == UL_ENC_UTF16LE || enc == UL_ENC_UTF16BE) && fread(ibuf, 1, 2, in) < 2) {
		fclose(out);
		iconv_close(cd);
		errno = EILSEQ;
		return NULL;
	}
	while (!err && ((n = fread(ibuf + ilen, 1, sizeof(ibuf) - ilen, in)) > 0 || ilen)) {
		ilen += n;
		char *ip = ibuf, *op = obuf;
		size_t il = ilen, ol = sizeof(obuf);
		if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 && errno != EINVAL &&
		    errno != E2BIG)
			err = errno;
		else if (n == 0 && il == ilen)
			err = EILSEQ;	/* a sequence cut short at the end */
		if (fwrite(obuf, 1, (size_t)(op - obuf), out) != (size_t)(op - obuf))
			err = errno ? errno : EIO;
		memmove(ibuf, ip, il);
		ilen = il;
	}
	if (!err && ferror(in))
		err = errno ? errno : EIO;
	iconv_close(cd);
	if (err || fflush(out) != 0 || fseek(out, 0, SEEK_SET) != 0) {
		fclose(out);
		errno = err ? err : EIO;
		return NULL;
	}
	return out;
}
