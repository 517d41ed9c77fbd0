#!/bin/sh
# SPDX-License-Identifier: ISC
# Form and board exports (Framaforms, Decidim, Miro) recognised from their
# headers, a user column mapping, and personal columns never copied.
. "$(dirname "$0")/../lib.sh"

C=$GOLDEN/collect

# collect [ARGS...]: in the fixtures' directory; status 3 (some records
# quarantined, the report written) is expected of these fixtures too.
collect() {
	(cd "$C" && utilab-collect "$@")
	set -- $?
	test "$1" = 0 || test "$1" = 3
}

test_expect_success 'Framaforms, Decidim and Miro exports: JSON and stderr golden' '
	collect -w ws.yaml -T json -o "$SCRATCH/out.json" framaforms.csv decidim.csv miro.csv 2>err &&
	test_cmp "$C/dialects.json" out.json &&
	test_cmp "$C/dialects.err" err
'

test_expect_success 'forcing a dialect with -F gives the same as recognising it' '
	collect -w ws.yaml -T json -o "$SCRATCH/a.json" decidim.csv 2>/dev/null &&
	collect -w ws.yaml -F decidim -T json -o "$SCRATCH/b.json" decidim.csv 2>/dev/null &&
	cmp a.json b.json
'

test_expect_success 'a column mapping (-m): CSV and stderr golden' '
	collect -w ws.yaml -m map.yaml -T csv -o "$SCRATCH/out.csv" partner.csv 2>err &&
	test_cmp "$C/map.csv" out.csv &&
	test_cmp "$C/map.err" err
'

test_expect_success 'no value of a personal column reaches the outputs' '
	collect -w ws.yaml -T json framaforms.csv decidim.csv miro.csv 2>/dev/null >r.json &&
	collect -w ws.yaml -m map.yaml -T json partner.csv 2>/dev/null >>r.json &&
	for secret in 192.0.2 Anonyme paul "Marie Dupont" "Ali B." profiles \
	    "Pierre Legrand" 50.63 3074457345600000001 Nadia "Jean, Sophie"; do
		! grep -F "$secret" r.json || return 1
	done
'

test_expect_success 'Decidim: title and body joined, markup stripped, entities decoded' '
	collect -T csv decidim.csv 2>/dev/null >r.csv &&
	test_grep "Un marché solidaire le samedi — Des produits frais à prix coûtant, & livrés\." r.csv
'

test_expect_success 'a quarantine file, once fixed, collects again' '
	collect -w ws.yaml -q "$SCRATCH/q.csv" -o /dev/null t2.csv 2>/dev/null &&
	sed -e "s/;Parking;/;Magasin;/; s/,Parking,/,Magasin,/; s/FRI-099/FRI-039/g; s/FRX-12/FRI-012/g" q.csv >fixed.csv &&
	collect -w ws.yaml -T csv "$SCRATCH/fixed.csv" 2>err >r.csv &&
	test_grep "FRI-010,friction" r.csv &&
	test_grep "FRI-039,friction" r.csv &&
	test_grep "5 in = 3 kept \+ 0 duplicates \+ 2 quarantined" err
'
test_done
