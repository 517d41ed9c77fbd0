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

# The run sheet is a document read in order: in a duplex kit its pages go
# recto verso, two to a sheet, and only its odd last page gets a blank back.
# Turned over the short edge, the verso is printed upside down.
seq_kit() {
	utilab-new -q -o seq.yaml sequences-de-vie seq &&
	utilab-cards -q seq.yaml -o seq.pdf
}

if test -x "$TOP/bin/utilab-new"; then
test_expect_success 'duplex kit: the run sheet prints recto verso' '
	seq_kit &&
	pdfinfo seq.pdf >in && pages=$(sed -n "s/^Pages: *//p" in) &&
	sheets=$(pdftotext seq.pdf - | grep -c "fiche d.animation") &&
	test "$sheets" -ge 2 &&
	utilab-print -q seq.pdf -o long.pdf &&
	qpdf --check long.pdf >/dev/null &&
	pdftotext -f 1 -l 1 long.pdf p1 && test_grep "FICHE D.ANIMATION" p1 &&
	pdftotext -f 2 -l 2 long.pdf p2 && test_grep "(suite)" p2 &&
	pdftotext -f 2 -l 2 -bbox long.pdf b2 &&
	y=$(sed -n "s/.*yMin=\"\([0-9]*\).*>(suite)<.*/\1/p" b2 | head -1) &&
	test "$y" -lt 200 &&
	if test "$sheets" -eq 2; then
		pdftotext -f 3 -l 3 long.pdf p3 && ! grep -q "suite" p3
	else
		pdftotext -f 3 -l 3 long.pdf p3 && test_grep "(suite)" p3 &&
		pdftotext -f 4 -l 4 long.pdf p4 &&
		test $(tr -d " \n\f" <p4 | wc -c) -eq 0
	fi
'

test_expect_success 'short-edge duplex: the run sheet verso is upside down' '
	seq_kit &&
	utilab-print -q -D short seq.pdf -o short.pdf &&
	qpdf --check short.pdf >/dev/null &&
	pdftotext -f 2 -l 2 -bbox short.pdf b2 &&
	y=$(sed -n "s/.*yMin=\"\([0-9]*\).*>(suite)<.*/\1/p" b2 | head -1) &&
	test "$y" -gt 640
'

test_expect_success 'single-sided: the run sheet pages one per sheet, no blanks' '
	seq_kit &&
	utilab-print -q -D none seq.pdf -o none.pdf 2>err &&
	pdftotext -f 2 -l 2 none.pdf n2 && test_grep "(suite)" n2 &&
	pdftotext -f 1 -l 4 none.pdf - | grep -c "fiche d.animation" >n &&
	test $(cat n) -ge 2
'
else
	test_skip 'the run sheet recto verso' 'no utilab-new'
fi

test_done
