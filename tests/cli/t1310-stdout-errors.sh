#!/bin/sh
# SPDX-License-Identifier: ISC
# --help, --version and the lists write to standard output: when it cannot
# be written (a full disk, /dev/full), the command says so and exits 74,
# never 0 as if the text had been read.

. "$(dirname "$0")/../lib.sh"

if [ -w /dev/full ]; then
	for cmd in utilab-new utilab-cards utilab-print utilab-collect; do
		test_expect_success "$cmd --help and --version to a full disk exit 74" "
			test_expect_code 74 $cmd --help >/dev/full 2>err &&
			test_grep 'cannot write standard output' err &&
			test_expect_code 74 $cmd --version >/dev/full 2>err &&
			test_grep 'cannot write standard output' err &&
			$cmd --help >out && test -s out &&
			$cmd --version >out && test_grep '^$cmd [0-9]' out
		"
	done
	test_expect_success 'the lists to a full disk exit 74' '
		test_expect_code 74 utilab-new -l >/dev/full 2>/dev/null &&
		test_expect_code 74 utilab-cards --icons >/dev/full 2>/dev/null
	'
else
	test_skip 'writes to a full disk' 'no /dev/full'
fi

test_done
