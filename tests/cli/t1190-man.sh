#!/bin/sh
# SPDX-License-Identifier: ISC
# Man pages: every page is clean under mandoc's linter, and the examples
# of utilab-workshop(5) are what they claim to be.

. "$(dirname "$0")/../lib.sh"

if test_have mandoc; then
	test_expect_success 'every man page is clean under mandoc -T lint -W warning' '
		mandoc -T lint -W warning "$TOP"/man/man*/* >out 2>&1 &&
		test_cmp /dev/null out
	'

	test_expect_success 'the pages this suite promises are there' '
		test_path_is_file "$TOP/man/man1/utilab-new.1" &&
		test_path_is_file "$TOP/man/man5/utilab-workshop.5" &&
		test_path_is_file "$TOP/man/man7/utilab.7"
	'

	test_expect_success 'the example definition in utilab-workshop(5) is valid' '
		mandoc -T utf8 "$TOP/man/man5/utilab-workshop.5" | col -bx |
		sed -n "/A small but complete definition:/,/Check it without/p" |
		sed -e "1d" -e "\$d" -e "s/^           //" >example.yaml &&
		test_grep "^utilab: 1$" example.yaml &&
		mkdir cat && cp example.yaml cat/ &&
		UTILAB_CATALOGUE=$PWD/cat utilab-new -o - example fives-courses \
			>out 2>err &&
		test_cmp /dev/null err
	'

	test_expect_success 'every key the model knows is documented in utilab-workshop(5)' '
		for key in utilab id title summary kind lang question territory \
			partners audience who expected tables date duration theme \
			font color ink paper qr url phases minutes steps uses decks \
			size back cards count prefix first fields label lines scale \
			text icon questions goals frustrations copies posters columns \
			rows zones items dots; do
			grep -q "^\.It Ic $key\( \|$\)\|Ic $key\b" \
				"$TOP/man/man5/utilab-workshop.5" ||
			{ echo "undocumented: $key"; exit 1; }
		done
	'
else
	test_skip 'man pages' 'mandoc is not installed'
fi

test_done
