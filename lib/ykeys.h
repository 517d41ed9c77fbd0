/* SPDX-License-Identifier: ISC */
/*
 * The unknown-key check of every YAML format utilab reads (workshop
 * definitions, results files, column mappings, guides): one rule and one
 * message. A key that is not among a mapping's allowed keys is an error at
 * the key's position, with the closest allowed key ("did you mean
 * 'title'?") or, when none is close, the list of the keys there are.
 * Owns nothing; knows nothing of what the keys mean or of argv.
 */
#ifndef UL_YKEYS_H
#define UL_YKEYS_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "yamlload.h"

/* The index of key in allowed[0..n), or n when it is not there. */
size_t ul_ykey_index(const char *key, const char *const *allowed, size_t n);

/*
 * The message for an unknown key, written into buf (256 bytes hold it;
 * a longer list of keys is cut with "…"): "unknown key 'titel' (did you
 * mean 'title'?)", or "unknown key 'zz': expected one of id, title, …".
 * where, when not NULL, follows the key (" in part 2"). suggest false
 * skips the comparison (a caller's budget is spent) and lists the keys.
 * The key is quoted on one line and cut (ul_quoted). Returns buf.
 */
const char *ul_ykey_message(char *buf, size_t size, const char *key,
			    const char *where, const char *const *allowed,
			    size_t n, bool suggest);

/*
 * Check every key of map: an allowed key's pair goes to slots[k] (slots,
 * when not NULL, has n entries, NULL for a key not written); each unknown
 * key is an error at its position in d, file naming it, where as above.
 * A suggestion compares the key with n names: *budget, when budget is not
 * NULL, is what the caller may still spend on that (a hostile file with
 * thousands of unknown keys stays linear); past it, and once d is full,
 * the message lists the keys instead. Returns how many keys were unknown.
 * map must be a mapping.
 */
size_t ul_ykeys_check(const struct ul_ynode *map, const char *const *allowed,
		      size_t n, const struct ul_ypair **slots,
		      const char *file, const char *where, size_t *budget,
		      struct ul_diags *d);

#endif
