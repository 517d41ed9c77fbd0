#!/bin/sh
# SPDX-License-Identifier: ISC
# utilab-cards on a generated deck (issue 3): N poker cards, each with a
# ~60-word French paragraph (some must shrink), a pictogram and a QR code
# of a distinct URL, plus N backs. Targets: 1000 cards in <= 1.7 s (2x
# faster than the 3.4 s plain prototype), RSS flat (<= 64 MB at 10,000
# cards), <= 3 KB of PDF per extra card.
set -eu
. "$TOP/tools/bench.d/lib.sh.inc"

# gen N [COPIES]: a workshop of N cards (each printed COPIES times) on
# standard output. 10,000 distinct cards would pass the loader's 1 MB
# limit on definitions: that run is 1000 cards with 10 copies each.
gen() {
	awk -v n="$1" -v copies="${2:-1}" 'BEGIN {
		split("courses enfants ecole logement ascenseur dechets sante transport emploi argent demarches numerique telephone voisinage alimentation energie idee vote question main", ic, " ")
		print "utilab: 1\nid: bench\ntitle: \"Banc d'"'"'essai\"\nkind: autre\nlang: fr"
		print "qr:\n  url: \"https://utilab.example/{workshop}/{deck}/{card}\""
		print "decks:\n  - id: seq\n    title: \"Séquences\"\n    kind: prompt\n    size: poker\n    qr: true"
		print "    back: {title: \"Séquences de vie\", text: \"Tirez une carte\", icon: main}"
		print "    cards:"
		for (i = 1; i <= n; i++) {
			printf "      - id: carte-%05d\n", i
			printf "        title: \"Séquence %d\"\n", i
			printf "        icon: %s\n", ic[(i % 20) + 1]
			if (copies > 1)
				printf "        copies: %d\n", copies
			t = "Racontez la dernière fois que vous avez fait les courses pour toute la famille : où étiez-vous, avec qui, combien de temps cela a pris ? Qu'"'"'est-ce qui a été facile, qu'"'"'est-ce qui a coincé, et qu'"'"'auriez-vous aimé changer ce jour-là, à l'"'"'aller comme au retour"
			if (i % 3 == 0) t = t ", avec les sacs et la poussette dans l'"'"'ascenseur en panne"
			printf "        text: \"%s ?\"\n", t
		}
	}'
}

for n in 100 1000; do
	f=$BENCH_OUT/cards-$n.yaml
	[ -s "$f" ] || gen "$n" >"$f"
done
f=$BENCH_OUT/cards-10000.yaml
grep -q copies "$f" 2>/dev/null || gen 1000 10 >"$f"

bench_run "cards: 1000 poker cards + backs" 3 \
	utilab-cards -d seq -o "$BENCH_OUT/cards-1000.pdf" "$BENCH_OUT/cards-1000.yaml"
bench_run "cards: 10000 poker cards + backs" 1 \
	utilab-cards -d seq -o "$BENCH_OUT/cards-10000.pdf" "$BENCH_OUT/cards-10000.yaml"
# CPU time too: on a shared machine wall time mostly measures the others.
/usr/bin/time -f "cards: 1000 cards: %U s user CPU, %S s system" \
	utilab-cards -d seq -o "$BENCH_OUT/cards-1000.pdf" "$BENCH_OUT/cards-1000.yaml" 2>&1 >/dev/null |
	tail -n 1
echo "cards: load average: $(cut -d" " -f1-3 /proc/loadavg) on $(nproc) CPUs"
utilab-cards -d seq -o "$BENCH_OUT/cards-100.pdf" "$BENCH_OUT/cards-100.yaml" 2>/dev/null
s100=$(wc -c <"$BENCH_OUT/cards-100.pdf")
s1000=$(wc -c <"$BENCH_OUT/cards-1000.pdf")
echo "cards: PDF $s1000 bytes for 1000 cards; $(( (s1000 - s100) / 900 )) bytes per extra card (front + back)"
echo "cards: targets: 1000 cards <= 1.7 s, RSS <= 64 MB at 10000, <= 3072 bytes per extra card"
