#!/bin/sh
# SPDX-License-Identifier: ISC
# The two READMEs (English and French) and the licences of what is not
# code: both READMEs give the same set-up commands and the catalogue as
# utilab-new lists it today, link to each other and say how to report a
# problem; every text of the catalogue and the guide carries its
# CC-BY-SA-4.0 licence and its authors, and the licence's text ships.

. "$(dirname "$0")/../lib.sh"

test_expect_success 'the READMEs link to each other' '
	test_grep "\(README\.fr\.md\)" "$TOP/README.md" &&
	test_grep "\(README\.md\)" "$TOP/README.fr.md"
'

test_expect_success 'both READMEs give the same two set-up commands' '
	for f in README.md README.fr.md; do
		# the first two commands shown: the set-up block
		grep -E "^    make (demo|check) " "$TOP/$f" | head -n 2 |
			awk "{print \$1, \$2}" >"$f.cmds" || exit 1
	done &&
	printf "make demo\nmake check\n" >want &&
	test_cmp want README.md.cmds &&
	test_cmp want README.fr.md.cmds
'

test_expect_success 'both READMEs show the catalogue as utilab-new -l lists it' '
	utilab-new -l >list &&
	test -s list &&
	for f in README.md README.fr.md; do
		sed -n "/bin\/utilab-new -l\$/,/^\$/p" "$TOP/$f" |
			sed -e "1d" -e "/^\$/d" -e "s/^    //" >shown &&
		test_cmp list shown || { echo "out of date: $f"; exit 1; }
	done
'

test_expect_success 'both READMEs say how to report a problem' '
	test_grep "^## Reporting problems" "$TOP/README.md" &&
	test_grep "^## Signaler un problème" "$TOP/README.fr.md" &&
	test_grep "utilab-cards --version" "$TOP/README.md" &&
	test_grep "utilab-cards --version" "$TOP/README.fr.md"
'

test_expect_success 'every workshop of the catalogue and the guide name their licence and authors' '
	for f in "$TOP"/workshops/*.yaml; do
		test_grep "^license: CC-BY-SA-4.0( |\$)" "$f" &&
		test_grep "^authors: \[\"[^\"]+\"" "$f" || { echo "in $f"; exit 1; }
	done
'

test_expect_success 'the guide texts and the examples carry the licence, the texts their authors' '
	for f in "$TOP"/workshops/guide/*.md; do
		test_grep "Licence : CC-BY-SA-4.0" "$f" &&
		test_grep "Auteurs : " "$f" || { echo "in $f"; exit 1; }
	done &&
	test_grep "Licence : CC-BY-SA-4.0" "$TOP/workshops/exemples/README" &&
	for f in "$TOP"/workshops/exemples/*.yaml "$TOP"/workshops/exemples/*/*.yaml; do
		test_grep "CC-BY-SA-4.0|../README|README" "$f" || { echo "in $f"; exit 1; }
	done
'

test_expect_success 'the CC-BY-SA-4.0 text ships with the catalogue, and LICENSE and the READMEs point to it' '
	test_grep "^Attribution-ShareAlike 4.0 International$" "$TOP/workshops/LICENSE" &&
	test_grep "Section 3 -- License Conditions\." "$TOP/workshops/LICENSE" &&
	for f in LICENSE README.md README.fr.md debian/copyright; do
		test_grep "workshops/LICENSE" "$TOP/$f" || exit 1
	done &&
	test_grep "^Files: workshops/\*" "$TOP/debian/copyright"
'

test_expect_success 'a kit printed from the catalogue carries its authors and licence' '
	utilab-new -o ws.yaml sequences-de-vie &&
	# with SOURCE_DATE_EPOCH (set here), whose dates rewrite the
	# information dictionary: the long subject must survive it
	utilab-cards -S -o run.pdf ws.yaml &&
	if test_have pdfinfo; then
		pdfinfo run.pdf >info &&
		test_grep "^Author: +Les contributeurs et contributrices" info &&
		test_grep "^Subject: .*CC-BY-SA-4.0" info
	fi
'

test_done
