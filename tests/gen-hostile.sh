# SPDX-License-Identifier: ISC
# Sourced by tests/cli/t1001-yaml-hostile.sh and tools/bench.d/10-loader.sh:
# writers of hostile YAML files. Each writes to standard output.

# Billion laughs: 9 levels of 9 aliases each, 10^9 "lol" once expanded.
gen_laughs() {
	printf 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
	prev=a
	for n in b c d e f g h i; do
		printf '%s: &%s [*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s]\n' \
			"$n" "$n" "$prev" "$prev" "$prev" "$prev" "$prev" "$prev" \
			"$prev" "$prev" "$prev"
		prev=$n
	done
}

# gen_nested N: N nested flow lists, never closed.
gen_nested() {
	head -c "$1" /dev/zero | tr '\0' '['
	echo
}

# gen_anchors N: a list of N anchored items.
gen_anchors() {
	awk -v n="$1" 'BEGIN { for (i = 1; i <= n; i++) printf "- &ancre%d x\n", i }'
}

# gen_scalar MB: one plain text of MB mebibytes.
gen_scalar() {
	printf 'texte: '
	head -c "$(($1 * 1048576))" /dev/zero | tr '\0' 'x'
	echo
}

# gen_definition FILE BYTES: a valid workshop definition of about BYTES
# (the catalogue's ideation workshop with generated prompt decks added).
gen_definition() {
	awk -v target="$2" '
	function deck(d,   c, s) {
		s = sprintf("  - id: gen-%04d\n    title: \"Cartes générées n° %d\"\n    kind: prompt\n    size: poker\n    cards:\n", d, d)
		for (c = 1; c <= 20; c++)
			s = s sprintf("      - id: carte-%02d\n        title: \"Faire les courses %d\"\n        text: \"Racontez la dernière fois que vous avez fait les courses. Où ? Avec qui ? « Ça coince » quand ?\"\n        questions: [\"Où ?\", \"Avec qui ?\", \"Qu’est-ce qui coince ?\"]\n", c, c)
		return s
	}
	{ line[NR] = $0; size += length($0) + 1 }
	END {
		for (i = 1; i <= NR; i++) {
			print line[i]
			if (line[i] != "decks:")
				continue
			for (d = 1; size + length(deck(d)) < target; d++) {
				printf "%s", deck(d)
				size += length(deck(d))
			}
		}
	}' "$1"
}
