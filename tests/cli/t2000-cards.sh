#!/bin/sh
# SPDX-License-Identifier: ISC
# utilab-cards: the command line, the PDF contract with utilab-print
# (labels, keywords, boxes), fonts, text, QR codes decoded back, the
# check (-n) on planted problems, reproducible bytes, and output that is
# all or nothing.

. "$(dirname "$0")/../lib.sh"

IN=$GOLDEN/cards

test_expect_success '--version and --help' '
	utilab-cards --version >out &&
	test_grep "^utilab-cards [0-9]" out &&
	utilab-cards -h >out &&
	test_grep "^usage: utilab-cards" out &&
	test_grep "[-]-resolution" out
'

test_expect_success 'usage errors exit 64' '
	test_expect_code 64 utilab-cards -T gif -o x "$IN/ok.yaml" 2>err &&
	test_grep "unknown format .gif." err &&
	test_expect_code 64 utilab-cards -b 50 -o x.pdf "$IN/ok.yaml" 2>err &&
	test_expect_code 64 utilab-cards 2>err &&
	test_expect_code 64 utilab-cards -T png "$IN/ok.yaml" 2>err &&
	test_grep "give a directory with -o" err &&
	test_expect_code 64 utilab-cards -o x.pdf -d nope "$IN/ok.yaml" 2>err &&
	test_grep "no deck .nope." err &&
	test_path_is_missing x.pdf
'

test_expect_success '--icons lists the built-in pictograms' '
	utilab-cards --icons >out &&
	test $(wc -l <out) -ge 40 &&
	for n in courses enfants ecole logement ascenseur dechets sante transport \
		emploi argent demarches numerique telephone voisinage alimentation \
		energie idee vote question main; do
		grep -qx "$n" out || { echo "missing $n"; exit 1; }
	done
'

test_expect_success 'a deck renders to a clean PDF with embedded fonts' '
	utilab-cards -d sequences -d frictions -o ws.pdf "$IN/ok.yaml" 2>err &&
	qpdf --check ws.pdf >check &&
	! grep -i warning check &&
	pdfinfo ws.pdf >info &&
	test_grep "^Pages: +10$" info &&
	test_grep "^Keywords: +utilab-cards utilab:bleed=3 utilab:lang=fr$" info &&
	test_grep "^Creator: +utilab-cards [0-9]" info &&
	test_grep "^Title: +Atelier d.essai$" info &&
	pdffonts ws.pdf >fonts &&
	test $(sed 1,2d fonts | wc -l) -ge 1 &&
	! sed 1,2d fonts | awk "\$(NF-4) != \"yes\"" | grep . &&
	! sed 1,2d fonts | grep -v AtkinsonHyperlegible
'

test_expect_success 'page labels: the run sheet, then fronts paired with backs' '
	utilab-cards -o ws.pdf "$IN/ok.yaml" 2>err &&
	# One range per page here: the label is /P, plus /St when cairo
	# moved the trailing digits into a decimal numbering (/S /D).
	qpdf --json --json-key=pagelabels ws.pdf | tr -d " \n" |
	sed "s/},{/}\n{/g" |
	sed -n -e "s|.*\"/P\":\"u:\([^\"]*\)\",\"/S\":\"/D\",\"/St\":\([0-9]*\).*|\1\2|p" \
	       -e "s|.*\"/P\":\"u:\([^\"]*\)\",\"/St\":1}.*|\1|p" >raw &&
	echo >>raw && sed -i "/^\$/d" raw &&
	cat >expect <<-\EOT &&
	sheet:run
	front:sequences:courses
	back:sequences:courses
	front:sequences:ecole.1
	back:sequences:ecole.1
	front:sequences:ecole.2
	back:sequences:ecole.2
	front:frictions:FRI-001
	back:frictions:FRI-001
	front:frictions:FRI-002
	back:frictions:FRI-002
	EOT
	test_cmp expect raw
'

test_expect_success 'page = trim + 2 x bleed; TrimBox and BleedBox on every page' '
	utilab-cards -b 5 -d sequences -d frictions -o ws.pdf "$IN/ok.yaml" 2>err &&
	pdfinfo -box -f 1 -l 10 ws.pdf >box &&
	test $(grep -Ec "^Page +[0-9]+ TrimBox: +14.17 +14.17 +192.76 +263.62$" box) -eq 10 &&
	test $(grep -Ec "^Page +[0-9]+ BleedBox: +0.00 +0.00 +206.93 +277.80$" box) -eq 10 &&
	test_grep "utilab:bleed=5" box &&
	qpdf --check ws.pdf >check && ! grep -i warning check
'

test_expect_success 'text is escaped, styled and set in French typography' '
	utilab-cards -d sequences -o ws.pdf "$IN/ok.yaml" 2>err &&
	pdftotext -f 1 -l 1 ws.pdf out.txt &&
	test_grep "dernière fois" out.txt &&
	# the typographic apostrophe (pdftotext turns U+00A0 into a space)
	printf "Qu\342\200\231est-ce qui coince ?\n" >want &&
	grep -F -f want out.txt
'

if ! test_have zbarimg; then
	test_skip 'every QR code decodes to its exact payload at 300 dpi' 'no zbarimg'
else
test_expect_success 'every QR code decodes to its exact payload at 300 dpi' '
	utilab-cards -d sequences -d frictions -o ws.pdf "$IN/ok.yaml" 2>err &&
	pdftoppm -r 300 -o -png ws.pdf pg &&
	for f in pg-*.png; do
		zbarimg -q --raw "$f" 2>/dev/null || echo "NONE $f"
	done >got &&
	cat >expect <<-\EOT &&
	https://utilab.example/essai/sequences/courses
	https://utilab.example/essai/sequences/ecole
	https://utilab.example/essai/sequences/ecole
	https://utilab.example/s/FRI-001
	https://utilab.example/s/FRI-002
	EOT
	test_cmp expect got
'
fi

test_expect_success 'two runs under SOURCE_DATE_EPOCH are byte-identical' '
	utilab-cards -o a.pdf "$IN/ok.yaml" 2>err &&
	utilab-cards -o b.pdf "$IN/ok.yaml" 2>err &&
	cmp a.pdf b.pdf &&
	pdfinfo a.pdf >info &&
	test_grep "CreationDate: +Tue Nov 14 22:13:20 2023 UTC" info
'

test_expect_success 'standard input and standard output' '
	utilab-cards - <"$IN/ok.yaml" >out.pdf 2>err &&
	utilab-cards -o file.pdf "$IN/ok.yaml" 2>err &&
	cmp out.pdf file.pdf
'

if ! test_have script; then
	test_skip 'standard output is refused when it is a terminal' 'no script(1)'
else
test_expect_success 'standard output is refused when it is a terminal' '
	script -qec "utilab-cards \"$IN/ok.yaml\"; echo rc=\$?" /dev/null >log 2>&1 &&
	test_grep "refusing to write a PDF to a terminal" log &&
	test_grep "rc=64" log
'
fi

test_expect_success '-n on planted problems: positioned errors, exit 65' '
	cp "$IN/planted.yaml" . &&
	test_expect_code 65 utilab-cards -n planted.yaml >out 2>err &&
	test_cmp "$GOLDEN/cards/planted.err" err &&
	test_cmp /dev/null out
'

test_expect_success 'errors leave no output file' '
	cp "$IN/planted.yaml" . &&
	test_expect_code 65 utilab-cards -o out.pdf planted.yaml 2>err &&
	test_path_is_missing out.pdf
'

test_expect_success 'unwritable output: 73 and 74, nothing left behind' '
	test_expect_code 73 utilab-cards -o nodir/out.pdf "$IN/ok.yaml" 2>err &&
	test_grep "cannot create .nodir/out.pdf." err &&
	test_path_is_missing nodir &&
	test_expect_code 74 utilab-cards -o /dev/full "$IN/ok.yaml" 2>err &&
	test_grep "cannot write ./dev/full." err &&
	cp "$IN/ok.yaml" in.yaml &&
	test_expect_code 73 utilab-cards -o in.yaml in.yaml 2>err &&
	cmp in.yaml "$IN/ok.yaml"
'

test_expect_success 'PNG and SVG: one file per page, named after the card' '
	utilab-cards -T png -r 72 -d sequences -o png "$IN/ok.yaml" 2>err &&
	ls png >list &&
	cat >expect <<-\EOT &&
	sequences-courses-back.png
	sequences-courses-front.png
	sequences-ecole.1-back.png
	sequences-ecole.1-front.png
	sequences-ecole.2-back.png
	sequences-ecole.2-front.png
	EOT
	test_cmp expect list &&
	# 69 x 94 mm at 72 dpi: 196 x 266 pixels (PNG header, big-endian)
	od -An -tx1 -j16 -N8 png/sequences-courses-front.png | tr -d " " >size &&
	echo 000000c40000010a >want && test_cmp want size &&
	utilab-cards -T svg -d frictions -o svg "$IN/ok.yaml" 2>err &&
	test -s svg/frictions-FRI-001-front.svg &&
	grep -q "<svg" svg/frictions-FRI-002-back.svg
'

if ! test_have mandoc; then
	test_skip 'the man page is clean' 'no mandoc'
else
test_expect_success 'the man page is clean' '
	mandoc -T lint -W warning "$TOP/man/man1/utilab-cards.1"
'
fi

test_done
