#!/bin/sh
# SPDX-License-Identifier: ISC
# utilab-cards | utilab-print: a ready-to-print kit with no options, whose
# QR codes all still scan.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/cli/print-lib.sh"

write_ws() {
	cat >ws.yaml <<-\EOF
	utilab: 1
	id: test-print
	title: "Test d'impression"
	lang: fr
	decks:
	  - id: frictions
	    title: "Ce qui coince"
	    kind: write-in
	    size: poker
	    color: "#1D1D1B"
	    count: 10
	    prefix: FRI
	    qr: {url: "https://example.org/s/{serial}"}
	    back: {title: "Ce qui coince", text: "Une carte, une chose."}
	    fields:
	      - {id: texte, label: "Qu'est-ce qui coince ?", lines: 3}
	EOF
}

if ! test -x "$TOP/bin/utilab-cards"; then
	test_skip 'the kit from utilab-cards' 'no utilab-cards'
	test_done
	exit
fi

test_expect_success 'utilab-cards | utilab-print: duplex cards, every QR scans' '
	write_ws &&
	utilab-cards -d frictions ws.yaml 2>/dev/null | utilab-print >kit.pdf &&
	qpdf --check kit.pdf >/dev/null &&
	pdfinfo kit.pdf >info && test_grep "^Pages: +4$" info &&
	pdftotext -f 1 -l 1 kit.pdf t1 &&
	test_grep "cartes frictions 63×88 mm · recto · feuille 1/2" t1 &&
	pdftotext -f 2 -l 2 kit.pdf t2 && test_grep "verso · feuille 1/2" t2 &&
	pdftoppm -r 150 -gray -f 1 -l 1 kit.pdf p1 &&
	pdftoppm -r 150 -gray -f 3 -l 3 kit.pdf p3 &&
	zbarimg -q --raw p1*.pgm p3*.pgm 2>/dev/null | sort >got &&
	for i in 01 02 03 04 05 06 07 08 09 10; do
		echo "https://example.org/s/FRI-0$i"
	done >expect &&
	test_cmp expect got
'

test_expect_success 'the kit is text, not pictures: fonts embedded' '
	write_ws &&
	utilab-cards -d frictions ws.yaml 2>/dev/null | utilab-print >kit.pdf &&
	pdffonts kit.pdf >fonts &&
	test $(awk "NR > 2 && \$(NF - 4) != \"yes\"" fonts | wc -l) -eq 0 &&
	pdftotext kit.pdf t && test_grep "FRI-007" t
'

test_done
