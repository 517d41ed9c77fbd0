#!/bin/sh
# SPDX-License-Identifier: ISC
# Allocation failures inside the libraries, not only in utilab's own
# allocations (t6040): tests/libfault/libfault.so, preloaded, fails the Nth
# malloc, calloc or realloc after main() starts, whoever asks for it
# (cairo, pango, harfbuzz, freetype, libyaml, libqrencode, libxml2…). Over
# a small render and a small collect, for N spread over every allocation
# of the run: the command exits 0 (or collect's 3 and 4) with a whole
# output, or 70 "out of memory" with the previous output untouched; never
# by a signal, and it leaves no temporary file.
#
# A whole output, but not always the very one of a normal run: pango
# carries on when cairo_font_options_copy() fails (cairo then hands back
# its inert "nil" options) and lays the text out with default options, so
# the PDF is valid and complete with other glyph positions. Those runs
# are counted and named in the log; the PDF must still pass qpdf --check.
# Where pango does say so ("failed to create cairo scaled font, expect
# ugly output"), lib/text stops the run with 70.
#
# Spared (counted, never failed), each for a reason:
#   libglib-2.0    g_malloc() ends the process on failure, by contract
#                  ("the application is terminated", GLib's reference);
#   librsvg-2      Rust's allocation error handler aborts by contract
#                  ("memory allocation of 88 bytes failed");
#   libfontconfig  fontconfig 2.14 (Debian 12) does not survive its own
#                  failed allocations: the assertion `p != NULL' in
#                  FcFontSetMatch (fcmatch.c:1039) and FcFontSetSort
#                  (fcmatch.c:1214) called from pango's font thread, and
#                  SIGSEGV in its expat callbacks while parsing fonts.conf
#                  (found with UL_LIBFAULT_SPARE=libglib-2.0:librsvg-2).
#                  Not ours to fix; a crash there still leaves no
#                  temporary file (t6010);
#   libpangoft2    pango 1.50.12 builds an FcFontSet with malloc() and
#                  writes to it unchecked (pangofc-fontmap.c; in the
#                  Debian 12 library, malloc at offset 0xd908, SIGSEGV at
#                  0xd927), reached from pango_layout_get_extents() in
#                  lib/text.c's try_size. Not ours to fix either.
# UL_LIBFAULT_RUNS=N runs N faults per command instead of the default few.
. "$(dirname "$0")/../lib.sh"

SHIM=$TOP/tests/libfault/libfault.so
SPARE=libglib-2.0:librsvg-2:libfontconfig:libpangoft2
RUNS=${UL_LIBFAULT_RUNS:-40}

if [ "$(cat "$TOP/.build-mode")" = sanitize ]; then
	# ASan has its own allocator, which a preloaded one cannot replace.
	test_skip 'library allocation faults' 'not under ASan (run in the plain build)'
	test_done
	exit
fi
if ! [ -f "$SHIM" ]; then
	test_skip 'library allocation faults' 'tests/libfault/libfault.so not built'
	test_done
	exit
fi

# lib_faults CMD...: CMD writes $OUT (DONE: its other success statuses).
lib_faults() {
	UL_LIBFAULT=count UL_LIBFAULT_OUT=count UL_LIBFAULT_SPARE=$SPARE \
		LD_PRELOAD=$SHIM "$@" 2>/dev/null || :
	total=$(cat count) &&
	test "$total" -gt 100 || { echo "counting failed: '$total'"; return 1; }
	"$@" 2>/dev/null || case " ${DONE:-} " in *" $? "*) ;; *) return 1 ;; esac
	mv "$OUT" reference &&
	# The first allocations one by one (set-up), then spread evenly;
	# or, with FROM_END, those so many before the last.
	if [ -n "${FROM_END:-}" ]; then
		ns=$(for k in $FROM_END; do echo $((total - k)); done)
	else
		ns=$(awk -v t="$total" -v r="$RUNS" 'BEGIN {
			for (i = 1; i <= 10; i++) print i
			for (k = 0; k < r; k++) print 11 + int(k * (t - 11) / r) }')
	fi
	fails=0 degraded=
	for n in $ns; do
		echo old >"$OUT"
		rc=0
		UL_LIBFAULT=$n UL_LIBFAULT_SPARE=$SPARE LD_PRELOAD=$SHIM \
			timeout 60 "$@" 2>err || rc=$?
		case " ${DONE:-} " in *" $rc "*) rc=0 ;; esac
		case $rc in
		0)	if ! cmp -s reference "$OUT"; then
				case $OUT in
				*.pdf)	test_have qpdf || return 1
					qpdf --check "$OUT" >/dev/null ||
					{ echo "N=$n: exit 0 and a broken $OUT"; return 1; } ;;
				*)	echo "N=$n: exit 0 and another $OUT"; return 1 ;;
				esac
				degraded="$degraded $n"
			fi ;;
		70)	grep -q "out of memory" err ||
			{ echo "N=$n: status 70 without 'out of memory'"; cat err; return 1; }
			# Old, or whole and new when memory ran out after the rename.
			test "$(cat "$OUT")" = old || cmp -s reference "$OUT" ||
			{ echo "N=$n: status 70 and $OUT changed"; return 1; }
			fails=$((fails + 1)) ;;
		65)	# pango laid the text out with cairo's default options
			# (see above), and the card's own checks found it out of
			# its box: an error, with its message, but not the right
			# one. Counted as degraded, and shown in the log.
			if [ -n "${DEGRADED_65:-}" ] && grep -q ": error: " err; then
				degraded="$degraded $n(65)"
				sed -n "/: error: /{p;q}" err
				test "$(cat "$OUT")" = old ||
				{ echo "N=$n: status 65 and $OUT changed"; return 1; }
			else
				echo "N=$n: status 65"; cat err; return 1
			fi ;;
		*)	echo "N=$n: status $rc"; cat err; return 1 ;;
		esac
		if ls -a | grep -q "tmp"; then
			echo "N=$n: temporary file left: $(ls -a | grep tmp)"; return 1
		fi
	done
	echo "$total allocations; $(echo $ns | wc -w) faults: $fails out of memory (70)," \
		"the rest harmless; whole but other output at N =${degraded:- none}"
}

# The render sweep is repeatable since libfault counts the main thread
# only and runs pango's font threads in line (see libfault.c): the same N
# fails the same allocation every run, so a failure can be replayed with
# UL_LIBFAULT=N. A dozen spread faults in make check (seconds);
# UL_LIBFAULT_RUNS=N for a wider sweep.
test_expect_success 'cards: a library allocation failing, anywhere in a small render' '
	RUNS=${UL_LIBFAULT_RUNS:-12} OUT=out.pdf DONE= DEGRADED_65=1 \
		lib_faults utilab-cards -o out.pdf "$GOLDEN/mini.yaml"
'

# The end of a render is cairo finishing the PDF (fonts subsetted and
# written): cairo 1.16 loses some allocation failures there and writes a
# PDF that names objects it never wrote, with a success status (found by
# a 300-fault sweep: N = total - 960, - 840, - 760, - 720, - 600, exit 0
# and qpdf "object 7 0 not found"). lib/pdfout counts the objects and
# fails the run (70) instead. Still open, and left out here: in the last
# ~360 allocations (the pictograms' recordings finished at exit, after
# the PDF is whole and committed) cairo dies of SIGSEGV in
# cairo_surface_finish() of a recording surface whose snapshot it cannot
# copy; the output is whole, the status is the signal's.
test_expect_success 'cards: allocation failures while cairo finishes the PDF' '
	FROM_END="1200 1080 960 840 720 600 480" OUT=out.pdf DONE= DEGRADED_65=1 \
		lib_faults utilab-cards -o out.pdf "$GOLDEN/mini.yaml"
'

test_expect_success 'the count of a render is the same from run to run' '
	for i in 1 2 3 4; do
		UL_LIBFAULT=count UL_LIBFAULT_OUT=count.$i UL_LIBFAULT_SPARE=$SPARE \
			LD_PRELOAD=$SHIM utilab-cards -o out.pdf "$GOLDEN/mini.yaml" 2>/dev/null ||
			exit 1
	done &&
	cat count.1 count.2 count.3 count.4 | sort -u >counts &&
	echo "allocations: $(cat counts)" &&
	test "$(wc -l <counts)" = 1
'

test_expect_success 'collect: a library allocation failing, anywhere in a small collect' '
	OUT=out.md DONE="3 4" lib_faults utilab-collect -w "$GOLDEN/mini.yaml" \
		-q quarantine.csv -o out.md "$GOLDEN/collect/t1.yaml" "$GOLDEN/collect/t2.csv"
'

test_expect_success 'the shim fails what it says: some allocations of main end the run' '
	# Which allocations a run survives depends on the C library and the
	# environment (gettext shrugs off its own); that none of 40 spread
	# over the run fails it would mean the shim fails nothing, and the
	# tests above would pass for nothing.
	UL_LIBFAULT=count UL_LIBFAULT_OUT=count LD_PRELOAD="$SHIM" \
		utilab-collect -o out.md "$GOLDEN/collect/t1.yaml" 2>/dev/null || : &&
	total=$(cat count) && test "$total" -gt 100 &&
	hit= &&
	for k in $(seq 0 39); do
		n=$((1 + k * total / 40)) &&
		echo old >out.md &&
		rc=0 &&
		env UL_LIBFAULT=$n LD_PRELOAD="$SHIM" \
			utilab-collect -o out.md "$GOLDEN/collect/t1.yaml" 2>err || rc=$?
		if [ $rc -eq 70 ]; then
			test_grep "out of memory" err &&
			test "$(cat out.md)" = old &&
			hit="$hit $n"
		fi
	done &&
	echo "$total allocations; status 70 at N =$hit" &&
	test -n "$hit"
'

test_done
