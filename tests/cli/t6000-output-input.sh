#!/bin/sh
# SPDX-License-Identifier: ISC
# One rule in every command: no output may be a file the run read, directly
# or through a link (same device and inode), in any format; status 73 and
# the same message everywhere (lib/atomic, lib/input). The input is left
# untouched and nothing else is written.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/cli/print-lib.sh"

# A workshop with its own pictogram, named like the page a -T svg run
# writes for its first card.
workshop() {
	cp "$TOP/share/utilab/icons/panier.svg" "${1:-icon.svg}" &&
	cat >ws.yaml <<-EOT
	utilab: 1
	id: oi
	title: "Sortie sur entrée"
	decks:
	  - id: d
	    title: "Deck"
	    kind: prompt
	    cards:
	      - {id: c1, title: "Carte", text: "Un texte.", icon: ${1:-icon.svg}}
	EOT
	cp ws.yaml ws.before && cp "${1:-icon.svg}" icon.before
}

test_expect_success 'cards: the PDF over the definition, itself or by link' '
	workshop &&
	test_expect_code 73 utilab-cards -o ws.yaml ws.yaml 2>err &&
	test_grep "^utilab-cards: error: refusing to overwrite the input .ws.yaml.$" err &&
	ln -s ws.yaml sym.pdf && ln ws.yaml hard.pdf &&
	test_expect_code 73 utilab-cards -o sym.pdf ws.yaml 2>err &&
	test_grep "refusing to overwrite the input .ws.yaml. \\(as .sym.pdf.\\)" err &&
	test_expect_code 73 utilab-cards -o hard.pdf ws.yaml 2>err &&
	test_cmp ws.before ws.yaml &&
	test -L sym.pdf &&
	test_path_is_missing out.pdf
'

test_expect_success 'cards: the PDF over a pictogram (read after the output is opened)' '
	workshop &&
	test_expect_code 73 utilab-cards -o icon.svg ws.yaml 2>err &&
	test_grep "refusing to overwrite the input .*icon.svg" err &&
	test_cmp icon.before icon.svg &&
	! ls icon.svg.tmp* 2>/dev/null
'

test_expect_success 'cards -T svg -o .: a page named like a pictogram, nothing written' '
	workshop d-c1-front.svg &&
	test_expect_code 73 utilab-cards -T svg -o . ws.yaml 2>err &&
	test_grep "refusing to overwrite the input .*d-c1-front.svg" err &&
	test_cmp icon.before d-c1-front.svg &&
	test_path_is_missing sheet-run.svg &&
	test_path_is_missing d-c1-back.svg &&
	! ls -a | grep tmp
'

test_expect_success 'cards -T png -o .: the same for a PNG pictogram' '
	workshop &&
	utilab-cards -T png -r 20 -o pages ws.yaml &&
	cp pages/sheet-run.png d-c1-front.png &&
	sed -i "s/icon: icon.svg/icon: d-c1-front.png/" ws.yaml &&
	cp d-c1-front.png png.before &&
	test_expect_code 73 utilab-cards -T png -r 20 -o . ws.yaml 2>err &&
	test_grep "refusing to overwrite the input .*d-c1-front.png" err &&
	test_cmp png.before d-c1-front.png &&
	test_path_is_missing sheet-run.png
'

test_expect_success 'cards -o - when standard output is the definition' '
	workshop &&
	test_expect_code 73 utilab-cards -o - ws.yaml 2>err >>ws.yaml &&
	test_grep "refusing to overwrite the input .ws.yaml. \\(as .<stdout>.\\)" err &&
	test_cmp ws.before ws.yaml
'

test_expect_success 'print: over its input, or an input by link' '
	gen in.pdf pages:2:100x100 && cp in.pdf before.pdf &&
	ln -s in.pdf link.pdf &&
	test_expect_code 73 utilab-print -f -o link.pdf in.pdf 2>err &&
	test_grep "^utilab-print: error: refusing to overwrite the input .in.pdf. \\(as .link.pdf.\\)$" err &&
	cmp before.pdf in.pdf
'

test_expect_success 'collect: the report over the workshop (-w) or a mapping, 73' '
	workshop &&
	printf "type,text\\nfriction,Trop loin\\n" >r.csv &&
	test_expect_code 73 utilab-collect -w ws.yaml -o ws.yaml r.csv 2>err &&
	test_grep "^utilab-collect: error: refusing to overwrite the input .ws.yaml.$" err &&
	test_cmp ws.before ws.yaml &&
	test_expect_code 73 utilab-collect -o r.csv r.csv 2>err &&
	test_grep "refusing to overwrite the input .r.csv." err
'

test_expect_success 'new: over the template it copies, 73' '
	mkdir cat && cp "$GOLDEN/mini.yaml" cat/ &&
	UTILAB_CATALOGUE=$PWD/cat && export UTILAB_CATALOGUE &&
	cp cat/mini.yaml before &&
	test_expect_code 73 utilab-new -f -o cat/mini.yaml mini 2>err &&
	test_grep "refusing to overwrite the input" err &&
	test_cmp before cat/mini.yaml
'

test_done
