/* SPDX-License-Identifier: ISC */
/*
 * Column mappings (-m MAP.yaml, utilab-results(5)): which header is which
 * role, defaults for what a row lacks, and value translations. Loaded once,
 * laid over a dialect's roles by lib/results-table.c.
 * Part of the results readers (lib/results-int.h); owns struct ul_rmap.
 */
#include <stdlib.h>
#include <string.h>

#include "nfc.h"
#include "results-int.h"
#include "yamlload.h"
#include "ykeys.h"

struct ul_rmap_col {
	char *name;		/* header name as written */
	enum role role;
	char *arg;
};
struct ul_rmap_value {
	enum role role;
	char *from, *to;
};
struct ul_rmap {
	struct ul_rmap_col *cols;
	size_t ncols;
	struct ul_rmap_value *values;
	size_t nvalues;
	char *defaults[RO_NROLES];
	int header_row;		/* 1-based; 0: the dialect's */
	char *file;		/* as given */
};

static const char *
scalar(const struct ul_ynode *n)
{
	if (!n || n->kind != UL_YSCALAR || ul_ynode_is_null(n) || n->len == 0)
		return NULL;
	return n->str;
}

static int
check_keys(const struct ul_ynode *root, const char *file, struct ul_diags *diags)
{
	static const char *const keys[] = {
		"utilab-map", "header-row", "columns", "defaults", "values",
	};
	const struct ul_ynode *v;
	int errs = 0;

	errs += (int)ul_ykeys_check(root, keys, UL_NELEM(keys), NULL, file, NULL,
				    NULL, diags);
	v = ul_ymap_get(root, "utilab-map");
	if (!v || !scalar(v) || strcmp(v->str, "1") != 0) {
		ul_error(diags, file, v ? v->line : root->line, v ? v->col : root->col,
			 "expected 'utilab-map: 1'");
		errs++;
	}
	return errs;
}

static int
load_header_row(struct ul_rmap *m, const struct ul_ynode *v, const char *file,
		struct ul_diags *diags)
{
	char *end;
	long n = scalar(v) ? strtol(v->str, &end, 10) : 0;

	if (!scalar(v) || *end || n < 1 || n > 100) {
		ul_error(diags, file, v->line, v->col,
			 "'header-row' must be a row number from 1 to 100");
		return 1;
	}
	m->header_row = (int)n;
	return 0;
}

static int
load_columns(struct ul_rmap *m, const struct ul_ynode *v, const char *file,
	     struct ul_diags *diags)
{
	int errs = 0;

	if (v->kind != UL_YMAP) {
		ul_error(diags, file, v->line, v->col, "'columns' must be a mapping");
		return 1;
	}
	for (size_t i = 0; i < v->n; i++) {
		const struct ul_ynode *k = v->pairs[i].key, *r = v->pairs[i].value;
		enum role role;
		const char *arg;
		if (!scalar(r) || col_role_parse(r->str, &role, &arg) < 0) {
			ul_error(diags, file, r->line, r->col,
				 "unknown role '%s' for column '%s' (roles: type serial "
				 "session table sequence stage text votes tags answers "
				 "workshop id date field:NAME drop ignore)",
				 scalar(r) ? r->str : "", k->str);
			errs++;
			continue;
		}
		m->cols = ul_xreallocarray(m->cols, m->ncols + 1, sizeof(*m->cols));
		/* In NFC, as the headers it is compared with. */
		m->cols[m->ncols].name = ul_nfc_dup(k->str);
		if (!m->cols[m->ncols].name)
			m->cols[m->ncols].name = ul_xstrdup(k->str);
		m->cols[m->ncols].role = role;
		m->cols[m->ncols++].arg = arg ? ul_xstrdup(arg) : NULL;
	}
	return errs;
}

static int
load_defaults(struct ul_rmap *m, const struct ul_ynode *v, const char *file,
	      struct ul_diags *diags)
{
	int errs = 0;

	if (v->kind != UL_YMAP) {
		ul_error(diags, file, v->line, v->col, "'defaults' must be a mapping");
		return 1;
	}
	for (size_t i = 0; i < v->n; i++) {
		const struct ul_ynode *k = v->pairs[i].key, *d = v->pairs[i].value;
		enum role role;
		const char *arg;
		if (col_role_parse(k->str, &role, &arg) < 0 ||
		    !(role == RO_TYPE || role == RO_SESSION || role == RO_TABLE ||
		      role == RO_SEQUENCE || role == RO_STAGE || role == RO_WORKSHOP)) {
			ul_error(diags, file, k->line, k->col,
				 "no default for '%s' (type, session, table, sequence, "
				 "stage or workshop)", k->str);
			errs++;
		} else if (!scalar(d)) {
			ul_error(diags, file, d->line, d->col,
				 "default '%s' must be text", k->str);
			errs++;
		} else {
			free(m->defaults[role]);
			m->defaults[role] = ul_xstrdup(d->str);
		}
	}
	return errs;
}

static int
load_values(struct ul_rmap *m, const struct ul_ynode *v, const char *file,
	    struct ul_diags *diags)
{
	int errs = 0;

	if (v->kind != UL_YMAP) {
		ul_error(diags, file, v->line, v->col, "'values' must be a mapping");
		return 1;
	}
	for (size_t i = 0; i < v->n; i++) {
		const struct ul_ynode *k = v->pairs[i].key, *vm = v->pairs[i].value;
		enum role role;
		const char *arg;
		if (col_role_parse(k->str, &role, &arg) < 0 || vm->kind != UL_YMAP) {
			ul_error(diags, file, k->line, k->col,
				 "'values' takes a role and a mapping of values ('%s')",
				 k->str);
			errs++;
			continue;
		}
		for (size_t p = 0; p < vm->n; p++) {
			if (!scalar(vm->pairs[p].value)) {
				ul_error(diags, file, vm->pairs[p].value->line,
					 vm->pairs[p].value->col, "a value must be text");
				errs++;
				continue;
			}
			m->values = ul_xreallocarray(m->values, m->nvalues + 1,
						     sizeof(*m->values));
			m->values[m->nvalues].role = role;
			m->values[m->nvalues].from = ul_xstrdup(vm->pairs[p].key->str);
			m->values[m->nvalues++].to = ul_xstrdup(vm->pairs[p].value->str);
		}
	}
	return errs;
}

struct ul_rmap *
ul_rmap_load(const char *path, struct ul_diags *diags)
{
	struct ul_ydoc doc;
	struct ul_rmap *m = ul_xcalloc(1, sizeof(*m));
	const struct ul_ynode *root, *v;
	int errs = 0;
	/* Diagnostics outlive the mapping: they name the caller's string. */
	const char *file = ul_diag_input_name(path);

	if (ul_yaml_load(&doc, path, &ul_ylimits_definition, diags) < 0) {
		ul_ydoc_release(&doc);
		free(m);
		return NULL;
	}
	root = doc.root;
	if (!root || root->kind != UL_YMAP) {
		ul_error(diags, file, 1, 1, "a column mapping must be a mapping");
		errs++;
		goto done;
	}
	m->file = ul_xstrdup(file);
	errs += check_keys(root, file, diags);
	if ((v = ul_ymap_get(root, "header-row")))
		errs += load_header_row(m, v, file, diags);
	if ((v = ul_ymap_get(root, "columns")))
		errs += load_columns(m, v, file, diags);
	if ((v = ul_ymap_get(root, "defaults")))
		errs += load_defaults(m, v, file, diags);
	if ((v = ul_ymap_get(root, "values")))
		errs += load_values(m, v, file, diags);
done:
	ul_ydoc_release(&doc);
	if (errs) {
		ul_rmap_free(m);
		return NULL;
	}
	return m;
}

void
ul_rmap_free(struct ul_rmap *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->ncols; i++) {
		free(m->cols[i].name);
		free(m->cols[i].arg);
	}
	free(m->cols);
	for (size_t i = 0; i < m->nvalues; i++) {
		free(m->values[i].from);
		free(m->values[i].to);
	}
	free(m->values);
	for (size_t i = 0; i < UL_NELEM(m->defaults); i++)
		free(m->defaults[i]);
	free(m->file);
	free(m);
}

/* The user's mapping has the last word: the last entry for h wins. */
bool
rmap_column(const struct ul_rmap *m, const char *h, struct col *c)
{
	bool hit = false;

	for (size_t k = 0; m && k < m->ncols; k++) {
		if (strcmp(m->cols[k].name, h) != 0)
			continue;
		c->role = m->cols[k].role;
		c->arg = m->cols[k].arg;
		hit = true;
	}
	return hit;
}

const char *
rmap_value(const struct ul_rmap *m, enum role role, const char *v)
{
	if (!m || !v)
		return v;
	for (size_t k = 0; k < m->nvalues; k++)
		if (m->values[k].role == role && strcmp(m->values[k].from, v) == 0)
			return m->values[k].to;
	return v;
}

const char *
rmap_default(const struct ul_rmap *m, enum role role)
{
	return m ? m->defaults[role] : NULL;
}

int
rmap_header_row(const struct ul_rmap *m)
{
	return m ? m->header_row : 0;
}

const char *
ul_rmap_file(const struct ul_rmap *m)
{
	return m->file ? m->file : "?";
}

/* A header cell as rtable_header keeps it: trailing blanks dropped. */
static bool
same_name(const char *cell, const char *name)
{
	size_t l = strlen(name);
	if (strncmp(cell, name, l) != 0)
		return false;
	for (cell += l; *cell; cell++)
		if (*cell != ' ' && *cell != '\t' && *cell != '\r' && *cell != '\n')
			return false;
	return true;
}

int
rmap_fit(const struct ul_rmap *m, char *const *cells, size_t n, const char **missing)
{
	int hits = 0;

	char **nfc = ul_xcalloc(n + 1, sizeof(*nfc));

	for (size_t i = 0; i < n; i++)
		nfc[i] = ul_nfc_dup(cells[i]);
	for (size_t k = 0; k < m->ncols && hits >= 0; k++) {
		bool found = false;
		for (size_t i = 0; i < n && !found; i++)
			found = same_name(nfc[i] ? nfc[i] : cells[i], m->cols[k].name);
		if (!found) {
			*missing = m->cols[k].name;
			hits = -1;
		} else
			hits++;
	}
	for (size_t i = 0; i < n; i++)
		free(nfc[i]);
	free(nfc);
	return hits;
}
