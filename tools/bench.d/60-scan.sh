#!/bin/sh
# SPDX-License-Identifier: ISC
# utilab-scan on a 12-megapixel photo (4000 x 3000) of 6 filled write-in
# cards made by tests/bin/photogen (fixed seed; any rotation, a camera
# tilted up to 25 degrees, blur, noise, a shadow, JPEG quality 70).
# Target: under 1 s a photo, with its crops written (-d) or not; memory flat in the number of photos (the
# same photo given 1 and 10 times: peak RSS must not grow).
# Wall times follow the machine's load: CPU seconds are printed too.
set -eu
. "$TOP/tools/bench.d/lib.sh.inc"

ws=$TOP/workshops/sequences-de-vie.yaml
in=$BENCH_OUT/scan-12mp.jpg
if [ ! -s "$in" ]; then
	echo "generating $in"
	"$TOP/tests/bin/photogen" -w "$ws" -s 7 -n 6 -W 4000 -H 3000 \
		-o "$in" -t "$BENCH_OUT/scan-12mp.truth"
fi

bench_run "utilab-scan, one 12 MP photo of 6 cards" 5 \
	utilab-scan -w "$ws" -o "$BENCH_OUT/scan.csv" "$in"
rm -rf "$BENCH_OUT/crops"
bench_run "utilab-scan -d (crops written), one 12 MP photo of 6 cards" 5 \
	utilab-scan -w "$ws" -d "$BENCH_OUT/crops" -o "$BENCH_OUT/scan-d.csv" "$in"
bench_run "utilab-scan, the same photo 10 times" 1 \
	utilab-scan -w "$ws" -o "$BENCH_OUT/scan10.csv" "$in" "$in" "$in" "$in" "$in" \
	"$in" "$in" "$in" "$in" "$in"
/usr/bin/time -f '%e %U %S' -o "$BENCH_OUT/.t" \
	utilab-scan -w "$ws" -o "$BENCH_OUT/scan.csv" "$in" 2>/dev/null
awk '{ printf "one photo: %.2f s wall, %.2f s CPU (user + system)\n", $1, $2 + $3 }' \
	"$BENCH_OUT/.t"
echo "cards read: $(($(wc -l <"$BENCH_OUT/scan.csv") - 1)) of 6"
