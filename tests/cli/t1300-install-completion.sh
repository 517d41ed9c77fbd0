#!/bin/sh
# SPDX-License-Identifier: ISC
# Installing and completing: an installed utilab finds its own data (not
# the source tree's), and the shell completions offer the options of each
# command's --help and the deck and poster ids of the workshop on the line.

. "$(dirname "$0")/../lib.sh"

WS=$TOP/workshops/sequences-de-vie.yaml

# complete WORD... : run the bash completion function on a command line
# whose last word is the one being completed; print the candidates.
cat >complete.sh <<'SH'
. "$TOP/completion/utilab.bash"
COMP_WORDS=("$@")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
_utilab
[ ${#COMPREPLY[@]} -eq 0 ] || printf '%s\n' "${COMPREPLY[@]}"
SH
mv complete.sh "$SCRATCH_BASE/complete.sh"
complete() { bash "$SCRATCH_BASE/complete.sh" "$@"; }

if test_have bash; then
	test_expect_success 'utilab-cards -d <TAB> offers the deck ids of the workshop on the line' '
		complete utilab-cards "$WS" -d "" >got &&
		printf "%s\n" brise-glace sequences personas aide-hote frictions \
			consentement >want &&
		test_cmp want got
	'

	test_expect_success 'the workshop may come after -d, and a prefix narrows the ids' '
		complete utilab-cards -n -p p >got &&
		test_cmp /dev/null got &&
		bash -c ". \"$TOP/completion/utilab.bash\"
			COMP_WORDS=(utilab-cards -d f \"$WS\"); COMP_CWORD=2
			_utilab; printf \"%s\n\" \"\${COMPREPLY[@]}\"" >got &&
		echo frictions >want &&
		test_cmp want got
	'

	test_expect_success 'poster ids, in flow style too' '
		cat >ws.yaml <<-YAML &&
		utilab: 1
		id: x
		title: x
		decks:
		  - {id: un, title: Un, cards: [{id: a, title: A}]}
		  -   id: deux
		      title: Deux
		posters:
		    - kind: vote
		      id: "mur"   # a comment
		YAML
		complete utilab-cards -d "" >/dev/null &&
		bash "$SCRATCH_BASE/complete.sh" utilab-cards ws.yaml -d "" >got &&
		printf "%s\n" un deux >want && test_cmp want got &&
		bash "$SCRATCH_BASE/complete.sh" utilab-cards ws.yaml -p "" >got &&
		echo mur >want && test_cmp want got
	'

	test_expect_success 'options come from --help, so every option of it completes' '
		for cmd in utilab-new utilab-cards utilab-print utilab-collect; do
			complete "$cmd" -- >got &&
			"$cmd" --help | grep -oE -- "--[a-z][-a-z]*" | sort -u >want &&
			test_cmp want got || exit 1
		done
	'

	test_expect_success 'values: formats, sheet sizes, duplex, dialects, templates' '
		complete utilab-cards -T "" >got && printf "%s\n" pdf png svg >want &&
		test_cmp want got &&
		complete utilab-print --sheet=l >got && printf "%s\n" letter legal >want &&
		test_cmp want got &&
		complete utilab-print -D s >got && echo short >want && test_cmp want got &&
		complete utilab-collect -F fr >got && echo framaforms >want &&
		test_cmp want got &&
		complete utilab-new se >got &&
		printf "%s\n" sequences-de-vie service >want && test_cmp want got
	'
else
	test_skip 'bash completion' 'no bash'
fi

if test_have zsh; then
	test_expect_success 'the zsh completion parses' '
		zsh -n "$TOP/completion/_utilab"
	'
else
	test_skip 'the zsh completion parses' 'no zsh'
fi

test_expect_success 'an installed utilab uses its own data, not the source tree' '
	make -s -C "$TOP" install DESTDIR="$PWD/root" PREFIX=/opt/ul \
		>install.log 2>&1 &&
	test -x root/opt/ul/bin/utilab-cards &&
	test -f root/opt/ul/share/utilab/fonts/OFL.txt &&
	test -f root/opt/ul/share/bash-completion/completions/utilab &&
	test -f root/opt/ul/share/man/man1/utilab-cards.1 &&
	test -f root/opt/ul/share/locale/fr/LC_MESSAGES/utilab.mo &&
	(
		# as a user runs it: no pointer of the test environment into
		# the source tree (the pinned fonts.conf lists its fonts)
		unset UTILAB_DATADIR FONTCONFIG_FILE
		PATH=/usr/bin:/bin
		root/opt/ul/bin/utilab-new -l >list &&
		test_grep "^sequences-de-vie " list &&
		root/opt/ul/bin/utilab-new -o ws.yaml sequences-de-vie &&
		# its French messages, from its own share/locale
		test_expect_code 66 env LC_ALL=C.UTF-8 LANGUAGE=fr \
			root/opt/ul/bin/utilab-cards nowhere.yaml 2>fr.err &&
		test_grep "^nowhere.yaml: erreur" fr.err &&
		strace -f -e trace=openat -o trace root/opt/ul/bin/utilab-cards -n ws.yaml \
			2>/dev/null || root/opt/ul/bin/utilab-cards -n ws.yaml
	) &&
	if test -f trace; then
		grep "AtkinsonHyperlegible" trace >fonts &&
		test_grep "/root/opt/ul/share/utilab/fonts/" fonts &&
		! grep -q "$TOP/share/utilab" trace
	fi
'

test_done
