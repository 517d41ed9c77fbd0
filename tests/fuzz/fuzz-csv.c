/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target for the CSV reader: every record of any input is read
 * to the end, with the delimiter sniffed, through a FILE as in real use.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ul_csv c;
	FILE *fp;
	size_t total = 0;

	if (size == 0)
		return 0;
	fp = fmemopen((void *)data, size, "rb");
	if (!fp)
		return 0;
	if (ul_csv_open(&c, "fuzz", fp, 0) == 0) {
		while (ul_csv_next(&c) == 1) {
			for (size_t i = 0; i < c.n; i++)
				total += strlen(c.field[i]) <= c.len[i];
			if (c.problem)
				(void)ul_csv_problem_name(c.problem);
		}
	}
	ul_csv_release(&c);
	fclose(fp);
	return total == (size_t)-1;
}
