#!/bin/sh
# SPDX-License-Identifier: ISC
# Messages follow the locale: the CLI suite's error cases, run in English
# (LC_ALL=C) and in French, give the same exit status and the same
# file:line:col: prefixes, and no English line leaks into the French run:
# no French line equals its English counterpart (once file names and
# numbers are set aside), and none holds an English word outside quotes.
# French is LANGUAGE=fr with the always present C.UTF-8 (glibc honours
# LANGUAGE there), and LANG=fr_FR.UTF-8 too where that locale is generated.

. "$(dirname "$0")/../lib.sh"

G=$GOLDEN
C=$GOLDEN/collect

# The cases: "name<TAB>command", run in a directory holding ws.yaml (a
# valid workshop), bad.yaml (a YAML syntax error) and the goldens.
cases() {
	cat <<-'CASES'
	cards-usage	utilab-cards
	cards-option	utilab-cards -Z ws.yaml
	cards-bleed	utilab-cards -b 99 ws.yaml
	cards-format	utilab-cards -T docx ws.yaml
	cards-missing	utilab-cards nowhere.yaml
	cards-yaml	utilab-cards -n bad.yaml
	cards-mistakes	utilab-cards -n mistakes.yaml
	cards-deck	utilab-cards -n -d nope ws.yaml
	cards-overwrite	utilab-cards -o ws.yaml ws.yaml
	new-usage	utilab-new
	new-template	utilab-new -o x.yaml sequences-de-vi
	new-exists	utilab-new -o ws.yaml sequences-de-vie
	new-set	utilab-new -s bogus -o y.yaml sequences-de-vie
	print-sheet	utilab-print -s b5 -o out.pdf in.pdf
	print-missing	utilab-print -o out.pdf nowhere.pdf
	print-not-pdf	utilab-print -o out.pdf ws.yaml
	print-overwrite	utilab-print -o in.pdf in.pdf
	collect-usage	utilab-collect
	collect-format	utilab-collect -T docx t1.yaml
	collect-missing	utilab-collect -o out.md t1.yaml nowhere.csv
	collect-broken	utilab-collect -o out.md broken.yaml t1.yaml
	collect-csv	utilab-collect -o out.md ragged.csv
	collect-header	utilab-collect people.csv
	collect-overwrite	utilab-collect -o t2.csv t2.csv
	scan-usage	utilab-scan
	scan-missing	utilab-scan -w ws.yaml nowhere.jpg
	guide-usage	utilab-guide
	guide-missing	utilab-guide -o g.pdf nowhere.yaml
	guide-bad	utilab-guide -o g.pdf ws.yaml
	CASES
}

setup() {
	utilab-new -o ws.yaml sequences-de-vie &&
	printf "utilab: 1\nid: x\ntitle: [a\n" >bad.yaml &&
	cp "$G/dozen-mistakes.yaml" mistakes.yaml &&
	cp "$C/t1.yaml" "$C/t2.csv" "$C/broken.yaml" . &&
	cp "$TOP/tests/pdfs/pdfjs-rotation.pdf" in.pdf &&
	printf "type,text\nfriction,a,b\nidee,x\n" >ragged.csv &&
	printf "nom,prenom\nx,y\n" >people.csv
}

# run_all DIR ENV...: every case under ENV; DIR/NAME.err and DIR/NAME.rc.
run_all() {
	dir=$1
	shift
	mkdir -p "$dir"
	cases | while IFS='	' read -r name cmd; do
		rm -f out.pdf out.md x.yaml y.yaml g.pdf
		env "$@" sh -c "$cmd" >/dev/null 2>"$dir/$name.err" </dev/null
		echo $? >"$dir/$name.rc"
	done
}

# Lines as compared: file names, numbers and quoted values set aside.
neutral() {
	sed -e "s/'[^']*'/Q/g" -e 's/«[^»]*»/Q/g' -e 's/[0-9][0-9.]*/N/g' "$1"
}

# leaks EN FR: French lines equal to the English ones, or with English words.
leaks() {
	neutral "$1" >en.n
	neutral "$2" >fr.n
	# line by line: same count of lines, and none the same unless it has no
	# letters at all (a position, a synopsis of options)
	paste -d '\n' en.n fr.n | awk 'NR % 2 { en = $0; next }
		en == $0 && $0 ~ /[a-z][a-z][a-z]/ { print "same: " $0 }'
	sed -e 's/([^)]*)//g' -e 's/ -[-a-zA-Z][-a-zA-Z]*//g' fr.n |
		grep -wiE "the|is|are|not|cannot|must|unknown|missing|refusing|use|give|with|from|this|that|has|have|only|too|would|does|into|which|should|there|was|were|found|expected|error|warning" |
		sed "s/^/english: /"
}

W=$SCRATCH_BASE/work
export W

# fr_grep PATTERN FILE: test_grep with "~" standing for the no-break
# space (U+00A0) of French typography.
fr_grep() {
	test_grep "$(printf "%s" "$1" | sed "s/~/$(printf "\302\240")/g")" "$2"
}

test_expect_success 'setup: the inputs of the error cases' '
	mkdir -p "$W" && cd "$W" && setup
'

test_expect_success 'English (LC_ALL=C): the messages the rest of the suite expects' '
	cd "$W" &&
	run_all en LC_ALL=C &&
	test_grep "^nowhere.yaml: error: cannot open: No such file or directory$" en/cards-missing.err &&
	test_grep "^bad.yaml:4:1: error: did not find expected" en/cards-yaml.err &&
	test_grep "^utilab-cards: bad bleed .99.: give millimetres from 0 to 20$" en/cards-bleed.err &&
	test "$(cat en/cards-bleed.rc)" = 64 &&
	test "$(cat en/cards-missing.rc)" = 66 &&
	test "$(cat en/cards-yaml.rc)" = 65 &&
	test "$(cat en/cards-overwrite.rc)" = 73
'

test_expect_success 'French (LANGUAGE=fr, C.UTF-8): every case speaks French' '
	cd "$W" &&
	run_all fr LC_ALL=C.UTF-8 LANGUAGE=fr &&
	# The reason is the C library'"'"'s strerror(), in French only where
	# its catalogue is installed (Debian: the package locales, which a
	# minimal system lacks): the system says which, through cat.
	enoent=$(LC_ALL=C.UTF-8 LANGUAGE=fr cat nowhere.yaml 2>&1 | sed "s/^.*: //") &&
	echo "strerror(ENOENT) here: $enoent" &&
	fr_grep "^nowhere.yaml: erreur~: impossible d.ouvrir le fichier~: $enoent$" fr/cards-missing.err &&
	fr_grep "^bad.yaml:4:1: erreur~: «~,~» ou «~\]~» attendu introuvable en lisant une liste entre crochets \(commencé à la ligne 3\)$" fr/cards-yaml.err &&
	fr_grep "^utilab-cards: fond perdu «~99~» incorrect~: donnez des millimètres, de 0 à 20$" fr/cards-bleed.err &&
	fr_grep "^utilab-new: erreur~: modèle inconnu «~sequences-de-vi~» \(vouliez-vous dire «~sequences-de-vie~»~\?\)$" fr/new-template.err &&
	fr_grep "^ragged.csv:2: avertissement~: mis en quarantaine~: ligne irrégulière~: 3 champs là où l.en-tête en a 2$" fr/collect-csv.err &&
	fr_grep "^utilab-collect: 2 lus = 1 gardés \+ 0 doublon \+ 1 en quarantaine$" fr/collect-csv.err &&
	for e in en/*.err; do
		n=$(basename "$e" .err)
		test -s "$e" || { echo "case $n: no message in English" >&2; exit 1; }
		cmp -s en/$n.rc fr/$n.rc ||
			{ echo "case $n: exit $(cat en/$n.rc) in English, $(cat fr/$n.rc) in French" >&2; exit 1; }
		test "$(wc -l <$e)" = "$(wc -l <fr/$n.err)" ||
			{ echo "case $n: not as many lines in French" >&2; exit 1; }
		# the positions do not change
		cut -d" " -f1 $e | grep -E "^([^ ]*[./][^ ]*|utilab-[a-z]+):$" >p.en || :
		cut -d" " -f1 fr/$n.err | grep -E "^([^ ]*[./][^ ]*|utilab-[a-z]+):$" >p.fr || :
		test_cmp p.en p.fr || exit 1
		leaks $e fr/$n.err >leak
		if test -s leak; then
			echo "case $n leaks English:" >&2
			cat leak >&2
			exit 1
		fi
	done
'

test_expect_success 'French typography: no-break spaces before : ; ? ! and inside « »' '
	cd "$W" &&
	cat fr/*.err >all &&
	test_grep "« " all &&
	# U+00A0 is \302\240 in UTF-8; a plain space there is a mistake
	grep "« \| »" all && exit 1
	grep " [:;?!]" all && exit 1
	:
'

# With fr_FR.UTF-8 generated, glibc's own French; without it (locale -a
# lists C.UTF-8 alone, as on a minimal install), lib/intl still speaks the
# language LANG names, through LANGUAGE under C.UTF-8.
test_expect_success 'LANG=fr_FR.UTF-8 alone gives the same French, numbers keep their point' '
	cd "$W" &&
	run_all lang LANG=fr_FR.UTF-8 LC_ALL= LANGUAGE= &&
	for e in fr/*.err; do
		test_cmp "$e" lang/$(basename "$e") || exit 1
	done &&
	env LANG=fr_FR.UTF-8 LC_ALL= utilab-cards -b 2.5 -n ws.yaml &&
	env LANG=fr_FR.UTF-8 LC_ALL=C utilab-cards nowhere.yaml 2>err
	test_grep "^nowhere.yaml: error: cannot open" err
'

test_done
