/* SPDX-License-Identifier: ISC */
/*
 * Fault injection, in the spirit of SQLite's: with UL_FAULT set to
 * KIND:N in the environment, the Nth operation of that kind in the process
 * fails, as if the system had refused it, and every other succeeds. KIND
 * is alloc (utilab's own allocations: ul_xmalloc and friends; the run then
 * stops with "out of memory", status 70), write (a write of an output
 * file: ENOSPC), fsync (EIO) or rename (EIO). The operations are counted
 * where they happen (lib/util, lib/atomic); tests/cli/t5040-faults.sh
 * loops N over real runs. Unset (the normal case), it costs one branch.
 * Knows nothing of what fails.
 */
#ifndef UL_FAULT_H
#define UL_FAULT_H

#include <stdbool.h>

enum ul_fault_kind { UL_FAULT_ALLOC, UL_FAULT_WRITE, UL_FAULT_FSYNC,
		     UL_FAULT_RENAME, UL_FAULT_NONE };

/* Whether this operation of kind k is the one that must fail. */
bool ul_fault(enum ul_fault_kind k);

#endif
