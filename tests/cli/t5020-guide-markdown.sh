#!/bin/sh
# SPDX-License-Identifier: ISC
# The Markdown parts of a guide (lib/markdown over libcmark): every block
# and inline a user writes is set (line breaks, nested and numbered lists,
# quotes, rules, code, links with their address on paper), raw HTML is
# left out with a warning at its position (an HTML comment silently), and
# a part that is not text, not UTF-8 or has no title fails the guide.
. "$(dirname "$0")/../lib.sh"

guide() {
	printf 'utilab-guide: 1\ntitle: "Un livret"\nparts:\n  - markdown: %s\n' "$1" >g.yaml
}

test_expect_success 'every block and inline is set, in order' '
	guide a.md &&
	cat >a.md <<-\EOT &&
	# Le livret

	Une ligne
	qui continue,  
	puis une coupure.

	1. premier
	2. second
	   - imbriqué *un*
	   - imbriqué **deux**

	     avec un paragraphe
	3. troisième

	> Une citation
	> sur deux lignes

	***

	Du `code` et un [lien](https://example.org/x).

	Du <b>HTML</b> en ligne et un <!-- commentaire --> caché.

	<div>un bloc HTML</div>

	<!-- un commentaire seul -->

	## Une section

	#### Très profond

	```
	un bloc de code
	```
	EOT
	utilab-guide -o g.pdf g.yaml 2>err &&
	qpdf --check g.pdf >/dev/null &&
	pdftotext g.pdf - | tr -d "\\f" | grep -v "^$" | sed -n "/^Partie 1$/,\$p" >text &&
	cat >want <<-\EOT &&
	Partie 1
	Le livret
	Une section
	Une ligne qui continue,
	puis une coupure.
	1. premier
	2. second
	– imbriqué un
	– imbriqué deux
	avec un paragraphe
	3. troisième
	Une citation sur deux lignes
	Du code et un lien (https://example.org/x).
	Du HTML en ligne et un caché.
	Une section
	Très profond
	un bloc de code
	EOT
	head -n $(wc -l <want) text >got &&
	test_cmp want got &&
	cat >want.err <<-\EOT &&
	a.md:22:4: warning: raw HTML cannot be typeset in the guide: left out
	a.md:22:11: warning: raw HTML cannot be typeset in the guide: left out
	a.md:24:1: warning: raw HTML cannot be typeset in the guide: left out
	EOT
	grep "^a.md:" err >got.err &&
	test_cmp want.err got.err &&
	test "$(qpdf --json=latest --json-key=outlines g.pdf | jq "[.. | .title? // empty] | length")" -ge 2
'

test_expect_success 'a part that is not UTF-8: 65 at the first bad byte, nothing written' '
	guide bad.md &&
	printf "# Titre\n\nUn texte en Latin-1 : \351t\351\n" >bad.md &&
	test_expect_code 65 utilab-guide -o g.pdf g.yaml 2>err &&
	test_grep "^bad.md:3:23: error: not valid UTF-8 text$" err &&
	test_path_is_missing g.pdf
'

test_expect_success 'a part holding a NUL byte: 65 at its position, before it is parsed' '
	guide nul.md &&
	printf "# Titre\n\nUn texte\000\n" >nul.md &&
	test_expect_code 65 utilab-guide -o g.pdf g.yaml 2>err &&
	test_grep "^nul.md:3:9: error: NUL byte: not a text file$" err &&
	test_path_is_missing g.pdf
'

test_expect_success 'a part with no title of its own and none given: 65' '
	guide plain.md &&
	printf "Juste un paragraphe.\n" >plain.md &&
	test_expect_code 65 utilab-guide -o g.pdf g.yaml 2>err &&
	test_grep "^plain.md:1:1: error: no title: start the text with a" err &&
	test_path_is_missing g.pdf &&
	printf "utilab-guide: 1\ntitle: x\nparts:\n  - {markdown: plain.md, title: \"Avant-propos\"}\n" >t.yaml &&
	utilab-guide -o g.pdf t.yaml 2>err &&
	pdftotext g.pdf - | grep -q "Avant-propos" &&
	pdftotext g.pdf - | grep -q "Juste un paragraphe."
'

test_expect_success 'a missing part: 66 at the part, naming the file' '
	guide none.md &&
	test_expect_code 66 utilab-guide -o g.pdf g.yaml 2>err &&
	test_grep "^g.yaml:4:15: error: cannot read .none.md.: No such file or directory$" err &&
	test_path_is_missing g.pdf
'

test_done
