#!/bin/sh
# SPDX-License-Identifier: ISC
# One options table per command drives the parser and --help: every
# option --help shows is accepted, every value it lists for an option is
# accepted, the man page documents the same options, and the values come
# from the library's own tables (no sheet size missing from --help again).

. "$(dirname "$0")/../lib.sh"

CMDS="utilab-new utilab-cards utilab-print utilab-collect utilab-guide utilab-scan"

# help_opts CMD: the -x and --long words of CMD's option list, sorted.
help_opts() {
	"$1" --help | grep -E '^  (-[[:alnum:]]|    --)' |
		grep -oE -- '(^|[ ,])--?[[:alnum:]][-[:alnum:]]*' |
		sed 's/^[ ,]*//' | sort -u
}

# man_opts CMD: the same, from the OPTIONS items of its man page.
man_opts() {
	awk '/^\.It Fl/ {
		for (i = 2; i <= NF; i++) {
			if ($(i-1) == "Fl") print "-" $i
			else if ($i ~ /^-[[:alpha:]]/) print "-" $i
		}
	}' "$TOP/man/man1/$1.1" | sed 's/[,]$//' | sort -u
}

for cmd in $CMDS; do
	test_expect_success "$cmd: the man page and --help list the same options" "
		help_opts $cmd >help &&
		test -s help &&
		man_opts $cmd >man &&
		test_cmp man help
	"
done

test_expect_success 'every option of --help is one the parser accepts' '
	for cmd in $CMDS; do
		help_opts $cmd >opts &&
		while read -r opt; do
			case $opt in --help|-h|--version) continue ;; esac
			# a value for options that take one: the parser is asked
			# about the option only (the value may then be refused)
			line=$($cmd --help | grep -E -- "(^| |,)$opt( |,|\$)" | head -1)
			case $line in
			*"$opt "[A-Z]*) $cmd "$opt" x --help >/dev/null 2>err ;;
			*) $cmd "$opt" --help >/dev/null 2>err ;;
			esac
			if grep -q "unknown option\|needs\|takes no argument" err; then
				echo "$cmd $opt: $(cat err)"; exit 1
			fi
		done <opts || exit 1
	done
'

test_expect_success 'an unknown option, a missing argument: 64 and the synopsis' '
	for cmd in $CMDS; do
		test_expect_code 64 $cmd --no-such-option 2>err &&
		test_grep "unknown option .--no-such-option." err &&
		test_grep "^usage: $cmd " err &&
		test_expect_code 64 $cmd -Z 2>err &&
		test_grep "unknown option .-Z." err &&
		test_expect_code 64 $cmd --help=yes 2>err &&
		test_grep "takes no argument" err || exit 1
	done &&
	test_expect_code 64 utilab-cards -d 2>err &&
	test_grep "^utilab-cards: -d needs ID" err
'

# values CMD OPT: the words --help lists for OPT, after its last ": ".
values() {
	"$1" --help | awk -v opt="$2" '
		/^  -|^      --/ {
			on = 0
			n = split(substr($0, 1, 24), w, /[ ,]+/)
			for (i = 1; i <= n; i++)
				if (w[i] == opt) on = 1
			if (on) text = $0
			next
		}
		on && /^        / { text = text " " $0; next }
		{ on = 0 }
		END {
			sub(/.*: /, "", text); gsub(/\(default\)|,/, "", text)
			print text
		}'
}

test_expect_success 'every value --help lists is accepted, and the default is marked' '
	for spec in "utilab-cards -T" "utilab-print -s" "utilab-print -D" \
		    "utilab-print --lang" "utilab-collect -T" "utilab-collect -s" \
		    "utilab-collect -F" "utilab-guide -s"; do
		set -- $spec &&
		v=$(values "$1" "$2") &&
		test -n "$v" &&
		for w in $v; do
			$1 $2 "$w" --help >/dev/null 2>err ||
			{ echo "$spec $w refused: $(cat err)"; exit 1; }
		done &&
		"$1" --help | grep -q "(default)" || exit 1
	done &&
	test "$(echo $(values utilab-cards -T))" = "pdf png svg"
'

test_expect_success 'a value outside the list is refused, naming the list' '
	test_expect_code 64 utilab-cards -T gif x.yaml 2>err &&
	test_grep "unknown format .gif.: use pdf, png or svg" err &&
	test_expect_code 64 utilab-print -D sideways 2>err &&
	test_grep "unknown duplex flip .sideways.: use long, short or none" err &&
	test_expect_code 64 utilab-guide -s a3 g.yaml 2>err &&
	test_grep "use a5 or a4" err &&
	# case does not matter, as before the tables
	utilab-guide -s A4 --help >/dev/null &&
	utilab-collect -s A5 --help >/dev/null
'

test_expect_success 'the sheet sizes of --help are lib/sizes.c'"'"'s, every one' '
	# the table rows whose use includes S (a sheet)
	grep -oE "\{\"[a-z0-9]+\", [^}]*\}" "$TOP/lib/sizes.c" |
		grep -E "[ |]S( |\})" | sed "s/^{\"\([a-z0-9]*\)\".*/\1/" >names &&
	test_grep "^tabloid$" names &&
	v=$(values utilab-print -s) &&
	for n in $(cat names); do
		case " $v " in *" $n "*) ;; *) echo "missing $n"; exit 1 ;; esac
	done &&
	test "$(echo $v | wc -w)" -eq "$(wc -l <names)"
'

test_expect_success 'the dialects of --help are lib/dialect.c'"'"'s' '
	v=$(values utilab-collect -F) &&
	for d in auto utilab kobo framaforms webform decidim miro; do
		case " $v " in *" $d "*) ;; *) echo "missing $d"; exit 1 ;; esac
	done
'

test_expect_success 'utilab-new -s: every settable key is in --help and accepted' '
	v=$(values utilab-new -s) &&
	test_grep "license" - <<-EOF &&
	$v
	EOF
	for k in $v; do
		utilab-new -s "$k=x" --help >/dev/null || exit 1
	done &&
	test_expect_code 64 utilab-new -s colour=red mini 2>err &&
	test_grep "it sets title, summary" err
'

test_expect_success 'help lines fit 80 columns' '
	for cmd in $CMDS; do
		$cmd --help | awk -v c=$cmd "length(\$0) > 80 { print c \": \" \$0; bad = 1 } END { exit bad }" ||
		exit 1
	done
'

test_done
