#!/bin/sh
# SPDX-License-Identifier: ISC
# Every input has a limit, applied while it is read (lib/input, lib/yamlload):
# a directory is 66 "is a directory" in every command, an endless input
# stops at its limit with 65, an input that cannot be what the command
# reads (a NUL in a text, no image or PDF signature) is refused after its
# first block, and a results YAML's huge text or node count is refused
# before it is built, with little memory.
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
	{ yes "friction,Trop loin" | test_expect_code 65 utilab-collect -o r.md - 2>err; } &&
	test_grep "over the limit of 256 MiB" err &&
	test_path_is_missing r.md &&
	{ yes "titre: x" | test_expect_code 65 utilab-cards -n - 2>err; } &&
	test_grep "^<stdin>: error: file too large: over the limit of 1 MiB$" err
'

# fast CODE MESSAGE CMD...: CMD exits CODE with MESSAGE (a regular
# expression) on stderr, within 5 s of wall time whatever the load, and,
# in the plain build, in under half a second of CPU and 48 MB.
fast() {
	code=$1 msg=$2
	shift 2
	if test_have /usr/bin/time && [ "$(cat "$TOP/.build-mode")" = plain ]; then
		test_expect_code "$code" test_cost 0.5 48000 timeout 5 "$@" 2>err
	else
		test_expect_code "$code" timeout 5 "$@" 2>err
	fi &&
	test_grep "$msg" err
}

test_expect_success '/dev/zero is refused at its first block by every reader: 65' '
	cp "$GOLDEN/mini.yaml" ws.yaml &&
	fast 65 "^/dev/zero:1:1: error: NUL byte: not a text file$" utilab-collect -o r.md /dev/zero &&
	fast 65 "^/dev/zero:1:1: error: NUL byte: not a text file$" utilab-collect -w ws.yaml -o r.md /dev/zero &&
	fast 65 "^<stdin>:1:1: error: NUL byte: not a text file$" utilab-collect -o r.md - </dev/zero &&
	fast 65 "^/dev/zero:1:1: error: NUL byte: not a text file$" utilab-cards -n /dev/zero &&
	fast 65 "^<stdin>:1:1: error: NUL byte: not a text file$" utilab-cards -n - </dev/zero &&
	fast 65 "^/dev/zero:1:1: error: NUL byte: not a text file$" utilab-guide -o g.pdf /dev/zero &&
	fast 65 "^/dev/zero: error: not a PDF file$" utilab-print -o p.pdf /dev/zero &&
	fast 65 "^<stdin>: error: not a PDF file$" utilab-print -o p.pdf - </dev/zero &&
	fast 65 "^/dev/zero: error: cannot read the image: not a format gdk-pixbuf reads$" \
		utilab-scan -w ws.yaml -o s.csv /dev/zero &&
	test_path_is_missing r.md && test_path_is_missing g.pdf &&
	test_path_is_missing p.pdf
'

test_expect_success 'an endless pipe of NULs (not seekable) is refused as fast' '
	{ cat /dev/zero | fast 65 "^/dev/stdin:1:1: error: NUL byte: not a text file$" \
		utilab-collect -o r.md /dev/stdin; } &&
	test_path_is_missing r.md
'

test_expect_success 'a NUL inside a text input: refused whole, at its line and column' '
	printf "type,text\nfriction,Trop loin\nidea,\303\251t\303\251\000 bus\n" >nul.csv &&
	test_expect_code 65 utilab-collect -o r.md nul.csv 2>err &&
	test_grep "^nul.csv:3:9: error: NUL byte: not a text file$" err &&
	printf "utilab-results: 1\nitems:\n  - {type: idea, text: \"a\000\"}\n" >nul.yaml &&
	test_expect_code 65 utilab-collect -o r.md nul.yaml 2>err &&
	test_grep "^nul.yaml:3:26: error: NUL byte: not a text file$" err &&
	printf "[{\"type\": \"idea\",\000 \"text\": \"a\"}]" >nul.json &&
	test_expect_code 65 utilab-collect -o r.md nul.json 2>err &&
	test_grep "^nul.json:1:18: error: NUL byte: not a text file$" err &&
	{ printf "utilab: 1\nid: x\ntitle: \"Atelier \000\"\n"; cat "$GOLDEN/mini.yaml"; } >nul-ws.yaml &&
	test_expect_code 65 utilab-cards -n nul-ws.yaml 2>err &&
	test_grep "^nul-ws.yaml:3:17: error: NUL byte: not a text file$" err &&
	test_path_is_missing r.md
'

test_expect_success 'UTF-16 with its byte order mark still reads (NUL bytes there are half characters)' '
	printf "type,text\nfriction,Trop loin\n" | iconv -f UTF-8 -t UTF-16 >u16.csv &&
	utilab-collect -o r.md u16.csv 2>err &&
	test_grep "read as UTF-16" err &&
	grep -q "Trop loin" r.md &&
	printf "type,text\nfriction,Trop loin\n" | iconv -f UTF-8 -t UTF-16LE >u16-nobom.csv &&
	test_expect_code 65 utilab-collect -o r2.md u16-nobom.csv 2>err &&
	test_grep "^u16-nobom.csv:1:2: error: NUL byte: not a text file$" err
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
