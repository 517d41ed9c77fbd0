#!/bin/sh
# SPDX-License-Identifier: ISC
# Tick-box fields on the card (utilab-workshop(5) 'ticks' and 'choose'):
# one box per option, printed with its option beside it, in aligned
# columns, none on the QR code; the kit's geometry (what utilab-scan
# reads) has every box; 'choose: one' prints its instruction; options
# that do not fit the card are an error; the deck's stamp follows its
# options.

. "$(dirname "$0")/../lib.sh"

IN=$GOLDEN/ticks
KITGEOM=$TOP/tests/bin/kitgeom

test_expect_success 'a card with tick boxes lays out cleanly' '
	utilab-cards -n "$IN/ticks.yaml" 2>err &&
	! test -s err
'

test_expect_success 'the kit gives one box and one option per tick, off the QR code' '
	"$KITGEOM" "$IN/ticks.yaml" front:frictions:FRI-001 >g &&
	test $(grep -c "^  a tick box 1 " g) -eq 4 &&
	test $(grep -c "^  a tick box 3 " g) -eq 4 &&
	test $(grep -c "^  a tick box.s option 1 " g) -eq 4 &&
	test $(grep -c "^  a tick box.s option 3 " g) -eq 4 &&
	# boxes are squares, each option starts right of its box, on its row
	awk "/^  a tick box [0-9]/ { if (\$8 - \$9 > 0.01 || \$9 - \$8 > 0.01) exit 1; k = \$4 \" \" \$5; bx[k] = \$6 + \$8; by[k] = \$7 }
	     /^  a tick box.s option/ { k = \$5 \" \" \$6; if (!(k in bx) || \$7 < bx[k]) exit 1; if (\$8 > by[k] + 1 || \$8 < by[k] - 2) exit 1 }" g &&
	awk "/the QR code.s quiet zone/ { qx = \$(NF-3); qy = \$(NF-2); qw = \$(NF-1); qh = \$NF }
	     /^  a tick box [0-9]/ { bx[++n] = \$6; by[n] = \$7; bw[n] = \$8; bh[n] = \$9 }
	     /^  a tick box.s option/ { bx[++n] = \$7; by[n] = \$8; bw[n] = \$9; bh[n] = \$10 }
	     END { if (!qw || n != 16) exit 1
		   for (i = 1; i <= n; i++)
			if (bx[i] + bw[i] > qx && bx[i] < qx + qw && by[i] + bh[i] > qy && by[i] < qy + qh) exit 1 }" g
'

test_expect_success 'the boxes of a field line up in columns' '
	"$KITGEOM" "$IN/ticks.yaml" front:frictions:FRI-001 >g &&
	# field 1: four short options, two columns of two (2 × 2, not 3 + 1)
	awk "/^  a tick box 1 / { x[\$5] = \$6; y[\$5] = \$7 }
	     END { if (x[1] != x[3] || x[2] != x[4] || y[1] != y[2] || y[3] != y[4] || y[3] <= y[1]) exit 1 }" g
'

test_expect_success 'the options are printed, with the instruction of choose: one' '
	utilab-cards -d frictions -o c.pdf "$IN/ticks.yaml" 2>err &&
	pdftotext -f 1 -l 1 c.pdf p.txt &&
	test_grep "ma famille" p.txt &&
	test_grep "chaque semaine" p.txt &&
	test_grep "plus rarement" p.txt &&
	test $(grep -c "cochez une seule case" p.txt) -eq 1
'

test_expect_success 'tick boxes that do not fit the card are an error, and nothing is written' '
	sed -e "s/size: a6/size: a7/" -e "s/lines: 2/lines: 4/" \
	    -e "s/ticks: \[moi,/ticks: [moi, mes amis, mes collègues, une association,/" \
	    "$IN/ticks.yaml" >big.yaml &&
	test_expect_code 65 utilab-cards -o big.pdf big.yaml 2>err &&
	test_grep "the fields do not fit the card" err &&
	test_path_is_missing big.pdf
'

test_expect_success 'an option too long for any column is an error naming it' '
	sed "s/ticks: \[moi,/ticks: [Anticonstitutionnellementdéfinitivementimprononçablementextraordinairementincompréhensible,/" \
	    "$IN/ticks.yaml" >long.yaml &&
	test_expect_code 65 utilab-cards -n long.yaml 2>err &&
	test_grep "option 1 of field .qui." err
'

test_expect_success 'the deck stamp changes with its options, not otherwise' '
	utilab-cards -d frictions -o a.pdf "$IN/ticks.yaml" &&
	sed "s/des voisins/les voisins/" "$IN/ticks.yaml" >v.yaml &&
	utilab-cards -d frictions -o b.pdf v.yaml &&
	pdftotext -f 1 -l 1 a.pdf a.txt && pdftotext -f 1 -l 1 b.pdf b.txt &&
	sa=$(grep -o "FRI-001 · v[0-9a-f]*" a.txt) &&
	sb=$(grep -o "FRI-001 · v[0-9a-f]*" b.txt) &&
	test -n "$sa" && test -n "$sb" && test "$sa" != "$sb" &&
	utilab-cards -d frictions -o a2.pdf "$IN/ticks.yaml" &&
	pdftotext -f 1 -l 1 a2.pdf a2.txt &&
	test "$(grep -o "FRI-001 · v[0-9a-f]*" a2.txt)" = "$sa"
'

test_done
