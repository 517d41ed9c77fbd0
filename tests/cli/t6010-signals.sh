#!/bin/sh
# SPDX-License-Identifier: ISC
# A signal during a render (SIGINT, SIGTERM, SIGHUP, SIGPIPE) kills the
# command by that signal, removes its temporary file or directory, and
# leaves the previous output as it was (lib/atomic).
. "$(dirname "$0")/../lib.sh"

# A kit that takes seconds to render: 10000 write-in cards, 20000 pages.
big_workshop() {
	cat >big.yaml <<-EOT
	utilab: 1
	id: big
	title: "Un gros atelier"
	decks:
	  - id: frictions
	    title: "Ce qui coince"
	    kind: write-in
	    count: 10000
	    prefix: FRI
	    fields:
	      - {id: texte, label: "Qu'est-ce qui coince ?", lines: 4}
	EOT
}

# wait_for GLOB MINBYTES: until a file matching GLOB holds MINBYTES (a
# directory: any entry), for at most 20 s. Prints what it found.
wait_for() {
	i=0
	while [ $i -lt 400 ]; do
		for f in $1; do
			if [ -d "$f" ] && [ -n "$(ls -A "$f")" ]; then
				echo "$f"; return 0
			fi
			if [ -f "$f" ] && [ "$(wc -c <"$f")" -ge "$2" ]; then
				echo "$f"; return 0
			fi
		done
		sleep 0.05
		i=$((i + 1))
	done
	echo "wait_for: nothing like $1 after 20 s" >&2
	return 1
}

# run_bg CMD...: CMD in the background, its pid in $pid. A shell starts
# background jobs with SIGINT ignored; env gives them back the default, as
# a terminal's Ctrl-C would find it.
run_bg() {
	if env --default-signal=INT true 2>/dev/null; then
		env --default-signal=INT "$@" 2>err &
	else
		"$@" 2>err &
	fi
	pid=$!
}

# interrupted SIG NUM: render big.yaml to out.pdf over an older out.pdf,
# send SIG once the temporary file is written to, and check what is left.
interrupted() {
	big_workshop &&
	echo "the previous kit" >out.pdf &&
	cp out.pdf before &&
	{ run_bg utilab-cards -o out.pdf big.yaml; } &&
	tmp=$(wait_for "out.pdf.tmp*" 65536) &&
	kill -s "$1" $pid &&
	{ wait $pid; status=$?; } ;
	echo "status $status (tmp was $tmp)" &&
	test "$status" -eq $((128 + $2)) &&
	test_cmp before out.pdf &&
	test_path_is_missing "$tmp" &&
	test -z "$(ls -a | grep tmp)"
}

test_expect_success 'SIGINT mid-render: no temporary file, the old PDF intact' '
	interrupted INT 2
'
test_expect_success 'SIGTERM mid-render: the same' '
	interrupted TERM 15
'
test_expect_success 'SIGHUP mid-render: the same' '
	interrupted HUP 1
'
test_expect_success 'SIGPIPE mid-render: the same' '
	interrupted PIPE 13
'

test_expect_success 'a PNG page set: SIGTERM mid-run leaves the old pages, no temporary directory' '
	big_workshop &&
	mkdir pages && echo old >pages/sheet-run.png && cp pages/sheet-run.png before &&
	{ run_bg utilab-cards -T png -r 10 -o pages big.yaml; } &&
	tmpdir=$(wait_for "pages/.utilab.tmp*" 1) &&
	sleep 0.2 &&
	kill -s TERM $pid &&
	{ wait $pid; status=$?; } ;
	echo "status $status (tmpdir was $tmpdir)" &&
	test "$status" -eq 143 &&
	test_cmp before pages/sheet-run.png &&
	test "$(ls -A pages)" = sheet-run.png
'

test_expect_success 'a page set that cannot be completed leaves no page at all' '
	big_workshop &&
	sed -i "s/count: 10000/count: 20/" big.yaml &&
	mkdir -p pages/frictions-FRI-020-front.png &&
	test_expect_code 73 utilab-cards -T png -r 10 -o pages big.yaml 2>err &&
	test_grep "cannot create .pages/frictions-FRI-020-front.png.: Is a directory" err &&
	test "$(ls -A pages)" = frictions-FRI-020-front.png
'

test_expect_success 'a signal the caller ignores stays ignored (nohup)' '
	big_workshop &&
	sed -i "s/count: 10000/count: 50/" big.yaml &&
	(trap "" HUP; utilab-cards -o out.pdf big.yaml 2>err & pid=$!;
	 kill -s HUP $pid; wait $pid) &&
	qpdf --check out.pdf >/dev/null
'

test_done
