#!/bin/sh
# SPDX-License-Identifier: ISC
# utilab-new at its edges: a template whose values are single-quoted
# (with '' inside and a # that is no comment) is edited in place, its
# comments and alignment kept; malformed -s, -l with anything else, and
# a near-miss template name are usage errors (64), the last with a
# suggestion and the list.
. "$(dirname "$0")/../lib.sh"

mkdir -p "$SCRATCH_BASE/cat"
cat >"$SCRATCH_BASE/cat/quoted.yaml" <<'YAML'
# Un modèle aux valeurs entre apostrophes
utilab: 1
id: quoted
title: 'L''atelier # pas un commentaire'   # un vrai commentaire
question: "Où ?"
decks:
  - id: d
    title: "Deck"
    cards:
      - id: c
        title: "Carte"
        text: "Texte"
YAML
UTILAB_CATALOGUE=$SCRATCH_BASE/cat
export UTILAB_CATALOGUE

test_expect_success 'a single-quoted value is replaced whole, its comment kept' '
	utilab-new -s title="Nouveau titre" -s question="Pourquoi ?" -o out.yaml quoted neuf &&
	sed -n 3,5p out.yaml >got &&
	cat >want <<-\EOT &&
	id: neuf
	title: "Nouveau titre"                     # un vrai commentaire
	question: "Pourquoi ?"
	EOT
	test_cmp want got &&
	utilab-cards -n out.yaml
'

test_expect_success 'the template as it is: the quoted value read with its quote and #' '
	utilab-new -o same.yaml quoted &&
	utilab-cards -n same.yaml &&
	grep -q "^title: '\''L'\'''\''atelier # pas un commentaire'\''   # un vrai commentaire$" same.yaml
'

test_expect_success '-s without KEY=VALUE: 64, the option named' '
	test_expect_code 64 utilab-new -s =x -o o.yaml quoted 2>err &&
	test_grep "^utilab-new: -s takes KEY=VALUE, not .=x.$" err &&
	test_expect_code 64 utilab-new -s title -o o.yaml quoted 2>err &&
	test_grep "^utilab-new: -s takes KEY=VALUE, not .title.$" err &&
	test_path_is_missing o.yaml
'

test_expect_success '-l with an operand or another option: 64' '
	test_expect_code 64 utilab-new -l extra 2>err &&
	test_grep "^utilab-new: -l takes no other option or operand$" err &&
	test_expect_code 64 utilab-new -l -f 2>err &&
	test_grep "^utilab-new: -l takes no other option or operand$" err &&
	utilab-new -l >list &&
	test_grep "^quoted" list
'

test_expect_success 'a near-miss template: the suggestion, and the list' '
	test_expect_code 64 utilab-new -o o.yaml quot 2>err &&
	test_grep "^utilab-new: error: unknown template .quot. \(did you mean .quoted.\?\)$" err &&
	test_grep "^utilab-new: note: known templates: quoted$" err &&
	test_path_is_missing o.yaml
'

test_done
