/* SPDX-License-Identifier: ISC */
/*
 * Merge: validates records against the workshop, quarantines what fails
 * (with file:line and a reason), gives every item a stable id, counts
 * duplicates once, flags conflicting ones, and builds the structure the
 * reports show: frictions by life sequence then journey stage, ideas under
 * the frictions they answer, tags, counts per session and table, sources.
 * Promises: in = kept + duplicates + quarantined; the result does not
 * depend on the order records arrive in.
 * Owns struct ul_merge and everything it points to (arenas: a record costs
 * its text plus a few dozen bytes, strings that repeat are stored once);
 * knows nothing of file formats (lib/results.c) nor of output (lib/report.c).
 */
#ifndef UL_MERGE_H
#define UL_MERGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"
#include "results.h"
#include "workshop.h"

/*
 * What a record is. The first four come from the needs and ideation
 * workshops; observations (what the field saw or heard about frictions),
 * services and their blueprint steps from the field and service ones.
 */
enum ul_itype {
	UL_IT_FRICTION, UL_IT_IDEA, UL_IT_VOTE, UL_IT_NOTE,
	UL_IT_OBSERVATION, UL_IT_SERVICE, UL_IT_STEP,
	UL_IT_NTYPES
};
const char *ul_itype_name(enum ul_itype);

/* What the field says of a friction (observations). */
enum ul_verdict {
	UL_VERDICT_NONE, UL_VERDICT_CONFIRMS, UL_VERDICT_NUANCES,
	UL_VERDICT_CONTRADICTS
};
const char *ul_verdict_name(enum ul_verdict);
/* "confirms", "confirme", "contredit"…: 0, or -1 when it is none. */
int ul_verdict_parse(const char *, enum ul_verdict *);

/* Privacy flags on an item's free text. */
#define UL_PRIV_EMAIL 1u
#define UL_PRIV_PHONE 2u

struct ul_src {
	const char *file;	/* where the record was first read */
	int line;
	uint32_t input;		/* the input it was read from (ul_merge_source order) */
	struct ul_src *next;
};

struct ul_item_rare;

struct ul_item {
	/*
	 * Stable: the serial, the form's id; NULL when it is the item's
	 * file:line, which is not stored (ul_item_id writes it).
	 */
	const char *id;
	const char *serial, *session, *table, *sequence, *stage;
	const char *text;	/* masked when redacting */
	const char **tags;
	/*
	 * What most items lack (an image, answers, fields, ideas, the later
	 * workshops' keys): never NULL, &ul_item_plain (all empty) when it
	 * has none of them, so a reader follows it without a test.
	 */
	struct ul_item_rare *rare;
	struct ul_src src;	/* first source (sorted), then the others */
	uint32_t votes;		/* its own, plus vote records that answer it */
	uint32_t nsrc;
	int16_t severity;	/* 0 when unknown */
	uint16_t ntags;
	uint8_t type;		/* enum ul_itype */
	uint8_t privacy;	/* UL_PRIV_* */
	bool conflict : 1;	/* another item has the same id and other text */
	bool answers_found : 1;	/* ideas: at least one answer was collected */
	bool new_sequence : 1;	/* its sequence is in no deck: raised at the table */
	/*
	 * private. A million items are kept at once: every byte here costs a
	 * megabyte, so what can be derived is not stored (the key is the id
	 * until conflicts are named; an id made of file:line is src's line),
	 * and what few items have is in rare.
	 */
	bool renamed : 1;	/* id is key~N: its variants' key is the chain head's id */
	bool place_id : 1;	/* id is file:line (src.line, while nsrc == 1) */
	bool any_waiting : 1;	/* chain head: a variant is a scanned card not yet typed */
};

struct ul_item_rare {
	const char *image;	/* a scanned card's crop, as a path to open; or NULL */
	const char **answers;	/* as normalised (serials upper case, padded) */
	struct ul_rfield *fields;	/* sorted by name */
	struct ul_item **ideas;	/* frictions: the ideas answering it */
	struct ul_item_later *later;	/* the later workshops' keys and links, or NULL */
	struct ul_item *next_variant;	/* private */
	uint32_t nideas;
	uint16_t nanswers, nfields;
};

/* The rare parts of an item that has none: read-only, shared by all. */
extern const struct ul_item_rare ul_item_plain;

/*
 * An item's id: it->id, or, for an id made of its file and line
 * ("t1/r.csv:12"), that written into buf and buf returned. A million such
 * ids would cost as much memory as the records' texts (more with long
 * paths): they are written when needed. UL_ITEM_ID_MAX fits any (a path
 * and a line).
 */
#define UL_ITEM_ID_MAX 4200
const char *ul_item_id(const struct ul_item *, char *buf, size_t size);

/*
 * What the later workshops add to an item (most items have none, so it
 * costs a pointer): its own keys, and the links the merge makes, both
 * ways, so a need can be followed from its friction through the field,
 * the ideas and the votes to the service that answers it.
 */
struct ul_item_later {
	const char *title;		/* an idea's or a service's name */
	const char *poster;		/* votes and ideas: the poster they sit on */
	int item;			/* its numbered box (1-based), 0 when none */
	const char *item_label;		/* the box's text, from the workshop */
	enum ul_verdict verdict;	/* observations */
	const char *service;		/* steps: the service, as written */
	const char *for_whom, *cost, *test;	/* services */
	const char **roles, **needs;
	uint16_t nroles, nneeds;
	/* links, made by ul_merge_finish */
	struct ul_item **observations;	/* frictions: what the field said */
	struct ul_item **services;	/* frictions and ideas: services answering them */
	struct ul_item **steps;		/* services: their blueprint, in stage order */
	struct ul_item **about;		/* observations, services: what they answer */
	struct ul_item *of_service;	/* steps: the service found */
	uint32_t nobservations, nservices, nsteps, nabout;
	uint32_t verdicts[4];		/* frictions: observations per verdict */
	uint32_t stage_rank;		/* private: steps, their stage's place */
};

/* A vote poster's numbered box and what was counted on it. */
struct ul_poster_box {
	int number;			/* as printed, 1-based */
	const char *label;		/* the workshop's text, or NULL */
	uint32_t votes;			/* dots counted on it */
	struct ul_item **ideas;		/* idea cards glued in it */
	size_t nideas;
};

struct ul_poster_tally {
	const char *poster;		/* its id */
	const char *title;		/* from the workshop, or the id */
	struct ul_poster_box *boxes;	/* by votes, then number */
	size_t nboxes;
	uint32_t votes;
};

struct ul_stage_group {
	const char *stage;	/* NULL: no stage given */
	struct ul_item **items;
	size_t n;
};

struct ul_seq_group {
	const char *id;		/* NULL: no sequence given */
	const char *title;	/* the card's title from the workshop, or the id */
	bool is_new;		/* in no deck: raised at the table */
	struct ul_stage_group *stages;
	size_t nstages;
	size_t nitems;
};

struct ul_tag_count {
	const char *tag;
	size_t items;		/* kept items carrying it */
	size_t tables;		/* distinct session/table pairs */
};

struct ul_table_count {
	const char *session, *table;	/* NULL when not given */
	size_t items, frictions, ideas, votes, notes;
	size_t observations, services, steps;
};

struct ul_source_count {
	const char *file;	/* as given */
	const char *format;
	const char *const *dropped;	/* personal columns not read */
	size_t ndropped;
	size_t in, kept, duplicates, quarantined;
};

/* A record that failed, with enough of it to be fixed and read back. */
struct ul_quarantined {
	const char *file;	/* where it was first read: its origin */
	int line;
	const char *reason;
	struct ul_record rec;	/* copied; reject unused; file:line where read */
	unsigned privacy;
	/* private */
	uint32_t input;
	bool fixed;		/* read from a fixed quarantine */
};

struct ul_merge_opts {
	const struct ul_workshop *ws;	/* validate against it, or NULL */
	/*
	 * More workshops (-w given again): a record is checked against the
	 * workshop its results name, or against ws; serials in answers may be
	 * any of theirs, so a field observation answers a needs workshop's
	 * friction and a service an ideation workshop's idea.
	 */
	const struct ul_workshop *const *more;
	size_t nmore;
	bool redact;			/* mask e-mail addresses and phone numbers */
};

struct ul_merge {
	struct ul_merge_opts opts;
	size_t in, kept, duplicates, quarantined, conflicts, flagged;

	/* after ul_merge_finish */
	struct ul_item **items;	/* kept, in report order */
	size_t nitems;
	struct ul_seq_group *seqs;
	size_t nseqs;
	struct ul_item **ideas;	/* every idea, by id */
	size_t nideas;
	struct ul_item **orphans;	/* ideas answering no collected friction */
	size_t norphans;
	struct ul_item **notes;	/* notes and votes, by id */
	size_t nnotes;
	struct ul_item **observations;	/* by id */
	size_t nobservations;
	struct ul_item **services;	/* by votes, then id */
	size_t nservices;
	struct ul_item **steps;		/* blueprint steps, by stage then id */
	size_t nsteps;
	struct ul_item **loose_steps;	/* steps whose service was not collected */
	size_t nloose_steps;
	struct ul_poster_tally *posters;	/* vote posters with votes or ideas */
	size_t nposters;
	size_t new_sequences;		/* sequence groups raised at the table */
	struct ul_tag_count *tags;
	size_t ntags;
	struct ul_table_count *tables;
	size_t ntables;
	struct ul_source_count *sources;
	size_t nsources;
	struct ul_quarantined *quar;
	size_t nquar;
	const char **field_names;	/* every field name kept, sorted */
	size_t nfield_names;
	const char **qfield_names;	/* in the quarantine */
	size_t nqfield_names;
	const char *workshop_id;	/* from -w, else the records' if one */
	const char *workshop_title;
	const char *lang;

	/* private */
	struct ul_arena arena;
	void *priv;
};

void ul_merge_init(struct ul_merge *, const struct ul_merge_opts *);
/*
 * Start a new input, named file in the report; src is what its reader
 * learns (format, dropped columns), read at ul_merge_finish: it must live
 * until then.
 */
void ul_merge_source(struct ul_merge *, const char *file,
		     const struct ul_rsource *src);
/* Take one record (a ul_record_fn: ctx is the struct ul_merge). */
int ul_merge_add(void *merge, const struct ul_record *);
/*
 * Sort, attach, count. Warnings (one per quarantined record, one per
 * conflict, one per flagged text) go to diags.
 */
void ul_merge_finish(struct ul_merge *, struct ul_diags *);
void ul_merge_release(struct ul_merge *);

/*
 * Normalise a serial ("fri 7", "FRI7", "fri-0007" → "FRI-007") into buf
 * (at least 64 bytes). Returns 0, or -1 when it is not PREFIX-NUMBER.
 */
int ul_serial_normalise(const char *in, char *buf, size_t size, int *number);

/* A field's label in the workshops merged against (its name when none has it). */
const char *ul_merge_field_label(const struct ul_merge *, const char *name);

/* Privacy flags for a text (UL_PRIV_*). */
unsigned ul_privacy_scan(const char *);

#endif
