# SPDX-License-Identifier: ISC
# The YAML loader and the workshop validator (issue 2, "Speed"):
#   - a generated 1 MiB definition loaded and validated: < 50 ms;
#   - hostile files (billion laughs, 100,000 nested [, 50,000 anchors, a
#     200 MB text) each rejected (exit 65) in < 1 s and < 64 MB RSS.
# Inputs are generated once into $BENCH_OUT/loader (not committed).
. "$TOP/tools/bench.d/lib.sh.inc"
. "$TOP/tests/gen-hostile.sh"

YC=$TOP/tests/bin/yamlcheck
d=$BENCH_OUT/loader
mkdir -p "$d"
[ -x "$YC" ] || { echo "loader: $YC missing (make bench builds it)"; exit 1; }

[ -s "$d/def-1mib.yaml" ] ||
	LC_ALL=C gen_definition "$TOP/workshops/ideation.yaml" 1040000 >"$d/def-1mib.yaml"
[ -s "$d/laughs.yaml" ] || gen_laughs >"$d/laughs.yaml"
[ -s "$d/nested.yaml" ] || gen_nested 100000 >"$d/nested.yaml"
[ -s "$d/anchors.yaml" ] || gen_anchors 50000 >"$d/anchors.yaml"
[ -s "$d/scalar-200mb.yaml" ] || gen_scalar 200 >"$d/scalar-200mb.yaml"

echo "machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)" \
	"(figures on a busy machine are upper bounds)"
"$YC" -w "$d/def-1mib.yaml" ||
	{ echo "loader: the generated definition does not validate"; exit 1; }

# In process, 30 runs each, reading the file included: libyaml's events
# alone are the floor under what the loader and the validator add.
size=$(wc -c <"$d/def-1mib.yaml")
for m in -e:"libyaml events only (floor)" -r:"loader alone (tree, limits)" \
	-w:"loader + validator"; do
	set -- $("$YC" -b 30 "${m%%:*}" "$d/def-1mib.yaml")
	printf '%s, %d bytes: fastest %s ms, median %s ms (in process, 30 runs)\n' \
		"${m#*:}" "$size" "$1" "$2"
done
echo "target: load + validate < 50 ms"
# The whole command, process start included.
bench_run "yamlcheck -w, 1 MiB definition" 10 "$YC" -w "$d/def-1mib.yaml"
if command -v utilab-cards >/dev/null 2>&1; then
	bench_run "utilab-cards -n, 1 MiB definition" 10 \
		utilab-cards -n "$d/def-1mib.yaml"
fi

# Hostile files: the command must fail with 65, so a shell checks it
# (its own start is in the figures, a millisecond or so).
for f in laughs nested anchors scalar-200mb; do
	bench_run "refused: $f.yaml ($(wc -c <"$d/$f.yaml") bytes)" 5 \
		sh -c '"$@" 2>/dev/null; test $? -eq 65' sh "$YC" -w "$d/$f.yaml" ||
		echo "loader: $f.yaml was not refused with exit 65"
done
echo "target: each hostile file refused in < 1 s and < 64 MB RSS"
