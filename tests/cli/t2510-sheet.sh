#!/bin/sh
# SPDX-License-Identifier: ISC
# utilab-cards -S, the facilitator's run sheet: the workshop's details, the
# phases on a running clock with their steps, and the materials computed
# from the phases' uses (cards counting copies, write-in blanks, posters
# and their sizes, dots from the vote poster's options).
. "$(dirname "$0")/../lib.sh"

WS=$GOLDEN/posters/posters.yaml
# Rendered once (every deck too: -S adds to the default selection).
ALL=$SCRATCH_BASE/all.pdf
utilab-cards -S -o "$ALL" "$WS" 2>"$SCRATCH_BASE/all.err"

# The run sheet's pages: those whose footer says "fiche d'animation".
sheet_text() {
	n=$(pdfinfo "$1" | awk '/^Pages:/ { print $2 }')
	i=1
	while [ "$i" -le "$n" ]; do
		pdftotext -f "$i" -l "$i" "$1" p.txt &&
		grep -q "fiche d.animation" p.txt || break
		sed -e 's/\xc2\xa0/ /g' p.txt
		i=$((i + 1))
	done
}

test_expect_success 'the run sheet is A4 portrait and comes first' '
	test_path_is_file "$ALL" && ! test -s "$SCRATCH_BASE/all.err" &&
	qpdf --check "$ALL" >/dev/null &&
	pdfinfo -f 1 -l 1 "$ALL" >info &&
	test_grep "^Page +1 size: +595\.2[0-9]* x 841\.8[0-9]* pts" info &&
	sheet_text "$ALL" >sheet.txt &&
	test_grep "FICHE D.ANIMATION" sheet.txt
'

test_expect_success 'details: title, question, audience, place, long date, duration' '
	sheet_text "$ALL" >s.txt &&
	for w in "^Atelier des affiches$" \
		"« Qu.est-ce qui coince quand on fait ses courses \? »" \
		"locataires · 20 personnes · 4 tables" "^Fives, Lille$" \
		"^vendredi 12 mai 2023$" "^55 min$" "^MEL$" "4 hôtes de table"; do
		test_grep "$w" s.txt || exit 1
	done
'

test_expect_success 'phases: running clock, minutes, titles, steps, materials' '
	sheet_text "$ALL" >s.txt &&
	for w in "^00:00$" "^– 00:10$" "^00:10$" "^– 00:35$" "^00:35$" \
		"^00:50$" "^00:55$" "^Fin$" "^25 min$" "^Placer les frictions$" \
		"^Lire sa carte à voix haute$" "^Recueillir le consentement$" \
		"Matériel : Le parcours des courses, Ce qui coince, Séquences de vie"; do
		test_grep "$w" s.txt || exit 1
	done
'

test_expect_success 'materials: cards counted with copies and write-in blanks' '
	sheet_text "$ALL" >s.txt &&
	test_grep "Séquences de vie — 3 cartes, poker \(63 × 88 mm\) : un jeu par table, 4 jeux, 12 cartes" s.txt &&
	test_grep "Ce qui coince — 40 cartes à remplir, A6 \(105 × 148 mm\), numérotées FRI-001 à FRI-040" s.txt
'

test_expect_success 'materials: posters with their sizes, supplies, unused parts' '
	sheet_text "$ALL" >s.txt &&
	test_grep "Le parcours des courses — affiche A3 \(420 × 297 mm\), paysage" s.txt &&
	test_grep "Nos priorités — affiche 300 × 400 mm, portrait" s.txt &&
	test_grep "Gommettes : 2 par personne pour « Nos priorités » \(5 options\), 40 en tout" s.txt &&
	test_grep "Feutres noirs à pointe moyenne : 1 par personne, 20" s.txt &&
	test_grep "Formulaires de consentement : 20" s.txt &&
	test_grep "Aussi dans le kit, mais dans aucune phase : La carte d.empathie" s.txt
'

test_expect_success 'a vote without dots: about one dot per 4 to 5 options' '
	sed -e "/^    dots: 2$/d" \
	    -e "s/\"Ascenseur\", \"Livraison\"/\"A\", \"B\", \"C\", \"D\", \"E\", \"F\", \"G\", \"H\"/" \
	    "$WS" >nodots.yaml &&
	utilab-cards -S -o all.pdf nodots.yaml && sheet_text all.pdf >s.txt &&
	test_grep "Gommettes : 2 par personne pour « Nos priorités » \(11 options\), 40 en tout" s.txt
'

test_expect_success 'a long workshop flows onto more pages, numbered' '
	awk "/^phases:/ { print; for (i = 1; i <= 40; i++) {
		print \"  - id: p\" i; print \"    title: \\\"Phase \" i \"\\\"\";
		print \"    minutes: 5\"; print \"    steps: [\\\"Un\\\", \\\"Deux\\\", \\\"Trois\\\"]\" }
		next } { print }" "$WS" >long.yaml &&
	utilab-cards -S -o all.pdf long.yaml && sheet_text all.pdf >s.txt &&
	test_grep "^1 ?/ ?[3-9]$" s.txt &&
	test_grep "fiche d.animation \(suite\)" s.txt &&
	test_grep "^Phase 40$" s.txt &&
	test_grep "^03:20$" s.txt
'

test_expect_success 'English labels when lang is en' '
	sed -e "s/^lang: fr$/lang: en/" "$WS" >en.yaml &&
	utilab-cards -S -o all.pdf en.yaml &&
	pdftotext -f 1 -l 1 all.pdf s.txt &&
	test_grep "FACILITATOR.S RUN SHEET" s.txt &&
	test_grep "^Friday 12 May 2023$" s.txt &&
	test_grep "^Materials$" s.txt
'

test_done
