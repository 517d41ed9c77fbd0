#!/bin/sh
# SPDX-License-Identifier: ISC
# Hostile YAML is refused fast and small: billion laughs, 100,000 nested
# lists and 50,000 anchors at full size, the 200 MB text scaled down to
# 3 MiB (make bench runs the full one). Each must exit 65 with a positioned
# error, within 1 s and 64 MB of RSS. The time bound is on CPU time (user +
# system): on a shared machine wall time measures the neighbours. The
# sanitizer build, several times slower and with shadow memory, gets 5 s
# and no memory bound.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/gen-hostile.sh"

YC=$TOP/tests/bin/yamlcheck
# ASan's shadow memory makes any bound on memory meaningless there.
max_secs=1.0 max_kb=65536
if [ "$(cat "$TOP/.build-mode" 2>/dev/null)" = sanitize ]; then
	max_secs=5.0 max_kb=99999999
fi

# refused_fast FILE FIRST-ERROR: exit 65, first line of stderr as given,
# under the time and memory bounds.
refused_fast() {
	code=0
	test_cost "$max_secs" "$max_kb" "$YC" -w "$1" 2>err || code=$?
	[ "$code" = 65 ] || { echo "exit $code, wanted 65" >&2; return 1; }
	[ "$(head -1 err)" = "$2" ] || {
		echo "first error: $(head -1 err)" >&2
		echo "wanted:      $2" >&2
		return 1
	}
	echo "# $1: $test_cost_cpu s of CPU, $test_cost_kb KB"
}

if ! test -x /usr/bin/time; then
	test_skip 'hostile files' 'no /usr/bin/time (package time)'
	test_done
	exit
fi

test_expect_success 'billion laughs: refused at the first anchor' '
	gen_laughs >laughs.yaml &&
	refused_fast laughs.yaml "laughs.yaml:1:4: error: anchors are not supported ('\''&a'\''): repeat the content instead" &&
	test "$(grep -c "error: aliases" err)" -eq 72
'

test_expect_success '100,000 nested lists: refused at level 33' '
	gen_nested 100000 >nested.yaml &&
	refused_fast nested.yaml "nested.yaml:1:33: error: nested too deeply (limit 32 levels)" &&
	test "$(wc -l <err)" -eq 1
'

test_expect_success '50,000 anchors: each reported, the output capped' '
	gen_anchors 50000 >anchors.yaml &&
	refused_fast anchors.yaml "anchors.yaml:1:3: error: anchors are not supported ('\''&ancre1'\''): repeat the content instead" &&
	test_grep "^yamlcheck: note: 49000 more diagnostics not shown$" err
'

test_expect_success 'a 3 MiB text: refused by size before parsing' '
	gen_scalar 3 >scalar.yaml &&
	refused_fast scalar.yaml "scalar.yaml: error: file too large: over the limit of 1 MiB"
'

test_expect_success 'the same 3 MiB text on standard input' '
	gen_scalar 3 | test_expect_code 65 "$YC" - 2>err &&
	echo "<stdin>: error: file too large: over the limit of 1 MiB" >expect &&
	test_cmp expect err
'

test_done
