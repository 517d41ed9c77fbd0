#!/bin/sh
# SPDX-License-Identifier: ISC
# utilab-print: options, exit codes, bad input, no partial output.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/cli/print-lib.sh"

test_expect_success 'help and version' '
	utilab-print --help >out &&
	test_grep "^usage: utilab-print" out &&
	utilab-print --version >out &&
	test_grep "^utilab-print [0-9]" out
'

test_expect_success 'the man page is lint-clean' '
	mandoc -T lint -W warning "$TOP/man/man1/utilab-print.1"
'

test_expect_success 'bad sheet, offset, flip: 64, nothing written' '
	gen in.pdf pages:1:63x88 &&
	test_expect_code 64 utilab-print -s a9 -o out.pdf in.pdf 2>err &&
	test_grep "bad sheet .a9." err &&
	test_expect_code 64 utilab-print -O 3 -o out.pdf in.pdf 2>err &&
	test_grep "bad offset .3." err &&
	test_expect_code 64 utilab-print -O 1,99 -o out.pdf in.pdf 2>err &&
	test_expect_code 64 utilab-print -D sideways -o out.pdf in.pdf 2>err &&
	test_expect_code 64 utilab-print -s 10x10mm -o out.pdf in.pdf 2>err &&
	test_path_is_missing out.pdf
'

test_expect_success 'missing file: 66, named' '
	test_expect_code 66 utilab-print -o out.pdf nope.pdf 2>err &&
	test_grep "^nope.pdf: error: cannot open: No such file" err &&
	test_path_is_missing out.pdf
'

test_expect_success 'not a PDF, empty, corrupt: 65, named' '
	echo "hello" >text.pdf &&
	: >empty.pdf &&
	printf "%%PDF-1.4\n1 0 obj <<>> garbage\n%%%%EOF\n" >corrupt.pdf &&
	test_expect_code 65 utilab-print -o out.pdf text.pdf empty.pdf corrupt.pdf 2>err &&
	cat >expect <<-\EOT &&
	text.pdf: error: not a PDF file
	empty.pdf: error: empty file, not a PDF
	corrupt.pdf: error: corrupt or unreadable PDF: unable to find trailer dictionary while recovering damaged file
	EOT
	test_cmp expect err &&
	test_path_is_missing out.pdf
'

test_expect_success 'a truncated PDF is refused or printed whole, never half' '
	gen in.pdf pages:4:63x88 &&
	head -c 600 in.pdf >cut.pdf &&
	utilab-print -o out.pdf cut.pdf 2>err; rc=$? &&
	if [ $rc -eq 0 ]; then qpdf --check out.pdf >/dev/null; else
		test $rc -eq 65 && test_grep "^cut.pdf: error:" err &&
		test_path_is_missing out.pdf; fi
'

test_expect_success 'encrypted PDF: 65, named' '
	gen in.pdf pages:1:63x88 &&
	qpdf --encrypt secret secret 256 -- in.pdf enc.pdf &&
	test_expect_code 65 utilab-print -o out.pdf enc.pdf 2>err &&
	test_grep "^enc.pdf: error: encrypted PDF" err &&
	test_path_is_missing out.pdf
'

test_expect_success 'never writes over its input, never clobbers without -f' '
	gen in.pdf pages:1:63x88 &&
	cp in.pdf keep.pdf &&
	test_expect_code 73 utilab-print -f -o in.pdf in.pdf 2>err &&
	test_grep "refusing to overwrite the input .in.pdf." err &&
	cmp in.pdf keep.pdf &&
	echo old >out.pdf &&
	test_expect_code 73 utilab-print -o out.pdf in.pdf 2>err &&
	test_grep "already exists" err &&
	utilab-print -f -o out.pdf in.pdf &&
	qpdf --check out.pdf >/dev/null
'

test_expect_success 'reads standard input, writes standard output' '
	gen in.pdf pages:3:63x88 &&
	utilab-print <in.pdf >out.pdf &&
	qpdf --check out.pdf >/dev/null &&
	pdftotext out.pdf text &&
	test_grep "P3" text
'

test_expect_success 'write errors are reported (74)' '
	gen in.pdf pages:1:63x88 &&
	test_expect_code 74 utilab-print -o /dev/full in.pdf 2>err &&
	test_grep "cannot write" err
'

test_expect_success 'same input, same bytes (SOURCE_DATE_EPOCH)' '
	gen in.pdf --utilab --bleed 3 cards:d:3:63x88 &&
	utilab-print -o a.pdf in.pdf &&
	utilab-print -o b.pdf in.pdf &&
	cmp a.pdf b.pdf &&
	pdfinfo a.pdf >info &&
	test_grep "^Creator: +utilab-print" info
'

test_done
