/* SPDX-License-Identifier: ISC */
/*
 * The unknown-key check of the YAML formats (ykeys.h): looking a key up,
 * the message with its suggestion or list of keys, and the check of a
 * whole mapping. Knows nothing of what the keys mean.
 */
#include <stdio.h>
#include <string.h>

#include "intl.h"
#include "util.h"
#include "ykeys.h"

/* Keys longer than this are no typo of a short name: not compared. */
#define SUGGEST_KEY_MAX 40

size_t
ul_ykey_index(const char *key, const char *const *allowed, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (strcmp(key, allowed[k]) == 0)
			break;
	return k;
}

/* ", a, b, c" into buf from o on, cut with "…" when it does not fit. */
static void
key_list(char *buf, size_t size, size_t o, const char *const *allowed,
	 size_t n)
{
	static const char ellipsis[] = "…";

	for (size_t k = 0; k < n && o < size; k++) {
		size_t len = strlen(allowed[k]) + (k ? 2 : 0);
		/* room for this key, and for "…" should another follow */
		if (o + len + (k + 1 < n ? sizeof(ellipsis) : 1) > size) {
			while (o > 0 && buf[o - 1] == ' ')
				o--;
			if (o + sizeof(ellipsis) <= size)
				memcpy(buf + o, ellipsis, sizeof(ellipsis));
			return;
		}
		o += (size_t)snprintf(buf + o, size - o, "%s%s", k ? ", " : "",
				      allowed[k]);
	}
}

const char *
ul_ykey_message(char *buf, size_t size, const char *key, const char *where,
		const char *const *allowed, size_t n, bool suggest)
{
	char qb[80];
	const char *guess = NULL;
	int o;

	if (suggest && strlen(key) <= SUGGEST_KEY_MAX)
		guess = ul_suggest(key, allowed, n);
	o = snprintf(buf, size, _("unknown key '%s'%s%s"),
		     ul_quoted(qb, sizeof(qb), key), where ? " " : "",
		     where ? where : "");
	if (o < 0 || (size_t)o >= size)
		return buf;
	if (guess)
		snprintf(buf + o, size - (size_t)o, _(" (did you mean '%s'?)"),
			 guess);
	else if (n) {
		int p = snprintf(buf + o, size - (size_t)o, "%s",
				 _(": expected one of "));
		if (p > 0 && (size_t)(o + p) < size)
			key_list(buf, size, (size_t)(o + p), allowed, n);
	}
	return buf;
}

size_t
ul_ykeys_check(const struct ul_ynode *map, const char *const *allowed,
	       size_t n, const struct ul_ypair **slots, const char *file,
	       const char *where, size_t *budget, struct ul_diags *d)
{
	size_t unknown = 0;

	if (slots)
		memset(slots, 0, n * sizeof(*slots));
	for (size_t i = 0; i < map->n; i++) {
		const struct ul_ypair *p = &map->pairs[i];
		size_t k = ul_ykey_index(p->key->str, allowed, n);
		char msg[320];
		bool suggest;

		if (k < n) {
			/* the loader already refused duplicate keys */
			if (slots)
				slots[k] = p;
			continue;
		}
		/* past the diagnostics' limit the message is dropped anyway */
		suggest = !ul_diags_full(d, UL_ERROR) && (!budget || *budget >= n);
		if (suggest && budget)
			*budget -= n;
		ul_error(d, file, p->key->line, p->key->col, "%s",
			 ul_ykey_message(msg, sizeof(msg), p->key->str, where,
					 allowed, n, suggest));
		unknown++;
	}
	return unknown;
}
