#!/bin/sh
# SPDX-License-Identifier: ISC
# tools/install-deps: no dpkg or apt at all when every probe finds its
# package; dpkg's installed-like states count as installed; apt waits for
# the dpkg lock; without root, the message names each missing package.
# dpkg-query, apt-get, id and pkg-config are stubs here: nothing is installed.
. "$(dirname "$0")/../lib.sh"

DEPS=$TOP/tools/install-deps

# stubs DIR: dpkg-query answering from $DIR/status ("package status"; a
# package not listed is "install ok installed"),
# apt-get and sudo that log their calls, id -u from $DIR/uid.
stubs() {
	mkdir -p "$1" &&
	cat >"$1/dpkg-query" <<-'EOT' &&
	#!/bin/sh
	echo "dpkg-query $*" >>"${0%/*}/calls"
	for p; do :; done
	s=$(awk -v p="$p" '$1 == p { $1 = ""; sub(/^ /, ""); print }' "${0%/*}/status")
	printf '%s' "${s:-install ok installed}"
	EOT
	cat >"$1/apt-get" <<-'EOT' &&
	#!/bin/sh
	echo "apt-get $*" >>"${0%/*}/calls"
	EOT
	cat >"$1/id" <<-'EOT' &&
	#!/bin/sh
	cat "${0%/*}/uid"
	EOT
	printf '#!/bin/sh\nexit 1\n' >"$1/sudo" &&
	echo 0 >"$1/uid" && : >"$1/status" &&
	chmod +x "$1"/*
}

# The pkg-config modules of the Makefile's PKGS, and those install-deps probes.
makefile_modules() {
	sed -n '/^PKGS *=/,/^$/p' "$TOP/Makefile" | sed 's/^PKGS *=//' |
	tr -d '\\' | tr ' \t' '\n\n' | sed '/^$/d'
}
probed_modules() {
	sed -n '/^PROBES=/,/^"/p' "$DEPS" | awk '$2 == "pc" { print $3 }' |
	tr , '\n'
}

test_expect_success 'every module the Makefile builds with has a probe and a package' '
	makefile_modules >modules &&
	test "$(wc -l <modules)" -ge 10 &&
	probed_modules >probed &&
	for m in $(cat modules); do
		grep -qx "$m" probed || { echo "no probe for pkg-config module $m"; return 1; }
	done
'

if pkg-config --exists cairo pangocairo yaml-0.1 2>/dev/null && test_have qpdf; then
	test_expect_success 'all found: no dpkg-query, no apt-get' '
		stubs s &&
		PATH=$PWD/s:$PATH sh "$DEPS" &&
		test_path_is_missing s/calls
	'
else
	test_skip 'all found: no dpkg-query, no apt-get' 'dependencies missing here'
fi

# With pkg-config failing, every library is asked of dpkg.
test_expect_success 'triggers-pending, half-configured: installed; config-files: missing' '
	stubs s &&
	printf "#!/bin/sh\\nexit 1\\n" >s/pkg-config && chmod +x s/pkg-config &&
	cat >s/status <<-EOT &&
	libcairo2-dev install ok triggers-pending
	libpango1.0-dev install ok half-configured
	libyaml-dev install ok installed
	libqrencode-dev hold ok installed
	libpoppler-glib-dev install ok triggers-awaited
	librsvg2-dev install ok unpacked
	libxml2-dev install ok installed
	libzip-dev deinstall ok config-files
	libzbar-dev install ok installed
	libglib2.0-dev install ok installed
	libcmark-dev install ok installed
	EOT
	UL_DEPS_DRY_RUN=1 PATH=$PWD/s:$PATH sh "$DEPS" >out 2>err &&
	test_grep "libpango1.0-dev is half-configured: finish it with .dpkg --configure -a." err &&
	test_grep "^apt-get -o DPkg::Lock::Timeout=600 update -qq$" err &&
	test_grep "^apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends +libzip-dev$" err
'

test_expect_success 'not root, no sudo: exit 1, naming the package and what is missing' '
	stubs s &&
	printf "#!/bin/sh\\nexit 1\\n" >s/pkg-config && chmod +x s/pkg-config &&
	echo "libzip-dev not-installed ok not-installed" >s/status &&
	echo 1000 >s/uid &&
	{ PATH=$PWD/s:$PATH sh "$DEPS" </dev/null 2>err && exit 1 || :; } &&
	test_grep "these Debian packages are missing" err &&
	test_grep "^install-deps:   libzip-dev \\(for the pkg-config module libzip\\)$" err &&
	! grep "libyaml-dev" err &&
	! grep "^apt-get" s/calls
'

test_done
