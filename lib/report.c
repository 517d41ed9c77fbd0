/* SPDX-License-Identifier: ISC */
/*
 * Report writers over a finished struct ul_merge. Every list is already in
 * its final order (lib/merge.c sorts), so writing is a walk: no sorting,
 * no clock, nothing that could vary between two runs.
 * Owns nothing; knows nothing of the inputs' formats nor of argv.
 */
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "lang.h"
#include "report.h"
#include "report-int.h"
#include "synthesis.h"
#include "util.h"

/*
 * A report is written by one thread into one stream: skip stdio's
 * per-call locking, which is most of the cost of a million small writes.
 */
static inline int
puts_unlocked(const char *s, FILE *fp)
{
	size_t n = strlen(s);
	return fwrite_unlocked(s, 1, n, fp) == n ? 0 : EOF;
}
#define fputc fputc_unlocked
#define fputs puts_unlocked
#define fwrite fwrite_unlocked

struct labels {
	const char *report, *by_sequence, *no_sequence, *no_stage, *orphans,
	    *notes, *tags, *tag, *items, *tables_seen, *sources_counts,
	    *per_table, *files, *quarantine, *session, *table, *frictions,
	    *ideas, *votes_col, *notes_col, *file, *format, *in, *kept, *dups,
	    *quar, *dropped, *reason, *where, *text, *conflict, *privacy,
	    *severity, *idea, *none, *type, *answers, *nothing,
	    *vote_word, *votes_word;
	bool zero_singular;
	const struct ul_lang *lang;
};

/*
 * The labels in the report's language, from lib/lang's tables (one per
 * language, shared with the kit), filled once per language.
 */
#define T ul_lang_text
static void
fill_labels(struct labels *l, const struct ul_lang *lang)
{
	l->report = T(lang, "Synthèse des résultats");
	l->by_sequence = T(lang, "Frictions par séquence de vie");
	l->no_sequence = T(lang, "Sans séquence");
	l->no_stage = T(lang, "Sans étape");
	l->orphans = T(lang, "Idées sans friction associée");
	l->notes = T(lang, "Notes et votes");
	l->tags = T(lang, "Étiquettes");
	l->tag = T(lang, "Étiquette");
	l->items = T(lang, "Éléments");
	l->tables_seen = T(lang, "Tables");
	l->sources_counts = T(lang, "Sources et décomptes");
	l->per_table = T(lang, "Par session et table");
	l->files = T(lang, "Fichiers");
	l->quarantine = T(lang, "Quarantaine");
	l->session = T(lang, "Session");
	l->table = T(lang, "Table");
	l->frictions = T(lang, "Frictions");
	l->ideas = T(lang, "Idées");
	l->votes_col = T(lang, "Votes");
	l->notes_col = T(lang, "Notes");
	l->file = T(lang, "Fichier");
	l->format = T(lang, "Format");
	l->in = T(lang, "Lus");
	l->kept = T(lang, "Retenus");
	l->dups = T(lang, "Doublons");
	l->quar = T(lang, "colonne|Quarantaine");
	l->dropped = T(lang, "Colonnes personnelles ignorées");
	l->reason = T(lang, "Raison");
	l->where = T(lang, "Source");
	l->text = T(lang, "Texte");
	l->conflict = T(lang, "conflit : même identifiant, autre texte");
	l->privacy = T(lang, "à relire : données personnelles");
	l->severity = T(lang, "gravité");
	l->idea = T(lang, "Idée");
	l->none = T(lang, "—");
	l->type = T(lang, "Type");
	l->answers = T(lang, "répond à");
	l->nothing = T(lang, "Néant.");
	l->vote_word = T(lang, "vote");
	l->votes_word = T(lang, "votes");
	l->zero_singular = lang->zero_singular;
	l->lang = lang;
}
#undef T

/* French puts 0 and 1 in the singular, English only 1. */
static bool
plural(const struct labels *l, size_t n)
{
	return l->zero_singular ? n > 1 : n != 1;
}

static void
counts_sentence(FILE *fp, const struct ul_merge *m, const struct labels *l)
{
	if (l->zero_singular)
		fprintf(fp, "%zu enregistrement%s lu%s : %zu retenu%s, %zu doublon%s "
			"fusionné%s, %zu en quarantaine.", m->in,
			plural(l, m->in) ? "s" : "", plural(l, m->in) ? "s" : "",
			m->kept, plural(l, m->kept) ? "s" : "", m->duplicates,
			plural(l, m->duplicates) ? "s" : "",
			plural(l, m->duplicates) ? "s" : "", m->quarantined);
	else
		fprintf(fp, "%zu record%s in: %zu kept, %zu duplicate%s merged, "
			"%zu quarantined.", m->in, plural(l, m->in) ? "s" : "",
			m->kept, m->duplicates, plural(l, m->duplicates) ? "s" : "",
			m->quarantined);
}

static const struct labels *
labels_for(const struct ul_merge *m)
{
	/* one set per language of lib/lang, filled on first use */
	static struct labels tables[8];
	const struct ul_lang *lang = ul_lang_get(m->lang);
	size_t i = 0;

	while (ul_langs[i] && ul_langs[i] != lang && i + 1 < UL_NELEM(tables))
		i++;
	if (tables[i].lang != lang)
		fill_labels(&tables[i], lang);
	return &tables[i];
}

int
ul_report_format_parse(const char *s, enum ul_report_format *f)
{
	if (strcmp(s, "md") == 0 || strcmp(s, "markdown") == 0)
		*f = UL_REPORT_MD;
	else if (strcmp(s, "json") == 0)
		*f = UL_REPORT_JSON;
	else if (strcmp(s, "csv") == 0)
		*f = UL_REPORT_CSV;
	else if (strcmp(s, "csv-excel") == 0)
		*f = UL_REPORT_CSV_EXCEL;
	else if (strcmp(s, "html") == 0)
		*f = UL_REPORT_HTML;
	else
		return -1;
	return 0;
}

static const char *
title_of(const struct ul_merge *m, const struct labels *l)
{
	return m->workshop_title ? m->workshop_title :
	    m->workshop_id ? m->workshop_id : l->report;
}

/* Markdown */

/* Inline text: the characters pandoc's Markdown would read as markup. */
static void
md_text(FILE *fp, const char *s)
{
	const char *run = s;

	static bool special[256];
	if (!special['*']) {
		for (const char *p = "\\`*_[]<>|#~^$@{}!\n\r\t"; *p; p++)
			special[(unsigned char)*p] = true;
	}
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (!special[c])
			continue;
		fwrite(run, 1, (size_t)(s - run), fp);
		if (c == '\n' || c == '\r' || c == '\t')
			fputc(' ', fp);
		else {
			fputc('\\', fp);
			fputc(c, fp);
		}
		run = s + 1;
	}
	fputs(run, fp);
}

/*
 * A metadata value: pandoc reads it as Markdown, so it is escaped as
 * Markdown first (a title "<img onerror=...>" or "\\input{...}" would
 * otherwise pass raw into HTML or LaTeX), then as a YAML double-quoted
 * scalar.
 */
static void yaml_str(FILE *, const char *);
static void
meta_str(FILE *fp, const char *s)
{
	char *md = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&md, &len);

	/* Out of memory: never a title written empty or cut short. */
	if (!mem)
		ul_oom();
	md_text(mem, s);
	int failed = ferror(mem);
	if (fclose(mem) != 0 || failed || !md)
		ul_oom();
	yaml_str(fp, md);
	free(md);
}

/* A YAML double-quoted scalar for the metadata block. */
static void
yaml_str(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(fp, "\\%c", c);
		else if (c < 0x20)
			fprintf(fp, "\\x%02x", c);
		else
			fputc(c, fp);
	}
	fputc('"', fp);
}

static void
md_sources(FILE *fp, const struct ul_item *it)
{
	const struct ul_src *s = &it->src;
	for (size_t k = 0; s; s = s->next, k++) {
		if (k)
			fputs(", ", fp);
		md_text(fp, s->file);
		fprintf(fp, ":%d", s->line);
	}
}

static void
md_meta(FILE *fp, const struct ul_item *it, const struct labels *l)
{
	fprintf(fp, " — %u %s", it->votes, plural(l, it->votes) ? l->votes_word : l->vote_word);
	if (it->severity)
		fprintf(fp, ", %s %d", l->severity, it->severity);
	if (it->ntags) {
		fputs(" — *", fp);
		for (size_t t = 0; t < it->ntags; t++) {
			if (t)
				fputs(", ", fp);
			md_text(fp, it->tags[t]);
		}
		fputc('*', fp);
	}
	if (it->table || it->session) {
		fputs(" — ", fp);
		if (it->table)
			md_text(fp, it->table);
		if (it->table && it->session)
			fputc(' ', fp);
		if (it->session) {
			fputc('(', fp);
			md_text(fp, it->session);
			fputc(')', fp);
		}
	}
	fputs(" — ", fp);
	md_sources(fp, it);
	if (it->conflict)
		fprintf(fp, " — **%s**", l->conflict);
	if (it->privacy)
		fprintf(fp, " — **%s**", l->privacy);
}

static void
md_item(FILE *fp, const struct ul_merge *m, const struct ul_item *it,
	const struct labels *l, const char *indent)
{
	char idb[UL_ITEM_ID_MAX];
	fprintf(fp, "%s- **", indent);
	md_text(fp, ul_item_id(it, idb, sizeof(idb)));
	fputs("**", fp);
	if (it->text) {
		fputc(' ', fp);
		md_text(fp, it->text);
	}
	if (it->rare->nanswers && it->type != UL_IT_FRICTION) {
		fprintf(fp, " (%s ", l->answers);
		for (size_t a = 0; a < it->rare->nanswers; a++) {
			if (a)
				fputs(", ", fp);
			md_text(fp, it->rare->answers[a]);
		}
		fputc(')', fp);
	}
	md_meta(fp, it, l);
	fputc('\n', fp);
	for (size_t i = 0; i < it->rare->nideas; i++) {
		const struct ul_item *idea = it->rare->ideas[i];
		fprintf(fp, "%s    - %s **", indent, l->idea);
		md_text(fp, ul_item_id(idea, idb, sizeof(idb)));
		fputs("** ", fp);
		md_text(fp, idea->text ? idea->text : "");
		md_meta(fp, idea, l);
		fputc('\n', fp);
		char deeper[64];
		snprintf(deeper, sizeof(deeper), "%s    ", indent);
		report_later_md_item(fp, m, idea, deeper);
	}
	report_later_md_item(fp, m, it, indent);
}

static void
md_cell(FILE *fp, const char *s, const char *none)
{
	fputc(' ', fp);
	md_text(fp, s ? s : none);
	fputs(" |", fp);
}

static void
write_md(FILE *fp, const struct ul_merge *m)
{
	const struct labels *l = labels_for(m);

	fputs("---\ntitle: ", fp);
	meta_str(fp, title_of(m, l));
	fputs("\nsubtitle: ", fp);
	meta_str(fp, l->report);
	fprintf(fp, "\nlang: %s\n", l->lang->tag);
	if (m->workshop_id) {
		fputs("workshop: ", fp);
		meta_str(fp, m->workshop_id);
		fputc('\n', fp);
	}
	fputs("---\n\n", fp);
	counts_sentence(fp, m, l);
	fputs("\n\n", fp);

	fprintf(fp, "# %s\n\n", l->by_sequence);
	if (!m->nseqs)
		fprintf(fp, "%s\n\n", l->nothing);
	for (size_t g = 0; g < m->nseqs; g++) {
		const struct ul_seq_group *sg = &m->seqs[g];
		fputs("## ", fp);
		md_text(fp, sg->title ? sg->title : l->no_sequence);
		fputs("\n\n", fp);
		for (size_t s = 0; s < sg->nstages; s++) {
			const struct ul_stage_group *st = &sg->stages[s];
			fputs("### ", fp);
			md_text(fp, st->stage ? st->stage : l->no_stage);
			fputs("\n\n", fp);
			for (size_t i = 0; i < st->n; i++)
				md_item(fp, m, st->items[i], l, "");
			fputc('\n', fp);
		}
	}

	fprintf(fp, "# %s\n\n", l->orphans);
	if (!m->norphans)
		fprintf(fp, "%s\n\n", l->nothing);
	for (size_t i = 0; i < m->norphans; i++)
		md_item(fp, m, m->orphans[i], l, "");
	if (m->norphans)
		fputc('\n', fp);

	if (m->nnotes) {
		fprintf(fp, "# %s\n\n", l->notes);
		for (size_t i = 0; i < m->nnotes; i++)
			md_item(fp, m, m->notes[i], l, "");
		fputc('\n', fp);
	}
	report_later_md(fp, m);

	fprintf(fp, "# %s\n\n", l->tags);
	if (!m->ntags)
		fprintf(fp, "%s\n\n", l->nothing);
	else {
		fprintf(fp, "| %s | %s | %s |\n|:---|---:|---:|\n", l->tag, l->items, l->tables_seen);
		for (size_t i = 0; i < m->ntags; i++) {
			fputc('|', fp);
			md_cell(fp, m->tags[i].tag, l->none);
			fprintf(fp, " %zu | %zu |\n", m->tags[i].items, m->tags[i].tables);
		}
		fputc('\n', fp);
	}

	fprintf(fp, "# %s\n\n", l->sources_counts);
	counts_sentence(fp, m, l);
	fputs("\n\n", fp);
	fprintf(fp, "## %s\n\n", l->per_table);
	if (!m->ntables)
		fprintf(fp, "%s\n\n", l->nothing);
	else {
		/* The later workshops' columns only when they gave something. */
		bool later = m->nobservations || m->nservices;
		fprintf(fp, "| %s | %s | %s | %s | %s | %s | %s |", l->session, l->table,
			l->items, l->frictions, l->ideas, l->votes_col, l->notes_col);
		if (later)
			fprintf(fp, " %s | %s | %s |",
				ul_lang_text(report_lang(m), "Observations"),
				ul_lang_text(report_lang(m), "Services"),
				ul_lang_text(report_lang(m), "Étapes"));
		fputs(later ? "\n|:---|:---|---:|---:|---:|---:|---:|---:|---:|---:|\n" :
		      "\n|:---|:---|---:|---:|---:|---:|---:|\n", fp);
		for (size_t i = 0; i < m->ntables; i++) {
			const struct ul_table_count *t = &m->tables[i];
			fputc('|', fp);
			md_cell(fp, t->session, l->none);
			md_cell(fp, t->table, l->none);
			fprintf(fp, " %zu | %zu | %zu | %zu | %zu |", t->items,
				t->frictions, t->ideas, t->votes, t->notes);
			if (later)
				fprintf(fp, " %zu | %zu | %zu |", t->observations,
					t->services, t->steps);
			fputc('\n', fp);
		}
		fputc('\n', fp);
	}
	fprintf(fp, "## %s\n\n", l->files);
	fprintf(fp, "| %s | %s | %s | %s | %s | %s | %s |\n"
		"|:---|:---|---:|---:|---:|---:|:---|\n", l->file, l->format, l->in,
		l->kept, l->dups, l->quar, l->dropped);
	for (size_t i = 0; i < m->nsources; i++) {
		const struct ul_source_count *s = &m->sources[i];
		fputc('|', fp);
		md_cell(fp, s->file, l->none);
		md_cell(fp, s->format, l->none);
		fprintf(fp, " %zu | %zu | %zu | %zu |", s->in, s->kept, s->duplicates,
			s->quarantined);
		fputc(' ', fp);
		for (size_t k = 0; k < s->ndropped; k++) {
			if (k)
				fputs(", ", fp);
			md_text(fp, s->dropped[k]);
		}
		if (!s->ndropped)
			fputs(l->none, fp);
		fputs(" |\n", fp);
	}
	fputc('\n', fp);

	fprintf(fp, "# %s\n\n", l->quarantine);
	if (!m->nquar)
		fprintf(fp, "%s\n", l->nothing);
	else {
		fprintf(fp, "| %s | %s | %s |\n|:---|:---|:---|\n", l->where, l->reason, l->text);
		for (size_t i = 0; i < m->nquar; i++) {
			const struct ul_quarantined *q = &m->quar[i];
			fputs("| ", fp);
			md_text(fp, q->file);
			fprintf(fp, ":%d |", q->line);
			md_cell(fp, q->reason, l->none);
			md_cell(fp, q->rec.text, l->none);
			fputc('\n', fp);
		}
	}
}

/* JSON */

/* The length of the valid UTF-8 sequence at s (a byte >= 0x80), or 0. */
static size_t
utf8_seq(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned c = s[0];

	if (c >= 0xc2 && c <= 0xdf)
		return (s[1] & 0xc0) == 0x80 ? 2 : 0;
	if (c >= 0xe0 && c <= 0xef) {
		unsigned lo = c == 0xe0 ? 0xa0 : 0x80, hi = c == 0xed ? 0x9f : 0xbf;
		return s[1] >= lo && s[1] <= hi && (s[2] & 0xc0) == 0x80 ? 3 : 0;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		unsigned lo = c == 0xf0 ? 0x90 : 0x80, hi = c == 0xf4 ? 0x8f : 0xbf;
		return s[1] >= lo && s[1] <= hi && (s[2] & 0xc0) == 0x80 &&
		    (s[3] & 0xc0) == 0x80 ? 4 : 0;
	}
	return 0;
}

/* Bytes json_str must look at: controls, '"', '\\', DEL and non-ASCII. */
static const bool json_special[256] = {
	[0 ... 0x1f] = true, ['"'] = true, ['\\'] = true, [0x7f ... 0xff] = true,
};

static void
json_str(FILE *fp, const char *s)
{
	const char *run;

	if (!s) {
		fputs("null", fp);
		return;
	}
	fputc('"', fp);
	for (run = s; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (!json_special[c])
			continue;
		if (c >= 0x80) {
			/* Valid UTF-8 passes; anything else becomes U+FFFD. */
			size_t n = utf8_seq(s);
			if (n) {
				s += n - 1;
				continue;
			}
			fwrite(run, 1, (size_t)(s - run), fp);
			fputs("\\ufffd", fp);
			run = s + 1;
			continue;
		}
		fwrite(run, 1, (size_t)(s - run), fp);
		switch (c) {
		case '"': fputs("\\\"", fp); break;
		case '\\': fputs("\\\\", fp); break;
		case '\n': fputs("\\n", fp); break;
		case '\r': fputs("\\r", fp); break;
		case '\t': fputs("\\t", fp); break;
		default: fprintf(fp, "\\u%04x", c); break;
		}
		run = s + 1;
	}
	fwrite(run, 1, (size_t)(s - run), fp);
	fputc('"', fp);
}

static void
json_strs(FILE *fp, const char *const *v, size_t n)
{
	fputc('[', fp);
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputs(", ", fp);
		json_str(fp, v[i]);
	}
	fputc(']', fp);
}

static void
json_fields(FILE *fp, const struct ul_rfield *f, size_t n)
{
	fputc('{', fp);
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputs(", ", fp);
		json_str(fp, f[i].name);
		fputs(": ", fp);
		json_str(fp, f[i].value);
	}
	fputc('}', fp);
}

static void
json_privacy(FILE *fp, unsigned p)
{
	fprintf(fp, "[%s%s%s]", p & UL_PRIV_EMAIL ? "\"email\"" : "",
		p == (UL_PRIV_EMAIL | UL_PRIV_PHONE) ? ", " : "",
		p & UL_PRIV_PHONE ? "\"phone\"" : "");
}

static void
json_item(FILE *fp, const struct ul_item *it, const char *ind)
{
	char idb[UL_ITEM_ID_MAX];
	fprintf(fp, "%s{\"id\": ", ind);
	json_str(fp, ul_item_id(it, idb, sizeof(idb)));
	fprintf(fp, ", \"type\": \"%s\", \"serial\": ", ul_itype_name(it->type));
	json_str(fp, it->serial);
	fputs(", \"session\": ", fp);
	json_str(fp, it->session);
	fputs(", \"table\": ", fp);
	json_str(fp, it->table);
	fputs(", \"sequence\": ", fp);
	json_str(fp, it->sequence);
	fputs(", \"stage\": ", fp);
	json_str(fp, it->stage);
	fputs(", \"text\": ", fp);
	json_str(fp, it->text);
	fprintf(fp, ", \"votes\": %u, \"severity\": ", it->votes);
	if (it->severity)
		fprintf(fp, "%d", it->severity);
	else
		fputs("null", fp);
	fputs(", \"tags\": ", fp);
	json_strs(fp, it->tags, it->ntags);
	fputs(", \"answers\": ", fp);
	json_strs(fp, it->rare->answers, it->rare->nanswers);
	fputs(", \"fields\": ", fp);
	json_fields(fp, it->rare->fields, it->rare->nfields);
	if (it->type == UL_IT_FRICTION) {
		fputs(", \"ideas\": [", fp);
		for (size_t i = 0; i < it->rare->nideas; i++) {
			if (i)
				fputs(", ", fp);
			json_str(fp, ul_item_id(it->rare->ideas[i], idb, sizeof(idb)));
		}
		fputc(']', fp);
	}
	if (it->type == UL_IT_IDEA)
		fprintf(fp, ", \"attached\": %s", it->answers_found ? "true" : "false");
	report_later_json_item(fp, it);
	fputs(", \"sources\": [", fp);
	for (const struct ul_src *s = &it->src; s; s = s->next) {
		if (s != &it->src)
			fputs(", ", fp);
		fputs("{\"file\": ", fp);
		json_str(fp, s->file);
		fprintf(fp, ", \"line\": %d}", s->line);
	}
	fprintf(fp, "], \"conflict\": %s, \"privacy\": ", it->conflict ? "true" : "false");
	json_privacy(fp, it->privacy);
	fputc('}', fp);
}

static void
json_items(FILE *fp, struct ul_item *const *v, size_t n, const char *ind)
{
	if (!n) {
		fputs("[]", fp);
		return;
	}
	fputs("[\n", fp);
	for (size_t i = 0; i < n; i++) {
		json_item(fp, v[i], ind);
		fputs(i + 1 < n ? ",\n" : "\n", fp);
	}
	fprintf(fp, "%.*s]", (int)strlen(ind) - 2, ind);
}

static void
write_json(FILE *fp, const struct ul_merge *m)
{
	fputs("{\n  \"utilab-collect\": 1,\n  \"workshop\": {\"id\": ", fp);
	json_str(fp, m->workshop_id);
	fputs(", \"title\": ", fp);
	json_str(fp, m->workshop_title);
	fputs(", \"lang\": ", fp);
	json_str(fp, m->lang);
	fprintf(fp, "},\n  \"counts\": {\"in\": %zu, \"kept\": %zu, \"duplicates\": %zu, "
		"\"quarantined\": %zu, \"conflicts\": %zu, \"flagged\": %zu},\n",
		m->in, m->kept, m->duplicates, m->quarantined, m->conflicts, m->flagged);
	fputs("  \"sequences\": [", fp);
	for (size_t g = 0; g < m->nseqs; g++) {
		const struct ul_seq_group *sg = &m->seqs[g];
		fputs(g ? ",\n    {\"id\": " : "\n    {\"id\": ", fp);
		json_str(fp, sg->id);
		fputs(", \"title\": ", fp);
		json_str(fp, sg->title);
		fprintf(fp, ", \"frictions\": %zu, \"stages\": [\n", sg->nitems);
		for (size_t s = 0; s < sg->nstages; s++) {
			const struct ul_stage_group *st = &sg->stages[s];
			fputs("      {\"stage\": ", fp);
			json_str(fp, st->stage);
			fputs(", \"frictions\": ", fp);
			json_items(fp, st->items, st->n, "        ");
			fputs(s + 1 < sg->nstages ? "},\n" : "}\n", fp);
		}
		fputs("    ]}", fp);
	}
	fputs(m->nseqs ? "\n  ],\n" : "],\n", fp);
	fputs("  \"ideas\": ", fp);
	json_items(fp, m->ideas, m->nideas, "    ");
	fputs(",\n  \"notes\": ", fp);
	json_items(fp, m->notes, m->nnotes, "    ");
	report_later_json(fp, m, json_items);
	fputs(",\n  \"tags\": [", fp);
	for (size_t i = 0; i < m->ntags; i++) {
		fputs(i ? ",\n    {\"tag\": " : "\n    {\"tag\": ", fp);
		json_str(fp, m->tags[i].tag);
		fprintf(fp, ", \"items\": %zu, \"tables\": %zu}", m->tags[i].items,
			m->tags[i].tables);
	}
	fputs(m->ntags ? "\n  ],\n" : "],\n", fp);
	fputs("  \"tables\": [", fp);
	for (size_t i = 0; i < m->ntables; i++) {
		const struct ul_table_count *t = &m->tables[i];
		fputs(i ? ",\n    {\"session\": " : "\n    {\"session\": ", fp);
		json_str(fp, t->session);
		fputs(", \"table\": ", fp);
		json_str(fp, t->table);
		fprintf(fp, ", \"items\": %zu, \"frictions\": %zu, \"ideas\": %zu, "
			"\"votes\": %zu, \"notes\": %zu, \"observations\": %zu, "
			"\"services\": %zu, \"steps\": %zu}", t->items, t->frictions,
			t->ideas, t->votes, t->notes, t->observations, t->services, t->steps);
	}
	fputs(m->ntables ? "\n  ],\n" : "],\n", fp);
	fputs("  \"sources\": [", fp);
	for (size_t i = 0; i < m->nsources; i++) {
		const struct ul_source_count *s = &m->sources[i];
		fputs(i ? ",\n    {\"file\": " : "\n    {\"file\": ", fp);
		json_str(fp, s->file);
		fputs(", \"format\": ", fp);
		json_str(fp, s->format);
		fprintf(fp, ", \"in\": %zu, \"kept\": %zu, \"duplicates\": %zu, "
			"\"quarantined\": %zu, \"dropped_columns\": ", s->in, s->kept,
			s->duplicates, s->quarantined);
		json_strs(fp, s->dropped, s->ndropped);
		fputc('}', fp);
	}
	fputs(m->nsources ? "\n  ],\n" : "],\n", fp);
	fputs("  \"quarantine\": [", fp);
	for (size_t i = 0; i < m->nquar; i++) {
		const struct ul_quarantined *q = &m->quar[i];
		const struct ul_record *r = &q->rec;
		fputs(i ? ",\n    {\"file\": " : "\n    {\"file\": ", fp);
		json_str(fp, q->file);
		fprintf(fp, ", \"line\": %d, \"reason\": ", q->line);
		json_str(fp, q->reason);
		fputs(", \"record\": {\"type\": ", fp);
		json_str(fp, r->type);
		fputs(", \"serial\": ", fp);
		json_str(fp, r->serial);
		fputs(", \"session\": ", fp);
		json_str(fp, r->session);
		fputs(", \"table\": ", fp);
		json_str(fp, r->table);
		fputs(", \"sequence\": ", fp);
		json_str(fp, r->sequence);
		fputs(", \"stage\": ", fp);
		json_str(fp, r->stage);
		fputs(", \"text\": ", fp);
		json_str(fp, r->text);
		fputs(", \"votes\": ", fp);
		json_str(fp, r->votes);
		fputs(", \"tags\": ", fp);
		json_strs(fp, r->tags, r->ntags);
		fputs(", \"answers\": ", fp);
		json_strs(fp, r->answers, r->nanswers);
		fputs(", \"fields\": ", fp);
		json_fields(fp, r->fields, r->nfields);
		fputs("}, \"privacy\": ", fp);
		json_privacy(fp, q->privacy);
		fputc('}', fp);
	}
	fputs(m->nquar ? "\n  ]\n}\n" : "]\n}\n", fp);
}

/* CSV */

void
ul_report_csv_cell(FILE *fp, const char *s)
{
	bool quote, formula;

	if (!s)
		return;
	/* A leading apostrophe too, so that reading back strips exactly one. */
	formula = s[0] && strchr("=+-@\t\r'", s[0]);
	quote = formula || strpbrk(s, ",\"\r\n;") || s[0] == ' ' ||
	    (s[0] && s[strlen(s) - 1] == ' ');
	if (!quote) {
		fputs(s, fp);
		return;
	}
	fputc('"', fp);
	if (formula)
		fputc('\'', fp);
	for (const char *run = s;; s++) {
		if (*s == '"' || !*s) {
			fwrite(run, 1, (size_t)(s - run), fp);
			if (!*s)
				break;
			fputs("\"\"", fp);
			run = s + 1;
		}
	}
	fputc('"', fp);
}

static void
csv_list(FILE *fp, const char *const *v, size_t n)
{
	struct ul_buf b;

	ul_buf_init(&b);
	ul_buf_adds(&b, "");
	for (size_t i = 0; i < n; i++) {
		if (i)
			ul_buf_addc(&b, '|');
		ul_buf_adds(&b, v[i]);
	}
	ul_report_csv_cell(fp, b.s);
	ul_buf_release(&b);
}

static const char *
field_of(const struct ul_rfield *f, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (f[i].name == name || strcmp(f[i].name, name) == 0)
			return f[i].value;
	return NULL;
}

static void
csv_header_fields(FILE *fp, const char *const *names, size_t n, char sep)
{
	for (size_t i = 0; i < n; i++) {
		char *h = ul_xasprintf("field:%s", names[i]);
		fputc(sep, fp);
		ul_report_csv_cell(fp, h);
		free(h);
	}
	fputs("\r\n", fp);
}

/* A CSV list cell of items' ids, as csv_list writes it. */
static void
csv_ids(FILE *fp, struct ul_item *const *v, size_t n)
{
	char idb[UL_ITEM_ID_MAX];
	struct ul_buf b;

	ul_buf_init(&b);
	ul_buf_adds(&b, "");
	for (size_t i = 0; i < n; i++) {
		if (i)
			ul_buf_addc(&b, '|');
		ul_buf_adds(&b, ul_item_id(v[i], idb, sizeof(idb)));
	}
	ul_report_csv_cell(fp, b.s);
	ul_buf_release(&b);
}

static void
csv_sources(FILE *fp, const struct ul_item *it)
{
	struct ul_buf b;

	ul_buf_init(&b);
	ul_buf_adds(&b, "");
	for (const struct ul_src *s = &it->src; s; s = s->next)
		ul_buf_addf(&b, "%s%s:%d", s == &it->src ? "" : "|", s->file, s->line);
	ul_report_csv_cell(fp, b.s);
	ul_buf_release(&b);
}

static void
csv_row(FILE *fp, const struct ul_merge *m, const struct ul_item *it, char sep,
	bool later)
{
	const char *title = NULL;

	for (size_t g = 0; g < m->nseqs && !title; g++)
		if (m->seqs[g].id == it->sequence && it->sequence)
			title = m->seqs[g].title;
	char idb[UL_ITEM_ID_MAX];
	const char *cells[] = {
		ul_item_id(it, idb, sizeof(idb)), ul_itype_name(it->type), it->serial, it->session, it->table,
		it->sequence, title ? title : it->sequence, it->stage, it->text,
	};
	for (size_t k = 0; k < UL_NELEM(cells); k++) {
		if (k)
			fputc(sep, fp);
		ul_report_csv_cell(fp, cells[k]);
	}
	fprintf(fp, "%c%u%c", sep, it->votes, sep);
	if (it->severity)
		fprintf(fp, "%d", it->severity);
	fputc(sep, fp);
	csv_list(fp, it->tags, it->ntags);
	fputc(sep, fp);
	csv_list(fp, it->rare->answers, it->rare->nanswers);
	fputc(sep, fp);
	csv_ids(fp, it->rare->ideas, it->rare->nideas);
	fputc(sep, fp);
	csv_sources(fp, it);
	fprintf(fp, "%c%s%c%s%s%s", sep, it->conflict ? "yes" : "", sep,
		it->privacy & UL_PRIV_EMAIL ? "email" : "",
		it->privacy == (UL_PRIV_EMAIL | UL_PRIV_PHONE) ? "|" : "",
		it->privacy & UL_PRIV_PHONE ? "phone" : "");
	if (later)
		report_later_csv_row(fp, it, sep);
	for (size_t f = 0; f < m->nfield_names; f++) {
		fputc(sep, fp);
		ul_report_csv_cell(fp, field_of(it->rare->fields, it->rare->nfields, m->field_names[f]));
	}
	fputs("\r\n", fp);
}

/*
 * excel: what a French Excel opens with its accents and its columns, a
 * UTF-8 byte order mark and ';' between cells (',' is its decimal comma).
 */
static void
write_csv(FILE *fp, const struct ul_merge *m, bool excel)
{
	static const char *const heads[] = {
		"id", "type", "serial", "session", "table", "sequence", "sequence_title",
		"stage", "text", "votes", "severity", "tags", "answers", "ideas",
		"sources", "conflict", "privacy",
	};
	char sep = excel ? ';' : ',';

	if (excel)
		fputs("\xef\xbb\xbf", fp);
	for (size_t k = 0; k < UL_NELEM(heads); k++) {
		if (k)
			fputc(sep, fp);
		fputs(heads[k], fp);
	}
	bool later = report_later_csv_wanted(m);
	if (later)
		report_later_csv_header(fp, sep);
	csv_header_fields(fp, m->field_names, m->nfield_names, sep);
	for (size_t i = 0; i < m->nitems; i++)
		csv_row(fp, m, m->items[i], sep, later);
}

void
ul_report_write_quarantine(FILE *fp, const struct ul_merge *m)
{
	fputs("source,reason,type,serial,session,table,sequence,stage,text,votes,"
	      "tags,answers", fp);
	unsigned attrs = report_later_quarantine_header(fp, m);
	csv_header_fields(fp, m->qfield_names, m->nqfield_names, ',');
	for (size_t i = 0; i < m->nquar; i++) {
		const struct ul_quarantined *q = &m->quar[i];
		const struct ul_record *r = &q->rec;
		char *where = ul_xasprintf("%s:%d", q->file, q->line);
		const char *cells[] = {
			where, q->reason, r->type, r->serial, r->session, r->table,
			r->sequence, r->stage, r->text, r->votes,
		};
		for (size_t k = 0; k < UL_NELEM(cells); k++) {
			if (k)
				fputc(',', fp);
			ul_report_csv_cell(fp, cells[k]);
		}
		free(where);
		fputc(',', fp);
		csv_list(fp, r->tags, r->ntags);
		fputc(',', fp);
		csv_list(fp, r->answers, r->nanswers);
		report_later_quarantine_row(fp, attrs, r);
		for (size_t f = 0; f < m->nqfield_names; f++) {
			fputc(',', fp);
			ul_report_csv_cell(fp, field_of(r->fields, r->nfields, m->qfield_names[f]));
		}
		fputs("\r\n", fp);
	}
}

/* HTML */

static void
html_text(FILE *fp, const char *s)
{
	const char *run = s;

	if (!s)
		return;
	for (; *s; s++) {
		const char *rep = NULL;
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		fwrite(run, 1, (size_t)(s - run), fp);
		fputs(rep, fp);
		run = s + 1;
	}
	fputs(run, fp);
}

static const char html_style[] =
	"body{font-family:\"Atkinson Hyperlegible\",system-ui,sans-serif;"
	"line-height:1.5;color:#1d1d1b;background:#fff;margin:0}"
	"main{max-width:50rem;margin:0 auto;padding:1.5rem}"
	"h1{font-size:1.8rem;margin-bottom:.2rem}h2{margin-top:2rem;"
	"border-bottom:2px solid var(--accent)}h3{margin-top:1.2rem}"
	"ol.items{padding-left:1.2rem}ol.items>li{margin:.6rem 0}"
	".id{font-weight:bold;font-variant-numeric:tabular-nums}"
	".meta{color:#555;font-size:.9em}.flag{color:#a00;font-weight:bold}"
	"ul.ideas{margin:.2rem 0 0 0;padding-left:1.2rem}"
	"ul.field{margin:.2rem 0 0 0;padding-left:1.2rem;color:#333}"
	".service dt{font-weight:bold;margin-top:.5rem}.service dd{margin-left:1.2rem}"
	".service dd ul{padding-left:1rem;margin:0}article.service{margin:1rem 0 2rem}"
	"table{border-collapse:collapse;margin:1rem 0;width:100%}"
	"caption{text-align:left;font-weight:bold;padding:.3rem 0}"
	"th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left;"
	"vertical-align:top}td.n{text-align:right}"
	"figure{margin:1.2rem 0}figcaption{font-weight:bold;margin-bottom:.4rem}"
	"svg.chart{display:block;max-width:100%;height:auto}"
	"@page{size:A4;margin:18mm 16mm 20mm}"
	"@media print{main{max-width:none;padding:0}h2{break-after:avoid}"
	"section+section{break-before:page}figure,li,tr{break-inside:avoid}"
	"a{color:inherit}}";

static void
html_meta(FILE *fp, const struct ul_item *it, const struct labels *l)
{
	fprintf(fp, " <span class=\"meta\">%u %s", it->votes,
		plural(l, it->votes) ? l->votes_word : l->vote_word);
	if (it->severity)
		fprintf(fp, ", %s %d", l->severity, it->severity);
	if (it->ntags) {
		fputs(" · ", fp);
		for (size_t t = 0; t < it->ntags; t++) {
			if (t)
				fputs(", ", fp);
			html_text(fp, it->tags[t]);
		}
	}
	if (it->table || it->session) {
		fputs(" · ", fp);
		html_text(fp, it->table);
		if (it->table && it->session)
			fputc(' ', fp);
		if (it->session) {
			fputc('(', fp);
			html_text(fp, it->session);
			fputc(')', fp);
		}
	}
	fputs(" · ", fp);
	for (const struct ul_src *s = &it->src; s; s = s->next) {
		if (s != &it->src)
			fputs(", ", fp);
		html_text(fp, s->file);
		fprintf(fp, ":%d", s->line);
	}
	fputs("</span>", fp);
	if (it->conflict)
		fprintf(fp, " <strong class=\"flag\">%s</strong>", l->conflict);
	if (it->privacy)
		fprintf(fp, " <strong class=\"flag\">%s</strong>", l->privacy);
}

/*
 * A scanned card's crop beside its transcription, inside the page (the
 * report stays one self-contained file); a crop that cannot be read is
 * named instead, so that nothing points nowhere silently.
 */
static void
html_crop(FILE *fp, const char *path)
{
	static const char b64[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char *data = NULL;
	size_t len = 0;

	if (ul_read_file(path, (size_t)8 << 20, &data, &len) != 0 || len < 8 ||
	    memcmp(data, "\x89PNG", 4) != 0) {
		fputs("<br><span class=\"flag\">", fp);
		html_text(fp, path);
		fputs(" ?</span>", fp);
		free(data);
		return;
	}
	/* styled here: a report without crops keeps its bytes */
	fputs("<img class=\"crop\" alt=\"\" style=\"display:block;max-width:18em;"
	      "margin:.3em 0;border:1px solid #ccc\" src=\"data:image/png;base64,", fp);
	for (size_t i = 0; i < len; i += 3) {
		unsigned a = (unsigned char)data[i];
		unsigned b = i + 1 < len ? (unsigned char)data[i + 1] : 0;
		unsigned c = i + 2 < len ? (unsigned char)data[i + 2] : 0;
		unsigned v = a << 16 | b << 8 | c;
		fputc(b64[v >> 18], fp);
		fputc(b64[v >> 12 & 63], fp);
		fputc(i + 1 < len ? b64[v >> 6 & 63] : '=', fp);
		fputc(i + 2 < len ? b64[v & 63] : '=', fp);
	}
	fputs("\">", fp);
	free(data);
}

static void
html_item(FILE *fp, const struct ul_merge *m, const struct ul_item *it,
	  const struct labels *l)
{
	char idb[UL_ITEM_ID_MAX];
	fputs("<li id=\"", fp);
	html_text(fp, ul_item_id(it, idb, sizeof(idb)));
	fputs("\"><span class=\"id\">", fp);
	html_text(fp, ul_item_id(it, idb, sizeof(idb)));
	fputs("</span> ", fp);
	html_text(fp, it->text);
	if (it->rare->nanswers && it->type != UL_IT_FRICTION) {
		fprintf(fp, " (%s ", l->answers);
		for (size_t a = 0; a < it->rare->nanswers; a++) {
			if (a)
				fputs(", ", fp);
			html_text(fp, it->rare->answers[a]);
		}
		fputc(')', fp);
	}
	html_meta(fp, it, l);
	if (it->rare->image)
		html_crop(fp, it->rare->image);
	if (it->rare->nideas) {
		fputs("\n<ul class=\"ideas\">\n", fp);
		for (size_t i = 0; i < it->rare->nideas; i++) {
			fprintf(fp, "<li>%s <span class=\"id\">", l->idea);
			html_text(fp, ul_item_id(it->rare->ideas[i], idb, sizeof(idb)));
			fputs("</span> ", fp);
			html_text(fp, it->rare->ideas[i]->text);
			html_meta(fp, it->rare->ideas[i], l);
			report_later_html_item(fp, m, it->rare->ideas[i]);
			fputs("</li>\n", fp);
		}
		fputs("</ul>", fp);
	}
	report_later_html_item(fp, m, it);
	fputs("</li>\n", fp);
}

static void
html_th(FILE *fp, const char *const *h, size_t n)
{
	fputs("<thead><tr>", fp);
	for (size_t i = 0; i < n; i++) {
		fputs("<th scope=\"col\">", fp);
		html_text(fp, h[i]);
		fputs("</th>", fp);
	}
	fputs("</tr></thead>\n<tbody>\n", fp);
}

static void
html_td(FILE *fp, const char *s, const char *none)
{
	fputs("<td>", fp);
	html_text(fp, s ? s : none);
	fputs("</td>", fp);
}

/*
 * The synthesis' charts (lib/synthesis.c fills them, lib/chart.c lays
 * them out and writes the SVG the PDF report draws too), inline: the page
 * loads nothing.
 */
static void
html_charts(FILE *fp, const struct ul_merge *m, const struct labels *l)
{
	struct ul_chart charts[UL_NCHARTS];
	const struct ul_workshop *ws = m->opts.ws;
	bool any = false;

	ul_synthesis_charts(m, charts);
	for (int k = 0; k < UL_NCHARTS; k++) {
		struct ul_chart *c = &charts[k];
		if (!c->n || (c->kind == UL_CHART_HEAT && !c->ncols))
			continue;
		if (!any)
			fprintf(fp, "<section class=\"charts\" aria-labelledby=\"charts\">\n"
				"<h2 id=\"charts\">%s</h2>\n", ul_lang_text(l->lang, "En chiffres"));
		any = true;
		ul_chart_layout(c, 170, 9);
		fprintf(fp, "<figure id=\"chart-%s\">\n<figcaption>", c->id);
		html_text(fp, c->title);
		fputs("</figcaption>\n", fp);
		ul_chart_write_svg(c, fp, ws ? ws->theme.font : NULL);
		fputs("</figure>\n", fp);
	}
	if (any)
		fputs("</section>\n", fp);
	for (int k = 0; k < UL_NCHARTS; k++)
		ul_chart_release(&charts[k]);
}

static void
write_html(FILE *fp, const struct ul_merge *m)
{
	const struct labels *l = labels_for(m);
	const char *lang = l->lang->tag;

	fprintf(fp, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		"<title>", lang);
	html_text(fp, title_of(m, l));
	/* the workshop's theme: its accent, ink and font (the HTML loads none) */
	{
		const struct ul_workshop *ws = m->opts.ws;
		const char *accent = ws && ws->theme.color.text ? ws->theme.color.text :
				     "#E4003A";
		const char *ink = ws && ws->theme.ink.text ? ws->theme.ink.text : "#1D1D1B";
		fprintf(fp, " — %s</title>\n<style>:root{--accent:%s}%s", l->report,
			accent, html_style);
		fprintf(fp, "body{color:%s}", ink);
		if (ws && ws->theme.font && strchr(ws->theme.font, '"') == NULL &&
		    strchr(ws->theme.font, '<') == NULL && strchr(ws->theme.font, '\\') == NULL)
			fprintf(fp, "body{font-family:\"%s\",system-ui,sans-serif}",
				ws->theme.font);
		fputs("</style>\n</head>\n<body>\n<main>\n<h1>", fp);
	}
	html_text(fp, title_of(m, l));
	fprintf(fp, "</h1>\n<p>%s</p>\n<p>", l->report);
	counts_sentence(fp, m, l);
	fputs("</p>\n", fp);
	html_charts(fp, m, l);

	fprintf(fp, "<section aria-labelledby=\"frictions\">\n<h2 id=\"frictions\">%s</h2>\n",
		l->by_sequence);
	if (!m->nseqs)
		fprintf(fp, "<p>%s</p>\n", l->nothing);
	for (size_t g = 0; g < m->nseqs; g++) {
		const struct ul_seq_group *sg = &m->seqs[g];
		fputs("<h3>", fp);
		html_text(fp, sg->title ? sg->title : l->no_sequence);
		fputs("</h3>\n", fp);
		for (size_t s = 0; s < sg->nstages; s++) {
			const struct ul_stage_group *st = &sg->stages[s];
			fputs("<h4>", fp);
			html_text(fp, st->stage ? st->stage : l->no_stage);
			fputs("</h4>\n<ol class=\"items\">\n", fp);
			for (size_t i = 0; i < st->n; i++)
				html_item(fp, m, st->items[i], l);
			fputs("</ol>\n", fp);
		}
	}
	fputs("</section>\n", fp);

	fprintf(fp, "<section aria-labelledby=\"orphans\">\n<h2 id=\"orphans\">%s</h2>\n",
		l->orphans);
	if (!m->norphans)
		fprintf(fp, "<p>%s</p>\n", l->nothing);
	else {
		fputs("<ol class=\"items\">\n", fp);
		for (size_t i = 0; i < m->norphans; i++)
			html_item(fp, m, m->orphans[i], l);
		fputs("</ol>\n", fp);
	}
	fputs("</section>\n", fp);

	if (m->nnotes) {
		fprintf(fp, "<section aria-labelledby=\"notes\">\n<h2 id=\"notes\">%s</h2>\n"
			"<ol class=\"items\">\n", l->notes);
		for (size_t i = 0; i < m->nnotes; i++)
			html_item(fp, m, m->notes[i], l);
		fputs("</ol>\n</section>\n", fp);
	}
	report_later_html(fp, m);

	fprintf(fp, "<section aria-labelledby=\"tags\">\n<h2 id=\"tags\">%s</h2>\n", l->tags);
	if (!m->ntags)
		fprintf(fp, "<p>%s</p>\n", l->nothing);
	else {
		const char *h[] = { l->tag, l->items, l->tables_seen };
		fprintf(fp, "<table>\n<caption>%s</caption>\n", l->tags);
		html_th(fp, h, 3);
		for (size_t i = 0; i < m->ntags; i++) {
			fputs("<tr>", fp);
			html_td(fp, m->tags[i].tag, l->none);
			fprintf(fp, "<td class=\"n\">%zu</td><td class=\"n\">%zu</td></tr>\n",
				m->tags[i].items, m->tags[i].tables);
		}
		fputs("</tbody>\n</table>\n", fp);
	}
	fputs("</section>\n", fp);

	fprintf(fp, "<section aria-labelledby=\"sources\">\n<h2 id=\"sources\">%s</h2>\n<p>",
		l->sources_counts);
	counts_sentence(fp, m, l);
	fputs("</p>\n", fp);
	{
		const char *h[] = { l->session, l->table, l->items, l->frictions, l->ideas,
				    l->votes_col, l->notes_col };
		fprintf(fp, "<table>\n<caption>%s</caption>\n", l->per_table);
		html_th(fp, h, 7);
		for (size_t i = 0; i < m->ntables; i++) {
			const struct ul_table_count *t = &m->tables[i];
			fputs("<tr>", fp);
			html_td(fp, t->session, l->none);
			html_td(fp, t->table, l->none);
			fprintf(fp, "<td class=\"n\">%zu</td><td class=\"n\">%zu</td>"
				"<td class=\"n\">%zu</td><td class=\"n\">%zu</td>"
				"<td class=\"n\">%zu</td></tr>\n", t->items, t->frictions,
				t->ideas, t->votes, t->notes);
		}
		fputs("</tbody>\n</table>\n", fp);
	}
	{
		const char *h[] = { l->file, l->format, l->in, l->kept, l->dups, l->quar,
				    l->dropped };
		fprintf(fp, "<table>\n<caption>%s</caption>\n", l->files);
		html_th(fp, h, 7);
		for (size_t i = 0; i < m->nsources; i++) {
			const struct ul_source_count *s = &m->sources[i];
			fputs("<tr>", fp);
			html_td(fp, s->file, l->none);
			html_td(fp, s->format, l->none);
			fprintf(fp, "<td class=\"n\">%zu</td><td class=\"n\">%zu</td>"
				"<td class=\"n\">%zu</td><td class=\"n\">%zu</td><td>", s->in,
				s->kept, s->duplicates, s->quarantined);
			for (size_t k = 0; k < s->ndropped; k++) {
				if (k)
					fputs(", ", fp);
				html_text(fp, s->dropped[k]);
			}
			if (!s->ndropped)
				fputs(l->none, fp);
			fputs("</td></tr>\n", fp);
		}
		fputs("</tbody>\n</table>\n", fp);
	}
	fputs("</section>\n", fp);

	fprintf(fp, "<section aria-labelledby=\"quarantine\">\n<h2 id=\"quarantine\">%s</h2>\n",
		l->quarantine);
	if (!m->nquar)
		fprintf(fp, "<p>%s</p>\n", l->nothing);
	else {
		const char *h[] = { l->where, l->reason, l->text };
		fprintf(fp, "<table>\n<caption>%s</caption>\n", l->quarantine);
		html_th(fp, h, 3);
		for (size_t i = 0; i < m->nquar; i++) {
			const struct ul_quarantined *q = &m->quar[i];
			fputs("<tr><td>", fp);
			html_text(fp, q->file);
			fprintf(fp, ":%d</td>", q->line);
			html_td(fp, q->reason, l->none);
			html_td(fp, q->rec.text, l->none);
			fputs("</tr>\n", fp);
		}
		fputs("</tbody>\n</table>\n", fp);
	}
	fputs("</section>\n</main>\n</body>\n</html>\n", fp);
}

void
ul_report_write(FILE *fp, enum ul_report_format f, const struct ul_merge *m)
{
	switch (f) {
	case UL_REPORT_MD: write_md(fp, m); break;
	case UL_REPORT_JSON: write_json(fp, m); break;
	case UL_REPORT_CSV: write_csv(fp, m, false); break;
	case UL_REPORT_CSV_EXCEL: write_csv(fp, m, true); break;
	case UL_REPORT_HTML: write_html(fp, m); break;
	}
}

/* For lib/report-later.c: one escaping function per format (report-int.h). */

void
report_md_text(FILE *fp, const char *s)
{
	md_text(fp, s);
}

void
report_json_str(FILE *fp, const char *s)
{
	json_str(fp, s);
}

void
report_json_strs(FILE *fp, const char *const *v, size_t n)
{
	json_strs(fp, v, n);
}

void
report_html_text(FILE *fp, const char *s)
{
	html_text(fp, s);
}

void
report_csv_list(FILE *fp, const char *const *v, size_t n)
{
	csv_list(fp, v, n);
}

void
report_csv_ids(FILE *fp, struct ul_item *const *v, size_t n)
{
	csv_ids(fp, v, n);
}

const struct ul_lang *
report_lang(const struct ul_merge *m)
{
	return ul_lang_get(m->lang);
}

