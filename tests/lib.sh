# SPDX-License-Identifier: ISC
# Shell test library, after git's t/test-lib.sh: each test is a snippet run
# in a fresh scratch directory; output is TAP for prove.
#
#   . "$(dirname "$0")/../lib.sh"
#   test_expect_success 'what it checks' '
#       utilab-new -o ws.yaml sequences-de-vie &&
#       test -s ws.yaml
#   '
#   test_done
#
# Variables: $TOP (source tree), $GOLDEN (tests/golden), $SCRATCH (the test's
# own directory, removed at the end unless UL_TEST_KEEP is set). The
# commands in bin/ come first on PATH; UTILAB_DATADIR points at share/utilab.

set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
GOLDEN=$TOP/tests/golden
PATH=$TOP/bin:$PATH
UTILAB_DATADIR=$TOP/share/utilab
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1700000000}
# A fixed locale and fonts of the project's own: output must not depend on
# the machine. FONTCONFIG_FILE (tests/fonts.conf) lets fontconfig see the
# bundled fonts only, whatever asks it (the test PDF generator's cairo
# "monospace", librsvg, poppler); its cache lives in the test's scratch.
LC_ALL=C.UTF-8
FONTCONFIG_FILE=$TOP/tests/fonts.conf
export TOP GOLDEN PATH UTILAB_DATADIR SOURCE_DATE_EPOCH LC_ALL FONTCONFIG_FILE
unset LANGUAGE LC_MESSAGES LANG UTILAB_LOCALEDIR UTILAB_OPTIONS FONTCONFIG_PATH FONTCONFIG_SYSROOT 2>/dev/null || :

test_count=0
test_failures=0
test_name=$(basename "$0" .sh)
SCRATCH_BASE=$(mktemp -d "${TMPDIR:-/tmp}/utilab-$test_name.XXXXXX")
XDG_CACHE_HOME=$SCRATCH_BASE/.cache
export XDG_CACHE_HOME

test_cleanup() {
	if [ -z "${UL_TEST_KEEP:-}" ]; then
		rm -rf "$SCRATCH_BASE"
	else
		echo "# kept $SCRATCH_BASE" >&2
	fi
}
trap test_cleanup EXIT

# test_run_ NAME SCRIPT: run SCRIPT in a new scratch dir, in a subshell.
test_run_() {
	test_count=$((test_count + 1))
	SCRATCH=$SCRATCH_BASE/$test_count
	mkdir -p "$SCRATCH"
	(
		cd "$SCRATCH" || exit 1
		export SCRATCH
		# fd 7: the test's log, whatever the snippet does with 1 and 2.
		exec 7>&2
		eval "$2"
	) >"$SCRATCH_BASE/$test_count.log" 2>&1
}

test_expect_success() {
	if [ $# -ne 2 ]; then
		echo "bug: test_expect_success takes NAME and SCRIPT" >&2
		exit 1
	fi
	if test_run_ "$1" "$2"; then
		echo "ok $test_count - $1"
	else
		test_failures=$((test_failures + 1))
		echo "not ok $test_count - $1"
		sed -e 's/^/#   /' "$SCRATCH_BASE/$test_count.log"
		printf '%s\n' "$2" | sed -e 's/^/#   > /'
	fi
}

# test_skip NAME REASON
test_skip() {
	test_count=$((test_count + 1))
	echo "ok $test_count # skip $1 ($2)"
}

# test_expect_code CODE COMMAND...: run COMMAND, succeed iff it exits CODE.
test_expect_code() {
	want=$1
	shift
	"$@"
	got=$?
	if [ "$got" = "$want" ]; then
		return 0
	fi
	echo "test_expect_code: command exited $got, wanted $want: $*" >&2
	return 1
}

# test_cmp EXPECTED ACTUAL: like cmp, but shows a diff when they differ.
test_cmp() {
	if cmp -s "$1" "$2"; then
		return 0
	fi
	echo "test_cmp: $1 and $2 differ:" >&2
	diff -u "$1" "$2" >&2 || :
	return 1
}

test_path_is_missing() {
	if [ -e "$1" ]; then
		echo "test_path_is_missing: '$1' exists" >&2
		return 1
	fi
	# No stray temporary file beside it either.
	set -- "$1".tmp*
	if [ -e "$1" ]; then
		echo "test_path_is_missing: temporary '$1' left behind" >&2
		return 1
	fi
	return 0
}

test_path_is_file() {
	if [ ! -f "$1" ]; then
		echo "test_path_is_file: '$1' is not a file" >&2
		return 1
	fi
}

# test_grep PATTERN FILE: grep -E that shows the file when it fails.
test_grep() {
	if grep -E -e "$1" "$2" >/dev/null; then
		return 0
	fi
	echo "test_grep: no '$1' in $2:" >&2
	sed -e 's/^/| /' "$2" >&2
	return 1
}

# test_cost CPU KB CMD...: run CMD and return its status, unless it
# took CPU seconds (user + system) or KB of peak memory or more: then the
# figures go to the test's log and the status is 125. Memory is the same
# from run to run and is judged once. CPU time is not, on a shared
# machine: another build on the same cores, or a virtual machine's stolen
# time billed to whatever runs, has made 0.03 s read over 1 s. So a run
# over the CPU bound is repeated, twice at most, and the best of the runs
# is judged. CMD must be repeatable (its input a file, not a pipe). The
# best run's figures are left in $test_cost_cpu and $test_cost_kb.
# Without /usr/bin/time (package time), CMD only runs.
test_cost() {
	tc_cpu=$1 tc_kb=$2
	shift 2
	if ! [ -x /usr/bin/time ]; then
		"$@"
		return
	fi
	tc_try=0 test_cost_cpu= test_cost_kb=
	while :; do
		tc_try=$((tc_try + 1))
		tc_rc=0
		/usr/bin/time -o "$SCRATCH/.cost" -f "%U %S %M" "$@" || tc_rc=$?
		# time says "Command exited with non-zero status" first.
		read -r tc_u tc_s tc_m <<-EOT
		$(tail -n 1 "$SCRATCH/.cost")
		EOT
		rm -f "$SCRATCH/.cost"
		tc_t=$(awk -v u="$tc_u" -v s="$tc_s" 'BEGIN { printf "%.2f", u + s }')
		if [ -z "$test_cost_cpu" ] ||
		   awk -v a="$tc_t" -v b="$test_cost_cpu" 'BEGIN { exit !(a < b) }'; then
			test_cost_cpu=$tc_t
		fi
		test_cost_kb=$tc_m
		if [ "$tc_m" -ge "$tc_kb" ]; then
			echo "test_cost: $*: $tc_m KB of memory (bound $tc_kb KB)," \
			     "$tc_t s of CPU" >&7
			return 125
		fi
		awk -v a="$test_cost_cpu" -v b="$tc_cpu" 'BEGIN { exit !(a < b) }' &&
			return $tc_rc
		if [ $tc_try -ge 3 ]; then
			echo "test_cost: $*: $test_cost_cpu s of CPU at best of" \
			     "$tc_try runs (bound $tc_cpu s), $tc_m KB;" \
			     "load average $(cut -d" " -f1-3 /proc/loadavg 2>/dev/null)" >&7
			return 125
		fi
	done
}

# test_have CMD: whether an optional tool is there (for skips).
test_have() {
	command -v "$1" >/dev/null 2>&1
}

test_done() {
	echo "1..$test_count"
	[ "$test_failures" -eq 0 ]
}
