#!/bin/sh
# SPDX-License-Identifier: ISC
# The JSON reader (form exports as JSON) on broken input: each error is
# positioned (line:column of the offending byte), says what was expected,
# and stops the file with 65 and no report; \u escapes are decoded
# (surrogate pairs joined, lone halves refused); an export's "data" list
# is found whatever precedes it.
. "$(dirname "$0")/../lib.sh"

# refused JSON MESSAGE: 65, MESSAGE the first error, no report written.
refused() {
	printf '%s' "$1" >x.json &&
	test_expect_code 65 utilab-collect -o r.md x.json 2>err || return 1
	first=$(grep ": error: " err | head -n 1)
	[ "$first" = "$2" ] || {
		echo "for: $1"; echo "got:    $first"; echo "wanted: $2"; return 1; }
	test_path_is_missing r.md
}

test_expect_success '\u escapes: pairs joined, lone surrogates refused' '
	printf "%s" "[{\"type\":\"idea\",\"text\":\"\\u00e9t\\u00C9 \\ud83d\\ude00\"}]" >ok.json &&
	utilab-collect -T json -o r.json ok.json 2>err &&
	test "$(jq -r ".ideas[0].text" r.json)" = "étÉ 😀" &&
	refused "[{\"type\":\"idea\",\"text\":\"a\\ud800\"}]" \
		"x.json:1:32: error: JSON: lone surrogate in a \\u escape" &&
	refused "[{\"type\":\"idea\",\"text\":\"a\\ud800\\u0041\"}]" \
		"x.json:1:38: error: JSON: lone surrogate in a \\u escape" &&
	refused "[{\"type\":\"idea\",\"text\":\"\\udc00\"}]" \
		"x.json:1:31: error: JSON: lone surrogate in a \\u escape" &&
	refused "[{\"type\":\"idea\",\"text\":\"\\x\"}]" \
		"x.json:1:27: error: JSON: bad escape in a string"
'

test_expect_success 'structure: a missing comma, a key without quotes, a stray comma' '
	refused "[{\"type\":\"idea\" \"text\":\"a\"}]" "x.json:1:17: error: JSON: expected '\'','\'' or '\''}'\''" &&
	refused "[{\"type\":\"idea\",}]" "x.json:1:17: error: JSON: expected a key in quotes" &&
	refused "[{type:\"idea\"}]" "x.json:1:3: error: JSON: expected a key in quotes" &&
	refused "[{\"type\":\"idea\",\"text\":\"a\"} {\"type\":\"idea\"}]" "x.json:1:29: error: JSON: expected '\'','\'' or '\'']'\''" &&
	refused "[[1]]" "x.json:1:2: error: JSON: a list item that is not an object" &&
	refused "{\"data\":5}" "x.json:1:10: error: JSON: an object without a \"data\" list of records"
'

test_expect_success 'an export object: its "data" list, after or before other keys' '
	printf "%s" "{\"meta\":{\"x\":[1,2],\"s\":\"]}\"},\"data\":[{\"type\":\"idea\",\"text\":\"b\"}]}" >e1.json &&
	utilab-collect -o r.md e1.json 2>err &&
	test_grep "^utilab-collect: 1 in = 1 kept" err &&
	printf "%s" "{\"data\":[{\"type\":\"idea\",\"text\":\"a\"}],\"meta\":1}" >e2.json &&
	utilab-collect -o r.md e2.json 2>err &&
	test_grep "^utilab-collect: 1 in = 1 kept" err
'

test_expect_success 'values that are no count: quarantined with the value named' '
	printf "%s" "[{\"type\":\"idea\",\"text\":\"a\",\"votes\":1e400}]" >v.json &&
	test_expect_code 4 utilab-collect -o r.md v.json 2>err &&
	test_grep "^v.json:1: warning: quarantined: votes .1e400. is not a non-negative integer$" err
'

test_done
