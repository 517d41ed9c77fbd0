#!/bin/sh
# SPDX-License-Identifier: ISC
# utilab-cards --watch: a first render, then one after each save of the
# workshop or of a pictogram file it uses, by writing in place or by
# renaming over it as editors do; a broken save is reported, the last
# good PDF stays; SIGINT or SIGTERM ends it with status 0 and no debris.

. "$(dirname "$0")/../lib.sh"

if ! test_have inotifywait && ! [ -e /proc/sys/fs/inotify/max_user_watches ]; then
	test_skip 'utilab-cards --watch' 'no inotify'
	test_done
	exit 0
fi

# A small workshop with a pictogram file beside it.
mkws() {
	mkdir -p icons &&
	cat >icons/star.svg <<-'SVG' &&
	<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M12 2l3 7h7l-6 4 2 7-6-4-6 4 2-7-6-4h7z" fill="currentColor"/></svg>
	SVG
	cat >ws.yaml <<-'YAML'
	utilab: 1
	id: veille
	title: Veille
	decks:
	  - id: q
	    title: Questions
	    cards:
	      - {id: un, title: Premier titre, icon: icons/star.svg}
	YAML
}

# wait_for CMD...: up to 20 s for CMD to succeed.
wait_for() {
	i=0
	while ! "$@" 2>/dev/null; do
		i=$((i + 1))
		[ $i -lt 200 ] || return 1
		sleep 0.1
	done
}

has_text() { pdftotext out.pdf - 2>/dev/null | grep -q "$1"; }
count_notes() { test "$(grep -c "$1" err)" -ge "$2"; }

start_watch() {
	utilab-cards --watch -o out.pdf ws.yaml 2>err &
	pid=$!
	wait_for count_notes "written; waiting" 1
}

# stop SIGNAL: send it and wait; the watch's exit status.
stop() {
	kill -"$1" $pid
	wait $pid
}

test_expect_success '--watch renders again when the workshop is written in place' '
	mkws && start_watch &&
	has_text "Premier titre" &&
	sed -i "s/Premier titre/Second titre/" ws.yaml &&
	wait_for has_text "Second titre" &&
	test_grep "ws.yaml. changed" err &&
	stop INT &&
	test_path_is_file out.pdf &&
	! ls -a | grep -q "^\.*out\.pdf\..*tmp\|\.tmp"
'

test_expect_success 'a save by rename (vim, emacs) is seen too, and a second one' '
	mkws && start_watch &&
	sed "s/Premier titre/Renamed titre/" ws.yaml >.ws.yaml.swp &&
	mv .ws.yaml.swp ws.yaml &&
	wait_for has_text "Renamed titre" &&
	sed "s/Renamed titre/Third titre/" ws.yaml >ws.yaml.new &&
	mv ws.yaml.new ws.yaml &&
	wait_for has_text "Third titre" &&
	stop TERM
'

test_expect_success 'a broken save: the error is reported, the last PDF kept, the watch goes on' '
	mkws && start_watch &&
	cp out.pdf good.pdf &&
	printf "decks: [\n" >>ws.yaml &&
	wait_for count_notes "left as it was" 1 &&
	test_grep "ws.yaml:[0-9]+:[0-9]+: error: " err &&
	cmp out.pdf good.pdf &&
	kill -0 $pid &&
	mkws && sed -i "s/Premier titre/Fixed titre/" ws.yaml &&
	wait_for has_text "Fixed titre" &&
	stop INT
'

test_expect_success 'a pictogram the workshop uses is watched' '
	mkws && start_watch &&
	pdftoppm -r 20 -png out.pdf before &&
	sed -i "s/currentColor/#ff0000/" icons/star.svg &&
	wait_for count_notes "star.svg. changed" 1 &&
	wait_for count_notes "written; waiting" 2 &&
	stop INT
'

test_expect_success 'an unrelated file in the directory renders nothing' '
	mkws && start_watch &&
	echo x >notes.txt && sleep 1 &&
	test "$(grep -c "written; waiting" err)" -eq 1 &&
	stop INT
'

test_expect_success 'Ctrl-C exits 0 and leaves no temporary file' '
	mkws && start_watch &&
	stop INT &&
	ls -A >files &&
	printf "%s\n" err files icons out.pdf ws.yaml | sort >want &&
	sort files >got &&
	test_cmp want got
'

test_expect_success '-T png: the page files are rendered again' '
	mkws &&
	utilab-cards --watch -T png -r 30 -o pngs ws.yaml 2>err &
	pid=$! &&
	wait_for count_notes "written; waiting" 1 &&
	test_path_is_file pngs/q-un-front.png &&
	cp pngs/q-un-front.png before.png &&
	sed -i "s/Premier titre/Autre titre beaucoup plus long/" ws.yaml &&
	wait_for count_notes "written; waiting" 2 &&
	! cmp -s before.png pngs/q-un-front.png &&
	stop INT
'

test_expect_success 'a signal during a render: the render ends, the output is whole, status 0' '
	mkws && start_watch &&
	sed -i "s/Premier titre/Interrompu/" ws.yaml &&
	wait_for count_notes "changed: rendering again" 1 &&
	stop INT &&
	qpdf --check out.pdf >/dev/null &&
	! ls -A | grep -q tmp
'

test_expect_success '--watch needs -o; -n --watch checks on each save' '
	mkws &&
	test_expect_code 64 utilab-cards --watch ws.yaml 2>e &&
	test_grep "give the output file with -o" e &&
	test_expect_code 64 utilab-cards --watch -o out.pdf - <ws.yaml 2>e &&
	test_grep "not standard input" e &&
	utilab-cards --watch -n ws.yaml 2>err &
	pid=$! &&
	wait_for count_notes "waiting for a change" 1 &&
	printf "  - {id: z, title: Z, bogus: 1}\n" >>ws.yaml &&
	wait_for count_notes "waiting for a change" 2 &&
	test_grep "unknown key .bogus." err &&
	stop INT &&
	test_path_is_missing out.pdf
'

test_done
