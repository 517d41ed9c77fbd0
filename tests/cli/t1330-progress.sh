#!/bin/sh
# SPDX-License-Identifier: ISC
# Long runs tell where they are: on a terminal (script(1) gives one), a
# progress line on stderr that rewrites itself and is cleared at the end;
# nothing when stderr is a file; -q silences it. UTILAB_PROGRESS_DELAY=0
# shows it at once instead of after a second, so the runs stay short.

. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/cli/print-lib.sh"

WS=$TOP/workshops/sequences-de-vie.yaml
C=$GOLDEN/collect
UTILAB_PROGRESS_DELAY=0
export UTILAB_PROGRESS_DELAY

# on_tty LOG CMD...: run CMD with a terminal for stdin, stdout and stderr
# (what the terminal showed goes to LOG); CMD's exit status.
on_tty() {
	log=$1
	shift
	script -qec "$*" "$log" >/dev/null 2>&1 </dev/null
}

if test_have script && script -qec true /dev/null >/dev/null 2>&1 </dev/null; then
	test_expect_success 'utilab-cards on a terminal: a line of pages, cleared at the end' '
		on_tty log utilab-cards -o "$PWD/x.pdf" "$WS" &&
		test -s x.pdf &&
		test_grep "pages: [0-9]+/[0-9]+" log &&
		# one line rewritten in place, not a line per update
		test "$(grep -c "pages: " log)" -eq 1 &&
		tr "\r" "\n" <log | grep -E "^pages: [0-9]+/[0-9]+ *$" >lines &&
		test "$(wc -l <lines)" -ge 1 &&
		# the line ends blanked: the last count, then spaces over it
		cr=$(printf "\r") &&
		grep -q "pages: [0-9]*/[0-9]*$cr *$cr\$" log
	'

	test_expect_success 'utilab-cards -q on a terminal: no progress line' '
		on_tty log utilab-cards -q -o "$PWD/x.pdf" "$WS" &&
		test -s x.pdf &&
		! grep -q "pages:" log
	'

	test_expect_success 'utilab-print: sheets, and nothing with -q' '
		gen in.pdf pages:40:63x88 &&
		on_tty log utilab-print -o "$PWD/out.pdf" "$PWD/in.pdf" &&
		qpdf --check out.pdf >/dev/null &&
		test_grep "sheets: [0-9]+/5" log &&
		on_tty log2 utilab-print -q -f -o "$PWD/out.pdf" "$PWD/in.pdf" &&
		! grep -q "sheets:" log2
	'

	test_expect_success 'utilab-collect: records read (no total), --quiet silences it and the count' '
		on_tty log "cd \"$C\" && utilab-collect -w ws.yaml -o \"$PWD/r.md\" t1.yaml t2.csv t3.csv kobo.csv"
		test -s r.md &&
		test_grep "records: [0-9]+" log &&
		test_grep "in = [0-9]+ kept" log &&
		on_tty log2 "cd \"$C\" && utilab-collect --quiet -w ws.yaml -o \"$PWD/r.md\" t1.yaml t2.csv t3.csv kobo.csv"
		! grep -q "records:" log2 &&
		! grep -q "in = [0-9]* kept" log2 &&
		# warnings are still printed under --quiet
		test_grep "warning: " log2
	'

	test_expect_success 'utilab-scan: images scanned' '
		on_tty log utilab-scan -w "$WS" -o "$PWD/r.csv" nope1.jpg nope2.jpg
		test_grep "images: [12]/2" log &&
		test_grep "nope2.jpg: error" log
	'

	test_expect_success 'after the delay only: a quick run shows nothing' '
		UTILAB_PROGRESS_DELAY=30 on_tty log utilab-cards -o "$PWD/x.pdf" "$WS" &&
		test -s x.pdf &&
		! grep -q "pages:" log
	'
else
	test_skip 'progress on a terminal' 'no script(1) from util-linux'
fi

test_expect_success 'stderr a file: no progress line, whatever the delay' '
	utilab-cards -o x.pdf "$WS" 2>err &&
	! grep -q "pages:" err &&
	! grep -q "$(printf "\r")" err &&
	gen in.pdf pages:20:63x88 &&
	utilab-print -o out.pdf in.pdf 2>err &&
	! grep -q "sheets:" err &&
	(cd "$C" && utilab-collect -w ws.yaml -o "$SCRATCH/r.md" t1.yaml t2.csv 2>"$SCRATCH/err"
	 test $? -le 3) &&
	! grep -q "records:" err
'

test_expect_success '-q leaves the notes out, never the errors' '
	test_expect_code 65 utilab-cards -q -n "$GOLDEN/dozen-mistakes.yaml" 2>err &&
	test_grep "error: " err &&
	utilab-cards -n "$GOLDEN/dozen-mistakes.yaml" 2>all
	grep -v "note: " all >want &&
	test_cmp want err
'

test_done
