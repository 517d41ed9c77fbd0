# Generate a large utilab results CSV for the collect bench (deterministic:
# same seed, same bytes), one record in ten with a serial. Usage:
# awk -v n=1000000 -f tools/collect-gen.awk
BEGIN {
	srand(20230512)
	ns = split("Faire les courses|Aller chez le médecin|Emmener les enfants à l'école|Payer le loyer|Chercher un emploi|Prendre le bus|Sortir les poubelles|Recevoir de la famille|Faire une démarche en ligne|Aller à la pharmacie", base, "|")
	for (i = 1; i <= 50; i++)
		seq[i] = "seq-" sprintf("%02d", i)
	nst = split("Avant|Trajet|Arrivée|Attente|Sur place|Paiement|Retour|Rangement|Après|Le lendemain", stage, "|")
	nsub = split("L'ascenseur|Le bus 18|La borne de la CAF|Le trottoir devant l'école|Le guichet de la mairie|Le site de la préfecture|La porte du hall|Le parking du supermarché|La pharmacie de garde|Le local à poubelles|Le standard du bailleur|La salle d'attente", sub_, "|")
	nv = split("est en panne depuis|ne fonctionne plus depuis|ferme sans prévenir depuis|est inaccessible en fauteuil depuis|demande un mot de passe depuis|est saturé depuis|sent mauvais depuis|n'est plus entretenu depuis", verb, "|")
	nt = split("trois jours|deux semaines|le mois dernier|la rentrée|l'hiver|les travaux|toujours|des années", tim, "|")
	nc = split("et je dois tout porter à pied avec les enfants.|alors je renonce à y aller seule.|et personne ne répond au téléphone.|du coup j'arrive en retard au travail.|et les personnes âgées restent chez elles.|et il faut revenir le lendemain, encore.|alors on s'entraide entre voisins, comme on peut.|et ça coûte cher en taxi à la fin du mois.", cons, "|")
	ntag = split("logement|mobilité|santé|alimentation|numérique|école|emploi|sécurité|propreté|budget|accessibilité|lien social", tag, "|")
	print "type,serial,session,table,sequence,stage,text,votes,tags"
	for (r = 1; r <= n; r++) {
		s = int(rand() * 50) + 1
		st = int(rand() * nst) + 1
		type = rand() < 0.8 ? "friction" : "idea"
		text = sub_[int(rand() * nsub) + 1] " " verb[int(rand() * nv) + 1] " " tim[int(rand() * nt) + 1] (rand() < 0.25 ? ", " cons[int(rand() * nc) + 1] : ".")
		t1 = tag[int(rand() * ntag) + 1]
		tags = rand() < 0.5 ? t1 : t1 "|" tag[int(rand() * ntag) + 1]
		# One record in ten carries a card serial (some of them twice:
		# duplicates and conflicts, as when two tables type one card).
		serial = rand() < 0.1 ? sprintf("%s-%d", type == "friction" ? "FRI" : "IDE", int(rand() * 60000) + 1) : ""
		printf "%s,%s,2023-%02d-%02d,T%d,%s,%s,\"%s\",%d,%s\n", type, serial,
		    int(rand() * 12) + 1, int(rand() * 28) + 1, int(rand() * 8) + 1,
		    seq[s], stage[st], text, int(rand() * 12), tags
	}
}
