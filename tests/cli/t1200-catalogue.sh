#!/bin/sh
# SPDX-License-Identifier: ISC
# The Utilab catalogue (workshops/): the four workshops are there, each
# scaffolds with utilab-new and validates with no error and no warning,
# and each passes utilab-cards -n. Parts that need a command not built
# yet are skipped, so the catalogue can land before the commands.

. "$(dirname "$0")/../lib.sh"

# The catalogue's workshops: every YAML file but the guide definition
# (workshops/guide.yaml, utilab-guide(5)), which builds the book from them.
workshops() {
	for f in "$TOP"/workshops/*.yaml; do
		grep -q "^utilab-guide:" "$f" || echo "$f"
	done
}

CATALOGUE="sequences-de-vie:besoins terrain:terrain ideation:ideation service:service"

test_expect_success 'the catalogue has the four Utilab workshops, each of its kind' '
	for entry in $CATALOGUE; do
		name=${entry%%:*} kind=${entry#*:} &&
		test_path_is_file "$TOP/workshops/$name.yaml" &&
		test_grep "^kind: $kind( |\$)" "$TOP/workshops/$name.yaml" &&
		test_grep "^id: $name( |\$)" "$TOP/workshops/$name.yaml" || exit 1
	done
'

test_expect_success 'every workshop has a summary, a duration and phases' '
	for f in $(workshops); do
		test_grep "^summary: \"[^\"]+\"" "$f" &&
		test_grep "^duration: [0-9]+" "$f" &&
		test_grep "^phases:" "$f" &&
		test_grep "^decks:" "$f" &&
		test_grep "^posters:" "$f" || exit 1
	done
'

# Cards of prompt and persona decks are the lines "      - id:" inside a
# deck whose "    kind:" is prompt or persona (the catalogue's layout).
count_cards() {
	awk '
		/^[a-z]/ { indecks = ($1 == "decks:") }
		indecks && /^  - id:/ { kind = "" }
		indecks && /^    kind:/ { kind = $2 }
		indecks && /^      - id:/ && (kind == "prompt" || kind == "persona") { n++ }
		END { print n + 0 }' "$@"
}

test_expect_success 'the catalogue holds at least 60 prompt and persona cards' '
	n=$(count_cards $(workshops)) &&
	echo "cards: $n" &&
	test "$n" -ge 60 &&
	for f in $(workshops); do
		test "$(count_cards "$f")" -ge 12 || exit 1
	done
'

test_expect_success 'every pictogram the catalogue names is a built-in one' '
	grep -hv "^[[:space:]]*#" $(workshops) |
		sed -n "s/.*icon: \([a-z][a-z0-9-]*\).*/\1/p" |
		sort -u >icons &&
	test -s icons &&
	while read -r icon; do
		test_path_is_file "$TOP/share/utilab/icons/$icon.svg" || exit 1
	done <icons
'

if [ -x "$TOP/bin/utilab-new" ]; then
	for entry in $CATALOGUE; do
		name=${entry%%:*}
		test_expect_success "utilab-new scaffolds '$name' cleanly" "
			utilab-new -o ws.yaml $name 2>err &&
			test_cmp /dev/null err &&
			test_grep '^id: $name' ws.yaml &&
			test_grep '^# ' ws.yaml
		"
		test_expect_success "utilab-new gives '$name' a new id and keeps its comments" "
			utilab-new $name mon-atelier-2026 2>err &&
			test_cmp /dev/null err &&
			test_path_is_file mon-atelier-2026.yaml &&
			test_grep '^id: mon-atelier-2026' mon-atelier-2026.yaml &&
			test_grep 'FALC' mon-atelier-2026.yaml
		"
	done
	test_expect_success 'utilab-new -l lists every catalogue workshop with its kind' '
		utilab-new -l >list 2>err &&
		test_cmp /dev/null err &&
		for entry in $CATALOGUE; do
			test_grep "^${entry%%:*}[[:space:]].*${entry#*:}" list || exit 1
		done
	'
else
	test_skip 'utilab-new scaffolds the catalogue' 'bin/utilab-new not built yet'
fi

# utilab-cards -n: check only. Guarded on its help naming the option, so
# the test does not break while the command is being written.
if [ -x "$TOP/bin/utilab-cards" ] &&
	"$TOP/bin/utilab-cards" --help 2>&1 | grep -q -e '-n\b' -e '--check'; then
	for entry in $CATALOGUE; do
		name=${entry%%:*}
		test_expect_success "utilab-cards -n accepts '$name' with no warning" "
			utilab-cards -n \"\$TOP/workshops/$name.yaml\" >out 2>err &&
			test_cmp /dev/null err &&
			test_cmp /dev/null out
		"
	done
	# One real render of the flagship's main decks: 18 life sequences and
	# 6 personas, front and back, one set per table at 4 tables (192
	# pages), with the text a participant reads.
	test_expect_success 'the flagship decks render, in French typography' '
		utilab-cards -d sequences -d personas -o kit.pdf \
			"$TOP/workshops/sequences-de-vie.yaml" 2>err &&
		test_cmp /dev/null err &&
		pdfinfo kit.pdf >info &&
		test_grep "^Pages: +192$" info &&
		pdftotext kit.pdf kit.txt &&
		test_grep "Qu’est-ce qui coince" kit.txt &&
		test_grep "L’ascenseur en" kit.txt &&
		test_grep "Nadia, 42 ans" kit.txt &&
		if test_have qpdf; then qpdf --check kit.pdf >/dev/null; fi
	'
else
	test_skip 'utilab-cards -n accepts the catalogue' 'utilab-cards -n not built yet'
fi

test_done
