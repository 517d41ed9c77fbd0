#!/bin/sh
# SPDX-License-Identifier: ISC
# utilab-new: listing the catalogue, scaffolding a definition from a
# template by editing its text (comments and layout kept), and refusing
# bad usage, bad names and overwrites with the documented exit codes.

. "$(dirname "$0")/../lib.sh"

catalogue() {
	mkdir -p cat &&
	cp "$GOLDEN/mini.yaml" cat/ &&
	UTILAB_CATALOGUE=$PWD/cat && export UTILAB_CATALOGUE
}

test_expect_success '-l lists the catalogue: name, kind, duration, summary' '
	catalogue &&
	# No summary and no duration: the title and the phases total show.
	sed -e "/^summary:/d" -e "/^duration:/d" -e "s/^kind: besoins/kind: service/" \
		cat/mini.yaml >cat/autre-atelier.yaml &&
	cat >cat/court.yaml <<-\EOT &&
	utilab: 1
	id: court
	title: "Court"
	summary: "Vingt minutes"
	phases: [{id: a, title: A, minutes: 20}]
	EOT
	echo "not a template" >cat/README &&
	utilab-new -l >out 2>err &&
	cat >expected <<-\EOT &&
	autre-atelier  service   45min  Atelier minimal
	court          autre     20min  Vingt minutes
	mini           besoins   45min  Un petit atelier pour les tests : une carte, un carnet, une affiche
	EOT
	test_cmp expected out &&
	test_cmp /dev/null err
'

test_expect_success '-l lists the real catalogue, every entry valid' '
	utilab-new --list >out 2>err &&
	test_cmp /dev/null err &&
	test "$(wc -l <out)" -ge 4 &&
	test_grep "^sequences-de-vie +besoins +[0-9]+h[0-9][0-9]  [^ ]" out &&
	test_grep "^terrain +terrain " out &&
	test_grep "^ideation +ideation " out &&
	test_grep "^service +service " out
'

test_expect_success '-l with a broken entry: listed as invalid, errors, exit 65' '
	catalogue &&
	printf "utilab: 1\nid: cassé\ntitle: x\n" >cat/casse.yaml &&
	test_expect_code 65 utilab-new -l >out 2>err &&
	test_grep "^casse +\(invalid: see the errors\)$" out &&
	test_grep "^mini +besoins" out &&
	test_grep "cat/casse\.yaml:2:5: error: bad id" err
'

test_expect_success 'scaffold: ID.yaml, only the id line changes' '
	catalogue &&
	utilab-new mini fives-courses 2>err &&
	test_cmp /dev/null err &&
	sed "s/^id: mini$/id: fives-courses/" "$GOLDEN/mini.yaml" >expected &&
	test_cmp expected fives-courses.yaml
'

test_expect_success 'scaffold from the real catalogue keeps every comment' '
	utilab-new -s title="Les courses à Fives" sequences-de-vie fives 2>err &&
	test_cmp /dev/null err &&
	grep "^ *#" "$TOP/workshops/sequences-de-vie.yaml" >want &&
	grep "^ *#" fives.yaml >got &&
	test_cmp want got &&
	test_grep "^id: fives +# " fives.yaml &&
	test_grep "^title: \"Les courses à Fives\"$" fives.yaml
'

test_expect_success '-s replaces values, keeps comments at their column, inserts after title' '
	catalogue &&
	cat >cat/commented.yaml <<-\EOT &&
	# En-tête
	utilab: 1
	id: commented   # identifiant
	title: "Ancien"
	territory: "Lille"           # à adapter
	question: >
	  Une question
	  sur deux lignes

	# Les phases
	phases: []
	EOT
	utilab-new -s question="Où ?" -s territory="Fives" -s date=2024-02-29 \
		-s summary="Dit \"bonjour\" \\ puis" -s lang=fr-BE -s duration=90 \
		-o out.yaml commented neuf 2>err &&
	cat >expected <<-\EOT &&
	# En-tête
	utilab: 1
	id: neuf        # identifiant
	title: "Ancien"
	date: 2024-02-29
	summary: "Dit \"bonjour\" \\ puis"
	lang: fr-BE
	duration: 90
	territory: "Fives"           # à adapter
	question: "Où ?"

	# Les phases
	phases: []
	EOT
	test_cmp expected out.yaml &&
	test_cmp /dev/null err
'

test_expect_success '-s quotes what plain YAML would misread' '
	catalogue &&
	utilab-new -s title="yes" -s territory="#1: a, [b]" -s kind=service \
		-s question="$(printf "deux\nlignes")" -o - mini >out 2>err &&
	test_grep "^title: \"yes\"$" out &&
	test_grep "^territory: \"#1: a, \[b\]\"$" out &&
	test_grep "^kind: service$" out &&
	test_grep "^question: \"deux\\\\nlignes\"$" out
'

test_expect_success 'the last -s for a key wins' '
	catalogue &&
	utilab-new -s title=Un -s title=Deux -o - mini >out &&
	test_grep "^title: \"Deux\"$" out &&
	test "$(grep -c "^title:" out)" = 1
'

test_expect_success 'a missing final newline stays missing, keys still go after title' '
	catalogue &&
	printf "utilab: 1\nid: x\ntitle: T" >cat/nonl.yaml &&
	utilab-new -s date=2024-01-01 -o out.yaml nonl neuf &&
	printf "utilab: 1\nid: neuf\ntitle: T\ndate: 2024-01-01\n" >expected &&
	test_cmp expected out.yaml &&
	utilab-new -f -o out.yaml nonl neuf &&
	printf "utilab: 1\nid: neuf\ntitle: T" >expected &&
	test_cmp expected out.yaml
'

test_expect_success 'refuses to overwrite without -f (73), overwrites with -f' '
	catalogue &&
	echo keep >mini.yaml &&
	test_expect_code 73 utilab-new mini 2>err &&
	test_grep "^utilab-new: error: '\''mini\.yaml'\'' already exists \(use -f to overwrite\)$" err &&
	echo keep >expected &&
	test_cmp expected mini.yaml &&
	utilab-new -f mini &&
	test_cmp "$GOLDEN/mini.yaml" mini.yaml
'

test_expect_success 'never writes over the template itself' '
	catalogue &&
	cp cat/mini.yaml before &&
	test_expect_code 73 utilab-new -f -o cat/mini.yaml mini 2>err &&
	test_grep "refusing to overwrite the input .*cat/mini.yaml" err &&
	test_cmp before cat/mini.yaml
'

test_expect_success '-o - writes to standard output, nothing else' '
	catalogue &&
	utilab-new -o - mini >out &&
	test_cmp "$GOLDEN/mini.yaml" out &&
	test_path_is_missing mini.yaml
'

test_expect_success '-o /dev/full is an I/O error (74)' '
	catalogue &&
	test_expect_code 74 utilab-new -o /dev/full mini 2>err &&
	test -s err
'

test_expect_success 'an output in a missing directory cannot be created (73)' '
	catalogue &&
	test_expect_code 73 utilab-new -o nodir/ws.yaml mini 2>err &&
	test_path_is_missing nodir
'

test_expect_success 'template names are plain names (64)' '
	catalogue &&
	test_expect_code 64 utilab-new ../cat/mini 2>err &&
	test_grep "template names are plain names" err &&
	test_expect_code 64 utilab-new cat/mini 2>err &&
	test_expect_code 64 utilab-new .. 2>err &&
	test_expect_code 64 utilab-new .mini 2>err &&
	test_path_is_missing mini.yaml
'

test_expect_success 'NAME.yaml names the same template' '
	catalogue &&
	utilab-new -o - mini.yaml >out &&
	test_cmp "$GOLDEN/mini.yaml" out
'

test_expect_success 'an unknown template lists the known ones (64)' '
	catalogue &&
	cp cat/mini.yaml cat/maxi.yaml &&
	test_expect_code 64 utilab-new mnii 2>err &&
	cat >expected <<-\EOT &&
	utilab-new: error: unknown template '\''mnii'\'' (did you mean '\''mini'\''?)
	utilab-new: note: known templates: maxi, mini
	EOT
	test_cmp expected err
'

test_expect_success 'a missing catalogue is missing input (66)' '
	UTILAB_CATALOGUE=$PWD/nowhere && export UTILAB_CATALOGUE &&
	test_expect_code 66 utilab-new -l 2>err &&
	test_grep "cannot read the catalogue" err &&
	test_expect_code 66 utilab-new nope 2>err
'

test_expect_success 'a bad id is a usage error (64)' '
	catalogue &&
	test_expect_code 64 utilab-new mini Fives_Courses 2>err &&
	test_grep "bad id '\''Fives_Courses'\''" err &&
	test_path_is_missing Fives_Courses.yaml
'

test_expect_success '-s: unknown keys get a suggestion, id is the operand (64)' '
	catalogue &&
	test_expect_code 64 utilab-new -s titel=x mini 2>err &&
	test_grep "^utilab-new: -s cannot set '\''titel'\'' \(did you mean '\''title'\''\?\)" err &&
	test_expect_code 64 utilab-new -s id=x mini 2>err &&
	test_grep "second operand" err &&
	test_expect_code 64 utilab-new -s title mini 2>err &&
	test_grep "KEY=VALUE" err &&
	test_expect_code 64 utilab-new -s "title=$(printf "\377")" mini 2>err &&
	test_grep "not valid UTF-8" err &&
	test_path_is_missing mini.yaml
'

test_expect_success 'usage errors (64), -h and --version (0)' '
	test_expect_code 64 utilab-new 2>err &&
	test_grep "^usage: utilab-new" err &&
	test_expect_code 64 utilab-new a b c 2>err &&
	test_expect_code 64 utilab-new -l mini 2>err &&
	test_expect_code 64 utilab-new --bogus 2>err &&
	utilab-new -h >out &&
	test_grep "^usage: utilab-new" out &&
	test_grep "^  -s, --set" out &&
	utilab-new --help >out &&
	utilab-new --version >out &&
	test_grep "^utilab-new [0-9]+\.[0-9]+" out
'

test_done
