#!/bin/sh
# SPDX-License-Identifier: ISC
# Inputs that are not regular files, and formats told by content:
# utilab-collect reads a pipe named on the command line (/dev/stdin, a
# shell's <(…)) exactly as the file it carries, CSV, YAML or spreadsheet,
# and reads a results YAML whatever its name. A pipe can be read only
# once, so its first bytes, read to tell the format, must not be lost
# (they were: a CSV through /dev/stdin came out "empty").
. "$(dirname "$0")/../lib.sh"

C=$GOLDEN/collect
R=$TOP/tests/real/spreadsheets

test_expect_success 'a CSV through a pipe reads as the file itself' '
	utilab-collect -w "$C/ws.yaml" -T json -o want.json "$C/t2.csv" 2>/dev/null || [ $? -eq 3 ] &&
	{ cat "$C/t2.csv" | utilab-collect -w "$C/ws.yaml" -T json -o pipe.json /dev/stdin 2>err ||
	  [ $? -eq 3 ]; } &&
	! grep -q ": error:" err &&
	sed "s|/dev/stdin|$C/t2.csv|g" pipe.json >got.json &&
	test_cmp want.json got.json &&
	test "$(jq ".sources[0].in" got.json)" -eq 10
'

test_expect_success 'a CSV longer than one read, through a pipe: every row' '
	{ echo "type,text"; i=0; while [ $i -lt 3000 ]; do echo "idea,idée numéro $i"; i=$((i + 1)); done; } >long.csv &&
	utilab-collect -T csv -o want.csv long.csv 2>/dev/null &&
	cat long.csv | utilab-collect -T csv -o got.csv /dev/stdin 2>err &&
	sed "s|/dev/stdin|long.csv|g" got.csv >got2.csv &&
	test "$(wc -l <got2.csv)" -eq 3001 &&
	test_cmp want.csv got2.csv
'

test_expect_success 'a spreadsheet through a pipe, and through standard input' '
	(cd "$R" && utilab-collect -T csv -o "$SCRATCH/want.csv" table2.xlsx) 2>/dev/null || [ $? -eq 3 ] &&
	{ cat "$R/table2.xlsx" | utilab-collect -T csv -o pipe.csv /dev/stdin 2>/dev/null || [ $? -eq 3 ]; } &&
	{ utilab-collect -T csv -o stdin.csv - <"$R/table2.xlsx" 2>/dev/null || [ $? -eq 3 ]; } &&
	test "$(wc -l <want.csv)" -gt 2 &&
	sed "s|/dev/stdin|table2.xlsx|g" pipe.csv >got.csv && test_cmp want.csv got.csv &&
	sed "s|<stdin>|table2.xlsx|g" stdin.csv >got.csv && test_cmp want.csv got.csv
'

test_expect_success 'a results YAML is one by its first line, whatever its name' '
	cp "$C/t1.yaml" notes.txt &&
	{ utilab-collect -T json -o txt.json notes.txt 2>err || [ $? -eq 3 ]; } &&
	test "$(jq -r ".sources[0].format" txt.json)" = yaml &&
	test "$(jq ".sources[0].in" txt.json)" -gt 0 &&
	{ cat "$C/t1.yaml" | utilab-collect -T json -o pipe.json /dev/stdin 2>/dev/null || [ $? -eq 3 ]; } &&
	test "$(jq -r ".sources[0].format" pipe.json)" = yaml
'

test_expect_success 'a sheet of a missing workbook: 66, naming the file as given' '
	test_expect_code 66 utilab-collect -o out.md nothere.xlsx:Feuil1 2>err &&
	test_grep "^nothere.xlsx:Feuil1: error: cannot open: No such file or directory$" err &&
	test_path_is_missing out.md
'

test_expect_success 'UTF-16 cut in the middle of a character: 65, not a guess' '
	printf "\377\376t\000y\000p\000e\000,\000t\000e\000x\000t\000\n\000x" >cut.csv &&
	test_expect_code 65 utilab-collect -o out.md cut.csv 2>err &&
	test_grep "^cut.csv: error: not UTF-8, and not UTF-16LE either: " err &&
	test_path_is_missing out.md
'

test_done
