/* SPDX-License-Identifier: ISC */
/*
 * Validation: checks a record against the results format and, given one,
 * the workshop (types, serials and their decks, sequences, stages, fields
 * and their scales and tick boxes, answers), and keeps what fails in the quarantine with
 * file:line and a reason. Part of the merge module (lib/merge-int.h);
 * knows nothing of identity, ordering or output.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "card.h"
#include "intl.h"
#include "kit.h"
#include "merge-int.h"
#include "nfc.h"
#include "util.h"

int
ul_serial_normalise(const char *in, char *buf, size_t size, int *number)
{
	char tmp[64];
	size_t n = 0, cut;
	const char *p = in;
	long num = 0;

	while (isspace((unsigned char)*p))
		p++;
	for (; *p && n < sizeof(tmp) - 1; p++)
		tmp[n++] = (char)toupper((unsigned char)*p);
	if (*p)
		return -1;
	while (n > 0 && isspace((unsigned char)tmp[n - 1]))
		n--;
	tmp[n] = '\0';
	/* The number: trailing digits. */
	cut = n;
	while (cut > 0 && isdigit((unsigned char)tmp[cut - 1]))
		cut--;
	if (cut == n || n - cut > 9 || cut == 0)
		return -1;
	for (size_t i = cut; i < n; i++)
		num = num * 10 + (tmp[i] - '0');
	/* One separator at most: "-", " ", "_", "." or none. */
	size_t pe = cut;
	if (strchr("- _.", tmp[pe - 1]))
		pe--;
	if (pe == 0)
		return -1;
	for (size_t i = 0; i < pe; i++)
		if (!isupper((unsigned char)tmp[i]) && !isdigit((unsigned char)tmp[i]))
			return -1;
	/* Without a separator the prefix must end in a letter (FRI7). */
	if (pe == cut && !isupper((unsigned char)tmp[pe - 1]))
		return -1;
	tmp[pe] = '\0';
	snprintf(buf, size, "%s-%03ld", tmp, num);
	if (number)
		*number = (int)num;
	return 0;
}

void
merge_quarantine(struct ul_merge *m, const struct ul_record *r, const char *why)
{
	struct priv *p = m->priv;
	struct ul_quarantined *q;
	unsigned flags = 0;

	if (m->nquar == p->qcap) {
		p->qcap = p->qcap ? p->qcap * 2 : 64;
		p->quar = ul_xreallocarray(p->quar, p->qcap, sizeof(*p->quar));
		m->quar = p->quar;
	}
	q = &p->quar[m->nquar++];
	memset(q, 0, sizeof(*q));
	q->fixed = merge_origin(m, r, false, &q->file, &q->line);
	q->input = p->nsrc ? (uint32_t)(p->nsrc - 1) : 0;
	/* A reason cut at its buffer's end ends on whole characters. */
	char whole[512];
	snprintf(whole, sizeof(whole), "%s", why);
	ul_utf8_trim_cut(whole);
	q->reason = merge_keep(m, whole);
	q->rec.file = p->nsrc ? p->src[p->nsrc - 1].file : merge_intern(m, r->file);
	q->rec.line = r->line;
	q->rec.workshop = merge_intern(m, r->workshop);
	q->rec.session = merge_intern(m, r->session);
	q->rec.table = merge_intern(m, r->table);
	q->rec.type = merge_intern(m, r->type);
	q->rec.serial = merge_keep(m, r->serial);
	q->rec.sequence = merge_intern(m, r->sequence);
	q->rec.stage = merge_intern(m, r->stage);
	q->rec.text = merge_private_text(m, r->text, &flags);
	q->rec.votes = merge_keep(m, r->votes);
	q->rec.source_id = merge_keep(m, r->source_id);
	if (r->ntags) {
		const char **t = ul_arena_alloc(&m->arena, r->ntags * sizeof(*t));
		for (size_t i = 0; i < r->ntags; i++)
			t[i] = merge_intern(m, r->tags[i]);
		q->rec.tags = t;
		q->rec.ntags = r->ntags;
	}
	if (r->nanswers) {
		const char **t = ul_arena_alloc(&m->arena, r->nanswers * sizeof(*t));
		for (size_t i = 0; i < r->nanswers; i++)
			t[i] = merge_keep(m, r->answers[i]);
		q->rec.answers = t;
		q->rec.nanswers = r->nanswers;
	}
	if (r->nfields) {
		struct ul_rfield *f = ul_arena_alloc(&m->arena, r->nfields * sizeof(*f));
		for (size_t i = 0; i < r->nfields; i++) {
			f[i].name = merge_intern(m, r->fields[i].name);
			f[i].value = merge_private_text(m, r->fields[i].value, &flags);
		}
		q->rec.fields = f;
		q->rec.nfields = r->nfields;
	}
	/* The later workshops' keys too: a fixed record reads back whole. */
	for (int a = 0; a < UL_RA_N; a++)
		q->rec.attr[a] = merge_private_text(m, r->attr[a], &flags);
	q->privacy = flags;
	m->quarantined++;
	if (p->nsrc)
		p->src[p->nsrc - 1].quar++;
}

static int
type_parse(const char *s, enum ul_itype *t)
{
	for (int k = 0; k < UL_IT_NTYPES; k++)
		if (strcmp(s, ul_itype_name((enum ul_itype)k)) == 0) {
			*t = (enum ul_itype)k;
			return 0;
		}
	char *f = ul_fold(s);
	static const struct { const char *n; enum ul_itype t; } names[] = {
		{ "friction", UL_IT_FRICTION }, { "frictions", UL_IT_FRICTION },
		{ "idea", UL_IT_IDEA }, { "idee", UL_IT_IDEA }, { "ideas", UL_IT_IDEA },
		{ "idees", UL_IT_IDEA }, { "vote", UL_IT_VOTE }, { "votes", UL_IT_VOTE },
		{ "note", UL_IT_NOTE }, { "notes", UL_IT_NOTE },
		{ "observation", UL_IT_OBSERVATION }, { "observations", UL_IT_OBSERVATION },
		{ "obs", UL_IT_OBSERVATION }, { "constat", UL_IT_OBSERVATION },
		{ "ce que j ai vu", UL_IT_OBSERVATION }, { "entretien", UL_IT_OBSERVATION },
		{ "interview", UL_IT_OBSERVATION }, { "paroles", UL_IT_OBSERVATION },
		{ "service", UL_IT_SERVICE }, { "services", UL_IT_SERVICE },
		{ "step", UL_IT_STEP }, { "steps", UL_IT_STEP },
		{ "etape", UL_IT_STEP }, { "etapes", UL_IT_STEP },
	};
	int r = -1;
	for (size_t k = 0; k < UL_NELEM(names); k++)
		if (strcmp(f, names[k].n) == 0) {
			*t = names[k].t;
			r = 0;
		}
	free(f);
	return r;
}

/* The canonical name among cands (ids, then titles) for a messy one. */
static const char *
lookup(const char *s, const char *const *ids, const char *const *titles, size_t n)
{
	char *f;
	const char *hit = NULL;

	for (size_t i = 0; i < n; i++)
		if (strcmp(s, ids[i]) == 0)
			return ids[i];
	f = ul_fold(s);
	for (size_t i = 0; i < n && !hit; i++) {
		char *a = ul_fold(ids[i]);
		char *b = titles && titles[i] ? ul_fold(titles[i]) : NULL;
		if (strcmp(f, a) == 0 || (b && strcmp(f, b) == 0))
			hit = ids[i];
		free(a);
		free(b);
	}
	free(f);
	return hit;
}

static const struct ul_deck *
deck_by_prefix(const struct ul_workshop *ws, const char *serial)
{
	const char *dash = strrchr(serial, '-');
	size_t pl = dash ? (size_t)(dash - serial) : 0;

	for (size_t d = 0; d < ws->ndecks; d++) {
		const struct ul_deck *dk = &ws->decks[d];
		if (dk->kind == UL_DECK_WRITEIN && dk->prefix &&
		    strlen(dk->prefix) == pl && strncmp(dk->prefix, serial, pl) == 0)
			return dk;
	}
	return NULL;
}

/* Check a serial against the workshop; NULL when fine, else why not. */
static const char *
serial_check(const struct wslook *l, const char *serial, int num,
	     char *why, size_t size, const struct ul_deck **deck)
{
	const struct ul_workshop *ws = l->ws;
	const struct ul_deck *dk = deck_by_prefix(ws, serial);

	*deck = dk;
	if (!dk) {
		const char *pre[64];
		size_t n = 0;
		for (size_t d = 0; d < ws->ndecks && n < 64; d++)
			if (ws->decks[d].kind == UL_DECK_WRITEIN && ws->decks[d].prefix)
				pre[n++] = ws->decks[d].prefix;
		char pfx[64];
		snprintf(pfx, sizeof(pfx), "%.*s", (int)(strrchr(serial, '-') - serial), serial);
		char hb[128];
		const char *s = ul_suggest_hint(pfx, pre, n, hb, sizeof(hb));
		snprintf(why, size, _("serial '%s': no write-in deck has the prefix '%s'%s"),
			 serial, pfx, s);
		return why;
	}
	/* count × per: 10 per table at 4 tables is FRI-001 to FRI-040 (lib/kit) */
	int first, last;
	ul_kit_deck_serials(ws, dk, &first, &last);
	if (num < first || num > last) {
		char a[64], b[64];
		ul_serial(dk, first, a, sizeof(a));
		ul_serial(dk, last, b, sizeof(b));
		snprintf(why, size, _("serial '%s' is out of range (%s to %s)"), serial, a, b);
		return why;
	}
	return NULL;
}

static const char *
parse_votes(const char *s, uint32_t *v)
{
	unsigned long n = 0;

	*v = 0;
	if (!s)
		return NULL;
	for (const char *p = s; *p; p++) {
		if (!isdigit((unsigned char)*p))
			return _("is not a non-negative integer");
		n = n * 10 + (unsigned long)(*p - '0');
		if (n > 1000000000ul)
			return _("is too large");
	}
	*v = (uint32_t)n;
	return NULL;
}

static bool
severity_name(const char *name)
{
	char *f = ul_fold(name);
	bool r = strcmp(f, "gravite") == 0 || strcmp(f, "severite") == 0 ||
	    strcmp(f, "severity") == 0;
	free(f);
	return r;
}

/* What the format itself requires: a type, votes as a number, a text. */
static const char *
check_basics(const struct ul_record *r, struct checked *ck, char *why, size_t size)
{
	const char *e;

	if (!r->type)
		return _("missing type (friction, idea, vote, note, observation, service or step)");
	if (type_parse(r->type, &ck->type) < 0) {
		snprintf(why, size, _("unknown type '%.*s' (friction, idea, vote, "
				      "note, observation, service or step)"),
			 UL_CUT(r->type, 60));
		return why;
	}
	if ((e = parse_votes(r->votes, &ck->votes))) {
		snprintf(why, size, _("votes '%.*s' %s"), UL_CUT(r->votes, 60), e);
		return why;
	}
	if (r->ntags > 1000 || r->nanswers > 256 || r->nfields > 1000)
		return _("too many tags, answers or fields");
	switch (ck->type) {
	case UL_IT_VOTE:
		break;
	case UL_IT_SERVICE:
		if (!r->text && !r->attr[UL_RA_TITLE])
			return _("a service needs a title or a text");
		break;
	case UL_IT_STEP:
		if (!r->text && !r->nfields)
			return _("a step needs a text or fields");
		if (!r->attr[UL_RA_SERVICE])
			return _("a step needs the service it belongs to ('service')");
		break;
	default:
		/* a scanned card waits for its transcription: its crop stands for it */
		if (!r->text && !r->image)
			return _("missing text");
	}
	if (r->attr[UL_RA_VERDICT]) {
		if (ck->type != UL_IT_OBSERVATION)
			return "'verdict' is for observations";
		if (ul_verdict_parse(r->attr[UL_RA_VERDICT], &ck->verdict) < 0) {
			snprintf(why, size, _("verdict '%.*s' is none of confirms, nuances "
				 "or contradicts (confirme, nuance, contredit)"),
				 UL_CUT(r->attr[UL_RA_VERDICT], 60));
			return why;
		}
	}
	return NULL;
}

static const char *
check_serial(const struct wslook *look, const struct ul_record *r,
	     struct checked *ck, const struct ul_deck **deck, char *why, size_t size)
{
	int num = 0;

	if (!r->serial)
		return NULL;
	if (ul_serial_normalise(r->serial, ck->serial, sizeof(ck->serial), &num) < 0) {
		snprintf(why, size,
			 _("bad serial '%.*s' (expected PREFIX-NUMBER, such as FRI-007)"),
			 UL_CUT(r->serial, 60));
		return why;
	}
	ck->has_serial = true;
	if (look && serial_check(look, ck->serial, num, why, size, deck))
		return why;
	return NULL;
}

/*
 * The records' workshop: the one given (-w), one of those given when
 * there are several, or one for all the records. *look is the workshop to
 * check the record against (NULL when none was given).
 */
static const char *
check_workshop(struct ul_merge *m, const struct ul_record *r,
	       const struct wslook **look, char *why, size_t size)
{
	struct priv *p = m->priv;
	const struct ul_workshop *ws = m->opts.ws;

	*look = p->nwsl ? &p->wsl[0] : NULL;
	if (!r->workshop)
		return NULL;
	if (ws) {
		const char *ids[64];
		size_t w;
		for (w = 0; w < p->nwsl; w++)
			if (strcmp(r->workshop, p->wsl[w].ws->id) == 0)
				break;
		if (w == p->nwsl) {
			for (w = 0; w < p->nwsl && w < UL_NELEM(ids); w++)
				ids[w] = p->wsl[w].ws->id;
			char hb[128];
			snprintf(why, size, _("results of workshop '%.*s', not '%.*s'%s"),
				 UL_CUT(r->workshop, 60), UL_CUT(ws->id, 60),
				 p->nwsl > 1 ? " nor the others given" :
				 ul_suggest_hint(r->workshop, ids, w, hb, sizeof(hb)));
			return why;
		}
		*look = &p->wsl[w];
	}
	if (!p->ws_seen)
		p->ws_seen = merge_intern(m, r->workshop);
	else if (strcmp(p->ws_seen, r->workshop) != 0)
		p->ws_mixed = true;
	return NULL;
}

/*
 * A life sequence the workshop does not know was raised at the table:
 * people tell what they live, so it is kept as a new sequence (the report
 * flags it; ul_merge_finish warns once per name, with a suggestion when it
 * looks like a known one mistyped).
 */
static void
check_sequence(const struct wslook *l, struct checked *ck)
{
	if (!ck->sequence)
		return;
	const char *c = lookup(ck->sequence, l->seq_ids, l->seq_titles, l->nseq);
	if (c)
		ck->sequence = c;
	else
		ck->new_sequence = true;
}

/* A stage the workshop knows, under its own name. */
static const char *
check_stage(const char **name, const char *const *ids,
	    const char *const *titles, size_t n, char *why, size_t size)
{
	if (!*name)
		return NULL;
	const char *c = lookup(*name, ids, titles, n);
	if (!c) {
		char hb[128];
		const char *s = ul_suggest_hint(*name, ids, n, hb, sizeof(hb));
		snprintf(why, size, _("unknown stage '%.*s'%s"), UL_CUT(*name, 60), s);
		return why;
	}
	*name = c;
	return NULL;
}

/*
 * Where a vote or an idea card sits: a poster of the workshop with
 * numbered items (a vote poster), and one of its boxes, by the number
 * printed in it or by its text. With no poster named, the workshop's only
 * poster with items is meant.
 */
static const char *
check_poster_item(const struct ul_workshop *ws, const struct ul_record *r,
		  struct checked *ck, char *why, size_t size)
{
	const char *pname = r->attr[UL_RA_POSTER], *iname = r->attr[UL_RA_ITEM];
	const struct ul_poster *po = NULL;

	if (!pname && !iname)
		return NULL;
	if (ck->type != UL_IT_VOTE && ck->type != UL_IT_IDEA)
		return "'poster' and 'item' are for votes and ideas";
	if (!ws) {
		/* Nothing to check against: kept as written. */
		ck->poster = pname;
		ck->item = iname ? atoi(iname) : 0;
		return NULL;
	}
	if (pname) {
		const char *ids[64];
		size_t n = 0;
		for (size_t k = 0; k < ws->nposters; k++) {
			if (strcmp(ws->posters[k].id, pname) == 0)
				po = &ws->posters[k];
			if (n < UL_NELEM(ids))
				ids[n++] = ws->posters[k].id;
		}
		if (!po) {
			char hb[128];
			snprintf(why, size, _("unknown poster '%.*s'%s"), UL_CUT(pname, 60),
				 ul_suggest_hint(pname, ids, n, hb, sizeof(hb)));
			return why;
		}
		if (!po->items.n) {
			snprintf(why, size, _("poster '%.*s' has no numbered items"), UL_CUT(pname, 60));
			return why;
		}
	} else {
		for (size_t k = 0; k < ws->nposters; k++)
			if (ws->posters[k].items.n) {
				if (po)
					return _("'item' without 'poster', and the workshop "
						 "has several posters with items");
				po = &ws->posters[k];
			}
		if (!po)
			return "'item' given, but no poster of the workshop has items";
	}
	ck->poster = po->id;
	if (!iname)
		return NULL;
	char *end;
	long num = strtol(iname, &end, 10);
	if (*iname && !*end) {
		if (num < 1 || (size_t)num > po->items.n) {
			snprintf(why, size, _("item %.*s of poster '%.*s' does not exist "
				 "(1 to %zu)"), UL_CUT(iname, 20), UL_CUT(po->id, 60), po->items.n);
			return why;
		}
	} else {
		const char *labels[256];
		size_t n = po->items.n < UL_NELEM(labels) ? po->items.n : UL_NELEM(labels);
		for (size_t k = 0; k < n; k++)
			labels[k] = po->items.v[k];
		const char *c = lookup(iname, labels, NULL, n);
		if (!c) {
			char hb[128];
			snprintf(why, size, _("poster '%.*s' has no item '%.*s'%s"),
				 UL_CUT(po->id, 60), UL_CUT(iname, 60), ul_suggest_hint(iname, labels, n, hb, sizeof(hb)));
			return why;
		}
		for (num = 0; labels[num] != c; num++)
			;
		num++;
	}
	ck->item = (int)num;
	ck->item_label = po->items.v[num - 1];
	return NULL;
}

static const struct ul_field *
field_def(const struct ul_workshop *ws, const struct ul_deck *deck, const char *name)
{
	for (size_t d = 0; d < ws->ndecks; d++) {
		const struct ul_deck *dk = &ws->decks[d];
		if (dk->kind != UL_DECK_WRITEIN || (deck && dk != deck))
			continue;
		for (size_t f = 0; f < dk->nfields; f++)
			if (strcmp(dk->fields[f].id, name) == 0)
				return &dk->fields[f];
	}
	return NULL;
}

/*
 * A tick-box field's value: options separated by '|' (utilab-scan
 * writes " | "), each one of the field's, whatever its case or
 * composition and the spaces around and inside it; with choose: one, one at most.
 * *canon gets the value as the workshop writes it, so that a
 * transcription and a scan of the same card agree.
 */
static const char *
check_ticks(struct ul_merge *m, const struct ul_field *fd, const char *name,
	    const char *v, const char **canon, char *why, size_t size)
{
	unsigned bits = 0;
	int n = 0;
	struct ul_buf b;

	for (const char *p = v;;) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		while (len && isspace((unsigned char)*p))
			p++, len--;
		while (len && isspace((unsigned char)p[len - 1]))
			len--;
		if (len) {
			/* runs of spaces as one: "des  voisins" is "des voisins" */
			char *tok = ul_xstrndup(p, len), *o = tok;
			for (const char *q = tok; *q; q++)
				if (!isspace((unsigned char)*q) || (o > tok &&
				    !isspace((unsigned char)o[-1])))
					*o++ = isspace((unsigned char)*q) ? ' ' : *q;
			*o = 0;
			size_t k = 0;
			while (k < fd->ticks.n && ul_nfc_casecmp(tok, fd->ticks.v[k]))
				k++;
			if (k == fd->ticks.n) {
				ul_buf_init(&b);
				for (size_t j = 0; j < fd->ticks.n; j++)
					ul_buf_addf(&b, "%s'%s'", j ? ", " : "",
						    fd->ticks.v[j]);
				snprintf(why, size, _("field '%.*s': '%.*s' is none of "
					 "its options (%.*s)"), UL_CUT(name, 60),
					 UL_CUT(tok, 60), UL_CUT(b.s, 300));
				ul_buf_release(&b);
				free(tok);
				return why;
			}
			free(tok);
			if (!(bits & 1u << k))
				n++;
			bits |= 1u << k;
		}
		if (!bar)
			break;
		p = bar + 1;
	}
	if (fd->choose_one && n > 1) {
		snprintf(why, size, _("field '%.*s' takes one option, not %d ('%.*s')"),
			 UL_CUT(name, 60), n, UL_CUT(v, 200));
		return why;
	}
	ul_buf_init(&b);
	for (size_t k = 0; k < fd->ticks.n; k++)
		if (bits & 1u << k)
			ul_buf_addf(&b, "%s%s", b.len ? " | " : "", fd->ticks.v[k]);
	*canon = merge_intern(m, b.len ? b.s : "");
	ul_buf_release(&b);
	return NULL;
}

/*
 * Fields the deck has, scales in range, tick boxes among their options;
 * the severity among them.
 */
static const char *
check_fields(struct ul_merge *m, const struct ul_workshop *ws,
	     const struct ul_record *r, const struct ul_deck *deck,
	     struct checked *ck, char *why, size_t size)
{
	ck->severity = 0;
	for (size_t i = 0; i < r->nfields; i++) {
		const struct ul_field *fd = NULL;
		if (ws && !(fd = field_def(ws, deck, r->fields[i].name))) {
			/* Two messages: " on deck " untranslated in a French one was. */
			if (deck)
				snprintf(why, size, _("unknown field '%.*s' on deck '%.*s'"),
					 UL_CUT(r->fields[i].name, 60),
					 UL_CUT(deck->id, 20));
			else
				snprintf(why, size, _("unknown field '%.*s'"),
					 UL_CUT(r->fields[i].name, 60));
			return why;
		}
		const char *v = r->fields[i].value;
		if (fd && fd->ticks.n) {
			const char *canon = NULL, *e;
			if ((e = check_ticks(m, fd, r->fields[i].name, v, &canon,
					     why, size)))
				return e;
			if (i < UL_NELEM(ck->canon))
				ck->canon[i] = canon;
			continue;
		}
		char *end;
		long n = strtol(v, &end, 10);
		bool numeric = *v && !*end;
		if (fd && fd->scale && (!numeric || n < 1 || n > fd->scale)) {
			snprintf(why, size, _("field '%.*s' is '%.*s', not a number from 1 to %d"),
				 UL_CUT(r->fields[i].name, 60), UL_CUT(v, 60), fd->scale);
			return why;
		}
		if (numeric && n > 0 && n < 1000 && (severity_name(r->fields[i].name) ||
		    (fd && fd->scale && !ck->severity)))
			ck->severity = (int)n;
	}
	return NULL;
}

/*
 * Answers: serials normalised and checked against the workshops given
 * (any of them: an observation answers a friction of the needs workshop),
 * other ids as written.
 */
static const char *
check_answers(struct ul_merge *m, const struct ul_record *r, struct checked *ck,
	      char *why, size_t size)
{
	struct priv *p = m->priv;
	ck->nanswers = 0;
	for (size_t i = 0; i < r->nanswers && ck->nanswers < UL_NELEM(ck->answers); i++) {
		char a[64], w[256];
		int an;
		const struct ul_deck *dk;
		if (ul_serial_normalise(r->answers[i], a, sizeof(a), &an) < 0) {
			ck->answers[ck->nanswers++] = merge_intern(m, r->answers[i]);
			continue;
		}
		if (p->nwsl && serial_check(&p->wsl[0], a, an, w, sizeof(w), &dk)) {
			char w2[256];
			size_t k = 1;
			while (k < p->nwsl &&
			       serial_check(&p->wsl[k], a, an, w2, sizeof(w2), &dk))
				k++;
			if (k == p->nwsl) {
				snprintf(why, size, _("answers: %s"), w);
				return why;
			}
		}
		ck->answers[ck->nanswers++] = merge_intern(m, a);
	}
	return NULL;
}

const char *
merge_validate(struct ul_merge *m, const struct ul_record *r, struct checked *ck,
	       char *why, size_t size)
{
	const struct ul_workshop *ws;
	const struct ul_deck *deck = NULL;
	const struct wslook *look;
	const char *e;

	memset(ck, 0, sizeof(*ck));
	ck->sequence = r->sequence;
	ck->stage = r->stage;
	if (r->reject)
		return r->reject;
	if ((e = check_basics(r, ck, why, size)) ||
	    (e = check_workshop(m, r, &look, why, size)))
		return e;
	ws = look ? look->ws : NULL;
	if ((e = check_serial(look, r, ck, &deck, why, size)))
		return e;
	if (look) {
		check_sequence(look, ck);
		if ((e = check_stage(&ck->stage, look->stages, NULL,
				    look->nstages, why, size)))
			return e;
	}
	if ((e = check_fields(m, ws, r, deck, ck, why, size)) ||
	    (e = check_answers(m, r, ck, why, size)) ||
	    (e = check_poster_item(ws, r, ck, why, size)))
		return e;
	/*
	 * A card from another printing of its deck (utilab-scan's version
	 * column): its fields may not be the workshop's. A person looks.
	 */
	if (ws && deck && r->version) {
		char v[8];
		ul_card_deck_version(ws, deck, v, sizeof(v));
		if (strcmp(v, r->version) != 0) {
			snprintf(why, size, _("card printed from version %.16s of deck "
				 "'%.60s'; the workshop prints version %s: check its "
				 "fields, then empty its version"), r->version,
				 deck->id, v);
			return why;
		}
	}
	return NULL;
}

/* "FILE:LINE": 0 with the parts, -1 when it is not that. */
static int
parse_origin(const char *s, char *file, size_t size, int *line)
{
	const char *colon = strrchr(s, ':');
	char *end;
	long n;

	if (!colon || colon == s || (size_t)(colon - s) >= size)
		return -1;
	n = strtol(colon + 1, &end, 10);
	if (*end || end == colon + 1 || n < 1 || n > 1000000000)
		return -1;
	memcpy(file, s, (size_t)(colon - s));
	file[colon - s] = '\0';
	*line = (int)n;
	return 0;
}

bool
merge_origin(struct ul_merge *m, const struct ul_record *r, bool kept,
	     const char **file, int *line)
{
	struct priv *p = m->priv;
	char f[4096];
	int l;

	if (r->origin && parse_origin(r->origin, f, sizeof(f), &l) == 0) {
		*file = merge_intern(m, f);
		*line = l;
		if (!kept)
			return true;
		if (p->norigins == p->ocap) {
			p->ocap = p->ocap ? p->ocap * 2 : 64;
			p->origins = ul_xreallocarray(p->origins, p->ocap, sizeof(*p->origins));
		}
		p->origins[p->norigins++] = merge_intern(m, r->origin);
		return true;
	}
	*file = p->nsrc ? p->src[p->nsrc - 1].file : merge_intern(m, r->file);
	*line = r->line;
	return false;
}

static int
cmp_ptr(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)*(const char *const *)a, y = (uintptr_t)*(const char *const *)b;
	return x < y ? -1 : x > y;
}

/* By origin, fixes first, then as the report orders them. */
static int
cmp_origin(const void *pa, const void *pb)
{
	const struct ul_quarantined *a = pa, *b = pb;
	int c = strcmp(a->file, b->file);

	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->fixed != b->fixed)
		return a->fixed ? -1 : 1;
	if ((c = strcmp(a->reason, b->reason)))
		return c;
	return strcmp(a->rec.text ? a->rec.text : "", b->rec.text ? b->rec.text : "");
}

static void
replaced(struct ul_merge *m, const struct ul_quarantined *q)
{
	struct priv *p = m->priv;

	m->quarantined--;
	m->duplicates++;
	p->src[q->input].quar--;
	p->src[q->input].dups++;
}

void
merge_replace_fixed(struct ul_merge *m)
{
	struct priv *p = m->priv;
	size_t kept = 0;
	char where[4200];
	bool fixes = p->norigins > 0;

	for (size_t i = 0; i < m->nquar && !fixes; i++)
		fixes = m->quar[i].fixed;
	if (!fixes)
		return;
	merge_sort(p->origins, p->norigins, sizeof(*p->origins), cmp_ptr);
	merge_sort(m->quar, m->nquar, sizeof(*m->quar), cmp_origin);
	for (size_t i = 0; i < m->nquar; i++) {
		struct ul_quarantined *q = &m->quar[i];
		const struct ul_quarantined *prev = kept ? &m->quar[kept - 1] : NULL;
		snprintf(where, sizeof(where), "%s:%d", q->file, q->line);
		const char *key = merge_intern(m, where);
		if ((p->norigins && bsearch(&key, p->origins, p->norigins,
					    sizeof(*p->origins), cmp_ptr)) ||
		    (prev && prev->fixed && prev->line == q->line &&
		     strcmp(prev->file, q->file) == 0)) {
			replaced(m, q);
			continue;
		}
		m->quar[kept++] = *q;
	}
	m->nquar = kept;
}
