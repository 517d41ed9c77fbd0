#!/bin/sh
# SPDX-License-Identifier: ISC
# Every source file of the project says its licence in an SPDX line near
# its top (ISC, LICENSE): C, C++ and headers, shell (by extension or a #!
# line), Python, the completions and the Makefiles. The catalogue's
# workshops are texts under CC-BY-SA-4.0, which each one says in its
# license: key (an SPDX identifier, read by utilab-cards). Vendored data
# keeps its own licence beside it (LICENSE).

. "$(dirname "$0")/../lib.sh"

# sources [ROOT]: the project's files, from git, or from the tree (a
# release tarball has no .git; a copied clone may have no git to read
# it); vendored directories and data left out.
sources() {
	root=${1:-$TOP}
	( cd "$root" &&
	  if [ -e .git ] && command -v git >/dev/null 2>&1; then git ls-files
	  else find . -type f | sed "s|^\./||"; fi ) |
	grep -Ev "^(share/|po/|workshops/|tests/(yaml-test-suite|csv-spectrum|pdfs|fuzz/corpus[^/]*)/)" |
	while read -r f; do
		case $f in
		*.c|*.h|*.cc|*.sh|*.py|*.bash|completion/*|Makefile|debian/rules)
			echo "$f" ;;
		*.*) ;;
		*)	# an extensionless script: its #! line says so
			head -c 2 "$root/$f" 2>/dev/null | grep -q "^#!" && echo "$f" ;;
		esac
	done
}

test_expect_success 'the sources are found (C, shell, tools, tests)' '
	sources >list &&
	test_grep "^lib/diag.c$" list &&
	test_grep "^bin/opts.h$" list &&
	test_grep "^lib/qpdfbridge.cc$" list &&
	test_grep "^tools/install-deps$" list &&
	test_grep "^tests/cli/t0020-spdx.sh$" list &&
	test_grep "^completion/_utilab$" list &&
	test "$(wc -l <list)" -gt 200
'

# unlabelled ROOT: the sources under ROOT without the ISC line.
unlabelled() {
	sources "$1" | while read -r f; do
		head -3 "$1/$f" | grep -q "SPDX-License-Identifier: ISC" ||
		echo "$f"
	done
}

test_expect_success 'every source file has SPDX-License-Identifier: ISC in its first lines' '
	unlabelled "$TOP" >missing &&
	test_cmp /dev/null missing
'

test_expect_success 'an unlabelled file is caught, a labelled or vendored one is not' '
	mkdir -p tree/lib tree/tools tree/tests/pdfs &&
	printf "/* SPDX-License-Identifier: ISC */\nint x;\n" >tree/lib/a.c &&
	printf "int y;\n" >tree/lib/b.c &&
	printf "#!/bin/sh\necho\n" >tree/tools/run &&
	printf "data\n" >tree/tools/notes &&
	printf "int z;\n" >tree/tests/pdfs/gen.c &&
	unlabelled "$PWD/tree" | sort >got &&
	printf "%s\n" lib/b.c tools/run >want &&
	test_cmp want got
'

test_expect_success 'each workshop of the catalogue says CC-BY-SA-4.0 in its license' '
	for ws in "$TOP"/workshops/*.yaml; do
		grep -Eq "^license: *\"?CC-BY-SA-4.0\"?( |$)" "$ws" ||
		{ echo "no CC-BY-SA-4.0 licence in $ws"; exit 1; }
	done
'

test_done
