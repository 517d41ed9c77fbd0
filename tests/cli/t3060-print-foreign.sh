#!/bin/sh
# SPDX-License-Identifier: ISC
# utilab-print on genuine PDFs from other projects (tests/pdfs/README):
# every mode gives a valid PDF, fonts come through untouched, every page
# placed at 100 % renders as the original does, boxes and rotation are
# read, forms print their values, encryption is honoured.
. "$(dirname "$0")/../lib.sh"

PDFS=$TOP/tests/pdfs
PIXDIFF=$TOP/tests/bin/pixdiff

# fonts PDF: name, type and encoding of every font (sorted, unique).
fonts() {
	pdffonts "$1" | awk 'NR > 2 { print $1, $2, $3, $4 }' | sort -u
}

# page_mm PDF N: "W H" of page N as it shows (rotation applied), in mm.
page_mm() {
	pdfinfo -f "$2" -l "$2" "$1" | awk -v n="$2" '
		$1 == "Page" && $2 == n && $3 == "size:" { w = $4; h = $6 }
		$1 == "Page" && $2 == n && $3 == "rot:" { r = $4 }
		END { if (r == 90 || r == 270) { t = w; w = h; h = t }
		      printf "%.6f %.6f\n", w * 25.4 / 72, h * 25.4 / 72 }'
}

# same_page PDF N: page N alone, placed at 100 % on a sheet of its own
# size, renders as the original page at the same scale.
same_page() {
	set -- "$1" "$2" $(page_mm "$1" "$2")
	qpdf --warning-exit-0 "$1" --pages "$1" "$2" -- one.pdf &&
	utilab-print -f -M --margin 0 -s "$3x$4mm" -o placed.pdf one.pdf &&
	qpdf --check placed.pdf >/dev/null &&
	pdftoppm -r 60 -gray -f "$2" -l "$2" "$1" >want.pgm &&
	pdftoppm -r 60 -gray placed.pdf >got.pgm &&
	"$PIXDIFF" want.pgm got.pgm >diff.txt || {
		echo "$1 page $2: $(cat diff.txt)"
		return 1
	}
}

for f in pdfjs-tracemonkey pdfjs-form_two_pages pdfjs-rotation qpdf-boxes \
	qpdf-rotated qpdf-encrypted-with-images qpdf-need-appearances \
	qpdf-inherited-rotate debian-handbook-buster-toc; do
	test_expect_success "$f: every mode passes qpdf --check, fonts kept" '
		for mode in "" "-t" "-B" "-s a3" "-s a5" "-M"; do
			utilab-print -f $mode -o out.pdf "$PDFS/'"$f"'.pdf" 2>err &&
			qpdf --check out.pdf >/dev/null || {
				echo "mode [$mode] fails"; cat err; exit 1; }
			# The input as it prints: its forms flattened by qpdf
			# (which may repair it, with warnings: still exit 0).
			qpdf --warning-exit-0 --generate-appearances \
				--flatten-annotations=print \
				"$PDFS/'"$f"'.pdf" flat.pdf &&
			fonts flat.pdf >in.fonts &&
			fonts out.pdf >out.fonts &&
			# Our marks add the bundled font; nothing else may change.
			grep -v -e "^\\[none\\]" -e "^name " in.fonts >want.fonts
			grep -v -e "^\\[none\\]" -e "^name " out.fonts |
			grep -v "^[A-Z]*+AtkinsonHyperlegible\\|^[A-Z]*+NotoSans" >got.fonts
			test_cmp want.fonts got.fonts || {
				echo "mode [$mode]: fonts differ"; exit 1; }
		done
	'
done

test_expect_success 'each page placed at 100 % renders as the original (pixels)' '
	for p in 1 2 5 14; do same_page "$PDFS/pdfjs-tracemonkey.pdf" $p || exit 1; done &&
	# 0, 180, 270 and 90 degrees, then inherited rotation
	for p in 1 2 3 4; do same_page "$PDFS/qpdf-rotated.pdf" $p || exit 1; done &&
	same_page "$PDFS/qpdf-inherited-rotate.pdf" 1 &&
	same_page "$PDFS/pdfjs-rotation.pdf" 2 &&
	same_page "$PDFS/qpdf-encrypted-with-images.pdf" 1 &&
	same_page "$PDFS/pdfjs-form_two_pages.pdf" 1 &&
	for p in 1 7 14; do same_page "$PDFS/debian-handbook-buster-toc.pdf" $p || exit 1; done
'

test_expect_success 'A4 written as 595 x 842 pt is printed at 100 % on A4' '
	utilab-print -f -o out.pdf "$PDFS/debian-handbook-buster-toc.pdf" 2>err &&
	test ! -s err &&
	test "$(pdfinfo out.pdf | awk "/^Pages:/ { print \$2 }")" = 14 &&
	! pdftotext -f 1 -l 1 out.pdf - | grep -q "réduit"
'

test_expect_success 'the comparator sees a wrong page' '
	qpdf "$PDFS/pdfjs-tracemonkey.pdf" --pages . 2 -- two.pdf &&
	utilab-print -f -M --margin 0 -s 215.900x279.400mm -o placed.pdf two.pdf &&
	pdftoppm -r 60 -gray -f 3 -l 3 "$PDFS/pdfjs-tracemonkey.pdf" >want.pgm &&
	pdftoppm -r 60 -gray placed.pdf >got.pgm &&
	test_expect_code 1 "$PIXDIFF" want.pgm got.pgm
'

test_expect_success 'TrimBox and BleedBox: a foreign bleed without -b' '
	# qpdf boxes.pdf: crop 10 20 582 752, bleed 20 40 552 712, trim
	# 30 60 522 672: 10 pt of bleed on every side fits in both.
	qpdf "$PDFS/qpdf-boxes.pdf" --pages . 1 -- one.pdf &&
	utilab-print -f -M --margin 0 -s 180.622x222.956mm -o placed.pdf one.pdf &&
	# The region placed is the trim and 10 pt around it.
	test "$(pdfinfo placed.pdf | awk "/^Page size:/ { printf \"%.0f %.0f\", \$3, \$5 }")" = "512 632" &&
	pdftotext placed.pdf - | grep -q "orange at trim" &&
	# On A4, the trim (492 x 612 pt) is printed 1-up with 3.5 mm of the
	# bleed kept, its crop marks 10 pt outside the trim at most.
	utilab-print -f -o a4.pdf "$PDFS/qpdf-boxes.pdf" &&
	test "$(pdfinfo a4.pdf | awk "/^Pages:/ { print \$2 }")" = 8 &&
	pdftotext -f 1 -l 1 a4.pdf - | grep -q "174×216 mm"
'

test_expect_success 'form fields print with their values, annotations flattened' '
	utilab-print -f -o out.pdf "$PDFS/qpdf-need-appearances.pdf" 2>err &&
	pdftotext out.pdf - >text &&
	test_grep "abc" text &&
	test_grep "elephant" text &&
	test "$(pdfinfo out.pdf | awk "/^Form:/ { print \$2 }")" = none
'

test_expect_success 'letter on A4: reduced, said on stderr and in the band, never tiled' '
	utilab-print -f -o out.pdf "$PDFS/pdfjs-tracemonkey.pdf" 2>err &&
	test "$(pdfinfo out.pdf | awk "/^Pages:/ { print \$2 }")" = 14 &&
	test_grep "14 pages larger than the sheet reduced to 97 % to fit" err &&
	pdftotext -f 1 -l 1 out.pdf - | tr "\\n" " " | grep -q "réduit à 97.%" &&
	utilab-print -f --lang en -o out.pdf "$PDFS/pdfjs-tracemonkey.pdf" 2>err &&
	pdftotext -f 1 -l 1 out.pdf - | grep -q "reduced to 97%" &&
	# A4 on letter: 94 %.
	utilab-print -f -s letter -o a4.pdf out.pdf 2>err &&
	test_grep "reduced to 94 %" err &&
	# -t still tiles at 100 %.
	utilab-print -f -t -o tiles.pdf "$PDFS/pdfjs-tracemonkey.pdf" 2>err &&
	test "$(pdfinfo tiles.pdf | awk "/^Pages:/ { print \$2 }")" -gt 14 &&
	test ! -s err
'

test_expect_success 'encrypted: the empty password opens, any other is refused (65)' '
	utilab-print -f -o out.pdf "$PDFS/qpdf-encrypted-with-images.pdf" 2>err &&
	test_expect_code 65 utilab-print -f -o no.pdf "$PDFS/qpdf-encrypted-40-bit-R3.pdf" 2>err &&
	test_grep "encrypted PDF .a password is needed" err &&
	test_path_is_missing no.pdf
'

test_expect_success 'the output is no larger than the input plus the marks' '
	utilab-print -f -B -o out.pdf "$PDFS/pdfjs-tracemonkey.pdf" &&
	test $(wc -c <out.pdf) -le $(wc -c <"$PDFS/pdfjs-tracemonkey.pdf")
'

test_done
