#!/bin/sh
# SPDX-License-Identifier: ISC
# utilab-collect end to end: three messy table transcriptions (YAML and
# CSV: accents, CRLF, a BOM, a duplicate, bad serials, a conflicting
# duplicate, a ragged row, an unterminated quote, personal data) plus a
# Kobo export of the same workshop, merged into one report in every format.
. "$(dirname "$0")/../lib.sh"

C=$GOLDEN/collect
INPUTS="t1.yaml t2.csv t3.csv kobo.csv"

# collect [ARGS...]: run in the fixtures' directory so that provenance
# reads "t1.yaml:7", whatever the checkout's path. The fixtures hold bad
# records on purpose: exit status 3 (report written, some quarantined) is
# what these runs expect; its own test below checks it exactly.
collect() {
	(cd "$C" && utilab-collect "$@")
	set -- $?
	test "$1" = 0 || test "$1" = 3
}

for fmt in md json csv html; do
	test_expect_success "report as $fmt matches the golden file, stderr too" '
		collect -w ws.yaml -T '$fmt' -o "$SCRATCH/out" $INPUTS 2>err &&
		test_cmp "$C/all.'$fmt'" out &&
		test_cmp "$C/all.err" err
	'
done

test_expect_success 'the quarantine file matches, and every record is accounted for' '
	collect -w ws.yaml -q "$SCRATCH/q.csv" -o "$SCRATCH/out.md" $INPUTS 2>err &&
	test_cmp "$C/all.quarantine.csv" q.csv &&
	grep "^utilab-collect: 26 in = 17 kept + 2 duplicates + 7 quarantined$" err &&
	test "$(grep -c "warning: quarantined:" err)" = 7 &&
	test_grep "26 enregistrements lus : 17 retenus, 2 doublons fusionnés, 7 en quarantaine" out.md
'

test_expect_success 'a Kobo choice read twice (the list and its 0/1 column) is one tag, quarantine included' '
	# The catalogue workshop has other stages: the Kobo rows are all quarantined.
	test_expect_code 4 sh -c "cd \"$C\" && exec utilab-collect \
		-w \"$TOP/workshops/sequences-de-vie.yaml\" -q \"$SCRATCH/kq.csv\" \
		-o \"$SCRATCH/k.md\" kobo.csv" 2>/dev/null &&
	test_grep ",Trajet,Le bus 18 ne passe plus le dimanche\.,,mobilite,,4" kq.csv &&
	test_grep ",Le local vélo est toujours plein\.,,logement|mobilite,,2" kq.csv &&
	! grep -q "mobilite|mobilite\|logement|mobilite|logement" kq.csv
'

test_expect_success 'inputs in any order give the same bytes, in every format' '
	for fmt in md json csv html; do
		collect -w ws.yaml -T $fmt -o "$SCRATCH/a.$fmt" t1.yaml t2.csv t3.csv kobo.csv 2>/dev/null &&
		collect -w ws.yaml -T $fmt -o "$SCRATCH/b.$fmt" kobo.csv t3.csv t1.yaml t2.csv 2>/dev/null &&
		collect -w ws.yaml -T $fmt -o "$SCRATCH/c.$fmt" t2.csv kobo.csv t1.yaml t3.csv 2>/dev/null &&
		cmp a.$fmt b.$fmt && cmp a.$fmt c.$fmt || return 1
	done
'

test_expect_success 'collecting twice gives the same bytes; a file given twice counts once' '
	collect -w ws.yaml -T json -o "$SCRATCH/a.json" $INPUTS 2>/dev/null &&
	collect -w ws.yaml -T json -o "$SCRATCH/b.json" $INPUTS 2>/dev/null &&
	cmp a.json b.json &&
	collect -w ws.yaml -T json -o "$SCRATCH/twice.json" $INPUTS t2.csv 2>err &&
	grep "^utilab-collect: 36 in = 17 kept + 7 duplicates + 12 quarantined$" err
'

if test_have jq; then
	test_expect_success 'the JSON parses with jq and keeps its promises' '
		collect -w ws.yaml -T json $INPUTS 2>/dev/null >r.json &&
		jq -e ".counts.in == .counts.kept + .counts.duplicates + .counts.quarantined" r.json &&
		jq -e "[.sequences[].stages[].frictions[]] + .ideas + .notes | length == 17" r.json &&
		jq -e "[.sequences[].stages[].frictions[], .ideas[], .notes[] | .sources | length] | add == 19" r.json &&
		jq -e ".quarantine | length == 7" r.json &&
		jq -e "[.quarantine[] | select(.reason == \"\")] | length == 0" r.json &&
		jq -e "keys == [\"counts\",\"ideas\",\"notes\",\"observations\",\"posters\",\"quarantine\",\"sequences\",\"services\",\"sources\",\"steps\",\"tables\",\"tags\",\"utilab-collect\",\"workshop\"]" r.json
	'
else
	test_skip 'the JSON parses with jq' 'jq not installed'
fi

if test_have pandoc; then
	test_expect_success 'the Markdown renders with pandoc' '
		collect -w ws.yaml $INPUTS 2>/dev/null >r.md &&
		pandoc -f markdown -t html5 -s -o r.html r.md &&
		test_grep "<title>Faire ses courses à Fives" r.html &&
		test_grep "<h2[^>]*>Faire les courses</h2>" r.html &&
		test_grep "jean.dupont@example.org" r.html
	'
else
	test_skip 'the Markdown renders with pandoc' 'pandoc not installed'
fi

test_expect_success 'no CSV cell would fire as a formula in a spreadsheet' '
	collect -w ws.yaml -T csv $INPUTS 2>/dev/null >r.csv &&
	collect -w ws.yaml -q "$SCRATCH/q.csv" -o /dev/null $INPUTS 2>/dev/null &&
	test_grep "\"'"'"'=HYPERLINK" r.csv &&
	! grep -E "(^|,)\"?[-=+@	]" r.csv &&
	! grep -E "(^|,)\"?[-=+@	]" q.csv
'

test_expect_success 'the HTML page is self-contained and structured' '
	collect -w ws.yaml -T html $INPUTS 2>/dev/null >r.html &&
	! grep -E "<(link|script|img)|src=|url\(" r.html &&
	test_grep "<html lang=\"fr\">" r.html &&
	test_grep "<th scope=\"col\">" r.html &&
	test_grep "<caption>" r.html
'

test_expect_success 'no personal column value reaches any output' '
	collect -w ws.yaml -T json -q "$SCRATCH/q.csv" $INPUTS 2>err >r.json &&
	collect -w ws.yaml -T csv $INPUTS 2>/dev/null >r.csv &&
	for secret in Josiane Karim Lucie enqueteur1 abc123 0601020304 a@b.fr 50.63; do
		! grep -F "$secret" r.json r.csv q.csv err || return 1
	done
'

test_expect_success 'e-mail addresses and phone numbers are masked by default, in every output' '
	collect -w ws.yaml -T json -q "$SCRATCH/q.csv" $INPUTS 2>err >r.json &&
	for fmt in md csv csv-excel html; do
		collect -w ws.yaml -T $fmt -o "$SCRATCH/r.$fmt" $INPUTS 2>/dev/null || return 1
	done &&
	! grep -F "jean.dupont@example.org" r.json r.md r.csv r.csv-excel r.html q.csv err &&
	! grep -F "06 12 34 56 78" r.json r.md r.csv r.csv-excel r.html q.csv err &&
	test_grep "\[courriel masqué\]" r.json &&
	test_grep "\[téléphone masqué\]" r.json &&
	test_grep "holds a phone number: masked" err
'

test_expect_success '-r is still accepted; --no-redact keeps them, flagged' '
	collect -w ws.yaml -r -T json $INPUTS 2>/dev/null >r.json &&
	! grep -F "jean.dupont@example.org" r.json &&
	collect -w ws.yaml --no-redact -T json $INPUTS 2>err >k.json &&
	test_grep "jean.dupont@example.org" k.json &&
	test_grep "06 12 34 56 78" k.json &&
	test_grep "holds a phone number: flagged for review" err
'

test_expect_success 'exit status: 3 when some records are quarantined, 4 when all are, 0 when none' '
	test_expect_code 3 utilab-collect -w "$C/ws.yaml" -o r.md "$C/t2.csv" 2>/dev/null &&
	printf "type,text\nfriction,\nbanane,du texte\n" >bad.csv &&
	test_expect_code 4 utilab-collect -o r.md bad.csv 2>err &&
	test_path_is_file r.md &&
	grep "^utilab-collect: 2 in = 0 kept + 0 duplicates + 2 quarantined$" err &&
	printf "type,text\nfriction,du texte\n" >good.csv &&
	utilab-collect -o r.md good.csv 2>/dev/null
'

test_expect_success 'without -w, records are merged as written (names not matched to the workshop differ)' '
	collect -T json $INPUTS 2>err >r.json &&
	grep "^utilab-collect: 26 in = 21 kept + 1 duplicate + 4 quarantined$" err
'

test_expect_success 'standard input is read like a file' '
	collect -w ws.yaml -T csv - <"$C/t2.csv" 2>err >r.csv &&
	test_grep "^FRI-001,friction" r.csv &&
	test_grep "^<stdin>:5: warning: quarantined" err
'

test_expect_success 'an English workshop gets an English report' '
	sed -e "s/^lang: fr/lang: en/" "$C/ws.yaml" >ws-en.yaml &&
	collect -w "$SCRATCH/ws-en.yaml" -o "$SCRATCH/r.md" $INPUTS 2>/dev/null &&
	test_grep "^26 records in: 17 kept, 2 duplicates merged, 7 quarantined\.$" r.md &&
	test_grep "^# Frictions by life sequence$" r.md &&
	test_grep "— 0 votes —" r.md &&
	collect -w "$SCRATCH/ws-en.yaml" -T html -o "$SCRATCH/r.html" $INPUTS 2>/dev/null &&
	test_grep "<html lang=\"en\">" r.html
'
test_done
