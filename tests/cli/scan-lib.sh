# SPDX-License-Identifier: ISC
# Sourced by the utilab-scan tests (t5000, t5001): the rates of a scan
# against the truth tests/bin/photogen wrote.
#
# scan_rates CSV TRUTH: print the rates, and fail unless they meet the
# promise of utilab-scan(1): every serial found and no other, at least 99%
# of the clearly marked scales and of the clearly ticked tick-box fields
# read right (and that field not flagged), every unclear mark (two marks where one is
# expected, a faint one, none) flagged in the check column. A tick-box
# field is right when its cell holds exactly the options ticked; the
# boxes ticked (in fields ticked clearly) and found are counted too.
scan_rates() {
	awk '
	# split a CSV line (utilab-scan quotes cells with , " or a newline)
	function csv(line, out,   n, i, c, cell, q) {
		n = 0; cell = ""; q = 0
		for (i = 1; i <= length(line); i++) {
			c = substr(line, i, 1)
			if (q) {
				if (c == "\"" && substr(line, i + 1, 1) == "\"") { cell = cell c; i++ }
				else if (c == "\"") q = 0
				else cell = cell c
			} else if (c == "\"") q = 1
			else if (c == ",") { out[++n] = cell; cell = "" }
			else cell = cell c
		}
		out[++n] = cell
		return n
	}
	# whether the check column c flags field id: its own words ("id : …"),
	# or words about the whole card (a second photo, another version)
	function flags(c, id,   m, i, seg) {
		m = split(c, seg, "; ")
		for (i = 1; i <= m; i++)
			if (index(seg[i], id " : ") == 1 || seg[i] !~ /^[a-z0-9-]+ : /)
				return 1
		return 0
	}
	NR == FNR {
		nf = csv($0, f)
		if (FNR == 1) { for (i = 1; i <= nf; i++) col[f[i]] = i; next }
		seen[f[col["serial"]]] = 1; rows++
		for (k in col) cell[f[col["serial"]], k] = f[col[k]]
		next
	}
	{
		split($0, t, " ")
		s = t[1]; fld = "field:" t[2]
		if (!(s in want)) { n++; want[s] = 1; if (!(s in seen)) { missing++; print "# missing " s } }
		if (!(s in seen)) next
		v = cell[s, fld]; c = flags(cell[s, "check"], t[2])
		tick = t[3] !~ /^[0-9]+$/
		if (tick) { gsub(/ \| /, "|", v); gsub(/ /, "_", v); if (v == "") v = "-" }
		if (tick && t[3] != "-" && t[4] == "clear") {
			nb = split(t[3], opts, "|"); boxes += nb
			for (i = 1; i <= nb; i++) if (index("|" v "|", "|" opts[i] "|")) boxes_found++
		}
		if (t[4] == "clear") {
			if (tick) tclear++; else clear++
			if (v == t[3] && !c) { if (tick) tright++; else right++ }
			else print "# misread " s " " t[2] ": " t[3] " read as \"" v "\" " cell[s, "check"]
		} else {
			unclear++
			if (c) flagged++
			else print "# unflagged " s " " t[2] " (" t[4] ")"
		}
	}
	END {
		for (s in seen) if (!(s in want)) { wrong++; print "# wrong serial " s }
		printf "# serials %d/%d found, %d wrong; marked scales %d/%d read right (%.1f%%); tick-box fields %d/%d right (%.1f%%), ticked boxes %d/%d found; unclear %d/%d flagged\n",
			n - missing, n, wrong, right, clear, 100 * right / (clear ? clear : 1),
			tright, tclear, 100 * tright / (tclear ? tclear : 1), boxes_found, boxes,
			flagged, unclear
		exit !(missing == 0 && wrong == 0 && right >= 0.99 * clear && tright >= 0.99 * tclear && flagged == unclear && rows == n)
	}' "$1" "$2"
}
