/*
 * cmd_diff.c - parallax diff: what changed between the stored versions of
 * an article's URL, as a line diff of each version against the one
 * before, with version numbers, dates and row ids.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dbcmd.h"

/* Past this many lines x lines the middle is shown as replaced whole. */
#define MAX_CELLS ((size_t)16 << 20)
#define CONTEXT 2

typedef struct lines {
	const char **p;
	size_t *n;
	size_t count;
} lines;

/* Split text into lines (pointers into text). -1 out of memory. */
static int split(const char *text, size_t len, lines *l)
{
	size_t i, k = 0, cap = 1, start = 0;

	for (i = 0; i < len; i++)
		cap += text[i] == '\n';
	l->p = malloc(cap * sizeof(*l->p));
	l->n = malloc(cap * sizeof(*l->n));
	if (!l->p || !l->n)
		return -1;
	for (i = 0; i <= len; i++) {
		if (i < len && text[i] != '\n')
			continue;
		if (i == len && start == len)
			break; /* no empty line after a final newline */
		l->p[k] = text + start;
		l->n[k] = i - start;
		k++;
		start = i + 1;
	}
	l->count = k;
	return 0;
}

static int same(const lines *a, size_t i, const lines *b, size_t j)
{
	return a->n[i] == b->n[j] && !memcmp(a->p[i], b->p[j], a->n[i]);
}

/* One edit: ' ' kept, '-' removed from a, '+' added from b. */
typedef struct edit {
	char op;
	size_t i, j; /* line in a, line in b */
} edit;

/* The edit script from a to b (LCS over the differing middle). */
static edit *script(const lines *a, const lines *b, size_t *n_out)
{
	size_t pre = 0, suf = 0, n, m, i, j, k = 0;
	uint32_t *t = NULL;
	edit *e = malloc((a->count + b->count + 1) * sizeof(*e));

	if (!e)
		return NULL;
	while (pre < a->count && pre < b->count && same(a, pre, b, pre))
		pre++;
	while (suf < a->count - pre && suf < b->count - pre &&
	       same(a, a->count - 1 - suf, b, b->count - 1 - suf))
		suf++;
	n = a->count - pre - suf;
	m = b->count - pre - suf;
	for (i = 0; i < pre; i++)
		e[k++] = (edit){' ', i, i};
	if (n && m && (n + 1) * (m + 1) <= MAX_CELLS)
		t = calloc((n + 1) * (m + 1), sizeof(*t));
	if (t) {
		/* t[i][j]: LCS length of a's middle from i, b's from j */
		for (i = n; i-- > 0;)
			for (j = m; j-- > 0;)
				t[i * (m + 1) + j] =
				    same(a, pre + i, b, pre + j)
				    ? t[(i + 1) * (m + 1) + j + 1] + 1
				    : (t[(i + 1) * (m + 1) + j] >
				       t[i * (m + 1) + j + 1]
				       ? t[(i + 1) * (m + 1) + j]
				       : t[i * (m + 1) + j + 1]);
		i = 0;
		j = 0;
		while (i < n && j < m) {
			if (same(a, pre + i, b, pre + j)) {
				e[k++] = (edit){' ', pre + i, pre + j};
				i++;
				j++;
			} else if (t[(i + 1) * (m + 1) + j] >=
			           t[i * (m + 1) + j + 1]) {
				e[k++] = (edit){'-', pre + i, pre + j};
				i++;
			} else {
				e[k++] = (edit){'+', pre + i, pre + j};
				j++;
			}
		}
		free(t);
	} else {
		i = 0;
		j = 0;
	}
	for (; i < n; i++)
		e[k++] = (edit){'-', pre + i, pre + m};
	for (; j < m; j++)
		e[k++] = (edit){'+', pre + n, pre + j};
	for (i = 0; i < suf; i++)
		e[k++] = (edit){' ', pre + n + i, pre + m + i};
	*n_out = k;
	return e;
}

/* Print the edits in hunks with CONTEXT lines around each change. */
static size_t print_hunks(const lines *a, const lines *b, const edit *e,
                          size_t n)
{
	size_t k, changes = 0, last = SIZE_MAX;

	for (k = 0; k < n; k++) {
		size_t d, near = 0;

		/* show a kept line only within CONTEXT of a change */
		for (d = k >= CONTEXT ? k - CONTEXT : 0;
		     d <= k + CONTEXT && d < n; d++)
			if (e[d].op != ' ')
				near = 1;
		if (!near)
			continue;
		if (last == SIZE_MAX || k != last + 1)
			printf("@@ line %zu of the old, %zu of the new @@\n",
			       e[k].i + 1, e[k].j + 1);
		last = k;
		if (e[k].op == '+')
			printf("+%.*s\n", (int)b->n[e[k].j], b->p[e[k].j]);
		else
			printf("%c%.*s\n", e[k].op, (int)a->n[e[k].i],
			       a->p[e[k].i]);
		changes += e[k].op != ' ';
	}
	return changes;
}

typedef struct version {
	long long id;
	int v;
	char *when, *published, *text;
	size_t len;
} version;

static void version_clear(version *v)
{
	free(v->when);
	free(v->published);
	free(v->text);
	memset(v, 0, sizeof(*v));
}

static char *dup_col(sqlite3_stmt *st, int i, size_t *len)
{
	const char *p = (const char *)sqlite3_column_blob(st, i);
	size_t n = (size_t)sqlite3_column_bytes(st, i);
	char *z = malloc(n + 1);

	if (!z)
		return NULL;
	if (n)
		memcpy(z, p, n);
	z[n] = '\0';
	if (len)
		*len = n;
	return z;
}

/* Diff each version of article id's URL against the one before. */
static int diff_versions(px_store *s, long long id)
{
	sqlite3 *db = px_store_db(s);
	sqlite3_stmt *st = NULL;
	version prev, cur;
	int rc = PX_EXIT_OK, n = 0;

	memset(&prev, 0, sizeof(prev));
	memset(&cur, 0, sizeof(cur));
	if (sqlite3_prepare_v2(db, "SELECT b.id, b.version, b.ingested_at, "
	                       "b.published, b.text, a.url FROM articles a "
	                       "JOIN articles b ON b.url = a.url OR b.id = a.id "
	                       "WHERE a.id = ? ORDER BY b.version", -1, &st,
	                       NULL)) {
		px_cli_err("cannot read versions: %s", sqlite3_errmsg(db));
		return PX_EXIT_SYSTEM;
	}
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		lines la = {0}, lb = {0};
		edit *e = NULL;
		size_t ne = 0;

		cur.id = sqlite3_column_int64(st, 0);
		cur.v = sqlite3_column_int(st, 1);
		cur.when = dup_col(st, 2, NULL);
		cur.published = dup_col(st, 3, NULL);
		cur.text = dup_col(st, 4, &cur.len);
		if (!cur.when || !cur.published || !cur.text) {
			rc = PX_EXIT_SYSTEM;
			break;
		}
		if (n++ == 0)
			printf("== %s\n", sqlite3_column_type(st, 5) == SQLITE_NULL
			       ? "(no URL)" : (const char *)
			         sqlite3_column_text(st, 5));
		if (n > 1) {
			if (split(prev.text, prev.len, &la) ||
			    split(cur.text, cur.len, &lb) ||
			    !(e = script(&la, &lb, &ne))) {
				rc = PX_EXIT_SYSTEM;
			} else {
				printf("--- version %d (article %lld, published "
				       "%s, ingested %s)\n", prev.v, prev.id,
				       prev.published[0] ? prev.published : "-",
				       prev.when);
				printf("+++ version %d (article %lld, published "
				       "%s, ingested %s)\n", cur.v, cur.id,
				       cur.published[0] ? cur.published : "-",
				       cur.when);
				if (!print_hunks(&la, &lb, e, ne))
					printf("(only white space changed)\n");
			}
			free(e);
			free(la.p);
			free(la.n);
			free(lb.p);
			free(lb.n);
		}
		version_clear(&prev);
		prev = cur;
		memset(&cur, 0, sizeof(cur));
		if (rc)
			break;
	}
	sqlite3_finalize(st);
	version_clear(&prev);
	version_clear(&cur);
	if (rc == PX_EXIT_SYSTEM)
		px_cli_err("out of memory");
	else if (n == 1)
		printf("article %lld has one version: nothing changed\n", id);
	return rc;
}

int cmd_diff(int argc, char **argv)
{
	const char *db = PX_DEFAULT_DB, *ref = NULL;
	px_store *s = NULL;
	int64_t id;
	int i, st;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			px_cli_help(stdout, "diff");
			return PX_EXIT_OK;
		} else if (!strcmp(a, "--db")) {
			if (i + 1 >= argc)
				return px_cli_usage("diff", "--db needs a path");
			db = argv[++i];
		} else if (a[0] == '-' && a[1]) {
			return px_cli_usage("diff", "unknown option '%s'", a);
		} else if (!ref) {
			ref = a;
		} else {
			return px_cli_usage("diff", "one article at a time");
		}
	}
	if (!ref)
		return px_cli_usage("diff", "diff needs an article (row id or "
		                    "article id)");
	st = px_cli_article(db, ref, &s, &id);
	if (st)
		return st;
	st = diff_versions(s, (long long)id);
	px_store_close(s);
	return st;
}
