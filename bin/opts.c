/* SPDX-License-Identifier: ISC */
/*
 * Options tables: getopt_long's strings, the synopsis and --help, all
 * from the one table a command declares (bin/opts.h). Knows nothing of
 * any command's options; owns the layout of --help.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "opts.h"

#define MAX_VALUES 64
#define HELP_WIDTH 79
#define HELP_COLUMN 24	/* where the help texts start */

/* The option's values, from its list or its function; how many. */
static size_t
opt_values(const struct cli_opt *o, const char **v, size_t max)
{
	size_t n = 0;

	if (o->list) {
		n = o->list(v, max);
		return n < max ? n : max;
	}
	for (; o->values && o->values[n] && n < max; n++)
		v[n] = o->values[n];
	return n;
}

void
cli_parser_init(struct cli_parser *p, const struct cli_cmd *cmd)
{
	char *s = p->shortopts;
	size_t n = 0;

	memset(p, 0, sizeof(*p));
	p->cmd = cmd;
	s = p->shortopts;
	/* '+' would stop at the first operand; options may follow them. */
	*s++ = ':';
	for (const struct cli_opt *o = cmd->opts; o->key; o++) {
		if (n == CLI_MAX_OPTS)
			abort();	/* a table too long: caught by any test */
		if (o->key < CLI_LONG_ONLY) {
			*s++ = (char)o->key;
			if (o->arg)
				*s++ = ':';
		}
		if (o->name) {
			p->longopts[n].name = o->name;
			p->longopts[n].has_arg = o->arg ? required_argument :
						 no_argument;
			p->longopts[n].val = o->key;
			n++;
		}
	}
	*s = '\0';
}

static const struct cli_opt *
find_opt(const struct cli_cmd *cmd, int key)
{
	for (const struct cli_opt *o = cmd->opts; o->key; o++)
		if (o->key == key)
			return o;
	return NULL;
}

/* "-x" or "--name" for messages, as the user would type it. */
static void
opt_label(const struct cli_opt *o, char *buf, size_t size)
{
	if (o->key < CLI_LONG_ONLY)
		snprintf(buf, size, "-%c", o->key);
	else
		snprintf(buf, size, "--%s", o->name);
}

/* "a, b or c" into buf. */
static void
join_values(const char **v, size_t n, char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && len < size; i++) {
		const char *sep = i == 0 ? "" : i + 1 == n ? _(" or ") : ", ";
		int w = snprintf(buf + len, size - len, "%s%s", sep, v[i]);
		if (w < 0)
			break;
		len += (size_t)w;
	}
}

const char *
cli_value_list(const struct cli_opt *o, char *buf, size_t size)
{
	const char *v[MAX_VALUES];

	join_values(v, opt_values(o, v, MAX_VALUES), buf, size);
	return buf;
}

/* The argument of o is one of its values; -1 and a usage error if not. */
static int
check_value(struct cli_parser *p, const struct cli_opt *o, const char *arg)
{
	const char *v[MAX_VALUES];
	size_t n = opt_values(o, v, MAX_VALUES);
	char list[1024];

	p->value = -1;
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(arg, v[i]) == 0) {
			p->value = (int)i;
			return 0;
		}
	if (o->flags & CLI_OPEN)
		return 0;
	p->status = cli_usage_error(p->cmd, "unknown %s '%s': use %s",
				    o->what ? _(o->what) : _("value"), arg,
				    cli_value_list(o, list, sizeof(list)));
	return -1;
}

int
cli_next(struct cli_parser *p, int argc, char **argv)
{
	int c = getopt_long(argc, argv, p->shortopts, p->longopts, NULL);
	const struct cli_opt *o;
	char label[64];

	if (c == -1)
		return -1;
	if (c == '?' || c == ':') {
		/* optopt is the short letter, or the long option's key */
		o = optopt ? find_opt(p->cmd, optopt) : NULL;
		if (c == ':' && o) {
			opt_label(o, label, sizeof(label));
			p->status = cli_usage_error(p->cmd, "%s needs %s", label,
						    _(o->arg));
		} else if (optopt && optopt < CLI_LONG_ONLY && !o)
			p->status = cli_usage_error(p->cmd, "unknown option "
						    "'-%c'", optopt);
		else if (o)
			p->status = cli_usage_error(p->cmd, "--%s takes no "
						    "argument", o->name);
		else
			p->status = cli_usage_error(p->cmd, "unknown option "
						    "'%s'", argv[optind - 1]);
		return CLI_EXIT;
	}
	o = find_opt(p->cmd, c);
	p->opt = o;
	p->value = -1;
	if (o->name && strcmp(o->name, "help") == 0) {
		p->status = cli_help(p->cmd);
		return CLI_EXIT;
	}
	if (o->name && strcmp(o->name, "version") == 0) {
		p->status = cli_version(p->cmd->prog);
		return CLI_EXIT;
	}
	if (o->arg && check_value(p, o, optarg) < 0)
		return CLI_EXIT;
	return c;
}

/*
 * Text is counted in characters, not bytes, so that French help lines
 * (and their translations) wrap where they look full.
 */
static size_t
columns(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xc0) != 0x80;
	return n;
}

/*
 * Print text from column col (the cursor is there), wrapped at
 * HELP_WIDTH, each further line indented to indent.
 */
static void
wrap(FILE *fp, const char *text, size_t col, size_t indent)
{
	const char *s = text;
	bool first = true;

	while (*s) {
		while (*s == ' ')
			s++;
		if (!*s)
			break;
		size_t len = strcspn(s, " ");
		size_t w = columns(s, len);
		if (!first && col + 1 + w > HELP_WIDTH) {
			fprintf(fp, "\n%*s", (int)indent, "");
			col = indent;
			first = true;
		}
		if (!first) {
			fputc(' ', fp);
			col++;
		}
		fwrite(s, 1, len, fp);
		col += w;
		s += len;
		first = false;
	}
	fputc('\n', fp);
}

/* One synopsis item, "[-d ID]..." or "-w FILE" or "[--icons]". */
static void
synopsis_item(const struct cli_opt *o, char *buf, size_t size)
{
	bool req = o->flags & CLI_REQUIRED;
	const char *open = req ? "" : "[", *close = req ? "" : "]";
	const char *more = o->flags & CLI_REPEAT ? "..." : "";

	/* the argument's name is a word of the user's language: FICHIER */
	if (o->key < CLI_LONG_ONLY)
		snprintf(buf, size, "%s-%c%s%s%s%s", open, o->key,
			 o->arg ? " " : "", o->arg ? _(o->arg) : "", close, more);
	else
		snprintf(buf, size, "%s--%s%s%s%s%s", open, o->name,
			 o->arg ? " " : "", o->arg ? _(o->arg) : "", close, more);
}

void
cli_synopsis(const struct cli_cmd *cmd, FILE *fp)
{
	char flags[CLI_MAX_OPTS + 4], item[128], prefix[128];
	size_t nflags = 0, indent;
	/* the items in order: required, the flag letters, the rest */
	char line[2048];
	size_t len = 0;

#define ADD(s) (len += (size_t)snprintf(line + len, sizeof(line) - len, \
					"%s%s", len ? " " : "", (s)), \
		len = len < sizeof(line) ? len : sizeof(line) - 1)
	for (const struct cli_opt *o = cmd->opts; o->key; o++)
		if ((o->flags & CLI_REQUIRED) && !(o->flags & CLI_NOSYNOPSIS)) {
			synopsis_item(o, item, sizeof(item));
			ADD(item);
		}
	for (const struct cli_opt *o = cmd->opts; o->key; o++)
		if (!o->arg && o->key < CLI_LONG_ONLY &&
		    !(o->flags & (CLI_NOSYNOPSIS | CLI_REQUIRED)))
			flags[nflags++] = (char)o->key;
	if (nflags) {
		flags[nflags] = '\0';
		snprintf(item, sizeof(item), "[-%s]", flags);
		ADD(item);
	}
	for (const struct cli_opt *o = cmd->opts; o->key; o++) {
		if (o->flags & (CLI_NOSYNOPSIS | CLI_REQUIRED))
			continue;
		if (!o->arg && o->key < CLI_LONG_ONLY)
			continue;
		synopsis_item(o, item, sizeof(item));
		ADD(item);
	}
	if (cmd->operands)
		ADD(_(cmd->operands));
#undef ADD
	/* the continuation lines align with the first item, in any language */
	snprintf(prefix, sizeof(prefix), _("usage: %s "), cmd->prog);
	indent = columns(prefix, strlen(prefix));
	fputs(prefix, fp);
	/* wrap between items only: "[-d ID]..." never splits */
	{
		size_t col = indent;
		const char *s = line;
		bool first = true;
		while (*s) {
			size_t n = 0;
			int depth = 0;
			while (s[n] && (depth > 0 || s[n] != ' ')) {
				depth += s[n] == '[';
				depth -= s[n] == ']';
				n++;
			}
			if (!first && col + 1 + n > HELP_WIDTH) {
				fprintf(fp, "\n%*s", (int)indent, "");
				col = indent;
			} else if (!first) {
				fputc(' ', fp);
				col++;
			}
			fwrite(s, 1, n, fp);
			col += n;
			s += n;
			while (*s == ' ')
				s++;
			first = false;
		}
		fputc('\n', fp);
	}
	for (const char *const *f = cmd->forms; f && *f; f++)
		fprintf(fp, "%*s%s %s\n", (int)(indent - strlen(cmd->prog) - 1),
			"", cmd->prog, *f);
}

/* "-T, --format FMT" or "    --icons". */
static size_t
print_names(const struct cli_opt *o, FILE *fp)
{
	int n = 0;

	if (o->key < CLI_LONG_ONLY)
		n = fprintf(fp, "  -%c%s", o->key, o->name ? ", " : "");
	else
		n = fprintf(fp, "      ");
	if (o->name)
		n += fprintf(fp, "--%s", o->name);
	if (o->arg)
		n += fprintf(fp, " %s", _(o->arg));
	return n > 0 ? (size_t)n : 0;
}

void
cli_help_text(const struct cli_cmd *cmd, FILE *fp)
{
	cli_synopsis(cmd, fp);
	for (const struct cli_opt *o = cmd->opts; o->key; o++) {
		const char *v[MAX_VALUES];
		size_t n = opt_values(o, v, MAX_VALUES);
		size_t col = print_names(o, fp);
		char text[2048];
		size_t len;

		if (col + 2 > HELP_COLUMN) {
			fprintf(fp, "\n%*s", HELP_COLUMN, "");
		} else
			fprintf(fp, "%*s", (int)(HELP_COLUMN - col), "");
		/* TRANSLATORS: before the list of an option's values in --help */
		len = (size_t)snprintf(text, sizeof(text), "%s%s", _(o->help),
				       n ? _(":") : "");
		/* every value the parser accepts, so none can be missing */
		for (size_t i = 0; i < n && len < sizeof(text); i++) {
			bool def = o->def && strcmp(o->def, v[i]) == 0;
			len += (size_t)snprintf(text + len, sizeof(text) - len,
						" %s%s%s", v[i],
						def ? _(" (default)") : "",
						i + 1 < n ? "," : "");
		}
		wrap(fp, text, HELP_COLUMN, HELP_COLUMN);
	}
	if (cmd->footer)
		fputs(_(cmd->footer), fp);
}

int
cli_usage_error(const struct cli_cmd *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", cmd->prog);
	va_start(ap, fmt);
	vfprintf(stderr, _(fmt), ap);
	va_end(ap);
	fputc('\n', stderr);
	cli_synopsis(cmd, stderr);
	return UL_EUSAGE;
}

int
cli_stdout_status(const char *prog)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	fprintf(stderr, _("%s: cannot write standard output: %s\n"), prog,
		strerror(errno ? errno : EIO));
	return UL_EIO;
}

int
cli_help(const struct cli_cmd *cmd)
{
	cli_help_text(cmd, stdout);
	return cli_stdout_status(cmd->prog);
}

int
cli_version(const char *prog)
{
	printf("%s %s\n", prog, UL_VERSION);
	return cli_stdout_status(prog);
}

/* The width of the line on the screen, to blank what a shorter one leaves. */
static size_t progress_width;

static void
show_on_tty(void *ctx, const char *line)
{
	size_t w = columns(line, strlen(line));

	(void)ctx;
	/* no escape sequences: spaces overwrite on any terminal */
	fprintf(stderr, "\r%s%*s", line,
		(int)(progress_width > w ? progress_width - w : 0), "");
	if (!*line)
		fputc('\r', stderr);
	else if (progress_width > w)
		fprintf(stderr, "\r%s", line);
	progress_width = w;
	fflush(stderr);
}

void
cli_progress(struct ul_progress *p, bool quiet)
{
	const char *delay = getenv("UTILAB_PROGRESS_DELAY");
	char *end;

	ul_progress_init(p);
	if (quiet || !isatty(STDERR_FILENO))
		return;
	if (delay && *delay) {
		double d = strtod(delay, &end);
		if (*end == '\0' && d >= 0)
			p->delay = d;
	}
	p->show = show_on_tty;
}
