/* SPDX-License-Identifier: ISC */
/*
 * The utilab PDF contract (see contract.h): writes and parses the page
 * labels and keywords utilab-cards leaves for utilab-print. Owns their
 * syntax only; knows nothing of PDF files or of what a role is used for.
 */
#include <stdlib.h>
#include <string.h>

#include "contract.h"
#include "intl.h"
#include "util.h"

#define SEPARATORS " ,\t"

static const struct kind {
	const char *prefix;
	enum ul_role role;
	bool card;		/* DECK:CARD rather than one id */
} kinds[] = {
	{ "front:", UL_ROLE_FRONT, true },
	{ "back:", UL_ROLE_BACK, true },
	{ "poster:", UL_ROLE_POSTER, false },
	{ "sheet:", UL_ROLE_SHEET, false },
};

char *
ul_contract_label(enum ul_role role, const char *id, const char *card)
{
	for (size_t i = 0; i < UL_NELEM(kinds); i++) {
		if (kinds[i].role != role)
			continue;
		if (card)
			return ul_xasprintf("%s%s:%s", kinds[i].prefix, id, card);
		return ul_xasprintf("%s%s", kinds[i].prefix, id);
	}
	/* A plain page has no label of the contract. */
	return ul_xstrdup(id ? id : "");
}

char *
ul_contract_keywords(double bleed_mm, const char *lang)
{
	return ul_xasprintf("utilab-cards utilab:bleed=%g utilab:lang=%s",
			    bleed_mm, lang);
}

/*
 * The token of kw that starts with key: its value's start and length, or
 * NULL. Tokens are whole words: "xutilab:bleed=" is not "utilab:bleed=".
 */
static const char *
token(const char *kw, const char *key, bool whole, size_t *vlen)
{
	size_t klen = strlen(key);

	for (const char *p = kw; p && *p;) {
		p += strspn(p, SEPARATORS);
		size_t n = strcspn(p, SEPARATORS);
		if (n >= klen && strncmp(p, key, klen) == 0 &&
		    (!whole || n == klen)) {
			*vlen = n - klen;
			return p + klen;
		}
		p += n;
	}
	return NULL;
}

static bool
lang_ok(const char *s, size_t n)
{
	if (n == 0 || n >= sizeof(((struct ul_contract_doc *)0)->lang))
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || (c == '-' && i > 0)))
			return false;
	}
	return true;
}

int
ul_contract_parse_keywords(const char *kw, struct ul_contract_doc *doc,
			   const char **why)
{
	size_t n;
	const char *v;

	memset(doc, 0, sizeof(*doc));
	*why = NULL;
	if (!kw || !token(kw, "utilab-cards", true, &n))
		return 0;
	doc->utilab = true;
	if ((v = token(kw, "utilab:bleed=", false, &n))) {
		char buf[32], *end;
		if (n == 0 || n >= sizeof(buf)) {
			*why = _("bad 'utilab:bleed' in the keywords");
			return -1;
		}
		memcpy(buf, v, n);
		buf[n] = '\0';
		double mm = strtod(buf, &end);
		if (*end || !(mm >= 0 && mm <= UL_CONTRACT_MAX_BLEED_MM)) {
			*why = _("bad 'utilab:bleed' in the keywords");
			return -1;
		}
		doc->has_bleed = true;
		doc->bleed_mm = mm;
	}
	if ((v = token(kw, "utilab:lang=", false, &n))) {
		if (!lang_ok(v, n)) {
			*why = _("bad 'utilab:lang' in the keywords");
			return -1;
		}
		memcpy(doc->lang, v, n);
		doc->lang[n] = '\0';
	}
	return 0;
}

enum ul_role
ul_contract_parse_label(const char *label, char **id, char **card)
{
	*id = *card = NULL;
	if (!label)
		return UL_ROLE_PAGE;
	for (size_t i = 0; i < UL_NELEM(kinds); i++) {
		size_t plen = strlen(kinds[i].prefix);
		if (strncmp(label, kinds[i].prefix, plen) != 0)
			continue;
		const char *rest = label + plen;
		if (!kinds[i].card) {
			if (!*rest)
				return UL_ROLE_PAGE;
			*id = ul_xstrdup(rest);
			return kinds[i].role;
		}
		const char *colon = strchr(rest, ':');
		if (!colon || colon == rest || !colon[1])
			return UL_ROLE_PAGE;
		*id = ul_xstrndup(rest, colon - rest);
		*card = ul_xstrdup(colon + 1);
		return kinds[i].role;
	}
	return UL_ROLE_PAGE;
}
