# SPDX-License-Identifier: ISC
# Sourced by the utilab-scan tests (t5000, t5001): the rates of a scan
# against the truth tests/bin/photogen wrote.
#
# scan_rates CSV TRUTH: print the rates, and fail unless they meet the
# promise of utilab-scan(1): every serial found and no other, at least 99%
# of the clearly marked scales read right (and not flagged), every unclear
# one (two marks, a faint one, none) flagged in the check column.
scan_rates() {
	awk -F, '
	NR == FNR { if (FNR > 1) { v[$2] = $3; c[$2] = $NF; seen[$2] = 1; rows++ } next }
	{
		split($0, t, " ")
		n++; want[t[1]] = 1
		if (!(t[1] in seen)) { missing++; print "# missing " t[1]; next }
		if (t[4] == "clear") {
			clear++
			if (v[t[1]] == t[3] && c[t[1]] == "") right++
			else print "# misread " t[1] ": " t[3] " read as \"" v[t[1]] "\" " c[t[1]]
		} else {
			unclear++
			if (c[t[1]] != "") flagged++
			else print "# unflagged " t[1] " (" t[4] ")"
		}
	}
	END {
		for (s in seen) if (!(s in want)) { wrong++; print "# wrong serial " s }
		printf "# serials %d/%d found, %d wrong; marked scales %d/%d read right (%.1f%%); unclear %d/%d flagged\n",
			n - missing, n, wrong, right, clear, 100 * right / (clear ? clear : 1),
			flagged, unclear
		exit !(missing == 0 && wrong == 0 && right >= 0.99 * clear && flagged == unclear && rows == n)
	}' "$1" "$2"
}
