/* SPDX-License-Identifier: ISC */
/*
 * Report sections of the later workshops: what the field verified (each
 * friction's observations and their verdicts), the dots counted on vote
 * posters, and one fiche per service (for whom, what it answers, who does
 * what, its blueprint, what it needs, its cost, its first test), in
 * Markdown, JSON, CSV and HTML, every link written both ways.
 * Part of the report writers (lib/report-int.h); reads a finished struct
 * ul_merge and knows nothing of the inputs.
 */
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "report-int.h"
#include "util.h"

#define T(m, fr) ul_lang_text(report_lang(m), fr)

/* "vote" or "votes" for n, as the language counts (French: 0 vote). */
static const char *
votes_word(const struct ul_merge *m, uint32_t n)
{
	bool many = report_lang(m)->zero_singular ? n > 1 : n != 1;
	return T(m, many ? "votes" : "vote");
}

static const char *
verdict_label(const struct ul_merge *m, enum ul_verdict v)
{
	switch (v) {
	case UL_VERDICT_CONFIRMS: return T(m, "confirme");
	case UL_VERDICT_NUANCES: return T(m, "nuance");
	case UL_VERDICT_CONTRADICTS: return T(m, "contredit");
	case UL_VERDICT_NONE: break;
	}
	return T(m, "sans avis");
}


/* What to call an item: its title, its text, else its id (written into idb). */
static const char *
name_of(const struct ul_item *it, char idb[UL_ITEM_ID_MAX])
{
	if (it->rare->later && it->rare->later->title)
		return it->rare->later->title;
	return it->text ? it->text : ul_item_id(it, idb, UL_ITEM_ID_MAX);
}

static bool
steps_use(const struct ul_item *svc, const char *name)
{
	for (uint32_t s = 0; s < svc->rare->later->nsteps; s++)
		for (size_t f = 0; f < svc->rare->later->steps[s]->rare->nfields; f++)
			if (strcmp(svc->rare->later->steps[s]->rare->fields[f].name, name) == 0)
				return true;
	return false;
}

static bool
steps_have_text(const struct ul_item *svc)
{
	for (uint32_t s = 0; s < svc->rare->later->nsteps; s++)
		if (svc->rare->later->steps[s]->text)
			return true;
	return false;
}

static void
add_column(const char **cols, size_t *n, size_t max, const char *name)
{
	for (size_t k = 0; k < *n; k++)
		if (strcmp(cols[k], name) == 0)
			return;
	if (*n < max)
		cols[(*n)++] = name;
}

/*
 * The blueprint's columns: the field names the steps use, in the order
 * of the write-in deck that has them (what the inhabitant does, what they
 * see, what happens backstage…: the lanes of the service workshop's
 * blueprint), then any other, by name. The field of the stage itself
 * ("Quelle étape ?") is the row's first cell already when it says the same.
 */
static size_t
step_columns(const struct ul_merge *m, const struct ul_item *svc,
	     const char **cols, size_t max)
{
	size_t n = 0;

	for (size_t w = 0; m->opts.ws && w <= m->opts.nmore; w++) {
		const struct ul_workshop *ws = w ? m->opts.more[w - 1] : m->opts.ws;
		for (size_t d = 0; d < ws->ndecks; d++)
			for (size_t f = 0; f < ws->decks[d].nfields; f++)
				if (steps_use(svc, ws->decks[d].fields[f].id))
					add_column(cols, &n, max, ws->decks[d].fields[f].id);
	}
	for (uint32_t s = 0; s < svc->rare->later->nsteps; s++) {
		const struct ul_item *st = svc->rare->later->steps[s];
		for (size_t f = 0; f < st->rare->nfields; f++) {
			add_column(cols, &n, max, st->rare->fields[f].name);
		}
	}
	return n;
}

static const char *
step_field(const struct ul_item *st, const char *name)
{
	for (size_t f = 0; f < st->rare->nfields; f++)
		if (strcmp(st->rare->fields[f].name, name) == 0)
			return st->rare->fields[f].value;
	return NULL;
}

/* Markdown */

static void
md_ids(FILE *fp, struct ul_item *const *v, uint32_t n)
{
	char idb[UL_ITEM_ID_MAX];
	for (uint32_t k = 0; k < n; k++) {
		if (k)
			fputs(", ", fp);
		fputs("**", fp);
		report_md_text(fp, ul_item_id(v[k], idb, sizeof(idb)));
		fputs("**", fp);
	}
}

void
report_later_md_item(FILE *fp, const struct ul_merge *m, const struct ul_item *it,
		     const char *indent)
{
	char nb[UL_ITEM_ID_MAX];	/* a name (name_of) */
	char idb[UL_ITEM_ID_MAX];
	const struct ul_item_later *l = it->rare->later;

	if (!l)
		return;
	for (uint32_t k = 0; k < l->nobservations; k++) {
		const struct ul_item *o = l->observations[k];
		fprintf(fp, "%s    - %s **", indent, T(m, "Terrain"));
		report_md_text(fp, ul_item_id(o, idb, sizeof(idb)));
		fprintf(fp, "** %s : ", verdict_label(m, o->rare->later->verdict));
		report_md_text(fp, o->text ? o->text : "");
		fputc('\n', fp);
	}
	if (l->nservices) {
		fprintf(fp, "%s    - %s ", indent, T(m, "Services :"));
		for (uint32_t k = 0; k < l->nservices; k++) {
			if (k)
				fputs(", ", fp);
			fputs("**", fp);
			report_md_text(fp, name_of(l->services[k], nb));
			fputs("** (", fp);
			report_md_text(fp, ul_item_id(l->services[k], idb, sizeof(idb)));
			fputc(')', fp);
		}
		fputc('\n', fp);
	}
	if (l->poster && l->item) {
		fprintf(fp, "%s    - %s ", indent, T(m, "Sur l'affiche :"));
		report_md_text(fp, l->poster);
		fprintf(fp, ", %s %d", T(m, "case"), l->item);
		if (l->item_label) {
			fputs(" (", fp);
			report_md_text(fp, l->item_label);
			fputc(')', fp);
		}
		fputc('\n', fp);
	}
}

static void
md_field(FILE *fp, const struct ul_merge *m)
{
	char idb[UL_ITEM_ID_MAX];
	size_t nf = 0;

	fprintf(fp, "# %s\n\n", T(m, "Ce que le terrain a vérifié"));
	for (size_t i = 0; i < m->nitems; i++)
		nf += m->items[i]->type == UL_IT_FRICTION && m->items[i]->rare->later &&
		    m->items[i]->rare->later->nobservations;
	if (nf) {
		fprintf(fp, "| %s | %s | %s | %s | %s |\n|:---|:---|---:|---:|---:|\n",
			T(m, "Friction"), T(m, "Texte"), T(m, "Confirmée"),
			T(m, "Nuancée"), T(m, "Contredite"));
		for (size_t i = 0; i < m->nitems; i++) {
			const struct ul_item *it = m->items[i];
			if (it->type != UL_IT_FRICTION || !it->rare->later || !it->rare->later->nobservations)
				continue;
			fputs("| ", fp);
			report_md_text(fp, ul_item_id(it, idb, sizeof(idb)));
			fputs(" | ", fp);
			report_md_text(fp, it->text ? it->text : "");
			fprintf(fp, " | %u | %u | %u |\n",
				it->rare->later->verdicts[UL_VERDICT_CONFIRMS],
				it->rare->later->verdicts[UL_VERDICT_NUANCES],
				it->rare->later->verdicts[UL_VERDICT_CONTRADICTS]);
		}
		fputc('\n', fp);
	}
	for (size_t i = 0; i < m->nobservations; i++) {
		const struct ul_item *o = m->observations[i];
		fputs("- **", fp);
		report_md_text(fp, ul_item_id(o, idb, sizeof(idb)));
		fputs("** ", fp);
		report_md_text(fp, o->text ? o->text : "");
		fprintf(fp, " — %s", verdict_label(m, o->rare->later->verdict));
		if (o->rare->later->nabout) {
			fputc(' ', fp);
			md_ids(fp, o->rare->later->about, o->rare->later->nabout);
		} else if (o->rare->nanswers) {
			fprintf(fp, " (%s)", T(m, "friction non collectée"));
		}
		fputc('\n', fp);
	}
	fputc('\n', fp);
}

static void
md_posters(FILE *fp, const struct ul_merge *m)
{
	char idb[UL_ITEM_ID_MAX];
	if (!m->nposters)
		return;
	fprintf(fp, "# %s\n\n", T(m, "Votes sur les affiches"));
	for (size_t k = 0; k < m->nposters; k++) {
		const struct ul_poster_tally *t = &m->posters[k];
		fputs("## ", fp);
		report_md_text(fp, t->title);
		fprintf(fp, "\n\n| %s | %s | %s | %s |\n|---:|:---|---:|:---|\n",
			T(m, "Case"), T(m, "Texte"), T(m, "Gommettes"), T(m, "Idées"));
		for (size_t b = 0; b < t->nboxes; b++) {
			const struct ul_poster_box *x = &t->boxes[b];
			fprintf(fp, "| %d | ", x->number);
			report_md_text(fp, x->label ? x->label : "—");
			fprintf(fp, " | %u | ", x->votes);
			for (size_t i = 0; i < x->nideas; i++) {
				if (i)
					fputs(", ", fp);
				report_md_text(fp, ul_item_id(x->ideas[i], idb, sizeof(idb)));
			}
			if (!x->nideas)
				fputs("—", fp);
			fputs(" |\n", fp);
		}
		fputc('\n', fp);
	}
}

static void
md_line(FILE *fp, const char *label, const char *value)
{
	if (!value)
		return;
	fprintf(fp, "**%s** ", label);
	report_md_text(fp, value);
	fputs("\n\n", fp);
}

static void
md_list(FILE *fp, const char *label, const char *const *v, size_t n)
{
	if (!n)
		return;
	fprintf(fp, "**%s**\n\n", label);
	for (size_t k = 0; k < n; k++) {
		fputs("- ", fp);
		report_md_text(fp, v[k]);
		fputc('\n', fp);
	}
	fputc('\n', fp);
}

static void
md_blueprint(FILE *fp, const struct ul_merge *m, const struct ul_item *svc)
{
	const char *cols[32];
	size_t nc = step_columns(m, svc, cols, UL_NELEM(cols));
	bool text = steps_have_text(svc);

	if (!svc->rare->later->nsteps)
		return;
	fprintf(fp, "**%s**\n\n| %s |", T(m, "Comment ça marche"), T(m, "Étape"));
	if (text)
		fprintf(fp, " %s |", T(m, "Texte"));
	for (size_t c = 0; c < nc; c++) {
		fputc(' ', fp);
		report_md_text(fp, ul_merge_field_label(m, cols[c]));
		fputs(" |", fp);
	}
	fputs(text ? "\n|:---|:---|" : "\n|:---|", fp);
	for (size_t c = 0; c < nc; c++)
		fputs(":---|", fp);
	fputc('\n', fp);
	for (uint32_t s = 0; s < svc->rare->later->nsteps; s++) {
		const struct ul_item *st = svc->rare->later->steps[s];
		fputs("| ", fp);
		report_md_text(fp, st->stage ? st->stage : "—");
		fputs(" |", fp);
		if (text) {
			fputc(' ', fp);
			report_md_text(fp, st->text ? st->text : "—");
			fputs(" |", fp);
		}
		for (size_t c = 0; c < nc; c++) {
			const char *v = step_field(st, cols[c]);
			fputc(' ', fp);
			report_md_text(fp, v ? v : "—");
			fputs(" |", fp);
		}
		fputc('\n', fp);
	}
	fputc('\n', fp);
}

static void
md_service(FILE *fp, const struct ul_merge *m, const struct ul_item *svc)
{
	char nb[UL_ITEM_ID_MAX];	/* a name (name_of) */
	char idb[UL_ITEM_ID_MAX];
	const struct ul_item_later *l = svc->rare->later;

	fputs("## ", fp);
	report_md_text(fp, name_of(svc, nb));
	fputs("\n\n*", fp);
	report_md_text(fp, ul_item_id(svc, idb, sizeof(idb)));
	fputc('*', fp);
	if (svc->votes)
		fprintf(fp, " — %u %s", svc->votes, votes_word(m, svc->votes));
	fputs("\n\n", fp);
	if (l->title && svc->text) {
		report_md_text(fp, svc->text);
		fputs("\n\n", fp);
	}
	md_line(fp, T(m, "Pour qui :"), l->for_whom);
	if (l->nabout) {
		fprintf(fp, "**%s**\n\n", T(m, "Ce à quoi il répond :"));
		for (uint32_t k = 0; k < l->nabout; k++) {
			const struct ul_item *a = l->about[k];
			fprintf(fp, "- %s **", a->type == UL_IT_IDEA ? T(m, "Idée") : T(m, "Friction"));
			report_md_text(fp, ul_item_id(a, idb, sizeof(idb)));
			fputs("** ", fp);
			report_md_text(fp, name_of(a, nb));
			fputc('\n', fp);
		}
		fputc('\n', fp);
	}
	md_list(fp, T(m, "Qui fait quoi :"), l->roles, l->nroles);
	md_blueprint(fp, m, svc);
	md_list(fp, T(m, "Ce qu'il faut :"), l->needs, l->nneeds);
	md_line(fp, T(m, "Combien ça coûte :"), l->cost);
	md_line(fp, T(m, "Premier essai :"), l->test);
}

/*
 * Sections shown when the results have something for them: a needs
 * workshop's report is not padded with empty field and service sections.
 */
void
report_later_md(FILE *fp, const struct ul_merge *m)
{
	char idb[UL_ITEM_ID_MAX];
	if (m->nobservations)
		md_field(fp, m);
	md_posters(fp, m);
	if (m->nservices || m->nloose_steps)
		fprintf(fp, "# %s\n\n", T(m, "Services"));
	for (size_t i = 0; i < m->nservices; i++)
		md_service(fp, m, m->services[i]);
	if (m->nloose_steps) {
		fprintf(fp, "## %s\n\n", T(m, "Étapes d'un service non collecté"));
		for (size_t i = 0; i < m->nloose_steps; i++) {
			const struct ul_item *st = m->loose_steps[i];
			fputs("- **", fp);
			report_md_text(fp, ul_item_id(st, idb, sizeof(idb)));
			fputs("** ", fp);
			report_md_text(fp, st->rare->later->service);
			fputs(" — ", fp);
			report_md_text(fp, st->text ? st->text : st->stage ? st->stage : "");
			fputc('\n', fp);
		}
		fputc('\n', fp);
	}
}

/* JSON */

static void
json_ids(FILE *fp, const char *key, struct ul_item *const *v, uint32_t n)
{
	char idb[UL_ITEM_ID_MAX];
	fprintf(fp, ", \"%s\": [", key);
	for (uint32_t k = 0; k < n; k++) {
		if (k)
			fputs(", ", fp);
		report_json_str(fp, ul_item_id(v[k], idb, sizeof(idb)));
	}
	fputc(']', fp);
}

static void
json_kv(FILE *fp, const char *key, const char *v)
{
	fprintf(fp, ", \"%s\": ", key);
	report_json_str(fp, v);
}

void
report_later_json_item(FILE *fp, const struct ul_item *it)
{
	char idb[UL_ITEM_ID_MAX];
	const struct ul_item_later *l = it->rare->later;

	if (it->new_sequence)
		fputs(", \"new_sequence\": true", fp);
	if (!l)
		return;
	if (l->title)
		json_kv(fp, "title", l->title);
	if (l->poster) {
		json_kv(fp, "poster", l->poster);
		fprintf(fp, ", \"item\": %d", l->item);
	}
	if (it->type == UL_IT_OBSERVATION)
		fprintf(fp, ", \"verdict\": \"%s\"", ul_verdict_name(l->verdict));
	if (it->type == UL_IT_STEP) {
		json_kv(fp, "service", l->service);
		json_kv(fp, "service_id", l->of_service ? ul_item_id(l->of_service, idb, sizeof(idb)) : NULL);
	}
	if (it->type == UL_IT_SERVICE) {
		json_kv(fp, "for", l->for_whom);
		fputs(", \"roles\": ", fp);
		report_json_strs(fp, l->roles, l->nroles);
		fputs(", \"needs\": ", fp);
		report_json_strs(fp, l->needs, l->nneeds);
		json_kv(fp, "cost", l->cost);
		json_kv(fp, "test", l->test);
		json_ids(fp, "steps", l->steps, l->nsteps);
	}
	if (it->type == UL_IT_OBSERVATION || it->type == UL_IT_SERVICE ||
	    (it->type == UL_IT_VOTE && l->nabout))
		json_ids(fp, "about", l->about, l->nabout);
	if (it->type == UL_IT_FRICTION && l->nobservations) {
		json_ids(fp, "observations", l->observations, l->nobservations);
		fprintf(fp, ", \"field\": {\"confirms\": %u, \"nuances\": %u, "
			"\"contradicts\": %u}", l->verdicts[UL_VERDICT_CONFIRMS],
			l->verdicts[UL_VERDICT_NUANCES], l->verdicts[UL_VERDICT_CONTRADICTS]);
	}
	if (l->nservices)
		json_ids(fp, "services", l->services, l->nservices);
}

void
report_later_json(FILE *fp, const struct ul_merge *m,
		  void (*items)(FILE *, struct ul_item *const *, size_t, const char *))
{
	fputs(",\n  \"observations\": ", fp);
	items(fp, m->observations, m->nobservations, "    ");
	fputs(",\n  \"services\": ", fp);
	items(fp, m->services, m->nservices, "    ");
	fputs(",\n  \"steps\": ", fp);
	items(fp, m->steps, m->nsteps, "    ");
	fputs(",\n  \"posters\": [", fp);
	for (size_t k = 0; k < m->nposters; k++) {
		const struct ul_poster_tally *t = &m->posters[k];
		fputs(k ? ",\n    {\"poster\": " : "\n    {\"poster\": ", fp);
		report_json_str(fp, t->poster);
		fputs(", \"title\": ", fp);
		report_json_str(fp, t->title);
		fprintf(fp, ", \"votes\": %u, \"items\": [", t->votes);
		for (size_t b = 0; b < t->nboxes; b++) {
			const struct ul_poster_box *x = &t->boxes[b];
			fprintf(fp, "%s{\"item\": %d, \"label\": ", b ? ", " : "", x->number);
			report_json_str(fp, x->label);
			fprintf(fp, ", \"votes\": %u", x->votes);
			json_ids(fp, "ideas", x->ideas, (uint32_t)x->nideas);
			fputc('}', fp);
		}
		fputs("]}", fp);
	}
	fputs(m->nposters ? "\n  ]" : "]", fp);
}

/* HTML */

/*
 * Ids, each a link to where the report shows it: frictions, observations,
 * services and steps have an anchor of their id; an idea may stand under
 * several frictions, so it is named, not linked.
 */
static void
html_ids(FILE *fp, struct ul_item *const *v, uint32_t n)
{
	char idb[UL_ITEM_ID_MAX];
	for (uint32_t k = 0; k < n; k++) {
		bool link = v[k]->type != UL_IT_IDEA;
		if (k)
			fputs(", ", fp);
		if (link) {
			fputs("<a href=\"#", fp);
			report_html_text(fp, ul_item_id(v[k], idb, sizeof(idb)));
			fputs("\">", fp);
		}
		report_html_text(fp, ul_item_id(v[k], idb, sizeof(idb)));
		if (link)
			fputs("</a>", fp);
	}
}

void
report_later_html_item(FILE *fp, const struct ul_merge *m, const struct ul_item *it)
{
	char idb[UL_ITEM_ID_MAX];
	const struct ul_item_later *l = it->rare->later;

	if (!l)
		return;
	if (l->nobservations) {
		fprintf(fp, "<ul class=\"field\">");
		for (uint32_t k = 0; k < l->nobservations; k++) {
			const struct ul_item *o = l->observations[k];
			fprintf(fp, "<li class=\"%s\">%s <a href=\"#", ul_verdict_name(o->rare->later->verdict),
				T(m, "Terrain"));
			report_html_text(fp, ul_item_id(o, idb, sizeof(idb)));
			fputs("\">", fp);
			report_html_text(fp, ul_item_id(o, idb, sizeof(idb)));
			fprintf(fp, "</a> <strong>%s</strong> : ", verdict_label(m, o->rare->later->verdict));
			report_html_text(fp, o->text);
			fputs("</li>", fp);
		}
		fputs("</ul>\n", fp);
	}
	if (l->nservices) {
		fprintf(fp, "<p class=\"services\">%s ", T(m, "Services :"));
		html_ids(fp, l->services, l->nservices);
		fputs("</p>\n", fp);
	}
	if (it->type == UL_IT_OBSERVATION || it->type == UL_IT_SERVICE) {
		if (l->nabout) {
			fprintf(fp, "<p class=\"about\">%s ", T(m, "répond à"));
			html_ids(fp, l->about, l->nabout);
			fputs("</p>\n", fp);
		}
	}
}

static void
html_dd(FILE *fp, const char *label, const char *v)
{
	if (!v)
		return;
	fprintf(fp, "<dt>%s</dt><dd>", label);
	report_html_text(fp, v);
	fputs("</dd>\n", fp);
}

static void
html_ddlist(FILE *fp, const char *label, const char *const *v, size_t n)
{
	if (!n)
		return;
	fprintf(fp, "<dt>%s</dt><dd><ul>", label);
	for (size_t k = 0; k < n; k++) {
		fputs("<li>", fp);
		report_html_text(fp, v[k]);
		fputs("</li>", fp);
	}
	fputs("</ul></dd>\n", fp);
}

static void
html_service(FILE *fp, const struct ul_merge *m, const struct ul_item *svc)
{
	char nb[UL_ITEM_ID_MAX];	/* a name (name_of) */
	char idb[UL_ITEM_ID_MAX];
	const struct ul_item_later *l = svc->rare->later;
	const char *cols[32];
	size_t nc = step_columns(m, svc, cols, UL_NELEM(cols));
	bool text = steps_have_text(svc);

	fputs("<article class=\"service\" id=\"", fp);
	report_html_text(fp, ul_item_id(svc, idb, sizeof(idb)));
	fputs("\"><h3>", fp);
	report_html_text(fp, name_of(svc, nb));
	fputs("</h3>\n<p class=\"meta\">", fp);
	report_html_text(fp, ul_item_id(svc, idb, sizeof(idb)));
	if (svc->votes)
		fprintf(fp, " — %u %s", svc->votes, votes_word(m, svc->votes));
	fputs("</p>\n", fp);
	if (l->title && svc->text) {
		fputs("<p>", fp);
		report_html_text(fp, svc->text);
		fputs("</p>\n", fp);
	}
	fputs("<dl>\n", fp);
	html_dd(fp, T(m, "Pour qui :"), l->for_whom);
	if (l->nabout) {
		fprintf(fp, "<dt>%s</dt><dd><ul>", T(m, "Ce à quoi il répond :"));
		for (uint32_t k = 0; k < l->nabout; k++) {
			fputs("<li>", fp);
			html_ids(fp, &l->about[k], 1);
			fputc(' ', fp);
			report_html_text(fp, name_of(l->about[k], nb));
			fputs("</li>", fp);
		}
		fputs("</ul></dd>\n", fp);
	}
	html_ddlist(fp, T(m, "Qui fait quoi :"), l->roles, l->nroles);
	html_ddlist(fp, T(m, "Ce qu'il faut :"), l->needs, l->nneeds);
	html_dd(fp, T(m, "Combien ça coûte :"), l->cost);
	html_dd(fp, T(m, "Premier essai :"), l->test);
	fputs("</dl>\n", fp);
	if (l->nsteps) {
		fprintf(fp, "<table class=\"blueprint\"><caption>%s</caption>\n<tr><th>%s</th>",
			T(m, "Comment ça marche"), T(m, "Étape"));
		if (text)
			fprintf(fp, "<th>%s</th>", T(m, "Texte"));
		for (size_t c = 0; c < nc; c++) {
			fputs("<th>", fp);
			report_html_text(fp, ul_merge_field_label(m, cols[c]));
			fputs("</th>", fp);
		}
		fputs("</tr>\n", fp);
		for (uint32_t s = 0; s < l->nsteps; s++) {
			const struct ul_item *st = l->steps[s];
			fputs("<tr id=\"", fp);
			report_html_text(fp, ul_item_id(st, idb, sizeof(idb)));
			fputs("\"><td>", fp);
			report_html_text(fp, st->stage ? st->stage : "—");
			fputs("</td>", fp);
			if (text) {
				fputs("<td>", fp);
				report_html_text(fp, st->text ? st->text : "—");
				fputs("</td>", fp);
			}
			for (size_t c = 0; c < nc; c++) {
				const char *v = step_field(st, cols[c]);
				fputs("<td>", fp);
				report_html_text(fp, v ? v : "—");
				fputs("</td>", fp);
			}
			fputs("</tr>\n", fp);
		}
		fputs("</table>\n", fp);
	}
	fputs("</article>\n", fp);
}

void
report_later_html(FILE *fp, const struct ul_merge *m)
{
	char idb[UL_ITEM_ID_MAX];
	if (m->nobservations) {
		fprintf(fp, "<section id=\"terrain\"><h2>%s</h2>\n",
			T(m, "Ce que le terrain a vérifié"));
		fputs("<ul>\n", fp);
		for (size_t i = 0; i < m->nobservations; i++) {
			const struct ul_item *o = m->observations[i];
			fputs("<li id=\"", fp);
			report_html_text(fp, ul_item_id(o, idb, sizeof(idb)));
			fputs("\"><strong>", fp);
			report_html_text(fp, ul_item_id(o, idb, sizeof(idb)));
			fputs("</strong> ", fp);
			report_html_text(fp, o->text);
			fprintf(fp, " — <em>%s</em> ", verdict_label(m, o->rare->later->verdict));
			html_ids(fp, o->rare->later->about, o->rare->later->nabout);
			fputs("</li>\n", fp);
		}
		fputs("</ul>\n</section>\n", fp);
	}
	if (m->nposters) {
		fprintf(fp, "<section id=\"affiches\"><h2>%s</h2>\n", T(m, "Votes sur les affiches"));
		for (size_t k = 0; k < m->nposters; k++) {
			const struct ul_poster_tally *t = &m->posters[k];
			fputs("<table class=\"tally\"><caption>", fp);
			report_html_text(fp, t->title);
			fprintf(fp, "</caption>\n<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
				T(m, "Case"), T(m, "Texte"), T(m, "Gommettes"), T(m, "Idées"));
			for (size_t b = 0; b < t->nboxes; b++) {
				const struct ul_poster_box *x = &t->boxes[b];
				fprintf(fp, "<tr><td>%d</td><td>", x->number);
				report_html_text(fp, x->label ? x->label : "—");
				fprintf(fp, "</td><td>%u</td><td>", x->votes);
				html_ids(fp, x->ideas, (uint32_t)x->nideas);
				fputs("</td></tr>\n", fp);
			}
			fputs("</table>\n", fp);
		}
		fputs("</section>\n", fp);
	}
	if (!m->nservices)
		return;
	fprintf(fp, "<section id=\"services\"><h2>%s</h2>\n", T(m, "Services"));
	for (size_t i = 0; i < m->nservices; i++)
		html_service(fp, m, m->services[i]);
	fputs("</section>\n", fp);
}

/* CSV */

static const enum ul_rattr csv_attrs[] = {
	UL_RA_TITLE, UL_RA_POSTER, UL_RA_ITEM, UL_RA_VERDICT, UL_RA_SERVICE,
	UL_RA_FOR, UL_RA_ROLES, UL_RA_NEEDS, UL_RA_COST, UL_RA_TEST,
};

/*
 * The CSV has the later workshops' columns only when some item has such
 * keys or links: a needs workshop's table stays the width it was.
 */
bool
report_later_csv_wanted(const struct ul_merge *m)
{
	for (size_t i = 0; i < m->nitems; i++)
		if (m->items[i]->rare->later)
			return true;
	return false;
}

void
report_later_csv_header(FILE *fp, char sep)
{
	for (size_t k = 0; k < UL_NELEM(csv_attrs); k++) {
		fputc(sep, fp);
		fputs(ul_rattr_name(csv_attrs[k]), fp);
	}
	fprintf(fp, "%cobservations%cservices%cabout", sep, sep, sep);
}

void
report_later_csv_row(FILE *fp, const struct ul_item *it, char sep)
{
	const struct ul_item_later *l = it->rare->later;
	char num[16];

	if (!l) {
		for (size_t k = 0; k < UL_NELEM(csv_attrs) + 3; k++)
			fputc(sep, fp);
		return;
	}
	snprintf(num, sizeof(num), "%d", l->item);
	const char *cells[] = {
		l->title, l->poster, l->item ? num : NULL,
		it->type == UL_IT_OBSERVATION ? ul_verdict_name(l->verdict) : NULL,
		l->service, l->for_whom,
	};
	for (size_t k = 0; k < UL_NELEM(cells); k++) {
		fputc(sep, fp);
		ul_report_csv_cell(fp, cells[k]);
	}
	fputc(sep, fp);
	report_csv_list(fp, l->roles, l->nroles);
	fputc(sep, fp);
	report_csv_list(fp, l->needs, l->nneeds);
	fputc(sep, fp);
	ul_report_csv_cell(fp, l->cost);
	fputc(sep, fp);
	ul_report_csv_cell(fp, l->test);
	fputc(sep, fp);
	report_csv_ids(fp, l->observations, l->nobservations);
	fputc(sep, fp);
	report_csv_ids(fp, l->services, l->nservices);
	fputc(sep, fp);
	report_csv_ids(fp, l->about, l->nabout);
}

/*
 * Only the attributes some quarantined record has get columns; and with
 * several workshops (-w given again), the workshop each record names, so
 * that a fixed record is checked against its own workshop again.
 */
#define QUAR_WORKSHOP (1u << UL_RA_N)

unsigned
report_later_quarantine_header(FILE *fp, const struct ul_merge *m)
{
	unsigned mask = m->opts.nmore ? QUAR_WORKSHOP : 0;

	for (size_t i = 0; i < m->nquar; i++)
		for (int a = 0; a < UL_RA_N; a++)
			if (m->quar[i].rec.attr[a])
				mask |= 1u << a;
	if (mask & QUAR_WORKSHOP)
		fputs(",workshop", fp);
	for (int a = 0; a < UL_RA_N; a++)
		if (mask & 1u << a) {
			fputc(',', fp);
			fputs(ul_rattr_name(a), fp);
		}
	return mask;
}

void
report_later_quarantine_row(FILE *fp, unsigned mask, const struct ul_record *r)
{
	if (mask & QUAR_WORKSHOP) {
		fputc(',', fp);
		ul_report_csv_cell(fp, r->workshop);
	}
	for (int a = 0; a < UL_RA_N; a++)
		if (mask & 1u << a) {
			fputc(',', fp);
			ul_report_csv_cell(fp, r->attr[a]);
		}
}
