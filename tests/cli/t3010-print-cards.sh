#!/bin/sh
# SPDX-License-Identifier: ISC
# utilab-print: n-up cards, crop marks, duplex backs, fidelity marks.
# Geometry is read back from the output: word boxes (pdftotext -bbox) of
# the labels at the cards' centres, and pixel runs of a 254 dpi rendering
# (0.1 mm a pixel) for crop marks, bleed and the scale bar.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/cli/print-lib.sh"

# pairs FRONTWORDS BACKWORDS N: "XF YF XB YB" for cards 1..N.
pairs() {
	awk -v n="$3" 'FNR == NR { f[$1] = $2 " " $3; next }
		{ b[$1] = $2 " " $3 }
		END { for (k = 1; k <= n; k++) print f["F" k], b["B" k] }' "$1" "$2"
}

# check_flip PAIRS EXPR: every pair satisfies the awk condition EXPR
# (on xf yf xb yb, in mm) within 0.5 mm.
check_flip() {
	awk "{ xf = \$1; yf = \$2; xb = \$3; yb = \$4
		if (NF != 4) { print \"missing card: \" \$0; bad = 1; next }
		$2 }
		function within(a, b) { d = a - b; if (d < 0) d = -d
			if (d > 0.5) { print \"off by \" d \": \" \$0; bad = 1 } }
		END { exit bad }" "$1"
}

test_expect_success 'poker cards: 9 a sheet, a 3x3 grid centred on A4' '
	gen in.pdf --utilab --bleed 3 --lang fr --title "Atelier" cards:seq:9:63x88 &&
	utilab-print -o out.pdf in.pdf &&
	qpdf --check out.pdf >/dev/null &&
	pdfinfo out.pdf >info && test_grep "^Pages: +2$" info &&
	words out.pdf 1 >f &&
	for k in 1 2 3 4 5 6 7 8 9; do test_grep "^F$k " f || return 1; done &&
	set -- $(word_at f F1) $(word_at f F2) $(word_at f F3) $(word_at f F4) &&
	near "$(calc "$3 - $1")" 64 1.01 &&
	near "$(calc "$8 - $2")" 89 1.01 &&
	near "$(calc "($1 + $5) / 2")" 105 0.2
'

test_expect_success 'crop marks sit on the trim lines, outside every card' '
	gen in.pdf --utilab --bleed 3 cards:seq:9:63x88 &&
	utilab-print -o out.pdf in.pdf &&
	render_pgm out.pdf 1 p.pgm &&
	words out.pdf 1 >f &&
	set -- $(word_at f F1) &&
	x=$(int "$1 * 10") && y=$(int "($2 + 20) * 10") &&
	top=$(scan_col p.pgm "$x" | awk "\$1 == \"M\" { print \$2; exit }") &&
	scan_row p.pgm "$y" >cards &&
	scan_row p.pgm $((top - 25)) >marks &&
	awk "\$1 == \"M\" { print \$2; print \$3 + 1 }" cards | sort -nu >edges &&
	awk "\$1 == \"D\" { print (\$2 + \$3 + 1) / 2 }" marks >ticks &&
	test $(wc -l <edges) -eq 6 && test $(wc -l <ticks) -eq 6 &&
	paste edges ticks >both &&
	awk "{ d = \$1 - \$2; if (d < 0) d = -d; if (d > 3) exit 1 }" both &&
	! grep "^D" cards
'

test_expect_success 'crop marks on the left too, at least 3 mm long' '
	gen in.pdf --utilab --bleed 3 cards:seq:9:63x88 &&
	utilab-print -o out.pdf in.pdf && render_pgm out.pdf 1 p.pgm &&
	scan_col p.pgm 65 | awk "\$1 == \"D\"" >left &&
	test $(wc -l <left) -eq 6 &&
	scan_row p.pgm $(awk "NR == 2 { print \$2 }" left) |
	awk "\$1 == \"D\" && \$3 < 100 { if (\$3 - \$2 + 1 < 30) exit 1; n++ }
	     END { exit n != 1 }"
'

test_expect_success 'backs land behind fronts: long-edge flip' '
	gen in.pdf --utilab --bleed 3 cards:seq:9:63x88 &&
	utilab-print -o out.pdf in.pdf &&
	words out.pdf 1 >f && words out.pdf 2 >b &&
	pairs f b 9 >p &&
	check_flip p "within(xf + xb, 210); within(yf, yb)"
'

test_expect_success 'backs land behind fronts: short-edge flip' '
	gen in.pdf --utilab --bleed 3 cards:seq:9:63x88 &&
	utilab-print -D short -o out.pdf in.pdf &&
	words out.pdf 1 >f && words out.pdf 2 >b &&
	pairs f b 9 >p &&
	check_flip p "within(xf, xb); within(yf + yb, 297)"
'

test_expect_success 'the back offset moves backs right and up' '
	gen in.pdf --utilab --bleed 3 cards:seq:9:63x88 &&
	utilab-print -O 2,1 -o out.pdf in.pdf &&
	words out.pdf 1 >f && words out.pdf 2 >b &&
	pairs f b 9 >p &&
	check_flip p "within(xf + xb, 212); within(yf - 1, yb)"
'

test_expect_success 'landscape cards turn to fit, and their backs still line up' '
	gen in.pdf --utilab --bleed 3 cards:land:9:88x63 &&
	utilab-print -o out.pdf in.pdf &&
	pdfinfo out.pdf >info && test_grep "^Pages: +2$" info &&
	words out.pdf 1 >f && words out.pdf 2 >b &&
	pairs f b 9 >p &&
	check_flip p "within(xf + xb, 210); within(yf, yb)" &&
	utilab-print -D short -o short.pdf in.pdf &&
	words short.pdf 1 >f && words short.pdf 2 >b &&
	pairs f b 9 >p &&
	check_flip p "within(xf, xb); within(yf + yb, 297)"
'

# 3 mm of bleed each side of both cards in the row (cairo 1.16, which made
# the input, clips its pages to whole points: 0.3 mm short on the right).
test_expect_success 'bleed kept around every card when the sheet has room' '
	gen in.pdf --utilab --bleed 3 cards:a7:4:74x105 &&
	utilab-print -o out.pdf in.pdf &&
	render_pgm out.pdf 1 p.pgm &&
	words out.pdf 1 >f &&
	set -- $(word_at f F1) &&
	scan_row p.pgm $(int "($2 + 20) * 10") >row &&
	awk "\$1 == \"L\" { printf \"%d \", \$3 - \$2 + 1 } END { print \"\" }" row >bleeds &&
	echo "30 27 30 27 " >expect && test_cmp expect bleeds
'

test_expect_success 'the scale bar is 50 mm long, on fronts and backs' '
	gen in.pdf --utilab --bleed 3 cards:seq:3:63x88 &&
	utilab-print -o out.pdf in.pdf &&
	for page in 1 2; do
		render_pgm out.pdf $page p.pgm &&
		for r in 2860 2870 2880 2890 2900; do scan_row p.pgm $r; done |
		awk "\$1 == \"D\" { w = \$3 - \$2 + 1; if (w > m) m = w }
		     END { if (m < 499 || m > 501) { print m; exit 1 } }" || return 1
	done
'

test_expect_success 'fidelity words in the workshop language, and what the sheet holds' '
	gen fr.pdf --utilab --bleed 3 --lang fr --title "Courses à Fives" cards:seq:12:63x88 &&
	utilab-print -o out.pdf fr.pdf &&
	pdftotext -f 1 -l 1 out.pdf t1 &&
	test_grep "Imprimer à 100.% \\(taille réelle\\)" t1 &&
	test_grep "Courses à Fives · cartes seq 63×88 mm · recto · feuille 1/2" t1 &&
	test_grep "page 1/4" t1 &&
	pdftotext -f 4 -l 4 out.pdf t4 &&
	test_grep "verso · feuille 2/2" t4 &&
	gen en.pdf --utilab --bleed 3 --lang en cards:seq:2:63x88 &&
	utilab-print -o en-out.pdf en.pdf &&
	pdftotext en-out.pdf te &&
	test_grep "Print at 100% \\(actual size\\)" te &&
	test_grep "cards seq 63×88 mm · front · sheet 1/1" te &&
	utilab-print --lang en -o fr-en.pdf fr.pdf &&
	pdftotext fr-en.pdf tfe && test_grep "Print at 100%" tfe
'

test_expect_success 'a foreign PDF: fronts only, French marks, -b bleed' '
	gen in.pdf pages:5:63x88 &&
	utilab-print -b 2 -o out.pdf in.pdf &&
	pdfinfo out.pdf >info && test_grep "^Pages: +1$" info &&
	pdftotext out.pdf t &&
	test_grep "Imprimer à 100" t && test_grep "P5" t
'

test_expect_success 'mixed sizes are grouped on their own sheets, not mangled' '
	gen in.pdf --utilab --bleed 3 cards:poker:2:63x88 cards:tarot:2:70x120 cards:more:2:63x88 &&
	utilab-print -o out.pdf in.pdf &&
	pdfinfo out.pdf >info && test_grep "^Pages: +4$" info &&
	pdftotext -f 1 -l 1 out.pdf t1 && test_grep "poker, more 63×88" t1 &&
	pdftotext -f 3 -l 3 out.pdf t3 && test_grep "tarot 70×120" t3 &&
	words out.pdf 1 >f && test $(grep -c "^F" f) -eq 4
'

test_expect_success '-M: no marks at all; -D none: no backs' '
	gen in.pdf --utilab --bleed 3 cards:seq:2:63x88 &&
	utilab-print -M -D none -o out.pdf in.pdf &&
	pdfinfo out.pdf >info && test_grep "^Pages: +1$" info &&
	pdftotext out.pdf t && ! grep -q Imprimer t
'

test_expect_success 'a kit keeps its order; single-sided sheets get blank backs' '
	gen in.pdf --utilab --bleed 3 sheet:run:210x297 cards:seq:3:63x88 poster:parcours:594x841 &&
	utilab-print -o out.pdf in.pdf &&
	qpdf --check out.pdf >/dev/null &&
	for p in 1 2 3 4 5 6; do
		pdftotext -f $p -l $p out.pdf - | tr -d "\f" | sed -n "s/.*\(RUN SHEET\|recto\|verso\|plan d.assemblage\).*/\1/p" | head -1 | grep . || echo blank
	done >got &&
	printf "%s\n" "RUN SHEET" blank recto verso "plan d’assemblage" blank >expect &&
	test_cmp expect got
'

test_done
