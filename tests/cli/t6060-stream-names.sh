#!/bin/sh
# SPDX-License-Identifier: ISC
# One name for the standard streams in every command's diagnostics
# (lib/diag's ul_diag_input_name and ul_diag_output_name): "<stdin>" for
# an input "-", as a position ("<stdin>:2:1: error:"), and "<stdout>" for
# an output "-", never "-", "standard input" or "/dev/stdin".
. "$(dirname "$0")/../lib.sh"

test_expect_success 'a bad input on standard input is <stdin>, in every reader' '
	printf "a: [\n" >bad.yaml &&
	test_expect_code 65 utilab-cards -o c.pdf - <bad.yaml 2>err &&
	test_grep "^<stdin>:2:1: error: " err &&
	test_expect_code 65 utilab-guide -o g.pdf - <bad.yaml 2>err &&
	test_grep "^<stdin>:2:1: error: " err &&
	test_expect_code 65 utilab-collect -o r.md - <bad.yaml 2>err &&
	test_grep "^<stdin>:1: error: " err &&
	test_expect_code 65 utilab-print -o p.pdf - <bad.yaml 2>err &&
	test_grep "^<stdin>: error: not a PDF file$" err &&
	test_expect_code 65 utilab-scan -w "$GOLDEN/mini.yaml" -o s.csv - <bad.yaml 2>err &&
	test_grep "^<stdin>: error: cannot read the image: not a format gdk-pixbuf reads$" err &&
	test_expect_code 65 utilab-collect -w - -o r.md "$GOLDEN/collect/t1.yaml" <bad.yaml 2>err &&
	test_grep "^<stdin>:2:1: error: " err &&
	! grep -q "standard input\|^-:\|/dev/stdin" err &&
	test_path_is_missing c.pdf && test_path_is_missing g.pdf &&
	test_path_is_missing r.md && test_path_is_missing p.pdf
'

test_expect_success 'a write error on standard output is <stdout>, in every writer' '
	test -w /dev/full || exit 0
	cp "$GOLDEN/mini.yaml" ws.yaml &&
	utilab-cards -q -o cards.pdf ws.yaml 2>/dev/null &&
	# a card to read: utilab-scan writes nothing when it reads none
	utilab-cards -q -d frictions -T png -r 150 -o pages \
		"$TOP/workshops/sequences-de-vie.yaml" 2>/dev/null &&
	for cmd in "utilab-new sequences-de-vie" "utilab-cards ws.yaml" \
		   "utilab-print cards.pdf" "utilab-collect $GOLDEN/collect/t1.yaml" \
		   "utilab-scan -w $TOP/workshops/sequences-de-vie.yaml pages/frictions-FRI-001-front.png"; do
		rc=0 &&
		${cmd%% *} -o - ${cmd#* } >/dev/full 2>err || rc=$?
		name=${cmd%% *}
		test "$rc" = 74 || { echo "$cmd: status $rc"; cat err; exit 1; }
		grep -q "^$name: error: cannot write .<stdout>.: No space left on device$" err ||
			{ echo "$cmd:"; cat err; exit 1; }
		! grep -q "standard output\|/dev/stdout" err || exit 1
	done
'

test_expect_success 'an output that is the input: named <stdout> too' '
	cp "$GOLDEN/mini.yaml" ws.yaml &&
	test_expect_code 73 utilab-cards -o - ws.yaml >>ws.yaml 2>err &&
	test_grep "refusing to overwrite the input .ws.yaml. \(as .<stdout>.\)" err
'

test_done
