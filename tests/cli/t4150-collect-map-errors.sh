#!/bin/sh
# SPDX-License-Identifier: ISC
# Column mappings (-m MAP.yaml, utilab-results(5)): every mistake in one is
# reported at its line and column, all of them in one run, and nothing is
# collected (65) until the mapping is right.
. "$(dirname "$0")/../lib.sh"

test_expect_success 'every mistake of a mapping, positioned, in one run' '
	cat >bad.yaml <<-\EOT &&
	utilab-map: 2
	header-row: 0
	columns:
	  "A": texte
	  "B": [x]
	defaults:
	  votes: 3
	  type: [friction]
	values:
	  nothing: {a: b}
	  type: [x]
	  stage: {"x": [y]}
	extra: 1
	EOT
	printf "type,text\nidea,x\n" >in.csv &&
	test_expect_code 65 utilab-collect -m bad.yaml -o out.md in.csv 2>err &&
	roles="type serial session table sequence stage text votes tags answers workshop id date field:NAME drop ignore" &&
	cat >want <<-EOT &&
	bad.yaml:1:13: error: expected '"'"'utilab-map: 1'"'"'
	bad.yaml:2:13: error: '"'"'header-row'"'"' must be a row number from 1 to 100
	bad.yaml:4:8: error: unknown role '"'"'texte'"'"' for column '"'"'A'"'"' (roles: $roles)
	bad.yaml:5:8: error: unknown role '"'"''"'"' for column '"'"'B'"'"' (roles: $roles)
	bad.yaml:7:3: error: no default for '"'"'votes'"'"' (type, session, table, sequence, stage or workshop)
	bad.yaml:8:9: error: default '"'"'type'"'"' must be text
	bad.yaml:10:3: error: '"'"'values'"'"' takes a role and a mapping of values ('"'"'nothing'"'"')
	bad.yaml:11:3: error: '"'"'values'"'"' takes a role and a mapping of values ('"'"'type'"'"')
	bad.yaml:12:16: error: a value must be text
	bad.yaml:13:1: error: unknown key '"'"'extra'"'"': expected one of utilab-map, header-row, columns, defaults, values
	EOT
	grep "^bad.yaml" err >got &&
	test_cmp want got &&
	test_path_is_missing out.md
'

test_expect_success 'sections of the wrong kind, a list for a mapping, a bad row' '
	printf "type,text\nidea,x\n" >in.csv &&
	printf "utilab-map: 1\ncolumns: [a]\ndefaults: [b]\nvalues: [c]\n" >kinds.yaml &&
	test_expect_code 65 utilab-collect -m kinds.yaml -o out.md in.csv 2>err &&
	test_grep "^kinds.yaml:2:10: error: .columns. must be a mapping$" err &&
	test_grep "^kinds.yaml:3:11: error: .defaults. must be a mapping$" err &&
	test_grep "^kinds.yaml:4:9: error: .values. must be a mapping$" err &&
	printf -- "- a\n- b\n" >list.yaml &&
	test_expect_code 65 utilab-collect -m list.yaml -o out.md in.csv 2>err &&
	test_grep "^list.yaml:1:1: error: a column mapping must be a mapping$" err &&
	printf "columns: {}\n" >noversion.yaml &&
	test_expect_code 65 utilab-collect -m noversion.yaml -o out.md in.csv 2>err &&
	test_grep "^noversion.yaml:1:1: error: expected .utilab-map: 1.$" err &&
	printf "utilab-map: 1\nheader-row: 2x\n" >row.yaml &&
	test_expect_code 65 utilab-collect -m row.yaml -o out.md in.csv 2>err &&
	test_grep "^row.yaml:2:13: error: .header-row. must be a row number from 1 to 100$" err &&
	test_path_is_missing out.md
'

test_done
