#!/bin/sh
# SPDX-License-Identifier: ISC
# Text as users' machines write it: decomposed accents (NFD, as macOS
# writes them), spreadsheets saved as Windows-1252 or UTF-16. Everything
# is read as NFC UTF-8, said in a warning when converted, and no row is
# ever lost quietly; the JSON report is always valid UTF-8.
. "$(dirname "$0")/../lib.sh"

C=$GOLDEN/collect

# valid_utf8 FILE: with iconv when present, else python3.
valid_utf8() {
	if test_have iconv; then
		iconv -f UTF-8 -t UTF-8 "$1" >/dev/null
	else
		python3 -c 'import sys; open(sys.argv[1], encoding="utf-8", errors="strict").read()' "$1"
	fi
}

if test_have jq; then
	test_expect_success 'NFD header, tags and texts: read as NFC, one tag for both spellings' '
		test_expect_code 3 utilab-collect -T json -o r.json "$C/nfd.csv" 2>err &&
		jq -e ".tags == [{\"tag\": \"sécurité\", \"items\": 2, \"tables\": 1}]" r.json &&
		jq -e "[.sequences[].stages[].frictions[].text] == [\"Le trottoir est défoncé\", \"Le bus\"]" r.json &&
		! grep "$(printf "\314\201")" r.json
	'
	test_expect_success 'a reason cut short ends on a whole character: the JSON is valid UTF-8' '
		test_expect_code 3 utilab-collect -T json -o r.json "$C/nfd.csv" 2>err &&
		valid_utf8 r.json &&
		valid_utf8 err &&
		jq -e ".quarantine[0].reason | test(\"^unknown type .né+. \")" r.json
	'
	test_expect_success 'Windows-1252: converted, said in a warning, every row kept' '
		utilab-collect -T json -o r.json "$C/cp1252.csv" 2>err &&
		test_grep "cp1252.csv: warning: not UTF-8: read as WINDOWS-1252, converted to UTF-8" err &&
		jq -e ".counts.kept == 2 and .counts.quarantined == 0" r.json &&
		jq -e "[.ideas[].text] == [\"Un banc à l’arrêt\"]" r.json &&
		jq -e ".tags[0].tag == \"sécurité\"" r.json
	'
	test_expect_success 'UTF-16 with its byte order mark (Excel "Unicode text"): converted' '
		printf "type\ttext\nfriction\tLe caf\303\251 est ferm\303\251\n" |
		    iconv -f UTF-8 -t UTF-16 >u16.csv &&
		utilab-collect -T json -o r.json u16.csv 2>err &&
		test_grep "read as UTF-16" err &&
		jq -e "[.sequences[].stages[].frictions[].text] == [\"Le café est fermé\"]" r.json
	'
	test_expect_success 'UTF-8 with a few bad bytes: those rows quarantined, counted, said' '
		printf "type,text\nfriction,caf\303\251\nfriction,caf\351\n" >mixed.csv &&
		test_expect_code 3 utilab-collect -T json -o r.json mixed.csv 2>err &&
		test_grep "not all UTF-8" err &&
		jq -e ".counts.in == 2 and .counts.kept == 1 and .counts.quarantined == 1" r.json &&
		valid_utf8 r.json
	'
	test_expect_success 'HTML in Miro and Decidim cells: entities and tags read as a browser would' '
		printf "id,type,data/content,style/fillColor\n" >miro.csv &&
		printf "1,sticky_note,\"<p>L&rsquo;ascenseur est <b>en panne</b> : r&eacute;paration pr&#233;vue</p><p>lundi &amp; mardi<br>au plus t&ocirc;t</p>\",yellow\n" >>miro.csv &&
		printf "2,sticky_note,\"<div>caf&#x65;&#x301; <!-- brouillon --><script>x()</script>ferm&eacute;</div>\",green\n" >>miro.csv &&
		utilab-collect -T json -o r.json miro.csv 2>err &&
		jq -e "[.sequences[].stages[].frictions[].text] ==
		    [\"L’ascenseur est en panne : réparation prévue lundi & mardi au plus tôt\"]" r.json &&
		jq -e "[.ideas[].text] == [\"café fermé\"]" r.json
	'
else
	for t in NFD cut cp1252 utf16 mixed html; do
		test_skip "unicode: $t" 'jq missing'
	done
fi

test_done
