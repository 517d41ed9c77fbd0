/* SPDX-License-Identifier: ISC */
/*
 * The merge's private parts, shared by the files of one module:
 * lib/merge.c (lifecycle, strings, identity and merging), lib/validate.c
 * (checks against the workshop, the quarantine), lib/privacy.c (e-mail and
 * phone detection, masking) and lib/order.c (ordering, grouping, counts).
 * Nothing outside these four files may include it.
 */
#ifndef UL_MERGE_INT_H
#define UL_MERGE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "merge.h"

/* a string pool: packed bytes, no per-string alignment */
struct pool {
	char *p;
	size_t left;
};

/* open-addressing sets */
struct strset {
	const char **v;
	size_t cap, n;
};

/* Items by a hash; the hashes are kept beside them, so probing reads no item. */
struct itemset {
	struct ul_item **v;
	uint32_t *h;
	size_t cap, n;
};

/* Lists of tags stored once (lib/merge.c, tagset_keep). */
struct tagset {
	const char **tags;
	uint32_t h;
	uint16_t n;
};

struct tagsets {
	struct tagset *v;
	size_t cap, n;
};

struct source {
	const struct ul_rsource *rs;
	char *file;		/* owned copy: items point to it */
	size_t in, kept, dups, quar;
	size_t idx;
};

struct priv {
	struct pool pool;
	struct strset strings;
	struct itemset items;	/* by key: the chain heads; variants chained */
	/*
	 * The variants of the keys that have more than one, by key and
	 * content, so that a serial written on a thousand different cards
	 * costs a thousand lookups, not half a million comparisons.
	 */
	struct itemset variants;
	bool places_apart;	/* items with a file:line id are not in items yet */
	struct tagsets tagsets;
	struct source *src;
	size_t nsrc;
	struct ul_quarantined *quar;
	size_t qcap;
	const char *ws_seen;	/* the records' workshop id, if one */
	bool ws_mixed;
	/* workshop lookups: all workshops' together, for ordering */
	const char **seq_ids, **seq_titles;
	size_t nseq;
	const char **stages;
	size_t nstages;
	/* and each workshop's own, for validation (ws first, then more) */
	struct wslook *wsl;
	size_t nwsl;
	size_t total_items;
	/* "FILE:LINE" origins of kept records read from fixed quarantines, interned */
	const char **origins;
	size_t norigins, ocap;
};

/* One workshop's names, as validation looks them up. */
struct wslook {
	const struct ul_workshop *ws;
	const char **seq_ids, **seq_titles;
	size_t nseq;
	const char **stages;
	size_t nstages;
};

/* What validation learned of a record that passed: the item is built from it. */
struct checked {
	enum ul_itype type;
	uint32_t votes;
	int severity;
	bool has_serial;
	char serial[64];		/* normalised */
	const char *sequence, *stage;	/* the workshop's names when known */
	const char *answers[256];	/* interned, normalised */
	size_t nanswers;
	bool new_sequence;		/* in no deck of the workshop */
	enum ul_verdict verdict;
	const char *poster;		/* the workshop's poster id */
	int item;			/* its box, 1-based */
	const char *item_label;
	/*
	 * A tick-box field's value as the workshop writes it (its options
	 * ticked, in order, " | " between): by the record's field index,
	 * NULL where the value is kept as written.
	 */
	const char *canon[32];
};

/* lib/merge.c */
uint32_t merge_hash(const char *);
const char *merge_intern(struct ul_merge *, const char *);
const char *merge_keep(struct ul_merge *, const char *);
/* n zeroed bytes for an item or a list in it, packed (pointer-aligned). */
void *merge_alloc(struct ul_merge *, size_t n);
/* The item's own rare parts, made (empty) when it shares ul_item_plain. */
struct ul_item_rare *merge_rare(struct ul_merge *, struct ul_item *);
/* The chain of variants under key (its head), or NULL. */
struct ul_item *merge_find(struct ul_merge *, const char *key);
/*
 * The chain heads of m->items indexed anew (after conflicts are named:
 * heads keep the key), those with an id made of file:line when first
 * looked up.
 */
void merge_reindex(struct ul_merge *);
/*
 * Store the id of an item whose id is its file:line (a conflict's head,
 * whose variants are named after it), if not yet stored.
 */
void merge_name_places(struct ul_merge *, struct ul_item *);
void merge_items_release(struct itemset *);
/* qsort, which must not be given a NULL base even for no elements. */
void merge_sort(void *base, size_t n, size_t size,
		int (*cmp)(const void *, const void *));
int merge_cmp_cstr(const void *, const void *);
int merge_cmp_field(const void *, const void *);

/* lib/validate.c */
/* NULL when r may be kept (ck filled), else why not (in why or static). */
const char *merge_validate(struct ul_merge *, const struct ul_record *,
			   struct checked *ck, char *why, size_t size);
void merge_quarantine(struct ul_merge *, const struct ul_record *, const char *why);
/*
 * Where a record was first read: its origin when it comes from a fixed
 * quarantine, else where it is. With kept, the origin is noted as fixed
 * for merge_replace_fixed.
 */
bool merge_origin(struct ul_merge *, const struct ul_record *, bool kept,
		  const char **file, int *line);
/*
 * A quarantined record whose fix was kept (a record with it as origin)
 * is replaced by it: out of the quarantine, counted as a duplicate. Of a
 * record quarantined again after a fix (the original and one fix or
 * more), one stays: a fix.
 */
void merge_replace_fixed(struct ul_merge *);

/* lib/links.c */
/* The later workshops' keys of a record that passed, or NULL when none. */
/* Privacy flags of its texts are added to *privacy. */
struct ul_item_later *merge_later(struct ul_merge *, const struct ul_record *,
				  const struct checked *, unsigned *privacy);
/* Votes on poster boxes given to the one idea in the box (before ordering). */
void merge_cast_box_votes(struct ul_item **all, size_t n);
/* Links: observations, services, steps, poster boxes (after ordering). */
void merge_link(struct ul_merge *, struct ul_diags *);
void merge_link_release(struct ul_merge *);

/* lib/privacy.c */
/* Check s, and mask it when redacting; returns the text to keep. */
const char *merge_private_text(struct ul_merge *, const char *s, unsigned *flags);

/* lib/order.c */
/* Compare two sources: file name, then line. */
int merge_src_cmp(const struct ul_src *, const struct ul_src *);

#endif
