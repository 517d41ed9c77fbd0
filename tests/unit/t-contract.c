/* SPDX-License-Identifier: ISC */
/*
 * The utilab PDF contract: what the writer produces the parser reads back,
 * and what is not the contract is a plain page or a foreign PDF.
 */
#include <stdlib.h>

#include "contract.h"
#include "tap.h"

static void
round_trip(enum ul_role role, const char *id, const char *card,
	   const char *want_label, const char *want_id, const char *want_card)
{
	char *l = ul_contract_label(role, id, card), *i, *c;
	is_str(l, want_label, "label written");
	is_int(ul_contract_parse_label(l, &i, &c), role, "role read back");
	is_str(i, want_id, "id read back");
	is_str(c, want_card, "card read back");
	free(l);
	free(i);
	free(c);
}

static void
plain(const char *label)
{
	char *i, *c;
	enum ul_role r = ul_contract_parse_label(label, &i, &c);
	if (!ok(r == UL_ROLE_PAGE && !i && !c, "a plain page"))
		printf("#   label '%s'\n", label ? label : "(null)");
	free(i);
	free(c);
}

int
main(void)
{
	struct ul_contract_doc d;
	const char *why;

	round_trip(UL_ROLE_FRONT, "prompts", "c01", "front:prompts:c01",
		   "prompts", "c01");
	round_trip(UL_ROLE_BACK, "prompts", "c01", "back:prompts:c01",
		   "prompts", "c01");
	/* A card id may hold a colon: the deck ends at the first one. */
	round_trip(UL_ROLE_FRONT, "d", "a:b", "front:d:a:b", "d", "a:b");
	round_trip(UL_ROLE_POSTER, "parcours", NULL, "poster:parcours",
		   "parcours", NULL);
	round_trip(UL_ROLE_SHEET, "run", "2", "sheet:run:2", "run:2", NULL);
	round_trip(UL_ROLE_SHEET, "run", NULL, "sheet:run", "run", NULL);
	plain(NULL);
	plain("");
	plain("1");
	plain("front:");
	plain("front:deck");
	plain("front::c1");
	plain("front:deck:");
	plain("poster:");
	plain("Front:d:c");

	char *kw = ul_contract_keywords(3, "fr");
	is_str(kw, "utilab-cards utilab:bleed=3 utilab:lang=fr", "keywords");
	ok(ul_contract_parse_keywords(kw, &d, &why) == 0 && d.utilab &&
	   d.has_bleed && d.bleed_mm == 3, "keywords read back");
	is_str(d.lang, "fr", "language read back");
	free(kw);
	kw = ul_contract_keywords(2.5, "pt-BR");
	ok(ul_contract_parse_keywords(kw, &d, &why) == 0 &&
	   d.bleed_mm == 2.5, "a decimal bleed");
	is_str(d.lang, "pt-BR", "a region subtag");
	free(kw);

	ok(ul_contract_parse_keywords(NULL, &d, &why) == 0 && !d.utilab,
	   "no keywords: foreign");
	ok(ul_contract_parse_keywords("utilab-cardsx utilab:bleed=3", &d,
				      &why) == 0 && !d.utilab,
	   "a longer word is not the marker");
	ok(ul_contract_parse_keywords("cards, utilab-cards,utilab:lang=en",
				      &d, &why) == 0 && d.utilab &&
	   !d.has_bleed, "commas separate too; no bleed given");
	is_str(d.lang, "en", "language after a comma");
	ok(ul_contract_parse_keywords("foo utilab:bleed=nope", &d,
				      &why) == 0 && !d.utilab,
	   "a foreign PDF's keywords never fail");
	static const char *bad[] = {
		"utilab-cards utilab:bleed=", "utilab-cards utilab:bleed=x",
		"utilab-cards utilab:bleed=-1", "utilab-cards utilab:bleed=51",
		"utilab-cards utilab:bleed=nan", "utilab-cards utilab:lang=",
		"utilab-cards utilab:lang=-fr", "utilab-cards utilab:lang=f\"r",
		"utilab-cards utilab:lang=0123456789012345678901234567890123456",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		why = NULL;
		if (!ok(ul_contract_parse_keywords(bad[i], &d, &why) == -1 &&
			why, "malformed keyword refused"))
			printf("#   '%s'\n", bad[i]);
	}
	return done_testing();
}
