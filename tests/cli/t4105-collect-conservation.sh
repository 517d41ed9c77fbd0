#!/bin/sh
# SPDX-License-Identifier: ISC
# Conservation over every input of the suite: each results file, CSV or
# YAML, that any test hands to a reader (goldens, CSV edge cases, fuzz
# corpora) is collected on its own; whatever happens to its records,
# in = kept + duplicates + quarantined holds, in total and for the file,
# and for a clean CSV the number in is the number of rows after its
# header, as Python's csv module counts them. A run that cannot read its
# input at all (65, 66) must say so, never report fewer records.
. "$(dirname "$0")/../lib.sh"

if ! test_have jq; then
	test_skip 'every input of the suite: in = kept + duplicates + quarantined' 'jq missing'
	test_skip 'every clean CSV: the records in are its rows after the header' 'jq missing'
	test_done
fi

# inputs: every results-like file of the suite, one a line.
inputs() {
	find "$GOLDEN" "$TOP/tests/csv-edges" "$TOP/tests/csv-spectrum" \
	    "$TOP/tests/fuzz/corpus-results" "$TOP/tests/fuzz/corpus-csv" \
	    -type f \( -name "*.csv" -o -name "*.tsv" -o -name "*.yaml" \
	    -o -name "*.yml" -o -path "*corpus-*" \) |
	    grep -v -e "/ws[^/]*\.yaml$" -e "/map[^/]*\.yaml$" |
	    LC_ALL=C sort
}

# collect_all: out/N.json for each input collected, the path in out/N.path.
collect_all() {
	mkdir -p out && n=0 &&
	while read -r f; do
		n=$((n + 1)) rc=0
		utilab-collect -T json -o out/$n.json "$f" 2>out/$n.err || rc=$?
		case $rc in
		0|3|4)
			printf "%s\n" "$f" >out/$n.path
			grep -q "^utilab-collect: [0-9]* in = " out/$n.err ||
			{ echo "no count line: $f"; return 1; } ;;
		65|66)
			rm -f out/$n.json
			grep -q "error:" out/$n.err || { echo "$rc without an error: $f"; return 1; } ;;
		*)
			echo "status $rc: $f"; cat out/$n.err; return 1 ;;
		esac
	done
}

test_expect_success 'every input of the suite: in = kept + duplicates + quarantined' '
	inputs >list &&
	test "$(wc -l <list)" -gt 60 &&
	collect_all <list &&
	test "$(ls out/*.json | wc -l)" -ge 15 &&
	jq -s -e "map(select(
	    .counts.in != .counts.kept + .counts.duplicates + .counts.quarantined or
	    ([.sources[] | select(.in != .kept + .duplicates + .quarantined)] | length > 0) or
	    ([.sources[].in] | add) != .counts.in)) | length == 0" out/*.json
'

if test_have python3; then
	test_expect_success 'every clean CSV: the records in are its rows after the header' '
		inputs | grep -e "\.csv$" -e "\.tsv$" >list &&
		collect_all <list &&
		for j in out/*.json; do
			jq -r "select(.sources[0].format == \"csv\") | .counts.in" $j |
			sed "s|^|$(cat ${j%.json}.path) |"
		done >got &&
		cut -d" " -f1 got | python3 "$TOP/tests/bin/csv-rows.py" >want &&
		test "$(wc -l <want)" -ge 5 &&
		LC_ALL=C join got want | awk "\$2 != \$3 { print; bad = 1 } END { exit bad }"
	'
else
	test_skip 'every clean CSV: the records in are its rows after the header' 'python3 missing'
fi

test_done
