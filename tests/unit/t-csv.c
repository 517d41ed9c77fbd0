/* SPDX-License-Identifier: ISC */
/*
 * The CSV reader against csv-spectrum (tests/csv-spectrum, vendored) and
 * one fixture per RFC 4180 edge (tests/csv-edges/NAME.csv, expected dump in
 * NAME.out; UL_UPDATE_GOLDEN=1 rewrites the dumps, to be reviewed by eye).
 * Run from the top of the source tree (make check does).
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "tap.h"
#include "util.h"

/* A JSON subset: an array of objects of strings, or one such object. */
struct jrec {
	char **key, **val;
	size_t n;
};

static const char *jp;

static void
jws(void)
{
	while (*jp == ' ' || *jp == '\n' || *jp == '\r' || *jp == '\t')
		jp++;
}

static char *
jstring(void)
{
	struct ul_buf b;

	jws();
	if (*jp != '"')
		return NULL;
	jp++;
	ul_buf_init(&b);
	ul_buf_adds(&b, "");
	while (*jp && *jp != '"') {
		if (*jp != '\\') {
			ul_buf_addc(&b, *jp++);
			continue;
		}
		jp++;
		switch (*jp++) {
		case 'n': ul_buf_addc(&b, '\n'); break;
		case 'r': ul_buf_addc(&b, '\r'); break;
		case 't': ul_buf_addc(&b, '\t'); break;
		case '"': ul_buf_addc(&b, '"'); break;
		case '\\': ul_buf_addc(&b, '\\'); break;
		case '/': ul_buf_addc(&b, '/'); break;
		default: ul_buf_release(&b); return NULL;
		}
	}
	if (*jp != '"') {
		ul_buf_release(&b);
		return NULL;
	}
	jp++;
	return ul_buf_detach(&b);
}

static int
jobject(struct jrec *r)
{
	memset(r, 0, sizeof(*r));
	jws();
	if (*jp++ != '{')
		return -1;
	for (;;) {
		jws();
		if (*jp == '}') {
			jp++;
			return 0;
		}
		char *k = jstring();
		jws();
		if (!k || *jp++ != ':')
			return -1;
		char *v = jstring();
		if (!v)
			return -1;
		r->key = ul_xreallocarray(r->key, r->n + 1, sizeof(char *));
		r->val = ul_xreallocarray(r->val, r->n + 1, sizeof(char *));
		r->key[r->n] = k;
		r->val[r->n++] = v;
		jws();
		if (*jp == ',')
			jp++;
	}
}

static struct jrec *
jload(const char *path, size_t *n)
{
	char *data;
	size_t len;
	struct jrec *v = NULL;

	*n = 0;
	if (ul_read_file(path, 1 << 20, &data, &len) < 0)
		return NULL;
	jp = data;
	jws();
	bool array = *jp == '[';
	if (array)
		jp++;
	for (;;) {
		jws();
		if (*jp == ']' || !*jp)
			break;
		v = ul_xreallocarray(v, *n + 1, sizeof(*v));
		if (jobject(&v[*n]) < 0)
			break;
		(*n)++;
		jws();
		if (*jp == ',')
			jp++;
		if (!array)
			break;
	}
	free(data);
	return v;
}

static void
jfree(struct jrec *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < v[i].n; k++) {
			free(v[i].key[k]);
			free(v[i].val[k]);
		}
		free(v[i].key);
		free(v[i].val);
	}
	free(v);
}

/* Read a CSV into header + records and compare with the JSON records. */
static void
spectrum(const char *name)
{
	char *csvp = ul_xasprintf("tests/csv-spectrum/csvs/%s.csv", name);
	char *jsonp = strcmp(name, "location_coordinates") == 0 ?
	    ul_xasprintf("tests/csv-spectrum/fixed/%s.json", name) :
	    ul_xasprintf("tests/csv-spectrum/json/%s.json", name);
	FILE *fp = fopen(csvp, "rb");
	size_t nj, nrec = 0;
	struct jrec *want = jload(jsonp, &nj);
	struct ul_csv c;
	char **hdr = NULL;
	size_t nh = 0;
	bool same = fp && want;

	if (fp && ul_csv_open(&c, csvp, fp, 0) == 0) {
		while (same && ul_csv_next(&c) == 1) {
			if (c.problem) {
				printf("# %s: line %d: %s\n", name, c.line,
				       ul_csv_problem_name(c.problem));
				same = false;
				break;
			}
			if (c.recno == 1) {
				nh = c.n;
				hdr = ul_xcalloc(nh, sizeof(*hdr));
				for (size_t i = 0; i < nh; i++)
					hdr[i] = ul_xstrdup(c.field[i]);
				continue;
			}
			if (nrec >= nj || c.n != nh || want[nrec].n != nh) {
				printf("# %s: record %zu: %zu fields\n", name,
				       nrec + 1, c.n);
				same = false;
				break;
			}
			for (size_t i = 0; i < nh; i++) {
				const char *v = NULL;
				for (size_t k = 0; k < want[nrec].n; k++)
					if (strcmp(want[nrec].key[k], hdr[i]) == 0)
						v = want[nrec].val[k];
				if (!v || strcmp(v, c.field[i]) != 0) {
					printf("# %s: record %zu '%s': got '%s', want '%s'\n",
					       name, nrec + 1, hdr[i], c.field[i],
					       v ? v : "(missing)");
					same = false;
				}
			}
			nrec++;
		}
		ul_csv_release(&c);
	} else
		same = false;
	ok(same && nrec == nj, name);
	if (fp)
		fclose(fp);
	for (size_t i = 0; i < nh; i++)
		free(hdr[i]);
	free(hdr);
	jfree(want, nj);
	free(csvp);
	free(jsonp);
}

static void
dump_escaped(struct ul_buf *b, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '\n')
			ul_buf_adds(b, "\\n");
		else if (ch == '\r')
			ul_buf_adds(b, "\\r");
		else if (ch == '\t')
			ul_buf_adds(b, "\\t");
		else if (ch == '\\')
			ul_buf_adds(b, "\\\\");
		else if (ch < 0x20 || ch == 0x7f)
			ul_buf_addf(b, "\\x%02x", ch);
		else
			ul_buf_addc(b, ch);
	}
}

static void
edge(const char *dir, const char *name)
{
	char *csvp = ul_xasprintf("%s/%s", dir, name);
	char *outp = ul_xasprintf("%s/%.*s.out", dir,
				  (int)(strlen(name) - 4), name);
	FILE *fp = fopen(csvp, "rb");
	struct ul_buf b;
	struct ul_csv c;
	int r = -1;

	ul_buf_init(&b);
	ul_buf_adds(&b, "");
	if (fp && ul_csv_open(&c, csvp, fp, 0) == 0) {
		ul_buf_addf(&b, "sep %s\n", c.sep == '\t' ? "tab" :
			    c.sep == ';' ? ";" : ",");
		while ((r = ul_csv_next(&c)) == 1) {
			ul_buf_addf(&b, "L%d", c.line);
			if (c.problem)
				ul_buf_addf(&b, " (%s at line %d, field %zu)",
					    ul_csv_problem_name(c.problem),
					    c.problem_line, c.problem_field + 1);
			for (size_t i = 0; i < c.n; i++) {
				ul_buf_adds(&b, " [");
				dump_escaped(&b, c.field[i], c.len[i]);
				ul_buf_adds(&b, "]");
			}
			ul_buf_adds(&b, "\n");
		}
		ul_csv_release(&c);
	}
	if (fp)
		fclose(fp);
	if (getenv("UL_UPDATE_GOLDEN")) {
		FILE *o = fopen(outp, "wb");
		if (o) {
			fwrite(b.s, 1, b.len, o);
			fclose(o);
		}
	}
	char *want = NULL;
	size_t wlen = 0;
	bool same = r == 0 && ul_read_file(outp, 1 << 20, &want, &wlen) == 0 &&
	    wlen == b.len && memcmp(want, b.s, wlen) == 0;
	ok(same, name);
	if (!same)
		printf("# got:\n# %s\n# want:\n# %s\n", b.s, want ? want : "");
	free(want);
	ul_buf_release(&b);
	free(csvp);
	free(outp);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Records that straddle the reader's 64 KiB buffer, streamed from a FILE. */
static void
straddle(void)
{
	struct ul_buf in;
	struct ul_csv c;
	size_t n = 0, bad = 0;
	FILE *fp;

	ul_buf_init(&in);
	ul_buf_adds(&in, "id;text\r\n");
	for (int i = 0; i < 5000; i++)
		ul_buf_addf(&in, "%d;\"ligne %d\r\n\"\"suite\"\" ; é\"\r\n", i, i);
	fp = fmemopen(in.s, in.len, "rb");
	if (fp && ul_csv_open(&c, "mem", fp, 0) == 0) {
		while (ul_csv_next(&c) == 1) {
			if (c.recno == 1)
				continue;
			char want[64];
			snprintf(want, sizeof(want), "ligne %zu\r\n\"suite\" ; é", n);
			if (c.n != 2 || strcmp(c.field[1], want) != 0 ||
			    c.line != (int)(2 + 2 * n))
				bad++;
			n++;
		}
		ul_csv_release(&c);
	}
	if (fp)
		fclose(fp);
	ok(n == 5000 && bad == 0, "5000 records across buffer refills, lines counted");
	ul_buf_release(&in);
}

/* A runaway quote is bounded: the record is reported, memory stays small. */
static void
runaway(void)
{
	size_t len = UL_CSV_MAX_RECORD + 1000;
	char *in = ul_xmalloc(len);
	struct ul_csv c;
	FILE *fp;
	int got = 0;

	memset(in, 'x', len);
	memcpy(in, "a\n\"", 3);
	fp = fmemopen(in, len, "rb");
	if (fp && ul_csv_open(&c, "mem", fp, 0) == 0) {
		ul_csv_next(&c);
		if (ul_csv_next(&c) == 1 && c.problem == UL_CSV_UNTERMINATED &&
		    c.problem_line == 2 && c.len[0] < UL_CSV_MAX_RECORD)
			got = 1;
		ul_csv_release(&c);
	}
	if (fp)
		fclose(fp);
	ok(got, "an unterminated quote over 4 MiB is reported with its line, bounded");
	free(in);
}

int
main(void)
{
	static const char *const names[] = {
		"comma_in_quotes", "empty", "empty_crlf", "escaped_quotes",
		"json", "location_coordinates", "newlines", "newlines_crlf",
		"quotes_and_newlines", "simple", "simple_crlf", "utf8",
	};
	for (size_t i = 0; i < UL_NELEM(names); i++)
		spectrum(names[i]);

	/* The upstream location_coordinates differs in the phone number only. */
	size_t nu, nf;
	struct jrec *up = jload("tests/csv-spectrum/json/location_coordinates.json", &nu);
	struct jrec *fx = jload("tests/csv-spectrum/fixed/location_coordinates.json", &nf);
	int diffs = 0;
	if (nu == 1 && nf == 1 && up[0].n == fx[0].n)
		for (size_t k = 0; k < up[0].n; k++)
			diffs += strcmp(up[0].key[k], fx[0].key[k]) != 0 ||
			    strcmp(up[0].val[k], fx[0].val[k]) != 0;
	ok(nu == 1 && nf == 1 && diffs == 1 &&
	   strcmp(up[0].val[0], "1234567890") == 0,
	   "upstream location_coordinates is wrong in the phone number only");
	jfree(up, nu);
	jfree(fx, nf);

	DIR *d = opendir("tests/csv-edges");
	struct dirent *de;
	char **files = NULL;
	size_t n = 0;
	while (d && (de = readdir(d))) {
		size_t l = strlen(de->d_name);
		if (l > 4 && strcmp(de->d_name + l - 4, ".csv") == 0) {
			files = ul_xreallocarray(files, n + 1, sizeof(*files));
			files[n++] = ul_xstrdup(de->d_name);
		}
	}
	if (d)
		closedir(d);
	qsort(files, n, sizeof(*files), cmp_str);
	ok(n >= 20, "the RFC 4180 edge fixtures are there");
	for (size_t i = 0; i < n; i++) {
		edge("tests/csv-edges", files[i]);
		free(files[i]);
	}
	free(files);

	straddle();
	runaway();
	return done_testing();
}
