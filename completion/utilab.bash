# SPDX-License-Identifier: ISC
# bash completion for the utilab commands.
#
# Options are read from each command's own --help, so completion never
# drifts from what the command accepts; only the values an option takes
# are listed here. Deck and poster ids are read from the workshop file
# already on the command line.

# The option words (-x and --long) that `CMD --help` prints.
_utilab_options()
{
	LC_ALL=C LANGUAGE= "$1" --help 2>/dev/null |
		grep -oE '(^|[[:space:],])--?[[:alnum:]][-[:alnum:]]*' |
		sed 's/^[[:space:],]*//' | sort -u
}

# The ids of a workshop's decks or posters (SECTION is decks or posters):
# items of the top-level list SECTION, block style as utilab-new writes it
# and as utilab-workshop(5) shows it, with any indentation.
_utilab_workshop_ids()
{
	[ -r "$2" ] || return 0
	awk -v section="$1" '
		/^[^ #-][^:]*:/ {
			key = $0; sub(/:.*/, "", key)
			on = (key == section); item = -1; next
		}
		!on { next }
		/^[ ]*-[ ]/ {
			ind = match($0, /-/)
			if (item < 0) item = ind
			if (ind == item) {
				line = $0; sub(/^[ ]*-[ ]*/, "", line)
				if (line ~ /^\{/) {
					if (match(line, /(\{|,)[ ]*id:[ ]*[^,} ]+/)) {
						id = substr(line, RSTART, RLENGTH)
						sub(/.*id:[ ]*/, "", id); print id
					}
					next
				}
				if (line ~ /^id:/) { sub(/^id:[ ]*/, "", line); print line }
				want = 1; next
			}
		}
		want && /^[ ]*id:/ {
			ind = match($0, /id:/)
			if (ind == item + 2) {
				line = $0; sub(/^[ ]*id:[ ]*/, "", line); print line
				want = 0
			}
		}
	' "$2" | sed "s/^[\"']//; s/[\"'][[:space:]]*\$//; s/[[:space:]]*#.*//"
}

# The first operand ending in .yaml or .yml: the workshop of utilab-cards.
_utilab_workshop_on_line()
{
	local w i
	for ((i = 1; i < ${#COMP_WORDS[@]}; i++)); do
		w=${COMP_WORDS[i]}
		[ "$i" -eq "$COMP_CWORD" ] && continue
		case ${COMP_WORDS[i-1]} in
		-w|--workshop) printf '%s\n' "$w"; return ;;
		esac
		case $w in
		--workshop=*) printf '%s\n' "${w#--workshop=}"; return ;;
		-*) ;;
		*.yaml|*.yml) printf '%s\n' "$w"; return ;;
		esac
	done
}

# Values for option OPT of command CMD; returns 1 when OPT takes none.
_utilab_values()
{
	local cmd=$1 opt=$2 cur=$3 ws
	case $cmd:$opt in
	utilab-cards:-T|utilab-cards:--format)
		COMPREPLY=($(compgen -W 'pdf png svg' -- "$cur")) ;;
	utilab-collect:-T|utilab-collect:--to)
		COMPREPLY=($(compgen -W 'md json csv csv-excel html pdf' -- "$cur")) ;;
	utilab-collect:-F|utilab-collect:--from)
		COMPREPLY=($(compgen -W 'auto utilab kobo framaforms webform decidim miro' -- "$cur")) ;;
	utilab-print:-s|utilab-print:--sheet)
		COMPREPLY=($(compgen -W 'a4 a3 a5 letter legal tabloid' -- "$cur")) ;;
	utilab-guide:-s|utilab-guide:--size|utilab-collect:-s|utilab-collect:--size)
		COMPREPLY=($(compgen -W 'a4 a5' -- "$cur")) ;;
	utilab-print:-D|utilab-print:--duplex)
		COMPREPLY=($(compgen -W 'long short none' -- "$cur")) ;;
	*:--lang)
		COMPREPLY=($(compgen -W 'fr en' -- "$cur")) ;;
	utilab-cards:-d|utilab-cards:--deck)
		ws=$(_utilab_workshop_on_line)
		COMPREPLY=($(compgen -W "$(_utilab_workshop_ids decks "$ws")" -- "$cur")) ;;
	utilab-cards:-p|utilab-cards:--poster)
		ws=$(_utilab_workshop_ids posters "$(_utilab_workshop_on_line)")
		COMPREPLY=($(compgen -W "$ws" -- "$cur")) ;;
	utilab-new:-s|utilab-new:--set)
		compopt -o nospace 2>/dev/null
		COMPREPLY=($(compgen -S = -W 'title summary kind lang question territory date duration license authors source version' -- "$cur")) ;;
	*:-w|*:--workshop|*:-m|*:--map)
		COMPREPLY=($(compgen -f -X '!*.@(yaml|yml)' -- "$cur") $(compgen -d -- "$cur")) ;;
	*:-o|*:--output|*:-q|*:--quarantine|*:-d|*:--crops)
		COMPREPLY=($(compgen -f -- "$cur")) ;;
	*:-r|*:--resolution|*:-b|*:--bleed|*:-O|*:--offset|*:--margin|*:--overlap)
		COMPREPLY=() ;;
	*) return 1 ;;
	esac
	return 0
}

_utilab()
{
	local cmd=${COMP_WORDS[0]##*/} cur=${COMP_WORDS[COMP_CWORD]}
	local prev=${COMP_WORDS[COMP_CWORD-1]}
	COMPREPLY=()

	case $cur in
	--*=*)
		_utilab_values "$cmd" "${cur%%=*}" "${cur#*=}" && return 0 ;;
	esac
	if [ "$COMP_CWORD" -gt 1 ] || [ "$prev" != "$cmd" ]; then
		case $prev in
		-*) _utilab_values "$cmd" "$prev" "$cur" && return 0 ;;
		esac
	fi
	case $cur in
	-*)
		COMPREPLY=($(compgen -W "$(_utilab_options "${COMP_WORDS[0]}")" -- "$cur"))
		return 0 ;;
	esac
	case $cmd in
	utilab-new)
		COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" -l 2>/dev/null | awk '{ print $1 }')" -- "$cur")) ;;
	utilab-print)
		COMPREPLY=($(compgen -f -X '!*.[pP][dD][fF]' -- "$cur") $(compgen -d -- "$cur")) ;;
	utilab-collect)
		COMPREPLY=($(compgen -f -X '!*.@(yaml|yml|csv|tsv|xlsx|ods|json)' -- "$cur") $(compgen -d -- "$cur")) ;;
	utilab-scan)
		COMPREPLY=($(compgen -f -X '!*.@(jpg|jpeg|JPG|JPEG|png|PNG|heic|HEIC)' -- "$cur") $(compgen -d -- "$cur")) ;;
	*)
		COMPREPLY=($(compgen -f -X '!*.@(yaml|yml)' -- "$cur") $(compgen -d -- "$cur")) ;;
	esac
}

shopt -s extglob 2>/dev/null
complete -F _utilab utilab-new utilab-cards utilab-print utilab-collect \
	utilab-guide utilab-scan
