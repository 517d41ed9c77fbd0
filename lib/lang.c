/* SPDX-License-Identifier: ISC */
/*
 * Languages: the BCP 47 rule and the built-in strings, one table per
 * language (lang.h). Owns the tables; knows nothing of workshops, files
 * or argv.
 *
 * French is the source language: its table is the list of msgids below
 * (ul_lang_msgids), and every other table maps a French text to its own.
 * A msgid may carry a context before a '|' ("colonne|Quarantaine") when
 * one French word needs two translations; French prints what follows it.
 */
#include <ctype.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "lang.h"

static const struct ul_lang_entry en_table[] = {
	{"Objectifs", "Goals"},
	{"Frustrations", "Frustrations"},
	{"Durée totale :", "Total time:"},
	{"%d min", "%d min"},
	{"%d h %02d", "%d h %02d"},
	{"1 gommette par personne : collez-la sur ce qui compte le plus pour vous", "1 dot per person: stick it on what matters most to you"},
	{"%d gommettes par personne : collez-les sur ce qui compte le plus pour vous", "%d dots per person: stick them on what matters most to you"},
	{"Licence", "Licence"},
	{"Auteurs", "Authors"},
	{"Source", "Source"},
	{"Version", "Version"},
	{"FICHE D'ANIMATION", "FACILITATOR'S RUN SHEET"},
	{"personnes", "people"},
	{"tables", "tables"},
	{"table", "table"},
	{"Public", "Audience"},
	{"Territoire", "Place"},
	{"Date", "Date"},
	{"Durée", "Duration"},
	{"annoncée :", "announced:"},
	{"Partenaires", "Partners"},
	{"1 animateur ou animatrice, %d %s de table, 1 personne pour les notes", "1 lead facilitator, %d table %s, 1 note-taker"},
	{"hôtes", "hosts"},
	{"hôte", "host"},
	{"1 animateur ou animatrice, 1 hôte par table, 1 personne pour les notes", "1 lead facilitator, 1 host per table, 1 note-taker"},
	{"Équipe", "Team"},
	{"Déroulé", "Schedule"},
	{"*Matériel :* ", "*Materials:* "},
	{"Fin", "End"},
	{"cartes à remplir", "cards to fill in"},
	{"cartes", "cards"},
	{"carte", "card"},
	{", numérotées %s à %s", ", numbered %s to %s"},
	{" : environ %d par table", ": about %d per table"},
	{" : %d exemplaires", ": %d copies"},
	{" : %d jeux", ": %d sets"},
	{" : un jeu par table, %d jeux", ": one set per table, %d sets"},
	{" : une par personne, %d", ": one per person, %d"},
	{" : un jeu par personne, %d jeux", ": one set per person, %d sets"},
	{", %d cartes", ", %d cards"},
	{" : %d par table", ": %d per table"},
	{" : %d par personne", ": %d per person"},
	{"Matériel", "Materials"},
	{"CARTES", "CARDS"},
	{"AFFICHES", "POSTERS"},
	{"**%s** — affiche %s, %s", "**%s** — poster %s, %s"},
	{"paysage", "landscape"},
	{"portrait", "portrait"},
	{" : une par table, %d", ": one per table, %d"},
	{"FOURNITURES", "SUPPLIES"},
	{"Gommettes : %d par personne pour « %s » (%zu options)", "Dot stickers: %d per person for “%s” (%zu options)"},
	{", %d en tout", ", %d in all"},
	{"Gommettes pour voter : environ 1 par personne pour 4 à 5 options", "Dot stickers for voting: about 1 per person for every 4 to 5 options"},
	{"Feutres noirs à pointe moyenne : 1 par personne, %d", "Black medium-tip markers: 1 per person, %d"},
	{"Feutres noirs à pointe moyenne : 1 par personne", "Black medium-tip markers: 1 per person"},
	{"Post-it 76 × 76 mm : %d blocs (2 par table)", "Sticky notes 76 × 76 mm: %d pads (2 per table)"},
	{"Post-it 76 × 76 mm : 2 blocs par table", "Sticky notes 76 × 76 mm: 2 pads per table"},
	{"Formulaires de consentement : %d, et quelques-uns en plus", "Consent forms: %d, and a few spare"},
	{"Formulaires de consentement : 1 par personne", "Consent forms: 1 per person"},
	{"Pâte adhésive ou ruban de masquage pour les affiches", "Removable adhesive or masking tape for the posters"},
	{"*Aussi dans le kit, mais dans aucune phase :* ", "*Also in the kit, but in no phase:* "},
	{"fiche d'animation (suite)", "run sheet (continued)"},
	{"fiche d'animation", "run sheet"},
	{"Synthèse des résultats", "Results report"},
	{"Frictions par séquence de vie", "Frictions by life sequence"},
	{"Sans séquence", "No sequence"},
	{"Sans étape", "No stage"},
	{"Idées sans friction associée", "Ideas answering no friction"},
	{"Notes et votes", "Notes and votes"},
	{"Étiquettes", "Tags"},
	{"Étiquette", "Tag"},
	{"Éléments", "Items"},
	{"Tables", "Tables"},
	{"Sources et décomptes", "Sources and counts"},
	{"Par session et table", "By session and table"},
	{"Fichiers", "Files"},
	{"Quarantaine", "Quarantine"},
	{"Session", "Session"},
	{"Table", "Table"},
	{"Frictions", "Frictions"},
	{"Idées", "Ideas"},
	{"Votes", "Votes"},
	{"Notes", "Notes"},
	{"Fichier", "File"},
	{"Format", "Format"},
	{"Lus", "In"},
	{"Retenus", "Kept"},
	{"Doublons", "Duplicates"},
	{"Colonnes personnelles ignorées", "Personal columns dropped"},
	{"Raison", "Reason"},
	{"Texte", "Text"},
	{"conflit : même identifiant, autre texte", "conflict: same id, other text"},
	{"à relire : données personnelles", "review: personal data"},
	{"gravité", "severity"},
	{"Idée", "Idea"},
	{"—", "—"},
	{"Type", "Type"},
	{"répond à", "answers"},
	{"Néant.", "None."},
	{"vote", "vote"},
	{"votes", "votes"},
	{"[courriel masqué]", "[e-mail removed]"},
	{"[téléphone masqué]", "[phone removed]"},
	{"colonne|Quarantaine", "Quarantined"},
	{"confirme", "confirms"},
	{"nuance", "nuances"},
	{"contredit", "contradicts"},
	{"sans avis", "no verdict"},
	{"Terrain", "Field"},
	{"Services :", "Services:"},
	{"Sur l'affiche :", "On the poster:"},
	{"case", "box"},
	{"Ce que le terrain a vérifié", "What the field verified"},
	{"Friction", "Friction"},
	{"Confirmée", "Confirmed"},
	{"Nuancée", "Nuanced"},
	{"Contredite", "Contradicted"},
	{"friction non collectée", "friction not collected"},
	{"Votes sur les affiches", "Votes on the posters"},
	{"Case", "Box"},
	{"Gommettes", "Dots"},
	{"Comment ça marche", "How it works"},
	{"Étape", "Stage"},
	{"Pour qui :", "For whom:"},
	{"Ce à quoi il répond :", "What it answers:"},
	{"Qui fait quoi :", "Who does what:"},
	{"Ce qu'il faut :", "What it needs:"},
	{"Combien ça coûte :", "What it costs:"},
	{"Premier essai :", "First test:"},
	{"Services", "Services"},
	{"Étapes d'un service non collecté", "Steps of a service not collected"},
	{"Observations", "Observations"},
	{"Étapes", "Steps"},
	{"cochez une seule case", "tick one box only"},
	{"%s : aucune marque", "%s: no mark"},
	{"%s : marque pâle sur %d", "%s: faint mark on %d"},
	{"%s : deux marques (%d et %d)", "%s: two marks (%d and %d)"},
	{"%s : cercles hors de l'image", "%s: circles outside the image"},
	{"%s : aucune case cochée", "%s: no box ticked"},
	{"%s : marque pâle dans ", "%s: faint mark in "},
	{"%s : plusieurs cases cochées, une attendue : ",
	 "%s: several boxes ticked, one expected: "},
	{"%s : cases hors de l'image", "%s: boxes outside the image"},
	{"« %s »", "“%s”"},
	{"%s : lue autrement sur deux images", "%s: read differently in two images"},
	{"revue dans « %s » avec d'autres marques", "seen again in '%s' with other marks"},
	{"imprimée d'après la version %s du paquet « %s », pas %s",
	 "printed from version %s of deck '%s', not %s"},
	{"carte difficile à recaler (%.1f mm) : vérifier chaque champ",
	 "card hard to align (%.1f mm): check every field"},
};

static const struct ul_lang_entry ar_table[] = {
	{"Objectifs", "الأهداف"},
	{"Frustrations", "الصعوبات"},
	{"Durée totale :", "المدة الإجمالية:"},
	{"%d min", "%d دقيقة"},
	{"%d h %02d", "%d س %02d د"},
	{"1 gommette par personne : collez-la sur ce qui compte le plus pour vous", "ملصق واحد لكل شخص: ضعه على ما يهمك أكثر"},
	{"%d gommettes par personne : collez-les sur ce qui compte le plus pour vous", "عدد الملصقات لكل شخص: %d، ضعها على ما يهمك أكثر"},
	{"Licence", "الرخصة"},
	{"Auteurs", "المؤلفون"},
	{"Source", "المصدر"},
	{"Version", "الإصدار"},
};

const struct ul_lang_msgid ul_lang_msgids[] = {
	{"Objectifs", true},
	{"Frustrations", true},
	{"Durée totale :", true},
	{"%d min", true},
	{"%d h %02d", true},
	{"1 gommette par personne : collez-la sur ce qui compte le plus pour vous", true},
	{"%d gommettes par personne : collez-les sur ce qui compte le plus pour vous", true},
	{"Licence", true},
	{"Auteurs", true},
	{"Source", true},
	{"Version", true},
	{"FICHE D'ANIMATION", false},
	{"personnes", false},
	{"tables", false},
	{"table", false},
	{"Public", false},
	{"Territoire", false},
	{"Date", false},
	{"Durée", false},
	{"annoncée :", false},
	{"Partenaires", false},
	{"1 animateur ou animatrice, %d %s de table, 1 personne pour les notes", false},
	{"hôtes", false},
	{"hôte", false},
	{"1 animateur ou animatrice, 1 hôte par table, 1 personne pour les notes", false},
	{"Équipe", false},
	{"Déroulé", false},
	{"*Matériel :* ", false},
	{"Fin", false},
	{"cartes à remplir", false},
	{"cartes", false},
	{"carte", false},
	{", numérotées %s à %s", false},
	{" : environ %d par table", false},
	{" : %d exemplaires", false},
	{" : %d jeux", false},
	{" : un jeu par table, %d jeux", false},
	{" : une par personne, %d", false},
	{" : un jeu par personne, %d jeux", false},
	{", %d cartes", false},
	{" : %d par table", false},
	{" : %d par personne", false},
	{"Matériel", false},
	{"CARTES", false},
	{"AFFICHES", false},
	{"**%s** — affiche %s, %s", false},
	{"paysage", false},
	{"portrait", false},
	{" : une par table, %d", false},
	{"FOURNITURES", false},
	{"Gommettes : %d par personne pour « %s » (%zu options)", false},
	{", %d en tout", false},
	{"Gommettes pour voter : environ 1 par personne pour 4 à 5 options", false},
	{"Feutres noirs à pointe moyenne : 1 par personne, %d", false},
	{"Feutres noirs à pointe moyenne : 1 par personne", false},
	{"Post-it 76 × 76 mm : %d blocs (2 par table)", false},
	{"Post-it 76 × 76 mm : 2 blocs par table", false},
	{"Formulaires de consentement : %d, et quelques-uns en plus", false},
	{"Formulaires de consentement : 1 par personne", false},
	{"Pâte adhésive ou ruban de masquage pour les affiches", false},
	{"*Aussi dans le kit, mais dans aucune phase :* ", false},
	{"fiche d'animation (suite)", false},
	{"fiche d'animation", false},
	{"Synthèse des résultats", false},
	{"Frictions par séquence de vie", false},
	{"Sans séquence", false},
	{"Sans étape", false},
	{"Idées sans friction associée", false},
	{"Notes et votes", false},
	{"Étiquettes", false},
	{"Étiquette", false},
	{"Éléments", false},
	{"Tables", false},
	{"Sources et décomptes", false},
	{"Par session et table", false},
	{"Fichiers", false},
	{"Quarantaine", false},
	{"Session", false},
	{"Table", false},
	{"Frictions", false},
	{"Idées", false},
	{"Votes", false},
	{"Notes", false},
	{"Fichier", false},
	{"Format", false},
	{"Lus", false},
	{"Retenus", false},
	{"Doublons", false},
	{"Colonnes personnelles ignorées", false},
	{"Raison", false},
	{"Texte", false},
	{"conflit : même identifiant, autre texte", false},
	{"à relire : données personnelles", false},
	{"gravité", false},
	{"Idée", false},
	{"—", false},
	{"Type", false},
	{"répond à", false},
	{"Néant.", false},
	{"vote", false},
	{"votes", false},
	{"[courriel masqué]", false},
	{"[téléphone masqué]", false},
	{"colonne|Quarantaine", false},
	{"confirme", false},
	{"nuance", false},
	{"contredit", false},
	{"sans avis", false},
	{"Terrain", false},
	{"Services :", false},
	{"Sur l'affiche :", false},
	{"case", false},
	{"Ce que le terrain a vérifié", false},
	{"Friction", false},
	{"Confirmée", false},
	{"Nuancée", false},
	{"Contredite", false},
	{"friction non collectée", false},
	{"Votes sur les affiches", false},
	{"Case", false},
	{"Gommettes", false},
	{"Comment ça marche", false},
	{"Étape", false},
	{"Pour qui :", false},
	{"Ce à quoi il répond :", false},
	{"Qui fait quoi :", false},
	{"Ce qu'il faut :", false},
	{"Combien ça coûte :", false},
	{"Premier essai :", false},
	{"Services", false},
	{"Étapes d'un service non collecté", false},
	{"Observations", false},
	{"Étapes", false},
	{"cochez une seule case", false},
	/* utilab-scan's check column */
	{"%s : aucune marque", false},
	{"%s : marque pâle sur %d", false},
	{"%s : deux marques (%d et %d)", false},
	{"%s : cercles hors de l'image", false},
	{"%s : aucune case cochée", false},
	{"%s : marque pâle dans ", false},
	{"%s : plusieurs cases cochées, une attendue : ", false},
	{"%s : cases hors de l'image", false},
	{"« %s »", false},
	{"%s : lue autrement sur deux images", false},
	{"revue dans « %s » avec d'autres marques", false},
	{"imprimée d'après la version %s du paquet « %s », pas %s", false},
	{"carte difficile à recaler (%.1f mm) : vérifier chaque champ", false},
	{NULL, false},
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const struct ul_lang fr = {
	"fr", "français", false, true, true, NULL, 0,
};
static const struct ul_lang en = {
	"en", "English", false, true, false, en_table, NELEM(en_table),
};
static const struct ul_lang ar = {
	"ar", "العربية", true, false, false, ar_table, NELEM(ar_table),
};

const struct ul_lang *const ul_langs[] = { &fr, &en, &ar, NULL };

bool
ul_lang_tag_valid(const char *s)
{
	size_t n = 0, i = 0;

	for (; isalpha((unsigned char)s[i]) && (s[i] & 0x80) == 0; i++)
		n++;
	if (n < 2 || n > 3)
		return false;
	while (s[i] == '-' || s[i] == '_') {
		i++;
		n = 0;
		for (; isalnum((unsigned char)s[i]) && (s[i] & 0x80) == 0; i++)
			n++;
		if (n < 1 || n > 8)
			return false;
	}
	return s[i] == '\0' && i <= 35;
}

const struct ul_lang *
ul_lang_find(const char *tag, bool kit)
{
	size_t n;

	if (!tag || !ul_lang_tag_valid(tag))
		return NULL;
	n = strcspn(tag, "-_");
	for (size_t i = 0; ul_langs[i]; i++)
		if (strlen(ul_langs[i]->tag) == n &&
		    strncasecmp(tag, ul_langs[i]->tag, n) == 0)
			return !kit || ul_langs[i]->kit ? ul_langs[i] : NULL;
	return NULL;
}

const struct ul_lang *
ul_lang_get(const char *tag)
{
	const struct ul_lang *l = ul_lang_find(tag, false);

	return l ? l : &fr;
}

const struct ul_lang *
ul_lang_fr(void)
{
	return &fr;
}

const char *
ul_lang_list(bool kit)
{
	return kit ? "fr or en" : "fr, en or ar";
}

size_t
ul_lang_names(bool kit, const char **names, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; ul_langs[i]; i++)
		if (!kit || ul_langs[i]->kit) {
			if (n < max)
				names[n] = ul_langs[i]->tag;
			n++;
		}
	return n;
}

const char *
ul_lang_text(const struct ul_lang *l, const char *msgid)
{
	const char *bar;

	/*
	 * A linear scan: a table holds a hundred strings and a kit asks for
	 * a few per page, far below the cost of laying one line out.
	 */
	for (unsigned i = 0; l && i < l->n; i++)
		if (strcmp(l->table[i].fr, msgid) == 0)
			return l->table[i].text;
	bar = strchr(msgid, '|');
	return bar ? bar + 1 : msgid;
}
