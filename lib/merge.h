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

enum ul_itype { UL_IT_FRICTION, UL_IT_IDEA, UL_IT_VOTE, UL_IT_NOTE };
const char *ul_itype_name(enum ul_itype);

/* Privacy flags on an item's free text. */
#define UL_PRIV_EMAIL 1u
#define UL_PRIV_PHONE 2u

struct ul_src {
	const char *file;	/* where the record was first read */
	int line;
	uint32_t input;		/* the input it was read from (ul_merge_source order) */
	struct ul_src *next;
};

struct ul_item {
	const char *id;		/* stable: the serial, the form's id, or file:line */
	const char *serial, *session, *table, *sequence, *stage;
	const char *text;	/* masked when redacting */
	const char *image;	/* a scanned card's crop, as a path to open; or NULL */
	const char **tags;
	const char **answers;	/* as normalised (serials upper case, padded) */
	struct ul_rfield *fields;	/* sorted by name */
	struct ul_item **ideas;	/* frictions: the ideas answering it */
	struct ul_src src;	/* first source (sorted), then the others */
	uint32_t votes;		/* its own, plus vote records that answer it */
	uint32_t nsrc, nideas;
	int16_t severity;	/* 0 when unknown */
	uint16_t ntags, nanswers, nfields;
	uint8_t type;		/* enum ul_itype */
	uint8_t privacy;	/* UL_PRIV_* */
	bool conflict;		/* another item has the same id and other text */
	bool answers_found;	/* ideas: at least one answer was collected */
	/* private */
	int idline;		/* id made of file:line: the line, for sorting */
	uint32_t hash;
	uint32_t seq_rank, stage_rank;
	struct ul_item *next_variant;
	const char *key;	/* the id before conflict suffixes */
};

struct ul_stage_group {
	const char *stage;	/* NULL: no stage given */
	struct ul_item **items;
	size_t n;
};

struct ul_seq_group {
	const char *id;		/* NULL: no sequence given */
	const char *title;	/* the card's title from the workshop, or the id */
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

/* Privacy flags for a text (UL_PRIV_*). */
unsigned ul_privacy_scan(const char *);

#endif
