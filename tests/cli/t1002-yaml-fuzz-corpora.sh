#!/bin/sh
# SPDX-License-Identifier: ISC
# The seed corpora of the loader and workshop fuzz targets (and the crash
# reproducers kept beside them) replayed under the build's sanitizers: the
# targets abort on any broken promise of the tree or the model.
. "$(dirname "$0")/../lib.sh"

for name in yamlload workshop; do
	test_expect_success "corpus-$name replays cleanly" '
		"$TOP/tests/fuzz/replay-'"$name"'" "$TOP/tests/fuzz/corpus-'"$name"'" >out &&
		test_grep "^replayed [1-9][0-9]* inputs$" out
	'
done

test_expect_success 'the workshop target also takes the whole catalogue' '
	"$TOP/tests/fuzz/replay-workshop" "$TOP/workshops" >out &&
	test_grep "^replayed [1-9][0-9]* inputs$" out
'

test_done
