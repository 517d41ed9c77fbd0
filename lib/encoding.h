/* SPDX-License-Identifier: ISC */
/*
 * Input encodings: tells UTF-8 from the legacy 8-bit encodings a
 * spreadsheet writes when it saves "CSV" (Windows-1252, ISO-8859-1) and
 * from UTF-16 (Excel's "Unicode text"), and converts the latter to UTF-8
 * with iconv, streaming. Owns nothing; knows nothing of CSV.
 */
#ifndef UL_ENCODING_H
#define UL_ENCODING_H

#include <stddef.h>
#include <stdio.h>

enum ul_enc {
	UL_ENC_UTF8,		/* valid UTF-8 (ASCII included): read as it is */
	UL_ENC_MIXED,		/* UTF-8 with some invalid bytes: rows are checked one by one */
	UL_ENC_CP1252,		/* no UTF-8 sequence, bytes of Windows-1252 */
	UL_ENC_LATIN1,		/* no UTF-8 sequence, bytes Windows-1252 leaves undefined */
	UL_ENC_UTF16LE,		/* a UTF-16 byte order mark */
	UL_ENC_UTF16BE,
};

/* What the bytes are; len bytes of data, or a stream read to its end. */
enum ul_enc ul_enc_detect(const char *data, size_t len);
/* Returns -1 on a read error (errno set), else 0 with *enc. */
int ul_enc_detect_stream(FILE *, enum ul_enc *enc);

/* iconv's name of the encoding ("WINDOWS-1252"…), NULL for UTF-8. */
const char *ul_enc_name(enum ul_enc);

/*
 * Convert from enc to UTF-8: the stream in, read from its current
 * position, into a new temporary stream (rewound; fclose removes it).
 * Returns NULL with errno set (EILSEQ: not that encoding after all).
 */
FILE *ul_enc_convert(FILE *in, enum ul_enc enc);

#endif
