#!/bin/sh
# SPDX-License-Identifier: ISC
# The YAML loader through tests/bin/yamlcheck (and, once they exist, the
# commands): every limit and policy refusal is an error with its position,
# golden stderr, exit 65. Columns count characters, so the goldens have
# French text before the culprit.
. "$(dirname "$0")/../lib.sh"

G=$GOLDEN/yaml
YC=$TOP/tests/bin/yamlcheck

for f in "$G"/*.yaml; do
	name=$(basename "$f" .yaml)
	[ -f "$G/$name.err" ] || continue
	test_expect_success "$name: refused with its position, exit 65" '
		(cd "$G" && test_expect_code 65 "$YC" '"$name"'.yaml) >out 2>err &&
		test_cmp "$G/'"$name"'.err" err &&
		test_cmp /dev/null out
	'
	test_expect_success "$name: the same through the workshop validator" '
		(cd "$G" && test_expect_code 65 "$YC" -w '"$name"'.yaml) 2>err &&
		test_cmp "$G/'"$name"'.err" err
	'
done

test_expect_success 'a good file loads: positions after a BOM, CR LF and French text' '
	(cd "$G" && "$YC" -t ok-tree.yaml) >out 2>err &&
	test_cmp "$G/ok-tree.out" out &&
	test_cmp /dev/null err
'

test_expect_success 'a file of exactly 1 MiB loads, one byte more does not' '
	{ printf "a: b\n"; head -c 1048570 /dev/zero | tr "\0" "#"; echo; } >max.yaml &&
	test "$(wc -c <max.yaml)" -eq 1048576 &&
	"$YC" max.yaml &&
	printf "#" >>max.yaml &&
	test_expect_code 65 "$YC" max.yaml 2>err &&
	echo "max.yaml: error: file too large: over the limit of 1 MiB" >expect &&
	test_cmp expect err
'

test_expect_success 'a text of 64 KiB loads, one byte more does not' '
	{ printf "titre: « x »\nnote: "; head -c 65536 /dev/zero | tr "\0" "x"; echo; } >long.yaml &&
	"$YC" long.yaml &&
	{ printf "titre: « x »\nnote: é"; head -c 65535 /dev/zero | tr "\0" "x"; echo; } >long.yaml &&
	test_expect_code 65 "$YC" long.yaml 2>err &&
	echo "long.yaml:2:7: error: text too long (65537 bytes, limit 65536)" >expect &&
	test_cmp expect err
'

test_expect_success 'an empty file is an empty document' '
	: >vide.yaml &&
	test_expect_code 65 "$YC" vide.yaml 2>err &&
	echo "vide.yaml:1:1: error: empty document" >expect &&
	test_cmp expect err
'

test_expect_success 'standard input is named <stdin>' '
	printf "a: 1\na: 2\n" | test_expect_code 65 "$YC" - 2>err &&
	echo "<stdin>:2:1: error: duplicate key '\''a'\'' (first at line 1)" >expect &&
	test_cmp expect err
'

test_expect_success 'a missing file exits 66' '
	test_expect_code 66 "$YC" absent.yaml 2>err &&
	test_grep "^absent.yaml: error: cannot open: No such file or directory$" err
'

test_expect_success 'several files: every problem of each, in order' '
	(cd "$G" && test_expect_code 65 "$YC" tags.yaml merge.yaml) 2>err &&
	cat "$G/tags.err" "$G/merge.err" >expect &&
	test_cmp expect err
'

if test_have utilab-cards; then
	test_expect_success 'utilab-cards -n reports the loader errors, exit 65' '
		(cd "$G" && test_expect_code 65 utilab-cards -n many.yaml) 2>err &&
		test_cmp "$G/many.err" err
	'
else
	test_skip 'utilab-cards -n reports the loader errors' 'no utilab-cards yet'
fi

test_done
