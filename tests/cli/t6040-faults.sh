#!/bin/sh
# SPDX-License-Identifier: ISC
# Fault injection (lib/fault, UL_FAULT=KIND:N): the Nth allocation, write,
# fsync or rename of a run fails. For a small render and a small collect,
# every N until the run no longer meets a fault: the command exits with a
# documented status (70 out of memory, 73, 74), never by a signal; leaves no
# temporary file; and the previous output is either intact or replaced by
# a whole new one.
. "$(dirname "$0")/../lib.sh"

# faults KIND STEP CMD...: run CMD (which writes $OUT) under KIND:N for
# N = 1, 1+STEP… until it succeeds (a status in $DONE, default 0); the
# old output is "old".
faults() {
	kind=$1 step=$2
	shift 2
	n=1 runs=0
	while :; do
		echo old >"$OUT" && rc=0
		UL_FAULT=$kind:$n "$@" 2>err || rc=$?
		runs=$((runs + 1))
		case " ${DONE:-0} " in
		*" $rc "*) rc=0 ;;
		esac
		case $rc in
		0)	test_have qpdf && case $OUT in *.pdf) qpdf --check "$OUT" >/dev/null ||
			{ echo "$kind:$n: exit 0 but $OUT is broken"; return 1; } ;; esac
			break ;;
		70|73|74)
			grep -q "error\|out of memory" err ||
			{ echo "$kind:$n: status $rc without a message"; return 1; }
			test "$(cat "$OUT")" = old ||
			{ echo "$kind:$n: status $rc and $OUT changed"; return 1; } ;;
		*)	echo "$kind:$n: status $rc"; cat err; return 1 ;;
		esac
		if ls -a | grep -q "tmp"; then
			echo "$kind:$n: temporary file left: $(ls -a | grep tmp)"; return 1
		fi
		n=$((n + step))
		[ $n -le 100000 ] || { echo "$kind: never succeeded"; return 1; }
	done
	echo "$kind: $runs runs, $((n - 1)) operations"
}

render() {
	utilab-cards -o out.pdf "$GOLDEN/mini.yaml"
}
collect() {
	utilab-collect -w "$GOLDEN/mini.yaml" -q quarantine.csv -o out.md \
		"$GOLDEN/collect/t1.yaml" "$GOLDEN/collect/t2.csv"
}

if [ "$(cat "$TOP/.build-mode")" = sanitize ]; then
	# Same code paths; the plain build runs them at a tenth of the cost.
	test_skip 'fault injection' 'run in the plain build'
	test_done
	exit
fi

test_expect_success 'cards: every write, fsync and rename failing in turn' '
	OUT=out.pdf &&
	faults write 1 render && faults fsync 1 render && faults rename 1 render
'

test_expect_success 'cards: allocations failing (every 97th of them)' '
	OUT=out.pdf && faults alloc 97 render
'

test_expect_success 'collect: every write, fsync and rename failing in turn' '
	test -f "$GOLDEN/collect/t1.yaml" && test -f "$GOLDEN/collect/t2.csv" &&
	OUT=out.md DONE="0 3 4" &&
	faults write 1 collect && faults fsync 1 collect && faults rename 1 collect
'

test_expect_success 'collect: allocations failing (every 23rd of them)' '
	OUT=out.md DONE="0 3 4" && faults alloc 23 collect
'

test_done
