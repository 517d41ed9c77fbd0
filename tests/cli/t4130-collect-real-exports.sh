#!/bin/sh
# SPDX-License-Identifier: ISC
# Genuine exports (tests/real/SYSTEM/, each with its README: repository,
# path, commit, licence) read as they are: for every input, the JSON
# report and the diagnostics are golden (what is kept, what is quarantined
# and why, which columns are dropped as personal), the counts conserve
# (in = kept + duplicates + quarantined), and no value of a personal
# column reaches the report (FILE.secrets lists them, one per line).
# An input's options, when it needs any (-F, -m), are in FILE.args.
#
#   UPDATE_GOLDEN=1 sh tests/cli/t4130-collect-real-exports.sh
# rewrites the goldens (review the diff before committing it).
. "$(dirname "$0")/../lib.sh"

REAL=$TOP/tests/real
WS=$GOLDEN/collect/ws.yaml

if ! command -v jq >/dev/null; then
	test_skip 'genuine exports (jq is needed to check the counts)'
	test_done
	exit 0
fi

for sys in kobo framaforms webform decidim miro google-forms limesurvey consul spreadsheets; do
	for path in "$REAL/$sys"/*; do
		case $path in
		*.csv|*.tsv|*.json|*.xlsx|*.ods|*.xls) ;;
		*) continue ;;
		esac
		f=$(basename "$path")
		g=$REAL/$sys/golden/$f
		args=
		[ -f "$path.args" ] && args=$(cat "$path.args")
		if [ -n "${UPDATE_GOLDEN:-}" ]; then
			mkdir -p "$REAL/$sys/golden"
			# shellcheck disable=SC2086
			(cd "$REAL/$sys" && utilab-collect -w "$WS" $args -T json "$f") >"$g.json" 2>"$g.err"
			echo "exit $?" >>"$g.err"
		fi
		test_expect_success "$sys/$f: report and diagnostics golden" '
			(cd "$REAL/'"$sys"'" && utilab-collect -w "$WS" '"$args"' -T json "'"$f"'") >out.json 2>err
			echo "exit $?" >>err
			test_cmp "'"$g"'.json" out.json &&
			test_cmp "'"$g"'.err" err
		'
		test_expect_success "$sys/$f: in = kept + duplicates + quarantined, in each source" '
			jq -e ".counts.in == .counts.kept + .counts.duplicates + .counts.quarantined" "'"$g"'.json" >/dev/null &&
			jq -e "all(.sources[]; .in == .kept + .duplicates + .quarantined)" "'"$g"'.json" >/dev/null &&
			jq -e ".counts.in > 0" "'"$g"'.json" >/dev/null
		'
		if [ -f "$path.secrets" ]; then
			test_expect_success "$sys/$f: no personal value in the report" '
				while IFS= read -r secret; do
					[ -n "$secret" ] || continue
					if grep -F -- "$secret" "'"$g"'.json"; then
						echo "personal value in the report: $secret" >&2
						return 1
					fi
				done <"'"$path"'.secrets"
			'
		fi
	done
done

test_expect_success 'a Kobo export without _uuid nor _submission_time (formpack) reads with -F kobo' '
	(cd "$REAL/kobo" && utilab-collect -F kobo -m formpack.map.yaml -T csv formpack-grouped.csv) >out.csv 2>err &&
	test_grep "2 in = 2 kept" err
'

test_expect_success 'the HXL hashtag row is a header line: no record, a note' '
	(cd "$REAL/kobo" && utilab-collect -w "$WS" -T json kpi-default.csv) >out.json 2>err
	test_grep "kpi-default.csv:2: note: HXL hashtag row skipped" err &&
	jq -e ".counts.in == 3" out.json >/dev/null
'

test_expect_success 'the group separator of a Kobo export is found from its header (/ and %)' '
	# The genuine exports, the 0/1 columns of their multiple choice put
	# under a tags question (the answer column left as it is): tags come
	# from those columns only, which the group separator must split.
	for f in kpi-default.csv kpi-group-sep-percent.csv; do
		sed "s/What kind of symmetry do you have?\([/%]\)/Thèmes\1/g; s/How many segments does your body have?/Texte/" \
			"$REAL/kobo/$f" >"$f" &&
		utilab-collect -T json "$f" >"$f.json" 2>/dev/null || return 1
		jq -c "[.sequences[].stages[].frictions[] | .tags]" "$f.json" >"$f.tags"
	done &&
	test_grep "Spherical" kpi-default.csv.tags &&
	test_cmp kpi-default.csv.tags kpi-group-sep-percent.csv.tags
'

test_expect_success 'Decidim: the CSV and the JSON export of the same proposals give the same report' '
	(cd "$REAL/decidim" && utilab-collect -w "$WS" -T json decidim-0.30-proposals.csv) 2>/dev/null |
		sed "s/decidim-0.30-proposals.csv:[0-9]*/SRC/g; s/decidim-0.30-proposals.csv/F/g; s/\"line\": [0-9]*/L/g" >csv.json &&
	(cd "$REAL/decidim" && utilab-collect -w "$WS" -T json decidim-0.30-proposals.json) 2>/dev/null |
		sed "s/decidim-0.30-proposals.json:[0-9]*/SRC/g; s/decidim-0.30-proposals.json/F/g; s/\"line\": [0-9]*/L/g" >json.json &&
	test_cmp csv.json json.json
'

test_expect_success 'Decidim: the tags are in one language, the workshop'"'"'s' '
	(cd "$REAL/decidim" && utilab-collect -w "$WS" -T json decidim-0.27-proposals.csv) >out.json 2>/dev/null &&
	jq -e "[.ideas[].tags[]] == [\"Mobilité\", \"Logement\"]" out.json >/dev/null
'

test_expect_success 'a JSON file that is no list of records is refused with what it is' '
	printf "{\"data\": 1}\n" >x.json &&
	test_expect_code 65 utilab-collect x.json >out 2>err &&
	test_grep "x.json:1:11: error: JSON: an object without a \"data\" list of records" err &&
	printf "[1]" >y.json &&
	test_expect_code 65 utilab-collect y.json >out 2>err &&
	test_grep "y.json:1:2: error: JSON: a list item that is not an object" err
'

test_expect_success 'Google Forms: a form made from a write-in deck reads with -w, no mapping' '
	(cd "$REAL/google-forms" && utilab-collect -w "$WS" -T json reponses-fr.csv) >out.json 2>err &&
	jq -e "[.sequences[].stages[].frictions[].fields.moment] == [\"Au retour\", \"Dans le magasin\"]" out.json >/dev/null &&
	jq -e "[.ideas[].id] == [\"IDE-003\"]" out.json >/dev/null &&
	jq -e "all(.. | .session? // empty; . == null)" out.json >/dev/null
'
# The French labels of a Webform export, as Webform's own translation
# gives them (framaforms/webform-6.x-3.x-fr.po, see its README): the
# header rows are built from the msgstr of the msgids the export writes
# (includes/webform.report.inc: "Submission Details"; Serial, SID, Time,
# IP Address, UID, Username), so the dialect is checked against the
# genuine strings, not against our own list.
po_msgstr() {
	awk -v id="$1" '
		$0 == "msgid \"" id "\"" { want = 1; next }
		want && /^msgstr / { sub(/^msgstr "/, ""); sub(/"$/, ""); print; exit }
		/^msgid / { want = 0 }' "$REAL/framaforms/webform-6.x-3.x-fr.po"
}

test_expect_success 'Webform in French (its own fr.po): every submission column understood' '
	for id in "Submission Details" Serial SID Time "IP Address" UID Username; do
		v=$(po_msgstr "$id") && test -n "$v" || { echo "no msgstr for $id" >&2; return 1; }
		printf "%s\n" "$v"
	done >labels &&
	test "$(sed -n 2p labels)" = "Séquentiel" &&
	{
		printf "\"Ce qui coince\"\n"
		printf "\"%s\"\t\"\"\t\"\"\t\"\"\t\"\"\t\"\"\t\"\"\t\"\"\n" "$(sed -n 1p labels)"
		sed -n "2,7p" labels | while IFS= read -r l; do printf "\"%s\"\t" "$l"; done
		printf "\"Numéro de carte\"\t\"Qu%sest-ce qui coince ?\"\n" "’"
		printf "\"1\"\t\"31\"\t\"12/05/2023 - 14:32\"\t\"192.0.2.17\"\t\"0\"\t\"\"\t\"FRI-007\"\t\"L%sascenseur est en panne.\"\n" "’"
		printf "\"2\"\t\"32\"\t\"13/05/2023 - 09:10\"\t\"192.0.2.18\"\t\"12\"\t\"lucie.m\"\t\"FRI-009\"\t\"Le bus ne passe plus.\"\n"
	} >webform-fr.tsv &&
	utilab-collect -w "$WS" -T json -o out.json webform-fr.tsv 2>err &&
	jq -e ".sources[0].format == \"framaforms\" and .counts.in == 2 and .counts.kept == 2" out.json >/dev/null &&
	jq -e ".sources[0].dropped_columns | length == 3 and .[0] == \"Adresse IP\" and .[1] == \"UID\" and (.[2] | startswith(\"Nom d\"))" out.json >/dev/null &&
	jq -e "[.. | .session? // empty] | unique == [\"2023-05-12\", \"2023-05-13\"]" out.json >/dev/null &&
	jq -e "[.. | .fields? // empty | keys[]] | all(. != \"Séquentiel\" and . != \"SID\")" out.json >/dev/null &&
	! grep -F -e lucie.m -e 192.0.2.17 out.json
'
test_done
