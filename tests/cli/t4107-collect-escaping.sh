#!/bin/sh
# SPDX-License-Identifier: ISC
# Every text that reaches a report is escaped for its format, metadata
# included: a workshop id or a text holding HTML or LaTeX stays text after
# pandoc -s, in a browser or in a spreadsheet.
. "$(dirname "$0")/../lib.sh"

C=$GOLDEN/collect

collect() {
	(cd "$C" && utilab-collect "$@")
}

test_expect_success 'Markdown, metadata block included: golden' '
	collect -o "$SCRATCH/out.md" inject.csv 2>err &&
	test_cmp "$C/inject.md" out.md &&
	grep "^title: \"\\\\\\\\<img src=x onerror=alert(1)\\\\\\\\> \\\\\\\\\\\\\\\\input" out.md
'

test_expect_success 'HTML: no markup of the input survives' '
	collect -T html -o "$SCRATCH/out.html" inject.csv 2>err &&
	! grep -e "<img" -e "<script" -e "<b>" out.html &&
	test_grep "&lt;img src=x onerror=alert" out.html
'

if test_have jq; then
	test_expect_success 'JSON: the texts come back as they were' '
		collect -T json -o "$SCRATCH/out.json" inject.csv 2>err &&
		jq -e ".workshop.id == \"<img src=x onerror=alert(1)> \\\\input{/etc/hostname}\"" out.json
	'
else
	test_skip 'JSON: the texts come back as they were' 'jq missing'
fi

if test_have pandoc; then
	test_expect_success 'pandoc -s to HTML and to LaTeX: inert' '
		collect -o "$SCRATCH/out.md" inject.csv 2>err &&
		pandoc -s -f markdown -t html -o out.html out.md &&
		! grep -e "<img" -e "<script" -e "<b>" out.html &&
		pandoc -s -f markdown -t latex -o out.tex out.md &&
		! grep -e "\\\\input{" -e "^\\$x\\$" out.tex
	'
else
	test_skip 'pandoc -s to HTML and to LaTeX: inert' 'pandoc missing'
fi

test_done
