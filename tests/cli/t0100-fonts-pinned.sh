#!/bin/sh
# SPDX-License-Identifier: ISC
# Tests see the bundled fonts only (tests/fonts.conf), in shell tests and
# in compiled ones run through tests/exec: results must not depend on the
# fonts a machine happens to have (a fresh Debian 12 has DejaVu only).
. "$(dirname "$0")/../lib.sh"

# only_bundled FILE: every font file listed in FILE is a bundled one.
only_bundled() {
	test -s "$1" &&
	if grep -v "^$TOP/share/utilab/fonts/" "$1"; then
		echo "fonts from outside share/utilab/fonts (above)" >&2
		return 1
	fi
}

if test_have fc-list && test_have fc-match; then
	test_expect_success 'shell tests: fontconfig lists the bundled fonts only' '
		fc-list : file | sed "s/: *$//" >fonts &&
		only_bundled fonts &&
		fc-match -f "%{file}\n" monospace >mono &&
		only_bundled mono &&
		fc-match -f "%{file}\n" sans-serif >sans &&
		only_bundled sans
	'

	test_expect_success 'compiled tests (tests/exec): the same fonts, a cache of their own' '
		unset FONTCONFIG_FILE XDG_CACHE_HOME &&
		printf "#!/bin/sh\nfc-list : file | sed \"s/: *\\$//\"\necho \"cache \$XDG_CACHE_HOME\"\n" >probe &&
		chmod +x probe &&
		"$TOP/tests/exec" ./probe >out &&
		sed -n "s/^cache //p" out >cache && test -s cache &&
		! test -e "$(cat cache)" &&
		grep -v "^cache " out >fonts &&
		only_bundled fonts
	'
else
	test_skip 'fontconfig lists the bundled fonts only' 'no fc-list'
fi

test_done
