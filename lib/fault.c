/* SPDX-License-Identifier: ISC */
/*
 * Fault injection: parses UL_FAULT once and counts operations of the kind
 * it names. Owns that counter; knows nothing of the operations.
 */
#include <stdlib.h>
#include <string.h>

#include "fault.h"

bool
ul_fault(enum ul_fault_kind k)
{
	static const char *const names[] = { "alloc", "write", "fsync",
					     "rename" };
	static enum ul_fault_kind kind = UL_FAULT_NONE;
	static long at, seen;
	static bool parsed;

	if (!parsed) {
		const char *e = getenv("UL_FAULT"), *colon;
		parsed = true;
		if (e && (colon = strchr(e, ':')))
			for (int i = 0; i < UL_FAULT_NONE; i++)
				if (strlen(names[i]) == (size_t)(colon - e) &&
				    strncmp(e, names[i], colon - e) == 0) {
					kind = (enum ul_fault_kind)i;
					at = strtol(colon + 1, NULL, 10);
				}
	}
	return k == kind && at > 0 && ++seen == at;
}
