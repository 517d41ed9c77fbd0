/* SPDX-License-Identifier: ISC */
/*
 * Small pieces of utilab-collect that the CLI tests reach only partly:
 * serial normalisation, privacy detection, label folding, CSV cells.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "merge.h"
#include "nfc.h"
#include "report.h"
#include "results.h"
#include "tap.h"
#include "util.h"

static void
serial(const char *in, const char *want)
{
	char buf[64], name[128];
	int r = ul_serial_normalise(in, buf, sizeof(buf), NULL);

	snprintf(name, sizeof(name), "serial '%s' -> %s", in, want ? want : "refused");
	if (want)
		is_str(r == 0 ? buf : NULL, want, name);
	else
		ok(r < 0, name);
}

static void
cell(const char *in, const char *want)
{
	char *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);

	ul_report_csv_cell(fp, in);
	fclose(fp);
	is_str(out, want, want);
	free(out);
}

int
main(void)
{
	serial("FRI-007", "FRI-007");
	serial("fri-7", "FRI-007");
	serial(" FRI 7 ", "FRI-007");
	serial("FRI7", "FRI-007");
	serial("FRI-0007", "FRI-007");
	serial("FRI-1234", "FRI-1234");
	serial("F2-15", "F2-015");
	serial("A_1", "A-001");
	serial("FRI-", NULL);
	serial("007", NULL);
	serial("FRI-7a", NULL);
	serial("F2015", "F-2015");	/* ambiguous, read as prefix F */
	serial("FR I-7", NULL);
	serial("", NULL);

	is_int(ul_privacy_scan("écrire à jean.dupont@example.org svp"), UL_PRIV_EMAIL, "e-mail found");
	is_int(ul_privacy_scan("au 06 12 34 56 78 le soir"), UL_PRIV_PHONE, "phone with spaces");
	is_int(ul_privacy_scan("au 06.12.34.56.78"), UL_PRIV_PHONE, "phone with dots");
	is_int(ul_privacy_scan("+33 6 12 34 56 78"), UL_PRIV_PHONE, "international phone");
	is_int(ul_privacy_scan("0612345678 ou a@b.fr"), UL_PRIV_EMAIL | UL_PRIV_PHONE, "both");
	is_int(ul_privacy_scan("le 12/05/2023, 3 packs de 6, FRI-007, 2023-05-12"), 0,
	       "dates, counts and serials are not phones");
	is_int(ul_privacy_scan("bus 18 à 07h30, code 0123"), 0, "short numbers are not phones");
	is_int(ul_privacy_scan("un @ tout seul, a@b, @home"), 0, "an at sign is not an address");

	char *f = ul_fold("  Numéro de la Carte !");
	is_str(f, "numero de la carte", "fold: accents, case, punctuation");
	free(f);
	f = ul_fold("Œuvre’s  ÉTAPE");
	is_str(f, "oeuvre s etape", "fold: ligature, apostrophe, capitals");
	free(f);

	cell("plain", "plain");
	cell("=1+1", "\"'=1+1\"");
	cell("+33 6", "\"'+33 6\"");
	cell("-2", "\"'-2\"");
	cell("@SUM(A1)", "\"'@SUM(A1)\"");
	cell("\tx", "\"'\tx\"");
	cell("a,b", "\"a,b\"");
	cell("say \"hi\"", "\"say \"\"hi\"\"\"");
	cell("two\nlines", "\"two\nlines\"");
	cell("a;b", "\"a;b\"");
	cell("'quoted", "\"''quoted\"");

	/* Suggestions count characters: two accents are two edits, not four. */
	static const char *const tags[] = { "securite", "sante" };
	is_str(ul_suggest("sécurité", tags, 2), "securite", "suggest: 'sécurité' gets 'securite'");
	is_int((long)ul_edit_distance("sécurité", "securite"), 2, "edit distance in characters");

	/* Blanks as typed by hand: one space, clean line ends, no CR. */
	static const struct { const char *in, *out; } blanks[] = {
		{ "Pas de  médecin", "Pas de médecin" },
		{ "tab\there", "tab here" },
		{ "line  \r\nnext", "line\nnext" },
		{ "old\rmac", "old\nmac" },
		{ "a\n\n\n\nb", "a\n\nb" },
		{ "a\n  b", "a\nb" },
		{ "pas\u00a0: nbsp kept", "pas\u00a0: nbsp kept" },
		{ "  ends  ", "ends" },
	};
	for (size_t i = 0; i < sizeof(blanks) / sizeof(blanks[0]); i++) {
		char buf[64];
		snprintf(buf, sizeof(buf), "%s", blanks[i].in);
		bool untidy = strcmp(blanks[i].in, blanks[i].out) != 0;
		char name[96];
		snprintf(name, sizeof(name), "blanks: case %zu %s", i,
			 untidy ? "untidy" : "already tidy");
		ok(ul_blanks_untidy(buf) == untidy, name);
		ul_blanks_tidy(buf);
		is_str(buf, blanks[i].out, name);
		ok(!ul_blanks_untidy(buf), name);
	}

	/* Cuts never split a character. */
	is_int(ul_utf8_cut("aé", 2), 1, "cut before a split é");
	is_int(ul_utf8_cut("aé", 3), 3, "cut after a whole é");
	char cut[] = "tro\xc3";
	ul_utf8_trim_cut(cut);
	is_str(cut, "tro", "a trailing half character is dropped");

	/* NFC: decomposed accents are composed, composed text left alone. */
	char *n = ul_nfc_dup("se\xcc\x81" "curite\xcc\x81");
	is_str(n, "sécurité", "NFD to NFC");
	free(n);
	ok(ul_nfc_quick("Élan — 12 €", strlen("Élan — 12 €")), "Latin-1, dashes, euro: quick");
	ok(!ul_nfc_quick("e\xcc\x81", 3), "a combining accent: not quick");
	return done_testing();
}
