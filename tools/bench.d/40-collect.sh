#!/bin/sh
# SPDX-License-Identifier: ISC
# utilab-collect on a generated 1,000,000-record CSV (about 130 MB: 50
# sequences, 10 stages, French texts, one record in ten with a serial),
# side by side with a plain Python script doing the same validation,
# dedup, grouping, sort and JSON report (tools/collect-bench.py --json).
# Targets: at least 5 times faster than the Python (aim: 10), peak RSS at
# most twice the input.
# The input is generated once into $BENCH_OUT and never committed.
# Wall times follow the machine's load; CPU seconds (user + system) are
# printed too, and the speed-up is given on both.
set -eu
. "$TOP/tools/bench.d/lib.sh.inc"

in=$BENCH_OUT/collect-1m.csv
if [ ! -s "$in" ]; then
	echo "generating $in"
	awk -v n=1000000 -f "$TOP/tools/collect-gen.awk" >"$in.tmp"
	mv "$in.tmp" "$in"
fi
echo "input: $(wc -c <"$in") bytes, $(($(wc -l <"$in") - 1)) records"

bench_run "utilab-collect -T md (1M records)" 3 utilab-collect -o "$BENCH_OUT/collect.md" "$in"
bench_run "utilab-collect -T json (1M records)" 1 utilab-collect -T json -o "$BENCH_OUT/collect.json" "$in"

# Conflicting duplicates: 100,000 rows on 40 serials, every text other
# (2,500 variants of each id). Quadratic in the variants, this took 32 s.
conf=$BENCH_OUT/collect-conflicts.csv
if [ ! -s "$conf" ]; then
	awk 'BEGIN { print "type,serial,session,table,sequence,stage,text,votes,tags"
		for (i = 0; i < 100000; i++)
			printf "friction,FRI-%d,2024-03-01,T%d,seq-%02d,Attente,\"Le guichet de la mairie ferme tôt, carte %d.\",%d,mobilité\n",
			    i % 40 + 1, i % 8 + 1, i % 5 + 1, i, i % 3 }' >"$conf.tmp"
	mv "$conf.tmp" "$conf"
fi
bench_run "utilab-collect, 100k rows on 40 serials (conflicts)" 3 utilab-collect -T json -o "$BENCH_OUT/conflicts.json" "$conf"

# One timed run of each, for the side-by-side (wall, CPU, RSS).
timed() {
	/usr/bin/time -f '%e %U %S %M' -o "$BENCH_OUT/.t" "$@" 2>/dev/null
	cat "$BENCH_OUT/.t"
}
c=$(timed utilab-collect -T json -o "$BENCH_OUT/collect.json" "$in")
if command -v python3 >/dev/null 2>&1; then
	py=$(timed sh -c 'python3 "$1" --json "$2" >"$3"' sh "$TOP/tools/collect-bench.py" \
		"$in" "$BENCH_OUT/collect-py.json")
	echo "$c $py" | awk '{
		printf "side by side: utilab-collect %.2f s wall, %.2f s CPU, %.0f MB; python3 %.2f s wall, %.2f s CPU, %.0f MB\n",
		    $1, $2 + $3, $4 / 1024, $5, $6 + $7, $8 / 1024
		printf "speed-up: %.1fx on wall time, %.1fx on CPU time\n",
		    $5 / ($1 > 0 ? $1 : 0.01), ($6 + $7) / ($2 + $3 > 0 ? $2 + $3 : 0.01) }'
else
	echo "python3 not installed: no baseline"
fi
rm -f "$BENCH_OUT/.t"
echo "input $(($(wc -c <"$in") / 1048576)) MB; targets: >= 5x faster than the Python baseline (aim 10x), peak <= twice the input"
