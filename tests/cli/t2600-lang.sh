#!/bin/sh
# SPDX-License-Identifier: ISC
# Languages (issue 11): the one BCP 47 rule, texts in several languages
# and bilingual faces with right-to-left Arabic, the bundled fallback
# fonts, commons metadata, values that YAML read as empty, and Unicode
# controls refused in texts (issue 14).

. "$(dirname "$0")/../lib.sh"

IN=$GOLDEN/lang

# A minimal workshop with one prompt deck, HEAD plus what a test adds.
ws() {
	{
		printf 'utilab: 1\nid: t\ntitle: "T"\n'
		cat
	} >"$1"
}

test_expect_success 'lang: fr-FR and FR are French, en-GB is English' '
	printf "lang: fr-FR\n" | ws a.yaml && utilab-cards -n a.yaml &&
	printf "lang: FR\n" | ws b.yaml && utilab-cards -n b.yaml &&
	printf "lang: en-GB\n" | ws c.yaml && utilab-cards -n c.yaml &&
	printf "lang: fr_Latn_BE\n" | ws d.yaml && utilab-cards -n d.yaml
'

test_expect_success 'an unsupported language is a positioned error listing those there are' '
	printf "lang: de\n" | ws a.yaml &&
	test_expect_code 65 utilab-cards -n a.yaml 2>err &&
	test_grep "a.yaml:4:7: error: unsupported language .de. for .lang.: utilab prints its kits in fr or en" err &&
	printf "lang: ar\n" | ws b.yaml &&
	test_expect_code 65 utilab-cards -n b.yaml 2>err &&
	test_grep "only in .langs." err &&
	printf "langs: [fr, xx]\n" | ws c.yaml &&
	test_expect_code 65 utilab-cards -n c.yaml 2>err &&
	test_grep "c.yaml:4:13: error: unsupported language .xx. in .langs.: use fr, en or ar" err
'

test_expect_success 'the kit language drives the run sheet (en-GB gives English)' '
	printf "lang: en-GB\nphases: [{id: a, title: A, minutes: 5}]\n" | ws a.yaml &&
	utilab-cards -S -o a.pdf a.yaml &&
	pdftotext a.pdf - >a.txt &&
	test_grep "FACILITATOR" a.txt &&
	printf "lang: FR-fr\nphases: [{id: a, title: A, minutes: 5}]\n" | ws b.yaml &&
	utilab-cards -S -o b.pdf b.yaml &&
	pdftotext b.pdf - >b.txt &&
	test_grep "FICHE D" b.txt
'

test_expect_success 'a mapping lacking a language of langs, or with one outside, is an error' '
	cat >a.yaml <<-\EOT &&
	utilab: 1
	id: t
	langs: [fr, ar]
	title: {fr: "Les courses"}
	EOT
	test_expect_code 65 utilab-cards -n a.yaml 2>err &&
	test_grep "a.yaml:4:8: error: .title. has no text in .ar." err &&
	cat >b.yaml <<-\EOT &&
	utilab: 1
	id: t
	title: {fr: "Les courses", ar: "التسوق"}
	EOT
	test_expect_code 65 utilab-cards -n b.yaml 2>err &&
	test_grep "b.yaml:3:28: error: .ar. is in no language of .langs. .fr." err &&
	cat >c.yaml <<-\EOT &&
	utilab: 1
	id: t
	langs: [fr, ar]
	title: {fr: "A", fr-FR: "B", ar: "ج"}
	EOT
	test_expect_code 65 utilab-cards -n c.yaml 2>err &&
	test_grep "gives the text in .fr. twice" err
'

test_expect_success 'a French + Arabic deck: -n clean, shaped RTL Arabic extracted, fonts embedded' '
	utilab-cards -n "$IN/fr-ar.yaml" 2>err &&
	! grep -v "shrunk" err &&
	utilab-cards -o k.pdf "$IN/fr-ar.yaml" 2>err &&
	pdftotext k.pdf k.txt &&
	test_grep "Les courses" k.txt &&
	test_grep "التسوق" k.txt &&
	test_grep "أين؟" k.txt &&
	test_grep "الصعوبات" k.txt &&
	pdffonts k.pdf >fonts &&
	test_grep "NotoSansArabic" fonts &&
	! awk "NR > 2 && \$(NF-4) != \"yes\"" fonts | grep . &&
	if test_have qpdf; then qpdf --check k.pdf >/dev/null; fi
'

test_expect_success 'Arabic is right-aligned: its words end at the right margin' '
	utilab-cards -o k.pdf "$IN/fr-ar.yaml" 2>/dev/null &&
	pdftotext -f 2 -l 2 -bbox k.pdf bbox.html &&
	# the Arabic title (the line under the French one) ends further right
	fr=$(grep -m1 ">Les<" bbox.html | sed "s/.*xMax=\"\([0-9.]*\)\".*/\1/") &&
	ar=$(grep "[ءاأبتثجحخدذرزسشصضطظعغفقكلمنهوي]" bbox.html |
		sed "s/.*xMax=\"\([0-9.]*\)\".*/\1/" | sort -n | tail -1) &&
	test -n "$fr" && test -n "$ar" &&
	awk -v a="$ar" -v f="$fr" "BEGIN { exit !(a > f + 40) }"
'

test_expect_success 'a bilingual journey poster: columns and rows in both languages' '
	utilab-cards -p parcours -o p.pdf "$IN/fr-ar.yaml" &&
	pdftotext p.pdf p.txt &&
	test_grep "Avant" p.txt &&
	test_grep "قبل" p.txt &&
	test_grep "المتجر" p.txt
'

test_expect_success '-L ar prints the deck in Arabic only' '
	utilab-cards -L ar -d moments -o ar.pdf "$IN/fr-ar.yaml" 2>err &&
	pdftotext ar.pdf ar.txt &&
	test_grep "التسوق" ar.txt &&
	! grep "Les courses" ar.txt &&
	sed "s|^version: .*|&\nqr: {url: \"https://exemple.fr/{card}?l={lang}\"}|; s|^    kind: prompt|&\n    qr: true|" \
		"$IN/fr-ar.yaml" >q.yaml &&
	if test_have zbarimg; then
		utilab-cards -L ar -d moments -o q.pdf q.yaml 2>/dev/null &&
		pdftoppm -r 300 -png -f 1 -l 1 q.pdf q &&
		zbarimg --raw -q q-1.png 2>/dev/null >qr &&
		test_grep "^https://exemple.fr/courses.l=ar\$" qr
	fi &&
	test_expect_code 64 utilab-cards -L tr -n "$IN/fr-ar.yaml" 2>err &&
	test_grep "not among the workshop.s .langs. .fr, ar." err
'

test_expect_success 'a character no bundled font has is an error when rendering, naming the card' '
	cat >a.yaml <<-\EOT &&
	utilab: 1
	id: t
	title: T
	decks:
	  - id: d
	    title: D
	    cards:
	      - {id: c, title: "Chat 中"}
	EOT
	test_expect_code 65 utilab-cards -o a.pdf a.yaml 2>err &&
	test_grep "a.yaml:8:24: error: card .c.: no bundled font has U.4E2D" err &&
	test_path_is_missing a.pdf
'

test_expect_success 'Turkish, Romanian and Tifinagh are covered by the bundled fonts' '
	cat >a.yaml <<-\EOT &&
	utilab: 1
	id: t
	title: T
	decks:
	  - id: d
	    title: D
	    cards:
	      - {id: tr, title: "İstanbul ğ ş ı", text: "Şehir"}
	      - {id: ro, title: "Țară și școală", text: "ă â î"}
	      - {id: ber, title: "ⵜⴰⵎⴰⵣⵉⵖⵜ"}
	EOT
	utilab-cards -n a.yaml 2>err &&
	! grep "font" err
'

test_expect_success 'bidi overrides and isolates are refused with their position' '
	printf "summary: \"Prix \\\\u202E000 1\"\n" | ws a.yaml &&
	test_expect_code 65 utilab-cards -n a.yaml 2>err &&
	test_grep "a.yaml:4:10: error: .summary. holds the invisible direction control U.202E" err &&
	printf "summary: \"a \\\\u2067b\\\\u2069\"\n" | ws b.yaml &&
	test_expect_code 65 utilab-cards -n b.yaml 2>err &&
	test_grep "U.2067" err &&
	printf "summary: \"right\\\\u200Fmark\"\n" | ws c.yaml &&
	utilab-cards -n c.yaml
'

test_expect_success 'more than 4 combining marks on one character are refused' '
	printf "summary: \"e\\\\u0301\\\\u0301\\\\u0301\\\\u0301\\\\u0301\"\n" | ws a.yaml &&
	test_expect_code 65 utilab-cards -n a.yaml 2>err &&
	test_grep "stacks more than 4 combining marks" err &&
	printf "summary: \"e\\\\u0301\\\\u0301\"\n" | ws b.yaml &&
	utilab-cards -n b.yaml
'

test_expect_success 'an unquoted #colour is reported with the fix' '
	printf "theme:\n  color: #005A9C\n" | ws a.yaml &&
	test_expect_code 65 utilab-cards -n a.yaml 2>err &&
	test_grep "a.yaml:5:9: error: .color. is empty: an unquoted .#. starts a YAML comment; quote it: .#005A9C." err &&
	printf "theme:\n  color: \"#005A9C\"\n" | ws b.yaml &&
	utilab-cards -n b.yaml &&
	printf "utilab: 1\nid: t\ntitle: #Les courses\n" >c.yaml &&
	test_expect_code 65 utilab-cards -n c.yaml 2>err &&
	test_grep "c.yaml:3:7: error: .title. is empty: an unquoted .#. starts a YAML comment; quote it: .#Les courses." err &&
	test "$(wc -l <err)" -eq 1
'

test_expect_success 'a bare key (text, colour, list, mapping) is an error with the fix; ~ is the key left out' '
	printf "summary:\ntheme:\n  color:\npartners:\ndecks:\n  - id: d\n    title: D\n    back:\n    cards: [{id: a, title: A}]\n" | ws a.yaml &&
	test_expect_code 65 utilab-cards -n a.yaml 2>err &&
	test_grep "^a.yaml:4:9: error: .summary. is empty: write a value after the colon, or remove the line$" err &&
	test_grep "^a.yaml:6:9: error: .color. is empty: write a value after the colon, or remove the line$" err &&
	test_grep "^a.yaml:7:10: error: .partners. is empty: write a value after the colon, or remove the line$" err &&
	test_grep "^a.yaml:11:10: error: .back. is empty: write a value after the colon, or remove the line$" err &&
	test "$(wc -l <err)" -eq 4 &&
	test_expect_code 65 utilab-cards -o a.pdf a.yaml 2>/dev/null &&
	test_path_is_missing a.pdf &&
	printf "summary: ~\npartners: ~\n" | ws b.yaml &&
	utilab-cards -n b.yaml
'

test_expect_success 'commons keys: SPDX licence checked, printed, and in the PDF metadata' '
	printf "license: CC-BY-SA-4\n" | ws a.yaml &&
	test_expect_code 65 utilab-cards -n a.yaml 2>err &&
	test_grep "a.yaml:4:10: error: unknown licence .CC-BY-SA-4. .did you mean .CC-BY-SA-4.0.\?." err &&
	printf "license: cc-by-sa-4.0\n" | ws b.yaml &&
	test_expect_code 65 utilab-cards -n b.yaml 2>err &&
	test_grep "did you mean .CC-BY-SA-4.0." err &&
	utilab-cards -o k.pdf "$IN/fr-ar.yaml" 2>/dev/null &&
	pdfinfo k.pdf >info &&
	test_grep "^Author: *Utilab, Outillerie en Commun" info &&
	strings k.pdf | grep -a "/Subject" >subj &&
	test_grep "^Keywords:.*utilab:lang=fr" info &&
	pdftotext k.pdf - | grep -c "CC-BY-SA-4.0" >n &&
	test "$(cat n)" -ge 2
'

test_expect_success 'list headings drawn in the deck colour are contrast-checked' '
	cat >a.yaml <<-\EOT &&
	utilab: 1
	id: t
	title: T
	decks:
	  - id: p
	    title: P
	    kind: persona
	    color: "#F5A0B4"
	    cards:
	      - {id: n, title: "Nadia", goals: ["Manger"], frustrations: ["Attendre"]}
	EOT
	test_expect_code 65 utilab-cards -n a.yaml 2>err &&
	test_grep "card .n., the list headings in the deck.s colour: contrast" err
'

test_expect_success 'poster texts are checked on the colour they are drawn on' '
	cat >a.yaml <<-\EOT &&
	utilab: 1
	id: t
	title: T
	posters:
	  - id: p
	    kind: journey
	    title: "Parcours"
	    color: "#808080"
	    columns: [Avant, Après]
	    rows: [Faire]
	EOT
	test_expect_code 65 utilab-cards -n a.yaml 2>err &&
	test_grep "poster .p.: the workshop title: contrast 4.2:1 of .#1D1D1B. on .#808080. is under 4.5:1" err
'

# Arabic letters in a text file: none on a French-only face.
has_arabic() {
	grep -qP "\p{Arabic}" "$1"
}

test_expect_success 'bilingual: back: the back carries the card in Arabic, shaped and right-aligned; the front French only' '
	sed "s/^langs: \[fr, ar\]/&\nbilingual: back/; /^    back: /d" "$IN/fr-ar.yaml" >back.yaml &&
	utilab-cards -n back.yaml 2>err &&
	! grep -v "shrunk" err &&
	utilab-cards -d moments -d gens -o b.pdf back.yaml &&
	test "$(pdfinfo b.pdf | sed -n "s/^Pages: *//p")" = 4 &&
	pdftotext -f 1 -l 1 b.pdf front.txt &&
	test_grep "Les courses" front.txt &&
	test_grep "Avec qui" front.txt &&
	! has_arabic front.txt &&
	pdftotext -f 2 -l 2 b.pdf back.txt &&
	test_grep "التسوق" back.txt &&
	test_grep "أين؟" back.txt &&
	test_grep "مع من؟" back.txt &&
	# the commons, as on a deck'"'"'s one back
	test_grep "CC-BY-SA-4.0" back.txt &&
	! grep "Les courses" back.txt &&
	! grep "Où" back.txt &&
	pdftotext -f 3 -l 3 b.pdf pfront.txt &&
	test_grep "OBJECTIFS" pfront.txt &&
	! has_arabic pfront.txt &&
	pdftotext -f 4 -l 4 b.pdf pback.txt &&
	test_grep "نادية" pback.txt &&
	test_grep "الصعوبات" pback.txt &&
	test_grep "المصعد معطل" pback.txt &&
	! grep "OBJECTIFS\|Nadia" pback.txt &&
	# right to left: the Arabic lines end at the right margin (58 mm of
	# a 69 mm page: 61 mm = 173 pt, less the ink side bearing)
	pdftotext -f 2 -l 2 -bbox b.pdf bbox.html &&
	ar=$(grep -P "\p{Arabic}" bbox.html |
		sed "s/.*xMax=\"\([0-9.]*\)\".*/\1/" | sort -n | tail -1) &&
	awk -v a="$ar" "BEGIN { exit !(a > 165 && a < 176) }" &&
	pdffonts b.pdf >fonts &&
	test_grep "NotoSansArabic" fonts &&
	! awk "NR > 2 && \$(NF-4) != \"yes\"" fonts | grep . &&
	if test_have qpdf; then qpdf --check b.pdf >/dev/null; fi
'

test_expect_success 'bilingual: back on one deck; a write-in deck keeps its labels under, on the front' '
	sed "s/^    kind: prompt/&\n    bilingual: back/" "$IN/fr-ar.yaml" >deck.yaml &&
	utilab-cards -n deck.yaml 2>err &&
	# the deck'"'"'s one back is not printed any more: said, not silent
	test_grep "^deck.yaml:16:5: warning: .back. is not printed: with .bilingual: back. each card.s back is the card in .ar.; remove .back., or print the deck .under.$" err &&
	! grep -v "shrunk\|not printed" err &&
	utilab-cards -d moments -d gens -o d.pdf deck.yaml &&
	pdftotext -f 1 -l 1 d.pdf f1.txt && ! has_arabic f1.txt &&
	pdftotext -f 2 -l 2 d.pdf b1.txt && test_grep "أين؟" b1.txt &&
	# the persona deck says nothing: the workshop'"'"'s under, both on the front
	pdftotext -f 3 -l 3 d.pdf f2.txt &&
	test_grep "Nadia" f2.txt && test_grep "نادية" f2.txt &&
	sed "s/^langs: \[fr, ar\]/&\nbilingual: back/" "$IN/fr-ar.yaml" >w.yaml &&
	utilab-cards -d frictions -o w.pdf w.yaml &&
	pdftotext -f 1 -l 1 w.pdf wf.txt &&
	test_grep "À quel moment" wf.txt &&
	test_grep "في أي لحظة" wf.txt &&
	# posters have no back: both languages on the poster
	utilab-cards -p parcours -o p.pdf w.yaml &&
	pdftotext p.pdf p.txt && test_grep "Avant" p.txt && test_grep "قبل" p.txt
'

test_expect_success 'bilingual: back under -L, and an unknown layout' '
	sed "s/^langs: \[fr, ar\]/&\nbilingual: back/" "$IN/fr-ar.yaml" >back.yaml &&
	utilab-cards -L fr -d moments -o l.pdf back.yaml &&
	pdftotext l.pdf l.txt &&
	! has_arabic l.txt &&
	sed "s/^langs: \[fr, ar\]/&\nbilingual: verso/" "$IN/fr-ar.yaml" >bad.yaml &&
	test_expect_code 65 utilab-cards -n bad.yaml 2>err &&
	test_grep "bad.yaml:6:12: error: unknown bilingual layout .verso.: use under, single or back" err &&
	sed "s/^    kind: prompt/&\n    bilingual: bak/" "$IN/fr-ar.yaml" >bad2.yaml &&
	test_expect_code 65 utilab-cards -n bad2.yaml 2>err &&
	test_grep "unknown bilingual layout .bak. .did you mean .back..?.: use" err
'

test_expect_success 'bilingual: back: utilab-print puts each Arabic back behind its card' '
	sed "s/^langs: \[fr, ar\]/&\nbilingual: back/" "$IN/fr-ar.yaml" >back.yaml &&
	utilab-cards -d moments -o b.pdf back.yaml &&
	utilab-print -o i.pdf b.pdf &&
	pdftotext -f 1 -l 1 i.pdf i1.txt && ! has_arabic i1.txt &&
	pdftotext -f 2 -l 2 i.pdf i2.txt && test_grep "أين؟" i2.txt
'

test_expect_success 'bilingual: back: -n checks each back as a face (fit, glyphs)' '
	sed "s/^langs: \[fr, ar\]/&\nbilingual: back/; s/ar: \"أين؟\"/ar: \"أين؟ 中\"/" \
		"$IN/fr-ar.yaml" >g.yaml &&
	test_expect_code 65 utilab-cards -n g.yaml 2>err &&
	test_grep "g.yaml:23:13: error: card .courses. .back.: no bundled font has U.4E2D" err
'

# Lam-alef: one glyph for two letters. cairo writes the letters in logical
# order in an /ActualText span (PDF 32000 14.9.4); poppler's pdftotext
# (22.12) turns them around with the right-to-left word ("شلا" extracts
# as "شال"), like pypdf#1589 and pdfminer.six#850, while mupdf reads them
# right. So the test reads the PDF itself, and mutool when it is there.
cat >"$SCRATCH_BASE/la.yaml" <<\EOT
utilab: 1
id: t
title: T
langs: [fr, ar]
decks:
  - id: d
    title: D
    cards:
      - {id: a, title: {fr: "A", ar: "شلا"}, text: {fr: "B", ar: "السلام الأهداف"}}
EOT

if test_have qpdf; then
	test_expect_success 'lam-alef ligatures carry their two letters in logical order (ActualText)' '
		utilab-cards -d d -o la.pdf "$SCRATCH_BASE/la.yaml" 2>/dev/null &&
		qpdf --qdf --object-streams=disable la.pdf q.pdf &&
		grep -a "/ActualText <feff06440627>" q.pdf &&
		grep -a "/ActualText <feff06440623>" q.pdf &&
		! grep -a "/ActualText <feff06270644>" q.pdf
	'
else
	test_skip 'lam-alef ActualText in logical order' 'no qpdf'
fi
if test_have mutool; then
	test_expect_success 'mupdf extracts lam-alef words in logical order' '
		utilab-cards -d d -o la.pdf "$SCRATCH_BASE/la.yaml" 2>/dev/null &&
		mutool draw -F txt -o m.txt la.pdf 2>/dev/null &&
		test_grep "شﻼ" m.txt &&
		test_grep "السﻼم" m.txt &&
		test_grep "اﻷهداف" m.txt
	'
else
	test_skip 'mupdf extracts lam-alef words' 'no mutool (mupdf-tools)'
fi

test_done
