#!/bin/sh
# SPDX-License-Identifier: ISC
# utilab-print -B: saddle-stitch order, 2-up, padded to a multiple of 4.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/cli/print-lib.sh"

# sides PDF: each page's numbered pages, left to right ("-" when blank).
sides() {
	n=$(pdfinfo "$1" | awk '/^Pages:/ { print $2 }')
	p=1
	while [ $p -le "$n" ]; do
		words "$1" $p | awk -v p=$p '$1 ~ /^P[0-9]+$/ { x[$2 < 148.5 ? 0 : 1] = $1 }
			END { printf "%s %s\n", (0 in x) ? x[0] : "-", (1 in x) ? x[1] : "-" }'
		p=$((p + 1))
	done
}

test_expect_success 'a 10-page A5 document becomes a 3-sheet A4 booklet in order' '
	gen in.pdf pages:10:148x210 &&
	utilab-print -B -o out.pdf in.pdf &&
	qpdf --check out.pdf >/dev/null &&
	pdfinfo out.pdf >info &&
	test_grep "^Pages: +6$" info &&
	test_grep "^Page size: +841.89 x 595.276 pts" info &&
	sides out.pdf >got &&
	cat >expect <<-\EOT &&
	- P1
	P2 -
	P10 P3
	P4 P9
	P8 P5
	P6 P7
	EOT
	test_cmp expect got
'

test_expect_success 'A5 pages are printed at 100 %, each centred on its half' '
	gen in.pdf pages:4:148x210 &&
	utilab-print -B -o out.pdf in.pdf &&
	words out.pdf 1 >w &&
	set -- $(word_at w P1) $(word_at w P4) &&
	near "$1" 222.75 0.3 && near "$3" 74.25 0.3 &&
	gen big.pdf pages:4:210x297 &&
	utilab-print -B -s a3 -o a3.pdf big.pdf &&
	words a3.pdf 1 >w &&
	set -- $(word_at w P1) && near "$1" 315 0.3 && near "$2" 148.5 0.5
'

test_expect_success 'turning over the long edge: backs upside down' '
	gen in.pdf pages:4:148x210 &&
	utilab-print -B -D long -o out.pdf in.pdf &&
	sides out.pdf >got &&
	printf "P4 P1\nP3 P2\n" >expect &&
	test_cmp expect got
'

test_done
