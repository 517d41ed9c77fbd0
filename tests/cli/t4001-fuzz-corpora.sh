#!/bin/sh
# SPDX-License-Identifier: ISC
# The fuzz targets' seed corpora (and any crash reproducers kept beside
# them) replayed under the build's sanitizers.
. "$(dirname "$0")/../lib.sh"

for name in csv results icon sheet pdfin scan; do
	if [ ! -f "$TOP/tests/fuzz/fuzz-$name.c" ]; then
		continue
	fi
	test_expect_success "corpus-$name replays cleanly" '
		"$TOP/tests/fuzz/replay-'"$name"'" "$TOP/tests/fuzz/corpus-'"$name"'" >out &&
		test_grep "^replayed [1-9][0-9]* inputs$" out
	'
done

test_done
