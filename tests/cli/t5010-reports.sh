#!/bin/sh
# SPDX-License-Identifier: ISC
# Reports people look at: utilab-collect -T pdf typesets the synthesis
# with its charts, -T html carries the same charts as inline SVG; in both
# the bars read back are the report's frictions by votes, in order.
. "$(dirname "$0")/../lib.sh"

W=$TOP/workshops/sequences-de-vie.yaml
R=$TOP/workshops/exemples

# collect ARGS: the four example tables; exit 3 (one record quarantined,
# as the examples mean it) counts as success.
collect() {
	(cd "$R" && utilab-collect -w "$W" "$@" table-1.yaml table-2.yaml table-3.csv table-4.csv)
	rc=$?
	[ $rc = 3 ] && return 0
	return $rc
}

# The frictions by votes, as the JSON report gives them: most voted first,
# ties by id, those with votes, at most 12 (the chart's bars).
by_votes() {
	collect -T json 2>/dev/null |
		jq -r '[.sequences[].stages[].frictions[] | select(.type == "friction" and .votes > 0)]
		       | sort_by(-.votes, .id) | .[:12][] | .id'
}

test_expect_success '-T pdf: A4, clean, fonts embedded, the first page says what and where' '
	collect -T pdf -o "$SCRATCH/r.pdf" 2>err &&
	test_grep "36 in = 34 kept" err &&
	qpdf --check r.pdf >/dev/null &&
	pdfinfo r.pdf | grep -q "size: *595\.2[0-9]* x 841\.8[0-9]* pts" &&
	test "$(pdffonts r.pdf | sed -n "3,\$p" | grep -vc " yes yes ")" = 0 &&
	pdftotext -f 1 -l 1 r.pdf - | sed "s/\xc2\xa0/ /g" >p1 &&
	for w in "Synthèse : Séquences de vie" "Fives, Lille" "2026-03-14" \
		"22 frictions, 10 idées" "36 reçues = 34 gardées" \
		"Les trois frictions les plus votées"; do
		grep -qF "$w" p1 || { echo "missing: $w"; exit 1; }
	done
'

test_expect_success '-T pdf: the top three and the bars are the frictions by votes' '
	by_votes >want &&
	test "$(wc -l <want)" = 12 &&
	collect -T pdf -o "$SCRATCH/r.pdf" 2>/dev/null &&
	pdftotext -f 1 -l 1 r.pdf - >p1 &&
	head -3 want >top3 &&
	for id in $(cat top3); do grep -q "$id" p1 || exit 1; done &&
	pdftotext r.pdf - | sed -n "/^Votes par friction/,/^Chaque barre/p" |
		sed -n "s/^\(FRI-[0-9]*\) · .*/\1/p" >bars &&
	test_cmp want bars
'

test_expect_success '-T pdf: heat map in the journey order, reproducible, -s a5' '
	collect -T pdf -o "$SCRATCH/a.pdf" 2>/dev/null &&
	collect -T pdf -o "$SCRATCH/b.pdf" 2>/dev/null &&
	cmp a.pdf b.pdf &&
	pdftotext -layout a.pdf - | grep -q "Avant  *En chemin  *Sur place  *Au retour  *Après" &&
	collect -T pdf -s a5 -o "$SCRATCH/c.pdf" 2>/dev/null &&
	pdfinfo c.pdf | grep -q "size: *419\.5[0-9]* x 595\.2[0-9]* pts" &&
	test_expect_code 64 collect -T pdf -s a3 -o x.pdf 2>err &&
	test_grep "unknown page size .a3." err
'

test_expect_success '-T pdf: sources as an appendix, not inline' '
	collect -T pdf -o "$SCRATCH/r.pdf" 2>/dev/null &&
	pdftotext r.pdf - >all &&
	! grep -q "table-1.yaml:[0-9]" all &&
	test_grep "^table-1.yaml \(yaml\)" all &&
	test_grep "FRI-001 l\. " all
'

test_expect_success '-T html: the same bars as inline SVG, in the same order' '
	by_votes >want &&
	collect -T html -o "$SCRATCH/r.html" 2>/dev/null &&
	sed -n "/class=\"chart chart-votes\"/,/<\/svg>/p" r.html |
		sed -n "s/.*<rect class=\"bar\".* data-label=\"\(FRI-[0-9]*\) · .*/\1/p" >bars &&
	test_cmp want bars &&
	test "$(grep -c "<svg " r.html)" = 4
'

test_expect_success '-T html: the theme, a print stylesheet, nothing external' '
	collect -T html -o "$SCRATCH/r.html" 2>/dev/null &&
	test_grep ":root\{--accent:#E4003A\}" r.html &&
	test_grep "@page\{size:A4;margin:" r.html &&
	test_grep "section\+section\{break-before:page\}" r.html &&
	! grep -Eq "(src|href)=\"(https?:)?//|@import|url\(" r.html
'

if test_have chromium; then
	test_expect_success 'headless Chromium: a screenshot, and the page printed to PDF' '
		collect -T html -o "$SCRATCH/r.html" 2>/dev/null &&
		profile=$(mktemp -d) &&
		chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
			--disable-component-update --no-first-run --user-data-dir="$profile" \
			--screenshot="$SCRATCH/shot.png" --window-size=900,1300 \
			"file://$SCRATCH/r.html" >/dev/null 2>&1 &&
		chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
			--disable-component-update --no-first-run --user-data-dir="$profile" \
			--no-pdf-header-footer --print-to-pdf="$SCRATCH/p.pdf" \
			"file://$SCRATCH/r.html" >/dev/null 2>&1 &&
		rm -rf "$profile" &&
		test -s shot.png &&
		pdfinfo p.pdf | grep -q "size: *59[45]\.[0-9]* x 841\.[0-9]* pts" &&
		pdftotext p.pdf - | tr -d "\f" >t &&
		for h in "En chiffres" "Votes par friction" \
			"Idées par friction" \
			"Frictions par séquence de vie" "Étiquettes"; do
			grep -qx "$h" t || { echo "missing heading: $h"; exit 1; }
		done &&
		sed -n "s/^\(FRI-[0-9]*\) · .*/\1/p" t | head -12 >bars &&
		by_votes >want && test_cmp want bars
	'
else
	test_skip 'headless Chromium: a screenshot, and the page printed to PDF' 'chromium is not installed'
fi

test_done
