/* SPDX-License-Identifier: ISC */
/*
 * The workshop definition (utilab-workshop(5)): a typed model of every key,
 * built from the YAML tree and validated in one pass that reports every
 * problem it can find, with positions.
 * Owns struct ul_workshop and everything it points to (one arena; the YAML
 * tree it was built from is gone once loaded: positions are copied into
 * the model); knows nothing of rendering or argv.
 */
#ifndef UL_WORKSHOP_H
#define UL_WORKSHOP_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "lang.h"

#define UL_FORMAT_VERSION 1
#define UL_LANGS_MAX 4		/* languages of one workshop ('langs') */

struct ul_pos {
	int line, col;		/* 1-based; 0 when the key was absent */
};

/* A list of strings from the YAML, each with its position. */
struct ul_strlist {
	const char **v;
	struct ul_pos *pos;
	size_t n;
};

struct ul_tr;

struct ul_color {
	double r, g, b;		/* 0..1 */
	const char *text;	/* as written, e.g. "#E4003A"; NULL if unset */
};

/* A trim size in millimetres, portrait or landscape as written. */
struct ul_size {
	double w, h;
	const char *name;	/* "poker", "a1", "100x150mm"… */
};

enum ul_ws_kind {
	UL_WS_BESOINS, UL_WS_TERRAIN, UL_WS_IDEATION, UL_WS_SERVICE, UL_WS_AUTRE
};
enum ul_deck_kind { UL_DECK_PROMPT, UL_DECK_PERSONA, UL_DECK_WRITEIN };
enum ul_poster_kind {
	UL_POSTER_JOURNEY, UL_POSTER_CANVAS, UL_POSTER_VOTE, UL_POSTER_AGENDA
};

/*
 * QR settings. At workshop level only url matters. At deck and poster
 * level: enabled (qr: true/false) and an optional url template overriding
 * the workshop's; the template that applies is ul_qr_template().
 */
enum ul_qr_ecc {
	UL_QR_ECC_AUTO,		/* M, or L when M would not fit the room */
	UL_QR_ECC_L, UL_QR_ECC_M, UL_QR_ECC_Q
};

struct ul_qr {
	bool enabled;
	const char *url;	/* NULL: inherit */
	double size;		/* mm, the code's side (quiet zone aside); 0: sized from its payload */
	enum ul_qr_ecc ecc;
	struct ul_pos pos;
};

/*
 * How many sets of a deck or poster the workshop needs: one per table,
 * per person or for the whole workshop (per:), or a number (copies:).
 * A write-in deck's count is then per table or person: its blanks are
 * numbered through, never printed twice.
 */
enum ul_per { UL_PER_WORKSHOP, UL_PER_TABLE, UL_PER_PERSON };
struct ul_quantity {
	enum ul_per per;
	int copies;		/* from copies:, 0 when unset */
	bool given;		/* per: or copies: was written */
	struct ul_pos pos;
};

/*
 * The palette: the theme's defaults, in one place (drawers get the colour
 * that applies through ul_render_accent/ink/paper, render.h).
 */
#define UL_PALETTE_ACCENT "#E4003A"
#define UL_PALETTE_INK "#1D1D1B"
#define UL_PALETTE_PAPER "#FFFFFF"

struct ul_theme {
	const char *font;	/* default "Atkinson Hyperlegible" */
	struct ul_color color;	/* accent; default #E4003A */
	struct ul_color ink;	/* text; default #1D1D1B */
	struct ul_color paper;	/* background; default #FFFFFF */
	struct ul_pos pos;
};

struct ul_audience {
	const char *who;
	int expected;		/* 0 when unset */
	int tables;		/* 0 when unset */
};

struct ul_phase {
	const char *id;
	const char *title;
	int minutes;
	struct ul_strlist steps;
	struct ul_strlist uses;	/* deck and poster ids, validated */
	struct ul_pos pos;
};

/* A field of a write-in card. */
struct ul_field {
	const char *id;
	const char *label;
	int lines;		/* ruled writing lines; default 1 */
	int scale;		/* 0, or numbered circles 1..scale (2..10) */
	/*
	 * Tick boxes: one per option, in order, printed with the option as
	 * its label (n == 0: none). An option holds no '|', which separates
	 * the ticked options in results (utilab-results(5)).
	 */
	struct ul_strlist ticks;
	bool choose_one;	/* exactly one box is expected to be ticked */
	struct ul_pos pos;
};

#define UL_TICKS_MAX 8		/* options of one field: what a card can hold */

struct ul_back {
	const char *title;	/* default: the deck's title */
	const char *text;	/* may be NULL */
	const char *icon;	/* may be NULL */
	struct ul_pos pos;
};

struct ul_card {
	const char *id;
	const char *title;	/* persona: the person's name ("Nadia, 42 ans") */
	const char *text;	/* persona: the context */
	const char *icon;	/* pictogram name or a path beside the YAML */
	struct ul_strlist questions;
	struct ul_strlist goals;	/* persona */
	struct ul_strlist frustrations;	/* persona */
	int copies;		/* default 1 */
	struct ul_pos pos;
	struct ul_pos text_pos, icon_pos, title_pos;
};

/* How the second language of 'langs' prints (see struct ul_workshop). */
enum ul_bilingual {
	UL_BILINGUAL_UNDER, UL_BILINGUAL_SINGLE, UL_BILINGUAL_BACK
};

struct ul_deck {
	const char *id;
	const char *title;
	enum ul_deck_kind kind;
	struct ul_size size;	/* default poker 63x88 */
	struct ul_color color;	/* default: the theme's colour */
	struct ul_back back;
	struct ul_qr qr;	/* default: enabled for write-in, off otherwise */
	struct ul_card *cards;	/* prompt and persona */
	size_t ncards;
	/* write-in */
	int count;		/* numbered blanks */
	const char *prefix;	/* serial prefix, [A-Z0-9]+ */
	int first;		/* first serial number, default 1 */
	struct ul_field *fields;
	size_t nfields;
	struct ul_quantity sets;	/* default: per table for prompt and
					 * persona decks, per workshop for
					 * write-in decks */
	enum ul_bilingual bilingual;	/* when bilingual_given; else the workshop's */
	bool bilingual_given;
	struct ul_pos pos;
};

/* A named zone of a canvas poster. */
struct ul_zone {
	const char *title;
	const char *text;	/* may be NULL: a hint printed small */
	struct ul_pos pos;
};

struct ul_poster {
	const char *id;
	const char *title;
	const char *text;	/* instructions under the title, may be NULL */
	enum ul_poster_kind kind;
	struct ul_size size;	/* default a1 */
	struct ul_color color;	/* default: the theme's colour */
	struct ul_qr qr;	/* default off */
	struct ul_strlist columns;	/* journey: required */
	struct ul_strlist rows;		/* journey: required */
	struct ul_zone *zones;		/* canvas: required */
	size_t nzones;
	struct ul_strlist items;	/* vote: required */
	int dots;			/* vote: dots per person, 0 unset */
	const char *receives;	/* journey, canvas, vote: the id of the deck
				 * whose cards are stuck in its cells; NULL */
	struct ul_pos receives_pos;
	struct ul_quantity sets;	/* default: per table, agendas per workshop */
	struct ul_pos pos;
};

struct ul_workshop {
	const char *file;	/* as given, for diagnostics */
	const char *dir;	/* directory of the file, for icon paths */
	int version;
	const char *id;
	const char *title;
	const char *summary;	/* one line, for utilab-new -l; may be NULL */
	enum ul_ws_kind kind;
	const char *lang;	/* default "fr"; the tag as written */
	const struct ul_lang *language;	/* lang under the one rule (lib/lang) */
	/*
	 * The languages of the texts ('langs'), the kit's first: any text may
	 * be a mapping of these to texts. The model's strings are in
	 * langs[view] (the language the workshop was loaded for, 0 unless
	 * ul_workshop_load_view chose another); ul_workshop_text() finds the
	 * others.
	 */
	const char *langs[UL_LANGS_MAX];
	const struct ul_lang *languages[UL_LANGS_MAX];
	size_t nlangs;
	size_t view;
	/*
	 * How the second language of 'langs' prints ('bilingual'): under
	 * the first on each face, on the card's back, or not at all (one
	 * language per kit: also what loading one view gives). A deck may
	 * say its own (ul_deck_bilingual); posters have no back and print
	 * 'back' as 'under'.
	 */
	enum ul_bilingual bilingual;
	bool one_view;		/* loaded for one language of langs (-L) */
	/* Commons metadata: may be NULL / empty. */
	const char *license;	/* an SPDX id, validated */
	struct ul_strlist authors;
	const char *source;	/* where the workshop is published */
	const char *release;	/* the workshop's own version ("1.2"), as written */
	const char *question;
	const char *territory;
	struct ul_strlist partners;
	struct ul_audience audience;
	const char *date;	/* YYYY-MM-DD as written, may be NULL */
	int duration;		/* minutes, 0 when unset */
	struct ul_theme theme;
	struct ul_qr qr;	/* workshop default URL template */
	struct ul_phase *phases;
	size_t nphases;
	struct ul_deck *decks;
	size_t ndecks;
	struct ul_poster *posters;
	size_t nposters;

	struct ul_tr *tr;	/* other languages' texts, by the model's pointer */
	size_t ntr;

	struct ul_arena arena;
};

/*
 * Load and validate. Every problem found goes to diags (errors and
 * warnings, positioned). Returns 0 when there is no error (warnings are
 * fine), -1 otherwise; either way the workshop must be released.
 * path "-" reads standard input (named "<stdin>" in diagnostics).
 */
int ul_workshop_load(struct ul_workshop *, const char *path, struct ul_diags *);
int ul_workshop_parse(struct ul_workshop *, const char *file, const char *data,
		      size_t len, struct ul_diags *);
/*
 * Load for the texts in one language of 'langs' (view: its tag, matched
 * under the one rule of lib/lang), so that every string of the model is
 * in that language; the workshop's lang stays the kit's. Returns -1 with
 * an error (UL_EUSAGE) when view is not among 'langs'.
 */
int ul_workshop_load_view(struct ul_workshop *, const char *path,
			  const char *view, struct ul_diags *);

/*
 * How a deck prints the workshop's second language: its own 'bilingual',
 * else the workshop's; single when there is one language, or when the
 * workshop was loaded for one view (utilab-cards -L).
 */
enum ul_bilingual ul_deck_bilingual(const struct ul_workshop *,
				    const struct ul_deck *);
/*
 * Whether each card of the deck has its own back, the card's texts in the
 * second language ('bilingual: back' on a prompt or persona deck), rather
 * than the deck's one back. A write-in deck keeps its labels under the
 * first language on the front, where people write.
 */
bool ul_deck_back_faces(const struct ul_workshop *, const struct ul_deck *);
void ul_workshop_release(struct ul_workshop *);

/*
 * Call fn with each file the workshop is made of: the definition itself,
 * then the pictogram files its cards and backs name (joined to its
 * directory, whether they exist or not). For utilab-cards --watch.
 */
void ul_workshop_each_file(const struct ul_workshop *,
			   void (*fn)(void *ctx, const char *path), void *ctx);

/*
 * s (a string of the model: a title, a text, a list item) in the
 * workshop's language number i (0: the kit's, as in langs[]). A text
 * written once, not as a mapping, is the same in every language.
 */
const char *ul_workshop_text(const struct ul_workshop *, const char *s,
			     size_t i);

/*
 * The workshop as a commons, on one line for print and metadata:
 * "Utilab, Outillerie en Commun · CC-BY-SA-4.0 · https://… · 1.0", after
 * prefix; NULL when it declares none of authors, license, source,
 * version. The caller frees it.
 */
char *ul_commons_line(const struct ul_workshop *, const char *prefix);
/* The items joined with sep; the caller frees it. */
char *ul_strlist_join(const struct ul_strlist *, const char *sep);

/* Whether s is one of the SPDX licence ids utilab knows. */
bool ul_spdx_known(const char *s);

const struct ul_deck *ul_workshop_deck(const struct ul_workshop *,
				       const char *id);
const struct ul_poster *ul_workshop_poster(const struct ul_workshop *,
					   const char *id);

/* Whether s is a valid id: [a-z0-9][a-z0-9-]*, at most 64 characters. */
bool ul_id_valid(const char *s);

/* Sum of the phases' minutes. */
int ul_workshop_minutes(const struct ul_workshop *);

const char *ul_ws_kind_name(enum ul_ws_kind);
const char *ul_deck_kind_name(enum ul_deck_kind);
const char *ul_poster_kind_name(enum ul_poster_kind);
const char *ul_per_name(enum ul_per);

/* Bounds of qr: {size: …}, in mm. */
#define UL_QR_SIZE_MIN 8.0
#define UL_QR_SIZE_MAX 400.0

/*
 * Sizes: named (poker 63x88, bridge 57x89, tarot 70x120, a0…a7, letter)
 * or "WxHmm" (decimals allowed). Returns 0, or -1 with a reason in why.
 * min and max bound each side in mm.
 */
int ul_size_parse(const char *, double min, double max, struct ul_size *,
		  const char **why);
/* Colours: "#RGB" or "#RRGGBB". Returns 0 or -1. */
int ul_color_parse(const char *, struct ul_color *);

/* The URL template that applies to a deck or poster (NULL: no QR). */
const char *ul_qr_template(const struct ul_workshop *, const struct ul_qr *);
/*
 * The placeholders of a QR URL template, in one place: the checker below
 * and the expander (qr.c) both go by this list. NULL-terminated.
 */
extern const char *const ul_qr_placeholders[];
/*
 * Check a template: only {workshop} {deck} {card} {serial} {lang} {version}, braces
 * balanced. Returns 0, or -1 with the offending placeholder's byte offset.
 */
int ul_qr_template_check(const char *tmpl, size_t *bad_offset);
/*
 * Whether a template leads somewhere a phone may safely open: it must
 * start with a literal https:// or http:// and a host, mailto: or tel:
 * (case-insensitive). Anything else (javascript:, data:, file:, a
 * relative path, a scheme made by a placeholder) is refused. Returns 0,
 * or -1.
 */
int ul_qr_scheme_check(const char *tmpl);

/*
 * A write-in card's serial: prefix, hyphen, number zero-padded to at least
 * 3 digits ("FRI-007"). Writes into buf (size at least 32).
 */
void ul_serial(const struct ul_deck *, int number, char *buf, size_t size);

#endif
