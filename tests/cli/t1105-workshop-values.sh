#!/bin/sh
# SPDX-License-Identifier: ISC
# The values of a workshop definition, one key at a time, at their edges:
# each refused value gives exit 65 and its first error, positioned on the
# value (line and column), with the rule it breaks; each value at the
# edge of what is allowed is accepted. A small definition of one deck
# takes the line under test as line 4 (the workshop's keys) or line 7
# (the deck's).
. "$(dirname "$0")/../lib.sh"

cat >"$SCRATCH_BASE/base.yaml" <<'YAML'
utilab: 1
id: essai
title: "Essai"
decks:
  - id: d
    title: "Deck"
    cards:
      - id: c
        title: "Carte"
        text: "Texte"
YAML

# with AFTER LINES: the definition, LINES inserted after line AFTER.
with() {
	printf '%s\n' "$2" >ins &&
	sed "$1r ins" "$SCRATCH_BASE/base.yaml" >ws.yaml
}

# refused AFTER LINES MESSAGE: exit 65, MESSAGE the first line on stderr
# (ws.yaml: and the position included), and nothing written.
refused() {
	with "$1" "$2" &&
	test_expect_code 65 utilab-cards -o out.pdf ws.yaml 2>err || return 1
	first=$(grep ": error: " err | head -n 1)
	[ "$first" = "$3" ] || {
		echo "for: $2"; echo "got:    $first"; echo "wanted: $3"; return 1; }
	test_path_is_missing out.pdf
}

# accepted AFTER LINES: exit 0, no error.
accepted() {
	with "$1" "$2" &&
	utilab-cards -n ws.yaml 2>err || { echo "for: $2"; cat err; return 1; }
	! grep -q ": error: " err
}

test_expect_success 'dates: leap years, month lengths, the form, 1900 on' '
	accepted 3 "date: 2000-02-29" &&
	accepted 3 "date: 2024-02-29" &&
	refused 3 "date: 1900-02-29" "ws.yaml:4:7: error: '\''date'\'' must be a date written YYYY-MM-DD that exists, not '\''1900-02-29'\''" &&
	refused 3 "date: 2023-04-31" "ws.yaml:4:7: error: '\''date'\'' must be a date written YYYY-MM-DD that exists, not '\''2023-04-31'\''" &&
	refused 3 "date: 2023-13-01" "ws.yaml:4:7: error: '\''date'\'' must be a date written YYYY-MM-DD that exists, not '\''2023-13-01'\''" &&
	refused 3 "date: 1899-12-31" "ws.yaml:4:7: error: '\''date'\'' must be a date written YYYY-MM-DD that exists, not '\''1899-12-31'\''" &&
	refused 3 "date: 2023-1-01" "ws.yaml:4:7: error: '\''date'\'' must be a date written YYYY-MM-DD that exists, not '\''2023-1-01'\''" &&
	refused 3 "date: 2023/01/01" "ws.yaml:4:7: error: '\''date'\'' must be a date written YYYY-MM-DD that exists, not '\''2023/01/01'\''" &&
	refused 3 "date: 20x3-01-01" "ws.yaml:4:7: error: '\''date'\'' must be a date written YYYY-MM-DD that exists, not '\''20x3-01-01'\''"
'

test_expect_success 'licence: SPDX ids, a case hint, LicenseRef- names' '
	accepted 3 "license: CC-BY-SA-4.0" &&
	accepted 3 "license: LicenseRef-Mine.v2" &&
	refused 3 "license: cc-by-sa-4.0" "ws.yaml:4:10: error: unknown licence '\''cc-by-sa-4.0'\'' (did you mean '\''CC-BY-SA-4.0'\''?): write an SPDX id such as '\''CC-BY-SA-4.0'\'', '\''CC-BY-4.0'\'' or '\''CC0-1.0'\'' (https://spdx.org/licenses/), or '\''LicenseRef-NAME'\''" &&
	refused 3 "license: LicenseRef-" "ws.yaml:4:10: error: unknown licence '\''LicenseRef-'\'': write an SPDX id such as '\''CC-BY-SA-4.0'\'', '\''CC-BY-4.0'\'' or '\''CC0-1.0'\'' (https://spdx.org/licenses/), or '\''LicenseRef-NAME'\''" &&
	refused 3 "license: \"LicenseRef-a b\"" "ws.yaml:4:10: error: unknown licence '\''LicenseRef-a b'\'': write an SPDX id such as '\''CC-BY-SA-4.0'\'', '\''CC-BY-4.0'\'' or '\''CC0-1.0'\'' (https://spdx.org/licenses/), or '\''LicenseRef-NAME'\''"
'

test_expect_success 'source and version: one line each' '
	refused 3 "source: |
  a
  b" "ws.yaml:4:9: error: '\''source'\'' must be one line" &&
	refused 3 "version: |
  1
  2" "ws.yaml:4:10: error: '\''version'\'' must be one line" &&
	accepted 3 "source: https://example.org/essai
version: 1.2"
'

test_expect_success 'lang, theme, kind: the form, then what is supported' '
	refused 3 "lang: \"x!\"" "ws.yaml:4:7: error: '\''lang'\'' must be a language tag such as '\''fr'\'' or '\''fr-BE'\'', not '\''x!'\''" &&
	refused 3 "lang: zz" "ws.yaml:4:7: error: unsupported language '\''zz'\'' for '\''lang'\'': utilab prints its kits in fr or en" &&
	refused 3 "theme: {font: \"\"}" "ws.yaml:4:15: error: '\''font'\'' must not be empty" &&
	refused 3 "theme: rouge" "ws.yaml:4:8: error: '\''theme'\'' must be a mapping of keys, not text" &&
	refused 3 "kind: Besoins" "ws.yaml:4:7: error: unknown workshop kind '\''Besoins'\'' (did you mean '\''besoins'\''?): use besoins, terrain, ideation, service or autre"
'

test_expect_success 'numbers: bounds, sign, whole' '
	accepted 3 "duration: 1" &&
	accepted 3 "duration: 10080" &&
	refused 3 "duration: 0" "ws.yaml:4:11: error: '\''duration'\'' must be between 1 and 10080, not 0" &&
	refused 3 "duration: 10081" "ws.yaml:4:11: error: '\''duration'\'' must be between 1 and 10080, not 10081" &&
	accepted 3 "audience: {expected: +4}" &&
	refused 3 "audience: {expected: -3}" "ws.yaml:4:22: error: '\''expected'\'' must be between 1 and 10000, not -3" &&
	refused 3 "audience: {expected: 4.5}" "ws.yaml:4:22: error: '\''expected'\'' must be a whole number, not '\''4.5'\''"
'

test_expect_success 'a deck: per or copies, never both; their values' '
	accepted 6 "    copies: 100" &&
	refused 6 "    copies: 0" "ws.yaml:7:13: error: '\''copies'\'' must be between 1 and 100, not 0" &&
	refused 6 "    copies: 101" "ws.yaml:7:13: error: '\''copies'\'' must be between 1 and 100, not 101" &&
	refused 6 "    per: everyone" "ws.yaml:7:10: error: unknown '\''per'\'' value '\''everyone'\'': use workshop, table or person" &&
	refused 6 "    per: table
    copies: 2" "ws.yaml:8:5: error: '\''per'\'' and '\''copies'\'' both say how many sets to print: keep one" &&
	with 6 "    per: table" &&
	utilab-cards -n ws.yaml 2>err &&
	test_grep "^ws.yaml:7:10: warning: deck .d. is printed per table, but .audience. gives no .tables.: the kit holds one set$" err
'

test_expect_success 'a deck: sizes (names, WxHmm, a decimal comma, bounds), colours' '
	accepted 6 "    size: 63,5x88mm" &&
	accepted 6 "    size: 30x300mm" &&
	accepted 6 "    color: \"#AbCdEf\"" &&
	refused 6 "    size: \"63.5 x 88\"" "ws.yaml:7:11: error: unknown size '\''63.5 x 88'\'': use poker, bridge, tarot, a0 to a7, letter, or WxHmm such as '\''100x150mm'\''" &&
	refused 6 "    size: 63x88cm" "ws.yaml:7:11: error: unknown size '\''63x88cm'\'': use poker, bridge, tarot, a0 to a7, letter, or WxHmm such as '\''100x150mm'\''" &&
	refused 6 "    size: 29x88mm" "ws.yaml:7:11: error: size '\''29x88mm'\'' is out of bounds: each side must be between 30 and 300 mm" &&
	refused 6 "    size: 63x301mm" "ws.yaml:7:11: error: size '\''63x301mm'\'' is out of bounds: each side must be between 30 and 300 mm" &&
	refused 6 "    color: \"#GGG\"" "ws.yaml:7:12: error: '\''color'\'' must be a colour written #RGB or #RRGGBB (e.g. '\''#E4003A'\''), not '\''#GGG'\''" &&
	refused 6 "    color: \"#12345\"" "ws.yaml:7:12: error: '\''color'\'' must be a colour written #RGB or #RRGGBB (e.g. '\''#E4003A'\''), not '\''#12345'\''"
'

test_expect_success 'a deck: qr is true, false or a mapping; its size and ecc' '
	accepted 6 "    qr: FALSE" &&
	refused 6 "    qr: yes" "ws.yaml:7:9: error: '\''qr'\'' must be true, false or a mapping with '\''url'\'', '\''size'\'' or '\''ecc'\''" &&
	refused 6 "    qr: True" "ws.yaml:7:9: error: '\''qr'\'' is on but no URL template applies: add '\''qr: {url: …}'\'' here or at the top" &&
	with 6 "    qr: {url: \"https://example.org/{card}\", size: 5mm, ecc: Z}" &&
	test_expect_code 65 utilab-cards -n ws.yaml 2>err &&
	test_grep "^ws.yaml:7:51: error: QR .size. must be a length from 8 to 400 mm such as .24mm., not .5mm.$" err &&
	test_grep "^ws.yaml:7:61: error: unknown QR error correction .Z. .*: use L, M or Q$" err &&
	accepted 6 "    qr: {url: \"https://example.org/{card}\", size: 24mm, ecc: Q}" &&
	# too large for the card: the size is the cause, not the URL
	refused 6 "    qr: {url: \"https://example.org/{card}\", size: 400mm}" "ws.yaml:7:9: error: QR code of card '\''c'\'' does not fit: at '\''size: 400mm'\'' it needs 528.0 mm with the quiet zone and the card has room for 34.7 mm: give a smaller '\''size'\'', or choose a larger card '\''size'\''"
'

test_done
