#!/bin/sh
# SPDX-License-Identifier: ISC
# utilab-guide on the catalogue's guide (workshops/guide.yaml: the
# introduction, four workshop fiches with pictures of their kits drawn by
# the real renderer, a synthesis of four tables, A5). Target: under 5 s.
# Then utilab-collect -T pdf on the same four tables (the synthesis alone).
set -eu
. "$TOP/tools/bench.d/lib.sh.inc"

bench_run "utilab-guide workshops/guide.yaml (A5)" 5 \
	utilab-guide -o "$BENCH_OUT/guide.pdf" "$TOP/workshops/guide.yaml"
echo "  $(pdfinfo "$BENCH_OUT/guide.pdf" | sed -n 's/^Pages: *//p') pages, $(wc -c <"$BENCH_OUT/guide.pdf") bytes"
bench_run "utilab-guide -s a4 workshops/guide.yaml" 3 \
	utilab-guide -s a4 -o "$BENCH_OUT/guide-a4.pdf" "$TOP/workshops/guide.yaml"
ex=$TOP/workshops/exemples
# utilab-collect exits 3 on these inputs (one record is quarantined on
# purpose): the shell around it tells the timing helper that is success.
bench_run "utilab-collect -T pdf (4 tables)" 5 sh -c "$(command -v utilab-collect) -w '$TOP/workshops/sequences-de-vie.yaml' -T pdf -o '$BENCH_OUT/synthese.pdf' '$ex/table-1.yaml' '$ex/table-2.yaml' '$ex/table-3.csv' '$ex/table-4.csv' || [ \$? = 3 ]"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
