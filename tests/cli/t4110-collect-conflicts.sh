#!/bin/sh
# SPDX-License-Identifier: ISC
# Conflicting duplicates at scale: a serial written on thousands of
# different cards (a deck printed twice, a facilitator's default) makes
# thousands of variants of one id. Finding whether a new record duplicates
# one of them must not compare it with each (that was quadratic: 100,000
# rows on 40 serials took half a minute); the variants are looked up by
# content. The timeout is generous (a sanitized build, a loaded machine):
# the quadratic version needs minutes here (80,000 variants of one serial,
# texts alike for their first 300 bytes: 7 billion long comparisons), the
# linear one a second or two.
. "$(dirname "$0")/../lib.sh"

# gen ROWS DISTINCT SERIALS: ROWS records, text number i % DISTINCT on the
# serial FRI-(i % SERIALS): rows DISTINCT apart are duplicates when
# DISTINCT is a multiple of SERIALS.
gen() {
	awk -v rows="$1" -v distinct="$2" -v serials="$3" 'BEGIN {
		print "type,serial,session,table,sequence,stage,text,votes,tags"
		same = "Le guichet de la mairie ferme tôt"
		while (length(same) < 300)
			same = same ", encore"
		for (i = 0; i < rows; i++)
			printf "friction,FRI-%d,2024-03-01,T%d,seq-%02d,Attente,\"%s (carte %d).\",%d,mobilité\n",
			    i % serials + 1, i % 8 + 1, i % 5 + 1, same, i % distinct, i % 3
	}'
}

if ! test_have jq; then
	test_skip 'thousands of variants of one serial' 'jq missing'
	test_done
fi

if command -v timeout >/dev/null 2>&1; then
	run_bounded() { timeout 60 "$@"; }
else
	run_bounded() { "$@"; }
fi

test_expect_success '120,000 variants of one serial: counted, flagged, in bounded time' '
	gen 120000 120000 1 >many.csv &&
	run_bounded utilab-collect -T csv -o out.csv many.csv 2>err &&
	grep -q "^utilab-collect: 120000 in = 120000 kept + 0 duplicates + 0 quarantined" err &&
	grep -q "conflicting duplicate .FRI-001." err &&
	sed 1d out.csv | cut -d, -f1 | sort -u | wc -l >ids &&
	test "$(cat ids)" -eq 120000 &&
	grep -c "^FRI-001~" out.csv >n &&
	test "$(cat n)" -eq 119999
'

test_expect_success 'duplicates among thousands of variants are still found' '
	gen 24000 12000 4 >dups.csv &&
	run_bounded utilab-collect -T json -o out.json dups.csv 2>err &&
	grep -q "^utilab-collect: 24000 in = 12000 kept + 12000 duplicates + 0 quarantined" err &&
	jq -e ".counts.conflicts == 11996 and
	    ([.. | objects | select(.conflict? == true) | .sources | length] | length == 12000 and all(. == 2))" \
	    out.json >/dev/null
'

test_expect_success 'the variants of one serial are named in content order, the first keeps the id' '
	gen 9 9 1 >one.csv &&
	utilab-collect -T json -o out.json one.csv 2>err &&
	jq -r "[.. | objects | select(.conflict? == true) | .id] | sort | join(\" \")" out.json >ids &&
	test "$(cat ids)" = "FRI-001 FRI-001~2 FRI-001~3 FRI-001~4 FRI-001~5 FRI-001~6 FRI-001~7 FRI-001~8 FRI-001~9" &&
	grep -c "conflicting duplicate .FRI-001." err >n &&
	test "$(cat n)" = 8
'

# The same card typed twice by hand differs in its blanks (a double space,
# a tab, a Windows line end): one item, not a conflict; a changed word is
# still a conflict.
test_expect_success 'texts that differ only in blanks are duplicates, not conflicts' '
	printf "type,serial,text,votes\r\n" >a.csv &&
	printf "friction,FRI-002,\"Pas de  médecin\tle samedi\",1\r\n" >>a.csv &&
	printf "friction,FRI-003,\"Deux lignes  \r\n  ici\",0\r\n" >>a.csv &&
	printf "type,serial,text,votes\n" >b.csv &&
	printf "friction,FRI-002,Pas de médecin le samedi,2\n" >>b.csv &&
	printf "friction,FRI-003,\"Deux lignes\nici\",0\n" >>b.csv &&
	printf "friction,FRI-004,Pas de médecin le dimanche,0\n" >>b.csv &&
	printf "friction,FRI-004,Pas de pharmacie le dimanche,0\n" >>b.csv &&
	utilab-collect -T json -o out.json a.csv b.csv 2>err &&
	grep -q "^utilab-collect: 6 in = 4 kept + 2 duplicates + 0 quarantined" err &&
	jq -r ".. | objects | select(.id? == \"FRI-002\") | .text" out.json >t2 &&
	test "$(cat t2)" = "Pas de médecin le samedi" &&
	jq -r ".. | objects | select(.id? == \"FRI-003\") | .text" out.json >t3 &&
	printf "Deux lignes\nici\n" >want3 && test_cmp want3 t3 &&
	grep -q "conflicting duplicate .FRI-004." err
'

test_done
