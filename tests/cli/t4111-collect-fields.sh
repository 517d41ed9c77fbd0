#!/bin/sh
# SPDX-License-Identifier: ISC
# The fields of write-in records against the workshop's deck: a field the
# deck does not have, a scale value out of its range or not a number,
# each quarantined with its reason (never dropped), the good one kept;
# the reasons in French too, whole (no English left inside).
. "$(dirname "$0")/../lib.sh"

cat >"$SCRATCH_BASE/r.yaml" <<'YAML'
utilab-results: 1
workshop: mini
session: 2023-05-12
table: T1
items:
  - type: friction
    serial: FRI-003
    text: "Un champ que le jeu n'a pas"
    fields: {inconnu: 3}
  - type: friction
    serial: FRI-004
    text: "Une gravité hors échelle"
    fields: {gravite: 7}
  - type: friction
    serial: FRI-005
    text: "Une gravité en mots"
    fields: {gravite: forte}
  - type: friction
    serial: FRI-006
    text: "Une gravité au bout de l'échelle"
    fields: {gravite: 5}
YAML

test_expect_success 'unknown field, out of scale, not a number: quarantined (3)' '
	test_expect_code 3 utilab-collect -w "$GOLDEN/mini.yaml" -q q.csv -o r.md \
		"$SCRATCH_BASE/r.yaml" 2>err &&
	sed "s|^$SCRATCH_BASE/||" err >got &&
	cat >want <<-\EOT &&
	r.yaml:6: warning: quarantined: unknown field '\''inconnu'\'' on deck '\''frictions'\''
	r.yaml:10: warning: quarantined: field '\''gravite'\'' is '\''7'\'', not a number from 1 to 5
	r.yaml:14: warning: quarantined: field '\''gravite'\'' is '\''forte'\'', not a number from 1 to 5
	utilab-collect: 4 in = 1 kept + 0 duplicates + 3 quarantined
	EOT
	test_cmp want got &&
	test "$(wc -l <q.csv)" = 4 &&
	# the quarantine is CSV with CRLF line ends (RFC 4180)
	tr -d "\r" <q.csv | grep -q ",FRI-004,.*,7,$" &&
	grep -q "FRI-006" r.md && ! grep -q "FRI-00[345]" r.md
'

test_expect_success 'without the workshop, no deck to check against: all kept' '
	utilab-collect -q q.csv -o r.md "$SCRATCH_BASE/r.yaml" 2>err &&
	test_grep "^utilab-collect: 4 in = 4 kept \+ 0 duplicates \+ 0 quarantined$" err
'

test_expect_success 'the reasons in French, whole' '
	LANGUAGE=fr test_expect_code 3 utilab-collect -w "$GOLDEN/mini.yaml" -q q.csv \
		-o r.md "$SCRATCH_BASE/r.yaml" 2>err &&
	nb=$(printf "\302\240") &&
	test_grep ":6: avertissement${nb}: mis en quarantaine${nb}: champ inconnu «${nb}inconnu${nb}» sur le jeu «${nb}frictions${nb}»$" err &&
	! grep -q " on deck " err
'

test_done
