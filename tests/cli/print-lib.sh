# SPDX-License-Identifier: ISC
# Helpers for the utilab-print tests (t3*.sh), sourced after lib.sh.
# gen: the test PDF generator (tests/unit/t-impose.t gen ...).
# words FILE PAGE: every word of a page as "WORD XC YC" (centre, in mm).
# scan_row FILE PAGE Y_MM: the runs of the pixel row at Y_MM of a 254 dpi
#   grey rendering (0.1 mm a pixel), as "CLASS FIRST LAST" in pixels.
GEN=$TOP/tests/unit/t-impose.t

gen() {
	"$GEN" gen "$@"
}

words() {
	pdftotext -f "$2" -l "$2" -bbox "$1" - |
	sed -n 's/.*xMin="\([0-9.]*\)" yMin="\([0-9.]*\)" xMax="\([0-9.]*\)" yMax="\([0-9.]*\)">\([^<]*\)<.*/\5 \1 \2 \3 \4/p' |
	awk '{ printf "%s %.3f %.3f\n", $1, ($2 + $4) / 2 * 25.4 / 72, ($3 + $5) / 2 * 25.4 / 72 }'
}

# word_at WORDSFILE WORD: "XC YC" of WORD.
word_at() {
	awk -v w="$2" '$1 == w { print $2, $3; exit }' "$1"
}

render_pgm() {
	pdftoppm -f "$2" -l "$2" -r 254 -gray "$1" >"$3"
}

scan_row() {
	"$GEN" scan "$1" row "$2"
}

scan_col() {
	"$GEN" scan "$1" col "$2"
}

# near A B TOL: |A - B| <= TOL
near() {
	awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN {
		d = a - b; if (d < 0) d = -d
		if (d > t) { printf "%s and %s differ by %g (more than %s)\n", a, b, d, t > "/dev/stderr"; exit 1 }
	}'
}

# calc EXPR: awk arithmetic (bc is not always there).
calc() {
	awk "BEGIN { printf \"%.4f\n\", $1 }"
}

# int EXPR: rounded down.
int() {
	awk "BEGIN { printf \"%d\n\", $1 }"
}
