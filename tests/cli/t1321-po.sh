#!/bin/sh
# SPDX-License-Identifier: ISC
# The French catalogue covers every message of the sources as they are
# now: a message marked since the last `make update-po` and left
# untranslated, or made fuzzy by a changed msgid, fails here, so no new
# string silently stays English (tools/po-check names them).

. "$(dirname "$0")/../lib.sh"

if ! command -v xgettext >/dev/null 2>&1 || ! command -v msgattrib >/dev/null 2>&1; then
	test_skip 'every message is translated' 'gettext tools missing: apt-get install gettext'
	test_skip 'the committed template is the sources' 'gettext tools missing'
	test_done
fi

test_expect_success 'every message is translated, none fuzzy, formats match' '
	sh "$TOP/tools/po-check" 2>err || { cat err >&2; exit 1; } &&
	test_grep "translated messages" err &&
	grep -E "untranslated|fuzzy" err && exit 1
	:
'

test_expect_success 'po-check fails on an untranslated message' '
	mkdir -p tree/po tree/tools &&
	cp "$TOP/tools/po-check" tree/tools/ &&
	sed "/^msgid \"error: \"/{n;s/.*/msgstr \"\"/}" "$TOP/po/fr.po" >tree/po/fr.po &&
	printf "%s\n" "print-potfiles:" "	@printf \"%s\\\\n\" $TOP/lib/diag.c" \
		"print-xgettext:" "	@echo $(make -s --no-print-directory -C "$TOP" print-xgettext)" >tree/Makefile &&
	sh tree/tools/po-check 2>err && exit 1
	test_grep "1 untranslated" err &&
	test_grep "msgid \"error: \"" err
'

test_expect_success 'the French catalogue is built beside bin/' '
	test -s "$TOP/share/locale/fr/LC_MESSAGES/utilab.mo"
'

test_done
