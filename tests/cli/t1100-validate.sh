#!/bin/sh
# SPDX-License-Identifier: ISC
# Validation of workshop definitions, driven through utilab-new (which
# validates what it would write) and, once it exists, utilab-cards -n:
# every problem reported in one run, positioned, nothing written.

. "$(dirname "$0")/../lib.sh"

# A scratch catalogue holding the given golden files as templates.
catalogue() {
	mkdir -p cat &&
	for f in "$@"; do cp "$GOLDEN/$f" cat/ || return 1; done &&
	UTILAB_CATALOGUE=$PWD/cat && export UTILAB_CATALOGUE
}

test_expect_success 'a valid definition scaffolds and validates' '
	catalogue mini.yaml &&
	utilab-new mini 2>err &&
	test_cmp "$GOLDEN/mini.yaml" mini.yaml &&
	test_cmp /dev/null err
'

test_expect_success 'a dozen mistakes: every one reported, positioned, in one run' '
	catalogue dozen-mistakes.yaml &&
	test_expect_code 65 utilab-new -o ws.yaml dozen-mistakes 2>actual &&
	test_cmp "$GOLDEN/dozen-mistakes-new.err" actual &&
	test_path_is_missing ws.yaml
'

if test -x "$TOP/bin/utilab-cards"; then
	test_expect_success 'utilab-cards -n: the dozen mistakes byte for byte' '
		(cd "$TOP" && test_expect_code 65 utilab-cards -n \
			tests/golden/dozen-mistakes.yaml) 2>actual &&
		test_cmp "$GOLDEN/dozen-mistakes.err" actual
	'
else
	test_skip 'utilab-cards -n: the dozen mistakes byte for byte' \
		'utilab-cards not built yet'
fi

# check_set KEY=VALUE MESSAGE: -s KEY=VALUE on mini is refused with MESSAGE
# (an extended regular expression), positioned in the output, exit 65.
check_set() {
	catalogue mini.yaml &&
	test_expect_code 65 utilab-new -s "$1" -o ws.yaml mini 2>err &&
	test_grep "^ws\.yaml:[0-9]+:[0-9]+: error: $2" err &&
	test_grep "note: nothing written" err &&
	test_path_is_missing ws.yaml
}

test_expect_success 'a date that does not exist' '
	check_set date=2023-02-30 "'\''date'\'' must be a date written YYYY-MM-DD that exists, not '\''2023-02-30'\''"
'

test_expect_success 'a date in the French order' '
	check_set date=12/05/2023 "'\''date'\'' must be a date"
'

test_expect_success 'a duration in words' '
	check_set duration=dix "'\''duration'\'' must be a whole number, not '\''dix'\''"
'

test_expect_success 'a workshop kind with a typo gets a suggestion' '
	check_set kind=besoin "unknown workshop kind '\''besoin'\'' \(did you mean '\''besoins'\''\?\)"
'

test_expect_success 'a language that is not a tag' '
	check_set lang=français "'\''lang'\'' must be a language tag"
'

test_expect_success 'an empty title' '
	check_set title= "'\''title'\'' must not be empty"
'

test_expect_success 'errors point at the line that was set' '
	catalogue mini.yaml &&
	test_expect_code 65 utilab-new -s date=2023-13-01 -o - mini 2>err >out &&
	test_cmp /dev/null out &&
	line=$(grep -n "^date:" "$GOLDEN/mini.yaml" | cut -d: -f1) &&
	test_grep "^<stdout>:$line:7: error: " err
'

test_expect_success 'a duration that disagrees with the phases is a warning' '
	catalogue mini.yaml &&
	utilab-new -s duration=50 mini 2>err &&
	test_grep "^mini\.yaml:[0-9]+:11: warning: the phases add up to 45 minutes but '\''duration'\'' says 50$" err &&
	test_grep "^duration: 50$" mini.yaml
'

test_expect_success 'an unknown key in the template is reported with a suggestion' '
	catalogue mini.yaml &&
	sed "s/^territory:/teritory:/" cat/mini.yaml >cat/typo.yaml &&
	test_expect_code 65 utilab-new -o ws.yaml typo 2>err &&
	test_grep "^ws\.yaml:11:1: error: unknown key '\''teritory'\'' \(did you mean '\''territory'\''\?\)$" err
'

test_expect_success 'a template that is not YAML is refused with its position' '
	catalogue mini.yaml &&
	printf "utilab: 1\nid: [x\n" >cat/broken.yaml &&
	test_expect_code 65 utilab-new -o ws.yaml broken 2>err &&
	test_grep "cat/broken\.yaml:[0-9]+:[0-9]+: error: " err &&
	test_path_is_missing ws.yaml
'

test_done
