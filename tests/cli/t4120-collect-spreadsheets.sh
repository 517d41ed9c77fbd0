#!/bin/sh
# SPDX-License-Identifier: ISC
# Spreadsheets (.xlsx, .ods) read directly: cells as the file holds them,
# a sheet named with FILE:SHEET, recognised by content, problems at their
# cell, and the limits that keep a hostile file small.
. "$(dirname "$0")/../lib.sh"

S=$GOLDEN/sheets
R=$TOP/tests/real/spreadsheets
WS=$GOLDEN/collect/ws.yaml

for f in cells.xlsx mac1904.xlsx strict.xlsx annotations.ods; do
	test_expect_success "cells of $f as the file holds them (golden)" '
		"$TOP/tests/bin/sheetdump" "$S/'"$f"'" >out 2>&1 &&
		test_cmp "$S/'"$f"'.out" out
	'
done

test_expect_success 'LibreOffice xlsx and ods of one workbook: the same cells (golden)' '
	(cd "$R" && "$TOP/tests/bin/sheetdump" table2.xlsx) >x.out 2>&1 &&
	(cd "$R" && "$TOP/tests/bin/sheetdump" table2.ods) >o.out 2>&1 &&
	test_cmp "$R/table2.xlsx.out" x.out &&
	test_cmp "$R/table2.ods.out" o.out &&
	sed "s/format ods/format xlsx/" o.out >o2.out &&
	test_cmp x.out o2.out
'

test_expect_success 'a transcription workbook collected: report and stderr golden' '
	(cd "$R" && test_expect_code 3 utilab-collect -w "$WS" -T csv table2.xlsx) >out.csv 2>err &&
	test_cmp "$R/table2.csv" out.csv &&
	test_cmp "$R/table2.err" err
'

test_expect_success 'the .ods of the same workbook gives the same records' '
	(cd "$R" && utilab-collect -w "$WS" -T json table2.xlsx) 2>/dev/null | sed "s/table2\.xlsx/T/g; s/(xlsx)/(S)/" >x.json &&
	(cd "$R" && utilab-collect -w "$WS" -T json table2.ods) 2>/dev/null | sed "s/table2\.ods/T/g; s/(ods)/(S)/" >o.json &&
	test_cmp x.json o.json
'

test_expect_success 'a spreadsheet is recognised by its content, whatever its name' '
	cp "$R/table2.xlsx" saisie.csv &&
	test_expect_code 3 utilab-collect -w "$WS" -T csv saisie.csv >out.csv 2>err &&
	test_grep "5 in = 3 kept" err &&
	test_grep "^FRI-004,friction" out.csv
'

test_expect_success 'FILE:SHEET reads that sheet; its name is matched without case' '
	utilab-collect -T csv "$R/table2.ods:notes" >out.csv 2>err &&
	test_grep "La salle était trop petite" out.csv &&
	test_grep "1 in = 1 kept" err
'

test_expect_success 'an unknown sheet is an error that lists the sheets' '
	test_expect_code 65 utilab-collect -T csv "$R/table2.xlsx:Feuille9" >out 2>err &&
	test_grep "error: no sheet named .Feuille9. .sheets: .Feuil1., .Notes..$" err
'

test_expect_success 'a formula error quarantines its row, naming the cell' '
	(cd "$R" && test_expect_code 3 utilab-collect -w "$WS" -T csv -q "$SCRATCH/q.csv" table2.ods) >/dev/null 2>err &&
	test_grep "table2.ods:6: warning: quarantined: cell F6 of sheet .Feuil1. holds a formula error" err &&
	test_grep "FRI-006" q.csv
'

test_expect_success 'a value past the header quarantines its row' '
	test_expect_code 3 utilab-collect -T csv "$S/cells.xlsx" >out 2>err &&
	test_grep "cells.xlsx:6: warning: quarantined: cell C6 of sheet .Réponses. holds a formula error" err &&
	test_grep "cells.xlsx:7: warning: quarantined: cell B7 of sheet .Réponses. holds a shared string that the workbook lacks" err
'

test_expect_success 'shared strings past 4 MiB in all, each short, are read' '
	"$TOP/tests/bin/sheetdump" "$S/many-strings.xlsx" >out 2>err &&
	test_grep "^59002: \"Texte numéro 59000 de la table 4\"$" out &&
	test_expect_code 4 utilab-collect -T csv "$S/many-strings.xlsx" >out.csv 2>err &&
	test_grep "60 in = 0 kept \+ 0 duplicates \+ 60 quarantined" err
'

test_expect_success 'a DOCTYPE (entity bomb) is refused' '
	test_expect_code 65 utilab-collect -T csv "$S/doctype.xlsx" >out 2>err &&
	test_grep "declares a document type" err
'

test_expect_success 'a zip bomb is refused before it is inflated' '
	test_expect_code 65 utilab-collect -T csv "$S/bomb.xlsx" >out 2>err &&
	test_grep "is compressed 1024 times .a zip bomb.., more than the 1000 allowed" err
'

test_expect_success 'a row repeated a million times is refused, at its row' '
	test_expect_code 65 utilab-collect -T csv "$S/rowbomb.ods" >out 2>err &&
	test_grep "rowbomb.ods:A!2: error: a row repeated 1048575 times" err
'

test_expect_success 'a damaged workbook, an OpenDocument text: refused with what they are' '
	test_expect_code 65 utilab-collect -T csv "$S/truncated.xlsx" >out 2>err &&
	test_grep "not a readable zip archive" err &&
	test_expect_code 65 utilab-collect -T csv "$S/letter.odt" >out 2>err &&
	test_grep "neither an .xlsx workbook nor an .ods spreadsheet" err
'

test_expect_success 'among several mappings, the one that fits the sheet'"'"'s header' '
	printf "utilab-map: 1\ncolumns:\n  \"Heure\": field:heure\n" >a.yaml &&
	printf "utilab-map: 1\ncolumns:\n  \"Absent\": text\n" >b.yaml &&
	test_expect_code 3 utilab-collect -T csv -m b.yaml -m a.yaml "$R/table2.xlsx" >out.csv 2>err &&
	test_grep "^id,.*,field:heure" out.csv &&
	test_grep ",14:30:00" out.csv &&
	test_expect_code 3 utilab-collect -T csv -m b.yaml "$R/table2.xlsx" >out.csv 2>err &&
	test_grep "note: mapping .b.yaml. does not fit: no column .Absent." err
'

test_expect_success 'a sheet name on a CSV is an error' '
	printf "type,text\nnote,x\n" >t.csv &&
	test_expect_code 65 utilab-collect t.csv:Feuil1 >out 2>err &&
	test_grep "not a spreadsheet" err
'
test_done
