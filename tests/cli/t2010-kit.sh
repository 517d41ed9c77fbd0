#!/bin/sh
# SPDX-License-Identifier: ISC
# The kit plan (lib/kit.h) and what it promises: -S alone is the run sheet
# alone; the kit holds the sets the run sheet lists (per table, write-in
# blanks numbered through); QR codes sized from their payload decode at
# 300 dpi and no text crosses them (libzbar's corners, through
# tests/bin/qrlocate); a QR code that cannot fit says what to change; the
# write-in layout keeps its scale off the QR code; a poster that receives
# a deck's cards is checked for them; the footer keeps to one line.

. "$(dirname "$0")/../lib.sh"

IN=$GOLDEN/kit
QRLOCATE=$TOP/tests/bin/qrlocate
KITGEOM=$TOP/tests/bin/kitgeom

# labels PDF: the page labels, one a line (cairo may move trailing digits
# into a decimal numbering: they are put back).
labels() {
	qpdf --json --json-key=pagelabels "$1" | tr -d " \n" |
	sed "s/},{/}\n{/g" |
	sed -n -e "s|.*\"/P\":\"u:\([^\"]*\)\",\"/S\":\"/D\",\"/St\":\([0-9]*\).*|\1\2|p" \
	       -e "s|.*\"/P\":\"u:\([^\"]*\)\",\"/St\":1}.*|\1|p"
}

test_expect_success '-S alone writes the run sheet alone' '
	utilab-cards -S -o s.pdf "$IN/kit.yaml" 2>err &&
	pdfinfo s.pdf >info &&
	test_grep "^Pages: +1$" info &&
	{ labels s.pdf; echo; } | sed "/^\$/d" >got &&
	echo sheet:run >want &&
	test_cmp want got &&
	pdftotext s.pdf s.txt &&
	test_grep "FICHE D.ANIMATION" s.txt &&
	! grep "Racontez" s.txt &&
	utilab-cards -S -d moments -o sd.pdf "$IN/kit.yaml" 2>err &&
	pdfinfo sd.pdf >info &&
	test_grep "^Pages: +13$" info
'

test_expect_success 'the kit holds the sets and blanks the run sheet lists' '
	utilab-cards -o k.pdf "$IN/kit.yaml" 2>err &&
	pdfinfo k.pdf >info &&
	# 1 sheet + 2 cards x 3 tables x 2 faces + 4 blanks x 3 tables x 2
	# faces + 3 journeys + 1 agenda
	test_grep "^Pages: +41$" info &&
	{ labels k.pdf; echo; } | sed "/^\$/d" >l &&
	test $(grep -c "^front:moments:courses$" l) -eq 3 &&
	test $(grep -c "^front:frictions:FRI-" l) -eq 12 &&
	grep -q "^front:frictions:FRI-012$" l &&
	test $(grep -c "^poster:parcours$" l) -eq 3 &&
	test $(grep -c "^poster:programme$" l) -eq 1 &&
	pdftotext -f 1 -l 1 k.pdf - | sed -e "s/\xc2\xa0/ /g" | tr "\n" " " | tr -s " " >sheet &&
	grep -q "Moments de vie — 2 cartes, poker (63 × 88 mm) : un jeu par table, 3 jeux, 6 cartes" sheet &&
	grep -q "Ce qui coince — 12 cartes à remplir, poker (63 × 88 mm), numérotées FRI-001 à FRI-012 : 4 par table" sheet &&
	grep -q "Le parcours — affiche A1 (841 × 594 mm), paysage : une par table, 3" sheet &&
	! grep -q "Le programme — affiche A3 (297 × 420 mm), portrait :" sheet
'

test_expect_success 'per: table without tables is a warning, and the kit holds one set' '
	sed "/^audience:/d" "$IN/kit.yaml" >w.yaml &&
	utilab-cards -n w.yaml 2>err &&
	test_grep "w.yaml:[0-9]+:10: warning: deck .moments. is printed per table, but .audience. gives no .tables.: the kit holds one set" err &&
	utilab-cards -d moments -o w.pdf w.yaml 2>err &&
	pdfinfo w.pdf >info &&
	test_grep "^Pages: +4$" info
'

test_expect_success '-n is clean on the kit, and on a kit of the catalogue' '
	utilab-cards -n "$IN/kit.yaml" 2>err &&
	! grep -v "(AAA)" err
'

if ! test -x "$QRLOCATE"; then
	test_skip 'every QR code decodes at 300 dpi and no text crosses one' 'tests/bin/qrlocate not built (libzbar-dev)'
else
test_expect_success 'every QR code decodes at 300 dpi and no text crosses one' '
	utilab-cards -o k.pdf "$IN/kit.yaml" 2>err &&
	pdftoppm -r 300 -png k.pdf pg &&
	n=0 &&
	for f in pg-*.png; do
		p=${f#pg-}; p=${p%.png}; p=$(expr "$p" + 0)
		"$QRLOCATE" "$f" >qr || continue
		n=$((n + 1))
		cut -d" " -f5- qr >>payloads
		pdftotext -f $p -l $p -bbox k.pdf words.html &&
		# a word box (points) that meets the code (pixels at 300 dpi)
		awk -v q="$(head -n 1 qr)" -v page=$p "
			BEGIN { split(q, b, \" \"); k = 72 / 300
				x0 = b[1] * k; y0 = b[2] * k; x1 = b[3] * k; y1 = b[4] * k }
			/<word / {
				match(\$0, /xMin=\"[0-9.]+\"/); wx0 = substr(\$0, RSTART + 6, RLENGTH - 7) + 0
				match(\$0, /yMin=\"[0-9.]+\"/); wy0 = substr(\$0, RSTART + 6, RLENGTH - 7) + 0
				match(\$0, /xMax=\"[0-9.]+\"/); wx1 = substr(\$0, RSTART + 6, RLENGTH - 7) + 0
				match(\$0, /yMax=\"[0-9.]+\"/); wy1 = substr(\$0, RSTART + 6, RLENGTH - 7) + 0
				if (wx1 > x0 && wx0 < x1 && wy1 > y0 && wy0 < y1) {
					print \"page \" page \": a word crosses the QR code: \" \$0; bad = 1 }
			}
			END { exit bad }" words.html || exit 1
	done &&
	# 6 prompt fronts, 12 write-in fronts: every code found, every code read
	test $n -eq 18 &&
	sort -u payloads >got &&
	{
		for c in courses rdv-medecin; do
			echo "https://exemple.fr/utilab?w=quartier-gare&d=moments&c=$c&source=kit-imprime&v=2024-05"
		done
		for i in 01 02 03 04 05 06 07 08 09 10 11 12; do
			echo "https://exemple.fr/utilab/quartier-gare/retours?carte=FRI-0$i&t=ab12cd"
		done
	} | sort >want &&
	test_cmp want got &&
	# the issue'"'"'s lengths: 90 characters on a poker prompt card, 70 on a
	# poker write-in card with a scale
	grep -q "^.\{90\}$" got && grep -q "^.\{70\}$" got
'
fi

test_expect_success 'a URL that fits only at error correction L gets L; forcing M says what to change' '
	long="https://exemple.fr/utilab?w=quartier-gare&d={deck}&c={card}&source=kit-imprime-pour-les-ateliers-du-quartier&campagne=printemps&lieu=maison-des-associations&retour=https%3A%2F%2Fexemple.fr%2Fmerci%3Fatelier%3Dgare%26table%3Dtoutes%26langue%3Dfrancais%26v%3D2" &&
	esc=$(printf "%s" "$long" | sed "s/[&|]/\\\\&/g") &&
	sed "s|qr: {url: \"https://exemple.fr/utilab?w=[^\"]*\"}|qr: {url: \"$esc\"}|" "$IN/kit.yaml" >l.yaml &&
	grep -q "langue" l.yaml &&
	utilab-cards -n l.yaml 2>err &&
	! grep error err &&
	sed "s|qr: {url: \"https://exemple.fr/utilab?w=[^\"]*\"}|qr: {url: \"$esc\", ecc: M}|" "$IN/kit.yaml" >m.yaml &&
	test_expect_code 65 utilab-cards -n m.yaml 2>err &&
	test_grep "m.yaml:30:9: error: QR code of card .rdv-medecin. does not fit: its URL \([0-9]+ characters\) needs [0-9.]+ mm with the quiet zone \(version [0-9]+, error correction M, 0.5 mm modules\) and the card has room for 34.7 mm: shorten the URL by [0-9]+ characters, set .qr: \{ecc: L\}., choose a larger card .size., or set .qr: false." err
'

test_expect_success 'qr: {size} is the code'"'"'s side; too small for its modules is an error with the size it needs' '
	sed "s|    qr: true|    qr: {size: 12mm}|" "$IN/kit.yaml" >s.yaml &&
	test_expect_code 65 utilab-cards -n s.yaml 2>err &&
	test_grep "s.yaml:[0-9]+:9: error: QR code of deck .frictions.: at .size: 12mm. its [0-9]+ modules are 0.[0-9]+ mm, under the 0.5 mm that scans: give it at least [0-9.]+ mm" err &&
	sed "s|    qr: true|    qr: {size: 24mm}|" "$IN/kit.yaml" >t.yaml &&
	utilab-cards -n t.yaml 2>err && ! grep error err &&
	sed "s|    qr: true|    qr: {size: 2cm}|" "$IN/kit.yaml" >u.yaml &&
	test_expect_code 65 utilab-cards -n u.yaml 2>err &&
	test_grep "QR .size. must be a length from 8 to 400 mm" err
'

test_expect_success 'a write-in face: every element a box, the scale beside the QR code, none overlapping' '
	test -x "$KITGEOM" &&
	"$KITGEOM" "$IN/kit.yaml" front:frictions:FRI-001 >g &&
	test $(grep -c "^  a scale circle 2 " g) -eq 5 &&
	test $(grep -c "^  a writing line " g) -eq 4 &&
	grep -q "^  the QR code -1 " g &&
	grep -q "^  the serial " g &&
	# no circle meets the QR code and its quiet zone
	awk "/the QR code.s quiet zone/ { qx = \$(NF-3); qy = \$(NF-2); qw = \$(NF-1); qh = \$NF }
	     /a scale circle/ { cx[++n] = \$6; cy[n] = \$7; cw[n] = \$8; ch[n] = \$9 }
	     END { if (!qw || n != 5) exit 1
		   for (i = 1; i <= n; i++)
			if (cx[i] + cw[i] > qx && cx[i] < qx + qw && cy[i] + ch[i] > qy && cy[i] < qy + qh) exit 1 }" g
'

test_expect_success 'a poster whose cells cannot hold the cards it receives is an error with the size that would' '
	sed -e "s/    size: a1/    size: a2/" -e "s/columns: \[\"Avant\", \"Pendant\", \"Après\"\]/columns: [\"Avant\", \"Pendant\", \"Après\", \"Ensuite\", \"Enfin\"]/" \
		-e "s/rows: \[\"Ce qui coince\"\]/rows: [\"Ce qui coince\", \"Idées\", \"Émotions\", \"Qui\", \"Quand\"]/" "$IN/kit.yaml" >p.yaml &&
	test_expect_code 65 utilab-cards -n p.yaml 2>err &&
	test_grep "p.yaml:[0-9]+:15: error: poster .parcours.: its cells are [0-9]+ × [0-9]+ mm and receive the cards of deck .frictions. \(63 × 88 mm, 8 mm more with the margin to stick them\): they do not fit; use .size: a[01]., fewer columns or rows" err &&
	sed "s/receives: frictions/receives: nothing/" "$IN/kit.yaml" >q.yaml &&
	test_expect_code 65 utilab-cards -n q.yaml 2>err &&
	test_grep "q.yaml:[0-9]+:15: error: .receives. names no deck .nothing." err
'

test_expect_success 'the footer stays on one line, with the card id' '
	sed "s/^title: .*/title: \"Un atelier au titre beaucoup trop long pour tenir au pied des cartes à jouer\"/" \
		"$IN/kit.yaml" >f.yaml &&
	utilab-cards -d frictions -o f.pdf f.yaml 2>err &&
	pdftotext -f 1 -l 1 -layout f.pdf f.txt &&
	test_grep "Ce qui coince · FRI-001" f.txt &&
	! grep -x " *FRI-001 *" f.txt
'

test_done
