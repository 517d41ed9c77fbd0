/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target for utilab-print's PDF input path: the bytes are opened
 * as a PDF file (lib/pdfin through libqpdf: boxes, labels, keywords, the
 * utilab contract, annotation flattening), then imposed without marks
 * into /dev/null (or straight through the qpdf bridge), so that every
 * page is turned into a Form XObject and placed. The contract parser also gets the raw bytes as keywords and as
 * a label, since its real inputs (PDF strings) may hold anything.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "contract.h"
#include "impose.h"
#include "pdfin.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
contract(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *id, *card;
	struct ul_contract_doc doc;
	const char *why;

	memcpy(s, data, size);
	s[size] = '\0';
	(void)ul_contract_parse_keywords(s, &doc, &why);
	(void)ul_contract_parse_label(s, &id, &card);
	free(id);
	free(card);
	free(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	struct ul_pdfin in;
	struct ul_diags d;

	contract(data, size);
	int fd = memfd_create("fuzz-pdfin", 0);
	if (fd < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	ul_diags_init(&d);
	if (ul_pdfin_open(&in, path, 0, &d) == 0) {
		/*
		 * The last byte picks a mode. Imposing whole (the plan, the
		 * marks' fonts) is slow, so it gets one input in eight; the
		 * others go straight to the bridge: every page made a form,
		 * placed, and the document written.
		 */
		int mode = size ? data[size - 1] % 8 : 0;
		FILE *out = fopen("/dev/null", "wb");
		if (out && mode < 3 && in.npages <= 64) {
			struct ul_impose_opts o;
			ul_impose_opts_init(&o);
			o.marks = false;
			o.booklet = mode == 1;
			o.tile = mode == 2;
			(void)ul_impose_write(&in, 1, &o, out, &d);
		} else if (out) {
			struct ul_qpdf_out *q = ul_qpdf_out_new(out, &in.q, 1);
			struct ul_qpdf_meta meta = { .title = in.title };
			char *err = NULL;
			static const double m[6] = { 0.5, 0, 0, 0.5, 10, 10 };
			static const double clip[4] = { 0, 0, 300, 300 };
			for (int i = 0; i < in.npages && i < 64; i++) {
				int f = ul_qpdf_out_form(q, in.q, i,
							 &in.pages[i].box, &err);
				free(err);
				err = NULL;
				ul_qpdf_out_sheet(q, 595, 842);
				if (f >= 0)
					ul_qpdf_out_place(q, f, m, clip);
			}
			(void)ul_qpdf_out_finish(q, &meta, &err);
			free(err);
			ul_qpdf_out_free(q);
		}
		if (out)
			fclose(out);
	}
	ul_pdfin_release(&in);
	ul_diags_release(&d);
	close(fd);
	return 0;
}
