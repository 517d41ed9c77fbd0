#!/bin/sh
# SPDX-License-Identifier: ISC
# utilab-print -C: the duplex calibration sheet. Each rule's 0 on the back
# must fall behind its cross on the front, shifted by -O.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/cli/print-lib.sh"

# zeros PDF: "X Y" of the horizontal rules' zeros on the back (the labels
# "0" under the crosses, not the scale bar's).
zeros() {
	words "$1" 2 | awk '$1 == "0" && $3 < 280' | sort -n -k2 -k3
}

test_expect_success 'front crosses, back rules: 2 pages, lint-clean PDF' '
	utilab-print -C -o cal.pdf &&
	qpdf --check cal.pdf >/dev/null &&
	pdfinfo cal.pdf >info && test_grep "^Pages: +2$" info &&
	pdftotext -f 1 -l 1 cal.pdf t1 &&
	test_grep "Étalonnage recto verso" t1 &&
	test_grep "utilab-print -O X,Y" t1 &&
	test_grep "Imprimer à 100" t1
'

test_expect_success 'the rules land behind the crosses (long edge), -O shifts them' '
	utilab-print -C -o cal.pdf &&
	utilab-print -C -O 2,1 -o off.pdf &&
	words cal.pdf 1 | awk "\$1 ~ /^T[0-9]\$/ { print 210 - \$2 }" | sort -n >tx &&
	zeros cal.pdf >z0 && zeros off.pdf >z1 &&
	test $(wc -l <z0) -eq 10 &&
	awk "NR % 2 == 1 { print \$2 }" z0 | sort -n | uniq >zx &&
	awk "{ print \$2 }" z0 | sort -n >all0 && awk "{ print \$2 }" z1 | sort -n >all1 &&
	for x in $(sort -nu tx); do
		grep -q "" zx && awk -v x=$x "{ d = \$1 - x; if (d < 0) d = -d; if (d < 0.5) f = 1 } END { exit !f }" all0 || return 1
	done &&
	paste z0 z1 >both &&
	awk "{ dx = \$5 - \$2; dy = \$6 - \$3; if (dx < 1.9 || dx > 2.1 || dy < -1.1 || dy > -0.9) { print; exit 1 } }" both
'

test_expect_success 'calibration reads no input and takes no booklet' '
	test_expect_code 64 utilab-print -C -o cal.pdf x.pdf 2>err &&
	test_grep "reads no input" err &&
	test_path_is_missing cal.pdf
'

test_done
