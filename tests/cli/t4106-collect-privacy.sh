#!/bin/sh
# SPDX-License-Identifier: ISC
# utilab-collect and personal data: columns are personal by whole words
# and known labels, never by substrings; a personal value never reaches a
# record by any path (a workshop field of the same name, a row that lost
# its shape); e-mails and phones are masked in every output by default.
. "$(dirname "$0")/../lib.sh"

C=$GOLDEN/collect

test_expect_success 'whole words: "nom du restaurant" is kept, "Votre nom" is dropped' '
	printf "type,text,nom du restaurant,Votre nom,Adresse du local,Adresse e-mail,Numéro de téléphone\n" >r.csv &&
	printf "friction,Trop cher,Chez Paulette,Lucie Martin,12 rue Haute,l@ex.fr,0601020304\n" >>r.csv &&
	utilab-collect -T json -o r.json r.csv 2>err &&
	test_grep "personal column .Votre nom. dropped" err &&
	test_grep "personal column .Adresse e-mail. dropped" err &&
	test_grep "personal column .Numéro de téléphone. dropped" err &&
	! grep "personal column .nom du restaurant" err &&
	! grep "personal column .Adresse du local" err &&
	! grep -F -e Lucie -e l@ex.fr -e 0601020304 r.json
'

test_expect_success 'a form column "Contact" is never read as the workshop field "contact"' '
	sed -e "s/{id: moment,/{id: contact,/" "$C/ws.yaml" >ws.yaml &&
	printf "_uuid,Friction,Contact,group1/contact\n" >k.csv &&
	printf "u-1,Le bus ne passe plus,lucie@exemple.fr,06 11 22 33 44\n" >>k.csv &&
	utilab-collect -w ws.yaml -T json -o r.json -q q.csv k.csv 2>err;
	test $? -le 3 &&
	test_grep "personal column .Contact. dropped" err &&
	test_grep "personal column .group1/contact. dropped" err &&
	! grep -F -e lucie -e "06 11" r.json q.csv err
'

test_expect_success 'a ragged or broken row of a table with personal columns: no cell of it reaches any output' '
	printf "type,text,Prénom\nfriction,Le trottoir,Lucie\nfriction,Trop,de,Karim\nfriction,\"Rien ne va,Nadia\n" >in.csv &&
	for fmt in md json csv html; do
		test_expect_code 3 utilab-collect -T $fmt -o r.$fmt -q q.csv in.csv 2>err || return 1
		! grep -F -e Lucie -e Karim -e Nadia r.$fmt q.csv err || return 1
	done &&
	test_grep "ragged row" err &&
	test_grep "unterminated quoted field" err
'

test_done
