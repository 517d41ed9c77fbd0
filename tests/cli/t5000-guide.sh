#!/bin/sh
# SPDX-License-Identifier: ISC
# utilab-guide: the catalogue's guide is a real book (A5, at least 40
# pages, fonts embedded, one bookmark per part, a table of contents whose
# numbers are the pages where pdftotext finds the headings), reproducible,
# and a guide of a workshop and results this suite never saw before
# builds too. Errors are positioned and leave nothing behind.
. "$(dirname "$0")/../lib.sh"

G=$TOP/workshops/guide.yaml

# norm: one line per page of text, no-break spaces as spaces, runs of
# blanks squeezed (headings may wrap in pdftotext's output).
norm() {
	sed 's/\xc2\xa0/ /g' | tr '\n\f' '  ' | tr -s ' '
}

# check_toc PDF [SHIFT]: every "title ... N" line of the contents (pages 3 to the
# first bookmark's page - 1) is a heading found on page N, and not on the
# page before unless that is the contents (running heads only repeat it
# after it starts).
check_toc() {
	first=$(qpdf --json=latest --json-key=outlines "$1" |
		jq '[.outlines[].destpageposfrom1] | min') &&
	test "$first" -gt 3 &&
	pdftotext -layout -f 3 -l $((first - 1)) "$1" - |
		sed -e 's/\xc2\xa0/ /g' -e 's/\f//g' |
		sed -n 's/^ *\(.*[^ ]\)  *\([0-9][0-9]*\)$/\2\t\1/p' >toc &&
	test "$(wc -l <toc)" -ge 10 &&
	while IFS="	" read -r page title; do
		page=$((page + ${2:-0})) &&
		pdftotext -f "$page" -l "$page" "$1" - | norm >here &&
		pdftotext -f $((page - 1)) -l $((page - 1)) "$1" - | norm >before &&
		if ! grep -qF "$title" here; then
			echo "contents say '$title' is on page $page: it is not"; exit 1
		fi &&
		if [ $((page - 1)) -ge "$first" ] && grep -qF "$title" before; then
			echo "'$title' is already on page $((page - 1))"; exit 1
		fi || exit 1
	done <toc
}

test_expect_success 'the catalogue guide: 40+ A5 pages in under 5 s of CPU (release build), clean, fonts embedded' '
	# The 5 s promise is for the release build; ASan+UBSan cost about 3x.
	# CPU time, not wall time: the run is single-threaded, and a loaded
	# machine stretches wall time without the guide doing more.
	limit=5 &&
	if [ "$(cat "$TOP/.build-mode")" != plain ]; then limit=20; fi &&
	test_cost $limit 99999999 utilab-guide -o g.pdf "$G" 2>err &&
	echo "$test_cost_cpu s of CPU" &&
	qpdf --check g.pdf >/dev/null &&
	pdfinfo g.pdf >info &&
	pages=$(sed -n "s/^Pages: *//p" info) &&
	echo "pages: $pages" && test "$pages" -ge 40 &&
	test_grep "^utilab-guide: $pages pages, A5$" err &&
	pdfinfo -f 1 -l "$pages" g.pdf >sizes &&
	test "$(grep -c "size: *419\.5[0-9]* x 595\.2[0-9]* pts" sizes)" = "$pages" &&
	pdffonts g.pdf >fonts &&
	test "$(sed -n "3,\$p" fonts | grep -vc " yes yes ")" = 0 &&
	test_grep "AtkinsonHyperlegible" fonts
'

test_expect_success 'one bookmark per part, chapters under them' '
	utilab-guide -o g.pdf "$G" 2>/dev/null &&
	parts=$(grep -c "^  - \(markdown\|workshop\|results\):" "$G") &&
	qpdf --json=latest --json-key=outlines g.pdf >o.json &&
	test "$(jq ".outlines | length" o.json)" = "$parts" &&
	jq -r ".outlines[].title" o.json >titles &&
	test_grep "^Séquences de vie$" titles &&
	test_grep "^Ce que Fives a raconté$" titles &&
	test "$(jq "[.outlines[1:5][].kids | length] | min" o.json)" -ge 4
'

test_expect_success 'every page number in the contents is where the heading is' '
	utilab-guide -o g.pdf "$G" 2>/dev/null &&
	check_toc g.pdf
'

test_expect_success 'the check above fails when the numbers are one off' '
	utilab-guide -o g.pdf "$G" 2>/dev/null &&
	! (check_toc g.pdf 1) && ! (check_toc g.pdf -1)
'

test_expect_success 'the same inputs give the same bytes' '
	utilab-guide -o a.pdf "$G" 2>/dev/null &&
	utilab-guide -o b.pdf "$G" 2>/dev/null &&
	cmp a.pdf b.pdf &&
	SOURCE_DATE_EPOCH=1800000000 utilab-guide -o c.pdf "$G" 2>/dev/null &&
	! cmp -s a.pdf c.pdf
'

test_expect_success 'the fiches show the kit: phases, materials, cards and posters' '
	utilab-guide -o g.pdf "$G" 2>/dev/null &&
	pdftotext g.pdf - | norm >all &&
	for w in "Raconter des séquences de vie" "Gommettes" "Feutres noirs" \
		"1 animateur ou animatrice" "0:00 – 0:15" "Ici 3 cartes et le dos" \
		"Le parcours" "Affiche A0" "CC-BY-SA-4.0" "Les trois frictions les plus votées" \
		"FRI-001" "Votes par friction"; do
		grep -qF "$w" all || { echo "missing: $w"; exit 1; }
	done
'

test_expect_success 'A4 on request' '
	utilab-guide -s a4 -o g.pdf "$G" 2>err &&
	pdfinfo g.pdf | grep -q "size: *595\.2[0-9]* x 841\.8[0-9]* pts" &&
	check_toc g.pdf
'

test_expect_success 'utilab-print makes the booklet' '
	test -x "$TOP/bin/utilab-print" || exit 0
	utilab-guide -o g.pdf "$G" 2>/dev/null &&
	utilab-print -B g.pdf >livret.pdf 2>err &&
	qpdf --check livret.pdf >/dev/null &&
	pdfinfo livret.pdf | grep -q "size: *841\.8[0-9]* x 595\.2[0-9]* pts"
'

# A workshop, results and text written here: nothing in the code knows them.
write_fresh() {
	mkdir -p fresh/res &&
	cat >fresh/jardin.yaml <<-\EOF &&
	utilab: 1
	id: jardin-partage
	title: "Un jardin au pied des tours"
	summary: "Imaginer un jardin partagé avec les habitants"
	kind: ideation
	question: "Que ferions-nous d'un jardin au pied des tours ?"
	territory: "Bois-Blancs, Lille"
	audience: {who: "habitants", expected: 12, tables: 2}
	theme: {color: "#2E7D32"}
	phases:
	  - {id: idees, title: "Chercher des idées", minutes: 40, steps: ["Lire une envie", "Dessiner"], uses: [envies, plan]}
	  - {id: vote, title: "Voter", minutes: 20, uses: [gestes]}
	decks:
	  - id: envies
	    title: "Les envies"
	    kind: prompt
	    cards:
	      - {id: legumes, title: "Des légumes", text: "Faire pousser ses légumes."}
	      - {id: ombre, title: "De l'ombre", text: "Un coin frais l'été."}
	  - id: gestes
	    title: "Mes idées"
	    kind: write-in
	    count: 10
	    prefix: JAR
	    fields: [{id: idee, label: "Mon idée", lines: 3}]
	posters:
	  - id: plan
	    kind: journey
	    title: "Le plan"
	    size: a2
	    columns: ["Entrée", "Potager", "Coin calme"]
	    rows: ["Ce qui manque", "Idées"]
	EOF
	cat >fresh/res/t1.csv <<-\EOF &&
	type,serial,table,sequence,stage,text,votes,tags,answers
	friction,JAR-001,A,legumes,Potager,"Pas de point d eau pour arroser",5,eau,
	friction,JAR-002,A,ombre,Coin calme,"Aucun banc à l ombre",3,repos,
	friction,JAR-003,B,legumes,Entrée,"La grille est fermée le week-end",4,accès,
	idea,,B,,,"Récupérer l eau de pluie des toits",6,eau,JAR-001
	EOF
	cat >fresh/intro.md <<-\EOF &&
	# Notre jardin

	Un texte *court* : pourquoi ce jardin ?

	## Ce que nous voulons

	- de l'eau
	- de l'ombre

	![un plan](plan.png)

	## Qui porte le projet

	Le conseil citoyen.
	EOF
	cat >fresh/guide.yaml <<-\EOF
	utilab-guide: 1
	title: "Le jardin des Bois-Blancs"
	authors: "Le conseil citoyen"
	license: CC-BY-4.0
	color: "#2E7D32"
	parts:
	  - markdown: intro.md
	  - workshop: jardin.yaml
	  - results: {workshop: jardin.yaml, files: [res/t1.csv]}
	EOF
}

test_expect_success 'a guide this suite never saw builds, its contents right' '
	write_fresh &&
	utilab-guide -o fresh.pdf fresh/guide.yaml 2>err &&
	qpdf --check fresh.pdf >/dev/null &&
	test_grep "fresh/intro.md:10:1: warning: an image cannot be typeset" err &&
	check_toc fresh.pdf &&
	test "$(qpdf --json=latest --json-key=outlines fresh.pdf | jq ".outlines | length")" = 3 &&
	pdftotext fresh.pdf - | norm >all &&
	for w in "Un jardin au pied des tours" "Chercher des idées" "Les envies" \
		"Le plan" "Pas de point d eau pour arroser" "Résultats : Un jardin au pied des tours" \
		"CC-BY-4.0" "Le conseil citoyen" "Ce que nous voulons"; do
		grep -qF "$w" all || { echo "missing: $w"; exit 1; }
	done
'

test_expect_success 'errors are positioned, with a suggestion, and nothing is written' '
	write_fresh &&
	sed "s/  - workshop: jardin.yaml/  - workshp: jardin.yaml/" fresh/guide.yaml >fresh/bad.yaml &&
	test_expect_code 65 utilab-guide -o out.pdf fresh/bad.yaml 2>err &&
	test_grep "^fresh/bad.yaml:8:5: error: unknown key .workshp. in part 2 \(did you mean .workshop.\?\)$" err &&
	test_path_is_missing out.pdf
'

test_expect_success 'a part whose file is missing or broken fails the whole guide' '
	write_fresh &&
	sed "s/res\/t1.csv/res\/none.csv/" fresh/guide.yaml >fresh/missing.yaml &&
	test_expect_code 66 utilab-guide -o out.pdf fresh/missing.yaml 2>err &&
	test_grep "none.csv" err &&
	test_path_is_missing out.pdf &&
	sed "s/title: \"Le plan\"/titel: \"Le plan\"/" fresh/jardin.yaml >fresh/j2.yaml &&
	mv fresh/j2.yaml fresh/jardin.yaml &&
	test_expect_code 65 utilab-guide -o out.pdf fresh/guide.yaml 2>err &&
	test_grep "^fresh/jardin.yaml:[0-9]*:[0-9]*: error: unknown key .titel." err &&
	test_path_is_missing out.pdf
'

test_expect_success 'definition errors: version, parts, kinds' '
	printf "utilab-guide: 2\ntitle: x\nparts: []\n" >v.yaml &&
	test_expect_code 65 utilab-guide -o out.pdf v.yaml 2>err &&
	test_grep "^v.yaml:1:15: error: unsupported .utilab-guide. version .2." err &&
	test_grep "^v.yaml:3:8: error: .parts. must be a list of at least one part$" err &&
	printf "utilab-guide: 1\ntitle: x\nparts:\n  - {markdown: a.md, workshop: b.yaml}\n  - {results: {workshop: w.yaml}}\n" >k.yaml &&
	test_expect_code 65 utilab-guide -o out.pdf k.yaml 2>err &&
	test_grep "^k.yaml:4:5: error: part 1 must have only one of" err &&
	test_grep "^k.yaml:5:15: error: missing required key .files. in .results.$" err &&
	test_path_is_missing out.pdf
'

test_expect_success 'usage: no operand, bad size, terminal, writing over an input' '
	test_expect_code 64 utilab-guide 2>err &&
	test_grep "no guide file given" err &&
	test_expect_code 64 utilab-guide -s a3 "$G" 2>err &&
	test_grep "unknown page size .a3." err &&
	write_fresh &&
	cp fresh/intro.md keep.md &&
	test_expect_code 73 utilab-guide -o fresh/intro.md fresh/guide.yaml 2>err &&
	test_grep "refusing to write over the input" err &&
	cmp keep.md fresh/intro.md &&
	utilab-guide --help | grep -q "^usage: utilab-guide"
'

test_done
