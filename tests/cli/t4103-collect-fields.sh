#!/bin/sh
# SPDX-License-Identifier: ISC
# utilab-collect: every field reaches every report. A record may carry
# hundreds of fields (a long form); the CSV report must have a column for
# each field the JSON report shows, never a silent cap.
. "$(dirname "$0")/../lib.sh"

# wide N: a utilab CSV with N field columns and two records.
wide() {
	awk -v n="$1" 'BEGIN {
		printf "type,text"; for (i = 1; i <= n; i++) printf ",field:f%03d", i; print "";
		for (r = 1; r <= 2; r++) {
			printf "note,row %d", r; for (i = 1; i <= n; i++) printf ",v%d", i; print "";
		}
	}'
}

test_expect_success '300 fields: the CSV report has all 300 columns' '
	wide 300 >wide.csv &&
	utilab-collect -T csv -o out.csv wide.csv 2>err &&
	head -n 1 out.csv | tr "," "\n" | grep -c "^field:f[0-9]" >n &&
	test "$(cat n)" = 300
'

if test_have jq; then
	test_expect_success '300 fields: JSON and CSV reports agree' '
		wide 300 >wide.csv &&
		utilab-collect -T json -o out.json wide.csv 2>err &&
		utilab-collect -T csv -o out.csv wide.csv 2>err &&
		jq -e "[.notes[0].fields | keys[]] | length == 300" out.json &&
		test "$(tail -n 1 out.csv | tr "," "\n" | grep -c "^v[0-9]")" = 300
	'
else
	test_skip '300 fields: JSON and CSV reports agree' 'jq missing'
fi

test_done
