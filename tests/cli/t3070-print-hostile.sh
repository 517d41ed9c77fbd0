#!/bin/sh
# SPDX-License-Identifier: ISC
# utilab-print on hostile input: content-stream and image bombs cost what
# their bytes cost (nothing is interpreted: under 1 s of CPU and 64 MB),
# endless or huge inputs stop at the documented limit, write errors are
# named.
. "$(dirname "$0")/../lib.sh"

H=$TOP/tests/pdfs/hostile
# The bounds are the plain build's; ASan's shadow memory and checks cost
# several times more, whatever the input.
if [ "$(cat "$TOP/.build-mode" 2>/dev/null)" = sanitize ]; then
	MAX_CPU=5 MAX_KB=262144
else
	MAX_CPU=1 MAX_KB=65536
fi

# cheap PDF: imposes it in every mode with as little memory as an
# ordinary PDF (under MAX_KB), into an output no bigger than the input
# plus 64 KB (its streams copied, never inflated nor re-drawn), and with
# at most MAX_CPU seconds of CPU more than an ordinary one-page PDF takes
# in the same mode, measured by the same test (a loaded machine slows
# both; an interpreted bomb costs a minute: 55 s and 8 GB for
# pdftocairo). test_cost judges the best of up to three runs and logs
# its figures.
cheap() {
	test -f plain.pdf ||
	"$TOP/tests/unit/t-impose.t" gen plain.pdf pages:1:63x88 || return 1
	for mode in "" -t -B; do
		test_cost 60 "$MAX_KB" utilab-print -f $mode -o plain-out.pdf plain.pdf ||
			return 1
		base=$test_cost_cpu
		cpu=$(awk -v b="$base" -v c="$MAX_CPU" 'BEGIN { print b + c }')
		test_cost "$cpu" "$MAX_KB" utilab-print -f $mode -o out.pdf "$1" 2>err || {
			echo "$1 [$mode]: status $?; an ordinary PDF took $base s"
			cat err; return 1; }
		echo "$1 [$mode]: $test_cost_cpu s of CPU (an ordinary PDF: $base s), $test_cost_kb KB"
		# qpdf --check would inflate the bomb: the structure only.
		test "$(qpdf --show-npages out.pdf)" -ge 1 || return 1
		in=$(wc -c <"$1") out=$(wc -c <out.pdf)
		test "$out" -le $((in + 65536)) ||
			{ echo "$1 [$mode]: $out bytes out of $in"; return 1; }
	done
}

if command -v /usr/bin/time >/dev/null 2>&1; then
	test_expect_success 'a content-stream bomb (147 MB of operators) is cheap' '
		cheap "$H/content-bomb.pdf"
	'
	test_expect_success 'an image bomb (40000 x 40000) is cheap' '
		cheap "$H/image-bomb.pdf" &&
		# and the image is still there, as it was, never inflated
		qpdf --object-streams=disable --decode-level=none \
			--compress-streams=n out.pdf raw.pdf &&
		grep -a -q "/Width 40000" raw.pdf
	'
	if command -v python3 >/dev/null 2>&1; then
		test_expect_success '1 MB of uncompressed operators is cheap' '
			python3 "$TOP/tests/bin/pdfbomb.py" ops ops.pdf &&
			cheap ops.pdf &&
			qpdf --check out.pdf >/dev/null
		'
	else
		test_skip '1 MB of uncompressed operators is cheap' 'no python3'
	fi
	test_expect_success '/dev/zero stops at once, with little memory (65)' '
		/usr/bin/time -o cost -f "%M" sh -c "utilab-print -o out.pdf /dev/zero 2>err; echo \$? >rc" &&
		test "$(cat rc)" = 65 &&
		test_grep "^/dev/zero: error: not a PDF file" err &&
		test "$(cat cost)" -lt "$MAX_KB" &&
		test_path_is_missing out.pdf
	'
else
	test_skip 'bombs' 'no /usr/bin/time'
fi

test_expect_success 'a file over 1 GiB is refused before it is read (65)' '
	printf "%%PDF-1.4\\n" >big.pdf &&
	truncate -s 1100M big.pdf &&
	test_expect_code 65 utilab-print -o out.pdf big.pdf 2>err &&
	test_grep "^big.pdf: error: file too large: over the limit of 1 GiB" err
'

test_expect_success 'a write error names the output and the error, nothing on stdout' '
	test -w /dev/full || exit 0
	"$TOP/tests/unit/t-impose.t" gen in.pdf pages:2:100x100 &&
	test_expect_code 74 sh -c "utilab-print in.pdf >/dev/full 2>err" &&
	test_grep "^utilab-print: error: cannot write .<stdout>.: No space left on device$" err &&
	test "$(wc -l <err)" = 1
'

test_done
