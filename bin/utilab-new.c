/* SPDX-License-Identifier: ISC */
/*
 * utilab-new: start a workshop definition from the catalogue, or list the
 * catalogue. The template's text is edited line by line (the value of a
 * top-level key replaced, or a key inserted), never re-emitted from a
 * tree, so its comments and layout, which teach designers the format,
 * survive. The result is validated before anything is written.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "intl.h"
#include "opts.h"
#include "datadir.h"
#include "diag.h"
#include "input.h"
#include "util.h"
#include "workshop.h"
#include "yamlload.h"

static const char prog[] = "utilab-new";

/* The top-level keys -s may set: the scalars a designer adapts. */
static const char *const settable[] = {
	"title", "summary", "kind", "lang", "question", "territory", "date",
	"duration", "license", "source", "version", NULL
};
#define NSETTABLE (UL_NELEM(settable) - 1)
/* Free text: always written double-quoted, whatever it looks like. */
static const char *const text_keys[] = {
	"title", "summary", "question", "territory", "source", "version",
};

struct setting {
	const char *key;
	const char *value;
};

static const struct cli_opt options[] = {
	CLI_OPT('f', "force", NULL, N_("overwrite an existing output file")),
	CLI_OPT('l', "list", NULL, N_("list the catalogue"), .flags =
	  CLI_NOSYNOPSIS),
	CLI_OPT('o', "output", "FILE", N_("write there (- for standard output; "
	  "default: ID.yaml)")),
	/* the values are the keys, before the '=' (checked below) */
	CLI_OPT('s', "set", "KEY=VALUE", N_("set a top-level key"), .what = N_("key"), .values = settable, .flags = CLI_REPEAT | CLI_OPEN),
	CLI_OPT_QUIET,
	CLI_OPT_HELP,
	CLI_OPT_VERSION,
	{ 0 }
};

static const char *const forms[] = { "-l", NULL };

static const struct cli_cmd cmd = {
	prog, N_("template [id]"), forms, options, NULL
};

static bool quiet;	/* -q: no notes */

#define usage_error(...) cli_usage_error(&cmd, __VA_ARGS__)

static int
finish(struct ul_diags *d, int status)
{
	ul_diags_sort(d);
	ul_diags_report(d, stderr, prog, quiet ? UL_DIAGS_QUIET : 0);
	if (!status)
		status = ul_diags_exit_code(d);
	ul_diags_release(d);
	return status;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The catalogue's template names (workshops/NAME.yaml), sorted. Returns
 * the count, or -1 with a diagnostic when the directory cannot be read.
 */
/*
 * Whether a catalogue file is a guide definition (utilab-guide(5)) rather
 * than a workshop: its first key, past comments, is "utilab-guide:".
 */
static bool
is_guide(const char *dir, const char *name)
{
	char *path = ul_xasprintf("%s/%s", dir, name), line[256];
	FILE *fp = fopen(path, "r");
	bool guide = false;

	free(path);
	while (fp && fgets(line, sizeof(line), fp)) {
		if (line[0] == '#' || line[0] == '\n' || line[0] == '\r')
			continue;
		guide = strncmp(line, "utilab-guide:", 13) == 0;
		break;
	}
	if (fp)
		fclose(fp);
	return guide;
}

static int
catalogue_names(char ***names, struct ul_diags *d)
{
	const char *dir = ul_catalogue_dir();
	DIR *dp = opendir(dir);
	struct dirent *e;
	char **v = NULL;
	size_t n = 0;

	*names = NULL;
	if (!dp)
		return ul_diag_add(d, UL_ERROR, UL_ENOINPUT, NULL, 0, 0,
				   "cannot read the catalogue '%s': %s "
				   "(set UTILAB_DATADIR or UTILAB_CATALOGUE)",
				   dir, strerror(errno));
	while ((e = readdir(dp))) {
		size_t len = strlen(e->d_name);
		if (e->d_name[0] == '.' || len <= 5 ||
		    strcmp(e->d_name + len - 5, ".yaml") != 0 ||
		    is_guide(dir, e->d_name))
			continue;
		v = ul_xreallocarray(v, n + 1, sizeof(*v));
		v[n++] = ul_xstrndup(e->d_name, len - 5);
	}
	closedir(dp);
	if (n)
		qsort(v, n, sizeof(*v), cmp_str);
	*names = v;
	return (int)n;
}

static void
free_names(char **v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void
format_minutes(char *buf, size_t size, int m)
{
	if (m <= 0)
		snprintf(buf, size, "-");
	else if (m < 60)
		snprintf(buf, size, "%dmin", m);
	else
		snprintf(buf, size, "%dh%02d", m / 60, m % 60);
}

/* -l: one line per template: name, kind, duration, summary. */
static int
list(void)
{
	struct ul_diags d;
	char **names, **paths;
	int n, width = 0, status = 0;

	ul_diags_init(&d);
	if ((n = catalogue_names(&names, &d)) < 0)
		return finish(&d, 0);
	/* Diagnostics borrow the file names: keep them to the end. */
	paths = ul_xcalloc((size_t)n + 1, sizeof(*paths));
	for (int i = 0; i < n; i++) {
		int w = (int)ul_utf8_len(names[i]);
		if (w > width)
			width = w;
	}
	for (int i = 0; i < n; i++) {
		struct ul_workshop ws;
		char dur[32];
		int m;

		paths[i] = ul_xasprintf("%s/%s.yaml", ul_catalogue_dir(),
					names[i]);
		if (ul_workshop_load(&ws, paths[i], &d) < 0) {
			printf(_("%-*s  (invalid: see the errors)\n"), width,
			       names[i]);
			ul_workshop_release(&ws);
			continue;
		}
		m = ws.duration ? ws.duration : ul_workshop_minutes(&ws);
		format_minutes(dur, sizeof(dur), m);
		printf("%-*s  %-8s  %5s  %s\n", width, names[i],
		       ul_ws_kind_name(ws.kind), dur,
		       ws.summary ? ws.summary : ws.title);
		ul_workshop_release(&ws);
	}
	if (fflush(stdout) != 0 || ferror(stdout))
		ul_diag_add(&d, UL_ERROR, UL_EIO, NULL, 0, 0,
			    "cannot write the list: %s", strerror(errno));
	status = finish(&d, status);
	for (int i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
	free_names(names, n);
	return status;
}

/* A template name is a plain name: no directories, no hidden files. */
static bool
plain_name(const char *s)
{
	return *s && *s != '.' && !strchr(s, '/') && !strstr(s, "..");
}

static bool
is_text_key(const char *key)
{
	for (size_t i = 0; i < UL_NELEM(text_keys); i++)
		if (strcmp(key, text_keys[i]) == 0)
			return true;
	return false;
}

/* Whether v reads back as the same text when written plain. */
static bool
plain_safe(const char *v)
{
	static const char *const reserved[] = {
		"true", "false", "yes", "no", "on", "off", "null", "y", "n",
	};

	if (!((*v >= 'a' && *v <= 'z') || (*v >= 'A' && *v <= 'Z') ||
	      (*v >= '0' && *v <= '9')))
		return false;
	for (const char *p = v; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' ||
		      *p == '_'))
			return false;
	for (size_t i = 0; i < UL_NELEM(reserved); i++)
		if (strcasecmp(v, reserved[i]) == 0)
			return false;
	return true;
}

/* A value as YAML: plain when that is safe, else double-quoted. */
static void
add_value(struct ul_buf *b, const char *key, const char *v)
{
	if (!is_text_key(key) && plain_safe(v)) {
		ul_buf_adds(b, v);
		return;
	}
	ul_buf_addc(b, '"');
	for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
		switch (*p) {
		case '"':
			ul_buf_adds(b, "\\\"");
			break;
		case '\\':
			ul_buf_adds(b, "\\\\");
			break;
		case '\n':
			ul_buf_adds(b, "\\n");
			break;
		case '\t':
			ul_buf_adds(b, "\\t");
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				ul_buf_addf(b, "\\x%02x", *p);
			else
				ul_buf_addc(b, *p);
		}
	}
	ul_buf_addc(b, '"');
}

/* Characters (not bytes) in s[0..n), for keeping comments' columns. */
static size_t
chars(const char *s, size_t n)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			c++;
	return c;
}

struct line {
	const char *s;
	size_t len;		/* without the newline */
};

/* Replace lines first..last (1-based; last = first - 1 inserts). */
struct edit {
	int first, last;
	size_t seq;
	struct ul_buf text;
};

static int
cmp_edit(const void *pa, const void *pb)
{
	const struct edit *a = pa, *b = pb;

	if (a->first != b->first)
		return a->first < b->first ? -1 : 1;
	if (a->last != b->last)
		return a->last < b->last ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static bool
blank_or_comment(const struct line *l)
{
	size_t i = 0;

	if (l->len && l->s[0] == '#')
		return true;
	while (i < l->len && (l->s[i] == ' ' || l->s[i] == '\t' ||
			      l->s[i] == '\r'))
		i++;
	return i == l->len;
}

/*
 * The last line of a top-level pair's value: continuation lines are
 * indented; blank lines and comments at the margin after it belong to
 * the layout, not to the value.
 */
static int
value_end(const struct line *lines, int key_line, int next_key_line)
{
	int end = key_line;

	for (int l = key_line + 1; l < next_key_line; l++)
		if (!blank_or_comment(&lines[l - 1]))
			end = l;
	return end;
}

/* Where a one-line value written from byte vs ends on its line. */
static size_t
scalar_end(const struct line *l, size_t vs)
{
	const char *s = l->s;
	size_t i = vs, n = l->len;

	if (i >= n || s[i] == '#')
		return i;
	if (s[i] == '"') {
		for (i++; i < n; i++) {
			if (s[i] == '\\')
				i++;
			else if (s[i] == '"')
				return i + 1;
		}
		return n;
	}
	if (s[i] == '\'') {
		for (i++; i < n; i++) {
			if (s[i] == '\'' && i + 1 < n && s[i + 1] == '\'')
				i++;
			else if (s[i] == '\'')
				return i + 1;
		}
		return n;
	}
	/* Plain: up to a comment (a '#' after a space) or the end. */
	for (; i < n; i++)
		if (s[i] == '#' && (s[i - 1] == ' ' || s[i - 1] == '\t'))
			break;
	while (i > vs && (s[i - 1] == ' ' || s[i - 1] == '\t' ||
			  s[i - 1] == '\r'))
		i--;
	return i;
}

/*
 * The new text of a key's line: "key: value", then the line's comment,
 * kept at its column when the new value leaves room.
 */
static void
new_line(struct ul_buf *b, const struct line *l, const char *key,
	 const char *value, bool keep_comment)
{
	size_t klen = strlen(key), vs = klen + 1, ve, c;
	size_t start = b->len;

	ul_buf_adds(b, key);
	ul_buf_adds(b, ": ");
	add_value(b, key, value);
	if (keep_comment) {
		while (vs < l->len && (l->s[vs] == ' ' || l->s[vs] == '\t'))
			vs++;
		ve = scalar_end(l, vs);
		for (c = ve; c < l->len && (l->s[c] == ' ' || l->s[c] == '\t');)
			c++;
		if (c < l->len && l->s[c] == '#') {
			size_t col = chars(l->s, c);
			size_t have = chars(b->s + start,
						    b->len - start);
			do
				ul_buf_addc(b, ' ');
			while (++have < col);
			ul_buf_add(b, l->s + c, l->len - c);
		}
	}
	ul_buf_addc(b, '\n');
}

/*
 * Apply the settings to the template's text. Returns 0, or -1 with a
 * diagnostic when the template's top level is not a plain block mapping.
 */
static int
edit_text(const char *tmpl_name, const char *data, size_t len,
	  const struct ul_ydoc *doc, const struct setting *set, size_t nset,
	  struct ul_buf *out, struct ul_diags *d)
{
	const struct ul_ynode *root = doc->root;
	struct line *lines = NULL;
	struct edit *edits;
	size_t nedits = 0;
	int nl = 0, anchor = 0, r = 0;

	/* split */
	for (size_t i = 0; i < len;) {
		const char *nlp = memchr(data + i, '\n', len - i);
		size_t end = nlp ? (size_t)(nlp - data) : len;
		lines = ul_xreallocarray(lines, (size_t)nl + 1, sizeof(*lines));
		lines[nl].s = data + i;
		lines[nl++].len = end - i;
		i = end + 1;
	}
	edits = ul_xcalloc(nset + 1, sizeof(*edits));

	/* Keys absent from the template go after the title (or the id). */
	for (size_t i = 0; i < root->n; i++) {
		const char *k = root->pairs[i].key->str;
		if (strcmp(k, "title") == 0 || (strcmp(k, "id") == 0 && !anchor)) {
			int next = i + 1 < root->n ?
				root->pairs[i + 1].key->line : nl + 1;
			anchor = value_end(lines, root->pairs[i].key->line, next);
		}
	}
	if (!anchor)
		anchor = nl;

	for (size_t s = 0; s < nset; s++) {
		struct edit *e = &edits[nedits];
		size_t i;

		ul_buf_init(&e->text);
		e->seq = nedits++;
		for (i = 0; i < root->n; i++)
			if (strcmp(root->pairs[i].key->str, set[s].key) == 0)
				break;
		if (i == root->n) {
			e->first = anchor + 1;
			e->last = anchor;
			new_line(&e->text, NULL, set[s].key, set[s].value,
				 false);
			continue;
		}
		const struct ul_ynode *key = root->pairs[i].key;
		if (key->col != 1 || key->line > nl) {
			r = ul_error(d, tmpl_name, key->line, key->col,
				     "cannot set '%s': the template's top level "
				     "is not a plain block mapping", set[s].key);
			break;
		}
		int next = i + 1 < root->n ? root->pairs[i + 1].key->line :
			   nl + 1;
		e->first = key->line;
		e->last = value_end(lines, key->line, next);
		new_line(&e->text, &lines[key->line - 1], set[s].key,
			 set[s].value, e->last == e->first);
	}

	/* apply */
	if (r == 0) {
		int cur = 1;
		qsort(edits, nedits, sizeof(*edits), cmp_edit);
		for (size_t i = 0; i < nedits; i++) {
			for (; cur < edits[i].first; cur++) {
				ul_buf_add(out, lines[cur - 1].s,
					   lines[cur - 1].len);
				ul_buf_addc(out, '\n');
			}
			ul_buf_add(out, edits[i].text.s, edits[i].text.len);
			if (edits[i].last + 1 > cur)
				cur = edits[i].last + 1;
		}
		for (; cur <= nl; cur++) {
			ul_buf_add(out, lines[cur - 1].s, lines[cur - 1].len);
			/* Keep a missing final newline missing. */
			if (cur < nl || (len && data[len - 1] == '\n'))
				ul_buf_addc(out, '\n');
		}
	}
	for (size_t i = 0; i < nedits; i++)
		ul_buf_release(&edits[i].text);
	free(edits);
	free(lines);
	return r;
}

static int
unknown_template(const char *name, struct ul_diags *d)
{
	char **names;
	int n = catalogue_names(&names, d);
	const char *s;
	struct ul_buf b;

	if (n < 0)
		return finish(d, 0);
	s = ul_suggest(name, (const char *const *)names, (size_t)n);
	/* "sequences" for "sequences-de-vie": a prefix is a good guess too. */
	for (int i = 0; !s && i < n; i++)
		if (strncmp(names[i], name, strlen(name)) == 0)
			s = names[i];
	if (s)
		ul_diag_add(d, UL_ERROR, UL_EUSAGE, NULL, 0, 0,
			    "unknown template '%s' (did you mean '%s'?)", name,
			    s);
	else
		ul_diag_add(d, UL_ERROR, UL_EUSAGE, NULL, 0, 0,
			    "unknown template '%s'", name);
	ul_buf_init(&b);
	for (int i = 0; i < n; i++)
		ul_buf_addf(&b, "%s%s", i ? ", " : "", names[i]);
	if (n)
		ul_diag_add(d, UL_NOTE, UL_EUSAGE, NULL, 0, 0,
			    "known templates: %s", b.s);
	else
		ul_diag_add(d, UL_NOTE, UL_EUSAGE, NULL, 0, 0,
			    "the catalogue is empty: %s", ul_catalogue_dir());
	ul_buf_release(&b);
	free_names(names, n);
	return finish(d, 0);
}

static int
scaffold(const char *name, const char *id, const char *out, bool force,
	 struct setting *set, size_t nset)
{
	struct ul_diags d;
	struct ul_ydoc doc;
	struct ul_workshop ws;
	struct ul_atomic a;
	struct ul_buf text;
	char *path, *data = NULL, *out_name;
	size_t len;
	int status = 0;

	ul_diags_init(&d);
	path = ul_xasprintf("%s/%s.yaml", ul_catalogue_dir(), name);
	if (ul_read_file(path, ul_ylimits_definition.max_bytes, &data, &len)
	    < 0) {
		if (errno == ENOENT) {
			free(path);
			return unknown_template(name, &d);
		}
		ul_input_error(&d, path, errno,
			       ul_ylimits_definition.max_bytes);
		status = finish(&d, 0);
		free(path);
		return status;
	}
	out_name = ul_xstrdup(ul_diag_output_name(out));
	ul_buf_init(&text);

	/* edit: the template must at least be YAML for us to find its keys */
	if (ul_yaml_parse(&doc, path, data, len, &ul_ylimits_definition, &d)
	    < 0)
		goto done;
	if (doc.root->kind != UL_YMAP) {
		ul_error(&d, path, doc.root->line, doc.root->col,
			 "a template must be a mapping of keys");
		ul_ydoc_release(&doc);
		goto done;
	}
	/* The id goes first: it is always set. */
	memmove(set + 1, set, nset * sizeof(*set));
	set[0].key = "id";
	set[0].value = id;
	nset++;
	if (edit_text(path, data, len, &doc, set, nset, &text, &d) < 0) {
		ul_ydoc_release(&doc);
		goto done;
	}
	ul_ydoc_release(&doc);

	/* validate what would be written, named as the output */
	if (ul_workshop_parse(&ws, out_name, text.s, text.len, &d) < 0) {
		ul_workshop_release(&ws);
		ul_diag_add(&d, UL_NOTE, UL_EDATA, NULL, 0, 0,
			    "nothing written: the definition made from '%s' "
			    "is not valid", name);
		goto done;
	}
	ul_workshop_release(&ws);

	/* write */
	/* Over the template (an input): lib/atomic refuses it (73). */
	if (ul_atomic_open(&a, out, force, &d) < 0)
		goto done;
	fwrite(text.s, 1, text.len, a.fp);
	ul_atomic_commit(&a, &d);
	ul_atomic_abort(&a);
done:
	status = finish(&d, 0);
	ul_buf_release(&text);
	free(out_name);
	free(data);
	free(path);
	return status;
}

int
main(int argc, char **argv)
{
	ul_intl_init();	/* before anything prints */
	struct setting *set;
	size_t nset = 0;
	const char *out = NULL, *name, *id;
	char *name_buf, *out_buf = NULL;
	bool force = false, listing = false;
	struct cli_parser opts;
	int ch, status;

	/* One slot more than -s can fill: the id is added in front. */
	set = ul_xcalloc((size_t)argc + 1, sizeof(*set));
	cli_parser_init(&opts, &cmd);
	while ((ch = cli_next(&opts, argc, argv)) != -1) {
		switch (ch) {
		case 'f':
			force = true;
			break;
		case 'l':
			listing = true;
			break;
		case 'o':
			out = optarg;
			break;
		case 's': {
			char *eq = strchr(optarg, '=');
			const char *s;
			char hb[128];
			size_t k;

			if (!eq || eq == optarg) {
				free(set);
				return usage_error("-s takes KEY=VALUE, not '%s'",
						   optarg);
			}
			*eq = '\0';
			for (k = 0; k < NSETTABLE; k++)
				if (strcmp(optarg, settable[k]) == 0)
					break;
			if (k == NSETTABLE) {
				s = ul_suggest(optarg, settable,
					       NSETTABLE);
				free(set);
				if (strcmp(optarg, "id") == 0)
					return usage_error("-s cannot set 'id': "
							   "give the id as the "
							   "second operand");
				char keys[256];
				return usage_error("-s cannot set '%s'%s: it "
						   "sets %s", optarg,
						   ul_hint(s, hb, sizeof(hb)),
						   cli_value_list(opts.opt, keys,
								  sizeof(keys)));
			}
			if (ul_utf8_invalid(eq + 1, strlen(eq + 1)) !=
			    (size_t)-1) {
				free(set);
				return usage_error("-s %s: the value is not "
						   "valid UTF-8", optarg);
			}
			/* The last -s for a key wins. */
			for (k = 0; k < nset; k++)
				if (strcmp(set[k].key, optarg) == 0)
					break;
			set[k].key = optarg;
			set[k].value = eq + 1;
			if (k == nset)
				nset++;
			break;
		}
		case 'q':
			quiet = true;
			break;
		case CLI_EXIT:
			free(set);
			return opts.status;
		}
	}
	argc -= optind;
	argv += optind;

	if (listing) {
		free(set);
		if (argc || out || nset || force)
			return usage_error("-l takes no other option or "
					   "operand");
		return list();
	}
	if (argc < 1 || argc > 2) {
		free(set);
		return usage_error(argc ? N_("too many operands") :
				   N_("which template? (utilab-new -l lists them)"));
	}
	name_buf = ul_xstrdup(argv[0]);
	/* "sequences-de-vie.yaml" names the same template. */
	size_t n = strlen(name_buf);
	if (n > 5 && strcmp(name_buf + n - 5, ".yaml") == 0)
		name_buf[n - 5] = '\0';
	name = name_buf;
	if (!plain_name(name)) {
		status = usage_error("template names are plain names such as "
				     "'sequences-de-vie', not '%s'", argv[0]);
		goto out;
	}
	id = argc == 2 ? argv[1] : name;
	if (!ul_id_valid(id)) {
		status = usage_error("bad id '%s': use lower-case letters, "
				     "digits and hyphens, starting with a "
				     "letter or digit", id);
		goto out;
	}
	if (!out)
		out = out_buf = ul_xasprintf("%s.yaml", id);
	status = scaffold(name, id, out, force, set, nset);
out:
	free(out_buf);
	free(name_buf);
	free(set);
	return status;
}
