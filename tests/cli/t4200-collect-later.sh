#!/bin/sh
# SPDX-License-Identifier: ISC
# The method's data end to end (utilab-results(5)): a need followed from
# its friction through the field (observations and their verdicts), the
# ideas and the dots on the vote poster's numbered boxes, to the service
# that answers it, with its blueprint steps; four workshops given with
# -w, every link made both ways; new sequences kept; what is wrong
# quarantined with its reason; conservation, determinism and privacy.
. "$(dirname "$0")/../lib.sh"

W=$TOP/workshops
X=$W/exemples
L=$GOLDEN/later
WS="-w $W/sequences-de-vie.yaml -w $W/terrain.yaml -w $W/ideation.yaml -w $W/service.yaml"
LATER="$X/terrain/balade.yaml $X/terrain/entretiens.csv $X/ideation/table-1.yaml
	$X/ideation/votes.csv $X/service/courses.yaml"

# chain [ARGS...]: the needs fixture and the catalogue's later examples,
# from the catalogue's directory so that sources read the same anywhere.
# Exit 0, or 3 when some record was quarantined (utilab-collect(1)).
chain() {
	(cd "$TOP" && utilab-collect $WS "$@" tests/golden/later/besoins.yaml \
		workshops/exemples/terrain/balade.yaml \
		workshops/exemples/terrain/entretiens.csv \
		workshops/exemples/ideation/table-1.yaml \
		workshops/exemples/ideation/votes.csv \
		workshops/exemples/service/courses.yaml)
}

test_expect_success 'the four workshops collect into one report: golden Markdown and stderr' '
	chain -o "$SCRATCH/out.md" 2>err &&
	test_cmp "$L/chain.md" out.md &&
	test_cmp "$L/chain.err" err
'

if test_have jq; then
	test_expect_success 'JSON: a friction links to what the field said and to its service, and back' '
		chain -T json -o "$SCRATCH/r.json" 2>/dev/null &&
		jq -e "[.sequences[].stages[].frictions[] | select(.id == \"FRI-001\")][0] |
			.observations == [\"OBS-001\", \"OBS-005\", \"PAR-001\"] and
			.field == {confirms: 3, nuances: 0, contradicts: 0} and
			(.services | length) == 1" r.json &&
		svc=$(jq -r ".services[0].id" r.json) &&
		test "$svc" = "$(jq -r "[.sequences[].stages[].frictions[] | select(.id == \"FRI-001\")][0].services[0]" r.json)" &&
		jq -e ".services[0].about == [\"FRI-001\", \"FRI-002\", \"FRI-016\", \"IDE-001\", \"IDE-003\"]" r.json &&
		jq -e "[.ideas[] | select(.id == \"IDE-001\")][0].services == [\"$svc\"]" r.json &&
		jq -e "[.observations[] | select(.id == \"OBS-004\")][0] | .verdict == \"contradicts\" and .about == [\"FRI-014\"]" r.json &&
		jq -e "[.observations[] | select(.id == \"OBS-003\")][0].verdict == \"nuances\"" r.json
	'

	test_expect_success 'JSON: dots on the vote poster are tallied per numbered box' '
		chain -T json -o "$SCRATCH/r.json" 2>/dev/null &&
		jq -e ".posters | length == 1" r.json &&
		jq -e ".posters[0] | .poster == \"vote-idees\" and .votes == 30" r.json &&
		jq -e "[.posters[0].items[] | [.item, .votes, .ideas]] ==
			[[1, 17, [\"IDE-001\", \"IDE-003\"]], [2, 9, [\"IDE-002\"]], [3, 4, [\"IDE-004\"]]]" r.json &&
		jq -e ".posters[0].items[2].label == \"Papiers et courriers\"" r.json &&
		jq -e "[.ideas[] | select(.id == \"IDE-002\")][0].votes == 9" r.json &&
		jq -e "[.ideas[] | select(.id == \"IDE-001\")][0].votes == 5" r.json &&
		jq -e "[.ideas[] | select(.id == \"IDE-003\")][0].votes == 0" r.json
	'

	test_expect_success 'JSON: the service has its keys and its blueprint in the columns order' '
		chain -T json -o "$SCRATCH/r.json" 2>/dev/null &&
		jq -e ".services[0] | .title == \"Courses montées à domicile\" and
			(.roles | length) == 4 and (.needs | length) == 3 and
			(.cost | startswith(\"2 €\")) and (.test | length) > 0 and
			.steps == [\"ETP-001\", \"ETP-002\", \"ETP-003\", \"ETP-005\", \"ETP-004\"]" r.json &&
		jq -e "[.. | objects | select(.type? == \"step\")] | all(.service_id != null)" r.json
	'

	test_expect_success 'every record is counted: in = kept + duplicates + quarantined, per file too' '
		chain -T json -o "$SCRATCH/r.json" 2>/dev/null &&
		jq -e ".counts.in == .counts.kept + .counts.duplicates + .counts.quarantined" r.json &&
		jq -e ".sources | all(.in == .kept + .duplicates + .quarantined)" r.json &&
		jq -e ".counts.in == 33 and .counts.quarantined == 0" r.json
	'

	test_expect_success 'a sequence raised at the table is kept, flagged, and warned about' '
		chain -T json -o "$SCRATCH/r.json" 2>err &&
		jq -e "[.sequences[] | select(.id == \"chauffage\")][0].stages[0].frictions[0].new_sequence" r.json &&
		test_grep "entretiens.csv:5: warning: sequence .chauffage. is in no deck: kept as a new sequence" err
	'

	test_expect_success 'an idea without a serial has a content id, the same whatever else is collected' '
		chain -T json -o "$SCRATCH/a.json" 2>/dev/null &&
		(cd "$TOP" && utilab-collect $WS tests/golden/later/besoins.yaml -T json) >b.json 2>/dev/null &&
		id=$(jq -r ".sequences[].stages[].frictions[] | select(.id == \"FRI-001\") | .ideas[0]" a.json) &&
		case $id in idee-des-voisins-volontaires-*) ;; *) echo "id: $id"; exit 1;; esac &&
		jq -e --arg id "$id" "[.sequences[].stages[].frictions[] | select(.id == \"FRI-001\")][0].ideas[0] == \$id" b.json
	'
else
	test_skip 'JSON links, tallies, services, counts' 'no jq'
fi

test_expect_success 'inputs in any order give the same bytes, in every format' '
	for fmt in md json csv html; do
		chain -T $fmt -o "$SCRATCH/a.$fmt" 2>/dev/null &&
		(cd "$TOP" && utilab-collect $WS -T $fmt -o "$SCRATCH/b.$fmt" \
			workshops/exemples/service/courses.yaml \
			workshops/exemples/ideation/votes.csv \
			tests/golden/later/besoins.yaml \
			workshops/exemples/terrain/entretiens.csv \
			workshops/exemples/ideation/table-1.yaml \
			workshops/exemples/terrain/balade.yaml) 2>/dev/null &&
		cmp a.$fmt b.$fmt || exit 1
	done
'

test_expect_success 'HTML: links both ways between frictions, field notes and services' '
	chain -T html -o "$SCRATCH/r.html" 2>/dev/null &&
	test_grep "<li id=\"FRI-001\">" r.html &&
	test_grep "<li id=\"OBS-001\">" r.html &&
	test_grep "<article class=\"service\" id=\"service-courses-montees-a-domicile-" r.html &&
	test_grep "Services : <a href=\"#service-courses-montees-a-domicile-" r.html &&
	test_grep "<li><a href=\"#FRI-001\">FRI-001</a> L" r.html &&
	test_grep "<tr id=\"ETP-003\"><td>Commander</td>" r.html
'

test_expect_success 'CSV: the later keys and the links have their columns' '
	chain -T csv -o "$SCRATCH/r.csv" 2>/dev/null &&
	head -n 1 r.csv >h &&
	test_grep ",title,poster,item,verdict,service,for,roles,needs,cost,test,observations,services,about" h &&
	test_grep "^OBS-004,observation,OBS-004,.*,contradicts," r.csv
'

# One results file per mistake; each is quarantined with its reason.
test_expect_success 'what is wrong is quarantined with its reason, and kept for fixing' '
	cat >bad.yaml <<-\YAML &&
	utilab-results: 1
	workshop: ideation
	items:
	  - type: vote
	    poster: vote-idee
	    item: 1
	    votes: 3
	  - type: vote
	    poster: vote-idees
	    item: 99
	    votes: 3
	  - type: vote
	    poster: vote-idees
	    item: "Santé publique"
	    votes: 1
	  - type: observation
	    verdict: peut-être
	    text: "Vu quelque chose"
	  - type: friction
	    verdict: confirme
	    text: "Une friction avec un verdict"
	  - type: step
	    text: "Une étape sans son service"
	YAML
	test_expect_code 4 utilab-collect $WS -q q.csv -o out.md bad.yaml 2>err &&
	test_grep "bad.yaml:4: warning: quarantined: unknown poster .vote-idee. \(did you mean .vote-idees.\?\)" err &&
	test_grep "bad.yaml:8: warning: quarantined: item 99 of poster .vote-idees. does not exist \(1 to 11\)" err &&
	test_grep "bad.yaml:12: warning: quarantined: poster .vote-idees. has no item .Santé publique.$" err &&
	test_grep "bad.yaml:16: warning: quarantined: verdict .peut-être. is none of confirms, nuances or contradicts" err &&
	test_grep "bad.yaml:19: warning: quarantined: .verdict. is for observations" err &&
	test_grep "bad.yaml:22: warning: quarantined: a step needs the service it belongs to" err &&
	test_grep "^utilab-collect: 6 in = 0 kept \+ 0 duplicates \+ 6 quarantined$" err &&
	head -n 1 q.csv | tr -d "\r" >h &&
	test_grep ",answers,workshop,poster,item,verdict$" h
'

test_expect_success 'the fixed quarantine reads back with its poster and item' '
	cat >bad.yaml <<-\YAML &&
	utilab-results: 1
	workshop: ideation
	items:
	  - type: vote
	    poster: vote-idee
	    item: 2
	    votes: 3
	YAML
	test_expect_code 4 utilab-collect $WS -q q.csv -o out.md bad.yaml 2>/dev/null &&
	sed "s/vote-idee,/vote-idees,/" q.csv >fixed.csv &&
	utilab-collect $WS -T json -o r.json fixed.csv 2>err &&
	test_grep " 1 in = 1 kept" err &&
	if test_have jq; then
		jq -e ".posters[0].items[0] | .item == 2 and .votes == 3" r.json
	fi
'

test_expect_success 'French column labels of a form or a sheet name the later keys' '
	printf "%s\n" "type,titre,pour qui ?,qui fait quoi ?,combien ça coûte ?,premier essai,répond à" \
		"service,Un marché le samedi,Les familles de la rue,Le centre social | Les commerçants,Gratuit,Un samedi en mai,FRI-002" >form.csv &&
	utilab-collect $WS -T json -o r.json form.csv 2>err &&
	if test_have jq; then
		jq -e ".services[0] | .title == \"Un marché le samedi\" and .for == \"Les familles de la rue\" and
			.roles == [\"Le centre social\", \"Les commerçants\"] and .cost == \"Gratuit\" and
			.test == \"Un samedi en mai\" and .answers == [\"FRI-002\"]" r.json
	fi
'

test_expect_success 'a KoboToolbox form made for a service workshop reads with -w and no mapping' '
	printf "%s\n" "start,end,type_de_carte,Nom du service,Pour qui ?,Qui fait quoi ?,Combien ça coûte ?,Premier essai,Répond à,_id,_uuid,_submission_time,_submitted_by" \
		"2026-04-11T09:00,2026-04-11T09:10,service,Un marché le samedi,Les familles,Le centre social | Les commerçants,Gratuit,Un samedi en mai,FRI-002,1,abc-1,2026-04-11T10:00:00,lucie" >kobo.csv &&
	utilab-collect $WS -T json -o r.json kobo.csv 2>err &&
	test_grep "^utilab-collect: 1 in = 1 kept" err &&
	! grep -q lucie r.json &&
	if test_have jq; then
		jq -e ".services[0] | .id == \"kobo:abc-1\" and .title == \"Un marché le samedi\" and
			.roles == [\"Le centre social\", \"Les commerçants\"] and .session == \"2026-04-11\"" r.json
	fi
'

test_expect_success 'personal data in the later keys is masked by default' '
	cat >svc.yaml <<-\YAML &&
	utilab-results: 1
	workshop: service
	items:
	  - type: service
	    title: "Un service"
	    for: "Appeler Lucie au 06 12 34 56 78 ou lucie@example.org"
	YAML
	utilab-collect $WS -T json -o r.json svc.yaml 2>err &&
	! grep -q "06 12 34 56 78" r.json &&
	! grep -q "lucie@example.org" r.json &&
	test_grep "warning: .* holds an e-mail address and a phone number" err
'

if [ -f "$X/table-1.yaml" ]; then
	test_expect_success 'the catalogue example results of the four workshops make one report' '
		{ (cd "$X" && utilab-collect $WS -T json table-* terrain/* ideation/* service/*) \
			>r.json 2>err; code=$?; } &&
		# 3: the needs examples hold one record to fix on purpose
		test "$code" = 3 &&
		test_grep " 1 quarantined$" err &&
		if test_have jq; then
			jq -e "(.observations | length) >= 8 and (.services | length) == 1 and
				(.posters | length) == 1" r.json &&
			jq -e "[.sequences[].stages[].frictions[] | select(.id == \"FRI-001\")][0] |
				(.observations | length) >= 3 and (.services | length) == 1" r.json
		fi
	'
	# utilab-collect(1) EXAMPLES, its first block as written, from a copy
	# of the installed catalogue: the report must go where a user may write.
	test_expect_success 'the man page first example runs as written' '
		mkdir -p share/utilab home &&
		cp -R "$W" share/utilab/workshops &&
		sed -n "/^cd \/usr\/local\/share\/utilab\/workshops\/exemples/,/^\.Ed/p" \
			"$TOP/man/man1/utilab-collect.1" | sed -e "/^\.Ed/d" -e "s/\\\\e/\\\\/g" \
			-e "s|/usr/local/share/utilab|$PWD/share/utilab|" >example.sh &&
		test_grep "^utilab-collect " example.sh &&
		{ HOME=$PWD/home sh example.sh 2>err; code=$?; } &&
		test "$code" = 3 &&
		test_grep "<html" home/suivi.html &&
		test_path_is_missing share/utilab/workshops/exemples/suivi.html
	'
else
	test_skip 'the catalogue example results of the four workshops' 'no needs examples in workshops/exemples'
	test_skip 'the man page first example runs as written' 'no needs examples in workshops/exemples'
fi

test_done
