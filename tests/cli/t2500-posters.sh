#!/bin/sh
# SPDX-License-Identifier: ISC
# utilab-cards posters: every kind renders at its size with its labels
# (read back with pdftotext), a journey on a named A size turns landscape,
# QR codes decode to their exact payloads, and problems are reported with
# the poster's position: text past its floor, a QR code too small.
. "$(dirname "$0")/../lib.sh"

WS=$GOLDEN/posters/posters.yaml
# The four posters, rendered once for the tests that only read them.
P=$SCRATCH_BASE/posters.pdf
utilab-cards -p parcours -p empathie -p priorites -p programme -o "$P" \
	"$WS" 2>"$SCRATCH_BASE/posters.err"

# pdftotext of one page, NBSP folded to spaces (French typography).
page_text() {
	pdftotext -f "$2" -l "$2" "$1" - | sed -e 's/\xc2\xa0/ /g'
}

# page_mm PDF PAGE: "W H" in whole millimetres.
page_mm() {
	pdfinfo -f "$2" -l "$2" "$1" |
	awk '/^Page +[0-9]+ size:/ { printf "%d %d\n", $4 * 25.4 / 72 + 0.5, $6 * 25.4 / 72 + 0.5 }'
}

test_expect_success 'all four posters render into a clean PDF, one page each' '
	test_path_is_file "$P" &&
	qpdf --check "$P" >/dev/null &&
	pdfinfo "$P" >info &&
	test_grep "^Pages: +4$" info &&
	pdffonts "$P" >fonts &&
	test_grep "AtkinsonHyperlegible" fonts &&
	! grep -E " no +no +" fonts
'

test_expect_success 'page sizes: trim + 2 x 3 mm bleed; an A3 journey is landscape' '
	test "$(page_mm "$P" 1)" = "426 303" &&
	test "$(page_mm "$P" 2)" = "216 303" &&
	test "$(page_mm "$P" 3)" = "306 406" &&
	test "$(page_mm "$P" 4)" = "216 303"
'

test_expect_success 'journey: every stage header and lane label is there' '
	page_text "$P" 1 >j.txt &&
	for w in "Le parcours des courses" "Collez chaque carte sous son" \
		Avant Trajet Magasin Retour "Ce que je fais" "Ce qui coince" \
		"Idées" "Atelier des affiches"; do
		test_grep "$w" j.txt || exit 1
	done
'

test_expect_success 'canvas: zone titles, numbers and hints' '
	page_text "$P" 2 >c.txt &&
	for w in "^Dit$" "^Pense$" "^Fait$" "^Ressent$" "Ce que la personne dit" \
		"Ses émotions" "^4$"; do
		test_grep "$w" c.txt || exit 1
	done
'

test_expect_success 'vote: every item, numbered, and the dots per person' '
	page_text "$P" 3 >v.txt &&
	for w in Ascenseur Livraison Entraide Horaires Prix "^5$" \
		"2 gommettes par personne"; do
		test_grep "$w" v.txt || exit 1
	done
'

test_expect_success 'agenda: the phases on a running clock, and the total' '
	page_text "$P" 4 >a.txt &&
	for w in "^00:00$" "^00:10$" "^00:35$" "^00:50$" "Accueil et consentement" \
		"Voter pour les priorités" "^25 min$" "Durée totale : 55 min"; do
		test_grep "$w" a.txt || exit 1
	done
'

if test_have zbarimg && test_have pdftoppm; then
test_expect_success 'every poster QR code decodes to its exact payload' '
	pdftoppm -r 150 -gray -png -l 2 "$P" q &&
	zbarimg --raw -q q-1.png >got1 2>/dev/null &&
	zbarimg --raw -q q-2.png >got2 2>/dev/null &&
	echo "https://example.org/u/affiches/poster/parcours" >want1 &&
	echo "https://example.org/p/affiches-empathie?l=fr" >want2 &&
	test_cmp want1 got1 &&
	test_cmp want2 got2
'
else
	test_skip 'every poster QR code decodes' 'no zbarimg or pdftoppm'
fi

test_expect_success 'posters without qr: have no QR code' '
	pdftoppm -r 100 -gray -png -f 3 -l 4 "$P" v &&
	! zbarimg --raw -q v-3.png 2>/dev/null &&
	! zbarimg --raw -q v-4.png 2>/dev/null
'

test_expect_success 'the same poster at A0 and A4: same labels, scaled' '
	sed -e "s/^    size: a3$/    size: a0/" "$WS" >a0.yaml &&
	sed -e "s/^    size: a3$/    size: a4/" "$WS" >a4.yaml &&
	utilab-cards -p parcours -o a0.pdf a0.yaml 2>/dev/null &&
	utilab-cards -p parcours -o a4.pdf a4.yaml 2>/dev/null &&
	test "$(page_mm a0.pdf 1)" = "1195 847" &&
	test "$(page_mm a4.pdf 1)" = "303 216" &&
	page_text a0.pdf 1 >t0 && page_text a4.pdf 1 >t4 &&
	test_cmp t0 t4
'

test_expect_success 'check: small journey cells get a sticky-note warning' '
	utilab-cards -n "$WS" 2>err &&
	test_grep "^.*posters.yaml:54:5: warning: poster .parcours.: cells are 84 × 57 mm, smaller than a 76 mm sticky note" err
'

test_expect_success 'check: a label past its floor is an error naming the poster' '
	sed -e "s/\"Magasin\"/\"Hypermarchédelazoneindustriellenordhypermarchédelazoneindustriellenordhypermarché\"/" "$WS" >long.yaml &&
	test_expect_code 65 utilab-cards -n long.yaml 2>err &&
	test_grep "^long.yaml:[0-9]+:[0-9]+: error: poster .parcours.: column 3 does not fit: [0-9.]+ mm too wide even at [0-9]+ pt" err
'

test_expect_success 'check: a QR code too small on its poster is an error naming it' '
	long=$(printf "%0200d" 0) &&
	sed -e "s|https://example.org/p/{workshop}-{card}|https://example.org/$long/{card}|" \
		"$WS" >qr.yaml &&
	test_expect_code 65 utilab-cards -n qr.yaml 2>err &&
	test_grep "^qr.yaml:[0-9]+:[0-9]+: error: QR code of poster .empathie. would have 0\.[0-9]+ mm modules" err &&
	test_expect_code 65 utilab-cards -p empathie -o out.pdf qr.yaml 2>/dev/null &&
	test_path_is_missing out.pdf
'

test_done
