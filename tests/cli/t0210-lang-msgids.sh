#!/bin/sh
# SPDX-License-Identifier: ISC
# Every built-in string the drawers ask lib/lang for is one of its msgids:
# a string missing from the tables would print in French in every kit.

. "$(dirname "$0")/../lib.sh"

SRC=$TOP/lib

# The French strings passed to L(f, …), label(…, …) and ul_lang_text(…, …),
# with C's adjacent literals joined.
used() {
	for f in "$SRC"/card.c "$SRC"/poster.c "$SRC"/sheet.c "$SRC"/report.c "$SRC"/privacy.c \
	    "$TOP"/bin/utilab-scan.c; do
		tr "\n" " " <"$f" | sed "s/\"[[:space:]]*\"//g" |
			grep -o "\(L(&\{0,1\}f\|label2\{0,1\}([a-z]*\|T(lang\|ul_lang_text(l\), \"[^\"]*\"" |
			sed "s/^[^\"]*\"//; s/\"\$//"
	done | sort -u
}

known() {
	sed -n "/^const struct ul_lang_msgid ul_lang_msgids/,/^};/p" "$SRC"/lang.c |
		grep "^	{\"" | sed "s/^	{\"//; s/\", \(true\|false\)},\$//" | sort -u
}

test_expect_success 'the drawers ask for strings the tables have' '
	used >used &&
	known >known &&
	test "$(wc -l <used)" -gt 80 &&
	comm -23 used known >unknown &&
	test_cmp /dev/null unknown
'

test_done
