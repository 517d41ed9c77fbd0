#!/bin/sh
# SPDX-License-Identifier: ISC
# Every input has a limit, applied while it is read (lib/input, lib/yamlload):
# a directory is 66 "is a directory" in every command, an endless input
# stops at its limit with 65, and a results YAML's huge text or node count
# is refused before it is built, with little memory.
. "$(dirname "$0")/../lib.sh"

test_expect_success 'a directory as input: 66, "is a directory", in every command' '
	mkdir d d.yaml d.csv d.pdf &&
	test_expect_code 66 utilab-collect -o r.md d 2>err &&
	test_grep "^d: error: cannot read: is a directory$" err &&
	test_expect_code 66 utilab-collect -o r.md d.yaml 2>err &&
	test_grep "^d.yaml: error: cannot read: is a directory$" err &&
	test_expect_code 66 utilab-collect -o r.md d.csv 2>err &&
	test_grep "^d.csv: error: cannot read: is a directory$" err &&
	test_expect_code 66 utilab-cards -n d.yaml 2>err &&
	test_grep "^d.yaml: error: cannot read: is a directory$" err &&
	test_expect_code 66 utilab-print -o out.pdf d.pdf 2>err &&
	test_grep "^d.pdf: error: cannot read: is a directory$" err &&
	test_path_is_missing r.md && test_path_is_missing out.pdf
'

test_expect_success 'endless standard input stops at 256 MiB: 65' '
	test_expect_code 65 utilab-collect -o r.md - </dev/zero 2>err &&
	test_grep "^<stdin>: error: file too large: over the limit of 256 MiB$" err &&
	{ yes "friction,Trop loin" | test_expect_code 65 utilab-collect -o r.md - 2>err; } &&
	test_grep "over the limit of 256 MiB" err &&
	test_path_is_missing r.md &&
	test_expect_code 65 utilab-cards -n - </dev/zero 2>err &&
	test_grep "^<stdin>: error: file too large: over the limit of 1 MiB$" err
'

# 24 MiB of one text: refused once 9 MiB are read without the text ending,
# not after libyaml has built it (which cost 469 MB for 200 MB).
test_expect_success 'a results YAML with a huge text: refused while it is read' '
	{
		printf "utilab-results: 1\\nitems:\\n  - type: friction\\n    text: " &&
		head -c 25165824 /dev/zero | tr "\\0" x && echo
	} >big.yaml &&
	# Memory: the file (slurped, 24 MiB) and libyaml'"'"'s 9 MiB, no more
	# (ASan'"'"'s own memory makes the figure meaningless under SANITIZE=1).
	if test_have /usr/bin/time && [ "$(cat "$TOP/.build-mode")" = plain ]; then
		test_expect_code 65 /usr/bin/time -f "%M" -o rss utilab-collect -o r.md big.yaml 2>err &&
		test "$(tail -1 rss)" -lt 64000
	else
		test_expect_code 65 utilab-collect -o r.md big.yaml 2>err
	fi &&
	test_grep "^big.yaml:4:9: error: text too long \\(over 9437184 bytes without an end, limit 1048576 for a text\\)$" err &&
	test_path_is_missing r.md
'

test_expect_success 'a results YAML of more than a million nodes: refused at the limit' '
	awk "BEGIN { print \"utilab-results: 1\"; print \"items:\";
		for (i = 0; i < 130000; i++) print \"  - [a, b, c, d, e, f, g]\" }" >nodes.yaml &&
	test_expect_code 65 utilab-collect -o r.md nodes.yaml 2>err &&
	test_grep "^nodes.yaml:[0-9]+:[0-9]+: error: too many nodes \\(limit 1000000\\)$" err
'

test_done
