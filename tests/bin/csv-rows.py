#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
# csv-rows.py < PATHS: for each clean UTF-8 CSV named on standard input,
# "PATH ROWS": its non-blank rows after the header, as Python's csv module
# reads it (delimiter chosen as utilab does: the most frequent of , ; and
# tab on the first line, ',' on a tie). Files that are not clean (bad
# UTF-8, a quoting error) are left out: their count would mean nothing.
import csv, sys

for path in sys.stdin.read().split("\n"):
    if not path:
        continue
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            text = f.read()
        first = text.split("\n", 1)[0]
        sep = max([",", ";", "\t"], key=lambda c: (first.count(c), c == ","))
        rows = list(csv.reader(text.splitlines(True), delimiter=sep, strict=True))
    except (UnicodeDecodeError, OSError, csv.Error):
        continue
    if any("\0" in c for r in rows for c in r):
        continue
    rows = [r for r in rows if r]
    print(path, max(len(rows) - 1, 0))
