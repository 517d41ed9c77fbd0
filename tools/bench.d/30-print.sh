#!/bin/sh
# SPDX-License-Identifier: ISC
# utilab-print throughput: imposing the 1000-card deck (fronts and backs)
# must cost no more than rendering it did, and beat pdfjam --nup on the
# same input. Since pages are placed by reference (libqpdf), the target is
# 2x faster than the poppler+cairo imposer it replaced (2.07 s median, 28.7
# MB, load 1.6-2.6, measured on main before the change): give that build
# as UTILAB_PRINT_BEFORE=path/to/old/utilab-print to run it side by side
# (build it from c2b8c32, the commit before libqpdf, in a scratch worktree).
# The output is written sheet by sheet and qpdf forgets each input object
# once written, so peak RSS grows little with the deck.
# pdfjam (texlive-extra-utils, large) is installed here when missing, never
# by make check.
set -eu
. "$TOP/tools/bench.d/lib.sh.inc"
out=$BENCH_OUT/print
mkdir -p "$out"

# deck N FILE: a workshop with one prompt deck of N poker cards, each with
# a paragraph, questions and a QR code (as the cards bench).
deck() {
	{
		printf 'utilab: 1\nid: bench-print\ntitle: "Banc d'"'"'impression"\nlang: fr\n'
		printf 'qr:\n  url: "https://example.org/u/{workshop}/{deck}/{card}"\n'
		printf 'decks:\n  - id: sequences\n    title: "Séquences de vie"\n'
		printf '    kind: prompt\n    size: poker\n    qr: true\n'
		printf '    back: {title: "Séquences de vie", text: "Tirez une carte"}\n'
		printf '    cards:\n'
		i=1
		while [ "$i" -le "$1" ]; do
			printf '      - id: c%04d\n        title: "Carte %d"\n' "$i" "$i"
			printf '        text: "Racontez la dernière fois que vous avez fait cela et ce qui a coincé."\n'
			printf '        questions: ["Où ?", "Avec qui ?"]\n'
			i=$((i + 1))
		done
	} >"$2"
}

if ! command -v utilab-cards >/dev/null 2>&1; then
	echo "30-print: no utilab-cards, skipped"
	exit 0
fi
for n in 250 1000 4000; do
	[ -s "$out/deck$n-v2.pdf" ] && continue
	deck $n "$out/deck$n-v2.yaml"
	utilab-cards -o "$out/deck$n-v2.pdf" "$out/deck$n-v2.yaml" 2>/dev/null
done
echo "input: $(pdfinfo "$out/deck1000-v2.pdf" | awk '/^Pages:/ { print $2 }') pages, $(wc -c <"$out/deck1000-v2.pdf") bytes"

bench_run "utilab-cards render 1000 cards" 3 \
	utilab-cards -o - "$out/deck1000-v2.yaml"
bench_run "utilab-print impose 1000 cards (fronts+backs)" 3 \
	utilab-print -o - "$out/deck1000-v2.pdf"
bench_run "utilab-print impose 250 cards" 3 \
	utilab-print -o - "$out/deck250-v2.pdf"
# Memory that hardly grows: 4000 cards against 250 and 1000.
bench_run "utilab-print impose 4000 cards" 1 \
	utilab-print -o - "$out/deck4000-v2.pdf"
if [ -n "${UTILAB_PRINT_BEFORE:-}" ]; then
	bench_run "before: $UTILAB_PRINT_BEFORE impose 1000 cards" 3 \
		"$UTILAB_PRINT_BEFORE" -o - "$out/deck1000-v2.pdf"
fi
utilab-print -o - "$out/deck1000-v2.pdf" >"$out/imposed.pdf"
utilab-print -M -o - "$out/deck1000-v2.pdf" >"$out/imposed-M.pdf"
echo "output: $(wc -c <"$out/imposed.pdf") bytes ($(wc -c <"$out/imposed-M.pdf") without marks), input $(wc -c <"$out/deck1000-v2.pdf")"

if ! command -v pdfjam >/dev/null 2>&1; then
	echo "30-print: installing texlive-extra-utils for pdfjam (once)" >&2
	if [ "$(id -u)" -eq 0 ]; then sudo=; else sudo=sudo; fi
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
		--no-install-recommends texlive-extra-utils \
		texlive-latex-recommended >&2 || :
fi
if command -v pdfjam >/dev/null 2>&1; then
	bench_run "pdfjam --nup 3x3 1000 cards" 1 \
		pdfjam --quiet --nup 3x3 --paper a4paper \
		--outfile "$out/jam.pdf" "$out/deck1000-v2.pdf"
else
	echo "pdfjam: not available, comparison skipped"
fi
