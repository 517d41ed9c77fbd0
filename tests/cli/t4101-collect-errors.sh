#!/bin/sh
# SPDX-License-Identifier: ISC
# utilab-collect's failures: usage, unreadable inputs, outputs it must not
# touch, and write errors; never a partial report.
. "$(dirname "$0")/../lib.sh"

C=$GOLDEN/collect

test_expect_success '--version and --help' '
	utilab-collect --version >out &&
	test_grep "^utilab-collect [0-9]+\.[0-9]+\.[0-9]+$" out &&
	utilab-collect -h >out &&
	test_grep "^usage: utilab-collect " out &&
	test_grep "\-\-quarantine FILE" out
'

test_expect_success 'no input, an unknown format or dialect: usage error 64' '
	test_expect_code 64 utilab-collect 2>err &&
	test_grep "no results to collect" err &&
	test_expect_code 64 utilab-collect -T docx "$C/t1.yaml" 2>err &&
	test_grep "unknown report format .docx." err &&
	test_expect_code 64 utilab-collect -F typeform "$C/t1.yaml" 2>err &&
	test_grep "unknown input format .typeform." err &&
	test_expect_code 64 utilab-collect --bogus "$C/t1.yaml" 2>err
'

test_expect_success 'an output over an input is refused (73, as in every command), the input untouched' '
	cp "$C/t2.csv" in.csv &&
	test_expect_code 73 utilab-collect -o in.csv in.csv 2>err &&
	test_grep "refusing to overwrite the input .in.csv." err &&
	cmp "$C/t2.csv" in.csv &&
	test_expect_code 73 utilab-collect -q in.csv -o out.md in.csv 2>err &&
	cmp "$C/t2.csv" in.csv &&
	test_path_is_missing out.md &&
	ln -s in.csv link.csv &&
	test_expect_code 73 utilab-collect -o link.csv in.csv 2>err &&
	test_grep "refusing to overwrite the input .in.csv. \\(as .link.csv.\\)" err &&
	cmp "$C/t2.csv" in.csv &&
	ln in.csv hard.csv &&
	test_expect_code 73 utilab-collect -o out.md -q hard.csv in.csv 2>err &&
	test_path_is_missing out.md &&
	cp "$C/t1.yaml" ws-results.yaml &&
	test_expect_code 73 utilab-collect -o ws-results.yaml in.csv ws-results.yaml 2>err &&
	cmp "$C/t1.yaml" ws-results.yaml
'

test_expect_success 'a missing input: 66, and no report written' '
	test_expect_code 66 utilab-collect -o out.md "$C/t1.yaml" nowhere.csv 2>err &&
	test_grep "^nowhere.csv: error: cannot open: No such file or directory$" err &&
	test_path_is_missing out.md
'

test_expect_success 'a results file that is not results: 65, every problem named' '
	(cd "$C" && test_expect_code 65 utilab-collect -o "$SCRATCH/out.md" broken.yaml t1.yaml) 2>err &&
	test_cmp "$C/broken.err" err &&
	test_path_is_missing out.md &&
	printf "nom,prenom\nx,y\n" >people.csv &&
	test_expect_code 65 utilab-collect people.csv 2>err &&
	test_grep "people.csv:1: error: header has neither .type. nor .text." err &&
	: >empty.csv &&
	test_expect_code 65 utilab-collect empty.csv 2>err &&
	test_grep "empty.csv: error: empty file" err
'

test_expect_success 'an invalid workshop: 65 before any input is read' '
	printf "utilab: 1\nid: x\n" >ws.yaml &&
	test_expect_code 65 utilab-collect -w ws.yaml -o out.md "$C/t1.yaml" 2>err &&
	test_grep "^ws.yaml:" err &&
	test_path_is_missing out.md
'

test_expect_success 'a write error: 74, and nothing left behind' '
	if [ -w /dev/full ]; then
		test_expect_code 74 utilab-collect -o /dev/full "$C/t1.yaml" 2>err &&
		test_grep "error" err
	fi &&
	mkdir ro && chmod 555 ro &&
	if ! (: >ro/probe) 2>/dev/null; then
		test_expect_code 73 utilab-collect -o ro/out.md "$C/t1.yaml" 2>err &&
		test_path_is_missing ro/out.md
	fi
'

test_expect_success 'an existing report is replaced whole' '
	echo old >out.md &&
	test_expect_code 3 utilab-collect -o out.md "$C/t1.yaml" 2>/dev/null &&
	test_grep "^title: \"fives-courses\"$" out.md &&
	! grep -x old out.md &&
	test "$(ls)" = "out.md"
'

test_expect_success 'a bad column mapping: 65 with its position' '
	printf "utilab-map: 1\ncolumns:\n  Nom: texte\ndefautls: {}\n" >map.yaml &&
	test_expect_code 65 utilab-collect -m map.yaml "$C/t2.csv" 2>err &&
	test_grep "^map.yaml:3:8: error: unknown role .texte. for column .Nom." err &&
	test_grep "^map.yaml:4:1: error: unknown key .defautls. \(did you mean .defaults.\?\)" err
'
test_done
