#!/bin/sh
# SPDX-License-Identifier: ISC
# utilab-collect on what real users hand it: two tables' files of the same
# name, several mappings for several exports, French Excel. Every run keeps
# its promise: in = kept + duplicates + quarantined, per file and in total.
. "$(dirname "$0")/../lib.sh"

# counts FILE.json: "in kept dups quar" of the whole report.
counts() {
	jq -r '.counts | "\(.in) \(.kept) \(.duplicates) \(.quarantined)"' "$1"
}

if test_have jq; then
	test_expect_success 'two tables, two files named r.csv: two sources, no duplicate' '
		mkdir t1 t2 &&
		printf "type,text,votes\nfriction,Le bus passe en avance,2\n" >t1/r.csv &&
		cp t1/r.csv t2/r.csv &&
		utilab-collect -T json -o r.json t1/r.csv t2/r.csv 2>err &&
		test "$(counts r.json)" = "2 2 0 0" &&
		jq -e "[.sequences[].stages[].frictions[].id] == [\"t1/r.csv:2\", \"t2/r.csv:2\"]" r.json &&
		jq -e "[.sequences[].stages[].frictions[].votes] | add == 4" r.json
	'
	test_expect_success 'one file named twice, by two spellings: its records merge' '
		mkdir t1 &&
		printf "type,text\nfriction,Le bus passe en avance\n" >t1/r.csv &&
		utilab-collect -T json -o r.json t1/r.csv ./t1//r.csv 2>err &&
		test "$(counts r.json)" = "2 1 1 0"
	'
	test_expect_success '-m applies to the inputs whose header it fits, no other' '
		(cd "$GOLDEN/collect" && utilab-collect -w ws.yaml -m map.yaml -T json \
		    partner.csv t2.csv) 2>err >r.json
		test $? = 3 &&
		jq -e ".sources[] | select(.file == \"partner.csv\") | .format == \"map\"" r.json &&
		jq -e ".sources[] | select(.file == \"t2.csv\") | .format == \"csv\"" r.json &&
		jq -e "[.. | objects | select(.table? == \"association\" and .sources?) | .sources[0].file] |
		    unique == [\"partner.csv\"]" r.json &&
		test_grep "t2.csv: note: mapping .map.yaml. does not fit: no column .N° carte." err
	'
	test_expect_success 'a mapping with a header row: the file it does not fit loses no row' '
		printf "utilab-map: 1\nheader-row: 3\ncolumns:\n  Quoi: text\n" >m.yaml &&
		printf "type,text\nfriction,un\nfriction,deux\nfriction,trois\n" >a.csv &&
		printf "titre\nsous-titre\nQuoi\ncinq\n" >b.csv &&
		test_expect_code 3 utilab-collect -m m.yaml -T json -o r.json a.csv b.csv 2>err &&
		jq -e "[.sources[] | {file, in, kept, quarantined}] ==
		    [{file: \"a.csv\", in: 3, kept: 3, quarantined: 0},
		     {file: \"b.csv\", in: 1, kept: 0, quarantined: 1}]" r.json
	'
	test_expect_success 'two mappings for two exports: each file through its own' '
		printf "utilab-map: 1\ncolumns:\n  Quoi: text\ndefaults:\n  type: idea\n" >m1.yaml &&
		printf "utilab-map: 1\ncolumns:\n  Probleme: text\ndefaults:\n  type: friction\n" >m2.yaml &&
		printf "Quoi\nune idee\n" >ideas.csv &&
		printf "Probleme,Nom\nun souci,Lucie\n" >frictions.csv &&
		utilab-collect -m m1.yaml -m m2.yaml -T json -o r.json frictions.csv ideas.csv 2>err &&
		jq -e "[.ideas[].text] == [\"une idee\"]" r.json &&
		jq -e "[.sequences[].stages[].frictions[].text] == [\"un souci\"]" r.json &&
		! grep -F Lucie r.json
	'
else
	test_skip '-m applies to the inputs whose header it fits, no other' 'jq missing'
	test_skip 'a mapping with a header row: the file it does not fit loses no row' 'jq missing'
	test_skip 'two mappings for two exports: each file through its own' 'jq missing'
	test_skip 'two tables, two files named r.csv: two sources, no duplicate' 'jq missing'
	test_skip 'one file named twice, by two spellings: its records merge' 'jq missing'
fi

test_expect_success 'csv-excel: a BOM, semicolons, CRLF; the cells as in csv' '
	printf "type,text,tags\nfriction,\"Trop cher; vraiment\",prix|budget\nidea,=1+1,\n" >r.csv &&
	utilab-collect -T csv-excel -o x.csv r.csv 2>err &&
	utilab-collect -T csv -o c.csv r.csv 2>err &&
	head -c 3 x.csv | od -An -tx1 | grep -q "ef bb bf" &&
	head -n 1 x.csv | grep -q "^.id;type;serial;" &&
	grep -q ";\"Trop cher; vraiment\";" x.csv &&
	grep -q ";\"'"'"'=1+1\";" x.csv &&
	test "$(grep -c "$(printf "\r")\$" x.csv)" = 3 &&
	test "$(tail -n +2 x.csv | cut -d";" -f2)" = "$(tail -n +2 c.csv | cut -d, -f2)"
'

test_done
