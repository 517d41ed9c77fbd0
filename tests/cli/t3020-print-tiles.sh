#!/bin/sh
# SPDX-License-Identifier: ISC
# utilab-print: posters tiled with overlap, an assembly map first, empty
# tiles skipped. The test poster has a word RrCc at the centre of every
# 50 mm square of its left half; where a word lands on a tile tells where
# the tile shows the poster.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/cli/print-lib.sh"

# shifts PDF PAGE: "DX DY", the shift (sheet position minus poster
# position, mm) that every poster word on the page shares, when all agree
# within 0.05 mm; otherwise one line per word, so that a tile that is not
# an exact copy shows as more than one line. The mean is compared with
# tolerances, never rounded values with each other: a true shift of
# x.xx5 mm would round both ways.
shifts() {
	words "$1" "$2" | awk '$1 ~ /^R[0-9]+C[0-9]+$/ {
		split(substr($1, 2), a, "C")
		k = n++
		dx[k] = $2 - (25 + 50 * a[2]); dy[k] = $3 - (25 + 50 * a[1])
		sx += dx[k]; sy += dy[k] }
	END {
		if (n == 0) exit 1
		for (i = 0; i < n; i++)
			if (dx[i] - dx[0] > 0.05 || dx[0] - dx[i] > 0.05 ||
			    dy[i] - dy[0] > 0.05 || dy[0] - dy[i] > 0.05) {
				for (j = 0; j < n; j++)
					printf "%.3f %.3f\n", dx[j], dy[j]
				exit 0
			}
		printf "%.3f %.3f\n", sx / n, sy / n }'
}

test_expect_success 'an A1 poster on A4: the map first, then labelled tiles' '
	gen in.pdf --utilab --bleed 3 --lang fr poster:parcours:594x841 &&
	utilab-print -o out.pdf in.pdf &&
	qpdf --check out.pdf >/dev/null &&
	pdftotext -f 1 -l 1 out.pdf map &&
	test_grep "plan d.assemblage · affiche parcours · 3 × 5 tuiles, 10 imprimées" map &&
	test_grep "A3 \\(vide\\)" map &&
	pdfinfo out.pdf >info && test_grep "^Pages: +11$" info &&
	for p in 2 3 4 5 6 7 8 9 10 11; do
		pdftotext -f $p -l $p out.pdf t &&
		grep -o "tuile [A-E][1-3] " t | head -1 || return 1
	done >names &&
	printf "tuile %s \n" A1 A2 B1 B2 C1 C2 D1 D2 E1 E2 >expect &&
	test_cmp expect names
'

test_expect_success 'tiles are exact copies of the poster, overlapping by 10 mm' '
	gen in.pdf --utilab --bleed 3 poster:parcours:594x841 &&
	utilab-print -o out.pdf in.pdf &&
	shifts out.pdf 2 >a1 && shifts out.pdf 3 >a2 && shifts out.pdf 4 >b1 &&
	test $(wc -l <a1) -eq 1 && test $(wc -l <a2) -eq 1 &&
	test $(wc -l <b1) -eq 1 &&
	set -- $(cat a1) $(cat a2) $(cat b1) &&
	near "$2" "$4" 0.05 && near "$1" "$5" 0.05 &&
	near "$(calc "594 - 3 * ($1 - $3)")" 10 0.2 &&
	near "$(calc "841 - 5 * ($2 - $6)")" 10 0.2
'

test_expect_success 'every part of the poster with ink is on some tile' '
	gen in.pdf --utilab --bleed 3 poster:parcours:594x841 &&
	utilab-print -o out.pdf in.pdf &&
	pdftotext out.pdf all &&
	for r in 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do
		for c in 0 1 2 3 4 5; do
			grep -q "R${r}C$c" all || { echo "R${r}C$c lost"; return 1; }
		done
	done
'

# The poster shows 102 words; drawn again for the map and each of its 10
# tiles it would be over 1000 text operators.
test_expect_success 'the poster is in the file once, however many tiles show it' '
	gen in.pdf --utilab --bleed 3 poster:parcours:594x841 &&
	utilab-print -o out.pdf in.pdf &&
	qpdf --qdf --object-streams=disable out.pdf qdf.pdf &&
	test $(grep -ac "/Subtype /Form" qdf.pdf) -eq 1 &&
	test $(grep -ac "T[jJ]$" qdf.pdf) -lt 200
'

test_expect_success 'the overlap can be set; a small poster is not tiled' '
	gen in.pdf --utilab --bleed 3 poster:parcours:594x841 &&
	utilab-print --overlap 20 -o out.pdf in.pdf &&
	shifts out.pdf 2 >a1 && shifts out.pdf 3 >a2 &&
	set -- $(cat a1) $(cat a2) &&
	cols=$(pdftotext -f 1 -l 1 out.pdf - | sed -n "s/.* \\([0-9]\\) × [0-9] tuiles.*/\\1/p") &&
	near "$(calc "594 - $cols * ($1 - $3)")" 20 0.2 &&
	gen small.pdf --utilab --bleed 3 poster:petit:180x250 &&
	utilab-print -o s.pdf small.pdf &&
	pdfinfo s.pdf >info && test_grep "^Pages: +1$" info
'

test_expect_success 'a foreign page larger than the sheet is tiled too' '
	gen in.pdf pages:1:420x594 &&
	utilab-print -o out.pdf in.pdf &&
	pdftotext -f 1 -l 1 out.pdf map && test_grep "plan d.assemblage" map &&
	pdftotext out.pdf all && test_grep "P1" all
'

test_done
