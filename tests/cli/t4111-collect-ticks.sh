#!/bin/sh
# SPDX-License-Identifier: ISC
# utilab-collect -w reads tick-box fields back (utilab-results(5)): the
# options ticked, separated by '|', each one of the field's whatever its
# case, composition and spaces, kept as the workshop writes them so that a
# scan and a hand transcription of the same card agree; an unknown option,
# or two where 'choose: one' expects one, is quarantined with its reason,
# never dropped.

. "$(dirname "$0")/../lib.sh"

WS=$GOLDEN/ticks/ticks.yaml

# what utilab-scan writes for three cards (each test runs in its own directory)
SCAN=$SCRATCH_BASE/scan.csv
TYPED=$SCRATCH_BASE/typed.csv
cat >"$SCAN" <<'CSV'
type,serial,field:qui,field:gravite,field:frequence,text,image,version,check
friction,FRI-001,moi | des voisins,4,chaque jour,,crops/FRI-001.png,,
friction,FRI-002,d'autres,2,,,crops/FRI-002.png,,frequence : aucune case cochée
friction,FRI-003,,5,plus rarement,,crops/FRI-003.png,,
CSV

test_expect_success 'options are read whatever their case, spaces and composition' '
	printf "type,serial,field:qui,field:frequence,text\nfriction,FRI-004,\" MOI|  des   voisins \",Chaque  Jour,Un\nfriction,FRI-005,ma famille,plus rarement,Deux\n" >hand.csv &&
	utilab-collect -w "$WS" -T json -o r.json hand.csv 2>err &&
	test_grep "2 in = 2 kept \+ 0 duplicates \+ 0 quarantined" err &&
	test_grep "\"qui\": \"moi \| des voisins\"" r.json &&
	test_grep "\"frequence\": \"chaque jour\"" r.json &&
	test_grep "\"qui\": \"ma famille\"" r.json
'

test_expect_success 'the options come back in the field'"'"'s order, each once' '
	printf "type,serial,field:qui,text\nfriction,FRI-006,d'"'"'autres|moi|Moi,Trois\n" >order.csv &&
	utilab-collect -w "$WS" -T json -o o.json order.csv 2>err &&
	test_grep "\"qui\": \"moi \| d.autres\"" o.json
'

test_expect_success 'an unknown option is quarantined with its reason and the options' '
	printf "type,serial,field:qui,text\nfriction,FRI-007,moi|mes amis,Quatre\nfriction,FRI-008,moi,Cinq\n" >bad.csv &&
	test_expect_code 3 utilab-collect -w "$WS" -T json -q q.csv -o b.json bad.csv 2>err &&
	test_grep "2 in = 1 kept \+ 0 duplicates \+ 1 quarantined" err &&
	test_grep "^bad.csv:2,.*field .qui.: .mes amis. is none of its options \(.moi., .ma famille., .des voisins., .d.autres.\)" q.csv &&
	test_grep "bad.csv:2: warning: quarantined: field .qui.: .mes amis." err
'

test_expect_success 'two options where choose: one expects one are quarantined' '
	printf "type,serial,field:frequence,text\nfriction,FRI-009,chaque jour | chaque mois,Six\n" >two.csv &&
	test_expect_code 4 utilab-collect -w "$WS" -T json -q q2.csv -o t.json two.csv 2>err &&
	test_grep "field .frequence. takes one option, not 2" q2.csv &&
	test_grep "1 in = 0 kept \+ 0 duplicates \+ 1 quarantined" err
'

# the same cards typed by hand
cat >"$TYPED" <<'CSV'
type,serial,field:qui,field:gravite,field:frequence,text
friction,FRI-001,Des voisins|MOI,4,Chaque jour,Tapé à la main
friction,FRI-002,D'AUTRES,2,,Tapé aussi
CSV

test_expect_success 'a scan and a hand transcription of the same cards merge as duplicates' '
	utilab-collect -w "$WS" -T json -o m.json "$SCAN" "$TYPED" 2>err &&
	test_grep "5 in = 3 kept \+ 2 duplicates \+ 0 quarantined" err &&
	! grep -qi "conflict" err &&
	test $(grep -c "\"qui\": \"moi \| des voisins\"" m.json) -eq 1
'

test_expect_success 'collecting the same inputs twice gives identical reports' '
	utilab-collect -w "$WS" -T json -o a.json "$SCAN" "$TYPED" 2>/dev/null &&
	utilab-collect -w "$WS" -T json -o b.json "$SCAN" "$TYPED" 2>/dev/null &&
	test_cmp a.json b.json
'

# "The same inputs, in any order, give the same bytes" (utilab-collect(1)),
# and the typed text of a scanned card survives whichever file comes first.
test_expect_success 'scan and transcription in either order: the same report, the typed text kept' '
	utilab-collect -w "$WS" -T json -o st.json "$SCAN" "$TYPED" 2>/dev/null &&
	utilab-collect -w "$WS" -T json -o ts.json "$TYPED" "$SCAN" 2>/dev/null &&
	test_cmp st.json ts.json &&
	test_grep "\"text\": \"Tapé à la main\"" ts.json &&
	test_grep "\"text\": \"Tapé aussi\"" ts.json &&
	utilab-collect -w "$WS" -T md -o ts.md "$TYPED" "$SCAN" 2>/dev/null &&
	utilab-collect -w "$WS" -T md -o st.md "$SCAN" "$TYPED" 2>/dev/null &&
	test_cmp st.md ts.md
'

test_done
