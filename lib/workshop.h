/*
 * The workshop definition (utilab-workshop(5)): a typed model of every key,
 * built from the YAML tree and validated in one pass that reports every
 * problem it can find, with positions.
 * Owns struct ul_workshop and everything it points to (one arena, plus the
 * YAML document kept for positions); knows nothing of rendering or argv.
 */
#ifndef UL_WORKSHOP_H
#define UL_WORKSHOP_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "yamlload.h"

#define UL_FORMAT_VERSION 1

struct ul_pos {
	int line, col;		/* 1-based; 0 when the key was absent */
};

/* A list of strings from the YAML, each with its position. */
struct ul_strlist {
	const char **v;
	struct ul_pos *pos;
	size_t n;
};

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
struct ul_qr {
	bool enabled;
	const char *url;	/* NULL: inherit */
	struct ul_pos pos;
};

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
	struct ul_pos pos;
};

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
	const char *lang;	/* default "fr" */
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

	struct ul_ydoc doc;	/* the tree the model was built from */
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
void ul_workshop_release(struct ul_workshop *);

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
 * Check a template: only {workshop} {deck} {card} {serial} {lang} {version}, braces
 * balanced. Returns 0, or -1 with the offending placeholder's byte offset.
 */
int ul_qr_template_check(const char *tmpl, size_t *bad_offset);

/*
 * A write-in card's serial: prefix, hyphen, number zero-padded to at least
 * 3 digits ("FRI-007"). Writes into buf (size at least 32).
 */
void ul_serial(const struct ul_deck *, int number, char *buf, size_t size);

#endif
