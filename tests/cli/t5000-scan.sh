#!/bin/sh
# SPDX-License-Identifier: ISC
# utilab-scan on photos the suite makes itself (tests/bin/photogen, fixed
# seeds): pen marks on rendered write-in cards, 4 to 9 cards per photo on a
# textured table, any rotation, a camera tilted up to 25 degrees, blur,
# noise, a shadow, JPEG at quality 70; and flat scans at 150 and 300 dpi.
# The cards have tick boxes too (who is concerned: any number; how often:
# exactly one), ticked with check marks, crosses, filled boxes and faint
# ticks. The rates against the generator's truth are printed, then
# checked: every serial found, never a wrong one, 99% of the marked scales
# and of the tick-box fields read right, every unclear mark flagged.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/scan-lib.sh"

WS=$TOP/workshops/sequences-de-vie.yaml
GEN=$TOP/tests/bin/photogen
# made once, read by every test below
PHOTOS=$SCRATCH_BASE/photos
mkdir -p "$PHOTOS"

test_expect_success 'the generator makes photos and scans with their truth' '
	cd "$PHOTOS" &&
	"$GEN" -w "$WS" -s 11 -n 4 -f 1 -W 3200 -H 2400 -o p1.jpg -t p1.truth &&
	"$GEN" -w "$WS" -s 12 -n 6 -f 5 -W 3200 -H 2400 -o p2.jpg -t p2.truth &&
	"$GEN" -w "$WS" -s 13 -n 9 -f 11 -T 15 -W 4000 -H 3000 -o p3.jpg -t p3.truth &&
	"$GEN" -w "$WS" -s 14 -n 4 -f 20 -m scan -r 150 -o s150.png -t s150.truth &&
	"$GEN" -w "$WS" -s 15 -n 4 -f 24 -m scan -r 300 -q 90 -o s300.jpg -t s300.truth &&
	cat p1.truth p2.truth p3.truth s150.truth s300.truth >truth &&
	# a scale and two tick-box fields a card
	test $(wc -l <truth) -eq 81
'

test_expect_success 'every serial found, none wrong, 99% of marks read, unclear ones flagged' '
	cd "$PHOTOS" &&
	utilab-scan -w "$WS" -d crops -o photos.csv p1.jpg p2.jpg p3.jpg \
		s150.png s300.jpg 2>err &&
	cat err &&
	test_grep "27 cards read from 5 images" err &&
	if scan_rates photos.csv truth >rates.txt; then st=0; else st=1; fi &&
	test $st -eq 0
'
# the rates, in the TAP output
cat "$PHOTOS/rates.txt" 2>/dev/null || :

test_expect_success 'crops: one per card and per written field, at 200 dpi' '
	cd "$PHOTOS" &&
	test_path_is_file crops/FRI-001.png &&
	test_path_is_file crops/FRI-027.png &&
	test_path_is_file crops/FRI-007-texte.png &&
	file crops/FRI-001.png >info &&
	test_grep "827 x 1165" info &&
	test_grep "^friction,FRI-001,.*,crops/FRI-001.png," photos.csv &&
	test_grep "^type,serial,field:qui,field:gravite,field:frequence,field:citer,field:photos,field:rappel,text,image," photos.csv
'

test_expect_success 'round trip: utilab-collect keeps the crops, shows them, merges transcriptions' '
	cd "$PHOTOS" &&
	utilab-collect -w "$WS" -T html -o report.html photos.csv 2>err &&
	test_grep "27 in = 27 kept \+ 0 duplicates \+ 0 quarantined" err &&
	test $(grep -o "<img class=\"crop\" alt=\"\" style=[^>]* src=\"data:image/png;base64," report.html | wc -l) -eq 27 &&
	# a hand transcription of the same cards: each one merges with its scan
	awk -F, "NR == 1 { print \"type,serial,field:gravite,text\" }
		NR > 1 { print \$1 \",\" \$2 \",\" \$4 \",Tapé à la main \" NR }" \
		photos.csv >hand.csv &&
	utilab-collect -w "$WS" -T md -o merged.md photos.csv hand.csv 2>err &&
	test_grep "54 in = 27 kept \+ 27 duplicates \+ 0 quarantined" err &&
	test_grep "FRI-001\*\* Tapé à la main 2 .* hand.csv:2, photos.csv:2" merged.md
'

if test_have pdfimages; then
test_expect_success 'the PDF report shows each card'"'"'s crop under its transcription' '
	cd "$PHOTOS" &&
	utilab-collect -w "$WS" -T pdf -o report.pdf photos.csv hand.csv 2>err &&
	qpdf --check report.pdf >/dev/null &&
	pdfimages -list report.pdf >images &&
	test $(grep -c " jpeg " images) -eq 27 &&
	pdftotext report.pdf - >report.txt &&
	test_grep "Tapé à la main 2" report.txt &&
	# a crop that cannot be read is named, not dropped
	printf "type,serial,field:gravite,text,image\nfriction,FRI-009,3,Un texte,gone.png\n" >gone.csv &&
	utilab-collect -w "$WS" -T pdf -o gone.pdf gone.csv 2>err &&
	pdftotext gone.pdf - | grep -q "image illisible : gone.png"
'
else
	test_skip 'the PDF report shows each crop' 'no pdfimages'
fi

test_expect_success 'utilab-collect sets aside a card from another version of its deck' '
	cd "$PHOTOS" &&
	printf "type,serial,field:gravite,text,image,version,check\nfriction,FRI-003,2,,crops/FRI-003.png,abcdef,\n" >old.csv &&
	test_expect_code 4 utilab-collect -w "$WS" -q q.csv -o r.md old.csv 2>err &&
	test_grep "printed from version abcdef of deck .frictions.; the workshop prints version [0-9a-f]{6}" err &&
	test_grep "^old.csv:2," q.csv
'

test_expect_success 'the same card in two photos is one row; other marks are flagged' '
	cd "$PHOTOS" &&
	utilab-scan -w "$WS" -o twice.csv p1.jpg p1.jpg 2>err &&
	test $(grep -c "^friction,FRI-00[1-4]," twice.csv) -eq 4 &&
	test_grep "4 cards read from 2 images" err &&
	"$GEN" -w "$WS" -s 99 -n 4 -f 1 -W 3200 -H 2400 -o again.jpg -t again.truth &&
	utilab-scan -w "$WS" -o both.csv p1.jpg again.jpg 2>err &&
	test $(grep -c "^friction,FRI-00[1-4]," both.csv) -eq 4 &&
	# a card whose two readings differ has no value, and says why
	paste -d" " p1.truth again.truth | awk "\$3 != \$7 { print \$1 }" | sort -u >differ &&
	test -s differ &&
	for s in $(cat differ); do
		grep "^friction,$s," both.csv >row &&
		test_grep "revue dans « again.jpg » avec d.autres marques" row || exit 1
	done
'

test_expect_success 'a scan with no card, an unreadable and a truncated image: clear errors, the rest kept' '
	cd "$PHOTOS" &&
	utilab-cards -d frictions -T png -r 100 -o pages "$WS" 2>/dev/null &&
	cp pages/frictions-FRI-001-back.png nocard.png &&
	echo "not an image" >text.jpg &&
	head -c 200000 p1.jpg >cut.jpg &&
	test_expect_code 65 utilab-scan -w "$WS" -o bad.csv nocard.png text.jpg \
		cut.jpg p2.jpg 2>err &&
	cat err &&
	test_grep "^nocard.png: error: no card found" err &&
	test_grep "^text.jpg: error: cannot read the image" err &&
	test_grep "^cut.jpg: error: cannot read the image" err &&
	test $(grep -c "^friction," bad.csv) -eq 6 &&
	test_expect_code 66 utilab-scan -w "$WS" -o none.csv missing.jpg 2>err &&
	test_grep "missing.jpg: error: cannot read" err
'

test_expect_success 'without -d no crop is made; with it, the same crops run after run' '
	cd "$PHOTOS" &&
	utilab-scan -w "$WS" -o nod.csv p1.jpg 2>err &&
	test $(grep -c "^friction," nod.csv) -eq 4 &&
	! grep -q "[.]png" nod.csv &&
	utilab-scan -w "$WS" -d again -o again.csv p1.jpg 2>err &&
	test $(ls again | grep -c "^FRI-[0-9]*[.]png$") -eq 4 &&
	for f in again/*.png; do cmp "$f" "crops/${f#again/}" || exit 1; done
'

test_expect_success 'a crop that would overwrite an input is refused, the input kept, the rest written' '
	cd "$PHOTOS" &&
	utilab-cards -d frictions -T png -r 150 -o clashpages "$WS" 2>/dev/null &&
	mkdir -p clash &&
	cp clashpages/frictions-FRI-002-front.png clash/FRI-002.png &&
	cp clash/FRI-002.png orig.png &&
	test_expect_code 73 utilab-scan -w "$WS" -d clash -o clash.csv clash/FRI-002.png 2>err &&
	test_grep "refusing to overwrite the input .clash/FRI-002.png" err &&
	cmp orig.png clash/FRI-002.png &&
	test_path_is_file clash/FRI-002-texte.png &&
	test_grep "^friction,FRI-002," clash.csv &&
	! grep -q "clash/FRI-002[.]png" clash.csv
'

test_expect_success 'a card of another workshop is named and skipped' '
	cd "$PHOTOS" &&
	sed "s/^id: sequences-de-vie/id: autre-atelier/" "$WS" >other.yaml &&
	utilab-cards -d frictions -T png -r 150 -o other other.yaml 2>/dev/null &&
	test_expect_code 65 utilab-scan -w "$WS" -o o.csv \
		other/frictions-FRI-003-front.png 2>err &&
	test_grep "a card of workshop .autre-atelier., not .sequences-de-vie." err &&
	test_grep "FRI-003" err &&
	# no card read at all: no results file, not a header alone
	test_path_is_missing o.csv
'

test_expect_success 'when every image fails, no results are written and an older file is kept' '
	cd "$PHOTOS" &&
	echo "not an image" >only.jpg &&
	test_expect_code 65 utilab-scan -w "$WS" -o only.csv only.jpg 2>err &&
	test_grep "^only.jpg: error: cannot read the image" err &&
	test_grep "no card read: no results written" err &&
	test_path_is_missing only.csv &&
	echo "type,serial" >kept.csv &&
	cp kept.csv kept.before &&
	test_expect_code 65 utilab-scan -w "$WS" -o kept.csv only.jpg nocard.png 2>err &&
	test_grep "^nocard.png: error: no card found" err &&
	test_cmp kept.before kept.csv &&
	test_expect_code 65 utilab-scan -w "$WS" only.jpg >out 2>err &&
	! test -s out &&
	! ls | grep -q "\.tmp" &&
	test_expect_code 66 utilab-scan -w "$WS" -o none.csv missing.jpg 2>err &&
	test_path_is_missing none.csv
'

test_expect_success 'when some images fail, the good ones are written and each failure named' '
	cd "$PHOTOS" &&
	test_expect_code 65 utilab-scan -w "$WS" -o some.csv only.jpg p1.jpg nocard.png 2>err &&
	test_grep "^only.jpg: error: cannot read the image" err &&
	test_grep "^nocard.png: error: no card found" err &&
	test_grep "4 cards read from 3 images" err &&
	test $(grep -c "^friction,FRI-00[1-4]," some.csv) -eq 4
'

test_expect_success 'a card from another version of the deck is said so' '
	cd "$PHOTOS" &&
	sed -e "s|{workshop}/s/{serial}\"|{workshop}/s/{serial}?v={version}\"|" \
		"$WS" >v1.yaml &&
	sed -e "s/label: \"Qui est concerné ?\"/label: \"Qui est touché ?\"/" \
		v1.yaml >v2.yaml &&
	! cmp -s v1.yaml v2.yaml &&
	utilab-cards -d frictions -T png -r 150 -o v1 v1.yaml 2>/dev/null &&
	utilab-scan -w v2.yaml -o v.csv v1/frictions-FRI-002-front.png 2>err &&
	test_grep "card FRI-002 was printed from version [0-9a-f]{6} of deck .frictions." err &&
	test_grep "imprimée d.après la version [0-9a-f]{6} du paquet « frictions », pas [0-9a-f]{6}" v.csv &&
	utilab-scan -w v1.yaml -o same.csv v1/frictions-FRI-002-front.png 2>err &&
	! grep -q "imprimée d.après" same.csv
'

test_expect_success 'usage errors' '
	test_expect_code 64 utilab-scan x.jpg 2>err &&
	test_grep "no workshop given" err &&
	test_expect_code 64 utilab-scan -w "$WS" 2>err &&
	test_grep "no image given" err &&
	utilab-scan --help >out &&
	test_grep "^usage: utilab-scan -w" out &&
	utilab-scan --version >out &&
	test_grep "^utilab-scan [0-9]" out
'

test_done
